#!/usr/bin/env python3
"""Speed of `idgate serve` over a large ledger.

Fills a SQLite ledger with N records (default 100,000: evaluations with findings and provenance,
plus approvals and waivers, spread over 60 days), written by this script with the hash recipe of
crates/idgate_ledger/src/lib.rs and then checked with `idgate ledger verify`, so the chain is one
idgate accepts. Then starts `idgate serve` on it and measures, over loopback:

- dashboard render time: `GET /` (first request separately: it loads the index), then the median
  and 95th percentile of the following requests; target < 100 ms;
- API read throughput: concurrent keep-alive clients alternating `GET /api/evaluations?limit=50`
  (with a filter every other time) and `GET /api/evaluations/{random seq}`; target >= 500 req/s.

Usage: python3 bench/serve_bench.py [--records N] [--seconds S] [--clients C] [--idgate PATH]
       [--workdir DIR] [--enforce]   (exit 1 when a target is missed)
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

CATEGORIES = ["token-verification", "token-lifetime", "hardcoded-secret", "over-privilege",
              "authz-bypass", "session-management", "privilege-escalation", "transport-trust"]
AGENTS = ["claude-code", "copilot", "cursor", "codex", "devin"]
GENESIS = "0" * 64


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(seq, kind, t, repository, body, prev):
    text = canonical({"body": body, "kind": kind, "prev": prev, "repository": repository,
                      "seq": seq, "time": t})
    return hashlib.sha256(text.encode()).hexdigest()


def evaluation(rng, i):
    actor = rng.choices(["agent", "human", "bot", "unknown"], [5, 3, 1, 1])[0]
    n = rng.choices([0, 1, 2, 3], [4, 3, 2, 1])[0]
    findings = [{"fingerprint": f"{i:028x}{k:04x}", "rule": f"IDG{rng.randint(101, 140)}",
                 "category": rng.choice(CATEGORIES), "level": rng.choice(["error", "warning"])}
                for k in range(n)]
    verdict = "allow" if n == 0 else rng.choice(["review", "block", "review"])
    return {
        "change": {"digest": f"{i:064x}", "base": f"{i:040x}", "head": f"{i + 1:040x}"},
        "verdict": verdict,
        "reasons": [f"{n} counting findings"] if n else [],
        "findings": findings,
        "provenance": [{"commit": f"{i + 1:040x}", "actor": actor,
                        "agent": rng.choice(AGENTS) if actor == "agent" else None,
                        "signature": rng.choice(["none", "verified"])}],
        "policy_digest": "0" * 64,
        "tool_version": "bench",
    }


def fill(path, records, idgate):
    # idgate creates the schema; this script appends the chain.
    subprocess.run([idgate, "ledger", "verify", "--ledger", f"sqlite://{path}"],
                   check=True, capture_output=True)
    rng = random.Random(7)
    db = sqlite3.connect(path)
    start = int(time.time()) - 60 * 86400
    prev = GENESIS
    rows = []
    for seq in range(1, records + 1):
        t = start + (seq * 60 * 86400) // records
        repository = f"svc/{rng.randint(1, 12)}"
        if seq % 50 == 0:
            kind = "approval" if seq % 100 == 0 else "waiver"
            digest = f"{seq - 1:064x}"
            statement = {"type": "idgate-approval/v1", "kind": kind,
                         "change": {"digest": digest, "base": "b", "head": "h"},
                         "verdict": "review", "fingerprints": [], "principal": "ada@example.com",
                         "time": t, "expires": None,
                         "waiver": {"rule": "IDG101", "path": None, "fingerprint": None,
                                    "reason": "bench"} if kind == "waiver" else None}
            body = {"statement": statement, "signature": "-----BEGIN SSH SIGNATURE-----"}
        else:
            kind = "evaluation"
            body = evaluation(rng, seq)
        h = record_hash(seq, kind, t, repository, body, prev)
        rows.append((seq, kind, t, repository, canonical(body), prev, h))
        prev = h
        if len(rows) == 10_000:
            db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            rows.clear()
    db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    out = subprocess.run([idgate, "ledger", "verify", "--ledger", f"sqlite://{path}"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"the generated ledger does not verify: {out.stdout}{out.stderr}")


def find_idgate():
    target = os.environ.get("CARGO_TARGET_DIR")
    if not target:
        meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1",
                                          "--no-deps"], check=True, capture_output=True,
                                         text=True).stdout)
        target = meta["target_directory"]
    subprocess.run(["cargo", "build", "--release", "-p", "idgate"], check=True)
    return os.path.join(target, "release", "idgate")


def get(conn, path, token):
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"GET {path}: {r.status} {body[:200]!r}")
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--pages", type=int, default=50, help="dashboard renders to time")
    ap.add_argument("--idgate", help="a built idgate binary (default: cargo build --release)")
    ap.add_argument("--workdir", help="keep the ledger and configuration in DIR")
    ap.add_argument("--enforce", action="store_true")
    args = ap.parse_args()
    idgate = args.idgate or find_idgate()

    work = args.workdir or tempfile.mkdtemp(prefix="idgate-serve-bench-")
    try:
        run(args, idgate, work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


def run(args, idgate, work):
    os.makedirs(work, exist_ok=True)
    ledger = os.path.join(work, "ledger.sqlite3")
    for stale in (ledger, ledger + "-wal", ledger + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
    t0 = time.perf_counter()
    fill(ledger, args.records, idgate)
    print(f"filled and verified {args.records:,} records in {time.perf_counter() - t0:.1f} s "
          f"({os.path.getsize(ledger) / 1e6:.0f} MB)")

    token = "bench-" + os.urandom(12).hex()
    config = os.path.join(work, "serve.toml")
    with open(config, "w") as f:
        f.write(f'[[token]]\nname = "bench"\nsha256 = "{hashlib.sha256(token.encode()).hexdigest()}"\n'
                'scopes = ["read"]\n')
    server = subprocess.Popen([idgate, "serve", "--listen", "127.0.0.1:0", "--ledger",
                               f"sqlite://{ledger}", "--config", config],
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        port = int(line.strip().rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port)
        t0 = time.perf_counter()
        first = get(conn, "/", token)
        cold = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(args.pages):
            t0 = time.perf_counter()
            page = get(conn, "/", token)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"dashboard: first render {cold:.0f} ms (loads the index of {args.records:,} records); "
              f"then median {median:.1f} ms, p95 {p95:.1f} ms over {args.pages} renders "
              f"({len(page) / 1000:.0f} kB)")
        assert b'id="total"' in first

        seqs = [s for s in range(1, args.records + 1) if s % 50]
        stop = time.perf_counter() + args.seconds
        counts = [0] * args.clients
        errors = []

        def client(n):
            rng = random.Random(n)
            c = http.client.HTTPConnection("127.0.0.1", port)
            i = 0
            try:
                while time.perf_counter() < stop:
                    if i % 2:
                        get(c, f"/api/evaluations/{rng.choice(seqs)}", token)
                    elif i % 4:
                        get(c, "/api/evaluations?limit=50&verdict=block", token)
                    else:
                        get(c, "/api/evaluations?limit=50", token)
                    i += 1
                    counts[n] += 1
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        if errors:
            sys.exit(f"API errors: {errors[:3]}")
        rate = sum(counts) / elapsed
        print(f"API reads: {sum(counts):,} requests in {elapsed:.1f} s with {args.clients} clients: "
              f"{rate:,.0f} req/s")
        ok = median < 100 and rate >= 500
        print("targets (median render < 100 ms, >= 500 req/s):", "met" if ok else "MISSED")
        if args.enforce and not ok:
            sys.exit(1)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
