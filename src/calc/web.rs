//! The calculator's browser calls (address bar, localStorage, clipboard, the guide's
//! placeholders), behind small functions that do nothing on the server, as in `browser.rs`.

/// localStorage key of the saved scenario; the version is in the name, so a future format
/// simply starts afresh.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const STORAGE_KEY: &str = "shipshape.calc.v1";

#[cfg(feature = "hydrate")]
mod imp {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::STORAGE_KEY;
    use crate::i18n::Lang;

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// The page's query string, without `?`.
    pub fn query() -> String {
        let search = window().location().search().unwrap_or_default();
        search.strip_prefix('?').unwrap_or(&search).to_string()
    }

    /// Puts `query` in the address bar without a new history entry.
    pub fn replace_query(query: &str) {
        let win = window();
        let location = win.location();
        let path = location.pathname().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let url = if query.is_empty() {
            format!("{path}{hash}")
        } else {
            format!("{path}?{query}{hash}")
        };
        crate::browser::replace_url(&url);
    }

    pub fn saved() -> Option<String> {
        storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
    }

    pub fn save(query: &str) {
        if let Some(s) = storage() {
            let _ = if query.is_empty() {
                s.remove_item(STORAGE_KEY)
            } else {
                s.set_item(STORAGE_KEY, query)
            };
        }
    }

    /// Mounts the calculator page's body into `#calc-root` (replacing the server's copy of the
    /// same default markup), and turns each `figure[data-widget=calc]` into a live widget.
    pub fn mount_widgets(lang: Lang) {
        if let Some(root) = document()
            .get_element_by_id("calc-root")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // The bundle loads on the reader's first touch (browser::load_tools_if_needed):
            // what they typed, picked or clicked in the server's form carries over.
            let carry = crate::browser::carry_form(&root);
            root.set_inner_html("");
            leptos::mount::mount_to(
                root.clone(),
                move || view! { <super::super::CalcBody lang/> },
            )
            .forget();
            crate::browser::restore_form(&root, &carry);
            crate::browser::replay_click(&root);
            // Tests and styles can tell the live calculator from the server's copy.
            let _ = root.set_attribute("data-live", "");
        }
        for (index, (figure, spec)) in crate::browser::widget_figures("calc")
            .into_iter()
            .enumerate()
        {
            // The server's copy of the widget (see the prerender): the live one replaces it,
            // starting from what the reader typed or picked in it, with the focus where it was.
            if let Some(host) = figure
                .query_selector(".calc-host")
                .ok()
                .flatten()
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let spec = host.get_attribute("data-spec").unwrap_or_default();
                let carry = crate::browser::carry_form(&host);
                host.set_inner_html("");
                let _ = figure.class_list().add_1("calc-live");
                let _ = figure.class_list().remove_1("widget-starting");
                let _ = figure.remove_attribute("aria-busy");
                leptos::mount::mount_to(host.clone(), move || {
                    view! { <super::super::CalcWidget lang spec index/> }
                })
                .forget();
                crate::browser::restore_form(&host, &carry);
                crate::browser::replay_click(&host);
                continue;
            }
            // The static JSON goes when the widget can show the scenario itself.
            if super::super::spec::form_from_spec(&spec).is_ok() {
                if let Ok(Some(block)) = figure.query_selector(".code-block") {
                    block.remove();
                }
            }
            let _ = figure.class_list().add_1("calc-live");
            leptos::mount::mount_to(figure, move || {
                view! { <super::super::CalcWidget lang spec index/> }
            })
            .forget();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    use crate::i18n::Lang;

    pub fn query() -> String {
        String::new()
    }
    pub fn replace_query(_: &str) {}
    pub fn saved() -> Option<String> {
        None
    }
    pub fn save(_: &str) {}
    pub fn mount_widgets(_: Lang) {}
}

pub use imp::*;
