//! SS045 (warning): a pipe in a RUN whose shell runs without `pipefail`.
//!
//! A pipeline's exit status is its last command's. In `curl -fsSL "$URL" | sh` a failed
//! download gives `sh` an empty script, which it runs and exits with 0, and so the step succeeds: the
//! build goes on with a layer that is missing what it was meant to hold, and the error shows
//! up later, somewhere else. `set -o pipefail` makes the pipeline fail when any command in it
//! does. `warning`: it costs reliability on every build, though only when a command fails.
//!
//! hadolint's DL4006 asks for a SHELL with `-o pipefail` before a RUN with a pipe. Shipshape
//! judges each script by the shell that actually runs it, as BuildKit runs it:
//! - the shell form and a `RUN <<EOF` body (no shebang) run in the stage's SHELL, which a
//!   `FROM <stage>` inherits (hadolint starts every FROM afresh); `-o pipefail` in it counts
//!   for any POSIX-like shell, `sh` included (hadolint only counts bash, zsh and ash; a shell
//!   that rejects the option fails the build loudly, which is not what this rule is about);
//! - a body starting with `#!/bin/bash` is run by that interpreter, so the SHELL does not
//!   apply, and a `#!` of another language is not a shell script at all;
//! - `RUN <<EOF bash` or `RUN sh -e <<EOF` feed the body to that shell, whose own options
//!   count; `RUN <<EOF python3` or `RUN cat <<EOF > file` hand it to a program that is not a
//!   shell, so `|` in it is not a pipe (hadolint #1137, #806);
//! - a `set -o pipefail` (`set -euo pipefail`...) before the first pipe of the script counts
//!   (hadolint ignores it);
//! - exec form `["bash", "-o", "pipefail", "-c", "..."]` is judged by its own options.
//!
//! Not judged: PowerShell and `cmd` SHELLs (and Windows base images, whose default shell is
//! `cmd`), SHELLs that do not name a POSIX-like shell, and scripts with `case`, whose patterns
//! use `|` too.
//!
//! No fix: whether `set -o pipefail` works depends on the image's `/bin/sh` (BusyBox ash and
//! bash accept it, not every `/bin/sh` does), and a bash SHELL needs bash in the image.

use shipshape_lang::ko::{i_ga};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::command::{is_posix_shell, sets_pipefail, shell_scripts, split_script, Runner};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS045,
    severity: Severity::Warning,
    title: "Pipe in RUN without pipefail",
    guide: "ci-builds",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL4006"],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The command whose output goes into the pipe.
    pub program: String,
    /// The shell that runs it, as a command (`/bin/sh -c`).
    pub shell: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, p, sh) = (&self.step, &self.program, &self.shell);
        match lang {
            Lang::En => format!("Line {} pipes the output of `{p}` into another command, and `{sh}` runs it without `pipefail`: a pipeline's status is its last command's, so when `{p}` fails the step can still succeed, and the build goes on with a broken layer. Start the script with `set -o pipefail` (bash and BusyBox ash accept it; not every `/bin/sh` does), or set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the step.", s.line),
            Lang::Ko => format!("{}행은 `{p}`의 출력을 파이프로 다른 명령에 넘기는데, 이를 실행하는 `{sh}`에 `pipefail`이 켜져 있지 않습니다. 파이프라인의 종료 상태는 마지막 명령의 상태이므로 `{p}`{i} 실패해도 이 단계는 성공할 수 있고, 그러면 빌드는 망가진 레이어를 가진 채 계속됩니다. 스크립트를 `set -o pipefail`로 시작하거나(bash와 BusyBox ash는 지원하지만 모든 `/bin/sh`가 지원하지는 않습니다), 이 단계 앞에 `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`를 두세요.", s.line, i = i_ga(p)),
            Lang::Ja => format!("{}行目は `{p}` の出力をパイプで別のコマンドに渡していますが、それを実行する `{sh}` では `pipefail` が有効になっていません。パイプラインの終了ステータスは最後のコマンドのものなので、`{p}` が失敗してもこのステップは成功することがあり、そうなるとビルドは壊れたレイヤーのまま続きます。スクリプトを `set -o pipefail` で始めるか（bash と BusyBox ash は対応していますが、すべての `/bin/sh` が対応しているわけではありません）、このステップの前に `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` を置いてください。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

/// The shell of a stage at instruction `index`: the words of the last SHELL before it, in
/// this stage or (through `FROM <stage>`) its parents; `None` for the image's default.
fn shell_at(ctx: &Ctx, stage: usize, index: usize, depth: usize) -> Option<Vec<String>> {
    let body = ctx.body(stage);
    let own = (body.start..index.min(body.end))
        .rev()
        .map(|k| ctx.instr(k))
        .find(|ins| ins.keyword == Keyword::Shell);
    if let Some(ins) = own {
        return Some(match &ins.arguments {
            Arguments::Exec(words) => words.iter().map(|w| w.value.clone()).collect(),
            _ => Vec::new(),
        });
    }
    match ctx.parent_stage(stage) {
        Some(p) if depth <= ctx.graph.stages.len() => shell_at(ctx, p, ctx.body(p).end, depth + 1),
        _ => None,
    }
}

/// A Windows base image, whose default shell is `cmd /S /C`.
fn windows_image(image: &str) -> bool {
    let image = image.to_ascii_lowercase();
    ["windows", "nanoserver", "servercore"]
        .iter()
        .any(|w| image.contains(w))
}

/// The shell of a SHELL instruction (or the default), as (display, pipefail on), or `None`
/// when it is not a POSIX-like shell this rule can judge.
fn stage_shell(words: Option<&[String]>, windows: bool) -> Option<(String, bool)> {
    let Some(words) = words else {
        return (!windows).then(|| ("/bin/sh -c".to_string(), false));
    };
    let at = words.iter().position(|w| is_posix_shell(w))?;
    let options = &words[at + 1..];
    Some((words[at..].join(" "), sets_pipefail(options)))
}

/// The first command whose output goes into a pipe before any `set -o pipefail`.
fn unguarded_pipe(commands: &[crate::command::Command]) -> Option<String> {
    if commands.iter().any(|c| c.program() == "case") {
        return None;
    }
    for c in commands {
        if c.program() == "set" && sets_pipefail(&c.words[1..]) {
            return None;
        }
        if c.piped {
            return Some(c.program().to_string());
        }
    }
    None
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        let windows = windows_image(&ctx.root_image(stage).1);
        for index in ctx.body(stage) {
            let ins = ctx.instr(index);
            if ins.keyword != Keyword::Run {
                continue;
            }
            let mut stage_shell_cache = None;
            for script in shell_scripts(ins) {
                // No `|` in the text, no pipe: nothing to judge (most RUNs).
                if !script.text.contains('|') {
                    continue;
                }
                let (shell, pipefail) = match &script.runner {
                    Runner::Exec => continue,
                    Runner::StageShell => {
                        let s = stage_shell_cache.get_or_insert_with(|| {
                            stage_shell(shell_at(ctx, stage, index, 0).as_deref(), windows)
                        });
                        match s {
                            Some(s) => s.clone(),
                            None => continue,
                        }
                    }
                    Runner::Own { shell, options } => {
                        let mut display = shell.clone();
                        for o in options {
                            display.push(' ');
                            display.push_str(o);
                        }
                        (display, sets_pipefail(options))
                    }
                };
                if pipefail {
                    continue;
                }
                // A plain shell-form RUN is already split in the context.
                let plain = ins.heredocs.is_empty() && matches!(ins.arguments, Arguments::Shell(_));
                let found = if plain {
                    unguarded_pipe(ctx.commands(index))
                } else {
                    unguarded_pipe(&split_script(&script.text).0)
                };
                if let Some(program) = found {
                    out.push(finding(
                        RuleId::SS045,
                        ins.span,
                        Vec::new(),
                        Message::SS045(Details {
                            step: ctx.step(index),
                            program,
                            shell,
                        }),
                        None,
                    ));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    const BASE: &str = "FROM debian:bookworm-slim\n";
    const BASH: &str = "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n";

    fn fires_on(rest: &str) -> bool {
        fires(RuleId::SS045, &format!("{BASE}{rest}\n"))
    }

    #[test]
    fn fires_on_a_pipe_in_the_default_shell() {
        let f = first(RuleId::SS045, &format!("{BASE}RUN curl -fsSL https://example.com/x.tgz | tar -xz\n"));
        all_langs_mention(&f, "`curl`");
        all_langs_mention(&f, "/bin/sh -c");
        assert!(fires_on("RUN apt-get update && wget -O - https://example.com | wc -l > /n"));
        // A SHELL without pipefail, or a later SHELL that drops it.
        assert!(fires_on("SHELL [\"/bin/bash\", \"-c\"]\nRUN a | b"));
        assert!(fires_on(&format!("{BASH}SHELL [\"/bin/sh\", \"-c\"]\nRUN a | b")));
        // `set -o pipefail` after the pipe is too late; `set +o` is not it.
        assert!(fires_on("RUN a | b; set -o pipefail"));
        assert!(fires_on("RUN set +o pipefail; a | b"));
        // A heredoc body the default shell runs.
        assert!(fires_on("RUN <<EOF\ncurl -fsSL https://example.com | sh\nEOF"));
        // `RUN <<EOF bash` runs bash without pipefail, whatever the SHELL says.
        assert!(fires_on(&format!("{BASH}RUN <<EOF bash\ncurl https://example.com | sh\nEOF")));
        // A bash shebang: run as a file, the SHELL does not apply.
        assert!(fires_on(&format!("{BASH}RUN <<EOF\n#!/usr/bin/env bash\na | b\nEOF")));
        // Exec form of a shell without the option.
        assert!(fires_on("RUN [\"/bin/bash\", \"-c\", \"a | b\"]"));
        // A pipe out of a subshell.
        assert!(fires_on("RUN (a; b) | c"));
    }

    #[test]
    fn silent_with_pipefail_from_shell_set_or_own_options() {
        assert!(!fires_on(&format!("{BASH}RUN a | b")));
        assert!(!fires_on("SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b"));
        assert!(!fires_on("SHELL [\"/bin/ash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"));
        assert!(!fires_on("SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"));
        // Inherited through FROM <stage>.
        assert!(!fires(RuleId::SS045, &format!("{BASE}{BASH}FROM debian:bookworm-slim AS base\n{BASH}FROM base\nRUN a | b\n")));
        assert!(fires(RuleId::SS045, &format!("FROM debian:bookworm-slim AS base\n{BASH}FROM debian:bookworm-slim\nRUN a | b\n")));
        // In the command itself.
        assert!(!fires_on("RUN set -o pipefail && curl https://example.com | tar -xz"));
        assert!(!fires_on("RUN set -euxo pipefail; a | b"));
        assert!(!fires_on("RUN set -e -o pipefail; a | b"));
        assert!(!fires_on("RUN <<EOF\nset -euo pipefail\na | b\nEOF"));
        // hadolint #1137: the body sets it for the bash that reads it.
        assert!(!fires_on("RUN <<EOF bash\nset -euxo pipefail\necho 123 | cat\nEOF"));
        assert!(!fires_on("RUN bash -o pipefail <<EOF\na | b\nEOF"));
        // hadolint #806: a shebang body that sets it.
        assert!(!fires_on("RUN <<EOF\n#!/usr/bin/env bash\nset -eux -o pipefail\necho abc | cat\nEOF"));
        assert!(!fires_on("RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"a | b\"]"));
        // The default SHELL's pipefail covers a plain `RUN <<EOF` body.
        assert!(!fires_on(&format!("{BASH}RUN <<EOF\na | b\nEOF")));
    }

    #[test]
    fn silent_where_no_shell_pipe_runs() {
        assert!(!fires_on("RUN a && b || c"));
        assert!(!fires_on("RUN echo 'a | b' \"c | d\" > f && echo x >| g"));
        assert!(!fires_on("RUN yq eval '.a | .b' f.yml"));
        // Bodies another program reads.
        assert!(!fires_on("RUN <<EOF python3\nprint(1 | 2)\nEOF"));
        assert!(!fires_on("RUN python3 <<EOF\nprint(1 | 2)\nEOF"));
        assert!(!fires_on("RUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF"));
        assert!(!fires_on("RUN cat <<EOF > /etc/x.conf\na | b\nEOF"));
        // Not POSIX shells.
        assert!(!fires_on("SHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value"));
        assert!(!fires_on("SHELL [\"cmd.exe\", \"/S\", \"/C\"]\nRUN dir | findstr x"));
        assert!(!fires(RuleId::SS045, "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n"));
        assert!(!fires_on("RUN [\"/app/tool\", \"a|b\"]"));
        // `case` patterns.
        assert!(!fires_on("RUN case \"$A\" in x|y) echo ok;; esac"));
    }
}
