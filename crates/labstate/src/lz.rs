//! A small LZ77 coder: enough to make a Dockerfile's share link shorter than the Dockerfile, in a
//! few hundred bytes of wasm (a general-purpose deflate would cost tens of kilobytes).
//!
//! The stream is a sequence of tokens, each starting with a varint `head`:
//! - `head & 1 == 0`: a literal run of `head >> 1` bytes, which follow;
//! - `head & 1 == 1`: a match of `(head >> 1) + MIN_MATCH` bytes, copied from `offset` bytes back
//!   (a varint that follows; copies may overlap what they produce, as in every LZ77).

use crate::{put_varint, take_varint, DecodeError};

const MIN_MATCH: usize = 4;
const WINDOW: usize = 1 << 15;
const HASH_BITS: u32 = 12;

fn hash(bytes: &[u8]) -> usize {
    let n = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    (n.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

pub fn compress(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 8);
    // Last position seen for each hash of four bytes (+1; 0 means none).
    let mut table = vec![0usize; 1 << HASH_BITS];
    let mut literal_start = 0;
    let mut i = 0;
    while i + MIN_MATCH <= input.len() {
        let h = hash(&input[i..]);
        let candidate = table[h];
        table[h] = i + 1;
        if candidate > 0 && i - (candidate - 1) <= WINDOW {
            let from = candidate - 1;
            let len = input[i..]
                .iter()
                .zip(&input[from..])
                .take_while(|(a, b)| a == b)
                .count();
            if len >= MIN_MATCH {
                flush_literals(&mut out, &input[literal_start..i]);
                put_varint(&mut out, ((len - MIN_MATCH) << 1) | 1);
                put_varint(&mut out, i - from);
                // Index a few positions inside the match so that later repeats find it.
                for j in (i + 1..i + len).take(8) {
                    if j + MIN_MATCH <= input.len() {
                        table[hash(&input[j..])] = j + 1;
                    }
                }
                i += len;
                literal_start = i;
                continue;
            }
        }
        i += 1;
    }
    flush_literals(&mut out, &input[literal_start..]);
    out
}

fn flush_literals(out: &mut Vec<u8>, literals: &[u8]) {
    if !literals.is_empty() {
        put_varint(out, literals.len() << 1);
        out.extend_from_slice(literals);
    }
}

/// Decompresses `input`, refusing to produce more than `limit` bytes.
pub fn decompress(mut input: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out: Vec<u8> = Vec::with_capacity(input.len().saturating_mul(2).min(limit));
    while !input.is_empty() {
        let head = take_varint(&mut input).ok_or(DecodeError::Truncated)?;
        if head & 1 == 0 {
            let len = head >> 1;
            if len > input.len() {
                return Err(DecodeError::Truncated);
            }
            if out.len() + len > limit {
                return Err(DecodeError::TooLarge);
            }
            out.extend_from_slice(&input[..len]);
            input = &input[len..];
        } else {
            let len = (head >> 1) + MIN_MATCH;
            let offset = take_varint(&mut input).ok_or(DecodeError::Truncated)?;
            if offset == 0 || offset > out.len() {
                return Err(DecodeError::Corrupt("a match points before the start"));
            }
            if out.len() + len > limit {
                return Err(DecodeError::TooLarge);
            }
            let from = out.len() - offset;
            for k in 0..len {
                let b = out[from + k];
                out.push(b);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repeats_shrink() {
        let text = b"COPY ./app /code/app\nCOPY ./app /code/app\nCOPY ./app /code/app\n";
        let packed = compress(text);
        assert!(packed.len() < text.len() / 2, "{} bytes", packed.len());
        assert_eq!(decompress(&packed, 1 << 20).unwrap(), text);
    }

    #[test]
    fn overlapping_matches_and_limits() {
        let text = vec![b'a'; 10_000];
        let packed = compress(&text);
        assert!(packed.len() < 20, "{} bytes", packed.len());
        assert_eq!(decompress(&packed, 10_000).unwrap(), text);
        assert_eq!(decompress(&packed, 9_999), Err(DecodeError::TooLarge));
        // A match before anything was written.
        assert!(decompress(&[0x01, 0x05], 100).is_err());
        // A literal run longer than the input.
        assert_eq!(decompress(&[0x20, b'a'], 100), Err(DecodeError::Truncated));
    }

    proptest! {
        #[test]
        fn round_trips(data in proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..3000)) {
            prop_assert_eq!(decompress(&compress(&data), 1 << 20).unwrap(), data);
        }

        #[test]
        fn never_panics_on_garbage(data in proptest::collection::vec(any::<u8>(), 0..500)) {
            let _ = decompress(&data, 1 << 16);
            let text = String::from_utf8_lossy(&data);
            let _ = crate::decode(&format!("1{text}"));
        }
    }
}
