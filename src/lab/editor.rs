//! The lab's editor: a native `<textarea>` (so typing, selection, undo and input methods are the
//! browser's own) over a `<pre>` that shows the same text coloured from the engine's syntax tree,
//! with the findings underlined. Line numbers and severity marks sit in a gutter beside it.
//!
//! The textarea's value is never written back while the reader types: rewriting it during an
//! IME composition (Korean, Japanese) would cancel the composition and move the caret. Only
//! whole-file changes the reader asks for (a preset, a fix, a reset) replace it, through
//! `insertText` so that each is one step of the browser's undo.

use std::ops::Range;

/// One coloured or underlined stretch of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    /// CSS class(es), from trusted tables only (never from the text).
    pub class: &'static str,
}

/// Escapes text for HTML element content.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// The overlay's HTML: `source` escaped, with `<span class>` around the syntax marks and
/// `<span class="u u-…">` around the underlined ranges. Marks may overlap each other (an
/// underline across several tokens): the text is cut at every boundary and each piece carries
/// the classes of everything covering it. Ranges out of bounds or off character boundaries are
/// clamped, so a stale mark can never panic or cut a character.
pub fn overlay_html(source: &str, syntax: &[Mark], underlines: &[Mark]) -> String {
    overlay_lines(source, syntax, underlines).concat()
}

/// The overlay as one `<span class="ln">` per line, each ending with its newline, so that the
/// browser can replace only the lines that changed (see `overlay_html` for the rest). The last
/// line gets a trailing space: a final newline needs something after it to take up a line in a
/// `<pre>`, as it does in the textarea.
pub fn overlay_lines(source: &str, syntax: &[Mark], underlines: &[Mark]) -> Vec<String> {
    let clamp = |r: &Range<usize>| {
        let mut s = r.start.min(source.len());
        let mut e = r.end.min(source.len()).max(s);
        while !source.is_char_boundary(s) {
            s -= 1;
        }
        while !source.is_char_boundary(e) {
            e += 1;
        }
        s..e
    };
    let mut cuts: Vec<usize> = vec![0, source.len()];
    for m in syntax.iter().chain(underlines) {
        let r = clamp(&m.range);
        cuts.push(r.start);
        cuts.push(r.end);
    }
    // No piece crosses a line end: each line is a unit of its own.
    for (i, _) in source.match_indices('\n') {
        cuts.push(i);
        cuts.push(i + 1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut lines = Vec::with_capacity(source.len() / 32 + 1);
    let mut out = String::from("<span class=\"ln\">");
    // Syntax marks are sorted and do not overlap: walk them with a cursor.
    let mut si = 0;
    let mut classes = String::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b {
            continue;
        }
        let piece = &source[a..b];
        if piece == "\n" {
            out.push_str("\n</span>");
            lines.push(std::mem::replace(
                &mut out,
                String::from("<span class=\"ln\">"),
            ));
            continue;
        }
        classes.clear();
        while si < syntax.len() && clamp(&syntax[si].range).end <= a {
            si += 1;
        }
        if let Some(m) = syntax.get(si) {
            let r = clamp(&m.range);
            if r.start <= a && b <= r.end {
                classes.push_str(m.class);
            }
        }
        for u in underlines {
            let r = clamp(&u.range);
            if r.start <= a && b <= r.end {
                if !classes.is_empty() {
                    classes.push(' ');
                }
                classes.push_str(u.class);
            }
        }
        if classes.is_empty() {
            push_escaped(&mut out, piece);
        } else {
            out.push_str("<span class=\"");
            out.push_str(&classes);
            out.push_str("\">");
            push_escaped(&mut out, piece);
            out.push_str("</span>");
        }
    }
    out.push_str(" </span>");
    lines.push(out);
    lines
}

/// Lines shown beyond the visible ones, above and below, so a short scroll shows text at once.
pub const WINDOW_MARGIN: usize = 20;

/// The byte range of lines `first..first + count` of `source` (fewer at the end of the file).
pub fn line_window(source: &str, first: usize, count: usize) -> Range<usize> {
    let mut starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1));
    let a = starts.nth(first).unwrap_or(source.len());
    let b = if count == 0 {
        a
    } else {
        starts.nth(count - 1).unwrap_or(source.len())
    };
    a..b.max(a)
}

/// The overlay of lines `first..first + count` only (see [`overlay_lines`]): what a long file
/// shows in the editor's view, so a keystroke never builds or lays out the whole file.
pub fn window_lines(
    source: &str,
    syntax: &[Mark],
    underlines: &[Mark],
    first: usize,
    count: usize,
) -> Vec<String> {
    if first >= line_count(source) || count == 0 {
        return Vec::new();
    }
    let w = line_window(source, first, count);
    let shift = |marks: &[Mark]| -> Vec<Mark> {
        marks
            .iter()
            .filter(|m| m.range.end > w.start && m.range.start < w.end)
            .map(|m| Mark {
                range: m.range.start.max(w.start) - w.start..m.range.end.min(w.end) - w.start,
                class: m.class,
            })
            .collect()
    };
    let mut lines = overlay_lines(&source[w.clone()], &shift(syntax), &shift(underlines));
    // A window that stops before the end of the file ends with a newline, which `overlay_lines`
    // follows with the file's last (empty) line: not part of this window.
    if w.end < source.len() {
        lines.pop();
    }
    lines.truncate(count);
    lines
}

/// Brings `pre`, which shows `old` (one element per line), to `new`, touching only the lines
/// between the common beginning and the common end.
#[cfg(feature = "hydrate")]
pub fn patch_lines(pre: &web_sys::Element, old: &[String], new: &[String]) {
    let children = pre.children();
    if old.is_empty() || children.length() as usize != old.len() {
        pre.set_inner_html(&new.concat());
        return;
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    // The collection is live: removing the child at `prefix` moves the next one there.
    for _ in prefix..old.len() - suffix {
        if let Some(child) = children.item(prefix as u32) {
            child.remove();
        }
    }
    let middle = &new[prefix..new.len() - suffix];
    if middle.is_empty() {
        return;
    }
    let html = middle.concat();
    match children.item(prefix as u32) {
        Some(next) => {
            let _ = next.insert_adjacent_html("beforebegin", &html);
        }
        None => {
            let _ = pre.insert_adjacent_html("beforeend", &html);
        }
    }
}

/// The gutter's HTML: one line number per line of `source`, each with the class of the most
/// severe finding on it and its messages as a tooltip.
///
/// A line that holds Korean, Japanese or other text the monospace font lacks is laid out with a
/// fallback font, which can make it a little taller than a line of ASCII. So that the numbers stay
/// level with the text over hundreds of lines, each number's line carries those characters too,
/// hidden (`.gx`): its line box is then built from the same fonts as the editor's.
pub fn gutter_html(
    source: &str,
    marks: &[(u32, &'static str, String)],
    first: usize,
    count: usize,
) -> String {
    let total = line_count(source);
    let width = total.to_string().len();
    let mut out = String::with_capacity(count.min(total) * 12);
    for (i, text) in source.split('\n').enumerate().skip(first).take(count) {
        let line = i + 1;
        let here: Vec<&(u32, &'static str, String)> =
            marks.iter().filter(|m| m.0 as usize == line).collect();
        // Figure spaces pad the numbers to one width, so they line up on the right.
        let number = format!("{:\u{2007}>width$}", line);
        match here.first() {
            Some(first) => {
                out.push_str("<span class=\"g g-");
                out.push_str(first.1);
                out.push_str("\" title=\"");
                let title = here
                    .iter()
                    .map(|m| m.2.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                for c in title.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '"' => out.push_str("&quot;"),
                        _ => out.push(c),
                    }
                }
                out.push_str("\">");
                out.push_str(&number);
                out.push_str("</span>");
            }
            None => {
                out.push_str("<span class=\"g\">");
                out.push_str(&number);
                out.push_str("</span>");
            }
        }
        let wide: String = text.chars().filter(|c| !c.is_ascii()).take(16).collect();
        if !wide.is_empty() {
            out.push_str("<span class=\"gx\">");
            push_escaped(&mut out, &wide);
            out.push_str("</span>");
        }
        out.push('\n');
    }
    out
}

/// Number of lines as the textarea shows them.
pub fn line_count(source: &str) -> usize {
    source.split('\n').count()
}

/// The smallest edit that turns `old` into `new`: (byte range in `old`, replacement). Used so
/// that a fix replaces only what it changes, keeping the caret and the scroll where they were.
pub fn minimal_edit<'a>(old: &str, new: &'a str) -> (Range<usize>, &'a str) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, c), _)| i + c.len_utf8());
    let old_rest = &old[prefix..];
    let new_rest = &new[prefix..];
    let suffix = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(c, _)| c.len_utf8())
        .sum::<usize>();
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

/// Converts a byte offset in `text` to the UTF-16 offset the DOM's selection uses.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let byte = byte.min(text.len());
    text.char_indices()
        .take_while(|(i, _)| *i < byte)
        .map(|(_, c)| c.len_utf16() as u32)
        .sum()
}

/// Converts a UTF-16 offset from the DOM back to a byte offset in `text`.
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The indentation of the line that contains `byte`.
pub fn indentation_at(text: &str, byte: usize) -> &str {
    let byte = byte.min(text.len());
    let start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let end = line
        .find(|c: char| c != ' ' && c != '\t')
        .unwrap_or(line.len());
    &line[..end.min(byte - start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_and_nests_classes() {
        let src = "RUN echo <b>&\n";
        let syntax = [Mark {
            range: 0..3,
            class: "hl-instruction",
        }];
        let under = [Mark {
            range: 2..8,
            class: "u u-warning",
        }];
        let html = overlay_html(src, &syntax, &under);
        assert_eq!(
            html,
            "<span class=\"ln\"><span class=\"hl-instruction\">RU</span><span class=\"hl-instruction u u-warning\">N</span><span class=\"u u-warning\"> echo</span> &lt;b&gt;&amp;\n</span><span class=\"ln\"> </span>"
        );
        // An underline across lines is cut at the line end, so each line stands alone.
        let lines = overlay_lines(
            "RUN a \\\n  b\n",
            &[],
            &[Mark {
                range: 0..11,
                class: "u",
            }],
        );
        assert_eq!(lines.len(), 3);
        assert!(lines
            .iter()
            .all(|l| l.starts_with("<span class=\"ln\">") && l.ends_with("</span>")));
        assert!(
            lines[1].contains("<span class=\"u\">  b</span>"),
            "{lines:?}"
        );
    }

    #[test]
    fn stale_marks_are_clamped() {
        let src = "# 한국어";
        let html = overlay_html(
            src,
            &[Mark {
                range: 3..100,
                class: "hl-comment",
            }],
            &[],
        );
        assert!(html.contains("한국어"));
        assert!(html.starts_with("<span class=\"ln\"># "));
    }

    #[test]
    fn gutter_marks_lines() {
        let html = gutter_html(
            "a\nb\n# 한국어 <x>",
            &[(2, "warning", "a \"b\" <c>".into())],
            0,
            99,
        );
        assert_eq!(
            html,
            "<span class=\"g\">1</span>\n<span class=\"g g-warning\" title=\"a &quot;b&quot; &lt;c>\">2</span>\n<span class=\"g\">3</span><span class=\"gx\">한국어</span>\n"
        );
        let wide = gutter_html(&"x\n".repeat(11), &[], 0, 99);
        assert!(
            wide.starts_with("<span class=\"g\">\u{2007}1</span>"),
            "{wide}"
        );
        let window = gutter_html(&"x\n".repeat(11), &[], 9, 2);
        assert_eq!(
            window,
            "<span class=\"g\">10</span>\n<span class=\"g\">11</span>\n"
        );
    }

    #[test]
    fn windows_show_the_same_lines_as_the_whole() {
        let src = "FROM a\n# 한국어\nRUN b \\\n  c\nCMD d\n";
        let syntax = [
            Mark {
                range: 0..4,
                class: "instruction",
            },
            Mark {
                range: 7..17,
                class: "comment",
            },
            Mark {
                range: 18..21,
                class: "instruction",
            },
        ];
        let under = [Mark {
            range: 18..30,
            class: "u",
        }];
        let whole = overlay_lines(src, &syntax, &under);
        assert_eq!(whole.len(), 6);
        for first in 0..7 {
            for count in 0..7 {
                let part = window_lines(src, &syntax, &under, first, count);
                let expect: Vec<String> = whole.iter().skip(first).take(count).cloned().collect();
                assert_eq!(part, expect, "lines {first}..{}", first + count);
            }
        }
    }

    #[test]
    fn minimal_edits() {
        assert_eq!(minimal_edit("abcdef", "abXdef"), (2..3, "X"));
        assert_eq!(minimal_edit("abc", "abc"), (3..3, ""));
        assert_eq!(minimal_edit("가나다", "가다"), (3..6, ""));
        let (r, s) = minimal_edit(
            "COPY . /code\nRUN pip\n",
            "COPY r /code\nRUN pip\nCOPY . /code\n",
        );
        let mut applied = "COPY . /code\nRUN pip\n".to_string();
        applied.replace_range(r, s);
        assert_eq!(applied, "COPY r /code\nRUN pip\nCOPY . /code\n");
    }

    #[test]
    fn offsets_convert_both_ways() {
        let text = "a한😀b";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 1), 1);
        assert_eq!(utf16_offset(text, 4), 2);
        assert_eq!(utf16_offset(text, 8), 4);
        assert_eq!(byte_offset(text, 4), 8);
        assert_eq!(byte_offset(text, 2), 4);
        assert_eq!(byte_offset(text, 99), text.len());
    }

    #[test]
    fn indentation_follows_the_line() {
        let text = "RUN a \\\n    && b";
        assert_eq!(indentation_at(text, text.len()), "    ");
        assert_eq!(indentation_at(text, 3), "");
        assert_eq!(indentation_at("  x", 1), " ");
    }
}
