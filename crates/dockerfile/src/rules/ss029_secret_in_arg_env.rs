//! SS029 (warning): an ARG or ENV whose name says it holds a secret (`ARG NPM_TOKEN`,
//! `ENV DB_PASSWORD=...`).
//!
//! ENV values are written into the image's configuration, and ARG values into its build
//! history and provenance, where anyone who can pull the image reads them: a secret passed that
//! way leaks, hence `warning`. BuildKit's `SecretsUsedInArgOrEnv`, with its word lists: a name
//! one of whose `_`-separated words is `apikey`, `auth`, `credential`, `credentials`, `key`,
//! `password`, `pword`, `passwd`, `secret` or `token` (any case), unless one of its words is
//! `public`, `file` or `version`. As in BuildKit, the global ARGs before the first FROM are not
//! checked (they reach only FROM lines, not the image), and each name is one finding.
//!
//! No fix: the secret has to move to a build secret (`RUN --mount=type=secret`) or to the
//! container's runtime environment, which only the author can arrange.

use shipshape_lang::ko::{eun_neun};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};
use crate::syntax::{Arguments, Keyword};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS029,
    severity: Severity::Warning,
    title: "A secret in ARG or ENV",
    guide: "security",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3064"],
        buildkit: &["SecretsUsedInArgOrEnv"],
    },
};

/// BuildKit's words for a secret-looking name.
const SECRET_WORDS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// BuildKit's words that make such a name harmless.
const ALLOWED_WORDS: [&str; 3] = ["public", "file", "version"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// `ARG` or `ENV`.
    pub keyword: String,
    pub name: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, kw, n) = (self.line, &self.keyword, &self.name);
        let (en, ko, ja) = if kw == "ENV" {
            (
                "an ENV value is stored in the image's configuration, where anyone who can pull the image reads it (`docker inspect`)",
                "ENV 값은 이미지 설정에 저장되므로 이미지를 받을 수 있는 사람은 누구나 읽을 수 있습니다(`docker inspect`)",
                "ENV の値はイメージの設定に保存されるので、イメージをプルできる人なら誰でも読めます（`docker inspect`）",
            )
        } else {
            (
                "an ARG value is recorded in the image's build history and provenance, where anyone who can pull the image reads it",
                "ARG 값은 이미지의 빌드 이력과 출처 정보(provenance)에 기록되므로 이미지를 받을 수 있는 사람은 누구나 읽을 수 있습니다",
                "ARG の値はイメージのビルド履歴と来歴情報（provenance）に記録されるので、イメージをプルできる人なら誰でも読めます",
            )
        };
        match lang {
            Lang::En => format!("`{kw} {n}` on line {line} looks like it carries a secret: {en}. Pass it as a build secret instead (`RUN --mount=type=secret,id={lower} ...`), or give it to the container when it runs.", lower = n.to_lowercase()),
            Lang::Ko => format!("{line}행의 `{kw} {n}`{eun} 비밀 값을 담는 것으로 보입니다. {ko}. 대신 빌드 시크릿(`RUN --mount=type=secret,id={lower} ...`)으로 넘기거나, 컨테이너를 실행할 때 전달하세요.", lower = n.to_lowercase(), eun = eun_neun(n)),
            Lang::Ja => format!("{line}行目の `{kw} {n}` は秘密の値を渡しているように見えます。{ja}。代わりにビルドシークレット（`RUN --mount=type=secret,id={lower} ...`）として渡すか、コンテナの実行時に渡してください。", lower = n.to_lowercase()),
        }
    }
}

/// BuildKit's test: a secret word among the name's `_`-separated words, and no allowed one.
pub(crate) fn looks_secret(name: &str) -> bool {
    let has = |list: &[&str]| {
        name.split('_')
            .any(|w| list.iter().any(|s| s.eq_ignore_ascii_case(w)))
    };
    has(&SECRET_WORDS) && !has(&ALLOWED_WORDS)
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in &ctx.graph.stages {
        for k in stage.body.clone() {
            let ins = ctx.instr(k);
            let names: Vec<(String, crate::span::Span)> = match (&ins.keyword, &ins.arguments) {
                (Keyword::Env, Arguments::Pairs(pairs)) => pairs
                    .iter()
                    .map(|kv| (kv.key.value.clone(), kv.key.span))
                    .collect(),
                (Keyword::Arg, Arguments::Words(words)) => words
                    .iter()
                    .map(|w| {
                        let name = w.value.split('=').next().unwrap_or("").to_string();
                        (name, w.span)
                    })
                    .collect(),
                _ => continue,
            };
            for (name, span) in names {
                if name.is_empty() || !looks_secret(&name) {
                    continue;
                }
                let details = Details {
                    line: ins.span.start_pos.line,
                    keyword: ins.keyword.as_str().to_string(),
                    name,
                };
                out.push(finding(
                    RuleId::SS029,
                    span,
                    Vec::new(),
                    Message::SS029(details),
                    None,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn names(src: &str) -> Vec<String> {
        crate::rules::lint_source(src, &Default::default())
            .into_iter()
            .filter_map(|f| match f.message {
                Message::SS029(d) => Some(d.name),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn buildkits_own_case() {
        let src = "FROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\nENV apikey=bar sunflower=foo\nENV git_key=\nENV PUBLIC_KEY=\nARG public_token\nARG SECRET_PASSPHRASE_FILE\nENV password_file=bar secret_File=baz\nARG AUTH_MODULE_VERSION\n";
        assert_eq!(
            names(src),
            [
                "SECRET_PASSPHRASE",
                "SUPER_Secret",
                "password",
                "secret",
                "super_duper_secret_token",
                "auth",
                "apikey",
                "git_key"
            ]
        );
        let f = first(RuleId::SS029, "FROM python:3.13-slim\nENV DB_PASSWORD=hunter2\n");
        all_langs_mention(&f, "`ENV DB_PASSWORD`");
    }

    #[test]
    fn words_not_substrings_and_no_global_args() {
        assert!(names("FROM scratch\nENV KEYBOARD=us MONKEY=1 TOKENIZER=x\n").is_empty());
        assert!(names("FROM scratch\nENV API-KEY=1\n").is_empty());
        // Global ARGs reach only FROM lines; BuildKit does not check them.
        assert!(names("ARG NPM_TOKEN\nFROM node:22\n").is_empty());
        assert_eq!(names("ARG NPM_TOKEN\nFROM node:22\nARG NPM_TOKEN\n"), ["NPM_TOKEN"]);
    }
}
