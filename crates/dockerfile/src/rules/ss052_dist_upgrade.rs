//! SS052 (warning): `zypper dist-upgrade` (`zypper dup`) in a RUN (hadolint DL3035).
//!
//! A distribution upgrade moves the image to whatever release the repositories offer on the
//! day of the build, packages, libraries and all: the same Dockerfile builds a different
//! operating system later, and a rebuild can break the app. Choose the release with the base
//! image's tag and update packages within it (`zypper update`, or `zypper patch` for security
//! fixes).
//!
//! No automatic fix.

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS052,
    severity: Severity::Warning,
    title: "zypper dist-upgrade in a build",
    guide: "reproducible",
    profile: Profile::Default,
    fixable: false,
    refs: Refs { hadolint: &["DL3035"], buildkit: &[] },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let s = &self.step;
        match lang {
            Lang::En => format!("`{}` on line {} runs `zypper dist-upgrade`, which moves the image to whatever distribution release the repositories offer on the day of the build: the same Dockerfile builds a different operating system later. Pick the release with the base image's tag and use `zypper update` or `zypper patch` within it.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 `zypper dist-upgrade`를 실행합니다. 그러면 이미지는 빌드하는 날 저장소가 제공하는 배포판 릴리스로 옮겨 가므로, 같은 Dockerfile이라도 나중에는 다른 운영체제가 빌드됩니다. 릴리스는 베이스 이미지의 태그로 정하고, 그 안에서 `zypper update`나 `zypper patch`를 쓰세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は `zypper dist-upgrade` を実行しています。これでイメージはビルドした日にリポジトリが提供するディストリビューションのリリースに移るため、同じ Dockerfile でも後で別の OS がビルドされます。リリースはベースイメージのタグで選び、その中で `zypper update` や `zypper patch` を使ってください。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in 0..ctx.df.instructions.len() {
        let hit = ctx.commands(k).iter().any(|c| {
            c.program() == "zypper"
                && c.words.iter().skip(1).find(|w| !w.starts_with('-')).is_some_and(|w| w == "dist-upgrade" || w == "dup")
        });
        if hit {
            out.push(finding(RuleId::SS052, ctx.instr(k).span, Vec::new(), Message::SS052(Details { step: ctx.step(k) }), None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_a_distribution_upgrade_only() {
        let f = first(RuleId::SS052, "FROM opensuse/leap:15.6\nRUN zypper --non-interactive dist-upgrade\n");
        all_langs_mention(&f, "zypper dist-upgrade");
        assert!(fires(RuleId::SS052, "FROM opensuse/tumbleweed\nRUN zypper -n dup\n"));
        assert!(!fires(RuleId::SS052, "FROM opensuse/leap:15.6\nRUN zypper -n update && zypper -n install curl\n"));
        assert!(!fires(RuleId::SS052, "FROM opensuse/leap:15.6\nRUN echo zypper dist-upgrade\n"));
    }
}
