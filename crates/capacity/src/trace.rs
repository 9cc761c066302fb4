//! The step-by-step trace behind "how is this computed".

use serde::{Deserialize, Serialize};

/// One step: what was computed, with the numbers, and where the formula comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// Which part of the result: workers, memory, node, cpu, packing, fit.
    pub topic: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub steps: Vec<TraceStep>,
}

impl Trace {
    pub fn step(&mut self, topic: &str, text: impl Into<String>, source: &str) {
        self.steps.push(TraceStep {
            topic: topic.to_string(),
            text: text.into(),
            source: source.to_string(),
        });
    }
}
