//! `shipshape lint` and `shipshape fix`: the rules of the Dockerfile engine
//! on files, as text, JSON or SARIF 2.1.0.

use crate::config::{Flags, Loader};
use crate::formats::{self, RebuildNote};
use crate::input::{self, UsageError};
use crate::rebuild_cmd::{load_context, one_line, plan_since, render_json};
use serde_json::{json, Value};
use shipshape_dockerfile::{
    fix_all, lint, message_text, parse, Finding, Lang, LineIndex, LintOptions, Profile, RuleId,
    RuleSeverity,
};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

const LINT_USAGE: &str = "usage: shipshape lint [--format text|json|sarif|github|gitlab|checkstyle|junit] [--lang en|ko|ja] [--context DIR] [--profile default|strict|pedantic] [--fail-level error|warning|info|none] [--config FILE | --no-config] [--ignore NAME,...] [--no-fail] [--since GIT_REF] FILE...  (- reads standard input; hadolint's -t/--failure-threshold is accepted too)";
const RULES_USAGE: &str =
    "usage: shipshape rules [--format text|json] [--profile default|strict|pedantic]";
const FIX_USAGE: &str = "usage: shipshape fix FILE [--write] [--context DIR]  (the lint's configuration applies: ignored rules are not fixed)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
    Github,
    Gitlab,
    Checkstyle,
    Junit,
}

impl Format {
    fn from_name(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "gitlab" => Format::Gitlab,
            "checkstyle" => Format::Checkstyle,
            "junit" => Format::Junit,
            _ => return None,
        })
    }
}

/// One reported problem: a rule finding or a syntax error.
pub(crate) struct Record {
    pub file: String,
    pub rule: String,
    pub severity: RuleSeverity,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    pub fix: Option<Value>,
    pub fix_title: Option<String>,
    /// The first line of the text the finding points at (stable fingerprints).
    pub snippet: String,
    /// Whether it is at or above its file's failure level.
    pub fails: bool,
    /// The rule (none for `syntax`).
    pub rule_id: Option<RuleId>,
}

/// A record as the JSON output writes it, in the documented field order (serialized directly:
/// building `Value` trees was a sixth of a corpus lint).
#[derive(serde::Serialize)]
struct JsonRecord<'a> {
    file: &'a str,
    rule: &'a str,
    severity: &'static str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    refs: Option<JsonRefs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Value>,
}

#[derive(serde::Serialize)]
struct JsonRefs {
    hadolint: &'static [&'static str],
    buildkit: &'static [&'static str],
}

#[derive(serde::Serialize)]
struct WithRebuild<'a> {
    findings: Vec<JsonRecord<'a>>,
    rebuild: Value,
}

fn json_record(r: &Record) -> JsonRecord<'_> {
    JsonRecord {
        file: &r.file,
        rule: &r.rule,
        severity: r.severity.as_str(),
        line: r.line,
        column: r.column,
        end_line: r.end_line,
        end_column: r.end_column,
        message: &r.message,
        refs: r.rule_id.map(|id| JsonRefs {
            hadolint: id.refs().hadolint,
            buildkit: id.refs().buildkit,
        }),
        fix: r.fix.as_ref(),
    }
}

pub fn run_lint(args: &[String]) -> i32 {
    match lint_files(args) {
        Ok(code) => code,
        Err(e) => e.report("lint"),
    }
}

pub fn run_fix(args: &[String]) -> i32 {
    match fix_file(args) {
        Ok(code) => code,
        Err(e) => e.report("fix"),
    }
}

fn read(file: &str) -> Result<String, UsageError> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        if bytes.contains(&0) {
            return Err(UsageError(
                "standard input looks binary, not a Dockerfile".into(),
            ));
        }
        return String::from_utf8(bytes)
            .map_err(|_| UsageError("standard input is not UTF-8 text".into()));
    }
    input::read_text(file)
}

fn context_of(file: &str, dir: &Path) -> Result<shipshape_dockerfile::BuildContext, UsageError> {
    if !dir.is_dir() {
        return Err(UsageError(format!(
            "context {} is not a directory",
            dir.display()
        )));
    }
    let name = if file == "-" { "Dockerfile" } else { file };
    load_context(name, dir)
}

fn options_for(file: &str, context: Option<&str>) -> Result<LintOptions, UsageError> {
    let mut options = LintOptions::default();
    if let Some(dir) = context {
        options.context = Some(context_of(file, Path::new(dir))?);
    }
    Ok(options)
}

fn lint_files(args: &[String]) -> Result<i32, UsageError> {
    let mut format = Format::Text;
    let mut lang = Lang::En;
    let mut flags = Flags::default();
    let mut since: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let (name, inline) = input::split_option(&args[i]);
        let take = |i: &mut usize| -> Result<String, UsageError> {
            match inline {
                Some(v) => Ok(v.to_string()),
                None => input::value(args, i, name).map(str::to_string),
            }
        };
        match name {
            "--format" => {
                let v = take(&mut i)?;
                format = Format::from_name(&v)
                    .ok_or_else(|| UsageError(format!("unknown format {v}; {LINT_USAGE}")))?;
            }
            "--lang" => {
                let v = take(&mut i)?;
                lang = Lang::from_code(&v)
                    .ok_or_else(|| UsageError(format!("unknown language {v} (en, ko or ja)")))?;
            }
            "--context" => flags.context = Some(take(&mut i)?),
            "--profile" => flags.profile = Some(profile_of(&take(&mut i)?)?),
            "--fail-level" => flags.failure_level = Some(fail_level_of(&take(&mut i)?)?),
            "--config" => flags.config = Some(take(&mut i)?),
            "--no-config" => flags.no_config = true,
            "--since" => since = Some(take(&mut i)?),
            // hadolint's spellings, so a CI line switches by changing the program's name.
            "--ignore" => {
                let v = take(&mut i)?;
                for name in v.split(',').filter(|n| !n.trim().is_empty()) {
                    crate::config::check_ignore_flag(name)?;
                    flags.ignore.push(name.trim().to_string());
                }
            }
            "--no-fail" => flags.failure_level = Some(None),
            "-t" | "--failure-threshold" => {
                let v = take(&mut i)?;
                flags.failure_level = Some(match v.as_str() {
                    "style" => Some(RuleSeverity::Info),
                    "ignore" => None,
                    other => fail_level_of(other)?,
                });
            }
            "-h" | "--help" => {
                println!("{LINT_USAGE}");
                return Ok(0);
            }
            "-" => files.push("-".to_string()),
            _ if name.starts_with("--") => {
                return Err(UsageError(format!("unknown option {name}; {LINT_USAGE}")))
            }
            _ => files.push(args[i].clone()),
        }
        i += 1;
    }
    if files.is_empty() {
        return Err(UsageError(format!("no file given; {LINT_USAGE}")));
    }
    if flags.config.is_some() && flags.no_config {
        return Err(UsageError("--config and --no-config: give one".into()));
    }
    if since.is_some() && files.iter().any(|f| f == "-") {
        return Err(UsageError(
            "--since compares a file with git; standard input has no history".into(),
        ));
    }
    let mut loader = Loader::default();
    let mut records = Vec::new();
    let mut notes: Vec<RebuildNote> = Vec::new();
    let mut plans: Vec<(String, Value)> = Vec::new();
    let mut site_url: Option<String> = None;
    // Read every file and its configuration first (in order: a configuration's notice is
    // printed once, and errors stop the run before anything is printed), then lint the files
    // on every core, then apply each file's configuration to its findings, in file order.
    let mut inputs = Vec::with_capacity(files.len());
    for file in &files {
        let source = read(file)?;
        let config = loader.effective(file, &flags)?;
        let mut options = LintOptions::default();
        if let Some((dir, _)) = &config.context {
            options.context = Some(context_of(file, dir)?);
        }
        options.disabled = config.disabled();
        options.profile = config.profile.0;
        if site_url.is_none() {
            site_url = config.site_url.as_ref().map(|(u, _)| u.clone());
        }
        inputs.push((file, source, config, options));
    }
    let linted = lint_in_parallel(&inputs, lang);
    for ((file, source, config, _), found) in inputs.iter().zip(linted) {
        for mut r in found {
            if let Some(rule) = r.rule_id {
                match config.severity_of(rule, r.severity) {
                    Some(s) => r.severity = s,
                    None => continue,
                }
            }
            r.fails = config
                .failure_level
                .0
                .is_some_and(|level| r.severity >= level);
            records.push(r);
        }
        if let Some(git_ref) = &since {
            let dir = match &config.context {
                Some((d, _)) => d.clone(),
                None => Path::new(file.as_str())
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from(".")),
            };
            let plan = plan_since(file, source, &dir, git_ref)?;
            notes.push(RebuildNote {
                file: file.to_string(),
                summary: format!("since {git_ref}, {}", one_line(&plan)),
            });
            let json: Value = serde_json::from_str(&render_json(&plan)).unwrap_or(Value::Null);
            plans.push((file.to_string(), json));
        }
    }
    let stdout = std::io::stdout();
    let colour =
        format == Format::Text && stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let pretty = |v: &Value| {
        let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.push('\n');
        s
    };
    let rebuild_json = || -> Value {
        Value::Array(
            plans
                .iter()
                .zip(&notes)
                .map(|((file, plan), note)| {
                    json!({ "file": file, "since": since, "summary": note.summary, "plan": plan })
                })
                .collect(),
        )
    };
    let output = match format {
        Format::Text => {
            let mut out = text(&records, colour, lang);
            for n in &notes {
                out.push_str(&format!("{}: {}\n", n.file, n.summary));
            }
            out
        }
        Format::Json => {
            let findings: Vec<JsonRecord> = records.iter().map(json_record).collect();
            let mut s = if since.is_some() {
                serde_json::to_string_pretty(&WithRebuild {
                    findings,
                    rebuild: rebuild_json(),
                })
            } else {
                serde_json::to_string_pretty(&findings)
            }
            .unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Sarif => {
            let mut doc = sarif(&records, &files, site_url.as_deref());
            if since.is_some() {
                doc["runs"][0]["properties"] = json!({ "rebuild": rebuild_json() });
            }
            pretty(&doc)
        }
        Format::Github => formats::github(&records, &notes),
        Format::Gitlab => formats::gitlab(&records),
        Format::Checkstyle => formats::checkstyle(&records, &files),
        Format::Junit => formats::junit(&records, &files, &|r: &Record| r.fails, &notes),
    };
    print!("{output}");
    if matches!(format, Format::Gitlab | Format::Checkstyle) {
        // These formats have no place for it: the summary goes to the log.
        for n in &notes {
            eprintln!("{}: {}", n.file, n.summary);
        }
    }
    let failed = records.iter().any(|r| r.fails);
    Ok(if failed { 1 } else { 0 })
}

/// Each file's findings, in file order, linted on as many threads as the machine has cores
/// (files are independent; a CI runner's cores otherwise sit idle).
fn lint_in_parallel(
    inputs: &[(&String, String, crate::config::Effective, LintOptions)],
    lang: Lang,
) -> Vec<Vec<Record>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(inputs.len().div_ceil(16).max(1));
    if threads <= 1 {
        return inputs
            .iter()
            .map(|(file, source, _, options)| lint_one(file, source, options, lang))
            .collect();
    }
    let chunk = inputs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(file, source, _, options)| lint_one(file, source, options, lang))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

pub(crate) fn fail_level_of(v: &str) -> Result<Option<RuleSeverity>, UsageError> {
    match v {
        "none" => Ok(None),
        other => Ok(Some(RuleSeverity::from_name(other).ok_or_else(|| {
            UsageError(format!(
                "unknown fail level {other} (error, warning, info or none)"
            ))
        })?)),
    }
}

pub(crate) fn profile_of(name: &str) -> Result<Profile, UsageError> {
    Profile::from_name(name).ok_or_else(|| {
        UsageError(format!(
            "unknown profile {name} (default, strict or pedantic)"
        ))
    })
}

/// The names a rule has elsewhere, as JSON: `{"hadolint": ["DL3025"], "buildkit": [...]}`.
fn refs_json(rule: RuleId) -> Value {
    let refs = rule.refs();
    json!({ "hadolint": refs.hadolint, "buildkit": refs.buildkit })
}

/// `shipshape rules`: every rule with its severity, profile, fix, names elsewhere and page.
pub fn run_rules(args: &[String]) -> i32 {
    match list_rules(args) {
        Ok(code) => code,
        Err(e) => e.report("rules"),
    }
}

fn list_rules(args: &[String]) -> Result<i32, UsageError> {
    let mut json_out = false;
    let mut profile = Profile::Pedantic;
    let mut i = 0;
    while i < args.len() {
        let (name, inline) = input::split_option(&args[i]);
        let take = |i: &mut usize| -> Result<String, UsageError> {
            match inline {
                Some(v) => Ok(v.to_string()),
                None => input::value(args, i, name).map(str::to_string),
            }
        };
        match name {
            "--format" => {
                json_out = match take(&mut i)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(UsageError(format!("unknown format {other}; {RULES_USAGE}")))
                    }
                }
            }
            "--profile" => profile = profile_of(&take(&mut i)?)?,
            "-h" | "--help" => {
                println!("{RULES_USAGE}");
                return Ok(0);
            }
            other => {
                return Err(UsageError(format!(
                    "unknown argument {other}; {RULES_USAGE}"
                )))
            }
        }
        i += 1;
    }
    let rules: Vec<RuleId> = profile.rules().collect();
    if json_out {
        let list: Vec<Value> = rules
            .iter()
            .map(|&r| {
                json!({
                    "id": r.as_str(),
                    "title": r.title(),
                    "severity": r.severity().as_str(),
                    "profile": r.meta().profile.as_str(),
                    "fix": r.meta().fixable,
                    "refs": refs_json(r),
                    "guide": format!("/en/{}/", r.guide()),
                    "page": format!("/en/rules/{}/", r.as_str()),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    } else {
        for r in rules {
            let refs = r.refs();
            let names: Vec<&str> = refs.hadolint.iter().chain(refs.buildkit).copied().collect();
            println!(
                "{}  {:<7}  {:<8}  {}  {}{}",
                r.as_str(),
                r.severity().as_str(),
                r.meta().profile.as_str(),
                if r.meta().fixable { "fix" } else { "   " },
                r.title(),
                if names.is_empty() {
                    String::new()
                } else {
                    format!(" (also {})", names.join(", "))
                }
            );
        }
    }
    Ok(0)
}

fn lint_one(file: &str, source: &str, options: &LintOptions, lang: Lang) -> Vec<Record> {
    let dockerfile = parse(source);
    let index = LineIndex::new(source);
    let mut records: Vec<Record> = dockerfile
        .errors()
        .map(|d| Record {
            file: file.to_string(),
            rule: "syntax".into(),
            severity: RuleSeverity::Error,
            line: d.span.start_pos.line,
            column: d.span.start_pos.column,
            end_line: d.span.end_pos.line,
            end_column: d.span.end_pos.column,
            message: d.kind.to_string(),
            fix: None,
            fix_title: None,
            snippet: snippet(source, d.span.start),
            fails: false,
            rule_id: None,
        })
        .collect();
    for f in lint(&dockerfile, source, options) {
        records.push(record(file, source, &index, &f, lang));
    }
    records
}

fn record(file: &str, source: &str, index: &LineIndex, f: &Finding, lang: Lang) -> Record {
    let fix_title = f
        .fix
        .as_ref()
        .map(|_| shipshape_dockerfile::fix_title(&f.message, lang));
    let fix = f.fix.as_ref().map(|fix| {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let a = index.position(source, e.range.start);
                let b = index.position(source, e.range.end);
                json!({
                    "start": e.range.start, "end": e.range.end,
                    "start_line": a.line, "start_column": a.column,
                    "end_line": b.line, "end_column": b.column,
                    "replacement": e.replacement,
                })
            })
            .collect();
        json!({ "title": fix_title.clone().unwrap_or_default(), "edits": edits })
    });
    Record {
        file: file.to_string(),
        rule: f.rule.as_str().to_string(),
        severity: f.severity,
        line: f.span.start_pos.line,
        column: f.span.start_pos.column,
        end_line: f.span.end_pos.line,
        end_column: f.span.end_pos.column,
        message: message_text(&f.message, lang),
        fix,
        fix_title,
        snippet: snippet(source, f.span.start),
        fails: false,
        rule_id: Some(f.rule),
    }
}

/// The line of `source` that holds byte `at`.
fn snippet(source: &str, at: usize) -> String {
    let at = at.min(source.len());
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    source.get(start..end).unwrap_or("").to_string()
}

fn text(records: &[Record], colour: bool, lang: Lang) -> String {
    let mut out = String::new();
    for r in records {
        let (on, off) = match (colour, r.severity) {
            (false, _) => ("", ""),
            (true, RuleSeverity::Error) => ("\x1b[31m", "\x1b[0m"),
            (true, RuleSeverity::Warning) => ("\x1b[33m", "\x1b[0m"),
            (true, RuleSeverity::Info) => ("\x1b[36m", "\x1b[0m"),
        };
        out.push_str(&format!(
            "{}:{}:{}: {on}{}{off} {}: {}\n",
            r.file,
            r.line,
            r.column,
            r.severity.as_str(),
            r.rule,
            r.message
        ));
        if let Some(t) = &r.fix_title {
            let label = match lang {
                Lang::En => "fix available",
                Lang::Ko => "자동 수정 가능",
                Lang::Ja => "自動修正あり",
            };
            out.push_str(&format!("  {label}: {t} (shipshape fix)\n"));
        }
    }
    let count = |s: RuleSeverity| records.iter().filter(|r| r.severity == s).count();
    out.push_str(&format!(
        "{} error(s), {} warning(s), {} info\n",
        count(RuleSeverity::Error),
        count(RuleSeverity::Warning),
        count(RuleSeverity::Info)
    ));
    out
}

fn sarif_level(s: RuleSeverity) -> &'static str {
    match s {
        RuleSeverity::Error => "error",
        RuleSeverity::Warning => "warning",
        RuleSeverity::Info => "note",
    }
}

fn sarif(records: &[Record], files: &[String], site_url: Option<&str>) -> Value {
    let rules: Vec<Value> = RuleId::ALL
        .iter()
        .map(|r| {
            let mut d = json!({
                "id": r.as_str(),
                "shortDescription": { "text": r.title() },
                "defaultConfiguration": { "level": sarif_level(r.severity()) },
                "properties": { "refs": refs_json(*r), "profile": r.meta().profile.as_str() },
            });
            // Only a real address: without one the field is left out.
            if let Some(site) = site_url {
                d["helpUri"] = json!(format!("{site}/en/rules/{}/", r.as_str()));
            }
            d
        })
        .collect();
    let uri = |f: &str| {
        if f == "-" {
            "stdin".to_string()
        } else {
            f.replace('\\', "/")
        }
    };
    let results: Vec<Value> = records
        .iter()
        .map(|r| {
            let mut result = json!({
                "ruleId": r.rule,
                "level": sarif_level(r.severity),
                "message": { "text": r.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.file) },
                        "region": {
                            "startLine": r.line, "startColumn": r.column,
                            "endLine": r.end_line, "endColumn": r.end_column,
                        }
                    }
                }],
            });
            if let Some(i) = r.rule_id.and_then(|id| RuleId::ALL.iter().position(|x| *x == id)) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &r.fix {
                let replacements: Vec<Value> = fix["edits"]
                    .as_array()
                    .map(|edits| {
                        edits
                            .iter()
                            .map(|e| {
                                let start = e["start"].as_u64().unwrap_or(0);
                                let end = e["end"].as_u64().unwrap_or(start);
                                json!({
                                    "deletedRegion": { "byteOffset": start, "byteLength": end.saturating_sub(start) },
                                    "insertedContent": { "text": e["replacement"] },
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                result["fixes"] = json!([{
                    "description": { "text": fix["title"] },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri(&r.file) },
                        "replacements": replacements,
                    }],
                }]);
            }
            result
        })
        .collect();
    let artifacts: Vec<Value> = files
        .iter()
        .map(|f| json!({ "location": { "uri": uri(f) } }))
        .collect();
    let mut driver = json!({
        "name": "shipshape",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(site) = site_url {
        driver["informationUri"] = json!(format!("{site}/"));
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "artifacts": artifacts,
            "results": results,
        }],
    })
}

fn fix_file(args: &[String]) -> Result<i32, UsageError> {
    let mut file = None;
    let mut write = false;
    let mut context = None;
    let mut i = 0;
    while i < args.len() {
        let (name, inline) = input::split_option(&args[i]);
        match name {
            "--write" => write = true,
            "--context" => {
                context = Some(match inline {
                    Some(v) => v.to_string(),
                    None => input::value(args, &mut i, name)?.to_string(),
                })
            }
            "-h" | "--help" => {
                println!("{FIX_USAGE}");
                return Ok(0);
            }
            _ if name.starts_with("--") => {
                return Err(UsageError(format!("unknown option {name}; {FIX_USAGE}")))
            }
            _ if file.is_none() => file = Some(args[i].clone()),
            _ => {
                return Err(UsageError(format!(
                    "unexpected argument {}; {FIX_USAGE}",
                    args[i]
                )))
            }
        }
        i += 1;
    }
    let file = file.ok_or_else(|| UsageError(format!("no file given; {FIX_USAGE}")))?;
    if write && file == "-" {
        return Err(UsageError(
            "--write needs a file, not standard input".into(),
        ));
    }
    let source = read(&file)?;
    // The same configuration as lint: an ignored rule's fix is not applied either.
    let config = Loader::default().effective(
        &file,
        &Flags {
            context: context.clone(),
            ..Flags::default()
        },
    )?;
    let mut options = options_for(
        &file,
        config
            .context
            .as_ref()
            .map(|(d, _)| d.to_string_lossy().into_owned())
            .as_deref(),
    )?;
    options.disabled = config.disabled();
    options.profile = config.profile.0;
    for rule in RuleId::ALL {
        if config.severity_of(rule, rule.severity()).is_none() && !options.disabled.contains(&rule)
        {
            options.disabled.push(rule);
        }
    }
    let (fixed, rules) = fix_all(&source, &options, 50);
    if write {
        if fixed != source {
            std::fs::write(&file, &fixed)
                .map_err(|e| UsageError(format!("cannot write {file}: {e}")))?;
        }
        let names: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
        if names.is_empty() {
            eprintln!("{file}: nothing to fix");
        } else {
            eprintln!("{file}: fixed {}", names.join(", "));
        }
    } else {
        print!("{fixed}");
    }
    Ok(0)
}
