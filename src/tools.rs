//! Start-up of the tool bundles. The main bundle hydrates the page around a tool and leaves its
//! markup alone (it is `inner_html` there). The calculator bundle hydrates the calculator page's
//! own markup with the same component that rendered it and mounts the widgets of the guide's
//! `calc` placeholders; the lab bundle does the same for the lab page and `lab` placeholders.
//! Each bundle links only what its entry point reaches, so neither pays for the other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;

/// The element that holds the calculator page's own markup.
pub const CALCULATOR_ROOT: &str = "calculator-root";

/// The element that holds the lab page's own markup.
pub const LAB_ROOT: &str = "lab-root";

/// The element that holds the exercises' track.
pub const EXERCISES_ROOT: &str = "exercises-root";

/// The element that holds an exercise's page.
pub const EXERCISE_ROOT: &str = "exercise-root";

fn page_lang() -> Lang {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En)
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Tests and styles can tell a page whose tools are live from the server's copy.
fn mark_ready() {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-tools-ready", "");
    }
}

pub fn start_calc() {
    use crate::calc::{mount_widgets, CalculatorPage};
    let lang = page_lang();
    if let Some(root) = element(CALCULATOR_ROOT) {
        leptos::mount::hydrate_from(root, move || view! { <CalculatorPage lang/> }).forget();
    }
    mount_widgets(lang);
    crate::exercise::mount("calc", move |exercise, html| {
        view! { <crate::calc::exercise::CalcExercise lang exercise html/> }
    });
    mark_ready();
}

pub fn start_lab() {
    use crate::lab::{mount_lab_widgets, LabBody, LabPage};
    let lang = page_lang();
    if let Some(root) = element(LAB_ROOT) {
        leptos::mount::hydrate_from(root, move || view! { <LabPage lang/> }).forget();
        // The server's copy of the default lab is replaced by a live one.
        if let Some(body) = element("lab-body") {
            // Anything the reader typed or ticked in the server's copy carries over.
            let carry = crate::lab::web::carry_from(&body);
            let carried = carry.carried.clone();
            body.set_inner_html("");
            leptos::mount::mount_to(body.clone(), move || view! { <LabBody lang carried/> })
                .forget();
            crate::lab::web::restore(&body, &carry);
            crate::browser::replay_click(&body);
            // Tests and styles can tell the live lab from the server's copy.
            let _ = body.set_attribute("data-live", "");
        }
    }
    mount_lab_widgets(lang);
    // Dockerfile and concept exercises, and the track, are the lab bundle's.
    crate::exercise::mount("lab", move |exercise, html| match exercise.kind() {
        shipshape_exercises::Kind::Concept => leptos::either::Either::Left(
            view! { <crate::exercise::ConceptExercise lang exercise html/> },
        ),
        _ => leptos::either::Either::Right(
            view! { <crate::lab::exercise::LabExercise lang exercise html/> },
        ),
    });
    crate::exercise::track::mount(lang);
    mark_ready();
}
