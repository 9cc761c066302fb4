//! `shipshape exercises`: the onboarding exercises, checked on the command line as in the
//! browser, and completion codes that a team lead verifies without any server.
//!
//! ```text
//! shipshape exercises list [--format text|json] [--lang L]
//! shipshape exercises show ID [--format text|json] [--lang L]
//! shipshape exercises check ID FILE [--dockerignore FILE] [--format text|json] [--lang L]
//! shipshape exercises code [--name NAME] ID=FILE...
//! shipshape exercises verify CODE|FILE|- [--format text|json] [--lang L]
//! ```
//! Exit codes: `check` 0 when every goal is met, 1 when one is not; `code` 0 when every
//! exercise given passes (the code is written either way), 1 otherwise; `verify` 0 only when
//! the code holds exercises and every one still passes, 1 otherwise; 2 for bad usage or input
//! (an unknown exercise, an unreadable file, a malformed, cut or altered code), with one line on
//! standard error.

use std::io::Read;
use std::path::Path;

use serde_json::{json, Value};
use shipshape_dockerfile::dockerignore::candidate_files;
use shipshape_exercises::catalogue::{self, Lang};
use shipshape_exercises::code::{self, Code, Entry};
use shipshape_exercises::{check, goals, words, Exercise, Goal, Kind, Outcome};

use crate::input::{self, UsageError};

const USAGE: &str = "\
usage: shipshape exercises <command>

  list [--format text|json] [--lang en|ko|ja]
        the exercises: id, kind, part, title
  show ID [--format text|json] [--lang L]
        an exercise: its task, start files, checks and solution
  check ID FILE [--dockerignore FILE] [--format text|json] [--lang L]
        check a Dockerfile (or a capacity scenario's JSON, or a file holding a concept
        exercise's answer) against the exercise; exit 0 when every goal is met, 1 if not
  code [--name NAME] ID=FILE...
        write a completion code holding these exercises' work
  verify CODE|FILE|- [--format text|json] [--lang L]
        check every exercise in a completion code again; exit 0 only when all pass";

#[derive(Debug, Default)]
struct Options {
    words: Vec<String>,
    json: bool,
    lang: Option<Lang>,
    dockerignore: Option<String>,
    name: String,
}

fn parse_options(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options::default();
    let mut i = 0;
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
            "--format" => {
                o.json = match take(&mut i)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(UsageError(format!(
                            "--format takes text or json, not `{other}`"
                        )))
                    }
                }
            }
            "--lang" => {
                let v = take(&mut i)?;
                o.lang =
                    Some(Lang::from_code(&v).ok_or_else(|| {
                        UsageError(format!("--lang takes en, ko or ja, not `{v}`"))
                    })?);
            }
            "--dockerignore" => o.dockerignore = Some(take(&mut i)?),
            "--name" => o.name = take(&mut i)?,
            "-" => o.words.push(arg.clone()),
            _ if arg.starts_with('-') => {
                return Err(UsageError(format!("unknown option {arg}")));
            }
            _ => o.words.push(arg.clone()),
        }
        i += 1;
    }
    Ok(o)
}

pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return 2;
    };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        println!("{USAGE}");
        return 0;
    }
    let result = parse_options(rest).and_then(|o| match command.as_str() {
        "list" => list(&o),
        "show" => show(&o),
        "check" => check_cmd(&o),
        "code" => code_cmd(&o),
        "verify" => verify(&o),
        other => Err(UsageError(format!(
            "unknown command `{other}` (list, show, check, code or verify)"
        ))),
    });
    match result {
        Ok(code) => code,
        Err(e) => e.report("exercises"),
    }
}

fn lang_of(o: &Options) -> Lang {
    o.lang.unwrap_or(Lang::En)
}

fn exercise(id: &str) -> Result<&'static Exercise, UsageError> {
    catalogue::get(id).ok_or_else(|| {
        UsageError(format!(
            "no exercise is called `{id}` (`shipshape exercises list` lists them)"
        ))
    })
}

fn title(e: &Exercise, lang: Lang) -> String {
    catalogue::text(&e.id, lang)
        .map(|t| t.title.to_string())
        .unwrap_or_default()
}

fn goal_key(e: &Exercise, g: Goal) -> String {
    match g {
        Goal::Check(i) => format!(
            "check:{}",
            e.checks.get(i).map(catalogue::check_name).unwrap_or("")
        ),
        Goal::Parses => "parses".into(),
        Goal::SameInstalls => "same_installs".into(),
        Goal::AppInImage => "app_in_image".into(),
        Goal::SameStart => "same_start".into(),
        Goal::ValidScenario => "valid_scenario".into(),
        Goal::FactsKept => "facts_kept".into(),
        Goal::Answer => "answer".into(),
    }
}

fn list(o: &Options) -> Result<i32, UsageError> {
    if !o.words.is_empty() {
        return Err(UsageError(format!(
            "list takes no arguments, got `{}`",
            o.words.join(" ")
        )));
    }
    let lang = lang_of(o);
    if o.json {
        let items: Vec<Value> = catalogue::all()
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "kind": e.kind().as_str(),
                    "part": e.part.id(),
                    "title": title(e, lang),
                    "practises": e.practises,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        );
        return Ok(0);
    }
    let width = catalogue::all()
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0);
    for e in catalogue::all() {
        println!(
            "{:<width$}  {:<10}  {:<10}  {}",
            e.id,
            e.kind().as_str(),
            e.part.id(),
            title(e, lang)
        );
    }
    Ok(0)
}

fn start_and_solution(e: &Exercise, lang: Lang) -> (Value, Value) {
    let parsed = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    if let Some(t) = &e.dockerfile {
        (
            json!({
                "dockerfile": t.start,
                "dockerignore": t.start_dockerignore,
                "context": t.context,
                "app": t.app,
                "changed": t.changed,
            }),
            json!({ "dockerfile": t.solution, "dockerignore": t.solution_dockerignore }),
        )
    } else if let Some(t) = &e.capacity {
        (
            json!({ "scenario": parsed(&t.start), "decisions": t.decisions }),
            json!({ "scenario": parsed(&t.solution) }),
        )
    } else if let Some(c) = &e.concept {
        let text = catalogue::text(&e.id, lang);
        let choices: Vec<Value> = c
            .choices
            .iter()
            .map(|id| {
                let t = text.and_then(|t| t.choices.iter().find(|x| x.id == *id));
                json!({
                    "id": id,
                    "label": t.map(|t| t.label.to_string()),
                    "why": t.map(|t| t.why.to_string()),
                })
            })
            .collect();
        (json!({ "choices": choices }), json!({ "answer": c.answer }))
    } else {
        (Value::Null, Value::Null)
    }
}

fn show(o: &Options) -> Result<i32, UsageError> {
    let [id] = o.words.as_slice() else {
        return Err(UsageError("show takes one exercise id".into()));
    };
    let e = exercise(id)?;
    let lang = lang_of(o);
    let text = catalogue::text(&e.id, lang);
    let (start, solution) = start_and_solution(e, lang);
    if o.json {
        let goals: Vec<Value> = goals(e)
            .into_iter()
            .map(|g| json!({ "goal": goal_key(e, g), "label": words::goal_label(e, g, lang) }))
            .collect();
        let out = json!({
            "id": e.id,
            "kind": e.kind().as_str(),
            "part": e.part.id(),
            "practises": e.practises,
            "title": text.map(|t| t.title.to_string()),
            "task": text.map(|t| t.task.to_string()),
            "hints": text.map(|t| t.hints.to_vec()),
            "explanation": text.map(|t| t.explanation.to_string()),
            "start": start,
            "checks": e.checks,
            "goals": goals,
            "solution": solution,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(0);
    }
    println!(
        "{} ({}, {})",
        title(e, lang),
        e.kind().as_str(),
        e.part.id()
    );
    if let Some(t) = text {
        println!("\n{}", t.task.trim());
    }
    println!();
    for g in goals(e) {
        println!("  - {}", words::goal_label(e, g, lang));
    }
    if let Some(t) = &e.dockerfile {
        println!("\n--- Dockerfile (start)\n{}", t.start.trim_end());
        if !t.start_dockerignore.trim().is_empty() {
            println!(
                "\n--- .dockerignore (start)\n{}",
                t.start_dockerignore.trim_end()
            );
        }
        println!("\n--- context\n{}", t.context.join("\n"));
    } else if let Some(t) = &e.capacity {
        let pretty = serde_json::from_str::<Value>(&t.start)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_default();
        println!("\n--- scenario (start)\n{pretty}");
    } else if let (Some(c), Some(t)) = (&e.concept, text) {
        println!();
        for id in c.choices.iter() {
            if let Some(choice) = t.choices.iter().find(|x| x.id == *id) {
                println!("  [{id}] {}", choice.label);
            }
        }
    }
    Ok(0)
}

/// Reads the work for an exercise from a file: a Dockerfile (with its `.dockerignore`, given or
/// found as BuildKit would), a scenario's JSON, or a concept exercise's answer.
fn read_work(
    e: &Exercise,
    path: &str,
    dockerignore: Option<&str>,
) -> Result<Vec<String>, UsageError> {
    let text = if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|err| UsageError(format!("cannot read standard input: {err}")))?;
        s
    } else {
        input::read_text(path)?
    };
    Ok(match e.kind() {
        Kind::Dockerfile => {
            let ignore = match dockerignore {
                Some(p) => input::read_text(p)?,
                None if path == "-" => String::new(),
                None => {
                    let dir = Path::new(path)
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .unwrap_or(Path::new("."));
                    let mut found = String::new();
                    for candidate in candidate_files(path, &dir.to_string_lossy()) {
                        if Path::new(&candidate).is_file() {
                            found = input::read_text(&candidate)?;
                            break;
                        }
                    }
                    found
                }
            };
            vec![text, ignore]
        }
        Kind::Capacity => {
            // Refuse what is not JSON here, with the engine's own words, rather than later.
            shipshape_capacity::parse_scenario(&text)
                .map_err(|err| UsageError(format!("{path}: {err}")))?;
            vec![text]
        }
        Kind::Concept => {
            let choice = text.trim().to_string();
            let known = e
                .concept
                .as_ref()
                .is_some_and(|c| c.choices.iter().any(|x| *x == choice));
            if !known {
                let choices = e
                    .concept
                    .as_ref()
                    .map(|c| c.choices.join(", "))
                    .unwrap_or_default();
                return Err(UsageError(format!(
                    "{path}: `{choice}` is not one of the answers ({choices})"
                )));
            }
            vec![choice]
        }
    })
}

fn outcome_json(e: &Exercise, outcome: &Outcome, lang: Lang) -> Value {
    let goals: Vec<Value> = outcome
        .results
        .iter()
        .map(|r| {
            json!({
                "goal": goal_key(e, r.goal),
                "label": words::goal_label(e, r.goal, lang),
                "met": r.met,
                "problem": r.problem.as_ref().map(|p| words::problem(e, p, lang)),
            })
        })
        .collect();
    json!({ "id": e.id, "passed": outcome.passed(), "goals": goals })
}

fn print_outcome(e: &Exercise, outcome: &Outcome, lang: Lang) {
    let w = words::cli(lang);
    println!("{}: {}", e.id, title(e, lang));
    for r in &outcome.results {
        let mark = if r.met { "✓" } else { "✗" };
        println!("  {mark} {}", words::goal_label(e, r.goal, lang));
        if let Some(p) = &r.problem {
            println!("      {}", words::problem(e, p, lang));
        }
    }
    println!(
        "{}/{} {}: {}",
        outcome.met(),
        outcome.results.len(),
        w.goals_met,
        if outcome.passed() {
            w.passed
        } else {
            w.not_yet
        }
    );
}

fn check_cmd(o: &Options) -> Result<i32, UsageError> {
    let [id, file] = o.words.as_slice() else {
        return Err(UsageError(
            "check takes an exercise id and a file: shipshape exercises check ID FILE".into(),
        ));
    };
    let e = exercise(id)?;
    let lang = lang_of(o);
    let fields = read_work(e, file, o.dockerignore.as_deref())?;
    let work = code::work_of(e.kind(), &fields).ok_or_else(|| {
        UsageError(format!(
            "{file}: not work for a {} exercise",
            e.kind().as_str()
        ))
    })?;
    let outcome = check(e, &work);
    if o.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome_json(e, &outcome, lang)).unwrap_or_default()
        );
    } else {
        print_outcome(e, &outcome, lang);
    }
    Ok(if outcome.passed() { 0 } else { 1 })
}

fn code_cmd(o: &Options) -> Result<i32, UsageError> {
    if o.words.is_empty() {
        return Err(UsageError(
            "code takes ID=FILE for each solved exercise".into(),
        ));
    }
    let mut c = Code {
        name: o.name.clone(),
        entries: Vec::new(),
    };
    let mut all_pass = true;
    for word in &o.words {
        let (id, file) = word
            .split_once('=')
            .filter(|(id, file)| !id.is_empty() && !file.is_empty())
            .ok_or_else(|| UsageError(format!("`{word}`: write ID=FILE")))?;
        let e = exercise(id)?;
        if c.entries.iter().any(|x| x.id == id) {
            return Err(UsageError(format!("`{id}` is given twice")));
        }
        let work = read_work(e, file, None)?;
        let passed = code::work_of(e.kind(), &work).is_some_and(|w| check(e, &w).passed());
        if !passed {
            all_pass = false;
            eprintln!(
                "shipshape exercises: {id}: {file} does not pass yet (`shipshape exercises check {id} {file}` says why)"
            );
        }
        c.entries.push(Entry {
            id: id.to_string(),
            with_solution: false,
            work,
        });
    }
    println!("{}", code::encode(&c));
    Ok(if all_pass { 0 } else { 1 })
}

fn read_code(arg: &str) -> Result<String, UsageError> {
    if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|err| UsageError(format!("cannot read standard input: {err}")))?;
        return Ok(s);
    }
    if arg.trim_start().starts_with(code::PREFIX) {
        return Ok(arg.to_string());
    }
    if Path::new(arg).is_file() {
        return input::read_text(arg);
    }
    Err(UsageError(format!(
        "`{}` is neither a completion code (they start with {}) nor a file",
        arg.chars().take(40).collect::<String>(),
        code::PREFIX
    )))
}

fn verify(o: &Options) -> Result<i32, UsageError> {
    let [arg] = o.words.as_slice() else {
        return Err(UsageError(
            "verify takes one completion code, a file holding one, or - for standard input".into(),
        ));
    };
    let text = read_code(arg)?;
    let c = code::decode(&text).map_err(|err| UsageError(err.to_string()))?;
    let lang = lang_of(o);
    let w = words::cli(lang);
    let checked = code::verify(&c, catalogue::get);
    let all = !checked.is_empty() && checked.iter().all(|v| v.passes());
    if o.json {
        let items: Vec<Value> = checked
            .iter()
            .map(|v| match (v.exercise, &v.outcome) {
                (Some(e), Some(outcome)) => {
                    let mut item = outcome_json(e, outcome, lang);
                    item["with_solution"] = json!(v.entry.with_solution);
                    item["title"] = json!(title(e, lang));
                    item
                }
                (e, _) => json!({
                    "id": v.entry.id,
                    "passed": false,
                    "known": e.is_some(),
                    "with_solution": v.entry.with_solution,
                }),
            })
            .collect();
        let out = json!({ "name": c.name, "passed": all, "exercises": items });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        if !c.name.is_empty() {
            println!("{}", c.name);
        }
        let width = checked
            .iter()
            .map(|v| v.entry.id.chars().count())
            .max()
            .unwrap_or(0);
        for v in &checked {
            let state = match (&v.exercise, &v.outcome) {
                (None, _) => "unknown exercise".to_string(),
                (Some(_), None) => "not work for this exercise".to_string(),
                (Some(_), Some(out)) => format!(
                    "{} ({}/{})",
                    if out.passed() { w.passed } else { w.not_yet },
                    out.met(),
                    out.results.len()
                ),
            };
            let how = if v.entry.with_solution {
                w.with_solution
            } else {
                ""
            };
            let title = v.exercise.map(|e| title(e, lang)).unwrap_or_default();
            println!(
                "{:<width$}  {:<18}  {}{}",
                v.entry.id,
                state,
                title,
                if how.is_empty() {
                    String::new()
                } else {
                    format!(" [{how}]")
                }
            );
        }
        println!("{}", if all { w.all_pass } else { w.some_fail });
    }
    Ok(if all { 0 } else { 1 })
}
