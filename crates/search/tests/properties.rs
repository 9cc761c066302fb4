//! Nothing panics, whatever the text, the query or the index bytes.

use proptest::prelude::*;
use shipshape_search::{build_index, tokenize, Index, Section};

/// Text mixing the scripts and the characters that fold or compose.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([a-zA-Z0-9 .#_-]|[가-힣]|[ぁ-ゖ]|[ァ-ヺー]|[一-龥]|[ｦ-ﾟ]|[！-～]|\u{3000}|\u{3099}|[\u{1100}-\u{1112}]|[\u{1161}-\u{1175}]|[\u{11A8}-\u{11C2}]|.){0,60}",
    )
    .expect("valid regex")
}

fn sections() -> impl Strategy<Value = Vec<Section>> {
    proptest::collection::vec(
        (text(), text(), text(), text(), 0u32..5).prop_map(
            |(title, heading, anchor, text, order)| Section {
                page_title: title,
                section_heading: heading,
                url: format!("/x/{order}/#{anchor}"),
                text,
                page_order: order,
            },
        ),
        0..8,
    )
}

proptest! {
    #[test]
    fn tokens_point_at_char_boundaries(s in text()) {
        for t in tokenize(&s) {
            prop_assert!(s.is_char_boundary(t.range.start) && s.is_char_boundary(t.range.end));
            prop_assert!(t.range.start < t.range.end && !t.term.is_empty());
        }
    }

    #[test]
    fn search_never_panics_and_highlights_are_valid(sections in sections(), query in text(), limit in 0usize..20) {
        let index = Index::load(&build_index("xx", &sections)).expect("fresh index loads");
        let hits = index.search(&query, limit);
        prop_assert!(hits.len() <= limit);
        for hit in &hits {
            prop_assert!(hit.section < sections.len());
            let mut end = 0;
            for h in &hit.highlights {
                prop_assert!(h.start >= end && h.start < h.end && h.end <= hit.snippet.len());
                prop_assert!(hit.snippet.is_char_boundary(h.start) && hit.snippet.is_char_boundary(h.end));
                end = h.end;
            }
        }
    }

    #[test]
    fn queries_taken_from_the_text_find_it(text in text()) {
        let sections = vec![Section { text: text.clone(), ..Section::default() }];
        let index = Index::load(&build_index("xx", &sections)).expect("fresh index loads");
        if !tokenize(&text).is_empty() {
            prop_assert!(!index.search(&text, 5).is_empty(), "{:?}", text);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = Index::load(&bytes);
        let mut with_magic = b"SSIX\x02".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = Index::load(&with_magic);
    }
}
