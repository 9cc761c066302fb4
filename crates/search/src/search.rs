//! Loading the index and answering queries; this is the part that runs in the browser.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::format::{
    fnv1a, LoadError, Reader, FLAG_HEADING, FLAG_TITLE, FORMAT_VERSION, MAGIC, TF_MASK,
};
use crate::tokenize::{for_each_token, Scratch, TokenKind};
use crate::Hit;

/// Queries are cut to this many characters: nobody types more, and it bounds the work a pasted
/// megabyte can cause.
pub const MAX_QUERY_CHARS: usize = 200;

/// Upper bound on the vocabulary terms one query word may expand to (prefixes, single CJK
/// characters), to keep a one-letter query fast.
const MAX_EXPANSIONS: usize = 1024;

/// Field weights: a match in a heading says the section is about the term; the page title says
/// the page is; the body only that the term is mentioned.
const HEADING_WEIGHT: f32 = 6.0;
const TITLE_WEIGHT: f32 = 4.0;
/// A prefix expansion ("dock" → "docker") counts a little less than the word as typed.
const PREFIX_FACTOR: f32 = 0.7;

/// Snippet length, in display columns (CJK characters count two).
const SNIPPET_COLUMNS: usize = 160;
/// Context kept before the first match, in display columns.
const SNIPPET_LEAD: usize = 40;

struct Page {
    order: u32,
    title: String,
    url: String,
}

struct SectionRecord {
    page: u32,
    heading: String,
    anchor: String,
    text: String,
}

/// A loaded index for one language.
pub struct Index {
    lang: String,
    pages: Vec<Page>,
    sections: Vec<SectionRecord>,
    /// All terms, concatenated in sorted order; `term_ends[i]` is where term `i` ends.
    terms: String,
    term_ends: Vec<u32>,
    /// Postings of term `i` are `posting_starts[i]..posting_starts[i + 1]`.
    posting_starts: Vec<u32>,
    posting_sections: Vec<u32>,
    posting_flags: Vec<u8>,
}

/// One word of the query with the vocabulary terms it matches.
struct QueryUnit {
    /// (term id, factor)
    alternatives: Vec<(u32, f32)>,
}

impl Index {
    /// Decodes an index written by [`crate::build_index`]. Any damage gives an error, never a
    /// panic.
    pub fn load(bytes: &[u8]) -> Result<Index, LoadError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(LoadError::NotAnIndex);
        }
        let version = *bytes.get(MAGIC.len()).ok_or(LoadError::Truncated)?;
        if version != FORMAT_VERSION {
            return Err(LoadError::UnsupportedVersion {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let body_len = bytes.len().checked_sub(4).ok_or(LoadError::Truncated)?;
        if body_len < MAGIC.len() + 1 {
            return Err(LoadError::Truncated);
        }
        let (body, sum) = bytes.split_at(body_len);
        if fnv1a(body) != u32::from_le_bytes([sum[0], sum[1], sum[2], sum[3]]) {
            return Err(LoadError::ChecksumMismatch);
        }
        let mut r = Reader::new(&body[MAGIC.len() + 1..]);
        let lang = r.str()?.to_owned();

        let page_count = r.count(3)?;
        let mut pages = Vec::with_capacity(page_count);
        for _ in 0..page_count {
            pages.push(Page {
                order: r.u32()?,
                title: r.str()?.to_owned(),
                url: r.str()?.to_owned(),
            });
        }

        let section_count = r.count(4)?;
        let mut sections = Vec::with_capacity(section_count);
        for _ in 0..section_count {
            let page = r.u32()?;
            if page as usize >= pages.len() {
                return Err(LoadError::Corrupt("section refers to a missing page"));
            }
            sections.push(SectionRecord {
                page,
                heading: r.str()?.to_owned(),
                anchor: r.str()?.to_owned(),
                text: r.str()?.to_owned(),
            });
        }

        if !r.is_empty() {
            return Err(LoadError::Corrupt("bytes after the last section"));
        }
        let mut index = Index {
            lang,
            pages,
            sections,
            terms: String::new(),
            term_ends: Vec::new(),
            posting_starts: Vec::new(),
            posting_sections: Vec::new(),
            posting_flags: Vec::new(),
        };
        index.build_postings()?;
        Ok(index)
    }

    /// Tokenizes every section and fills the vocabulary and postings.
    fn build_postings(&mut self) -> Result<(), LoadError> {
        let mut ids: HashMap<String, u32, BuildHasherDefault<TermHasher>> = HashMap::default();
        // Per term: (section, flags) in section order; flags as in FLAG_TITLE, FLAG_HEADING and
        // the text occurrence count under TF_MASK.
        let mut lists: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut grams: HashMap<u64, u32, BuildHasherDefault<TermHasher>> = HashMap::default();
        let mut scratch = Scratch::default();
        for (section_id, section) in self.sections.iter().enumerate() {
            let section_id = to_u32(section_id)?;
            let title = &self.pages[section.page as usize].title;
            for (text, flag) in [
                (title.as_str(), FLAG_TITLE),
                (section.heading.as_str(), FLAG_HEADING),
                (section.text.as_str(), 0),
            ] {
                for_each_token(text, &mut scratch, |t| {
                    let next = lists.len() as u32;
                    let id = match gram_key(t.term) {
                        // Most Korean and Japanese terms are two characters: a number is a
                        // cheaper key than a string.
                        Some(key) => *grams.entry(key).or_insert(next) as usize,
                        None => match ids.get(t.term) {
                            Some(&id) => id as usize,
                            None => {
                                ids.insert(t.term.to_owned(), next);
                                next as usize
                            }
                        },
                    };
                    if id == lists.len() {
                        lists.push(Vec::new());
                    }
                    let list = &mut lists[id];
                    if list.last().map(|p| p.0) != Some(section_id) {
                        list.push((section_id, 0));
                    }
                    if let Some(last) = list.last_mut() {
                        if flag != 0 {
                            last.1 |= flag;
                        } else if last.1 & TF_MASK < TF_MASK {
                            last.1 += 1;
                        }
                    }
                    true
                });
            }
        }
        // A sorted vocabulary makes lookups a binary search and prefixes a contiguous range.
        let mut vocabulary: Vec<(String, u32)> = ids.into_iter().collect();
        vocabulary.extend(grams.into_iter().filter_map(|(key, id)| {
            let first = char::from_u32((key >> 21) as u32)?;
            let second = char::from_u32((key & 0x1F_FFFF) as u32)?;
            Some(([first, second].iter().collect(), id))
        }));
        vocabulary.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: usize = lists.iter().map(Vec::len).sum();
        self.terms
            .reserve(vocabulary.iter().map(|(t, _)| t.len()).sum());
        self.term_ends.reserve(vocabulary.len());
        self.posting_starts.reserve(vocabulary.len() + 1);
        self.posting_sections.reserve(total);
        self.posting_flags.reserve(total);
        self.posting_starts.push(0);
        for (term, id) in vocabulary {
            self.terms.push_str(&term);
            self.term_ends.push(to_u32(self.terms.len())?);
            for &(section, flags) in &lists[id as usize] {
                self.posting_sections.push(section);
                self.posting_flags.push(flags);
            }
            self.posting_starts
                .push(to_u32(self.posting_sections.len())?);
        }
        Ok(())
    }

    /// The language the index was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Number of sections indexed.
    pub fn len(&self) -> usize {
        self.sections.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.term_ends.len()
    }

    fn term(&self, id: usize) -> &str {
        let start = if id == 0 {
            0
        } else {
            self.term_ends[id - 1] as usize
        };
        &self.terms[start..self.term_ends[id] as usize]
    }

    /// Id of `term`, or where it would be inserted.
    fn find_term(&self, term: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.term_ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term(mid).cmp(term) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// Ids of the terms that start with `prefix`, in order; a sorted vocabulary makes this a
    /// contiguous range.
    fn terms_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = usize> + 'a {
        let first = self.find_term(prefix).unwrap_or_else(|i| i);
        (first..self.term_ends.len()).take_while(move |&id| self.term(id).starts_with(prefix))
    }

    fn postings(&self, id: usize) -> (&[u32], &[u8]) {
        let range = self.posting_starts[id] as usize..self.posting_starts[id + 1] as usize;
        (
            &self.posting_sections[range.clone()],
            &self.posting_flags[range],
        )
    }

    /// The best `limit` sections for `query`, best first. Sections that contain every query word
    /// come before those that contain only some; then higher score (heading and title matches
    /// weigh more than text, rare terms more than common ones); then earlier pages.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let units = self.parse_query(query);
        if units.is_empty() || limit == 0 || self.sections.is_empty() {
            return Vec::new();
        }
        let section_count = self.sections.len();
        let n = section_count as f32;
        let mut score = vec![0f32; section_count];
        let mut matched = vec![0u16; section_count];
        let mut best = vec![0f32; section_count];
        let mut touched = Vec::new();
        let mut candidates = Vec::new();
        for unit in &units {
            for &(id, factor) in &unit.alternatives {
                let (sections, flags) = self.postings(id as usize);
                let idf = (1.0 + n / sections.len().max(1) as f32).ln();
                for (&s, &f) in sections.iter().zip(flags) {
                    let s = s as usize;
                    let w = field_weight(f) * idf * factor;
                    if best[s] == 0.0 {
                        touched.push(s);
                    }
                    if w > best[s] {
                        best[s] = w;
                    }
                }
            }
            for &s in &touched {
                if matched[s] == 0 {
                    candidates.push(s);
                }
                matched[s] = matched[s].saturating_add(1);
                score[s] += best[s];
                best[s] = 0.0;
            }
            touched.clear();
        }
        let all = units.len().min(usize::from(u16::MAX)) as u16;
        let key = |s: usize| {
            let complete = matched[s] >= all;
            // Complete matches always rank above partial ones; the score says so too, so that
            // the UI (or a merged list) can compare scores alone.
            (complete, score[s] + if complete { 1000.0 } else { 0.0 })
        };
        // Unstable is fine (the key ends with the section index) and keeps the stable sort's
        // code out of the wasm module.
        candidates.sort_unstable_by(|&a, &b| {
            let (ca, sa) = key(a);
            let (cb, sb) = key(b);
            cb.cmp(&ca)
                .then(sb.partial_cmp(&sa).unwrap_or(Ordering::Equal))
                .then(self.page_order(a).cmp(&self.page_order(b)))
                .then(a.cmp(&b))
        });
        candidates.truncate(limit);

        let mut highlight_terms: Vec<&str> = units
            .iter()
            .flat_map(|u| u.alternatives.iter().map(|&(id, _)| self.term(id as usize)))
            .collect();
        highlight_terms.sort_unstable();
        highlight_terms.dedup();
        let mut scratch = Scratch::default();
        candidates
            .into_iter()
            .map(|s| {
                let section = &self.sections[s];
                let page = &self.pages[section.page as usize];
                let (snippet, highlights) = snippet(&section.text, &highlight_terms, &mut scratch);
                Hit {
                    section: s,
                    page_title: page.title.clone(),
                    heading: section.heading.clone(),
                    url: [page.url.as_str(), section.anchor.as_str()].concat(),
                    snippet,
                    highlights,
                    score: key(s).1,
                }
            })
            .collect()
    }

    fn page_order(&self, section: usize) -> u32 {
        self.pages[self.sections[section].page as usize].order
    }

    /// Tokenizes the query like the text and resolves each token against the vocabulary.
    fn parse_query(&self, query: &str) -> Vec<QueryUnit> {
        let query = match query.char_indices().nth(MAX_QUERY_CHARS) {
            Some((cut, _)) => &query[..cut],
            None => query,
        };
        let mut tokens: Vec<(String, String, TokenKind, bool)> = Vec::new();
        let mut scratch = Scratch::default();
        for_each_token(query, &mut scratch, |t| {
            // The word being typed: the query ends inside it.
            let at_end = t.range.end == query.len();
            if !tokens.iter().any(|(term, ..)| term == t.term) {
                tokens.push((t.term.to_owned(), t.unstemmed.to_owned(), t.kind, at_end));
            }
            true
        });
        let last = tokens.len().saturating_sub(1);
        tokens
            .iter()
            .enumerate()
            .map(|(i, (term, unstemmed, kind, at_end))| {
                let mut alternatives = Vec::new();
                if let Ok(id) = self.find_term(term) {
                    alternatives.push((id as u32, 1.0));
                }
                match kind {
                    TokenKind::Word if i == last && *at_end => {
                        self.expand_prefix(term, unstemmed, &mut alternatives)
                    }
                    TokenKind::Gram if term.chars().count() == 1 => {
                        self.expand_character(term, &mut alternatives)
                    }
                    _ => {}
                }
                QueryUnit { alternatives }
            })
            .collect()
    }

    /// The last query word may be unfinished: "dock" should find "docker", and "cachi" (on its
    /// way to "caching", stemmed "cach") should still find "cach".
    fn expand_prefix(&self, stemmed: &str, typed: &str, out: &mut Vec<(u32, f32)>) {
        let add = |id: usize, out: &mut Vec<(u32, f32)>| {
            if out.len() < MAX_EXPANSIONS && !out.iter().any(|&(t, _)| t as usize == id) {
                out.push((id as u32, PREFIX_FACTOR));
            }
        };
        for id in self.terms_with_prefix(stemmed) {
            add(id, out);
        }
        if typed != stemmed {
            for id in self.terms_with_prefix(typed) {
                add(id, out);
            }
        }
        // Stems the typed word is on its way past: "cachi" → "cach", "runni" → "run".
        for cut in 1..=2 {
            let Some(shorter) = typed.len().checked_sub(cut).and_then(|n| typed.get(..n)) else {
                continue;
            };
            if shorter.len() >= 3 {
                if let Ok(id) = self.find_term(&crate::tokenize::stem(shorter)) {
                    add(id, out);
                }
            }
        }
    }

    /// A one-character Korean or Japanese query matches every bigram that contains it.
    fn expand_character(&self, ch: &str, out: &mut Vec<(u32, f32)>) {
        for id in self.terms_with_prefix(ch) {
            if out.len() >= MAX_EXPANSIONS {
                return;
            }
            if self.term(id) != ch {
                out.push((id as u32, 1.0));
            }
        }
        for id in 0..self.term_ends.len() {
            if out.len() >= MAX_EXPANSIONS {
                return;
            }
            let term = self.term(id);
            if term.len() > ch.len() && term.ends_with(ch) && !term.starts_with(ch) {
                out.push((id as u32, 1.0));
            }
        }
    }
}

/// FNV-1a for the load-time vocabulary map: terms are a few bytes long, where SipHash's setup
/// dominates, and the keys come from our own index, so there is nothing to defend against.
struct TermHasher(u64);

impl Default for TermHasher {
    fn default() -> Self {
        TermHasher(0xCBF2_9CE4_8422_2325)
    }
}

impl Hasher for TermHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }

    /// Gram keys: one multiply instead of eight FNV rounds.
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A two-character term as one number: both characters' code points side by side.
fn gram_key(term: &str) -> Option<u64> {
    let mut chars = term.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(a), Some(b), None) => Some(u64::from(a as u32) << 21 | u64::from(b as u32)),
        _ => None,
    }
}

fn to_u32(n: usize) -> Result<u32, LoadError> {
    u32::try_from(n).map_err(|_| LoadError::Corrupt("index too large"))
}

fn field_weight(flags: u8) -> f32 {
    let mut w = 0.0;
    if flags & FLAG_TITLE != 0 {
        w += TITLE_WEIGHT;
    }
    if flags & FLAG_HEADING != 0 {
        w += HEADING_WEIGHT;
    }
    let tf = f32::from(flags & TF_MASK);
    if tf > 0.0 {
        // Saturating: the tenth mention says little more than the second.
        w += 1.0 + tf / (tf + 2.0);
    }
    w
}

/// Display columns of a character, roughly: wide for Hangul, kana, CJK and full-width forms.
fn columns(c: char) -> usize {
    if c >= '\u{1100}' {
        2
    } else {
        1
    }
}

/// Cuts a snippet of `text` around its first match and returns it with the matched byte ranges
/// (into the snippet). Whitespace runs become one space; `…` marks cut ends.
fn snippet(text: &str, terms: &[&str], scratch: &mut Scratch) -> (String, Vec<Range<usize>>) {
    // Byte distance after the first match past which tokens cannot be in the window.
    let reach = SNIPPET_COLUMNS * 4;
    let mut matches: Vec<Range<usize>> = Vec::new();
    for_each_token(text, scratch, |t| {
        if let Some(first) = matches.first() {
            if t.range.start > first.start + reach {
                return false;
            }
        }
        if terms.binary_search(&t.term).is_ok() {
            match matches.last_mut() {
                // Bigrams of one word overlap; show them as one highlight.
                Some(last) if t.range.start <= last.end => last.end = last.end.max(t.range.end),
                _ => matches.push(t.range),
            }
        }
        true
    });

    let first = matches.first().map_or(0, |m| m.start);
    // Start a little before the first match, at a space if there is one nearby.
    let mut start = first;
    let mut lead = 0;
    for (i, c) in text[..first].char_indices().rev() {
        if lead >= SNIPPET_LEAD {
            break;
        }
        if c.is_whitespace() && lead >= SNIPPET_LEAD / 2 {
            start = i + c.len_utf8();
            break;
        }
        lead += columns(c);
        start = i;
    }
    let mut end = start;
    let mut used = 0;
    let mut last_space = None;
    for (i, c) in text[start..].char_indices() {
        used += columns(c);
        if used > SNIPPET_COLUMNS {
            break;
        }
        if c.is_whitespace() {
            last_space = Some(start + i);
        }
        end = start + i + c.len_utf8();
    }
    if end < text.len() {
        // End at a word boundary unless that would lose much (CJK text has few spaces).
        if let Some(space) = last_space.filter(|&s| s > first && end - s < 24) {
            end = space;
        }
    }

    let mut out = String::new();
    if text[..start].chars().any(|c| !c.is_whitespace()) {
        out.push('…');
    }
    let mut highlights = Vec::new();
    let mut open: Option<usize> = None;
    let mut pending_space = false;
    let mut next_match = matches.iter().filter(|m| m.start < end).peekable();
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with('…') {
            out.push(' ');
        }
        pending_space = false;
        if let Some(m) = next_match.peek() {
            if open.is_none() && at >= m.start {
                open = Some(out.len());
            }
        }
        out.push(c);
        if let Some(m) = next_match.peek() {
            if at + c.len_utf8() >= m.end {
                if let Some(s) = open.take() {
                    highlights.push(s..out.len());
                }
                next_match.next();
            }
        }
    }
    if let Some(s) = open {
        highlights.push(s..out.len());
    }
    if end < text.len() && text[end..].chars().any(|c| !c.is_whitespace()) {
        out.push('…');
    }
    (out, highlights)
}
