//! Lint rules: findings that name the concrete lines and files of a
//! Dockerfile, explained in English, Korean and Japanese, with text-edit fixes
//! where a fix keeps the build's meaning.
//!
//! One module per rule (like hadolint and ruff): its id, severity, a doc
//! comment, the check, the fix, the message wording in three languages and its
//! tests sit together. This module holds what they share: [`lint`], the
//! [`Finding`] and [`Fix`] types, inline suppression, and the [`Ctx`] every
//! check reads (stages, working directories, the final stage's ancestry).
//!
//! Architecture invariants: no I/O (the caller passes the build context as a
//! list of paths), no regex, never panics; compiled to WebAssembly for the lab.
//!
//! Severities are chosen so the guide's canonical FastAPI Dockerfile raises
//! only `info` findings, and only for advice the guide itself gives later
//! (SS007 run as a non-root user, SS012 `PYTHONFAULTHANDLER`): `info` is
//! "worth knowing", never a failed check at the default `--fail-level warning`.

/// Generates, from the list of rules: the modules, `RuleId` (with `ALL`, `as_str` and `meta`),
/// `Message`, `message_text`, `fix_title` and `CHECKS`. See the invocation below.
macro_rules! rules {
    ($($(#[$doc:meta])* $id:ident => $module:ident,)+) => {
        $(pub mod $module;)+

        /// The rules, in id order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($(#[$doc])* $id,)+
        }

        impl RuleId {
            pub const ALL: [RuleId; [$(RuleId::$id),+].len()] = [$(RuleId::$id),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$id => stringify!($id),)+
                }
            }

            /// The rule's own metadata, from its module.
            pub fn meta(self) -> &'static RuleMeta {
                match self {
                    $(RuleId::$id => &$module::META,)+
                }
            }
        }

        // Each module's META names its own rule.
        $(const _: () = assert!(matches!($module::META.id, RuleId::$id));)+

        /// The structured message of a finding: the rule and the concrete names,
        /// lines and files. [`message_text`] words it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Message {
            $($id($module::Details),)+
        }

        impl Message {
            pub fn rule(&self) -> RuleId {
                match self {
                    $(Message::$id(_) => RuleId::$id,)+
                }
            }
        }

        /// The message in `lang`, naming the lines and files of the user's
        /// Dockerfile. Pure string formatting: no I/O, never panics.
        pub fn message_text(message: &Message, lang: Lang) -> String {
            match message {
                $(Message::$id(d) => RuleMessage::text(d, lang),)+
            }
        }

        /// The title of the fix a finding with this message carries, in `lang` (empty for a
        /// rule without fixes).
        pub fn fix_title(message: &Message, lang: Lang) -> String {
            match message {
                $(Message::$id(d) => RuleMessage::fix_title(d, lang).unwrap_or_default(),)+
            }
        }

        type Check = fn(&Ctx, &mut Vec<Finding>);
        const CHECKS: [(RuleId, Check); RuleId::ALL.len()] = [$((RuleId::$id, $module::check),)+];
    };
}

// The registry: one line per rule. Each module owns its `META` (severity, title, guide page,
// names elsewhere), its `Details` (what a message names, worded through `RuleMessage`) and its
// `check`; this list generates `RuleId`, `Message`, `message_text`, `fix_title` and the checks
// `lint` runs, so a rule that is missing anything does not compile.
rules! {
    /// Dependencies installed after a copy of frequently edited sources.
    SS001 => ss001_dependencies_after_sources,
    /// A package index update in a RUN of its own.
    SS002 => ss002_update_alone,
    /// A value that changes every build, declared before heavy steps.
    SS003 => ss003_volatile_value_early,
    /// `ADD <url>` without `--checksum` before heavy steps.
    SS004 => ss004_remote_add,
    /// A broad COPY with no `.dockerignore`, or one that lets bulky folders through.
    SS005 => ss005_broad_copy_context,
    /// A heavy install that could use a cache mount.
    SS006 => ss006_cache_mount,
    /// The final stage runs as root.
    SS007 => ss007_root_user,
    /// Shell-form CMD or ENTRYPOINT.
    SS008 => ss008_shell_form,
    /// Untagged or `latest` base image.
    SS009 => ss009_floating_base,
    /// `pip install` that keeps pip's download cache in the image.
    SS010 => ss010_pip_cache,
    /// Alpine base for a Python app.
    SS011 => ss011_alpine_python,
    /// Python image without `PYTHONFAULTHANDLER`.
    SS012 => ss012_faulthandler,
    /// A process manager with several workers inside the container.
    SS013 => ss013_process_manager,
    /// Build tools left in the final stage.
    SS014 => ss014_build_tools,
    /// A shell comment that swallows the continued lines after it.
    SS015 => ss015_shell_comment,
    /// A file the build copies, mounts or installs from is missing from the build context.
    SS016 => ss016_missing_from_context,
    /// A stage name with upper-case letters.
    SS017 => ss017_stage_name_casing,
    /// `AS` in another case than its `FROM`.
    SS018 => ss018_from_as_casing,
    /// An instruction keyword not in the case of the file's majority.
    SS019 => ss019_instruction_casing,
    /// Two stages with the same name.
    SS020 => ss020_duplicate_stage_name,
    /// A stage named `scratch` or `context`.
    SS021 => ss021_reserved_stage_name,
    /// The deprecated `MAINTAINER` instruction.
    SS022 => ss022_maintainer,
    /// A relative `WORKDIR` before any absolute one.
    SS023 => ss023_workdir_relative,
    /// CMD, ENTRYPOINT or HEALTHCHECK given twice in a stage.
    SS024 => ss024_multiple_instructions,
    /// `ENV key value` or `LABEL key value` without `=`.
    SS025 => ss025_legacy_key_value,
    /// A protocol in EXPOSE not in lower case.
    SS026 => ss026_expose_proto_casing,
    /// An EXPOSE port with an IP address or a host port.
    SS027 => ss027_expose_invalid_format,
    /// An empty line inside a continued instruction.
    SS028 => ss028_empty_continuation,
    /// An ARG or ENV whose name says it holds a secret.
    SS029 => ss029_secret_in_arg_env,
    /// A FROM that uses a variable no global ARG declares.
    SS030 => ss030_undefined_arg_in_from,
    /// A FROM that gives no valid image name at the ARG defaults.
    SS031 => ss031_invalid_default_arg_in_from,
    /// A variable used before anything defines it.
    SS032 => ss032_undefined_var,
    /// `FROM --platform=$TARGETPLATFORM`, which FROM does anyway.
    SS033 => ss033_redundant_target_platform,
    /// `FROM --platform` with a constant value.
    SS034 => ss034_platform_constant,
    /// A COPY or ADD source that `.dockerignore` excludes.
    SS035 => ss035_copy_ignored_file,
    /// A comment above an ARG or a named stage that does not start with its name.
    SS036 => ss036_definition_description,
    /// A development server (`fastapi dev`, `--reload`) starts the final image.
    SS040 => ss040_dev_server,
    /// Gunicorn runs the deprecated `uvicorn.workers` worker class.
    SS041 => ss041_uvicorn_workers,
    /// Proxy headers on without `--forwarded-allow-ips`: only 127.0.0.1 is trusted.
    SS042 => ss042_forwarded_allow_ips,
    /// A RUN starts with `cd <dir>` where a WORKDIR would say where the steps run.
    SS043 => ss043_cd_workdir,
    /// `sudo` in a RUN.
    SS044 => ss044_sudo,
    /// A pipe in a RUN whose shell runs without `pipefail`.
    SS045 => ss045_pipefail,
    /// Packages installed without a version (strict profile).
    SS046 => ss046_unpinned_packages,
    /// `ADD` of local files or folders, where `COPY` does the same.
    SS047 => ss047_add_local_files,
    /// `COPY` or `ADD` to a relative destination before any `WORKDIR`.
    SS048 => ss048_copy_relative_no_workdir,
    /// `useradd` with a high UID and without `-l`.
    SS049 => ss049_useradd_high_uid,
    /// `COPY --from=<stage> /`: another stage's whole filesystem.
    SS050 => ss050_copy_whole_stage,
    /// `apt-get install` without `--no-install-recommends`.
    SS051 => ss051_install_recommends,
    /// `zypper dist-upgrade` in a build.
    SS052 => ss052_dist_upgrade,
    /// An ENV whose value uses a variable the same ENV defines.
    SS053 => ss053_env_self_reference,
    /// The final USER is a name, which `runAsNonRoot` cannot verify (strict profile).
    SS054 => ss054_user_name,
    /// `/bin/sh` replaced by a link instead of a SHELL instruction.
    SS055 => ss055_replace_sh,
}

mod start;

use crate::rebuild::BuildContext;
use crate::span::Span;
use crate::stages::StageGraph;
use crate::syntax::{Dockerfile, Instruction, Keyword};
use core::fmt;
use core::ops::Range;

pub use crate::command::Ecosystem;

impl RuleId {
    /// Case-insensitive: `ss001` works too.
    pub fn from_name(name: &str) -> Option<RuleId> {
        RuleId::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The rules a name stands for, case-insensitively: a Shipshape id (`SS008`), a hadolint
    /// code (`DL3025`) or a BuildKit check (`JSONArgsRecommended`). Empty when no rule has it.
    pub fn named(name: &str) -> Vec<RuleId> {
        let name = name.trim();
        if let Some(r) = RuleId::from_name(name) {
            return vec![r];
        }
        RuleId::ALL
            .into_iter()
            .filter(|r| {
                let refs = r.refs();
                names_rule(&[name], refs.hadolint) || names_rule(&[name], refs.buildkit)
            })
            .collect()
    }

    /// A short English title (SARIF `shortDescription`, documentation): the rule page's title.
    pub fn title(self) -> &'static str {
        self.meta().title
    }

    /// The severity every finding of this rule has.
    pub fn severity(self) -> Severity {
        self.meta().severity
    }

    /// The guide page (its slug) the rule's reference page points to first.
    pub fn guide(self) -> &'static str {
        self.meta().guide
    }

    /// The names the rule has in other tools.
    pub fn refs(self) -> &'static Refs {
        &self.meta().refs
    }
}

/// What the registry knows of a rule, kept in the rule's module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: RuleId,
    pub severity: Severity,
    /// English, as the rule page's title (without the id).
    pub title: &'static str,
    /// The guide page's slug: `build-cache` is `/<lang>/build-cache/`.
    pub guide: &'static str,
    /// The profile that runs it (a stricter profile runs the rules of the ones before it).
    pub profile: Profile,
    /// Whether its findings can carry a fix.
    pub fixable: bool,
    pub refs: Refs,
}

/// Which rules a lint runs: `default`, or also `strict` ones (advice a team may not want on
/// every build), or also `pedantic` ones. Ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Profile {
    #[default]
    Default,
    Strict,
    Pedantic,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Default, Profile::Strict, Profile::Pedantic];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Strict => "strict",
            Profile::Pedantic => "pedantic",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The rules this profile runs.
    pub fn rules(self) -> impl Iterator<Item = RuleId> {
        RuleId::ALL
            .into_iter()
            .filter(move |r| r.meta().profile <= self)
    }
}

/// The rule's names in other tools: hadolint's `DL` codes, BuildKit's build checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refs {
    pub hadolint: &'static [&'static str],
    pub buildkit: &'static [&'static str],
}

/// A rule's message: its words in each language, and the title of its fix if it has one.
pub(crate) trait RuleMessage {
    fn text(&self, lang: Lang) -> String;
    fn fix_title(&self, _lang: Lang) -> Option<String> {
        None
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Advice worth knowing; the build is fine as it is.
    Info,
    /// Costs time, space or reliability on every build or every run.
    Warning,
    /// Breaks the build or the running container.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        match name.trim().to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// The language of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
    Ja,
}

impl Lang {
    /// `en`, `ko`, `ja` (a region suffix such as `ko-KR` is accepted).
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        let base = lower.split(['-', '_']).next().unwrap_or("");
        match base {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }
}

/// A step of the user's Dockerfile as messages name it: its first line and a
/// short rendering (`COPY . .`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRef {
    pub line: u32,
    pub text: String,
}

/// Replace `range` (bytes of the original source) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A fix: edits that do not overlap, against the source that was linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// English title; [`fix_title`] gives it in other languages.
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// What a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Where to point: the instruction (or word) to change.
    pub span: Span,
    /// Other places the message names (the install a COPY invalidates, ...).
    pub related: Vec<Span>,
    /// Structured: render it with [`message_text`].
    pub message: Message,
    pub fix: Option<Fix>,
}

/// Options for [`lint`].
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// The build context (file list and `.dockerignore`). Without it, rules
    /// that need to know the context (SS005) stay silent and SS001 imagines a
    /// typical project layout.
    pub context: Option<BuildContext>,
    /// Rules to skip entirely.
    pub disabled: Vec<RuleId>,
    /// The profile whose rules run (`Default` unless asked): a rule of a stricter profile is
    /// skipped, so the lab and a plain `lint` never show a strict or pedantic finding.
    pub profile: Profile,
}

/// Runs every rule over a parsed Dockerfile. `source` is the text it was
/// parsed from: fixes move text verbatim, and the tree does not own it.
/// Findings come sorted by position, then rule.
pub fn lint(dockerfile: &Dockerfile, source: &str, options: &LintOptions) -> Vec<Finding> {
    lint_with(dockerfile, source, options, true)
}

/// [`lint`] without the inline suppressions (`# shipshape ignore=...`): what a check that must
/// not be talked out of a finding (an exercise's goal) sees.
pub fn lint_all(dockerfile: &Dockerfile, source: &str, options: &LintOptions) -> Vec<Finding> {
    lint_with(dockerfile, source, options, false)
}

fn lint_with(
    dockerfile: &Dockerfile,
    source: &str,
    options: &LintOptions,
    honor_suppressions: bool,
) -> Vec<Finding> {
    let ctx = Ctx::new(dockerfile, source, options);
    let mut findings = Vec::new();
    if ctx.graph.stages.is_empty() {
        return findings;
    }
    for (rule, check) in CHECKS {
        if !options.disabled.contains(&rule) && rule.meta().profile <= options.profile {
            check(&ctx, &mut findings);
        }
    }
    if honor_suppressions {
        let file = FileDirectives::of(dockerfile);
        findings.retain(|f| !ctx.suppressed(f) && !file.skips(f.rule));
        if file.checks_are_errors {
            // `# check=error=true`: Docker fails the build on its checks; so do their findings.
            for f in findings
                .iter_mut()
                .filter(|f| !f.rule.refs().buildkit.is_empty())
            {
                f.severity = Severity::Error;
            }
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end))
    });
    findings
}

/// Parses and lints in one call.
pub fn lint_source(source: &str, options: &LintOptions) -> Vec<Finding> {
    lint(&crate::parse(source), source, options)
}

/// Applies a fix's edits to the source it was computed from. Overlapping or
/// out-of-range edits are skipped rather than trusted.
pub fn apply_fix(source: &str, fix: &Fix) -> String {
    let mut edits: Vec<&TextEdit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0;
    for e in edits {
        let ok = e.range.start >= at
            && e.range.start <= e.range.end
            && e.range.end <= source.len()
            && source.is_char_boundary(e.range.start)
            && source.is_char_boundary(e.range.end);
        if !ok {
            continue;
        }
        out.push_str(&source[at..e.range.start]);
        out.push_str(&e.replacement);
        at = e.range.end;
    }
    out.push_str(&source[at..]);
    out
}

/// Applies fixes one at a time (re-linting after each, since one fix moves
/// the text the next would edit) until none is left or `max_rounds` is
/// reached. Returns the new text and the rules fixed, in order.
pub fn fix_all(source: &str, options: &LintOptions, max_rounds: usize) -> (String, Vec<RuleId>) {
    let mut text = source.to_string();
    let mut fixed = Vec::new();
    let mut skip: Vec<(RuleId, u32)> = Vec::new();
    for _ in 0..max_rounds {
        let findings = lint_source(&text, options);
        let Some(f) = findings
            .iter()
            .find(|f| f.fix.is_some() && !skip.contains(&(f.rule, f.span.start_pos.line)))
        else {
            break;
        };
        let Some(fix) = &f.fix else { break };
        let next = apply_fix(&text, fix);
        // A fix that leaves its own finding in place, or breaks the parse,
        // is not applied (and not tried again).
        let before = findings.iter().filter(|g| g.rule == f.rule).count();
        let reparsed = crate::parse(&next);
        let after = lint(&reparsed, &next, options)
            .iter()
            .filter(|g| g.rule == f.rule)
            .count();
        if after >= before || reparsed.errors().count() > crate::parse(&text).errors().count() {
            skip.push((f.rule, f.span.start_pos.line));
            continue;
        }
        fixed.push(f.rule);
        text = next;
    }
    (text, fixed)
}

/// What every check reads: the tree, the source, the stages, and a few
/// facts computed once.
pub(crate) struct Ctx<'a> {
    pub df: &'a Dockerfile,
    pub src: &'a str,
    /// The stages and how they refer to each other (global ARGs at their defaults).
    pub graph: StageGraph,
    pub context: BuildContext,
    pub has_context: bool,
    /// Index of the last stage (the default target).
    pub final_stage: usize,
    /// The simple commands of every RUN (empty for other instructions),
    /// split once: several rules read them.
    commands: Vec<Vec<crate::command::Command>>,
}

impl<'a> Ctx<'a> {
    fn new(df: &'a Dockerfile, src: &'a str, options: &LintOptions) -> Ctx<'a> {
        let graph = StageGraph::with_defaults(df);
        Ctx {
            df,
            src,
            final_stage: graph.stages.len().saturating_sub(1),
            graph,
            has_context: options.context.is_some(),
            context: options.context.clone().unwrap_or_default(),
            commands: df
                .instructions
                .iter()
                .map(crate::command::run_commands)
                .collect(),
        }
    }

    /// The simple commands of the RUN at `index` (none for other instructions).
    pub fn commands(&self, index: usize) -> &[crate::command::Command] {
        self.commands.get(index).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn instr(&self, index: usize) -> &'a Instruction {
        &self.df.instructions[index]
    }

    pub fn step(&self, index: usize) -> StepRef {
        let ins = self.instr(index);
        StepRef {
            line: ins.span.start_pos.line,
            text: ins.summary(60),
        }
    }

    /// The base of a stage with global ARGs expanded (`python:${V}` → `python:3.12`).
    pub fn base_image(&self, stage: usize) -> String {
        self.graph.bases.get(stage).cloned().unwrap_or_default()
    }

    /// The earlier stage this one is built `FROM`, if any.
    pub fn parent_stage(&self, stage: usize) -> Option<usize> {
        self.graph.parents.get(stage).copied().flatten()
    }

    /// The image the stage's ancestry starts from (following `FROM stage`).
    pub fn root_image(&self, stage: usize) -> (usize, String) {
        let mut current = stage;
        let mut seen = 0;
        while let Some(p) = self.parent_stage(current) {
            current = p;
            seen += 1;
            if seen > self.graph.stages.len() {
                break;
            }
        }
        (current, self.base_image(current))
    }

    /// Instruction indexes of the stage's body (after FROM).
    pub fn body(&self, stage: usize) -> Range<usize> {
        self.graph.stages[stage].body.clone()
    }

    /// The absolute working directory in effect at instruction `index` of
    /// `stage` (inherited from a parent stage; `/` by default).
    pub fn workdir_at(&self, stage: usize, index: usize) -> String {
        let mut dir = match self.parent_stage(stage) {
            Some(p) => self.workdir_at(p, self.graph.stages[p].body.end),
            None => "/".to_string(),
        };
        for k in self.graph.stages[stage].body.start..index.min(self.graph.stages[stage].body.end) {
            let ins = self.instr(k);
            if ins.keyword == Keyword::Workdir {
                if let Some(w) = ins.arguments.words().first() {
                    dir = join_path(&dir, &crate::shell::unquote(&w.value, self.df.escape));
                }
            }
        }
        dir
    }

    /// Byte range of the whole lines an instruction occupies, including the
    /// line break after it (for deleting or moving it).
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let span = self.instr(index).span;
        let start = self.src[..span.start.min(self.src.len())]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let end = match self.src.get(span.end..).and_then(|rest| rest.find('\n')) {
            Some(i) => span.end + i + 1,
            None => self.src.len(),
        };
        start..end
    }

    /// The text of those lines, ending with a line break.
    pub fn lines_text(&self, index: usize) -> String {
        let r = self.line_range(index);
        let mut text = self.src.get(r).unwrap_or("").to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }

    /// Whether an ENV in the final stage's ancestry sets `name`.
    pub fn final_env(&self, name: &str) -> Option<usize> {
        for &s in &self.graph.final_chain {
            for k in self.body(s) {
                if let crate::syntax::Arguments::Pairs(pairs) = &self.instr(k).arguments {
                    if self.instr(k).keyword == Keyword::Env
                        && pairs.iter().any(|kv| kv.key.value == name)
                    {
                        return Some(k);
                    }
                }
            }
        }
        None
    }

    fn suppressed(&self, finding: &Finding) -> bool {
        let mut spans = vec![finding.span];
        spans.extend(finding.related.iter().copied());
        spans.iter().any(|span| {
            self.df
                .instructions
                .iter()
                .find(|i| i.span.start <= span.start && span.start <= i.span.end)
                .is_some_and(|i| suppresses(&i.comments, finding.rule))
        })
    }
}

/// Among the comment lines directly above an instruction: `# shipshape ignore=SS001,SS003`
/// (or `ignore=all`), and hadolint's own `# hadolint ignore=DL3025,DL3006`, which silences the
/// rules that have those names in hadolint, so a repository switches without editing its
/// Dockerfiles. BuildKit's `# check=skip=Name,...` (or `skip=all`) there skips its checks for
/// that instruction, as BuildKit does (the first `check` comment counts; text after a blank,
/// such as `// why`, is a note).
fn suppresses(comments: &[String], rule: RuleId) -> bool {
    if let Some(skip) = comments.iter().find_map(|c| local_check_skip(c.trim())) {
        let buildkit = rule.refs().buildkit;
        if !buildkit.is_empty()
            && skip
                .iter()
                .any(|n| n.eq_ignore_ascii_case("all") || names_rule(&[n.as_str()], buildkit))
        {
            return true;
        }
    }
    comments.iter().any(|c| {
        let c = c.trim();
        if let Some(list) = ignore_list(c, "shipshape") {
            return list
                .iter()
                .any(|id| id.eq_ignore_ascii_case("all") || RuleId::from_name(id) == Some(rule));
        }
        if let Some(list) = ignore_list(c, "hadolint") {
            return names_rule(&list, rule.refs().hadolint);
        }
        false
    })
}

/// The names of `check=skip=A,B;...` in a comment above an instruction (`["all"]` for
/// `skip=all`); `None` for another comment, or a check comment without `skip`.
fn local_check_skip(comment: &str) -> Option<Vec<String>> {
    let rest = comment
        .strip_prefix("check")?
        .trim_start()
        .strip_prefix('=')?;
    let value = rest.trim_start().split([' ', '\t']).next().unwrap_or("");
    value.split(';').find_map(|part| {
        let (key, names) = part.split_once('=')?;
        (key.trim() == "skip").then(|| {
            names
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect()
        })
    })
}

/// The codes of `<tool> ignore=A,B` (hadolint also allows spaces around `=`).
fn ignore_list<'a>(comment: &'a str, tool: &str) -> Option<Vec<&'a str>> {
    let rest = comment.strip_prefix(tool)?.trim_start();
    let rest = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?;
    Some(
        rest.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// Whether a list of another tool's codes names one of the rule's names there.
fn names_rule(list: &[&str], names: &[&str]) -> bool {
    list.iter()
        .any(|code| names.iter().any(|n| n.eq_ignore_ascii_case(code)))
}

/// What the file as a whole says about checks: BuildKit's `# check=skip=A,B;error=true` parser
/// directive (its checks by their BuildKit names, or `all` of them), and hadolint's
/// `# hadolint global ignore=DL3006` comment anywhere.
struct FileDirectives {
    buildkit_skip: Vec<String>,
    buildkit_skip_all: bool,
    hadolint_ignore: Vec<String>,
    checks_are_errors: bool,
}

impl FileDirectives {
    fn of(df: &Dockerfile) -> FileDirectives {
        let mut d = FileDirectives {
            buildkit_skip: Vec::new(),
            buildkit_skip_all: false,
            hadolint_ignore: Vec::new(),
            checks_are_errors: false,
        };
        if let Some(check) = df.directive("check") {
            for part in check.split(';') {
                let (key, value) = part.split_once('=').unwrap_or((part, ""));
                match key.trim().to_ascii_lowercase().as_str() {
                    "skip" => {
                        for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                            if name.eq_ignore_ascii_case("all") {
                                d.buildkit_skip_all = true;
                            } else {
                                d.buildkit_skip.push(name.to_string());
                            }
                        }
                    }
                    "error" => d.checks_are_errors = value.trim().eq_ignore_ascii_case("true"),
                    _ => {}
                }
            }
        }
        let comments = df
            .instructions
            .iter()
            .flat_map(|i| i.comments.iter())
            .map(|c| c.trim());
        for c in comments {
            if let Some(rest) = c.strip_prefix("hadolint").map(str::trim_start) {
                if let Some(list) = rest
                    .strip_prefix("global")
                    .and_then(|r| ignore_list(r.trim_start(), ""))
                {
                    d.hadolint_ignore.extend(list.iter().map(|s| s.to_string()));
                }
            }
        }
        d
    }

    fn skips(&self, rule: RuleId) -> bool {
        let refs = rule.refs();
        let skip: Vec<&str> = self.buildkit_skip.iter().map(String::as_str).collect();
        let ignore: Vec<&str> = self.hadolint_ignore.iter().map(String::as_str).collect();
        (self.buildkit_skip_all && !refs.buildkit.is_empty())
            || names_rule(&skip, refs.buildkit)
            || names_rule(&ignore, refs.hadolint)
    }
}

/// Joins an image path onto a directory and normalises `.` and `..`.
pub(crate) fn join_path(dir: &str, path: &str) -> String {
    let full = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// "a", "a and b", "a, b and c" in the message language.
pub(crate) fn list(items: &[String], lang: Lang) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match (quoted.as_slice(), lang) {
        ([], _) => String::new(),
        ([one], _) => one.clone(),
        ([init @ .., last], Lang::En) => format!("{} and {last}", init.join(", ")),
        ([init @ .., last], Lang::Ko) => format!("{}, {last}", init.join(", ")),
        ([init @ .., last], Lang::Ja) => format!("{}、{last}", init.join("、")),
    }
}

/// Lines as "line 3" / "3행" / "3行目" for a list of steps.
pub(crate) fn lines_of(steps: &[StepRef], lang: Lang) -> String {
    let nums: Vec<String> = steps.iter().map(|s| s.line.to_string()).collect();
    match lang {
        Lang::En if nums.len() == 1 => format!("line {}", nums[0]),
        Lang::En => {
            let (last, init) = nums
                .split_last()
                .map(|(l, i)| (l.clone(), i))
                .unwrap_or_default();
            format!("lines {} and {last}", init.join(", "))
        }
        Lang::Ko => format!("{}행", nums.join(", ")),
        Lang::Ja => format!("{}行目", nums.join("・")),
    }
}

/// Fix-building helper: an edit inserting `text` at `at`.
pub(crate) fn insert(at: usize, text: String) -> TextEdit {
    TextEdit {
        range: at..at,
        replacement: text,
    }
}

/// The leading whitespace of the line an instruction starts on.
pub(crate) fn indent_of(ctx: &Ctx, index: usize) -> String {
    let r = ctx.line_range(index);
    ctx.src
        .get(r)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

pub(crate) fn finding(
    rule: RuleId,
    span: Span,
    related: Vec<Span>,
    message: Message,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        rule,
        severity: rule.severity(),
        span,
        related,
        message,
        fix,
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Every rule, whatever its profile: a rule's tests judge the rule itself.
    pub fn all_profiles() -> LintOptions {
        LintOptions {
            profile: Profile::Pedantic,
            ..LintOptions::default()
        }
    }

    /// Rules of the findings on `source` (no context).
    pub fn rules(source: &str) -> Vec<RuleId> {
        lint_source(source, &all_profiles())
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    pub fn fires(rule: RuleId, source: &str) -> bool {
        rules(source).contains(&rule)
    }

    /// The first finding of `rule`.
    pub fn first(rule: RuleId, source: &str) -> Finding {
        lint_source(source, &all_profiles())
            .into_iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} does not fire on:\n{source}"))
    }

    /// Applies the first finding's fix of `rule` and checks that the result
    /// parses and that the rule fires fewer times.
    pub fn fixed(rule: RuleId, source: &str) -> String {
        let f = first(rule, source);
        let fix = f
            .fix
            .unwrap_or_else(|| panic!("{rule} has no fix on:\n{source}"));
        let out = apply_fix(source, &fix);
        let df = crate::parse(&out);
        assert!(df.is_ok(), "fixed text does not parse:\n{out}");
        let count = |s: &str| rules(s).iter().filter(|r| **r == rule).count();
        assert!(count(&out) < count(source), "{rule} still fires:\n{out}");
        out
    }

    /// All three languages render, and name the given fragment.
    pub fn all_langs_mention(f: &Finding, fragment: &str) {
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            let text = message_text(&f.message, lang);
            assert!(text.contains(fragment), "{lang:?}: {text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    const GOOD_FASTAPI: &str = "FROM python:3.13-slim\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCOPY ./app /code/app\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n";

    #[test]
    fn the_canonical_fastapi_dockerfile_raises_only_info() {
        let findings = lint_source(GOOD_FASTAPI, &LintOptions::default());
        let mut rules: Vec<RuleId> = findings.iter().map(|f| f.rule).collect();
        rules.sort();
        assert_eq!(rules, vec![RuleId::SS007, RuleId::SS012]);
        assert!(findings.iter().all(|f| f.severity == Severity::Info));
    }

    #[test]
    fn suppression_comment_silences_listed_rules_only() {
        let src = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\n# shipshape ignore=SS001, SS010\nRUN pip install -r requirements.txt\n";
        assert!(!fires(RuleId::SS001, src));
        assert!(!fires(RuleId::SS010, src));
        let src2 = src.replace("ignore=SS001, SS010", "ignore=SS003");
        assert!(fires(RuleId::SS001, &src2));
        assert!(fires(RuleId::SS010, &src2));
    }

    #[test]
    fn a_name_from_any_tool_finds_its_rules() {
        assert_eq!(RuleId::named("ss008"), vec![RuleId::SS008]);
        assert_eq!(RuleId::named("DL3025"), vec![RuleId::SS008]);
        assert_eq!(RuleId::named("jsonargsrecommended"), vec![RuleId::SS008]);
        assert_eq!(RuleId::named("DL3007"), vec![RuleId::SS009]);
        assert!(RuleId::named("DL9999").is_empty());
        assert!(RuleId::named("").is_empty());
    }

    #[test]
    fn hadolint_and_buildkit_suppressions_are_honoured_by_their_names() {
        let src = "FROM python:3.13-slim\n# hadolint ignore=DL3025\nCMD fastapi run app/main.py\n";
        assert!(!fires(RuleId::SS008, src));
        // Another code silences nothing of ours.
        assert!(fires(RuleId::SS008, &src.replace("DL3025", "DL3008")));
        // hadolint's file-wide form, anywhere.
        let global = "# hadolint global ignore=DL3006\nFROM python\nCMD [\"python\"]\n";
        assert!(!fires(RuleId::SS009, global));
        assert!(fires(RuleId::SS009, &global.replace("DL3006", "DL3020")));
        // BuildKit's check directive: by the check's name, or all of its checks.
        let directive = "# check=skip=JSONArgsRecommended\nFROM python:3.13-slim\nCMD fastapi run app/main.py\n";
        assert!(!fires(RuleId::SS008, directive));
        let all = directive.replace("JSONArgsRecommended", "all");
        assert!(!fires(RuleId::SS008, &all));
        // `all` is BuildKit's checks only: a rule BuildKit does not have still runs.
        let ours = "# check=skip=all\nFROM python:3.13-slim\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n";
        assert!(fires(RuleId::SS001, ours));
        // `error=true` makes BuildKit's checks errors, as the build would fail on them.
        let strict = "# check=error=true\nFROM python:3.13-slim\nCMD fastapi run app/main.py\n";
        let f = first(RuleId::SS008, strict);
        assert_eq!(f.severity, Severity::Error);
        // A check that must not be talked out of a finding still sees it.
        let df = crate::parse(directive);
        assert!(lint_all(&df, directive, &LintOptions::default())
            .iter()
            .any(|f| f.rule == RuleId::SS008));
    }

    #[test]
    fn a_check_comment_above_an_instruction_skips_buildkit_checks_there() {
        // BuildKit's own case: local to the instruction below, with a note after the value.
        let src = "FROM scratch\n# check=skip=SecretsUsedInArgOrEnv // allow secret in environment\nENV password=bar\nENV secret=baz\n# check=skip=all // is local to only this instruction\nARG alternate_password\n";
        let lines: Vec<u32> = lint_source(src, &LintOptions::default())
            .iter()
            .filter(|f| f.rule == RuleId::SS029)
            .map(|f| f.span.start_pos.line)
            .collect();
        assert_eq!(lines, vec![4]);
        // Another check's name skips nothing here; `all` is BuildKit's checks only.
        let other = "FROM scratch\n# check=skip=MaintainerDeprecated\nENV password=bar\n";
        assert!(fires(RuleId::SS029, other));
        let ours = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\n# check=skip=all\nRUN pip install -r requirements.txt\n";
        assert!(fires(RuleId::SS001, ours));
    }

    #[test]
    fn disabled_rules_are_skipped() {
        let options = LintOptions {
            disabled: vec![RuleId::SS007, RuleId::SS012],
            profile: Default::default(),
            ..LintOptions::default()
        };
        assert!(lint_source(GOOD_FASTAPI, &options).is_empty());
    }

    #[test]
    fn rule_ids_round_trip_and_severities_order() {
        for r in RuleId::ALL {
            assert_eq!(RuleId::from_name(&r.as_str().to_lowercase()), Some(r));
        }
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
    }

    #[test]
    fn fix_all_reaches_a_fixed_point() {
        let src = "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\nRUN apt-get update\nRUN apt-get install -y curl\nCMD uvicorn app.main:app\n";
        let (out, fixed) = fix_all(src, &LintOptions::default(), 20);
        assert!(fixed.contains(&RuleId::SS001), "{fixed:?}\n{out}");
        assert!(fixed.contains(&RuleId::SS002));
        assert!(fixed.contains(&RuleId::SS008));
        assert!(crate::parse(&out).is_ok());
        let left: Vec<RuleId> = lint_source(&out, &LintOptions::default())
            .into_iter()
            .filter(|f| f.fix.is_some())
            .map(|f| f.rule)
            .collect();
        assert!(left.is_empty(), "{left:?}\n{out}");
    }

    #[test]
    fn apply_fix_skips_overlapping_edits() {
        let fix = Fix {
            title: String::new(),
            edits: vec![
                TextEdit {
                    range: 0..3,
                    replacement: "x".into(),
                },
                TextEdit {
                    range: 2..4,
                    replacement: "y".into(),
                },
                TextEdit {
                    range: 90..99,
                    replacement: "z".into(),
                },
            ],
        };
        assert_eq!(apply_fix("abcdef", &fix), "xdef");
    }

    #[test]
    fn join_path_normalises() {
        assert_eq!(join_path("/code", "./app/../req.txt"), "/code/req.txt");
        assert_eq!(join_path("/code", "/tmp/"), "/tmp");
        assert_eq!(join_path("/", "."), "/");
    }
}
