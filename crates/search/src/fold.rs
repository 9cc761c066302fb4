//! The subset of NFKC (plus lower-casing) that search needs, without Unicode tables.
//!
//! Full NFKC would pull megabytes of tables into the wasm module. What readers actually type or
//! paste differently from the guide's text is small, and every case is handled here:
//!
//! - full-width ASCII `U+FF01..=U+FF5E` (`ｄｏｃｋｅｒ`, `８０００`) → ASCII;
//! - the ideographic space `U+3000` → an ASCII space;
//! - half-width katakana and punctuation `U+FF61..=U+FF9F` → their full-width forms, with a
//!   following half-width voiced or semi-voiced mark composed onto the kana (`ｶﾞ` → `ガ`);
//! - a combining voiced mark `U+3099`/`U+309A` after a kana composes with it (NFC does this too);
//! - conjoining Hangul jamo sequences (how macOS hands out decomposed Korean) compose into
//!   syllables, algorithmically;
//! - then lower-casing with `char::to_lowercase`, which the standard library already ships.
//!
//! Left out on purpose: Hangul compatibility jamo (`ㄱ`, `U+3131..`) — NFKC maps them to
//! conjoining jamo, which would not match the precomposed syllables of the text anyway; half-width
//! Hangul; circled and parenthesised numbers, ligatures, superscripts, and the other
//! compatibility characters that do not occur in the guide or in typed queries.

/// One character of folded text with the byte range of the original text it came from, so that
/// matches can be highlighted in the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FoldedChar {
    pub ch: char,
    pub start: usize,
    pub end: usize,
}

/// Folds `text` (see the module documentation) into `out`, which is cleared first.
pub(crate) fn fold_into(text: &str, out: &mut Vec<FoldedChar>) {
    out.clear();
    for (start, original) in text.char_indices() {
        let end = start + original.len_utf8();
        let ch = fold_width(original);
        if let Some(last) = out.last_mut() {
            if let Some(composed) = compose(last.ch, ch) {
                last.ch = composed;
                last.end = end;
                continue;
            }
        }
        if ch.is_ascii() || caseless(ch) {
            // The common cases, without the table search of `to_lowercase`.
            out.push(FoldedChar {
                ch: ch.to_ascii_lowercase(),
                start,
                end,
            });
        } else {
            for lower in ch.to_lowercase() {
                out.push(FoldedChar {
                    ch: lower,
                    start,
                    end,
                });
            }
        }
    }
}

/// True for the blocks with no case mappings that make up most of Korean and Japanese text
/// (CJK punctuation, kana, jamo, ideographs, Hangul syllables), so that folding them skips the
/// table search in `char::to_lowercase`.
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0xA63F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF)
}

/// Folds a string, for callers that do not need the offsets.
pub fn normalize(text: &str) -> String {
    let mut folded = Vec::new();
    fold_into(text, &mut folded);
    folded.iter().map(|f| f.ch).collect()
}

/// Width folding of one character (no composition, no case).
fn fold_width(c: char) -> char {
    let cp = c as u32;
    match cp {
        0xFF01..=0xFF5E => char::from_u32(cp - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0xFF61..=0xFF9F => {
            let full = HALF_WIDTH_KATAKANA[(cp - 0xFF61) as usize];
            char::from_u32(u32::from(full) + 0x3000).unwrap_or(c)
        }
        _ => c,
    }
}

/// Full-width forms of `U+FF61..=U+FF9F`, minus `0x3000` to halve the table. The last two are the
/// combining voiced and semi-voiced marks, as NFKC maps them.
const HALF_WIDTH_KATAKANA: [u8; 63] = [
    0x02, 0x0C, 0x0D, 0x01, 0xFB, 0xF2, 0xA1, 0xA3, 0xA5, 0xA7, 0xA9, 0xE3, 0xE5, 0xE7, 0xC3, 0xFC,
    0xA2, 0xA4, 0xA6, 0xA8, 0xAA, 0xAB, 0xAD, 0xAF, 0xB1, 0xB3, 0xB5, 0xB7, 0xB9, 0xBB, 0xBD, 0xBF,
    0xC1, 0xC4, 0xC6, 0xC8, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD2, 0xD5, 0xD8, 0xDB, 0xDE, 0xDF,
    0xE0, 0xE1, 0xE2, 0xE4, 0xE6, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF, 0xF3, 0x99, 0x9A,
];

const VOICED: char = '\u{3099}';
const SEMI_VOICED: char = '\u{309A}';

/// Canonical composition of the pairs that occur in Japanese and Korean text.
fn compose(base: char, next: char) -> Option<char> {
    match next {
        VOICED | SEMI_VOICED => compose_kana(base, next == SEMI_VOICED),
        '\u{1161}'..='\u{1175}' => {
            // Leading consonant + vowel → LV syllable.
            let l = (base as u32).checked_sub(0x1100).filter(|l| *l < 19)?;
            let v = next as u32 - 0x1161;
            char::from_u32(0xAC00 + (l * 21 + v) * 28)
        }
        '\u{11A8}'..='\u{11C2}' => {
            // LV syllable without a final + trailing consonant → LVT syllable.
            let s = (base as u32).checked_sub(0xAC00).filter(|s| *s < 11172)?;
            if s % 28 != 0 {
                return None;
            }
            char::from_u32(base as u32 + (next as u32 - 0x11A7))
        }
        _ => None,
    }
}

/// Kana + (semi-)voiced mark. Works on katakana; hiragana is shifted there and back.
fn compose_kana(base: char, semi: bool) -> Option<char> {
    let cp = base as u32;
    let (kata, shift) = match cp {
        0x3041..=0x3096 => (cp + 0x60, 0x60),
        0x30A1..=0x30FA => (cp, 0),
        _ => return None,
    };
    let composed = if semi {
        match kata {
            // ハ ヒ フ ヘ ホ → パ ピ プ ペ ポ
            0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB => kata + 2,
            _ => return None,
        }
    } else {
        match kata {
            // カ..ヂ: every other code point is the voiced form of the one before it.
            0x30AB..=0x30C1 if (kata - 0x30AB) % 2 == 0 => kata + 1,
            // ツ テ ト (ッ sits before ツ, which shifts the parity)
            0x30C4 | 0x30C6 | 0x30C8 => kata + 1,
            0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB => kata + 1,
            0x30A6 => 0x30F4,            // ウ → ヴ
            0x30EF..=0x30F2 => kata + 8, // ワ ヰ ヱ ヲ → ヷ ヸ ヹ ヺ
            _ => return None,
        }
    };
    // Hiragana has no voiced ゐ/ゑ/を etc.; only shift back what exists there.
    let result = composed - shift;
    if shift != 0 && !(0x3041..=0x3096).contains(&result) {
        return None;
    }
    if shift != 0 && kata >= 0x30EF {
        return None;
    }
    char::from_u32(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_and_ideographic_space() {
        assert_eq!(normalize("ＤＯＣＫＥＲ　８０００！"), "docker 8000!");
        assert_eq!(normalize("ｄｏｃｋｅｒ"), "docker");
    }

    #[test]
    fn half_width_katakana_with_voiced_marks() {
        assert_eq!(normalize("ｶﾞ"), "ガ");
        assert_eq!(normalize("ｷｬｯｼｭ"), "キャッシュ");
        assert_eq!(normalize("ﾚﾌﾟﾘｹｰｼｮﾝ"), "レプリケーション");
        assert_eq!(normalize("ﾄﾞｯｶｰ｡"), "ドッカー。");
        assert_eq!(normalize("ｳﾞ"), "ヴ");
        // A mark that cannot compose stays, as the combining mark NFKC produces.
        assert_eq!(normalize("ｱﾞ"), "ア\u{3099}");
        assert_eq!(normalize("ﾞ"), "\u{3099}");
    }

    #[test]
    fn combining_marks_compose_on_full_width_kana_and_hiragana() {
        assert_eq!(normalize("か\u{3099}"), "が");
        assert_eq!(normalize("ハ\u{309A}"), "パ");
        assert_eq!(normalize("ヲ\u{3099}"), "ヺ");
        assert_eq!(normalize("を\u{3099}"), "を\u{3099}");
    }

    #[test]
    fn conjoining_hangul_composes() {
        // 캐시 and 컨테이너 as macOS writes them (NFD).
        let nfd_cache = "\u{110F}\u{1162}\u{1109}\u{1175}";
        assert_eq!(normalize(nfd_cache), "캐시");
        let nfd_han = "\u{1112}\u{1161}\u{11AB}";
        assert_eq!(normalize(nfd_han), "한");
    }

    #[test]
    fn lower_case_and_offsets_point_into_the_original() {
        assert_eq!(normalize("Docker ÉTÉ"), "docker été");
        let mut folded = Vec::new();
        fold_into("aｶﾞb", &mut folded);
        let spans: Vec<_> = folded.iter().map(|f| (f.ch, f.start, f.end)).collect();
        assert_eq!(spans, vec![('a', 0, 1), ('ガ', 1, 7), ('b', 7, 8)]);
    }

    #[test]
    fn caseless_blocks_really_have_no_case() {
        for cp in (0x2E80..=0xA63F)
            .chain(0xAC00..=0xD7FF)
            .chain(0xF900..=0xFAFF)
        {
            if let Some(c) = char::from_u32(cp) {
                assert!(caseless(c));
                assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
            }
        }
    }

    #[test]
    fn every_half_width_form_maps_to_a_kana_or_punctuation() {
        for cp in 0xFF61..=0xFF9F {
            let c = char::from_u32(cp).unwrap();
            let f = fold_width(c);
            assert!(('\u{3001}'..='\u{30FC}').contains(&f), "{c:?} → {f:?}");
        }
    }
}
