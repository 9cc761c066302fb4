//! SS004 (warning): `ADD <url>` without `--checksum` before heavy steps.
//!
//! BuildKit cannot know whether a URL's content changed without fetching it,
//! so the ADD runs on every build; whenever the download differs (a `latest`
//! release, a file edited upstream), every heavy step after it in the stage
//! runs again, and the build is not reproducible. `--checksum=sha256:...`
//! pins the content (and lets BuildKit cache it).
//!
//! No automatic fix: the checksum has to come from the file itself. The
//! message says how to get it, or to move the ADD below the heavy steps.

use super::{Profile, Refs, RuleMeta, Severity, finding, lines_of, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::rebuild::{cost_of, plan, BuildContext, Changes, Cost, Reason};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS004,
    severity: Severity::Warning,
    title: "ADD of a URL without --checksum before heavy steps",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub add: StepRef,
    pub url: String,
    /// Heavy steps after it in the same stage.
    pub heavy: Vec<StepRef>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (a, u) = (&self.add, &self.url);
        let n = self.heavy.len();
        let lines = lines_of(&self.heavy, lang);
        match lang {
            Lang::En => format!(
                "`{}` on line {} pins nothing, so every build must first ask the server about {u}: BuildKit reuses its stored copy only when the server confirms the `ETag` it kept, and downloads the file again otherwise. When the content or its `Last-Modified` date changes, the {n} heavy step(s) after it ({lines}) run again. Add `--checksum=sha256:<digest>` (get the digest with `curl -fsSL {u} | sha256sum`), or move the ADD below the heavy steps if they do not need it.",
                a.text, a.line
            ),
            Lang::Ko => format!(
                "{}행의 `{}` 명령은 내용을 고정하는 값이 없어서 빌드할 때마다 먼저 서버에 {u} 파일을 확인해야 합니다. BuildKit은 저장해 둔 `ETag`가 맞다고 서버가 답할 때만 저장해 둔 파일을 다시 쓰고, 그렇지 않으면 파일을 다시 내려받습니다. 내용이나 `Last-Modified` 날짜가 바뀌면 그 뒤의 무거운 단계 {n}개({lines})가 다시 실행됩니다. `--checksum=sha256:<digest>`를 붙이거나(digest는 `curl -fsSL {u} | sha256sum`으로 구할 수 있습니다), 무거운 단계에 필요 없는 파일이라면 ADD를 그 단계들 뒤로 옮기세요.",
                a.line, a.text
            ),
            Lang::Ja => format!(
                "{}行目の `{}` は内容が固定されていないため、ビルドのたびにまずサーバーへ {u} を確認する必要があります。BuildKit が保存済みのファイルを再利用するのは、保存しておいた `ETag` をサーバーが認めたときだけで、それ以外はダウンロードし直します。内容か `Last-Modified` の日時が変わると、その後の重いステップ {n} 個（{lines}）が再実行されます。`--checksum=sha256:<digest>` を付けるか（ダイジェストは `curl -fsSL {u} | sha256sum` で求められます）、重いステップで使わないファイルなら ADD をそれらの後に移動してください。",
                a.line, a.text
            ),
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut simulated = None;
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        for k in body.clone() {
            let ins = ctx.instr(k);
            if ins.keyword != Keyword::Add || ins.flag("checksum").is_some() {
                continue;
            }
            let remote = ins
                .arguments
                .words()
                .iter()
                .any(|w| crate::rebuild::is_remote(&w.value));
            if !remote {
                continue;
            }
            // The rebuild model says whether the ADD is fetched on every build.
            let p = simulated.get_or_insert_with(|| {
                plan(ctx.df, &BuildContext::default(), &Changes::default(), None)
            });
            let url = match p.step_for(k).map(|s| &s.reason) {
                Some(Reason::RemoteSource { url }) => url.clone(),
                _ => {
                    // Not in the target's build: ask the stage itself.
                    let target = stage.to_string();
                    let q = plan(
                        ctx.df,
                        &BuildContext::default(),
                        &Changes::default(),
                        Some(&target),
                    );
                    match q.step_for(k).map(|s| s.reason.clone()) {
                        Some(Reason::RemoteSource { url }) => url,
                        _ => continue,
                    }
                }
            };
            let heavy: Vec<StepRef> = (k + 1..body.end)
                .filter(|&e| cost_of(ctx.df, e, &ctx.graph) == Cost::Heavy)
                .map(|e| ctx.step(e))
                .collect();
            if heavy.is_empty() {
                continue;
            }
            let details = Details {
                add: ctx.step(k),
                url,
                heavy,
            };
            out.push(finding(
                RuleId::SS004,
                ins.span,
                Vec::new(),
                Message::SS004(details),
                None,
            ));
        }
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
    fn fires_before_heavy_steps_only() {
        let src = "FROM debian:12\nADD https://example.com/tool.tar.gz /tmp/\nRUN apt-get update && apt-get install -y curl\n";
        let f = first(RuleId::SS004, src);
        assert!(f.fix.is_none());
        all_langs_mention(&f, "https://example.com/tool.tar.gz");
        assert!(super::super::message_text(&f.message, Lang::En).contains("line 3"));
        assert!(!fires(RuleId::SS004, "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nADD https://example.com/t.tgz /tmp/\n"));
        assert!(!fires(
            RuleId::SS004,
            "FROM debian:12\nADD --checksum=sha256:abc https://example.com/t.tgz /tmp/\nRUN make\n"
        ));
        assert!(!fires(
            RuleId::SS004,
            "FROM debian:12\nADD ./local.tgz /tmp/\nRUN make\n"
        ));
    }
}
