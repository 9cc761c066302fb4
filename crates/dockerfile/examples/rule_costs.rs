//! What each rule costs on the corpus: parse once, then lint with only that rule enabled (every
//! profile), best of 5, minus the cost of linting with no rule at all (the shared context).
//! `cargo run --profile native --example rule_costs`.

use shipshape_dockerfile::{lint, parse, LintOptions, Profile, RuleId};
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
    let parsed: Vec<_> = files.iter().map(|s| parse(s)).collect();
    let time = |enabled: &[RuleId]| {
        let options = LintOptions {
            disabled: RuleId::ALL
                .into_iter()
                .filter(|r| !enabled.contains(r))
                .collect(),
            profile: Profile::Pedantic,
            ..LintOptions::default()
        };
        let mut best = f64::MAX;
        for _ in 0..5 {
            let start = Instant::now();
            for (df, src) in parsed.iter().zip(&files) {
                std::hint::black_box(lint(df, src, &options));
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        best * 1e3
    };
    let base = time(&[]);
    let all = time(&RuleId::ALL);
    println!(
        "{} files: lint with every rule {all:.1} ms, of which the shared context {base:.1} ms",
        files.len()
    );
    let mut costs: Vec<(RuleId, f64)> = RuleId::ALL
        .iter()
        .map(|&r| (r, time(&[r]) - base))
        .collect();
    costs.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (r, ms) in costs {
        println!("  {r}  {ms:6.2} ms  {}", r.title());
    }
}
