//! The lab page's toolbar: presets, share link, download, copy with all fixes, reset; and the
//! notice line under it, which every lab has.

use leptos::prelude::*;
use shipshape_dockerfile::fix_all;
use shipshape_labstate::{decode_link, encode, fits_in_link, LabState};

use super::analysis::{lint_options, FIX_ROUNDS};
use super::state::{preset_state, LabCtx};
use super::{decode_reason, text, web, PRESETS};

#[component]
pub fn LabToolbar(ctx: LabCtx, default: LabState) -> impl IntoView {
    let LabCtx {
        lang,
        t,
        lab,
        notice,
        share_link,
        paths,
        ..
    } = ctx;
    let presets = PRESETS
        .iter()
        .map(|p| view! { <option value=p.key>{p.name[lang as usize]}</option> })
        .collect_view();

    let share = move |_| {
        let encoded = encode(&lab.state());
        if !fits_in_link(&encoded) {
            share_link.set(String::new());
            notice.set(text::fill2(
                t.too_long_to_share,
                encoded.len(),
                shipshape_labstate::MAX_LINK_CHARS,
            ));
            return;
        }
        let url = format!("{}/{}/lab/#s={encoded}", web::origin(), lang.code());
        share_link.set(url.clone());
        crate::browser::copy_text(&url, move |ok| {
            notice.set(if ok { t.link_copied } else { t.link_ready }.to_string())
        });
    };
    let download = move |_| web::download("Dockerfile", &lab.source.get_untracked());
    // The same context and `.dockerignore` as the findings, and as many rounds as the CLI.
    let copy_fixed = move |_| {
        let options = lab
            .dockerignore
            .with_untracked(|ignore| lint_options(&paths.get_untracked(), ignore));
        let (fixed, rules) = lab
            .source
            .with_untracked(|s| fix_all(s, &options, FIX_ROUNDS));
        let count = rules.len();
        crate::browser::copy_text(&fixed, move |ok| {
            notice.set(if ok {
                text::fill1(t.fixed_copied, count)
            } else {
                t.copy_failed.to_string()
            })
        });
    };
    let reset = move |_| {
        ctx.load_state(default.clone());
        notice.set(t.reset_done.to_string());
    };
    // A link pasted into the address bar of an open lab page loads like a fresh one (undoably).
    #[cfg(feature = "hydrate")]
    {
        let _ = window_event_listener(leptos::ev::hashchange, move |_| {
            let hash = web::hash();
            let Some(payload) = hash.strip_prefix("s=") else {
                return;
            };
            web::clear_hash();
            match decode_link(payload) {
                Ok(state) => {
                    ctx.load_state(state);
                    notice.set(t.link_opened.to_string());
                }
                Err(e) => notice.set(format!("{} {}", t.link_failed, decode_reason(lang, &e))),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (decode_link, decode_reason);

    let preset_id = ctx.id("lab-preset");
    view! {
        <div class="lab-toolbar">
            <label for=preset_id.clone()>{t.preset}</label>
            <select
                id=preset_id
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(p) = PRESETS.iter().find(|p| p.key == key) {
                        ctx.load_state(preset_state(p));
                    }
                }
            >
                <option value="" disabled=true selected=true>{t.choose_preset}</option>
                {presets}
            </select>
            <button type="button" class="lab-button lab-share" on:click=share>{t.share}</button>
            <button type="button" class="lab-button lab-download" on:click=download>{t.download}</button>
            <button type="button" class="lab-button lab-copy-fixed" on:click=copy_fixed>{t.copy_fixed}</button>
            <button type="button" class="lab-button lab-reset" on:click=reset>{t.reset}</button>
        </div>
    }
}

/// What just happened (a link copied, a state that could not be read), and the share link once
/// there is one.
#[component]
pub fn LabNotice(ctx: LabCtx) -> impl IntoView {
    let LabCtx {
        t,
        notice,
        share_link,
        ..
    } = ctx;
    view! {
        <p class="lab-notice" role="status">{move || notice.get()}</p>
        {move || {
            let link = share_link.get();
            (!link.is_empty()).then(|| view! {
                <p class="lab-share-link">
                    <label>{t.share_label} " " <input type="text" readonly=true value=link class="lab-share-url"/></label>
                </p>
            })
        }}
    }
}
