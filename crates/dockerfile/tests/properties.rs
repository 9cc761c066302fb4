//! Property tests: on random input the engine never panics, and what it
//! returns is consistent (spans inside the source and on character
//! boundaries, every instruction planned exactly once).

use proptest::prelude::*;
use shipshape_dockerfile::{
    buildkit, parse, plan, BuildContext, Changes, Dockerignore, StepStatus,
};

/// Pieces that exercise the tricky parts of the grammar.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FROM ".to_string()),
        Just("from alpine AS b\n".to_string()),
        Just("RUN ".to_string()),
        Just("COPY ".to_string()),
        Just("ADD ".to_string()),
        Just("ARG V=1\n".to_string()),
        Just("ENV ".to_string()),
        Just("ONBUILD ".to_string()),
        Just("HEALTHCHECK ".to_string()),
        Just("--from=b ".to_string()),
        Just("--mount=type=bind,source=. ".to_string()),
        Just("<<EOF".to_string()),
        Just("<<-'E F'".to_string()),
        Just("EOF".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\\\n".to_string()),
        Just("`\n".to_string()),
        Just("# escape=`\n".to_string()),
        Just("# c\n".to_string()),
        Just("[\"a\", \"b\"]".to_string()),
        Just("[1, [".to_string()),
        Just("${V:-x}".to_string()),
        Just("$V".to_string()),
        Just("'q".to_string()),
        Just("\"".to_string()),
        Just("=".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("é☃\u{a0}\u{feff}".to_string()),
        Just("https://x/y ".to_string()),
        "[a-z./*?]{1,8}",
        any::<String>(),
    ]
}

fn dockerfile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("app/main.py".to_string()),
        Just(".".to_string()),
        Just("/".to_string()),
        Just("../x".to_string()),
        "[a-z*?\\[\\]!/.]{0,12}",
    ]
}

fn check_spans(src: &str, span: &shipshape_dockerfile::Span) {
    assert!(span.start <= span.end && span.end <= src.len(), "{span:?}");
    assert!(
        src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
        "{span:?}"
    );
    assert!(span.start_pos <= span.end_pos);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_spans_are_sound(src in dockerfile_text()) {
        let df = parse(&src);
        let _ = buildkit::dump(&df);
        let mut last_start = 0;
        for i in &df.instructions {
            check_spans(&src, &i.span);
            check_spans(&src, &i.keyword_span);
            prop_assert!(i.span.start >= last_start);
            last_start = i.span.start;
            for f in &i.flags {
                check_spans(&src, &f.span);
            }
            for w in i.arguments.words() {
                check_spans(&src, &w.span);
            }
            for h in &i.heredocs {
                check_spans(&src, &h.content_span);
                check_spans(&src, &h.terminator_span);
            }
        }
        for d in &df.diagnostics {
            check_spans(&src, &d.span);
            prop_assert!(!d.to_string().is_empty());
        }
    }

    #[test]
    fn plan_never_panics_and_covers_every_stage_step(
        src in dockerfile_text(),
        changed in prop::collection::vec(path(), 0..4),
        ignore in prop::collection::vec(path(), 0..4),
        target in prop::option::of("[a-z0-9]{0,3}"),
    ) {
        let df = parse(&src);
        let context = BuildContext {
            paths: changed.clone(),
            dockerignore: Some(Dockerignore::parse(&ignore.join("\n"))),
        };
        let changes = Changes { paths: changed, build_args: vec![("V".into(), "2".into())], previous: None };
        let result = plan(&df, &context, &changes, target.as_deref());
        let stages = df.stages();
        prop_assert_eq!(result.stages.len(), stages.len());
        for (sp, st) in result.stages.iter().zip(&stages) {
            prop_assert_eq!(sp.steps.len(), st.instructions().len());
            for step in &sp.steps {
                prop_assert_eq!(step.status == StepStatus::NotBuilt, !sp.built);
                prop_assert!(step.line <= step.end_line);
                prop_assert!(!step.reason.to_string().is_empty());
            }
        }
        if let Some(t) = result.target {
            prop_assert!(result.stages[t].built, "the target stage is always built");
        }
    }

    #[test]
    fn dockerignore_never_panics(lines in prop::collection::vec(path(), 0..8), p in path()) {
        let ig = Dockerignore::parse(&lines.join("\n"));
        let _ = ig.is_excluded(&p);
    }

    #[test]
    fn an_unchanged_previous_file_reruns_nothing_more(src in dockerfile_text()) {
        let df = parse(&src);
        let context = BuildContext::default();
        let alone = plan(&df, &context, &Changes::default(), None);
        let same = Changes { previous: Some(parse(&src)), ..Changes::default() };
        prop_assert_eq!(plan(&df, &context, &same, None), alone);
    }

    #[test]
    fn an_edit_never_reruns_a_step_before_the_first_edited_line(
        src in dockerfile_text(),
        pick in 0usize..64,
        edit in prop_oneof![Just(" extra"), Just("\nRUN new"), Just("")],
    ) {
        let df = parse(&src);
        prop_assume!(!df.instructions.is_empty());
        let ins = &df.instructions[pick % df.instructions.len()];
        let line = ins.span.start_pos.line;
        // Change the instruction's last line: append words, add a line after it, or drop it.
        let mut now = String::new();
        now.push_str(&src[..ins.span.end]);
        if edit.is_empty() {
            now.truncate(ins.span.start);
        } else {
            now.push_str(edit);
        }
        now.push_str(&src[ins.span.end..]);
        let edited = parse(&now);
        let context = BuildContext::default();
        let baseline = plan(&edited, &context, &Changes::default(), None);
        let with_edit = plan(&edited, &context, &Changes { previous: Some(df.clone()), ..Changes::default() }, None);
        for (s, b) in with_edit.steps().zip(baseline.steps()) {
            if s.line < line && s.end_line < line {
                prop_assert_eq!(s.status, b.status, "line {} before the edit on {}", s.line, line);
            }
        }
    }
}
