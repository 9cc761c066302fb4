//! SS018 (info): `AS` written in another case than its `FROM` (`FROM node AS build` is fine,
//! `FROM node as build` is not).
//!
//! Keywords are case-insensitive, so this is only style, hence `info`. It follows BuildKit's
//! `FromAsCasing` exactly: a `FROM` that is itself mixed case (`From`) is left to SS019, as
//! BuildKit leaves it to `ConsistentInstructionCasing`.
//!
//! Fix: write `AS` in the case of its `FROM`.

use shipshape_lang::ko::{euro_ro};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS018,
    severity: Severity::Info,
    title: "AS in another case than FROM",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["FromAsCasing"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `FROM` as written.
    pub from: String,
    /// `as` as written.
    pub as_word: String,
    /// What it should be: `AS` or `as`.
    pub expected: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let Details {
            line,
            from,
            as_word,
            expected,
        } = self;
        match lang {
            Lang::En => format!("On line {line}, `{as_word}` is not in the case of `{from}`. Keywords work in any case, but a line that mixes them reads as a mistake: write `{from} ... {expected} ...`."),
            Lang::Ko => format!("{line}행의 `{as_word}` 키워드가 `{from}` 키워드와 대소문자가 다릅니다. 키워드는 대소문자를 가리지 않지만 한 줄에서 섞어 쓰면 실수처럼 보입니다. `{from} ... {expected} ...`처럼 맞추세요."),
            Lang::Ja => format!("{line}行目の `{as_word}` は `{from}` と大文字・小文字が揃っていません。キーワードはどちらで書いても動きますが、1 行の中で混ざっていると書き間違いに見えます。`{from} ... {expected} ...` のように揃えてください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let e = &self.expected;
        Some(match lang {
            Lang::En => format!("Write `{e}`"),
            Lang::Ko => format!("`{e}`{ro} 쓰기", ro = euro_ro(e)),
            Lang::Ja => format!("`{e}` と書く"),
        })
    }
}

/// The `AS` that matches a FROM keyword written all lower or all upper case; `None` for a
/// mixed-case FROM (BuildKit leaves that to its instruction-casing check).
pub(crate) fn expected_as(from_keyword: &str) -> Option<&'static str> {
    if from_keyword == from_keyword.to_lowercase() {
        Some("as")
    } else if from_keyword == from_keyword.to_uppercase() {
        Some("AS")
    } else {
        None
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in &ctx.graph.stages {
        let ins = ctx.instr(stage.from);
        let Arguments::Words(words) = &ins.arguments else {
            continue;
        };
        if words.len() < 3 {
            continue;
        }
        let Some(expected) = expected_as(&ins.keyword_text) else {
            continue;
        };
        let as_word = &words[1];
        let matches = if expected == "as" {
            as_word.value == as_word.value.to_lowercase()
        } else {
            as_word.value == as_word.value.to_uppercase()
        };
        if matches {
            continue;
        }
        let details = Details {
            line: ins.span.start_pos.line,
            from: ins.keyword_text.clone(),
            as_word: as_word.value.clone(),
            expected: expected.to_string(),
        };
        let fix = as_word.value.eq_ignore_ascii_case("as").then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: as_word.span.range(),
                replacement: expected.to_string(),
            }],
        });
        out.push(finding(
            RuleId::SS018,
            as_word.span,
            Vec::new(),
            Message::SS018(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_when_as_and_from_differ_and_fixes_as() {
        let src = "FROM scratch as base2\n";
        let f = first(RuleId::SS018, src);
        all_langs_mention(&f, "`as`");
        assert_eq!(fixed(RuleId::SS018, src), "FROM scratch AS base2\n");
        assert_eq!(
            fixed(RuleId::SS018, "from scratch AS base\n"),
            "from scratch as base\n"
        );
        assert!(fires(RuleId::SS018, "FROM scratch As base\n"));
    }

    #[test]
    fn quiet_when_cases_match_or_from_is_mixed_case() {
        assert!(!fires(RuleId::SS018, "FROM scratch AS base3\n"));
        assert!(!fires(RuleId::SS018, "from scratch as base2\n"));
        // BuildKit: a mixed-case FROM is ConsistentInstructionCasing's, not this check's.
        assert!(!fires(RuleId::SS018, "From scratch as base\n"));
        assert!(!fires(RuleId::SS018, "FROM scratch\n"));
    }
}
