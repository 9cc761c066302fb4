//! `shipshape lint` and `shipshape fix`, run the way a user runs them.

use shipshape_dockerfile::RuleId;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn shipshape(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipshape")
}

const BAD: &str = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN pip install --no-cache-dir --upgrade -r requirements.txt\nCMD fastapi run app/main.py --port 80\n";

fn project(name: &str, ignore: Option<&str>) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("lint-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join("Dockerfile"), BAD).unwrap();
    std::fs::write(dir.join("requirements.txt"), "fastapi\n").unwrap();
    std::fs::write(dir.join("app/main.py"), "app = 1\n").unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    if let Some(i) = ignore {
        std::fs::write(dir.join(".dockerignore"), i).unwrap();
    }
    dir
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn json_output_has_the_documented_fields_and_exit_code_follows_fail_level() {
    let dir = project("json", Some(".git\n"));
    let out = shipshape(&["lint", "--format", "json", "Dockerfile"], &dir);
    assert_eq!(out.status.code(), Some(1), "warnings fail by default");
    let v = json(&out);
    let records = v.as_array().unwrap();
    let ss001 = records
        .iter()
        .find(|r| r["rule"] == "SS001")
        .expect("SS001");
    for key in [
        "file",
        "rule",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
    ] {
        assert!(ss001.get(key).is_some(), "missing {key}");
    }
    assert_eq!(ss001["line"], 3);
    assert_eq!(ss001["severity"], "warning");
    assert!(ss001["message"].as_str().unwrap().contains("line 4"));
    assert!(ss001["fix"]["edits"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));
    assert!(records.iter().any(|r| r["rule"] == "SS008"));

    let none = shipshape(&["lint", "--fail-level", "none", "Dockerfile"], &dir);
    assert_eq!(none.status.code(), Some(0));
    let error = shipshape(&["lint", "--fail-level", "error", "Dockerfile"], &dir);
    assert_eq!(error.status.code(), Some(0));
    let info = shipshape(&["lint", "--fail-level=info", "Dockerfile"], &dir);
    assert_eq!(info.status.code(), Some(1));
}

#[test]
fn good_dockerfile_passes_at_warning_level() {
    let dir = project("good", None);
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCOPY ./app /code/app\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n",
    )
    .unwrap();
    let out = shipshape(&["lint", "Dockerfile"], &dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("info SS007") && text.contains("0 warning(s)"),
        "{text}"
    );
}

#[test]
fn languages_and_stdin() {
    let dir = project("lang", None);
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(["lint", "--lang", "ko", "--format", "json", "-"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(BAD.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v = json(&out);
    let msg = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "SS001")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("3행") && msg.contains("4행"), "{msg}");
    assert_eq!(v[0]["file"], "-");
    let ja = shipshape(&["lint", "--lang", "ja", "Dockerfile"], &dir);
    assert!(String::from_utf8_lossy(&ja.stdout).contains("3行目"));
}

#[test]
fn context_enables_the_dockerignore_rule() {
    let dir = project("ctx", None);
    let without = json(&shipshape(
        &["lint", "--format", "json", "Dockerfile"],
        &dir,
    ));
    assert!(!without
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "SS005"));
    let with = json(&shipshape(
        &["lint", "--format", "json", "--context", ".", "Dockerfile"],
        &dir,
    ));
    let ss005 = with
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "SS005")
        .expect("SS005");
    assert!(ss005["message"].as_str().unwrap().contains("`.git`"));
    let ignored = project("ctx-ignored", Some(".git\n"));
    let v = json(&shipshape(
        &["lint", "--format", "json", "--context", ".", "Dockerfile"],
        &ignored,
    ));
    assert!(!v.as_array().unwrap().iter().any(|r| r["rule"] == "SS005"));
}

#[test]
fn sarif_is_2_1_0_with_rules_results_and_fixes() {
    let dir = project("sarif", None);
    let v = json(&shipshape(
        &["lint", "--format", "sarif", "Dockerfile"],
        &dir,
    ));
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "shipshape");
    // Every rule is described, in order.
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let all: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(ids, all);
    let results = run["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "SS001").unwrap();
    assert_eq!(r["level"], "warning");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "Dockerfile"
    );
    assert!(r["fixes"][0]["artifactChanges"][0]["replacements"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    assert!(results.iter().any(|r| r["level"] == "note"));
}

#[test]
fn fix_prints_or_writes_the_fixed_file() {
    let dir = project("fix", None);
    let out = shipshape(&["fix", "Dockerfile"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let fixed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        fixed.contains("COPY requirements.txt ./\nRUN pip install"),
        "{fixed}"
    );
    assert!(
        fixed.contains("CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]"),
        "{fixed}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        BAD,
        "not written without --write"
    );
    let w = shipshape(&["fix", "--write", "Dockerfile"], &dir);
    assert_eq!(w.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        fixed
    );
    assert!(String::from_utf8_lossy(&w.stderr).contains("SS001"));
    // Fixed: no warning is left.
    assert_eq!(
        shipshape(&["lint", "Dockerfile"], &dir).status.code(),
        Some(0)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = project("usage", None);
    for args in [
        &["lint"][..],
        &["lint", "--format", "xml", "Dockerfile"],
        &["lint", "--lang", "fr", "Dockerfile"],
        &["lint", "--fail-level", "fatal", "Dockerfile"],
        &["lint", "missing"],
        &["lint", "--context", "nowhere", "Dockerfile"],
        &["fix"],
        &["fix", "--write", "-"],
    ] {
        let out = shipshape(args, &dir);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
}

#[test]
fn rules_lists_every_rule_with_its_names_elsewhere_and_findings_carry_them() {
    let dir = project("rules", Some(".git\n"));
    let o = shipshape(&["rules", "--format", "json"], &dir);
    assert!(o.status.success());
    let list = json(&o);
    let rules = list.as_array().unwrap();
    assert_eq!(rules.len(), RuleId::ALL.len());
    for (r, id) in rules.iter().zip(RuleId::ALL) {
        assert_eq!(r["id"], id.as_str());
        assert_eq!(r["severity"], id.severity().as_str());
        assert!(r["refs"]["hadolint"].is_array() && r["refs"]["buildkit"].is_array());
        assert!(r["fix"].is_boolean());
        assert!(r["page"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/rules/{id}/")));
    }
    let ss008 = rules.iter().find(|r| r["id"] == "SS008").unwrap();
    assert_eq!(ss008["refs"]["hadolint"][0], "DL3025");
    assert_eq!(ss008["refs"]["buildkit"][0], "JSONArgsRecommended");
    assert_eq!(ss008["fix"], true);
    // The text listing names them too.
    let text = String::from_utf8_lossy(&shipshape(&["rules"], &dir).stdout).into_owned();
    assert!(
        text.lines()
            .any(|l| l.starts_with("SS008") && l.contains("DL3025")),
        "{text}"
    );
    // A finding in JSON and SARIF carries its rule's names elsewhere.
    let o = shipshape(
        &[
            "lint",
            "--format",
            "json",
            "--fail-level",
            "none",
            "Dockerfile",
        ],
        &dir,
    );
    let findings = json(&o);
    let shell_form = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SS008")
        .expect("SS008 on the shell-form CMD");
    assert_eq!(shell_form["refs"]["hadolint"][0], "DL3025");
    let o = shipshape(
        &[
            "lint",
            "--format",
            "sarif",
            "--fail-level",
            "none",
            "Dockerfile",
        ],
        &dir,
    );
    let sarif = json(&o);
    let descriptors = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let d = descriptors.iter().find(|d| d["id"] == "SS008").unwrap();
    assert_eq!(
        d["properties"]["refs"]["buildkit"][0],
        "JSONArgsRecommended"
    );
    assert_eq!(d["properties"]["profile"], "default");
}

#[test]
fn a_profile_selects_rules_and_an_unknown_one_is_refused() {
    let dir = project("profile", Some(".git\n"));
    // Every rule today is in the default profile, so strict and pedantic find the same.
    let count = |profile: &str| {
        let o = shipshape(
            &[
                "lint",
                "--format",
                "json",
                "--fail-level",
                "none",
                "--profile",
                profile,
                "Dockerfile",
            ],
            &dir,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        json(&o).as_array().unwrap().len()
    };
    assert!(count("default") > 0);
    assert_eq!(count("default"), count("pedantic"));
    let o = shipshape(&["lint", "--profile", "loose", "Dockerfile"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown profile loose"));
    let o = shipshape(&["rules", "--profile", "default", "--format", "json"], &dir);
    let in_default = RuleId::ALL
        .iter()
        .filter(|r| r.meta().profile == shipshape_dockerfile::Profile::Default)
        .count();
    assert_eq!(json(&o).as_array().unwrap().len(), in_default);
}
