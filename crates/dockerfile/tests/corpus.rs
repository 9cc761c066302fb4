//! The real-world corpus (`../shared/corpus/dockerfiles`, 760 Dockerfiles):
//! every file must parse without a spurious error. The only files allowed to
//! have errors are the ones that are invalid on purpose (BuildKit's negative
//! parser cases) or that `docker build` itself rejects, each listed with why.

mod common;

use std::fs;

/// Files with a real error, and the error `docker build` gives for them too.
const INVALID_ON_PURPOSE: &[(&str, &str)] = &[
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles-negative__empty_dockerfile__Dockerfile",
        "file with no instructions",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles-negative__only_comments__Dockerfile",
        "file with no instructions",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile",
        "ENV must have two arguments",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles-negative__shykes-nested-json__Dockerfile",
        "arrays must be comprised of strings only",
    ),
    // BuildKit parser tests: inputs for the parser alone, which the build
    // step (instruction checks) rejects.
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__json__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-string__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-unterminated-bracket__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-string-double__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-single-quotes__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__jeztah-invalid-json-json-inside-string__Dockerfile",
        "CMD before the first FROM",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__health__Dockerfile",
        "HEALTHCHECK requires at least one argument",
    ),
    (
        "moby__buildkit__frontend__dockerfile__parser__testfiles__flags__Dockerfile",
        "COPY does not take the flag --user",
    ),
    // docker/docs pages kept with their Jekyll front matter (`---`, see the
    // corpus README): as files they are not valid Dockerfiles.
    (
        "docker__docs__engine__examples__postgresql_service.Dockerfile",
        "unknown instruction: ---",
    ),
    (
        "docker__docs__engine__examples__apt-cacher-ng.Dockerfile",
        "unknown instruction: ---",
    ),
];

pub fn is_dockerfile(name: &str) -> bool {
    !name.ends_with(".dockerignore")
}

#[test]
fn corpus_parses_without_spurious_errors() {
    let Some(dir) = common::shared_dir("corpus/dockerfiles") else {
        return;
    };
    let mut files = 0;
    let mut unexpected = Vec::new();
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_dockerfile(&name) {
            continue;
        }
        files += 1;
        let bytes = fs::read(entry.path()).unwrap();
        let source = String::from_utf8_lossy(&bytes);
        let parsed = shipshape_dockerfile::parse(&source);
        let errors: Vec<String> = parsed.errors().map(|e| e.to_string()).collect();
        match INVALID_ON_PURPOSE.iter().find(|(f, _)| *f == name) {
            Some((_, expected)) => assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{name}: expected an error containing {expected:?}, got {errors:?}"
            ),
            None if !errors.is_empty() => unexpected.push(format!("{name}: {errors:?}")),
            None => {}
        }
    }
    println!("corpus: {files} Dockerfiles parsed");
    assert!(files >= 760, "corpus incomplete: {files} files");
    assert!(
        unexpected.is_empty(),
        "{} files with errors:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
