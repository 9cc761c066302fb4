//! `--since GIT_REF`: the previous build's Dockerfile and the files changed since, read from
//! git itself (the `git` program, as a developer or a CI runner has it): committed since the
//! ref, staged, unstaged and untracked, inside the build context.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::input::UsageError;

/// What git says about a change since a ref.
pub struct Since {
    /// The Dockerfile as it was at the ref (under its old name if it was renamed since).
    pub dockerfile: String,
    /// Changed files, relative to the build context.
    pub changed: Vec<String>,
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, UsageError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| UsageError(format!("--since needs git: {e}")))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("").trim();
        Err(UsageError(format!("git {}: {first}", args.join(" "))))
    }
}

/// NUL-separated paths.
fn paths(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

pub fn since(git_ref: &str, dockerfile: &Path, context: &Path) -> Result<Since, UsageError> {
    let abs = |p: &Path| -> Result<PathBuf, UsageError> {
        std::fs::canonicalize(p).map_err(|e| UsageError(format!("{}: {e}", p.display())))
    };
    let dockerfile = abs(dockerfile)?;
    let context = abs(context)?;
    let dir = dockerfile.parent().unwrap_or(Path::new("/")).to_path_buf();
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        UsageError(format!(
            "{} is not in a git repository",
            dockerfile.display()
        ))
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim().to_string());
    let top = abs(&top)?;
    let commit = format!("{git_ref}^{{commit}}");
    if git(&top, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(UsageError(format!(
            "no commit is called `{git_ref}` in this repository"
        )));
    }
    let rel = |p: &Path| -> Option<String> {
        p.strip_prefix(&top)
            .ok()
            .map(|r| r.to_string_lossy().replace('\\', "/"))
    };
    let now = rel(&dockerfile).ok_or_else(|| {
        UsageError(format!(
            "{} is outside the repository",
            dockerfile.display()
        ))
    })?;
    // The Dockerfile's name at the ref: its own, or the one it was renamed from.
    let renames = git(&top, &["diff", "-M", "--name-status", "-z", git_ref, "--"])?;
    let fields = paths(&renames);
    let mut old = now.clone();
    let mut i = 0;
    while i < fields.len() {
        let status = &fields[i];
        if status.starts_with('R') || status.starts_with('C') {
            if fields.get(i + 2) == Some(&now) {
                old = fields[i + 1].clone();
            }
            i += 3;
        } else {
            i += 2;
        }
    }
    let spec = format!("{git_ref}:{old}");
    let dockerfile_then = git(&top, &["show", &spec]).map_err(|_| {
        UsageError(format!(
            "{now} is not in git at `{git_ref}` (add and commit it, or compare with --previous)"
        ))
    })?;
    let dockerfile_then = String::from_utf8(dockerfile_then)
        .map_err(|_| UsageError(format!("{old} at `{git_ref}` is not UTF-8 text")))?;
    // Committed since the ref, staged and unstaged: the ref against the working tree; and the
    // untracked files git does not ignore.
    let mut changed = paths(&git(&top, &["diff", "--name-only", "-z", git_ref, "--"])?);
    changed.extend(paths(&git(
        &top,
        &["ls-files", "--others", "--exclude-standard", "-z"],
    )?));
    let context_rel = rel(&context).unwrap_or_default();
    let mut inside: Vec<String> = Vec::new();
    for path in changed {
        let in_context = if context_rel.is_empty() {
            Some(path.as_str())
        } else {
            path.strip_prefix(&format!("{context_rel}/"))
        };
        if let Some(p) = in_context {
            if !inside.iter().any(|x| x == p) {
                inside.push(p.to_string());
            }
        }
    }
    Ok(Since {
        dockerfile: dockerfile_then,
        changed: inside,
    })
}
