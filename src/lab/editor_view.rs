//! The lab's editor: a native textarea with the colours, underlines and gutter drawn beside it
//! (from `editor`'s pure functions), its keys, and the finding under the caret.

use leptos::prelude::*;
use shipshape_dockerfile::{message_text, Finding, RuleSeverity, Severity};

use super::analysis::{diagnostic_message, engine_lang};
use super::editor::{self, byte_offset, gutter_html, utf16_offset, window_lines, Mark};
use super::state::LabCtx;
use super::web;
use super::{code_spans, severity_of};

#[component]
pub fn LabEditor(ctx: LabCtx, initial_text: String) -> impl IntoView {
    let LabCtx {
        lang,
        t,
        compact,
        lab,
        analysis,
        syntax,
        caret,
        first_line,
        rows,
        line_px,
        textarea,
        ..
    } = ctx;
    let highlight = NodeRef::<leptos::html::Pre>::new();
    let gutter = NodeRef::<leptos::html::Pre>::new();

    let on_input = move |ev: leptos::ev::Event| {
        web::mark("lab-input");
        lab.source.set(event_target_value(&ev));
        web::next_frame(|| web::measure("lab-frame", "lab-input"));
    };

    // Moves the overlay and the gutter to where the textarea's text is.
    let place = move || {
        if let (Some(el), Some(h), Some(g)) = (
            textarea.get_untracked(),
            highlight.get_untracked(),
            gutter.get_untracked(),
        ) {
            let (top, left) = web::scroll(&el);
            let offset = (first_line.get_untracked() as f64 * line_px.get_value()).round() as i32;
            web::follow_scroll(&h, top - offset, left);
            web::follow_scroll(&g, top - offset, 0);
        }
    };
    let sync_scroll = move || {
        if let Some(el) = textarea.get_untracked() {
            let px = web::line_height(&el).unwrap_or(22.0).max(1.0);
            line_px.set_value(px);
            let (top, _) = web::scroll(&el);
            let e: &web_sys::Element = el.as_ref();
            let visible = (f64::from(e.client_height()) / px).ceil() as usize;
            let first = ((f64::from(top) / px) as usize).saturating_sub(editor::WINDOW_MARGIN);
            let count = visible + 2 * editor::WINDOW_MARGIN;
            if first != first_line.get_untracked() {
                first_line.set(first);
            }
            if count != rows.get_untracked() {
                rows.set(count);
            }
        }
        place();
    };

    let update_caret = move || {
        if let Some(el) = textarea.get_untracked() {
            let (s, _) = web::selection(&el);
            caret.set(lab.source.with_untracked(|src| byte_offset(src, s)));
        }
    };

    // Tab indents (Shift+Tab outdents); Esc then Tab leaves the editor, so the keyboard is never
    // trapped. Enter keeps the line's indentation. F8 / Shift+F8 go to the next / previous finding.
    let escaped = RwSignal::new(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            escaped.set(true);
            return;
        }
        let was_escaped = escaped.get_untracked();
        escaped.set(false);
        if ev.is_composing() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(el) = textarea.get_untracked() else {
            return;
        };
        let el: &web_sys::HtmlElement = &el;
        let src = lab.source.get_untracked();
        let (s, e) = web::selection(el);
        match key.as_str() {
            "Tab" if !was_escaped => {
                ev.prevent_default();
                let at = byte_offset(&src, s);
                let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
                if ev.shift_key() {
                    let removable = src[line_start..]
                        .bytes()
                        .take(4)
                        .take_while(|b| *b == b' ')
                        .count();
                    if removable > 0 {
                        let ls = utf16_offset(&src, line_start);
                        web::replace_range(el, ls, ls + removable as u32, "", None);
                        let back = |x: u32| x.saturating_sub(removable as u32).max(ls);
                        web::set_selection(el, back(s), back(e));
                    }
                } else {
                    let column = src[line_start..at].chars().count();
                    let spaces = 4 - column % 4;
                    web::replace_range(el, s, e, &" ".repeat(spaces), None);
                }
            }
            "Enter" if !ev.shift_key() => {
                let at = byte_offset(&src, s);
                let indent = editor::indentation_at(&src, at);
                if !indent.is_empty() {
                    ev.prevent_default();
                    web::replace_range(el, s, e, &format!("\n{indent}"), None);
                }
            }
            "F8" => {
                ev.prevent_default();
                let at = byte_offset(&src, s);
                let list = analysis.with_untracked(|a| {
                    a.findings
                        .iter()
                        .map(|f| f.span.range())
                        .collect::<Vec<_>>()
                });
                let next = if ev.shift_key() {
                    list.iter().rev().find(|r| r.start < at).or(list.last())
                } else {
                    list.iter().find(|r| r.start > at).or(list.first())
                };
                if let Some(r) = next.cloned() {
                    ctx.go_to(r);
                }
            }
            _ => {}
        }
    };

    let overlay = move || {
        analysis.with(|a| {
            let underlines: Vec<Mark> = a
                .findings
                .iter()
                .map(|f| Mark {
                    range: f.span.range(),
                    class: match f.severity {
                        RuleSeverity::Error => "u u-error",
                        RuleSeverity::Warning => "u u-warning",
                        RuleSeverity::Info => "u u-info",
                    },
                })
                .chain(
                    a.diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .map(|d| Mark {
                            range: d.span.range(),
                            class: "u u-error",
                        }),
                )
                .collect();
            let (first, count) = (first_line.get(), rows.get());
            syntax.with(|v| window_lines(&v.text, &v.marks, &underlines, first, count))
        })
    };
    // The server writes the whole overlay; in the browser an effect replaces only the lines that
    // changed, so a keystroke in a long file costs one line of markup, not the file's.
    #[cfg(not(feature = "hydrate"))]
    let overlay_markup = overlay().concat();
    #[cfg(feature = "hydrate")]
    let overlay_markup = String::new();
    #[cfg(feature = "hydrate")]
    {
        let shown = StoredValue::new(Vec::<String>::new());
        Effect::new(move |_| {
            let lines = overlay();
            if let Some(pre) = highlight.get() {
                shown.update_value(|old| {
                    editor::patch_lines(&pre, old, &lines);
                    *old = lines;
                });
                let _ = pre.set_attribute("data-first", &first_line.get_untracked().to_string());
                place();
            }
        });
    }
    // A memo of the markup: typing within a line leaves the gutter as it was, and the DOM alone.
    let gutter_marks = Memo::new(move |_| {
        analysis.with(|a| {
            let mut marks: Vec<(u32, &'static str, String)> = Vec::new();
            for d in a
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                marks.push((d.span.start_pos.line, "error", diagnostic_message(d, lang)));
            }
            let mut sorted: Vec<&Finding> = a.findings.iter().collect();
            sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
            for f in sorted {
                marks.push((
                    f.span.start_pos.line,
                    severity_of(f.severity).0,
                    format!(
                        "{}: {}",
                        f.rule.as_str(),
                        message_text(&f.message, engine_lang(lang)).replace('`', "")
                    ),
                ));
            }
            let (first, count) = (first_line.get(), rows.get());
            syntax.with(|v| gutter_html(&v.text, &marks, first, count))
        })
    });

    // The finding under the caret, shown under the editor.
    let under_caret = move || {
        let at = caret.get();
        analysis.with(|a| {
            a.findings
                .iter()
                .find(|f| f.span.start <= at && at <= f.span.end)
                .map(|f| {
                    let (sev, icon) = severity_of(f.severity);
                    let message = message_text(&f.message, engine_lang(lang));
                    view! {
                        <p class=format!("lab-caret lab-severity-{sev}")>
                            <span aria-hidden="true">{icon}</span>
                            " "
                            <strong>{f.rule.as_str()}</strong>
                            " "
                            {code_spans(&message)}
                        </p>
                    }
                })
        })
    };

    let hint_id = ctx.id("lab-editor-hint");
    view! {
        <section class="lab-editor" aria-label=t.editor>
            <div class="lab-frame">
                <div class="lab-gutter" aria-hidden="true">
                    <pre node_ref=gutter inner_html=gutter_marks></pre>
                </div>
                <div class="lab-code">
                    <pre class="lab-highlight" aria-hidden="true" node_ref=highlight inner_html=overlay_markup></pre>
                    <textarea
                        id=ctx.id("lab-source")
                        class="lab-source"
                        node_ref=textarea
                        aria-label=t.editor
                        aria-describedby=hint_id.clone()
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        rows=if compact { "10" } else { "18" }
                        on:input=on_input
                        on:scroll=move |_| sync_scroll()
                        on:mouseup=move |_| sync_scroll()
                        on:keydown=on_keydown
                        on:keyup=move |_| update_caret()
                        on:click=move |_| update_caret()
                        on:focus=move |_| update_caret()
                    >
                        {initial_text}
                    </textarea>
                </div>
            </div>
            <p class="lab-hint" id=hint_id>{t.editor_hint}</p>
            {under_caret}
        </section>
    }
}
