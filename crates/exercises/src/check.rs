//! Checking a trainee's work against an exercise: every goal by the engines' results.
//!
//! A Dockerfile is parsed, planned and linted by `shipshape-dockerfile`; its image's facts
//! (the stages the target needs, the user, the start command, what the RUN steps install) come
//! from [`shipshape_dockerfile::facts`]. A scenario is evaluated by `shipshape-capacity`. The
//! text is never compared with the solution's: any Dockerfile that builds the same image the
//! right way passes, and one that only looks right does not.

use shipshape_capacity::{
    evaluate, max_workers_that_fit, parse_scenario, CapacityResult, CoresSource, Scenario, Target,
    WorkerCount,
};
use shipshape_dockerfile::facts::{image_facts, shell_commands, ImageFacts};
use shipshape_dockerfile::rules::Ecosystem;
use shipshape_dockerfile::{
    lint_all, parse, plan, BuildContext, Changes, Dockerfile, Dockerignore, Finding, LintOptions,
    Reason, RuleId, StepStatus,
};

use crate::model::*;

/// One line of an exercise's checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The exercise's own check, by its index in [`Exercise::checks`].
    Check(usize),
    /// The Dockerfile parses without errors.
    Parses,
    /// It still installs what the start file installs (or a documented equivalent).
    SameInstalls,
    /// The app's files still reach the final image.
    AppInImage,
    /// It still starts the app the way the start file does.
    SameStart,
    /// The scenario is one the engine accepts.
    ValidScenario,
    /// Only the decisions the exercise leaves to the trainee changed.
    FactsKept,
    /// The concept exercise's answer.
    Answer,
}

/// The checklist of an exercise: its own checks, then the checks every exercise of its kind
/// has, which keep the work honest.
pub fn goals(e: &Exercise) -> Vec<Goal> {
    let mut out: Vec<Goal> = Vec::new();
    match e.kind() {
        Kind::Dockerfile => out.push(Goal::Parses),
        Kind::Capacity => out.push(Goal::ValidScenario),
        Kind::Concept => {}
    }
    out.extend((0..e.checks.len()).map(Goal::Check));
    match e.kind() {
        Kind::Dockerfile => out.extend([Goal::SameInstalls, Goal::AppInImage, Goal::SameStart]),
        Kind::Capacity => out.push(Goal::FactsKept),
        Kind::Concept => out.push(Goal::Answer),
    }
    out
}

/// What the trainee hands in.
#[derive(Clone, Copy, Debug)]
pub enum Work<'a> {
    Dockerfile {
        dockerfile: &'a str,
        dockerignore: &'a str,
    },
    /// A scenario as the capacity engine's JSON.
    ScenarioJson(&'a str),
    /// A scenario already read (the calculator's form).
    Scenario(&'a Scenario),
    /// The id of the chosen answer (empty: none yet).
    Choice(&'a str),
}

/// Something the engines found that the install guard misses in the trainee's image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// A dependency install of this kind (pip, uv, Poetry... are all Python), on this line of
    /// the start file.
    Dependencies { tool: Ecosystem, line: u32 },
    /// An operating-system package.
    Package { name: String },
    /// A build command (`go build`, `npm run build`...).
    Build { command: String },
    /// The package index update the install needs (`apt-get update`, in the same RUN).
    IndexUpdate { manager: String },
}

/// What is still wrong with a goal, as data; [`crate::words::problem`] words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The work is not of the exercise's kind (a scenario for a Dockerfile exercise...).
    WrongKind,
    ParseError {
        line: u32,
        kind: shipshape_dockerfile::DiagnosticKind,
    },
    /// Too many steps rerun: how many, and the heavy ones (line, text).
    Reruns {
        rebuilt: u32,
        heavy: Vec<(u32, String)>,
    },
    /// The change reruns (nearly) nothing: what it feeds no longer reaches the image.
    TooFewReruns {
        rebuilt: u32,
    },
    /// A finding the exercise wants gone (or one it wants that is missing).
    Finding(Box<Finding>),
    FindingMissing {
        rule: RuleId,
    },
    UserMissing {
        user: String,
        line: u32,
    },
    NoStartCommand,
    /// CMD or ENTRYPOINT (on this line) in shell form.
    ShellForm {
        line: u32,
    },
    /// Exec form, but the program is a shell that keeps PID 1.
    ShellWrapper {
        line: u32,
    },
    MissingArgs {
        args: Vec<String>,
    },
    NoStage {
        name: String,
    },
    StageDoesNotRun {
        name: String,
        program: String,
    },
    StageDoesNotInstall {
        name: String,
        manifest: String,
    },
    /// The final image is built on the stage, so what it installs ships.
    StageInFinal {
        name: String,
    },
    /// Changing the file reruns this step.
    NotIgnored {
        path: String,
        line: u32,
        step: String,
    },
    MissingInstalls(Vec<Missing>),
    AppMissing {
        files: Vec<String>,
    },
    /// The start command's program, or its arguments, differ from the start file's.
    StartChanged {
        expected: Vec<String>,
        found: Vec<String>,
    },
    /// The scenario is not valid: the engine's field and English reason.
    InvalidScenario {
        field: String,
        reason: String,
    },
    /// It does not fit: the first error, which says why.
    DoesNotFit {
        warning: Option<shipshape_capacity::Warning>,
    },
    Warning(shipshape_capacity::Warning),
    /// A quantity is off: its value and the bound it must meet.
    Compare {
        quantity: Quantity,
        value: f64,
        relation: Relation,
        bound: f64,
    },
    /// Parts of the scenario that are the exercise's facts were changed.
    FactsChanged {
        parts: Vec<&'static str>,
    },
    NoAnswer,
    WrongAnswer {
        choice: String,
    },
}

/// How a quantity must relate to its bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    AtLeast,
    AtMost,
    Equals,
}

/// A goal's state.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalResult {
    pub goal: Goal,
    pub met: bool,
    pub problem: Option<Problem>,
}

/// Every goal of an exercise, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub results: Vec<GoalResult>,
}

impl Outcome {
    /// Every goal met.
    pub fn passed(&self) -> bool {
        self.results.iter().all(|r| r.met)
    }

    pub fn met(&self) -> usize {
        self.results.iter().filter(|r| r.met).count()
    }
}

fn result(goal: Goal, problem: Option<Problem>) -> GoalResult {
    GoalResult {
        goal,
        met: problem.is_none(),
        problem,
    }
}

/// Checks the work against every goal of the exercise. Never panics. Work of another kind
/// than the exercise's fails every goal.
///
/// The browser calls the function of its kind ([`check_dockerfile`], [`check_scenario`],
/// [`check_choice`]) so that each tool's bundle holds only the engine it uses.
pub fn check(e: &Exercise, work: &Work<'_>) -> Outcome {
    match (e.kind(), work) {
        (
            Kind::Dockerfile,
            Work::Dockerfile {
                dockerfile,
                dockerignore,
            },
        ) => check_dockerfile(e, dockerfile, dockerignore),
        (Kind::Capacity, Work::ScenarioJson(json)) => check_scenario_json(e, json),
        (Kind::Capacity, Work::Scenario(s)) => check_scenario(e, s),
        (Kind::Concept, Work::Choice(choice)) => check_choice(e, choice),
        _ => every_goal(e, Problem::WrongKind),
    }
}

/// Every goal failing for the same reason.
fn every_goal(e: &Exercise, problem: Problem) -> Outcome {
    Outcome {
        results: goals(e)
            .into_iter()
            .map(|g| result(g, Some(problem.clone())))
            .collect(),
    }
}

/// A Dockerfile and its `.dockerignore` (empty: none) against a Dockerfile exercise.
pub fn check_dockerfile(e: &Exercise, dockerfile: &str, dockerignore: &str) -> Outcome {
    let Some(task) = &e.dockerfile else {
        return every_goal(e, Problem::WrongKind);
    };
    let d = DockerfileWork::new(task, dockerfile, dockerignore);
    Outcome {
        results: goals(e)
            .into_iter()
            .map(|g| result(g, d.problem(e, g)))
            .collect(),
    }
}

/// A scenario's JSON against a capacity exercise.
pub fn check_scenario_json(e: &Exercise, json: &str) -> Outcome {
    match parse_scenario(json) {
        Ok(s) => check_scenario(e, &s),
        Err(err) => invalid_scenario(e, &err.field, &err.reason),
    }
}

/// A scenario against a capacity exercise.
pub fn check_scenario(e: &Exercise, s: &Scenario) -> Outcome {
    match e.capacity.as_ref().map(|t| parse_scenario(&t.start)) {
        Some(Ok(start)) => check_scenario_from(e, s, &start),
        _ => every_goal(e, Problem::WrongKind),
    }
}

/// [`check_scenario`] with the exercise's start already read (the calculator has it as its
/// form): no JSON reader is needed, so the calculator's bundle carries none.
pub fn check_scenario_from(e: &Exercise, s: &Scenario, start: &Scenario) -> Outcome {
    if e.capacity.is_none() {
        return every_goal(e, Problem::WrongKind);
    }
    Outcome {
        results: check_capacity(e, &goals(e), s, start),
    }
}

/// A scenario the calculator could not read (a field that is not a number): every goal
/// waits for it.
pub fn invalid_scenario(e: &Exercise, field: &str, reason: &str) -> Outcome {
    every_goal(
        e,
        Problem::InvalidScenario {
            field: field.to_string(),
            reason: reason.to_string(),
        },
    )
}

/// A choice's id (empty: none yet) against a concept exercise.
pub fn check_choice(e: &Exercise, choice: &str) -> Outcome {
    let Some(c) = &e.concept else {
        return every_goal(e, Problem::WrongKind);
    };
    let problem = if choice.is_empty() {
        Some(Problem::NoAnswer)
    } else if c.answer != choice {
        Some(Problem::WrongAnswer {
            choice: choice.to_string(),
        })
    } else {
        None
    };
    Outcome {
        results: goals(e)
            .into_iter()
            .map(|g| {
                result(
                    g,
                    if g == Goal::Answer {
                        problem.clone()
                    } else {
                        None
                    },
                )
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles

/// Everything the Dockerfile goals read, worked out once.
struct DockerfileWork<'a> {
    task: &'a DockerfileTask,
    df: Dockerfile,
    context: BuildContext,
    facts: ImageFacts,
    findings: Vec<Finding>,
}

impl<'a> DockerfileWork<'a> {
    fn new(task: &'a DockerfileTask, source: &'a str, dockerignore: &str) -> DockerfileWork<'a> {
        let df = parse(source);
        let context = context_of(task, dockerignore);
        let facts = image_facts(&df, None);
        let findings = lint_all(
            &df,
            source,
            &LintOptions {
                context: Some(context.clone()),
                disabled: Vec::new(),
                profile: Default::default(),
            },
        );
        DockerfileWork {
            task,
            df,
            context,
            facts,
            findings,
        }
    }

    fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }

    fn problem(&self, e: &Exercise, goal: Goal) -> Option<Problem> {
        match goal {
            Goal::Parses => self.df.errors().next().map(|d| Problem::ParseError {
                line: d.span.start_pos.line,
                kind: d.kind.clone(),
            }),
            Goal::Check(i) => self.check(e.checks.get(i)?),
            Goal::SameInstalls => self.same_installs(),
            Goal::AppInImage => self.app_in_image(),
            Goal::SameStart => self.same_start(),
            _ => Some(Problem::WrongKind),
        }
    }

    fn check(&self, check: &Check) -> Option<Problem> {
        match check {
            Check::Rebuild {
                changed,
                build_args,
                max_heavy,
                max_rebuilt,
                min_rebuilt,
            } => {
                let changes = Changes {
                    paths: changed.iter().map(|c| c.to_string()).collect(),
                    build_args: build_args
                        .iter()
                        .map(|a| (a.to_string(), "changed".to_string()))
                        .collect(),
                    previous: None,
                };
                let p = plan(&self.df, &self.context, &changes, None);
                let rebuilt: Vec<_> = p.rebuilt().collect();
                let heavy: Vec<(u32, String)> = rebuilt
                    .iter()
                    .filter(|s| s.cost == shipshape_dockerfile::Cost::Heavy)
                    .map(|s| (s.line, s.text.clone()))
                    .collect();
                let too_heavy = max_heavy.is_some_and(|m| heavy.len() > m as usize);
                let too_many = max_rebuilt.is_some_and(|m| rebuilt.len() > m as usize);
                if min_rebuilt.is_some_and(|m| rebuilt.len() < m as usize) {
                    return Some(Problem::TooFewReruns {
                        rebuilt: rebuilt.len() as u32,
                    });
                }
                (too_heavy || too_many).then_some(Problem::Reruns {
                    rebuilt: rebuilt.len() as u32,
                    heavy,
                })
            }
            Check::Finding { rule, present } => {
                let rule = RuleId::from_name(rule)?;
                match (self.finding(rule), present) {
                    (Some(f), false) => Some(Problem::Finding(Box::new(f.clone()))),
                    (None, true) => Some(Problem::FindingMissing { rule }),
                    _ => None,
                }
            }
            Check::NonRootUser => {
                if let Some(f) = self.finding(RuleId::SS007) {
                    return Some(Problem::Finding(Box::new(f.clone())));
                }
                let (user, k) = self.facts.user.clone()?;
                (!self.user_exists(&user)).then(|| Problem::UserMissing {
                    user,
                    line: self.line(k),
                })
            }
            Check::NoBuildTools => self
                .finding(RuleId::SS014)
                .map(|f| Problem::Finding(Box::new(f.clone()))),
            Check::ExecForm => {
                let start = &self.facts.start;
                let Some(k) = start.cmd.or(start.entrypoint) else {
                    return Some(Problem::NoStartCommand);
                };
                let line = self.line(start.entrypoint.unwrap_or(k));
                if !start.exec_form {
                    let shell = [start.entrypoint, start.cmd]
                        .into_iter()
                        .flatten()
                        .find(|&i| {
                            !matches!(
                                self.df.instructions[i].arguments,
                                shipshape_dockerfile::Arguments::Exec(_)
                            )
                        });
                    return Some(Problem::ShellForm {
                        line: self.line(shell.unwrap_or(k)),
                    });
                }
                let argv = &start.argv;
                let wrapped = argv.len() >= 3
                    && is_shell(&argv[0])
                    && argv[1] == "-c"
                    && !argv[2].trim_start().starts_with("exec ");
                let bare_shell = argv.first().is_some_and(|p| is_shell(p)) && argv.len() < 3;
                (wrapped || bare_shell).then_some(Problem::ShellWrapper { line })
            }
            Check::StartHas { args } => {
                let found = command_words(&self.facts.start.argv);
                let missing: Vec<String> = args
                    .iter()
                    .filter(|a| !found.iter().any(|w| w == a.as_ref()))
                    .map(|a| a.to_string())
                    .collect();
                (!missing.is_empty()).then_some(Problem::MissingArgs { args: missing })
            }
            Check::Stage {
                name,
                installs,
                runs,
                outside_final,
            } => {
                let lower = name.to_lowercase();
                let stages = self.df.stages();
                let Some(stage) = stages
                    .iter()
                    .find(|s| s.name.as_deref() == Some(lower.as_str()))
                else {
                    return Some(Problem::NoStage {
                        name: name.to_string(),
                    });
                };
                let facts = image_facts(&self.df, Some(&lower));
                if let Some(manifest) = installs {
                    let installs_it = facts.installs.iter().any(|i| {
                        facts.chain.contains(&i.stage)
                            && i.manifests
                                .iter()
                                .any(|m| m.rsplit('/').next().unwrap_or(m) == manifest.as_ref())
                    });
                    if !installs_it {
                        return Some(Problem::StageDoesNotInstall {
                            name: name.to_string(),
                            manifest: manifest.to_string(),
                        });
                    }
                }
                if let Some(program) = runs {
                    let runs_it = facts
                        .runs
                        .iter()
                        .filter(|r| facts.chain.contains(&r.stage))
                        .any(|r| r.commands.iter().any(|c| runs_program(c, program)));
                    if !runs_it {
                        return Some(Problem::StageDoesNotRun {
                            name: name.to_string(),
                            program: program.to_string(),
                        });
                    }
                }
                (*outside_final && self.facts.needed.contains(&stage.index)).then(|| {
                    Problem::StageInFinal {
                        name: name.to_string(),
                    }
                })
            }
            Check::Ignored { paths } => paths.iter().find_map(|path| {
                let changes = Changes {
                    paths: vec![path.to_string()],
                    build_args: Vec::new(),
                    previous: None,
                };
                let p = plan(&self.df, &self.context, &changes, None);
                let step = p
                    .rebuilt()
                    .find(|s| s.keyword != shipshape_dockerfile::Keyword::From)
                    .map(|s| Problem::NotIgnored {
                        path: path.to_string(),
                        line: s.line,
                        step: s.text.clone(),
                    });
                step
            }),
            _ => Some(Problem::WrongKind),
        }
    }

    fn line(&self, instruction: usize) -> u32 {
        self.df
            .instructions
            .get(instruction)
            .map(|i| i.span.start_pos.line)
            .unwrap_or(0)
    }

    /// Whether the image has this user: a numeric id, one every Debian-based image has, one the
    /// base image provides, or one a RUN of the image creates.
    fn user_exists(&self, user: &str) -> bool {
        let name = user.split(':').next().unwrap_or("").trim();
        if name.is_empty() {
            return false;
        }
        if name.bytes().all(|b| b.is_ascii_digit()) || name.starts_with('$') {
            return true;
        }
        if matches!(name, "nobody" | "daemon" | "www-data") {
            return true;
        }
        // Users the base image provides: distroless's and Chainguard's `nonroot`, the Node
        // images' `node`.
        let base = self.facts.base_image.to_ascii_lowercase();
        let repo = base.split([':', '@']).next().unwrap_or("");
        if (name == "nonroot" && (base.contains("distroless") || base.contains("chainguard")))
            || (name == "node" && (repo == "node" || repo.ends_with("/node")))
        {
            return true;
        }
        self.facts
            .runs
            .iter()
            .filter(|r| self.facts.chain.contains(&r.stage))
            .flat_map(|r| r.commands.iter())
            .any(|c| {
                matches!(c.first().map(String::as_str), Some("useradd" | "adduser"))
                    && c.iter().skip(1).any(|w| w == name)
            })
    }

    fn same_installs(&self) -> Option<Problem> {
        let start = image_facts(&parse(&self.task.start), None);
        let mut missing = Vec::new();
        for install in &start.installs {
            let kept = installs_like(&self.facts, install.ecosystem);
            let reported = missing.iter().any(|m| {
                matches!(m, Missing::Dependencies { tool, .. } if family(*tool) == family(install.ecosystem))
            });
            if !kept && !reported {
                missing.push(Missing::Dependencies {
                    tool: install.ecosystem,
                    line: install.line,
                });
            }
        }
        for (_, manager) in &start.index_updates {
            let kept = self.facts.index_updates.iter().any(|(_, m)| m == manager);
            let reported = missing
                .iter()
                .any(|m| matches!(m, Missing::IndexUpdate { manager: x } if x == manager));
            if !kept && !reported {
                missing.push(Missing::IndexUpdate {
                    manager: manager.to_string(),
                });
            }
        }
        for p in &start.packages {
            let kept = self.facts.packages.iter().any(|q| q.name == p.name);
            let reported = missing
                .iter()
                .any(|m| matches!(m, Missing::Package { name } if *name == p.name));
            if !kept && !reported {
                missing.push(Missing::Package {
                    name: p.name.clone(),
                });
            }
        }
        for command in build_commands(&start) {
            if !build_commands(&self.facts).contains(&command)
                && !missing
                    .iter()
                    .any(|m| matches!(m, Missing::Build { command: c } if *c == command))
            {
                missing.push(Missing::Build { command });
            }
        }
        (!missing.is_empty()).then_some(Problem::MissingInstalls(missing))
    }

    fn app_in_image(&self) -> Option<Problem> {
        let missing: Vec<String> = self
            .task
            .app
            .iter()
            .filter(|f| !self.reaches_image(f))
            .map(|f| f.to_string())
            .collect();
        (!missing.is_empty()).then_some(Problem::AppMissing { files: missing })
    }

    /// A file is in the image (or what is built from it is) when changing it reruns a step of
    /// the final stage because of it: a COPY of it, or a copy from a stage that used it.
    fn reaches_image(&self, file: &str) -> bool {
        let changes = Changes {
            paths: vec![file.to_string()],
            build_args: Vec::new(),
            previous: None,
        };
        let p = plan(&self.df, &self.context, &changes, None);
        let Some(target) = p.target.and_then(|t| p.stages.get(t)) else {
            return false;
        };
        let chain = &self.facts.chain;
        p.stages
            .iter()
            .filter(|s| chain.contains(&s.index) || s.index == target.index)
            .flat_map(|s| s.steps.iter())
            .any(|s| {
                s.status == StepStatus::Rebuilt
                    && match &s.reason {
                        Reason::FilesChanged { files, .. } => files.iter().any(|f| f == file),
                        Reason::SourceStageRebuilt { .. } => true,
                        _ => false,
                    }
            })
    }

    fn same_start(&self) -> Option<Problem> {
        let start = image_facts(&parse(&self.task.start), None);
        let expected = command_words(&start.start.argv);
        let found = command_words(&self.facts.start.argv);
        let same_program = expected.first() == found.first();
        let mut left = found.clone();
        let all_kept = expected
            .iter()
            .all(|w| match left.iter().position(|x| x == w) {
                Some(i) => {
                    left.remove(i);
                    true
                }
                None => false,
            });
        (!(same_program && all_kept)).then_some(Problem::StartChanged { expected, found })
    }
}

fn context_of(task: &DockerfileTask, dockerignore: &str) -> BuildContext {
    BuildContext {
        paths: task.context.iter().map(|c| c.to_string()).collect(),
        dockerignore: (!dockerignore.trim().is_empty()).then(|| Dockerignore::parse(dockerignore)),
    }
}

fn is_shell(program: &str) -> bool {
    let name = program.rsplit('/').next().unwrap_or(program);
    matches!(name, "sh" | "bash" | "ash" | "dash" | "zsh")
}

/// Whether an image installs what an install with `tool` installs: with the same tool, or with
/// a documented equivalent: uv for pip (`uv pip install`, `uv sync`); a requirements file
/// exported by Poetry, uv or Pipenv (`poetry export`, `uv export`, `pipenv requirements`) and
/// installed by pip or uv; npm, Yarn or pnpm for one another's lock files is not one.
fn installs_like(facts: &ImageFacts, tool: Ecosystem) -> bool {
    let has = |e: Ecosystem| facts.installs.iter().any(|i| i.ecosystem == e);
    let runs = |program: &str, sub: &str| {
        facts.runs.iter().flat_map(|r| r.commands.iter()).any(|c| {
            c.first().map(String::as_str) == Some(program)
                && c.get(1).map(String::as_str) == Some(sub)
        })
    };
    let pip_like = has(Ecosystem::Pip) || has(Ecosystem::Uv);
    match tool {
        Ecosystem::Pip => pip_like,
        Ecosystem::Uv => has(Ecosystem::Uv) || (runs("uv", "export") && pip_like),
        Ecosystem::Poetry => has(Ecosystem::Poetry) || (runs("poetry", "export") && pip_like),
        Ecosystem::Pipenv => has(Ecosystem::Pipenv) || (runs("pipenv", "requirements") && pip_like),
        other => facts
            .installs
            .iter()
            .any(|i| family(i.ecosystem) == family(other)),
    }
}

/// The language an ecosystem installs for.
fn family(e: Ecosystem) -> u8 {
    match e {
        Ecosystem::Pip
        | Ecosystem::Poetry
        | Ecosystem::Uv
        | Ecosystem::Pipenv
        | Ecosystem::Conda => 0,
        Ecosystem::Npm | Ecosystem::Yarn | Ecosystem::Pnpm => 1,
        Ecosystem::Go => 2,
        Ecosystem::Cargo => 3,
        Ecosystem::Bundler => 4,
        Ecosystem::Composer => 5,
        Ecosystem::Maven | Ecosystem::Gradle => 6,
        Ecosystem::Dotnet => 7,
    }
}

/// The build commands of an image's RUN steps, as `program subcommand` (`go build`,
/// `npm run build`, `cargo build`...).
fn build_commands(facts: &ImageFacts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in facts.runs.iter().flat_map(|r| r.commands.iter()) {
        let word = |i: usize| c.get(i).map(String::as_str).unwrap_or("");
        let name = match (word(0), word(1)) {
            ("go" | "cargo", "build" | "install") => format!("{} {}", word(0), word(1)),
            ("npm" | "pnpm", "run") if word(2) == "build" => format!("{} run build", word(0)),
            ("yarn" | "pnpm", "build") => format!("{} build", word(0)),
            ("mvn" | "mvnw", "package" | "install" | "verify") => "mvn package".to_string(),
            ("gradle" | "gradlew", "build" | "assemble") => "gradle build".to_string(),
            ("dotnet", "publish" | "build") => format!("dotnet {}", word(1)),
            ("tsc", _) => "tsc".to_string(),
            _ => continue,
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Whether a simple command runs `program` (`pytest`, or `python -m pytest`).
fn runs_program(words: &[String], program: &str) -> bool {
    let p = program.to_ascii_lowercase();
    match words.first().map(String::as_str) {
        Some(first) if first == p => true,
        Some(first) if first.starts_with("python") => {
            words.get(1).map(String::as_str) == Some("-m")
                && words.get(2).map(|w| w.to_ascii_lowercase()) == Some(p)
        }
        Some("uv" | "poetry" | "pipenv") => {
            words.get(1).map(String::as_str) == Some("run")
                && words.iter().skip(2).any(|w| w.to_ascii_lowercase() == p)
        }
        _ => false,
    }
}

/// The words of the long-running command a start command runs: `sh -c` and shell form read as
/// the shell would (the last command of a chain, `exec` dropped), the program's directory
/// dropped, `--flag=value` split in two.
pub(crate) fn command_words(argv: &[String]) -> Vec<String> {
    let words: Vec<String> = if argv.len() >= 3 && is_shell(&argv[0]) && argv[1] == "-c" {
        shell_commands(&argv[2]).pop().unwrap_or_default()
    } else {
        argv.to_vec()
    };
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.into_iter().enumerate() {
        if i == 0 {
            out.push(w.rsplit('/').next().unwrap_or(&w).to_ascii_lowercase());
            continue;
        }
        match w.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                out.push(flag.to_string());
                out.push(value.to_string());
            }
            _ => out.push(w),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Capacity scenarios

fn invalid_results(goals: &[Goal], field: &str, reason: &str) -> Vec<GoalResult> {
    goals
        .iter()
        .map(|g| {
            result(
                *g,
                Some(Problem::InvalidScenario {
                    field: field.to_string(),
                    reason: reason.to_string(),
                }),
            )
        })
        .collect()
}

fn check_capacity(e: &Exercise, goals: &[Goal], s: &Scenario, start: &Scenario) -> Vec<GoalResult> {
    let Some(task) = &e.capacity else {
        return Vec::new();
    };
    let r = match evaluate(s) {
        Ok(r) => r,
        Err(err) => return invalid_results(goals, &err.field, &err.reason),
    };
    goals
        .iter()
        .map(|g| {
            let problem = match g {
                Goal::ValidScenario => None,
                Goal::FactsKept => facts_changed(task, s, start),
                Goal::Check(i) => match e.checks.get(*i) {
                    Some(c) => capacity_check(c, s, &r),
                    None => Some(Problem::WrongKind),
                },
                _ => Some(Problem::WrongKind),
            };
            result(*g, problem)
        })
        .collect()
}

fn capacity_check(check: &Check, s: &Scenario, r: &CapacityResult) -> Option<Problem> {
    match check {
        Check::Fits => (!r.fits).then(|| Problem::DoesNotFit {
            warning: r
                .warnings
                .iter()
                .find(|w| w.severity == shipshape_capacity::Severity::Error)
                .cloned(),
        }),
        Check::NoWarning { code } => {
            let code = crate::catalogue::warning_code(code)?;
            r.warnings
                .iter()
                .find(|w| w.code == code)
                .map(|w| Problem::Warning(w.clone()))
        }
        Check::Compare {
            quantity,
            at_least,
            at_most,
            equals,
            tolerance,
        } => {
            let value = quantity_of(*quantity, s, r);
            let bound = |o: &Operand| match o {
                Operand::Number(n) => *n,
                Operand::Quantity(q) => quantity_of(*q, s, r),
            };
            let tol = tolerance.abs() + 1e-9;
            let off = |relation: Relation, b: f64| Problem::Compare {
                quantity: *quantity,
                value,
                relation,
                bound: b,
            };
            if let Some(b) = at_least.as_ref().map(bound) {
                if value < b - tol {
                    return Some(off(Relation::AtLeast, b));
                }
            }
            if let Some(b) = at_most.as_ref().map(bound) {
                if value > b + tol {
                    return Some(off(Relation::AtMost, b));
                }
            }
            if let Some(b) = equals.as_ref().map(bound) {
                if (value - b).abs() > tol {
                    return Some(off(Relation::Equals, b));
                }
            }
            None
        }
        _ => Some(Problem::WrongKind),
    }
}

/// A quantity for a scenario and its result.
pub(crate) fn quantity_of(q: Quantity, s: &Scenario, r: &CapacityResult) -> f64 {
    match q {
        Quantity::Workers => f64::from(r.workers_per_container),
        Quantity::Containers => r.containers_needed as f64,
        Quantity::ContainersPerNode => r.containers_per_node as f64,
        Quantity::Nodes => r.nodes_needed as f64,
        Quantity::NodeCount => match &s.target {
            Target::Kubernetes(k) => f64::from(k.node_count.unwrap_or(0)),
            _ => 0.0,
        },
        Quantity::ContainerMemoryMib => r.memory.per_container_mib,
        Quantity::MemoryLimitMib => r.memory.limit_mib,
        Quantity::LimitOverUse => {
            if r.memory.per_container_mib > 0.0 {
                r.memory.limit_mib / r.memory.per_container_mib
            } else {
                0.0
            }
        }
        Quantity::WorkerProcessesNeeded => r.cpu.worker_processes_needed as f64,
        Quantity::MaxWorkersThatFit => f64::from(max_workers_that_fit(s, 1024).unwrap_or(0)),
        Quantity::GunicornWorkersForLimit => {
            let mut rule = s.clone();
            rule.workers = WorkerCount::GunicornRule {
                cores: CoresSource::ContainerLimit,
            };
            evaluate(&rule)
                .map(|r| f64::from(r.workers_per_container))
                .unwrap_or(0.0)
        }
    }
}

/// Which of the scenario's facts (everything but the exercise's decisions) differ from the
/// start's. Both come from the same reader (the JSON, or the calculator's form), so a fact
/// left alone is equal to the last bit.
fn facts_changed(task: &CapacityTask, s: &Scenario, start: &Scenario) -> Option<Problem> {
    let mut masked = s.clone();
    for d in task.decisions.iter() {
        match d {
            Decision::Workers => masked.workers = start.workers.clone(),
            Decision::Server => masked.server = start.server.clone(),
            Decision::MemoryLimit => {
                masked.container.memory_limit_mib = start.container.memory_limit_mib;
                masked.container.memory_headroom = start.container.memory_headroom;
            }
            Decision::CpuLimit => {
                masked.container.cpu_limit_cores = start.container.cpu_limit_cores
            }
            Decision::CpuRequest => {
                masked.container.cpu_request_cores = start.container.cpu_request_cores
            }
            Decision::NodeType => {
                if let (Target::Kubernetes(m), Target::Kubernetes(st)) =
                    (&mut masked.target, &start.target)
                {
                    m.node = st.node.clone();
                }
            }
            Decision::NodeCount => {
                if let (Target::Kubernetes(m), Target::Kubernetes(st)) =
                    (&mut masked.target, &start.target)
                {
                    m.node_count = st.node_count;
                }
            }
            Decision::Spares => masked.redundancy = start.redundancy,
        }
    }
    let mut parts = Vec::new();
    if masked.app != start.app {
        parts.push("app");
    }
    if masked.server != start.server {
        parts.push("server");
    }
    if masked.workers != start.workers {
        parts.push("workers");
    }
    if masked.container != start.container {
        parts.push("container");
    }
    if masked.target != start.target {
        parts.push("target");
    }
    if masked.traffic != start.traffic {
        parts.push("traffic");
    }
    if masked.target_utilization != start.target_utilization {
        parts.push("target_utilization");
    }
    if masked.redundancy != start.redundancy {
        parts.push("redundancy");
    }
    (!parts.is_empty()).then_some(Problem::FactsChanged { parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_commands_read_as_the_shell_would() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            command_words(&v(&[
                "/bin/sh",
                "-c",
                "cd /code && exec fastapi run app/main.py --port=80"
            ])),
            v(&["fastapi", "run", "app/main.py", "--port", "80"])
        );
        assert_eq!(
            command_words(&v(&["/usr/local/bin/uvicorn", "app.main:app"])),
            v(&["uvicorn", "app.main:app"])
        );
        assert!(command_words(&[]).is_empty());
    }

    #[test]
    fn pytest_runs_however_it_is_called() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(runs_program(&v(&["pytest", "-q"]), "pytest"));
        assert!(runs_program(&v(&["python", "-m", "pytest"]), "pytest"));
        assert!(runs_program(&v(&["uv", "run", "pytest"]), "pytest"));
        assert!(!runs_program(&v(&["echo", "pytest"]), "pytest"));
    }
}
