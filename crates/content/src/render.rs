//! Markdown to HTML for one page, with the guide's conventions (see `content/README.md`).

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use crate::highlight::{highlight_lines, CodeLang};
use crate::{escape_attr, escape_html, Labels};

/// A heading of the page, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// One structural element of a page. Two translations of a page must have the same sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Section { level: u8, id: String },
    Code { lang: &'static str },
    Annotations { count: usize },
    Widget { kind: &'static str },
    Diagram { file: String },
}

/// A link to another page of the guide (or an anchor on this one), to be checked after all pages
/// are rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRef {
    /// Target page slug; the page itself for `#anchor` links.
    pub slug: String,
    pub anchor: Option<String>,
}

/// A widget placeholder found on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Widget {
    pub kind: &'static str,
    /// The Dockerfile (lab) or JSON scenario (calc) the widget starts from.
    pub body: String,
    /// Files marked as changed (lab only).
    pub changed: Vec<String>,
}

/// The result of rendering one page.
#[derive(Clone, Debug, Default)]
pub struct RenderedPage {
    pub html: String,
    pub headings: Vec<Heading>,
    pub outline: Vec<Block>,
    pub links: Vec<LinkRef>,
    pub widgets: Vec<Widget>,
    /// The fenced code blocks, as (language, text), for tests that check examples.
    pub code: Vec<(&'static str, String)>,
    /// The HTML of the page's closing one-line recap (the `recap` section), if it has one.
    pub recap: Option<String>,
    /// The page's text by section, for the search index: the text before the first heading
    /// (with an empty id), then one entry per `##`/`###` section.
    pub sections: Vec<SectionText>,
}

/// The plain text of one section of a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionText {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// Splits a page's events into plain-text sections at each `##`/`###` heading.
fn section_texts(events: &[Event]) -> Vec<SectionText> {
    let mut sections = vec![SectionText::default()];
    let mut in_heading = false;
    for event in events {
        let current = sections.last_mut().expect("never empty");
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                id,
                ..
            }) => {
                in_heading = true;
                sections.push(SectionText {
                    id: id.as_deref().unwrap_or_default().to_string(),
                    ..SectionText::default()
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) => {
                let target = if in_heading {
                    &mut current.heading
                } else {
                    &mut current.text
                };
                target.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => current.text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell,
            ) => current.text.push('\n'),
            _ => {}
        }
    }
    if sections[0].text.trim().is_empty() {
        sections.remove(0);
    }
    for section in &mut sections {
        section.text = section
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    sections
}

/// Everything the renderer needs besides the Markdown.
pub struct RenderInput<'a> {
    pub lang: &'a str,
    pub slug: &'a str,
    pub markdown: &'a str,
    pub labels: &'a Labels,
    /// Returns the SVG text of `diagrams/<name>` for this language, or `None` when missing.
    pub diagram: &'a dyn Fn(&str) -> Option<String>,
}

/// Renders one page. Errors name the page and what is wrong; the build stops on them.
pub fn render_page(input: &RenderInput) -> Result<RenderedPage, Vec<String>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(input.markdown, options).collect();
    let sections = section_texts(&events);
    let mut r = Renderer {
        input,
        page: RenderedPage::default(),
        errors: Vec::new(),
        code_blocks: 0,
    };
    let out = r.transform(events);
    let mut html = String::with_capacity(input.markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // The recap is the last section: everything after its heading.
    r.page.recap = html
        .find("<h2 id=\"recap\">")
        .and_then(|start| {
            html[start..]
                .find("</h2>")
                .map(|end| start + end + "</h2>".len())
        })
        .map(|body| html[body..].trim().to_string())
        .filter(|recap| !recap.is_empty());
    r.page.html = html;
    r.page.sections = sections;
    let mut ids: Vec<&str> = r.page.headings.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    for pair in ids.windows(2) {
        if pair[0] == pair[1] {
            r.errors
                .push(format!("heading id `{}` is used twice", pair[0]));
        }
    }
    if r.errors.is_empty() {
        Ok(r.page)
    } else {
        let prefix = format!("content/{}/{}.md: ", input.lang, input.slug);
        Err(r
            .errors
            .into_iter()
            .map(|e| format!("{prefix}{e}"))
            .collect())
    }
}

struct Renderer<'i, 'a> {
    input: &'i RenderInput<'a>,
    page: RenderedPage,
    errors: Vec<String>,
    code_blocks: usize,
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An annotation marker at the end of a code line: `# (3)` or `// (3)`.
/// Returns the line without the marker and the number.
fn split_marker<'l>(line: &'l str, leader: &str) -> Option<(&'l str, usize)> {
    let trimmed = line.trim_end();
    let inner = trimmed.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let number: usize = inner[open + 1..].parse().ok()?;
    let before = inner[..open].trim_end().strip_suffix(leader)?;
    Some((before.trim_end(), number))
}

impl<'a> Renderer<'_, 'a> {
    fn transform(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            match &events[i] {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let level = level_number(*level);
                    let end = find_end(&events, i);
                    let text = plain_text(&events[i + 1..end]);
                    match id {
                        Some(id) if is_valid_id(id) => {
                            let id = id.to_string();
                            if level == 1 {
                                self.errors.push(format!(
                                    "`# {text}`: pages have no h1, the title comes from nav.toml"
                                ));
                            }
                            if level <= 3 {
                                self.page.outline.push(Block::Section {
                                    level,
                                    id: id.clone(),
                                });
                            }
                            out.push(Event::Html(
                                format!("<h{level} id=\"{}\">", escape_attr(&id)).into(),
                            ));
                            out.extend(self.transform(events[i + 1..end].to_vec()));
                            out.push(Event::Html(
                                format!(
                                    "<a class=\"permalink\" href=\"#{}\" aria-label=\"{}\"></a></h{level}>",
                                    escape_attr(&id),
                                    escape_attr(self.input.labels.permalink)
                                )
                                .into(),
                            ));
                            self.page.headings.push(Heading { level, id, text });
                        }
                        _ => self.errors.push(format!(
                            "heading `{text}` needs an explicit id such as {{#some-id}} (lowercase ASCII, digits, hyphens)"
                        )),
                    }
                    i = end + 1;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let end = find_end(&events, i);
                    let code = plain_text(&events[i + 1..end]);
                    i = end + 1;
                    let mut words = info.split_whitespace();
                    let lang_word = words.next().unwrap_or("");
                    let rest: Vec<&str> = words.collect();
                    match lang_word {
                        "lab" | "calc" => {
                            out.push(Event::Html(self.widget(lang_word, &rest, &code).into()))
                        }
                        _ => {
                            let annotate = rest.contains(&"annotate");
                            let html = self.code_block(lang_word, &code, annotate, &events, &mut i);
                            out.push(Event::Html(html.into()));
                        }
                    }
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, title) = match kind {
                        BlockQuoteKind::Tip => ("tip", self.input.labels.tip),
                        BlockQuoteKind::Note => ("info", self.input.labels.info),
                        BlockQuoteKind::Warning => ("warning", self.input.labels.warning),
                        other => {
                            self.errors.push(format!(
                                "callout kind {other:?} is not used by the guide: use TIP, NOTE or WARNING"
                            ));
                            ("info", self.input.labels.info)
                        }
                    };
                    out.push(Event::Html(
                        format!(
                            "<aside class=\"callout callout-{class}\"><p class=\"callout-title\">{}</p>",
                            escape_html(title)
                        )
                        .into(),
                    ));
                    let end = find_end(&events, i);
                    out.extend(self.transform(events[i + 1..end].to_vec()));
                    out.push(Event::Html("</aside>".into()));
                    i = end + 1;
                }
                Event::Start(Tag::Paragraph) if self.diagram_at(&events, i).is_some() => {
                    let (end, html, file) = self.diagram_at(&events, i).unwrap_or_default();
                    self.page.outline.push(Block::Diagram { file });
                    out.push(Event::Html(html.into()));
                    i = end + 1;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.resolve_link(dest_url);
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest.into(),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                    i += 1;
                }
                Event::Start(Tag::Table(_)) => {
                    out.push(Event::Html("<div class=\"table-wrap\">".into()));
                    out.push(events[i].clone());
                    i += 1;
                }
                Event::End(TagEnd::Table) => {
                    out.push(events[i].clone());
                    out.push(Event::Html("</div>".into()));
                    i += 1;
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    self.errors.push(format!(
                        "image `{dest_url}` must stand in a paragraph of its own and be an SVG from diagrams/"
                    ));
                    i += 1;
                }
                _ => {
                    out.push(events[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// Rewrites `page.md#anchor` to `/<lang>/page/#anchor`, records internal links for checking.
    fn resolve_link(&mut self, dest: &str) -> String {
        let lang = self.input.lang;
        if dest.starts_with("https://")
            || dest.starts_with("http://")
            || dest.starts_with("mailto:")
        {
            return dest.to_string();
        }
        // An absolute path on the site, `/<lang>/<slug>/` with an optional `#anchor`.
        if let Some(path) = dest.strip_prefix('/') {
            let (path, anchor) = match path.split_once('#') {
                Some((p, a)) => (p, Some(a.to_string())),
                None => (path, None),
            };
            match path
                .strip_prefix(lang)
                .and_then(|p| p.strip_prefix('/'))
                .and_then(|p| p.strip_suffix('/'))
            {
                Some(slug) if !slug.is_empty() => self.page.links.push(LinkRef {
                    slug: slug.to_string(),
                    anchor,
                }),
                _ => self.errors.push(format!(
                    "link `{dest}`: a site path must be /{lang}/<page>/ in this page's language"
                )),
            }
            return dest.to_string();
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.page.links.push(LinkRef {
                slug: self.input.slug.to_string(),
                anchor: Some(anchor.to_string()),
            });
            return dest.to_string();
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        match path.strip_suffix(".md") {
            Some(slug) if !slug.is_empty() => {
                // From a reference page in a folder, `../page.md` reaches the guide.
                let slug = match (slug.strip_prefix("../"), self.input.slug.contains('/')) {
                    (Some(up), true) => up,
                    _ => slug,
                };
                if slug.contains("..") {
                    self.errors.push(format!("link `{dest}` leaves the guide"));
                }
                self.page.links.push(LinkRef {
                    slug: slug.to_string(),
                    anchor: anchor.clone(),
                });
                match anchor {
                    Some(a) => format!("/{lang}/{slug}/#{a}"),
                    None => format!("/{lang}/{slug}/"),
                }
            }
            _ => {
                self.errors.push(format!(
                    "link `{dest}`: link to another page as `page.md` or `page.md#anchor`"
                ));
                dest.to_string()
            }
        }
    }

    /// A paragraph holding only `![alt](diagrams/x.svg)` becomes an inline SVG figure.
    /// Returns the index of the paragraph's end, the figure's HTML and the file name.
    fn diagram_at(&self, events: &[Event], i: usize) -> Option<(usize, String, String)> {
        let Some(Event::Start(Tag::Image { dest_url, .. })) = events.get(i + 1) else {
            return None;
        };
        let image_end = find_end(events, i + 1);
        if !matches!(
            events.get(image_end + 1),
            Some(Event::End(TagEnd::Paragraph))
        ) {
            return None;
        }
        let name = dest_url.strip_prefix("diagrams/")?;
        if !name.ends_with(".svg") || name.contains('/') {
            return None;
        }
        let alt = plain_text(&events[i + 2..image_end]);
        let svg = (self.input.diagram)(name)?;
        let svg_start = svg.find("<svg")?;
        let svg = &svg[svg_start..];
        svg.find('>')?;
        let labelled = format!(
            "<svg aria-label=\"{}\" focusable=\"false\"{}",
            escape_attr(&alt),
            &svg[4..]
        );
        Some((
            image_end + 1,
            format!(
                "<figure class=\"diagram\" data-diagram=\"{}\">{}<figcaption>{}</figcaption></figure>",
                escape_attr(name),
                labelled.trim_end(),
                escape_html(&alt)
            ),
            name.to_string(),
        ))
    }

    fn code_block(
        &mut self,
        lang_word: &str,
        code: &str,
        annotate: bool,
        events: &[Event<'a>],
        next: &mut usize,
    ) -> String {
        let lang = match CodeLang::from_info(lang_word) {
            Some(lang) => lang,
            None => {
                self.errors.push(format!(
                    "code block language `{lang_word}` is not one the guide highlights"
                ));
                CodeLang::Text
            }
        };
        self.code_blocks += 1;
        let block = self.code_blocks;
        self.page.outline.push(Block::Code { lang: lang.name() });
        let code = code.strip_suffix('\n').unwrap_or(code);

        // Strip annotation markers before highlighting, and remember which line holds which.
        let mut markers: Vec<(usize, usize)> = Vec::new();
        let mut clean = String::with_capacity(code.len());
        for (n, line) in code.split('\n').enumerate() {
            if n > 0 {
                clean.push('\n');
            }
            match annotate
                .then(|| split_marker(line, lang.comment_leader()))
                .flatten()
            {
                Some((rest, number)) => {
                    markers.push((n, number));
                    clean.push_str(rest);
                }
                None => clean.push_str(line),
            }
        }
        self.page.code.push((lang.name(), clean.clone()));

        let labels = self.input.labels;
        let mut html = String::new();
        let lines = highlight_lines(lang, &clean);
        let last = lines.len().saturating_sub(1);
        for (n, line) in lines.iter().enumerate() {
            html.push_str(line);
            for (_, number) in markers.iter().filter(|(l, _)| *l == n) {
                html.push_str(&format!(
                    " <button class=\"anno\" type=\"button\" aria-expanded=\"false\" aria-controls=\"a{block}-{number}\" aria-label=\"{} {number}\">{number}</button>",
                    escape_attr(labels.annotation)
                ));
            }
            if n < last {
                html.push('\n');
            }
        }
        let block_html = format!(
            "<div class=\"code-block\" data-lang=\"{name}\"><button class=\"copy\" type=\"button\" aria-label=\"{copy}\">{copy}</button><pre tabindex=\"0\"><code class=\"language-{name}\">{html}</code></pre></div>",
            name = lang.name(),
            copy = escape_html(labels.copy),
        );
        if !annotate {
            return block_html;
        }

        // The explanations: the ordered list right after the block.
        let numbers: Vec<usize> = markers.iter().map(|(_, n)| *n).collect();
        let expected: Vec<usize> = (1..=numbers.len()).collect();
        if numbers.is_empty() || numbers != expected {
            self.errors.push(format!(
                "annotated code block {block}: markers must be (1), (2), ... in order, found {numbers:?}"
            ));
        }
        let mut items: Vec<String> = Vec::new();
        if let Some(Event::Start(Tag::List(Some(1)))) = events.get(*next) {
            let list_end = find_end(events, *next);
            let mut j = *next + 1;
            while j < list_end {
                let item_end = find_end(events, j);
                let inner = self.transform(events[j + 1..item_end].to_vec());
                let mut item = String::new();
                pulldown_cmark::html::push_html(&mut item, inner.into_iter());
                items.push(item);
                j = item_end + 1;
            }
            *next = list_end + 1;
        }
        if items.len() != numbers.len() {
            self.errors.push(format!(
                "annotated code block {block}: {} markers but {} explanations in the numbered list after it",
                numbers.len(),
                items.len()
            ));
        }
        self.page
            .outline
            .push(Block::Annotations { count: items.len() });
        let mut list = String::new();
        for (k, item) in items.iter().enumerate() {
            list.push_str(&format!(
                "<li id=\"a{block}-{n}\" value=\"{n}\">{}</li>",
                item.trim_end(),
                n = k + 1
            ));
        }
        format!("<div class=\"annotated\">{block_html}<ol class=\"anno-list\">{list}</ol></div>")
    }

    fn widget(&mut self, kind: &str, attrs: &[&str], body: &str) -> String {
        let kind: &'static str = if kind == "lab" { "lab" } else { "calc" };
        self.page.outline.push(Block::Widget { kind });
        // Each tool's bundle declares the same global start-up function, so a page loads one.
        if self.page.widgets.iter().any(|w| w.kind != kind) {
            self.errors.push(format!(
                "{kind} placeholder: a page can show lab or calc examples, not both"
            ));
        }
        let body = body.strip_suffix('\n').unwrap_or(body);
        let mut changed = Vec::new();
        for attr in attrs {
            match attr.split_once('=') {
                Some(("changed", files)) if kind == "lab" => {
                    changed.extend(files.split(',').filter(|f| !f.is_empty()).map(String::from))
                }
                _ => self
                    .errors
                    .push(format!("{kind} placeholder: unknown attribute `{attr}`")),
            }
        }
        let labels = self.input.labels;
        let (caption, lang) = match kind {
            "lab" => (labels.lab, CodeLang::Dockerfile),
            _ => (labels.calc, CodeLang::Json),
        };
        let mut figcaption = escape_html(caption);
        if !changed.is_empty() {
            figcaption.push_str(&format!(
                " <span class=\"widget-changed\">{}: <code>{}</code></span>",
                escape_html(labels.changed),
                escape_html(&changed.join(", "))
            ));
        }
        self.page.code.push((lang.name(), body.to_string()));
        let code = highlight_lines(lang, body).join("\n");
        // A lab example opens in the lab page with its state in the link. (The site's prerender
        // replaces the code block and this link with the lab itself, see `src/bin/prerender.rs`.)
        let lab_links = if kind == "lab" {
            let state = shipshape_labstate::LabState::for_example(body, &changed);
            format!(
                "<p class=\"widget-links\"><a class=\"widget-open\" href=\"/{}/lab/#s={}\">{}</a></p>",
                self.input.lang,
                shipshape_labstate::encode(&state),
                escape_html(labels.open_in_lab),
            )
        } else {
            String::new()
        };
        let html = format!(
            "<figure class=\"widget widget-{kind}\" data-widget=\"{kind}\" data-changed=\"{}\"><figcaption>{figcaption}</figcaption><div class=\"code-block\" data-lang=\"{lang}\"><button class=\"copy\" type=\"button\" aria-label=\"{copy}\">{copy}</button><pre tabindex=\"0\"><code class=\"language-{lang}\">{code}</code></pre></div>{lab_links}</figure>",
            escape_attr(&changed.join(",")),
            lang = lang.name(),
            copy = escape_html(labels.copy),
        );
        self.page.widgets.push(Widget {
            kind,
            body: body.to_string(),
            changed,
        });
        html
    }
}

/// Index of the `End` event matching the `Start` at `start`.
fn find_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (k, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// The text of a run of inline events, without markup.
fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}
