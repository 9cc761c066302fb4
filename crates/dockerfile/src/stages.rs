//! Build stages: each FROM starts one; instructions before the first FROM can
//! only be global ARGs (usable in FROM lines).

use crate::syntax::{Arguments, Dockerfile, Instruction, Keyword};
use core::ops::Range;

/// One build stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// 0-based position among the stages (`COPY --from=0` refers to it).
    pub index: usize,
    /// The `AS name`, lower-cased as BuildKit does.
    pub name: Option<String>,
    /// The image (or earlier stage) it starts from, as written (variables unexpanded).
    pub base: String,
    /// `--platform` on the FROM line.
    pub platform: Option<String>,
    /// Index of the FROM instruction in [`Dockerfile::instructions`].
    pub from: usize,
    /// Indexes of the instructions after FROM that belong to this stage.
    pub body: Range<usize>,
}

impl Stage {
    /// `name` if it has one, else its index: how people refer to it.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => self.index.to_string(),
        }
    }

    /// All instruction indexes of the stage, FROM included.
    pub fn instructions(&self) -> Range<usize> {
        self.from..self.body.end
    }
}

/// The `AS name` of a FROM instruction, lower-cased.
pub(crate) fn stage_name(from: &Instruction) -> Option<String> {
    match &from.arguments {
        Arguments::Words(w) if w.len() == 3 && w[1].value.eq_ignore_ascii_case("as") => {
            Some(w[2].value.to_lowercase())
        }
        _ => None,
    }
}

impl Dockerfile {
    /// The stages, in order.
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages: Vec<Stage> = Vec::new();
        for (i, instruction) in self.instructions.iter().enumerate() {
            if instruction.keyword != Keyword::From {
                continue;
            }
            if let Some(prev) = stages.last_mut() {
                prev.body.end = i;
            }
            stages.push(Stage {
                index: stages.len(),
                name: stage_name(instruction),
                base: instruction
                    .arguments
                    .words()
                    .first()
                    .map(|w| w.value.clone())
                    .unwrap_or_default(),
                platform: instruction.flag("platform").and_then(|f| f.value.clone()),
                from: i,
                body: i + 1..self.instructions.len(),
            });
        }
        stages
    }

    /// Indexes of the instructions before the first FROM (global ARGs).
    pub fn global_instructions(&self) -> Range<usize> {
        let end = self
            .instructions
            .iter()
            .position(|i| i.keyword == Keyword::From)
            .unwrap_or(self.instructions.len());
        0..end
    }
}
