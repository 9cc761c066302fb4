//! Everything that touches browser APIs (storage, clipboard, scroll, the DOM inside rendered
//! content) sits here, behind small functions. On the server these are no-ops: the pre-renderer
//! never calls into the browser.

use leptos::prelude::*;

/// The reader's colour theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }

    pub fn from_key(key: &str) -> Theme {
        match key {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

/// localStorage keys. The inline script in `index.html` reads the same two.
pub const THEME_KEY: &str = "shipshape.theme";
pub const LANG_KEY: &str = "shipshape.lang";

#[cfg(feature = "hydrate")]
mod imp {
    use super::*;
    use leptos::ev::{KeyboardEvent, MouseEvent};
    use std::time::Duration;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{Element, HtmlElement};

    fn storage() -> Option<web_sys::Storage> {
        // Storage can be missing or throw (private modes, disabled cookies): then nothing is kept.
        window().local_storage().ok().flatten()
    }

    pub fn stored_theme() -> Theme {
        storage()
            .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
            .map(|k| Theme::from_key(&k))
            .unwrap_or(Theme::Auto)
    }

    pub fn apply_theme(theme: Theme) {
        let root = document().document_element();
        if let Some(root) = root {
            let _ = match theme {
                Theme::Auto => root.remove_attribute("data-theme"),
                other => root.set_attribute("data-theme", other.key()),
            };
        }
        if let Some(s) = storage() {
            let _ = match theme {
                Theme::Auto => s.remove_item(THEME_KEY),
                other => s.set_item(THEME_KEY, other.key()),
            };
        }
    }

    pub fn remember_language(code: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, code);
        }
    }

    /// Marks as active the last section heading that has scrolled past the top of the window.
    pub fn follow_scroll(ids: Vec<String>, active: RwSignal<String>) {
        if ids.is_empty() {
            return;
        }
        let update = move || {
            let doc = document();
            let mut current = ids[0].clone();
            for id in &ids {
                if let Some(el) = doc.get_element_by_id(id) {
                    if el.get_bounding_client_rect().top() <= 120.0 {
                        current = id.clone();
                    }
                }
            }
            // At the very bottom the last section is the one being read, however short.
            let win = window();
            let scrolled = win.scroll_y().unwrap_or(0.0)
                + win
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(0.0);
            if let Some(body) = doc.body() {
                if scrolled >= f64::from(body.scroll_height()) - 2.0 {
                    current = ids[ids.len() - 1].clone();
                }
            }
            if active.get_untracked() != current {
                active.set(current);
            }
        };
        let on_scroll = update.clone();
        let handle = window_event_listener(leptos::ev::scroll, move |_| on_scroll());
        std::mem::forget(handle);
        Effect::new(move |_| update());
    }

    /// Clicks inside rendered Markdown: annotation markers and copy buttons.
    pub fn on_content_click(ev: &MouseEvent, copied: &'static str, failed: &'static str) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Ok(Some(marker)) = target.closest("button.anno") {
            toggle_annotation(&marker);
        } else if let Ok(Some(button)) = target.closest("button.copy") {
            copy_code(&button, copied, failed);
        }
    }

    /// Escape closes the open annotations of the block that has focus.
    pub fn on_content_keydown(ev: &KeyboardEvent) {
        if ev.key() != "Escape" {
            return;
        }
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Ok(Some(block)) = target.closest(".annotated") {
            if let Ok(open) = block.query_selector_all("button.anno[aria-expanded=true]") {
                for i in 0..open.length() {
                    if let Some(marker) = open.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        toggle_annotation(&marker);
                    }
                }
            }
            if let Ok(Some(marker)) = target.closest("button.anno") {
                if let Ok(marker) = marker.dyn_into::<HtmlElement>() {
                    let _ = marker.focus();
                }
            }
        }
    }

    /// Ctrl+K, Cmd+K, or `/` outside a text field, opens search.
    pub fn on_search_shortcut(open: impl Fn() + 'static) {
        let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
            let key = ev.key();
            let combo = (ev.ctrl_key() || ev.meta_key()) && key.eq_ignore_ascii_case("k");
            let slash = key == "/" && !ev.ctrl_key() && !ev.meta_key() && !typing_in_field(&ev);
            if combo || slash {
                ev.prevent_default();
                open();
            }
        });
        std::mem::forget(handle);
    }

    fn typing_in_field(ev: &KeyboardEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.get_attribute("contenteditable").is_some()
            })
    }

    /// True when the event happened on the element that listens, not on a child.
    pub fn is_event_on_self(ev: &MouseEvent) -> bool {
        ev.target().is_some() && ev.target() == ev.current_target()
    }

    /// Fetches and decodes this page's search index, named in `<meta name="shipshape-search">`.
    /// Marks the time it takes as the performance measure `search-load`.
    pub async fn load_search_index() -> Option<shipshape_search::Index> {
        let url = document()
            .query_selector("meta[name=shipshape-search]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))?;
        let perf = window().performance();
        if let Some(p) = &perf {
            let _ = p.mark("search-load-start");
        }
        let response = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(&url))
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().ok()?)
            .await
            .ok()?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let index = timed("search-decode", || {
            shipshape_search::Index::load(&bytes).ok()
        });
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark("search-load", "search-load-start");
        }
        index
    }

    /// Runs `f`, recording its duration as the performance measure `name`.
    pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
        let perf = window().performance();
        let start = format!("{name}-start");
        if let Some(p) = &perf {
            let _ = p.mark(&start);
        }
        let out = f();
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark(name, &start);
        }
        out
    }

    /// Goes to a search result: another page loads; on this page the section is focused.
    pub fn go_to(url: &str) {
        let location = window().location();
        let (path, hash) = url.split_once('#').unwrap_or((url, ""));
        if location.pathname().ok().as_deref() == Some(path) && !hash.is_empty() {
            let _ = location.set_hash(hash);
            focus_hash_target();
        } else {
            let _ = location.set_href(url);
        }
    }

    /// Loads the tool bundle the page needs: the calculator's on the calculator page, the lab's on
    /// the lab page. A guide page's examples (`figure[data-widget=lab|calc]`) are the server's
    /// rendering of the tool, complete but not live, until the reader first touches one (a
    /// pointer, the keyboard's focus, typing): reading a page downloads neither tool. Until the
    /// bundle arrives the server's copy is a working form, and the live tool starts from what the
    /// reader did to it (see `lab::mount_lab_widgets`, `calc::mount_widgets`). Bundle files are
    /// named in the page's head. Both bundles declare the same global initialiser, so a page gets
    /// one of them at most; the content checks keep calculator and lab examples off one page.
    pub fn load_tools_if_needed() {
        let doc = document();
        let has = |selector: &str| doc.query_selector(selector).ok().flatten().is_some();
        // An exercise's page: its tool's bundle, at once when the trainee has saved work on it.
        let exercise = doc
            .query_selector("article[data-exercise-id]")
            .ok()
            .flatten();
        let saved_exercise = exercise.as_ref().is_some_and(|e| {
            let key = format!(
                "shipshape.exercise.v1.{}",
                e.get_attribute("data-exercise-id").unwrap_or_default()
            );
            window()
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(&key).ok().flatten())
                .is_some()
        });
        if has("#calculator-root") {
            // The page's calculator is the server's working form: its bundle loads on the
            // reader's first touch, as a guide example's does, so that start-up neither blocks
            // the page nor repaints it. A scenario in the address or a saved one shows at once.
            let scenario = !window().location().search().unwrap_or_default().is_empty()
                || window()
                    .local_storage()
                    .ok()
                    .flatten()
                    .and_then(|s| s.get_item(crate::calc::web::STORAGE_KEY).ok().flatten())
                    .is_some();
            if scenario {
                load_bundle("calc");
            } else {
                load_on_first_touch("#calculator-root", "calc");
            }
        } else if has("#lab-root") {
            // Like the calculator page: the lab's own state (a share link, an autosaved file)
            // shows at once, the default lab when the reader first touches it.
            let shared = window()
                .location()
                .hash()
                .unwrap_or_default()
                .starts_with("#s=");
            let saved = window()
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item("shipshape.lab.v1.page").ok().flatten())
                .is_some();
            if shared || saved {
                load_bundle("lab");
            } else {
                load_on_first_touch("#lab-root", "lab");
            }
        } else if has("#exercises-root") {
            load_bundle("lab");
        } else if let (Some(e), true) = (&exercise, saved_exercise) {
            let bundle = e.get_attribute("data-widget").unwrap_or_default();
            load_bundle(if bundle == "calc" { "calc" } else { "lab" });
        } else if has("figure[data-widget=lab]") && saved_lab_example() {
            // A reader who saved an edit of an example here sees it at once.
            load_bundle("lab");
        } else if has("figure[data-widget=lab], figure[data-widget=calc], article[data-widget]") {
            let on_touch: Closure<dyn FnMut(web_sys::Event)> =
                Closure::new(move |ev: web_sys::Event| {
                    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok())
                    else {
                        return;
                    };
                    let Some(figure) = target
                        .closest("figure[data-widget], article[data-widget]")
                        .ok()
                        .flatten()
                    else {
                        return;
                    };
                    let kind = match figure.get_attribute("data-widget").as_deref() {
                        Some("lab") => "lab",
                        Some("calc") => "calc",
                        _ => return,
                    };
                    if figure.class_list().contains(&format!("{kind}-live")) {
                        return;
                    }
                    // A button pressed before the tool is live is pressed again once it is.
                    if ev.type_() == "click" {
                        remember_click(&target);
                        return;
                    }
                    // Typed text is not coloured until the lab is live: show the text itself.
                    if ev.type_() == "input" && target.class_list().contains("lab-source") {
                        let _ = figure.class_list().add_1("lab-typed");
                    }
                    let Some(root) = document().document_element() else {
                        return;
                    };
                    let loading = format!("data-{kind}-loading");
                    if !root.has_attribute(&loading) {
                        let _ = root.set_attribute(&loading, "");
                        // A thin bar along the example, and aria-busy, until it is live.
                        let _ = figure.class_list().add_1("widget-starting");
                        let _ = figure.set_attribute("aria-busy", "true");
                        load_bundle(kind);
                    }
                });
            for kind in ["pointerdown", "focusin", "input", "click"] {
                let _ = doc.add_event_listener_with_callback_and_bool(
                    kind,
                    on_touch.as_ref().unchecked_ref(),
                    true,
                );
            }
            on_touch.forget();
        }
    }

    /// Whether the reader has a saved copy of one of this page's lab examples (the lab's keys
    /// are `shipshape.lab.v1.<path>#<index>`).
    fn saved_lab_example() -> bool {
        let Some(storage) = window().local_storage().ok().flatten() else {
            return false;
        };
        let prefix = format!(
            "shipshape.lab.v1.{}#",
            window().location().pathname().unwrap_or_default()
        );
        let count = storage.length().unwrap_or(0);
        (0..count).any(|i| {
            storage
                .key(i)
                .ok()
                .flatten()
                .is_some_and(|k| k.starts_with(&prefix) && !k.ends_with(".damaged"))
        })
    }

    /// Loads `bundle` the first time the reader points at, focuses, types in or clicks inside
    /// the element `selector` names; a click is remembered and replayed on the live tool.
    fn load_on_first_touch(selector: &'static str, bundle: &'static str) {
        let doc = document();
        let Some(root) = doc.query_selector(selector).ok().flatten() else {
            return;
        };
        let on_touch: Closure<dyn FnMut(web_sys::Event)> =
            Closure::new(move |ev: web_sys::Event| {
                let Some(html) = document().document_element() else {
                    return;
                };
                if html.has_attribute("data-tools-ready") {
                    return;
                }
                if ev.type_() == "click" {
                    if let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                        remember_click(&target);
                    }
                    return;
                }
                let loading = format!("data-{bundle}-loading");
                if !html.has_attribute(&loading) {
                    let _ = html.set_attribute(&loading, "");
                    load_bundle(bundle);
                }
            });
        for kind in ["pointerdown", "focusin", "input", "click"] {
            let _ = root.add_event_listener_with_callback_and_bool(
                kind,
                on_touch.as_ref().unchecked_ref(),
                true,
            );
        }
        on_touch.forget();
    }

    /// Adds the bundle's script and starts its wasm.
    fn load_bundle(bundle: &str) {
        let doc = document();
        let meta = |kind: &str| {
            doc.query_selector(&format!("meta[name=shipshape-{bundle}-{kind}]"))
                .ok()
                .flatten()
                .and_then(|m| m.get_attribute("content"))
        };
        let (Some(js), Some(wasm)) = (meta("js"), meta("wasm")) else {
            return;
        };
        let Ok(script) = doc.create_element("script") else {
            return;
        };
        let _ = script.set_attribute("src", &js);
        // The bundle is a classic script that declares a global `wasm_bindgen` initialiser. It
        // is looked up and called directly: building a function from text would need the
        // Content-Security-Policy to allow `eval`, which the production headers do not.
        let start = move |wasm: &str| -> Option<js_sys::Promise> {
            let init = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("wasm_bindgen"))
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"module_or_path".into(), &wasm.into()).ok()?;
            init.call1(&JsValue::NULL, &options)
                .ok()?
                .dyn_into::<js_sys::Promise>()
                .ok()
        };
        // If the script or its wasm cannot be fetched (offline, say), the page stays as the
        // server wrote it, which reads complete; a lab example stops saying it is busy, and the
        // next touch tries again.
        let loading = format!("data-{bundle}-loading");
        let failed: Closure<dyn FnMut(JsValue)> = Closure::new(move |_: JsValue| {
            let doc = document();
            if let Some(root) = doc.document_element() {
                let _ = root.remove_attribute(&loading);
            }
            if let Ok(busy) = doc.query_selector_all(".widget-starting") {
                for i in 0..busy.length() {
                    if let Some(e) = busy.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = e.class_list().remove_1("widget-starting");
                        let _ = e.remove_attribute("aria-busy");
                    }
                }
            }
        });
        let on_failure = failed.as_ref().unchecked_ref::<js_sys::Function>().clone();
        let not_started = on_failure.clone();
        let on_load: Closure<dyn FnMut(JsValue)> = Closure::once(move |_: JsValue| {
            match start(&wasm) {
                Some(promise) => {
                    let _ = promise.catch(&failed);
                }
                None => {
                    let _ = not_started.call1(&JsValue::NULL, &JsValue::NULL);
                }
            }
            failed.forget();
        });
        let _ = script.add_event_listener_with_callback("load", on_load.as_ref().unchecked_ref());
        let _ = script.add_event_listener_with_callback("error", &on_failure);
        on_load.forget();
        if let Some(head) = doc.head() {
            let _ = head.append_child(&script);
        }
    }

    /// Focuses and briefly highlights the heading the address points at (`#anchor`).
    pub fn focus_hash_target() {
        let hash = window().location().hash().unwrap_or_default();
        let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
            return;
        };
        let Some(target) = document().get_element_by_id(id) else {
            return;
        };
        let _ = target.set_attribute("tabindex", "-1");
        if let Ok(el) = target.clone().dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
        target.scroll_into_view();
        let _ = target.class_list().add_1("flash");
        set_timeout(
            move || {
                let _ = target.class_list().remove_1("flash");
            },
            Duration::from_millis(2000),
        );
    }

    fn toggle_annotation(marker: &Element) {
        let open = marker.get_attribute("aria-expanded").as_deref() == Some("true");
        let _ = marker.set_attribute("aria-expanded", if open { "false" } else { "true" });
        if let Some(id) = marker.get_attribute("aria-controls") {
            if let Some(item) = document().get_element_by_id(&id) {
                let _ = item.class_list().toggle_with_force("open", !open);
            }
        }
    }

    /// The controls of a server-rendered tool, in document order: the same list as in the live
    /// copy that replaces it, since both come from one component and one state.
    const CONTROLS: &str = "textarea, input, select, button, a[href], summary";

    /// The index in [`CONTROLS`] under `container` of `element`, if it is one of them.
    pub fn control_index(container: &Element, element: &Element) -> Option<u32> {
        let list = container.query_selector_all(CONTROLS).ok()?;
        let wanted: &JsValue = element.as_ref();
        (0..list.length()).find(|i| {
            list.item(*i)
                .is_some_and(|c| AsRef::<JsValue>::as_ref(&c) == wanted)
        })
    }

    /// The control at `index` in [`CONTROLS`] under `container`.
    pub fn control_at(container: &Element, index: u32) -> Option<HtmlElement> {
        container
            .query_selector_all(CONTROLS)
            .ok()?
            .item(index)?
            .dyn_into::<HtmlElement>()
            .ok()
    }

    /// What a reader changed in a server-rendered form before its bundle took over: each control
    /// whose value differs from its default (by index in [`CONTROLS`]), the focus, and the
    /// focused field's selection (a reader who pressed Ctrl+A as the bundle arrived types over
    /// the selection, not after it).
    pub struct FormCarry {
        changes: Vec<(u32, String, bool)>,
        focus: Option<u32>,
        selection: Option<(JsValue, JsValue, JsValue)>,
    }

    pub fn carry_form(container: &Element) -> FormCarry {
        let get = |el: &JsValue, name: &str| {
            js_sys::Reflect::get(el, &name.into()).unwrap_or(JsValue::UNDEFINED)
        };
        let mut changes = Vec::new();
        let active = document().active_element();
        let focus = active.as_ref().and_then(|a| control_index(container, a));
        let selection = active.filter(|_| focus.is_some()).and_then(|a| {
            let el: &JsValue = a.as_ref();
            let start = get(el, "selectionStart");
            // Inputs without a selection (checkboxes) give null.
            (start.as_f64().is_some()).then(|| {
                (
                    start,
                    get(el, "selectionEnd"),
                    get(el, "selectionDirection"),
                )
            })
        });
        let Ok(list) = container.query_selector_all(CONTROLS) else {
            return FormCarry {
                changes,
                focus,
                selection,
            };
        };
        for i in 0..list.length() {
            let Some(node) = list.item(i) else { continue };
            let el: &JsValue = node.as_ref();
            let Some(e) = node.dyn_ref::<Element>() else {
                continue;
            };
            match e.tag_name().as_str() {
                "INPUT"
                    if matches!(
                        e.get_attribute("type").as_deref(),
                        Some("checkbox" | "radio")
                    ) =>
                {
                    let on = get(el, "checked").as_bool().unwrap_or(false);
                    if Some(on) != get(el, "defaultChecked").as_bool() {
                        changes.push((i, String::new(), on));
                    }
                }
                "INPUT" | "TEXTAREA" => {
                    let value = get(el, "value").as_string().unwrap_or_default();
                    if Some(&value) != get(el, "defaultValue").as_string().as_ref() {
                        changes.push((i, value, false));
                    }
                }
                "SELECT" => {
                    // The option the server marked selected, or the first.
                    let value = get(el, "value").as_string().unwrap_or_default();
                    let first = e
                        .query_selector("option[selected]")
                        .ok()
                        .flatten()
                        .or_else(|| e.query_selector("option").ok().flatten());
                    let default =
                        first.and_then(|o| o.get_attribute("value").or_else(|| o.text_content()));
                    if Some(&value) != default.as_ref() {
                        changes.push((i, value, false));
                    }
                }
                _ => {}
            }
        }
        FormCarry {
            changes,
            focus,
            selection,
        }
    }

    /// Notes, on the server-rendered tool around `target`, which of its buttons was pressed
    /// (`data-pending-click`, an index in [`CONTROLS`]).
    fn remember_click(target: &Element) {
        let (Some(host), Some(button)) = (
            target
                .closest(".lab-host, .calc-host, .ex-host, #calc-root, #lab-body")
                .ok()
                .flatten(),
            target.closest("button").ok().flatten(),
        ) else {
            return;
        };
        if let Some(i) = control_index(&host, &button) {
            let _ = host.set_attribute("data-pending-click", &i.to_string());
            let _ = host.set_attribute(
                "data-pending-text",
                &button.text_content().unwrap_or_default(),
            );
        }
    }

    /// Presses, in the live tool under `host`, the button the reader pressed in the server's copy.
    pub fn replay_click(host: &Element) {
        let Some(index) = host
            .get_attribute("data-pending-click")
            .and_then(|i| i.parse::<u32>().ok())
        else {
            return;
        };
        let text = host.get_attribute("data-pending-text").unwrap_or_default();
        let _ = host.remove_attribute("data-pending-click");
        let _ = host.remove_attribute("data-pending-text");
        // Only the same button: what the reader typed first may have changed the list.
        if let Some(button) = control_at(host, index)
            .filter(|b| b.tag_name() == "BUTTON" && b.text_content().unwrap_or_default() == text)
        {
            button.click();
        }
    }

    /// Replays a [`FormCarry`] on the live copy under `container`: lists and boxes first (a unit
    /// change converts the value beside it), then typed values, each with the event a reader's
    /// change fires; then the focus.
    pub fn restore_form(container: &Element, carry: &FormCarry) {
        let Ok(list) = container.query_selector_all(CONTROLS) else {
            return;
        };
        let item = |i: u32| list.item(i).and_then(|n| n.dyn_into::<Element>().ok());
        let fire = |e: &Element, name: &str| {
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(ev) = web_sys::Event::new_with_event_init_dict(name, &init) {
                let _ = e.dispatch_event(&ev);
            }
        };
        for typed in [false, true] {
            for (i, value, on) in &carry.changes {
                let Some(e) = item(*i) else { continue };
                let el: &JsValue = e.as_ref();
                let tag = e.tag_name();
                let checkbox = matches!(
                    e.get_attribute("type").as_deref(),
                    Some("checkbox" | "radio")
                );
                let is_typed = (tag == "INPUT" && !checkbox) || tag == "TEXTAREA";
                if is_typed != typed {
                    continue;
                }
                if checkbox {
                    let _ = js_sys::Reflect::set(el, &"checked".into(), &(*on).into());
                    fire(&e, "change");
                } else {
                    let _ = js_sys::Reflect::set(el, &"value".into(), &value.into());
                    fire(&e, if typed { "input" } else { "change" });
                }
            }
        }
        if let Some(e) = carry.focus.and_then(|i| control_at(container, i)) {
            let _ = e.focus();
            if let Some((start, end, direction)) = &carry.selection {
                let el: &JsValue = e.as_ref();
                let _ = js_sys::Reflect::set(el, &"selectionStart".into(), start);
                let _ = js_sys::Reflect::set(el, &"selectionEnd".into(), end);
                let _ = js_sys::Reflect::set(el, &"selectionDirection".into(), direction);
            }
        }
    }

    /// The guide's `kind` placeholders on this page (`figure[data-widget=kind]`), each with the
    /// text of its code block (the Dockerfile or scenario the widget starts from).
    pub fn widget_figures(kind: &str) -> Vec<(HtmlElement, String)> {
        let Ok(figures) = document().query_selector_all(&format!("figure[data-widget={kind}]"))
        else {
            return Vec::new();
        };
        (0..figures.length())
            .filter_map(|i| figures.item(i)?.dyn_into::<HtmlElement>().ok())
            .map(|figure| {
                let text = figure
                    .query_selector(".code-block code")
                    .ok()
                    .flatten()
                    .and_then(|c| c.text_content())
                    .unwrap_or_default();
                (figure, text)
            })
            .collect()
    }

    /// Copies `text`, then calls `done` with whether it worked.
    pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
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
        // Each runs at most once; the browser owns them from here.
        on_ok.forget();
        on_err.forget();
    }

    /// Puts `url` in the address bar without a new history entry (`history.replaceState`,
    /// through Reflect: no web-sys feature needed for one call).
    pub fn replace_url(url: &str) {
        let win = window();
        let Ok(history) = js_sys::Reflect::get(&win, &JsValue::from_str("history")) else {
            return;
        };
        if let Ok(f) = js_sys::Reflect::get(&history, &JsValue::from_str("replaceState")) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call3(
                    &history,
                    &JsValue::NULL,
                    &JsValue::from_str(""),
                    &JsValue::from_str(url),
                );
            }
        }
    }

    fn copy_code(button: &Element, copied: &'static str, failed: &'static str) {
        let Some(code) = button
            .parent_element()
            .and_then(|block| block.query_selector("pre code").ok().flatten())
        else {
            return;
        };
        // Copy the code without the annotation markers.
        let Ok(clone) = code.clone_node_with_deep(true) else {
            return;
        };
        let Ok(clone) = clone.dyn_into::<Element>() else {
            return;
        };
        if let Ok(markers) = clone.query_selector_all("button.anno") {
            for i in 0..markers.length() {
                if let Some(m) = markers.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    // The space before the marker was added with it.
                    if let Some(prev) = m.previous_sibling() {
                        if let Some(text) = prev.text_content() {
                            prev.set_text_content(Some(text.strip_suffix(' ').unwrap_or(&text)));
                        }
                    }
                    m.remove();
                }
            }
        }
        let text = clone.text_content().unwrap_or_default();
        let original = button.text_content().unwrap_or_default();
        let button = button.clone();
        let show = move |label: &str| {
            button.set_text_content(Some(label));
            let button = button.clone();
            let original = original.clone();
            set_timeout(
                move || button.set_text_content(Some(&original)),
                Duration::from_millis(1500),
            );
        };
        copy_text(&text, move |ok| show(if ok { copied } else { failed }));
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    use super::*;
    use leptos::ev::{KeyboardEvent, MouseEvent};

    pub fn stored_theme() -> Theme {
        Theme::Auto
    }
    pub fn apply_theme(_: Theme) {}
    pub fn remember_language(_: &str) {}
    pub fn follow_scroll(_: Vec<String>, _: RwSignal<String>) {}
    pub fn on_content_click(_: &MouseEvent, _: &'static str, _: &'static str) {}
    pub fn on_content_keydown(_: &KeyboardEvent) {}
    pub fn on_search_shortcut(_: impl Fn() + 'static) {}
    pub fn is_event_on_self(_: &MouseEvent) -> bool {
        false
    }
    pub async fn load_search_index() -> Option<shipshape_search::Index> {
        None
    }
    pub fn timed<T>(_: &str, f: impl FnOnce() -> T) -> T {
        f()
    }
    pub fn go_to(_: &str) {}
    pub fn focus_hash_target() {}
    pub fn load_tools_if_needed() {}
    pub fn copy_text(_: &str, _: impl FnOnce(bool) + 'static) {}
    pub fn widget_figures(_: &str) -> Vec<(web_sys::HtmlElement, String)> {
        Vec::new()
    }
    pub fn replace_url(_: &str) {}
}

pub use imp::*;
