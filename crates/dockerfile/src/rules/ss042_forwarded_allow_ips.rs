//! SS042 (warning): the final image starts Uvicorn (or `fastapi run`) with `--proxy-headers`
//! but without `--forwarded-allow-ips` (nor `FORWARDED_ALLOW_IPS` in its environment).
//!
//! Uvicorn reads `X-Forwarded-For` and `X-Forwarded-Proto` (on by default in Uvicorn and
//! `fastapi run`; `--proxy-headers` says so explicitly), but it trusts them only from the
//! addresses in `--forwarded-allow-ips`, whose default is `$FORWARDED_ALLOW_IPS` or
//! `127.0.0.1`. A container's proxy (an ingress, a load balancer, Traefik in another
//! container) is never at 127.0.0.1 inside the container, so the headers are dropped: the app
//! sees the proxy's address as the client's and `http` as the scheme, and the URLs it builds
//! (redirects, `url_for`) say `http://`. The flag asks for the behaviour and the missing
//! option silently prevents it, which is why this is a warning. Without the flag nothing says a
//! proxy is expected, and the rule stays silent.
//!
//! No automatic fix: the right value is the proxy's address, or `*` only when nothing but
//! the proxy can reach the container.

use shipshape_lang::ko::{eul_reul};
use super::start::{program, server_at, start_parts};
use super::{
    finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS042,
    severity: Severity::Warning,
    title: "Proxy headers without --forwarded-allow-ips",
    guide: "tls-proxy",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// `uvicorn` or `fastapi run`.
    pub server: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, server) = (&self.step, &self.server);
        match lang {
            Lang::En => format!("Line {} starts `{server}` with `--proxy-headers` but no `--forwarded-allow-ips`: Uvicorn reads `X-Forwarded-For` and `X-Forwarded-Proto` (it does by default; the flag only says so) but trusts them only from 127.0.0.1, and the proxy in front of a container is never there. The headers are ignored, so the app sees the proxy's address as the client's and `http` as the scheme, and the URLs it builds start with `http://`. Add `--forwarded-allow-ips` with the proxy's address, or `\"*\"` when only the proxy can reach the container (or set `FORWARDED_ALLOW_IPS`).", s.line),
            Lang::Ko => format!("{}행은 `{server}`{eul} `--proxy-headers`와 함께 시작하지만 `--forwarded-allow-ips`가 없습니다. Uvicorn은 `X-Forwarded-For`, `X-Forwarded-Proto` 헤더를 읽기는 하지만(기본 동작이며, 이 플래그는 그 사실을 명시할 뿐입니다) 127.0.0.1에서 온 것만 믿는데, 컨테이너 앞의 프록시는 그 주소에 있지 않습니다. 결국 헤더가 무시되어 앱은 프록시 주소를 클라이언트 주소로, `http`를 스킴으로 보게 되고, 앱이 만드는 URL도 `http://`로 시작합니다. `--forwarded-allow-ips`에 프록시 주소를 지정하세요. 프록시만 컨테이너에 접근할 수 있다면 `\"*\"`를 써도 됩니다(`FORWARDED_ALLOW_IPS` 환경 변수로 지정해도 됩니다).", s.line, eul = eul_reul(server)),
            Lang::Ja => format!("{}行目は `{server}` を `--proxy-headers` 付きで起動していますが、`--forwarded-allow-ips` がありません。Uvicorn は `X-Forwarded-For` と `X-Forwarded-Proto` を読みます（既定の動作で、このフラグはそれを明示するだけです）が、信頼するのは 127.0.0.1 からの要求だけで、コンテナの前に立つプロキシはそのアドレスにはいません。ヘッダーは無視され、アプリはプロキシのアドレスをクライアントのアドレス、`http` をスキームとみなし、生成する URL も `http://` で始まります。`--forwarded-allow-ips` にプロキシのアドレスを指定してください。コンテナに届くのがプロキシだけなら `\"*\"` でもかまいません（環境変数 `FORWARDED_ALLOW_IPS` でも指定できます）。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.final_env("FORWARDED_ALLOW_IPS").is_some() {
        return;
    }
    for part in start_parts(ctx) {
        for words in &part.commands {
            let Some(at) = server_at(words, &["uvicorn", "fastapi"]) else {
                continue;
            };
            let server = match program(&words[at]) {
                "fastapi" if words.get(at + 1).is_some_and(|w| w == "run") => "fastapi run",
                "fastapi" => continue,
                _ => "uvicorn",
            };
            let args = &words[at + 1..];
            let proxy = args.iter().any(|w| w == "--proxy-headers");
            let allowed = args
                .iter()
                .any(|w| w == "--forwarded-allow-ips" || w.starts_with("--forwarded-allow-ips="));
            if proxy && !allowed {
                let details = Details {
                    step: ctx.step(part.index),
                    server: server.to_string(),
                };
                out.push(finding(
                    RuleId::SS042,
                    ctx.instr(part.index).span,
                    Vec::new(),
                    Message::SS042(details),
                    None,
                ));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    const BASE: &str = "FROM python:3.13-slim\nWORKDIR /code\nCOPY . .\n";

    #[test]
    fn fires_on_proxy_headers_alone() {
        let f = first(RuleId::SS042, &format!("{BASE}CMD [\"fastapi\", \"run\", \"app/main.py\", \"--proxy-headers\", \"--port\", \"80\"]\n"));
        all_langs_mention(&f, "--forwarded-allow-ips");
        all_langs_mention(&f, "127.0.0.1");
        assert!(fires(RuleId::SS042, &format!("{BASE}CMD uvicorn app.main:app --host 0.0.0.0 --proxy-headers\n")));
        assert!(fires(RuleId::SS042, &format!("{BASE}CMD [\"python\", \"-m\", \"uvicorn\", \"app:app\", \"--proxy-headers\"]\n")));
    }

    #[test]
    fn silent_when_the_trusted_addresses_are_set_or_no_proxy_is_asked_for() {
        for cmd in [
            "CMD [\"fastapi\", \"run\", \"app/main.py\", \"--proxy-headers\", \"--forwarded-allow-ips\", \"*\"]",
            "CMD uvicorn app:app --proxy-headers --forwarded-allow-ips=10.0.0.0/8",
            "ENV FORWARDED_ALLOW_IPS=\"*\"\nCMD [\"uvicorn\", \"app:app\", \"--proxy-headers\"]",
            "CMD [\"fastapi\", \"run\", \"app/main.py\"]",
            "CMD [\"uvicorn\", \"app:app\", \"--no-proxy-headers\"]",
            "CMD [\"uvicorn\", \"app:app\", \"--proxy-headers\"]\nCMD [\"uvicorn\", \"app:app\"]",
        ] {
            assert!(!fires(RuleId::SS042, &format!("{BASE}{cmd}\n")), "{cmd}");
        }
    }
}
