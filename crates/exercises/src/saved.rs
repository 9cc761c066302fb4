//! A trainee's state on one exercise, as the browser keeps it (one localStorage key per
//! exercise, so a damaged one loses nothing else): where they are, how many hints they opened,
//! whether they saw the solution, their current work and the last work that passed.
//!
//! Written like the lab's state (`shipshape-labstate`): a record, checksummed, compressed and in
//! URL-safe base64, after a prefix that names the format and its version, `x1`. Reading never
//! trusts the text: a damaged or foreign one is an error that says so, never a panic.

use shipshape_labstate::{pack, unpack, DecodeError, RecordReader, RecordWriter};

/// This format's prefix and version.
pub const PREFIX: &str = "x1";

/// Where a trainee stands on an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Worked on, not solved.
    Started,
    /// Solved.
    Passed,
    /// Solved after opening the solution.
    PassedWithSolution,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Started => "started",
            Status::Passed => "passed",
            Status::PassedWithSolution => "passed-with-solution",
        }
    }

    pub fn is_solved(self) -> bool {
        self != Status::Started
    }

    fn number(self) -> u32 {
        match self {
            Status::Started => 0,
            Status::Passed => 1,
            Status::PassedWithSolution => 2,
        }
    }

    fn from_number(n: u32) -> Option<Status> {
        match n {
            0 => Some(Status::Started),
            1 => Some(Status::Passed),
            2 => Some(Status::PassedWithSolution),
            _ => None,
        }
    }
}

/// One exercise's saved state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub status: Status,
    /// How many hints are open.
    pub hints: u32,
    /// The solution was shown.
    pub solution_seen: bool,
    /// The work as the editor holds it: a Dockerfile exercise's Dockerfile and `.dockerignore`,
    /// a capacity exercise's calculator form (its query string), a concept exercise's choice.
    pub work: Vec<String>,
    /// The last work that passed every goal, in the form a completion code carries (see
    /// [`crate::code`]); empty until then.
    pub solved: Vec<String>,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            status: Status::Started,
            hints: 0,
            solution_seen: false,
            work: Vec::new(),
            solved: Vec::new(),
        }
    }
}

impl Saved {
    /// Records the check of the current work: solving it passes the exercise (with the
    /// solution, if it was shown before), and its work becomes the solved one. A later failing
    /// edit keeps the exercise solved.
    pub fn record(&mut self, passed: bool, portable: Vec<String>) {
        if !passed {
            return;
        }
        if !self.status.is_solved() {
            self.status = if self.solution_seen {
                Status::PassedWithSolution
            } else {
                Status::Passed
            };
        }
        self.solved = portable;
    }
}

/// Why a saved state could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedError {
    Empty,
    /// Not this format (another version, or something else under the key).
    Foreign,
    /// Cut short or altered.
    Damaged(DecodeError),
}

impl std::fmt::Display for SavedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SavedError::Empty => f.write_str("the saved exercise is empty"),
            SavedError::Foreign => f.write_str("the saved exercise is in an unknown format"),
            SavedError::Damaged(e) => write!(f, "the saved exercise is damaged: {e}"),
        }
    }
}

pub fn encode(s: &Saved) -> String {
    let mut w = RecordWriter::default();
    w.number(s.status.number());
    w.number(s.hints);
    w.number(u32::from(s.solution_seen));
    w.list(&s.work);
    w.list(&s.solved);
    pack(PREFIX, w)
}

pub fn decode(text: &str) -> Result<Saved, SavedError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SavedError::Empty);
    }
    let payload = text.strip_prefix(PREFIX).ok_or(SavedError::Foreign)?;
    let record = unpack(payload).map_err(SavedError::Damaged)?;
    let mut r = RecordReader::new(&record);
    let damaged = SavedError::Damaged;
    let status = Status::from_number(r.number().map_err(damaged)?)
        .ok_or(SavedError::Damaged(DecodeError::Corrupt("unknown status")))?;
    let hints = r.number().map_err(damaged)?;
    let solution_seen = match r.number().map_err(damaged)? {
        0 => false,
        1 => true,
        _ => return Err(SavedError::Damaged(DecodeError::Corrupt("not a yes or no"))),
    };
    let work = r.list().map_err(damaged)?;
    let solved = r.list().map_err(damaged)?;
    r.finish().map_err(damaged)?;
    Ok(Saved {
        status,
        hints,
        solution_seen,
        work,
        solved,
    })
}

/// The localStorage key of an exercise's state.
pub fn storage_key(id: &str) -> String {
    format!("shipshape.exercise.v1.{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Saved {
        Saved {
            status: Status::PassedWithSolution,
            hints: 2,
            solution_seen: true,
            work: vec!["FROM python:3.13\n".into(), ".git\n".into()],
            solved: vec!["FROM python:3.13\n".into(), String::new()],
        }
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let text = encode(&example());
        assert!(text.starts_with(PREFIX));
        assert_eq!(decode(&text), Ok(example()));
        assert_eq!(decode(""), Err(SavedError::Empty));
        assert_eq!(decode("1abc"), Err(SavedError::Foreign));
        for i in PREFIX.len()..text.len() {
            let mut bytes = text.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            assert!(decode(&String::from_utf8(bytes).unwrap()).is_err(), "{i}");
        }
        assert!(decode(&text[..text.len() - 3]).is_err());
    }

    #[test]
    fn solving_after_the_solution_counts_as_with_the_solution() {
        let mut s = Saved::default();
        s.record(false, vec!["x".into()]);
        assert_eq!(s.status, Status::Started);
        assert!(s.solved.is_empty());
        s.solution_seen = true;
        s.record(true, vec!["x".into()]);
        assert_eq!(s.status, Status::PassedWithSolution);
        let mut t = Saved::default();
        t.record(true, vec!["y".into()]);
        t.solution_seen = true;
        t.record(true, vec!["z".into()]);
        assert_eq!(t.status, Status::Passed);
        assert_eq!(t.solved, vec!["z".to_string()]);
    }
}
