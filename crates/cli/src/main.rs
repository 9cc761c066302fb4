//! `shipshape`: the native command line of Shipshape.
//!
//! ```text
//! shipshape rebuild FILE [--changed PATH...] [--build-arg NAME=VALUE...] [--target STAGE]
//!                   [--previous OLD_FILE | --since GIT_REF] [--context DIR] [--format text|json]
//! shipshape parse FILE [--format json|buildkit]
//! shipshape lint [--format text|json|sarif] [--lang en|ko|ja] [--context DIR]
//!                [--profile default|strict|pedantic] [--fail-level error|warning|info|none] FILE...
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
mod exercises_cmd;
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
  lint [--format text|json|sarif] [--lang en|ko|ja] [--context DIR]
       [--profile default|strict|pedantic] [--fail-level error|warning|info|none] FILE...
                 find cache-breaking order and other mistakes (- reads stdin)
  rules [--format text|json] [--profile default|strict|pedantic]
                 every rule: severity, profile, fix, names in hadolint and BuildKit
  fix FILE [--write] [--context DIR]
                 apply the safe fixes; print the result or rewrite the file
  capacity ...   capacity planning (see `shipshape capacity --help`)
  exercises ...  the onboarding exercises: list, show, check, code, verify
                 (see `shipshape exercises --help`)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run(&args);
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn run(args: &[String]) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return 2;
    };
    match command.as_str() {
        "rebuild" => rebuild_cmd::run(rest),
        "parse" => parse_cmd::run(rest),
        "lint" => lint_cmd::run_lint(rest),
        "rules" => lint_cmd::run_rules(rest),
        "fix" => lint_cmd::run_fix(rest),
        "capacity" => capacity::run(rest),
        "exercises" => exercises_cmd::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            0
        }
        "--version" | "-V" => {
            println!("shipshape {}", env!("CARGO_PKG_VERSION"));
            0
        }
        other => {
            eprintln!("shipshape: unknown command `{other}` (try `shipshape help`)");
            2
        }
    }
}
