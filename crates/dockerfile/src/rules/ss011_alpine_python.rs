//! SS011 (info): an Alpine base for a Python app that installs packages.
//!
//! Alpine uses musl libc. Packages that publish only glibc (manylinux)
//! wheels are compiled from source on Alpine: much slower builds, and
//! compilers in the image. PEP 656 added musllinux wheels and many popular
//! packages ship them today, but not all, so it depends on the app's
//! dependencies; a Debian `-slim` base remains the safe default. Info: the
//! choice can be right, after checking.
//!
//! No automatic fix: a different base changes the OS and its package manager.

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::command::{install_of, pip_install, Ecosystem};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS011,
    severity: Severity::Info,
    title: "Alpine base image for a Python app",
    guide: "faster-smaller",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub from: StepRef,
    pub image: String,
    /// The Python install that may compile from source.
    pub install: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (f, i, r) = (&self.from, &self.image, &self.install);
        match lang {
            Lang::En => format!("Line {} builds a Python app on `{i}`, an Alpine (musl libc) image. Packages that publish no musllinux wheels are compiled from source by `{}` on line {}: slower builds and compilers in the image. Check that your dependencies ship musllinux wheels, or use a Debian slim base such as `python:3.14-slim`.", f.line, r.text, r.line),
            Lang::Ko => format!("{}행은 Alpine(musl libc) 이미지인 `{i}` 위에 Python 앱을 빌드합니다. musllinux 휠을 제공하지 않는 패키지는 {}행의 `{}`에서 소스부터 컴파일되므로, 빌드가 느려지고 이미지에 컴파일러가 들어갑니다. 의존성 패키지가 musllinux 휠을 제공하는지 확인하거나 `python:3.14-slim` 같은 Debian slim 이미지를 쓰세요.", f.line, r.line, r.text),
            Lang::Ja => format!("{}行目は Alpine（musl libc）のイメージ `{i}` をベースに Python アプリをビルドしています。musllinux 向けの wheel を提供していないパッケージは {}行目の `{}` でソースからコンパイルされるため、ビルドが遅くなり、イメージにもコンパイラが入ります。依存パッケージが musllinux 向けの wheel を提供しているか確認するか、`python:3.14-slim` のような Debian slim ベースのイメージを使ってください。", f.line, r.line, r.text),
        }
    }
}

fn python_install(ctx: &Ctx, k: usize) -> bool {
    ctx.commands(k).iter().any(|c| {
        pip_install(c).is_some()
            || install_of(c).is_some_and(|i| {
                matches!(
                    i.ecosystem,
                    Ecosystem::Pip | Ecosystem::Poetry | Ecosystem::Uv | Ecosystem::Pipenv
                )
            })
    })
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (root, image) = ctx.root_image(ctx.final_stage);
    let lower = image.to_ascii_lowercase();
    let repo = lower.rsplit('/').next().unwrap_or(&lower);
    let alpine = repo.contains("alpine")
        || lower
            .split(':')
            .next()
            .is_some_and(|r| r.ends_with("alpine"));
    if !alpine {
        return;
    }
    let python_base = repo.starts_with("python") || repo.starts_with("pypy");
    let install = ctx.graph.final_chain.iter().rev().find_map(|&s| {
        ctx.body(s)
            .find(|&k| ctx.instr(k).keyword == Keyword::Run && python_install(ctx, k))
    });
    let Some(install) = install else { return };
    let installs_python = python_base
        || ctx.graph.final_chain.iter().any(|&s| {
            ctx.body(s)
                .any(|k| ctx.instr(k).logical_line.contains("python3"))
        });
    if !installs_python {
        return;
    }
    let from = ctx.graph.stages[root].from;
    let details = Details {
        from: ctx.step(from),
        image,
        install: ctx.step(install),
    };
    out.push(finding(
        RuleId::SS011,
        ctx.instr(from).span,
        vec![ctx.instr(install).span],
        Message::SS011(details),
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
    fn fires_on_alpine_python_with_installs() {
        let f = first(RuleId::SS011, "FROM python:3.13-alpine\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n");
        all_langs_mention(&f, "musllinux");
        assert!(fires(RuleId::SS011, "FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip\nRUN pip install --no-cache-dir --break-system-packages flask\n"));
        assert!(!fires(
            RuleId::SS011,
            "FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n"
        ));
        assert!(!fires(
            RuleId::SS011,
            "FROM python:3.13-alpine\nCMD [\"python\", \"-m\", \"http.server\"]\n"
        ));
        assert!(!fires(RuleId::SS011, "FROM node:22-alpine\nRUN npm ci\n"));
    }
}
