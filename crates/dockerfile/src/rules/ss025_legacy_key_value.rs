//! SS025 (info): `ENV key value` or `LABEL key value`, the legacy form without `=`.
//!
//! The legacy form sets one variable to the whole rest of the line: `ENV A b C=d` sets `A` to
//! `b C=d`, which is rarely what the writer meant, and the form is deprecated. A style matter
//! as long as the value is one word, hence `info`. BuildKit's `LegacyKeyValueFormat`, for ENV
//! and LABEL alike. hadolint has no such rule.
//!
//! Fix: `ENV key value` becomes `ENV key=value`, or `ENV key="value with spaces"` when the value
//! has blanks; offered when the instruction is on one line, the key is a plain name and the
//! value has no quote, backquote or escape character (which the `=` form would read
//! differently).

use shipshape_lang::ko::{eun_neun, euro_ro};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS025,
    severity: Severity::Info,
    title: "ENV or LABEL in the legacy key value form",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["LegacyKeyValueFormat"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `ENV` or `LABEL`.
    pub keyword: String,
    pub key: String,
    /// The value as written.
    pub value: String,
    /// The `key=value` form, when it converts as it is.
    pub with_equals: Option<String>,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let Details {
            line,
            keyword: kw,
            key,
            ..
        } = self;
        let form = match &self.with_equals {
            Some(f) => format!("`{kw} {f}`"),
            None => format!("`{kw} {key}=...`"),
        };
        match lang {
            Lang::En => format!("`{kw} {key} ...` on line {line} uses the legacy form without `=`, which sets `{key}` to the whole rest of the line, spaces and all. Write {form}: one `key=value` per variable, quoted when the value has spaces."),
            Lang::Ko => format!("{line}행의 `{kw} {key} ...`{eun} `=`가 없는 옛 형식이라, 줄의 나머지 전체가 공백까지 포함해 `{key}` 하나의 값이 됩니다. {form}처럼 쓰세요. 변수마다 `key=value` 하나씩 쓰고, 값에 공백이 있으면 따옴표로 감쌉니다.", eun = eun_neun(key)),
            Lang::Ja => format!("{line}行目の `{kw} {key} ...` は `=` のない古い形式なので、行の残り全体が空白も含めて `{key}` 1 つの値になります。{form} と書いてください。変数ごとに `key=value` を 1 つずつ書き、値に空白があれば引用符で囲みます。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let f = self.with_equals.as_deref()?;
        let kw = &self.keyword;
        Some(match lang {
            Lang::En => format!("Write `{kw} {f}`"),
            Lang::Ko => format!("`{kw} {f}`{ro} 쓰기", ro = euro_ro(f)),
            Lang::Ja => format!("`{kw} {f}` と書く"),
        })
    }
}

/// The `=` form's value: as it is when it is one plain word, in double quotes when it has
/// blanks; `None` when quotes or escapes would be read differently.
fn convert(value: &str, escape: char) -> Option<String> {
    if value.is_empty() || value.contains(['"', '\'', '`', '\\', escape]) {
        return None;
    }
    if value.contains([' ', '\t']) {
        Some(format!("\"{value}\""))
    } else {
        Some(value.to_string())
    }
}

fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/'))
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if !matches!(ins.keyword, Keyword::Env | Keyword::Label) {
            continue;
        }
        let Arguments::Pairs(pairs) = &ins.arguments else {
            continue;
        };
        for kv in pairs.iter().filter(|kv| !kv.with_equals) {
            let between = ctx
                .src
                .get(kv.key.span.end..kv.value.span.start)
                .unwrap_or("");
            let one_line = ins.span.start_pos.line == ins.span.end_pos.line
                && !between.is_empty()
                && between.chars().all(|c| c == ' ' || c == '\t');
            let value = convert(&kv.value.value, ctx.df.escape)
                .filter(|_| one_line && plain_key(&kv.key.value));
            let details = Details {
                line: ctx.step(k).line,
                keyword: ins.keyword.as_str().to_string(),
                key: kv.key.value.clone(),
                value: kv.value.value.clone(),
                with_equals: value.as_ref().map(|v| format!("{}={v}", kv.key.value)),
            };
            let fix = value.map(|v| Fix {
                title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
                edits: vec![TextEdit {
                    range: kv.key.span.end..kv.value.span.end,
                    replacement: format!("={v}"),
                }],
            });
            out.push(finding(
                RuleId::SS025,
                ins.span,
                Vec::new(),
                Message::SS025(details),
                fix,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_env_and_label_without_equals() {
        // BuildKit's case.
        let src = "FROM scratch\nENV testkey value\nLABEL key value\n";
        let lines: Vec<u32> = crate::rules::lint_source(src, &Default::default())
            .iter()
            .filter(|f| f.rule == RuleId::SS025)
            .map(|f| f.span.start_pos.line)
            .collect();
        assert_eq!(lines, vec![2, 3]);
        let f = first(RuleId::SS025, src);
        all_langs_mention(&f, "`ENV testkey ...`");
        assert!(!fires(
            RuleId::SS025,
            "FROM scratch\nENV testkey=value\nLABEL key=value\n"
        ));
        assert!(!fires(RuleId::SS025, "FROM scratch\nENV a=1 b=2\n"));
    }

    #[test]
    fn the_fix_adds_the_equals_and_quotes_blanks() {
        assert_eq!(
            fixed(RuleId::SS025, "FROM scratch\nENV PYTHONUNBUFFERED 1\n"),
            "FROM scratch\nENV PYTHONUNBUFFERED=1\n"
        );
        assert_eq!(
            fixed(RuleId::SS025, "FROM scratch\nENV PATH /opt/app/bin:$PATH\n"),
            "FROM scratch\nENV PATH=/opt/app/bin:$PATH\n"
        );
        assert_eq!(
            fixed(RuleId::SS025, "FROM scratch\nLABEL description A small app\n"),
            "FROM scratch\nLABEL description=\"A small app\"\n"
        );
    }

    #[test]
    fn no_fix_when_quotes_escapes_or_continuations_would_change_the_value() {
        for src in [
            "FROM scratch\nENV A \"quoted value\"\n",
            "FROM scratch\nENV A it's\n",
            "FROM scratch\nENV A a\\ b\n",
            "FROM scratch\nENV A first \\\n  second\n",
        ] {
            assert!(first(RuleId::SS025, src).fix.is_none(), "{src}");
        }
    }
}
