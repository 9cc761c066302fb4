//! Any UTF-8: highlight it and word everything the lab shows. Nothing may
//! panic, and the spans must be sorted, disjoint, non-empty and on character
//! boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape_dockerfile::{
    context_sources, diagnostic_text, highlight_parsed, parse, suggested_context, Lang,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let df = parse(text);
    let mut last = 0;
    for s in highlight_parsed(&df, text) {
        assert!(s.range.start >= last && s.range.start < s.range.end);
        assert!(s.range.end <= text.len());
        assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
        last = s.range.end;
    }
    for d in &df.diagnostics {
        let _ = diagnostic_text(&d.kind, Lang::Ja);
    }
    let _ = context_sources(&df);
    let _ = suggested_context(&df);
});
