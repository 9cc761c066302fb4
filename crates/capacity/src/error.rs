//! Errors that name the field at fault, so the CLI can print one line and the UI can put the
//! message next to the right input.

use serde::{Deserialize, Serialize};

/// A bad scenario: which field (a dotted path such as `target.kubernetes.node.cores`, or `$` for
/// the document itself), why in English (`reason`), and why as data (`detail`), for messages
/// in other languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioError {
    pub field: String,
    pub reason: String,
    pub detail: ErrorDetail,
}

/// Why a field is refused. Serialized as `{"code": "out_of_range", "min": 0, ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// The JSON does not read as a scenario (syntax, a wrong type, an unknown field or
    /// variant): `reason` has the parser's words.
    Syntax,
    NotFinite,
    OutOfRange {
        min: f64,
        max: f64,
        got: f64,
    },
    NotPositive {
        got: f64,
    },
    /// A name with characters outside letters, digits and `allowed`, or too long.
    BadCharacters {
        max_len: usize,
        allowed: String,
    },
    /// `deploy.name`: lower case, no `-` at either end.
    NameCase,
    /// `deploy.module`: `module:attribute`.
    ModuleShape,
    PortZero,
    /// Workers from the container's CPU limit, but no limit is set.
    NeedsCpuLimit,
    UnknownInstanceType {
        name: String,
    },
    InstanceTypeAndShape,
    /// Node cores or memory missing when no instance type is given.
    RequiredWithoutInstanceType,
    /// The EKS reservation on a node given by cores and memory needs max pods.
    EksNeedsMaxPods,
    /// An AKS network plugin, but the reservation model is not AKS's.
    AksNetworkWithoutAks,
    FargateVcpu {
        got: f64,
    },
    FargateMemory {
        vcpu: f64,
        valid: Vec<f64>,
    },
    CloudRunVcpu {
        needed: f64,
        memory_mib: f64,
    },
    RequestAboveLimit {
        limit: f64,
    },
    /// One process per container, but the workers setting gives another count.
    SingleProcessWorkers {
        got: u32,
    },
}

impl ErrorDetail {
    /// The reason in English.
    pub fn english(&self) -> String {
        use crate::format::{int, list_numbers};
        match self {
            ErrorDetail::Syntax => "does not parse".to_string(),
            ErrorDetail::NotFinite => "must be a finite number".to_string(),
            ErrorDetail::OutOfRange { min, max, got } => {
                format!("must be between {min} and {max}, got {got}")
            }
            ErrorDetail::NotPositive { got } => format!("must be greater than 0, got {got}"),
            ErrorDetail::BadCharacters { max_len, allowed } => {
                format!("must be 1-{max_len} characters: letters, digits and `{allowed}`")
            }
            ErrorDetail::NameCase => {
                "must be lower case and must not start or end with `-`".to_string()
            }
            ErrorDetail::ModuleShape => {
                "must be `module:attribute`, for example `app.main:app`".to_string()
            }
            ErrorDetail::PortZero => "must be 1-65535".to_string(),
            ErrorDetail::NeedsCpuLimit => {
                "`container_limit` needs container.cpu_limit_cores".to_string()
            }
            ErrorDetail::UnknownInstanceType { name } => format!(
                "unknown instance type `{name}`; known: {}; or give cores and memory_mib instead",
                crate::node_catalog::names().join(", ")
            ),
            ErrorDetail::InstanceTypeAndShape => {
                "give either instance_type or cores and memory_mib, not both".to_string()
            }
            ErrorDetail::RequiredWithoutInstanceType => {
                "required when no instance_type is given".to_string()
            }
            ErrorDetail::EksNeedsMaxPods => "required for the EKS reservation on a node given by cores and memory (EKS: 11 MiB x maxPods + 255 MiB)".to_string(),
            ErrorDetail::AksNetworkWithoutAks => {
                "only applies with the `aks` or `aks_pre129` reservation".to_string()
            }
            ErrorDetail::FargateVcpu { got } => {
                format!("Fargate offers 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, got {got}")
            }
            ErrorDetail::FargateMemory { vcpu, valid } => format!(
                "not a valid Fargate size for {vcpu} vCPU; valid: {}",
                list_numbers(valid)
            ),
            ErrorDetail::CloudRunVcpu { needed, memory_mib } => format!(
                "Cloud Run needs at least {needed} vCPU for {} MiB of memory",
                int(*memory_mib)
            ),
            ErrorDetail::RequestAboveLimit { limit } => {
                format!("must not exceed container.cpu_limit_cores ({limit})")
            }
            ErrorDetail::SingleProcessWorkers { got } => format!(
                "single_process runs exactly 1 worker per container, but the workers setting gives {got}"
            ),
        }
    }
}

impl ScenarioError {
    /// An error whose English reason is the detail's.
    pub fn new(field: impl Into<String>, detail: ErrorDetail) -> Self {
        ScenarioError {
            field: field.into(),
            reason: detail.english(),
            detail,
        }
    }

    /// A scenario that does not parse, with the parser's words.
    pub fn syntax(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ScenarioError {
            field: field.into(),
            reason: reason.into(),
            detail: ErrorDetail::Syntax,
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
        ScenarioError::syntax(field, e.inner().to_string())
    })?;
    de.end()
        .map_err(|e| ScenarioError::syntax("$", e.to_string()))?;
    Ok(scenario)
}
