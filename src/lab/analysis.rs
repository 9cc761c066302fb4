//! What the lab asks the engine for one version of its inputs: the findings, the parse errors,
//! the rebuild plan, the stages and build arguments, and the colours. Plain Rust, tested
//! natively; the lab's components only show it.

use shipshape_dockerfile::{
    highlight_parsed, lint, parse, plan, BuildContext, Changes, Diagnostic, Dockerfile,
    Dockerignore, Finding, LintOptions, RebuildPlan,
};

use super::editor::Mark;
use crate::i18n::Lang;

/// How long typing pauses before the rules and the rebuild plan run again, in milliseconds;
/// doubled for files longer than [`LIVE_ANALYSIS_LINES`]. Colours follow every keystroke.
pub const ANALYSIS_PAUSE_MS: u64 = 120;
pub const LIVE_ANALYSIS_LINES: usize = 400;

/// As many rounds of fixes as the CLI's `shipshape fix` applies.
pub const FIX_ROUNDS: usize = 50;

/// The engine's language for the app's.
pub fn engine_lang(lang: Lang) -> shipshape_dockerfile::Lang {
    match lang {
        Lang::En => shipshape_dockerfile::Lang::En,
        Lang::Ko => shipshape_dockerfile::Lang::Ko,
        Lang::Ja => shipshape_dockerfile::Lang::Ja,
    }
}

/// The non-empty lines of the context list, trimmed, without duplicates.
pub fn context_paths(text: &str) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !paths.iter().any(|p| p == line) {
            paths.push(line.to_string());
        }
    }
    paths
}

/// Everything the lab shows for one version of its inputs, computed at once so the Dockerfile
/// is parsed once per keystroke.
#[derive(Clone)]
pub struct Analysis {
    pub source: String,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub plan: RebuildPlan,
    /// Stage choices for the target selector: (value, label).
    pub stages: Vec<(String, String)>,
    /// Build arguments the Dockerfile declares.
    pub args: Vec<String>,
    /// Steps whose own text changed since the last build (edited, new, moved, or after a
    /// deleted step).
    pub edited_steps: usize,
}

// Every new analysis is news: comparing two deeply would cost more than showing it again.
impl PartialEq for Analysis {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// The inputs of an analysis.
pub struct Inputs<'a> {
    pub source: &'a str,
    pub paths: &'a [String],
    pub changed: &'a [String],
    pub dockerignore: &'a str,
    pub changed_args: &'a [String],
    pub target: &'a str,
    /// The Dockerfile of the last build, when edits count (the lab page).
    pub last_build: Option<&'a str>,
}

impl Inputs<'_> {
    /// The build context the lab describes: its files and its `.dockerignore`, if any.
    pub fn context(&self) -> BuildContext {
        build_context(self.paths, self.dockerignore)
    }

    /// What the rules see. The findings and "Copy with all fixes" both use it, so the two never
    /// disagree about the context.
    pub fn lint_options(&self) -> LintOptions {
        lint_options(self.paths, self.dockerignore)
    }
}

/// The build context of a file list and a `.dockerignore` (blank: none).
pub fn build_context(paths: &[String], dockerignore: &str) -> BuildContext {
    BuildContext {
        paths: paths.to_vec(),
        dockerignore: (!dockerignore.trim().is_empty()).then(|| Dockerignore::parse(dockerignore)),
    }
}

/// The rules' options for a file list and a `.dockerignore`.
pub fn lint_options(paths: &[String], dockerignore: &str) -> LintOptions {
    LintOptions {
        context: Some(build_context(paths, dockerignore)),
        disabled: Vec::new(),
        profile: Default::default(),
    }
}

pub fn analyse(i: &Inputs<'_>) -> Analysis {
    analyse_parsed(&parse(i.source), i)
}

/// [`analyse`] for a source already parsed into `df`.
pub fn analyse_parsed(df: &Dockerfile, i: &Inputs<'_>) -> Analysis {
    let options = i.lint_options();
    let mut findings = lint(df, i.source, &options);
    // The most severe first, then in the order of the file.
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start));
    let changes = Changes {
        paths: i
            .changed
            .iter()
            .filter(|c| i.paths.contains(c))
            .cloned()
            .collect(),
        // The value does not matter to the cache, only that it differs.
        build_args: i
            .changed_args
            .iter()
            .map(|a| (a.clone(), "changed".to_string()))
            .collect(),
        previous: i.last_build.filter(|last| *last != i.source).map(parse),
    };
    let target = (!i.target.is_empty()).then_some(i.target);
    let context = options.context.unwrap_or_default();
    let the_plan = plan(df, &context, &changes, target);
    let edited_steps = the_plan.steps().filter(|s| s.reason.is_edit()).count();
    Analysis {
        edited_steps,
        source: i.source.to_string(),
        stages: stage_choices(df),
        args: df.declared_args(),
        diagnostics: df.diagnostics.clone(),
        findings,
        plan: the_plan,
    }
}

/// The syntax colours of `source`, sorted, not overlapping.
pub fn syntax_marks(source: &str) -> Vec<Mark> {
    marks_of(&parse(source), source)
}

pub(crate) fn marks_of(df: &Dockerfile, source: &str) -> Vec<Mark> {
    highlight_parsed(df, source)
        .into_iter()
        .map(|s| Mark {
            range: s.range,
            class: s.kind.as_str(),
        })
        .collect()
}

fn stage_choices(df: &Dockerfile) -> Vec<(String, String)> {
    df.stages()
        .iter()
        .map(|s| {
            let value = s.name.clone().unwrap_or_else(|| s.index.to_string());
            let label = match &s.name {
                Some(name) => format!("{} · {name}", s.index + 1),
                None => format!("{}", s.index + 1),
            };
            (value, label)
        })
        .collect()
}

/// A parse error's message in the page's language.
pub fn diagnostic_message(d: &Diagnostic, lang: Lang) -> String {
    shipshape_dockerfile::diagnostic_text(&d.kind, engine_lang(lang))
}
