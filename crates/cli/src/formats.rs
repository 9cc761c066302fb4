//! The lint's output formats for CI systems beside text, JSON and SARIF: GitHub Actions
//! workflow commands, GitLab Code Quality, checkstyle XML and JUnit XML.

use crate::lint_cmd::Record;
use serde_json::json;
use shipshape_dockerfile::RuleSeverity;

/// What the rebuild of a change (`--since`) says for one file, for the formats that carry it.
pub struct RebuildNote {
    pub file: String,
    pub summary: String,
}

// --- GitHub Actions ----------------------------------------------------------------------

/// `::warning file=Dockerfile,line=5,...::message`, one per finding, as GitHub Actions reads
/// them from a step's output to annotate the pull request. Escaped as the Actions toolkit
/// escapes: `%`, CR and LF everywhere, and `:` and `,` in properties.
pub fn github(records: &[Record], notes: &[RebuildNote]) -> String {
    let mut out = String::new();
    for r in records {
        let level = match r.severity {
            RuleSeverity::Error => "error",
            RuleSeverity::Warning => "warning",
            RuleSeverity::Info => "notice",
        };
        let file = if r.file == "-" { "Dockerfile" } else { &r.file };
        out.push_str(&format!(
            "::{level} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            github_property(file),
            r.line,
            r.end_line.max(r.line),
            r.column,
            r.end_column,
            github_property(&format!("shipshape {}", r.rule)),
            github_data(&r.message),
        ));
    }
    for n in notes {
        let file = if n.file == "-" { "Dockerfile" } else { &n.file };
        out.push_str(&format!(
            "::notice file={},title={}::{}\n",
            github_property(file),
            github_property("shipshape rebuild"),
            github_data(&n.summary)
        ));
    }
    out
}

fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

// --- GitLab Code Quality -----------------------------------------------------------------

/// GitLab's Code Quality report: a JSON array of Code Climate issues with `description`,
/// `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`.
/// The fingerprint is stable across runs for the same problem: the file, the rule, the
/// instruction's text and which occurrence of that it is, not the line number (an edit
/// above it must not make GitLab see a new issue).
pub fn gitlab(records: &[Record]) -> String {
    let mut seen: Vec<(String, String, String)> = Vec::new();
    let issues: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            let key = (r.file.clone(), r.rule.clone(), r.snippet.trim().to_string());
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key.clone());
            let fingerprint = fingerprint(&[&key.0, &key.1, &key.2, &occurrence.to_string()]);
            let severity = match r.severity {
                RuleSeverity::Error => "critical",
                RuleSeverity::Warning => "major",
                RuleSeverity::Info => "info",
            };
            json!({
                "type": "issue",
                "description": r.message,
                "check_name": r.rule,
                "fingerprint": fingerprint,
                "severity": severity,
                "categories": [category(&r.rule)],
                "location": {
                    "path": if r.file == "-" { "Dockerfile" } else { &r.file },
                    "lines": { "begin": r.line, "end": r.end_line.max(r.line) },
                },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}

/// Code Climate's categories, by what the rule is about.
fn category(rule: &str) -> &'static str {
    match rule {
        "syntax" => "Bug Risk",
        "SS007" | "SS004" | "SS014" => "Security",
        "SS008" | "SS012" | "SS013" | "SS015" | "SS016" => "Bug Risk",
        _ => "Performance",
    }
}

/// 128 bits of two FNV-1a hashes, as 32 hex digits (the width of the MD5 GitLab's own
/// analyzers use).
fn fingerprint(parts: &[&str]) -> String {
    let hash = |seed: u64| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for p in parts {
            for b in p.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    format!("{:016x}{:016x}", hash(0), hash(0x9e37_79b9_7f4a_7c15))
}

// --- XML ---------------------------------------------------------------------------------

/// Text for an XML attribute or element: the five entities escaped, and the characters XML
/// 1.0 cannot carry at all (most C0 controls) replaced, so any Dockerfile's text is safe.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn display_name(file: &str) -> &str {
    if file == "-" {
        "stdin"
    } else {
        file
    }
}

/// Checkstyle's XML, which Jenkins' warnings plugin, reviewdog and most code review tools read:
/// a `<file>` per Dockerfile linted, an `<error>` per finding.
pub fn checkstyle(records: &[Record], files: &[String]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in files {
        out.push_str(&format!("  <file name=\"{}\">\n", xml(display_name(file))));
        for r in records.iter().filter(|r| &r.file == file) {
            let severity = match r.severity {
                RuleSeverity::Error => "error",
                RuleSeverity::Warning => "warning",
                RuleSeverity::Info => "info",
            };
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"shipshape.{}\"/>\n",
                r.line,
                r.column,
                xml(&r.message),
                xml(&r.rule)
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

/// JUnit XML, which every CI shows as a test report: a `<testsuite>` per Dockerfile, a
/// `<testcase>` per finding, failed when the finding is at or above the fail level (so the
/// report's red agrees with the exit code), and one passing `lint` case for a clean file.
pub fn junit(
    records: &[Record],
    files: &[String],
    fails: &dyn Fn(&Record) -> bool,
    notes: &[RebuildNote],
) -> String {
    let total = records.len()
        + files
            .iter()
            .filter(|f| !records.iter().any(|r| &r.file == *f))
            .count();
    let failures = records.iter().filter(|r| fails(r)).count();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shipshape lint\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">\n"
    );
    for file in files {
        let mine: Vec<&Record> = records.iter().filter(|r| &r.file == file).collect();
        let name = xml(display_name(file));
        let failed = mine.iter().filter(|r| fails(r)).count();
        out.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">\n",
            mine.len().max(1)
        ));
        if mine.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"lint\" classname=\"{name}\"/>\n"
            ));
        }
        for r in mine {
            let case = format!("{} line {}", r.rule, r.line);
            let detail = format!(
                "{}:{}:{}: {} {}: {}",
                display_name(&r.file),
                r.line,
                r.column,
                r.severity.as_str(),
                r.rule,
                r.message
            );
            if fails(r) {
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                    xml(&case),
                    r.line,
                    xml(&r.message),
                    xml(&r.rule),
                    xml(&detail)
                ));
            } else {
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\" line=\"{}\">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    xml(&case),
                    r.line,
                    xml(&detail)
                ));
            }
        }
        if let Some(n) = notes.iter().find(|n| &n.file == file) {
            out.push_str(&format!(
                "    <system-out>{}</system-out>\n",
                xml(&n.summary)
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_controls_replaced() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml("x\u{1}y\tz"), "x\u{FFFD}y\tz");
    }

    #[test]
    fn github_escapes_as_the_toolkit_does() {
        assert_eq!(github_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = fingerprint(&["Dockerfile", "SS008", "CMD x", "0"]);
        assert_eq!(a, fingerprint(&["Dockerfile", "SS008", "CMD x", "0"]));
        assert_ne!(a, fingerprint(&["Dockerfile", "SS008", "CMD x", "1"]));
        assert_ne!(a, fingerprint(&["Dockerfile", "SS008C", "MD x", "0"]));
        assert_eq!(a.len(), 32);
    }
}
