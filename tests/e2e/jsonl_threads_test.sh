#!/usr/bin/env bash
# One `--input jsonl` stream checked on several threads gives the same bytes
# as on one (issue 4: the report is byte-identical whatever -j is). Several
# thousand records, so that reading the next line and writing a result
# overlap again and again: a shared stream buffer touched by both (stdin
# once flushed stdout before each read) shows up as lost or doubled lines.
#
#   jsonl_threads_test.sh CLAIMCHECK_BINARY SOURCE_DIR
#
# Exits 77 (CTest SKIP_RETURN_CODE) when python3 is missing.
set -euo pipefail

bin=${1:?usage: jsonl_threads_test.sh CLAIMCHECK_BINARY SOURCE_DIR}
src=${2:?usage: jsonl_threads_test.sh CLAIMCHECK_BINARY SOURCE_DIR}

if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is needed to build the JSON-lines input"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The corpus/ articles, four hundred times over under different ids, with a
# malformed line now and then.
python3 - "$src/corpus" >"$tmp/input.jsonl" <<'PY'
import json, os, sys
corpus = sys.argv[1]
formats = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
texts = []
for name in sorted(os.listdir(corpus)):
    path = os.path.join(corpus, name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            texts.append((name, f.read()))
for round_ in range(400):
    for name, text in texts:
        record = {"id": f"{round_}/{name}", "text": text}
        fmt = formats.get(os.path.splitext(name)[1].lower())
        if fmt:
            record["format"] = fmt
        print(json.dumps(record, ensure_ascii=False))
    if round_ % 10 == 0:
        print('{"id": "broken", "text": ')
PY

db=$src/facts.db
if [ ! -f "$db" ]; then
  db=$tmp/facts.db
  "$bin" facts import --db "$db" "$src"/data/facts/*.jsonl >/dev/null
fi

lines_in=$(wc -l <"$tmp/input.jsonl")
status=0
for j in 1 4; do
  run_status=0
  # Into a pipe, as in a pipeline: its writes block now and then, which
  # widens any window in which two threads touch the output.
  "$bin" check --db "$db" --input jsonl --format jsonl -j "$j" <"$tmp/input.jsonl" \
    2>"$tmp/err-$j.txt" | cat >"$tmp/out-$j.jsonl" || run_status=$?
  # 1: flagged claims, 2: the malformed lines; above that, a crash.
  if [ "$run_status" -gt 2 ]; then
    echo "FAIL: -j $j exited $run_status"
    head -5 "$tmp/err-$j.txt"
    exit 1
  fi
  lines_out=$(wc -l <"$tmp/out-$j.jsonl")
  if [ "$lines_out" -ne "$lines_in" ]; then
    echo "FAIL: -j $j: $lines_in lines in, $lines_out lines out"
    status=1
  fi
done
if ! cmp -s "$tmp/out-1.jsonl" "$tmp/out-4.jsonl"; then
  echo "FAIL: -j 4 output differs from -j 1: $(cmp "$tmp/out-1.jsonl" "$tmp/out-4.jsonl" 2>&1 | head -1)"
  status=1
fi
[ "$status" -eq 0 ] && echo "PASS: $lines_in lines, -j 1 and -j 4 byte-identical"
exit "$status"
