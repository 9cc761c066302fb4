//! Runs the built `shipshape` binary the way a user does.

use std::path::PathBuf;
use std::process::{Command, Output};

fn shipshape(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipshape")
}

/// A throwaway FastAPI project in the target directory.
fn fastapi_project(name: &str, copy_all_first: bool) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    let dockerfile = if copy_all_first {
        "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n"
    } else {
        "FROM python:3.12\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCOPY ./app /code/app\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n"
    };
    std::fs::write(dir.join("Dockerfile"), dockerfile).unwrap();
    std::fs::write(dir.join("requirements.txt"), "fastapi\n").unwrap();
    std::fs::write(dir.join("app/main.py"), "app = 1\n").unwrap();
    std::fs::write(dir.join(".dockerignore"), "*.md\n").unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn rebuild_json_has_the_documented_shape() {
    let dir = fastapi_project("json-shape", false);
    let out = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--changed",
            "app/main.py",
            "--format",
            "json",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let stage = &v["stages"][0];
    assert_eq!(stage["index"], 0);
    assert_eq!(stage["built"], true);
    assert!(stage["name"].is_null());
    let steps = stage["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 6);
    let keys: Vec<&str> = steps[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "cost",
            "end_line",
            "instruction",
            "line",
            "reason",
            "status"
        ]
    );
    assert_eq!(steps[3]["instruction"], "RUN");
    assert_eq!(steps[3]["status"], "cached");
    assert_eq!(steps[3]["cost"], "heavy");
    assert_eq!(steps[4]["status"], "rebuilt");
    assert_eq!(
        steps[4]["reason"],
        "COPY ./app /code/app copies app/main.py, which changed"
    );
    // Field order follows the documentation.
    let text = stdout(&out);
    let name = text.find("\"name\"").unwrap();
    let steps_at = text.find("\"steps\"").unwrap();
    assert!(name < steps_at);
}

#[test]
fn rebuild_text_table_counts_heavy_steps() {
    let dir = fastapi_project("text-table", true);
    let out = shipshape(&["rebuild", "Dockerfile", "--changed", "app/main.py"], &dir);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("COPY . . copies app/main.py, which changed"),
        "{text}"
    );
    assert!(text.contains("3 steps rebuilt, 1 of them heavy"), "{text}");
    assert!(!text.contains('\x1b'), "no colours when not on a terminal");
}

#[test]
fn rebuild_respects_dockerignore_build_args_and_context() {
    let dir = fastapi_project("ignore-args", true);
    let out = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--changed",
            "README.md",
            "--format",
            "json",
        ],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["stages"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "cached"));
    // --context from elsewhere, --build-arg parsed, unknown arg changes nothing.
    let parent = dir.parent().unwrap();
    let out = shipshape(
        &[
            "rebuild",
            "ignore-args/Dockerfile",
            "--context",
            "ignore-args",
            "--changed",
            "requirements.txt",
            "--build-arg",
            "X=1",
        ],
        parent,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("COPY . . copies requirements.txt"));
}

#[test]
fn rebuild_target_selects_stage_and_unknown_target_fails() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("targets");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM alpine AS build\nCOPY . /src\nRUN make\nFROM alpine AS test\nRUN echo\nFROM scratch\nCOPY --from=build /src/out /out\n",
    )
    .unwrap();
    let out = shipshape(
        &["rebuild", "Dockerfile", "--changed", "a.c", "--format=json"],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["stages"][1]["built"], false);
    assert_eq!(v["stages"][1]["steps"][0]["status"], "not-built");
    assert_eq!(v["stages"][0]["name"], "build");
    let out = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--changed",
            "a.c",
            "--target",
            "test",
        ],
        &dir,
    );
    assert!(out.status.success());
    let out = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--changed",
            "a.c",
            "--target",
            "nope",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn parse_buildkit_and_json() {
    let dir = fastapi_project("parse", false);
    let out = shipshape(&["parse", "Dockerfile", "--format", "buildkit"], &dir);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        "(from \"python:3.12\")"
    );
    let out = shipshape(&["parse", "Dockerfile"], &dir);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["instructions"][2]["keyword"], "COPY");
    assert_eq!(v["instructions"][2]["range"]["start_line"], 3);
    assert_eq!(v["stages"][0]["index"], 0);
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errors");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("binary"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(dir.join("latin1"), [b'F', b'R', b'O', b'M', b' ', 0xe9]).unwrap();
    for args in [
        vec!["parse", "missing-file"],
        vec!["parse", "binary"],
        vec!["parse", "latin1"],
        vec!["parse", "."],
        vec!["rebuild", "missing-file", "--changed", "x"],
        vec!["rebuild", "binary", "--changed", "x"],
        vec!["parse"],
        vec!["frobnicate"],
        vec!["parse", "binary", "--format", "yaml"],
    ] {
        let out = shipshape(&args, &dir);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn parse_rejects_what_buildkit_rejects() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reject");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Dockerfile"), "FROM a\nENV PATH\n").unwrap();
    let out = shipshape(&["parse", "Dockerfile", "--format", "buildkit"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ENV must have two arguments"));
}
