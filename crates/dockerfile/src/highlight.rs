//! Syntax highlighting from the engine's own syntax tree: what is coloured is
//! exactly what the parser understood (the keyword it read, the flags it
//! split off, the heredoc bodies it attached, the parser directives it
//! accepted), so the editor never disagrees with the analysis.
//!
//! The tree gives the structure; inside argument text a small byte scanner
//! finds quotes, variables, shell operators, JSON punctuation and line
//! continuations. Every character the scanner reacts to is ASCII, so every
//! span starts and ends on a character boundary.

use crate::parser::parse;
use crate::syntax::{Arguments, Dockerfile, Instruction, Keyword, Severity};
use core::ops::Range;

/// What a range of the source is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// An instruction keyword (`RUN`), and `AS` on a FROM line.
    Instruction,
    /// A flag's name up to and including `=`: `--from=`.
    Flag,
    /// A flag's value: `builder` in `--from=builder`.
    FlagValue,
    /// A quoted string (variables inside double quotes are split out).
    String,
    /// `$VAR`, `${VAR:-x}`, and the names ARG and ENV declare.
    Variable,
    Comment,
    /// `# syntax=...`, `# escape=...`, `# check=...` at the top.
    ParserDirective,
    /// `<<EOF` on the instruction line and the terminator line.
    HeredocMarker,
    HeredocBody,
    /// `&&`, `||`, `|`, `;` in shell-form commands.
    Operator,
    /// JSON brackets and commas, and the escape character that continues a line.
    Punctuation,
    /// The name after `FROM image AS`.
    StageName,
    /// Text the parser rejected. An error about a whole instruction marks its
    /// keyword only (the rest keeps its colours); the full range is in
    /// [`Dockerfile::diagnostics`].
    Error,
}

impl HighlightKind {
    /// A short lower-case name, usable as a CSS class suffix.
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 13] = [
            "instruction",
            "flag",
            "flag-value",
            "string",
            "variable",
            "comment",
            "directive",
            "heredoc-marker",
            "heredoc-body",
            "operator",
            "punctuation",
            "stage-name",
            "error",
        ];
        NAMES[self as usize]
    }
}

/// One coloured range: byte offsets into the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightSpan {
    pub range: Range<usize>,
    pub kind: HighlightKind,
}

/// Highlights `source`. The spans are sorted, do not overlap, lie on
/// character boundaries and cover only text that has a kind. Never panics.
pub fn highlight(source: &str) -> Vec<HighlightSpan> {
    highlight_parsed(&parse(source), source)
}

/// [`highlight`] for a Dockerfile already parsed from `source` (the lab parses
/// once per keystroke and shares the tree).
pub fn highlight_parsed(dockerfile: &Dockerfile, source: &str) -> Vec<HighlightSpan> {
    let mut h = Highlighter::new(dockerfile, source);
    for d in &dockerfile.directives {
        h.push(d.span.start, d.span.end, HighlightKind::ParserDirective);
    }
    // Heredoc bodies and terminators, in source order: no comments there.
    let mut bodies: Vec<(usize, usize)> = Vec::new();
    for ins in &dockerfile.instructions {
        for doc in &own_instruction(ins).heredocs {
            h.push(
                doc.marker_span.start,
                doc.marker_span.end,
                HighlightKind::HeredocMarker,
            );
            h.push(
                doc.content_span.start,
                doc.content_span.end,
                HighlightKind::HeredocBody,
            );
            h.push(
                doc.terminator_span.start,
                doc.terminator_span.end,
                HighlightKind::HeredocMarker,
            );
            bodies.push((doc.content_span.start, doc.terminator_span.end));
        }
        h.instruction(ins, head_end(ins));
    }
    h.comments(&bodies);
    let mut errors = Vec::new();
    for (a, b) in error_ranges(dockerfile) {
        word_lines(source.as_bytes(), a, b, |a, b| errors.push((a, b)));
    }
    h.finish(source, errors)
}

/// A shell comment in a shell-form command that the command's later lines
/// continue: Docker joins the lines before the shell reads them, so those
/// lines are part of the comment and never run (rule SS015).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SwallowingComment {
    /// From the `#` to the end of its line (the continuation escape included).
    pub comment: Range<usize>,
    /// The text of each later line the comment takes in, in order.
    pub swallowed: Vec<Range<usize>>,
}

/// The comment of `ins` that swallows later lines, if it has one: what the
/// highlighter colours as comment inside the instruction, read back.
pub(crate) fn swallowing_comment(
    dockerfile: &Dockerfile,
    source: &str,
    ins: &Instruction,
) -> Option<SwallowingComment> {
    let text = source.get(ins.span.start..ins.span.end)?;
    if !text.contains('#') || !text.contains('\n') {
        return None;
    }
    let mut h = Highlighter::new(dockerfile, source);
    h.instruction(ins, head_end(ins));
    let mut comments = h
        .spans
        .iter()
        .filter(|(_, _, k)| *k == HighlightKind::Comment)
        .map(|&(a, b, _)| a..b);
    let comment = comments.next()?;
    let swallowed: Vec<Range<usize>> = comments.collect();
    (!swallowed.is_empty()).then_some(SwallowingComment { comment, swallowed })
}

/// The instruction that carries the arguments: an ONBUILD's trigger, else itself.
fn own_instruction(ins: &Instruction) -> &Instruction {
    match &ins.arguments {
        Arguments::Onbuild(child) => child,
        _ => ins,
    }
}

/// Where an instruction's own text ends: before its first heredoc body.
fn head_end(ins: &Instruction) -> usize {
    own_instruction(ins)
        .heredocs
        .first()
        .map_or(ins.span.end, |d| d.content_span.start)
        .min(ins.span.end)
        .max(ins.span.start)
}

struct Highlighter<'a> {
    src: &'a [u8],
    escape: u8,
    /// (start, end, kind); sorted and clipped in `finish`.
    spans: Vec<(usize, usize, HighlightKind)>,
}

/// How the argument text of an instruction is read.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Plain,
    Shell,
    Exec,
}

impl<'a> Highlighter<'a> {
    fn new(dockerfile: &Dockerfile, source: &'a str) -> Highlighter<'a> {
        Highlighter {
            src: source.as_bytes(),
            escape: if dockerfile.escape.is_ascii() {
                dockerfile.escape as u8
            } else {
                b'\\'
            },
            spans: Vec::new(),
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: HighlightKind) {
        if start < end {
            self.spans.push((start, end, kind));
        }
    }

    /// A span from the tree: see [`word_lines`].
    fn push_word(&mut self, start: usize, end: usize, kind: HighlightKind) {
        let mut pieces = Vec::new();
        word_lines(self.src, start, end, |a, b| pieces.push((a, b)));
        for (a, b) in pieces {
            self.push(a, b, kind);
        }
    }

    fn instruction(&mut self, ins: &Instruction, head_end: usize) {
        use HighlightKind as K;
        self.push_word(ins.keyword_span.start, ins.keyword_span.end, K::Instruction);
        let mut pos = ins.keyword_span.end;
        for f in &ins.flags {
            let text = self.src.get(f.span.start..f.span.end).unwrap_or(&[]);
            match text.iter().position(|&b| b == b'=') {
                Some(eq) => {
                    self.push_word(f.span.start, f.span.start + eq + 1, K::Flag);
                    self.push_word(f.span.start + eq + 1, f.span.end, K::FlagValue);
                }
                None => self.push_word(f.span.start, f.span.end, K::Flag),
            }
            pos = pos.max(f.span.end);
        }
        let mode = match &ins.arguments {
            Arguments::Onbuild(child) => return self.instruction(child, head_end),
            Arguments::Exec(_) => Mode::Exec,
            Arguments::Shell(_) => Mode::Shell,
            Arguments::Healthcheck { kind, command } => {
                self.push_word(kind.span.start, kind.span.end, K::Instruction);
                pos = pos.max(kind.span.end);
                match **command {
                    Arguments::Exec(_) => Mode::Exec,
                    _ => Mode::Shell,
                }
            }
            Arguments::Words(w) if ins.keyword == Keyword::From => {
                if let [_, as_kw, name] = w.as_slice() {
                    if as_kw.value.eq_ignore_ascii_case("as") {
                        self.push_word(as_kw.span.start, as_kw.span.end, K::Instruction);
                        self.push_word(name.span.start, name.span.end, K::StageName);
                    }
                }
                Mode::Plain
            }
            Arguments::Words(w) if ins.keyword == Keyword::Arg => {
                for word in w {
                    let (a, b) = (word.span.start, word.span.end);
                    let text = self.src.get(a..b).unwrap_or(&[]);
                    let end = text.iter().position(|&c| c == b'=').map_or(b, |i| a + i);
                    self.push_word(a, end, K::Variable);
                }
                Mode::Plain
            }
            Arguments::Pairs(pairs) => {
                for p in pairs {
                    self.push_word(p.key.span.start, p.key.span.end, K::Variable);
                }
                Mode::Plain
            }
            _ => Mode::Plain,
        };
        self.scan_lines(pos, head_end, mode);
    }

    /// Scans `start..end` a physical line at a time, skipping comment lines
    /// (inside continuations they are comments too). A shell comment (`#` at
    /// the start of a word) runs to the end of the command the shell receives:
    /// Docker joins the continuation lines first, so the lines after it are
    /// part of the comment too, and are coloured so.
    fn scan_lines(&mut self, start: usize, end: usize, mode: Mode) {
        let end = end.min(self.src.len());
        let mut line_start = start;
        let mut in_comment = false;
        while line_start < end {
            let line_end = self.src[line_start..end]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(end, |i| line_start + i);
            let first = self.src[line_start..line_end]
                .iter()
                .position(|b| !b.is_ascii_whitespace());
            let is_comment =
                line_start > start && first.is_some_and(|i| self.src[line_start + i] == b'#');
            if in_comment {
                if let (false, Some(first)) = (is_comment, first) {
                    let mut e = line_end;
                    if self.src[e - 1] == b'\r' {
                        e -= 1;
                    }
                    self.push(line_start + first, e, HighlightKind::Comment);
                }
            } else if !is_comment {
                in_comment = self.scan(line_start, line_end, mode);
            }
            line_start = line_end + 1;
        }
    }

    /// Quotes, variables, operators and punctuation on one physical line;
    /// returns whether a shell comment starts on it.
    fn scan(&mut self, start: usize, end: usize, mode: Mode) -> bool {
        use HighlightKind as K;
        let s = self.src;
        let quote_escape = if mode == Mode::Exec {
            b'\\'
        } else {
            self.escape
        };
        let mut i = start;
        while i < end {
            let c = s[i];
            if c == self.escape
                && s[i + 1..end]
                    .iter()
                    .all(|&b| b == b' ' || b == b'\t' || b == b'\r')
            {
                self.push(i, i + 1, K::Punctuation);
                return false;
            }
            match c {
                // POSIX sh: `#` starting a word. Only with the default escape
                // character: a backtick usually means a Windows shell.
                b'#' if mode == Mode::Shell
                    && self.escape == b'\\'
                    && (i == start
                        || matches!(s[i - 1], b' ' | b'\t' | b';' | b'&' | b'|' | b'(' | b')')) =>
                {
                    let mut e = end;
                    if s[e - 1] == b'\r' {
                        e -= 1;
                    }
                    self.push(i, e, K::Comment);
                    return true;
                }
                _ if c == quote_escape => i += 2,
                b'\'' if mode != Mode::Exec => {
                    let close = s[i + 1..end].iter().position(|&b| b == b'\'');
                    let stop = close.map_or(end, |k| i + 1 + k + 1);
                    self.push(i, stop, K::String);
                    i = stop;
                }
                b'"' => i = self.double_quoted(i, end, quote_escape, mode != Mode::Exec),
                b'$' if mode != Mode::Exec => {
                    let stop = variable_end(s, i, end);
                    self.push(i, stop, K::Variable);
                    i = stop.max(i + 1);
                }
                b'&' | b'|' if mode == Mode::Shell => {
                    let two = s.get(i + 1) == Some(&c) && i + 1 < end;
                    let w = if two { 2 } else { 1 };
                    // A lone `&` (background) is not worth a colour; `|` is a pipe.
                    if two || c == b'|' {
                        self.push(i, i + w, K::Operator);
                    }
                    i += w;
                }
                b';' if mode == Mode::Shell => {
                    self.push(i, i + 1, K::Operator);
                    i += 1;
                }
                b'[' | b']' | b',' if mode == Mode::Exec => {
                    self.push(i, i + 1, K::Punctuation);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        false
    }

    /// A double-quoted string from `start`, with `$VAR` inside split out when
    /// `vars`; returns the offset after it (or `end` when it does not close).
    fn double_quoted(&mut self, start: usize, end: usize, escape: u8, vars: bool) -> usize {
        let s = self.src;
        let mut piece = start;
        let mut i = start + 1;
        while i < end {
            match s[i] {
                c if c == escape => i += 2,
                b'"' => {
                    self.push(piece, i + 1, HighlightKind::String);
                    return i + 1;
                }
                b'$' if vars => {
                    let stop = variable_end(s, i, end);
                    if stop > i {
                        self.push(piece, i, HighlightKind::String);
                        self.push(i, stop, HighlightKind::Variable);
                        piece = stop;
                        i = stop;
                    } else {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
        self.push(piece, end, HighlightKind::String);
        end
    }

    /// Comment lines outside heredoc bodies (`bodies` is sorted).
    fn comments(&mut self, bodies: &[(usize, usize)]) {
        let s = self.src;
        let mut body = 0;
        let mut line_start = 0;
        while line_start < s.len() {
            let line_end = s[line_start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(s.len(), |i| line_start + i);
            while body < bodies.len() && bodies[body].1 <= line_start {
                body += 1;
            }
            let in_body = body < bodies.len() && bodies[body].0 <= line_start;
            if !in_body {
                let mut k = line_start;
                if line_start == 0 && s.starts_with("\u{feff}".as_bytes()) {
                    k = 3;
                }
                while k < line_end && s[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < line_end && s[k] == b'#' {
                    let mut e = line_end;
                    if e > k && s[e - 1] == b'\r' {
                        e -= 1;
                    }
                    self.push(k, e, HighlightKind::Comment);
                }
            }
            line_start = line_end + 1;
        }
    }

    /// Sorts, clips overlaps (earlier start wins; on a tie, the more specific
    /// kind), then lays the error ranges over the rest.
    fn finish(mut self, source: &str, errors: Vec<(usize, usize)>) -> Vec<HighlightSpan> {
        let len = source.len();
        let rank = |k: HighlightKind| match k {
            HighlightKind::ParserDirective => 0,
            HighlightKind::HeredocMarker => 1,
            _ => 2,
        };
        self.spans
            .sort_unstable_by_key(|&(s, e, k)| (s, rank(k), core::cmp::Reverse(e)));
        let ok = |a: usize, b: usize| {
            a < b && b <= len && source.is_char_boundary(a) && source.is_char_boundary(b)
        };
        let mut out: Vec<HighlightSpan> = Vec::with_capacity(self.spans.len() + errors.len());
        let mut last = 0;
        let mut e = 0;
        for (start, end, kind) in self.spans {
            let mut a = start.max(last);
            let b = end.min(len);
            if a >= b {
                continue;
            }
            last = b;
            // Subtract the error ranges.
            while e < errors.len() && errors[e].1 <= a {
                e += 1;
            }
            let mut k = e;
            while a < b {
                match errors.get(k) {
                    Some(&(es, ee)) if es < b => {
                        if es > a && ok(a, es) {
                            out.push(HighlightSpan { range: a..es, kind });
                        }
                        a = a.max(ee);
                        k += 1;
                    }
                    _ => {
                        if ok(a, b) {
                            out.push(HighlightSpan { range: a..b, kind });
                        }
                        break;
                    }
                }
            }
        }
        for (a, b) in errors {
            if ok(a, b) {
                out.push(HighlightSpan {
                    range: a..b,
                    kind: HighlightKind::Error,
                });
            }
        }
        out.sort_unstable_by_key(|s| s.range.start);
        out
    }
}

/// Calls `f` with each line's piece of `start..end`. Words from the tree can
/// run over continuation lines and the comment lines between them: those
/// comment lines are left out.
fn word_lines(src: &[u8], start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let end = end.min(src.len());
    let mut line_start = start;
    while line_start < end {
        let line_end = src[line_start..end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(end, |i| line_start + i);
        let first = src[line_start..line_end]
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        if (line_start == start || first != Some(&b'#')) && line_start < line_end {
            f(line_start, line_end);
        }
        line_start = line_end + 1;
    }
}

/// The end of `$NAME` / `${...}` starting at `i` (or `i` when it is no variable).
fn variable_end(s: &[u8], i: usize, end: usize) -> usize {
    match s.get(i + 1) {
        Some(b'{') if i + 1 < end => {
            let mut depth = 0usize;
            for (k, &b) in s[i + 1..end].iter().enumerate() {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1 + k + 1;
                        }
                    }
                    _ => {}
                }
            }
            end
        }
        _ => {
            let n = s[(i + 1).min(end)..end]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            if n == 0 {
                i
            } else {
                i + 1 + n
            }
        }
    }
}

/// Error diagnostics as sorted, merged byte ranges; an error about a whole
/// instruction becomes its keyword.
fn error_ranges(dockerfile: &Dockerfile) -> Vec<(usize, usize)> {
    let ins = &dockerfile.instructions;
    let mut out: Vec<(usize, usize)> = dockerfile
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| {
            let (s, e) = (d.span.start, d.span.end);
            let i = ins.partition_point(|x| x.span.start < s);
            let whole = ins.get(i).filter(|x| x.span.start == s && x.span.end == e);
            let (s, e) = whole.map_or((s, e), |x| (x.keyword_span.start, x.keyword_span.end));
            (s < e).then_some((s, e))
        })
        .collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (s, e) in out {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use HighlightKind as K;

    /// (text, kind) of every span.
    fn pieces(src: &str) -> Vec<(&str, HighlightKind)> {
        highlight(src)
            .into_iter()
            .map(|s| (&src[s.range], s.kind))
            .collect()
    }

    fn has(src: &str, text: &str, kind: HighlightKind) -> bool {
        pieces(src).contains(&(text, kind))
    }

    #[test]
    fn colours_what_the_parser_read() {
        let src = "# syntax=docker/dockerfile:1\n# a comment\nFROM python:3.13 AS build\nARG VERSION=1\nENV A=\"x $VERSION y\"\nCOPY --from=build /a /b\nRUN apt-get update && \\\n    # inside\n    echo \"${VERSION:-0}\" | tee 'v' ; true\nCMD [\"fastapi\", \"run\"]\n";
        let p = pieces(src);
        let want = [
            ("# syntax=docker/dockerfile:1", K::ParserDirective),
            ("# a comment", K::Comment),
            ("FROM", K::Instruction),
            ("AS", K::Instruction),
            ("build", K::StageName),
            ("VERSION", K::Variable),
            ("A", K::Variable),
            ("\"x ", K::String),
            ("$VERSION", K::Variable),
            (" y\"", K::String),
            ("--from=", K::Flag),
            ("build", K::FlagValue),
            ("&&", K::Operator),
            ("\\", K::Punctuation),
            ("# inside", K::Comment),
            ("${VERSION:-0}", K::Variable),
            ("|", K::Operator),
            ("'v'", K::String),
            (";", K::Operator),
            ("[", K::Punctuation),
            ("\"fastapi\"", K::String),
            (",", K::Punctuation),
            ("]", K::Punctuation),
        ];
        for w in want {
            assert!(p.contains(&w), "missing {w:?} in {p:?}");
        }
        // Plain words stay uncoloured.
        assert!(!p.iter().any(|(t, _)| *t == "/a" || *t == "apt-get"));
    }

    #[test]
    fn heredocs_are_marker_body_marker() {
        let src = "FROM alpine\nRUN <<EOF\n# not a comment \"x\"\necho $HOME\nEOF\nRUN true\n";
        let p = pieces(src);
        assert!(p.contains(&("<<EOF", K::HeredocMarker)));
        assert!(p.contains(&("# not a comment \"x\"\necho $HOME\n", K::HeredocBody)));
        assert!(p.contains(&("EOF", K::HeredocMarker)));
        assert_eq!(p.iter().filter(|(_, k)| *k == K::Instruction).count(), 3);
    }

    #[test]
    fn errors_mark_the_rejected_text() {
        // A whole-instruction error marks the keyword; the rest keeps its colours.
        let src = "FROM a\nCMD [\"a\", 1]\nENV a=b c\nFOO bar\n";
        let p = pieces(src);
        assert!(p.contains(&("CMD", K::Error)), "{p:?}");
        assert!(p.contains(&("c", K::Error)), "{p:?}");
        assert!(p.contains(&("FOO", K::Error)), "{p:?}");
        assert!(p.contains(&("FROM", K::Instruction)));
    }

    #[test]
    fn other_escape_and_korean_text() {
        let src = "# escape=`\nFROM windows\nRUN echo \"안녕 $이름\" `\n  && dir # 日本語\n# 한국어 주석\n";
        let p = pieces(src);
        assert!(p.contains(&("# escape=`", K::ParserDirective)), "{p:?}");
        assert!(p.contains(&("`", K::Punctuation)), "{p:?}");
        assert!(p.contains(&("# 한국어 주석", K::Comment)), "{p:?}");
        assert!(has(src, "&&", K::Operator));
    }

    #[test]
    fn shell_comments_run_to_the_end_of_the_command() {
        // The shell gets one line: `install -y curl # the tool && rm -rf ...`, so the
        // comment swallows the cleanup on the next line. Both are coloured as comment.
        let src = "FROM debian\nRUN apt-get install -y curl # the tool \\\n    && rm -rf /var/lib/apt/lists/*\nRUN echo a#b \"#c\" $# ${#x}; true #end\nCMD [\"a\", \"#b\"]\n";
        let p = pieces(src);
        assert!(p.contains(&("# the tool \\", K::Comment)), "{p:?}");
        assert!(
            p.contains(&("&& rm -rf /var/lib/apt/lists/*", K::Comment)),
            "{p:?}"
        );
        assert!(!p.contains(&("&&", K::Operator)), "{p:?}");
        // Not comments: inside a word, quoted, `$#`, `${#x}`, exec form.
        assert!(p.contains(&("\"#c\"", K::String)), "{p:?}");
        assert!(p.contains(&("${#x}", K::Variable)), "{p:?}");
        assert!(p.contains(&("#end", K::Comment)), "{p:?}");
        assert!(p.contains(&("\"#b\"", K::String)), "{p:?}");
        assert_eq!(
            p.iter().filter(|(_, k)| *k == K::Comment).count(),
            3,
            "{p:?}"
        );
    }

    #[test]
    fn kinds_have_distinct_names() {
        let all = [
            K::Instruction,
            K::Flag,
            K::FlagValue,
            K::String,
            K::Variable,
            K::Comment,
            K::ParserDirective,
            K::HeredocMarker,
            K::HeredocBody,
            K::Operator,
            K::Punctuation,
            K::StageName,
            K::Error,
        ];
        let mut names: Vec<&str> = all.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }
}
