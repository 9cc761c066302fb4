//! The calculator's browser calls (address bar, localStorage, clipboard, the guide's
//! placeholders), behind small functions that do nothing on the server, as in `browser.rs`.

/// localStorage key of the saved scenario; the version is in the name, so a future format
/// simply starts afresh.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const STORAGE_KEY: &str = "shipshape.calc.v1";

#[cfg(feature = "hydrate")]
mod imp {
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

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
        // `history.replaceState`, through Reflect: no web-sys feature needed for one call.
        let Ok(history) = js_sys::Reflect::get(&win, &JsValue::from_str("history")) else {
            return;
        };
        if let Ok(f) = js_sys::Reflect::get(&history, &JsValue::from_str("replaceState")) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call3(
                    &history,
                    &JsValue::NULL,
                    &JsValue::from_str(""),
                    &JsValue::from_str(&url),
                );
            }
        }
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

    /// Copies `text`, then calls `done` with whether it worked.
    pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
        let promise = window().navigator().clipboard().write_text(text);
        let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
        let d = done.clone();
        let on_ok: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| {
            if let Some(f) = d.take() {
                f(true)
            }
        });
        let on_err: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| {
            if let Some(f) = done.take() {
                f(false)
            }
        });
        let _ = promise.then2(&on_ok, &on_err);
        on_ok.forget();
        on_err.forget();
    }

    /// Mounts the calculator page's body into `#calc-root` (replacing the server's copy of the
    /// same default markup), and turns each `figure[data-widget=calc]` into a live widget.
    pub fn mount_widgets(lang: Lang) {
        if let Some(root) = document()
            .get_element_by_id("calc-root")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            root.set_inner_html("");
            leptos::mount::mount_to(
                root.clone(),
                move || view! { <super::super::CalcBody lang/> },
            )
            .forget();
            // Tests and styles can tell the live calculator from the server's copy.
            let _ = root.set_attribute("data-live", "");
        }
        let Ok(figures) = document().query_selector_all("figure[data-widget=calc]") else {
            return;
        };
        for i in 0..figures.length() {
            let Some(figure) = figures
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                continue;
            };
            let spec = figure
                .query_selector("code")
                .ok()
                .flatten()
                .and_then(|c| c.text_content())
                .unwrap_or_default();
            // The static JSON goes when the widget can show the scenario itself.
            if super::super::spec::form_from_spec(&spec).is_ok() {
                if let Ok(Some(block)) = figure.query_selector(".code-block") {
                    block.remove();
                }
            }
            let _ = figure.class_list().add_1("calc-live");
            let index = i as usize;
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
    pub fn copy(_: &str, _: impl FnOnce(bool) + 'static) {}
    pub fn mount_widgets(_: Lang) {}
}

pub use imp::*;
