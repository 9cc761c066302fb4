//! Start-up in the browser: read what the pre-rendered page says about itself, then hydrate it
//! with the same components that rendered it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{App, PageView, Route, TocEntry};
use crate::i18n::Lang;

/// Hydrates the page. The page's language comes from `<html lang>`, its route from
/// `<meta name="shipshape-route">`, and its table of contents from the headings already in the
/// content, so nothing is stored twice in the HTML.
pub fn start() {
    let doc = document();
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En);
    let route = doc
        .query_selector("meta[name=shipshape-route]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .map(|key| Route::from_key(&key))
        .unwrap_or(Route::NotFound);
    let mut toc = Vec::new();
    if let Ok(headings) = doc.query_selector_all(".content h2[id]") {
        for i in 0..headings.length() {
            if let Some(h) = headings
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                toc.push(TocEntry {
                    id: h.id(),
                    text: h.text_content().unwrap_or_default(),
                });
            }
        }
    }
    let title = doc
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    let page = PageView {
        lang,
        route,
        title,
        toc,
        html: String::new(),
    };
    leptos::mount::hydrate_body(move || view! { <App page/> });
    // Tests and styles can tell a page that has come to life from one that is still static.
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-hydrated", "");
    }
    crate::browser::focus_hash_target();
    crate::browser::load_tools_if_needed();
}
