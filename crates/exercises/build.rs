//! Compiles the guide's exercises into the crate as static data: `content/exercises/track.toml`
//! (the order), `content/exercises/<id>.toml` (each exercise) and
//! `content/<lang>/exercises/<id>.toml` (its text in each language). A file that does not read
//! stops the build with its name and the reason; whether the exercises make sense (their checks,
//! their translations) is the content test's question (`tests/content.rs`), which says more.

#[path = "src/model.rs"]
#[allow(dead_code)]
mod model;

#[path = "build/emit.rs"]
mod emit;

use std::borrow::Cow;
use std::env;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use emit::emitted;
use model::{Exercise, ExerciseText, Track};

const LANGS: [&str; 3] = ["en", "ko", "ja"];

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    toml::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    // SHIPSHAPE_CONTENT_DIR lets a build use another copy of the content, as the prerender does.
    println!("cargo:rerun-if-env-changed=SHIPSHAPE_CONTENT_DIR");
    let content = env::var_os("SHIPSHAPE_CONTENT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"));
    let dir = content.join("exercises");
    println!("cargo:rerun-if-changed={}", dir.display());
    for lang in LANGS {
        println!(
            "cargo:rerun-if-changed={}",
            content.join(lang).join("exercises").display()
        );
    }
    let track: Track = parse(&dir.join("track.toml"));
    // Files that are not in the track are listed too, so the content test can name them.
    let mut files: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
                .filter(|n| n != "track")
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut out = String::new();
    writeln!(out, "/// Exercise files that the track does not list.").unwrap();
    writeln!(
        out,
        "pub static UNLISTED: &[&str] = &{:?};",
        files
            .iter()
            .filter(|f| !track.order.contains(f))
            .collect::<Vec<_>>()
    )
    .unwrap();
    let mut exercises = Vec::new();
    for id in &track.order {
        let path = dir.join(format!("{id}.toml"));
        let mut exercise: Exercise = parse(&path);
        exercise.id = Cow::Owned(id.clone());
        exercises.push(exercise);
    }
    writeln!(out, "/// Every exercise, in the track's order.").unwrap();
    writeln!(out, "pub static EXERCISES: &[Exercise] = &[").unwrap();
    for e in &exercises {
        writeln!(out, "    {},", emitted(e)).unwrap();
    }
    writeln!(out, "];").unwrap();
    for lang in LANGS {
        writeln!(
            out,
            "/// The exercises' text in `{lang}`, in the same order (`None`: no file)."
        )
        .unwrap();
        writeln!(
            out,
            "pub static TEXTS_{}: &[Option<ExerciseText>] = &[",
            lang.to_uppercase()
        )
        .unwrap();
        for id in &track.order {
            let path = content
                .join(lang)
                .join("exercises")
                .join(format!("{id}.toml"));
            let text: Option<ExerciseText> = path.exists().then(|| parse(&path));
            writeln!(out, "    {},", emitted(&text)).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    fs::write(dest, out).unwrap();
}
