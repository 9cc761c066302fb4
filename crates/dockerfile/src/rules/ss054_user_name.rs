//! SS054 (info): in the strict profile, the final image's USER is a name, not a numeric UID
//! (hadolint DL3066).
//!
//! Kubernetes' `runAsNonRoot: true` checks the image's user before it starts the container,
//! and it can only check a number: with `USER appuser` the kubelet refuses the pod ("image has
//! non-numeric user ... cannot verify user is non-root") unless the pod also sets
//! `runAsUser`. A numeric `USER 10001` (created with that UID) passes. Strict: a name is
//! clearer to read, the guide uses one, and it is fine wherever no such check runs.
//!
//! No automatic fix: the UID must match the one the user was created with.

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS054,
    severity: Severity::Info,
    title: "USER by name, which runAsNonRoot cannot verify",
    guide: "security",
    profile: Profile::Strict,
    fixable: false,
    refs: Refs { hadolint: &["DL3066"], buildkit: &[] },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    pub user: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, u) = (&self.step, &self.user);
        match lang {
            Lang::En => format!("The final image runs as `{u}` (line {}), a name rather than a number. Kubernetes' `runAsNonRoot: true` can only verify a numeric user, so it refuses to start this image unless the pod sets `runAsUser`. Create the user with a fixed UID (`useradd --uid 10001 {u}`) and write `USER 10001`.", s.line),
            Lang::Ko => format!("최종 이미지는 숫자가 아닌 이름인 `{u}` 사용자로 실행됩니다({}행). Kubernetes의 `runAsNonRoot: true`는 숫자 사용자만 확인할 수 있어서, 파드에 `runAsUser`가 없으면 이 이미지를 시작하지 않습니다. 사용자를 고정 UID로 만들고(`useradd --uid 10001 {u}`) `USER 10001`이라고 쓰세요.", s.line),
            Lang::Ja => format!("最終イメージは、数値ではなく名前の `{u}` ユーザーで動きます（{}行目）。Kubernetes の `runAsNonRoot: true` は数値のユーザーしか確認できないため、Pod に `runAsUser` がなければこのイメージを起動しません。ユーザーを固定の UID で作り（`useradd --uid 10001 {u}`）、`USER 10001` と書いてください。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // The last USER of the final stage's line of descent.
    let last = ctx
        .graph
        .final_chain
        .iter()
        .flat_map(|&s| ctx.body(s).rev())
        .find(|&k| ctx.instr(k).keyword == Keyword::User);
    let Some(k) = last else { return };
    let Some(word) = ctx.instr(k).arguments.words().first().map(|w| w.value.clone()) else {
        return;
    };
    let value = crate::shell::unquote(&word, ctx.df.escape);
    let user = value.split(':').next().unwrap_or("").to_string();
    let numeric = !user.is_empty() && user.chars().all(|c| c.is_ascii_digit());
    // root is SS007's; a variable is decided at build time.
    if numeric || user.is_empty() || user == "root" || user.contains('$') {
        return;
    }
    out.push(finding(RuleId::SS054, ctx.instr(k).span, Vec::new(), Message::SS054(Details { step: ctx.step(k), user }), None));
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_a_named_final_user() {
        let f = first(RuleId::SS054, "FROM python:3.14-slim\nRUN useradd --create-home appuser\nUSER appuser\n");
        all_langs_mention(&f, "runAsNonRoot");
        all_langs_mention(&f, "appuser");
        assert!(fires(RuleId::SS054, "FROM python:3.14-slim AS base\nUSER app:app\nFROM base\nRUN true\n"));
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim\nUSER 10001\n"));
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim\nUSER 10001:10001\n"));
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim\nUSER appuser\nUSER 10001\n"));
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim\nUSER root\n"));
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim\nUSER $APP_UID\n"));
        // Only the final image counts.
        assert!(!fires(RuleId::SS054, "FROM python:3.14-slim AS build\nUSER builder\nFROM python:3.14-slim\nUSER 10001\n"));
        assert_eq!(META.profile, Profile::Strict);
    }
}
