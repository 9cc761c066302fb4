//! BuildKit's own parser test cases (`../shared/conformance/buildkit-parser`):
//! every positive case must dump exactly like BuildKit, every negative case
//! must be rejected by the parser.

mod common;

use std::fs;

#[test]
fn buildkit_parser_cases() {
    let Some(dir) = common::shared_dir("conformance/buildkit-parser") else {
        return;
    };
    let mut passed = 0;
    let mut failures = Vec::new();
    let mut cases: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
    cases.sort_by_key(|e| e.file_name());
    for entry in cases {
        let case = entry.path();
        if !case.join("Dockerfile").is_file() {
            continue;
        }
        let source = fs::read_to_string(case.join("Dockerfile")).unwrap();
        let expected = fs::read_to_string(case.join("result")).unwrap();
        let parsed = shipshape_dockerfile::parse(&source);
        match shipshape_dockerfile::buildkit::dump(&parsed) {
            Ok(dump) if dump == expected => passed += 1,
            Ok(dump) => failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{dump}",
                case.display()
            )),
            Err(e) => failures.push(format!("{}: rejected: {e}", case.display())),
        }
    }
    println!("buildkit positive cases passed: {passed}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(passed >= 25, "expected the full case set, ran {passed}");
}

#[test]
fn buildkit_negative_cases_are_rejected() {
    let Some(dir) = common::shared_dir("conformance/buildkit-parser/negative") else {
        return;
    };
    let mut rejected = 0;
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let source = fs::read_to_string(entry.path().join("Dockerfile")).unwrap();
        let parsed = shipshape_dockerfile::parse(&source);
        assert!(
            shipshape_dockerfile::buildkit::dump(&parsed).is_err(),
            "{} should be rejected",
            entry.path().display()
        );
        rejected += 1;
    }
    assert_eq!(rejected, 4);
}
