//! A small, dependency-free syntax highlighter for the languages the guide shows.
//!
//! It runs at build time and emits `<span class="tok-*">` around tokens; the site's CSS colours
//! them for both themes. It is deliberately lexical (one line at a time, plus multi-line strings
//! for Python): the guide needs readable colour, not a compiler front end.

use crate::escape_html;

/// The languages a fenced block may name. Anything else is shown as plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeLang {
    Dockerfile,
    Bash,
    Console,
    Python,
    Yaml,
    Toml,
    Json,
    Text,
}

impl CodeLang {
    /// Parses the language word of a fence info string.
    pub fn from_info(word: &str) -> Option<CodeLang> {
        Some(match word.to_ascii_lowercase().as_str() {
            "dockerfile" | "docker" => CodeLang::Dockerfile,
            "bash" | "sh" | "shell" => CodeLang::Bash,
            "console" | "shell-session" => CodeLang::Console,
            "python" | "py" => CodeLang::Python,
            "yaml" | "yml" => CodeLang::Yaml,
            "toml" => CodeLang::Toml,
            "json" => CodeLang::Json,
            "text" | "txt" | "plain" | "" => CodeLang::Text,
            _ => return None,
        })
    }

    /// The canonical name, used in the `data-lang` attribute and in structure checks.
    pub fn name(self) -> &'static str {
        match self {
            CodeLang::Dockerfile => "dockerfile",
            CodeLang::Bash => "bash",
            CodeLang::Console => "console",
            CodeLang::Python => "python",
            CodeLang::Yaml => "yaml",
            CodeLang::Toml => "toml",
            CodeLang::Json => "json",
            CodeLang::Text => "text",
        }
    }

    /// The comment leader an annotation marker uses in this language.
    pub fn comment_leader(self) -> &'static str {
        match self {
            CodeLang::Json => "//",
            _ => "#",
        }
    }
}

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

const BASH_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case", "esac", "in",
    "function", "exec", "export", "set", "return", "exit", "local",
];

/// Token classes, rendered as `tok-<name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Keyword,
    String,
    Comment,
    Number,
    Variable,
    Flag,
    Key,
    Prompt,
    Output,
}

impl Tok {
    fn class(self) -> &'static str {
        match self {
            Tok::Keyword => "tok-k",
            Tok::String => "tok-s",
            Tok::Comment => "tok-c",
            Tok::Number => "tok-n",
            Tok::Variable => "tok-v",
            Tok::Flag => "tok-f",
            Tok::Key => "tok-p",
            Tok::Prompt => "tok-prompt",
            Tok::Output => "tok-out",
        }
    }
}

/// Builds highlighted HTML for one line at a time.
struct Out {
    html: String,
}

impl Out {
    fn plain(&mut self, text: &str) {
        self.html.push_str(&escape_html(text));
    }
    fn tok(&mut self, tok: Tok, text: &str) {
        if text.is_empty() {
            return;
        }
        self.html.push_str("<span class=\"");
        self.html.push_str(tok.class());
        self.html.push_str("\">");
        self.html.push_str(&escape_html(text));
        self.html.push_str("</span>");
    }
}

/// State carried from one line to the next.
#[derive(Default)]
struct LineState {
    /// Inside a Python triple-quoted string that opened with this delimiter.
    triple: Option<&'static str>,
}

/// Highlights `code` (one or more lines) and returns one HTML string per line, without the
/// trailing newline. Never fails: unknown input is escaped and shown as it is.
pub fn highlight_lines(lang: CodeLang, code: &str) -> Vec<String> {
    if lang == CodeLang::Dockerfile {
        return dockerfile_lines(code);
    }
    let mut state = LineState::default();
    code.split('\n')
        .map(|line| {
            let mut out = Out {
                html: String::new(),
            };
            match lang {
                CodeLang::Dockerfile => out.plain(line),
                CodeLang::Bash => shell_line(line, &mut out, true),
                CodeLang::Console => console_line(line, &mut out),
                CodeLang::Python => python_line(line, &mut state, &mut out),
                CodeLang::Yaml => yaml_line(line, &mut out),
                CodeLang::Toml => toml_line(line, &mut out),
                CodeLang::Json => json_line(line, &mut out),
                CodeLang::Text => out.plain(line),
            }
            out.html
        })
        .collect()
}

/// Splits `line` into (leading whitespace, rest).
fn split_indent(line: &str) -> (&str, &str) {
    let rest = line.trim_start();
    (&line[..line.len() - rest.len()], rest)
}

/// Length in bytes of a quoted string starting at `s[0]` (the quote), including the closing quote
/// when present; honours backslash escapes.
fn quoted_len(s: &str) -> usize {
    let quote = s.as_bytes()[0];
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate().skip(1) {
        if escaped {
            escaped = false;
        } else if b == b'\\' && quote != b'\'' {
            escaped = true;
        } else if b == quote {
            return i + 1;
        }
    }
    s.len()
}

/// Length of a `$NAME`, `${...}` or `$1` reference at the start of `s` (which starts with `$`).
fn variable_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    if bytes.len() < 2 {
        return 0;
    }
    if bytes[1] == b'{' {
        return s.find('}').map(|i| i + 1).unwrap_or(s.len());
    }
    let n = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    if n == 0 {
        0
    } else {
        n + 1
    }
}

fn word_len(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '$' | ';' | '|' | '&' | '(' | ')' | '=' | ','
                )
        })
        .map(|(i, _)| i)
        .unwrap_or(s.len())
        .max(s.chars().next().map(char::len_utf8).unwrap_or(0))
}

/// Shell words: strings, variables, flags, comments. `command_position` marks keywords.
fn shell_words(s: &str, out: &mut Out) {
    let mut rest = s;
    let mut at_word_start = true;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '#' if at_word_start => {
                out.tok(Tok::Comment, rest);
                return;
            }
            '"' | '\'' => {
                let n = quoted_len(rest);
                out.tok(Tok::String, &rest[..n]);
                n
            }
            '$' if variable_len(rest) > 0 => {
                let n = variable_len(rest);
                out.tok(Tok::Variable, &rest[..n]);
                n
            }
            '-' if at_word_start => {
                let n = word_len(rest);
                out.tok(Tok::Flag, &rest[..n]);
                n
            }
            c if c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | ')' | '=' | ',') => {
                let n = c.len_utf8();
                out.plain(&rest[..n]);
                at_word_start = true;
                rest = &rest[n..];
                continue;
            }
            _ => {
                let n = word_len(rest);
                let word = &rest[..n];
                if BASH_KEYWORDS.contains(&word) {
                    out.tok(Tok::Keyword, word);
                } else if word.bytes().all(|b| b.is_ascii_digit()) {
                    out.tok(Tok::Number, word);
                } else {
                    out.plain(word);
                }
                n
            }
        };
        at_word_start = false;
        rest = &rest[len..];
    }
}

fn shell_line(line: &str, out: &mut Out, _is_script: bool) {
    shell_words(line, out);
}

/// A console transcript: `$ command` lines are commands, other lines are output.
fn console_line(line: &str, out: &mut Out) {
    if let Some(cmd) = line.strip_prefix("$ ") {
        out.tok(Tok::Prompt, "$ ");
        shell_words(cmd, out);
    } else {
        out.tok(Tok::Output, line);
    }
}

/// A Dockerfile, coloured by the engine's highlighter (the one the lab uses, on the same
/// pages), cut into lines; a token that spans lines (a heredoc body, a continued string) is
/// coloured on each of them.
fn dockerfile_lines(code: &str) -> Vec<String> {
    use shipshape_dockerfile::HighlightKind as K;
    let class = |kind: K| -> Option<Tok> {
        Some(match kind {
            K::Instruction => Tok::Keyword,
            K::Flag | K::FlagValue => Tok::Flag,
            K::String | K::HeredocBody => Tok::String,
            K::Variable => Tok::Variable,
            K::Comment => Tok::Comment,
            K::ParserDirective | K::HeredocMarker | K::StageName => Tok::Number,
            K::Operator | K::Punctuation => Tok::Key,
            // The guide shows fragments (a RUN without its FROM): an instruction the parser
            // rejects in a fragment is still an instruction, and other rejected text is plain.
            K::Error => return None,
        })
    };
    let spans = shipshape_dockerfile::highlight(code);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut next_span = 0;
    for line in code.split('\n') {
        let end = start + line.len();
        let mut out = Out {
            html: String::new(),
        };
        let mut at = start;
        // Neighbouring tokens of one colour become one element (`--mount=` and `type=cache`).
        let mut pending: Option<(Tok, usize, usize)> = None;
        let flush = |out: &mut Out, pending: &mut Option<(Tok, usize, usize)>| {
            if let Some((tok, a, b)) = pending.take() {
                out.tok(tok, &code[a..b]);
            }
        };
        // Spans are in order and do not overlap; skip those that ended before this line.
        while next_span < spans.len() && spans[next_span].range.end <= start {
            next_span += 1;
        }
        let mut i = next_span;
        while i < spans.len() && spans[i].range.start < end {
            let s = &spans[i];
            let from = s.range.start.max(start).max(at);
            let to = s.range.end.min(end);
            if from < to && code.is_char_boundary(from) && code.is_char_boundary(to) {
                let text = &code[from..to];
                let keyword = s.kind == K::Error
                    && shipshape_dockerfile::Keyword::from_name(text)
                        != shipshape_dockerfile::Keyword::Unknown;
                let tok = class(s.kind).or(keyword.then_some(Tok::Keyword));
                match (tok, &mut pending) {
                    (Some(t), Some((p, _, b))) if *p == t && *b == from => *b = to,
                    (Some(t), _) => {
                        flush(&mut out, &mut pending);
                        out.plain(&code[at..from]);
                        pending = Some((t, from, to));
                    }
                    (None, _) => {
                        flush(&mut out, &mut pending);
                        out.plain(&code[at..to]);
                    }
                }
                at = to;
            }
            i += 1;
        }
        flush(&mut out, &mut pending);
        out.plain(&code[at..end]);
        lines.push(out.html);
        start = end + 1;
    }
    lines
}

fn python_line(line: &str, state: &mut LineState, out: &mut Out) {
    let mut rest = line;
    if let Some(delim) = state.triple {
        match rest.find(delim) {
            Some(i) => {
                out.tok(Tok::String, &rest[..i + 3]);
                rest = &rest[i + 3..];
                state.triple = None;
            }
            None => {
                out.tok(Tok::String, rest);
                return;
            }
        }
    }
    let mut prev_def = false;
    while let Some(c) = rest.chars().next() {
        let len = if c == '#' {
            out.tok(Tok::Comment, rest);
            return;
        } else if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            let delim: &'static str = if c == '"' { "\"\"\"" } else { "'''" };
            match rest[3..].find(delim) {
                Some(i) => {
                    out.tok(Tok::String, &rest[..i + 6]);
                    i + 6
                }
                None => {
                    out.tok(Tok::String, rest);
                    state.triple = Some(delim);
                    return;
                }
            }
        } else if c == '"' || c == '\'' {
            let n = quoted_len(rest);
            out.tok(Tok::String, &rest[..n]);
            n
        } else if c == '@' {
            let n = 1 + rest[1..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
                .count();
            out.tok(Tok::Flag, &rest[..n]);
            n
        } else if c.is_ascii_digit() {
            let n = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_')
                .count();
            out.tok(Tok::Number, &rest[..n]);
            n
        } else if c.is_alphabetic() || c == '_' {
            let n = rest
                .char_indices()
                .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '_'))
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            let word = &rest[..n];
            // A string prefix such as f"..." or b'...'.
            let next = rest[n..].chars().next();
            if matches!(word, "f" | "b" | "r" | "rb" | "fr") && matches!(next, Some('"' | '\'')) {
                let m = quoted_len(&rest[n..]);
                out.tok(Tok::String, &rest[..n + m]);
                prev_def = false;
                rest = &rest[n + m..];
                continue;
            }
            if PYTHON_KEYWORDS.contains(&word) {
                out.tok(Tok::Keyword, word);
                prev_def = word == "def" || word == "class";
                rest = &rest[n..];
                continue;
            } else if prev_def {
                out.tok(Tok::Variable, word);
            } else {
                out.plain(word);
            }
            n
        } else {
            let n = c.len_utf8();
            out.plain(&rest[..n]);
            if !c.is_whitespace() {
                prev_def = false;
            }
            rest = &rest[n..];
            continue;
        };
        prev_def = false;
        rest = &rest[len..];
    }
}

/// A scalar value in YAML or TOML: strings, numbers, booleans, comments.
fn scalar_value(s: &str, out: &mut Out) {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let n = if c == '#' {
            out.tok(Tok::Comment, rest);
            return;
        } else if c == '"' || c == '\'' {
            let n = quoted_len(rest);
            out.tok(Tok::String, &rest[..n]);
            n
        } else if c.is_whitespace() || matches!(c, '[' | ']' | '{' | '}' | ',' | '=' | ':') {
            let n = c.len_utf8();
            out.plain(&rest[..n]);
            n
        } else {
            let n = word_len(rest);
            let word = &rest[..n];
            if matches!(word, "true" | "false" | "null" | "yes" | "no") {
                out.tok(Tok::Keyword, word);
            } else if word.parse::<f64>().is_ok() {
                out.tok(Tok::Number, word);
            } else {
                out.plain(word);
            }
            n
        };
        rest = &rest[n..];
    }
}

fn yaml_line(line: &str, out: &mut Out) {
    let (indent, rest) = split_indent(line);
    out.plain(indent);
    if rest.starts_with('#') {
        out.tok(Tok::Comment, rest);
        return;
    }
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", rest),
    };
    out.plain(dash);
    // `key: value` (the key has no quotes or spaces before the colon in the guide's YAML).
    if let Some(i) = rest.find(':') {
        let key = &rest[..i];
        let after = &rest[i + 1..];
        if !key.is_empty()
            && !key.contains(' ')
            && !key.starts_with(['"', '\''])
            && (after.is_empty() || after.starts_with(' '))
        {
            out.tok(Tok::Key, key);
            out.plain(":");
            scalar_value(after, out);
            return;
        }
    }
    scalar_value(rest, out);
}

fn toml_line(line: &str, out: &mut Out) {
    let (indent, rest) = split_indent(line);
    out.plain(indent);
    if rest.starts_with('#') {
        out.tok(Tok::Comment, rest);
    } else if rest.starts_with('[') {
        out.tok(Tok::Keyword, rest);
    } else if let Some(i) = rest.find('=') {
        out.tok(Tok::Key, rest[..i].trim_end());
        out.plain(&rest[rest[..i].trim_end().len()..i + 1]);
        scalar_value(&rest[i + 1..], out);
    } else {
        scalar_value(rest, out);
    }
}

fn json_line(line: &str, out: &mut Out) {
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let n = if c == '"' {
            let n = quoted_len(rest);
            let is_key = rest[n..].trim_start().starts_with(':');
            out.tok(if is_key { Tok::Key } else { Tok::String }, &rest[..n]);
            n
        } else if rest.starts_with("//") {
            out.tok(Tok::Comment, rest);
            return;
        } else if c.is_ascii_digit() || c == '-' {
            let n = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+'))
                .count();
            out.tok(Tok::Number, &rest[..n]);
            n
        } else if c.is_ascii_alphabetic() {
            let n = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
            out.tok(Tok::Keyword, &rest[..n]);
            n
        } else {
            let n = c.len_utf8();
            out.plain(&rest[..n]);
            n
        };
        rest = &rest[n..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(lang: CodeLang, line: &str) -> String {
        highlight_lines(lang, line).remove(0)
    }

    #[test]
    fn dockerfile_instruction_flag_and_string() {
        let html = one(
            CodeLang::Dockerfile,
            "RUN --mount=type=cache pip install \"x\"",
        );
        assert!(
            html.starts_with("<span class=\"tok-k\">RUN</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"tok-f\">--mount=type=cache</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"tok-s\">&quot;x&quot;</span>"),
            "{html}"
        );
    }

    #[test]
    fn dockerfile_continuation_is_not_an_instruction() {
        let lines = highlight_lines(
            CodeLang::Dockerfile,
            "RUN apt-get update \\\n    copy files",
        );
        assert!(!lines[1].contains("tok-k"), "{}", lines[1]);
    }

    #[test]
    fn dockerfile_blocks_are_coloured_as_the_lab_colours_them() {
        // A heredoc body, and a shell comment that swallows the continued lines after it
        // (the engine knows both; a line-by-line highlighter did not).
        let lines = highlight_lines(
            CodeLang::Dockerfile,
            "FROM alpine\nRUN <<EOF\necho hi\nEOF\nRUN apk add \\\n  # curl \\\n  git",
        );
        assert!(
            lines[2].contains("<span class=\"tok-s\">echo hi</span>"),
            "{lines:?}"
        );
        assert!(
            lines[3].contains("<span class=\"tok-n\">EOF</span>"),
            "{lines:?}"
        );
        assert!(lines[5].contains("tok-c"), "{lines:?}");
        // Every line keeps its text.
        let text: Vec<String> = lines
            .iter()
            .map(|l| {
                let mut t = String::new();
                let mut tag = false;
                for c in l.chars() {
                    match c {
                        '<' => tag = true,
                        '>' => tag = false,
                        c if !tag => t.push(c),
                        _ => {}
                    }
                }
                t
            })
            .collect();
        assert_eq!(text[4], "RUN apk add \\");
    }

    #[test]
    fn dockerfile_exec_form_and_stage_name() {
        let html = one(CodeLang::Dockerfile, "CMD [\"fastapi\", \"run\"]");
        assert!(html.contains("<span class=\"tok-s\">&quot;fastapi&quot;</span>"));
        let from = one(CodeLang::Dockerfile, "FROM python:3.13 AS build");
        assert!(from.contains("<span class=\"tok-k\">AS</span>"), "{from}");
    }

    #[test]
    fn python_keywords_strings_decorators_and_triple_quotes() {
        let lines = highlight_lines(
            CodeLang::Python,
            "@app.get(\"/\")\ndef read_root():\n    s = \"\"\"a\nb\"\"\"  # done",
        );
        assert!(lines[0].contains("<span class=\"tok-f\">@app.get</span>"));
        assert!(lines[1].contains("<span class=\"tok-k\">def</span>"));
        assert!(lines[1].contains("<span class=\"tok-v\">read_root</span>"));
        assert!(
            lines[3].starts_with("<span class=\"tok-s\">b&quot;&quot;&quot;</span>"),
            "{}",
            lines[3]
        );
        assert!(lines[3].contains("tok-c"));
    }

    #[test]
    fn yaml_keys_and_values() {
        let html = one(CodeLang::Yaml, "  restart: unless-stopped # why");
        assert!(html.contains("<span class=\"tok-p\">restart</span>"));
        assert!(html.contains("<span class=\"tok-c\"># why</span>"));
        let list = one(CodeLang::Yaml, "- containerPort: 80");
        assert!(list.contains("<span class=\"tok-n\">80</span>"), "{list}");
    }

    #[test]
    fn toml_json_console() {
        let t = one(CodeLang::Toml, "[entryPoints.web]");
        assert!(t.contains("tok-k"));
        let kv = one(CodeLang::Toml, "address = \":80\"");
        assert!(kv.contains("<span class=\"tok-p\">address</span>"), "{kv}");
        let j = one(CodeLang::Json, "{\"item_id\": 5, \"q\": null}");
        assert!(j.contains("<span class=\"tok-p\">&quot;item_id&quot;</span>"));
        assert!(j.contains("<span class=\"tok-n\">5</span>"));
        assert!(j.contains("<span class=\"tok-k\">null</span>"));
        let c = highlight_lines(CodeLang::Console, "$ docker ps\nCONTAINER ID");
        assert!(c[0].starts_with("<span class=\"tok-prompt\">"));
        assert!(c[1].contains("tok-out"));
    }

    #[test]
    fn markup_in_code_is_escaped() {
        let html = one(CodeLang::Bash, "echo '<script>alert(1)</script>'");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "$", "${", "\"", "'", "\\", "#", "é$é", "a=\"", "RUN \\", "@", "\"\"\"",
        ] {
            for lang in [
                CodeLang::Dockerfile,
                CodeLang::Bash,
                CodeLang::Console,
                CodeLang::Python,
                CodeLang::Yaml,
                CodeLang::Toml,
                CodeLang::Json,
            ] {
                let _ = highlight_lines(lang, s);
            }
        }
    }
}
