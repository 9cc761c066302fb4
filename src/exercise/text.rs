//! The exercises' own words in the browser (the track, the help, the solved panel) in English,
//! Korean and Japanese. The goals' labels and problems come from `shipshape-exercises`. `{0}` and
//! `{1}` are filled by [`crate::lab::text::fill1`] and `fill2`.

use crate::i18n::Lang;

macro_rules! exercise_text {
    ($($field:ident),* $(,)?) => {
        /// The exercises' words, in one language.
        pub struct ExText {
            $(pub $field: &'static str,)*
        }

        impl ExText {
            /// Every field as (name, text), for the completeness tests.
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}

exercise_text!(
    track_lead,
    track_how,
    progress,
    kind_dockerfile,
    kind_capacity,
    kind_concept,
    not_started,
    started,
    solved,
    solved_with_solution,
    position,
    task,
    goals,
    goals_met,
    goal_met,
    goal_not_met,
    now_met,
    no_longer_met,
    help,
    show_hint,
    hint,
    hints_all_open,
    show_solution,
    solution_confirm,
    solution_yes,
    cancel,
    solution,
    use_solution,
    apply_solution,
    the_answer,
    solved_title,
    solved_with_solution_title,
    explanation,
    next_exercise,
    back_to_track,
    last_exercise,
    start_over,
    start_over_done,
    undo,
    undone,
    saved_damaged,
    your_answer,
    why,
    decisions,
    project_files,
    code_title,
    code_lead,
    code_none,
    code_name,
    code_copy,
    code_download,
    code_copied,
    code_copy_failed,
    reset_track,
    reset_track_done,
    track_damaged,
    needs_js,
    verify_hint,
    continue_with,
    all_solved,
);

const EN: ExText = ExText {
    track_lead: "Practise what the guide teaches. Each exercise is checked as you type by the same engines as the lab and the calculator, right in your browser: by what the image or the deployment does, not by comparing your text with an answer.",
    track_how: "Your work and progress stay in this browser. When you are done, send the completion code below to your team lead.",
    progress: "{0} of {1} solved",
    kind_dockerfile: "Dockerfile",
    kind_capacity: "Capacity",
    kind_concept: "Concept",
    not_started: "Not started",
    started: "Started",
    solved: "Solved",
    solved_with_solution: "Solved with the solution",
    position: "Exercise {0} of {1}",
    task: "Task",
    goals: "Goals",
    goals_met: "{0} of {1} goals met",
    goal_met: "Met:",
    goal_not_met: "Not yet:",
    now_met: "Now met:",
    no_longer_met: "No longer met:",
    help: "Stuck?",
    show_hint: "Show a hint",
    hint: "Hint {0} of {1}",
    hints_all_open: "Every hint is open.",
    show_solution: "Show the solution",
    solution_confirm: "Open the solution before you have read every hint? The exercise then counts as solved with the solution.",
    solution_yes: "Show it",
    cancel: "Cancel",
    solution: "Solution",
    use_solution: "Put the solution in the editor",
    apply_solution: "Apply the solution",
    the_answer: "The answer",
    solved_title: "Solved",
    solved_with_solution_title: "Solved, with the solution",
    explanation: "Why it works",
    next_exercise: "Next exercise",
    back_to_track: "Back to the exercises",
    last_exercise: "That was the last exercise of the track.",
    start_over: "Start over",
    start_over_done: "Back to the start of this exercise: your work, hints and progress on it were cleared.",
    undo: "Undo",
    undone: "Restored what you had before.",
    saved_damaged: "Your saved work on this exercise could not be read ({0}), so it starts afresh; the damaged copy was kept aside in this browser's storage.",
    your_answer: "Your answer",
    why: "Why",
    decisions: "Your decisions",
    project_files: "The project's files (fixed for this exercise)",
    code_title: "Completion code",
    code_lead: "Send this code to your team lead. It holds the exercises you solved and your solutions; `shipshape exercises verify` checks every one of them again.",
    code_none: "Solve an exercise to get a code.",
    code_name: "Your name (goes into the code)",
    code_copy: "Copy the code",
    code_download: "Download",
    code_copied: "Code copied.",
    code_copy_failed: "The clipboard was not available: select the code and copy it.",
    reset_track: "Reset all progress",
    reset_track_done: "Every exercise's work and progress in this browser was cleared.",
    track_damaged: "The saved work on {0} could not be read; it was kept aside in this browser's storage, and nothing else changed.",
    needs_js: "Your progress and the completion code need JavaScript; the exercises' tasks and goals read without it.",
    verify_hint: "A lead checks it with:",
    continue_with: "Continue with:",
    all_solved: "Every exercise is solved.",
};

const KO: ExText = ExText {
    track_lead: "가이드에서 배운 내용을 직접 연습해 보세요. 입력하는 즉시 실습 도구와 계산기와 같은 엔진이 브라우저 안에서 확인합니다. 답안과 글자를 비교하는 것이 아니라, 이미지나 배포가 실제로 어떻게 동작하는지를 봅니다.",
    track_how: "작업 내용과 진행 상황은 이 브라우저에만 저장됩니다. 다 풀었으면 아래의 완료 코드를 팀 리더에게 보내세요.",
    progress: "{1}개 중 {0}개 풂",
    kind_dockerfile: "Dockerfile",
    kind_capacity: "용량",
    kind_concept: "개념",
    not_started: "시작 전",
    started: "진행 중",
    solved: "풂",
    solved_with_solution: "해답을 보고 풂",
    position: "연습 문제 {1}개 중 {0}번째",
    task: "과제",
    goals: "목표",
    goals_met: "목표 {1}개 중 {0}개 달성",
    goal_met: "달성:",
    goal_not_met: "미달성:",
    now_met: "새로 달성:",
    no_longer_met: "다시 미달성:",
    help: "막혔나요?",
    show_hint: "힌트 보기",
    hint: "힌트 {1}개 중 {0}번째",
    hints_all_open: "힌트를 모두 열었습니다.",
    show_solution: "해답 보기",
    solution_confirm: "힌트를 다 보기 전에 해답을 열까요? 그러면 이 연습 문제는 '해답을 보고 풂'으로 기록됩니다.",
    solution_yes: "해답 열기",
    cancel: "취소",
    solution: "해답",
    use_solution: "해답을 편집기에 넣기",
    apply_solution: "해답 적용하기",
    the_answer: "정답",
    solved_title: "풀었습니다",
    solved_with_solution_title: "해답을 보고 풀었습니다",
    explanation: "왜 이렇게 하면 되나요",
    next_exercise: "다음 연습 문제",
    back_to_track: "연습 문제 목록으로",
    last_exercise: "마지막 연습 문제였습니다.",
    start_over: "처음부터 다시",
    start_over_done: "이 연습 문제를 처음 상태로 되돌렸습니다. 작업 내용, 연 힌트, 진행 상황을 지웠습니다.",
    undo: "되돌리기",
    undone: "이전 상태로 되돌렸습니다.",
    saved_damaged: "이 연습 문제의 저장된 작업을 읽을 수 없어서({0}) 처음부터 시작합니다. 손상된 사본은 이 브라우저의 저장소에 따로 보관해 두었습니다.",
    your_answer: "내 답",
    why: "이유",
    decisions: "직접 정할 항목",
    project_files: "프로젝트의 파일(이 연습 문제에서는 고정)",
    code_title: "완료 코드",
    code_lead: "이 코드를 팀 리더에게 보내세요. 푼 연습 문제와 그 해답이 들어 있고, `shipshape exercises verify`가 모두 다시 확인합니다.",
    code_none: "연습 문제를 하나 풀면 코드가 만들어집니다.",
    code_name: "이름(코드에 들어갑니다)",
    code_copy: "코드 복사",
    code_download: "내려받기",
    code_copied: "코드를 복사했습니다.",
    code_copy_failed: "클립보드를 쓸 수 없습니다. 코드를 선택해서 직접 복사하세요.",
    reset_track: "진행 상황 모두 지우기",
    reset_track_done: "이 브라우저에 저장된 모든 연습 문제의 작업 내용과 진행 상황을 지웠습니다.",
    track_damaged: "{0}의 저장된 작업을 읽을 수 없어서 이 브라우저의 저장소에 따로 보관해 두었습니다. 다른 것은 바뀌지 않았습니다.",
    needs_js: "진행 상황과 완료 코드에는 JavaScript가 필요합니다. 연습 문제의 과제와 목표는 JavaScript 없이도 읽을 수 있습니다.",
    verify_hint: "팀 리더는 이렇게 확인합니다:",
    continue_with: "이어서 풀기:",
    all_solved: "연습 문제를 모두 풀었습니다.",
};

const JA: ExText = ExText {
    track_lead: "ガイドで学んだことを実際に試しましょう。各演習は、入力するそばからラボや計算機と同じエンジンがブラウザー内でチェックします。答えと文字を比べるのではなく、イメージやデプロイが実際にどう動くかで判定します。",
    track_how: "作業内容と進捗はこのブラウザーにだけ保存されます。終わったら、下の修了コードをチームリーダーに送ってください。",
    progress: "{1} 問中 {0} 問を解決",
    kind_dockerfile: "Dockerfile",
    kind_capacity: "キャパシティ",
    kind_concept: "概念",
    not_started: "未着手",
    started: "取り組み中",
    solved: "解決済み",
    solved_with_solution: "解答を見て解決",
    position: "演習 {0}／{1}",
    task: "課題",
    goals: "目標",
    goals_met: "{1} 個中 {0} 個の目標を達成",
    goal_met: "達成：",
    goal_not_met: "未達成：",
    now_met: "新たに達成：",
    no_longer_met: "未達成に戻った：",
    help: "行き詰まったら",
    show_hint: "ヒントを見る",
    hint: "ヒント {0}／{1}",
    hints_all_open: "ヒントはすべて表示しました。",
    show_solution: "解答を見る",
    solution_confirm: "すべてのヒントを見る前に解答を開きますか？ この演習は「解答を見て解決」として記録されます。",
    solution_yes: "解答を開く",
    cancel: "キャンセル",
    solution: "解答",
    use_solution: "解答をエディターに入れる",
    apply_solution: "解答を適用する",
    the_answer: "正解",
    solved_title: "解決しました",
    solved_with_solution_title: "解答を見て解決しました",
    explanation: "なぜこれでうまくいくのか",
    next_exercise: "次の演習",
    back_to_track: "演習の一覧へ",
    last_exercise: "これが最後の演習でした。",
    start_over: "最初からやり直す",
    start_over_done: "この演習を最初の状態に戻しました。作業内容、開いたヒント、進捗を消去しました。",
    undo: "元に戻す",
    undone: "前の状態に戻しました。",
    saved_damaged: "この演習の保存された作業を読み込めなかったため（{0}）、最初から始めます。破損したデータは、このブラウザーのストレージに別途保管してあります。",
    your_answer: "あなたの答え",
    why: "理由",
    decisions: "あなたが決める項目",
    project_files: "プロジェクトのファイル（この演習では固定）",
    code_title: "修了コード",
    code_lead: "このコードをチームリーダーに送ってください。解いた演習とその解答が入っていて、`shipshape exercises verify` がすべてを改めてチェックします。",
    code_none: "演習を 1 つ解くとコードができます。",
    code_name: "名前（コードに含まれます）",
    code_copy: "コードをコピー",
    code_download: "ダウンロード",
    code_copied: "コードをコピーしました。",
    code_copy_failed: "クリップボードが使えません。コードを選択して手動でコピーしてください。",
    reset_track: "進捗をすべて消去",
    reset_track_done: "このブラウザーに保存された、すべての演習の作業内容と進捗を消去しました。",
    track_damaged: "{0} の保存された作業を読み込めなかったため、このブラウザーのストレージに別途保管しました。ほかには何も変わっていません。",
    needs_js: "進捗と修了コードには JavaScript が必要です。演習の課題と目標は JavaScript なしでも読めます。",
    verify_hint: "チームリーダーは次のコマンドで確認します：",
    continue_with: "続きから：",
    all_solved: "すべての演習を解決しました。",
};

pub fn texts(lang: Lang) -> &'static ExText {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
        Lang::Ja => &JA,
    }
}

/// The engine's language for the app's.
pub fn engine_lang(lang: Lang) -> shipshape_exercises::catalogue::Lang {
    crate::lab::analysis::engine_lang(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_every_language_with_the_same_placeholders() {
        let en = texts(Lang::En).fields();
        for lang in [Lang::Ko, Lang::Ja] {
            let other = texts(lang).fields();
            assert_eq!(en.len(), other.len());
            for ((name, english), (_, text)) in en.iter().zip(&other) {
                assert!(!text.trim().is_empty(), "{lang:?}: {name} is empty");
                for p in ["{0}", "{1}", "`"] {
                    assert_eq!(
                        english.contains(p),
                        text.contains(p),
                        "{lang:?}: {name} and English disagree on {p}"
                    );
                }
                if *english != "Dockerfile" {
                    assert!(
                        !text.is_ascii(),
                        "{lang:?}: {name} looks untranslated: {text}"
                    );
                }
            }
        }
    }
}
