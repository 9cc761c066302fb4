//! Properties that must hold for every scenario, not just the worked examples.

mod common;

use common::*;
use proptest::prelude::*;
use shipshape_capacity::*;

fn server() -> impl Strategy<Value = WorkerModel> {
    prop_oneof![
        Just(WorkerModel::Uvicorn),
        Just(WorkerModel::Gunicorn(GunicornOptions::default())),
        (0.0..0.6f64).prop_map(|f| WorkerModel::Gunicorn(GunicornOptions {
            preload: true,
            shared_fraction: f,
            worker_class: WorkerClass::UvicornWorker
        })),
        Just(WorkerModel::Gunicorn(GunicornOptions {
            worker_class: WorkerClass::Asgi,
            ..GunicornOptions::default()
        })),
        Just(WorkerModel::Gunicorn(GunicornOptions {
            worker_class: WorkerClass::Sync,
            ..GunicornOptions::default()
        })),
    ]
}

fn reservation() -> impl Strategy<Value = ReservationModel> {
    prop_oneof![
        Just(ReservationModel::None),
        Just(ReservationModel::KubeletDefaults),
        Just(ReservationModel::Gke),
        Just(ReservationModel::Aks),
        Just(ReservationModel::AksPre129),
    ]
}

/// Scenarios across servers, worker counts, machines and Kubernetes nodes.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        server(),
        1u32..12,
        (10.0..2000.0f64, 0.0..4096.0f64, 0.0..0.5f64, 0.01..2.0f64),
        prop_oneof![
            (1u32..64, 512u32..262_144).prop_map(|(c, m)| machine(f64::from(c), f64::from(m))),
            (1u32..64, 1024u32..262_144, reservation()).prop_map(|(c, m, r)| kubernetes(
                f64::from(c),
                f64::from(m),
                r
            )),
        ],
        0.0..5000.0f64,
        0.3..1.0f64,
        0u32..3,
    )
        .prop_map(
            |(server, workers, (process, model, cpu, latency), target, rps, u, k)| {
                let mut s = scenario(server, workers, target, rps);
                s.app.process_mib = process;
                s.app.model_mib = model;
                s.app.cpu_seconds_per_request = cpu.min(latency);
                s.app.latency_seconds = latency;
                s.target_utilization = u;
                s.redundancy = k;
                s
            },
        )
}

fn set_memory(s: &mut Scenario, memory: f64) {
    match &mut s.target {
        Target::Machine { memory_mib, .. } => *memory_mib = memory,
        Target::Kubernetes(k) => k.node.memory_mib = Some(memory),
        _ => unreachable!("strategy only makes machines and nodes"),
    }
}

fn memory_of(s: &Scenario) -> f64 {
    match &s.target {
        Target::Machine { memory_mib, .. } => *memory_mib,
        Target::Kubernetes(k) => k.node.memory_mib.unwrap_or(0.0),
        _ => 0.0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn more_ram_never_fits_fewer_workers(s in any_scenario(), extra in 0u32..65_536) {
        let mut bigger = s.clone();
        set_memory(&mut bigger, memory_of(&s) + f64::from(extra));
        let small = max_workers_that_fit(&s, 16).unwrap();
        let large = max_workers_that_fit(&bigger, 16).unwrap();
        prop_assert!(large >= small, "{} MiB fits {} workers, {} MiB only {}", memory_of(&s), small, memory_of(&bigger), large);
        if evaluate(&s).unwrap().fits {
            prop_assert!(evaluate(&bigger).unwrap().fits);
        }
    }

    #[test]
    fn more_rps_never_needs_fewer_nodes(s in any_scenario(), extra in 0.0..5000.0f64) {
        let mut busier = s.clone();
        busier.traffic.requests_per_second += extra;
        let before = evaluate(&s).unwrap();
        let after = evaluate(&busier).unwrap();
        prop_assert!(after.nodes_needed >= before.nodes_needed);
        prop_assert!(after.containers_needed >= before.containers_needed);
    }

    #[test]
    fn outputs_are_finite_and_consistent(s in any_scenario()) {
        let r = evaluate(&s).unwrap();
        assert_all_finite(&r);
        prop_assert!(r.containers_needed >= 1);
        prop_assert!(r.nodes_needed >= 1);
        prop_assert_eq!(r.containers_needed, r.containers_serving + u64::from(s.redundancy));
        prop_assert_eq!(r.fits, !r.warnings.iter().any(|w| w.severity == Severity::Error));
        // Every step cites a source.
        prop_assert!(r.trace.iter().all(|step| !step.source.is_empty()));
        if let Some(suggestion) = &r.suggestion {
            prop_assert!(!r.fits);
            if let Some(n) = suggestion.max_workers_that_fit {
                let mut fixed = s.clone();
                fixed.workers = WorkerCount::Fixed(n);
                prop_assert!(evaluate(&fixed).unwrap().fits, "suggested {} workers do not fit", n);
            }
            if let Some(m) = suggestion.target_memory_mib {
                let mut fixed = s.clone();
                set_memory(&mut fixed, m);
                prop_assert!(evaluate(&fixed).unwrap().fits, "suggested {} MiB does not fit", m);
            }
        }
    }

    #[test]
    fn random_json_never_panics(json in random_json()) {
        let _ = evaluate_json(&json.to_string());
    }

    #[test]
    fn mutated_examples_never_panic(
        name in proptest::sample::select(examples::NAMES.to_vec()),
        pointer_index in 0usize..64,
        value in random_leaf(),
    ) {
        // Replace one leaf of a valid scenario with a random value: errors are fine, panics and
        // non-finite results are not.
        let mut doc = serde_json::to_value(examples::named(name).unwrap()).unwrap();
        let pointers = leaf_pointers(&doc, "");
        let pointer = &pointers[pointer_index % pointers.len()];
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = value;
        }
        match evaluate_json(&doc.to_string()) {
            Ok(r) => assert_all_finite(&r),
            Err(e) => prop_assert!(!e.field.is_empty() && !e.reason.is_empty()),
        }
    }
}

fn random_leaf() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(serde_json::Value::Number)
            .unwrap_or_default()),
        (-1e6..1e6f64).prop_map(serde_json::Value::from),
        "[a-z_]{0,12}".prop_map(serde_json::Value::from),
    ]
}

fn random_json() -> impl Strategy<Value = serde_json::Value> {
    let key = prop_oneof![
        Just("app".to_string()),
        Just("server".to_string()),
        Just("workers".to_string()),
        Just("target".to_string()),
        Just("machine".to_string()),
        Just("kubernetes".to_string()),
        Just("process_mib".to_string()),
        "[a-z_]{1,10}",
    ];
    random_leaf().prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn leaf_pointers(v: &serde_json::Value, prefix: &str) -> Vec<String> {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .flat_map(|(k, item)| leaf_pointers(item, &format!("{prefix}/{k}")))
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| leaf_pointers(item, &format!("{prefix}/{i}")))
            .collect(),
        _ => vec![prefix.to_string()],
    }
}
