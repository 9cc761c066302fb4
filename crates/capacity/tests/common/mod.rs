//! Helpers shared by the integration tests.
#![allow(dead_code)]

use shipshape_capacity::*;

/// A plain app: 100 MiB per process, no model, 30 MiB manager, 50 ms CPU, 100 ms latency.
pub fn app() -> AppProfile {
    AppProfile {
        process_mib: 100.0,
        model_mib: 0.0,
        manager_mib: 30.0,
        framework: Framework::None,
        omp_num_threads: None,
        cpu_seconds_per_request: 0.05,
        latency_seconds: 0.1,
    }
}

pub fn machine(cores: f64, memory_mib: f64) -> Target {
    Target::Machine {
        cores,
        memory_mib,
        reserved_mib: 0.0,
    }
}

pub fn kubernetes(cores: f64, memory_mib: f64, reservation: ReservationModel) -> Target {
    Target::Kubernetes(KubernetesTarget {
        node: NodeType {
            instance_type: None,
            cores: Some(cores),
            memory_mib: Some(memory_mib),
            max_pods: None,
        },
        reservation,
        daemonsets: DaemonSetOverhead::default(),
        node_count: None,
        hpa: false,
        aks_network: AksNetwork::default(),
    })
}

pub fn instance(name: &str, reservation: ReservationModel) -> Target {
    Target::Kubernetes(KubernetesTarget {
        node: NodeType {
            instance_type: Some(name.to_string()),
            ..NodeType::default()
        },
        reservation,
        daemonsets: DaemonSetOverhead::default(),
        node_count: None,
        hpa: false,
        aks_network: AksNetwork::default(),
    })
}

pub fn scenario(server: WorkerModel, workers: u32, target: Target, rps: f64) -> Scenario {
    Scenario {
        name: String::new(),
        app: app(),
        server,
        workers: WorkerCount::Fixed(workers),
        container: ContainerLimits::default(),
        target,
        traffic: Traffic {
            requests_per_second: rps,
        },
        target_utilization: 0.6,
        redundancy: 0,
        deploy: DeployNames::default(),
    }
}

pub fn has_warning(r: &CapacityResult, code: WarningCode) -> bool {
    r.warnings.iter().any(|w| w.code == code)
}

pub fn trace_text(r: &CapacityResult) -> String {
    r.trace
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every number in the serialized result is finite: serde_json writes NaN and infinity as null,
/// so a null anywhere but in an optional field means a non-finite value slipped through.
pub fn assert_all_finite(r: &CapacityResult) {
    const OPTIONAL: [&str; 8] = [
        "suggestion",
        "limit_millicores_per_container",
        "kubernetes_hpa",
        "max_workers_that_fit",
        "container_memory_limit_mib",
        "target_memory_mib",
        "node_type",
        "fargate_size",
    ];
    fn walk(v: &serde_json::Value, key: &str, path: &str) {
        match v {
            serde_json::Value::Null => {
                assert!(OPTIONAL.contains(&key), "null (non-finite?) at {path}")
            }
            serde_json::Value::Number(n) => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                assert!(f.is_finite(), "non-finite at {path}");
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, key, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    walk(item, k, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }
    let value = serde_json::to_value(r).expect("result serializes");
    walk(&value, "", "$");
}
