//! The step-by-step trace behind "how is this computed".
//!
//! Each step carries its English sentence (`text`, for the CLI), where the formula comes from
//! (`source`, English, and `source_id`), and the same step as data (`step`): which computation,
//! with its numbers, so that the UI can word it in the page's language.

use serde::{Deserialize, Serialize};

use crate::plan::{BindingResource, QosClass};
use crate::scenario::{AksNetwork, CoresSource};
use crate::sources::Source;
use crate::warning::WarningCode;

/// Which part of the result a step belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Workers,
    Memory,
    Node,
    Cpu,
    Packing,
    Fit,
}

/// One step: what was computed, with the numbers, and where the formula comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceStep {
    pub topic: Topic,
    /// The step in English.
    pub text: String,
    /// The source in English.
    pub source: String,
    pub source_id: Source,
    pub step: Step,
}

/// Whose reservation formula a node step applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reserver {
    Gke,
    Eks,
    Aks,
    AksPre129,
}

/// Where a Kubernetes node's max pods come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxPodsOrigin {
    /// `node.max_pods`, as the scenario gives it.
    Given,
    /// The EKS AMI's formula for the instance type: ENIs x (IPv4 addresses per ENI - 1) + 2.
    EksEni { enis: u32, ips_per_eni: u32 },
    /// The default of the AKS cluster's network plugin.
    AksNetwork { network: AksNetwork },
    /// The kubelet's default, 110.
    KubeletDefault,
}

/// One band of a marginal-rate reservation: `fraction` of `amount` (MiB or cores).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub fraction: f64,
    pub amount: f64,
}

/// What a step computed, with its numbers. Memory is in MiB, CPU in millicores unless the name
/// says cores; fractions are 0-1. Serialized as `{"kind": "...", ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// A formula gave more workers than the calculator's limit.
    WorkersCapped {
        max: u32,
    },
    WorkersFixed {
        workers: u32,
    },
    /// `$WEB_CONCURRENCY` (when set) or 1.
    WorkersServerDefault {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        web_concurrency: Option<u32>,
        workers: u32,
    },
    /// (2 x cores) + 1.
    WorkersGunicornRule {
        cores: f64,
        cores_source: CoresSource,
        workers: u32,
    },
    /// The legacy image with WEB_CONCURRENCY set: MAX_WORKERS is ignored.
    WorkersLegacyWebConcurrency {
        web_concurrency: u32,
    },
    /// max(int(per core x cores), 2), then min(..., MAX_WORKERS).
    WorkersLegacyFormula {
        workers_per_core: f64,
        cores: f64,
        cores_source: CoresSource,
        by_cores: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_workers: Option<u32>,
        workers: u32,
    },
    /// uvicorn: spawned workers share nothing; a supervisor above one worker.
    MemoryUvicorn {
        workers: u32,
        manager_mib: f64,
        process_mib: f64,
        model_mib: f64,
        per_worker_mib: f64,
    },
    MemoryPreload {
        workers: u32,
        manager_mib: f64,
        shared_fraction: f64,
        shareable_mib: f64,
        shared_mib: f64,
        private_mib: f64,
        /// The CUDA model loads per worker.
        cuda: bool,
    },
    MemoryGunicorn {
        workers: u32,
        manager_mib: f64,
        process_mib: f64,
        model_mib: f64,
        per_worker_mib: f64,
    },
    MemorySingleProcess {
        process_mib: f64,
        model_mib: f64,
        per_worker_mib: f64,
    },
    MemoryPerContainer {
        manager_mib: f64,
        workers: u32,
        private_mib: f64,
        shared_mib: f64,
        per_container_mib: f64,
    },
    MemoryLimitProposed {
        per_container_mib: f64,
        headroom: f64,
        limit_mib: f64,
    },
    InFlight {
        rps: f64,
        latency_seconds: f64,
        in_flight: f64,
    },
    CoresNeeded {
        rps: f64,
        cpu_seconds: f64,
        target_utilization: f64,
        cores: f64,
    },
    SyncWorkers {
        in_flight: f64,
        target_utilization: f64,
        by_concurrency: f64,
        processes: u64,
    },
    AsyncWorkers {
        processes: u64,
    },
    CpuRequest {
        request_millicores: f64,
        workers: u32,
        cores_per_worker: f64,
        as_given: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit_millicores: Option<f64>,
    },
    NodeMachine {
        memory_mib: f64,
        reserved_mib: f64,
        allocatable_mib: f64,
        cores: f64,
    },
    NodeFargateTask {
        vcpu: f64,
        memory_gb: f64,
        memory_mib: f64,
    },
    NodeFargateEks {
        pod_millicores: f64,
        pod_memory_mib: f64,
        with_overhead_mib: f64,
        vcpu: f64,
        memory_gb: f64,
    },
    NodeFargateEksTooBig {
        pod_millicores: f64,
        pod_memory_mib: f64,
    },
    NodeCloudRun {
        vcpu: f64,
        memory_mib: f64,
    },
    NodeNoReservation {
        memory_mib: f64,
        allocatable_mib: f64,
    },
    NodeKubeletDefaults {
        memory_mib: f64,
        eviction_mib: f64,
        allocatable_mib: f64,
    },
    /// A Kubernetes node's max pods, and where the number comes from.
    NodeMaxPods {
        max_pods: u32,
        origin: MaxPodsOrigin,
    },
    /// GKE (and AKS before 1.29) memory bands; `bands` is empty under 1 GiB (255 MiB flat).
    NodeBandedMemory {
        reserver: Reserver,
        memory_mib: f64,
        bands: Vec<Band>,
        reserved_mib: f64,
        eviction_mib: f64,
        allocatable_mib: f64,
    },
    /// GKE and EKS CPU bands (amounts in cores).
    NodeTieredCpu {
        reserver: Reserver,
        cores: f64,
        bands: Vec<Band>,
        reserved_millicores: f64,
        allocatable_millicores: f64,
    },
    /// AKS CPU table (both AKS models).
    NodeAksCpu {
        reserver: Reserver,
        cores: f64,
        reserved_millicores: f64,
        interpolated: bool,
        allocatable_millicores: f64,
    },
    /// 11 MiB x max pods + 255 MiB.
    NodeEksMemory {
        memory_mib: f64,
        max_pods: u32,
        reserved_mib: f64,
        eviction_mib: f64,
        allocatable_mib: f64,
    },
    /// min(20 MiB x max pods + 50 MiB, 25% of RAM); `capped` when the 25% is the smaller.
    NodeAksMemory {
        memory_mib: f64,
        max_pods: u32,
        by_pods_mib: f64,
        quarter_mib: f64,
        #[serde(default)]
        capped: bool,
        reserved_mib: f64,
        eviction_mib: f64,
        allocatable_mib: f64,
    },
    NodeCustomMemory {
        memory_mib: f64,
        kube_reserved_mib: f64,
        system_reserved_mib: f64,
        eviction_mib: f64,
        allocatable_mib: f64,
    },
    NodeCustomCpu {
        cores: f64,
        kube_reserved_millicores: f64,
        system_reserved_millicores: f64,
        allocatable_millicores: f64,
    },
    DaemonSets {
        pods: u32,
        millicores: f64,
        memory_mib: f64,
        available_millicores: f64,
        available_mib: f64,
        available_pods: u32,
        max_pods: u32,
    },
    ContainersForTraffic {
        processes: u64,
        workers: u32,
        containers: u64,
    },
    CloudRunConcurrency {
        in_flight: f64,
        concurrency: u32,
        target_utilization: f64,
        instances: u64,
    },
    Redundancy {
        serving: u64,
        spares: u64,
        containers: u64,
    },
    /// Containers per node by each resource; `by_pods` is absent when unlimited (a machine).
    PerNode {
        available_mib: f64,
        request_mib: f64,
        by_memory: u64,
        available_millicores: f64,
        request_millicores: f64,
        by_cpu: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by_pods: Option<u64>,
        per_node: u64,
        binding: BindingResource,
        nodes: u64,
        containers: u64,
    },
    Stranded {
        millicores: f64,
        memory_mib: f64,
    },
    Utilization {
        cores_in_use: f64,
        nodes: u64,
        allocatable_millicores: f64,
        utilization: f64,
    },
    Queueing {
        target_utilization: f64,
        slowdown: f64,
    },
    Qos {
        class: QosClass,
        memory_mib: f64,
        request_millicores: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit_millicores: Option<f64>,
    },
    Fits {
        containers: u64,
        workers: u32,
        per_container_mib: f64,
        nodes: u64,
    },
    /// `warning`: the first error among the warnings, which says why.
    DoesNotFit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        warning: Option<WarningCode>,
    },
}

impl Step {
    /// Every kind of step, by its `kind` name (for tests that every one is worded).
    pub const KINDS: [&'static str; 43] = [
        "workers_capped",
        "workers_fixed",
        "workers_server_default",
        "workers_gunicorn_rule",
        "workers_legacy_web_concurrency",
        "workers_legacy_formula",
        "memory_uvicorn",
        "memory_preload",
        "memory_gunicorn",
        "memory_single_process",
        "memory_per_container",
        "memory_limit_proposed",
        "in_flight",
        "cores_needed",
        "sync_workers",
        "async_workers",
        "cpu_request",
        "node_machine",
        "node_fargate_task",
        "node_fargate_eks",
        "node_fargate_eks_too_big",
        "node_cloud_run",
        "node_no_reservation",
        "node_kubelet_defaults",
        "node_max_pods",
        "node_banded_memory",
        "node_tiered_cpu",
        "node_aks_cpu",
        "node_eks_memory",
        "node_aks_memory",
        "node_custom_memory",
        "node_custom_cpu",
        "daemon_sets",
        "containers_for_traffic",
        "cloud_run_concurrency",
        "redundancy",
        "per_node",
        "stranded",
        "utilization",
        "queueing",
        "qos",
        "fits",
        "does_not_fit",
    ];

    /// The step's `kind` as serialized (a test checks the two agree for every kind).
    pub fn kind(&self) -> &'static str {
        use Step::*;
        match self {
            WorkersCapped { .. } => "workers_capped",
            WorkersFixed { .. } => "workers_fixed",
            WorkersServerDefault { .. } => "workers_server_default",
            WorkersGunicornRule { .. } => "workers_gunicorn_rule",
            WorkersLegacyWebConcurrency { .. } => "workers_legacy_web_concurrency",
            WorkersLegacyFormula { .. } => "workers_legacy_formula",
            MemoryUvicorn { .. } => "memory_uvicorn",
            MemoryPreload { .. } => "memory_preload",
            MemoryGunicorn { .. } => "memory_gunicorn",
            MemorySingleProcess { .. } => "memory_single_process",
            MemoryPerContainer { .. } => "memory_per_container",
            MemoryLimitProposed { .. } => "memory_limit_proposed",
            InFlight { .. } => "in_flight",
            CoresNeeded { .. } => "cores_needed",
            SyncWorkers { .. } => "sync_workers",
            AsyncWorkers { .. } => "async_workers",
            CpuRequest { .. } => "cpu_request",
            NodeMachine { .. } => "node_machine",
            NodeFargateTask { .. } => "node_fargate_task",
            NodeFargateEks { .. } => "node_fargate_eks",
            NodeFargateEksTooBig { .. } => "node_fargate_eks_too_big",
            NodeCloudRun { .. } => "node_cloud_run",
            NodeNoReservation { .. } => "node_no_reservation",
            NodeKubeletDefaults { .. } => "node_kubelet_defaults",
            NodeMaxPods { .. } => "node_max_pods",
            NodeBandedMemory { .. } => "node_banded_memory",
            NodeTieredCpu { .. } => "node_tiered_cpu",
            NodeAksCpu { .. } => "node_aks_cpu",
            NodeEksMemory { .. } => "node_eks_memory",
            NodeAksMemory { .. } => "node_aks_memory",
            NodeCustomMemory { .. } => "node_custom_memory",
            NodeCustomCpu { .. } => "node_custom_cpu",
            DaemonSets { .. } => "daemon_sets",
            ContainersForTraffic { .. } => "containers_for_traffic",
            CloudRunConcurrency { .. } => "cloud_run_concurrency",
            Redundancy { .. } => "redundancy",
            PerNode { .. } => "per_node",
            Stranded { .. } => "stranded",
            Utilization { .. } => "utilization",
            Queueing { .. } => "queueing",
            Qos { .. } => "qos",
            Fits { .. } => "fits",
            DoesNotFit { .. } => "does_not_fit",
        }
    }

    pub fn topic(&self) -> Topic {
        use Step::*;
        match self {
            WorkersCapped { .. }
            | WorkersFixed { .. }
            | WorkersServerDefault { .. }
            | WorkersGunicornRule { .. }
            | WorkersLegacyWebConcurrency { .. }
            | WorkersLegacyFormula { .. } => Topic::Workers,
            MemoryUvicorn { .. }
            | MemoryPreload { .. }
            | MemoryGunicorn { .. }
            | MemorySingleProcess { .. }
            | MemoryPerContainer { .. }
            | MemoryLimitProposed { .. } => Topic::Memory,
            InFlight { .. }
            | CoresNeeded { .. }
            | SyncWorkers { .. }
            | AsyncWorkers { .. }
            | CpuRequest { .. }
            | Utilization { .. }
            | Queueing { .. } => Topic::Cpu,
            NodeMachine { .. }
            | NodeFargateTask { .. }
            | NodeFargateEks { .. }
            | NodeFargateEksTooBig { .. }
            | NodeCloudRun { .. }
            | NodeNoReservation { .. }
            | NodeKubeletDefaults { .. }
            | NodeMaxPods { .. }
            | NodeBandedMemory { .. }
            | NodeTieredCpu { .. }
            | NodeAksCpu { .. }
            | NodeEksMemory { .. }
            | NodeAksMemory { .. }
            | NodeCustomMemory { .. }
            | NodeCustomCpu { .. }
            | DaemonSets { .. } => Topic::Node,
            ContainersForTraffic { .. }
            | CloudRunConcurrency { .. }
            | Redundancy { .. }
            | PerNode { .. }
            | Stranded { .. } => Topic::Packing,
            Qos { .. } | Fits { .. } | DoesNotFit { .. } => Topic::Fit,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub steps: Vec<TraceStep>,
}

impl Trace {
    /// Records a step: its data, its English sentence and its source.
    pub fn step(&mut self, step: Step, text: impl Into<String>, source: Source) {
        self.steps.push(TraceStep {
            topic: step.topic(),
            text: text.into(),
            source: source.english().to_string(),
            source_id: source,
            step,
        });
    }
}
