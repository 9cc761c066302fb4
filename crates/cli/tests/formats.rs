//! The CI formats of `shipshape lint`, each read back by a parser of the format (not compared
//! with a copy of the output): GitHub Actions workflow commands by the grammar the Actions
//! runner parses, GitLab Code Quality into the fields GitLab's documentation requires,
//! checkstyle and JUnit XML by an XML parser and the elements and attributes their schemas
//! allow. Each must say what the JSON output says.

use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shipshape(args: &[&str], dir: &Path, site: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shipshape"));
    c.args(args).current_dir(dir).env("NO_COLOR", "1");
    c.env("HOME", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("XDG_CONFIG_HOME");
    match site {
        Some(s) => c.env("SHIPSHAPE_SITE_URL", s),
        None => c.env_remove("SHIPSHAPE_SITE_URL"),
    };
    c.output().expect("run shipshape")
}

/// Findings with awkward text: a comma, a colon, a percent sign, quotes and `<&>` in the
/// messages (they quote the instruction), on two files.
const BAD: &str = "FROM python:latest\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt && echo \"100% <done> & ok\"\nCMD fastapi run app/main.py --port 80\n";
const GOOD: &str = "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\nWORKDIR /code\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app app\nRUN useradd --create-home appuser\nUSER appuser\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n";

fn project(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("formats-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(dir.join("Dockerfile"), BAD).unwrap();
    std::fs::write(dir.join("good.Dockerfile"), GOOD).unwrap();
    std::fs::write(dir.join("requirements.txt"), "fastapi\n").unwrap();
    std::fs::write(dir.join("app/main.py"), "app = 1\n").unwrap();
    dir
}

/// (file, line, rule, severity, message) of the JSON output: what every format must say.
fn expected(dir: &Path) -> Vec<(String, u64, String, String, String)> {
    let o = shipshape(
        &["lint", "--format", "json", "Dockerfile", "good.Dockerfile"],
        dir,
        None,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let list: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(list.len() >= 4, "the fixture has findings: {list:?}");
    assert!(
        list.iter().all(|f| f.0 == "Dockerfile"),
        "good.Dockerfile is clean: {list:?}"
    );
    assert!(
        [',', ':', '%', '<', '&', '"']
            .iter()
            .all(|c| list.iter().any(|f| f.4.contains(*c))),
        "a message needs escaping: {list:?}"
    );
    list
}

// --- GitHub Actions: the runner's command grammar ------------------------------------------

struct Command_ {
    name: String,
    properties: Vec<(String, String)>,
    message: String,
}

/// `::name k=v,k=v::message`, as the Actions runner's ActionCommand parser reads a line, with
/// the toolkit's unescaping (`%25`, `%0D`, `%0A`, and `%3A`, `%2C` in property values).
fn parse_workflow_command(line: &str) -> Option<Command_> {
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let (head, message) = (&rest[..end], &rest[end + 2..]);
    let (name, props) = match head.split_once(' ') {
        Some((n, p)) => (n, p),
        None => (head, ""),
    };
    let unescape_data = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%")
    };
    let unescape_prop = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let mut properties = Vec::new();
    for p in props.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = p.split_once('=')?;
        properties.push((k.to_string(), unescape_prop(v)));
    }
    Some(Command_ {
        name: name.to_string(),
        properties,
        message: unescape_data(message),
    })
}

#[test]
fn github_workflow_commands_annotate_each_finding() {
    let dir = project("github");
    let want = expected(&dir);
    let o = shipshape(
        &[
            "lint",
            "--format",
            "github",
            "Dockerfile",
            "good.Dockerfile",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    let commands: Vec<Command_> = text
        .lines()
        .map(|l| parse_workflow_command(l).unwrap_or_else(|| panic!("not a workflow command: {l}")))
        .collect();
    assert_eq!(commands.len(), want.len());
    for (c, (file, line, rule, severity, message)) in commands.iter().zip(&want) {
        let level = match severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(&c.name, level);
        let prop = |k: &str| {
            c.properties
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("{k} missing"))
        };
        // Only the properties the runner knows.
        for (k, _) in &c.properties {
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(&k.as_str()),
                "{k}"
            );
        }
        assert_eq!(&prop("file"), file);
        assert_eq!(prop("line"), line.to_string());
        assert_eq!(prop("title"), format!("shipshape {rule}"));
        assert_eq!(&c.message, message, "the message survives escaping");
    }
}

// --- GitLab Code Quality -----------------------------------------------------------------

/// The fields GitLab's Code Quality documentation requires of each issue.
#[derive(Deserialize)]
#[allow(dead_code)]
struct CodeQualityIssue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: CodeQualitySeverity,
    location: CodeQualityLocation,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum CodeQualitySeverity {
    Info,
    Minor,
    Major,
    Critical,
    Blocker,
}

#[derive(Deserialize)]
struct CodeQualityLocation {
    path: String,
    lines: CodeQualityLines,
}

#[derive(Deserialize)]
struct CodeQualityLines {
    begin: u64,
}

#[test]
fn gitlab_code_quality_has_the_required_fields_and_stable_fingerprints() {
    let dir = project("gitlab");
    let want = expected(&dir);
    let run = |d: &Path| {
        let o = shipshape(
            &[
                "lint",
                "--format",
                "gitlab",
                "Dockerfile",
                "good.Dockerfile",
            ],
            d,
            None,
        );
        let issues: Vec<CodeQualityIssue> = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("not Code Quality JSON: {e}"));
        issues
    };
    let issues = run(&dir);
    assert_eq!(issues.len(), want.len());
    for (i, (file, line, rule, severity, message)) in issues.iter().zip(&want) {
        assert_eq!(&i.location.path, file);
        assert_eq!(i.location.lines.begin, *line);
        assert_eq!(&i.check_name, rule);
        assert_eq!(&i.description, message);
        let mapped = match severity.as_str() {
            "error" => CodeQualitySeverity::Critical,
            "warning" => CodeQualitySeverity::Major,
            _ => CodeQualitySeverity::Info,
        };
        assert_eq!(i.severity, mapped);
        assert!(!i.fingerprint.is_empty());
    }
    let mut prints: Vec<&str> = issues.iter().map(|i| i.fingerprint.as_str()).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    // A line added above the findings moves them, and GitLab must see the same issues.
    std::fs::write(
        dir.join("Dockerfile"),
        format!("# syntax=docker/dockerfile:1\n{BAD}"),
    )
    .unwrap();
    let moved = run(&dir);
    let before: Vec<&str> = issues.iter().map(|i| i.fingerprint.as_str()).collect();
    let after: Vec<&str> = moved.iter().map(|i| i.fingerprint.as_str()).collect();
    assert_eq!(before, after);
    assert_eq!(
        moved[0].location.lines.begin,
        issues[0].location.lines.begin + 1
    );
}

// --- checkstyle and JUnit: XML -----------------------------------------------------------

/// Every element and attribute is one the schema allows, and required attributes are there.
fn check_schema(node: roxmltree::Node, schema: &[(&str, &[&str], &[&str])]) {
    for n in node.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        let (_, required, optional) = schema
            .iter()
            .find(|(e, _, _)| *e == name)
            .unwrap_or_else(|| panic!("element <{name}> is not in the schema"));
        for r in *required {
            assert!(n.attribute(*r).is_some(), "<{name}> needs {r}");
        }
        for a in n.attributes() {
            assert!(
                required.contains(&a.name()) || optional.contains(&a.name()),
                "<{name}> has no attribute {}",
                a.name()
            );
        }
    }
}

#[test]
fn checkstyle_xml_parses_and_lists_every_file_and_finding() {
    let dir = project("checkstyle");
    let want = expected(&dir);
    let o = shipshape(
        &[
            "lint",
            "--format",
            "checkstyle",
            "Dockerfile",
            "good.Dockerfile",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    check_schema(
        root,
        &[
            ("checkstyle", &[], &["version"]),
            ("file", &["name"], &[]),
            (
                "error",
                &["line", "severity", "message", "source"],
                &["column"],
            ),
        ],
    );
    let files: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(files, ["Dockerfile", "good.Dockerfile"]);
    let errors: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), want.len());
    for (e, (_, line, rule, severity, message)) in errors.iter().zip(&want) {
        assert_eq!(e.attribute("line").unwrap(), line.to_string());
        assert_eq!(e.attribute("source").unwrap(), format!("shipshape.{rule}"));
        assert_eq!(
            e.attribute("message").unwrap(),
            message,
            "entities round-trip"
        );
        let sev = e.attribute("severity").unwrap();
        assert!(["error", "warning", "info", "ignore"].contains(&sev));
        assert_eq!(sev, severity);
    }
}

#[test]
fn junit_xml_fails_the_cases_the_exit_code_fails_on() {
    let dir = project("junit");
    let want = expected(&dir);
    let o = shipshape(
        &[
            "lint",
            "--format",
            "junit",
            "--fail-level",
            "warning",
            "Dockerfile",
            "good.Dockerfile",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let root = doc.root_element();
    // The elements and attributes of the JUnit XML schema CI systems read (Jenkins' junit-10).
    check_schema(
        root,
        &[
            (
                "testsuites",
                &[],
                &["name", "tests", "failures", "errors", "time", "disabled"],
            ),
            (
                "testsuite",
                &["name", "tests"],
                &[
                    "failures",
                    "errors",
                    "skipped",
                    "time",
                    "timestamp",
                    "hostname",
                    "id",
                    "package",
                    "disabled",
                ],
            ),
            (
                "testcase",
                &["name"],
                &["classname", "file", "line", "time", "assertions", "status"],
            ),
            ("failure", &[], &["message", "type"]),
            ("system-out", &[], &[]),
            ("system-err", &[], &[]),
            ("skipped", &[], &["message"]),
            ("error", &[], &["message", "type"]),
        ],
    );
    let suites: Vec<roxmltree::Node> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 2);
    let count =
        |n: roxmltree::Node, tag: &str| n.descendants().filter(|d| d.has_tag_name(tag)).count();
    for s in &suites {
        assert_eq!(
            s.attribute("tests").unwrap(),
            count(*s, "testcase").to_string()
        );
        assert_eq!(
            s.attribute("failures").unwrap(),
            count(*s, "failure").to_string()
        );
    }
    let failing = want
        .iter()
        .filter(|f| f.3 == "warning" || f.3 == "error")
        .count();
    assert!(failing > 0);
    assert_eq!(root.attribute("failures").unwrap(), failing.to_string());
    assert_eq!(count(root, "failure"), failing);
    // The clean file passes one case.
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some("good.Dockerfile"))
        .unwrap();
    assert_eq!(count(*clean, "testcase"), 1);
    assert_eq!(count(*clean, "failure"), 0);
    // At --fail-level error nothing fails, and the report agrees.
    let o = shipshape(
        &[
            "lint",
            "--format",
            "junit",
            "--fail-level",
            "error",
            "Dockerfile",
        ],
        &dir,
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(count(doc.root_element(), "failure"), 0);
    assert_eq!(count(doc.root_element(), "testcase"), want.len());
}

#[test]
fn xml_survives_any_dockerfile_text() {
    let dir = project("xml-controls");
    std::fs::write(dir.join("Dockerfile"), "FROM python:latest\nRUN echo \"\u{1}\u{8} ]]> <x> &amp;\" && pip install fastapi\nCMD run \u{7}\n").unwrap();
    for format in ["checkstyle", "junit"] {
        let o = shipshape(&["lint", "--format", format, "Dockerfile"], &dir, None);
        let text = String::from_utf8(o.stdout).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{format}: {e}: {text}"));
    }
}

// --- SARIF's helpUri ---------------------------------------------------------------------

#[test]
fn sarif_links_rule_pages_only_when_the_site_is_known() {
    let dir = project("sarif-help");
    let sarif = |site: Option<&str>, extra: &[&str]| -> Value {
        let mut args = vec!["lint", "--format", "sarif"];
        args.extend_from_slice(extra);
        args.push("Dockerfile");
        let o = shipshape(&args, &dir, site);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let v = sarif(None, &["--no-config"]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules.iter().all(|r| r.get("helpUri").is_none()),
        "no made-up host"
    );
    assert!(v["runs"][0]["tool"]["driver"]
        .get("informationUri")
        .is_none());
    let v = sarif(Some("https://docs.example.org/"), &[]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules[0]["helpUri"],
        format!(
            "https://docs.example.org/en/rules/{}/",
            rules[0]["id"].as_str().unwrap()
        )
    );
    // From the configuration too.
    std::fs::write(
        dir.join("shipshape.toml"),
        "site-url = \"https://lint.example.net\"\n",
    )
    .unwrap();
    let v = sarif(None, &[]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules[0]["helpUri"]
        .as_str()
        .unwrap()
        .starts_with("https://lint.example.net/en/rules/SS"));
}
