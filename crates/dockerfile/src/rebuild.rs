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

use crate::dockerignore::{clean_path, Dockerignore, Glob};
use crate::edits::Edit;
use crate::shell;
use crate::span::Span;
use crate::stages::Stage;
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
        }
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
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanProblem::UnknownTarget { name } => write!(f, "no stage is named `{name}`"),
            PlanProblem::NoStages => {
                f.write_str("the Dockerfile has no FROM, so no stage to build")
            }
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
    let stages = dockerfile.stages();
    let mut result = RebuildPlan::default();
    if stages.is_empty() {
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
                for name in arg_names(instruction) {
                    global.mark_changed(&name, VarCause::BuildArg);
                }
            }
        }
    }

    let target_index = match target {
        None => stages.len() - 1,
        Some(name) => match find_stage(&stages, name, stages.len()) {
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

    // Dependencies between stages, and the stages the target needs, in an
    // order where every stage comes after the stages it uses.
    let deps: Vec<Vec<usize>> = stages
        .iter()
        .map(|s| stage_dependencies(dockerfile, &stages, s, &global, escape))
        .collect();
    let order = build_order(&deps, target_index);
    let target_label = stages[target_index].label();

    let mut outcomes: Vec<Option<StageOutcome>> = vec![None; stages.len()];
    let mut plans: Vec<Option<StagePlan>> = vec![None; stages.len()];
    for &s in &order {
        let (plan, outcome) = simulate_stage(
            dockerfile, &stages, &stages[s], &global, &outcomes, changes, &files, &edits, escape,
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
                        &stages,
                    )
                })
                .collect(),
        });
        result.stages.push(plan);
    }
    result
}

/// A stage by name (case-insensitive) or index, among `stages[..limit]`.
fn find_stage(stages: &[Stage], name: &str, limit: usize) -> Option<usize> {
    let lower = name.to_lowercase();
    if let Some(i) = stages[..limit.min(stages.len())]
        .iter()
        .position(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        return Some(i);
    }
    match name.parse::<usize>() {
        Ok(i) if i < limit.min(stages.len()) => Some(i),
        _ => None,
    }
}

fn stage_dependencies(
    dockerfile: &Dockerfile,
    stages: &[Stage],
    stage: &Stage,
    global: &Scope,
    escape: char,
) -> Vec<usize> {
    let mut deps = Vec::new();
    let base = global.expand(&stage.base, escape, &mut Vec::new());
    if let Some(i) = find_stage(stages, &base, stage.index) {
        deps.push(i);
    }
    for k in stage.body.clone() {
        for name in stage_refs(&dockerfile.instructions[k]) {
            let name = global.expand(&name, escape, &mut Vec::new());
            if let Some(i) = find_stage(stages, &name, stages.len()) {
                if i != stage.index && !deps.contains(&i) {
                    deps.push(i);
                }
            }
        }
    }
    deps
}

/// Stage names an instruction takes files from: `COPY --from=x`, `RUN --mount=from=x`.
fn stage_refs(instruction: &Instruction) -> Vec<String> {
    let mut refs = Vec::new();
    if instruction.keyword == Keyword::Copy {
        if let Some(from) = instruction.flag("from").and_then(|f| f.value.clone()) {
            refs.push(from);
        }
    }
    if instruction.keyword == Keyword::Run {
        for mount in instruction.flag_values("mount") {
            if let Some(from) = Mount::parse(mount).from {
                refs.push(from);
            }
        }
    }
    refs
}

/// Post-order from the target, with an explicit stack (stage counts in
/// hostile input can be large) and cycle protection.
fn build_order(deps: &[Vec<usize>], target: usize) -> Vec<usize> {
    let mut state = vec![0u8; deps.len()]; // 0 new, 1 in progress, 2 done
    let mut order = Vec::new();
    let mut stack = vec![(target, 0usize)];
    state[target] = 1;
    while let Some((node, next)) = stack.pop() {
        if let Some(&dep) = deps[node].get(next) {
            stack.push((node, next + 1));
            if state[dep] == 0 {
                state[dep] = 1;
                stack.push((dep, 0));
            }
        } else {
            state[node] = 2;
            order.push(node);
        }
    }
    order
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

pub(crate) fn is_remote(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("git@")
        || lower.starts_with("git://")
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
    stages: &[Stage],
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
        cost: cost_of(instruction, stages),
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
}

impl Effect {
    fn unchanged() -> Self {
        Effect {
            own: None,
            starts_chain: false,
            cached: Reason::NothingChanged,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn simulate_stage(
    dockerfile: &Dockerfile,
    stages: &[Stage],
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
        let i = find_stage(stages, &name, stages.len())?;
        if i == stage.index {
            return None;
        }
        let changed = outcomes[i].as_ref().is_some_and(|o| o.output_changed);
        Some((i, changed))
    };

    // FROM.
    let from = &dockerfile.instructions[stage.from];
    let mut used = Vec::new();
    let base = global.expand(&stage.base, escape, &mut used);
    if let Some(p) = &stage.platform {
        global.expand(p, escape, &mut used);
    }
    let mut effect = Effect::unchanged();
    if let Some(reason) = global.first_changed(&used) {
        effect.own = Some(reason);
        effect.starts_chain = true;
    }
    if let Some(i) = find_stage(stages, &base, stage.index) {
        if let Some(outcome) = &outcomes[i] {
            scope = outcome.env.clone();
            if outcome.output_changed && effect.own.is_none() {
                effect.own = Some(Reason::BaseStageRebuilt {
                    stage: stages[i].label(),
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
    steps.push(apply(dockerfile, stage.from, effect, &mut chain, stages));

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
            effect = with_edit(effect, edit, instruction, line, &mut scope, escape);
        }
        steps.push(apply(dockerfile, k, effect, &mut chain, stages));
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
            let names = arg_names(instruction);
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

/// The names an ARG instruction declares.
fn arg_names(instruction: &Instruction) -> Vec<String> {
    instruction
        .arguments
        .words()
        .iter()
        .map(|w| w.value.split('=').next().unwrap_or("").to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Turns an instruction's [`Effect`] into its status, following the cache chain.
fn apply(
    dockerfile: &Dockerfile,
    index: usize,
    effect: Effect,
    chain: &mut Option<u32>,
    stages: &[Stage],
) -> StepPlan {
    let line = dockerfile.instructions[index].lines().0;
    let (status, reason) = match (*chain, effect.own) {
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
    step(dockerfile, index, status, reason, stages)
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
    let excludes: Vec<Glob> = instruction
        .flag_values("exclude")
        .filter_map(|p| Glob::compile(&clean_path(p), true))
        .collect();
    let excluded = |f: &str| excludes.iter().any(|g| g.matches(f));
    let mut hit = Vec::new();
    let mut hidden = Vec::new();
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
            if !hit.contains(f)
                && !excluded(f)
                && source_covers(&path, f, files.directories.contains(f))
            {
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
    }
    effect
}

/// Heavy: package installs, builds and downloads. Decided from the commands
/// a RUN starts (the first word of each simple command), not from substrings,
/// so `echo make` is light and `apt-get install` is heavy.
pub fn cost_of(instruction: &Instruction, stages: &[Stage]) -> Cost {
    match instruction.keyword {
        Keyword::From => {
            let base = instruction
                .arguments
                .words()
                .first()
                .map(|w| w.value.to_lowercase())
                .unwrap_or_default();
            let is_stage = stages
                .iter()
                .any(|s| s.name.as_deref() == Some(base.as_str()));
            if is_stage || base == "scratch" {
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
            let heavy = instruction
                .arguments
                .words()
                .iter()
                .map(|w| w.value.as_str())
                .chain(instruction.heredocs.iter().map(|h| h.content.as_str()))
                .any(runs_heavy_command);
            if heavy {
                Cost::Heavy
            } else {
                Cost::Light
            }
        }
        _ => Cost::Light,
    }
}

fn runs_heavy_command(script: &str) -> bool {
    const ANY: &[&str] = &[
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
    const SOME: &[(&str, &[&str])] = &[
        (
            "go",
            &["build", "install", "get", "mod", "generate", "test"],
        ),
        ("git", &["clone", "fetch", "pull", "submodule"]),
        ("python", &["-m", "setup.py"]),
        ("python3", &["-m", "setup.py"]),
    ];
    let separators = |c: char| matches!(c, '\n' | ';' | '&' | '|' | '(' | ')' | '`');
    for command in script.split(separators) {
        let mut words = command.split_whitespace().skip_while(|w| {
            w.contains('=') && !w.starts_with('-')
                || matches!(
                    *w,
                    "sudo"
                        | "exec"
                        | "time"
                        | "command"
                        | "nice"
                        | "\\"
                        | "then"
                        | "do"
                        | "else"
                        | "if"
                        | "!"
                        | "{"
                )
        });
        let Some(head) = words.next() else {
            continue;
        };
        let name = head
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(head)
            .trim_matches(|c| c == '"' || c == '\'')
            .to_ascii_lowercase();
        let name = name.strip_suffix(".exe").unwrap_or(&name);
        if ANY.contains(&name) {
            return true;
        }
        if let Some((_, subs)) = SOME.iter().find(|(n, _)| *n == name) {
            if words.next().is_some_and(|w| subs.contains(&w)) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heavy_commands_are_found_by_command_name() {
        assert!(runs_heavy_command(
            "apt-get update && apt-get install -y curl"
        ));
        assert!(runs_heavy_command(
            "DEBIAN_FRONTEND=noninteractive /usr/bin/pip install x"
        ));
        assert!(runs_heavy_command("set -eux; go build ./..."));
        assert!(!runs_heavy_command("echo make things; mkdir -p /app"));
        assert!(!runs_heavy_command("go version"));
        assert!(!runs_heavy_command("git config --global x y"));
    }

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
