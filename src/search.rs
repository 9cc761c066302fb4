//! Site search: a button in the header and a dialog (Ctrl+K, Cmd+K or `/`). The language's index
//! is fetched from the site itself the first time the dialog opens, then queried in the wasm by
//! `shipshape-search`. Nothing leaves the page's origin.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_search::{Hit, Index};

use crate::browser;
use crate::i18n::Lang;

/// How many results the dialog lists.
const LIMIT: usize = 12;

/// Where the index is in its life.
#[derive(Clone)]
enum IndexState {
    NotLoaded,
    Loading,
    Ready(Arc<Index>),
    Failed,
}

/// The search button and its dialog.
#[component]
pub fn Search(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let index = RwSignal::new(IndexState::NotLoaded);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let button_ref = NodeRef::<leptos::html::Button>::new();

    browser::on_search_shortcut(move || open.set(true));

    // Load the index on first open, never before.
    Effect::new(move |_| {
        if open.get() && matches!(index.get_untracked(), IndexState::NotLoaded) {
            index.set(IndexState::Loading);
            leptos::task::spawn_local(async move {
                let state = match browser::load_search_index().await {
                    Some(ix) => IndexState::Ready(Arc::new(ix)),
                    None => IndexState::Failed,
                };
                index.set(state);
            });
        }
    });
    // Focus the box when the dialog opens; give focus back to the button when it closes.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open {
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            }
        } else if was_open == Some(true) {
            if let Some(button) = button_ref.get() {
                let _ = button.focus();
            }
        }
        is_open
    });

    let results = Memo::new(move |_| {
        let q = query.get();
        index.with(|state| match state {
            IndexState::Ready(ix) if !q.trim().is_empty() => {
                browser::timed("search-query", || ix.search(&q, LIMIT))
            }
            _ => Vec::new(),
        })
    });
    Effect::new(move |_| {
        results.track();
        selected.set(0);
    });

    let close = move || {
        open.set(false);
    };
    let go = move |i: usize| {
        if let Some(hit) = results.with_untracked(|r| r.get(i).cloned()) {
            open.set(false);
            browser::go_to(&hit.url);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = results.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                selected.update(|i| *i = (*i + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                selected.update(|i| *i = (*i + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                go(selected.get_untracked());
            }
            "Escape" => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    let status = move || {
        let q = query.get();
        match index.get() {
            IndexState::NotLoaded | IndexState::Loading => s.search_loading.to_string(),
            IndexState::Failed => s.search_failed.to_string(),
            IndexState::Ready(_) if q.trim().is_empty() => s.search_keys.to_string(),
            IndexState::Ready(_) => match results.with(Vec::len) {
                0 => format!("{}. {}", s.search_no_results, s.search_no_results_hint),
                n => s.search_results.replace("{n}", &n.to_string()),
            },
        }
    };

    let dialog = move || {
        open.get().then(|| {
            view! {
                <div
                    class="search-backdrop"
                    on:click=move |ev| {
                        if browser::is_event_on_self(&ev) {
                            close();
                        }
                    }
                >
                    <div class="search-dialog" role="dialog" aria-modal="true" aria-label=s.search>
                        <div class="search-bar">
                            <input
                                node_ref=input_ref
                                class="search-input"
                                type="search"
                                role="combobox"
                                aria-expanded=move || (!results.with(Vec::is_empty)).to_string()
                                aria-controls="search-results"
                                aria-autocomplete="list"
                                aria-activedescendant=move || {
                                    (!results.with(Vec::is_empty))
                                        .then(|| format!("search-option-{}", selected.get()))
                                }
                                aria-label=s.search_placeholder
                                placeholder=s.search_placeholder
                                autocomplete="off"
                                spellcheck="false"
                                prop:value=move || query.get()
                                on:input=move |ev| query.set(event_target_value(&ev))
                                on:keydown=on_keydown
                            />
                            <button class="search-close" type="button" on:click=move |_| close()>
                                {s.search_close}
                            </button>
                        </div>
                        <p class="search-status" role="status" aria-live="polite">{status}</p>
                        <ul id="search-results" class="search-results" role="listbox" aria-label=s.search>
                            {move || {
                                results
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, hit)| view! { <SearchResult hit i selected go/> })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </div>
            }
        })
    };

    view! {
        <button
            node_ref=button_ref
            class="search-button"
            type="button"
            aria-haspopup="dialog"
            on:click=move |_| open.set(true)
        >
            <span class="search-icon" aria-hidden="true"></span>
            <span class="search-label">{s.search}</span>
            <kbd class="search-kbd" aria-hidden="true">"Ctrl K"</kbd>
        </button>
        {dialog}
    }
}

#[component]
fn SearchResult(
    hit: Hit,
    i: usize,
    selected: RwSignal<usize>,
    go: impl Fn(usize) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // The snippet as text and <mark> runs: never markup from the index.
    let mut parts = Vec::new();
    let mut at = 0;
    for range in &hit.highlights {
        if range.start < at || range.end > hit.snippet.len() {
            continue;
        }
        parts.push((false, hit.snippet[at..range.start].to_string()));
        parts.push((true, hit.snippet[range.clone()].to_string()));
        at = range.end;
    }
    parts.push((false, hit.snippet[at.min(hit.snippet.len())..].to_string()));
    let snippet = parts
        .into_iter()
        .map(|(marked, text)| {
            if marked {
                Either::Left(view! { <mark>{text}</mark> })
            } else {
                Either::Right(text)
            }
        })
        .collect_view();
    let same_heading = hit.heading == hit.page_title;
    view! {
        <li
            id=format!("search-option-{i}")
            role="option"
            class="search-result"
            data-url=hit.url.clone()
            aria-selected=move || (selected.get() == i).to_string()
            on:mousemove=move |_| selected.set(i)
            on:click=move |ev| {
                ev.prevent_default();
                go(i);
            }
        >
            <div class="search-link">
                <span class="search-page">{hit.page_title.clone()}</span>
                {(!same_heading).then(|| view! { <span class="search-heading">{hit.heading.clone()}</span> })}
                <span class="search-snippet">{snippet}</span>
            </div>
        </li>
    }
}
