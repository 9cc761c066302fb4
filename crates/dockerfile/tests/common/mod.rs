//! Shared helpers for tests that read the third-party data in `../shared`.

use std::path::PathBuf;

/// `<repo root>/../shared`, or `None` (after a one-line notice) when it is absent: on a
/// contributor's clone without it, tests that need it skip. In CI (`CI` or
/// `SHIPSHAPE_REQUIRE_SHARED` set, as `.ci/run` does) its absence fails the test instead, so CI
/// can never pass without the conformance and corpus data.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let repo_root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = repo_root.join("../shared").join(what);
    if dir.is_dir() {
        return Some(dir);
    }
    let required = ["CI", "SHIPSHAPE_REQUIRE_SHARED"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|x| !x.is_empty() && x != "0" && x != "false"));
    assert!(
        !required,
        "{} not found, and CI requires it (CI or SHIPSHAPE_REQUIRE_SHARED is set)",
        dir.display()
    );
    println!("skipping: {} not found", dir.display());
    None
}
