//! SS026 (info): a protocol in EXPOSE not in lower case (`EXPOSE 80/TCP`).
//!
//! Docker lower-cases the protocol itself, so `80/TCP` exposes `80/tcp`: style only, hence
//! `info`. BuildKit's `ExposeProtoCasing`: `tcp`, `udp` or `sctp` in another case, one finding
//! per port. A port with a variable is left alone (BuildKit expands it first; its value is
//! known at build time only).
//!
//! Fix: write the protocol in lower case; the image is the same.

use shipshape_lang::ko::{eun_neun, euro_ro};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};
use crate::syntax::{Keyword, Word};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS026,
    severity: Severity::Info,
    title: "EXPOSE protocol not in lower case",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["ExposeProtoCasing"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The port as written: `80/TCP`.
    pub port: String,
}

impl Details {
    fn lower(&self) -> String {
        match self.port.rsplit_once('/') {
            Some((p, proto)) => format!("{p}/{}", proto.to_lowercase()),
            None => self.port.clone(),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, p, l) = (self.line, &self.port, self.lower());
        match lang {
            Lang::En => format!("`EXPOSE {p}` on line {line} writes the protocol in upper case. Docker lower-cases it anyway, so write `{l}` as every tool shows it."),
            Lang::Ko => format!("{line}행의 `EXPOSE {p}`{eun} 프로토콜을 대문자로 썼습니다. Docker는 어차피 소문자로 바꾸므로, 모든 도구가 보여 주는 대로 `{l}`{ro} 쓰세요.", eun = eun_neun(p), ro = euro_ro(&l)),
            Lang::Ja => format!("{line}行目の `EXPOSE {p}` はプロトコルを大文字で書いています。Docker はどのみち小文字にするので、どのツールでも表示されるとおり `{l}` と書いてください。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let l = self.lower();
        Some(match lang {
            Lang::En => format!("Write `{l}`"),
            Lang::Ko => format!("`{l}`{ro} 쓰기", ro = euro_ro(&l)),
            Lang::Ja => format!("`{l}` と書く"),
        })
    }
}

/// An EXPOSE port split as BuildKit splits it (`[ip:][host:]container[/proto]`): the parts
/// before the container port, the container port and the protocol as written.
pub(crate) struct PortSpec<'a> {
    pub host: Vec<&'a str>,
    pub container: &'a str,
    pub proto: Option<&'a str>,
}

pub(crate) fn split_port(raw: &str) -> PortSpec<'_> {
    let mut parts: Vec<&str> = raw.split(':').collect();
    let last = parts.pop().unwrap_or("");
    let (container, proto) = match last.split_once('/') {
        Some((c, p)) => (c, Some(p)),
        None => (last, None),
    };
    PortSpec {
        host: parts,
        container,
        proto,
    }
}

/// The EXPOSE words a check can read as written (no variable; quotes removed), with the
/// word and whether its source text is exactly its value (so an edit can target it).
pub(crate) fn expose_ports<'a>(ctx: &'a Ctx) -> Vec<(usize, &'a Word, String, bool)> {
    let mut out = Vec::new();
    for (k, ins) in ctx.df.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Expose {
            continue;
        }
        for w in ins.arguments.words() {
            let value = crate::shell::unquote(&w.value, ctx.df.escape);
            if value.contains('$') || value.is_empty() {
                continue;
            }
            let exact = ctx.src.get(w.span.range()) == Some(value.as_str());
            out.push((k, w, value, exact));
        }
    }
    out
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, word, value, exact) in expose_ports(ctx) {
        let spec = split_port(&value);
        let Some(proto) = spec.proto else {
            continue;
        };
        // Another protocol fails the build before BuildKit checks the case.
        let known = ["tcp", "udp", "sctp"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(proto));
        if !known || proto == proto.to_lowercase() {
            continue;
        }
        let details = Details {
            line: ctx.step(k).line,
            port: value.clone(),
        };
        let fix = exact.then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: word.span.end - proto.len()..word.span.end,
                replacement: proto.to_lowercase(),
            }],
        });
        out.push(finding(
            RuleId::SS026,
            word.span,
            Vec::new(),
            Message::SS026(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_per_port_with_an_upper_case_protocol() {
        // BuildKit's case: two findings, not one for 8080/udp.
        let src = "FROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n";
        let ports: Vec<String> = crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS026(d) => Some(d.port),
                _ => None,
            })
            .collect();
        assert_eq!(ports, ["80/TcP", "8080/TCP"]);
        let f = first(RuleId::SS026, src);
        all_langs_mention(&f, "`80/tcp`");
        assert_eq!(
            fixed(RuleId::SS026, "FROM scratch\nEXPOSE 53/UDP\n"),
            "FROM scratch\nEXPOSE 53/udp\n"
        );
    }

    #[test]
    fn quiet_on_lower_case_unknown_protocols_and_variables() {
        assert!(!fires(RuleId::SS026, "FROM scratch\nEXPOSE 80/tcp 80\n"));
        assert!(!fires(RuleId::SS026, "FROM scratch\nEXPOSE 80/HTTP\n"));
        assert!(!fires(RuleId::SS026, "FROM scratch\nARG P=80/TCP\nEXPOSE $P\n"));
    }
}
