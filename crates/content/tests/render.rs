//! The renderer's conventions, one construct at a time.

use shipshape_content::{render_page, Block, RenderInput, RenderedPage, LABELS_EN, LABELS_JA};

fn render(md: &str) -> Result<RenderedPage, Vec<String>> {
    let diagram = |name: &str| {
        (name == "flow.svg").then(|| {
            "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\" role=\"img\"><rect class=\"d-box\"/></svg>\n"
                .to_string()
        })
    };
    render_page(&RenderInput {
        lang: "en",
        slug: "here",
        markdown: md,
        labels: &LABELS_EN,
        diagram: &diagram,
    })
}

fn ok(md: &str) -> RenderedPage {
    render(md).unwrap_or_else(|e| panic!("render failed: {e:?}"))
}

fn err(md: &str) -> String {
    match render(md) {
        Ok(_) => panic!("expected an error for {md:?}"),
        Err(e) => e.join("\n"),
    }
}

#[test]
fn headings_keep_their_ids_and_get_permalinks() {
    let page = ok("## First `thing` {#first}\n\ntext\n\n### Deeper {#deeper}\n");
    assert!(page.html.contains(
        "<h2 id=\"first\">First <code>thing</code><a class=\"permalink\" href=\"#first\""
    ));
    assert_eq!(page.headings[0].text, "First thing");
    assert_eq!(
        page.outline,
        vec![
            Block::Section {
                level: 2,
                id: "first".into()
            },
            Block::Section {
                level: 3,
                id: "deeper".into()
            }
        ]
    );
}

#[test]
fn headings_without_ids_and_h1_are_rejected() {
    assert!(err("## No id here\n").contains("needs an explicit id"));
    assert!(err("# Title {#title}\n").contains("no h1"));
    assert!(err("## A {#a}\n\n## B {#a}\n").contains("used twice"));
    assert!(err("## A {#Upper_Case}\n").contains("explicit id"));
}

#[test]
fn links_to_pages_are_resolved_and_recorded() {
    let page = ok(
        "See [restarts](restarts.md#policies), [this](#here) and [docs](https://example.org/).\n",
    );
    assert!(page.html.contains("href=\"/en/restarts/#policies\""));
    assert!(page.html.contains("href=\"#here\""));
    assert!(page.html.contains("href=\"https://example.org/\""));
    assert_eq!(page.links.len(), 2);
    assert_eq!(page.links[0].slug, "restarts");
    assert_eq!(page.links[0].anchor.as_deref(), Some("policies"));
    assert!(err("[x](../other/page.html)\n").contains("link to another page"));
}

#[test]
fn code_is_highlighted_escaped_and_gets_a_copy_button() {
    let page = ok("```python\nprint(\"<b>\")\n```\n");
    assert!(page.html.contains("data-lang=\"python\""));
    assert!(page.html.contains("<button class=\"copy\" type=\"button\""));
    assert!(page.html.contains("&lt;b&gt;"));
    assert!(!page.html.contains("<b>"));
    assert_eq!(page.outline, vec![Block::Code { lang: "python" }]);
    assert!(err("```cobol\nx\n```\n").contains("`cobol`"));
}

#[test]
fn annotations_become_buttons_with_their_explanations() {
    let md = "```dockerfile annotate\nFROM python:3.13 # (1)\nWORKDIR /code # (2)\n```\n\n1. The base image.\n2. The *working* directory.\n\nAfter.\n";
    let page = ok(md);
    assert!(page.html.contains(
        "<button class=\"anno\" type=\"button\" aria-expanded=\"false\" aria-controls=\"a1-1\""
    ));
    assert!(page
        .html
        .contains("<li id=\"a1-2\" value=\"2\">The <em>working</em> directory.</li>"));
    assert!(
        !page.html.contains("# (1)"),
        "markers are removed from the code"
    );
    assert_eq!(page.code[0].1, "FROM python:3.13\nWORKDIR /code");
    assert_eq!(
        page.outline,
        vec![
            Block::Code { lang: "dockerfile" },
            Block::Annotations { count: 2 }
        ]
    );
    assert!(page.html.contains("<p>After.</p>"));
}

#[test]
fn annotation_mistakes_are_reported() {
    let missing = "```bash annotate\necho a # (1)\necho b # (2)\n```\n\n1. Only one.\n";
    assert!(err(missing).contains("2 markers but 1 explanations"));
    let order = "```bash annotate\necho a # (2)\n```\n\n1. One.\n";
    assert!(err(order).contains("in order"));
    let json = "```json annotate\n{\"a\": 1} // (1)\n```\n\n1. A value.\n";
    assert!(ok(json).html.contains("class=\"anno\""));
}

#[test]
fn callouts_tables_and_diagrams() {
    let page = ok("> [!TIP]\n> Do this.\n\n> [!WARNING]\n> Careful.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![Two boxes](diagrams/flow.svg)\n");
    assert!(page
        .html
        .contains("<aside class=\"callout callout-tip\"><p class=\"callout-title\">Tip</p>"));
    assert!(page.html.contains("callout-warning"));
    assert!(page.html.contains("<div class=\"table-wrap\"><table>"));
    assert!(page.html.contains(
        "<figure class=\"diagram\" data-diagram=\"flow.svg\"><svg aria-label=\"Two boxes\""
    ));
    assert!(!page.html.contains("<?xml"));
    assert!(page.html.contains("<figcaption>Two boxes</figcaption>"));
    assert!(page.outline.contains(&Block::Diagram {
        file: "flow.svg".into()
    }));
    assert!(err("![Missing](diagrams/none.svg)\n").contains("must stand"));
    assert!(err("> [!CAUTION]\n> x\n").contains("TIP, NOTE or WARNING"));
}

#[test]
fn widget_placeholders_render_their_content_statically() {
    let page =
        ok("```lab changed=app/main.py\nFROM python:3.13\nCOPY . .\n```\n\n```lab\nFROM x\n```\n");
    assert_eq!(page.widgets.len(), 2);
    assert_eq!(page.widgets[0].changed, vec!["app/main.py".to_string()]);
    assert!(page
        .html
        .contains("data-widget=\"lab\" data-changed=\"app/main.py\""));
    assert!(page.html.contains("<span class=\"tok-k\">COPY</span>"));
    assert_eq!(
        page.outline,
        vec![Block::Widget { kind: "lab" }, Block::Widget { kind: "lab" }]
    );
    assert!(err("```lab size=big\nFROM x\n```\n").contains("unknown attribute"));
    let calc = ok("```calc\n{\"workers\": 4}\n```\n");
    assert!(calc.html.contains("data-widget=\"calc\""));
    assert!(!calc.html.contains("widget-open"));
}

#[test]
fn a_lab_example_links_to_the_lab_with_its_state() {
    let page = ok("```lab changed=app/main.py\nFROM python:3.13\nCOPY . .\n```\n");
    let marker = "href=\"/en/lab/#s=";
    let start = page.html.find(marker).expect("an Open in the lab link") + marker.len();
    let payload: String = page.html[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let state = shipshape_labstate::decode_link(&payload).expect("the link decodes");
    assert_eq!(state.dockerfile, "FROM python:3.13\nCOPY . .");
    assert_eq!(state.changed, vec!["app/main.py".to_string()]);
    assert!(state.context.contains(&"app/main.py".to_string()));
}

#[test]
fn lab_and_calc_examples_do_not_share_a_page() {
    let e = err("```lab\nFROM x\n```\n\n```calc\n{\"workers\": 4}\n```\n");
    assert!(e.contains("not both"), "{e}");
}

#[test]
fn labels_follow_the_language() {
    let diagram = |_: &str| None;
    let page = render_page(&RenderInput {
        lang: "ja",
        slug: "p",
        markdown: "> [!NOTE]\n> メモ\n",
        labels: &LABELS_JA,
        diagram: &diagram,
    })
    .unwrap();
    assert!(page.html.contains("補足"));
}

#[test]
fn site_paths_are_checked_links() {
    let page = ok("See [the cache](/en/build-cache/#order) and [SS001](/en/rules/SS001/).\n");
    assert_eq!(page.links[0].slug, "build-cache");
    assert_eq!(page.links[0].anchor.as_deref(), Some("order"));
    assert_eq!(page.links[1].slug, "rules/SS001");
    assert!(page.html.contains("href=\"/en/build-cache/#order\""));
    assert!(err("[x](/ko/overview/)\n").contains("this page's language"));
}

#[test]
fn the_recap_is_collected() {
    let page = ok("## Body {#body}\n\nText.\n\n## In one line {#recap}\n\nRun **one** process.\n");
    assert_eq!(
        page.recap.as_deref(),
        Some("<p>Run <strong>one</strong> process.</p>")
    );
    assert_eq!(ok("## Body {#body}\n\nText.\n").recap, None);
}

#[test]
fn sections_hold_plain_text_for_search() {
    let page = ok("Intro *text*.\n\n## First `one` {#first}\n\nBody [link](#first).\n\n```bash\necho hi\n```\n\n### Deeper {#deeper}\n\n- a\n- b\n");
    let ids: Vec<&str> = page.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["", "first", "deeper"]);
    assert_eq!(page.sections[0].text, "Intro text.");
    assert_eq!(page.sections[1].heading, "First one");
    assert_eq!(page.sections[1].text, "Body link. echo hi");
    assert_eq!(page.sections[2].text, "a b");
}
