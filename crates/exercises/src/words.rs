//! The exercises' words in English, Korean and Japanese: each goal's label, what is still wrong
//! with it, and the few words the CLI prints. Names from the trainee's files and commands are
//! written between backticks, as the engines' messages do; the UI shows them as code.
//!
//! The terms are the guide's and the lab's: 무거운 단계 / 重いステップ (heavy step), 다시 실행 /
//! 再実行 (rerun), 빌드 컨텍스트 / ビルドコンテキスト, 스테이지 / ステージ, 워커 / ワーカー.

use shipshape_capacity::{Warning, WarningCode};
use shipshape_dockerfile::message_text;
use shipshape_dockerfile::rules::Ecosystem;
use shipshape_lang::ko::{ending, eul_reul, gwa_wa, i_ga};

use crate::catalogue::Lang;
use crate::check::{command_words, Goal, Missing, Problem, Relation};
use crate::model::*;

/// Picks the text of `lang`.
fn tr<T>(lang: Lang, en: T, ko: T, ja: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
        Lang::Ja => ja,
    }
}

/// "line 3", "3행", "3行目".
pub fn line(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => format!("line {n}"),
        Lang::Ko => format!("{n}행"),
        Lang::Ja => format!("{n}行目"),
    }
}

/// Names as code, joined the language's way: "`a`, `b` and `c`".
fn names(lang: Lang, items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    join(lang, &quoted)
}

fn join(lang: Lang, items: &[String]) -> String {
    match (lang, items) {
        (_, []) => String::new(),
        (_, [one]) => one.clone(),
        (Lang::En, [a, b]) => format!("{a} and {b}"),
        (Lang::En, [rest @ .., last]) => format!("{} and {last}", rest.join(", ")),
        (Lang::Ko, _) => items.join(", "),
        (Lang::Ja, _) => items.join("、"),
    }
}

/// A number as a person writes it: whole when it is, else with up to two decimals. Written
/// from integers, so the lab's bundle carries no float formatting.
fn number(n: f64) -> String {
    if !n.is_finite() {
        return "0".to_string();
    }
    let hundredths = (n * 100.0).round() as i64;
    let (whole, frac) = (hundredths / 100, (hundredths % 100).abs());
    let sign = if hundredths < 0 && whole == 0 {
        "-"
    } else {
        ""
    };
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// An exercise's kind, as the track names it.
pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Dockerfile => "Dockerfile",
        Kind::Capacity => tr(lang, "capacity", "용량", "キャパシティ"),
        Kind::Concept => tr(lang, "concept", "개념", "概念"),
    }
}

/// The label of a goal in the checklist.
pub fn goal_label(e: &Exercise, goal: Goal, lang: Lang) -> String {
    match goal {
        Goal::SameStart => same_start_label(e, lang),
        _ => plain_goal_label(e, goal, lang),
    }
}

/// [`goal_label`] for the calculator's exercises: no Dockerfile engine needed, so the
/// calculator's bundle does not carry it.
pub fn capacity_goal_label(e: &Exercise, goal: Goal, lang: Lang) -> String {
    plain_goal_label(e, goal, lang)
}

fn same_start_label(e: &Exercise, lang: Lang) -> String {
    let command = e
        .dockerfile
        .as_ref()
        .map(|t| {
            let facts = shipshape_dockerfile::facts::image_facts(
                &shipshape_dockerfile::parse(&t.start),
                None,
            );
            command_words(&facts.start.argv).join(" ")
        })
        .unwrap_or_default();
    match lang {
        Lang::En => format!("It still starts the app with `{command}`"),
        Lang::Ko => format!("여전히 `{command}` 명령으로 앱을 시작합니다"),
        Lang::Ja => format!("引き続き `{command}` でアプリを起動する"),
    }
}

fn plain_goal_label(e: &Exercise, goal: Goal, lang: Lang) -> String {
    match goal {
        Goal::Check(i) => match e.checks.get(i) {
            Some(c) => check_label(c, lang),
            None => String::new(),
        },
        Goal::Parses => tr(
            lang,
            "The Dockerfile parses without errors",
            "Dockerfile에 구문 오류가 없습니다",
            "Dockerfile に構文エラーがない",
        )
        .to_string(),
        Goal::SameInstalls => tr(
            lang,
            "The image still installs what the start file installs",
            "처음 주어진 Dockerfile이 설치하던 것을 이미지가 여전히 설치합니다",
            "元のファイルがインストールしていたものを、引き続きイメージにインストールする",
        )
        .to_string(),
        Goal::AppInImage => {
            let files = e
                .dockerfile
                .as_ref()
                .map(|t| t.app.iter().map(|f| f.to_string()).collect::<Vec<_>>())
                .unwrap_or_default();
            let files = names(lang, &files);
            match lang {
                Lang::En => format!("The app's files ({files}) still reach the image"),
                Lang::Ko => format!("앱의 파일({files})이 여전히 이미지에 들어갑니다"),
                Lang::Ja => format!("アプリのファイル（{files}）が引き続きイメージに入る"),
            }
        }
        Goal::SameStart => String::new(),
        Goal::ValidScenario => tr(
            lang,
            "The scenario is one the calculator accepts",
            "계산기가 받아들이는 시나리오입니다",
            "計算機が受け付けるシナリオである",
        )
        .to_string(),
        Goal::FactsKept => {
            let yours: Vec<String> = e
                .capacity
                .as_ref()
                .map(|t| {
                    t.decisions
                        .iter()
                        .map(|d| decision(*d, lang).to_string())
                        .collect()
                })
                .unwrap_or_default();
            let yours = join(lang, &yours);
            match lang {
                Lang::En => format!("Only {yours} changed: the rest is the exercise's facts"),
                Lang::Ko => {
                    format!("바꾼 것은 {yours}뿐이고, 나머지는 연습 문제가 정한 조건 그대로입니다")
                }
                Lang::Ja => format!("変えたのは{yours}だけで、ほかは演習の前提のまま"),
            }
        }
        Goal::Answer => tr(
            lang,
            "The right answer is chosen",
            "올바른 답을 골랐습니다",
            "正解を選んでいる",
        )
        .to_string(),
    }
}

fn check_label(c: &Check, lang: Lang) -> String {
    match c {
        Check::Rebuild {
            changed,
            build_args,
            max_heavy,
            max_rebuilt,
            min_rebuilt,
        } => {
            let mut what: Vec<String> = changed.iter().map(|c| format!("`{c}`")).collect();
            what.extend(build_args.iter().map(|a| format!("`ARG {a}`")));
            let what = join(lang, &what);
            let heavy = match (lang, max_heavy) {
                (_, None) => None,
                (Lang::En, Some(0)) => Some("no heavy step".to_string()),
                (Lang::En, Some(1)) => Some("at most 1 heavy step".to_string()),
                (Lang::En, Some(n)) => Some(format!("at most {n} heavy steps")),
                (Lang::Ko, Some(0)) => Some("무거운 단계 없음".to_string()),
                (Lang::Ko, Some(n)) => Some(format!("무거운 단계 최대 {n}개")),
                (Lang::Ja, Some(0)) => Some("重いステップはなし".to_string()),
                (Lang::Ja, Some(n)) => Some(format!("重いステップは{n}個まで")),
            };
            let steps = match (lang, max_rebuilt) {
                (_, None) => None,
                (Lang::En, Some(1)) => Some("at most 1 step".to_string()),
                (Lang::En, Some(n)) => Some(format!("at most {n} steps")),
                (Lang::Ko, Some(n)) => Some(format!("최대 {n}개")),
                (Lang::Ja, Some(n)) => Some(format!("ステップは{n}個まで")),
            };
            let least = match (lang, min_rebuilt) {
                (_, None) => None,
                (Lang::En, Some(n)) => Some(format!(
                    "at least {n} step{}",
                    if *n == 1 { "" } else { "s" }
                )),
                (Lang::Ko, Some(n)) => Some(format!("최소 {n}개")),
                (Lang::Ja, Some(n)) => Some(format!("ステップは{n}個以上")),
            };
            let limits: Vec<String> = [least, steps, heavy].into_iter().flatten().collect();
            match lang {
                Lang::En => format!("Changing {what} reruns {}", limits.join(" and ")),
                Lang::Ko => {
                    let none =
                        *max_heavy == Some(0) && max_rebuilt.is_none() && min_rebuilt.is_none();
                    if none {
                        format!(
                            "{what}{} 바꿔도 무거운 단계는 하나도 다시 실행되지 않습니다",
                            eul_reul(&what)
                        )
                    } else {
                        format!(
                            "{what}{} 바꿨을 때 다시 실행되는 단계: {}",
                            eul_reul(&what),
                            limits.join(", ")
                        )
                    }
                }
                Lang::Ja => {
                    let none =
                        *max_heavy == Some(0) && max_rebuilt.is_none() && min_rebuilt.is_none();
                    if none {
                        format!("{what} を変えても、重いステップは1つも再実行されない")
                    } else {
                        format!("{what} を変えたときの再実行：{}", limits.join("、"))
                    }
                }
            }
        }
        Check::Finding { rule, present } => match (lang, present) {
            (Lang::En, false) => format!("No {rule} finding"),
            (Lang::Ko, false) => format!("{rule} 발견 사항이 없습니다"),
            (Lang::Ja, false) => format!("{rule} の指摘がない"),
            (Lang::En, true) => format!("The lab finds {rule}"),
            (Lang::Ko, true) => format!("실습 도구에 {rule} 발견 사항이 표시됩니다"),
            (Lang::Ja, true) => format!("ラボが {rule} を指摘する"),
        },
        Check::NonRootUser => tr(
            lang,
            "The final image runs as a user other than root, one the image has",
            "최종 이미지가 root가 아닌 사용자로 실행되고, 그 사용자가 이미지에 있습니다",
            "最終イメージが root 以外のユーザーで動き、そのユーザーがイメージに存在する",
        )
        .to_string(),
        Check::NoBuildTools => tr(
            lang,
            "No compiler or build tool is left in the final image",
            "최종 이미지에 컴파일러나 빌드 도구가 남아 있지 않습니다",
            "最終イメージにコンパイラーやビルドツールが残っていない",
        )
        .to_string(),
        Check::ExecForm => tr(
            lang,
            "The start command is in exec form: the app itself is PID 1 and receives SIGTERM",
            "시작 명령이 exec 형식입니다. 앱 자체가 PID 1이 되어 SIGTERM을 받습니다",
            "起動コマンドが exec 形式で、アプリ自身が PID 1 として SIGTERM を受け取る",
        )
        .to_string(),
        Check::StartHas { args } => {
            let args = names(
                lang,
                &args.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            );
            match lang {
                Lang::En => format!("The start command passes {args}"),
                Lang::Ko => format!("시작 명령에 {args} 옵션이 들어 있습니다"),
                Lang::Ja => format!("起動コマンドに {args} が付いている"),
            }
        }
        Check::Stage {
            name,
            installs,
            runs,
            outside_final,
        } => {
            let mut text = match (lang, runs) {
                (Lang::En, Some(p)) => format!("A stage named `{name}` runs `{p}`"),
                (Lang::En, None) => format!("A stage named `{name}` exists"),
                (Lang::Ko, Some(p)) => {
                    format!("`{name}` 스테이지가 `{p}`{} 실행합니다", eul_reul(p))
                }
                (Lang::Ko, None) => format!("`{name}` 스테이지가 있습니다"),
                (Lang::Ja, Some(p)) => format!("`{name}` ステージが `{p}` を実行する"),
                (Lang::Ja, None) => format!("`{name}` ステージがある"),
            };
            if let Some(m) = installs {
                text.push_str(&match lang {
                    Lang::En => format!(", installing `{m}` first"),
                    Lang::Ko => format!(". 먼저 `{m}`{} 설치합니다", eul_reul(m)),
                    Lang::Ja => format!("（先に `{m}` をインストール）"),
                });
            }
            if *outside_final {
                text.push_str(tr(
                    lang,
                    ", and the final image does not need it",
                    ". 최종 이미지는 이 스테이지를 쓰지 않습니다",
                    "。最終イメージはこのステージを必要としない",
                ));
            }
            text
        }
        Check::Ignored { paths } => {
            let paths = names(
                lang,
                &paths.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            );
            match lang {
                Lang::En => format!("Changing {paths} reruns nothing: they stay out of the build context"),
                Lang::Ko => format!("{paths}{} 바꿔도 아무것도 다시 실행되지 않습니다. 빌드 컨텍스트에 들어가지 않기 때문입니다", eul_reul(&paths)),
                Lang::Ja => format!("{paths} を変えても何も再実行されない（ビルドコンテキストに入らない）"),
            }
        }
        Check::Fits => tr(
            lang,
            "The calculator says it fits",
            "계산기 결과가 '들어갑니다'로 나옵니다",
            "計算機の判定が「収まります」になっている",
        )
        .to_string(),
        Check::NoWarning { code } => match crate::catalogue::warning_code(code) {
            Some(code) => no_warning_label(code, lang),
            None => format!("`{code}`"),
        },
        Check::Compare {
            quantity,
            at_least,
            at_most,
            equals,
            ..
        } => {
            let mut parts = Vec::new();
            for (relation, operand) in [
                (Relation::Equals, equals),
                (Relation::AtLeast, at_least),
                (Relation::AtMost, at_most),
            ] {
                if let Some(o) = operand {
                    let (bound, named) = operand_text(o, lang);
                    parts.push(relation_text(relation, (&bound, named), lang));
                }
            }
            match lang {
                Lang::En => format!(
                    "{}: {}",
                    capitalised(quantity_name(*quantity, lang)),
                    parts.join(", ")
                ),
                Lang::Ko => format!("{}: {}", quantity_name(*quantity, lang), parts.join(", ")),
                Lang::Ja => format!("{}：{}", quantity_name(*quantity, lang), parts.join("、")),
            }
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn operand_text(o: &Operand, lang: Lang) -> (String, bool) {
    match o {
        Operand::Number(n) => (number(*n), false),
        Operand::Quantity(q) => (quantity_name(*q, lang).to_string(), true),
    }
}

/// "exactly 5", "at least the nodes needed"... `named` says the bound is a quantity's name,
/// not a number.
fn relation_text(r: Relation, (bound, named): (&str, bool), lang: Lang) -> String {
    match (lang, r, named) {
        (Lang::En, Relation::Equals, _) => format!("exactly {bound}"),
        (Lang::En, Relation::AtLeast, _) => format!("at least {bound}"),
        (Lang::En, Relation::AtMost, _) => format!("at most {bound}"),
        (Lang::Ko, Relation::Equals, true) => format!("{bound}{} 같은 값", gwa_wa(bound)),
        (Lang::Ko, Relation::Equals, false) => format!("정확히 {bound}"),
        (Lang::Ko, Relation::AtLeast, _) => format!("{bound} 이상"),
        (Lang::Ko, Relation::AtMost, _) => format!("{bound} 이하"),
        (Lang::Ja, Relation::Equals, true) => format!("{bound}と同じ"),
        (Lang::Ja, Relation::Equals, false) => format!("ちょうど{bound}"),
        (Lang::Ja, Relation::AtLeast, _) => format!("{bound}以上"),
        (Lang::Ja, Relation::AtMost, _) => format!("{bound}以下"),
    }
}

/// A quantity's name, as a label starts with it or as a bound names it.
pub fn quantity_name(q: Quantity, lang: Lang) -> &'static str {
    match q {
        Quantity::Workers => tr(
            lang,
            "workers per container",
            "컨테이너당 워커 수",
            "コンテナあたりのワーカー数",
        ),
        Quantity::Containers => tr(
            lang,
            "containers (replicas)",
            "컨테이너(레플리카) 수",
            "コンテナ（レプリカ）数",
        ),
        Quantity::ContainersPerNode => tr(
            lang,
            "containers per node",
            "노드당 컨테이너 수",
            "ノードあたりのコンテナ数",
        ),
        Quantity::Nodes => tr(lang, "the nodes needed", "필요한 노드 수", "必要なノード数"),
        Quantity::NodeCount => tr(lang, "node count", "노드 수", "ノード数"),
        Quantity::ContainerMemoryMib => tr(
            lang,
            "memory per container (MiB)",
            "컨테이너당 메모리(MiB)",
            "コンテナあたりのメモリ（MiB）",
        ),
        Quantity::MemoryLimitMib => tr(
            lang,
            "memory limit (MiB)",
            "메모리 제한(MiB)",
            "メモリ制限（MiB）",
        ),
        Quantity::LimitOverUse => tr(
            lang,
            "memory limit ÷ memory used",
            "메모리 제한 ÷ 사용 메모리",
            "メモリ制限 ÷ 使用メモリ",
        ),
        Quantity::WorkerProcessesNeeded => tr(
            lang,
            "the worker processes the traffic needs (Little's law)",
            "트래픽에 필요한 워커 프로세스 수(리틀의 법칙)",
            "トラフィックに必要なワーカープロセス数（リトルの法則）",
        ),
        Quantity::MaxWorkersThatFit => tr(
            lang,
            "the most workers that fit",
            "들어갈 수 있는 최대 워커 수",
            "収まる最大のワーカー数",
        ),
        Quantity::GunicornWorkersForLimit => tr(
            lang,
            "gunicorn's 2 × CPU limit + 1",
            "gunicorn 공식 2 × CPU 제한 + 1",
            "gunicorn の式 2 × CPU 制限 + 1",
        ),
    }
}

/// What a trainee may change in a capacity exercise.
pub fn decision(d: Decision, lang: Lang) -> &'static str {
    match d {
        Decision::Workers => tr(lang, "the workers", "워커 수", "ワーカー数"),
        Decision::Server => tr(lang, "the server", "서버 방식", "サーバー"),
        Decision::MemoryLimit => tr(lang, "the memory limit", "메모리 제한", "メモリ制限"),
        Decision::CpuLimit => tr(lang, "the CPU limit", "CPU 제한", "CPU 制限"),
        Decision::CpuRequest => tr(lang, "the CPU request", "CPU 요청", "CPU リクエスト"),
        Decision::NodeType => tr(lang, "the node type", "노드 유형", "ノードの種類"),
        Decision::NodeCount => tr(lang, "the node count", "노드 수", "ノード数"),
        Decision::Spares => tr(
            lang,
            "the spare replicas",
            "여분 레플리카",
            "予備のレプリカ",
        ),
    }
}

fn no_warning_label(code: WarningCode, lang: Lang) -> String {
    match code {
        WarningCode::MemoryOverLimit => tr(
            lang,
            "No OOM kill: the container stays within its memory limit",
            "OOM 킬이 없습니다. 컨테이너가 메모리 제한 안에서 동작합니다",
            "OOM kill されない（コンテナがメモリ制限内に収まる）",
        ),
        WarningCode::WorkersFromHostCores => tr(
            lang,
            "The worker count does not come from the host's cores",
            "워커 수를 호스트의 코어 수로 정하지 않습니다",
            "ワーカー数をホストのコア数から決めていない",
        ),
        WarningCode::NotEnoughNodes => tr(
            lang,
            "The nodes are enough for every replica",
            "모든 레플리카를 올릴 만큼 노드가 충분합니다",
            "すべてのレプリカを載せられるだけのノードがある",
        ),
        WarningCode::MemoryOverNode => tr(
            lang,
            "One container fits in a node's memory",
            "컨테이너 하나가 노드 메모리에 들어갑니다",
            "コンテナ1つがノードのメモリに収まる",
        ),
        WarningCode::UtilizationAboveBand => tr(
            lang,
            "The target utilization leaves headroom for spikes",
            "목표 사용률이 트래픽 급증에 대비한 여유분을 남깁니다",
            "目標使用率に急増への余裕がある",
        ),
        _ => {
            return match lang {
                Lang::En => format!("No `{}` warning", warning_name(code)),
                Lang::Ko => format!("`{}` 경고가 없습니다", warning_name(code)),
                Lang::Ja => format!("`{}` の警告がない", warning_name(code)),
            }
        }
    }
    .to_string()
}

fn warning_name(code: WarningCode) -> &'static str {
    code.as_str()
}

/// Why a scenario does not fit, from the first error (its code and numbers).
fn does_not_fit(w: Option<&Warning>, lang: Lang) -> String {
    let value = |name: &str| {
        w.and_then(|w| w.values.get(name))
            .map(|v| number(*v).split('.').next().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    match w.map(|w| w.code) {
        Some(WarningCode::MemoryOverLimit) => {
            let (needed, limit) = (value("needed_mib"), value("limit_mib"));
            match lang {
                Lang::En => format!("It does not fit: the container needs {needed} MiB but its memory limit is {limit} MiB, so the kernel OOM-kills it (exit code 137)."),
                Lang::Ko => format!("들어가지 않습니다. 컨테이너에 {needed}MiB가 필요한데 메모리 제한은 {limit}MiB라서, 커널이 컨테이너를 OOM으로 강제 종료합니다(종료 코드 137)."),
                Lang::Ja => format!("収まりません。コンテナには {needed} MiB 必要ですが、メモリ制限は {limit} MiB なので、カーネルに OOM kill されます（終了コード 137）。"),
            }
        }
        Some(WarningCode::MemoryOverNode) => {
            let (needed, available) = (value("needed_mib"), value("available_mib"));
            match lang {
                Lang::En => format!("It does not fit: one container needs {needed} MiB, and the machine or node has {available} MiB for it."),
                Lang::Ko => format!("들어가지 않습니다. 컨테이너 하나에 {needed}MiB가 필요한데, 머신이나 노드에서 쓸 수 있는 메모리는 {available}MiB입니다."),
                Lang::Ja => format!("収まりません。コンテナ1つに {needed} MiB 必要ですが、マシン（またはノード）でコンテナに使えるメモリは {available} MiB です。"),
            }
        }
        Some(WarningCode::CpuOverNode) => tr(
            lang,
            "It does not fit: one container asks for more CPU than a node has for pods.",
            "들어가지 않습니다. 컨테이너 하나가 요청하는 CPU가 노드에서 Pod에 쓸 수 있는 양보다 많습니다.",
            "収まりません。コンテナ1つの CPU リクエストが、ノードで Pod に使える CPU を超えています。",
        )
        .to_string(),
        Some(WarningCode::NotEnoughNodes) => tr(
            lang,
            "It does not fit: the replicas need more nodes than the node count.",
            "들어가지 않습니다. 레플리카를 모두 올리려면 노드 수보다 많은 노드가 필요합니다.",
            "収まりません。レプリカをすべて載せるには、ノード数より多くのノードが必要です。",
        )
        .to_string(),
        Some(WarningCode::NoPodSlots) => tr(
            lang,
            "It does not fit: the node has no pod slot left.",
            "들어가지 않습니다. 노드에 Pod를 더 올릴 자리가 없습니다.",
            "収まりません。ノードに Pod を載せる枠が残っていません。",
        )
        .to_string(),
        _ => tr(
            lang,
            "It does not fit: see the calculator's warnings.",
            "들어가지 않습니다. 계산기의 경고를 확인하세요.",
            "収まりません。計算機の警告を確認してください。",
        )
        .to_string(),
    }
}

fn warned(w: &Warning, lang: Lang) -> String {
    match w.code {
        WarningCode::MemoryOverLimit | WarningCode::MemoryOverNode | WarningCode::NotEnoughNodes => {
            does_not_fit(Some(w), lang)
        }
        WarningCode::WorkersFromHostCores => tr(
            lang,
            "The worker count still comes from the host's cores, not from the container's CPU limit.",
            "워커 수가 아직 컨테이너의 CPU 제한이 아니라 호스트의 코어 수로 정해집니다.",
            "ワーカー数が、まだコンテナの CPU 制限ではなくホストのコア数から決まっています。",
        )
        .to_string(),
        code => match lang {
            Lang::En => format!("The calculator still warns: `{}`.", warning_name(code)),
            Lang::Ko => format!("계산기가 아직 `{}` 경고를 냅니다.", warning_name(code)),
            Lang::Ja => format!("計算機がまだ `{}` を警告しています。", warning_name(code)),
        },
    }
}

fn ecosystem_family(tool: Ecosystem, lang: Lang) -> String {
    let language = match tool {
        Ecosystem::Pip
        | Ecosystem::Poetry
        | Ecosystem::Uv
        | Ecosystem::Pipenv
        | Ecosystem::Conda => "Python",
        Ecosystem::Npm | Ecosystem::Yarn | Ecosystem::Pnpm => "Node.js",
        Ecosystem::Go => "Go",
        Ecosystem::Cargo => "Rust",
        Ecosystem::Bundler => "Ruby",
        Ecosystem::Composer => "PHP",
        Ecosystem::Maven | Ecosystem::Gradle => "Java",
        Ecosystem::Dotnet => ".NET",
    };
    match lang {
        Lang::En => format!("the {language} dependencies ({})", tool.name()),
        Lang::Ko => format!("{language} 의존성({})", tool.name()),
        Lang::Ja => format!("{language} の依存関係（{}）", tool.name()),
    }
}

fn fact_part(part: &str, lang: Lang) -> &'static str {
    match part {
        "app" => tr(
            lang,
            "the app (its memory and timings)",
            "앱(메모리와 처리 시간)",
            "アプリ（メモリと処理時間）",
        ),
        "server" => tr(lang, "the server", "서버 방식", "サーバー"),
        "workers" => tr(lang, "the workers", "워커 수", "ワーカー数"),
        "container" => tr(
            lang,
            "the container's limits",
            "컨테이너 제한",
            "コンテナの制限",
        ),
        "target" => tr(
            lang,
            "the machine or cluster",
            "머신이나 클러스터",
            "マシンまたはクラスター",
        ),
        "traffic" => tr(lang, "the traffic", "트래픽", "トラフィック"),
        "target_utilization" => tr(lang, "the target utilization", "목표 사용률", "目標使用率"),
        _ => tr(
            lang,
            "the spare replicas",
            "여분 레플리카",
            "予備のレプリカ",
        ),
    }
}

/// What is still wrong, in `lang`.
pub fn problem(e: &Exercise, p: &Problem, lang: Lang) -> String {
    match p {
        Problem::ParseError { line: n, kind } => {
            let text = shipshape_dockerfile::diagnostic_text(kind, lang);
            match lang {
                Lang::Ja => format!("{}：{text}", line(lang, *n)),
                _ => format!("{}: {text}", capitalised(&line(lang, *n))),
            }
        }
        Problem::Finding(f) => {
            let (rule, at) = (f.rule, line(lang, f.span.start_pos.line));
            let text = message_text(&f.message, lang);
            match lang {
                Lang::Ja => format!("{rule}（{at}）：{text}"),
                _ => format!("{rule} ({at}): {text}"),
            }
        }
        _ => plain_problem(e, p, lang),
    }
}

/// [`problem`] for the calculator's exercises, without the Dockerfile engine's messages.
pub fn capacity_problem(e: &Exercise, p: &Problem, lang: Lang) -> String {
    plain_problem(e, p, lang)
}

fn plain_problem(e: &Exercise, p: &Problem, lang: Lang) -> String {
    match p {
        Problem::WrongKind => {
            let kind = kind_name(e.kind(), lang);
            match lang {
                Lang::En => format!("This is not work for a {kind} exercise."),
                Lang::Ko => format!("이 연습 문제({kind})에 맞는 제출물이 아닙니다."),
                Lang::Ja => format!("この演習（{kind}）に合う提出物ではありません。"),
            }
        }
        // Worded by `problem`, with the Dockerfile engine's messages.
        Problem::ParseError { .. } | Problem::Finding(_) => String::new(),
        Problem::Reruns { rebuilt, heavy } => {
            let steps: Vec<String> = heavy
                .iter()
                .map(|(n, text)| match lang {
                    Lang::Ja => format!("`{text}`（{}）", line(lang, *n)),
                    _ => format!("`{text}` ({})", line(lang, *n)),
                })
                .collect();
            match (lang, heavy.len()) {
                (Lang::En, 0) => format!("{rebuilt} steps rerun."),
                (Lang::Ko, 0) => format!("단계 {rebuilt}개가 다시 실행됩니다."),
                (Lang::Ja, 0) => format!("{rebuilt}個のステップが再実行されます。"),
                (Lang::En, n) => format!(
                    "{rebuilt} step{} rerun, {n} of them heavy: {}.",
                    if *rebuilt == 1 { "" } else { "s" },
                    join(lang, &steps)
                ),
                (Lang::Ko, n) => format!(
                    "단계 {rebuilt}개가 다시 실행되고, 그중 {n}개가 무거운 단계입니다: {}.",
                    join(lang, &steps)
                ),
                (Lang::Ja, n) => format!(
                    "{rebuilt}個のステップが再実行され、そのうち{n}個が重いステップです：{}。",
                    join(lang, &steps)
                ),
            }
        }
        Problem::TooFewReruns { rebuilt } => match lang {
            Lang::En => format!("The change reruns {rebuilt} step(s): what it feeds no longer reaches the image. Move the step, don't delete it."),
            Lang::Ko => format!("이 변경으로 다시 실행되는 단계가 {rebuilt}개뿐입니다. 바꾼 내용이 더 이상 이미지에 반영되지 않는다는 뜻입니다. 단계는 지우지 말고 옮기세요."),
            Lang::Ja => format!("この変更で再実行されるステップは{rebuilt}個だけで、変更した内容がもうイメージに届いていません。ステップは消さずに移動してください。"),
        },
        Problem::FindingMissing { rule } => match lang {
            Lang::En => format!("The lab does not find {rule} yet."),
            Lang::Ko => format!("실습 도구에 아직 {rule} 발견 사항이 표시되지 않습니다."),
            Lang::Ja => format!("ラボはまだ {rule} を指摘していません。"),
        },
        Problem::UserMissing { user, line: n } => match lang {
            Lang::En => format!("{} switches to `{user}`, but nothing in the image creates that user: add one with `useradd` before it.", capitalised(&line(lang, *n))),
            Lang::Ko => format!("{}에서 `{user}` 사용자로 바꾸지만, 이미지 안에서 그 사용자를 만드는 단계가 없습니다. 그 앞에 `useradd`로 사용자를 만드세요.", line(lang, *n)),
            Lang::Ja => format!("{}で `{user}` に切り替えていますが、そのユーザーを作るステップがイメージにありません。その前に `useradd` で作成してください。", line(lang, *n)),
        },
        Problem::NoStartCommand => tr(
            lang,
            "The final stage has no CMD or ENTRYPOINT.",
            "최종 스테이지에 CMD도 ENTRYPOINT도 없습니다.",
            "最終ステージに CMD も ENTRYPOINT もありません。",
        )
        .to_string(),
        Problem::ShellForm { line: n } => match lang {
            Lang::En => format!("{} is in shell form: `/bin/sh` becomes PID 1, and the app never receives SIGTERM.", capitalised(&line(lang, *n))),
            Lang::Ko => format!("{}의 명령이 셸 형식입니다. `/bin/sh`가 PID 1이 되어 앱은 SIGTERM을 받지 못합니다.", line(lang, *n)),
            Lang::Ja => format!("{}がシェル形式です。`/bin/sh` が PID 1 になり、アプリには SIGTERM が届きません。", line(lang, *n)),
        },
        Problem::ShellWrapper { line: n } => match lang {
            Lang::En => format!("{} starts a shell, which stays PID 1: start the program itself.", capitalised(&line(lang, *n))),
            Lang::Ko => format!("{}의 명령은 셸을 시작하고, 그 셸이 PID 1로 남습니다. 프로그램을 직접 시작하세요.", line(lang, *n)),
            Lang::Ja => format!("{}はシェルを起動し、そのシェルが PID 1 のまま残ります。プログラムを直接起動してください。", line(lang, *n)),
        },
        Problem::MissingArgs { args } => {
            let args = names(lang, args);
            match lang {
                Lang::En => format!("The start command does not pass {args} yet."),
                Lang::Ko => format!("시작 명령에 아직 {args} 옵션이 없습니다."),
                Lang::Ja => format!("起動コマンドにまだ {args} がありません。"),
            }
        }
        Problem::NoStage { name } => match lang {
            Lang::En => format!("No stage is named `{name}` yet (`FROM … AS {name}`)."),
            Lang::Ko => format!("아직 `{name}` 스테이지가 없습니다(`FROM … AS {name}`)."),
            Lang::Ja => format!("まだ `{name}` ステージがありません（`FROM … AS {name}`）。"),
        },
        Problem::StageDoesNotRun { name, program } => match lang {
            Lang::En => format!("Stage `{name}` does not run `{program}`."),
            Lang::Ko => format!("`{name}` 스테이지가 `{program}`{} 실행하지 않습니다.", eul_reul(program)),
            Lang::Ja => format!("`{name}` ステージが `{program}` を実行していません。"),
        },
        Problem::StageDoesNotInstall { name, manifest } => match lang {
            Lang::En => format!("Stage `{name}` does not install `{manifest}`."),
            Lang::Ko => format!("`{name}` 스테이지가 `{manifest}`{} 설치하지 않습니다.", eul_reul(manifest)),
            Lang::Ja => format!("`{name}` ステージが `{manifest}` をインストールしていません。"),
        },
        Problem::StageInFinal { name } => match lang {
            Lang::En => format!("The final image needs stage `{name}`, so what it installs ships with the app."),
            Lang::Ko => format!("최종 이미지가 `{name}` 스테이지를 쓰므로, 그 스테이지에서 설치한 것이 앱과 함께 배포됩니다."),
            Lang::Ja => format!("最終イメージが `{name}` ステージを使っているため、そこでインストールしたものがアプリと一緒に本番環境に入ってしまいます。"),
        },
        Problem::NotIgnored { path, line: n, step } => match lang {
            Lang::En => format!("Changing `{path}` reruns `{step}` ({}): the file is still in the build context.", line(lang, *n)),
            Lang::Ko => format!("`{path}`{} 바꾸면 `{step}` 단계({})가 다시 실행됩니다. 이 파일이 아직 빌드 컨텍스트에 들어 있습니다.", eul_reul(path), line(lang, *n)),
            Lang::Ja => format!("`{path}` を変えると `{step}`（{}）が再実行されます。このファイルはまだビルドコンテキストに入っています。", line(lang, *n)),
        },
        Problem::MissingInstalls(missing) => {
            let items: Vec<String> = missing
                .iter()
                .map(|m| match m {
                    Missing::Dependencies { tool, line: n } => match lang {
                        Lang::En => format!("{} (start file, {})", ecosystem_family(*tool, lang), line(lang, *n)),
                        Lang::Ko => format!("처음 주어진 Dockerfile {1}의 {0}", ecosystem_family(*tool, lang), line(lang, *n)),
                        Lang::Ja => format!("{}（元のファイルの{}）", ecosystem_family(*tool, lang), line(lang, *n)),
                    },
                    Missing::Package { name } => match lang {
                        Lang::En => format!("the package `{name}`"),
                        Lang::Ko => format!("`{name}` 패키지"),
                        Lang::Ja => format!("`{name}` パッケージ"),
                    },
                    Missing::Build { command } => match lang {
                        Lang::En => format!("the build (`{command}`)"),
                        Lang::Ko => format!("빌드(`{command}`)"),
                        Lang::Ja => format!("ビルド（`{command}`）"),
                    },
                    Missing::IndexUpdate { manager } => match lang {
                        Lang::En => format!("the {manager} package index it needs (`update`, in the same RUN)"),
                        Lang::Ko => format!("설치에 필요한 {manager} 패키지 목록(같은 RUN의 `update`)"),
                        Lang::Ja => format!("インストールに必要な {manager} のパッケージリスト（同じ RUN での `update`）"),
                    },
                })
                .collect();
            let items = join(lang, &items);
            match lang {
                Lang::En => format!("The image no longer installs {items}. Move a step, don't delete it."),
                Lang::Ko => format!("이미지가 더 이상 {items}{} 설치하지 않습니다. 단계는 지우지 말고 옮기세요.", eul_reul(&items)),
                Lang::Ja => format!("イメージが {items} をインストールしなくなっています。ステップは消さずに移動してください。"),
            }
        }
        Problem::AppMissing { files } => {
            let files = names(lang, files);
            match lang {
                Lang::En => format!("{files} no longer reach the image: changing them reruns nothing in the final stage."),
                Lang::Ko => format!("{files}{} 더 이상 이미지에 들어가지 않습니다. 바꿔도 최종 스테이지에서 다시 실행되는 단계가 없습니다.", i_ga(&files)),
                Lang::Ja => format!("{files} がイメージに入らなくなっています。これらを変えても、最終ステージでは何も再実行されません。"),
            }
        }
        Problem::StartChanged { expected, found } => {
            let expected = expected.join(" ");
            if found.is_empty() {
                match lang {
                    Lang::En => format!("There is no start command; the start file runs `{expected}`."),
                    Lang::Ko => format!("시작 명령이 없습니다. 처음 주어진 Dockerfile은 `{expected}`{} 실행합니다.", eul_reul(&expected)),
                    Lang::Ja => format!("起動コマンドがありません。元のファイルは `{expected}` を実行します。"),
                }
            } else {
                let found = found.join(" ");
                match lang {
                    Lang::En => format!("It runs `{found}`, but the start file runs `{expected}`: keep the program and its arguments."),
                    Lang::Ko => format!("`{found}`{} 실행하지만 처음 주어진 Dockerfile은 `{expected}`{} 실행합니다. 프로그램과 인자는 그대로 두세요.", eul_reul(&found), eul_reul(&expected)),
                    Lang::Ja => format!("`{found}` を実行していますが、元のファイルは `{expected}` を実行します。プログラムと引数はそのままにしてください。"),
                }
            }
        }
        Problem::InvalidScenario { field, reason } => match lang {
            Lang::En => format!("The scenario is not valid: `{field}`: {reason}."),
            Lang::Ko => format!("시나리오가 올바르지 않습니다. `{field}`: {reason}."),
            Lang::Ja => format!("シナリオが正しくありません。`{field}`：{reason}。"),
        },
        Problem::DoesNotFit { warning } => does_not_fit(warning.as_ref(), lang),
        Problem::Warning(w) => warned(w, lang),
        Problem::Compare {
            quantity,
            value,
            relation,
            bound,
        } => {
            let name = quantity_name(*quantity, lang);
            let must = relation_text(*relation, (&number(*bound), false), lang);
            match lang {
                Lang::En => format!("{} is {}; it must be {must}.", capitalised(name), number(*value)),
                Lang::Ko => format!("{name}{} {}입니다. {must}{} 합니다.", i_ga(name), number(*value), if ending(&must).has_final() { "이어야" } else { "여야" }),
                Lang::Ja => format!("{name}は{}です。{must}にしてください。", number(*value)),
            }
        }
        Problem::FactsChanged { parts } => {
            let parts: Vec<String> = parts.iter().map(|p| fact_part(p, lang).to_string()).collect();
            let parts = join(lang, &parts);
            match lang {
                Lang::En => format!("You changed {parts}, which the exercise fixes: change only what it leaves to you."),
                Lang::Ko => format!("연습 문제가 정해 둔 {parts}{} 바꿨습니다. 직접 정하도록 맡긴 항목만 바꾸세요.", eul_reul(&parts)),
                Lang::Ja => format!("演習で決まっている{parts}を変えています。任された項目だけを変えてください。"),
            }
        }
        Problem::NoAnswer => tr(lang, "Pick an answer.", "답을 고르세요.", "答えを選んでください。").to_string(),
        Problem::WrongAnswer { .. } => tr(
            lang,
            "Not this one: read why, and try another.",
            "이 답은 아닙니다. 이유를 읽고 다른 답을 골라 보세요.",
            "不正解です。理由を読んで、別の答えを選んでみてください。",
        )
        .to_string(),
    }
}

/// The CLI's own words.
pub struct CliWords {
    pub passed: &'static str,
    pub not_yet: &'static str,
    pub goals_met: &'static str,
    pub with_solution: &'static str,
    pub all_pass: &'static str,
    pub some_fail: &'static str,
}

pub fn cli(lang: Lang) -> &'static CliWords {
    const EN: CliWords = CliWords {
        passed: "passed",
        not_yet: "not yet",
        goals_met: "goals met",
        with_solution: "solved with the solution",
        all_pass: "every exercise in the code still passes",
        some_fail: "some exercises in the code do not pass",
    };
    const KO: CliWords = CliWords {
        passed: "통과",
        not_yet: "미통과",
        goals_met: "목표 달성",
        with_solution: "해답을 보고 해결",
        all_pass: "완료 코드에 든 연습 문제가 모두 여전히 통과합니다",
        some_fail: "완료 코드에 든 연습 문제 중 통과하지 못하는 것이 있습니다",
    };
    const JA: CliWords = CliWords {
        passed: "合格",
        not_yet: "未合格",
        goals_met: "目標達成",
        with_solution: "解答を見て完了",
        all_pass: "コードに含まれる演習はすべて合格のままです",
        some_fail: "コードに含まれる演習のうち、合格しないものがあります",
    };
    tr(lang, &EN, &KO, &JA)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.7), "0.7");
        assert_eq!(number(1.14), "1.14");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(2.999), "3");
        assert_eq!(number(f64::NAN), "0");
    }
}
