//! The rule documentation in `content/{en,ko,ja}/rules/<ID>.md` is checked
//! against the engine: every rule has a page in every language with the same
//! sections, every bad example raises exactly its rule (and nothing else at
//! warning level or above), and every good example raises nothing of the
//! rule and nothing at warning level or above.

use shipshape_dockerfile::{lint_source, BuildContext, LintOptions, RuleId, RuleSeverity};
use std::path::PathBuf;

const LANGS: [&str; 3] = ["en", "ko", "ja"];
const SECTIONS: [&str; 6] = ["what", "why", "bad", "good", "fix", "recap"];
/// SS001's page shows the split for each ecosystem.
const OPTIONAL: &str = "ecosystems";

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn page(lang: &str, rule: RuleId) -> String {
    let path = content_dir()
        .join(lang)
        .join("rules")
        .join(format!("{rule}.md"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `{#id}`s of the `##` headings, in order.
fn section_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("## "))
        .filter_map(|l| {
            let start = l.rfind("{#")?;
            Some(l[start + 2..].trim_end().trim_end_matches('}').to_string())
        })
        .collect()
}

/// The body of the one ```dockerfile block in section `id`.
fn example(text: &str, id: &str) -> String {
    let marker = format!("{{#{id}}}");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &text[start..];
    let end = rest[marker.len()..]
        .find("\n## ")
        .map_or(rest.len(), |e| e + marker.len());
    let section = &rest[..end];
    let blocks: Vec<&str> = section.split("```dockerfile\n").skip(1).collect();
    assert_eq!(
        blocks.len(),
        1,
        "section {id} needs exactly one dockerfile block"
    );
    blocks[0].split("\n```").next().unwrap_or("").to_string() + "\n"
}

/// The example with each comment's words taken out (`# ...` becomes `#`, a
/// trailing `\\` kept): a page words its comments in its own language.
fn without_comment_words(example: &str) -> String {
    example
        .lines()
        .map(|line| {
            let at = if line.trim_start().starts_with('#') {
                line.find('#')
            } else {
                line.find(" # ").map(|i| i + 1)
            };
            match at {
                Some(i) if line.trim_end().ends_with('\\') => format!("{}# \\", &line[..i]),
                Some(i) => format!("{}#", &line[..i]),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// SS005 needs a build context: a project with the usual clutter and no `.dockerignore`.
/// SS016 needs one too: the project its page describes, whose pins moved.
fn options(rule: RuleId) -> LintOptions {
    let mut o = LintOptions {
        // A strict or pedantic rule's page shows it as that profile runs it.
        profile: rule.meta().profile,
        ..LintOptions::default()
    };
    if rule == RuleId::SS016 {
        o.context = Some(BuildContext {
            paths: ["app/main.py", "requirements/base.txt", "Dockerfile"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            dockerignore: None,
        });
    }
    // SS035 needs a `.dockerignore`, the one its page shows (and no file list, which would make
    // the missing file SS016's).
    if rule == RuleId::SS035 {
        o.context = Some(BuildContext {
            paths: Vec::new(),
            dockerignore: Some(shipshape_dockerfile::Dockerignore::parse(
                ".git\n.venv\n__pycache__\nconfig/\n",
            )),
        });
    }
    if rule == RuleId::SS005 {
        o.context = Some(BuildContext {
            paths: [
                ".git/HEAD",
                "app/__init__.py",
                "app/main.py",
                "app/__pycache__/main.cpython-313.pyc",
                ".venv/bin/python",
                "requirements.txt",
                "Dockerfile",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            dockerignore: None,
        });
    }
    o
}

#[test]
fn every_rule_has_a_page_in_every_language_with_the_same_sections() {
    for rule in RuleId::ALL {
        for lang in LANGS {
            let text = page(lang, rule);
            let front = text
                .strip_prefix("+++\n")
                .and_then(|t| t.split_once("\n+++\n"))
                .map(|(f, _)| f)
                .unwrap_or_else(|| panic!("{lang}/{rule}: no +++ front matter"));
            for key in ["title = \"", "description = \""] {
                assert!(
                    front
                        .lines()
                        .any(|l| l.starts_with(key) && l.len() > key.len() + 1),
                    "{lang}/{rule}: front matter needs {key}...\""
                );
            }
            // An optional section of further examples may follow the good one.
            let mut sections = section_ids(&text);
            sections.retain(|s| s != OPTIONAL);
            assert_eq!(sections, SECTIONS, "{lang}/{rule}: sections");
            assert!(
                text.contains(&format!("](/{lang}/")),
                "{lang}/{rule}: link the guide"
            );
            // The same examples in every language, but for the words of their comments.
            for id in ["bad", "good"] {
                assert_eq!(
                    without_comment_words(&example(&text, id)),
                    without_comment_words(&example(&page("en", rule), id)),
                    "{lang}/{rule}: {id} example"
                );
            }
        }
    }
}

#[test]
fn bad_examples_raise_exactly_their_rule() {
    // In every language: their comments differ, and a comment can be what the rule is about.
    for (rule, lang) in RuleId::ALL.into_iter().flat_map(|r| LANGS.map(|l| (r, l))) {
        let src = example(&page(lang, rule), "bad");
        let findings = lint_source(&src, &options(rule));
        assert!(
            findings.iter().any(|f| f.rule == rule),
            "{lang}/{rule}: the bad example does not raise it:\n{src}"
        );
        let others: Vec<RuleId> = findings
            .iter()
            .filter(|f| f.rule != rule && f.severity >= RuleSeverity::Warning)
            .map(|f| f.rule)
            .collect();
        assert!(
            others.is_empty(),
            "{lang}/{rule}: the bad example also raises {others:?}"
        );
        // A rule the registry calls fixable offers a fix on its own bad example, and only then.
        let fixed = findings.iter().any(|f| f.rule == rule && f.fix.is_some());
        assert_eq!(
            fixed,
            rule.meta().fixable,
            "{lang}/{rule}: META.fixable disagrees with its bad example"
        );
    }
}

#[test]
fn good_examples_raise_nothing_of_their_rule_and_nothing_serious() {
    for (rule, lang) in RuleId::ALL.into_iter().flat_map(|r| LANGS.map(|l| (r, l))) {
        let src = example(&page(lang, rule), "good");
        let findings = lint_source(&src, &options(rule));
        let bad: Vec<(RuleId, RuleSeverity)> = findings
            .iter()
            .filter(|f| f.rule == rule || f.severity >= RuleSeverity::Warning)
            .map(|f| (f.rule, f.severity))
            .collect();
        assert!(
            bad.is_empty(),
            "{rule}: the good example raises {bad:?}:\n{src}"
        );
    }
}

/// The bodies of every ```dockerfile block in section `id` (none if there is no such section).
fn examples(text: &str, id: &str) -> Vec<String> {
    let marker = format!("{{#{id}}}");
    let Some(start) = text.find(&marker) else {
        return Vec::new();
    };
    let rest = &text[start + marker.len()..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    section
        .split("```dockerfile\n")
        .skip(1)
        .map(|b| b.split("\n```").next().unwrap_or("").to_string() + "\n")
        .collect()
}

#[test]
fn every_ecosystem_example_is_the_split_the_rule_wants() {
    let en = examples(&page("en", RuleId::SS001), OPTIONAL);
    assert!(en.len() >= 8, "SS001 shows the split for each ecosystem");
    for lang in LANGS {
        let blocks = examples(&page(lang, RuleId::SS001), OPTIONAL);
        assert_eq!(blocks.len(), en.len(), "{lang}: the same examples");
        for (block, original) in blocks.iter().zip(&en) {
            assert_eq!(
                without_comment_words(block),
                without_comment_words(original),
                "{lang}: SS001 ecosystem example"
            );
            let df = shipshape_dockerfile::parse(block);
            assert!(df.is_ok(), "{lang}: {block}");
            let findings = lint_source(block, &LintOptions::default());
            assert!(
                !findings.iter().any(|f| f.rule == RuleId::SS001),
                "{lang}: the ecosystem example raises SS001:\n{block}"
            );
        }
    }
    // Undo each split (the broad copy moved up to the manifests' copy) and the rule fires.
    for block in &en {
        let lines: Vec<&str> = block.lines().collect();
        let Some(broad) = lines
            .iter()
            .rposition(|l| l.starts_with("COPY ") && !l.contains("--from"))
        else {
            continue;
        };
        let Some(first) = lines.iter().rposition(|l| {
            l.starts_with("COPY ")
                && !l.contains("--from")
                && !l.contains(". .")
                && !l.starts_with("COPY src")
        }) else {
            continue;
        };
        if first >= broad {
            continue;
        }
        let mut undone: Vec<&str> = lines.clone();
        let moved = undone.remove(broad);
        undone[first] = moved;
        let undone = undone.join("\n") + "\n";
        assert!(
            lint_source(&undone, &LintOptions::default())
                .iter()
                .any(|f| f.rule == RuleId::SS001),
            "the example without its split does not raise SS001:\n{undone}"
        );
    }
}

#[test]
fn each_rule_module_agrees_with_its_page() {
    let rules_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for rule in RuleId::ALL {
        let text = page("en", rule);
        // The page's title is the registry's title.
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title = \""))
            .map(|t| t.trim_end_matches('"'))
            .unwrap_or_default();
        assert_eq!(title, format!("{rule}: {}", rule.title()), "{rule}: title");
        // Its first guide link is the registry's guide page.
        let first = text
            .match_indices("](/en/")
            .map(|(i, _)| &text[i + 6..])
            .find(|rest| !rest.starts_with("rules/"))
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default();
        assert_eq!(first, rule.guide(), "{rule}: first guide link");
        // The module's first line states the registry's severity.
        let prefix = rule.as_str().to_lowercase() + "_";
        let module = std::fs::read_dir(&rules_dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .find(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .unwrap_or_else(|| panic!("{rule}: no module"));
        let source = std::fs::read_to_string(module.path()).unwrap();
        assert!(
            source.starts_with(&format!("//! {rule} ({}): ", rule.severity().as_str())),
            "{rule}: the module's first line names another severity"
        );
    }
}
