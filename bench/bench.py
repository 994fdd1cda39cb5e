#!/usr/bin/env python3
"""End-to-end benchmark of `idgate check` on a pull-request-sized change.

The bench builds a repository of its own (1,000 commits on main, then a feature branch whose
diff against main touches about 50 files and about 2,000 lines, some of which weaken JWT
verification), then times the whole `idgate check` process on it, in JSON, SARIF and text, and
the same pull request through the tools a user might run instead: semgrep (diff-aware, with the
rules in bench/semgrep-rules.yml), detect-secrets and kingfisher.

Standard library only (Python 3.11). See bench/README.md.

    python3 bench/bench.py                  # print the table
    python3 bench/bench.py --write-readme   # also write bench/RESULTS.md and the README figures
    python3 bench/bench.py --enforce        # exit 1 if idgate's median is over --budget-ms
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RULES_FILE = BENCH_DIR / "semgrep-rules.yml"

SEED = 20240611
MAIN_COMMITS = 1000
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z; commit n is n hours later
AUTHOR = ("Dana Bench", "dana@example.invalid")
AGENT_TRAILER = "Co-Authored-By: Claude Sonnet 5 <noreply@anthropic.com>"

PEER_PACKAGES = ["kingfisher-bin==2.14.0", "semgrep==1.185.0", "detect-secrets==1.5.0"]

# The weakening edits planted in the head commit and what idgate must report for them.
EXPECTED_FINDINGS = {"IDG101": 2, "IDG102": 2}

# --------------------------------------------------------------------------------------------
# Synthetic source code
# --------------------------------------------------------------------------------------------

VERBS = [
    "load", "build", "parse", "render", "validate", "normalize", "merge", "fetch", "store",
    "compute", "format", "resolve", "sync", "apply", "collect", "prepare", "export", "update",
]
NOUNS = [
    "account", "invoice", "order", "customer", "report", "ledger", "payment", "refund",
    "address", "shipment", "product", "catalog", "coupon", "tenant", "quota", "metric",
    "event", "webhook", "batch", "price", "discount", "receipt", "warehouse", "schedule",
]
ATTRS = ["id", "name", "total", "status", "items", "created_at", "currency", "owner", "region",
         "amount", "count", "kind"]
WORDS = [
    "the", "a", "each", "pending", "stale", "current", "cached", "remote", "local", "daily",
    "monthly", "partial", "retried", "skipped", "grouped", "sorted", "missing", "duplicate",
]
PY_SERVICES = ["accounts", "billing", "orders", "notifications", "search", "inventory", "reports"]
WEB_APPS = ["dashboard", "admin", "storefront"]
GO_PACKAGES = ["proxy", "config", "ratelimit", "metrics", "health"]


def snake(*parts: str) -> str:
    return "_".join(parts)


def camel(*parts: str) -> str:
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def pascal(*parts: str) -> str:
    return "".join(p.capitalize() for p in parts)


@dataclasses.dataclass
class Block:
    name: str
    lines: list[str]
    protected: bool = False  # identity code that main-line edits leave alone


@dataclasses.dataclass
class SrcFile:
    path: str
    lang: str  # py js ts go yaml md json
    header: list[str]
    blocks: list[Block]
    footer_kind: str = ""  # "js-exports" renders module.exports from block names

    def render(self) -> str:
        sep = {"py": ["", ""], "md": [""], "yaml": [""], "json": []}.get(self.lang, [""])
        out = list(self.header)
        for i, b in enumerate(self.blocks):
            if out and (i > 0 or self.header):
                out.extend(sep)
            out.extend(b.lines)
        if self.footer_kind == "js-exports":
            names = ", ".join(b.name for b in self.blocks if b.name and not b.name.startswith("_"))
            out.extend(["", f"module.exports = {{ {names} }};"])
        return "\n".join(out) + "\n"


class Gen:
    """Deterministic code generator: every choice comes from one seeded Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counter = 0

    def pick(self, seq):
        return self.rng.choice(seq)

    def uniq(self) -> int:
        self.counter += 1
        return self.counter

    def words(self, n: int) -> str:
        return " ".join(self.pick(WORDS + NOUNS) for _ in range(n))

    # Python ---------------------------------------------------------------------------------
    def py_stmt(self, vars_: list[str], indent: str) -> list[str]:
        r = self.rng.random()
        v = self.pick(vars_)
        new = f"{self.pick(NOUNS)}_{self.pick(ATTRS)}"
        if r < 0.25:
            vars_.append(new)
            return [f"{indent}{new} = {self.pick(VERBS)}_{self.pick(NOUNS)}({v}, {self.pick(vars_)})"]
        if r < 0.40:
            return [f"{indent}if {v} is None:", f"{indent}    return {self.pick(['None', '[]', '{}', '0', 'False'])}"]
        if r < 0.55:
            acc = f"{self.pick(NOUNS)}s"
            vars_.append(acc)
            return [
                f"{indent}{acc} = []",
                f"{indent}for item in {v}:",
                f"{indent}    {acc}.append(item.{self.pick(ATTRS)})",
            ]
        if r < 0.70:
            return [f'{indent}log.debug("{self.words(3)} %s", {v})']
        if r < 0.85:
            vars_.append(new)
            a, b = self.pick(ATTRS), self.pick(ATTRS)
            return [f'{indent}{new} = {{"{a}": {v}, "{b}": {self.pick(vars_)}}}']
        vars_.append(new)
        return [f"{indent}{new} = {v}.get(\"{self.pick(ATTRS)}\", {self.rng.randint(0, 500)})"]

    def py_block(self, min_lines: int = 6, max_lines: int = 22) -> Block:
        verb, noun = self.pick(VERBS), self.pick(NOUNS)
        name = snake(verb, noun)
        args = [self.pick(NOUNS) for _ in range(self.rng.randint(1, 3))]
        args = list(dict.fromkeys(args))
        lines = [f"def {name}({', '.join(args)}):", f'    """{verb.capitalize()} the {noun} for {self.words(2)}."""']
        vars_ = list(args)
        target = self.rng.randint(min_lines, max_lines)
        while len(lines) < target:
            lines.extend(self.py_stmt(vars_, "    "))
        lines.append(f"    return {self.pick(vars_)}")
        return Block(name, lines)

    def py_file(self, path: str, n_blocks: int) -> SrcFile:
        mods = self.rng.sample(["json", "datetime", "decimal", "itertools", "typing", "uuid"], 2) + ["logging"]
        header = [f'"""{self.words(4).capitalize()}."""', ""] + [f"import {m}" for m in sorted(mods)]
        header += ["", "log = logging.getLogger(__name__)"]
        return SrcFile(path, "py", header, [self.py_block() for _ in range(n_blocks)])

    # JavaScript / TypeScript ----------------------------------------------------------------
    def js_stmt(self, vars_: list[str], indent: str, ts: bool) -> list[str]:
        r = self.rng.random()
        v = self.pick(vars_)
        new = camel(self.pick(NOUNS), self.pick(ATTRS).replace("_", ""))
        decl = "const"
        if r < 0.25:
            vars_.append(new)
            return [f"{indent}{decl} {new} = {camel(self.pick(VERBS), self.pick(NOUNS))}({v}, {self.pick(vars_)});"]
        if r < 0.40:
            return [f"{indent}if (!{v}) {{", f"{indent}  return {self.pick(['null', '[]', '{}', '0', 'false'])};", f"{indent}}}"]
        if r < 0.55:
            vars_.append(new)
            return [f"{indent}{decl} {new} = {v}.map((x) => x.{self.pick(ATTRS)});"]
        if r < 0.70:
            return [f"{indent}logger.debug('{self.words(3)}', {v});"]
        if r < 0.85:
            vars_.append(new)
            return [f"{indent}{decl} {new} = {{ {self.pick(ATTRS)}: {v}, {self.pick(ATTRS)}: {self.pick(vars_)} }};"]
        vars_.append(new)
        return [f"{indent}{decl} {new} = {v}?.{self.pick(ATTRS)} ?? {self.rng.randint(0, 500)};"]

    def js_block(self, ts: bool, min_lines: int = 6, max_lines: int = 22) -> Block:
        verb, noun = self.pick(VERBS), self.pick(NOUNS)
        name = camel(verb, noun) + (str(self.uniq()) if self.rng.random() < 0.3 else "")
        args = list(dict.fromkeys(self.pick(NOUNS) for _ in range(self.rng.randint(1, 3))))
        if ts:
            sig = f"export function {name}({', '.join(a + ': ' + self.pick(['string', 'number', 'Record<string, unknown>', 'unknown[]']) for a in args)}): unknown {{"
        else:
            sig = f"function {name}({', '.join(args)}) {{"
        lines = [f"/** {verb.capitalize()} the {noun} for {self.words(2)}. */", sig]
        vars_ = list(args)
        target = self.rng.randint(min_lines, max_lines)
        while len(lines) < target:
            lines.extend(self.js_stmt(vars_, "  ", ts))
        lines += [f"  return {self.pick(vars_)};", "}"]
        return Block(name, lines)

    def js_file(self, path: str, n_blocks: int) -> SrcFile:
        mods = self.rng.sample(["path", "util", "events", "crypto", "url", "querystring"], 2)
        header = ["'use strict';", ""] + [f"const {m} = require('{m}');" for m in mods]
        header += ["const logger = require('../lib/logger');"]
        blocks = [self.js_block(False) for _ in range(n_blocks)]
        return SrcFile(path, "js", header, blocks, footer_kind="js-exports")

    def ts_file(self, path: str, n_blocks: int) -> SrcFile:
        header = ["import { logger } from './logger';", f"import type {{ {pascal(self.pick(NOUNS))} }} from '../types';"]
        return SrcFile(path, "ts", header, [self.js_block(True) for _ in range(n_blocks)])

    # Go ------------------------------------------------------------------------------------------
    def go_block(self, min_lines: int = 6, max_lines: int = 22) -> Block:
        verb, noun = self.pick(VERBS), self.pick(NOUNS)
        name = pascal(verb, noun) + (str(self.uniq()) if self.rng.random() < 0.3 else "")
        lines = [f"// {name} {verb}s the {noun} for {self.words(2)}.", f"func {name}(ctx context.Context, {noun} string) (string, error) {{"]
        target = self.rng.randint(min_lines, max_lines)
        while len(lines) < target:
            r = self.rng.random()
            a = self.pick(ATTRS).replace("_", "")
            if r < 0.35:
                lines += [f"\t{a}, err := lookup{pascal(self.pick(NOUNS))}(ctx, {noun})", "\tif err != nil {",
                          f'\t\treturn "", fmt.Errorf("{verb} {noun}: %w", err)', "\t}", f"\t_ = {a}"]
            elif r < 0.6:
                lines += [f'\t{noun} = strings.TrimSpace({noun} + "{self.pick(WORDS)}")']
            else:
                lines += [f'\tlog.Printf("{self.words(3)}: %s", {noun})']
        lines += [f"\treturn {noun}, nil", "}"]
        return Block(name, lines)

    def go_file(self, path: str, pkg: str, n_blocks: int) -> SrcFile:
        header = [f"package {pkg}", "", "import (", '\t"context"', '\t"fmt"', '\t"log"', '\t"strings"', ")"]
        return SrcFile(path, "go", header, [self.go_block() for _ in range(n_blocks)])

    # YAML / Markdown -----------------------------------------------------------------------------
    def yaml_block(self) -> Block:
        key = self.pick(NOUNS)
        lines = [f"{key}:"]
        for _ in range(self.rng.randint(3, 10)):
            lines.append(f"  {self.pick(ATTRS)}_{self.pick(WORDS)}: {self.pick([str(self.rng.randint(1, 900)), 'true', 'false', self.pick(NOUNS)])}")
        return Block(key, lines)

    def yaml_file(self, path: str, n_blocks: int) -> SrcFile:
        header = ["apiVersion: v1", f"kind: {self.pick(['ConfigMap', 'Service', 'Deployment'])}", "metadata:",
                  f"  name: {self.pick(NOUNS)}-{self.pick(NOUNS)}"]
        return SrcFile(path, "yaml", header, [self.yaml_block() for _ in range(n_blocks)])

    def md_block(self) -> Block:
        title = self.words(3).capitalize()
        lines = [f"## {title}", ""]
        for _ in range(self.rng.randint(2, 6)):
            lines.append(self.words(self.rng.randint(8, 14)).capitalize() + ".")
        return Block(title, lines)

    def md_file(self, path: str, n_blocks: int) -> SrcFile:
        return SrcFile(path, "md", [f"# {self.words(2).capitalize()}"], [self.md_block() for _ in range(n_blocks)])

    def new_block(self, f: SrcFile, small: bool = False) -> Block:
        lo, hi = (4, 10) if small else (6, 22)
        if f.lang == "py":
            return self.py_block(lo, hi)
        if f.lang in ("js", "ts"):
            return self.js_block(f.lang == "ts", lo, hi)
        if f.lang == "go":
            return self.go_block(lo, hi)
        if f.lang == "yaml":
            return self.yaml_block()
        if f.lang == "md":
            return self.md_block()
        raise ValueError(f.lang)


# Identity code: the files whose authentication the feature branch touches. -------------------

def py_identity(path: str, service: str) -> SrcFile:
    header = ["import jwt", "from django.conf import settings", "", "from ..models import User"]
    auth = Block("authenticate", [
        "def authenticate(request):",
        '    """Return the user named by the request\'s bearer token, or None."""',
        '    header = request.headers.get("Authorization", "")',
        '    if not header.startswith("Bearer "):',
        "        return None",
        "    claims = jwt.decode(",
        '        header.removeprefix("Bearer "),',
        "        settings.JWT_PUBLIC_KEY,",
        '        algorithms=["RS256"],',
        f'        audience="{service}",',
        "    )",
        '    return User.objects.get(pk=claims["sub"])',
    ], protected=True)
    refresh = Block("refresh_token", [
        "def refresh_token(token):",
        '    """Check a refresh token and return its subject."""',
        f'    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256"], audience="{service}-refresh")',
        '    return claims["sub"]',
    ], protected=True)
    return SrcFile(path, "py", header, [auth, refresh])


def py_weaken_options(f: SrcFile) -> None:
    """Key rotation 'fix': decode without the key (IDG101)."""
    f.blocks[0].lines[5:11] = [
        "    # Staging keys rotated and tokens failed to verify; read the claims directly for now.",
        "    claims = jwt.decode(",
        '        header.removeprefix("Bearer "),',
        '        options={"verify_signature": False, "verify_aud": False},',
        "    )",
    ]


def py_weaken_verify_false(f: SrcFile) -> None:
    """PyJWT 1.x spelling of the same thing (IDG101)."""
    f.blocks[1].lines[2] = "    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, verify=False)"


def js_identity(path: str, ts: bool) -> SrcFile:
    if ts:
        header = ["import jwt from 'jsonwebtoken';", "import type { Request, Response, NextFunction } from 'express';"]
        sig = "export function requireUser(req: Request, res: Response, next: NextFunction) {"
    else:
        header = ["'use strict';", "", "const jwt = require('jsonwebtoken');"]
        sig = "function requireUser(req, res, next) {"
    auth = Block("requireUser", [
        sig,
        "  const token = (req.headers.authorization || '').replace('Bearer ', '');",
        "  try {",
        "    req.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });",
        "  } catch (err) {",
        "    return res.status(401).json({ error: 'invalid token' });",
        "  }",
        "  return next();",
        "}",
    ], protected=True)
    return SrcFile(path, "ts" if ts else "js", header, [auth], footer_kind="" if ts else "js-exports")


def js_weaken_direct(f: SrcFile) -> None:
    """verify() swapped for decode() (IDG102)."""
    f.blocks[0].lines[2:7] = [
        "  // jwt.verify kept failing after the key rotation; decode is enough behind the gateway",
        "  req.user = jwt.decode(token);",
        "  if (!req.user) {",
        "    return res.status(401).json({ error: 'invalid token' });",
        "  }",
    ]


def ts_weaken_variable(f: SrcFile) -> None:
    """decode() into a variable that becomes req.user (IDG102)."""
    f.blocks[0].lines[2:7] = [
        "  const payload = jwt.decode(token);",
        "  if (!payload) {",
        "    return res.status(401).json({ error: 'invalid token' });",
        "  }",
        "  req.user = payload;",
    ]


# --------------------------------------------------------------------------------------------
# Repository generation
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class RepoShape:
    path: Path
    base: str
    head: str
    main_commits: int
    total_commits: int
    tracked_files: int
    files_changed: int
    insertions: int
    deletions: int
    changed_files: list[str]  # existing at head, repo-relative
    feature_commits: int
    gen_seconds: float


class Stream:
    """A git fast-import stream."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.mark = 0

    def data(self, text: str | bytes) -> None:
        b = text.encode() if isinstance(text, str) else text
        self.parts.append(b"data %d\n" % len(b))
        self.parts.append(b)
        self.parts.append(b"\n")

    def commit(self, ref: str, when: int, message: str, parent: int | None,
               changes: dict[str, str | None], author: tuple[str, str] = AUTHOR) -> int:
        self.mark += 1
        ident = f"{author[0]} <{author[1]}> {when} +0000"
        self.parts.append(f"commit {ref}\nmark :{self.mark}\nauthor {ident}\ncommitter {ident}\n".encode())
        self.data(message)
        if parent is not None:
            self.parts.append(f"from :{parent}\n".encode())
        for path in sorted(changes):
            content = changes[path]
            if content is None:
                self.parts.append(f"D {path}\n".encode())
            else:
                self.parts.append(f"M 100644 inline {path}\n".encode())
                self.data(content)
        self.parts.append(b"\n")
        return self.mark

    def bytes(self) -> bytes:
        return b"".join(self.parts) + b"done\n"


def initial_tree(g: Gen) -> tuple[dict[str, SrcFile], dict[str, str]]:
    files: dict[str, SrcFile] = {}
    raw: dict[str, str] = {}  # files kept as plain text (package.json, go.mod)
    rng = g.rng
    for svc in PY_SERVICES:
        base = f"services/{svc}"
        for mod in ["models", "views", "serializers", "tasks", "utils", "admin", "urls"]:
            files[f"{base}/{mod}.py"] = g.py_file(f"{base}/{mod}.py", rng.randint(3, 8))
        for h in rng.sample(NOUNS, 5):
            p = f"{base}/handlers/{h}.py"
            files[p] = g.py_file(p, rng.randint(2, 6))
        for t in rng.sample(NOUNS, 3):
            p = f"{base}/tests/test_{t}.py"
            files[p] = g.py_file(p, rng.randint(2, 5))
        raw[f"{base}/__init__.py"] = ""
        raw[f"{base}/README.md"] = f"# {svc}\n\nThe {svc} service.\n"
    for svc in ["accounts", "billing", "orders"]:
        p = f"services/{svc}/auth/tokens.py"
        files[p] = py_identity(p, svc)
        tp = f"services/{svc}/tests/test_tokens.py"
        files[tp] = g.py_file(tp, 2)
        files[tp].header = ["import jwt", ""] + files[tp].header
    for n in rng.sample(NOUNS, 16):
        p = f"libs/common/{n}.py"
        files[p] = g.py_file(p, rng.randint(3, 8))
    for n in rng.sample(NOUNS, 8):
        p = f"scripts/{n}_tool.py"
        files[p] = g.py_file(p, rng.randint(2, 5))
    for app in WEB_APPS:
        base = f"web/{app}/src"
        for n in rng.sample(NOUNS, 6):
            p = f"{base}/routes/{n}.js"
            files[p] = g.js_file(p, rng.randint(3, 7))
        for n in rng.sample(NOUNS, 6):
            p = f"{base}/lib/{n}.ts"
            files[p] = g.ts_file(p, rng.randint(3, 7))
        for n in rng.sample(NOUNS, 2):
            p = f"{base}/middleware/{n}.js"
            files[p] = g.js_file(p, rng.randint(2, 4))
        for n in rng.sample(NOUNS, 2):
            p = f"{base}/__tests__/{n}.test.js"
            files[p] = g.js_file(p, rng.randint(2, 4))
        raw[f"web/{app}/package.json"] = json.dumps(
            {"name": app, "version": "1.0.0", "private": True,
             "dependencies": {"express": "^4.19.2", "jsonwebtoken": "^9.0.2"}}, indent=2) + "\n"
    files["web/dashboard/src/middleware/auth.js"] = js_identity("web/dashboard/src/middleware/auth.js", ts=False)
    files["web/admin/src/middleware/auth.ts"] = js_identity("web/admin/src/middleware/auth.ts", ts=True)
    files["web/storefront/src/middleware/auth.js"] = js_identity("web/storefront/src/middleware/auth.js", ts=False)
    raw["gateway/go.mod"] = "module example.invalid/gateway\n\ngo 1.22\n"
    files["gateway/cmd/gateway/main.go"] = g.go_file("gateway/cmd/gateway/main.go", "main", 3)
    for pkg in GO_PACKAGES:
        for n in rng.sample(NOUNS, 3):
            p = f"gateway/internal/{pkg}/{n}.go"
            files[p] = g.go_file(p, pkg, rng.randint(2, 6))
    for svc in PY_SERVICES + ["gateway", "dashboard", "admin", "storefront"]:
        for kind in ["deployment", "service", "configmap"]:
            p = f"deploy/k8s/{svc}/{kind}.yaml"
            files[p] = g.yaml_file(p, rng.randint(2, 5))
    for wf in ["ci", "release", "nightly", "lint"]:
        p = f".github/workflows/{wf}.yml"
        files[p] = g.yaml_file(p, 3)
    for n in rng.sample(NOUNS, 18):
        p = f"docs/{n}.md"
        files[p] = g.md_file(p, rng.randint(3, 8))
    raw["README.md"] = "# monorepo\n\nServices, web apps and the gateway.\n"
    return files, raw


IDENTITY_PATHS = {
    "services/accounts/auth/tokens.py", "services/billing/auth/tokens.py",
    "services/orders/auth/tokens.py", "web/dashboard/src/middleware/auth.js",
    "web/admin/src/middleware/auth.ts", "web/storefront/src/middleware/auth.js",
}


def small_edit(g: Gen, f: SrcFile) -> None:
    """A main-line commit's edit: one line, one function, or one new function."""
    rng = g.rng
    editable = [i for i, b in enumerate(f.blocks) if not b.protected]
    r = rng.random()
    if not editable or r < 0.15:
        f.blocks.append(g.new_block(f, small=True))
        return
    i = rng.choice(editable)
    b = f.blocks[i]
    if r < 0.75 and len(b.lines) > 3:
        # Replace one body line with a freshly generated one-liner of the same language.
        j = rng.randint(2, len(b.lines) - 2)
        fresh = g.new_block(f, small=True).lines
        cand = [ln for ln in fresh[2:-2] if not ln.rstrip().endswith((":", "{")) and ln.strip() not in ("}",)]
        if cand and not b.lines[j].rstrip().endswith((":", "{")) and b.lines[j].strip() != "}":
            indent = re.match(r"\s*", b.lines[j]).group(0)
            b.lines[j] = indent + rng.choice(cand).strip()
            return
    f.blocks[i] = g.new_block(f, small=True)


def generate_repo(dest: Path, git: str) -> RepoShape:
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    g = Gen(rng)
    files, raw = initial_tree(g)
    s = Stream()

    when = EPOCH
    snapshot = {p: f.render() for p, f in files.items()} | raw
    parent = s.commit("refs/heads/main", when, "Initial import of the monorepo\n", None, snapshot)

    for n in range(2, MAIN_COMMITS + 1):
        when += 3600
        changes: dict[str, str | None] = {}
        paths = sorted(p for p in files if p not in IDENTITY_PATHS)
        if rng.random() < 0.05:
            # Now and then a new file.
            tmpl = files[rng.choice(paths)]
            d = tmpl.path.rsplit("/", 1)[0]
            stem = f"{rng.choice(NOUNS)}_{rng.choice(VERBS)}_{n}"
            ext = tmpl.path.rsplit(".", 1)[1]
            p = f"{d}/{stem}.{ext}"
            if tmpl.lang == "py":
                nf = g.py_file(p, rng.randint(2, 4))
            elif tmpl.lang == "js":
                nf = g.js_file(p, rng.randint(2, 4))
            elif tmpl.lang == "ts":
                nf = g.ts_file(p, rng.randint(2, 4))
            elif tmpl.lang == "go":
                nf = g.go_file(p, tmpl.header[0].split()[1], rng.randint(2, 4))
            elif tmpl.lang == "yaml":
                nf = g.yaml_file(p, rng.randint(2, 4))
            else:
                nf = g.md_file(p, rng.randint(2, 4))
            files[p] = nf
            changes[p] = nf.render()
            msg = f"Add {stem.replace('_', ' ')}\n"
        else:
            for p in rng.sample(paths, rng.randint(1, 3)):
                small_edit(g, files[p])
                changes[p] = files[p].render()
            msg = f"{rng.choice(VERBS).capitalize()} {rng.choice(WORDS)} {rng.choice(NOUNS)} {rng.choice(ATTRS)}\n"
            if rng.random() < 0.3:
                msg += f"\n{g.words(12).capitalize()}.\n"
        parent = s.commit("refs/heads/main", when, msg, parent, changes)
    base_mark = parent

    # ---- The pull request: two human commits and an agent-assisted head commit. -------------
    pool = sorted(p for p, f in files.items()
                  if p not in IDENTITY_PATHS and f.lang in ("py", "js", "ts", "go", "yaml", "md"))
    rng.shuffle(pool)

    def rewrite(f: SrcFile, n_replace: int, n_add: int) -> None:
        editable = [i for i, b in enumerate(f.blocks) if not b.protected]
        for i in rng.sample(editable, min(n_replace, len(editable))):
            f.blocks[i] = g.new_block(f)
        for _ in range(n_add):
            f.blocks.insert(rng.randint(0, len(f.blocks)), g.new_block(f))

    def new_file(p: str) -> SrcFile:
        lang = p.rsplit(".", 1)[1]
        if lang == "py":
            return g.py_file(p, 4)
        if lang == "js":
            return g.js_file(p, 4)
        return g.ts_file(p, 4)

    commits_spec = [
        ("Split billing exports into per-tenant batches\n\nExports were one large job; split them so a failing tenant does not hold up the others.\n",
         17, ["services/billing/exports/tenant_batches.py", "services/billing/exports/__init__.py"], []),
        ("Add order search endpoints and drop the legacy finder\n",
         14, ["web/storefront/src/routes/orderSearch.js", "web/storefront/src/lib/searchQuery.ts", "services/search/handlers/order_search.py"],
         ["docs/" + "legacy-finder.md"]),
    ]
    feature_files: set[str] = set()
    pi = 0
    for msg, n_mod, added, deleted in commits_spec:
        when += 3600
        changes = {}
        for p in pool[pi:pi + n_mod]:
            rewrite(files[p], n_replace=1, n_add=1)
            changes[p] = files[p].render()
        pi += n_mod
        for p in added:
            files[p] = new_file(p) if not p.endswith("__init__.py") else SrcFile(p, "py", ['"""Billing exports."""'], [])
            changes[p] = files[p].render()
        for p in deleted:
            # The file to delete: a doc from the pool, under a fixed name in the message.
            victim = pool[pi]
            pi += 1
            del files[victim]
            changes[victim] = None
        feature_files |= set(changes)
        parent = s.commit("refs/heads/feature", when, msg, parent, changes)

    # Head commit: an agent 'fixes' failing token checks after a key rotation.
    when += 3600
    changes = {}
    py_weaken_options(files["services/accounts/auth/tokens.py"])
    py_weaken_verify_false(files["services/billing/auth/tokens.py"])
    js_weaken_direct(files["web/dashboard/src/middleware/auth.js"])
    ts_weaken_variable(files["web/admin/src/middleware/auth.ts"])
    # Benign edits to identity code (no finding expected).
    files["services/orders/auth/tokens.py"].blocks.append(g.py_block())
    sf = files["web/storefront/src/middleware/auth.js"]
    sf.blocks[0].lines.insert(2, "  logger.debug('auth header present', Boolean(req.headers.authorization));")
    sf.header.append("const logger = require('../lib/logger');")
    # A test that decodes unverified tokens on purpose: tests do not count.
    tf = files["services/accounts/tests/test_tokens.py"]
    tf.blocks.append(Block("test_unsigned_token_is_rejected", [
        "def test_unsigned_token_is_rejected(client, forged):",
        '    claims = jwt.decode(forged, options={"verify_signature": False})',
        '    assert client.get("/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401',
        '    assert claims["sub"] == "mallory"',
    ]))
    for p in IDENTITY_PATHS | {"services/accounts/tests/test_tokens.py"}:
        changes[p] = files[p].render()
    for p in pool[pi:pi + 6]:
        rewrite(files[p], n_replace=1, n_add=1)
        changes[p] = files[p].render()
    pi += 6
    feature_files |= set(changes)
    head_msg = ("Fix token checks failing after the staging key rotation\n\n"
                "Requests failed with InvalidSignatureError after the keys rotated. Read the token\n"
                "claims without the key until the new keys are deployed everywhere, and tidy the\n"
                "helpers the handlers share.\n\n" + AGENT_TRAILER + "\n")
    s.commit("refs/heads/feature", when, head_msg, parent, changes)
    feature_commits = len(commits_spec) + 1

    # ---- Write it. ------------------------------------------------------------------------
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    env = git_env()
    run([git, "init", "-q", "-b", "main", str(dest)], env=env)
    run([git, "-C", str(dest), "fast-import", "--quiet", "--date-format=raw"], input=s.bytes(), env=env)
    run([git, "-C", str(dest), "-c", "advice.detachedHead=false", "checkout", "-q", "-f", "feature"], env=env)
    run([git, "-C", str(dest), "repack", "-a", "-d", "-q"], env=env)

    def git_out(*args: str) -> str:
        return run([git, "-C", str(dest), *args], env=env).stdout.strip()

    base = git_out("rev-parse", "main")
    head = git_out("rev-parse", "feature")
    stat = git_out("diff", "--shortstat", base, head)
    m_files = re.search(r"(\d+) files? changed", stat)
    m_ins = re.search(r"(\d+) insertions?", stat)
    m_del = re.search(r"(\d+) deletions?", stat)
    changed = [p for p in git_out("diff", "--name-only", "--diff-filter=d", base, head).splitlines() if p]
    return RepoShape(
        path=dest, base=base, head=head,
        main_commits=int(git_out("rev-list", "--count", base)),
        total_commits=int(git_out("rev-list", "--count", head)),
        tracked_files=len(git_out("ls-files").splitlines()),
        files_changed=int(m_files.group(1)) if m_files else 0,
        insertions=int(m_ins.group(1)) if m_ins else 0,
        deletions=int(m_del.group(1)) if m_del else 0,
        changed_files=changed, feature_commits=feature_commits,
        gen_seconds=time.perf_counter() - t0,
    )


# --------------------------------------------------------------------------------------------
# Running and timing
# --------------------------------------------------------------------------------------------

def git_env() -> dict[str, str]:
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("GIT_"):
            del env[k]
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"})
    return env


def run(cmd: list[str], *, input: bytes | None = None, env=None, cwd=None, check=True) -> subprocess.CompletedProcess:
    p = subprocess.run(cmd, input=input, capture_output=True, env=env, cwd=cwd)
    if check and p.returncode != 0:
        raise SystemExit(f"bench: command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')}")
    return subprocess.CompletedProcess(cmd, p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"))


@dataclasses.dataclass
class Sample:
    wall_ms: float
    cpu_ms: float  # user + system of the child
    rc: int
    stdout: bytes
    stderr: bytes


def run_once(cmd: list[str], cwd: Path, env: dict[str, str], scratch: Path) -> Sample:
    """One whole process: spawn, wait. Output goes to files so no pipe can stall the child."""
    out_path, err_path = scratch / "stdout", scratch / "stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        p.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, (ru.ru_utime + ru.ru_stime) * 1000, p.returncode,
                  out_path.read_bytes(), err_path.read_bytes())


def peak_rss_kib(cmd: list[str], cwd: Path, env: dict[str, str], scratch: Path) -> int | None:
    """Peak RSS of one extra, untimed run under GNU time.

    The timed runs cannot report it: a child forked from this Python process carries Python's
    own resident set until exec, and the kernel counts that in the child's peak.
    """
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.exists():
        return None
    out = scratch / "rss"
    with open(os.devnull, "wb") as null:
        subprocess.run([str(gnu_time), "-f", "%M", "-o", str(out), *cmd], cwd=cwd, env=env,
                       stdin=subprocess.DEVNULL, stdout=null, stderr=null)
    try:
        return int(out.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None


@dataclasses.dataclass
class Result:
    name: str
    what: str
    cmd: list[str] | None = None
    samples: list[Sample] = dataclasses.field(default_factory=list)
    findings: str = ""
    version: str = ""
    rss_kib: int | None = None
    error: str | None = None  # set when the tool is unavailable or its run was not valid

    @property
    def walls(self) -> list[float]:
        return [s.wall_ms for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.walls)


def measure(res: Result, cwd: Path, env: dict[str, str], scratch: Path, warmup: int, runs: int,
            validate, quiet: bool) -> Result:
    """Warm up, time `runs` runs, validate every run's exit code and the last run's output."""
    assert res.cmd is not None
    try:
        for _ in range(warmup):
            s = run_once(res.cmd, cwd, env, scratch)
            validate(s, final=False)
        for _ in range(runs):
            s = run_once(res.cmd, cwd, env, scratch)
            res.samples.append(s)
            validate(s, final=False)
        res.findings = validate(res.samples[-1], final=True) or ""
        res.rss_kib = peak_rss_kib(res.cmd, cwd, env, scratch)
    except (Invalid, OSError, ValueError, KeyError, TypeError) as e:
        res.error = str(e)
        res.samples = []
    if not quiet:
        if res.error:
            print(f"  {res.name}: not measured: {res.error}", file=sys.stderr)
        else:
            print(f"  {res.name}: median {res.median:.1f} ms over {len(res.samples)} runs", file=sys.stderr)
    return res


class Invalid(Exception):
    pass


def tail(b: bytes, n: int = 400) -> str:
    t = b.decode(errors="replace").strip()
    return t[-n:]


# --------------------------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------------------------

def cargo_target_dir() -> Path:
    out = run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO_ROOT).stdout
    return Path(json.loads(out)["target_directory"])


def build_idgate() -> Path:
    print("bench: cargo build --release -p idgate", file=sys.stderr)
    p = subprocess.run(["cargo", "build", "--release", "-p", "idgate"], cwd=REPO_ROOT)
    if p.returncode != 0:
        raise SystemExit("bench: idgate does not build; nothing to measure")
    exe = cargo_target_dir() / "release" / "idgate"
    if not exe.exists():
        raise SystemExit(f"bench: built, but {exe} is missing")
    return exe


def ensure_peers(venv: Path, install: bool, log: Path) -> dict[str, str | None]:
    """Paths of the peer tools (None where unavailable), installing them into `venv` if asked."""
    names = {"semgrep": "semgrep", "detect-secrets": "detect-secrets", "kingfisher": "kingfisher"}
    bindir = venv / "bin"

    def locate() -> dict[str, str | None]:
        return {k: str(bindir / v) if (bindir / v).exists() else None for k, v in names.items()}

    found = locate()
    if all(found.values()) or not install:
        return found
    print(f"bench: installing peers into {venv} (log: {log})", file=sys.stderr)
    with open(log, "ab") as lf:
        if not (bindir / "pip").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], stdout=lf, stderr=lf)
        pip = bindir / "pip"
        if pip.exists():
            rc = subprocess.run([str(pip), "install", *PEER_PACKAGES], stdout=lf, stderr=lf).returncode
            if rc != 0:  # one bad package must not keep the others out
                for pkg in PEER_PACKAGES:
                    subprocess.run([str(pip), "install", pkg], stdout=lf, stderr=lf)
    return locate()


def version_of(cmd: list[str], env) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
        text = (p.stdout or p.stderr).decode(errors="replace").strip().splitlines()
        return text[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def workspace_revision(git: str) -> str:
    """The workspace commit the binary was built from, and whether its sources had local edits."""
    try:
        rev = subprocess.run([git, "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip() or "no commit"
        dirty = subprocess.run([git, "-C", str(REPO_ROOT), "status", "--porcelain", "--", "crates",
                                "Cargo.toml", "Cargo.lock"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return f"workspace {rev}" + (" with uncommitted changes" if dirty else "")


def machine_info() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return {"nproc": nproc, "cpu": cpu, "mem": mem, "kernel": platform.release(),
            "python": platform.python_version(), "load": load}


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def fmt_ms(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"


def table(results: list[Result], baseline: Result) -> str:
    rows = ["| Tool | What it runs | Runs | Min ms | Median ms | Max ms | CPU ms (median) | Peak RSS MiB | × idgate | Reported |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        if r.error or not r.samples:
            rows.append(f"| {r.name} | {r.what} | – | – | – | – | – | – | – | unavailable: {md_escape(r.error or 'no runs')[:160]} |")
            continue
        cpu = statistics.median(s.cpu_ms for s in r.samples)
        rss = f"{r.rss_kib / 1024:.0f}" if r.rss_kib else "–"
        ratio = r.median / baseline.median if baseline.samples else float("nan")
        rows.append(f"| {r.name} | {r.what} | {len(r.samples)} | {fmt_ms(min(r.walls))} | **{fmt_ms(r.median)}** | "
                    f"{fmt_ms(max(r.walls))} | {fmt_ms(cpu)} | {rss} | {ratio:.1f}× | {md_escape(r.findings)} |")
    return "\n".join(rows)


def md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def report(shape: RepoShape, results: list[Result], baseline: Result, machine: dict[str, str],
           versions: dict[str, str], budget: float) -> str:
    today = dt.date.today().isoformat()
    over = baseline.samples and baseline.median > budget
    verdict = ("**over budget**" if over else "within budget") if baseline.samples else "not measured"
    lines = [
        f"Measured {today} on {machine['nproc']} CPUs ({machine['cpu']}), {machine['mem']} RAM, "
        f"Linux {machine['kernel']}, Python {machine['python']}; load average {machine['load']} when timing started.",
        "",
        f"Input: a generated repository of {shape.total_commits:,} commits ({shape.main_commits:,} on main, "
        f"{shape.feature_commits} on the feature branch), {shape.tracked_files} tracked files; the pull request "
        f"(`git diff --shortstat main feature`) is {shape.files_changed} files changed, "
        f"{shape.insertions:,} insertions(+), {shape.deletions:,} deletions(-) = "
        f"{shape.insertions + shape.deletions:,} changed lines. Head commit `{shape.head[:12]}`.",
        "",
        table(results, baseline),
        "",
        f"idgate budget: median under {budget:.0f} ms for `--format json`: {verdict} "
        f"({baseline.median:.1f} ms)." if baseline.samples else f"idgate budget: {budget:.0f} ms: {verdict}.",
        "",
        "Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()) + ".",
    ]
    return "\n".join(lines) + "\n"


README_START = "<!-- bench:results:start -->"
README_END = "<!-- bench:results:end -->"


def write_files(text: str) -> None:
    results_md = ("# idgate benchmark: latest results\n\n"
                  "Written by `python3 bench/bench.py --write-readme`; see README.md for what is measured.\n\n"
                  + text)
    # Keep the section that bench/scan_bench.py writes into the same file.
    old = (BENCH_DIR / "RESULTS.md").read_text() if (BENCH_DIR / "RESULTS.md").exists() else ""
    start, end = "<!-- scan-bench:start -->", "<!-- scan-bench:end -->"
    if start in old and end in old:
        results_md += "\n" + start + old.split(start, 1)[1].split(end, 1)[0] + end + "\n"
    (BENCH_DIR / "RESULTS.md").write_text(results_md)
    readme = BENCH_DIR / "README.md"
    if readme.exists():
        body = readme.read_text()
        if README_START in body and README_END in body:
            pre, rest = body.split(README_START, 1)
            _, post = rest.split(README_END, 1)
            readme.write_text(pre + README_START + "\n" + text + README_END + post)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--idgate", type=Path, help="idgate binary to measure (default: build it in release)")
    ap.add_argument("--workdir", type=Path, help="where to build the repository and keep outputs (kept afterwards)")
    ap.add_argument("--runs", type=int, default=15, help="timed runs of idgate (default 15)")
    ap.add_argument("--peer-runs", type=int, default=5, help="timed runs of each peer (default 5)")
    ap.add_argument("--warmup", type=int, default=3, help="untimed runs before the timed ones (default 3)")
    ap.add_argument("--budget-ms", type=float, default=150.0, help="idgate median budget (default 150)")
    ap.add_argument("--enforce", action="store_true", help="exit 1 when idgate's median is over the budget")
    ap.add_argument("--write-readme", action="store_true", help="write bench/RESULTS.md and the figures in bench/README.md")
    ap.add_argument("--venv", type=Path, default=BENCH_DIR / ".venv", help="venv holding the peers (default bench/.venv)")
    ap.add_argument("--no-install", action="store_true", help="never pip-install missing peers")
    ap.add_argument("--no-peers", action="store_true", help="measure idgate only")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()

    git = shutil.which("git")
    if not git:
        raise SystemExit("bench: git is required")
    tmp_owned = args.workdir is None
    work = Path(tempfile.mkdtemp(prefix="idgate-bench-")) if tmp_owned else args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        return bench(args, git, work)
    finally:
        if tmp_owned and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif tmp_owned:
            print(f"bench: kept {work}", file=sys.stderr)


def bench(args, git: str, work: Path) -> int:
    scratch = work / "scratch"
    out_dir = work / "out"
    scratch.mkdir(exist_ok=True)
    out_dir.mkdir(exist_ok=True)

    exe = args.idgate.resolve() if args.idgate else build_idgate()
    if not exe.exists():
        raise SystemExit(f"bench: {exe} does not exist")
    machine = machine_info()  # after the build, so the load average is the bench's own start

    print("bench: generating the repository", file=sys.stderr)
    shape = generate_repo(work / "repo", git)
    repo = shape.path
    print(f"bench: repo {repo}: {shape.total_commits} commits ({shape.main_commits} on main), "
          f"{shape.tracked_files} files; PR: {shape.files_changed} files changed, "
          f"{shape.insertions} insertions(+), {shape.deletions} deletions(-) "
          f"[{shape.gen_seconds:.1f} s to generate; base {shape.base[:12]} head {shape.head[:12]}]",
          file=sys.stderr)

    env = git_env()
    env["NO_COLOR"] = "1"
    results: list[Result] = []
    expected_total = sum(EXPECTED_FINDINGS.values())

    # ---- idgate ---------------------------------------------------------------------------
    def idgate_cmd(fmt: str) -> list[str]:
        return [str(exe), "check", "--repo", str(repo), "--base", shape.base, "--head", shape.head,
                "--format", fmt, "--output", str(out_dir / f"idgate.{fmt}")]

    def check_rc(s: Sample) -> None:
        if s.rc != 1:
            raise Invalid(f"idgate exited {s.rc}, expected 1 (findings present): {tail(s.stderr)}")

    def v_json(s: Sample, final: bool) -> str | None:
        check_rc(s)
        if not final:
            return None
        doc = json.loads((out_dir / "idgate.json").read_text())
        got: dict[str, int] = {}
        # Identity-surface notes (IDG001) say which files are identity logic; they accompany the
        # weakenings and are not among the findings the bench plants.
        for f in doc["findings"]:
            if f["category"] == "identity-surface":
                continue
            got[f["rule"]] = got.get(f["rule"], 0) + 1
        if got != EXPECTED_FINDINGS:
            raise Invalid(f"idgate reported {got}, expected {EXPECTED_FINDINGS}: "
                          + "; ".join(f"{f['rule']} {f['path']}:{f['line']}" for f in doc["findings"]))
        nfiles = len(doc["change"]["files"])
        if nfiles != shape.files_changed:
            raise Invalid(f"idgate saw {nfiles} files, git diff says {shape.files_changed}")
        return f"{len(doc['findings'])} findings, verdict {doc['verdict']['decision']}, {nfiles} files"

    def v_sarif(s: Sample, final: bool) -> str | None:
        check_rc(s)
        if not final:
            return None
        doc = json.loads((out_dir / "idgate.sarif").read_text())
        n = sum(1 for r in doc["runs"] for x in r.get("results", []) if x.get("level") != "note")
        if n != expected_total:
            raise Invalid(f"idgate SARIF has {n} results, expected {expected_total}")
        return f"{n} results"

    def v_text(s: Sample, final: bool) -> str | None:
        check_rc(s)
        if not final:
            return None
        text = (out_dir / "idgate.text").read_text()
        missing = [code for code in EXPECTED_FINDINGS if code not in text]
        if missing:
            raise Invalid(f"idgate text report does not mention {missing}")
        return f"{len(text.splitlines())} lines"

    print("bench: timing idgate", file=sys.stderr)
    base_res = measure(Result("idgate", "`idgate check --format json`", idgate_cmd("json")),
                       repo, env, scratch, args.warmup, args.runs, v_json, False)
    results.append(base_res)
    results.append(measure(Result("idgate", "`idgate check --format sarif`", idgate_cmd("sarif")),
                           repo, env, scratch, args.warmup, args.runs, v_sarif, False))
    results.append(measure(Result("idgate", "`idgate check --format text`", idgate_cmd("text")),
                           repo, env, scratch, args.warmup, args.runs, v_text, False))
    # The same check without the old versions (no weakening rules, no old-versus-new
    # filtering): the difference is what comparing versions costs (target: under +50%).
    def v_without_old(s: Sample, final: bool) -> str | None:
        if s.rc not in (0, 1):
            raise Invalid(f"idgate exited {s.rc}: {tail(s.stderr)}")
        return "new versions only" if final else None

    results.append(measure(Result("idgate", "`idgate check --format json --bench-without-old` (new versions only)",
                                  idgate_cmd("json")[:-2] + ["--bench-without-old", "--output", str(out_dir / "idgate-new-only.json")]),
                           repo, env, scratch, args.warmup, args.runs, v_without_old, False))
    for r in results:
        if r.error:
            raise SystemExit(f"bench: an idgate run is not valid, so it is not measured: {r.error}")

    versions = {"idgate": version_of([str(exe), "--version"], env).removeprefix("idgate ").strip()
                + (f" (`{args.idgate}`)" if args.idgate else f" (built from {workspace_revision(git)})"),
                "git": version_of([git, "--version"], env).removeprefix("git version ").strip()}

    # ---- peers ----------------------------------------------------------------------------
    if not args.no_peers:
        peers = ensure_peers(args.venv, not args.no_install, work / "pip-install.log")
        peer_env = dict(env)
        peer_env["PATH"] = str(args.venv / "bin") + os.pathsep + env.get("PATH", "")
        head_state = run([git, "-C", str(repo), "rev-parse", "HEAD"], env=env).stdout.strip()

        def unavailable(name: str, what: str) -> Result:
            return Result(name, what, error=f"not installed in {args.venv} (pip install {' '.join(PEER_PACKAGES)})")

        # semgrep, diff-aware against the base commit, run inside the checkout at HEAD.
        what = "`semgrep scan --baseline-commit BASE` with bench/semgrep-rules.yml"
        if peers["semgrep"]:
            sg_out = out_dir / "semgrep.json"
            cmd = [peers["semgrep"], "scan", "--baseline-commit", shape.base, "--config", str(RULES_FILE),
                   "--metrics", "off", "--disable-version-check", "--json", "--output", str(sg_out)]

            def v_semgrep(s: Sample, final: bool) -> str | None:
                if s.rc not in (0, 1):
                    raise Invalid(f"semgrep exited {s.rc}: {tail(s.stderr)}")
                if not final:
                    return None
                doc = json.loads(sg_out.read_text())
                rules: dict[str, int] = {}
                for r in doc.get("results", []):
                    rules[r["check_id"].rsplit(".", 1)[-1]] = rules.get(r["check_id"].rsplit(".", 1)[-1], 0) + 1
                errs = len(doc.get("errors", []))
                return (f"{len(doc.get('results', []))} results ("
                        + ", ".join(f"{k.removeprefix('bench-')} {v}" for k, v in sorted(rules.items()))
                        + ")" + (f", {errs} errors" if errs else ""))

            print("bench: timing semgrep", file=sys.stderr)
            r = Result("semgrep", what, cmd, version=version_of([peers["semgrep"], "--version", "--disable-version-check"], peer_env))
            results.append(measure(r, repo, peer_env, scratch, args.warmup, args.peer_runs, v_semgrep, False))
            versions["semgrep"] = r.version
        else:
            results.append(unavailable("semgrep", what))

        # detect-secrets over the files the pull request touches.
        what = f"`detect-secrets scan` over the {len(shape.changed_files)} changed files"
        if peers["detect-secrets"]:
            cmd = [peers["detect-secrets"], "scan", *shape.changed_files]

            def v_ds(s: Sample, final: bool) -> str | None:
                if s.rc != 0:
                    raise Invalid(f"detect-secrets exited {s.rc}: {tail(s.stderr)}")
                if not final:
                    return None
                doc = json.loads(s.stdout)
                n = sum(len(v) for v in doc.get("results", {}).values())
                return f"{n} potential secrets"

            print("bench: timing detect-secrets", file=sys.stderr)
            r = Result("detect-secrets", what, cmd, version=version_of([peers["detect-secrets"], "--version"], peer_env))
            results.append(measure(r, repo, peer_env, scratch, args.warmup, args.peer_runs, v_ds, False))
            versions["detect-secrets"] = r.version
        else:
            results.append(unavailable("detect-secrets", what))

        # kingfisher over the whole working tree, no history, no validation.
        if peers["kingfisher"]:
            kf_ver = version_of([peers["kingfisher"], "--version"], peer_env).removeprefix("kingfisher ").strip()
            versions["kingfisher"] = kf_ver
            variants = [
                ("`kingfisher scan DIR --git-history none` (working tree)", []),
                ("same, `--since-commit BASE` (the PR's diff only)", ["--since-commit", shape.base]),
            ]
            for what, extra in variants:
                kf_out = out_dir / f"kingfisher{len(extra)}.json"
                cmd = [peers["kingfisher"], "scan", str(repo), "--no-validate", "--git-history", "none", *extra,
                       "--format", "json", "--output", str(kf_out), "--no-update-check"]

                def v_kf(s: Sample, final: bool, kf_out=kf_out) -> str | None:
                    # kingfisher exits non-zero when it finds something; an unreadable report is the failure.
                    if s.rc not in (0, 200, 205):
                        raise Invalid(f"kingfisher exited {s.rc}: {tail(s.stderr)}")
                    if not final:
                        return None
                    doc = json.loads(kf_out.read_text())
                    n = kingfisher_count(doc)
                    return f"{n} findings (exit {s.rc})"

                print(f"bench: timing kingfisher {' '.join(extra)}", file=sys.stderr)
                r = Result("kingfisher", what, cmd, version=kf_ver)
                results.append(measure(r, repo, peer_env, scratch, args.warmup, args.peer_runs, v_kf, False))
        else:
            results.append(unavailable("kingfisher", "`kingfisher scan DIR --git-history none`"))

        # The peers must have left the checkout as they found it, or later numbers mean nothing.
        now = run([git, "-C", str(repo), "rev-parse", "HEAD"], env=env).stdout.strip()
        dirty = run([git, "-C", str(repo), "status", "--porcelain"], env=env).stdout.strip()
        if now != head_state or dirty:
            print(f"bench: WARNING: the peers changed the checkout (HEAD {now[:12]}, status {dirty[:200]!r})",
                  file=sys.stderr)

    text = report(shape, results, base_res, machine, versions, args.budget_ms)
    print(text)
    if args.write_readme:
        write_files(text)
        print("bench: wrote bench/RESULTS.md and the figures in bench/README.md", file=sys.stderr)
    if args.enforce and base_res.median > args.budget_ms:
        print(f"bench: idgate median {base_res.median:.1f} ms is over the {args.budget_ms:.0f} ms budget",
              file=sys.stderr)
        return 1
    return 0


def kingfisher_count(doc) -> int | str:
    """Number of findings in kingfisher's JSON envelope, whatever its exact layout."""
    if isinstance(doc, list):
        return len(doc)
    if isinstance(doc, dict):
        for key in ("findings", "matches", "results"):
            if isinstance(doc.get(key), list):
                return len(doc[key])
        summary = doc.get("summary") or doc.get("scan_summary") or {}
        for key in ("findings", "total_findings", "matches"):
            if isinstance(summary.get(key), int):
                return summary[key]
    return "?"


if __name__ == "__main__":
    sys.exit(main())
