//! Named scenarios: the guide's examples and starting points for each kind of target.

use crate::scenario::*;

/// Names accepted by [`named`], the guide's scenario first.
pub const NAMES: [&str; 5] = [
    "model-does-not-fit",
    "kubernetes-gke",
    "legacy-image-80-cores",
    "gunicorn-preload",
    "eks-m5-large",
];

/// A named example scenario, or `None` for an unknown name.
pub fn named(name: &str) -> Option<Scenario> {
    match name {
        "model-does-not-fit" => Some(model_does_not_fit()),
        "kubernetes-gke" => Some(kubernetes_gke()),
        "legacy-image-80-cores" => Some(legacy_image_80_cores()),
        "gunicorn-preload" => Some(gunicorn_preload()),
        "eks-m5-large" => Some(eks_m5_large()),
        _ => None,
    }
}

fn app(process_mib: f64, model_mib: f64) -> AppProfile {
    AppProfile {
        process_mib,
        model_mib,
        manager_mib: 30.0,
        framework: Framework::None,
        omp_num_threads: None,
        cpu_seconds_per_request: 0.05,
        latency_seconds: 0.1,
    }
}

/// Guide 1.6: a 1 GB model, `uvicorn --workers 4` (spawn: four full copies), a 3 GB server.
pub fn model_does_not_fit() -> Scenario {
    Scenario {
        name: "1 GB model, 4 uvicorn workers, 3 GB server".to_string(),
        app: app(100.0, 1024.0),
        server: WorkerModel::Uvicorn,
        workers: WorkerCount::Fixed(4),
        container: ContainerLimits::default(),
        target: Target::Machine {
            cores: 2.0,
            memory_mib: 3072.0,
            reserved_mib: 0.0,
        },
        traffic: Traffic {
            requests_per_second: 10.0,
        },
        target_utilization: 0.6,
        redundancy: 0,
        deploy: DeployNames::default(),
    }
}

/// One process per container on GKE nodes, with DaemonSets, N+1 and an autoscaler.
pub fn kubernetes_gke() -> Scenario {
    Scenario {
        name: "One process per container on GKE e2-standard-4 nodes".to_string(),
        app: AppProfile {
            cpu_seconds_per_request: 0.02,
            latency_seconds: 0.08,
            ..app(250.0, 0.0)
        },
        server: WorkerModel::SingleProcess,
        workers: WorkerCount::Fixed(1),
        container: ContainerLimits::default(),
        target: Target::Kubernetes(KubernetesTarget {
            node: NodeType {
                instance_type: Some("e2-standard-4".to_string()),
                ..NodeType::default()
            },
            reservation: ReservationModel::Gke,
            daemonsets: DaemonSetOverhead {
                cpu_millicores: 200.0,
                memory_mib: 256.0,
                pods: 3,
            },
            node_count: None,
            hpa: true,
        }),
        traffic: Traffic {
            requests_per_second: 200.0,
        },
        target_utilization: 0.6,
        redundancy: 1,
        deploy: DeployNames::default(),
    }
}

/// Guide 2.8: the legacy image's formula on an 80-core host with an 8 GiB container limit.
pub fn legacy_image_80_cores() -> Scenario {
    Scenario {
        name: "tiangolo/uvicorn-gunicorn formula on an 80-core host".to_string(),
        app: app(150.0, 300.0),
        server: WorkerModel::Gunicorn(GunicornOptions::default()),
        workers: WorkerCount::LegacyImage {
            workers_per_core: 1.0,
            max_workers: None,
            web_concurrency: None,
            cores: CoresSource::Host,
        },
        container: ContainerLimits {
            memory_limit_mib: Some(8192.0),
            cpu_limit_cores: Some(4.0),
            ..ContainerLimits::default()
        },
        target: Target::Machine {
            cores: 80.0,
            memory_mib: 320.0 * 1024.0,
            reserved_mib: 2048.0,
        },
        traffic: Traffic {
            requests_per_second: 20.0,
        },
        target_utilization: 0.6,
        redundancy: 0,
        deploy: DeployNames::default(),
    }
}

/// Gunicorn `--preload` with a numpy model on one machine.
pub fn gunicorn_preload() -> Scenario {
    Scenario {
        name: "gunicorn --preload with a numpy model".to_string(),
        app: AppProfile {
            framework: Framework::Numpy,
            ..app(120.0, 800.0)
        },
        server: WorkerModel::Gunicorn(GunicornOptions {
            preload: true,
            shared_fraction: 0.3,
            worker_class: WorkerClass::Uvicorn,
        }),
        workers: WorkerCount::GunicornRule {
            cores: CoresSource::ContainerLimit,
        },
        container: ContainerLimits {
            cpu_limit_cores: Some(2.0),
            ..ContainerLimits::default()
        },
        target: Target::Machine {
            cores: 4.0,
            memory_mib: 8192.0,
            reserved_mib: 512.0,
        },
        traffic: Traffic {
            requests_per_second: 30.0,
        },
        target_utilization: 0.6,
        redundancy: 0,
        deploy: DeployNames::default(),
    }
}

/// Two uvicorn workers per pod on EKS m5.large nodes (29 max pods).
pub fn eks_m5_large() -> Scenario {
    Scenario {
        name: "Two uvicorn workers per pod on EKS m5.large".to_string(),
        app: app(200.0, 0.0),
        server: WorkerModel::Uvicorn,
        workers: WorkerCount::Fixed(2),
        container: ContainerLimits::default(),
        target: Target::Kubernetes(KubernetesTarget {
            node: NodeType {
                instance_type: Some("m5.large".to_string()),
                ..NodeType::default()
            },
            reservation: ReservationModel::Eks,
            daemonsets: DaemonSetOverhead {
                cpu_millicores: 150.0,
                memory_mib: 200.0,
                pods: 3,
            },
            node_count: None,
            hpa: false,
        }),
        traffic: Traffic {
            requests_per_second: 100.0,
        },
        target_utilization: 0.6,
        redundancy: 1,
        deploy: DeployNames::default(),
    }
}
