//! SS032 (warning): a variable used where BuildKit expands it (COPY, ADD, ENV, LABEL, WORKDIR,
//! USER, VOLUME, STOPSIGNAL, ARG defaults, `RUN --mount` options) that nothing defines at that
//! point (`COPY app-$TARGETARCH /app` without `ARG TARGETARCH` in the stage).
//!
//! It expands to an empty string, so the instruction does something else than it reads: a
//! wrong path, an empty label, a root user. That costs correctness, hence `warning`. BuildKit's
//! `UndefinedVar`: defined are the ENV variables of the stage and of the stages it is built
//! `FROM` (and `PATH`, which BuildKit always sets), and the ARGs declared earlier in the stage or
//! its parents (with or without a value). A global ARG is not defined in a stage until the
//! stage declares it again, and neither are the predefined platform arguments. The "did you
//! mean" suggestion is BuildKit's: the defined name closest by edit distance, under three edits.
//! RUN commands are left alone, as in BuildKit: their variables are the shell's.
//!
//! One deliberate difference: BuildKit also knows the ENV of the base image, which a lint
//! without the registry cannot. In a stage built on an image (not `scratch`), a variable is
//! reported only when the image cannot be what defines it: a predefined platform argument, a
//! name declared later in the stage, or a near miss of a defined name (a probable typo; for
//! `PATH`, only a name of its length, since images define `GOPATH` and the like). A stage built
//! from `scratch` gets BuildKit's check in full.
//!
//! No fix: a renamed or declared variable changes what the build reads.

use shipshape_lang::ko::{eul_reul, euro_ro};
use super::ss030_undefined_arg_in_from::{suggest, PREDEFINED_ARGS};
use super::ss031_invalid_default_arg_in_from::default_meta_args;
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::span::Span;
use crate::syntax::{Arguments, Instruction, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS032,
    severity: Severity::Warning,
    title: "A variable used before anything defines it",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &["UndefinedVar"],
    },
};

/// Build arguments BuildKit never puts in the environment, so never reports.
const NON_ENV_ARGS: [&str; 2] = ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// Why the variable is undefined, when the file says more than "nothing defines it".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// An ARG or ENV later in the stage defines it, on this line.
    Later(u32),
    /// A platform argument BuildKit predefines: the stage must declare it.
    Platform,
    /// A global ARG (before the first FROM), which a stage sees only once it declares it.
    Global,
    /// Nothing in the file.
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    pub name: String,
    pub suggestion: Option<String>,
    pub hint: Hint,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, n) = (self.line, &self.name);
        let mean = match (&self.suggestion, lang) {
            (Some(s), Lang::En) => format!(" Did you mean `${s}`?"),
            (Some(s), Lang::Ko) => format!(" `${s}`{eul} 뜻한 것은 아닌가요?", eul = eul_reul(s)),
            (Some(s), Lang::Ja) => format!("`${s}` のつもりではありませんか。"),
            (None, _) => String::new(),
        };
        let why = match (self.hint, lang) {
            (Hint::Later(l), Lang::En) => format!("It is defined only on line {l}, after this use: move that line up."),
            (Hint::Platform, Lang::En) => format!("BuildKit sets `{n}` for every build, but a stage sees it only after `ARG {n}`: add that line to the stage."),
            (Hint::Global, Lang::En) => format!("The ARG before the first FROM makes `{n}` visible to FROM lines only: declare it again in the stage with `ARG {n}`."),
            (Hint::Nothing, Lang::En) => format!("Declare it (`ARG {n}` or `ENV {n}=...`) before this line, or correct the name."),
            (Hint::Later(l), Lang::Ko) => format!("이 변수는 사용한 곳보다 뒤인 {l}행에서야 정의되므로, 그 줄을 위로 옮기세요."),
            (Hint::Platform, Lang::Ko) => format!("BuildKit이 모든 빌드에 `{n}`{eul} 정해 주지만, 스테이지에서는 `ARG {n}`{eul} 쓴 뒤에야 보입니다. 스테이지에 그 줄을 추가하세요.", eul = eul_reul(n)),
            (Hint::Global, Lang::Ko) => format!("첫 FROM 앞의 ARG는 `{n}`{eul} FROM 줄에만 보여 줍니다. 스테이지 안에서 `ARG {n}`{ro} 다시 선언하세요.", eul = eul_reul(n), ro = euro_ro(n)),
            (Hint::Nothing, Lang::Ko) => format!("이 줄보다 앞에서 선언하거나(`ARG {n}` 또는 `ENV {n}=...`), 이름을 바로잡으세요."),
            (Hint::Later(l), Lang::Ja) => format!("この変数は使われた場所より後の {l}行目で初めて定義されるので、その行を上に移してください。"),
            (Hint::Platform, Lang::Ja) => format!("BuildKit はすべてのビルドで `{n}` を設定しますが、ステージからは `ARG {n}` を書いた後でないと見えません。ステージにその行を追加してください。"),
            (Hint::Global, Lang::Ja) => format!("最初の FROM より前の ARG は、`{n}` を FROM 行にしか見せません。ステージの中で `ARG {n}` ともう一度宣言してください。"),
            (Hint::Nothing, Lang::Ja) => format!("この行より前で宣言する（`ARG {n}` または `ENV {n}=...`）か、名前を直してください。"),
        };
        match lang {
            Lang::En => format!("Line {line} uses `${n}`, which nothing defines at that point in the stage, so it expands to an empty string.{mean} {why}"),
            Lang::Ko => format!("{line}행이 `${n}`{eul} 쓰지만 스테이지의 그 지점에서는 아무것도 이 변수를 정의하지 않으므로 빈 문자열로 치환됩니다.{mean} {why}", eul = eul_reul(n)),
            Lang::Ja => format!("{line}行目は `${n}` を使っていますが、ステージのその時点ではこの変数を定義するものがないので、空文字列に展開されます。{mean}{why}"),
        }
    }
}

/// What a stage has defined so far.
#[derive(Debug, Clone, Default)]
struct Scope {
    /// Variables in the environment, in the order they were set (BuildKit's suggestions).
    env: Vec<String>,
    /// ARGs declared, with or without a value.
    args: Vec<String>,
    /// Built from `scratch`: nothing comes from an image.
    closed: bool,
}

impl Scope {
    fn set_env(&mut self, name: &str) {
        if !self.env.iter().any(|e| e == name) {
            self.env.push(name.to_string());
        }
    }
}

/// The texts of an instruction BuildKit expands (not ARG, handled apart), with their spans.
fn expanded_texts(ins: &Instruction) -> Vec<(&str, Span)> {
    let mut out: Vec<(&str, Span)> = Vec::new();
    let flags: &[&str] = match ins.keyword {
        Keyword::Copy => &["chown", "chmod"],
        Keyword::Add => &["chown", "chmod", "checksum"],
        Keyword::Run => &["mount"],
        _ => &[],
    };
    for f in &ins.flags {
        if flags.contains(&f.name.as_str()) {
            if let Some(v) = &f.value {
                out.push((v, f.span));
            }
        }
    }
    match (ins.keyword, &ins.arguments) {
        (Keyword::Env | Keyword::Label, Arguments::Pairs(pairs)) => {
            for kv in pairs {
                out.push((&kv.key.value, kv.key.span));
                out.push((&kv.value.value, kv.value.span));
            }
        }
        (
            Keyword::Copy
            | Keyword::Add
            | Keyword::Workdir
            | Keyword::User
            | Keyword::Volume
            | Keyword::Stopsignal,
            args,
        ) => {
            for w in args.words() {
                // A heredoc's marker is not a path.
                if !ins.arguments.is_exec() && w.value.starts_with("<<") {
                    continue;
                }
                out.push((&w.value, w.span));
            }
        }
        _ => {}
    }
    out
}

/// The names a text looks up that `scope` does not define.
fn undefined(text: &str, escape: char, scope: &Scope) -> Vec<String> {
    if !text.contains('$') {
        return Vec::new();
    }
    let mut used = Vec::new();
    crate::shell::expand(text, escape, &|_| None, &mut used);
    let mut out: Vec<String> = Vec::new();
    for name in used {
        let defined = scope.env.contains(&name)
            || scope.args.contains(&name)
            || NON_ENV_ARGS.contains(&name.as_str());
        if !defined && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let meta = default_meta_args(ctx);
    let globals = super::ss030_undefined_arg_in_from::global_arg_names(ctx);
    let mut ends: Vec<Scope> = Vec::with_capacity(ctx.graph.stages.len());
    for s in 0..ctx.graph.stages.len() {
        let mut scope = match ctx.parent_stage(s).and_then(|p| ends.get(p)) {
            Some(parent) => parent.clone(),
            None => Scope {
                env: vec!["PATH".to_string()],
                args: Vec::new(),
                closed: ctx.base_image(s).eq_ignore_ascii_case("scratch"),
            },
        };
        let body = ctx.body(s);
        // Where each name is defined in the stage, for "defined only later".
        let definitions: Vec<(usize, String)> = body
            .clone()
            .flat_map(|k| defined_names(ctx.instr(k)).into_iter().map(move |n| (k, n)))
            .collect();
        for k in body {
            let ins = ctx.instr(k);
            let mut report = |name: String, span: Span, scope: &Scope| {
                let later = definitions
                    .iter()
                    .find(|(at, n)| *at > k && *n == name)
                    .map(|(at, _)| ctx.instr(*at).span.start_pos.line);
                let platform = PREDEFINED_ARGS.iter().any(|(p, _)| *p == name);
                let suggestion = suggest(&name, scope.env.iter().map(String::as_str));
                let hint = match later {
                    Some(l) => Hint::Later(l),
                    None if platform => Hint::Platform,
                    None if globals.contains(&name) => Hint::Global,
                    None => Hint::Nothing,
                };
                // An image may define what the file does not: see the module doc. A near miss
                // of `PATH` counts only at `PATH`'s length (`PAHT`), as images define names such
                // as `GOPATH` two edits away.
                let near_miss = suggestion
                    .as_deref()
                    .is_some_and(|s| s != "PATH" || name.chars().count() == 4);
                if !scope.closed && later.is_none() && !platform && !near_miss {
                    return;
                }
                out.push(finding(
                    RuleId::SS032,
                    span,
                    Vec::new(),
                    Message::SS032(Details {
                        line: ins.span.start_pos.line,
                        name,
                        suggestion,
                        hint,
                    }),
                    None,
                ));
            };
            if ins.keyword == Keyword::Arg {
                for w in ins.arguments.words() {
                    let (name, default) = match w.value.split_once('=') {
                        Some((n, d)) => (n, Some(d)),
                        None => (w.value.as_str(), None),
                    };
                    if name.is_empty() {
                        continue;
                    }
                    if let Some(d) = default {
                        for v in undefined(d, ctx.df.escape, &scope) {
                            report(v, w.span, &scope);
                        }
                    }
                    // Without a default it takes the global value, if one exists.
                    let valued = default.is_some() || meta.iter().any(|(k, _)| k == name);
                    if !scope.args.iter().any(|a| a == name) {
                        scope.args.push(name.to_string());
                    }
                    if valued && !NON_ENV_ARGS.contains(&name) {
                        scope.set_env(name);
                    }
                }
                continue;
            }
            let mut seen: Vec<String> = Vec::new();
            for (text, span) in expanded_texts(ins) {
                for v in undefined(text, ctx.df.escape, &scope) {
                    if !seen.contains(&v) {
                        seen.push(v.clone());
                        report(v, span, &scope);
                    }
                }
            }
            if ins.keyword == Keyword::Env {
                for n in defined_names(ins) {
                    scope.set_env(&n);
                }
            }
        }
        ends.push(scope);
    }
}

/// The names an ARG or ENV defines.
fn defined_names(ins: &Instruction) -> Vec<String> {
    match (ins.keyword, &ins.arguments) {
        (Keyword::Arg, _) => ins.arg_names(),
        (Keyword::Env, Arguments::Pairs(pairs)) => {
            pairs.iter().map(|kv| kv.key.value.clone()).collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn found(src: &str) -> Vec<(u32, String, Option<String>)> {
        crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS032(d) => Some((d.line, d.name, d.suggestion)),
                _ => None,
            })
            .collect()
    }

    fn names(src: &str) -> Vec<String> {
        found(src).into_iter().map(|(_, n, _)| n).collect()
    }

    #[test]
    fn buildkits_cases() {
        // Each stage on its own: `$foo` undefined in the first, `$bar` in the second.
        assert_eq!(
            names("FROM scratch AS first\nCOPY $foo .\nFROM scratch AS second\nCOPY $bar .\n"),
            ["foo", "bar"]
        );
        assert!(names("FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n").is_empty());
        // ARGs carry over to a stage built FROM this one.
        assert!(names("FROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n").is_empty());
        // RUN is the shell's business; PATH is always set.
        assert!(names("FROM alpine\nRUN echo $PATH $nope\n").is_empty());
        assert_eq!(
            found("FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n"),
            [(2, "foo".to_string(), None)]
        );
        assert_eq!(
            found("FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n"),
            [(5, "DIR_ASSET".to_string(), Some("DIR_ASSETS".to_string()))]
        );
        assert_eq!(
            found("FROM alpine\nENV PATH=$PAHT:/tmp/bin\n"),
            [(2, "PAHT".to_string(), Some("PATH".to_string()))]
        );
    }

    #[test]
    fn platform_and_global_args_must_be_declared_in_the_stage() {
        let src = "FROM golang:1.23\nCOPY bin/app-${TARGETARCH} /app\n";
        let f = first(RuleId::SS032, src);
        all_langs_mention(&f, "`ARG TARGETARCH`");
        assert!(names("FROM golang:1.23\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /app\n").is_empty());
        // In a scratch stage everything is known: a global ARG is not visible until redeclared.
        let global = "ARG VERSION=1.0\nFROM scratch\nLABEL version=$VERSION\n";
        assert_eq!(names(global), ["VERSION"]);
        assert!(names(&global.replace("FROM scratch\n", "FROM scratch\nARG VERSION\n")).is_empty());
        // On an image, the image may set it: quiet.
        assert!(names("ARG PYTHON_VERSION=3.13\nFROM python:3.13\nLABEL py=$PYTHON_VERSION\n").is_empty());
        assert!(names("FROM golang:1.23\nWORKDIR $GOPATH/src/app\n").is_empty());
    }

    #[test]
    fn what_counts_as_defined() {
        // ENV of a parent stage; earlier ENV in the same stage; not a later key of the same ENV.
        assert!(names("FROM scratch AS a\nENV HOME_DIR=/app\nFROM a\nWORKDIR $HOME_DIR\n").is_empty());
        assert_eq!(names("FROM scratch\nENV A=1 B=$A\n"), ["A"]);
        assert!(names("FROM scratch\nENV A=1\nENV B=$A\n").is_empty());
        // An ARG default sees the ARGs before it in the same instruction.
        assert!(names("FROM scratch\nARG A=1 B=${A}\n").is_empty());
        // Quoted `$` and escaped `$` are literal; flags and mounts count.
        assert!(names("FROM scratch\nLABEL a='$X' b=\\$Y\n").is_empty());
        assert_eq!(names("FROM scratch\nCOPY --chown=$UID a /b\n"), ["UID"]);
        assert_eq!(
            names("FROM alpine\nENV CACHE_DIR=/c\nRUN --mount=type=cache,target=$CACHE_DIRR true\n"),
            ["CACHE_DIRR"]
        );
        assert!(names("FROM scratch\nCOPY <<EOF /a\n$NOT_A_PATH\nEOF\n").is_empty());
    }
}
