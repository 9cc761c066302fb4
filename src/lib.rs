#![recursion_limit = "256"]
//! Shipshape's web app: the guide reader. Thin by design: the pages come from `content/`
//! (rendered at build time by `shipshape-content`), and the engines live in `crates/`.

pub mod app;
pub mod browser;
pub mod calc;
#[cfg(feature = "ssr")]
pub mod deploy;
pub mod exercise;
pub mod i18n;
pub mod lab;
pub mod nav;
pub mod search;

#[cfg(feature = "hydrate")]
pub mod client;
#[cfg(feature = "hydrate")]
pub mod tools;
