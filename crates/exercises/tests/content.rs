//! The exercises are real: for every exercise, in every language, the start fails a goal, the
//! solution meets them all, and the ways of cheating a trainee would try first do not pass
//! (deleting the install, keeping only the FROM line, dropping the start command, dropping any
//! one RUN of the solution; changing a capacity scenario's facts; any wrong answer). Their text
//! exists in all three languages with the same structure, and its links reach the guide.

use shipshape_content::{default_content_dir, render_fragment, Site};
use shipshape_dockerfile::{parse, Keyword};
use shipshape_exercises::catalogue::{self, LANGS};
use shipshape_exercises::{check, Exercise, Kind, Work};

fn passes_dockerfile(e: &Exercise, dockerfile: &str, dockerignore: &str) -> bool {
    check(
        e,
        &Work::Dockerfile {
            dockerfile,
            dockerignore,
        },
    )
    .passed()
}

/// The file without the instructions `drop` picks (their whole lines, continuations included).
fn without(source: &str, drop: impl Fn(usize, Keyword) -> bool) -> String {
    let df = parse(source);
    let mut out = String::new();
    let mut at = 0;
    for (i, ins) in df.instructions.iter().enumerate() {
        if !drop(i, ins.keyword) {
            continue;
        }
        let start = source[..ins.span.start].rfind('\n').map_or(0, |n| n + 1);
        let end = source[ins.span.end..]
            .find('\n')
            .map_or(source.len(), |n| ins.span.end + n + 1);
        if start < at {
            continue;
        }
        out.push_str(&source[at..start]);
        at = end;
    }
    out.push_str(&source[at..]);
    out
}

fn only_from(source: &str) -> String {
    let df = parse(source);
    let first = df
        .instructions
        .iter()
        .position(|i| i.keyword == Keyword::From);
    without(source, |i, _| Some(i) != first)
}

#[test]
fn the_catalogue_has_no_problems() {
    let problems = catalogue::problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_track_has_what_the_issue_asks_for() {
    let count = |k: Kind| catalogue::all().iter().filter(|e| e.kind() == k).count();
    assert!(catalogue::all().len() >= 20);
    assert!(count(Kind::Dockerfile) >= 12);
    assert!(count(Kind::Capacity) >= 6);
    assert!(count(Kind::Concept) >= 2);
    for part in shipshape_exercises::Part::ALL {
        assert!(
            catalogue::all().iter().any(|e| e.part == part),
            "no exercise in {part:?}"
        );
    }
}

#[test]
fn every_dockerfile_exercise_starts_failing_is_solved_by_its_solution_and_refuses_bypasses() {
    for e in catalogue::all() {
        let Some(t) = &e.dockerfile else { continue };
        let id = &e.id;
        let start = check(
            e,
            &Work::Dockerfile {
                dockerfile: &t.start,
                dockerignore: &t.start_dockerignore,
            },
        );
        assert!(!start.passed(), "{id}: the start already passes");
        // The start keeps the image honest: only the exercise's own goals fail.
        for r in &start.results {
            if !matches!(r.goal, shipshape_exercises::Goal::Check(_)) {
                assert!(r.met, "{id}: the start fails {:?}: {:?}", r.goal, r.problem);
            }
        }
        let solution = check(
            e,
            &Work::Dockerfile {
                dockerfile: &t.solution,
                dockerignore: &t.solution_dockerignore,
            },
        );
        assert!(
            solution.passed(),
            "{id}: the solution fails {:?}",
            solution
                .results
                .iter()
                .filter(|r| !r.met)
                .collect::<Vec<_>>()
        );
        let ignore = &t.solution_dockerignore;
        let bypasses = [
            (
                "the start without its RUN lines",
                without(&t.start, |_, k| k == Keyword::Run),
                ignore,
            ),
            ("only the FROM line", only_from(&t.start), ignore),
            (
                "the solution without its start command",
                without(&t.solution, |_, k| {
                    matches!(k, Keyword::Cmd | Keyword::Entrypoint)
                }),
                ignore,
            ),
        ];
        for (what, text, ignore) in &bypasses {
            assert!(
                !passes_dockerfile(e, text, ignore),
                "{id}: {what} passes:\n{text}"
            );
        }
        let df = parse(&t.solution);
        for (i, ins) in df.instructions.iter().enumerate() {
            if ins.keyword != Keyword::Run {
                continue;
            }
            let text = without(&t.solution, |j, _| j == i);
            assert!(
                !passes_dockerfile(e, &text, ignore),
                "{id}: the solution without line {} passes:\n{text}",
                ins.span.start_pos.line
            );
        }
    }
}

#[test]
fn every_capacity_exercise_starts_failing_is_solved_and_keeps_its_facts() {
    for e in catalogue::all() {
        let Some(t) = &e.capacity else { continue };
        let id = &e.id;
        assert!(
            !check(e, &Work::ScenarioJson(&t.start)).passed(),
            "{id}: start passes"
        );
        let solved = check(e, &Work::ScenarioJson(&t.solution));
        assert!(
            solved.passed(),
            "{id}: the solution fails {:?}",
            solved.results
        );
        // Changing the exercise's facts (the app, the traffic, the machine or cluster) to make
        // the scenario fit never passes.
        let solution: serde_json::Value = serde_json::from_str(&t.solution).unwrap();
        let mut tweaks: Vec<(&str, serde_json::Value)> = Vec::new();
        let mut smaller_app = solution.clone();
        smaller_app["app"]["process_mib"] = serde_json::json!(10);
        tweaks.push(("a smaller app", smaller_app));
        let mut less_traffic = solution.clone();
        less_traffic["traffic"]["requests_per_second"] = serde_json::json!(1);
        tweaks.push(("less traffic", less_traffic));
        let mut bigger = solution.clone();
        if let Some(m) = bigger["target"].get_mut("machine") {
            m["memory_mib"] = serde_json::json!(65536);
        } else if let Some(k) = bigger["target"].get_mut("kubernetes") {
            k["reservation"] = serde_json::json!("none");
        }
        tweaks.push(("a bigger target", bigger));
        for (what, json) in tweaks {
            let text = json.to_string();
            assert!(
                !check(e, &Work::ScenarioJson(&text)).passed(),
                "{id}: {what} passes"
            );
        }
        assert!(!check(e, &Work::ScenarioJson("{not json")).passed());
    }
}

#[test]
fn every_concept_exercise_has_one_right_answer() {
    for e in catalogue::all() {
        let Some(c) = &e.concept else { continue };
        for choice in c.choices.iter() {
            let passed = check(e, &Work::Choice(choice)).passed();
            assert_eq!(passed, *choice == c.answer, "{}: {choice}", e.id);
        }
        assert!(!check(e, &Work::Choice("")).passed());
        assert!(!check(e, &Work::Choice("made-up")).passed());
    }
}

#[test]
fn work_of_the_wrong_kind_never_passes() {
    for e in catalogue::all() {
        let wrong = match e.kind() {
            Kind::Dockerfile => Work::Choice("x"),
            _ => Work::Dockerfile {
                dockerfile: "FROM scratch\n",
                dockerignore: "",
            },
        };
        assert!(!check(e, &wrong).passed(), "{}", e.id);
    }
}

#[test]
fn the_text_renders_in_every_language_and_its_links_reach_the_guide() {
    let site = Site::load(&default_content_dir()).expect("the guide loads");
    for e in catalogue::all() {
        for slug in e.practises.iter() {
            assert!(
                site.guide("en").unwrap().page(slug).is_some(),
                "{}: practises `{slug}`, which is not a page",
                e.id
            );
        }
        for lang in LANGS {
            let guide = site.guide(lang.code()).unwrap();
            let t = catalogue::text(&e.id, lang).unwrap_or_else(|| panic!("{} {lang:?}", e.id));
            let mut pieces: Vec<&str> = vec![&t.task, &t.explanation];
            pieces.extend(t.hints.iter().map(|h| h.as_ref()));
            pieces.extend(
                t.choices
                    .iter()
                    .flat_map(|c| [c.label.as_ref(), c.why.as_ref()]),
            );
            for md in pieces {
                let name = format!("exercises/{}", e.id);
                let page = render_fragment(lang.code(), &name, md)
                    .unwrap_or_else(|errors| panic!("{}", errors.join("\n")));
                for link in &page.links {
                    let target = guide
                        .page(&link.slug)
                        .unwrap_or_else(|| panic!("{} ({lang:?}): link to `{}`", e.id, link.slug));
                    if let Some(a) = &link.anchor {
                        assert!(
                            target.rendered.headings.iter().any(|h| &h.id == a),
                            "{} ({lang:?}): no #{a} on {}",
                            e.id,
                            link.slug
                        );
                    }
                }
            }
            // Korean and Japanese are written in Korean and Japanese.
            if lang != shipshape_exercises::catalogue::Lang::En {
                assert!(!t.title.is_ascii(), "{} ({lang:?}): {}", e.id, t.title);
                assert!(!t.task.is_ascii(), "{} ({lang:?}): the task", e.id);
            }
        }
    }
}

/// Korean that inserts a file, a command or a number chooses its particles from it, in the
/// guide's register.
fn reads_right_in_korean(lang: catalogue::Lang, text: &str) -> bool {
    lang != catalogue::Lang::Ko
        || (shipshape_lang::ko::mismatches(text).is_empty()
            && shipshape_lang::ko::off_register(text).is_empty())
}

#[test]
fn every_problem_is_worded_in_every_language() {
    // The start of every exercise, and a Dockerfile that does not parse, give problems of many
    // kinds: each has words in each language, with no placeholder left.
    for e in catalogue::all() {
        let mut outcomes = Vec::new();
        match e.kind() {
            Kind::Dockerfile => {
                let t = e.dockerfile.as_ref().unwrap();
                outcomes.push(check(
                    e,
                    &Work::Dockerfile {
                        dockerfile: &t.start,
                        dockerignore: "",
                    },
                ));
                outcomes.push(check(
                    e,
                    &Work::Dockerfile {
                        dockerfile: "FROBNICATE\nFROM python:3.13\n",
                        dockerignore: "",
                    },
                ));
            }
            Kind::Capacity => {
                let t = e.capacity.as_ref().unwrap();
                outcomes.push(check(e, &Work::ScenarioJson(&t.start)));
                outcomes.push(check(e, &Work::ScenarioJson("{\"app\": 1}")));
            }
            Kind::Concept => outcomes.push(check(e, &Work::Choice(""))),
        }
        for lang in LANGS {
            for g in shipshape_exercises::goals(e) {
                let label = shipshape_exercises::words::goal_label(e, g, lang);
                assert!(
                    !label.trim().is_empty() && !label.contains('{'),
                    "{} {lang:?} {g:?}: {label}",
                    e.id
                );
                assert!(
                    reads_right_in_korean(lang, &label),
                    "{} {g:?}: a particle or ending is wrong: {label} ({:?})",
                    e.id,
                    shipshape_lang::ko::mismatches(&label)
                );
            }
            for o in &outcomes {
                for r in o.results.iter().filter(|r| !r.met) {
                    let text =
                        shipshape_exercises::words::problem(e, r.problem.as_ref().unwrap(), lang);
                    assert!(
                        !text.trim().is_empty() && !text.contains("{}"),
                        "{} {lang:?}: {:?}",
                        e.id,
                        r.problem
                    );
                    assert!(
                        reads_right_in_korean(lang, &text),
                        "{}: a particle or ending is wrong: {text} ({:?})",
                        e.id,
                        shipshape_lang::ko::mismatches(&text)
                    );
                }
            }
        }
    }
}
