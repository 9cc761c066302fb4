//! The guide's examples are real: every Dockerfile in it, in every language, is one a reader could
//! build. Each is parsed by Shipshape's BuildKit-faithful engine and must parse without error;
//! the good ones must raise none of the cache-order findings (SS001 to SS004), and the lab
//! placeholders' rebuild scenarios must teach what their pages say.

use shipshape_content::{default_content_dir, Site};
use shipshape_dockerfile::{parse, plan, BuildContext, Changes};

fn site() -> Site {
    Site::load(&default_content_dir())
        .unwrap_or_else(|errors| panic!("the guide does not render:\n{}", errors.join("\n")))
}

#[test]
fn every_dockerfile_in_the_guide_parses_cleanly() {
    let mut checked = 0;
    for guide in &site().guides {
        for page in guide.all_pages() {
            for (lang, code) in &page.rendered.code {
                if *lang != "dockerfile" {
                    continue;
                }
                let dockerfile = parse(code);
                // SS028's page shows the parser warning its rule is about (an empty line in a
                // continued instruction): that one warning is its bad example's point.
                let shown = |d: &&shipshape_dockerfile::Diagnostic| {
                    !(page.meta.slug.ends_with("SS028")
                        && d.kind == shipshape_dockerfile::DiagnosticKind::EmptyContinuationLine)
                };
                let problems: Vec<String> = dockerfile
                    .diagnostics
                    .iter()
                    .filter(shown)
                    .map(|d| d.to_string())
                    .collect();
                assert!(
                    problems.is_empty(),
                    "{}/{}: a Dockerfile example does not parse cleanly: {problems:?}\n{code}",
                    guide.lang,
                    page.meta.slug
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} Dockerfiles found in the guide"
    );
}

#[test]
fn the_same_dockerfiles_appear_in_every_language() {
    // Code is not translated: a reader who switches language sees the same examples.
    let site = site();
    let en = site.guide("en").unwrap();
    for guide in &site.guides {
        for page in guide.all_pages() {
            let Some(english) = en.page(&page.meta.slug) else {
                continue;
            };
            let ours: Vec<&String> = page
                .rendered
                .code
                .iter()
                .filter(|(l, _)| *l == "dockerfile")
                .map(|(_, c)| c)
                .collect();
            let theirs: Vec<&String> = english
                .rendered
                .code
                .iter()
                .filter(|(l, _)| *l == "dockerfile")
                .map(|(_, c)| c)
                .collect();
            assert_eq!(
                ours.len(),
                theirs.len(),
                "{}/{}",
                guide.lang,
                page.meta.slug
            );
            for (a, b) in ours.iter().zip(&theirs) {
                // Comments may be translated; instructions may not.
                let strip = |s: &str| -> Vec<String> {
                    s.lines()
                        .filter(|l| !l.trim_start().starts_with('#'))
                        .map(|l| l.split(" # ").next().unwrap_or(l).trim_end().to_string())
                        .collect()
                };
                assert_eq!(
                    strip(a),
                    strip(b),
                    "{}/{}: a Dockerfile differs from English",
                    guide.lang,
                    page.meta.slug
                );
            }
        }
    }
}

#[test]
fn lab_placeholders_show_what_their_page_teaches() {
    // A placeholder that marks files as changed must rebuild something for that change; the
    // build-cache page's bad order must rerun a heavy step when app/main.py changes.
    let site = site();
    let mut bad_order_seen = false;
    for guide in &site.guides {
        for page in guide.all_pages() {
            for widget in page.rendered.widgets.iter().filter(|w| w.kind == "lab") {
                let dockerfile = parse(&widget.body);
                assert!(
                    dockerfile.diagnostics.is_empty(),
                    "{}/{}: lab Dockerfile",
                    guide.lang,
                    page.meta.slug
                );
                if widget.changed.is_empty() {
                    continue;
                }
                let context = BuildContext {
                    paths: [
                        "requirements.txt",
                        "app/__init__.py",
                        "app/main.py",
                        "Dockerfile",
                    ]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                    dockerignore: None,
                };
                let changes = Changes {
                    paths: widget.changed.clone(),
                    build_args: Default::default(),
                    previous: None,
                };
                let rebuild = plan(&dockerfile, &context, &changes, None);
                let heavy = rebuild.heavy_rebuilds();
                if page.meta.slug == "build-cache" {
                    assert!(
                        heavy > 0,
                        "{}/build-cache: editing {:?} should rerun the install",
                        guide.lang,
                        widget.changed
                    );
                    bad_order_seen = true;
                }
            }
        }
    }
    assert!(
        bad_order_seen,
        "the build-cache page has no lab with a changed file"
    );
}

#[test]
fn the_guides_good_examples_raise_no_cache_order_finding() {
    // The guide's Dockerfiles show the right order; only its labs are allowed to show the wrong
    // one (that is what they teach). Cache-order rules: SS001 (install after a broad copy),
    // SS002 (stale apt-get update), SS003 (a changing value before heavy steps), SS004 (ADD URL).
    use shipshape_dockerfile::{lint_source, LintOptions, RuleId};
    let cache_order = [RuleId::SS001, RuleId::SS002, RuleId::SS003, RuleId::SS004];
    for guide in &site().guides {
        for page in guide.pages.iter() {
            for (lang, code) in &page.rendered.code {
                if *lang != "dockerfile" || page.rendered.widgets.iter().any(|w| &w.body == code) {
                    continue;
                }
                let findings: Vec<String> = lint_source(code, &LintOptions::default())
                    .into_iter()
                    .filter(|f| cache_order.contains(&f.rule))
                    .map(|f| format!("{:?} at byte {}", f.rule, f.span.start))
                    .collect();
                assert!(
                    findings.is_empty(),
                    "{}/{}: a good example breaks the cache order: {findings:?}\n{code}",
                    guide.lang,
                    page.meta.slug
                );
            }
        }
    }
}

#[test]
fn no_guide_example_hides_a_command_in_a_shell_comment() {
    // A `#` mid-line in a continued command comments out the lines after it (SS015): the guide's
    // examples, labs included, never do that by accident. Only SS015's own reference page shows it.
    use shipshape_dockerfile::{lint_source, LintOptions, RuleId};
    let mut checked = 0;
    for guide in &site().guides {
        for page in guide.pages.iter() {
            for (lang, code) in &page.rendered.code {
                if *lang != "dockerfile" {
                    continue;
                }
                checked += 1;
                let hidden = lint_source(code, &LintOptions::default())
                    .into_iter()
                    .any(|f| f.rule == RuleId::SS015);
                assert!(
                    !hidden,
                    "{}/{}: a shell comment swallows the lines after it:\n{code}",
                    guide.lang, page.meta.slug
                );
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} Dockerfiles found in the guide"
    );
}
