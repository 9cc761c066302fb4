//! SS023 (warning): a relative `WORKDIR` before any absolute one (`WORKDIR app`).
//!
//! A relative WORKDIR is joined to the working directory the base image left, which the
//! Dockerfile does not say and a new base image can change: the files then land elsewhere and
//! the start command does not find them. That costs correctness at run time, hence `warning`.
//! BuildKit's `WorkdirRelativePath`, with its semantics: only the first WORKDIR of a stage's
//! line of descent in this file counts (one set in a stage this one is built `FROM` makes the
//! later relative ones fine). hadolint's DL3000 reports every relative WORKDIR.
//!
//! Deliberately quieter than BuildKit: a WORKDIR with a variable (its value is known only at
//! build time) or a Windows drive path (`C:\app`) is left alone.
//!
//! No fix: only the author knows which absolute directory the app expects.

use shipshape_lang::ko::{eun_neun};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS023,
    severity: Severity::Warning,
    title: "Relative WORKDIR",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3000"],
        buildkit: &["WorkdirRelativePath"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The path as written.
    pub path: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, p) = (self.line, &self.path);
        let abs = format!("/{}", p.trim_start_matches("./"));
        match lang {
            Lang::En => format!("`WORKDIR {p}` on line {line} is relative, and no absolute WORKDIR comes before it: it is joined to whatever directory the base image left, which can change with the base image. Write the absolute path, such as `WORKDIR {abs}`."),
            Lang::Ko => format!("{line}행의 `WORKDIR {p}`{eun} 상대 경로인데 그 앞에 절대 경로 WORKDIR이 없습니다. 그러면 베이스 이미지가 남긴 작업 디렉터리에 이어 붙게 되고, 그 디렉터리는 베이스 이미지가 바뀌면 달라질 수 있습니다. `WORKDIR {abs}`처럼 절대 경로로 쓰세요.", eun = eun_neun(p)),
            Lang::Ja => format!("{line}行目の `WORKDIR {p}` は相対パスで、それより前に絶対パスの WORKDIR がありません。そのためベースイメージが残した作業ディレクトリにつなげられ、そのディレクトリはベースイメージが変わると変わることがあります。`WORKDIR {abs}` のように絶対パスで書いてください。"),
        }
    }
}

/// Whether BuildKit would treat the path as absolute on some platform, or cannot know it here.
fn absolute_or_unknown(path: &str) -> bool {
    let b = path.as_bytes();
    let windows_drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    path.starts_with('/') || path.starts_with('\\') || windows_drive || path.contains('$')
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in 0..ctx.graph.stages.len() {
        // A WORKDIR anywhere up the stage's line of descent in this file sets it.
        let inherited = ctx.graph.chain(s).into_iter().skip(1).any(|p| {
            ctx.body(p)
                .any(|k| ctx.instr(k).keyword == Keyword::Workdir)
        });
        if inherited {
            continue;
        }
        let Some(k) = ctx
            .body(s)
            .find(|&k| ctx.instr(k).keyword == Keyword::Workdir)
        else {
            continue;
        };
        let ins = ctx.instr(k);
        let Some(word) = ins.arguments.words().first() else {
            continue;
        };
        let path = crate::shell::unquote(&word.value, ctx.df.escape);
        if path.is_empty() || absolute_or_unknown(&path) {
            continue;
        }
        out.push(finding(
            RuleId::SS023,
            word.span,
            Vec::new(),
            Message::SS023(Details {
                line: ins.span.start_pos.line,
                path,
            }),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_the_first_relative_workdir() {
        let f = first(RuleId::SS023, "FROM scratch\nWORKDIR app/\n");
        all_langs_mention(&f, "`WORKDIR app/`");
        // Only the first WORKDIR counts: the second is relative to the first.
        let src = "FROM python:3.13-slim\nWORKDIR code\nWORKDIR app\n";
        assert_eq!(rules(src).iter().filter(|r| **r == RuleId::SS023).count(), 1);
        // A sibling stage does not set it for another.
        assert!(fires(
            RuleId::SS023,
            "FROM alpine AS a\nWORKDIR /app\nFROM alpine AS b\nWORKDIR sub\n"
        ));
    }

    #[test]
    fn quiet_after_an_absolute_workdir_here_or_in_a_parent_stage() {
        // BuildKit's case: the parent stage set it.
        assert!(!fires(
            RuleId::SS023,
            "FROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n"
        ));
        assert!(!fires(
            RuleId::SS023,
            "FROM alpine\nWORKDIR /code\nWORKDIR app\n"
        ));
        assert!(!fires(RuleId::SS023, "FROM alpine\nWORKDIR \"/code\"\n"));
        assert!(!fires(RuleId::SS023, "FROM alpine\nWORKDIR $HOME/app\n"));
        assert!(!fires(
            RuleId::SS023,
            "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n"
        ));
    }
}
