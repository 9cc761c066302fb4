use shipshape_dockerfile::*;
fn main() {
    let mut big = String::from("FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install -r requirements.txt\nCOPY ./app /code/app\n");
    while big.len() < 1_000_000 {
        big.push_str("RUN echo \"a line to make the file long\" && true\n");
    }
    let df = parse(&big);
    let ctx = BuildContext {
        paths: vec!["requirements.txt".into(), "app/main.py".into()],
        dockerignore: None,
    };
    for r in RuleId::ALL {
        let disabled: Vec<RuleId> = RuleId::ALL.iter().copied().filter(|x| *x != r).collect();
        let t0 = std::time::Instant::now();
        let _ = lint_all(
            &df,
            &big,
            &LintOptions {
                context: Some(ctx.clone()),
                disabled,
            },
        );
        println!("{r} {:?}", t0.elapsed());
    }
}
