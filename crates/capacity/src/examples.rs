//! Named scenarios: the guide's examples and starting points for each kind of target.

use crate::scenario::*;

/// Names accepted by [`named`], the guide's scenario first.
pub const NAMES: [&str; 6] = [
    "model-does-not-fit",
    "kubernetes-gke",
    "legacy-image-80-cores",
    "gunicorn-preload",
    "eks-m5-large",
    "aks-overlay-d4s-v5",
];

/// A named example scenario, or `None` for an unknown name.
pub fn named(name: &str) -> Option<Scenario> {
    match name {
        "model-does-not-fit" => Some(model_does_not_fit()),
        "kubernetes-gke" => Some(kubernetes_gke()),
        "legacy-image-80-cores" => Some(legacy_image_80_cores()),
        "gunicorn-preload" => Some(gunicorn_preload()),
        "eks-m5-large" => Some(eks_m5_large()),
        "aks-overlay-d4s-v5" => Some(aks_overlay_d4s_v5()),
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
            aks_network: AksNetwork::default(),
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
            worker_class: WorkerClass::UvicornWorker,
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
            aks_network: AksNetwork::default(),
        }),
        traffic: Traffic {
            requests_per_second: 100.0,
        },
        target_utilization: 0.6,
        redundancy: 1,
        deploy: DeployNames::default(),
    }
}

/// Gunicorn's own ASGI worker on AKS `Standard_D4s_v5` nodes with Azure CNI Overlay: 250 max
/// pods, so the reservation is the 25% cap (4 GiB of 16), not 20 MiB x 250 + 50 MiB.
pub fn aks_overlay_d4s_v5() -> Scenario {
    Scenario {
        name: "Gunicorn's ASGI worker on AKS Standard_D4s_v5 with Azure CNI Overlay".to_string(),
        app: app(180.0, 0.0),
        server: WorkerModel::Gunicorn(GunicornOptions {
            worker_class: WorkerClass::Asgi,
            ..GunicornOptions::default()
        }),
        workers: WorkerCount::Fixed(1),
        container: ContainerLimits::default(),
        target: Target::Kubernetes(KubernetesTarget {
            node: NodeType {
                instance_type: Some("Standard_D4s_v5".to_string()),
                ..NodeType::default()
            },
            reservation: ReservationModel::Aks,
            daemonsets: DaemonSetOverhead {
                cpu_millicores: 250.0,
                memory_mib: 300.0,
                pods: 5,
            },
            node_count: None,
            hpa: false,
            aks_network: AksNetwork::AzureCniOverlay,
        }),
        traffic: Traffic {
            requests_per_second: 80.0,
        },
        target_utilization: 0.6,
        redundancy: 1,
        deploy: DeployNames::default(),
    }
}

/// Variations on the named examples that together reach every kind of trace step, every
/// reservation model and every target: for tests that every step and warning is worded (in the
/// CLI and in the UI's languages).
pub fn tour() -> Vec<Scenario> {
    let mut out: Vec<Scenario> = NAMES.iter().filter_map(|n| named(n)).collect();
    let base = model_does_not_fit();
    let with = |f: &dyn Fn(&mut Scenario)| {
        let mut s = base.clone();
        f(&mut s);
        s
    };
    let cluster = |node: NodeType, reservation: ReservationModel| KubernetesTarget {
        node,
        reservation,
        daemonsets: DaemonSetOverhead::default(),
        node_count: None,
        hpa: false,
        aks_network: AksNetwork::default(),
    };
    let k8s = |node: NodeType, reservation: ReservationModel| {
        Target::Kubernetes(cluster(node, reservation))
    };
    let shape = |cores: f64, memory_mib: f64| NodeType {
        cores: Some(cores),
        memory_mib: Some(memory_mib),
        max_pods: Some(58),
        ..NodeType::default()
    };
    let typed = |name: &str| NodeType {
        instance_type: Some(name.to_string()),
        ..NodeType::default()
    };
    // Workers: the server default with and without WEB_CONCURRENCY, Gunicorn's rule (capped on
    // a huge host), the legacy image with WEB_CONCURRENCY and with MAX_WORKERS.
    out.push(with(&|s| {
        s.workers = WorkerCount::ServerDefault {
            web_concurrency: None,
        }
    }));
    out.push(with(&|s| {
        s.workers = WorkerCount::ServerDefault {
            web_concurrency: Some(2),
        }
    }));
    out.push(with(&|s| {
        s.server = WorkerModel::Gunicorn(GunicornOptions::default());
        s.workers = WorkerCount::GunicornRule {
            cores: CoresSource::Host,
        };
        s.app.model_mib = 0.0;
        s.target = Target::Machine {
            cores: 600.0,
            memory_mib: 512.0 * 1024.0,
            reserved_mib: 1024.0,
        };
    }));
    out.push(with(&|s| {
        s.server = WorkerModel::Gunicorn(GunicornOptions::default());
        s.container.cpu_limit_cores = Some(2.0);
        s.workers = WorkerCount::GunicornRule {
            cores: CoresSource::ContainerLimit,
        };
    }));
    out.push(with(&|s| {
        s.server = WorkerModel::Gunicorn(GunicornOptions::default());
        s.workers = WorkerCount::LegacyImage {
            workers_per_core: 1.0,
            max_workers: None,
            web_concurrency: Some(3),
            cores: CoresSource::Host,
        };
    }));
    out.push(with(&|s| {
        s.server = WorkerModel::Gunicorn(GunicornOptions::default());
        s.workers = WorkerCount::LegacyImage {
            workers_per_core: 2.0,
            max_workers: Some(3),
            web_concurrency: None,
            cores: CoresSource::Host,
        };
    }));
    // Memory: one uvicorn worker, sync gunicorn workers, preload with CUDA, one process.
    out.push(with(&|s| s.workers = WorkerCount::Fixed(1)));
    out.push(with(&|s| {
        s.server = WorkerModel::Gunicorn(GunicornOptions {
            worker_class: WorkerClass::Sync,
            ..GunicornOptions::default()
        });
        s.container.memory_limit_mib = Some(8192.0);
        s.container.cpu_limit_cores = Some(1.0);
        s.target = Target::Machine {
            cores: 8.0,
            memory_mib: 16384.0,
            reserved_mib: 512.0,
        };
        s.redundancy = 1;
    }));
    out.push(with(&|s| {
        s.app.framework = Framework::PytorchCuda;
        s.server = WorkerModel::Gunicorn(GunicornOptions {
            preload: true,
            shared_fraction: 0.5,
            worker_class: WorkerClass::UvicornWorker,
        });
    }));
    out.push(with(&|s| {
        s.server = WorkerModel::SingleProcess;
        s.workers = WorkerCount::Fixed(1);
        s.target_utilization = 0.95;
    }));
    // Targets and reservation models.
    out.push(with(&|s| {
        s.target = Target::FargateEcs {
            vcpu: 1.0,
            memory_gb: 2.0,
        };
        s.target_utilization = 0.3;
    }));
    out.push(with(&|s| s.target = Target::FargateEks {}));
    out.push(with(&|s| {
        s.app.model_mib = 100.0 * 1024.0;
        s.target = Target::FargateEks {};
    }));
    out.push(with(&|s| {
        s.app.model_mib = 0.0;
        s.app.cpu_seconds_per_request = 0.01;
        s.app.latency_seconds = 2.0;
        s.traffic.requests_per_second = 1000.0;
        s.target = Target::CloudRun {
            vcpu: 4.0,
            memory_mib: 2048.0,
            concurrency: 80,
        };
    }));
    for (node, reservation) in [
        (shape(4.0, 16384.0), ReservationModel::None),
        (shape(4.0, 16384.0), ReservationModel::KubeletDefaults),
        (shape(2.0, 768.0), ReservationModel::Gke),
        (shape(3.0, 12288.0), ReservationModel::Aks),
        (typed("Standard_D4s_v5"), ReservationModel::AksPre129),
        (typed("m5.xlarge"), ReservationModel::Eks),
        (typed("m5.xlarge"), ReservationModel::Gke),
        (
            shape(8.0, 32768.0),
            ReservationModel::Custom {
                kube_reserved_cpu_millicores: 100.0,
                kube_reserved_memory_mib: 1024.0,
                system_reserved_cpu_millicores: 100.0,
                system_reserved_memory_mib: 512.0,
                eviction_memory_mib: 100.0,
            },
        ),
    ] {
        out.push(with(&|s| {
            s.target = k8s(node.clone(), reservation.clone());
            s.app.framework = Framework::Numpy;
            s.redundancy = 2;
        }));
    }
    out.push(with(&|s| {
        let mut target = KubernetesTarget {
            node: typed("e2-standard-2"),
            reservation: ReservationModel::Gke,
            daemonsets: DaemonSetOverhead {
                cpu_millicores: 100.0,
                memory_mib: 128.0,
                pods: 110,
            },
            node_count: Some(1),
            hpa: true,
            aks_network: AksNetwork::default(),
        };
        target.node.max_pods = Some(110);
        s.target = Target::Kubernetes(target);
    }));
    // AKS with each network plugin's default max pods: kubenet (110) and Azure CNI with pod
    // addresses from the node subnet (30) stay under the 25% cap on 16 GiB; gunicorn with sync
    // workers.
    for network in [AksNetwork::Kubenet, AksNetwork::AzureCniNodeSubnet] {
        out.push(with(&|s| {
            s.server = WorkerModel::Gunicorn(GunicornOptions {
                worker_class: WorkerClass::Sync,
                ..GunicornOptions::default()
            });
            s.workers = WorkerCount::Fixed(2);
            s.app.model_mib = 0.0;
            s.target = Target::Kubernetes(KubernetesTarget {
                aks_network: network,
                ..cluster(typed("Standard_D4s_v5"), ReservationModel::Aks)
            });
        }));
    }
    out
}
