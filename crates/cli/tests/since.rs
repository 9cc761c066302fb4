//! `shipshape rebuild --since REF` and `--previous`, against a real git repository the test
//! makes: commits, a branch, staged, unstaged and untracked files, a renamed Dockerfile, and a
//! ref that does not exist.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shipshape(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipshape")
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Trainee",
            "-c",
            "user.email=t@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
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

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const DOCKERFILE: &str = "FROM python:3.13-slim
RUN apt-get update && apt-get install -y curl
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
COPY ./app /code/app
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

/// A repository with one commit of a FastAPI project.
fn repo(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(dir.join("Dockerfile"), DOCKERFILE).unwrap();
    std::fs::write(dir.join("requirements.txt"), "fastapi\n").unwrap();
    std::fs::write(dir.join("app/main.py"), "app = 1\n").unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    dir
}

#[test]
fn an_edit_on_a_branch_reruns_from_its_line_in_one_line() {
    let dir = repo("since-branch");
    git(&dir, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(
        dir.join("Dockerfile"),
        DOCKERFILE.replace("curl", "curl git"),
    )
    .unwrap();
    git(&dir, &["commit", "-q", "-am", "add git"]);
    let o = shipshape(&["rebuild", "Dockerfile", "--since", "main"], &dir);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o).trim(),
        "this change reruns 6 steps, 2 heavy (line 2: RUN apt-get update && apt-get install -y curl git, line 5: RUN pip install --no-cache-dir -r requirements.txt)"
    );
    // The JSON is today's, with the new reasons.
    let o = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--since",
            "main",
            "--format",
            "json",
        ],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(
        v["stages"][0]["steps"][1]["reason"],
        "line 2 changed: `curl` became `curl git`"
    );
    assert_eq!(v["stages"][0]["steps"][0]["status"], "cached");
}

#[test]
fn staged_unstaged_and_untracked_files_in_the_context_count() {
    let dir = repo("since-worktree");
    // Unstaged: app/main.py; staged: a new file; untracked: another; ignored: not counted.
    std::fs::write(dir.join("app/main.py"), "app = 2\n").unwrap();
    let o = shipshape(&["rebuild", "Dockerfile", "--since", "HEAD"], &dir);
    assert_eq!(out(&o).trim(), "this change reruns 2 steps, none heavy");
    std::fs::write(dir.join("requirements.txt"), "fastapi\nhttpx\n").unwrap();
    git(&dir, &["add", "requirements.txt"]);
    let o = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["stages"][0]["steps"][4]["status"], "rebuilt", "{v}");
    // An untracked file outside what the Dockerfile copies reruns nothing more; one inside does.
    git(&dir, &["checkout", "-q", "--", "."]);
    git(&dir, &["reset", "-q", "--hard"]);
    std::fs::write(dir.join("notes.txt"), "x\n").unwrap();
    let o = shipshape(&["rebuild", "Dockerfile", "--since", "HEAD"], &dir);
    assert_eq!(out(&o).trim(), "this change reruns no step");
    std::fs::write(dir.join("app/extra.py"), "x = 1\n").unwrap();
    let o = shipshape(&["rebuild", "Dockerfile", "--since", "HEAD"], &dir);
    assert_eq!(out(&o).trim(), "this change reruns 2 steps, none heavy");
    // Combined with --changed.
    let o = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--since",
            "HEAD",
            "--changed",
            "requirements.txt",
        ],
        &dir,
    );
    assert!(out(&o).contains("1 heavy"), "{}", out(&o));
}

#[test]
fn a_renamed_dockerfile_is_compared_with_its_old_self() {
    let dir = repo("since-rename");
    std::fs::create_dir_all(dir.join("docker")).unwrap();
    git(&dir, &["mv", "Dockerfile", "docker/api.Dockerfile"]);
    git(&dir, &["commit", "-q", "-m", "move"]);
    let o = shipshape(
        &[
            "rebuild",
            "docker/api.Dockerfile",
            "--context",
            ".",
            "--since",
            "HEAD~1",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "this change reruns no step");
}

#[test]
fn a_missing_ref_or_a_file_git_does_not_know_is_a_clear_error() {
    let dir = repo("since-errors");
    let o = shipshape(
        &["rebuild", "Dockerfile", "--since", "no-such-branch"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("no commit is called `no-such-branch`"),
        "{}",
        err(&o)
    );
    assert_eq!(err(&o).trim().lines().count(), 1);
    std::fs::write(dir.join("New.Dockerfile"), "FROM scratch\n").unwrap();
    let o = shipshape(
        &[
            "rebuild",
            "New.Dockerfile",
            "--context",
            ".",
            "--since",
            "HEAD",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("is not in git at `HEAD`"), "{}", err(&o));
    // Outside any repository.
    let outside = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("since-no-repo");
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("Dockerfile"), DOCKERFILE).unwrap();
    // The test's own directory sits inside this project's checkout, so git is told not to
    // look above it, as it would find nothing on a machine where it is not.
    let o = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(["rebuild", "Dockerfile", "--since", "HEAD"])
        .current_dir(&outside)
        .env("GIT_CEILING_DIRECTORIES", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("run shipshape");
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not in a git repository"), "{}", err(&o));
}

#[test]
fn previous_compares_two_files_and_combines_with_changes() {
    let dir = repo("previous");
    std::fs::write(dir.join("old.Dockerfile"), DOCKERFILE).unwrap();
    std::fs::write(
        dir.join("Dockerfile"),
        DOCKERFILE.replace("\"80\"]", "\"8080\"]"),
    )
    .unwrap();
    let o = shipshape(
        &["rebuild", "Dockerfile", "--previous", "old.Dockerfile"],
        &dir,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("0 steps rebuilt"), "{}", out(&o));
    assert!(out(&o).contains("only sets metadata"), "{}", out(&o));
    let o = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--previous",
            "old.Dockerfile",
            "--build-arg",
            "X=1",
            "--changed",
            "app/main.py",
        ],
        &dir,
    );
    assert!(
        out(&o).contains("2 steps rebuilt, 0 of them heavy"),
        "{}",
        out(&o)
    );
    let o = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--previous",
            "old.Dockerfile",
            "--since",
            "HEAD",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lint_since_adds_what_the_change_reruns_beside_the_findings() {
    let dir = repo("lint-since");
    std::fs::write(dir.join("requirements.txt"), "fastapi\nhttpx\n").unwrap();
    let plain = shipshape(&["lint", "Dockerfile"], &dir);
    let o = shipshape(&["lint", "Dockerfile", "--since", "HEAD"], &dir);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.starts_with(&out(&plain)),
        "the findings come first, as without --since"
    );
    assert_eq!(
        text.lines().last().unwrap(),
        "Dockerfile: since HEAD, this change reruns 4 steps, 1 heavy (line 5: RUN pip install --no-cache-dir -r requirements.txt)"
    );
    // JSON: the findings and the plan, which is `rebuild --format json`'s.
    let o = shipshape(
        &["lint", "Dockerfile", "--since", "HEAD", "--format", "json"],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert!(v["findings"].is_array());
    let r = shipshape(
        &[
            "rebuild",
            "Dockerfile",
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
        &dir,
    );
    let plan: serde_json::Value = serde_json::from_str(&out(&r)).unwrap();
    assert_eq!(v["rebuild"][0]["plan"], plan);
    assert_eq!(v["rebuild"][0]["file"], "Dockerfile");
    // SARIF carries it in the run's properties; GitHub as a notice.
    let o = shipshape(
        &["lint", "Dockerfile", "--since", "HEAD", "--format", "sarif"],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["runs"][0]["properties"]["rebuild"][0]["plan"], plan);
    let o = shipshape(
        &[
            "lint",
            "Dockerfile",
            "--since",
            "HEAD",
            "--format",
            "github",
        ],
        &dir,
    );
    let last = out(&o).lines().last().unwrap().to_string();
    assert!(
        last.starts_with("::notice file=Dockerfile,title=shipshape rebuild::since HEAD, this change reruns 4 steps"),
        "{last}"
    );
    // A ref git does not know is a usage error, as for rebuild.
    let o = shipshape(&["lint", "Dockerfile", "--since", "nope"], &dir);
    assert_eq!(o.status.code(), Some(2));
}
