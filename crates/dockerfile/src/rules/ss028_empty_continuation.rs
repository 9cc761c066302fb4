//! SS028 (warning): an empty line inside an instruction continued with `\`.
//!
//! BuildKit skips the empty line today and warns that it will become an error, so the file
//! stops building with a future release; and an empty line after a `\` often means the writer
//! thought the instruction ended there, while the next line is still part of it. Hence
//! `warning`. BuildKit's `NoEmptyContinuation`, raised from its parser's warning as here from
//! the parser's (`DiagnosticKind::EmptyContinuationLine`); BuildKit reports the instruction's
//! last line, this rule the first empty line, which is the one to delete.
//!
//! Fix: delete the instruction's empty lines (not those of a heredoc body, which are text).
//! The instruction reads the same: BuildKit skips them.

use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    StepRef, TextEdit,
};
use crate::syntax::DiagnosticKind;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS028,
    severity: Severity::Warning,
    title: "Empty line inside a continued instruction",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["NoEmptyContinuation"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The first empty line.
    pub line: u32,
    pub step: StepRef,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, s) = (self.line, &self.step);
        match lang {
            Lang::En => format!("Line {line} is empty, but it is inside `{}`, which starts on line {} and continues with `\\`. BuildKit skips the empty line for now and will make it an error in a future release. Delete it; if the instruction was meant to end there, remove the `\\` at the end of the line above instead.", s.text, s.line),
            Lang::Ko => format!("{line}행은 빈 줄인데, {}행에서 시작해 `\\`로 이어지는 `{}` 명령의 일부입니다. BuildKit은 지금은 빈 줄을 건너뛰지만 앞으로 오류로 처리할 예정입니다. 이 줄을 지우세요. 명령을 그 앞에서 끝내려던 것이라면 대신 윗줄 끝의 `\\`를 지우세요.", s.line, s.text),
            Lang::Ja => format!("{line}行目は空行ですが、{}行目から始まり `\\` で続く `{}` の一部です。BuildKit は今のところ空行を読み飛ばしますが、将来のリリースではエラーにする予定です。この行を削除してください。命令をそこで終えるつもりだったなら、代わりに上の行の末尾の `\\` を削除してください。", s.line, s.text),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(match lang {
            Lang::En => "Delete the empty lines inside the instruction".to_string(),
            Lang::Ko => "명령 안의 빈 줄 지우기".to_string(),
            Lang::Ja => "命令の中の空行を削除する".to_string(),
        })
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for d in &ctx.df.diagnostics {
        if d.kind != DiagnosticKind::EmptyContinuationLine {
            continue;
        }
        let Some(k) = ctx
            .df
            .instructions
            .iter()
            .position(|i| i.span.start <= d.span.start && d.span.start <= i.span.end)
        else {
            continue;
        };
        let ins = ctx.instr(k);
        // The continued lines: up to the first heredoc body, whose empty lines are content.
        let end = ins
            .heredocs
            .iter()
            .map(|h| h.content_span.start)
            .min()
            .unwrap_or(ins.span.end)
            .min(ctx.src.len());
        let first_line_end = ctx.src[ins.span.start.min(end)..end]
            .find('\n')
            .map_or(end, |i| ins.span.start + i + 1);
        let mut edits = Vec::new();
        let mut at = first_line_end;
        while at < end {
            let line_end = ctx.src[at..].find('\n').map_or(ctx.src.len(), |i| at + i + 1);
            if ctx.src[at..line_end].trim().is_empty() && line_end > at {
                edits.push(TextEdit {
                    range: at..line_end,
                    replacement: String::new(),
                });
            }
            at = line_end;
        }
        let details = Details {
            line: d.span.start_pos.line,
            step: ctx.step(k),
        };
        let fix = (!edits.is_empty()).then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits,
        });
        out.push(finding(
            RuleId::SS028,
            d.span,
            vec![ins.span],
            Message::SS028(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_an_empty_continuation_line_and_deletes_it() {
        // BuildKit's case: the first COPY only.
        let src = "FROM scratch\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n";
        let f = first(RuleId::SS028, src);
        assert_eq!(f.span.start_pos.line, 3);
        all_langs_mention(&f, "`COPY Dockerfile .`");
        assert_eq!(
            rules(src).iter().filter(|r| **r == RuleId::SS028).count(),
            1
        );
        assert_eq!(
            fixed(RuleId::SS028, src),
            "FROM scratch\nCOPY Dockerfile \\\n.\nCOPY Dockerfile \\\n.\n"
        );
        let two = "FROM alpine\nRUN apk add \\\n\n    curl \\\n  \n    git\n";
        assert_eq!(
            fixed(RuleId::SS028, two),
            "FROM alpine\nRUN apk add \\\n    curl \\\n    git\n"
        );
    }

    #[test]
    fn quiet_on_comments_in_continuations_and_heredoc_blank_lines() {
        assert!(!fires(
            RuleId::SS028,
            "FROM alpine\nRUN apk add \\\n# a comment\n    curl\n"
        ));
        assert!(!fires(
            RuleId::SS028,
            "FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n"
        ));
    }
}
