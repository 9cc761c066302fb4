//! SS034 (warning): `FROM --platform=linux/amd64`, a platform written as a constant.
//!
//! The stage is then built for that platform whatever the build targets: an arm64 build gets an
//! amd64 stage, which runs under emulation or not at all. That costs correctness, hence
//! `warning`. BuildKit's `FromPlatformFlagConstDisallowed`: a `--platform` value with no
//! variable that parses as a platform, unless the stage's name contains the platform's OS or
//! architecture (`AS build-amd64` says the pin is meant). hadolint's DL3029 is close: it reports
//! every `--platform` that mentions neither `BUILDPLATFORM` nor `TARGETPLATFORM`, variables
//! included, and knows no exemption by stage name.
//!
//! No fix: `$BUILDPLATFORM` (a stage that cross-compiles) and no flag at all (a stage of the
//! target) mean different things, and only the author knows which is meant.

use shipshape_lang::ko::{eun_neun, euro_ro};
use super::{finding, Ctx, Finding, Lang, Message, Profile, Refs, RuleId, RuleMeta, Severity};

/// What the registry knows of this rule.
pub(crate) const META: RuleMeta = RuleMeta {
    id: RuleId::SS034,
    severity: Severity::Warning,
    title: "FROM --platform with a constant value",
    guide: "multi-stage",
    profile: Profile::Default,
    fixable: false,
    refs: Refs {
        hadolint: &["DL3029"],
        buildkit: &["FromPlatformFlagConstDisallowed"],
    },
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub line: u32,
    /// The platform as written: `linux/amd64`.
    pub platform: String,
}

impl super::RuleMessage for Details {
    fn text(&self, lang: Lang) -> String {
        let (line, p) = (self.line, &self.platform);
        match lang {
            Lang::En => format!("`FROM --platform={p}` on line {line} pins the stage to `{p}` whatever platform the build is for: building for another one gets a `{p}` stage, emulated or unusable. Use `--platform=$BUILDPLATFORM` for a stage that only builds (cross-compiling), or drop the flag. If the pin is meant, name the stage after the platform."),
            Lang::Ko => format!("{line}행의 `FROM --platform={p}`{eun} 빌드 대상 플랫폼과 상관없이 스테이지를 `{p}`{ro} 고정합니다. 다른 플랫폼용으로 빌드해도 `{p}` 스테이지가 만들어져 에뮬레이션으로 돌거나 아예 쓸 수 없습니다. 빌드만 하는(크로스 컴파일하는) 스테이지라면 `--platform=$BUILDPLATFORM`을 쓰고, 아니라면 플래그를 지우세요. 일부러 고정한 것이라면 스테이지 이름에 플랫폼을 넣으세요.", eun = eun_neun(p), ro = euro_ro(p)),
            Lang::Ja => format!("{line}行目の `FROM --platform={p}` は、ビルド対象のプラットフォームにかかわらずステージを `{p}` に固定します。別のプラットフォーム向けにビルドしても `{p}` のステージになり、エミュレーションで動くか、まったく使えません。ビルドだけをする（クロスコンパイルする）ステージなら `--platform=$BUILDPLATFORM` を使い、そうでなければフラグを削除してください。意図して固定しているなら、ステージ名にプラットフォームを入れてください。"),
        }
    }
}

/// `platforms.Parse`'s result, enough for the check: the OS and the normalised architecture.
/// `None` when the value is not a platform (BuildKit then fails elsewhere and stays quiet).
pub(crate) fn parse_platform(value: &str) -> Option<(String, String)> {
    const OSES: [&str; 14] = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux",
        "netbsd", "openbsd", "plan9", "solaris", "windows",
    ];
    let arch = |a: &str| -> Option<String> {
        let a = a.to_lowercase();
        let known = [
            "386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle",
            "ppc64", "ppc64le", "riscv64", "s390x", "wasm",
        ];
        let normal = match a.as_str() {
            "i386" => "386",
            "x86_64" | "x86-64" => "amd64",
            "aarch64" => "arm64",
            "armhf" | "armel" => "arm",
            other => other,
        };
        known.contains(&normal).then(|| normal.to_string())
    };
    let parts: Vec<&str> = value.split('/').collect();
    let valid = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    let os = parts[0].to_lowercase();
    match parts.len() {
        1 if OSES.contains(&os.as_str()) => Some((os, "amd64".to_string())),
        1 => arch(parts[0]).map(|a| ("linux".to_string(), a)),
        _ if OSES.contains(&os.as_str()) => arch(parts[1]).map(|a| (os, a)),
        _ => None,
    }
}

pub(crate) fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for stage in &ctx.graph.stages {
        let ins = ctx.instr(stage.from);
        let Some(flag) = ins.flag("platform") else {
            continue;
        };
        let Some(value) = flag.value.as_deref() else {
            continue;
        };
        if value.contains('$') {
            continue;
        }
        let platform = crate::shell::unquote(value, ctx.df.escape);
        let Some((os, arch)) = parse_platform(&platform) else {
            continue;
        };
        let name = stage.name.as_deref().unwrap_or("");
        if !name.is_empty() && (name.contains(&os) || name.contains(&arch)) {
            continue;
        }
        out.push(finding(
            RuleId::SS034,
            flag.span,
            Vec::new(),
            Message::SS034(Details {
                line: ins.span.start_pos.line,
                platform,
            }),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn fires_on_a_constant_platform() {
        let f = first(RuleId::SS034, "FROM --platform=linux/amd64 alpine:3.20\n");
        all_langs_mention(&f, "`linux/amd64`");
        assert!(fires(RuleId::SS034, "FROM --platform=linux/arm64/v8 alpine AS base\n"));
        assert!(fires(RuleId::SS034, "FROM --platform=amd64 alpine\n"));
    }

    #[test]
    fn quiet_with_variables_a_platform_named_stage_or_no_platform() {
        assert!(!fires(RuleId::SS034, "FROM --platform=$BUILDPLATFORM golang:1.23\n"));
        assert!(!fires(RuleId::SS034, "ARG P=linux/amd64\nFROM --platform=$P alpine\n"));
        // BuildKit's exemption: the stage's name carries the OS or the architecture.
        assert!(!fires(RuleId::SS034, "FROM --platform=linux/amd64 alpine AS build-amd64\n"));
        assert!(!fires(RuleId::SS034, "FROM --platform=linux/arm64 alpine AS linux-base\n"));
        assert!(!fires(RuleId::SS034, "FROM --platform=linux/x86_64 alpine AS amd64-tools\n"));
        // Not a platform: the build fails elsewhere.
        assert!(!fires(RuleId::SS034, "FROM --platform=nonsense/thing alpine\n"));
    }
}
