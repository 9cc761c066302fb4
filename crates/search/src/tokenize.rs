//! Splitting folded text into index terms.
//!
//! - Runs of Hangul, and runs of Japanese (kana and kanji together, since Japanese is written
//!   without spaces), become overlapping character bigrams: `컨테이너` → `컨테 테이 이너`. A run of
//!   one character is kept as that character. Bigrams need no dictionary, and a query word of any
//!   length matches when all its bigrams do — the case that lunr.js-style word indexes get wrong.
//! - Runs of other letters and digits become lower-cased words; ASCII words are lightly stemmed
//!   (see [`stem`]).
//! - Everything else separates tokens, and so does a change of script: `Docker캐시` → `docker`,
//!   `캐시`.

use std::ops::Range;

use crate::fold::{fold_into, FoldedChar};

/// Longest word term, in bytes; longer words (hashes, base64) are cut so they cannot bloat the
/// vocabulary. Prefix matching still finds them.
const MAX_WORD_BYTES: usize = 32;

/// What kind of text a token came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A Latin (or other alphabetic) word or number, stemmed when ASCII.
    Word,
    /// A Korean or Japanese bigram, or a one-character run.
    Gram,
}

/// One index term with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The term as indexed: folded, and stemmed for words.
    pub term: String,
    /// Byte range in the original text.
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// A token handed to a [`for_each_token`] callback, borrowing reusable buffers.
pub(crate) struct TokenRef<'a> {
    pub term: &'a str,
    /// For words: the folded word before stemming (what a prefix query matches on).
    pub unstemmed: &'a str,
    pub range: Range<usize>,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Hangul,
    Japanese,
    Word,
    Separator,
}

fn script(c: char) -> Script {
    // Most characters of every language's text (code, URLs, spaces) are ASCII.
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Script::Word
        } else {
            Script::Separator
        };
    }
    let cp = c as u32;
    match cp {
        0x1100..=0x11FF | 0x3131..=0x318E | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7FF => {
            Script::Hangul
        }
        // Hiragana (with the combining voiced marks), katakana except the middle dot, which is
        // punctuation; iteration and closing marks; CJK ideographs.
        0x3041..=0x309F
        | 0x30A0..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3005..=0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => Script::Japanese,
        _ if c.is_alphanumeric() => Script::Word,
        _ => Script::Separator,
    }
}

/// Tokenizes `text` into index terms (see the module documentation).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut scratch = Scratch::default();
    for_each_token(text, &mut scratch, |t| {
        tokens.push(Token {
            term: t.term.to_owned(),
            range: t.range,
            kind: t.kind,
        });
        true
    });
    tokens
}

/// Buffers reused across calls, so that tokenizing a section allocates nothing per token.
#[derive(Default)]
pub(crate) struct Scratch {
    folded: Vec<FoldedChar>,
    word: String,
    stemmed: String,
}

/// Calls `emit` for every token of `text` in order; stops early when `emit` returns `false`.
pub(crate) fn for_each_token(
    text: &str,
    scratch: &mut Scratch,
    mut emit: impl FnMut(TokenRef<'_>) -> bool,
) {
    let Scratch {
        folded,
        word,
        stemmed,
    } = scratch;
    fold_into(text, folded);
    let mut i = 0;
    while i < folded.len() {
        let kind = script(folded[i].ch);
        let mut j = i + 1;
        while j < folded.len() && script(folded[j].ch) == kind {
            j += 1;
        }
        let run = &folded[i..j];
        i = j;
        let keep_going = match kind {
            Script::Separator => true,
            Script::Word => {
                word.clear();
                for f in run {
                    if word.len() + f.ch.len_utf8() > MAX_WORD_BYTES {
                        break;
                    }
                    word.push(f.ch);
                }
                stem_into(word, stemmed);
                emit(TokenRef {
                    term: stemmed,
                    unstemmed: word,
                    range: run[0].start..run[run.len() - 1].end,
                    kind: TokenKind::Word,
                })
            }
            Script::Hangul | Script::Japanese => {
                if let [single] = run {
                    word.clear();
                    word.push(single.ch);
                    emit(TokenRef {
                        term: word,
                        unstemmed: word,
                        range: single.start..single.end,
                        kind: TokenKind::Gram,
                    })
                } else {
                    run.windows(2).all(|pair| {
                        word.clear();
                        word.push(pair[0].ch);
                        word.push(pair[1].ch);
                        emit(TokenRef {
                            term: word,
                            unstemmed: word,
                            range: pair[0].start..pair[1].end,
                            kind: TokenKind::Gram,
                        })
                    })
                }
            }
        };
        if !keep_going {
            return;
        }
    }
}

/// Light, conservative English stemming, so that "caching", "caches", "cached" and "cache" meet
/// at "cach", and "processes" at "process". Only suffixes that are almost always inflections are
/// removed (plural -s/-es/-ies, -ing, -ed), never from short words, and a final -e goes so that
/// "cache" and "caching" agree. Non-ASCII and alphanumeric words are left alone. Index and query
/// go through the same function, so an odd stem is harmless as long as it is consistent.
pub fn stem(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut out);
    out
}

fn stem_into(word: &str, out: &mut String) {
    out.clear();
    out.push_str(word);
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    let has_vowel = |s: &str| s.bytes().any(|b| b"aeiouy".contains(&b));
    let mut stripped_verb_suffix = false;
    if let Some(base) = word.strip_suffix("ies").filter(|b| b.len() >= 2) {
        out.truncate(base.len());
        out.push('y');
    } else if word.ends_with("sses") {
        out.truncate(word.len() - 2);
    } else if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        // "process", "status", "analysis": not plurals.
    } else if let Some(base) = word.strip_suffix('s') {
        out.truncate(base.len());
    } else if let Some(base) = word
        .strip_suffix("ing")
        .filter(|b| b.len() >= 3 && has_vowel(b))
    {
        out.truncate(base.len());
        stripped_verb_suffix = true;
    } else if let Some(base) = word
        .strip_suffix("ed")
        // "need", "speed": the -ed is part of the word.
        .filter(|b| b.len() >= 3 && has_vowel(b) && !b.ends_with('e'))
    {
        out.truncate(base.len());
        stripped_verb_suffix = true;
    }
    if stripped_verb_suffix {
        // "running" → "run", "stopped" → "stop"; but "installed" keeps its "ll".
        let b = out.as_bytes();
        let n = b.len();
        if n >= 3
            && b[n - 1] == b[n - 2]
            && !b"lsz".contains(&b[n - 1])
            && !has_vowel(&out[n - 1..])
        {
            out.truncate(n - 1);
        }
    }
    if out.len() > 3 && out.ends_with('e') {
        out.truncate(out.len() - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn korean_and_japanese_become_bigrams() {
        assert_eq!(terms("컨테이너"), ["컨테", "테이", "이너"]);
        assert_eq!(terms("キャッシュ"), ["キャ", "ャッ", "ッシ", "シュ"]);
        assert_eq!(terms("再起動する"), ["再起", "起動", "動す", "する"]);
        assert_eq!(terms("값 을"), ["값", "을"]);
    }

    #[test]
    fn script_changes_split_tokens() {
        assert_eq!(terms("Docker캐시"), ["docker", "캐시"]);
        assert_eq!(
            terms("uvicornワーカー"),
            ["uvicorn", "ワー", "ーカ", "カー"]
        );
        assert_eq!(terms("한국語"), ["한국", "語"]);
        assert_eq!(terms("read_item(item_id)"), ["read", "item", "item", "id"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Ｄｏｃｋｅｒの캐시";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
        }
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[0].range.clone()], "Ｄｏｃｋｅｒ");
        assert_eq!(tokens[0].term, "docker");
        assert_eq!(&text[tokens[1].range.clone()], "の");
        assert_eq!(&text[tokens[2].range.clone()], "캐시");
    }

    #[test]
    fn stemming_is_light_and_consistent() {
        for (a, b) in [
            ("caching", "cache"),
            ("caches", "cache"),
            ("cached", "cache"),
            ("processes", "process"),
            ("replicas", "replica"),
            ("policies", "policy"),
            ("running", "run"),
            ("restarted", "restart"),
            ("installed", "install"),
            ("workers", "worker"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("process"), "process");
        assert_eq!(stem("string"), "string");
        assert_eq!(stem("tls"), "tls");
        assert_eq!(stem("http2s"), "http2s");
        assert_ne!(stem("worker"), stem("work"));
        assert_eq!(stem("speeds"), stem("speed"));
    }

    #[test]
    fn long_words_are_cut() {
        let hash = "a".repeat(100);
        assert_eq!(terms(&hash)[0].len(), MAX_WORD_BYTES);
    }
}
