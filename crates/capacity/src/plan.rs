//! The calculation: memory per container, CPU by Little's law, packing onto nodes, the verdict.

use serde::{Deserialize, Serialize};

use crate::allocatable::{node_allocatable, NodeAllocatable, NodeKind};
use crate::configs::{generate_configs, Configs};
use crate::error::ScenarioError;
use crate::format::{int, num, percent, plural};
use crate::node_catalog::Provider;
use crate::scenario::{
    Framework, ReservationModel, Scenario, Target, WorkerClass, WorkerCount, WorkerModel,
};
use crate::sources::Source;
use crate::trace::{Step, Trace, TraceStep};
use crate::warning::{Severity, Warning, WarningCode};
use crate::workers::resolve_workers;

/// Everything the calculator concludes about a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityResult {
    /// The deployment as described works: memory within limits, a container fits a node, and
    /// the machines or nodes available suffice.
    pub fits: bool,
    pub summary: String,
    pub workers_per_container: u32,
    pub memory: MemoryPlan,
    pub node: NodeAllocatable,
    pub cpu: CpuPlan,
    /// Serving containers plus spares (N+k).
    pub containers_needed: u64,
    pub containers_serving: u64,
    pub spare_containers: u64,
    /// How many containers one node holds (0: not even one).
    pub containers_per_node: u64,
    pub nodes_needed: u64,
    /// The resource that limits containers per node.
    pub binding_resource: BindingResource,
    pub stranded: StrandedCapacity,
    pub qos_class: QosClass,
    pub warnings: Vec<Warning>,
    /// What would fit, when the scenario does not.
    pub suggestion: Option<FitSuggestion>,
    pub configs: Configs,
    pub trace: Vec<TraceStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryPlan {
    /// The manager process (uvicorn supervisor, gunicorn master), without the app.
    pub manager_mib: f64,
    /// Memory each worker holds on its own.
    pub private_per_worker_mib: f64,
    /// Pages shared by all workers (gunicorn `--preload`), counted once.
    pub shared_mib: f64,
    /// manager + workers x private + shared.
    pub per_container_mib: f64,
    /// The container memory limit (and request) used: given, or proposed with headroom.
    pub limit_mib: f64,
    pub limit_given: bool,
    /// limit - per_container; negative means an OOM kill.
    pub container_headroom_mib: f64,
    /// What our containers use on a fully packed node (or on the one node they need).
    pub per_node_mib: f64,
    /// Node memory left after reservations, DaemonSets and our containers' requests.
    pub node_headroom_mib: f64,
    /// Our containers' memory requests over the node's allocatable memory.
    pub utilization_per_node: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpuPlan {
    /// Little's law: requests per second x latency.
    pub in_flight_requests: f64,
    /// RPS x CPU-seconds per request / target utilization.
    pub cores_needed: f64,
    pub worker_processes_needed: u64,
    /// CPU one worker can use: 1 core for an async worker (GIL), CPU share of latency for sync.
    pub cores_per_worker: f64,
    pub request_millicores_per_container: f64,
    pub limit_millicores_per_container: Option<f64>,
    /// CPU in use at the given traffic over the allocatable CPU of the nodes needed.
    pub utilization_per_node: f64,
    /// Single-server queueing at the target: response time = service time / (1 - utilization).
    pub queueing_slowdown: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BindingResource {
    Memory,
    Cpu,
    Pods,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrandedCapacity {
    /// Available CPU a full node cannot use because the next container does not fit.
    pub cpu_millicores_per_node: f64,
    pub memory_mib_per_node: f64,
}

/// Kubernetes QoS class of the emitted requests and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QosClass {
    Guaranteed,
    Burstable,
    BestEffort,
}

/// Changes that would make a scenario fit; each is `None` when it would not help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitSuggestion {
    /// Most workers per container that fit, everything else unchanged.
    pub max_workers_that_fit: Option<u32>,
    /// Container memory limit the current workers need.
    pub container_memory_limit_mib: Option<f64>,
    /// Machine or node memory that fits the current workers (machine, node by cores and memory,
    /// Cloud Run).
    pub target_memory_mib: Option<f64>,
    /// Smallest known node type of the same provider that fits.
    pub node_type: Option<String>,
    /// Smallest Fargate size that fits: (vCPU, GB).
    pub fargate_size: Option<(f64, f64)>,
    pub message: String,
}

/// Evaluates a scenario: validation, then the full result with configs, trace and, when it does
/// not fit, a suggestion.
pub fn evaluate(s: &Scenario) -> Result<CapacityResult, ScenarioError> {
    s.validate()?;
    let mut result = compute(s)?;
    if !result.fits {
        result.suggestion = Some(suggest_fit_validated(s, &result)?);
    }
    Ok(result)
}

/// Parses and evaluates a JSON scenario.
pub fn evaluate_json(json: &str) -> Result<CapacityResult, ScenarioError> {
    evaluate(&crate::parse_scenario(json)?)
}

/// The most workers per container (at most `up_to`) with which the scenario fits; 0 if none.
pub fn max_workers_that_fit(s: &Scenario, up_to: u32) -> Result<u32, ScenarioError> {
    s.validate()?;
    Ok(max_workers_validated(s, up_to))
}

fn max_workers_validated(s: &Scenario, up_to: u32) -> u32 {
    let upper = if matches!(s.server, WorkerModel::SingleProcess) {
        1
    } else {
        up_to.min(crate::scenario::MAX_WORKERS)
    };
    let mut candidate = s.clone();
    for n in (1..=upper).rev() {
        candidate.workers = WorkerCount::Fixed(n);
        if compute(&candidate).map(|r| r.fits).unwrap_or(false) {
            return n;
        }
    }
    0
}

/// Rounds up to whole MiB multiples: limits look like 4,992 MiB, not 4,978.6.
fn round_up_to(value: f64, step: f64) -> f64 {
    ((value - 1e-9) / step).ceil().max(1.0) * step
}

/// `ceil` that forgives float noise: 100 x 0.012 / 0.6 = 2.0000000000000004 needs 2, not 3.
fn ceil_count(value: f64) -> u64 {
    let c = (value - 1e-9).ceil();
    if c <= 0.0 {
        0
    } else {
        c as u64
    }
}

pub(crate) fn compute(s: &Scenario) -> Result<CapacityResult, ScenarioError> {
    let mut trace = Trace::default();
    let resolved = resolve_workers(s, &mut trace)?;
    let workers = resolved.count;
    let n = f64::from(workers);
    let app = &s.app;
    let per_process = app.process_mib + app.model_mib;

    // Memory per container: master + N x private + shared once (capacity-facts "Process models").
    let (manager, private, shared) = match &s.server {
        WorkerModel::Uvicorn => {
            // uvicorn runs in one process when --workers is 1; the supervisor appears above 1.
            let manager = if workers > 1 { app.manager_mib } else { 0.0 };
            trace.step(
                Step::MemoryUvicorn {
                    workers,
                    manager_mib: manager,
                    process_mib: app.process_mib,
                    model_mib: app.model_mib,
                    per_worker_mib: per_process,
                },
                format!(
                    "uvicorn --workers {workers}: {}spawned workers share nothing, so each holds {} MiB + {} MiB model = {} MiB",
                    if workers > 1 { format!("a supervisor ({} MiB) plus {workers} ", int(manager)) } else { String::new() },
                    int(app.process_mib),
                    int(app.model_mib),
                    int(per_process)
                ),
                Source::UvicornSpawn,
            );
            (manager, per_process, 0.0)
        }
        WorkerModel::Gunicorn(g) if g.preload => {
            // CUDA state does not survive fork: the model loads again in every worker.
            let shareable = if app.framework == Framework::PytorchCuda {
                app.process_mib
            } else {
                per_process
            };
            let shared = g.shared_fraction * shareable;
            let private = per_process - shared;
            trace.step(
                Step::MemoryPreload {
                    workers,
                    manager_mib: app.manager_mib,
                    shared_fraction: g.shared_fraction,
                    shareable_mib: shareable,
                    shared_mib: shared,
                    private_mib: private,
                    cuda: app.framework == Framework::PytorchCuda,
                },
                format!(
                    "gunicorn --preload: a master ({} MiB) loads the app before forking {workers} workers; {} of {} MiB stays shared = {} MiB once, {} MiB private per worker{}",
                    int(app.manager_mib),
                    percent(g.shared_fraction),
                    int(shareable),
                    int(shared),
                    int(private),
                    if app.framework == Framework::PytorchCuda { " (the CUDA model loads per worker)" } else { "" }
                ),
                Source::GunicornPreload,
            );
            (app.manager_mib, private, shared)
        }
        WorkerModel::Gunicorn(_) => {
            trace.step(
                Step::MemoryGunicorn {
                    workers,
                    manager_mib: app.manager_mib,
                    process_mib: app.process_mib,
                    model_mib: app.model_mib,
                    per_worker_mib: per_process,
                },
                format!(
                    "gunicorn without --preload: a master ({} MiB) plus {workers} workers that each load the app: {} MiB + {} MiB model = {} MiB",
                    int(app.manager_mib),
                    int(app.process_mib),
                    int(app.model_mib),
                    int(per_process)
                ),
                Source::GunicornDesign,
            );
            (app.manager_mib, per_process, 0.0)
        }
        WorkerModel::SingleProcess => {
            trace.step(
                Step::MemorySingleProcess {
                    process_mib: app.process_mib,
                    model_mib: app.model_mib,
                    per_worker_mib: per_process,
                },
                format!(
                    "one process per container: {} MiB + {} MiB model = {} MiB",
                    int(app.process_mib),
                    int(app.model_mib),
                    int(per_process)
                ),
                Source::Pss,
            );
            (0.0, per_process, 0.0)
        }
    };
    let per_container = manager + n * private + shared;
    trace.step(
        Step::MemoryPerContainer {
            manager_mib: manager,
            workers,
            private_mib: private,
            shared_mib: shared,
            per_container_mib: per_container,
        },
        format!(
            "per container: {} MiB manager + {workers} x {} MiB + {} MiB shared = {} MiB",
            int(manager),
            int(private),
            int(shared),
            int(per_container)
        ),
        Source::Pss,
    );

    let (limit, limit_given) = match s.container.memory_limit_mib {
        Some(limit) => (limit, true),
        None => {
            let proposed = round_up_to(per_container * (1.0 + s.container.memory_headroom), 64.0);
            trace.step(
                Step::MemoryLimitProposed {
                    per_container_mib: per_container,
                    headroom: s.container.memory_headroom,
                    limit_mib: proposed,
                },
                format!(
                    "proposed memory limit and request: {} MiB + {} headroom, rounded up to 64 MiB = {} MiB",
                    int(per_container),
                    percent(s.container.memory_headroom),
                    int(proposed)
                ),
                Source::DockerLimits,
            );
            (proposed, false)
        }
    };

    // CPU (capacity-facts "Throughput and utilization").
    let rps = s.traffic.requests_per_second;
    let u = s.target_utilization;
    let in_flight = rps * app.latency_seconds;
    let cores_needed = rps * app.cpu_seconds_per_request / u;
    let sync = matches!(&s.server, WorkerModel::Gunicorn(g) if g.worker_class == WorkerClass::Sync);
    trace.step(
        Step::InFlight {
            rps,
            latency_seconds: app.latency_seconds,
            in_flight,
        },
        format!(
            "requests in flight: {} req/s x {} s = {}",
            num(rps),
            num(app.latency_seconds),
            num(in_flight)
        ),
        Source::Little,
    );
    trace.step(
        Step::CoresNeeded {
            rps,
            cpu_seconds: app.cpu_seconds_per_request,
            target_utilization: u,
            cores: cores_needed,
        },
        format!(
            "CPU: {} req/s x {} CPU-s / {} target = {} cores",
            num(rps),
            num(app.cpu_seconds_per_request),
            num(u),
            num(cores_needed)
        ),
        Source::CpuCores,
    );
    let (processes_needed, cores_per_worker) = if sync {
        let by_concurrency = in_flight / u;
        let processes = ceil_count(cores_needed).max(ceil_count(by_concurrency));
        trace.step(
            Step::SyncWorkers {
                in_flight,
                target_utilization: u,
                by_concurrency,
                processes,
            },
            format!(
                "sync workers serve one request at a time: {} in flight / {} = {} workers; with the CPU bound, {processes} worker processes",
                num(in_flight),
                num(u),
                num(by_concurrency)
            ),
            Source::SyncWorkers,
        );
        // A sync worker computes for cpu_seconds of every latency_seconds it is busy.
        (
            processes,
            (app.cpu_seconds_per_request / app.latency_seconds).min(1.0),
        )
    } else {
        let processes = ceil_count(cores_needed);
        trace.step(
            Step::AsyncWorkers { processes },
            format!(
                "one Python process uses about one core: {}",
                plural(processes, "worker process")
            ),
            Source::CpuCores,
        );
        (processes, 1.0)
    };

    let node_cpu_cap = match &s.target {
        Target::Kubernetes(_) | Target::FargateEks {} => None,
        _ => Some(target_cores(s) * 1000.0),
    };
    let mut cpu_request = match (s.container.cpu_request_cores, s.container.cpu_limit_cores) {
        (Some(request), _) => request * 1000.0,
        // Kubernetes: only a limit set means request = limit.
        (None, Some(limit)) => limit * 1000.0,
        (None, None) => round_up_to(n * cores_per_worker * 1000.0, 10.0),
    };
    if let Some(cap) = node_cpu_cap {
        // Docker rejects --cpus above the machine's CPUs; the workers then share what there is.
        cpu_request = cpu_request.min(cap);
    }
    let cpu_limit = s.container.cpu_limit_cores.map(|c| c * 1000.0);
    trace.step(
        Step::CpuRequest {
            request_millicores: cpu_request,
            workers,
            cores_per_worker,
            as_given: s.container.cpu_request_cores.is_some() || cpu_limit.is_some(),
            limit_millicores: cpu_limit,
        },
        format!(
            "CPU request per container: {}m ({} x {} cores{}){}",
            num(cpu_request),
            plural(u64::from(workers), "worker"),
            num(cores_per_worker),
            if s.container.cpu_request_cores.is_some() || cpu_limit.is_some() {
                ", or as given"
            } else {
                ""
            },
            match cpu_limit {
                Some(l) => format!("; limit {}m", num(l)),
                None => "; no CPU limit".to_string(),
            }
        ),
        Source::K8sQos,
    );

    let node = node_allocatable(&s.target, cpu_request, limit, &mut trace);
    let eks_fargate_too_big = matches!(s.target, Target::FargateEks {})
        && crate::serverless::fargate_eks_size(cpu_request / 1000.0, limit).is_none();

    // Serving containers: enough worker processes, and for Cloud Run enough concurrency slots.
    let mut serving = ceil_count(processes_needed as f64 / n).max(1);
    trace.step(
        Step::ContainersForTraffic {
            processes: processes_needed,
            workers,
            containers: serving,
        },
        format!("containers for the traffic: ceil({processes_needed} processes / {workers} per container) = {serving} (at least 1)"),
        Source::CpuCores,
    );
    if let Target::CloudRun { concurrency, .. } = &s.target {
        let by_concurrency = ceil_count(in_flight / (f64::from(*concurrency) * u)).max(1);
        if by_concurrency > serving {
            trace.step(
                Step::CloudRunConcurrency {
                    in_flight,
                    concurrency: *concurrency,
                    target_utilization: u,
                    instances: by_concurrency,
                },
                format!(
                    "Cloud Run concurrency: {} in flight / ({concurrency} per instance x {}) = {by_concurrency} instances",
                    num(in_flight),
                    num(u)
                ),
                Source::CloudRun,
            );
            serving = by_concurrency;
        }
    }
    let spares = u64::from(s.redundancy);
    let containers = serving.saturating_add(spares);
    trace.step(
        Step::Redundancy {
            serving,
            spares,
            containers,
        },
        format!(
            "N+{spares}: {serving} serving + {spares} spare = {}",
            plural(containers, "container")
        ),
        Source::Redundancy,
    );

    // Packing identical containers onto nodes, per resource; the smallest count binds.
    let mem_request = limit;
    let by_memory = if node.available_memory_mib + 1e-9 >= mem_request {
        (node.available_memory_mib / mem_request + 1e-9).floor() as u64
    } else {
        0
    };
    let by_cpu = if node.available_cpu_millicores + 1e-9 >= cpu_request {
        (node.available_cpu_millicores / cpu_request + 1e-9).floor() as u64
    } else {
        0
    };
    let by_pods = if eks_fargate_too_big {
        0
    } else {
        u64::from(node.available_pods)
    };
    let mut binding = BindingResource::Memory;
    let mut per_node = by_memory;
    if by_cpu < per_node {
        binding = BindingResource::Cpu;
        per_node = by_cpu;
    }
    if by_pods < per_node {
        binding = BindingResource::Pods;
        per_node = by_pods;
    }
    let nodes_needed = if per_node == 0 {
        // Not even one fits; counting one node per container keeps the number monotone.
        containers
    } else {
        containers.div_ceil(per_node)
    };
    let per_node_text = |v: u64| {
        if v > 1_000_000 {
            "unlimited".to_string()
        } else {
            v.to_string()
        }
    };
    trace.step(
        Step::PerNode {
            available_mib: node.available_memory_mib,
            request_mib: mem_request,
            by_memory,
            available_millicores: node.available_cpu_millicores,
            request_millicores: cpu_request,
            by_cpu,
            by_pods: (by_pods <= 1_000_000).then_some(by_pods),
            per_node,
            binding,
            nodes: nodes_needed,
            containers,
        },
        format!(
            "per node: memory {} MiB / {} MiB = {}; CPU {}m / {}m = {}; pod slots {}; {} per node ({} binds); {} node{} for {}",
            int(node.available_memory_mib),
            int(mem_request),
            by_memory,
            num(node.available_cpu_millicores),
            num(cpu_request),
            by_cpu,
            per_node_text(by_pods),
            per_node,
            binding_name(binding),
            nodes_needed,
            if nodes_needed == 1 { "" } else { "s" },
            plural(containers, "container")
        ),
        Source::Packing,
    );
    let on_full_node = per_node.min(containers).max(1);
    let per_node_mib = on_full_node as f64 * per_container;
    let stranded = if per_node > 0 {
        StrandedCapacity {
            cpu_millicores_per_node: (node.available_cpu_millicores
                - per_node as f64 * cpu_request)
                .max(0.0),
            memory_mib_per_node: (node.available_memory_mib - per_node as f64 * mem_request)
                .max(0.0),
        }
    } else {
        StrandedCapacity {
            cpu_millicores_per_node: node.available_cpu_millicores,
            memory_mib_per_node: node.available_memory_mib,
        }
    };
    if per_node > 0 && containers > 1 {
        trace.step(
            Step::Stranded {
                millicores: stranded.cpu_millicores_per_node,
                memory_mib: stranded.memory_mib_per_node,
            },
            format!(
                "a full node strands {}m CPU and {} MiB that no further container fits into",
                num(stranded.cpu_millicores_per_node),
                int(stranded.memory_mib_per_node)
            ),
            Source::Packing,
        );
    }

    let nodes_for_division = nodes_needed.max(1) as f64;
    let cpu_in_use = rps * app.cpu_seconds_per_request * 1000.0;
    let cpu_utilization = if node.allocatable_cpu_millicores > 0.0 {
        cpu_in_use / (nodes_for_division * node.allocatable_cpu_millicores)
    } else {
        0.0
    };
    let memory_utilization = if node.allocatable_memory_mib > 0.0 {
        on_full_node as f64 * mem_request / node.allocatable_memory_mib
    } else {
        0.0
    };
    trace.step(
        Step::Utilization {
            cores_in_use: cpu_in_use / 1000.0,
            nodes: nodes_needed,
            allocatable_millicores: node.allocatable_cpu_millicores,
            utilization: cpu_utilization,
        },
        format!(
            "utilization per node: {} cores in use / ({nodes_needed} x {}m) = {}",
            num(cpu_in_use / 1000.0),
            num(node.allocatable_cpu_millicores),
            percent(cpu_utilization)
        ),
        Source::Utilization,
    );
    let queueing_slowdown = 1.0 / (1.0 - u).max(0.01);
    trace.step(
        Step::Queueing {
            target_utilization: u,
            slowdown: queueing_slowdown,
        },
        format!(
            "at {} utilization a request waits: response time = service time / (1 - {}) = {}x",
            percent(u),
            num(u),
            num(queueing_slowdown)
        ),
        Source::Queueing,
    );

    // QoS: memory request = limit always; CPU decides between Guaranteed and Burstable.
    let qos_class = match cpu_limit {
        Some(l) if (l - cpu_request).abs() < 1e-6 => QosClass::Guaranteed,
        _ => QosClass::Burstable,
    };
    trace.step(
        Step::Qos {
            class: qos_class,
            memory_mib: mem_request,
            request_millicores: cpu_request,
            limit_millicores: cpu_limit,
        },
        format!(
            "QoS {}: memory request = limit = {} MiB; CPU request {}m, {}",
            qos_name(qos_class),
            int(mem_request),
            num(cpu_request),
            match cpu_limit {
                Some(l) => format!("limit {}m", num(l)),
                None => "no CPU limit".to_string(),
            }
        ),
        Source::K8sQos,
    );

    // The verdict.
    let fits_limit = per_container <= limit + 1e-9;
    let node_limit: Option<u64> = match &s.target {
        Target::Machine { .. } => Some(1),
        Target::Kubernetes(k) => k.node_count.map(u64::from),
        _ => None,
    };
    let enough_nodes = node_limit.is_none_or(|max| nodes_needed <= max);
    let fits = fits_limit && per_node > 0 && enough_nodes;

    let mut warnings = Vec::new();
    if !fits_limit {
        warnings.push(Warning::new(
            WarningCode::MemoryOverLimit,
            Severity::Error,
            format!(
                "The container needs {} MiB but its memory limit is {} MiB: the kernel OOM-kills it (exit code 137).",
                int(per_container),
                int(limit)
            ),
            &[("needed_mib", per_container), ("limit_mib", limit)],
        ));
    }
    if by_memory == 0 {
        warnings.push(Warning::new(
            WarningCode::MemoryOverNode,
            Severity::Error,
            format!(
                "One container needs {} MiB of memory, but a {} has only {} MiB available{}.",
                int(mem_request),
                node_word(node.kind),
                int(node.available_memory_mib),
                if node.kind == NodeKind::KubernetesNode {
                    " after reservations and DaemonSets"
                } else {
                    ""
                }
            ),
            &[
                ("needed_mib", mem_request),
                ("available_mib", node.available_memory_mib),
            ],
        ));
    }
    if by_cpu == 0 {
        warnings.push(Warning::new(
            WarningCode::CpuOverNode,
            Severity::Error,
            format!(
                "One container requests {}m CPU, but a node has only {}m available: the pod stays Pending.",
                num(cpu_request),
                num(node.available_cpu_millicores)
            ),
            &[("requested_millicores", cpu_request), ("available_millicores", node.available_cpu_millicores)],
        ));
    }
    if by_pods == 0 {
        warnings.push(Warning::new(
            WarningCode::NoPodSlots,
            Severity::Error,
            if eks_fargate_too_big {
                "No Fargate size is large enough for this pod (at most 16 vCPU, 120 GB)."
                    .to_string()
            } else {
                format!(
                    "DaemonSets take all {} pod slots of the node.",
                    node.max_pods
                )
            },
            &[("max_pods", f64::from(node.max_pods))],
        ));
    }
    if per_node > 0 && !enough_nodes {
        let max = node_limit.unwrap_or(1);
        warnings.push(Warning::new(
            WarningCode::NotEnoughNodes,
            Severity::Error,
            format!(
                "{containers} containers need {nodes_needed} {}s, but there {} {max}.",
                node_word(node.kind),
                if max == 1 { "is" } else { "are" }
            ),
            &[
                ("nodes_needed", nodes_needed as f64),
                ("nodes_available", max as f64),
                ("containers", containers as f64),
            ],
        ));
    }
    if let Some(host) = resolved.host_cores_read {
        let limit_cores = s.container.cpu_limit_cores.unwrap_or(0.0);
        warnings.push(Warning::new(
            WarningCode::WorkersFromHostCores,
            Severity::Warning,
            format!(
                "The worker formula read the host's {} CPUs (multiprocessing.cpu_count()), not the container's CPU limit{}: {workers} workers.",
                num(host),
                if limit_cores > 0.0 { format!(" of {}", num(limit_cores)) } else { String::new() }
            ),
            &[("host_cores", host), ("cpu_limit_cores", limit_cores), ("workers", n)],
        ));
    }
    if matches!(s.target, Target::Kubernetes(_)) && workers > 1 {
        warnings.push(Warning::new(
            WarningCode::OomKillsWholeContainer,
            Severity::Warning,
            format!(
                "On cgroup v2 (Kubernetes 1.28+), an OOM in one of the {workers} workers kills the whole container (memory.oom.group); kubelet 1.32's singleProcessOOMKill turns that off."
            ),
            &[("workers", n)],
        ));
    }
    if u > 0.9 {
        warnings.push(Warning::new(
            WarningCode::UtilizationAboveBand,
            Severity::Warning,
            format!(
                "A target utilization of {} leaves little headroom: response times grow {}x (1 / (1 - {})); stay between 50% and 90%.",
                percent(u),
                num(queueing_slowdown),
                num(u)
            ),
            &[("target_utilization", u), ("slowdown", queueing_slowdown)],
        ));
    } else if u < 0.5 {
        warnings.push(Warning::new(
            WarningCode::UtilizationBelowBand,
            Severity::Warning,
            format!("A target utilization of {} pays for mostly idle CPU; 50% to 90% is the usual band.", percent(u)),
            &[("target_utilization", u)],
        ));
    }
    if let WorkerModel::Gunicorn(g) = &s.server {
        if g.preload && matches!(app.framework, Framework::Pytorch | Framework::PytorchCuda) {
            warnings.push(Warning::new(
                WarningCode::PreloadWithPytorch,
                Severity::Warning,
                "PyTorch and --preload: CUDA does not survive fork (GPU models must load per worker) and torch's thread pools can hang in forked workers; load the model in each worker instead.".to_string(),
                &[("shared_fraction", g.shared_fraction)],
            ));
        }
        if g.preload && g.shared_fraction > 0.4 {
            warnings.push(Warning::new(
                WarningCode::SharingOptimistic,
                Severity::Warning,
                format!(
                    "Sharing {} with --preload is optimistic: reference counts and GC copy pages back; field reports save 20-40%.",
                    percent(g.shared_fraction)
                ),
                &[("shared_fraction", g.shared_fraction)],
            ));
        }
    }
    if containers == 1 {
        warnings.push(Warning::new(
            WarningCode::SingleReplica,
            Severity::Warning,
            "A single container: a crash or a rolling update leaves nothing serving; add redundancy (N+1).".to_string(),
            &[("containers", 1.0)],
        ));
    }
    let cpus_for_container = match (cpu_limit, s.container.cpu_request_cores) {
        (Some(l), _) => l / 1000.0,
        (None, Some(r)) => r,
        (None, None) => cpu_request / 1000.0,
    };
    if app.framework.uses_native_threads() {
        let host = crate::workers::host_cpu_count(s);
        let threads = app.omp_num_threads.map(f64::from).unwrap_or(host);
        let cpus_whole = cpus_for_container.ceil().max(1.0);
        if n * threads > cpus_whole {
            let suggested = (cpus_for_container / n).floor().max(1.0);
            warnings.push(Warning::new(
                WarningCode::ThreadOversubscription,
                Severity::Warning,
                format!(
                    "{workers} workers x {} threads each = {} threads on {} CPUs: set OMP_NUM_THREADS={} (and torch.set_num_threads).",
                    num(threads),
                    num(n * threads),
                    num(cpus_for_container),
                    num(suggested)
                ),
                &[("workers", n), ("threads_per_worker", threads), ("cpus", cpus_for_container), ("suggested_omp_num_threads", suggested)],
            ));
        }
    }
    if let Some(l) = cpu_limit {
        let usable = n * cores_per_worker * 1000.0;
        if l + 1e-9 < usable && cores_needed * 1000.0 > l {
            warnings.push(Warning::new(
                WarningCode::CpuLimitBelowWorkers,
                Severity::Warning,
                format!(
                    "{workers} workers can use {}m CPU but the limit is {}m: under load they are throttled.",
                    num(usable),
                    num(l)
                ),
                &[("workers", n), ("usable_millicores", usable), ("limit_millicores", l)],
            ));
        }
    }
    if matches!(s.workers, WorkerCount::LegacyImage { .. }) {
        warnings.push(Warning::new(
            WarningCode::LegacyImageDeprecated,
            Severity::Info,
            "tiangolo/uvicorn-gunicorn(-fastapi) is deprecated: use uvicorn --workers / fastapi run --workers on one server, or one process per container on a cluster.".to_string(),
            &[],
        ));
    }
    if let Target::Kubernetes(k) = &s.target {
        let node_provider = crate::allocatable::resolve_node(k).provider;
        let model_provider = match k.reservation {
            ReservationModel::Gke => Some(Provider::Gke),
            ReservationModel::Eks => Some(Provider::Eks),
            ReservationModel::Aks | ReservationModel::AksPre129 => Some(Provider::Aks),
            _ => None,
        };
        if let (Some(a), Some(b)) = (node_provider, model_provider) {
            if a != b {
                warnings.push(Warning::new(
                    WarningCode::ProviderMismatch,
                    Severity::Warning,
                    format!("The node type is a {a:?} type but the reservation model is {b:?}'s."),
                    &[],
                ));
            }
        }
    }

    let summary = if fits {
        format!(
            "Fits: {containers} container{} of {workers} worker{} ({} MiB each) on {nodes_needed} {}{}.",
            if containers == 1 { "" } else { "s" },
            if workers == 1 { "" } else { "s" },
            int(per_container),
            node_word(node.kind),
            if nodes_needed == 1 { "" } else { "s" }
        )
    } else {
        let why = warnings
            .iter()
            .find(|w| w.severity == Severity::Error)
            .map(|w| w.message.clone())
            .unwrap_or_default();
        format!("Does not fit: {why}")
    };
    let verdict = if fits {
        Step::Fits {
            containers,
            workers,
            per_container_mib: per_container,
            nodes: nodes_needed,
        }
    } else {
        Step::DoesNotFit {
            warning: warnings
                .iter()
                .find(|w| w.severity == Severity::Error)
                .map(|w| w.code),
        }
    };
    trace.step(verdict, summary.clone(), Source::GuideResources);

    let mut result = CapacityResult {
        fits,
        summary,
        workers_per_container: workers,
        memory: MemoryPlan {
            manager_mib: manager,
            private_per_worker_mib: private,
            shared_mib: shared,
            per_container_mib: per_container,
            limit_mib: limit,
            limit_given,
            container_headroom_mib: limit - per_container,
            per_node_mib,
            node_headroom_mib: node.available_memory_mib - on_full_node as f64 * mem_request,
            utilization_per_node: memory_utilization,
        },
        node,
        cpu: CpuPlan {
            in_flight_requests: in_flight,
            cores_needed,
            worker_processes_needed: processes_needed,
            cores_per_worker,
            request_millicores_per_container: cpu_request,
            limit_millicores_per_container: cpu_limit,
            utilization_per_node: cpu_utilization,
            queueing_slowdown,
        },
        containers_needed: containers,
        containers_serving: serving,
        spare_containers: spares,
        containers_per_node: per_node,
        nodes_needed,
        binding_resource: binding,
        stranded,
        qos_class,
        warnings,
        suggestion: None,
        configs: Configs::default(),
        trace: Vec::new(),
    };
    result.configs = generate_configs(s, &result);
    result.trace = trace.steps;
    Ok(result)
}

/// Cores of the machine or serverless instance (for capping CPU requests there).
fn target_cores(s: &Scenario) -> f64 {
    match &s.target {
        Target::Machine { cores, .. } => *cores,
        Target::FargateEcs { vcpu, .. } | Target::CloudRun { vcpu, .. } => *vcpu,
        Target::Kubernetes(k) => crate::allocatable::resolve_node(k).cores,
        Target::FargateEks {} => 16.0,
    }
}

fn node_word(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Machine => "machine",
        NodeKind::KubernetesNode => "node",
        NodeKind::FargateTask => "Fargate task",
        NodeKind::CloudRunInstance => "Cloud Run instance",
    }
}

fn binding_name(b: BindingResource) -> &'static str {
    match b {
        BindingResource::Memory => "memory",
        BindingResource::Cpu => "CPU",
        BindingResource::Pods => "pod slots",
    }
}

pub(crate) fn qos_name(q: QosClass) -> &'static str {
    match q {
        QosClass::Guaranteed => "Guaranteed",
        QosClass::Burstable => "Burstable",
        QosClass::BestEffort => "BestEffort",
    }
}

/// Suggests changes that make the scenario fit; `None` when it already fits.
pub fn suggest_fit(s: &Scenario) -> Result<Option<FitSuggestion>, ScenarioError> {
    s.validate()?;
    let result = compute(s)?;
    if result.fits {
        return Ok(None);
    }
    suggest_fit_validated(s, &result).map(Some)
}

fn fits(s: &Scenario) -> bool {
    s.validate().is_ok() && compute(s).map(|r| r.fits).unwrap_or(false)
}

fn suggest_fit_validated(
    s: &Scenario,
    result: &CapacityResult,
) -> Result<FitSuggestion, ScenarioError> {
    let workers = result.workers_per_container;
    let max_workers = match max_workers_validated(s, workers.saturating_sub(1)) {
        0 => None,
        n => Some(n),
    };
    // With a given limit that is too small, the limit is the first thing to change.
    let mut relaxed = s.clone();
    let container_limit = if result.memory.limit_given && result.memory.container_headroom_mib < 0.0
    {
        relaxed.container.memory_limit_mib = None;
        Some(round_up_to(
            result.memory.per_container_mib * (1.0 + s.container.memory_headroom),
            64.0,
        ))
    } else {
        None
    };

    let mut target_memory = None;
    let mut node_type = None;
    let mut fargate_size = None;
    // Only look for a bigger target when the right container limit alone is not enough.
    let target_blocks = !fits(&relaxed);
    match &s.target {
        _ if !target_blocks => {}
        Target::Machine { .. } => {
            target_memory = smallest_memory(
                &relaxed,
                |c, m| {
                    if let Target::Machine { memory_mib, .. } = &mut c.target {
                        *memory_mib = m;
                    }
                },
                crate::scenario::MAX_MEMORY_MIB,
            );
        }
        Target::Kubernetes(k) if k.node.instance_type.is_none() => {
            target_memory = smallest_memory(
                &relaxed,
                |c, m| {
                    if let Target::Kubernetes(k) = &mut c.target {
                        k.node.memory_mib = Some(m);
                    }
                },
                crate::scenario::MAX_MEMORY_MIB,
            );
        }
        Target::Kubernetes(k) => {
            if let Some(provider) = crate::allocatable::resolve_node(k).provider {
                node_type = crate::node_catalog::of_provider(provider)
                    .find(|shape| {
                        let mut c = relaxed.clone();
                        if let Target::Kubernetes(k) = &mut c.target {
                            k.node.instance_type = Some(shape.name.to_string());
                        }
                        fits(&c)
                    })
                    .map(|shape| shape.name.to_string());
            }
        }
        Target::FargateEcs { .. } => {
            fargate_size = crate::serverless::FARGATE_VCPUS.iter().find_map(|v| {
                crate::serverless::fargate_memory_options_gb(*v)?
                    .into_iter()
                    .find_map(|gb| {
                        let mut c = relaxed.clone();
                        c.target = Target::FargateEcs {
                            vcpu: *v,
                            memory_gb: gb,
                        };
                        fits(&c).then_some((*v, gb))
                    })
            });
        }
        Target::CloudRun {
            vcpu, concurrency, ..
        } => {
            let (vcpu, concurrency) = (*vcpu, *concurrency);
            target_memory = smallest_memory(
                &relaxed,
                move |c, m| {
                    c.target = Target::CloudRun {
                        vcpu: vcpu.max(crate::serverless::cloud_run_min_vcpu(m)),
                        memory_mib: m,
                        concurrency,
                    };
                },
                32768.0,
            );
        }
        Target::FargateEks {} => {}
    }

    let mut parts = Vec::new();
    if let Some(n) = max_workers {
        let verb = if n == 1 { "fits" } else { "fit" };
        parts.push(format!(
            "{} per container {verb}",
            plural(u64::from(n), "worker")
        ));
    }
    if let Some(l) = container_limit {
        parts.push(format!("a container memory limit of {} MiB", int(l)));
    }
    if let Some(m) = target_memory {
        parts.push(format!(
            "{} need a {} with {} MiB of memory",
            plural(u64::from(workers), "worker"),
            node_word(result.node.kind),
            int(m)
        ));
    }
    if let Some(t) = &node_type {
        parts.push(format!("the node type {t} fits"));
    }
    if let Some((v, gb)) = fargate_size {
        parts.push(format!(
            "a Fargate task of {} vCPU and {} GB fits",
            num(v),
            num(gb)
        ));
    }
    let message = if parts.is_empty() {
        "No single change found that makes this fit; lower the traffic or the memory per worker."
            .to_string()
    } else {
        format!("What fits: {}.", parts.join("; or "))
    };
    Ok(FitSuggestion {
        max_workers_that_fit: max_workers,
        container_memory_limit_mib: container_limit,
        target_memory_mib: target_memory,
        node_type,
        fargate_size,
        message,
    })
}

/// Smallest whole MiB at which the scenario fits, by bisection (fit is monotone in memory).
fn smallest_memory(s: &Scenario, set: impl Fn(&mut Scenario, f64), max: f64) -> Option<f64> {
    let with = |m: f64| {
        let mut c = s.clone();
        set(&mut c, m);
        fits(&c)
    };
    let max = max.floor();
    if !with(max) {
        return None;
    }
    let (mut lo, mut hi) = (0.0_f64, max); // lo does not fit (or is 0), hi fits
    while hi - lo > 1.0 {
        let mid = ((lo + hi) / 2.0).floor();
        if with(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}
