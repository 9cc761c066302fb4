//! The real guide: every page renders in every language, links and anchors resolve, and the
//! translations have the same structure as English.

use std::collections::BTreeSet;
use std::fs;

use shipshape_content::{default_content_dir, Block, Site, LANGS};

fn site() -> Site {
    Site::load(&default_content_dir())
        .unwrap_or_else(|errors| panic!("the guide does not render:\n{}", errors.join("\n")))
}

#[test]
fn every_page_renders_in_every_language() {
    let site = site();
    assert_eq!(site.guides.len(), LANGS.len());
    for guide in &site.guides {
        assert!(!guide.pages.is_empty(), "{} has no pages", guide.lang);
        for page in &guide.pages {
            assert!(
                page.rendered.html.len() > 500,
                "{}/{} is nearly empty",
                guide.lang,
                page.meta.slug
            );
        }
    }
}

#[test]
fn links_resolve_and_translations_match_english() {
    let problems = site().problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_same_files_exist_in_every_language() {
    let root = default_content_dir();
    let files = |lang: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stack = vec![root.join(lang)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.insert(
                        path.strip_prefix(root.join(lang))
                            .unwrap()
                            .display()
                            .to_string(),
                    );
                }
            }
        }
        out
    };
    let en = files("en");
    for lang in ["ko", "ja"] {
        assert_eq!(
            files(lang),
            en,
            "content/{lang} and content/en hold different files"
        );
    }
}

#[test]
fn every_page_ends_with_its_one_line_recap() {
    for guide in &site().guides {
        for page in &guide.pages {
            let last = page.rendered.outline.iter().rev().find_map(|b| match b {
                Block::Section { level: 2, id } => Some(id.as_str()),
                _ => None,
            });
            assert_eq!(last, Some("recap"), "{}/{}", guide.lang, page.meta.slug);
        }
    }
}

#[test]
fn part_one_uses_every_content_feature() {
    // The syntax that later parts rely on is exercised by the first part in each language.
    for guide in &site().guides {
        let html: String = guide
            .pages
            .iter()
            .map(|p| p.rendered.html.as_str())
            .collect();
        let outline: Vec<&Block> = guide
            .pages
            .iter()
            .flat_map(|p| &p.rendered.outline)
            .collect();
        for lang in ["dockerfile", "python", "yaml", "toml", "json"] {
            assert!(
                outline.contains(&&Block::Code { lang }),
                "{}: no {lang} code block",
                guide.lang
            );
        }
        assert!(
            outline.iter().any(|b| matches!(
                b,
                Block::Code {
                    lang: "bash" | "console"
                }
            )),
            "{}: no shell code",
            guide.lang
        );
        for class in [
            "callout-tip",
            "callout-info",
            "callout-warning",
            "<table>",
            "class=\"anno\"",
        ] {
            assert!(
                html.contains(class),
                "{}: nothing renders {class}",
                guide.lang
            );
        }
        assert!(
            outline.iter().any(|b| matches!(b, Block::Diagram { .. })),
            "{}: no diagram",
            guide.lang
        );
        assert!(
            outline.iter().any(|b| matches!(b, Block::Widget { .. })),
            "{}: no widget",
            guide.lang
        );
    }
}

#[test]
fn diagrams_are_safe_and_theme_aware() {
    let root = default_content_dir();
    for lang in LANGS {
        let dir = root.join(lang).join("diagrams");
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let svg = fs::read_to_string(&path).unwrap();
            let name = path.display();
            assert!(svg.contains("viewBox"), "{name}: needs a viewBox");
            for banned in [
                "<script",
                "href=\"http",
                "fill=\"#",
                "stroke=\"#",
                "font-family",
                "<style",
            ] {
                assert!(!svg.contains(banned), "{name}: contains {banned}");
            }
            assert!(
                svg.contains("class=\"d-"),
                "{name}: draws without the theme classes"
            );
        }
    }
}
