//! SS022 (info): the deprecated `MAINTAINER` instruction.
//!
//! `MAINTAINER` still works (it fills the image's `Author` field), but Docker deprecated it in
//! favour of a label that every tool reads: `org.opencontainers.image.authors`. Nothing breaks,
//! hence `info`. BuildKit's `MaintainerDeprecated`, hadolint's DL4000.
//!
//! Fix: `MAINTAINER x` becomes `LABEL org.opencontainers.image.authors="x"`, offered when the
//! text has no `"`, `$`, backquote or escape character: a LABEL value is expanded and unquoted,
//! MAINTAINER's text is not, so those would change the value.

use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS022,
    severity: Severity::Info,
    title: "Deprecated MAINTAINER instruction",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL4000"],
        buildkit: &["MaintainerDeprecated"],
    },
};

/// The label the OCI image spec defines for the authors.
pub(crate) const AUTHORS_LABEL: &str = "org.opencontainers.image.authors";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The maintainer text as written.
    pub maintainer: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, m) = (self.line, &self.maintainer);
        match lang {
            Lang::En => format!("`MAINTAINER` on line {line} is deprecated. Record the author in the standard label instead: `LABEL {AUTHORS_LABEL}=\"{m}\"`."),
            Lang::Ko => format!("{line}행의 `MAINTAINER` 명령은 더 이상 권장되지 않습니다(deprecated). 대신 표준 레이블에 작성자를 적으세요: `LABEL {AUTHORS_LABEL}=\"{m}\"`."),
            Lang::Ja => format!("{line}行目の `MAINTAINER` 命令は非推奨です。代わりに標準のラベルに作成者を書いてください: `LABEL {AUTHORS_LABEL}=\"{m}\"`。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(match lang {
            Lang::En => format!("Replace MAINTAINER with the {AUTHORS_LABEL} label"),
            Lang::Ko => format!("MAINTAINER를 {AUTHORS_LABEL} 레이블로 바꾸기"),
            Lang::Ja => format!("MAINTAINER を {AUTHORS_LABEL} ラベルに置き換える"),
        })
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Maintainer {
            continue;
        }
        let Arguments::Text(word) = &ins.arguments else {
            continue;
        };
        let text = word.value.trim();
        let details = Details {
            line: ctx.step(k).line,
            maintainer: text.to_string(),
        };
        let safe = !text.is_empty()
            && !text.contains(['"', '$', '`', '\n', ctx.df.escape])
            && ins.heredocs.is_empty();
        let fix = safe.then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: ins.keyword_span.start..word.span.end,
                replacement: format!("LABEL {AUTHORS_LABEL}=\"{text}\""),
            }],
        });
        out.push(finding(
            RuleId::SS022,
            ins.keyword_span,
            Vec::new(),
            Message::SS022(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_maintainer_and_turns_it_into_the_label() {
        let src = "FROM scratch\nMAINTAINER me@example.org\n";
        let f = first(RuleId::SS022, src);
        all_langs_mention(&f, "me@example.org");
        assert_eq!(
            fixed(RuleId::SS022, src),
            "FROM scratch\nLABEL org.opencontainers.image.authors=\"me@example.org\"\n"
        );
        let named = "FROM scratch\nMAINTAINER Jane Doe <jane@example.org>\n";
        assert_eq!(
            fixed(RuleId::SS022, named),
            "FROM scratch\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.org>\"\n"
        );
    }

    #[test]
    fn no_fix_when_the_label_would_read_the_text_differently() {
        for text in ["\"Jane\" <j@x>", "$USER", "a\\b"] {
            let src = format!("FROM scratch\nMAINTAINER {text}\n");
            assert!(first(RuleId::SS022, &src).fix.is_none(), "{src}");
        }
    }

    #[test]
    fn quiet_on_the_label() {
        assert!(!fires(
            RuleId::SS022,
            "FROM scratch\nLABEL org.opencontainers.image.authors=\"me@example.org\"\n"
        ));
    }
}
