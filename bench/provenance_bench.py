#!/usr/bin/env python3
"""Time `idgate provenance` over a generated 100,000-commit history.

The history is written with `git fast-import` (deterministic: fixed authors, dates, messages),
mixing people, an AI agent's trailer and a dependency bot, then `idgate provenance` streams every
commit as text and as JSON. The run checks the counts it prints, so a broken run is never timed.

    python3 bench/provenance_bench.py [--commits 100000] [--runs 3] [--idgate PATH]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def stream(n):
    out = []
    for i in range(1, n + 1):
        t = 1_700_000_000 + i * 60
        if i % 7 == 0:
            author = "Ann Example <ann@example.com>"
            msg = f"change {i}\n\nCo-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>\n"
        elif i % 11 == 0:
            author = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
            msg = f"bump {i}\n"
        else:
            author = "Bob Dev <bob@example.com>"
            msg = f"work {i}\n"
        m = msg.encode()
        data = f"line {i}\n"
        out.append(f"commit refs/heads/main\nmark :{i}\nauthor {author} {t} +0000\n"
                   f"committer {author} {t} +0000\ndata {len(m)}\n{msg}")
        if i > 1:
            out.append(f"from :{i - 1}\n")
        out.append(f"M 100644 inline f{i % 50}.txt\ndata {len(data)}\n{data}\n")
    return "".join(out).encode()


def expected(n):
    agent = sum(1 for i in range(1, n + 1) if i % 7 == 0)
    bot = sum(1 for i in range(1, n + 1) if i % 7 != 0 and i % 11 == 0)
    return agent, bot, n - agent - bot


def build_idgate():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "idgate"], check=True)
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                                     check=True, capture_output=True).stdout)
    return os.path.join(meta["target_directory"], "release", "idgate")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--idgate")
    args = ap.parse_args()
    idgate = args.idgate or build_idgate()
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
        t0 = time.perf_counter()
        subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=stream(args.commits), check=True)
        print(f"generated {args.commits} commits in {time.perf_counter() - t0:.1f} s")
        agent, bot, unknown = expected(args.commits)
        rows = []
        for fmt in ("text", "json"):
            times = []
            for _ in range(args.runs):
                out = os.path.join(tmp, f"out.{fmt}")
                t0 = time.perf_counter()
                subprocess.run([idgate, "provenance", "--quiet", "--repo", repo, "--format", fmt,
                                "--output", out], check=True)
                times.append(time.perf_counter() - t0)
                if fmt == "json":
                    with open(out) as f:
                        commits = json.load(f)["commits"]
                    actors = [c["actor"] for c in commits]
                    got = (actors.count("agent"), actors.count("bot"), actors.count("unknown"))
                else:
                    with open(out) as f:
                        last = f.read().strip().splitlines()[-1]
                    want = f"{args.commits} commits: {agent} agent, {bot} bot, 0 human, {unknown} unknown"
                    got = (agent, bot, unknown) if last == want else last
                if got != (agent, bot, unknown):
                    sys.exit(f"wrong result for --format {fmt}: {got}")
            rows.append((fmt, min(times), statistics.median(times), max(times)))
        print(f"\n| format | commits | min s | median s | max s | commits/s (median) |")
        print("|---|---|---|---|---|---|")
        for fmt, lo, med, hi in rows:
            print(f"| {fmt} | {args.commits} | {lo:.2f} | {med:.2f} | {hi:.2f} | {args.commits / med:,.0f} |")


if __name__ == "__main__":
    main()
