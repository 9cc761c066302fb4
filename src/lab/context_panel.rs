//! The build context panel: the context's files, which of them changed since the last build,
//! which build arguments changed, and the `.dockerignore`.

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_dockerfile::parse;

use super::analysis::context_paths;
use super::panel_title;
use super::state::LabCtx;

#[component]
pub fn ContextPanel(
    ctx: LabCtx,
    initial_context: String,
    initial_ignore: String,
    /// Open the `.dockerignore` from the start (an exercise about it).
    #[prop(optional)]
    ignore_open: bool,
    /// The project's files are the exercise's: shown, not edited.
    #[prop(optional)]
    fixed_context: bool,
    /// What the file list's summary says, when not the lab's own words.
    #[prop(optional)]
    files_label: Option<&'static str>,
) -> impl IntoView {
    let LabCtx {
        t,
        lab,
        paths,
        analysis,
        compact,
        ..
    } = ctx;
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
    let prefill = move |_| {
        let df = parse(&lab.source.get_untracked());
        let mut list = context_paths(&lab.context_text.get_untracked());
        for p in shipshape_dockerfile::suggested_context(&df) {
            if !list.contains(&p) {
                list.push(p);
            }
        }
        lab.context_text.set(list.join("\n") + "\n");
    };
    view! {
        <section class="lab-context" aria-label=t.context>
            {panel_title(compact, t.context)}
            <details class="lab-context-details" open=!compact>
                <summary>{files_label.unwrap_or(t.context_files)}</summary>
                <textarea
                    readonly=fixed_context
                    id=ctx.id("lab-context-files")
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
                {(!fixed_context).then(|| view! {
                    <button type="button" class="lab-button lab-prefill" on:click=prefill>
                        {t.prefill}
                    </button>
                })}
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
            <details class="lab-ignore" open=ignore_open>
                <summary>".dockerignore"</summary>
                <textarea
                    id=ctx.id("lab-dockerignore")
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
