//! Bad input gives an error that names the field; it never panics.

mod common;

use common::*;
use shipshape_capacity::*;

fn field_of(s: &Scenario) -> String {
    evaluate(s).expect_err("should be rejected").field
}

fn json_field(json: &str) -> ScenarioError {
    evaluate_json(json).expect_err("should be rejected")
}

#[test]
fn numbers_out_of_range_name_their_field() {
    let base = scenario(WorkerModel::Uvicorn, 2, machine(2.0, 4096.0), 10.0);

    let mut s = base.clone();
    s.app.process_mib = -1.0;
    assert_eq!(field_of(&s), "app.process_mib");

    let mut s = base.clone();
    s.target = machine(0.0, 4096.0);
    assert_eq!(field_of(&s), "target.machine.cores");

    let mut s = base.clone();
    s.app.model_mib = f64::NAN;
    let e = evaluate(&s).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.reason.as_str()),
        ("app.model_mib", "must be a finite number")
    );

    let mut s = base.clone();
    s.traffic.requests_per_second = f64::INFINITY;
    assert_eq!(field_of(&s), "traffic.requests_per_second");

    // A model size typed in bytes into a MiB field.
    let mut s = base.clone();
    s.app.model_mib = 1_073_741_824.0;
    assert_eq!(field_of(&s), "app.model_mib");

    let mut s = base.clone();
    s.target_utilization = 0.0;
    assert_eq!(field_of(&s), "target_utilization");

    let mut s = base.clone();
    s.workers = WorkerCount::Fixed(0);
    assert_eq!(field_of(&s), "workers.fixed");

    let mut s = base.clone();
    s.container.cpu_limit_cores = Some(1.0);
    s.container.cpu_request_cores = Some(2.0);
    assert_eq!(field_of(&s), "container.cpu_request_cores");

    let mut s = base.clone();
    s.server = WorkerModel::Gunicorn(GunicornOptions {
        preload: true,
        shared_fraction: 1.0,
        ..GunicornOptions::default()
    });
    assert_eq!(field_of(&s), "server.gunicorn.shared_fraction");
}

#[test]
fn combinations_that_cannot_exist_are_rejected() {
    // The container-limit formula without a limit.
    let mut s = scenario(
        WorkerModel::Gunicorn(GunicornOptions::default()),
        1,
        machine(4.0, 8192.0),
        1.0,
    );
    s.workers = WorkerCount::GunicornRule {
        cores: CoresSource::ContainerLimit,
    };
    assert_eq!(field_of(&s), "workers.gunicorn_rule.cores");
    // One process per container with four workers.
    let s = scenario(WorkerModel::SingleProcess, 4, machine(4.0, 8192.0), 1.0);
    assert_eq!(field_of(&s), "workers");
    // EKS reservation on a custom node needs max pods.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        kubernetes(2.0, 8192.0, ReservationModel::Eks),
        1.0,
    );
    assert_eq!(field_of(&s), "target.kubernetes.node.max_pods");
    // An AKS network plugin with another provider's reservation.
    let mut s = scenario(
        WorkerModel::SingleProcess,
        1,
        kubernetes(2.0, 8192.0, ReservationModel::Gke),
        1.0,
    );
    if let Target::Kubernetes(k) = &mut s.target {
        k.aks_network = AksNetwork::Kubenet;
    }
    let e = evaluate(&s).unwrap_err();
    assert_eq!(e.field, "target.kubernetes.aks_network");
    assert_eq!(e.detail, ErrorDetail::AksNetworkWithoutAks);
    if let Target::Kubernetes(k) = &mut s.target {
        k.reservation = ReservationModel::AksPre129;
    }
    assert!(evaluate(&s).is_ok());
    // Fargate: 1 vCPU offers 2-8 GB; 1 GB is not a size.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        Target::FargateEcs {
            vcpu: 1.0,
            memory_gb: 1.0,
        },
        1.0,
    );
    let e = evaluate(&s).unwrap_err();
    assert_eq!(e.field, "target.fargate_ecs.memory_gb");
    assert!(e.reason.contains("2, 3, 4, 5, 6, 7, 8"), "{}", e.reason);
    // Cloud Run: 6 GiB needs 2 vCPU.
    let s = scenario(
        WorkerModel::SingleProcess,
        1,
        Target::CloudRun {
            vcpu: 1.0,
            memory_mib: 6144.0,
            concurrency: 80,
        },
        1.0,
    );
    assert_eq!(field_of(&s), "target.cloud_run.vcpu");
    // Names that would need quoting in YAML or shell.
    let mut s = scenario(WorkerModel::SingleProcess, 1, machine(1.0, 1024.0), 1.0);
    s.deploy.image = "api; rm -rf /".to_string();
    assert_eq!(field_of(&s), "deploy.image");
}

#[test]
fn unknown_provider_or_node_type_from_json() {
    let mut doc = serde_json::to_value(examples::kubernetes_gke()).unwrap();
    doc["target"]["kubernetes"]["reservation"] = serde_json::json!("digitalocean");
    let e = json_field(&doc.to_string());
    assert_eq!(e.field, "target.kubernetes.reservation");
    assert!(e.reason.contains("unknown variant"), "{}", e.reason);

    let mut doc = serde_json::to_value(examples::kubernetes_gke()).unwrap();
    doc["target"]["kubernetes"]["node"]["instance_type"] = serde_json::json!("n9-huge");
    let e = json_field(&doc.to_string());
    assert_eq!(e.field, "target.kubernetes.node.instance_type");
    assert!(
        e.reason.contains("e2-standard-4"),
        "lists the known types: {}",
        e.reason
    );

    let mut doc = serde_json::to_value(examples::kubernetes_gke()).unwrap();
    doc["target"] = serde_json::json!({"mainframe": {}});
    assert_eq!(json_field(&doc.to_string()).field, "target");
}

#[test]
fn json_type_errors_and_typos_name_the_path() {
    let mut doc = serde_json::to_value(examples::model_does_not_fit()).unwrap();
    doc["app"]["model_mib"] = serde_json::json!("1 GB");
    assert_eq!(json_field(&doc.to_string()).field, "app.model_mib");

    let mut doc = serde_json::to_value(examples::model_does_not_fit()).unwrap();
    doc["app"]["modle_mib"] = serde_json::json!(5);
    let e = json_field(&doc.to_string());
    assert!(e.field.starts_with("app"), "{e}");
    assert!(e.reason.contains("modle_mib"), "{e}");

    let mut doc = serde_json::to_value(examples::model_does_not_fit()).unwrap();
    doc["workers"]["fixed"] = serde_json::json!(-4);
    assert_eq!(json_field(&doc.to_string()).field, "workers.fixed");

    // Numbers JSON cannot hold finitely, and documents that are not scenarios.
    assert_eq!(
        json_field("{\"app\": {\"process_mib\": 1e999}}").field,
        "app.process_mib"
    );
    assert_eq!(json_field("[]").field, "$");
    assert_eq!(json_field("").field, "$");
    assert_eq!(json_field("{} trailing").field, "$");
}

#[test]
fn minimal_scenario_uses_documented_defaults() {
    let r = evaluate_json(
        r#"{"app": {"process_mib": 200, "latency_seconds": 0.1},
            "server": "uvicorn", "workers": {"fixed": 2},
            "target": {"machine": {"cores": 2, "memory_mib": 2048}}}"#,
    )
    .unwrap();
    // 30 MiB supervisor (default) + 2 x 200 = 430 MiB.
    assert_eq!(r.memory.per_container_mib, 430.0);
    assert!(r.fits);
    assert!(r.trace.iter().any(|s| s.text.contains("0.6 target")));
}
