//! Any input as a trainee's work for every exercise (a Dockerfile with a `.dockerignore` after
//! a NUL byte, a scenario's JSON, an answer), and as a saved state and a completion code: the
//! checks and their wording never panic, and a code decodes only if its checksum holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape_exercises::catalogue::{self, LANGS};
use shipshape_exercises::{check, code, saved, words, Kind, Work};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (dockerfile, ignore) = text.split_once('\0').unwrap_or((text, ""));
    for e in catalogue::all() {
        let work = match e.kind() {
            Kind::Dockerfile => Work::Dockerfile {
                dockerfile,
                dockerignore: ignore,
            },
            Kind::Capacity => Work::ScenarioJson(text),
            Kind::Concept => Work::Choice(text),
        };
        let outcome = check(e, &work);
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
    let _ = saved::decode(text);
    if let Ok(c) = code::decode(text) {
        let again = code::decode(&code::encode(&c));
        assert_eq!(again, Ok(c.clone()));
        let _ = code::verify(&c, catalogue::get);
    }
});
