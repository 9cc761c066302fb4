//! SS012 (info): a Python image without `PYTHONFAULTHANDLER`.
//!
//! When Python dies inside C code (a segfault in a native library or a
//! database driver), it prints nothing by default: the container just exits.
//! `ENV PYTHONFAULTHANDLER=1` makes it print the Python traceback of every
//! thread first. Info: the guide adds it in "make it debuggable", after the
//! first working Dockerfile.
//!
//! Fix: insert `ENV PYTHONFAULTHANDLER=1` after the final stage's FROM. It
//! changes no file and no command; Python only prints more when it crashes.

use super::{Profile, Refs, RuleMeta, Severity, finding, insert, Ctx, Finding, Fix, Lang, Message, RuleId, StepRef};
use crate::syntax::Arguments;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS012,
    severity: Severity::Info,
    title: "Python image without PYTHONFAULTHANDLER",
    guide: "debuggable",
    profile: Profile::Default,
    fixable: true,
    refs: Refs {
        hadolint: &[],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub from: StepRef,
    pub image: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (f, i) = (&self.from, &self.image);
        match lang {
            Lang::En => format!("The final image (line {}, `{i}`) runs Python without `PYTHONFAULTHANDLER`: if the app dies in C code (a native library, a database driver), the container exits without a traceback. Add `ENV PYTHONFAULTHANDLER=1` after line {}.", f.line, f.line),
            Lang::Ko => format!("최종 이미지({}행, `{i}`)는 `PYTHONFAULTHANDLER` 없이 Python을 실행합니다. 앱이 C 코드(네이티브 라이브러리, 데이터베이스 드라이버) 안에서 죽으면 트레이스백 없이 컨테이너가 종료됩니다. {}행 뒤에 `ENV PYTHONFAULTHANDLER=1`을 추가하세요.", f.line, f.line),
            Lang::Ja => format!("最終イメージ（{}行目、`{i}`）は `PYTHONFAULTHANDLER` を設定せずに Python を実行しています。アプリが C のコード（ネイティブライブラリやデータベースドライバー）の中でクラッシュすると、トレースバックを出さずにコンテナが終了します。{}行目の後に `ENV PYTHONFAULTHANDLER=1` を追加してください。", f.line, f.line),
        }
    }
}

pub(crate) fn fix_title(lang: Lang) -> String {
    match lang {
        Lang::En => "Add ENV PYTHONFAULTHANDLER=1".into(),
        Lang::Ko => "ENV PYTHONFAULTHANDLER=1 추가하기".into(),
        Lang::Ja => "ENV PYTHONFAULTHANDLER=1 を追加する".into(),
    }
}

/// A Python image: `python:*`, `pypy:*`, `*/python:*` and similar.
pub(crate) fn is_python_image(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    let repo = lower.split(['@', ':']).next().unwrap_or(&lower);
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let name = name.split(['@', ':']).next().unwrap_or(name);
    name == "python" || name == "pypy" || repo.contains("uvicorn-gunicorn")
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (_, image) = ctx.root_image(ctx.final_stage);
    if !is_python_image(&image) || ctx.final_env("PYTHONFAULTHANDLER").is_some() {
        return;
    }
    let mentions = ctx.graph.final_chain.iter().any(|&s| {
        ctx.body(s).any(|k| {
            let ins = ctx.instr(k);
            ins.logical_line.contains("faulthandler")
                || matches!(&ins.arguments, Arguments::Pairs(_))
                    && ins.logical_line.contains("PYTHONDEVMODE")
        })
    });
    if mentions {
        return;
    }
    let from = ctx.graph.stages[ctx.final_stage].from;
    let at = ctx.line_range(from).end;
    let text = if at == ctx.src.len() && !ctx.src.ends_with('\n') {
        "\nENV PYTHONFAULTHANDLER=1".to_string()
    } else {
        "ENV PYTHONFAULTHANDLER=1\n".to_string()
    };
    let fix = Fix {
        title: fix_title(Lang::En),
        edits: vec![insert(at, text)],
    };
    let details = Details {
        from: ctx.step(from),
        image,
    };
    out.push(finding(
        RuleId::SS012,
        ctx.instr(from).span,
        Vec::new(),
        Message::SS012(details),
        Some(fix),
    ));
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(fix_title(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_python_images_and_inserts_the_env() {
        let src = "FROM python:3.13-slim\nCMD [\"python\", \"app.py\"]\n";
        all_langs_mention(&first(RuleId::SS012, src), "PYTHONFAULTHANDLER");
        assert_eq!(
            fixed(RuleId::SS012, src),
            "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\nCMD [\"python\", \"app.py\"]\n"
        );
        assert!(!fires(
            RuleId::SS012,
            "FROM python:3.13-slim\nENV PYTHONFAULTHANDLER=1\n"
        ));
        assert!(!fires(
            RuleId::SS012,
            "FROM python:3.13 AS b\nENV PYTHONFAULTHANDLER=1\nFROM b\n"
        ));
        assert!(!fires(
            RuleId::SS012,
            "FROM python:3.13 AS b\nFROM node:22\n"
        ));
        assert!(!fires(
            RuleId::SS012,
            "FROM python:3.13\nCMD [\"python\", \"-X\", \"faulthandler\", \"app.py\"]\n"
        ));
    }
}
