//! The Dockerfile lab's state as text, for share links and for the copy saved in the browser.
//!
//! A [`LabState`] (the Dockerfile, the build context, what changed, the target stage, the
//! Dockerfile of the last build) is written as a small binary record, compressed with a tiny
//! LZ77 coder (Dockerfiles repeat themselves a lot: paths, `--no-cache-dir`, `/code`), and
//! spelled in URL-safe base64 without padding:
//!
//! ```text
//! text     = "2" base64url(compressed)          ("2" is the format version)
//! record   = dockerfile:str  context:list  changed:list  dockerignore:str
//!            changed_args:list  target:str  last_build  checksum:u32le (FNV-1a of what
//!            precedes it)
//! last_build = varint 0                         (the last build was this Dockerfile)
//!            | varint 1, str                    (it was another)
//! str      = varint byte length, UTF-8 bytes;   list = varint count, str...
//! ```
//!
//! Version 1 is the same record without `last_build`; it is still read (links shared before
//! version 2 open as they did: the last build is the Dockerfile itself).
//!
//! Decoding never trusts its input: lengths are checked against what is left, the decompressed
//! size is capped, the checksum must match, and every failure is a [`DecodeError`] that says
//! what was wrong, never a panic. The same functions serve the build tools (which write "Open in
//! the lab" links for the guide's examples) and the lab in the browser.

use std::fmt;

mod base64;
mod lz;

/// The version this crate writes. It reads this one and [`FORMAT_VERSION_1`].
pub const FORMAT_VERSION: char = '2';

/// The first version, without the last build.
pub const FORMAT_VERSION_1: char = '1';

/// Longest share link payload accepted, in characters. Longer ones are refused before any work
/// is done: a link is for sharing an example, and chat tools and servers cut long addresses.
pub const MAX_LINK_CHARS: usize = 24_000;

/// Largest decoded state, in bytes: bounds the memory a crafted link or saved copy can ask for.
pub const MAX_STATE_BYTES: usize = 2 * 1024 * 1024;

/// Everything the lab needs to show the same view again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabState {
    pub dockerfile: String,
    /// Files of the build context, in the order the reader listed them.
    pub context: Vec<String>,
    /// Files marked as changed since the last build.
    pub changed: Vec<String>,
    /// The `.dockerignore` file; empty when there is none.
    pub dockerignore: String,
    /// Build arguments marked as changed.
    pub changed_args: Vec<String>,
    /// The stage to build (`--target`); empty for the last stage.
    pub target: String,
    /// The Dockerfile the last build was made from: the rebuild plan compares the current one
    /// with it (an edited step reruns). Equal to `dockerfile` when nothing was edited since.
    pub last_build: String,
}

/// Why a text could not be read back as a [`LabState`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing to read.
    Empty,
    /// The text is longer than any state this crate writes for a link.
    TooLong { chars: usize, max: usize },
    /// Written by another version of the lab.
    UnsupportedVersion(char),
    /// A character outside URL-safe base64: the link was cut or altered.
    NotBase64,
    /// The record ends early: the text was cut.
    Truncated,
    /// Decompressing would produce more than [`MAX_STATE_BYTES`].
    TooLarge,
    /// The checksum does not match: the text was altered.
    ChecksumMismatch,
    /// The record is inconsistent; says what was wrong.
    Corrupt(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the lab state is empty"),
            DecodeError::TooLong { chars, max } => write!(
                f,
                "the lab state is {chars} characters long; at most {max} are accepted"
            ),
            DecodeError::UnsupportedVersion(v) => write!(
                f,
                "the lab state is format version {v:?}; this lab reads versions {FORMAT_VERSION_1:?} and {FORMAT_VERSION:?}"
            ),
            DecodeError::NotBase64 => {
                f.write_str("the lab state contains characters a link cannot")
            }
            DecodeError::Truncated => f.write_str("the lab state is cut short"),
            DecodeError::TooLarge => write!(
                f,
                "the lab state would unpack to more than {} bytes",
                MAX_STATE_BYTES
            ),
            DecodeError::ChecksumMismatch => f.write_str("the lab state was altered (checksum)"),
            DecodeError::Corrupt(what) => write!(f, "the lab state is corrupt: {what}"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl LabState {
    /// The state a guide example starts from: its Dockerfile, the files it marks changed, and a
    /// build context suggested from what the Dockerfile copies (see
    /// [`shipshape_dockerfile::suggested_context`]) plus those files.
    pub fn for_example(dockerfile: &str, changed: &[String]) -> LabState {
        let df = shipshape_dockerfile::parse(dockerfile);
        let mut context = shipshape_dockerfile::suggested_context(&df);
        for c in changed {
            if !context.contains(c) {
                context.push(c.clone());
            }
        }
        LabState {
            dockerfile: dockerfile.to_string(),
            context,
            changed: changed.to_vec(),
            last_build: dockerfile.to_string(),
            ..LabState::default()
        }
    }
}

/// Writes `state` as text (see the module documentation). Any state can be written; whether it
/// is short enough for a link is [`fits_in_link`]'s question.
pub fn encode(state: &LabState) -> String {
    let mut w = RecordWriter::with_capacity(state.dockerfile.len() + 64);
    w.str(&state.dockerfile);
    w.list(&state.context);
    w.list(&state.changed);
    w.str(&state.dockerignore);
    w.list(&state.changed_args);
    w.str(&state.target);
    if state.last_build == state.dockerfile {
        w.number(0);
    } else {
        w.number(1);
        w.str(&state.last_build);
    }
    pack(&FORMAT_VERSION.to_string(), w)
}

/// A record being written: strings and lists of strings, each with its length, as the lab's
/// state is. Other versioned texts (the onboarding exercises' saved work and completion codes)
/// are written with it too, and [`pack`]ed the same way.
#[derive(Debug, Default)]
pub struct RecordWriter {
    bytes: Vec<u8>,
}

impl RecordWriter {
    pub fn with_capacity(n: usize) -> RecordWriter {
        RecordWriter {
            bytes: Vec::with_capacity(n),
        }
    }

    pub fn str(&mut self, s: &str) {
        put_str(&mut self.bytes, s);
    }

    pub fn list(&mut self, items: &[String]) {
        put_list(&mut self.bytes, items);
    }

    /// A whole number (varint).
    pub fn number(&mut self, n: u32) {
        put_varint(&mut self.bytes, n as usize);
    }
}

/// Reads a record written by [`RecordWriter`], field by field, checking every length.
#[derive(Debug)]
pub struct RecordReader<'a> {
    bytes: &'a [u8],
}

impl<'a> RecordReader<'a> {
    pub fn new(bytes: &'a [u8]) -> RecordReader<'a> {
        RecordReader { bytes }
    }

    pub fn str(&mut self) -> Result<String, DecodeError> {
        let len = take_varint(&mut self.bytes).ok_or(DecodeError::Truncated)?;
        if len > self.bytes.len() {
            return Err(DecodeError::Truncated);
        }
        let (text, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8(text.to_vec()).map_err(|_| DecodeError::Corrupt("text is not UTF-8"))
    }

    pub fn list(&mut self) -> Result<Vec<String>, DecodeError> {
        let count = take_varint(&mut self.bytes).ok_or(DecodeError::Truncated)?;
        // Every item takes at least its one length byte.
        if count > self.bytes.len() {
            return Err(DecodeError::Truncated);
        }
        (0..count).map(|_| self.str()).collect()
    }

    pub fn number(&mut self) -> Result<u32, DecodeError> {
        take_varint(&mut self.bytes)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or(DecodeError::Truncated)
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Fails unless every byte was read.
    pub fn finish(self) -> Result<(), DecodeError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::Corrupt("bytes after the last field"))
        }
    }
}

/// `prefix` followed by the record, checksummed (FNV-1a), compressed and spelled in URL-safe
/// base64: the lab's state format, for any record.
pub fn pack(prefix: &str, record: RecordWriter) -> String {
    let mut record = record.bytes;
    let sum = fnv1a(&record);
    record.extend_from_slice(&sum.to_le_bytes());
    let mut text = String::with_capacity(record.len() / 2 + 8 + prefix.len());
    text.push_str(prefix);
    base64::encode_into(&lz::compress(&record), &mut text);
    text
}

/// Reads what [`pack`] wrote after `prefix` (already checked by the caller): the record, once
/// its size is within [`MAX_STATE_BYTES`] and its checksum matches.
pub fn unpack(payload: &str) -> Result<Vec<u8>, DecodeError> {
    let packed = base64::decode(payload).ok_or(DecodeError::NotBase64)?;
    let mut record = lz::decompress(&packed, MAX_STATE_BYTES)?;
    if record.len() < 4 {
        return Err(DecodeError::Truncated);
    }
    let at = record.len() - 4;
    let sum = u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]]);
    record.truncate(at);
    if fnv1a(&record) != sum {
        return Err(DecodeError::ChecksumMismatch);
    }
    Ok(record)
}

/// True when the encoded text is short enough for a share link.
pub fn fits_in_link(encoded: &str) -> bool {
    encoded.len() <= MAX_LINK_CHARS
}

/// Reads a share link's payload. Refuses anything longer than [`MAX_LINK_CHARS`] before decoding.
pub fn decode_link(text: &str) -> Result<LabState, DecodeError> {
    let text = text.trim();
    if text.len() > MAX_LINK_CHARS {
        return Err(DecodeError::TooLong {
            chars: text.chars().count(),
            max: MAX_LINK_CHARS,
        });
    }
    decode(text)
}

/// Reads text written by [`encode`] (a saved copy may be longer than a link).
pub fn decode(text: &str) -> Result<LabState, DecodeError> {
    let text = text.trim();
    let mut chars = text.chars();
    let version = chars.next().ok_or(DecodeError::Empty)?;
    if version != FORMAT_VERSION && version != FORMAT_VERSION_1 {
        return Err(DecodeError::UnsupportedVersion(version));
    }
    let record = unpack(chars.as_str())?;
    let mut r = RecordReader::new(&record);
    let mut state = LabState {
        dockerfile: r.str()?,
        context: r.list()?,
        changed: r.list()?,
        dockerignore: r.str()?,
        changed_args: r.list()?,
        target: r.str()?,
        last_build: String::new(),
    };
    state.last_build = if version == FORMAT_VERSION_1 {
        state.dockerfile.clone()
    } else {
        match r.number()? {
            0 => state.dockerfile.clone(),
            1 => r.str()?,
            _ => return Err(DecodeError::Corrupt("unknown kind of last build")),
        }
    };
    r.finish()?;
    Ok(state)
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5, |hash: u32, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a varint from the front of `bytes`; `None` when it is cut or does not fit 32 bits.
pub(crate) fn take_varint(bytes: &mut &[u8]) -> Option<usize> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return u32::try_from(value).ok().map(|v| v as usize);
        }
    }
    None
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_list(out: &mut Vec<u8>, items: &[String]) {
    put_varint(out, items.len());
    for item in items {
        put_str(out, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> LabState {
        LabState {
            dockerfile: "FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nRUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n".into(),
            context: vec!["requirements.txt".into(), "app/__init__.py".into(), "app/main.py".into()],
            changed: vec!["app/main.py".into()],
            dockerignore: ".git\n__pycache__\n".into(),
            changed_args: vec!["PYTHON_VERSION".into()],
            target: "runtime".into(),
            last_build: "FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nRUN pip install -r /code/requirements.txt\n".into(),
        }
    }

    /// A link written by version 1 (before the last build was kept), as it was shared.
    const VERSION_1_LINK: &str = "1VlVGUk9NIHB5dGhvbjozLjEzLXNsaW0KV09SS0RJUiAvY29kZQpDT1BZIC4HDUxSVU4gcGlwIGluc3RhbGwgLXIgcmVxdWlyZW1lbnRzLnR4dAoCEBkTGgthcHAvbWFpbi5weQERDRgFLmdpdAoAAKDm9fE";

    #[test]
    fn version_1_links_still_open_with_no_edits_since_the_last_build() {
        let state = decode_link(VERSION_1_LINK).expect("a version 1 link opens");
        assert_eq!(state.changed, vec!["app/main.py".to_string()]);
        assert!(state.dockerfile.starts_with("FROM python:3.13-slim\n"));
        assert_eq!(state.last_build, state.dockerfile);
        // Written again, it is version 2, and reads back the same.
        let again = encode(&state);
        assert!(again.starts_with('2'));
        assert_eq!(decode(&again), Ok(state));
    }

    #[test]
    fn the_last_build_travels_only_when_it_differs() {
        let mut state = example();
        let with = encode(&state);
        state.last_build = state.dockerfile.clone();
        let without = encode(&state);
        assert!(without.len() < with.len());
        assert_eq!(
            decode(&without).map(|s| s.last_build),
            Ok(state.dockerfile.clone())
        );
        assert_eq!(
            decode(&with).map(|s| s.last_build),
            Ok(example().last_build)
        );
    }

    #[test]
    fn round_trips() {
        let state = example();
        let text = encode(&state);
        assert!(text.starts_with('2'));
        assert!(text[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode_link(&text), Ok(state));
        assert_eq!(
            decode(&encode(&LabState::default())),
            Ok(LabState::default())
        );
    }

    #[test]
    fn links_are_shorter_than_the_text_they_carry() {
        // Base64 alone makes text a third longer; the LZ coder must more than pay for that on a
        // Dockerfile that repeats paths and flags.
        let mut state = example();
        state.dockerfile = state.dockerfile.repeat(3);
        let text = encode(&state);
        assert!(
            text.len() < state.dockerfile.len(),
            "{} chars for {} bytes of Dockerfile",
            text.len(),
            state.dockerfile.len()
        );
    }

    #[test]
    fn korean_and_japanese_text_survives() {
        let mut state = example();
        state.dockerfile =
            "# 의존성을 먼저 설치합니다\n# 依存関係を先に入れる\nFROM python:3.13\n".into();
        state.context.push("앱/메인.py".into());
        assert_eq!(decode(&encode(&state)), Ok(state));
    }

    #[test]
    fn damage_is_reported_not_ignored() {
        let text = encode(&example());
        assert_eq!(decode(""), Err(DecodeError::Empty));
        assert_eq!(decode("3abc"), Err(DecodeError::UnsupportedVersion('3')));
        assert_eq!(decode("1ab$c"), Err(DecodeError::NotBase64));
        assert!(decode(&text[..text.len() / 2]).is_err());
        // Changing one character anywhere after the version is always caught.
        for i in 1..text.len() {
            let mut bytes = text.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(bytes).unwrap();
            assert!(
                decode(&altered).is_err(),
                "altering char {i} went unnoticed"
            );
        }
    }

    #[test]
    fn oversized_links_are_refused_before_decoding() {
        let long = format!("1{}", "A".repeat(MAX_LINK_CHARS));
        assert!(matches!(
            decode_link(&long),
            Err(DecodeError::TooLong { .. })
        ));
        let mut state = example();
        state.dockerfile = (0..20_000).map(|i| format!("RUN echo {i}\n")).collect();
        let text = encode(&state);
        assert!(!fits_in_link(&text));
        // A saved copy has no link limit.
        assert_eq!(decode(&text), Ok(state));
    }

    #[test]
    fn an_example_gets_a_context_with_its_changed_files() {
        let s = LabState::for_example(&example().dockerfile, &["app/main.py".to_string()]);
        assert!(s.context.contains(&"app/main.py".to_string()));
        assert!(
            s.context.contains(&"requirements.txt".to_string()),
            "{:?}",
            s.context
        );
        assert_eq!(s.changed, vec!["app/main.py".to_string()]);
    }

    #[test]
    fn messages_name_the_problem() {
        assert!(DecodeError::TooLong {
            chars: 30_000,
            max: MAX_LINK_CHARS
        }
        .to_string()
        .contains("30000"));
        assert!(DecodeError::ChecksumMismatch
            .to_string()
            .contains("altered"));
    }
}
