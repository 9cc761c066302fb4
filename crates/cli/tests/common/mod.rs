//! What the image tests (`image.rs`, `site_image.rs`) share: the repository's root, and the
//! `shipshape` binary run there without any user configuration from the machine.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `shipshape` in the repository's root: (exit code, stdout, stderr).
pub fn shipshape(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        // No user configuration (~/.hadolint.yaml) from the machine running the tests.
        .env("HOME", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("run shipshape");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
