//! Sections from the guide's real content, the way the site builder is expected to make them:
//! one section per h2/h3, plain text with the markup stripped. Shared by the size test and the
//! benchmark (included with `#[path]`).

#![allow(dead_code)]

use std::path::Path;

use shipshape_search::Section;

pub const LANGS: [&str; 3] = ["en", "ko", "ja"];

/// Where the sections came from, for the report.
pub enum Source {
    Rendered,
    Markdown(String),
}

/// Sections of every language, from the rendered site, or from the Markdown files directly when
/// the content does not load (it is being written and may be inconsistent for a while).
/// Sections per language, in `LANGS` order.
pub type Corpus = Vec<(&'static str, Vec<Section>)>;

pub fn load() -> Result<(Source, Corpus), String> {
    let dir = shipshape_content::default_content_dir();
    match shipshape_content::Site::load(&dir) {
        Ok(site) => {
            let mut langs = Vec::new();
            for lang in LANGS {
                let guide = site.guide(lang).ok_or(format!("no guide for {lang}"))?;
                let mut sections = Vec::new();
                for (order, page) in guide.pages.iter().enumerate() {
                    let url = format!("/{lang}/{}/", page.meta.slug);
                    sections.extend(split_html(
                        &page.meta.title,
                        &url,
                        &page.rendered.html,
                        order as u32,
                    ));
                }
                langs.push((lang, sections));
            }
            Ok((Source::Rendered, langs))
        }
        Err(errors) => {
            let why = errors.first().cloned().unwrap_or_default();
            let mut langs = Vec::new();
            for lang in LANGS {
                langs.push((lang, from_markdown(&dir, lang)?));
            }
            Ok((Source::Markdown(why), langs))
        }
    }
}

/// Splits rendered HTML at `<h2 id=…>`/`<h3 id=…>` and strips tags.
fn split_html(title: &str, url: &str, html: &str, order: u32) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut heading = title.to_owned();
    let mut anchor = String::new();
    let mut rest = html;
    loop {
        let next = ["<h2 id=\"", "<h3 id=\""]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let body = &rest[..next.unwrap_or(rest.len())];
        let text = strip_tags(body);
        if !text.trim().is_empty() || !anchor.is_empty() {
            sections.push(Section {
                page_title: title.to_owned(),
                section_heading: heading.clone(),
                url: format!("{url}{anchor}"),
                text,
                page_order: order,
            });
        }
        let Some(at) = next else { break };
        let tag = &rest[at + 8..];
        let id_end = tag.find('"').unwrap_or(0);
        anchor = format!("#{}", &tag[..id_end]);
        let close = tag.find("</h").unwrap_or(tag.len());
        heading = strip_tags(tag[id_end..close].trim_start_matches(|c| c != '>'))
            .trim()
            .to_owned();
        rest = &tag[close..];
        rest = &rest[rest.find('>').map_or(rest.len(), |i| i + 1)..];
    }
    sections
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Crude fallback: `## Heading {#id}` splits sections; Markdown punctuation is left in.
fn from_markdown(dir: &Path, lang: &str) -> Result<Vec<Section>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join(lang))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut sections = Vec::new();
    for (order, path) in files.iter().enumerate() {
        let markdown = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let slug = path.file_stem().unwrap_or_default().to_string_lossy();
        let url = format!("/{lang}/{slug}/");
        let mut section = Section {
            page_title: slug.to_string(),
            section_heading: slug.to_string(),
            url: url.clone(),
            text: String::new(),
            page_order: order as u32,
        };
        for line in markdown.lines() {
            if let Some(h) = line.strip_prefix("## ").or(line.strip_prefix("### ")) {
                let (heading, id) = match h.split_once(" {#") {
                    Some((heading, id)) => (heading, id.trim_end_matches('}')),
                    None => (h, ""),
                };
                let next = Section {
                    section_heading: heading.to_owned(),
                    url: format!("{url}#{id}"),
                    text: String::new(),
                    ..section.clone()
                };
                sections.push(std::mem::replace(&mut section, next));
            } else {
                section.text.push_str(line);
                section.text.push('\n');
            }
        }
        sections.push(section);
    }
    Ok(sections)
}

pub fn word_count(sections: &[Section]) -> usize {
    sections
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum()
}

pub fn page_count(sections: &[Section]) -> usize {
    let mut pages: Vec<u32> = sections.iter().map(|s| s.page_order).collect();
    pages.dedup();
    pages.len()
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to a Vec");
    gz.finish().expect("writing to a Vec").len()
}
