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
use shipshape::app::{App, PageView, Route, TocEntry};
use shipshape::i18n::Lang;
use shipshape_content::{escape_attr, escape_html, Site};

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
    let mut content = PathBuf::from("content");
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
    let problems = site.problems();
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let shell_path = args.dist.join("index.html");
    let shell = fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e} (run after `trunk build`)", shell_path.display()))?;
    let shell = Shell::parse(&shell)?;

    let mut written = 0;
    let mut write = |path: &Path, html: String| -> Result<(), String> {
        let full = args.dist.join(path);
        if let Some(dir) = full.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
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
            toc: Vec::new(),
            html: String::new(),
        };
        write(
            &Path::new(guide.lang).join("index.html"),
            shell.page(&home, s.home_lead, ""),
        )?;
        for page in &guide.pages {
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
                toc,
                html: page.rendered.html.clone(),
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
    Ok(written)
}

/// Trunk's `index.html`, cut where each page puts its own parts.
struct Shell {
    /// From `<!DOCTYPE html>` up to, not including, `<html`'s attributes.
    before_html_attrs: String,
    /// The rest of the head after `<html ...>`, without its `<title>` and `</head>`.
    head: String,
    /// What Trunk put in the body (its loader script, if any), kept after the app.
    body_tail: String,
}

impl Shell {
    fn parse(shell: &str) -> Result<Shell, String> {
        let html_start = shell.find("<html").ok_or("index.html has no <html>")?;
        let html_end = html_start + shell[html_start..].find('>').ok_or("unclosed <html>")? + 1;
        let head_end = shell.find("</head>").ok_or("index.html has no </head>")?;
        let body_start = shell.find("<body").ok_or("index.html has no <body>")?;
        let body_open_end =
            body_start + shell[body_start..].find('>').ok_or("unclosed <body>")? + 1;
        let body_end = shell.rfind("</body>").ok_or("index.html has no </body>")?;
        let mut head = shell[html_end..head_end].to_string();
        // Each page sets its own title.
        if let (Some(a), Some(b)) = (head.find("<title>"), head.find("</title>")) {
            head.replace_range(a..b + "</title>".len(), "");
        }
        Ok(Shell {
            before_html_attrs: shell[..html_start].to_string(),
            head,
            body_tail: shell[body_open_end..body_end].trim().to_string(),
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
        if matches!(page.route, Route::Home | Route::Guide(_)) {
            for other in Lang::ALL {
                head.push_str(&format!(
                    "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                    other.code(),
                    page.route.path(other)
                ));
            }
            head.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
                page.route.path(Lang::En)
            ));
        }
        if page.route == Route::NotFound {
            head.push_str("<meta name=\"robots\" content=\"noindex\">\n");
        }
        if !script.is_empty() {
            head.push_str(&format!("<script>{script}</script>\n"));
        }
        let owner = Owner::new();
        let body = owner.with(|| {
            let page = page.clone();
            view! { <App page/> }.to_html()
        });
        format!(
            "{}<html lang=\"{}\">{}{}</head>\n<body>{}{}</body>\n</html>\n",
            self.before_html_attrs,
            lang.code(),
            self.head,
            head,
            body,
            self.body_tail
        )
    }
}
