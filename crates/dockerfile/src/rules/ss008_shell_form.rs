//! SS008 (warning): CMD or ENTRYPOINT in shell form.
//!
//! Docker runs the shell form as `/bin/sh -c "..."`: the shell is PID 1, and
//! `docker stop` sends SIGTERM to the shell, which does not pass it on; the
//! server gets no graceful shutdown (FastAPI's lifespan shutdown does not
//! run) and is killed after the grace period. A command that starts with
//! `exec` replaces the shell and is left alone.
//!
//! Fix: write the same command in exec (JSON) form. Offered when the command
//! uses no shell features (variables, pipes, redirections, globs, `&&`), the
//! stage has no SHELL instruction, and, for CMD, no ENTRYPOINT (which would
//! receive the command as arguments).

use super::{Profile, Refs, RuleMeta, Severity, finding, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef, TextEdit};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS008,
    severity: Severity::Warning,
    title: "CMD or ENTRYPOINT in shell form",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &["DL3025"],
        buildkit: &["JSONArgsRecommended"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// `CMD` or `ENTRYPOINT`.
    pub keyword: String,
    /// The program it starts.
    pub program: String,
    /// The exec form, when the command converts as it is.
    pub exec_form: Option<String>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, kw, p) = (&self.step, &self.keyword, &self.program);
        let how = match (&self.exec_form, lang) {
            (Some(e), Lang::En) => format!("Write it in exec form: `{kw} {e}`."),
            (None, Lang::En) => format!("Write it in exec form (`{kw} [\"{p}\", ...]`), or start the command with `exec` if it needs the shell."),
            (Some(e), Lang::Ko) => format!("exec 형식으로 쓰면 됩니다: `{kw} {e}`."),
            (None, Lang::Ko) => format!("exec 형식(`{kw} [\"{p}\", ...]`)으로 쓰거나, 셸 기능이 필요하다면 명령 맨 앞에 `exec` 키워드를 붙이세요."),
            (Some(e), Lang::Ja) => format!("exec 形式（`{kw} {e}`）で書いてください。"),
            (None, Lang::Ja) => format!("exec 形式（`{kw} [\"{p}\", ...]`）で書くか、シェルの機能が必要ならコマンドの先頭に `exec` を付けてください。"),
        };
        match lang {
            Lang::En => format!("`{}` on line {} is in shell form, so Docker runs it through `/bin/sh -c`: the shell is PID 1 and `{p}` never receives the SIGTERM of `docker stop`, so it gets no graceful shutdown and is killed after the timeout. {how}", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 셸 형식이라 Docker가 `/bin/sh -c`를 거쳐 실행합니다. 그러면 셸이 PID 1이 되고 `{p}` 프로세스는 `docker stop`이 보내는 SIGTERM을 받지 못하므로, 정상 종료 과정 없이 제한 시간이 지나면 강제로 종료됩니다. {how}", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` はシェル形式なので、Docker は `/bin/sh -c` 経由で実行します。シェルが PID 1 になるため、`{p}` には `docker stop` の SIGTERM が届かず、正常終了（グレースフルシャットダウン）できないままタイムアウト後に強制終了されます。{how}", s.line, s.text),
        }
    }

    pub(crate) fn fix_title(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("Rewrite {} in exec form", self.keyword),
            Lang::Ko => format!("{} 명령을 exec 형식으로 바꾸기", self.keyword),
            Lang::Ja => format!("{} を exec 形式に書き換える", self.keyword),
        }
    }
}

/// The command as a JSON array, when it is plain words (quotes allowed).
pub(crate) fn to_exec_form(command: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(core::mem::take(&mut current));
                    in_word = false;
                }
            }
            '\'' | '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('$' | '\\' | '`') if c == '"' => return None,
                        Some(x) => current.push(x),
                        None => return None,
                    }
                }
            }
            c if c.is_alphanumeric() || "-_./:=,@%+".contains(c) => {
                in_word = true;
                current.push(c);
            }
            _ => return None,
        }
    }
    if in_word {
        words.push(current);
    }
    if words.is_empty() {
        return None;
    }
    let quoted: Vec<String> = words
        .iter()
        .map(|w| {
            let mut s = String::from("\"");
            for ch in w.chars() {
                match ch {
                    '"' => s.push_str("\\\""),
                    '\\' => s.push_str("\\\\"),
                    c => s.push(c),
                }
            }
            s.push('"');
            s
        })
        .collect();
    Some(format!("[{}]", quoted.join(", ")))
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in 0..ctx.graph.stages.len() {
        let body = ctx.body(stage);
        let chain_has = |kw: Keyword| {
            let mut s = Some(stage);
            let mut guard = 0;
            while let Some(i) = s {
                if ctx.body(i).any(|k| ctx.instr(k).keyword == kw) {
                    return true;
                }
                s = ctx.parent_stage(i);
                guard += 1;
                if guard > ctx.graph.stages.len() {
                    break;
                }
            }
            false
        };
        for k in body.clone() {
            let ins = ctx.instr(k);
            if !matches!(ins.keyword, Keyword::Cmd | Keyword::Entrypoint) {
                continue;
            }
            let Arguments::Shell(word) = &ins.arguments else {
                continue;
            };
            let command = word.value.trim();
            let first = command.split_whitespace().next().unwrap_or("");
            if first == "exec" || command.is_empty() {
                continue;
            }
            let convertible = !chain_has(Keyword::Shell)
                && (ins.keyword == Keyword::Entrypoint || !chain_has(Keyword::Entrypoint));
            let exec_form = if convertible {
                to_exec_form(command)
            } else {
                None
            };
            let fix = exec_form.as_ref().map(|e| Fix {
                title: String::new(),
                edits: vec![TextEdit {
                    range: word.span.range(),
                    replacement: e.clone(),
                }],
            });
            let details = Details {
                step: ctx.step(k),
                keyword: ins.keyword.as_str().to_string(),
                program: first.trim_matches(['"', '\'']).to_string(),
                exec_form,
            };
            let fix = fix.map(|mut f| {
                f.title = details.fix_title(Lang::En);
                f
            });
            out.push(finding(
                RuleId::SS008,
                ins.span,
                Vec::new(),
                Message::SS008(details),
                fix,
            ));
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_shell_form_and_converts_plain_commands() {
        let src = "FROM python:3.12\nCMD uvicorn app.main:app --host 0.0.0.0 --port 80\n";
        let f = first(RuleId::SS008, src);
        all_langs_mention(&f, "uvicorn");
        assert_eq!(
            fixed(RuleId::SS008, src),
            "FROM python:3.12\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"80\"]\n"
        );
    }

    #[test]
    fn no_fix_with_shell_features_entrypoint_or_shell() {
        assert!(first(
            RuleId::SS008,
            "FROM python:3.12\nCMD uvicorn app:app --port $PORT\n"
        )
        .fix
        .is_none());
        assert!(first(
            RuleId::SS008,
            "FROM python:3.12\nENTRYPOINT [\"tini\", \"--\"]\nCMD python app.py\n"
        )
        .fix
        .is_none());
        assert!(first(
            RuleId::SS008,
            "FROM python:3.12\nSHELL [\"/bin/bash\", \"-c\"]\nCMD python app.py\n"
        )
        .fix
        .is_none());
        assert!(!fires(
            RuleId::SS008,
            "FROM python:3.12\nCMD exec uvicorn app:app --port $PORT\n"
        ));
        assert!(!fires(
            RuleId::SS008,
            "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n"
        ));
    }

    #[test]
    fn exec_form_quotes_words() {
        assert_eq!(
            to_exec_form("python -c 'print(1)'").as_deref(),
            Some("[\"python\", \"-c\", \"print(1)\"]")
        );
        assert_eq!(
            to_exec_form("echo 'a b'").as_deref(),
            Some("[\"echo\", \"a b\"]")
        );
        assert_eq!(to_exec_form("a | b"), None);
    }
}
