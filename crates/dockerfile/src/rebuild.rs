//! The rebuild simulation: given a Dockerfile, its build context, and what
//! changed since the last build, which steps does BuildKit take from its cache
//! and which does it run again — and why.
//!
//! The model (guide section 2.4, Dockerfile reference "Impact on build caching"):
//! * Steps run top to bottom in a stage; once a step that produces a layer is
//!   rebuilt, every later step of that stage is rebuilt (its parent changed).
//! * RUN is keyed on its command and the environment it sees: every build
//!   argument in scope and every ENV value is in that environment, so a
//!   changed build argument reaches the first RUN after its ARG even without
//!   `$NAME` in the command. RUN `--mount=type=bind` keys on the mounted files.
//! * COPY/ADD key on the content of what they copy, after `.dockerignore` and
//!   `--exclude`. `ADD <url>` is checked on every build unless `--checksum`
//!   pins it; if the download is unchanged, later steps stay cached.
//! * A build argument invalidates from its first use, not its ARG line.
//! * Metadata-only instructions (LABEL, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK,
//!   VOLUME, STOPSIGNAL, ONBUILD) never invalidate later steps.
//! * Only stages the target needs are built; `FROM stage`, `COPY --from` and
//!   `RUN --mount=from=` are what "needs" means. We cannot know whether a
//!   rebuilt stage produced identical files, so a step that copies from a
//!   rebuilt stage is treated as rebuilt (BuildKit may still hit its cache).
//! * An edit to the Dockerfile itself (`Changes::previous`) is a change too:
//!   see `edits.rs` for how the two versions are matched.
//!
//! BuildKit's newer rules, checked against the Dockerfile reference
//! (`frontend/dockerfile/docs/reference.md` in moby/buildkit) and its sources:
//! * `COPY --link` / `ADD --link` (reference, "COPY --link"): the files are
//!   copied into an empty directory that becomes a layer "linked on top of your
//!   previous state", so the copy "doesn't get invalidated when commands on
//!   previous layers are changed". A linked copy stays cached when an earlier
//!   step reruns and its own sources did not change; the steps after it, which
//!   see the merged state, still rerun. A relative destination is resolved
//!   against WORKDIR, so a changed WORKDIR reruns it. `--link=false` is off
//!   (the value is a Go boolean).
//! * `--exclude` (reference, "COPY --exclude"; `dockerfile2llb/convert.go` passes
//!   the patterns as the copy's `ExcludePatterns`, matched by the same pattern
//!   matcher as `.dockerignore`): a directory pattern excludes what is in it,
//!   `**` matches any depth, `!` re-includes. Patterns are relative to each
//!   source (`ADD --exclude=*.mp3 dir3/ /3/` leaves out `dir3/x.mp3`, as in
//!   BuildKit's `frontend/dockerfile/exclude_patterns_test.go`).
//! * Mounts (`solver/llbsolver/ops/exec.go`, `ExecOp.CacheMap` and
//!   `getMountDeps`): the ExecOp's definition, mounts included, is the key, so a
//!   secret's `id` and `target` and a cache mount's `target` are part of
//!   it (an edit to them reruns the step); the contents of secret, SSH and tmpfs
//!   mounts are skipped as inputs, and a cache mount starts empty rather than
//!   from the context, so neither a changed secret nor the cache's contents
//!   invalidates. A mount's `from=` stage is an input. (`checkShouldClearCacheOpts`
//!   also drops a cache mount's explicit `id` and `sharing` from the key; the plan
//!   does not model that detail and counts an edit to them as an edit.)
//! * Proxy arguments (reference, "Predefined ARGs"; `proxyEnvFromBuildArgs` in
//!   `convert.go` and `op.Meta.ProxyEnv = nil` in `ExecOp.CacheMap`):
//!   `HTTP_PROXY`, `HTTPS_PROXY`, `FTP_PROXY`, `NO_PROXY` and `ALL_PROXY`, in
//!   either case, reach RUN without being part of the cache key, so changing
//!   them reruns nothing unless an ARG declares them. Any build argument no ARG
//!   declares changes nothing; the plan says so in [`PlanProblem::UndeclaredBuildArg`].

use crate::dockerignore::{clean_path, Dockerignore, Glob};
use crate::edits::Edit;
use crate::shell;
use crate::span::Span;
use crate::stages::{Stage, StageGraph};
use crate::syntax::{Arguments, Dockerfile, Instruction, Keyword};
use core::fmt;

/// What the builder can see: the files in the context and the ignore rules.
#[derive(Debug, Clone, Default)]
pub struct BuildContext {
    /// Files in the context, relative to its root, `/`-separated. Used to tell
    /// whether a changed path is a directory; may be empty.
    pub paths: Vec<String>,
    /// The `.dockerignore` that applies (see [`crate::dockerignore::candidate_files`]).
    pub dockerignore: Option<Dockerignore>,
}

/// What differs from the previous build.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Changed files or directories, relative to the context root.
    pub paths: Vec<String>,
    /// Build arguments whose value differs (`--build-arg NAME=VALUE`), with the new value.
    pub build_args: Vec<(String, String)>,
    /// The Dockerfile of the previous build, when it was another: its edits are changes too
    /// (an instruction changed, inserted, moved or deleted; see `edits.rs`).
    pub previous: Option<Dockerfile>,
}

/// Whether a step comes from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepStatus {
    Cached,
    Rebuilt,
    /// The stage is not built at all for this target.
    NotBuilt,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Cached => "cached",
            StepStatus::Rebuilt => "rebuilt",
            StepStatus::NotBuilt => "not-built",
        }
    }
}

/// How expensive a step is to run again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cost {
    /// Installs packages, compiles, or downloads: seconds to minutes.
    Heavy,
    Light,
}

impl Cost {
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::Heavy => "heavy",
            Cost::Light => "light",
        }
    }
}

/// Why a step has its status. Structured so a UI can word it in any
/// language; `Display` gives English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Cached: nothing it depends on changed.
    NothingChanged,
    /// Cached: these changed files match its sources but `.dockerignore`
    /// keeps them out of the build context.
    ChangesIgnored { files: Vec<String> },
    /// Cached: the ARG line itself does not invalidate; the first use does.
    ArgDeclared { name: String },
    /// Rebuilt: COPY/ADD copies changed files.
    FilesChanged { step: String, files: Vec<String> },
    /// Rebuilt: `RUN --mount=type=bind` mounts changed files.
    MountedFilesChanged { files: Vec<String> },
    /// Rebuilt: an earlier step of the stage (on `line`) was rebuilt.
    PreviousStepRebuilt { line: u32 },
    /// Rebuilt: the step refers to a changed build argument.
    ArgUsed { name: String },
    /// Rebuilt: RUN sees the changed build argument in its environment.
    ArgInEnvironment { name: String },
    /// Rebuilt: the step sees an ENV variable (set on `line`) whose value changed.
    EnvChanged { name: String, line: u32 },
    /// Rebuilt: the stage starts `FROM` another stage that was rebuilt.
    BaseStageRebuilt { stage: String },
    /// Rebuilt: copies or mounts from a stage that was rebuilt.
    SourceStageRebuilt { stage: String },
    /// Rebuilt: `ADD <url>` without `--checksum` is fetched again on every build.
    RemoteSource { url: String },
    /// Not built: the target does not need this stage.
    StageNotNeeded { stage: String, target: String },
    /// Rebuilt: the instruction on `line` changed since the last build: `before` became `after`.
    Edited {
        line: u32,
        before: String,
        after: String,
    },
    /// Rebuilt: the instruction on `line` is new since the last build.
    Inserted { line: u32 },
    /// Rebuilt: the instruction on `line` was on line `from` in the last build.
    Moved { line: u32, from: u32 },
    /// Rebuilt: the step before it in the last build (`text`, on its line `line`) was deleted,
    /// or moved elsewhere, so its parent changed.
    StepRemoved {
        line: u32,
        text: String,
        moved: bool,
    },
    /// Cached: the instruction on `line` changed or is new, but it only sets the image's
    /// metadata (LABEL, EXPOSE, CMD...), which reruns nothing.
    MetadataEdited { line: u32, keyword: String },
    /// Rebuilt: the stage is new since the last build.
    StageAdded { stage: String },
    /// Cached: `COPY --link` (or `ADD --link`) does not depend on the steps before it, so the
    /// rebuild that started on `line` does not reach it; its own files did not change.
    Linked { line: u32 },
    /// Rebuilt: a `--link` copy with a relative destination, after the WORKDIR on `line`
    /// changed: its destination is another directory now.
    LinkedWorkdirChanged { line: u32 },
    /// Cached: these changed files match the copy's sources, but its `--exclude` patterns
    /// leave them out.
    ChangesExcluded { files: Vec<String> },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NothingChanged => f.write_str("nothing it depends on changed"),
            Reason::ChangesIgnored { files } => write!(
                f,
                "{} changed, but .dockerignore keeps {} out of the build context",
                file_list(files),
                if files.len() == 1 { "it" } else { "them" }
            ),
            Reason::ArgDeclared { name } => write!(
                f,
                "ARG {name} changed, but declaring it rebuilds nothing: its first use does"
            ),
            Reason::FilesChanged { step, files } => {
                write!(f, "{step} copies {}, which changed", file_list(files))
            }
            Reason::MountedFilesChanged { files } => {
                write!(f, "it mounts {}, which changed", file_list(files))
            }
            Reason::PreviousStepRebuilt { line } => write!(
                f,
                "the step before it was rebuilt (the cache chain broke at line {line})"
            ),
            Reason::ArgUsed { name } => write!(f, "ARG {name} changed and this step uses it"),
            Reason::ArgInEnvironment { name } => write!(
                f,
                "ARG {name} changed and RUN sees every build argument in its environment"
            ),
            Reason::EnvChanged { name, line } => {
                write!(f, "ENV {name} (line {line}) changed and this step sees it")
            }
            Reason::BaseStageRebuilt { stage } => {
                write!(f, "it starts from stage `{stage}`, which was rebuilt")
            }
            Reason::SourceStageRebuilt { stage } => {
                write!(f, "it takes files from stage `{stage}`, which was rebuilt")
            }
            Reason::RemoteSource { url } => write!(
                f,
                "ADD fetches {url} again on every build (pin it with --checksum)"
            ),
            Reason::StageNotNeeded { stage, target } => {
                write!(f, "stage `{stage}` is not needed by the target `{target}`")
            }
            Reason::Edited {
                line,
                before,
                after,
            } => match (before.is_empty(), after.is_empty()) {
                (false, false) => write!(f, "line {line} changed: `{before}` became `{after}`"),
                _ => write!(f, "line {line} changed"),
            },
            Reason::Inserted { line } => write!(f, "line {line} is new"),
            Reason::Moved { line, from } => {
                write!(f, "line {line} moved here from line {from}")
            }
            Reason::StepRemoved {
                line,
                text,
                moved: false,
            } => write!(
                f,
                "the step before it in the last build, `{text}` (its line {line}), was deleted"
            ),
            Reason::StepRemoved {
                line,
                text,
                moved: true,
            } => write!(
                f,
                "the step before it in the last build, `{text}` (its line {line}), moved"
            ),
            Reason::MetadataEdited { line, keyword } => write!(
                f,
                "line {line} changed, but `{keyword}` only sets metadata: nothing reruns"
            ),
            Reason::StageAdded { stage } => write!(f, "stage `{stage}` is new"),
            Reason::Linked { line } => write!(
                f,
                "--link keeps it independent of the steps before it (the rebuild at line {line})"
            ),
            Reason::LinkedWorkdirChanged { line } => write!(
                f,
                "its destination is relative to the WORKDIR on line {line}, which changed"
            ),
            Reason::ChangesExcluded { files } => write!(
                f,
                "{} changed, but --exclude leaves {} out of this copy",
                file_list(files),
                if files.len() == 1 { "it" } else { "them" }
            ),
        }
    }
}

impl Reason {
    /// Whether the reason is an edit to the Dockerfile itself (since the previous build's).
    pub fn is_edit(&self) -> bool {
        matches!(
            self,
            Reason::Edited { .. }
                | Reason::Inserted { .. }
                | Reason::Moved { .. }
                | Reason::StepRemoved { .. }
                | Reason::MetadataEdited { .. }
                | Reason::StageAdded { .. }
        )
    }
}

/// "a", "a and b", "a and 3 other files".
fn file_list(files: &[String]) -> String {
    match files {
        [] => "nothing".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [first, rest @ ..] => format!("{first} and {} other files", rest.len()),
    }
}

/// One step's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepPlan {
    /// Index into [`Dockerfile::instructions`].
    pub instruction: usize,
    pub keyword: Keyword,
    /// Short text of the step: `COPY . .`.
    pub text: String,
    pub span: Span,
    pub line: u32,
    pub end_line: u32,
    pub status: StepStatus,
    pub reason: Reason,
    pub cost: Cost,
}

/// One stage's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagePlan {
    pub index: usize,
    pub name: Option<String>,
    /// False when the target does not need the stage.
    pub built: bool,
    pub steps: Vec<StepPlan>,
}

/// Something that kept the plan from being what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// `--target` names no stage; the last stage was used.
    UnknownTarget { name: String },
    /// The Dockerfile has no FROM.
    NoStages,
    /// `--build-arg NAME=...` names no ARG of the Dockerfile, so it changes nothing. `proxy`:
    /// it is one of the predefined proxy arguments (`HTTP_PROXY`...), which BuildKit passes to
    /// RUN but keeps out of the cache key unless an ARG declares it.
    UndeclaredBuildArg { name: String, proxy: bool },
}

impl PlanProblem {
    /// Whether the plan is still the one asked for (a note, not an error).
    pub fn is_note(&self) -> bool {
        matches!(self, PlanProblem::UndeclaredBuildArg { .. })
    }
}

/// BuildKit's predefined proxy arguments (Dockerfile reference, "Predefined ARGs"; BuildKit's
/// `proxyEnvFromBuildArgs` matches them case-insensitively).
pub const PROXY_ARGS: [&str; 5] = [
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "all_proxy",
];

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanProblem::UnknownTarget { name } => write!(f, "no stage is named `{name}`"),
            PlanProblem::NoStages => {
                f.write_str("the Dockerfile has no FROM, so no stage to build")
            }
            PlanProblem::UndeclaredBuildArg { name, proxy: true } => write!(
                f,
                "{name} is a predefined proxy argument: RUN sees it, but it is not part of the cache key unless an ARG declares it, so changing it reruns nothing"
            ),
            PlanProblem::UndeclaredBuildArg { name, proxy: false } => write!(
                f,
                "{name}: no ARG declares it, so changing it reruns nothing"
            ),
        }
    }
}

/// The simulated build.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RebuildPlan {
    /// Index of the target stage.
    pub target: Option<usize>,
    pub stages: Vec<StagePlan>,
    pub problems: Vec<PlanProblem>,
}

impl RebuildPlan {
    pub fn steps(&self) -> impl Iterator<Item = &StepPlan> {
        self.stages.iter().flat_map(|s| s.steps.iter())
    }

    /// Steps that run again.
    pub fn rebuilt(&self) -> impl Iterator<Item = &StepPlan> {
        self.steps().filter(|s| s.status == StepStatus::Rebuilt)
    }

    /// How many heavy steps run again: "this edit reruns 2 heavy steps".
    pub fn heavy_rebuilds(&self) -> usize {
        self.rebuilt().filter(|s| s.cost == Cost::Heavy).count()
    }

    /// The plan for the step at this instruction index.
    pub fn step_for(&self, instruction: usize) -> Option<&StepPlan> {
        self.steps().find(|s| s.instruction == instruction)
    }
}

/// Where a changed variable's change comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum VarCause {
    BuildArg,
    Env { line: u32 },
}

#[derive(Debug, Clone, Default)]
struct Scope {
    /// Values visible for substitution (latest last).
    vars: Vec<(String, String)>,
    /// Variables whose value differs from the previous build.
    changed: Vec<(String, VarCause)>,
}

impl Scope {
    fn get(&self, name: &str) -> Option<String> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    fn set(&mut self, name: &str, value: String) {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), value));
    }

    fn cause(&self, name: &str) -> Option<&VarCause> {
        self.changed
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    fn mark_changed(&mut self, name: &str, cause: VarCause) {
        self.changed.retain(|(n, _)| n != name);
        self.changed.push((name.to_string(), cause));
    }

    fn reason_for(&self, name: &str, implicit: bool) -> Option<Reason> {
        Some(match self.cause(name)? {
            VarCause::BuildArg if implicit => Reason::ArgInEnvironment {
                name: name.to_string(),
            },
            VarCause::BuildArg => Reason::ArgUsed {
                name: name.to_string(),
            },
            VarCause::Env { line } => Reason::EnvChanged {
                name: name.to_string(),
                line: *line,
            },
        })
    }

    /// The first changed variable among `names`.
    fn first_changed(&self, names: &[String]) -> Option<Reason> {
        names.iter().find_map(|n| self.reason_for(n, false))
    }

    fn expand(&self, word: &str, escape: char, used: &mut Vec<String>) -> String {
        shell::expand(word, escape, &|n| self.get(n), used)
    }
}

/// Finds a stage by (unexpanded) name and says whether its output changed.
type StageLookup<'a> = dyn Fn(&str, &Scope) -> Option<(usize, bool)> + 'a;

/// What a finished stage hands to stages built on it.
#[derive(Debug, Clone, Default)]
struct StageOutcome {
    output_changed: bool,
    /// ENV values and which of them changed (ARGs do not carry over).
    env: Scope,
}

/// Simulates a build of `target` (a stage name or index; `None` = the last
/// stage) after `changes`. Never panics.
pub fn plan(
    dockerfile: &Dockerfile,
    context: &BuildContext,
    changes: &Changes,
    target: Option<&str>,
) -> RebuildPlan {
    let mut result = RebuildPlan::default();
    if !dockerfile
        .instructions
        .iter()
        .any(|i| i.keyword == Keyword::From)
    {
        result.problems.push(PlanProblem::NoStages);
        return result;
    }
    let escape = dockerfile.escape;
    let files = ChangedFiles::new(context, changes);
    // The edits since the previous build's Dockerfile, per instruction (empty: none given).
    let edits = changes
        .previous
        .as_ref()
        .map(|p| crate::edits::edits(dockerfile, p))
        .unwrap_or_default();

    // Global ARGs: visible to FROM lines only. An edited one is a changed value.
    let mut global = Scope::default();
    for i in dockerfile.global_instructions() {
        let instruction = &dockerfile.instructions[i];
        if instruction.keyword == Keyword::Arg {
            let names = declare_args(instruction, &mut global, &Scope::default(), changes, escape);
            let _ = names;
            if edits.get(i).is_some_and(|e| *e != Edit::Same) {
                for name in instruction.arg_names() {
                    global.mark_changed(&name, VarCause::BuildArg);
                }
            }
        }
    }

    // A build argument no ARG declares changes nothing; say so rather than let it pass.
    let declared = if changes.build_args.is_empty() {
        Vec::new()
    } else {
        dockerfile.declared_args()
    };
    for (name, _) in &changes.build_args {
        let noted = result
            .problems
            .iter()
            .any(|p| matches!(p, PlanProblem::UndeclaredBuildArg { name: n, .. } if n == name));
        if !declared.contains(name) && !noted {
            result.problems.push(PlanProblem::UndeclaredBuildArg {
                name: name.clone(),
                proxy: PROXY_ARGS.iter().any(|p| p.eq_ignore_ascii_case(name)),
            });
        }
    }

    // The stage graph, with the global ARGs this build gives them.
    let graph = StageGraph::new(dockerfile, &|n| global.get(n));
    let stages = &graph.stages;
    let target_index = match target {
        None => stages.len() - 1,
        Some(name) => match graph.find(name, stages.len()) {
            Some(i) => i,
            None => {
                result.problems.push(PlanProblem::UnknownTarget {
                    name: name.to_string(),
                });
                stages.len() - 1
            }
        },
    };
    result.target = Some(target_index);

    // The stages the target needs, each after the stages it uses.
    let order = graph.build_order(target_index);
    let target_label = stages[target_index].label();

    let mut outcomes: Vec<Option<StageOutcome>> = vec![None; stages.len()];
    let mut plans: Vec<Option<StagePlan>> = vec![None; stages.len()];
    for &s in &order {
        let (plan, outcome) = simulate_stage(
            dockerfile, &graph, &stages[s], &global, &outcomes, changes, &files, &edits, escape,
        );
        outcomes[s] = Some(outcome);
        plans[s] = Some(plan);
    }
    for (i, stage) in stages.iter().enumerate() {
        let plan = plans[i].take().unwrap_or_else(|| StagePlan {
            index: i,
            name: stage.name.clone(),
            built: false,
            steps: stage
                .instructions()
                .map(|k| {
                    step(
                        dockerfile,
                        k,
                        StepStatus::NotBuilt,
                        Reason::StageNotNeeded {
                            stage: stage.label(),
                            target: target_label.clone(),
                        },
                        &graph,
                    )
                })
                .collect(),
        });
        result.stages.push(plan);
    }
    result
}

/// The changed paths, split by whether `.dockerignore` lets them reach the builder.
struct ChangedFiles {
    visible: Vec<String>,
    ignored: Vec<String>,
    /// Changed paths that are directories in the context.
    directories: Vec<String>,
}

impl ChangedFiles {
    fn new(context: &BuildContext, changes: &Changes) -> Self {
        let mut visible = Vec::new();
        let mut ignored = Vec::new();
        let mut directories = Vec::new();
        for raw in &changes.paths {
            let path = normalize(raw);
            if path.is_empty() || visible.contains(&path) || ignored.contains(&path) {
                continue;
            }
            let prefix = format!("{path}/");
            if context
                .paths
                .iter()
                .any(|p| normalize(p).starts_with(&prefix))
            {
                directories.push(path.clone());
            }
            let excluded = context
                .dockerignore
                .as_ref()
                .is_some_and(|ig| ig.is_excluded(&path));
            if excluded {
                ignored.push(path);
            } else {
                visible.push(path);
            }
        }
        ChangedFiles {
            visible,
            ignored,
            directories,
        }
    }
}

/// Context-relative, cleaned, no leading `/` or `./`; "" for the root.
fn normalize(path: &str) -> String {
    let cleaned = clean_path(path);
    let trimmed = cleaned.trim_start_matches('/');
    if trimmed == "." {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// Whether a COPY/ADD source (or bind-mount source) takes in `file`.
fn source_covers(source: &str, file: &str, file_is_dir: bool) -> bool {
    let source = normalize(source);
    if source.is_empty() {
        return true;
    }
    if source.contains(['*', '?', '[', '\\']) {
        let pattern: Vec<&str> = source.split('/').collect();
        let parts: Vec<&str> = file.split('/').collect();
        let n = pattern.len().min(parts.len());
        let prefix_matches = pattern[..n]
            .iter()
            .zip(&parts[..n])
            .all(|(p, f)| Glob::compile(p, false).is_some_and(|g| g.matches(f)));
        return prefix_matches && (parts.len() >= pattern.len() || file_is_dir);
    }
    file == source
        || file.starts_with(&format!("{source}/"))
        || (file_is_dir && source.starts_with(&format!("{file}/")))
}

/// `--mount=type=bind,from=x,source=y,target=z`.
#[derive(Debug, Default)]
pub(crate) struct Mount {
    pub kind: String,
    pub from: Option<String>,
    pub source: Option<String>,
}

impl Mount {
    pub(crate) fn parse(spec: &str) -> Mount {
        let mut mount = Mount {
            kind: "bind".to_string(),
            ..Mount::default()
        };
        for field in spec.split(',') {
            let (key, value) = field.split_once('=').unwrap_or((field, ""));
            match key.trim().to_ascii_lowercase().as_str() {
                "type" => mount.kind = value.trim().to_ascii_lowercase(),
                "from" => mount.from = Some(value.trim().to_string()),
                "source" | "src" => mount.source = Some(value.trim().to_string()),
                _ => {}
            }
        }
        mount
    }
}

/// An ADD source fetched from elsewhere: a URL or a git repository (BuildKit's
/// `dockerfile2llb` takes `http://` and `https://` as URLs and `git@`, `git://` and
/// `ssh://` as git). The one test of it, for the plan and the rules.
pub(crate) fn is_remote(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Declares the names of an ARG instruction in `scope`.
fn declare_args(
    instruction: &Instruction,
    scope: &mut Scope,
    inherited: &Scope,
    changes: &Changes,
    escape: char,
) -> Vec<String> {
    let mut changed_names = Vec::new();
    for word in instruction.arguments.words() {
        let (name, default) = match word.value.split_once('=') {
            Some((n, d)) => (n.to_string(), Some(d)),
            None => (word.value.clone(), None),
        };
        let given = changes
            .build_args
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone());
        let mut used = Vec::new();
        let value = match (&given, default) {
            (Some(v), _) => Some(v.clone()),
            (None, Some(d)) => Some(scope.expand(d, escape, &mut used)),
            (None, None) => inherited.get(&name),
        };
        if let Some(v) = value {
            scope.set(&name, v);
        }
        if given.is_some() {
            scope.mark_changed(&name, VarCause::BuildArg);
            changed_names.push(name);
        } else if let Some(cause) = used.iter().find_map(|u| scope.cause(u).cloned()) {
            scope.mark_changed(&name, cause);
            changed_names.push(name);
        }
    }
    changed_names
}

fn step(
    dockerfile: &Dockerfile,
    index: usize,
    status: StepStatus,
    reason: Reason,
    graph: &StageGraph,
) -> StepPlan {
    let instruction = &dockerfile.instructions[index];
    let (line, end_line) = instruction.lines();
    StepPlan {
        instruction: index,
        keyword: instruction.keyword,
        text: instruction.summary(60),
        span: instruction.span,
        line,
        end_line,
        status,
        reason,
        cost: cost_of(dockerfile, index, graph),
    }
}

/// What evaluating one instruction found.
struct Effect {
    /// The step's own inputs changed.
    own: Option<Reason>,
    /// Whether that change reaches later steps (a new layer or new run context).
    starts_chain: bool,
    /// The reason to show when the step stays cached.
    cached: Reason,
    /// `COPY --link`: a rebuild earlier in the stage does not reach it.
    independent: bool,
}

impl Effect {
    fn unchanged() -> Self {
        Effect {
            own: None,
            starts_chain: false,
            cached: Reason::NothingChanged,
            independent: false,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn simulate_stage(
    dockerfile: &Dockerfile,
    graph: &StageGraph,
    stage: &Stage,
    global: &Scope,
    outcomes: &[Option<StageOutcome>],
    changes: &Changes,
    files: &ChangedFiles,
    edits: &[Edit],
    escape: char,
) -> (StagePlan, StageOutcome) {
    let mut steps = Vec::new();
    let mut scope = Scope::default();
    let mut chain: Option<u32> = None;
    let stage_output = |name: &str, scope: &Scope| -> Option<(usize, bool)> {
        let name = scope.expand(name, escape, &mut Vec::new());
        let i = graph.find(&name, graph.stages.len())?;
        if i == stage.index {
            return None;
        }
        let changed = outcomes[i].as_ref().is_some_and(|o| o.output_changed);
        Some((i, changed))
    };

    // FROM.
    let from = &dockerfile.instructions[stage.from];
    let mut used = Vec::new();
    global.expand(&stage.base, escape, &mut used);
    if let Some(p) = &stage.platform {
        global.expand(p, escape, &mut used);
    }
    let mut effect = Effect::unchanged();
    if let Some(reason) = global.first_changed(&used) {
        effect.own = Some(reason);
        effect.starts_chain = true;
    }
    if let Some(i) = graph.parents[stage.index] {
        if let Some(outcome) = &outcomes[i] {
            scope = outcome.env.clone();
            if outcome.output_changed && effect.own.is_none() {
                effect.own = Some(Reason::BaseStageRebuilt {
                    stage: graph.stages[i].label(),
                });
                effect.starts_chain = true;
            }
        }
    }
    let _ = from;
    // An edited FROM, or a new stage, rebuilds the whole stage.
    match edits.get(stage.from) {
        Some(Edit::NewStage) => {
            effect.own = Some(Reason::StageAdded {
                stage: stage.label(),
            });
            effect.starts_chain = true;
        }
        Some(e @ (Edit::Changed { .. } | Edit::Inserted | Edit::Moved { .. })) => {
            effect.own = edit_reason(e, from.lines().0);
            effect.starts_chain = true;
        }
        _ => {}
    }
    steps.push(apply(dockerfile, stage.from, effect, &mut chain, graph));

    // The last WORKDIR of the stage whose value changed (a `--link` copy to a relative
    // destination lands elsewhere after it).
    let mut workdir_changed: Option<u32> = None;
    for k in stage.body.clone() {
        let instruction = &dockerfile.instructions[k];
        let line = instruction.lines().0;
        let mut effect = evaluate(
            instruction,
            line,
            &mut scope,
            global,
            changes,
            files,
            escape,
            &stage_output,
        );
        if let Some(edit) = edits.get(k).filter(|e| **e != Edit::Same) {
            // A step deleted just before a linked copy changes the copy's parent, which the
            // copy does not depend on; the plan still counts it (rebuilt: the safe side).
            effect = with_edit(effect, edit, instruction, line, &mut scope, escape);
        }
        if instruction.keyword == Keyword::Workdir && effect.own.is_some() {
            workdir_changed = Some(line);
        }
        if effect.independent && effect.own.is_none() {
            let relative = instruction
                .arguments
                .words()
                .last()
                .is_some_and(|d| !shell::unquote(&d.value, escape).starts_with('/'));
            if let (Some(w), true) = (workdir_changed, relative) {
                effect.own = Some(Reason::LinkedWorkdirChanged { line: w });
                effect.starts_chain = true;
            }
        }
        steps.push(apply(dockerfile, k, effect, &mut chain, graph));
    }

    // Only ENV carries into stages built FROM this one.
    let env_names: Vec<String> = stage
        .body
        .clone()
        .filter(|&k| dockerfile.instructions[k].keyword == Keyword::Env)
        .flat_map(|k| match &dockerfile.instructions[k].arguments {
            Arguments::Pairs(p) => p.iter().map(|kv| kv.key.value.clone()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut env = Scope::default();
    for (name, value) in &scope.vars {
        if env_names.contains(name)
            || scope
                .cause(name)
                .is_some_and(|c| matches!(c, VarCause::Env { .. }))
        {
            env.set(name, value.clone());
        }
    }
    for (name, cause) in &scope.changed {
        if matches!(cause, VarCause::Env { .. }) {
            env.mark_changed(name, cause.clone());
        }
    }
    (
        StagePlan {
            index: stage.index,
            name: stage.name.clone(),
            built: true,
            steps,
        },
        StageOutcome {
            output_changed: chain.is_some(),
            env,
        },
    )
}

/// The reason an edited instruction reruns.
fn edit_reason(edit: &Edit, line: u32) -> Option<Reason> {
    Some(match edit {
        Edit::Same => return None,
        Edit::Changed { before, after } => Reason::Edited {
            line,
            before: before.clone(),
            after: after.clone(),
        },
        Edit::Inserted | Edit::NewStage => Reason::Inserted { line },
        Edit::Moved { from } => Reason::Moved { line, from: *from },
        Edit::AfterDeletion {
            line: old,
            text,
            moved,
        } => Reason::StepRemoved {
            line: *old,
            text: text.clone(),
            moved: *moved,
        },
    })
}

/// An instruction's effect once its own edit is counted: a step whose definition or parent
/// changed reruns, and the rest of the stage after it; metadata reruns nothing; an edited ENV
/// or ARG is a changed value for the steps that see it.
fn with_edit(
    mut effect: Effect,
    edit: &Edit,
    instruction: &Instruction,
    line: u32,
    scope: &mut Scope,
    escape: char,
) -> Effect {
    let Some(reason) = edit_reason(edit, line) else {
        return effect;
    };
    let parent_only = matches!(edit, Edit::AfterDeletion { .. });
    match instruction.keyword {
        k if k.is_metadata_only() && !parent_only => {
            if effect.own.is_none() {
                effect.cached = Reason::MetadataEdited {
                    line,
                    keyword: k.as_str().to_string(),
                };
            }
        }
        Keyword::Env if !parent_only => {
            if let Arguments::Pairs(pairs) = &instruction.arguments {
                for kv in pairs {
                    scope.mark_changed(
                        &shell::unquote(&kv.key.value, escape),
                        VarCause::Env { line },
                    );
                }
            }
            effect.own = Some(reason);
        }
        Keyword::Arg if !parent_only => {
            let names = instruction.arg_names();
            for name in &names {
                scope.mark_changed(name, VarCause::BuildArg);
            }
            if let Some(name) = names.into_iter().next() {
                effect.cached = Reason::ArgDeclared { name };
            }
        }
        _ => {
            effect.own = Some(reason);
            effect.starts_chain = true;
        }
    }
    effect
}

/// Turns an instruction's [`Effect`] into its status, following the cache chain.
fn apply(
    dockerfile: &Dockerfile,
    index: usize,
    effect: Effect,
    chain: &mut Option<u32>,
    graph: &StageGraph,
) -> StepPlan {
    let line = dockerfile.instructions[index].lines().0;
    let (status, reason) = match (*chain, effect.own) {
        // A linked copy is a layer of its own, merged on top: only its own inputs count.
        (Some(_), Some(reason)) if effect.independent => (StepStatus::Rebuilt, reason),
        (Some(first), None) if effect.independent => {
            (StepStatus::Cached, Reason::Linked { line: first })
        }
        (Some(first), _) => (
            StepStatus::Rebuilt,
            Reason::PreviousStepRebuilt { line: first },
        ),
        (None, Some(reason)) => {
            if effect.starts_chain {
                *chain = Some(line);
            }
            (StepStatus::Rebuilt, reason)
        }
        (None, None) => (StepStatus::Cached, effect.cached),
    };
    step(dockerfile, index, status, reason, graph)
}

/// Words of an instruction that Docker expands variables in.
fn substituted_words(instruction: &Instruction) -> Vec<&str> {
    let mut words: Vec<&str> = instruction
        .flags
        .iter()
        .filter_map(|f| f.value.as_deref())
        .collect();
    match &instruction.arguments {
        Arguments::Pairs(pairs) => {
            for p in pairs {
                words.push(&p.key.value);
                words.push(&p.value.value);
            }
        }
        other => words.extend(other.words().iter().map(|w| w.value.as_str())),
    }
    words
}

#[allow(clippy::too_many_arguments)]
fn evaluate(
    instruction: &Instruction,
    line: u32,
    scope: &mut Scope,
    global: &Scope,
    changes: &Changes,
    files: &ChangedFiles,
    escape: char,
    stage_output: &StageLookup,
) -> Effect {
    let mut effect = Effect::unchanged();
    let refs = |scope: &Scope| -> (Vec<String>, Option<Reason>) {
        let mut used = Vec::new();
        for w in substituted_words(instruction) {
            scope.expand(w, escape, &mut used);
        }
        let reason = scope.first_changed(&used);
        (used, reason)
    };
    match instruction.keyword {
        Keyword::Arg => {
            let changed = declare_args(instruction, scope, global, changes, escape);
            if let Some(name) = changed.into_iter().next() {
                effect.cached = Reason::ArgDeclared { name };
            }
        }
        Keyword::Env => {
            let (_, reason) = refs(scope);
            if let Arguments::Pairs(pairs) = &instruction.arguments {
                for kv in pairs {
                    let mut used = Vec::new();
                    let key = shell::unquote(&kv.key.value, escape);
                    let value = scope.expand(&kv.value.value, escape, &mut used);
                    let changed = scope.first_changed(&used).is_some();
                    scope.set(&key, value);
                    if changed {
                        scope.mark_changed(&key, VarCause::Env { line });
                    }
                }
            }
            // A new ENV value only matters to the steps that see it.
            effect.own = reason;
        }
        Keyword::Workdir | Keyword::User | Keyword::Shell => {
            // These change how every later step runs (and WORKDIR creates a directory).
            effect.own = refs(scope).1;
            effect.starts_chain = true;
        }
        Keyword::Label | Keyword::Expose | Keyword::Volume | Keyword::Stopsignal => {
            effect.own = refs(scope).1;
        }
        Keyword::Run => {
            let mut text_vars = Vec::new();
            for w in instruction.arguments.words() {
                text_vars.extend(shell::variables(&w.value, escape));
            }
            for h in &instruction.heredocs {
                if h.expand {
                    text_vars.extend(shell::variables(&h.content, escape));
                }
            }
            let mut mount_vars = Vec::new();
            for m in instruction.flag_values("mount") {
                mount_vars.extend(shell::variables(m, escape));
            }
            effect.starts_chain = true;
            effect.own = scope
                .first_changed(&text_vars)
                .or_else(|| scope.first_changed(&mount_vars))
                .or_else(|| {
                    scope
                        .changed
                        .iter()
                        .find_map(|(name, _)| scope.reason_for(name, true))
                })
                .or_else(|| run_mounts(instruction, scope, files, stage_output));
        }
        Keyword::Copy | Keyword::Add => {
            effect = copy_effect(instruction, scope, files, escape, stage_output);
        }
        Keyword::Cmd
        | Keyword::Entrypoint
        | Keyword::Healthcheck
        | Keyword::Onbuild
        | Keyword::Maintainer
        | Keyword::From
        | Keyword::Unknown => {}
    }
    effect
}

fn run_mounts(
    instruction: &Instruction,
    scope: &Scope,
    files: &ChangedFiles,
    stage_output: &StageLookup,
) -> Option<Reason> {
    for spec in instruction.flag_values("mount") {
        let mount = Mount::parse(spec);
        if let Some(from) = &mount.from {
            if let Some((i, true)) = stage_output(from, scope) {
                let _ = i;
                return Some(Reason::SourceStageRebuilt {
                    stage: from.to_lowercase(),
                });
            }
            continue;
        }
        if mount.kind != "bind" {
            continue;
        }
        let source = mount.source.as_deref().unwrap_or(".");
        let hit: Vec<String> = files
            .visible
            .iter()
            .filter(|f| source_covers(source, f, files.directories.contains(f)))
            .cloned()
            .collect();
        if !hit.is_empty() {
            return Some(Reason::MountedFilesChanged { files: hit });
        }
    }
    None
}

fn copy_effect(
    instruction: &Instruction,
    scope: &Scope,
    files: &ChangedFiles,
    escape: char,
    stage_output: &StageLookup,
) -> Effect {
    let mut effect = Effect::unchanged();
    effect.starts_chain = true;
    effect.independent = is_linked(instruction);
    let mut used = Vec::new();
    for w in substituted_words(instruction) {
        scope.expand(w, escape, &mut used);
    }
    for h in &instruction.heredocs {
        if h.expand {
            used.extend(shell::variables(&h.content, escape));
        }
    }
    if let Some(reason) = scope.first_changed(&used) {
        effect.own = Some(reason);
        return effect;
    }
    let words = instruction.arguments.words();
    let Some((_, sources)) = words.split_last() else {
        return effect;
    };
    if let Some(from) = instruction.flag("from").and_then(|f| f.value.as_deref()) {
        if let Some((_, changed)) = stage_output(from, scope) {
            if changed {
                effect.own = Some(Reason::SourceStageRebuilt {
                    stage: scope.expand(from, escape, &mut Vec::new()).to_lowercase(),
                });
            }
        }
        return effect; // Files come from a stage or an image, not the context.
    }
    // `--exclude` patterns match as `.dockerignore` patterns do (a directory excludes what is
    // in it, `**` any depth, `!` re-includes), relative to each source.
    let patterns: Vec<String> = instruction
        .flag_values("exclude")
        .map(|p| scope.expand(p, escape, &mut Vec::new()))
        .collect();
    let excludes = (!patterns.is_empty()).then(|| Dockerignore::parse(&patterns.join("\n")));
    let mut hit = Vec::new();
    let mut hidden = Vec::new();
    let mut left_out = Vec::new();
    for source in sources {
        let path = scope.expand(&source.value, escape, &mut Vec::new());
        if instruction
            .heredocs
            .iter()
            .any(|h| source.value.contains(&h.name))
            && source.value.contains("<<")
        {
            continue; // A heredoc: its content is in the Dockerfile.
        }
        if is_remote(&path) {
            if instruction.keyword == Keyword::Add && instruction.flag("checksum").is_none() {
                effect.own.get_or_insert(Reason::RemoteSource { url: path });
                effect.starts_chain = false;
            }
            continue;
        }
        for f in &files.visible {
            if hit.contains(f) || !source_covers(&path, f, files.directories.contains(f)) {
                continue;
            }
            let excluded = excludes
                .as_ref()
                .is_some_and(|ig| relative_to_source(&path, f).is_some_and(|r| ig.is_excluded(&r)));
            if excluded {
                if !left_out.contains(f) {
                    left_out.push(f.clone());
                }
            } else {
                hit.push(f.clone());
            }
        }
        for f in &files.ignored {
            if !hidden.contains(f) && source_covers(&path, f, files.directories.contains(f)) {
                hidden.push(f.clone());
            }
        }
    }
    if !hit.is_empty() {
        effect.own = Some(Reason::FilesChanged {
            step: instruction.summary(40),
            files: hit,
        });
        effect.starts_chain = true;
    } else if !hidden.is_empty() {
        effect.cached = Reason::ChangesIgnored { files: hidden };
    } else if !left_out.is_empty() {
        effect.cached = Reason::ChangesExcluded { files: left_out };
    }
    effect
}

/// `--link` or `--link=true` (BuildKit reads the value as a Go boolean).
fn is_linked(instruction: &Instruction) -> bool {
    matches!(instruction.keyword, Keyword::Copy | Keyword::Add)
        && instruction.flag("link").is_some_and(|f| {
            f.value
                .as_deref()
                .is_none_or(|v| matches!(v, "1" | "t" | "T" | "true" | "TRUE" | "True"))
        })
}

/// The path of a changed `file` inside the copy `source` (`app/` and `app/x/y.py` →
/// `x/y.py`; `dir*` and `dir3/a.mp3` → `a.mp3`; a file source → its name), as `--exclude`
/// patterns see it. `None` when the file is the source directory itself.
fn relative_to_source(source: &str, file: &str) -> Option<String> {
    let source = normalize(source);
    if source.is_empty() {
        return Some(file.to_string());
    }
    let depth = source.split('/').count();
    let parts: Vec<&str> = file.split('/').collect();
    if parts.len() > depth {
        Some(parts[depth..].join("/"))
    } else {
        // The source is the file itself: its name.
        parts
            .last()
            .map(|s| s.to_string())
            .filter(|_| file == source || source.contains(['*', '?', '[']))
    }
}

/// Heavy: package installs, builds and downloads. Decided from the commands
/// a RUN starts (the first word of each simple command), not from substrings,
/// so `echo make` is light and `apt-get install` is heavy.
pub fn cost_of(dockerfile: &Dockerfile, index: usize, graph: &StageGraph) -> Cost {
    let instruction = &dockerfile.instructions[index];
    match instruction.keyword {
        Keyword::From => {
            let base = graph
                .stages
                .iter()
                .position(|s| s.from == index)
                .map(|s| graph.bases[s].to_lowercase())
                .unwrap_or_default();
            if graph.starts_from_stage(index) || base == "scratch" {
                Cost::Light
            } else {
                Cost::Heavy
            }
        }
        Keyword::Add => {
            let remote = instruction
                .arguments
                .words()
                .split_last()
                .is_some_and(|(_, srcs)| srcs.iter().any(|s| is_remote(&s.value)));
            if remote {
                Cost::Heavy
            } else {
                Cost::Light
            }
        }
        Keyword::Run => {
            let heavy = crate::command::runs_heavy(instruction);
            if heavy {
                Cost::Heavy
            } else {
                Cost::Light
            }
        }
        _ => Cost::Light,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_cover_files_and_directories() {
        assert!(source_covers(".", "app/main.py", false));
        assert!(source_covers("./app", "app/main.py", false));
        assert!(!source_covers("./app", "application.py", false));
        assert!(source_covers(
            "requirements*.txt",
            "requirements-dev.txt",
            false
        ));
        assert!(!source_covers("*.txt", "docs/a.txt", false));
        assert!(source_covers("app/main.py", "app", true));
        assert!(!source_covers("app/main.py", "app", false));
    }
}
