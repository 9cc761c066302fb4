//! Compiles the page order and titles of every language (`content/<lang>/nav.toml`) into the
//! app, so the sidebar renders the same on the server and in the browser without shipping the
//! pages themselves. The pages' HTML is loaded with each page, never compiled in.

use std::env;
use std::fmt::Write;
use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
struct Nav {
    part: Vec<Part>,
}

#[derive(Deserialize)]
struct Part {
    id: String,
    title: String,
    page: Vec<Page>,
}

#[derive(Deserialize)]
struct Page {
    slug: String,
    title: String,
}

fn main() {
    let mut out = String::new();
    for lang in ["en", "ko", "ja"] {
        let path = format!("content/{lang}/nav.toml");
        println!("cargo:rerun-if-changed={path}");
        // A language without a nav yet compiles to an empty guide; the content tests fail on it.
        let nav: Nav = match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")),
            Err(_) => Nav { part: Vec::new() },
        };
        writeln!(
            out,
            "pub static NAV_{}: &[NavPart] = &[",
            lang.to_uppercase()
        )
        .unwrap();
        for part in &nav.part {
            writeln!(
                out,
                "    NavPart {{ id: {:?}, title: {:?}, pages: &[",
                part.id, part.title
            )
            .unwrap();
            for page in &part.page {
                writeln!(
                    out,
                    "        NavPage {{ slug: {:?}, title: {:?} }},",
                    page.slug, page.title
                )
                .unwrap();
            }
            writeln!(out, "    ] }},").unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("nav.rs");
    fs::write(dest, out).unwrap();
}
