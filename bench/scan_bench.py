#!/usr/bin/env python3
"""Scan throughput: `idgate scan` vs semgrep over a large generated tree of nine languages.

The tree (bench/scan_gen.py) is ordinary application code in Python, JavaScript, TypeScript/TSX,
Go, Java, Rust, C#, Ruby and PHP (models, utilities, handlers, tests) with identity code sprinkled
in (JWT decode/verify, sessions and cookies, TLS clients with verification off, password
hashing, CORS, a few hard-coded synthetic credentials), generated from a seed. The largest tree
is written once; each smaller tree is a prefix of it (the first files, hard-linked), so the
sizes share their content.

In one run, for each tree size: `idgate scan TREE --format json --output F` (release build) and,
on the sizes up to --semgrep-mb, `semgrep scan --config bench/semgrep-identity-rules.yml` over
the same tree. Reported: wall time (median), CPU time, MB/s (tree bytes / wall), the ratio, peak
RSS (GNU time) per size, and what each tool reported on the labelled identity snippets and on
the ordinary code (every error-level finding outside a weak snippet is a false positive).

Standard library only (Python 3.11). See bench/README.md, section "Scan throughput".

    python3 bench/scan_bench.py --quick                 # ~20 MB, a couple of minutes
    python3 bench/scan_bench.py --mb 200 --write-results
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scan_gen  # noqa: E402
import secrets_bench as sb  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RULES = BENCH_DIR / "semgrep-identity-rules.yml"
RESULTS = BENCH_DIR / "RESULTS.md"
START, END = "<!-- scan-bench:start -->", "<!-- scan-bench:end -->"
SEED = 20261130
ERROR_RULES = {"IDG101", "IDG102", "IDG201"}


# --------------------------------------------------------------------------------------------
# The trees
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Tree:
    mb: float
    root: Path
    files: int
    bytes: int
    by_lang: dict[str, int]
    by_role: dict[str, int]
    snippets: list[scan_gen.Snippet]


def _gen(i: int, seed: int = SEED) -> scan_gen.GenFile:
    return scan_gen.file_at(seed, i)


def generate(work: Path, sizes_mb: list[float], seed: int) -> list[Tree]:
    """Write the largest tree, then hard-link each smaller one as a prefix of its files."""
    sizes_mb = sorted(sizes_mb)
    top = sizes_mb[-1]
    root = work / f"tree-{top:g}mb"
    if root.exists():
        shutil.rmtree(root)
    target = int(top * 1e6)
    files: list[tuple[str, str, str, int, list[scan_gen.Snippet]]] = []
    total = 0
    batch = 512
    t0 = time.perf_counter()
    with multiprocessing.Pool(os.cpu_count() or 2) as pool:
        i = 0
        while total < target:
            for f in pool.imap(_gen, range(i, i + batch), chunksize=16):
                if total >= target:
                    break
                dest = root / f.path
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(f.data)
                total += len(f.data)
                files.append((f.path, f.lang, f.role, len(f.data), f.snippets))
            i += batch
    print(f"bench: generated {len(files):,} files, {total / 1e6:.1f} MB in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    trees = []
    for mb in sizes_mb:
        if mb == top:
            sub, tr = files, root
        else:
            tr = work / f"tree-{mb:g}mb"
            if tr.exists():
                shutil.rmtree(tr)
            sub, n = [], 0
            for f in files:
                if n >= mb * 1e6:
                    break
                sub.append(f)
                n += f[3]
            for path, *_ in sub:
                d = tr / path
                d.parent.mkdir(parents=True, exist_ok=True)
                os.link(root / path, d)
        by_lang, by_role = collections.Counter(), collections.Counter()
        for path, lang, role, size, _ in sub:
            by_lang[lang] += size
            by_role[role] += 1
        trees.append(Tree(mb, tr, len(sub), sum(f[3] for f in sub), dict(by_lang), dict(by_role),
                          [s for f in sub for s in f[4]]))
    return trees


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Row:
    tree: Tree
    tool: str
    what: str
    samples: list[sb.Sample] = dataclasses.field(default_factory=list)
    warmup: int = 0
    load: str = ""
    error: str | None = None
    report: Path | None = None

    def med(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)

    def rss_mib(self) -> float:
        return max((s.rss_kib or 0) for s in self.samples) / 1024

    def rate(self) -> float:
        return self.tree.bytes / 1e6 / self.med("wall")


def measure(row: Row, cmd: list[str], cwd: Path, env: dict, ok: set[int], scratch: Path, warmup: int, runs: int) -> Row:
    row.load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    row.warmup = warmup
    print(f"bench: {row.tree.mb:g} MB: {row.tool}: {' '.join(cmd)}  (load {row.load})", file=sys.stderr, flush=True)
    for i in range(warmup + runs):
        s = sb.run_once(cmd, cwd, env, None, scratch)
        if s.rc not in ok:
            row.error = f"exit {s.rc}: " + (scratch / "stderr").read_text(errors="replace")[-500:].strip()
            print(f"  failed: {row.error}", file=sys.stderr)
            row.samples = []
            return row
        tag = "warm-up" if i < warmup else f"run {i - warmup + 1}"
        print(f"  {tag}: {s.wall:.2f} s wall, {s.cpu:.2f} s CPU, {(s.rss_kib or 0) / 1024:.0f} MiB", file=sys.stderr, flush=True)
        if i >= warmup:
            row.samples.append(s)
    return row


def find_semgrep(venv: Path, install: bool) -> str | None:
    exe = venv / "bin" / "semgrep"
    if not exe.exists() and install:
        print(f"bench: installing semgrep==1.185.0 into {venv}", file=sys.stderr)
        if not (venv / "bin" / "pip").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)])
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "semgrep==1.185.0"])
    return str(exe) if exe.exists() else None


# --------------------------------------------------------------------------------------------
# What the tools reported
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Hit:
    path: str
    line: int
    end: int
    rule: str
    error: bool  # error level (idgate) / ERROR severity (semgrep)
    message: str


def rel(path: str, root: Path) -> str:
    path = path.replace("\\", "/")
    for prefix in (str(root) + "/", root.name + "/", "./" + root.name + "/"):
        if path.startswith(prefix):
            return path[len(prefix):]
    return path


def hits_idgate(report: Path, root: Path) -> list[Hit]:
    d = json.loads(report.read_text())
    return [Hit(rel(f["path"], root), int(f["line"]), int(f.get("end_line") or f["line"]), f["rule"],
                f.get("level") == "error", f.get("message", "")) for f in d["findings"]]


def hits_semgrep(report: Path, root: Path) -> tuple[list[Hit], int]:
    d = json.loads(report.read_text())
    out = [Hit(rel(r["path"], root), int(r["start"]["line"]), int(r["end"]["line"]), r["check_id"].rsplit(".", 1)[-1],
               r["extra"].get("severity") == "ERROR", "") for r in d["results"]]
    return out, len(d.get("errors", []))


@dataclasses.dataclass
class Score:
    weak_found: collections.Counter  # (lang, kind) -> found as an error
    weak_noted: collections.Counter  # (lang, kind) -> only a note on the file (idgate IDG001)
    weak_total: collections.Counter
    safe_flagged: list[Hit]  # error findings on a labelled safe snippet
    other_errors: list[Hit]  # error findings outside every snippet: false positives on ordinary code
    notes_ordinary: collections.Counter  # surface -> IDG001 notes on files with no identity snippet
    notes_examples: dict[str, list[str]]
    notes_identity: int
    total: int


def score(hits: list[Hit], tree: Tree) -> Score:
    by_path: dict[str, list[scan_gen.Snippet]] = collections.defaultdict(list)
    for s in tree.snippets:
        by_path[s.path].append(s)
    errors_at: dict[str, list[Hit]] = collections.defaultdict(list)
    noted: set[str] = set()
    sc = Score(collections.Counter(), collections.Counter(), collections.Counter(), [], [], collections.Counter(), {}, 0, len(hits))
    for h in hits:
        if h.error:
            errors_at[h.path].append(h)
        else:
            noted.add(h.path)
    for s in tree.snippets:
        if not s.weak:
            continue
        key = (s.lang, s.kind)
        sc.weak_total[key] += 1
        if any(h.line <= s.last and h.end >= s.first for h in errors_at.get(s.path, [])):
            sc.weak_found[key] += 1
        elif s.path in noted:
            sc.weak_noted[key] += 1
    for h in hits:
        snips = by_path.get(h.path, [])
        if h.error:
            over = [s for s in snips if h.line <= s.last and h.end >= s.first]
            if not over:
                sc.other_errors.append(h)
            elif not any(s.weak for s in over):
                sc.safe_flagged.append(h)
        elif snips:
            sc.notes_identity += 1
        else:
            surface = h.message.split(":", 1)[0].removeprefix("touches ") if h.message else h.rule
            sc.notes_ordinary[surface] += 1
            ex = sc.notes_examples.setdefault(surface, [])
            if len(ex) < 2:
                ex.append(f"`{h.path}:{h.line}` {h.message[:140]}")
    return sc


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def table(rows: list[Row]) -> str:
    out = ["| Tree | Tool | Runs | Median wall s | Min–max s | CPU s | CPU/wall | MB/s (wall) | MB/s per CPU-s | Peak RSS MiB | × (idgate MB/s ÷ semgrep MB/s) |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    idg = {r.tree.mb: r for r in rows if r.tool == "idgate" and r.samples}
    for r in rows:
        if not r.samples:
            out.append(f"| {mb(r.tree.bytes)} | {r.tool} | — | — | — | — | — | — | — | — | {r.error or 'not run'} |")
            continue
        walls = [s.wall for s in r.samples]
        w, c = r.med("wall"), r.med("cpu")
        ratio = ""
        if r.tool == "semgrep" and r.tree.mb in idg:
            i = idg[r.tree.mb]
            ratio = f"**{i.rate() / r.rate():,.0f}×** wall, {(r.med('cpu') / i.med('cpu')):,.0f}× CPU"
        out.append(f"| {mb(r.tree.bytes)} | {r.tool} | {r.warmup}+{len(r.samples)} | **{w:,.2f}** | {min(walls):,.2f}–{max(walls):,.2f} | "
                   f"{c:,.2f} | {c / w:.2f} | **{r.rate():,.1f}** | {r.tree.bytes / 1e6 / c:,.1f} | {r.rss_mib():,.0f} | {ratio} |")
    return "\n".join(out)


def findings_table(scores: dict[str, Score], tree: Tree) -> str:
    kinds = sorted({(s.lang, s.kind) for s in tree.snippets if s.weak})
    tools = list(scores)
    head = "| Weak snippet (language, kind) | planted | " + " | ".join(f"{t}: error" for t in tools) + " | idgate: IDG001 note only |"
    out = [head, "| --- | ---: | " + " | ".join("---:" for _ in tools) + " | ---: |"]
    for k in kinds:
        total = scores[tools[0]].weak_total[k]
        cells = [str(scores[t].weak_found[k]) for t in tools]
        note = scores["idgate"].weak_noted[k] if "idgate" in scores else 0
        out.append(f"| {k[0]} {k[1]} | {total} | " + " | ".join(cells) + f" | {note} |")
    return "\n".join(out)


def fp_text(name: str, sc: Score) -> list[str]:
    lines = [f"- **{name}**: {sc.total:,} findings in all; error-level findings outside every weak snippet "
             f"(false positives on ordinary or safe code): {len(sc.other_errors) + len(sc.safe_flagged)}"]
    for h in (sc.safe_flagged + sc.other_errors)[:8]:
        lines.append(f"  - `{h.path}:{h.line}` {h.rule} {h.message[:120]}")
    if sc.notes_ordinary:
        n = sum(sc.notes_ordinary.values())
        lines.append(f"  - note-level findings on files with no identity snippet: {n:,} "
                     + "(" + ", ".join(f"{k} {v:,}" for k, v in sc.notes_ordinary.most_common()) + ")")
        for k, ex in list(sc.notes_examples.items())[:6]:
            lines.append(f"    - {k}: " + "; ".join(ex))
    return lines


def write_results(body: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else ""
    block = f"{START}\n{body.rstrip()}\n{END}\n"
    if START in text and END in text:
        pre, rest = text.split(START, 1)
        _, post = rest.split(END, 1)
        text = pre + block + post.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    RESULTS.write_text(text)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=200, help="size of the largest tree in MB (default 200)")
    ap.add_argument("--quick", action="store_true", help="a 20 MB tree (and 5 MB), semgrep on both: a couple of minutes")
    ap.add_argument("--sizes", help="comma-separated tree sizes in MB (default: 50 and --mb; quick: 5,20)")
    ap.add_argument("--semgrep-mb", type=float, help="run semgrep on the trees up to this size (default 50; quick 20)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--idgate", help="measure this idgate binary instead of building one")
    ap.add_argument("--workdir", help="keep the trees and reports in DIR (default: a temporary directory, removed)")
    ap.add_argument("--warmup", type=int, default=1, help="idgate warm-up runs per tree (default 1)")
    ap.add_argument("--runs", type=int, default=3, help="idgate timed runs per tree (default 3)")
    ap.add_argument("--sg-warmup", type=int, default=0, help="semgrep warm-up runs (default 0)")
    ap.add_argument("--sg-runs", type=int, default=1, help="semgrep timed runs (default 1: one run takes minutes)")
    ap.add_argument("--venv", default=str(BENCH_DIR / ".venv"), help="venv holding semgrep (default bench/.venv)")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--no-peers", action="store_true", help="idgate only")
    ap.add_argument("--write-results", action="store_true", help="write the section of bench/RESULTS.md")
    args = ap.parse_args()

    started = time.perf_counter()
    top = 20.0 if args.quick else args.mb
    sizes = sorted({float(x) for x in args.sizes.split(",")} if args.sizes else ({5.0, 20.0} if args.quick else {50.0, top}))
    sg_max = args.semgrep_mb if args.semgrep_mb is not None else (20.0 if args.quick else 50.0)
    exe = Path(args.idgate).resolve() if args.idgate else sb.build_idgate()
    semgrep = None if args.no_peers else find_semgrep(Path(args.venv), not args.no_install)
    owned = not args.workdir
    work = Path(args.workdir).resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="idgate-scan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    scratch = work / "scratch"
    scratch.mkdir(exist_ok=True)
    idgate = work / "idgate"
    shutil.copy2(exe, idgate)
    env = dict(os.environ, NO_COLOR="1")
    git = shutil.which("git") or "git"
    versions = {"idgate": sb.version_of([str(idgate), "--version"]).removeprefix("idgate ")
                + f" ({sb.workspace_revision(git)}, built {dt.datetime.fromtimestamp(exe.stat().st_mtime):%Y-%m-%d %H:%M})"}
    if semgrep:
        versions["semgrep"] = sb.version_of([semgrep, "--version", "--disable-version-check"])

    trees = generate(work, sizes, args.seed)
    rows: list[Row] = []
    scores: dict[float, dict[str, Score]] = {}
    for tree in trees:
        out = scratch / f"idgate-{tree.mb:g}.json"
        row = measure(Row(tree, "idgate", "`idgate scan TREE --format json --output F`", report=out),
                      [str(idgate), "scan", tree.root.name, "--format", "json", "--output", str(out), "--quiet"],
                      work, env, {0, 1}, scratch, args.warmup, args.runs)
        rows.append(row)
        if row.samples:
            scores.setdefault(tree.mb, {})["idgate"] = score(hits_idgate(out, tree.root), tree)
        if semgrep and tree.mb <= sg_max:
            out = scratch / f"semgrep-{tree.mb:g}.json"
            row = measure(Row(tree, "semgrep", "`semgrep scan --config bench/semgrep-identity-rules.yml`", report=out),
                          [semgrep, "scan", "--config", str(RULES), "--metrics", "off", "--disable-version-check", "--json",
                           "--output", str(out), "--quiet", tree.root.name], work, env, {0, 1}, scratch, args.sg_warmup, args.sg_runs)
            rows.append(row)
            if row.samples:
                hits, errs = hits_semgrep(out, tree.root)
                sc = score(hits, tree)
                scores.setdefault(tree.mb, {})["semgrep"] = sc
                if errs:
                    print(f"bench: semgrep reported {errs} errors (see {out})", file=sys.stderr)

    # ---- report
    m = sb.machine()
    when = dt.datetime.now(dt.timezone.utc)
    big = trees[-1]
    lines = [
        "## Scan throughput", "",
        f"Written by `python3 bench/scan_bench.py{' --quick' if args.quick else ''} --write-results` "
        f"({when:%Y-%m-%d %H:%M} UTC, {(time.perf_counter() - started) / 60:.0f} min); see README.md, section \"Scan throughput\".", "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}, Python {m['python']}. "
        "Load average (1, 5, 15 min) when each row started: "
        + "; ".join(f"{r.tool} {r.tree.mb:g} MB: {r.load}" for r in rows) + ".", "",
        f"**Input**: seed {args.seed}; the largest tree is {big.files:,} files, {mb(big.bytes)} ("
        + ", ".join(f"{k} {mb(v)}" for k, v in sorted(big.by_lang.items(), key=lambda kv: -kv[1]))
        + "); files by role: " + ", ".join(f"{k} {v:,}" for k, v in sorted(big.by_role.items(), key=lambda kv: -kv[1]))
        + f". Smaller trees are prefixes of it: " + "; ".join(f"{mb(t.bytes)} = {t.files:,} files, {len(t.snippets)} identity snippets "
                                                                 f"({sum(s.weak for s in t.snippets)} weak)" for t in trees) + ".", "",
        table(rows), "",
    ]
    for tree in trees:
        sc = scores.get(tree.mb, {})
        if not sc:
            continue
        lines += [f"**What each tool reported on the {mb(tree.bytes)} tree.** A weak snippet counts as found when an error-level "
                  "finding (idgate IDG101/IDG102/IDG201; semgrep ERROR) overlaps its lines; *note only* means idgate reported "
                  "no error there but an IDG001 identity-surface note on the file.", "",
                  findings_table(sc, tree), ""]
        for name, s in sc.items():
            lines += fp_text(name, s)
        lines.append("")
    lines.append("Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()) + ".")
    body = "\n".join(lines)
    print()
    print(body)
    if args.write_results:
        write_results(body)
        print(f"bench: wrote the scan section of {RESULTS}", file=sys.stderr)
    print(f"bench: total {time.perf_counter() - started:.0f} s; work dir {work}{' (removed)' if owned else ''}", file=sys.stderr)
    if owned:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
