//! SS051 (info): `apt-get install` without `--no-install-recommends` (hadolint DL3015).
//!
//! apt installs a package's "recommended" packages too unless told not to: documentation,
//! optional tools and their libraries, often tens of megabytes the server never uses, and
//! each one more thing to patch. Info: the image works either way. `-o
//! APT::Install-Recommends=false` (or `=0`) on the command counts as the flag, as does an apt
//! configuration an earlier RUN of the stage writes with `Install-Recommends`.
//!
//! No automatic fix: a recommended package is sometimes what makes the install work.

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS051,
    severity: Severity::Info,
    title: "apt-get install without --no-install-recommends",
    guide: "faster-smaller",
    profile: Profile::Default,
    fixable: false,
    refs: Refs { hadolint: &["DL3015"], buildkit: &[] },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let s = &self.step;
        match lang {
            Lang::En => format!("`{}` on line {} runs `apt-get install` without `--no-install-recommends`, so apt also installs every package the ones you named recommend: documentation, optional tools and their libraries, often tens of megabytes the app never uses. Add `--no-install-recommends` and name what you need.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 `--no-install-recommends` 없이 `apt-get install`을 실행하므로, apt가 지정한 패키지가 추천하는 패키지까지 모두 설치합니다. 문서, 선택 도구와 그 라이브러리 등 앱이 쓰지 않는 수십 MB가 들어가기도 합니다. `--no-install-recommends`를 붙이고 필요한 패키지는 직접 지정하세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は `--no-install-recommends` なしで `apt-get install` を実行しているため、apt は指定したパッケージが推奨するパッケージもすべてインストールします。ドキュメントや任意のツールとそのライブラリなど、アプリが使わない数十 MB が入ることもあります。`--no-install-recommends` を付け、必要なものは明示してください。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

fn turns_recommends_off(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        w == "--no-install-recommends"
            || ((w == "-o" || w.starts_with("-o")) && {
                let v = if w == "-o" { words.get(i + 1).map(String::as_str).unwrap_or("") } else { &w[2..] };
                let v = v.to_ascii_lowercase();
                v.starts_with("apt::install-recommends=") && (v.ends_with("=false") || v.ends_with("=0"))
            })
    })
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        // `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/...` in an earlier RUN.
        let mut configured = false;
        for k in ctx.body(stage) {
            if ctx.instr(k).keyword != Keyword::Run {
                continue;
            }
            if ctx.lines_text(k).contains("Install-Recommends") && !ctx.commands(k).iter().any(|c| c.program() == "apt-get") {
                configured = true;
            }
            if configured {
                continue;
            }
            let hit = ctx.commands(k).iter().any(|c| {
                c.program() == "apt-get"
                    && c.words.iter().skip(1).find(|w| !w.starts_with('-')).is_some_and(|w| w == "install")
                    && !turns_recommends_off(&c.words)
            });
            if hit {
                out.push(finding(RuleId::SS051, ctx.instr(k).span, Vec::new(), Message::SS051(Details { step: ctx.step(k) }), None));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_without_the_flag() {
        let f = first(RuleId::SS051, "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y curl\n");
        all_langs_mention(&f, "--no-install-recommends");
        assert!(!fires(RuleId::SS051, "FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"));
        assert!(!fires(RuleId::SS051, "FROM debian:trixie-slim\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n"));
        assert!(!fires(RuleId::SS051, "FROM debian:trixie-slim\nRUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n"));
        assert!(!fires(RuleId::SS051, "FROM debian:trixie-slim\nRUN apt-get update\nRUN apt-get remove -y curl\n"));
        assert!(!fires(RuleId::SS051, "FROM alpine:3.22\nRUN apk add --no-cache curl\n"));
    }
}
