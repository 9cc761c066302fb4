//! A completion code: the exercises a trainee solved and the work that solved each, compressed
//! and checksummed like the lab's state, so a team lead can check it with no server:
//! `shipshape exercises verify CODE` runs every check again on the work inside.
//!
//! ```text
//! code    = "SSX1-" base64url(compressed(record checksum))
//! record  = name:str  count:varint  entry...
//! entry   = id:str  with_solution:varint(0|1)  work:list
//! work    = Dockerfile exercise: [Dockerfile, .dockerignore]; capacity: [scenario JSON];
//!           concept: [choice id]
//! ```
//!
//! The checksum catches a code cut short or mistyped in transit. It is not a signature: what
//! makes a code trustworthy is that its work passes the checks again, whatever the code says.

use shipshape_labstate::{pack, unpack, DecodeError, RecordReader, RecordWriter};

use crate::check::{check, Outcome, Work};
use crate::model::{Exercise, Kind};

/// The format's prefix: the product and the version.
pub const PREFIX: &str = "SSX1-";

/// Longest code accepted, in characters: well above twenty exercises' work.
pub const MAX_CHARS: usize = 400_000;

/// One solved exercise in a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// Solved after opening the solution.
    pub with_solution: bool,
    pub work: Vec<String>,
}

/// A trainee's completion code, read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Code {
    /// Who it is from, as they typed it (may be empty).
    pub name: String,
    pub entries: Vec<Entry>,
}

/// Why a text is not a completion code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    Empty,
    TooLong {
        chars: usize,
    },
    /// It does not start with [`PREFIX`].
    NotACode,
    /// Cut short, mistyped or altered (the checksum or the record says so).
    Damaged(DecodeError),
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::Empty => f.write_str("the completion code is empty"),
            CodeError::TooLong { chars } => write!(
                f,
                "the completion code is {chars} characters long; at most {MAX_CHARS} are accepted"
            ),
            CodeError::NotACode => write!(
                f,
                "this is not a Shipshape completion code (it should start with {PREFIX})"
            ),
            CodeError::Damaged(DecodeError::ChecksumMismatch) => f.write_str(
                "the completion code was altered or mistyped (its checksum does not match)",
            ),
            CodeError::Damaged(DecodeError::Truncated) => {
                f.write_str("the completion code is cut short: copy all of it")
            }
            CodeError::Damaged(e) => write!(f, "the completion code is damaged: {e}"),
        }
    }
}

impl std::error::Error for CodeError {}

pub fn encode(code: &Code) -> String {
    let mut w = RecordWriter::default();
    w.str(&code.name);
    w.number(code.entries.len() as u32);
    for e in &code.entries {
        w.str(&e.id);
        w.number(u32::from(e.with_solution));
        w.list(&e.work);
    }
    pack(PREFIX, w)
}

pub fn decode(text: &str) -> Result<Code, CodeError> {
    // A code pasted from a chat may be wrapped over lines.
    let text: String = text.split_whitespace().collect();
    if text.is_empty() {
        return Err(CodeError::Empty);
    }
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(CodeError::TooLong { chars });
    }
    let payload = text.strip_prefix(PREFIX).ok_or(CodeError::NotACode)?;
    let record = unpack(payload).map_err(CodeError::Damaged)?;
    let mut r = RecordReader::new(&record);
    let d = CodeError::Damaged;
    let name = r.str().map_err(d)?;
    let count = r.number().map_err(d)? as usize;
    // Every entry takes at least three bytes.
    if count > record.len() {
        return Err(CodeError::Damaged(DecodeError::Truncated));
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.str().map_err(d)?;
        let with_solution = match r.number().map_err(d)? {
            0 => false,
            1 => true,
            _ => return Err(CodeError::Damaged(DecodeError::Corrupt("not a yes or no"))),
        };
        let work = r.list().map_err(d)?;
        entries.push(Entry {
            id,
            with_solution,
            work,
        });
    }
    r.finish().map_err(d)?;
    Ok(Code { name, entries })
}

/// A capacity exercise's work as a code carries it: the scenario as the engine's JSON.
pub fn scenario_work(s: &shipshape_capacity::Scenario) -> Vec<String> {
    serde_json::to_string(s)
        .map(|json| vec![json])
        .unwrap_or_default()
}

/// The work of a code entry (or of a saved exercise) as [`check`] takes it; `None` when it has
/// the wrong shape for the exercise's kind.
pub fn work_of(kind: Kind, fields: &[String]) -> Option<Work<'_>> {
    match (kind, fields) {
        (Kind::Dockerfile, [dockerfile, dockerignore]) => Some(Work::Dockerfile {
            dockerfile,
            dockerignore,
        }),
        (Kind::Capacity, [json]) => Some(Work::ScenarioJson(json)),
        (Kind::Concept, [choice]) => Some(Work::Choice(choice)),
        _ => None,
    }
}

/// One entry of a code, checked again.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified<'a> {
    pub entry: &'a Entry,
    /// The exercise, if this build knows it.
    pub exercise: Option<&'static Exercise>,
    /// The checks' outcome on the entry's work (`None`: unknown exercise, or work of the
    /// wrong shape).
    pub outcome: Option<Outcome>,
}

impl Verified<'_> {
    pub fn passes(&self) -> bool {
        self.outcome.as_ref().is_some_and(Outcome::passed)
    }
}

/// Runs every check again on every entry, against the exercises `find` knows.
pub fn verify<'a>(
    code: &'a Code,
    find: impl Fn(&str) -> Option<&'static Exercise>,
) -> Vec<Verified<'a>> {
    code.entries
        .iter()
        .map(|entry| {
            let exercise = find(&entry.id);
            let outcome = exercise.and_then(|e| {
                let work = work_of(e.kind(), &entry.work)?;
                Some(check(e, &work))
            });
            Verified {
                entry,
                exercise,
                outcome,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Code {
        Code {
            name: "Mina 민아 ミナ".into(),
            entries: vec![
                Entry {
                    id: "a".into(),
                    with_solution: false,
                    work: vec!["FROM python:3.13-slim\n".into(), String::new()],
                },
                Entry {
                    id: "b".into(),
                    with_solution: true,
                    work: vec!["{}".into()],
                },
            ],
        }
    }

    #[test]
    fn round_trips_even_wrapped_over_lines() {
        let text = encode(&example());
        assert!(text.starts_with(PREFIX));
        assert_eq!(decode(&text), Ok(example()));
        let wrapped: String = text
            .chars()
            .collect::<Vec<_>>()
            .chunks(20)
            .map(|c| c.iter().collect::<String>() + "\n  ")
            .collect();
        assert_eq!(decode(&wrapped), Ok(example()));
    }

    #[test]
    fn corrupt_truncated_or_foreign_codes_are_refused() {
        let text = encode(&example());
        assert_eq!(decode("  "), Err(CodeError::Empty));
        assert_eq!(decode("1abc"), Err(CodeError::NotACode));
        assert!(matches!(
            decode(&format!("{PREFIX}{}", "A".repeat(MAX_CHARS))),
            Err(CodeError::TooLong { .. })
        ));
        for cut in [text.len() - 1, text.len() / 2, PREFIX.len() + 2] {
            assert!(
                matches!(decode(&text[..cut]), Err(CodeError::Damaged(_))),
                "cut at {cut}"
            );
        }
        for i in PREFIX.len()..text.len() {
            let mut bytes = text.clone().into_bytes();
            bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
            let altered = String::from_utf8(bytes).unwrap();
            assert!(
                decode(&altered).is_err(),
                "altering char {i} went unnoticed"
            );
        }
        // Every failure reads as one line.
        for e in [
            CodeError::Empty,
            CodeError::NotACode,
            CodeError::Damaged(DecodeError::ChecksumMismatch),
        ] {
            assert!(!e.to_string().contains('\n'));
        }
    }
}
