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

/// How the stages of a Dockerfile refer to each other, resolved once for the rules, the
/// rebuild plan and the image facts alike.
///
/// A stage is found by its `AS` name (case-insensitive) or by its index; a name shadows an
/// index. Two stages with one name are allowed (BuildKit only warns: `DuplicateStageName`,
/// SS020); as in BuildKit, a name then means the last stage of that name defined before the
/// reference (for FROM) or in the whole file (for `COPY --from` and the target).
#[derive(Debug, Clone, Default)]
pub struct StageGraph {
    pub stages: Vec<Stage>,
    /// Per stage: its base with the global ARGs expanded (`python:${V}` → `python:3.13`).
    pub bases: Vec<String>,
    /// Per stage: the earlier stage it is built `FROM`, if any.
    pub parents: Vec<Option<usize>>,
    /// Per stage: the other stages it needs (its parent, `COPY --from`, `RUN --mount=from=`).
    pub deps: Vec<Vec<usize>>,
    /// The last stage and the stages it is built `FROM`, the last one first: their files all
    /// reach the default target's image.
    pub final_chain: Vec<usize>,
}

impl StageGraph {
    /// The graph, with global ARGs valued by `global_arg` (their defaults, or the build's
    /// values).
    pub fn new(df: &Dockerfile, global_arg: &dyn Fn(&str) -> Option<String>) -> StageGraph {
        let stages = df.stages();
        let expand = |raw: &str| -> String {
            if !raw.contains(['$', '\'', '"', df.escape]) {
                return raw.to_string();
            }
            crate::shell::expand(raw, df.escape, global_arg, &mut Vec::new())
        };
        let bases: Vec<String> = stages.iter().map(|s| expand(&s.base)).collect();
        let mut graph = StageGraph {
            stages,
            bases,
            ..StageGraph::default()
        };
        graph.parents = (0..graph.stages.len())
            .map(|s| graph.find(&graph.bases[s], s))
            .collect();
        graph.deps = (0..graph.stages.len())
            .map(|s| {
                let mut deps: Vec<usize> = graph.parents[s].into_iter().collect();
                for k in graph.stages[s].body.clone() {
                    for name in stage_refs(&df.instructions[k]) {
                        if let Some(i) = graph.find(&expand(&name), graph.stages.len()) {
                            if i != s && !deps.contains(&i) {
                                deps.push(i);
                            }
                        }
                    }
                }
                deps
            })
            .collect();
        if let Some(last) = graph.stages.len().checked_sub(1) {
            graph.final_chain = graph.chain(last);
        }
        graph
    }

    /// With the global ARGs' defaults.
    pub fn with_defaults(df: &Dockerfile) -> StageGraph {
        let defaults = global_arg_defaults(df);
        StageGraph::new(df, &|n| {
            defaults
                .iter()
                .rev()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        })
    }

    /// The stage `name` (expanded) refers to among `stages[..limit]`: by name, else by index.
    pub fn find(&self, name: &str, limit: usize) -> Option<usize> {
        let limit = limit.min(self.stages.len());
        let lower = name.to_lowercase();
        self.stages[..limit]
            .iter()
            .rposition(|s| s.name.as_deref() == Some(lower.as_str()))
            .or_else(|| match name.parse::<usize>() {
                Ok(i) if i < limit => Some(i),
                _ => None,
            })
    }

    /// The stage and the stages it is built `FROM`, itself first.
    pub fn chain(&self, stage: usize) -> Vec<usize> {
        let mut chain = vec![stage];
        let mut current = stage;
        while let Some(parent) = self.parents.get(current).copied().flatten() {
            if chain.contains(&parent) {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        chain
    }

    /// Whether the FROM at instruction `from` starts from an earlier stage rather than an image.
    pub fn starts_from_stage(&self, from: usize) -> bool {
        self.stages
            .iter()
            .position(|s| s.from == from)
            .is_some_and(|s| self.parents[s].is_some())
    }

    /// The stages `target` needs, each after the stages it uses. Post-order with an explicit
    /// stack (stage counts in hostile input can be large) and cycle protection.
    pub fn build_order(&self, target: usize) -> Vec<usize> {
        let deps = &self.deps;
        if target >= deps.len() {
            return Vec::new();
        }
        let mut state = vec![0u8; deps.len()]; // 0 new, 1 in progress, 2 done
        let mut order = Vec::new();
        let mut stack = vec![(target, 0usize)];
        state[target] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&dep) = deps[node].get(next) {
                stack.push((node, next + 1));
                if state[dep] == 0 {
                    state[dep] = 1;
                    stack.push((dep, 0));
                }
            } else {
                state[node] = 2;
                order.push(node);
            }
        }
        order
    }
}

/// `ARG NAME=value` defaults before the first FROM, unquoted.
pub(crate) fn global_arg_defaults(df: &Dockerfile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in df.global_instructions() {
        let ins = &df.instructions[i];
        if ins.keyword == Keyword::Arg {
            for w in ins.arguments.words() {
                if let Some((n, v)) = w.value.split_once('=') {
                    out.push((n.to_string(), crate::shell::unquote(v, df.escape)));
                }
            }
        }
    }
    out
}

/// Stage names an instruction takes files from: `COPY --from=x`, `RUN --mount=from=x`.
pub(crate) fn stage_refs(instruction: &Instruction) -> Vec<String> {
    let mut refs = Vec::new();
    if instruction.keyword == Keyword::Copy {
        if let Some(from) = instruction.flag("from").and_then(|f| f.value.clone()) {
            refs.push(from);
        }
    }
    if instruction.keyword == Keyword::Run {
        for mount in instruction.flag_values("mount") {
            if let Some(from) = crate::rebuild::Mount::parse(mount).from {
                refs.push(from);
            }
        }
    }
    refs
}
