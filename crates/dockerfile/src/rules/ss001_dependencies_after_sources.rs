//! SS001 (warning): a dependency install runs after a copy that brings in
//! frequently edited sources, so every source edit reinstalls the dependencies.
//!
//! Decided with the rebuild model, not by matching `COPY . .`: the rule
//! imagines an edit to a source file the copy brings in (a real one from the
//! build context when it is known, else a typical one such as `app/main.py`),
//! simulates the build, and fires when the heavy install step is rebuilt
//! although it only needs the ecosystem's manifest and lock files.
//!
//! Fix: copy the manifest and lock files where the broad copy was, and move
//! the broad copy to just after the install. Offered only when that keeps the
//! build's meaning: the install does not also install the project (`pip
//! install .`, `poetry install` without `--no-root`), its RUN runs nothing
//! else that may read the sources, nothing between the two lines may read the
//! copied files, and the install writes no folder (`node_modules`, `vendor`)
//! that the moved copy would overwrite. Otherwise the message says what to do.

use super::{Profile, Refs, RuleMeta, Severity, 
    finding, indent_of, insert, join_path, list, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef,
    TextEdit,
};
use crate::command::{install_of, is_neutral, Ecosystem, Install};
use crate::dockerignore::{clean_path, Glob};
use crate::rebuild::{plan, Changes, Reason, StepStatus};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS001,
    severity: Severity::Warning,
    title: "Dependencies installed after the sources are copied",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

/// What the message names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The broad copy.
    pub copy: StepRef,
    /// The install it invalidates.
    pub install: StepRef,
    pub ecosystem: Ecosystem,
    /// Files to copy before the install (context paths; may be globs such as `poetry.lock*`).
    pub manifests: Vec<String>,
    /// The source file whose edit was simulated.
    pub sample: String,
    /// Why no automatic fix is offered, if none is.
    pub obstacle: Option<Obstacle>,
}

/// Why the fix cannot simply move the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obstacle {
    /// The install also installs the project itself, which needs the sources.
    InstallsProject,
    /// The same RUN also runs this command, which may read the sources.
    SharedRun { command: String },
    /// The install writes this folder into the project directory, and the
    /// `.dockerignore` is unknown or does not keep it out of the context.
    OutputDir { dir: String },
    /// The step on this line, between the copy and the install, may need the copied files.
    InBetween { line: u32 },
    /// The copy uses variables, `ADD`, or options the fix does not move safely.
    UnusualCopy,
    /// One command fetches the dependencies and builds the project (`cargo build`, `mvn
    /// package`, `go build`...): the dependencies need a step of their own, first. `command` is
    /// the build as written.
    FetchAndBuild { command: String },
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (c, i) = (&self.copy, &self.install);
        let eco = self.ecosystem.name();
        let manifests = list(&self.manifests, lang);
        let main = match lang {
            Lang::En => format!(
                "`{}` on line {} brings in source files such as `{}` before `{}` on line {}, so every edit to them reruns the {eco} install. Copy only {} first, install, then copy the rest.",
                c.text, c.line, self.sample, i.text, i.line, manifests
            ),
            Lang::Ko => format!(
                "{}행의 `{}` 명령이 `{}` 같은 소스 파일을 {}행의 `{}`보다 먼저 복사합니다. 그래서 소스를 고칠 때마다 {eco} 설치가 처음부터 다시 실행됩니다. {}만 먼저 복사해 설치한 다음 나머지를 복사하면 됩니다.",
                c.line, c.text, self.sample, i.line, i.text, manifests
            ),
            Lang::Ja => format!(
                "{}行目の `{}` が `{}` などのソースファイルを {}行目の `{}` より前にコピーしているため、ソースを編集するたびに {eco} のインストールがやり直しになります。先に {} だけをコピーしてインストールし、残りはそのあとでコピーしてください。",
                c.line, c.text, self.sample, i.line, i.text, manifests
            ),
        };
        let extra = match (&self.obstacle, lang) {
            (None, _) => String::new(),
            (Some(Obstacle::InstallsProject), Lang::En) => " This install also installs the project itself, so split it: install only the dependencies first (for example `poetry install --no-root`, `uv sync --no-install-project`, or `pip install -r` a requirements file), then copy the sources and install the project.".to_string(),
            (Some(Obstacle::InstallsProject), Lang::Ko) => " 이 명령은 프로젝트 자체도 설치하므로 둘로 나눠야 합니다. 먼저 의존성만 설치하고(예: `poetry install --no-root`, `uv sync --no-install-project`, requirements 파일을 지정한 `pip install -r`), 소스를 복사한 뒤 프로젝트를 설치하세요.".to_string(),
            (Some(Obstacle::InstallsProject), Lang::Ja) => "このコマンドはプロジェクト自体もインストールするため、2 つに分けてください。まず依存関係だけをインストールし（例：`poetry install --no-root`、`uv sync --no-install-project`、requirements ファイルを指定した `pip install -r`）、次にソースをコピーしてからプロジェクトをインストールします。".to_string(),
            (Some(Obstacle::SharedRun { command }), Lang::En) => format!(" The same RUN also runs `{command}`, which may need the sources: put the install in a RUN of its own."),
            (Some(Obstacle::SharedRun { command }), Lang::Ko) => format!(" 같은 RUN에서 소스가 필요할 수 있는 `{command}`도 실행하므로, 설치는 별도의 RUN으로 분리하세요."),
            (Some(Obstacle::SharedRun { command }), Lang::Ja) => format!("同じ RUN で、ソースを必要とする可能性のある `{command}` も実行しているため、インストールは独立した RUN に分けてください。"),
            (Some(Obstacle::OutputDir { dir }), Lang::En) => format!(" Add `{dir}` to .dockerignore first: otherwise the copy, once moved after the install, would overwrite the `{dir}` folder the install wrote."),
            (Some(Obstacle::OutputDir { dir }), Lang::Ko) => format!(" 먼저 .dockerignore에 `{dir}` 항목을 추가하세요. 그러지 않으면 설치 뒤로 옮긴 복사 단계가 설치 과정에서 만들어진 `{dir}` 폴더를 덮어씁니다."),
            (Some(Obstacle::OutputDir { dir }), Lang::Ja) => format!("先に .dockerignore に `{dir}` を追加してください。追加しないと、インストールの後に移動したコピーが、インストールで作成された `{dir}` フォルダーを上書きしてしまいます。"),
            (Some(Obstacle::InBetween { line }), Lang::En) => format!(" The step on line {line}, between the two, may need the copied files, so move the copy by hand."),
            (Some(Obstacle::InBetween { line }), Lang::Ko) => format!(" 둘 사이에 있는 {line}행의 단계가 복사된 파일을 사용할 수도 있으므로 복사 단계는 직접 옮기세요."),
            (Some(Obstacle::InBetween { line }), Lang::Ja) => format!("間にある {line}行目のステップがコピーされたファイルを使う可能性があるため、コピーは手動で移動してください。"),
            (Some(Obstacle::UnusualCopy), Lang::En) => " The copy uses variables or options that an automatic move could change, so move it by hand.".to_string(),
            (Some(Obstacle::UnusualCopy), Lang::Ko) => " 이 복사 단계에는 자동으로 옮기면 의미가 달라질 수 있는 변수나 옵션이 있으므로 직접 옮기세요.".to_string(),
            (Some(Obstacle::UnusualCopy), Lang::Ja) => "このコピーには、自動で移動すると意味が変わりうる変数やオプションが含まれているため、手動で移動してください。".to_string(),
            (Some(Obstacle::FetchAndBuild { command }), lang) => fetch_advice(self.ecosystem, command, lang),
        };
        main + &extra
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        let m = list(&self.manifests, lang);
        if let (Some(Obstacle::FetchAndBuild { .. }), Some(fetch)) =
            (&self.obstacle, fetch_command(self.ecosystem))
        {
            return match lang {
                Lang::En => format!("Copy {m} and run `{fetch}` before `{}`", self.copy.text),
                Lang::Ko => format!(
                    "`{}` 앞에서 {m} 파일을 복사하고 `{fetch}` 실행하기",
                    self.copy.text
                ),
                Lang::Ja => format!(
                    "`{}` の前に {m} をコピーして `{fetch}` を実行する",
                    self.copy.text
                ),
            };
        }
        match lang {
            Lang::En => format!(
                "Copy {m} first and move `{}` after the install",
                self.copy.text
            ),
            Lang::Ko => format!(
                "{m}부터 복사하고 `{}` 명령을 설치 뒤로 옮기기",
                self.copy.text
            ),
            Lang::Ja => format!(
                "{m} を先にコピーし、`{}` をインストールの後に移動する",
                self.copy.text
            ),
        }
    }
}

/// How each ecosystem fetches its dependencies on their own, before the sources arrive.
fn fetch_advice(eco: Ecosystem, command: &str, lang: Lang) -> String {
    let split = match (eco, lang) {
        (Ecosystem::Cargo, Lang::En) => "build the dependencies alone first: with cargo-chef (`cargo chef prepare` in a planner stage, then `cargo chef cook --release --recipe-path recipe.json` after copying only `recipe.json`), or with a placeholder `src/main.rs` built once after copying `Cargo.toml` and `Cargo.lock`; then copy the sources and build",
        (Ecosystem::Cargo, Lang::Ko) => "먼저 의존성만 빌드하세요. cargo-chef를 쓰는 방법(플래너 스테이지에서 `cargo chef prepare`를 실행하고, `recipe.json`만 복사한 뒤 `cargo chef cook --release --recipe-path recipe.json` 실행)도 있고, `Cargo.toml`과 `Cargo.lock`을 복사한 뒤 임시 `src/main.rs`로 한 번 빌드하는 방법도 있습니다. 그런 다음 소스를 복사해 빌드하세요",
        (Ecosystem::Cargo, Lang::Ja) => "まず依存関係だけをビルドしてください。方法は二つあります。cargo-chef を使う方法（プランナーステージで `cargo chef prepare` を実行し、`recipe.json` だけをコピーしてから `cargo chef cook --release --recipe-path recipe.json` を実行する）と、`Cargo.toml` と `Cargo.lock` をコピーしたあと、仮の `src/main.rs` で一度ビルドする方法です。そのあとでソースをコピーしてビルドします",
        (Ecosystem::Maven, Lang::En) => "copy `pom.xml`, run `mvn dependency:go-offline`, then copy the sources and package",
        (Ecosystem::Maven, Lang::Ko) => "`pom.xml`을 복사해 `mvn dependency:go-offline`을 실행한 다음 소스를 복사해 패키징하세요",
        (Ecosystem::Maven, Lang::Ja) => "`pom.xml` をコピーして `mvn dependency:go-offline` を実行してから、ソースをコピーしてパッケージングしてください",
        (Ecosystem::Gradle, Lang::En) => "copy the build scripts (`settings.gradle*`, `build.gradle*`, `gradle/`), run `gradle dependencies`, then copy the sources and build",
        (Ecosystem::Gradle, Lang::Ko) => "빌드 스크립트(`settings.gradle*`, `build.gradle*`, `gradle/`)를 복사해 `gradle dependencies`를 실행한 다음 소스를 복사해 빌드하세요",
        (Ecosystem::Gradle, Lang::Ja) => "ビルドスクリプト（`settings.gradle*`、`build.gradle*`、`gradle/`）をコピーして `gradle dependencies` を実行してから、ソースをコピーしてビルドしてください",
        (Ecosystem::Go, Lang::En) => "copy `go.mod` and `go.sum`, run `go mod download` in a RUN of its own, then copy the sources and build",
        (Ecosystem::Go, Lang::Ko) => "`go.mod`와 `go.sum`을 복사해 별도의 RUN에서 `go mod download`를 실행한 다음 소스를 복사해 빌드하세요",
        (Ecosystem::Go, Lang::Ja) => "`go.mod` と `go.sum` をコピーし、独立した RUN で `go mod download` を実行してから、ソースをコピーしてビルドしてください",
        (Ecosystem::Dotnet, Lang::En) => "copy the project files (`*.csproj`, and the `.sln` if you build one), run `dotnet restore`, then copy the sources and run `dotnet publish --no-restore`",
        (Ecosystem::Dotnet, Lang::Ko) => "프로젝트 파일(`*.csproj`, 솔루션을 빌드한다면 `.sln`도)을 복사해 `dotnet restore`를 실행한 다음 소스를 복사해 `dotnet publish --no-restore`를 실행하세요",
        (Ecosystem::Dotnet, Lang::Ja) => "プロジェクトファイル（`*.csproj`、ソリューションをビルドするなら `.sln` も）をコピーして `dotnet restore` を実行してから、ソースをコピーして `dotnet publish --no-restore` を実行してください",
        (_, Lang::En) => "fetch the dependencies in a step of their own before copying the sources",
        (_, Lang::Ko) => "소스를 복사하기 전에 의존성을 내려받는 단계를 따로 두세요",
        (_, Lang::Ja) => "ソースをコピーする前に、依存関係だけを取得するステップを別に設けてください",
    };
    match lang {
        Lang::En => format!(" `{command}` fetches the dependencies and builds your code in one step, so split it: {split}."),
        Lang::Ko => format!(" `{command}` 명령은 의존성 다운로드와 코드 빌드를 한 단계에서 처리하므로 두 단계로 나눠야 합니다. {split}."),
        Lang::Ja => format!("`{command}` は依存関係の取得とコードのビルドを 1 つのステップで行っているので、ステップを分けてください。{split}。"),
    }
}

/// The step that fetches an ecosystem's dependencies alone, where one command is enough and
/// safe to add before the sources: the fix inserts it, with the manifests it reads.
fn fetch_command(eco: Ecosystem) -> Option<&'static str> {
    match eco {
        Ecosystem::Go => Some("go mod download"),
        Ecosystem::Maven => Some("mvn -B dependency:go-offline"),
        _ => None,
    }
}

/// Names of manifest and lock files, and of typical source files, used to
/// tell a manifest-only copy (`COPY package*.json ./`) from a broad one.
const MANIFEST_NAMES: &[&str] = &[
    "requirements.txt",
    "requirements-dev.txt",
    "requirements.in",
    "constraints.txt",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "poetry.lock",
    "uv.lock",
    "Pipfile",
    "Pipfile.lock",
    "environment.yml",
    "environment.yaml",
    "conda-lock.yml",
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    ".yarnrc.yml",
    ".npmrc",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "go.mod",
    "go.sum",
    "Cargo.toml",
    "Cargo.lock",
    "Gemfile",
    "Gemfile.lock",
    "composer.json",
    "composer.lock",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
    "gradle.properties",
    "App.csproj",
    "App.fsproj",
    "App.sln",
    "NuGet.config",
    "nuget.config",
    "Directory.Build.props",
    "Directory.Packages.props",
    "global.json",
    ".python-version",
    "recipe.json",
];

const SOURCE_SAMPLES: &[&str] = &[
    "main.py",
    "app.py",
    "index.js",
    "server.js",
    "main.go",
    "main.rs",
    "app.rb",
    "index.php",
    "App.java",
    "Program.cs",
    "main.ts",
    "README.md",
];

fn wild(pattern: &str, name: &str) -> bool {
    if pattern.contains(['*', '?', '[']) {
        Glob::compile(pattern, false).is_some_and(|g| g.matches(name))
    } else {
        pattern == name
    }
}

/// A copy source that names only manifest or lock files.
pub(crate) fn is_manifest_source(source: &str) -> bool {
    let name = source
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(source);
    if name.is_empty() || name == "." {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let requirements_like = !name.contains(['*', '?', '['])
        && lower.ends_with(".txt")
        && (lower.contains("requirements") || lower.contains("constraints"));
    if requirements_like
        || lower.ends_with(".csproj")
        || lower.ends_with(".fsproj")
        || lower.ends_with(".sln")
        || lower.ends_with(".lock")
    {
        return true;
    }
    MANIFEST_NAMES.iter().any(|m| wild(name, m)) && !SOURCE_SAMPLES.iter().any(|s| wild(name, s))
}

/// A COPY/ADD from the build context (not `--from`, not only heredocs or URLs).
pub(crate) fn context_sources(ctx: &Ctx, index: usize) -> Option<Vec<String>> {
    let ins = ctx.instr(index);
    if !matches!(ins.keyword, Keyword::Copy | Keyword::Add) || ins.flag("from").is_some() {
        return None;
    }
    let words = ins.arguments.words();
    let (_, sources) = words.split_last()?;
    let sources: Vec<String> = sources
        .iter()
        .filter(|w| !w.value.starts_with("<<"))
        .map(|w| crate::shell::unquote(&w.value, ctx.df.escape))
        .filter(|s| !crate::rebuild::is_remote(s))
        .collect();
    if sources.is_empty() {
        None
    } else {
        Some(sources)
    }
}

/// Context-relative form of a copy source: `./app/` → `app`, `.` → ``.
pub(super) fn ctx_path(source: &str) -> String {
    let c = clean_path(source);
    let c = c.trim_start_matches('/');
    if c == "." {
        String::new()
    } else {
        c.to_string()
    }
}

pub(super) fn is_dir_source(ctx: &Ctx, source: &str) -> bool {
    let p = ctx_path(source);
    if p.is_empty() || source.ends_with('/') {
        return true;
    }
    if p.contains(['*', '?', '[']) {
        return false;
    }
    if ctx.has_context && !ctx.context.paths.is_empty() {
        let prefix = format!("{p}/");
        return ctx.context.paths.iter().any(|f| f.starts_with(&prefix));
    }
    let name = p.rsplit('/').next().unwrap_or(&p);
    !name.contains('.')
        && !matches!(
            name,
            "Makefile" | "Dockerfile" | "LICENSE" | "README" | "Procfile" | "Gemfile" | "Pipfile"
        )
}

fn excluded(ctx: &Ctx, path: &str) -> bool {
    ctx.context
        .dockerignore
        .as_ref()
        .is_some_and(|ig| ig.is_excluded(path))
}

/// A source file the copy brings in whose edit we simulate.
/// `use_context`: pick a real file of the build context (false when the context lacks the
/// install's own files: it is then no evidence of what else the project has).
fn sample_for(ctx: &Ctx, sources: &[String], eco: Ecosystem, use_context: bool) -> Option<String> {
    let source_like = |p: &str| {
        let ext = p.rsplit('.').next().unwrap_or("");
        matches!(
            ext,
            "py" | "js"
                | "ts"
                | "go"
                | "rs"
                | "rb"
                | "php"
                | "java"
                | "kt"
                | "cs"
                | "fs"
                | "jsx"
                | "tsx"
                | "vue"
        )
    };
    if use_context && ctx.has_context && !ctx.context.paths.is_empty() {
        // A package's `__init__.py` is usually empty and seldom edited: name it only when
        // no other source file is copied.
        let mut marker = None;
        let mut fallback = None;
        for source in sources {
            let s = ctx_path(source);
            let matcher =
                crate::dockerignore::Dockerignore::parse(if s.is_empty() { "*" } else { &s });
            for p in &ctx.context.paths {
                let p = ctx_path(p);
                let covered = s.is_empty()
                    || p == s
                    || p.starts_with(&format!("{s}/"))
                    || matcher.is_excluded(&p);
                let name = p.rsplit('/').next().unwrap_or(&p);
                if !covered
                    || excluded(ctx, &p)
                    || is_manifest_source(name)
                    || name == "Dockerfile"
                    || name.starts_with(".")
                {
                    continue;
                }
                if source_like(&p) {
                    if name != "__init__.py" {
                        return Some(p);
                    }
                    marker.get_or_insert(p);
                    continue;
                }
                fallback.get_or_insert(p);
            }
        }
        return marker.or(fallback);
    }
    for source in sources {
        let s = ctx_path(source);
        if is_manifest_source(&s) {
            continue;
        }
        if is_dir_source(ctx, source) {
            for sample in eco.sample_sources() {
                let p = if s.is_empty() {
                    sample.to_string()
                } else {
                    format!("{s}/{sample}")
                };
                if !excluded(ctx, &p) {
                    return Some(p);
                }
            }
        } else if s.contains(['*', '?', '[']) {
            let hit = eco
                .sample_sources()
                .iter()
                .find(|x| !x.contains('/') && wild(&s, x));
            if let Some(x) = hit {
                return Some(x.to_string());
            }
        } else if !excluded(ctx, &s) {
            return Some(s);
        }
    }
    None
}

/// The absolute destination directory of a copy (for a single file source
/// without a trailing `/`, the destination is the file itself).
pub(super) fn dest_dir(
    ctx: &Ctx,
    stage: usize,
    index: usize,
    sources: &[String],
) -> Option<(String, bool)> {
    let ins = ctx.instr(index);
    let dest = crate::shell::unquote(&ins.arguments.words().last()?.value, ctx.df.escape);
    let workdir = ctx.workdir_at(stage, index);
    let as_dir =
        dest.ends_with('/') || sources.len() > 1 || sources.iter().any(|s| is_dir_source(ctx, s));
    Some((join_path(&workdir, &dest), as_dir))
}

fn image_path_of_manifest(cwd: &str, m: &str) -> String {
    join_path(cwd, m)
}

/// Where in the context an image path comes from, through a copy.
pub(super) fn through_copy(
    ctx: &Ctx,
    sources: &[String],
    dest: &str,
    dest_is_dir: bool,
    image_path: &str,
) -> Option<String> {
    for source in sources {
        let s = ctx_path(source);
        if is_dir_source(ctx, source) {
            let rel = if dest == "/" {
                image_path.strip_prefix('/')
            } else {
                image_path.strip_prefix(&format!("{dest}/"))
            };
            if let Some(rel) = rel {
                return Some(if s.is_empty() {
                    rel.to_string()
                } else {
                    format!("{s}/{rel}")
                });
            }
        } else {
            let name = s.rsplit('/').next().unwrap_or(&s);
            let target = if dest_is_dir {
                join_path(dest, name)
            } else {
                dest.to_string()
            };
            let image_name = image_path.rsplit('/').next().unwrap_or("");
            if target == image_path
                || (s.contains('*')
                    && dest_is_dir
                    && wild(name, image_name)
                    && join_path(dest, image_name) == image_path)
            {
                return Some(if s.contains('*') {
                    let dir = s
                        .rsplit_once('/')
                        .map(|(d, _)| format!("{d}/"))
                        .unwrap_or_default();
                    format!("{dir}{image_name}")
                } else {
                    s
                });
            }
        }
    }
    None
}

/// The installs of a RUN, with the directory each runs in, and the first
/// command that is neither an install nor neutral.
pub(super) fn installs_in(ctx: &Ctx, stage: usize, index: usize) -> (Vec<Install>, Option<String>) {
    // Most RUN steps install nothing: skip the working directory, which walks the stage up to
    // here (on a 20,000-line file that walk, once per RUN, made this rule quadratic).
    if !ctx.commands(index).iter().any(|c| install_of(c).is_some()) {
        return (Vec::new(), None);
    }
    let mut cwd = ctx.workdir_at(stage, index);
    let mut installs = Vec::new();
    let mut other = None;
    for c in ctx.commands(index) {
        if c.program() == "cd" {
            if let Some(d) = c.words.get(1) {
                cwd = join_path(&cwd, d);
            }
            continue;
        }
        if let Some(mut i) = install_of(c) {
            i.cd = Some(cwd.clone());
            installs.push(i);
        } else if !is_neutral(c) && other.is_none() {
            other = Some(c.words.join(" "));
        }
    }
    (installs, other)
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        for k in body.clone() {
            if ctx.instr(k).keyword != Keyword::Run {
                continue;
            }
            let (installs, other) = installs_in(ctx, stage, k);
            let Some(first) = installs.first() else {
                continue;
            };
            // Image paths of the files the installs read.
            let wanted: Vec<String> = installs
                .iter()
                .flat_map(|i| {
                    let cwd = i.cd.clone().unwrap_or_else(|| "/".into());
                    i.manifests.iter().map(move |m| join_path(&cwd, m))
                })
                .collect();
            // The closest broad copy before the install.
            let Some((j, sources)) = (body.start..k).rev().find_map(|j| {
                let s = context_sources(ctx, j)?;
                let (dest, dest_is_dir) = dest_dir(ctx, stage, j, &s)?;
                let manifest_only = s.iter().all(|x| {
                    if is_manifest_source(x) {
                        return true;
                    }
                    if is_dir_source(ctx, x) {
                        return false;
                    }
                    let c = ctx_path(x);
                    let name = c.rsplit('/').next().unwrap_or(&c);
                    let target = if dest_is_dir {
                        join_path(&dest, name)
                    } else {
                        dest.clone()
                    };
                    wanted.iter().any(|w| wild(w, &target) || *w == target)
                });
                if manifest_only {
                    None
                } else {
                    Some((j, s))
                }
            }) else {
                continue;
            };
            // The documented two-step pattern: the dependencies were already installed from the
            // manifests before the copy (`uv sync --no-install-project`, `poetry install
            // --no-root`), so this install only adds the project, which must see its sources.
            // A build that fetches and compiles (`cargo build` over a placeholder `main.rs`)
            // before the broad copy counts as the dependencies step too.
            // A repeat of that earlier fetch (`go mod download && go build`) is a no-op.
            let earlier: Vec<Install> = (body.start..j)
                .filter(|&e| ctx.instr(e).keyword == Keyword::Run)
                .flat_map(|e| installs_in(ctx, stage, e).0)
                .filter(|p| {
                    p.ecosystem == first.ecosystem && (!p.needs_project || p.fetch_and_build)
                })
                .collect();
            let dependencies_first = !earlier.is_empty()
                && installs
                    .iter()
                    .all(|i| i.needs_project || earlier.iter().any(|p| p.manifests == i.manifests));
            if dependencies_first {
                continue;
            }
            // `COPY . .`, `RUN go mod download`, `RUN go build`: the download has the finding;
            // the build after it is the same mistake, said once.
            let said = installs.iter().all(|i| i.fetch_and_build)
                && (j + 1..k).any(|e| {
                    ctx.instr(e).keyword == Keyword::Run
                        && installs_in(ctx, stage, e)
                            .0
                            .iter()
                            .any(|p| p.ecosystem == first.ecosystem)
                });
            if said {
                continue;
            }
            // A context without the install's own files (no requirements.txt) says nothing
            // about the rest of the project: reason as without one (SS016 says what is missing).
            let manifests_present = !ctx.has_context
                || ctx.context.paths.is_empty()
                || dest_dir(ctx, stage, j, &sources).is_none_or(|(dest, is_dir)| {
                    installs.iter().all(|i| {
                        let cwd = i.cd.clone().unwrap_or_else(|| "/".into());
                        i.manifests
                            .iter()
                            .filter(|m| !m.contains(['*', '?', '[', '$']))
                            .all(|m| {
                                let image = join_path(&cwd, m);
                                through_copy(ctx, &sources, &dest, is_dir, &image).is_none_or(|p| {
                                    let prefix = format!("{p}/");
                                    ctx.context.paths.iter().any(|f| {
                                        let f = ctx_path(f);
                                        f == p || f.starts_with(&prefix)
                                    })
                                })
                            })
                    })
                });
            let Some(sample) = sample_for(ctx, &sources, first.ecosystem, manifests_present) else {
                continue;
            };
            // The rebuild model decides: does editing the sample rerun the install?
            let changes = Changes {
                paths: vec![sample.clone()],
                build_args: Vec::new(),
                previous: None,
            };
            let target = stage.to_string();
            let simulated = plan(ctx.df, &ctx.context, &changes, Some(&target));
            let copy_hit = simulated
                .step_for(j)
                .is_some_and(|s| matches!(s.reason, Reason::FilesChanged { .. }));
            let install_rebuilt = simulated
                .step_for(k)
                .is_some_and(|s| s.status == StepStatus::Rebuilt);
            if !(copy_hit && install_rebuilt) {
                continue;
            }
            out.push(build(ctx, stage, j, k, &sources, &installs, other, sample));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    ctx: &Ctx,
    stage: usize,
    j: usize,
    k: usize,
    sources: &[String],
    installs: &[Install],
    other: Option<String>,
    sample: String,
) -> Finding {
    let copy = ctx.instr(j);
    let eco = installs[0].ecosystem;
    let (dest, dest_is_dir) = dest_dir(ctx, stage, j, sources).unwrap_or(("/".into(), true));
    let copy_workdir = ctx.workdir_at(stage, j);

    // Image paths provided by earlier manifest-only copies.
    let mut provided: Vec<String> = Vec::new();
    for e in ctx.body(stage).start..j {
        if let Some(srcs) = context_sources(ctx, e) {
            if let Some((d, is_dir)) = dest_dir(ctx, stage, e, &srcs) {
                for s in &srcs {
                    let name = ctx_path(s);
                    let name = name.rsplit('/').next().unwrap_or("");
                    provided.push(if is_dir {
                        join_path(&d, name)
                    } else {
                        d.clone()
                    });
                }
            }
        }
    }

    // (context path, image directory) of each manifest to copy first.
    let mut to_copy: Vec<(String, String)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut needs_project = false;
    for inst in installs {
        needs_project |= inst.needs_project;
        let cwd = inst.cd.clone().unwrap_or_else(|| "/".into());
        for m in &inst.manifests {
            let optional = m.ends_with('*') && !m.trim_end_matches('*').contains('*');
            let image = image_path_of_manifest(&cwd, m);
            if provided.iter().any(|p| wild(&image, p) || *p == image) {
                continue;
            }
            let Some(mut c) = through_copy(ctx, sources, &dest, dest_is_dir, &image) else {
                continue;
            };
            if ctx.has_context && !ctx.context.paths.is_empty() {
                let want = c.trim_end_matches('*').to_string();
                let exists = |p: &str| ctx.context.paths.iter().any(|f| ctx_path(f) == p);
                if c.contains(['*', '?']) && !optional {
                    // keep globs such as `*.csproj` or `package*.json`
                } else if exists(&want) {
                    c = want;
                } else if optional {
                    continue;
                }
            }
            let image_dir = image
                .rsplit_once('/')
                .map(|(d, _)| d.to_string())
                .unwrap_or_default();
            let image_dir = if image_dir.is_empty() {
                "/".into()
            } else {
                image_dir
            };
            if !to_copy.iter().any(|(x, _)| *x == c) {
                names.push(c.clone());
                to_copy.push((c, image_dir));
            }
        }
    }
    if names.is_empty() {
        names = installs[0].manifests.clone();
    }

    // The command that fetches and builds in one, if that is the install.
    let fetch_and_build = ctx.commands(k).iter().find_map(|c| {
        install_of(c)
            .filter(|i| i.fetch_and_build)
            .map(|_| short(&c.words.join(" "), 40))
    });
    // Can the copy move safely?
    let obstacle = if let Some(command) = fetch_and_build.clone() {
        Some(Obstacle::FetchAndBuild { command })
    } else if needs_project {
        Some(Obstacle::InstallsProject)
    } else if let Some(command) = other {
        Some(Obstacle::SharedRun { command })
    } else if copy.keyword == Keyword::Add
        || copy
            .flags
            .iter()
            .any(|f| !matches!(f.name.as_str(), "chown" | "chmod" | "link"))
        || copy.logical_line.contains('$')
        || !copy.heredocs.is_empty()
    {
        Some(Obstacle::UnusualCopy)
    } else if let Some(line) = (j + 1..k).find_map(|e| {
        let ins = ctx.instr(e);
        let ok = match ins.keyword {
            Keyword::Env | Keyword::Arg | Keyword::Label | Keyword::Expose => true,
            Keyword::Copy => {
                context_sources(ctx, e).is_some_and(|s| s.iter().all(|x| is_manifest_source(x)))
            }
            Keyword::Run => {
                let cmds = ctx.commands(e);
                !cmds.is_empty() && cmds.iter().all(is_neutral)
            }
            _ => false,
        };
        if ok {
            None
        } else {
            Some(ins.span.start_pos.line)
        }
    }) {
        Some(Obstacle::InBetween { line })
    } else if let Some(dir) = installs.iter().find_map(|i| i.ecosystem.output_dir()) {
        let sample_dir = sources
            .iter()
            .find(|s| is_dir_source(ctx, s))
            .map(|s| ctx_path(s))
            .map(|s| {
                if s.is_empty() {
                    dir.to_string()
                } else {
                    format!("{s}/{dir}")
                }
            });
        let kept_out = ctx.has_context
            && match &sample_dir {
                Some(p) => excluded(ctx, p) && excluded(ctx, &format!("{p}/x")),
                None => true,
            };
        if kept_out {
            None
        } else {
            Some(Obstacle::OutputDir {
                dir: dir.to_string(),
            })
        }
    } else {
        None
    };

    // The COPY lines that bring in only the manifests, where the broad copy is.
    let indent = indent_of(ctx, j);
    let manifest_copies = || {
        let flags: Vec<&str> = copy.flags.iter().map(|f| f.span.text(ctx.src)).collect();
        let flag_text = if flags.is_empty() {
            String::new()
        } else {
            format!("{} ", flags.join(" "))
        };
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for (c, dir) in &to_copy {
            match groups.iter_mut().find(|(d, _)| d == dir) {
                Some((_, v)) => v.push(c.clone()),
                None => groups.push((dir.clone(), vec![c.clone()])),
            }
        }
        let mut lines = String::new();
        for (dir, files) in &groups {
            let dest_text = if *dir == copy_workdir {
                "./".to_string()
            } else if dir == "/" {
                "/".to_string()
            } else {
                format!("{dir}/")
            };
            lines.push_str(&format!(
                "{indent}{} {flag_text}{} {dest_text}\n",
                copy.keyword_text,
                files
                    .iter()
                    .map(|f| quote_path(f))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        lines
    };
    let fix = if obstacle.is_none() {
        let replacement = manifest_copies();
        let moved = ctx.lines_text(j);
        let after = ctx.line_range(k).end;
        let moved = if after == ctx.src.len() && !ctx.src.ends_with('\n') {
            format!("\n{}", moved.trim_end_matches('\n'))
        } else {
            moved
        };
        Some(Fix {
            title: String::new(),
            edits: vec![
                TextEdit {
                    range: ctx.line_range(j),
                    replacement,
                },
                insert(after, moved),
            ],
        })
    } else if fetch_and_build.is_some() {
        // Add the ecosystem's fetch step before the broad copy; the build stays as it is and
        // finds the dependencies already there. Only where one command fetches them from the
        // manifests alone, in the directory the build runs in.
        let cwd = installs[0].cd.clone().unwrap_or_else(|| "/".into());
        let same_dir = !to_copy.is_empty()
            && copy_workdir == cwd
            && to_copy.iter().all(|(_, dir)| *dir == cwd)
            && installs.iter().all(|i| i.ecosystem == eco);
        let wrapper = ctx
            .commands(k)
            .iter()
            .any(|c| matches!(c.program(), "mvnw" | "gradlew"));
        // A multi-module Maven build needs every module's pom.xml to resolve.
        let modules = eco == Ecosystem::Maven
            && (!ctx.has_context
                || ctx.context.paths.iter().any(|p| {
                    let p = ctx_path(p);
                    p.ends_with("/pom.xml")
                }));
        let simple_copy = copy.keyword == Keyword::Copy
            && copy
                .flags
                .iter()
                .all(|f| matches!(f.name.as_str(), "chown" | "chmod" | "link"))
            && !copy.logical_line.contains('$');
        match fetch_command(eco) {
            Some(fetch) if same_dir && !wrapper && !modules && simple_copy => Some(Fix {
                title: String::new(),
                edits: vec![insert(
                    ctx.line_range(j).start,
                    format!("{}{indent}RUN {fetch}\n", manifest_copies()),
                )],
            }),
            _ => None,
        }
    } else {
        None
    };

    let details = Details {
        copy: ctx.step(j),
        install: ctx.step(k),
        ecosystem: eco,
        manifests: names,
        sample,
        obstacle,
    };
    let fix = fix.map(|mut f| {
        f.title = details.fix_title(Lang::En);
        f
    });
    finding(
        RuleId::SS001,
        copy.span,
        vec![ctx.instr(k).span],
        Message::SS001(details),
        fix,
    )
}

/// At most `max` characters, with `...` when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(3)).collect();
    format!("{}...", cut.trim_end())
}

fn quote_path(p: &str) -> String {
    if p.contains([' ', '\t']) {
        format!("\"{p}\"")
    } else {
        p.to_string()
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(Details::fix_title(self, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{lint_source, LintOptions};
    use super::*;
    use crate::rebuild::BuildContext;
    use crate::Dockerignore;

    const BAD: &str = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN pip install --no-cache-dir --upgrade -r requirements.txt\nCMD [\"fastapi\", \"run\", \"app/main.py\"]\n";

    #[test]
    fn fires_on_the_guides_bad_order_and_names_lines_and_files() {
        let f = first(RuleId::SS001, BAD);
        assert_eq!(f.span.start_pos.line, 3);
        assert_eq!(f.related[0].start_pos.line, 4);
        let text = super::super::message_text(&f.message, Lang::En);
        assert!(text.contains("line 3") && text.contains("line 4"), "{text}");
        assert!(
            text.contains("`app/main.py`") && text.contains("`requirements.txt`"),
            "{text}"
        );
        all_langs_mention(&f, "requirements.txt");
    }

    #[test]
    fn fix_copies_the_requirements_first_and_moves_the_copy() {
        let out = fixed(RuleId::SS001, BAD);
        assert_eq!(
            out,
            "FROM python:3.13-slim\nWORKDIR /code\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir --upgrade -r requirements.txt\nCOPY . .\nCMD [\"fastapi\", \"run\", \"app/main.py\"]\n"
        );
    }

    #[test]
    fn absolute_destinations_and_subdirectories_map_back_to_the_context() {
        let src = "FROM python:3.12\nCOPY ./ /srv/\nRUN pip install -r /srv/reqs/base.txt\n";
        let out = fixed(RuleId::SS001, src);
        assert!(
            out.contains("COPY reqs/base.txt /srv/reqs/\nRUN pip"),
            "{out}"
        );
        assert!(out.ends_with("base.txt\nCOPY ./ /srv/\n"), "{out}");
    }

    #[test]
    fn a_project_install_after_a_dependencies_only_install_is_quiet() {
        // uv's and Poetry's documented Docker patterns install the project last, on purpose.
        for (deps, project) in [
            ("uv sync --frozen --no-install-project", "uv sync --frozen"),
            ("poetry install --no-root", "poetry install"),
        ] {
            let src = format!(
                "FROM python:3.13-slim\nWORKDIR /code\nCOPY pyproject.toml uv.lock poetry.lock /code/\nRUN {deps}\nCOPY ./app /code/app\nRUN {project}\n"
            );
            let findings = lint_source(&src, &LintOptions::default());
            assert!(
                !findings.iter().any(|f| f.rule == RuleId::SS001),
                "{src}: {findings:?}"
            );
        }
        // Without the first step, the same project install is the mistake SS001 is about.
        let src = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nRUN uv sync --frozen\n";
        assert!(lint_source(src, &LintOptions::default())
            .iter()
            .any(|f| f.rule == RuleId::SS001));
    }

    #[test]
    fn the_good_order_is_quiet() {
        assert!(!fires(RuleId::SS001, "FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install -r /code/requirements.txt\nCOPY ./app /code/app\n"));
        assert!(!fires(RuleId::SS001, "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n"));
        // Named packages need no manifest.
        assert!(!fires(
            RuleId::SS001,
            "FROM python:3.12\nCOPY . .\nRUN pip install fastapi\n"
        ));
    }

    #[test]
    fn ecosystems_are_recognised() {
        for (install, manifest) in [
            ("npm ci", "package*.json"),
            ("yarn install --frozen-lockfile", "yarn.lock*"),
            ("pnpm install --frozen-lockfile", "pnpm-lock.yaml*"),
            ("go mod download", "go.mod"),
            ("bundle install", "Gemfile"),
            ("composer install --no-scripts", "composer.json"),
            ("mvn -B dependency:go-offline", "pom.xml"),
            ("gradle dependencies", "build.gradle*"),
            ("dotnet restore", "*.csproj"),
            ("pipenv install --deploy --system", "Pipfile"),
            ("conda env create -f environment.yml", "environment.yml"),
            ("poetry install --no-root", "poetry.lock*"),
            ("uv sync --frozen --no-install-project", "uv.lock"),
            ("cargo fetch", "Cargo.toml"),
        ] {
            let src = format!("FROM x:1\nWORKDIR /app\nCOPY . .\nRUN {install}\n");
            let f = first(RuleId::SS001, &src);
            let Message::SS001(d) = &f.message else {
                unreachable!()
            };
            assert!(
                d.manifests.contains(&manifest.to_string()),
                "{install}: {:?}",
                d.manifests
            );
        }
    }

    #[test]
    fn one_command_that_fetches_and_builds_is_split_per_ecosystem() {
        for (build, advice) in [
            ("cargo build --release --locked", "cargo chef cook"),
            ("mvn -B package -DskipTests", "mvn dependency:go-offline"),
            ("./gradlew bootJar --no-daemon", "gradle dependencies"),
            ("go build -o /bin/api ./cmd/api", "go mod download"),
            ("dotnet publish -c Release -o /out", "dotnet restore"),
        ] {
            let src = format!("FROM x:1\nWORKDIR /src\nCOPY . .\nRUN {build}\n");
            let f = first(RuleId::SS001, &src);
            let Message::SS001(d) = &f.message else {
                unreachable!()
            };
            assert!(
                matches!(&d.obstacle, Some(Obstacle::FetchAndBuild { command }) if build.contains(command.as_str())),
                "{build}: {:?}",
                d.obstacle
            );
            let text = super::super::message_text(&f.message, Lang::En);
            assert!(text.contains(advice), "{build}: {text}");
            all_langs_mention(&f, advice);
        }
    }

    #[test]
    fn go_gets_its_download_step_before_the_copy() {
        let src = "FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/api ./cmd/api\n";
        assert_eq!(
            fixed(RuleId::SS001, src),
            "FROM golang:1.24 AS build\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/api ./cmd/api\n"
        );
        // Fixed, it is quiet: the download comes first.
        assert!(!fires(RuleId::SS001, &fixed(RuleId::SS001, src)));
        // Also when the download and the build share the RUN after the copy.
        let src =
            "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build ./...\n";
        let out = fixed(RuleId::SS001, src);
        assert!(
            out.contains("COPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\n"),
            "{out}"
        );
        // A build vendored with -mod=vendor fetches nothing.
        assert!(!fires(
            RuleId::SS001,
            "FROM golang:1.24\nCOPY . .\nRUN go build -mod=vendor ./...\n"
        ));
    }

    #[test]
    fn the_documented_splits_are_quiet() {
        for src in [
            // cargo-chef.
            "FROM rust:1.88 AS build\nWORKDIR /app\nCOPY recipe.json .\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n",
            // A placeholder main.rs.
            "FROM rust:1.88 AS build\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\nRUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release\nCOPY src ./src\nRUN touch src/main.rs && cargo build --release\n",
            "FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\nRUN mvn -B package\n",
            "FROM golang:1.24\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...\n",
            "FROM mcr.microsoft.com/dotnet/sdk:9.0\nWORKDIR /src\nCOPY App.csproj .\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish --no-restore -o /out\n",
        ] {
            assert!(!fires(RuleId::SS001, src), "{src}");
        }
    }

    #[test]
    fn a_context_without_the_manifest_still_shows_the_order_problem() {
        // A context with only the Dockerfile: no requirements.txt, and no other file to imagine
        // an edit to. SS001 reasons as without a context; SS016 says the file is missing.
        let options = LintOptions {
            context: Some(BuildContext {
                paths: vec!["Dockerfile".into()],
                dockerignore: None,
            }),
            ..LintOptions::default()
        };
        let found = lint_source(BAD, &options);
        let rules: Vec<RuleId> = found.iter().map(|f| f.rule).collect();
        assert!(rules.contains(&RuleId::SS001), "{rules:?}");
        assert!(rules.contains(&RuleId::SS016), "{rules:?}");
    }

    #[test]
    fn no_fix_where_moving_would_change_the_build() {
        // The install builds the project too.
        let f = first(
            RuleId::SS001,
            "FROM python:3.12\nCOPY . .\nRUN pip install .\n",
        );
        assert!(f.fix.is_none());
        assert!(
            matches!(&f.message, Message::SS001(d) if d.obstacle == Some(Obstacle::InstallsProject))
        );
        // The RUN also builds.
        let f = first(
            RuleId::SS001,
            "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n",
        );
        assert!(
            matches!(&f.message, Message::SS001(d) if matches!(d.obstacle, Some(Obstacle::SharedRun { .. })))
        );
        // node_modules would be overwritten, context unknown.
        let f = first(
            RuleId::SS001,
            "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
        );
        assert!(
            matches!(&f.message, Message::SS001(d) if d.obstacle == Some(Obstacle::OutputDir { dir: "node_modules".into() }))
        );
        // A RUN in between might use the sources.
        let f = first(
            RuleId::SS001,
            "FROM python:3.12\nCOPY . .\nRUN ./configure\nRUN pip install -r requirements.txt\n",
        );
        assert!(
            matches!(&f.message, Message::SS001(d) if d.obstacle == Some(Obstacle::InBetween { line: 3 }))
        );
    }

    #[test]
    fn the_sample_is_a_module_rather_than_a_package_marker() {
        let options = |paths: &[&str]| LintOptions {
            context: Some(BuildContext {
                paths: paths.iter().map(|p| p.to_string()).collect(),
                dockerignore: None,
            }),
            ..LintOptions::default()
        };
        let src =
            "FROM python:3.13\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n";
        let sample = |paths: &[&str]| {
            lint_source(src, &options(paths))
                .into_iter()
                .find_map(|f| match f.message {
                    Message::SS001(d) => Some(d.sample),
                    _ => None,
                })
        };
        assert_eq!(
            sample(&["requirements.txt", "app/__init__.py", "app/main.py"]).as_deref(),
            Some("app/main.py")
        );
        // Only a marker: it is still a source file an edit can touch.
        assert_eq!(
            sample(&["requirements.txt", "app/__init__.py"]).as_deref(),
            Some("app/__init__.py")
        );
    }

    #[test]
    fn with_a_context_the_sample_is_a_real_file_and_ignored_files_do_not_count() {
        let ctx = |ignore: &str| LintOptions {
            context: Some(BuildContext {
                paths: vec![
                    "requirements.txt".into(),
                    "src/server.py".into(),
                    "node_modules/x/i.js".into(),
                    "package.json".into(),
                ],
                dockerignore: Some(Dockerignore::parse(ignore)),
            }),
            ..LintOptions::default()
        };
        let src =
            "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n";
        let f = lint_source(src, &ctx("node_modules\n"))
            .into_iter()
            .find(|f| f.rule == RuleId::SS001)
            .unwrap();
        assert!(matches!(&f.message, Message::SS001(d) if d.sample == "src/server.py"));
        // Everything but the manifest ignored: an edit cannot reach the install.
        assert!(!lint_source(src, &ctx("src\nnode_modules\npackage.json\n"))
            .iter()
            .any(|f| f.rule == RuleId::SS001));
        // npm with node_modules kept out of the context: the fix is safe.
        let node = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
        let f = lint_source(node, &ctx("node_modules\n"))
            .into_iter()
            .find(|f| f.rule == RuleId::SS001)
            .unwrap();
        let fix = f.fix.expect("fix");
        let out = super::super::apply_fix(node, &fix);
        assert_eq!(
            out,
            "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
        );
    }
}
