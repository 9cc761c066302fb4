//! The guide's content pipeline, run at build time (never in the browser).
//!
//! `Site::load` reads `content/<lang>/nav.toml` and every page's Markdown, renders each page to
//! HTML (highlighted code, annotations, callouts, tables, inline SVG diagrams, widget
//! placeholders) and collects what the structure checks need: headings, the outline of blocks,
//! internal links. `Site::problems` lists broken links and pages whose translations differ in
//! structure. The web app's pre-renderer turns the result into static HTML files.

pub mod hadolint;
mod highlight;
mod render;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use highlight::{highlight_lines, CodeLang};
pub use render::{
    render_page, Block, Heading, LinkRef, RenderInput, RenderedPage, SectionText, Widget,
};

/// The guide's languages, in the order the switcher lists them. English is the reference for
/// structure checks; all three are equals for readers.
pub const LANGS: [&str; 3] = ["en", "ko", "ja"];

/// Words the renderer writes into pages, per language.
#[derive(Debug)]
pub struct Labels {
    pub tip: &'static str,
    pub info: &'static str,
    pub warning: &'static str,
    pub copy: &'static str,
    pub permalink: &'static str,
    pub annotation: &'static str,
    pub lab: &'static str,
    pub calc: &'static str,
    pub changed: &'static str,
    pub open_in_lab: &'static str,
}

pub const LABELS_EN: Labels = Labels {
    tip: "Tip",
    info: "Info",
    warning: "Warning",
    copy: "Copy",
    permalink: "Link to this section",
    annotation: "Explanation",
    lab: "Dockerfile lab: the Dockerfile this example starts from",
    calc: "Capacity calculator: the scenario this example starts from",
    changed: "Changed",
    open_in_lab: "Open in the lab",
};

pub const LABELS_KO: Labels = Labels {
    tip: "팁",
    info: "참고",
    warning: "주의",
    copy: "복사",
    permalink: "이 섹션으로 가는 링크",
    annotation: "설명",
    lab: "Dockerfile 실습: 이 예제의 출발점이 되는 Dockerfile",
    calc: "용량 계산기: 이 예제의 출발점이 되는 시나리오",
    changed: "변경된 파일",
    open_in_lab: "실습 페이지에서 열기",
};

pub const LABELS_JA: Labels = Labels {
    tip: "ヒント",
    info: "補足",
    warning: "注意",
    copy: "コピー",
    permalink: "このセクションへのリンク",
    annotation: "説明",
    lab: "Dockerfile ラボ：この例の出発点となる Dockerfile",
    calc: "キャパシティ計算機：この例の出発点となるシナリオ",
    changed: "変更したファイル",
    open_in_lab: "ラボで開く",
};

/// The labels for a language code; `None` for a language the guide does not have.
pub fn labels(lang: &str) -> Option<&'static Labels> {
    match lang {
        "en" => Some(&LABELS_EN),
        "ko" => Some(&LABELS_KO),
        "ja" => Some(&LABELS_JA),
        _ => None,
    }
}

/// `nav.toml`: the parts of the guide and their pages, in reading order.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nav {
    pub part: Vec<Part>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: String,
    pub title: String,
    pub page: Vec<PageMeta>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub slug: String,
    pub title: String,
    pub description: String,
}

/// A rendered page with its place in the guide.
#[derive(Clone, Debug)]
pub struct Page {
    pub meta: PageMeta,
    pub part_id: String,
    pub rendered: RenderedPage,
}

/// One language's guide.
#[derive(Clone, Debug)]
pub struct Guide {
    pub lang: &'static str,
    pub nav: Nav,
    /// Pages in reading order.
    pub pages: Vec<Page>,
    /// Reference pages outside the reading order (`rules/<ID>.md`), sorted by slug.
    pub reference: Vec<Page>,
}

impl Guide {
    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.all_pages().find(|p| p.meta.slug == slug)
    }

    /// The guide's pages in reading order, then the reference pages.
    pub fn all_pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().chain(&self.reference)
    }
}

/// The folders of reference pages, each page with its own `+++` TOML front matter.
pub const REFERENCE_DIRS: [&str; 1] = ["rules"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    description: String,
}

/// Splits `+++` TOML front matter from a page. Returns `None` when the page has none.
fn split_front_matter(markdown: &str) -> Option<(&str, &str)> {
    let rest = markdown.strip_prefix("+++\n")?;
    let end = rest.find("\n+++\n")?;
    Some((&rest[..end], &rest[end + 5..]))
}

/// The whole guide in every language.
#[derive(Clone, Debug)]
pub struct Site {
    pub guides: Vec<Guide>,
}

/// Renders a short piece of Markdown that belongs to no page (an exercise's task, a hint), with
/// the guide's conventions: highlighted code, callouts, links to `page.md#anchor` resolved (and
/// listed in `links`, for checking against the guide). `name` names it in errors.
pub fn render_fragment(
    lang: &str,
    name: &str,
    markdown: &str,
) -> Result<RenderedPage, Vec<String>> {
    let labels = labels(lang).ok_or_else(|| vec![format!("{name}: unknown language {lang}")])?;
    render_page(&RenderInput {
        lang,
        slug: name,
        markdown,
        labels,
        diagram: &|_| None,
    })
}

/// Where the content folder is, for tests and tools run from anywhere in the workspace.
pub fn default_content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

impl Site {
    /// Loads and renders every language. Errors list every problem found, each naming its file.
    pub fn load(content_dir: &Path) -> Result<Site, Vec<String>> {
        let mut guides = Vec::new();
        let mut errors = Vec::new();
        for lang in LANGS {
            match load_guide(content_dir, lang) {
                Ok(g) => guides.push(g),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(Site { guides })
        } else {
            Err(errors)
        }
    }

    pub fn guide(&self, lang: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.lang == lang)
    }

    /// Broken links and anchors, and translations whose structure differs from English.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for guide in &self.guides {
            for page in guide.all_pages() {
                for link in &page.rendered.links {
                    let where_ = format!("content/{}/{}.md", guide.lang, page.meta.slug);
                    match guide.page(&link.slug) {
                        None => problems.push(format!(
                            "{where_}: link to `{}.md`, which does not exist",
                            link.slug
                        )),
                        Some(target) => {
                            if let Some(anchor) = &link.anchor {
                                if !target.rendered.headings.iter().any(|h| &h.id == anchor) {
                                    problems.push(format!(
                                        "{where_}: link to `{}.md#{anchor}`, which has no such heading",
                                        link.slug
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
        let Some(reference) = self.guide("en") else {
            return problems;
        };
        for guide in self.guides.iter().filter(|g| g.lang != "en") {
            let ref_slugs: Vec<&str> = reference
                .pages
                .iter()
                .map(|p| p.meta.slug.as_str())
                .collect();
            let slugs: Vec<&str> = guide.pages.iter().map(|p| p.meta.slug.as_str()).collect();
            if ref_slugs != slugs {
                problems.push(format!(
                    "content/{} has pages {slugs:?}; content/en has {ref_slugs:?}",
                    guide.lang
                ));
            }
            let ref_parts: Vec<&str> = reference.nav.part.iter().map(|p| p.id.as_str()).collect();
            let parts: Vec<&str> = guide.nav.part.iter().map(|p| p.id.as_str()).collect();
            if ref_parts != parts {
                problems.push(format!(
                    "content/{}/nav.toml has parts {parts:?}; content/en/nav.toml has {ref_parts:?}",
                    guide.lang
                ));
            }
            for page in &guide.pages {
                let Some(en) = reference.page(&page.meta.slug) else {
                    continue;
                };
                if let Some(diff) = first_difference(&en.rendered.outline, &page.rendered.outline) {
                    problems.push(format!(
                        "content/{}/{}.md differs in structure from content/en/{}.md: {diff}",
                        guide.lang, page.meta.slug, page.meta.slug
                    ));
                }
            }
        }
        problems
    }
}

/// Describes the first place two outlines differ.
fn first_difference(reference: &[Block], other: &[Block]) -> Option<String> {
    for (k, (a, b)) in reference.iter().zip(other).enumerate() {
        if a != b {
            return Some(format!(
                "element {} is {b:?} where English has {a:?}",
                k + 1
            ));
        }
    }
    match reference.len().cmp(&other.len()) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(format!(
            "it ends after {} elements; English goes on with {:?}",
            other.len(),
            reference[other.len()]
        )),
        std::cmp::Ordering::Less => Some(format!(
            "it has more elements than English, starting with {:?}",
            other[reference.len()]
        )),
    }
}

fn load_guide(content_dir: &Path, lang: &'static str) -> Result<Guide, Vec<String>> {
    let dir = content_dir.join(lang);
    let nav_path = dir.join("nav.toml");
    let nav_text =
        fs::read_to_string(&nav_path).map_err(|e| vec![format!("{}: {e}", nav_path.display())])?;
    let nav: Nav =
        toml::from_str(&nav_text).map_err(|e| vec![format!("{}: {e}", nav_path.display())])?;
    let labels = labels(lang).expect("LANGS and labels() agree");
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for part in &nav.part {
        for meta in &part.page {
            if !seen.insert(meta.slug.clone()) {
                errors.push(format!(
                    "{}: page `{}` is listed twice",
                    nav_path.display(),
                    meta.slug
                ));
                continue;
            }
            if meta.title.trim().is_empty() || meta.description.trim().is_empty() {
                errors.push(format!(
                    "{}: page `{}` needs a title and a description",
                    nav_path.display(),
                    meta.slug
                ));
            }
            let path = dir.join(format!("{}.md", meta.slug));
            let markdown = match fs::read_to_string(&path) {
                Ok(m) => m,
                Err(e) => {
                    errors.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            let diagram = |name: &str| fs::read_to_string(dir.join("diagrams").join(name)).ok();
            let input = RenderInput {
                lang,
                slug: &meta.slug,
                markdown: &markdown,
                labels,
                diagram: &diagram,
            };
            match render_page(&input) {
                Ok(rendered) => pages.push(Page {
                    meta: meta.clone(),
                    part_id: part.id.clone(),
                    rendered,
                }),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    let mut reference = Vec::new();
    for folder in REFERENCE_DIRS {
        let Ok(entries) = fs::read_dir(dir.join(folder)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let slug = format!("{folder}/{name}");
            let text = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(format!("{}: {e}", path.display()));
                    continue;
                }
            };
            let Some((front, markdown)) = split_front_matter(&text) else {
                errors.push(format!(
                    "{}: starts with +++ front matter holding title and description",
                    path.display()
                ));
                continue;
            };
            let front: FrontMatter = match toml::from_str(front) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(format!("{}: front matter: {e}", path.display()));
                    continue;
                }
            };
            let diagram = |name: &str| fs::read_to_string(dir.join("diagrams").join(name)).ok();
            let input = RenderInput {
                lang,
                slug: &slug,
                markdown,
                labels,
                diagram: &diagram,
            };
            match render_page(&input) {
                Ok(rendered) => reference.push(Page {
                    meta: PageMeta {
                        slug: slug.clone(),
                        title: front.title,
                        description: front.description,
                    },
                    part_id: folder.to_string(),
                    rendered,
                }),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    if errors.is_empty() {
        Ok(Guide {
            lang,
            nav,
            pages,
            reference,
        })
    } else {
        Err(errors)
    }
}

/// Escapes text for HTML element content.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted HTML attribute value.
pub fn escape_attr(s: &str) -> String {
    escape_html(s).replace('\'', "&#39;")
}
