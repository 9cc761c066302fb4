//! Node allocatable: what is left of a node for pods once the provider's reservations and the
//! eviction threshold are taken off, and what DaemonSets then leave for our containers.
//!
//! `allocatable = capacity - kube-reserved - system-reserved - eviction threshold`
//! (Kubernetes docs, "Reserve Compute Resources").

use serde::{Deserialize, Serialize};

use crate::format::{int, mib_or_gib, num, percent};
use crate::node_catalog::{self, Provider};
use crate::scenario::{KubernetesTarget, ReservationModel, Target};
use crate::sources::Source;
use crate::trace::{Band, MaxPodsOrigin, Reserver, Step, Trace};

/// What kind of "node" the containers land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Machine,
    KubernetesNode,
    FargateTask,
    CloudRunInstance,
}

/// One node's capacity, reservations, allocatable and what remains after DaemonSets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeAllocatable {
    pub kind: NodeKind,
    /// In English, for the CLI: "e2-standard-4 (4 cores, 16 GiB)", "machine (2 cores, 3 GiB)".
    pub label: String,
    /// The catalog's node type, when the node was given by one (the UI words the label itself
    /// from `kind`, this name and the capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    pub capacity_cpu_millicores: f64,
    pub capacity_memory_mib: f64,
    pub reserved_cpu_millicores: f64,
    pub reserved_memory_mib: f64,
    pub eviction_memory_mib: f64,
    pub allocatable_cpu_millicores: f64,
    pub allocatable_memory_mib: f64,
    pub max_pods: u32,
    pub daemonset_cpu_millicores: f64,
    pub daemonset_memory_mib: f64,
    pub daemonset_pods: u32,
    /// Allocatable minus DaemonSets: what our containers can request.
    pub available_cpu_millicores: f64,
    pub available_memory_mib: f64,
    pub available_pods: u32,
}

/// The kubelet's default max pods per node (`maxPods` in the kubelet configuration).
pub const DEFAULT_MAX_PODS: u32 = 110;

/// GKE (and AKS before 1.29) memory reservation bands: (band size in MiB, fraction).
const GKE_MEMORY_BANDS: [(f64, f64); 5] = [
    (4.0 * 1024.0, 0.25),
    (4.0 * 1024.0, 0.20),
    (8.0 * 1024.0, 0.10),
    (112.0 * 1024.0, 0.06),
    (f64::INFINITY, 0.02),
];

/// GKE memory reserve: 255 MiB under 1 GiB; else 25% of the first 4 GiB, 20% of the next 4,
/// 10% of the next 8, 6% of the next 112, 2% above 128 GiB (GKE "plan node sizes").
/// Returns the reservation rounded to whole MiB and the arithmetic as text.
pub fn gke_memory_reserve_mib(capacity_mib: f64) -> (f64, String) {
    if capacity_mib < 1024.0 {
        return (255.0, "255 MiB (machines under 1 GiB)".to_string());
    }
    let (total, terms) = banded(capacity_mib, &GKE_MEMORY_BANDS, mib_or_gib);
    let total = total.round();
    (total, format!("{terms} = {} MiB", int(total)))
}

/// GKE and EKS CPU reservation bands: (cores in band, fraction).
const TIERED_CPU_BANDS: [(f64, f64); 4] = [
    (1.0, 0.06),
    (1.0, 0.01),
    (2.0, 0.005),
    (f64::INFINITY, 0.0025),
];

/// GKE/EKS CPU reserve: 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% of
/// each core above 4 (GKE "plan node sizes"; EKS AMI nodeadm `config.go`). Millicores.
pub fn tiered_cpu_reserve_millicores(cores: f64) -> (f64, String) {
    let (total_cores, terms) = banded(cores, &TIERED_CPU_BANDS, |amount| {
        if amount == 1.0 {
            "1 core".to_string()
        } else {
            format!("{} cores", num(amount))
        }
    });
    // Rounded to 1/100 millicore: 0.06 x 1000 is 60.00000000000001 in floating point.
    let millicores = (total_cores * 100_000.0).round() / 100.0;
    (millicores, format!("{terms} = {}m", num(millicores)))
}

/// The parts of an amount that fall in each marginal band, for the trace.
fn band_parts(amount: f64, bands: &[(f64, f64)]) -> Vec<Band> {
    let mut left = amount;
    let mut out = Vec::new();
    for (size, fraction) in bands {
        if left <= 0.0 {
            break;
        }
        let part = left.min(*size);
        out.push(Band {
            fraction: *fraction,
            amount: part,
        });
        left -= part;
    }
    out
}

/// Applies marginal bands to an amount: returns the sum and "25% of 4 GiB + 20% of ..." text.
fn banded(amount: f64, bands: &[(f64, f64)], describe: impl Fn(f64) -> String) -> (f64, String) {
    let mut left = amount;
    let mut total = 0.0;
    let mut terms = Vec::new();
    for (size, fraction) in bands {
        if left <= 0.0 {
            break;
        }
        let part = left.min(*size);
        total += part * fraction;
        terms.push(format!("{} of {}", percent(*fraction), describe(part)));
        left -= part;
    }
    (total, terms.join(" + "))
}

/// AKS CPU reservation table (Microsoft docs, "node resource reservations"): cores -> millicores.
const AKS_CPU_TABLE: [(f64, f64); 7] = [
    (1.0, 60.0),
    (2.0, 100.0),
    (4.0, 140.0),
    (8.0, 180.0),
    (16.0, 260.0),
    (32.0, 420.0),
    (64.0, 740.0),
];

/// AKS CPU reserve. The table covers 1-64 cores at powers of two; other counts are interpolated
/// linearly (and extrapolated with the last step's slope), rather than returning 0 for a missing
/// entry as some calculators do. The bool says whether the value was interpolated.
pub fn aks_cpu_reserve_millicores(cores: f64) -> (f64, bool) {
    let table = &AKS_CPU_TABLE;
    if let Some((_, m)) = table.iter().find(|(c, _)| (*c - cores).abs() < 1e-9) {
        return (*m, false);
    }
    let (first_c, first_m) = table[0];
    if cores < first_c {
        return (first_m, true);
    }
    for pair in table.windows(2) {
        let (c0, m0) = pair[0];
        let (c1, m1) = pair[1];
        if cores > c0 && cores < c1 {
            return (m0 + (m1 - m0) * (cores - c0) / (c1 - c0), true);
        }
    }
    // Above 64 cores: 320m per 32 cores, the slope of the last step.
    let (c_last, m_last) = table[table.len() - 1];
    (m_last + (cores - c_last) * 10.0, true)
}

/// Resolves the target into one node's allocatable. For EKS on Fargate the size depends on the
/// pod, so the pod's CPU and memory requests are passed in.
pub(crate) fn node_allocatable(
    target: &Target,
    pod_cpu_millicores: f64,
    pod_memory_mib: f64,
    trace: &mut Trace,
) -> NodeAllocatable {
    match target {
        Target::Machine {
            cores,
            memory_mib,
            reserved_mib,
        } => {
            let label = format!(
                "machine ({} cores, {})",
                num(*cores),
                mib_or_gib(*memory_mib)
            );
            let node = simple_node(
                NodeKind::Machine,
                label,
                *cores,
                *memory_mib,
                *reserved_mib,
                u32::MAX,
            );
            trace.step(
                Step::NodeMachine {
                    memory_mib: *memory_mib,
                    reserved_mib: *reserved_mib,
                    allocatable_mib: node.allocatable_memory_mib,
                    cores: *cores,
                },
                format!(
                    "{} machine: {} reserved for the OS and other processes; {} MiB and {} cores left for containers",
                    mib_or_gib(*memory_mib),
                    mib_or_gib(*reserved_mib),
                    int(node.allocatable_memory_mib),
                    num(*cores)
                ),
                Source::GuideResources,
            );
            node
        }
        Target::Kubernetes(k) => kubernetes_node(k, trace),
        Target::FargateEcs { vcpu, memory_gb } => {
            let memory = memory_gb * 1024.0;
            let label = format!("Fargate task ({} vCPU, {} GB)", num(*vcpu), num(*memory_gb));
            trace.step(
                Step::NodeFargateTask {
                    vcpu: *vcpu,
                    memory_gb: *memory_gb,
                    memory_mib: memory,
                },
                format!(
                    "Fargate task: {} vCPU, {} GB = {} MiB, one container per task",
                    num(*vcpu),
                    num(*memory_gb),
                    int(memory)
                ),
                Source::Fargate,
            );
            simple_node(NodeKind::FargateTask, label, *vcpu, memory, 0.0, 1)
        }
        Target::FargateEks {} => {
            let pod_cores = pod_cpu_millicores / 1000.0;
            match crate::serverless::fargate_eks_size(pod_cores, pod_memory_mib) {
                Some((vcpu, gb)) => {
                    let memory = gb * 1024.0;
                    trace.step(
                        Step::NodeFargateEks {
                            pod_millicores: pod_cpu_millicores,
                            pod_memory_mib,
                            with_overhead_mib: pod_memory_mib
                                + crate::serverless::FARGATE_EKS_OVERHEAD_MIB,
                            vcpu,
                            memory_gb: gb,
                        },
                        format!(
                            "EKS Fargate: pod requests {}m CPU and {} MiB + 256 MB for Kubernetes = {} MiB; rounded up to {} vCPU, {} GB",
                            num(pod_cpu_millicores),
                            int(pod_memory_mib),
                            int(pod_memory_mib + crate::serverless::FARGATE_EKS_OVERHEAD_MIB),
                            num(vcpu),
                            num(gb)
                        ),
                        Source::Fargate,
                    );
                    let label = format!("EKS Fargate pod ({} vCPU, {} GB)", num(vcpu), num(gb));
                    simple_node(
                        NodeKind::FargateTask,
                        label,
                        vcpu,
                        memory,
                        crate::serverless::FARGATE_EKS_OVERHEAD_MIB,
                        1,
                    )
                }
                None => {
                    trace.step(
                        Step::NodeFargateEksTooBig {
                            pod_millicores: pod_cpu_millicores,
                            pod_memory_mib,
                        },
                        format!(
                            "EKS Fargate: no task size holds {} MiB + 256 MB with {}m CPU (max 16 vCPU, 120 GB)",
                            int(pod_memory_mib),
                            num(pod_cpu_millicores)
                        ),
                        Source::Fargate,
                    );
                    simple_node(
                        NodeKind::FargateTask,
                        "EKS Fargate pod (no size fits)".to_string(),
                        16.0,
                        120.0 * 1024.0,
                        crate::serverless::FARGATE_EKS_OVERHEAD_MIB,
                        1,
                    )
                }
            }
        }
        Target::CloudRun {
            vcpu, memory_mib, ..
        } => {
            let label = format!(
                "Cloud Run instance ({} vCPU, {})",
                num(*vcpu),
                mib_or_gib(*memory_mib)
            );
            trace.step(
                Step::NodeCloudRun {
                    vcpu: *vcpu,
                    memory_mib: *memory_mib,
                },
                format!(
                    "Cloud Run instance: {} vCPU, {} MiB; files written to the file system count as memory",
                    num(*vcpu),
                    int(*memory_mib)
                ),
                Source::CloudRun,
            );
            simple_node(
                NodeKind::CloudRunInstance,
                label,
                *vcpu,
                *memory_mib,
                0.0,
                1,
            )
        }
    }
}

fn simple_node(
    kind: NodeKind,
    label: String,
    cores: f64,
    memory_mib: f64,
    reserved_mib: f64,
    max_pods: u32,
) -> NodeAllocatable {
    let cpu = cores * 1000.0;
    let memory = (memory_mib - reserved_mib).max(0.0);
    NodeAllocatable {
        kind,
        label,
        instance_type: None,
        capacity_cpu_millicores: cpu,
        capacity_memory_mib: memory_mib,
        reserved_cpu_millicores: 0.0,
        reserved_memory_mib: reserved_mib,
        eviction_memory_mib: 0.0,
        allocatable_cpu_millicores: cpu,
        allocatable_memory_mib: memory,
        max_pods,
        daemonset_cpu_millicores: 0.0,
        daemonset_memory_mib: 0.0,
        daemonset_pods: 0,
        available_cpu_millicores: cpu,
        available_memory_mib: memory,
        available_pods: max_pods,
    }
}

/// Resolved shape of a Kubernetes node: cores, memory, max pods (and where that number comes
/// from) and a label.
pub(crate) struct ResolvedNode {
    pub cores: f64,
    pub memory_mib: f64,
    pub max_pods: u32,
    pub max_pods_origin: MaxPodsOrigin,
    pub label: String,
    pub instance_type: Option<String>,
    pub provider: Option<Provider>,
}

pub(crate) fn resolve_node(k: &KubernetesTarget) -> ResolvedNode {
    let node = &k.node;
    let shape = node.instance_type.as_deref().and_then(node_catalog::lookup);
    let (cores, memory_mib, label) = match shape {
        Some(s) => (s.cores, s.memory_mib, s.name.to_string()),
        None => (
            node.cores.unwrap_or(1.0),
            node.memory_mib.unwrap_or(1024.0),
            "node".to_string(),
        ),
    };
    // The scenario's number wins; then AKS's network plugin (AKS sets maxPods per node pool from
    // it); then the EKS AMI's ENI formula for a known instance type; then the kubelet's default.
    let aks = matches!(
        k.reservation,
        ReservationModel::Aks | ReservationModel::AksPre129
    );
    let (max_pods, max_pods_origin) = match (node.max_pods, shape.and_then(|s| s.eni)) {
        (Some(given), _) => (given, MaxPodsOrigin::Given),
        (None, _) if aks => (
            k.aks_network.default_max_pods(),
            MaxPodsOrigin::AksNetwork {
                network: k.aks_network,
            },
        ),
        (None, Some((enis, ips_per_eni))) => (
            node_catalog::eks_max_pods(enis, ips_per_eni),
            MaxPodsOrigin::EksEni { enis, ips_per_eni },
        ),
        (None, None) => (DEFAULT_MAX_PODS, MaxPodsOrigin::KubeletDefault),
    };
    ResolvedNode {
        cores,
        memory_mib,
        max_pods,
        max_pods_origin,
        label: format!("{label} ({} cores, {})", num(cores), mib_or_gib(memory_mib)),
        instance_type: shape.map(|s| s.name.to_string()),
        provider: shape.map(|s| s.provider),
    }
}

fn kubernetes_node(k: &KubernetesTarget, trace: &mut Trace) -> NodeAllocatable {
    let node = resolve_node(k);
    let capacity_cpu = node.cores * 1000.0;
    let capacity_mem = node.memory_mib;
    let size = mib_or_gib(capacity_mem);
    let cores_text = format!("{} cores", num(node.cores));
    let (why, source) = match node.max_pods_origin {
        MaxPodsOrigin::Given => ("as given".to_string(), Source::KubeletMaxPods),
        MaxPodsOrigin::EksEni { enis, ips_per_eni } => (
            format!(
                "EKS: {enis} ENIs x ({ips_per_eni} IPv4 addresses per ENI - 1) + 2 for {}",
                node.instance_type
                    .as_deref()
                    .unwrap_or("this instance type")
            ),
            Source::EksMaxPods,
        ),
        MaxPodsOrigin::AksNetwork { network } => (
            format!("the AKS default with {}", network.english()),
            Source::AksMaxPods,
        ),
        MaxPodsOrigin::KubeletDefault => {
            ("the kubelet's default".to_string(), Source::KubeletMaxPods)
        }
    };
    trace.step(
        Step::NodeMaxPods {
            max_pods: node.max_pods,
            origin: node.max_pods_origin,
        },
        format!("Max pods per node: {} ({why})", node.max_pods),
        source,
    );
    let (reserved_cpu, reserved_mem, eviction) = match &k.reservation {
        ReservationModel::None => {
            trace.step(
                Step::NodeNoReservation {
                    memory_mib: capacity_mem,
                    allocatable_mib: capacity_mem,
                },
                format!(
                    "{size} node: no reservations modelled; allocatable {} MiB",
                    int(capacity_mem)
                ),
                Source::K8sReserve,
            );
            (0.0, 0.0, 0.0)
        }
        ReservationModel::KubeletDefaults => {
            let alloc = capacity_mem - 100.0;
            trace.step(
                Step::NodeKubeletDefaults {
                    memory_mib: capacity_mem,
                    eviction_mib: 100.0,
                    allocatable_mib: alloc,
                },
                format!("{size} node: kubelet defaults reserve nothing; eviction 100 MiB; allocatable {} MiB", int(alloc)),
                Source::K8sReserve,
            );
            (0.0, 0.0, 100.0)
        }
        ReservationModel::Gke | ReservationModel::AksPre129 => {
            let (mem, text) = gke_memory_reserve_mib(capacity_mem);
            let (cpu, cpu_text) = if k.reservation == ReservationModel::Gke {
                tiered_cpu_reserve_millicores(node.cores)
            } else {
                let (m, _) = aks_cpu_reserve_millicores(node.cores);
                (m, format!("{}m (AKS table)", num(m)))
            };
            let (who, eviction, source, reserver) = if k.reservation == ReservationModel::Gke {
                ("GKE", 100.0, Source::Gke, Reserver::Gke)
            } else {
                ("AKS before 1.29", 750.0, Source::Aks, Reserver::AksPre129)
            };
            let bands = if capacity_mem < 1024.0 {
                Vec::new()
            } else {
                band_parts(capacity_mem, &GKE_MEMORY_BANDS)
            };
            trace.step(
                Step::NodeBandedMemory {
                    reserver,
                    memory_mib: capacity_mem,
                    bands,
                    reserved_mib: mem,
                    eviction_mib: eviction,
                    allocatable_mib: capacity_mem - mem - eviction,
                },
                format!(
                    "{size} node: {who} reserves {text}; eviction {} MiB; allocatable {} MiB",
                    int(eviction),
                    int(capacity_mem - mem - eviction)
                ),
                source,
            );
            let cpu_step = if reserver == Reserver::Gke {
                Step::NodeTieredCpu {
                    reserver,
                    cores: node.cores,
                    bands: band_parts(node.cores, &TIERED_CPU_BANDS),
                    reserved_millicores: cpu,
                    allocatable_millicores: capacity_cpu - cpu,
                }
            } else {
                Step::NodeAksCpu {
                    reserver,
                    cores: node.cores,
                    reserved_millicores: cpu,
                    interpolated: aks_cpu_reserve_millicores(node.cores).1,
                    allocatable_millicores: capacity_cpu - cpu,
                }
            };
            trace.step(
                cpu_step,
                format!(
                    "{cores_text}: {who} reserves {cpu_text}; allocatable {}m",
                    num(capacity_cpu - cpu)
                ),
                source,
            );
            (cpu, mem, eviction)
        }
        ReservationModel::Eks => {
            let mem = 11.0 * f64::from(node.max_pods) + 255.0;
            let (cpu, cpu_text) = tiered_cpu_reserve_millicores(node.cores);
            trace.step(
                Step::NodeEksMemory {
                    memory_mib: capacity_mem,
                    max_pods: node.max_pods,
                    reserved_mib: mem,
                    eviction_mib: 100.0,
                    allocatable_mib: capacity_mem - mem - 100.0,
                },
                format!(
                    "{size} node: EKS (Amazon Linux 2023, nodeadm) reserves 11 MiB x {} max pods + 255 MiB = {} MiB; eviction 100 MiB; allocatable {} MiB",
                    node.max_pods,
                    int(mem),
                    int(capacity_mem - mem - 100.0)
                ),
                Source::Eks,
            );
            trace.step(
                Step::NodeTieredCpu {
                    reserver: Reserver::Eks,
                    cores: node.cores,
                    bands: band_parts(node.cores, &TIERED_CPU_BANDS),
                    reserved_millicores: cpu,
                    allocatable_millicores: capacity_cpu - cpu,
                },
                format!(
                    "{cores_text}: EKS reserves {cpu_text}; allocatable {}m",
                    num(capacity_cpu - cpu)
                ),
                Source::Eks,
            );
            (cpu, mem, 100.0)
        }
        ReservationModel::Aks => {
            // "20 MB x maxPods + 50 MB" is read as MiB, as kubelet flags are given in Mi.
            let by_pods = 20.0 * f64::from(node.max_pods) + 50.0;
            let quarter = 0.25 * capacity_mem;
            // The 25% cap. With Azure CNI Overlay's 250 pods, 20 x 250 + 50 = 5,050 MiB, so it
            // binds on every node under 20,200 MiB (about 19.7 GiB).
            let capped = quarter < by_pods;
            let mem = by_pods.min(quarter).round();
            let (cpu, interpolated) = aks_cpu_reserve_millicores(node.cores);
            let which = if capped {
                "the 25% cap applies"
            } else {
                "the per-pod formula is the smaller"
            };
            trace.step(
                Step::NodeAksMemory {
                    memory_mib: capacity_mem,
                    max_pods: node.max_pods,
                    by_pods_mib: by_pods,
                    quarter_mib: quarter,
                    capped,
                    reserved_mib: mem,
                    eviction_mib: 100.0,
                    allocatable_mib: capacity_mem - mem - 100.0,
                },
                format!(
                    "{size} node: AKS reserves min(20 MiB x {} max pods + 50 MiB = {} MiB, 25% of RAM = {} MiB) = {} MiB ({which}); eviction 100 MiB; allocatable {} MiB",
                    node.max_pods,
                    int(by_pods),
                    int(quarter),
                    int(mem),
                    int(capacity_mem - mem - 100.0)
                ),
                Source::Aks,
            );
            let how = if interpolated {
                " (interpolated between table rows)"
            } else {
                ""
            };
            trace.step(
                Step::NodeAksCpu {
                    reserver: Reserver::Aks,
                    cores: node.cores,
                    reserved_millicores: cpu,
                    interpolated,
                    allocatable_millicores: capacity_cpu - cpu,
                },
                format!(
                    "{cores_text}: AKS reserves {}m{how}; allocatable {}m",
                    num(cpu),
                    num(capacity_cpu - cpu)
                ),
                Source::Aks,
            );
            (cpu, mem, 100.0)
        }
        ReservationModel::Custom {
            kube_reserved_cpu_millicores,
            kube_reserved_memory_mib,
            system_reserved_cpu_millicores,
            system_reserved_memory_mib,
            eviction_memory_mib,
        } => {
            let cpu = kube_reserved_cpu_millicores + system_reserved_cpu_millicores;
            let mem = kube_reserved_memory_mib + system_reserved_memory_mib;
            trace.step(
                Step::NodeCustomMemory {
                    memory_mib: capacity_mem,
                    kube_reserved_mib: *kube_reserved_memory_mib,
                    system_reserved_mib: *system_reserved_memory_mib,
                    eviction_mib: *eviction_memory_mib,
                    allocatable_mib: capacity_mem - mem - eviction_memory_mib,
                },
                format!(
                    "{size} node: kube-reserved {} MiB + system-reserved {} MiB + eviction {} MiB; allocatable {} MiB",
                    int(*kube_reserved_memory_mib),
                    int(*system_reserved_memory_mib),
                    int(*eviction_memory_mib),
                    int(capacity_mem - mem - eviction_memory_mib)
                ),
                Source::K8sReserve,
            );
            trace.step(
                Step::NodeCustomCpu {
                    cores: node.cores,
                    kube_reserved_millicores: *kube_reserved_cpu_millicores,
                    system_reserved_millicores: *system_reserved_cpu_millicores,
                    allocatable_millicores: capacity_cpu - cpu,
                },
                format!(
                    "{cores_text}: kube-reserved {}m + system-reserved {}m; allocatable {}m",
                    num(*kube_reserved_cpu_millicores),
                    num(*system_reserved_cpu_millicores),
                    num(capacity_cpu - cpu)
                ),
                Source::K8sReserve,
            );
            (cpu, mem, *eviction_memory_mib)
        }
    };
    let allocatable_cpu = (capacity_cpu - reserved_cpu).max(0.0);
    let allocatable_mem = (capacity_mem - reserved_mem - eviction).max(0.0);
    let ds = &k.daemonsets;
    let available_cpu = (allocatable_cpu - ds.cpu_millicores).max(0.0);
    let available_mem = (allocatable_mem - ds.memory_mib).max(0.0);
    let available_pods = node.max_pods.saturating_sub(ds.pods);
    if ds.pods > 0 || ds.cpu_millicores > 0.0 || ds.memory_mib > 0.0 {
        trace.step(
            Step::DaemonSets {
                pods: ds.pods,
                millicores: ds.cpu_millicores,
                memory_mib: ds.memory_mib,
                available_millicores: available_cpu,
                available_mib: available_mem,
                available_pods,
                max_pods: node.max_pods,
            },
            format!(
                "DaemonSets: {} pods requesting {}m CPU and {} MiB; left for the app: {}m, {} MiB, {} pods (max {})",
                ds.pods,
                num(ds.cpu_millicores),
                int(ds.memory_mib),
                num(available_cpu),
                int(available_mem),
                available_pods,
                node.max_pods
            ),
            Source::K8sReserve,
        );
    }
    NodeAllocatable {
        kind: NodeKind::KubernetesNode,
        label: node.label,
        instance_type: node.instance_type,
        capacity_cpu_millicores: capacity_cpu,
        capacity_memory_mib: capacity_mem,
        reserved_cpu_millicores: reserved_cpu,
        reserved_memory_mib: reserved_mem,
        eviction_memory_mib: eviction,
        allocatable_cpu_millicores: allocatable_cpu,
        allocatable_memory_mib: allocatable_mem,
        max_pods: node.max_pods,
        daemonset_cpu_millicores: ds.cpu_millicores,
        daemonset_memory_mib: ds.memory_mib,
        daemonset_pods: ds.pods,
        available_cpu_millicores: available_cpu,
        available_memory_mib: available_mem,
        available_pods,
    }
}
