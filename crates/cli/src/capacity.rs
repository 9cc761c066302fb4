//! `shipshape capacity`: runs the capacity calculator (crates/capacity) on a JSON scenario.
//!
//! ```text
//! shipshape capacity [--format text|json] SCENARIO.json   (or - for standard input)
//! shipshape capacity --example [NAME|list]
//! ```
//! Exit codes: 0 the scenario fits, 1 it does not fit, 2 bad usage or bad input (one line on
//! standard error naming the field).

use std::io::Read;

use shipshape_capacity::{examples, CapacityResult, Severity};

const USAGE: &str = "usage: shipshape capacity [--format text|json] SCENARIO.json|-  or  shipshape capacity --example [NAME|list]";

/// What to print and where, and the exit code: the testable core of `run`.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    fn ok(stdout: String, code: i32) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code,
        }
    }
    fn fail(line: String) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: format!("{line}\n"),
            code: 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    Help,
    Example(Option<String>),
    Evaluate { format: OutputFormat, input: String },
}

/// Runs `shipshape capacity ARGS...` and returns the process exit code.
pub fn run(args: &[String]) -> i32 {
    let outcome = match parse_args(args) {
        Ok(Request::Evaluate { format, input }) => match read_input(&input) {
            Ok(text) => evaluate_text(&text, format),
            Err(e) => Outcome::fail(format!("shipshape capacity: {input}: {e}")),
        },
        Ok(request) => respond(&request),
        Err(e) => Outcome::fail(format!("shipshape capacity: {e}")),
    };
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    outcome.code
}

fn read_input(input: &str) -> std::io::Result<String> {
    if input == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(input)
    }
}

/// Parses the arguments after `capacity`.
pub fn parse_args(args: &[String]) -> Result<Request, String> {
    let mut format = OutputFormat::Text;
    let mut input: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        match arg {
            "-h" | "--help" => return Ok(Request::Help),
            "--example" => {
                let name = args.get(i + 1).filter(|a| !a.starts_with("--")).cloned();
                let consumed = if name.is_some() { 2 } else { 1 };
                if args.len() > i + consumed {
                    return Err(format!("--example takes at most one name\n{USAGE}"));
                }
                return Ok(Request::Example(name));
            }
            "--format" => {
                let value = args
                    .get(i + 1)
                    .ok_or_else(|| format!("--format needs text or json\n{USAGE}"))?;
                format = parse_format(value)?;
                i += 2;
                continue;
            }
            _ if arg.starts_with("--format=") => {
                format = parse_format(&arg["--format=".len()..])?;
            }
            "-" => input = set_once(input, arg)?,
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}\n{USAGE}")),
            _ => input = set_once(input, arg)?,
        }
        i += 1;
    }
    match input {
        Some(input) => Ok(Request::Evaluate { format, input }),
        None => Err(format!(
            "missing SCENARIO.json (or - for standard input)\n{USAGE}"
        )),
    }
}

fn set_once(current: Option<String>, arg: &str) -> Result<Option<String>, String> {
    match current {
        Some(first) => Err(format!("one scenario at a time, got {first} and {arg}")),
        None => Ok(Some(arg.to_string())),
    }
}

fn parse_format(value: &str) -> Result<OutputFormat, String> {
    match value {
        "text" => Ok(OutputFormat::Text),
        "json" => Ok(OutputFormat::Json),
        other => Err(format!("--format must be text or json, got {other}")),
    }
}

/// Answers the requests that need no input file.
pub fn respond(request: &Request) -> Outcome {
    match request {
        Request::Help => Outcome::ok(
            format!("{USAGE}\nexamples: {}\n", examples::NAMES.join(", ")),
            0,
        ),
        Request::Example(None) => example(examples::NAMES[0]),
        Request::Example(Some(name)) if name == "list" => {
            Outcome::ok(format!("{}\n", examples::NAMES.join("\n")), 0)
        }
        Request::Example(Some(name)) => example(name),
        Request::Evaluate { .. } => {
            Outcome::fail("shipshape capacity: nothing to read".to_string())
        }
    }
}

fn example(name: &str) -> Outcome {
    match examples::named(name) {
        Some(scenario) => match serde_json::to_string_pretty(&scenario) {
            Ok(json) => Outcome::ok(format!("{json}\n"), 0),
            Err(e) => Outcome::fail(format!("shipshape capacity: {e}")),
        },
        None => Outcome::fail(format!(
            "shipshape capacity: unknown example {name}; known: {}",
            examples::NAMES.join(", ")
        )),
    }
}

/// Evaluates scenario text: exit 0 if it fits, 1 if not, 2 with one line naming the field if the
/// input is bad.
pub fn evaluate_text(text: &str, format: OutputFormat) -> Outcome {
    let result = match shipshape_capacity::evaluate_json(text) {
        Ok(result) => result,
        // Newlines inside serde's message would break the one-line promise.
        Err(e) => {
            return Outcome::fail(format!(
                "shipshape capacity: {}",
                e.to_string().replace('\n', " ")
            ))
        }
    };
    let code = if result.fits { 0 } else { 1 };
    match format {
        OutputFormat::Json => match serde_json::to_string_pretty(&result) {
            Ok(json) => Outcome::ok(format!("{json}\n"), code),
            Err(e) => Outcome::fail(format!("shipshape capacity: {e}")),
        },
        OutputFormat::Text => Outcome::ok(text_report(&result), code),
    }
}

/// The human-readable report: verdict, key numbers, warnings, trace, configs.
pub fn text_report(r: &CapacityResult) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(&mut out, r.summary.clone());
    line(&mut out, String::new());
    line(
        &mut out,
        format!("workers per container   {}", r.workers_per_container),
    );
    line(
        &mut out,
        format!(
            "memory per container    {:.0} MiB (limit {:.0} MiB)",
            r.memory.per_container_mib, r.memory.limit_mib
        ),
    );
    line(
        &mut out,
        format!("memory per node         {:.0} MiB", r.memory.per_node_mib),
    );
    line(
        &mut out,
        format!(
            "node allocatable        {:.0}m CPU, {:.0} MiB ({})",
            r.node.allocatable_cpu_millicores, r.node.allocatable_memory_mib, r.node.label
        ),
    );
    line(
        &mut out,
        format!("CPU cores needed        {:.2}", r.cpu.cores_needed),
    );
    line(
        &mut out,
        format!(
            "containers needed       {} ({} serving + {} spare)",
            r.containers_needed, r.containers_serving, r.spare_containers
        ),
    );
    line(
        &mut out,
        format!(
            "nodes needed            {} ({} per node)",
            r.nodes_needed, r.containers_per_node
        ),
    );
    line(
        &mut out,
        format!(
            "binding resource        {}",
            name_of(serde_json::to_value(r.binding_resource))
        ),
    );
    line(
        &mut out,
        format!(
            "QoS class               {}",
            name_of(serde_json::to_value(r.qos_class))
        ),
    );
    if let Some(s) = &r.suggestion {
        line(&mut out, String::new());
        line(&mut out, s.message.clone());
    }
    if !r.warnings.is_empty() {
        line(&mut out, String::new());
        line(&mut out, "Warnings:".to_string());
        for w in &r.warnings {
            let level = match w.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            line(
                &mut out,
                format!(
                    "  {level} [{}]: {}",
                    name_of(serde_json::to_value(w.code)),
                    w.message
                ),
            );
        }
    }
    line(&mut out, String::new());
    line(&mut out, "How this is computed:".to_string());
    for (i, step) in r.trace.iter().enumerate() {
        let mut source = step.source.clone();
        for url in step.source_id.urls() {
            source.push_str(" <");
            source.push_str(url);
            source.push('>');
        }
        line(&mut out, format!("  {}. {}  [{source}]", i + 1, step.text));
    }
    let c = &r.configs;
    let sections: [(&str, Option<&String>); 8] = [
        ("uvicorn", Some(&c.uvicorn_command)),
        ("fastapi run", Some(&c.fastapi_run_command)),
        ("gunicorn", Some(&c.gunicorn_command)),
        ("gunicorn_conf.py", Some(&c.gunicorn_conf_py)),
        ("docker run", Some(&c.docker_run)),
        ("compose.yaml", Some(&c.compose_service)),
        ("Kubernetes Deployment", Some(&c.kubernetes_deployment)),
        (
            "Kubernetes HorizontalPodAutoscaler",
            c.kubernetes_hpa.as_ref(),
        ),
    ];
    for (title, body) in sections {
        if let Some(body) = body {
            line(&mut out, String::new());
            line(&mut out, format!("--- {title}"));
            out.push_str(body);
            if !body.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// The serialized (snake_case) name of an enum value, as the JSON output spells it.
fn name_of(value: serde_json::Result<serde_json::Value>) -> String {
    value
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_format_and_input() {
        assert_eq!(
            parse_args(&args(&["--format", "json", "s.json"])),
            Ok(Request::Evaluate {
                format: OutputFormat::Json,
                input: "s.json".into()
            })
        );
        assert_eq!(
            parse_args(&args(&["-", "--format=text"])),
            Ok(Request::Evaluate {
                format: OutputFormat::Text,
                input: "-".into()
            })
        );
        assert_eq!(
            parse_args(&args(&["--example"])),
            Ok(Request::Example(None))
        );
        assert_eq!(
            parse_args(&args(&["--example", "kubernetes-gke"])),
            Ok(Request::Example(Some("kubernetes-gke".into())))
        );
        assert!(parse_args(&args(&["--format", "yaml", "s.json"])).is_err());
        assert!(parse_args(&args(&[])).is_err());
        assert!(parse_args(&args(&["a.json", "b.json"])).is_err());
        assert!(parse_args(&args(&["--bogus", "a.json"])).is_err());
    }

    #[test]
    fn example_round_trips_and_evaluates() {
        let printed = respond(&Request::Example(None));
        assert_eq!(printed.code, 0);
        // The printed example is complete: it parses back to the very same scenario.
        let parsed = shipshape_capacity::parse_scenario(&printed.stdout).unwrap();
        assert_eq!(parsed, examples::model_does_not_fit());
        // The guide's scenario does not fit: exit code 1, and the report says so.
        let out = evaluate_text(&printed.stdout, OutputFormat::Text);
        assert_eq!(out.code, 1);
        assert!(out.stdout.starts_with("Does not fit"), "{}", out.stdout);
        assert!(out.stdout.contains("workers per container   4"));
    }

    #[test]
    fn every_named_example_prints() {
        for name in examples::NAMES {
            let out = respond(&Request::Example(Some(name.to_string())));
            assert_eq!(out.code, 0, "{name}");
            assert!(
                shipshape_capacity::evaluate_json(&out.stdout).is_ok(),
                "{name}"
            );
        }
        assert_eq!(respond(&Request::Example(Some("nope".into()))).code, 2);
    }

    #[test]
    fn json_output_keeps_the_fixed_field_names() {
        let example = respond(&Request::Example(Some("kubernetes-gke".into()))).stdout;
        let out = evaluate_text(&example, OutputFormat::Json);
        assert_eq!(out.code, 0, "{}", out.stdout);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        for pointer in [
            "/fits",
            "/workers_per_container",
            "/memory/per_container_mib",
            "/memory/per_node_mib",
            "/node/allocatable_cpu_millicores",
            "/node/allocatable_memory_mib",
            "/cpu/cores_needed",
            "/containers_needed",
            "/nodes_needed",
            "/binding_resource",
            "/warnings",
        ] {
            assert!(v.pointer(pointer).is_some(), "missing {pointer}");
        }
        assert_eq!(v["fits"], serde_json::json!(true));
        // e2-standard-4 with GKE reservations: 16,384 - 2,662 - 100 = 13,622 MiB.
        assert_eq!(
            v["node"]["allocatable_memory_mib"],
            serde_json::json!(13622.0)
        );
        assert!(v["warnings"].is_array());
        // Warnings are objects with a code and a message.
        let legacy = respond(&Request::Example(Some("legacy-image-80-cores".into()))).stdout;
        let v: serde_json::Value =
            serde_json::from_str(&evaluate_text(&legacy, OutputFormat::Json).stdout).unwrap();
        let codes: Vec<&str> = v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|w| w["code"].as_str())
            .collect();
        assert!(
            codes.contains(&"memory_over_limit") && codes.contains(&"workers_from_host_cores"),
            "{codes:?}"
        );
        assert!(v["warnings"][0]["message"].is_string());
    }

    #[test]
    fn the_trace_cites_its_sources_with_links() {
        let example = respond(&Request::Example(Some("aks-overlay-d4s-v5".into()))).stdout;
        let out = evaluate_text(&example, OutputFormat::Text);
        assert!(
            out.stdout.contains(
                "Max pods per node: 250 (the AKS default with Azure CNI Overlay)  [Microsoft docs, AKS IP address planning: maximum pods per node by network plugin <https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning#maximum-pods-per-node>]"
            ),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("(the 25% cap applies)"),
            "{}",
            out.stdout
        );
        assert!(out
            .stdout
            .contains("<https://learn.microsoft.com/azure/aks/node-resource-reservations>"));
        // Gunicorn's own ASGI worker, in the config to paste.
        assert!(out.stdout.contains("worker_class = \"asgi\""));
        let eks = respond(&Request::Example(Some("eks-m5-large".into()))).stdout;
        let out = evaluate_text(&eks, OutputFormat::Text);
        assert!(out
            .stdout
            .contains("EKS (Amazon Linux 2023, nodeadm) reserves"));
        assert!(out.stdout.contains(
            "<https://docs.aws.amazon.com/eks/latest/userguide/eks-ami-deprecation-faqs.html>"
        ));
    }

    #[test]
    fn bad_input_is_one_line_naming_the_field() {
        let mut scenario = serde_json::to_value(examples::model_does_not_fit()).unwrap();
        scenario["target"]["machine"]["cores"] = serde_json::json!(0);
        let out = evaluate_text(&scenario.to_string(), OutputFormat::Text);
        assert_eq!(out.code, 2);
        assert!(out.stdout.is_empty());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("target.machine.cores"),
            "{}",
            out.stderr
        );

        let out = evaluate_text("{\"app\": {\"process_mib\": \"lots\"}}", OutputFormat::Json);
        assert_eq!(out.code, 2);
        assert!(out.stderr.contains("app.process_mib"), "{}", out.stderr);

        let out = evaluate_text("not json", OutputFormat::Json);
        assert_eq!((out.code, out.stderr.lines().count()), (2, 1));
    }
}
