//! SS048 (warning): `COPY` or `ADD` to a relative destination before any `WORKDIR` in the
//! stage's line of descent (`COPY . .` right after `FROM python:3.14-slim`).
//!
//! A relative destination is joined to the working directory the base image left, which the
//! Dockerfile does not show and a new base image can change: the files land elsewhere and the
//! start command no longer finds them. hadolint's DL3045, with its semantics: a WORKDIR earlier
//! in the stage, or in a stage this one is built `FROM`, makes it fine, as does a destination
//! starting with `/`, `\`, a Windows drive (`C:`) or a variable (`$DIR`); `COPY --from` is
//! treated the same. Deliberately different: ADD is checked too (its destination works the
//! same way), and a stage built on `scratch` is left alone (its working directory is `/`, so
//! nothing is hidden).
//!
//! No fix: only the author knows which directory the files belong in.

use shipshape_lang::ko::{i_ga};
use super::{
    finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS048,
    severity: Severity::Warning,
    title: "COPY to a relative destination without WORKDIR",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3045"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The destination as written, unquoted.
    pub dest: String,
    /// The image the stage's line of descent starts from.
    pub base: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, d, b) = (&self.step, &self.dest, &self.base);
        match lang {
            Lang::En => format!("`{}` on line {} copies to the relative path `{d}`, but no WORKDIR comes before it in this stage: the files land in whatever working directory `{b}` sets, which the Dockerfile does not show and a new base image can change. Set `WORKDIR` to an absolute directory first, or write an absolute destination.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 상대 경로(`{d}`)로 복사하는데, 이 스테이지에서 그 앞에 WORKDIR이 없습니다. 그러면 파일은 `{b}`{i} 정한 작업 디렉터리에 들어가는데, 그 디렉터리는 Dockerfile에 드러나지 않고 베이스 이미지가 바뀌면 달라질 수 있습니다. 먼저 `WORKDIR`을 절대 경로로 정하거나, 대상을 절대 경로로 쓰세요.", s.line, s.text, i = i_ga(b)),
            Lang::Ja => format!("{}行目の `{}` は相対パス `{d}` にコピーしていますが、このステージではそれより前に WORKDIR がありません。そのためファイルは `{b}` が決めた作業ディレクトリに入ります。そのディレクトリは Dockerfile からは見えず、ベースイメージが変わると変わることがあります。先に `WORKDIR` を絶対パスで設定するか、コピー先を絶対パスで書いてください。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

/// Absolute on some platform, or known only at build time.
fn absolute_or_unknown(path: &str) -> bool {
    let b = path.as_bytes();
    let windows_drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    path.starts_with(['/', '\\', '$']) || windows_drive
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let is_workdir = |k: usize| ctx.instr(k).keyword == Keyword::Workdir;
    for s in 0..ctx.graph.stages.len() {
        // A WORKDIR anywhere up the stage's line of descent in this file sets it.
        let inherited = ctx
            .graph
            .chain(s)
            .into_iter()
            .skip(1)
            .any(|p| ctx.body(p).any(is_workdir));
        let (_, base) = ctx.root_image(s);
        if inherited || base == "scratch" {
            continue;
        }
        for k in ctx.body(s) {
            let ins = ctx.instr(k);
            if is_workdir(k) {
                break;
            }
            if !matches!(ins.keyword, Keyword::Copy | Keyword::Add) {
                continue;
            }
            let words = ins.arguments.words();
            if words.len() < 2 {
                continue;
            }
            let Some(last) = words.last() else {
                continue;
            };
            let dest = crate::shell::unquote(&last.value, ctx.df.escape);
            if dest.is_empty() || absolute_or_unknown(&dest) {
                continue;
            }
            out.push(finding(
                RuleId::SS048,
                last.span,
                Vec::new(),
                Message::SS048(Details {
                    step: ctx.step(k),
                    dest,
                    base: base.clone(),
                }),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    const BASE: &str = "FROM debian:bookworm\n";

    #[test]
    fn fires_on_a_relative_destination_before_any_workdir() {
        let f = first(RuleId::SS048, "FROM python:3.14-slim\nCOPY . .\nWORKDIR /code\n");
        all_langs_mention(&f, "`COPY . .`");
        all_langs_mention(&f, "`python:3.14-slim`");
        for src in [
            "COPY bla.sh blubb.sh",
            "COPY bla.sh \"blubb.sh\"",
            "COPY a b",
            "COPY --from=build /out/app app",
            "ADD app.tar.gz app/",
            "COPY [\"a.txt\", \"dir/\"]",
        ] {
            assert!(fires(RuleId::SS048, &format!("{BASE}{src}\n")), "{src}");
        }
        // A WORKDIR in a sibling stage, not inherited, does not count.
        assert!(fires(
            RuleId::SS048,
            "FROM debian:buster AS stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n"
        ));
        // One finding per COPY.
        let src = format!("{BASE}COPY a b\nCOPY c d\n");
        assert_eq!(rules(&src).iter().filter(|r| **r == RuleId::SS048).count(), 2);
    }

    #[test]
    fn quiet_with_absolute_or_variable_destinations() {
        for src in [
            "COPY bla.sh /usr/local/bin/blubb.sh",
            "COPY bla.sh \"/usr/local/bin/blubb.sh\"",
            "COPY bla.sh c:\\\\system32\\\\blubb.sh",
            "COPY bla.sh \"d:\\\\mypath\\\\blubb.sh\"",
            "COPY bla.sh c:/system32/blubb.sh",
            "COPY src.sh ${SRC_BASE_ENV}",
            "COPY src.sh $SRC_BASE_ENV",
            "COPY src.sh \"${SRC_BASE_ENV}\"",
            "COPY src.sh \"$SRC_BASE_ENV\"",
        ] {
            assert!(!fires(RuleId::SS048, &format!("{BASE}{src}\n")), "{src}");
        }
    }

    #[test]
    fn quiet_after_a_workdir_here_or_up_the_line_of_descent() {
        assert!(!fires(RuleId::SS048, "FROM debian:12\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n"));
        assert!(!fires(RuleId::SS048, "FROM debian:12\nWORKDIR c:\\\\system32\nCOPY bla.sh blubb.sh\n"));
        assert!(!fires(
            RuleId::SS048,
            "FROM debian:buster AS base\nWORKDIR /usr\nFROM debian:buster AS mid\nRUN foo\nFROM base\nCOPY foo bar\n"
        ));
        assert!(!fires(
            RuleId::SS048,
            "FROM debian:buster AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\nFROM base2\nCOPY foo bar\n"
        ));
        // scratch's working directory is `/`: nothing hidden.
        assert!(!fires(RuleId::SS048, "FROM scratch\nCOPY app app\n"));
    }
}
