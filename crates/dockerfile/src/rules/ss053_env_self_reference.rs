//! SS053 (warning): an ENV that uses a variable it defines itself, `ENV A=1 B=$A` (hadolint
//! DL3044).
//!
//! Docker expands every value of an ENV instruction with the environment as it was *before*
//! the instruction (the Dockerfile reference's `ENV abc=bye def=$abc` example): `B` gets the
//! old `A`, or an empty string when there was none, not the `1` written beside it. Split the
//! instruction in two.
//!
//! No automatic fix (splitting would be safe, but which one the author meant is not).

use shipshape_lang::ko::{eul_reul, eun_neun};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS053,
    severity: Severity::Warning,
    title: "ENV uses a variable it defines itself",
    guide: "build-an-image",
    profile: Profile::Default,
    fixable: false,
    refs: Refs { hadolint: &["DL3044"], buildkit: &[] },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The variable defined and used in the same ENV.
    pub name: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, n) = (&self.step, &self.name);
        match lang {
            Lang::En => format!("`{}` on line {} defines `{n}` and uses `${n}` in the same ENV. Docker expands the values with the environment from before the instruction, so `${n}` there is its old value (or empty), not the one written beside it. Put the two in separate ENV instructions.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 같은 ENV 안에서 `{n}`{eul} 정의하면서 `${n}`{eul} 씁니다. Docker는 이 명령 이전의 환경으로 값을 확장하므로, 거기서 `${n}`{eun} 바로 옆에 적은 값이 아니라 이전 값(없으면 빈 문자열)이 됩니다. 두 변수를 별도의 ENV 명령으로 나누세요.", s.line, s.text, eul = eul_reul(n), eun = eun_neun(n)),
            Lang::Ja => format!("{}行目の `{}` は、同じ ENV の中で `{n}` を定義しながら `${n}` を使っています。Docker はこの命令より前の環境で値を展開するため、そこでの `${n}` はすぐ横に書いた値ではなく、以前の値（なければ空文字列）になります。二つの ENV 命令に分けてください。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

/// Whether `value` (as written) refers to `$name` or `${name...}`.
fn refers_to(value: &str, name: &str) -> bool {
    let mut rest = value;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        let ident = after.strip_prefix('{').unwrap_or(after);
        if let Some(tail) = ident.strip_prefix(name) {
            let next = tail.chars().next();
            if !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                return true;
            }
        }
        rest = after;
    }
    false
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in 0..ctx.df.instructions.len() {
        let ins = ctx.instr(k);
        let (Keyword::Env, Arguments::Pairs(pairs)) = (&ins.keyword, &ins.arguments) else {
            continue;
        };
        let found = pairs.iter().enumerate().skip(1).find_map(|(i, kv)| {
            pairs[..i]
                .iter()
                .find(|earlier| refers_to(&kv.value.value, &earlier.key.value))
                .map(|earlier| earlier.key.value.clone())
        });
        if let Some(name) = found {
            out.push(finding(RuleId::SS053, ins.span, Vec::new(), Message::SS053(Details { step: ctx.step(k), name }), None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_when_a_later_value_uses_an_earlier_key() {
        let f = first(RuleId::SS053, "FROM python:3.14-slim\nENV APP_HOME=/code PYTHONPATH=$APP_HOME/src\n");
        all_langs_mention(&f, "APP_HOME");
        assert!(fires(RuleId::SS053, "FROM python:3.14-slim\nENV A=1 B=\"${A}-x\"\n"));
        assert!(!fires(RuleId::SS053, "FROM python:3.14-slim\nENV A=1\nENV B=$A\n"));
        assert!(!fires(RuleId::SS053, "FROM python:3.14-slim\nENV A=1 B=$AB\n"));
        assert!(!fires(RuleId::SS053, "FROM python:3.14-slim\nENV PATH=/venv/bin:$PATH VIRTUAL_ENV=/venv\n"));
        assert!(fires(RuleId::SS053, "FROM python:3.14-slim\nENV VIRTUAL_ENV=/venv PATH=$VIRTUAL_ENV/bin:$PATH\n"));
    }
}
