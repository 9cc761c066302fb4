//! SS050 (warning): `COPY --from=<stage> / <dest>`, copying another stage's whole filesystem.
//!
//! The root of a stage is its whole operating system: the package manager, compilers, caches
//! and everything else the multi-stage build was meant to leave behind, so the image is as
//! large as the build stage (or both together) and carries its tools and their
//! vulnerabilities. hadolint's DL3067 (a source `/`, quotes dropped, with `--from`, to `/`),
//! with two deliberate differences where this file shows what a stage holds: a stage built
//! `FROM scratch` that runs nothing holds only what was copied into it (the `COPY
//! --from=binaries / /usr/bin/` idiom), so copying its root is fine unless it copied a whole
//! filesystem itself; and a stage with an operating system (it runs a RUN, which needs a
//! shell) is reported whatever the destination, since `COPY --from=build / /build` brings the
//! same filesystem along. An image, or a stage that only names one (`FROM tonistiigi/xx AS
//! xx`), is judged as hadolint does: only a copy to `/` is reported.
//!
//! No fix: only the author knows which directories the image needs.

use super::{
    finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS050,
    severity: Severity::Warning,
    title: "COPY of a whole stage's filesystem",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3067"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The `--from` value as written: a stage name, an index or an image.
    pub from: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, f) = (&self.step, &self.from);
        match lang {
            Lang::En => format!("`{}` on line {} copies the whole filesystem of `{f}`: its operating system, package manager, build tools and caches all come into this image, which is what a multi-stage build is meant to leave behind. Copy only the directories the app needs, such as `COPY --from={f} /app /app`.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 `{f}`의 파일 시스템 전체를 복사합니다. 운영체제, 패키지 관리자, 빌드 도구, 캐시가 모두 이 이미지에 들어오는데, 이는 멀티 스테이지 빌드로 남겨 두려던 것들입니다. `COPY --from={f} /app /app`처럼 앱에 필요한 디렉터리만 복사하세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は `{f}` のファイルシステム全体をコピーします。OS、パッケージマネージャー、ビルドツール、キャッシュがすべてこのイメージに入りますが、これらはマルチステージビルドで置いていくはずのものです。`COPY --from={f} /app /app` のように、アプリに必要なディレクトリだけをコピーしてください。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

fn is_root(ctx: &Ctx, w: &crate::syntax::Word) -> bool {
    matches!(
        crate::shell::unquote(&w.value, ctx.df.escape).as_str(),
        "/" | "/."
    )
}

/// The stage `COPY --from=<from>` at `stage` names in this file, if it does.
fn source_stage(ctx: &Ctx, stage: usize, from: &str) -> Option<usize> {
    ctx.graph.find(from, stage)
}

/// What is known of a stage's filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Root {
    /// Built `FROM scratch` from copied files only.
    NoOs,
    /// Whatever an image holds (`FROM tonistiigi/xx AS xx`): not known here.
    Unknown,
    /// An operating system: the stage's line of descent runs a RUN (which needs a shell), or
    /// copies in a root that has one.
    Os,
}

/// What `stage`'s root holds. Stages named by `--from` come earlier, so the recursion ends.
fn root_of(ctx: &Ctx, stage: usize) -> Root {
    let chain = ctx.graph.chain(stage);
    let mut known = if ctx.root_image(stage).1 == "scratch" {
        Root::NoOs
    } else {
        Root::Unknown
    };
    for &s in &chain {
        for k in ctx.body(s) {
            let ins = ctx.instr(k);
            if ins.keyword == Keyword::Run {
                return Root::Os;
            }
            let Some(from) = ins.flag("from").and_then(|f| f.value.as_deref()) else {
                continue;
            };
            let words = ins.arguments.words();
            let copies_root = ins.keyword == Keyword::Copy
                && words
                    .split_last()
                    .is_some_and(|(_, src)| src.iter().any(|w| is_root(ctx, w)));
            if copies_root {
                let copied = match source_stage(ctx, s, from) {
                    Some(p) if p < s => root_of(ctx, p),
                    _ => Root::Unknown,
                };
                known = known.max(copied);
            }
        }
    }
    known
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in 0..ctx.graph.stages.len() {
        for k in ctx.body(s) {
            let ins = ctx.instr(k);
            if ins.keyword != Keyword::Copy {
                continue;
            }
            let Some(from) = ins.flag("from").and_then(|f| f.value.clone()) else {
                continue;
            };
            let words = ins.arguments.words();
            let Some((dest, sources)) = words.split_last() else {
                continue;
            };
            let Some(whole) = sources.iter().find(|w| is_root(ctx, w)) else {
                continue;
            };
            let root = match source_stage(ctx, s, &from) {
                Some(p) => root_of(ctx, p),
                None => Root::Unknown,
            };
            let reported = match root {
                Root::Os => true,
                // An image's contents are not known here: hadolint's test.
                Root::Unknown => is_root(ctx, dest),
                Root::NoOs => false,
            };
            if !reported {
                continue;
            }
            out.push(finding(
                RuleId::SS050,
                whole.span,
                Vec::new(),
                Message::SS050(Details {
                    step: ctx.step(k),
                    from,
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

    const BUILD: &str = "FROM python:3.14-slim AS build\nRUN pip wheel --wheel-dir /wheels fastapi\nFROM scratch AS bin\nCOPY --from=build /usr/local/bin/uvicorn /\nFROM tonistiigi/xx:1.6.1 AS img\nFROM python:3.14-slim\n";

    #[test]
    fn fires_on_a_copy_of_a_stage_root() {
        let f = first(RuleId::SS050, &format!("{BUILD}COPY --from=build / /\n"));
        all_langs_mention(&f, "`COPY --from=build / /`");
        all_langs_mention(&f, "`build`");
        for copy in [
            "COPY --from=build \"/\" \"/\"",
            "COPY --from=build / /build",
            "COPY --from=0 / /",
            "COPY --from=build --chown=app /. /srv/",
            "COPY --from=build [\"/\", \"/\"]",
            "COPY --from=busybox:1.36 / /",
            "COPY --from=img / /",
        ] {
            assert!(fires(RuleId::SS050, &format!("{BUILD}{copy}\n")), "{copy}");
        }
    }

    #[test]
    fn a_scratch_stage_that_copied_a_whole_filesystem_has_one() {
        let src = format!("{BUILD}FROM scratch AS squashed\nCOPY --from=build / /\nFROM python:3.14-slim\nCOPY --from=squashed / /usr/local/\n");
        let n = rules(&src).iter().filter(|r| **r == RuleId::SS050).count();
        assert_eq!(n, 2, "{src}");
    }

    #[test]
    fn quiet_on_directories_and_the_build_context() {
        for copy in [
            "COPY / /",
            "COPY --from=build /app /",
            "COPY --from=build /wheels /wheels",
            "COPY --from=build /usr/local/ /usr/local/",
            "ADD / /",
            // A scratch stage holds only what was copied into it.
            "COPY --from=bin / /usr/local/bin/",
            "COPY --from=bin / /",
            // An image's contents are unknown: only hadolint's `/ /` is reported.
            "COPY --from=tonistiigi/binfmt:latest / /out/",
            "COPY --from=img / /rootfs",
        ] {
            assert!(!fires(RuleId::SS050, &format!("{BUILD}{copy}\n")), "{copy}");
        }
    }
}
