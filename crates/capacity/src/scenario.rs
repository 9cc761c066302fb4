//! The scenario: everything the calculator needs to know, as the user states it.
//!
//! Units are fixed by field name: `_mib` is 2^20 bytes (Kubernetes `Mi`), `_gb` only appears where
//! the provider itself sizes in GB (Fargate, whose API takes multiples of 1024 MiB), cores are
//! fractional CPUs, `_millicores` are 1/1000 of a core. Validation (`Scenario::validate`) bounds
//! every number, so the arithmetic downstream stays finite.

use serde::{Deserialize, Serialize};

use crate::error::{ErrorDetail, ScenarioError};
use crate::node_catalog;

/// A capacity question: one app, one server model, one target, one traffic level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Free text shown in the UI; not used in the arithmetic.
    #[serde(default)]
    pub name: String,
    pub app: AppProfile,
    pub server: WorkerModel,
    pub workers: WorkerCount,
    #[serde(default)]
    pub container: ContainerLimits,
    pub target: Target,
    #[serde(default)]
    pub traffic: Traffic,
    /// Fraction of provisioned CPU the design load may use. FastAPI docs: "somewhere between 50%
    /// and 90%"; Cloud Run's autoscaler aims at 60%, hence the default.
    #[serde(default = "default_target_utilization")]
    pub target_utilization: f64,
    /// Spare containers on top of those the traffic needs: N+k (N+1, or N+2 across zones).
    #[serde(default)]
    pub redundancy: u32,
    /// Names used only in the generated configs.
    #[serde(default)]
    pub deploy: DeployNames,
}

fn default_target_utilization() -> f64 {
    0.6
}

/// Memory and CPU of the app's processes, measured as PSS / Private_Dirty
/// (`/proc/<pid>/smaps_rollup`), not RSS, which counts shared pages in every process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppProfile {
    /// One worker process without the model: interpreter, libraries, app state.
    pub process_mib: f64,
    /// The model (or other large data) each worker loads.
    #[serde(default)]
    pub model_mib: f64,
    /// The manager process (uvicorn supervisor, gunicorn master) without the app.
    #[serde(default = "default_manager_mib")]
    pub manager_mib: f64,
    #[serde(default)]
    pub framework: Framework,
    /// `OMP_NUM_THREADS` as the app sets it; unset means torch/OpenMP use every host core.
    #[serde(default)]
    pub omp_num_threads: Option<u32>,
    /// CPU time one request costs.
    #[serde(default)]
    pub cpu_seconds_per_request: f64,
    /// Time a request spends in the server (Little's law's "time in system").
    pub latency_seconds: f64,
}

/// An assumption, not a measurement: a bare CPython supervisor is in the tens of MiB. Measure
/// yours with `smaps_rollup` and set it.
fn default_manager_mib() -> f64 {
    30.0
}

/// Libraries that change the memory and thread picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Plain Python: no native thread pools.
    #[default]
    None,
    /// numpy/scipy: OpenMP/BLAS threads; large buffers can stay shared after fork.
    Numpy,
    /// PyTorch on CPU: OpenMP threads; does not mix well with fork (`--preload`).
    Pytorch,
    /// PyTorch with CUDA: does not survive fork, so the model loads in every worker.
    PytorchCuda,
}

impl Framework {
    /// torch/OpenMP default to all host cores per process (capacity-facts "Threads").
    pub fn uses_native_threads(self) -> bool {
        !matches!(self, Framework::None)
    }
}

/// How the container's processes are organised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkerModel {
    /// `uvicorn --workers N` / `fastapi run --workers N`: a supervisor plus N spawned workers;
    /// nothing is shared (uvicorn `_subprocess.py` uses spawn).
    Uvicorn,
    /// Gunicorn: a master plus N forked workers.
    Gunicorn(GunicornOptions),
    /// One server process per container, no manager: replicate with containers.
    SingleProcess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GunicornOptions {
    /// `--preload`: load the app in the master before forking, so some pages stay shared.
    #[serde(default)]
    pub preload: bool,
    /// Fraction of a worker's memory that stays shared with `--preload`. Field reports: 20-40%
    /// saved; Instagram saw shared memory per worker fall from ~250 MB to ~140 MB.
    #[serde(default = "default_shared_fraction")]
    pub shared_fraction: f64,
    #[serde(default)]
    pub worker_class: WorkerClass,
}

impl Default for GunicornOptions {
    fn default() -> Self {
        GunicornOptions {
            preload: false,
            shared_fraction: default_shared_fraction(),
            worker_class: WorkerClass::UvicornWorker,
        }
    }
}

fn default_shared_fraction() -> f64 {
    0.3
}

/// Gunicorn's worker class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerClass {
    /// `uvicorn_worker.UvicornWorker`, from the `uvicorn-worker` package: async, many requests
    /// per process. Uvicorn deprecated its own `uvicorn.workers` module in favour of that
    /// package. `"uvicorn"`, the name this value had before, still reads as this class, so saved
    /// scenarios keep loading; the configs never emit the deprecated module.
    #[default]
    #[serde(alias = "uvicorn")]
    UvicornWorker,
    /// Gunicorn's own ASGI worker (`worker_class = "asgi"`, beta in Gunicorn 24.0, stable since
    /// 25.1): async, and no Uvicorn at all.
    Asgi,
    /// Gunicorn's `sync` worker: one request at a time per process.
    Sync,
}

impl WorkerClass {
    /// Serves one request at a time per process (so Little's law sizes the workers).
    pub fn is_sync(self) -> bool {
        self == WorkerClass::Sync
    }
}

/// Worker processes per container: a number, or the formula a server or image would apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum WorkerCount {
    Fixed(u32),
    /// Uvicorn and Gunicorn default: `$WEB_CONCURRENCY` or 1.
    ServerDefault {
        #[serde(default)]
        web_concurrency: Option<u32>,
    },
    /// Gunicorn docs' starting point: `(2 x cores) + 1`.
    GunicornRule {
        #[serde(default)]
        cores: CoresSource,
    },
    /// `tiangolo/uvicorn-gunicorn(-fastapi)` (deprecated) `gunicorn_conf.py`.
    LegacyImage {
        #[serde(default = "default_workers_per_core")]
        workers_per_core: f64,
        #[serde(default)]
        max_workers: Option<u32>,
        #[serde(default)]
        web_concurrency: Option<u32>,
        #[serde(default)]
        cores: CoresSource,
    },
}

fn default_workers_per_core() -> f64 {
    1.0
}

/// Which "cores" a formula sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoresSource {
    /// `multiprocessing.cpu_count()`: the host's CPUs, blind to the container's CPU limit.
    #[default]
    Host,
    /// The container's CPU limit (`container.cpu_limit_cores`), rounded up to whole cores.
    ContainerLimit,
}

/// Container limits and requests as the user wants them; unset ones are proposed by the engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerLimits {
    #[serde(default)]
    pub memory_limit_mib: Option<f64>,
    #[serde(default)]
    pub cpu_limit_cores: Option<f64>,
    #[serde(default)]
    pub cpu_request_cores: Option<f64>,
    /// Headroom added on top of the computed memory when the engine proposes a limit.
    #[serde(default = "default_memory_headroom")]
    pub memory_headroom: f64,
}

impl Default for ContainerLimits {
    fn default() -> Self {
        ContainerLimits {
            memory_limit_mib: None,
            cpu_limit_cores: None,
            cpu_request_cores: None,
            memory_headroom: default_memory_headroom(),
        }
    }
}

/// An assumption: memory is "usually nearly stable" (guide 1.6), so a small margin suffices.
fn default_memory_headroom() -> f64 {
    0.1
}

/// Where the containers run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// One machine (Docker, Compose): its cores and RAM, minus what the OS and other processes use.
    Machine {
        cores: f64,
        memory_mib: f64,
        #[serde(default)]
        reserved_mib: f64,
    },
    Kubernetes(KubernetesTarget),
    /// ECS on Fargate: one task per container, at a valid task size.
    FargateEcs {
        vcpu: f64,
        memory_gb: f64,
    },
    /// EKS on Fargate: the size is derived from the pod's requests plus 256 MB.
    FargateEks {},
    /// Cloud Run: one instance per container.
    CloudRun {
        vcpu: f64,
        memory_mib: f64,
        #[serde(default = "default_cloud_run_concurrency")]
        concurrency: u32,
    },
}

/// Cloud Run's default maximum concurrent requests per instance.
fn default_cloud_run_concurrency() -> u32 {
    80
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesTarget {
    pub node: NodeType,
    pub reservation: ReservationModel,
    #[serde(default)]
    pub daemonsets: DaemonSetOverhead,
    /// Nodes available; unset means the cluster can grow to what is needed.
    #[serde(default)]
    pub node_count: Option<u32>,
    /// Emit a HorizontalPodAutoscaler next to the Deployment.
    #[serde(default)]
    pub hpa: bool,
    /// AKS reservations only: the cluster's network plugin, which sets the nodes' default max
    /// pods when `node.max_pods` is not given. Left out of the JSON when it is the default.
    #[serde(default, skip_serializing_if = "AksNetwork::is_default")]
    pub aks_network: AksNetwork,
}

/// An AKS cluster's network plugin. Each has its own default max pods per node (AKS docs, "IP
/// address planning": Azure CNI Overlay 250, Azure CNI with pod IPs from the node subnet 30,
/// kubenet 110); any of them can be set up to 250 when a node pool is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AksNetwork {
    /// Azure CNI Overlay, the plugin AKS recommends: 250 pods per node by default.
    #[default]
    AzureCniOverlay,
    /// Azure CNI with pod addresses taken from the node subnet (the legacy "Azure CNI"): 30.
    AzureCniNodeSubnet,
    /// kubenet (legacy): 110 with the Azure CLI.
    Kubenet,
}

impl AksNetwork {
    pub const ALL: [AksNetwork; 3] = [
        AksNetwork::AzureCniOverlay,
        AksNetwork::AzureCniNodeSubnet,
        AksNetwork::Kubenet,
    ];

    /// The max pods per node a node pool gets when it does not set its own.
    pub fn default_max_pods(self) -> u32 {
        match self {
            AksNetwork::AzureCniOverlay => 250,
            AksNetwork::AzureCniNodeSubnet => 30,
            AksNetwork::Kubenet => 110,
        }
    }

    /// The plugin's name, as the AKS docs write it.
    pub fn english(self) -> &'static str {
        match self {
            AksNetwork::AzureCniOverlay => "Azure CNI Overlay",
            AksNetwork::AzureCniNodeSubnet => "Azure CNI (node subnet)",
            AksNetwork::Kubenet => "kubenet",
        }
    }

    fn is_default(&self) -> bool {
        *self == AksNetwork::default()
    }
}

/// A node: a known instance type, or cores and memory.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeType {
    #[serde(default)]
    pub instance_type: Option<String>,
    #[serde(default)]
    pub cores: Option<f64>,
    #[serde(default)]
    pub memory_mib: Option<f64>,
    /// Overrides the default: the AKS network plugin's for an AKS reservation, the EKS ENI
    /// formula for a known EKS instance type, else the kubelet's 110.
    #[serde(default)]
    pub max_pods: Option<u32>,
}

/// How much of a node the provider keeps for the kubelet, the OS and eviction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ReservationModel {
    /// Nothing reserved: a bare machine view of the node.
    None,
    /// Kubelet defaults: no reservations, hard eviction `memory.available<100Mi`.
    KubeletDefaults,
    Gke,
    /// EKS nodes on the Amazon Linux 2023 AMI, configured by `nodeadm` (the AL2 AMIs reached end
    /// of support on 2025-11-26; their bootstrap script reserved the same memory).
    Eks,
    /// AKS 1.29 and later.
    Aks,
    /// AKS before 1.29: GKE-style bands plus a 750 MiB eviction threshold.
    AksPre129,
    /// Explicit kubelet flags, as in the Kubernetes docs' worked example.
    Custom {
        #[serde(default)]
        kube_reserved_cpu_millicores: f64,
        #[serde(default)]
        kube_reserved_memory_mib: f64,
        #[serde(default)]
        system_reserved_cpu_millicores: f64,
        #[serde(default)]
        system_reserved_memory_mib: f64,
        #[serde(default = "default_eviction_mib")]
        eviction_memory_mib: f64,
    },
}

/// Kubelet default hard eviction threshold `memory.available<100Mi`.
fn default_eviction_mib() -> f64 {
    100.0
}

/// Per-node DaemonSet pods (log shippers, CNI, monitoring agents) and their requests.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaemonSetOverhead {
    #[serde(default)]
    pub cpu_millicores: f64,
    #[serde(default)]
    pub memory_mib: f64,
    #[serde(default)]
    pub pods: u32,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    #[serde(default)]
    pub requests_per_second: f64,
}

/// Names that appear in generated commands and manifests. Restricted character sets keep the
/// generated shell and YAML free of quoting problems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployNames {
    #[serde(default = "default_deploy_name")]
    pub name: String,
    #[serde(default = "default_image")]
    pub image: String,
    /// `module:attribute` of the ASGI app.
    #[serde(default = "default_module")]
    pub module: String,
    #[serde(default = "default_port")]
    pub port: u16,
}

impl Default for DeployNames {
    fn default() -> Self {
        DeployNames {
            name: default_deploy_name(),
            image: default_image(),
            module: default_module(),
            port: default_port(),
        }
    }
}

fn default_deploy_name() -> String {
    "api".to_string()
}
fn default_image() -> String {
    "registry.example.com/api:1.0".to_string()
}
fn default_module() -> String {
    "app.main:app".to_string()
}
fn default_port() -> u16 {
    8000
}

/// Upper bounds that keep every product and sum far from overflow and reject typos (a model in
/// bytes typed into a MiB field). 16 TiB is above any single machine sold today.
pub(crate) const MAX_MEMORY_MIB: f64 = 16.0 * 1024.0 * 1024.0;
pub(crate) const MAX_CORES: f64 = 1024.0;
pub(crate) const MAX_WORKERS: u32 = 1024;
pub(crate) const MAX_RPS: f64 = 10_000_000.0;
pub(crate) const MAX_SECONDS: f64 = 3600.0;
pub(crate) const MAX_REDUNDANCY: u32 = 1000;
pub(crate) const MAX_NODES: u32 = 100_000;
pub(crate) const MAX_PODS: u32 = 10_000;

fn check_range(field: &str, value: f64, min: f64, max: f64) -> Result<(), ScenarioError> {
    if !value.is_finite() {
        return Err(ScenarioError::new(field, ErrorDetail::NotFinite));
    }
    if value < min || value > max {
        return Err(ScenarioError::new(
            field,
            ErrorDetail::OutOfRange {
                min,
                max,
                got: value,
            },
        ));
    }
    Ok(())
}

fn check_positive(field: &str, value: f64, max: f64) -> Result<(), ScenarioError> {
    check_range(field, value, 0.0, max)?;
    if value <= 0.0 {
        return Err(ScenarioError::new(
            field,
            ErrorDetail::NotPositive { got: value },
        ));
    }
    Ok(())
}

fn check_count(field: &str, value: u32, min: u32, max: u32) -> Result<(), ScenarioError> {
    if value < min || value > max {
        return Err(ScenarioError::new(
            field,
            ErrorDetail::OutOfRange {
                min: f64::from(min),
                max: f64::from(max),
                got: f64::from(value),
            },
        ));
    }
    Ok(())
}

fn check_name(field: &str, value: &str, extra: &str, max_len: usize) -> Result<(), ScenarioError> {
    let ok = !value.is_empty()
        && value.len() <= max_len
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c));
    if ok {
        Ok(())
    } else {
        Err(ScenarioError::new(
            field,
            ErrorDetail::BadCharacters {
                max_len,
                allowed: extra.to_string(),
            },
        ))
    }
}

impl Scenario {
    /// Checks every field; the first problem found is returned with its field path.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let app = &self.app;
        check_positive("app.process_mib", app.process_mib, MAX_MEMORY_MIB)?;
        check_range("app.model_mib", app.model_mib, 0.0, MAX_MEMORY_MIB)?;
        check_range("app.manager_mib", app.manager_mib, 0.0, MAX_MEMORY_MIB)?;
        if let Some(threads) = app.omp_num_threads {
            check_count("app.omp_num_threads", threads, 1, MAX_CORES as u32)?;
        }
        check_range(
            "app.cpu_seconds_per_request",
            app.cpu_seconds_per_request,
            0.0,
            MAX_SECONDS,
        )?;
        check_positive("app.latency_seconds", app.latency_seconds, MAX_SECONDS)?;

        if let WorkerModel::Gunicorn(options) = &self.server {
            // Sharing everything is impossible: reference counts write to every object's page.
            check_range(
                "server.gunicorn.shared_fraction",
                options.shared_fraction,
                0.0,
                0.95,
            )?;
        }

        match &self.workers {
            WorkerCount::Fixed(n) => check_count("workers.fixed", *n, 1, MAX_WORKERS)?,
            WorkerCount::ServerDefault { web_concurrency } => {
                if let Some(n) = web_concurrency {
                    check_count("workers.server_default.web_concurrency", *n, 1, MAX_WORKERS)?;
                }
            }
            WorkerCount::GunicornRule { cores } => {
                self.check_cores_source(*cores, "workers.gunicorn_rule.cores")?
            }
            WorkerCount::LegacyImage {
                workers_per_core,
                max_workers,
                web_concurrency,
                cores,
            } => {
                check_positive(
                    "workers.legacy_image.workers_per_core",
                    *workers_per_core,
                    64.0,
                )?;
                if let Some(n) = max_workers {
                    check_count("workers.legacy_image.max_workers", *n, 1, MAX_WORKERS)?;
                }
                if let Some(n) = web_concurrency {
                    check_count("workers.legacy_image.web_concurrency", *n, 1, MAX_WORKERS)?;
                }
                self.check_cores_source(*cores, "workers.legacy_image.cores")?;
            }
        }

        let c = &self.container;
        if let Some(limit) = c.memory_limit_mib {
            check_positive("container.memory_limit_mib", limit, MAX_MEMORY_MIB)?;
        }
        if let Some(cores) = c.cpu_limit_cores {
            check_range("container.cpu_limit_cores", cores, 0.01, MAX_CORES)?;
        }
        if let Some(cores) = c.cpu_request_cores {
            check_range("container.cpu_request_cores", cores, 0.001, MAX_CORES)?;
            if let Some(limit) = c.cpu_limit_cores {
                if cores > limit {
                    return Err(ScenarioError::new(
                        "container.cpu_request_cores",
                        ErrorDetail::RequestAboveLimit { limit },
                    ));
                }
            }
        }
        check_range("container.memory_headroom", c.memory_headroom, 0.0, 1.0)?;

        self.validate_target()?;

        check_range(
            "traffic.requests_per_second",
            self.traffic.requests_per_second,
            0.0,
            MAX_RPS,
        )?;
        // Outside 0.05-1 the arithmetic means nothing; 0.5-0.9 is only warned about.
        check_range("target_utilization", self.target_utilization, 0.05, 1.0)?;
        check_count("redundancy", self.redundancy, 0, MAX_REDUNDANCY)?;

        let d = &self.deploy;
        // DNS-1123 label: the name becomes a Kubernetes object name.
        check_name("deploy.name", &d.name, "-", 63)?;
        if d.name.starts_with('-')
            || d.name.ends_with('-')
            || d.name.chars().any(|c| c.is_ascii_uppercase())
        {
            return Err(ScenarioError::new("deploy.name", ErrorDetail::NameCase));
        }
        check_name("deploy.image", &d.image, "-._/:@", 255)?;
        check_name("deploy.module", &d.module, "_.:", 200)?;
        if d.module.matches(':').count() != 1
            || d.module.starts_with(':')
            || d.module.ends_with(':')
        {
            return Err(ScenarioError::new(
                "deploy.module",
                ErrorDetail::ModuleShape,
            ));
        }
        if d.port == 0 {
            return Err(ScenarioError::new("deploy.port", ErrorDetail::PortZero));
        }
        Ok(())
    }

    fn check_cores_source(&self, cores: CoresSource, field: &str) -> Result<(), ScenarioError> {
        if cores == CoresSource::ContainerLimit && self.container.cpu_limit_cores.is_none() {
            return Err(ScenarioError::new(field, ErrorDetail::NeedsCpuLimit));
        }
        Ok(())
    }

    fn validate_target(&self) -> Result<(), ScenarioError> {
        match &self.target {
            Target::Machine {
                cores,
                memory_mib,
                reserved_mib,
            } => {
                check_range("target.machine.cores", *cores, 0.01, MAX_CORES)?;
                check_positive("target.machine.memory_mib", *memory_mib, MAX_MEMORY_MIB)?;
                check_range(
                    "target.machine.reserved_mib",
                    *reserved_mib,
                    0.0,
                    *memory_mib,
                )?;
            }
            Target::Kubernetes(k) => {
                let node = &k.node;
                match &node.instance_type {
                    Some(name) => {
                        if node_catalog::lookup(name).is_none() {
                            return Err(ScenarioError::new(
                                "target.kubernetes.node.instance_type",
                                ErrorDetail::UnknownInstanceType {
                                    name: name.chars().take(64).collect(),
                                },
                            ));
                        }
                        if node.cores.is_some() || node.memory_mib.is_some() {
                            return Err(ScenarioError::new(
                                "target.kubernetes.node",
                                ErrorDetail::InstanceTypeAndShape,
                            ));
                        }
                    }
                    None => {
                        let cores = node.cores.ok_or_else(|| {
                            ScenarioError::new(
                                "target.kubernetes.node.cores",
                                ErrorDetail::RequiredWithoutInstanceType,
                            )
                        })?;
                        let memory = node.memory_mib.ok_or_else(|| {
                            ScenarioError::new(
                                "target.kubernetes.node.memory_mib",
                                ErrorDetail::RequiredWithoutInstanceType,
                            )
                        })?;
                        check_range("target.kubernetes.node.cores", cores, 0.1, MAX_CORES)?;
                        // Kubernetes needs more than a few hundred MiB for itself.
                        check_range(
                            "target.kubernetes.node.memory_mib",
                            memory,
                            256.0,
                            MAX_MEMORY_MIB,
                        )?;
                        if k.reservation == ReservationModel::Eks && node.max_pods.is_none() {
                            return Err(ScenarioError::new(
                                "target.kubernetes.node.max_pods",
                                ErrorDetail::EksNeedsMaxPods,
                            ));
                        }
                    }
                }
                if let Some(p) = node.max_pods {
                    check_count("target.kubernetes.node.max_pods", p, 1, MAX_PODS)?;
                }
                let aks = matches!(
                    k.reservation,
                    ReservationModel::Aks | ReservationModel::AksPre129
                );
                if !aks && k.aks_network != AksNetwork::default() {
                    return Err(ScenarioError::new(
                        "target.kubernetes.aks_network",
                        ErrorDetail::AksNetworkWithoutAks,
                    ));
                }
                if let ReservationModel::Custom {
                    kube_reserved_cpu_millicores,
                    kube_reserved_memory_mib,
                    system_reserved_cpu_millicores,
                    system_reserved_memory_mib,
                    eviction_memory_mib,
                } = &k.reservation
                {
                    let base = "target.kubernetes.reservation.custom";
                    let cpu_max = MAX_CORES * 1000.0;
                    check_range(
                        &format!("{base}.kube_reserved_cpu_millicores"),
                        *kube_reserved_cpu_millicores,
                        0.0,
                        cpu_max,
                    )?;
                    check_range(
                        &format!("{base}.system_reserved_cpu_millicores"),
                        *system_reserved_cpu_millicores,
                        0.0,
                        cpu_max,
                    )?;
                    for (name, value) in [
                        ("kube_reserved_memory_mib", kube_reserved_memory_mib),
                        ("system_reserved_memory_mib", system_reserved_memory_mib),
                        ("eviction_memory_mib", eviction_memory_mib),
                    ] {
                        check_range(&format!("{base}.{name}"), *value, 0.0, MAX_MEMORY_MIB)?;
                    }
                }
                let ds = &k.daemonsets;
                check_range(
                    "target.kubernetes.daemonsets.cpu_millicores",
                    ds.cpu_millicores,
                    0.0,
                    MAX_CORES * 1000.0,
                )?;
                check_range(
                    "target.kubernetes.daemonsets.memory_mib",
                    ds.memory_mib,
                    0.0,
                    MAX_MEMORY_MIB,
                )?;
                check_count("target.kubernetes.daemonsets.pods", ds.pods, 0, MAX_PODS)?;
                if let Some(n) = k.node_count {
                    check_count("target.kubernetes.node_count", n, 1, MAX_NODES)?;
                }
            }
            Target::FargateEcs { vcpu, memory_gb } => {
                check_range("target.fargate_ecs.vcpu", *vcpu, 0.25, 16.0)?;
                let sizes =
                    crate::serverless::fargate_memory_options_gb(*vcpu).ok_or_else(|| {
                        ScenarioError::new(
                            "target.fargate_ecs.vcpu",
                            ErrorDetail::FargateVcpu { got: *vcpu },
                        )
                    })?;
                check_range("target.fargate_ecs.memory_gb", *memory_gb, 0.5, 120.0)?;
                if !sizes.iter().any(|gb| (gb - memory_gb).abs() < 1e-9) {
                    return Err(ScenarioError::new(
                        "target.fargate_ecs.memory_gb",
                        ErrorDetail::FargateMemory {
                            vcpu: *vcpu,
                            valid: sizes,
                        },
                    ));
                }
            }
            Target::FargateEks {} => {}
            Target::CloudRun {
                vcpu,
                memory_mib,
                concurrency,
            } => {
                check_range("target.cloud_run.vcpu", *vcpu, 0.08, 8.0)?;
                check_range("target.cloud_run.memory_mib", *memory_mib, 128.0, 32768.0)?;
                check_count("target.cloud_run.concurrency", *concurrency, 1, 1000)?;
                let needed = crate::serverless::cloud_run_min_vcpu(*memory_mib);
                if *vcpu < needed {
                    return Err(ScenarioError::new(
                        "target.cloud_run.vcpu",
                        ErrorDetail::CloudRunVcpu {
                            needed,
                            memory_mib: *memory_mib,
                        },
                    ));
                }
            }
        }
        Ok(())
    }
}
