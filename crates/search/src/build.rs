//! Writing the index, natively at build time.

use std::collections::{BTreeMap, HashMap};

use crate::format::{Writer, FLAG_HEADING, FLAG_TITLE, FORMAT_VERSION, MAGIC, TF_MASK};
use crate::tokenize::{for_each_token, Scratch};
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
        let key = (s.page_order, s.page_title.as_str(), base);
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
    for (s, page) in sections.iter().zip(&section_pages) {
        w.usize(*page);
        w.str(&s.section_heading);
        w.str(split_url(&s.url).1);
        w.str(&s.text);
    }

    // term → section → flags. A BTreeMap gives the sorted order front coding and binary search
    // need; sections are visited in order, so each posting list is sorted too.
    let mut postings: BTreeMap<String, Vec<(usize, u8)>> = BTreeMap::new();
    let mut scratch = Scratch::default();
    let mut add = |text: &str, id: usize, flag: Option<u8>| {
        for_each_token(text, &mut scratch, |t| {
            let list = postings.entry(t.term.to_owned()).or_default();
            if list.last().map(|(s, _)| *s) != Some(id) {
                list.push((id, 0));
            }
            if let Some(last) = list.last_mut() {
                match flag {
                    Some(f) => last.1 |= f,
                    None if last.1 & TF_MASK < TF_MASK => last.1 += 1,
                    None => {}
                }
            }
            true
        });
    };
    for (id, s) in sections.iter().enumerate() {
        add(&s.page_title, id, Some(FLAG_TITLE));
        add(&s.section_heading, id, Some(FLAG_HEADING));
        add(&s.text, id, None);
    }

    w.usize(postings.len());
    let mut previous = "";
    for (term, list) in &postings {
        let shared = shared_prefix(previous, term);
        w.usize(shared);
        w.str(&term[shared..]);
        w.usize(list.len());
        let mut last = 0;
        for &(section, flags) in list {
            w.usize(section - last);
            w.byte(flags);
            last = section;
        }
        previous = term;
    }
    w.finish()
}

/// Splits a URL into the page part and the `#anchor` part (with its `#`).
fn split_url(url: &str) -> (&str, &str) {
    match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    }
}

/// Length in bytes of the common prefix, on a char boundary so both parts stay valid UTF-8.
fn shared_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for ((i, ca), cb) in a.char_indices().zip(b.chars()) {
        if ca != cb {
            return i;
        }
        n = i + ca.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_prefix_respects_char_boundaries() {
        assert_eq!(shared_prefix("cache", "caching"), 4);
        // 캐 and 캔 share their first two UTF-8 bytes but not the character.
        assert_eq!(shared_prefix("캐시", "캔버"), 0);
        assert_eq!(shared_prefix("", "a"), 0);
        assert_eq!(shared_prefix("ab", "abc"), 2);
    }
}
