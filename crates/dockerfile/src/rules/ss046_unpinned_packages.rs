//! SS046 (warning): in the strict profile, packages installed without a version: `apt-get install`,
//! `apk add`, `yum`/`dnf`/`microdnf`/`zypper install`, `pip install`, `npm install`,
//! `gem install` and `go install` naming a package with no version (hadolint's DL3008, DL3013,
//! DL3016, DL3018, DL3028, DL3033, DL3037, DL3041 and DL3062).
//!
//! Strict only: pinned *distribution* versions disappear from Debian's, Ubuntu's and Alpine's
//! archives when the next update lands, so a pinned `apt-get install curl=7.88.1-10+deb12u5`
//! stops building a few weeks later (hadolint PR #1253 proposes disabling DL3008 by default for
//! that reason); the guide pins the base image's release and locks language dependencies in a
//! lock file instead. A team that wants every version written (audited images, snapshot
//! archives) turns the strict profile on. A requirements or lock file (`-r`, `-c`, `npm ci`,
//! a bare `npm install`) counts as pinned, as do paths, URLs and wheels.
//!
//! No automatic fix: the version to pin is the team's choice.

use shipshape_lang::ko::{eul_reul, euro_ro};
use super::{
    finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity, StepRef,
};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS046,
    severity: Severity::Warning,
    title: "Packages installed without a version",
    guide: "reproducible",
    profile: Profile::Strict,
    fixable: false,
    refs: Refs {
        hadolint: &[
            "DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041",
            "DL3062",
        ],
        buildkit: &[],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub step: StepRef,
    /// The installer as the user would name it: `apt-get`, `pip`, `npm`...
    pub manager: String,
    pub packages: Vec<String>,
    /// How a version is written for this installer: `curl=<version>`.
    pub example: String,
}

impl Details {
    pub(crate) fn text(&self, lang: Lang) -> String {
        let (s, m, e) = (&self.step, &self.manager, &self.example);
        let list = super::list(&self.packages, lang);
        match lang {
            Lang::En => format!("`{}` on line {} installs {list} with {m} without a version, so each build takes whatever is newest that day. Pin them (`{e}`), or install from a lock file. Distribution archives drop old versions, so pins there need updating; this rule runs only in the strict profile.", s.text, s.line),
            Lang::Ko => format!("{}행의 `{}` 명령은 {m}{ro} {list}{eul} 버전 없이 설치하므로, 빌드할 때마다 그날의 최신 버전이 들어갑니다. 버전을 고정(`{e}`)하거나 잠금 파일로 설치하세요. 배포판 저장소는 예전 버전을 지우므로 그런 고정은 계속 갱신해야 합니다. 그래서 이 규칙은 strict 프로필에서만 실행됩니다.", s.line, s.text, ro = euro_ro(m), eul = eul_reul(&list)),
            Lang::Ja => format!("{}行目の `{}` は {m} で {list} をバージョンなしでインストールするため、ビルドのたびにその日の最新版が入ります。バージョンを固定する（`{e}`）か、ロックファイルからインストールしてください。ディストリビューションのアーカイブは古いバージョンを削除するので、そこでの固定は更新し続ける必要があります。そのため、このルールは strict プロファイルでだけ動きます。", s.line, s.text),
        }
    }
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        Details::text(self, lang)
    }
}

/// Options that take a value, per installer (the value is not a package).
const APT_VALUE: &[&str] = &["-o", "-t", "--target-release", "-c", "--config-file"];
const APK_VALUE: &[&str] = &["-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--keys-dir", "--repositories-file", "--cache-dir"];
const RPM_VALUE: &[&str] = &["--enablerepo", "--disablerepo", "--setopt", "--installroot", "--releasever", "-c", "--config", "--repo", "--exclude", "-x", "--nobest", "--forcearch"];
const PIP_VALUE: &[&str] = &[
    "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix",
    "--root", "--platform", "--python-version", "--implementation", "--abi", "--trusted-host",
    "--cache-dir", "--src", "--upgrade-strategy", "--progress-bar", "--log", "--proxy", "--retries",
    "--timeout", "--exists-action", "--cert", "--client-cert", "--only-binary", "--no-binary",
    "-C", "--config-settings", "--global-option", "--python", "--report", "-p",
];
const NPM_VALUE: &[&str] = &["--prefix", "--registry", "--tag", "--cache", "-w", "--workspace", "--omit", "--include"];
const GEM_VALUE: &[&str] = &["-i", "--install-dir", "-n", "--bindir", "--source", "-s", "--platform"];

/// The words after the subcommand that name packages (options and their values skipped).
fn operands<'a>(args: &'a [String], takes_value: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
            continue;
        }
        if a.starts_with('-') {
            if takes_value.contains(&a.as_str()) {
                skip = true;
            }
            continue;
        }
        out.push(a.as_str());
    }
    out
}

fn is_path_or_url(p: &str) -> bool {
    p.contains('/') || p.starts_with('.') || p.contains("://") || p.starts_with('$')
}

/// The installer, the unpinned packages and how a version is written, for one command.
fn unpinned(c: &crate::command::Command) -> Option<(String, Vec<String>, String)> {
    let words = &c.words[..];
    let program = words.first()?.rsplit('/').next()?.to_string();
    // Only installers: most commands are something else, and the pip check below allocates.
    let installer = matches!(
        program.as_str(),
        "apt-get" | "apt" | "apk" | "yum" | "dnf" | "microdnf" | "zypper" | "npm" | "gem" | "go" | "uv"
    ) || program.starts_with("pip")
        || program.starts_with("python");
    if !installer {
        return None;
    }
    let rest = &words[1..];
    let after = |sub: &[&str]| -> Option<&[String]> {
        let i = rest.iter().position(|w| !w.starts_with('-'))?;
        sub.contains(&rest[i].as_str()).then(|| &rest[i + 1..])
    };
    let (manager, packages, example): (String, Vec<String>, String) = match program.as_str() {
        "apt-get" | "apt" => {
            let args = after(&["install"])?;
            let p = operands(args, APT_VALUE)
                .into_iter()
                .filter(|p| !p.contains('=') && !is_path_or_url(p) && !p.ends_with(".deb"))
                .map(str::to_string)
                .collect();
            (program.clone(), p, "<package>=<version>".into())
        }
        "apk" => {
            let args = after(&["add"])?;
            let p = operands(args, APK_VALUE)
                .into_iter()
                .filter(|p| !p.contains(['=', '~', '<', '>']) && !is_path_or_url(p) && !p.ends_with(".apk"))
                .map(str::to_string)
                .collect();
            ("apk".into(), p, "<package>=<version>".into())
        }
        "yum" | "dnf" | "microdnf" => {
            let args = after(&["install"])?;
            let versioned = |p: &str| {
                p.ends_with(".rpm")
                    || p.char_indices().any(|(i, c)| c == '-' && p[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
            };
            let p = operands(args, RPM_VALUE)
                .into_iter()
                .filter(|p| !versioned(p) && !is_path_or_url(p) && !p.starts_with('@'))
                .map(str::to_string)
                .collect();
            (program.clone(), p, "<package>-<version>".into())
        }
        "zypper" => {
            let args = after(&["install", "in"])?;
            let p = operands(args, RPM_VALUE)
                .into_iter()
                .filter(|p| !p.contains(['=', '<', '>']) && !is_path_or_url(p) && !p.ends_with(".rpm"))
                .map(str::to_string)
                .collect();
            ("zypper".into(), p, "<package>=<version>".into())
        }
        "npm" => {
            let args = after(&["install", "i", "add"])?;
            let p = operands(args, NPM_VALUE)
                .into_iter()
                .filter(|p| {
                    let name = p.strip_prefix('@').map_or(*p, |s| s.split_once('/').map_or(s, |(_, n)| n));
                    let local = p.contains("://") || p.starts_with('.') || p.starts_with("git");
                    let path = p.contains('/') && !p.starts_with('@');
                    !name.contains('@') && !local && !path
                })
                .map(str::to_string)
                .collect();
            ("npm".into(), p, "<package>@<version>".into())
        }
        "gem" => {
            let args = after(&["install"])?;
            if args.iter().any(|a| a == "-v" || a == "--version" || a.starts_with("--version=")) {
                return None;
            }
            let p = operands(args, GEM_VALUE)
                .into_iter()
                .filter(|p| !p.contains(':') && !is_path_or_url(p) && !p.ends_with(".gem"))
                .map(str::to_string)
                .collect();
            ("gem".into(), p, "<gem>:<version>".into())
        }
        "go" => {
            let args = after(&["install"])?;
            let p = operands(args, &[])
                .into_iter()
                .filter(|p| !p.starts_with('.') && (!p.contains('@') || p.ends_with("@latest")))
                .map(str::to_string)
                .collect();
            ("go".into(), p, "<package>@<version>".into())
        }
        _ => {
            // pip in any of its spellings: pip, pip3, python -m pip, uv pip.
            let args = crate::command::pip_install(c)?;
            // Packages from a requirements or constraints file are pinned there; names given
            // on the line itself still count.
            let i = args.iter().position(|w| w == "install")?;
            let mut skip_next = false;
            let mut p = Vec::new();
            for a in &args[i + 1..] {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if a.starts_with('-') {
                    if PIP_VALUE.contains(&a.as_str()) || matches!(a.as_str(), "-r" | "--requirement" | "-c" | "--constraint" | "-e" | "--editable") {
                        skip_next = true;
                    }
                    continue;
                }
                let pinned = a.contains(['=', '<', '>', '~', '@']) || is_path_or_url(a) || a.ends_with(".whl") || a.ends_with(".tar.gz") || a.ends_with(".zip");
                if !pinned {
                    p.push(a.clone());
                }
            }
            ("pip".into(), p, "<package>==<version>".into())
        }
    };
    (!packages.is_empty()).then_some((manager, packages, example))
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for k in 0..ctx.df.instructions.len() {
        for c in ctx.commands(k) {
            if let Some((manager, packages, example)) = unpinned(c) {
                let details = Details {
                    step: ctx.step(k),
                    manager,
                    packages,
                    example,
                };
                out.push(finding(
                    RuleId::SS046,
                    ctx.instr(k).span,
                    Vec::new(),
                    Message::SS046(details),
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
    use crate::rules::{lint_source, LintOptions};

    fn strict(source: &str) -> Vec<Finding> {
        let options = LintOptions {
            profile: Profile::Strict,
            ..LintOptions::default()
        };
        lint_source(source, &options)
            .into_iter()
            .filter(|f| f.rule == RuleId::SS046)
            .collect()
    }

    fn packages(run: &str) -> Vec<String> {
        let f = strict(&format!("FROM debian:trixie-slim\nRUN {run}\n"));
        match f.first().map(|f| &f.message) {
            Some(Message::SS046(d)) => d.packages.clone(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn finds_unpinned_packages_of_each_installer() {
        assert_eq!(packages("apt-get update && apt-get install -y --no-install-recommends curl git=1:2.47.3-0+deb13u1"), ["curl"]);
        assert_eq!(packages("apk add --no-cache --virtual .build gcc musl-dev=1.2.5-r0"), ["gcc"]);
        assert_eq!(packages("dnf install -y nginx httpd-2.4.62"), ["nginx"]);
        assert_eq!(packages("zypper install -y curl"), ["curl"]);
        assert_eq!(packages("pip install --no-cache-dir fastapi uvicorn==0.51.0 'httpx>=0.28'"), ["fastapi"]);
        assert_eq!(packages("python -m pip install -U pip"), ["pip"]);
        assert_eq!(packages("uv pip install --system gunicorn"), ["gunicorn"]);
        assert_eq!(packages("npm install -g pm2 @scope/tool@1.2.0 @scope/other"), ["pm2", "@scope/other"]);
        assert_eq!(packages("gem install bundler"), ["bundler"]);
        assert_eq!(packages("go install golang.org/x/tools/gopls@latest example.com/cmd@v1.2.3"), ["golang.org/x/tools/gopls@latest"]);
        let f = first(RuleId::SS046, "FROM debian:trixie-slim\nRUN apt-get install -y curl\n");
        all_langs_mention(&f, "curl");
        all_langs_mention(&f, "<package>=<version>");
    }

    #[test]
    fn lock_files_paths_and_versions_count_as_pinned() {
        for run in [
            "pip install --no-cache-dir -r requirements.txt",
            "pip install -c constraints.txt -r requirements.txt",
            "pip install ./dist/app-1.0-py3-none-any.whl",
            "pip install -e .",
            "pip install 'git+https://github.com/org/repo@v1'",
            "npm ci",
            "npm install",
            "gem install rails -v 8.0.1",
            "gem install rails:8.0.1",
            "apt-get install -y ./vendor/tool.deb",
            "apt-get update",
            "go install ./cmd/server",
        ] {
            assert!(packages(run).is_empty(), "{run}: {:?}", packages(run));
        }
    }

    #[test]
    fn it_is_in_the_strict_profile_only() {
        let source = "FROM debian:trixie-slim\nRUN apt-get install -y curl\n";
        assert!(!lint_source(source, &LintOptions::default()).iter().any(|f| f.rule == RuleId::SS046));
        assert!(strict(source).iter().any(|f| f.rule == RuleId::SS046));
        assert_eq!(META.profile, Profile::Strict);
        assert!(RuleId::SS046.meta().profile > Profile::Default);
        assert_eq!(RuleId::named("DL3008"), vec![RuleId::SS046]);
        assert_eq!(RuleId::named("DL3062"), vec![RuleId::SS046]);
    }
}
