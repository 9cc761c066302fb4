//! What the image a Dockerfile builds has and does, as facts other tools can check: the stages
//! the target needs, the user it runs as, the command it starts, and what its RUN steps install
//! and run. The onboarding exercises check a trainee's Dockerfile against these (the image still
//! installs the same dependencies, still runs the app), never against the text.
//!
//! The facts come from the same parse, stage graph and command reading as the rules and the
//! rebuild plan: the stages a target needs are the ones [`crate::plan`] builds for it.

use crate::command::{self as commands, Ecosystem};
use crate::rebuild::{plan, BuildContext, Changes};
use crate::syntax::{Arguments, Dockerfile, Keyword};

/// A RUN step of a stage the target needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFact {
    /// Index into [`Dockerfile::instructions`].
    pub instruction: usize,
    pub stage: usize,
    pub line: u32,
    /// Its simple commands (split on `&&`, `;`, `|`...), each as unquoted words: the program
    /// first, lower-cased and without its directory; `VAR=value`, `sudo`, `exec` prefixes off.
    pub commands: Vec<Vec<String>>,
}

/// A dependency install (`pip install -r`, `uv sync`, `npm ci`, `go mod download`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallFact {
    pub instruction: usize,
    pub stage: usize,
    pub line: u32,
    pub ecosystem: Ecosystem,
    /// The manifest and lock files it reads, as written or by convention.
    pub manifests: Vec<String>,
}

/// An operating-system package installed (`apt-get install`, `apk add`, `dnf install`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFact {
    pub instruction: usize,
    pub stage: usize,
    pub line: u32,
    pub name: String,
    /// The package manager's family (`apt`, `apk`, `rpm`, `zypper`).
    pub manager: &'static str,
}

/// The command the container starts with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StartFact {
    /// The ENTRYPOINT and CMD in effect (instruction indexes), inherited through `FROM stage`.
    pub entrypoint: Option<usize>,
    pub cmd: Option<usize>,
    /// What the container runs, as Docker builds it: exec form as written, shell form as
    /// `["/bin/sh", "-c", command]`; ENTRYPOINT's words then CMD's; empty when there is none.
    pub argv: Vec<String>,
    /// Every part of it in exec form (none in shell form).
    pub exec_form: bool,
}

/// Facts about the image a target builds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageFacts {
    /// The target stage, then the stages of this file it is built `FROM`: their files are all
    /// in the image.
    pub chain: Vec<usize>,
    /// Every stage the target needs (the chain, `COPY --from`, `RUN --mount=from=`), in order.
    pub needed: Vec<usize>,
    /// The base image the chain starts from, as written.
    pub base_image: String,
    /// The last USER in the chain (its value, unquoted, and instruction index); `None` means the
    /// base image's user.
    pub user: Option<(String, usize)>,
    pub start: StartFact,
    /// RUN steps of the needed stages, in file order.
    pub runs: Vec<RunFact>,
    pub installs: Vec<InstallFact>,
    pub packages: Vec<PackageFact>,
    /// Package index updates (`apt-get update`, `apk update`...): the instruction and the
    /// package manager's family (`apt`, `apk`, `rpm`, `zypper`).
    pub index_updates: Vec<(usize, &'static str)>,
}

/// The facts of the image `target` builds (a stage name or index; `None`: the last stage).
/// Never panics; a Dockerfile without FROM has no facts.
pub fn image_facts(df: &Dockerfile, target: Option<&str>) -> ImageFacts {
    let stages = df.stages();
    if stages.is_empty() {
        return ImageFacts::default();
    }
    let built = plan(df, &BuildContext::default(), &Changes::default(), target);
    let target = built.target.unwrap_or(stages.len() - 1);
    let needed: Vec<usize> = built
        .stages
        .iter()
        .filter(|s| s.built)
        .map(|s| s.index)
        .collect();
    // The chain: follow `FROM <earlier stage>`.
    let graph = crate::stages::StageGraph::with_defaults(df);
    let chain = graph.chain(target.min(stages.len() - 1));
    let root = *chain.last().unwrap_or(&target);
    let mut facts = ImageFacts {
        base_image: stages[root].base.clone(),
        needed: needed.clone(),
        ..ImageFacts::default()
    };
    // USER, ENTRYPOINT and CMD in effect: from the root of the chain to the target.
    for &s in chain.iter().rev() {
        for k in stages[s].body.clone() {
            let ins = &df.instructions[k];
            match ins.keyword {
                Keyword::User => {
                    if let Some(w) = ins.arguments.words().first() {
                        let value = crate::shell::unquote(&w.value, df.escape);
                        facts.user = Some((value, k));
                    }
                }
                // Setting ENTRYPOINT resets a CMD set before it (Dockerfile reference, "CMD").
                Keyword::Entrypoint => {
                    facts.start.entrypoint = Some(k);
                    facts.start.cmd = None;
                }
                Keyword::Cmd => facts.start.cmd = Some(k),
                _ => {}
            }
        }
    }
    facts.chain = chain;
    let argv_of = |k: usize| -> (Vec<String>, bool) {
        match &df.instructions[k].arguments {
            Arguments::Exec(words) => (words.iter().map(|w| w.value.clone()).collect(), true),
            Arguments::Shell(w) => (
                vec!["/bin/sh".to_string(), "-c".to_string(), w.value.clone()],
                false,
            ),
            _ => (Vec::new(), false),
        }
    };
    facts.start.argv = match (facts.start.entrypoint, facts.start.cmd) {
        (Some(e), cmd) => {
            let (mut argv, exec) = argv_of(e);
            if exec {
                let mut all_exec = true;
                if let Some(c) = cmd {
                    let (more, cmd_exec) = argv_of(c);
                    all_exec = cmd_exec;
                    argv.extend(more);
                }
                facts.start.exec_form = all_exec;
            }
            argv
        }
        (None, Some(c)) => {
            let (argv, exec) = argv_of(c);
            facts.start.exec_form = exec;
            argv
        }
        (None, None) => Vec::new(),
    };
    for &s in &needed {
        for k in stages[s].body.clone() {
            let ins = &df.instructions[k];
            if ins.keyword != Keyword::Run {
                continue;
            }
            let line = ins.span.start_pos.line;
            let cmds = commands::run_commands(ins);
            for c in &cmds {
                if let Some(install) = commands::install_of(c) {
                    facts.installs.push(InstallFact {
                        instruction: k,
                        stage: s,
                        line,
                        ecosystem: install.ecosystem,
                        manifests: install.manifests,
                    });
                }
                if let Some(manager) = commands::index_update(c) {
                    facts.index_updates.push((k, manager));
                }
                let manager = commands::package_install(c).unwrap_or("");
                for name in commands::installed_packages(c) {
                    facts.packages.push(PackageFact {
                        instruction: k,
                        stage: s,
                        line,
                        name,
                        manager,
                    });
                }
            }
            facts.runs.push(RunFact {
                instruction: k,
                stage: s,
                line,
                commands: cmds.into_iter().map(|c| c.words).collect(),
            });
        }
    }
    facts
}

/// A shell script's simple commands, each as unquoted words, read as the rules read a RUN: a
/// start command in shell form, or the script of `sh -c`.
pub fn shell_commands(script: &str) -> Vec<Vec<String>> {
    commands::split_script(script)
        .0
        .into_iter()
        .map(|c| c.words)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn the_start_command_user_and_installs_of_a_two_stage_build() {
        let df = parse(
            "FROM python:3.13 AS build\nRUN apt-get update && apt-get install -y build-essential\nRUN pip install -r requirements.txt\n\
             FROM python:3.13-slim AS test\nRUN pytest\n\
             FROM python:3.13-slim\nCOPY --from=build /venv /venv\nRUN useradd app\nUSER app\nENTRYPOINT [\"fastapi\"]\nCMD [\"run\", \"app/main.py\"]\n",
        );
        let f = image_facts(&df, None);
        assert_eq!(f.chain, vec![2]);
        assert_eq!(f.needed, vec![0, 2]);
        assert_eq!(f.user.as_ref().map(|u| u.0.as_str()), Some("app"));
        assert_eq!(f.start.argv, vec!["fastapi", "run", "app/main.py"]);
        assert!(f.start.exec_form);
        assert_eq!(f.installs.len(), 1);
        assert_eq!(f.installs[0].ecosystem, Ecosystem::Pip);
        assert_eq!(f.packages[0].name, "build-essential");
        // The test stage is not needed by the final image: its pytest is not among the runs.
        assert!(f
            .runs
            .iter()
            .all(|r| r.commands.iter().all(|c| c[0] != "pytest")));
        let t = image_facts(&df, Some("test"));
        assert_eq!(t.chain, vec![1]);
        assert!(t.runs.iter().any(|r| r.commands[0][0] == "pytest"));
    }

    #[test]
    fn shell_form_and_inheritance() {
        let df = parse(
            "FROM python:3.13 AS base\nUSER 1000\nCMD fastapi run app/main.py\nFROM base\nENTRYPOINT [\"tini\", \"--\"]\n",
        );
        let f = image_facts(&df, None);
        assert_eq!(f.chain, vec![1, 0]);
        assert_eq!(f.user.as_ref().map(|u| u.0.as_str()), Some("1000"));
        // ENTRYPOINT in the child resets the inherited CMD.
        assert_eq!(f.start.cmd, None);
        assert_eq!(f.start.argv, vec!["tini", "--"]);
        let df = parse("FROM python:3.13\nCMD fastapi run app/main.py --port 80\n");
        let f = image_facts(&df, None);
        assert!(!f.start.exec_form);
        assert_eq!(f.start.argv[..2], ["/bin/sh", "-c"]);
        assert_eq!(
            shell_commands(&f.start.argv[2]),
            vec![vec!["fastapi", "run", "app/main.py", "--port", "80"]]
        );
        assert_eq!(image_facts(&parse("RUN x\n"), None), ImageFacts::default());
    }
}
