//! Any bytes: parse as a Dockerfile, dump, simulate a rebuild, run the rules,
//! word their messages and apply their fixes. The engine must never panic. The input's first line (if it looks like one) also feeds
//! the changed paths, a .dockerignore and a target, so those paths get fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape_dockerfile::{
    apply_fix, buildkit, fix_title, lint, message_text, parse, plan, BuildContext, Changes,
    Dockerignore, Lang, LintOptions,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
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
    };
    let target = parts.get(3).copied();
    let result = plan(&df, &context, &changes, target);
    for step in result.steps() {
        let _ = step.reason.to_string();
    }
    let options = LintOptions {
        context: Some(context),
        disabled: Vec::new(),
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
