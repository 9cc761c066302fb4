//! SS015 (warning): a shell comment that swallows the lines after it.
//!
//! Docker joins an instruction's continuation lines (removing each trailing
//! `\` and newline, and dropping lines that start with `#`) before the shell
//! sees the command. A `#` that starts a word in the middle of a line is then
//! a shell comment that runs to the end of the joined command: every line
//! after it is comment too, and never runs. The build still succeeds, so the
//! missing cleanup or install shows up only later, if ever.
//!
//! Fix: move the comment to a line of its own just above (Docker drops such a
//! line inside an instruction, and before one it is a Dockerfile comment), so
//! the command runs whole and the note stays.

use super::{Profile, Refs, RuleMeta, Severity, finding, insert, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef, TextEdit};
use crate::highlight::swallowing_comment;
use crate::span::LineIndex;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS015,
    severity: Severity::Warning,
    title: "A shell comment swallows the continued lines after it",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

/// Comments and commands are quoted in messages up to this many characters.
const QUOTE_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The line of the `#`.
    pub comment_line: u32,
    /// The comment, without the continuation escape (shortened).
    pub comment: String,
    /// The lines that never run.
    pub lines: Vec<u32>,
    /// The first of them, trimmed (shortened).
    pub first: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, c, first) = (&self.step, &self.comment, &self.first);
        let n = self.lines.len();
        let lines = line_list(&self.lines, lang);
        match lang {
            Lang::En => format!(
                "In `{}` (line {}), `{c}` on line {} is a shell comment, and Docker joins the continued lines before the shell reads them, so the comment runs to the end of the command: {lines} (`{first}`{more}) never run{s_}. Put the comment on a line of its own: Docker drops comment lines inside an instruction.",
                s.text,
                s.line,
                self.comment_line,
                more = if n > 1 { ", ..." } else { "" },
                s_ = if n > 1 { "" } else { "s" },
            ),
            Lang::Ko => format!(
                "{}행 `{}` 명령에서 {}행의 `{c}` 부분은 셸 주석입니다. Docker는 이어지는 줄을 한 줄로 합친 뒤에 셸에 넘기므로, 주석이 명령 끝까지 이어져 {lines}(`{first}`{more}){i} 실행되지 않습니다. 주석은 별도의 줄에 쓰세요. 명령 안에서 `#`으로 시작하는 줄은 Docker가 무시합니다.",
                s.line,
                s.text,
                self.comment_line,
                more = if n > 1 { " 등" } else { "" },
                i = shipshape_lang::ko::i_ga(&lines),
            ),
            Lang::Ja => format!(
                "{}行目の `{}` で、{}行目の `{c}` はシェルのコメントです。Docker は継続行を 1 行につないでからシェルに渡すため、コメントはコマンドの最後まで続き、{lines}（`{first}`{more}）は実行されません。コメントは独立した行に書いてください。命令の途中にある `#` で始まる行は、Docker が取り除きます。",
                s.line,
                s.text,
                self.comment_line,
                more = if n > 1 { " など" } else { "" },
            ),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match lang {
            Lang::En => "Move the comment to a line of its own".to_string(),
            Lang::Ko => "주석을 별도의 줄로 옮기기".to_string(),
            Lang::Ja => "コメントを独立した行に移動する".to_string(),
        }
    }
}

/// `line 5`, `lines 5 to 7` (the swallowed lines are consecutive but for
/// comment and blank lines in between, so the first and last say enough).
fn line_list(lines: &[u32], lang: Lang) -> String {
    let (first, last) = (
        lines.first().copied().unwrap_or(0),
        lines.last().copied().unwrap_or(0),
    );
    match (lang, first == last) {
        (Lang::En, true) => format!("line {first}"),
        (Lang::En, false) => format!("lines {first} to {last}"),
        (Lang::Ko, true) => format!("{first}행"),
        (Lang::Ko, false) => format!("{first}~{last}행"),
        (Lang::Ja, true) => format!("{first}行目"),
        (Lang::Ja, false) => format!("{first}〜{last}行目"),
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}...", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let src = ctx.src;
    let mut index: Option<LineIndex> = None;
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        let Some(found) = swallowing_comment(ctx.df, src, ins) else {
            continue;
        };
        let index = index.get_or_insert_with(|| LineIndex::new(src));
        let line_of = |at: usize| index.position(src, at).line;
        // The comment without the escape that continues its line.
        let raw = &src[found.comment.clone()];
        let escape = ctx.df.escape;
        let note = raw
            .trim_end()
            .strip_suffix(escape)
            .unwrap_or(raw)
            .trim_end();
        let first_text = found
            .swallowed
            .first()
            .map(|r| src[r.clone()].trim_end())
            .unwrap_or("");
        let first_text = first_text
            .strip_suffix(escape)
            .unwrap_or(first_text)
            .trim_end();
        let last_end = found.swallowed.last().map_or(found.comment.end, |r| r.end);
        let details = Details {
            step: ctx.step(k),
            comment_line: line_of(found.comment.start),
            comment: shorten(note),
            lines: found.swallowed.iter().map(|r| line_of(r.start)).collect(),
            first: shorten(first_text),
        };
        let fix = fix(src, found.comment.start, note.len(), escape).map(|edits| Fix {
            title: details.fix_title(Lang::En),
            edits,
        });
        let span = index.span(src, found.comment.start, last_end);
        out.push(finding(
            RuleId::SS015,
            span,
            Vec::new(),
            Message::SS015(details),
            fix,
        ));
    }
}

/// Takes the comment (`note_len` bytes from `hash`) off its line, keeping the
/// escape that continues the line, and writes it on a line of its own above,
/// with that line's indentation (above the instruction, on its first line).
fn fix(src: &str, hash: usize, note_len: usize, escape: char) -> Option<Vec<TextEdit>> {
    let line_start = src[..hash].rfind('\n').map_or(0, |i| i + 1);
    let before = &src[line_start..hash];
    let indent = &before[..before.len() - before.trim_start_matches([' ', '\t']).len()];
    let end = hash + note_len;
    let rest = src[end..].split('\n').next().unwrap_or("");
    if rest.trim() != escape.to_string() {
        return None;
    }
    // `cmd  # note \` becomes `cmd \`: the blanks before the `#` go, one blank
    // stays before the escape.
    let cut_start = line_start + before.trim_end().len();
    let keep_blank = rest.starts_with([' ', '\t']);
    Some(vec![
        insert(line_start, format!("{indent}{}\n", &src[hash..end])),
        TextEdit {
            range: cut_start..end,
            replacement: if keep_blank {
                String::new()
            } else {
                " ".into()
            },
        },
    ])
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(Details::fix_title(self, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::rules::{apply_fix, lint_source, LintOptions};

    const SWALLOWING: &str = "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl  # the tool \\\n    && rm -rf /var/lib/apt/lists/*\n";

    #[test]
    fn fires_when_a_comment_takes_in_the_next_lines() {
        let f = first(RuleId::SS015, SWALLOWING);
        let Message::SS015(d) = &f.message else {
            panic!("{f:?}")
        };
        assert_eq!(d.comment_line, 3);
        assert_eq!(d.comment, "# the tool");
        assert_eq!(d.lines, vec![4]);
        assert_eq!(d.first, "&& rm -rf /var/lib/apt/lists/*");
        assert_eq!(f.span.start_pos.line, 3);
        assert_eq!(f.span.end_pos.line, 4);
        all_langs_mention(&f, "# the tool");
        let en = super::super::message_text(&f.message, Lang::En);
        assert!(
            en.contains("line 4 (`&& rm -rf /var/lib/apt/lists/*`) never runs"),
            "{en}"
        );
    }

    #[test]
    fn the_fix_moves_the_comment_above_and_the_command_runs_whole() {
        let f = first(RuleId::SS015, SWALLOWING);
        let fixed = apply_fix(SWALLOWING, f.fix.as_ref().expect("a fix"));
        assert_eq!(
            fixed,
            "FROM debian:12\nRUN apt-get update \\\n    # the tool\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n"
        );
        assert!(!fires(RuleId::SS015, &fixed));
        // The joined command is the same as without the comment.
        let df = crate::parse(&fixed);
        let run = &df.instructions[1];
        assert!(run.logical_line.contains("curl") && run.logical_line.contains("rm -rf"));
        // On the instruction's own line, the note goes above it, as a Dockerfile comment.
        let src =
            "FROM alpine\nRUN apk add curl # for health checks \\\n && rm -rf /var/cache/apk/*\n";
        let f = first(RuleId::SS015, src);
        let fixed = apply_fix(src, f.fix.as_ref().expect("a fix"));
        assert_eq!(
            fixed,
            "FROM alpine\n# for health checks\nRUN apk add curl \\\n && rm -rf /var/cache/apk/*\n"
        );
        assert!(lint_source(&fixed, &LintOptions::default())
            .iter()
            .all(|f| f.rule != RuleId::SS015));
    }

    #[test]
    fn quiet_for_comments_that_swallow_nothing_or_are_not_comments() {
        // At the end of the command: nothing after it.
        assert!(!fires(
            RuleId::SS015,
            "FROM alpine\nRUN apk add curl \\\n    git # tools\n"
        ));
        // Comment lines inside the instruction are dropped by Docker.
        assert!(!fires(
            RuleId::SS015,
            "FROM alpine\nRUN apk add curl \\\n    # and git\n    git\n"
        ));
        // Quoted, inside a word, `$#`, exec form, a heredoc body.
        for src in [
            "FROM alpine\nRUN echo \"# no\" \\\n    && true\n",
            "FROM alpine\nRUN echo a#b \\\n    && true\n",
            "FROM alpine\nRUN echo $# \\\n    && true\n",
            "FROM alpine\nCMD [\"sh\", \"-c\", \"echo # x\", \\\n    \"y\"]\n",
            "FROM alpine\nRUN <<EOF\necho a # b \\\necho c\nEOF\n",
        ] {
            assert!(!fires(RuleId::SS015, src), "{src}");
        }
        // A comment followed only by blank or comment lines swallows nothing.
        assert!(!fires(RuleId::SS015, "FROM alpine\nRUN true # x \\\n\n"));
    }

    #[test]
    fn several_lines_and_shell_form_cmd() {
        let src = "FROM python:3.13-slim\nCMD uvicorn app.main:app # the server \\\n    --host 0.0.0.0 \\\n    # a dropped line\n    --port 80\n";
        let f = first(RuleId::SS015, src);
        let Message::SS015(d) = &f.message else {
            panic!("{f:?}")
        };
        assert_eq!(d.lines, vec![3, 5]);
        let en = super::super::message_text(&f.message, Lang::En);
        assert!(en.contains("lines 3 to 5"), "{en}");
        let ko = super::super::message_text(&f.message, Lang::Ko);
        assert!(ko.contains("3~5행"), "{ko}");
    }
}
