//! The index of each language stays under the 60 KB (gzip) budget. Run with `--nocapture` to see
//! the figures.

#[path = "common/corpus.rs"]
mod corpus;

use shipshape_search::{build_index, Index};

const BUDGET: usize = 60 * 1024;

#[test]
fn each_language_index_fits_the_budget() {
    let (source, langs) = match corpus::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("NOTICE: skipping the index size test, content does not load: {e}");
            return;
        }
    };
    if let corpus::Source::Markdown(why) = &source {
        eprintln!("NOTICE: content does not render ({why}); measuring the raw Markdown instead");
    }
    // The budget is for a guide of 26 pages of about 700 words; scale the measured size to that,
    // using the English page length (the translations say the same in other scripts, where
    // "words" are not comparable).
    let en = &langs[0].1;
    let en_words_per_page = corpus::word_count(en) as f64 / corpus::page_count(en) as f64;
    for (lang, sections) in &langs {
        let bytes = build_index(lang, sections);
        let index = Index::load(&bytes).expect("a fresh index loads");
        assert_eq!(index.len(), sections.len());
        let gzip = corpus::gzip_len(&bytes);
        let all_text: String = sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        println!(
            "  {lang}: the text alone is {} B gzip",
            corpus::gzip_len(all_text.as_bytes())
        );
        let pages = corpus::page_count(sections);
        let scale = (26.0 / pages as f64) * (700.0 / en_words_per_page);
        let scaled = (gzip as f64 * scale) as usize;
        let text: usize = sections.iter().map(|s| s.text.len()).sum();
        println!(
            "{lang}: {pages} pages, {} sections, {} terms, text {} B; index {} B raw, {} B gzip; \
             scaled to 26 pages x 700 words: {} B gzip",
            sections.len(),
            index.term_count(),
            text,
            bytes.len(),
            gzip,
            scaled
        );
        assert!(
            gzip.max(scaled) <= BUDGET,
            "{lang}: index is {gzip} B gzip ({scaled} B scaled), over {BUDGET} B"
        );
    }
}
