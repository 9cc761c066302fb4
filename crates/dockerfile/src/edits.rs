//! An edit to the Dockerfile itself, as a change the rebuild plan answers for: which
//! instructions of the current file are new, changed or moved since the file of the last build,
//! and which follow a deleted one.
//!
//! Stages are matched by name, else by position; within a matched stage, instructions are
//! aligned as a longest common subsequence of their text (keyword, arguments with blanks
//! collapsed, heredoc bodies; comments do not count). BuildKit keys each step on its own
//! definition and its parent's, so what decides a rerun is the first step whose definition or
//! parent changed (Dockerfile reference, "Build cache"; BuildKit `solver/cachekey.go`):
//! [`crate::rebuild`] turns these edits into statuses.

use crate::stages::Stage;
use crate::syntax::{Dockerfile, Instruction, Keyword};

/// What happened to one instruction of the current file since the last build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Edit {
    /// The same text, after the same (or only metadata-changing) predecessors.
    Same,
    /// Its text changed: the words that differ, before and after.
    Changed { before: String, after: String },
    /// It was not there.
    Inserted,
    /// It was there, on another line (`from`, in the last build's file).
    Moved { from: u32 },
    /// It is the first step after one the last build had before it and this file deleted
    /// (`moved`: moved elsewhere): its parent changed.
    AfterDeletion {
        line: u32,
        text: String,
        moved: bool,
    },
    /// Its whole stage is new.
    NewStage,
}

/// Per instruction of the current file (by index), what changed; `Same` for global ARGs
/// handled by [`global_edits`].
pub(crate) fn edits(current: &Dockerfile, previous: &Dockerfile) -> Vec<Edit> {
    let mut out = vec![Edit::Same; current.instructions.len()];
    let now = current.stages();
    let before = previous.stages();
    // Unnamed stages match by their position among the unnamed ones: adding a named build
    // stage before the final one does not make the final one new.
    let unnamed = |stages: &[Stage]| -> Vec<usize> {
        stages
            .iter()
            .filter(|s| s.name.is_none())
            .map(|s| s.index)
            .collect()
    };
    let (unnamed_now, unnamed_before) = (unnamed(&now), unnamed(&before));
    for stage in &now {
        let matched = match &stage.name {
            // The k-th stage of a name matches the k-th of that name (BuildKit refuses
            // duplicates, but a file being edited may have them).
            Some(n) => {
                let k = now[..stage.index]
                    .iter()
                    .filter(|s| s.name.as_ref() == Some(n))
                    .count();
                before.iter().filter(|b| b.name.as_ref() == Some(n)).nth(k)
            }
            None => unnamed_now
                .iter()
                .position(|&i| i == stage.index)
                .and_then(|p| unnamed_before.get(p))
                .and_then(|&i| before.get(i)),
        };
        let Some(old) = matched else {
            for k in stage.instructions() {
                out[k] = Edit::NewStage;
            }
            continue;
        };
        align(
            current,
            &stage.instructions().collect::<Vec<_>>(),
            previous,
            &old.instructions().collect::<Vec<_>>(),
            &mut out,
        );
    }
    let globals: Vec<usize> = current.global_instructions().collect();
    let old_globals: Vec<usize> = previous.global_instructions().collect();
    align(current, &globals, previous, &old_globals, &mut out);
    out
}

/// The text that decides whether two instructions are the same step.
fn key(ins: &Instruction) -> String {
    let mut k = ins.keyword.as_str().to_string();
    if ins.keyword == Keyword::Unknown {
        k = ins.keyword_text.to_ascii_uppercase();
    }
    let rest = ins
        .logical_line
        .trim_start()
        .get(ins.keyword_text.len()..)
        .unwrap_or("");
    for word in rest.split_ascii_whitespace() {
        k.push(' ');
        k.push_str(word);
    }
    for h in &ins.heredocs {
        k.push('\n');
        k.push_str(&h.content);
    }
    k
}

/// The words of an instruction that differ from another's: the middle between their common
/// first and last words, widened by one word when a side would be empty ("`curl` became
/// `curl git`").
fn word_diff(before: &str, after: &str) -> (String, String) {
    let a: Vec<&str> = before.split_ascii_whitespace().collect();
    let b: Vec<&str> = after.split_ascii_whitespace().collect();
    let mut prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if a.len() == prefix + suffix || b.len() == prefix + suffix {
        if prefix > 0 {
            prefix -= 1;
        } else {
            suffix = suffix.saturating_sub(1);
        }
    }
    let cut = |w: &[&str]| -> String {
        let middle = w
            [prefix.min(w.len())..w.len().saturating_sub(suffix).max(prefix.min(w.len()))]
            .join(" ");
        if middle.chars().count() > 60 {
            let short: String = middle.chars().take(59).collect();
            format!("{}…", short.trim_end())
        } else {
            middle
        }
    };
    (cut(&a), cut(&b))
}

/// The longest common subsequence of two sequences of keys, as pairs of positions, in order.
/// The common start and end are matched first, so the quadratic part only covers what changed;
/// past a size limit the middle is matched by position instead.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut pairs: Vec<(usize, usize)> = (0..prefix).map(|i| (i, i)).collect();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    if ma.len().saturating_mul(mb.len()) <= 1_000_000 {
        let (n, m) = (ma.len(), mb.len());
        let mut t = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[i * (m + 1) + j] = if ma[i] == mb[j] {
                    t[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ma[i] == mb[j] {
                pairs.push((prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    } else {
        for (i, j) in (0..ma.len()).zip(0..mb.len()) {
            if ma[i] == mb[j] {
                pairs.push((prefix + i, prefix + j));
            }
        }
    }
    pairs.extend((0..suffix).map(|s| (a.len() - suffix + s, b.len() - suffix + s)));
    pairs
}

/// Aligns one stage (or the global ARGs) of the current file with its match in the last
/// build's, writing each current instruction's edit.
fn align(
    current: &Dockerfile,
    now: &[usize],
    previous: &Dockerfile,
    before: &[usize],
    out: &mut [Edit],
) {
    let keys_now: Vec<String> = now.iter().map(|&k| key(&current.instructions[k])).collect();
    let keys_before: Vec<String> = before
        .iter()
        .map(|&k| key(&previous.instructions[k]))
        .collect();
    // Old positions in the order they pair with current ones.
    let pairs = lcs(&keys_before, &keys_now);
    let mut old_of_new: Vec<Option<usize>> = vec![None; now.len()];
    let mut new_of_old: Vec<Option<usize>> = vec![None; before.len()];
    for &(o, n) in &pairs {
        old_of_new[n] = Some(o);
        new_of_old[o] = Some(n);
    }
    let line_before = |o: usize| previous.instructions[before[o]].span.start_pos.line;
    let mut unmatched_old: Vec<usize> = (0..before.len())
        .filter(|o| new_of_old[*o].is_none())
        .collect();
    // Walk the current instructions, with the last old position reached. A deleted step is
    // reported on the first later step that makes a layer (metadata does not).
    let mut last_old: Option<usize> = None;
    let mut pending: Option<(u32, String, bool)> = None;
    let moved_away = |o: usize| {
        old_of_new
            .iter()
            .enumerate()
            .any(|(n, m)| m.is_none() && keys_now[n] == keys_before[o])
    };
    for (n, &k) in now.iter().enumerate() {
        let ins = &current.instructions[k];
        let mut edit = match old_of_new[n] {
            Some(o) => {
                // Old steps between the last matched one and this one that are not here (moved
                // away or deleted; an edited one was paired already): this step's parent changed.
                let start = last_old.map_or(0, |l| l + 1);
                if let Some(d) = (start..o).find(|&d| {
                    unmatched_old.contains(&d)
                        && !previous.instructions[before[d]].keyword.is_metadata_only()
                }) {
                    pending.get_or_insert((
                        line_before(d),
                        previous.instructions[before[d]].summary(60),
                        moved_away(d),
                    ));
                }
                last_old = Some(o);
                Edit::Same
            }
            None => {
                if let Some(pos) = unmatched_old
                    .iter()
                    .position(|&o| keys_before[o] == keys_now[n])
                {
                    // The same text elsewhere in the old stage: moved.
                    let o = unmatched_old.remove(pos);
                    Edit::Moved {
                        from: line_before(o),
                    }
                } else if let Some(pos) = unmatched_old.iter().position(|&o| {
                    // An old instruction of the same kind in the same place: edited.
                    let after_last = last_old.is_none_or(|l| o > l);
                    let next_match = old_of_new[n..].iter().flatten().next().copied();
                    let before_next = next_match.is_none_or(|m| o < m);
                    after_last
                        && before_next
                        && previous.instructions[before[o]].keyword == ins.keyword
                }) {
                    let o = unmatched_old.remove(pos);
                    last_old = Some(o);
                    let (b, a) = word_diff(&keys_before[o], &keys_now[n]);
                    Edit::Changed {
                        before: b,
                        after: a,
                    }
                } else {
                    Edit::Inserted
                }
            }
        };
        if !ins.keyword.is_metadata_only() {
            if let Some((line, text, moved)) = pending.take() {
                if edit == Edit::Same {
                    edit = Edit::AfterDeletion { line, text, moved };
                }
            }
        }
        out[k] = edit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn edits_of(before: &str, after: &str) -> Vec<Edit> {
        edits(&parse(after), &parse(before))
    }

    #[test]
    fn words_that_changed_are_named() {
        assert_eq!(
            word_diff(
                "RUN apt-get install -y curl",
                "RUN apt-get install -y curl git"
            ),
            ("curl".into(), "curl git".into())
        );
        assert_eq!(
            word_diff("EXPOSE 80", "EXPOSE 8080"),
            ("80".into(), "8080".into())
        );
    }

    #[test]
    fn edits_inserts_moves_and_deletions() {
        let base = "FROM python:3.13\nRUN apt-get install -y curl\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"x\"]\n";
        assert!(edits_of(base, base).iter().all(|e| *e == Edit::Same));
        // Comments and blank lines are not steps.
        let commented = "FROM python:3.13\n# tools\nRUN apt-get install -y curl\n\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"x\"]\n";
        assert!(edits_of(base, commented).iter().all(|e| *e == Edit::Same));
        let e = edits_of(base, &base.replace("curl", "curl git"));
        assert_eq!(
            e[1],
            Edit::Changed {
                before: "curl".into(),
                after: "curl git".into()
            }
        );
        assert_eq!(e[2], Edit::Same);
        let e = edits_of(
            base,
            &base.replace("COPY . .\n", "COPY r.txt .\nCOPY . .\n"),
        );
        assert_eq!(e[2], Edit::Inserted);
        assert_eq!(e[3], Edit::Same);
        let e = edits_of(base, "FROM python:3.13\nRUN apt-get install -y curl\nRUN pip install -r r.txt\nCOPY . .\nCMD [\"x\"]\n");
        // COPY moved after the install: the install's parent changed, and COPY moved.
        assert!(
            matches!(e[2], Edit::AfterDeletion { moved: true, .. }),
            "{e:?}"
        );
        assert_eq!(e[3], Edit::Moved { from: 3 });
        let e = edits_of(
            base,
            "FROM python:3.13\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"x\"]\n",
        );
        assert_eq!(
            e[1],
            Edit::AfterDeletion {
                line: 2,
                text: "RUN apt-get install -y curl".into(),
                moved: false
            }
        );
        // A new stage, matched by name.
        let e = edits_of(base, "FROM golang:1.23 AS build\nRUN go build\nFROM python:3.13\nRUN apt-get install -y curl\nCOPY . .\nRUN pip install -r r.txt\nCMD [\"x\"]\n");
        assert_eq!(e[0], Edit::NewStage);
        assert_eq!(e[1], Edit::NewStage);
    }
}
