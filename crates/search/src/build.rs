//! Writing the index, natively at build time.

use std::collections::HashMap;

use crate::format::{Writer, FORMAT_VERSION, MAGIC};
use crate::Section;

/// Builds the serialized index of one language's sections (see [`crate::format`] for the
/// layout). Hits name sections by their position in `sections`.
pub fn build_index(lang: &str, sections: &[Section]) -> Vec<u8> {
    let mut w = Writer {
        bytes: Vec::with_capacity(64 * 1024),
    };
    w.bytes.extend_from_slice(MAGIC);
    w.byte(FORMAT_VERSION);
    w.str(lang);

    // Sections of one page share its title and URL; store those once.
    let mut page_ids: HashMap<(u32, &str, &str), usize> = HashMap::new();
    let mut pages: Vec<(u32, &str, &str)> = Vec::new();
    let mut section_pages = Vec::with_capacity(sections.len());
    for s in sections {
        let (base, _) = split_url(&s.url);
        let key = (s.page_order, s.page_title.trim(), base);
        let id = *page_ids.entry(key).or_insert_with(|| {
            pages.push(key);
            pages.len() - 1
        });
        section_pages.push(id);
    }
    w.usize(pages.len());
    for (order, title, base) in &pages {
        w.varint(u64::from(*order));
        w.str(title);
        w.str(base);
    }
    w.usize(sections.len());
    let mut text = String::new();
    for (s, page) in sections.iter().zip(&section_pages) {
        w.usize(*page);
        w.str(s.section_heading.trim());
        w.str(split_url(&s.url).1);
        // Snippets show whitespace runs as one space anyway; don't ship them.
        collapse_whitespace(&s.text, &mut text);
        w.str(&text);
    }
    w.finish()
}

fn collapse_whitespace(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Splits a URL into the page part and the `#anchor` part (with its `#`).
fn split_url(url: &str) -> (&str, &str) {
    match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_at_the_anchor() {
        assert_eq!(split_url("/ko/restarts/#bugs"), ("/ko/restarts/", "#bugs"));
        assert_eq!(split_url("/ko/restarts/"), ("/ko/restarts/", ""));
    }

    #[test]
    fn whitespace_collapses() {
        let mut out = String::new();
        collapse_whitespace("  a\n\n b\u{3000}c ", &mut out);
        assert_eq!(out, "a b c");
    }
}
