//! SS017 (info): a stage name with upper-case letters (`FROM golang AS Builder`).
//!
//! BuildKit lower-cases stage names before it uses them, so `Builder` and `builder` are one
//! stage: the capitals only suggest a distinction that does not exist. Pure style, nothing
//! breaks, hence `info`. BuildKit's `StageNameCasing`: it looks at `FROM <image> AS <name>`
//! lines (three words) only.
//!
//! Fix: write the name in lower case. References to it (`FROM Builder`, `COPY --from=Builder`)
//! are case-insensitive in BuildKit, so they keep meaning the same stage.

use shipshape_lang::ko::{euro_ro};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS017,
    severity: Severity::Info,
    title: "Stage name not in lower case",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["StageNameCasing"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The name as written.
    pub name: String,
}

impl Details {
    fn lower(&self) -> String {
        self.name.to_lowercase()
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, name, lower) = (self.line, &self.name, self.lower());
        match lang {
            Lang::En => format!("The stage on line {line} is named `{name}`. BuildKit lower-cases stage names, so the capitals make no difference and only suggest one: write it as `{lower}`."),
            Lang::Ko => format!("{line}행의 스테이지 이름 `{name}`에 대문자가 들어 있습니다. BuildKit은 스테이지 이름을 소문자로 바꿔서 다루므로 대문자를 써도 다른 이름이 되지 않고 헷갈리기만 합니다. `{lower}`처럼 소문자로 쓰세요."),
            Lang::Ja => format!("{line}行目のステージ名 `{name}` に大文字が含まれています。BuildKit はステージ名を小文字にして扱うので、大文字を使っても別の名前にはならず、紛らわしいだけです。`{lower}` のように小文字で書いてください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let lower = self.lower();
        Some(match lang {
            Lang::En => format!("Rename the stage `{lower}`"),
            Lang::Ko => format!("스테이지 이름을 `{lower}`{ro} 바꾸기", ro = euro_ro(&lower)),
            Lang::Ja => format!("ステージ名を `{lower}` にする"),
        })
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in &ctx.graph.stages {
        let ins = ctx.instr(stage.from);
        let Arguments::Words(words) = &ins.arguments else {
            continue;
        };
        if words.len() != 3 || words[2].value == words[2].value.to_lowercase() {
            continue;
        }
        let details = Details {
            line: ins.span.start_pos.line,
            name: words[2].value.clone(),
        };
        // Only a well-formed `AS` line gets a fix: otherwise the line is broken anyway.
        let fix = words[1].value.eq_ignore_ascii_case("as").then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: words[2].span.range(),
                replacement: details.lower(),
            }],
        });
        out.push(finding(
            RuleId::SS017,
            words[2].span,
            Vec::new(),
            Message::SS017(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_capitals_in_a_stage_name_and_lowercases_it() {
        let src = "FROM golang:1.23 AS Builder\nRUN go build\nFROM alpine:3.20\nCOPY --from=Builder /out /app\n";
        let f = first(RuleId::SS017, src);
        all_langs_mention(&f, "`Builder`");
        assert_eq!(
            fixed(RuleId::SS017, src),
            src.replacen("AS Builder", "AS builder", 1)
        );
        // BuildKit's own case: the name alone matters, not the casing of AS.
        assert!(fires(RuleId::SS017, "FROM scratch AS BadStageName\n"));
        assert!(fires(RuleId::SS017, "from scratch as BUILD\n"));
    }

    #[test]
    fn quiet_on_lower_case_names_and_unnamed_stages() {
        assert!(!fires(RuleId::SS017, "FROM scratch AS base2\n"));
        assert!(!fires(RuleId::SS017, "FROM scratch as base\n"));
        assert!(!fires(RuleId::SS017, "FROM Scratch\n"));
        assert!(!fires(RuleId::SS017, "ARG V=1\nFROM python:${V}\n"));
    }
}
