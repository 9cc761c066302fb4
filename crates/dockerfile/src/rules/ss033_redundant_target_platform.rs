//! SS033 (info): `FROM --platform=$TARGETPLATFORM`, which is what FROM does anyway.
//!
//! A stage is built for the target platform unless told otherwise, so the flag only adds noise
//! (and makes a reader wonder what it changes): `info`. BuildKit's `RedundantTargetPlatform`:
//! the `--platform` value looks up `TARGETPLATFORM` and no other variable, and comes out as
//! `TARGETPLATFORM`'s value (`$TARGETPLATFORM`, `"${TARGETPLATFORM}"`). hadolint's DL3029 is
//! about constant platforms and does not report this.
//!
//! Fix: remove the flag, offered for `$TARGETPLATFORM` or `${TARGETPLATFORM}` written alone
//! when no global ARG redefines `TARGETPLATFORM` (then the flag would pin the stage to that
//! default, and is not redundant after all).

use shipshape_lang::ko::{eun_neun};
use super::ss030_undefined_arg_in_from::global_arg_names;
use super::ss031_invalid_default_arg_in_from::default_meta_args;
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS033,
    severity: Severity::Info,
    title: "FROM --platform=$TARGETPLATFORM is redundant",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL3065"],
        buildkit: &["RedundantTargetPlatform"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The flag's value as written: `$TARGETPLATFORM`.
    pub value: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, v) = (self.line, &self.value);
        match lang {
            Lang::En => format!("`--platform={v}` on line {line} asks for what FROM does anyway: a stage is built for the target platform unless told otherwise. Remove the flag; keep `--platform` for `$BUILDPLATFORM`, where it changes something."),
            Lang::Ko => format!("{line}행의 `--platform={v}`{eun} FROM이 원래 하는 일을 다시 지정할 뿐입니다. 따로 지정하지 않으면 스테이지는 대상 플랫폼용으로 빌드됩니다. 이 플래그를 지우고, `--platform`은 실제로 차이가 나는 `$BUILDPLATFORM`에만 쓰세요.", eun = eun_neun(v)),
            Lang::Ja => format!("{line}行目の `--platform={v}` は、FROM がもともとすることを指定し直しているだけです。指定しなければ、ステージはターゲットのプラットフォーム向けにビルドされます。このフラグを削除し、`--platform` は違いが出る `$BUILDPLATFORM` のときだけ使ってください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let v = &self.value;
        Some(match lang {
            Lang::En => format!("Remove `--platform={v}`"),
            Lang::Ko => format!("`--platform={v}` 지우기"),
            Lang::Ja => format!("`--platform={v}` を削除する"),
        })
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let redefined = global_arg_names(ctx).iter().any(|n| n == "TARGETPLATFORM");
    let meta = default_meta_args(ctx);
    let lookup = |n: &str| {
        meta.iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
    };
    for stage in &ctx.graph.stages {
        let ins = ctx.instr(stage.from);
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        let Some(value) = flag.value.as_deref() else {
            continue;
        };
        // BuildKit's test: TARGETPLATFORM is the one variable looked up, every lookup found a
        // value, and the result is TARGETPLATFORM's value.
        let mut used = Vec::new();
        let result = crate::shell::expand(value, ctx.df.escape, &lookup, &mut used);
        used.dedup();
        let only_target = used.len() == 1 && used[0] == "TARGETPLATFORM";
        if !only_target || lookup("TARGETPLATFORM").as_deref() != Some(result.as_str()) {
            continue;
        }
        let v = value.trim();
        let literal = v == "$TARGETPLATFORM" || v == "${TARGETPLATFORM}";
        let details = Details {
            line: ins.span.start_pos.line,
            value: v.to_string(),
        };
        // The flag and the blanks after it, when it sits on the FROM line.
        let after = ctx.src.get(flag.span.end..).unwrap_or("");
        let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
        let one_line = flag.span.start_pos.line == flag.span.end_pos.line
            && ctx.src.get(flag.span.range()).is_some_and(|t| !t.contains('\n'));
        let fix = (literal && !redefined && one_line && blanks > 0).then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: flag.span.start..flag.span.end + blanks,
                replacement: String::new(),
            }],
        });
        out.push(finding(
            RuleId::SS033,
            flag.span,
            Vec::new(),
            Message::SS033(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_the_target_platform_alone_and_removes_it() {
        let src = "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN true\n";
        let f = first(RuleId::SS033, src);
        all_langs_mention(&f, "`--platform=$TARGETPLATFORM`");
        assert_eq!(fixed(RuleId::SS033, src), "FROM alpine:3.20\nRUN true\n");
        assert!(fires(RuleId::SS033, "FROM --platform=${TARGETPLATFORM} alpine AS a\n"));
        assert!(fires(RuleId::SS033, "FROM --platform=\"$TARGETPLATFORM\" alpine\n"));
    }

    #[test]
    fn quiet_on_other_platform_values() {
        assert!(!fires(RuleId::SS033, "FROM --platform=$BUILDPLATFORM golang:1.23\n"));
        assert!(!fires(RuleId::SS033, "FROM --platform=linux/amd64 alpine\n"));
        assert!(!fires(RuleId::SS033, "FROM --platform=${TARGETOS}/${TARGETARCH} alpine\n"));
        assert!(!fires(RuleId::SS033, "FROM alpine\n"));
        // Another variable, even an unset one, makes it BuildKit's "not only TARGETPLATFORM".
        assert!(!fires(RuleId::SS033, "FROM --platform=$TARGETPLATFORM$SUFFIX alpine\n"));
    }

    #[test]
    fn no_fix_when_a_global_arg_redefines_it() {
        let src = "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n";
        assert!(first(RuleId::SS033, src).fix.is_none());
    }
}
