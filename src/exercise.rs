//! The onboarding exercises in the browser: the track (`/<lang>/exercises/`) and one page per
//! exercise (`/<lang>/exercises/<id>/`). The goals are checked by `shipshape-exercises` over the
//! engines' results; this module lays them out, keeps the trainee's work and progress, and
//! never judges anything itself.
//!
//! - [`ExercisePage`]: an exercise as the server renders it (task, goals, the tool with the
//!   start files), readable without JavaScript. The text was rendered from Markdown at build
//!   time; hints and the explanation wait in `<template>`s.
//! - [`ExerciseShell`]: the checklist that ticks itself, the hints one at a time, the solution
//!   behind the hints or a confirm, start over (undoable), the solved panel. Each kind's tool
//!   wraps its view in it: `lab::exercise` (Dockerfile), `calc::exercise` (capacity),
//!   [`ConceptExercise`] here.
//! - `track`: the track page, its progress and the completion code.
//!
//! The live copies come from the tool bundles: the lab bundle mounts Dockerfile and concept
//! exercises and the track, the calculator bundle capacity exercises. The main bundle renders
//! the roots as opaque markup and loads the right bundle on the first touch (at once when the
//! trainee has saved work), as for the guide's examples.

pub mod text;
pub mod track;

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_exercises::saved::{self, Saved, SavedError, Status};
use shipshape_exercises::{catalogue, Exercise, Goal, Kind, Outcome, Problem};

use crate::i18n::Lang;
use crate::lab::text::fill1;
use text::{engine_lang, texts, ExText};

/// What a page says in its language, as HTML rendered from the exercise's Markdown at build
/// time (trusted: it is the site's own content, never anything a reader typed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExerciseHtml {
    pub title: String,
    pub task: String,
    pub hints: Vec<String>,
    pub explanation: String,
    pub choices: Vec<ChoiceHtml>,
    /// A capacity exercise's start and solution as the calculator's form (its query string).
    pub start_form: String,
    pub solution_form: String,
    /// The next exercise's address and title, if there is one.
    pub next: Option<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChoiceHtml {
    pub id: String,
    pub label: String,
    pub why: String,
}

/// Where the page sits in the track, for its breadcrumbs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place {
    pub part_title: String,
    pub position: usize,
    pub total: usize,
}

/// Escapes text for HTML (a solution's Dockerfile shown as code).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Which bundle makes an exercise of this kind live.
pub fn bundle_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Capacity => "calc",
        Kind::Dockerfile | Kind::Concept => "lab",
    }
}

pub fn kind_word(t: &ExText, kind: Kind) -> &'static str {
    match kind {
        Kind::Dockerfile => t.kind_dockerfile,
        Kind::Capacity => t.kind_capacity,
        Kind::Concept => t.kind_concept,
    }
}

/// `/<lang>/exercises/` and `/<lang>/exercises/<id>/`.
pub fn track_path(lang: Lang) -> String {
    format!("/{}/exercises/", lang.code())
}

pub fn exercise_path(lang: Lang, id: &str) -> String {
    format!("/{}/exercises/{id}/", lang.code())
}

/// An exercise's page, as the server renders it: the task, the goals as the start file meets
/// them, the tool with the start files, and the texts the live page shows later.
#[component]
pub fn ExercisePage(lang: Lang, id: String, html: ExerciseHtml, place: Place) -> impl IntoView {
    let t = texts(lang);
    let s = lang.strings();
    let Some(exercise) = catalogue::get(&id) else {
        return Either::Left(view! { <p>{s.not_found_body}</p> });
    };
    let kind = exercise.kind();
    let hints = html
        .hints
        .iter()
        .map(|h| view! { <template class="ex-hint" inner_html=h.clone()></template> })
        .collect_view();
    let choices = html
        .choices
        .iter()
        .map(|c| {
            view! {
                <template class="ex-choice" data-choice=c.id.clone()>
                    <div class="ex-choice-label" inner_html=c.label.clone()></div>
                    <div class="ex-choice-why" inner_html=c.why.clone()></div>
                </template>
            }
        })
        .collect_view();
    let (next_href, next_title) = html.next.clone().unzip();
    let body = render_body(lang, exercise, html.clone());
    Either::Right(view! {
        <article
            class="exercise"
            data-exercise-id=id.clone()
            data-exercise-kind=kind.as_str()
            data-exercise-status="unsolved"
            data-widget=bundle_of(kind)
            data-start-form=(!html.start_form.is_empty()).then(|| html.start_form.clone())
            data-solution-form=(!html.solution_form.is_empty()).then(|| html.solution_form.clone())
            data-next-href=next_href
            data-next-title=next_title
        >
            <nav class="ex-crumbs" aria-label=t.crumbs>
                <a href=track_path(lang)>{s.exercises}</a>
                <span aria-hidden="true">" › "</span>
                <span>{place.part_title.clone()}</span>
                <span aria-hidden="true">" › "</span>
                <span>{crate::lab::text::fill2(t.position, place.position, place.total)}</span>
            </nav>
            <h1>{html.title.clone()}</h1>
            <p class="ex-kind"><span class=format!("ex-badge ex-badge-{}", kind.as_str())>{kind_word(t, kind)}</span></p>
            <section class="ex-task" aria-labelledby="ex-task-title">
                <h2 id="ex-task-title" class="visually-hidden">{t.task}</h2>
                <div class="ex-task-text" inner_html=html.task.clone()></div>
            </section>
            <div class="ex-host">{body}</div>
            {hints}
            <template class="ex-explanation" inner_html=html.explanation.clone()></template>
            {choices}
        </article>
    })
}

/// The body of an exercise (goals, tool, help) for its kind: the server's copy.
#[cfg(not(feature = "hydrate"))]
fn render_body(lang: Lang, exercise: &'static Exercise, html: ExerciseHtml) -> impl IntoView {
    use leptos::either::EitherOf3;
    match exercise.kind() {
        Kind::Dockerfile => {
            EitherOf3::A(view! { <crate::lab::exercise::LabExercise lang exercise html/> })
        }
        Kind::Capacity => {
            EitherOf3::B(view! { <crate::calc::exercise::CalcExercise lang exercise html/> })
        }
        Kind::Concept => EitherOf3::C(view! { <ConceptExercise lang exercise html/> }),
    }
}

/// In the browser the server's copy stays until a tool bundle mounts the live one.
#[cfg(feature = "hydrate")]
fn render_body(lang: Lang, exercise: &'static Exercise, html: ExerciseHtml) -> impl IntoView {
    let _ = (lang, exercise, html);
}

/// An exercise's saved state, read from the browser (nothing on the server), and why it could
/// not be, if it could not.
#[derive(Clone, Debug, Default)]
pub struct Start {
    pub saved: Saved,
    /// The browser held a state for it.
    pub stored: bool,
    pub notice: Option<String>,
}

/// Reads an exercise's saved state. A damaged or foreign one is kept aside under
/// `<key>.damaged`, gives a notice, and touches nothing else.
pub fn load_saved(lang: Lang, id: &str) -> Start {
    let key = saved::storage_key(id);
    let Some(text) = crate::lab::web::load(&key) else {
        return Start::default();
    };
    match saved::decode(&text) {
        Ok(s) => Start {
            saved: s,
            stored: true,
            notice: None,
        },
        Err(e) => {
            crate::lab::web::store(&format!("{key}.damaged"), &text);
            crate::lab::web::forget(&key);
            Start {
                saved: Saved::default(),
                stored: false,
                notice: Some(fill1(texts(lang).saved_damaged, saved_reason(lang, &e))),
            }
        }
    }
}

/// A short reason, in the page's language, for a saved state that could not be read.
pub fn saved_reason(lang: Lang, e: &SavedError) -> String {
    let t = crate::lab::texts(lang);
    match e {
        SavedError::Empty => t.err_empty,
        SavedError::Foreign => t.err_version,
        SavedError::Damaged(_) => t.err_damaged,
    }
    .trim_end_matches(['.', '。'])
    .to_string()
}

/// What a tool gives the shell: the checks' outcome on its current work, the work itself (as
/// saved, and as a completion code carries it), and a way to load a work (the start, the
/// solution, a restored one).
#[derive(Clone, Copy)]
pub struct Tool {
    pub outcome: Memo<Outcome>,
    pub work: Signal<Vec<String>>,
    pub portable: Signal<Vec<String>>,
    pub load: Callback<Vec<String>>,
}

/// How goals and problems are worded: the calculator's bundle passes wording without the
/// Dockerfile engine's messages, so it does not carry that engine.
#[derive(Clone, Copy)]
pub struct Wording {
    pub label: fn(&Exercise, Goal, shipshape_exercises::catalogue::Lang) -> String,
    pub problem: fn(&Exercise, &Problem, shipshape_exercises::catalogue::Lang) -> String,
}

/// The goals and the help around a tool.
#[component]
pub fn ExerciseShell<C>(
    lang: Lang,
    exercise: &'static Exercise,
    html: ExerciseHtml,
    start: Start,
    tool: Tool,
    wording: Wording,
    /// The start's work (what "start over" loads) and the solution's.
    start_work: Vec<String>,
    solution_work: Vec<String>,
    /// The solution as markup (escaped text, or the site's own rendered text).
    solution_html: String,
    /// The label of the button that loads the solution into the tool (none: showing it is
    /// enough).
    #[prop(optional)]
    use_solution: Option<&'static str>,
    // Typed, not `Children`: a type-erased view would bring every way of rendering it
    // (server, hydration) into the tool bundles.
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
{
    let children = children.into_inner();
    let t = texts(lang);
    let elang = engine_lang(lang);
    let id = exercise.id.to_string();
    let key = saved::storage_key(&id);
    let saved = RwSignal::new(start.saved.clone());
    let stored = StoredValue::new(start.stored);
    let notice = RwSignal::new(start.notice.clone().unwrap_or_default());
    // A reset's previous state, undoable until the page is left.
    let undo = StoredValue::new(None::<Saved>);
    let can_undo = RwSignal::new(false);
    let outcome = tool.outcome;
    let hint_count = html.hints.len() as u32;

    // A pass is recorded (with the solution, if it was shown before); the work is saved as the
    // trainee changes it, from their first change on.
    Effect::new(move |_| {
        if outcome.with(Outcome::passed) {
            let portable = tool.portable.get_untracked();
            saved.update(|s| {
                if !s.status.is_solved() || s.solved != portable {
                    s.record(true, portable);
                }
            });
        }
    });
    let start_for_save = start_work.clone();
    Effect::new(move |_| {
        let work = tool.work.get();
        let state = saved.with(|s| {
            let mut s = s.clone();
            s.work = work.clone();
            s
        });
        let touched = stored.get_value()
            || work != start_for_save
            || state.hints > 0
            || state.solution_seen
            || state.status.is_solved();
        if touched {
            stored.set_value(true);
            crate::lab::web::store(&key, &saved::encode(&state));
        }
    });
    // The page's root says whether the current work passes.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let passed = outcome.with(Outcome::passed);
        let progress = saved.with(|s| s.status.as_str());
        if let Ok(Some(root)) = document().query_selector("article[data-exercise-id]") {
            let _ = root.set_attribute(
                "data-exercise-status",
                if passed { "passed" } else { "unsolved" },
            );
            let _ = root.set_attribute("data-exercise-progress", progress);
        }
    });

    // What screen readers hear when the goals change: what changed, then the count.
    let previous = StoredValue::new(None::<Vec<bool>>);
    let announcement = Memo::new(move |_| {
        outcome.with(|o| {
            let now: Vec<bool> = o.results.iter().map(|r| r.met).collect();
            let before = previous.get_value();
            previous.set_value(Some(now.clone()));
            let mut parts = Vec::new();
            if let Some(before) = before.filter(|b| b.len() == now.len()) {
                let changed = |met: bool| -> Vec<String> {
                    o.results
                        .iter()
                        .zip(&before)
                        .filter(|(r, was)| r.met == met && **was != met)
                        .map(|(r, _)| (wording.label)(exercise, r.goal, elang).replace('`', ""))
                        .collect()
                };
                let met = changed(true);
                let lost = changed(false);
                let (sep, stop) = if lang == Lang::Ja {
                    ("、", "。")
                } else {
                    ("; ", ".")
                };
                if !met.is_empty() {
                    parts.push(format!("{} {}{stop}", t.now_met, met.join(sep)));
                }
                if !lost.is_empty() {
                    parts.push(format!("{} {}{stop}", t.no_longer_met, lost.join(sep)));
                }
            }
            parts.push(crate::lab::text::fill2(
                t.goals_met,
                o.met(),
                o.results.len(),
            ));
            if o.passed() {
                parts.push(format!(
                    "{}{}",
                    t.solved_title,
                    if lang == Lang::Ja { "。" } else { "." }
                ));
            }
            parts.join(" ")
        })
    });

    let goal_items = move || {
        outcome.with(|o| {
            o.results
                .iter()
                .map(|r| {
                    let label = (wording.label)(exercise, r.goal, elang);
                    let problem = r
                        .problem
                        .as_ref()
                        .map(|p| (wording.problem)(exercise, p, elang))
                        .filter(|p| !p.is_empty());
                    let met = r.met;
                    view! {
                        <li class="ex-goal" data-met=met.to_string()>
                            <span class="ex-goal-mark" aria-hidden="true">{if met { "✓" } else { "○" }}</span>
                            <span class="visually-hidden">{if met { t.goal_met } else { t.goal_not_met }} " "</span>
                            <span class="ex-goal-label">{crate::lab::code_spans(&label)}</span>
                            {problem.filter(|_| !met).map(|p| view! {
                                <p class="ex-goal-problem">{crate::lab::code_spans(&p)}</p>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let count =
        move || outcome.with(|o| crate::lab::text::fill2(t.goals_met, o.met(), o.results.len()));

    // Hints, one at a time; the solution after the last, or with a confirm.
    let hints = StoredValue::new(html.hints.clone());
    let hints_open = move || saved.with(|s| s.hints.min(hint_count));
    let open_hint = move |_| {
        saved.update(|s| s.hints = (s.hints + 1).min(hint_count));
        #[cfg(feature = "hydrate")]
        {
            let n = saved.with_untracked(|s| s.hints);
            request_animation_frame(move || {
                if let Ok(Some(el)) =
                    document().query_selector(&format!(".ex-hints li:nth-child({n})"))
                {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    };
    let confirming = RwSignal::new(false);
    let solution_shown = RwSignal::new(start.saved.solution_seen);
    let show_solution = move || {
        confirming.set(false);
        solution_shown.set(true);
        saved.update(|s| s.solution_seen = true);
    };
    let ask_solution = move |_| {
        if hints_open() >= hint_count {
            show_solution();
        } else {
            confirming.set(true);
        }
    };
    let solution_work = StoredValue::new(solution_work);
    let start_work = StoredValue::new(start_work);
    let load = tool.load;

    let start_over = move |_| {
        let before = saved.get_untracked();
        let mut before_saved = before.clone();
        before_saved.work = tool.work.get_untracked();
        undo.set_value(Some(before_saved));
        can_undo.set(true);
        crate::lab::web::forget(&saved::storage_key(&exercise.id));
        stored.set_value(false);
        saved.set(Saved::default());
        solution_shown.set(false);
        confirming.set(false);
        load.run(start_work.get_value());
        notice.set(t.start_over_done.to_string());
    };
    let undo_reset = move |_| {
        if let Some(before) = undo.get_value() {
            // What was there is written back, even if it had not been saved yet.
            stored.set_value(true);
            solution_shown.set(before.solution_seen);
            load.run(before.work.clone());
            saved.set(before);
            notice.set(t.undone.to_string());
        }
        undo.set_value(None);
        can_undo.set(false);
    };

    let passed = Memo::new(move |_| outcome.with(Outcome::passed));
    let next = html.next.clone();
    let explanation = html.explanation.clone();
    let solved_panel = move || {
        passed.get().then(|| {
            let with_solution = saved.with(|s| s.status == Status::PassedWithSolution);
            let next = match next.clone() {
                Some((href, title)) => Either::Left(view! {
                    <p class="ex-next">
                        <a class="button-primary ex-next-link" href=href>
                            {t.next_exercise} ": " {title} " →"
                        </a>
                    </p>
                }),
                None => Either::Right(view! {
                    <p class="ex-next">{t.last_exercise} " " <a href=track_path(lang)>{t.back_to_track}</a></p>
                }),
            };
            view! {
                <section class="ex-solved" aria-labelledby="ex-solved-title">
                    <h2 id="ex-solved-title">
                        <span aria-hidden="true">"✓ "</span>
                        {if with_solution { t.solved_with_solution_title } else { t.solved_title }}
                    </h2>
                    <h3>{t.explanation}</h3>
                    <div class="ex-explanation-text" inner_html=explanation.clone()></div>
                    {next}
                </section>
            }
        })
    };

    view! {
        <div class="ex-body">
            <p class="ex-notice" role="status">
                {move || notice.get()}
                {move || can_undo.get().then(|| view! {
                    " " <button type="button" class="lab-button ex-undo" on:click=undo_reset>{t.undo}</button>
                })}
            </p>
            {solved_panel}
            <section class="ex-goals" aria-labelledby="ex-goals-title">
                <h2 id="ex-goals-title">{t.goals}</h2>
                <p class="ex-goals-count">{count}</p>
                <ul class="ex-goal-list">{goal_items}</ul>
                <p class="visually-hidden ex-announce" aria-live="polite">{move || announcement.get()}</p>
            </section>
            <section class="ex-work">{children()}</section>
            <section class="ex-help" aria-labelledby="ex-help-title">
                <h2 id="ex-help-title">{t.help}</h2>
                <ol class="ex-hints">
                    {move || {
                        let open = hints_open() as usize;
                        hints.with_value(|h| {
                            h.iter()
                                .take(open)
                                .enumerate()
                                .map(|(i, text)| view! {
                                    <li tabindex="-1">
                                        <span class="ex-hint-title">{crate::lab::text::fill2(t.hint, i + 1, hint_count)}</span>
                                        <div class="ex-hint-text" inner_html=text.clone()></div>
                                    </li>
                                })
                                .collect_view()
                        })
                    }}
                </ol>
                <p class="ex-help-actions">
                    {move || if hints_open() < hint_count {
                        Either::Left(view! {
                            <button type="button" class="lab-button ex-show-hint" on:click=open_hint>
                                {t.show_hint} " (" {hints_open() + 1} "/" {hint_count} ")"
                            </button>
                        })
                    } else {
                        Either::Right(view! { <span class="ex-hints-done">{t.hints_all_open}</span> })
                    }}
                    " "
                    {move || (!solution_shown.get()).then(|| view! {
                        <button type="button" class="lab-button ex-show-solution" on:click=ask_solution>{t.show_solution}</button>
                    })}
                    " "
                    <button type="button" class="lab-button ex-start-over" on:click=start_over>{t.start_over}</button>
                </p>
                {move || confirming.get().then(|| view! {
                    <div class="ex-confirm" role="group" aria-labelledby="ex-confirm-text">
                        <p id="ex-confirm-text">{t.solution_confirm}</p>
                        <button type="button" class="lab-button ex-confirm-yes" on:click=move |_| show_solution()>{t.solution_yes}</button>
                        " "
                        <button type="button" class="lab-button ex-confirm-no" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                    </div>
                })}
                {move || solution_shown.get().then(|| view! {
                    <div class="ex-solution">
                        <h3>{t.solution}</h3>
                        <div class="ex-solution-body" inner_html=solution_html.clone()></div>
                        {use_solution.map(|label| view! {
                            <button type="button" class="lab-button ex-use-solution" on:click=move |_| load.run(solution_work.get_value())>{label}</button>
                        })}
                    </div>
                })}
            </section>
        </div>
    }
}

/// A question about a concept: choose an answer, read why it is right or wrong.
#[component]
pub fn ConceptExercise(
    lang: Lang,
    exercise: &'static Exercise,
    html: ExerciseHtml,
) -> impl IntoView {
    let t = texts(lang);
    let start = load_saved(lang, &exercise.id);
    let answer = exercise
        .concept
        .as_ref()
        .map(|c| c.answer.to_string())
        .unwrap_or_default();
    let first = start.saved.work.first().cloned().unwrap_or_default();
    let choice = RwSignal::new(first);
    let outcome =
        Memo::new(move |_| choice.with(|c| shipshape_exercises::check_choice(exercise, c)));
    let work = Signal::derive(move || vec![choice.get()]);
    let tool = Tool {
        outcome,
        work,
        portable: work,
        load: Callback::new(move |w: Vec<String>| {
            choice.set(w.first().cloned().unwrap_or_default())
        }),
    };
    let passed = Memo::new(move |_| outcome.with(Outcome::passed));
    let items = html
        .choices
        .iter()
        .map(|c| {
            let id = c.id.clone();
            let id_value = c.id.clone();
            let id_attr = c.id.clone();
            let id_checked = c.id.clone();
            let id_why = c.id.clone();
            let id_change = c.id.clone();
            let why = c.why.clone();
            let initially = choice.with_untracked(|x| *x == c.id);
            view! {
                <li class="ex-choice" data-choice=id_attr data-chosen=move || choice.with(|x| *x == id_checked).to_string()>
                    <label>
                        <input
                            type="radio"
                            name="ex-answer"
                            value=id_value
                            checked=initially
                            prop:checked=move || choice.with(|x| *x == id)
                            on:change=move |_| choice.set(id_change.clone())
                        />
                        " "
                        <span class="ex-choice-label" inner_html=c.label.clone()></span>
                    </label>
                    {move || (passed.get() || choice.with(|x| *x == id_why)).then(|| view! {
                        <div class="ex-why"><strong>{t.why} ": "</strong><span inner_html=why.clone()></span></div>
                    })}
                </li>
            }
        })
        .collect_view();
    let solution_html = html
        .choices
        .iter()
        .find(|c| c.id == answer)
        .map(|c| {
            format!(
                "<p><strong>{}</strong> {}</p><p>{}</p>",
                t.the_answer, c.label, c.why
            )
        })
        .unwrap_or_default();
    view! {
        <ExerciseShell
            lang
            exercise
            html=html.clone()
            start
            tool
            wording=Wording { label: shipshape_exercises::words::goal_label, problem: shipshape_exercises::words::problem }
            start_work=vec![String::new()]
            solution_work=vec![answer.clone()]
            solution_html
        >
            <fieldset class="ex-choices">
                <legend>{t.your_answer}</legend>
                <ul>{items}</ul>
            </fieldset>
        </ExerciseShell>
    }
}

/// Reads what the server wrote into an exercise's page: its texts (from the templates) and
/// its place in the track.
#[cfg(feature = "hydrate")]
pub fn read_html(root: &web_sys::Element) -> ExerciseHtml {
    use wasm_bindgen::JsCast;
    let all = |selector: &str| -> Vec<web_sys::Element> {
        root.query_selector_all(selector)
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    let inner = |e: &web_sys::Element, selector: &str| {
        e.query_selector(selector)
            .ok()
            .flatten()
            .map(|x| x.inner_html())
            .unwrap_or_default()
    };
    let template_inner = |e: &web_sys::Element, selector: &str| -> String {
        e.dyn_ref::<web_sys::HtmlTemplateElement>()
            .and_then(|t| t.content().query_selector(selector).ok().flatten())
            .map(|x| x.inner_html())
            .unwrap_or_else(|| inner(e, selector))
    };
    let attr = |name: &str| root.get_attribute(name).unwrap_or_default();
    let next = match (
        root.get_attribute("data-next-href"),
        root.get_attribute("data-next-title"),
    ) {
        (Some(h), Some(t)) => Some((h, t)),
        _ => None,
    };
    ExerciseHtml {
        title: root
            .query_selector("h1")
            .ok()
            .flatten()
            .and_then(|h| h.text_content())
            .unwrap_or_default(),
        task: inner(root, ".ex-task-text"),
        hints: all("template.ex-hint")
            .iter()
            .map(|h| h.inner_html())
            .collect(),
        explanation: all("template.ex-explanation")
            .first()
            .map(|e| e.inner_html())
            .unwrap_or_default(),
        choices: all("template.ex-choice")
            .iter()
            .map(|c| ChoiceHtml {
                id: c.get_attribute("data-choice").unwrap_or_default(),
                label: template_inner(c, ".ex-choice-label"),
                why: template_inner(c, ".ex-choice-why"),
            })
            .collect(),
        start_form: attr("data-start-form"),
        solution_form: attr("data-solution-form"),
        next,
    }
}

/// Makes the page's exercise live, if it is one `bundle` serves: reads the server's copy
/// (texts, what the trainee typed or picked in it, the focus), and mounts `live` in its place.
#[cfg(feature = "hydrate")]
pub fn mount<V: IntoView + 'static>(
    bundle: &str,
    live: impl FnOnce(&'static Exercise, ExerciseHtml) -> V + 'static,
) {
    use wasm_bindgen::JsCast;
    let Ok(Some(root)) = document().query_selector("article[data-exercise-id]") else {
        return;
    };
    if root.get_attribute("data-widget").as_deref() != Some(bundle) {
        return;
    }
    let Some(exercise) = root
        .get_attribute("data-exercise-id")
        .and_then(|id| catalogue::get(&id))
    else {
        return;
    };
    let Ok(Some(host)) = root.query_selector(".ex-host") else {
        return;
    };
    let html = read_html(&root);
    let carry = crate::browser::carry_form(&host);
    host.set_inner_html("");
    let _ = root.class_list().add_1(&format!("{bundle}-live"));
    let _ = root.class_list().remove_2("lab-typed", "widget-starting");
    let _ = root.remove_attribute("aria-busy");
    let Ok(mount) = host.clone().dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(mount, move || live(exercise, html)).forget();
    crate::browser::restore_form(&host, &carry);
    crate::browser::replay_click(&host);
    let _ = host.set_attribute("data-live", "");
}
