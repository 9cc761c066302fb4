//! The Dockerfile lab: an editor whose findings and layer view come from `shipshape-dockerfile`
//! as the reader types. This module only asks the engine and shows its answers; everything the
//! reader types is shown as text, never as markup.
//!
//! Like the calculator, it lives in the tools bundle only: the main bundle renders
//! `<div id="lab-root">` with the server's markup and never refers to this module.

use leptos::prelude::*;
use shipshape_dockerfile::{
    apply_fix, fix_title, lint_source, message_text, parse, plan, BuildContext, Changes, Cost,
    Finding, LintOptions, RebuildPlan, RuleSeverity, StepPlan, StepStatus,
};

use crate::i18n::Lang;

/// The guide's first example: the whole project copied before the dependencies are installed.
pub const COPY_FIRST: &str = "FROM python:3.13-slim
WORKDIR /code
COPY . /code
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

/// The same image with the requirements copied and installed first.
pub const REQUIREMENTS_FIRST: &str = "FROM python:3.13-slim
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
COPY ./app /code/app
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

/// The build context's files at first, one per line.
pub const DEFAULT_CONTEXT: &str = "requirements.txt\napp/__init__.py\napp/main.py\n";

/// The file marked changed at first.
pub const DEFAULT_CHANGED: &str = "app/main.py";

/// The presets: (key, Dockerfile). Their names are in [`LabText::presets`], in the same order.
pub const PRESETS: [(&str, &str); 2] = [
    ("fastapi-copy-first", COPY_FIRST),
    ("fastapi-requirements-first", REQUIREMENTS_FIRST),
];

/// The lab's own words, in one language.
pub struct LabText {
    pub editor: &'static str,
    pub preset: &'static str,
    pub presets: [&'static str; 2],
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub fix: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    pub context: &'static str,
    pub context_files: &'static str,
    pub context_hint: &'static str,
    pub changed: &'static str,
    pub layers: &'static str,
    pub stage: &'static str,
    pub cached: &'static str,
    pub rebuilt: &'static str,
    pub not_built: &'static str,
    pub heavy: &'static str,
    pub no_stages: &'static str,
}

const EN: LabText = LabText {
    editor: "Dockerfile",
    preset: "Example",
    presets: ["FastAPI, COPY . first", "FastAPI, requirements first"],
    findings: "Findings",
    no_findings: "No findings: every rule passes.",
    fix: "Fix",
    error: "Error",
    warning: "Warning",
    info: "Info",
    context: "Build context",
    context_files: "Files in the context, one per line",
    context_hint: "Check the files you edit to see what the next build reruns.",
    changed: "Changed since the last build",
    layers: "What the next build does",
    stage: "Stage",
    cached: "cached",
    rebuilt: "rebuilt",
    not_built: "not built",
    heavy: "heavy",
    no_stages: "The Dockerfile has no FROM, so there is no stage to build.",
};

const KO: LabText = LabText {
    editor: "Dockerfile",
    preset: "예제",
    presets: ["FastAPI, COPY . 먼저", "FastAPI, requirements 먼저"],
    findings: "발견 사항",
    no_findings: "발견 사항이 없습니다. 모든 규칙을 통과했습니다.",
    fix: "고치기",
    error: "오류",
    warning: "경고",
    info: "정보",
    context: "빌드 컨텍스트",
    context_files: "컨텍스트의 파일(한 줄에 하나씩)",
    context_hint: "수정할 파일에 체크하면 다음 빌드에서 무엇이 다시 실행되는지 보입니다.",
    changed: "지난 빌드 이후 바뀐 파일",
    layers: "다음 빌드에서 일어나는 일",
    stage: "스테이지",
    cached: "캐시 사용",
    rebuilt: "다시 빌드",
    not_built: "빌드 안 함",
    heavy: "무거운 단계",
    no_stages: "Dockerfile에 FROM이 없어서 빌드할 스테이지가 없습니다.",
};

const JA: LabText = LabText {
    editor: "Dockerfile",
    preset: "例",
    presets: ["FastAPI、COPY . が先", "FastAPI、requirements が先"],
    findings: "指摘",
    no_findings: "指摘はありません。すべてのルールを満たしています。",
    fix: "修正",
    error: "エラー",
    warning: "警告",
    info: "情報",
    context: "ビルドコンテキスト",
    context_files: "コンテキストのファイル（1 行に 1 つ）",
    context_hint:
        "編集するファイルにチェックを入れると、次のビルドで何が再実行されるかがわかります。",
    changed: "前回のビルドから変わったファイル",
    layers: "次のビルドで起きること",
    stage: "ステージ",
    cached: "キャッシュ",
    rebuilt: "再ビルド",
    not_built: "ビルドしない",
    heavy: "重いステップ",
    no_stages: "Dockerfile に FROM がないため、ビルドするステージがありません。",
};

pub fn texts(lang: Lang) -> &'static LabText {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
        Lang::Ja => &JA,
    }
}

/// "line 3", "3행", "3行目".
pub fn line_label(lang: Lang, line: u32) -> String {
    match lang {
        Lang::En => format!("line {line}"),
        Lang::Ko => format!("{line}행"),
        Lang::Ja => format!("{line}行目"),
    }
}

/// The engine's language for the app's.
fn engine_lang(lang: Lang) -> shipshape_dockerfile::Lang {
    match lang {
        Lang::En => shipshape_dockerfile::Lang::En,
        Lang::Ko => shipshape_dockerfile::Lang::Ko,
        Lang::Ja => shipshape_dockerfile::Lang::Ja,
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

/// The findings for `source`, with the context the reader described.
pub fn findings_for(source: &str, paths: &[String]) -> Vec<Finding> {
    let options = LintOptions {
        context: Some(BuildContext {
            paths: paths.to_vec(),
            dockerignore: None,
        }),
        disabled: Vec::new(),
    };
    lint_source(source, &options)
}

/// What the next build does after `changed` (only the files still in the context count).
pub fn plan_for(source: &str, paths: &[String], changed: &[String]) -> RebuildPlan {
    let dockerfile = parse(source);
    let context = BuildContext {
        paths: paths.to_vec(),
        dockerignore: None,
    };
    let changes = Changes {
        paths: changed
            .iter()
            .filter(|c| paths.contains(c))
            .cloned()
            .collect(),
        build_args: Vec::new(),
    };
    plan(&dockerfile, &context, &changes, None)
}

/// "Editing app/main.py reruns 1 heavy step: RUN pip install … (line 4)." in `lang`.
pub fn summary(lang: Lang, changed: &[String], plan: &RebuildPlan) -> String {
    let heavy: Vec<&StepPlan> = plan.rebuilt().filter(|s| s.cost == Cost::Heavy).collect();
    let files = changed.join(", ");
    let n = heavy.len();
    let steps = heavy
        .iter()
        .map(|s| format!("{} ({})", s.text, line_label(lang, s.line)))
        .collect::<Vec<_>>();
    match lang {
        Lang::En if changed.is_empty() => {
            "Nothing is marked changed: the whole build comes from the cache.".into()
        }
        Lang::Ko if changed.is_empty() => {
            "바뀐 파일로 표시된 것이 없어서 빌드 전체가 캐시에서 나옵니다.".into()
        }
        Lang::Ja if changed.is_empty() => {
            "変更ありのファイルがないため、ビルド全体がキャッシュから出てきます。".into()
        }
        Lang::En if n == 0 => format!("Editing {files} reruns no heavy step."),
        Lang::Ko if n == 0 => format!("{files}을(를) 고쳐도 무거운 단계는 다시 실행되지 않습니다."),
        Lang::Ja if n == 0 => format!("{files} を編集しても、重いステップは再実行されません。"),
        Lang::En => format!(
            "Editing {files} reruns {n} heavy step{}: {}.",
            if n == 1 { "" } else { "s" },
            steps.join(", ")
        ),
        Lang::Ko => format!(
            "{files}을(를) 고치면 무거운 단계 {n}개가 다시 실행됩니다: {}.",
            steps.join(", ")
        ),
        Lang::Ja => format!(
            "{files} を編集すると、重いステップが {n} 個再実行されます：{}。",
            steps.join("、")
        ),
    }
}

/// `/<lang>/lab/`. The lab itself (`LabBody`) is rendered into the page by the server and
/// mounted afresh by the browser (src/tools.rs), as the calculator is.
#[component]
pub fn LabPage(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    #[cfg(not(feature = "hydrate"))]
    let body = view! { <LabBody lang/> }.to_html();
    // In the browser the server's HTML stays until the tools bundle mounts the live lab.
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

/// The lab: editor, findings, build context and layer view.
#[component]
pub fn LabBody(lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let source = RwSignal::new(COPY_FIRST.to_string());
    let context_text = RwSignal::new(DEFAULT_CONTEXT.to_string());
    let changed = RwSignal::new(vec![DEFAULT_CHANGED.to_string()]);
    let paths = Memo::new(move |_| context_text.with(|t| context_paths(t)));
    let findings = Memo::new(move |_| paths.with(|p| source.with(|s| findings_for(s, p))));
    let changed_in_context = Memo::new(move |_| {
        paths.with(|p| {
            changed.with(|c| {
                c.iter()
                    .filter(|f| p.contains(f))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let the_plan =
        Memo::new(move |_| paths.with(|p| changed.with(|c| source.with(|s| plan_for(s, p, c)))));
    // What screen readers hear when the findings change: their rules and lines, said once.
    let announcement = Memo::new(move |_| {
        findings.with(|fs| {
            if fs.is_empty() {
                t.no_findings.to_string()
            } else {
                fs.iter()
                    .map(|f| format!("{} ({})", f.rule, line_label(lang, f.span.start_pos.line)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
    });

    let presets = PRESETS
        .iter()
        .zip(t.presets)
        .map(|((key, _), name)| view! { <option value=*key>{name}</option> })
        .collect_view();

    let finding_list = move || {
        let list = findings.get();
        if list.is_empty() {
            return leptos::either::Either::Left(view! {
                <p class="lab-no-findings">{t.no_findings}</p>
            });
        }
        let items = list
            .into_iter()
            .map(|f| finding_item(lang, t, source, f))
            .collect_view();
        leptos::either::Either::Right(view! { <ul class="lab-findings">{items}</ul> })
    };

    let checkboxes = move || {
        paths
            .get()
            .into_iter()
            .map(|path| {
                let p = path.clone();
                let q = path.clone();
                view! {
                    <li>
                        <label>
                            <input
                                type="checkbox"
                                data-path=path.clone()
                                prop:checked=move || changed.with(|c| c.contains(&p))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    changed.update(|c| {
                                        c.retain(|x| *x != q);
                                        if on {
                                            c.push(q.clone());
                                        }
                                    });
                                }
                            />
                            " "
                            <code>{path}</code>
                        </label>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="lab" lang=lang.code()>
            <section class="lab-editor" aria-labelledby="lab-editor-title">
                <h2 id="lab-editor-title">{t.editor}</h2>
                <p class="lab-preset">
                    <label for="lab-preset">{t.preset}</label>
                    " "
                    <select
                        id="lab-preset"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some((_, text)) = PRESETS.iter().find(|(k, _)| *k == key) {
                                source.set((*text).to_string());
                            }
                        }
                    >
                        {presets}
                    </select>
                </p>
                <label class="visually-hidden" for="lab-source">{t.editor}</label>
                <textarea
                    id="lab-source"
                    class="lab-source"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    rows="14"
                    prop:value=move || source.get()
                    on:input=move |ev| source.set(event_target_value(&ev))
                >
                    {COPY_FIRST}
                </textarea>
            </section>
            <section class="lab-findings-panel" aria-labelledby="lab-findings-title">
                <h2 id="lab-findings-title">{t.findings}</h2>
                <p class="visually-hidden" aria-live="polite" id="lab-announce">
                    {move || announcement.get()}
                </p>
                {finding_list}
            </section>
            <section class="lab-context" aria-labelledby="lab-context-title">
                <h2 id="lab-context-title">{t.context}</h2>
                <label for="lab-context-files">{t.context_files}</label>
                <textarea
                    id="lab-context-files"
                    class="lab-context-files"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    rows="5"
                    prop:value=move || context_text.get()
                    on:input=move |ev| context_text.set(event_target_value(&ev))
                >
                    {DEFAULT_CONTEXT}
                </textarea>
                <fieldset class="lab-changed">
                    <legend>{t.changed}</legend>
                    <p class="lab-hint">{t.context_hint}</p>
                    <ul>{checkboxes}</ul>
                </fieldset>
            </section>
            <section class="lab-layers" aria-labelledby="lab-layers-title">
                <h2 id="lab-layers-title">{t.layers}</h2>
                <p class="lab-summary">
                    {move || changed_in_context.with(|c| the_plan.with(|p| summary(lang, c, p)))}
                </p>
                {move || the_plan.with(|p| layer_view(lang, t, p))}
            </section>
        </div>
    }
}

fn finding_item(
    lang: Lang,
    t: &'static LabText,
    source: RwSignal<String>,
    f: Finding,
) -> impl IntoView {
    let (severity, icon, word) = match f.severity {
        RuleSeverity::Error => ("error", "✖", t.error),
        RuleSeverity::Warning => ("warning", "▲", t.warning),
        RuleSeverity::Info => ("info", "ℹ", t.info),
    };
    let rule = f.rule.as_str();
    let line = f.span.start_pos.line;
    let message = message_text(&f.message, engine_lang(lang));
    let fix_button = f.fix.clone().map(|fix| {
        let title = fix_title(&f.message, engine_lang(lang));
        let label = if title.is_empty() {
            t.fix.to_string()
        } else {
            format!("{}: {title}", t.fix)
        };
        view! {
            <button
                type="button"
                class="lab-fix"
                on:click=move |_| source.update(|s| *s = apply_fix(s, &fix))
            >
                {label}
            </button>
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
            <span class="lab-line">{line_label(lang, line)}</span>
            <p class="lab-message">{code_spans(&message)}</p>
            {fix_button}
        </li>
    }
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
                leptos::either::Either::Left(view! { <code>{piece}</code> })
            } else {
                leptos::either::Either::Right(piece)
            }
        })
        .collect_view()
}

fn layer_view(lang: Lang, t: &'static LabText, plan: &RebuildPlan) -> impl IntoView {
    if plan.stages.is_empty() {
        return leptos::either::Either::Left(view! { <p class="lab-no-stages">{t.no_stages}</p> });
    }
    let stages = plan
        .stages
        .iter()
        .map(|stage| {
            let title = match &stage.name {
                Some(name) => format!("{} {} ({name})", t.stage, stage.index + 1),
                None => format!("{} {}", t.stage, stage.index + 1),
            };
            let steps = stage
                .steps
                .iter()
                .map(|step| {
                    let (status, icon, word) = match step.status {
                        StepStatus::Cached => ("cached", "✓", t.cached),
                        StepStatus::Rebuilt => ("rebuilt", "↻", t.rebuilt),
                        StepStatus::NotBuilt => ("not-built", "–", t.not_built),
                    };
                    let heavy = (step.cost == Cost::Heavy).then(|| {
                        view! {
                            <span class="lab-heavy"><span aria-hidden="true">"⚠"</span> " " {t.heavy}</span>
                        }
                    });
                    view! {
                        <li
                            class=format!("lab-step lab-step-{status}")
                            data-status=status
                            data-cost=step.cost.as_str()
                            data-line=step.line.to_string()
                        >
                            <span class="lab-status"><span aria-hidden="true">{icon}</span> " " {word}</span>
                            " "
                            <span class="lab-line">{line_label(lang, step.line)}</span>
                            " "
                            <code class="lab-step-text">{step.text.clone()}</code>
                            " "
                            {heavy}
                            // The reasons are in English for now: the engine words them (`Display`).
                            <p class="lab-reason" lang="en">{step.reason.to_string()}</p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="lab-stage" data-built=stage.built.to_string()>
                    <h3>{title}</h3>
                    <ol class="lab-steps">{steps}</ol>
                </section>
            }
        })
        .collect_view();
    leptos::either::Either::Right(stages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shipshape_dockerfile::RuleId;

    fn default_paths() -> Vec<String> {
        context_paths(DEFAULT_CONTEXT)
    }

    fn pip_step(plan: &RebuildPlan) -> &StepPlan {
        plan.steps()
            .find(|s| s.text.starts_with("RUN pip install"))
            .expect("the pip install step")
    }

    #[test]
    fn the_default_shows_ss001_and_fixing_it_keeps_pip_cached() {
        let paths = default_paths();
        let findings = findings_for(COPY_FIRST, &paths);
        let ss001 = findings
            .iter()
            .find(|f| f.rule == RuleId::SS001)
            .expect("SS001 on the default");
        assert_eq!(ss001.span.start_pos.line, 3);
        let changed = vec![DEFAULT_CHANGED.to_string()];
        let before = plan_for(COPY_FIRST, &paths, &changed);
        assert_eq!(pip_step(&before).status, StepStatus::Rebuilt);
        assert!(summary(Lang::En, &changed, &before).contains("reruns 1 heavy step"));
        let fixed = apply_fix(COPY_FIRST, ss001.fix.as_ref().expect("a fix"));
        assert!(findings_for(&fixed, &paths)
            .iter()
            .all(|f| f.rule != RuleId::SS001));
        let after = plan_for(&fixed, &paths, &changed);
        assert_eq!(pip_step(&after).status, StepStatus::Cached);
        assert!(summary(Lang::En, &changed, &after).contains("no heavy step"));
    }

    #[test]
    fn the_requirements_first_preset_has_no_ss001() {
        let paths = default_paths();
        assert!(findings_for(REQUIREMENTS_FIRST, &paths)
            .iter()
            .all(|f| f.rule != RuleId::SS001));
        let plan = plan_for(REQUIREMENTS_FIRST, &paths, &[DEFAULT_CHANGED.to_string()]);
        assert_eq!(pip_step(&plan).status, StepStatus::Cached);
    }

    #[test]
    fn context_lines_are_trimmed_and_deduplicated() {
        assert_eq!(
            context_paths(" a \n\nb\na\n"),
            vec!["a".to_string(), "b".to_string()]
        );
    }
}
