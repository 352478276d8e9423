#!/usr/bin/env python3
"""Turns the raw figures of scripts/bench into its Markdown report.

usage: report.py RESULTS_TSV OUT_DIR MACHINE_LINE COMMAND

RESULTS_TSV holds "key<TAB>value" lines written by scripts/bench; OUT_DIR
holds micro.json and micro-generated.json (Google Benchmark's JSON output).
Figures are shown as measured, next to the targets of issue 4; nothing here
passes or fails.
"""
import json
import os
import sys


def load(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            values[key] = value
    return values


def num(values, key):
    try:
        return float(values[key])
    except (KeyError, ValueError):
        return None


def fmt(x, digits=1, suffix=""):
    if x is None:
        return "n/a"
    return f"{x:,.{digits}f}{suffix}"


def sig(x, digits=3):
    """x with `digits` significant figures (small rates stay readable)."""
    if x is None:
        return "n/a"
    return f"{x:,.{digits}g}" if abs(x) < 10 ** digits else f"{x:,.0f}"


def rate(bytes_, secs):
    if bytes_ is None or not secs:
        return None
    return bytes_ / 1e6 / secs


def ratio(a, b):
    if a is None or not b:
        return None
    return a / b


def size_table(v, sizes):
    jobs = v.get("jobs", "N")
    rows = []

    def row(label, cells, target=""):
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    per = {}
    for s in sizes:
        b = num(v, f"{s}.bytes")
        p = {
            "bytes": b,
            "files": num(v, f"{s}.files"),
            "claims": num(v, f"{s}.claims"),
            "bare": rate(b, num(v, f"{s}.bare.seconds")),
            "bare_cpu": rate(b, num(v, f"{s}.bare.cpu")),
            "j1_cpu": rate(b, num(v, f"{s}.j1.cpu")),
            "rg": rate(b, num(v, f"{s}.rg.seconds")),
            "j1": rate(b, num(v, f"{s}.j1.seconds")),
            "jn": rate(b, num(v, f"{s}.j{jobs}.seconds")),
            "j1_rss": num(v, f"{s}.j1.rss_kb"),
            "jn_rss": num(v, f"{s}.j{jobs}.rss_kb"),
            "jsonl1": rate(num(v, f"{s}.jsonl.bytes"), num(v, f"{s}.jsonl.j1.seconds")),
            "jsonln": rate(num(v, f"{s}.jsonl.bytes"), num(v, f"{s}.jsonl.j{jobs}.seconds")),
            "jsonl_rss": num(v, f"{s}.jsonl.j{jobs}.rss_kb"),
        }
        claims = p["claims"]
        p["j1_claims"] = ratio(claims, num(v, f"{s}.j1.seconds"))
        p["jn_claims"] = ratio(claims, num(v, f"{s}.j{jobs}.seconds"))
        per[s] = p

    header = "| figure | " + " | ".join(sizes) + " | target (issue 4) |"
    rows.append(header)
    rows.append("|" + " --- |" * (len(sizes) + 2))
    g = lambda k, d=1, suf="": [fmt(per[s][k], d, suf) for s in sizes]  # noqa: E731
    row("corpus: MB / files", [f"{fmt(per[s]['bytes'] and per[s]['bytes'] / 1e6, 0)} / "
                              f"{fmt(per[s]['files'], 0)}" for s in sizes])
    row("claims (per KB)", [f"{fmt(per[s]['claims'], 0)} "
                            f"({fmt(ratio(per[s]['claims'], per[s]['bytes'] and per[s]['bytes'] / 1e3), 2)})"
                            for s in sizes])
    row("bare RE2 scan, MB/s", g("bare"))
    skipped = [v.get(f"{s}.rg.skipped", "0") for s in sizes]
    row("ripgrep -j1, MB/s", [f"{fmt(per[s]['rg'])}" + (f" ({k} patterns rejected)" if k not in ("0", "") else "")
                              for s, k in zip(sizes, skipped)])
    row("claimcheck -j1, MB/s", g("j1"))
    row("claimcheck -j1, claims/s", g("j1_claims", 0))
    row(f"claimcheck -j{jobs}, MB/s", g("jn"))
    row(f"claimcheck -j{jobs}, claims/s", g("jn_claims", 0))
    pct = lambda a, b: fmt(ratio(a, b) and 100 * ratio(a, b), 1, "%")  # noqa: E731
    row("-j1 / bare scan, whole corpus, wall time", [pct(per[s]["j1"], per[s]["bare"]) for s in sizes])
    row("-j1 / bare scan, CPU time (MB per CPU-second: "
        "claimcheck / bare)", [f"{pct(per[s]['j1_cpu'], per[s]['bare_cpu'])} "
                               f"({fmt(per[s]['j1_cpu'], 2)} / {fmt(per[s]['bare_cpu'], 1)})"
                               for s in sizes], "")
    whole = v.get("scale.whole") == "1"
    row(f"-j{jobs} / -j1, whole corpus" + (" (the first size: best of the rounds below; others: one run each)"
                                          if whole else " (one run each, one after the other)"),
        [fmt(ratio(per[s]["jn"], per[s]["j1"]), 2, "x") for s in sizes])
    if "scale.j1.seconds" in v:
        label = (("the whole corpus, " if whole else "")
                 + f"{fmt(num(v, 'scale.files'), 0)} files, {fmt(num(v, 'scale.bytes') / 1e6, 1)} MB")
        row(f"**-j{jobs} / -j1, interleaved rounds** (best of 3, {label})",
            [fmt(ratio(num(v, "scale.j1.seconds"), num(v, "scale.jn.seconds")), 2, "x")] + [""] * (len(sizes) - 1),
            "≥ 1.7x (2 threads)")
        ceiling = None
        if jobs.isdigit() and num(v, "scale.bare_parallel.seconds"):
            ceiling = int(jobs) * num(v, "scale.bare1.seconds") / num(v, "scale.bare_parallel.seconds")
        row(f"machine ceiling: {jobs} bare scans at once / one (same rounds)",
            [fmt(ceiling, 2, "x")] + [""] * (len(sizes) - 1))
        if num(v, "scale.j1_processes.seconds"):
            row(f"-j1 / {jobs} claimcheck -j1 processes at once, each on 1/{jobs} of the sample"
                + (" (whole folders)" if whole else "") + " "
                f"(same rounds): -j{jobs}'s ceiling if threads shared nothing",
                [fmt(ratio(num(v, "scale.j1.seconds"), num(v, "scale.j1_processes.seconds")), 2, "x")]
                + [""] * (len(sizes) - 1))
        one = ratio(num(v, "scale.bare1.seconds"), num(v, "scale.j1.seconds"))
        row("**-j1 / bare scan, interleaved rounds** (same sample)",
            [fmt(one and 100 * one, 1, "%")] + [""] * (len(sizes) - 1), "≥ 30%")
        # Each round's pair on its own: how far the machine moved the ratio
        # within this run (the best times above may come from two rounds).
        rounds = [ratio(num(v, f"scale.round{r}.bare1.seconds"), num(v, f"scale.round{r}.j1.seconds"))
                  for r in (1, 2, 3)]
        if any(rounds):
            # Where the bench could pin them, both runs of a round shared one CPU.
            cpus = [v.get(f"scale.round{r}.cpu") for r in (1, 2, 3)]
            row("-j1 / bare scan, round by round (the same round's two runs"
                + (", on one CPU: the CPU in brackets" if all(cpus) else "") + ")",
                [", ".join(fmt(r and 100 * r, 1, "%") + (f" (CPU {c})" if c else "")
                           for r, c in zip(rounds, cpus))] + [""] * (len(sizes) - 1))
    row("peak RSS -j1, MB", [fmt(per[s]["j1_rss"] and per[s]["j1_rss"] / 1024) for s in sizes])
    row(f"**peak RSS -j{jobs}, MB**", [fmt(per[s]["jn_rss"] and per[s]["jn_rss"] / 1024) for s in sizes],
        "< 100 MB at 1 GB")
    if any(per[s]["jsonl1"] for s in sizes):
        row("--input jsonl -j1, MB/s", g("jsonl1"))
        row(f"--input jsonl -j{jobs}, MB/s", g("jsonln"))
        row(f"--input jsonl -j{jobs} peak RSS, MB", [fmt(per[s]["jsonl_rss"] and per[s]["jsonl_rss"] / 1024) for s in sizes])
    return "\n".join(rows), per


def facts_table(v, sizes, per):
    if "many_facts" not in v:
        return ""
    sample = num(v, "facts_sample.bytes")

    def throughput(which):
        secs = num(v, f"facts_sample.{which}.seconds")
        r = rate(sample, secs)
        if f"facts_sample.{which}.timeout" in v:
            return r, f"< {sig(r)} (stopped after {v[f'facts_sample.{which}.timeout']} s)"
        return r, sig(r)

    bundled, bundled_text = throughput("bundled")
    many, many_text = throughput("many")
    bound = "at most " if "facts_sample.many.timeout" in v else ""
    rss = lambda which: num(v, f"facts_sample.{which}.rss_kb")  # noqa: E731
    ms = lambda key: num(v, key) and num(v, key) / 1e3  # noqa: E731
    slices = ""
    if num(v, "facts_sample.slices") and num(v, "facts_sample.slices") > 1:
        slices = f", in {fmt(num(v, 'facts_sample.slices'), 0)} slices each run on both databases in turn"
    rows = [
        f"| figure | bundled ({v.get('bundled_facts', '?')} facts) | "
        f"{int(float(v['many_facts'])):,} generated + bundled | target (issue 4) |",
        "| --- | --- | --- | --- |",
        f"| startup: one tiny document, ms (median of 7) | {fmt(ms('startup.bundled.us'))} | "
        f"{fmt(ms('startup.many.us'))} | < 1000 ms |",
        f"| claimcheck -j1 on {fmt(num(v, 'facts_sample.files'), 0)} files "
        f"({fmt(sample and sample / 1e6, 2)} MB) of {sizes[0]}{slices}, with startup, MB/s | "
        f"{bundled_text} | {many_text} | |",
        f"| **throughput, big / bundled** | 1 | "
        f"{bound + sig(ratio(many, bundled)) + 'x' if ratio(many, bundled) else 'n/a'} | ≥ 0.5x |",
    ]
    if "facts_rounds.many.seconds" in v:
        label = f"{fmt(num(v, 'scale.files'), 0)} files, {fmt(num(v, 'scale.bytes') / 1e6, 1)} MB"
        rows.append(
            f"| throughput, big / bundled, interleaved rounds (best of 3, the scaling sample, "
            f"{label}) | 1 | "
            f"{sig(ratio(num(v, 'facts_rounds.bundled.seconds'), num(v, 'facts_rounds.many.seconds')))}x"
            f" | |")
    rows += [
        f"| peak RSS, MB | {fmt(rss('bundled') and rss('bundled') / 1024)} | "
        f"{fmt(rss('many') and rss('many') / 1024)} | |",
    ]
    if "import.seconds" in v:
        rows.append(f"| `facts import` of the big database: s / peak RSS MB | | "
                    f"{fmt(num(v, 'import.seconds'))} / {fmt(num(v, 'import.rss_kb') / 1024, 0)} | |")
    if "many_db_mb" in v:
        rows.append(f"| database file, MB | | {v['many_db_mb']} | |")
    return "\n".join(rows)


def micro_table(out_dir):
    rows = []
    for name, label in (("micro.json", "corpus/ai-race.txt"), ("micro-generated.json", "a generated article")):
        path = os.path.join(out_dir, name)
        if not os.path.exists(path):
            continue
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except ValueError:
            continue
        for b in data.get("benchmarks", []):
            bench = b["name"]
            if b.get("error_occurred"):
                rows.append(f"| {bench} | {label} | skipped: {b.get('error_message', '')} | | |")
                continue
            unit = b.get("time_unit", "ns")
            t = b.get("real_time")
            mbs = b.get("bytes_per_second")
            extra = []
            for k in ("claims", "linked"):
                if k in b:
                    extra.append(f"{k} {b[k]:.0f}")
            rows.append(f"| {bench} | {label} | {t:,.1f} {unit} | {fmt(mbs and mbs / 1e6)} | {', '.join(extra)} |")
    if not rows:
        return ""
    return "\n".join(["| benchmark | input | time / iteration | MB/s | |", "| --- | --- | --- | --- | --- |"] + rows)


def main():
    results, out_dir, machine, command = sys.argv[1:5]
    v = load(results)
    sizes = [k[: -len(".bytes")] for k in v
             if k.endswith(".bytes") and k.count(".") == 1
             and not k.startswith(("facts_sample", "facts_rounds", "scale"))]
    table, per = size_table(v, sizes)
    parts = [
        "# claimcheck benchmark",
        "",
        f"`{command}` on {machine}; load average {v.get('load.start', '?')} at the start, "
        f"{v.get('load.end', '?')} at the end (other work on the machine slows wall-time figures).",
        f"Database: {v.get('bundled_db', '?')}; {v.get('patterns', '?')} rule-family patterns.",
        "",
        "## Throughput, memory, ceiling",
        "",
        table,
    ]
    if "verdicts" in v:
        parts += ["", f"Verdicts on {sizes[0]} with the bundled database: {v['verdicts']}."]
    facts = facts_table(v, sizes, per)
    if facts:
        parts += ["", "## Fact-database scale", "", facts]
    micro = micro_table(out_dir)
    if micro:
        parts += ["", "## Micro-benchmarks", "", micro]
    print("\n".join(parts))


if __name__ == "__main__":
    main()
