//! SS003 (warning): a build argument or environment value that changes from
//! build to build (a version, a commit, a build date, a cache-bust counter)
//! is declared before heavy steps that do not use it.
//!
//! A build argument invalidates from its first use, and every RUN sees every
//! build argument in its environment, so a RUN after `ARG GIT_COMMIT` is
//! rebuilt whenever the commit changes, even if it never mentions it. An ENV
//! line's value is part of every later step's key in the same way.
//!
//! Decided with the rebuild model: the rule changes the value and lists the
//! heavy steps that rerun without naming it.
//!
//! Fix: move the line down to just before the first step that uses the value
//! (or after the last heavy step when nothing names it). Offered when the
//! line declares only changing values and has no comment-free continuation
//! tricks. A script that reads the variable from its environment without the
//! Dockerfile naming it would lose it: keep such a line with
//! `# shipshape ignore=SS003`.

use super::{Profile, Refs, RuleMeta, Severity, 
    finding, insert, lines_of, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef, TextEdit,
};
use crate::rebuild::{cost_of, plan, Changes, Cost, StepStatus};
use crate::shell;
use crate::syntax::{Arguments, Instruction, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS003,
    severity: Severity::Warning,
    title: "A value that changes every build comes before heavy steps",
    guide: "build-cache",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub declaration: StepRef,
    /// `ARG` or `ENV`.
    pub keyword: String,
    pub name: String,
    /// Heavy steps that rerun when the value changes and do not use it.
    pub heavy: Vec<StepRef>,
    /// The first step that uses it, if any.
    pub first_use: Option<StepRef>,
    /// The steps that use it before the heavy steps (`RUN echo $GIT_SHA > /build-info`): each
    /// change reruns them, and they rerun the heavy steps after them, so they must move too.
    pub uses_before: Vec<StepRef>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (d, name, kw) = (&self.declaration, &self.name, &self.keyword);
        let lines = lines_of(&self.heavy, lang);
        let n = self.heavy.len();
        let first = &self.heavy[0];
        if let Some(u) = self.uses_before.first() {
            let last = self.heavy.last().unwrap_or(first);
            return match lang {
                Lang::En => format!(
                    "`{name}` (`{}` on line {}) changes from build to build, and `{}` on line {} uses it before {n} heavy step(s) ({lines}, starting with `{}`) that do not: each change reruns that step, and the heavy steps after it with it. Move the declaration and its use below them, after `{}` on line {}.",
                    d.text, d.line, u.text, u.line, first.text, last.text, last.line
                ),
                Lang::Ko => format!(
                    "`{name}`({}행의 `{}`) 값은 빌드할 때마다 바뀝니다. {}행의 `{}` 단계가 이 값을 쓰는데, 그 뒤에 이 값을 쓰지 않는 무거운 단계가 {n}개({lines}, `{}`부터) 있습니다. 값이 바뀔 때마다 이 단계가 다시 실행되고, 뒤따르는 무거운 단계도 함께 다시 실행됩니다. 선언과 이 값을 쓰는 단계를 함께 {}행의 `{}` 뒤로 옮기세요.",
                    d.line, d.text, u.line, u.text, first.text, last.line, last.text
                ),
                Lang::Ja => format!(
                    "`{name}`（{}行目の `{}`）はビルドごとに変わる値です。{}行目の `{}` はこの値を使うので、値が変わるたびに再実行されます。その後にある重いステップ {n} 個（{lines}、`{}` 以降）はこの値を使いませんが、そのたびに一緒に再実行されます。宣言と、値を使うステップの両方を、{}行目の `{}` の後ろへまとめて移動してください。",
                    d.line, d.text, u.line, u.text, first.text, last.line, last.text
                ),
            };
        }
        let advice = match (&self.first_use, lang) {
            (Some(u), Lang::En) => format!(
                "Declare it just before `{}` on line {}, its first use.",
                u.text, u.line
            ),
            (None, Lang::En) => "Declare it after them.".to_string(),
            (Some(u), Lang::Ko) => format!(
                "값을 처음 사용하는 {}행의 `{}` 바로 앞으로 옮기면 됩니다.",
                u.line, u.text
            ),
            (None, Lang::Ko) => "선언을 이 단계들 뒤로 옮기면 됩니다.".to_string(),
            (Some(u), Lang::Ja) => format!(
                "宣言は、この値を最初に使う {}行目の `{}` の直前に移動してください。",
                u.line, u.text
            ),
            (None, Lang::Ja) => "宣言は、これらのステップの後に移動してください。".to_string(),
        };
        match lang {
            Lang::En => format!(
                "`{name}` (`{}` on line {}) changes from build to build, and the {n} heavy step(s) after it ({lines}, starting with `{}`) do not use it, yet each change reruns them: {kw} values are part of every later step's cache key. {advice}",
                d.text, d.line, first.text
            ),
            Lang::Ko => format!(
                "`{name}`({}행의 `{}`)의 값은 빌드할 때마다 바뀝니다. 그 뒤의 무거운 단계 {n}개({lines}, `{}`부터)는 이 값을 쓰지 않는데도 값이 바뀔 때마다 다시 실행됩니다. {kw} 값은 그 뒤 모든 단계의 캐시 키에 들어가기 때문입니다. {advice}",
                d.line, d.text, first.text
            ),
            Lang::Ja => format!(
                "`{name}`（{}行目の `{}`）はビルドごとに変わる値です。その後の重いステップ {n} 個（{lines}、`{}` 以降）はこの値を使わないのに、値が変わるたびに再実行されます。{kw} の値は、それ以降のすべてのステップのキャッシュキーに含まれるためです。{advice}",
                d.line, d.text, first.text
            ),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        if let (Some(u), Some(last)) = (self.uses_before.first(), self.heavy.last()) {
            let d = &self.declaration.text;
            return match lang {
                Lang::En => format!("Move `{d}` and `{}` below line {}", u.text, last.line),
                Lang::Ko => format!("`{d}` 줄과 `{}` 줄을 {}행 뒤로 옮기기", u.text, last.line),
                Lang::Ja => format!("`{d}` と `{}` を {}行目の後に移動する", u.text, last.line),
            };
        }
        match (&self.first_use, lang) {
            (Some(u), Lang::En) => {
                format!("Move `{}` down to line {}", self.declaration.text, u.line)
            }
            (None, Lang::En) => format!("Move `{}` below the heavy steps", self.declaration.text),
            (Some(u), Lang::Ko) => {
                format!(
                    "`{}` 줄을 {}행 앞으로 옮기기",
                    self.declaration.text, u.line
                )
            }
            (None, Lang::Ko) => format!("`{}` 줄을 무거운 단계 뒤로 옮기기", self.declaration.text),
            (Some(u), Lang::Ja) => {
                format!(
                    "`{}` を {}行目の直前に移動する",
                    self.declaration.text, u.line
                )
            }
            (None, Lang::Ja) => format!("`{}` を重いステップの後に移動する", self.declaration.text),
        }
    }
}

/// Names whose value differs on every build by convention.
pub(crate) fn is_volatile(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let tokens: Vec<&str> = upper.split(['_', '-']).filter(|t| !t.is_empty()).collect();
    let has = |t: &str| tokens.contains(&t);
    let pair = |a: &str, b: &[&str]| tokens.windows(2).any(|w| w[0] == a && b.contains(&w[1]));
    if matches!(
        upper.as_str(),
        "VERSION"
            | "RELEASE"
            | "APP_VERSION"
            | "BUILD_VERSION"
            | "RELEASE_VERSION"
            | "IMAGE_VERSION"
            | "PROJECT_VERSION"
            | "SERVICE_VERSION"
            | "BUILDTIME"
            | "BUILDDATE"
            | "GITSHA"
            | "GITCOMMIT"
            | "CACHEBUST"
            | "CACHEBUSTER"
            | "CACHE_BUSTER"
    ) {
        return true;
    }
    has("COMMIT")
        || has("REVISION")
        || has("SHA")
        || has("TIMESTAMP")
        || has("CACHEBUST")
        || pair(
            "BUILD",
            &["DATE", "TIME", "NUMBER", "NUM", "ID", "TIMESTAMP"],
        )
        || pair("CACHE", &["BUST", "BUSTER"])
        || pair("VCS", &["REF"])
        || pair("GIT", &["REF", "TAG", "HASH", "DESCRIBE", "BRANCH"])
        || pair("SOURCE", &["COMMIT", "DATE"])
}

/// The variable names an instruction declares.
fn declared(ins: &Instruction) -> Vec<String> {
    match (&ins.keyword, &ins.arguments) {
        (Keyword::Arg, args) => args
            .words()
            .iter()
            .map(|w| w.value.split('=').next().unwrap_or("").to_string())
            .collect(),
        (Keyword::Env, Arguments::Pairs(p)) => p.iter().map(|kv| kv.key.value.clone()).collect(),
        _ => Vec::new(),
    }
}

/// A step that only records a value: LABEL, or a RUN whose commands are all `echo` or
/// `printf` (writing the value to a file), with no heredoc.
fn records_only(ctx: &Ctx, index: usize) -> bool {
    let ins = ctx.instr(index);
    match ins.keyword {
        Keyword::Label => true,
        Keyword::Run => {
            let cmds = ctx.commands(index);
            ins.heredocs.is_empty()
                && ins.flags.is_empty()
                && !cmds.is_empty()
                && cmds
                    .iter()
                    .all(|c| matches!(c.program(), "echo" | "printf"))
        }
        _ => false,
    }
}

/// Whether the instruction's text names any of `names` (`$X`, `${X}`).
fn uses(ins: &Instruction, names: &[String], escape: char) -> bool {
    let mut vars = shell::variables(&ins.logical_line, escape);
    for h in &ins.heredocs {
        vars.extend(shell::variables(&h.content, escape));
    }
    if let Arguments::Onbuild(inner) = &ins.arguments {
        vars.extend(shell::variables(&inner.logical_line, escape));
    }
    vars.iter().any(|v| names.contains(v))
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        for d in body.clone() {
            let ins = ctx.instr(d);
            if !matches!(ins.keyword, Keyword::Arg | Keyword::Env) {
                continue;
            }
            let names = declared(ins);
            let Some(name) = names.iter().find(|n| is_volatile(n)).cloned() else {
                continue;
            };
            // ENV values derived from it change with it too.
            let mut carriers = vec![name.clone()];
            let first_use =
                (d + 1..body.end).find(|&e| uses(ctx.instr(e), &carriers, ctx.df.escape));
            // Every heavy step after it that does not name it: before its first use, or after a
            // use that reruns and takes them with it.
            let mut heavy: Vec<usize> = (d + 1..body.end)
                .filter(|&e| {
                    cost_of(ctx.df, e, &ctx.graph) == Cost::Heavy
                        && !uses(ctx.instr(e), &carriers, ctx.df.escape)
                })
                .collect();

            if ins.keyword == Keyword::Arg {
                // Ask the rebuild model which of them the change reruns.
                let changes = Changes {
                    paths: Vec::new(),
                    build_args: vec![(name.clone(), "next-build".into())],
                    previous: None,
                };
                let target = stage.to_string();
                let p = plan(ctx.df, &ctx.context, &changes, Some(&target));
                heavy.retain(|&e| {
                    p.step_for(e)
                        .is_some_and(|s| s.status == StepStatus::Rebuilt)
                });
            }
            if heavy.is_empty() {
                continue;
            }
            carriers.extend(names.iter().cloned());
            let only_volatile = names.iter().all(|n| is_volatile(n));
            let last_heavy = *heavy.last().unwrap_or(&d);
            // Uses before the last heavy step: they have to move below it with the declaration.
            let uses_before: Vec<usize> = (d + 1..last_heavy)
                .filter(|&e| uses(ctx.instr(e), &carriers, ctx.df.escape))
                .collect();
            if !uses_before.is_empty() {
                // Safe to move when each use only records the value (metadata, or a RUN of
                // `echo`/`printf` that writes it somewhere) and is one line of its own.
                let movable = only_volatile
                    && ins.heredocs.is_empty()
                    && uses_before.iter().all(|&u| records_only(ctx, u));
                let fix = movable.then(|| {
                    let mut moved = ctx.lines_text(d);
                    for &u in &uses_before {
                        moved.push_str(&ctx.lines_text(u));
                    }
                    let at = ctx.line_range(last_heavy).end;
                    if at == ctx.src.len() && !ctx.src.ends_with('\n') {
                        moved = format!("\n{}", moved.trim_end_matches('\n'));
                    }
                    let mut edits = vec![TextEdit {
                        range: ctx.line_range(d),
                        replacement: String::new(),
                    }];
                    for &u in &uses_before {
                        edits.push(TextEdit {
                            range: ctx.line_range(u),
                            replacement: String::new(),
                        });
                    }
                    edits.push(insert(at, moved));
                    Fix {
                        title: String::new(),
                        edits,
                    }
                });
                let details = Details {
                    declaration: ctx.step(d),
                    keyword: ins.keyword.as_str().to_string(),
                    name,
                    heavy: heavy.iter().map(|&e| ctx.step(e)).collect(),
                    first_use: first_use.map(|u| ctx.step(u)),
                    uses_before: uses_before.iter().map(|&u| ctx.step(u)).collect(),
                };
                let fix = fix.map(|mut f| {
                    f.title = details.fix_title(Lang::En);
                    f
                });
                let related = heavy.iter().map(|&e| ctx.instr(e).span).collect();
                out.push(finding(
                    RuleId::SS003,
                    ins.span,
                    related,
                    Message::SS003(details),
                    fix,
                ));
                continue;
            }
            let fix = if only_volatile && ins.heredocs.is_empty() {
                let target_at = match first_use {
                    Some(u) => ctx.line_range(u).start,
                    None => ctx.line_range(*heavy.last().unwrap_or(&d)).end,
                };
                let mut moved = ctx.lines_text(d);
                if target_at == ctx.src.len() && !ctx.src.ends_with('\n') {
                    moved = format!("\n{}", moved.trim_end_matches('\n'));
                }
                Some(Fix {
                    title: String::new(),
                    edits: vec![
                        TextEdit {
                            range: ctx.line_range(d),
                            replacement: String::new(),
                        },
                        insert(target_at, moved),
                    ],
                })
            } else {
                None
            };
            let details = Details {
                declaration: ctx.step(d),
                keyword: ins.keyword.as_str().to_string(),
                name,
                heavy: heavy.iter().map(|&e| ctx.step(e)).collect(),
                first_use: first_use.map(|u| ctx.step(u)),
                uses_before: Vec::new(),
            };
            let fix = fix.map(|mut f| {
                f.title = details.fix_title(Lang::En);
                f
            });
            let related = heavy.iter().map(|&e| ctx.instr(e).span).collect();
            out.push(finding(
                RuleId::SS003,
                ins.span,
                related,
                Message::SS003(details),
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
        Some(Details::fix_title(self, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn names_that_change_every_build() {
        for n in [
            "GIT_COMMIT",
            "VERSION",
            "BUILD_DATE",
            "CACHEBUST",
            "VCS_REF",
            "COMMIT_SHA",
            "BUILD_NUMBER",
        ] {
            assert!(is_volatile(n), "{n}");
        }
        for n in [
            "PYTHON_VERSION",
            "NODE_ENV",
            "PORT",
            "DEBIAN_FRONTEND",
            "SHAPE",
        ] {
            assert!(!is_volatile(n), "{n}");
        }
    }

    #[test]
    fn fires_and_moves_the_arg_to_its_first_use() {
        let src = "FROM python:3.12\nARG GIT_COMMIT\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\n";
        let f = first(RuleId::SS003, src);
        all_langs_mention(&f, "GIT_COMMIT");
        let text = super::super::message_text(&f.message, Lang::En);
        assert!(text.contains("line 4") && text.contains("line 6"), "{text}");
        let out = fixed(RuleId::SS003, src);
        assert_eq!(out, "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nARG GIT_COMMIT\nLABEL org.opencontainers.image.revision=$GIT_COMMIT\n");
    }

    #[test]
    fn env_and_unused_values_move_below_the_heavy_steps() {
        let src = "FROM node:22\nENV BUILD_DATE=2025-01-01\nRUN npm install -g pm2\nCMD [\"pm2-runtime\", \"app.js\"]";
        let out = fixed(RuleId::SS003, src);
        assert_eq!(out, "FROM node:22\nRUN npm install -g pm2\nENV BUILD_DATE=2025-01-01\nCMD [\"pm2-runtime\", \"app.js\"]");
    }

    #[test]
    fn a_use_before_the_heavy_steps_moves_down_with_the_declaration() {
        // The case: the value is written to a file, then the install runs.
        let src = "FROM python:3.13-slim\nARG GIT_SHA\nRUN echo $GIT_SHA > /build-info\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n";
        let f = first(RuleId::SS003, src);
        let text = super::super::message_text(&f.message, Lang::En);
        assert!(
            text.contains("`RUN echo $GIT_SHA > /build-info` on line 3 uses it before 1 heavy step(s) (line 5"),
            "{text}"
        );
        all_langs_mention(&f, "RUN echo $GIT_SHA > /build-info");
        assert_eq!(
            fixed(RuleId::SS003, src),
            "FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nARG GIT_SHA\nRUN echo $GIT_SHA > /build-info\nCOPY . .\n"
        );
        // A LABEL that names it does not rerun anything, but RUN still sees the ARG: the
        // install after the LABEL reruns on every commit.
        let src = "FROM python:3.13-slim\nARG GIT_COMMIT\nLABEL rev=$GIT_COMMIT\nRUN pip install fastapi\n";
        assert!(fires(RuleId::SS003, src));
        // A heavy use is not moved for you.
        let src = "FROM golang:1.24\nARG VERSION\nRUN go build -ldflags \"-X main.v=$VERSION\" ./...\nRUN apk add --no-cache upx\n";
        let f = first(RuleId::SS003, src);
        assert!(f.fix.is_none());
    }

    #[test]
    fn quiet_when_late_or_when_heavy_steps_use_it() {
        assert!(!fires(RuleId::SS003, "FROM python:3.12\nRUN pip install --no-cache-dir fastapi\nARG VERSION\nLABEL v=$VERSION\n"));
        assert!(!fires(
            RuleId::SS003,
            "FROM golang:1.23\nARG VERSION\nRUN go build -ldflags \"-X main.v=$VERSION\" ./...\n"
        ));
    }
}
