//! The Dockerfile lab: an editor whose colours, findings and layer view come from
//! `shipshape-dockerfile` as the reader types. This module only asks the engine and shows its
//! answers; everything the reader types is shown as text, never as markup.
//!
//! - `state`: [`LabCtx`], one lab's signals, the engine's view of them and the lab's actions,
//!   shared by the panels.
//! - `analysis`: what the engine is asked for one version of the inputs (plain Rust).
//! - `toolbar`, `editor_view`, `findings`, `context_panel`, `layers`: the panels.
//! - `exercise`: the lab in an exercise's page (see `crate::exercise`).
//! - `editor`: the overlay (syntax colours, underlines, gutter) and text offsets, as pure code.
//! - `web`: saved copies, the address, clipboard, downloads and undoable edits (browser only).
//! - `presets`: the example Dockerfiles.
//! - `text`: the lab's words in three languages.
//!
//! It lives in the lab bundle only: the main bundle renders `<div id="lab-root">` with the
//! server's markup and a guide page's `figure[data-widget=lab]` as static code, and never refers
//! to this module.

pub mod analysis;
pub mod context_panel;
pub mod editor;
pub mod editor_view;
pub mod exercise;
pub mod findings;
pub mod layers;
pub mod presets;
pub mod state;
pub mod text;
pub mod toolbar;
pub(crate) mod web;

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_dockerfile::{Cost, RebuildPlan, RuleSeverity, StepPlan};
use shipshape_labstate::{decode, decode_link, DecodeError, LabState};

use crate::i18n::Lang;
pub use analysis::{analyse, analyse_parsed, context_paths, syntax_marks, Analysis, Inputs};
pub use presets::PRESETS;
pub use state::{default_state, LabCtx};
pub use text::{line_label, texts, LabText};

/// The guide's first example: the whole project copied before the dependencies are installed.
pub const COPY_FIRST: &str = PRESETS[0].dockerfile;

/// "Editing app/main.py reruns 1 heavy step: RUN pip install … (line 4)." in `lang`.
pub fn summary(
    lang: Lang,
    changed: &[String],
    changed_args: &[String],
    plan: &RebuildPlan,
) -> String {
    let heavy: Vec<&StepPlan> = plan.rebuilt().filter(|s| s.cost == Cost::Heavy).collect();
    let mut what: Vec<String> = changed.to_vec();
    what.extend(changed_args.iter().map(|a| format!("ARG {a}")));
    let edited = plan.steps().any(|s| s.reason.is_edit());
    text::summary(lang, edited, &what, &heavy)
}

/// The guide page each rule's reference page points to first (the rule's own metadata).
pub fn guide_page(rule: &str) -> &'static str {
    shipshape_dockerfile::RuleId::from_name(rule)
        .map(|r| r.guide())
        .unwrap_or("build-cache")
}

/// `/<lang>/lab/`. The lab itself (`LabBody`) is rendered into the page by the server and
/// mounted afresh by the browser (src/tools.rs).
#[component]
pub fn LabPage(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    #[cfg(not(feature = "hydrate"))]
    let body = view! { <LabBody lang/> }.to_html();
    // In the browser the server's HTML stays until the lab bundle mounts the live lab.
    #[cfg(feature = "hydrate")]
    let body = String::new();
    view! {
        <div class="tool-page lab-page">
            <h1>{s.lab}</h1>
            <p class="lead">{s.lab_description}</p>
            <div id="lab-body" inner_html=body></div>
        </div>
    }
}

/// What the lab shows first, and why (a notice when a link or a saved copy could not be used).
struct Start {
    state: LabState,
    notice: Option<String>,
}

/// The lab page's start: a shared link (`#s=…`), else the saved copy, else the default. A link
/// or saved copy that cannot be read changes nothing and says why; a damaged saved copy is kept
/// aside under another key.
fn page_start(lang: Lang, key: &str) -> Start {
    let t = texts(lang);
    let mut notice = None;
    let hash = web::hash();
    if let Some(payload) = hash.strip_prefix("s=") {
        web::clear_hash();
        match decode_link(payload) {
            Ok(state) => {
                return Start {
                    state,
                    notice: Some(t.link_opened.to_string()),
                }
            }
            Err(e) => notice = Some(format!("{} {}", t.link_failed, decode_reason(lang, &e))),
        }
    }
    saved_start(lang, key, default_state(), notice)
}

fn saved_start(lang: Lang, key: &str, default: LabState, notice: Option<String>) -> Start {
    let t = texts(lang);
    match web::load(key) {
        None => Start {
            state: default,
            notice,
        },
        Some(saved) => match decode(&saved) {
            Ok(state) => Start { state, notice },
            Err(e) => {
                web::store(&format!("{key}.damaged"), &saved);
                web::forget(key);
                let damaged = format!("{} {}", t.saved_damaged, decode_reason(lang, &e));
                Start {
                    state: default,
                    notice: Some(match notice {
                        Some(n) => format!("{n} {damaged}"),
                        None => damaged,
                    }),
                }
            }
        },
    }
}

fn decode_reason(lang: Lang, e: &DecodeError) -> String {
    let t = texts(lang);
    match e {
        DecodeError::TooLong { chars, max } => text::fill2(t.err_too_long, *chars, *max),
        DecodeError::UnsupportedVersion(_) => t.err_version.to_string(),
        DecodeError::TooLarge => t.err_too_large.to_string(),
        DecodeError::Empty => t.err_empty.to_string(),
        _ => t.err_damaged.to_string(),
    }
}

/// The lab page's body: the whole lab.
#[component]
pub fn LabBody(
    lang: Lang,
    /// What the reader did to the server's copy before the bundle arrived.
    #[prop(optional)]
    carried: Carried,
) -> impl IntoView {
    let key = web::storage_key("page");
    let mut start = page_start(lang, &key);
    carried.apply(&mut start.state);
    view! { <Lab lang key start=start.state notice=start.notice default=default_state() example=None/> }
}

/// What a reader changed in the server's copy of a lab (it is a working form) before the lab
/// bundle took over: the live lab starts from it, so nothing typed or ticked is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// The Dockerfile, if the reader edited it.
    pub text: Option<String>,
    /// The files marked changed, if the reader ticked or unticked one.
    pub changed: Option<Vec<String>>,
}

impl Carried {
    fn apply(self, state: &mut LabState) {
        if let Some(text) = self.text {
            state.dockerfile = text;
        }
        if let Some(changed) = self.changed {
            state.changed = changed;
        }
    }
}

/// A guide example, live: the Dockerfile of a ```lab placeholder and the files it marks changed.
#[component]
pub fn LabWidget(
    lang: Lang,
    index: usize,
    dockerfile: String,
    changed: Vec<String>,
    /// What the reader did to the server's copy before the bundle arrived.
    #[prop(optional)]
    carried: Carried,
) -> impl IntoView {
    let page = document_path();
    let key = web::storage_key(&format!("{page}#{index}"));
    // The same state its "Open in the lab" link carries.
    let default = LabState::for_example(&dockerfile, &changed);
    let mut start = saved_start(lang, &key, default.clone(), None);
    carried.apply(&mut start.state);
    view! { <Lab lang key start=start.state notice=start.notice default example=Some(index)/> }
}

fn document_path() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().pathname().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

fn severity_of(s: RuleSeverity) -> (&'static str, &'static str) {
    match s {
        RuleSeverity::Error => ("error", "✖"),
        RuleSeverity::Warning => ("warning", "▲"),
        RuleSeverity::Info => ("info", "ℹ"),
    }
}

/// The lab: toolbar (on the lab page), editor, findings, build context and layer view.
#[component]
fn Lab(
    lang: Lang,
    key: String,
    start: LabState,
    notice: Option<String>,
    default: LabState,
    /// `None` on the lab page; a guide example's index on its page.
    example: Option<usize>,
) -> impl IntoView {
    let compact = example.is_some();
    let suffix = example.map(|i| format!("-{i}")).unwrap_or_default();
    let ctx = LabCtx::new(lang, &start, notice, compact, suffix);
    ctx.autosave(key);
    let t = ctx.t;
    let open_in_lab = move || {
        format!(
            "/{}/lab/#s={}",
            lang.code(),
            shipshape_labstate::encode(&ctx.lab.state())
        )
    };
    view! {
        <div class="lab" class:lab-compact=compact lang=lang.code()>
            {(!compact).then(|| view! { <toolbar::LabToolbar ctx default/> })}
            <toolbar::LabNotice ctx/>
            <editor_view::LabEditor ctx initial_text=start.dockerfile.clone()/>
            <findings::FindingsPanel ctx/>
            <context_panel::ContextPanel
                ctx
                initial_context=start.context.join("\n") + "\n"
                initial_ignore=start.dockerignore.clone()
            />
            <layers::LayersPanel ctx/>
            {compact.then(|| view! {
                <p class="lab-open">
                    <a class="lab-open-link" href=open_in_lab>{t.open_in_lab}</a>
                </p>
            })}
        </div>
    }
}

/// A panel's heading: a section of the lab page, or a smaller one inside a guide example.
fn panel_title(compact: bool, text: &'static str) -> impl IntoView {
    if compact {
        Either::Left(view! { <h3 class="lab-panel-title">{text}</h3> })
    } else {
        Either::Right(view! { <h2 class="lab-panel-title">{text}</h2> })
    }
}

/// The lines a fix removes and adds, as `- ` and `+ ` lines with two lines of context.
pub fn diff_preview(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    let from = prefix.saturating_sub(2);
    for l in &a[from..prefix] {
        out.push_str(&format!("  {l}\n"));
    }
    for l in &a[prefix..a.len() - suffix] {
        out.push_str(&format!("- {l}\n"));
    }
    for l in &b[prefix..b.len() - suffix] {
        out.push_str(&format!("+ {l}\n"));
    }
    for l in a[a.len() - suffix..].iter().take(2) {
        out.push_str(&format!("  {l}\n"));
    }
    out
}

/// The engine writes names from the Dockerfile between backticks (as on a terminal); here they
/// become `<code>` elements. Every piece stays text: nothing typed becomes markup.
pub(crate) fn code_spans(message: &str) -> impl IntoView {
    message
        .split('`')
        .enumerate()
        .map(|(i, piece)| {
            let piece = piece.to_string();
            if i % 2 == 1 {
                Either::Left(view! { <code>{piece}</code> })
            } else {
                Either::Right(piece)
            }
        })
        .collect_view()
}

/// Makes each of a guide page's lab examples live: the server's copy inside the figure
/// (`.lab-host`, see the prerender) gives way to the same lab, mounted, starting from what the
/// reader did to that copy, with the focus and caret where they were.
pub fn mount_lab_widgets(lang: Lang) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Ok(figures) = document().query_selector_all("figure[data-widget=lab]") else {
            return;
        };
        for index in 0..figures.length() as usize {
            let Some(figure) = figures
                .item(index as u32)
                .and_then(|f| f.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Ok(Some(host)) = figure.query_selector(".lab-host") else {
                continue;
            };
            let changed: Vec<String> = figure
                .get_attribute("data-changed")
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            // The example as the server wrote it: the editor's default value.
            let Some(dockerfile) = web::default_source(&host) else {
                continue;
            };
            let carry = web::carry_from(&host);
            let carried = carry.carried.clone();
            host.set_inner_html("");
            let _ = figure.class_list().add_1("lab-live");
            let _ = figure.class_list().remove_2("lab-typed", "widget-starting");
            let _ = figure.remove_attribute("aria-busy");
            let Ok(mount) = host.clone().dyn_into::<web_sys::HtmlElement>() else {
                continue;
            };
            leptos::mount::mount_to(mount, move || {
                view! { <LabWidget lang index dockerfile changed carried/> }
            })
            .forget();
            web::restore(&host, &carry);
            crate::browser::replay_click(&host);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = lang;
}

#[cfg(test)]
mod tests {
    use super::state::preset_state;
    use super::*;
    use shipshape_dockerfile::{apply_fix, RuleId, Severity, StepStatus};

    fn inputs<'a>(source: &'a str, paths: &'a [String], changed: &'a [String]) -> Inputs<'a> {
        Inputs {
            source,
            paths,
            changed,
            dockerignore: "",
            changed_args: &[],
            target: "",
            last_build: None,
        }
    }

    fn pip_step(plan: &RebuildPlan) -> &StepPlan {
        plan.steps()
            .find(|s| s.text.starts_with("RUN pip install"))
            .expect("the pip install step")
    }

    #[test]
    fn the_default_shows_ss001_and_fixing_it_keeps_pip_cached() {
        let s = default_state();
        let a = analyse(&inputs(&s.dockerfile, &s.context, &s.changed));
        let ss001 = a
            .findings
            .iter()
            .find(|f| f.rule == RuleId::SS001)
            .expect("SS001 on the default");
        assert_eq!(ss001.span.start_pos.line, 3);
        assert_eq!(pip_step(&a.plan).status, StepStatus::Rebuilt);
        assert!(summary(Lang::En, &s.changed, &[], &a.plan).contains("reruns 1 heavy step"));
        let fixed = apply_fix(&s.dockerfile, ss001.fix.as_ref().expect("a fix"));
        let b = analyse(&inputs(&fixed, &s.context, &s.changed));
        assert!(b.findings.iter().all(|f| f.rule != RuleId::SS001));
        assert_eq!(pip_step(&b.plan).status, StepStatus::Cached);
        assert!(summary(Lang::En, &s.changed, &[], &b.plan).contains("no heavy step"));
        // The preview shows the move.
        let preview = diff_preview(&s.dockerfile, &fixed);
        assert!(
            preview.lines().any(|l| l.starts_with("+ COPY")),
            "{preview}"
        );
    }

    #[test]
    fn edits_since_the_last_build_count_until_it_is_marked_built() {
        let s = default_state();
        let no_files: Vec<String> = Vec::new();
        // A package added to the install: it reruns, and the summary says the edit did it.
        let edited = s
            .dockerfile
            .replace("pip install", "pip install --no-compile");
        let a = analyse(&Inputs {
            last_build: Some(&s.dockerfile),
            ..inputs(&edited, &s.context, &no_files)
        });
        assert_eq!(pip_step(&a.plan).status, StepStatus::Rebuilt);
        assert_eq!(a.edited_steps, 1);
        let text = summary(Lang::En, &no_files, &[], &a.plan);
        assert!(
            text.starts_with("Your edits since the last build rerun 1 heavy step"),
            "{text}"
        );
        for lang in [Lang::Ko, Lang::Ja] {
            assert!(summary(lang, &no_files, &[], &a.plan).contains("RUN pip install"));
        }
        // Marked as built: the last build is this text, and nothing reruns.
        let b = analyse(&Inputs {
            last_build: Some(&edited),
            ..inputs(&edited, &s.context, &no_files)
        });
        assert_eq!(b.edited_steps, 0);
        assert!(b.plan.rebuilt().next().is_none());
    }

    #[test]
    fn syntax_marks_cover_the_keywords() {
        let s = default_state();
        let a = analyse(&inputs(&s.dockerfile, &s.context, &s.changed));
        let html = editor::overlay_html(&a.source, &syntax_marks(&a.source), &[]);
        assert!(html.contains(">FROM</span>"), "{html}");
        assert!(html.contains(">RUN</span>"), "{html}");
    }

    #[test]
    fn changed_args_and_target_reach_the_plan() {
        let src = "FROM python:3.13 AS build\nARG VERSION=1\nRUN echo $VERSION\nFROM python:3.13-slim AS runtime\nCOPY --from=build /x /x\n";
        let args = ["VERSION".to_string()];
        let a = analyse(&Inputs {
            source: src,
            paths: &[],
            changed: &[],
            dockerignore: "",
            changed_args: &args,
            target: "",
            last_build: None,
        });
        assert_eq!(a.args, vec!["VERSION".to_string()]);
        assert_eq!(a.stages.len(), 2);
        assert!(a.plan.steps().any(|s| s.status == StepStatus::Rebuilt));
        let b = analyse(&Inputs {
            source: src,
            paths: &[],
            changed: &[],
            dockerignore: "",
            changed_args: &args,
            target: "build",
            last_build: None,
        });
        assert!(!b.plan.stages[1].built);
    }

    #[test]
    fn a_broken_line_is_reported_and_the_rest_still_analysed() {
        let src = "FROM python:3.13-slim\nWORKDIR /code\nFROBNICATE now\nCOPY . /code\nRUN pip install -r requirements.txt\n";
        let paths = vec!["requirements.txt".to_string(), "app/main.py".to_string()];
        let changed = vec!["app/main.py".to_string()];
        let a = analyse(&inputs(src, &paths, &changed));
        assert!(a
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.span.start_pos.line == 3));
        assert!(a.findings.iter().any(|f| f.rule == RuleId::SS001));
        assert!(a.plan.steps().any(|s| s.line == 5));
    }

    #[test]
    fn every_preset_analyses() {
        for p in PRESETS {
            let s = preset_state(p);
            let a = analyse(&inputs(&s.dockerfile, &s.context, &s.changed));
            assert!(!a.plan.stages.is_empty(), "{}", p.key);
        }
    }

    #[test]
    fn widget_state_suggests_a_context_with_the_changed_files() {
        let s = LabState::for_example(COPY_FIRST, &["app/main.py".to_string()]);
        assert!(s.context.contains(&"app/main.py".to_string()));
        assert!(
            s.context.contains(&"requirements.txt".to_string()),
            "{:?}",
            s.context
        );
    }

    #[test]
    fn context_lines_are_trimmed_and_deduplicated() {
        assert_eq!(
            context_paths(" a \n\nb\na\n"),
            vec!["a".to_string(), "b".to_string()]
        );
    }
}
