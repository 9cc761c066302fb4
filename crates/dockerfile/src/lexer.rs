//! The word-level rules of BuildKit's Dockerfile parser (`parseWords`,
//! `extractBuilderFlags`, the JSON-array test, the heredoc marker test),
//! re-implemented from their documented behaviour. Every function returns byte
//! offsets into its input so the parser can give each piece a source span.

/// A word with its byte range in the text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawWord {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// BuildKit's `reWhitespace`: `[\t\v\f\r ]+` (not newline, not Unicode spaces).
pub(crate) fn is_split_space(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

/// Splits on BuildKit's `reWhitespace`, dropping empty pieces at the ends.
pub(crate) fn split_whitespace_runs(text: &str) -> Vec<RawWord> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_split_space(c) {
            if let Some(s) = start.take() {
                out.push(RawWord {
                    text: text[s..i].to_string(),
                    start: s,
                    end: i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(RawWord {
            text: text[s..].to_string(),
            start: s,
            end: text.len(),
        });
    }
    out
}

/// Byte offset just past the first run of split-spaces, and the offset where it starts:
/// `reWhitespace.Split(s, 2)`.
pub(crate) fn split_first_run(text: &str) -> Option<(usize, usize)> {
    let (ws_start, _) = text.char_indices().find(|&(_, c)| is_split_space(c))?;
    let after = text[ws_start..]
        .char_indices()
        .find(|&(_, c)| !is_split_space(c))
        .map(|(i, _)| ws_start + i)
        .unwrap_or(text.len());
    Some((ws_start, after))
}

/// Trims Unicode whitespace at both ends and returns the remaining range.
pub(crate) fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead == piece.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// `parseWords`: whitespace-separated words where quotes group (and are kept)
/// and the escape character protects the next character (and is kept).
pub(crate) fn parse_words(rest: &str, escape: char) -> Vec<RawWord> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    let n = chars.len();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut buf = String::new();
    let mut word_start = 0;
    let mut i = 0;
    while i <= n {
        if i == n {
            if phase != Phase::Spaces && (blank_ok || !buf.is_empty()) {
                words.push(RawWord {
                    text: core::mem::take(&mut buf),
                    start: word_start,
                    end: rest.len(),
                });
            }
            break;
        }
        let (pos, mut ch) = chars[i];
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                i += 1;
                continue;
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !buf.is_empty() {
                    words.push(RawWord {
                        text: core::mem::take(&mut buf),
                        start: word_start,
                        end: pos,
                    });
                }
                buf.clear();
                blank_ok = false;
                i += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                if i + 1 == n {
                    i += 1;
                    continue;
                }
                buf.push(ch);
                i += 1;
                ch = chars[i].1;
            }
            buf.push(ch);
            i += 1;
            continue;
        }
        // Inside quotes.
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            if i + 1 == n {
                phase = Phase::Word;
                i += 1;
                continue;
            }
            i += 1;
            buf.push(ch);
            ch = chars[i].1;
        }
        buf.push(ch);
        i += 1;
    }
    words
}

/// `extractBuilderFlags`: leading `--flag` words (quotes removed, escapes
/// applied). Returns the flags and the byte offset where the arguments start.
/// BuildKit walks bytes here; we walk characters and treat only ASCII
/// whitespace as separators, which differs only for stray U+0085/U+00A0 bytes.
pub(crate) fn extract_flags(line: &str, escape: char) -> (Vec<RawWord>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    // Decoded lazily: this runs on every instruction and usually stops at the
    // first word, so collecting a long RUN line into a Vec would be waste.
    let at = |pos: usize| line.get(pos..).and_then(|r| r.chars().next());
    let is_space = |c: char| c.is_ascii_whitespace() || c == '\u{0b}';
    let n = line.len();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut buf = String::new();
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut word_start = 0;
    let mut pos = 0;
    loop {
        let Some(mut ch) = at(pos) else {
            if phase != Phase::Spaces && buf != "--" && (blank_ok || !buf.is_empty()) {
                words.push(RawWord {
                    text: buf,
                    start: word_start,
                    end: n,
                });
            }
            return (words, n);
        };
        let width = ch.len_utf8();
        if phase == Phase::Spaces {
            if is_space(ch) {
                pos += width;
                continue;
            }
            if ch != '-' || at(pos + 1) != Some('-') {
                return (words, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        let mut next = pos + width;
        if phase == Phase::Word {
            if is_space(ch) {
                phase = Phase::Spaces;
                if buf == "--" {
                    return (words, pos);
                }
                if blank_ok || !buf.is_empty() {
                    words.push(RawWord {
                        text: core::mem::take(&mut buf),
                        start: word_start,
                        end: pos,
                    });
                }
                buf.clear();
                blank_ok = false;
                pos = next;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos = next;
                continue;
            }
            if ch == escape {
                match at(next) {
                    None => {
                        pos = next;
                        continue;
                    }
                    Some(c) => {
                        ch = c;
                        next += c.len_utf8();
                    }
                }
            }
            buf.push(ch);
            pos = next;
            continue;
        }
        if ch == quote {
            phase = Phase::Word;
            pos = next;
            continue;
        }
        if ch == escape {
            match at(next) {
                None => {
                    phase = Phase::Word;
                    pos = next;
                    continue;
                }
                Some(c) => {
                    ch = c;
                    next += c.len_utf8();
                }
            }
        }
        buf.push(ch);
        pos = next;
    }
}

/// Why text that starts like a JSON array is not used as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonArrayError {
    /// Not valid JSON (or not an array): BuildKit falls back to shell form.
    NotJson,
    /// Valid JSON array with a non-string element: BuildKit rejects the file.
    NotStrings,
}

/// Go's `encoding/json` nesting limit; deeper input is a syntax error there.
const MAX_JSON_DEPTH: usize = 10_000;

/// `parseJSON`: the text (after leading whitespace) must be exactly one JSON
/// array of strings. Returns the decoded strings with the byte range of each
/// string literal.
pub(crate) fn parse_json_array(text: &str) -> Result<Vec<RawWord>, JsonArrayError> {
    let lead = text.len() - text.trim_start().len();
    let bytes = text.as_bytes();
    if bytes.get(lead) != Some(&b'[') {
        return Err(JsonArrayError::NotJson);
    }
    let mut p = JsonCursor {
        text,
        pos: lead + 1,
    };
    let mut out = Vec::new();
    let mut non_string = false;
    p.skip_ws();
    if p.peek() == Some(b']') {
        p.pos += 1;
    } else {
        loop {
            p.skip_ws();
            if p.peek() == Some(b'"') {
                let start = p.pos;
                let s = p.string().ok_or(JsonArrayError::NotJson)?;
                out.push(RawWord {
                    text: s,
                    start,
                    end: p.pos,
                });
            } else {
                p.value().ok_or(JsonArrayError::NotJson)?;
                non_string = true;
            }
            p.skip_ws();
            match p.peek() {
                Some(b',') => p.pos += 1,
                Some(b']') => {
                    p.pos += 1;
                    break;
                }
                _ => return Err(JsonArrayError::NotJson),
            }
        }
    }
    p.skip_ws();
    if p.pos != bytes.len() {
        return Err(JsonArrayError::NotJson);
    }
    if non_string {
        return Err(JsonArrayError::NotStrings);
    }
    Ok(out)
}

struct JsonCursor<'a> {
    text: &'a str,
    pos: usize,
}

impl JsonCursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        if self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Some(())
        } else {
            None
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let v = u32::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(v)
    }

    /// A JSON string starting at the opening quote, decoded the way Go does
    /// (lone surrogates become U+FFFD).
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.pos..)?;
            let c = rest.chars().next()?;
            match c {
                '"' => {
                    self.pos += 1;
                    return Some(out);
                }
                '\\' => {
                    self.pos += 1;
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi) {
                                // Try for a low surrogate.
                                let save = self.pos;
                                let lo = if self.text.as_bytes()[self.pos..].starts_with(b"\\u") {
                                    self.pos += 2;
                                    self.hex4()
                                } else {
                                    None
                                };
                                match lo {
                                    Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                        let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                        out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                                    }
                                    _ => {
                                        self.pos = save;
                                        out.push('\u{FFFD}');
                                    }
                                }
                            } else {
                                out.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
                            }
                        }
                        _ => return None,
                    }
                }
                c if (c as u32) < 0x20 => return None,
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn number(&mut self) -> Option<()> {
        let b = self.text.as_bytes();
        let digits = |pos: &mut usize| {
            let s = *pos;
            while b.get(*pos).is_some_and(|c| c.is_ascii_digit()) {
                *pos += 1;
            }
            *pos > s
        };
        let mut pos = self.pos;
        if b.get(pos) == Some(&b'-') {
            pos += 1;
        }
        match b.get(pos) {
            Some(b'0') => pos += 1,
            Some(c) if c.is_ascii_digit() => {
                digits(&mut pos);
            }
            _ => return None,
        }
        if b.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                return None;
            }
        }
        if matches!(b.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(b.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            if !digits(&mut pos) {
                return None;
            }
        }
        self.pos = pos;
        Some(())
    }

    /// Validates one JSON value of any kind, iteratively (no recursion, so
    /// deeply nested input cannot overflow the stack).
    fn value(&mut self) -> Option<()> {
        // Stack of open containers: true = object, false = array.
        let mut stack: Vec<bool> = Vec::new();
        loop {
            // Expect a value.
            self.skip_ws();
            match self.peek()? {
                b'{' | b'[' => {
                    let is_obj = self.peek() == Some(b'{');
                    self.pos += 1;
                    stack.push(is_obj);
                    if stack.len() > MAX_JSON_DEPTH {
                        return None;
                    }
                    self.skip_ws();
                    let close = if is_obj { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        stack.pop();
                    } else {
                        if is_obj {
                            self.object_key()?;
                        }
                        continue;
                    }
                }
                b'"' => {
                    self.string()?;
                }
                b't' => self.literal("true")?,
                b'f' => self.literal("false")?,
                b'n' => self.literal("null")?,
                _ => self.number()?,
            }
            // After a value: close containers or move to the next element.
            loop {
                let Some(&is_obj) = stack.last() else {
                    return Some(());
                };
                self.skip_ws();
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        if is_obj {
                            self.object_key()?;
                        }
                        break;
                    }
                    b'}' if is_obj => {
                        self.pos += 1;
                        stack.pop();
                    }
                    b']' if !is_obj => {
                        self.pos += 1;
                        stack.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    fn object_key(&mut self) -> Option<()> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return None;
        }
        self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return None;
        }
        self.pos += 1;
        Some(())
    }
}

/// A heredoc marker found on an instruction line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeredocMarker {
    pub name: String,
    pub file_descriptor: u32,
    pub expand: bool,
    pub chomp: bool,
    pub start: usize,
    pub end: usize,
}

/// Heredoc markers on a logical line, the way BuildKit finds them: split the
/// line into shell words (quotes and escapes kept, `<<` glued to the spaces
/// after it), then test each word against `^(\d*)<<(-?)\s*([^<]*)$`.
/// `Err` carries the word whose quoting is broken.
pub(crate) fn heredoc_markers(line: &str) -> Result<Vec<HeredocMarker>, String> {
    let mut out = Vec::new();
    for word in raw_shell_words(line) {
        if let Some(m) = heredoc_marker(&word.text)? {
            out.push(HeredocMarker {
                start: word.start,
                end: word.end,
                ..m
            });
        }
    }
    Ok(out)
}

/// Shell words with quotes and escapes kept verbatim. An unterminated quote
/// makes BuildKit's lexer fail, and then it finds no heredocs at all.
fn raw_shell_words(line: &str) -> Vec<RawWord> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut i = 0;
    let n = chars.len();
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    while i < n {
        while i < n && is_ws(chars[i].1) {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = chars[i].0;
        let mut text = String::new();
        while i < n && !is_ws(chars[i].1) {
            let c = chars[i].1;
            match c {
                '\'' | '"' => {
                    text.push(c);
                    i += 1;
                    let mut closed = false;
                    while i < n {
                        let d = chars[i].1;
                        if c == '"' && d == '\\' && i + 1 < n {
                            text.push(d);
                            text.push(chars[i + 1].1);
                            i += 2;
                            continue;
                        }
                        text.push(d);
                        i += 1;
                        if d == c {
                            closed = true;
                            break;
                        }
                    }
                    if !closed {
                        return Vec::new();
                    }
                }
                '\\' => {
                    text.push(c);
                    i += 1;
                    if i < n {
                        text.push(chars[i].1);
                        i += 1;
                    }
                }
                '<' if i + 1 < n && chars[i + 1].1 == '<' => {
                    text.push_str("<<");
                    i += 2;
                    while i < n && is_ws(chars[i].1) {
                        text.push(chars[i].1);
                        i += 1;
                    }
                }
                _ => {
                    text.push(c);
                    i += 1;
                }
            }
        }
        let end = if i < n { chars[i].0 } else { line.len() };
        words.push(RawWord { text, start, end });
    }
    words
}

/// Tests one raw word; `Ok(None)` when it is not a heredoc marker.
fn heredoc_marker(word: &str) -> Result<Option<HeredocMarker>, String> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &word[digits..];
    let Some(rest) = rest.strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r', '\u{0c}', '\u{0b}']);
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let name = unquote_heredoc_word(rest).ok_or_else(|| word.to_string())?;
    if name.is_empty() {
        return Ok(None);
    }
    let quotes = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    let file_descriptor = word[..digits].parse::<u32>().unwrap_or(0);
    Ok(Some(HeredocMarker {
        expand: quotes(&name) == quotes(rest),
        name,
        file_descriptor,
        chomp,
        start: 0,
        end: 0,
    }))
}

/// Shell unquoting of a heredoc terminator word (`eo'f'` → `eof`); `None` on
/// an unterminated quote.
fn unquote_heredoc_word(word: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    d => out.push(d),
                }
            },
            '"' => loop {
                match chars.next()? {
                    '"' => break,
                    '\\' if matches!(chars.peek(), Some('"' | '\\' | '$')) => {
                        out.push(chars.next()?);
                    }
                    d => out.push(d),
                }
            },
            '\\' => {
                if let Some(d) = chars.next() {
                    out.push(d);
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(w: &[RawWord]) -> Vec<&str> {
        w.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            texts(&parse_words("foo bar 'abc xyz'", '\\')),
            ["foo", "bar", "'abc xyz'"]
        );
        assert_eq!(texts(&parse_words("foo\\ bar", '\\')), ["foo\\ bar"]);
        assert_eq!(
            texts(&parse_words(r#"föo bàr "âbc xÿz""#, '\\')),
            ["föo", "bàr", "\"âbc xÿz\""]
        );
        let w = parse_words("  ab  cd", '\\');
        assert_eq!((w[1].start, w[1].end), (6, 8));
    }

    #[test]
    fn flags_stop_at_first_plain_word() {
        let (flags, rest) = extract_flags("--from=build --chown=\"a b\" src dst", '\\');
        assert_eq!(texts(&flags), ["--from=build", "--chown=a b"]);
        assert_eq!(rest, 27);
        let (flags, rest) = extract_flags("-- --x", '\\');
        assert!(flags.is_empty());
        assert_eq!(rest, 2);
    }

    #[test]
    fn json_arrays_follow_go_rules() {
        let w = parse_json_array(r#"[ "a", "b\u00e9\n" ]"#).unwrap();
        assert_eq!(texts(&w), ["a", "bé\n"]);
        assert_eq!(parse_json_array("['a']"), Err(JsonArrayError::NotJson));
        assert_eq!(parse_json_array(r#"["a"] x"#), Err(JsonArrayError::NotJson));
        assert_eq!(
            parse_json_array(r#"[ "echo", [ "nested json" ] ]"#),
            Err(JsonArrayError::NotStrings)
        );
        assert_eq!(
            parse_json_array(r#"[1, {"a": [true, null]}]"#),
            Err(JsonArrayError::NotStrings)
        );
        assert_eq!(
            parse_json_array(r#"["\ud83d\ude00", "\ud800"]"#).unwrap()[0].text,
            "😀"
        );
        let deep = "[".repeat(20_000);
        assert_eq!(parse_json_array(&deep), Err(JsonArrayError::NotJson));
    }

    #[test]
    fn heredoc_markers_match_buildkit_examples() {
        let names = |line: &str| -> Vec<String> {
            heredoc_markers(line)
                .unwrap()
                .into_iter()
                .map(|m| m.name)
                .collect()
        };
        assert_eq!(names("RUN <<EOF"), ["EOF"]);
        // BuildKit's lexer glues only the spaces right after `<<` to the word,
        // so `<<- EOF` is two words and no heredoc (its own test passes vacuously).
        assert!(names("RUN <<- EOF").is_empty());
        assert_eq!(names("RUN <<  EOF  > foo"), ["EOF"]);
        assert_eq!(names("RUN << -EOF"), ["-EOF"]);
        assert_eq!(names("RUN 4<<EOF"), ["EOF"]);
        assert_eq!(names("RUN <<EOF <<EOF2"), ["EOF", "EOF2"]);
        assert!(names("RUN '<<EOF'").is_empty());
        assert!(names("RUN \"<<EOF\"").is_empty());
        assert!(names("RUN <<").is_empty());
        let m = &heredoc_markers("RUN <<'e'o\\'f").unwrap()[0];
        assert_eq!((m.name.as_str(), m.expand), ("eo'f", false));
        let m = &heredoc_markers("RUN <<eo\\'f").unwrap()[0];
        assert_eq!((m.name.as_str(), m.expand), ("eo'f", true));
        let m = &heredoc_markers("RUN 3<<-'one two'").unwrap()[0];
        assert_eq!(
            (m.name.as_str(), m.file_descriptor, m.chomp),
            ("one two", 3, true)
        );
        // An unterminated quote makes BuildKit's lexer give up: no heredoc.
        assert!(heredoc_markers("RUN <<EOF'").unwrap().is_empty());
    }
}
