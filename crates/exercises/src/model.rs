//! An exercise as data: what a trainee starts from, what is checked, the solution; and the text
//! of each language. Read from `content/exercises/<id>.toml` and
//! `content/<lang>/exercises/<id>.toml` (see `content/README.md`).
//!
//! Every text is a `Cow<'static, str>` and every list a `Cow<'static, [T]>`: the build compiles
//! the guide's exercises into static data (no parser in the wasm), and the same types hold
//! exercises read at run time.
//!
//! This file is also compiled into the crate's build script, which reads the TOML: it uses only
//! `serde`, `serde_json` and `std`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub type Str = Cow<'static, str>;
pub type List<T> = Cow<'static, [T]>;

/// The guide's part an exercise practises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Concepts,
    Containers,
    Production,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Concepts, Part::Containers, Part::Production];

    /// The part's id in the guide's `nav.toml`.
    pub fn id(self) -> &'static str {
        match self {
            Part::Concepts => "concepts",
            Part::Containers => "containers",
            Part::Production => "production",
        }
    }
}

/// What the trainee works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A Dockerfile (and `.dockerignore`), in the lab.
    Dockerfile,
    /// A capacity scenario, in the calculator.
    Capacity,
    /// A question about a concept, with a choice of answers.
    Concept,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Dockerfile => "dockerfile",
            Kind::Capacity => "capacity",
            Kind::Concept => "concept",
        }
    }
}

/// One exercise, language-neutral.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The file's name without `.toml`: the address `/<lang>/exercises/<id>/`.
    #[serde(skip_deserializing)]
    pub id: Str,
    pub part: Part,
    /// The guide pages (slugs) it practises: each ends with a "Practise this" link to it.
    #[serde(default)]
    pub practises: List<Str>,
    #[serde(default)]
    pub dockerfile: Option<DockerfileTask>,
    #[serde(default)]
    pub capacity: Option<CapacityTask>,
    #[serde(default)]
    pub concept: Option<ConceptTask>,
    /// The goals, in the order the checklist shows them. The checks that keep the work honest
    /// (the image still installs and runs the app; the scenario's facts unchanged) are added
    /// after them for every exercise of the kind: see [`crate::goals`].
    #[serde(default, rename = "check")]
    pub checks: List<Check>,
}

impl Exercise {
    pub fn kind(&self) -> Kind {
        if self.capacity.is_some() {
            Kind::Capacity
        } else if self.concept.is_some() {
            Kind::Concept
        } else {
            Kind::Dockerfile
        }
    }
}

/// A Dockerfile exercise: the project, the start and the solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DockerfileTask {
    /// The project's files, relative to the build context's root. Fixed: the trainee changes
    /// the Dockerfile and the `.dockerignore`, not the project.
    pub context: List<Str>,
    /// The app's own files: each must still reach the final image.
    pub app: List<Str>,
    /// Files shown as changed when the exercise opens (the layer view's first question).
    #[serde(default)]
    pub changed: List<Str>,
    pub start: Str,
    #[serde(default)]
    pub start_dockerignore: Str,
    pub solution: Str,
    #[serde(default)]
    pub solution_dockerignore: Str,
}

/// A capacity exercise: a scenario, the inputs the trainee may change, and a solution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityTask {
    /// The scenario the trainee starts from, in the capacity engine's JSON format (written as
    /// TOML tables in the file).
    #[serde(deserialize_with = "json_text")]
    pub start: Str,
    #[serde(deserialize_with = "json_text")]
    pub solution: Str,
    /// What the trainee decides; everything else in the scenario is the exercise's facts.
    pub decisions: List<Decision>,
}

/// A question with one right answer among a few choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptTask {
    /// The choices' ids, in the order shown; each language words them.
    pub choices: List<Str>,
    /// The id of the right one.
    pub answer: Str,
}

/// The inputs of a capacity scenario a trainee may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// `workers`: how many worker processes, or the rule that picks them.
    Workers,
    /// `server`: uvicorn, gunicorn (with or without `--preload`), one process.
    Server,
    /// `container.memory_limit_mib` and `container.memory_headroom`.
    MemoryLimit,
    /// `container.cpu_limit_cores`.
    CpuLimit,
    /// `container.cpu_request_cores`.
    CpuRequest,
    /// The Kubernetes node's type or size.
    NodeType,
    /// `target.kubernetes.node_count`.
    NodeCount,
    /// `redundancy`: spare containers beyond what the traffic needs.
    Spares,
}

/// A number a capacity check reads: from the engine's result for the trainee's scenario, from
/// the scenario itself, or worked out by the engine from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Worker processes per container.
    Workers,
    /// Containers (replicas) the traffic needs, spares included.
    Containers,
    /// Containers one node holds.
    ContainersPerNode,
    /// Nodes (or machines) needed.
    Nodes,
    /// The scenario's node count (`target.kubernetes.node_count`), 0 when not set.
    NodeCount,
    /// Memory one container uses, MiB.
    ContainerMemoryMib,
    /// The container's memory limit, MiB.
    MemoryLimitMib,
    /// The memory limit over what the container uses (1.2 = 20% headroom).
    LimitOverUse,
    /// Worker processes Little's law says the traffic needs.
    WorkerProcessesNeeded,
    /// The most workers that fit (the engine tries each count).
    MaxWorkersThatFit,
    /// The workers gunicorn's `2 x cores + 1` gives on the container's CPU limit.
    GunicornWorkersForLimit,
}

/// A number, or another quantity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Operand {
    Number(f64),
    Quantity(Quantity),
}

/// One goal, as data over the engines' results. Checks for one kind of exercise are refused on
/// another (see [`crate::problems`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The rebuild plan after these changes: at most (or at least) so many steps, or heavy
    /// steps, rerun.
    Rebuild {
        /// Files of the context that changed.
        #[serde(default)]
        changed: List<Str>,
        /// Build arguments whose value changed.
        #[serde(default)]
        build_args: List<Str>,
        #[serde(default)]
        max_heavy: Option<u32>,
        #[serde(default)]
        max_rebuilt: Option<u32>,
        /// The change must still reach the image: at least this many steps rerun.
        #[serde(default)]
        min_rebuilt: Option<u32>,
    },
    /// A rule's finding is absent (or present). Inline suppressions do not count.
    Finding {
        rule: Str,
        #[serde(default)]
        present: bool,
    },
    /// The final image runs as a user that is not root, and that user exists.
    NonRootUser,
    /// No compiler or build tool is left in the final image.
    NoBuildTools,
    /// The start command is in exec form: the app, not a shell, is the container's PID 1.
    ExecForm,
    /// The start command passes these arguments.
    StartHas { args: List<Str> },
    /// A stage of this name exists (a `--target`), installs from this manifest, runs this
    /// program, and stays out of the final image.
    Stage {
        name: Str,
        #[serde(default)]
        installs: Option<Str>,
        #[serde(default)]
        runs: Option<Str>,
        #[serde(default)]
        outside_final: bool,
    },
    /// These files of the context never reach the build: changing one reruns nothing.
    Ignored { paths: List<Str> },
    /// The scenario fits.
    Fits,
    /// The engine gives no warning with this code.
    NoWarning { code: Str },
    /// A quantity compared with a number or another quantity, within `tolerance`.
    Compare {
        quantity: Quantity,
        #[serde(default)]
        at_least: Option<Operand>,
        #[serde(default)]
        at_most: Option<Operand>,
        #[serde(default)]
        equals: Option<Operand>,
        #[serde(default)]
        tolerance: f64,
    },
}

/// One language's text of an exercise. Markdown, rendered at build time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseText {
    pub title: Str,
    /// What to do, and why it matters.
    pub task: Str,
    /// Hints, from a nudge to nearly the answer; shown one at a time.
    pub hints: List<Str>,
    /// Shown once the exercise is solved: why the solution works.
    pub explanation: Str,
    /// A concept exercise's choices: each one's wording and why it is right or wrong.
    #[serde(default, rename = "choice")]
    pub choices: List<ChoiceText>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceText {
    pub id: Str,
    pub label: Str,
    pub why: Str,
}

/// The track: every exercise's id, in the order a trainee meets them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub order: Vec<String>,
}

/// Reads any TOML value (a table, usually) as the JSON text of the same value.
fn json_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(Cow::Owned(value.to_string()))
}
