//! SS007 (info): the final stage runs as root: no USER in it (or in the
//! stages it is built from), or the last USER is root.
//!
//! Info, not warning: the guide's first Dockerfiles run as root on purpose,
//! and its security chapter adds the user later; an info finding points
//! there without failing a check. Base images known to set an unprivileged
//! user (`nonroot` tags, `-unprivileged`, `rootless`) are trusted.
//!
//! No automatic fix: adding a user adds commands (`useradd`) and may need
//! `--chown` on copies and a port above 1024.

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS007,
    severity: Severity::Info,
    title: "The final stage runs as root",
    guide: "security",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3002"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The final stage's FROM.
    pub from: StepRef,
    /// The last USER line, when it names root.
    pub user: Option<StepRef>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let f = &self.from;
        match (&self.user, lang) {
            (Some(u), Lang::En) => format!("`{}` on line {} makes the final image run as root: a bug in the app then has root's rights inside the container. Create an unprivileged user (`RUN useradd --create-home appuser`) and switch to it with `USER appuser`.", u.text, u.line),
            (None, Lang::En) => format!("The final stage (`{}`, line {}) never sets USER, so the app runs as root: a bug in it then has root's rights inside the container. Create an unprivileged user (`RUN useradd --create-home appuser`) and add `USER appuser` before CMD.", f.text, f.line),
            (Some(u), Lang::Ko) => format!("{}행의 `{}` 때문에 최종 이미지가 root로 실행됩니다. 그러면 앱의 버그가 컨테이너 안에서 root 권한으로 동작하게 됩니다. root가 아닌 사용자를 만들고(`RUN useradd --create-home appuser`) `USER appuser`로 전환하세요.", u.line, u.text),
            (None, Lang::Ko) => format!("최종 스테이지(`{}`, {}행)에 USER가 없어서 앱이 root로 실행됩니다. 그러면 앱의 버그가 컨테이너 안에서 root 권한으로 동작하게 됩니다. root가 아닌 사용자를 만들고(`RUN useradd --create-home appuser`) CMD 앞에 `USER appuser`를 추가하세요.", f.text, f.line),
            (Some(u), Lang::Ja) => format!("{}行目の `{}` により、最終イメージは root で実行されます。そのため、アプリのバグもコンテナ内で root 権限のまま動くことになります。非特権ユーザーを作成し（`RUN useradd --create-home appuser`）、`USER appuser` でそのユーザーに切り替えてください。", u.line, u.text),
            (None, Lang::Ja) => format!("最終ステージ（`{}`、{}行目）で USER を設定していないため、アプリは root で実行されます。そのため、アプリのバグもコンテナ内で root 権限のまま動くことになります。非特権ユーザーを作成し（`RUN useradd --create-home appuser`）、CMD の前に `USER appuser` を追加してください。", f.text, f.line),
        }
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name == "root" || name == "0"
}

fn base_runs_unprivileged(image: &str) -> bool {
    let l = image.to_ascii_lowercase();
    l.contains("nonroot")
        || l.contains("non-root")
        || l.contains("unprivileged")
        || l.contains("rootless")
        || l.starts_with("bitnami/")
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let last_user = ctx.graph.final_chain.iter().find_map(|&s| {
        ctx.body(s)
            .rev()
            .find(|&k| ctx.instr(k).keyword == Keyword::User)
    });
    let final_from = ctx.graph.stages[ctx.final_stage].from;
    let (span, user) = match last_user {
        Some(k) => {
            let ins = ctx.instr(k);
            let value = ins
                .arguments
                .words()
                .first()
                .map(|w| w.value.clone())
                .unwrap_or_default();
            if !is_root(&crate::shell::unquote(&value, ctx.df.escape)) {
                return;
            }
            (ins.span, Some(ctx.step(k)))
        }
        None => {
            let (_, image) = ctx.root_image(ctx.final_stage);
            if base_runs_unprivileged(&image) || image.eq_ignore_ascii_case("scratch") {
                return;
            }
            (ctx.instr(final_from).span, None)
        }
    };
    let details = Details {
        from: ctx.step(final_from),
        user,
    };
    out.push(finding(
        RuleId::SS007,
        span,
        Vec::new(),
        Message::SS007(details),
        None,
    ));
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
    fn fires_without_user_or_with_user_root_last() {
        let f = first(RuleId::SS007, "FROM python:3.12\nCMD [\"python\"]\n");
        all_langs_mention(&f, "python:3.12");
        let f = first(
            RuleId::SS007,
            "FROM python:3.12\nUSER app\nRUN id\nUSER root\n",
        );
        assert_eq!(f.span.start_pos.line, 4);
        assert!(!fires(
            RuleId::SS007,
            "FROM python:3.12\nRUN useradd app\nUSER app\n"
        ));
        // Inherited from the stage it is built on.
        assert!(!fires(
            RuleId::SS007,
            "FROM python:3.12 AS base\nUSER app\nFROM base\nCMD [\"x\"]\n"
        ));
        // Only the final stage counts.
        assert!(!fires(
            RuleId::SS007,
            "FROM golang:1.23 AS build\nRUN go build\nFROM gcr.io/distroless/static:nonroot\n"
        ));
    }
}
