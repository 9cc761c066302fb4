//! Configuration files, run the way a user runs them: `shipshape.toml`, `[tool.shipshape]` in
//! `pyproject.toml`, a `.hadolint.yaml` moved over from hadolint, the lookup from the
//! Dockerfile's directory upwards, `--config` / `--no-config`, per-file overrides, bad files,
//! and `shipshape config` naming where each value came from.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shipshape(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SHIPSHAPE_SITE_URL")
        // No user configuration (~/.hadolint.yaml) from the machine running the tests.
        .env("HOME", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("run shipshape")
}

/// Shell-form CMD (SS008, DL3025), a floating tag (SS009, DL3007), pip's cache (SS010) and
/// the sources copied before the install (SS001).
const DOCKERFILE: &str = "FROM python:latest\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\nCMD fastapi run app/main.py\n";

/// `root/` with `services/api/Dockerfile`, `services/worker/Dockerfile.dev` and nothing else.
fn tree(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("config-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["services/api", "services/worker"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("services/api/Dockerfile"), DOCKERFILE).unwrap();
    std::fs::write(dir.join("services/worker/Dockerfile.dev"), DOCKERFILE).unwrap();
    dir
}

fn rules(o: &Output) -> Vec<String> {
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect()
}

fn lint(dir: &Path, file: &str, extra: &[&str]) -> Output {
    let mut args = vec!["lint", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(file);
    shipshape(&args, dir)
}

#[test]
fn without_a_config_the_defaults_apply() {
    let dir = tree("none");
    let found = rules(&lint(&dir, "services/api/Dockerfile", &[]));
    for r in [
        "SS001:warning",
        "SS008:warning",
        "SS009:warning",
        "SS010:warning",
    ] {
        assert!(found.contains(&r.to_string()), "{r} missing from {found:?}");
    }
}

#[test]
fn shipshape_toml_is_found_upwards_and_ignores_by_any_tools_name() {
    let dir = tree("toml");
    std::fs::write(
        dir.join("shipshape.toml"),
        "ignore = [\"DL3025\", \"SS010\"]\nfailure-level = \"error\"\n\n[severity]\nDL3007 = \"error\"\nSS001 = \"info\"\n",
    )
    .unwrap();
    let o = lint(&dir, "services/api/Dockerfile", &[]);
    let found = rules(&o);
    assert!(
        !found.iter().any(|r| r.starts_with("SS008")),
        "DL3025 is SS008: {found:?}"
    );
    assert!(!found.iter().any(|r| r.starts_with("SS010")), "{found:?}");
    assert!(
        found.contains(&"SS009:error".to_string()),
        "DL3007 is SS009: {found:?}"
    );
    assert!(found.contains(&"SS001:info".to_string()), "{found:?}");
    // failure-level error, and SS009 is now an error: exit 1.
    assert_eq!(o.status.code(), Some(1));
    // From the Dockerfile's own directory too (run from there).
    let o = lint(&dir.join("services/api"), "Dockerfile", &[]);
    assert!(!rules(&o).iter().any(|r| r.starts_with("SS008")));
    // The command line wins over the file.
    let o = lint(&dir, "services/api/Dockerfile", &["--fail-level", "none"]);
    assert_eq!(o.status.code(), Some(0));
    // --no-config reads none of it.
    let found = rules(&lint(&dir, "services/api/Dockerfile", &["--no-config"]));
    assert!(found.contains(&"SS008:warning".to_string()), "{found:?}");
}

#[test]
fn the_nearest_config_wins_and_pyproject_counts_only_with_its_table() {
    let dir = tree("nearest");
    std::fs::write(dir.join("shipshape.toml"), "ignore = [\"SS008\"]\n").unwrap();
    // A pyproject.toml without [tool.shipshape] is not a configuration: the one above wins.
    std::fs::write(
        dir.join("services/pyproject.toml"),
        "[project]\nname = \"api\"\n",
    )
    .unwrap();
    let found = rules(&lint(&dir, "services/api/Dockerfile", &[]));
    assert!(!found.iter().any(|r| r.starts_with("SS008")), "{found:?}");
    // With the table it is nearer, and replaces the outer file rather than merging with it.
    std::fs::write(
        dir.join("services/pyproject.toml"),
        "[project]\nname = \"api\"\n\n[tool.shipshape]\nignore = [\"JSONArgsRecommended\", \"SS009\"]\n",
    )
    .unwrap();
    let found = rules(&lint(&dir, "services/api/Dockerfile", &[]));
    assert!(
        !found
            .iter()
            .any(|r| r.starts_with("SS008") || r.starts_with("SS009")),
        "{found:?}"
    );
    std::fs::write(
        dir.join("services/pyproject.toml"),
        "[tool.shipshape]\nignore = [\"SS009\"]\n",
    )
    .unwrap();
    let found = rules(&lint(&dir, "services/api/Dockerfile", &[]));
    assert!(
        found.iter().any(|r| r.starts_with("SS008")),
        "the outer file is not merged: {found:?}"
    );
    // --config names one explicitly.
    let found = rules(&lint(
        &dir,
        "services/api/Dockerfile",
        &["--config", "shipshape.toml"],
    ));
    assert!(found.iter().any(|r| r.starts_with("SS009")), "{found:?}");
    assert!(!found.iter().any(|r| r.starts_with("SS008")), "{found:?}");
}

#[test]
fn overrides_apply_by_glob_and_profile_selects_rules() {
    let dir = tree("overrides");
    std::fs::write(
        dir.join("shipshape.toml"),
        "profile = \"default\"\n\n[[overrides]]\nfiles = [\"*.dev\"]\nignore = [\"SS009\"]\n\n[[overrides]]\nfiles = \"services/api/**\"\nseverity = { SS010 = \"off\" }\n",
    )
    .unwrap();
    let api = rules(&lint(&dir, "services/api/Dockerfile", &[]));
    assert!(!api.iter().any(|r| r.starts_with("SS010")), "{api:?}");
    assert!(api.iter().any(|r| r.starts_with("SS009")), "{api:?}");
    let dev = rules(&lint(&dir, "services/worker/Dockerfile.dev", &[]));
    assert!(!dev.iter().any(|r| r.starts_with("SS009")), "{dev:?}");
    assert!(dev.iter().any(|r| r.starts_with("SS010")), "{dev:?}");
    // Both files in one run, each with its own configuration.
    let both = shipshape(
        &[
            "lint",
            "--format",
            "json",
            "services/api/Dockerfile",
            "services/worker/Dockerfile.dev",
        ],
        &dir,
    );
    let v: Value = serde_json::from_slice(&both.stdout).unwrap();
    let of = |file: &str, rule: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == file && f["rule"] == rule)
    };
    assert!(!of("services/api/Dockerfile", "SS010") && of("services/api/Dockerfile", "SS009"));
    assert!(
        of("services/worker/Dockerfile.dev", "SS010")
            && !of("services/worker/Dockerfile.dev", "SS009")
    );
}

#[test]
fn a_hadolint_yaml_is_read_when_there_is_no_shipshape_config() {
    let dir = tree("hadolint");
    std::fs::write(
        dir.join(".hadolint.yaml"),
        "ignored:\n  - DL3025\n  - DL3057\nfailure-threshold: error\noverride:\n  info:\n    - DL3007\ntrustedRegistries:\n  - docker.io\n  - registry.example.org:5000\n",
    )
    .unwrap();
    let o = lint(&dir, "services/api/Dockerfile", &[]);
    let found = rules(&o);
    assert!(!found.iter().any(|r| r.starts_with("SS008")), "{found:?}");
    assert!(found.contains(&"SS009:info".to_string()), "{found:?}");
    // failure-threshold: error, and nothing here is an error.
    assert_eq!(o.status.code(), Some(0), "{found:?}");
    let notice = String::from_utf8_lossy(&o.stderr);
    assert!(
        notice.contains("DL3057"),
        "names the code it could not map: {notice}"
    );
    assert!(notice.contains("trustedRegistries"), "{notice}");
    // A Shipshape configuration anywhere above wins over it.
    std::fs::write(dir.join("shipshape.toml"), "profile = \"default\"\n").unwrap();
    let o = lint(&dir, "services/api/Dockerfile", &[]);
    assert!(rules(&o).iter().any(|r| r.starts_with("SS008")));
    assert!(String::from_utf8_lossy(&o.stderr).is_empty());
}

#[test]
fn a_bad_config_names_the_file_the_key_and_what_is_expected() {
    let dir = tree("bad");
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "shipshape.toml",
            "profile = \"strcit\"\n",
            &["shipshape.toml", "`profile`", "\"strict\"", "strcit"],
        ),
        (
            "shipshape.toml",
            "profle = \"strict\"\n",
            &["shipshape.toml", "unknown key `profle`", "profile"],
        ),
        (
            "shipshape.toml",
            "ignore = [\"SS999\"]\n",
            &["`ignore`", "SS999"],
        ),
        (
            "shipshape.toml",
            "ignore = \"SS001\"\n",
            &["`ignore`", "a list"],
        ),
        (
            "shipshape.toml",
            "[severity]\nSS001 = \"loud\"\n",
            &["`severity.SS001`", "\"off\"", "loud"],
        ),
        (
            "shipshape.toml",
            "failure-level = 3\n",
            &["`failure-level`", "\"none\"", "3"],
        ),
        (
            "shipshape.toml",
            "context = \"nowhere\"\n",
            &["`context`", "directory"],
        ),
        (
            "shipshape.toml",
            "[[overrides]]\nignore = [\"SS001\"]\n",
            &["`overrides[0]`", "files"],
        ),
        (
            "shipshape.toml",
            "ignore = [\n",
            &["shipshape.toml", "TOML", "line"],
        ),
        (
            "shipshape.toml",
            "site-url = \"docs.example.org\"\n",
            &["`site-url`", "https://"],
        ),
        (
            "pyproject.toml",
            "[tool.shipshape]\nprofile = 1\n",
            &["pyproject.toml", "`tool.shipshape.profile`"],
        ),
        (
            ".hadolint.yaml",
            "failure-threshold: loud\n",
            &[".hadolint.yaml", "`failure-threshold`", "style"],
        ),
        (
            ".hadolint.yaml",
            "ignored: [\n",
            &[".hadolint.yaml", "YAML", "line"],
        ),
    ];
    for (name, text, wanted) in cases {
        for f in ["shipshape.toml", "pyproject.toml", ".hadolint.yaml"] {
            let _ = std::fs::remove_file(dir.join(f));
        }
        std::fs::write(dir.join(name), text).unwrap();
        let o = lint(&dir, "services/api/Dockerfile", &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name} {text:?}: {err}");
        assert!(o.stdout.is_empty(), "nothing is linted with a bad config");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        for w in *wanted {
            assert!(err.contains(w), "{name} {text:?}: `{w}` not in {err}");
        }
    }
    let o = lint(
        &dir,
        "services/api/Dockerfile",
        &["--config", "missing.toml"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.toml"));
}

#[test]
fn config_prints_each_value_and_where_it_came_from() {
    let dir = tree("show");
    std::fs::write(
        dir.join("shipshape.toml"),
        "profile = \"strict\"\nignore = [\"DL3025\"]\ncontext = \"services\"\nsite-url = \"https://docs.example.org/\"\n\n[[overrides]]\nfiles = \"*.dev\"\nseverity = { SS010 = \"error\" }\n",
    )
    .unwrap();
    let o = shipshape(
        &[
            "config",
            "services/worker/Dockerfile.dev",
            "--format",
            "json",
            "--fail-level",
            "info",
        ],
        &dir,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let toml = std::fs::canonicalize(dir.join("shipshape.toml")).unwrap();
    let from = |key: &str| format!("{}: {key}", toml.display());
    assert_eq!(v["profile"]["value"], "strict");
    assert_eq!(v["profile"]["from"], from("profile"));
    assert_eq!(v["failure-level"]["value"], "info");
    assert_eq!(v["failure-level"]["from"], "command line --fail-level");
    assert_eq!(v["ignore"][0]["rules"][0], "SS008");
    assert_eq!(v["site-url"]["value"], "https://docs.example.org");
    assert_eq!(v["severity"][0]["rule"], "SS010");
    assert_eq!(
        v["severity"][0]["from"],
        from("overrides[0].severity.SS010")
    );
    assert_eq!(v["overrides"][0], 0);
    assert!(v["context"]["value"]
        .as_str()
        .unwrap()
        .ends_with("services"));
    assert!(!v["rules"].as_array().unwrap().iter().any(|r| r == "SS008"));
    // The text form says the same, one setting per line with its origin.
    let o = shipshape(&["config", "services/worker/Dockerfile.dev"], &dir);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("profile = \"strict\""), "{text}");
    assert!(text.contains(&from("profile")), "{text}");
    assert!(text.contains("ignore \"DL3025\" -> SS008"), "{text}");
    // No file: every value is a default.
    let o = shipshape(&["config", "--no-config", "--format", "json"], &dir);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["file"], Value::Null);
    assert_eq!(v["profile"]["from"], "default");
    assert_eq!(v["failure-level"]["value"], "warning");
}

#[test]
fn fix_leaves_the_rules_a_config_ignores() {
    let dir = tree("fix");
    let fixed = |dir: &Path| {
        let o = shipshape(&["fix", "services/api/Dockerfile"], dir);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    // Without a configuration the shell-form CMD becomes exec form...
    assert!(fixed(&dir).contains("CMD [\"fastapi\", \"run\", \"app/main.py\"]"));
    // ...and not when the team ignores DL3025, or turns the rule off.
    std::fs::write(dir.join("shipshape.toml"), "ignore = [\"DL3025\"]\n").unwrap();
    let text = fixed(&dir);
    assert!(text.contains("CMD fastapi run app/main.py"), "{text}");
    assert!(
        text.contains("--no-cache-dir"),
        "other fixes still apply: {text}"
    );
    std::fs::write(dir.join("shipshape.toml"), "[severity]\nSS008 = \"off\"\n").unwrap();
    assert!(fixed(&dir).contains("CMD fastapi run app/main.py"));
}

#[test]
fn hadolints_command_line_spellings_work_too() {
    let dir = tree("flags");
    // --ignore takes any tool's names, comma-separated or repeated, on top of the file's.
    std::fs::write(dir.join("shipshape.toml"), "ignore = [\"SS010\"]\n").unwrap();
    let found = rules(&lint(
        &dir,
        "services/api/Dockerfile",
        &["--ignore", "DL3025,DL3007", "--ignore", "SS001"],
    ));
    for gone in ["SS010", "SS008", "SS009", "SS001"] {
        assert!(
            !found.iter().any(|r| r.starts_with(gone)),
            "{gone} in {found:?}"
        );
    }
    let o = lint(&dir, "services/api/Dockerfile", &["--ignore", "SS999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--ignore SS999"));
    // --no-fail and -t / --failure-threshold as hadolint has them (style is info).
    assert_eq!(
        lint(&dir, "services/api/Dockerfile", &["--no-fail"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        lint(&dir, "services/api/Dockerfile", &["-t", "error"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        lint(
            &dir,
            "services/api/Dockerfile",
            &["--failure-threshold", "style"]
        )
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn a_users_hadolint_config_is_found_where_hadolint_looks() {
    let dir = tree("home");
    let home = dir.join("home");
    std::fs::create_dir_all(home.join(".config")).unwrap();
    std::fs::write(home.join(".config/hadolint.yaml"), "ignored: [DL3025]\n").unwrap();
    let run = |xdg: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_shipshape"));
        c.args(["lint", "--format", "json", "services/api/Dockerfile"])
            .current_dir(&dir)
            .env("HOME", &home)
            .env_remove("SHIPSHAPE_SITE_URL");
        match xdg {
            Some(x) => c.env("XDG_CONFIG_HOME", x),
            None => c.env_remove("XDG_CONFIG_HOME"),
        };
        rules(&c.output().unwrap())
    };
    assert!(
        !run(None).iter().any(|r| r.starts_with("SS008")),
        "~/.config/hadolint.yaml"
    );
    let xdg = dir.join("xdg");
    std::fs::create_dir_all(&xdg).unwrap();
    std::fs::write(xdg.join("hadolint.yaml"), "ignored: [DL3007]\n").unwrap();
    let found = run(Some(&xdg));
    assert!(
        found.iter().any(|r| r.starts_with("SS008"))
            && !found.iter().any(|r| r.starts_with("SS009")),
        "$XDG_CONFIG_HOME first: {found:?}"
    );
    // A project's own file wins over the user's.
    std::fs::write(dir.join("services/.hadolint.yml"), "ignored: [SS010]\n").unwrap();
    let found = run(None);
    assert!(
        found.iter().any(|r| r.starts_with("SS008"))
            && !found.iter().any(|r| r.starts_with("SS010")),
        "{found:?}"
    );
}
