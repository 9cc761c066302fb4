//! Fixes keep the build's meaning. For every fix found on the real-world
//! corpus and on generated Dockerfiles: the fixed text parses, the fixed rule
//! fires less often, the same commands run (in the same order), the same
//! files reach the final image, and the container starts the same command.
//! Two fixes change the commands on purpose. SS015's gives back the lines a shell
//! comment swallowed; its result must equal the file without the comment. SS001's
//! "fetch first" fix (for `go build` or `mvn package` after a broad copy) adds the
//! ecosystem's fetch step before the copy; its result, that one command aside,
//! must mean what the original did.

mod common;

use proptest::prelude::*;
use shipshape_dockerfile::{
    apply_fix, fix_all, lint_source, parse, shell, Arguments, Dockerfile, Fix, Keyword,
    LintOptions, RuleId,
};

/// A typical project, plus every path the Dockerfile copies by name.
fn context_for(df: &Dockerfile) -> Vec<String> {
    let mut paths: Vec<String> = [
        "requirements.txt",
        "app/__init__.py",
        "app/main.py",
        "package.json",
        "package-lock.json",
        "src/index.js",
        "go.mod",
        "go.sum",
        "main.go",
        "pyproject.toml",
        "poetry.lock",
        "README.md",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for ins in &df.instructions {
        if matches!(ins.keyword, Keyword::Copy | Keyword::Add) && ins.flag("from").is_none() {
            let words = ins.arguments.words();
            if let Some((_, sources)) = words.split_last() {
                for s in sources {
                    let p = s
                        .value
                        .trim_start_matches("./")
                        .trim_start_matches('/')
                        .trim_end_matches('/');
                    if !p.is_empty() && p != "." && !p.contains(['*', '?', '$', '<']) {
                        paths.push(p.to_string());
                    }
                }
            }
        }
    }
    paths
}

fn join(dir: &str, p: &str) -> String {
    let full = if p.starts_with('/') {
        p.to_string()
    } else {
        format!("{dir}/{p}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for x in full.split('/') {
        match x {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            x => parts.push(x),
        }
    }
    format!("/{}", parts.join("/"))
}

/// What the build does, as far as a fix may not change it: per stage, the
/// simple commands RUN runs, the files copied from the context (image path →
/// context path, later copies winning), and the final CMD/ENTRYPOINT words.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Meaning {
    commands: Vec<Vec<String>>,
    files: Vec<Vec<(String, String)>>,
    start: Vec<String>,
}

/// `context` comes from the original file, so a fix that names a file
/// explicitly does not change the context it is judged against.
fn meaning(source: &str, context: &[String]) -> Meaning {
    let df = parse(source);
    let mut commands = Vec::new();
    let mut files = Vec::new();
    let mut start = Vec::new();
    for stage in df.stages() {
        let mut cmds = Vec::new();
        let mut map: Vec<(String, String)> = Vec::new();
        let mut workdir = "/".to_string();
        for k in stage.body.clone() {
            let ins = &df.instructions[k];
            match ins.keyword {
                Keyword::Workdir => {
                    if let Some(w) = ins.arguments.words().first() {
                        workdir = join(&workdir, &w.value);
                    }
                }
                Keyword::Run => {
                    let mut text: String = ins
                        .arguments
                        .words()
                        .iter()
                        .map(|w| w.value.clone())
                        .collect::<Vec<_>>()
                        .join(" ");
                    for h in &ins.heredocs {
                        text.push('\n');
                        text.push_str(&h.content);
                    }
                    for part in text.split(['\n', ';']).flat_map(|p| p.split("&&")) {
                        let words: Vec<&str> = part
                            .split_whitespace()
                            .filter(|w| *w != "--no-cache-dir" && *w != "\\")
                            .collect();
                        if !words.is_empty() {
                            cmds.push(words.join(" "));
                        }
                    }
                }
                Keyword::Copy | Keyword::Add if ins.flag("from").is_none() => {
                    let words = ins.arguments.words();
                    let Some((dest, sources)) = words.split_last() else {
                        continue;
                    };
                    let dest_dir = dest.value.ends_with('/') || sources.len() > 1;
                    let dest = join(&workdir, &dest.value);
                    for s in sources {
                        let src = s
                            .value
                            .trim_start_matches("./")
                            .trim_start_matches('/')
                            .trim_end_matches('/');
                        let src = if src == "." { "" } else { src };
                        for f in context {
                            let (covered, rel) = if src.is_empty() {
                                (true, Some(f.as_str()))
                            } else if f == src {
                                (true, None)
                            } else if let Some(r) = f.strip_prefix(&format!("{src}/")) {
                                (true, Some(r))
                            } else if src.contains('*') {
                                let (a, b) = src.split_once('*').unwrap_or((src, ""));
                                (
                                    f.starts_with(a)
                                        && f.ends_with(b)
                                        && !f[a.len()..].contains('/'),
                                    None,
                                )
                            } else {
                                (false, None)
                            };
                            if !covered {
                                continue;
                            }
                            let name = f.rsplit('/').next().unwrap_or(f);
                            let target = match rel {
                                Some(r) => join(&dest, r),
                                None if dest_dir || src.contains('*') => join(&dest, name),
                                None => dest.clone(),
                            };
                            map.retain(|(t, _)| *t != target);
                            map.push((target, f.clone()));
                        }
                    }
                }
                Keyword::Cmd | Keyword::Entrypoint => {
                    start = match &ins.arguments {
                        Arguments::Exec(w) => w.iter().map(|w| w.value.clone()).collect(),
                        Arguments::Shell(w) => w
                            .value
                            .split_whitespace()
                            .map(|x| shell::unquote(x, '\\'))
                            .collect(),
                        _ => Vec::new(),
                    };
                }
                _ => {}
            }
        }
        map.sort();
        commands.push(cmds);
        files.push(map);
    }
    Meaning {
        commands,
        files,
        start,
    }
}

/// Applies every fix the linter offers on `source`, one at a time, checking each.
fn check_every_fix(name: &str, source: &str) -> usize {
    let options = LintOptions::default();
    let context = context_for(&parse(source));
    let before = meaning(source, &context);
    let errors = parse(source).errors().count();
    let findings = lint_source(source, &options);
    let mut checked = 0;
    for f in findings.iter().filter(|f| f.fix.is_some()) {
        let fixed = apply_fix(source, f.fix.as_ref().unwrap());
        let df = parse(&fixed);
        assert!(
            df.errors().count() <= errors,
            "{name}: {} fix breaks the parse:\n{fixed}",
            f.rule
        );
        let count = |s: &str| {
            lint_source(s, &options)
                .iter()
                .filter(|g| g.rule == f.rule)
                .count()
        };
        assert!(
            count(&fixed) < count(source),
            "{name}: {} still fires after its fix:\n{fixed}",
            f.rule
        );
        let expected = if f.rule == RuleId::SS015 {
            // What the file reads as: the same text without the comment (the inserted
            // comment line is one Docker drops).
            let fix = f.fix.as_ref().unwrap();
            let removal = Fix {
                title: String::new(),
                edits: fix
                    .edits
                    .iter()
                    .filter(|e| !e.range.is_empty())
                    .cloned()
                    .collect(),
            };
            let intended = apply_fix(source, &removal);
            assert_ne!(intended, source, "{name}: SS015 fix removes nothing");
            meaning(&intended, &context)
        } else if f.rule == RuleId::SS040 {
            // The fix changes what the image starts, on purpose: `fastapi dev` becomes
            // `fastapi run` and `--reload` goes; nothing else may change.
            let mut m = before.clone();
            let mut start: Vec<String> = Vec::new();
            for (i, w) in m.start.iter().enumerate() {
                if w == "--reload" {
                    continue;
                }
                let after_fastapi = i > 0 && m.start[i - 1].rsplit('/').next() == Some("fastapi");
                start.push(if w == "dev" && after_fastapi {
                    "run".into()
                } else {
                    w.clone()
                });
            }
            assert_ne!(start, m.start, "{name}: SS040 fix changes nothing");
            m.start = start;
            m
        } else {
            before.clone()
        };
        let mut actual = meaning(&fixed, &context);
        let fix = f.fix.as_ref().unwrap();
        if f.rule == RuleId::SS001 && fix.edits.iter().all(|e| e.range.is_empty()) {
            // Only inserted lines: the manifests' COPY (which the broad copy after it covers
            // again) and one fetch command.
            let fetches = ["go mod download", "mvn -B dependency:go-offline"];
            let mut removed = 0;
            for cmds in &mut actual.commands {
                if let Some(i) = cmds.iter().position(|c| fetches.contains(&c.as_str())) {
                    cmds.remove(i);
                    removed += 1;
                    break;
                }
            }
            assert_eq!(removed, 1, "{name}: SS001 inserted no fetch step:\n{fixed}");
        }
        if f.rule == RuleId::SS049 {
            // The fix adds `-l` to one `useradd`, on purpose (no lastlog/faillog entries);
            // nothing else may change.
            let mut changed = 0;
            for (a, b) in actual.commands.iter_mut().zip(&before.commands) {
                for (x, y) in a.iter_mut().zip(b) {
                    if x == y {
                        continue;
                    }
                    let words: Vec<&str> = y.split(' ').collect();
                    let at = words
                        .iter()
                        .position(|w| w.rsplit('/').next() == Some("useradd"));
                    let mut with_l = words.clone();
                    if let Some(i) = at {
                        with_l.insert(i + 1, "-l");
                    }
                    assert_eq!(
                        *x,
                        with_l.join(" "),
                        "{name}: SS049 fix changes more than -l"
                    );
                    *x = y.clone();
                    changed += 1;
                }
            }
            assert_eq!(changed, 1, "{name}: SS049 fix adds no -l:\n{fixed}");
        }
        assert_eq!(
            actual, expected,
            "{name}: {} fix changes the build:\n{fixed}",
            f.rule
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_fix_on_the_corpus_keeps_the_build_meaning() {
    let Some(dir) = common::shared_dir("corpus/dockerfiles") else {
        return;
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".dockerignore") {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        checked += check_every_fix(&name, &source);
    }
    assert!(checked > 20, "only {checked} fixes checked on the corpus");
}

#[test]
fn the_useradd_fix_adds_only_l() {
    // The corpus has no high UID; these check SS049's exception above.
    for source in [
        "FROM debian:12\nRUN groupadd -g 123456 app && useradd -u 123456 -g app app\nUSER app\n",
        "FROM debian:12\nRUN /usr/sbin/useradd \\\n    --uid=1000000 app\nUSER app\n",
    ] {
        let ss049 = lint_source(source, &LintOptions::default())
            .into_iter()
            .filter(|f| f.rule == RuleId::SS049 && f.fix.is_some())
            .count();
        assert_eq!(ss049, 1, "{source}");
        assert!(check_every_fix("crafted", source) >= 1, "{source}");
    }
}

#[test]
fn the_shell_comment_fix_runs_the_lines_it_swallowed() {
    for source in [
        "FROM python:3.13-slim\nRUN apt-get update \\\n    && apt-get install -y curl  # the tool \\\n    && rm -rf /var/lib/apt/lists/*\nCMD [\"fastapi\", \"run\", \"app/main.py\"]\n",
        "FROM alpine\nRUN apk add curl # probes \\\n && adduser -D app\nUSER app\nCMD [\"sh\"]\n",
        "FROM alpine\nRUN set -e; make # build it\\\n  ; make install\n",
    ] {
        let ss015 = lint_source(source, &LintOptions::default())
            .into_iter()
            .filter(|f| f.rule == RuleId::SS015 && f.fix.is_some())
            .count();
        assert_eq!(ss015, 1, "{source}");
        assert!(check_every_fix("crafted", source) >= 1, "{source}");
    }
}

fn line() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("WORKDIR /code"),
        Just("COPY . ."),
        Just("COPY ./app /code/app"),
        Just("COPY requirements.txt ."),
        Just("RUN pip install -r requirements.txt"),
        Just("RUN pip install --no-cache-dir --upgrade -r requirements.txt"),
        Just("RUN pip install --upgrade pip && pip install -r /code/requirements.txt"),
        Just("RUN apt-get update"),
        Just("RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"),
        Just("ARG GIT_COMMIT"),
        Just("ENV BUILD_DATE=2025-01-01"),
        Just("LABEL revision=$GIT_COMMIT"),
        Just("ENV PORT=80"),
        Just("RUN python -m compileall app"),
        Just("EXPOSE 80"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn fixes_on_generated_dockerfiles_keep_the_meaning(
        base in prop_oneof![Just("python:3.13-slim"), Just("python:3.12"), Just("python")],
        body in proptest::collection::vec(line(), 1..9),
        cmd in prop_oneof![
            Just("CMD fastapi run app/main.py --port 80"),
            Just("CMD [\"fastapi\", \"run\", \"app/main.py\"]"),
            Just("CMD uvicorn app.main:app --port $PORT"),
        ],
    ) {
        let source = format!("FROM {base}\n{}\n{cmd}\n", body.join("\n"));
        check_every_fix("generated", &source);
        // All fixes together, as `shipshape fix` applies them.
        let (fixed, _) = fix_all(&source, &LintOptions::default(), 30);
        prop_assert!(parse(&fixed).errors().count() <= parse(&source).errors().count());
        let context = context_for(&parse(&source));
        prop_assert_eq!(meaning(&fixed, &context), meaning(&source, &context), "{}\n---\n{}", source, fixed);
    }
}
