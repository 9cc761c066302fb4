//! The CLI's own container image (`crates/cli/Dockerfile`): there is no Docker engine to build
//! it here, so it is checked with Shipshape's engine, as a user's Dockerfile would be. Its
//! lint finds nothing at all, its final stage is small and safe (a distroless base, a non-root
//! user, an exec-form entrypoint), and the rebuild simulation shows that a source edit does not
//! rerun the dependency build while a change to the lock file does.

mod common;

use common::{repo, shipshape};
use serde_json::Value;

const FILE: &str = "crates/cli/Dockerfile";

#[test]
fn the_image_lints_clean_with_every_rule() {
    let (code, out, err) = shipshape(&[
        "lint",
        "--no-config",
        "--profile",
        "pedantic",
        "--fail-level",
        "info",
        "--context",
        ".",
        "--format",
        "json",
        FILE,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn the_final_stage_is_static_non_root_and_exec_form() {
    let text = std::fs::read_to_string(repo().join(FILE)).unwrap();
    let last = &text[text.rfind("\nFROM ").unwrap()..];
    assert!(last.contains("FROM gcr.io/distroless/static-"), "{last}");
    assert!(
        last.contains("\nUSER 65532:65532\n"),
        "numeric, for runAsNonRoot: {last}"
    );
    assert!(
        last.contains("\nENTRYPOINT [\"/usr/local/bin/shipshape\"]\n"),
        "{last}"
    );
    // The build makes a static binary with the speed-tuned profile the README installs.
    assert!(text.contains("target-feature=+crt-static"));
    assert!(text.contains("--profile native -p shipshape-cli"));
}

fn plan(changed: &[&str]) -> Value {
    let mut args = vec![
        "rebuild",
        FILE,
        "--context",
        ".",
        "--format",
        "json",
        "--changed",
    ];
    args.extend_from_slice(changed);
    let (code, out, err) = shipshape(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The status of the build stage's `RUN` steps that run cargo: (line, status).
fn cargo_steps(plan: &Value) -> Vec<(u64, String)> {
    let text = std::fs::read_to_string(repo().join(FILE)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    plan["stages"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["instruction"] == "RUN")
        .filter(|s| {
            let (a, b) = (
                s["line"].as_u64().unwrap() as usize,
                s["end_line"].as_u64().unwrap() as usize,
            );
            lines[a - 1..b].iter().any(|l| l.contains("cargo build"))
        })
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_source_edit_does_not_rerun_the_dependency_build() {
    for source in [
        "crates/cli/src/main.rs",
        "crates/dockerfile/src/lib.rs",
        "content/ko/exercises",
    ] {
        let steps = cargo_steps(&plan(&[source]));
        assert_eq!(
            steps.len(),
            2,
            "a dependency build and the build: {steps:?}"
        );
        assert_eq!(steps[0].1, "cached", "{source}: {steps:?}");
        assert_eq!(steps[1].1, "rebuilt", "{source}: {steps:?}");
    }
    // A new dependency reruns both.
    let steps = cargo_steps(&plan(&["Cargo.lock"]));
    assert!(steps.iter().all(|s| s.1 == "rebuilt"), "{steps:?}");
    // The site's sources and the guide are not in the context at all.
    let p = plan(&[
        "src/app.rs",
        "content/en/overview.md",
        "end2end/tests/lab.test.mjs",
    ]);
    let rebuilt: Vec<&Value> = p["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap())
        .filter(|s| s["status"] == "rebuilt")
        .collect();
    assert!(rebuilt.is_empty(), "{rebuilt:?}");
}
