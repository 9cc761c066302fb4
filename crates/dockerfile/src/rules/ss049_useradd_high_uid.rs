//! SS049 (warning): `useradd` with a high UID and without `-l` (`useradd -u 123456 app`).
//!
//! Without `-l` (`--no-log-init`), `useradd` writes the new user's entry into
//! `/var/log/lastlog` and `/var/log/faillog` at an offset proportional to the UID. On a disk
//! that is a sparse file, but an image layer stores it in full, so a UID in the hundreds of
//! thousands or millions adds megabytes to gigabytes of zeros to the image. hadolint's
//! DL3046, with its threshold: a UID of more than five digits (100000 and above). Combined
//! short options (`-lu 123456`, `-u123456`) and `--uid=123456` are read as `useradd` reads
//! them. Deliberately quieter: a UID given by a variable (`-u ${UID}`) is left alone, since its
//! value is known only at build time (hadolint counts the characters of `${UID}`).
//!
//! Fix: ` -l` after the `useradd` word, when the RUN names `useradd` exactly once and has no
//! heredoc, so the edit cannot land in the wrong place.

use super::{
    finding, insert, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    StepRef,
};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS049,
    severity: Severity::Warning,
    title: "useradd with a high UID without -l",
    guide: "security",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL3046"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    pub uid: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, u) = (&self.step, &self.uid);
        match lang {
            Lang::En => format!("`{}` on line {} creates a user with UID {u} without `-l`: `useradd` then writes to `/var/log/lastlog` and `/var/log/faillog` at an offset that grows with the UID, and the image layer stores those sparse files in full, which can add gigabytes of zeros. Add `-l` (`--no-log-init`).", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 `-l` 없이 UID {u}인 사용자를 만듭니다. 그러면 `useradd`가 `/var/log/lastlog`와 `/var/log/faillog`에 UID에 비례하는 위치로 기록하는데, 이미지 레이어는 이런 희소 파일을 전부 저장하므로 0으로 채워진 수 GB가 이미지에 더해질 수 있습니다. `-l`(`--no-log-init`)을 붙이세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は `-l` なしで UID {u} のユーザーを作成します。すると `useradd` が `/var/log/lastlog` と `/var/log/faillog` の UID に比例した位置に書き込み、イメージのレイヤーはこのスパースファイルを丸ごと保存するため、ゼロで埋まった数 GB がイメージに加わることがあります。`-l`（`--no-log-init`）を付けてください。", s.line, s.text),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match lang {
            Lang::En => "Add -l to useradd".to_string(),
            Lang::Ko => "useradd에 -l 붙이기".to_string(),
            Lang::Ja => "useradd に -l を付ける".to_string(),
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

/// `useradd`'s short options that take a value.
const SHORT_VALUE: &str = "bcdefgGkKpPRsuZ";
/// Its long options that take a value (`--uid` is read apart).
const LONG_VALUE: &[&str] = &[
    "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid", "--groups",
    "--skel", "--key", "--password", "--root", "--prefix", "--shell", "--selinux-user",
    "--selinux-range", "--btrfs-subvolume-home",
];

/// The UID a `useradd` command sets when it does not pass `-l`.
fn uid_without_l(args: &[String]) -> Option<String> {
    let mut uid = None;
    let mut no_log_init = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        i += 1;
        if a == "--" {
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let name = format!("--{name}");
            if name == "--no-log-init" {
                no_log_init = true;
            } else if name == "--uid" || LONG_VALUE.contains(&name.as_str()) {
                let value = value.or_else(|| {
                    i += 1;
                    args.get(i - 1).cloned()
                });
                if name == "--uid" {
                    uid = value;
                }
            }
            continue;
        }
        let Some(cluster) = a.strip_prefix('-').filter(|c| !c.is_empty()) else {
            continue;
        };
        for (at, c) in cluster.char_indices() {
            if c == 'l' {
                no_log_init = true;
            } else if SHORT_VALUE.contains(c) {
                let rest = &cluster[at + c.len_utf8()..];
                let value = if rest.is_empty() {
                    i += 1;
                    args.get(i - 1).cloned()
                } else {
                    Some(rest.to_string())
                };
                if c == 'u' {
                    uid = value;
                }
                break;
            }
        }
    }
    let uid = uid?;
    let high = uid.len() > 5 && uid.bytes().all(|b| b.is_ascii_digit());
    (high && !no_log_init).then_some(uid)
}

/// Byte offsets just after each whole word `useradd` (or `.../useradd`) in `text`.
fn useradd_ends(text: &str) -> Vec<usize> {
    let word = "useradd";
    text.match_indices(word)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '/' | ';' | '&' | '|' | '(' | '"' | '\''))
                && after.is_some_and(|c| c == ' ' || c == '\t')
        })
        .map(|(at, _)| at + word.len())
        .collect()
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Run {
            continue;
        }
        let useradds: Vec<_> = ctx
            .commands(k)
            .iter()
            .filter(|c| c.program() == "useradd")
            .collect();
        for c in &useradds {
            let Some(uid) = uid_without_l(&c.words[1..]) else {
                continue;
            };
            let text = ctx.src.get(ins.span.start..ins.span.end).unwrap_or("");
            let ends = useradd_ends(text);
            let fix = (useradds.len() == 1 && ends.len() == 1 && ins.heredocs.is_empty()).then(|| Fix {
                title: "Add -l to useradd".to_string(),
                edits: vec![insert(ins.span.start + ends[0], " -l".to_string())],
            });
            out.push(finding(
                RuleId::SS049,
                ins.span,
                Vec::new(),
                Message::SS049(Details {
                    step: ctx.step(k),
                    uid,
                }),
                fix,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn run(cmd: &str) -> String {
        format!("FROM debian:12\nRUN {cmd}\n")
    }

    #[test]
    fn fires_on_a_high_uid_without_l() {
        let f = first(RuleId::SS049, &run("useradd -u 123456 luser"));
        all_langs_mention(&f, "123456");
        all_langs_mention(&f, "`-l`");
        for cmd in [
            "useradd -u 123456 luser",
            "useradd --uid 1000000 luser",
            "useradd --uid=1000000 luser",
            "useradd -mu 123456 luser",
            "useradd -u123456 luser",
            "groupadd -g 123456 g && useradd -g g -u 123456 luser",
            "/usr/sbin/useradd -u 123456 luser",
            "sudo useradd -r -u 100000 luser",
        ] {
            assert!(fires(RuleId::SS049, &run(cmd)), "{cmd}");
        }
    }

    #[test]
    fn quiet_with_l_a_short_uid_or_a_variable() {
        for cmd in [
            "useradd luser",
            "useradd -u 12345 luser",
            "useradd -u 99999 luser",
            "useradd -l -u 123456 luser",
            "useradd -l luser",
            "useradd --no-log-init -u 123456 luser",
            "useradd -lu 123456 luser",
            "useradd -u 123456 -l luser",
            "useradd -u ${USER_UID} luser",
            "useradd -c 1234567 luser",
            "adduser -u 123456 luser",
            "echo useradd -u 123456 luser",
        ] {
            assert!(!fires(RuleId::SS049, &run(cmd)), "{cmd}");
        }
    }

    #[test]
    fn fix_inserts_l_after_useradd() {
        assert_eq!(
            fixed(RuleId::SS049, &run("groupadd -g 123456 app && useradd -u 123456 -g app app")),
            run("groupadd -g 123456 app && useradd -l -u 123456 -g app app")
        );
        assert_eq!(
            fixed(RuleId::SS049, &run("/usr/sbin/useradd \\\n    -u 123456 app")),
            run("/usr/sbin/useradd -l \\\n    -u 123456 app")
        );
        // Two useradds in one RUN: the edit could land on the wrong one.
        let f = first(RuleId::SS049, &run("useradd a && useradd -u 123456 b"));
        assert!(f.fix.is_none());
        // `useradd` in a comment-like echo as well as the command: ambiguous, no fix.
        let f = first(RuleId::SS049, &run("echo 'useradd ' && useradd -u 123456 b"));
        assert!(f.fix.is_none());
    }
}
