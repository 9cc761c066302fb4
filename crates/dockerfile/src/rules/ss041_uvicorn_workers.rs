//! SS041 (warning): Gunicorn runs Uvicorn's deprecated worker class, `uvicorn.workers.UvicornWorker`
//! (or `UvicornH11Worker`), in the start command or in `GUNICORN_CMD_ARGS`.
//!
//! Uvicorn deprecated its `uvicorn.workers` module: the worker lives on in the separate
//! `uvicorn-worker` package (`uvicorn_worker.UvicornWorker`). Gunicorn has had its own ASGI
//! worker since 24.0, stable since 25.1 (`--worker-class asgi`), which runs FastAPI without
//! Uvicorn; and Uvicorn's own `--workers` now restarts dead and hung workers, which is why
//! FastAPI deprecated the Gunicorn-based image. A deprecated module disappears in a later
//! release, and the image then fails at start-up, not at build time.
//!
//! No automatic fix: each way out needs a package installed or the command rewritten.

use shipshape_lang::ko::{euro_ro};
use super::start::{server_at, start_parts};
use super::{
    finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS041,
    severity: Severity::Warning,
    title: "Deprecated uvicorn.workers worker class",
    guide: "legacy-gunicorn-image",
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
    /// The class as written: `uvicorn.workers.UvicornWorker`.
    pub class: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, c) = (&self.step, &self.class);
        match lang {
            Lang::En => format!("Line {} runs Gunicorn with the worker class `{c}`, from Uvicorn's `uvicorn.workers` module, which is deprecated and will be removed; the image would then fail when it starts, not when it builds. Install the `uvicorn-worker` package and use `uvicorn_worker.UvicornWorker`, or use Gunicorn's own ASGI worker (`--worker-class asgi`, stable since Gunicorn 25.1), or let Uvicorn manage its workers (`uvicorn --workers`, `fastapi run --workers`).", s.line),
            Lang::Ko => format!("{}행은 Gunicorn을 워커 클래스 `{c}`{ro} 실행합니다. 이 클래스가 있는 Uvicorn의 `uvicorn.workers` 모듈은 폐기 예정(deprecated)이라 언젠가 제거되고, 그러면 이미지는 빌드할 때가 아니라 시작할 때 실패합니다. `uvicorn-worker` 패키지를 설치해 `uvicorn_worker.UvicornWorker`를 쓰거나, Gunicorn 자체 ASGI 워커(`--worker-class asgi`, Gunicorn 25.1부터 안정 버전)를 쓰거나, 워커 관리를 Uvicorn에 맡기세요(`uvicorn --workers`, `fastapi run --workers`).", s.line, ro = euro_ro(c)),
            Lang::Ja => format!("{}行目は Gunicorn をワーカークラス `{c}` で起動しています。このクラスがある Uvicorn の `uvicorn.workers` モジュールは非推奨（deprecated）で、いずれ削除されます。そうなるとイメージはビルド時ではなく起動時に失敗します。`uvicorn-worker` パッケージをインストールして `uvicorn_worker.UvicornWorker` を使うか、Gunicorn 自身の ASGI ワーカー（`--worker-class asgi`、Gunicorn 25.1 から安定版）を使うか、ワーカーの管理を Uvicorn に任せてください（`uvicorn --workers`、`fastapi run --workers`）。", s.line),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

fn deprecated(class: &str) -> bool {
    let class = class.trim_matches(|c| c == '"' || c == '\'');
    matches!(
        class,
        "uvicorn.workers.UvicornWorker" | "uvicorn.workers.UvicornH11Worker"
    )
}

/// The worker class a Gunicorn command line names (`-k X`, `-kX`, `--worker-class X`,
/// `--worker-class=X`).
fn worker_class(args: &[String]) -> Option<&str> {
    let mut it = args.iter();
    while let Some(w) = it.next() {
        if w == "-k" || w == "--worker-class" {
            return it.next().map(String::as_str);
        }
        if let Some(v) = w.strip_prefix("--worker-class=") {
            return Some(v);
        }
        if let Some(v) = w.strip_prefix("-k").filter(|v| !v.is_empty() && !w.starts_with("--")) {
            return Some(v);
        }
    }
    None
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut report = |index: usize, class: &str| {
        let details = Details {
            step: ctx.step(index),
            class: class.trim_matches(|c| c == '"' || c == '\'').to_string(),
        };
        out.push(finding(
            RuleId::SS041,
            ctx.instr(index).span,
            Vec::new(),
            Message::SS041(details),
            None,
        ));
    };
    for part in start_parts(ctx) {
        for words in &part.commands {
            if let Some(at) = server_at(words, &["gunicorn"]) {
                if let Some(class) = worker_class(&words[at + 1..]).filter(|c| deprecated(c)) {
                    report(part.index, class);
                    return;
                }
            }
        }
    }
    // GUNICORN_CMD_ARGS, which Gunicorn reads as if given on its command line.
    for &s in ctx.graph.final_chain.iter().rev() {
        for k in ctx.body(s) {
            let ins = ctx.instr(k);
            if let (Keyword::Env, Arguments::Pairs(pairs)) = (&ins.keyword, &ins.arguments) {
                for kv in pairs.iter().filter(|kv| kv.key.value == "GUNICORN_CMD_ARGS") {
                    let value = crate::shell::unquote(&kv.value.value, ctx.df.escape);
                    let words: Vec<String> = value.split_whitespace().map(str::to_string).collect();
                    if let Some(class) = worker_class(&words).filter(|c| deprecated(c)) {
                        report(k, class);
                        return;
                    }
                }
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
    fn fires_on_the_deprecated_classes_in_every_spelling() {
        let f = first(RuleId::SS041, &format!("{BASE}CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app.main:app\"]\n"));
        all_langs_mention(&f, "uvicorn.workers.UvicornWorker");
        all_langs_mention(&f, "uvicorn-worker");
        all_langs_mention(&f, "--worker-class asgi");
        for cmd in [
            "CMD gunicorn app:app --worker-class uvicorn.workers.UvicornWorker -w 2",
            "CMD [\"/venv/bin/gunicorn\", \"--worker-class=uvicorn.workers.UvicornH11Worker\", \"app:app\"]",
            "CMD [\"gunicorn\", \"-kuvicorn.workers.UvicornWorker\", \"app:app\"]",
            "ENV GUNICORN_CMD_ARGS=\"-k uvicorn.workers.UvicornWorker --bind 0.0.0.0:80\"\nCMD [\"gunicorn\", \"app:app\"]",
            "CMD [\"python\", \"-m\", \"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app:app\"]",
        ] {
            assert!(fires(RuleId::SS041, &format!("{BASE}{cmd}\n")), "{cmd}");
        }
    }

    #[test]
    fn silent_on_the_maintained_workers() {
        for cmd in [
            "CMD [\"gunicorn\", \"-k\", \"uvicorn_worker.UvicornWorker\", \"app:app\"]",
            "CMD [\"gunicorn\", \"--worker-class\", \"asgi\", \"app:app\"]",
            "CMD [\"uvicorn\", \"app:app\", \"--workers\", \"4\"]",
            // Not the final image's command.
            "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app:app\"]\nCMD [\"fastapi\", \"run\"]",
        ] {
            assert!(!fires(RuleId::SS041, &format!("{BASE}{cmd}\n")), "{cmd}");
        }
        assert!(!fires(RuleId::SS041, "FROM python:3.13-slim AS old\nCMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"a:a\"]\nFROM python:3.13-slim\nCMD [\"fastapi\", \"run\"]\n"));
    }
}
