//! Index size, load time and query latency on the guide's real content.
//!
//! `cargo run --release -p shipshape-search --example bench`

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::{Duration, Instant};

use shipshape_search::{build_index, Index};

const QUERIES: [(&str, &[&str]); 3] = [
    (
        "en",
        &[
            "docker",
            "c",
            "cach",
            "uvicorn workers",
            "restart policy container",
            "https tls termination proxy",
            "multi stage build",
            "memory limits replicas",
        ],
    ),
    (
        "ko",
        &[
            "컨테이너",
            "재시작",
            "값",
            "Docker 캐시",
            "uvicorn 워커",
            "이미지 빌드",
            "레이어 캐시 재사용",
            "메모리 제한 복제 컨테이너",
        ],
    ),
    (
        "ja",
        &[
            "レプリケーション",
            "キャッシュ",
            "動",
            "uvicorn ワーカー",
            "コンテナ 再起動",
            "イメージ ビルド",
            "Docker イメージ レイヤー",
            "メモリ 制限 レプリカ コンテナ",
        ],
    ),
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let (source, langs) = match corpus::load() {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("NOTICE: content does not load, nothing to measure: {e}");
            return;
        }
    };
    if let corpus::Source::Markdown(why) = &source {
        eprintln!("NOTICE: content does not render ({why}); using the raw Markdown");
    }
    for (lang, sections) in &langs {
        let started = Instant::now();
        let bytes = build_index(lang, sections);
        let build = started.elapsed();
        let mut loads: Vec<Duration> = (0..20)
            .map(|_| {
                let started = Instant::now();
                black_box(Index::load(black_box(&bytes)).expect("index loads"));
                started.elapsed()
            })
            .collect();
        loads.sort();
        let index = Index::load(&bytes).expect("index loads");
        println!(
            "{lang}: {} sections, {} terms; index {} B raw, {} B gzip; build {}; load+decode p50 {} p95 {}",
            index.len(),
            index.term_count(),
            bytes.len(),
            corpus::gzip_len(&bytes),
            micros(build),
            micros(percentile(&loads, 0.5)),
            micros(percentile(&loads, 0.95)),
        );
        let queries = QUERIES
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(&[][..], |q| q.1);
        let mut all = Vec::new();
        for query in queries {
            let mut times: Vec<Duration> = (0..200)
                .map(|_| {
                    let started = Instant::now();
                    black_box(index.search(black_box(query), 10));
                    started.elapsed()
                })
                .collect();
            times.sort();
            all.extend_from_slice(&times);
            let hits = index.search(query, 10);
            println!(
                "  {query:<32} p50 {:>7} p95 {:>7}  {} hits, top: {}",
                micros(percentile(&times, 0.5)),
                micros(percentile(&times, 0.95)),
                hits.len(),
                hits.first().map_or("-", |h| h.url.as_str()),
            );
        }
        all.sort();
        if !all.is_empty() {
            println!(
                "  all queries: p50 {} p95 {} max {}",
                micros(percentile(&all, 0.5)),
                micros(percentile(&all, 0.95)),
                micros(percentile(&all, 1.0)),
            );
        }
    }
}
