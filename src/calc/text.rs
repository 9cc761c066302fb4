//! The calculator's words, one struct per language: a missing label does not compile, and a test
//! checks that none is empty, left in English, or missing a `{0}` its English has.
//! Messages with numbers are templates: `{0}`, `{1}`... are filled in by `fill`.

use shipshape_capacity::{
    AksNetwork, Band, BindingResource, CapacityResult, CoresSource, ErrorDetail, MaxPodsOrigin,
    NodeAllocatable, NodeKind, Reserver, Source, Step, Topic, Warning, WarningCode,
};

use super::form::grouped;
use crate::i18n::Lang;

macro_rules! texts {
    ($($name:ident),* $(,)?) => {
        /// Every label of the calculator, in one language.
        pub struct T { $(pub $name: &'static str,)* }

        #[cfg(test)]
        impl T {
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name)),*]
            }
        }
    };
}

texts! {
    form_title, sec_app, sec_server, sec_workers, sec_container, sec_target, sec_traffic,
    process_mem, process_mem_hint, model_mem, manager_mem, framework, fw_none, fw_numpy,
    fw_pytorch, fw_pytorch_cuda, omp, cpu_ms, latency_ms, server, srv_uvicorn, srv_gunicorn,
    srv_preload, srv_single, worker_class, wc_uvicorn, wc_sync, shared, single_note,
    workers_mode, wm_fixed, wm_default, wm_gunicorn, wm_legacy, workers, web_concurrency,
    cores_source, cs_host, cs_limit, workers_per_core, max_workers, mem_limit, cpu_limit,
    cpu_request, optional, target, t_machine, t_k8s, machine_cores,
    machine_mem, machine_reserved, node_type, nt_custom, node_cores, node_mem, reservation,
    rs_none, rs_kubelet, rs_gke, rs_eks, rs_aks, rs_aks_pre129, max_pods, ds_cpu, ds_mem,
    ds_pods, node_count, hpa, fargate_vcpu, fargate_gb, run_vcpu, run_mem, run_concurrency,
    rps, util, redundancy, u_cores, u_m, u_rps, unit,
    results, fits, not_fit, fits_detail, not_fit_detail, stale, headroom_container,
    over_container, headroom_node, n_workers, n_mem_container, n_limit, n_limit_proposed,
    n_mem_node, n_alloc_mem, n_alloc_cpu, n_cores, n_processes, n_containers, n_nodes,
    n_binding, n_qos, b_memory, b_cpu, b_pods, k_machine, k_node, k_task, k_instance,
    warnings, fix_title, fix_workers, fix_limit, fix_memory, fix_node, fix_fargate, fix_none,
    apply, mem_picture, mem_picture_label, seg_reserved, seg_ds, seg_manager, seg_shared,
    seg_worker, seg_workers_many, seg_slack, seg_free, seg_over, capacity, cpu_picture,
    cpu_in_use, cpu_target, cpu_band, configs, copy, copied, copy_failed, trace, trace_note,
    reset, share_note, bad_link, long_link, bad_saved, e_number, e_whole, e_positive,
    e_between, e_finite, e_other, open_full, widget_error, replicas,
    w_workers_from_host_cores, w_workers_from_host_cores_limit, w_memory_over_limit,
    w_memory_over_node, w_cpu_over_node, w_no_pod_slots, w_not_enough_nodes,
    w_oom_kills_whole_container, w_utilization_above_band, w_utilization_below_band,
    w_preload_with_pytorch, w_sharing_optimistic, w_single_replica,
    w_thread_oversubscription, w_cpu_limit_below_workers, w_legacy_image_deprecated,
    w_provider_mismatch,
    sec_deploy, deploy_name, image, module, port, n_core_one, n_stranded, n_mem_util, tp_workers, tp_memory, tp_node, tp_cpu, tp_packing, tp_fit, tw_host, tw_limit, n_cores_amount, band, unlimited, rv_aks_pre129, tr_workers_capped, tr_workers_fixed, tr_workers_default, tr_workers_default_unset, tr_workers_gunicorn, tr_legacy_wc, tr_legacy, tr_legacy_max, tr_mem_uvicorn_one, tr_mem_uvicorn, tr_mem_preload, tr_cuda_note, tr_mem_gunicorn, tr_mem_single, tr_mem_container, tr_mem_limit, tr_in_flight, tr_cores, tr_sync, tr_async, tr_cpu_request, tr_cpu_request_given, tr_cpu_limit, tr_cpu_no_limit, tr_node_machine, tr_node_fargate, tr_node_fargate_eks, tr_node_fargate_eks_big, tr_node_cloud_run, tr_node_none, tr_node_kubelet, tr_node_banded, tr_node_banded_small, tr_node_tiered, tr_node_aks_cpu, tr_node_aks_cpu_interp, tr_node_eks, tr_node_aks, tr_node_custom_mem, tr_node_custom_cpu, tr_ds, tr_containers, tr_cloud_run, tr_redundancy, tr_per_node, tr_stranded, tr_utilization, tr_queueing, tr_qos, src_uvicorn_spawn, src_server_default, src_gunicorn_design, src_gunicorn_preload, src_legacy_image, src_pss, src_k8s_reserve, src_gke, src_eks, src_aks, src_fargate, src_cloud_run, src_little, src_cpu_cores, src_sync_workers, src_utilization, src_queueing, src_packing, src_k8s_qos, src_docker_limits, src_redundancy, src_guide_resources, e_syntax, e_characters, e_name_case, e_module, e_port, e_needs_limit, e_unknown_type, e_type_and_shape, e_required, e_eks_max_pods, e_fargate_vcpu, e_fargate_memory, e_cloud_run_vcpu, e_request_above_limit, e_single_workers, headroom, headroom_hint, rs_custom, kube_cpu, kube_mem, sys_cpu, sys_mem, eviction, fargate_eks_note,
    wc_asgi, aks_network, an_overlay, an_node_subnet, an_kubenet, aks_network_hint,
    net_node_subnet, src_eks_max_pods, src_aks_max_pods, src_kubelet_max_pods,
    tr_node_max_pods_given, tr_node_max_pods_eni, tr_node_max_pods_aks, tr_node_max_pods_default,
    tr_node_aks_capped, e_aks_network,
}

/// Words that are the same in every language: units and product names.
pub const MIB: &str = "MiB";
pub const GIB: &str = "GiB";
pub const MS: &str = "ms";
pub const T_FARGATE: &str = "AWS Fargate (ECS)";
pub const T_FARGATE_EKS: &str = "AWS Fargate (EKS)";
pub const T_CLOUDRUN: &str = "Google Cloud Run";
pub const NET_OVERLAY: &str = "Azure CNI Overlay";
pub const NET_KUBENET: &str = "kubenet";

pub fn texts(lang: Lang) -> &'static T {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
        Lang::Ja => &JA,
    }
}

/// Replaces `{0}`, `{1}`, ... with `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let index = tail
            .find('}')
            .and_then(|end| tail[..end].parse::<usize>().ok().map(|i| (i, end)));
        match index.and_then(|(i, end)| args.get(i).map(|a| (a, end))) {
            Some((arg, end)) => {
                out.push_str(arg);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('{');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// MiB for reading: "4,526 MiB".
pub fn mib(value: f64) -> String {
    format!("{} MiB", grouped(value, 0))
}

/// A fraction as a percentage: "60%".
pub fn pct(fraction: f64) -> String {
    format!("{}%", grouped(fraction * 100.0, 1))
}

/// A warning in the page's language, from its code and values.
pub fn warning_text(t: &T, w: &Warning) -> String {
    let v = |name: &str| w.values.get(name).copied().unwrap_or(0.0);
    let n = |name: &str| grouped(v(name), 2);
    match w.code {
        WarningCode::WorkersFromHostCores => {
            if v("cpu_limit_cores") > 0.0 {
                fill(
                    t.w_workers_from_host_cores_limit,
                    &[&n("host_cores"), &n("cpu_limit_cores"), &n("workers")],
                )
            } else {
                fill(
                    t.w_workers_from_host_cores,
                    &[&n("host_cores"), &n("workers")],
                )
            }
        }
        WarningCode::MemoryOverLimit => fill(
            t.w_memory_over_limit,
            &[&mib(v("needed_mib")), &mib(v("limit_mib"))],
        ),
        WarningCode::MemoryOverNode => fill(
            t.w_memory_over_node,
            &[&mib(v("needed_mib")), &mib(v("available_mib"))],
        ),
        WarningCode::CpuOverNode => fill(
            t.w_cpu_over_node,
            &[&n("requested_millicores"), &n("available_millicores")],
        ),
        WarningCode::NoPodSlots => fill(t.w_no_pod_slots, &[&n("max_pods")]),
        WarningCode::NotEnoughNodes => fill(
            t.w_not_enough_nodes,
            &[&n("containers"), &n("nodes_needed"), &n("nodes_available")],
        ),
        WarningCode::OomKillsWholeContainer => {
            fill(t.w_oom_kills_whole_container, &[&n("workers")])
        }
        WarningCode::UtilizationAboveBand => fill(
            t.w_utilization_above_band,
            &[&pct(v("target_utilization")), &n("slowdown")],
        ),
        WarningCode::UtilizationBelowBand => {
            fill(t.w_utilization_below_band, &[&pct(v("target_utilization"))])
        }
        WarningCode::PreloadWithPytorch => t.w_preload_with_pytorch.to_string(),
        WarningCode::SharingOptimistic => {
            fill(t.w_sharing_optimistic, &[&pct(v("shared_fraction"))])
        }
        WarningCode::SingleReplica => t.w_single_replica.to_string(),
        WarningCode::ThreadOversubscription => fill(
            t.w_thread_oversubscription,
            &[
                &n("workers"),
                &n("threads_per_worker"),
                &grouped(v("workers") * v("threads_per_worker"), 2),
                &n("cpus"),
                &n("suggested_omp_num_threads"),
            ],
        ),
        WarningCode::CpuLimitBelowWorkers => fill(
            t.w_cpu_limit_below_workers,
            &[
                &n("workers"),
                &n("usable_millicores"),
                &n("limit_millicores"),
            ],
        ),
        WarningCode::LegacyImageDeprecated => t.w_legacy_image_deprecated.to_string(),
        WarningCode::ProviderMismatch => t.w_provider_mismatch.to_string(),
    }
}

/// Why the engine refused a value, in the page's language.
pub fn detail_text(t: &T, d: &ErrorDetail) -> String {
    let n = |v: f64| grouped(v, 3);
    match d {
        ErrorDetail::Syntax => t.e_syntax.to_string(),
        ErrorDetail::NotFinite => t.e_finite.to_string(),
        ErrorDetail::OutOfRange { min, max, .. } => fill(t.e_between, &[&n(*min), &n(*max)]),
        ErrorDetail::NotPositive { .. } => t.e_positive.to_string(),
        ErrorDetail::BadCharacters { max_len, allowed } => {
            fill(t.e_characters, &[&max_len.to_string(), allowed])
        }
        ErrorDetail::NameCase => t.e_name_case.to_string(),
        ErrorDetail::ModuleShape => t.e_module.to_string(),
        ErrorDetail::PortZero => t.e_port.to_string(),
        ErrorDetail::NeedsCpuLimit => t.e_needs_limit.to_string(),
        ErrorDetail::UnknownInstanceType { name } => fill(t.e_unknown_type, &[name]),
        ErrorDetail::InstanceTypeAndShape => t.e_type_and_shape.to_string(),
        ErrorDetail::RequiredWithoutInstanceType => t.e_required.to_string(),
        ErrorDetail::EksNeedsMaxPods => t.e_eks_max_pods.to_string(),
        ErrorDetail::AksNetworkWithoutAks => t.e_aks_network.to_string(),
        ErrorDetail::FargateVcpu { .. } => t.e_fargate_vcpu.to_string(),
        ErrorDetail::FargateMemory { vcpu, valid } => {
            let list: Vec<String> = valid.iter().map(|v| n(*v)).collect();
            fill(t.e_fargate_memory, &[&n(*vcpu), &list.join(", ")])
        }
        ErrorDetail::CloudRunVcpu { needed, memory_mib } => {
            fill(t.e_cloud_run_vcpu, &[&n(*needed), &mib(*memory_mib)])
        }
        ErrorDetail::RequestAboveLimit { limit } => {
            fill(t.e_request_above_limit, &[&cores(t, *limit)])
        }
        ErrorDetail::SingleProcessWorkers { got } => fill(t.e_single_workers, &[&got.to_string()]),
    }
}

/// The site a link goes to, as its name: "https://learn.microsoft.com/azure/..." gives
/// "learn.microsoft.com".
pub fn site_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '#', '?']).next().unwrap_or(rest)
}

/// An AKS network plugin's name.
fn network_name(t: &T, network: AksNetwork) -> &'static str {
    match network {
        AksNetwork::AzureCniOverlay => NET_OVERLAY,
        AksNetwork::AzureCniNodeSubnet => t.net_node_subnet,
        AksNetwork::Kubenet => NET_KUBENET,
    }
}

/// "4 cores", "4코어", "4コア".
pub fn cores(t: &T, value: f64) -> String {
    if grouped(value, 2) == "1" {
        return t.n_core_one.to_string();
    }
    fill(t.n_cores_amount, &[&grouped(value, 2)])
}

/// Millicores for reading: "1,930m".
pub fn millicores(value: f64) -> String {
    format!("{}m", grouped(value, 2))
}

/// Memory as GiB when that is a round number, else MiB: "16 GiB", "3,000 MiB".
pub fn size(value: f64) -> String {
    let gib = value / 1024.0;
    if value >= 1024.0 && (gib * 4.0).fract() == 0.0 {
        format!("{} GiB", grouped(gib, 2))
    } else {
        mib(value)
    }
}

/// A trace step's topic.
pub fn topic_text(t: &T, topic: Topic) -> &'static str {
    match topic {
        Topic::Workers => t.tp_workers,
        Topic::Memory => t.tp_memory,
        Topic::Node => t.tp_node,
        Topic::Cpu => t.tp_cpu,
        Topic::Packing => t.tp_packing,
        Topic::Fit => t.tp_fit,
    }
}

/// Where a step's formula comes from.
pub fn source_text(t: &T, source: Source) -> &'static str {
    match source {
        Source::UvicornSpawn => t.src_uvicorn_spawn,
        Source::ServerDefault => t.src_server_default,
        Source::GunicornDesign => t.src_gunicorn_design,
        Source::GunicornPreload => t.src_gunicorn_preload,
        Source::LegacyImage => t.src_legacy_image,
        Source::Pss => t.src_pss,
        Source::K8sReserve => t.src_k8s_reserve,
        Source::Gke => t.src_gke,
        Source::Eks => t.src_eks,
        Source::EksMaxPods => t.src_eks_max_pods,
        Source::Aks => t.src_aks,
        Source::AksMaxPods => t.src_aks_max_pods,
        Source::KubeletMaxPods => t.src_kubelet_max_pods,
        Source::Fargate => t.src_fargate,
        Source::CloudRun => t.src_cloud_run,
        Source::Little => t.src_little,
        Source::CpuCores => t.src_cpu_cores,
        Source::SyncWorkers => t.src_sync_workers,
        Source::Utilization => t.src_utilization,
        Source::Queueing => t.src_queueing,
        Source::Packing => t.src_packing,
        Source::K8sQos => t.src_k8s_qos,
        Source::DockerLimits => t.src_docker_limits,
        Source::Redundancy => t.src_redundancy,
        Source::GuideResources => t.src_guide_resources,
    }
}

fn reserver(t: &T, r: Reserver) -> &'static str {
    match r {
        Reserver::Gke => "GKE",
        Reserver::Eks => "EKS",
        Reserver::Aks => "AKS",
        Reserver::AksPre129 => t.rv_aks_pre129,
    }
}

fn cores_word(t: &T, source: CoresSource) -> &'static str {
    match source {
        CoresSource::Host => t.tw_host,
        CoresSource::ContainerLimit => t.tw_limit,
    }
}

/// The node or machine in words: "e2-standard-4, 4 cores", "2 cores", "1 vCPU".
pub fn node_label(t: &T, node: &NodeAllocatable) -> String {
    let cpu = node.capacity_cpu_millicores / 1000.0;
    let amount = match node.kind {
        NodeKind::Machine | NodeKind::KubernetesNode => cores(t, cpu),
        NodeKind::FargateTask | NodeKind::CloudRunInstance => {
            format!("{} vCPU", grouped(cpu, 2))
        }
    };
    match &node.instance_type {
        Some(name) => format!("{name}, {amount}"),
        None => amount,
    }
}

/// One step of "how is this computed", in the page's language. `result` supplies the warning a
/// "does not fit" step points to and the node's kind.
pub fn step_text(t: &T, step: &Step, result: &CapacityResult) -> String {
    let n = |v: f64| grouped(v, 2);
    let c = |v: f64| cores(t, v);
    let count = |v: u64| grouped(v as f64, 0);
    let bands = |bands: &[Band], amount: &dyn Fn(f64) -> String| {
        bands
            .iter()
            .map(|b| fill(t.band, &[&pct(b.fraction), &amount(b.amount)]))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let limit = |l: &Option<f64>| match l {
        Some(l) => fill(t.tr_cpu_limit, &[&millicores(*l)]),
        None => t.tr_cpu_no_limit.to_string(),
    };
    match step {
        Step::WorkersCapped { max } => fill(t.tr_workers_capped, &[&count(u64::from(*max))]),
        Step::WorkersFixed { workers } => fill(t.tr_workers_fixed, &[&count(u64::from(*workers))]),
        Step::WorkersServerDefault {
            web_concurrency, ..
        } => match web_concurrency {
            Some(w) => fill(t.tr_workers_default, &[&count(u64::from(*w))]),
            None => t.tr_workers_default_unset.to_string(),
        },
        Step::WorkersGunicornRule {
            cores,
            cores_source,
            workers,
        } => fill(
            t.tr_workers_gunicorn,
            &[
                &n(*cores),
                cores_word(t, *cores_source),
                &count(u64::from(*workers)),
            ],
        ),
        Step::WorkersLegacyWebConcurrency { web_concurrency } => {
            fill(t.tr_legacy_wc, &[&count(u64::from(*web_concurrency))])
        }
        Step::WorkersLegacyFormula {
            workers_per_core,
            cores,
            cores_source,
            by_cores,
            max_workers,
            workers,
        } => {
            let (per, cores, word, by) = (
                n(*workers_per_core),
                n(*cores),
                cores_word(t, *cores_source),
                n(*by_cores),
            );
            match max_workers {
                Some(max) => fill(
                    t.tr_legacy_max,
                    &[
                        &per,
                        &cores,
                        word,
                        &by,
                        &count(u64::from(*max)),
                        &count(u64::from(*workers)),
                    ],
                ),
                None => fill(t.tr_legacy, &[&per, &cores, word, &by]),
            }
        }
        Step::MemoryUvicorn {
            workers,
            manager_mib,
            process_mib,
            model_mib,
            per_worker_mib,
        } => {
            if *workers > 1 {
                fill(
                    t.tr_mem_uvicorn,
                    &[
                        &count(u64::from(*workers)),
                        &mib(*manager_mib),
                        &mib(*process_mib),
                        &mib(*model_mib),
                        &mib(*per_worker_mib),
                    ],
                )
            } else {
                fill(
                    t.tr_mem_uvicorn_one,
                    &[&mib(*process_mib), &mib(*model_mib), &mib(*per_worker_mib)],
                )
            }
        }
        Step::MemoryPreload {
            workers,
            manager_mib,
            shared_fraction,
            shareable_mib,
            shared_mib,
            private_mib,
            cuda,
        } => {
            let mut text = fill(
                t.tr_mem_preload,
                &[
                    &mib(*manager_mib),
                    &count(u64::from(*workers)),
                    &pct(*shared_fraction),
                    &mib(*shareable_mib),
                    &mib(*shared_mib),
                    &mib(*private_mib),
                ],
            );
            if *cuda {
                text.push_str(t.tr_cuda_note);
            }
            text
        }
        Step::MemoryGunicorn {
            workers,
            manager_mib,
            process_mib,
            model_mib,
            per_worker_mib,
        } => fill(
            t.tr_mem_gunicorn,
            &[
                &mib(*manager_mib),
                &count(u64::from(*workers)),
                &mib(*process_mib),
                &mib(*model_mib),
                &mib(*per_worker_mib),
            ],
        ),
        Step::MemorySingleProcess {
            process_mib,
            model_mib,
            per_worker_mib,
        } => fill(
            t.tr_mem_single,
            &[&mib(*process_mib), &mib(*model_mib), &mib(*per_worker_mib)],
        ),
        Step::MemoryPerContainer {
            manager_mib,
            workers,
            private_mib,
            shared_mib,
            per_container_mib,
        } => fill(
            t.tr_mem_container,
            &[
                &mib(*manager_mib),
                &count(u64::from(*workers)),
                &mib(*private_mib),
                &mib(*shared_mib),
                &mib(*per_container_mib),
            ],
        ),
        Step::MemoryLimitProposed {
            per_container_mib,
            headroom,
            limit_mib,
        } => fill(
            t.tr_mem_limit,
            &[&mib(*per_container_mib), &pct(*headroom), &mib(*limit_mib)],
        ),
        Step::InFlight {
            rps,
            latency_seconds,
            in_flight,
        } => fill(
            t.tr_in_flight,
            &[&n(*rps), &grouped(*latency_seconds, 3), &n(*in_flight)],
        ),
        Step::CoresNeeded {
            rps,
            cpu_seconds,
            target_utilization,
            cores,
        } => fill(
            t.tr_cores,
            &[
                &n(*rps),
                &grouped(*cpu_seconds, 3),
                &n(*target_utilization),
                &n(*cores),
            ],
        ),
        Step::SyncWorkers {
            in_flight,
            target_utilization,
            by_concurrency,
            processes,
        } => fill(
            t.tr_sync,
            &[
                &n(*in_flight),
                &n(*target_utilization),
                &n(*by_concurrency),
                &count(*processes),
            ],
        ),
        Step::AsyncWorkers { processes } => fill(t.tr_async, &[&count(*processes)]),
        Step::CpuRequest {
            request_millicores,
            workers,
            cores_per_worker,
            as_given,
            limit_millicores,
        } => {
            let mut text = if *as_given {
                fill(t.tr_cpu_request_given, &[&millicores(*request_millicores)])
            } else {
                fill(
                    t.tr_cpu_request,
                    &[
                        &millicores(*request_millicores),
                        &count(u64::from(*workers)),
                        &c(*cores_per_worker),
                    ],
                )
            };
            text.push_str(&limit(limit_millicores));
            text
        }
        Step::NodeMachine {
            memory_mib,
            reserved_mib,
            allocatable_mib,
            cores,
        } => fill(
            t.tr_node_machine,
            &[
                &size(*memory_mib),
                &mib(*reserved_mib),
                &mib(*allocatable_mib),
                &n(*cores),
            ],
        ),
        Step::NodeFargateTask {
            vcpu,
            memory_gb,
            memory_mib,
        } => fill(
            t.tr_node_fargate,
            &[&n(*vcpu), &n(*memory_gb), &mib(*memory_mib)],
        ),
        Step::NodeFargateEks {
            pod_millicores,
            pod_memory_mib,
            with_overhead_mib,
            vcpu,
            memory_gb,
        } => fill(
            t.tr_node_fargate_eks,
            &[
                &millicores(*pod_millicores),
                &mib(*pod_memory_mib),
                &mib(*with_overhead_mib),
                &n(*vcpu),
                &n(*memory_gb),
            ],
        ),
        Step::NodeFargateEksTooBig {
            pod_millicores,
            pod_memory_mib,
        } => fill(
            t.tr_node_fargate_eks_big,
            &[&mib(*pod_memory_mib), &millicores(*pod_millicores)],
        ),
        Step::NodeCloudRun { vcpu, memory_mib } => {
            fill(t.tr_node_cloud_run, &[&n(*vcpu), &mib(*memory_mib)])
        }
        Step::NodeNoReservation {
            memory_mib,
            allocatable_mib,
        } => fill(
            t.tr_node_none,
            &[&size(*memory_mib), &mib(*allocatable_mib)],
        ),
        Step::NodeKubeletDefaults {
            memory_mib,
            eviction_mib,
            allocatable_mib,
        } => fill(
            t.tr_node_kubelet,
            &[
                &size(*memory_mib),
                &mib(*eviction_mib),
                &mib(*allocatable_mib),
            ],
        ),
        Step::NodeMaxPods { max_pods, origin } => {
            let max = count(u64::from(*max_pods));
            match origin {
                MaxPodsOrigin::Given => fill(t.tr_node_max_pods_given, &[&max]),
                MaxPodsOrigin::EksEni { enis, ips_per_eni } => fill(
                    t.tr_node_max_pods_eni,
                    &[
                        &count(u64::from(*enis)),
                        &count(u64::from(*ips_per_eni)),
                        &max,
                        result.node.instance_type.as_deref().unwrap_or(t.k_node),
                    ],
                ),
                MaxPodsOrigin::AksNetwork { network } => {
                    fill(t.tr_node_max_pods_aks, &[&max, network_name(t, *network)])
                }
                MaxPodsOrigin::KubeletDefault => fill(t.tr_node_max_pods_default, &[&max]),
            }
        }
        Step::NodeBandedMemory {
            reserver: who,
            memory_mib,
            bands: b,
            reserved_mib,
            eviction_mib,
            allocatable_mib,
        } => {
            if b.is_empty() {
                fill(
                    t.tr_node_banded_small,
                    &[
                        &size(*memory_mib),
                        reserver(t, *who),
                        &mib(*eviction_mib),
                        &mib(*allocatable_mib),
                    ],
                )
            } else {
                fill(
                    t.tr_node_banded,
                    &[
                        &size(*memory_mib),
                        reserver(t, *who),
                        &bands(b, &size),
                        &mib(*reserved_mib),
                        &mib(*eviction_mib),
                        &mib(*allocatable_mib),
                    ],
                )
            }
        }
        Step::NodeTieredCpu {
            reserver: who,
            cores,
            bands: b,
            reserved_millicores,
            allocatable_millicores,
        } => fill(
            t.tr_node_tiered,
            &[
                &c(*cores),
                reserver(t, *who),
                &bands(b, &c),
                &millicores(*reserved_millicores),
                &millicores(*allocatable_millicores),
            ],
        ),
        Step::NodeAksCpu {
            reserver: who,
            cores,
            reserved_millicores,
            interpolated,
            allocatable_millicores,
        } => fill(
            if *interpolated {
                t.tr_node_aks_cpu_interp
            } else {
                t.tr_node_aks_cpu
            },
            &[
                &c(*cores),
                reserver(t, *who),
                &millicores(*reserved_millicores),
                &millicores(*allocatable_millicores),
            ],
        ),
        Step::NodeEksMemory {
            memory_mib,
            max_pods,
            reserved_mib,
            eviction_mib,
            allocatable_mib,
        } => fill(
            t.tr_node_eks,
            &[
                &size(*memory_mib),
                &count(u64::from(*max_pods)),
                &mib(*reserved_mib),
                &mib(*eviction_mib),
                &mib(*allocatable_mib),
            ],
        ),
        Step::NodeAksMemory {
            memory_mib,
            max_pods,
            by_pods_mib,
            quarter_mib,
            capped,
            reserved_mib,
            eviction_mib,
            allocatable_mib,
        } => fill(
            if *capped {
                t.tr_node_aks_capped
            } else {
                t.tr_node_aks
            },
            &[
                &size(*memory_mib),
                &count(u64::from(*max_pods)),
                &mib(*by_pods_mib),
                &mib(*quarter_mib),
                &mib(*reserved_mib),
                &mib(*eviction_mib),
                &mib(*allocatable_mib),
            ],
        ),
        Step::NodeCustomMemory {
            memory_mib,
            kube_reserved_mib,
            system_reserved_mib,
            eviction_mib,
            allocatable_mib,
        } => fill(
            t.tr_node_custom_mem,
            &[
                &size(*memory_mib),
                &mib(*kube_reserved_mib),
                &mib(*system_reserved_mib),
                &mib(*eviction_mib),
                &mib(*allocatable_mib),
            ],
        ),
        Step::NodeCustomCpu {
            cores,
            kube_reserved_millicores,
            system_reserved_millicores,
            allocatable_millicores,
        } => fill(
            t.tr_node_custom_cpu,
            &[
                &c(*cores),
                &millicores(*kube_reserved_millicores),
                &millicores(*system_reserved_millicores),
                &millicores(*allocatable_millicores),
            ],
        ),
        Step::DaemonSets {
            pods,
            millicores: cpu,
            memory_mib,
            available_millicores,
            available_mib,
            available_pods,
            max_pods,
        } => fill(
            t.tr_ds,
            &[
                &count(u64::from(*pods)),
                &millicores(*cpu),
                &mib(*memory_mib),
                &millicores(*available_millicores),
                &mib(*available_mib),
                &count(u64::from(*available_pods)),
                &count(u64::from(*max_pods)),
            ],
        ),
        Step::ContainersForTraffic {
            processes,
            workers,
            containers,
        } => fill(
            t.tr_containers,
            &[
                &count(*processes),
                &count(u64::from(*workers)),
                &count(*containers),
            ],
        ),
        Step::CloudRunConcurrency {
            in_flight,
            concurrency,
            target_utilization,
            instances,
        } => fill(
            t.tr_cloud_run,
            &[
                &n(*in_flight),
                &count(u64::from(*concurrency)),
                &n(*target_utilization),
                &count(*instances),
            ],
        ),
        Step::Redundancy {
            serving,
            spares,
            containers,
        } => fill(
            t.tr_redundancy,
            &[&count(*serving), &count(*spares), &count(*containers)],
        ),
        Step::PerNode {
            available_mib,
            request_mib,
            by_memory,
            available_millicores,
            request_millicores,
            by_cpu,
            by_pods,
            per_node,
            binding,
            nodes,
            containers,
        } => fill(
            t.tr_per_node,
            &[
                &mib(*available_mib),
                &mib(*request_mib),
                &count(*by_memory),
                &millicores(*available_millicores),
                &millicores(*request_millicores),
                &count(*by_cpu),
                &by_pods
                    .map(count)
                    .unwrap_or_else(|| t.unlimited.to_string()),
                &count(*per_node),
                match binding {
                    BindingResource::Memory => t.b_memory,
                    BindingResource::Cpu => t.b_cpu,
                    BindingResource::Pods => t.b_pods,
                },
                &count(*nodes),
                &count(*containers),
            ],
        ),
        Step::Stranded {
            millicores: cpu,
            memory_mib,
        } => fill(t.tr_stranded, &[&millicores(*cpu), &mib(*memory_mib)]),
        Step::Utilization {
            cores_in_use,
            nodes,
            allocatable_millicores,
            utilization,
        } => fill(
            t.tr_utilization,
            &[
                &n(*cores_in_use),
                &count(*nodes),
                &millicores(*allocatable_millicores),
                &pct(*utilization),
            ],
        ),
        Step::Queueing {
            target_utilization,
            slowdown,
        } => fill(
            t.tr_queueing,
            &[
                &pct(*target_utilization),
                &n(*target_utilization),
                &n(*slowdown),
            ],
        ),
        Step::Qos {
            class,
            memory_mib,
            request_millicores,
            limit_millicores,
        } => {
            let mut text = fill(
                t.tr_qos,
                &[
                    &format!("{class:?}"),
                    &mib(*memory_mib),
                    &millicores(*request_millicores),
                ],
            );
            text.push_str(&limit(limit_millicores));
            text
        }
        Step::Fits {
            containers,
            workers,
            per_container_mib,
            nodes,
        } => format!(
            "{}: {}",
            t.fits,
            fill(
                t.fits_detail,
                &[
                    &count(*containers),
                    &count(u64::from(*workers)),
                    &mib(*per_container_mib),
                    &count(*nodes),
                    super::kind_word(t, result.node.kind),
                ],
            )
        ),
        Step::DoesNotFit { warning } => {
            let why = warning
                .and_then(|code| result.warnings.iter().find(|w| w.code == code))
                .map(|w| warning_text(t, w));
            match why {
                Some(why) => format!("{}: {why}", t.not_fit),
                None => t.not_fit.to_string(),
            }
        }
    }
}

pub const EN: T = T {
    form_title: "Your deployment",
    sec_app: "The app",
    sec_server: "Server",
    sec_workers: "Worker processes per container",
    sec_container: "Container limits",
    sec_target: "Where it runs",
    sec_traffic: "Traffic and headroom",
    process_mem: "Memory per worker process, without the model",
    process_mem_hint: "Measure PSS (smaps_rollup), not RSS.",
    model_mem: "Model or data each worker loads",
    manager_mem: "Manager process (uvicorn supervisor or gunicorn master)",
    framework: "Libraries",
    fw_none: "Plain Python",
    fw_numpy: "NumPy / SciPy",
    fw_pytorch: "PyTorch on CPU",
    fw_pytorch_cuda: "PyTorch with CUDA",
    omp: "OMP_NUM_THREADS set by the app",
    cpu_ms: "CPU time per request",
    latency_ms: "Time in the server per request",
    server: "Server",
    srv_uvicorn: "uvicorn --workers (or fastapi run)",
    srv_gunicorn: "gunicorn",
    srv_preload: "gunicorn --preload",
    srv_single: "One process per container",
    worker_class: "Gunicorn worker class",
    wc_uvicorn: "uvicorn_worker.UvicornWorker (async; the uvicorn-worker package)",
    wc_sync: "sync (one request at a time)",
    shared: "Memory that stays shared after --preload",
    single_note: "One server process per container: replicate with containers.",
    workers_mode: "How the number is set",
    wm_fixed: "A number",
    wm_default: "Server default: $WEB_CONCURRENCY or 1",
    wm_gunicorn: "Gunicorn's rule: 2 × cores + 1",
    wm_legacy: "The legacy image's formula (tiangolo/uvicorn-gunicorn)",
    workers: "Workers per container",
    web_concurrency: "WEB_CONCURRENCY",
    cores_source: "Cores the formula sees",
    cs_host: "The host's CPUs (multiprocessing.cpu_count())",
    cs_limit: "The container's CPU limit",
    workers_per_core: "WORKERS_PER_CORE",
    max_workers: "MAX_WORKERS",
    mem_limit: "Memory limit",
    cpu_limit: "CPU limit",
    cpu_request: "CPU request",
    optional: "optional",
    target: "Target",
    t_machine: "One machine (Docker, Compose)",
    t_k8s: "Kubernetes nodes",
    machine_cores: "CPU cores",
    machine_mem: "RAM",
    machine_reserved: "RAM used by the OS and other programs",
    node_type: "Node type",
    nt_custom: "Custom: give cores and memory",
    node_cores: "Node CPU cores",
    node_mem: "Node memory",
    reservation: "Reservation model",
    rs_none: "None (the whole node)",
    rs_kubelet: "Kubelet defaults (eviction at 100 MiB)",
    rs_gke: "GKE",
    rs_eks: "EKS (Amazon Linux 2023 AMI)",
    rs_aks: "AKS 1.29 and later",
    rs_aks_pre129: "AKS before 1.29",
    max_pods: "Max pods per node",
    ds_cpu: "DaemonSets' CPU per node",
    ds_mem: "DaemonSets' memory per node",
    ds_pods: "DaemonSet pods per node",
    node_count: "Nodes available",
    hpa: "Add a HorizontalPodAutoscaler",
    fargate_vcpu: "Task vCPU",
    fargate_gb: "Task memory (GB)",
    run_vcpu: "Instance vCPU",
    run_mem: "Instance memory (MiB)",
    run_concurrency: "Requests per instance at once",
    rps: "Requests per second",
    util: "Target CPU utilization",
    redundancy: "Spare containers (N+k)",
    u_cores: "cores",
    u_m: "millicores",
    u_rps: "req/s",
    unit: "unit",
    results: "Result",
    fits: "Fits",
    not_fit: "Does not fit",
    fits_detail: "{0} container(s) of {1} worker(s), {2} each, on {3} {4}(s).",
    not_fit_detail: "{0} worker(s) need {1} per container.",
    stale: "A field needs fixing: the result below is the last valid one.",
    headroom_container: "Headroom in the container's limit: {0}",
    over_container: "Over the container's limit by {0}",
    headroom_node: "Memory left on a full {0}: {1}",
    n_workers: "Workers per container",
    n_mem_container: "Memory per container",
    n_limit: "Memory limit (given)",
    n_limit_proposed: "Memory limit (proposed, with headroom)",
    n_mem_node: "Our memory per {0}",
    n_alloc_mem: "Memory for containers per {0}",
    n_alloc_cpu: "CPU for containers per {0}",
    n_cores: "CPU cores needed",
    n_processes: "Worker processes needed",
    n_containers: "Containers (serving + spare)",
    n_nodes: "Machines or nodes needed",
    n_binding: "What limits containers per node",
    n_qos: "Kubernetes QoS class",
    b_memory: "memory",
    b_cpu: "CPU",
    b_pods: "pod slots",
    k_machine: "machine",
    k_node: "node",
    k_task: "Fargate task",
    k_instance: "Cloud Run instance",
    warnings: "Warnings",
    fix_title: "What would fit",
    fix_workers: "{0} worker(s) per container",
    fix_limit: "A container memory limit of {0}",
    fix_memory: "A {0} with {1} of memory",
    fix_node: "The node type {0}",
    fix_fargate: "A Fargate task of {0} vCPU and {1} GB",
    fix_none: "No single change makes this fit: lower the traffic or the memory per worker.",
    apply: "Apply",
    mem_picture: "Memory of one {0}",
    mem_picture_label: "Memory of one {0}: {1} used of {2}",
    seg_reserved: "Reserved for the system",
    seg_ds: "DaemonSets",
    seg_manager: "Manager",
    seg_shared: "Shared after preload",
    seg_worker: "Worker",
    seg_workers_many: "{0} containers",
    seg_slack: "Limit not used",
    seg_free: "Free",
    seg_over: "Over capacity by {0}",
    capacity: "Capacity",
    cpu_picture: "CPU of the {0}(s) needed",
    cpu_in_use: "In use at this traffic: {0}",
    cpu_target: "Target utilization: {0}",
    cpu_band: "Usual band: 50% to 90%",
    configs: "Configs to paste",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed",
    trace: "How is this computed",
    trace_note: "Each step names the source of its formula.",
    reset: "Reset",
    share_note: "The address of this page holds the scenario: share it to share the result.",
    bad_link: "The calculator settings in this link could not be read, so the default scenario is shown.",
    long_link: "This link is too long to hold calculator settings, so the default scenario is shown.",
    bad_saved: "Your saved calculator settings could not be read and were ignored.",
    e_number: "Enter a number.",
    e_whole: "Enter a whole number.",
    e_positive: "Must be more than 0.",
    e_between: "Must be between {0} and {1}.",
    e_finite: "Must be a finite number.",
    e_other: "Check the scenario:",
    open_full: "Open in the calculator",
    widget_error: "This example could not be loaded:",
    replicas: "Replicas",
    w_workers_from_host_cores: "The worker formula read the host's {0} CPUs (multiprocessing.cpu_count()), not a container limit: {1} workers.",
    w_workers_from_host_cores_limit: "The worker formula read the host's {0} CPUs (multiprocessing.cpu_count()), not the container's CPU limit of {1}: {2} workers.",
    w_memory_over_limit: "The container needs {0} but its memory limit is {1}: the kernel kills it (OOM, exit code 137).",
    w_memory_over_node: "One container needs {0} of memory, but only {1} is available for it.",
    w_cpu_over_node: "One container requests {0}m of CPU, but only {1}m is available: the pod stays Pending.",
    w_no_pod_slots: "No pod slot is left for the app (max pods {0}), or no Fargate size is large enough.",
    w_not_enough_nodes: "{0} containers need {1} machines or nodes, but there are {2}.",
    w_oom_kills_whole_container: "On cgroup v2 (Kubernetes 1.28+), running out of memory in one of the {0} workers kills the whole container.",
    w_utilization_above_band: "A target utilization of {0} leaves little headroom: response times grow {1}×. Stay between 50% and 90%.",
    w_utilization_below_band: "A target utilization of {0} pays for mostly idle CPU; 50% to 90% is the usual band.",
    w_preload_with_pytorch: "PyTorch and --preload do not mix: CUDA does not survive fork, and torch's thread pools can hang in forked workers. Load the model in each worker.",
    w_sharing_optimistic: "Sharing {0} with --preload is optimistic: reference counting copies pages back; field reports save 20% to 40%.",
    w_single_replica: "A single container: a crash or a rolling update leaves nothing serving. Add a spare (N+1).",
    w_thread_oversubscription: "{0} workers × {1} threads = {2} threads on {3} CPUs: set OMP_NUM_THREADS={4}.",
    w_cpu_limit_below_workers: "{0} workers can use {1}m of CPU but the limit is {2}m: under load they are throttled.",
    w_legacy_image_deprecated: "The tiangolo/uvicorn-gunicorn image is deprecated: use uvicorn --workers on one server, or one process per container on a cluster.",
    w_provider_mismatch: "The node type belongs to another cloud than the reservation model.",
    sec_deploy: "Names in the configs",
    deploy_name: "App name (Deployment, Compose service)",
    image: "Container image",
    module: "ASGI app (module:attribute)",
    port: "Port",
    n_core_one: "1 core",
    n_stranded: "Left unusable on a full {0} (no further container fits)",
    n_mem_util: "Memory requested of what a {0} allocates",
    tp_workers: "Workers",
    tp_memory: "Memory",
    tp_node: "Node",
    tp_cpu: "CPU",
    tp_packing: "Packing",
    tp_fit: "Verdict",
    tw_host: "host cores",
    tw_limit: "cores of the container's CPU limit",
    n_cores_amount: "{0} cores",
    band: "{0} of {1}",
    unlimited: "unlimited",
    rv_aks_pre129: "AKS before 1.29",
    tr_workers_capped: "Capped at {0} workers, the calculator's limit.",
    tr_workers_fixed: "{0} worker process(es) per container, as given.",
    tr_workers_default: "Server default: WEB_CONCURRENCY={0}, so {0} worker(s) per container.",
    tr_workers_default_unset: "Server default: WEB_CONCURRENCY is not set, so 1 worker per container.",
    tr_workers_gunicorn: "Gunicorn's rule: (2 × {0} {1}) + 1 = {2} workers.",
    tr_legacy_wc: "Legacy image: WEB_CONCURRENCY={0} wins (MAX_WORKERS is ignored).",
    tr_legacy: "Legacy image: max(int({0} × {1} {2}), 2) = {3} workers.",
    tr_legacy_max: "Legacy image: max(int({0} × {1} {2}), 2) = {3}, then min(…, MAX_WORKERS={4}) = {5} workers.",
    tr_mem_uvicorn_one: "uvicorn with one worker runs in a single process: {0} + {1} model = {2}.",
    tr_mem_uvicorn: "uvicorn --workers {0}: a supervisor ({1}) plus {0} spawned workers that share nothing, so each holds {2} + {3} model = {4}.",
    tr_mem_preload: "gunicorn --preload: the master ({0}) loads the app before forking {1} workers; {2} of {3} stays shared ({4}, counted once) and each worker holds {5} of its own.",
    tr_cuda_note: " The CUDA model loads in every worker.",
    tr_mem_gunicorn: "gunicorn without --preload: the master ({0}) plus {1} workers that each load the app: {2} + {3} model = {4}.",
    tr_mem_single: "One process per container: {0} + {1} model = {2}.",
    tr_mem_container: "Per container: {0} manager + {1} × {2} + {3} shared = {4}.",
    tr_mem_limit: "Proposed memory limit and request: {0} + {1} headroom, rounded up to 64 MiB = {2}.",
    tr_in_flight: "Requests in flight: {0} req/s × {1} s = {2}.",
    tr_cores: "CPU: {0} req/s × {1} CPU-seconds ÷ {2} target = {3} cores.",
    tr_sync: "Sync workers serve one request at a time: {0} in flight ÷ {1} = {2} workers; with the CPU bound, {3} worker processes.",
    tr_async: "One Python process uses about one core: {0} worker process(es).",
    tr_cpu_request: "CPU request per container: {0} ({1} worker(s) × {2}).",
    tr_cpu_request_given: "CPU request per container: {0}, as given.",
    tr_cpu_limit: " CPU limit: {0}.",
    tr_cpu_no_limit: " No CPU limit.",
    tr_node_machine: "{0} machine: {1} reserved for the OS and other programs; {2} and {3} cores left for containers.",
    tr_node_fargate: "Fargate task: {0} vCPU, {1} GB = {2}, one container per task.",
    tr_node_fargate_eks: "EKS Fargate: the pod requests {0} CPU and {1}, plus 256 MB for Kubernetes = {2}; rounded up to {3} vCPU, {4} GB.",
    tr_node_fargate_eks_big: "EKS Fargate: no task size holds {0} + 256 MB with {1} CPU (at most 16 vCPU, 120 GB).",
    tr_node_cloud_run: "Cloud Run instance: {0} vCPU, {1}; files written to the file system count as memory.",
    tr_node_none: "{0} node: no reservations modelled; allocatable {1}.",
    tr_node_kubelet: "{0} node: the kubelet's defaults reserve nothing; eviction {1}; allocatable {2}.",
    tr_node_banded: "{0} node: {1} reserves {2} = {3}; eviction {4}; allocatable {5}.",
    tr_node_banded_small: "{0} node: {1} reserves 255 MiB on machines under 1 GiB; eviction {2}; allocatable {3}.",
    tr_node_tiered: "{0}: {1} reserves {2} = {3}; allocatable {4}.",
    tr_node_aks_cpu: "{0}: {1} reserves {2} by its table; allocatable {3}.",
    tr_node_aks_cpu_interp: "{0}: {1} reserves {2}, interpolated between rows of its table; allocatable {3}.",
    tr_node_eks: "{0} node: EKS (Amazon Linux 2023) reserves 11 MiB × {1} max pods + 255 MiB = {2}; eviction {3}; allocatable {4}.",
    tr_node_aks: "{0} node: AKS reserves the smaller of 20 MiB × {1} max pods + 50 MiB = {2} and 25% of the memory = {3}, so {4}; eviction {5}; allocatable {6}.",
    tr_node_custom_mem: "{0} node: kube-reserved {1} + system-reserved {2} + eviction {3}; allocatable {4}.",
    tr_node_custom_cpu: "{0}: kube-reserved {1} + system-reserved {2}; allocatable {3}.",
    tr_ds: "DaemonSets: {0} pods requesting {1} CPU and {2}; left for the app: {3}, {4} and {5} pods (of {6}).",
    tr_containers: "Containers for the traffic: ceil({0} processes ÷ {1} per container) = {2} (at least 1).",
    tr_cloud_run: "Cloud Run concurrency: {0} in flight ÷ ({1} per instance × {2}) = {3} instances.",
    tr_redundancy: "N+{1}: {0} serving + {1} spare = {2} container(s).",
    tr_per_node: "Per node: memory {0} ÷ {1} = {2}; CPU {3} ÷ {4} = {5}; pod slots: {6}. So {7} per node ({8} binds), and {9} node(s) for {10} container(s).",
    tr_stranded: "A full node strands {0} of CPU and {1} that no further container fits into.",
    tr_utilization: "Utilization per node: {0} cores in use ÷ ({1} × {2}) = {3}.",
    tr_queueing: "At {0} utilization requests queue: response time = service time ÷ (1 − {1}) = {2}×.",
    tr_qos: "QoS {0}: memory request = limit = {1}; CPU request {2}.",
    src_uvicorn_spawn: "uvicorn _subprocess.py: workers start with spawn, not fork",
    src_server_default: "Uvicorn and Gunicorn settings: workers default to $WEB_CONCURRENCY or 1",
    src_gunicorn_design: "Gunicorn docs, design: (2 × cores) + 1 as a starting point",
    src_gunicorn_preload: "Instagram engineering (copy-on-write and gc.freeze); field reports of 20-40% saved",
    src_legacy_image: "tiangolo/uvicorn-gunicorn gunicorn_conf.py and its tests",
    src_pss: "Measure PSS / Private_Dirty in /proc/<pid>/smaps_rollup, not RSS",
    src_k8s_reserve: "Kubernetes docs, Reserve Compute Resources",
    src_gke: "GKE docs, plan node sizes",
    src_eks: "EKS AMI for Amazon Linux 2023, nodeadm config.go (the AL2 AMIs reached end of support on 2025-11-26)",
    src_aks: "Microsoft docs, AKS node resource reservations",
    src_fargate: "AWS docs, Fargate task sizes",
    src_cloud_run: "Cloud Run docs: memory limits, concurrency, autoscaling",
    src_little: "Little's law: requests in flight = arrival rate × time in the system",
    src_cpu_cores: "cores = RPS × CPU-seconds per request ÷ target utilization; a Python process uses about one core (GIL)",
    src_sync_workers: "sync workers = RPS × latency ÷ target utilization (Little's law)",
    src_utilization: "FastAPI docs, deployment concepts: a target between 50% and 90%",
    src_queueing: "Single-server queueing: response time = service time ÷ (1 − utilization)",
    src_packing: "Per resource: pods per node = available ÷ request; nodes = ceil(pods ÷ pods per node)",
    src_k8s_qos: "Kubernetes docs, Pod Quality of Service classes",
    src_docker_limits: "Docker docs, runtime options with memory and CPUs",
    src_redundancy: "N+1 (N+2 across zones), so one failure or a rolling update does not overload the rest",
    src_guide_resources: "Shipshape guide 1.6 and 1.8: memory per process, resource utilization",
    e_syntax: "This value could not be read.",
    e_characters: "Use 1 to {0} characters: letters, digits and {1}.",
    e_name_case: "Use lower case, without a hyphen at the start or the end.",
    e_module: "Write it as module:attribute, for example app.main:app.",
    e_port: "Must be between 1 and 65535.",
    e_needs_limit: "Counting the container's cores needs a CPU limit: set one, or count the host's.",
    e_unknown_type: "Unknown node type {0}: pick one from the list, or give cores and memory.",
    e_type_and_shape: "Give a node type, or cores and memory, not both.",
    e_required: "Required when no node type is given.",
    e_eks_max_pods: "The EKS reservation on a node given by cores and memory needs max pods (EKS reserves 11 MiB × max pods + 255 MiB).",
    e_fargate_vcpu: "Fargate offers 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU.",
    e_fargate_memory: "With {0} vCPU, Fargate offers {1} GB.",
    e_cloud_run_vcpu: "Cloud Run needs at least {0} vCPU for {1} of memory.",
    e_request_above_limit: "Must not be more than the CPU limit ({0}).",
    e_single_workers: "One process per container runs exactly 1 worker, but the workers setting gives {0}.",
    headroom: "Headroom added to a proposed memory limit",
    headroom_hint: "Used when no memory limit is given: the calculator proposes one.",
    rs_custom: "Custom (kube-reserved, system-reserved, eviction)",
    kube_cpu: "kube-reserved CPU",
    kube_mem: "kube-reserved memory",
    sys_cpu: "system-reserved CPU",
    sys_mem: "system-reserved memory",
    eviction: "Eviction threshold (memory.available)",
    fargate_eks_note: "The pod's requests plus 256 MB are rounded up to the next Fargate size.",
    wc_asgi: "asgi (Gunicorn's own async worker, 25.1 or later)",
    aks_network: "AKS network plugin",
    an_overlay: "Azure CNI Overlay (250 pods per node by default)",
    an_node_subnet: "Azure CNI, pod IPs from the node subnet (30)",
    an_kubenet: "kubenet (110)",
    aks_network_hint: "It sets the default max pods per node, and AKS reserves memory by max pods. A max pods value given below wins.",
    net_node_subnet: "Azure CNI (node subnet)",
    src_eks_max_pods: "EKS AMI nodeadm eni_max_pods.go: ENIs × (IPv4 addresses per ENI − 1) + 2",
    src_aks_max_pods: "Microsoft docs, AKS IP address planning: max pods per node by network plugin",
    src_kubelet_max_pods: "Kubernetes docs, kubelet configuration: maxPods, 110 unless set",
    tr_node_max_pods_given: "Max pods per node: {0}, as given.",
    tr_node_max_pods_eni: "Max pods per node on {3}: {0} ENIs × ({1} IPv4 addresses per ENI − 1) + 2 = {2}.",
    tr_node_max_pods_aks: "Max pods per node: {0}, the AKS default with {1}.",
    tr_node_max_pods_default: "Max pods per node: {0}, the kubelet's default.",
    tr_node_aks_capped: "{0} node: 20 MiB × {1} max pods + 50 MiB = {2} is more than 25% of the memory ({3}), so the 25% cap applies and AKS reserves {4}; eviction {5}; allocatable {6}.",
    e_aks_network: "A network plugin only applies with an AKS reservation model.",
};

pub const KO: T = T {
    form_title: "배포 구성",
    sec_app: "앱",
    sec_server: "서버",
    sec_workers: "컨테이너당 워커 프로세스",
    sec_container: "컨테이너 제한",
    sec_target: "실행 환경",
    sec_traffic: "트래픽과 여유",
    process_mem: "워커 프로세스 하나의 메모리(모델 제외)",
    process_mem_hint: "RSS가 아니라 PSS(smaps_rollup)로 측정하세요.",
    model_mem: "워커마다 불러오는 모델이나 데이터",
    manager_mem: "관리 프로세스(uvicorn 감독 프로세스 또는 gunicorn 마스터)",
    framework: "라이브러리",
    fw_none: "순수 파이썬",
    fw_numpy: "NumPy, SciPy",
    fw_pytorch: "PyTorch(CPU)",
    fw_pytorch_cuda: "PyTorch(CUDA 사용)",
    omp: "앱이 설정한 OMP_NUM_THREADS 값",
    cpu_ms: "요청당 CPU 시간",
    latency_ms: "요청 하나가 서버에 머무는 시간",
    server: "서버 방식",
    srv_uvicorn: "uvicorn --workers(또는 fastapi run)",
    srv_gunicorn: "gunicorn 사용",
    srv_preload: "gunicorn --preload 사용",
    srv_single: "컨테이너당 프로세스 하나",
    worker_class: "Gunicorn 워커 클래스",
    wc_uvicorn: "uvicorn_worker.UvicornWorker(비동기, uvicorn-worker 패키지)",
    wc_sync: "sync(한 번에 요청 하나)",
    shared: "--preload 후에도 공유되는 메모리 비율",
    single_note: "컨테이너마다 서버 프로세스가 하나입니다. 복제는 컨테이너 수로 합니다.",
    workers_mode: "워커 수를 정하는 방법",
    wm_fixed: "직접 입력",
    wm_default: "서버 기본값: $WEB_CONCURRENCY 또는 1",
    wm_gunicorn: "Gunicorn 권장식: 2 × 코어 + 1",
    wm_legacy: "구 이미지의 공식(tiangolo/uvicorn-gunicorn)",
    workers: "컨테이너당 워커 수",
    web_concurrency: "WEB_CONCURRENCY 값",
    cores_source: "공식이 보는 코어 수",
    cs_host: "호스트의 CPU 수(multiprocessing.cpu_count())",
    cs_limit: "컨테이너의 CPU 제한",
    workers_per_core: "WORKERS_PER_CORE 값",
    max_workers: "MAX_WORKERS 값",
    mem_limit: "메모리 제한",
    cpu_limit: "CPU 제한",
    cpu_request: "CPU 요청",
    optional: "선택",
    target: "대상",
    t_machine: "머신 한 대(Docker, Compose)",
    t_k8s: "쿠버네티스 노드",
    machine_cores: "CPU 코어 수",
    machine_mem: "메모리(RAM)",
    machine_reserved: "OS와 다른 프로그램이 쓰는 메모리",
    node_type: "노드 유형",
    nt_custom: "직접 지정: 코어와 메모리 입력",
    node_cores: "노드 CPU 코어 수",
    node_mem: "노드 메모리",
    reservation: "예약 모델",
    rs_none: "없음(노드 전체 사용)",
    rs_kubelet: "kubelet 기본값(100 MiB에서 축출)",
    rs_gke: "GKE 방식",
    rs_eks: "EKS 방식(Amazon Linux 2023 AMI)",
    rs_aks: "AKS 1.29 이상",
    rs_aks_pre129: "AKS 1.29 미만",
    max_pods: "노드당 최대 파드 수",
    ds_cpu: "노드당 데몬셋 CPU",
    ds_mem: "노드당 데몬셋 메모리",
    ds_pods: "노드당 데몬셋 파드 수",
    node_count: "사용할 수 있는 노드 수",
    hpa: "HorizontalPodAutoscaler 추가",
    fargate_vcpu: "태스크 vCPU",
    fargate_gb: "태스크 메모리(GB)",
    run_vcpu: "인스턴스 vCPU",
    run_mem: "인스턴스 메모리(MiB)",
    run_concurrency: "인스턴스당 동시 요청 수",
    rps: "초당 요청 수",
    util: "목표 CPU 사용률",
    redundancy: "여분 컨테이너(N+k)",
    u_cores: "코어",
    u_m: "밀리코어",
    u_rps: "요청/초",
    unit: "단위",
    results: "결과",
    fits: "들어갑니다",
    not_fit: "들어가지 않습니다",
    fits_detail: "워커 {1}개짜리 컨테이너 {0}개(각 {2})가 {4} {3}대에 들어갑니다.",
    not_fit_detail: "워커 {0}개에 컨테이너당 {1}가 필요합니다.",
    stale: "고쳐야 할 입력값이 있습니다. 아래는 마지막으로 유효했던 결과입니다.",
    headroom_container: "컨테이너 제한 대비 여유: {0}",
    over_container: "컨테이너 제한 초과량: {0}",
    headroom_node: "가득 찬 {0}에 남는 메모리: {1}",
    n_workers: "컨테이너당 워커 수",
    n_mem_container: "컨테이너당 메모리",
    n_limit: "메모리 제한(입력값)",
    n_limit_proposed: "메모리 제한(여유를 더한 제안값)",
    n_mem_node: "{0}당 앱이 쓰는 메모리",
    n_alloc_mem: "{0}당 컨테이너용 메모리",
    n_alloc_cpu: "{0}당 컨테이너용 CPU",
    n_cores: "필요한 CPU 코어",
    n_processes: "필요한 워커 프로세스",
    n_containers: "컨테이너(처리용 + 여분)",
    n_nodes: "필요한 머신 또는 노드",
    n_binding: "노드당 컨테이너 수를 제한하는 자원",
    n_qos: "쿠버네티스 QoS 클래스",
    b_memory: "메모리",
    b_cpu: "CPU 자원",
    b_pods: "파드 슬롯",
    k_machine: "머신",
    k_node: "노드",
    k_task: "Fargate 태스크",
    k_instance: "Cloud Run 인스턴스",
    warnings: "경고",
    fix_title: "이렇게 하면 들어갑니다",
    fix_workers: "컨테이너당 워커 {0}개",
    fix_limit: "컨테이너 메모리 제한 {0}",
    fix_memory: "메모리가 {1}인 {0}",
    fix_node: "노드 유형 {0}",
    fix_fargate: "vCPU {0}개, 메모리 {1} GB인 Fargate 태스크",
    fix_none: "하나만 바꿔서 들어가게 하는 방법은 없습니다. 트래픽이나 워커당 메모리를 줄이세요.",
    apply: "적용",
    mem_picture: "{0} 한 대의 메모리",
    mem_picture_label: "{0} 한 대의 메모리: {2} 중 {1} 사용",
    seg_reserved: "시스템 예약",
    seg_ds: "데몬셋",
    seg_manager: "관리 프로세스",
    seg_shared: "preload로 공유",
    seg_worker: "워커",
    seg_workers_many: "컨테이너 {0}개",
    seg_slack: "제한 중 쓰지 않는 부분",
    seg_free: "남는 메모리",
    seg_over: "용량 초과: {0}",
    capacity: "용량",
    cpu_picture: "필요한 {0}의 CPU",
    cpu_in_use: "이 트래픽에서 사용 중: {0}",
    cpu_target: "목표 사용률: {0}",
    cpu_band: "일반적인 범위: 50%~90%",
    configs: "붙여 넣을 설정",
    copy: "복사",
    copied: "복사했습니다",
    copy_failed: "복사하지 못했습니다",
    trace: "계산 방법 보기",
    trace_note: "단계마다 공식의 출처를 밝힙니다.",
    reset: "초기화",
    share_note: "이 페이지의 주소에 시나리오가 담겨 있습니다. 주소를 공유하면 같은 결과를 볼 수 있습니다.",
    bad_link: "이 링크의 계산기 설정을 읽을 수 없어 기본 시나리오를 보여 드립니다.",
    long_link: "이 링크는 계산기 설정을 담기에는 너무 길어 기본 시나리오를 보여 드립니다.",
    bad_saved: "저장된 계산기 설정을 읽을 수 없어 무시했습니다.",
    e_number: "숫자를 입력하세요.",
    e_whole: "정수를 입력하세요.",
    e_positive: "0보다 커야 합니다.",
    e_between: "{0}에서 {1} 사이여야 합니다.",
    e_finite: "유한한 숫자여야 합니다.",
    e_other: "시나리오를 확인하세요:",
    open_full: "계산기에서 열기",
    widget_error: "이 예시를 불러오지 못했습니다:",
    replicas: "레플리카 수",
    w_workers_from_host_cores: "워커 공식이 컨테이너 제한이 아니라 호스트의 CPU {0}개(multiprocessing.cpu_count())를 읽어 워커가 {1}개가 됩니다.",
    w_workers_from_host_cores_limit: "워커 공식이 컨테이너의 CPU 제한({1})이 아니라 호스트의 CPU {0}개(multiprocessing.cpu_count())를 읽어 워커가 {2}개가 됩니다.",
    w_memory_over_limit: "컨테이너에 {0}가 필요한데 메모리 제한은 {1}입니다. 커널이 컨테이너를 강제 종료합니다(OOM, 종료 코드 137).",
    w_memory_over_node: "컨테이너 하나에 메모리 {0}가 필요하지만 쓸 수 있는 메모리는 {1}뿐입니다.",
    w_cpu_over_node: "컨테이너 하나가 CPU {0}m를 요청하지만 쓸 수 있는 CPU는 {1}m뿐이라 파드가 Pending 상태에 머뭅니다.",
    w_no_pod_slots: "앱에 남은 파드 슬롯이 없거나(최대 파드 {0}개) 충분히 큰 Fargate 크기가 없습니다.",
    w_not_enough_nodes: "컨테이너 {0}개에 머신이나 노드가 {1}대 필요하지만 {2}대뿐입니다.",
    w_oom_kills_whole_container: "cgroup v2(쿠버네티스 1.28 이상)에서는 워커 {0}개 중 하나만 메모리가 부족해도 컨테이너 전체가 종료됩니다.",
    w_utilization_above_band: "목표 사용률 {0}는 여유가 거의 없어 응답 시간이 {1}배로 늘어납니다. 50%~90% 사이로 유지하세요.",
    w_utilization_below_band: "목표 사용률 {0}는 대부분 쉬는 CPU에 비용을 내는 셈입니다. 일반적인 범위는 50%~90%입니다.",
    w_preload_with_pytorch: "PyTorch와 --preload는 함께 쓰기 어렵습니다. CUDA는 fork 후에 동작하지 않고, torch의 스레드 풀은 fork된 워커에서 멈출 수 있습니다. 모델은 워커마다 불러오세요.",
    w_sharing_optimistic: "--preload로 {0}를 공유한다는 가정은 낙관적입니다. 참조 카운트 때문에 페이지가 다시 복사되며, 실제 사례에서 절약되는 양은 20%~40%입니다.",
    w_single_replica: "컨테이너가 하나뿐이면 장애나 롤링 업데이트 중에 요청을 처리할 컨테이너가 없습니다. 여분을 하나 두세요(N+1).",
    w_thread_oversubscription: "워커 {0}개 × 스레드 {1}개 = CPU {3}개에 스레드 {2}개입니다. 환경 변수 OMP_NUM_THREADS={4} 설정을 추가하세요.",
    w_cpu_limit_below_workers: "워커 {0}개는 CPU를 {1}m까지 쓸 수 있지만 제한은 {2}m입니다. 부하가 걸리면 스로틀링됩니다.",
    w_legacy_image_deprecated: "tiangolo/uvicorn-gunicorn 이미지는 더 이상 권장되지 않습니다. 서버 한 대에서는 uvicorn --workers를, 클러스터에서는 컨테이너당 프로세스 하나를 쓰세요.",
    w_provider_mismatch: "노드 유형과 예약 모델이 서로 다른 클라우드의 것입니다.",
    sec_deploy: "설정에 들어갈 이름",
    deploy_name: "앱 이름(Deployment, Compose 서비스)",
    image: "컨테이너 이미지",
    module: "ASGI 앱(모듈:속성)",
    port: "포트",
    n_core_one: "1코어",
    n_stranded: "가득 찬 {0}에서 컨테이너를 더 넣지 못해 남는 자원",
    n_mem_util: "{0}의 할당 가능한 메모리 중 요청된 비율",
    tp_workers: "워커",
    tp_memory: "메모리",
    tp_node: "노드",
    tp_cpu: "CPU 사용량",
    tp_packing: "배치",
    tp_fit: "판정",
    tw_host: "호스트 코어",
    tw_limit: "컨테이너 CPU 제한의 코어",
    n_cores_amount: "{0}코어",
    band: "{1}의 {0}",
    unlimited: "제한 없음",
    rv_aks_pre129: "1.29 미만 AKS",
    tr_workers_capped: "계산기 상한인 워커 {0}개로 제한했습니다.",
    tr_workers_fixed: "입력한 대로 컨테이너당 워커 프로세스 {0}개입니다.",
    tr_workers_default: "서버 기본값: WEB_CONCURRENCY={0} 설정에 따라 컨테이너당 워커 {0}개입니다.",
    tr_workers_default_unset: "서버 기본값: WEB_CONCURRENCY가 설정되지 않았으므로 컨테이너당 워커 1개입니다.",
    tr_workers_gunicorn: "Gunicorn 권장식: (2 × {1} {0}개) + 1 = 워커 {2}개.",
    tr_legacy_wc: "구 이미지: WEB_CONCURRENCY={0} 설정이 우선합니다(MAX_WORKERS는 무시됩니다).",
    tr_legacy: "구 이미지: max(int({0} × {2} {1}개), 2) = 워커 {3}개.",
    tr_legacy_max: "구 이미지: max(int({0} × {2} {1}개), 2) = {3}, 여기에 min(…, MAX_WORKERS={4})을 적용해 워커 {5}개.",
    tr_mem_uvicorn_one: "워커가 1개인 uvicorn은 프로세스 하나로 실행됩니다: {0} + 모델 {1} = {2}.",
    tr_mem_uvicorn: "uvicorn --workers {0}: 감독 프로세스({1})가 워커 {0}개를 spawn 방식으로 띄우며, 워커끼리 공유하는 메모리가 없어 워커마다 {2} + 모델 {3} = {4}를 씁니다.",
    tr_mem_preload: "gunicorn --preload: 마스터({0})가 앱을 불러온 뒤 워커 {1}개를 fork합니다. {3} 중 {2}가 공유된 채로 남아 {4}는 한 번만 계산하고, 워커마다 자기 몫으로 {5}를 씁니다.",
    tr_cuda_note: " CUDA 모델은 워커마다 따로 불러옵니다.",
    tr_mem_gunicorn: "--preload 없는 gunicorn: 마스터({0})와, 앱을 각자 불러오는 워커 {1}개. 워커마다 {2} + 모델 {3} = {4}.",
    tr_mem_single: "컨테이너당 프로세스 하나: {0} + 모델 {1} = {2}.",
    tr_mem_container: "컨테이너당: 관리 프로세스 {0} + {1} × {2} + 공유 {3} = {4}.",
    tr_mem_limit: "제안하는 메모리 제한(요청과 같음): {0}에 여유 {1}를 더하고 64 MiB 단위로 올림 = {2}.",
    tr_in_flight: "처리 중인 요청 수: 초당 {0}건 × {1}초 = {2}.",
    tr_cores: "CPU: 초당 {0}건 × 요청당 CPU {1}초 ÷ 목표 사용률 {2} = {3}코어.",
    tr_sync: "sync 워커는 한 번에 요청 하나만 처리합니다: 처리 중인 요청 {0} ÷ {1} = 워커 {2}개. CPU 기준과 비교해 큰 쪽을 택하면 워커 프로세스 {3}개입니다.",
    tr_async: "Python 프로세스 하나는 코어를 대략 하나까지 씁니다: 워커 프로세스 {0}개.",
    tr_cpu_request: "컨테이너당 CPU 요청: {0}(워커 {1}개 × {2}).",
    tr_cpu_request_given: "컨테이너당 CPU 요청: 입력한 대로 {0}.",
    tr_cpu_limit: " CPU 제한은 {0}입니다.",
    tr_cpu_no_limit: " CPU 제한은 없습니다.",
    tr_node_machine: "{0} 머신: OS와 다른 프로그램 몫({1})을 빼면 컨테이너에 메모리 {2}, CPU {3}코어가 남습니다.",
    tr_node_fargate: "Fargate 태스크: vCPU {0}개, {1} GB = {2}. 태스크마다 컨테이너 하나입니다.",
    tr_node_fargate_eks: "EKS Fargate: 파드가 CPU {0}와 {1}를 요청하고, 쿠버네티스 몫 256 MB를 더하면 {2}입니다. 다음 크기로 올려 vCPU {3}개, {4} GB.",
    tr_node_fargate_eks_big: "EKS Fargate: CPU {1}와 {0} + 256 MB를 담을 태스크 크기가 없습니다(최대 vCPU 16개, 120 GB).",
    tr_node_cloud_run: "Cloud Run 인스턴스: vCPU {0}개, {1}. 파일 시스템에 쓴 파일도 메모리로 계산됩니다.",
    tr_node_none: "{0} 노드: 예약을 계산하지 않으므로 할당 가능한 메모리는 {1}입니다.",
    tr_node_kubelet: "{0} 노드: kubelet 기본값은 예약이 없고 축출 임계값은 {1}이므로 할당 가능한 메모리는 {2}입니다.",
    tr_node_banded: "{0} 노드: {1}가 {2} = {3}를 예약하고 축출 임계값은 {4}이므로 할당 가능한 메모리는 {5}입니다.",
    tr_node_banded_small: "{0} 노드: 1 GiB 미만 머신이라 {1}가 255 MiB를 예약하고 축출 임계값은 {2}이므로 할당 가능한 메모리는 {3}입니다.",
    tr_node_tiered: "{0}: {1}가 {2} = {3}를 예약하므로 할당 가능한 CPU는 {4}입니다.",
    tr_node_aks_cpu: "{0}: {1}가 표에 따라 {2}를 예약하므로 할당 가능한 CPU는 {3}입니다.",
    tr_node_aks_cpu_interp: "{0}: {1}가 표의 두 행 사이를 보간해 {2}를 예약하므로 할당 가능한 CPU는 {3}입니다.",
    tr_node_eks: "{0} 노드: EKS(Amazon Linux 2023)가 11 MiB × 최대 파드 {1}개 + 255 MiB = {2}를 예약하고 축출 임계값은 {3}이므로 할당 가능한 메모리는 {4}입니다.",
    tr_node_aks: "{0} 노드: AKS는 20 MiB × 최대 파드 {1}개 + 50 MiB = {2}와 메모리의 25%인 {3} 중 작은 값, 곧 {4}를 예약합니다. 축출 임계값은 {5}이므로 할당 가능한 메모리는 {6}입니다.",
    tr_node_custom_mem: "{0} 노드: 예약분(kube-reserved {1} + system-reserved {2} + 축출 임계값 {3})을 빼면 할당 가능한 메모리는 {4}입니다.",
    tr_node_custom_cpu: "{0}: 예약분(kube-reserved {1} + system-reserved {2})을 빼면 할당 가능한 CPU는 {3}입니다.",
    tr_ds: "데몬셋: 파드 {0}개가 CPU {1}와 {2}를 요청합니다. 앱에는 {3}, {4}, 파드 {5}개(최대 {6}개 중)가 남습니다.",
    tr_containers: "트래픽에 필요한 컨테이너: ceil(프로세스 {0}개 ÷ 컨테이너당 {1}개) = {2}개(최소 1개).",
    tr_cloud_run: "Cloud Run 동시성: 처리 중인 요청 {0} ÷ (인스턴스당 {1}건 × {2}) = 인스턴스 {3}개.",
    tr_redundancy: "N+{1}: 처리용 {0}개 + 여분 {1}개 = 컨테이너 {2}개.",
    tr_per_node: "노드당 배치: 메모리 {0} ÷ {1} = {2}개, CPU {3} ÷ {4} = {5}개, 파드 슬롯 {6}. 따라서 노드당 {7}개(한계: {8})이고, 컨테이너 {10}개에 노드 {9}대가 필요합니다.",
    tr_stranded: "가득 찬 노드마다 CPU {0}와 메모리 {1}가 남지만 컨테이너를 하나 더 넣기에는 모자랍니다.",
    tr_utilization: "노드당 사용률: 사용 중인 {0}코어 ÷ ({1}대 × {2}) = {3}.",
    tr_queueing: "사용률이 {0}이면 요청이 대기열에서 기다립니다: 응답 시간 = 처리 시간 ÷ (1 − {1}) = {2}배.",
    tr_qos: "QoS {0}: 메모리 요청 = 제한 = {1}, CPU 요청 {2}.",
    src_uvicorn_spawn: "uvicorn _subprocess.py: 워커는 fork가 아니라 spawn으로 시작",
    src_server_default: "Uvicorn·Gunicorn 설정: 워커 수 기본값은 $WEB_CONCURRENCY 또는 1",
    src_gunicorn_design: "Gunicorn 문서 'Design': 출발점으로 (2 × 코어) + 1",
    src_gunicorn_preload: "Instagram 엔지니어링 블로그(copy-on-write와 gc.freeze), 실제 사례에서 20~40% 절약",
    src_legacy_image: "tiangolo/uvicorn-gunicorn의 gunicorn_conf.py와 테스트",
    src_pss: "RSS가 아니라 /proc/<pid>/smaps_rollup의 PSS·Private_Dirty로 측정",
    src_k8s_reserve: "쿠버네티스 문서 'Reserve Compute Resources'",
    src_gke: "GKE 문서 '노드 크기 계획'",
    src_eks: "Amazon Linux 2023용 EKS AMI, nodeadm의 config.go(AL2 AMI는 2025년 11월 26일 지원 종료)",
    src_aks: "Microsoft 문서 'AKS 노드 리소스 예약'",
    src_fargate: "AWS 문서 'Fargate 태스크 크기'",
    src_cloud_run: "Cloud Run 문서: 메모리 제한, 동시성, 자동 확장",
    src_little: "리틀의 법칙: 처리 중인 요청 수 = 도착률 × 시스템 체류 시간",
    src_cpu_cores: "코어 = 초당 요청 수 × 요청당 CPU 시간 ÷ 목표 사용률, Python 프로세스 하나는 코어 하나 정도를 사용(GIL)",
    src_sync_workers: "sync 워커 수 = 초당 요청 수 × 지연 시간 ÷ 목표 사용률(리틀의 법칙)",
    src_utilization: "FastAPI 문서 '배포 개념': 목표는 50%에서 90% 사이",
    src_queueing: "단일 서버 대기열: 응답 시간 = 처리 시간 ÷ (1 − 사용률)",
    src_packing: "자원별로 노드당 파드 수 = 가용량 ÷ 요청량, 노드 수 = ceil(파드 수 ÷ 노드당 파드 수)",
    src_k8s_qos: "쿠버네티스 문서 '파드 QoS 클래스'",
    src_docker_limits: "Docker 문서 '런타임 옵션: 메모리와 CPU'",
    src_redundancy: "N+1(영역을 나누면 N+2): 장애 하나나 롤링 업데이트가 나머지에 과부하를 주지 않도록",
    src_guide_resources: "Shipshape 가이드 1.6, 1.8: 프로세스당 메모리, 자원 사용률",
    e_syntax: "이 값을 읽을 수 없습니다.",
    e_characters: "영문자, 숫자, {1}만 써서 1~{0}자로 입력하세요.",
    e_name_case: "소문자로 쓰고, 하이픈으로 시작하거나 끝나지 않게 하세요.",
    e_module: "모듈:속성 형식으로 쓰세요. 예: app.main:app",
    e_port: "1에서 65535 사이여야 합니다.",
    e_needs_limit: "컨테이너의 코어를 세려면 CPU 제한이 필요합니다. 제한을 입력하거나 호스트의 코어를 세도록 바꾸세요.",
    e_unknown_type: "알 수 없는 노드 유형 {0}입니다. 목록에서 고르거나 코어와 메모리를 입력하세요.",
    e_type_and_shape: "노드 유형과 코어·메모리 중 하나만 입력하세요.",
    e_required: "노드 유형을 고르지 않았다면 꼭 입력해야 합니다.",
    e_eks_max_pods: "코어와 메모리로 지정한 노드에 EKS 예약을 적용하려면 최대 파드 수가 필요합니다(EKS 예약량은 11 MiB × 최대 파드 수 + 255 MiB).",
    e_fargate_vcpu: "Fargate의 vCPU는 0.25, 0.5, 1, 2, 4, 8, 16 중 하나입니다.",
    e_fargate_memory: "vCPU가 {0}개이면 Fargate 메모리는 {1} GB 중에서 고를 수 있습니다.",
    e_cloud_run_vcpu: "Cloud Run에서 메모리 {1}를 쓰려면 vCPU가 {0}개 이상 필요합니다.",
    e_request_above_limit: "CPU 제한({0})보다 클 수 없습니다.",
    e_single_workers: "컨테이너당 프로세스 하나 방식은 워커가 정확히 1개인데, 워커 설정으로는 {0}개가 됩니다.",
    headroom: "제안하는 메모리 제한에 더할 여유",
    headroom_hint: "메모리 제한을 비워 두면 계산기가 이 여유를 더해 제한을 제안합니다.",
    rs_custom: "직접 지정(kube-reserved, system-reserved, 축출 임계값)",
    kube_cpu: "kube-reserved의 CPU",
    kube_mem: "kube-reserved 메모리",
    sys_cpu: "system-reserved의 CPU",
    sys_mem: "system-reserved 메모리",
    eviction: "축출 임계값(memory.available)",
    fargate_eks_note: "파드의 요청량에 256 MB를 더한 뒤 다음 Fargate 크기로 올립니다.",
    wc_asgi: "asgi(Gunicorn 자체 비동기 워커, 25.1 이상)",
    aks_network: "AKS 네트워크 플러그인",
    an_overlay: "Azure CNI Overlay(기본값: 노드당 파드 250개)",
    an_node_subnet: "Azure CNI, 노드 서브넷에서 파드 IP 할당(30개)",
    an_kubenet: "kubenet(110개)",
    aks_network_hint: "노드당 최대 파드 수의 기본값을 정하며, AKS는 최대 파드 수에 따라 메모리를 예약합니다. 아래에 최대 파드 수를 입력하면 그 값이 우선합니다.",
    net_node_subnet: "Azure CNI(노드 서브넷)",
    src_eks_max_pods: "EKS AMI nodeadm의 eni_max_pods.go: ENI 수 × (ENI당 IPv4 주소 수 − 1) + 2",
    src_aks_max_pods: "Microsoft 문서 'AKS IP 주소 계획': 네트워크 플러그인별 노드당 최대 파드 수",
    src_kubelet_max_pods: "쿠버네티스 문서 'kubelet 구성': maxPods, 지정하지 않으면 110",
    tr_node_max_pods_given: "노드당 최대 파드 수: 입력한 대로 {0}개.",
    tr_node_max_pods_eni: "노드당 최대 파드 수: {3}에서 ENI {0}개 × (ENI당 IPv4 주소 {1}개 − 1) + 2 = {2}개.",
    tr_node_max_pods_aks: "노드당 최대 파드 수: {1} 네트워크를 쓰는 AKS의 기본값인 {0}개.",
    tr_node_max_pods_default: "노드당 최대 파드 수: kubelet 기본값인 {0}개.",
    tr_node_aks_capped: "{0} 노드: 20 MiB × 최대 파드 {1}개 + 50 MiB = {2}가 메모리의 25%({3})보다 크므로 25% 상한이 적용되어 AKS는 {4}를 예약합니다. 축출 임계값은 {5}이므로 할당 가능한 메모리는 {6}입니다.",
    e_aks_network: "네트워크 플러그인은 AKS 예약 모델에서만 쓰입니다.",
};

pub const JA: T = T {
    form_title: "デプロイの構成",
    sec_app: "アプリ",
    sec_server: "サーバー",
    sec_workers: "コンテナーあたりのワーカープロセス",
    sec_container: "コンテナーの制限",
    sec_target: "実行環境",
    sec_traffic: "トラフィックと余裕",
    process_mem: "ワーカープロセス1つのメモリ(モデルを除く)",
    process_mem_hint: "RSSではなくPSS(smaps_rollup)で測ります。",
    model_mem: "ワーカーごとに読み込むモデルやデータ",
    manager_mem: "管理プロセス(uvicornの監視プロセスまたはgunicornのマスター)",
    framework: "ライブラリ",
    fw_none: "素のPython",
    fw_numpy: "NumPy・SciPy",
    fw_pytorch: "PyTorch(CPU)",
    fw_pytorch_cuda: "PyTorch(CUDAあり)",
    omp: "アプリが設定するOMP_NUM_THREADSの値",
    cpu_ms: "リクエストあたりのCPU時間",
    latency_ms: "リクエストがサーバー内にいる時間",
    server: "サーバーの方式",
    srv_uvicorn: "uvicorn --workers(またはfastapi run)",
    srv_gunicorn: "gunicornを使う",
    srv_preload: "gunicorn --preloadを使う",
    srv_single: "コンテナーごとにプロセス1つ",
    worker_class: "Gunicornのワーカークラス",
    wc_uvicorn: "uvicorn_worker.UvicornWorker(非同期、uvicorn-workerパッケージ)",
    wc_sync: "sync(一度にリクエスト1つ)",
    shared: "--preload後も共有されるメモリの割合",
    single_note: "コンテナーごとにサーバープロセスは1つです。複製はコンテナーの数で行います。",
    workers_mode: "ワーカー数の決め方",
    wm_fixed: "数を指定",
    wm_default: "サーバーの既定値: $WEB_CONCURRENCYまたは1",
    wm_gunicorn: "Gunicornの目安: 2 × コア数 + 1",
    wm_legacy: "旧イメージの計算式(tiangolo/uvicorn-gunicorn)",
    workers: "コンテナーあたりのワーカー数",
    web_concurrency: "WEB_CONCURRENCYの値",
    cores_source: "計算式が見るコア数",
    cs_host: "ホストのCPU数(multiprocessing.cpu_count())",
    cs_limit: "コンテナーのCPU制限",
    workers_per_core: "WORKERS_PER_COREの値",
    max_workers: "MAX_WORKERSの値",
    mem_limit: "メモリ制限",
    cpu_limit: "CPU制限",
    cpu_request: "CPUリクエスト",
    optional: "任意",
    target: "実行先",
    t_machine: "マシン1台(Docker、Compose)",
    t_k8s: "Kubernetesのノード",
    machine_cores: "CPUコア数",
    machine_mem: "メモリ(RAM)",
    machine_reserved: "OSやほかのプログラムが使うメモリ",
    node_type: "ノードの種類",
    nt_custom: "カスタム: コア数とメモリを指定",
    node_cores: "ノードのCPUコア数",
    node_mem: "ノードのメモリ",
    reservation: "予約モデル",
    rs_none: "なし(ノード全体を使う)",
    rs_kubelet: "kubeletの既定値(100 MiBで退避)",
    rs_gke: "GKEの方式",
    rs_eks: "EKSの方式(Amazon Linux 2023のAMI)",
    rs_aks: "AKS 1.29以降",
    rs_aks_pre129: "AKS 1.29より前",
    max_pods: "ノードあたりの最大Pod数",
    ds_cpu: "ノードあたりのDaemonSetのCPU",
    ds_mem: "ノードあたりのDaemonSetのメモリ",
    ds_pods: "ノードあたりのDaemonSetのPod数",
    node_count: "使えるノード数",
    hpa: "HorizontalPodAutoscalerを追加する",
    fargate_vcpu: "タスクのvCPU",
    fargate_gb: "タスクのメモリ(GB)",
    run_vcpu: "インスタンスのvCPU",
    run_mem: "インスタンスのメモリ(MiB)",
    run_concurrency: "インスタンスあたりの同時リクエスト数",
    rps: "1秒あたりのリクエスト数",
    util: "目標CPU使用率",
    redundancy: "予備のコンテナー(N+k)",
    u_cores: "コア",
    u_m: "ミリコア",
    u_rps: "リクエスト/秒",
    unit: "単位",
    results: "結果",
    fits: "収まります",
    not_fit: "収まりません",
    fits_detail: "ワーカー{1}個のコンテナー{0}個(それぞれ{2})が{4}{3}台に収まります。",
    not_fit_detail: "ワーカー{0}個で、コンテナーあたり{1}が必要です。",
    stale: "直す必要のある入力があります。下は最後に有効だった結果です。",
    headroom_container: "コンテナーの制限に対する余裕: {0}",
    over_container: "コンテナーの制限の超過分: {0}",
    headroom_node: "満杯の{0}に残るメモリ: {1}",
    n_workers: "コンテナーあたりのワーカー数",
    n_mem_container: "コンテナーあたりのメモリ",
    n_limit: "メモリ制限(指定値)",
    n_limit_proposed: "メモリ制限(余裕を足した提案値)",
    n_mem_node: "{0}あたりのアプリのメモリ",
    n_alloc_mem: "{0}あたりのコンテナー用メモリ",
    n_alloc_cpu: "{0}あたりのコンテナー用CPU",
    n_cores: "必要なCPUコア",
    n_processes: "必要なワーカープロセス",
    n_containers: "コンテナー(処理用 + 予備)",
    n_nodes: "必要なマシンまたはノード",
    n_binding: "ノードあたりのコンテナー数を決める資源",
    n_qos: "KubernetesのQoSクラス",
    b_memory: "メモリ",
    b_cpu: "CPU資源",
    b_pods: "Pod枠",
    k_machine: "マシン",
    k_node: "ノード",
    k_task: "Fargateタスク",
    k_instance: "Cloud Runインスタンス",
    warnings: "警告",
    fix_title: "こうすれば収まります",
    fix_workers: "コンテナーあたりワーカー{0}個",
    fix_limit: "コンテナーのメモリ制限を{0}にする",
    fix_memory: "メモリが{1}の{0}",
    fix_node: "ノードの種類{0}",
    fix_fargate: "vCPU {0}、メモリ{1} GBのFargateタスク",
    fix_none: "1か所の変更だけで収まる方法はありません。トラフィックかワーカーあたりのメモリを減らしてください。",
    apply: "適用",
    mem_picture: "{0}1台のメモリ",
    mem_picture_label: "{0}1台のメモリ: {2}のうち{1}を使用",
    seg_reserved: "システム用の予約",
    seg_ds: "DaemonSet",
    seg_manager: "管理プロセス",
    seg_shared: "preloadで共有",
    seg_worker: "ワーカー",
    seg_workers_many: "コンテナー{0}個",
    seg_slack: "制限のうち使わない分",
    seg_free: "空き",
    seg_over: "容量の超過分: {0}",
    capacity: "容量",
    cpu_picture: "必要な{0}のCPU",
    cpu_in_use: "このトラフィックでの使用率: {0}",
    cpu_target: "目標使用率: {0}",
    cpu_band: "一般的な範囲: 50%〜90%",
    configs: "貼り付けて使える設定",
    copy: "コピー",
    copied: "コピーしました",
    copy_failed: "コピーできませんでした",
    trace: "計算の過程を見る",
    trace_note: "各ステップに計算式の出典を示しています。",
    reset: "リセット",
    share_note: "このページのアドレスにシナリオが入っています。アドレスを共有すると同じ結果を見られます。",
    bad_link: "このリンクの計算機の設定を読み取れなかったため、既定のシナリオを表示しています。",
    long_link: "このリンクは計算機の設定としては長すぎるため、既定のシナリオを表示しています。",
    bad_saved: "保存されていた計算機の設定を読み取れなかったため、無視しました。",
    e_number: "数値を入力してください。",
    e_whole: "整数を入力してください。",
    e_positive: "0より大きい値にしてください。",
    e_between: "{0}から{1}までの値にしてください。",
    e_finite: "有限の数値にしてください。",
    e_other: "シナリオを確認してください:",
    open_full: "計算機で開く",
    widget_error: "この例を読み込めませんでした:",
    replicas: "レプリカ数",
    w_workers_from_host_cores: "ワーカー数の計算式が、コンテナーの制限ではなくホストのCPU {0}個(multiprocessing.cpu_count())を読み、ワーカーが{1}個になります。",
    w_workers_from_host_cores_limit: "ワーカー数の計算式が、コンテナーのCPU制限{1}ではなくホストのCPU {0}個(multiprocessing.cpu_count())を読み、ワーカーが{2}個になります。",
    w_memory_over_limit: "コンテナーには{0}必要ですが、メモリ制限は{1}です。カーネルがコンテナーを強制終了します(OOM、終了コード137)。",
    w_memory_over_node: "コンテナー1つにメモリが{0}必要ですが、使えるのは{1}だけです。",
    w_cpu_over_node: "コンテナー1つがCPUを{0}mリクエストしていますが、使えるのは{1}mだけなので、PodはPendingのままです。",
    w_no_pod_slots: "アプリに使えるPod枠が残っていない(最大Pod数{0})か、十分に大きいFargateのサイズがありません。",
    w_not_enough_nodes: "コンテナー{0}個にはマシンかノードが{1}台必要ですが、{2}台しかありません。",
    w_oom_kills_whole_container: "cgroup v2(Kubernetes 1.28以降)では、{0}個のワーカーのどれか1つがメモリ不足になるとコンテナー全体が終了します。",
    w_utilization_above_band: "目標使用率{0}では余裕がほとんどなく、応答時間が{1}倍に延びます。50%〜90%に収めてください。",
    w_utilization_below_band: "目標使用率{0}では、ほとんど使われないCPUに費用を払うことになります。一般的な範囲は50%〜90%です。",
    w_preload_with_pytorch: "PyTorchと--preloadは相性がよくありません。CUDAはforkの後に使えず、torchのスレッドプールはforkされたワーカーで止まることがあります。モデルはワーカーごとに読み込んでください。",
    w_sharing_optimistic: "--preloadで{0}を共有できるという想定は楽観的です。参照カウントのためにページがコピーし直され、実際の報告では節約できるのは20%〜40%です。",
    w_single_replica: "コンテナーが1つだけだと、障害やローリングアップデートの間にリクエストを処理するものがなくなります。予備を1つ置いてください(N+1)。",
    w_thread_oversubscription: "ワーカー{0}個 × スレッド{1}個 = CPU {3}個に対してスレッド{2}個です。OMP_NUM_THREADS={4}を設定してください。",
    w_cpu_limit_below_workers: "ワーカー{0}個はCPUを{1}mまで使えますが、制限は{2}mです。負荷がかかるとスロットリングされます。",
    w_legacy_image_deprecated: "tiangolo/uvicorn-gunicornイメージは非推奨です。サーバー1台ではuvicorn --workersを、クラスターではコンテナーごとにプロセス1つを使ってください。",
    w_provider_mismatch: "ノードの種類と予約モデルが別々のクラウドのものです。",
    sec_deploy: "設定に入る名前",
    deploy_name: "アプリ名(Deployment、Composeのサービス)",
    image: "コンテナーイメージ",
    module: "ASGIアプリ(モジュール:属性)",
    port: "ポート",
    n_core_one: "1コア",
    n_stranded: "満杯の{0}で、コンテナーをもう1つ置けずに余る資源",
    n_mem_util: "{0}の割り当て可能なメモリのうちリクエスト済みの割合",
    tp_workers: "ワーカー",
    tp_memory: "メモリ",
    tp_node: "ノード",
    tp_cpu: "CPU使用量",
    tp_packing: "配置",
    tp_fit: "判定",
    tw_host: "ホストのコア",
    tw_limit: "コンテナーのCPU制限のコア",
    n_cores_amount: "{0}コア",
    band: "{1}の{0}",
    unlimited: "上限なし",
    rv_aks_pre129: "1.29より前のAKS",
    tr_workers_capped: "計算機の上限であるワーカー{0}個で打ち切りました。",
    tr_workers_fixed: "指定どおり、コンテナーあたりワーカープロセス{0}個です。",
    tr_workers_default: "サーバーの既定値: WEB_CONCURRENCY={0}なので、コンテナーあたりワーカー{0}個です。",
    tr_workers_default_unset: "サーバーの既定値: WEB_CONCURRENCYが未設定なので、コンテナーあたりワーカー1個です。",
    tr_workers_gunicorn: "Gunicornの目安: (2 × {1}{0}個) + 1 = ワーカー{2}個。",
    tr_legacy_wc: "旧イメージ: WEB_CONCURRENCY={0}が優先されます(MAX_WORKERSは無視されます)。",
    tr_legacy: "旧イメージ: max(int({0} × {2}{1}個), 2) = ワーカー{3}個。",
    tr_legacy_max: "旧イメージ: max(int({0} × {2}{1}個), 2) = {3}、さらにmin(…, MAX_WORKERS={4})でワーカー{5}個。",
    tr_mem_uvicorn_one: "ワーカー1個のuvicornは単一のプロセスで動きます: {0} + モデル{1} = {2}。",
    tr_mem_uvicorn: "uvicorn --workers {0}: 監視プロセス({1})がワーカー{0}個をspawnで起動します。ワーカー同士で共有するメモリはないため、各ワーカーが{2} + モデル{3} = {4}を使います。",
    tr_mem_preload: "gunicorn --preload: マスター({0})がアプリを読み込んでからワーカー{1}個をforkします。{3}のうち{2}が共有されたまま残り、その{4}は一度だけ数え、各ワーカーは自分の分として{5}を使います。",
    tr_cuda_note: "CUDAのモデルはワーカーごとに読み込まれます。",
    tr_mem_gunicorn: "--preloadなしのgunicorn: マスター({0})と、それぞれアプリを読み込むワーカー{1}個。ワーカーごとに{2} + モデル{3} = {4}。",
    tr_mem_single: "コンテナーごとにプロセス1つ: {0} + モデル{1} = {2}。",
    tr_mem_container: "コンテナーあたり: 管理プロセス{0} + {1} × {2} + 共有分{3} = {4}。",
    tr_mem_limit: "提案するメモリ制限(リクエストも同じ): {0}に余裕{1}を足し、64 MiB単位に切り上げて{2}。",
    tr_in_flight: "処理中のリクエスト数: 毎秒{0}件 × {1}秒 = {2}。",
    tr_cores: "CPU: 毎秒{0}件 × リクエストあたりCPU {1}秒 ÷ 目標使用率{2} = {3}コア。",
    tr_sync: "syncワーカーは一度にリクエストを1つだけ処理します: 処理中のリクエスト{0} ÷ {1} = ワーカー{2}個。CPUから求めた数と比べて大きい方を取り、ワーカープロセスは{3}個です。",
    tr_async: "Pythonのプロセス1つが使えるのはおよそ1コアです: ワーカープロセス{0}個。",
    tr_cpu_request: "コンテナーあたりのCPUリクエスト: {0}(ワーカー{1}個 × {2})。",
    tr_cpu_request_given: "コンテナーあたりのCPUリクエスト: 指定どおり{0}。",
    tr_cpu_limit: "CPU制限は{0}です。",
    tr_cpu_no_limit: "CPU制限はありません。",
    tr_node_machine: "{0}のマシン: OSやほかのプログラムの分として{1}を除くと、コンテナーに{2}と{3}コアが残ります。",
    tr_node_fargate: "Fargateタスク: vCPU {0}、{1} GB = {2}。タスクごとにコンテナー1つです。",
    tr_node_fargate_eks: "EKS on Fargate: PodがCPU {0}と{1}をリクエストし、Kubernetesの分の256 MBを足すと{2}です。次のサイズに切り上げてvCPU {3}、{4} GB。",
    tr_node_fargate_eks_big: "EKS on Fargate: CPU {1}で{0} + 256 MBが収まるタスクサイズはありません(最大vCPU 16、120 GB)。",
    tr_node_cloud_run: "Cloud Runのインスタンス: vCPU {0}、{1}。ファイルシステムに書いたファイルもメモリとして数えられます。",
    tr_node_none: "{0}のノード: 予約を考えないので、割り当て可能なメモリは{1}です。",
    tr_node_kubelet: "{0}のノード: kubeletの既定値では予約はなく、退避のしきい値は{1}なので、割り当て可能なメモリは{2}です。",
    tr_node_banded: "{0}のノード: {1}が{2} = {3}を予約し、退避のしきい値は{4}なので、割り当て可能なメモリは{5}です。",
    tr_node_banded_small: "{0}のノード: 1 GiB未満のマシンなので{1}は255 MiBを予約し、退避のしきい値は{2}なので、割り当て可能なメモリは{3}です。",
    tr_node_tiered: "{0}: {1}が{2} = {3}を予約するので、割り当て可能なCPUは{4}です。",
    tr_node_aks_cpu: "{0}: {1}が表に従って{2}を予約するので、割り当て可能なCPUは{3}です。",
    tr_node_aks_cpu_interp: "{0}: {1}が表の行の間を補間して{2}を予約するので、割り当て可能なCPUは{3}です。",
    tr_node_eks: "{0}のノード: EKS(Amazon Linux 2023)が11 MiB × 最大Pod数{1} + 255 MiB = {2}を予約し、退避のしきい値は{3}なので、割り当て可能なメモリは{4}です。",
    tr_node_aks: "{0}のノード: AKSは、20 MiB × 最大Pod数{1} + 50 MiB = {2}と、メモリの25%である{3}のうち小さい方、つまり{4}を予約します。退避のしきい値は{5}なので、割り当て可能なメモリは{6}です。",
    tr_node_custom_mem: "{0}のノード: kube-reserved {1} + system-reserved {2} + 退避のしきい値{3}を除くと、割り当て可能なメモリは{4}です。",
    tr_node_custom_cpu: "{0}: kube-reserved {1} + system-reserved {2}を除くと、割り当て可能なCPUは{3}です。",
    tr_ds: "DaemonSet: Pod {0}個がCPU {1}と{2}をリクエストします。アプリには{3}、{4}、Pod {5}個分(最大{6}個のうち)が残ります。",
    tr_containers: "トラフィックに必要なコンテナー: ceil(プロセス{0}個 ÷ コンテナーあたり{1}個) = {2}個(最低1個)。",
    tr_cloud_run: "Cloud Runの同時実行数: 処理中のリクエスト{0} ÷ (インスタンスあたり{1}件 × {2}) = インスタンス{3}個。",
    tr_redundancy: "N+{1}: 処理用{0}個 + 予備{1}個 = コンテナー{2}個。",
    tr_per_node: "ノードあたりの配置: メモリ{0} ÷ {1} = {2}個、CPU {3} ÷ {4} = {5}個、Pod枠{6}。したがってノードあたり{7}個({8}で決まる)で、コンテナー{10}個にノードが{9}台必要です。",
    tr_stranded: "満杯のノードごとにCPU {0}とメモリ{1}が余りますが、コンテナーをもう1つ置くには足りません。",
    tr_utilization: "ノードあたりの使用率: 使用中の{0}コア ÷ ({1}台 × {2}) = {3}。",
    tr_queueing: "使用率が{0}だと、リクエストは待ち行列で待たされます: 応答時間 = 処理時間 ÷ (1 − {1}) = {2}倍。",
    tr_qos: "QoS {0}: メモリのリクエスト = 制限 = {1}、CPUリクエストは{2}。",
    src_uvicorn_spawn: "uvicornの_subprocess.py: ワーカーはforkではなくspawnで起動",
    src_server_default: "UvicornとGunicornの設定: ワーカー数の既定値は$WEB_CONCURRENCYまたは1",
    src_gunicorn_design: "Gunicornのドキュメント「Design」: 出発点として(2 × コア数) + 1",
    src_gunicorn_preload: "Instagramのエンジニアリングブログ(copy-on-writeとgc.freeze)、実際の報告では20〜40%の節約",
    src_legacy_image: "tiangolo/uvicorn-gunicornのgunicorn_conf.pyとそのテスト",
    src_pss: "RSSではなく/proc/<pid>/smaps_rollupのPSS・Private_Dirtyで測る",
    src_k8s_reserve: "Kubernetesのドキュメント「Reserve Compute Resources」",
    src_gke: "GKEのドキュメント「ノードサイズの計画」",
    src_eks: "Amazon Linux 2023版EKS AMIのnodeadmのconfig.go(AL2版のAMIは2025年11月26日にサポート終了)",
    src_aks: "Microsoftのドキュメント「AKSノードのリソース予約」",
    src_fargate: "AWSのドキュメント「Fargateのタスクサイズ」",
    src_cloud_run: "Cloud Runのドキュメント: メモリ制限、同時実行数、自動スケーリング",
    src_little: "リトルの法則: 処理中のリクエスト数 = 到着率 × システム内の滞在時間",
    src_cpu_cores: "コア数 = 毎秒のリクエスト数 × リクエストあたりのCPU時間 ÷ 目標使用率。Pythonのプロセス1つはおよそ1コアを使う(GIL)",
    src_sync_workers: "syncワーカー数 = 毎秒のリクエスト数 × レイテンシ ÷ 目標使用率(リトルの法則)",
    src_utilization: "FastAPIのドキュメント「デプロイのコンセプト」: 目標は50%〜90%",
    src_queueing: "単一サーバーの待ち行列: 応答時間 = 処理時間 ÷ (1 − 使用率)",
    src_packing: "資源ごとに、ノードあたりのPod数 = 空き ÷ リクエスト、ノード数 = ceil(Pod数 ÷ ノードあたりのPod数)",
    src_k8s_qos: "Kubernetesのドキュメント「PodのQoSクラス」",
    src_docker_limits: "Dockerのドキュメント「実行時オプション: メモリとCPU」",
    src_redundancy: "N+1(ゾーンをまたぐならN+2): 1台の障害やローリングアップデートで残りが過負荷にならないように",
    src_guide_resources: "Shipshapeガイド1.6と1.8: プロセスあたりのメモリ、リソースの使用率",
    e_syntax: "この値を読み取れません。",
    e_characters: "英字、数字、{1}だけを使い、1〜{0}文字で入力してください。",
    e_name_case: "小文字で書き、先頭と末尾にハイフンを置かないでください。",
    e_module: "モジュール:属性の形で書いてください。例: app.main:app",
    e_port: "1から65535までの値にしてください。",
    e_needs_limit: "コンテナーのコア数を数えるにはCPU制限が必要です。制限を入力するか、ホストのコアを数えるように切り替えてください。",
    e_unknown_type: "ノードの種類{0}は登録されていません。一覧から選ぶか、コア数とメモリを入力してください。",
    e_type_and_shape: "ノードの種類か、コア数とメモリか、どちらか一方だけを指定してください。",
    e_required: "ノードの種類を選ばない場合は必須です。",
    e_eks_max_pods: "コア数とメモリで指定したノードにEKSの予約を当てはめるには、最大Pod数が必要です(EKSの予約は11 MiB × 最大Pod数 + 255 MiB)。",
    e_fargate_vcpu: "FargateのvCPUは0.25、0.5、1、2、4、8、16のいずれかです。",
    e_fargate_memory: "vCPUが{0}のとき、Fargateのメモリは{1} GBから選べます。",
    e_cloud_run_vcpu: "Cloud Runでメモリを{1}にするには、vCPUが{0}以上必要です。",
    e_request_above_limit: "CPU制限({0})より大きくはできません。",
    e_single_workers: "コンテナーごとにプロセス1つの方式ではワーカーはちょうど1個ですが、ワーカーの設定では{0}個になります。",
    headroom: "提案するメモリ制限に足す余裕",
    headroom_hint: "メモリ制限を空欄にすると、計算機がこの余裕を足した制限を提案します。",
    rs_custom: "カスタム(kube-reserved、system-reserved、退避のしきい値)",
    kube_cpu: "kube-reservedのCPU",
    kube_mem: "kube-reservedのメモリ",
    sys_cpu: "system-reservedのCPU",
    sys_mem: "system-reservedのメモリ",
    eviction: "退避のしきい値(memory.available)",
    fargate_eks_note: "Podのリクエストに256 MBを足し、次のFargateのサイズに切り上げます。",
    wc_asgi: "asgi(Gunicorn自身の非同期ワーカー、25.1以降)",
    aks_network: "AKSのネットワークプラグイン",
    an_overlay: "Azure CNI Overlay(デフォルトはノードあたり250 Pod)",
    an_node_subnet: "Azure CNI、ノードのサブネットからPodにIPを割り当て(30 Pod)",
    an_kubenet: "kubenet(110 Pod)",
    aks_network_hint: "ノードあたりの最大Pod数のデフォルトが決まり、AKSはその最大Pod数に応じてメモリを予約します。下で最大Pod数を指定すると、その値が優先されます。",
    net_node_subnet: "Azure CNI(ノードのサブネット)",
    src_eks_max_pods: "EKS AMIのnodeadmのeni_max_pods.go: ENI数 × (ENIあたりのIPv4アドレス数 − 1) + 2",
    src_aks_max_pods: "Microsoftのドキュメント「AKSのIPアドレス計画」: ネットワークプラグインごとのノードあたり最大Pod数",
    src_kubelet_max_pods: "Kubernetesのドキュメント「kubeletの設定」: maxPods、指定しなければ110",
    tr_node_max_pods_given: "ノードあたりの最大Pod数: 指定どおり{0}です。",
    tr_node_max_pods_eni: "ノードあたりの最大Pod数: {3}では、ENI {0}個 × (ENIあたりのIPv4アドレス{1}個 − 1) + 2 = {2}です。",
    tr_node_max_pods_aks: "ノードあたりの最大Pod数: {1}を使うAKSのデフォルトの{0}です。",
    tr_node_max_pods_default: "ノードあたりの最大Pod数: kubeletのデフォルトの{0}です。",
    tr_node_aks_capped: "{0}のノード: 20 MiB × 最大Pod数{1} + 50 MiB = {2}がメモリの25%({3})を超えるため、25%の上限が適用され、AKSは{4}を予約します。退避のしきい値は{5}なので、割り当て可能なメモリは{6}です。",
    e_aks_network: "ネットワークプラグインは、AKSの予約モデルでのみ使われます。",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = (0..6)
            .map(|i| format!("{{{i}}}"))
            .filter(|p| s.contains(p.as_str()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_label_is_translated_with_the_same_placeholders() {
        let en = EN.entries();
        for (lang, t) in [("ko", &KO), ("ja", &JA)] {
            for ((name, english), (_, text)) in en.iter().zip(t.entries()) {
                assert!(!text.trim().is_empty(), "{lang}.{name} is empty");
                assert_ne!(*english, text, "{lang}.{name} is left in English");
                assert_eq!(
                    placeholders(english),
                    placeholders(text),
                    "{lang}.{name}: placeholders differ"
                );
            }
        }
        for (name, text) in en {
            assert!(!text.trim().is_empty(), "en.{name} is empty");
        }
    }

    #[test]
    fn templates_fill_in() {
        assert_eq!(fill("{1} of {0}", &["a", "b"]), "b of a");
        assert_eq!(fill("{x} {9}", &["a"]), "{x} {9}");
        assert_eq!(mib(4526.4), "4,526 MiB");
        assert_eq!(pct(0.6), "60%");
    }

    #[test]
    fn engine_reasons_are_translated() {
        let detail = ErrorDetail::OutOfRange {
            min: 0.0,
            max: 16_777_216.0,
            got: -5.0,
        };
        assert_eq!(
            detail_text(&KO, &detail),
            "0에서 16,777,216 사이여야 합니다."
        );
        assert_eq!(
            detail_text(&JA, &ErrorDetail::NotPositive { got: 0.0 }),
            JA.e_positive
        );
        let fargate = ErrorDetail::FargateMemory {
            vcpu: 0.25,
            valid: vec![0.5, 1.0, 2.0],
        };
        assert_eq!(
            detail_text(&JA, &fargate),
            "vCPUが0.25のとき、Fargateのメモリは0.5, 1, 2 GBから選べます。"
        );
    }

    fn has_hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    fn has_kana(s: &str) -> bool {
        s.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c))
    }

    #[test]
    fn every_trace_step_is_worded_in_every_language() {
        let mut kinds = std::collections::BTreeSet::new();
        for s in shipshape_capacity::examples::tour() {
            let r = shipshape_capacity::evaluate(&s).unwrap();
            for step in &r.trace {
                kinds.insert(step.step.kind().to_string());
                let en = step_text(&EN, &step.step, &r);
                for (lang, t) in [("en", &EN), ("ko", &KO), ("ja", &JA)] {
                    let text = step_text(t, &step.step, &r);
                    let source = source_text(t, step.source_id);
                    assert!(!text.trim().is_empty(), "{lang}: {step:?}");
                    assert!(!text.contains('{'), "{lang}: {text}");
                    assert!(!source.is_empty());
                    if lang != "en" {
                        assert_ne!(text, en, "{lang}: left in English");
                    }
                    match lang {
                        "ko" => assert!(has_hangul(&text) && has_hangul(source), "{text}"),
                        "ja" => assert!(has_kana(&text) || text.contains("収"), "{text}"),
                        _ => {}
                    }
                }
            }
        }
        for kind in shipshape_capacity::Step::KINDS {
            assert!(kinds.contains(kind), "the tour never shows {kind}");
        }
        for source in shipshape_capacity::Source::ALL {
            assert_ne!(source_text(&KO, source), source_text(&EN, source));
            assert_ne!(source_text(&JA, source), source_text(&EN, source));
        }
    }

    #[test]
    fn the_gke_reservation_reads_in_korean_and_japanese() {
        let r =
            shipshape_capacity::evaluate(&shipshape_capacity::examples::kubernetes_gke()).unwrap();
        let words = |t: &T| {
            r.trace
                .iter()
                .map(|s| step_text(t, &s.step, &r))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (ko, ja) = (words(&KO), words(&JA));
        if std::env::var_os("SHOW_TRACE").is_some() {
            println!("{}\n\n{ko}\n\n{ja}", words(&EN));
        }
        assert!(ko.contains(
            "16 GiB 노드: GKE가 4 GiB의 25% + 4 GiB의 20% + 8 GiB의 10% = 2,662 MiB를 예약하고"
        ));
        assert!(ja.contains(
            "16 GiBのノード: GKEが4 GiBの25% + 4 GiBの20% + 8 GiBの10% = 2,662 MiBを予約し"
        ));
    }

    #[test]
    fn max_pods_and_the_aks_cap_read_in_every_language() {
        let r = shipshape_capacity::evaluate(&shipshape_capacity::examples::aks_overlay_d4s_v5())
            .unwrap();
        let words = |t: &T| {
            r.trace
                .iter()
                .filter(|s| s.topic == Topic::Node)
                .map(|s| step_text(t, &s.step, &r))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (en, ko, ja) = (words(&EN), words(&KO), words(&JA));
        if std::env::var_os("SHOW_TRACE").is_some() {
            println!("{en}\n\n{ko}\n\n{ja}");
        }
        assert!(en.contains("Max pods per node: 250, the AKS default with Azure CNI Overlay."));
        assert!(
            en.contains("so the 25% cap applies and AKS reserves 4,096 MiB"),
            "{en}"
        );
        assert!(
            ko.contains("Azure CNI Overlay 네트워크를 쓰는 AKS의 기본값"),
            "{ko}"
        );
        assert!(
            ko.contains("25% 상한이 적용되어 AKS는 4,096 MiB를 예약합니다"),
            "{ko}"
        );
        assert!(
            ja.contains("Azure CNI Overlayを使うAKSのデフォルト"),
            "{ja}"
        );
        assert!(
            ja.contains("25%の上限が適用され、AKSは4,096 MiBを予約します"),
            "{ja}"
        );
        assert_eq!(
            site_of("https://learn.microsoft.com/azure/aks/x#y"),
            "learn.microsoft.com"
        );
        assert_eq!(site_of("https://gunicorn.org/design/"), "gunicorn.org");
    }

    #[test]
    fn every_error_detail_is_worded_in_every_language() {
        let all = [
            ErrorDetail::Syntax,
            ErrorDetail::NotFinite,
            ErrorDetail::OutOfRange {
                min: 1.0,
                max: 2.0,
                got: 3.0,
            },
            ErrorDetail::NotPositive { got: 0.0 },
            ErrorDetail::BadCharacters {
                max_len: 63,
                allowed: "-".into(),
            },
            ErrorDetail::NameCase,
            ErrorDetail::ModuleShape,
            ErrorDetail::PortZero,
            ErrorDetail::NeedsCpuLimit,
            ErrorDetail::UnknownInstanceType { name: "x1".into() },
            ErrorDetail::InstanceTypeAndShape,
            ErrorDetail::RequiredWithoutInstanceType,
            ErrorDetail::EksNeedsMaxPods,
            ErrorDetail::AksNetworkWithoutAks,
            ErrorDetail::FargateVcpu { got: 3.0 },
            ErrorDetail::FargateMemory {
                vcpu: 1.0,
                valid: vec![2.0, 3.0],
            },
            ErrorDetail::CloudRunVcpu {
                needed: 2.0,
                memory_mib: 8192.0,
            },
            ErrorDetail::RequestAboveLimit { limit: 1.0 },
            ErrorDetail::SingleProcessWorkers { got: 4 },
        ];
        for d in &all {
            let en = detail_text(&EN, d);
            assert!(!en.is_empty() && !en.contains('{'), "{d:?}");
            for t in [&KO, &JA] {
                let text = detail_text(t, d);
                assert!(!text.contains('{'), "{text}");
                assert_ne!(text, en, "{d:?} left in English");
            }
            assert!(has_hangul(&detail_text(&KO, d)), "{d:?}");
            assert!(has_kana(&detail_text(&JA, d)), "{d:?}");
        }
    }

    #[test]
    fn every_warning_has_text_in_every_language() {
        // Every code the engine has is produced by some example, and worded in each language.
        let mut seen = std::collections::BTreeSet::new();
        let scenarios = shipshape_capacity::examples::NAMES
            .iter()
            .filter_map(|n| shipshape_capacity::examples::named(n))
            .chain(shipshape_capacity::examples::tour());
        for s in scenarios {
            let Ok(r) = shipshape_capacity::evaluate(&s) else {
                continue;
            };
            for w in &r.warnings {
                seen.insert(w.code);
                for t in [&EN, &KO, &JA] {
                    let text = warning_text(t, w);
                    assert!(!text.contains('{'), "{text}");
                    assert!(!text.trim().is_empty(), "{:?}", w.code);
                }
            }
        }
        let missing: Vec<_> = shipshape_capacity::WarningCode::ALL
            .iter()
            .filter(|c| !seen.contains(c))
            .collect();
        assert!(missing.is_empty(), "no example produces {missing:?}");
    }
}
