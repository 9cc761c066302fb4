//! Source positions. Every node carries both a byte range (for slicing and for
//! editors that work in offsets) and line/column positions (for people and for
//! editors that work in lines), so no consumer has to re-scan the text.

use core::fmt;

/// A point in the source: 1-based line, 1-based column counted in Unicode
/// scalar values (what a person counts; the browser lab converts to UTF-16
/// itself because only it knows it needs UTF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A half-open byte range `start..end` into the original source, with the
/// matching line/column positions (`end` is the position just past the last
/// character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub start_pos: Position,
    pub end_pos: Position,
}

impl Span {
    /// The byte range, for slicing the source.
    pub fn range(&self) -> core::ops::Range<usize> {
        self.start..self.end
    }

    /// The source text this span covers (empty if the span does not fit).
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `offset` lies inside the span (an editor's "what is under the cursor").
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.start_pos.line, self.start_pos.column)
    }
}

/// Maps byte offsets to line/column positions. Built once per source.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Per line: true when it is pure ASCII, so a column is a byte difference.
    ascii: Vec<bool>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        // `split` finds newlines with a vectorised search and `is_ascii` checks a line a word at
        // a time: a byte loop was 8% of a corpus lint.
        let mut line_starts = vec![0];
        let mut ascii = Vec::new();
        let mut at = 0;
        for line in source.split('\n') {
            ascii.push(line.is_ascii());
            at += line.len() + 1;
            if at <= source.len() {
                line_starts.push(at);
            }
        }
        LineIndex { line_starts, ascii }
    }

    /// The position of `offset`; offsets past the end clamp to the end, and an
    /// offset inside a multi-byte character counts the bytes before it.
    pub fn position(&self, source: &str, offset: usize) -> Position {
        let offset = offset.min(source.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.line_starts[line - 1];
        let column = if self.ascii.get(line - 1).copied().unwrap_or(false) {
            offset - line_start
        } else {
            match source.get(line_start..offset) {
                Some(prefix) => prefix.chars().count(),
                None => offset - line_start,
            }
        };
        Position {
            line: line as u32,
            column: column as u32 + 1,
        }
    }

    pub fn span(&self, source: &str, start: usize, end: usize) -> Span {
        let end = end.max(start);
        Span {
            start,
            end,
            start_pos: self.position(source, start),
            end_pos: self.position(source, end),
        }
    }

    /// Number of lines (a trailing newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "FROM a\nRUN é x\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(src, 7), Position { line: 2, column: 1 });
        // "RUN é " is 7 bytes but 6 characters.
        let x = src.find('x').unwrap();
        assert_eq!(idx.position(src, x), Position { line: 2, column: 7 });
        assert_eq!(idx.position(src, 999).line, 3);
    }
}
