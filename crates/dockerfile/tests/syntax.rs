//! One test per construct of the Dockerfile syntax, checking the tree and the spans.

use shipshape_dockerfile::{parse, Arguments, DiagnosticKind, Keyword, Severity};

fn words(args: &Arguments) -> Vec<&str> {
    args.words().iter().map(|w| w.value.as_str()).collect()
}

#[test]
fn directives_only_at_the_top() {
    let df =
        parse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\n# escape=\\\n");
    let names: Vec<_> = df.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["syntax", "escape", "check"]);
    assert_eq!(df.escape, '`');
    assert_eq!(df.directive("syntax"), Some("docker/dockerfile:1"));
    // After a comment that is not a directive, directives are over.
    let df = parse("# hello\n# escape=`\nFROM a\n");
    assert!(df.directives.is_empty());
    assert_eq!(df.escape, '\\');
    let df = parse("# escape=x\nFROM a\n");
    assert!(matches!(
        df.diagnostics[0].kind,
        DiagnosticKind::InvalidEscapeToken { .. }
    ));
    let df = parse("# escape=`\n# escape=\\\nFROM a\n");
    assert!(df
        .diagnostics
        .iter()
        .any(|d| matches!(d.kind, DiagnosticKind::DuplicateDirective { .. })));
}

#[test]
fn backtick_escape_continues_lines() {
    let df = parse("# escape=`\nFROM windows\nRUN dir `\n  c:\\ `\n  /s\n");
    assert_eq!(words(&df.instructions[1].arguments), ["dir   c:\\   /s"]);
    assert_eq!(df.instructions[1].lines(), (3, 5));
}

#[test]
fn continuations_skip_comment_and_empty_lines() {
    let df = parse(
        "FROM a\nRUN apt-get update \\\n# a comment\n\n    && apt-get install -y curl\nCMD x\n",
    );
    let run = &df.instructions[1];
    assert_eq!(
        words(&run.arguments),
        ["apt-get update     && apt-get install -y curl"]
    );
    assert_eq!(run.lines(), (2, 5));
    assert!(df.diagnostics.iter().any(
        |d| d.kind == DiagnosticKind::EmptyContinuationLine && d.severity == Severity::Warning
    ));
    assert!(df.is_ok());
}

#[test]
fn escaped_backslash_at_end_of_line_is_not_a_continuation() {
    // hadolint gets this wrong: `\\` at the end is a literal backslash.
    let df = parse("FROM a\nRUN echo foo\\\\\nRUN echo bar\n");
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(words(&df.instructions[1].arguments), ["echo foo\\\\"]);
}

#[test]
fn heredocs_with_comment_after_terminator() {
    // hadolint fails on a comment right after a heredoc terminator.
    let src = "FROM a\nRUN <<EOF\necho hi\n# not a comment, part of the script\nEOF\n# a real comment\nRUN echo after\n";
    let df = parse(src);
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    assert_eq!(df.instructions.len(), 3);
    let h = &df.instructions[1].heredocs[0];
    assert_eq!(h.name, "EOF");
    assert_eq!(h.content, "echo hi\n# not a comment, part of the script\n");
    assert_eq!(h.terminator_span.text(src), "EOF");
    assert_eq!(h.marker_span.text(src), "<<EOF");
    assert_eq!(df.instructions[1].lines(), (2, 5));
    assert_eq!(df.instructions[2].comments, ["a real comment"]);
}

#[test]
fn several_heredocs_chomp_and_quotes() {
    let src = "FROM a\nCOPY <<one <<'two' /dest/\nfirst\none\n\t$second\ntwo\nRUN <<-EOT bash\n\techo tab\n\tEOT\nRUN 3<<\"X\" cat\nX\n";
    let df = parse(src);
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    let copy = &df.instructions[1];
    assert_eq!(copy.heredocs.len(), 2);
    assert_eq!(
        (copy.heredocs[0].name.as_str(), copy.heredocs[0].expand),
        ("one", true)
    );
    assert_eq!(
        (copy.heredocs[1].name.as_str(), copy.heredocs[1].expand),
        ("two", false)
    );
    assert_eq!(copy.heredocs[1].content, "\t$second\n");
    let chomped = &df.instructions[2].heredocs[0];
    assert!(chomped.chomp);
    assert_eq!(chomped.content, "\techo tab\n");
    let fd = &df.instructions[3].heredocs[0];
    assert_eq!((fd.file_descriptor, fd.expand), (3, false));
    // Exec form never has heredocs.
    let df = parse("FROM a\nRUN [\"<<EOF\"]\nRUN x\n");
    assert!(df.instructions[1].heredocs.is_empty());
}

#[test]
fn unterminated_heredoc_is_an_error() {
    let df = parse("FROM a\nRUN <<EOF\necho\n");
    assert!(
        matches!(df.diagnostics[0].kind, DiagnosticKind::UnterminatedHeredoc { ref name } if name == "EOF")
    );
}

#[test]
fn exec_and_shell_forms() {
    let df = parse("FROM a\nCMD [\"fastapi\", \"run\"]\nCMD fastapi run\nENTRYPOINT ['single']\nSHELL [\"pwsh\", \"-c\"]\n");
    assert!(matches!(df.instructions[1].arguments, Arguments::Exec(_)));
    assert_eq!(words(&df.instructions[1].arguments), ["fastapi", "run"]);
    assert!(matches!(df.instructions[2].arguments, Arguments::Shell(_)));
    assert!(
        matches!(df.instructions[3].arguments, Arguments::Shell(_)),
        "single quotes are not JSON"
    );
    let src = "FROM a\nCMD [\"a\", \"b\"]\n";
    let df = parse(src);
    let w = &df.instructions[1].arguments.words()[1];
    assert_eq!(w.span.text(src), "\"b\"");
    assert_eq!((w.span.start_pos.line, w.span.start_pos.column), (2, 11));
}

#[test]
fn flags_with_values_and_positions() {
    let src = "FROM --platform=$BUILDPLATFORM golang AS build\nRUN --mount=type=cache,target=/root/.cache --network=none go build\nCOPY --from=build --chown=app:app --chmod=755 --link --parents --exclude=*.md /a /b\nADD --checksum=sha256:abc https://x/y.tgz /\n";
    let df = parse(src);
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    let copy = &df.instructions[2];
    let names: Vec<_> = copy.flags.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["from", "chown", "chmod", "link", "parents", "exclude"]
    );
    assert_eq!(copy.flag("from").unwrap().value.as_deref(), Some("build"));
    assert_eq!(copy.flag("link").unwrap().value, None);
    assert_eq!(
        copy.flag("chown").unwrap().span.text(src),
        "--chown=app:app"
    );
    assert_eq!(words(&copy.arguments), ["/a", "/b"]);
    assert_eq!(
        df.instructions[1].flag_values("mount").next(),
        Some("type=cache,target=/root/.cache")
    );
    let df = parse("FROM a\nCOPY --frm=x a b\nRUN --mount echo\n");
    assert!(
        matches!(df.diagnostics[0].kind, DiagnosticKind::UnknownFlag { ref flag, .. } if flag == "frm")
    );
    assert!(matches!(
        df.diagnostics[1].kind,
        DiagnosticKind::MissingFlagValue { .. }
    ));
}

#[test]
fn keywords_are_case_insensitive() {
    let df = parse("from alpine as Build\nrun echo\nCoPy a b\n");
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    assert_eq!(df.instructions[1].keyword, Keyword::Run);
    assert_eq!(df.instructions[2].keyword_text, "CoPy");
    assert_eq!(df.stages()[0].name.as_deref(), Some("build"));
}

#[test]
fn global_args_and_stages() {
    let src =
        "ARG BASE=alpine\nARG TAG\nFROM ${BASE}:${TAG:-latest} AS one\nRUN a\nFROM one\nRUN b\n";
    let df = parse(src);
    assert!(df.is_ok());
    assert_eq!(df.global_instructions(), 0..2);
    let stages = df.stages();
    assert_eq!(stages.len(), 2);
    assert_eq!(stages[0].base, "${BASE}:${TAG:-latest}");
    assert_eq!(stages[0].body, 3..4);
    assert_eq!(stages[1].label(), "1");
    let df = parse("RUN x\nFROM a\n");
    assert!(matches!(
        df.diagnostics[0].kind,
        DiagnosticKind::NoStage { .. }
    ));
    let df = parse("FROM a AS 1bad\nFROM b AS x\nFROM c AS x\nFROM d e\n");
    let kinds: Vec<_> = df.errors().map(|d| &d.kind).collect();
    assert!(matches!(kinds[0], DiagnosticKind::InvalidStageName { .. }));
    assert!(matches!(kinds[1], DiagnosticKind::InvalidFrom));
    // BuildKit builds two stages of one name: its lint check (rule SS020) warns, the parser
    // does not.
    assert_eq!(df.diagnostics.len(), 2);
    assert!(parse("FROM b AS x\nFROM c AS x\n").diagnostics.is_empty());
}

#[test]
fn env_label_and_arg_pairs() {
    let df = parse("FROM a\nENV A=1 B=\"two words\" C=x\\ y\nENV OLD value with spaces\nLABEL a.b=c\nARG X Y=2\n");
    match &df.instructions[1].arguments {
        Arguments::Pairs(p) => {
            assert_eq!(p.len(), 3);
            assert_eq!(p[1].key.value, "B");
            assert_eq!(p[1].value.value, "\"two words\"");
            assert_eq!(
                shipshape_dockerfile::shell::unquote(&p[2].value.value, '\\'),
                "x y"
            );
        }
        other => panic!("{other:?}"),
    }
    match &df.instructions[2].arguments {
        Arguments::Pairs(p) => {
            assert!(!p[0].with_equals);
            assert_eq!(p[0].value.value, "value with spaces");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(words(&df.instructions[4].arguments), ["X", "Y=2"]);
}

#[test]
fn onbuild_wraps_an_instruction() {
    let df = parse("FROM a\nONBUILD COPY --chown=1 . /app\nONBUILD ONBUILD RUN x\n");
    match &df.instructions[1].arguments {
        Arguments::Onbuild(child) => {
            assert_eq!(child.keyword, Keyword::Copy);
            assert_eq!(child.flags[0].name, "chown");
            assert_eq!(words(&child.arguments), [".", "/app"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(df
        .errors()
        .any(|d| matches!(d.kind, DiagnosticKind::OnbuildTriggerNotAllowed { .. })));
}

#[test]
fn invalid_line_becomes_error_and_parsing_goes_on() {
    let src = "FROM a\nFOO bar\nCMD [\"x\", 1]\nENV\nCOPY onlyone\nRUN echo ok\n";
    let df = parse(src);
    assert_eq!(df.instructions.len(), 6);
    let kinds: Vec<String> = df.errors().map(|d| d.to_string()).collect();
    assert_eq!(
        kinds,
        [
            "line 2: unknown instruction: FOO",
            "line 3: CMD: when using JSON array syntax, arrays must be comprised of strings only",
            "line 4: ENV requires at least one argument",
            "line 5: COPY requires at least two arguments (sources and a destination)",
        ]
    );
    assert_eq!(df.instructions[5].keyword, Keyword::Run);
    let foo = df.errors().next().unwrap();
    assert_eq!(foo.span.text(src), "FOO");
}

#[test]
fn healthcheck_forms() {
    let df = parse("FROM a\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n");
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    match &df.instructions[1].arguments {
        Arguments::Healthcheck { kind, command } => {
            assert_eq!(kind.value, "CMD");
            assert!(matches!(**command, Arguments::Shell(_)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn spans_cover_keywords_words_and_bom() {
    let src = "\u{feff}FROM  python:3.12 AS base\n  RUN  echo \\\n   hi\n";
    let df = parse(src);
    let from = &df.instructions[0];
    assert_eq!(from.keyword_span.text(src), "FROM");
    assert_eq!(from.arguments.words()[0].span.text(src), "python:3.12");
    let run = &df.instructions[1];
    assert_eq!(run.keyword_span.start_pos.column, 3);
    assert_eq!(run.span.start_pos.line, 2);
    assert_eq!(run.span.end_pos.line, 3);
    // The shell text spans both lines in the source.
    assert_eq!(run.arguments.words()[0].span.text(src), "echo \\\n   hi");
}

#[test]
fn empty_and_comment_only_files_have_no_instructions() {
    for src in ["", "# just\n# comments\n", "\n\n  \n"] {
        let df = parse(src);
        assert!(matches!(
            df.diagnostics.last().unwrap().kind,
            DiagnosticKind::NoInstructions
        ));
    }
}
