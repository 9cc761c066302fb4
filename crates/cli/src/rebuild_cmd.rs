//! `shipshape rebuild`: which steps a change reruns, and why.

use crate::input::{self, UsageError};
use shipshape_dockerfile::dockerignore::candidate_files;
use shipshape_dockerfile::{
    parse, plan, BuildContext, Changes, Cost, Dockerignore, RebuildPlan, StepStatus,
};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

const USAGE: &str = "usage: shipshape rebuild FILE [--changed PATH...] [--build-arg NAME=VALUE...] [--previous OLD_FILE | --since GIT_REF] [--target STAGE] [--context DIR] [--format text|json]";

/// Context listings stop here: a simulation does not need more, and a wrong
/// `--context /` should not walk the whole disk.
const MAX_CONTEXT_FILES: usize = 200_000;

#[derive(Debug, Default)]
struct Options {
    file: Option<String>,
    changed: Vec<String>,
    build_args: Vec<(String, String)>,
    target: Option<String>,
    context: Option<String>,
    json: bool,
    /// The Dockerfile of the last build, to compare with.
    previous: Option<String>,
    /// A git ref: the last build's Dockerfile and the changed files come from git.
    since: Option<String>,
}

pub fn run(args: &[String]) -> i32 {
    match execute(args) {
        Ok(code) => code,
        Err(e) => e.report("rebuild"),
    }
}

fn parse_options(args: &[String]) -> Result<Option<Options>, UsageError> {
    let mut o = Options::default();
    let mut i = 0;
    // `--changed a b c` takes every following plain word.
    let mut in_changed = false;
    while i < args.len() {
        let arg = &args[i];
        let (name, inline) = input::split_option(arg);
        let take = |i: &mut usize| -> Result<String, UsageError> {
            match inline {
                Some(v) => Ok(v.to_string()),
                None => input::value(args, i, name).map(str::to_string),
            }
        };
        match name {
            "--changed" => {
                in_changed = true;
                if let Some(v) = inline {
                    o.changed.push(v.to_string());
                }
            }
            "--build-arg" => {
                in_changed = false;
                let v = take(&mut i)?;
                let (n, val) = v.split_once('=').unwrap_or((v.as_str(), ""));
                if n.is_empty() {
                    return Err(UsageError(format!(
                        "--build-arg needs NAME=VALUE, got `{v}`"
                    )));
                }
                o.build_args.push((n.to_string(), val.to_string()));
            }
            "--target" => {
                in_changed = false;
                o.target = Some(take(&mut i)?);
            }
            "--context" => {
                in_changed = false;
                o.context = Some(take(&mut i)?);
            }
            "--previous" => {
                in_changed = false;
                o.previous = Some(take(&mut i)?);
            }
            "--since" => {
                in_changed = false;
                o.since = Some(take(&mut i)?);
            }
            "--format" => {
                in_changed = false;
                o.json = match take(&mut i)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(UsageError(format!(
                            "unknown format `{other}` (text or json)"
                        )))
                    }
                };
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            _ if name.starts_with("--") => {
                return Err(UsageError(format!("unknown option {name}; {USAGE}")));
            }
            _ if in_changed => o.changed.push(arg.clone()),
            _ if o.file.is_none() => o.file = Some(arg.clone()),
            _ => return Err(UsageError(format!("unexpected argument {arg}; {USAGE}"))),
        }
        i += 1;
    }
    Ok(Some(o))
}

fn execute(args: &[String]) -> Result<i32, UsageError> {
    let Some(o) = parse_options(args)? else {
        return Ok(0);
    };
    let file = o
        .file
        .clone()
        .ok_or_else(|| UsageError(USAGE.to_string()))?;
    let source = input::read_text(&file)?;
    let context_dir = match &o.context {
        Some(c) => PathBuf::from(c),
        None => Path::new(&file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    if !context_dir.is_dir() {
        return Err(UsageError(format!(
            "context {} is not a directory",
            context_dir.display()
        )));
    }
    let context = load_context(&file, &context_dir)?;
    if o.previous.is_some() && o.since.is_some() {
        return Err(UsageError(
            "--previous and --since both name the last build's Dockerfile: give one".into(),
        ));
    }
    let mut paths: Vec<String> = o
        .changed
        .iter()
        .map(|p| context_relative(p, &context_dir))
        .collect();
    let previous = match (&o.previous, &o.since) {
        (Some(p), _) => Some(parse(&input::read_text(p)?)),
        (None, Some(git_ref)) => {
            let since = crate::git::since(git_ref, Path::new(&file), &context_dir)?;
            for p in since.changed {
                if !paths.contains(&p) {
                    paths.push(p);
                }
            }
            Some(parse(&since.dockerfile))
        }
        (None, None) => None,
    };
    let changes = Changes {
        paths,
        build_args: o.build_args.clone(),
        previous,
    };
    let dockerfile = parse(&source);
    for e in dockerfile.errors() {
        eprintln!(
            "{file}:{}: warning: {} (simulating what parsed)",
            e.span.start_pos.line, e.kind
        );
    }
    let result = plan(&dockerfile, &context, &changes, o.target.as_deref());
    for note in result.problems.iter().filter(|p| p.is_note()) {
        eprintln!("shipshape rebuild: note: --build-arg {note}");
    }
    if let Some(problem) = result.problems.iter().find(|p| !p.is_note()) {
        eprintln!("shipshape rebuild: {problem}");
        return Ok(2);
    }
    if o.json {
        println!("{}", render_json(&result));
    } else if o.since.is_some() {
        // A pull request's CI wants one line.
        println!("{}", one_line(&result));
    } else {
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        print!("{}", render_text(&result, colour));
    }
    Ok(0)
}

/// The plan of the change since a git ref, as `rebuild --since` makes it (for `lint --since`).
pub(crate) fn plan_since(
    file: &str,
    source: &str,
    context_dir: &Path,
    git_ref: &str,
) -> Result<RebuildPlan, UsageError> {
    let context = load_context(file, context_dir)?;
    let since = crate::git::since(git_ref, Path::new(file), context_dir)?;
    let changes = Changes {
        paths: since.changed,
        build_args: Vec::new(),
        previous: Some(parse(&since.dockerfile)),
    };
    let result = plan(&parse(source), &context, &changes, None);
    if let Some(problem) = result.problems.iter().find(|p| !p.is_note()) {
        return Err(UsageError(format!("{file}: --since: {problem}")));
    }
    Ok(result)
}

/// Files under the context and the ignore file that applies to it.
pub(crate) fn load_context(dockerfile: &str, dir: &Path) -> Result<BuildContext, UsageError> {
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            if paths.len() >= MAX_CONTEXT_FILES {
                break;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if let Ok(rel) = path.strip_prefix(dir) {
                paths.push(rel.to_string_lossy().replace('\\', "/"));
            }
            if kind.is_dir() {
                pending.push(path);
            }
        }
    }
    let mut dockerignore = None;
    for candidate in candidate_files(dockerfile, &dir.to_string_lossy()) {
        if Path::new(&candidate).is_file() {
            dockerignore = Some(Dockerignore::parse(&input::read_text(&candidate)?));
            break;
        }
    }
    Ok(BuildContext {
        paths,
        dockerignore,
    })
}

/// `--changed` paths may be given relative to the context or as paths on disk.
fn context_relative(path: &str, context: &Path) -> String {
    let p = Path::new(path);
    let absolute = |q: &Path| std::fs::canonicalize(q).ok();
    if let (Some(abs), Some(ctx)) = (absolute(p), absolute(context)) {
        if let Ok(rel) = abs.strip_prefix(&ctx) {
            if p.is_absolute() || !context.join(p).exists() {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
    }
    path.replace('\\', "/")
}

/// The documented JSON shape (field order as documented):
/// `{"stages":[{"name","index","built","steps":[{"line","end_line","instruction","status","reason","cost"}]}]}`.
#[derive(serde::Serialize)]
struct JsonPlan<'a> {
    stages: Vec<JsonStage<'a>>,
}

#[derive(serde::Serialize)]
struct JsonStage<'a> {
    name: Option<&'a str>,
    index: usize,
    built: bool,
    steps: Vec<JsonStep>,
}

#[derive(serde::Serialize)]
struct JsonStep {
    line: u32,
    end_line: u32,
    instruction: &'static str,
    status: &'static str,
    reason: String,
    cost: &'static str,
}

pub fn render_json(plan: &RebuildPlan) -> String {
    let doc = JsonPlan {
        stages: plan
            .stages
            .iter()
            .map(|s| JsonStage {
                name: s.name.as_deref(),
                index: s.index,
                built: s.built,
                steps: s
                    .steps
                    .iter()
                    .map(|st| JsonStep {
                        line: st.line,
                        end_line: st.end_line,
                        instruction: st.keyword.as_str(),
                        status: st.status.as_str(),
                        reason: st.reason.to_string(),
                        cost: st.cost.as_str(),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn paint(text: &str, code: &str, colour: bool) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// "this change reruns 3 steps, 1 heavy (line 5: RUN pip install …)".
pub fn one_line(plan: &RebuildPlan) -> String {
    let rebuilt = plan.rebuilt().count();
    if rebuilt == 0 {
        return "this change reruns no step".to_string();
    }
    let heavy: Vec<String> = plan
        .rebuilt()
        .filter(|s| s.cost == Cost::Heavy)
        .map(|s| format!("line {}: {}", s.line, s.text))
        .collect();
    let steps = if rebuilt == 1 { "step" } else { "steps" };
    match heavy.len() {
        0 => format!("this change reruns {rebuilt} {steps}, none heavy"),
        n => format!(
            "this change reruns {rebuilt} {steps}, {n} heavy ({})",
            heavy.join(", ")
        ),
    }
}

/// A table per stage: line, step, status, cost, reason; then a summary line.
pub fn render_text(plan: &RebuildPlan, colour: bool) -> String {
    let mut out = String::new();
    let width = plan
        .steps()
        .map(|s| s.text.chars().count())
        .max()
        .unwrap_or(10)
        .min(48);
    for stage in &plan.stages {
        let title = match &stage.name {
            Some(n) => format!("stage {} `{n}`", stage.index),
            None => format!("stage {}", stage.index),
        };
        let note = if stage.built { "" } else { " (not built)" };
        out.push_str(&paint(&format!("{title}{note}"), "1", colour));
        out.push('\n');
        for st in &stage.steps {
            let lines = if st.end_line > st.line {
                format!("{}-{}", st.line, st.end_line)
            } else {
                st.line.to_string()
            };
            let status = match st.status {
                StepStatus::Cached => paint("cached   ", "32", colour),
                StepStatus::Rebuilt => paint("rebuilt  ", "33;1", colour),
                StepStatus::NotBuilt => paint("not-built", "2", colour),
            };
            let cost = match st.cost {
                Cost::Heavy => paint("heavy", "31", colour),
                Cost::Light => "light".to_string(),
            };
            let text: String = st.text.chars().take(width).collect();
            out.push_str(&format!(
                "  {lines:>7}  {text:<width$}  {status}  {cost}  {}\n",
                st.reason
            ));
        }
    }
    let rebuilt = plan.rebuilt().count();
    let heavy = plan.heavy_rebuilds();
    out.push_str(&format!(
        "{rebuilt} step{} rebuilt, {heavy} of them heavy\n",
        if rebuilt == 1 { "" } else { "s" }
    ));
    out
}
