//! SS043 (info): a RUN starts with `cd <dir>` where a WORKDIR would say where the steps run.
//!
//! hadolint's DL3003 flags every `cd` in a RUN. A `cd` lasts only for its own RUN: the next
//! instruction starts again in the WORKDIR, so a Dockerfile that moves with `cd` hides where
//! its steps run, and each RUN has to repeat it. `WORKDIR <dir>` says it once, creates the
//! directory, and holds for the instructions after it (COPY, RUN, CMD). That is readability,
//! not a broken build, hence `info`.
//!
//! Deliberately narrower than DL3003, to name only the `cd` a WORKDIR can replace: the first
//! `cd` of a script, with only `set` or `mkdir` before it, to a literal directory (not
//! `cd -`, `..`, `~`, a variable or command substitution), and the only `cd` of the script.
//! A `cd` after a command that makes the directory (`git clone ... /src && cd /src`), a
//! temporary directory (`/tmp`, `/var/tmp`) one RUN works in and leaves, a RUN that moves
//! through several directories, and a `cd` into the WORKDIR already in effect are left
//! alone. Heredoc bodies count when a shell runs them (`RUN <<EOF`, `RUN <<EOF bash`), not
//! when another program reads them (`RUN python3 <<EOF`).
//!
//! No fix: a WORKDIR also moves every later instruction of the stage, which only the author
//! can say is right.

use shipshape_lang::ko::{eul_reul};
use super::{finding, join_path, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::command::{shell_scripts, split_script, Runner};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS043,
    severity: Severity::Info,
    title: "cd in RUN instead of WORKDIR",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3003"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The directory as the `cd` names it.
    pub dir: String,
    /// It as an absolute path (relative to the WORKDIR in effect).
    pub absolute: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, dir, abs) = (&self.step, &self.dir, &self.absolute);
        match lang {
            Lang::En => format!("The RUN on line {} starts with `cd {dir}`, which lasts only for this RUN: the next instruction starts in the WORKDIR again. Put `WORKDIR {abs}` before it instead: it creates the directory, says where the steps run, and holds for the instructions after it. Keep the `cd` if those must run somewhere else.", s.line),
            Lang::Ko => format!("{}행의 RUN은 `cd {dir}` 명령으로 시작합니다. `cd`는 이 RUN 안에서만 유효하고, 다음 명령은 다시 WORKDIR에서 시작합니다. 대신 그 앞에 `WORKDIR {abs}`{eul} 두세요. 디렉터리를 만들어 주고, 단계가 어디서 실행되는지 드러내며, 뒤따르는 명령에도 그대로 적용됩니다. 뒤의 명령이 다른 곳에서 실행되어야 한다면 `cd`를 그대로 두세요.", s.line, eul = eul_reul(abs)),
            Lang::Ja => format!("{}行目の RUN は `cd {dir}` で始まっています。`cd` はこの RUN の中でしか効かず、次の命令はまた WORKDIR から始まります。代わりにその前に `WORKDIR {abs}` を置いてください。ディレクトリを作成し、ステップがどこで実行されるかを明示でき、後に続く命令にもそのまま適用されます。後の命令を別の場所で実行する必要があるなら、`cd` のままにしてください。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

/// The directory a `cd` at the start of `script` moves to, if a WORKDIR could say it.
fn leading_cd(commands: &[crate::command::Command]) -> Option<String> {
    let at = commands.iter().position(|c| c.program() == "cd")?;
    if !commands[..at]
        .iter()
        .all(|c| matches!(c.program(), "set" | "mkdir"))
    {
        return None;
    }
    if commands[at + 1..].iter().any(|c| c.program() == "cd") {
        return None;
    }
    let args: Vec<&String> = commands[at].words[1..]
        .iter()
        .filter(|w| !matches!(w.as_str(), "-P" | "-L" | "-e" | "-@"))
        .collect();
    let [dir] = args[..] else { return None };
    let literal = !dir.is_empty()
        && !dir.contains(['$', '`', '*', '?', '[', '{', '~', '<', '>'])
        && !matches!(dir.as_str(), "-" | "." | ".." | "/");
    if !literal || dir.starts_with("../") {
        return None;
    }
    let tmp = ["/tmp", "/var/tmp", "/dev/shm"];
    if tmp
        .iter()
        .any(|t| dir == t || dir.starts_with(&format!("{t}/")))
    {
        return None;
    }
    Some(dir.trim_end_matches('/').to_string())
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        for index in ctx.body(stage) {
            let ins = ctx.instr(index);
            // A plain shell-form RUN is already split in the context; others (heredocs, exec
            // form) are split here. No `cd` in the text, no `cd` command (most RUNs).
            let plain = ins.heredocs.is_empty() && matches!(ins.arguments, Arguments::Shell(_));
            let found = shell_scripts(ins)
                .iter()
                .filter(|s| s.runner != Runner::Exec && s.text.contains("cd"))
                .find_map(|s| {
                    if plain {
                        leading_cd(ctx.commands(index))
                    } else {
                        leading_cd(&split_script(&s.text).0)
                    }
                });
            let Some(dir) = found else { continue };
            let workdir = ctx.workdir_at(stage, index);
            let absolute = join_path(&workdir, &dir);
            let tmp = ["/tmp", "/var/tmp", "/dev/shm"];
            if absolute == workdir
                || tmp
                    .iter()
                    .any(|t| absolute == *t || absolute.starts_with(&format!("{t}/")))
            {
                continue;
            }
            out.push(finding(
                RuleId::SS043,
                ins.span,
                Vec::new(),
                Message::SS043(Details {
                    step: ctx.step(index),
                    dir,
                    absolute,
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

    const BASE: &str = "FROM debian:bookworm-slim\n";

    fn fires_on(run: &str) -> bool {
        fires(RuleId::SS043, &format!("{BASE}{run}\n"))
    }

    #[test]
    fn fires_on_a_run_that_starts_in_another_directory() {
        let f = first(RuleId::SS043, &format!("{BASE}WORKDIR /srv\nRUN cd app && make install\n"));
        all_langs_mention(&f, "WORKDIR /srv/app");
        all_langs_mention(&f, "cd app");
        assert!(fires_on("RUN cd /opt && ./configure && make"));
        assert!(fires_on("RUN set -eux; mkdir -p /app; cd /app; touch ready"));
        assert!(fires_on("RUN cd /app/"));
        // A heredoc body the shell runs.
        assert!(fires_on("RUN <<EOF\ncd /app\nmake\nEOF"));
        assert!(fires_on("RUN <<EOF bash\nset -e\ncd /app\nmake\nEOF"));
        assert!(fires_on("RUN [\"sh\", \"-c\", \"cd /app && make\"]"));
    }

    #[test]
    fn silent_where_a_workdir_would_not_say_the_same() {
        assert!(!fires_on("WORKDIR /opt\nRUN make"));
        // The directory comes from this RUN, or the RUN moves around, or comes back.
        assert!(!fires_on("RUN git clone https://example.com/x.git /src && cd /src && make"));
        assert!(!fires_on("RUN cd /src && make && cd / && rm -rf /src"));
        assert!(!fires_on("RUN cd /tmp && make && cd -"));
        // Temporary directories, variables, `cd -`, `..`.
        assert!(!fires_on("RUN cd /tmp && curl -O https://example.com/x.tgz && tar xf x.tgz"));
        assert!(!fires_on("RUN cd \"$(mktemp -d)\" && make"));
        assert!(!fires_on("RUN cd $HOME && ls"));
        assert!(!fires_on("RUN cd .. && ls"));
        // Already there.
        assert!(!fires_on("WORKDIR /app\nRUN cd /app && make"));
        // Not a shell: a Python body and a word of echo.
        assert!(!fires_on("RUN <<EOF python3\ncd = 1\nEOF"));
        assert!(!fires_on("RUN echo cd /app"));
    }
}
