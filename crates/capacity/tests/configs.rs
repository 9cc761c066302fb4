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
    // uvicorn-worker's class, never Uvicorn's deprecated module, and the package named.
    assert!(conf.contains("worker_class = \"uvicorn_worker.UvicornWorker\"\n"));
    assert!(conf.contains("pip install uvicorn-worker"));
    assert_eq!(
        python_assignments(conf)
            .get("worker_class")
            .map(String::as_str),
        Some("\"uvicorn_worker.UvicornWorker\"")
    );
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

/// A simple check that `gunicorn_conf.py` is Python: top-level lines are comments, imports,
/// `name = literal` (a string, an integer, True or False, or a list of strings) or a `def`
/// header whose body is indented by four spaces. Returns the assignments.
fn python_assignments(conf: &str) -> std::collections::BTreeMap<String, String> {
    fn is_identifier(s: &str) -> bool {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    }
    fn is_string(s: &str) -> bool {
        s.len() >= 2
            && s.starts_with('"')
            && s.ends_with('"')
            && !s[1..s.len() - 1].contains(['"', '\\'])
    }
    fn is_literal(s: &str) -> bool {
        is_string(s)
            || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            || s == "True"
            || s == "False"
            || s.strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .is_some_and(|items| items.split(", ").all(is_string))
    }
    let mut out = std::collections::BTreeMap::new();
    let mut in_def = false;
    for line in conf.lines() {
        assert!(!line.contains('\t'), "tab in {line:?}");
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if indent == 4 && in_def {
            continue;
        }
        assert_eq!(indent, 0, "unexpected indentation: {line:?}");
        in_def = false;
        if let Some(module) = body.strip_prefix("import ") {
            assert!(is_identifier(module), "{line:?}");
        } else if let Some(header) = body.strip_prefix("def ") {
            assert!(header.ends_with("):") && header.contains('('), "{line:?}");
            in_def = true;
        } else {
            let (name, value) = body
                .split_once(" = ")
                .unwrap_or_else(|| panic!("not Python: {line:?}"));
            assert!(is_identifier(name), "{line:?}");
            assert!(is_literal(value), "not a literal: {line:?}");
            out.insert(name.to_string(), value.to_string());
        }
    }
    out
}

/// Where Python is installed, it parses the file too (and every assignment is a literal).
fn python_parses(conf: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = "import ast, sys\n\
                  tree = ast.parse(sys.stdin.read())\n\
                  for node in tree.body:\n    \
                  if isinstance(node, ast.Assign):\n        \
                  ast.literal_eval(node.value)\n";
    let Ok(mut child) = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(conf.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python3 refuses it: {}\n{conf}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn each_worker_class_emits_a_current_class() {
    let mut s = examples::gunicorn_preload();
    for (class, expected) in [
        (
            WorkerClass::UvicornWorker,
            "\"uvicorn_worker.UvicornWorker\"",
        ),
        (WorkerClass::Asgi, "\"asgi\""),
        (WorkerClass::Sync, "\"sync\""),
    ] {
        if let WorkerModel::Gunicorn(g) = &mut s.server {
            g.worker_class = class;
        }
        let conf = evaluate(&s).unwrap().configs.gunicorn_conf_py;
        let vars = python_assignments(&conf);
        assert_eq!(vars["worker_class"], expected, "{conf}");
        // The deprecated module is only ever named in a comment.
        assert!(
            conf.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .all(|l| !l.contains("uvicorn.workers")),
            "{conf}"
        );
        python_parses(&conf);
    }
    // Gunicorn's ASGI worker is stable from 25.1: the config says so.
    let r = evaluate(&examples::aks_overlay_d4s_v5()).unwrap();
    assert!(r
        .configs
        .gunicorn_conf_py
        .contains("Gunicorn 25.1 or later"));
}

#[test]
fn the_old_worker_class_name_still_loads() {
    // Scenario files and exercises written before uvicorn-worker say "uvicorn".
    let mut json = serde_json::to_value(examples::gunicorn_preload()).unwrap();
    json["server"]["gunicorn"]["worker_class"] = serde_json::json!("uvicorn");
    let s = parse_scenario(&json.to_string()).unwrap();
    assert_eq!(s, examples::gunicorn_preload());
    // It is written back under its current name.
    let back = serde_json::to_value(&s).unwrap();
    assert_eq!(
        back["server"]["gunicorn"]["worker_class"],
        serde_json::json!("uvicorn_worker")
    );
    let r = evaluate(&s).unwrap();
    assert!(r
        .configs
        .gunicorn_conf_py
        .contains("worker_class = \"uvicorn_worker.UvicornWorker\""));
}

#[test]
fn the_uvicorn_command_has_only_flags_uvicorn_0_51_has() {
    for name in examples::NAMES {
        let r = evaluate(&examples::named(name).unwrap()).unwrap();
        let words: Vec<&str> = r.configs.uvicorn_command.split(' ').collect();
        assert_eq!(words[..2], ["uvicorn", "app.main:app"]);
        for flag in words.iter().filter(|w| w.starts_with("--")) {
            assert!(
                ["--host", "--port", "--workers"].contains(flag),
                "{name}: {flag}"
            );
        }
    }
}

#[test]
fn every_example_produces_parseable_yaml_and_python() {
    for name in examples::NAMES {
        let r = evaluate(&examples::named(name).unwrap()).unwrap();
        parse_yaml(&r.configs.compose_service);
        parse_yaml(&r.configs.kubernetes_deployment);
        if let Some(hpa) = &r.configs.kubernetes_hpa {
            parse_yaml(hpa);
        }
        python_assignments(&r.configs.gunicorn_conf_py);
        python_parses(&r.configs.gunicorn_conf_py);
        assert_all_finite(&r);
    }
}
