//! Reading user files with the CLI's error contract: one line, exit code 2.

use std::path::Path;

/// A failure the user must fix: printed as one line, exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl UsageError {
    pub fn report(&self, command: &str) -> i32 {
        eprintln!("shipshape {command}: {}", self.0.replace('\n', " "));
        2
    }
}

/// Reads a Dockerfile (or ignore file) as text. Binary content (NUL bytes or
/// invalid UTF-8) is refused rather than guessed at.
pub fn read_text(path: &str) -> Result<String, UsageError> {
    let p = Path::new(path);
    if p.is_dir() {
        return Err(UsageError(format!("{path} is a directory, not a file")));
    }
    let bytes = std::fs::read(p).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        UsageError(format!("cannot read {path}: {why}"))
    })?;
    if bytes.contains(&0) {
        return Err(UsageError(format!(
            "{path} looks like a binary file, not a Dockerfile"
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| UsageError(format!("{path} is not UTF-8 text (binary input?)")))
}

/// Takes the value after an option, or says which option lacks one.
pub fn value<'a>(args: &'a [String], i: &mut usize, option: &str) -> Result<&'a str, UsageError> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| UsageError(format!("{option} needs a value")))
}

/// `--format x` or `--format=x`.
pub fn split_option(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (arg, None),
    }
}
