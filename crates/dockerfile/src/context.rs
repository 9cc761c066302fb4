//! What a Dockerfile reads from its build context, for prefilling the lab's
//! context file list: the sources it names ([`context_sources`]) and a
//! plausible list of files behind them ([`suggested_context`]).

use crate::command::{install_of, run_commands, Ecosystem};
use crate::rebuild::{is_remote, Mount};
use crate::shell;
use crate::syntax::{Dockerfile, Keyword};

/// The build-context paths the Dockerfile names as sources, in order, without
/// duplicates: COPY and ADD sources (not with `--from`, not URLs, not heredocs)
/// and `RUN --mount=type=bind` sources (not with `from=`; no `source` means the
/// whole context). Quotes are removed, a leading `./` or `/` and a trailing
/// `/` are dropped, globs stay as written, and the whole context is `.`.
/// Sources that use variables (`$APP_DIR`) are left out: they name no file
/// until the build expands them.
pub fn context_sources(df: &Dockerfile) -> Vec<String> {
    let escape = df.escape;
    let mut out: Vec<String> = Vec::new();
    let add = |raw: &str, out: &mut Vec<String>| {
        if raw.contains('$') || is_remote(raw) {
            return;
        }
        let path = normalise(&shell::unquote(raw, escape));
        if !path.is_empty() && !out.contains(&path) {
            out.push(path);
        }
    };
    for ins in &df.instructions {
        match ins.keyword {
            Keyword::Copy | Keyword::Add if ins.flag("from").is_none() => {
                let words = ins.arguments.words();
                let sources = words.split_last().map_or(&[][..], |(_, s)| s);
                for w in sources {
                    let heredoc = w.value.contains("<<")
                        && ins.heredocs.iter().any(|h| w.value.contains(&h.name));
                    if !heredoc {
                        add(&w.value, &mut out);
                    }
                }
            }
            Keyword::Run => {
                for spec in ins.flag_values("mount") {
                    let m = Mount::parse(spec);
                    if m.kind == "bind" && m.from.is_none() {
                        add(m.source.as_deref().unwrap_or("."), &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn normalise(path: &str) -> String {
    let mut p = path.trim();
    loop {
        if let Some(rest) = p.strip_prefix("./") {
            p = rest;
        } else if let Some(rest) = p.strip_prefix('/') {
            p = rest;
        } else {
            break;
        }
    }
    let p = p.trim_end_matches('/');
    match p {
        "" | "." => ".".to_string(),
        _ => p.to_string(),
    }
}

/// Files without an extension that are files, not folders.
const PLAIN_FILES: [&str; 12] = [
    "Dockerfile",
    "Makefile",
    "Gemfile",
    "Pipfile",
    "Procfile",
    "Rakefile",
    "Justfile",
    "LICENSE",
    "README",
    "VERSION",
    "Jenkinsfile",
    "Brewfile",
];

/// The example files a source folder gets, by the ecosystem of the first
/// dependency install the Dockerfile runs (Python when there is none: the
/// guide's example project is a FastAPI app).
fn folder_files(eco: Option<Ecosystem>) -> &'static [&'static str] {
    match eco {
        None => &["__init__.py", "main.py"],
        Some(e) if is_python(e) => &["__init__.py", "main.py"],
        Some(Ecosystem::Npm | Ecosystem::Yarn | Ecosystem::Pnpm) => &["index.js"],
        Some(Ecosystem::Go) => &["main.go"],
        Some(Ecosystem::Cargo) => &["main.rs"],
        Some(Ecosystem::Bundler) => &["app.rb"],
        Some(Ecosystem::Composer) => &["index.php"],
        Some(Ecosystem::Maven | Ecosystem::Gradle) => &["App.java"],
        Some(_) => &["Program.cs"],
    }
}

/// A plausible build-context file list for the lab to start from (the reader
/// edits it). Built from [`context_sources`], in order, without duplicates:
///
/// * a file (its last part has a `.`, like `requirements.txt` or `go.mod`,
///   or is a known plain file such as `Makefile`) stays as it is;
/// * a glob becomes one file it matches: `*` is dropped (`requirements*.txt`
///   → `requirements.txt`, `poetry.lock*` → `poetry.lock`), or becomes `main`
///   when that would leave no name (`*.py` → `main.py`); `?` becomes `x`;
/// * a folder (`app`, `src/`) gets the example files of the project's
///   ecosystem, read from the first dependency install in a RUN: for Python
///   (or no install found) `app/__init__.py` and `app/main.py`, a package as
///   the guide's FastAPI example has it; `src/index.js` for npm, `main.go`
///   for Go, and so on;
/// * `.` (the whole context) becomes the manifests that install reads plus
///   one source file of the ecosystem (`main.go`, `src/index.js`); for Python
///   or no install, the guide's project: `requirements.txt`,
///   `app/__init__.py`, `app/main.py`.
pub fn suggested_context(df: &Dockerfile) -> Vec<String> {
    let install = df
        .instructions
        .iter()
        .flat_map(run_commands)
        .find_map(|c| install_of(&c));
    let eco = install.as_ref().map(|i| i.ecosystem);
    let mut out: Vec<String> = Vec::new();
    let push = |p: String, out: &mut Vec<String>| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for source in context_sources(df) {
        if source == "." {
            let manifests: Vec<String> = match &install {
                Some(i) if !i.manifests.is_empty() => i
                    .manifests
                    .iter()
                    .map(|m| m.rsplit('/').next().unwrap_or(m).trim_end_matches('*'))
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect(),
                _ => vec!["requirements.txt".to_string()],
            };
            for m in manifests {
                push(m, &mut out);
            }
            match eco.filter(|e| !is_python(*e)) {
                Some(e) => push(e.sample_sources()[0].to_string(), &mut out),
                None => {
                    for f in folder_files(None) {
                        push(format!("app/{f}"), &mut out);
                    }
                }
            }
        } else if source.contains(['*', '?']) {
            push(glob_example(&source), &mut out);
        } else if is_folder(&source) {
            for f in folder_files(eco) {
                push(format!("{source}/{f}"), &mut out);
            }
        } else {
            push(source, &mut out);
        }
    }
    out
}

fn is_python(e: Ecosystem) -> bool {
    matches!(
        e,
        Ecosystem::Pip | Ecosystem::Poetry | Ecosystem::Uv | Ecosystem::Pipenv | Ecosystem::Conda
    )
}

fn is_folder(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !name.contains('.') && !PLAIN_FILES.iter().any(|f| f.eq_ignore_ascii_case(name))
}

fn glob_example(glob: &str) -> String {
    let parts: Vec<String> = glob
        .split('/')
        .map(|part| {
            let dropped = part.replace('*', "").replace('?', "x");
            if dropped.is_empty() || dropped.starts_with('.') {
                part.replace('*', "main").replace('?', "x")
            } else {
                dropped
            }
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn sources(src: &str) -> Vec<String> {
        context_sources(&parse(src))
    }

    fn suggested(src: &str) -> Vec<String> {
        suggested_context(&parse(src))
    }

    #[test]
    fn sources_are_the_context_paths_in_order() {
        let src = "FROM python:3.13 AS build\n\
                   COPY ./requirements.txt /code/requirements.txt\n\
                   COPY --from=build /x /y\n\
                   ADD https://example.com/a.tgz /tmp/\n\
                   ADD --checksum=sha256:0 git@github.com:a/b.git /src\n\
                   COPY [\"./app/\", \"pyproject.toml\", \"/code/\"]\n\
                   COPY requirements*.txt ./\n\
                   COPY $APP_DIR /code/\n\
                   COPY <<EOF /etc/motd\nhello\nEOF\n\
                   RUN --mount=type=bind,source=go.sum,target=/x --mount=type=cache,target=/c \\\n\
                       --mount=type=bind,from=build,source=/out,target=/o true\n\
                   RUN --mount=type=bind,target=/src true\n\
                   COPY . .\n\
                   COPY ./requirements.txt \"/app/\" /code/\n";
        assert_eq!(
            sources(src),
            [
                "requirements.txt",
                "app",
                "pyproject.toml",
                "requirements*.txt",
                "go.sum",
                ".",
            ]
        );
    }

    #[test]
    fn the_guide_examples_prefill_the_fastapi_project() {
        let copy_first = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\n";
        assert_eq!(sources(copy_first), ["."]);
        assert_eq!(
            suggested(copy_first),
            ["requirements.txt", "app/__init__.py", "app/main.py"]
        );
        let requirements_first = "FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install -r /code/requirements.txt\nCOPY ./app /code/app\n";
        assert_eq!(
            suggested(requirements_first),
            ["requirements.txt", "app/__init__.py", "app/main.py"]
        );
    }

    #[test]
    fn folders_and_globs_follow_the_ecosystem() {
        let node = "FROM node:22\nCOPY package*.json ./\nRUN npm ci\nCOPY src/ ./src/\nCOPY Makefile *.config.js ./\n";
        assert_eq!(
            suggested(node),
            ["package.json", "src/index.js", "Makefile", "main.config.js"]
        );
        let go = "FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n";
        assert_eq!(suggested(go), ["go.mod", "go.sum", "main.go"]);
        assert_eq!(suggested("FROM a\nCOPY ? /x\n"), ["x"]);
        assert!(suggested("FROM a\nRUN true\n").is_empty());
        assert!(suggested("").is_empty());
    }
}
