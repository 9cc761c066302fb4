//! `shipshape`: the native command line of Shipshape.
//!
//! ```text
//! shipshape rebuild FILE --changed PATH... [--build-arg NAME=VALUE...] [--target STAGE]
//!                   [--context DIR] [--format text|json]
//! shipshape parse FILE [--format json|buildkit]
//! shipshape capacity ...
//! ```
//! Exit codes: 0 success; 1 the Dockerfile has errors (parse) or the plan
//! could not be made as asked (rebuild); 2 bad usage or unreadable input,
//! with one line on standard error.

mod capacity;
mod input;
mod parse_cmd;
mod rebuild_cmd;
mod tree_json;

use std::process::ExitCode;

const USAGE: &str = "\
usage: shipshape <command> [options]

commands:
  rebuild FILE --changed PATH... [--build-arg NAME=VALUE...] [--target STAGE]
          [--context DIR] [--format text|json]
                 which build steps a change reruns, and why
  parse FILE [--format json|buildkit]
                 print the syntax tree (json) or BuildKit's AST dump
  capacity ...   capacity planning (see `shipshape capacity --help`)
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
        "capacity" => capacity::run(rest),
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
