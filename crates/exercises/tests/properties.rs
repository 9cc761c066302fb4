//! The exercises never panic, whatever a trainee types or pastes, or a lead is sent: random
//! text and mutated solutions as Dockerfiles, scenarios and answers; random text as saved states
//! and completion codes. Codes round-trip whatever they hold.

use proptest::prelude::*;
use shipshape_exercises::catalogue::{self, LANGS};
use shipshape_exercises::code::{self, Code, Entry};
use shipshape_exercises::{check, saved, words, Kind, Work};

/// Checks `text` as the work of every exercise, and words every problem in every language.
fn check_everywhere(text: &str, ignore: &str) {
    for e in catalogue::all() {
        let work = match e.kind() {
            Kind::Dockerfile => Work::Dockerfile {
                dockerfile: text,
                dockerignore: ignore,
            },
            Kind::Capacity => Work::ScenarioJson(text),
            Kind::Concept => Work::Choice(text),
        };
        let outcome = check(e, &work);
        assert_eq!(outcome.results.len(), shipshape_exercises::goals(e).len());
        for r in &outcome.results {
            assert_eq!(r.met, r.problem.is_none());
            for lang in LANGS {
                let _ = words::goal_label(e, r.goal, lang);
                if let Some(p) = &r.problem {
                    let _ = words::problem(e, p, lang);
                }
            }
        }
    }
}

/// A solution with a few bytes changed: near-misses are where the checks' edges are.
fn mutated(source: &str, edits: &[(usize, u8)]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for (at, b) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = at % bytes.len();
        bytes[i] = *b;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}", ignore in "[a-z./*!#\\n]{0,40}") {
        check_everywhere(&text, &ignore);
    }

    #[test]
    fn mutated_solutions_never_panic(pick in 0usize..64, edits in proptest::collection::vec((0usize..4096, 0u8..128), 0..6)) {
        let e = &catalogue::all()[pick % catalogue::all().len()];
        let source = match (&e.dockerfile, &e.capacity) {
            (Some(t), _) => t.solution.to_string(),
            (_, Some(t)) => t.solution.to_string(),
            _ => "before-rollout".to_string(),
        };
        check_everywhere(&mutated(&source, &edits), ".git\n");
    }

    #[test]
    fn saved_states_and_codes_never_panic(text in "\\PC{0,200}") {
        let _ = saved::decode(&text);
        let _ = code::decode(&text);
        let _ = code::decode(&format!("{}{text}", code::PREFIX));
        let _ = saved::decode(&format!("{}{text}", saved::PREFIX));
    }

    #[test]
    fn codes_round_trip(name in "\\PC{0,20}", entries in proptest::collection::vec(("[a-z-]{1,20}", any::<bool>(), proptest::collection::vec("\\PC{0,60}", 0..3)), 0..5)) {
        let c = Code {
            name: name.clone(),
            entries: entries
                .into_iter()
                .map(|(id, with_solution, work)| Entry { id, with_solution, work })
                .collect(),
        };
        let text = code::encode(&c);
        // Names are trimmed by the track, not by the code.
        prop_assert_eq!(code::decode(&text), Ok(c.clone()));
        let verified = code::verify(&c, catalogue::get);
        prop_assert_eq!(verified.len(), c.entries.len());
    }
}
