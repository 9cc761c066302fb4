//! BuildKit's AST dump (`Node.Dump()` in `parser.go`): the format of the
//! `result` files in BuildKit's parser tests, so we can be checked against them.

use crate::syntax::{Arguments, Diagnostic, Dockerfile, Instruction};

/// The dump BuildKit prints for this file, one `(keyword ...)` line per
/// instruction, or the first error BuildKit's parser would stop at.
pub fn dump(dockerfile: &Dockerfile) -> Result<String, &Diagnostic> {
    if let Some(err) = dockerfile
        .diagnostics
        .iter()
        .find(|d| d.is_buildkit_parser_error())
    {
        return Err(err);
    }
    let mut out = String::new();
    for instruction in &dockerfile.instructions {
        out.push('(');
        out.push_str(dump_instruction(instruction).trim());
        out.push_str(")\n");
    }
    Ok(out)
}

fn dump_instruction(instruction: &Instruction) -> String {
    let mut out = instruction.keyword_text.to_lowercase();
    if !instruction.flags.is_empty() {
        out.push_str(" [");
        for (i, flag) in instruction.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            go_quote(&flag.text, &mut out);
        }
        out.push(']');
    }
    dump_arguments(&instruction.arguments, &mut out);
    out
}

fn dump_arguments(arguments: &Arguments, out: &mut String) {
    let value = |v: &str, out: &mut String| {
        out.push(' ');
        go_quote(v, out);
    };
    match arguments {
        Arguments::None => {}
        Arguments::Invalid => value("", out),
        Arguments::Exec(words) | Arguments::Words(words) => {
            for w in words {
                value(&w.value, out);
            }
        }
        Arguments::Shell(w) | Arguments::Text(w) => value(&w.value, out),
        Arguments::Pairs(pairs) => {
            for p in pairs {
                value(&p.key.value, out);
                value(&p.value.value, out);
                value(if p.with_equals { "=" } else { "" }, out);
            }
        }
        Arguments::Healthcheck { kind, command } => {
            value(&kind.value, out);
            dump_arguments(command, out);
        }
        Arguments::Onbuild(child) => {
            out.push_str(" (");
            out.push_str(dump_instruction(child).trim());
            out.push(')');
        }
    }
}

/// Go's `strconv.Quote`: double quotes, C-style escapes, `\xNN` for other
/// ASCII controls, `\uNNNN` for non-printable Unicode, printable text as is.
pub fn go_quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if !is_go_printable(c) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An approximation of Go's `unicode.IsPrint` for non-ASCII characters:
/// controls, format characters and spaces other than U+0020 are not printable.
fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xD800..=0xDFFF)
        || (c as u32) >= 0xF0000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        let mut s = String::new();
        go_quote("a\"b\\c\u{0}\u{a0}♥\t", &mut s);
        assert_eq!(s, "\"a\\\"b\\\\c\\x00\\u00a0♥\\t\"");
    }
}
