//! The capacity calculator: a page of its own and a widget for the guide's `calc` placeholders.
//! Every number comes from `shipshape-capacity`; this module only shows it.

use leptos::prelude::*;

use crate::i18n::Lang;

/// `/<lang>/calculator/`.
#[component]
pub fn CalculatorPage(lang: Lang) -> impl IntoView {
    let s = lang.strings();
    view! {
        <div class="tool-page">
            <h1>{s.calculator}</h1>
            <p class="lead">{s.calculator_description}</p>
        </div>
    }
}
