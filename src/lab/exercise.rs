//! The lab in exercise mode: the editor with the start Dockerfile, its findings (without fix
//! buttons: the hints and the solution take their place), the project's files (fixed), the
//! files and build arguments to mark changed, the `.dockerignore`, and the layer view. The
//! goals are checked on the same text the findings follow, once typing pauses.

use leptos::prelude::*;
use shipshape_exercises::{check_dockerfile, Check, Exercise};
use shipshape_labstate::LabState;

use super::context_panel::ContextPanel;
use super::editor_view::LabEditor;
use super::findings::FindingsPanel;
use super::layers::LayersPanel;
use super::state::LabCtx;
use crate::exercise::{escape_html, load_saved, ExerciseHtml, ExerciseShell, Tool, Wording};
use crate::i18n::Lang;

#[component]
pub fn LabExercise(
    lang: Lang,
    exercise: &'static Exercise,
    html: ExerciseHtml,
) -> Option<impl IntoView> {
    let xt = crate::exercise::text::texts(lang);
    let task = exercise.dockerfile.as_ref()?;
    let start = load_saved(lang, &exercise.id);
    let start_work = vec![task.start.to_string(), task.start_dockerignore.to_string()];
    let work0 = match start.saved.work.as_slice() {
        [d, i] => vec![d.clone(), i.clone()],
        _ => start_work.clone(),
    };
    let state = LabState {
        dockerfile: work0[0].clone(),
        context: task.context.iter().map(|c| c.to_string()).collect(),
        changed: task.changed.iter().map(|c| c.to_string()).collect(),
        dockerignore: work0[1].clone(),
        last_build: work0[0].clone(),
        ..LabState::default()
    };
    let ctx = LabCtx::new(lang, &state, None, true, "-ex".to_string());
    let lab = ctx.lab;
    // The goals follow the analysis (which waits for a pause in typing) and the .dockerignore.
    let outcome = Memo::new(move |_| {
        ctx.analysis.with(|a| {
            lab.dockerignore
                .with(|ignore| check_dockerfile(exercise, &a.source, ignore))
        })
    });
    let work = Signal::derive(move || vec![lab.source.get(), lab.dockerignore.get()]);
    let load = Callback::new(move |w: Vec<String>| {
        if let [dockerfile, ignore] = w.as_slice() {
            lab.dockerignore.set(ignore.clone());
            ctx.replace_source(dockerfile.clone());
        }
    });
    let tool = Tool {
        outcome,
        work,
        portable: work,
        load,
    };
    let mut solution_html = format!(
        "<pre class=\"ex-solution-code\"><code>{}</code></pre>",
        escape_html(&task.solution)
    );
    if !task.solution_dockerignore.trim().is_empty() {
        solution_html.push_str(&format!(
            "<p><code>.dockerignore</code></p><pre class=\"ex-solution-code\"><code>{}</code></pre>",
            escape_html(&task.solution_dockerignore)
        ));
    }
    let solution_work = vec![
        task.solution.to_string(),
        task.solution_dockerignore.to_string(),
    ];
    // An exercise about the .dockerignore opens it.
    let ignore_open = exercise
        .checks
        .iter()
        .any(|c| matches!(c, Check::Ignored { .. }))
        || !work0[1].trim().is_empty();
    let initial_context = task.context.join("\n") + "\n";
    Some(view! {
        <ExerciseShell
            lang
            exercise
            html=html.clone()
            start
            tool
            wording=Wording {
                label: shipshape_exercises::words::goal_label,
                problem: shipshape_exercises::words::problem,
            }
            start_work
            solution_work
            solution_html
            use_solution=xt.use_solution
        >
            <div class="lab lab-compact lab-exercise" lang=lang.code()>
                <LabEditor ctx initial_text=work0[0].clone()/>
                // What the next build reruns comes first: most goals are about it.
                <LayersPanel ctx/>
                <ContextPanel
                    ctx
                    initial_context
                    initial_ignore=work0[1].clone()
                    ignore_open
                    fixed_context=true
                    files_label=xt.project_files
                />
                <FindingsPanel ctx fixes=false/>
            </div>
        </ExerciseShell>
    })
}
