//! The calculator in exercise mode: the inputs an exercise leaves to the trainee (its
//! decisions), and the verdict, picture and numbers the engine gives for the whole scenario.
//! The other inputs are the exercise's facts: they are not shown as inputs, and a scenario
//! that changes them does not pass (`shipshape-exercises` checks that, not this view).

use leptos::prelude::*;
use shipshape_exercises::{check_scenario_from, invalid_scenario, Decision, Exercise};

use super::form::{Form, F, NODE_TYPES};
use super::{
    cpu_picture, memory_picture, num_field, numbers, select_field, trace, verdict, warnings, Calc,
};
use crate::exercise::{load_saved, ExerciseHtml, ExerciseShell, Tool, Wording};
use crate::i18n::Lang;

/// The form an exercise's page carries (a query string; empty: the calculator's default).
fn form_of(query: &str) -> Option<Form> {
    match Form::decode(query) {
        Ok(Some(f)) => Some(f),
        Ok(None) => Some(Form::default()),
        Err(_) => None,
    }
}

#[component]
pub fn CalcExercise(lang: Lang, exercise: &'static Exercise, html: ExerciseHtml) -> impl IntoView {
    let xt = crate::exercise::text::texts(lang);
    let start = load_saved(lang, &exercise.id);
    let start_form = form_of(&html.start_form).unwrap_or_default();
    let initial = start
        .saved
        .work
        .first()
        .and_then(|q| form_of(q))
        .unwrap_or_else(|| start_form.clone());
    let c = Calc::new(lang, initial, "calcx");
    let t = c.t;
    // The facts the trainee must keep, as the calculator reads them.
    let start_scenario = StoredValue::new(start_form.to_scenario().ok());
    let outcome = Memo::new(move |_| {
        c.form
            .with(|f| match (f.to_scenario(), start_scenario.get_value()) {
                (Ok(s), Some(start)) => check_scenario_from(exercise, &s, &start),
                (Ok(_), None) => invalid_scenario(exercise, "", "the exercise's start"),
                (Err(errors), _) => {
                    let key = errors
                        .first()
                        .and_then(|e| e.field)
                        .map(F::key)
                        .unwrap_or("");
                    invalid_scenario(exercise, key, "not a number")
                }
            })
    });
    let work = Signal::derive(move || vec![c.form.with(Form::encode)]);
    // What a completion code carries: the scenario as the capacity engine's JSON.
    let portable = Signal::derive(move || {
        c.form
            .with(|f| f.to_scenario().ok())
            .map(|s| shipshape_exercises::code::scenario_work(&s))
            .unwrap_or_default()
    });
    let load = Callback::new(move |w: Vec<String>| {
        if let Some(f) = w.first().and_then(|q| form_of(q)) {
            c.form.set(f);
        }
    });
    let tool = Tool {
        outcome,
        work,
        portable,
        load,
    };
    let decisions: Vec<Decision> = exercise
        .capacity
        .as_ref()
        .map(|task| task.decisions.to_vec())
        .unwrap_or_default();
    let wm = move |v: &'static str| c.shown(F::WorkersMode, v);
    let gunicorn = move || {
        c.form
            .with(|x| x.is(F::Server, "gunicorn") || x.is(F::Server, "preload"))
    };
    // One input group per decision, each of its own type: no type-erased views in the bundle.
    let has = |d: Decision| decisions.contains(&d);
    let inputs = view! {
        {has(Decision::Workers).then(|| view! {
            {select_field(c, F::WorkersMode, t.workers_mode, vec![t.wm_fixed, t.wm_default, t.wm_gunicorn, t.wm_legacy])}
            <div hidden=move || !wm("fixed")()>{num_field(c, F::Workers, t.workers, None, None)}</div>
            <div hidden=move || !(wm("gunicorn")() || wm("legacy")())>
                {select_field(c, F::CoresSource, t.cores_source, vec![t.cs_host, t.cs_limit])}
            </div>
        })}
        {has(Decision::Server).then(|| view! {
            {select_field(c, F::Server, t.server, vec![t.srv_uvicorn, t.srv_gunicorn, t.srv_preload, t.srv_single])}
            <div hidden=move || !gunicorn()>
                {select_field(c, F::WorkerClass, t.worker_class, vec![t.wc_uvicorn, t.wc_asgi, t.wc_sync])}
            </div>
        })}
        {has(Decision::MemoryLimit).then(|| num_field(c, F::MemLimit, t.mem_limit, None, None))}
        {has(Decision::CpuLimit).then(|| num_field(c, F::CpuLimit, t.cpu_limit, None, None))}
        {has(Decision::CpuRequest).then(|| num_field(c, F::CpuRequest, t.cpu_request, None, None))}
        {has(Decision::NodeType).then(|| {
            let mut names = vec![t.nt_custom];
            names.extend(NODE_TYPES.iter().skip(1));
            select_field(c, F::NodeType, t.node_type, names)
        })}
        {has(Decision::NodeCount).then(|| num_field(c, F::NodeCount, t.node_count, None, None))}
        {has(Decision::Spares).then(|| num_field(c, F::Redundancy, t.redundancy, None, None))}
    };
    let band = decisions.iter().all(|d| {
        matches!(
            d,
            Decision::Workers | Decision::NodeCount | Decision::Spares
        )
    }) && exercise.checks.iter().any(|c| {
        matches!(
            c,
            shipshape_exercises::Check::Compare {
                quantity: shipshape_exercises::Quantity::Containers
                    | shipshape_exercises::Quantity::WorkerProcessesNeeded,
                ..
            }
        )
    });
    // The solution, shown as the decisions' values in the solution's form.
    let solution = form_of(&html.solution_form).unwrap_or_default();
    let solution_html = decision_values(&solution, &decisions, c);
    let start_work = vec![html.start_form.clone()];
    let solution_work = vec![html.solution_form.clone()];
    view! {
        <ExerciseShell
            lang
            exercise
            html=html.clone()
            start
            tool
            wording=Wording {
                label: shipshape_exercises::words::capacity_goal_label,
                problem: shipshape_exercises::words::capacity_problem,
            }
            start_work
            solution_work
            solution_html
            use_solution=xt.apply_solution
        >
            <div class="calc-widget calc-exercise" lang=lang.code()>
                <form class="calc-widget-inputs" aria-label=xt.decisions on:submit=|ev| ev.prevent_default()>
                    <h3 class="calc-exercise-title">{xt.decisions}</h3>
                    {inputs}
                </form>
                <div class="calc-widget-result" class:calc-is-stale=move || !c.errors.with(Vec::is_empty)>
                    {move || c.last.with(|g| g.as_ref().map(|g| verdict(c, g, true)))}
                    {move || c.last.with(|g| g.as_ref().map(|g| if band {
                        leptos::either::Either::Left(cpu_picture(c, g))
                    } else {
                        leptos::either::Either::Right(memory_picture(c, &g.result))
                    }))}
                    {move || c.last.with(|g| g.as_ref().map(|g| numbers(c, &g.result, true)))}
                    {move || c.last.with(|g| g.as_ref().map(|g| warnings(c, &g.result)))}
                </div>
            </div>
            {trace(c)}
        </ExerciseShell>
    }
}

/// The solution's decisions as a list: each input's label and the value the solution gives it.
fn decision_values(solution: &Form, decisions: &[Decision], c: Calc) -> String {
    let t = c.t;
    let esc = crate::exercise::escape_html;
    let choice = |f: F, labels: &[&'static str]| -> String {
        let options = match f.kind() {
            super::form::Kind::Choice(o) => o,
            _ => &[][..],
        };
        let v = solution.get(f);
        options
            .iter()
            .position(|o| *o == v)
            .and_then(|i| labels.get(i).copied())
            .unwrap_or(v)
            .to_string()
    };
    let mut items: Vec<(&'static str, String)> = Vec::new();
    for d in decisions {
        match d {
            Decision::Workers => {
                items.push((
                    t.workers_mode,
                    choice(
                        F::WorkersMode,
                        &[t.wm_fixed, t.wm_default, t.wm_gunicorn, t.wm_legacy],
                    ),
                ));
                if solution.is(F::WorkersMode, "fixed") {
                    items.push((t.workers, solution.get(F::Workers).to_string()));
                } else {
                    items.push((
                        t.cores_source,
                        choice(F::CoresSource, &[t.cs_host, t.cs_limit]),
                    ));
                }
            }
            Decision::Server => items.push((
                t.server,
                choice(
                    F::Server,
                    &[t.srv_uvicorn, t.srv_gunicorn, t.srv_preload, t.srv_single],
                ),
            )),
            Decision::MemoryLimit => items.push((
                t.mem_limit,
                format!(
                    "{} {}",
                    solution.get(F::MemLimit),
                    solution
                        .get(F::MemLimitUnit)
                        .replace("mib", "MiB")
                        .replace("gib", "GiB")
                ),
            )),
            Decision::CpuLimit => items.push((t.cpu_limit, solution.get(F::CpuLimit).to_string())),
            Decision::CpuRequest => {
                items.push((t.cpu_request, solution.get(F::CpuRequest).to_string()))
            }
            Decision::NodeType => items.push((t.node_type, solution.get(F::NodeType).to_string())),
            Decision::NodeCount => {
                items.push((t.node_count, solution.get(F::NodeCount).to_string()))
            }
            Decision::Spares => items.push((t.redundancy, solution.get(F::Redundancy).to_string())),
        }
    }
    let mut out = String::from("<dl class=\"ex-solution-values\">");
    for (label, value) in items {
        out.push_str(&format!("<dt>{}</dt><dd>{}</dd>", esc(label), esc(&value)));
    }
    out.push_str("</dl>");
    out
}
