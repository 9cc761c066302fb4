//! The syntax tree as JSON (`shipshape parse --format json`). The shape is
//! documented in the crate README.

use serde_json::{json, Value};
use shipshape_dockerfile::{Arguments, Dockerfile, Heredoc, Instruction, Severity, Span, Word};

pub fn span(s: &Span) -> Value {
    json!({
        "start": s.start,
        "end": s.end,
        "start_line": s.start_pos.line,
        "start_column": s.start_pos.column,
        "end_line": s.end_pos.line,
        "end_column": s.end_pos.column,
    })
}

fn word(w: &Word) -> Value {
    json!({ "value": w.value, "range": span(&w.span) })
}

fn words(ws: &[Word]) -> Value {
    Value::Array(ws.iter().map(word).collect())
}

fn arguments(a: &Arguments) -> Value {
    match a {
        Arguments::None => json!({ "form": "none" }),
        Arguments::Invalid => json!({ "form": "invalid" }),
        Arguments::Exec(w) => json!({ "form": "exec", "words": words(w) }),
        Arguments::Shell(w) => json!({ "form": "shell", "words": [word(w)] }),
        Arguments::Words(w) => json!({ "form": "words", "words": words(w) }),
        Arguments::Text(w) => json!({ "form": "text", "words": [word(w)] }),
        Arguments::Pairs(pairs) => json!({
            "form": "pairs",
            "pairs": pairs.iter().map(|p| json!({
                "key": word(&p.key),
                "value": word(&p.value),
                "with_equals": p.with_equals,
            })).collect::<Vec<_>>(),
        }),
        Arguments::Healthcheck { kind, command } => json!({
            "form": "healthcheck",
            "kind": word(kind),
            "command": arguments(command),
        }),
        Arguments::Onbuild(child) => {
            json!({ "form": "onbuild", "instruction": instruction(child) })
        }
    }
}

fn heredoc(h: &Heredoc) -> Value {
    json!({
        "name": h.name,
        "file_descriptor": h.file_descriptor,
        "expand": h.expand,
        "chomp": h.chomp,
        "content": h.content,
        "marker_range": span(&h.marker_span),
        "content_range": span(&h.content_span),
        "terminator_range": span(&h.terminator_span),
    })
}

fn instruction(i: &Instruction) -> Value {
    json!({
        "keyword": i.keyword.as_str(),
        "keyword_text": i.keyword_text,
        "keyword_range": span(&i.keyword_span),
        "range": span(&i.span),
        "flags": i.flags.iter().map(|f| json!({
            "name": f.name,
            "value": f.value,
            "range": span(&f.span),
        })).collect::<Vec<_>>(),
        "arguments": arguments(&i.arguments),
        "heredocs": i.heredocs.iter().map(heredoc).collect::<Vec<_>>(),
        "comments": i.comments,
    })
}

pub fn dockerfile(d: &Dockerfile) -> Value {
    json!({
        "escape": d.escape.to_string(),
        "directives": d.directives.iter().map(|x| json!({
            "name": x.name,
            "value": x.value,
            "range": span(&x.span),
        })).collect::<Vec<_>>(),
        "stages": d.stages().iter().map(|s| json!({
            "index": s.index,
            "name": s.name,
            "base": s.base,
            "from_instruction": s.from,
            "instructions": [s.instructions().start, s.instructions().end],
        })).collect::<Vec<_>>(),
        "instructions": d.instructions.iter().map(instruction).collect::<Vec<_>>(),
        "diagnostics": d.diagnostics.iter().map(|x| json!({
            "severity": match x.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": x.kind.to_string(),
            "range": span(&x.span),
        })).collect::<Vec<_>>(),
    })
}
