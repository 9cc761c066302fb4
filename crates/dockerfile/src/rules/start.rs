//! What the final image starts: the ENTRYPOINT and CMD in effect at the end of the final
//! stage's ancestry (a later one replaces an earlier one, and setting ENTRYPOINT drops a CMD
//! set before it, as the Dockerfile reference says), each as the words of its commands. Shared
//! by the rules that judge how the server is started.

use super::Ctx;
use crate::command::split_script;
use crate::syntax::{Arguments, Keyword};

/// One of the instructions that make the start command.
pub(crate) struct StartPart {
    /// The instruction's index.
    pub index: usize,
    /// Exec form: its words; shell form: each simple command's words.
    pub commands: Vec<Vec<String>>,
}

/// The ENTRYPOINT then the CMD in effect in the final image (either may be missing).
pub(crate) fn start_parts(ctx: &Ctx) -> Vec<StartPart> {
    let (mut entrypoint, mut cmd) = (None, None);
    for &s in ctx.graph.final_chain.iter().rev() {
        for k in ctx.body(s) {
            match ctx.instr(k).keyword {
                Keyword::Entrypoint => {
                    entrypoint = Some(k);
                    cmd = None;
                }
                Keyword::Cmd => cmd = Some(k),
                _ => {}
            }
        }
    }
    [entrypoint, cmd]
        .into_iter()
        .flatten()
        .filter_map(|k| {
            let commands = match &ctx.instr(k).arguments {
                Arguments::Exec(words) => vec![words.iter().map(|w| w.value.clone()).collect()],
                Arguments::Shell(w) => split_script(&w.value)
                    .0
                    .into_iter()
                    .map(|c| c.words)
                    .collect(),
                _ => return None,
            };
            Some(StartPart { index: k, commands })
        })
        .collect()
}

/// The program a word names, without its directory: `/usr/local/bin/uvicorn` is `uvicorn`.
pub(crate) fn program(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

/// Where a server program starts in a command's words (after `python -m`, `uv run`, `exec`...):
/// the index of the word that names it.
pub(crate) fn server_at(words: &[String], names: &[&str]) -> Option<usize> {
    words.iter().position(|w| names.contains(&program(w)))
}
