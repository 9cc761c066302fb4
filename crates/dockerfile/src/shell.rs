//! Shell-word rules the Dockerfile frontend applies where Docker substitutes
//! variables (FROM, COPY, ADD, ENV, ARG, LABEL, USER, WORKDIR, EXPOSE,
//! VOLUME, STOPSIGNAL): quotes, the escape character, `$V`, `${V}`,
//! `${V:-x}`, `${V-x}`, `${V:+x}`, `${V+x}`, `${V:?x}`. Also finds which
//! variables a text refers to, which the rebuild model needs to know when a
//! changed build argument is first used.

/// Nested `${a:-${b:-...}}` deeper than this is kept literally rather than
/// recursed into, so hostile input cannot exhaust the stack.
const MAX_NESTING: usize = 32;

/// Expands `word` the way BuildKit's shell lexer does: quotes removed, escapes
/// applied, variables replaced (unset ones become empty). Every variable
/// name looked up is appended to `used`.
pub fn expand(
    word: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    used: &mut Vec<String>,
) -> String {
    // Most words have nothing to expand or unquote.
    if !word.contains(['$', '\'', '"', escape]) {
        return word.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        pos: 0,
        escape,
        lookup,
        used,
    };
    lexer.word(None, 0)
}

/// Removes quotes and escapes without knowing any variable (they expand to
/// nothing): the literal meaning of a word.
pub fn unquote(word: &str, escape: char) -> String {
    expand(word, escape, &|_| None, &mut Vec::new())
}

/// The names of the variables `text` refers to (`$A`, `${B:-x}` → `A`, `B`),
/// outside single quotes, in order, without duplicates.
pub fn variables(text: &str, escape: char) -> Vec<String> {
    if !text.contains('$') {
        return Vec::new();
    }
    let mut used = Vec::new();
    expand(text, escape, &|_| None, &mut used);
    let mut seen = Vec::new();
    for name in used {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

struct Lexer<'a> {
    chars: &'a [char],
    pos: usize,
    escape: char,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    used: &'a mut Vec<String>,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Reads until `stop` (consumed) or the end.
    fn word(&mut self, stop: Option<char>, depth: usize) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += 1;
                return out;
            }
            self.pos += 1;
            match c {
                '\'' => {
                    while let Some(d) = self.next() {
                        if d == '\'' {
                            break;
                        }
                        out.push(d);
                    }
                }
                '"' => self.double_quoted(&mut out, depth),
                '$' => out.push_str(&self.dollar(depth)),
                c if c == self.escape => {
                    if let Some(d) = self.next() {
                        out.push(d);
                    }
                }
                c => out.push(c),
            }
        }
        out
    }

    fn double_quoted(&mut self, out: &mut String, depth: usize) {
        while let Some(c) = self.next() {
            match c {
                '"' => return,
                '$' => out.push_str(&self.dollar(depth)),
                c if c == self.escape => match self.peek() {
                    None => {}
                    Some(d) if d == '"' || d == '$' || d == self.escape => {
                        self.pos += 1;
                        out.push(d);
                    }
                    Some(_) => out.push(c),
                },
                c => out.push(c),
            }
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() || "@*#?-$!".contains(c) => {
                self.pos += 1;
                name.push(c);
            }
            _ => {
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        name
    }

    fn get(&mut self, name: &str) -> Option<String> {
        self.used.push(name.to_string());
        (self.lookup)(name)
    }

    /// After a `$`.
    fn dollar(&mut self, depth: usize) -> String {
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return "$".to_string();
            }
            return self.get(&name).unwrap_or_default();
        }
        self.pos += 1;
        if depth >= MAX_NESTING {
            // Keep the rest of the braces literally.
            let mut raw = String::from("${");
            while let Some(c) = self.next() {
                raw.push(c);
                if c == '}' {
                    break;
                }
            }
            return raw;
        }
        let name = self.name();
        let value = if name.is_empty() {
            None
        } else {
            self.get(&name)
        };
        match self.next() {
            Some('}') | None => value.unwrap_or_default(),
            Some(':') => {
                let op = self.next();
                let word = self.word(Some('}'), depth + 1);
                let set = value.as_deref().is_some_and(|v| !v.is_empty());
                match op {
                    Some('-') if !set => word,
                    Some('+') if set => word,
                    Some('+') => String::new(),
                    _ => value.unwrap_or_default(),
                }
            }
            Some('-') => {
                let word = self.word(Some('}'), depth + 1);
                value.unwrap_or(word)
            }
            Some('+') => {
                let word = self.word(Some('}'), depth + 1);
                if value.is_some() {
                    word
                } else {
                    String::new()
                }
            }
            // `?`, `#`, `%`, `/` and friends: keep the value (patterns are not
            // applied; the rebuild model only needs to know the variable is used).
            Some(_) => {
                self.word(Some('}'), depth + 1);
                value.unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "V" => Some("1.2".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    fn ex(word: &str) -> String {
        expand(word, '\\', &env, &mut Vec::new())
    }

    #[test]
    fn substitution_forms() {
        assert_eq!(ex("app-$V"), "app-1.2");
        assert_eq!(ex("${V}x"), "1.2x");
        assert_eq!(ex("${NOPE:-dflt}"), "dflt");
        assert_eq!(ex("${EMPTY:-dflt}"), "dflt");
        assert_eq!(ex("${EMPTY-dflt}"), "");
        assert_eq!(ex("${V:+set}"), "set");
        assert_eq!(ex("${NOPE:+set}"), "");
        assert_eq!(ex("'$V'"), "$V");
        assert_eq!(ex("\"a $V\""), "a 1.2");
        assert_eq!(ex("a\\ b"), "a b");
        assert_eq!(ex("${NOPE:-${V}}"), "1.2");
        assert_eq!(ex("$"), "$");
    }

    #[test]
    fn finds_variable_names() {
        assert_eq!(
            variables("pip install app==$VERSION ${PY:-3}", '\\'),
            ["VERSION", "PY"]
        );
        assert!(variables("echo '$NOT'", '\\').is_empty());
        let deep = "${A:-".repeat(10_000);
        assert!(!variables(&deep, '\\').is_empty());
    }
}
