//! `shipshape-hook`: the `shipshape` CLI as a binary of the root package, because pre-commit's
//! `rust` hooks install a repository with `cargo install --bins --path .` at its root, and the
//! root package is the web app. It is the same program (`shipshape_cli::main`); the name
//! differs only so that the workspace has one `shipshape` binary.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    shipshape_cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
