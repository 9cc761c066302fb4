//! Where each formula comes from (capacity-facts.md). Shown next to every trace step.

pub const UVICORN_SPAWN: &str = "uvicorn `_subprocess.py`: workers start with spawn, not fork";
pub const SERVER_DEFAULT: &str =
    "Uvicorn and Gunicorn settings: workers default to $WEB_CONCURRENCY or 1";
pub const GUNICORN_DESIGN: &str = "Gunicorn docs, design: (2 x cores) + 1 as a starting point";
pub const GUNICORN_PRELOAD: &str =
    "Instagram engineering (copy-on-write and gc.freeze); field reports of 20-40% saved";
pub const LEGACY_IMAGE: &str = "tiangolo/uvicorn-gunicorn `gunicorn_conf.py` and its tests";
pub const PSS: &str = "measure PSS / Private_Dirty in /proc/<pid>/smaps_rollup, not RSS";
pub const K8S_RESERVE: &str = "Kubernetes docs, Reserve Compute Resources";
pub const GKE: &str = "GKE docs, plan node sizes";
pub const EKS: &str = "EKS AMI nodeadm `config.go`";
pub const AKS: &str = "Microsoft docs, AKS node resource reservations";
pub const FARGATE: &str = "AWS docs, Fargate task sizes";
pub const CLOUD_RUN: &str = "Cloud Run docs: memory limits, concurrency, autoscaling";
pub const LITTLE: &str = "Little's law: in-flight requests = arrival rate x time in system";
pub const CPU_CORES: &str = "cores = RPS x CPU-seconds per request / target utilization; one Python process uses about one core (GIL)";
pub const SYNC_WORKERS: &str = "sync workers = RPS x latency / target utilization (Little's law)";
pub const UTILIZATION: &str = "FastAPI docs, deployment concepts: a target between 50% and 90%";
pub const QUEUEING: &str =
    "single-server queueing: response time = service time / (1 - utilization)";
pub const PACKING: &str =
    "per resource: pods per node = available / request; nodes = ceil(pods / pods per node)";
pub const K8S_QOS: &str = "Kubernetes docs, Pod Quality of Service classes";
pub const K8S_OOM_GROUP: &str =
    "Kubernetes 1.28: cgroup v2 memory.oom.group kills the whole container";
pub const DOCKER_LIMITS: &str = "Docker docs, runtime options with memory, CPUs";
pub const COMPOSE_DEPLOY: &str = "compose-spec deploy.md";
pub const HPA: &str = "Kubernetes docs, HorizontalPodAutoscaler: ceil(current x metric / target)";
pub const THREADS: &str =
    "torch/OpenMP default to all host cores; set OMP_NUM_THREADS = CPU limit / workers";
pub const REDUNDANCY: &str =
    "N+1 (N+2 across zones) so one failure or a rolling update does not overload the rest";
pub const GUIDE_RESOURCES: &str =
    "Shipshape guide 1.6 and 1.8: memory per process, resource utilization";
