//! SS035 (warning): a COPY or ADD source that `.dockerignore` excludes.
//!
//! The file is never sent to the builder, so the copy fails or copies less than it names: a
//! correctness problem, hence `warning`. BuildKit's `CopyIgnoredFile`, with its limits: only
//! when a `.dockerignore` is known and has no `!` exception (exceptions make a static answer
//! unreliable, so BuildKit gives none), for sources from the build context (not `--from`, not
//! URLs, not heredocs), a source matching a pattern or inside a directory that matches one; the
//! context root (`.`) only when a pattern excludes everything (`*`, `**`, `**/*`).
//!
//! Where rule SS016 already reports the source (a plain path, with the context's file list
//! known: missing, or present but ignored, an error), this rule stays quiet, so one line gets
//! one finding. Sources with a variable are left alone (BuildKit expands them first).
//!
//! No fix: either the pattern or the COPY is wrong, and only the author knows which.

use shipshape_lang::ko::{eul_reul};
use super::ss001_dependencies_after_sources::{context_sources, ctx_path};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS035,
    severity: Severity::Warning,
    title: "COPY of a file .dockerignore excludes",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &["CopyIgnoredFile"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `COPY` or `ADD`.
    pub keyword: String,
    /// The source, cleaned: `config/app.toml`, or `.` for the context root.
    pub source: String,
    /// The `.dockerignore` pattern that excludes it, and its line.
    pub pattern: String,
    pub pattern_line: u32,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let Details {
            line,
            keyword: kw,
            source: s,
            pattern: p,
            pattern_line: pl,
        } = self;
        match lang {
            Lang::En => format!("`{kw}` on line {line} copies `{s}`, but `.dockerignore` excludes it (`{p}`, line {pl}), so it never reaches the builder and the copy fails or copies less than it names. Remove or narrow the pattern, or stop copying `{s}`."),
            Lang::Ko => format!("{line}행의 `{kw}` 명령은 `{s}`{eul} 복사하지만 `.dockerignore`가 이를 제외하므로(`{p}`, {pl}행) 빌더에 전달되지 않습니다. 그래서 복사가 실패하거나 적힌 것보다 적게 복사됩니다. 그 패턴을 지우거나 좁히거나, `{s}`{eul} 복사하지 마세요.", eul = eul_reul(s)),
            Lang::Ja => format!("{line}行目の `{kw}` は `{s}` をコピーしますが、`.dockerignore` が除外している（`{p}`、{pl}行目）ため、ビルダーに届きません。そのためコピーが失敗するか、書かれたものより少なくしかコピーされません。パターンを削除するか絞り込むか、`{s}` をコピーしないようにしてください。"),
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(ignore) = ctx.context.dockerignore.as_ref() else {
        return;
    };
    if !ctx.has_context || ignore.patterns().iter().any(|p| p.exclusion) {
        return;
    }
    let root_excluded = ignore
        .patterns()
        .iter()
        .find(|p| matches!(p.pattern.as_str(), "*" | "**" | "**/*"));
    // What SS016 says about these lines already.
    let mut ss016 = Vec::new();
    super::ss016_missing_from_context::check(ctx, &mut ss016);
    let reported_by_ss016 = |k: usize, path: &str| {
        ss016.iter().any(|f| match &f.message {
            Message::SS016(d) => d.step.line == ctx.step(k).line && d.path == path,
            _ => false,
        })
    };
    for stage in 0..ctx.graph.stages.len() {
        for k in ctx.body(stage) {
            let ins = ctx.instr(k);
            if !matches!(ins.keyword, Keyword::Copy | Keyword::Add) {
                continue;
            }
            if context_sources(ctx, k).is_none() {
                continue;
            }
            // The sources as written: one with a variable is known only at build time.
            let words = ins.arguments.words();
            let sources = words
                .split_last()
                .map(|(_, s)| s)
                .unwrap_or_default()
                .iter()
                .filter(|w| !w.value.starts_with("<<") && !w.value.contains('$'))
                .map(|w| crate::shell::unquote(&w.value, ctx.df.escape))
                .filter(|s| !crate::rebuild::is_remote(s));
            let mut seen: Vec<String> = Vec::new();
            for source in sources {
                let path = ctx_path(&source);
                let pattern = if path.is_empty() {
                    root_excluded
                } else {
                    ignore.deciding_pattern(&path).filter(|p| !p.exclusion)
                };
                let Some(pattern) = pattern else {
                    continue;
                };
                if seen.contains(&path) || reported_by_ss016(k, &path) {
                    continue;
                }
                seen.push(path.clone());
                out.push(finding(
                    RuleId::SS035,
                    ins.span,
                    Vec::new(),
                    Message::SS035(Details {
                        line: ins.span.start_pos.line,
                        keyword: ins.keyword.as_str().to_string(),
                        source: if path.is_empty() { ".".into() } else { path },
                        pattern: pattern.pattern.clone(),
                        pattern_line: pattern.line,
                    }),
                    None,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerignore::Dockerignore;
    use crate::rebuild::BuildContext;
    use crate::rules::{lint_source, LintOptions};

    fn found(src: &str, ignore: &str, paths: &[&str]) -> Vec<String> {
        let options = LintOptions {
            context: Some(BuildContext {
                paths: paths.iter().map(|s| s.to_string()).collect(),
                dockerignore: Some(Dockerignore::parse(ignore)),
            }),
            ..LintOptions::default()
        };
        lint_source(src, &options)
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS035(d) => Some(format!("{} {}", d.keyword, d.source)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn buildkits_cases() {
        let src = "FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n";
        assert_eq!(found(src, "\nDockerfile\n", &[]), ["COPY Dockerfile", "ADD Dockerfile"]);
        // --from reads a stage, not the context.
        let stages = "FROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\nFROM base\nCOPY --from=base /foobar /Dockerfile\n";
        assert!(found(stages, "foobar\n", &[]).is_empty());
        // An exception makes BuildKit give no answer at all.
        assert!(found("FROM scratch\nCOPY ./Dockerfile .\n", "**\n!Dockerfile\n", &[]).is_empty());
        // The context root: only when everything is excluded.
        assert!(found("FROM scratch\nCOPY . .\n", ".*\n", &[]).is_empty());
        assert_eq!(found("FROM scratch\nCOPY . .\n", "*\n", &[]), ["COPY ."]);
    }

    #[test]
    fn a_file_inside_an_excluded_directory_and_one_finding_per_line() {
        assert_eq!(
            found("FROM python:3.13-slim\nCOPY config/app.toml /etc/app/\n", "config/\n", &[]),
            ["COPY config/app.toml"]
        );
        // With the file list known, SS016 reports the plain path; this rule stays quiet.
        let src = "FROM python:3.13-slim\nCOPY config/app.toml /etc/app/\n";
        assert!(found(src, "config/\n", &["config/app.toml", "Dockerfile"]).is_empty());
        // A wildcard SS016 leaves alone is still this rule's.
        assert_eq!(
            found("FROM python:3.13-slim\nCOPY *.md /docs/\n", "*.md\n", &["README.md"]),
            ["COPY *.md"]
        );
        assert!(found("FROM python:3.13-slim\nCOPY $CONF /etc/app/\n", "*\n", &[]).is_empty());
    }
}
