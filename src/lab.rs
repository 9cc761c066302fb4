//! The Dockerfile lab: an editor whose colours, findings and layer view come from
//! `shipshape-dockerfile` as the reader types. This module only asks the engine and shows its
//! answers; everything the reader types is shown as text, never as markup.
//!
//! - `editor`: the overlay (syntax colours, underlines, gutter) and text offsets, as pure code.
//! - `web`: saved copies, the address, clipboard, downloads and undoable edits (browser only).
//! - `presets`: the example Dockerfiles.
//! - `text`: the lab's words in three languages.
//!
//! It lives in the lab bundle only: the main bundle renders `<div id="lab-root">` with the
//! server's markup and a guide page's `figure[data-widget=lab]` as static code, and never refers
//! to this module.

pub mod editor;
pub mod presets;
pub mod text;
pub(crate) mod web;

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_dockerfile::{
    apply_fix, fix_all, fix_title, highlight_parsed, lint, message_text, parse, plan, reason_text,
    BuildContext, Changes, Cost, Diagnostic, Dockerfile, Dockerignore, Finding, Keyword,
    LintOptions, RebuildPlan, RuleSeverity, Severity, StepPlan, StepStatus,
};
use shipshape_labstate::{decode, decode_link, encode, fits_in_link, DecodeError, LabState};

use crate::i18n::Lang;
use editor::{
    byte_offset, gutter_html, line_count, minimal_edit, utf16_offset, window_lines, Mark,
};
pub use presets::PRESETS;
pub use text::{line_label, texts, LabText};

/// The guide's first example: the whole project copied before the dependencies are installed.
pub const COPY_FIRST: &str = PRESETS[0].dockerfile;

/// The engine's language for the app's.
fn engine_lang(lang: Lang) -> shipshape_dockerfile::Lang {
    match lang {
        Lang::En => shipshape_dockerfile::Lang::En,
        Lang::Ko => shipshape_dockerfile::Lang::Ko,
        Lang::Ja => shipshape_dockerfile::Lang::Ja,
    }
}

/// The state a lab starts from when nothing is saved: the first preset.
pub fn default_state() -> LabState {
    preset_state(&PRESETS[0])
}

fn preset_state(p: &presets::Preset) -> LabState {
    LabState {
        dockerfile: p.dockerfile.to_string(),
        context: p.context.iter().map(|s| s.to_string()).collect(),
        changed: p.changed.iter().map(|s| s.to_string()).collect(),
        ..LabState::default()
    }
}

/// The non-empty lines of the context list, trimmed, without duplicates.
pub fn context_paths(text: &str) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !paths.iter().any(|p| p == line) {
            paths.push(line.to_string());
        }
    }
    paths
}

/// Everything the lab shows for one version of its inputs, computed at once so the Dockerfile
/// is parsed once per keystroke.
#[derive(Clone)]
pub struct Analysis {
    pub source: String,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub plan: RebuildPlan,
    /// Stage choices for the target selector: (value, label).
    pub stages: Vec<(String, String)>,
    /// Build arguments the Dockerfile declares.
    pub args: Vec<String>,
}

// Every new analysis is news: comparing two deeply would cost more than showing it again.
impl PartialEq for Analysis {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The text and its colours (compared by reference: each keystroke is news), and the tree they
/// come from, which the rules and the rebuild plan reuse when they run on the same text.
#[derive(Clone)]
struct SyntaxView((String, Vec<Mark>), std::sync::Arc<Dockerfile>);

impl PartialEq for SyntaxView {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The inputs of an analysis.
pub struct Inputs<'a> {
    pub source: &'a str,
    pub paths: &'a [String],
    pub changed: &'a [String],
    pub dockerignore: &'a str,
    pub changed_args: &'a [String],
    pub target: &'a str,
}

pub fn analyse(i: &Inputs<'_>) -> Analysis {
    analyse_parsed(&parse(i.source), i)
}

/// [`analyse`] for a source already parsed into `df`.
pub fn analyse_parsed(df: &Dockerfile, i: &Inputs<'_>) -> Analysis {
    let context = BuildContext {
        paths: i.paths.to_vec(),
        dockerignore: (!i.dockerignore.trim().is_empty())
            .then(|| Dockerignore::parse(i.dockerignore)),
    };
    let mut findings = lint(
        df,
        i.source,
        &LintOptions {
            context: Some(context.clone()),
            disabled: Vec::new(),
        },
    );
    // The most severe first, then in the order of the file.
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start));
    let changes = Changes {
        paths: i
            .changed
            .iter()
            .filter(|c| i.paths.contains(c))
            .cloned()
            .collect(),
        // The value does not matter to the cache, only that it differs.
        build_args: i
            .changed_args
            .iter()
            .map(|a| (a.clone(), "changed".to_string()))
            .collect(),
    };
    let target = (!i.target.is_empty()).then_some(i.target);
    let the_plan = plan(df, &context, &changes, target);
    Analysis {
        source: i.source.to_string(),
        stages: stage_choices(df),
        args: declared_args(df),
        diagnostics: df.diagnostics.clone(),
        findings,
        plan: the_plan,
    }
}

/// The syntax colours of `source`, sorted, not overlapping.
pub fn syntax_marks(source: &str) -> Vec<Mark> {
    marks_of(&parse(source), source)
}

fn marks_of(df: &Dockerfile, source: &str) -> Vec<Mark> {
    highlight_parsed(df, source)
        .into_iter()
        .map(|s| Mark {
            range: s.range,
            class: s.kind.as_str(),
        })
        .collect()
}

/// How long typing pauses before the rules and the rebuild plan run again, in milliseconds;
/// doubled for files longer than [`LIVE_ANALYSIS_LINES`]. Colours follow every keystroke.
pub const ANALYSIS_PAUSE_MS: u64 = 120;
pub const LIVE_ANALYSIS_LINES: usize = 400;

fn stage_choices(df: &Dockerfile) -> Vec<(String, String)> {
    df.stages()
        .iter()
        .map(|s| {
            let value = s.name.clone().unwrap_or_else(|| s.index.to_string());
            let label = match &s.name {
                Some(name) => format!("{} · {name}", s.index + 1),
                None => format!("{}", s.index + 1),
            };
            (value, label)
        })
        .collect()
}

fn declared_args(df: &Dockerfile) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for ins in df.instructions.iter().filter(|i| i.keyword == Keyword::Arg) {
        for w in ins.arguments.words() {
            let name = w.value.split('=').next().unwrap_or("").to_string();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

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
    text::summary(lang, &what, &heavy)
}

/// A parse error's message in the page's language.
fn diagnostic_message(d: &Diagnostic, lang: Lang) -> String {
    shipshape_dockerfile::diagnostic_text(&d.kind, engine_lang(lang))
}

/// The guide page each rule's reference page points to first.
pub fn guide_page(rule: &str) -> &'static str {
    match rule {
        "SS007" => "security",
        "SS008" | "SS010" => "build-an-image",
        "SS009" => "reproducible",
        "SS011" => "faster-smaller",
        "SS012" => "debuggable",
        "SS013" => "replication",
        "SS014" => "multi-stage",
        "SS015" => "build-an-image",
        _ => "build-cache",
    }
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
    view! { <Lab lang key start=start.state notice=start.notice default=default_state() compact=false/> }
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
    view! { <Lab lang key start=start.state notice=start.notice default compact=true/> }
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

/// The lab's signals.
#[derive(Clone, Copy)]
struct Lab {
    source: RwSignal<String>,
    context_text: RwSignal<String>,
    changed: RwSignal<Vec<String>>,
    dockerignore: RwSignal<String>,
    changed_args: RwSignal<Vec<String>>,
    target: RwSignal<String>,
}

impl Lab {
    fn new(s: &LabState) -> Lab {
        Lab {
            source: RwSignal::new(s.dockerfile.clone()),
            context_text: RwSignal::new(s.context.join("\n") + "\n"),
            changed: RwSignal::new(s.changed.clone()),
            dockerignore: RwSignal::new(s.dockerignore.clone()),
            changed_args: RwSignal::new(s.changed_args.clone()),
            target: RwSignal::new(s.target.clone()),
        }
    }

    fn state(&self) -> LabState {
        LabState {
            dockerfile: self.source.get(),
            context: context_paths(&self.context_text.get()),
            changed: self.changed.get(),
            dockerignore: self.dockerignore.get(),
            changed_args: self.changed_args.get(),
            target: self.target.get(),
        }
    }

    /// Loads a whole state, except the Dockerfile, which goes through the editor (undoable).
    fn set_all_but_source(&self, s: &LabState) {
        self.context_text.set(s.context.join("\n") + "\n");
        self.changed.set(s.changed.clone());
        self.dockerignore.set(s.dockerignore.clone());
        self.changed_args.set(s.changed_args.clone());
        self.target.set(s.target.clone());
    }
}

fn severity_of(s: RuleSeverity) -> (&'static str, &'static str) {
    match s {
        RuleSeverity::Error => ("error", "✖"),
        RuleSeverity::Warning => ("warning", "▲"),
        RuleSeverity::Info => ("info", "ℹ"),
    }
}

/// The lab: editor, findings, build context and layer view.
#[component]
fn Lab(
    lang: Lang,
    key: String,
    start: LabState,
    notice: Option<String>,
    default: LabState,
    compact: bool,
) -> impl IntoView {
    let t = texts(lang);
    let lab = Lab::new(&start);
    let notice = RwSignal::new(notice.unwrap_or_default());
    let share_link = RwSignal::new(String::new());
    let paths = Memo::new(move |_| lab.context_text.with(|t| context_paths(t)));
    // The text the rules and the rebuild plan last ran on. Colours and the overlay follow every
    // keystroke; the findings and the layer view (most of the page's markup) follow once typing
    // pauses briefly, so a keystroke costs one line of markup rather than the whole lab.
    let analysed = RwSignal::new(start.dockerfile.clone());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let src = lab.source.get();
        if src == analysed.get_untracked() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let pause = if line_count(&src) <= LIVE_ANALYSIS_LINES {
            ANALYSIS_PAUSE_MS
        } else {
            ANALYSIS_PAUSE_MS * 2
        };
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    analysed.set(src);
                }
            },
            std::time::Duration::from_millis(pause),
        );
    });
    let syntax = Memo::new(move |_| {
        web::mark("lab-syntax-start");
        let out = lab.source.with(|s| {
            let df = parse(s);
            SyntaxView((s.clone(), marks_of(&df, s)), std::sync::Arc::new(df))
        });
        web::measure("lab-syntax", "lab-syntax-start");
        out
    });
    let analysis = Memo::new(move |_| {
        web::mark("lab-engine-start");
        let a = analysed.with(|source| {
            // Typing has paused, so the colours were worked out on this same text: reuse its tree.
            let tree = syntax.with_untracked(|v| (v.0 .0 == *source).then(|| v.1.clone()));
            let tree = tree.unwrap_or_else(|| std::sync::Arc::new(parse(source)));
            paths.with(|paths| {
                lab.changed.with(|changed| {
                    lab.dockerignore.with(|dockerignore| {
                        lab.changed_args.with(|changed_args| {
                            lab.target.with(|target| {
                                analyse_parsed(
                                    &tree,
                                    &Inputs {
                                        source,
                                        paths,
                                        changed,
                                        dockerignore,
                                        changed_args,
                                        target,
                                    },
                                )
                            })
                        })
                    })
                })
            })
        });
        web::measure("lab-engine", "lab-engine-start");
        a
    });
    let stages = Memo::new(move |_| analysis.with(|a| stage_rows(lang, t, &a.plan)));
    let changed_in_context = Memo::new(move |_| {
        paths.with(|p| {
            lab.changed.with(|c| {
                c.iter()
                    .filter(|f| p.contains(f))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });

    // Autosave: every change, as the versioned text of shipshape-labstate.
    let save_key = key.clone();
    Effect::new(move |_| {
        let state = lab.state();
        web::store(&save_key, &encode(&state));
    });

    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let highlight = NodeRef::<leptos::html::Pre>::new();
    let gutter = NodeRef::<leptos::html::Pre>::new();
    // Where the caret is, as a byte offset, for "the finding under the caret".
    let caret = RwSignal::new(usize::MAX);

    // Replaces the Dockerfile as one undoable edit, changing only what differs.
    let replace_source = move |new_text: String| {
        let Some(el) = textarea.get_untracked() else {
            lab.source.set(new_text);
            return;
        };
        let el: &web_sys::HtmlElement = &el;
        let old = lab.source.get_untracked();
        let (range, insert) = minimal_edit(&old, &new_text);
        let start = utf16_offset(&old, range.start);
        let end = utf16_offset(&old, range.end);
        let caret_at = start + insert.encode_utf16().count() as u32;
        web::replace_range(el, start, end, insert, Some((caret_at, caret_at)));
        // The input event the edit fires sets the signal; make sure even without one.
        lab.source.set(new_text);
    };

    let load_state = move |s: LabState| {
        lab.set_all_but_source(&s);
        replace_source(s.dockerfile);
    };

    // Moves the caret to a finding and shows it.
    let go_to = move |range: std::ops::Range<usize>| {
        let Some(el) = textarea.get_untracked() else {
            return;
        };
        let src = lab.source.get_untracked();
        let (s, e) = (
            utf16_offset(&src, range.start),
            utf16_offset(&src, range.end),
        );
        let el: &web_sys::HtmlElement = &el;
        let _ = el.focus();
        web::set_selection(el, s, e);
        caret.set(range.start);
        // Scroll the line into view: the textarea does it for the caret on focus in most
        // browsers; set it explicitly from the line height.
        let line = src[..range.start.min(src.len())].matches('\n').count() as i32;
        let e: &web_sys::Element = el.as_ref();
        let line_px = 21;
        let top = line * line_px;
        if top < e.scroll_top() || top > e.scroll_top() + e.client_height() - line_px {
            e.set_scroll_top((top - e.client_height() / 2).max(0));
        }
    };

    let on_input = move |ev: leptos::ev::Event| {
        web::mark("lab-input");
        lab.source.set(event_target_value(&ev));
        web::next_frame(|| web::measure("lab-frame", "lab-input"));
    };

    // Only the lines in view (and a margin) are rendered beside the textarea: `first_line` is the
    // first of them, `rows` how many; both follow the textarea's scroll and size.
    let first_line = RwSignal::new(0usize);
    let rows = RwSignal::new(if compact { 40usize } else { 60 });
    let line_px = StoredValue::new(22.0f64);
    // Moves the overlay and the gutter to where the textarea's text is.
    let place = move || {
        if let (Some(el), Some(h), Some(g)) = (
            textarea.get_untracked(),
            highlight.get_untracked(),
            gutter.get_untracked(),
        ) {
            let (top, left) = web::scroll(&el);
            let offset = (first_line.get_untracked() as f64 * line_px.get_value()).round() as i32;
            web::follow_scroll(&h, top - offset, left);
            web::follow_scroll(&g, top - offset, 0);
        }
    };
    let sync_scroll = move || {
        if let Some(el) = textarea.get_untracked() {
            let px = web::line_height(&el).unwrap_or(22.0).max(1.0);
            line_px.set_value(px);
            let (top, _) = web::scroll(&el);
            let e: &web_sys::Element = el.as_ref();
            let visible = (f64::from(e.client_height()) / px).ceil() as usize;
            let first = ((f64::from(top) / px) as usize).saturating_sub(editor::WINDOW_MARGIN);
            let count = visible + 2 * editor::WINDOW_MARGIN;
            if first != first_line.get_untracked() {
                first_line.set(first);
            }
            if count != rows.get_untracked() {
                rows.set(count);
            }
        }
        place();
    };

    let update_caret = move || {
        if let Some(el) = textarea.get_untracked() {
            let (s, _) = web::selection(&el);
            caret.set(lab.source.with_untracked(|src| byte_offset(src, s)));
        }
    };

    // Tab indents (Shift+Tab outdents); Esc then Tab leaves the editor, so the keyboard is never
    // trapped. Enter keeps the line's indentation. F8 / Shift+F8 go to the next / previous finding.
    let escaped = RwSignal::new(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            escaped.set(true);
            return;
        }
        let was_escaped = escaped.get_untracked();
        escaped.set(false);
        if ev.is_composing() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(el) = textarea.get_untracked() else {
            return;
        };
        let el: &web_sys::HtmlElement = &el;
        let src = lab.source.get_untracked();
        let (s, e) = web::selection(el);
        match key.as_str() {
            "Tab" if !was_escaped => {
                ev.prevent_default();
                let at = byte_offset(&src, s);
                let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
                if ev.shift_key() {
                    let removable = src[line_start..]
                        .bytes()
                        .take(4)
                        .take_while(|b| *b == b' ')
                        .count();
                    if removable > 0 {
                        let ls = utf16_offset(&src, line_start);
                        web::replace_range(el, ls, ls + removable as u32, "", None);
                        let back = |x: u32| x.saturating_sub(removable as u32).max(ls);
                        web::set_selection(el, back(s), back(e));
                    }
                } else {
                    let column = src[line_start..at].chars().count();
                    let spaces = 4 - column % 4;
                    web::replace_range(el, s, e, &" ".repeat(spaces), None);
                }
            }
            "Enter" if !ev.shift_key() => {
                let at = byte_offset(&src, s);
                let indent = editor::indentation_at(&src, at);
                if !indent.is_empty() {
                    ev.prevent_default();
                    web::replace_range(el, s, e, &format!("\n{indent}"), None);
                }
            }
            "F8" => {
                ev.prevent_default();
                let at = byte_offset(&src, s);
                let list = analysis.with_untracked(|a| {
                    a.findings
                        .iter()
                        .map(|f| f.span.range())
                        .collect::<Vec<_>>()
                });
                let next = if ev.shift_key() {
                    list.iter().rev().find(|r| r.start < at).or(list.last())
                } else {
                    list.iter().find(|r| r.start > at).or(list.first())
                };
                if let Some(r) = next.cloned() {
                    go_to(r);
                }
            }
            _ => {}
        }
    };

    let overlay = move || {
        analysis.with(|a| {
            let underlines: Vec<Mark> = a
                .findings
                .iter()
                .map(|f| Mark {
                    range: f.span.range(),
                    class: match f.severity {
                        RuleSeverity::Error => "u u-error",
                        RuleSeverity::Warning => "u u-warning",
                        RuleSeverity::Info => "u u-info",
                    },
                })
                .chain(
                    a.diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .map(|d| Mark {
                            range: d.span.range(),
                            class: "u u-error",
                        }),
                )
                .collect();
            let (first, count) = (first_line.get(), rows.get());
            syntax.with(|v| window_lines(&v.0 .0, &v.0 .1, &underlines, first, count))
        })
    };
    // The server writes the whole overlay; in the browser an effect replaces only the lines that
    // changed, so a keystroke in a long file costs one line of markup, not the file's.
    #[cfg(not(feature = "hydrate"))]
    let overlay_markup = overlay().concat();
    #[cfg(feature = "hydrate")]
    let overlay_markup = String::new();
    #[cfg(feature = "hydrate")]
    {
        let shown = StoredValue::new(Vec::<String>::new());
        Effect::new(move |_| {
            let lines = overlay();
            if let Some(pre) = highlight.get() {
                shown.update_value(|old| {
                    editor::patch_lines(&pre, old, &lines);
                    *old = lines;
                });
                let _ = pre.set_attribute("data-first", &first_line.get_untracked().to_string());
                place();
            }
        });
    }
    // A memo of the markup: typing within a line leaves the gutter as it was, and the DOM alone.
    let gutter_marks = Memo::new(move |_| {
        analysis.with(|a| {
            let mut marks: Vec<(u32, &'static str, String)> = Vec::new();
            for d in a
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                marks.push((d.span.start_pos.line, "error", diagnostic_message(d, lang)));
            }
            let mut sorted: Vec<&Finding> = a.findings.iter().collect();
            sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
            for f in sorted {
                marks.push((
                    f.span.start_pos.line,
                    severity_of(f.severity).0,
                    format!(
                        "{}: {}",
                        f.rule.as_str(),
                        message_text(&f.message, engine_lang(lang)).replace('`', "")
                    ),
                ));
            }
            let (first, count) = (first_line.get(), rows.get());
            syntax.with(|v| gutter_html(&v.0 .0, &marks, first, count))
        })
    });

    // The finding under the caret, shown under the editor.
    let under_caret = move || {
        let at = caret.get();
        analysis.with(|a| {
            a.findings
                .iter()
                .find(|f| f.span.start <= at && at <= f.span.end)
                .map(|f| {
                    let (sev, icon) = severity_of(f.severity);
                    let message = message_text(&f.message, engine_lang(lang));
                    view! {
                        <p class=format!("lab-caret lab-severity-{sev}")>
                            <span aria-hidden="true">{icon}</span>
                            " "
                            <strong>{f.rule.as_str()}</strong>
                            " "
                            {code_spans(&message)}
                        </p>
                    }
                })
        })
    };

    // What screen readers hear when the findings change: their rules and lines, said once.
    let announcement = Memo::new(move |_| {
        analysis.with(|a| {
            if a.findings.is_empty() {
                t.no_findings.to_string()
            } else {
                a.findings
                    .iter()
                    .map(|f| format!("{} ({})", f.rule, line_label(lang, f.span.start_pos.line)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
    });

    let finding_list = move || {
        analysis.with(|a| {
            let errors = a
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| {
                    let line = d.span.start_pos.line;
                    let range = d.span.range();
                    view! {
                        <li class="lab-finding lab-parse-error" data-severity="error" data-line=line.to_string()>
                            <span class="lab-severity lab-severity-error">
                                <span aria-hidden="true">"✖"</span> " " {t.parse_error}
                            </span>
                            " "
                            <button type="button" class="lab-goto" on:click=move |_| go_to(range.clone())>
                                {line_label(lang, line)}
                            </button>
                            <p class="lab-message">
                                {diagnostic_message(d, lang)}
                            </p>
                        </li>
                    }
                })
                .collect_view();
            if a.findings.is_empty() && a.diagnostics.iter().all(|d| d.severity != Severity::Error) {
                return Either::Left(view! { <p class="lab-no-findings">{t.no_findings}</p> });
            }
            let items = a
                .findings
                .iter()
                .cloned()
                .map(|f| finding_item(lang, t, &a.source, f, replace_source, go_to))
                .collect_view();
            Either::Right(view! {
                <ul class="lab-findings" on:keydown=list_keys>{errors}{items}</ul>
            })
        })
    };

    let checkboxes = move || {
        paths
            .get()
            .into_iter()
            .map(|path| member_box(lab.changed, path, true))
            .collect_view()
    };

    let arg_boxes = move || {
        let args = analysis.with(|a| a.args.clone());
        if args.is_empty() {
            return Either::Left(view! { <p class="lab-hint">{t.no_args}</p> });
        }
        let items = args
            .into_iter()
            .map(|name| member_box(lab.changed_args, name, false))
            .collect_view();
        Either::Right(view! { <ul>{items}</ul> })
    };

    let stage_options = move || {
        analysis.with(|a| {
            a.stages
                .iter()
                .map(|(value, label)| {
                    let v = value.clone();
                    view! {
                        <option value=value.clone() selected=move || lab.target.with(|t| *t == v)>
                            {label.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };

    let presets = PRESETS
        .iter()
        .map(|p| view! { <option value=p.key>{p.name[lang as usize]}</option> })
        .collect_view();

    let share = move |_| {
        let encoded = encode(&lab.state());
        if !fits_in_link(&encoded) {
            share_link.set(String::new());
            notice.set(text::fill2(
                t.too_long_to_share,
                encoded.len(),
                shipshape_labstate::MAX_LINK_CHARS,
            ));
            return;
        }
        let url = format!("{}/{}/lab/#s={encoded}", web::origin(), lang.code());
        share_link.set(url.clone());
        crate::browser::copy_text(&url, move |ok| {
            notice.set(if ok { t.link_copied } else { t.link_ready }.to_string())
        });
    };
    let download = move |_| web::download("Dockerfile", &lab.source.get_untracked());
    let copy_fixed = move |_| {
        let (fixed, rules) = lab.source.with_untracked(|s| {
            fix_all(
                s,
                &LintOptions {
                    context: Some(BuildContext {
                        paths: paths.get_untracked(),
                        dockerignore: None,
                    }),
                    disabled: Vec::new(),
                },
                8,
            )
        });
        let count = rules.len();
        crate::browser::copy_text(&fixed, move |ok| {
            notice.set(if ok {
                text::fill1(t.fixed_copied, count)
            } else {
                t.copy_failed.to_string()
            })
        });
    };
    let reset_default = default.clone();
    let reset = move |_| {
        load_state(reset_default.clone());
        notice.set(t.reset_done.to_string());
    };
    // A link pasted into the address bar of an open lab page loads like a fresh one (undoably).
    #[cfg(feature = "hydrate")]
    if !compact {
        let _ = window_event_listener(leptos::ev::hashchange, move |_| {
            let hash = web::hash();
            let Some(payload) = hash.strip_prefix("s=") else {
                return;
            };
            web::clear_hash();
            match decode_link(payload) {
                Ok(state) => {
                    load_state(state);
                    notice.set(t.link_opened.to_string());
                }
                Err(e) => notice.set(format!("{} {}", t.link_failed, decode_reason(lang, &e))),
            }
        });
    }
    let open_in_lab = move || format!("/{}/lab/#s={}", lang.code(), encode(&lab.state()));

    let initial_text = start.dockerfile.clone();
    let initial_context = start.context.join("\n") + "\n";
    let initial_ignore = start.dockerignore.clone();
    let id = |name: &str| -> String {
        if compact {
            format!(
                "{name}-{}",
                key.len() % 1000 + key.bytes().map(u32::from).sum::<u32>() as usize
            )
        } else {
            name.to_string()
        }
    };
    let source_id = id("lab-source");
    let context_id = id("lab-context-files");
    let ignore_id = id("lab-dockerignore");
    let target_id = id("lab-target");
    let preset_id = id("lab-preset");
    let hint_id = id("lab-editor-hint");

    let toolbar = view! {
        <div class="lab-toolbar">
            <label for=preset_id.clone()>{t.preset}</label>
            <select
                id=preset_id.clone()
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(p) = PRESETS.iter().find(|p| p.key == key) {
                        load_state(preset_state(p));
                    }
                }
            >
                <option value="" disabled=true selected=true>{t.choose_preset}</option>
                {presets}
            </select>
            <button type="button" class="lab-button lab-share" on:click=share>{t.share}</button>
            <button type="button" class="lab-button lab-download" on:click=download>{t.download}</button>
            <button type="button" class="lab-button lab-copy-fixed" on:click=copy_fixed>{t.copy_fixed}</button>
            <button type="button" class="lab-button lab-reset" on:click=reset>{t.reset}</button>
        </div>
    };

    view! {
        <div class="lab" class:lab-compact=compact lang=lang.code()>
            {(!compact).then_some(toolbar)}
            <p class="lab-notice" role="status">{move || notice.get()}</p>
            {move || {
                let link = share_link.get();
                (!link.is_empty()).then(|| view! {
                    <p class="lab-share-link">
                        <label>{t.share_label} " " <input type="text" readonly=true value=link class="lab-share-url"/></label>
                    </p>
                })
            }}
            <section class="lab-editor" aria-label=t.editor>
                <div class="lab-frame">
                    <div class="lab-gutter" aria-hidden="true">
                        <pre node_ref=gutter inner_html=gutter_marks></pre>
                    </div>
                    <div class="lab-code">
                        <pre class="lab-highlight" aria-hidden="true" node_ref=highlight inner_html=overlay_markup></pre>
                        <textarea
                            id=source_id.clone()
                            class="lab-source"
                            node_ref=textarea
                            aria-label=t.editor
                            aria-describedby=hint_id.clone()
                            spellcheck="false"
                            autocapitalize="off"
                            autocomplete="off"
                            wrap="off"
                            rows=if compact { "10" } else { "18" }
                            on:input=on_input
                            on:scroll=move |_| sync_scroll()
                            on:mouseup=move |_| sync_scroll()
                            on:keydown=on_keydown
                            on:keyup=move |_| update_caret()
                            on:click=move |_| update_caret()
                            on:focus=move |_| update_caret()
                        >
                            {initial_text}
                        </textarea>
                    </div>
                </div>
                <p class="lab-hint" id=hint_id>{t.editor_hint}</p>
                {under_caret}
            </section>
            <section class="lab-findings-panel" aria-label=t.findings>
                {panel_title(compact, t.findings)}
                <p class="visually-hidden" aria-live="polite" id=id("lab-announce")>
                    {move || announcement.get()}
                </p>
                {finding_list}
            </section>
            <section class="lab-context" aria-label=t.context>
                {panel_title(compact, t.context)}
                <details class="lab-context-details" open=!compact>
                    <summary>{t.context_files}</summary>
                    <textarea
                        id=context_id.clone()
                        class="lab-context-files"
                        aria-label=t.context_files
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        rows="5"
                        prop:value=move || lab.context_text.get()
                        on:input=move |ev| lab.context_text.set(event_target_value(&ev))
                    >
                        {initial_context}
                    </textarea>
                    <button
                        type="button"
                        class="lab-button lab-prefill"
                        on:click=move |_| {
                            let df = parse(&lab.source.get_untracked());
                            let mut list = context_paths(&lab.context_text.get_untracked());
                            for p in shipshape_dockerfile::suggested_context(&df) {
                                if !list.contains(&p) {
                                    list.push(p);
                                }
                            }
                            lab.context_text.set(list.join("\n") + "\n");
                        }
                    >
                        {t.prefill}
                    </button>
                </details>
                <fieldset class="lab-changed">
                    <legend>{t.changed}</legend>
                    <p class="lab-hint">{t.context_hint}</p>
                    <ul>{checkboxes}</ul>
                </fieldset>
                <fieldset class="lab-changed lab-args">
                    <legend>{t.changed_args}</legend>
                    {arg_boxes}
                </fieldset>
                <details class="lab-ignore">
                    <summary>".dockerignore"</summary>
                    <textarea
                        id=ignore_id.clone()
                        class="lab-dockerignore"
                        aria-label=".dockerignore"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        rows="4"
                        prop:value=move || lab.dockerignore.get()
                        on:input=move |ev| lab.dockerignore.set(event_target_value(&ev))
                    >
                        {initial_ignore}
                    </textarea>
                </details>
            </section>
            <section class="lab-layers" aria-label=t.layers>
                {panel_title(compact, t.layers)}
                <p class="lab-target">
                    <label for=target_id.clone()>{t.target}</label>
                    " "
                    <select id=target_id on:change=move |ev| lab.target.set(event_target_value(&ev))>
                        <option value="" selected=move || lab.target.with(|t| t.is_empty())>{t.last_stage}</option>
                        {stage_options}
                    </select>
                </p>
                <p class="lab-summary">
                    {move || changed_in_context.with(|c| lab.changed_args.with(|args| analysis.with(|a| summary(lang, c, args, &a.plan))))}
                </p>
                {move || {
                    stages
                        .with(|s| s.is_empty())
                        .then(|| view! { <p class="lab-no-stages">{t.no_stages}</p> })
                }}
                <For
                    each=move || stages.get()
                    key=|stage| stage.key.clone()
                    children=move |stage| stage_view(lang, t, stage)
                />
            </section>
            {compact.then(|| view! {
                <p class="lab-open">
                    <a class="lab-open-link" href=open_in_lab>{t.open_in_lab}</a>
                </p>
            })}
        </div>
    }
}

/// A checkbox that puts `item` in `set` or takes it out: a file of the context marked changed
/// (`data-path`) or a build argument (`data-arg`).
fn member_box(set: RwSignal<Vec<String>>, item: String, is_path: bool) -> impl IntoView {
    let shown = item.clone();
    let toggled = item.clone();
    // The attribute is the box's first state (what the server writes); the property follows.
    let initially = set.with_untracked(|c| c.contains(&item));
    view! {
        <li>
            <label>
                <input
                    type="checkbox"
                    data-path=is_path.then(|| item.clone())
                    data-arg=(!is_path).then(|| item.clone())
                    checked=initially
                    prop:checked=move || set.with(|c| c.contains(&item))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set.update(|c| {
                            c.retain(|x| *x != toggled);
                            if on {
                                c.push(toggled.clone());
                            }
                        });
                    }
                />
                " "
                <code>{shown}</code>
            </label>
        </li>
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

/// Arrow keys move between the findings' buttons and links, as in a list.
fn list_keys(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        let Some(list) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(items) = list.query_selector_all(".lab-goto") else {
            return;
        };
        let active = document().active_element();
        let count = items.length();
        let mut current = None;
        for i in 0..count {
            if let (Some(n), Some(a)) = (items.item(i), active.as_ref()) {
                let a: &web_sys::Node = a.as_ref();
                if n.contains(Some(a)) || a.contains(Some(&n)) {
                    current = Some(i);
                }
            }
        }
        let next = match (current, key.as_str()) {
            (Some(i), "ArrowDown") => (i + 1).min(count.saturating_sub(1)),
            (Some(i), _) => i.saturating_sub(1),
            (None, _) => 0,
        };
        if let Some(el) = items
            .item(next)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

fn finding_item(
    lang: Lang,
    t: &'static LabText,
    source: &str,
    f: Finding,
    replace_source: impl Fn(String) + Copy + 'static,
    go_to: impl Fn(std::ops::Range<usize>) + Copy + 'static,
) -> impl IntoView {
    let (severity, icon) = severity_of(f.severity);
    let word = match f.severity {
        RuleSeverity::Error => t.error,
        RuleSeverity::Warning => t.warning,
        RuleSeverity::Info => t.info,
    };
    let rule = f.rule.as_str();
    let line = f.span.start_pos.line;
    let range = f.span.range();
    let message = message_text(&f.message, engine_lang(lang));
    let fix = f.fix.clone().map(|fix| {
        let title = fix_title(&f.message, engine_lang(lang));
        // Names in the title are between backticks, as in messages: shown as code.
        let label = if title.is_empty() {
            Either::Left(t.fix)
        } else {
            Either::Right(view! { {t.fix} ": " {code_spans(&title)} })
        };
        let fixed = apply_fix(source, &fix);
        let preview = diff_preview(source, &fixed);
        view! {
            <div class="lab-fix-row">
                <button type="button" class="lab-fix" on:click=move |_| replace_source(fixed.clone())>
                    {label}
                </button>
                <details class="lab-preview">
                    <summary>{t.preview}</summary>
                    <pre class="lab-diff">{preview}</pre>
                </details>
            </div>
        }
    });
    view! {
        <li class="lab-finding" data-rule=rule data-severity=severity data-line=line.to_string()>
            <span class=format!("lab-severity lab-severity-{severity}")>
                <span aria-hidden="true">{icon}</span>
                " "
                {word}
            </span>
            " "
            <a class="lab-rule" href=format!("/{}/rules/{rule}/", lang.code())>{rule}</a>
            " "
            <button type="button" class="lab-goto lab-line" on:click=move |_| go_to(range.clone())>
                {line_label(lang, line)}
            </button>
            <p class="lab-message">{code_spans(&message)}</p>
            <p class="lab-guide">
                <a href=format!("/{}/{}/", lang.code(), guide_page(rule))>{t.guide_link}</a>
            </p>
            {fix}
        </li>
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
fn code_spans(message: &str) -> impl IntoView {
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

/// One stage of the layer view, as text: two stages with the same key show the same thing, so
/// typing that leaves a stage's plan alone leaves its markup alone.
#[derive(Clone, PartialEq)]
struct StageRow {
    key: String,
    title: String,
    built: bool,
    steps: Vec<StepRow>,
}

#[derive(Clone, PartialEq)]
struct StepRow {
    status: &'static str,
    icon: &'static str,
    word: &'static str,
    line: u32,
    cost: &'static str,
    heavy: bool,
    text: String,
    reason: String,
}

fn stage_rows(lang: Lang, t: &'static LabText, plan: &RebuildPlan) -> Vec<StageRow> {
    plan.stages
        .iter()
        .map(|stage| {
            let title = match &stage.name {
                Some(name) => format!("{} {} ({name})", t.stage, stage.index + 1),
                None => format!("{} {}", t.stage, stage.index + 1),
            };
            let steps: Vec<StepRow> = stage
                .steps
                .iter()
                .map(|step| {
                    let (status, icon, word) = match step.status {
                        StepStatus::Cached => ("cached", "✓", t.cached),
                        StepStatus::Rebuilt => ("rebuilt", "↻", t.rebuilt),
                        StepStatus::NotBuilt => ("not-built", "–", t.not_built),
                    };
                    StepRow {
                        status,
                        icon,
                        word,
                        line: step.line,
                        cost: step.cost.as_str(),
                        heavy: step.cost == Cost::Heavy,
                        text: step.text.clone(),
                        reason: reason_text(&step.reason, engine_lang(lang)),
                    }
                })
                .collect();
            let mut key = format!("{title}|{}", stage.built);
            for s in &steps {
                key.push_str(&format!(
                    "|{}:{}:{}:{}:{}",
                    s.line, s.status, s.cost, s.text, s.reason
                ));
            }
            StageRow {
                key,
                title,
                built: stage.built,
                steps,
            }
        })
        .collect()
}

fn stage_view(lang: Lang, t: &'static LabText, stage: StageRow) -> impl IntoView {
    let steps = stage
        .steps
        .into_iter()
        .map(|step| {
            let heavy = step.heavy.then(|| {
                view! {
                    <span class="lab-heavy"><span aria-hidden="true">"⚠"</span> " " {t.heavy}</span>
                }
            });
            view! {
                <li
                    class=format!("lab-step lab-step-{}", step.status)
                    data-status=step.status
                    data-cost=step.cost
                    data-line=step.line.to_string()
                >
                    <span class="lab-status"><span aria-hidden="true">{step.icon}</span> " " {step.word}</span>
                    " "
                    <span class="lab-line">{line_label(lang, step.line)}</span>
                    " "
                    <code class="lab-step-text">{step.text}</code>
                    " "
                    {heavy}
                    <p class="lab-reason">{code_spans(&step.reason)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="lab-stage" data-built=stage.built.to_string()>
            <h3>{stage.title}</h3>
            <ol class="lab-steps">{steps}</ol>
        </section>
    }
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
    use super::*;
    use shipshape_dockerfile::RuleId;

    fn inputs<'a>(source: &'a str, paths: &'a [String], changed: &'a [String]) -> Inputs<'a> {
        Inputs {
            source,
            paths,
            changed,
            dockerignore: "",
            changed_args: &[],
            target: "",
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
