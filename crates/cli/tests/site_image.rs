//! The hosted site's image (`deploy/Dockerfile`): it cannot be built here (no Docker engine), so
//! Shipshape's own engine checks it as it would a user's. The lint finds nothing, the server
//! stage runs nginx as a non-root user with the repository's config, and the rebuild model
//! shows that an edit to the site's sources or the guide reruns the build but never the pinned
//! toolchain's install.

mod common;

use common::{repo, shipshape};
use serde_json::Value;

const FILE: &str = "deploy/Dockerfile";

#[test]
fn the_site_image_lints_clean() {
    let (code, out, err) = shipshape(&[
        "lint",
        "--no-config",
        "--fail-level",
        "info",
        "--context",
        ".",
        "--format",
        "json",
        FILE,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        Value::Array(vec![])
    );
}

#[test]
fn the_server_stage_is_nginx_as_www_data_with_the_repository_config() {
    let text = std::fs::read_to_string(repo().join(FILE)).unwrap();
    let last = &text[text.rfind("\nFROM ").unwrap()..];
    assert!(last.contains("libnginx-mod-http-brotli-static"), "{last}");
    assert!(last.contains("COPY deploy/nginx/nginx.conf /etc/nginx/shipshape.conf"));
    assert!(last.contains("COPY --from=build /src/dist /usr/share/nginx/shipshape"));
    assert!(last.contains("\nUSER 33:33\n"), "numeric, for runAsNonRoot");
    assert!(last.contains(
        "\nCMD [\"nginx\", \"-c\", \"/etc/nginx/shipshape.conf\", \"-g\", \"daemon off;\"]"
    ));
    // The config the image runs is the one the browser tests run (end2end/nginx.mjs), and it
    // serves the folder the image copies the site to.
    let conf = std::fs::read_to_string(repo().join("deploy/nginx/nginx.conf")).unwrap();
    assert!(conf.contains("root /usr/share/nginx/shipshape;"));
    assert!(conf.contains("include /usr/share/nginx/shipshape/_nginx-headers.conf;"));
    // The toolchain is the one scripts/tools.sh pins: Trunk by number, wasm-bindgen-cli at the
    // version of the wasm-bindgen crate in Cargo.lock.
    let tools = std::fs::read_to_string(repo().join("scripts/tools.sh")).unwrap();
    let trunk = tools
        .lines()
        .find_map(|l| l.strip_prefix("TRUNK_VERSION="))
        .expect("TRUNK_VERSION in tools.sh");
    assert!(text.contains(&format!("cargo install trunk --version {trunk} --locked")));
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let bindgen = lock
        .split("\n[[package]]\n")
        .find(|p| p.starts_with("name = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().nth(1))
        .and_then(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("wasm-bindgen in Cargo.lock");
    assert!(text.contains(&format!(
        "cargo install wasm-bindgen-cli --version {bindgen}"
    )));
}

/// The build stage's RUN steps: (first line of the command, status).
fn run_steps(changed: &[&str]) -> Vec<(String, String)> {
    let mut args = vec![
        "rebuild",
        FILE,
        "--context",
        ".",
        "--format",
        "json",
        "--changed",
    ];
    args.extend_from_slice(changed);
    let (code, out, err) = shipshape(&args);
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    let text = std::fs::read_to_string(repo().join(FILE)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    plan["stages"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["instruction"] == "RUN")
        .map(|s| {
            let (a, b) = (
                s["line"].as_u64().unwrap() as usize,
                s["end_line"].as_u64().unwrap() as usize,
            );
            (
                lines[a - 1..b].join(" "),
                s["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status<'a>(steps: &'a [(String, String)], what: &str) -> &'a str {
    &steps
        .iter()
        .find(|(text, _)| text.contains(what))
        .unwrap_or_else(|| panic!("no step with {what}: {steps:?}"))
        .1
}

#[test]
fn a_source_edit_reruns_the_build_but_not_the_toolchain_install() {
    for source in [
        "src/app.rs",
        "content/ko/replication.md",
        "crates/dockerfile/src/lib.rs",
        "Cargo.lock",
    ] {
        let steps = run_steps(&[source]);
        for tool in [
            "apt-get install",
            "rustup target add",
            "cargo install trunk",
            "npm ci",
        ] {
            assert_eq!(
                status(&steps, tool),
                "cached",
                "{source}: {tool}: {steps:?}"
            );
        }
        assert_eq!(
            status(&steps, "trunk build --release"),
            "rebuilt",
            "{source}"
        );
    }
    // A new binaryen pin reinstalls it, and still not the Rust tools.
    let steps = run_steps(&["tools/package-lock.json"]);
    assert_eq!(status(&steps, "npm ci"), "rebuilt");
    assert_eq!(status(&steps, "cargo install trunk"), "cached");
    // What a test run leaves behind is not in the context.
    let steps = run_steps(&[
        "end2end/tests/lab.test.mjs",
        "target/debug/x",
        "dist/index.html",
    ]);
    assert!(steps.iter().all(|s| s.1 == "cached"), "{steps:?}");
}
