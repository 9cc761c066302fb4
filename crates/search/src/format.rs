//! The serialized index: a small binary format, written natively and read in the browser.
//!
//! All integers are unsigned LEB128 varints; a string is a varint byte length followed by that
//! many bytes of UTF-8.
//!
//! ```text
//! magic      4 bytes  "SSIX"
//! version    1 byte   FORMAT_VERSION
//! lang       string
//! pages      varint count, then per page:
//!              order   varint   (page_order of its sections; ties in ranking go by it)
//!              title   string
//!              url     string   (the section URL up to, not including, '#')
//! sections   varint count, then per section, in the order given to build_index:
//!              page    varint   (index into pages)
//!              heading string
//!              anchor  string   (from '#' on, '#' included; empty if the URL had none)
//!              text    string   (whitespace runs collapsed to one space)
//! checksum   4 bytes  FNV-1a (32-bit) of every byte before it, little-endian
//! ```
//!
//! There are no postings in the file: [`crate::Index::load`] tokenizes the sections and builds
//! the inverted index in memory. Measured on the guide, postings and vocabulary cost more than
//! the text itself once compressed (Korean: 39 KB of gzipped text grew to 79 KB with them), which
//! would break the 60 KB budget, while rebuilding them takes a few milliseconds (see the
//! `bench` example). The text has to be shipped anyway, for snippets.

use std::fmt;

pub(crate) const MAGIC: &[u8; 4] = b"SSIX";
pub(crate) const FORMAT_VERSION: u8 = 2;

pub(crate) const FLAG_TITLE: u8 = 0x80;
pub(crate) const FLAG_HEADING: u8 = 0x40;
pub(crate) const TF_MASK: u8 = 0x3F;

/// Why bytes could not be loaded as an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes do not start with the index magic: not an index file at all (an HTML error
    /// page served instead, say).
    NotAnIndex,
    /// An index written by another version of this crate; rebuild the site.
    UnsupportedVersion { found: u8, supported: u8 },
    /// The bytes end before the index does (an interrupted download).
    Truncated,
    /// The checksum does not match: the bytes were altered.
    ChecksumMismatch,
    /// The checksum matched but the content is inconsistent; names what was wrong.
    Corrupt(&'static str),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotAnIndex => write!(f, "not a search index (wrong magic bytes)"),
            LoadError::UnsupportedVersion { found, supported } => write!(
                f,
                "search index format version {found} is not supported (expected {supported})"
            ),
            LoadError::Truncated => write!(f, "search index is truncated"),
            LoadError::ChecksumMismatch => write!(f, "search index checksum mismatch"),
            LoadError::Corrupt(what) => write!(f, "search index is corrupt: {what}"),
        }
    }
}

impl std::error::Error for LoadError {}

pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn varint(&mut self, mut value: u64) {
        loop {
            let low = (value & 0x7F) as u8;
            value >>= 7;
            if value == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    pub fn usize(&mut self, value: usize) {
        self.varint(value as u64);
    }

    pub fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    pub fn finish(mut self) -> Vec<u8> {
        let sum = fnv1a(&self.bytes);
        self.bytes.extend_from_slice(&sum.to_le_bytes());
        self.bytes
    }
}

/// A cursor over untrusted bytes: every read is checked, and counts are checked against the
/// bytes left before anything is allocated for them.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn byte(&mut self) -> Result<u8, LoadError> {
        let b = *self.bytes.get(self.pos).ok_or(LoadError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], LoadError> {
        let end = self.pos.checked_add(n).ok_or(LoadError::Truncated)?;
        let slice = self.bytes.get(self.pos..end).ok_or(LoadError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    pub fn varint(&mut self) -> Result<u64, LoadError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            if shift == 63 && bits > 1 {
                return Err(LoadError::Corrupt("varint overflows 64 bits"));
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(LoadError::Corrupt("varint overflows 64 bits"))
    }

    /// A varint that must fit a `u32` (all counts and indexes in the format do).
    pub fn u32(&mut self) -> Result<u32, LoadError> {
        u32::try_from(self.varint()?).map_err(|_| LoadError::Corrupt("number out of range"))
    }

    /// A count of items that each take at least `min_bytes`, so that a corrupt count cannot make
    /// the loader reserve more memory than the input could describe.
    pub fn count(&mut self, min_bytes: usize) -> Result<usize, LoadError> {
        let n = self.u32()? as usize;
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_bytes) > left {
            return Err(LoadError::Truncated);
        }
        Ok(n)
    }

    pub fn bytes_with_len(&mut self) -> Result<&'a [u8], LoadError> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    pub fn str(&mut self) -> Result<&'a str, LoadError> {
        std::str::from_utf8(self.bytes_with_len()?).map_err(|_| LoadError::Corrupt("invalid UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX];
        let mut w = Writer { bytes: Vec::new() };
        for v in values {
            w.varint(v);
        }
        let mut r = Reader::new(&w.bytes);
        for v in values {
            assert_eq!(r.varint(), Ok(v));
        }
        assert!(r.is_empty());
        assert_eq!(r.varint(), Err(LoadError::Truncated));
    }

    #[test]
    fn overlong_varints_are_rejected() {
        let mut r = Reader::new(&[0xFF; 11]);
        assert!(matches!(r.varint(), Err(LoadError::Corrupt(_))));
        let mut r = Reader::new(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        assert!(matches!(r.u32(), Err(LoadError::Corrupt(_))));
    }
}
