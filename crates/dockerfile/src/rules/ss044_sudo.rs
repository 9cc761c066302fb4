//! SS044 (warning): `sudo` in a RUN.
//!
//! A build runs as root unless a USER says otherwise, so before any USER `sudo` adds nothing;
//! slim and distroless-style images do not ship it, and then the step fails with
//! `sudo: not found`. After a `USER app` it is worse: the step works only if the image has
//! `sudo` set up for that user without a password, and the Dockerfile no longer shows that the
//! step needs root. `USER root` before the step and `USER app` after it say so; dropping
//! privileges when the container starts is the job of gosu or su-exec, not sudo. hadolint's
//! DL3004 says the same (as an error); `warning` here, because a build that breaks on it
//! fails loudly rather than shipping something wrong.
//!
//! Semantics as DL3004: any simple command run through `sudo` (after `VAR=value`, `env`...),
//! in ONBUILD RUN too; `apt-get install sudo` or `echo sudo` are not. Heredoc bodies count
//! when a shell runs them (`RUN <<EOF`, `RUN <<EOF bash`), not when another program reads
//! them (`RUN python3 <<EOF`, `RUN cat <<EOF > /etc/sudoers.d/app`).
//!
//! No fix: removing `sudo` changes what runs when a USER is in effect, and `sudo -u` options
//! mean something else again.

use shipshape_lang::ko::{eul_reul, euro_ro};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::command::{shell_scripts, split_script};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS044,
    severity: Severity::Warning,
    title: "sudo in RUN",
    guide: "security",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3004"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The program run through `sudo`.
    pub program: String,
    /// The non-root USER in effect at the step, if any.
    pub user: Option<String>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, p) = (&self.step, &self.program);
        match (&self.user, lang) {
            (None, Lang::En) => format!("Line {} runs `sudo {p}`, but the build already runs as root at this step, so `sudo` adds nothing; slim images do not have it, and the step then fails with `sudo: not found`. Remove `sudo`.", s.line),
            (None, Lang::Ko) => format!("{}행은 `sudo {p}`{eul} 실행하지만, 이 단계의 빌드는 이미 root로 실행되므로 `sudo`는 아무 효과가 없습니다. slim 이미지에는 `sudo`가 없어서 이 단계가 `sudo: not found`로 실패합니다. `sudo`를 빼세요.", s.line, eul = eul_reul(p)),
            (None, Lang::Ja) => format!("{}行目は `sudo {p}` を実行していますが、このステップのビルドはすでに root で動いているので、`sudo` には意味がありません。slim イメージには `sudo` が入っておらず、このステップは `sudo: not found` で失敗します。`sudo` を外してください。", s.line),
            (Some(u), Lang::En) => format!("Line {} runs `sudo {p}` as the user `{u}`: it works only if the image has `sudo` set up for that user without a password, and it hides that the step needs root. Switch with `USER root` before the step and back with `USER {u}` after it (to drop privileges when the container starts, use gosu or su-exec).", s.line),
            (Some(u), Lang::Ko) => format!("{}행은 사용자 `{u}`{ro} `sudo {p}`{eul} 실행합니다. 이미지에 이 사용자가 비밀번호 없이 쓸 수 있는 `sudo`가 설정되어 있어야만 동작하고, 이 단계에 root 권한이 필요하다는 사실도 감춰집니다. 단계 앞에서 `USER root`로 바꾸고 뒤에서 `USER {u}`{ro} 되돌리세요. 컨테이너가 시작될 때 권한을 낮추려면 gosu나 su-exec을 쓰세요.", s.line, ro = euro_ro(u), eul = eul_reul(p)),
            (Some(u), Lang::Ja) => format!("{}行目はユーザー `{u}` で `sudo {p}` を実行しています。イメージでこのユーザーがパスワードなしで `sudo` を使えるよう設定されていなければ動かず、このステップに root 権限が必要なことも見えなくなります。ステップの前で `USER root` に切り替え、後で `USER {u}` に戻してください（コンテナの起動時に権限を下げるなら gosu や su-exec を使います）。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name.is_empty() || name == "root" || name == "0"
}

/// The USER in effect at instruction `index` of `stage` (inherited through `FROM <stage>`).
fn user_at(ctx: &Ctx, stage: usize, index: usize, depth: usize) -> Option<String> {
    let body = ctx.body(stage);
    let own = (body.start..index.min(body.end))
        .rev()
        .map(|k| ctx.instr(k))
        .find(|ins| ins.keyword == Keyword::User)
        .and_then(|ins| ins.arguments.words().first().map(|w| w.value.clone()));
    if own.is_some() {
        return own;
    }
    match ctx.parent_stage(stage) {
        Some(p) if depth <= ctx.graph.stages.len() => {
            user_at(ctx, p, ctx.body(p).end, depth + 1)
        }
        _ => None,
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        for index in ctx.body(stage) {
            let ins = ctx.instr(index);
            let run = match (&ins.keyword, &ins.arguments) {
                (Keyword::Run, _) => ins,
                (Keyword::Onbuild, Arguments::Onbuild(child)) if child.keyword == Keyword::Run => {
                    child
                }
                _ => continue,
            };
            let found = shell_scripts(run).into_iter().find_map(|s| {
                // No `sudo` in the text, no `sudo` prefix: skip the split (most RUNs).
                if !s.text.contains("sudo") {
                    return None;
                }
                split_script(&s.text)
                    .0
                    .into_iter()
                    .find(|c| c.sudo)
                    .map(|c| c.program().to_string())
            });
            let Some(program) = found else { continue };
            // An ONBUILD step runs in the next build, which starts as this image's last USER.
            let at = if ins.keyword == Keyword::Onbuild {
                ctx.body(stage).end
            } else {
                index
            };
            let user = user_at(ctx, stage, at, 0).filter(|u| !is_root(u));
            out.push(finding(
                RuleId::SS044,
                ins.span,
                Vec::new(),
                Message::SS044(Details {
                    step: ctx.step(index),
                    program,
                    user,
                }),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    const BASE: &str = "FROM debian:bookworm-slim\n";

    fn fires_on(rest: &str) -> bool {
        fires(RuleId::SS044, &format!("{BASE}{rest}\n"))
    }

    #[test]
    fn fires_on_sudo_in_run() {
        let f = first(RuleId::SS044, &format!("{BASE}RUN sudo apt-get update\n"));
        all_langs_mention(&f, "sudo apt-get");
        assert!(matches!(&f.message, Message::SS044(d) if d.user.is_none()));
        assert!(fires_on("RUN apt-get update && DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y curl"));
        assert!(fires_on("RUN [\"sudo\", \"apt-get\", \"update\"]"));
        assert!(fires_on("ONBUILD RUN sudo make install"));
        assert!(fires_on("RUN <<EOF\nset -e\nsudo make install\nEOF"));
        assert!(fires_on("RUN <<EOF bash\nsudo make install\nEOF"));
    }

    #[test]
    fn names_the_user_in_effect_through_from_stage() {
        let src = "FROM debian:bookworm-slim AS base\nUSER app\nFROM base\nRUN sudo make install\n";
        let f = first(RuleId::SS044, src);
        all_langs_mention(&f, "USER app");
        let src = "FROM debian:bookworm-slim\nUSER app\nUSER root\nRUN sudo make install\n";
        assert!(matches!(&first(RuleId::SS044, src).message, Message::SS044(d) if d.user.is_none()));
    }

    #[test]
    fn silent_when_sudo_is_not_what_runs() {
        assert!(!fires_on("RUN apt-get install -y sudo"));
        assert!(!fires_on("RUN echo sudo && echo 'sudo make'"));
        assert!(!fires_on("RUN <<EOF python3\nsudo = 1\nEOF"));
        assert!(!fires_on("RUN cat <<EOF > /etc/sudoers.d/app\nsudo ALL=(ALL) NOPASSWD: ALL\nEOF"));
        assert!(!fires_on("CMD sudo -u app server"));
    }
}
