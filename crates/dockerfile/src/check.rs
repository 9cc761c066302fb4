//! The checks BuildKit makes after parsing, when it turns the AST into typed
//! instructions (`frontend/dockerfile/instructions/parse.go`): known keywords,
//! allowed flags, argument counts, `FROM image AS name`, what may precede the
//! first FROM. `docker build` fails on each of these, so they are errors here
//! too — reported with a position instead of stopping the parse. (Two stages with one name
//! are not among them: BuildKit builds that, and rule SS020 reports it.)

use crate::span::{LineIndex, Span};
use crate::syntax::*;

/// Flags each instruction accepts (BuildKit's `req.flags.Add*` calls).
/// `true` marks boolean flags, which need no value.
fn allowed_flags(keyword: Keyword) -> &'static [(&'static str, bool)] {
    match keyword {
        Keyword::From => &[("platform", false)],
        Keyword::Run => &[
            ("mount", false),
            ("network", false),
            ("security", false),
            ("device", false),
        ],
        Keyword::Copy => &[
            ("chown", false),
            ("from", false),
            ("chmod", false),
            ("link", true),
            ("exclude", false),
            ("parents", true),
        ],
        Keyword::Add => &[
            ("chown", false),
            ("chmod", false),
            ("link", true),
            ("keep-git-dir", true),
            ("checksum", false),
            ("unpack", true),
            ("exclude", false),
        ],
        Keyword::Healthcheck => &[
            ("interval", false),
            ("timeout", false),
            ("start-period", false),
            ("start-interval", false),
            ("retries", false),
        ],
        _ => &[],
    }
}

/// A valid stage name: `^[a-z][a-z0-9-_.]*$` after lower-casing.
pub(crate) fn is_valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

pub(crate) fn check(dockerfile: &mut Dockerfile, index: &LineIndex, source: &str) {
    let mut found = Vec::new();
    let mut seen_from = false;
    // Two stages with one name are not an error: BuildKit builds them and its lint check
    // `DuplicateStageName` (rule SS020) warns.
    for instruction in &dockerfile.instructions {
        if instruction.keyword == Keyword::From {
            seen_from = true;
        } else if !seen_from
            && instruction.keyword != Keyword::Arg
            && instruction.keyword != Keyword::Unknown
        {
            found.push((
                DiagnosticKind::NoStage {
                    instruction: instruction.keyword,
                },
                instruction.keyword_span,
            ));
        }
        check_instruction(instruction, false, &mut found);
    }
    let _ = (index, source);
    for (kind, span) in found {
        dockerfile.diagnostics.push(Diagnostic {
            kind,
            severity: Severity::Error,
            span,
        });
    }
}

fn check_instruction(
    instruction: &Instruction,
    is_trigger: bool,
    found: &mut Vec<(DiagnosticKind, Span)>,
) {
    let keyword = instruction.keyword;
    let mut report = |kind: DiagnosticKind, span: Span| found.push((kind, span));
    if keyword == Keyword::Unknown {
        report(
            DiagnosticKind::UnknownInstruction {
                name: instruction.keyword_text.clone(),
            },
            instruction.keyword_span,
        );
        return;
    }
    if matches!(instruction.arguments, Arguments::Invalid) {
        return; // The parser already said why.
    }
    // HEALTHCHECK NONE takes no flags; HEALTHCHECK CMD takes the timing flags.
    let allowed = allowed_flags(keyword);
    for flag in &instruction.flags {
        match allowed.iter().find(|(name, _)| *name == flag.name) {
            None => report(
                DiagnosticKind::UnknownFlag {
                    instruction: keyword,
                    flag: flag.name.clone(),
                },
                flag.span,
            ),
            Some((_, false)) if flag.value.is_none() => report(
                DiagnosticKind::MissingFlagValue {
                    instruction: keyword,
                    flag: flag.name.clone(),
                },
                flag.span,
            ),
            _ => {}
        }
    }
    let args = &instruction.arguments;
    let count = match args {
        Arguments::None | Arguments::Invalid => 0,
        Arguments::Pairs(p) => p.len(),
        Arguments::Healthcheck { .. } | Arguments::Onbuild(_) => 1,
        other => other.words().len(),
    };
    let wrong = |expected| DiagnosticKind::WrongArgumentCount {
        instruction: keyword,
        expected,
    };
    let span = instruction.span;
    match keyword {
        Keyword::From => {
            let words = args.words();
            let ok =
                words.len() == 1 || (words.len() == 3 && words[1].value.eq_ignore_ascii_case("as"));
            if !ok {
                report(DiagnosticKind::InvalidFrom, span);
            } else if words.len() == 3 {
                let name = words[2].value.to_lowercase();
                if !is_valid_stage_name(&name) {
                    report(
                        DiagnosticKind::InvalidStageName {
                            name: words[2].value.clone(),
                        },
                        words[2].span,
                    );
                }
            }
        }
        Keyword::Copy | Keyword::Add => {
            if count < 2 {
                report(wrong(ArgumentCount::AtLeastTwo), span);
            }
        }
        Keyword::Env | Keyword::Label | Keyword::Arg => {
            if count == 0 {
                report(wrong(ArgumentCount::AtLeastOne), span);
            }
            let blank = match args {
                Arguments::Pairs(pairs) if keyword == Keyword::Env => {
                    pairs.iter().any(|p| p.key.value.is_empty())
                }
                Arguments::Words(words) if keyword == Keyword::Arg => {
                    words.iter().any(|w| w.value.starts_with('='))
                }
                _ => false,
            };
            if blank {
                report(
                    DiagnosticKind::BlankName {
                        instruction: keyword,
                    },
                    span,
                );
            }
        }
        Keyword::Expose
        | Keyword::Volume
        | Keyword::Healthcheck
        | Keyword::Onbuild
        | Keyword::Shell => {
            if count == 0 {
                report(wrong(ArgumentCount::AtLeastOne), span);
            } else if keyword == Keyword::Shell && !args.is_exec() {
                report(DiagnosticKind::ShellNotJson, span);
            }
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if count != 1 {
                report(wrong(ArgumentCount::ExactlyOne), span);
            }
        }
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Unknown => {}
    }
    if let Arguments::Healthcheck { kind, command } = args {
        let has_command = !matches!(**command, Arguments::None);
        if kind.value.eq_ignore_ascii_case("none") {
            if has_command {
                found.push((DiagnosticKind::HealthcheckCommand { none: true }, span));
            }
        } else if kind.value.eq_ignore_ascii_case("cmd") {
            if !has_command {
                found.push((DiagnosticKind::HealthcheckCommand { none: false }, span));
            }
        } else {
            found.push((
                DiagnosticKind::UnknownHealthcheckType {
                    kind: kind.value.clone(),
                },
                kind.span,
            ));
        }
    }
    if let Arguments::Onbuild(child) = args {
        match child.keyword {
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer => {
                found.push((
                    DiagnosticKind::OnbuildTriggerNotAllowed {
                        trigger: child.keyword.as_str().to_string(),
                    },
                    child.keyword_span,
                ));
            }
            _ if !is_trigger => check_instruction(child, true, found),
            _ => {}
        }
    }
}
