//! The CI recipes the CLI's README gives (GitHub Actions, GitLab CI, pre-commit) and the hooks
//! in `.pre-commit-hooks.yaml`, checked as their users run them: the YAML is parsed, and every
//! `shipshape` command in it runs, through `sh`, on a git repository this test makes (with a
//! real remote, and a branch that changes the Dockerfile), with the CLI binary of this package
//! (`shipshape-hook`, the program pre-commit's `rust` hook installs) on `PATH` as `shipshape`.

use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("crates/cli/README.md")).unwrap()
}

/// The fenced YAML block whose first line is `# <name>`.
fn yaml_block(readme: &str, name: &str) -> Value {
    let marker = format!("```yaml\n# {name}\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("the README has no YAML block for {name}"))
        + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    serde_yaml::from_str(&readme[start..end]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=CI", "-c", "user.email=ci@example.org"])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const DOCKERFILE: &str = "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\nWORKDIR /code\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app app\nRUN useradd --create-home appuser\nUSER appuser\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n";

/// A clone of a bare `origin` whose `main` has a clean Dockerfile, checked out on a branch
/// `feature` that breaks it (shell-form CMD) and changes the requirements.
fn repository(name: &str) -> PathBuf {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("recipes-{name}"));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    git(&base, &["init", "-q", "--bare", "origin.git"]);
    git(&base, &["clone", "-q", "origin.git", "work"]);
    let work = base.join("work");
    std::fs::create_dir_all(work.join("app")).unwrap();
    std::fs::write(work.join("Dockerfile"), DOCKERFILE).unwrap();
    std::fs::write(work.join("requirements.txt"), "fastapi\n").unwrap();
    std::fs::write(work.join("app/main.py"), "app = 1\n").unwrap();
    git(&work, &["add", "."]);
    git(&work, &["commit", "-q", "-m", "first"]);
    git(&work, &["push", "-q", "origin", "HEAD:main"]);
    git(&work, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(
        work.join("Dockerfile"),
        DOCKERFILE.replace(
            "CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]",
            "CMD fastapi run app/main.py --port 80",
        ),
    )
    .unwrap();
    std::fs::write(work.join("requirements.txt"), "fastapi\nhttpx\n").unwrap();
    git(&work, &["commit", "-q", "-am", "feature"]);
    work
}

/// A directory holding `shipshape`, the CLI, for `PATH` (one per test: they run in parallel).
fn bin_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("recipes-bin-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("shipshape");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_shipshape-hook"), &link).unwrap();
    dir
}

fn sh(command: &str, dir: &Path, env: &[(&str, &str)]) -> Output {
    let name = dir
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin_dir(&name).display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new("sh");
    c.args(["-ec", command])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1");
    c.env_remove("SHIPSHAPE_SITE_URL");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("sh")
}

/// The lines of a script a CI runner runs, without the install (checked on its own).
fn commands(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| !l.trim_start().starts_with("cargo install"))
        .cloned()
        .collect()
}

fn check_install(line: &str) {
    // The one documented install: the speed-tuned profile, the CLI's package, the lock file.
    assert!(line.contains("--profile native"), "{line}");
    assert!(line.contains("--locked"), "{line}");
    assert!(line.trim_end().ends_with("shipshape-cli"), "{line}");
    assert!(readme().contains("cargo install --locked --profile native --path crates/cli"));
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let native = &manifest["profile"]["native"];
    assert_eq!(
        native["opt-level"].as_integer(),
        Some(3),
        "the native profile is tuned for speed"
    );
}

#[test]
fn the_github_actions_recipe_runs() {
    let wf = yaml_block(&readme(), ".github/workflows/dockerfiles.yml");
    assert_eq!(wf["permissions"]["security-events"].as_str(), Some("write"));
    let steps = wf["jobs"]["lint"]["steps"].as_sequence().unwrap();
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .unwrap();
    assert_eq!(
        checkout["with"]["fetch-depth"].as_u64(),
        Some(0),
        "--since needs the history"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("uploads the SARIF");
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    check_install(
        runs.iter()
            .find(|r| r.starts_with("cargo install"))
            .unwrap(),
    );
    let work = repository("github");
    let env = [("GITHUB_BASE_REF", "main"), ("GITHUB_ACTIONS", "true")];
    let mut ran = 0;
    for run in commands(&runs) {
        let o = sh(&run, &work, &env);
        ran += 1;
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        if run.contains("--format github") {
            // The broken CMD fails the step, with an annotation on its line and the rebuild.
            assert_eq!(
                o.status.code(),
                Some(1),
                "{run}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
            assert!(out.contains("::warning file=Dockerfile,line=9,"), "{out}");
            assert!(
                out.contains("title=shipshape rebuild::since origin/main, this change reruns"),
                "{out}"
            );
        } else {
            assert!(
                o.status.success(),
                "{run}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    assert_eq!(ran, 2);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join(sarif_file)).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "SS008"));
}

#[test]
fn the_gitlab_recipe_runs() {
    let ci = yaml_block(&readme(), ".gitlab-ci.yml");
    let job = &ci["dockerfiles"];
    let report = job["artifacts"]["reports"]["codequality"].as_str().unwrap();
    let script: Vec<String> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    check_install(
        script
            .iter()
            .find(|r| r.starts_with("cargo install"))
            .unwrap(),
    );
    let work = repository("gitlab");
    // A merge request pipeline's clone has the branch; the script fetches the target.
    git(&work, &["update-ref", "-d", "refs/remotes/origin/main"]);
    let env = [
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("GITLAB_CI", "true"),
    ];
    let mut saw_since = false;
    for line in commands(&script) {
        let o = sh(&line, &work, &env);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        if line.contains("--since") {
            saw_since = true;
            assert_eq!(
                o.status.code(),
                Some(1),
                "the broken CMD fails the job: {out}"
            );
            assert!(
                out.trim_end().ends_with(
                    "heavy (line 5: RUN pip install --no-cache-dir -r requirements.txt)"
                ),
                "{out}"
            );
        } else {
            assert!(
                o.status.success(),
                "{line}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    assert!(saw_since);
    let issues: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join(report)).unwrap()).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(issues
        .iter()
        .any(|i| i["check_name"] == "SS008" && i["location"]["lines"]["begin"] == 9));
}

#[test]
fn the_pre_commit_hooks_run_as_pre_commit_runs_them() {
    let hooks: Value = serde_yaml::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hooks = hooks.as_sequence().unwrap();
    let languages: Vec<&str> = hooks
        .iter()
        .map(|h| h["language"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["rust", "docker_image"]);
    for h in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(
                h[key].as_str().is_some_and(|v| !v.is_empty()),
                "{key} in {h:?}"
            );
        }
        assert_eq!(h["types"][0].as_str(), Some("dockerfile"));
    }
    // The rust hook's program is a binary of the root package (what `cargo install --path .`
    // installs): this test's own `shipshape-hook`.
    let rust = &hooks[0];
    let entry = rust["entry"].as_str().unwrap();
    assert_eq!(entry.split_whitespace().next(), Some("shipshape-hook"));
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let bins = manifest["bin"].as_array().unwrap();
    let hook_bin = bins
        .iter()
        .find(|b| b["name"].as_str() == Some("shipshape-hook"))
        .unwrap();
    assert!(
        hook_bin.get("required-features").is_none(),
        "installed without features"
    );
    // The docker_image hook names the tag the README builds, at this version.
    let image = hooks[1]["entry"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(image, format!("shipshape:{}", env!("CARGO_PKG_VERSION")));
    assert!(readme().contains(&format!(
        "docker build -f crates/cli/Dockerfile -t {image} ."
    )));
    // pre-commit runs `entry args... files...`: the staged Dockerfiles.
    let work = repository("pre-commit");
    let args: Vec<&str> = entry.split_whitespace().skip(1).collect();
    let run = |files: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shipshape-hook"))
            .args(&args)
            .args(files)
            .current_dir(&work)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&["Dockerfile"]).status.code(),
        Some(1),
        "the broken CMD stops the commit"
    );
    std::fs::write(work.join("clean.Dockerfile"), DOCKERFILE).unwrap();
    assert_eq!(run(&["clean.Dockerfile"]).status.code(), Some(0));
    // And the repository's .pre-commit-config.yaml in the README names the rust hook.
    let config = yaml_block(&readme(), ".pre-commit-config.yaml");
    let used = &config["repos"][0]["hooks"][0]["id"];
    assert_eq!(used.as_str(), rust["id"].as_str());
}
