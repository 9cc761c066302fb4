//! SS040 (warning): the final image starts a development server: `fastapi dev`, or a server
//! with `--reload` (Uvicorn, `fastapi run --reload`, Gunicorn, Hypercorn).
//!
//! `fastapi dev` is Uvicorn with auto-reload listening on 127.0.0.1 (so nothing outside the
//! container reaches it) and says so itself: "for production use: fastapi run". `--reload`
//! runs a reloader process that watches the source tree and restarts the server on each
//! change: in an image the files never change, the watcher costs CPU and memory, and Uvicorn
//! ignores `--workers` with it. uv's own Docker example ends with `fastapi dev` for compose
//! watch, which is where it belongs; in the image that ships it is a mistake. Only the start
//! command in effect in the final image counts: a `dev` stage of its own is fine.
//!
//! Fix: `fastapi dev` becomes `fastapi run`, and a lone `--reload` is removed, when the word
//! appears once and is not inside a variable or quotes in a shell-form command.

use super::start::{program, server_at, start_parts};
use super::{
    finding, Ctx, Finding, Fix, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
    TextEdit,
};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS040,
    severity: Severity::Warning,
    title: "Development server in the final image",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `fastapi dev`.
    FastapiDev,
    /// `--reload` (or a `--reload-*` option) on this server.
    Reload,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    pub mode: Mode,
    /// The server: `fastapi`, `uvicorn`, `gunicorn`, `hypercorn`.
    pub server: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, server) = (&self.step, &self.server);
        match (self.mode, lang) {
            (Mode::FastapiDev, Lang::En) => format!("Line {} starts the final image with `fastapi dev`, the development server: it listens only on 127.0.0.1, so nothing outside the container reaches it, and it watches the files to restart on every change, which never happens in an image and only costs CPU and memory. Use `fastapi run`, which listens on 0.0.0.0 without the reloader.", s.line),
            (Mode::FastapiDev, Lang::Ko) => format!("{}행은 최종 이미지를 개발용 서버인 `fastapi dev`로 시작합니다. 이 서버는 127.0.0.1에서만 요청을 받으므로 컨테이너 밖에서는 접속할 수 없고, 파일이 바뀔 때마다 다시 시작하려고 파일을 계속 감시합니다. 이미지 안의 파일은 바뀌지 않으니 CPU와 메모리만 낭비됩니다. 리로더 없이 0.0.0.0에서 요청을 받는 `fastapi run`을 쓰세요.", s.line),
            (Mode::FastapiDev, Lang::Ja) => format!("{}行目は最終イメージを開発用サーバーの `fastapi dev` で起動しています。このサーバーは 127.0.0.1 でしか待ち受けないため、コンテナの外からは接続できません。また、変更のたびに再起動しようとファイルを監視し続けますが、イメージ内のファイルは変わらないので CPU とメモリを無駄に使うだけです。リローダーなしで 0.0.0.0 で待ち受ける `fastapi run` を使ってください。", s.line),
            (Mode::Reload, Lang::En) => format!("`{}` on line {} starts {server} with auto-reload in the final image: a reloader process watches the source files and restarts the server on every change, which never happens in an image; the watching costs CPU and memory, and Uvicorn ignores `--workers` with it. Remove `--reload` (keep it for local development, in a compose file or a stage of its own).", s.text, s.line),
            (Mode::Reload, Lang::Ko) => format!("{}행의 `{}` 명령은 최종 이미지에서 {server} 서버를 자동 리로드 모드로 시작합니다. 리로더 프로세스가 소스 파일을 감시하다 바뀔 때마다 서버를 다시 시작하는데, 이미지 안의 파일은 바뀌지 않으므로 감시에 드는 CPU와 메모리만 낭비됩니다. 또 Uvicorn은 이 모드에서 `--workers`를 무시합니다. `--reload`를 빼세요. 로컬 개발용이라면 compose 파일이나 별도 스테이지에 두면 됩니다.", s.line, s.text),
            (Mode::Reload, Lang::Ja) => format!("{}行目の `{}` は、最終イメージで {server} を自動リロード付きで起動しています。リローダーのプロセスがソースファイルを監視し、変更のたびにサーバーを再起動しますが、イメージ内のファイルは変わらないため、監視の CPU とメモリが無駄になるだけです。しかも Uvicorn はこのモードでは `--workers` を無視します。`--reload` を外してください（ローカル開発用なら compose ファイルや専用のステージに置けます）。", s.line, s.text),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match (self.mode, lang) {
            (Mode::FastapiDev, Lang::En) => "Start with fastapi run instead of fastapi dev".into(),
            (Mode::FastapiDev, Lang::Ko) => "fastapi dev 대신 fastapi run으로 시작하기".into(),
            (Mode::FastapiDev, Lang::Ja) => "fastapi dev の代わりに fastapi run で起動する".into(),
            (Mode::Reload, Lang::En) => "Remove --reload".into(),
            (Mode::Reload, Lang::Ko) => "--reload 옵션 빼기".into(),
            (Mode::Reload, Lang::Ja) => "--reload を外す".into(),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(Details::fix_title(self, lang))
    }
}

const SERVERS: &[&str] = &["fastapi", "uvicorn", "gunicorn", "hypercorn"];

/// The development mode a command's words start, and the server's name.
fn dev_mode(words: &[String]) -> Option<(Mode, String)> {
    let at = server_at(words, SERVERS)?;
    let server = program(&words[at]).to_string();
    let rest = &words[at + 1..];
    if server == "fastapi" && rest.first().is_some_and(|w| w == "dev") {
        return Some((Mode::FastapiDev, server));
    }
    if rest
        .iter()
        .any(|w| w == "--reload" || w.starts_with("--reload=") || w.starts_with("--reload-"))
    {
        return Some((Mode::Reload, server));
    }
    None
}

/// The byte ranges of whitespace-separated tokens of `text` starting at `offset`.
fn tokens(text: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((offset + s, offset + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((offset + s, offset + text.len()));
    }
    out
}

fn fix_for(ctx: &Ctx, index: usize, mode: Mode) -> Option<Fix> {
    let ins = ctx.instr(index);
    let edit = match &ins.arguments {
        Arguments::Exec(words) => match mode {
            Mode::FastapiDev => {
                let i = words.iter().position(|w| w.value == "dev")?;
                if i == 0 || program(&words[i - 1].value) != "fastapi" {
                    return None;
                }
                TextEdit {
                    range: words[i].span.range(),
                    replacement: "\"run\"".into(),
                }
            }
            Mode::Reload => {
                if words.iter().any(|w| w.value.starts_with("--reload")) && words.iter().filter(|w| w.value.starts_with("--reload")).count() != 1 {
                    return None;
                }
                let i = words.iter().position(|w| w.value == "--reload")?;
                if i == 0 {
                    return None;
                }
                TextEdit {
                    range: words[i - 1].span.end..words[i].span.end,
                    replacement: String::new(),
                }
            }
        },
        Arguments::Shell(w) => {
            let text = ctx.src.get(w.span.range())?;
            if text.contains(['$', '"', '\'', '`', '\\']) {
                return None;
            }
            let toks = tokens(text, w.span.start);
            let word = |t: &(usize, usize)| &ctx.src[t.0..t.1];
            match mode {
                Mode::FastapiDev => {
                    let hits: Vec<usize> = (1..toks.len())
                        .filter(|&i| word(&toks[i]) == "dev" && program(word(&toks[i - 1])) == "fastapi")
                        .collect();
                    let [i] = hits[..] else { return None };
                    TextEdit {
                        range: toks[i].0..toks[i].1,
                        replacement: "run".into(),
                    }
                }
                Mode::Reload => {
                    if toks.iter().filter(|t| word(t).starts_with("--reload")).count() != 1 {
                        return None;
                    }
                    let i = toks.iter().position(|t| word(t) == "--reload")?;
                    if i == 0 {
                        return None;
                    }
                    TextEdit {
                        range: toks[i - 1].1..toks[i].1,
                        replacement: String::new(),
                    }
                }
            }
        }
        _ => return None,
    };
    Some(Fix {
        title: String::new(),
        edits: vec![edit],
    })
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for part in start_parts(ctx) {
        for words in &part.commands {
            if let Some((mode, server)) = dev_mode(words) {
                let details = Details {
                    step: ctx.step(part.index),
                    mode,
                    server,
                };
                let fix = fix_for(ctx, part.index, mode);
                out.push(finding(
                    RuleId::SS040,
                    ctx.instr(part.index).span,
                    Vec::new(),
                    Message::SS040(details),
                    fix,
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
    fn fires_on_fastapi_dev_and_reload_in_the_final_image() {
        let f = first(RuleId::SS040, &format!("{BASE}CMD [\"fastapi\", \"dev\", \"app/main.py\"]\n"));
        all_langs_mention(&f, "fastapi dev");
        assert!(fires(RuleId::SS040, &format!("{BASE}CMD uvicorn app.main:app --host 0.0.0.0 --reload\n")));
        assert!(fires(RuleId::SS040, &format!("{BASE}CMD [\"/venv/bin/uvicorn\", \"app:app\", \"--reload-dir\", \"app\"]\n")));
        assert!(fires(RuleId::SS040, &format!("{BASE}ENTRYPOINT [\"gunicorn\", \"--reload\", \"app:app\"]\n")));
        assert!(fires(RuleId::SS040, &format!("{BASE}CMD [\"uv\", \"run\", \"fastapi\", \"dev\"]\n")));
        assert!(fires(RuleId::SS040, &format!("{BASE}CMD python -m uvicorn app:app --reload\n")));
    }

    #[test]
    fn silent_for_production_servers_and_overridden_or_other_stages() {
        assert!(!fires(RuleId::SS040, &format!("{BASE}CMD [\"fastapi\", \"run\", \"app/main.py\"]\n")));
        assert!(!fires(RuleId::SS040, &format!("{BASE}CMD [\"uvicorn\", \"app:app\", \"--workers\", \"2\"]\n")));
        // A later CMD replaces it.
        assert!(!fires(RuleId::SS040, &format!("{BASE}CMD [\"fastapi\", \"dev\"]\nCMD [\"fastapi\", \"run\"]\n")));
        // A dev stage that is not the final image.
        assert!(!fires(RuleId::SS040, "FROM python:3.13-slim AS dev\nCMD [\"fastapi\", \"dev\"]\nFROM python:3.13-slim\nCMD [\"fastapi\", \"run\"]\n"));
        // Inherited through FROM stage, it is in the final image.
        assert!(fires(RuleId::SS040, "FROM python:3.13-slim AS base\nCMD [\"fastapi\", \"dev\"]\nFROM base\nRUN true\n"));
        // `dev` as an argument of something else, and RUN steps.
        assert!(!fires(RuleId::SS040, &format!("{BASE}RUN uvicorn --reload --help\nCMD [\"python\", \"-m\", \"app\", \"dev\"]\n")));
    }

    #[test]
    fn fixes_to_fastapi_run_and_removes_reload() {
        assert_eq!(
            fixed(RuleId::SS040, &format!("{BASE}CMD [\"fastapi\", \"dev\", \"app/main.py\"]\n")),
            format!("{BASE}CMD [\"fastapi\", \"run\", \"app/main.py\"]\n")
        );
        assert_eq!(
            fixed(RuleId::SS040, &format!("{BASE}CMD [\"uvicorn\", \"app:app\", \"--reload\", \"--port\", \"80\"]\n")),
            format!("{BASE}CMD [\"uvicorn\", \"app:app\", \"--port\", \"80\"]\n")
        );
        assert_eq!(
            fixed(RuleId::SS040, &format!("{BASE}CMD exec uvicorn app:app --reload --port 80\n")),
            format!("{BASE}CMD exec uvicorn app:app --port 80\n")
        );
        assert_eq!(
            fixed(RuleId::SS040, &format!("{BASE}CMD fastapi dev app/main.py\n")),
            format!("{BASE}CMD fastapi run app/main.py\n")
        );
        // Not when the reload has more options, or the command uses variables.
        let f = first(RuleId::SS040, &format!("{BASE}CMD [\"uvicorn\", \"app:app\", \"--reload\", \"--reload-dir\", \"app\"]\n"));
        assert!(f.fix.is_none());
        let f = first(RuleId::SS040, &format!("{BASE}CMD uvicorn $APP --reload\n"));
        assert!(f.fix.is_none());
    }
}
