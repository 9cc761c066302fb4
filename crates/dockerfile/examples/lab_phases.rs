//! Where the lab's engine time goes on the typing benchmark's 300-line Dockerfile (the same
//! generator as `end2end/bench/lab-typing.mjs`): parse, rules and rebuild plan, each the median of
//! many runs. `cargo run --release -p shipshape-dockerfile --example lab_phases` (the release
//! profile is the one the wasm is built with, opt-level "z").

use shipshape_dockerfile::{
    lint, parse, plan, suggested_context, BuildContext, Changes, LintOptions,
};
use std::time::Instant;

fn dockerfile(lines: usize) -> String {
    let mut out: Vec<String> = vec![
        "# syntax=docker/dockerfile:1".into(),
        "ARG PYTHON_VERSION=3.13".into(),
        String::new(),
    ];
    let mut stage = 0;
    while out.len() < lines - 8 {
        out.push(format!(
            "FROM python:${{PYTHON_VERSION}}-slim AS stage{stage}"
        ));
        out.push("WORKDIR /code".into());
        out.push("COPY requirements.txt /code/requirements.txt".into());
        out.push("RUN --mount=type=cache,target=/root/.cache/pip \\".into());
        out.push("    pip install -r /code/requirements.txt".into());
        let mut i = 0;
        while i < 20 && out.len() < lines - 8 {
            out.push(format!("# step {stage}.{i}: 설정 / 設定"));
            out.push(format!("ENV SETTING_{stage}_{i}=\"value {i}\""));
            out.push(format!(
                "RUN echo \"building part {i}\" && ls -la /code > /tmp/list-{i}.txt"
            ));
            i += 1;
        }
        out.push("COPY ./app /code/app".into());
        out.push(String::new());
        stage += 1;
    }
    out.push("FROM python:3.13-slim".into());
    out.push("WORKDIR /code".into());
    out.push("COPY --from=stage0 /code /code".into());
    out.push("CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]".into());
    out.join("\n") + "\n"
}

fn median(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..201)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let src = dockerfile(300);
    let df = parse(&src);
    let context = BuildContext {
        paths: suggested_context(&df),
        dockerignore: None,
    };
    let options = LintOptions {
        context: Some(context.clone()),
        disabled: Vec::new(),
        profile: Default::default(),
    };
    let changes = Changes {
        paths: vec!["app/main.py".into()],
        build_args: Vec::new(),
        previous: None,
    };
    println!("{} lines, {} bytes", src.lines().count(), src.len());
    if std::env::args().any(|a| a == "--profile") {
        // A long loop of the rules and the plan, for `perf record`.
        for _ in 0..3000 {
            drop(lint(&df, &src, &options));
            drop(plan(&df, &context, &changes, None));
        }
        return;
    }
    println!("parse  {:.3} ms", median(|| drop(parse(&src))));
    println!(
        "lint   {:.3} ms",
        median(|| drop(lint(&df, &src, &options)))
    );
    println!(
        "plan   {:.3} ms",
        median(|| drop(plan(&df, &context, &changes, None)))
    );
}
