//! The rebuild scenarios of the guide and the issue, as a table: each case is
//! a Dockerfile, what changed, and the status we expect for every step.

use shipshape_dockerfile::{
    parse, plan, BuildContext, Changes, Cost, Dockerignore, PlanProblem, Reason, RebuildPlan,
    StepStatus,
};

const FASTAPI: &str = "\
FROM python:3.12
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
COPY ./app /code/app
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

const FASTAPI_COPY_ALL_FIRST: &str = "\
FROM python:3.12
WORKDIR /code
COPY . .
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

fn context(paths: &[&str], dockerignore: Option<&str>) -> BuildContext {
    BuildContext {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        dockerignore: dockerignore.map(Dockerignore::parse),
    }
}

fn changed(paths: &[&str]) -> Changes {
    Changes {
        paths: paths.iter().map(|p| p.to_string()).collect(),
        build_args: Vec::new(),
        previous: None,
    }
}

fn run(src: &str, ctx: &BuildContext, changes: &Changes, target: Option<&str>) -> RebuildPlan {
    let df = parse(src);
    assert!(df.is_ok(), "{:?}", df.diagnostics);
    plan(&df, ctx, changes, target)
}

/// Status letters per step of every stage: C cached, R rebuilt, N not built.
fn statuses(plan: &RebuildPlan) -> Vec<String> {
    plan.stages
        .iter()
        .map(|s| {
            s.steps
                .iter()
                .map(|st| match st.status {
                    StepStatus::Cached => 'C',
                    StepStatus::Rebuilt => 'R',
                    StepStatus::NotBuilt => 'N',
                })
                .collect()
        })
        .collect()
}

fn reason_text(plan: &RebuildPlan, line: u32) -> String {
    plan.steps()
        .find(|s| s.line == line)
        .map(|s| s.reason.to_string())
        .unwrap_or_default()
}

const APP: &[&str] = &[
    "requirements.txt",
    "app/main.py",
    "app/__init__.py",
    "Dockerfile",
];

#[test]
fn fastapi_requirements_first_keeps_pip_install_cached() {
    let p = run(
        FASTAPI,
        &context(APP, None),
        &changed(&["app/main.py"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCCCRR"]);
    assert_eq!(
        reason_text(&p, 5),
        "COPY ./app /code/app copies app/main.py, which changed"
    );
    assert_eq!(p.heavy_rebuilds(), 0);
    let install = p.steps().find(|s| s.line == 4).unwrap();
    assert_eq!(install.cost, Cost::Heavy);
    assert_eq!(install.status, StepStatus::Cached);
}

#[test]
fn fastapi_copy_everything_first_reruns_pip_install() {
    let p = run(
        FASTAPI_COPY_ALL_FIRST,
        &context(APP, None),
        &changed(&["app/main.py"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCRRR"]);
    assert_eq!(
        reason_text(&p, 3),
        "COPY . . copies app/main.py, which changed"
    );
    assert!(matches!(
        p.steps().find(|s| s.line == 4).unwrap().reason,
        Reason::PreviousStepRebuilt { line: 3 }
    ));
    assert_eq!(p.heavy_rebuilds(), 1, "this edit reruns the pip install");
}

#[test]
fn changing_requirements_reruns_install_in_both_layouts() {
    let p = run(
        FASTAPI,
        &context(APP, None),
        &changed(&["requirements.txt"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCRRRR"]);
    let p = run(
        FASTAPI_COPY_ALL_FIRST,
        &context(APP, None),
        &changed(&["requirements.txt"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCRRR"]);
}

#[test]
fn nothing_changed_everything_cached() {
    let p = run(FASTAPI, &context(APP, None), &changed(&[]), None);
    assert_eq!(statuses(&p), ["CCCCCC"]);
    assert_eq!(p.steps().next().unwrap().reason, Reason::NothingChanged);
}

const MULTI_STAGE: &str = "\
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/app ./cmd/app

FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static AS runtime
COPY --from=build /out/app /app
ENTRYPOINT [\"/app\"]
";

#[test]
fn multi_stage_unused_stage_is_not_built() {
    let ctx = context(&["go.mod", "go.sum", "cmd/app/main.go"], None);
    let p = run(MULTI_STAGE, &ctx, &changed(&["cmd/app/main.go"]), None);
    assert_eq!(statuses(&p), ["CCCCRR", "NN", "CRR"]);
    assert!(!p.stages[1].built);
    assert_eq!(
        reason_text(&p, 9),
        "stage `test` is not needed by the target `runtime`"
    );
    assert_eq!(
        reason_text(&p, 12),
        "it takes files from stage `build`, which was rebuilt"
    );
}

#[test]
fn multi_stage_target_selects_needed_stages() {
    let ctx = context(&["go.mod", "go.sum", "cmd/app/main.go"], None);
    let p = run(
        MULTI_STAGE,
        &ctx,
        &changed(&["cmd/app/main.go"]),
        Some("test"),
    );
    assert_eq!(statuses(&p), ["CCCCRR", "RR", "NNN"]);
    assert_eq!(
        reason_text(&p, 8),
        "it starts from stage `build`, which was rebuilt"
    );
    let p = run(MULTI_STAGE, &ctx, &changed(&["go.sum"]), Some("build"));
    assert_eq!(statuses(&p), ["CCRRRR", "NN", "NNN"]);
    let p = run(MULTI_STAGE, &ctx, &changed(&["go.sum"]), Some("nope"));
    assert!(!p.problems.is_empty());
}

const ARG_EARLY: &str = "\
FROM python:3.12
ARG VERSION=1.0
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN echo $VERSION > /version
";

const ARG_LATE: &str = "\
FROM python:3.12
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
ARG VERSION=1.0
RUN echo $VERSION > /version
";

fn arg_change(name: &str, value: &str) -> Changes {
    Changes {
        paths: Vec::new(),
        build_args: vec![(name.to_string(), value.to_string())],
        previous: None,
    }
}

#[test]
fn arg_invalidates_from_first_use_not_declaration() {
    let ctx = context(&["requirements.txt"], None);
    let p = run(ARG_LATE, &ctx, &arg_change("VERSION", "2.0"), None);
    assert_eq!(statuses(&p), ["CCCCCR"]);
    assert_eq!(
        reason_text(&p, 6),
        "ARG VERSION changed and this step uses it"
    );
    assert!(matches!(
        p.steps().find(|s| s.line == 5).unwrap().reason,
        Reason::ArgDeclared { .. }
    ));
}

#[test]
fn arg_declared_early_reaches_the_first_run_through_its_environment() {
    let ctx = context(&["requirements.txt"], None);
    let p = run(ARG_EARLY, &ctx, &arg_change("VERSION", "2.0"), None);
    // The COPY does not use VERSION; the first RUN sees it in its environment.
    assert_eq!(statuses(&p), ["CCCRRR"]);
    assert_eq!(
        reason_text(&p, 4),
        "ARG VERSION changed and RUN sees every build argument in its environment"
    );
    assert_eq!(p.heavy_rebuilds(), 1);
}

#[test]
fn build_arg_not_declared_changes_nothing() {
    let ctx = context(&["requirements.txt"], None);
    let p = run(ARG_LATE, &ctx, &arg_change("OTHER", "x"), None);
    assert_eq!(statuses(&p), ["CCCCCC"]);
}

#[test]
fn global_arg_in_from_rebuilds_the_stage() {
    let src = "ARG PY=3.12\nFROM python:${PY}-slim\nRUN echo hi\nLABEL a=b\n";
    let p = run(src, &context(&[], None), &arg_change("PY", "3.13"), None);
    assert_eq!(statuses(&p), ["RRR"]);
    assert_eq!(reason_text(&p, 2), "ARG PY changed and this step uses it");
}

#[test]
fn metadata_only_instructions_invalidate_nothing_after_them() {
    let src = "FROM alpine\nARG V=1\nLABEL version=$V\nEXPOSE 80\nCOPY app.txt /\n";
    // No RUN sees V; LABEL uses it but is metadata, so COPY stays cached.
    let p = run(
        src,
        &context(&["app.txt"], None),
        &arg_change("V", "2"),
        None,
    );
    assert_eq!(statuses(&p), ["CCRCC"]);
}

#[test]
fn dockerignore_exclusions_keep_copy_cached() {
    let ignore = "*.md\n.git\n**/__pycache__\n.env\n";
    let ctx = context(APP, Some(ignore));
    let p = run(
        FASTAPI_COPY_ALL_FIRST,
        &ctx,
        &changed(&[
            "README.md",
            ".git/index",
            "app/__pycache__/main.cpython-312.pyc",
        ]),
        None,
    );
    assert_eq!(statuses(&p), ["CCCCC"]);
    let copy = p.steps().find(|s| s.line == 3).unwrap();
    match &copy.reason {
        Reason::ChangesIgnored { files } => assert_eq!(files.len(), 3),
        other => panic!("unexpected reason {other:?}"),
    }
    assert!(copy
        .reason
        .to_string()
        .contains(".dockerignore keeps them out"));
    // Re-included by an exception: it reaches the builder.
    let ctx = context(APP, Some("*.md\n!README.md\n"));
    let p = run(FASTAPI_COPY_ALL_FIRST, &ctx, &changed(&["README.md"]), None);
    assert_eq!(statuses(&p), ["CCRRR"]);
}

#[test]
fn add_url_is_checked_every_build_unless_pinned() {
    let src = "\
FROM alpine
ADD https://example.com/tool.tar.gz /tmp/
RUN tar -xzf /tmp/tool.tar.gz
ADD --checksum=sha256:0123 https://example.com/other.tar.gz /tmp/
";
    let p = run(src, &context(&[], None), &changed(&[]), None);
    assert_eq!(statuses(&p), ["CRCC"]);
    let add = p.steps().find(|s| s.line == 2).unwrap();
    assert_eq!(add.cost, Cost::Heavy);
    assert_eq!(
        add.reason.to_string(),
        "ADD fetches https://example.com/tool.tar.gz again on every build (pin it with --checksum)"
    );
}

#[test]
fn heredocs_are_part_of_the_dockerfile_not_the_context() {
    let src = "\
FROM python:3.12
ARG GREETING=hi
COPY <<EOF /etc/motd
$GREETING from the heredoc
EOF
COPY app.py /app/
RUN <<'EOT'
pip install fastapi
EOT
";
    let ctx = context(&["app.py"], None);
    let p = run(src, &ctx, &changed(&["app.py"]), None);
    assert_eq!(statuses(&p), ["CCCRR"]);
    // The heredoc RUN's cost comes from its body.
    assert_eq!(p.steps().find(|s| s.line == 7).unwrap().cost, Cost::Heavy);
    // The COPY heredoc expands $GREETING, so a new value rebuilds it.
    let p = run(src, &ctx, &arg_change("GREETING", "hello"), None);
    assert_eq!(statuses(&p), ["CCRRR"]);
    assert_eq!(
        reason_text(&p, 3),
        "ARG GREETING changed and this step uses it"
    );
}

#[test]
fn env_from_a_changed_arg_reaches_later_runs() {
    let src = "FROM alpine\nARG V=1\nCOPY a /a\nENV APP_VERSION=$V\nCOPY b /b\nRUN build.sh\n";
    let p = run(
        src,
        &context(&["a", "b"], None),
        &arg_change("V", "2"),
        None,
    );
    assert_eq!(statuses(&p), ["CCCRCR"]);
}

#[test]
fn bind_mounts_key_on_the_mounted_files() {
    let src = "FROM golang\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/root/.cache go mod download\nRUN echo done\n";
    let ctx = context(&["go.sum", "main.go"], None);
    let p = run(src, &ctx, &changed(&["main.go"]), None);
    assert_eq!(statuses(&p), ["CCC"]);
    let p = run(src, &ctx, &changed(&["go.sum"]), None);
    assert_eq!(statuses(&p), ["CRR"]);
    assert_eq!(reason_text(&p, 2), "it mounts go.sum, which changed");
}

#[test]
fn changed_directory_covers_files_copied_from_it() {
    let p = run(FASTAPI, &context(APP, None), &changed(&["app"]), None);
    assert_eq!(statuses(&p), ["CCCCRR"]);
}

#[test]
fn copy_exclude_flag_filters_changes() {
    let src = "FROM alpine\nCOPY --exclude=*.md . /src\n";
    let p = run(
        src,
        &context(&["a.md", "b.c"], None),
        &changed(&["a.md"]),
        None,
    );
    assert_eq!(statuses(&p), ["CC"]);
}

// ---------------------------------------------------------------------------------------------
// An edit to the Dockerfile is a change too: the previous build's Dockerfile is compared with
// this one, stage by stage, instruction by instruction.

fn edited(previous: &str) -> Changes {
    Changes {
        previous: Some(parse(previous)),
        ..Changes::default()
    }
}

const APT: &str = "\
FROM python:3.13-slim
RUN apt-get update && apt-get install -y curl
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install -r requirements.txt
COPY ./app /code/app
EXPOSE 80
CMD [\"fastapi\", \"run\", \"app/main.py\", \"--port\", \"80\"]
";

#[test]
fn an_unchanged_dockerfile_reruns_nothing_and_comments_do_not_count() {
    let p = run(APT, &context(APP, None), &edited(APT), None);
    assert_eq!(statuses(&p), ["CCCCCCCC"]);
    let commented = APT.replace("WORKDIR", "# where the app lives\nWORKDIR");
    let p = run(&commented, &context(APP, None), &edited(APT), None);
    assert_eq!(statuses(&p), ["CCCCCCCC"]);
}

#[test]
fn a_package_added_reruns_from_its_line_and_says_what_changed() {
    let p = run(
        &APT.replace("curl", "curl git"),
        &context(APP, None),
        &edited(APT),
        None,
    );
    assert_eq!(statuses(&p), ["CRRRRRRR"]);
    assert_eq!(
        reason_text(&p, 2),
        "line 2 changed: `curl` became `curl git`"
    );
    assert_eq!(p.heavy_rebuilds(), 2, "apt-get and pip install");
}

#[test]
fn a_port_changed_in_cmd_or_expose_reruns_nothing() {
    let now = APT
        .replace("EXPOSE 80", "EXPOSE 8080")
        .replace("\"80\"]", "\"8080\"]");
    let p = run(&now, &context(APP, None), &edited(APT), None);
    assert_eq!(statuses(&p), ["CCCCCCCC"]);
    assert!(matches!(
        p.steps().find(|s| s.line == 8).unwrap().reason,
        Reason::MetadataEdited { line: 8, .. }
    ));
    // Deleting a LABEL or EXPOSE reruns nothing either.
    let p = run(
        &APT.replace("EXPOSE 80\n", ""),
        &context(APP, None),
        &edited(APT),
        None,
    );
    assert_eq!(statuses(&p), ["CCCCCCC"]);
}

#[test]
fn an_inserted_line_reruns_itself_and_what_follows() {
    let now = APT.replace(
        "WORKDIR /code\n",
        "WORKDIR /code\nENV PYTHONFAULTHANDLER=1\n",
    );
    let p = run(&now, &context(APP, None), &edited(APT), None);
    // The new ENV feeds the later RUN; COPY does not read the environment.
    assert_eq!(statuses(&p), ["CCCRCRRRR"]);
    assert_eq!(reason_text(&p, 4), "line 4 is new");
    let now = APT.replace("WORKDIR /code\n", "WORKDIR /code\nRUN useradd app\n");
    let p = run(&now, &context(APP, None), &edited(APT), None);
    assert_eq!(statuses(&p), ["CCCRRRRRR"]);
}

#[test]
fn a_deleted_step_reruns_the_step_after_it() {
    let now = APT.replace("RUN apt-get update && apt-get install -y curl\n", "");
    let p = run(&now, &context(APP, None), &edited(APT), None);
    assert_eq!(statuses(&p), ["CRRRRRR"]);
    assert!(
        reason_text(&p, 2)
            .contains("`RUN apt-get update && apt-get install -y curl` (its line 2), was deleted"),
        "{}",
        reason_text(&p, 2)
    );
}

#[test]
fn a_moved_copy_reruns_from_where_the_chain_changed() {
    // The requirements-first fix as an edit: the install's parent changed, then the move.
    let before = "FROM python:3.13\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"x\"]\n";
    let after = "FROM python:3.13\nWORKDIR /code\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"x\"]\n";
    let p = run(after, &context(APP, None), &edited(before), None);
    assert_eq!(statuses(&p), ["CCRRR"]);
    assert!(
        reason_text(&p, 3).contains("moved"),
        "{}",
        reason_text(&p, 3)
    );
    assert_eq!(
        reason_text(&p, 4),
        "the step before it was rebuilt (the cache chain broke at line 3)"
    );
}

#[test]
fn an_edited_from_reruns_its_whole_stage_and_a_new_stage_runs() {
    let p = run(
        &APT.replace("python:3.13-slim", "python:3.14-slim"),
        &context(APP, None),
        &edited(APT),
        None,
    );
    assert_eq!(statuses(&p), ["RRRRRRRR"]);
    assert_eq!(
        reason_text(&p, 1),
        "line 1 changed: `python:3.13-slim` became `python:3.14-slim`"
    );
    let staged = format!("FROM python:3.13 AS build\nRUN pip wheel -r requirements.txt\n{APT}");
    let p = run(&staged, &context(APP, None), &edited(APT), None);
    // The new build stage is not needed by the final one; the final one is unchanged.
    assert_eq!(statuses(&p), ["NN", "CCCCCCCC"]);
    let p = run(&staged, &context(APP, None), &edited(APT), Some("build"));
    assert_eq!(statuses(&p)[0], "RR");
    assert_eq!(reason_text(&p, 1), "stage `build` is new");
}

#[test]
fn an_edited_arg_default_reruns_its_first_use() {
    let before = "FROM python:3.13\nARG VERSION=1\nCOPY . .\nRUN echo $VERSION\n";
    let after = before.replace("VERSION=1", "VERSION=2");
    let p = run(&after, &context(APP, None), &edited(before), None);
    assert_eq!(statuses(&p), ["CCCR"]);
}

#[test]
fn edits_combine_with_changed_files() {
    let p = run(
        &APT.replace("EXPOSE 80", "EXPOSE 8080"),
        &context(APP, None),
        &Changes {
            paths: vec!["app/main.py".into()],
            ..edited(APT)
        },
        None,
    );
    assert_eq!(statuses(&p), ["CCCCCRRR"]);
}

// ---------------------------------------------------------------------------------------------
// BuildKit's newer cache rules: `--link`, `--exclude`, secret and cache mounts, proxy arguments.

fn with_args(args: &[(&str, &str)]) -> Changes {
    Changes {
        build_args: args
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        ..Changes::default()
    }
}

const LINKED: &str = "\
FROM python:3.13-slim
ARG APT_EXTRA=
RUN apt-get update && apt-get install -y curl $APT_EXTRA
COPY --link ./requirements.txt /code/requirements.txt
RUN pip install -r /code/requirements.txt
COPY --link ./app /code/app
CMD [\"fastapi\", \"run\", \"app/main.py\"]
";

#[test]
fn a_linked_copy_stays_cached_when_an_earlier_step_reruns() {
    let p = run(
        LINKED,
        &context(APP, None),
        &with_args(&[("APT_EXTRA", "git")]),
        None,
    );
    // The apt-get step reruns; the linked copies do not; the RUN between them does.
    assert_eq!(statuses(&p), ["CCRCRCR"]);
    assert_eq!(
        reason_text(&p, 4),
        "--link keeps it independent of the steps before it (the rebuild at line 3)"
    );
    assert!(matches!(
        p.steps().find(|s| s.line == 6).map(|s| &s.reason),
        Some(Reason::Linked { line: 3 })
    ));
}

#[test]
fn a_linked_copy_whose_files_changed_reruns_and_so_does_what_follows() {
    let p = run(
        LINKED,
        &context(APP, None),
        &changed(&["requirements.txt"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCCRRCR"]);
    // `--link=false` is a plain copy.
    let plain = LINKED.replace("--link ./app", "--link=false ./app");
    let p = run(
        &plain,
        &context(APP, None),
        &with_args(&[("APT_EXTRA", "git")]),
        None,
    );
    assert_eq!(statuses(&p), ["CCRCRRR"]);
}

#[test]
fn a_linked_copy_to_a_relative_path_moves_with_an_edited_workdir() {
    let before = "FROM alpine\nWORKDIR /code\nCOPY --link app ./app\nCOPY --link conf /etc/conf\n";
    let now = before.replace("WORKDIR /code", "WORKDIR /srv");
    let p = run(
        &now,
        &context(&["app/main.py", "conf/a"], None),
        &edited(before),
        None,
    );
    // The relative copy lands elsewhere now; the absolute one does not care.
    assert_eq!(statuses(&p), ["CRRC"]);
    assert!(matches!(
        p.steps().find(|s| s.line == 3).map(|s| &s.reason),
        Some(Reason::LinkedWorkdirChanged { line: 2 })
    ));
}

#[test]
fn exclude_patterns_match_as_dockerignore_patterns_relative_to_the_source() {
    let ctx = context(
        &[
            "app/main.py",
            "app/tests/test_main.py",
            "app/docs/a/b.md",
            "README.md",
        ],
        None,
    );
    let src = "FROM alpine\nCOPY --exclude=tests --exclude=**/*.md app /code/app\nRUN make\n";
    // A directory pattern excludes what is in it.
    let p = run(src, &ctx, &changed(&["app/tests/test_main.py"]), None);
    assert_eq!(statuses(&p), ["CCC"]);
    assert_eq!(
        reason_text(&p, 2),
        "app/tests/test_main.py changed, but --exclude leaves it out of this copy"
    );
    // `**` reaches any depth.
    let p = run(src, &ctx, &changed(&["app/docs/a/b.md"]), None);
    assert_eq!(statuses(&p), ["CCC"]);
    // Other files still count.
    let p = run(src, &ctx, &changed(&["app/main.py"]), None);
    assert_eq!(statuses(&p), ["CRR"]);
    // `!` brings a file back, as in .dockerignore.
    let src = "FROM alpine\nCOPY --exclude=*.md --exclude=!KEEP.md . /code\n";
    let p = run(
        src,
        &context(&["KEEP.md", "x.md"], None),
        &changed(&["KEEP.md"]),
        None,
    );
    assert_eq!(statuses(&p), ["CR"]);
    // Patterns are relative to each source: `*.mp3` of `dir3/` is `dir3/*.mp3` in the context
    // (BuildKit's own test, frontend/dockerfile/exclude_patterns_test.go).
    let src = "FROM scratch\nADD --exclude=*.mp3 dir3/ /3/\n";
    let p = run(
        src,
        &context(&["dir3/a.mp3"], None),
        &changed(&["dir3/a.mp3"]),
        None,
    );
    assert_eq!(statuses(&p), ["CC"]);
}

#[test]
fn secret_contents_and_cache_mounts_are_not_part_of_the_key() {
    let src = "\
FROM node:22
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci
COPY . .
";
    let ctx = context(
        &["package.json", "package-lock.json", ".npmrc", "index.js"],
        Some(".npmrc\n"),
    );
    // The token in .npmrc changed: the secret's content is not in the key.
    let p = run(src, &ctx, &changed(&[".npmrc"]), None);
    assert_eq!(statuses(&p), ["CCCCC"]);
    // The secret's id and target are: an edit to them reruns the install.
    let now = src.replace("id=npmrc", "id=npm_token");
    let p = run(&now, &ctx, &edited(src), None);
    assert_eq!(statuses(&p), ["CCCRR"]);
    // The cache mount's target too.
    let now = src.replace("target=/root/.npm ", "target=/tmp/npm ");
    let p = run(&now, &ctx, &edited(src), None);
    assert_eq!(statuses(&p), ["CCCRR"]);
    // A bind mount of the same file, by contrast, is keyed on its content.
    let bind = src.replace("type=secret,id=npmrc", "type=bind,source=.npmrc");
    let p = run(
        &bind,
        &context(&[".npmrc"], None),
        &changed(&[".npmrc"]),
        None,
    );
    assert_eq!(statuses(&p), ["CCCRR"]);
}

#[test]
fn proxy_arguments_rerun_nothing_unless_declared() {
    let src = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\n";
    let p = run(
        src,
        &BuildContext::default(),
        &with_args(&[("HTTP_PROXY", "http://proxy.sfo:3128")]),
        None,
    );
    assert_eq!(statuses(&p), ["CC"]);
    assert_eq!(
        p.problems,
        [PlanProblem::UndeclaredBuildArg {
            name: "HTTP_PROXY".into(),
            proxy: true
        }]
    );
    assert!(p.problems[0].is_note());
    // Declared with ARG, it is a build argument like any other (Dockerfile reference,
    // "Predefined ARGs").
    let declared = "FROM ubuntu\nARG HTTP_PROXY\nRUN apt-get update && apt-get install -y curl\n";
    let p = run(
        declared,
        &BuildContext::default(),
        &with_args(&[("HTTP_PROXY", "http://proxy.sfo:3128")]),
        None,
    );
    assert_eq!(statuses(&p), ["CCR"]);
    assert!(p.problems.is_empty());
    // Any other argument no ARG declares is noted too, not a proxy.
    let p = run(
        src,
        &BuildContext::default(),
        &with_args(&[("VERSION", "2")]),
        None,
    );
    assert_eq!(
        p.problems,
        [PlanProblem::UndeclaredBuildArg {
            name: "VERSION".into(),
            proxy: false
        }]
    );
}

#[test]
fn the_plan_and_the_rules_read_commands_and_stages_alike() {
    // `env X=1 pip install` is an install for both (one command model).
    let src =
        "FROM python:3.13\nCOPY . .\nRUN env PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n";
    let p = run(src, &BuildContext::default(), &changed(&["app.py"]), None);
    assert_eq!(p.steps().last().map(|s| s.cost), Some(Cost::Heavy));
    // An install inside a quoted string is not one.
    let src = "FROM python:3.13\nRUN echo \"then; pip install x\"\n";
    let p = run(src, &BuildContext::default(), &Changes::default(), None);
    assert_eq!(p.steps().last().map(|s| s.cost), Some(Cost::Light));
    // `FROM ${BASE}` naming an earlier stage is that stage, not an image pull (one stage graph).
    let src = "ARG BASE=build\nFROM python:3.13 AS build\nRUN pip install x\nFROM ${BASE}\nRUN echo done\n";
    let p = run(src, &BuildContext::default(), &Changes::default(), None);
    assert_eq!(p.stages[1].steps[0].cost, Cost::Light);
    assert!(p.stages[0].built);
}
