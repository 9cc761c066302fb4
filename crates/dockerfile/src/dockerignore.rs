//! `.dockerignore` files, with Docker's matching rules (moby/patternmatcher):
//! `*` and `?` stay inside one path component, `**` spans directories,
//! `[...]` classes, `\` escapes, `!` re-includes, the last matching pattern
//! wins, and a pattern that matches a directory excludes everything under it.
//!
//! Which file applies is the caller's business (it does the I/O): a
//! `<Dockerfile>.dockerignore` next to the Dockerfile takes precedence over the
//! `.dockerignore` at the context root — see [`candidate_files`].

/// A parsed `.dockerignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dockerignore {
    patterns: Vec<IgnorePattern>,
}

/// One pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnorePattern {
    /// The cleaned pattern, without `!`.
    pub pattern: String,
    /// `!pattern`: re-include what earlier patterns excluded.
    pub exclusion: bool,
    /// 1-based line in the file.
    pub line: u32,
    matcher: Option<Glob>,
}

/// Where to look for the ignore file of a Dockerfile at `dockerfile_path`
/// (relative to the working directory) with context `context_dir`, most
/// specific first: BuildKit uses the first one that exists.
pub fn candidate_files(dockerfile_path: &str, context_dir: &str) -> [String; 2] {
    let dir = context_dir.trim_end_matches('/');
    let root = if dir.is_empty() {
        ".dockerignore".to_string()
    } else {
        format!("{dir}/.dockerignore")
    };
    [format!("{dockerfile_path}.dockerignore"), root]
}

impl Dockerignore {
    /// Reads the file text (a BOM, `#` comments, blank lines and surrounding
    /// whitespace are ignored; patterns are cleaned like Go's `filepath.Clean`
    /// and a leading `/` is dropped).
    pub fn parse(text: &str) -> Dockerignore {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            if raw.starts_with('#') {
                continue;
            }
            let mut pattern = raw.trim();
            if pattern.is_empty() {
                continue;
            }
            let exclusion = pattern.starts_with('!');
            if exclusion {
                pattern = pattern[1..].trim();
            }
            let mut cleaned = clean_path(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            if exclusion && pattern.is_empty() {
                continue; // "!" alone: Docker rejects the file; we skip the line.
            }
            patterns.push(IgnorePattern {
                matcher: Glob::compile(&cleaned, true),
                pattern: cleaned,
                exclusion,
                line: i as u32 + 1,
            });
        }
        Dockerignore { patterns }
    }

    pub fn patterns(&self) -> &[IgnorePattern] {
        &self.patterns
    }

    /// True when `path` (relative to the context root, `/`-separated) never
    /// reaches the builder.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.deciding_pattern(path).is_some_and(|p| !p.exclusion)
    }

    /// The last pattern that decided whether `path` is excluded (for
    /// explanations such as "excluded by `*.md` on line 3").
    pub fn deciding_pattern(&self, path: &str) -> Option<&IgnorePattern> {
        let path = clean_path(path);
        let path = path.trim_start_matches('/');
        if path == "." || path.is_empty() {
            return None;
        }
        let parents: Vec<&str> = {
            let mut v = Vec::new();
            for (i, b) in path.bytes().enumerate() {
                if b == b'/' {
                    v.push(&path[..i]);
                }
            }
            v
        };
        let mut matched = false;
        let mut decider = None;
        for pattern in &self.patterns {
            if pattern.exclusion != matched {
                continue;
            }
            let Some(glob) = &pattern.matcher else {
                continue;
            };
            let hit = glob.matches(path) || parents.iter().any(|p| glob.matches(p));
            if hit {
                matched = !pattern.exclusion;
                decider = Some(pattern);
            }
        }
        decider
    }
}

/// Go's `filepath.Clean` for `/`-separated paths.
pub fn clean_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// A compiled path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Glob {
    tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// `*`: any run of characters except `/`.
    Star,
    /// `?`: one character except `/`.
    AnyChar,
    /// `[...]`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// `**/` or a leading/middle `**`: zero or more whole directories.
    AnyDirs,
    /// Trailing `**`: anything at all.
    AnyAll,
}

/// Paths and patterns longer than this are compared by a quadratic table;
/// beyond it we give up (no match) rather than spend unbounded time.
const MAX_MATCH_CELLS: usize = 4_000_000;

impl Glob {
    /// `double_star` selects dockerignore rules (`**` spans directories);
    /// without it, this is Go's `filepath.Match` (COPY source wildcards).
    /// `None` for a malformed pattern (unclosed `[`).
    pub(crate) fn compile(pattern: &str, double_star: bool) -> Option<Glob> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            match c {
                '*' if double_star && chars.get(i) == Some(&'*') => {
                    i += 1;
                    if chars.get(i) == Some(&'/') {
                        i += 1;
                    }
                    if i >= chars.len() {
                        tokens.push(Token::AnyAll);
                    } else {
                        tokens.push(Token::AnyDirs);
                    }
                }
                '*' => {
                    if tokens.last() != Some(&Token::Star) {
                        tokens.push(Token::Star);
                    }
                }
                '?' => tokens.push(Token::AnyChar),
                '\\' => match chars.get(i) {
                    Some(&d) => {
                        tokens.push(Token::Literal(d));
                        i += 1;
                    }
                    None => tokens.push(Token::Literal('\\')),
                },
                '[' => {
                    let mut negated = false;
                    if chars.get(i) == Some(&'^') {
                        negated = true;
                        i += 1;
                    }
                    let mut ranges = Vec::new();
                    let mut closed = false;
                    let mut first = true;
                    while i < chars.len() {
                        let mut lo = chars[i];
                        if lo == ']' && !first {
                            closed = true;
                            i += 1;
                            break;
                        }
                        first = false;
                        i += 1;
                        if lo == '\\' {
                            lo = *chars.get(i)?;
                            i += 1;
                        }
                        let mut hi = lo;
                        if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|&c| c != ']')
                        {
                            hi = chars[i + 1];
                            i += 2;
                            if hi == '\\' {
                                hi = *chars.get(i)?;
                                i += 1;
                            }
                        }
                        ranges.push((lo, hi));
                    }
                    if !closed {
                        return None;
                    }
                    tokens.push(Token::Class { negated, ranges });
                }
                c => tokens.push(Token::Literal(c)),
            }
        }
        Some(Glob { tokens })
    }

    /// Whole-string match (anchored at both ends).
    pub(crate) fn matches(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let t = self.tokens.len();
        if (n + 1).saturating_mul(t + 1) > MAX_MATCH_CELLS {
            return false;
        }
        // next[p]: tokens[k+1..] match chars[p..]; computed from the last token back.
        let mut next = vec![false; n + 1];
        next[n] = true;
        let mut cur = vec![false; n + 1];
        for token in self.tokens.iter().rev() {
            match token {
                Token::AnyAll => cur.iter_mut().for_each(|c| *c = true),
                Token::AnyDirs => {
                    // Empty, or any run ending in '/'.
                    let mut later = false;
                    for p in (0..=n).rev() {
                        if p < n && chars[p] == '/' && next[p + 1] {
                            later = true;
                        }
                        cur[p] = next[p] || later;
                    }
                }
                Token::Star => {
                    cur[n] = next[n];
                    for p in (0..n).rev() {
                        cur[p] = next[p] || (chars[p] != '/' && cur[p + 1]);
                    }
                }
                single => {
                    cur[n] = false;
                    for p in 0..n {
                        let c = chars[p];
                        let ok = match single {
                            Token::Literal(l) => *l == c,
                            Token::AnyChar => c != '/',
                            Token::Class { negated, ranges } => {
                                c != '/'
                                    && (ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                                        != *negated)
                            }
                            _ => false,
                        };
                        cur[p] = ok && next[p + 1];
                    }
                }
            }
            core::mem::swap(&mut next, &mut cur);
        }
        next[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_matching_rules() {
        let ig = Dockerignore::parse(
            "# comment\n*.md\n!README.md\n**/__pycache__\n/secrets/\nnode_modules\ntemp?\ndocs/**\n[ab].txt\n",
        );
        assert!(ig.is_excluded("CHANGES.md"));
        assert!(!ig.is_excluded("README.md"));
        assert!(!ig.is_excluded("docs2/x.md"), "* does not cross /");
        assert!(ig.is_excluded("app/__pycache__/m.pyc"));
        assert!(ig.is_excluded("__pycache__/m.pyc"));
        assert!(ig.is_excluded("secrets/key"));
        assert!(ig.is_excluded("node_modules/a/b.js"));
        assert!(
            !ig.is_excluded("app/node_modules/x"),
            "patterns are anchored at the root"
        );
        assert!(ig.is_excluded("temp1"));
        assert!(ig.is_excluded("docs/a/b"));
        assert!(ig.is_excluded("a.txt"));
        assert!(!ig.is_excluded("c.txt"));
        assert!(!ig.is_excluded("app/main.py"));
        assert_eq!(ig.deciding_pattern("README.md").unwrap().line, 3);
    }

    #[test]
    fn exceptions_and_last_match_wins() {
        let ig = Dockerignore::parse("*\n!app\n!requirements.txt\napp/tests\n");
        assert!(ig.is_excluded("Dockerfile"));
        assert!(!ig.is_excluded("app/main.py"));
        assert!(ig.is_excluded("app/tests/test_x.py"));
        assert!(!ig.is_excluded("requirements.txt"));
    }

    #[test]
    fn filepath_match_for_copy_sources() {
        let g = Glob::compile("*.txt", false).unwrap();
        assert!(g.matches("requirements.txt"));
        assert!(!g.matches("a/b.txt"));
        assert!(Glob::compile("[a-", false).is_none());
        assert_eq!(clean_path("./a//b/../c/"), "a/c");
        assert_eq!(clean_path("/"), "/");
    }
}
