//! SS020 (warning): two stages with one name (`FROM ... AS build` twice).
//!
//! BuildKit builds the file, but a name then means the last stage that has it (defined before
//! a FROM that uses it, or anywhere for `COPY --from` and `--target`), so one of the two stages
//! is silently not the one a reader expects: a correctness problem, hence `warning`. BuildKit's
//! `DuplicateStageName` (names compared lower-cased, each repeat reported at its FROM), and
//! hadolint's DL3024.
//!
//! No fix: only the author knows which of the two stages is meant and what to call the other.

use shipshape_lang::ko::{eun_neun, i_ga, i_na};

use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS020,
    severity: Severity::Warning,
    title: "Two stages with the same name",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3024"],
        buildkit: &["DuplicateStageName"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The repeated stage's FROM line.
    pub line: u32,
    /// Where the name was first given.
    pub first_line: u32,
    /// The name, lower-cased as BuildKit compares it.
    pub name: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let Details {
            line,
            first_line,
            name,
        } = self;
        match lang {
            Lang::En => format!("The stage on line {line} is named `{name}`, like the stage on line {first_line}. BuildKit builds this, but `{name}` then means the later stage, so a `FROM {name}` or `COPY --from={name}` may not use the one you think. Give each stage its own name."),
            Lang::Ko => format!("{line}행의 스테이지 이름 `{name}`{eun} {first_line}행의 스테이지와 같습니다. BuildKit은 이대로도 빌드하지만 `{name}`{eun} 나중에 정의된 스테이지를 가리키게 되므로, `FROM {name}`{na} `COPY --from={name}`{i} 생각한 스테이지를 쓰지 않을 수 있습니다. 스테이지마다 다른 이름을 붙이세요.", eun = eun_neun(name), i = i_ga(name), na = i_na(name)),
            Lang::Ja => format!("{line}行目のステージ名 `{name}` は {first_line}行目のステージと同じです。BuildKit はこのままでもビルドしますが、`{name}` は後に定義したステージを指すことになるため、`FROM {name}` や `COPY --from={name}` が意図したステージを使わないことがあります。ステージごとに別の名前を付けてください。"),
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen: Vec<(String, u32)> = Vec::new();
    for stage in &ctx.graph.stages {
        let Some(name) = &stage.name else {
            continue;
        };
        // An invalid name fails the build before BuildKit's checks run.
        if !crate::check::is_valid_stage_name(name) {
            continue;
        }
        let ins = ctx.instr(stage.from);
        let line = ins.span.start_pos.line;
        if let Some((_, first_line)) = seen.iter().find(|(n, _)| n == name) {
            let span = match &ins.arguments {
                Arguments::Words(w) if w.len() == 3 => w[2].span,
                _ => ins.span,
            };
            let details = Details {
                line,
                first_line: *first_line,
                name: name.clone(),
            };
            out.push(finding(
                RuleId::SS020,
                span,
                Vec::new(),
                Message::SS020(details),
                None,
            ));
        } else {
            seen.push((name.clone(), line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_the_repeat_of_a_name() {
        let src = "FROM scratch AS b\nFROM scratch AS b\n";
        let f = first(RuleId::SS020, src);
        assert_eq!(f.span.start_pos.line, 2);
        all_langs_mention(&f, "`b`");
        // Compared lower-cased, as BuildKit does.
        assert!(fires(RuleId::SS020, "FROM alpine AS Build\nFROM alpine AS build\n"));
        let three = "FROM a AS x\nFROM b AS x\nFROM c AS x\n";
        assert_eq!(rules(three).iter().filter(|r| **r == RuleId::SS020).count(), 2);
    }

    #[test]
    fn quiet_on_distinct_names() {
        assert!(!fires(RuleId::SS020, "FROM scratch AS b1\nFROM scratch AS b2\n"));
        assert!(!fires(RuleId::SS020, "FROM scratch\nFROM scratch\n"));
    }

    #[test]
    fn a_repeated_name_means_the_last_stage_as_in_buildkit() {
        let df = crate::parse("FROM alpine AS b\nFROM debian AS b\nFROM b\n");
        assert!(df.is_ok(), "BuildKit builds it: {:?}", df.diagnostics);
        let graph = crate::stages::StageGraph::with_defaults(&df);
        assert_eq!(graph.parents[2], Some(1));
    }
}
