//! Prints every exercise's checklist for its start and its solution, in one language:
//! `cargo run -p shipshape-exercises --example checklist -- [en|ko|ja] [ID]`.

use shipshape_exercises::catalogue::{self, Lang};
use shipshape_exercises::{check, goals, words, Kind, Work};

fn main() {
    let mut args = std::env::args().skip(1);
    let lang = args
        .next()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::En);
    let only = args.next();
    for e in catalogue::all() {
        if only.as_deref().is_some_and(|id| id != e.id) {
            continue;
        }
        let title = catalogue::text(&e.id, lang).map(|t| t.title.to_string());
        println!(
            "\n## {} ({}): {}",
            e.id,
            e.kind().as_str(),
            title.unwrap_or_default()
        );
        for g in goals(e) {
            println!("  - {}", words::goal_label(e, g, lang));
        }
        let (start, solution) = match e.kind() {
            Kind::Dockerfile => {
                let t = e.dockerfile.as_ref().unwrap();
                (
                    check(
                        e,
                        &Work::Dockerfile {
                            dockerfile: &t.start,
                            dockerignore: &t.start_dockerignore,
                        },
                    ),
                    check(
                        e,
                        &Work::Dockerfile {
                            dockerfile: &t.solution,
                            dockerignore: &t.solution_dockerignore,
                        },
                    ),
                )
            }
            Kind::Capacity => {
                let t = e.capacity.as_ref().unwrap();
                (
                    check(e, &Work::ScenarioJson(&t.start)),
                    check(e, &Work::ScenarioJson(&t.solution)),
                )
            }
            Kind::Concept => {
                let c = e.concept.as_ref().unwrap();
                (
                    check(e, &Work::Choice(&c.choices[0])),
                    check(e, &Work::Choice(&c.answer)),
                )
            }
        };
        for (name, o) in [("start", start), ("solution", solution)] {
            println!("  {name}: {}/{} goals met", o.met(), o.results.len());
            for r in o.results.iter().filter(|r| !r.met) {
                println!(
                    "    ✗ {}",
                    words::problem(e, r.problem.as_ref().unwrap(), lang)
                );
            }
        }
    }
}
