//! `shipshape parse FILE [--format json|buildkit]`.

use crate::input::{self, UsageError};
use shipshape_dockerfile::{buildkit, parse};

const USAGE: &str = "usage: shipshape parse FILE [--format json|buildkit]";

pub fn run(args: &[String]) -> i32 {
    match execute(args) {
        Ok(code) => code,
        Err(e) => e.report("parse"),
    }
}

fn execute(args: &[String]) -> Result<i32, UsageError> {
    let mut file = None;
    let mut format = "json".to_string();
    let mut i = 0;
    while i < args.len() {
        let (name, inline) = input::split_option(&args[i]);
        match name {
            "--format" => {
                format = match inline {
                    Some(v) => v.to_string(),
                    None => input::value(args, &mut i, "--format")?.to_string(),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            _ if name.starts_with("--") => {
                return Err(UsageError(format!("unknown option {name}; {USAGE}")));
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
    let file = file.ok_or_else(|| UsageError(USAGE.to_string()))?;
    let source = input::read_text(&file)?;
    let dockerfile = parse(&source);
    match format.as_str() {
        "buildkit" => match buildkit::dump(&dockerfile) {
            Ok(dump) => {
                print!("{dump}");
                Ok(0)
            }
            Err(e) => {
                eprintln!("{file}:{}: {}", e.span.start_pos.line, e.kind);
                Ok(1)
            }
        },
        "json" => {
            let value = crate::tree_json::dockerfile(&dockerfile);
            let text = serde_json::to_string_pretty(&value)
                .map_err(|e| UsageError(format!("cannot encode JSON: {e}")))?;
            println!("{text}");
            Ok(if dockerfile.is_ok() { 0 } else { 1 })
        }
        other => Err(UsageError(format!(
            "unknown format `{other}` (json or buildkit)"
        ))),
    }
}
