//! Generated configs carry the computed numbers and are structurally valid.

mod common;

use common::*;
use serde_yaml::Value;
use shipshape_capacity::*;

/// Parses YAML and checks the indentation is in steps of two spaces.
fn parse_yaml(text: &str) -> Value {
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 2, 0, "odd indentation: {line:?}");
        assert!(!line.contains('\t'), "tab in {line:?}");
    }
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("invalid YAML: {e}\n{text}"))
}

fn kubernetes_result() -> (Scenario, CapacityResult) {
    let mut s = examples::eks_m5_large();
    s.container.cpu_limit_cores = Some(2.0);
    s.app.framework = Framework::Pytorch;
    if let Target::Kubernetes(k) = &mut s.target {
        k.hpa = true;
    }
    let r = evaluate(&s).unwrap();
    (s, r)
}

#[test]
fn kubernetes_deployment_and_hpa_carry_the_numbers() {
    let (_, r) = kubernetes_result();
    // 30 + 2 x 200 = 430 MiB -> x 1.1 = 473 -> 512 MiB limit; CPU limit 2 cores = request.
    assert_eq!(r.memory.limit_mib, 512.0);
    let deployment = parse_yaml(&r.configs.kubernetes_deployment);
    assert_eq!(deployment["kind"], Value::from("Deployment"));
    assert_eq!(
        deployment["spec"]["replicas"].as_u64(),
        Some(r.containers_needed)
    );
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    let resources = &container["resources"];
    assert_eq!(resources["requests"]["memory"], Value::from("512Mi"));
    assert_eq!(resources["limits"]["memory"], Value::from("512Mi"));
    assert_eq!(resources["requests"]["cpu"], Value::from("2000m"));
    assert_eq!(resources["limits"]["cpu"], Value::from("2000m"));
    assert_eq!(r.qos_class, QosClass::Guaranteed);
    let env = container["env"].as_sequence().unwrap();
    let var = |name: &str| {
        env.iter()
            .find(|e| e["name"].as_str() == Some(name))
            .map(|e| e["value"].clone())
    };
    assert_eq!(var("WEB_CONCURRENCY"), Some(Value::from("2")));
    // PyTorch threads: 2 CPUs / 2 workers = 1 thread each.
    assert_eq!(var("OMP_NUM_THREADS"), Some(Value::from("1")));
    // Selector and template labels agree, or the Deployment is rejected.
    assert_eq!(
        deployment["spec"]["selector"]["matchLabels"],
        deployment["spec"]["template"]["metadata"]["labels"]
    );

    let hpa = parse_yaml(r.configs.kubernetes_hpa.as_deref().unwrap());
    assert_eq!(
        hpa["spec"]["minReplicas"].as_u64(),
        Some(r.containers_needed)
    );
    assert_eq!(
        hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"].as_u64(),
        Some(60)
    );
}

#[test]
fn no_hpa_unless_asked() {
    let r = evaluate(&examples::eks_m5_large()).unwrap();
    assert!(r.configs.kubernetes_hpa.is_none());
    // No CPU limit given: the limits block holds memory only.
    let deployment = parse_yaml(&r.configs.kubernetes_deployment);
    let limits = &deployment["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"];
    assert!(limits.get("cpu").is_none());
}

#[test]
fn compose_service_carries_replicas_and_limits() {
    let (_, r) = kubernetes_result();
    let compose = parse_yaml(&r.configs.compose_service);
    let service = &compose["services"]["api"];
    assert_eq!(
        service["deploy"]["replicas"].as_u64(),
        Some(r.containers_needed)
    );
    assert_eq!(
        service["deploy"]["resources"]["limits"]["memory"],
        Value::from("512M")
    );
    assert_eq!(
        service["deploy"]["resources"]["limits"]["cpus"],
        Value::from("2")
    );
    assert_eq!(service["restart"], Value::from("unless-stopped"));
    // Several replicas: no fixed host port (it would collide) and no container_name.
    assert!(r.containers_needed > 1);
    assert_eq!(service["ports"][0], Value::from("8000"));
    assert!(service.get("container_name").is_none());

    let single = evaluate(&examples::model_does_not_fit()).unwrap();
    let compose = parse_yaml(&single.configs.compose_service);
    assert_eq!(
        compose["services"]["api"]["ports"][0],
        Value::from("8000:8000")
    );
}

#[test]
fn commands_carry_workers_memory_and_cpus() {
    let r = evaluate(&examples::model_does_not_fit()).unwrap();
    let c = &r.configs;
    assert_eq!(
        c.uvicorn_command,
        "uvicorn app.main:app --host 0.0.0.0 --port 8000 --workers 4"
    );
    assert_eq!(
        c.fastapi_run_command,
        "fastapi run app/main.py --port 8000 --workers 4"
    );
    // Limit 4,992 MiB, swap off, CPUs capped at the machine's 2.
    assert!(
        c.docker_run
            .contains("--memory 4992m --memory-swap 4992m --cpus 2"),
        "{}",
        c.docker_run
    );
    assert!(c.docker_run.contains("--restart unless-stopped"));
    assert!(c.docker_run.contains("-e WEB_CONCURRENCY=4"));
    assert!(c.docker_run.ends_with("registry.example.com/api:1.0"));
}

#[test]
fn gunicorn_conf_reflects_the_server_model() {
    let r = evaluate(&examples::gunicorn_preload()).unwrap();
    let conf = &r.configs.gunicorn_conf_py;
    assert!(conf.contains("workers = 5\n"), "{conf}");
    assert!(conf.contains("preload_app = True\n"));
    assert!(conf.contains("gc.freeze()"));
    assert!(conf.contains("worker_class = \"uvicorn.workers.UvicornWorker\"\n"));
    // numpy on a 2-CPU limit with 5 workers: floor(2 / 5) = 0 -> 1 thread each.
    assert!(conf.contains("raw_env = [\"OMP_NUM_THREADS=1\"]"));
    // Python indentation: the hook body is indented by four spaces, everything else by none.
    for line in conf.lines() {
        let indent = line.len() - line.trim_start().len();
        assert!(indent == 0 || indent == 4, "{line:?}");
    }
    assert_eq!(
        r.configs.gunicorn_command,
        "gunicorn app.main:app --config gunicorn_conf.py"
    );

    // The legacy image's timeouts: 120 s, keep-alive 5 s.
    let legacy = evaluate(&examples::legacy_image_80_cores()).unwrap();
    assert!(legacy
        .configs
        .gunicorn_conf_py
        .contains("timeout = 120\ngraceful_timeout = 120\nkeepalive = 5\n"));
    assert!(legacy.configs.gunicorn_conf_py.contains("workers = 80\n"));
}

#[test]
fn every_example_produces_parseable_yaml() {
    for name in examples::NAMES {
        let r = evaluate(&examples::named(name).unwrap()).unwrap();
        parse_yaml(&r.configs.compose_service);
        parse_yaml(&r.configs.kubernetes_deployment);
        if let Some(hpa) = &r.configs.kubernetes_hpa {
            parse_yaml(hpa);
        }
        assert_all_finite(&r);
    }
}
