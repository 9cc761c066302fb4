//! The page components. One set serves both sides: the pre-renderer turns them into static HTML
//! (`ssr`), and the browser hydrates that HTML with the same components (`hydrate`).

use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;

use crate::browser;
use crate::i18n::Lang;
use crate::nav;

/// Which page this is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: picks a language.
    Root,
    /// `/<lang>/`: the language's home.
    Home,
    /// `/<lang>/<slug>/`: a guide page.
    Guide(String),
    /// `/<lang>/calculator/`: the capacity calculator.
    Calculator,
    /// `/<lang>/lab/`: the Dockerfile lab.
    Lab,
    /// `/<lang>/exercises/`: the onboarding exercises' track.
    Exercises,
    /// `/<lang>/exercises/<id>/`: one exercise.
    Exercise(String),
    /// Any address without a page.
    NotFound,
}

impl Route {
    /// The route's name in the page's `<meta name="shipshape-route">`, read back when hydrating.
    pub fn key(&self) -> String {
        match self {
            Route::Root => "root".into(),
            Route::Home => "home".into(),
            Route::Guide(slug) => format!("guide/{slug}"),
            Route::Calculator => "calculator".into(),
            Route::Lab => "lab".into(),
            Route::Exercises => "exercises".into(),
            Route::Exercise(id) => format!("exercise/{id}"),
            Route::NotFound => "404".into(),
        }
    }

    pub fn from_key(key: &str) -> Route {
        match key {
            "root" => Route::Root,
            "home" => Route::Home,
            "404" => Route::NotFound,
            "calculator" => Route::Calculator,
            "lab" => Route::Lab,
            "exercises" => Route::Exercises,
            _ => match (key.strip_prefix("guide/"), key.strip_prefix("exercise/")) {
                (Some(slug), _) => Route::Guide(slug.to_string()),
                (_, Some(id)) => Route::Exercise(id.to_string()),
                _ => Route::NotFound,
            },
        }
    }

    /// The path of this route in `lang`.
    pub fn path(&self, lang: Lang) -> String {
        match self {
            Route::Root => "/".into(),
            Route::Home | Route::NotFound => format!("/{}/", lang.code()),
            Route::Guide(slug) => format!("/{}/{slug}/", lang.code()),
            Route::Calculator => format!("/{}/calculator/", lang.code()),
            Route::Lab => format!("/{}/lab/", lang.code()),
            Route::Exercises => format!("/{}/exercises/", lang.code()),
            Route::Exercise(id) => format!("/{}/exercises/{id}/", lang.code()),
        }
    }
}

/// The generated page that gathers every page's one-line recap.
pub const SUMMARY_SLUG: &str = "summary";

/// The generated index of the Dockerfile rules' pages (`rules/<ID>`).
pub const RULES_SLUG: &str = "rules";

/// An entry of the on-page table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
}

/// Everything a page needs to render. On the server `html` holds the page's content; in the
/// browser it is empty, because hydration keeps the content already in the document.
#[derive(Clone, Debug)]
pub struct PageView {
    pub lang: Lang,
    pub route: Route,
    /// The page's own title (guide pages and reference pages alike).
    pub title: String,
    pub toc: Vec<TocEntry>,
    pub html: String,
}

impl PageView {
    /// The `<title>` of the page.
    pub fn title(&self) -> String {
        let s = self.lang.strings();
        match &self.route {
            Route::Guide(_) => format!("{} · Shipshape", self.title),
            Route::Calculator => format!("{} · Shipshape", s.calculator),
            Route::Lab => format!("{} · Shipshape", s.lab),
            Route::Exercises => format!("{} · Shipshape", s.exercises),
            Route::Exercise(_) => format!("{} · {} · Shipshape", self.title, s.exercises),
            Route::Home => format!("Shipshape · {}", s.site_tagline),
            Route::Root => "Shipshape".into(),
            Route::NotFound => format!("{} · Shipshape", s.not_found_title),
        }
    }
}

#[component]
pub fn App(page: PageView) -> impl IntoView {
    let lang = page.lang;
    let s = lang.strings();
    let menu_open = RwSignal::new(false);
    let route = page.route.clone();
    let current_slug = match &route {
        Route::Guide(slug) => Some(slug.clone()),
        _ => None,
    };
    let main = match &route {
        Route::Guide(slug) => EitherOf5::A(view! {
            <GuidePage lang slug=slug.clone() title=page.title.clone() html=page.html.clone() toc=page.toc.clone()/>
        }),
        Route::Home => EitherOf5::B(view! { <HomePage lang/> }),
        // The calculator's markup belongs to the calculator bundle, which hydrates it
        // (src/tools.rs); likewise the lab's (src/lab.rs), the exercises' track and an
        // exercise's page (src/exercise.rs), each made live by a tool bundle.
        Route::Calculator | Route::Lab | Route::Exercises | Route::Exercise(_) => {
            let id = match &route {
                Route::Calculator => "calculator-root",
                Route::Lab => "lab-root",
                Route::Exercises => "exercises-root",
                _ => "exercise-root",
            };
            EitherOf5::C(view! {
                <div id=id class="tool-root" inner_html=page.html.clone()></div>
            })
        }
        Route::Root => EitherOf5::D(view! { <EveryLanguage not_found=false/> }),
        Route::NotFound => EitherOf5::E(view! { <EveryLanguage not_found=true/> }),
    };
    let with_sidebar = matches!(
        route,
        Route::Guide(_)
            | Route::Home
            | Route::Calculator
            | Route::Lab
            | Route::Exercises
            | Route::Exercise(_)
    );
    view! {
        <a class="skip-link" href="#main">{s.skip_to_content}</a>
        <header class="topbar">
            {with_sidebar.then(|| view! {
                <button
                    class="menu-button"
                    type="button"
                    aria-controls="sidebar"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {s.menu}
                </button>
            })}
            <a class="brand" href=format!("/{}/", lang.code())>
                <span class="brand-mark" aria-hidden="true"></span>
                "Shipshape"
            </a>
            <div class="topbar-tools">
                <crate::search::Search lang/>
                <LanguageSwitcher lang route=route.clone()/>
                <ThemeToggle lang/>
            </div>
        </header>
        <div class="layout" class:with-sidebar=with_sidebar>
            {with_sidebar.then(|| view! {
                <Sidebar lang current=current_slug.clone() route=route.clone() open=menu_open/>
            })}
            <main id="main" tabindex="-1">{main}</main>
        </div>
        <footer class="footer">
            <p>{s.footer}</p>
        </footer>
        // Shown by sw-register.js when a new deployment is ready (the hosted site only).
        <div class="update-ready" id="update-ready" role="status" hidden>
            <p>{s.update_ready}</p>
            <button type="button" class="button-primary">{s.update_reload}</button>
        </div>
    }
}

/// Links to the same page in the other languages; following one remembers the choice.
#[component]
fn LanguageSwitcher(lang: Lang, route: Route) -> impl IntoView {
    let s = lang.strings();
    let items = Lang::ALL
        .into_iter()
        .map(|other| {
            let href = route.path(other);
            let current = (other == lang && route != Route::Root && route != Route::NotFound)
                .then_some("true");
            view! {
                <li>
                    <a
                        href=href
                        hreflang=other.code()
                        lang=other.code()
                        aria-current=current
                        on:click=move |_| browser::remember_language(other.code())
                    >
                        {other.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=s.language>
            <ul>{items}</ul>
        </nav>
    }
}

/// Cycles automatic → light → dark; the choice is stored and applied before first paint by the
/// inline script in `index.html`.
#[component]
fn ThemeToggle(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    // Starts as the server rendered it; the stored choice is applied once hydrated.
    let theme = RwSignal::new(browser::Theme::Auto);
    Effect::new(move |_| theme.set(browser::stored_theme()));
    let label = move || match theme.get() {
        browser::Theme::Auto => s.theme_auto,
        browser::Theme::Light => s.theme_light,
        browser::Theme::Dark => s.theme_dark,
    };
    view! {
        <button
            class="theme-toggle"
            type="button"
            data-theme-choice=move || theme.get().key()
            on:click=move |_| {
                let next = theme.get().next();
                theme.set(next);
                browser::apply_theme(next);
            }
        >
            <span class="theme-icon" aria-hidden="true"></span>
            <span class="visually-hidden">{s.theme}": "</span>
            {label}
        </button>
    }
}

#[component]
fn Sidebar(
    lang: Lang,
    current: Option<String>,
    route: Route,
    open: RwSignal<bool>,
) -> impl IntoView {
    let s = lang.strings();
    let parts = nav::parts(lang)
        .iter()
        .map(|part| {
            let pages = part
                .pages
                .iter()
                .map(|page| {
                    let is_current = current.as_deref() == Some(page.slug);
                    view! {
                        <li>
                            <a
                                href=format!("/{}/{}/", lang.code(), page.slug)
                                aria-current=is_current.then_some("page")
                            >
                                {page.title}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="nav-part">
                    <span class="nav-part-title" id=format!("part-{}", part.id)>{part.title}</span>
                    <ul aria-labelledby=format!("part-{}", part.id)>{pages}</ul>
                </li>
            }
        })
        .collect_view();
    // The tools, each with its address and whether this page is (part of) it.
    let in_rules = current
        .as_deref()
        .is_some_and(|c| c == RULES_SLUG || c.starts_with("rules/"));
    let in_exercises = matches!(route, Route::Exercises | Route::Exercise(_));
    let tools = [
        (Route::Exercises.path(lang), s.exercises, in_exercises),
        (
            Route::Calculator.path(lang),
            s.calculator,
            route == Route::Calculator,
        ),
        (Route::Lab.path(lang), s.lab, route == Route::Lab),
        (format!("/{}/{RULES_SLUG}/", lang.code()), s.rules, in_rules),
    ]
    .into_iter()
    .map(|(href, label, is_current)| {
        view! {
            <li>
                <a href=href aria-current=is_current.then_some("page")>{label}</a>
            </li>
        }
    })
    .collect_view();
    view! {
        <nav
            id="sidebar"
            class="sidebar"
            class:open=move || open.get()
            aria-label=s.guide_nav
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    open.set(false);
                }
            }
        >
            <ul class="nav-parts">
                {parts}
                <li class="nav-part nav-summary">
                    <a
                        href=format!("/{}/{SUMMARY_SLUG}/", lang.code())
                        aria-current=(current.as_deref() == Some(SUMMARY_SLUG)).then_some("page")
                    >
                        {s.summary}
                    </a>
                </li>
                <li class="nav-part">
                    <span class="nav-part-title" id="part-tools">{s.tools}</span>
                    <ul aria-labelledby="part-tools">{tools}</ul>
                </li>
            </ul>
        </nav>
    }
}

#[component]
fn GuidePage(
    lang: Lang,
    slug: String,
    title: String,
    html: String,
    toc: Vec<TocEntry>,
) -> impl IntoView {
    let s = lang.strings();
    let (previous, next) = nav::neighbours(lang, &slug);
    let active = RwSignal::new(String::new());
    let ids: Vec<String> = toc.iter().map(|t| t.id.clone()).collect();
    browser::follow_scroll(ids, active);
    let toc_items = toc
        .into_iter()
        .map(|entry| {
            let id = entry.id.clone();
            view! {
                <li>
                    <a
                        href=format!("#{}", entry.id)
                        class:active=move || active.get() == id
                    >
                        {entry.text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let pager_link = move |page: Option<&'static nav::NavPage>,
                           rel: &'static str,
                           label: &'static str| {
        page.map(|p| {
            view! {
                <a class=format!("pager-{rel}") rel=rel href=format!("/{}/{}/", lang.code(), p.slug)>
                    <span class="pager-label">{label}</span>
                    <span class="pager-title">{p.title}</span>
                </a>
            }
        })
    };
    view! {
        <div class="page">
            <article class="article">
                <h1>{title}</h1>
                <div
                    class="content"
                    inner_html=html
                    on:click=move |ev| browser::on_content_click(&ev, s.copied, s.copy_failed)
                    on:keydown=move |ev| browser::on_content_keydown(&ev)
                ></div>
                <nav class="pager" aria-label=format!("{} / {}", s.previous, s.next)>
                    {pager_link(previous, "prev", s.previous)}
                    {pager_link(next, "next", s.next)}
                </nav>
            </article>
            <aside class="toc">
                <nav aria-labelledby="toc-title">
                    <p class="toc-title" id="toc-title">{s.on_this_page}</p>
                    <ul>{toc_items}</ul>
                </nav>
            </aside>
        </div>
    }
}

#[component]
fn HomePage(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let first = nav::pages(lang).next();
    let parts = nav::parts(lang)
        .iter()
        .map(|part| {
            let pages = part
                .pages
                .iter()
                .map(|page| {
                    view! {
                        <li><a href=format!("/{}/{}/", lang.code(), page.slug)>{page.title}</a></li>
                    }
                })
                .collect_view();
            view! {
                <section class="home-part">
                    <h3>{part.title}</h3>
                    <ol>{pages}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="home">
            <section class="hero">
                <h1>{s.home_title}</h1>
                <p class="lead">{s.home_lead}</p>
                <p class="hero-actions">
                    {first.map(|p| view! {
                        <a class="button-primary" href=format!("/{}/{}/", lang.code(), p.slug)>{s.start_reading}</a>
                    })}
                    " "
                    <a class="button-secondary" href=Route::Exercises.path(lang)>{s.exercises}</a>
                </p>
            </section>
            <section class="home-contents" aria-labelledby="contents-title">
                <h2 id="contents-title">{s.contents}</h2>
                {parts}
            </section>
        </div>
    }
}

/// The language chooser at `/` and the 404 page: every language at once, because the address
/// does not say which one the reader wants. A script in the page's head shows the reader's own
/// language first; without JavaScript all three stay visible.
#[component]
fn EveryLanguage(not_found: bool) -> impl IntoView {
    let sections = Lang::ALL
        .into_iter()
        .map(|lang| {
            let s = lang.strings();
            let home = format!("/{}/", lang.code());
            let code = lang.code();
            view! {
                <section class=format!("every-lang every-lang-{code}") lang=code>
                    {if not_found {
                        Either::Left(view! {
                            <h1>{s.not_found_title}</h1>
                            <p>{s.not_found_body}</p>
                            <p><a class="button-primary" href=home>{s.back_home}</a></p>
                        })
                    } else {
                        Either::Right(view! {
                            <h2>{s.choose_language}</h2>
                            <p><a class="button-primary" href=home hreflang=code on:click=move |_| browser::remember_language(code)>{lang.native_name()}</a></p>
                        })
                    }}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="every-language">
            {(!not_found).then(|| view! { <h1 class="visually-hidden">"Shipshape"</h1> })}
            {sections}
        </div>
    }
}
