//! Why a step of the rebuild plan has its status, worded in English, Korean or
//! Japanese: the [`Reason`] counterpart of [`crate::message_text`]. Names taken
//! from the Dockerfile (files, stages, build arguments, steps) are written
//! between backticks so a UI can set them in code type.

use crate::rebuild::Reason;
use crate::rules::{list, Lang};
use shipshape_lang::ko::{eun_neun, i_ga};

/// The reason as one or two full sentences in `lang`. Pure string formatting:
/// no I/O, never panics. (`Display` on [`Reason`] stays the short English
/// fragment the CLI prints in its table.)
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    use Lang::{En, Ja, Ko};
    match (reason, lang) {
        (Reason::NothingChanged, En) => "Nothing this step depends on has changed.".into(),
        (Reason::NothingChanged, Ko) => "이 단계가 의존하는 항목 중 바뀐 것이 없습니다.".into(),
        (Reason::NothingChanged, Ja) => {
            "このステップが依存しているものは何も変わっていません。".into()
        }
        (Reason::ChangesIgnored { files }, _) => {
            let f = files_of(files, lang);
            match lang {
                En => format!("{f} changed, but `.dockerignore` keeps {} out of the build context, so this step does not see the change.", if files.len() == 1 { "it" } else { "them" }),
                Ko => format!("{f} 파일이 바뀌었지만 `.dockerignore` 때문에 빌드 컨텍스트에 포함되지 않으므로 이 단계에는 영향이 없습니다."),
                Ja => format!("{f} は変更されましたが、`.dockerignore` でビルドコンテキストから除外されているため、このステップには影響しません。"),
            }
        }
        (Reason::ArgDeclared { name }, En) => format!("Build argument `{name}` changed, but declaring it with ARG rebuilds nothing: the first step that uses it does."),
        (Reason::ArgDeclared { name }, Ko) => format!("빌드 인자 `{name}` 값이 바뀌었지만 ARG로 선언하는 것만으로는 아무것도 다시 빌드되지 않습니다. 이 인자를 처음 사용하는 단계부터 다시 빌드됩니다."),
        (Reason::ArgDeclared { name }, Ja) => format!("ビルド引数 `{name}` の値が変わりましたが、ARG で宣言するだけでは何も再ビルドされません。再ビルドされるのは、この引数を最初に使うステップからです。"),
        (Reason::FilesChanged { step, files }, _) => {
            let f = files_of(files, lang);
            match lang {
                En => format!("`{step}` copies {f}, which changed."),
                Ko => format!("`{step}` 단계가 복사하는 {f} 파일이 바뀌었습니다."),
                Ja => format!("`{step}` がコピーする {f} が変更されました。"),
            }
        }
        (Reason::MountedFilesChanged { files }, _) => {
            let f = files_of(files, lang);
            match lang {
                En => format!("This step mounts {f}, which changed."),
                Ko => format!("이 단계가 마운트하는 {f} 파일이 바뀌었습니다."),
                Ja => format!("このステップがマウントする {f} が変更されました。"),
            }
        }
        (Reason::PreviousStepRebuilt { line }, En) => format!("The step on line {line} was rebuilt, which breaks the cache chain: every later step of the stage runs again."),
        (Reason::PreviousStepRebuilt { line }, Ko) => format!("{line}행의 단계가 다시 빌드되면서 캐시 체인이 끊겼으므로 이 스테이지의 이후 단계도 모두 다시 실행됩니다."),
        (Reason::PreviousStepRebuilt { line }, Ja) => format!("{line}行目のステップが再ビルドされてキャッシュのつながりが途切れたため、このステージのそれ以降のステップもすべて再実行されます。"),
        (Reason::ArgUsed { name }, En) => format!("Build argument `{name}` changed, and this step uses it."),
        (Reason::ArgUsed { name }, Ko) => format!("빌드 인자 `{name}` 값이 바뀌었고 이 단계에서 그 값을 사용합니다."),
        (Reason::ArgUsed { name }, Ja) => format!("ビルド引数 `{name}` の値が変わりました。このステップはこの引数を使っています。"),
        (Reason::ArgInEnvironment { name }, En) => format!("Build argument `{name}` changed. RUN sees every build argument in scope as an environment variable, so it runs again even if the command never mentions it."),
        (Reason::ArgInEnvironment { name }, Ko) => format!("빌드 인자 `{name}` 값이 바뀌었습니다. RUN은 유효 범위 안의 모든 빌드 인자를 환경 변수로 받으므로, 명령에서 직접 쓰지 않더라도 다시 실행됩니다."),
        (Reason::ArgInEnvironment { name }, Ja) => format!("ビルド引数 `{name}` の値が変わりました。RUN はスコープ内のすべてのビルド引数を環境変数として受け取るため、コマンドで直接使っていなくても再実行されます。"),
        (Reason::EnvChanged { name, line }, En) => format!("`{name}`, set by ENV on line {line}, changed, and this step sees it."),
        (Reason::EnvChanged { name, line }, Ko) => format!("{line}행의 ENV로 설정한 `{name}` 값이 바뀌었고, 이 단계는 그 환경 변수의 영향을 받습니다."),
        (Reason::EnvChanged { name, line }, Ja) => format!("{line}行目の ENV で設定している `{name}` の値が変わりました。このステップはこの環境変数の影響を受けます。"),
        (Reason::BaseStageRebuilt { stage }, En) => format!("This stage starts from stage `{stage}`, which was rebuilt."),
        (Reason::BaseStageRebuilt { stage }, Ko) => format!("이 스테이지의 기반인 `{stage}` 스테이지가 다시 빌드되었습니다."),
        (Reason::BaseStageRebuilt { stage }, Ja) => format!("このステージのベースになっている `{stage}` ステージが再ビルドされました。"),
        (Reason::SourceStageRebuilt { stage }, En) => format!("This step takes files from stage `{stage}`, which was rebuilt."),
        (Reason::SourceStageRebuilt { stage }, Ko) => format!("이 단계가 파일을 가져오는 `{stage}` 스테이지가 다시 빌드되었습니다."),
        (Reason::SourceStageRebuilt { stage }, Ja) => format!("このステップはファイルを `{stage}` ステージから取り込んでおり、そのステージが再ビルドされました。"),
        (Reason::RemoteSource { url }, En) => format!("ADD checks `{url}` with the server on every build and downloads it again unless the server confirms the stored `ETag`; pin it with `--checksum` so a cached build needs no request."),
        (Reason::RemoteSource { url }, Ko) => format!("ADD는 빌드할 때마다 `{url}` 주소의 파일을 서버에 확인하고, 저장해 둔 `ETag`가 맞다는 답이 없으면 다시 내려받습니다. `--checksum` 옵션으로 고정하면 캐시를 쓰는 빌드는 서버에 요청하지 않습니다."),
        (Reason::RemoteSource { url }, Ja) => format!("ADD はビルドのたびに `{url}` をサーバーに確認し、保存済みの `ETag` をサーバーが認めなければダウンロードし直します。`--checksum` で内容を固定すれば、キャッシュが使えるビルドではサーバーへのリクエストが不要になります。"),
        (Reason::StageNotNeeded { stage, target }, En) => format!("Stage `{stage}` is not built: the target `{target}` does not need it."),
        (Reason::StageNotNeeded { stage, target }, Ko) => format!("빌드 대상인 `{target}` 스테이지에 필요하지 않으므로 `{stage}` 스테이지는 빌드하지 않습니다."),
        (Reason::StageNotNeeded { stage, target }, Ja) => format!("ビルド対象の `{target}` ステージには不要なため、`{stage}` ステージはビルドされません。"),
        (Reason::Edited { line, before, after }, _) if before.is_empty() || after.is_empty() => match lang {
            En => format!("Line {line} changed since the last build, so this step and every later step of the stage run again."),
            Ko => format!("{line}행이 지난 빌드 이후 바뀌었으므로 이 단계와 이 스테이지의 이후 단계가 모두 다시 실행됩니다."),
            Ja => format!("{line}行目が前回のビルドから変わったため、このステップとこのステージのそれ以降のステップがすべて再実行されます。"),
        },
        (Reason::Edited { line, before, after }, En) => format!("Line {line} changed since the last build: `{before}` became `{after}`. This step and every later step of the stage run again."),
        (Reason::Edited { line, before, after }, Ko) => format!("{line}행이 지난 빌드 이후 바뀌었습니다(`{before}` → `{after}`). 이 단계와 이 스테이지의 이후 단계가 모두 다시 실행됩니다."),
        (Reason::Edited { line, before, after }, Ja) => format!("{line}行目が前回のビルドから変わりました（`{before}` → `{after}`）。このステップとこのステージのそれ以降のステップがすべて再実行されます。"),
        (Reason::Inserted { line }, En) => format!("Line {line} is new since the last build, so it runs, and every later step of the stage runs again."),
        (Reason::Inserted { line }, Ko) => format!("{line}행은 지난 빌드 이후 새로 추가된 단계이므로 실행되고, 이 스테이지의 이후 단계도 모두 다시 실행됩니다."),
        (Reason::Inserted { line }, Ja) => format!("{line}行目は前回のビルドのあとに追加されたステップなので実行され、このステージのそれ以降のステップもすべて再実行されます。"),
        (Reason::Moved { line, from }, En) => format!("This step moved to line {line} from line {from} of the last build: its place in the chain changed, so it runs again, and every later step of the stage."),
        (Reason::Moved { line, from }, Ko) => format!("이 단계는 지난 빌드의 {from}행에서 {line}행으로 옮겨졌습니다. 캐시 체인에서의 위치가 바뀌었으므로 이 단계와 이 스테이지의 이후 단계가 모두 다시 실행됩니다."),
        (Reason::Moved { line, from }, Ja) => format!("このステップは前回のビルドの{from}行目から{line}行目に移動しました。キャッシュのつながりの中での位置が変わったため、このステップとこのステージのそれ以降のステップがすべて再実行されます。"),
        (Reason::StepRemoved { line, text, moved: false }, En) => format!("In the last build, `{text}` (its line {line}) came before this step; it was deleted, so this step's parent changed and it runs again, with every later step of the stage."),
        (Reason::StepRemoved { line, text, moved: false }, Ko) => format!("지난 빌드에서 이 단계 앞에 있던 `{text}`(지난 빌드의 {line}행){} 삭제되어 이 단계의 부모가 바뀌었습니다. 그래서 이 단계와 이 스테이지의 이후 단계가 모두 다시 실행됩니다.", i_ga(text)),
        (Reason::StepRemoved { line, text, moved: false }, Ja) => format!("前回のビルドでこのステップの前にあった `{text}`（前回の{line}行目）が削除され、このステップの親が変わりました。そのため、このステップとこのステージのそれ以降のステップがすべて再実行されます。"),
        (Reason::StepRemoved { line, text, moved: true }, En) => format!("In the last build, `{text}` (its line {line}) came before this step; it moved, so this step's parent changed and it runs again, with every later step of the stage."),
        (Reason::StepRemoved { line, text, moved: true }, Ko) => format!("지난 빌드에서 이 단계 앞에 있던 `{text}`(지난 빌드의 {line}행){} 다른 위치로 옮겨져 이 단계의 부모가 바뀌었습니다. 그래서 이 단계와 이 스테이지의 이후 단계가 모두 다시 실행됩니다.", i_ga(text)),
        (Reason::StepRemoved { line, text, moved: true }, Ja) => format!("前回のビルドでこのステップの前にあった `{text}`（前回の{line}行目）が別の位置に移動し、このステップの親が変わりました。そのため、このステップとこのステージのそれ以降のステップがすべて再実行されます。"),
        (Reason::MetadataEdited { line, keyword }, En) => format!("Line {line} changed since the last build, but `{keyword}` only sets the image's metadata: no step runs again for it."),
        (Reason::MetadataEdited { line, keyword }, Ko) => format!("{line}행이 지난 빌드 이후 바뀌었지만 `{keyword}`{} 이미지의 메타데이터만 설정하므로 이 변경으로 다시 실행되는 단계는 없습니다.", eun_neun(keyword)),
        (Reason::MetadataEdited { line, keyword }, Ja) => format!("{line}行目は前回のビルドから変わりましたが、`{keyword}` はイメージのメタデータを設定するだけなので、この変更で再実行されるステップはありません。"),
        (Reason::StageAdded { stage }, En) => format!("Stage `{stage}` is new since the last build: every step of it runs."),
        (Reason::StageAdded { stage }, Ko) => format!("`{stage}` 스테이지는 지난 빌드 이후 새로 추가되었으므로 모든 단계가 실행됩니다."),
        (Reason::StageAdded { stage }, Ja) => format!("`{stage}` ステージは前回のビルドのあとに追加されたため、すべてのステップが実行されます。"),
        (Reason::Linked { line }, En) => format!("`--link` makes this copy a layer of its own, independent of the steps before it: the rebuild that started on line {line} does not reach it, and its own files did not change."),
        (Reason::Linked { line }, Ko) => format!("`--link`를 지정한 복사는 앞 단계와 상관없는 별도의 레이어가 되므로, {line}행에서 시작된 재빌드가 이 단계까지 미치지 않습니다. 복사하는 파일 자체도 바뀌지 않았습니다."),
        (Reason::Linked { line }, Ja) => format!("`--link` を付けたコピーは前のステップとは独立したレイヤーになるため、{line}行目から始まった再ビルドの影響を受けません。コピーするファイル自体も変わっていません。"),
        (Reason::LinkedWorkdirChanged { line }, En) => format!("This `--link` copy goes to a path relative to the `WORKDIR` set on line {line}, which changed: its files now land in another directory, so it runs again."),
        (Reason::LinkedWorkdirChanged { line }, Ko) => format!("이 `--link` 복사는 {line}행에서 설정한 `WORKDIR` 기준의 상대 경로에 파일을 복사하는데, 그 `WORKDIR`이 바뀌었습니다. 이제 파일이 다른 디렉터리에 복사되므로 이 단계가 다시 실행됩니다."),
        (Reason::LinkedWorkdirChanged { line }, Ja) => format!("この `--link` 付きのコピーは、{line}行目で設定した `WORKDIR` からの相対パスにファイルを置きます。その `WORKDIR` が変わってコピー先が別のディレクトリになったため、再実行されます。"),
        (Reason::ChangesExcluded { files }, _) => {
            let f = files_of(files, lang);
            match lang {
                En => format!("{f} changed, but this copy's `--exclude` patterns leave {} out, so this step does not see the change.", if files.len() == 1 { "it" } else { "them" }),
                Ko => format!("{f} 파일이 바뀌었지만 이 복사 단계의 `--exclude` 패턴에 걸려 복사되지 않으므로 이 단계에는 영향이 없습니다."),
                Ja => format!("{f} は変更されましたが、このコピーに指定された `--exclude` のパターンで除外されているため、このステップには影響しません。"),
            }
        }
    }
}

/// Up to three files by name; more become "`a`, `b` and 4 other files".
fn files_of(files: &[String], lang: Lang) -> String {
    if files.len() <= 3 {
        return list(files, lang);
    }
    let (shown, rest) = (list(&files[..2], lang), files.len() - 2);
    match lang {
        Lang::En => {
            let shown = shown.replace(" and ", ", ");
            format!("{shown} and {rest} other files")
        }
        Lang::Ko => format!("{shown} 외 {rest}개"),
        Lang::Ja => format!("{shown} ほか {rest} 件のファイル"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> String {
        v.to_string()
    }

    /// One of each variant, with names that a translation must carry over.
    fn every_reason() -> Vec<Reason> {
        vec![
            Reason::NothingChanged,
            Reason::ChangesIgnored {
                files: vec![s("notes.md")],
            },
            Reason::ArgDeclared { name: s("VERSION") },
            Reason::FilesChanged {
                step: s("COPY . /code"),
                files: vec![s("app/main.py")],
            },
            Reason::MountedFilesChanged {
                files: vec![s("go.sum"), s("go.mod")],
            },
            Reason::PreviousStepRebuilt { line: 3 },
            Reason::ArgUsed { name: s("VERSION") },
            Reason::ArgInEnvironment { name: s("VERSION") },
            Reason::EnvChanged {
                name: s("PATH"),
                line: 4,
            },
            Reason::BaseStageRebuilt { stage: s("base") },
            Reason::SourceStageRebuilt { stage: s("build") },
            Reason::RemoteSource {
                url: s("https://example.com/a.tgz"),
            },
            Reason::StageNotNeeded {
                stage: s("test"),
                target: s("runtime"),
            },
            Reason::Edited {
                line: 2,
                before: s("curl"),
                after: s("curl git"),
            },
            Reason::Inserted { line: 5 },
            Reason::Moved { line: 6, from: 4 },
            Reason::StepRemoved {
                line: 3,
                text: s("RUN make"),
                moved: false,
            },
            Reason::MetadataEdited {
                line: 9,
                keyword: s("CMD"),
            },
            Reason::StageAdded { stage: s("build") },
            Reason::Linked { line: 4 },
            Reason::LinkedWorkdirChanged { line: 2 },
            Reason::ChangesExcluded {
                files: vec![s("docs/index.md")],
            },
        ]
    }

    /// The text with every `code span` removed.
    fn prose(text: &str) -> String {
        text.split('`').step_by(2).collect()
    }

    #[test]
    fn the_sample_covers_every_variant() {
        // Exhaustive on purpose: a new variant fails to compile here until the
        // sample above has one.
        let kind = |r: &Reason| match r {
            Reason::NothingChanged => 0,
            Reason::ChangesIgnored { .. } => 1,
            Reason::ArgDeclared { .. } => 2,
            Reason::FilesChanged { .. } => 3,
            Reason::MountedFilesChanged { .. } => 4,
            Reason::PreviousStepRebuilt { .. } => 5,
            Reason::ArgUsed { .. } => 6,
            Reason::ArgInEnvironment { .. } => 7,
            Reason::EnvChanged { .. } => 8,
            Reason::BaseStageRebuilt { .. } => 9,
            Reason::SourceStageRebuilt { .. } => 10,
            Reason::RemoteSource { .. } => 11,
            Reason::StageNotNeeded { .. } => 12,
            Reason::Edited { .. } => 13,
            Reason::Inserted { .. } => 14,
            Reason::Moved { .. } => 15,
            Reason::StepRemoved { .. } => 16,
            Reason::MetadataEdited { .. } => 17,
            Reason::StageAdded { .. } => 18,
            Reason::Linked { .. } => 19,
            Reason::LinkedWorkdirChanged { .. } => 20,
            Reason::ChangesExcluded { .. } => 21,
        };
        let kinds: Vec<i32> = every_reason().iter().map(kind).collect();
        assert_eq!(kinds, (0..22).collect::<Vec<_>>());
    }

    #[test]
    fn every_reason_reads_in_every_language() {
        for reason in every_reason() {
            for lang in [Lang::En, Lang::Ko, Lang::Ja] {
                let text = reason_text(&reason, lang);
                assert!(!text.trim().is_empty(), "{reason:?} {lang:?}");
                assert_eq!(text.matches('`').count() % 2, 0, "{text}");
                if lang == Lang::En {
                    assert!(text.ends_with('.'), "{text}");
                    continue;
                }
                // No English prose outside code spans: at most lone
                // instruction keywords (RUN, ADD, ENV) stand between the
                // Korean or Japanese words, never two English words in a row.
                let p = prose(&text);
                let words: Vec<&str> = p
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| !w.is_empty())
                    .collect();
                for w in &words {
                    assert!(
                        matches!(*w, "ARG" | "RUN" | "ENV" | "ADD"),
                        "English word {w:?} in {lang:?}: {text}"
                    );
                }
                let native = |c: char| match lang {
                    Lang::Ko => ('\u{ac00}'..='\u{d7a3}').contains(&c),
                    _ => ('\u{3040}'..='\u{30ff}').contains(&c),
                };
                assert!(text.chars().any(native), "{text}");
                assert!(text.ends_with('.') || text.ends_with('。'), "{text}");
            }
        }
    }

    #[test]
    fn names_from_the_dockerfile_are_kept_in_backticks() {
        let r = Reason::FilesChanged {
            step: s("COPY . /code"),
            files: vec![s("app/main.py")],
        };
        for lang in [Lang::En, Lang::Ko, Lang::Ja] {
            let t = reason_text(&r, lang);
            assert!(
                t.contains("`COPY . /code`") && t.contains("`app/main.py`"),
                "{t}"
            );
        }
        let r = Reason::EnvChanged {
            name: s("PATH"),
            line: 12,
        };
        assert!(reason_text(&r, Lang::Ko).starts_with("12행"));
        assert!(reason_text(&r, Lang::Ja).starts_with("12行目"));
    }

    #[test]
    fn long_file_lists_are_shortened() {
        let files: Vec<String> = (0..6).map(|i| format!("f{i}")).collect();
        assert_eq!(files_of(&files, Lang::En), "`f0`, `f1` and 4 other files");
        assert_eq!(files_of(&files, Lang::Ko), "`f0`, `f1` 외 4개");
        assert_eq!(files_of(&files, Lang::Ja), "`f0`、`f1` ほか 4 件のファイル");
        assert_eq!(files_of(&files[..3], Lang::En), "`f0`, `f1` and `f2`");
        let r = Reason::ChangesIgnored {
            files: files.clone(),
        };
        assert!(reason_text(&r, Lang::Ko).starts_with("`f0`, `f1` 외 4개 파일이"));
    }
}
