//! The capacity calculator: a page of its own and a widget for the guide's `calc` placeholders.
//! Every number comes from `shipshape-capacity`; this module only asks and shows.
//!
//! - `form`: the inputs as typed, to a `Scenario`, to and from the link's query string.
//! - `spec`: the guide's placeholders (short JSON) to a form.
//! - `text`: the labels and messages in three languages.
//! - `web`: the address bar, localStorage, clipboard and placeholders (no-ops on the server).
//! - `exercise`: the calculator in an exercise's page (see `crate::exercise`).
//!
//! Hydration: the server renders the default scenario; the browser renders the same first and
//! applies the link's or the saved scenario in an effect, once hydrated.

pub mod exercise;
pub mod form;
pub mod spec;
pub mod text;
pub(crate) mod web;

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_capacity::{evaluate, BindingResource, CapacityResult, NodeKind, Severity, Source};

use crate::i18n::Lang;
use form::{field_for_path, grouped, plain, DecodeError, FieldError, Form, Kind, Problem, F};
pub use spec::scenario_from_spec;
use spec::{form_from_spec, SpecKind};
use text::{fill, mib, pct, texts, T};

/// Mounts a live calculator into each of the guide's `calc` placeholders on this page.
pub fn mount_widgets(lang: Lang) {
    web::mount_widgets(lang);
}

/// The last result that could be computed, with the target utilization it was computed for.
#[derive(Clone, Debug, PartialEq)]
struct Good {
    result: CapacityResult,
    target_utilization: f64,
}

fn evaluate_form(form: &Form) -> Result<Good, Vec<FieldError>> {
    let scenario = form.to_scenario()?;
    let result = evaluate(&scenario).map_err(|e| {
        let field = field_for_path(form, &e.field);
        vec![FieldError {
            field,
            problem: Problem::Engine(form::in_input_units(form, field, e.detail)),
        }]
    })?;
    Ok(Good {
        result,
        target_utilization: scenario.target_utilization,
    })
}

/// One calculator's state; the page and each widget have their own.
#[derive(Clone, Copy)]
struct Calc {
    t: &'static T,
    form: RwSignal<Form>,
    errors: Memo<Vec<FieldError>>,
    last: Memo<Option<Good>>,
    /// Prefix of element ids, unique on the page.
    prefix: &'static str,
}

impl Calc {
    fn new(lang: Lang, initial: Form, prefix: &'static str) -> Calc {
        let form = RwSignal::new(initial);
        let outcome = Memo::new(move |_| form.with(evaluate_form));
        let errors =
            Memo::new(move |_| outcome.with(|o| o.as_ref().err().cloned().unwrap_or_default()));
        let last = Memo::new(move |prev: Option<&Option<Good>>| {
            outcome.with(|o| match o {
                Ok(good) => Some(good.clone()),
                Err(_) => prev.cloned().flatten(),
            })
        });
        Calc {
            t: texts(lang),
            form,
            errors,
            last,
            prefix,
        }
    }

    fn problem_text(&self, problem: &Problem) -> (String, bool) {
        match problem {
            Problem::NotNumber => (self.t.e_number.to_string(), true),
            Problem::NotWhole => (self.t.e_whole.to_string(), true),
            Problem::Engine(detail) => (text::detail_text(self.t, detail), true),
        }
    }

    fn id(&self, f: F) -> String {
        format!("{}-{}", self.prefix, f.key())
    }

    fn shown(&self, f: F, value: &'static str) -> impl Fn() -> bool + Copy + 'static {
        let form = self.form;
        move || form.with(|x| x.is(f, value))
    }
}

fn kind_word(t: &T, kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Machine => t.k_machine,
        NodeKind::KubernetesNode => t.k_node,
        NodeKind::FargateTask => t.k_task,
        NodeKind::CloudRunInstance => t.k_instance,
    }
}

fn int(v: impl Into<f64>) -> String {
    grouped(v.into(), 0)
}

/// Shows a stored value in the input, and stores what is typed.
type ViewMap = (fn(&str) -> String, fn(&str) -> String);

/// An edit of the form that a suggestion applies.
type Apply = Box<dyn Fn(&mut Form) + Send + Sync>;

/// A number input with its label, unit and error. `map` shows and stores the value through a
/// translation (the widget's replicas are spare containers + 1).
fn num_field(
    c: Calc,
    f: F,
    label: &'static str,
    suffix: Option<&'static str>,
    map: Option<ViewMap>,
) -> impl IntoView {
    let id = c.id(f);
    let err_id = format!("{id}-err");
    let show = move |x: &Form| match map {
        Some((to_view, _)) => to_view(x.get(f)),
        None => x.get(f).to_string(),
    };
    let value = Memo::new(move |_| c.form.with(show));
    let error = Memo::new(move |_| {
        c.errors.with(|es| {
            es.iter()
                .find(|e| e.field == Some(f))
                .map(|e| c.problem_text(&e.problem))
        })
    });
    let initial = c.form.with_untracked(show);
    let optional = matches!(f.kind(), Kind::OptNum | Kind::OptInt);
    let mode = match f.kind() {
        Kind::Int | Kind::OptInt => "numeric",
        Kind::Text => "text",
        _ => "decimal",
    };
    let unit = f.unit().map(|u| unit_select(c, f, u, label));
    view! {
        <div class="calc-field" class:calc-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {label}
                {optional.then(|| view! { <span class="calc-optional">" (" {c.t.optional} ")"</span> })}
            </label>
            <div class="calc-input-row">
                <input
                    id=id
                    type="text"
                    inputmode=mode
                    autocomplete="off"
                    spellcheck="false"
                    value=initial
                    prop:value=move || value.get()
                    aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                    aria-describedby=err_id.clone()
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        let stored = match map {
                            Some((_, to_form)) => to_form(&typed),
                            None => typed,
                        };
                        c.form.update(|x| x.set(f, stored));
                    }
                />
                {unit}
                {suffix.map(|s| view! { <span class="calc-suffix">{s}</span> })}
            </div>
            <p class="calc-error" id=err_id aria-live="polite">
                {move || error.with(|e| e.as_ref().map(|(text, translated)| {
                    // An untranslated engine reason is English: say so to screen readers.
                    let lang = (!translated).then_some("en");
                    view! { <span lang=lang>{text.clone()}</span> }
                }))}
            </p>
        </div>
    }
}

fn unit_select(c: Calc, f: F, u: F, label: &'static str) -> impl IntoView {
    let options = match u.kind() {
        Kind::Choice(o) => o,
        _ => &[][..],
    };
    let current = Memo::new(move |_| c.form.with(|x| x.get(u).to_string()));
    let initial = current.get_untracked();
    let items = options
        .iter()
        .map(|v| {
            let name = match *v {
                "mib" => text::MIB,
                "gib" => text::GIB,
                "cores" => c.t.u_cores,
                _ => c.t.u_m,
            };
            view! {
                <option value=*v selected=initial == *v prop:selected=move || current.with(|x| x == v)>
                    {name}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            class="calc-unit"
            id=c.id(u)
            aria-label=format!("{label}: {}", c.t.unit)
            on:change=move |ev| {
                let unit = event_target_value(&ev);
                c.form.update(|x| x.change_unit(f, &unit));
            }
        >
            {items}
        </select>
    }
}

fn select_field(c: Calc, f: F, label: &'static str, names: Vec<&'static str>) -> impl IntoView {
    let options = match f.kind() {
        Kind::Choice(o) => o,
        _ => &[][..],
    };
    let current = Memo::new(move |_| c.form.with(|x| x.get(f).to_string()));
    let initial = current.get_untracked();
    let id = c.id(f);
    let items = options
        .iter()
        .zip(names)
        .map(|(v, name)| {
            view! {
                <option value=*v selected=initial == *v prop:selected=move || current.with(|x| x == v)>
                    {name}
                </option>
            }
        })
        .collect_view();
    let error = Memo::new(move |_| {
        c.errors.with(|es| {
            es.iter()
                .find(|e| e.field == Some(f))
                .map(|e| c.problem_text(&e.problem).0)
        })
    });
    view! {
        <div class="calc-field" class:calc-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| {
                let v = event_target_value(&ev);
                c.form.update(|x| x.set(f, v));
            }>
                {items}
            </select>
            <p class="calc-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

fn check_field(c: Calc, f: F, label: &'static str) -> impl IntoView {
    let on = Memo::new(move |_| c.form.with(|x| x.is(f, "1")));
    let id = c.id(f);
    view! {
        <div class="calc-field calc-check">
            <input
                type="checkbox"
                id=id.clone()
                checked=on.get_untracked()
                prop:checked=move || on.get()
                on:change=move |ev| {
                    let v = if event_target_checked(&ev) { "1" } else { "0" };
                    c.form.update(|x| x.set(f, v));
                }
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// Errors that belong to no input (or to one the widget does not show).
fn general_errors(c: Calc, only_unplaced: bool, shown: &'static [F]) -> impl IntoView {
    move || {
        c.errors.with(|es| {
            es.iter()
                .filter(|e| !only_unplaced || e.field.is_none_or(|f| !shown.contains(&f)))
                .map(|e| {
                    let (text, translated) = c.problem_text(&e.problem);
                    view! {
                        <p class="calc-error calc-general-error">
                            {c.t.e_other} " "
                            <span lang=(!translated).then_some("en")>{text}</span>
                        </p>
                    }
                })
                .collect_view()
        })
    }
}

/// `/<lang>/calculator/`. The calculator itself (`CalcBody`) is rendered into the page by the
/// server and mounted afresh by the browser (`mount_widgets`), like the guide's widgets, rather
/// than hydrated: the page's HTML is the same either way, and the wasm does not carry hydration
/// code for a form of fifty inputs.
#[component]
pub fn CalculatorPage(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    #[cfg(not(feature = "hydrate"))]
    let body = view! { <CalcBody lang/> }.to_html();
    // In the browser the server's HTML stays until `mount_widgets` replaces it.
    #[cfg(feature = "hydrate")]
    let body = String::new();
    view! {
        <div class="tool-page calc-page">
            <h1>{s.calculator}</h1>
            <p class="lead">{s.calculator_description}</p>
            <div id="calc-root" inner_html=body></div>
        </div>
    }
}

/// The calculator: form, result, pictures, configs and trace.
#[component]
pub fn CalcBody(lang: Lang) -> impl IntoView {
    let c = Calc::new(lang, Form::default(), "calc");
    let t = c.t;
    let form = c.form;

    // Once hydrated: the link's scenario, else the saved one, else the default already shown.
    let notice = RwSignal::new(None::<&'static str>);
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        let mut message = None;
        let loaded = match Form::decode(&web::query()) {
            Ok(Some(f)) => Some(f),
            Ok(None) => match web::saved().map(|saved| Form::decode(&saved)) {
                Some(Ok(f)) => f,
                Some(Err(_)) => {
                    message = Some(t.bad_saved);
                    web::save("");
                    None
                }
                None => None,
            },
            Err(DecodeError::TooLong) => {
                message = Some(t.long_link);
                None
            }
            Err(DecodeError::Malformed) => {
                message = Some(t.bad_link);
                None
            }
        };
        if let Some(f) = loaded {
            form.set(f);
        }
        notice.set(message);
        ready.set(true);
    });
    // Every change after that goes to the address bar and to localStorage.
    Effect::new(move |prev: Option<String>| {
        let query = form.with(Form::encode);
        if ready.get() && prev.as_deref().is_some_and(|p| p != query) {
            web::replace_query(&query);
            web::save(&query);
        }
        query
    });
    let reset = move |_| {
        form.set(Form::default());
        notice.set(None);
        web::replace_query("");
        web::save("");
    };

    let not_single = move || !form.with(|x| x.is(F::Server, "single"));
    let wm = move |v: &'static str| c.shown(F::WorkersMode, v);
    let gunicorn = move || form.with(|x| x.is(F::Server, "gunicorn") || x.is(F::Server, "preload"));
    let target = move |v: &'static str| c.shown(F::Target, v);
    let custom_node = c.shown(F::NodeType, "custom");
    let mut node_names = vec![t.nt_custom];
    node_names.extend(form::NODE_TYPES.iter().skip(1));

    view! {
        <div class="calc-body">
            <p class="calc-notice" role="status" hidden=move || notice.with(Option::is_none)>
                {move || notice.get()}
            </p>
            <div class="calc">
                <form class="calc-form" aria-labelledby="calc-form-title" on:submit=|ev| ev.prevent_default()>
                    <h2 id="calc-form-title">{t.form_title}</h2>
                    {general_errors(c, true, &[])}
                    <fieldset>
                        <legend>{t.sec_app}</legend>
                        {num_field(c, F::ProcessMem, t.process_mem, None, None)}
                        <p class="calc-hint">{t.process_mem_hint}</p>
                        {num_field(c, F::ModelMem, t.model_mem, None, None)}
                        {num_field(c, F::ManagerMem, t.manager_mem, Some(text::MIB), None)}
                        {select_field(c, F::Framework, t.framework, vec![t.fw_none, t.fw_numpy, t.fw_pytorch, t.fw_pytorch_cuda])}
                        <div hidden=c.shown(F::Framework, "none")>
                            {num_field(c, F::Omp, t.omp, None, None)}
                        </div>
                        {num_field(c, F::CpuMs, t.cpu_ms, Some(text::MS), None)}
                        {num_field(c, F::LatencyMs, t.latency_ms, Some(text::MS), None)}
                    </fieldset>
                    <fieldset>
                        <legend>{t.sec_server}</legend>
                        {select_field(c, F::Server, t.server, vec![t.srv_uvicorn, t.srv_gunicorn, t.srv_preload, t.srv_single])}
                        <div hidden=move || !gunicorn()>
                            {select_field(c, F::WorkerClass, t.worker_class, vec![t.wc_uvicorn, t.wc_asgi, t.wc_sync])}
                        </div>
                        <div hidden=move || !c.shown(F::Server, "preload")()>
                            {num_field(c, F::Shared, t.shared, Some("%"), None)}
                        </div>
                        <p class="calc-hint" hidden=not_single>{t.single_note}</p>
                    </fieldset>
                    <fieldset hidden=move || !not_single()>
                        <legend>{t.sec_workers}</legend>
                        {select_field(c, F::WorkersMode, t.workers_mode, vec![t.wm_fixed, t.wm_default, t.wm_gunicorn, t.wm_legacy])}
                        <div hidden=move || !wm("fixed")()>
                            {num_field(c, F::Workers, t.workers, None, None)}
                        </div>
                        <div hidden=move || !(wm("default")() || wm("legacy")())>
                            {num_field(c, F::WebConcurrency, t.web_concurrency, None, None)}
                        </div>
                        <div hidden=move || !(wm("gunicorn")() || wm("legacy")())>
                            {select_field(c, F::CoresSource, t.cores_source, vec![t.cs_host, t.cs_limit])}
                        </div>
                        <div hidden=move || !wm("legacy")()>
                            {num_field(c, F::WorkersPerCore, t.workers_per_core, None, None)}
                            {num_field(c, F::MaxWorkers, t.max_workers, None, None)}
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t.sec_container}</legend>
                        {num_field(c, F::MemLimit, t.mem_limit, None, None)}
                        {num_field(c, F::CpuLimit, t.cpu_limit, None, None)}
                        {num_field(c, F::CpuRequest, t.cpu_request, None, None)}
                        <div hidden=move || !c.form.with(|x| x.get(F::MemLimit).trim().is_empty())>
                            {num_field(c, F::Headroom, t.headroom, Some("%"), None)}
                            <p class="calc-hint">{t.headroom_hint}</p>
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t.sec_target}</legend>
                        {select_field(c, F::Target, t.target, vec![t.t_machine, t.t_k8s, text::T_FARGATE, text::T_FARGATE_EKS, text::T_CLOUDRUN])}
                        <div hidden=move || !target("machine")()>
                            {num_field(c, F::MachineCores, t.machine_cores, Some(t.u_cores), None)}
                            {num_field(c, F::MachineMem, t.machine_mem, None, None)}
                            {num_field(c, F::MachineReserved, t.machine_reserved, None, None)}
                        </div>
                        <div hidden=move || !target("k8s")()>
                            {select_field(c, F::NodeType, t.node_type, node_names)}
                            <div hidden=move || !custom_node()>
                                {num_field(c, F::NodeCores, t.node_cores, Some(t.u_cores), None)}
                                {num_field(c, F::NodeMem, t.node_mem, None, None)}
                            </div>
                            {select_field(c, F::Reservation, t.reservation, vec![t.rs_none, t.rs_kubelet, t.rs_gke, t.rs_eks, t.rs_aks, t.rs_aks_pre129, t.rs_custom])}
                            <div hidden=move || !(c.shown(F::Reservation, "aks")() || c.shown(F::Reservation, "aks_pre129")())>
                                {select_field(c, F::AksNetwork, t.aks_network, vec![t.an_overlay, t.an_node_subnet, t.an_kubenet])}
                                <p class="calc-hint">{t.aks_network_hint}</p>
                            </div>
                            <div hidden=move || !c.shown(F::Reservation, "custom")()>
                                {num_field(c, F::KubeCpu, t.kube_cpu, None, None)}
                                {num_field(c, F::KubeMem, t.kube_mem, None, None)}
                                {num_field(c, F::SysCpu, t.sys_cpu, None, None)}
                                {num_field(c, F::SysMem, t.sys_mem, None, None)}
                                {num_field(c, F::Eviction, t.eviction, None, None)}
                            </div>
                            {num_field(c, F::MaxPods, t.max_pods, None, None)}
                            {num_field(c, F::DsCpu, t.ds_cpu, None, None)}
                            {num_field(c, F::DsMem, t.ds_mem, None, None)}
                            {num_field(c, F::DsPods, t.ds_pods, None, None)}
                            {num_field(c, F::NodeCount, t.node_count, None, None)}
                            {check_field(c, F::Hpa, t.hpa)}
                        </div>
                        <div hidden=move || !target("fargate")()>
                            {num_field(c, F::FargateVcpu, t.fargate_vcpu, None, None)}
                            {num_field(c, F::FargateGb, t.fargate_gb, None, None)}
                        </div>
                        <p class="calc-hint" hidden=move || !target("fargate_eks")()>{t.fargate_eks_note}</p>
                        <div hidden=move || !target("cloudrun")()>
                            {num_field(c, F::RunVcpu, t.run_vcpu, None, None)}
                            {num_field(c, F::RunMem, t.run_mem, Some(text::MIB), None)}
                            {num_field(c, F::RunConcurrency, t.run_concurrency, None, None)}
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t.sec_traffic}</legend>
                        {num_field(c, F::Rps, t.rps, Some(t.u_rps), None)}
                        {num_field(c, F::Util, t.util, Some("%"), None)}
                        {num_field(c, F::Redundancy, t.redundancy, None, None)}
                    </fieldset>
                    <fieldset>
                        <legend>{t.sec_deploy}</legend>
                        {num_field(c, F::DeployName, t.deploy_name, None, None)}
                        {num_field(c, F::Image, t.image, None, None)}
                        {num_field(c, F::Module, t.module, None, None)}
                        {num_field(c, F::Port, t.port, None, None)}
                    </fieldset>
                    <div class="calc-actions">
                        <button type="button" class="calc-button" on:click=reset>{t.reset}</button>
                        <p class="calc-hint">{t.share_note}</p>
                    </div>
                </form>
                <section class="calc-results" aria-labelledby="calc-results-title">
                    <h2 id="calc-results-title">{t.results}</h2>
                    <p class="calc-stale" role="status" hidden=move || c.errors.with(Vec::is_empty)>{t.stale}</p>
                    <div class="calc-result-body" class:calc-is-stale=move || !c.errors.with(Vec::is_empty)>
                        {move || c.last.with(|g| g.as_ref().map(|g| verdict(c, g, false)))}
                        {move || c.last.with(|g| g.as_ref().map(|g| fixes(c, g)))}
                        {move || c.last.with(|g| g.as_ref().map(|g| memory_picture(c, &g.result)))}
                        {move || c.last.with(|g| g.as_ref().map(|g| cpu_picture(c, g)))}
                        {move || c.last.with(|g| g.as_ref().map(|g| numbers(c, &g.result, false)))}
                        {move || c.last.with(|g| g.as_ref().map(|g| warnings(c, &g.result)))}
                    </div>
                </section>
            </div>
            {configs(c)}
            {trace(c)}
        </div>
    }
}

fn verdict(c: Calc, g: &Good, compact: bool) -> impl IntoView {
    let t = c.t;
    let r = &g.result;
    let m = &r.memory;
    let word = kind_word(t, r.node.kind);
    let detail = if r.fits {
        fill(
            t.fits_detail,
            &[
                &int(r.containers_needed as f64),
                &int(r.workers_per_container),
                &mib(m.per_container_mib),
                &int(r.nodes_needed as f64),
                word,
            ],
        )
    } else {
        fill(
            t.not_fit_detail,
            &[&int(r.workers_per_container), &mib(m.per_container_mib)],
        )
    };
    let container = if m.container_headroom_mib >= 0.0 {
        fill(t.headroom_container, &[&mib(m.container_headroom_mib)])
    } else {
        fill(t.over_container, &[&mib(-m.container_headroom_mib)])
    };
    let node = (!compact).then(|| {
        view! { <p>{fill(t.headroom_node, &[word, &mib(m.node_headroom_mib)])}</p> }
    });
    view! {
        <div class="calc-verdict" class:calc-fits=r.fits class:calc-nofit=!r.fits data-fits=r.fits.to_string()>
            <p class="calc-verdict-title">
                <span class="calc-verdict-icon" aria-hidden="true">{if r.fits { "✓" } else { "✗" }}</span>
                {if r.fits { t.fits } else { t.not_fit }}
            </p>
            <p>{detail}</p>
            <p>{container}</p>
            {node}
        </div>
    }
}

/// "What would fit", with a button that applies each suggestion.
fn fixes(c: Calc, g: &Good) -> Option<impl IntoView> {
    let t = c.t;
    let sug = g.result.suggestion.as_ref()?;
    let word = kind_word(t, g.result.node.kind);
    let mut items: Vec<(String, Apply)> = Vec::new();
    if let Some(n) = sug.max_workers_that_fit {
        items.push((
            fill(t.fix_workers, &[&int(n)]),
            Box::new(move |f: &mut Form| {
                f.set(F::WorkersMode, "fixed");
                f.set(F::Workers, n.to_string());
            }),
        ));
    }
    if let Some(limit) = sug.container_memory_limit_mib {
        items.push((
            fill(t.fix_limit, &[&mib(limit)]),
            Box::new(move |f: &mut Form| f.set_mib(F::MemLimit, limit)),
        ));
    }
    if let Some(memory) = sug.target_memory_mib {
        items.push((
            fill(t.fix_memory, &[word, &mib(memory)]),
            Box::new(move |f: &mut Form| {
                if f.is(F::Target, "k8s") {
                    f.set_mib(F::NodeMem, memory);
                } else if f.is(F::Target, "cloudrun") {
                    f.set(F::RunMem, plain(memory, 0));
                } else {
                    f.set_mib(F::MachineMem, memory);
                }
            }),
        ));
    }
    if let Some(node) = sug.node_type.clone() {
        items.push((
            fill(t.fix_node, &[&node]),
            Box::new(move |f: &mut Form| f.set(F::NodeType, node.clone())),
        ));
    }
    if let Some((vcpu, gb)) = sug.fargate_size {
        items.push((
            fill(t.fix_fargate, &[&plain(vcpu, 2), &plain(gb, 1)]),
            Box::new(move |f: &mut Form| {
                f.set(F::FargateVcpu, plain(vcpu, 2));
                f.set(F::FargateGb, plain(gb, 1));
            }),
        ));
    }
    let none = items.is_empty().then(|| view! { <p>{t.fix_none}</p> });
    let list = items
        .into_iter()
        .map(|(label, apply)| {
            view! {
                <li>
                    <span>{label}</span>
                    " "
                    <button type="button" class="calc-button calc-apply" on:click=move |_| c.form.update(|f| apply(f))>
                        {t.apply}
                    </button>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <div class="calc-fix">
            <h3>{t.fix_title}</h3>
            {none}
            <ul>{list}</ul>
        </div>
    })
}

/// One machine or node's memory as a stacked bar: reserved, DaemonSets, each of our containers
/// (manager, shared, each worker, unused limit) and what is left, against its capacity.
fn memory_picture(c: Calc, r: &CapacityResult) -> impl IntoView {
    let t = c.t;
    let node = &r.node;
    let m = &r.memory;
    let word = kind_word(t, node.kind);
    let cap = node.capacity_memory_mib.max(1.0);
    let on_node = if r.containers_per_node == 0 {
        1
    } else {
        r.containers_per_node.min(r.containers_needed.max(1))
    };
    // (class, MiB, legend text or empty for repeated pieces)
    let mut segs: Vec<(&'static str, f64, String)> = Vec::new();
    let reserved = node.reserved_memory_mib + node.eviction_memory_mib;
    if reserved > 0.0 {
        segs.push((
            "calc-seg-reserved",
            reserved,
            format!("{}: {}", t.seg_reserved, mib(reserved)),
        ));
    }
    if node.daemonset_memory_mib > 0.0 {
        segs.push((
            "calc-seg-ds",
            node.daemonset_memory_mib,
            format!("{}: {}", t.seg_ds, mib(node.daemonset_memory_mib)),
        ));
    }
    let slack = (m.limit_mib - m.per_container_mib).max(0.0);
    let workers = u64::from(r.workers_per_container);
    if on_node * workers <= 24 {
        for k in 0..on_node {
            let first = k == 0;
            let legend = |s: String| if first { s } else { String::new() };
            if m.manager_mib > 0.0 {
                segs.push((
                    "calc-seg-manager",
                    m.manager_mib,
                    legend(format!("{}: {}", t.seg_manager, mib(m.manager_mib))),
                ));
            }
            if m.shared_mib > 0.0 {
                segs.push((
                    "calc-seg-shared",
                    m.shared_mib,
                    legend(format!("{}: {}", t.seg_shared, mib(m.shared_mib))),
                ));
            }
            for w in 0..workers {
                let text = if w == 0 {
                    legend(format!(
                        "{} × {}: {}",
                        t.seg_worker,
                        int(workers as f64 * on_node as f64),
                        mib(m.private_per_worker_mib)
                    ))
                } else {
                    String::new()
                };
                segs.push(("calc-seg-worker", m.private_per_worker_mib, text));
            }
            if slack > 0.0 {
                segs.push((
                    "calc-seg-slack",
                    slack,
                    legend(format!("{}: {}", t.seg_slack, mib(slack))),
                ));
            }
        }
    } else {
        let each = m.limit_mib.max(m.per_container_mib);
        segs.push((
            "calc-seg-worker",
            each * on_node as f64,
            format!(
                "{}: {}",
                fill(t.seg_workers_many, &[&int(on_node as f64)]),
                mib(each * on_node as f64)
            ),
        ));
    }
    let used: f64 = segs.iter().map(|s| s.1).sum();
    let total = used.max(cap);
    let scale = 1000.0 / total;
    let mut x = 0.0;
    let rects = segs
        .iter()
        .map(|(class, v, _)| {
            let w = v * scale;
            let rect = view! { <rect class=*class x=plain(x, 2) y="4" width=plain(w.max(0.5), 2) height="32" vector-effect="non-scaling-stroke"/> };
            x += w;
            rect
        })
        .collect_view();
    let over = used > cap + 0.5;
    let free = (cap - used).max(0.0);
    let tail = if over {
        let cx = cap * scale;
        Either::Left(view! {
            <rect class="calc-seg-over" x=plain(cx, 2) y="1" width=plain(1000.0 - cx, 2) height="38" vector-effect="non-scaling-stroke"/>
            <line class="calc-cap-line" x1=plain(cx, 2) x2=plain(cx, 2) y1="0" y2="40" vector-effect="non-scaling-stroke"/>
        })
    } else {
        Either::Right(
            view! { <rect class="calc-seg-free" x=plain(x, 2) y="4" width=plain(free * scale, 2) height="32" vector-effect="non-scaling-stroke"/> },
        )
    };
    let mut legend: Vec<(&'static str, String)> = segs
        .into_iter()
        .filter(|s| !s.2.is_empty())
        .map(|(class, _, text)| (class, text))
        .collect();
    if over {
        legend.push(("calc-seg-over", fill(t.seg_over, &[&mib(used - cap)])));
    } else {
        legend.push(("calc-seg-free", format!("{}: {}", t.seg_free, mib(free))));
    }
    let label = fill(t.mem_picture_label, &[word, &mib(used), &mib(cap)]);
    let legend = legend
        .into_iter()
        .map(|(class, text)| {
            view! {
                <li><span class=format!("calc-swatch {class}") aria-hidden="true"></span>{text}</li>
            }
        })
        .collect_view();
    view! {
        <figure class="calc-picture calc-memory" data-over=over.to_string()>
            <figcaption>
                {fill(t.mem_picture, &[word])}
                " · " {t.capacity} ": " {mib(node.capacity_memory_mib)}
                " (" {text::node_label(t, node)} ")"
            </figcaption>
            <svg class="calc-bar" viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label=label>
                <rect class="calc-track" x="0" y="4" width="1000" height="32" vector-effect="non-scaling-stroke"/>
                {rects}
                {tail}
            </svg>
            <ul class="calc-legend">{legend}</ul>
        </figure>
    }
}

/// CPU in use on the nodes needed, and the target, against the usual 50-90% band.
fn cpu_picture(c: Calc, g: &Good) -> impl IntoView {
    let t = c.t;
    let r = &g.result;
    let used = r.cpu.utilization_per_node.clamp(0.0, 1.0);
    let target = g.target_utilization.clamp(0.0, 1.0);
    let word = kind_word(t, r.node.kind);
    let label = format!(
        "{}: {}; {}; {}",
        fill(t.cpu_picture, &[word]),
        fill(t.cpu_in_use, &[&pct(r.cpu.utilization_per_node)]),
        fill(t.cpu_target, &[&pct(g.target_utilization)]),
        t.cpu_band
    );
    view! {
        <figure class="calc-picture calc-cpu">
            <figcaption>{fill(t.cpu_picture, &[word])}</figcaption>
            <svg class="calc-bar" viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label=label>
                <rect class="calc-track" x="0" y="4" width="1000" height="32" vector-effect="non-scaling-stroke"/>
                <rect class="calc-band" x="500" y="4" width="400" height="32" vector-effect="non-scaling-stroke"/>
                <rect class="calc-use" x="0" y="12" width=plain(used * 1000.0, 2) height="16" vector-effect="non-scaling-stroke"/>
                <line class="calc-target" x1=plain(target * 1000.0, 2) x2=plain(target * 1000.0, 2) y1="0" y2="40" vector-effect="non-scaling-stroke"/>
            </svg>
            <ul class="calc-legend">
                <li><span class="calc-swatch calc-use" aria-hidden="true"></span>{fill(t.cpu_in_use, &[&pct(r.cpu.utilization_per_node)])}</li>
                <li><span class="calc-swatch calc-target-swatch" aria-hidden="true"></span>{fill(t.cpu_target, &[&pct(g.target_utilization)])}</li>
                <li><span class="calc-swatch calc-band" aria-hidden="true"></span>{t.cpu_band}</li>
            </ul>
        </figure>
    }
}

fn numbers(c: Calc, r: &CapacityResult, compact: bool) -> impl IntoView {
    let t = c.t;
    let m = &r.memory;
    let n = &r.node;
    let word = kind_word(t, n.kind);
    let cores = |millicores: f64| format!("{} {}", grouped(millicores / 1000.0, 2), t.u_cores);
    let mut rows: Vec<(String, String)> = vec![
        (t.n_workers.into(), int(r.workers_per_container)),
        (t.n_mem_container.into(), mib(m.per_container_mib)),
        (
            if m.limit_given {
                t.n_limit
            } else {
                t.n_limit_proposed
            }
            .into(),
            mib(m.limit_mib),
        ),
        (
            t.n_containers.into(),
            format!(
                "{} ({} + {})",
                int(r.containers_needed as f64),
                int(r.containers_serving as f64),
                int(r.spare_containers as f64)
            ),
        ),
        (t.n_nodes.into(), int(r.nodes_needed as f64)),
    ];
    if !compact {
        rows.extend([
            (fill(t.n_mem_node, &[word]), mib(m.per_node_mib)),
            (fill(t.n_alloc_mem, &[word]), mib(n.available_memory_mib)),
            (
                fill(t.n_alloc_cpu, &[word]),
                cores(n.available_cpu_millicores),
            ),
            (t.n_cores.into(), grouped(r.cpu.cores_needed, 2)),
            (
                t.n_processes.into(),
                int(r.cpu.worker_processes_needed as f64),
            ),
            (
                t.n_binding.into(),
                match r.binding_resource {
                    BindingResource::Memory => t.b_memory,
                    BindingResource::Cpu => t.b_cpu,
                    BindingResource::Pods => t.b_pods,
                }
                .into(),
            ),
            (t.n_qos.into(), format!("{:?}", r.qos_class)),
            (fill(t.n_mem_util, &[word]), pct(m.utilization_per_node)),
        ]);
        if r.containers_per_node > 0 {
            rows.push((
                fill(t.n_stranded, &[word]),
                format!(
                    "{} · {}",
                    text::cores(t, r.stranded.cpu_millicores_per_node / 1000.0),
                    mib(r.stranded.memory_mib_per_node)
                ),
            ));
        }
    }
    let rows = rows
        .into_iter()
        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view();
    view! { <dl class="calc-numbers">{rows}</dl> }
}

fn warnings(c: Calc, r: &CapacityResult) -> Option<impl IntoView> {
    let t = c.t;
    if r.warnings.is_empty() {
        return None;
    }
    let items = r
        .warnings
        .iter()
        .map(|w| {
            let class = match w.severity {
                Severity::Error => "calc-w-error",
                Severity::Warning => "calc-w-warning",
                Severity::Info => "calc-w-info",
            };
            view! { <li class=class data-code=format!("{:?}", w.code)>{text::warning_text(t, w)}</li> }
        })
        .collect_view();
    Some(view! {
        <div class="calc-warnings">
            <h3>{t.warnings}</h3>
            <ul>{items}</ul>
        </div>
    })
}

type ConfigGetter = fn(&shipshape_capacity::Configs) -> Option<&str>;

const CONFIGS: [(&str, ConfigGetter); 8] = [
    ("uvicorn", |c| Some(&c.uvicorn_command)),
    ("fastapi run", |c| Some(&c.fastapi_run_command)),
    ("gunicorn", |c| Some(&c.gunicorn_command)),
    ("gunicorn_conf.py", |c| Some(&c.gunicorn_conf_py)),
    ("docker run", |c| Some(&c.docker_run)),
    ("Compose", |c| Some(&c.compose_service)),
    ("Deployment", |c| Some(&c.kubernetes_deployment)),
    ("HPA", |c| c.kubernetes_hpa.as_deref()),
];

fn configs(c: Calc) -> impl IntoView {
    let t = c.t;
    let chosen = RwSignal::new(0usize);
    let copy_label = RwSignal::new(t.copy);
    let code = Memo::new(move |_| {
        c.last.with(|g| {
            g.as_ref()
                .and_then(|g| (CONFIGS[chosen.get()].1)(&g.result.configs).map(str::to_string))
                .unwrap_or_default()
        })
    });
    let tabs = CONFIGS
        .iter()
        .enumerate()
        .map(|(i, (name, get))| {
            let available = move || {
                c.last
                    .with(|g| g.as_ref().is_some_and(|g| get(&g.result.configs).is_some()))
            };
            view! {
                <button
                    type="button"
                    class="calc-tab"
                    hidden=move || !available()
                    aria-pressed=move || (chosen.get() == i).to_string()
                    on:click=move |_| chosen.set(i)
                >
                    {*name}
                </button>
            }
        })
        .collect_view();
    let copy = move |_| {
        let text = code.get_untracked();
        crate::browser::copy_text(&text, move |ok| {
            copy_label.set(if ok { t.copied } else { t.copy_failed });
        });
    };
    view! {
        <section class="calc-configs" aria-labelledby="calc-configs-title">
            <h2 id="calc-configs-title">{t.configs}</h2>
            <div class="calc-tabs" role="group" aria-label=t.configs>{tabs}</div>
            <div class="code-block calc-config">
                <button class="copy calc-copy" type="button" on:click=copy on:blur=move |_| copy_label.set(t.copy)>
                    {move || copy_label.get()}
                </button>
                <pre tabindex="0"><code>{move || code.get()}</code></pre>
            </div>
        </section>
    }
}

fn trace(c: Calc) -> impl IntoView {
    let t = c.t;
    let steps = move || {
        c.last.with(|g| {
            g.as_ref().map(|g| {
                g.result
                    .trace
                    .iter()
                    .map(|s| {
                        view! {
                            <li data-kind=s.step.kind()>
                                <span class="calc-topic">{text::topic_text(t, s.topic)}</span>
                                " " {text::step_text(t, &s.step, &g.result)}
                                <span class="calc-source">
                                    {text::source_text(t, s.source_id)}
                                    {source_links(s.source_id)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <details class="calc-trace">
            <summary>{t.trace}</summary>
            <p class="calc-hint">{t.trace_note}</p>
            <ol>{steps}</ol>
        </details>
    }
}

/// Links to a source's public pages, each named by its site ("learn.microsoft.com"), so the
/// words need no translation.
fn source_links(source: Source) -> impl IntoView {
    source
        .urls()
        .iter()
        .map(|url| {
            view! {
                " "
                <a class="calc-source-link" href=*url rel="noopener">{text::site_of(url)}</a>
            }
        })
        .collect_view()
}

fn replicas_from_spares(spares: &str) -> String {
    match form::parse_number(spares) {
        Some(k) if k.fract() == 0.0 && k >= 0.0 => plain(k + 1.0, 0),
        _ => spares.to_string(),
    }
}

fn spares_from_replicas(replicas: &str) -> String {
    match form::parse_number(replicas) {
        Some(n) if n.fract() == 0.0 && n >= 1.0 => plain(n - 1.0, 0),
        // 0 or less: the engine's range error on the spares shows under this input.
        Some(n) if n.fract() == 0.0 => plain(n - 1.0, 0),
        _ => replicas.to_string(),
    }
}

/// An example from the guide, live: the scenario of a ```calc placeholder (`spec`), a few
/// inputs to change, the verdict and the memory picture, and a link to the full calculator.
#[component]
pub fn CalcWidget(lang: Lang, spec: String, #[prop(optional)] index: usize) -> impl IntoView {
    let t = texts(lang);
    let (kind, initial) = match form_from_spec(&spec) {
        Ok(ok) => ok,
        Err(e) => {
            return Either::Left(view! {
                <p class="calc-error calc-general-error">{t.widget_error} " " <span lang="en">{e}</span></p>
            })
        }
    };
    let prefix: &'static str = Box::leak(format!("calcw{index}").into_boxed_str());
    let c = Calc::new(lang, initial, prefix);
    let shown: &'static [F] = match kind {
        SpecKind::ModelDoesNotFit => &[F::Workers, F::ModelMem, F::MachineMem],
        SpecKind::UtilizationBand => &[F::Util, F::Rps],
        SpecKind::OneProcessPerContainer => &[F::Redundancy, F::ProcessMem],
        SpecKind::LegacyImageHostCores => &[
            F::MachineCores,
            F::WorkersPerCore,
            F::ProcessMem,
            F::MemLimit,
        ],
    };
    let inputs = shown
        .iter()
        .map(|f| match f {
            F::Workers => num_field(c, *f, t.workers, None, None),
            F::ModelMem => num_field(c, *f, t.model_mem, None, None),
            F::MachineMem => num_field(c, *f, t.machine_mem, None, None),
            F::Util => num_field(c, *f, t.util, Some("%"), None),
            F::Rps => num_field(c, *f, t.rps, Some(t.u_rps), None),
            F::Redundancy => num_field(
                c,
                *f,
                t.replicas,
                None,
                Some((replicas_from_spares, spares_from_replicas)),
            ),
            F::ProcessMem => num_field(c, *f, t.process_mem, None, None),
            F::MachineCores => num_field(c, *f, t.machine_cores, Some(t.u_cores), None),
            F::WorkersPerCore => num_field(c, *f, t.workers_per_core, None, None),
            _ => num_field(c, *f, t.mem_limit, None, None),
        })
        .collect_view();
    let href = move || {
        let query = c.form.with(Form::encode);
        let base = format!("/{}/calculator/", lang.code());
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    };
    let band = kind == SpecKind::UtilizationBand;
    Either::Right(view! {
        <div class="calc-widget" lang=lang.code()>
            <div class="calc-widget-inputs">{inputs}</div>
            <div class="calc-widget-result" class:calc-is-stale=move || !c.errors.with(Vec::is_empty)>
                {general_errors(c, true, shown)}
                {move || c.last.with(|g| g.as_ref().map(|g| verdict(c, g, true)))}
                {move || c.last.with(|g| g.as_ref().map(|g| if band {
                    Either::Left(cpu_picture(c, g))
                } else {
                    Either::Right(memory_picture(c, &g.result))
                }))}
                {move || c.last.with(|g| g.as_ref().map(|g| numbers(c, &g.result, true)))}
                {move || c.last.with(|g| g.as_ref().map(|g| fixes(c, g)))}
            </div>
            <p class="calc-open"><a href=href>{t.open_full} " →"</a></p>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicas_map_to_spares_and_back() {
        assert_eq!(replicas_from_spares("2"), "3");
        assert_eq!(spares_from_replicas("3"), "2");
        assert_eq!(spares_from_replicas("0"), "-1");
        assert_eq!(spares_from_replicas("x"), "x");
        assert_eq!(replicas_from_spares("x"), "x");
    }

    #[test]
    fn the_default_form_evaluates_to_the_guides_verdict() {
        let good = evaluate_form(&Form::default()).unwrap();
        assert!(!good.result.fits);
        assert!(matches!(
            form::Form::default().to_scenario().unwrap().target,
            shipshape_capacity::Target::Machine { .. }
        ));
        let mut bad = Form::default();
        bad.set(F::ProcessMem, "-100");
        let errors = evaluate_form(&bad).unwrap_err();
        assert_eq!(errors[0].field, Some(F::ProcessMem));
    }
}
