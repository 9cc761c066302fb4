//! The guide's exercises, compiled in from `content/exercises/` and `content/<lang>/exercises/`
//! by the build script, in the track's order. [`problems`] lists what is wrong with them (an
//! unknown rule, a check on the wrong kind of exercise, a missing translation); the content
//! test fails on any.

use std::borrow::Cow;

use crate::model::*;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

pub use shipshape_dockerfile::Lang;

/// The languages every exercise is written in, English first.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

/// Every exercise, in the track's order (by part, first contact first).
pub fn all() -> &'static [Exercise] {
    EXERCISES
}

/// The exercise with this id.
pub fn get(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.id == id)
}

/// Its position in the track.
pub fn position(id: &str) -> Option<usize> {
    EXERCISES.iter().position(|e| e.id == id)
}

/// The exercise after this one in the track.
pub fn next(id: &str) -> Option<&'static Exercise> {
    position(id).and_then(|i| EXERCISES.get(i + 1))
}

/// The exercise's text in `lang` (`None` only when a file is missing, which the content test
/// refuses).
pub fn text(id: &str, lang: Lang) -> Option<&'static ExerciseText> {
    let texts = match lang {
        Lang::En => TEXTS_EN,
        Lang::Ko => TEXTS_KO,
        Lang::Ja => TEXTS_JA,
    };
    position(id)
        .and_then(|i| texts.get(i))
        .and_then(Option::as_ref)
}

/// The exercises that practise a guide page, in track order.
pub fn practising(slug: &str) -> impl Iterator<Item = &'static Exercise> + '_ {
    EXERCISES
        .iter()
        .filter(move |e| e.practises.iter().any(|p| p == slug))
}

/// What is wrong with the compiled exercises, one line each naming the file.
pub fn problems() -> Vec<String> {
    let mut out = Vec::new();
    for id in UNLISTED {
        out.push(format!(
            "content/exercises/{id}.toml: not listed in content/exercises/track.toml"
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut last_part = Part::Concepts;
    for e in EXERCISES {
        let file = format!("content/exercises/{}.toml", e.id);
        if seen.contains(&e.id.as_ref()) {
            out.push(format!("{file}: listed twice in the track"));
        }
        seen.push(&e.id);
        if e.part < last_part {
            out.push(format!(
                "{file}: the track lists it after an exercise of a later part"
            ));
        }
        last_part = e.part;
        out.extend(
            definition_problems(e)
                .into_iter()
                .map(|p| format!("{file}: {p}")),
        );
        let Some(en) = text(&e.id, Lang::En) else {
            out.push(format!("content/en/exercises/{}.toml is missing", e.id));
            continue;
        };
        for lang in LANGS {
            let path = format!("content/{}/exercises/{}.toml", lang.code(), e.id);
            let Some(t) = text(&e.id, lang) else {
                out.push(format!("{path} is missing"));
                continue;
            };
            for (name, value) in [
                ("title", &t.title),
                ("task", &t.task),
                ("explanation", &t.explanation),
            ] {
                if value.trim().is_empty() {
                    out.push(format!("{path}: `{name}` is empty"));
                }
            }
            if t.hints.is_empty() {
                out.push(format!("{path}: no hints"));
            }
            if t.hints.len() != en.hints.len() {
                out.push(format!(
                    "{path}: {} hints, but English has {}",
                    t.hints.len(),
                    en.hints.len()
                ));
            }
            if t.hints.iter().any(|h| h.trim().is_empty()) {
                out.push(format!("{path}: an empty hint"));
            }
            let ids: Vec<&str> = t.choices.iter().map(|c| c.id.as_ref()).collect();
            let wanted: Vec<&str> = match &e.concept {
                Some(c) => c.choices.iter().map(|c| c.as_ref()).collect(),
                None => Vec::new(),
            };
            if ids != wanted {
                out.push(format!(
                    "{path}: choices {ids:?}, but the exercise has {wanted:?}"
                ));
            }
            if t.choices
                .iter()
                .any(|c| c.label.trim().is_empty() || c.why.trim().is_empty())
            {
                out.push(format!("{path}: every choice needs a label and a `why`"));
            }
        }
    }
    out
}

/// What is wrong with one definition: the wrong parts for its kind, checks it cannot have,
/// names the engines do not know.
pub fn definition_problems(e: &Exercise) -> Vec<String> {
    let mut out = Vec::new();
    let parts = [
        e.dockerfile.is_some(),
        e.capacity.is_some(),
        e.concept.is_some(),
    ];
    if parts.iter().filter(|p| **p).count() != 1 {
        out.push("needs exactly one of [dockerfile], [capacity] or [concept]".to_string());
        return out;
    }
    let kind = e.kind();
    for check in e.checks.iter() {
        let allowed = match check {
            Check::Rebuild { .. }
            | Check::Finding { .. }
            | Check::NonRootUser
            | Check::NoBuildTools
            | Check::ExecForm
            | Check::StartHas { .. }
            | Check::Stage { .. }
            | Check::Ignored { .. } => kind == Kind::Dockerfile,
            Check::Fits | Check::NoWarning { .. } | Check::Compare { .. } => kind == Kind::Capacity,
        };
        if !allowed {
            out.push(format!(
                "a `{}` check cannot judge a {} exercise",
                check_name(check),
                kind.as_str()
            ));
        }
        match check {
            Check::Finding { rule, .. }
                if shipshape_dockerfile::RuleId::from_name(rule).is_none() =>
            {
                out.push(format!("no rule is named `{rule}`"));
            }
            Check::Rebuild {
                max_heavy: None,
                max_rebuilt: None,
                min_rebuilt: None,
                ..
            } => {
                out.push("a rebuild check needs max_heavy, max_rebuilt or min_rebuilt".to_string())
            }
            Check::Rebuild { changed, .. } | Check::Ignored { paths: changed } => {
                if let Some(t) = &e.dockerfile {
                    for c in changed.iter() {
                        if !t.context.contains(c) {
                            out.push(format!("`{c}` is not one of the context's files"));
                        }
                    }
                }
            }
            Check::NoWarning { code } if warning_code(code).is_none() => {
                out.push(format!("the capacity engine has no warning `{code}`"));
            }
            Check::Compare {
                at_least: None,
                at_most: None,
                equals: None,
                ..
            } => out.push("a compare check needs at_least, at_most or equals".to_string()),
            _ => {}
        }
    }
    if e.checks.is_empty() && kind != Kind::Concept {
        out.push("has no checks".to_string());
    }
    if let Some(t) = &e.dockerfile {
        if t.app.is_empty() {
            out.push("`app` must name the app's files".to_string());
        }
        for f in t.app.iter().chain(t.changed.iter()) {
            if !t.context.contains(f) {
                out.push(format!("`{f}` is not one of the context's files"));
            }
        }
    }
    if let Some(t) = &e.capacity {
        for (name, json) in [("start", &t.start), ("solution", &t.solution)] {
            if let Err(err) = shipshape_capacity::parse_scenario(json) {
                out.push(format!("the {name} scenario: {err}"));
            }
        }
    }
    if let Some(c) = &e.concept {
        if !c.choices.contains(&c.answer) {
            out.push(format!("the answer `{}` is not a choice", c.answer));
        }
        if c.choices.len() < 2 {
            out.push("a question needs at least two choices".to_string());
        }
    }
    out
}

/// The capacity engine's warning of this snake_case code.
pub(crate) fn warning_code(code: &str) -> Option<shipshape_capacity::WarningCode> {
    shipshape_capacity::WarningCode::from_name(code)
}

/// The check's `kind` as written in the files.
pub fn check_name(check: &Check) -> &'static str {
    match check {
        Check::Rebuild { .. } => "rebuild",
        Check::Finding { .. } => "finding",
        Check::NonRootUser => "non_root_user",
        Check::NoBuildTools => "no_build_tools",
        Check::ExecForm => "exec_form",
        Check::StartHas { .. } => "start_has",
        Check::Stage { .. } => "stage",
        Check::Ignored { .. } => "ignored",
        Check::Fits => "fits",
        Check::NoWarning { .. } => "no_warning",
        Check::Compare { .. } => "compare",
    }
}

// The generated data spells `Cow::Borrowed`; keep the import used when there are no exercises.
#[allow(dead_code)]
const _COW: Option<Cow<'static, str>> = None;
