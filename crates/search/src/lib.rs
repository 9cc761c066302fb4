//! Shipshape's search engine: an index built natively from the guide at build time, and queries
//! answered in the browser (wasm32) from that index alone, offline.
//!
//! It works the same in English, Korean and Japanese: text is folded with the part of NFKC that
//! matters ([`normalize`]), Korean and Japanese are indexed as character bigrams and English as
//! lightly stemmed words ([`tokenize()`]), and the last word of a query also matches as a
//! prefix. See [`format`] for the index layout.
//!
//! ```
//! use shipshape_search::{build_index, Index, Section};
//!
//! let sections = vec![Section {
//!     page_title: "Restarts".into(),
//!     section_heading: "컨테이너 재시작".into(),
//!     url: "/ko/restarts/#restart".into(),
//!     text: "Docker는 컨테이너를 다시 시작합니다.".into(),
//!     page_order: 0,
//! }];
//! let bytes = build_index("ko", &sections);
//! let index = Index::load(&bytes).unwrap();
//! let hits = index.search("재시작", 10);
//! assert_eq!(hits[0].url, "/ko/restarts/#restart");
//! ```
//!
//! Nothing here does I/O or panics on any input, index bytes included.

use std::ops::Range;

mod build;
mod fold;
pub mod format;
mod search;
mod tokenize;

pub use build::build_index;
pub use fold::normalize;
pub use format::LoadError;
pub use search::{Index, MAX_QUERY_CHARS};
pub use tokenize::{stem, tokenize, Token, TokenKind};

/// One section of a page, as the site builder hands it over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    pub page_title: String,
    pub section_heading: String,
    /// The section's URL, with its `#anchor`.
    pub url: String,
    /// The section's plain text (no markup).
    pub text: String,
    /// The page's position in reading order; ties in ranking go to earlier pages.
    pub page_order: u32,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the section in the slice given to [`build_index`].
    pub section: usize,
    pub page_title: String,
    pub heading: String,
    pub url: String,
    /// A short excerpt of the section text around the first match.
    pub snippet: String,
    /// Byte ranges of the matched text in `snippet`, sorted, on char boundaries, for `<mark>`.
    pub highlights: Vec<Range<usize>>,
    /// Higher is better; hits come sorted. Hits containing every query word score above 1000.
    pub score: f32,
}
