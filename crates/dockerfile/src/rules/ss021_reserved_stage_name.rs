//! SS021 (warning): a stage named `scratch` or `context`.
//!
//! Those names mean something already: `scratch` is the empty image, and `context` is the
//! build context (as in `COPY --from=context`, or a named context). A stage that takes one of
//! them shadows it, so a later `FROM scratch` starts from that stage instead of the empty image:
//! the build means something other than it reads, hence `warning`. BuildKit's
//! `ReservedStageName`, with the same names, compared lower-cased.
//!
//! No fix: the new name is the author's choice.

use shipshape_lang::ko::{eun_neun};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS021,
    severity: Severity::Warning,
    title: "Stage named scratch or context",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3063"],
        buildkit: &["ReservedStageName"],
    },
};

/// The names BuildKit reserves.
const RESERVED: [&str; 2] = ["context", "scratch"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `scratch` or `context`.
    pub name: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, name) = (self.line, &self.name);
        let (en, ko, ja) = if name == "scratch" {
            (
                "`scratch` is the empty image, and a later `FROM scratch` would start from this stage instead",
                "`scratch`는 빈 이미지를 뜻하는 이름이라, 뒤에서 `FROM scratch`라고 쓰면 빈 이미지 대신 이 스테이지에서 시작하게 됩니다",
                "`scratch` は空のイメージを表す名前なので、後で `FROM scratch` と書くと空のイメージではなくこのステージから始まってしまいます",
            )
        } else {
            (
                "`context` is the build context, and `--from=context` would then mean this stage instead",
                "`context`는 빌드 컨텍스트를 뜻하는 이름이라, `--from=context`가 빌드 컨텍스트 대신 이 스테이지를 가리키게 됩니다",
                "`context` はビルドコンテキストを表す名前なので、`--from=context` がビルドコンテキストではなくこのステージを指すことになります",
            )
        };
        match lang {
            Lang::En => format!("The stage on line {line} is named `{name}`, a name BuildKit reserves: {en}. Choose another name."),
            Lang::Ko => format!("{line}행의 스테이지 이름 `{name}`{eun} BuildKit이 예약한 이름입니다. {ko}. 다른 이름을 쓰세요.", eun = eun_neun(name)),
            Lang::Ja => format!("{line}行目のステージ名 `{name}` は BuildKit が予約している名前です。{ja}。別の名前にしてください。"),
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in &ctx.graph.stages {
        let Some(name) = &stage.name else {
            continue;
        };
        if !RESERVED.contains(&name.as_str()) {
            continue;
        }
        let ins = ctx.instr(stage.from);
        let span = match &ins.arguments {
            Arguments::Words(w) if w.len() == 3 => w[2].span,
            _ => ins.span,
        };
        let details = Details {
            line: ins.span.start_pos.line,
            name: name.clone(),
        };
        out.push(finding(
            RuleId::SS021,
            span,
            Vec::new(),
            Message::SS021(details),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_scratch_and_context() {
        let src = "FROM scratch AS scratch\nFROM scratch AS context\n";
        let found: Vec<Finding> = crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter(|f| f.rule == RuleId::SS021)
            .collect();
        assert_eq!(found.len(), 2);
        all_langs_mention(&found[0], "`scratch`");
        all_langs_mention(&found[1], "`context`");
        assert!(fires(RuleId::SS021, "FROM alpine AS Scratch\n"));
    }

    #[test]
    fn quiet_on_scratch_as_a_base_and_other_names() {
        assert!(!fires(RuleId::SS021, "FROM scratch\nFROM scratch AS a\n"));
        assert!(!fires(RuleId::SS021, "FROM alpine AS contexts\n"));
    }
}
