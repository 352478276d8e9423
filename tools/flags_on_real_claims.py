#!/usr/bin/env python3
"""How many false alarms claimcheck raises on real text.

Checks every claim of the real fact-checked claim sets in ../shared/peer-suites
(AVeriTeC, Fin-Fact) against a fact database, through `claimcheck check
--input jsonl`, and lists what it flags. Those claims are about anything (US
politics, health, trade) and the bundled facts about a few articles, so a flag
is nearly always a figure linked to the wrong fact: the count is a measure of
false alarms, to read claim by claim. Reports figures, never pass/fail.

    tools/flags_on_real_claims.py [--binary B] [--db F] [--suites DIR]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/release/claimcheck"))
    parser.add_argument("--db", default=os.path.join(ROOT, "facts.db"))
    parser.add_argument("--suites", default=os.path.join(ROOT, "..", "shared", "peer-suites"))
    args = parser.parse_args()

    lines = []
    for suite in ("averitec", "fin-fact"):
        path = os.path.join(args.suites, suite, "claims.jsonl")
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.strip():
                    claim = json.loads(line)
                    lines.append(json.dumps({"id": f"{suite}:{number}", "text": claim["claim"]}))
    run = subprocess.run(
        [args.binary, "check", "--quiet", "--input", "jsonl", "--format", "jsonl", "--db", args.db],
        input="\n".join(lines) + "\n", capture_output=True, text=True)
    if run.returncode > 1:
        sys.exit(f"claimcheck failed ({run.returncode}): {run.stderr}")

    counts = {"supported": 0, "flagged": 0, "unverified": 0}
    flagged = []
    results = run.stdout.splitlines()
    for result in results:
        document = json.loads(result)
        for claim in document.get("claims") or []:
            counts[claim["verdict"]] += 1
            if claim["verdict"] == "flagged":
                finding = claim["findings"][0]
                flagged.append((document["path"], claim["text"], finding["rule"], finding["message"]))
    print(f"{len(results)} real claims, {sum(counts.values())} figures: "
          f"{counts['flagged']} flagged, {counts['supported']} supported, "
          f"{counts['unverified']} unverified")
    for where, text, rule, message in flagged:
        print(f"  {where}  \"{text}\"  [{rule}]  {message}")


if __name__ == "__main__":
    main()
