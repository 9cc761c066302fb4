//! Highlighting never panics and its spans are sound (sorted, not
//! overlapping, non-empty, inside the source, on character boundaries) on
//! every corpus Dockerfile, on mutations of them (cut anywhere, Korean and
//! Japanese text, stray quotes, escapes and heredoc markers pasted in), and on
//! random input. The lab's context helpers run on the same inputs.

mod common;

use proptest::prelude::*;
use shipshape_dockerfile::{context_sources, highlight, parse, suggested_context, HighlightKind};
use std::fs;

fn check(src: &str) {
    let spans = highlight(src);
    let mut last = 0;
    let mut previous: Option<&shipshape_dockerfile::HighlightSpan> = None;
    for s in &spans {
        let r = &s.range;
        assert!(r.start < r.end, "empty span {s:?}");
        assert!(r.start >= last, "unsorted or overlapping at {s:?}");
        assert!(r.end <= src.len(), "out of bounds {s:?}");
        assert!(
            src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
            "not on a character boundary: {s:?}"
        );
        if s.kind == HighlightKind::Comment {
            // A comment starts with `#`, or is a line a shell comment swallowed (SS015): the
            // comment before it ends with the escape character that continues the line.
            let swallowed = previous.is_some_and(|p| {
                p.kind == HighlightKind::Comment
                    && src[p.range.clone()].trim_end().ends_with(['\\', '`'])
                    && src[p.range.end..r.start].contains('\n')
            });
            assert!(src[r.clone()].starts_with('#') || swallowed, "{s:?}");
        }
        previous = Some(s);
        last = r.end;
    }
    // Every keyword the parser read is coloured (as a keyword, or as an error).
    let df = parse(src);
    // The lab's other helpers take the same input: they must not panic either.
    let sources = context_sources(&df);
    assert!(sources
        .iter()
        .all(|s| !s.is_empty() && !s.starts_with("./")));
    suggested_context(&df);
    for ins in &df.instructions {
        let k = ins.keyword_span;
        if k.start == k.end {
            continue;
        }
        let covered = spans.iter().any(|s| {
            s.range.start <= k.start
                && k.start < s.range.end
                && matches!(s.kind, HighlightKind::Instruction | HighlightKind::Error)
        });
        assert!(covered, "keyword at {k:?} not coloured");
    }
}

/// A small deterministic generator (xorshift), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PASTES: &[&str] = &[
    "# 한국어 주석 \"따옴표\n",
    "RUN echo \"안녕하세요 $이름 ${VAR:-기본값}\" && \\\n",
    "「日本語」の'文字列",
    "COPY --from=빌드 ./앱 /앱\n",
    "\"",
    "'",
    "$",
    "${",
    "\\",
    "`",
    "<<EOF\n",
    "\nEOF\n",
    "[\"a\", ",
    "\r\n",
    "\u{feff}",
    "# escape=`\n",
];

/// Cuts at a character boundary, inserts a paste, or deletes a range.
fn mutate(src: &str, rng: &mut Rng) -> String {
    let boundary = |rng: &mut Rng| {
        let mut i = rng.below(src.len() + 1);
        while !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = boundary(rng);
    let b = boundary(rng);
    let (a, b) = (a.min(b), a.max(b));
    match rng.below(3) {
        0 => src[..a].to_string(),
        1 => format!(
            "{}{}{}",
            &src[..a],
            PASTES[rng.below(PASTES.len())],
            &src[a..]
        ),
        _ => format!("{}{}", &src[..a], &src[b..]),
    }
}

#[test]
fn corpus_and_mutations_highlight_soundly() {
    let Some(dir) = common::shared_dir("corpus/dockerfiles") else {
        return;
    };
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut files = 0;
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .ends_with(".dockerignore")
        {
            continue;
        }
        let bytes = fs::read(entry.path()).unwrap();
        let src = String::from_utf8_lossy(&bytes).into_owned();
        check(&src);
        let mut m = src.clone();
        for _ in 0..4 {
            m = mutate(&m, &mut rng);
            check(&m);
        }
        files += 1;
    }
    assert!(files > 700, "only {files} corpus files");
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FROM a AS b\n".to_string()),
        Just("RUN ".to_string()),
        Just("COPY ".to_string()),
        Just("ONBUILD ".to_string()),
        Just("HEALTHCHECK CMD ".to_string()),
        Just("ENV ".to_string()),
        Just("ARG ".to_string()),
        Just("--mount=type=bind,source=. ".to_string()),
        Just("<<EOF".to_string()),
        Just("EOF".to_string()),
        Just("\n".to_string()),
        Just("\\\n".to_string()),
        Just("# escape=`\n".to_string()),
        Just("# 주석 コメント\n".to_string()),
        Just("\"한국어 $V 日本語\"".to_string()),
        Just("'文字列".to_string()),
        Just("${V:-{x}".to_string()),
        Just("&& | ; ".to_string()),
        Just("[\"a\", 1]".to_string()),
        Just(" ".to_string()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_input_highlights_soundly(parts in prop::collection::vec(piece(), 0..40)) {
        check(&parts.concat());
    }
}
