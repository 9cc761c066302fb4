//! Writes every route as a static HTML file into Trunk's output, from the same components the
//! browser hydrates. Runs as Trunk's post-build hook (see `Trunk.toml`), or by hand:
//! `cargo run --features ssr --bin prerender -- --dist dist`.
//!
//! For each route it takes Trunk's `index.html` (which links the CSS, JS and wasm), sets the
//! language, title, description and alternates in the head, and puts the rendered page in the
//! body.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use leptos::prelude::*;
use shipshape::app::{App, PageView, Route, TocEntry, RULES_SLUG, SUMMARY_SLUG};
use shipshape::calc::{CalcWidget, CalculatorPage};
use shipshape::deploy;
use shipshape::exercise::track::{TrackItem, TrackPage, TrackPart};
use shipshape::exercise::{ChoiceHtml, ExerciseHtml, ExercisePage, Place};
use shipshape::i18n::Lang;
use shipshape::lab::{LabPage, LabWidget};
use shipshape_content::{escape_attr, escape_html, render_fragment, Guide, Site, Widget};
use shipshape_exercises::catalogue;

/// Picks the reader's language at `/`: their earlier choice, else the first of their browser's
/// preferred languages that the guide has, else English.
const ROOT_SCRIPT: &str = r#"(function(){var l;try{l=localStorage.getItem("shipshape.lang")}catch(e){}if(!/^(en|ko|ja)$/.test(l||"")){l="en";var n=navigator.languages||[navigator.language||""];for(var i=0;i<n.length;i++){var c=String(n[i]).slice(0,2).toLowerCase();if(c==="en"||c==="ko"||c==="ja"){l=c;break}}}location.replace("/"+l+"/")})();"#;

/// On the 404 page, shows the message in the language of the address (`/ko/...`), else the
/// reader's choice or browser language.
const NOT_FOUND_SCRIPT: &str = r#"(function(){var m=/^\/(en|ko|ja)\//.exec(location.pathname),l=m&&m[1];if(!l){try{l=localStorage.getItem("shipshape.lang")}catch(e){}}if(!/^(en|ko|ja)$/.test(l||"")){l=String(navigator.language||"en").slice(0,2).toLowerCase();if(!/^(ko|ja)$/.test(l))l="en"}var d=document.documentElement;d.setAttribute("data-pick",l);d.lang=l})();"#;

struct Args {
    dist: PathBuf,
    content: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut dist = env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    // SHIPSHAPE_CONTENT_DIR lets a build use another copy of the guide (Trunk passes its
    // environment to the hook).
    let mut content = env::var_os("SHIPSHAPE_CONTENT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("content"));
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => dist = Some(args.next().ok_or("--dist needs a directory")?.into()),
            "--content" => content = args.next().ok_or("--content needs a directory")?.into(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        dist: dist.unwrap_or_else(|| PathBuf::from("dist")),
        content,
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(count) => {
            eprintln!("prerender: wrote {count} pages");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<usize, String> {
    let args = parse_args()?;
    let site = Site::load(&args.content).map_err(|errors| errors.join("\n"))?;
    let hadolint = shipshape_content::hadolint::HadolintTable::load(&args.content)?;
    let mut problems = site.problems();
    problems.extend(catalogue::problems());
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let shell_path = args.dist.join("index.html");
    let shell = fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e} (run after `trunk build`)", shell_path.display()))?;
    let shell = Shell::parse(&shell)?;

    // One search index per language, named by its content so it can be cached for ever.
    let mut search_urls = std::collections::HashMap::new();
    for guide in &site.guides {
        let lang = Lang::from_code(guide.lang).ok_or("unknown language in content")?;
        let bytes = shipshape_search::build_index(guide.lang, &search_sections(guide, lang));
        let name = format!("search/{}-{:016x}.bin", guide.lang, fnv1a(&bytes));
        let path = args.dist.join(&name);
        fs::create_dir_all(path.parent().expect("has a folder")).map_err(|e| e.to_string())?;
        fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("prerender: search index {name}: {} bytes", bytes.len());
        search_urls.insert(guide.lang, format!("/{name}"));
    }
    // The tool bundles (calculator, lab) are built beside the main one; pages name their files
    // with a content hash so a new build is never served from an old cache.
    let mut tools = Vec::new();
    for (meta, file) in [
        ("shipshape-calc-js", "shipshape-calc.js"),
        ("shipshape-calc-wasm", "shipshape-calc_bg.wasm"),
        ("shipshape-lab-js", "shipshape-lab.js"),
        ("shipshape-lab-wasm", "shipshape-lab_bg.wasm"),
    ] {
        let mut bytes = fs::read(args.dist.join(file))
            .map_err(|e| format!("{file}: {e} (is the bundle in index.html?)"))?;
        if file.ends_with(".js") {
            // wasm-bindgen's classic script declares its initialiser with `let`, which a
            // script's global scope keeps off `window`: the loader (browser::load_bundle)
            // finds it on the global object, without evaluating text.
            bytes.extend_from_slice(b"\nglobalThis.wasm_bindgen = wasm_bindgen;\n");
        }
        // Renamed with a hash of the content, as Trunk names its own files, so that every
        // host can cache it for ever by its name alone (deploy/headers.toml).
        let (stem, ext) = file.split_once('.').expect("a file name with an extension");
        let hashed = match stem.strip_suffix("_bg") {
            Some(stem) => format!("{stem}-{:016x}_bg.{ext}", fnv1a(&bytes)),
            None => format!("{stem}-{:016x}.{ext}", fnv1a(&bytes)),
        };
        fs::write(args.dist.join(&hashed), &bytes).map_err(|e| format!("{hashed}: {e}"))?;
        fs::remove_file(args.dist.join(file)).map_err(|e| format!("{file}: {e}"))?;
        tools.push((meta, format!("/{hashed}")));
    }
    let site_address = site_url(env::var("SHIPSHAPE_SITE_URL").ok().as_deref())?;
    // A release build is the hosted site's: it works offline after the first visit (a service
    // worker and a manifest), which a development build (`trunk serve`) must not.
    let release = env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release")
        || env::var("SHIPSHAPE_OFFLINE").is_ok_and(|v| v == "1");
    let offline_head = if release {
        offline_files(&args.dist, &search_urls, &tools)?
    } else {
        String::new()
    };
    let shell = Shell {
        search_urls,
        tools,
        site: site_address,
        offline_head,
        ..shell
    };

    let mut written = 0;
    // Every page's path, and the hashes of the inline scripts they hold, for the production
    // files written after the pages (headers, sitemap).
    let mut pages: Vec<String> = Vec::new();
    let mut script_hashes = std::collections::BTreeSet::new();
    let mut write = |path: &Path, html: String| -> Result<(), String> {
        let full = args.dist.join(path);
        if let Some(dir) = full.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        for body in deploy::inline_scripts(&html) {
            script_hashes.insert(deploy::script_hash(body));
        }
        pages.push(path.to_string_lossy().replace('\\', "/"));
        fs::write(&full, html).map_err(|e| format!("{}: {e}", full.display()))?;
        written += 1;
        Ok(())
    };

    for guide in &site.guides {
        let lang = Lang::from_code(guide.lang).ok_or("unknown language in content")?;
        let s = lang.strings();
        let home = PageView {
            lang,
            route: Route::Home,
            title: String::new(),
            toc: Vec::new(),
            html: String::new(),
        };
        write(
            &Path::new(guide.lang).join("index.html"),
            shell.page(&home, s.home_lead, ""),
        )?;
        let calculator = PageView {
            lang,
            route: Route::Calculator,
            title: s.calculator.to_string(),
            toc: Vec::new(),
            // Rendered on its own: the calculator bundle hydrates it inside the page.
            html: Owner::new().with(|| view! { <CalculatorPage lang/> }.to_html()),
        };
        write(
            &Path::new(guide.lang).join("calculator").join("index.html"),
            shell.page(&calculator, s.calculator_description, ""),
        )?;
        let lab = PageView {
            lang,
            route: Route::Lab,
            title: s.lab.to_string(),
            toc: Vec::new(),
            // Rendered on its own, like the calculator: the lab bundle mounts it inside the page.
            html: Owner::new().with(|| view! { <LabPage lang/> }.to_html()),
        };
        write(
            &Path::new(guide.lang).join("lab").join("index.html"),
            shell.page(&lab, s.lab_description, ""),
        )?;
        for (slug, what) in [
            (SUMMARY_SLUG, "the generated recap page"),
            (RULES_SLUG, "the generated index of the rules"),
            ("exercises", "the exercises' track"),
        ] {
            if guide.page(slug).is_some() {
                return Err(format!(
                    "content/{}: `{slug}` is {what}'s address; give the page another slug",
                    guide.lang
                ));
            }
        }
        let rules = rules_page(guide, lang, &hadolint);
        write(
            &Path::new(guide.lang).join(RULES_SLUG).join("index.html"),
            shell.page(&rules, s.rules_lead, ""),
        )?;
        let summary = summary_page(guide, lang);
        write(
            &Path::new(guide.lang).join(SUMMARY_SLUG).join("index.html"),
            shell.page(&summary, s.summary_lead, ""),
        )?;
        let track = track_page(guide, lang);
        write(
            &Path::new(guide.lang).join("exercises").join("index.html"),
            shell.page(&track, s.exercises_description, ""),
        )?;
        let total = catalogue::all().len();
        for (position, exercise) in catalogue::all().iter().enumerate() {
            let (view, description) = exercise_page(guide, lang, exercise, position, total)?;
            write(
                &Path::new(guide.lang)
                    .join("exercises")
                    .join(exercise.id.as_ref())
                    .join("index.html"),
                shell.page(&view, &description, ""),
            )?;
        }
        for page in guide.all_pages() {
            let toc = page
                .rendered
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| TocEntry {
                    id: h.id.clone(),
                    text: h.text.clone(),
                })
                .collect();
            let view = PageView {
                lang,
                route: Route::Guide(page.meta.slug.clone()),
                title: page.meta.title.clone(),
                toc,
                html: with_examples(&page.rendered.html, lang, &page.rendered.widgets)?
                    + &practise_block(lang, &page.meta.slug)?,
            };
            write(
                &Path::new(guide.lang)
                    .join(&page.meta.slug)
                    .join("index.html"),
                shell.page(&view, &page.meta.description, ""),
            )?;
        }
    }
    let root = PageView {
        lang: Lang::En,
        route: Route::Root,
        title: String::new(),
        toc: Vec::new(),
        html: String::new(),
    };
    write(
        Path::new("index.html"),
        shell.page(&root, Lang::En.strings().home_lead, ROOT_SCRIPT),
    )?;
    let not_found = PageView {
        lang: Lang::En,
        route: Route::NotFound,
        title: String::new(),
        toc: Vec::new(),
        html: String::new(),
    };
    write(
        Path::new("404.html"),
        shell.page(
            &not_found,
            Lang::En.strings().not_found_body,
            NOT_FOUND_SCRIPT,
        ),
    )?;
    let hashes: Vec<String> = script_hashes.into_iter().collect();
    production_files(&args.dist, &shell.site, &pages, &hashes, release)?;
    Ok(written)
}

/// The service worker (`/sw.js`, from src/sw.js with this build's file lists), the script that
/// registers it (with a content hash in its name), and a manifest per language; returns what
/// each page's head gets for them (`{lang}` stands for the page's language).
fn offline_files(
    dist: &Path,
    search: &std::collections::HashMap<&'static str, String>,
    tools: &[(&'static str, String)],
) -> Result<String, String> {
    // The shell: Trunk's own hashed files (the main bundle, the stylesheet, the icon).
    let mut shell = Vec::new();
    for entry in fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if deploy::is_immutable(&name)
            && !name.starts_with("shipshape-calc-")
            && !name.starts_with("shipshape-lab-")
        {
            shell.push(format!("/{name}"));
        }
    }
    let register = include_str!("../sw-register.js");
    let register_name = format!("sw-register-{:016x}.js", fnv1a(register.as_bytes()));
    shell.push(format!("/{register_name}"));
    shell.sort();
    let icon = shell
        .iter()
        .find(|f| f.starts_with("/favicon-") && f.ends_with(".svg"))
        .ok_or("no hashed favicon in the build")?
        .clone();
    let quoted = |items: &mut dyn Iterator<Item = String>| {
        items
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tool_files = |tool: &str| {
        quoted(
            &mut tools
                .iter()
                .filter(|(meta, _)| meta.starts_with(&format!("shipshape-{tool}-")))
                .map(|(_, url)| url.clone()),
        )
    };
    let mut langs: Vec<_> = search.iter().collect();
    langs.sort();
    let search_json = langs
        .iter()
        .map(|(lang, url)| format!("\"{lang}\": \"{url}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut version_input = shell.join("\n");
    for (_, url) in tools {
        version_input.push_str(url);
    }
    for (_, url) in &langs {
        version_input.push_str(url);
    }
    let version = format!("{:016x}", fnv1a(version_input.as_bytes()));
    let build = format!(
        "const BUILD = {{\"version\": \"{version}\", \"shell\": [{}], \"tools\": {{\"lab\": [{}], \"calc\": [{}]}}, \"search\": {{{search_json}}}}};\n",
        quoted(&mut shell.iter().cloned()),
        tool_files("lab"),
        tool_files("calc"),
    );
    let write = |name: &str, text: &str| -> Result<(), String> {
        let path = dist.join(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{name}: {e}"))
    };
    write("sw.js", &(build + include_str!("../sw.js")))?;
    write(&register_name, register)?;
    for lang in Lang::ALL {
        let s = lang.strings();
        let manifest = format!(
            "{{\n  \"name\": \"Shipshape\",\n  \"short_name\": \"Shipshape\",\n  \"description\": \"{}\",\n  \"lang\": \"{}\",\n  \"start_url\": \"/{}/\",\n  \"scope\": \"/\",\n  \"display\": \"standalone\",\n  \"background_color\": \"#ffffff\",\n  \"theme_color\": \"#0a5c73\",\n  \"icons\": [{{\"src\": \"{icon}\", \"sizes\": \"any\", \"type\": \"image/svg+xml\"}}]\n}}\n",
            s.home_lead.replace('\\', "\\\\").replace('"', "\\\""),
            lang.code(),
            lang.code()
        );
        write(&format!("{}/manifest.webmanifest", lang.code()), &manifest)?;
    }
    eprintln!(
        "prerender: service worker for version {version}, shell of {} files",
        shell.len()
    );
    Ok(format!(
        "<link rel=\"manifest\" href=\"/{{lang}}/manifest.webmanifest\">\n<script defer src=\"/{register_name}\"></script>\n"
    ))
}

/// The files for serving the site in production, from `deploy/headers.toml`: each host's
/// header file, `sitemap.xml` and `robots.txt` when the site's address is known, and in a
/// release build (or with `SHIPSHAPE_PRECOMPRESS=1`) the `.gz`/`.br` copies of every file.
/// With `SHIPSHAPE_CSP_META=1` each page also carries its policy in a `<meta>` element, for
/// hosts that cannot send headers (GitHub Pages; docs/deploy.md).
fn production_files(
    dist: &Path,
    site: &str,
    pages: &[String],
    hashes: &[String],
    release: bool,
) -> Result<(), String> {
    let table = deploy::HeaderTable::parse(include_str!("../../deploy/headers.toml"))?;
    let put = |name: &str, text: String| -> Result<(), String> {
        fs::write(dist.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    let mut files = Vec::new();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dist) {
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    put("_headers", table.netlify(hashes, &files))?;
    let immutable: Vec<&String> = files.iter().filter(|f| deploy::is_immutable(f)).collect();
    put(
        "_immutable.txt",
        immutable.iter().map(|f| format!("{f}\n")).collect(),
    )?;
    put("_nginx-headers.conf", table.nginx(hashes))?;
    put("_cloudfront-headers.json", table.cloudfront(hashes))?;
    eprintln!(
        "prerender: headers for {} inline scripts: {}",
        hashes.len(),
        table.csp(hashes, false)
    );
    if env::var("SHIPSHAPE_CSP_META").is_ok_and(|v| v == "1") {
        let meta = format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
            escape_attr(&table.csp(hashes, true))
        );
        for page in pages {
            let path = dist.join(page);
            let html = fs::read_to_string(&path).map_err(|e| format!("{page}: {e}"))?;
            // Before anything the policy governs: right after the charset.
            let at = html
                .find("<meta charset")
                .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
            let at = at.ok_or_else(|| format!("{page}: no <meta charset>"))?;
            let html = format!("{}\n{meta}{}", &html[..at], &html[at..]);
            fs::write(&path, html).map_err(|e| format!("{page}: {e}"))?;
        }
    }
    if !site.is_empty() {
        let urls: Vec<String> = pages
            .iter()
            .filter(|p| p.as_str() != "index.html" && p.as_str() != "404.html")
            .map(|p| format!("/{}", p.trim_end_matches("index.html")))
            .collect();
        put("sitemap.xml", deploy::sitemap(site, &urls))?;
        put("robots.txt", deploy::robots(site))?;
    }
    if release || env::var("SHIPSHAPE_PRECOMPRESS").is_ok_and(|v| v == "1") {
        let done = deploy::precompress(dist)?;
        eprintln!(
            "prerender: precompressed {} files: {} KB, gzip {} KB, brotli {} KB",
            done.files,
            done.raw / 1024,
            done.gzip / 1024,
            done.brotli / 1024
        );
    }
    Ok(())
}

/// Every section of every page of a language, in reading order, for its search index.
fn search_sections(guide: &Guide, lang: Lang) -> Vec<shipshape_search::Section> {
    let mut sections = Vec::new();
    for (order, page) in guide.all_pages().enumerate() {
        for section in &page.rendered.sections {
            let url = if section.id.is_empty() {
                format!("/{}/{}/", guide.lang, page.meta.slug)
            } else {
                format!("/{}/{}/#{}", guide.lang, page.meta.slug, section.id)
            };
            sections.push(shipshape_search::Section {
                page_title: page.meta.title.clone(),
                section_heading: if section.heading.is_empty() {
                    page.meta.title.clone()
                } else {
                    section.heading.clone()
                },
                url,
                text: section.text.clone(),
                page_order: order as u32,
            });
        }
    }
    let s = lang.strings();
    sections.push(shipshape_search::Section {
        page_title: s.calculator.to_string(),
        section_heading: s.calculator.to_string(),
        url: Route::Calculator.path(lang),
        text: s.calculator_description.to_string(),
        page_order: sections.len() as u32,
    });
    sections.push(shipshape_search::Section {
        page_title: s.lab.to_string(),
        section_heading: s.lab.to_string(),
        url: Route::Lab.path(lang),
        text: s.lab_description.to_string(),
        page_order: sections.len() as u32,
    });
    sections.push(shipshape_search::Section {
        page_title: s.exercises.to_string(),
        section_heading: s.exercises.to_string(),
        url: Route::Exercises.path(lang),
        text: s.exercises_description.to_string(),
        page_order: sections.len() as u32,
    });
    // Each exercise: its title and its task, as the reader would search for them.
    let elang = shipshape::lab::analysis::engine_lang(lang);
    for e in catalogue::all() {
        if let Some(t) = catalogue::text(&e.id, elang) {
            sections.push(shipshape_search::Section {
                page_title: s.exercises.to_string(),
                section_heading: t.title.to_string(),
                url: shipshape::exercise::exercise_path(lang, &e.id),
                text: t.task.replace(['`', '*'], ""),
                page_order: sections.len() as u32,
            });
        }
    }
    sections
}

/// Puts the tools themselves, as the server renders them, in a guide page's examples, so the page
/// reads complete without either tool's bundle; the bundle, loaded when the reader first touches
/// an example, makes it live in place. The content crate's figure keeps a plain code block (and,
/// for a lab, a link) for other renderers; here they give way to the tool:
/// - a lab example gets the compact lab: the editor with the example highlighted, its findings,
///   the build context and what the example's change rebuilds, with its own "Open in the lab";
/// - a calculator example gets the widget (inputs, verdict, pictures), its scenario kept in the
///   host's `data-spec` for the live widget; a scenario the widget cannot show keeps its JSON,
///   and the widget says why once it is live.
fn with_examples(html: &str, lang: Lang, widgets: &[Widget]) -> Result<String, String> {
    let html = with_rendered(html, "lab", widgets, |index, widget| {
        let (dockerfile, changed) = (widget.body.clone(), widget.changed.clone());
        let lab =
            Owner::new().with(|| view! { <LabWidget lang index dockerfile changed/> }.to_html());
        Some(format!("<div class=\"lab-host\">{lab}</div>"))
    })?;
    with_rendered(&html, "calc", widgets, |index, widget| {
        let spec = widget.body.clone();
        shipshape::calc::spec::form_from_spec(&spec).ok()?;
        let attr = escape_attr(&spec);
        let calc = Owner::new().with(|| view! { <CalcWidget lang spec index/> }.to_html());
        Some(format!(
            "<div class=\"calc-host\" data-spec=\"{attr}\">{calc}</div>"
        ))
    })
}

/// Replaces, in each `kind` example of `html` (in the order of `widgets`), everything from the
/// code block to the end of the figure with what `render` gives for it (kept when it gives
/// nothing).
fn with_rendered(
    html: &str,
    kind: &str,
    widgets: &[Widget],
    render: impl Fn(usize, &Widget) -> Option<String>,
) -> Result<String, String> {
    let figure = format!("<figure class=\"widget widget-{kind}\"");
    const BLOCK: &str = "<div class=\"code-block\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    for (index, widget) in widgets.iter().filter(|w| w.kind == kind).enumerate() {
        let at = rest
            .find(&figure)
            .ok_or_else(|| format!("a {kind} example is missing from its page"))?;
        let block = at
            + rest[at..]
                .find(BLOCK)
                .ok_or_else(|| format!("a {kind} example has no code block"))?;
        let end = block
            + rest[block..]
                .find("</figure>")
                .ok_or_else(|| format!("a {kind} figure is not closed"))?;
        out.push_str(&rest[..block]);
        match render(index, widget) {
            Some(tool) => out.push_str(&tool),
            None => out.push_str(&rest[block..end]),
        }
        rest = &rest[end..];
    }
    if rest.contains(&figure) {
        return Err(format!(
            "a {kind} example was not listed by the content crate"
        ));
    }
    out.push_str(rest);
    Ok(out)
}

/// The exercises' language for the app's.
fn exercise_lang(lang: Lang) -> catalogue::Lang {
    shipshape::lab::analysis::engine_lang(lang)
}

/// An exercise's Markdown, rendered as the guide's is.
fn markdown(lang: Lang, id: &str, text: &str) -> Result<String, String> {
    render_fragment(lang.code(), &format!("exercises/{id}"), text)
        .map(|page| page.html)
        .map_err(|errors| errors.join("\n"))
}

/// A guide page's "Practise this" block: the exercises that practise it, linked, at the end of
/// the page. Its heading has no id, so it stays out of the page's table of contents.
fn practise_block(lang: Lang, slug: &str) -> Result<String, String> {
    let t = shipshape::exercise::text::texts(lang);
    let items: Vec<String> = catalogue::practising(slug)
        .map(|e| {
            let title = catalogue::text(&e.id, exercise_lang(lang))
                .map(|t| t.title.to_string())
                .unwrap_or_default();
            format!(
                "<li><a href=\"{}\">{}</a> <span class=\"ex-badge ex-badge-{}\">{}</span></li>",
                escape_attr(&shipshape::exercise::exercise_path(lang, &e.id)),
                escape_html(&title),
                e.kind().as_str(),
                escape_html(shipshape::exercise::kind_word(t, e.kind())),
            )
        })
        .collect();
    if items.is_empty() {
        return Ok(String::new());
    }
    Ok(format!(
        "<aside class=\"practise\" aria-label=\"{label}\"><h2 class=\"practise-title\">{label}</h2><ul class=\"practise-list\">{}</ul></aside>",
        items.concat(),
        label = escape_html(lang.strings().practise_this),
    ))
}

/// The track page: every exercise, by part of the guide, in the track's order.
fn track_page(guide: &Guide, lang: Lang) -> PageView {
    let s = lang.strings();
    let parts = guide
        .nav
        .part
        .iter()
        .map(|part| TrackPart {
            id: part.id.clone(),
            title: part.title.clone(),
            items: catalogue::all()
                .iter()
                .filter(|e| e.part.id() == part.id)
                .map(|e| TrackItem {
                    id: e.id.to_string(),
                    title: catalogue::text(&e.id, exercise_lang(lang))
                        .map(|t| t.title.to_string())
                        .unwrap_or_default(),
                    kind: e.kind(),
                })
                .collect(),
        })
        .filter(|p| !p.items.is_empty())
        .collect();
    PageView {
        lang,
        route: Route::Exercises,
        title: s.exercises.to_string(),
        toc: Vec::new(),
        html: Owner::new().with(|| view! { <TrackPage lang parts/> }.to_html()),
    }
}

/// One exercise's page and its description for search engines (the task's first line).
fn exercise_page(
    guide: &Guide,
    lang: Lang,
    exercise: &shipshape_exercises::Exercise,
    position: usize,
    total: usize,
) -> Result<(PageView, String), String> {
    let elang = exercise_lang(lang);
    let id = exercise.id.to_string();
    let text = catalogue::text(&id, elang)
        .ok_or_else(|| format!("content/{}/exercises/{id}.toml is missing", lang.code()))?;
    let form = |json: &str| {
        shipshape_capacity::parse_scenario(json)
            .map(|s| shipshape::calc::form::Form::from_scenario(&s).encode())
            .unwrap_or_default()
    };
    let next = catalogue::next(&id).map(|n| {
        (
            shipshape::exercise::exercise_path(lang, &n.id),
            catalogue::text(&n.id, elang)
                .map(|t| t.title.to_string())
                .unwrap_or_default(),
        )
    });
    let html = ExerciseHtml {
        title: text.title.to_string(),
        task: markdown(lang, &id, &text.task)?,
        hints: text
            .hints
            .iter()
            .map(|h| markdown(lang, &id, h))
            .collect::<Result<_, _>>()?,
        explanation: markdown(lang, &id, &text.explanation)?,
        choices: text
            .choices
            .iter()
            .map(|c| {
                Ok(ChoiceHtml {
                    id: c.id.to_string(),
                    label: inline(&markdown(lang, &id, &c.label)?),
                    why: inline(&markdown(lang, &id, &c.why)?),
                })
            })
            .collect::<Result<_, String>>()?,
        start_form: exercise
            .capacity
            .as_ref()
            .map(|t| form(&t.start))
            .unwrap_or_default(),
        solution_form: exercise
            .capacity
            .as_ref()
            .map(|t| form(&t.solution))
            .unwrap_or_default(),
        next,
    };
    let part_title = guide
        .nav
        .part
        .iter()
        .find(|p| p.id == exercise.part.id())
        .map(|p| p.title.clone())
        .unwrap_or_default();
    let place = Place {
        part_title,
        position: position + 1,
        total,
    };
    let description = text
        .task
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .replace('`', "")
        .replace("**", "");
    let title = text.title.to_string();
    let body = Owner::new().with(|| view! { <ExercisePage lang id html place/> }.to_html());
    Ok((
        PageView {
            lang,
            route: Route::Exercise(exercise.id.to_string()),
            title,
            toc: Vec::new(),
            html: body,
        },
        description,
    ))
}

/// A one-paragraph fragment without its `<p>`, for text inside a label.
fn inline(html: &str) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

/// The site's address from `SHIPSHAPE_SITE_URL` (`https://example.org`, or with a path when
/// the site is served from one), without a trailing slash; empty when unset or blank.
fn site_url(value: Option<&str>) -> Result<String, String> {
    let value = value.map(str::trim).unwrap_or("");
    if value.is_empty() {
        return Ok(String::new());
    }
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .filter(|r| !r.is_empty() && !r.starts_with('/'))
        .filter(|r| !r.contains(|c: char| c.is_whitespace() || "\"'<>#?".contains(c)));
    match rest {
        Some(_) => Ok(value.trim_end_matches('/').to_string()),
        None => Err(format!(
            "SHIPSHAPE_SITE_URL must be an absolute http(s) address such as https://example.org, not `{value}`"
        )),
    }
}

/// FNV-1a: a short, stable content hash for cache-busting file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The index of the rules' reference pages: each rule's title and what it finds; then the
/// table of hadolint's DL rules with the Shipshape rule that covers each (from the registry's
/// names) or the reason there is none.
fn rules_page(
    guide: &Guide,
    lang: Lang,
    hadolint: &shipshape_content::hadolint::HadolintTable,
) -> PageView {
    let s = lang.strings();
    let code = guide.lang;
    let mut html = format!(
        "<p>{}</p><ul class=\"rule-index\">",
        escape_html(s.rules_lead)
    );
    let rule_pages: Vec<_> = guide
        .reference
        .iter()
        .filter(|p| p.part_id == "rules")
        .collect();
    for page in &rule_pages {
        html.push_str(&format!(
            "<li><a href=\"/{}/{}/\">{}</a><p>{}</p></li>",
            guide.lang,
            page.meta.slug,
            escape_html(&page.meta.title),
            escape_html(&page.meta.description)
        ));
    }
    html.push_str("</ul>");
    let t = hadolint;
    let covered = t
        .rule
        .iter()
        .filter(|r| !shipshape_dockerfile::RuleId::named(&r.code).is_empty())
        .count();
    let labels = shipshape_content::labels(code).expect("a guide language");
    html.push_str(&format!(
        "<h2 id=\"hadolint\">{}<a class=\"permalink\" href=\"#hadolint\" aria-label=\"{}\"></a></h2><p>{} {}</p>",
        escape_html(t.page.heading.get(code)),
        escape_attr(labels.permalink),
        inline_code(t.page.lead.get(code)),
        escape_html(
            &t.page
                .covered
                .get(code)
                .replace("{covered}", &covered.to_string())
                .replace("{total}", &t.rule.len().to_string())
        ),
    ));
    html.push_str(&format!(
        "<div class=\"table-wrap\"><table class=\"hadolint-map\"><thead><tr><th scope=\"col\">hadolint</th><th scope=\"col\">{}</th><th scope=\"col\">Shipshape</th></tr></thead><tbody>",
        escape_html(t.page.what.get(code))
    ));
    for row in &t.rule {
        let rules = shipshape_dockerfile::RuleId::named(&row.code);
        let cell = if rules.is_empty() {
            let reason = row
                .why
                .as_deref()
                .and_then(|w| t.reasons.get(w))
                .map(|r| r.get(code))
                .unwrap_or("");
            let note = row
                .note
                .as_ref()
                .map(|n| format!(" {}", inline_code(n.get(code))))
                .unwrap_or_default();
            format!("{}{note}", inline_code(reason))
        } else {
            rules
                .iter()
                .map(|r| {
                    let title = rule_pages
                        .iter()
                        .find(|p| p.meta.slug.ends_with(r.as_str()))
                        .map(|p| p.meta.title.clone())
                        .unwrap_or_else(|| r.as_str().to_string());
                    format!(
                        "<a href=\"/{code}/rules/{}/\">{}</a>",
                        r.as_str(),
                        escape_html(&title)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>")
        };
        html.push_str(&format!(
            "<tr id=\"{id}\"><td><code>{id}</code></td><td>{}</td><td>{cell}</td></tr>",
            inline_code(row.what.get(code)),
            id = escape_attr(&row.code),
        ));
    }
    html.push_str("</tbody></table></div>");
    PageView {
        lang,
        route: Route::Guide(RULES_SLUG.to_string()),
        title: s.rules.to_string(),
        toc: vec![TocEntry {
            id: "hadolint".into(),
            text: t.page.heading.get(code).to_string(),
        }],
        html,
    }
}

/// Text with Markdown's inline code (`like this`) as `<code>`, everything escaped.
fn inline_code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", escape_html(part)));
        } else {
            out.push_str(&escape_html(part));
        }
    }
    out
}

/// The page that gathers every page's one-line recap, part by part, each linked to its page.
fn summary_page(guide: &Guide, lang: Lang) -> PageView {
    let s = lang.strings();
    let labels = shipshape_content::labels(guide.lang).expect("a guide language");
    let mut html = format!("<p>{}</p>", escape_html(s.summary_lead));
    let mut toc = Vec::new();
    for part in &guide.nav.part {
        html.push_str(&format!(
            "<h2 id=\"{id}\">{}<a class=\"permalink\" href=\"#{id}\" aria-label=\"{}\"></a></h2><ol class=\"recaps\">",
            escape_html(&part.title),
            escape_attr(labels.permalink),
            id = escape_attr(&part.id),
        ));
        toc.push(TocEntry {
            id: part.id.clone(),
            text: part.title.clone(),
        });
        for meta in &part.page {
            let recap = guide
                .page(&meta.slug)
                .and_then(|p| p.rendered.recap.clone())
                .unwrap_or_default();
            html.push_str(&format!(
                "<li><a href=\"/{}/{}/\">{}</a>{recap}</li>",
                guide.lang,
                meta.slug,
                escape_html(&meta.title)
            ));
        }
        html.push_str("</ol>");
    }
    PageView {
        lang,
        route: Route::Guide(SUMMARY_SLUG.to_string()),
        title: s.summary.to_string(),
        toc,
        html,
    }
}

/// Trunk's `index.html`, cut where each page puts its own parts. A minified shell may leave out
/// the optional `<html>`, `<head>` and `<body>` tags, so each is looked for, not assumed.
struct Shell {
    /// The head's elements (charset, viewport, theme script, CSS, wasm loader), without `<title>`.
    head: String,
    /// What Trunk put in the body (nothing, or a loader script), kept after the app.
    body_tail: String,
    /// Each language's search index, by language code.
    search_urls: std::collections::HashMap<&'static str, String>,
    /// The tool bundles' files, as (meta name, URL).
    tools: Vec<(&'static str, String)>,
    /// Where the site is served (`https://example.org`, no trailing slash), from
    /// `SHIPSHAPE_SITE_URL`; empty when not known, and links between languages stay relative.
    site: String,
    /// The manifest link and the service worker's registration, in a release build; `{lang}`
    /// stands for the page's language.
    offline_head: String,
}

/// Skips an optional start tag such as `<html lang=en>` at the start of `s`.
fn skip_tag<'s>(s: &'s str, name: &str) -> &'s str {
    let t = s.trim_start();
    let open = format!("<{name}");
    match t.get(..open.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(&open) => {
            let after = &t[open.len()..];
            if after.starts_with(['>', ' ', '\n', '\t']) {
                after.find('>').map(|i| &after[i + 1..]).unwrap_or("")
            } else {
                s
            }
        }
        _ => s,
    }
}

impl Shell {
    fn parse(shell: &str) -> Result<Shell, String> {
        if shell.contains("name=\"shipshape-route\"") {
            return Err(
                "index.html is already a pre-rendered page: run `trunk build` for a fresh shell"
                    .into(),
            );
        }
        let lower = shell.to_ascii_lowercase();
        let mut rest = shell.trim_start();
        if rest.to_ascii_lowercase().starts_with("<!doctype") {
            rest = &rest[rest.find('>').ok_or("unclosed doctype")? + 1..];
        }
        rest = skip_tag(rest, "html");
        rest = skip_tag(rest, "head");
        let offset = shell.len() - rest.len();
        let head_end = lower[offset..]
            .find("</head>")
            .or_else(|| lower[offset..].find("<body"))
            .ok_or("index.html has neither </head> nor <body>")?
            + offset;
        let mut head = shell[offset..head_end].trim().to_string();
        // Each page sets its own title.
        if let (Some(a), Some(b)) = (head.find("<title>"), head.find("</title>")) {
            head.replace_range(a..b + "</title>".len(), "");
        }
        let body_tail = match lower.find("<body") {
            Some(b) => {
                let open_end = b + lower[b..].find('>').ok_or("unclosed <body>")? + 1;
                let close = lower.rfind("</body>").unwrap_or(lower.len());
                shell[open_end..close.max(open_end)].trim().to_string()
            }
            None => String::new(),
        };
        if !head.contains("_bg.wasm") && !body_tail.contains("_bg.wasm") {
            return Err("index.html does not load the wasm: is it Trunk's output?".into());
        }
        Ok(Shell {
            head,
            body_tail,
            search_urls: Default::default(),
            tools: Vec::new(),
            site: String::new(),
            offline_head: String::new(),
        })
    }

    fn page(&self, page: &PageView, description: &str, script: &str) -> String {
        let lang = page.lang;
        let mut head = String::new();
        head.push_str(&format!("<title>{}</title>\n", escape_html(&page.title())));
        head.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            escape_attr(description)
        ));
        head.push_str(&format!(
            "<meta name=\"shipshape-route\" content=\"{}\">\n",
            escape_attr(&page.route.key())
        ));
        if !matches!(page.route, Route::Root | Route::NotFound) {
            // Search engines want these absolute: they are when the build knows its address.
            let url = |lang: Lang| escape_attr(&format!("{}{}", self.site, page.route.path(lang)));
            if !self.site.is_empty() {
                head.push_str(&format!(
                    "<link rel=\"canonical\" href=\"{}\">\n",
                    url(lang)
                ));
            }
            for other in Lang::ALL {
                head.push_str(&format!(
                    "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                    other.code(),
                    url(other)
                ));
            }
            head.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
                url(Lang::En)
            ));
        }
        if let Some(url) = self.search_urls.get(lang.code()) {
            head.push_str(&format!(
                "<meta name=\"shipshape-search\" content=\"{}\">\n",
                escape_attr(url)
            ));
        }
        for (name, url) in &self.tools {
            head.push_str(&format!(
                "<meta name=\"{name}\" content=\"{}\">\n",
                escape_attr(url)
            ));
        }
        if page.route == Route::NotFound {
            head.push_str("<meta name=\"robots\" content=\"noindex\">\n");
        }
        if !script.is_empty() {
            head.push_str(&format!("<script>{script}</script>\n"));
        }
        head.push_str(&self.offline_head.replace("{lang}", lang.code()));
        let owner = Owner::new();
        let body = owner.with(|| {
            let page = page.clone();
            view! { <App page/> }.to_html()
        });
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n{}\n{}</head>\n<body>{}{}</body>\n</html>\n",
            lang.code(),
            self.head,
            head,
            body,
            self.body_tail
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab_page_head(site: &str) -> String {
        let shell = Shell::parse(
            "<!DOCTYPE html><html><head><script type=module>import init from '/a.js'; init('/a_bg.wasm')</script></head><body></body></html>",
        )
        .expect("a shell");
        let shell = Shell {
            site: site.to_string(),
            ..shell
        };
        let page = PageView {
            lang: Lang::Ko,
            route: Route::Lab,
            title: "Lab".into(),
            toc: Vec::new(),
            html: String::new(),
        };
        shell.page(&page, "", "")
    }

    #[test]
    fn language_links_are_absolute_with_a_canonical_when_the_address_is_known() {
        let html = lab_page_head("https://docs.example.org");
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://docs.example.org/ko/lab/\">"),
            "{html}"
        );
        assert!(
            html.contains("hreflang=\"ja\" href=\"https://docs.example.org/ja/lab/\""),
            "{html}"
        );
        assert!(
            html.contains("hreflang=\"x-default\" href=\"https://docs.example.org/en/lab/\""),
            "{html}"
        );
        // Unknown address: relative links, and no canonical (it must be absolute).
        let html = lab_page_head("");
        assert!(html.contains("hreflang=\"ja\" href=\"/ja/lab/\""), "{html}");
        assert!(!html.contains("rel=\"canonical\""), "{html}");
    }

    #[test]
    fn the_site_address_is_checked_and_loses_its_trailing_slash() {
        assert_eq!(site_url(None).unwrap(), "");
        assert_eq!(site_url(Some("  ")).unwrap(), "");
        assert_eq!(
            site_url(Some("https://docs.example.org/")).unwrap(),
            "https://docs.example.org"
        );
        assert_eq!(
            site_url(Some("http://localhost:8080/shipshape")).unwrap(),
            "http://localhost:8080/shipshape"
        );
        for bad in [
            "example.org",
            "ftp://x",
            "https://",
            "https:///x",
            "https://a b",
            "https://x/\"><script>",
        ] {
            let e = site_url(Some(bad)).unwrap_err();
            assert!(e.contains("SHIPSHAPE_SITE_URL"), "{e}");
        }
    }
}
