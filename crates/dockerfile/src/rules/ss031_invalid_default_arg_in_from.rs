//! SS031 (warning): a FROM whose variables, at their defaults, give an empty or invalid image
//! name (`ARG TAG` then `FROM python:${TAG}`, which is `python:`).
//!
//! `docker build` without `--build-arg` then fails at that FROM; the file only builds when
//! every caller remembers the argument: `warning`. BuildKit's `InvalidDefaultArgInFrom`: the
//! global ARGs are evaluated at their defaults (each default expanded with the ones before it;
//! the predefined platform arguments at a linux/amd64 build's values) and the result is parsed
//! as a Docker image reference.
//!
//! Deliberately narrower than BuildKit: only FROM lines with a variable are checked (BuildKit
//! also reports a literal invalid name such as `FROM Ubuntu`, with the same wording).
//!
//! No fix: only the author knows the default the argument should have.

use shipshape_lang::ko::{eun_neun, i_ga};
use super::ss030_undefined_arg_in_from::PREDEFINED_ARGS;
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS031,
    severity: Severity::Warning,
    title: "FROM gives no valid image at the ARG defaults",
    guide: "reproducible",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &["InvalidDefaultArgInFrom"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The base as written: `python:${TAG}`.
    pub base: String,
    /// What it gives at the defaults: `python:`.
    pub result: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, b, r) = (self.line, &self.base, &self.result);
        let shown = if r.is_empty() {
            match lang {
                Lang::En => "an empty name".to_string(),
                Lang::Ko => "빈 이름".to_string(),
                Lang::Ja => "空の名前".to_string(),
            }
        } else {
            format!("`{r}`")
        };
        match lang {
            Lang::En => format!("With the ARG defaults, `FROM {b}` on line {line} names {shown}, which is not a valid image: `docker build` without `--build-arg` fails here. Give the ARG a default that makes a valid image name, or write a default in the FROM (`${{NAME:-value}}`)."),
            Lang::Ko => format!("ARG 기본값으로는 {line}행의 `FROM {b}`{eun} {shown}{i} 되는데, 이는 올바른 이미지 이름이 아닙니다. 그래서 `--build-arg` 없이 `docker build`를 실행하면 여기서 실패합니다. 올바른 이미지 이름이 되도록 ARG에 기본값을 주거나, FROM 안에 기본값을 쓰세요(`${{NAME:-value}}`).", eun = eun_neun(b), i = i_ga(&shown)),
            Lang::Ja => format!("ARG のデフォルト値では、{line}行目の `FROM {b}` は {shown} になり、正しいイメージ名ではありません。そのため `--build-arg` なしで `docker build` を実行するとここで失敗します。正しいイメージ名になるデフォルト値を ARG に付けるか、FROM の中にデフォルト値を書いてください（`${{NAME:-value}}`）。"),
        }
    }
}

/// BuildKit's global arguments with no build argument given: the predefined ones, then each
/// global ARG that has a default, expanded with those before it.
pub(crate) fn default_meta_args(ctx: &Ctx) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = PREDEFINED_ARGS
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for k in ctx.df.global_instructions() {
        let ins = ctx.instr(k);
        if ins.keyword != Keyword::Arg {
            continue;
        }
        for w in ins.arguments.words() {
            let Some((name, raw)) = w.value.split_once('=') else {
                continue;
            };
            let value = {
                let lookup = |n: &str| {
                    env.iter()
                        .rev()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v.clone())
                };
                crate::shell::expand(raw, ctx.df.escape, &lookup, &mut Vec::new())
            };
            env.retain(|(k, _)| k != name);
            env.push((name.to_string(), value));
        }
    }
    env
}

/// Whether `s` parses as a Docker image reference (`docker/distribution`'s
/// `ParseNormalizedNamed`): `[domain/]path[:tag][@digest]`.
pub(crate) fn valid_reference(s: &str) -> bool {
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        if !valid_digest(d) {
            return false;
        }
    }
    let last_slash = rest.rfind('/');
    let (name, tag) = match rest.rfind(':') {
        Some(i) if last_slash.is_none_or(|j| i > j) => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if let Some(t) = tag {
        let mut chars = t.chars();
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if !chars.next().is_some_and(word)
            || t.len() > 128
            || !chars.all(|c| word(c) || c == '.' || c == '-')
        {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    // A 64-hex name is refused: it reads as an image ID.
    if name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        let is_domain = first.contains(['.', ':'])
            || first == "localhost"
            || first.to_lowercase() != first;
        if is_domain {
            if !valid_domain(first) {
                return false;
            }
            components.remove(0);
        }
    }
    components.iter().all(|c| valid_path_component(c))
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        // A separator: `.`, `_`, `__` or a run of `-`, between alphanumerics.
        let start = i;
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if b.get(i) == Some(&b'_') {
                    i += 1;
                }
            }
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        if i == start || !b.get(i).is_some_and(|x| alnum(*x)) {
            return false;
        }
    }
    true
}

/// `host[:port]`, the host a domain name, an IPv4 address or a bracketed IPv6 address.
fn valid_domain(d: &str) -> bool {
    let (host_ok, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        let port = match after {
            "" => None,
            a => match a.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        let ok = !v6.is_empty() && v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
        (ok, port)
    } else {
        let (host, port) = match d.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        };
        let ok = host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        });
        (ok, port)
    };
    host_ok && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `algorithm:hex`, as the reference grammar has it.
fn valid_digest(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    let alg_ok = alg.split(['+', '.', '_', '-']).all(|c| {
        let mut chars = c.chars();
        chars.next().is_some_and(|x| x.is_ascii_alphabetic())
            && chars.all(|x| x.is_ascii_alphanumeric())
    });
    alg_ok && hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let env = default_meta_args(ctx);
    let lookup = |n: &str| {
        env.iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
    };
    for stage in &ctx.graph.stages {
        if !stage.base.contains('$') {
            continue;
        }
        let result = crate::shell::expand(&stage.base, ctx.df.escape, &lookup, &mut Vec::new());
        if valid_reference(&result) {
            continue;
        }
        let ins = ctx.instr(stage.from);
        let span = ins
            .arguments
            .words()
            .first()
            .map(|w| w.span)
            .unwrap_or(ins.span);
        out.push(finding(
            RuleId::SS031,
            span,
            Vec::new(),
            Message::SS031(Details {
                line: ins.span.start_pos.line,
                base: stage.base.clone(),
                result,
            }),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn buildkits_cases() {
        let f = first(RuleId::SS031, "ARG VERSION\nFROM busybox:$VERSION\n");
        all_langs_mention(&f, "`busybox:`");
        assert!(fires(RuleId::SS031, "ARG IMAGE\nFROM $IMAGE\n"));
        assert!(fires(RuleId::SS031, "ARG SFX=\"box:\"\nFROM busy${SFX}\n"));
        assert!(!fires(RuleId::SS031, "ARG VERSION=\"latest\"\nFROM busybox:${VERSION}\n"));
        assert!(!fires(RuleId::SS031, "ARG BUSYBOX_VARIANT=\"\"\nFROM busybox:stable${BUSYBOX_VARIANT}\n"));
        assert!(!fires(RuleId::SS031, "ARG BUSYBOX_VARIANT\nFROM busybox:stable${BUSYBOX_VARIANT}\n"));
    }

    #[test]
    fn defaults_expand_in_order_and_platform_args_have_values() {
        assert!(!fires(RuleId::SS031, "ARG V=3.13\nARG IMG=python:${V}-slim\nFROM ${IMG}\n"));
        assert!(!fires(RuleId::SS031, "FROM --platform=$BUILDPLATFORM golang:1.23-${TARGETOS}\n"));
        assert!(!fires(RuleId::SS031, "ARG TAG\nFROM python:${TAG:-3.13}\n"));
        assert!(fires(RuleId::SS031, "ARG NAME=My_App\nFROM ${NAME}\n"));
    }

    #[test]
    fn references() {
        for ok in [
            "python",
            "python:3.13-slim",
            "ghcr.io/owner/app:v1",
            "localhost:5000/app",
            "registry.example.com:443/a/b__c/d-e.f:tag_1",
            "python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "scratch",
            "[::1]:5000/app",
        ] {
            assert!(valid_reference(ok), "{ok}");
        }
        for bad in ["", "python:", ":3.13", "Python", "a//b", "a/-b", "app:-x", "x@sha256:12", "ghcr.io/Owner/app"] {
            assert!(!valid_reference(bad), "{bad}");
        }
    }
}
