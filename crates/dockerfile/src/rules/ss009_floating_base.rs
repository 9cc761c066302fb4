//! SS009 (warning): a base image with no tag, or the `latest` tag.
//!
//! The image behind `python` or `python:latest` moves to a new major version
//! without warning: the same Dockerfile builds something else next month,
//! and every layer after FROM is rebuilt when it moves. A digest
//! (`@sha256:...`), a variable, `scratch` and earlier stages are left alone.
//!
//! No automatic fix: only the author knows which version the app supports.

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Lang, Message, RuleId, StepRef};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS009,
    severity: Severity::Warning,
    title: "Untagged or latest base image",
    guide: "reproducible",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3006", "DL3007"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub from: StepRef,
    pub image: String,
    /// `:latest` written out (else: no tag at all).
    pub latest: bool,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (f, i) = (&self.from, &self.image);
        let repo = i.split(':').next().unwrap_or(i);
        match (self.latest, lang) {
            (true, Lang::En) => format!("Line {} builds on `{i}`: `latest` moves to new releases without warning, so the same Dockerfile builds a different image later and every layer after FROM is rebuilt when it moves. Pin a version, such as `{repo}:<version>`.", f.line),
            (false, Lang::En) => format!("Line {} builds on `{i}` with no tag, which means `latest`: it moves to new releases without warning, so the same Dockerfile builds a different image later. Pin a version, such as `{repo}:<version>`.", f.line),
            (true, Lang::Ko) => format!("{}행은 `{i}` 이미지를 기반으로 합니다. `latest` 태그는 예고 없이 새 릴리스를 가리키게 되므로 같은 Dockerfile이 나중에는 다른 이미지를 만들고, 바뀔 때마다 FROM 뒤의 모든 레이어가 다시 빌드됩니다. `{repo}:<버전>`처럼 버전을 고정하세요.", f.line),
            (false, Lang::Ko) => format!("{}행은 태그 없이 `{i}` 이미지를 기반으로 하므로 `latest` 태그가 쓰입니다. 이 태그는 예고 없이 새 릴리스를 가리키게 되므로 같은 Dockerfile이 나중에는 다른 이미지를 만듭니다. `{repo}:<버전>`처럼 버전을 고정하세요.", f.line),
            (true, Lang::Ja) => format!("{}行目は `{i}` をベースにしています。`latest` は予告なく新しいリリースを指すように変わるため、同じ Dockerfile でも後になると別のイメージがビルドされ、変わるたびに FROM 以降のすべてのレイヤーが再ビルドされます。`{repo}:<バージョン>` のようにバージョンを固定してください。", f.line),
            (false, Lang::Ja) => format!("{}行目はタグなしの `{i}` をベースにしており、これは `latest` を指定したのと同じです。`latest` は予告なく新しいリリースを指すように変わるため、同じ Dockerfile でも後になると別のイメージがビルドされます。`{repo}:<バージョン>` のようにバージョンを固定してください。", f.line),
        }
    }
}

/// `Some(true)` for `:latest`, `Some(false)` for no tag, `None` when pinned.
pub(crate) fn floating(image: &str) -> Option<bool> {
    if image.contains('@') {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => (tag == "latest").then_some(true),
        None => Some(false),
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (s, stage) in ctx.graph.stages.iter().enumerate() {
        if ctx.parent_stage(s).is_some()
            || stage.base.contains('$') && ctx.base_image(s).contains('$')
        {
            continue;
        }
        let image = ctx.base_image(s);
        if image.is_empty()
            || image.eq_ignore_ascii_case("scratch")
            || stage.base.contains('$') && image.ends_with(':')
        {
            continue;
        }
        // A variable that expanded to nothing is a build-time choice.
        if stage.base.contains('$') && (image.starts_with(':') || image.is_empty()) {
            continue;
        }
        let Some(latest) = floating(&image) else {
            continue;
        };
        let from = ctx.instr(stage.from);
        let span = from
            .arguments
            .words()
            .first()
            .map(|w| w.span)
            .unwrap_or(from.span);
        let details = Details {
            from: ctx.step(stage.from),
            image,
            latest,
        };
        out.push(finding(
            RuleId::SS009,
            span,
            Vec::new(),
            Message::SS009(details),
            None,
        ));
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_untagged_and_latest() {
        let f = first(RuleId::SS009, "FROM python\n");
        all_langs_mention(&f, "`python`");
        assert!(fires(
            RuleId::SS009,
            "FROM node:latest AS build\nFROM build\n"
        ));
        assert!(fires(RuleId::SS009, "FROM localhost:5000/app\n"));
        assert!(!fires(RuleId::SS009, "FROM python:3.13-slim\n"));
        assert!(!fires(RuleId::SS009, "FROM localhost:5000/app:1.2\n"));
        assert!(!fires(RuleId::SS009, "FROM python@sha256:abcd\n"));
        assert!(!fires(RuleId::SS009, "FROM scratch\n"));
        assert!(!fires(RuleId::SS009, "ARG BASE\nFROM ${BASE}\n"));
        assert!(!fires(
            RuleId::SS009,
            "FROM golang:1.23 AS build\nFROM build\n"
        ));
        assert!(fires(RuleId::SS009, "ARG TAG=latest\nFROM python:${TAG}\n"));
    }
}
