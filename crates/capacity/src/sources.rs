//! Where each formula comes from (capacity-facts.md). Shown next to every trace step: the JSON
//! carries the English text (`source`) and a stable id (`source_id`) that the UI words in the
//! page's language; [`Source::urls`] gives the public pages behind it, for the UI's links and the
//! CLI's report (empty for a formula the calculator derives itself, such as Little's law).

use serde::{Deserialize, Serialize};

/// The source of a trace step's formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    UvicornSpawn,
    ServerDefault,
    GunicornDesign,
    GunicornPreload,
    LegacyImage,
    Pss,
    K8sReserve,
    Gke,
    Eks,
    EksMaxPods,
    Aks,
    AksMaxPods,
    KubeletMaxPods,
    Fargate,
    CloudRun,
    Little,
    CpuCores,
    SyncWorkers,
    Utilization,
    Queueing,
    Packing,
    K8sQos,
    DockerLimits,
    Redundancy,
    GuideResources,
}

impl Source {
    pub const ALL: [Source; 25] = [
        Source::UvicornSpawn,
        Source::ServerDefault,
        Source::GunicornDesign,
        Source::GunicornPreload,
        Source::LegacyImage,
        Source::Pss,
        Source::K8sReserve,
        Source::Gke,
        Source::Eks,
        Source::EksMaxPods,
        Source::Aks,
        Source::AksMaxPods,
        Source::KubeletMaxPods,
        Source::Fargate,
        Source::CloudRun,
        Source::Little,
        Source::CpuCores,
        Source::SyncWorkers,
        Source::Utilization,
        Source::Queueing,
        Source::Packing,
        Source::K8sQos,
        Source::DockerLimits,
        Source::Redundancy,
        Source::GuideResources,
    ];

    /// The source in English, as the CLI prints it.
    pub fn english(self) -> &'static str {
        match self {
            Source::UvicornSpawn => "uvicorn `_subprocess.py`: workers start with spawn, not fork",
            Source::ServerDefault => {
                "Uvicorn and Gunicorn settings: workers default to $WEB_CONCURRENCY or 1"
            }
            Source::GunicornDesign => "Gunicorn docs, design: (2 x cores) + 1 as a starting point",
            Source::GunicornPreload => {
                "Instagram engineering (copy-on-write and gc.freeze); field reports of 20-40% saved"
            }
            Source::LegacyImage => "tiangolo/uvicorn-gunicorn `gunicorn_conf.py` and its tests",
            Source::Pss => "measure PSS / Private_Dirty in /proc/<pid>/smaps_rollup, not RSS",
            Source::K8sReserve => "Kubernetes docs, Reserve Compute Resources",
            Source::Gke => "GKE docs, plan node sizes",
            Source::Eks => {
                "EKS AMI for Amazon Linux 2023, nodeadm `config.go` (the AL2 AMIs reached end of support on 2025-11-26)"
            }
            Source::EksMaxPods => {
                "EKS AMI nodeadm `eni_max_pods.go` and its instance table: ENIs x (IPv4 addresses per ENI - 1) + 2"
            }
            Source::Aks => "Microsoft docs, AKS node resource reservations",
            Source::AksMaxPods => {
                "Microsoft docs, AKS IP address planning: maximum pods per node by network plugin"
            }
            Source::KubeletMaxPods => {
                "Kubernetes docs, kubelet configuration: maxPods, 110 unless set"
            }
            Source::Fargate => "AWS docs, Fargate task sizes",
            Source::CloudRun => "Cloud Run docs: memory limits, concurrency, autoscaling",
            Source::Little => "Little's law: in-flight requests = arrival rate x time in system",
            Source::CpuCores => "cores = RPS x CPU-seconds per request / target utilization; one Python process uses about one core (GIL)",
            Source::SyncWorkers => {
                "sync workers = RPS x latency / target utilization (Little's law)"
            }
            Source::Utilization => "FastAPI docs, deployment concepts: a target between 50% and 90%",
            Source::Queueing => {
                "single-server queueing: response time = service time / (1 - utilization)"
            }
            Source::Packing => "per resource: pods per node = available / request; nodes = ceil(pods / pods per node)",
            Source::K8sQos => "Kubernetes docs, Pod Quality of Service classes",
            Source::DockerLimits => "Docker docs, runtime options with memory, CPUs",
            Source::Redundancy => {
                "N+1 (N+2 across zones) so one failure or a rolling update does not overload the rest"
            }
            Source::GuideResources => {
                "Shipshape guide 1.6 and 1.8: memory per process, resource utilization"
            }
        }
    }

    /// The public pages behind the source, the main one first; empty for a formula the
    /// calculator derives itself.
    pub fn urls(self) -> &'static [&'static str] {
        match self {
            Source::UvicornSpawn => {
                &["https://github.com/Kludex/uvicorn/blob/main/uvicorn/_subprocess.py"]
            }
            Source::ServerDefault => &[
                "https://uvicorn.dev/settings/",
                "https://gunicorn.org/reference/settings/",
            ],
            Source::GunicornDesign => &["https://gunicorn.org/design/"],
            Source::GunicornPreload => &[
                "https://instagram-engineering.com/copy-on-write-friendly-python-garbage-collection-ad6ed5233ddf",
            ],
            Source::LegacyImage => &[
                "https://github.com/tiangolo/uvicorn-gunicorn-docker/blob/master/docker-images/gunicorn_conf.py",
            ],
            Source::Pss => &["https://docs.kernel.org/filesystems/proc.html"],
            Source::K8sReserve => {
                &["https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/"]
            }
            Source::Gke => {
                &["https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes"]
            }
            Source::Eks => &[
                "https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/config.go",
                "https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html",
            ],
            Source::EksMaxPods => &[
                "https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/eni_max_pods.go",
            ],
            Source::Aks => &["https://learn.microsoft.com/azure/aks/node-resource-reservations"],
            Source::AksMaxPods => &[
                "https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning#maximum-pods-per-node",
            ],
            Source::KubeletMaxPods => {
                &["https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"]
            }
            Source::Fargate => &[
                "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
            ],
            Source::CloudRun => {
                &["https://cloud.google.com/run/docs/configuring/services/memory-limits"]
            }
            Source::Utilization => &["https://fastapi.tiangolo.com/deployment/concepts/"],
            Source::K8sQos => &["https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/"],
            Source::DockerLimits => {
                &["https://docs.docker.com/engine/containers/resource_constraints/"]
            }
            Source::Little
            | Source::CpuCores
            | Source::SyncWorkers
            | Source::Queueing
            | Source::Packing
            | Source::Redundancy
            | Source::GuideResources => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_url_is_https_and_the_node_figures_have_one() {
        for source in Source::ALL {
            for url in source.urls() {
                assert!(url.starts_with("https://"), "{source:?}: {url}");
                assert!(!url.contains(' '), "{source:?}: {url}");
            }
        }
        for source in [
            Source::K8sReserve,
            Source::Gke,
            Source::Eks,
            Source::EksMaxPods,
            Source::Aks,
            Source::AksMaxPods,
            Source::KubeletMaxPods,
        ] {
            assert!(!source.urls().is_empty(), "{source:?} has no URL");
        }
        // The AL2023 reservation cites the AL2 end-of-support notice too.
        assert!(Source::Eks.urls().iter().any(|u| u.contains("deprecation")));
    }
}
