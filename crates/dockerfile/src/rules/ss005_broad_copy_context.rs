//! SS005 (warning): a broad `COPY .` when the build context has no
//! `.dockerignore`, or one that lets bulky or volatile folders through
//! (`.git`, `node_modules`, `target`, `__pycache__`, `.venv`).
//!
//! Everything a broad copy takes in is sent to the builder, hashed, and part
//! of the step's cache key: a commit (which rewrites `.git`), a local
//! `npm install` or a test run (which writes `__pycache__`) then reruns the
//! copy and every step after it, and the folders end up in the image.
//!
//! Only with a known context (`LintOptions::context`, `--context DIR`): the
//! Dockerfile alone cannot say what the context holds. No fix: the change
//! belongs in `.dockerignore`, and the message lists the lines to add.

use super::ss001_dependencies_after_sources::context_sources;
use super::{Profile, Refs, RuleMeta, Severity, finding, list, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::dockerignore::clean_path;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS005,
    severity: Severity::Warning,
    title: "Broad COPY with a missing or weak .dockerignore",
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
    pub copy: StepRef,
    /// True when there is no `.dockerignore` at all.
    pub no_ignore_file: bool,
    /// Folders that reach the builder (lines to add to `.dockerignore`).
    pub let_through: Vec<String>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (c, dirs) = (&self.copy, list(&self.let_through, lang));
        match (self.no_ignore_file, lang) {
            (true, Lang::En) => format!(
                "`{}` on line {} copies the whole build context, and the context has no .dockerignore: {dirs} reach the builder, are part of the cache key (a commit or a local install reruns this step and all after it) and end up in the image. Add a .dockerignore that lists them.",
                c.text, c.line
            ),
            (false, Lang::En) => format!(
                "`{}` on line {} copies the whole build context, and .dockerignore lets {dirs} through: they are part of the cache key (a commit or a local install reruns this step and all after it) and end up in the image. Add them to .dockerignore.",
                c.text, c.line
            ),
            (true, Lang::Ko) => format!(
                "{}행의 `{}` 명령은 빌드 컨텍스트 전체를 복사하는데, 컨텍스트에 .dockerignore가 없습니다. 그래서 {dirs} 폴더가 빌더로 전송되고 캐시 키에 들어가며(커밋이나 로컬 설치만 해도 이 단계와 그 뒤가 모두 다시 실행됩니다) 이미지에도 남습니다. 이 폴더들을 나열한 .dockerignore를 추가하세요.",
                c.line, c.text
            ),
            (false, Lang::Ko) => format!(
                "{}행의 `{}` 명령은 빌드 컨텍스트 전체를 복사하는데, .dockerignore가 {dirs} 폴더를 걸러내지 않습니다. 이 폴더들은 캐시 키에 들어가고(커밋이나 로컬 설치만 해도 이 단계와 그 뒤가 모두 다시 실행됩니다) 이미지에도 남습니다. 이 폴더들을 .dockerignore에 추가하세요.",
                c.line, c.text
            ),
            (true, Lang::Ja) => format!(
                "{}行目の `{}` はビルドコンテキスト全体をコピーしますが、コンテキストに .dockerignore がありません。そのため {dirs} がビルダーに送られてキャッシュキーに含まれ（コミットやローカルでのインストールだけで、このステップ以降がすべて再実行されます）、イメージにも残ります。これらを記載した .dockerignore を追加してください。",
                c.line, c.text
            ),
            (false, Lang::Ja) => format!(
                "{}行目の `{}` はビルドコンテキスト全体をコピーしますが、.dockerignore が {dirs} を除外していません。これらはキャッシュキーに含まれ（コミットやローカルでのインストールだけで、このステップ以降がすべて再実行されます）、イメージにも残ります。これらを .dockerignore に追加してください。",
                c.line, c.text
            ),
        }
    }
}

/// Folders a context should almost never send.
const BULKY: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    "__pycache__",
    ".venv",
    "venv",
];

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.has_context {
        return;
    }
    let broad = ctx.df.instructions.iter().enumerate().find(|(i, _)| {
        context_sources(ctx, *i).is_some_and(|s| {
            s.iter().any(|x| {
                let c = clean_path(x);
                let c = c.trim_start_matches('/');
                c.is_empty() || c == "." || c == "*"
            })
        })
    });
    let Some((index, ins)) = broad else { return };
    let paths = &ctx.context.paths;
    // Where each bulky folder sits in the context (or its usual place when
    // the file list is unknown).
    let mut found: Vec<String> = Vec::new();
    for dir in BULKY {
        let at = if paths.is_empty() {
            if *dir == "venv" {
                None
            } else {
                Some(dir.to_string())
            }
        } else {
            paths.iter().find_map(|p| {
                let p = p.trim_start_matches("./");
                let parts: Vec<&str> = p.split('/').collect();
                let pos = parts[..parts.len().saturating_sub(1)]
                    .iter()
                    .position(|x| x == dir)?;
                Some(parts[..=pos].join("/"))
            })
        };
        if let Some(at) = at {
            let excluded = ctx
                .context
                .dockerignore
                .as_ref()
                .is_some_and(|ig| ig.is_excluded(&at) || ig.is_excluded(&format!("{at}/x")));
            if !excluded && !found.contains(&at) {
                found.push(at);
            }
        }
    }
    let no_file = ctx.context.dockerignore.is_none();
    if found.is_empty() {
        return;
    }
    let details = Details {
        copy: ctx.step(index),
        no_ignore_file: no_file,
        let_through: found,
    };
    out.push(finding(
        RuleId::SS005,
        ins.span,
        Vec::new(),
        Message::SS005(details),
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
    use super::super::{lint_source, LintOptions};
    use super::*;
    use crate::rebuild::BuildContext;
    use crate::Dockerignore;

    fn run(src: &str, paths: &[&str], ignore: Option<&str>) -> Option<Details> {
        let options = LintOptions {
            context: Some(BuildContext {
                paths: paths.iter().map(|s| s.to_string()).collect(),
                dockerignore: ignore.map(Dockerignore::parse),
            }),
            ..LintOptions::default()
        };
        lint_source(src, &options)
            .into_iter()
            .find_map(|f| match f.message {
                Message::SS005(d) => Some(d),
                _ => None,
            })
    }

    const SRC: &str = "FROM python:3.12\nWORKDIR /code\nCOPY . .\n";

    #[test]
    fn fires_without_an_ignore_file_or_with_a_weak_one() {
        let paths = [
            ".git/HEAD",
            "app/main.py",
            "app/__pycache__/main.cpython-312.pyc",
            ".venv/bin/python",
        ];
        let d = run(SRC, &paths, None).expect("fires");
        assert!(d.no_ignore_file);
        assert_eq!(d.let_through, vec![".git", "app/__pycache__", ".venv"]);
        let d = run(SRC, &paths, Some(".git\n")).expect("fires");
        assert_eq!(d.let_through, vec!["app/__pycache__", ".venv"]);
        let text = d.text(Lang::Ko);
        assert!(text.contains("3행") && text.contains("`.venv`"), "{text}");
    }

    #[test]
    fn quiet_with_a_good_ignore_file_narrow_copies_or_no_context() {
        let paths = [".git/HEAD", "app/main.py", "app/__pycache__/x.pyc"];
        assert!(run(SRC, &paths, Some(".git\n**/__pycache__\n")).is_none());
        assert!(run("FROM python:3.12\nCOPY ./app /code/app\n", &paths, None).is_none());
        assert!(!super::super::test_support::fires(RuleId::SS005, SRC));
    }
}
