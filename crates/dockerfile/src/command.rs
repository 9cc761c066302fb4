//! The one command model: what a RUN instruction runs, for the rules, the rebuild plan
//! (which steps are heavy) and the image facts alike. Its simple
//! commands (split on `&&`, `||`, `;`, `|`, newlines, outside quotes), each as
//! unquoted words with leading `VAR=value`, `sudo`, `exec`... removed (noting whether `sudo`
//! was one, and whether the command pipes into the next); which of a RUN's scripts a shell
//! runs, and which shell ([`shell_scripts`]); and,
//! for package managers, which ecosystem installs what from which manifest.

use crate::syntax::{Arguments, Instruction, Keyword};

/// One simple command of a RUN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Command {
    /// Unquoted words; the program name first, lower-cased and without its directory.
    pub words: Vec<String>,
    /// `sudo` was among the prefix words removed before the program (`sudo apt-get ...`).
    pub sudo: bool,
    /// Its output goes into a pipe (`|` after it, not `||` or `>|`).
    pub piped: bool,
}

impl Command {
    pub fn program(&self) -> &str {
        self.words.first().map(String::as_str).unwrap_or("")
    }

    pub fn has(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// Whether running it again is expensive: it installs packages, compiles or downloads
    /// (seconds to minutes). Decided by the program and, for some, its subcommand, so
    /// `echo make` and `go version` are light and `env X=1 pip install` is heavy.
    pub fn is_heavy(&self) -> bool {
        let program = self.program();
        if HEAVY_PROGRAMS.contains(&program) {
            return true;
        }
        HEAVY_SUBCOMMANDS
            .iter()
            .find(|(p, _)| *p == program)
            .is_some_and(|(_, subs)| {
                self.words
                    .get(1)
                    .is_some_and(|w| subs.contains(&w.as_str()))
            })
    }
}

/// Programs that are heavy whatever their arguments.
const HEAVY_PROGRAMS: &[&str] = &[
    "apt-get",
    "apt",
    "aptitude",
    "apk",
    "yum",
    "dnf",
    "microdnf",
    "zypper",
    "tdnf",
    "pacman",
    "emerge",
    "pip",
    "pip3",
    "pipx",
    "pipenv",
    "poetry",
    "uv",
    "conda",
    "mamba",
    "micromamba",
    "npm",
    "yarn",
    "pnpm",
    "bun",
    "cargo",
    "rustup",
    "mvn",
    "mvnw",
    "gradle",
    "gradlew",
    "make",
    "cmake",
    "ninja",
    "gcc",
    "g++",
    "cc",
    "clang",
    "rustc",
    "javac",
    "curl",
    "wget",
    "bundle",
    "gem",
    "composer",
    "cpanm",
    "pecl",
    "docker-php-ext-install",
    "install-php-extensions",
    "configure",
    "msbuild",
    "nuget",
    "choco",
    "invoke-webrequest",
    "dotnet",
    "stack",
    "cabal",
    "mix",
    "rebar3",
    "sbt",
    "bazel",
    "scons",
    "meson",
];

/// Programs that are heavy with one of these subcommands.
const HEAVY_SUBCOMMANDS: &[(&str, &[&str])] = &[
    (
        "go",
        &["build", "install", "get", "mod", "generate", "test"],
    ),
    ("git", &["clone", "fetch", "pull", "submodule"]),
    ("python", &["-m", "setup.py"]),
    ("python3", &["-m", "setup.py"]),
];

/// The scripts a RUN runs: the shell-form command, `sh -c` in exec form, heredoc bodies.
pub(crate) fn scripts(ins: &Instruction) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    match &ins.arguments {
        Arguments::Shell(w) => out.push(Cow::Borrowed(w.value.as_str())),
        Arguments::Exec(words) => {
            let vals: Vec<&str> = words.iter().map(|w| w.value.as_str()).collect();
            let shell = vals
                .first()
                .map(|p| matches!(base_name(p).as_str(), "sh" | "bash" | "ash" | "dash"))
                .unwrap_or(false);
            if shell && vals.len() >= 3 && vals[1] == "-c" {
                out.push(Cow::Borrowed(vals[2]));
            } else {
                out.push(Cow::Owned(
                    vals.iter()
                        .map(|v| shell_quote(v))
                        .collect::<Vec<_>>()
                        .join(" "),
                ));
            }
        }
        _ => {}
    }
    for h in &ins.heredocs {
        out.push(Cow::Borrowed(h.content.as_str()));
    }
    out
}

/// Whether a RUN runs a heavy command ([`Command::is_heavy`]). The same split as
/// [`run_commands`], keeping only the few words a command's name and subcommand can be in.
pub(crate) fn runs_heavy(ins: &Instruction) -> bool {
    if ins.keyword != Keyword::Run {
        return false;
    }
    // The program and its subcommand.
    const HEAD_WORDS: usize = 2;
    scripts(ins)
        .iter()
        .any(|s| split_words(s, HEAD_WORDS).0.iter().any(Command::is_heavy))
}

fn shell_quote(word: &str) -> String {
    if word.is_empty() || word.contains([' ', '\t', '\n', '&', ';', '|', '"', '\'']) {
        format!("'{}'", word.replace('\'', "'\\''"))
    } else {
        word.to_string()
    }
}

fn base_name(word: &str) -> String {
    let name = word.rsplit('/').next().unwrap_or(word);
    let name = match name.len().checked_sub(4) {
        Some(at) if name.is_char_boundary(at) && name[at..].eq_ignore_ascii_case(".exe") => {
            &name[..at]
        }
        _ => name,
    };
    name.to_ascii_lowercase()
}

/// The simple commands of a RUN, in order.
pub(crate) fn run_commands(ins: &Instruction) -> Vec<Command> {
    if ins.keyword != Keyword::Run {
        return Vec::new();
    }
    let mut out = Vec::new();
    for script in scripts(ins) {
        out.extend(split_script(&script).0);
    }
    out
}

/// Who runs a shell script of a RUN: what decides whether `set -o pipefail` is in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Runner {
    /// The stage's SHELL (`/bin/sh -c` unless a SHELL instruction says otherwise): the
    /// shell-form command, and a `RUN <<EOF` body without a shebang, which BuildKit passes to
    /// that shell as the command.
    StageShell,
    /// A shell the RUN names itself, with the words after its name: exec form
    /// `["bash", "-o", "pipefail", "-c", "..."]`, a body starting `#!/bin/bash`, or the shell a
    /// heredoc feeds (`RUN <<EOF bash`, `RUN sh -e <<EOF`).
    Own { shell: String, options: Vec<String> },
    /// Exec form of a program that is not a shell: nothing parses its words as shell.
    Exec,
}

/// One script of a RUN that a shell runs, and which shell (see [`shell_scripts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShellScript<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub runner: Runner,
}

/// Shells whose `-o pipefail` and `set` behave like the POSIX shell's.
pub(crate) fn is_posix_shell(program: &str) -> bool {
    matches!(
        base_name(program).as_str(),
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh"
    )
}

/// The scripts of a RUN that a shell runs, as BuildKit runs them. Unlike [`scripts`], a
/// heredoc body counts only when a shell runs it: `RUN <<EOF` (the stage's SHELL, or the
/// interpreter of its `#!` line), or a heredoc a shell reads (`RUN <<EOF bash`); the body of
/// `RUN <<EOF python3`, `RUN python3 <<EOF` or `RUN cat <<EOF > file` is not a shell script.
/// A body that itself holds a heredoc (`cat <<X > f`) is kept up to that line, since what
/// follows is that heredoc's data. Exec form of another program is one [`Runner::Exec`]
/// script of its words.
pub(crate) fn shell_scripts(ins: &Instruction) -> Vec<ShellScript<'_>> {
    use std::borrow::Cow;
    let mut out = Vec::new();
    if ins.keyword != Keyword::Run {
        return out;
    }
    match &ins.arguments {
        Arguments::Exec(words) => {
            let vals: Vec<&str> = words.iter().map(|w| w.value.as_str()).collect();
            let c_at = vals.iter().position(|v| is_dash_c(v));
            match (vals.first(), c_at) {
                (Some(p), Some(c)) if is_posix_shell(p) && c + 1 < vals.len() => {
                    out.push(ShellScript {
                        text: Cow::Borrowed(vals[c + 1]),
                        runner: Runner::Own {
                            shell: base_name(p),
                            options: vals[1..=c].iter().map(|v| v.to_string()).collect(),
                        },
                    });
                }
                _ => out.push(ShellScript {
                    text: Cow::Owned(
                        vals.iter()
                            .map(|v| shell_quote(v))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    runner: Runner::Exec,
                }),
            }
        }
        Arguments::Shell(w) => {
            let line = w.value.trim();
            let single = ins.heredocs.len() == 1
                && line.starts_with("<<")
                && !line.contains(char::is_whitespace);
            if single {
                // BuildKit: a lone `<<EOF` runs the body with the stage's shell, or, when it
                // starts with `#!`, as a file run by that interpreter.
                let body = ins.heredocs[0].content.as_str();
                match shebang(body) {
                    None => out.push(ShellScript {
                        text: Cow::Borrowed(until_nested_heredoc(body)),
                        runner: Runner::StageShell,
                    }),
                    Some((shell, options)) if is_posix_shell(&shell) => out.push(ShellScript {
                        text: Cow::Borrowed(until_nested_heredoc(body)),
                        runner: Runner::Own {
                            shell: base_name(&shell),
                            options,
                        },
                    }),
                    Some(_) => {}
                }
                return out;
            }
            out.push(ShellScript {
                text: Cow::Borrowed(w.value.as_str()),
                runner: Runner::StageShell,
            });
            // Otherwise the stage's shell runs the line with the bodies as heredocs: a body is
            // a script when the command it is the input of is a shell reading its input.
            if ins.heredocs.is_empty() {
                return out;
            }
            let commands = split_script(&w.value).0;
            for h in &ins.heredocs {
                let reader = commands
                    .iter()
                    .find(|c| c.words.iter().any(|word| heredoc_word_names(word, &h.name)));
                let Some(reader) = reader else { continue };
                let rest: Vec<&String> = reader
                    .words
                    .iter()
                    .filter(|word| !word.starts_with("<<") && !word.starts_with('<'))
                    .collect();
                let Some(program) = rest.first() else {
                    continue;
                };
                // `bash`, `sh -e`, `bash -s`: options only; `bash -c ...` or `sh script.sh`
                // read their input as data.
                let options: Vec<String> = rest[1..].iter().map(|w| w.to_string()).collect();
                let reads_script = options.iter().enumerate().all(|(k, o)| {
                    (o.starts_with(['-', '+']) && !is_dash_c(o)) || is_option_value(&options, k)
                });
                if is_posix_shell(program) && reads_script {
                    out.push(ShellScript {
                        text: Cow::Borrowed(until_nested_heredoc(&h.content)),
                        runner: Runner::Own {
                            shell: base_name(program),
                            options,
                        },
                    });
                }
            }
        }
        _ => {}
    }
    out
}

/// `-c`, or a cluster of single-letter options ending in it (`-ec`, `-euxc`).
fn is_dash_c(word: &str) -> bool {
    word.len() >= 2
        && word.starts_with('-')
        && !word.starts_with("--")
        && word.ends_with('c')
        && word[1..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// The word at `k` is the value of `-o`/`+o` before it (`-o pipefail`).
fn is_option_value(options: &[String], k: usize) -> bool {
    k > 0 && {
        let prev = options[k - 1].as_str();
        prev.len() >= 2
            && prev.starts_with(['-', '+'])
            && !prev.starts_with("--")
            && prev.ends_with('o')
    }
}

/// Whether `words` (a shell's options) turn on `pipefail`: `-o pipefail`, `-eo pipefail`,
/// `-o errexit -o pipefail`, `-euxo pipefail`.
pub(crate) fn sets_pipefail(words: &[String]) -> bool {
    (0..words.len()).any(|k| {
        words[k] == "pipefail" && {
            let prev = if k > 0 { words[k - 1].as_str() } else { "" };
            prev.len() >= 2
                && prev.starts_with('-')
                && !prev.starts_with("--")
                && prev[1..].contains('o')
                && prev[1..].bytes().all(|b| b.is_ascii_alphabetic())
        }
    })
}

/// A word of a command that is the heredoc marker for `name`: `<<EOF`, `<<-EOF`, `0<<EOF`
/// (quotes are already removed; a marker first in its command is lower-cased as its name).
fn heredoc_word_names(word: &str, name: &str) -> bool {
    let word = word.trim_start_matches(|c: char| c.is_ascii_digit());
    word.strip_prefix("<<")
        .map(|r| r.strip_prefix('-').unwrap_or(r))
        .is_some_and(|r| r.eq_ignore_ascii_case(name))
}

/// The interpreter of a `#!` first line and the words after it: `#!/usr/bin/env bash` is
/// `bash`, `#!/bin/sh -e` is `sh` with `-e`.
fn shebang(body: &str) -> Option<(String, Vec<String>)> {
    let first = body.strip_prefix("#!")?.lines().next().unwrap_or("");
    let mut words = first.split_whitespace();
    let mut program = words.next()?.to_string();
    if base_name(&program) == "env" {
        program = words.by_ref().find(|w| !w.starts_with('-'))?.to_string();
    }
    Some((program, words.map(str::to_string).collect()))
}

/// The script up to and including the first line that opens a heredoc of its own.
fn until_nested_heredoc(script: &str) -> &str {
    let mut at = 0;
    for line in script.split_inclusive('\n') {
        at += line.len();
        if line.contains("<<") && !line.contains("<<<") {
            return &script[..at];
        }
    }
    script
}

/// Splits a script into simple commands. Also says whether every operator
/// between commands at the top level is `&&` or `|` (a plain chain that a
/// prefix `x && ` keeps equivalent).
pub(crate) fn split_script(script: &str) -> (Vec<Command>, bool) {
    split_words(script, usize::MAX)
}

/// [`split_script`], keeping at most `keep` words of each command (the rest are read past).
fn split_words(script: &str, keep: usize) -> (Vec<Command>, bool) {
    let bytes = script.as_bytes();
    let mut commands = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut plain_chain = true;
    let mut i = 0;
    // Once a command has `keep` words after its prefixes (`sudo`, `VAR=1`...), the rest are
    // read, not kept.
    let mut heads = 0usize;
    fn flush(words: &mut Vec<String>, word: &mut String, heads: &mut usize, keep: usize) {
        if words.is_empty() {
            *heads = 0;
        }
        if *heads < keep {
            if !is_prefix(word) {
                *heads += 1;
            }
            words.push(core::mem::take(word));
        } else {
            word.clear();
        }
    }
    // All delimiters are ASCII, so byte positions found here are always
    // character boundaries and plain runs are copied as slices.
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' => {
                in_word = true;
                let end = script[i + 1..]
                    .find('\'')
                    .map_or(bytes.len(), |e| i + 1 + e);
                word.push_str(&script[i + 1..end]);
                i = end;
            }
            b'"' => {
                in_word = true;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    let run_end = script[i..].find(['"', '\\']).map_or(bytes.len(), |e| i + e);
                    word.push_str(&script[i..run_end]);
                    i = run_end;
                    if i < bytes.len() && bytes[i] == b'\\' {
                        i += 1;
                        if let Some(c) = script.get(i..).and_then(|r| r.chars().next()) {
                            word.push(c);
                            i += c.len_utf8();
                        }
                    }
                }
            }
            b'\\' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                    if in_word {
                        flush(&mut words, &mut word, &mut heads, keep);
                        in_word = false;
                    }
                } else if let Some(c) = script.get(i + 1..).and_then(|r| r.chars().next()) {
                    in_word = true;
                    word.push(c);
                    i += c.len_utf8();
                }
            }
            b' ' | b'\t' | b'\r' => {
                if in_word {
                    flush(&mut words, &mut word, &mut heads, keep);
                    in_word = false;
                }
            }
            b'#' if !in_word => {
                // A comment runs to the end of the line.
                i = script[i..].find('\n').map_or(bytes.len(), |e| i + e) - 1;
            }
            b'&' | b'|' | b';' | b'\n' | b'(' | b')' | b'`' => {
                if in_word {
                    flush(&mut words, &mut word, &mut heads, keep);
                    in_word = false;
                }
                let had_words = !words.is_empty();
                if let Some(c) = make_command(core::mem::take(&mut words)) {
                    commands.push(c);
                }
                let next = bytes.get(i + 1).copied();
                // A pipe, not `||` or the `>|` redirection; `(a; b) | c` pipes the last command.
                if b == b'|' && next != Some(b'|') && (i == 0 || bytes[i - 1] != b'>') {
                    if let Some(last) = commands.last_mut() {
                        last.piped = true;
                    }
                }
                let op_ok = match (b, next) {
                    (b'&', Some(b'&')) => {
                        i += 1;
                        true
                    }
                    (b'|', Some(b'|')) => {
                        i += 1;
                        false
                    }
                    (b'|', _) => true,
                    (b'\n', _) => !had_words,
                    _ => false,
                };
                if !op_ok {
                    plain_chain = false;
                }
            }
            _ => {
                in_word = true;
                let run_end = script[i..]
                    .find(|c: char| {
                        matches!(
                            c,
                            '\'' | '"'
                                | '\\'
                                | ' '
                                | '\t'
                                | '\r'
                                | '&'
                                | '|'
                                | ';'
                                | '\n'
                                | '('
                                | ')'
                                | '`'
                        )
                    })
                    .map_or(bytes.len(), |e| i + e);
                if words.is_empty() || heads < keep {
                    word.push_str(&script[i..run_end]);
                }
                i = run_end;
                continue;
            }
        }
        i += 1;
    }
    if in_word {
        flush(&mut words, &mut word, &mut heads, keep);
    }
    if let Some(c) = make_command(words) {
        commands.push(c);
    }
    (commands, plain_chain)
}

/// A word that comes before a command's name: `VAR=value`, `sudo`, `env`, `if`...
fn is_prefix(w: &str) -> bool {
    (w.contains('=') && !w.starts_with('-') && !w.starts_with('='))
        || matches!(
            w,
            "sudo"
                | "exec"
                | "time"
                | "command"
                | "nice"
                | "env"
                | "then"
                | "do"
                | "else"
                | "if"
                | "!"
                | "{"
                | "}"
                | "-E"
        )
}

fn make_command(mut words: Vec<String>) -> Option<Command> {
    // In place: most commands have no prefix, and this runs for every command of every RUN.
    let skip = words.iter().position(|w| !is_prefix(w))?;
    let sudo = words[..skip].iter().any(|w| w == "sudo");
    words.drain(..skip);
    let head = &mut words[0];
    let name = base_name(head);
    *head = name;
    Some(Command {
        words,
        sudo,
        piped: false,
    })
}

/// A language package manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecosystem {
    Pip,
    Poetry,
    Uv,
    Pipenv,
    Conda,
    Npm,
    Yarn,
    Pnpm,
    Go,
    Cargo,
    Bundler,
    Composer,
    Maven,
    Gradle,
    Dotnet,
}

impl Ecosystem {
    /// The tool's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Ecosystem::Pip => "pip",
            Ecosystem::Poetry => "Poetry",
            Ecosystem::Uv => "uv",
            Ecosystem::Pipenv => "Pipenv",
            Ecosystem::Conda => "conda",
            Ecosystem::Npm => "npm",
            Ecosystem::Yarn => "Yarn",
            Ecosystem::Pnpm => "pnpm",
            Ecosystem::Go => "Go modules",
            Ecosystem::Cargo => "Cargo",
            Ecosystem::Bundler => "Bundler",
            Ecosystem::Composer => "Composer",
            Ecosystem::Maven => "Maven",
            Ecosystem::Gradle => "Gradle",
            Ecosystem::Dotnet => "NuGet (dotnet restore)",
        }
    }

    /// Source files a typical project of this ecosystem has, to imagine an
    /// edit when the caller gave no context.
    pub(crate) fn sample_sources(self) -> &'static [&'static str] {
        match self {
            Ecosystem::Pip
            | Ecosystem::Poetry
            | Ecosystem::Uv
            | Ecosystem::Pipenv
            | Ecosystem::Conda => &["app/main.py", "main.py", "src/main.py", "app.py"],
            Ecosystem::Npm | Ecosystem::Yarn | Ecosystem::Pnpm => {
                &["src/index.js", "index.js", "server.js", "app.js"]
            }
            Ecosystem::Go => &["main.go", "cmd/main.go"],
            Ecosystem::Cargo => &["src/main.rs", "src/lib.rs"],
            Ecosystem::Bundler => &["app/models/user.rb", "app.rb", "config.ru"],
            Ecosystem::Composer => &["src/index.php", "index.php", "public/index.php"],
            Ecosystem::Maven | Ecosystem::Gradle => &["src/main/java/App.java"],
            Ecosystem::Dotnet => &["Program.cs", "src/Program.cs"],
        }
    }

    /// The folder the install writes inside the project directory, which a
    /// later broad COPY would overwrite unless `.dockerignore` keeps it out.
    pub(crate) fn output_dir(self) -> Option<&'static str> {
        match self {
            Ecosystem::Npm | Ecosystem::Yarn | Ecosystem::Pnpm => Some("node_modules"),
            Ecosystem::Composer => Some("vendor"),
            Ecosystem::Dotnet => Some("obj"),
            Ecosystem::Uv => Some(".venv"),
            _ => None,
        }
    }
}

/// A dependency install found in a RUN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Install {
    pub ecosystem: Ecosystem,
    /// Manifest and lock files it reads, as written or by convention
    /// (relative to the command's directory unless absolute). A trailing `*`
    /// marks a file that may not exist (`poetry.lock*`).
    pub manifests: Vec<String>,
    /// It also installs the project itself, so it needs the sources too.
    pub needs_project: bool,
    /// The directory the command runs in (from `cd` earlier in the RUN), if changed.
    pub cd: Option<String>,
    /// The command fetches the dependencies and builds the project in one go (`cargo build`,
    /// `mvn package`, `go build`...): the ecosystem's split is a separate fetch step first.
    pub fetch_and_build: bool,
}

fn option_values(c: &Command, short: &str, long: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = c.words.iter().peekable();
    while let Some(w) = it.next() {
        if w == short || w == long {
            if let Some(v) = it.next() {
                out.push(v.clone());
            }
        } else if let Some(v) = w.strip_prefix(&format!("{long}=")) {
            out.push(v.to_string());
        } else if short.len() == 2 && w.starts_with(short) && w.len() > 2 && !w.starts_with("--") {
            out.push(w[2..].to_string());
        }
    }
    out
}

/// The package-manager invocation at the start of a command, normalised:
/// `python -m pip install` → `pip install`, `uv pip install` → `uv-pip install`.
fn tool_and_args(c: &Command) -> (String, Vec<&str>) {
    let p = c.program();
    let rest: Vec<&str> = c.words.iter().skip(1).map(String::as_str).collect();
    if p.starts_with("python") && rest.first() == Some(&"-m") {
        if let Some(m) = rest.get(1) {
            let module = if is_pip(m) { "pip" } else { m };
            return (module.to_string(), rest[2..].to_vec());
        }
    }
    if is_pip(p) {
        return ("pip".to_string(), rest);
    }
    if p == "uv" && rest.first() == Some(&"pip") {
        return ("uv-pip".to_string(), rest[1..].to_vec());
    }
    let p = match p {
        "mvnw" => "mvn",
        "gradlew" => "gradle",
        "micromamba" | "mamba" => "conda",
        "pip3" => "pip",
        other => other,
    };
    (p.to_string(), rest)
}

/// `pip`, `pip3`, `pip3.12` (not `pipenv`, `pipx`).
pub(crate) fn is_pip(program: &str) -> bool {
    program
        .strip_prefix("pip")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The first non-option word (the subcommand).
fn subcommand<'a>(args: &[&'a str]) -> Option<&'a str> {
    args.iter().copied().find(|a| !a.starts_with('-'))
}

/// Whether the command is a pip install (any front end), and its args.
pub(crate) fn pip_install(c: &Command) -> Option<Vec<String>> {
    let (tool, args) = tool_and_args(c);
    if (tool == "pip" || tool == "uv-pip") && subcommand(&args) == Some("install") {
        Some(args.iter().map(|s| s.to_string()).collect())
    } else {
        None
    }
}

/// The dependency install a command performs, if any.
pub(crate) fn install_of(c: &Command) -> Option<Install> {
    let (tool, args) = tool_and_args(c);
    let sub = subcommand(&args);
    let has = |flag: &str| {
        args.iter()
            .any(|a| *a == flag || a.starts_with(&format!("{flag}=")))
    };
    let install = |eco, manifests: &[&str], needs_project| {
        Some(Install {
            ecosystem: eco,
            manifests: manifests.iter().map(|s| s.to_string()).collect(),
            needs_project,
            cd: None,
            fetch_and_build: false,
        })
    };
    // Fetches the dependencies and builds the project in one command.
    let build = |eco, manifests: &[&str]| {
        Some(Install {
            ecosystem: eco,
            manifests: manifests.iter().map(|s| s.to_string()).collect(),
            needs_project: true,
            cd: None,
            fetch_and_build: true,
        })
    };
    match (tool.as_str(), sub) {
        ("pip" | "uv-pip", Some("install")) => {
            let eco = if tool == "pip" {
                Ecosystem::Pip
            } else {
                Ecosystem::Uv
            };
            let mut reqs = option_values(c, "-r", "--requirement");
            reqs.extend(option_values(c, "-c", "--constraint"));
            // Local paths: `.`, `./pkg`, `-e .`; not options, not the values of -r/-c.
            let mut local = false;
            let mut skip_next = false;
            for a in args.iter().skip_while(|a| **a != "install").skip(1) {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if matches!(
                    *a,
                    "-r" | "--requirement"
                        | "-c"
                        | "--constraint"
                        | "-i"
                        | "--index-url"
                        | "--extra-index-url"
                        | "-f"
                        | "--find-links"
                        | "--target"
                        | "-t"
                        | "--prefix"
                        | "--root"
                ) {
                    skip_next = true;
                    continue;
                }
                if *a == "." || a.starts_with("./") || a.starts_with(".[") || *a == "-e." {
                    local = true;
                }
            }
            if local {
                let mut m = vec!["pyproject.toml".to_string()];
                m.extend(reqs);
                return Some(Install {
                    ecosystem: eco,
                    manifests: m,
                    needs_project: true,
                    cd: None,
                    fetch_and_build: false,
                });
            }
            if reqs.is_empty() {
                return None; // Named packages: no manifest, no sources.
            }
            Some(Install {
                ecosystem: eco,
                manifests: reqs,
                needs_project: false,
                cd: None,
                fetch_and_build: false,
            })
        }
        ("uv", Some("sync")) => install(
            Ecosystem::Uv,
            &["pyproject.toml", "uv.lock"],
            !has("--no-install-project"),
        ),
        ("poetry", Some("install")) => install(
            Ecosystem::Poetry,
            &["pyproject.toml", "poetry.lock*"],
            !(has("--no-root") || has("--only-root")),
        ),
        ("pipenv", Some("install" | "sync")) => {
            if args.iter().skip(1).any(|a| !a.starts_with('-')) && sub == Some("install") {
                let named = args
                    .iter()
                    .skip_while(|a| **a != "install")
                    .skip(1)
                    .any(|a| !a.starts_with('-'));
                if named {
                    return None;
                }
            }
            install(Ecosystem::Pipenv, &["Pipfile", "Pipfile.lock*"], false)
        }
        ("conda", Some("env")) => {
            let action = args.iter().filter(|a| !a.starts_with('-')).nth(1).copied();
            if !matches!(action, Some("create" | "update")) {
                return None;
            }
            let files = option_values(c, "-f", "--file");
            let files = if files.is_empty() {
                vec!["environment.yml".to_string()]
            } else {
                files
            };
            Some(Install {
                ecosystem: Ecosystem::Conda,
                manifests: files,
                needs_project: false,
                cd: None,
                fetch_and_build: false,
            })
        }
        ("conda", Some("install" | "create" | "update")) => {
            let files = option_values(c, "-f", "--file");
            if files.is_empty() {
                return None;
            }
            Some(Install {
                ecosystem: Ecosystem::Conda,
                manifests: files,
                needs_project: false,
                cd: None,
                fetch_and_build: false,
            })
        }
        ("npm", Some("install" | "i" | "ci" | "clean-install")) => {
            let named = args
                .iter()
                .skip_while(|a| !matches!(**a, "install" | "i" | "ci" | "clean-install"))
                .skip(1)
                .any(|a| !a.starts_with('-'));
            if named || has("-g") || has("--global") {
                return None;
            }
            install(Ecosystem::Npm, &["package*.json"], false)
        }
        ("yarn", None | Some("install")) => {
            if has("global") {
                return None;
            }
            install(Ecosystem::Yarn, &["package.json", "yarn.lock*"], false)
        }
        ("pnpm", Some("install" | "i")) => {
            let named = args
                .iter()
                .skip_while(|a| !matches!(**a, "install" | "i"))
                .skip(1)
                .any(|a| !a.starts_with('-'));
            if named || has("-g") {
                return None;
            }
            install(Ecosystem::Pnpm, &["package.json", "pnpm-lock.yaml*"], false)
        }
        ("pnpm", Some("fetch")) => install(Ecosystem::Pnpm, &["pnpm-lock.yaml"], false),
        ("go", Some("mod")) if args.contains(&"download") => {
            install(Ecosystem::Go, &["go.mod", "go.sum*"], false)
        }
        ("cargo", Some("fetch")) => install(Ecosystem::Cargo, &["Cargo.toml", "Cargo.lock"], true),
        ("bundle", Some("install")) | ("bundle", None) => {
            install(Ecosystem::Bundler, &["Gemfile", "Gemfile.lock*"], false)
        }
        ("composer", Some("install")) => install(
            Ecosystem::Composer,
            &["composer.json", "composer.lock*"],
            !has("--no-scripts"),
        ),
        ("mvn", _)
            if args.iter().any(|a| {
                a.starts_with("dependency:go-offline") || a.starts_with("dependency:resolve")
            }) =>
        {
            install(Ecosystem::Maven, &["pom.xml"], false)
        }
        ("gradle", _) if args.contains(&"dependencies") => install(
            Ecosystem::Gradle,
            &["build.gradle*", "settings.gradle*"],
            false,
        ),
        ("dotnet", Some("restore")) => {
            let project = args
                .iter()
                .skip_while(|a| **a != "restore")
                .skip(1)
                .find(|a| !a.starts_with('-'))
                .map(|s| s.to_string());
            Some(Install {
                ecosystem: Ecosystem::Dotnet,
                manifests: vec![project.unwrap_or_else(|| "*.csproj".to_string())],
                needs_project: false,
                cd: None,
                fetch_and_build: false,
            })
        }
        ("cargo", Some("chef")) if args.contains(&"cook") => {
            install(Ecosystem::Cargo, &["recipe.json"], false)
        }
        ("cargo", Some("build" | "install" | "test" | "run")) => {
            if sub == Some("install") && !has("--path") {
                return None; // `cargo install ripgrep`: a named crate.
            }
            build(Ecosystem::Cargo, &["Cargo.toml", "Cargo.lock*"])
        }
        ("mvn", _)
            if args.iter().any(|a| {
                matches!(*a, "package" | "install" | "verify" | "compile" | "test")
                    || a.starts_with("spring-boot:")
            }) && !has("-o")
                && !has("--offline") =>
        {
            build(Ecosystem::Maven, &["pom.xml"])
        }
        ("gradle", _)
            if args.iter().any(|a| {
                matches!(
                    *a,
                    "build" | "assemble" | "bootJar" | "jar" | "shadowJar" | "installDist"
                )
            }) && !has("--offline") =>
        {
            build(Ecosystem::Gradle, &["build.gradle*", "settings.gradle*"])
        }
        ("go", Some("build" | "install")) => {
            if args.iter().any(|a| a.starts_with("-mod=vendor")) {
                return None; // Vendored: the modules are in the sources.
            }
            build(Ecosystem::Go, &["go.mod", "go.sum*"])
        }
        ("dotnet", Some("publish" | "build")) if !has("--no-restore") => {
            let project = args
                .iter()
                .skip_while(|a| !matches!(**a, "publish" | "build"))
                .skip(1)
                .find(|a| !a.starts_with('-'))
                .filter(|a| a.ends_with("proj") || a.ends_with(".sln"))
                .map(|s| s.to_string());
            Some(Install {
                ecosystem: Ecosystem::Dotnet,
                manifests: vec![project.unwrap_or_else(|| "*.csproj".to_string())],
                needs_project: true,
                cd: None,
                fetch_and_build: true,
            })
        }
        _ => None,
    }
}

/// Commands that neither need the project's sources nor change what an
/// install finds: they may share a RUN with an install that moves.
pub(crate) fn is_neutral(c: &Command) -> bool {
    let (tool, args) = tool_and_args(c);
    let sub = subcommand(&args).unwrap_or("");
    match tool.as_str() {
        "set" | "true" | "echo" | "rm" | "mkdir" | "apt-get" | "apt" | "apk" | "yum" | "dnf"
        | "microdnf" | "chown" | "chmod" | "useradd" | "adduser" | "groupadd" | "addgroup"
        | "corepack" | "ln" | "export" => true,
        "pip" | "uv-pip" => {
            // Upgrading the installer itself, or named packages.
            sub == "install"
                && option_values(c, "-r", "--requirement").is_empty()
                && !args.iter().any(|a| *a == "." || a.starts_with("./"))
        }
        "npm" => {
            matches!(sub, "config" | "cache" | "set") || (sub == "install" && args.contains(&"-g"))
        }
        "yarn" => matches!(sub, "config" | "cache"),
        "pnpm" => matches!(sub, "config" | "store"),
        "poetry" => matches!(sub, "config" | "self"),
        "uv" => matches!(sub, "venv" | "python"),
        "conda" | "composer" | "bundle" => matches!(sub, "config" | "clean" | "clear-cache"),
        "go" => matches!(sub, "env" | "version"),
        _ => false,
    }
}

/// Package-manager name → (update subcommands, install subcommands), for SS002.
pub(crate) fn index_update(c: &Command) -> Option<&'static str> {
    let p = c.program();
    let sub = c.words.get(1).map(String::as_str).unwrap_or("");
    match p {
        "apt-get" | "apt" if c.words.iter().skip(1).any(|w| w == "update") => Some("apt"),
        "apk" if sub == "update" => Some("apk"),
        "yum" | "dnf" | "microdnf" if c.words.iter().skip(1).any(|w| w == "makecache") => {
            Some("rpm")
        }
        "zypper" if c.words.iter().skip(1).any(|w| w == "refresh" || w == "ref") => Some("zypper"),
        _ => None,
    }
}

pub(crate) fn package_install(c: &Command) -> Option<&'static str> {
    let p = c.program();
    let any = |subs: &[&str]| c.words.iter().skip(1).any(|w| subs.contains(&w.as_str()));
    match p {
        "apt-get" | "apt" if any(&["install", "upgrade", "dist-upgrade", "build-dep"]) => {
            Some("apt")
        }
        "apk" if any(&["add", "upgrade"]) => Some("apk"),
        "yum" | "dnf" | "microdnf" if any(&["install", "update", "upgrade", "groupinstall"]) => {
            Some("rpm")
        }
        "zypper" if any(&["install", "in", "update", "up"]) => Some("zypper"),
        _ => None,
    }
}

/// The packages an OS package-manager install command names.
pub(crate) fn installed_packages(c: &Command) -> Vec<String> {
    if package_install(c).is_none() {
        return Vec::new();
    }
    c.words
        .iter()
        .skip(1)
        .filter(|w| {
            !w.starts_with('-')
                && !matches!(
                    w.as_str(),
                    "install" | "add" | "in" | "upgrade" | "update" | "groupinstall"
                )
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmds(s: &str) -> Vec<Vec<String>> {
        split_script(s).0.into_iter().map(|c| c.words).collect()
    }

    #[test]
    fn splits_on_operators_outside_quotes() {
        assert_eq!(
            cmds("apt-get update && DEBIAN_FRONTEND=x sudo apt-get install -y 'a b'; echo \"x && y\""),
            vec![
                vec!["apt-get", "update"],
                vec!["apt-get", "install", "-y", "a b"],
                vec!["echo", "x && y"],
            ]
        );
        assert!(split_script("a && b | c").1);
        assert!(!split_script("a; b").1);
        assert!(!split_script("a || b").1);
    }

    #[test]
    fn heavy_commands_are_found_by_command_name() {
        let heavy = |s: &str| split_script(s).0.iter().any(Command::is_heavy);
        assert!(heavy("apt-get update && apt-get install -y curl"));
        assert!(heavy(
            "DEBIAN_FRONTEND=noninteractive /usr/bin/pip install x"
        ));
        assert!(heavy("set -eux; go build ./..."));
        assert!(heavy("env PIP_NO_CACHE_DIR=1 pip install x"));
        assert!(heavy("{ cargo build --release; }"));
        assert!(!heavy("echo make things; mkdir -p /app"));
        assert!(!heavy("echo \"a; pip install b\""));
        assert!(!heavy("go version"));
        assert!(!heavy("git config --global x y"));
    }

    #[test]
    fn recognises_installs_per_ecosystem() {
        let one = |s: &str| install_of(&split_script(s).0[0]);
        let pip = one("pip install --no-cache-dir -r requirements/prod.txt").unwrap();
        assert_eq!(pip.ecosystem, Ecosystem::Pip);
        assert_eq!(pip.manifests, vec!["requirements/prod.txt"]);
        assert!(one("pip install .").unwrap().needs_project);
        assert!(one("python -m pip install -e .").unwrap().needs_project);
        assert_eq!(one("pip install fastapi"), None);
        assert_eq!(one("npm ci").unwrap().ecosystem, Ecosystem::Npm);
        assert_eq!(one("npm install -g pm2"), None);
        assert_eq!(one("yarn").unwrap().ecosystem, Ecosystem::Yarn);
        assert!(one("poetry install").unwrap().needs_project);
        assert!(!one("poetry install --no-root").unwrap().needs_project);
        assert!(
            !one("uv sync --frozen --no-install-project")
                .unwrap()
                .needs_project
        );
        assert_eq!(one("go mod download").unwrap().ecosystem, Ecosystem::Go);
        assert_eq!(one("bundle install").unwrap().ecosystem, Ecosystem::Bundler);
        assert_eq!(
            one("composer install --no-scripts").unwrap().ecosystem,
            Ecosystem::Composer
        );
        assert_eq!(
            one("./mvnw dependency:go-offline -B").unwrap().ecosystem,
            Ecosystem::Maven
        );
        assert_eq!(
            one("dotnet restore App.csproj").unwrap().manifests,
            vec!["App.csproj"]
        );
        assert_eq!(
            one("mamba env create -f env.yml").unwrap().manifests,
            vec!["env.yml"]
        );
        assert_eq!(
            one("pipenv install --system --deploy").unwrap().ecosystem,
            Ecosystem::Pipenv
        );
        let go = one("go build -o /app ./cmd/api").unwrap();
        assert!(go.fetch_and_build && go.ecosystem == Ecosystem::Go);
        assert_eq!(one("go build -mod=vendor ./..."), None);
        assert!(
            one("cargo build --release --locked")
                .unwrap()
                .fetch_and_build
        );
        assert_eq!(one("cargo install ripgrep"), None);
        assert!(one("cargo install --path .").unwrap().fetch_and_build);
        assert!(
            !one("cargo chef cook --release --recipe-path recipe.json")
                .unwrap()
                .needs_project
        );
        assert!(
            one("./mvnw -B package -DskipTests")
                .unwrap()
                .fetch_and_build
        );
        assert_eq!(one("mvn -o package"), None);
        assert!(one("gradle bootJar --no-daemon").unwrap().fetch_and_build);
        assert!(
            one("dotnet publish -c Release -o /out")
                .unwrap()
                .fetch_and_build
        );
        assert_eq!(one("dotnet publish --no-restore -o /out"), None);
    }
}
