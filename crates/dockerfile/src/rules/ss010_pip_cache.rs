//! SS010 (warning): `pip install` without `--no-cache-dir` (and no cache
//! mount, no `PIP_NO_CACHE_DIR`) in a stage whose files reach the final image.
//!
//! pip keeps every wheel it downloads in `/root/.cache/pip`; in an image
//! that cache is dead weight (often tens or hundreds of MB), since the
//! install never runs again in that container. `--no-cache-dir` is about
//! pip's cache, not Docker's build cache. In a builder stage whose files are
//! copied out selectively the cache is dropped anyway, so the rule does not
//! fire there (hadolint's DL3042 does).
//!
//! Fix: add `--no-cache-dir` after `install`. The image then lacks only
//! pip's cache directory; the same packages are installed.

use super::{Profile, Refs, RuleMeta, Severity, finding, insert, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef};
use crate::command::pip_install;
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS010,
    severity: Severity::Warning,
    title: "pip keeps its download cache in the image",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL3042"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub run: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let r = &self.run;
        match lang {
            Lang::En => format!("`{}` on line {} leaves pip's download cache (`/root/.cache/pip`) in the image, where it only adds size. Add `--no-cache-dir`, or keep the cache outside the image with `RUN --mount=type=cache,target=/root/.cache/pip`.", r.text, r.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 pip의 다운로드 캐시(`/root/.cache/pip`)를 이미지에 남기는데, 이 캐시는 이미지 크기만 늘립니다. `--no-cache-dir` 옵션을 붙이거나 `RUN --mount=type=cache,target=/root/.cache/pip`으로 캐시를 이미지 밖에 두세요.", r.line, r.text),
            Lang::Ja => format!("{}行目の `{}` は pip のダウンロードキャッシュ（`/root/.cache/pip`）をイメージに残しますが、これはイメージサイズを増やすだけです。`--no-cache-dir` を付けるか、`RUN --mount=type=cache,target=/root/.cache/pip` でキャッシュをイメージの外に置いてください。", r.line, r.text),
        }
    }
}

pub(crate) fn fix_title(lang: Lang) -> String {
    match lang {
        Lang::En => "Add --no-cache-dir to pip install".into(),
        Lang::Ko => "pip install에 --no-cache-dir 추가하기".into(),
        Lang::Ja => "pip install に --no-cache-dir を追加する".into(),
    }
}

/// Byte offsets just after each `install` of a pip command lacking the flag.
fn insertion_points(text: &str, base: usize) -> Vec<usize> {
    let mut points = Vec::new();
    let mut prev = "";
    let mut pos = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace()) {
        let w = word.trim_end();
        let start = pos;
        pos += word.len();
        if w.is_empty() {
            continue;
        }
        let prev_name = prev.rsplit('/').next().unwrap_or(prev);
        if w == "install" && crate::command::is_pip(prev_name) {
            let rest = &text[start..];
            let end = rest.find(['&', ';', '|', '\n']).unwrap_or(rest.len());
            if !rest[..end].contains("--no-cache-dir") {
                points.push(base + start + w.len());
            }
        }
        prev = w;
    }
    points
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let env_off = ctx.final_env("PIP_NO_CACHE_DIR").is_some();
    for &stage in &ctx.graph.final_chain {
        for k in ctx.body(stage) {
            let ins = ctx.instr(k);
            if ins.keyword != Keyword::Run || env_off {
                continue;
            }
            if ins.flag_values("mount").any(|m| m.contains("type=cache"))
                || ins.logical_line.contains("PIP_NO_CACHE_DIR")
                || ins.logical_line.contains(".cache/pip")
                || ins.logical_line.contains("pip cache purge")
            {
                continue;
            }
            let lacking = ctx
                .commands(k)
                .iter()
                .filter(|c| c.program() != "uv")
                .filter_map(pip_install)
                .any(|args| !args.iter().any(|a| a == "--no-cache-dir"));
            if !lacking {
                continue;
            }
            let fix = match &ins.arguments {
                Arguments::Shell(w) if ins.heredocs.is_empty() => {
                    let text = w.span.text(ctx.src);
                    let points = insertion_points(text, w.span.start);
                    (!points.is_empty()).then(|| Fix {
                        title: fix_title(Lang::En),
                        edits: points
                            .into_iter()
                            .map(|p| insert(p, " --no-cache-dir".into()))
                            .collect(),
                    })
                }
                _ => None,
            };
            let details = Details { run: ctx.step(k) };
            out.push(finding(
                RuleId::SS010,
                ins.span,
                Vec::new(),
                Message::SS010(details),
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
        Some(fix_title(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_and_adds_the_flag() {
        let src = "FROM python:3.12\nRUN pip install --upgrade pip && \\\n    pip install -r requirements.txt\n";
        let f = first(RuleId::SS010, src);
        all_langs_mention(&f, "--no-cache-dir");
        assert_eq!(
            fixed(RuleId::SS010, src),
            "FROM python:3.12\nRUN pip install --no-cache-dir --upgrade pip && \\\n    pip install --no-cache-dir -r requirements.txt\n"
        );
    }

    #[test]
    fn quiet_with_flag_mount_env_or_in_a_builder_stage() {
        assert!(!fires(
            RuleId::SS010,
            "FROM python:3.12\nRUN pip install --no-cache-dir x\n"
        ));
        assert!(!fires(
            RuleId::SS010,
            "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n"
        ));
        assert!(!fires(
            RuleId::SS010,
            "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n"
        ));
        assert!(!fires(RuleId::SS010, "FROM python:3.12 AS req\nRUN pip install poetry\nFROM python:3.12\nCOPY --from=req /tmp/r.txt .\n"));
        assert!(fires(
            RuleId::SS010,
            "FROM python:3.12 AS base\nRUN python -m pip install x\nFROM base\n"
        ));
    }
}
