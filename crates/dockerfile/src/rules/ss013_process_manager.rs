//! SS013 (info): the container starts a process manager with several
//! workers (Gunicorn `-w 4`, `uvicorn --workers 4`, `fastapi run --workers`,
//! Hypercorn, `pm2-runtime -i`, the legacy `tiangolo/uvicorn-gunicorn`
//! images, `WEB_CONCURRENCY` above 1).
//!
//! On a single server that is the right way to use several cores. On a
//! cluster (Kubernetes, Swarm, Nomad, a cloud service), the cluster already
//! replicates containers and balances load: one process per container is
//! simpler to size (memory per replica is known), restart and scale. Info:
//! both are valid, it depends on where the image runs.
//!
//! No automatic fix.

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::command::split_script;
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS013,
    severity: Severity::Info,
    title: "Process manager with several workers in one container",
    guide: "replication",
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
    /// The manager: `gunicorn`, `uvicorn`, ...
    pub manager: String,
    /// The worker count as written (`4`, `$WORKERS`), or how it is decided.
    pub workers: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, m, w) = (&self.step, &self.manager, &self.workers);
        match lang {
            Lang::En => format!("`{}` on line {} runs {m} with {w} workers inside one container. That is fine on a single server; on a cluster that replicates containers (Kubernetes, Swarm), prefer one process per container and let the cluster run more replicas, which makes memory per container predictable.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 한 컨테이너 안에 {m} 워커를 {w}개 띄웁니다. 서버 한 대라면 괜찮지만, 컨테이너를 복제하는 클러스터(Kubernetes, Swarm)에서는 컨테이너마다 프로세스 하나를 두고 레플리카 수는 클러스터에 맡기는 편이 좋습니다. 그래야 컨테이너당 메모리를 예측할 수 있습니다.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` は、1 つのコンテナ内で {m} をワーカー {w} 個で動かしています。サーバー 1 台なら問題ありませんが、コンテナを複製するクラスター（Kubernetes、Swarm）では、コンテナごとにプロセスを 1 つにし、レプリカ数はクラスターに任せることをおすすめします。そのほうがコンテナあたりのメモリ使用量を予測しやすくなります。", s.line, s.text),
        }
    }
}

/// The value after `-w`/`--workers`/`-i`, in any of its spellings.
fn option_value(words: &[String], names: &[&str]) -> Option<String> {
    let mut it = words.iter();
    while let Some(w) = it.next() {
        for n in names {
            if w == n {
                return it.next().cloned();
            }
            if let Some(v) = w.strip_prefix(&format!("{n}=")) {
                return Some(v.to_string());
            }
            if n.len() == 2 && w.starts_with(n) && w.len() > 2 && !w.starts_with("--") {
                return Some(w[2..].to_string());
            }
        }
    }
    None
}

fn several(v: &str) -> bool {
    match v.parse::<u32>() {
        Ok(n) => n > 1,
        Err(_) => !v.is_empty(),
    }
}

fn manager_in(words: &[String]) -> Option<(String, String)> {
    let at = |name: &str| {
        words
            .iter()
            .position(|w| w.rsplit('/').next() == Some(name))
    };
    for (name, opts) in [
        ("gunicorn", &["-w", "--workers"][..]),
        ("uvicorn", &["--workers"][..]),
        ("hypercorn", &["-w", "--workers"][..]),
        ("pm2-runtime", &["-i", "--instances"][..]),
    ] {
        if let Some(i) = at(name) {
            if let Some(v) = option_value(&words[i..], opts) {
                if several(&v) {
                    return Some((name.to_string(), v));
                }
            }
        }
    }
    if let Some(i) = at("fastapi") {
        if words.get(i + 1).is_some_and(|w| w == "run") {
            if let Some(v) = option_value(&words[i..], &["--workers"]) {
                if several(&v) {
                    return Some(("fastapi run".to_string(), v));
                }
            }
        }
    }
    None
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let final_from = ctx.graph.stages[ctx.final_stage].from;
    let (_, image) = ctx.root_image(ctx.final_stage);
    if image.to_ascii_lowercase().contains("uvicorn-gunicorn") {
        let details = Details {
            step: ctx.step(final_from),
            manager: "Gunicorn".into(),
            workers: "CPU-count-based".into(),
        };
        out.push(finding(
            RuleId::SS013,
            ctx.instr(final_from).span,
            Vec::new(),
            Message::SS013(details),
            None,
        ));
        return;
    }
    for &s in &ctx.graph.final_chain {
        for k in ctx.body(s).rev() {
            let ins = ctx.instr(k);
            let words: Vec<String> = match (&ins.keyword, &ins.arguments) {
                (Keyword::Cmd | Keyword::Entrypoint, Arguments::Exec(w)) => {
                    w.iter().map(|w| w.value.clone()).collect()
                }
                (Keyword::Cmd | Keyword::Entrypoint, Arguments::Shell(w)) => split_script(&w.value)
                    .0
                    .into_iter()
                    .flat_map(|c| c.words)
                    .collect(),
                (Keyword::Env, Arguments::Pairs(p)) => {
                    if let Some(kv) = p.iter().find(|kv| kv.key.value == "WEB_CONCURRENCY") {
                        let v = crate::shell::unquote(&kv.value.value, ctx.df.escape);
                        if v.parse::<u32>().is_ok_and(|n| n > 1) {
                            let details = Details {
                                step: ctx.step(k),
                                manager: "Gunicorn".into(),
                                workers: v,
                            };
                            out.push(finding(
                                RuleId::SS013,
                                ins.span,
                                Vec::new(),
                                Message::SS013(details),
                                None,
                            ));
                            return;
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some((manager, workers)) = manager_in(&words) {
                let details = Details {
                    step: ctx.step(k),
                    manager,
                    workers,
                };
                out.push(finding(
                    RuleId::SS013,
                    ins.span,
                    Vec::new(),
                    Message::SS013(details),
                    None,
                ));
                return;
            }
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_several_workers() {
        let f = first(RuleId::SS013, "FROM python:3.13-slim\nCMD [\"gunicorn\", \"-w\", \"4\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app.main:app\"]\n");
        all_langs_mention(&f, "gunicorn");
        assert!(fires(RuleId::SS013, "FROM python:3.13-slim\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--workers\", \"4\"]\n"));
        assert!(fires(
            RuleId::SS013,
            "FROM python:3.13-slim\nCMD exec uvicorn app:app --workers=$WORKERS\n"
        ));
        assert!(fires(
            RuleId::SS013,
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY ./app /app\n"
        ));
        assert!(!fires(RuleId::SS013, "FROM python:3.13-slim\nCMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]\n"));
        assert!(!fires(
            RuleId::SS013,
            "FROM python:3.13-slim\nCMD [\"uvicorn\", \"app:app\", \"--workers\", \"1\"]\n"
        ));
    }
}
