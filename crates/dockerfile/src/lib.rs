//! Shipshape's Dockerfile engine: a BuildKit-faithful parser with source
//! spans on every node, and a rebuild simulation that answers "if I change
//! these files, which steps rebuild, and why?".
//!
//! Architecture invariants: pure Rust, no I/O (callers pass text and path
//! lists), no web dependencies, never panics on any input — it is compiled to
//! WebAssembly for the in-browser lab.
//!
//! * [`parse`] → [`Dockerfile`]: directives, [`Instruction`]s (keyword, [`Flag`]s,
//!   [`Arguments`], [`Heredoc`]s, each with a [`Span`]) and [`Diagnostic`]s
//!   (where: [`Diagnostic::span`]; why: [`diagnostic_text`] in three languages).
//!   Parsing goes on after a bad line, so the stages, the plan and the
//!   findings cover the rest of the file.
//! * [`Dockerfile::stages`] → [`Stage`]s. For a target selector, list them and
//!   pass [`Stage::label`] (the name, or the index of an unnamed stage) to
//!   [`plan`] as the target.
//! * [`plan`] → [`RebuildPlan`]: per stage and step, [`StepStatus`],
//!   a structured [`Reason`] (worded by [`reason_text`] in three languages) and a [`Cost`].
//! * [`lint`] → [`Finding`]s (rule, severity, span, structured [`Message`],
//!   optional [`Fix`]); [`message_text`] words a message in English, Korean
//!   or Japanese.
//! * [`context_sources`], [`suggested_context`]: the context paths a Dockerfile
//!   reads, and a file list to start the lab's build context from.
//! * [`highlight`] → [`HighlightSpan`]s: editor colours from the same parse.
//! * [`facts::image_facts`]: what the image a target builds has and does (stages it needs,
//!   user, start command, installs), for checks that judge an outcome, not a text.
//! * [`buildkit::dump`]: BuildKit's own AST dump, for conformance tests.

pub mod buildkit;
mod check;
pub(crate) mod command;
mod context;
mod diagnostic_text;
pub mod dockerignore;
mod edits;
pub mod facts;
mod highlight;
mod lexer;
mod parser;
mod reasons;
pub mod rebuild;
pub mod rules;
pub mod shell;
pub mod span;
mod stages;
pub mod syntax;

pub use context::{context_sources, suggested_context};
pub use diagnostic_text::diagnostic_text;
pub use dockerignore::Dockerignore;
pub use highlight::{highlight, highlight_parsed, HighlightKind, HighlightSpan};
pub use parser::parse;
pub use reasons::reason_text;
pub use rebuild::{
    plan, BuildContext, Changes, Cost, PlanProblem, Reason, RebuildPlan, StagePlan, StepPlan,
    StepStatus,
};
pub use rules::{
    apply_fix, fix_all, fix_title, lint, lint_all, lint_source, message_text, Finding, Fix, Lang,
    LintOptions, Message, Profile, Refs, RuleId, RuleMeta, Severity as RuleSeverity, StepRef,
    TextEdit,
};
pub use span::{LineIndex, Position, Span};
pub use stages::Stage;
pub use syntax::{
    ArgumentCount, Arguments, Diagnostic, DiagnosticKind, Directive, Dockerfile, Flag, Heredoc,
    Instruction, KeyValue, Keyword, Severity, Word,
};
