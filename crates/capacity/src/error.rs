//! Errors that name the field at fault, so the CLI can print one line and the UI can put the
//! message next to the right input.

use serde::{Deserialize, Serialize};

/// A bad scenario: which field (a dotted path such as `target.kubernetes.node.cores`, or `$` for
/// the document itself) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioError {
    pub field: String,
    pub reason: String,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ScenarioError {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for ScenarioError {}

/// Parses a scenario from JSON, reporting the path of the field that did not parse.
pub fn parse_scenario(json: &str) -> Result<crate::Scenario, ScenarioError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let scenario: crate::Scenario = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        // serde_json appends " at line L column C"; keep it, it helps in a file.
        let field = if path == "." || path.is_empty() {
            "$".to_string()
        } else {
            path
        };
        ScenarioError::new(field, e.inner().to_string())
    })?;
    de.end()
        .map_err(|e| ScenarioError::new("$", e.to_string()))?;
    Ok(scenario)
}
