//! Worker processes per container: a fixed number, or the formula the server or image applies.

use crate::error::{ErrorDetail, ScenarioError};
use crate::format::num;
use crate::scenario::{CoresSource, Scenario, Target, WorkerCount, WorkerModel, MAX_WORKERS};
use crate::sources::Source;
use crate::trace::{Step, Trace};

/// The worker count and, when a formula read the host's CPU count, that count.
pub(crate) struct ResolvedWorkers {
    pub count: u32,
    pub host_cores_read: Option<f64>,
}

/// What `multiprocessing.cpu_count()` returns on the target: the machine's or node's CPUs.
/// On Fargate and Cloud Run the vCPU size rounded up stands in for it (an assumption: the
/// sandbox may show more CPUs than the size buys).
pub(crate) fn host_cpu_count(s: &Scenario) -> f64 {
    let cores = match &s.target {
        Target::Machine { cores, .. } => *cores,
        Target::Kubernetes(k) => crate::allocatable::resolve_node(k).cores,
        Target::FargateEcs { vcpu, .. } | Target::CloudRun { vcpu, .. } => *vcpu,
        Target::FargateEks {} => s
            .container
            .cpu_limit_cores
            .or(s.container.cpu_request_cores)
            .unwrap_or(1.0),
    };
    cores.ceil().max(1.0)
}

fn cores_for(s: &Scenario, source: CoresSource) -> (f64, Option<f64>) {
    match source {
        CoresSource::Host => {
            let host = host_cpu_count(s);
            (host, Some(host))
        }
        // A 1.5-CPU limit still runs on 2 cores at once, so round up.
        CoresSource::ContainerLimit => (
            s.container.cpu_limit_cores.unwrap_or(1.0).ceil().max(1.0),
            None,
        ),
    }
}

fn cap(count: f64, trace: &mut Trace) -> u32 {
    let max = f64::from(MAX_WORKERS);
    if count > max {
        trace.step(
            Step::WorkersCapped { max: MAX_WORKERS },
            format!("capped at {MAX_WORKERS} workers, the calculator's limit"),
            Source::GuideResources,
        );
        MAX_WORKERS
    } else {
        count.max(1.0) as u32
    }
}

pub(crate) fn resolve_workers(
    s: &Scenario,
    trace: &mut Trace,
) -> Result<ResolvedWorkers, ScenarioError> {
    let mut host_cores_read = None;
    let count = match &s.workers {
        WorkerCount::Fixed(n) => {
            trace.step(
                Step::WorkersFixed { workers: *n },
                format!(
                    "{} per container, as given",
                    crate::format::plural(u64::from(*n), "worker process")
                ),
                Source::ServerDefault,
            );
            *n
        }
        WorkerCount::ServerDefault { web_concurrency } => {
            let n = web_concurrency.unwrap_or(1);
            let how = match web_concurrency {
                Some(_) => format!("WEB_CONCURRENCY={n}"),
                None => "WEB_CONCURRENCY unset, so 1".to_string(),
            };
            trace.step(
                Step::WorkersServerDefault {
                    web_concurrency: *web_concurrency,
                    workers: n,
                },
                format!("server default: {how} worker per container"),
                Source::ServerDefault,
            );
            n
        }
        WorkerCount::GunicornRule { cores } => {
            let (c, host) = cores_for(s, *cores);
            host_cores_read = host;
            let n = cap(2.0 * c + 1.0, trace);
            trace.step(
                Step::WorkersGunicornRule {
                    cores: c,
                    cores_source: *cores,
                    workers: n,
                },
                format!(
                    "Gunicorn rule: (2 x {} {} cores) + 1 = {n} workers",
                    num(c),
                    source_word(*cores)
                ),
                Source::GunicornDesign,
            );
            n
        }
        WorkerCount::LegacyImage {
            workers_per_core,
            max_workers,
            web_concurrency,
            cores,
        } => {
            if let Some(n) = web_concurrency {
                trace.step(
                    Step::WorkersLegacyWebConcurrency {
                        web_concurrency: *n,
                    },
                    format!("legacy image: WEB_CONCURRENCY={n} wins (MAX_WORKERS ignored)"),
                    Source::LegacyImage,
                );
                *n
            } else {
                let (c, host) = cores_for(s, *cores);
                host_cores_read = host;
                // Python's int() truncates toward zero.
                let by_cores = (workers_per_core * c).trunc().max(2.0);
                let mut n = cap(by_cores, trace);
                let mut text = format!(
                    "legacy image: max(int({} x {} {} cores), 2) = {}",
                    num(*workers_per_core),
                    num(c),
                    source_word(*cores),
                    num(by_cores)
                );
                if let Some(max) = max_workers {
                    n = n.min(*max);
                    text.push_str(&format!(", then min(..., MAX_WORKERS={max}) = {n}"));
                }
                trace.step(
                    Step::WorkersLegacyFormula {
                        workers_per_core: *workers_per_core,
                        cores: c,
                        cores_source: *cores,
                        by_cores,
                        max_workers: *max_workers,
                        workers: n,
                    },
                    text,
                    Source::LegacyImage,
                );
                n
            }
        }
    };
    if matches!(s.server, WorkerModel::SingleProcess) && count != 1 {
        return Err(ScenarioError::new(
            "workers",
            ErrorDetail::SingleProcessWorkers { got: count },
        ));
    }
    Ok(ResolvedWorkers {
        count,
        host_cores_read,
    })
}

fn source_word(source: CoresSource) -> &'static str {
    match source {
        CoresSource::Host => "host",
        CoresSource::ContainerLimit => "container-limit",
    }
}
