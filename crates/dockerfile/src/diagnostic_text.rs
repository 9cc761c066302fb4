//! Parse problems worded in English, Korean or Japanese, so the lab can show
//! where ([`crate::Diagnostic::span`]) and why ([`diagnostic_text`]) in the
//! page's language. Names from the Dockerfile are between backticks, as in
//! [`crate::message_text`]. (`Display` stays BuildKit's own English wording,
//! which the CLI and the conformance tests compare against.)

use crate::rules::Lang;
use crate::syntax::{ArgumentCount, DiagnosticKind as D};

/// The problem as a sentence in `lang`. Never panics.
pub fn diagnostic_text(kind: &D, lang: Lang) -> String {
    use Lang::{En, Ja, Ko};
    match (kind, lang) {
        (D::DuplicateDirective { name }, En) => format!("The `{name}` parser directive is given more than once; only one is allowed."),
        (D::DuplicateDirective { name }, Ko) => format!("`{name}` 파서 지시어가 두 번 이상 나옵니다. 한 번만 쓸 수 있습니다."),
        (D::DuplicateDirective { name }, Ja) => format!("パーサーディレクティブ `{name}` が複数回書かれています。指定できるのは 1 回だけです。"),
        (D::InvalidEscapeToken { value }, En) => format!("The `escape` directive accepts only a backslash or a backtick, not `{value}`."),
        (D::InvalidEscapeToken { value }, Ko) => format!("`escape` 지시어에는 백슬래시나 백틱만 쓸 수 있습니다. `{value}` 값은 쓸 수 없습니다."),
        (D::InvalidEscapeToken { value }, Ja) => format!("`escape` ディレクティブに指定できるのはバックスラッシュかバッククォートだけで、`{value}` は使えません。"),
        (D::NotStringArray { instruction: i }, En) => format!("{i} in JSON form: every element of the array must be a string."),
        (D::NotStringArray { instruction: i }, Ko) => format!("{i}의 JSON 배열에는 문자열만 넣을 수 있습니다."),
        (D::NotStringArray { instruction: i }, Ja) => format!("{i} を JSON 形式で書く場合、配列の要素はすべて文字列でなければなりません。"),
        (D::NeedsTwoArguments { instruction: i }, En) => format!("{i} needs a name and a value: `{i} name=value`."),
        (D::NeedsTwoArguments { instruction: i }, Ko) => format!("{i}에는 이름과 값이 모두 필요합니다(`{i} name=value`)."),
        (D::NeedsTwoArguments { instruction: i }, Ja) => format!("{i} には名前と値の両方が必要です（`{i} name=value`）。"),
        (D::MissingEquals { word }, En) => format!("`{word}` has no `=`: after the first pair, every word must be `name=value`."),
        (D::MissingEquals { word }, Ko) => format!("`{word}` 항목에 `=` 기호가 없습니다. 첫 번째 쌍 다음부터는 모든 항목이 `name=value` 형식이어야 합니다."),
        (D::MissingEquals { word }, Ja) => format!("`{word}` に `=` がありません。最初のペアより後は、すべて `name=value` の形式で書く必要があります。"),
        (D::UnterminatedHeredoc { name }, En) => format!("This heredoc never ends: no line reads `{name}`."),
        (D::UnterminatedHeredoc { name }, Ko) => format!("히어독이 끝나지 않습니다. `{name}`만 적힌 줄이 없습니다."),
        (D::UnterminatedHeredoc { name }, Ja) => format!("ヒアドキュメントが閉じられていません。`{name}` だけを書いた行がありません。"),
        (D::InvalidHeredoc { word }, En) => format!("The heredoc marker `{word}` opens a quote that is never closed."),
        (D::InvalidHeredoc { word }, Ko) => format!("히어독 시작 표시 `{word}`의 따옴표가 닫히지 않았습니다."),
        (D::InvalidHeredoc { word }, Ja) => format!("ヒアドキュメントの開始記号 `{word}` の引用符が閉じていません。"),
        (D::NoInstructions, En) => "The file has no instructions.".into(),
        (D::NoInstructions, Ko) => "파일에 명령어가 하나도 없습니다.".into(),
        (D::NoInstructions, Ja) => "ファイルに命令が一つもありません。".into(),
        (D::UnknownInstruction { name }, En) => format!("`{name}` is not a Dockerfile instruction."),
        (D::UnknownInstruction { name }, Ko) => format!("Dockerfile에는 `{name}` 명령어가 없습니다."),
        (D::UnknownInstruction { name }, Ja) => format!("`{name}` は Dockerfile の命令ではありません。"),
        (D::UnknownFlag { instruction: i, flag }, En) => format!("{i} does not take the flag `--{flag}`."),
        (D::UnknownFlag { instruction: i, flag }, Ko) => format!("{i}에는 `--{flag}` 플래그를 쓸 수 없습니다."),
        (D::UnknownFlag { instruction: i, flag }, Ja) => format!("{i} には `--{flag}` フラグは使えません。"),
        (D::MissingFlagValue { instruction: i, flag }, En) => format!("The flag `--{flag}` of {i} needs a value: `--{flag}=...`."),
        (D::MissingFlagValue { instruction: i, flag }, Ko) => format!("{i}의 `--{flag}` 플래그에 값이 없습니다(`--{flag}=...`)."),
        (D::MissingFlagValue { instruction: i, flag }, Ja) => format!("{i} の `--{flag}` フラグに値がありません（`--{flag}=...`）。"),
        (D::WrongArgumentCount { instruction: i, expected }, _) => match (expected, lang) {
            (ArgumentCount::AtLeastOne, En) => format!("{i} needs at least one argument."),
            (ArgumentCount::AtLeastOne, Ko) => format!("{i}에는 인자가 하나 이상 필요합니다."),
            (ArgumentCount::AtLeastOne, Ja) => format!("{i} には引数が 1 つ以上必要です。"),
            (ArgumentCount::ExactlyOne, En) => format!("{i} takes exactly one argument."),
            (ArgumentCount::ExactlyOne, Ko) => format!("{i}에는 인자를 하나만 써야 합니다."),
            (ArgumentCount::ExactlyOne, Ja) => format!("{i} には引数を 1 つだけ指定する必要があります。"),
            (ArgumentCount::AtLeastTwo, En) => format!("{i} needs at least one source and a destination."),
            (ArgumentCount::AtLeastTwo, Ko) => format!("{i}에는 원본 경로 하나 이상과 대상 경로가 필요합니다."),
            (ArgumentCount::AtLeastTwo, Ja) => format!("{i} には 1 つ以上のコピー元と、コピー先が必要です。"),
        },
        (D::InvalidFrom, En) => "FROM takes an image and, optionally, a stage name: `FROM image AS name`.".into(),
        (D::InvalidFrom, Ko) => "FROM에는 이미지 하나와, 필요하면 스테이지 이름을 씁니다(`FROM image AS name`).".into(),
        (D::InvalidFrom, Ja) => "FROM にはイメージを 1 つと、必要ならステージ名を書きます（`FROM image AS name`）。".into(),
        (D::InvalidStageName { name }, En) => format!("`{name}` is not a valid stage name: it must start with a letter and contain only letters, digits, `-`, `_` and `.`."),
        (D::InvalidStageName { name }, Ko) => format!("`{name}` 이름은 쓸 수 없습니다. 스테이지 이름은 영문자로 시작하고 영문자, 숫자, `-`, `_`, `.`만 쓸 수 있습니다."),
        (D::InvalidStageName { name }, Ja) => format!("`{name}` はステージ名として使えません。ステージ名は英字で始め、英字・数字・`-`・`_`・`.` だけで書く必要があります。"),
        (D::NoStage { instruction: i }, En) => format!("{i} comes before the first FROM, where only ARG may stand."),
        (D::NoStage { instruction: i }, Ko) => format!("첫 번째 FROM 앞에는 ARG만 올 수 있는데 여기에 {i} 명령어가 있습니다."),
        (D::NoStage { instruction: i }, Ja) => format!("最初の FROM より前に置けるのは ARG だけですが、ここに {i} があります。"),
        (D::OnbuildTriggerNotAllowed { trigger }, En) => format!("`{trigger}` cannot be an ONBUILD trigger."),
        (D::OnbuildTriggerNotAllowed { trigger }, Ko) => format!("`{trigger}` 명령어는 ONBUILD 트리거로 쓸 수 없습니다."),
        (D::OnbuildTriggerNotAllowed { trigger }, Ja) => format!("`{trigger}` は ONBUILD のトリガーにできません。"),
        (D::BlankName { instruction: i }, En) => format!("{i} needs a name before `=`."),
        (D::BlankName { instruction: i }, Ko) => format!("{i}의 `=` 앞에 이름이 없습니다."),
        (D::BlankName { instruction: i }, Ja) => format!("{i} の `=` の前に名前がありません。"),
        (D::ShellNotJson, En) => "SHELL must be written in JSON form, for example `SHELL [\"/bin/sh\", \"-c\"]`.".into(),
        (D::ShellNotJson, Ko) => "SHELL은 JSON 배열 형식으로 써야 합니다(예: `SHELL [\"/bin/sh\", \"-c\"]`).".into(),
        (D::ShellNotJson, Ja) => "SHELL は JSON 配列の形式で書く必要があります（例：`SHELL [\"/bin/sh\", \"-c\"]`）。".into(),
        (D::UnknownHealthcheckType { kind }, En) => format!("HEALTHCHECK is followed by `CMD` or `NONE`, not `{kind}`."),
        (D::UnknownHealthcheckType { kind }, Ko) => format!("HEALTHCHECK 다음에는 `CMD`나 `NONE`이 와야 합니다. `{kind}` 값은 쓸 수 없습니다."),
        (D::UnknownHealthcheckType { kind }, Ja) => format!("HEALTHCHECK の後には `CMD` か `NONE` を書きます。`{kind}` は使えません。"),
        (D::HealthcheckCommand { none: true }, En) => "HEALTHCHECK NONE takes no arguments.".into(),
        (D::HealthcheckCommand { none: true }, Ko) => "HEALTHCHECK NONE 뒤에는 인자를 쓸 수 없습니다.".into(),
        (D::HealthcheckCommand { none: true }, Ja) => "HEALTHCHECK NONE には引数を書けません。".into(),
        (D::HealthcheckCommand { none: false }, En) => "HEALTHCHECK CMD needs a command after it.".into(),
        (D::HealthcheckCommand { none: false }, Ko) => "HEALTHCHECK CMD 뒤에 실행할 명령이 없습니다.".into(),
        (D::HealthcheckCommand { none: false }, Ja) => "HEALTHCHECK CMD の後に実行するコマンドがありません。".into(),
        (D::EmptyContinuationLine, En) => "An empty line inside a continued instruction: BuildKit warns about it and will make it an error, so remove the line.".into(),
        (D::EmptyContinuationLine, Ko) => "여러 줄로 이어지는 명령어 중간에 빈 줄이 있습니다. BuildKit은 지금은 경고만 하지만 앞으로 오류로 처리할 예정이므로 이 줄을 지우세요.".into(),
        (D::EmptyContinuationLine, Ja) => "行継続された命令の途中に空行があります。BuildKit は現在は警告を出すだけですが、将来はエラーになる予定なので、この行を削除してください。".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Keyword;

    fn every_kind() -> Vec<D> {
        let s = |v: &str| v.to_string();
        let count = |expected| D::WrongArgumentCount {
            instruction: Keyword::Copy,
            expected,
        };
        vec![
            D::DuplicateDirective { name: s("syntax") },
            D::InvalidEscapeToken { value: s("x") },
            D::NotStringArray {
                instruction: Keyword::Cmd,
            },
            D::NeedsTwoArguments {
                instruction: Keyword::Env,
            },
            D::MissingEquals { word: s("c") },
            D::UnterminatedHeredoc { name: s("EOF") },
            D::InvalidHeredoc { word: s("<<'EOF") },
            D::NoInstructions,
            D::UnknownInstruction { name: s("FOO") },
            D::UnknownFlag {
                instruction: Keyword::Copy,
                flag: s("user"),
            },
            D::MissingFlagValue {
                instruction: Keyword::Copy,
                flag: s("from"),
            },
            count(ArgumentCount::AtLeastOne),
            count(ArgumentCount::ExactlyOne),
            count(ArgumentCount::AtLeastTwo),
            D::InvalidFrom,
            D::InvalidStageName { name: s("1st") },
            D::NoStage {
                instruction: Keyword::Run,
            },
            D::OnbuildTriggerNotAllowed { trigger: s("FROM") },
            D::BlankName {
                instruction: Keyword::Arg,
            },
            D::ShellNotJson,
            D::UnknownHealthcheckType { kind: s("TEST") },
            D::HealthcheckCommand { none: true },
            D::HealthcheckCommand { none: false },
            D::EmptyContinuationLine,
        ]
    }

    #[test]
    fn every_problem_reads_in_every_language() {
        for kind in every_kind() {
            for lang in [Lang::En, Lang::Ko, Lang::Ja] {
                let text = diagnostic_text(&kind, lang);
                assert_eq!(text.matches('`').count() % 2, 0, "{text}");
                assert!(text.ends_with('.') || text.ends_with('。'), "{text}");
                if lang == Lang::En {
                    continue;
                }
                // Outside code spans only instruction names (all capitals)
                // and product names are in Latin letters.
                let prose: String = text.split('`').step_by(2).collect();
                for w in prose.split(|c: char| !c.is_ascii_alphabetic()) {
                    assert!(
                        w.is_empty()
                            || w.bytes().all(|b| b.is_ascii_uppercase())
                            || matches!(w, "Dockerfile" | "BuildKit"),
                        "English word {w:?} in {lang:?}: {text}"
                    );
                }
                let native = |c: char| match lang {
                    Lang::Ko => ('\u{ac00}'..='\u{d7a3}').contains(&c),
                    _ => ('\u{3040}'..='\u{30ff}').contains(&c),
                };
                assert!(text.chars().any(native), "{text}");
            }
        }
    }

    #[test]
    fn the_sample_covers_every_variant() {
        // Exhaustive on purpose: a new variant fails to compile here.
        let id = |k: &D| match k {
            D::DuplicateDirective { .. } => 0,
            D::InvalidEscapeToken { .. } => 1,
            D::NotStringArray { .. } => 2,
            D::NeedsTwoArguments { .. } => 3,
            D::MissingEquals { .. } => 4,
            D::UnterminatedHeredoc { .. } => 5,
            D::InvalidHeredoc { .. } => 6,
            D::NoInstructions => 7,
            D::UnknownInstruction { .. } => 8,
            D::UnknownFlag { .. } => 9,
            D::MissingFlagValue { .. } => 10,
            D::WrongArgumentCount { .. } => 11,
            D::InvalidFrom => 12,
            D::InvalidStageName { .. } => 13,
            D::NoStage { .. } => 14,
            D::OnbuildTriggerNotAllowed { .. } => 15,
            D::BlankName { .. } => 16,
            D::ShellNotJson => 17,
            D::UnknownHealthcheckType { .. } => 18,
            D::HealthcheckCommand { .. } => 19,
            D::EmptyContinuationLine => 20,
        };
        let mut ids: Vec<i32> = every_kind().iter().map(id).collect();
        ids.dedup();
        assert_eq!(ids, (0..21).collect::<Vec<_>>());
    }

    #[test]
    fn names_are_carried_over() {
        let k = D::UnknownFlag {
            instruction: Keyword::Copy,
            flag: s_("chmodx"),
        };
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            let t = diagnostic_text(&k, lang);
            assert!(t.contains("`--chmodx`") && t.contains("COPY"), "{t}");
        }
    }

    fn s_(v: &str) -> String {
        v.to_string()
    }
}
