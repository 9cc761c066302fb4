//! SS027 (warning): an EXPOSE port with an IP address or a host port (`EXPOSE 8000:80`).
//!
//! EXPOSE only records a port of the container; Docker drops the address and host port, and
//! BuildKit says the form will become an error. Someone who wrote `8000:80` expected the port
//! to be published on 8000, which it is not: `warning`. BuildKit's `ExposeInvalidFormat`, one
//! finding per port. A port with a variable is left alone (known at build time only).
//!
//! Fix: keep the container port (and its protocol) alone, which is what Docker records; offered
//! for `host:container` with plain port numbers or ranges that BuildKit accepts, so that the fix
//! never turns a failing build into one that passes.

use shipshape_lang::ko::{euro_ro};
use super::ss026_expose_proto_casing::{expose_ports, split_port};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity,
    TextEdit,
};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS027,
    severity: Severity::Warning,
    title: "EXPOSE with an IP address or host port",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &["ExposeInvalidFormat"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The port as written: `8000:80`.
    pub port: String,
    /// What Docker records: `80` (with the protocol if one was written).
    pub container: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, p, c) = (self.line, &self.port, &self.container);
        match lang {
            Lang::En => format!("`EXPOSE {p}` on line {line} names an IP address or a host port. EXPOSE only records the container's port, so Docker keeps `{c}` and drops the rest (BuildKit will make this an error). Write `EXPOSE {c}`, and publish the host port when the container runs (`docker run -p`)."),
            Lang::Ko => format!("{line}행의 `EXPOSE {p}`에 IP 주소나 호스트 포트가 들어 있습니다. EXPOSE는 컨테이너의 포트만 기록하므로 Docker는 `{c}`만 남기고 나머지는 버립니다(BuildKit은 앞으로 이를 오류로 처리할 예정입니다). `EXPOSE {c}`{ro} 쓰고, 호스트 포트는 컨테이너를 실행할 때 공개하세요(`docker run -p`).", ro = euro_ro(c)),
            Lang::Ja => format!("{line}行目の `EXPOSE {p}` に IP アドレスかホストのポートが含まれています。EXPOSE はコンテナのポートを記録するだけなので、Docker は `{c}` だけを残して残りを捨てます（BuildKit は将来これをエラーにする予定です）。`EXPOSE {c}` と書き、ホストのポートはコンテナを実行するときに公開してください（`docker run -p`）。"),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let c = &self.container;
        Some(match lang {
            Lang::En => format!("Write `EXPOSE {c}`"),
            Lang::Ko => format!("`EXPOSE {c}`{ro} 쓰기", ro = euro_ro(c)),
            Lang::Ja => format!("`EXPOSE {c}` と書く"),
        })
    }
}

/// A port or range as BuildKit reads it: (start, end).
fn port_range(s: &str) -> Option<(u32, u32)> {
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n <= 65535)
    };
    match s.split_once('-') {
        None => num(s).map(|n| (n, n)),
        Some((a, b)) => {
            let (a, b) = (num(a)?, num(b)?);
            (b >= a).then_some((a, b))
        }
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (k, word, value, exact) in expose_ports(ctx) {
        let spec = split_port(&value);
        if spec.host.is_empty() {
            continue;
        }
        let container = match spec.proto {
            Some(p) => format!("{}/{p}", spec.container),
            None => spec.container.to_string(),
        };
        let details = Details {
            line: ctx.step(k).line,
            port: value.clone(),
            container: container.clone(),
        };
        // `host:container` that BuildKit accepts: valid numbers, a host range only as wide as
        // the container's (or with a single container port), a protocol BuildKit knows.
        let proto_ok = spec.proto.is_none_or(|p| {
            ["tcp", "udp", "sctp"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(p))
        });
        let accepted = match (spec.host.as_slice(), port_range(spec.container)) {
            ([host], Some((cs, ce))) => {
                port_range(host).is_some_and(|(hs, he)| he - hs == ce - cs || ce == cs)
            }
            _ => false,
        };
        let fix = (exact && proto_ok && accepted).then(|| Fix {
            title: super::RuleMessage::fix_title(&details, Lang::En).unwrap_or_default(),
            edits: vec![TextEdit {
                range: word.span.range(),
                replacement: container,
            }],
        });
        out.push(finding(
            RuleId::SS027,
            word.span,
            Vec::new(),
            Message::SS027(details),
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_addresses_and_host_ports() {
        // BuildKit's case: three findings, none for 8000.
        let src = "FROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n";
        let ports: Vec<String> = crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS027(d) => Some(d.port),
                _ => None,
            })
            .collect();
        assert_eq!(ports, ["127.0.0.1:80:80", "[::1]:8080:8080", "5000:5000"]);
        let f = first(RuleId::SS027, src);
        all_langs_mention(&f, "`EXPOSE 80`");
        assert!(!fires(RuleId::SS027, "FROM scratch\nEXPOSE 80 443/tcp 7000-7010\n"));
    }

    #[test]
    fn the_fix_keeps_the_container_port_when_buildkit_accepts_the_spec() {
        assert_eq!(
            fixed(RuleId::SS027, "FROM scratch\nEXPOSE 8000:80/udp\n"),
            "FROM scratch\nEXPOSE 80/udp\n"
        );
        assert!(first(RuleId::SS027, "FROM scratch\nEXPOSE 127.0.0.1:80:80\n")
            .fix
            .is_none());
        // Ranges of different widths fail the build; the fix must not make it pass.
        assert!(first(RuleId::SS027, "FROM scratch\nEXPOSE 8000-8002:80-81\n")
            .fix
            .is_none());
        assert!(first(RuleId::SS027, "FROM scratch\nEXPOSE 8000-8002:80\n")
            .fix
            .is_some());
    }
}
