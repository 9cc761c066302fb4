//! Times parse + lint over the corpus: `cargo run --release --example lint_bench`.

use shipshape_dockerfile::{lint, parse, LintOptions};
use std::time::Instant;

fn main() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfiles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipping: {} not found", dir.display());
        return;
    };
    let files: Vec<String> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".dockerignore"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let bytes: usize = files.iter().map(String::len).sum();
    let options = LintOptions::default();
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..5 {
        let start = Instant::now();
        findings = 0;
        for src in &files {
            let df = parse(src);
            findings += lint(&df, src, &options).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "parse + lint: {} files, {:.1} MB, {findings} findings, best of 5: {:.1} ms ({:.0} files/s)",
        files.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        files.len() as f64 / best
    );
}
