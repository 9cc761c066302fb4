//! Shipshape's onboarding exercises: each one a start, goals and a solution, checked by the
//! Dockerfile and capacity engines by outcome (the rebuild plan, the findings, the image's
//! user and start command, the capacity verdict), never by comparing text.
//!
//! * [`catalogue`]: the guide's exercises, compiled in from `content/` (see `content/README.md`),
//!   with their text in English, Korean and Japanese.
//! * [`goals`] → the checklist of an exercise: its own checks, then the ones that keep the work
//!   honest (a Dockerfile still installs the same dependencies, still puts the app in the image
//!   and still starts it the same way; a scenario keeps its facts).
//! * [`check`] → [`Outcome`]: every goal met or not, and what is still wrong as data
//!   ([`Problem`]), worded by [`words`] in three languages.
//! * [`saved`]: a trainee's work and progress on one exercise, as checked text for the browser.
//! * [`code`]: a completion code (the solved exercises and their solutions, compressed and
//!   checksummed), which a team lead verifies with `shipshape exercises verify`.
//!
//! Architecture invariants: pure Rust over the engines (no I/O, no web dependencies); never
//! panics on any input, whatever the trainee typed or pasted.

pub mod catalogue;
mod check;
pub mod code;
mod model;
pub mod saved;
pub mod words;

pub use check::{
    check, check_choice, check_dockerfile, check_scenario, check_scenario_from,
    check_scenario_json, goals, invalid_scenario, Goal, GoalResult, Missing, Outcome, Problem,
    Relation, Work,
};
pub use model::*;
