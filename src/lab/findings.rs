//! The findings panel: parse errors and the rules' findings, each with its line, its message in
//! the page's language, its rule page and guide page, and its fix with a preview.

use leptos::either::Either;
use leptos::prelude::*;
use shipshape_dockerfile::{apply_fix, fix_title, message_text, Finding, RuleSeverity, Severity};

use super::analysis::{diagnostic_message, engine_lang};
use super::state::LabCtx;
use super::text::{line_label, LabText};
use super::{code_spans, diff_preview, guide_page, panel_title, severity_of};

#[component]
pub fn FindingsPanel(
    ctx: LabCtx,
    /// Offer each finding's fix (not in an exercise, where the hints and the solution teach).
    #[prop(default = true)]
    fixes: bool,
) -> impl IntoView {
    let LabCtx {
        lang, t, analysis, ..
    } = ctx;
    // What screen readers hear when the findings change: their rules and lines, said once.
    let announcement = Memo::new(move |_| {
        analysis.with(|a| {
            if a.findings.is_empty() {
                t.no_findings.to_string()
            } else {
                a.findings
                    .iter()
                    .map(|f| format!("{} ({})", f.rule, line_label(lang, f.span.start_pos.line)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
    });

    let finding_list = move || {
        analysis.with(|a| {
            let errors = a
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| {
                    let line = d.span.start_pos.line;
                    let range = d.span.range();
                    view! {
                        <li class="lab-finding lab-parse-error" data-severity="error" data-line=line.to_string()>
                            <span class="lab-severity lab-severity-error">
                                <span aria-hidden="true">"✖"</span> " " {t.parse_error}
                            </span>
                            " "
                            <button type="button" class="lab-goto" on:click=move |_| ctx.go_to(range.clone())>
                                {line_label(lang, line)}
                            </button>
                            <p class="lab-message">
                                {diagnostic_message(d, lang)}
                            </p>
                        </li>
                    }
                })
                .collect_view();
            if a.findings.is_empty() && a.diagnostics.iter().all(|d| d.severity != Severity::Error) {
                return Either::Left(view! { <p class="lab-no-findings">{t.no_findings}</p> });
            }
            let items = a
                .findings
                .iter()
                .cloned()
                .map(|f| finding_item(ctx, t, &a.source, f, fixes))
                .collect_view();
            Either::Right(view! {
                <ul class="lab-findings" on:keydown=list_keys>{errors}{items}</ul>
            })
        })
    };

    view! {
        <section class="lab-findings-panel" aria-label=t.findings>
            {panel_title(ctx.compact, t.findings)}
            <p class="visually-hidden" aria-live="polite" id=ctx.id("lab-announce")>
                {move || announcement.get()}
            </p>
            {finding_list}
        </section>
    }
}

/// Arrow keys move between the findings' buttons and links, as in a list.
fn list_keys(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        let Some(list) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(items) = list.query_selector_all(".lab-goto") else {
            return;
        };
        let active = document().active_element();
        let count = items.length();
        let mut current = None;
        for i in 0..count {
            if let (Some(n), Some(a)) = (items.item(i), active.as_ref()) {
                let a: &web_sys::Node = a.as_ref();
                if n.contains(Some(a)) || a.contains(Some(&n)) {
                    current = Some(i);
                }
            }
        }
        let next = match (current, key.as_str()) {
            (Some(i), "ArrowDown") => (i + 1).min(count.saturating_sub(1)),
            (Some(i), _) => i.saturating_sub(1),
            (None, _) => 0,
        };
        if let Some(el) = items
            .item(next)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

fn finding_item(
    ctx: LabCtx,
    t: &'static LabText,
    source: &str,
    f: Finding,
    fixes: bool,
) -> impl IntoView {
    let lang = ctx.lang;
    let (severity, icon) = severity_of(f.severity);
    let word = match f.severity {
        RuleSeverity::Error => t.error,
        RuleSeverity::Warning => t.warning,
        RuleSeverity::Info => t.info,
    };
    let rule = f.rule.as_str();
    let line = f.span.start_pos.line;
    let range = f.span.range();
    let message = message_text(&f.message, engine_lang(lang));
    let fix = f.fix.clone().filter(|_| fixes).map(|fix| {
        let title = fix_title(&f.message, engine_lang(lang));
        // Names in the title are between backticks, as in messages: shown as code.
        let label = if title.is_empty() {
            Either::Left(t.fix)
        } else {
            Either::Right(view! { {t.fix} ": " {code_spans(&title)} })
        };
        let fixed = apply_fix(source, &fix);
        let preview = diff_preview(source, &fixed);
        view! {
            <div class="lab-fix-row">
                <button type="button" class="lab-fix" on:click=move |_| ctx.replace_source(fixed.clone())>
                    {label}
                </button>
                <details class="lab-preview">
                    <summary>{t.preview}</summary>
                    <pre class="lab-diff">{preview}</pre>
                </details>
            </div>
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
            <button type="button" class="lab-goto lab-line" on:click=move |_| ctx.go_to(range.clone())>
                {line_label(lang, line)}
            </button>
            <p class="lab-message">{code_spans(&message)}</p>
            <p class="lab-guide">
                <a href=format!("/{}/{}/", lang.code(), guide_page(rule))>{t.guide_link}</a>
            </p>
            {fix}
        </li>
    }
}
