#!/usr/bin/env bash
# claimcheck as a streaming mapper under GNU parallel (issue 4, point 2):
# a JSON-lines input made of the corpus/ articles, with one malformed line,
# is split into chunks of a few lines that `parallel --pipe -k` hands to
# separate claimcheck processes. The merged output must equal a single run's
# byte for byte (up to the line number that names the malformed line: a
# process under --pipe sees only its chunk), and every input line must give
# exactly one output line, the malformed one an error object in its place.
#
#   parallel_test.sh CLAIMCHECK_BINARY SOURCE_DIR
#
# Exits 77 (CTest SKIP_RETURN_CODE) when GNU parallel or python3 is missing.
set -euo pipefail

bin=${1:?usage: parallel_test.sh CLAIMCHECK_BINARY SOURCE_DIR}
src=${2:?usage: parallel_test.sh CLAIMCHECK_BINARY SOURCE_DIR}

if ! command -v parallel >/dev/null || ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
  echo "SKIP: GNU parallel is not installed (Debian package: parallel)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is needed to build the JSON-lines input"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# parallel keeps state (and its citation notice) under $HOME.
export HOME=$tmp

# Every corpus article, three times under different ids so that chunks hold
# repeats; markup is passed as the record's format. The malformed line sits
# in the middle, so chunks before and after it must still line up.
python3 - "$src/corpus" >"$tmp/input.jsonl" <<'EOF'
import json, os, sys
corpus = sys.argv[1]
formats = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
records = []
for round_ in range(3):
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        record = {"id": f"{round_}/{name}", "text": text}
        ext = os.path.splitext(name)[1].lower()
        if ext in formats:
            record["format"] = formats[ext]
        records.append(json.dumps(record, ensure_ascii=False))
records.insert(len(records) // 2, '{"id": "broken", "text": "unterminated')
print("\n".join(records))
EOF

# The bundled database when it has been built, else one imported from the
# same fact records, so the test links claims either way.
db=$src/facts.db
if [ ! -f "$db" ]; then
  db=$tmp/facts.db
  "$bin" facts import --db "$db" "$src"/data/facts/*.jsonl >/dev/null
fi

lines_in=$(wc -l <"$tmp/input.jsonl")
if [ "$lines_in" -lt 10 ]; then
  echo "FAIL: only $lines_in input lines; is $src/corpus empty?"
  exit 1
fi

# Exit status 1 (flagged claims) and 2 (the malformed line) are expected;
# anything above is a crash.
run_status=0
"$bin" check --db "$db" --input jsonl --format jsonl -j 1 <"$tmp/input.jsonl" >"$tmp/single.jsonl" \
  2>"$tmp/single.err" || run_status=$?
if [ "$run_status" -gt 2 ]; then
  echo "FAIL: single run exited $run_status"
  cat "$tmp/single.err"
  exit 1
fi

# -N 4: four records a job, so the malformed line lands inside a chunk
# and not at its start (see below);
# -k: output in input order; -j 2: two processes at once.
parallel --will-cite --pipe -k -N 4 -j 2 \
  "$bin" check --db "$db" --input jsonl --format jsonl <"$tmp/input.jsonl" >"$tmp/merged.jsonl" \
  2>"$tmp/merged.err" || true

status=0
lines_single=$(wc -l <"$tmp/single.jsonl")
lines_merged=$(wc -l <"$tmp/merged.jsonl")
if [ "$lines_single" -ne "$lines_in" ]; then
  echo "FAIL: single run: $lines_in lines in, $lines_single lines out"
  status=1
fi
if [ "$lines_merged" -ne "$lines_in" ]; then
  echo "FAIL: parallel run: $lines_in lines in, $lines_merged lines out"
  cat "$tmp/merged.err"
  status=1
fi

# Byte for byte, with one exception the mapper cannot avoid: a line that is
# not JSON at all has no id, so its result is named by its line number, and
# each process under --pipe numbers the lines of its own chunk. Such a line
# must still give an error object in its place, equal up to that number.
python3 - "$tmp/input.jsonl" "$tmp/single.jsonl" "$tmp/merged.jsonl" <<'EOF' || status=1
import json, re, sys
with open(sys.argv[1], encoding="utf-8") as f:
    inputs = f.read().splitlines()
with open(sys.argv[2], encoding="utf-8") as f:
    single = f.read().splitlines()
with open(sys.argv[3], encoding="utf-8") as f:
    merged = f.read().splitlines()
def unparseable(line):
    try:
        json.loads(line)
        return False
    except ValueError:
        return True
renumber = lambda s: re.sub(r"line[- ]\d+", "line N", s)
bad = 0
for n, (i, a, b) in enumerate(zip(inputs, single, merged), 1):
    if a == b:
        continue
    if unparseable(i) and renumber(a) == renumber(b):
        continue
    bad += 1
    if bad <= 3:
        print(f"FAIL: line {n}: the parallel run's result differs from the single run's")
        print("  single:", a[:300])
        print("  merged:", b[:300])
if bad > 3:
    print(f"FAIL: {bad} lines differ in all")
sys.exit(1 if bad else 0)
EOF

# Output line N answers input line N: same id, and an error exactly where
# the input line was malformed.
python3 - "$tmp/input.jsonl" "$tmp/merged.jsonl" <<'EOF' || status=1
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    inputs = f.read().splitlines()
with open(sys.argv[2], encoding="utf-8") as f:
    outputs = f.read().splitlines()
bad = 0
claims = 0
for n, (i, o) in enumerate(zip(inputs, outputs), 1):
    result = json.loads(o)
    try:
        want = json.loads(i)["id"]
    except ValueError:
        want = None
    if want is None:
        if result.get("error") is None:
            print(f"FAIL: line {n} is malformed but its result has no error")
            bad += 1
    else:
        if result.get("path") != want:
            print(f"FAIL: line {n}: result for {result.get('path')!r}, expected {want!r}")
            bad += 1
        if result.get("error") is not None:
            print(f"FAIL: line {n}: unexpected error {result['error']!r}")
            bad += 1
        claims += len(result.get("claims", []))
if claims == 0:
    print("FAIL: no claims found in the whole corpus")
    bad += 1
sys.exit(1 if bad else 0)
EOF

[ "$status" -eq 0 ] && echo "PASS: $lines_in lines in, $lines_merged lines out, the same results"
exit "$status"
