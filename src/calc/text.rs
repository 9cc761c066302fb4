//! The calculator's words, one struct per language: a missing label does not compile, and a test
//! checks that none is empty, left in English, or missing a `{0}` its English has.
//! Messages with numbers are templates: `{0}`, `{1}`... are filled in by `fill`.

use shipshape_capacity::{Warning, WarningCode};

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
}

/// Words that are the same in every language: units and product names.
pub const MIB: &str = "MiB";
pub const GIB: &str = "GiB";
pub const MS: &str = "ms";
pub const T_FARGATE: &str = "AWS Fargate (ECS)";
pub const T_CLOUDRUN: &str = "Google Cloud Run";

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

/// The engine's reason for a bad value, in the page's language when it is one of the common
/// shapes ("must be between 0 and 1, got 2"); otherwise the engine's English.
pub fn engine_reason(t: &T, reason: &str) -> (String, bool) {
    if reason.starts_with("must be a finite number") {
        return (t.e_finite.to_string(), true);
    }
    if reason.starts_with("must be greater than 0") {
        return (t.e_positive.to_string(), true);
    }
    if let Some(rest) = reason.strip_prefix("must be between ") {
        let bounds = rest.split(", got").next().unwrap_or("");
        if let Some((lo, hi)) = bounds.split_once(" and ") {
            let show = |s: &str| {
                super::form::parse_number(s)
                    .map(|v| grouped(v, 3))
                    .unwrap_or_else(|| s.to_string())
            };
            return (fill(t.e_between, &[&show(lo), &show(hi)]), true);
        }
    }
    (reason.to_string(), false)
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
    wc_uvicorn: "UvicornWorker (async)",
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
    rs_eks: "EKS",
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
    fits_detail: "{0} container(s) of {1} worker(s), {2} each, on {3} {4}.",
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
    wc_uvicorn: "UvicornWorker(비동기)",
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
    rs_eks: "EKS 방식",
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
    trace_note: "단계마다 공식의 출처를 밝힙니다. 계산 과정은 영어로 표시됩니다.",
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
    w_thread_oversubscription: "워커 {0}개 × 스레드 {1}개 = CPU {3}개에 스레드 {2}개입니다. OMP_NUM_THREADS={4}로 설정하세요.",
    w_cpu_limit_below_workers: "워커 {0}개는 CPU를 {1}m까지 쓸 수 있지만 제한은 {2}m입니다. 부하가 걸리면 스로틀링됩니다.",
    w_legacy_image_deprecated: "tiangolo/uvicorn-gunicorn 이미지는 더 이상 권장되지 않습니다. 서버 한 대에서는 uvicorn --workers를, 클러스터에서는 컨테이너당 프로세스 하나를 쓰세요.",
    w_provider_mismatch: "노드 유형과 예약 모델이 서로 다른 클라우드의 것입니다.",
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
    wc_uvicorn: "UvicornWorker(非同期)",
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
    rs_eks: "EKSの方式",
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
    trace_note: "各ステップに計算式の出典を示しています。計算の過程は英語で表示されます。",
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
        let (text, ok) = engine_reason(&KO, "must be between 0 and 16777216, got -5");
        assert!(ok);
        assert_eq!(text, "0에서 16,777,216 사이여야 합니다.");
        let (text, ok) = engine_reason(&JA, "must be greater than 0, got 0");
        assert!(ok);
        assert_eq!(text, JA.e_positive);
        let (text, ok) = engine_reason(&KO, "unknown instance type");
        assert!(!ok);
        assert_eq!(text, "unknown instance type");
    }

    #[test]
    fn every_warning_has_text_in_every_language() {
        let scenarios = shipshape_capacity::examples::NAMES
            .iter()
            .filter_map(|n| shipshape_capacity::examples::named(n));
        for s in scenarios {
            let r = shipshape_capacity::evaluate(&s).unwrap();
            for w in &r.warnings {
                for t in [&EN, &KO, &JA] {
                    let text = warning_text(t, w);
                    assert!(!text.contains('{'), "{text}");
                }
            }
        }
    }
}
