//! The guide's table of contents per language, generated from `content/<lang>/nav.toml` by
//! `build.rs`.

use crate::i18n::Lang;

/// A part of the guide, such as "Deployment concepts".
#[derive(Debug)]
pub struct NavPart {
    pub id: &'static str,
    pub title: &'static str,
    pub pages: &'static [NavPage],
}

/// A page's place in the guide.
#[derive(Debug)]
pub struct NavPage {
    pub slug: &'static str,
    pub title: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/nav.rs"));

/// The parts of the guide in `lang`, in reading order.
pub fn parts(lang: Lang) -> &'static [NavPart] {
    match lang {
        Lang::En => NAV_EN,
        Lang::Ko => NAV_KO,
        Lang::Ja => NAV_JA,
    }
}

/// Every page of the guide in `lang`, in reading order.
pub fn pages(lang: Lang) -> impl Iterator<Item = &'static NavPage> {
    parts(lang).iter().flat_map(|p| p.pages.iter())
}

/// The pages before and after `slug`, for the previous/next links.
pub fn neighbours(lang: Lang, slug: &str) -> (Option<&'static NavPage>, Option<&'static NavPage>) {
    let all: Vec<&NavPage> = pages(lang).collect();
    match all.iter().position(|p| p.slug == slug) {
        Some(i) => (i.checked_sub(1).map(|j| all[j]), all.get(i + 1).copied()),
        None => (None, None),
    }
}

/// The title of `slug` in `lang`.
pub fn title(lang: Lang, slug: &str) -> Option<&'static str> {
    pages(lang).find(|p| p.slug == slug).map(|p| p.title)
}
