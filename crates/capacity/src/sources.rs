//! Where each formula comes from (capacity-facts.md). Shown next to every trace step: the JSON
//! carries the English text (`source`) and a stable id (`source_id`) that the UI words in the
//! page's language.

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
    Aks,
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
    pub const ALL: [Source; 22] = [
        Source::UvicornSpawn,
        Source::ServerDefault,
        Source::GunicornDesign,
        Source::GunicornPreload,
        Source::LegacyImage,
        Source::Pss,
        Source::K8sReserve,
        Source::Gke,
        Source::Eks,
        Source::Aks,
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
            Source::Eks => "EKS AMI nodeadm `config.go`",
            Source::Aks => "Microsoft docs, AKS node resource reservations",
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
}
