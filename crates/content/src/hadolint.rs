//! `content/hadolint.toml`: hadolint's DL rules and what Shipshape does about each, for the
//! table on the rules index. Which Shipshape rule covers a code is not written here: it comes
//! from the rule registry (`RuleId::named`), so the table cannot drift from the rules.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A text in the three languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ko: String,
    pub ja: String,
}

impl Text {
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "ko" => &self.ko,
            "ja" => &self.ja,
            _ => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TablePage {
    pub heading: Text,
    pub lead: Text,
    pub what: Text,
    /// With `{covered}` and `{total}`.
    pub covered: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HadolintRule {
    pub code: String,
    pub what: Text,
    /// A key of `reasons`: why no Shipshape rule covers it (absent when one does).
    pub why: Option<String>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HadolintTable {
    pub page: TablePage,
    pub reasons: BTreeMap<String, Text>,
    pub rule: Vec<HadolintRule>,
}

impl HadolintTable {
    pub fn load(content_dir: &Path) -> Result<HadolintTable, String> {
        let path = content_dir.join("hadolint.toml");
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
