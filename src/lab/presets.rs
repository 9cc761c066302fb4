//! The lab's example Dockerfiles, each with the build context it expects and a file to mark changed.
//!
//! The FastAPI presets are the guide's own Dockerfiles, character for character (the annotated
//! blocks without their `# (n)` markers), so the lab shows exactly what the page explains. The
//! others show the same idea in other ecosystems: copy the dependency manifests, install, then
//! copy the sources, build in one stage and run in a small one as a non-root user.

pub struct Preset {
    /// Stable id used in share links, e.g. `fastapi-copy-first`.
    pub key: &'static str,
    /// Display name in English, Korean and Japanese.
    pub name: [&'static str; 3],
    pub dockerfile: &'static str,
    /// Files in the build context.
    pub context: &'static [&'static str],
    /// Files marked changed at first: a source file, so the reader sees what an edit rebuilds.
    pub changed: &'static [&'static str],
}

/// The guide's first example: the whole project copied before the dependencies are installed.
const FASTAPI_COPY_FIRST: &str = "FROM python:3.14-slim
WORKDIR /code
COPY . /code
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

/// The same image with the requirements copied and installed first.
const FASTAPI_REQUIREMENTS_FIRST: &str = "FROM python:3.14-slim
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
COPY ./app /code/app
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

/// content/*/single-file-app.md: the whole app in `main.py` at the root of the project.
const FASTAPI_SINGLE_FILE: &str = r#"FROM python:3.14

WORKDIR /code

COPY ./requirements.txt /code/requirements.txt

RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt

COPY ./main.py /code/

CMD ["fastapi", "run", "main.py", "--port", "80"]
"#;

/// content/*/multi-stage.md#poetry: Poetry exports `requirements.txt` in a throwaway stage.
const POETRY_MULTI_STAGE: &str = r#"FROM python:3.14 AS requirements-stage

WORKDIR /tmp

RUN pip install "poetry>=2.0,<3.0" poetry-plugin-export

COPY ./pyproject.toml ./poetry.lock* /tmp/

RUN poetry export --format requirements.txt --output requirements.txt --without-hashes

FROM python:3.14

WORKDIR /code

COPY --from=requirements-stage /tmp/requirements.txt /code/requirements.txt

RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt

COPY ./app /code/app

CMD ["fastapi", "run", "app/main.py", "--port", "80"]
"#;

/// content/*/multi-stage.md#uv: a builder stage with uv syncs the dependencies from `uv.lock`
/// through bind mounts, then the project; the final stage copies `/code` (the venv and the app).
const UV_MULTI_STAGE: &str = r#"# syntax=docker/dockerfile:1
FROM python:3.14-slim AS builder

COPY --from=ghcr.io/astral-sh/uv:0.12.5 /uv /uvx /bin/

WORKDIR /code

ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_NO_DEV=1 UV_PYTHON_DOWNLOADS=0

RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-install-project

COPY . /code

RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked

FROM python:3.14-slim

WORKDIR /code

COPY --from=builder /code /code

ENV PATH="/code/.venv/bin:$PATH"

CMD ["fastapi", "run", "app/main.py", "--port", "80"]
"#;

/// An Express API: production dependencies installed from the lock file in their own stage.
const NODE: &str = r#"# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS deps

WORKDIR /app

# Only the manifest and the lock file: this install stays cached until they change.
COPY package.json package-lock.json ./

# npm ci installs exactly the lock file; the cache mount keeps npm's downloads between builds.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:22-bookworm-slim

ENV NODE_ENV=production

WORKDIR /app

COPY --from=deps /app/node_modules ./node_modules

COPY package.json ./

COPY ./src ./src

# The image ships a `node` user: the server needs no root rights.
USER node

EXPOSE 3000

CMD ["node", "src/server.js"]
"#;

/// A net/http API: modules downloaded before the sources, a static binary in a distroless image.
const GO: &str = r#"# syntax=docker/dockerfile:1
FROM golang:1.24-bookworm AS build

WORKDIR /src

# go.mod and go.sum first: the download stays cached until a dependency changes.
COPY go.mod go.sum ./

# The cache mounts keep Go's modules and compiled packages between builds, out of the image.
RUN --mount=type=cache,target=/go/pkg/mod go mod download

COPY *.go ./

# CGO_ENABLED=0 builds a static binary that needs no C library at run time.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api .

# No shell, no package manager: only the binary and CA certificates.
FROM gcr.io/distroless/static-debian12:nonroot

COPY --from=build /out/api /api

USER nonroot:nonroot

EXPOSE 8080

CMD ["/api"]
"#;

/// An axum API: dependencies compiled against a placeholder `main.rs`, so only the app's own
/// crate is compiled again when its sources change.
const RUST: &str = r#"# syntax=docker/dockerfile:1
FROM rust:1.88-slim-bookworm AS build

WORKDIR /src

COPY Cargo.toml Cargo.lock ./

# Build the dependencies alone, with an empty main.rs: this step stays cached until
# Cargo.toml or Cargo.lock changes. The cache mount keeps downloaded crates between builds.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    mkdir src && echo "fn main() {}" > src/main.rs \
    && cargo build --release --locked \
    && rm -r src

COPY ./src ./src

# COPY keeps the files' timestamps: touch main.rs so Cargo rebuilds the app, not the placeholder.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    touch src/main.rs \
    && cargo build --release --locked \
    && cp target/release/api /usr/local/bin/api

# The C runtime the binary links against, and a non-root user.
FROM gcr.io/distroless/cc-debian12:nonroot

COPY --from=build /usr/local/bin/api /usr/local/bin/api

USER nonroot:nonroot

EXPOSE 8080

CMD ["/usr/local/bin/api"]
"#;

/// A Spring Boot API built with Maven: dependencies resolved from `pom.xml` alone, a JRE to run.
const JAVA: &str = r#"# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-21 AS build

WORKDIR /build

# pom.xml first: resolving the dependencies stays cached until it changes.
COPY pom.xml ./

RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline

COPY ./src ./src

RUN --mount=type=cache,target=/root/.m2 mvn -B package -DskipTests \
    && cp target/*.jar /build/app.jar

# A JRE is enough to run the jar: no JDK, no Maven.
FROM eclipse-temurin:21-jre

RUN useradd --system --user-group --uid 10001 spring

WORKDIR /app

COPY --from=build /build/app.jar /app/app.jar

USER spring

EXPOSE 8080

# The JVM sizes its heap from the container's memory limit.
CMD ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
"#;

/// The FastAPI package layout of the guide.
const FASTAPI_CONTEXT: &[&str] = &["requirements.txt", "app/__init__.py", "app/main.py"];

pub const PRESETS: &[Preset] = &[
    Preset {
        key: "fastapi-copy-first",
        name: [
            "FastAPI, COPY . first",
            "FastAPI, COPY . 먼저",
            "FastAPI、COPY . が先",
        ],
        dockerfile: FASTAPI_COPY_FIRST,
        context: FASTAPI_CONTEXT,
        changed: &["app/main.py"],
    },
    Preset {
        key: "fastapi-requirements-first",
        name: [
            "FastAPI, requirements first",
            "FastAPI, requirements 먼저",
            "FastAPI、requirements が先",
        ],
        dockerfile: FASTAPI_REQUIREMENTS_FIRST,
        context: FASTAPI_CONTEXT,
        changed: &["app/main.py"],
    },
    Preset {
        key: "fastapi-single-file",
        name: [
            "FastAPI, single file",
            "FastAPI, 파일 하나짜리 앱",
            "FastAPI、1 ファイルのアプリ",
        ],
        dockerfile: FASTAPI_SINGLE_FILE,
        context: &["requirements.txt", "main.py"],
        changed: &["main.py"],
    },
    Preset {
        key: "poetry-multi-stage",
        name: [
            "FastAPI with Poetry, multi-stage",
            "Poetry를 쓰는 FastAPI, 멀티 스테이지",
            "Poetry を使う FastAPI、マルチステージ",
        ],
        dockerfile: POETRY_MULTI_STAGE,
        context: &[
            "pyproject.toml",
            "poetry.lock",
            "app/__init__.py",
            "app/main.py",
        ],
        changed: &["app/main.py"],
    },
    Preset {
        key: "uv-multi-stage",
        name: ["FastAPI with uv", "uv를 쓰는 FastAPI", "uv を使う FastAPI"],
        dockerfile: UV_MULTI_STAGE,
        context: &[
            "pyproject.toml",
            "uv.lock",
            "app/__init__.py",
            "app/main.py",
        ],
        changed: &["app/main.py"],
    },
    Preset {
        key: "node",
        name: [
            "Node.js (Express)",
            "Node.js (Express)",
            "Node.js（Express）",
        ],
        dockerfile: NODE,
        context: &[
            "package.json",
            "package-lock.json",
            "src/server.js",
            "src/routes/items.js",
        ],
        changed: &["src/routes/items.js"],
    },
    Preset {
        key: "go",
        name: ["Go (net/http)", "Go (net/http)", "Go（net/http）"],
        dockerfile: GO,
        context: &["go.mod", "go.sum", "main.go", "handlers.go"],
        changed: &["handlers.go"],
    },
    Preset {
        key: "rust",
        name: ["Rust (axum)", "Rust (axum)", "Rust（axum）"],
        dockerfile: RUST,
        context: &["Cargo.toml", "Cargo.lock", "src/main.rs", "src/routes.rs"],
        changed: &["src/routes.rs"],
    },
    Preset {
        key: "java",
        name: [
            "Java (Spring Boot, Maven)",
            "Java (Spring Boot, Maven)",
            "Java（Spring Boot、Maven）",
        ],
        dockerfile: JAVA,
        context: &[
            "pom.xml",
            "src/main/java/com/example/api/ApiApplication.java",
            "src/main/java/com/example/api/ItemController.java",
            "src/main/resources/application.properties",
        ],
        changed: &["src/main/java/com/example/api/ItemController.java"],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use shipshape_dockerfile::{
        lint_source, parse, plan, BuildContext, Changes, Cost, LintOptions, RebuildPlan, RuleId,
        StepStatus,
    };

    /// For each preset, a piece of text from each of its dependency-install steps (the steps that
    /// only need the manifests and lock files). The preset with the copy first rebuilds them.
    const INSTALL_STEPS: &[(&str, &[&str])] = &[
        ("fastapi-copy-first", &["pip install"]),
        ("fastapi-requirements-first", &["pip install"]),
        ("fastapi-single-file", &["pip install"]),
        (
            "poetry-multi-stage",
            &[
                "pip install \"poetry",
                "poetry export",
                "pip install --no-cache-dir",
            ],
        ),
        ("uv-multi-stage", &["uv sync --locked --no-install-project"]),
        ("node", &["npm ci"]),
        ("go", &["go mod download"]),
        ("rust", &["echo \"fn main() {}\""]),
        ("java", &["dependency:go-offline"]),
    ];

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn context(preset: &Preset) -> BuildContext {
        BuildContext {
            paths: strings(preset.context),
            dockerignore: None,
        }
    }

    fn plan_of(preset: &Preset) -> RebuildPlan {
        plan(
            &parse(preset.dockerfile),
            &context(preset),
            &Changes {
                paths: strings(preset.changed),
                build_args: vec![],
                previous: None,
            },
            None,
        )
    }

    /// The 1-based line on which `needle` first appears in the preset's Dockerfile, comments aside.
    fn line_of(preset: &Preset, needle: &str) -> u32 {
        let n = preset
            .dockerfile
            .lines()
            .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
            .unwrap_or_else(|| panic!("{}: no line contains {needle:?}", preset.key));
        n as u32 + 1
    }

    fn install_markers(key: &str) -> &'static [&'static str] {
        INSTALL_STEPS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| *m)
            .unwrap_or_else(|| panic!("{key}: no install steps listed"))
    }

    #[test]
    fn presets_come_in_the_documented_order() {
        let keys: Vec<&str> = PRESETS.iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "fastapi-copy-first",
                "fastapi-requirements-first",
                "fastapi-single-file",
                "poetry-multi-stage",
                "uv-multi-stage",
                "node",
                "go",
                "rust",
                "java",
            ]
        );
    }

    #[test]
    fn keys_are_unique_and_url_safe() {
        for (i, preset) in PRESETS.iter().enumerate() {
            assert!(!preset.key.is_empty());
            assert!(
                preset
                    .key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}: not URL-safe",
                preset.key
            );
            assert!(!preset.key.starts_with('-') && !preset.key.ends_with('-'));
            assert!(
                PRESETS[..i].iter().all(|p| p.key != preset.key),
                "{}: duplicate key",
                preset.key
            );
        }
    }

    #[test]
    fn names_are_given_in_every_language() {
        for preset in PRESETS {
            for name in preset.name {
                assert!(!name.trim().is_empty(), "{}: empty name", preset.key);
            }
        }
    }

    #[test]
    fn contexts_hold_the_changed_files() {
        for preset in PRESETS {
            assert!(!preset.context.is_empty(), "{}", preset.key);
            assert!(!preset.changed.is_empty(), "{}", preset.key);
            for file in preset.changed {
                assert!(
                    preset.context.contains(file),
                    "{}: {file} is not in the context",
                    preset.key
                );
            }
        }
    }

    #[test]
    fn dockerfiles_parse_without_errors() {
        for preset in PRESETS {
            let df = parse(preset.dockerfile);
            let errors: Vec<String> = df.errors().map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", preset.key);
            assert!(df.is_ok(), "{}", preset.key);
        }
    }

    #[test]
    fn only_the_copy_first_preset_installs_after_the_sources() {
        for preset in PRESETS {
            let options = LintOptions {
                context: Some(context(preset)),
                disabled: Vec::new(),
                profile: Default::default(),
            };
            let ss001: Vec<u32> = lint_source(preset.dockerfile, &options)
                .iter()
                .filter(|f| f.rule == RuleId::SS001)
                .map(|f| f.span.start_pos.line)
                .collect();
            if preset.key == "fastapi-copy-first" {
                assert_eq!(ss001, [3], "{}", preset.key);
            } else {
                assert!(ss001.is_empty(), "{}: SS001 on lines {ss001:?}", preset.key);
            }
        }
    }

    #[test]
    fn editing_a_source_file_keeps_the_installs_cached() {
        for preset in PRESETS {
            let plan = plan_of(preset);
            assert!(
                plan.problems.is_empty(),
                "{}: {:?}",
                preset.key,
                plan.problems
            );
            let changed: Vec<_> = plan
                .steps()
                .filter(|s| s.status == StepStatus::Rebuilt)
                .collect();
            assert!(
                !changed.is_empty(),
                "{}: editing {:?} rebuilds nothing",
                preset.key,
                preset.changed
            );
            for marker in install_markers(preset.key) {
                let line = line_of(preset, marker);
                let step = plan
                    .steps()
                    .find(|s| s.line <= line && line <= s.end_line)
                    .unwrap_or_else(|| panic!("{}: no step on line {line}", preset.key));
                assert_eq!(step.cost, Cost::Heavy, "{}: {}", preset.key, step.text);
                let expected = if preset.key == "fastapi-copy-first" {
                    StepStatus::Rebuilt
                } else {
                    StepStatus::Cached
                };
                assert_eq!(
                    step.status, expected,
                    "{}: {} ({})",
                    preset.key, step.text, step.reason
                );
            }
        }
    }

    /// The fenced code blocks of a guide page, without the annotated blocks' `# (n)` markers.
    fn code_blocks(page: &str) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut current: Option<String> = None;
        for line in page.lines() {
            if line.starts_with("```") {
                match current.take() {
                    Some(block) => blocks.push(block),
                    None => current = Some(String::new()),
                }
                continue;
            }
            if let Some(block) = current.as_mut() {
                let code = match line
                    .trim_end()
                    .strip_suffix(')')
                    .and_then(|l| l.rsplit_once("# ("))
                {
                    Some((before, n)) if n.bytes().all(|b| b.is_ascii_digit()) => before.trim_end(),
                    _ => line,
                };
                block.push_str(code);
                block.push('\n');
            }
        }
        blocks
    }

    #[test]
    fn the_fastapi_presets_are_the_guides_own_dockerfiles() {
        let pages = [
            (
                "fastapi-single-file",
                include_str!("../../content/en/single-file-app.md"),
            ),
            (
                "poetry-multi-stage",
                include_str!("../../content/en/multi-stage.md"),
            ),
            (
                "uv-multi-stage",
                include_str!("../../content/en/multi-stage.md"),
            ),
        ];
        for (key, page) in pages {
            let preset = PRESETS.iter().find(|p| p.key == key).expect(key);
            assert!(
                code_blocks(page).iter().any(|b| b == preset.dockerfile),
                "{key} differs from the guide's Dockerfile"
            );
        }
    }

    #[test]
    fn dockerfiles_end_with_one_newline() {
        for preset in PRESETS {
            assert!(
                preset.dockerfile.ends_with("\"]\n") && !preset.dockerfile.ends_with("\n\n"),
                "{}",
                preset.key
            );
        }
    }
}
