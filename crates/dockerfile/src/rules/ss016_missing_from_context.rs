//! SS016 (error): a file the build copies, mounts or installs from is not in the build context,
//! or `.dockerignore` keeps it out, so the build fails at that step ("failed to compute cache
//! key: ... not found").
//!
//! Only with a known build context (the CLI's directory, the lab's file list): without one,
//! nothing can be missing. Sources with variables or wildcards are left alone (a wildcard that
//! matches nothing is allowed). An install's manifest counts when a copy brings its directory
//! in (`COPY . .` then `pip install -r requirements.txt`): the copy succeeds, the install
//! fails. No fix: only the reader knows whether the file or the path is wrong.

use super::ss001_dependencies_after_sources::{
    context_sources, ctx_path, dest_dir, installs_in, through_copy,
};
use super::{Profile, Refs, RuleMeta, Severity, finding, join_path, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::rebuild::Mount;
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS016,
    severity: Severity::Error,
    title: "A file the build needs is missing from the build context",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

/// How the step needs the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// COPY or ADD names it.
    Copied,
    /// `RUN --mount=type=bind,source=...` mounts it.
    Mounted,
    /// An install reads it from a directory a copy brought in.
    Read,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The context path.
    pub path: String,
    pub need: Need,
    /// It is in the context, but `.dockerignore` excludes it.
    pub ignored: bool,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let Details {
            step, path, need, ..
        } = self;
        let (line, text) = (step.line, &step.text);
        match (lang, need, self.ignored) {
            (Lang::En, Need::Copied, false) => format!("`{text}` on line {line} copies `{path}`, which is not in the build context: the build fails at this step. Add the file to the context, or correct the path."),
            (Lang::En, Need::Mounted, false) => format!("`{text}` on line {line} mounts `{path}`, which is not in the build context: the build fails at this step. Add the file to the context, or correct the path."),
            (Lang::En, Need::Read, false) => format!("`{text}` on line {line} reads `{path}`, which is not in the build context: the copy before it succeeds, but the install fails. Add `{path}` to the context, or point the install at the right file."),
            (Lang::En, _, true) => format!("`{text}` on line {line} needs `{path}`, but `.dockerignore` keeps it out of the build context: the build fails at this step. Remove the pattern that excludes it, or add `!{path}` after it."),
            (Lang::Ko, Need::Copied, false) => format!("{line}행의 `{text}` 단계가 복사하는 `{path}` 파일이 빌드 컨텍스트에 없으므로 빌드가 이 단계에서 실패합니다. 파일을 컨텍스트에 추가하거나 경로를 고치세요."),
            (Lang::Ko, Need::Mounted, false) => format!("{line}행의 `{text}` 단계가 마운트하는 `{path}` 파일이 빌드 컨텍스트에 없으므로 빌드가 이 단계에서 실패합니다. 파일을 컨텍스트에 추가하거나 경로를 고치세요."),
            (Lang::Ko, Need::Read, false) => format!("{line}행의 `{text}` 단계가 읽는 `{path}` 파일이 빌드 컨텍스트에 없습니다. 앞의 복사 단계는 성공하지만 빌드가 설치 단계에서 실패합니다. `{path}` 파일을 컨텍스트에 추가하거나, 설치 명령이 올바른 파일을 가리키도록 고치세요."),
            (Lang::Ko, _, true) => format!("{line}행의 `{text}` 단계에는 `{path}` 파일이 필요하지만, 이 파일이 `.dockerignore`에 걸려 빌드 컨텍스트에서 제외되므로 빌드가 이 단계에서 실패합니다. 이 파일을 제외하는 패턴을 지우거나, 그 패턴 뒤에 `!{path}` 줄을 추가하세요."),
            (Lang::Ja, Need::Copied, false) => format!("{line}行目の `{text}` はビルドコンテキストにない `{path}` をコピーしようとしているため、このステップでビルドが失敗します。ファイルをコンテキストに追加するか、パスを修正してください。"),
            (Lang::Ja, Need::Mounted, false) => format!("{line}行目の `{text}` はビルドコンテキストにない `{path}` をマウントしようとしているため、このステップでビルドが失敗します。ファイルをコンテキストに追加するか、パスを修正してください。"),
            (Lang::Ja, Need::Read, false) => format!("{line}行目の `{text}` が読み込む `{path}` は、ビルドコンテキストにありません。その前のコピーは成功しますが、このインストールでビルドが失敗します。`{path}` をコンテキストに追加するか、インストールで正しいファイルを指定してください。"),
            (Lang::Ja, _, true) => format!("{line}行目の `{text}` には `{path}` が必要ですが、`.dockerignore` でビルドコンテキストから除外されているため、このステップでビルドが失敗します。除外しているパターンを削除するか、そのパターンより後の行に `!{path}` を追加してください。"),
        }
    }
}

/// Plain paths only: no variable, no wildcard, not the whole context.
fn plain(path: &str) -> bool {
    !path.is_empty() && !path.contains(['$', '*', '?', '['])
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.has_context || ctx.context.paths.is_empty() {
        return;
    }
    let paths: Vec<String> = ctx.context.paths.iter().map(|p| ctx_path(p)).collect();
    let present = |p: &str| {
        let prefix = format!("{p}/");
        paths.iter().any(|f| f == p || f.starts_with(&prefix))
    };
    let ignored = |p: &str| {
        ctx.context
            .dockerignore
            .as_ref()
            .is_some_and(|ig| ig.is_excluded(p))
    };
    let mut reported: Vec<String> = Vec::new();
    let mut report = |out: &mut Vec<Finding>, k: usize, path: String, need: Need| {
        if reported.contains(&path) {
            return;
        }
        let missing = !present(&path);
        let excluded = !missing && ignored(&path);
        if !(missing || excluded) {
            return;
        }
        reported.push(path.clone());
        let details = Details {
            step: ctx.step(k),
            path,
            need,
            ignored: excluded,
        };
        out.push(finding(
            RuleId::SS016,
            ctx.instr(k).span,
            Vec::new(),
            Message::SS016(details),
            None,
        ));
    };
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        for k in body.clone() {
            let ins = ctx.instr(k);
            match ins.keyword {
                Keyword::Copy | Keyword::Add => {
                    for source in context_sources(ctx, k).unwrap_or_default() {
                        let p = ctx_path(&source);
                        if plain(&p) {
                            report(out, k, p, Need::Copied);
                        }
                    }
                }
                Keyword::Run => {
                    for spec in ins.flag_values("mount") {
                        let mount = Mount::parse(spec);
                        if mount.kind != "bind" || mount.from.is_some() {
                            continue;
                        }
                        if let Some(source) = mount.source {
                            let p = ctx_path(&source);
                            if plain(&p) {
                                report(out, k, p, Need::Mounted);
                            }
                        }
                    }
                    // The manifests an install reads, through the copy that brought them in.
                    for install in installs_in(ctx, stage, k).0 {
                        let cwd = install.cd.clone().unwrap_or_else(|| "/".into());
                        for m in &install.manifests {
                            if !plain(m) {
                                continue; // `poetry.lock*` may be absent; `*.csproj` is a glob.
                            }
                            let image = join_path(&cwd, m);
                            let source = (body.start..k).rev().find_map(|j| {
                                let sources = context_sources(ctx, j)?;
                                let (dest, is_dir) = dest_dir(ctx, stage, j, &sources)?;
                                through_copy(ctx, &sources, &dest, is_dir, &image)
                            });
                            if let Some(p) = source.filter(|p| plain(p)) {
                                report(out, k, p, Need::Read);
                            }
                        }
                    }
                }
                _ => {}
            }
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
    use super::super::{lint_source, message_text, LintOptions};
    use super::*;
    use crate::rebuild::BuildContext;
    use crate::Dockerignore;

    fn with_context(src: &str, paths: &[&str], ignore: Option<&str>) -> Vec<Finding> {
        let options = LintOptions {
            context: Some(BuildContext {
                paths: paths.iter().map(|p| p.to_string()).collect(),
                dockerignore: ignore.map(Dockerignore::parse),
            }),
            ..LintOptions::default()
        };
        lint_source(src, &options)
            .into_iter()
            .filter(|f| f.rule == RuleId::SS016)
            .collect()
    }

    const FASTAPI: &str = "FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install -r /code/requirements.txt\nCOPY ./app /code/app\n";

    #[test]
    fn a_copied_file_missing_from_the_context_fails_the_build() {
        let found = with_context(FASTAPI, &["app/main.py", "requirements/base.txt"], None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.start_pos.line, 3);
        let text = message_text(&found[0].message, Lang::En);
        assert!(
            text.contains("`requirements.txt`") && text.contains("not in the build context"),
            "{text}"
        );
        for lang in [Lang::Ko, Lang::Ja] {
            assert!(message_text(&found[0].message, lang).contains("`requirements.txt`"));
        }
        // All there: quiet. A directory source is there when files are under it.
        assert!(with_context(FASTAPI, &["app/main.py", "requirements.txt"], None).is_empty());
        // No context: nothing can be missing.
        assert!(!lint_source(FASTAPI, &LintOptions::default())
            .iter()
            .any(|f| f.rule == RuleId::SS016));
    }

    #[test]
    fn a_file_dockerignore_keeps_out_is_missing_too() {
        let found = with_context(
            FASTAPI,
            &["app/main.py", "requirements.txt"],
            Some("*.txt\n"),
        );
        assert_eq!(found.len(), 1);
        assert!(matches!(&found[0].message, Message::SS016(d) if d.ignored));
        assert!(message_text(&found[0].message, Lang::En).contains("`!requirements.txt`"));
    }

    #[test]
    fn an_install_that_reads_a_missing_manifest_through_a_broad_copy() {
        let src =
            "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n";
        let found = with_context(src, &["app/main.py", "Dockerfile"], None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.start_pos.line, 4);
        assert!(
            matches!(&found[0].message, Message::SS016(d) if d.need == Need::Read && d.path == "requirements.txt")
        );
        // Optional lock files and globs are not required.
        let src = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN poetry install\n";
        let found = with_context(src, &["pyproject.toml", "app/main.py"], None);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn bind_mounts_and_wildcards() {
        let src = "FROM python:3.13-slim\nRUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync --locked\nCOPY *.txt /x/\nCOPY $APP /y/\n";
        let found = with_context(src, &["pyproject.toml"], None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            matches!(&found[0].message, Message::SS016(d) if d.need == Need::Mounted && d.path == "uv.lock")
        );
    }
}
