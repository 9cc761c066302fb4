//! The calculator's form: every input as the reader typed it (text, so typing "1." or "-" never
//! fights the field), turned into an engine `Scenario`, and written to and read back from a
//! compact query string (`?v=1&wk=2&mm=1.5`). Plain Rust, tested natively.

use shipshape_capacity::{
    AksNetwork, AppProfile, ContainerLimits, CoresSource, DaemonSetOverhead, DeployNames,
    ErrorDetail, Framework, GunicornOptions, KubernetesTarget, NodeType, ReservationModel,
    Scenario, Target, Traffic, WorkerClass, WorkerCount, WorkerModel,
};

/// What kind of text a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Num,
    /// Empty means "not set".
    OptNum,
    Int,
    OptInt,
    Choice(&'static [&'static str]),
    /// Free text (names in the configs), checked by the engine.
    Text,
}

pub const MEM_UNITS: &[&str] = &["mib", "gib"];
pub const CPU_UNITS: &[&str] = &["cores", "m"];
pub const FRAMEWORKS: &[&str] = &["none", "numpy", "pytorch", "pytorch_cuda"];
pub const SERVERS: &[&str] = &["uvicorn", "gunicorn", "preload", "single"];
/// "uvicorn" is uvicorn-worker's `UvicornWorker` (links saved before it was named so still read).
pub const WORKER_CLASSES: &[&str] = &["uvicorn", "asgi", "sync"];
pub const WORKER_MODES: &[&str] = &["fixed", "default", "gunicorn", "legacy"];
pub const CORE_SOURCES: &[&str] = &["host", "limit"];
pub const TARGETS: &[&str] = &["machine", "k8s", "fargate", "fargate_eks", "cloudrun"];
pub const NODE_TYPES: &[&str] = &[
    "custom",
    "e2-standard-2",
    "e2-standard-4",
    "e2-standard-8",
    "e2-standard-16",
    "t3.medium",
    "m5.large",
    "m5.xlarge",
    "m5.2xlarge",
    "m5.4xlarge",
    "Standard_D2s_v5",
    "Standard_D4s_v5",
    "Standard_D8s_v5",
    "Standard_D16s_v5",
];
pub const RESERVATIONS: &[&str] = &[
    "none",
    "kubelet",
    "gke",
    "eks",
    "aks",
    "aks_pre129",
    "custom",
];
pub const AKS_NETWORKS: &[&str] = &["overlay", "node_subnet", "kubenet"];
pub const FLAGS: &[&str] = &["0", "1"];

macro_rules! fields {
    ($($name:ident = $key:literal, $default:literal, $kind:expr;)*) => {
        /// Every input of the calculator.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum F { $($name),* }

        impl F {
            pub const ALL: &'static [F] = &[$(F::$name),*];

            /// The field's key in links and in saved state.
            pub fn key(self) -> &'static str {
                match self { $(F::$name => $key),* }
            }

            pub fn default_text(self) -> &'static str {
                match self { $(F::$name => $default),* }
            }

            pub fn kind(self) -> Kind {
                match self { $(F::$name => $kind),* }
            }
        }
    };
}

fields! {
    ProcessMem = "pm", "100", Kind::Num;
    ProcessUnit = "pmu", "mib", Kind::Choice(MEM_UNITS);
    ModelMem = "mm", "1", Kind::Num;
    ModelUnit = "mmu", "gib", Kind::Choice(MEM_UNITS);
    ManagerMem = "mg", "30", Kind::Num;
    Framework = "fw", "none", Kind::Choice(FRAMEWORKS);
    Omp = "omp", "", Kind::OptInt;
    CpuMs = "cpu", "50", Kind::Num;
    LatencyMs = "lat", "100", Kind::Num;
    Server = "srv", "uvicorn", Kind::Choice(SERVERS);
    WorkerClass = "wc", "uvicorn", Kind::Choice(WORKER_CLASSES);
    Shared = "sh", "30", Kind::Num;
    WorkersMode = "wm", "fixed", Kind::Choice(WORKER_MODES);
    Workers = "wk", "4", Kind::Int;
    WebConcurrency = "wcn", "", Kind::OptInt;
    CoresSource = "cs", "host", Kind::Choice(CORE_SOURCES);
    WorkersPerCore = "wpc", "1", Kind::Num;
    MaxWorkers = "mw", "", Kind::OptInt;
    MemLimit = "ml", "", Kind::OptNum;
    MemLimitUnit = "mlu", "mib", Kind::Choice(MEM_UNITS);
    CpuLimit = "cl", "", Kind::OptNum;
    CpuLimitUnit = "clu", "cores", Kind::Choice(CPU_UNITS);
    CpuRequest = "cr", "", Kind::OptNum;
    CpuRequestUnit = "cru", "cores", Kind::Choice(CPU_UNITS);
    Headroom = "hr", "10", Kind::Num;
    Target = "t", "machine", Kind::Choice(TARGETS);
    MachineCores = "mc", "2", Kind::Num;
    MachineMem = "mem", "3", Kind::Num;
    MachineMemUnit = "memu", "gib", Kind::Choice(MEM_UNITS);
    MachineReserved = "mr", "0", Kind::Num;
    MachineReservedUnit = "mru", "mib", Kind::Choice(MEM_UNITS);
    NodeType = "nt", "e2-standard-4", Kind::Choice(NODE_TYPES);
    NodeCores = "nc", "4", Kind::Num;
    NodeMem = "nm", "16", Kind::Num;
    NodeMemUnit = "nmu", "gib", Kind::Choice(MEM_UNITS);
    Reservation = "rs", "gke", Kind::Choice(RESERVATIONS);
    AksNetwork = "an", "overlay", Kind::Choice(AKS_NETWORKS);
    MaxPods = "mp", "", Kind::OptInt;
    KubeCpu = "kc", "100", Kind::Num;
    KubeCpuUnit = "kcu", "m", Kind::Choice(CPU_UNITS);
    KubeMem = "km", "1", Kind::Num;
    KubeMemUnit = "kmu", "gib", Kind::Choice(MEM_UNITS);
    SysCpu = "sc", "100", Kind::Num;
    SysCpuUnit = "scu", "m", Kind::Choice(CPU_UNITS);
    SysMem = "sm", "512", Kind::Num;
    SysMemUnit = "smu", "mib", Kind::Choice(MEM_UNITS);
    Eviction = "ev", "100", Kind::Num;
    EvictionUnit = "evu", "mib", Kind::Choice(MEM_UNITS);
    DsCpu = "dc", "200", Kind::Num;
    DsCpuUnit = "dcu", "m", Kind::Choice(CPU_UNITS);
    DsMem = "dm", "256", Kind::Num;
    DsMemUnit = "dmu", "mib", Kind::Choice(MEM_UNITS);
    DsPods = "dp", "3", Kind::Int;
    NodeCount = "nn", "", Kind::OptInt;
    Hpa = "hpa", "0", Kind::Choice(FLAGS);
    FargateVcpu = "fv", "1", Kind::Num;
    FargateGb = "fg", "2", Kind::Num;
    RunVcpu = "rv", "1", Kind::Num;
    RunMem = "rm", "512", Kind::Num;
    RunConcurrency = "rc", "80", Kind::Int;
    Rps = "rps", "10", Kind::Num;
    Util = "u", "60", Kind::Num;
    Redundancy = "k", "0", Kind::Int;
    DeployName = "dn", "api", Kind::Text;
    Image = "img", "registry.example.com/api:1.0", Kind::Text;
    Module = "mod", "app.main:app", Kind::Text;
    Port = "port", "8000", Kind::Int;
}

impl F {
    /// The unit selector that goes with a number field.
    pub fn unit(self) -> Option<F> {
        Some(match self {
            F::ProcessMem => F::ProcessUnit,
            F::ModelMem => F::ModelUnit,
            F::MemLimit => F::MemLimitUnit,
            F::CpuLimit => F::CpuLimitUnit,
            F::CpuRequest => F::CpuRequestUnit,
            F::MachineMem => F::MachineMemUnit,
            F::MachineReserved => F::MachineReservedUnit,
            F::NodeMem => F::NodeMemUnit,
            F::DsCpu => F::DsCpuUnit,
            F::DsMem => F::DsMemUnit,
            F::KubeCpu => F::KubeCpuUnit,
            F::KubeMem => F::KubeMemUnit,
            F::SysCpu => F::SysCpuUnit,
            F::SysMem => F::SysMemUnit,
            F::Eviction => F::EvictionUnit,
            _ => return None,
        })
    }

    fn from_key(key: &str) -> Option<F> {
        F::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// How much one unit is worth in the engine's unit (MiB, or cores).
pub fn unit_factor(unit: &str) -> f64 {
    match unit {
        "gib" => 1024.0,
        "m" => 0.001,
        _ => 1.0,
    }
}

/// What is wrong with a field, before or after the engine looked at it.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    NotNumber,
    NotWhole,
    /// The engine's reason, from `ScenarioError`, with its bounds in the input's units.
    Engine(ErrorDetail),
}

/// A problem, and the input it belongs to (`None`: the scenario as a whole).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub field: Option<F>,
    pub problem: Problem,
}

/// The calculator's state: one text per field.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    values: Vec<String>,
}

impl Default for Form {
    /// The guide's scenario (1.6): a 1 GiB model, four uvicorn workers, a 3 GiB server.
    fn default() -> Self {
        Form {
            values: F::ALL
                .iter()
                .map(|f| f.default_text().to_string())
                .collect(),
        }
    }
}

/// Why a link or a saved state could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Malformed,
    TooLong,
}

/// Longest query string accepted; a real one is well under 300 characters.
pub const MAX_QUERY: usize = 1500;
const MAX_VALUE: usize = 32;
/// Longest text value in a link (an image reference with a registry and a tag).
const MAX_TEXT: usize = 128;

fn max_len(f: F) -> usize {
    if f.kind() == Kind::Text {
        MAX_TEXT
    } else {
        MAX_VALUE
    }
}
pub const VERSION: &str = "1";

impl Form {
    pub fn get(&self, f: F) -> &str {
        &self.values[f as usize]
    }

    pub fn set(&mut self, f: F, value: impl Into<String>) {
        self.values[f as usize] = value.into();
    }

    pub fn is(&self, f: F, value: &str) -> bool {
        self.get(f) == value
    }

    /// Sets a memory field from MiB, in GiB when that reads better.
    pub fn set_mib(&mut self, f: F, mib: f64) {
        let unit = f.unit().unwrap_or(f);
        if mib >= 1024.0 && (mib / 1024.0 * 4.0).fract() == 0.0 {
            self.set(f, plain(mib / 1024.0, 3));
            self.set(unit, "gib");
        } else {
            self.set(f, plain(mib, 3));
            if unit != f {
                self.set(unit, "mib");
            }
        }
    }

    /// Switches a field's unit and converts its value so that it means the same.
    pub fn change_unit(&mut self, f: F, unit: &str) {
        let Some(u) = f.unit() else { return };
        let old = unit_factor(self.get(u));
        if let Some(v) = parse_number(self.get(f)) {
            self.set(f, plain(v * old / unit_factor(unit), 3));
        }
        self.set(u, unit);
    }

    /// The query string for links and storage: only what differs from the default, after the
    /// version (`v=1&wk=2`). The default form gives an empty string.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for f in F::ALL {
            let v = self.get(*f);
            if v == f.default_text() {
                continue;
            }
            if out.is_empty() {
                out.push_str("v=");
                out.push_str(VERSION);
            }
            out.push('&');
            out.push_str(f.key());
            out.push('=');
            for b in v.bytes().take(max_len(*f)) {
                if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                    out.push(b as char);
                } else {
                    out.push('%');
                    out.push(HEX[(b >> 4) as usize] as char);
                    out.push(HEX[(b & 15) as usize] as char);
                }
            }
        }
        out
    }

    /// Reads what `encode` wrote. `Ok(None)`: nothing there.
    pub fn decode(query: &str) -> Result<Option<Form>, DecodeError> {
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.is_empty() {
            return Ok(None);
        }
        if query.len() > MAX_QUERY {
            return Err(DecodeError::TooLong);
        }
        let mut pairs = query.split('&');
        if pairs.next() != Some("v=1") {
            return Err(DecodeError::Malformed);
        }
        let mut form = Form::default();
        let mut seen = Vec::new();
        for pair in pairs {
            let (key, raw) = pair.split_once('=').ok_or(DecodeError::Malformed)?;
            let f = F::from_key(key).ok_or(DecodeError::Malformed)?;
            if seen.contains(&f) {
                return Err(DecodeError::Malformed);
            }
            seen.push(f);
            let value = percent_decode(raw).ok_or(DecodeError::Malformed)?;
            if value.len() > max_len(f) || value.chars().any(|c| c.is_control()) {
                return Err(DecodeError::Malformed);
            }
            if let Kind::Choice(options) = f.kind() {
                if !options.contains(&value.as_str()) {
                    return Err(DecodeError::Malformed);
                }
            }
            form.set(f, value);
        }
        Ok(Some(form))
    }

    /// The engine's scenario, or every field that is not a number where one is needed.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut p = Reader {
            form: self,
            errors: Vec::new(),
        };
        let app = AppProfile {
            process_mib: p.scaled(F::ProcessMem),
            model_mib: p.scaled(F::ModelMem),
            manager_mib: p.num(F::ManagerMem),
            framework: match self.get(F::Framework) {
                "numpy" => Framework::Numpy,
                "pytorch" => Framework::Pytorch,
                "pytorch_cuda" => Framework::PytorchCuda,
                _ => Framework::None,
            },
            omp_num_threads: p.opt_int(F::Omp),
            cpu_seconds_per_request: p.num(F::CpuMs) / 1000.0,
            latency_seconds: p.num(F::LatencyMs) / 1000.0,
        };
        let single = self.is(F::Server, "single");
        let gunicorn = |preload: bool, p: &mut Reader| {
            WorkerModel::Gunicorn(GunicornOptions {
                preload,
                // Kept without --preload too, so a scenario's fraction survives a round trip.
                shared_fraction: p.num(F::Shared) / 100.0,
                worker_class: match self.get(F::WorkerClass) {
                    "sync" => WorkerClass::Sync,
                    "asgi" => WorkerClass::Asgi,
                    _ => WorkerClass::UvicornWorker,
                },
            })
        };
        let server = match self.get(F::Server) {
            "gunicorn" => gunicorn(false, &mut p),
            "preload" => gunicorn(true, &mut p),
            "single" => WorkerModel::SingleProcess,
            _ => WorkerModel::Uvicorn,
        };
        let cores = if self.is(F::CoresSource, "limit") {
            CoresSource::ContainerLimit
        } else {
            CoresSource::Host
        };
        let workers = if single {
            WorkerCount::Fixed(1)
        } else {
            match self.get(F::WorkersMode) {
                "default" => WorkerCount::ServerDefault {
                    web_concurrency: p.opt_int(F::WebConcurrency),
                },
                "gunicorn" => WorkerCount::GunicornRule { cores },
                "legacy" => WorkerCount::LegacyImage {
                    workers_per_core: p.num(F::WorkersPerCore),
                    max_workers: p.opt_int(F::MaxWorkers),
                    web_concurrency: p.opt_int(F::WebConcurrency),
                    cores,
                },
                _ => WorkerCount::Fixed(p.int(F::Workers)),
            }
        };
        let container = ContainerLimits {
            memory_limit_mib: p.opt_scaled(F::MemLimit),
            cpu_limit_cores: p.opt_scaled(F::CpuLimit),
            cpu_request_cores: p.opt_scaled(F::CpuRequest),
            memory_headroom: p.num(F::Headroom) / 100.0,
        };
        let target = match self.get(F::Target) {
            "k8s" => {
                let custom = self.is(F::NodeType, "custom");
                // Only an AKS reservation takes a network plugin (the engine refuses it on others).
                let aks = self.is(F::Reservation, "aks") || self.is(F::Reservation, "aks_pre129");
                let aks_network = match self.get(F::AksNetwork) {
                    "node_subnet" if aks => AksNetwork::AzureCniNodeSubnet,
                    "kubenet" if aks => AksNetwork::Kubenet,
                    _ => AksNetwork::AzureCniOverlay,
                };
                Target::Kubernetes(KubernetesTarget {
                    node: NodeType {
                        instance_type: (!custom).then(|| self.get(F::NodeType).to_string()),
                        cores: custom.then(|| p.num(F::NodeCores)),
                        memory_mib: custom.then(|| p.scaled(F::NodeMem)),
                        max_pods: p.opt_int(F::MaxPods),
                    },
                    reservation: match self.get(F::Reservation) {
                        "kubelet" => ReservationModel::KubeletDefaults,
                        "gke" => ReservationModel::Gke,
                        "eks" => ReservationModel::Eks,
                        "aks" => ReservationModel::Aks,
                        "aks_pre129" => ReservationModel::AksPre129,
                        "custom" => ReservationModel::Custom {
                            kube_reserved_cpu_millicores: p.scaled(F::KubeCpu) * 1000.0,
                            kube_reserved_memory_mib: p.scaled(F::KubeMem),
                            system_reserved_cpu_millicores: p.scaled(F::SysCpu) * 1000.0,
                            system_reserved_memory_mib: p.scaled(F::SysMem),
                            eviction_memory_mib: p.scaled(F::Eviction),
                        },
                        _ => ReservationModel::None,
                    },
                    daemonsets: DaemonSetOverhead {
                        cpu_millicores: p.scaled(F::DsCpu) * 1000.0,
                        memory_mib: p.scaled(F::DsMem),
                        pods: p.int(F::DsPods),
                    },
                    node_count: p.opt_int(F::NodeCount),
                    hpa: self.is(F::Hpa, "1"),
                    aks_network,
                })
            }
            "fargate" => Target::FargateEcs {
                vcpu: p.num(F::FargateVcpu),
                memory_gb: p.num(F::FargateGb),
            },
            "fargate_eks" => Target::FargateEks {},
            "cloudrun" => Target::CloudRun {
                vcpu: p.num(F::RunVcpu),
                memory_mib: p.num(F::RunMem),
                concurrency: p.int(F::RunConcurrency),
            },
            _ => Target::Machine {
                cores: p.num(F::MachineCores),
                memory_mib: p.scaled(F::MachineMem),
                reserved_mib: p.scaled(F::MachineReserved),
            },
        };
        let scenario = Scenario {
            name: String::new(),
            app,
            server,
            workers,
            container,
            target,
            traffic: Traffic {
                requests_per_second: p.num(F::Rps),
            },
            target_utilization: p.num(F::Util) / 100.0,
            redundancy: p.int(F::Redundancy),
            deploy: DeployNames {
                name: self.get(F::DeployName).trim().to_string(),
                image: self.get(F::Image).trim().to_string(),
                module: self.get(F::Module).trim().to_string(),
                port: p.port(F::Port),
            },
        };
        if p.errors.is_empty() {
            Ok(scenario)
        } else {
            Err(p.errors)
        }
    }
}

impl Form {
    /// The form that gives `s` back (within the 3 decimals a field shows): to show a scenario
    /// in the calculator, such as an exercise's start. Fields the scenario leaves out keep
    /// their defaults; a node type the form does not list becomes a custom node of its size.
    pub fn from_scenario(s: &Scenario) -> Form {
        let mut f = Form::default();
        let num = |v: f64| plain(v, 3);
        f.set_mib(F::ProcessMem, s.app.process_mib);
        f.set_mib(F::ModelMem, s.app.model_mib);
        f.set(F::ManagerMem, num(s.app.manager_mib));
        f.set(
            F::Framework,
            match s.app.framework {
                Framework::None => "none",
                Framework::Numpy => "numpy",
                Framework::Pytorch => "pytorch",
                Framework::PytorchCuda => "pytorch_cuda",
            },
        );
        f.set(
            F::Omp,
            s.app
                .omp_num_threads
                .map(|n| n.to_string())
                .unwrap_or_default(),
        );
        f.set(F::CpuMs, num(s.app.cpu_seconds_per_request * 1000.0));
        f.set(F::LatencyMs, num(s.app.latency_seconds * 1000.0));
        match &s.server {
            WorkerModel::Uvicorn => f.set(F::Server, "uvicorn"),
            WorkerModel::SingleProcess => f.set(F::Server, "single"),
            WorkerModel::Gunicorn(g) => {
                f.set(F::Server, if g.preload { "preload" } else { "gunicorn" });
                f.set(F::Shared, num(g.shared_fraction * 100.0));
                f.set(
                    F::WorkerClass,
                    match g.worker_class {
                        WorkerClass::Sync => "sync",
                        WorkerClass::Asgi => "asgi",
                        WorkerClass::UvicornWorker => "uvicorn",
                    },
                );
            }
        }
        let cores = |f: &mut Form, c: CoresSource| {
            f.set(
                F::CoresSource,
                match c {
                    CoresSource::ContainerLimit => "limit",
                    CoresSource::Host => "host",
                },
            )
        };
        let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        match &s.workers {
            WorkerCount::Fixed(n) => {
                f.set(F::WorkersMode, "fixed");
                f.set(F::Workers, n.to_string());
            }
            WorkerCount::ServerDefault { web_concurrency } => {
                f.set(F::WorkersMode, "default");
                f.set(F::WebConcurrency, opt(*web_concurrency));
            }
            WorkerCount::GunicornRule { cores: c } => {
                f.set(F::WorkersMode, "gunicorn");
                cores(&mut f, *c);
            }
            WorkerCount::LegacyImage {
                workers_per_core,
                max_workers,
                web_concurrency,
                cores: c,
            } => {
                f.set(F::WorkersMode, "legacy");
                f.set(F::WorkersPerCore, num(*workers_per_core));
                f.set(F::MaxWorkers, opt(*max_workers));
                f.set(F::WebConcurrency, opt(*web_concurrency));
                cores(&mut f, *c);
            }
        }
        match s.container.memory_limit_mib {
            Some(mib) => f.set_mib(F::MemLimit, mib),
            None => f.set(F::MemLimit, ""),
        }
        let cpu = |f: &mut Form, field: F, v: Option<f64>| {
            f.set(field, v.map(num).unwrap_or_default());
            if let Some(u) = field.unit() {
                f.set(u, "cores");
            }
        };
        cpu(&mut f, F::CpuLimit, s.container.cpu_limit_cores);
        cpu(&mut f, F::CpuRequest, s.container.cpu_request_cores);
        f.set(F::Headroom, num(s.container.memory_headroom * 100.0));
        match &s.target {
            Target::Machine {
                cores,
                memory_mib,
                reserved_mib,
            } => {
                f.set(F::Target, "machine");
                f.set(F::MachineCores, num(*cores));
                f.set_mib(F::MachineMem, *memory_mib);
                f.set_mib(F::MachineReserved, *reserved_mib);
            }
            Target::Kubernetes(k) => {
                f.set(F::Target, "k8s");
                match k.node.instance_type.as_deref() {
                    Some(t) if NODE_TYPES.contains(&t) && t != "custom" => f.set(F::NodeType, t),
                    listed => {
                        f.set(F::NodeType, "custom");
                        let known = listed.and_then(shipshape_capacity::node_catalog::lookup);
                        let (c, m) = match known {
                            Some(n) => (n.cores, n.memory_mib),
                            None => (
                                k.node.cores.unwrap_or(4.0),
                                k.node.memory_mib.unwrap_or(16384.0),
                            ),
                        };
                        f.set(F::NodeCores, num(k.node.cores.unwrap_or(c)));
                        f.set_mib(F::NodeMem, k.node.memory_mib.unwrap_or(m));
                    }
                }
                f.set(F::MaxPods, opt(k.node.max_pods));
                let reservation = match &k.reservation {
                    ReservationModel::None => "none",
                    ReservationModel::KubeletDefaults => "kubelet",
                    ReservationModel::Gke => "gke",
                    ReservationModel::Eks => "eks",
                    ReservationModel::Aks => "aks",
                    ReservationModel::AksPre129 => "aks_pre129",
                    ReservationModel::Custom {
                        kube_reserved_cpu_millicores,
                        kube_reserved_memory_mib,
                        system_reserved_cpu_millicores,
                        system_reserved_memory_mib,
                        eviction_memory_mib,
                    } => {
                        for (field, millicores) in [
                            (F::KubeCpu, kube_reserved_cpu_millicores),
                            (F::SysCpu, system_reserved_cpu_millicores),
                        ] {
                            f.set(field, num(*millicores));
                            if let Some(u) = field.unit() {
                                f.set(u, "m");
                            }
                        }
                        f.set_mib(F::KubeMem, *kube_reserved_memory_mib);
                        f.set_mib(F::SysMem, *system_reserved_memory_mib);
                        f.set_mib(F::Eviction, *eviction_memory_mib);
                        "custom"
                    }
                };
                f.set(F::Reservation, reservation);
                f.set(
                    F::AksNetwork,
                    match k.aks_network {
                        AksNetwork::AzureCniOverlay => "overlay",
                        AksNetwork::AzureCniNodeSubnet => "node_subnet",
                        AksNetwork::Kubenet => "kubenet",
                    },
                );
                f.set(F::DsCpu, num(k.daemonsets.cpu_millicores));
                f.set(F::DsCpuUnit, "m");
                f.set_mib(F::DsMem, k.daemonsets.memory_mib);
                f.set(F::DsPods, k.daemonsets.pods.to_string());
                f.set(F::NodeCount, opt(k.node_count));
                f.set(F::Hpa, if k.hpa { "1" } else { "0" });
            }
            Target::FargateEcs { vcpu, memory_gb } => {
                f.set(F::Target, "fargate");
                f.set(F::FargateVcpu, num(*vcpu));
                f.set(F::FargateGb, num(*memory_gb));
            }
            Target::FargateEks {} => f.set(F::Target, "fargate_eks"),
            Target::CloudRun {
                vcpu,
                memory_mib,
                concurrency,
            } => {
                f.set(F::Target, "cloudrun");
                f.set(F::RunVcpu, num(*vcpu));
                f.set(F::RunMem, num(*memory_mib));
                f.set(F::RunConcurrency, concurrency.to_string());
            }
        }
        f.set(F::Rps, num(s.traffic.requests_per_second));
        f.set(F::Util, num(s.target_utilization * 100.0));
        f.set(F::Redundancy, s.redundancy.to_string());
        f.set(F::DeployName, s.deploy.name.clone());
        f.set(F::Image, s.deploy.image.clone());
        f.set(F::Module, s.deploy.module.clone());
        f.set(F::Port, s.deploy.port.to_string());
        f
    }
}

/// What one unit typed into `f` is worth in the engine's unit for that field (a percentage is
/// 0.01 of a fraction, a millisecond 0.001 of a second, a GiB 1024 MiB).
pub fn engine_factor(form: &Form, f: F) -> f64 {
    match f {
        F::Util | F::Headroom | F::Shared => 0.01,
        F::CpuMs | F::LatencyMs => 0.001,
        _ => {
            let unit = f.unit().map(|u| unit_factor(form.get(u))).unwrap_or(1.0);
            if matches!(f, F::DsCpu | F::KubeCpu | F::SysCpu) {
                unit * 1000.0
            } else {
                unit
            }
        }
    }
}

/// The engine's reason with its bounds converted to what the input holds ("between 5 and
/// 100" for a percentage, not "between 0.05 and 1").
pub fn in_input_units(form: &Form, f: Option<F>, detail: ErrorDetail) -> ErrorDetail {
    let Some(f) = f else { return detail };
    let k = engine_factor(form, f);
    match detail {
        ErrorDetail::OutOfRange { min, max, got } => ErrorDetail::OutOfRange {
            min: min / k,
            max: max / k,
            got: got / k,
        },
        other => other,
    }
}

/// Which input an engine error path belongs to, given the form it came from.
pub fn field_for_path(form: &Form, path: &str) -> Option<F> {
    let legacy = form.is(F::WorkersMode, "legacy");
    Some(match path {
        "app.process_mib" => F::ProcessMem,
        "app.model_mib" => F::ModelMem,
        "app.manager_mib" => F::ManagerMem,
        "app.omp_num_threads" => F::Omp,
        "app.cpu_seconds_per_request" => F::CpuMs,
        "app.latency_seconds" => F::LatencyMs,
        "server.gunicorn.shared_fraction" => F::Shared,
        "workers.fixed" | "workers" => F::Workers,
        "workers.server_default.web_concurrency" | "workers.legacy_image.web_concurrency" => {
            F::WebConcurrency
        }
        "workers.gunicorn_rule.cores" | "workers.legacy_image.cores" => {
            if form.get(F::CpuLimit).trim().is_empty() {
                F::CpuLimit
            } else {
                F::CoresSource
            }
        }
        "workers.legacy_image.workers_per_core" => F::WorkersPerCore,
        "workers.legacy_image.max_workers" => F::MaxWorkers,
        "container.memory_limit_mib" => F::MemLimit,
        "container.cpu_limit_cores" => F::CpuLimit,
        "container.cpu_request_cores" => F::CpuRequest,
        "container.memory_headroom" => F::Headroom,
        "target.kubernetes.reservation.custom.kube_reserved_cpu_millicores" => F::KubeCpu,
        "target.kubernetes.reservation.custom.kube_reserved_memory_mib" => F::KubeMem,
        "target.kubernetes.reservation.custom.system_reserved_cpu_millicores" => F::SysCpu,
        "target.kubernetes.reservation.custom.system_reserved_memory_mib" => F::SysMem,
        "target.kubernetes.reservation.custom.eviction_memory_mib" => F::Eviction,
        "target.machine.cores" => F::MachineCores,
        "target.machine.memory_mib" => F::MachineMem,
        "target.machine.reserved_mib" => F::MachineReserved,
        "target.kubernetes.node" | "target.kubernetes.node.instance_type" => F::NodeType,
        "target.kubernetes.node.cores" => F::NodeCores,
        "target.kubernetes.node.memory_mib" => F::NodeMem,
        "target.kubernetes.node.max_pods" => F::MaxPods,
        "target.kubernetes.daemonsets.cpu_millicores" => F::DsCpu,
        "target.kubernetes.daemonsets.memory_mib" => F::DsMem,
        "target.kubernetes.daemonsets.pods" => F::DsPods,
        "target.kubernetes.node_count" => F::NodeCount,
        "target.kubernetes.aks_network" => F::AksNetwork,
        "target.fargate_ecs.vcpu" => F::FargateVcpu,
        "target.fargate_ecs.memory_gb" => F::FargateGb,
        "target.cloud_run.vcpu" => F::RunVcpu,
        "target.cloud_run.memory_mib" => F::RunMem,
        "target.cloud_run.concurrency" => F::RunConcurrency,
        "traffic.requests_per_second" => F::Rps,
        "target_utilization" => F::Util,
        "redundancy" => F::Redundancy,
        "deploy.name" => F::DeployName,
        "deploy.image" => F::Image,
        "deploy.module" => F::Module,
        "deploy.port" => F::Port,
        _ if legacy && path.starts_with("workers") => F::WorkersPerCore,
        _ => return None,
    })
}

/// Reads numbers out of the form, collecting every field that does not parse.
struct Reader<'a> {
    form: &'a Form,
    errors: Vec<FieldError>,
}

impl Reader<'_> {
    fn fail(&mut self, f: F, problem: Problem) {
        self.errors.push(FieldError {
            field: Some(f),
            problem,
        });
    }

    fn num(&mut self, f: F) -> f64 {
        match parse_number(self.form.get(f)) {
            Some(v) => v,
            None => {
                self.fail(f, Problem::NotNumber);
                0.0
            }
        }
    }

    fn scaled(&mut self, f: F) -> f64 {
        let factor = f
            .unit()
            .map(|u| unit_factor(self.form.get(u)))
            .unwrap_or(1.0);
        self.num(f) * factor
    }

    fn opt_scaled(&mut self, f: F) -> Option<f64> {
        (!self.form.get(f).trim().is_empty()).then(|| self.scaled(f))
    }

    fn int(&mut self, f: F) -> u32 {
        match parse_number(self.form.get(f)) {
            Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => v as u32,
            Some(_) => {
                self.fail(f, Problem::NotWhole);
                0
            }
            None => {
                self.fail(f, Problem::NotNumber);
                0
            }
        }
    }

    fn port(&mut self, f: F) -> u16 {
        let n = self.int(f);
        match u16::try_from(n) {
            Ok(port) => port,
            Err(_) => {
                self.fail(f, Problem::Engine(ErrorDetail::PortZero));
                0
            }
        }
    }

    fn opt_int(&mut self, f: F) -> Option<u32> {
        (!self.form.get(f).trim().is_empty()).then(|| self.int(f))
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                let hi = hex(*bytes.get(i + 1)?)?;
                let lo = hex(*bytes.get(i + 2)?)?;
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Parses a decimal number as people type it: `12`, `-3.5`, `.5`, `1e3`, with spaces around.
/// Written out (rather than `str::parse`) to keep float parsing tables out of the wasm; exact
/// for up to 15 significant digits.
pub fn parse_number(text: &str) -> Option<f64> {
    let s = text.trim().as_bytes();
    let (negative, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut exp: i32 = 0;
    let mut digits = 0;
    let mut i = 0;
    let mut seen_dot = false;
    while i < s.len() {
        match s[i] {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(s[i] - b'0');
                    if seen_dot {
                        exp -= 1;
                    }
                } else if !seen_dot {
                    exp += 1;
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if i < s.len() {
        if s[i] != b'e' && s[i] != b'E' {
            return None;
        }
        i += 1;
        let (eneg, rest) = match s.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        let digits = &s[rest..];
        if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e: i32 = digits
            .iter()
            .fold(0, |acc, d| acc * 10 + i32::from(d - b'0'));
        exp += if eneg { -e } else { e };
    }
    let mut value = mantissa as f64;
    if exp.abs() > 300 {
        return None;
    }
    let mut pow = 1.0_f64;
    for _ in 0..exp.unsigned_abs() {
        pow *= 10.0;
    }
    value = if exp < 0 { value / pow } else { value * pow };
    if !value.is_finite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// A number for an input: at most `decimals` decimals, no grouping, trailing zeros dropped.
pub fn plain(value: f64, decimals: u32) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let scale = 10u64.pow(decimals);
    let n = (value.abs() * scale as f64).round();
    if n >= 9.0e18 {
        return "0".into();
    }
    let n = n as u64;
    let mut out = String::new();
    if value < 0.0 && n > 0 {
        out.push('-');
    }
    out.push_str(&(n / scale).to_string());
    let frac = n % scale;
    if frac > 0 {
        let digits = frac.to_string();
        out.push('.');
        for _ in digits.len()..decimals as usize {
            out.push('0');
        }
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

/// A number for reading: thousands grouped, at most `decimals` decimals.
pub fn grouped(value: f64, decimals: u32) -> String {
    let text = plain(value, decimals);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_scenario_survives_the_form() {
        let mut all: Vec<Scenario> = shipshape_capacity::examples::tour();
        all.extend(
            shipshape_capacity::examples::NAMES
                .iter()
                .filter_map(|n| shipshape_capacity::examples::named(n)),
        );
        all.extend(
            shipshape_exercises::catalogue::all()
                .iter()
                .filter_map(|e| e.capacity.as_ref())
                .flat_map(|t| [&t.start, &t.solution])
                .map(|json| shipshape_capacity::parse_scenario(json).unwrap()),
        );
        for mut s in all {
            s.name = String::new();
            let back = Form::from_scenario(&s)
                .to_scenario()
                .unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
            assert_eq!(back, s);
        }
    }

    use super::*;

    #[test]
    fn numbers_parse_as_typed() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number(" -3.5 "), Some(-3.5));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("0.1"), Some(0.1));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number("2.5E-2"), Some(0.025));
        assert_eq!(parse_number("1."), Some(1.0));
        for bad in [
            "", "-", ".", "abc", "1,5", "1e", "1e99999", "NaN", "inf", "1..2", "1e400",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_format_for_inputs_and_reading() {
        assert_eq!(plain(1.0, 3), "1");
        assert_eq!(plain(1.5, 3), "1.5");
        assert_eq!(plain(0.0625, 3), "0.063");
        assert_eq!(plain(-2.25, 2), "-2.25");
        assert_eq!(grouped(13621.6, 0), "13,622");
        assert_eq!(grouped(-1234567.891, 1), "-1,234,567.9");
        assert_eq!(grouped(999.0, 0), "999");
    }

    #[test]
    fn the_default_is_the_guides_scenario() {
        let s = Form::default().to_scenario().unwrap();
        let mut guide = shipshape_capacity::examples::model_does_not_fit();
        guide.name.clear();
        assert_eq!(s, guide);
    }

    #[test]
    fn links_round_trip() {
        assert_eq!(Form::default().encode(), "");
        assert_eq!(Form::decode(""), Ok(None));
        let mut form = Form::default();
        form.set(F::Workers, "2");
        form.set(F::Target, "k8s");
        form.set(F::NodeType, "m5.large");
        form.set(F::MemLimit, "1.5");
        form.set(F::MemLimitUnit, "gib");
        form.set(F::Omp, "-1 x"); // not a number: kept as typed
        let query = form.encode();
        assert_eq!(
            query,
            "v=1&omp=-1%20x&wk=2&ml=1.5&mlu=gib&t=k8s&nt=m5.large"
        );
        assert_eq!(Form::decode(&query), Ok(Some(form.clone())));
        assert_eq!(Form::decode(&format!("?{query}")), Ok(Some(form)));
    }

    #[test]
    fn malformed_links_are_refused() {
        for bad in [
            "wk=2",
            "v=2&wk=2",
            "v=1&zz=1",
            "v=1&wk",
            "v=1&wk=2&wk=3",
            "v=1&t=moon",
            "v=1&wk=%ZZ",
            "v=1&wk=%FF",
            "v=1&wk=123456789012345678901234567890123",
            "v=1&wk=%0A",
        ] {
            assert_eq!(Form::decode(bad), Err(DecodeError::Malformed), "{bad}");
        }
        let long = format!("v=1{}", "&wk=1".repeat(400));
        assert_eq!(Form::decode(&long), Err(DecodeError::TooLong));
    }

    #[test]
    fn text_that_is_not_a_number_names_its_field() {
        let mut form = Form::default();
        form.set(F::ModelMem, "lots");
        form.set(F::Workers, "2.5");
        form.set(F::NodeCores, "x"); // not used by a machine target: no error
        let errors = form.to_scenario().unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError {
                    field: Some(F::ModelMem),
                    problem: Problem::NotNumber
                },
                FieldError {
                    field: Some(F::Workers),
                    problem: Problem::NotWhole
                },
            ]
        );
    }

    #[test]
    fn engine_errors_land_on_their_inputs() {
        let mut form = Form::default();
        form.set(F::ProcessMem, "-100");
        let scenario = form.to_scenario().unwrap();
        let err = shipshape_capacity::evaluate(&scenario).unwrap_err();
        assert_eq!(field_for_path(&form, &err.field), Some(F::ProcessMem));
        assert_eq!(field_for_path(&form, "$"), None);
    }

    #[test]
    fn units_convert_and_scale() {
        let mut form = Form::default();
        form.change_unit(F::ModelMem, "mib");
        assert_eq!(form.get(F::ModelMem), "1024");
        assert_eq!(form.get(F::ModelUnit), "mib");
        form.set(F::Target, "k8s");
        form.set(F::DsCpu, "0.25");
        form.set(F::DsCpuUnit, "cores");
        let s = form.to_scenario().unwrap();
        match s.target {
            Target::Kubernetes(k) => assert_eq!(k.daemonsets.cpu_millicores, 250.0),
            _ => panic!("kubernetes"),
        }
        form.set_mib(F::MachineMem, 6144.0);
        assert_eq!(
            (form.get(F::MachineMem), form.get(F::MachineMemUnit)),
            ("6", "gib")
        );
        form.set_mib(F::MachineMem, 2500.0);
        assert_eq!(
            (form.get(F::MachineMem), form.get(F::MachineMemUnit)),
            ("2500", "mib")
        );
    }

    #[test]
    fn headroom_custom_reservations_and_eks_fargate_reach_the_engine() {
        let mut form = Form::default();
        form.set(F::Headroom, "25");
        form.set(F::Target, "k8s");
        form.set(F::NodeType, "custom");
        form.set(F::Reservation, "custom");
        form.set(F::KubeMem, "2");
        form.set(F::Eviction, "0.5");
        form.set(F::EvictionUnit, "gib");
        let s = form.to_scenario().unwrap();
        assert_eq!(s.container.memory_headroom, 0.25);
        match &s.target {
            Target::Kubernetes(k) => assert_eq!(
                k.reservation,
                ReservationModel::Custom {
                    kube_reserved_cpu_millicores: 100.0,
                    kube_reserved_memory_mib: 2048.0,
                    system_reserved_cpu_millicores: 100.0,
                    system_reserved_memory_mib: 512.0,
                    eviction_memory_mib: 512.0,
                }
            ),
            other => panic!("{other:?}"),
        }
        let r = shipshape_capacity::evaluate(&s).unwrap();
        assert_eq!(
            r.node.allocatable_memory_mib,
            16384.0 - 2048.0 - 512.0 - 512.0
        );
        form.set(F::Headroom, "150");
        let e = shipshape_capacity::evaluate(&form.to_scenario().unwrap()).unwrap_err();
        assert_eq!(field_for_path(&form, &e.field), Some(F::Headroom));
        form.set(F::Headroom, "10");
        form.set(F::KubeMem, "-1");
        let e = shipshape_capacity::evaluate(&form.to_scenario().unwrap()).unwrap_err();
        assert_eq!(field_for_path(&form, &e.field), Some(F::KubeMem));
        form.set(F::Target, "fargate_eks");
        assert_eq!(form.to_scenario().unwrap().target, Target::FargateEks {});
    }

    #[test]
    fn names_for_the_configs_reach_the_engine_and_links() {
        let mut form = Form::default();
        form.set(F::Image, "ghcr.io/acme/shop:2.3");
        form.set(F::Module, "shop.api:app");
        form.set(F::Port, "8080");
        let s = form.to_scenario().unwrap();
        assert_eq!(s.deploy.image, "ghcr.io/acme/shop:2.3");
        let r = shipshape_capacity::evaluate(&s).unwrap();
        assert!(r.configs.docker_run.contains("ghcr.io/acme/shop:2.3"));
        assert!(r.configs.uvicorn_command.contains("shop.api:app"));
        let query = form.encode();
        assert!(query.contains("img=ghcr.io%2Facme%2Fshop%3A2.3"), "{query}");
        assert_eq!(Form::decode(&query), Ok(Some(form.clone())));
        form.set(F::Module, "shop");
        let e = shipshape_capacity::evaluate(&form.to_scenario().unwrap()).unwrap_err();
        assert_eq!(field_for_path(&form, &e.field), Some(F::Module));
        form.set(F::Module, "shop:app");
        form.set(F::Port, "70000");
        assert_eq!(
            form.to_scenario().unwrap_err(),
            vec![FieldError {
                field: Some(F::Port),
                problem: Problem::Engine(ErrorDetail::PortZero)
            }]
        );
    }

    #[test]
    fn worker_classes_and_aks_networks_reach_the_engine() {
        let mut form = Form::default();
        form.set(F::Server, "gunicorn");
        for (value, class) in [
            ("uvicorn", WorkerClass::UvicornWorker),
            ("asgi", WorkerClass::Asgi),
            ("sync", WorkerClass::Sync),
        ] {
            form.set(F::WorkerClass, value);
            match form.to_scenario().unwrap().server {
                WorkerModel::Gunicorn(g) => assert_eq!(g.worker_class, class),
                other => panic!("{other:?}"),
            }
        }
        // A link saved before the asgi option (wc=uvicorn) still opens, as uvicorn-worker.
        let old = Form::decode("v=1&srv=gunicorn&wc=uvicorn")
            .unwrap()
            .unwrap();
        let r = shipshape_capacity::evaluate(&old.to_scenario().unwrap()).unwrap();
        assert!(r
            .configs
            .gunicorn_conf_py
            .contains("worker_class = \"uvicorn_worker.UvicornWorker\""));

        form.set(F::Target, "k8s");
        form.set(F::NodeType, "Standard_D4s_v5");
        form.set(F::AksNetwork, "kubenet");
        let network = |form: &Form| match form.to_scenario().unwrap().target {
            Target::Kubernetes(k) => k.aks_network,
            other => panic!("{other:?}"),
        };
        // Not an AKS reservation: the plugin is not passed on (and stays in the form).
        assert_eq!(network(&form), AksNetwork::AzureCniOverlay);
        form.set(F::Reservation, "aks");
        assert_eq!(network(&form), AksNetwork::Kubenet);
        let r = shipshape_capacity::evaluate(&form.to_scenario().unwrap()).unwrap();
        assert_eq!(r.node.max_pods, 110);
        form.set(F::AksNetwork, "overlay");
        let r = shipshape_capacity::evaluate(&form.to_scenario().unwrap()).unwrap();
        assert_eq!(r.node.max_pods, 250);
        assert_eq!(r.node.reserved_memory_mib, 4096.0);
        assert_eq!(
            field_for_path(&form, "target.kubernetes.aks_network"),
            Some(F::AksNetwork)
        );
    }

    #[test]
    fn every_choice_default_is_an_option() {
        for f in F::ALL {
            if let Kind::Choice(options) = f.kind() {
                assert!(options.contains(&f.default_text()), "{f:?}");
            }
            assert!(f.key().bytes().all(|b| b.is_ascii_lowercase()), "{f:?}");
        }
        for name in shipshape_capacity::node_catalog::names() {
            assert!(NODE_TYPES.contains(&name), "{name} missing from the picker");
        }
    }
}
