//! Small helpers for the words Shipshape writes in its three languages, shared by every crate
//! that words a message (the engines, the CLI, the app and its wasm bundles). No dependencies, no
//! tables bigger than a few hundred bytes: it ends up in every bundle that speaks Korean.
//!
//! - [`ko`]: Korean particles (조사) after an inserted word (`pip이`, `uv가`, `3행은`,
//!   `app/main.py를`), and counters in Korean order (`결과 12개`).

#![forbid(unsafe_code)]

pub mod ko;
