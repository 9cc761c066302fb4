//! Korean particles after an inserted word, and Korean counters.
//!
//! A Korean particle has two forms, chosen by how the word before it ends when read aloud:
//! 이/가, 은/는, 을/를, 과/와, 이나/나 and 이라/라 take the first form after a final consonant
//! (받침) and the second after a vowel; (으)로 takes 으로 after a final consonant other than ㄹ,
//! and 로 after a vowel or ㄹ. A message that inserts a command, a file or a number cannot write
//! the particle by hand, so it asks [`josa`] (or one of the short functions, [`i_ga`] and so on).
//!
//! An inserted word is read the way Korean developers say it:
//!
//! - Hangul by its last syllable;
//! - digits as Sino-Korean numbers: `0` 영, `1` 일, `3` 삼, `6` 육, `7` 칠, `8` 팔 end in a
//!   consonant, `2` 이, `4` 사, `5` 오, `9` 구 in a vowel; `10` 십, `100` 백, `1000` 천,
//!   `10000` 만 in a consonant (`SS001은`, `3행은`, `DL3000은`, `v2를`); Kubernetes' CPU
//!   `500m` as 오백 밀리;
//! - capitals of up to three letters, and words without a vowel letter, by their letter names
//!   (`CPU` 씨피유, `URL` 유알엘, `npm` 엔피엠, `txt` 티엑스티), the last part of a camel-case word
//!   alone (`GiB` …비, `FastAPI` …에이피아이, `BuildKit` …킷);
//! - other words by their usual Korean spelling (`pip` 핍, `get` 겟, `python` 파이썬, `file` 파일,
//!   `docker` 도커, `root` 루트), with a short list of words whose spelling misleads (`uv` 유브이,
//!   `USER` 유저, `apt` 앱트, `GitHub` 깃허브);
//! - a file or path by its last part (`app/main.py` 파이, `uv.lock` 락), a word in parentheses or
//!   quotes by what stands before the parentheses and inside the quotes (`3행(\`RUN\`)이`).
//!
//! Korean counts put the counter right after the number, without a space: [`count`] writes
//! `12개`, [`counted`] writes `결과 12개`.

use std::fmt::Display;

/// How a word ends when read aloud: what decides the form of a particle after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// No final consonant (`uv` 유브이, `4` 사, `Docker` 도커).
    Vowel,
    /// The final consonant ㄹ (`1` 일, `Dockerfile` 파일, `URL` 유알엘): like any final
    /// consonant, except before (으)로, which is then 로.
    Rieul,
    /// Any other final consonant (`pip` 핍, `3` 삼, `npm` 엔피엠).
    Consonant,
}

impl Ending {
    /// Whether the word ends in a final consonant (받침), ㄹ included.
    pub const fn has_final(self) -> bool {
        !matches!(self, Ending::Vowel)
    }
}

/// A particle with two forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Josa {
    /// 이/가: the subject.
    IGa,
    /// 은/는: the topic.
    EunNeun,
    /// 을/를: the object.
    EulReul,
    /// 과/와: "and", "with".
    GwaWa,
    /// 으로/로: "with", "as", "to". 로 after a vowel or ㄹ.
    EuroRo,
    /// 이나/나: "or".
    INa,
    /// 이라/라: before 는, 고 and the like (`pip이라는`, `uv라고`).
    IRa,
}

impl Josa {
    /// Every particle, for tests and checks.
    pub const ALL: [Josa; 7] = [
        Josa::IGa,
        Josa::EunNeun,
        Josa::EulReul,
        Josa::GwaWa,
        Josa::EuroRo,
        Josa::INa,
        Josa::IRa,
    ];

    /// The two forms: after a final consonant, after a vowel.
    pub const fn forms(self) -> (&'static str, &'static str) {
        match self {
            Josa::IGa => ("이", "가"),
            Josa::EunNeun => ("은", "는"),
            Josa::EulReul => ("을", "를"),
            Josa::GwaWa => ("과", "와"),
            Josa::EuroRo => ("으로", "로"),
            Josa::INa => ("이나", "나"),
            Josa::IRa => ("이라", "라"),
        }
    }

    /// The form after a word that ends so.
    pub const fn after_ending(self, ending: Ending) -> &'static str {
        let (consonant, vowel) = self.forms();
        match (self, ending) {
            (Josa::EuroRo, Ending::Rieul) => vowel,
            (_, Ending::Vowel) => vowel,
            _ => consonant,
        }
    }

    /// The particle one of whose forms is `text` ("가" → 이/가, "으로" → (으)로), if any.
    pub fn of(text: &str) -> Option<Josa> {
        Josa::ALL.into_iter().find(|j| {
            let (c, v) = j.forms();
            text == c || text == v
        })
    }
}

/// How `word` ends when read aloud (see the module's notes).
pub fn ending(word: &str) -> Ending {
    read(word)
}

/// The form of `particle` after `word`: `josa("pip", Josa::IGa)` is "이", `josa("uv", Josa::IGa)`
/// is "가". Write it right after the word, as in `format!("`{w}`{} 설치합니다", eul_reul(w))`.
pub fn josa(word: &str, particle: Josa) -> &'static str {
    particle.after_ending(ending(word))
}

/// `word` followed by the right form of `particle`: `attach("npm", Josa::EulReul)` is "npm을".
pub fn attach(word: &str, particle: Josa) -> String {
    let mut s = String::with_capacity(word.len() + 6);
    s.push_str(word);
    s.push_str(josa(word, particle));
    s
}

/// 이 or 가 after `word`.
pub fn i_ga(word: &str) -> &'static str {
    josa(word, Josa::IGa)
}

/// 은 or 는 after `word`.
pub fn eun_neun(word: &str) -> &'static str {
    josa(word, Josa::EunNeun)
}

/// 을 or 를 after `word`.
pub fn eul_reul(word: &str) -> &'static str {
    josa(word, Josa::EulReul)
}

/// 과 or 와 after `word`.
pub fn gwa_wa(word: &str) -> &'static str {
    josa(word, Josa::GwaWa)
}

/// 으로 or 로 after `word`.
pub fn euro_ro(word: &str) -> &'static str {
    josa(word, Josa::EuroRo)
}

/// 이나 or 나 after `word`.
pub fn i_na(word: &str) -> &'static str {
    josa(word, Josa::INa)
}

/// Whether `particle` (one form of a two-form particle, "가", "으로") is the right one after
/// `word`; `None` when `particle` is not such a form. For checks over written text.
pub fn fits(word: &str, particle: &str) -> Option<bool> {
    Josa::of(particle).map(|j| josa(word, j) == particle)
}

/// A count in Korean order: the number, then the counter, without a space (`count(12, "개")`
/// is "12개", `count(3, "행")` is "3행").
pub fn count(n: impl Display, unit: &str) -> String {
    format!("{n}{unit}")
}

/// A noun with its count after it: `counted("결과", 12, "개")` is "결과 12개" (not "12 개의 결과").
pub fn counted(noun: &str, n: impl Display, unit: &str) -> String {
    format!("{noun} {n}{unit}")
}

/// A particle in written Korean that does not agree with the word before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Byte offset of the particle in the text.
    pub at: usize,
    /// The word before it, as written (`` `pip` ``, `app/main.py`, `3`).
    pub word: String,
    /// The particle as written.
    pub found: &'static str,
    /// The form the word asks for.
    pub want: &'static str,
}

/// Particle forms as they start a run of Hangul, the longest first, with what may follow each
/// inside the same run (another particle: `uv로는`, `npm과의`) besides a space or punctuation.
const WRITTEN: &[(&str, &[&str])] = &[
    ("이나", &[]),
    ("이라", &["는", "고", "면", "서", "도", "니"]),
    ("으로", &["는", "도", "서", "써", "만", "부터", "의"]),
    ("이", &[]),
    ("가", &[]),
    ("은", &[]),
    ("는", &[]),
    ("을", &[]),
    ("를", &[]),
    ("과", &["는", "도", "의", "만"]),
    ("와", &["는", "도", "의", "만"]),
    ("로", &["는", "도", "서", "써", "만", "부터", "의"]),
    ("나", &[]),
    ("라", &["는", "고", "면", "서", "도", "니"]),
];

fn is_syllable(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Every two-form particle written right after a word in Latin letters, digits or symbols (an
/// inserted word: `pip이`, `` `uv`가 ``, `3행(`RUN`)은`, `[FastAPI](…)를`) whose form does not fit
/// how that word is read. Hangul words are not checked (their particles are written by the writer,
/// who hears them). For checking written text: Markdown pages and rendered messages.
pub fn mismatches(text: &str) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_word = prev.is_some_and(|p| !is_syllable(p) && !p.is_whitespace());
        prev = Some(c);
        if !is_syllable(c) || !after_word {
            continue;
        }
        let word = word_before(text, i);
        if !word.bytes().any(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let rest = &text[i..];
        let found = WRITTEN.iter().find_map(|(form, then)| {
            let tail = rest.strip_prefix(form)?;
            let ends = !tail.chars().next().is_some_and(is_syllable)
                || then.iter().any(|t| {
                    tail.strip_prefix(t)
                        .is_some_and(|x| !x.chars().next().is_some_and(is_syllable))
                });
            ends.then_some(*form)
        });
        let Some(found) = found else { continue };
        let Some(j) = Josa::of(found) else { continue };
        let want = josa(word, j);
        if want != found {
            out.push(Mismatch {
                at: i,
                word: word.to_string(),
                found,
                want,
            });
        }
    }
    out
}

/// The word that ends at byte `i`: back to a space, or past it to the word a parenthesis that
/// ends the word belongs to (`도구(빌드할 때만 필요한 것)`).
fn word_before(text: &str, i: usize) -> &str {
    let mut depth = 0usize;
    for (j, c) in text[..i].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => return &text[j + c.len_utf8()..i],
            _ => {}
        }
    }
    &text[..i]
}

/// Forms that leave the choice of a particle to the reader: a message should choose it.
const UNDECIDED: &[&str] = &[
    "을(를)", "를(을)", "은(는)", "는(은)", "이(가)", "가(이)", "과(와)", "와(과)", "(으)로",
    "(이)나", "(이)라",
];

/// In a message template (a Rust format string, or a `{0}` template filled later), the byte
/// offsets of particles whose form cannot be right for every word the template inserts: a fixed
/// form right after a placeholder (`` `{name}`을 ``, `{0}이 한계`, `{x}(…)가`), and the forms that
/// leave the choice to the reader (`을(를)`, `(으)로`) anywhere. Such a particle has to come from
/// [`josa`] on the inserted word. A particle after a parenthesis that holds the placeholder agrees
/// with the word before the parenthesis (`도구({t})가`) and is fine.
pub fn template_problems(template: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for (i, c) in template.char_indices() {
        if i < skip_to {
            continue;
        }
        let rest = &template[i..];
        if let Some(u) = UNDECIDED.iter().find(|u| rest.starts_with(**u)) {
            out.push(i);
            skip_to = i + u.len();
            continue;
        }
        if !is_syllable(c) || template[..i].chars().next_back().is_none_or(is_syllable) {
            continue;
        }
        let written = WRITTEN.iter().any(|(form, then)| {
            rest.strip_prefix(form).is_some_and(|tail| {
                !tail.chars().next().is_some_and(is_syllable)
                    || then.iter().any(|t| {
                        tail.strip_prefix(t)
                            .is_some_and(|x| !x.chars().next().is_some_and(is_syllable))
                    })
            })
        });
        if written && decided_by_placeholder(word_before(template, i)) {
            out.push(i);
        }
    }
    out
}

/// Whether the word at the end of `s` is a placeholder (`{name}`, `{0}`, `{}`), as [`ending`]
/// would read it: past quotes and backticks, and to the word before a parenthesis.
fn decided_by_placeholder(s: &str) -> bool {
    let w = s.trim_end_matches(|c| c != '}' && is_closer(c));
    if w.ends_with(')') || w.ends_with('）') {
        let close = w.len() - w.chars().next_back().map_or(1, char::len_utf8);
        return match matching_open(&w[..close]) {
            Some(open)
                if !w[..open]
                    .trim_end_matches(|c| c != '}' && is_closer(c))
                    .is_empty() =>
            {
                decided_by_placeholder(&w[..open])
            }
            Some(open) => decided_by_placeholder(
                &w[open + w[open..].chars().next().map_or(1, char::len_utf8)..close],
            ),
            None => decided_by_placeholder(&w[..close]),
        };
    }
    w.ends_with('}') && !w.ends_with("}}")
}

/// Sentence endings outside the guide's register (합니다체 statements, "-세요" for what the
/// reader should do): 하십시오체 ("참고하십시오", "마십시오", "-시오"), 해요체 statements
/// ("해요", "거예요", "없어요") and the spoken 것 ("제공하는 게 아니라면"). Each with its byte
/// offset. Questions in "-ㄹ까요?" are the guide's and are not reported.
pub fn off_register(text: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let ends_word = |s: &str| !s.chars().next().is_some_and(is_syllable);
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let before = text[..i].chars().next_back();
        if rest.starts_with("시오") && ends_word(&rest["시오".len()..]) {
            out.push((i, "-(십)시오"));
        } else if rest.starts_with('요')
            && before.is_some_and(|b| "해예에어아워와져봐줘돼래네".contains(b))
            && rest['요'.len_utf8()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | '!' | ',' | '"' | '”' | ')' | '\n'))
        {
            out.push((i, "해요체"));
        } else if rest.starts_with(" 게 ") && before.is_some_and(is_syllable) {
            out.push((i, "게 (것이)"));
        }
    }
    out
}

/// What closes an inserted word without being read: quotes, brackets, backticks, a path's
/// trailing slash, punctuation, the `=` of `KEY=`, the underscores of `__pycache__`, Markdown's
/// emphasis.
fn is_closer(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '`' | '\''
                | '"'
                | '’'
                | '”'
                | '」'
                | '』'
                | '》'
                | '〉'
                | ']'
                | '}'
                | '>'
                | '/'
                | '.'
                | ','
                | ':'
                | ';'
                | '…'
                | '='
                | '-'
                | '_'
                | '*'
        )
}

fn read(word: &str) -> Ending {
    let w = word.trim_end_matches(is_closer);
    if w.ends_with(')') || w.ends_with('）') {
        // A parenthesis adds to the word before it, and the particle agrees with that word
        // (`3행(\`RUN\`)이`); with nothing before it, with what it holds.
        let close = w.len() - w.chars().next_back().map_or(1, char::len_utf8);
        return match matching_open(&w[..close]) {
            Some(open) if !w[..open].trim_end_matches(is_closer).is_empty() => read(&w[..open]),
            Some(open) => {
                read(&w[open + w[open..].chars().next().map_or(1, char::len_utf8)..close])
            }
            None => read(&w[..close]),
        };
    }
    let Some(last) = w.chars().next_back() else {
        return Ending::Vowel;
    };
    match last {
        '가'..='힣' => syllable(last),
        'ㄱ'..='ㅎ' => {
            // A consonant letter by its name: 기역, 니은, …, 리을 for ㄹ.
            if last == 'ㄹ' {
                Ending::Rieul
            } else {
                Ending::Consonant
            }
        }
        'ㅏ'..='ㅣ' => Ending::Vowel,
        '0'..='9' => number(w),
        c if c.is_ascii_alphabetic() => latin(w),
        c => symbol(c),
    }
}

/// Where the `(` that the `)` just after `s` closes stands in `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth == 0 => return Some(i),
            '(' | '（' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn syllable(c: char) -> Ending {
    match (c as u32 - 0xAC00) % 28 {
        0 => Ending::Vowel,
        8 => Ending::Rieul,
        _ => Ending::Consonant,
    }
}

/// A number by its Sino-Korean reading: the last digit, or the power of ten its zeros make.
fn number(w: &str) -> Ending {
    let digits: Vec<u8> = w
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b',')
        .filter(u8::is_ascii_digit)
        .collect();
    // `digits` runs from the last digit backwards.
    let zeros = digits.iter().take_while(|d| **d == b'0').count();
    if zeros == digits.len() {
        return Ending::Consonant; // 영, 공
    }
    if zeros == 0 {
        return match digits[0] {
            b'1' | b'7' | b'8' => Ending::Rieul, // 일, 칠, 팔
            b'3' | b'6' => Ending::Consonant,    // 삼, 육
            _ => Ending::Vowel,                  // 이, 사, 오, 구
        };
    }
    match (zeros % 4, zeros / 4) {
        (1..=3, _) => Ending::Consonant, // 십, 백, 천
        (_, 3) => Ending::Vowel,         // 조
        _ => Ending::Consonant,          // 만, 억, 경
    }
}

/// Symbols by their Korean names.
fn symbol(c: char) -> Ending {
    match c {
        '#' | '@' | '^' => Ending::Consonant, // 샵, 앳, 캐럿
        '~' => Ending::Rieul,                 // 물결
        _ => Ending::Vowel,                   // 퍼센트, 플러스, 달러, 앤드, 파이프…
    }
}

/// Words whose spelling misleads the rules below, lower case, by their usual Korean reading.
const WORDS: &[(&str, Ending)] = &[
    ("uv", Ending::Vowel),       // 유브이
    ("ip", Ending::Vowel),       // 아이피
    ("ok", Ending::Vowel),       // 오케이
    ("apt", Ending::Vowel),      // 앱트
    ("hub", Ending::Vowel),      // 허브
    ("bit", Ending::Vowel),      // 비트
    ("user", Ending::Vowel),     // 유저 (USER)
    ("home", Ending::Consonant), // 홈 (HOME)
    ("lang", Ending::Consonant), // 랭 (LANG)
    ("pep", Ending::Consonant),  // 펩
    ("exec", Ending::Consonant), // 이그젝
    ("type", Ending::Consonant), // 타입
    ("workdir", Ending::Rieul),  // 워크디어: the guide writes WORKDIR은, WORKDIR로
    ("ecr", Ending::Rieul),      // 이씨알
    ("acr", Ending::Rieul),      // 에이씨알
    ("net", Ending::Consonant),  // 닷넷 (.NET)
];

/// The Korean names of the Latin letters: which end in a consonant (엘, 엠, 엔, 알).
fn letter(c: u8) -> Ending {
    match c.to_ascii_lowercase() {
        b'l' | b'r' => Ending::Rieul,
        b'm' | b'n' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A word in Latin letters, by its last run of letters (the extension of a file, the last word of
/// a path or of a hyphenated name) and, in camel case, by that run's last part.
fn latin(w: &str) -> Ending {
    let bytes = w.as_bytes();
    let start = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    let token = &bytes[start..];
    if token == b"m" && start > 0 && bytes[start - 1].is_ascii_digit() {
        return Ending::Vowel; // 500m: 오백 밀리(코어), as Kubernetes writes CPU
    }
    let part = &token[camel_start(token)..];
    for t in [token, part] {
        let lower = t.to_ascii_lowercase();
        if let Some((_, e)) = WORDS.iter().find(|(k, _)| k.as_bytes() == lower.as_slice()) {
            return *e;
        }
    }
    let lower = part.to_ascii_lowercase();
    let capitals = part.iter().all(u8::is_ascii_uppercase);
    let has_vowel = lower.iter().any(|c| is_vowel(*c));
    if lower.len() == 1 || !has_vowel || (capitals && lower.len() <= 3) {
        letter(lower[lower.len() - 1])
    } else {
        spoken(&lower)
    }
}

/// Where the last part of a camel-case word starts: `GiB` → `B`, `FastAPI` → `API`,
/// `ETag` → `Tag`, `macOS` → `OS`.
fn camel_start(t: &[u8]) -> usize {
    let n = t.len();
    let mut i = n;
    // A trailing run of capitals is an acronym (`FastAPI`), unless its last capital starts a
    // lower-case word (`ETag`).
    while i > 0 && t[i - 1].is_ascii_lowercase() {
        i -= 1;
    }
    if i < n {
        // `…Tag`, `…orker`: include the capital that starts the word, if any.
        if i > 0 && t[i - 1].is_ascii_uppercase() {
            return i - 1;
        }
        return i; // all lower case
    }
    while i > 0 && t[i - 1].is_ascii_uppercase() {
        i -= 1;
    }
    if i == 0 {
        return 0; // all capitals
    }
    i
}

/// An English word by its usual Korean transcription (lower case, with a vowel letter).
fn spoken(w: &[u8]) -> Ending {
    let n = w.len();
    let last = w[n - 1];
    let prev = if n >= 2 { w[n - 2] } else { 0 };
    let before = if n >= 3 { w[n - 3] } else { 0 };
    // One vowel letter before the final consonant: a short vowel, whose consonant becomes a
    // final consonant in Korean (pip 핍, get 겟, mac 맥, web 웹); after a consonant or a long
    // vowel it gets a vowel of its own (help 헬프, test 테스트, root 루트).
    let short = (is_vowel(prev) && !is_vowel(before))
        || (prev == last && is_vowel(before) && (n < 4 || !is_vowel(w[n - 4]))); // app 앱
    match last {
        b'm' | b'n' => Ending::Consonant,
        b'l' => Ending::Rieul,
        b'g' if prev == b'n' => Ending::Consonant, // -ng: 싱, 롱
        b'e' => match prev {
            b'm' | b'n' => Ending::Consonant, // name 네임, line 라인
            b'l' => Ending::Rieul,            // file 파일, example 예제
            _ => Ending::Vowel,               // image 이미지, base 베이스
        },
        b'k' if w.ends_with(b"check") => Ending::Vowel, // 체크
        b'k' if prev == b'c' || short || w.ends_with(b"ook") => Ending::Consonant, // lock 락, book 북
        b'p' if (short || is_vowel(prev)) && !w.ends_with(b"oop") => Ending::Consonant, // pip 핍, app 앱, group 그룹
        b't' if short || w.ends_with(b"out") => Ending::Consonant, // get 겟, timeout 타임아웃
        b'b' | b'c' if short => Ending::Consonant,                 // web 웹, spec 스펙
        _ => Ending::Vowel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, Josa, &str)]) {
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(w, j, want)| josa(w, *j) != *want)
            .map(|(w, j, want)| format!("{w}: {} (want {want})", josa(w, *j)))
            .collect();
        assert!(wrong.is_empty(), "wrong particles: {wrong:#?}");
    }

    #[test]
    fn the_issues_words() {
        use Josa::*;
        check(&[
            ("pip", IGa, "이"),
            ("pip", EunNeun, "은"),
            ("pip", EulReul, "을"),
            ("pip", INa, "이나"),
            ("pip", EuroRo, "으로"),
            ("uv", IGa, "가"),
            ("uv", EuroRo, "로"),
            ("uv", GwaWa, "와"),
            ("npm", EulReul, "을"),
            ("npm", EuroRo, "으로"),
            ("apt-get", EulReul, "을"),
            ("apt-get", EuroRo, "으로"),
            ("app/main.py", EulReul, "를"),
            ("app/main.py", GwaWa, "와"),
            ("3행", EunNeun, "은"),
            ("CPU", EunNeun, "는"),
            ("SS001", EunNeun, "은"),
            ("SS001", EuroRo, "로"),
            ("GiB", EunNeun, "는"),
            ("MiB", EunNeun, "는"),
        ]);
    }

    #[test]
    fn numbers_by_their_last_digit_or_power_of_ten() {
        use Josa::*;
        for (n, eul, ro) in [
            ("0", "을", "으로"),           // 영
            ("1", "을", "로"),             // 일
            ("2", "를", "로"),             // 이
            ("3", "을", "으로"),           // 삼
            ("4", "를", "로"),             // 사
            ("5", "를", "로"),             // 오
            ("6", "을", "으로"),           // 육
            ("7", "을", "로"),             // 칠
            ("8", "을", "로"),             // 팔
            ("9", "를", "로"),             // 구
            ("10", "을", "으로"),          // 십
            ("20", "을", "으로"),          // 이십
            ("100", "을", "으로"),         // 백
            ("1000", "을", "으로"),        // 천
            ("1,000", "을", "으로"),       // 천
            ("10000", "을", "으로"),       // 만
            ("1000000000000", "를", "로"), // 조
            ("12", "를", "로"),            // 십이
            ("13", "을", "으로"),          // 십삼
            ("16", "을", "으로"),          // 십육
            ("18", "을", "로"),            // 십팔
            ("21", "을", "로"),            // 이십일
            ("137", "을", "로"),           // 백삼십칠
            ("512", "를", "로"),           // 오백십이
            ("3.14", "를", "로"),          // 삼 점 십사
            ("3.10", "을", "으로"),        // 삼 점 십
            ("v2", "를", "로"),
            ("DL3000", "을", "으로"),
            ("DL3029", "를", "로"),
            ("SS045", "를", "로"),
            ("SS043", "을", "으로"),
            ("python3", "을", "으로"),
        ] {
            check(&[(n, EulReul, eul), (n, EuroRo, ro)]);
        }
        check(&[
            ("10", IGa, "이"),
            ("2", IGa, "가"),
            ("8", EunNeun, "은"),
            ("9", EunNeun, "는"),
        ]);
    }

    #[test]
    fn acronyms_by_their_letter_names() {
        use Josa::*;
        check(&[
            ("API", EulReul, "를"),
            ("URL", EulReul, "을"),
            ("URL", EuroRo, "로"),
            ("HTTP", EuroRo, "로"),
            ("HTTPS", EunNeun, "는"),
            ("TLS", EulReul, "를"),
            ("JSON", EuroRo, "으로"),
            ("YAML", EuroRo, "로"),
            ("RUN", EunNeun, "은"),
            ("FROM", EuroRo, "으로"),
            ("CMD", EunNeun, "는"),
            ("COPY", GwaWa, "와"),
            ("ENV", EuroRo, "로"),
            ("ARG", INa, "나"),
            ("ADD", IGa, "가"),
            ("USER", IGa, "가"),
            ("WORKDIR", EunNeun, "은"),
            ("WORKDIR", EuroRo, "로"),
            ("OOM", EuroRo, "으로"),
            ("SSH", EuroRo, "로"),
            ("UID", IGa, "가"),
            ("MB", EulReul, "를"),
            ("FastAPI", EulReul, "를"),
            ("ETag", IGa, "가"),
            ("macOS", EunNeun, "는"),
            ("txt", EuroRo, "로"),
            ("requirements.txt", IGa, "가"),
            ("gcc", EulReul, "를"),
            ("pnpm", EuroRo, "으로"),
            ("-r", EuroRo, "로"),
            ("-l", EulReul, "을"),
            ("-c", EuroRo, "로"),
            ("500m", GwaWa, "와"),
            ("250Mi", EulReul, "를"),
        ]);
    }

    #[test]
    fn words_by_their_korean_spelling() {
        use Josa::*;
        check(&[
            ("Docker", IGa, "가"),
            ("BuildKit", EunNeun, "은"),
            ("Dockerfile", EulReul, "을"),
            ("Dockerfile", EuroRo, "로"),
            ("Python", EulReul, "을"),
            ("Uvicorn", EuroRo, "으로"),
            ("Gunicorn", EulReul, "을"),
            ("Poetry", GwaWa, "와"),
            ("Traefik", INa, "이나"),
            ("root", IGa, "가"),
            ("appuser", EuroRo, "로"),
            ("hadolint", GwaWa, "와"),
            ("Shipshape", EunNeun, "는"),
            ("pyproject.toml", IGa, "이"),
            ("uv.lock", EuroRo, "으로"),
            ("package.json", GwaWa, "과"),
            ("node_modules", IGa, "가"),
            ("pipefail", IGa, "이"),
            ("install", EulReul, "을"),
            ("sync", EulReul, "를"),
            ("latest", EunNeun, "는"),
            ("scratch", EuroRo, "로"),
            ("slim", EulReul, "을"),
            ("alpine", EunNeun, "은"),
            ("stop", INa, "이나"),
            ("set", INa, "이나"),
            ("web", EuroRo, "으로"),
            ("dotnet", EulReul, "을"),
            ("timeout", IGa, "이"),
            ("--no-cache-dir", EulReul, "를"),
            ("--workers", GwaWa, "와"),
            ("--from", EunNeun, "은"),
            ("/code", EuroRo, "로"),
            ("config/", EulReul, "를"),
            ("Job", EulReul, "을"),
            ("Pod", EulReul, "를"),
            ("runAsNonRoot", IGa, "가"),
            ("X-Forwarded-For", GwaWa, "와"),
            ("GitHub", EuroRo, "로"),
            ("HEALTHCHECK", EunNeun, "는"),
            ("VOLUME", EulReul, "을"),
            ("SHELL", IGa, "이"),
            ("LABEL", EuroRo, "로"),
            ("SIGTERM", EulReul, "을"),
            ("PYTHONFAULTHANDLER", EulReul, "를"),
            ("BUILDPLATFORM", EuroRo, "으로"),
            ("MAINTAINER", EunNeun, "는"),
            ("apt", EunNeun, "는"),
            ("su-exec", EulReul, "을"),
            ("src/main.rs", EuroRo, "로"),
            ("*.whl", EulReul, "을"),
        ]);
    }

    #[test]
    fn hangul_quotes_parentheses_and_symbols() {
        use Josa::*;
        check(&[
            ("메모리", IGa, "가"),
            ("CPU 자원", IGa, "이"),
            ("파일", EuroRo, "로"),
            ("레이어", EuroRo, "로"),
            ("단계", EulReul, "를"),
            ("결과", GwaWa, "와"),
            ("명령", EuroRo, "으로"),
            ("`pip`", IGa, "이"),
            ("“uv”", IGa, "가"),
            ("3행(`RUN`)", IGa, "이"),
            ("`apt-get`(3행)", EulReul, "을"),
            ("(npm)", EulReul, "을"),
            ("`a`, `b`", GwaWa, "와"),
            ("100%", EuroRo, "로"),
            ("C#", IGa, "이"),
            ("", EulReul, "를"),
        ]);
    }

    #[test]
    fn finds_wrong_particles_in_written_text() {
        let found: Vec<(String, &str, &str)> = mismatches(
            "pip가 설치합니다. `uv`이 빠릅니다. 3행는 비어 있고, npm를 쓰며 app/main.py을 복사합니다. \
             10가 아니라 SS001는 `RUN`(3행)를 봅니다. [FastAPI](https://fastapi.tiangolo.com/)을 씁니다.",
        )
        .into_iter()
        .map(|m| (m.word, m.found, m.want))
        .collect();
        let want: Vec<(String, &str, &str)> = [
            ("pip", "가", "이"),
            ("`uv`", "이", "가"),
            ("npm", "를", "을"),
            ("app/main.py", "을", "를"),
            ("10", "가", "이"),
            ("SS001", "는", "은"),
            ("`RUN`(3행)", "를", "을"),
            ("[FastAPI](https://fastapi.tiangolo.com/)", "을", "를"),
        ]
        .into_iter()
        .map(|(w, f, t)| (w.to_string(), f, t))
        .collect();
        assert_eq!(found, want);
    }

    #[test]
    fn leaves_right_particles_and_other_words_alone() {
        for text in [
            "pip이 설치하고 uv가 잠그며 npm을 쓰고 apt-get으로 받습니다.",
            "`app/main.py`를 복사한 3행은 결과 12개와 함께 `uv`로는 빠릅니다.",
            "(requirements 파일을 쓰는 pip이나 uv)가 아니라 `RUN`(pip이나 `uv sync`)이 설치합니다.",
            "`pip`이고 `uv`이며 3가지 10이상 2이하 `x`입니다. 3행이 `CMD`의 10개 결과입니다.",
            "빌드(FastAPI의 lifespan)가 끝납니다. 8로, 16으로, 100으로, 1000과 7로.",
            "**pip**이 `__pycache__`를 `KEY=`로 만듭니다.",
        ] {
            assert_eq!(mismatches(text), [], "{text}");
        }
    }

    #[test]
    fn finds_endings_outside_the_register() {
        let kinds = |t: &str| {
            off_register(t)
                .into_iter()
                .map(|(_, k)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("[빌드 캐시]를 참고하십시오."), ["-(십)시오"]);
        assert_eq!(
            kinds("섞어 쓰지 마십시오. 그렇게 하시오"),
            ["-(십)시오", "-(십)시오"]
        );
        assert_eq!(kinds("이미지가 커져요. 그럴 거예요!"), ["해요체", "해요체"]);
        assert_eq!(kinds("휠을 제공하는 게 아니라면"), ["게 (것이)"]);
        assert!(kinds(
            "참고하세요. 빌드합니다. 무엇이 필요할까요? 필요. 중요합니다. 이렇게 씁니다."
        )
        .is_empty());
    }

    #[test]
    fn finds_fixed_particles_after_placeholders() {
        let at = |t: &str| template_problems(t).len();
        assert_eq!(at("`{name}`을 복사합니다"), 1);
        assert_eq!(at("노드당 {7}개({8}이 한계)"), 1);
        assert_eq!(at("{}를 지우고 `{x}`(3행)가 바뀌면"), 2);
        assert_eq!(at("`{s}`을(를) 복사하고 `{e}`(으)로 쓰기, 메모리(으)로"), 3);
        assert_eq!(
            at("{line}행의 `{kw}` 명령은 도구({t})가 {n}개({lines})를 {}{eul} 바꿉니다"),
            0
        );
        assert_eq!(at("`${{NAME:-value}}`를 쓰세요. {{x}}는"), 0);
        assert_eq!(at("`{kw} {key} ...`{eun} `=`가 없는 형식"), 0);
    }

    #[test]
    fn attach_fits_and_counters() {
        assert_eq!(attach("npm", Josa::EulReul), "npm을");
        assert_eq!(attach("`uv`", Josa::IGa), "`uv`가");
        assert_eq!(fits("pip", "가"), Some(false));
        assert_eq!(fits("pip", "이"), Some(true));
        assert_eq!(fits("uv", "으로"), Some(false));
        assert_eq!(fits("pip", "의"), None);
        assert_eq!(Josa::of("으로"), Some(Josa::EuroRo));
        assert_eq!(count(12, "개"), "12개");
        assert_eq!(counted("결과", 12, "개"), "결과 12개");
        assert!(Ending::Rieul.has_final() && !Ending::Vowel.has_final());
    }
}
