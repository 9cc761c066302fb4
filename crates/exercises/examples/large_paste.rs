//! Times the checks on a 1 MB paste (21,000 lines), the largest work the editor takes:
//! `cargo run --release -p shipshape-exercises --example large_paste`.
use shipshape_exercises::{catalogue, check_dockerfile};
fn main() {
    let e = catalogue::get("requirements-first").unwrap();
    let t = e.dockerfile.as_ref().unwrap();
    let mut big = t.solution.to_string();
    while big.len() < 1_000_000 {
        big.push_str("RUN echo \"a line to make the file long\" && true\n");
    }
    for _ in 0..3 {
        let start = std::time::Instant::now();
        let o = check_dockerfile(e, &big, "");
        println!(
            "{} bytes: {} of {} goals met in {:?}",
            big.len(),
            o.met(),
            o.results.len(),
            start.elapsed()
        );
    }
}
