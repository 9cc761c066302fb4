//! The app's own words (the guide's text lives in `content/`). One `Strings` value per language:
//! a missing label is a compile error, and a test checks that none is left empty or English.

/// A language of the site. The order is the switcher's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ko,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

    /// The BCP 47 code, used in URLs and in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
            Lang::Ja => "日本語",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ko => &KO,
            Lang::Ja => &JA,
        }
    }
}

/// Every label the app shows, in one language.
#[derive(Debug)]
pub struct Strings {
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub guide_nav: &'static str,
    pub language: &'static str,
    pub theme: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub on_this_page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub start_reading: &'static str,
    pub contents: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub footer: &'static str,
    /// Shown when a new deployment's service worker is ready (the hosted site only).
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub choose_language: &'static str,
    pub tools: &'static str,
    pub calculator: &'static str,
    pub calculator_description: &'static str,
    pub lab: &'static str,
    pub lab_description: &'static str,
    pub summary: &'static str,
    pub summary_lead: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub search_loading: &'static str,
    pub search_failed: &'static str,
    pub search_no_results: &'static str,
    pub search_no_results_hint: &'static str,
    /// The number of results, `{n}` for the number: a Korean count puts it after the noun,
    /// with its counter ("검색 결과 12건").
    pub search_results: &'static str,
    pub search_close: &'static str,
    pub search_keys: &'static str,
    pub rules: &'static str,
    pub rules_lead: &'static str,
    pub exercises: &'static str,
    pub exercises_description: &'static str,
    pub practise_this: &'static str,
}

pub const EN: Strings = Strings {
    site_tagline: "Deploy a web API in containers, and get it right",
    skip_to_content: "Skip to content",
    menu: "Menu",
    guide_nav: "Guide",
    language: "Language",
    theme: "Theme",
    theme_auto: "Automatic",
    theme_light: "Light",
    theme_dark: "Dark",
    on_this_page: "On this page",
    previous: "Previous",
    next: "Next",
    copied: "Copied",
    copy_failed: "Copy failed",
    home_title: "Ship your API in good shape",
    home_lead: "A guide to deploying a web API in containers: HTTPS, running on startup, restarts, replication, memory and the steps before starting, with FastAPI as the running example.",
    start_reading: "Start reading",
    contents: "Contents",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address. It may have moved, or the link may be mistyped.",
    back_home: "Back to the guide",
    footer: "Shipshape works offline and sends nothing anywhere.",
    update_ready: "A new version of Shipshape is ready.",
    update_reload: "Reload to update",
    choose_language: "Choose a language",
    tools: "Tools",
    calculator: "Capacity calculator",
    calculator_description: "Workers, replicas, memory and nodes for your app and machines, with the formulas real servers and clusters use.",
    lab: "Dockerfile lab",
    lab_description: "Edit a Dockerfile and see, as you type, what each change rebuilds, which rules it breaks, and fix them in one click.",
    summary: "The guide in one line per page",
    summary_lead: "Every page of the guide ends with its point in one sentence. Here they are together: read them to review, or to find the page you need.",
    search: "Search",
    search_placeholder: "Search the guide",
    search_loading: "Loading the search index…",
    search_failed: "The search index could not be loaded. Check your connection and try again.",
    search_no_results: "No results",
    search_no_results_hint: "Try fewer words, or another word for the same thing (for example “workers” instead of “processes”).",
    search_results: "{n} results",
    search_close: "Close",
    search_keys: "↑↓ to move, Enter to open, Esc to close",
    rules: "Dockerfile rules",
    rules_lead: "What Shipshape checks in a Dockerfile, why each check matters, and what its fix changes. The same rules run in the Dockerfile lab and in the shipshape lint command.",
    exercises: "Exercises",
    exercises_description: "Hands-on exercises, checked in your browser by the lab's and the calculator's engines: for trainees, and for the team leads who onboard them.",
    practise_this: "Practise this",
};

pub const KO: Strings = Strings {
    site_tagline: "웹 API를 컨테이너로 제대로 배포하기",
    skip_to_content: "본문으로 건너뛰기",
    menu: "메뉴",
    guide_nav: "가이드",
    language: "언어",
    theme: "테마",
    theme_auto: "자동",
    theme_light: "밝게",
    theme_dark: "어둡게",
    on_this_page: "이 페이지의 내용",
    previous: "이전",
    next: "다음",
    copied: "복사했습니다",
    copy_failed: "복사하지 못했습니다",
    home_title: "API를 제대로 배포하세요",
    home_lead: "웹 API를 컨테이너로 배포하는 방법을 다루는 가이드입니다. HTTPS, 부팅 시 자동 실행, 재시작, 복제, 메모리, 사전 작업을 FastAPI 예제로 설명합니다.",
    start_reading: "읽기 시작",
    contents: "목차",
    not_found_title: "페이지를 찾을 수 없습니다",
    not_found_body: "이 주소에는 페이지가 없습니다. 페이지가 옮겨졌거나 링크가 잘못되었을 수 있습니다.",
    back_home: "가이드로 돌아가기",
    footer: "Shipshape는 오프라인에서도 동작하며 어떤 데이터도 외부로 보내지 않습니다.",
    update_ready: "Shipshape의 새 버전이 준비되었습니다.",
    update_reload: "새로 고침하여 업데이트",
    choose_language: "언어를 선택하세요",
    tools: "도구",
    calculator: "용량 계산기",
    calculator_description: "앱과 머신에 맞는 워커 수, 레플리카 수, 메모리, 노드 수를 실제 서버와 클러스터가 쓰는 공식으로 계산합니다.",
    lab: "Dockerfile 실습실",
    lab_description: "Dockerfile을 고치는 동안 어떤 변경이 무엇을 다시 빌드하는지, 어떤 규칙에 걸리는지 바로 보고, 클릭 한 번으로 고칩니다.",
    summary: "한 줄로 다시 보는 가이드",
    summary_lead: "가이드의 모든 페이지는 핵심을 한 문장으로 정리하며 끝납니다. 그 문장들을 한곳에 모았습니다. 복습할 때나 필요한 페이지를 찾을 때 활용하세요.",
    search: "검색",
    search_placeholder: "가이드 검색",
    search_loading: "검색 색인을 불러오는 중입니다…",
    search_failed: "검색 색인을 불러오지 못했습니다. 연결을 확인한 뒤 다시 시도하세요.",
    search_no_results: "검색 결과가 없습니다",
    search_no_results_hint: "단어 수를 줄이거나 같은 뜻의 다른 단어로 검색해 보세요(예: ‘프로세스’ 대신 ‘워커’).",
    search_results: "검색 결과 {n}건",
    search_close: "닫기",
    search_keys: "↑↓ 이동, Enter 열기, Esc 닫기",
    rules: "Dockerfile 규칙",
    rules_lead: "Shipshape가 Dockerfile에서 무엇을 검사하는지, 각 검사가 왜 중요한지, 자동 수정이 무엇을 바꾸는지 정리했습니다. Dockerfile 실습 도구와 shipshape lint 명령이 같은 규칙을 사용합니다.",
    exercises: "연습 문제",
    exercises_description: "실습 도구와 계산기의 엔진이 브라우저에서 바로 확인해 주는, 직접 손으로 풀어 보는 연습 문제입니다. 새로 합류한 개발자와 이들의 온보딩을 맡은 팀 리더를 위해 만들었습니다.",
    practise_this: "연습해 보기",
};

pub const JA: Strings = Strings {
    site_tagline: "Web API をコンテナで正しくデプロイする",
    skip_to_content: "本文へスキップ",
    menu: "メニュー",
    guide_nav: "ガイド",
    language: "言語",
    theme: "テーマ",
    theme_auto: "自動",
    theme_light: "ライト",
    theme_dark: "ダーク",
    on_this_page: "このページの内容",
    previous: "前へ",
    next: "次へ",
    copied: "コピーしました",
    copy_failed: "コピーできませんでした",
    home_title: "API を万全の状態でデプロイ",
    home_lead: "Web API をコンテナでデプロイするためのガイドです。HTTPS、起動時の自動実行、再起動、レプリケーション、メモリ、起動前の事前処理を、FastAPI を例に解説します。",
    start_reading: "読み始める",
    contents: "目次",
    not_found_title: "ページが見つかりません",
    not_found_body: "このアドレスにはページがありません。移動したか、リンクが間違っている可能性があります。",
    back_home: "ガイドに戻る",
    footer: "Shipshape はオフラインで動作し、どこにもデータを送信しません。",
    update_ready: "Shipshape の新しいバージョンを利用できます。",
    update_reload: "再読み込みして更新",
    choose_language: "言語を選んでください",
    tools: "ツール",
    calculator: "キャパシティ計算機",
    calculator_description: "アプリとマシンに合ったワーカー数、レプリカ数、メモリ、ノード数を、実際のサーバーやクラスターが使う計算式で求めます。",
    lab: "Dockerfile ラボ",
    lab_description: "Dockerfile を書き換えながら、どの変更が何を再ビルドするか、どのルールに引っかかるかをその場で確かめ、ワンクリックで直せます。",
    summary: "ひとことでふり返るガイド",
    summary_lead: "ガイドの各ページは、要点をひとことでまとめて終わります。それらを1か所に集めました。復習に、あるいは必要なページを探すのに使ってください。",
    search: "検索",
    search_placeholder: "ガイドを検索",
    search_loading: "検索インデックスを読み込んでいます…",
    search_failed: "検索インデックスを読み込めませんでした。接続を確認して、もう一度お試しください。",
    search_no_results: "一致する結果はありません",
    search_no_results_hint: "語数を減らすか、同じ意味の別の言葉で検索してみてください（例：「プロセス」の代わりに「ワーカー」）。",
    search_results: "{n} 件の結果",
    search_close: "閉じる",
    search_keys: "↑↓ で移動、Enter で開く、Esc で閉じる",
    rules: "Dockerfile のルール",
    rules_lead: "Shipshape が Dockerfile で何をチェックするのか、各チェックがなぜ大切なのか、自動修正で何が変わるのかをまとめました。Dockerfile ラボと shipshape lint コマンドは同じルールを使います。",
    exercises: "演習",
    exercises_description: "ラボと計算機のエンジンがブラウザー内でチェックする実践演習です。新しく加わった開発者と、そのオンボーディングを担当するチームリーダーのために用意しました。",
    practise_this: "演習で試す",
};

/// A struct of labels, one `&'static str` per field, one value per language, and `fields()`
/// to list them for the tests that every language has every label ([`assert_translated`]).
macro_rules! labels {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            /// Every field as (name, text), for the completeness tests.
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}
pub(crate) use labels;

/// Fails unless `other` has every label of `english`, none empty, none left in English (but
/// the names in `same`), each with the same placeholders `{0}` and `{1}` and backticks.
#[cfg(test)]
pub(crate) fn assert_translated(
    lang: Lang,
    english: &[(&'static str, &'static str)],
    other: &[(&'static str, &'static str)],
    same: &[&str],
) {
    assert_eq!(english.len(), other.len());
    for ((name, en), (_, text)) in english.iter().zip(other) {
        assert!(!text.trim().is_empty(), "{lang:?}: {name} is empty");
        for p in ["{0}", "{1}", "`"] {
            assert_eq!(
                en.contains(p),
                text.contains(p),
                "{lang:?}: {name} and English disagree on {p}"
            );
        }
        if !same.contains(en) {
            assert!(
                !text.is_ascii(),
                "{lang:?}: {name} looks untranslated: {text}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All labels of a `Strings`, by name, so the check below covers every field.
    fn labels(s: &Strings) -> Vec<(&'static str, &'static str)> {
        let Strings {
            site_tagline,
            skip_to_content,
            menu,
            guide_nav,
            language,
            theme,
            theme_auto,
            theme_light,
            theme_dark,
            on_this_page,
            previous,
            next,
            copied,
            copy_failed,
            home_title,
            home_lead,
            start_reading,
            contents,
            not_found_title,
            not_found_body,
            back_home,
            footer,
            update_ready,
            update_reload,
            choose_language,
            tools,
            calculator,
            calculator_description,
            lab,
            lab_description,
            summary,
            summary_lead,
            search,
            search_placeholder,
            search_loading,
            search_failed,
            search_no_results,
            search_no_results_hint,
            search_results,
            search_close,
            search_keys,
            rules,
            rules_lead,
            exercises,
            exercises_description,
            practise_this,
        } = s;
        vec![
            ("site_tagline", site_tagline),
            ("skip_to_content", skip_to_content),
            ("menu", menu),
            ("guide_nav", guide_nav),
            ("language", language),
            ("theme", theme),
            ("theme_auto", theme_auto),
            ("theme_light", theme_light),
            ("theme_dark", theme_dark),
            ("on_this_page", on_this_page),
            ("previous", previous),
            ("next", next),
            ("copied", copied),
            ("copy_failed", copy_failed),
            ("home_title", home_title),
            ("home_lead", home_lead),
            ("start_reading", start_reading),
            ("contents", contents),
            ("not_found_title", not_found_title),
            ("not_found_body", not_found_body),
            ("back_home", back_home),
            ("footer", footer),
            ("update_ready", update_ready),
            ("update_reload", update_reload),
            ("choose_language", choose_language),
            ("tools", tools),
            ("calculator", calculator),
            ("calculator_description", calculator_description),
            ("lab", lab),
            ("lab_description", lab_description),
            ("summary", summary),
            ("summary_lead", summary_lead),
            ("search", search),
            ("search_placeholder", search_placeholder),
            ("search_loading", search_loading),
            ("search_failed", search_failed),
            ("search_no_results", search_no_results),
            ("search_no_results_hint", search_no_results_hint),
            ("search_results", search_results),
            ("search_close", search_close),
            ("search_keys", search_keys),
            ("rules", rules),
            ("rules_lead", rules_lead),
            ("exercises", exercises),
            ("exercises_description", exercises_description),
            ("practise_this", practise_this),
        ]
    }

    #[test]
    fn every_label_is_translated() {
        let en = labels(&EN);
        for lang in [Lang::Ko, Lang::Ja] {
            for ((name, english), (_, text)) in en.iter().zip(labels(lang.strings())) {
                assert!(!text.trim().is_empty(), "{:?}.{name} is empty", lang);
                assert_ne!(*english, text, "{:?}.{name} is still English", lang);
                let native = text.chars().any(|c| {
                    ('\u{AC00}'..='\u{D7A3}').contains(&c)
                        || ('\u{3040}'..='\u{30FF}').contains(&c)
                        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
                });
                assert!(
                    native,
                    "{:?}.{name} has no Hangul or Japanese: {text}",
                    lang
                );
            }
        }
    }

    #[test]
    fn search_results_has_its_number() {
        for lang in Lang::ALL {
            let t = lang.strings().search_results;
            assert_eq!(t.matches("{n}").count(), 1, "{lang:?}: {t}");
        }
        assert_eq!(
            Lang::Ko.strings().search_results.replace("{n}", "12"),
            "검색 결과 12건"
        );
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
