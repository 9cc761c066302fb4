//! The syntax tree. It keeps what BuildKit's parser keeps (so the BuildKit AST
//! dump can be reproduced exactly) plus a source span on every node (so an
//! editor can highlight from it) and typed accessors that later stages (the
//! rebuild model, lint rules, the browser lab) share instead of re-parsing.

use crate::span::Span;
use core::fmt;

/// A parsed Dockerfile. Parsing never fails: problems are [`Diagnostic`]s and
/// the instructions that could be read are all here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dockerfile {
    /// Parser directives (`# syntax=`, `# escape=`, `# check=`) from the top of the file.
    pub directives: Vec<Directive>,
    /// The escape character in effect (`\` unless `# escape=` says `` ` ``).
    pub escape: char,
    /// Every instruction, in source order, including those before the first FROM.
    pub instructions: Vec<Instruction>,
    /// Errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A parser directive such as `# escape=\``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Lower-case name: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: String,
    pub span: Span,
}

/// The instruction keywords Docker knows. Anything else is [`Keyword::Unknown`]
/// (BuildKit's parser accepts it; the build then fails on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    Unknown,
}

impl Keyword {
    /// Case-insensitive lookup, as BuildKit does.
    pub fn from_name(name: &str) -> Keyword {
        const TABLE: [(&str, Keyword); 18] = [
            ("add", Keyword::Add),
            ("arg", Keyword::Arg),
            ("cmd", Keyword::Cmd),
            ("copy", Keyword::Copy),
            ("entrypoint", Keyword::Entrypoint),
            ("env", Keyword::Env),
            ("expose", Keyword::Expose),
            ("from", Keyword::From),
            ("healthcheck", Keyword::Healthcheck),
            ("label", Keyword::Label),
            ("maintainer", Keyword::Maintainer),
            ("onbuild", Keyword::Onbuild),
            ("run", Keyword::Run),
            ("shell", Keyword::Shell),
            ("stopsignal", Keyword::Stopsignal),
            ("user", Keyword::User),
            ("volume", Keyword::Volume),
            ("workdir", Keyword::Workdir),
        ];
        TABLE
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, k)| *k)
            .unwrap_or(Keyword::Unknown)
    }

    /// Upper-case name as written in documentation.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "UNKNOWN",
        }
    }

    /// Instructions that only change the image configuration. With BuildKit
    /// they create no filesystem step, so a change to them invalidates nothing
    /// after them (guide 2.4).
    pub fn is_metadata_only(self) -> bool {
        matches!(
            self,
            Keyword::Label
                | Keyword::Expose
                | Keyword::Cmd
                | Keyword::Entrypoint
                | Keyword::Healthcheck
                | Keyword::Volume
                | Keyword::Stopsignal
                | Keyword::Onbuild
                | Keyword::Maintainer
        )
    }
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One instruction: keyword, flags, arguments and heredoc bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword exactly as written (`run`, `Copy`, `FOO`).
    pub keyword_text: String,
    pub keyword_span: Span,
    pub flags: Vec<Flag>,
    pub arguments: Arguments,
    pub heredocs: Vec<Heredoc>,
    /// The whole instruction: first line to last continuation or heredoc line.
    pub span: Span,
    /// The logical line BuildKit sees: continuations joined, comment lines
    /// inside them dropped, heredoc bodies not included.
    pub logical_line: String,
    /// Comment lines directly above (BuildKit's `PrevComment`), without `#`.
    pub comments: Vec<String>,
}

/// A `--name=value` flag before the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The name without dashes: `from`, `mount`.
    pub name: String,
    /// The value after `=`, unquoted; `None` for `--link`.
    pub value: Option<String>,
    /// The flag as BuildKit reports it (quotes removed): `--from=builder`.
    pub text: String,
    pub span: Span,
}

/// A piece of argument text with its place in the source. For exec (JSON)
/// form the value is the decoded string; otherwise it is the text exactly as
/// BuildKit's parser keeps it (quotes and escapes still in place — use
/// [`crate::shell::unquote`] or [`crate::shell::expand`] for the shell meaning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// `key=value` (or old-style `key value`) in ENV and LABEL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    pub value: Word,
    /// True for `key=value`, false for the legacy `ENV key value` form.
    pub with_equals: bool,
}

/// The arguments of an instruction, shaped the way BuildKit's parser shapes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arguments {
    /// Nothing after the keyword (and flags).
    None,
    /// Exec form: a JSON array of strings (`CMD ["a", "b"]`).
    Exec(Vec<Word>),
    /// Shell form of RUN/CMD/ENTRYPOINT/SHELL: one command string.
    Shell(Word),
    /// Whitespace-separated words: FROM, EXPOSE, ARG, and the non-JSON form of COPY/ADD/VOLUME.
    Words(Vec<Word>),
    /// A single string: USER, WORKDIR, STOPSIGNAL, MAINTAINER.
    Text(Word),
    /// ENV and LABEL pairs.
    Pairs(Vec<KeyValue>),
    /// `HEALTHCHECK CMD ...` / `HEALTHCHECK NONE`.
    Healthcheck { kind: Word, command: Box<Arguments> },
    /// `ONBUILD <instruction>`.
    Onbuild(Box<Instruction>),
    /// The arguments could not be read (see the diagnostics) or the keyword is unknown.
    Invalid,
}

impl Arguments {
    /// The argument words in order (exec elements, words, or the single text).
    pub fn words(&self) -> &[Word] {
        match self {
            Arguments::Exec(w) | Arguments::Words(w) => w,
            Arguments::Shell(w) | Arguments::Text(w) => core::slice::from_ref(w),
            _ => &[],
        }
    }

    pub fn is_exec(&self) -> bool {
        matches!(self, Arguments::Exec(_))
    }
}

/// A heredoc attached to RUN, COPY or ADD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The terminator word with quotes removed (`EOF`).
    pub name: String,
    /// File descriptor number written before `<<` (`3<<EOF`), 0 if none.
    pub file_descriptor: u32,
    /// False when any part of the terminator was quoted: no variable expansion.
    pub expand: bool,
    /// `<<-`: leading tabs are removed from the body and the terminator line.
    pub chomp: bool,
    /// The body, lines with their newlines, terminator excluded.
    pub content: String,
    /// The `<<EOF` word on the instruction line.
    pub marker_span: Span,
    /// The body lines.
    pub content_span: Span,
    /// The terminator line.
    pub terminator_span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found while parsing. `kind` carries the data so a UI can word it
/// in any language; `Display` gives the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub severity: Severity,
    pub span: Span,
}

impl Diagnostic {
    /// True for the errors BuildKit's *parser* raises (the `parse` step that
    /// produces its AST dump). The other errors come from BuildKit's later
    /// instruction checks: the dump still exists, but `docker build` fails.
    pub fn is_buildkit_parser_error(&self) -> bool {
        self.severity == Severity::Error
            && matches!(
                self.kind,
                DiagnosticKind::DuplicateDirective { .. }
                    | DiagnosticKind::InvalidEscapeToken { .. }
                    | DiagnosticKind::NotStringArray { .. }
                    | DiagnosticKind::NeedsTwoArguments { .. }
                    | DiagnosticKind::MissingEquals { .. }
                    | DiagnosticKind::UnterminatedHeredoc { .. }
                    | DiagnosticKind::InvalidHeredoc { .. }
                    | DiagnosticKind::NoInstructions
            )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.span.start_pos.line, self.kind)
    }
}

/// What went wrong, with the names from the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// A parser directive given twice.
    DuplicateDirective { name: String },
    /// `# escape=` with something other than `\` or `` ` ``.
    InvalidEscapeToken { value: String },
    /// A JSON array holding something other than strings.
    NotStringArray { instruction: Keyword },
    /// Legacy `ENV name value` / `LABEL name value` with no value.
    NeedsTwoArguments { instruction: Keyword },
    /// `ENV a=b c`: a later word has no `=`.
    MissingEquals { word: String },
    /// A heredoc whose terminator never comes.
    UnterminatedHeredoc { name: String },
    /// A heredoc marker with an unterminated quote (`<<'EOF`).
    InvalidHeredoc { word: String },
    /// The file has no instruction at all.
    NoInstructions,
    /// An instruction Docker does not know.
    UnknownInstruction { name: String },
    /// A flag the instruction does not take.
    UnknownFlag { instruction: Keyword, flag: String },
    /// A string flag written without a value (`--from`).
    MissingFlagValue { instruction: Keyword, flag: String },
    /// Too few or too many arguments.
    WrongArgumentCount {
        instruction: Keyword,
        expected: ArgumentCount,
    },
    /// `FROM image AS name` misspelt (`FROM a b`, `FROM a AS`).
    InvalidFrom,
    /// A stage name that is not `[a-z][a-z0-9-_.]*`.
    InvalidStageName { name: String },
    /// An instruction other than ARG before the first FROM.
    NoStage { instruction: Keyword },
    /// `ONBUILD ONBUILD`, `ONBUILD FROM`, `ONBUILD MAINTAINER`.
    OnbuildTriggerNotAllowed { trigger: String },
    /// `ENV =x` or `ARG =x`.
    BlankName { instruction: Keyword },
    /// SHELL must be written in JSON form.
    ShellNotJson,
    /// `HEALTHCHECK` followed by something other than `CMD` or `NONE`.
    UnknownHealthcheckType { kind: String },
    /// `HEALTHCHECK CMD` with no command, or `HEALTHCHECK NONE` with one.
    HealthcheckCommand { none: bool },
    /// An empty line inside a continuation (a warning; BuildKit plans to make it an error).
    EmptyContinuationLine,
}

/// What an instruction expects, for [`DiagnosticKind::WrongArgumentCount`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentCount {
    AtLeastOne,
    ExactlyOne,
    AtLeastTwo,
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiagnosticKind::DuplicateDirective { name } => {
                write!(f, "only one {name} parser directive can be used")
            }
            DiagnosticKind::InvalidEscapeToken { value } => {
                write!(f, "invalid escape token '{value}' does not match ` or \\")
            }
            DiagnosticKind::NotStringArray { instruction } => write!(
                f,
                "{instruction}: when using JSON array syntax, arrays must be comprised of strings only"
            ),
            DiagnosticKind::NeedsTwoArguments { instruction } => {
                write!(f, "{instruction} must have two arguments")
            }
            DiagnosticKind::MissingEquals { word } => write!(
                f,
                "can't find = in \"{word}\"; it must be of the form name=value"
            ),
            DiagnosticKind::UnterminatedHeredoc { name } => {
                write!(f, "unterminated heredoc: no line reads \"{name}\"")
            }
            DiagnosticKind::InvalidHeredoc { word } => {
                write!(f, "invalid heredoc marker {word}: unterminated quote")
            }
            DiagnosticKind::NoInstructions => f.write_str("file with no instructions"),
            DiagnosticKind::UnknownInstruction { name } => {
                write!(f, "unknown instruction: {name}")
            }
            DiagnosticKind::UnknownFlag { instruction, flag } => {
                write!(f, "{instruction} does not take the flag --{flag}")
            }
            DiagnosticKind::MissingFlagValue { instruction, flag } => {
                write!(f, "{instruction}: missing a value on flag --{flag}")
            }
            DiagnosticKind::WrongArgumentCount {
                instruction,
                expected,
            } => match expected {
                ArgumentCount::AtLeastOne => {
                    write!(f, "{instruction} requires at least one argument")
                }
                ArgumentCount::ExactlyOne => {
                    write!(f, "{instruction} requires exactly one argument")
                }
                ArgumentCount::AtLeastTwo => write!(
                    f,
                    "{instruction} requires at least two arguments (sources and a destination)"
                ),
            },
            DiagnosticKind::InvalidFrom => {
                f.write_str("FROM requires either one or three arguments (FROM image AS name)")
            }
            DiagnosticKind::InvalidStageName { name } => write!(
                f,
                "invalid name for build stage: \"{name}\", name can't start with a number or contain symbols"
            ),
            DiagnosticKind::NoStage { instruction } => write!(
                f,
                "{instruction} before the first FROM: only ARG may come before FROM"
            ),
            DiagnosticKind::OnbuildTriggerNotAllowed { trigger } => {
                write!(f, "{trigger} isn't allowed as an ONBUILD trigger")
            }
            DiagnosticKind::BlankName { instruction } => {
                write!(f, "{instruction} names can not be blank")
            }
            DiagnosticKind::UnknownHealthcheckType { kind } => {
                write!(f, "unknown type \"{kind}\" in HEALTHCHECK (try CMD)")
            }
            DiagnosticKind::HealthcheckCommand { none: true } => {
                f.write_str("HEALTHCHECK NONE takes no arguments")
            }
            DiagnosticKind::HealthcheckCommand { none: false } => {
                f.write_str("missing command after HEALTHCHECK CMD")
            }
            DiagnosticKind::ShellNotJson => {
                f.write_str("SHELL requires the arguments to be in JSON form")
            }
            DiagnosticKind::EmptyContinuationLine => f.write_str(
                "empty continuation line (empty continuation lines will become errors in a future BuildKit release)",
            ),
        }
    }
}

impl Dockerfile {
    /// True when there is no error-severity diagnostic.
    pub fn is_ok(&self) -> bool {
        self.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    }

    /// Errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The value of a parser directive, if present.
    pub fn directive(&self, name: &str) -> Option<&str> {
        self.directives
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.value.as_str())
    }

    /// Every build argument an ARG declares, in the whole file, each once, in order.
    pub fn declared_args(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for ins in &self.instructions {
            for name in ins.arg_names() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }
}

impl Instruction {
    /// The names an ARG instruction declares (`ARG A B=1` → `A`, `B`); none for others.
    pub fn arg_names(&self) -> Vec<String> {
        if self.keyword != Keyword::Arg {
            return Vec::new();
        }
        self.arguments
            .words()
            .iter()
            .map(|w| w.value.split('=').next().unwrap_or("").to_string())
            .filter(|n| !n.is_empty())
            .collect()
    }

    /// The flag with this name (the last one if repeated).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name == name)
    }

    /// All values of a repeatable flag such as `--mount` or `--exclude`.
    pub fn flag_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags
            .iter()
            .filter(move |f| f.name == name)
            .filter_map(|f| f.value.as_deref())
    }

    /// First and last line (1-based) the instruction occupies, heredoc bodies included.
    pub fn lines(&self) -> (u32, u32) {
        (self.span.start_pos.line, self.span.end_pos.line)
    }

    /// A short one-line rendering for messages: `COPY . .`, `RUN pip install ...`.
    pub fn summary(&self, max_chars: usize) -> String {
        // Every step of a rebuild plan gets one, on every keystroke in the lab: split on ASCII
        // blanks (what Docker splits on) and size the text once.
        let mut text = String::with_capacity(self.logical_line.len().min(max_chars + 8));
        let mut chars = 0;
        for (i, part) in self.logical_line.split_ascii_whitespace().enumerate() {
            if i > 0 {
                text.push(' ');
                chars += 1;
            }
            let part = if i == 0 && self.keyword != Keyword::Unknown {
                self.keyword.as_str()
            } else {
                part
            };
            text.push_str(part);
            chars += part.chars().count();
            if chars > max_chars {
                // Long RUN lines: stop reading as soon as the summary is full.
                let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
                return format!("{}…", cut.trim_end());
            }
        }
        text
    }
}
