//! Configuration for `lint` (and `config`, which prints it): `shipshape.toml`, the
//! `[tool.shipshape]` table of a `pyproject.toml`, or, when neither exists, a `.hadolint.yaml`
//! read the way hadolint reads it and mapped to Shipshape's rules. Found from the Dockerfile's
//! directory upwards; the first one wins. `--config FILE` names one, `--no-config` reads none.
//!
//! Precedence, lowest first: the defaults, the file's top level, each `[[overrides]]` entry
//! whose `files` globs match the Dockerfile (in order), the command line.

use crate::input::UsageError;
use shipshape_dockerfile::{Profile, RuleId, RuleSeverity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The keys of a Shipshape configuration (top level and `[[overrides]]`).
const KEYS: &[&str] = &[
    "profile",
    "ignore",
    "severity",
    "failure-level",
    "context",
    "site-url",
    "overrides",
];

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A command-line option.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// A configuration file and the key in it.
    File {
        path: PathBuf,
        key: String,
    },
}

impl Origin {
    fn file(path: &Path, key: impl Into<String>) -> Origin {
        Origin::File {
            path: path.to_path_buf(),
            key: key.into(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Origin::Default => "default".into(),
            Origin::Flag(f) => format!("command line {f}"),
            Origin::Env(v) => format!("environment {v}"),
            Origin::File { path, key } => format!("{}: {key}", path.display()),
        }
    }
}

/// A rule switched off by name, with the name as written (a hadolint or BuildKit name maps to
/// the rules that carry it; a hadolint code no rule carries is kept to be shown, and ignores
/// nothing).
#[derive(Debug, Clone)]
pub struct Ignored {
    pub name: String,
    pub rules: Vec<RuleId>,
    pub origin: Origin,
}

/// A rule's severity as configured: `None` is `off`.
#[derive(Debug, Clone)]
pub struct SeverityOverride {
    pub rule: RuleId,
    pub name: String,
    pub severity: Option<RuleSeverity>,
    pub origin: Origin,
}

/// The settings one layer of a file gives; every field optional.
#[derive(Debug, Clone, Default)]
struct Layer {
    profile: Option<(Profile, Origin)>,
    ignore: Vec<Ignored>,
    severity: Vec<SeverityOverride>,
    failure_level: Option<(Option<RuleSeverity>, Origin)>,
    context: Option<(PathBuf, Origin)>,
}

#[derive(Debug, Clone)]
struct Override {
    files: Vec<String>,
    layer: Layer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Shipshape,
    Pyproject,
    Hadolint,
}

/// One configuration file, read and checked.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub kind: Kind,
    base: Layer,
    site_url: Option<(String, Origin)>,
    overrides: Vec<Override>,
    /// What a `.hadolint.yaml` said that has no Shipshape meaning.
    pub unmapped: Vec<String>,
}

/// What a lint of one file runs with, and where each value came from.
#[derive(Debug, Clone)]
pub struct Effective {
    pub file: Option<PathBuf>,
    pub kind: Option<Kind>,
    pub profile: (Profile, Origin),
    pub ignore: Vec<Ignored>,
    pub severity: Vec<SeverityOverride>,
    pub failure_level: (Option<RuleSeverity>, Origin),
    pub context: Option<(PathBuf, Origin)>,
    pub site_url: Option<(String, Origin)>,
    /// The `[[overrides]]` entries that matched, by index.
    pub matched_overrides: Vec<usize>,
}

/// What the command line says, which wins over any file.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub config: Option<String>,
    pub no_config: bool,
    /// `--ignore NAME`, added to the file's list.
    pub ignore: Vec<String>,
    pub profile: Option<Profile>,
    pub failure_level: Option<Option<RuleSeverity>>,
    pub context: Option<String>,
}

impl Effective {
    /// The rules the lint must not run: above the profile, or ignored.
    pub fn disabled(&self) -> Vec<RuleId> {
        let mut out: Vec<RuleId> = RuleId::ALL
            .into_iter()
            .filter(|r| r.meta().profile > self.profile.0)
            .collect();
        for i in &self.ignore {
            for r in &i.rules {
                if !out.contains(r) {
                    out.push(*r);
                }
            }
        }
        out
    }

    /// The severity a finding of `rule` is reported with (`None`: dropped).
    pub fn severity_of(&self, rule: RuleId, found: RuleSeverity) -> Option<RuleSeverity> {
        match self.severity.iter().rev().find(|o| o.rule == rule) {
            Some(o) => o.severity,
            None => Some(found),
        }
    }
}

/// Reads and caches configuration files while a lint walks its files.
#[derive(Default)]
pub struct Loader {
    cache: BTreeMap<PathBuf, ConfigFile>,
    /// Files whose unmapped settings were already reported.
    reported: Vec<PathBuf>,
}

impl Loader {
    /// The effective configuration for the Dockerfile at `dockerfile` (`-`: standard input,
    /// looked up from the working directory).
    pub fn effective(&mut self, dockerfile: &str, flags: &Flags) -> Result<Effective, UsageError> {
        let file = if flags.no_config {
            None
        } else if let Some(explicit) = &flags.config {
            let path = PathBuf::from(explicit);
            if !path.is_file() {
                return Err(UsageError(format!("--config {explicit}: no such file")));
            }
            Some(self.load(&path, kind_of(&path))?)
        } else {
            match discover(dockerfile)? {
                Some((path, kind)) => Some(self.load(&path, kind)?),
                None => None,
            }
        };
        if let Some(f) = &file {
            if !f.unmapped.is_empty() && !self.reported.contains(&f.path) {
                eprintln!(
                    "shipshape: {}: read as hadolint's configuration; not mapped: {}",
                    f.path.display(),
                    f.unmapped.join("; ")
                );
                self.reported.push(f.path.clone());
            }
        }
        Ok(resolve(file.as_ref(), dockerfile, flags))
    }

    fn load(&mut self, path: &Path, kind: Kind) -> Result<ConfigFile, UsageError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(c) = self.cache.get(&key) {
            return Ok(c.clone());
        }
        let text = crate::input::read_text(&path.to_string_lossy())?;
        let config = match kind {
            Kind::Hadolint => read_hadolint(path, &text)?,
            Kind::Shipshape | Kind::Pyproject => read_toml(path, &text, kind)?,
        };
        self.cache.insert(key, config.clone());
        Ok(config)
    }
}

fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name == "pyproject.toml" {
        Kind::Pyproject
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Kind::Hadolint
    } else {
        Kind::Shipshape
    }
}

/// The directory a Dockerfile's configuration is looked up from.
fn start_dir(dockerfile: &str) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if dockerfile == "-" {
        return cwd;
    }
    let p = cwd.join(dockerfile);
    let dir = p.parent().map(Path::to_path_buf).unwrap_or(cwd);
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// From the Dockerfile's directory upwards: `shipshape.toml`, or a `pyproject.toml` with a
/// `[tool.shipshape]` table; only when there is none anywhere, `.hadolint.yaml` (or `.yml`).
fn discover(dockerfile: &str) -> Result<Option<(PathBuf, Kind)>, UsageError> {
    let start = start_dir(dockerfile);
    for dir in start.ancestors() {
        let own = dir.join("shipshape.toml");
        if own.is_file() {
            return Ok(Some((own, Kind::Shipshape)));
        }
        let py = dir.join("pyproject.toml");
        if py.is_file() && has_shipshape_table(&py)? {
            return Ok(Some((py, Kind::Pyproject)));
        }
    }
    for dir in start.ancestors() {
        for name in [".hadolint.yaml", ".hadolint.yml"] {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(Some((p, Kind::Hadolint)));
            }
        }
    }
    // Then where hadolint itself looks: the working directory, and the user's configuration.
    Ok(hadolint_fallbacks()
        .into_iter()
        .find(|p| p.is_file())
        .map(|p| (p, Kind::Hadolint)))
}

/// hadolint's own lookup after `$PWD/.hadolint.yaml`: `$XDG_CONFIG_HOME/hadolint.yaml`,
/// `~/.config/hadolint.yaml`, `~/.hadolint/hadolint.yaml`, `~/hadolint/config.yaml`,
/// `~/.hadolint.yaml` (each also as `.yml`).
fn hadolint_fallbacks() -> Vec<PathBuf> {
    let mut dirs: Vec<(PathBuf, &str)> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push((cwd, ".hadolint"));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    if let Some(x) = xdg {
        dirs.push((x, "hadolint"));
    }
    if let Some(h) = &home {
        dirs.push((h.join(".hadolint"), "hadolint"));
        dirs.push((h.join("hadolint"), "config"));
        dirs.push((h.clone(), ".hadolint"));
    }
    dirs.into_iter()
        .flat_map(|(d, stem)| ["yaml", "yml"].map(|ext| d.join(format!("{stem}.{ext}"))))
        .collect()
}

fn has_shipshape_table(path: &Path) -> Result<bool, UsageError> {
    let text = crate::input::read_text(&path.to_string_lossy())?;
    let table = parse_toml(path, &text)?;
    Ok(table
        .get("tool")
        .and_then(|t| t.as_table())
        .is_some_and(|t| t.contains_key("shipshape")))
}

fn parse_toml(path: &Path, text: &str) -> Result<toml::Table, UsageError> {
    text.parse::<toml::Table>().map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!(" (line {line})")
            })
            .unwrap_or_default();
        UsageError(format!(
            "{}: not valid TOML{at}: {}",
            path.display(),
            e.message()
        ))
    })
}

fn bad(path: &Path, key: &str, expected: &str, found: impl std::fmt::Display) -> UsageError {
    UsageError(format!(
        "{}: key `{key}`: expected {expected}, found {found}",
        path.display()
    ))
}

fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
    }
}

fn read_toml(path: &Path, text: &str, kind: Kind) -> Result<ConfigFile, UsageError> {
    let doc = parse_toml(path, text)?;
    let (table, prefix) = if kind == Kind::Pyproject {
        let t = doc
            .get("tool")
            .and_then(|t| t.get("shipshape"))
            .ok_or_else(|| UsageError(format!("{}: no [tool.shipshape] table", path.display())))?;
        let t = t
            .as_table()
            .ok_or_else(|| bad(path, "tool.shipshape", "a table", describe(t)))?;
        (t.clone(), "tool.shipshape.")
    } else {
        (doc, "")
    };
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let base = read_layer(path, &dir, &table, prefix, true)?;
    let site_url = match table.get("site-url") {
        None => None,
        Some(toml::Value::String(s)) if s.starts_with("https://") || s.starts_with("http://") => {
            Some((
                s.trim_end_matches('/').to_string(),
                Origin::file(path, format!("{prefix}site-url")),
            ))
        }
        Some(v) => {
            return Err(bad(
                path,
                &format!("{prefix}site-url"),
                "the site's address, starting with https:// or http://",
                describe(v),
            ))
        }
    };
    let mut overrides = Vec::new();
    if let Some(v) = table.get("overrides") {
        let key = format!("{prefix}overrides");
        let list = v
            .as_array()
            .ok_or_else(|| bad(path, &key, "a list of tables ([[overrides]])", describe(v)))?;
        for (n, item) in list.iter().enumerate() {
            let here = format!("{key}[{n}]");
            let t = item
                .as_table()
                .ok_or_else(|| bad(path, &here, "a table", describe(item)))?;
            let files = match t.get("files") {
                Some(toml::Value::String(s)) => vec![s.clone()],
                Some(toml::Value::Array(a)) if !a.is_empty() => a
                    .iter()
                    .map(|g| match g {
                        toml::Value::String(s) => Ok(s.clone()),
                        other => Err(bad(
                            path,
                            &format!("{here}.files"),
                            "glob strings",
                            describe(other),
                        )),
                    })
                    .collect::<Result<_, _>>()?,
                Some(other) => {
                    return Err(bad(
                        path,
                        &format!("{here}.files"),
                        "a glob or a list of globs",
                        describe(other),
                    ))
                }
                None => {
                    return Err(UsageError(format!(
                    "{}: key `{here}`: needs `files`, the globs of the Dockerfiles it applies to",
                    path.display()
                )))
                }
            };
            let layer = read_layer(path, &dir, t, &format!("{here}."), false)?;
            overrides.push(Override { files, layer });
        }
    }
    Ok(ConfigFile {
        path: path.to_path_buf(),
        kind,
        base,
        site_url,
        overrides,
        unmapped: Vec::new(),
    })
}

fn read_layer(
    path: &Path,
    dir: &Path,
    table: &toml::Table,
    prefix: &str,
    top: bool,
) -> Result<Layer, UsageError> {
    let mut layer = Layer::default();
    for (key, value) in table {
        let full = format!("{prefix}{key}");
        let origin = || Origin::file(path, full.clone());
        match key.as_str() {
            "profile" => {
                let p = value.as_str().and_then(Profile::from_name).ok_or_else(|| {
                    bad(
                        path,
                        &full,
                        "\"default\", \"strict\" or \"pedantic\"",
                        describe(value),
                    )
                })?;
                layer.profile = Some((p, origin()));
            }
            "failure-level" => {
                let level = match value.as_str().map(str::to_ascii_lowercase).as_deref() {
                    Some("none") => None,
                    Some(s) if RuleSeverity::from_name(s).is_some() => RuleSeverity::from_name(s),
                    _ => {
                        return Err(bad(
                            path,
                            &full,
                            "\"error\", \"warning\", \"info\" or \"none\"",
                            describe(value),
                        ))
                    }
                };
                layer.failure_level = Some((level, origin()));
            }
            "context" => {
                let s = value.as_str().ok_or_else(|| {
                    bad(
                        path,
                        &full,
                        "a directory, relative to this file",
                        describe(value),
                    )
                })?;
                let p = dir.join(s);
                if !p.is_dir() {
                    return Err(bad(
                        path,
                        &full,
                        "a directory, relative to this file",
                        format!("\"{s}\" ({} is not a directory)", p.display()),
                    ));
                }
                layer.context = Some((p, origin()));
            }
            "ignore" => {
                let list = value
                    .as_array()
                    .ok_or_else(|| bad(path, &full, "a list of rule names", describe(value)))?;
                for item in list {
                    let name = item
                        .as_str()
                        .ok_or_else(|| bad(path, &full, "rule names as strings", describe(item)))?;
                    layer.ignore.push(ignored(path, &full, name)?);
                }
            }
            "severity" => {
                let t = value.as_table().ok_or_else(|| {
                    bad(
                        path,
                        &full,
                        "a table of rule = \"error\" | \"warning\" | \"info\" | \"off\"",
                        describe(value),
                    )
                })?;
                for (name, level) in t {
                    let here = format!("{full}.{name}");
                    let severity = match level.as_str().map(str::to_ascii_lowercase).as_deref() {
                        Some("off") => None,
                        Some(s) if RuleSeverity::from_name(s).is_some() => {
                            RuleSeverity::from_name(s)
                        }
                        _ => {
                            return Err(bad(
                                path,
                                &here,
                                "\"error\", \"warning\", \"info\" or \"off\"",
                                describe(level),
                            ))
                        }
                    };
                    let rules = RuleId::named(name);
                    if rules.is_empty() {
                        return Err(bad(path, &here, "a rule that `shipshape rules` lists (by its id, hadolint code or BuildKit name)", format!("`{name}`")));
                    }
                    for rule in rules {
                        layer.severity.push(SeverityOverride {
                            rule,
                            name: name.clone(),
                            severity,
                            origin: Origin::file(path, here.clone()),
                        });
                    }
                }
            }
            "site-url" | "overrides" if top => {}
            "files" if !top => {}
            other => {
                let allowed: Vec<&str> = if top {
                    KEYS.to_vec()
                } else {
                    let mut k: Vec<&str> = vec!["files"];
                    k.extend(
                        KEYS.iter()
                            .filter(|k| !matches!(**k, "site-url" | "overrides")),
                    );
                    k
                };
                return Err(UsageError(format!(
                    "{}: unknown key `{prefix}{other}` (expected one of: {})",
                    path.display(),
                    allowed.join(", ")
                )));
            }
        }
    }
    Ok(layer)
}

/// A hadolint code (`DL3057`) or a ShellCheck one (`SC2086`): accepted in `ignore` even when
/// no Shipshape rule carries it, so a list moved over from hadolint works as it is.
fn foreign_code(name: &str) -> bool {
    let n = name.trim();
    (n.len() == 6 && (n[..2].eq_ignore_ascii_case("DL") || n[..2].eq_ignore_ascii_case("SC")))
        && n[2..].chars().all(|c| c.is_ascii_digit())
}

fn ignored(path: &Path, key: &str, name: &str) -> Result<Ignored, UsageError> {
    let rules = RuleId::named(name);
    if rules.is_empty() && !foreign_code(name) {
        return Err(bad(
            path,
            key,
            "rules that `shipshape rules` lists (by id, hadolint code or BuildKit name)",
            format!("`{name}`"),
        ));
    }
    Ok(Ignored {
        name: name.trim().to_string(),
        rules,
        origin: Origin::file(path, key),
    })
}

/// hadolint's configuration: `ignored`, `failure-threshold`, `override`, `no-fail`, and the
/// rest reported as not mapped (`trustedRegistries`: no Shipshape rule checks registries).
fn read_hadolint(path: &Path, text: &str) -> Result<ConfigFile, UsageError> {
    let doc: serde_yaml::Value = if text.trim().is_empty() {
        serde_yaml::Value::Mapping(Default::default())
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(" (line {})", l.line()))
                .unwrap_or_default();
            UsageError(format!("{}: not valid YAML{at}: {e}", path.display()))
        })?
    };
    let map = match doc {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => Default::default(),
        _ => {
            return Err(UsageError(format!(
                "{}: expected a mapping of hadolint settings",
                path.display()
            )))
        }
    };
    let mut layer = Layer::default();
    let mut unmapped = Vec::new();
    let strings = |key: &str, v: &serde_yaml::Value| -> Result<Vec<String>, UsageError> {
        match v {
            serde_yaml::Value::Sequence(s) => s
                .iter()
                .map(|x| {
                    x.as_str().map(str::to_string).ok_or_else(|| {
                        UsageError(format!(
                            "{}: key `{key}`: expected a list of strings",
                            path.display()
                        ))
                    })
                })
                .collect(),
            serde_yaml::Value::Null => Ok(Vec::new()),
            _ => Err(UsageError(format!(
                "{}: key `{key}`: expected a list of strings",
                path.display()
            ))),
        }
    };
    let mut no_equivalent = Vec::new();
    for (k, v) in &map {
        let Some(key) = k.as_str() else { continue };
        match key {
            "ignored" => {
                for name in strings(key, v)? {
                    let rules = RuleId::named(&name);
                    if rules.is_empty() {
                        no_equivalent.push(name.clone());
                    }
                    layer.ignore.push(Ignored {
                        name,
                        rules,
                        origin: Origin::file(path, key),
                    });
                }
            }
            "failure-threshold" => {
                let s = v.as_str().unwrap_or("").to_ascii_lowercase();
                let level = match s.as_str() {
                    "error" => Some(RuleSeverity::Error),
                    "warning" => Some(RuleSeverity::Warning),
                    "info" | "style" => Some(RuleSeverity::Info),
                    "ignore" | "none" => None,
                    _ => {
                        return Err(UsageError(format!(
                            "{}: key `failure-threshold`: expected error, warning, info, style, ignore or none, found {s:?}",
                            path.display()
                        )))
                    }
                };
                layer.failure_level = Some((level, Origin::file(path, key)));
            }
            "no-fail" => {
                if v.as_bool() == Some(true) {
                    layer.failure_level = Some((None, Origin::file(path, key)));
                }
            }
            "override" => {
                let serde_yaml::Value::Mapping(levels) = v else {
                    return Err(UsageError(format!(
                        "{}: key `override`: expected error, warning, info or style lists",
                        path.display()
                    )));
                };
                for (lk, lv) in levels {
                    let level_name = lk.as_str().unwrap_or("");
                    let severity = match level_name {
                        "error" => RuleSeverity::Error,
                        "warning" => RuleSeverity::Warning,
                        "info" | "style" => RuleSeverity::Info,
                        other => {
                            return Err(UsageError(format!(
                            "{}: key `override.{other}`: expected error, warning, info or style",
                            path.display()
                        )))
                        }
                    };
                    let here = format!("override.{level_name}");
                    for name in strings(&here, lv)? {
                        let rules = RuleId::named(&name);
                        if rules.is_empty() {
                            no_equivalent.push(name.clone());
                        }
                        for rule in rules {
                            layer.severity.push(SeverityOverride {
                                rule,
                                name: name.clone(),
                                severity: Some(severity),
                                origin: Origin::file(path, here.clone()),
                            });
                        }
                    }
                }
            }
            "trustedRegistries" => {
                unmapped.push("trustedRegistries (no Shipshape rule checks registries)".to_string())
            }
            "format" | "no-color" | "verbose" => unmapped.push(format!(
                "{key} (output settings: use lint's --format and NO_COLOR)"
            )),
            "disable-ignore-pragma" => unmapped
                .push("disable-ignore-pragma (inline ignores are always honoured)".to_string()),
            "label-schema" | "strict-labels" => {
                unmapped.push(format!("{key} (no Shipshape rule checks labels)"))
            }
            other => unmapped.push(format!("{other} (not a hadolint setting Shipshape knows)")),
        }
    }
    if !no_equivalent.is_empty() {
        no_equivalent.sort();
        no_equivalent.dedup();
        unmapped.insert(
            0,
            format!(
                "{} (no Shipshape rule has that name; see `shipshape rules`)",
                no_equivalent.join(", ")
            ),
        );
    }
    Ok(ConfigFile {
        path: path.to_path_buf(),
        kind: Kind::Hadolint,
        base: layer,
        site_url: None,
        overrides: Vec::new(),
        unmapped,
    })
}

fn resolve(file: Option<&ConfigFile>, dockerfile: &str, flags: &Flags) -> Effective {
    let mut e = Effective {
        file: file.map(|f| f.path.clone()),
        kind: file.map(|f| f.kind),
        profile: (Profile::Default, Origin::Default),
        ignore: Vec::new(),
        severity: Vec::new(),
        failure_level: (Some(RuleSeverity::Warning), Origin::Default),
        context: None,
        site_url: None,
        matched_overrides: Vec::new(),
    };
    let apply = |layer: &Layer, e: &mut Effective| {
        if let Some(p) = &layer.profile {
            e.profile = p.clone();
        }
        if let Some(f) = &layer.failure_level {
            e.failure_level = f.clone();
        }
        if let Some(c) = &layer.context {
            e.context = Some(c.clone());
        }
        e.ignore.extend(layer.ignore.iter().cloned());
        e.severity.extend(layer.severity.iter().cloned());
    };
    if let Some(f) = file {
        apply(&f.base, &mut e);
        e.site_url = f.site_url.clone();
        let base = f.path.parent().unwrap_or(Path::new("."));
        let relative = relative_to(dockerfile, base);
        for (i, o) in f.overrides.iter().enumerate() {
            if o.files.iter().any(|g| glob_matches(g, &relative)) {
                apply(&o.layer, &mut e);
                e.matched_overrides.push(i);
            }
        }
    }
    if let Ok(url) = std::env::var("SHIPSHAPE_SITE_URL") {
        let url = url.trim().trim_end_matches('/');
        if !url.is_empty() {
            e.site_url = Some((url.to_string(), Origin::Env("SHIPSHAPE_SITE_URL")));
        }
    }
    if let Some(p) = flags.profile {
        e.profile = (p, Origin::Flag("--profile"));
    }
    if let Some(f) = flags.failure_level {
        e.failure_level = (f, Origin::Flag("--fail-level"));
    }
    if let Some(c) = &flags.context {
        e.context = Some((PathBuf::from(c), Origin::Flag("--context")));
    }
    for name in &flags.ignore {
        e.ignore.push(Ignored {
            name: name.trim().to_string(),
            rules: RuleId::named(name),
            origin: Origin::Flag("--ignore"),
        });
    }
    e
}

/// Checks a `--ignore` value as a file's `ignore` entry is checked.
pub fn check_ignore_flag(name: &str) -> Result<(), UsageError> {
    if RuleId::named(name).is_empty() && !foreign_code(name) {
        return Err(UsageError(format!(
            "--ignore {name}: no rule has that name (`shipshape rules` lists them, with their hadolint and BuildKit names)"
        )));
    }
    Ok(())
}

/// The Dockerfile's path relative to the configuration file's directory, with `/`.
fn relative_to(dockerfile: &str, base: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let name = if dockerfile == "-" {
        "Dockerfile"
    } else {
        dockerfile
    };
    let abs = cwd.join(name);
    let abs = match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(file)) => std::fs::canonicalize(dir)
            .map(|d| d.join(file))
            .unwrap_or(abs.clone()),
        _ => abs,
    };
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    abs.strip_prefix(&base)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| name.replace('\\', "/"))
}

/// Globs as in `.gitignore`-style tools: `*` and `?` within a path segment, `**` across
/// segments; a glob without `/` matches the file name in any directory.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let glob = glob.trim().trim_start_matches("./");
    if !glob.contains('/') {
        let name = path.rsplit('/').next().unwrap_or(path);
        return segment_matches(glob.as_bytes(), name.as_bytes());
    }
    let g: Vec<&str> = glob.split('/').filter(|s| !s.is_empty()).collect();
    let p: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments_match(&g, &p)
}

fn segments_match(g: &[&str], p: &[&str]) -> bool {
    match g.split_first() {
        None => p.is_empty(),
        Some((&"**", rest)) => (0..=p.len()).any(|skip| segments_match(rest, &p[skip..])),
        Some((first, rest)) => match p.split_first() {
            Some((name, more)) => {
                segment_matches(first.as_bytes(), name.as_bytes()) && segments_match(rest, more)
            }
            None => false,
        },
    }
}

fn segment_matches(g: &[u8], s: &[u8]) -> bool {
    match g.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|skip| segment_matches(rest, &s[skip..])),
        Some((b'?', rest)) => !s.is_empty() && segment_matches(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && segment_matches(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names_anywhere_and_paths_from_the_config() {
        assert!(glob_matches("Dockerfile.dev", "docker/Dockerfile.dev"));
        assert!(glob_matches("*.Dockerfile", "a/b/api.Dockerfile"));
        assert!(!glob_matches("*.Dockerfile", "a/b/Dockerfile"));
        assert!(glob_matches("docker/*/Dockerfile", "docker/api/Dockerfile"));
        assert!(!glob_matches(
            "docker/*/Dockerfile",
            "docker/a/b/Dockerfile"
        ));
        assert!(glob_matches(
            "docker/**/Dockerfile",
            "docker/a/b/Dockerfile"
        ));
        assert!(glob_matches("docker/**/Dockerfile", "docker/Dockerfile"));
        assert!(glob_matches("**/Dockerfile", "Dockerfile"));
        assert!(glob_matches(
            "./services/?pi/Dockerfile",
            "services/api/Dockerfile"
        ));
        assert!(!glob_matches(
            "services/?pi/Dockerfile",
            "services/xapi/Dockerfile"
        ));
    }

    #[test]
    fn foreign_codes_are_dl_and_sc_numbers() {
        assert!(foreign_code("DL3008"));
        assert!(foreign_code("sc2086"));
        assert!(!foreign_code("DL30"));
        assert!(!foreign_code("SS999"));
        assert!(!foreign_code("DLabcd"));
    }
}
