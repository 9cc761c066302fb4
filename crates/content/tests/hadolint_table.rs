//! The hadolint table on the rules index (`content/hadolint.toml`): every one of hadolint
//! 2.15.1's 71 DL rules once, every hadolint code a Shipshape rule names in the registry among
//! them, and for each row without a rule a reason that exists in three languages.

use shipshape_content::hadolint::HadolintTable;
use shipshape_content::{default_content_dir, LANGS};
use shipshape_dockerfile::RuleId;
use std::collections::BTreeSet;

fn table() -> HadolintTable {
    HadolintTable::load(&default_content_dir()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lists_the_71_dl_rules_once_each() {
    let t = table();
    let codes: Vec<&str> = t.rule.iter().map(|r| r.code.as_str()).collect();
    let unique: BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(codes.len(), 71, "hadolint 2.15.1 has 71 DL rules");
    assert_eq!(unique.len(), codes.len(), "a code is listed twice");
    for c in &codes {
        assert!(
            c.len() == 6 && c.starts_with("DL") && c[2..].chars().all(|d| d.is_ascii_digit()),
            "{c}"
        );
    }
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "rows in code order");
}

#[test]
fn every_code_the_registry_names_is_in_the_table() {
    let t = table();
    let codes: BTreeSet<&str> = t.rule.iter().map(|r| r.code.as_str()).collect();
    for rule in RuleId::ALL {
        for code in rule.refs().hadolint {
            assert!(
                codes.contains(code),
                "{rule} names {code}, which the table lacks"
            );
        }
    }
}

#[test]
fn a_row_without_a_rule_has_a_reason_in_three_languages() {
    let t = table();
    let mut covered = 0;
    for row in &t.rule {
        for lang in LANGS {
            assert!(
                !row.what.get(lang).trim().is_empty(),
                "{} what {lang}",
                row.code
            );
        }
        if !RuleId::named(&row.code).is_empty() {
            covered += 1;
            // A rule covers it: a reason beside it would be stale.
            assert!(
                row.why.is_none() && row.note.is_none(),
                "{}: has a rule and a reason",
                row.code
            );
            continue;
        }
        let why = row
            .why
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no rule and no reason", row.code));
        let reason = t
            .reasons
            .get(why)
            .unwrap_or_else(|| panic!("{}: no reason `{why}`", row.code));
        for lang in LANGS {
            assert!(
                !reason.get(lang).trim().is_empty(),
                "{} reason {lang}",
                row.code
            );
            if let Some(n) = &row.note {
                assert!(!n.get(lang).trim().is_empty(), "{} note {lang}", row.code);
            }
        }
    }
    // Korean text has Hangul and Japanese text has kana, in every row.
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    let kana = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
    for row in &t.rule {
        assert!(
            hangul(&row.what.ko) || row.what.ko.is_ascii(),
            "{} ko",
            row.code
        );
        assert!(
            kana(&row.what.ja) || row.what.ja.is_ascii(),
            "{} ja",
            row.code
        );
    }
    for (k, r) in &t.reasons {
        assert!(hangul(&r.ko), "reason {k} ko");
        assert!(kana(&r.ja), "reason {k} ja");
    }
    assert!(
        covered >= 5,
        "the registry maps at least the rules it did: {covered}"
    );
    // Every reason is used.
    for k in t.reasons.keys() {
        assert!(
            t.rule.iter().any(|r| r.why.as_deref() == Some(k.as_str())),
            "reason {k} unused"
        );
    }
    for lang in LANGS {
        assert!(
            t.page.covered.get(lang).contains("{covered}")
                && t.page.covered.get(lang).contains("{total}")
        );
    }
}
