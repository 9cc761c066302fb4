//! Any bytes: parse as a Dockerfile, dump, simulate a rebuild, run the rules,
//! word their messages and apply their fixes. The engine must never panic. The input's first line (if it looks like one) also feeds
//! the changed paths, a .dockerignore and a target, so those paths get fuzzed too.
//!
//! The previous build's Dockerfile is fuzzed as well: the text after a `\n===\n` line when
//! there is one, else the input with one line dropped and two swapped (chosen from the input),
//! so every input also exercises the edit matching.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape_dockerfile::{
    apply_fix, buildkit, fix_title, lint, message_text, parse, plan, reason_text, BuildContext,
    Changes, Dockerignore, Lang, LintOptions,
};

/// The previous Dockerfile for `text`: after a `===` line, or a variation of `text` itself.
fn previous_of(text: &str) -> (String, String) {
    if let Some((now, before)) = text.split_once("\n===\n") {
        return (now.to_string(), before.to_string());
    }
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    if n > 1 {
        let h = text.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
        lines.remove(h % n);
        let m = lines.len();
        lines.swap((h / 7) % m, (h / 13) % m);
    }
    (text.to_string(), lines.join("\n"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (text, before) = previous_of(text);
    let text = text.as_str();
    let df = parse(text);
    let _ = buildkit::dump(&df);
    let (head, _) = text.split_once('\n').unwrap_or((text, ""));
    let parts: Vec<&str> = head.split('|').collect();
    let paths: Vec<String> = parts
        .first()
        .map(|p| p.split(' ').map(str::to_string).collect())
        .unwrap_or_default();
    let context = BuildContext {
        paths: paths.clone(),
        dockerignore: parts.get(1).map(|p| Dockerignore::parse(&p.replace(';', "\n"))),
    };
    let changes = Changes {
        paths,
        build_args: parts
            .get(2)
            .map(|a| {
                a.split(' ')
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        (k.to_string(), v.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        previous: None,
    };
    let target = parts.get(3).copied();
    let result = plan(&df, &context, &changes, target);
    for step in result.steps() {
        let _ = step.reason.to_string();
    }
    // The same build, after an edit to the Dockerfile.
    let edited = Changes {
        previous: Some(parse(&before)),
        ..changes.clone()
    };
    let result = plan(&df, &context, &edited, target);
    for step in result.steps() {
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            let _ = reason_text(&step.reason, lang);
        }
    }
    for problem in &result.problems {
        let _ = problem.to_string();
    }
    let options = LintOptions {
        context: Some(context),
        disabled: Vec::new(),
        profile: Default::default(),
    };
    for f in lint(&df, text, &options) {
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            let _ = message_text(&f.message, lang);
            let _ = fix_title(&f.message, lang);
        }
        if let Some(fix) = &f.fix {
            let _ = parse(&apply_fix(text, fix));
        }
    }
});
