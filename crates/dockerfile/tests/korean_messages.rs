//! The engine's Korean, as a reader gets it: every rule message, fix title, parse problem and
//! rebuild reason that the rule pages' examples and the real-world corpus produce has particles
//! that agree with the words it inserts (`pip이`, `` `uv`가 ``, `3행은`) and the guide's register
//! (합니다 and "-세요", no "-십시오"). The templates themselves are checked in
//! `crates/content/tests/korean.rs`.

mod common;

use shipshape_dockerfile::{
    diagnostic_text, fix_title, lint, message_text, parse, plan, reason_text, suggested_context,
    BuildContext, Changes, Lang, LintOptions, Profile,
};
use shipshape_lang::ko;
use std::path::PathBuf;

/// Every Dockerfile the rule pages show (bad, good and per-ecosystem examples).
fn rule_page_examples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/en/rules");
    let mut out = Vec::new();
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        for (n, block) in text.split("```dockerfile\n").skip(1).enumerate() {
            let body = block.split("\n```").next().unwrap_or("").to_string() + "\n";
            out.push((format!("{name} example {}", n + 1), body));
        }
    }
    out
}

fn corpus() -> Vec<(String, String)> {
    let Some(dir) = common::shared_dir("corpus/dockerfiles") else {
        return Vec::new();
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect()
}

/// Everything the engine says in Korean about one Dockerfile.
fn korean_texts(src: &str) -> Vec<String> {
    let df = parse(src);
    let mut out: Vec<String> = df
        .diagnostics
        .iter()
        .map(|d| diagnostic_text(&d.kind, Lang::Ko))
        .collect();
    let paths = suggested_context(&df);
    let context = BuildContext {
        paths: paths.clone(),
        dockerignore: None,
    };
    let options = LintOptions {
        profile: Profile::Pedantic,
        context: Some(context.clone()),
        ..LintOptions::default()
    };
    for f in lint(&df, src, &options) {
        out.push(message_text(&f.message, Lang::Ko));
        out.push(fix_title(&f.message, Lang::Ko));
    }
    // What a change to each source file, or to every build argument, rebuilds, and why.
    let mut changes: Vec<Changes> = paths
        .iter()
        .map(|p| Changes {
            paths: vec![p.clone()],
            ..Changes::default()
        })
        .collect();
    changes.push(Changes {
        build_args: df
            .instructions
            .iter()
            .filter(|i| i.keyword == shipshape_dockerfile::Keyword::Arg)
            .filter_map(|i| {
                let w = i.arguments.words().first()?.value.clone();
                Some((w.split('=').next()?.to_string(), "changed".to_string()))
            })
            .collect(),
        ..Changes::default()
    });
    for c in &changes {
        let p = plan(&df, &context, c, None);
        out.extend(p.steps().map(|s| reason_text(&s.reason, Lang::Ko)));
    }
    out
}

fn problems(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, src) in files {
        for text in korean_texts(src) {
            for m in ko::mismatches(&text) {
                out.push(format!(
                    "{name}: `{}{}` should be `{}{}` in: {text}",
                    m.word, m.found, m.word, m.want
                ));
            }
            for (_, kind) in ko::off_register(&text) {
                out.push(format!("{name}: {kind} in: {text}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn korean_messages_for_the_rule_pages_examples_read_right() {
    let found = problems(&rule_page_examples());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn korean_messages_for_the_corpus_read_right() {
    let found = problems(&corpus());
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
