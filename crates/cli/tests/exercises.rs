//! `shipshape exercises`, run as a team lead and a trainee's CI run it: listing, showing,
//! checking work from files, writing a completion code and verifying it, and refusing bad input
//! in one line with exit code 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use std::io::Write;

fn shipshape(args: &[&str], dir: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shipshape");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A trainee's repository: one folder per exercise, as a team would check them in.
fn repo(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn solution_of(id: &str) -> serde_json::Value {
    let dir = repo("show");
    let o = shipshape(&["exercises", "show", id, "--format", "json"], &dir, None);
    assert!(o.status.success(), "{}", err(&o));
    serde_json::from_str::<serde_json::Value>(&out(&o)).unwrap()
}

#[test]
fn list_names_every_exercise_with_its_kind_and_part_in_each_language() {
    let dir = repo("list");
    let o = shipshape(
        &["exercises", "list", "--format", "json", "--lang", "ja"],
        &dir,
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let items = v.as_array().unwrap();
    assert!(items.len() >= 20);
    let first = &items[0];
    for field in ["id", "kind", "part", "title"] {
        assert!(first[field].is_string(), "{field}: {first}");
    }
    assert!(items.iter().any(|i| i["kind"] == "dockerfile"));
    assert!(items.iter().any(|i| i["kind"] == "capacity"));
    assert!(items.iter().any(|i| i["kind"] == "concept"));
    // Titles in the language asked for.
    assert!(items
        .iter()
        .all(|i| !i["title"].as_str().unwrap().is_ascii()));
    let text = out(&shipshape(&["exercises", "list"], &dir, None));
    assert!(text.contains("requirements-first"), "{text}");
}

#[test]
fn show_gives_the_start_files_the_checks_and_the_solution() {
    let v = solution_of("requirements-first");
    assert_eq!(v["kind"], "dockerfile");
    assert!(v["start"]["dockerfile"]
        .as_str()
        .unwrap()
        .contains("COPY . /code"));
    assert!(v["start"]["context"].as_array().unwrap().len() >= 3);
    assert_eq!(v["checks"][0]["kind"], "rebuild");
    assert!(v["goals"].as_array().unwrap().len() >= 5);
    assert!(v["solution"]["dockerfile"]
        .as_str()
        .unwrap()
        .contains("COPY ./requirements.txt"));
    let c = solution_of("workers-fit-a-model");
    assert!(c["start"]["scenario"]["app"]["model_mib"].is_number());
    assert_eq!(c["start"]["decisions"][0], "workers");
    let q = solution_of("restarts");
    assert_eq!(q["solution"]["answer"], "external-tool");
    assert_eq!(q["start"]["choices"].as_array().unwrap().len(), 4);
}

#[test]
fn check_reads_a_dockerfile_and_its_dockerignore_and_says_what_is_wrong() {
    let dir = repo("check");
    let start = solution_of("dockerignore");
    std::fs::write(
        dir.join("Dockerfile"),
        start["start"]["dockerfile"].as_str().unwrap(),
    )
    .unwrap();
    let o = shipshape(
        &["exercises", "check", "dockerignore", "Dockerfile"],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("✗"), "{}", out(&o));
    assert!(out(&o).contains("reruns `COPY . /code`"), "{}", out(&o));
    // The .dockerignore next to it is read, as BuildKit would.
    std::fs::write(dir.join(".dockerignore"), ".git\n.venv\n").unwrap();
    let o = shipshape(
        &["exercises", "check", "dockerignore", "Dockerfile"],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("6/6 goals met: passed"), "{}", out(&o));
    // JSON, in Korean.
    std::fs::remove_file(dir.join(".dockerignore")).unwrap();
    let o = shipshape(
        &[
            "exercises",
            "check",
            "dockerignore",
            "Dockerfile",
            "--format",
            "json",
            "--lang",
            "ko",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["passed"], false);
    let unmet: Vec<&serde_json::Value> = v["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["met"] == false)
        .collect();
    assert!(!unmet.is_empty());
    assert!(unmet
        .iter()
        .all(|g| !g["problem"].as_str().unwrap().is_ascii()));
}

#[test]
fn check_takes_a_scenario_for_a_capacity_exercise_and_an_answer_for_a_concept() {
    let dir = repo("check-kinds");
    let s = solution_of("workers-fit-a-model");
    std::fs::write(
        dir.join("solved.json"),
        s["solution"]["scenario"].to_string(),
    )
    .unwrap();
    std::fs::write(dir.join("start.json"), s["start"]["scenario"].to_string()).unwrap();
    let ok = shipshape(
        &["exercises", "check", "workers-fit-a-model", "solved.json"],
        &dir,
        None,
    );
    assert_eq!(ok.status.code(), Some(0), "{}", out(&ok));
    let no = shipshape(
        &["exercises", "check", "workers-fit-a-model", "start.json"],
        &dir,
        None,
    );
    assert_eq!(no.status.code(), Some(1), "{}", out(&no));
    std::fs::write(dir.join("answer.txt"), "external-tool\n").unwrap();
    let ok = shipshape(
        &["exercises", "check", "restarts", "answer.txt"],
        &dir,
        None,
    );
    assert_eq!(ok.status.code(), Some(0), "{}", out(&ok));
}

#[test]
fn a_code_round_trips_through_the_cli_and_tampering_is_refused() {
    let dir = repo("code");
    let r = solution_of("requirements-first");
    std::fs::create_dir_all(dir.join("requirements-first")).unwrap();
    std::fs::write(
        dir.join("requirements-first/Dockerfile"),
        r["solution"]["dockerfile"].as_str().unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("restarts.txt"), "external-tool\n").unwrap();
    let o = shipshape(
        &[
            "exercises",
            "code",
            "--name",
            "Sam",
            "requirements-first=requirements-first/Dockerfile",
            "restarts=restarts.txt",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let code = out(&o).trim().to_string();
    assert!(code.starts_with("SSX1-"), "{code}");
    let v = shipshape(&["exercises", "verify", &code], &dir, None);
    assert_eq!(v.status.code(), Some(0), "{}{}", out(&v), err(&v));
    assert!(out(&v).contains("Sam"));
    assert!(out(&v).contains("requirements-first"));
    // From standard input and from a file, as a lead pastes or saves it.
    let v = shipshape(&["exercises", "verify", "-"], &dir, Some(&code));
    assert_eq!(v.status.code(), Some(0));
    std::fs::write(dir.join("code.txt"), format!("{code}\n")).unwrap();
    let v = shipshape(
        &["exercises", "verify", "code.txt", "--format", "json"],
        &dir,
        None,
    );
    assert_eq!(v.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&out(&v)).unwrap();
    assert_eq!(json["passed"], true);
    assert_eq!(json["exercises"].as_array().unwrap().len(), 2);
    // Malformed, truncated and tampered codes: one line on stderr, exit 2.
    let mut tampered = code.clone().into_bytes();
    let i = tampered.len() - 4;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for bad in [
        tampered.as_str(),
        &code[..code.len() / 2],
        "SSX1-",
        "hello",
        "1AAAA",
    ] {
        let v = shipshape(&["exercises", "verify", bad], &dir, None);
        assert_eq!(v.status.code(), Some(2), "{bad}: {}", out(&v));
        assert_eq!(err(&v).trim().lines().count(), 1, "{}", err(&v));
        assert!(err(&v).starts_with("shipshape exercises: "), "{}", err(&v));
    }
    // A code whose work no longer passes verifies with exit 1, and says which.
    std::fs::write(dir.join("wrong.txt"), "on-call\n").unwrap();
    let o = shipshape(&["exercises", "code", "restarts=wrong.txt"], &dir, None);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("does not pass yet"), "{}", err(&o));
    let v = shipshape(&["exercises", "verify", out(&o).trim()], &dir, None);
    assert_eq!(v.status.code(), Some(1), "{}", out(&v));
    assert!(out(&v).contains("not yet"), "{}", out(&v));
}

#[test]
fn bad_usage_is_one_line_and_exit_2() {
    let dir = repo("usage");
    for args in [
        vec!["exercises", "show", "no-such-exercise"],
        vec!["exercises", "check", "requirements-first", "missing-file"],
        vec!["exercises", "check", "requirements-first"],
        vec!["exercises", "list", "--lang", "fr"],
        vec!["exercises", "frobnicate"],
        vec!["exercises", "code", "requirements-first"],
    ] {
        let o = shipshape(&args, &dir, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", out(&o));
        assert_eq!(err(&o).trim().lines().count(), 1, "{args:?}: {}", err(&o));
    }
    std::fs::write(dir.join("bad.json"), "{\"app\": ").unwrap();
    let o = shipshape(
        &["exercises", "check", "workers-fit-a-model", "bad.json"],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(dir.join("answer.txt"), "maybe\n").unwrap();
    let o = shipshape(
        &["exercises", "check", "restarts", "answer.txt"],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("external-tool"), "{}", err(&o));
}
