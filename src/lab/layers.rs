//! The layer view: the stage to build, a one-line summary of what the change reruns, and every
//! step of every stage with its status, cost and reason.

use leptos::prelude::*;
use shipshape_dockerfile::{reason_text, Cost, RebuildPlan, StepStatus};

use super::analysis::engine_lang;
use super::state::LabCtx;
use super::text::{fill1, line_label, LabText};
use super::{code_spans, panel_title, summary};
use crate::i18n::Lang;

#[component]
pub fn LayersPanel(ctx: LabCtx) -> impl IntoView {
    let LabCtx {
        lang,
        t,
        lab,
        analysis,
        paths,
        compact,
        ..
    } = ctx;
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
    let target_id = ctx.id("lab-target");
    view! {
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
            {(!compact).then(|| view! { <LastBuild ctx/> })}
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
    }
}

/// The last build the next one is compared with: whether the Dockerfile was edited since, and
/// "Mark as built", which makes the current text the last build.
#[component]
fn LastBuild(ctx: LabCtx) -> impl IntoView {
    let LabCtx {
        t,
        lab,
        analysis,
        notice,
        ..
    } = ctx;
    let same = Memo::new(move |_| lab.source.with(|s| lab.last_build.with(|l| s == l)));
    let edited = Memo::new(move |_| analysis.with(|a| a.edited_steps));
    view! {
        <p class="lab-last-build" data-edited=move || (!same.get()).to_string()>
            <span class="lab-last-build-text">
                {move || {
                    if same.get() {
                        t.last_build_same.to_string()
                    } else {
                        fill1(t.last_build_edited, edited.get())
                    }
                }}
            </span>
            " "
            <button
                type="button"
                class="lab-button lab-mark-built"
                disabled=move || same.get()
                on:click=move |_| {
                    ctx.mark_built();
                    notice.set(t.marked_built.to_string());
                }
            >
                {t.mark_built}
            </button>
        </p>
    }
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
