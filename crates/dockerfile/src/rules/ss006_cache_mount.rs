//! SS006 (info): a heavy install or build that could keep its package cache
//! in `RUN --mount=type=cache`.
//!
//! When the step reruns (its inputs changed), the tool downloads every
//! package again; a cache mount keeps the download cache between builds,
//! outside the image and outside the step's cache key. pip is left to SS010,
//! which covers pip's cache either way.
//!
//! No automatic fix: a cache mount changes which files the image keeps (the
//! cache is no longer in it), and its target depends on the image's user and
//! settings. The message names the usual target.

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::command::Command;
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS006,
    severity: Severity::Info,
    title: "Heavy install without a cache mount",
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
    pub run: StepRef,
    /// The tool: `npm`, `go`, ...
    pub tool: String,
    /// Its usual cache directory.
    pub target: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (r, t, d) = (&self.run, &self.tool, &self.target);
        match lang {
            Lang::En => format!(
                "`{}` on line {} downloads {t} packages from scratch every time the step reruns. Keep {t}'s cache between builds with `RUN --mount=type=cache,target={d} ...`: it stays out of the image and out of the cache key.",
                r.text, r.line
            ),
            Lang::Ko => format!(
                "{}행의 `{}` 명령은 이 단계가 다시 실행될 때마다 {t} 패키지를 처음부터 내려받습니다. `RUN --mount=type=cache,target={d} ...` 형식을 쓰면 {t} 캐시가 빌드 간에 유지되며, 이미지와 캐시 키에는 들어가지 않습니다.",
                r.line, r.text
            ),
            Lang::Ja => format!(
                "{}行目の `{}` は、このステップが再実行されるたびに {t} のパッケージを一からダウンロードします。`RUN --mount=type=cache,target={d} ...` を使うと、{t} のキャッシュがビルド間で保持され、イメージにもキャッシュキーにも含まれません。",
                r.line, r.text
            ),
        }
    }
}

/// The tool and its usual cache directory, for commands that download packages.
fn cached_tool(c: &Command) -> Option<(&'static str, &'static str)> {
    let sub = c.words.get(1).map(String::as_str).unwrap_or("");
    let no_cache = c.has("--no-cache");
    match c.program() {
        "npm" if matches!(sub, "install" | "i" | "ci") => Some(("npm", "/root/.npm")),
        "yarn" if matches!(sub, "" | "install") || c.words.len() == 1 => {
            Some(("Yarn", "/usr/local/share/.cache/yarn"))
        }
        "pnpm" if matches!(sub, "install" | "i" | "fetch") => {
            Some(("pnpm", "/root/.local/share/pnpm/store"))
        }
        "uv" if matches!(sub, "sync" | "pip") && !no_cache => Some(("uv", "/root/.cache/uv")),
        "poetry" if sub == "install" => Some(("Poetry", "/root/.cache/pypoetry")),
        "go" if matches!(sub, "build" | "mod" | "install") => Some(("Go", "/go/pkg/mod")),
        "cargo" if matches!(sub, "build" | "fetch" | "install") => {
            Some(("Cargo", "/usr/local/cargo/registry"))
        }
        "mvn" | "mvnw" => Some(("Maven", "/root/.m2")),
        "gradle" | "gradlew" => Some(("Gradle", "/root/.gradle")),
        "dotnet" if sub == "restore" => Some(("NuGet", "/root/.nuget/packages")),
        _ => None,
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Run
            || ins
                .flag_values("mount")
                .any(|m| m.to_ascii_lowercase().contains("type=cache"))
        {
            continue;
        }
        let Some((tool, target)) = ctx.commands(k).iter().find_map(cached_tool) else {
            continue;
        };
        let details = Details {
            run: ctx.step(k),
            tool: tool.to_string(),
            target: target.to_string(),
        };
        out.push(finding(
            RuleId::SS006,
            ins.span,
            Vec::new(),
            Message::SS006(details),
            None,
        ));
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
    fn fires_on_installs_without_a_cache_mount() {
        let f = first(
            RuleId::SS006,
            "FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n",
        );
        all_langs_mention(&f, "/root/.npm");
        assert!(fires(
            RuleId::SS006,
            "FROM golang:1.23\nRUN go mod download\n"
        ));
        assert!(!fires(
            RuleId::SS006,
            "FROM node:22\nRUN --mount=type=cache,target=/root/.npm npm ci\n"
        ));
        assert!(!fires(
            RuleId::SS006,
            "FROM python:3.12\nRUN pip install --no-cache-dir fastapi\n"
        ));
        assert!(!fires(RuleId::SS006, "FROM node:22\nRUN npm --version\n"));
    }
}
