//! SS047 (info): `ADD` of local files or folders, where `COPY` does the same (`ADD app /code/app`).
//!
//! ADD does more than COPY: it downloads URLs, clones git repositories and unpacks local tar
//! archives. On plain files it copies, like COPY, but a reader has to check the sources to know
//! that, and a file later renamed to `.tar.gz` would start being unpacked. hadolint's DL3020,
//! with its semantics: an ADD whose every source is a plain local path. Any URL or git source
//! (SS004 covers remote ADD), any local archive name (`.tar`, `.tgz`, `.tar.gz`, `.bz2`, `.xz`,
//! `.zst`...) or an ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`) keeps it quiet.
//! Deliberately quieter than hadolint: a source with a variable (`ADD $PKG /tmp/`) can name an
//! archive or a URL, so it is left alone.
//!
//! Fix: the `ADD` keyword becomes `COPY`, in the same letter case, unless a source is a glob
//! (`ADD dist/* /app/` can match an archive, which ADD would unpack).

use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
    TextEdit,
};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS047,
    severity: Severity::Info,
    title: "ADD for local files where COPY does the same",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL3020"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let s = &self.step;
        match lang {
            Lang::En => format!("`{}` on line {} uses ADD for local files, which COPY copies the same way. ADD also downloads URLs and unpacks tar archives, so a reader has to check the sources to know it only copies. Use COPY, and keep ADD for what only ADD does.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 로컬 파일에 ADD를 쓰고 있는데, 이 파일은 COPY로도 똑같이 복사됩니다. ADD는 URL을 내려받고 tar 아카이브를 풀기도 하므로, 읽는 사람은 원본을 확인해야 복사만 한다는 것을 알 수 있습니다. COPY를 쓰고, ADD는 ADD만 할 수 있는 일에 남겨 두세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` はローカルファイルに ADD を使っていますが、これは COPY でも同じようにコピーされます。ADD は URL のダウンロードや tar アーカイブの展開も行うため、読む人はコピー元を確かめないとコピーだけだとわかりません。COPY を使い、ADD は ADD にしかできない処理に残してください。", s.line, s.text),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match lang {
            Lang::En => "Replace ADD with COPY".to_string(),
            Lang::Ko => "ADD를 COPY로 바꾸기".to_string(),
            Lang::Ja => "ADD を COPY に置き換える".to_string(),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(Details::fix_title(self, lang))
    }
}

/// Names ADD unpacks (hadolint's list, plus zstd, which BuildKit also unpacks).
const ARCHIVES: &[&str] = &[
    ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz",
    ".tpz", ".txz", ".xz", ".zst", ".tzst",
];

/// Flags only ADD accepts: with them the ADD is on purpose.
const ADD_ONLY: &[&str] = &["checksum", "keep-git-dir", "unpack"];

fn is_archive(path: &str) -> bool {
    let lower = path.trim_end_matches('/').to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

/// A source ADD fetches instead of copying: a URL or a git repository.
fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@") || crate::rebuild::is_remote(path)
}

/// The keyword `COPY` in the letter case `ADD` was written in.
fn copy_in_case_of(keyword: &str) -> String {
    if keyword.chars().all(|c| c.is_ascii_lowercase()) {
        "copy".to_string()
    } else if keyword.chars().all(|c| c.is_ascii_uppercase()) {
        "COPY".to_string()
    } else {
        "Copy".to_string()
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Add || ADD_ONLY.iter().any(|f| ins.flag(f).is_some()) {
            continue;
        }
        let words = ins.arguments.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        let sources: Vec<String> = sources
            .iter()
            .map(|w| crate::shell::unquote(&w.value, ctx.df.escape))
            .collect();
        if sources.is_empty()
            || sources
                .iter()
                .any(|s| s.is_empty() || s.contains('$') || is_remote(s) || is_archive(s))
        {
            continue;
        }
        let glob = sources.iter().any(|s| s.contains(['*', '?', '[']));
        let fix = (!glob).then(|| Fix {
            title: "Replace ADD with COPY".to_string(),
            edits: vec![TextEdit {
                range: ins.keyword_span.start..ins.keyword_span.end,
                replacement: copy_in_case_of(&ins.keyword_text),
            }],
        });
        out.push(finding(
            RuleId::SS047,
            ins.keyword_span,
            Vec::new(),
            Message::SS047(Details { step: ctx.step(k) }),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_plain_local_files_and_folders() {
        let f = first(RuleId::SS047, "FROM python:3.14-slim\nADD app /code/app\n");
        all_langs_mention(&f, "`ADD app /code/app`");
        assert!(f.fix.is_some());
        // hadolint's cases: a plain file, a zip (ADD does not unpack zip), quotes.
        for src in [
            "ADD file /usr/src/app/",
            "ADD file.zip /usr/src/app/",
            "ADD \"file.zip\" /usr/src/app/",
            "ADD --chown=app:app a.txt b.txt /srv/",
            "ADD [\"a b.txt\", \"/srv/\"]",
        ] {
            assert!(fires(RuleId::SS047, &format!("FROM alpine\n{src}\n")), "{src}");
        }
    }

    #[test]
    fn quiet_on_archives_urls_git_and_add_only_flags() {
        for src in [
            "ADD file.tar /usr/src/app/",
            "ADD file.gz /usr/src/app/",
            "ADD file.bz2 /usr/src/app/",
            "ADD file.xz /usr/src/app/",
            "ADD file.tgz /usr/src/app/",
            "ADD \"file.tgz\" /usr/src/app/",
            "ADD rootfs.tar.gz /",
            "ADD Vendor.TAR.XZ /opt/",
            "ADD app.py rootfs.tar.zst /opt/",
            "ADD http://file.com /usr/src/app/",
            "ADD \"http://file.com\" /usr/src/app/",
            "ADD https://github.com/moby/buildkit.git#v0.14.0 /src",
            "ADD git@github.com:moby/buildkit.git /src",
            "ADD --checksum=sha256:abc https://example.com/a /a",
            "ADD --keep-git-dir=true https://github.com/a/b.git /b",
            "ADD --unpack=true pkg.whl /tmp/",
            "ADD $PKG /tmp/",
            "COPY app /code/app",
        ] {
            assert!(!fires(RuleId::SS047, &format!("FROM alpine\n{src}\n")), "{src}");
        }
    }

    #[test]
    fn fix_writes_copy_in_the_keywords_case() {
        assert_eq!(
            fixed(RuleId::SS047, "FROM alpine\nADD --chown=1000 app /code/app\n"),
            "FROM alpine\nCOPY --chown=1000 app /code/app\n"
        );
        assert_eq!(
            fixed(RuleId::SS047, "from alpine\nadd app /code/app\n"),
            "from alpine\ncopy app /code/app\n"
        );
        // A glob can match an archive, which ADD unpacks: no fix.
        let f = first(RuleId::SS047, "FROM alpine\nADD dist/* /app/\n");
        assert!(f.fix.is_none());
    }
}
