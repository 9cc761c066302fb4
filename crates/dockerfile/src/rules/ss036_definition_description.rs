//! SS036 (info): a comment directly above an ARG or a named stage that does not start with the
//! name it describes (`# Python version` above `ARG PYTHON_VERSION=3.13`).
//!
//! BuildKit reads such a comment as the description of the build argument or stage (`docker
//! buildx build --call=outline` shows it), but only when it starts with the name. Style only,
//! hence `info`, and in the `pedantic` profile, as the check is experimental in BuildKit
//! (`InvalidDefinitionDescription`, opt-in with `# check=experimental=...`). Same test as
//! BuildKit: the last comment line of the block directly above (a `#` line with nothing after it
//! ends a block), its first space-separated word compared with the ARG names of the instruction
//! or the stage's lower-cased name; global ARGs included.
//!
//! No fix: rewording the comment, or separating it with an empty `#` line when it is not a
//! description, is the author's call.

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS036,
    severity: Severity::Info,
    title: "ARG or stage comment not in the description format",
    guide: "reproducible",
    profile: Profile::Pedantic,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &["InvalidDefinitionDescription"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `ARG` or `FROM`.
    pub keyword: String,
    /// The name the comment should start with (`<arg_key>` for an ARG of several names).
    pub name: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, kw, n) = (self.line, &self.keyword, &self.name);
        let what = match (kw.as_str(), lang) {
            ("FROM", Lang::En) => "stage",
            ("FROM", Lang::Ko) => "스테이지",
            ("FROM", Lang::Ja) => "ステージ",
            (_, Lang::En) => "build argument",
            (_, Lang::Ko) => "빌드 인자",
            (_, Lang::Ja) => "ビルド引数",
        };
        match lang {
            Lang::En => format!("The comment above the `{kw}` on line {line} reads as the {what}'s description, but BuildKit takes it as one only when it starts with the name: write `# {n} <description>`. If it is not a description, put an empty `#` line between it and the `{kw}`."),
            Lang::Ko => format!("{line}행의 `{kw}` 바로 위 주석은 {what} 설명으로 읽히지만, BuildKit은 이름으로 시작하는 주석만 설명으로 받아들입니다. `# {n} <설명>` 형식으로 쓰세요. 설명이 아니라면 주석과 `{kw}` 사이에 빈 `#` 줄을 넣으세요."),
            Lang::Ja => format!("{line}行目の `{kw}` のすぐ上のコメントは{what}の説明として読まれますが、BuildKit は名前で始まるコメントしか説明として扱いません。`# {n} <説明>` の形式で書いてください。説明でないなら、コメントと `{kw}` の間に空の `#` 行を入れてください。"),
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        let Some(last) = ins.comments.last() else {
            continue;
        };
        let names: Vec<String> = match ins.keyword {
            Keyword::Arg => ins.arg_names(),
            Keyword::From => ctx
                .graph
                .stages
                .iter()
                .find(|s| s.from == k)
                .and_then(|s| s.name.clone())
                .into_iter()
                .collect(),
            _ => continue,
        };
        if names.is_empty() {
            continue;
        }
        let first_word = last.split(' ').next().unwrap_or("");
        if names.iter().any(|n| n == first_word) {
            continue;
        }
        let name = if names.len() > 1 {
            "<arg_key>".to_string()
        } else {
            names[0].clone()
        };
        out.push(finding(
            RuleId::SS036,
            ins.span,
            Vec::new(),
            Message::SS036(Details {
                line: ctx.step(k).line,
                keyword: ins.keyword.as_str().to_string(),
                name,
            }),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn lines(src: &str) -> Vec<(u32, String)> {
        crate::rules::lint_source(src, &super::super::test_support::all_profiles())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS036(d) => Some((d.line, d.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn buildkits_cases() {
        let good = "# foo this is the foo\nARG foo=bar\n# base this is the base image\nFROM scratch AS base\n# version this is the version number\nARG version=latest\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n";
        assert!(lines(good).is_empty());
        let bad = "# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n";
        assert_eq!(
            lines(bad),
            [
                (3, "foo".to_string()),
                (5, "base".to_string()),
                (7, "version".to_string()),
                (9, "<arg_key>".to_string())
            ]
        );
        let f = first(RuleId::SS036, bad);
        all_langs_mention(&f, "`# foo <");
    }

    #[test]
    fn only_the_last_comment_line_and_named_stages_count() {
        assert!(lines("# Some text\n# foo the foo\nARG foo\n").is_empty());
        assert!(lines("# the base image\nFROM alpine\n").is_empty());
        assert_eq!(lines("FROM alpine\n# foo\n# not it\nARG foo\n"), [(4, "foo".to_string())]);
    }

    #[test]
    fn pedantic_only() {
        assert_eq!(META.profile, Profile::Pedantic);
        assert!(!Profile::Default.rules().any(|r| r == RuleId::SS036));
    }
}
