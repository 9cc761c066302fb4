use shipshape_dockerfile::*;
fn main() {
    let e = shipshape_exercises::catalogue::get("requirements-first").unwrap();
    let t = e.dockerfile.as_ref().unwrap();
    let mut big = t.solution.to_string();
    while big.len() < 1_000_000 {
        big.push_str("RUN echo \"a line to make the file long\" && true\n");
    }
    let t0 = std::time::Instant::now();
    let df = parse(&big);
    println!("parse {:?}", t0.elapsed());
    let ctx = BuildContext {
        paths: vec!["requirements.txt".into(), "app/main.py".into()],
        dockerignore: None,
    };
    let t0 = std::time::Instant::now();
    let _ = lint_all(
        &df,
        &big,
        &LintOptions {
            context: Some(ctx.clone()),
            disabled: vec![],
        },
    );
    println!("lint {:?}", t0.elapsed());
    let t0 = std::time::Instant::now();
    let _ = plan(
        &df,
        &ctx,
        &Changes {
            paths: vec!["app/main.py".into()],
            build_args: vec![],
        },
        None,
    );
    println!("plan {:?}", t0.elapsed());
    let t0 = std::time::Instant::now();
    let _ = facts::image_facts(&df, None);
    println!("facts {:?}", t0.elapsed());
}
