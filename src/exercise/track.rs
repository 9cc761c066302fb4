//! The track page: every exercise by part with its state (not started, started, solved), the
//! overall progress, and the completion code a trainee sends their team lead. The server writes
//! the list; the lab bundle reads the browser's saved states into it and adds the code.

use leptos::prelude::*;
use shipshape_exercises::code::{self, Code, Entry};
use shipshape_exercises::saved::{Saved, Status};

use super::text::{texts, ExText};
use crate::i18n::Lang;
use crate::lab::text::fill2;

/// One exercise as the track lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackItem {
    pub id: String,
    pub title: String,
    pub kind: shipshape_exercises::Kind,
}

/// A part of the guide and its exercises.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackPart {
    pub id: String,
    pub title: String,
    pub items: Vec<TrackItem>,
}

/// The localStorage key of the name a trainee puts in their code.
pub const NAME_KEY: &str = "shipshape.exercises.name";

/// A status's words.
pub fn status_word(t: &ExText, status: Option<Status>) -> &'static str {
    match status {
        None => t.not_started,
        Some(Status::Started) => t.started,
        Some(Status::Passed) => t.solved,
        Some(Status::PassedWithSolution) => t.solved_with_solution,
    }
}

pub fn status_key(status: Option<Status>) -> &'static str {
    status.map(Status::as_str).unwrap_or("not-started")
}

/// `/<lang>/exercises/`, as the server renders it.
#[component]
pub fn TrackPage(lang: Lang, parts: Vec<TrackPart>) -> impl IntoView {
    let t = texts(lang);
    let s = lang.strings();
    let total: usize = parts.iter().map(|p| p.items.len()).sum();
    let sections = parts
        .into_iter()
        .map(|part| {
            let items = part
                .items
                .into_iter()
                .map(|item| {
                    view! {
                        <li class="ex-item" data-exercise-id=item.id.clone() data-status="not-started">
                            <a class="ex-item-link" href=super::exercise_path(lang, &item.id)>{item.title}</a>
                            " "
                            <span class=format!("ex-badge ex-badge-{}", item.kind.as_str())>{super::kind_word(t, item.kind)}</span>
                            " "
                            <span class="ex-status">{t.not_started}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="ex-part" aria-labelledby=format!("ex-part-{}", part.id)>
                    <h2 id=format!("ex-part-{}", part.id)>{part.title}</h2>
                    <ol class="ex-list">{items}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="tool-page ex-track">
            <h1>{s.exercises}</h1>
            <p class="lead">{t.track_lead}</p>
            <p>{t.track_how}</p>
            <p class="ex-progress">
                <progress class="ex-progress-bar" max=total.to_string() value="0" aria-labelledby="ex-progress-text"></progress>
                " "
                <span id="ex-progress-text" class="ex-progress-text">{fill2(t.progress, 0, total)}</span>
            </p>
            <p class="ex-track-notice" role="status"></p>
            <p class="ex-continue" hidden=true></p>
            {sections}
            <section class="ex-code" aria-labelledby="ex-code-title">
                <h2 id="ex-code-title">{t.code_title}</h2>
                <p>{crate::lab::code_spans(t.code_lead)}</p>
                <div id="ex-code-live">
                    <p class="ex-needs-js">{t.needs_js}</p>
                </div>
            </section>
        </div>
    }
}

/// Every exercise's saved state in this browser (`None`: not started); a damaged one is kept
/// aside, named in the notices, and counts as not started.
pub fn read_states(lang: Lang, ids: &[String]) -> (Vec<Option<Saved>>, Vec<String>) {
    let mut notices = Vec::new();
    let states = ids
        .iter()
        .map(|id| {
            let start = super::load_saved(lang, id);
            if start.notice.is_some() {
                notices.push(id.clone());
            }
            start.stored.then_some(start.saved)
        })
        .collect();
    (states, notices)
}

/// The completion code of the solved exercises among `states` (in the order of `ids`).
pub fn completion_code(name: &str, ids: &[String], states: &[Option<Saved>]) -> Option<String> {
    let entries: Vec<Entry> = ids
        .iter()
        .zip(states)
        .filter_map(|(id, s)| {
            let s = s.as_ref()?;
            (s.status.is_solved() && !s.solved.is_empty()).then(|| Entry {
                id: id.clone(),
                with_solution: s.status == Status::PassedWithSolution,
                work: s.solved.clone(),
            })
        })
        .collect();
    (!entries.is_empty()).then(|| {
        code::encode(&Code {
            name: name.trim().to_string(),
            entries,
        })
    })
}

/// The live part of the track page: states into the list, the progress, the code, and
/// resetting the whole track (undoable until the page is left).
#[cfg(feature = "hydrate")]
pub fn mount(lang: Lang) {
    use wasm_bindgen::JsCast;
    let Some(root) = document().get_element_by_id(crate::tools::EXERCISES_ROOT) else {
        return;
    };
    let ids: Vec<String> = list_items()
        .iter()
        .filter_map(|li| li.get_attribute("data-exercise-id"))
        .collect();
    let Some(host) = document()
        .get_element_by_id("ex-code-live")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    host.set_inner_html("");
    leptos::mount::mount_to(host, move || view! { <TrackTools lang ids/> }).forget();
    let _ = root.set_attribute("data-live", "");
}

/// The track's list items, in order.
#[cfg(feature = "hydrate")]
fn list_items() -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    document()
        .query_selector_all("li[data-exercise-id]")
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
#[component]
fn TrackTools(lang: Lang, ids: Vec<String>) -> impl IntoView {
    let t = texts(lang);
    let ids = StoredValue::new(ids);
    let (first, damaged) = ids.with_value(|ids| read_states(lang, ids));
    let states = RwSignal::new(first);
    let name = RwSignal::new(crate::lab::web::load(NAME_KEY).unwrap_or_default());
    let notice = RwSignal::new(if damaged.is_empty() {
        String::new()
    } else {
        crate::lab::text::fill1(t.track_damaged, damaged.join(", "))
    });
    let undo = StoredValue::new(None::<Vec<(String, String)>>);
    let can_undo = RwSignal::new(false);

    // The list, the bar and its text follow the states.
    Effect::new(move |_| {
        states.with(|states| {
            let mut solved = 0;
            for (li, state) in list_items().iter().zip(states) {
                let status = state.as_ref().map(|s| s.status);
                if status.is_some_and(Status::is_solved) {
                    solved += 1;
                }
                let _ = li.set_attribute("data-status", status_key(status));
                if let Ok(Some(word)) = li.query_selector(".ex-status") {
                    word.set_text_content(Some(status_word(t, status)));
                }
            }
            let total = states.len();
            let doc = document();
            if let Ok(Some(bar)) = doc.query_selector(".ex-progress-bar") {
                let _ = bar.set_attribute("value", &solved.to_string());
            }
            if let Some(text) = doc.get_element_by_id("ex-progress-text") {
                text.set_text_content(Some(&fill2(t.progress, solved, total)));
            }
        })
    });
    // "Continue with": the first exercise not solved yet, in the track's order.
    Effect::new(move |_| {
        let next = states.with(|states| {
            ids.with_value(|ids| {
                ids.iter()
                    .zip(states)
                    .find(|(_, s)| !s.as_ref().is_some_and(|s| s.status.is_solved()))
                    .map(|(id, _)| id.clone())
            })
        });
        let doc = document();
        let Ok(Some(p)) = doc.query_selector(".ex-continue") else {
            return;
        };
        let html = match &next {
            Some(id) => {
                let title = doc
                    .query_selector(&format!("li[data-exercise-id=\"{id}\"] .ex-item-link"))
                    .ok()
                    .flatten()
                    .and_then(|a| a.text_content())
                    .unwrap_or_default();
                format!(
                    "{} <a class=\"ex-continue-link\" href=\"{}\"></a>",
                    crate::exercise::escape_html(t.continue_with),
                    super::exercise_path(lang, id)
                )
                .replace(
                    "></a>",
                    &format!(">{}</a>", crate::exercise::escape_html(&title)),
                )
            }
            None => crate::exercise::escape_html(t.all_solved),
        };
        p.set_inner_html(&html);
        let _ = p.remove_attribute("hidden");
    });
    Effect::new(move |_| {
        let n = notice.get();
        if let Ok(Some(el)) = document().query_selector(".ex-track-notice") {
            el.set_text_content(Some(&n));
        }
    });
    Effect::new(move |_| {
        let n = name.get();
        if n.trim().is_empty() {
            crate::lab::web::forget(NAME_KEY);
        } else {
            crate::lab::web::store(NAME_KEY, &n);
        }
    });
    let code = Memo::new(move |_| {
        name.with(|n| states.with(|s| ids.with_value(|ids| completion_code(n, ids, s))))
    });
    let copy = move |_| {
        if let Some(c) = code.get_untracked() {
            crate::browser::copy_text(&c, move |ok| {
                notice.set(
                    if ok {
                        t.code_copied
                    } else {
                        t.code_copy_failed
                    }
                    .to_string(),
                )
            });
        }
    };
    let download = move |_| {
        if let Some(c) = code.get_untracked() {
            crate::lab::web::download("shipshape-exercises.txt", &format!("{c}\n"));
        }
    };
    let reset = move |_| {
        let mut kept = Vec::new();
        ids.with_value(|ids| {
            for id in ids {
                let key = shipshape_exercises::saved::storage_key(id);
                if let Some(v) = crate::lab::web::load(&key) {
                    crate::lab::web::forget(&key);
                    kept.push((key, v));
                }
            }
        });
        undo.set_value(Some(kept));
        can_undo.set(true);
        states.set(ids.with_value(|ids| vec![None; ids.len()]));
        notice.set(t.reset_track_done.to_string());
    };
    let undo_reset = move |_| {
        if let Some(kept) = undo.get_value() {
            for (key, value) in kept {
                crate::lab::web::store(&key, &value);
            }
        }
        undo.set_value(None);
        can_undo.set(false);
        states.set(ids.with_value(|ids| read_states(lang, ids).0));
        notice.set(t.undone.to_string());
    };
    view! {
        <div class="ex-code-tools">
            <p class="calc-field">
                <label for="ex-code-name">{t.code_name}</label>
                <input
                    id="ex-code-name"
                    type="text"
                    autocomplete="name"
                    maxlength="80"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </p>
            {move || match code.get() {
                None => leptos::either::Either::Left(view! { <p class="ex-code-none">{t.code_none}</p> }),
                Some(c) => leptos::either::Either::Right(view! {
                    <p>
                        <label class="visually-hidden" for="ex-code-text">{t.code_title}</label>
                        <textarea id="ex-code-text" class="ex-code-text" readonly=true rows="4" spellcheck="false" prop:value=c.clone()>{c.clone()}</textarea>
                    </p>
                    <p class="ex-code-actions">
                        <button type="button" class="lab-button ex-code-copy" on:click=copy>{t.code_copy}</button>
                        " "
                        <button type="button" class="lab-button ex-code-download" on:click=download>{t.code_download}</button>
                    </p>
                    <p class="ex-verify-hint">{t.verify_hint} " " <code class="ex-verify-command">"shipshape exercises verify shipshape-exercises.txt"</code></p>
                }),
            }}
            <p class="ex-reset-track">
                <button type="button" class="lab-button ex-reset-all" on:click=reset>{t.reset_track}</button>
                {move || can_undo.get().then(|| view! {
                    " " <button type="button" class="lab-button ex-undo" on:click=undo_reset>{t.undo}</button>
                })}
            </p>
        </div>
    }
}
