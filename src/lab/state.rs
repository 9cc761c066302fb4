//! The lab's state, shared by its panels: the signals a reader changes, what the engine made of
//! them, and the editor's view (caret, the window of lines, the line height). Built once per lab
//! by [`LabCtx::new`] and handed to each panel; everything in it is `Copy`.

use leptos::prelude::*;
use shipshape_dockerfile::{parse, Dockerfile};
use shipshape_labstate::LabState;

use super::analysis::{
    analyse_parsed, context_paths, marks_of, Analysis, Inputs, ANALYSIS_PAUSE_MS,
    LIVE_ANALYSIS_LINES,
};
use super::editor::{line_count, minimal_edit, utf16_offset, Mark};
use super::presets::Preset;
use super::text::{texts, LabText};
use super::web;
use crate::i18n::Lang;

/// The state a lab starts from when nothing is saved: the first preset.
pub fn default_state() -> LabState {
    preset_state(&super::PRESETS[0])
}

pub fn preset_state(p: &Preset) -> LabState {
    LabState {
        dockerfile: p.dockerfile.to_string(),
        context: p.context.iter().map(|s| s.to_string()).collect(),
        changed: p.changed.iter().map(|s| s.to_string()).collect(),
        last_build: p.dockerfile.to_string(),
        ..LabState::default()
    }
}

/// What the reader changes: the lab's inputs.
#[derive(Clone, Copy)]
pub struct LabSignals {
    pub source: RwSignal<String>,
    pub context_text: RwSignal<String>,
    pub changed: RwSignal<Vec<String>>,
    pub dockerignore: RwSignal<String>,
    pub changed_args: RwSignal<Vec<String>>,
    pub target: RwSignal<String>,
    /// The Dockerfile of the last build: the plan counts the edits since as changes. A compact
    /// lab (a guide example, an exercise) has none: only its marked files count.
    pub last_build: RwSignal<String>,
}

impl LabSignals {
    fn new(s: &LabState) -> LabSignals {
        LabSignals {
            source: RwSignal::new(s.dockerfile.clone()),
            context_text: RwSignal::new(s.context.join("\n") + "\n"),
            changed: RwSignal::new(s.changed.clone()),
            dockerignore: RwSignal::new(s.dockerignore.clone()),
            changed_args: RwSignal::new(s.changed_args.clone()),
            target: RwSignal::new(s.target.clone()),
            last_build: RwSignal::new(s.last_build.clone()),
        }
    }

    /// The whole state, as saved copies and links carry it (tracked: an effect that calls it
    /// follows every input).
    pub fn state(&self) -> LabState {
        LabState {
            dockerfile: self.source.get(),
            context: context_paths(&self.context_text.get()),
            changed: self.changed.get(),
            dockerignore: self.dockerignore.get(),
            changed_args: self.changed_args.get(),
            target: self.target.get(),
            last_build: self.last_build.get(),
        }
    }

    /// Loads a whole state, except the Dockerfile, which goes through the editor (undoable).
    fn set_all_but_source(&self, s: &LabState) {
        self.context_text.set(s.context.join("\n") + "\n");
        self.changed.set(s.changed.clone());
        self.dockerignore.set(s.dockerignore.clone());
        self.changed_args.set(s.changed_args.clone());
        self.target.set(s.target.clone());
        self.last_build.set(s.last_build.clone());
    }
}

/// The text and its colours (compared by reference: each keystroke is news), and the tree they
/// come from, which the rules and the rebuild plan reuse when they run on the same text.
#[derive(Clone)]
pub struct SyntaxView {
    pub text: String,
    pub marks: Vec<Mark>,
    pub tree: std::sync::Arc<Dockerfile>,
}

impl PartialEq for SyntaxView {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// One lab: its inputs, the engine's view of them, and the editor's view. Panels take it as a
/// prop; the methods are the lab's actions (replace the text undoably, load a state, go to a
/// finding).
#[derive(Clone, Copy)]
pub struct LabCtx {
    pub lang: Lang,
    pub t: &'static LabText,
    /// A guide example or an exercise (smaller, fewer controls), not the lab page.
    pub compact: bool,
    pub lab: LabSignals,
    /// One line under the toolbar: what just happened, or why something could not be done.
    pub notice: RwSignal<String>,
    pub share_link: RwSignal<String>,
    /// The context's files, from the reader's list.
    pub paths: Memo<Vec<String>>,
    /// Colours and tree of the current text: follow every keystroke.
    pub syntax: Memo<SyntaxView>,
    /// Findings, plan, stages: follow once typing pauses (see [`ANALYSIS_PAUSE_MS`]).
    pub analysis: Memo<Analysis>,
    /// Where the caret is, as a byte offset, for "the finding under the caret".
    pub caret: RwSignal<usize>,
    /// The first line rendered beside the textarea, and how many: only the lines in view (and
    /// a margin) are, and both follow the textarea's scroll and size.
    pub first_line: RwSignal<usize>,
    pub rows: RwSignal<usize>,
    /// The textarea's measured line height, in pixels.
    pub line_px: StoredValue<f64>,
    pub textarea: NodeRef<leptos::html::Textarea>,
    /// Added to element ids, so several labs can share a page.
    id_suffix: StoredValue<String>,
}

impl LabCtx {
    /// A lab starting from `start`. `id_suffix` is empty on the lab page and unique per lab on
    /// pages with several.
    pub fn new(
        lang: Lang,
        start: &LabState,
        notice: Option<String>,
        compact: bool,
        id_suffix: String,
    ) -> LabCtx {
        let lab = LabSignals::new(start);
        let paths = Memo::new(move |_| lab.context_text.with(|t| context_paths(t)));
        // The text the rules and the rebuild plan last ran on. Colours and the overlay follow
        // every keystroke; the findings and the layer view (most of the page's markup) follow
        // once typing pauses briefly, so a keystroke costs one line of markup rather than the
        // whole lab.
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
                SyntaxView {
                    text: s.clone(),
                    marks: marks_of(&df, s),
                    tree: std::sync::Arc::new(df),
                }
            });
            web::measure("lab-syntax", "lab-syntax-start");
            out
        });
        let analysis = Memo::new(move |_| {
            web::mark("lab-engine-start");
            let a = analysed.with(|source| {
                // Typing has paused, so the colours were worked out on this same text: reuse
                // its tree.
                let tree = syntax.with_untracked(|v| (v.text == *source).then(|| v.tree.clone()));
                let tree = tree.unwrap_or_else(|| std::sync::Arc::new(parse(source)));
                paths.with(|paths| {
                    lab.changed.with(|changed| {
                        lab.dockerignore.with(|dockerignore| {
                            lab.changed_args.with(|changed_args| {
                                lab.target.with(|target| {
                                    lab.last_build.with(|last_build| {
                                        analyse_parsed(
                                            &tree,
                                            &Inputs {
                                                source,
                                                paths,
                                                changed,
                                                dockerignore,
                                                changed_args,
                                                target,
                                                last_build: (!compact)
                                                    .then_some(last_build.as_str()),
                                            },
                                        )
                                    })
                                })
                            })
                        })
                    })
                })
            });
            web::measure("lab-engine", "lab-engine-start");
            a
        });
        LabCtx {
            lang,
            t: texts(lang),
            compact,
            lab,
            notice: RwSignal::new(notice.unwrap_or_default()),
            share_link: RwSignal::new(String::new()),
            paths,
            syntax,
            analysis,
            caret: RwSignal::new(usize::MAX),
            first_line: RwSignal::new(0),
            rows: RwSignal::new(if compact { 40 } else { 60 }),
            line_px: StoredValue::new(22.0),
            textarea: NodeRef::new(),
            id_suffix: StoredValue::new(id_suffix),
        }
    }

    /// Saves every change under `key`, as the versioned text of shipshape-labstate.
    pub fn autosave(self, key: String) {
        Effect::new(move |_| {
            let state = self.lab.state();
            web::store(&key, &shipshape_labstate::encode(&state));
        });
    }

    /// An element id, unique on the page.
    pub fn id(&self, name: &str) -> String {
        self.id_suffix.with_value(|s| format!("{name}{s}"))
    }

    /// Replaces the Dockerfile as one undoable edit, changing only what differs.
    pub fn replace_source(self, new_text: String) {
        let Some(el) = self.textarea.get_untracked() else {
            self.lab.source.set(new_text);
            return;
        };
        let el: &web_sys::HtmlElement = &el;
        let old = self.lab.source.get_untracked();
        let (range, insert) = minimal_edit(&old, &new_text);
        let start = utf16_offset(&old, range.start);
        let end = utf16_offset(&old, range.end);
        let caret_at = start + insert.encode_utf16().count() as u32;
        web::replace_range(el, start, end, insert, Some((caret_at, caret_at)));
        // The input event the edit fires sets the signal; make sure even without one.
        self.lab.source.set(new_text);
    }

    /// "Mark as built": the next build is compared with the current text.
    pub fn mark_built(self) {
        self.lab.last_build.set(self.lab.source.get_untracked());
    }

    /// Loads a whole state; the Dockerfile as one undoable edit.
    pub fn load_state(self, s: LabState) {
        self.lab.set_all_but_source(&s);
        self.replace_source(s.dockerfile);
    }

    /// Moves the caret to a finding and scrolls its line into view.
    pub fn go_to(self, range: std::ops::Range<usize>) {
        let Some(el) = self.textarea.get_untracked() else {
            return;
        };
        let src = self.lab.source.get_untracked();
        let (s, e) = (
            utf16_offset(&src, range.start),
            utf16_offset(&src, range.end),
        );
        let el: &web_sys::HtmlElement = &el;
        let _ = el.focus();
        web::set_selection(el, s, e);
        self.caret.set(range.start);
        // The textarea scrolls to the caret on focus in most browsers; set it explicitly from
        // the line height the stylesheet gives (measured now: it may not have been yet).
        let px = web::line_height(el).unwrap_or_else(|| self.line_px.get_value());
        self.line_px.set_value(px);
        let line = src[..range.start.min(src.len())].matches('\n').count() as f64;
        let e: &web_sys::Element = el.as_ref();
        let top = (line * px).round() as i32;
        let line_px = px.round() as i32;
        if top < e.scroll_top() || top > e.scroll_top() + e.client_height() - line_px {
            e.set_scroll_top((top - e.client_height() / 2).max(0));
        }
    }
}
