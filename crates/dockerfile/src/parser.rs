//! Turns source text into a [`Dockerfile`], following BuildKit's parser
//! (`frontend/dockerfile/parser/parser.go`) line by line: directives at the
//! top, comments, line continuations (with comment and empty lines inside
//! them), heredoc bodies after the instruction line. Unlike BuildKit it never
//! stops at the first problem: a bad instruction becomes a diagnostic and
//! parsing goes on, because an editor wants every problem at once.

use crate::lexer::{self, JsonArrayError, RawWord};
use crate::span::{LineIndex, Span};
use crate::syntax::*;

/// Parses a Dockerfile. Never panics and never fails; see [`Dockerfile::diagnostics`].
pub fn parse(source: &str) -> Dockerfile {
    let mut parser = Parser {
        src: source,
        index: LineIndex::new(source),
        lines: physical_lines(source),
        escape: '\\',
        directives_done: false,
        directives: Vec::new(),
        diagnostics: Vec::new(),
    };
    let instructions = parser.run();
    let mut dockerfile = Dockerfile {
        directives: parser.directives,
        escape: parser.escape,
        instructions,
        diagnostics: parser.diagnostics,
    };
    crate::check::check(&mut dockerfile, &parser.index, source);
    dockerfile
        .diagnostics
        .sort_by_key(|d| (d.span.start, d.span.end));
    dockerfile
}

/// One physical line: `start..content_end` is the text without its line
/// ending (trailing `\r`/`\n` removed, as BuildKit's `trimNewline` does),
/// `end` includes it.
#[derive(Debug, Clone, Copy)]
struct PhysicalLine {
    start: usize,
    content_end: usize,
    end: usize,
}

fn physical_lines(src: &str) -> Vec<PhysicalLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = src.as_bytes();
    while start < src.len() {
        let end = match src[start..].find('\n') {
            Some(i) => start + i + 1,
            None => src.len(),
        };
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        lines.push(PhysicalLine {
            start,
            content_end,
            end,
        });
        start = end;
    }
    lines
}

/// The logical line of one instruction and where each piece came from, so
/// offsets in the joined text map back to the source.
struct LogicalLine {
    text: String,
    /// (offset in `text`, offset in source) for each joined piece.
    pieces: Vec<(usize, usize)>,
}

impl LogicalLine {
    fn source_offset(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(l, _)| l <= offset)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(l, s)) => s + (offset - l),
            None => offset,
        }
    }

    /// Maps an exclusive end offset (stays inside the piece holding the last byte).
    fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            self.source_offset(0)
        } else {
            self.source_offset(offset - 1) + 1
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    index: LineIndex,
    lines: Vec<PhysicalLine>,
    escape: char,
    directives_done: bool,
    directives: Vec<Directive>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Parser<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        let end = end.min(self.src.len());
        let start = start.min(end);
        self.index.span(self.src, start, end)
    }

    fn error(&mut self, kind: DiagnosticKind, span: Span) {
        self.diagnostics.push(Diagnostic {
            kind,
            severity: Severity::Error,
            span,
        });
    }

    fn run(&mut self) -> Vec<Instruction> {
        let mut instructions = Vec::new();
        let mut comments: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            let mut start = line.start;
            if i == 0 && self.src[start..line.content_end].starts_with('\u{feff}') {
                start += '\u{feff}'.len_utf8();
            }
            i += 1;
            let raw = &self.src[start..line.content_end];
            let text = raw.trim_start();
            let text_start = line.content_end - text.len();
            let is_comment = text.starts_with('#');
            if is_comment {
                let comment = text[1..].trim();
                if comment.is_empty() {
                    comments.clear();
                } else {
                    comments.push(comment.to_string());
                }
            }
            if self.possible_directive(text, text_start) {
                comments.pop();
            }
            if is_comment || text.is_empty() {
                continue;
            }

            // The instruction line, then its continuation lines.
            let mut logical = LogicalLine {
                text: String::new(),
                pieces: Vec::new(),
            };
            let (piece, mut continued) = self.trim_continuation(text);
            logical.pieces.push((0, text_start));
            logical.text.push_str(piece);
            let mut last_line = line;
            let mut empty_continuation: Option<PhysicalLine> = None;
            while continued && i < self.lines.len() {
                let next = self.lines[i];
                i += 1;
                last_line = next;
                let raw = &self.src[next.start..next.content_end];
                let trimmed = raw.trim_start();
                if trimmed.starts_with('#') {
                    continue;
                }
                if trimmed.is_empty() {
                    empty_continuation.get_or_insert(next);
                    continue;
                }
                let (piece, more) = self.trim_continuation(raw);
                continued = more;
                logical.pieces.push((logical.text.len(), next.start));
                logical.text.push_str(piece);
            }
            if let Some(empty) = empty_continuation {
                let span = self.span(empty.start, empty.content_end);
                self.diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::EmptyContinuationLine,
                    severity: Severity::Warning,
                    span,
                });
            }

            let mut instruction = self.instruction(
                &logical,
                0,
                logical.text.len(),
                core::mem::take(&mut comments),
            );

            // Heredoc bodies follow the (joined) instruction line.
            if can_contain_heredoc(&instruction) && logical.text.contains("<<") {
                match lexer::heredoc_markers(&logical.text) {
                    Ok(markers) => {
                        for marker in markers {
                            let (heredoc, consumed_to) = self.heredoc_body(&logical, marker, i);
                            i = consumed_to;
                            if let Some(l) = i.checked_sub(1).and_then(|k| self.lines.get(k)) {
                                if l.end > last_line.end {
                                    last_line = *l;
                                }
                            }
                            push_heredoc(&mut instruction, heredoc);
                        }
                    }
                    Err(word) => {
                        let span = instruction.span;
                        self.error(DiagnosticKind::InvalidHeredoc { word }, span);
                    }
                }
            }
            instruction.span = self.span(text_start, last_line.content_end);
            instruction.logical_line = logical.text;
            instructions.push(instruction);
        }
        if instructions.is_empty() {
            let span = self.span(self.src.len(), self.src.len());
            self.error(DiagnosticKind::NoInstructions, span);
        }
        instructions
    }

    /// BuildKit's `trimContinuationCharacter`: the escape character, then only
    /// spaces/tabs, at the end of the line continues it — unless the escape is
    /// itself escaped (`\\` at the end is a literal backslash).
    fn trim_continuation<'s>(&self, line: &'s str) -> (&'s str, bool) {
        let body = line.trim_end_matches([' ', '\t']);
        let Some(before) = body.strip_suffix(self.escape) else {
            return (line, false);
        };
        if before.is_empty() || !before.ends_with(self.escape) {
            (before, true)
        } else {
            (line, false)
        }
    }

    /// Parser directives: `# name=value` lines at the very top, before any
    /// other line. Returns true when the line was a directive.
    fn possible_directive(&mut self, text: &str, text_start: usize) -> bool {
        if self.directives_done {
            return false;
        }
        let Some(body) = text.strip_prefix('#') else {
            self.directives_done = true;
            return false;
        };
        let body = body.trim_start();
        let name_len = body
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
            .map(|(i, _)| i)
            .unwrap_or(body.len());
        let go_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{0c}' | '\r');
        let name = &body[..name_len];
        let after = body[name_len..].trim_start_matches(go_space);
        let value = after
            .strip_prefix('=')
            .map(|v| v.trim_matches(go_space))
            .unwrap_or("");
        if name.is_empty() || !after.starts_with('=') || value.is_empty() {
            self.directives_done = true;
            return false;
        }
        let key = name.to_ascii_lowercase();
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            self.directives_done = true;
            return false;
        }
        let span = self.span(text_start, text_start + text.len());
        if self.directives.iter().any(|d| d.name == key) {
            self.error(DiagnosticKind::DuplicateDirective { name: key }, span);
            return false;
        }
        if key == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => {
                    self.error(
                        DiagnosticKind::InvalidEscapeToken {
                            value: value.to_string(),
                        },
                        span,
                    );
                    self.directives.push(Directive {
                        name: key,
                        value: value.to_string(),
                        span,
                    });
                    return false;
                }
            }
        }
        self.directives.push(Directive {
            name: key,
            value: value.to_string(),
            span,
        });
        true
    }

    fn word_span(&self, logical: &LogicalLine, start: usize, end: usize) -> Span {
        self.span(logical.source_offset(start), logical.source_end(end))
    }

    fn word(&self, logical: &LogicalLine, base: usize, w: RawWord) -> Word {
        Word {
            span: self.word_span(logical, base + w.start, base + w.end),
            value: w.text,
        }
    }

    /// BuildKit's `newNodeFromLine` over `logical.text[from..to]`.
    fn instruction(
        &mut self,
        logical: &LogicalLine,
        from: usize,
        to: usize,
        comments: Vec<String>,
    ) -> Instruction {
        let line = &logical.text[from..to];
        let (ts, te) = lexer::trim_range(line, 0, line.len());
        let trimmed = &line[ts..te];
        let (cmd_end, rest_start) = match lexer::split_first_run(trimmed) {
            Some((a, b)) => (ts + a, ts + b),
            None => (te, te),
        };
        let keyword_text = line[ts..cmd_end].to_string();
        let keyword = Keyword::from_name(&keyword_text);
        let keyword_span = self.word_span(logical, from + ts, from + cmd_end);
        let rest = &line[rest_start..te];
        let (raw_flags, args_off) = lexer::extract_flags(rest, self.escape);
        let flags = raw_flags
            .into_iter()
            .map(|w| {
                let body = w.text.get(2..).unwrap_or("");
                let (name, value) = match body.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (body.to_string(), None),
                };
                Flag {
                    name,
                    value,
                    span: self.word_span(
                        logical,
                        from + rest_start + w.start,
                        from + rest_start + w.end,
                    ),
                    text: w.text,
                }
            })
            .collect();
        let (a0, a1) = lexer::trim_range(rest, args_off.min(rest.len()), rest.len());
        let args_base = from + rest_start + a0;
        let args = &rest[a0..a1];
        let whole = self.word_span(logical, from + ts, from + te);
        let arguments = self.arguments(keyword, logical, args, args_base, whole);
        Instruction {
            keyword,
            keyword_text,
            keyword_span,
            flags,
            arguments,
            heredocs: Vec::new(),
            span: whole,
            logical_line: String::new(),
            comments,
        }
    }

    fn arguments(
        &mut self,
        keyword: Keyword,
        logical: &LogicalLine,
        args: &str,
        base: usize,
        whole: Span,
    ) -> Arguments {
        match keyword {
            Keyword::Add | Keyword::Copy | Keyword::Volume => {
                self.json_or(keyword, logical, args, base, whole, |p| {
                    p.split_words(logical, args, base)
                })
            }
            Keyword::Cmd | Keyword::Entrypoint | Keyword::Run | Keyword::Shell => {
                self.maybe_json(keyword, logical, args, base, whole)
            }
            Keyword::Arg => {
                let words = lexer::parse_words(args, self.escape);
                if words.is_empty() {
                    Arguments::None
                } else {
                    Arguments::Words(self.words(logical, base, words))
                }
            }
            Keyword::Env | Keyword::Label => self.name_values(keyword, logical, args, base, whole),
            Keyword::Expose | Keyword::From => self.split_words(logical, args, base),
            Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
                if args.is_empty() {
                    Arguments::None
                } else {
                    Arguments::Text(self.text_word(logical, args, base))
                }
            }
            Keyword::Healthcheck => {
                if args.is_empty() {
                    return Arguments::None;
                }
                let sep = args
                    .char_indices()
                    .find(|&(_, c)| c.is_ascii_whitespace() || c == '\u{0b}')
                    .map(|(i, _)| i)
                    .unwrap_or(args.len());
                let next = args[sep..]
                    .char_indices()
                    .find(|&(_, c)| !(c.is_ascii_whitespace() || c == '\u{0b}'))
                    .map(|(i, _)| sep + i)
                    .unwrap_or(args.len());
                let kind = self.text_word(logical, &args[..sep], base);
                let command = self.maybe_json(keyword, logical, &args[next..], base + next, whole);
                Arguments::Healthcheck {
                    kind,
                    command: Box::new(command),
                }
            }
            Keyword::Onbuild => {
                if args.is_empty() {
                    Arguments::None
                } else {
                    let child = self.instruction(logical, base, base + args.len(), Vec::new());
                    Arguments::Onbuild(Box::new(child))
                }
            }
            Keyword::Unknown => Arguments::Invalid,
        }
    }

    fn words(&self, logical: &LogicalLine, base: usize, words: Vec<RawWord>) -> Vec<Word> {
        words
            .into_iter()
            .map(|w| self.word(logical, base, w))
            .collect()
    }

    fn text_word(&self, logical: &LogicalLine, text: &str, base: usize) -> Word {
        Word {
            value: text.to_string(),
            span: self.word_span(logical, base, base + text.len()),
        }
    }

    /// `parseStringsWhitespaceDelimited`.
    fn split_words(&self, logical: &LogicalLine, args: &str, base: usize) -> Arguments {
        if args.is_empty() {
            return Arguments::None;
        }
        Arguments::Words(self.words(logical, base, lexer::split_whitespace_runs(args)))
    }

    /// `parseMaybeJSON`: exec form if it is a JSON array of strings, else shell form.
    fn maybe_json(
        &mut self,
        keyword: Keyword,
        logical: &LogicalLine,
        args: &str,
        base: usize,
        whole: Span,
    ) -> Arguments {
        if args.is_empty() {
            return Arguments::None;
        }
        self.json_or(keyword, logical, args, base, whole, |p| {
            Arguments::Shell(p.text_word(logical, args, base))
        })
    }

    /// Exec form when `args` is a JSON array of strings; an error when it is a JSON array of
    /// anything else; `otherwise` (the instruction's own syntax) when it is not JSON at all.
    fn json_or(
        &mut self,
        keyword: Keyword,
        logical: &LogicalLine,
        args: &str,
        base: usize,
        whole: Span,
        otherwise: impl FnOnce(&Self) -> Arguments,
    ) -> Arguments {
        match lexer::parse_json_array(args) {
            Ok(words) => Arguments::Exec(self.words(logical, base, words)),
            Err(JsonArrayError::NotStrings) => {
                self.error(
                    DiagnosticKind::NotStringArray {
                        instruction: keyword,
                    },
                    whole,
                );
                Arguments::Invalid
            }
            Err(JsonArrayError::NotJson) => otherwise(self),
        }
    }

    /// `parseNameVal`: `ENV a=b c=d` or the legacy `ENV a b c` (one pair, the
    /// value being the rest of the line).
    fn name_values(
        &mut self,
        keyword: Keyword,
        logical: &LogicalLine,
        args: &str,
        base: usize,
        whole: Span,
    ) -> Arguments {
        let words = lexer::parse_words(args, self.escape);
        let Some(first) = words.first() else {
            return Arguments::None;
        };
        if !first.text.contains('=') {
            let Some((ws, after)) = lexer::split_first_run(args) else {
                self.error(
                    DiagnosticKind::NeedsTwoArguments {
                        instruction: keyword,
                    },
                    whole,
                );
                return Arguments::Invalid;
            };
            let key = self.text_word(logical, &args[..ws], base);
            let value = self.text_word(logical, &args[after..], base + after);
            return Arguments::Pairs(vec![KeyValue {
                key,
                value,
                with_equals: false,
            }]);
        }
        let mut pairs = Vec::with_capacity(words.len());
        for w in words {
            let Some((k, v)) = w.text.split_once('=') else {
                let span = self.word_span(logical, base + w.start, base + w.end);
                self.error(DiagnosticKind::MissingEquals { word: w.text }, span);
                return Arguments::Invalid;
            };
            let key_end = base + w.start + k.len();
            pairs.push(KeyValue {
                key: Word {
                    value: k.to_string(),
                    span: self.word_span(logical, base + w.start, key_end),
                },
                value: Word {
                    value: v.to_string(),
                    span: self.word_span(logical, (key_end + 1).min(base + w.end), base + w.end),
                },
                with_equals: true,
            });
        }
        Arguments::Pairs(pairs)
    }

    /// Reads a heredoc body starting at physical line `i`; returns the heredoc
    /// and the index of the first line after its terminator.
    fn heredoc_body(
        &mut self,
        logical: &LogicalLine,
        marker: lexer::HeredocMarker,
        mut i: usize,
    ) -> (Heredoc, usize) {
        let marker_span = self.word_span(logical, marker.start, marker.end);
        let body_start = self.lines.get(i).map(|l| l.start).unwrap_or(self.src.len());
        let mut content = String::new();
        let mut terminator = None;
        while i < self.lines.len() {
            let line = self.lines[i];
            i += 1;
            let text = &self.src[line.start..line.content_end];
            let candidate = if marker.chomp {
                text.trim_start_matches('\t')
            } else {
                text
            };
            if candidate == marker.name {
                terminator = Some(line);
                break;
            }
            content.push_str(&self.src[line.start..line.end]);
        }
        let (content_span, terminator_span) = match terminator {
            Some(t) => (
                self.span(body_start, t.start),
                self.span(t.start, t.content_end),
            ),
            None => {
                let end = self.src.len();
                self.error(
                    DiagnosticKind::UnterminatedHeredoc {
                        name: marker.name.clone(),
                    },
                    marker_span,
                );
                (self.span(body_start, end), self.span(end, end))
            }
        };
        (
            Heredoc {
                name: marker.name,
                file_descriptor: marker.file_descriptor,
                expand: marker.expand,
                chomp: marker.chomp,
                content,
                marker_span,
                content_span,
                terminator_span,
            },
            i,
        )
    }
}

/// RUN, COPY and ADD in shell form (also under ONBUILD) may carry heredocs.
fn can_contain_heredoc(instruction: &Instruction) -> bool {
    let target = match &instruction.arguments {
        Arguments::Onbuild(child) => child,
        _ => instruction,
    };
    matches!(target.keyword, Keyword::Run | Keyword::Copy | Keyword::Add)
        && !target.arguments.is_exec()
}

fn push_heredoc(instruction: &mut Instruction, heredoc: Heredoc) {
    match &mut instruction.arguments {
        Arguments::Onbuild(child) => child.heredocs.push(heredoc),
        _ => instruction.heredocs.push(heredoc),
    }
}
