//! `shipshape config [FILE]`: the configuration a lint of FILE runs with, and where each value
//! came from (a file and its key, the environment, the command line, or the default).

use crate::config::{Effective, Flags, Kind, Loader};
use crate::input::{self, UsageError};
use serde_json::{json, Value};
use shipshape_dockerfile::{RuleId, RuleSeverity};

const USAGE: &str = "usage: shipshape config [FILE] [--config FILE | --no-config] [--profile default|strict|pedantic] [--fail-level error|warning|info|none] [--context DIR] [--format text|json]  (FILE: the Dockerfile, ./Dockerfile when left out)";

pub fn run(args: &[String]) -> i32 {
    match execute(args) {
        Ok(code) => code,
        Err(e) => e.report("config"),
    }
}

fn execute(args: &[String]) -> Result<i32, UsageError> {
    let mut flags = Flags::default();
    let mut json_out = false;
    let mut file: Option<String> = None;
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
            "--config" => flags.config = Some(take(&mut i)?),
            "--no-config" => flags.no_config = true,
            "--context" => flags.context = Some(take(&mut i)?),
            "--profile" => flags.profile = Some(crate::lint_cmd::profile_of(&take(&mut i)?)?),
            "--fail-level" => {
                flags.failure_level = Some(crate::lint_cmd::fail_level_of(&take(&mut i)?)?)
            }
            "--format" => {
                json_out = match take(&mut i)?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => return Err(UsageError(format!("unknown format {other}; {USAGE}"))),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            _ if name.starts_with("--") => {
                return Err(UsageError(format!("unknown option {name}; {USAGE}")))
            }
            _ if file.is_none() => file = Some(args[i].clone()),
            _ => {
                return Err(UsageError(format!(
                    "unexpected argument {}; {USAGE}",
                    args[i]
                )))
            }
        }
        i += 1;
    }
    if flags.config.is_some() && flags.no_config {
        return Err(UsageError("--config and --no-config: give one".into()));
    }
    let file = file.unwrap_or_else(|| "Dockerfile".to_string());
    let e = Loader::default().effective(&file, &flags)?;
    if json_out {
        println!(
            "{}",
            serde_json::to_string_pretty(&as_json(&file, &e)).unwrap_or_default()
        );
    } else {
        print!("{}", as_text(&file, &e));
    }
    Ok(0)
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Shipshape => "shipshape.toml",
        Kind::Pyproject => "pyproject.toml [tool.shipshape]",
        Kind::Hadolint => "hadolint's configuration, mapped",
    }
}

fn level_name(l: Option<RuleSeverity>) -> &'static str {
    l.map_or("none", |s| s.as_str())
}

fn rules_on(e: &Effective) -> Vec<RuleId> {
    let off = e.disabled();
    RuleId::ALL
        .into_iter()
        .filter(|r| !off.contains(r))
        .filter(|r| e.severity_of(*r, r.severity()).is_some())
        .collect()
}

fn as_text(file: &str, e: &Effective) -> String {
    let mut out = format!("# the configuration `shipshape lint {file}` runs with\n");
    match (&e.file, e.kind) {
        (Some(p), Some(k)) => {
            out.push_str(&format!("# read from {} ({})\n", p.display(), kind_name(k)))
        }
        _ => out.push_str("# no configuration file (defaults)\n"),
    }
    let row = |out: &mut String, setting: String, from: String| {
        out.push_str(&format!("{setting:<40} # {from}\n"));
    };
    row(
        &mut out,
        format!("profile = \"{}\"", e.profile.0.as_str()),
        e.profile.1.describe(),
    );
    row(
        &mut out,
        format!("failure-level = \"{}\"", level_name(e.failure_level.0)),
        e.failure_level.1.describe(),
    );
    match &e.context {
        Some((p, o)) => row(
            &mut out,
            format!("context = \"{}\"", p.display()),
            o.describe(),
        ),
        None => row(
            &mut out,
            "context = (none)".into(),
            "default: rules that need the build context stay silent".into(),
        ),
    }
    match &e.site_url {
        Some((u, o)) => row(&mut out, format!("site-url = \"{u}\""), o.describe()),
        None => row(
            &mut out,
            "site-url = (none)".into(),
            "default: SARIF has no helpUri".into(),
        ),
    }
    if e.ignore.is_empty() {
        row(&mut out, "ignore = []".into(), "default".into());
    }
    for i in &e.ignore {
        let means = if i.rules.is_empty() {
            "no Shipshape rule has this name".to_string()
        } else {
            i.rules
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        row(
            &mut out,
            format!("ignore \"{}\" -> {means}", i.name),
            i.origin.describe(),
        );
    }
    for s in &e.severity {
        row(
            &mut out,
            format!(
                "severity.{} = \"{}\"{}",
                s.rule.as_str(),
                s.severity.map_or("off", |v| v.as_str()),
                if s.name.eq_ignore_ascii_case(s.rule.as_str()) {
                    String::new()
                } else {
                    format!(" (as {})", s.name)
                }
            ),
            s.origin.describe(),
        );
    }
    if !e.matched_overrides.is_empty() {
        let list: Vec<String> = e
            .matched_overrides
            .iter()
            .map(|i| format!("overrides[{i}]"))
            .collect();
        out.push_str(&format!("# {file} matches {}\n", list.join(", ")));
    }
    let on = rules_on(e);
    out.push_str(&format!(
        "# rules that run: {} of {} ({})\n",
        on.len(),
        RuleId::ALL.len(),
        on.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" ")
    ));
    out
}

fn as_json(file: &str, e: &Effective) -> Value {
    let origin = |o: &crate::config::Origin| json!(o.describe());
    json!({
        "dockerfile": file,
        "file": e.file.as_ref().map(|p| p.display().to_string()),
        "kind": e.kind.map(kind_name),
        "profile": { "value": e.profile.0.as_str(), "from": origin(&e.profile.1) },
        "failure-level": { "value": level_name(e.failure_level.0), "from": origin(&e.failure_level.1) },
        "context": e.context.as_ref().map(|(p, o)| json!({ "value": p.display().to_string(), "from": origin(o) })),
        "site-url": e.site_url.as_ref().map(|(u, o)| json!({ "value": u, "from": origin(o) })),
        "ignore": e.ignore.iter().map(|i| json!({
            "name": i.name,
            "rules": i.rules.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "from": origin(&i.origin),
        })).collect::<Vec<_>>(),
        "severity": e.severity.iter().map(|s| json!({
            "rule": s.rule.as_str(),
            "name": s.name,
            "value": s.severity.map_or("off", |v| v.as_str()),
            "from": origin(&s.origin),
        })).collect::<Vec<_>>(),
        "overrides": e.matched_overrides,
        "rules": rules_on(e).iter().map(|r| r.as_str()).collect::<Vec<_>>(),
    })
}
