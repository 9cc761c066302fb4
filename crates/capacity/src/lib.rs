//! Shipshape's capacity calculator engine: Python worker processes, memory per container, node
//! allocatable, CPU by Little's law, containers and nodes needed, warnings, ready-to-paste
//! configs, and a step-by-step trace in which every formula names its source.
//!
//! Pure computation: no I/O, no web dependencies, no panics, no NaN or infinity in any output
//! (validation bounds every input). Built for the CLI and, later, WebAssembly.
//!
//! ```
//! let scenario = shipshape_capacity::examples::model_does_not_fit();
//! let result = shipshape_capacity::evaluate(&scenario).unwrap();
//! assert!(!result.fits);
//! assert_eq!(result.suggestion.unwrap().max_workers_that_fit, Some(2));
//! ```

mod allocatable;
mod configs;
mod error;
pub mod examples;
mod format;
pub mod node_catalog;
mod plan;
mod scenario;
mod serverless;
pub mod sources;
mod trace;
mod warning;
mod workers;

pub use allocatable::{
    aks_cpu_reserve_millicores, gke_memory_reserve_mib, tiered_cpu_reserve_millicores,
    NodeAllocatable, NodeKind,
};
pub use configs::Configs;
pub use error::{parse_scenario, ErrorDetail, ScenarioError};
pub use plan::{
    evaluate, evaluate_json, max_workers_that_fit, suggest_fit, BindingResource, CapacityResult,
    CpuPlan, FitSuggestion, MemoryPlan, QosClass, StrandedCapacity,
};
pub use scenario::{
    AksNetwork, AppProfile, ContainerLimits, CoresSource, DaemonSetOverhead, DeployNames,
    Framework, GunicornOptions, KubernetesTarget, NodeType, ReservationModel, Scenario, Target,
    Traffic, WorkerClass, WorkerCount, WorkerModel,
};
pub use sources::Source;
pub use trace::{Band, MaxPodsOrigin, Reserver, Step, Topic, TraceStep};
pub use warning::{Severity, Warning, WarningCode};
