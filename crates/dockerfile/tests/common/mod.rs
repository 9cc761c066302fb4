//! Shared helpers for tests that read the third-party data in `../shared`.

use std::path::PathBuf;

/// `<repo root>/../shared`, or `None` (after a one-line notice) when it is absent:
/// tests that need it skip instead of failing.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let repo_root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = repo_root.join("../shared").join(what);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping: {} not found", dir.display());
        None
    }
}
