//! SS055 (warning): a RUN replaces `/bin/sh` with a link to another shell, `ln -sf /bin/bash
//! /bin/sh` (hadolint DL4005).
//!
//! The link changes the shell of every later RUN, and of every program in the image that
//! calls `/bin/sh`, system scripts included, without the Dockerfile saying so where it
//! matters. The SHELL instruction changes the shell of the following RUN steps only, and
//! says it: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.
//!
//! No automatic fix: removing the link is not the same as adding a SHELL.

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS055,
    severity: Severity::Warning,
    title: "/bin/sh replaced by a link instead of SHELL",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: false,
    refs: Refs { hadolint: &["DL4005"], buildkit: &[] },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let s = &self.step;
        match lang {
            Lang::En => format!("`{}` on line {} replaces `/bin/sh` with a link, which changes the shell of every later RUN and of every program in the image that calls `/bin/sh`, system scripts included. To run the following steps in bash, say so with `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` instead.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 `/bin/sh`를 링크로 바꿉니다. 그러면 이후의 모든 RUN뿐 아니라 이미지 안에서 `/bin/sh`를 호출하는 모든 프로그램(시스템 스크립트 포함)의 셸이 바뀝니다. 이후 단계를 bash로 실행하려면 대신 `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`로 셸을 지정하세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は `/bin/sh` をリンクに置き換えています。これで以降のすべての RUN だけでなく、イメージ内で `/bin/sh` を呼ぶすべてのプログラム（システムのスクリプトも含む）のシェルが変わります。以降のステップを bash で動かしたいなら、代わりに `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` と明示してください。", s.line, s.text),
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
            c.program() == "ln"
                && c.words.iter().skip(1).any(|w| w.starts_with('-') && w.contains('s'))
                && c.words.last().is_some_and(|w| w == "/bin/sh")
        });
        if hit {
            out.push(finding(RuleId::SS055, ctx.instr(k).span, Vec::new(), Message::SS055(Details { step: ctx.step(k) }), None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_a_link_over_bin_sh() {
        let f = first(RuleId::SS055, "FROM debian:trixie-slim\nRUN ln -sf /bin/bash /bin/sh\n");
        all_langs_mention(&f, "SHELL");
        assert!(fires(RuleId::SS055, "FROM debian:trixie-slim\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n"));
        assert!(!fires(RuleId::SS055, "FROM debian:trixie-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo ok\n"));
        assert!(!fires(RuleId::SS055, "FROM debian:trixie-slim\nRUN ln -s /bin/sh /usr/local/bin/sh\n"));
        assert!(!fires(RuleId::SS055, "FROM debian:trixie-slim\nRUN ln /bin/bash /bin/sh.hard\n"));
    }
}
