//! SS019 (info): an instruction keyword whose case differs from the file's majority (`copy`
//! among `COPY`s), or is mixed (`From`).
//!
//! Keywords are case-insensitive, so this is style, hence `info`. It follows BuildKit's
//! `ConsistentInstructionCasing`: the keywords of every stage (FROM and the instructions after
//! it; not the global ARGs before the first FROM, which BuildKit does not count) written all
//! lower or all upper case are counted, the majority wins (a tie goes to upper case), and each
//! keyword not in the majority's case is reported.
//!
//! Fix: rewrite the keyword in the majority's case. A FROM's `AS` follows it, so the fix does
//! not leave SS018 behind.

use shipshape_lang::ko::{euro_ro};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS019,
    severity: Severity::Info,
    title: "Instruction keywords in mixed case",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["ConsistentInstructionCasing"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The keyword as written.
    pub keyword: String,
    /// The majority of the file's keywords is lower case.
    pub majority_lower: bool,
}

impl Details {
    fn expected(&self) -> String {
        if self.majority_lower {
            self.keyword.to_lowercase()
        } else {
            self.keyword.to_uppercase()
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, kw, e) = (self.line, &self.keyword, self.expected());
        match (lang, self.majority_lower) {
            (Lang::En, false) => format!("`{kw}` on line {line} is not upper case like most instructions in this file. Docker accepts any case, but one case for all keywords keeps the file easy to scan: write `{e}`."),
            (Lang::En, true) => format!("`{kw}` on line {line} is not lower case like most instructions in this file. Docker accepts any case, but one case for all keywords keeps the file easy to scan: write `{e}`."),
            (Lang::Ko, false) => format!("{line}행의 `{kw}` 키워드는 이 파일의 다른 명령 대부분과 달리 대문자가 아닙니다. Docker는 대소문자를 가리지 않지만 키워드를 한 가지로 통일해야 읽기 쉽습니다. `{e}`{ro} 쓰세요.", ro = euro_ro(&e)),
            (Lang::Ko, true) => format!("{line}행의 `{kw}` 키워드는 이 파일의 다른 명령 대부분과 달리 소문자가 아닙니다. Docker는 대소문자를 가리지 않지만 키워드를 한 가지로 통일해야 읽기 쉽습니다. `{e}`{ro} 쓰세요.", ro = euro_ro(&e)),
            (Lang::Ja, false) => format!("{line}行目の `{kw}` は、このファイルのほとんどの命令と違って大文字ではありません。Docker は大文字・小文字を区別しませんが、キーワードの書き方を揃えたほうが読みやすくなります。`{e}` と書いてください。"),
            (Lang::Ja, true) => format!("{line}行目の `{kw}` は、このファイルのほとんどの命令と違って小文字ではありません。Docker は大文字・小文字を区別しませんが、キーワードの書き方を揃えたほうが読みやすくなります。`{e}` と書いてください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let e = self.expected();
        Some(match lang {
            Lang::En => format!("Write `{e}`"),
            Lang::Ko => format!("`{e}`{ro} 쓰기", ro = euro_ro(&e)),
            Lang::Ja => format!("`{e}` と書く"),
        })
    }
}

fn is_lower(s: &str) -> bool {
    s == s.to_lowercase()
}

fn is_upper(s: &str) -> bool {
    s == s.to_uppercase()
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(first) = ctx.graph.stages.first().map(|s| s.from) else {
        return;
    };
    // The instructions BuildKit counts: from the first FROM on, known keywords only (an
    // unknown one fails the build before any check).
    let counted: Vec<usize> = (first..ctx.df.instructions.len())
        .filter(|&k| ctx.instr(k).keyword != Keyword::Unknown)
        .collect();
    let (mut lower, mut upper) = (0usize, 0usize);
    for &k in &counted {
        let kw = &ctx.instr(k).keyword_text;
        if is_lower(kw) {
            lower += 1;
        } else if is_upper(kw) {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for &k in &counted {
        let ins = ctx.instr(k);
        let kw = &ins.keyword_text;
        let ok = if majority_lower {
            is_lower(kw)
        } else {
            is_upper(kw)
        };
        if ok {
            continue;
        }
        let details = Details {
            line: ins.span.start_pos.line,
            keyword: kw.clone(),
            majority_lower,
        };
        let mut edits = vec![TextEdit {
            range: ins.keyword_span.range(),
            replacement: details.expected(),
        }];
        // `FROM x as y` recased to `FROM`: its `as` follows, or FromAsCasing would fire.
        if ins.keyword == Keyword::From {
            if let Arguments::Words(words) = &ins.arguments {
                if words.len() == 3 && words[1].value.eq_ignore_ascii_case("as") {
                    let want = if majority_lower { "as" } else { "AS" };
                    if words[1].value != want {
                        edits.push(TextEdit {
                            range: words[1].span.range(),
                            replacement: want.to_string(),
                        });
                    }
                }
            }
        }
        let fix = Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits,
        };
        out.push(finding(
            RuleId::SS019,
            ins.keyword_span,
            Vec::new(),
            Message::SS019(details),
            Some(fix),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn count(src: &str) -> usize {
        rules(src).iter().filter(|r| **r == RuleId::SS019).count()
    }

    #[test]
    fn reports_the_minority_and_mixed_case_keywords() {
        // BuildKit's cases.
        let src = "FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n";
        let f = first(RuleId::SS019, src);
        all_langs_mention(&f, "`copy`");
        assert_eq!(f.span.start_pos.line, 2);
        assert_eq!(
            fixed(RuleId::SS019, src),
            "FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n"
        );
        let f = first(RuleId::SS019, "From scratch as base\nFROM scratch AS base2\n");
        all_langs_mention(&f, "`FROM`");
        assert_eq!(count("frOM scratch as base\nfrom scratch as base2\n"), 1);
        assert_eq!(
            count("from scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz\n"),
            1
        );
        assert_eq!(
            count("FROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n"),
            1
        );
        // A tie goes to upper case.
        assert_eq!(
            first(RuleId::SS019, "from scratch\nCOPY a /b\n").span.start_pos.line,
            1
        );
    }

    #[test]
    fn a_recased_from_brings_its_as_along() {
        let src = "from scratch as build\nCOPY a /a\nCOPY b /b\n";
        let out = fixed(RuleId::SS019, src);
        assert_eq!(out, "FROM scratch AS build\nCOPY a /a\nCOPY b /b\n");
        assert!(!fires(RuleId::SS018, &out));
    }

    #[test]
    fn quiet_on_consistent_files_and_global_args() {
        assert!(!fires(
            RuleId::SS019,
            "from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n"
        ));
        assert!(!fires(
            RuleId::SS019,
            "FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n"
        ));
        // Global ARGs are not among the stages' commands BuildKit counts.
        assert!(!fires(RuleId::SS019, "arg V=1\nFROM python:${V}\nRUN true\n"));
        // A heredoc body is not instructions.
        assert!(!fires(
            RuleId::SS019,
            "FROM alpine\nRUN <<'EOT'\nfrom this text\nEOT\n"
        ));
    }
}
