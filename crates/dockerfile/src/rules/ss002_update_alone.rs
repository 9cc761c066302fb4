//! SS002 (warning): a package index update (`apt-get update`, `apk update`,
//! `yum makecache`, `zypper refresh`) in a RUN of its own, followed by an
//! install in a later RUN.
//!
//! A RUN is cached on its command text, never on what it downloads, so the
//! update layer stays in the cache for weeks while the install after it is
//! rebuilt whenever its package list changes: it then installs from a stale
//! index and may ask for versions the mirror no longer has.
//!
//! Fix: delete the update RUN and start the install RUN with `update && `.
//! Offered when both are plain shell-form commands, nothing runs between
//! them, and the install is a plain `&&` chain (so the prefix keeps it
//! equivalent: the same commands, in the same order, stopping at the first
//! failure).

use super::{Profile, Refs, RuleMeta, Severity, finding, insert, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef, TextEdit};
use crate::command::{index_update, package_install, split_script, Command};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS002,
    severity: Severity::Warning,
    title: "Package index update in a RUN of its own",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub update: StepRef,
    pub install: StepRef,
    /// The update command as written, e.g. `apt-get update`.
    pub command: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (u, i, c) = (&self.update, &self.install, &self.command);
        match lang {
            Lang::En => format!(
                "`{}` on line {} updates the package index in a RUN of its own. Docker caches that step on its text, so when `{}` on line {} is rebuilt it installs from an index that may be weeks old and can fail on packages the mirror no longer has. Run both in one RUN: `{c} && ...`.",
                u.text, u.line, i.text, i.line
            ),
            Lang::Ko => format!(
                "{}행의 `{}` 명령이 패키지 목록 갱신만 별도의 RUN에서 실행합니다. Docker는 이 단계를 명령 문자열 기준으로 캐시하므로, {}행의 `{}` 단계가 다시 빌드될 때 몇 주 지난 목록으로 설치하게 되어 미러에서 이미 사라진 패키지 때문에 실패할 수 있습니다. 두 명령을 `{c} && ...`처럼 하나의 RUN에서 실행하면 됩니다.",
                u.line, u.text, i.line, i.text
            ),
            Lang::Ja => format!(
                "{}行目の `{}` はパッケージ一覧の更新だけを独立した RUN で行っています。Docker はこのステップをコマンド文字列をもとにキャッシュするため、{}行目の `{}` が再ビルドされるときに何週間も前の一覧でインストールすることになり、ミラーから削除済みのパッケージの取得に失敗することがあります。`{c} && ...` のように 1 つの RUN にまとめてください。",
                u.line, u.text, i.line, i.text
            ),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "Run `{}` in the same RUN as the install on line {}",
                self.command, self.install.line
            ),
            Lang::Ko => format!(
                "`{}` 명령을 {}행의 설치와 같은 RUN에서 실행하기",
                self.command, self.install.line
            ),
            Lang::Ja => format!(
                "`{}` を {}行目のインストールと同じ RUN で実行する",
                self.command, self.install.line
            ),
        }
    }
}

/// The manager whose index this RUN only updates (ignoring `set -e` and echoes).
fn update_only(cmds: &[Command]) -> Option<&'static str> {
    let mut manager = None;
    for c in cmds {
        if let Some(m) = index_update(c) {
            if package_install(c).is_some() {
                return None;
            }
            manager = Some(m);
        } else if !matches!(c.program(), "set" | "echo" | "true") {
            return None;
        }
    }
    manager
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        for k in body.clone() {
            let ins = ctx.instr(k);
            if ins.keyword != Keyword::Run {
                continue;
            }
            let cmds = ctx.commands(k);
            let Some(manager) = update_only(cmds) else {
                continue;
            };
            let Some(k2) = (k + 1..body.end).find(|&e| {
                ctx.instr(e).keyword == Keyword::Run
                    && ctx
                        .commands(e)
                        .iter()
                        .any(|c| package_install(c) == Some(manager))
            }) else {
                continue;
            };
            let update_cmd = cmds
                .iter()
                .find(|c| index_update(c).is_some())
                .map(|c| c.words.join(" "))
                .unwrap_or_default();
            let install = ctx.instr(k2);
            let fix = match (&ins.arguments, &install.arguments) {
                (Arguments::Shell(u), Arguments::Shell(i))
                    if ins.flags.is_empty()
                        && ins.heredocs.is_empty()
                        && install.heredocs.is_empty()
                        && split_script(&u.value).1
                        && split_script(&i.value).1
                        && !(k + 1..k2).any(|e| ctx.instr(e).keyword == Keyword::Run) =>
                {
                    let update_text = u.value.split_whitespace().collect::<Vec<_>>().join(" ");
                    Some(Fix {
                        title: String::new(),
                        edits: vec![
                            TextEdit {
                                range: ctx.line_range(k),
                                replacement: String::new(),
                            },
                            insert(i.span.start, format!("{update_text} && ")),
                        ],
                    })
                }
                _ => None,
            };
            let details = Details {
                update: ctx.step(k),
                install: ctx.step(k2),
                command: update_cmd,
            };
            let fix = fix.map(|mut f| {
                f.title = details.fix_title(Lang::En);
                f
            });
            out.push(finding(
                RuleId::SS002,
                ins.span,
                vec![install.span],
                Message::SS002(details),
                fix,
            ));
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(Details::fix_title(self, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_a_lone_update_and_joins_it_into_the_install() {
        let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n";
        let f = first(RuleId::SS002, src);
        assert_eq!(f.span.start_pos.line, 2);
        all_langs_mention(&f, "apt-get update");
        let out = fixed(RuleId::SS002, src);
        assert_eq!(out, "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n");
    }

    #[test]
    fn other_managers_and_no_fix_for_complex_scripts() {
        assert!(fires(
            RuleId::SS002,
            "FROM alpine:3.20\nRUN apk update\nRUN apk add curl\n"
        ));
        assert!(fires(
            RuleId::SS002,
            "FROM fedora:40\nRUN dnf makecache\nRUN dnf install -y gcc\n"
        ));
        let f = first(
            RuleId::SS002,
            "FROM debian:12\nRUN apt-get update\nRUN set -e; apt-get install -y curl\n",
        );
        assert!(f.fix.is_none());
    }

    #[test]
    fn joined_or_lonely_updates_are_quiet() {
        assert!(!fires(
            RuleId::SS002,
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"
        ));
        // An update with no later install is useless but not stale.
        assert!(!fires(
            RuleId::SS002,
            "FROM debian:12\nRUN apt-get update\n"
        ));
    }
}
