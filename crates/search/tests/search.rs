//! Queries in each language against a small hand-written guide.

use shipshape_search::{build_index, Hit, Index, LoadError, Section};

fn section(order: u32, title: &str, heading: &str, url: &str, text: &str) -> Section {
    Section {
        page_title: title.into(),
        section_heading: heading.into(),
        url: url.into(),
        text: text.into(),
        page_order: order,
    }
}

fn english() -> Index {
    let sections = vec![
        section(
            0,
            "Build cache",
            "Layer caching",
            "/en/build-cache/#layers",
            "Docker reuses cached layers when the instructions and files are unchanged. \
             Copy requirements.txt first so the dependency layer stays cached.",
        ),
        section(
            0,
            "Build cache",
            "Cache mounts",
            "/en/build-cache/#mounts",
            "A cache mount keeps pip's download cache between builds.",
        ),
        section(
            1,
            "Processes",
            "Worker processes",
            "/en/processes/#workers",
            "Uvicorn can run several worker processes; each process handles requests. \
             In a container, run one process per container and replicate the containers.",
        ),
        section(
            2,
            "Restarts",
            "Restart policies",
            "/en/restarts/#policies",
            "Docker restarts a container that exits when its restart policy says so.",
        ),
        section(
            3,
            "Overview",
            "What is deployed",
            "/en/overview/#what",
            "The process of deploying puts the program where clients can reach it. \
             Caching is mentioned here only in passing.",
        ),
    ];
    Index::load(&build_index("en", &sections)).unwrap()
}

fn korean() -> Index {
    let sections =
        vec![
        section(0, "재시작", "버그는 생기기 마련입니다", "/ko/restarts/#bugs-happen",
            "팀이 아무리 조심해도 실제 애플리케이션에는 버그가 있습니다."),
        section(0, "재시작", "컨테이너 재시작", "/ko/restarts/#restart",
            "Docker는 컨테이너가 종료되면 재시작 정책에 따라 컨테이너를 다시 시작합니다."),
        section(1, "빌드 캐시", "레이어 캐시", "/ko/build-cache/#layers",
            "Docker캐시는 변경되지 않은 레이어를 재사용합니다. 값이 바뀌면 캐시가 무효화됩니다."),
        section(2, "복제", "워커 프로세스", "/ko/replication/#workers",
            "uvicorn 워커를 여러 개 실행하면 CPU 코어를 모두 쓸 수 있습니다."),
    ];
    Index::load(&build_index("ko", &sections)).unwrap()
}

fn japanese() -> Index {
    let sections = vec![
        section(
            0,
            "レプリケーション",
            "ワーカープロセス",
            "/ja/replication/#workers",
            "uvicornのワーカーを複数起動すると、CPUのコアをすべて使えます。",
        ),
        section(
            0,
            "レプリケーション",
            "レプリケーションとは",
            "/ja/replication/#what",
            "同じアプリケーションのプロセスを複数動かすことをレプリケーションと呼びます。",
        ),
        section(
            1,
            "ビルドキャッシュ",
            "レイヤーのキャッシュ",
            "/ja/build-cache/#layers",
            "Dockerは変更のないレイヤーをキャッシュから再利用します。",
        ),
        section(
            2,
            "再起動",
            "コンテナの再起動",
            "/ja/restarts/#restart",
            "コンテナが終了すると、Dockerは再起動ポリシーに従ってコンテナを再起動します。",
        ),
    ];
    Index::load(&build_index("ja", &sections)).unwrap()
}

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

fn top(index: &Index, query: &str) -> String {
    index
        .search(query, 10)
        .first()
        .map(|h| h.url.clone())
        .unwrap_or_else(|| panic!("no hit for {query:?}"))
}

/// Every highlight is on char boundaries of the snippet and covers text the query matched.
fn check_highlights(hit: &Hit) {
    let mut previous_end = 0;
    for h in &hit.highlights {
        assert!(h.start < h.end && h.start >= previous_end, "{hit:?}");
        assert!(hit.snippet.is_char_boundary(h.start) && hit.snippet.is_char_boundary(h.end));
        previous_end = h.end;
    }
}

fn marked(hit: &Hit) -> Vec<&str> {
    check_highlights(hit);
    hit.highlights
        .iter()
        .map(|h| &hit.snippet[h.clone()])
        .collect()
}

#[test]
fn english_stemming_and_prefixes() {
    let index = english();
    // "caching" and "cache" meet; the heading match ranks first.
    assert_eq!(top(&index, "caching"), "/en/build-cache/#layers");
    assert_eq!(top(&index, "cache mounts"), "/en/build-cache/#mounts");
    assert_eq!(top(&index, "processes"), "/en/processes/#workers");
    assert!(urls(&index.search("process", 10)).contains(&"/en/overview/#what"));
    // The last word is a prefix while being typed, but not once a space follows it.
    assert_eq!(top(&index, "uvic"), "/en/processes/#workers");
    assert_eq!(top(&index, "worker proc"), "/en/processes/#workers");
    assert!(index.search("uvic ", 10).is_empty());
    assert_eq!(top(&index, "cachi"), "/en/build-cache/#layers");
}

#[test]
fn titles_and_headings_outweigh_text_and_all_terms_beat_some() {
    let index = english();
    // "restart" is in the heading of one section, the text of another.
    let hits = index.search("restart", 10);
    assert_eq!(hits[0].url, "/en/restarts/#policies");
    // Only the overview has both "deploying" and "caching"; the build-cache sections have
    // "caching" in title and heading, which would win on weight alone.
    let hits = index.search("deploying caching", 10);
    assert_eq!(hits[0].url, "/en/overview/#what");
    assert!(hits[0].score > 1000.0 && hits[1].score < 1000.0);
    // Scores never increase down the list.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn ties_go_to_the_earlier_page() {
    let sections: Vec<Section> = (0..4)
        .rev()
        .map(|order| section(order, "Same", "Same", &format!("/en/p{order}/#s"), "docker"))
        .collect();
    let index = Index::load(&build_index("en", &sections)).unwrap();
    assert_eq!(
        urls(&index.search("docker", 10)),
        ["/en/p0/#s", "/en/p1/#s", "/en/p2/#s", "/en/p3/#s"]
    );
}

#[test]
fn korean_words_of_three_or_more_characters() {
    let index = korean();
    assert_eq!(top(&index, "컨테이너"), "/ko/restarts/#restart");
    assert_eq!(top(&index, "재시작"), "/ko/restarts/#restart");
    assert_eq!(top(&index, "애플리케이션"), "/ko/restarts/#bugs-happen");
    let hit = &index.search("컨테이너", 1)[0];
    assert_eq!(marked(hit), ["컨테이너", "컨테이너"]);
}

#[test]
fn japanese_words_of_three_or_more_characters() {
    let index = japanese();
    assert_eq!(top(&index, "レプリケーション"), "/ja/replication/#what");
    assert_eq!(top(&index, "キャッシュ"), "/ja/build-cache/#layers");
    assert_eq!(top(&index, "再起動"), "/ja/restarts/#restart");
    let hit = &index.search("再起動", 1)[0];
    assert_eq!(marked(hit), ["再起動", "再起動"]);
}

#[test]
fn mixed_script_queries() {
    let ko = korean();
    assert_eq!(top(&ko, "Docker 캐시"), "/ko/build-cache/#layers");
    // Glued together in the text ("Docker캐시는") and in the query.
    assert_eq!(top(&ko, "docker캐시"), "/ko/build-cache/#layers");
    assert_eq!(top(&ko, "uvicorn 워커"), "/ko/replication/#workers");
    let ja = japanese();
    assert_eq!(top(&ja, "uvicorn ワーカー"), "/ja/replication/#workers");
    let hit = &ja.search("uvicorn ワーカー", 1)[0];
    assert_eq!(marked(hit), ["uvicorn", "ワーカー"]);
}

#[test]
fn one_character_queries() {
    let ko = korean();
    // 값 only occurs glued to a particle ("값이"): the bigram has to be found by its first
    // character.
    assert_eq!(top(&ko, "값"), "/ko/build-cache/#layers");
    assert_eq!(marked(&ko.search("값", 1)[0]), ["값이"]);
    let ja = japanese();
    // 動 as the second character of 起動.
    let hits = ja.search("動", 10);
    assert!(urls(&hits).contains(&"/ja/restarts/#restart"));
    assert!(urls(&hits).contains(&"/ja/replication/#what"));
}

#[test]
fn full_width_and_half_width_queries() {
    let ko = korean();
    assert_eq!(top(&ko, "ｄｏｃｋｅｒ　캐시"), "/ko/build-cache/#layers");
    let ja = japanese();
    assert_eq!(top(&ja, "ｷｬｯｼｭ"), "/ja/build-cache/#layers");
    assert_eq!(top(&ja, "ﾚﾌﾟﾘｹｰｼｮﾝ"), "/ja/replication/#what");
    // ｶﾞ is one character after folding: a one-character query.
    let sections = vec![section(0, "ガイド", "見出し", "/ja/x/#a", "ガイドです")];
    let index = Index::load(&build_index("ja", &sections)).unwrap();
    assert_eq!(top(&index, "ｶﾞ"), "/ja/x/#a");
    // And the other way round: half-width text, full-width query.
    let sections = vec![section(0, "t", "h", "/ja/y/#b", "ﾄﾞｯｶｰのｲﾒｰｼﾞ")];
    let index = Index::load(&build_index("ja", &sections)).unwrap();
    let hit = &index.search("ドッカー", 1)[0];
    assert_eq!(marked(hit), ["ﾄﾞｯｶｰ"]);
}

#[test]
fn queries_without_hits() {
    assert!(english().search("kubernetes", 10).is_empty());
    assert!(korean().search("쿠버네티스", 10).is_empty());
    assert!(japanese().search("クバネティス", 10).is_empty());
    assert!(japanese().search("?!.,", 10).is_empty());
}

#[test]
fn degenerate_queries_do_not_panic() {
    let index = japanese();
    for query in ["", " ", "\u{3000}\t\n", "\u{3099}", "ﾞﾞﾞ", "\u{1100}"] {
        let _ = index.search(query, 10);
    }
    assert!(index.search("", 10).is_empty());
    assert!(index.search("   ", 10).is_empty());
    assert!(index.search("レプリケーション", 0).is_empty());
    let huge = "レプリケーション docker ".repeat((1 << 20) / 30);
    assert!(huge.len() >= 1 << 20);
    let started = std::time::Instant::now();
    assert!(!index.search(&huge, 10).is_empty());
    assert!(started.elapsed().as_secs() < 2);
    let huge_word = "a".repeat(1 << 20);
    assert!(english().search(&huge_word, 10).is_empty());
}

#[test]
fn snippets_are_cut_on_char_boundaries_around_the_first_match() {
    let long = format!(
        "{}コンテナを再起動します。{}",
        "前置きの文章です。".repeat(40),
        "後の文章。".repeat(40)
    );
    let sections = vec![section(0, "再起動", "見出し", "/ja/r/#x", &long)];
    let index = Index::load(&build_index("ja", &sections)).unwrap();
    let hit = &index.search("コンテナ", 1)[0];
    assert!(
        hit.snippet.starts_with('…') && hit.snippet.ends_with('…'),
        "{}",
        hit.snippet
    );
    assert!(hit.snippet.chars().count() < 100);
    assert_eq!(marked(hit), ["コンテナ"]);

    let long = format!(
        "{} Docker restarts the container. {}",
        "Some words here.".repeat(30),
        "More text.".repeat(30)
    );
    let sections = vec![section(0, "Restarts", "Heading", "/en/r/#x", &long)];
    let index = Index::load(&build_index("en", &sections)).unwrap();
    let hit = &index.search("container", 1)[0];
    assert_eq!(marked(hit), ["container"]);
    assert!(hit.snippet.len() <= 170, "{}", hit.snippet);
    // A match only in the heading still gives a snippet, from the start of the text.
    let hit = &index.search("heading", 1)[0];
    assert!(hit.snippet.starts_with("Some words") && hit.highlights.is_empty());
}

#[test]
fn hits_carry_what_the_ui_shows() {
    let hit = &korean().search("재시작", 1)[0];
    assert_eq!(hit.page_title, "재시작");
    assert_eq!(hit.heading, "컨테이너 재시작");
    assert_eq!(hit.url, "/ko/restarts/#restart");
    assert_eq!(hit.section, 1);
}

#[test]
fn damaged_index_bytes_give_errors() {
    let bytes = build_index(
        "ko",
        &[section(0, "재시작", "컨테이너", "/ko/r/#a", "본문 텍스트")],
    );
    assert!(Index::load(&bytes).is_ok());
    assert_eq!(Index::load(b"").err(), Some(LoadError::NotAnIndex));
    assert_eq!(
        Index::load(b"<!doctype html>").err(),
        Some(LoadError::NotAnIndex)
    );
    let mut wrong_version = bytes.clone();
    wrong_version[4] = 99;
    assert_eq!(
        Index::load(&wrong_version).err(),
        Some(LoadError::UnsupportedVersion {
            found: 99,
            supported: 2
        })
    );
    for cut in 0..bytes.len() {
        assert!(Index::load(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    for i in 5..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[i] ^= 1 << bit;
            assert!(Index::load(&flipped).is_err(), "bit {bit} of byte {i}");
        }
    }
    let message = Index::load(&bytes[..bytes.len() - 1])
        .err()
        .unwrap()
        .to_string();
    assert!(message.contains("search index"), "{message}");
}

#[test]
fn empty_index() {
    let index = Index::load(&build_index("en", &[])).unwrap();
    assert!(index.is_empty());
    assert!(index.search("docker", 10).is_empty());
}
