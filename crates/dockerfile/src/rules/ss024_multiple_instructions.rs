//! SS024 (warning): a stage with two CMD, two ENTRYPOINT or two HEALTHCHECK instructions.
//!
//! Only the last of each takes effect; the earlier one is dead text that a reader takes for the
//! container's command or health check, so what the file says and what the container does
//! disagree: `warning`. BuildKit's `MultipleInstructionsDisallowed`, reported, as BuildKit
//! does, at each instruction a later one overrides, within one stage (a stage built `FROM`
//! another may override its parent's). hadolint's DL4003 (CMD), DL4004 (ENTRYPOINT) and DL3012
//! (HEALTHCHECK).
//!
//! Fix: delete the overridden instruction. It changes nothing in the image: the later one
//! replaces it entirely, and an ENTRYPOINT resets a CMD only when no CMD came earlier in the
//! stage, which deleting an earlier ENTRYPOINT does not change.

use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS024,
    severity: Severity::Warning,
    title: "CMD, ENTRYPOINT or HEALTHCHECK given twice in a stage",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL4003", "DL4004", "DL3012"],
        buildkit: &["MultipleInstructionsDisallowed"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The overridden instruction's line.
    pub line: u32,
    /// The line of the one that replaces it.
    pub later_line: u32,
    /// `CMD`, `ENTRYPOINT` or `HEALTHCHECK`.
    pub keyword: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, later, kw) = (self.line, self.later_line, &self.keyword);
        match lang {
            Lang::En => format!("The `{kw}` on line {line} has no effect: the `{kw}` on line {later}, in the same stage, replaces it, and only the last one counts. Delete the one on line {line}, or merge what it was meant to do into line {later}."),
            Lang::Ko => format!("{line}행의 `{kw}` 명령은 아무 효과가 없습니다. 같은 스테이지의 {later}행에 있는 `{kw}` 명령이 이를 대체하며, 마지막 것만 적용됩니다. {line}행을 지우거나, 그 줄에서 하려던 것을 {later}행에 합치세요."),
            Lang::Ja => format!("{line}行目の `{kw}` は効果がありません。同じステージの {later}行目の `{kw}` がこれを置き換え、最後のものだけが使われます。{line}行目を削除するか、そこでしたかったことを {later}行目にまとめてください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let (line, kw) = (self.line, &self.keyword);
        Some(match lang {
            Lang::En => format!("Delete the overridden {kw} on line {line}"),
            Lang::Ko => format!("{line}행의 대체된 {kw} 지우기"),
            Lang::Ja => format!("{line}行目の置き換えられた {kw} を削除する"),
        })
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for s in 0..ctx.graph.stages.len() {
        for kw in [Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck] {
            let uses: Vec<usize> = ctx.body(s).filter(|&k| ctx.instr(k).keyword == kw).collect();
            for pair in uses.windows(2) {
                let (k, later) = (pair[0], pair[1]);
                let ins = ctx.instr(k);
                let details = Details {
                    line: ins.span.start_pos.line,
                    later_line: ctx.instr(later).span.start_pos.line,
                    keyword: kw.as_str().to_string(),
                };
                let fix = Fix {
                    title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
                    edits: vec![TextEdit {
                        range: ctx.line_range(k),
                        replacement: String::new(),
                    }],
                };
                out.push(finding(
                    RuleId::SS024,
                    ins.span,
                    vec![ctx.instr(later).span],
                    Message::SS024(details),
                    Some(fix),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn lines(src: &str) -> Vec<u32> {
        crate::rules::lint_source(src, &Default::default())
            .iter()
            .filter(|f| f.rule == RuleId::SS024)
            .map(|f| f.span.start_pos.line)
            .collect()
    }

    #[test]
    fn reports_each_overridden_instruction() {
        // BuildKit's cases.
        let src = "FROM scratch\nENTRYPOINT [\"/myapp\"]\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n";
        assert_eq!(lines(src), vec![2, 4, 6]);
        let apart = "FROM scratch\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nCOPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n";
        assert_eq!(lines(apart), vec![2, 3, 4]);
        let f = first(RuleId::SS024, "FROM python:3.13-slim\nCMD [\"python\", \"a.py\"]\nCMD [\"python\", \"b.py\"]\n");
        all_langs_mention(&f, "`CMD`");
        all_langs_mention(&f, "3");
    }

    #[test]
    fn the_fix_deletes_the_overridden_one() {
        let src = "FROM python:3.13-slim\nCMD [\"python\", \"a.py\"]\nCMD [\"python\", \"b.py\"]\n";
        assert_eq!(
            fixed(RuleId::SS024, src),
            "FROM python:3.13-slim\nCMD [\"python\", \"b.py\"]\n"
        );
    }

    #[test]
    fn quiet_across_stages_and_in_onbuild() {
        let src = "FROM scratch AS a\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\n\nFROM a AS b\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n";
        assert!(lines(src).is_empty());
        assert!(lines("FROM alpine\nONBUILD CMD [\"a\"]\nCMD [\"b\"]\n").is_empty());
    }
}
