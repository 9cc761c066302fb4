//! What the browser lab relies on: a broken line does not stop the analysis
//! of the rest of the file, every parse problem can be shown with its place
//! and a sentence in each language, and the stage list feeds the target
//! selector.

use shipshape_dockerfile::{
    diagnostic_text, highlight_parsed, lint, parse, plan, reason_text, BuildContext, Changes,
    DiagnosticKind, HighlightKind, Lang, LintOptions, RuleId, StepStatus,
};

/// The guide's `COPY . .`-first example with broken lines in the middle.
const BROKEN: &str = "FROM python:3.13-slim\n\
WORKDIR /code\n\
ENV A=1 B\n\
FOO bar\n\
CMD [\"a\", 1]\n\
COPY . /code\n\
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\n\
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n";

#[test]
fn analysis_goes_on_after_broken_lines() {
    let df = parse(BROKEN);
    let errors: Vec<_> = df.errors().collect();
    let kinds: Vec<&DiagnosticKind> = errors.iter().map(|d| &d.kind).collect();
    assert!(kinds
        .iter()
        .any(|k| matches!(k, DiagnosticKind::MissingEquals { word } if word == "B")));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, DiagnosticKind::UnknownInstruction { name } if name == "FOO")));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, DiagnosticKind::NotStringArray { .. })));
    // Where: each error points at its own line. Why: a sentence in each language.
    for d in &errors {
        assert!((3..=5).contains(&d.span.start_pos.line), "{d}");
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            assert!(!diagnostic_text(&d.kind, lang).is_empty());
        }
    }
    let missing = errors
        .iter()
        .find(|d| matches!(d.kind, DiagnosticKind::MissingEquals { .. }))
        .unwrap();
    assert_eq!(missing.span.text(BROKEN), "B");

    // Findings still come for the lines after the broken ones.
    let findings = lint(&df, BROKEN, &LintOptions::default());
    let ss001 = findings
        .iter()
        .find(|f| f.rule == RuleId::SS001)
        .expect("SS001 after the broken lines");
    assert_eq!(ss001.span.start_pos.line, 6);

    // So does the rebuild plan: editing app/main.py reruns the install on line 7.
    let context = BuildContext {
        paths: vec![
            "requirements.txt".into(),
            "app/__init__.py".into(),
            "app/main.py".into(),
        ],
        dockerignore: None,
    };
    let changes = Changes {
        paths: vec!["app/main.py".into()],
        build_args: vec![],
        previous: None,
    };
    let p = plan(&df, &context, &changes, None);
    let install = p.steps().find(|s| s.line == 7).expect("a step on line 7");
    assert_eq!(install.status, StepStatus::Rebuilt);
    let copy = p.steps().find(|s| s.line == 6).unwrap();
    assert_eq!(copy.status, StepStatus::Rebuilt);
    assert!(reason_text(&copy.reason, Lang::Ko).contains("`app/main.py`"));

    // And the highlighting: errors where the parser stopped, colours after.
    let spans = highlight_parsed(&df, BROKEN);
    let kind_of = |text: &str| {
        spans
            .iter()
            .find(|s| &BROKEN[s.range.clone()] == text)
            .map(|s| s.kind)
    };
    assert_eq!(kind_of("FOO"), Some(HighlightKind::Error));
    assert_eq!(kind_of("B"), Some(HighlightKind::Error));
    assert_eq!(kind_of("RUN"), Some(HighlightKind::Instruction));
}

#[test]
fn stage_labels_select_the_target() {
    let src = "FROM python:3.13 AS Build\nRUN pip install uv\nFROM build AS test\nRUN pytest\nFROM python:3.13-slim\nCOPY --from=build /app /app\n";
    let df = parse(src);
    let stages = df.stages();
    let labels: Vec<String> = stages.iter().map(|s| s.label()).collect();
    assert_eq!(labels, ["build", "test", "2"]);
    for (i, label) in labels.iter().enumerate() {
        let p = plan(
            &df,
            &BuildContext::default(),
            &Changes::default(),
            Some(label),
        );
        assert!(p.problems.is_empty(), "{label}: {:?}", p.problems);
        assert_eq!(p.target, Some(i));
    }
    // The last stage does not need `test`: it is not built for that target.
    let p = plan(
        &df,
        &BuildContext::default(),
        &Changes::default(),
        Some("2"),
    );
    assert!(!p.stages[1].built);
}
