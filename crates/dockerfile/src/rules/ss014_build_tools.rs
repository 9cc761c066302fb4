//! SS014 (warning): build tools left in the final stage: compilers and
//! `-dev` packages installed and not removed in the same RUN, Poetry, or a
//! whole SDK image (golang, rust, maven, dotnet/sdk) that compiles the app.
//!
//! The final image then carries hundreds of MB it never uses at run time,
//! and more software for security updates to cover. A multi-stage build
//! compiles in a first stage and copies only the result (wheels, a binary,
//! `requirements.txt`) into a slim final stage.
//!
//! No automatic fix: splitting stages means deciding what to copy across.

use super::{Profile, Refs, RuleMeta, Severity, finding, list, Ctx, Finding, Lang, Message, RuleId, StepRef};
use crate::command::installed_packages;
use crate::syntax::Keyword;

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS014,
    severity: Severity::Warning,
    title: "Build tools left in the final stage",
    guide: "multi-stage",
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
    pub tools: Vec<String>,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, t) = (&self.step, list(&self.tools, lang));
        match lang {
            Lang::En => format!("`{}` on line {} leaves tools that only the build needs in the final image: {t}. Build in a first stage and copy just the result (wheels, a binary, an exported requirements.txt) into a slim final stage.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 때문에 빌드할 때만 필요한 도구({t})가 최종 이미지에 남습니다. 첫 번째 스테이지에서 빌드하고, 결과물(휠, 바이너리, 내보낸 requirements.txt)만 가벼운 최종 스테이지로 복사하세요.", s.line, s.text),
            Lang::Ja => format!("{}行目の `{}` により、ビルド時にしか必要のない {t} が最終イメージに残ります。最初のステージでビルドし、成果物（wheel、バイナリ、エクスポートした requirements.txt）だけを軽量な最終ステージにコピーしてください。", s.line, s.text),
        }
    }
}

fn is_build_package(p: &str) -> bool {
    let name = p.split(['=', '>', '<']).next().unwrap_or(p);
    matches!(
        name,
        "gcc"
            | "g++"
            | "clang"
            | "make"
            | "cmake"
            | "build-essential"
            | "build-base"
            | "gfortran"
            | "cargo"
            | "rust"
            | "golang"
            | "autoconf"
            | "automake"
            | "libtool"
            | "pkg-config"
            | "pkgconf"
    ) || name.ends_with("-dev")
        || name.ends_with("-devel")
}

const SDK_IMAGES: &[&str] = &["golang", "rust", "maven", "gradle", "dotnet/sdk", "openjdk"];

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // A whole SDK as the final base, compiling the app.
    let (root, image) = ctx.root_image(ctx.final_stage);
    let repo = image
        .split([':', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if SDK_IMAGES
        .iter()
        .any(|s| repo == *s || repo.ends_with(&format!("/{s}")))
    {
        let compiles = ctx.graph.final_chain.iter().any(|&s| {
            ctx.body(s).any(|k| {
                ctx.commands(k).iter().any(|c| {
                    let sub = c.words.get(1).map(String::as_str).unwrap_or("");
                    matches!(
                        (c.program(), sub),
                        ("go", "build")
                            | ("cargo", "build")
                            | ("mvn", _)
                            | ("gradle", _)
                            | ("dotnet", "publish" | "build")
                    )
                })
            })
        });
        if compiles {
            let from = ctx.graph.stages[root].from;
            let details = Details {
                step: ctx.step(from),
                tools: vec![image.clone()],
            };
            out.push(finding(
                RuleId::SS014,
                ctx.instr(from).span,
                Vec::new(),
                Message::SS014(details),
                None,
            ));
            return;
        }
    }
    for &s in &ctx.graph.final_chain {
        for k in ctx.body(s) {
            let ins = ctx.instr(k);
            if ins.keyword != Keyword::Run {
                continue;
            }
            let cmds = ctx.commands(k);
            let removes = cmds.iter().any(|c| {
                let sub = c.words.get(1).map(String::as_str).unwrap_or("");
                matches!(
                    (c.program(), sub),
                    ("apk", "del")
                        | ("apt-get" | "apt", "purge" | "remove" | "autoremove")
                        | ("yum" | "dnf", "remove")
                ) || (crate::command::is_pip(c.program()) && sub == "uninstall")
            });
            if removes {
                continue;
            }
            let mut tools: Vec<String> = Vec::new();
            for c in cmds {
                for p in installed_packages(c) {
                    if is_build_package(&p) && !tools.contains(&p) {
                        tools.push(p);
                    }
                }
                let poetry = (crate::command::is_pip(c.program()) || c.program() == "pipx")
                    && c.has("install")
                    && c.words.iter().any(|w| {
                        w == "poetry" || w.starts_with("poetry=") || w.starts_with("poetry>")
                    });
                if poetry
                    || c.words
                        .iter()
                        .any(|w| w.contains("install.python-poetry.org"))
                {
                    tools.push("Poetry".into());
                }
            }
            if tools.is_empty() {
                continue;
            }
            tools.truncate(5);
            let details = Details {
                step: ctx.step(k),
                tools,
            };
            out.push(finding(
                RuleId::SS014,
                ins.span,
                Vec::new(),
                Message::SS014(details),
                None,
            ));
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
    fn fires_on_compilers_poetry_and_sdk_images() {
        let f = first(RuleId::SS014, "FROM python:3.13-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n");
        all_langs_mention(&f, "`libpq-dev`");
        assert!(fires(
            RuleId::SS014,
            "FROM python:3.13-slim\nRUN pip install --no-cache-dir poetry && poetry install\n"
        ));
        assert!(fires(
            RuleId::SS014,
            "FROM golang:1.23\nCOPY . .\nRUN go build -o /app\n"
        ));
    }

    #[test]
    fn quiet_when_removed_or_in_a_builder_stage() {
        assert!(!fires(
            RuleId::SS014,
            "FROM alpine:3.20\nRUN apk add --virtual .b gcc musl-dev && make && apk del .b\n"
        ));
        assert!(!fires(RuleId::SS014, "FROM python:3.13 AS req\nRUN pip install poetry\nFROM python:3.13-slim\nCOPY --from=req /r.txt .\n"));
        assert!(!fires(RuleId::SS014, "FROM golang:1.23 AS b\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=b /app /app\n"));
    }
}
