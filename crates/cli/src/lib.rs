//! `shipshape`: the native command line of Shipshape.
//!
//! ```text
//! shipshape rebuild FILE [--changed PATH...] [--build-arg NAME=VALUE...] [--target STAGE]
//!                   [--previous OLD_FILE | --since GIT_REF] [--context DIR] [--format text|json]
//! shipshape parse FILE [--format json|buildkit]
//! shipshape lint [--format text|json|sarif|github|gitlab|checkstyle|junit] [--lang en|ko|ja]
//!                [--context DIR] [--profile default|strict|pedantic]
//!                [--fail-level error|warning|info|none] [--config FILE | --no-config]
//!                [--since GIT_REF] FILE...
//! shipshape config [FILE] [--config FILE | --no-config] [--format text|json]
//! shipshape rules [--format text|json] [--profile default|strict|pedantic]
//! shipshape fix FILE [--write] [--context DIR]
//! shipshape capacity ...
//! shipshape exercises list|show|check|code|verify ...
//! ```
//! Exit codes: 0 success; 1 the Dockerfile has errors (parse), the plan
//! could not be made as asked (rebuild), or a finding is at or above the
//! fail level (lint); 2 bad usage or unreadable input,
//! with one line on standard error.

mod capacity;
mod config;
mod config_cmd;
mod exercises_cmd;
mod formats;
mod git;
mod input;
mod lint_cmd;
mod parse_cmd;
mod rebuild_cmd;
mod tree_json;

use std::process::ExitCode;

const USAGE: &str = "\
usage: shipshape <command> [options]

commands:
  rebuild FILE [--changed PATH...] [--build-arg NAME=VALUE...] [--target STAGE]
          [--previous OLD_FILE | --since GIT_REF] [--context DIR] [--format text|json]
                 which build steps a change reruns, and why (an edit to the
                 Dockerfile too: --previous, or --since a git ref)
  parse FILE [--format json|buildkit]
                 print the syntax tree (json) or BuildKit's AST dump
  lint [--format text|json|sarif|github|gitlab|checkstyle|junit] [--lang en|ko|ja]
       [--context DIR] [--profile default|strict|pedantic]
       [--fail-level error|warning|info|none] [--config FILE | --no-config]
       [--since GIT_REF] FILE...
                 find cache-breaking order and other mistakes (- reads stdin); the
                 configuration is shipshape.toml, [tool.shipshape] in pyproject.toml
                 or .hadolint.yaml, found from the Dockerfile's directory upwards
  rules [--format text|json] [--profile default|strict|pedantic]
                 every rule: severity, profile, fix, names in hadolint and BuildKit
  config [FILE] [--config FILE | --no-config] [--format text|json]
                 the configuration lint runs FILE with, and where each value came from
  fix FILE [--write] [--context DIR]
                 apply the safe fixes; print the result or rewrite the file
  capacity ...   capacity planning (see `shipshape capacity --help`)
  exercises ...  the onboarding exercises: list, show, check, code, verify
                 (see `shipshape exercises --help`)
";

/// `shipshape 0.1.0 (rules 16, set 3f9a0c12)`: the version and the rule set's, a digest of each
/// rule's id, severity, profile and names elsewhere, which changes whenever a rule is added or
/// changes what it reports; a CI log then says which rules judged the build.
pub fn version() -> String {
    use shipshape_dockerfile::RuleId;
    let mut h: u32 = 0x811c_9dc5;
    for r in RuleId::ALL {
        let refs = r.refs();
        let parts = [r.as_str(), r.severity().as_str(), r.meta().profile.as_str()];
        for p in parts.iter().chain(refs.hadolint).chain(refs.buildkit) {
            for b in p.bytes().chain([0]) {
                h ^= u32::from(b);
                h = h.wrapping_mul(0x0100_0193);
            }
        }
    }
    format!(
        "shipshape {} (rules {}, set {h:08x})",
        env!("CARGO_PKG_VERSION"),
        RuleId::ALL.len()
    )
}

/// The program: arguments from the command line, the exit code back.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run(&args);
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// `shipshape <args>`, returning the exit code.
pub fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return 2;
    };
    match command.as_str() {
        "rebuild" => rebuild_cmd::run(rest),
        "parse" => parse_cmd::run(rest),
        "lint" => lint_cmd::run_lint(rest),
        "rules" => lint_cmd::run_rules(rest),
        "config" => config_cmd::run(rest),
        "fix" => lint_cmd::run_fix(rest),
        "capacity" => capacity::run(rest),
        "exercises" => exercises_cmd::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            0
        }
        "--version" | "-V" | "version" => {
            println!("{}", version());
            0
        }
        other => {
            eprintln!("shipshape: unknown command `{other}` (try `shipshape help`)");
            2
        }
    }
}
