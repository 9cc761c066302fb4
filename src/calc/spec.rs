//! The guide's ```calc placeholders: short JSON naming a scenario and a few numbers, mapped to
//! the calculator's form. A small reader of flat JSON objects does the parsing: a JSON library's
//! reader (and its number parsing) stays out of the wasm.

use shipshape_capacity::Scenario;

use super::form::{Form, F};

/// Which picture and inputs a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecKind {
    ModelDoesNotFit,
    UtilizationBand,
    OneProcessPerContainer,
    LegacyImageHostCores,
}

/// The scenario a placeholder describes, as the engine sees it.
pub fn scenario_from_spec(spec: &str) -> Result<Scenario, String> {
    let (_, form) = form_from_spec(spec)?;
    form.to_scenario()
        .map_err(|errors| format!("{} field(s) are not numbers", errors.len()))
}

/// The placeholder as a form (to show, tweak, and open in the calculator).
pub fn form_from_spec(spec: &str) -> Result<(SpecKind, Form), String> {
    let fields = parse_object(spec)?;
    let mut spec = Spec {
        fields,
        used: vec!["scenario"],
    };
    let name = spec.string("scenario")?;
    let mut form = Form::default();
    let kind = match name.as_str() {
        "model-does-not-fit" => {
            let model = spec.number("model_mib", 0.0, 1e7)?;
            let workers = spec.number("workers", 1.0, 1024.0)?;
            let ram = spec.number("machine_ram_mib", 1.0, 1e7)?;
            let server = match spec.string("server_model")?.as_str() {
                "uvicorn-workers" => "uvicorn",
                "gunicorn" => "gunicorn",
                "gunicorn-preload" => "preload",
                other => return Err(format!("unknown server_model `{other}`")),
            };
            form.set_mib(F::ModelMem, model);
            form.set(F::Workers, whole(workers, "workers")?);
            form.set_mib(F::MachineMem, ram);
            form.set(F::Server, server);
            SpecKind::ModelDoesNotFit
        }
        "utilization-band" => {
            let target = spec.number("target_utilization", 0.05, 1.0)?;
            let band = spec.numbers("band")?;
            if band != [0.5, 0.9] {
                return Err("band must be [0.5, 0.9], the band the engine warns outside".into());
            }
            // An API without a model on a 4-core machine, at a traffic that uses half of it.
            form.set(F::ProcessMem, "150");
            form.set_mib(F::ModelMem, 0.0);
            form.set(F::MachineCores, "4");
            form.set_mib(F::MachineMem, 8192.0);
            form.set(F::Rps, "40");
            form.set(F::Util, super::form::plain(target * 100.0, 1));
            SpecKind::UtilizationBand
        }
        "one-process-per-container" => {
            let replicas = spec.number("replicas", 1.0, 1000.0)?;
            let memory = spec.number("memory_per_process_mib", 1.0, 1e7)?;
            form.set(F::Server, "single");
            form.set_mib(F::ProcessMem, memory);
            form.set_mib(F::ModelMem, 0.0);
            form.set(F::ManagerMem, "0");
            form.set(F::Workers, "1");
            // Replicas beyond what the traffic needs (one container) are spares: N+k.
            form.set(F::Redundancy, whole(replicas - 1.0, "replicas")?);
            form.set(F::MachineCores, "4");
            form.set_mib(F::MachineMem, 4096.0);
            SpecKind::OneProcessPerContainer
        }
        "legacy-image-host-cores" => {
            let cores = spec.number("host_cores", 1.0, 1024.0)?;
            let per_core = spec.number("workers_per_core", 0.01, 64.0)?;
            let memory = spec.number("memory_per_worker_mib", 1.0, 1e7)?;
            let limit = spec.number("container_memory_limit_mib", 1.0, 1e7)?;
            form.set(F::Server, "gunicorn");
            form.set(F::WorkersMode, "legacy");
            form.set(F::WorkersPerCore, super::form::plain(per_core, 3));
            form.set(F::CoresSource, "host");
            form.set_mib(F::ProcessMem, memory);
            form.set_mib(F::ModelMem, 0.0);
            form.set_mib(F::MemLimit, limit);
            form.set(F::MachineCores, super::form::plain(cores, 3));
            form.set_mib(F::MachineMem, 320.0 * 1024.0);
            form.set_mib(F::MachineReserved, 2048.0);
            SpecKind::LegacyImageHostCores
        }
        other => return Err(format!("unknown scenario `{other}`")),
    };
    if let Some((key, _)) = spec
        .fields
        .iter()
        .find(|(k, _)| !spec.used.contains(&k.as_str()))
    {
        return Err(format!("unknown field `{key}` for `{name}`"));
    }
    Ok((kind, form))
}

fn whole(value: f64, name: &str) -> Result<String, String> {
    if value.fract() != 0.0 || value < 0.0 {
        return Err(format!("{name} must be a whole number"));
    }
    Ok(super::form::plain(value, 0))
}

#[derive(Debug, PartialEq)]
enum Value {
    Str(String),
    Num(f64),
    Nums(Vec<f64>),
}

struct Spec {
    fields: Vec<(String, Value)>,
    used: Vec<&'static str>,
}

impl Spec {
    fn get(&mut self, key: &'static str) -> Result<&Value, String> {
        self.used.push(key);
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    fn string(&mut self, key: &'static str) -> Result<String, String> {
        match self.get(key)? {
            Value::Str(s) => Ok(s.clone()),
            _ => Err(format!("`{key}` must be a string")),
        }
    }

    fn number(&mut self, key: &'static str, min: f64, max: f64) -> Result<f64, String> {
        match self.get(key)? {
            Value::Num(n) if (min..=max).contains(n) => Ok(*n),
            Value::Num(n) => Err(format!("`{key}` must be between {min} and {max}, got {n}")),
            _ => Err(format!("`{key}` must be a number")),
        }
    }

    fn numbers(&mut self, key: &'static str) -> Result<Vec<f64>, String> {
        match self.get(key)? {
            Value::Nums(v) => Ok(v.clone()),
            _ => Err(format!("`{key}` must be an array of numbers")),
        }
    }
}

/// Reads `{"key": "text" | number | [numbers], ...}`: all a placeholder needs.
fn parse_object(text: &str) -> Result<Vec<(String, Value)>, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let mut out: Vec<(String, Value)> = Vec::new();
    p.expect(b'{')?;
    if !p.eat(b'}') {
        loop {
            let key = p.string()?;
            p.expect(b':')?;
            let value = p.value()?;
            if out.iter().any(|(k, _)| *k == key) {
                return Err(format!("duplicate field `{key}`"));
            }
            out.push((key, value));
            if p.eat(b',') {
                continue;
            }
            p.expect(b'}')?;
            break;
        }
    }
    p.ws();
    if p.i != p.s.len() {
        return Err("text after the object".into());
    }
    Ok(out)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), String> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(format!("expected `{}` at byte {}", b as char, self.i))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let start = self.i;
        while let Some(&b) = self.s.get(self.i) {
            match b {
                b'"' => {
                    let text = std::str::from_utf8(&self.s[start..self.i])
                        .map_err(|_| "invalid UTF-8".to_string())?;
                    self.i += 1;
                    return Ok(text.to_string());
                }
                b'\\' => return Err("escapes are not supported in a calc placeholder".into()),
                _ => self.i += 1,
            }
        }
        Err("unterminated string".into())
    }

    fn number(&mut self) -> Result<f64, String> {
        self.ws();
        let start = self.i;
        while self
            .s
            .get(self.i)
            .is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
        {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        super::form::parse_number(text).ok_or_else(|| format!("expected a value at byte {start}"))
    }

    fn value(&mut self) -> Result<Value, String> {
        self.ws();
        match self.s.get(self.i) {
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.number()?);
                        if self.eat(b',') {
                            continue;
                        }
                        self.expect(b']')?;
                        break;
                    }
                }
                Ok(Value::Nums(items))
            }
            _ => Ok(Value::Num(self.number()?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shipshape_capacity::{evaluate, Target, WorkerCount, WorkerModel};

    const GUIDE: &str = r#"{"scenario": "model-does-not-fit", "model_mib": 1024, "workers": 4, "server_model": "uvicorn-workers", "machine_ram_mib": 3072}"#;

    #[test]
    fn the_guides_scenario_does_not_fit_and_two_workers_do() {
        let s = scenario_from_spec(GUIDE).unwrap();
        let mut guide = shipshape_capacity::examples::model_does_not_fit();
        guide.name.clear();
        assert_eq!(s, guide);
        let r = evaluate(&s).unwrap();
        assert!(!r.fits);
        assert_eq!(r.suggestion.unwrap().max_workers_that_fit, Some(2));
        let (kind, form) = form_from_spec(GUIDE).unwrap();
        assert_eq!(kind, SpecKind::ModelDoesNotFit);
        assert_eq!(form, Form::default());
    }

    #[test]
    fn every_placeholder_in_the_guide_maps_to_a_scenario() {
        let mut found = 0;
        for lang in ["en", "ko", "ja"] {
            let dir = format!("{}/content/{lang}", env!("CARGO_MANIFEST_DIR"));
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let mut rest = text.as_str();
                while let Some(at) = rest.find("```calc") {
                    let block = &rest[at + 7..];
                    let body = block[block.find('\n').unwrap() + 1..]
                        .split("```")
                        .next()
                        .unwrap();
                    let s = scenario_from_spec(body.trim())
                        .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                    evaluate(&s).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                    found += 1;
                    rest = &block[1..];
                }
            }
        }
        assert!(found >= 4, "found {found} placeholders");
    }

    #[test]
    fn the_other_scenarios() {
        let band =
            r#"{"scenario": "utilization-band", "target_utilization": 0.6, "band": [0.5, 0.9]}"#;
        let s = scenario_from_spec(band).unwrap();
        assert_eq!(s.target_utilization, 0.6);
        assert!(evaluate(&s).unwrap().fits);
        let low = band.replace("0.6", "0.3");
        let r = evaluate(&scenario_from_spec(&low).unwrap()).unwrap();
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == shipshape_capacity::WarningCode::UtilizationBelowBand));

        let one = r#"{"scenario": "one-process-per-container", "replicas": 3, "memory_per_process_mib": 300}"#;
        let s = scenario_from_spec(one).unwrap();
        assert_eq!(s.server, WorkerModel::SingleProcess);
        let r = evaluate(&s).unwrap();
        assert_eq!(r.containers_needed, 3);
        assert!(r.fits);

        let legacy = r#"{"scenario": "legacy-image-host-cores", "host_cores": 80, "workers_per_core": 1, "memory_per_worker_mib": 200, "container_memory_limit_mib": 2048}"#;
        let s = scenario_from_spec(legacy).unwrap();
        assert!(matches!(s.workers, WorkerCount::LegacyImage { .. }));
        assert!(matches!(s.target, Target::Machine { cores, .. } if cores == 80.0));
        assert_eq!(s.container.memory_limit_mib, Some(2048.0));
        let r = evaluate(&s).unwrap();
        assert_eq!(r.workers_per_container, 80);
        assert!(!r.fits);
        assert_eq!(r.suggestion.unwrap().max_workers_that_fit, Some(10));
    }

    #[test]
    fn bad_placeholders_say_why() {
        for (bad, why) in [
            ("", "expected `{`"),
            ("{", "expected `\"`"),
            (r#"{"scenario": "moon"}"#, "unknown scenario"),
            (r#"{"scenario": 3}"#, "must be a string"),
            (
                r#"{"scenario": "utilization-band", "target_utilization": 0.6}"#,
                "missing field `band`",
            ),
            (
                r#"{"scenario": "utilization-band", "target_utilization": 0.6, "band": [0.4, 0.9]}"#,
                "band must be",
            ),
            (
                r#"{"scenario": "utilization-band", "target_utilization": 7, "band": [0.5, 0.9]}"#,
                "between",
            ),
            (
                r#"{"scenario": "one-process-per-container", "replicas": 2.5, "memory_per_process_mib": 300}"#,
                "whole number",
            ),
            (
                r#"{"scenario": "one-process-per-container", "replicas": 2, "memory_per_process_mib": 300, "extra": 1}"#,
                "unknown field `extra`",
            ),
            (
                r#"{"scenario": "one-process-per-container", "replicas": 2, "replicas": 3}"#,
                "duplicate",
            ),
            (
                r#"{"scenario": "model-does-not-fit", "model_mib": 1024, "workers": 4, "server_model": "iis", "machine_ram_mib": 3072}"#,
                "unknown server_model",
            ),
            (r#"{"scenario": "x\"y"}"#, "escapes"),
            (
                r#"{"scenario": "one-process-per-container"} trailing"#,
                "text after",
            ),
            (r#"{"a": tru}"#, "expected a value"),
        ] {
            let err = form_from_spec(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
