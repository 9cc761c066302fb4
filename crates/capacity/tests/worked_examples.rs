//! Worked examples from capacity-facts.md and the guide, against hand-computed numbers.

mod common;

use common::*;
use shipshape_capacity::*;

fn node_of(target: Target) -> NodeAllocatable {
    let s = scenario(WorkerModel::SingleProcess, 1, target, 0.0);
    evaluate(&s).unwrap().node
}

#[test]
fn gke_16_gib_node_reservation_and_trace() {
    // 25% of 4,096 = 1,024; 20% of 4,096 = 819.2; 10% of 8,192 = 819.2; sum 2,662.4 -> 2,662 MiB.
    // Allocatable = 16,384 - 2,662 - 100 (eviction) = 13,622 MiB.
    // CPU, 4 cores: 6% of 1,000m + 1% of 1,000m + 0.5% of 2,000m = 60 + 10 + 10 = 80m -> 3,920m.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        kubernetes(4.0, 16384.0, ReservationModel::Gke),
        0.0,
    );
    let r = evaluate(&s).unwrap();
    assert_eq!(r.node.reserved_memory_mib, 2662.0);
    assert_eq!(r.node.eviction_memory_mib, 100.0);
    assert_eq!(r.node.allocatable_memory_mib, 13622.0);
    assert_eq!(r.node.allocatable_cpu_millicores, 3920.0);
    assert!(
        trace_text(&r).contains(
            "16 GiB node: GKE reserves 25% of 4 GiB + 20% of 4 GiB + 10% of 8 GiB = 2,662 MiB; eviction 100 MiB; allocatable 13,622 MiB"
        ),
        "{}",
        trace_text(&r)
    );
    assert!(r.trace.iter().any(|step| step.source.contains("GKE")));
}

#[test]
fn gke_memory_bands_small_and_large() {
    // Under 1 GiB: a flat 255 MiB.
    assert_eq!(gke_memory_reserve_mib(768.0).0, 255.0);
    // 1 GiB: 25% of 1,024 = 256.
    assert_eq!(gke_memory_reserve_mib(1024.0).0, 256.0);
    // 256 GiB: 1,024 + 819.2 + 819.2 + 6% of 114,688 (6,881.28) + 2% of 131,072 (2,621.44)
    // = 12,165.12 -> 12,165 MiB.
    assert_eq!(gke_memory_reserve_mib(256.0 * 1024.0).0, 12165.0);
}

#[test]
fn gke_and_eks_cpu_bands() {
    // 1 core: 60m. 2 cores: 60 + 10 = 70m.
    assert_eq!(tiered_cpu_reserve_millicores(1.0).0, 60.0);
    assert_eq!(tiered_cpu_reserve_millicores(2.0).0, 70.0);
    // 8 cores: 60 + 10 + 2 x 5 + 4 x 2.5 = 90m. 16 cores: 80 + 12 x 2.5 = 110m.
    assert_eq!(tiered_cpu_reserve_millicores(8.0).0, 90.0);
    assert_eq!(tiered_cpu_reserve_millicores(16.0).0, 110.0);
}

#[test]
fn kubernetes_docs_worked_example() {
    // Kubernetes docs: 16 CPU / 32Gi node, kube-reserved 1 CPU 2Gi, system-reserved 500m 1Gi,
    // eviction 500Mi: CPU 16,000 - 1,000 - 500 = 14,500m. Memory 32,768 - 2,048 - 1,024 - 500
    // = 29,196 MiB (the docs round this to "28.5Gi", which is 29,184 MiB).
    let node = node_of(kubernetes(
        16.0,
        32768.0,
        ReservationModel::Custom {
            kube_reserved_cpu_millicores: 1000.0,
            kube_reserved_memory_mib: 2048.0,
            system_reserved_cpu_millicores: 500.0,
            system_reserved_memory_mib: 1024.0,
            eviction_memory_mib: 500.0,
        },
    ));
    assert_eq!(node.allocatable_cpu_millicores, 14500.0);
    assert_eq!(node.allocatable_memory_mib, 29196.0);
}

#[test]
fn eks_m5_large() {
    // AL2023 nodeadm: maxPods = 3 ENIs x (10 - 1) + 2 = 29 (its instance table gives m5.large
    // 3 ENIs of 10 addresses). Memory: 11 x 29 + 255 = 574 MiB; evictionHard
    // memory.available<100Mi; allocatable 8,192 - 574 - 100 = 7,518 MiB. CPU: 2,000 - 70 =
    // 1,930m.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        instance("m5.large", ReservationModel::Eks),
        0.0,
    );
    let r = evaluate(&s).unwrap();
    let node = &r.node;
    assert_eq!(node.max_pods, 29);
    assert_eq!(node.reserved_memory_mib, 574.0);
    assert_eq!(node.eviction_memory_mib, 100.0);
    assert_eq!(node.allocatable_memory_mib, 7518.0);
    assert_eq!(node.allocatable_cpu_millicores, 1930.0);
    let origin = r.trace.iter().find_map(|s| match &s.step {
        Step::NodeMaxPods { origin, .. } => Some(*origin),
        _ => None,
    });
    assert_eq!(
        origin,
        Some(MaxPodsOrigin::EksEni {
            enis: 3,
            ips_per_eni: 10
        })
    );
    // The trace and its source say Amazon Linux 2023, never AL2 as current.
    let text = trace_text(&r);
    assert!(
        text.contains("EKS (Amazon Linux 2023, nodeadm) reserves"),
        "{text}"
    );
    assert!(Source::Eks.english().contains("Amazon Linux 2023"));
    assert!(Source::Eks.english().contains("end of support"));
}

/// An AKS node of a catalog type, with the given network plugin.
fn aks(name: &str, reservation: ReservationModel, network: AksNetwork) -> Target {
    match instance(name, reservation) {
        Target::Kubernetes(k) => Target::Kubernetes(KubernetesTarget {
            aks_network: network,
            ..k
        }),
        other => other,
    }
}

fn aks_memory_step(r: &CapacityResult) -> (u32, f64, bool) {
    r.trace
        .iter()
        .find_map(|s| match &s.step {
            Step::NodeAksMemory {
                max_pods,
                reserved_mib,
                capped,
                ..
            } => Some((*max_pods, *reserved_mib, *capped)),
            _ => None,
        })
        .expect("an AKS memory step")
}

#[test]
fn aks_published_examples() {
    // Microsoft's first example: 8 GB and 30 max pods -> 20 MB x 30 + 50 MB = 650 MB reserved
    // (the docs then count 8 GB as 8,000 MB: 90.625% allocatable; in MiB 8,192 - 650 - 100 =
    // 7,442, 90.8%).
    let mut eight = kubernetes(2.0, 8192.0, ReservationModel::Aks);
    if let Target::Kubernetes(k) = &mut eight {
        k.node.max_pods = Some(30);
    }
    let node = node_of(eight);
    assert_eq!(node.reserved_memory_mib, 650.0);
    assert_eq!(node.eviction_memory_mib, 100.0);
    assert_eq!(node.allocatable_memory_mib, 7442.0);
    // The same 30 pods are Azure CNI's default with pod addresses from the node subnet.
    let subnet = node_of(aks(
        "Standard_D2s_v5",
        ReservationModel::Aks,
        AksNetwork::AzureCniNodeSubnet,
    ));
    assert_eq!((subnet.max_pods, subnet.reserved_memory_mib), (30, 650.0));
    // The second: 4 GB and 70 pods -> 25% of 4 GB, less than 20 x 70 + 50 = 1,450 MB (the docs
    // write 1,000 MB for 25% of 4 GB; in MiB, 1,024).
    let mut four = kubernetes(2.0, 4096.0, ReservationModel::Aks);
    if let Target::Kubernetes(k) = &mut four {
        k.node.max_pods = Some(70);
    }
    assert_eq!(node_of(four).reserved_memory_mib, 1024.0);
}

#[test]
fn aks_overlay_250_pods_hit_the_25_percent_cap() {
    // Azure CNI Overlay, the default plugin: 250 max pods. 4 cores / 16 GiB: 20 x 250 + 50 =
    // 5,050 MiB > 25% of 16,384 = 4,096 MiB, so 4,096; allocatable 16,384 - 4,096 - 100 =
    // 12,188 MiB. CPU: table 4 cores = 140m.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        instance("Standard_D4s_v5", ReservationModel::Aks),
        0.0,
    );
    let r = evaluate(&s).unwrap();
    assert_eq!(r.node.max_pods, 250);
    assert_eq!(r.node.reserved_memory_mib, 4096.0);
    assert_eq!(r.node.allocatable_memory_mib, 12188.0);
    assert_eq!(r.node.allocatable_cpu_millicores, 3860.0);
    assert_eq!(aks_memory_step(&r), (250, 4096.0, true));
    let text = trace_text(&r);
    assert!(text.contains("the 25% cap applies"), "{text}");
    assert!(
        text.contains("Max pods per node: 250 (the AKS default with Azure CNI Overlay)"),
        "{text}"
    );
    // The cap holds on every catalog AKS node up to 16 GiB, and not above 20,200 MiB.
    for (name, capped) in [
        ("Standard_D2s_v5", true),
        ("Standard_D4s_v5", true),
        ("Standard_D8s_v5", false),
    ] {
        let s = scenario(
            WorkerModel::SingleProcess,
            1,
            instance(name, ReservationModel::Aks),
            0.0,
        );
        assert_eq!(aks_memory_step(&evaluate(&s).unwrap()).2, capped, "{name}");
    }
    // kubenet: 110 pods, 20 x 110 + 50 = 2,250 MiB, under the cap.
    let kubenet = scenario(
        WorkerModel::SingleProcess,
        1,
        aks(
            "Standard_D4s_v5",
            ReservationModel::Aks,
            AksNetwork::Kubenet,
        ),
        0.0,
    );
    let r = evaluate(&kubenet).unwrap();
    assert_eq!(aks_memory_step(&r), (110, 2250.0, false));
    assert_eq!(r.node.allocatable_memory_mib, 14034.0);
    // Max pods given explicitly win over the plugin's default.
    let mut given = aks(
        "Standard_D4s_v5",
        ReservationModel::Aks,
        AksNetwork::Kubenet,
    );
    if let Target::Kubernetes(k) = &mut given {
        k.node.max_pods = Some(50);
    }
    assert_eq!(node_of(given).reserved_memory_mib, 1050.0);
}

#[test]
fn aks_before_1_29() {
    // A 4 GiB node: 25% of 4,096 = 1,024 < 20 x 250 + 50, so 1,024 MiB.
    let small = node_of(kubernetes(2.0, 4096.0, ReservationModel::Aks));
    assert_eq!(small.reserved_memory_mib, 1024.0);
    // Before 1.29: GKE bands (2,662 MiB on 16 GiB) plus 750 MiB eviction:
    // 16,384 - 2,662 - 750 = 12,972 MiB. The network plugin still sets the pod slots.
    let old = node_of(instance("Standard_D4s_v5", ReservationModel::AksPre129));
    assert_eq!(old.allocatable_memory_mib, 12972.0);
    assert_eq!(old.max_pods, 250);
    let old = node_of(aks(
        "Standard_D4s_v5",
        ReservationModel::AksPre129,
        AksNetwork::AzureCniNodeSubnet,
    ));
    assert_eq!((old.max_pods, old.allocatable_memory_mib), (30, 12972.0));
}

#[test]
fn aks_cpu_table_is_interpolated_not_zero() {
    assert_eq!(aks_cpu_reserve_millicores(16.0), (260.0, false));
    // 3 cores: halfway between 2 (100m) and 4 (140m) = 120m.
    assert_eq!(aks_cpu_reserve_millicores(3.0), (120.0, true));
    // 96 cores: 740m + 32 x 10m = 1,060m.
    assert_eq!(aks_cpu_reserve_millicores(96.0), (1060.0, true));
}

#[test]
fn kubelet_defaults_and_none() {
    // Defaults: nothing reserved, 100 MiB eviction: 8,192 - 100 = 8,092.
    assert_eq!(
        node_of(kubernetes(2.0, 8192.0, ReservationModel::KubeletDefaults)).allocatable_memory_mib,
        8092.0
    );
    assert_eq!(
        node_of(kubernetes(2.0, 8192.0, ReservationModel::None)).allocatable_memory_mib,
        8192.0
    );
}

#[test]
fn guide_model_does_not_fit_and_the_fix_fits() {
    let s = examples::model_does_not_fit();
    let r = evaluate(&s).unwrap();
    // Spawned workers share nothing: 30 (supervisor) + 4 x (100 + 1,024) = 4,526 MiB.
    assert_eq!(r.memory.per_container_mib, 4526.0);
    assert_eq!(r.memory.shared_mib, 0.0);
    // Proposed limit: 4,526 x 1.1 = 4,978.6 -> next multiple of 64 = 4,992 MiB > 3,072.
    assert_eq!(r.memory.limit_mib, 4992.0);
    assert!(!r.fits);
    assert!(has_warning(&r, WarningCode::MemoryOverNode));
    assert!(has_warning(&r, WarningCode::SingleReplica));
    assert_eq!(r.binding_resource, BindingResource::Memory);
    let suggestion = r.suggestion.clone().unwrap();
    // 2 workers: 30 + 2 x 1,124 = 2,278 -> limit 2,560 <= 3,072. 3 workers: 3,402 > 3,072.
    assert_eq!(suggestion.max_workers_that_fit, Some(2));
    assert_eq!(suggestion.target_memory_mib, Some(4992.0));

    // Applying either fix makes it fit; one MiB less than the suggested RAM does not.
    let mut fewer = s.clone();
    fewer.workers = WorkerCount::Fixed(2);
    assert!(evaluate(&fewer).unwrap().fits);
    let with_ram = |m: f64| {
        let mut bigger = s.clone();
        bigger.target = machine(2.0, m);
        evaluate(&bigger).unwrap().fits
    };
    assert!(with_ram(4992.0));
    assert!(!with_ram(4991.0));
}

#[test]
fn legacy_image_formula() {
    let legacy = |per_core: f64, max: Option<u32>, web: Option<u32>, cores: f64| {
        let mut s = scenario(
            WorkerModel::Gunicorn(GunicornOptions::default()),
            1,
            machine(cores, 1024.0 * 1024.0),
            1.0,
        );
        s.workers = WorkerCount::LegacyImage {
            workers_per_core: per_core,
            max_workers: max,
            web_concurrency: web,
            cores: CoresSource::Host,
        };
        evaluate(&s).unwrap()
    };
    // An 80-core host gives 80 workers, and the warning names the host cores.
    let r = legacy(1.0, None, None, 80.0);
    assert_eq!(r.workers_per_container, 80);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::WorkersFromHostCores)
        .unwrap();
    assert_eq!(w.values.get("host_cores"), Some(&80.0));
    assert!(has_warning(&r, WarningCode::LegacyImageDeprecated));
    // MAX_WORKERS=1 gives 1; WEB_CONCURRENCY wins over MAX_WORKERS.
    assert_eq!(legacy(1.0, Some(1), None, 80.0).workers_per_container, 1);
    assert_eq!(legacy(1.0, Some(1), Some(6), 80.0).workers_per_container, 6);
    // int(0.5 x 3) = 1, then max(1, 2) = 2.
    assert_eq!(legacy(0.5, None, None, 3.0).workers_per_container, 2);
    // int(2.5 x 3) = 7 (truncated, not rounded).
    assert_eq!(legacy(2.5, None, None, 3.0).workers_per_container, 7);
}

#[test]
fn gunicorn_rule_host_or_container_cores() {
    let mut s = scenario(
        WorkerModel::Gunicorn(GunicornOptions::default()),
        1,
        machine(8.0, 65536.0),
        1.0,
    );
    s.workers = WorkerCount::GunicornRule {
        cores: CoresSource::Host,
    };
    // 2 x 8 + 1 = 17.
    assert_eq!(evaluate(&s).unwrap().workers_per_container, 17);
    s.workers = WorkerCount::GunicornRule {
        cores: CoresSource::ContainerLimit,
    };
    s.container.cpu_limit_cores = Some(1.5);
    // A 1.5-CPU limit counts as 2 cores: 2 x 2 + 1 = 5; no host-cores warning.
    let r = evaluate(&s).unwrap();
    assert_eq!(r.workers_per_container, 5);
    assert!(!has_warning(&r, WarningCode::WorkersFromHostCores));
}

#[test]
fn server_default_is_web_concurrency_or_one() {
    let mut s = scenario(WorkerModel::Uvicorn, 1, machine(4.0, 8192.0), 1.0);
    s.workers = WorkerCount::ServerDefault {
        web_concurrency: None,
    };
    let r = evaluate(&s).unwrap();
    // One uvicorn worker runs in-process: no supervisor memory.
    assert_eq!(
        (r.workers_per_container, r.memory.per_container_mib),
        (1, 100.0)
    );
    s.workers = WorkerCount::ServerDefault {
        web_concurrency: Some(3),
    };
    assert_eq!(evaluate(&s).unwrap().workers_per_container, 3);
}

#[test]
fn gunicorn_preload_shares_once() {
    let mut s = examples::gunicorn_preload();
    let r = evaluate(&s).unwrap();
    // Rule on a 2-CPU limit: 2 x 2 + 1 = 5 workers. Process 120 + model 800 = 920 MiB;
    // 30% shared = 276 MiB once, 644 MiB private each: 30 + 5 x 644 + 276 = 3,526 MiB.
    assert_eq!(r.workers_per_container, 5);
    assert_eq!(r.memory.shared_mib, 276.0);
    assert_eq!(r.memory.private_per_worker_mib, 644.0);
    assert_eq!(r.memory.per_container_mib, 3526.0);
    // Without preload: 30 + 5 x 920 = 4,630 MiB.
    s.server = WorkerModel::Gunicorn(GunicornOptions::default());
    assert_eq!(evaluate(&s).unwrap().memory.per_container_mib, 4630.0);
    // CUDA: only the 120 MiB process part can be shared: 36 shared, 884 private.
    s.server = WorkerModel::Gunicorn(GunicornOptions {
        preload: true,
        ..GunicornOptions::default()
    });
    s.app.framework = Framework::PytorchCuda;
    let cuda = evaluate(&s).unwrap();
    assert_eq!(
        (cuda.memory.shared_mib, cuda.memory.private_per_worker_mib),
        (36.0, 884.0)
    );
    assert!(has_warning(&cuda, WarningCode::PreloadWithPytorch));
}

#[test]
fn littles_law_for_async_and_sync_workers() {
    // Async: 100 req/s x 0.05 CPU-s / 0.6 = 8.33 cores -> 9 processes -> 3 containers of 4.
    let r = evaluate(&scenario(
        WorkerModel::Uvicorn,
        4,
        kubernetes(64.0, 262144.0, ReservationModel::None),
        100.0,
    ))
    .unwrap();
    assert!((r.cpu.cores_needed - 8.333).abs() < 0.001);
    assert_eq!((r.cpu.worker_processes_needed, r.containers_needed), (9, 3));
    // Sync: 50 req/s x 0.2 s = 10 in flight; / 0.5 = 20 workers (CPU: 50 x 0.02 / 0.5 = 2 cores).
    let mut s = scenario(
        WorkerModel::Gunicorn(GunicornOptions {
            worker_class: WorkerClass::Sync,
            ..GunicornOptions::default()
        }),
        4,
        kubernetes(64.0, 262144.0, ReservationModel::None),
        50.0,
    );
    s.app.cpu_seconds_per_request = 0.02;
    s.app.latency_seconds = 0.2;
    s.target_utilization = 0.5;
    let r = evaluate(&s).unwrap();
    assert_eq!(r.cpu.in_flight_requests, 10.0);
    assert_eq!(r.cpu.worker_processes_needed, 20);
    // Each sync worker computes 0.02 of every 0.2 s: 0.1 core; 4 workers request 400m.
    assert_eq!(r.cpu.request_millicores_per_container, 400.0);
    assert_eq!(r.containers_needed, 5);
}

#[test]
fn float_noise_does_not_add_a_process() {
    // 100 x 0.012 / 0.6 is 2.0000000000000004 in floating point; 2 processes, not 3.
    let mut s = scenario(WorkerModel::SingleProcess, 1, machine(8.0, 8192.0), 100.0);
    s.app.cpu_seconds_per_request = 0.012;
    assert_eq!(evaluate(&s).unwrap().cpu.worker_processes_needed, 2);
}

#[test]
fn packing_strands_cpu() {
    // capacity-facts: 2-worker pods of 2 CPU on 3.7-CPU nodes waste 1.7 CPU each.
    let mut s = scenario(
        WorkerModel::Uvicorn,
        2,
        kubernetes(
            4.0,
            16384.0,
            ReservationModel::Custom {
                kube_reserved_cpu_millicores: 300.0,
                kube_reserved_memory_mib: 0.0,
                system_reserved_cpu_millicores: 0.0,
                system_reserved_memory_mib: 0.0,
                eviction_memory_mib: 100.0,
            },
        ),
        // 60 x 0.05 / 0.6 = 5 cores -> 5 processes -> 3 pods of 2 workers.
        60.0,
    );
    s.redundancy = 1;
    let r = evaluate(&s).unwrap();
    assert_eq!(r.cpu.request_millicores_per_container, 2000.0);
    assert_eq!(r.containers_per_node, 1);
    assert_eq!(r.binding_resource, BindingResource::Cpu);
    assert_eq!(r.stranded.cpu_millicores_per_node, 1700.0);
    // 3 serving + 1 spare = 4 pods, one per node.
    assert_eq!((r.containers_needed, r.nodes_needed), (4, 4));
}

#[test]
fn pod_slots_can_bind() {
    // t3.medium: 3 x (6 - 1) + 2 = 17 pods; DaemonSets take 15, leaving 2.
    let mut s = scenario(
        WorkerModel::SingleProcess,
        1,
        instance("t3.medium", ReservationModel::Eks),
        100.0,
    );
    s.container.cpu_request_cores = Some(0.05);
    if let Target::Kubernetes(k) = &mut s.target {
        k.daemonsets.pods = 15;
    }
    let r = evaluate(&s).unwrap();
    assert_eq!(r.node.available_pods, 2);
    assert_eq!(r.binding_resource, BindingResource::Pods);
    assert_eq!(r.containers_per_node, 2);
}

#[test]
fn node_count_limits_fit() {
    let mut s = examples::kubernetes_gke();
    // 8 containers at 3 per node need 3 nodes (see the CLI test); with 2 nodes it does not fit.
    if let Target::Kubernetes(k) = &mut s.target {
        k.node_count = Some(2);
    }
    let r = evaluate(&s).unwrap();
    assert_eq!(r.nodes_needed, 3);
    assert!(!r.fits);
    assert!(has_warning(&r, WarningCode::NotEnoughNodes));
}

#[test]
fn qos_follows_requests_and_limits() {
    let mut s = scenario(
        WorkerModel::SingleProcess,
        1,
        kubernetes(4.0, 16384.0, ReservationModel::Gke),
        1.0,
    );
    assert_eq!(evaluate(&s).unwrap().qos_class, QosClass::Burstable);
    // Only a limit set: request = limit, so Guaranteed.
    s.container.cpu_limit_cores = Some(1.0);
    assert_eq!(evaluate(&s).unwrap().qos_class, QosClass::Guaranteed);
    s.container.cpu_request_cores = Some(0.5);
    assert_eq!(evaluate(&s).unwrap().qos_class, QosClass::Burstable);
}

#[test]
fn warnings_carry_their_numbers() {
    // numpy, 4 workers, CPU limit 2, OMP unset on an 8-core node: 4 x 8 = 32 threads on 2 CPUs;
    // suggest floor(2 / 4) = 0 -> at least 1.
    let mut s = scenario(
        WorkerModel::Uvicorn,
        4,
        kubernetes(8.0, 32768.0, ReservationModel::Gke),
        10.0,
    );
    s.app.framework = Framework::Numpy;
    s.container.cpu_limit_cores = Some(2.0);
    s.target_utilization = 0.95;
    let r = evaluate(&s).unwrap();
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ThreadOversubscription)
        .unwrap();
    assert_eq!(w.values.get("threads_per_worker"), Some(&8.0));
    assert_eq!(w.values.get("suggested_omp_num_threads"), Some(&1.0));
    assert!(r.configs.kubernetes_deployment.contains("OMP_NUM_THREADS"));
    assert!(has_warning(&r, WarningCode::OomKillsWholeContainer));
    let high = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::UtilizationAboveBand)
        .unwrap();
    // 1 / (1 - 0.95) = 20x.
    assert!((high.values["slowdown"] - 20.0).abs() < 1e-9);
    s.target_utilization = 0.4;
    assert!(has_warning(
        &evaluate(&s).unwrap(),
        WarningCode::UtilizationBelowBand
    ));
    // With OMP_NUM_THREADS=1 the threads fit the limit: no warning.
    s.app.omp_num_threads = Some(1);
    s.container.cpu_limit_cores = Some(4.0);
    assert!(!has_warning(
        &evaluate(&s).unwrap(),
        WarningCode::ThreadOversubscription
    ));
}

#[test]
fn memory_over_a_given_limit_is_an_oom() {
    let s = examples::legacy_image_80_cores();
    let r = evaluate(&s).unwrap();
    // 30 + 80 x (150 + 300) = 36,030 MiB against an 8,192 MiB limit.
    assert_eq!(r.memory.per_container_mib, 36030.0);
    assert!(!r.fits);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::MemoryOverLimit)
        .unwrap();
    assert_eq!(
        (w.values["needed_mib"], w.values["limit_mib"]),
        (36030.0, 8192.0)
    );
    assert!(w.message.contains("137"));
    let suggestion = r.suggestion.unwrap();
    // (8,192 - 30) / 450 = 18.1 -> 18 workers; the machine itself is big enough.
    assert_eq!(suggestion.max_workers_that_fit, Some(18));
    assert_eq!(suggestion.container_memory_limit_mib, Some(39680.0));
    assert_eq!(suggestion.target_memory_mib, None);
}

#[test]
fn serverless_targets() {
    // Fargate ECS 1 vCPU / 2 GB: 2,048 MiB.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        Target::FargateEcs {
            vcpu: 1.0,
            memory_gb: 2.0,
        },
        5.0,
    );
    let r = evaluate(&s).unwrap();
    assert_eq!(r.node.allocatable_memory_mib, 2048.0);
    assert!(r.fits);
    // EKS Fargate: 1 worker, 100 MiB -> limit 128 MiB, request 1 core; 128 + 256 = 384 MiB -> 1 vCPU, 2 GB.
    let eks = evaluate(&scenario(
        WorkerModel::SingleProcess,
        1,
        Target::FargateEks {},
        5.0,
    ))
    .unwrap();
    assert_eq!(eks.node.capacity_memory_mib, 2048.0);
    assert_eq!(eks.node.available_memory_mib, 2048.0 - 256.0);
    // Cloud Run: 1,000 req/s x 0.5 s = 500 in flight; / (80 x 0.6) = 10.4 -> 11 instances.
    let mut cr = scenario(
        WorkerModel::SingleProcess,
        1,
        Target::CloudRun {
            vcpu: 1.0,
            memory_mib: 512.0,
            concurrency: 80,
        },
        1000.0,
    );
    cr.app.cpu_seconds_per_request = 0.001;
    cr.app.latency_seconds = 0.5;
    let r = evaluate(&cr).unwrap();
    assert_eq!((r.containers_needed, r.nodes_needed), (11, 11));
}

#[test]
fn fargate_suggestion_finds_a_valid_size() {
    let mut s = scenario(
        WorkerModel::Uvicorn,
        4,
        Target::FargateEcs {
            vcpu: 0.25,
            memory_gb: 0.5,
        },
        1.0,
    );
    s.app.model_mib = 1024.0;
    let r = evaluate(&s).unwrap();
    assert!(!r.fits);
    // 30 + 4 x 1,124 = 4,526 -> limit 4,992 MiB = 4.875 GB: the smallest valid size is 1 vCPU, 5 GB.
    assert_eq!(r.suggestion.unwrap().fargate_size, Some((1.0, 5.0)));
}
