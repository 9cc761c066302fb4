//! Start-up of the tools bundle. The main bundle hydrates the page around the tools and leaves
//! their markup alone (it is `inner_html` there); this bundle hydrates the calculator page's own
//! markup with the same component that rendered it, and mounts the widgets of the guide's `calc`
//! placeholders; it mounts the Dockerfile lab the same way.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::calc::{mount_widgets, CalculatorPage};
use crate::i18n::Lang;
use crate::lab::{LabBody, LabPage};

/// The element that holds the calculator page's own markup.
pub const CALCULATOR_ROOT: &str = "calculator-root";

/// The element that holds the lab page's own markup.
pub const LAB_ROOT: &str = "lab-root";

pub fn start() {
    let doc = document();
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En);
    if let Some(root) = doc
        .get_element_by_id(CALCULATOR_ROOT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        leptos::mount::hydrate_from(root, move || view! { <CalculatorPage lang/> }).forget();
    }
    if let Some(root) = doc
        .get_element_by_id(LAB_ROOT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        leptos::mount::hydrate_from(root, move || view! { <LabPage lang/> }).forget();
        // The server's copy of the default lab is replaced by a live one.
        if let Some(body) = doc
            .get_element_by_id("lab-body")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            body.set_inner_html("");
            leptos::mount::mount_to(body.clone(), move || view! { <LabBody lang/> }).forget();
            // Tests and styles can tell the live lab from the server's copy.
            let _ = body.set_attribute("data-live", "");
        }
    }
    mount_widgets(lang);
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-tools-ready", "");
    }
}
