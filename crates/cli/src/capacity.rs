//! `shipshape capacity`: owned by the capacity calculator work (crates/capacity).
//! Placeholder until that subcommand is written; `main.rs` dispatches to `run`.

/// Runs `shipshape capacity ARGS...` and returns the process exit code.
pub fn run(_args: &[String]) -> i32 {
    eprintln!("shipshape capacity: not available in this build yet");
    2
}
