//! SS030 (warning): a FROM line that uses a variable no global ARG declares
//! (`FROM python:${PYTHON_VERSON}`).
//!
//! An undeclared variable expands to nothing, so the stage builds on another image than
//! intended (`python:` fails, `node${SUFFIX}` silently becomes `node`): `warning`. BuildKit's
//! `UndefinedArgInFrom`, for the image and the `--platform` value: a variable counts as declared
//! when an ARG before the first FROM names it (with or without a default) or when it is one of
//! the platform arguments BuildKit predefines (`BUILDPLATFORM`, `TARGETARCH`, ...). The "did
//! you mean" suggestion is BuildKit's: the declared name closest by edit distance, if fewer than
//! three edits away.
//!
//! No fix: renaming a variable changes what the build reads.

use shipshape_lang::ko::{eul_reul};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS030,
    severity: Severity::Warning,
    title: "FROM uses an undeclared ARG",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &["UndefinedArgInFrom"],
    },
};

/// The build arguments BuildKit defines for every build (`defaultArgs`), with the values they
/// take on a linux/amd64 build, the values the lint assumes.
pub(crate) const PREDEFINED_ARGS: [(&str, &str); 11] = [
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", "default"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The variable.
    pub name: String,
    /// A declared name a few edits away.
    pub suggestion: Option<String>,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, n) = (self.line, &self.name);
        let hint = match (&self.suggestion, lang) {
            (Some(s), Lang::En) => format!(" Did you mean `{s}`?"),
            (Some(s), Lang::Ko) => format!(" `{s}`{eul} 뜻한 것은 아닌가요?", eul = eul_reul(s)),
            (Some(s), Lang::Ja) => format!("`{s}` のつもりではありませんか。"),
            (None, _) => String::new(),
        };
        match lang {
            Lang::En => format!("The FROM on line {line} uses `${n}`, but no ARG before the first FROM declares `{n}`, so it expands to nothing and the stage starts from another image than the line reads.{hint} Declare it (`ARG {n}=<default>`) before the first FROM, or correct the name."),
            Lang::Ko => format!("{line}행의 FROM이 `${n}`{eul} 쓰지만 첫 FROM 앞에 `{n}`{eul} 선언한 ARG가 없습니다. 그래서 빈 문자열로 치환되어 스테이지가 줄에 적힌 것과 다른 이미지에서 시작합니다.{hint} 첫 FROM 앞에 선언하거나(`ARG {n}=<기본값>`) 이름을 바로잡으세요.", eul = eul_reul(n)),
            Lang::Ja => format!("{line}行目の FROM は `${n}` を使っていますが、最初の FROM より前に `{n}` を宣言する ARG がありません。そのため空文字列に展開され、ステージは行に書かれたのとは別のイメージから始まります。{hint}最初の FROM より前で宣言する（`ARG {n}=<デフォルト値>`）か、名前を直してください。"),
        }
    }
}

/// BuildKit's `suggest.Search`: the option closest to `name` by edit distance, if fewer than
/// three edits away and `name` is not itself an option. The first of equally close ones wins.
pub(crate) fn suggest<'a>(name: &str, options: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut min = 3;
    for opt in options {
        if opt == name {
            return None;
        }
        let d = levenshtein(name, opt);
        if d < min {
            min = d;
            best = Some(opt);
        }
    }
    best.map(str::to_string)
}

/// Edit distance (insertions, deletions, substitutions) over characters.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The names of the global ARGs (before the first FROM), in order, each once.
pub(crate) fn global_arg_names(ctx: &Ctx) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for k in ctx.df.global_instructions() {
        for n in ctx.instr(k).arg_names() {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let globals = global_arg_names(ctx);
    let declared = |n: &str| {
        globals.iter().any(|g| g == n) || PREDEFINED_ARGS.iter().any(|(p, _)| *p == n)
    };
    let options: Vec<&str> = globals
        .iter()
        .map(String::as_str)
        .chain(PREDEFINED_ARGS.iter().map(|(p, _)| *p))
        .collect();
    for stage in &ctx.graph.stages {
        let ins = ctx.instr(stage.from);
        let mut texts: Vec<&str> = Vec::new();
        if let Some(w) = ins.arguments.words().first() {
            texts.push(&w.value);
        }
        if let Some(p) = ins.flag("platform").and_then(|f| f.value.as_deref()) {
            texts.push(p);
        }
        let mut reported: Vec<String> = Vec::new();
        for text in texts {
            for name in crate::shell::variables(text, ctx.df.escape) {
                if declared(&name) || reported.contains(&name) {
                    continue;
                }
                let details = Details {
                    line: ins.span.start_pos.line,
                    suggestion: suggest(&name, options.iter().copied()),
                    name: name.clone(),
                };
                reported.push(name);
                out.push(finding(
                    RuleId::SS030,
                    ins.span,
                    Vec::new(),
                    Message::SS030(details),
                    None,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn found(src: &str) -> Vec<(String, Option<String>)> {
        crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS030(d) => Some((d.name, d.suggestion)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn buildkits_cases() {
        assert!(found("ARG base=scratch\nFROM $base\nCOPY Dockerfile .\n").is_empty());
        assert!(found("ARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n").is_empty());
        assert!(found("FROM --platform=$BUILDPLATFORM scratch\n").is_empty());
        assert!(found("ARG DEBUG\nFROM scratch${DEBUG}\n").is_empty());
        assert!(found("ARG DEBUG\nFROM scra${DEBUG:-tch}\n").is_empty());
        assert_eq!(
            found("FROM --platform=$BULIDPLATFORM scratch\n"),
            [("BULIDPLATFORM".to_string(), Some("BUILDPLATFORM".to_string()))]
        );
        assert_eq!(
            found("ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n"),
            [("MYARCH".to_string(), Some("MY_ARCH".to_string()))]
        );
        assert_eq!(
            found("ARG tag=latest\nFROM busybox:${tag}${version} AS b\n"),
            [("version".to_string(), None)]
        );
        let f = first(RuleId::SS030, "FROM python:${PY}\n");
        all_langs_mention(&f, "`$PY`");
    }

    #[test]
    fn a_stage_arg_does_not_declare_it_for_from() {
        assert_eq!(
            found("FROM alpine\nARG V=3\nFROM python:$V\n"),
            [("V".to_string(), None)]
        );
        // Single quotes keep `$` literal.
        assert!(found("FROM 'a$b'\n").is_empty());
    }

    #[test]
    fn suggestions_follow_buildkit() {
        assert_eq!(suggest("PAHT", ["PATH"]).as_deref(), Some("PATH"));
        assert_eq!(suggest("ABCDEF", ["XYZ"]), None);
        assert_eq!(suggest("A", ["A", "B"]), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
