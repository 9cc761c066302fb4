//! Warnings: a stable code, a severity, an English message, and the numbers that triggered it,
//! so the UI can render its own text in English, Korean and Japanese from `code` and `values`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Stable identifiers; the UI keys its translations on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A worker formula read the host's CPU count, blind to the container's CPU limit.
    WorkersFromHostCores,
    /// The container needs more memory than its limit: the kernel OOM-kills it (exit 137).
    MemoryOverLimit,
    /// One container requests more memory than a node has available.
    MemoryOverNode,
    /// One container requests more CPU than a node has available.
    CpuOverNode,
    /// DaemonSets already use every pod slot of the node.
    NoPodSlots,
    /// The containers need more machines or nodes than there are.
    NotEnoughNodes,
    /// cgroup v2, Kubernetes 1.28+: one worker's OOM kills the whole container.
    OomKillsWholeContainer,
    UtilizationAboveBand,
    UtilizationBelowBand,
    /// `--preload` with PyTorch: fork and torch do not mix; CUDA models load per worker.
    PreloadWithPytorch,
    /// A preload sharing fraction above the 20-40% field reports.
    SharingOptimistic,
    /// Only one container: a crash or a rolling update leaves no one serving.
    SingleReplica,
    /// Native thread pools per worker add up to more threads than CPUs.
    ThreadOversubscription,
    /// The CPU limit is below what the workers can use: they will be throttled.
    CpuLimitBelowWorkers,
    /// The deprecated tiangolo/uvicorn-gunicorn image's formula.
    LegacyImageDeprecated,
    /// The node type belongs to another provider than the reservation model.
    ProviderMismatch,
}

impl WarningCode {
    /// Every code, in declaration order.
    pub const ALL: [WarningCode; 16] = [
        WarningCode::WorkersFromHostCores,
        WarningCode::MemoryOverLimit,
        WarningCode::MemoryOverNode,
        WarningCode::CpuOverNode,
        WarningCode::NoPodSlots,
        WarningCode::NotEnoughNodes,
        WarningCode::OomKillsWholeContainer,
        WarningCode::UtilizationAboveBand,
        WarningCode::UtilizationBelowBand,
        WarningCode::PreloadWithPytorch,
        WarningCode::SharingOptimistic,
        WarningCode::SingleReplica,
        WarningCode::ThreadOversubscription,
        WarningCode::CpuLimitBelowWorkers,
        WarningCode::LegacyImageDeprecated,
        WarningCode::ProviderMismatch,
    ];

    /// The stable snake_case code, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::WorkersFromHostCores => "workers_from_host_cores",
            WarningCode::MemoryOverLimit => "memory_over_limit",
            WarningCode::MemoryOverNode => "memory_over_node",
            WarningCode::CpuOverNode => "cpu_over_node",
            WarningCode::NoPodSlots => "no_pod_slots",
            WarningCode::NotEnoughNodes => "not_enough_nodes",
            WarningCode::OomKillsWholeContainer => "oom_kills_whole_container",
            WarningCode::UtilizationAboveBand => "utilization_above_band",
            WarningCode::UtilizationBelowBand => "utilization_below_band",
            WarningCode::PreloadWithPytorch => "preload_with_pytorch",
            WarningCode::SharingOptimistic => "sharing_optimistic",
            WarningCode::SingleReplica => "single_replica",
            WarningCode::ThreadOversubscription => "thread_oversubscription",
            WarningCode::CpuLimitBelowWorkers => "cpu_limit_below_workers",
            WarningCode::LegacyImageDeprecated => "legacy_image_deprecated",
            WarningCode::ProviderMismatch => "provider_mismatch",
        }
    }

    /// The code of this name.
    pub fn from_name(name: &str) -> Option<WarningCode> {
        WarningCode::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The deployment as described does not work.
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub code: WarningCode,
    pub severity: Severity,
    pub message: String,
    /// The numbers in the message, by name, for translated messages and pictures.
    pub values: BTreeMap<String, f64>,
}

impl Warning {
    pub(crate) fn new(
        code: WarningCode,
        severity: Severity,
        message: String,
        values: &[(&str, f64)],
    ) -> Self {
        Warning {
            code,
            severity,
            message,
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_string(), if v.is_finite() { *v } else { 0.0 }))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_and_named_as_json_names_it() {
        for (i, code) in WarningCode::ALL.iter().enumerate() {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str());
            assert_eq!(WarningCode::from_name(code.as_str()), Some(*code));
            assert!(!WarningCode::ALL[..i].contains(code));
        }
        assert_eq!(WarningCode::from_name("nope"), None);
    }
}
