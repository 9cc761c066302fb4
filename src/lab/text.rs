//! The lab's words in English, Korean and Japanese. `{0}` and `{1}` are filled by [`fill1`] and
//! [`fill2`].

use shipshape_dockerfile::StepPlan;

use crate::i18n::Lang;

crate::i18n::labels!(
    /// The lab's own words, in one language.
    LabText {
    editor,
    editor_hint,
    preset,
    choose_preset,
    findings,
    no_findings,
    parse_error,
    fix,
    preview,
    error,
    warning,
    info,
    guide_link,
    context,
    context_files,
    prefill,
    context_hint,
    changed,
    changed_args,
    no_args,
    layers,
    target,
    last_stage,
    stage,
    cached,
    rebuilt,
    not_built,
    heavy,
    no_stages,
    share,
    share_label,
    link_copied,
    link_ready,
    too_long_to_share,
    download,
    copy_fixed,
    fixed_copied,
    copy_failed,
    reset,
    reset_done,
    open_in_lab,
    link_opened,
    link_failed,
    saved_damaged,
    err_too_long,
    err_version,
    err_too_large,
    err_empty,
    err_damaged,
    last_build_same,
    last_build_edited,
    mark_built,
    marked_built,
}
);

const EN: LabText = LabText {
    editor: "Dockerfile",
    editor_hint: "Tab indents, Shift+Tab outdents; press Esc, then Tab, to leave the editor. F8 goes to the next finding, Shift+F8 to the previous one.",
    preset: "Example",
    choose_preset: "Load an example…",
    findings: "Findings",
    no_findings: "No findings: every rule passes.",
    parse_error: "Syntax error",
    fix: "Fix",
    preview: "Preview the change",
    error: "Error",
    warning: "Warning",
    info: "Info",
    guide_link: "Read about it in the guide",
    context: "Build context",
    context_files: "Files in the context, one per line",
    prefill: "Add the files the Dockerfile copies",
    context_hint: "Check the files you edit to see what the next build reruns.",
    changed: "Changed since the last build",
    changed_args: "Build arguments changed (--build-arg)",
    no_args: "The Dockerfile declares no ARG.",
    layers: "What the next build does",
    target: "Target stage (--target)",
    last_stage: "The last stage",
    stage: "Stage",
    cached: "cached",
    rebuilt: "rebuilt",
    not_built: "not built",
    heavy: "heavy",
    no_stages: "The Dockerfile has no FROM, so there is no stage to build.",
    share: "Copy a link",
    share_label: "Link to this lab:",
    link_copied: "Link copied. Whoever opens it sees this Dockerfile, context and changes.",
    link_ready: "The link is below; copy it from there (the clipboard was not available).",
    too_long_to_share: "This lab is too large for a link ({0} characters; at most {1}). Download the Dockerfile instead.",
    download: "Download",
    copy_fixed: "Copy with all fixes",
    fixed_copied: "Copied the Dockerfile with {0} fix(es) applied.",
    copy_failed: "Copying failed: the clipboard was not available.",
    reset: "Reset",
    reset_done: "Back to the example. Undo (Ctrl+Z) in the editor brings your text back.",
    open_in_lab: "Open in the lab",
    link_opened: "Opened the shared lab. Your edits are saved in this browser.",
    link_failed: "This link could not be opened, and nothing was changed:",
    saved_damaged: "Your saved lab could not be read, so the example was loaded; the damaged copy was kept aside in this browser's storage.",
    err_too_long: "it is {0} characters long, and at most {1} are accepted.",
    err_version: "it was made by another version of the lab.",
    err_too_large: "it unpacks to more than the lab accepts.",
    err_empty: "it is empty.",
    err_damaged: "it is cut short or was altered.",
    last_build_same: "The last build was made from this Dockerfile: only the files and build arguments you mark count.",
    last_build_edited: "{0} step(s) edited since the last build: the plan counts them as changes.",
    mark_built: "Mark as built",
    marked_built: "Marked as built: the next build is compared with this Dockerfile.",
};

const KO: LabText = LabText {
    editor: "Dockerfile",
    editor_hint: "Tab은 들여쓰기, Shift+Tab은 내어쓰기입니다. 편집기를 벗어나려면 Esc를 누른 뒤 Tab을 누르세요. F8은 다음 발견 사항으로, Shift+F8은 이전 발견 사항으로 이동합니다.",
    preset: "예제",
    choose_preset: "예제 불러오기…",
    findings: "발견 사항",
    no_findings: "발견 사항이 없습니다. 모든 규칙을 통과했습니다.",
    parse_error: "구문 오류",
    fix: "고치기",
    preview: "바뀌는 내용 미리 보기",
    error: "오류",
    warning: "경고",
    info: "정보",
    guide_link: "가이드에서 자세히 보기",
    context: "빌드 컨텍스트",
    context_files: "컨텍스트의 파일(한 줄에 하나씩)",
    prefill: "Dockerfile이 복사하는 파일 추가",
    context_hint: "수정할 파일을 체크하면 다음 빌드에서 무엇이 다시 실행되는지 볼 수 있습니다.",
    changed: "지난 빌드 이후 바뀐 파일",
    changed_args: "바뀐 빌드 인자(--build-arg)",
    no_args: "Dockerfile에 선언된 ARG가 없습니다.",
    layers: "다음 빌드에서 일어나는 일",
    target: "대상 스테이지(--target)",
    last_stage: "마지막 스테이지",
    stage: "스테이지",
    cached: "캐시 사용",
    rebuilt: "다시 빌드",
    not_built: "빌드 안 함",
    heavy: "무거운 단계",
    no_stages: "Dockerfile에 FROM이 없어서 빌드할 스테이지가 없습니다.",
    share: "링크 복사",
    share_label: "이 실습 링크:",
    link_copied: "링크를 복사했습니다. 링크를 연 사람은 지금과 같은 Dockerfile, 컨텍스트, 변경 사항을 보게 됩니다.",
    link_ready: "클립보드를 쓸 수 없어서 아래에 링크를 표시했습니다. 직접 복사하세요.",
    too_long_to_share: "이 실습은 링크로 공유하기에 너무 큽니다({0}자, 최대 {1}자). 대신 Dockerfile을 내려받으세요.",
    download: "내려받기",
    copy_fixed: "모두 고친 버전 복사",
    fixed_copied: "수정 {0}건을 적용한 Dockerfile을 복사했습니다.",
    copy_failed: "클립보드를 쓸 수 없어서 복사하지 못했습니다.",
    reset: "처음으로",
    reset_done: "예제로 되돌렸습니다. 편집기에서 실행 취소(Ctrl+Z)하면 작성하던 내용이 돌아옵니다.",
    open_in_lab: "실습 페이지에서 열기",
    link_opened: "공유된 실습을 열었습니다. 수정한 내용은 이 브라우저에 저장됩니다.",
    link_failed: "이 링크를 열 수 없어서 아무것도 바꾸지 않았습니다. 이유:",
    saved_damaged: "저장된 실습을 읽을 수 없어서 예제를 불러왔습니다. 손상된 사본은 이 브라우저의 저장소에 따로 보관해 두었습니다.",
    err_too_long: "길이가 {0}자인데 최대 {1}자까지만 허용됩니다.",
    err_version: "다른 버전의 실습에서 만든 것입니다.",
    err_too_large: "압축을 풀면 실습에서 허용하는 크기를 넘습니다.",
    err_empty: "내용이 비어 있습니다.",
    err_damaged: "중간에 잘렸거나 변경되었습니다.",
    last_build_same: "지난 빌드는 지금의 Dockerfile로 만들었습니다. 체크한 파일과 빌드 인자만 변경으로 계산합니다.",
    last_build_edited: "지난 빌드 이후 수정한 단계가 {0}개 있으며, 이 단계들도 변경으로 계산합니다.",
    mark_built: "빌드한 것으로 표시",
    marked_built: "빌드한 것으로 표시했습니다. 다음 빌드는 지금의 Dockerfile과 비교합니다.",
};

const JA: LabText = LabText {
    editor: "Dockerfile",
    editor_hint: "Tab でインデント、Shift+Tab でインデントを戻します。エディターから抜けるには、Esc を押してから Tab を押します。F8 で次の指摘へ、Shift+F8 で前の指摘へ移動します。",
    preset: "サンプル",
    choose_preset: "サンプルを読み込む…",
    findings: "指摘",
    no_findings: "指摘はありません。すべてのルールを満たしています。",
    parse_error: "構文エラー",
    fix: "修正",
    preview: "変更内容をプレビュー",
    error: "エラー",
    warning: "警告",
    info: "情報",
    guide_link: "ガイドで詳しく読む",
    context: "ビルドコンテキスト",
    context_files: "コンテキスト内のファイル（1 行に 1 つ）",
    prefill: "Dockerfile がコピーするファイルを追加",
    context_hint: "編集するファイルにチェックを入れると、次のビルドで何が再実行されるかがわかります。",
    changed: "前回のビルドから変わったファイル",
    changed_args: "変更したビルド引数（--build-arg）",
    no_args: "この Dockerfile は ARG を宣言していません。",
    layers: "次のビルドで起きること",
    target: "ターゲットステージ（--target）",
    last_stage: "最後のステージ",
    stage: "ステージ",
    cached: "キャッシュ使用",
    rebuilt: "再ビルド",
    not_built: "ビルド対象外",
    heavy: "重いステップ",
    no_stages: "Dockerfile に FROM がないため、ビルドするステージがありません。",
    share: "リンクをコピー",
    share_label: "このラボへのリンク：",
    link_copied: "リンクをコピーしました。リンクを開いた人には、この Dockerfile、コンテキスト、変更内容がそのまま表示されます。",
    link_ready: "クリップボードが使えなかったため、下にリンクを表示しました。そこからコピーしてください。",
    too_long_to_share: "このラボはリンクで共有するには大きすぎます（{0} 文字、上限 {1} 文字）。代わりに Dockerfile をダウンロードしてください。",
    download: "ダウンロード",
    copy_fixed: "すべて修正してコピー",
    fixed_copied: "{0} 件の修正を適用した Dockerfile をコピーしました。",
    copy_failed: "クリップボードが使えなかったため、コピーできませんでした。",
    reset: "リセット",
    reset_done: "サンプルに戻しました。エディターで元に戻す（Ctrl+Z）を実行すると、編集していた内容を復元できます。",
    open_in_lab: "ラボで開く",
    link_opened: "共有されたラボを開きました。編集内容はこのブラウザーに保存されます。",
    link_failed: "このリンクを開けなかったため、何も変更していません。理由：",
    saved_damaged: "保存されていたラボを読み込めなかったため、サンプルを読み込みました。破損したデータは、このブラウザーのストレージに別途保管してあります。",
    err_too_long: "長さが {0} 文字あり、上限の {1} 文字を超えています。",
    err_version: "別のバージョンのラボで作成されたものです。",
    err_too_large: "展開後のサイズが、ラボで扱える上限を超えています。",
    err_empty: "内容が空です。",
    err_damaged: "途中で切れているか、書き換えられています。",    last_build_same: "前回のビルドはこの Dockerfile から作られています。チェックしたファイルとビルド引数だけが変更として扱われます。",
    last_build_edited: "前回のビルドから {0} 個のステップが編集されています。これらも変更として扱われます。",
    mark_built: "ビルド済みにする",
    marked_built: "ビルド済みにしました。次のビルドはこの Dockerfile と比べます。",
};

pub fn texts(lang: Lang) -> &'static LabText {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
        Lang::Ja => &JA,
    }
}

/// "line 3", "3행", "3行目".
pub fn line_label(lang: Lang, line: u32) -> String {
    match lang {
        Lang::En => format!("line {line}"),
        Lang::Ko => format!("{line}행"),
        Lang::Ja => format!("{line}行目"),
    }
}

pub fn fill1(template: &str, a: impl std::fmt::Display) -> String {
    template.replace("{0}", &a.to_string())
}

pub fn fill2(template: &str, a: impl std::fmt::Display, b: impl std::fmt::Display) -> String {
    fill1(template, a).replace("{1}", &b.to_string())
}

/// "Editing app/main.py reruns 1 heavy step: RUN pip install … (line 4)." in `lang`. `changed`
/// names what was changed (files, and `ARG NAME` for build arguments); `edited`: the Dockerfile
/// was edited since the last build, which counts too.
pub fn summary(lang: Lang, edited: bool, changed: &[String], heavy: &[&StepPlan]) -> String {
    let files = changed.join(", ");
    let n = heavy.len();
    let steps = heavy
        .iter()
        .map(|s| format!("{} ({})", s.text, line_label(lang, s.line)))
        .collect::<Vec<_>>();
    if edited {
        let s = if n == 1 { "" } else { "s" };
        return match (lang, changed.is_empty(), n) {
            (Lang::En, true, 0) => "Your edits since the last build rerun no heavy step.".into(),
            (Lang::En, false, 0) => format!("Your edits and {files} rerun no heavy step."),
            (Lang::En, true, _) => format!(
                "Your edits since the last build rerun {n} heavy step{s}: {}.",
                steps.join(", ")
            ),
            (Lang::En, false, _) => format!(
                "Your edits and {files} rerun {n} heavy step{s}: {}.",
                steps.join(", ")
            ),
            (Lang::Ko, true, 0) => {
                "지난 빌드 이후 수정한 내용으로 다시 실행되는 무거운 단계는 없습니다.".into()
            }
            (Lang::Ko, false, 0) => {
                format!("수정한 내용과 {files} 변경으로 다시 실행되는 무거운 단계는 없습니다.")
            }
            (Lang::Ko, true, _) => format!(
                "지난 빌드 이후 수정한 내용으로 무거운 단계 {n}개가 다시 실행됩니다: {}.",
                steps.join(", ")
            ),
            (Lang::Ko, false, _) => format!(
                "수정한 내용과 {files} 변경으로 무거운 단계 {n}개가 다시 실행됩니다: {}.",
                steps.join(", ")
            ),
            (Lang::Ja, true, 0) => {
                "前回のビルドからの編集で再実行される重いステップはありません。".into()
            }
            (Lang::Ja, false, 0) => {
                format!("編集内容と {files} の変更で再実行される重いステップはありません。")
            }
            (Lang::Ja, true, _) => format!(
                "前回のビルドからの編集で、重いステップが {n} 個再実行されます：{}。",
                steps.join("、")
            ),
            (Lang::Ja, false, _) => format!(
                "編集内容と {files} の変更で、重いステップが {n} 個再実行されます：{}。",
                steps.join("、")
            ),
        };
    }
    match lang {
        Lang::En if changed.is_empty() => {
            "Nothing is marked changed: the whole build comes from the cache.".into()
        }
        Lang::Ko if changed.is_empty() => {
            "바뀐 것으로 표시한 항목이 없으므로 빌드 전체를 캐시에서 가져옵니다.".into()
        }
        Lang::Ja if changed.is_empty() => {
            "変更ありとしてチェックされたものがないため、ビルド全体でキャッシュが使われます。"
                .into()
        }
        Lang::En if n == 0 => format!("Editing {files} reruns no heavy step."),
        Lang::Ko if n == 0 => format!("{files} 변경으로 다시 실행되는 무거운 단계는 없습니다."),
        Lang::Ja if n == 0 => format!("{files} を編集しても、重いステップは再実行されません。"),
        Lang::En => format!(
            "Editing {files} reruns {n} heavy step{}: {}.",
            if n == 1 { "" } else { "s" },
            steps.join(", ")
        ),
        Lang::Ko => format!(
            "{files} 변경으로 무거운 단계 {n}개가 다시 실행됩니다: {}.",
            steps.join(", ")
        ),
        Lang::Ja => format!(
            "{files} を編集すると、重いステップが {n} 個再実行されます：{}。",
            steps.join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_every_language_with_the_same_placeholders() {
        for lang in [Lang::Ko, Lang::Ja] {
            crate::i18n::assert_translated(
                lang,
                &texts(Lang::En).fields(),
                &texts(lang).fields(),
                &["Dockerfile"],
            );
        }
    }

    #[test]
    fn fills() {
        assert_eq!(fill2("{0} of {1}", 3, 4), "3 of 4");
    }
}
