//! The lab's browser calls (saved copies, the address, the clipboard, downloads, the textarea's
//! undoable edits), behind small functions that do nothing on the server, as in `browser.rs`.

/// localStorage keys: `shipshape.lab.v1.<instance>`; a damaged copy is kept aside under the
/// same key with `.damaged` added, so nothing the reader wrote is thrown away.
pub fn storage_key(instance: &str) -> String {
    format!("shipshape.lab.v1.{instance}")
}

#[cfg(feature = "hydrate")]
mod imp {
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    pub fn load(key: &str) -> Option<String> {
        storage().and_then(|s| s.get_item(key).ok().flatten())
    }

    pub fn store(key: &str, value: &str) {
        if let Some(s) = storage() {
            let _ = s.set_item(key, value);
        }
    }

    pub fn forget(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// The address's fragment without `#`.
    pub fn hash() -> String {
        let hash = window().location().hash().unwrap_or_default();
        hash.strip_prefix('#').unwrap_or(&hash).to_string()
    }

    /// Removes the fragment without a new history entry (a shared state, once loaded, is the
    /// reader's own; a reload must not bring the link's version back over their edits).
    pub fn clear_hash() {
        let win = window();
        let location = win.location();
        let url = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        crate::browser::replace_url(&url);
    }

    /// The page's origin (`http://host:port`), for absolute share links.
    pub fn origin() -> String {
        window().location().origin().unwrap_or_default()
    }

    /// Offers `text` as a file called `name`, through a `data:` link: no Blob, no server. The type
    /// is not `text/plain`, for which browsers add `.txt` to a name without an extension.
    pub fn download(name: &str, text: &str) {
        let doc = document();
        let Ok(a) = doc.create_element("a") else {
            return;
        };
        let data = format!(
            "data:application/octet-stream,{}",
            String::from(js_sys::encode_uri_component(text))
        );
        let _ = a.set_attribute("href", &data);
        let _ = a.set_attribute("download", name);
        if let (Some(body), Ok(a)) = (doc.body(), a.dyn_into::<web_sys::HtmlElement>()) {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }

    fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
        let f = js_sys::Reflect::get(target, &JsValue::from_str(method))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let array = js_sys::Array::new();
        for a in args {
            array.push(a);
        }
        f.apply(target, &array).ok()
    }

    /// Replaces the textarea's UTF-16 range `start..end` with `text` as one step of the
    /// browser's undo (`document.execCommand('insertText')`), then selects `select` if given.
    /// Falls back to setting the value (without undo) where the browser refuses.
    pub fn replace_range(
        textarea: &web_sys::HtmlElement,
        start: u32,
        end: u32,
        text: &str,
        select: Option<(u32, u32)>,
    ) {
        let el: &JsValue = textarea.as_ref();
        let _ = textarea.focus();
        let _ = js_sys::Reflect::set(el, &"selectionStart".into(), &start.into());
        let _ = js_sys::Reflect::set(el, &"selectionEnd".into(), &end.into());
        let done = call(
            document().as_ref(),
            "execCommand",
            &["insertText".into(), false.into(), text.into()],
        )
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
        if !done {
            let value = js_sys::Reflect::get(el, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let units: Vec<u16> = value.encode_utf16().collect();
            let s = (start as usize).min(units.len());
            let e = (end as usize).clamp(s, units.len());
            let mut next = String::from_utf16_lossy(&units[..s]);
            next.push_str(text);
            next.push_str(&String::from_utf16_lossy(&units[e..]));
            let _ = js_sys::Reflect::set(el, &"value".into(), &next.into());
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = textarea.dispatch_event(&event);
            }
        }
        if let Some((s, e)) = select {
            set_selection(textarea, s, e);
        }
    }

    pub fn set_selection(textarea: &web_sys::HtmlElement, start: u32, end: u32) {
        let el: &JsValue = textarea.as_ref();
        let _ = js_sys::Reflect::set(el, &"selectionStart".into(), &start.into());
        let _ = js_sys::Reflect::set(el, &"selectionEnd".into(), &end.into());
    }

    /// (selectionStart, selectionEnd) in UTF-16 units.
    pub fn selection(textarea: &web_sys::HtmlElement) -> (u32, u32) {
        let el: &JsValue = textarea.as_ref();
        let get = |name: &str| {
            js_sys::Reflect::get(el, &name.into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as u32
        };
        (get("selectionStart"), get("selectionEnd"))
    }

    /// Scroll position of an element, as (top, left).
    pub fn scroll(el: &web_sys::HtmlElement) -> (i32, i32) {
        let e: &web_sys::Element = el.as_ref();
        (e.scroll_top(), e.scroll_left())
    }

    /// Moves `el`'s content by (top, left) pixels, to follow the textarea's scroll.
    pub fn follow_scroll(el: &web_sys::HtmlElement, top: i32, left: i32) {
        let _ = el
            .style()
            .set_property("transform", &format!("translate({}px, {}px)", -left, -top));
    }

    /// The element's computed line height in pixels.
    pub fn line_height(el: &web_sys::HtmlElement) -> Option<f64> {
        let style = window().get_computed_style(el).ok().flatten()?;
        let value = style.get_property_value("line-height").ok()?;
        // Whole pixels (the stylesheet rounds it), and integer parsing keeps the float parser,
        // some 15 KB, out of the wasm.
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        digits
            .parse::<u32>()
            .ok()
            .filter(|px| *px > 0)
            .map(f64::from)
    }

    /// Records a performance mark (the typing benchmark reads them).
    pub fn mark(name: &str) {
        if let Some(p) = window().performance() {
            let _ = p.mark(name);
        }
    }

    /// Measures from the mark `start` to now as `name`.
    pub fn measure(name: &str, start: &str) {
        if let Some(p) = window().performance() {
            let _ = p.measure_with_start_mark(name, start);
        }
    }

    fn prop(el: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(el, &name.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// The Dockerfile the server wrote into the lab under `container` (its editor's default
    /// value, whatever the reader has typed since).
    pub fn default_source(container: &web_sys::Element) -> Option<String> {
        let editor = container.query_selector("textarea.lab-source").ok()??;
        prop(&editor, "defaultValue").as_string()
    }

    /// What the reader did to a server-rendered lab, read before it is replaced.
    pub struct Carry {
        pub carried: crate::lab::Carried,
        /// Index, in `browser::control_index`'s list, of the control that has the focus.
        focus: Option<u32>,
        selection: (u32, u32),
        scroll: (i32, i32),
        /// Which `<details>` are open.
        open: Vec<bool>,
    }

    pub fn carry_from(container: &web_sys::Element) -> Carry {
        let editor = container
            .query_selector("textarea.lab-source")
            .ok()
            .flatten();
        let text = editor.as_ref().and_then(|e| {
            let value = prop(e, "value").as_string()?;
            (Some(&value) != prop(e, "defaultValue").as_string().as_ref()).then_some(value)
        });
        let mut ticked = false;
        let mut changed = Vec::new();
        if let Ok(boxes) = container.query_selector_all("input[data-path]") {
            for i in 0..boxes.length() {
                let Some(b) = boxes.item(i) else { continue };
                let on = prop(&b, "checked").as_bool().unwrap_or(false);
                ticked |= Some(on) != prop(&b, "defaultChecked").as_bool();
                if let (true, Some(path)) = (
                    on,
                    b.dyn_ref::<web_sys::Element>()
                        .and_then(|e| e.get_attribute("data-path")),
                ) {
                    changed.push(path);
                }
            }
        }
        let carried = crate::lab::Carried {
            text,
            changed: ticked.then_some(changed),
        };
        let focus = document()
            .active_element()
            .and_then(|a| crate::browser::control_index(container, &a));
        let (selection, scroll) =
            match editor.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(e) => (selection(&e), scroll(&e)),
                None => ((0, 0), (0, 0)),
            };
        let open = container
            .query_selector_all("details")
            .map(|list| {
                (0..list.length())
                    .map(|i| {
                        list.item(i)
                            .and_then(|d| d.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|d| d.has_attribute("open"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Carry {
            carried,
            focus,
            selection,
            scroll,
            open,
        }
    }

    /// Puts the focus, the caret and the open panels of the live lab under `container` where
    /// they were in the server's copy.
    pub fn restore(container: &web_sys::Element, carry: &Carry) {
        if let Ok(list) = container.query_selector_all("details") {
            for (i, open) in carry.open.iter().enumerate() {
                if let Some(d) = list
                    .item(i as u32)
                    .and_then(|d| d.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = d.toggle_attribute_with_force("open", *open);
                }
            }
        }
        if let Some(e) = container
            .query_selector("textarea.lab-source")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let el: &web_sys::Element = e.as_ref();
            el.set_scroll_top(carry.scroll.0);
            el.set_scroll_left(carry.scroll.1);
        }
        let Some(control) = carry
            .focus
            .and_then(|i| crate::browser::control_at(container, i))
        else {
            return;
        };
        let _ = control.focus();
        if control.class_list().contains("lab-source") {
            set_selection(&control, carry.selection.0, carry.selection.1);
        }
    }

    /// Runs `f` at the next animation frame.
    pub fn next_frame(f: impl FnOnce() + 'static) {
        let cb: Closure<dyn FnMut()> = Closure::once(f);
        let _ = window().request_animation_frame(cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

#[cfg(not(feature = "hydrate"))]
#[allow(dead_code)]
mod imp {
    pub fn load(_: &str) -> Option<String> {
        None
    }
    pub fn store(_: &str, _: &str) {}
    pub fn forget(_: &str) {}
    pub fn hash() -> String {
        String::new()
    }
    pub fn clear_hash() {}
    pub fn origin() -> String {
        String::new()
    }
    pub fn download(_: &str, _: &str) {}
    pub fn replace_range(_: &web_sys::HtmlElement, _: u32, _: u32, _: &str, _: Option<(u32, u32)>) {
    }
    pub fn set_selection(_: &web_sys::HtmlElement, _: u32, _: u32) {}
    pub fn selection(_: &web_sys::HtmlElement) -> (u32, u32) {
        (0, 0)
    }
    pub fn scroll(_: &web_sys::HtmlElement) -> (i32, i32) {
        (0, 0)
    }
    pub fn follow_scroll(_: &web_sys::HtmlElement, _: i32, _: i32) {}
    pub fn line_height(_: &web_sys::HtmlElement) -> Option<f64> {
        None
    }
    pub fn mark(_: &str) {}
    pub fn measure(_: &str, _: &str) {}
    pub fn next_frame(_: impl FnOnce() + 'static) {}
}

pub use imp::*;
