#!/usr/bin/env python3
"""Secret-scanning throughput and recall: idgate vs kingfisher vs detect-secrets.

Two inputs, both generated here from a fixed seed in a temporary directory:

1. **A tree**: about 100 MB of code and configuration text in about 20,000 files (Python,
   JavaScript/TypeScript, Go, YAML, `.env`, JSON, Markdown) in nested directories, with about 200
   planted synthetic credentials (AWS key id + secret pair, GitHub classic tokens with a valid
   CRC32 checksum, Slack bot tokens, Stripe live keys, PEM private keys). Timed:
   `idgate scan`, `kingfisher scan --git-history none` and `detect-secrets scan --all-files`.
2. **A history**: 20,000 commits written with `git fast-import` into a bare repository, each
   adding or editing a few small files, then cloned into an ordinary checkout; about 100 commits
   plant a credential (half of those files are deleted again later, so only a history scan can
   find them). Timed on the checkout: `idgate history` and `kingfisher scan` (full git history).
   detect-secrets has no history mode. A probe then times `idgate history` over the last 500
   commits of the bare repository and of the checkout.

For each run: whole-process wall time (1 warm-up + 3 timed runs, median; detect-secrets, at under
1 MB/s, gets a single run by default), CPU time (user + sys),
peak RSS (GNU time), MB/s over the input's bytes, and how many planted credentials each tool
reported (a planted credential counts as found when the tool reports any finding on one of its
lines), plus the distinct (path, line) findings that match no planted credential.

Every credential is synthetic: random characters in the providers' public formats, generated
from the seed. None is real.

Standard library only (Python 3.11). See bench/README.md, section "Secrets throughput".

    python3 bench/secrets_bench.py                  # print the table
    python3 bench/secrets_bench.py --write-readme   # also write the README section
    python3 bench/secrets_bench.py --scale 0.5      # half the tree and half the commits
    python3 bench/secrets_bench.py --no-tree --history-repo ~/src/some-repo   # any repository
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime as dt
import glob
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
README = BENCH_DIR / "README.md"
SECTION = "## Secrets throughput"

SEED = 20261130
TREE_BYTES = 100_000_000
TREE_FILES = 20_000
TREE_SECRETS = 200
HIST_COMMITS = 20_000
HIST_SECRETS = 100
EPOCH = 1_700_000_000
PEER_PACKAGES = ["kingfisher-bin==2.14.0", "detect-secrets==1.5.0"]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

NOUNS = (
    "account invoice order customer report ledger payment refund address shipment product "
    "catalog coupon tenant quota metric event webhook batch price discount receipt warehouse "
    "schedule session profile cart item member team project region cluster node route upstream "
    "bucket upload export record queue worker job task message email audit health status page "
    "cursor filter index schema column field version release build stage plan subscription "
    "notification template channel device location carrier rate limit window snapshot"
).split()
VERBS = (
    "load build parse render validate normalize merge fetch store compute format resolve sync "
    "apply collect prepare export update create delete list find handle process schedule "
    "retry refresh publish consume encode decode split group sort count check"
).split()
ADJ = (
    "pending stale current cached remote local daily monthly partial retried skipped grouped "
    "sorted missing duplicate active archived default primary secondary next previous final "
    "raw clean expired visible hidden"
).split()
PROSE = (
    "the a an of to in for on with when if this that each every we our it is are be not only "
    "then so by from as at or and but after before while until during across over under into "
    "returns keeps uses reads writes sends calls checks handles retries skips stores loads "
    "request response service client server handler value list map table row file line field "
    "error timeout retry backoff cache queue worker deploy rollout migration schema config"
).split()
SERVICES = [
    "accounts", "billing", "orders", "notifications", "search", "inventory", "reports", "catalog",
    "shipping", "payments", "pricing", "reviews", "recommendations", "ledger", "audit", "media",
    "messaging", "scheduler", "analytics", "identity", "gateway", "profiles", "coupons", "tax",
    "returns", "warehouse", "fulfilment", "loyalty", "support", "onboarding", "exports",
    "imports", "webhooks", "feeds", "quotas", "metering", "tenancy", "contracts", "payouts",
    "risk",
]
WEB_APPS = [
    "dashboard", "admin", "storefront", "checkout", "console", "portal", "partners", "docs-site",
    "status", "mobile-web", "backoffice", "onboarding-ui", "reports-ui", "billing-ui", "help",
    "landing", "studio", "insights", "marketplace", "kiosk",
]
GO_MODULES = ["gateway", "edge-proxy", "ratelimiter", "collector", "relay", "sidecar", "dnsd",
              "certsync", "tunnel", "indexer"]
ENVS = ["dev", "staging", "prod", "qa", "sandbox"]
LANGS = ["en", "de", "fr", "es", "it", "ja", "pt", "nl"]
NPM_PKGS = (
    "react react-dom next express axios lodash dayjs zod yup formik redux immer rxjs uuid "
    "classnames clsx date-fns chart.js d3 three socket.io ws pino winston debug dotenv cors "
    "helmet jsonwebtoken bcryptjs mongoose pg knex prisma typeorm graphql apollo-server "
    "webpack vite esbuild rollup babel-loader ts-node typescript eslint prettier jest vitest "
    "mocha chai sinon supertest cypress playwright tailwindcss postcss autoprefixer sass"
).split()
AUTHORS = [
    ("Dana Bench", "dana@example.invalid"), ("Ari Loop", "ari@example.invalid"),
    ("Sam Kiln", "sam@example.invalid"), ("Noor Vale", "noor@example.invalid"),
    ("Lee Marsh", "lee@example.invalid"), ("Kit Rowan", "kit@example.invalid"),
]

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"


def snake(*p: str) -> str:
    return "_".join(x.replace("-", "_") for x in p)


def camel(*p: str) -> str:
    p = [x.replace("-", "_") for x in p]
    return p[0] + "".join(x[:1].upper() + x[1:] for x in p[1:])


def pascal(*p: str) -> str:
    c = camel(*p)
    return c[:1].upper() + c[1:]


# --------------------------------------------------------------------------------------------
# Synthetic credentials (random, in the providers' public formats; never real)
# --------------------------------------------------------------------------------------------

def b62(n: int, width: int) -> str:
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(width, "0")


class Creds:
    KINDS = ["aws", "github", "slack", "stripe", "pem"]

    def __init__(self, rng: random.Random):
        self.r = rng

    def s(self, alphabet: str, n: int) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def aws(self) -> tuple[str, str]:
        return "AKIA" + self.s(B32, 16), self.s(ALNUM + "/+", 40)

    def github(self) -> str:
        body = self.s(ALNUM, 30)
        return "ghp_" + body + b62(zlib.crc32(body.encode()), 6)

    def slack(self) -> str:
        return "xoxb-%d-%d-%s" % (self.r.randrange(10**10, 10**12), self.r.randrange(10**11, 10**13),
                                  self.s(ALNUM, 24))

    def stripe(self) -> str:
        return "sk_live_" + self.s(ALNUM, 24)

    def pem(self) -> tuple[str, list[str]]:
        """(label, base64 lines) of a PEM private key with a plausible DER header and random body."""
        kind = self.r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"])
        if kind == "RSA PRIVATE KEY":
            der = bytes.fromhex("308204a40201000282010100") + self.r.randbytes(1180)
        elif kind == "PRIVATE KEY":
            der = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7") + self.r.randbytes(1180)
        else:
            der = bytes.fromhex("30770201010420") + self.r.randbytes(32) + bytes.fromhex(
                "a00a06082a8648ce3d030107a144034200") + self.r.randbytes(65)
        b = base64.b64encode(der).decode()
        return kind, [b[i:i + 64] for i in range(0, len(b), 64)]


@dataclasses.dataclass
class Planted:
    path: str       # relative to the tree / repository root
    first: int      # 1-based line span of the credential
    last: int
    kind: str
    where: str      # file kind it sits in (py, ts, go, yaml, env, json, md, …)
    deleted: bool = False  # history only: the file is deleted by a later commit


def snippet(c: Creds, kind: str, fk: str, rng: random.Random) -> list[str]:
    """Lines that write one credential of `kind` into a file of kind `fk`. The credential spans
    all returned lines (the AWS pair is two lines, a PEM block many)."""
    svc = rng.choice(SERVICES)
    if kind == "aws":
        kid, sec = c.aws()
        return {
            "py": [f'aws_access_key_id = "{kid}"', f'aws_secret_access_key = "{sec}"'],
            "js": [f'  aws_access_key_id: "{kid}",', f'  aws_secret_access_key: "{sec}",'],
            "ts": [f'  aws_access_key_id: "{kid}",', f'  aws_secret_access_key: "{sec}",'],
            "go": [f'\t"aws_access_key_id":     "{kid}",', f'\t"aws_secret_access_key": "{sec}",'],
            "yaml": [f"  aws_access_key_id: {kid}", f"  aws_secret_access_key: {sec}"],
            "env": [f"AWS_ACCESS_KEY_ID={kid}", f"AWS_SECRET_ACCESS_KEY={sec}"],
            "json": [f'  "aws_access_key_id": "{kid}",', f'  "aws_secret_access_key": "{sec}",'],
            "md": [f"aws_access_key_id = {kid}", f"aws_secret_access_key = {sec}"],
        }[fk]
    if kind in ("github", "slack", "stripe"):
        tok = {"github": c.github, "slack": c.slack, "stripe": c.stripe}[kind]()
        name = {"github": "GITHUB_TOKEN", "slack": "SLACK_BOT_TOKEN", "stripe": "STRIPE_SECRET_KEY"}[kind]
        return [{
            "py": f'{name} = "{tok}"',
            "js": f"const {camel(*name.lower().split('_'))} = '{tok}';",
            "ts": f"export const {name}: string = \"{tok}\";",
            "go": f'const {camel(*name.lower().split("_"))} = "{tok}"',
            "yaml": f"  {name.lower()}: {tok}",
            "env": f"{name}={tok}",
            "json": f'  "{camel(*name.lower().split("_"))}": "{tok}",',
            "md": f"export {name}={tok}",
        }[fk]]
    label, body = c.pem()
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    if fk == "py":
        return [f'{snake(svc, "signing_key").upper()} = """{begin}', *body, f'{end}"""']
    if fk in ("js", "ts"):
        return [f"const {camel(svc, 'signing', 'key')} = `{begin}", *body, f"{end}`;"]
    if fk == "go":
        return [f"const {camel(svc, 'signing', 'key')} = `{begin}", *body, f"{end}`"]
    if fk == "yaml":
        return ["  tls.key: |", *(f"    {x}" for x in [begin, *body, end])]
    if fk == "json":  # a service-account file: the key on one line with \n escapes
        return ['  "private_key": "' + "\\n".join([begin, *body, end]) + '\\n",']
    if fk == "md":
        return [begin, *body, end]
    raise ValueError(fk)


# Where each kind of credential may be written.
PLACES = {
    "aws": ["py", "py", "ts", "js", "go", "yaml", "yaml", "env", "env", "json", "md"],
    "github": ["py", "py", "ts", "js", "go", "yaml", "env", "env", "json", "md"],
    "slack": ["py", "py", "ts", "js", "go", "yaml", "env", "env", "json", "md"],
    "stripe": ["py", "py", "ts", "js", "go", "yaml", "env", "env", "json", "md"],
    "pem": ["py", "py", "ts", "js", "go", "yaml", "yaml", "json", "md"],
}


# --------------------------------------------------------------------------------------------
# Synthetic code and configuration
# --------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def p(self, seq):
        return self.r.choice(seq)

    def words(self, n: int) -> str:
        return " ".join(self.r.choice(PROSE) for _ in range(n))

    def ident(self) -> tuple[str, str]:
        return self.p(VERBS), self.p(NOUNS)

    def hexs(self, n: int) -> str:
        return "".join(self.r.choice(HEX) for _ in range(n))

    def uuid(self) -> str:
        h = self.hexs(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    # --- Python ---------------------------------------------------------------------------
    def py_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), self.p(NOUNS)
            k = self.r.randrange(11)
            if k == 0:
                out.append(f"{ind}{w} = {snake(*self.ident())}({v}, {self.p(vs)})")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if {v} is None:", f"{ind}    return {self.p(['None', '[]', '{}', '0', 'False'])}"]
            elif k == 2:
                out += [f"{ind}for {w} in {v}.{self.p(NOUNS)}s:",
                        f"{ind}    {self.p(vs)}.append({w}.{self.p(NOUNS)}_{self.p(['id', 'name', 'total'])})"]
            elif k == 3:
                out.append(f'{ind}logger.{self.p(["info", "debug", "warning"])}("{self.words(4)}: %s", {v})')
            elif k == 4:
                out.append(f'{ind}{w} = {{"{self.p(NOUNS)}": {v}, "{self.p(NOUNS)}_{self.p(["id", "count"])}": {self.r.randrange(1000)}}}')
                vs.append(w)
            elif k == 5:
                out += [f"{ind}if not {v}:", f'{ind}    raise ValueError("{self.words(5)}")']
            elif k == 6:
                out.append(f"{ind}# {self.words(self.r.randrange(5, 12))}")
            elif k == 7:
                out.append(f"{ind}{w} = settings.{snake(self.p(NOUNS), self.p(NOUNS)).upper()}")
                vs.append(w)
            elif k == 8:
                out.append(f'{ind}{w} = os.environ.get("{snake(self.p(NOUNS), self.p(["url", "host", "port", "timeout", "region"])).upper()}", "{self.p(ADJ)}")')
                vs.append(w)
            elif k == 9:
                out += [f"{ind}try:", f"{ind}    {w} = {v}.{self.p(VERBS)}(timeout={self.r.randrange(1, 60)})",
                        f"{ind}except {self.p(['KeyError', 'TimeoutError', 'ValueError'])} as exc:",
                        f'{ind}    logger.exception("{self.words(4)}")', f"{ind}    raise"]
                vs.append(w)
            else:
                out.append(f"{ind}{w} = [{v} for {v} in {self.p(vs)} if {v}.{self.p(ADJ)}]")
                vs.append(w)
        return out

    def py_block(self) -> list[str]:
        k = self.r.randrange(10)
        if k < 5:
            verb, noun = self.ident()
            args = [noun] + self.r.sample(NOUNS, self.r.randrange(0, 3))
            lines = [f"def {snake(verb, noun)}({', '.join(args)}):",
                     f'    """{verb.capitalize()} the {noun} for {self.words(3)}."""']
            lines += self.py_stmts(list(args), "    ", self.r.randrange(3, 12))
            lines.append(f"    return {self.p(args)}")
        elif k < 8:
            noun = self.p(NOUNS)
            lines = [f"class {pascal(noun, self.p(['service', 'repository', 'client', 'handler', 'view']))}:",
                     f'    """{self.words(8).capitalize()}."""', "",
                     "    def __init__(self, session, cache=None):",
                     "        self.session = session", "        self.cache = cache or {}"]
            for _ in range(self.r.randrange(1, 4)):
                verb = self.p(VERBS)
                lines += ["", f"    def {snake(verb, noun)}(self, {noun}_id, **options):"]
                lines += self.py_stmts([f"{noun}_id", "options", "self.session"], "        ", self.r.randrange(3, 9))
                lines.append(f"        return self.session.{verb}({noun}_id)")
        else:
            lines = [f"{snake(self.p(ADJ), self.p(NOUNS)).upper()} = {self.p([str(self.r.randrange(5000)), repr(self.p(ADJ)), 'True', 'None', repr(self.p(NOUNS) + '-' + self.p(VERBS))])}"
                     for _ in range(self.r.randrange(3, 10))]
        return lines + ["", ""]

    def py_head(self, path: str) -> list[str]:
        mods = self.r.sample(["os", "json", "logging", "datetime", "typing", "dataclasses", "functools",
                              "itertools", "collections", "re", "uuid", "decimal"], 4)
        return ([f'"""{self.words(9).capitalize()}."""', ""] + [f"import {m}" for m in sorted(mods)]
                + ["", f"from {self.p(SERVICES)}.{self.p(NOUNS)}s import {snake(*self.ident())}",
                   "from django.conf import settings", "", "logger = logging.getLogger(__name__)", "", ""])

    # --- JavaScript / TypeScript ----------------------------------------------------------
    def js_stmts(self, vs: list[str], ind: str, n: int, ts: bool) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), camel(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(9)
            if k == 0:
                out.append(f"{ind}const {w} = await {camel(*self.ident())}({v});")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if (!{v}) {{", f"{ind}  return {self.p(['null', '[]', 'undefined', 'false'])};", f"{ind}}}"]
            elif k == 2:
                out += [f"{ind}for (const item of {v}.{self.p(NOUNS)}s) {{",
                        f"{ind}  {self.p(vs)}.push(item.{camel(self.p(NOUNS), 'id')});", f"{ind}}}"]
            elif k == 3:
                out.append(f"{ind}logger.{self.p(['info', 'debug', 'warn'])}(`{self.words(4)}: ${{{v}}}`);")
            elif k == 4:
                out.append(f"{ind}const {w} = {{ {self.p(NOUNS)}: {v}, {camel(self.p(NOUNS), 'count')}: {self.r.randrange(500)} }};")
                vs.append(w)
            elif k == 5:
                out += [f"{ind}if ({v} === undefined) {{", f"{ind}  throw new Error('{self.words(5)}');", f"{ind}}}"]
            elif k == 6:
                out.append(f"{ind}// {self.words(self.r.randrange(5, 12))}")
            elif k == 7:
                typ = f": {pascal(self.p(NOUNS))}[]" if ts else ""
                out.append(f"{ind}const {w}{typ} = {v}.filter((x) => x.{self.p(ADJ)}).map((x) => x.{self.p(NOUNS)});")
                vs.append(w)
            else:
                out.append(f"{ind}const {w} = process.env.{snake(self.p(NOUNS), self.p(['url', 'host', 'port'])).upper()} ?? '{self.p(ADJ)}';")
                vs.append(w)
        return out

    def js_block(self, ts: bool) -> list[str]:
        k = self.r.randrange(10)
        verb, noun = self.ident()
        if k < 5:
            arg = camel(noun)
            sig = f"{arg}: {pascal(noun)}, options: {pascal(verb, 'options')} = {{}}" if ts else f"{arg}, options = {{}}"
            ret = f": Promise<{pascal(noun)} | null>" if ts else ""
            lines = ["/**", f" * {verb.capitalize()} the {noun} for {self.words(4)}.", " */",
                     f"export async function {camel(verb, noun)}({sig}){ret} {{"]
            lines += self.js_stmts([arg, "options"], "  ", self.r.randrange(3, 12), ts)
            lines += [f"  return {arg};", "}"]
        elif k < 7 and ts:
            lines = [f"export interface {pascal(noun)} {{"]
            lines += [f"  {camel(self.p(NOUNS), self.p(['id', 'name', 'at']))}{self.p(['', '?'])}: {self.p(['string', 'number', 'boolean', 'Date', pascal(self.p(NOUNS)) + '[]'])};"
                      for _ in range(self.r.randrange(3, 10))]
            lines.append("}")
        elif k < 8:
            lines = [f"export class {pascal(noun, self.p(['store', 'client', 'service', 'controller']))} {{",
                     "  constructor(http, cache) {" if not ts else "  constructor(private http: HttpClient, private cache: Cache) {",
                     "    this.http = http;" if not ts else "    super();", "  }", ""]
            for _ in range(self.r.randrange(1, 4)):
                lines.append(f"  async {camel(self.p(VERBS), noun)}(id{': string' if ts else ''}) {{")
                lines += self.js_stmts(["id", "this.http"], "    ", self.r.randrange(2, 7), ts)
                lines += [f"    return this.http.get(`/api/{noun}s/${{id}}`);", "  }", ""]
            lines.append("}")
        else:
            lines = [f"export const {snake(self.p(ADJ), self.p(NOUNS)).upper()} = {self.p([str(self.r.randrange(9000)), repr(self.p(ADJ)), 'true', 'null'])};"
                     for _ in range(self.r.randrange(3, 9))]
        return lines + [""]

    def js_head(self, ts: bool) -> list[str]:
        pk = self.r.sample(NPM_PKGS, 3)
        return ([f"import {camel(*p.replace('.', '-').split('-'))} from '{p}';" for p in pk]
                + [f"import {{ {camel(*self.ident())} }} from '../{self.p(NOUNS)}s/{self.p(VERBS)}';",
                   "import logger from '../lib/logger';", ""])

    # --- Go -------------------------------------------------------------------------------
    def go_block(self) -> list[str]:
        verb, noun = self.ident()
        k = self.r.randrange(10)
        if k < 6:
            lines = [f"// {pascal(verb, noun)} {verb}s the {noun} {self.words(4)}.",
                     f"func {pascal(verb, noun)}(ctx context.Context, {noun} *{pascal(noun)}) (*{pascal(noun, 'result')}, error) {{"]
            for _ in range(self.r.randrange(2, 8)):
                kk = self.r.randrange(5)
                w = camel(self.p(ADJ), self.p(NOUNS))
                if kk == 0:
                    lines += [f"\t{w}, err := {self.p(NOUNS)}Store.{pascal(self.p(VERBS))}(ctx, {noun}.ID)",
                              "\tif err != nil {", f'\t\treturn nil, fmt.Errorf("{verb} {noun}: %w", err)', "\t}", f"\t_ = {w}"]
                elif kk == 1:
                    lines += [f"\tfor _, item := range {noun}.{pascal(self.p(NOUNS))}s {{",
                              f"\t\tlog.Printf(\"{self.words(3)} %v\", item)", "\t}"]
                elif kk == 2:
                    lines.append(f"\t// {self.words(self.r.randrange(5, 12))}")
                elif kk == 3:
                    lines += [f"\tif {noun} == nil {{", f'\t\treturn nil, errors.New("{self.words(3)}")', "\t}"]
                else:
                    lines.append(f"\t{w} := time.Duration({self.r.randrange(1, 90)}) * time.Second")
                    lines.append(f"\t_ = {w}")
            lines += [f"\treturn &{pascal(noun, 'result')}{{}}, nil", "}"]
        elif k < 8:
            lines = [f"// {pascal(noun)} is {self.words(6)}.", f"type {pascal(noun)} struct {{"]
            for _ in range(self.r.randrange(3, 9)):
                f = pascal(self.p(NOUNS), self.p(["ID", "Name", "At", "Count"]))
                lines.append(f"\t{f} {self.p(['string', 'int64', 'bool', 'time.Time', '[]string'])} `json:\"{snake(*[x.lower() for x in [f]])}\"`")
            lines.append("}")
        else:
            lines = ["const ("] + [f"\t{pascal(self.p(ADJ), self.p(NOUNS))} = {self.r.randrange(10000)}"
                                   for _ in range(self.r.randrange(3, 8))] + [")"]
        return lines + [""]

    def go_head(self, pkg: str) -> list[str]:
        return [f"// Package {pkg} {self.words(7)}.", f"package {pkg}", "", "import (", '\t"context"',
                '\t"errors"', '\t"fmt"', '\t"log"', '\t"time"', ")", ""]

    # --- YAML -----------------------------------------------------------------------------
    def yaml_block(self) -> list[str]:
        svc, k = self.p(SERVICES), self.r.randrange(4)
        if k == 0:
            img = f"registry.internal/{svc}:{self.r.randrange(1, 9)}.{self.r.randrange(40)}.{self.r.randrange(20)}"
            if self.r.random() < 0.2:  # pinned by digest: hex, not a secret
                img = f"registry.internal/{svc}@sha256:{self.hexs(64)}"
            return ["---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {svc}-{self.p(NOUNS)}",
                    f"  namespace: {self.p(ENVS)}", "  labels:", f"    app: {svc}", "spec:",
                    f"  replicas: {self.r.randrange(1, 12)}", "  template:", "    spec:", "      containers:",
                    f"        - name: {svc}", f"          image: {img}", "          ports:",
                    f"            - containerPort: {self.r.choice([80, 8080, 8443, 9000, 3000])}", "          env:",
                    *[f"            - name: {snake(self.p(NOUNS), self.p(['url', 'mode', 'level'])).upper()}\n"
                      f"              value: \"{self.p(ADJ)}\"" for _ in range(self.r.randrange(1, 5))],
                    "          resources:", "            limits:", f"              memory: {self.r.choice([128, 256, 512, 1024])}Mi"]
        if k == 1:
            return [f"{self.p(NOUNS)}:", *[f"  {snake(self.p(ADJ), self.p(NOUNS))}: {self.p([str(self.r.randrange(1000)), self.p(ADJ), 'true', 'false'])}"
                                         for _ in range(self.r.randrange(3, 12))]]
        if k == 2:
            return [f"# {self.words(9)}", f"{svc}:", "  database:", f"    host: {svc}-db.{self.p(ENVS)}.internal",
                    "    port: 5432", f"    name: {svc}", "    password: ${DB_PASSWORD}",
                    f"  cache_ttl: {self.r.randrange(10, 3600)}", f"  feature_{self.p(NOUNS)}: {self.p(['true', 'false'])}"]
        return [f"- name: {self.words(3)}", f"  run: make {self.p(VERBS)}-{self.p(NOUNS)}",
                f"  timeout-minutes: {self.r.randrange(5, 60)}", "  env:", f"    {self.p(NOUNS).upper()}_MODE: {self.p(ADJ)}"]

    # --- JSON -----------------------------------------------------------------------------
    def json_record(self) -> list[str]:
        return ["  {", f'    "id": "{self.uuid()}",', f'    "{self.p(NOUNS)}": "{self.p(ADJ)} {self.p(NOUNS)}",',
                    f'    "email": "{self.p(NOUNS)}.{self.r.randrange(999)}@example.invalid",',
                    f'    "created_at": "2024-{self.r.randrange(1, 13):02d}-{self.r.randrange(1, 29):02d}T10:00:00Z",',
                    f'    "total": {self.r.randrange(100000) / 100},',
                f'    "checksum": "{self.hexs(40)}"' if self.r.random() < 0.25 else f'    "state": "{self.p(ADJ)}"', "  },"]

    def json_block(self) -> list[str]:
        if self.r.randrange(3) != 2:
            return [f'  "{camel(self.p(ADJ), self.p(NOUNS))}": {{',
                    *[f'    "{camel(self.p(NOUNS), self.p(["url", "limit", "enabled", "label"]))}": {self.p([str(self.r.randrange(500)), "true", "false", json.dumps(self.words(3))])},'
                      for _ in range(self.r.randrange(2, 8))],
                    '    "_": null', "  },"]
        return [f'  "{camel(self.p(NOUNS), self.p(VERBS))}": {json.dumps(self.words(self.r.randrange(3, 10)).capitalize())},']

    def lockfile(self, size: int) -> list[str]:
        lines = ["{", '  "name": "app",', '  "lockfileVersion": 3,', '  "packages": {']
        n = 0
        while sum(map(len, lines)) < size:
            pkg = self.p(NPM_PKGS) + ("" if n < 30 else f"-{self.p(NOUNS)}")
            ver = f"{self.r.randrange(20)}.{self.r.randrange(30)}.{self.r.randrange(30)}"
            integ = base64.b64encode(self.r.randbytes(64)).decode()
            lines += [f'    "node_modules/{pkg}": {{', f'      "version": "{ver}",',
                      f'      "resolved": "https://registry.npmjs.org/{pkg}/-/{pkg}-{ver}.tgz",',
                      f'      "integrity": "sha512-{integ}",', '      "license": "MIT"', "    },"]
            n += 1
        return lines + ['    "": {}', "  }", "}"]

    # --- Markdown -------------------------------------------------------------------------
    def md_block(self) -> list[str]:
        k = self.r.randrange(5)
        if k == 0:
            return [f"## {self.words(3).capitalize()}", ""]
        if k == 1:
            return [f"- {self.words(self.r.randrange(5, 14))}" for _ in range(self.r.randrange(2, 7))] + [""]
        if k == 2:
            return ["```sh", *[f"make {self.p(VERBS)}-{self.p(NOUNS)} ENV={self.p(ENVS)}" for _ in range(self.r.randrange(1, 4))], "```", ""]
        if k == 3 and self.r.random() < 0.01:  # AWS's documented example credentials
            return ["```ini", "[default]", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "```", ""]
        return [" ".join(self.words(self.r.randrange(8, 16)).capitalize() + "." for _ in range(self.r.randrange(2, 6))), ""]

    # --- .env -----------------------------------------------------------------------------
    def env_block(self) -> list[str]:
        svc = self.p(SERVICES)
        k = self.r.randrange(4)
        if k == 0:
            return [f"DATABASE_URL=postgres://{svc}:${{DB_PASSWORD}}@{svc}-db:5432/{svc}"]
        if k == 1:
            return [f"# {self.words(6)}"]
        return [f"{snake(self.p(NOUNS), self.p(['url', 'host', 'port', 'timeout', 'mode', 'level', 'enabled'])).upper()}={self.p([str(self.r.randrange(10000)), self.p(ADJ), 'true', f'http://{svc}:8080'])}"]

    # --- files ----------------------------------------------------------------------------
    def file_lines(self, fk: str, path: str, size: int) -> list[str]:
        """Lines of a file of kind `fk` of about `size` bytes."""
        if fk == "lock":
            return self.lockfile(size)
        if fk == "py":
            lines, block = self.py_head(path), self.py_block
        elif fk in ("js", "ts"):
            lines, block = self.js_head(fk == "ts"), (lambda: self.js_block(fk == "ts"))
        elif fk == "go":
            pkg = path.split("/")[-2].replace("-", "")
            lines, block = self.go_head(pkg), self.go_block
        elif fk == "yaml":
            lines, block = [f"# {self.words(8)}"], self.yaml_block
        elif fk == "json" and "/fixtures/" in path:
            lines, block = ["["], self.json_record
        elif fk == "json":
            lines, block = ["{"], self.json_block
        elif fk == "md":
            lines, block = [f"# {self.words(4).capitalize()}", ""], self.md_block
        elif fk == "env":
            lines, block = [f"# {self.words(5)}"], self.env_block
        else:
            raise ValueError(fk)
        n = sum(len(x) + 1 for x in lines)
        while n < size:
            b = block()
            lines += b
            n += sum(len(x) + 1 for x in b)
        if fk == "json" and lines[0] == "[":
            lines += ['  {"id": null}', "]"]
        elif fk == "json":
            lines += ['  "version": 1', "}"]
        return flat(lines)

    def blocks(self, fk: str, path: str, n: int) -> list[str]:
        """`n` more top-level blocks for a file of kind `fk` (an edit)."""
        block = {"py": self.py_block, "js": lambda: self.js_block(False), "ts": lambda: self.js_block(True),
                 "go": self.go_block, "yaml": self.yaml_block, "md": self.md_block, "env": self.env_block,
                 "json": self.json_record if "/fixtures/" in path else self.json_block}[fk]
        out: list[str] = []
        for _ in range(n):
            out += block()
        return flat(out)


def flat(lines: list[str]) -> list[str]:
    """One element per line (a few templates hold two lines in one string)."""
    return [y for x in lines for y in x.split("\n")]


def text_of(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def insertion_point(fk: str, lines: list[str], rng: random.Random) -> int:
    """Index at which a snippet may be inserted: a top-level line boundary."""
    tops = top_level(fk, lines)
    return rng.choice(tops) if tops else rng.randrange(1, len(lines) + 1)


def top_level(fk: str, lines: list[str]) -> list[int]:
    """Indices of the lines before which a top-level block may go."""
    if fk == "json":  # before a key of the outer object, or a record of the outer array
        return [i for i, x in enumerate(lines) if x.startswith(('  "', "  {")) and i > 0]
    if fk in ("py", "go", "js", "ts"):
        return [i + 1 for i, x in enumerate(lines) if i > 0 and x == "" and i + 1 < len(lines)
                and lines[i + 1] and not lines[i + 1].startswith((" ", "\t", ")", "}"))]
    if fk == "yaml":
        return [i for i, x in enumerate(lines) if i > 0 and (x == "---" or (x and not x.startswith((" ", "-", "#"))))]
    if fk == "md":
        return [i for i, x in enumerate(lines) if i > 0 and lines[i - 1] == "" and not x.startswith(" ")]
    return list(range(1, len(lines) + 1))


def wrap(fk: str, snip: list[str], kind: str) -> tuple[list[str], int]:
    """Wrap a snippet so it is syntactically at home; returns the lines and the snippet's offset."""
    if kind == "aws" and fk in ("js", "ts"):
        return ["export const awsConfig = {", *snip, "};", ""], 1
    if kind == "aws" and fk == "go":
        return ["var awsCredentials = map[string]string{", *snip, "}", ""], 1
    if kind == "aws" and fk == "yaml":
        return ["aws:", *snip], 1
    if fk == "yaml" and kind != "pem":
        return [{"github": "ci:", "slack": "alerts:", "stripe": "payments:"}[kind], *snip], 1
    if fk == "yaml" and kind == "pem":
        return ["---", "apiVersion: v1", "kind: Secret", "metadata:", "  name: tls", "type: kubernetes.io/tls",
                "stringData:", *snip], 7
    if fk == "md":
        lang = {"aws": "ini", "pem": "text"}.get(kind, "sh")
        return ["```" + lang, *snip, "```", ""], 1
    if fk in ("py", "js", "ts", "go"):
        return [*snip, ""], 0
    return snip, 0


# --------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------

KIND_WEIGHTS = {"py": 29, "ts": 15, "js": 10, "go": 15, "yaml": 12, "json": 8, "md": 8, "env": 1.5, "lock": 0.15}
KIND_SIZE = {"py": 1.0, "ts": 0.9, "js": 0.9, "go": 1.0, "yaml": 0.6, "json": 0.9, "md": 0.7, "env": 0.08, "lock": 12.0}


class Paths:
    def __init__(self, rng: random.Random):
        self.r = rng
        self.used: set[str] = set()

    def fresh(self, fk: str) -> str:
        for attempt in range(1000):
            p = self.make(fk)
            if attempt > 20:
                stem, dot, ext = p.rpartition(".")
                p = f"{stem}_{attempt}.{ext}" if dot and not p.endswith("/.env") else p + f".{attempt}"
            if p not in self.used:
                self.used.add(p)
                return p
        raise RuntimeError("no fresh path")

    def make(self, fk: str) -> str:
        r, p = self.r, self.r.choice
        v, n = p(VERBS), p(NOUNS)
        svc = p(SERVICES)
        if fk == "py":
            if r.random() < 0.12:
                return f"services/{svc}/tests/{p(NOUNS)}s/test_{v}_{n}.py"
            return f"services/{svc}/{svc}/{p(NOUNS)}s/{p(['', p(NOUNS) + 's/'])}{v}_{n}.py".replace("//", "/")
        if fk in ("ts", "js"):
            app = p(WEB_APPS)
            ext = fk if r.random() < 0.7 else fk + "x"
            if r.random() < 0.1:
                return f"web/{app}/src/__tests__/{camel(v, n)}.test.{fk}"
            return f"web/{app}/src/{p(['components', 'pages', 'api', 'hooks', 'lib', 'store', 'utils'])}/{p(NOUNS)}/{pascal(v, n) if ext.endswith('x') else camel(v, n)}.{ext}"
        if fk == "go":
            mod = p(GO_MODULES)
            return f"go/{mod}/{p(['internal', 'pkg'])}/{p(NOUNS)}/{v}_{n}{p(['', '', '_test'])}.go"
        if fk == "yaml":
            return p([f"deploy/k8s/{p(ENVS)}/{svc}/{n}-{p(['deployment', 'service', 'configmap', 'hpa'])}.yaml",
                      f"charts/{svc}/values-{p(ENVS)}-{n}.yaml", f"config/{svc}/{n}.yml",
                      f"ci/pipelines/{svc}/{v}-{n}.yml"])
        if fk == "json":
            return p([f"config/{svc}/{n}.{p(ENVS)}.json", f"services/{svc}/tests/fixtures/{n}s_{v}.json",
                      f"web/{p(WEB_APPS)}/src/i18n/{p(LANGS)}/{n}.json", f"web/{p(WEB_APPS)}/config/{v}-{n}.json"])
        if fk == "md":
            return p([f"docs/{p(['guides', 'runbooks', 'adr', 'api', 'howto'])}/{svc}/{v}-{n}.md",
                      f"services/{svc}/docs/{n}.md", f"web/{p(WEB_APPS)}/docs/{v}-{n}.md"])
        if fk == "env":
            name = p([".env", ".env", ".env", ".env.local", ".env.production", ".env.staging"])
            return p([f"services/{svc}/{name}", f"services/{svc}/deploy/{p(ENVS)}/{name}",
                      f"web/{p(WEB_APPS)}/{name}", f"go/{p(GO_MODULES)}/{p(ENVS)}/{name}"])
        if fk == "lock":
            return f"web/{p(WEB_APPS)}/package-lock.json"
        raise ValueError(fk)


@dataclasses.dataclass
class Tree:
    root: Path
    files: int
    bytes: int
    hidden_files: int
    hidden_bytes: int
    by_kind: dict[str, int]
    planted: list[Planted]


def generate_tree(root: Path, target_bytes: int, target_files: int, n_secrets: int, seed: int) -> Tree:
    rng = random.Random(seed)
    gen, paths, creds = Gen(random.Random(seed + 1)), Paths(random.Random(seed + 2)), Creds(random.Random(seed + 3))
    kinds = list(KIND_WEIGHTS)
    plan = rng.choices(kinds, weights=[KIND_WEIGHTS[k] for k in kinds], k=target_files)
    sizes = [rng.lognormvariate(0, 0.7) * KIND_SIZE[k] for k in plan]
    scale = target_bytes / sum(sizes)
    sizes = [max(120, int(s * scale)) for s in sizes]
    # Which files carry a credential: one per file, never in a lock file.
    secret_kinds = [Creds.KINDS[i % len(Creds.KINDS)] for i in range(n_secrets)]
    rng.shuffle(secret_kinds)
    by_fk: dict[str, list[int]] = {}
    for i, fk in enumerate(plan):
        by_fk.setdefault(fk, []).append(i)
    carriers: dict[int, str] = {}
    for kind in secret_kinds:
        for _ in range(1000):
            fk = rng.choice(PLACES[kind])
            i = rng.choice(by_fk[fk])
            if i not in carriers:
                carriers[i] = kind
                break
    planted, total, hidden, hidden_bytes, by_kind = [], 0, 0, 0, {}
    for i, (fk, size) in enumerate(zip(plan, sizes)):
        rel = paths.fresh(fk)
        while i in carriers and "/fixtures/" in rel:
            rel = paths.fresh(fk)
        lines = gen.file_lines(fk, rel, size)
        if i in carriers:
            kind = carriers[i]
            snip = snippet(creds, kind, fk, rng)
            block, off = wrap(fk, snip, kind)
            at = insertion_point(fk, lines, rng)
            lines[at:at] = block
            first = at + off + 1
            planted.append(Planted(rel, first, first + len(snip) - 1, kind, fk))
        data = text_of(lines).encode()
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        total += len(data)
        by_kind[fk] = by_kind.get(fk, 0) + len(data)
        if any(part.startswith(".") for part in rel.split("/")):
            hidden += 1
            hidden_bytes += len(data)
    return Tree(root, len(plan), total, hidden, hidden_bytes, by_kind, planted)


# --------------------------------------------------------------------------------------------
# The history
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class History:
    repo: Path
    commits: int
    blob_bytes: int
    blobs: int
    head_files: int
    planted: list[Planted]


def existing_history(repo: Path, git: str, genv: dict[str, str]) -> History:
    """The size of a repository the user pointed at: commits, blobs and their bytes."""
    def run(*a: str) -> str:
        return subprocess.run([git, *a], cwd=repo, env=genv, check=True, capture_output=True, text=True).stdout
    commits = int(run("rev-list", "--count", "HEAD").strip() or 0)
    blobs = blob_bytes = 0
    for line in run("cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)").splitlines():
        kind, _, size = line.partition(" ")
        if kind == "blob":
            blobs += 1
            blob_bytes += int(size)
    head_files = len(run("ls-tree", "-r", "--name-only", "HEAD").splitlines())
    return History(repo=repo, commits=commits, blob_bytes=blob_bytes, blobs=blobs, head_files=head_files, planted=[])


class FastImport:
    def __init__(self, proc: subprocess.Popen):
        self.w = proc.stdin
        self.blob_bytes = 0
        self.blobs = 0

    def data(self, b: bytes) -> None:
        self.w.write(b"data %d\n" % len(b))
        self.w.write(b)
        self.w.write(b"\n")

    def commit(self, when: int, author: tuple[str, str], msg: str, ops: list[tuple[str, str, bytes | None]]) -> None:
        who = f"{author[0]} <{author[1]}> {when} +0000".encode()
        self.w.write(b"commit refs/heads/main\nauthor " + who + b"\ncommitter " + who + b"\n")
        self.data(msg.encode())
        for op, path, content in ops:
            if op == "M":
                self.w.write(f"M 100644 inline {path}\n".encode())
                self.data(content)
                self.blob_bytes += len(content)
                self.blobs += 1
            else:
                self.w.write(f"D {path}\n".encode())
        self.w.write(b"\n")


HIST_KIND_WEIGHTS = {"py": 30, "ts": 15, "js": 10, "go": 15, "yaml": 12, "json": 8, "md": 8, "env": 2}


def generate_history(repo: Path, n_commits: int, n_secrets: int, seed: int, git: str, env: dict) -> History:
    rng = random.Random(seed)
    gen, paths, creds = Gen(random.Random(seed + 1)), Paths(random.Random(seed + 2)), Creds(random.Random(seed + 3))
    subprocess.run([git, "init", "--quiet", "--bare", "--template=", "-b", "main", str(repo)], check=True, env=env)
    proc = subprocess.Popen([git, "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE, env=env)
    fi = FastImport(proc)
    kinds = list(HIST_KIND_WEIGHTS)
    weights = [HIST_KIND_WEIGHTS[k] for k in kinds]
    files: dict[str, tuple[str, list[str]]] = {}  # editable files: path -> (kind, lines)

    def size() -> int:
        return int(min(6000, max(150, rng.lognormvariate(0, 0.6) * 900)))

    def new_file() -> tuple[str, bytes]:
        fk = rng.choices(kinds, weights)[0]
        p = paths.fresh(fk)
        lines = gen.file_lines(fk, p, size())
        files[p] = (fk, lines)
        return p, text_of(lines).encode()

    def edit(p: str) -> bytes:
        """Add a top-level block; sometimes (always once the file is large) remove one."""
        fk, lines = files[p]
        tops = top_level(fk, lines)
        if len(tops) > 2 and (rng.random() < 0.4 or sum(map(len, lines)) > 5000):
            k = rng.randrange(len(tops) - 1)
            if tops[k + 1] - tops[k] < 60:
                del lines[tops[k]:tops[k + 1]]
        at = insertion_point(fk, lines, rng)
        lines[at:at] = gen.blocks(fk, p, 1)
        return text_of(lines).encode()

    secret_at = sorted(rng.sample(range(1, n_commits - 1), n_secrets))
    secret_kinds = [Creds.KINDS[i % len(Creds.KINDS)] for i in range(n_secrets)]
    rng.shuffle(secret_kinds)
    pending_delete: dict[int, list[str]] = {}
    planted: list[Planted] = []
    editable: list[str] = []
    when = EPOCH
    si = 0
    for c in range(n_commits):
        when += rng.randrange(60, 7200)
        ops: list[tuple[str, str, bytes | None]] = []
        if c == 0:
            for _ in range(400):
                p, b = new_file()
                ops.append(("M", p, b))
                editable.append(p)
            fi.commit(when, AUTHORS[0], "Initial import", ops)
            continue
        author = rng.choice(AUTHORS)
        if si < len(secret_at) and secret_at[si] == c:
            kind = secret_kinds[si]
            si += 1
            fk = rng.choice(PLACES[kind])
            p = paths.fresh(fk)
            while "/fixtures/" in p:
                p = paths.fresh(fk)
            lines = gen.file_lines(fk, p, size())
            snip = snippet(creds, kind, fk, rng)
            block, off = wrap(fk, snip, kind)
            at = insertion_point(fk, lines, rng)
            lines[at:at] = block
            ops.append(("M", p, text_of(lines).encode()))
            pl = Planted(p, at + off + 1, at + off + len(snip), kind, fk)
            if rng.random() < 0.5:
                pl.deleted = True
                pending_delete.setdefault(c + rng.randrange(1, 300), []).append(p)
            planted.append(pl)
            msg = f"Add {kind if rng.random() < 0.3 else 'settings'} for {rng.choice(SERVICES)}"
        else:
            verb, noun = gen.ident()
            msg = f"{verb.capitalize()} {noun} {rng.choice(ADJ)} handling"
            if rng.random() < 0.35:
                for _ in range(rng.randrange(1, 3)):
                    p, b = new_file()
                    ops.append(("M", p, b))
                    editable.append(p)
            for p in rng.sample(editable, min(len(editable), rng.randrange(1, 4))):
                if any(o[1] == p for o in ops):
                    continue
                ops.append(("M", p, edit(p)))
            if rng.random() < 0.02 and len(editable) > 500:
                p = editable.pop(rng.randrange(len(editable)))
                del files[p]
                if not any(o[1] == p for o in ops):
                    ops.append(("D", p, None))
        for p in pending_delete.pop(c, []):
            ops.append(("D", p, None))
        fi.commit(when, author, msg, ops)
    for ps in pending_delete.values():  # past the end: delete in one last commit
        ops = [("D", p, None) for p in ps]
        if ops:
            when += 60
            fi.commit(when, AUTHORS[1], "Remove leftovers", ops)
            n_commits += 1
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("bench: git fast-import failed")
    out = subprocess.run([git, "rev-list", "--count", "main"], cwd=repo, env=env, capture_output=True, text=True, check=True)
    head_files = len(subprocess.run([git, "ls-tree", "-r", "--name-only", "main"], cwd=repo, env=env,
                                    capture_output=True, text=True, check=True).stdout.splitlines())
    return History(repo, int(out.stdout.strip()), fi.blob_bytes, fi.blobs, head_files, planted)


# --------------------------------------------------------------------------------------------
# Running and measuring
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Sample:
    wall: float
    cpu: float
    rss_kib: int | None
    rc: int


@dataclasses.dataclass
class Row:
    input: str
    tool: str
    what: str
    samples: list[Sample] = dataclasses.field(default_factory=list)
    warmup: int = 0
    found: int = 0
    planted: int = 0
    other: int = 0
    missed: dict[str, int] = dataclasses.field(default_factory=dict)
    note: str = ""
    error: str | None = None
    load: str = ""

    def med(self, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


GNU_TIME = Path("/usr/bin/time")


def run_once(cmd: list[str], cwd: Path, env: dict, stdout_to: Path | None, scratch: Path) -> Sample:
    """One whole process. Under GNU time when available, so the peak RSS is the tool's own (a
    child forked straight from this Python process would carry Python's resident set)."""
    tfile = scratch / "time.out"
    full = [str(GNU_TIME), "-f", "%M", "-o", str(tfile), *cmd] if GNU_TIME.exists() else cmd
    with open(stdout_to or os.devnull, "wb") as out, open(scratch / "stderr", "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    rss = None
    if GNU_TIME.exists():
        try:
            text = tfile.read_text().strip().splitlines()
            if text and text[0].startswith("Command exited with non-zero status"):
                rc = int(text[0].rsplit(" ", 1)[1])
            rss = int(text[-1])
        except (OSError, ValueError, IndexError):
            pass
    else:
        rss = ru.ru_maxrss
    return Sample(wall, ru.ru_utime + ru.ru_stime, rss, rc)


def measure(row: Row, cmd: list[str], cwd: Path, env: dict, ok_rcs: set[int], stdout_to: Path | None,
            scratch: Path, warmup: int, runs: int) -> None:
    row.load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    print(f"bench: {row.input}: {row.tool}: {' '.join(cmd)}", file=sys.stderr, flush=True)
    row.warmup = warmup
    for i in range(warmup + runs):
        s = run_once(cmd, cwd, env, stdout_to, scratch)
        if s.rc not in ok_rcs:
            err = (scratch / "stderr").read_text(errors="replace")[-600:]
            row.error = f"exit {s.rc}: {err.strip()}"
            row.samples = []
            print(f"  failed: {row.error}", file=sys.stderr)
            return
        tag = "warm-up" if i < warmup else f"run {i - warmup + 1}"
        print(f"  {tag}: {s.wall:.2f} s wall, {s.cpu:.2f} s CPU, {((s.rss_kib or 0) / 1024):.0f} MiB", file=sys.stderr, flush=True)
        if i >= warmup:
            row.samples.append(s)


def norm(path: str, prefix: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) + 1:]
    return path


def path_class(path: str) -> str:
    """Why a path may be treated specially: a dotfile, a test path or a docs path."""
    parts = path.split("/")
    name = parts[-1]
    if name.startswith("."):
        return "dotfile"
    if {"tests", "__tests__", "fixtures"} & set(parts) or name.startswith("test_") or ".test." in name or name.endswith("_test.go"):
        return "test path"
    if "docs" in parts or name.endswith(".md"):
        return "docs path"
    return ""


def score(row: Row, hits: set[tuple[str, int]], planted: list[Planted]) -> None:
    """Recall of the planted credentials, the misses by file kind, and the hits outside them."""
    by_path: dict[str, list[Planted]] = {}
    for p in planted:
        by_path.setdefault(p.path, []).append(p)
    covered: set[tuple[str, int]] = set()
    found = 0
    for p in planted:
        lines = {(p.path, n) for n in range(p.first, p.last + 1)}
        covered |= lines
        if lines & hits:
            found += 1
        else:
            key = f"{p.kind} in {p.where}" + (f" ({path_class(p.path)})" if path_class(p.path) else "")
            row.missed[key] = row.missed.get(key, 0) + 1
    row.found, row.planted = found, len(planted)
    row.other = len(hits - covered)


def hits_idgate(report: Path, prefix: str) -> set[tuple[str, int]]:
    d = json.loads(report.read_text())
    if "findings" in d:  # idgate scan: one list
        found = d["findings"]
    else:  # idgate history: findings per commit
        found = [f for c in d["commits"] for f in c.get("findings", [])]
    return {(norm(f["path"], prefix), int(f["line"])) for f in found if f.get("rule") == "IDG201"}


def hits_kingfisher(report: Path, prefix: str) -> set[tuple[str, int]]:
    text = report.read_text()
    try:
        d = json.loads(text)
        items = d["findings"] if isinstance(d, dict) else d
    except json.JSONDecodeError:  # JSON lines
        items = [json.loads(x) for x in text.splitlines() if x.strip().startswith("{")]
    out = set()
    for it in items:
        f = it.get("finding", it)
        path = f.get("path") or (((f.get("git_metadata") or {}).get("file") or {}).get("path"))
        if path and f.get("line") is not None:
            out.add((norm(path, prefix), int(f["line"])))
    return out


def hits_detect_secrets(report: Path, prefix: str) -> set[tuple[str, int]]:
    d = json.loads(report.read_text())
    return {(norm(path, prefix), int(x["line_number"])) for path, xs in d.get("results", {}).items() for x in xs}


# --------------------------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------------------------

def cargo_target_dir() -> Path:
    out = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True).stdout
    return Path(json.loads(out)["target_directory"])


def build_idgate() -> Path:
    print("bench: cargo build --release -p idgate", file=sys.stderr)
    if subprocess.run(["cargo", "build", "--release", "-p", "idgate"], cwd=REPO_ROOT).returncode != 0:
        raise SystemExit("bench: idgate does not build; nothing to measure")
    exe = cargo_target_dir() / "release" / "idgate"
    if not exe.exists():
        raise SystemExit(f"bench: built, but {exe} is missing")
    return exe


def ensure_peers(venv: Path, install: bool) -> dict[str, str | None]:
    """The peers' executables. kingfisher's console script is a Python shim that spawns the
    binary bundled in the wheel; the bench runs that binary directly, so no Python start-up
    is counted against it."""
    def locate() -> dict[str, str | None]:
        kf = sorted(glob.glob(str(venv / "lib" / "python3*" / "site-packages" / "kingfisher" / "bin" / "kingfisher")))
        ds = venv / "bin" / "detect-secrets"
        return {"kingfisher": kf[0] if kf else None, "detect-secrets": str(ds) if ds.exists() else None}

    found = locate()
    if all(found.values()) or not install:
        return found
    print(f"bench: installing peers into {venv}", file=sys.stderr)
    if not (venv / "bin" / "pip").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)])
    for pkg in PEER_PACKAGES:
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", pkg])
    return locate()


def version_of(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        lines = (p.stdout or p.stderr).decode(errors="replace").strip().splitlines()
        return lines[0].strip() if lines else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def machine() -> dict[str, str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return {"nproc": nproc, "cpu": cpu, "mem": mem, "kernel": platform.release(), "python": platform.python_version()}


def workspace_revision(git: str) -> str:
    rev = subprocess.run([git, "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([git, "-C", str(REPO_ROOT), "status", "--porcelain", "--", "crates", "Cargo.toml", "Cargo.lock"],
                           capture_output=True, text=True).stdout.strip()
    return f"workspace {rev or '?'}" + (" with uncommitted changes" if dirty else "")


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"})
    return env


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def class_counts(planted: list[Planted]) -> str:
    n = {c: sum(path_class(p.path) == c for p in planted) for c in ("dotfile", "test path", "docs path")}
    return (f"Where the planted credentials sit: `.env*` dotfiles {n['dotfile']}, test paths {n['test path']}, "
            f"docs paths (Markdown or `docs/`) {n['docs path']}, elsewhere {len(planted) - sum(n.values())}.")


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


WHAT_DIFFERS = (
    "**What differs between the tools.** The three do not read the same bytes. `idgate scan DIR` walks "
    "directories honouring `.gitignore` and `.ignore` (even outside a repository) and reads dotfiles such as "
    "`.env*` and `.github/`, but never `.git`; a file named on the command line is always read. It reports a "
    "credential in a test or docs path as a note, and `idgate history` keeps those notes too (they count for "
    "recall here, they never count towards a verdict). idgate checks more than it reports: GitHub "
    "tokens must carry a valid CRC32, PEM bodies must be long, high-entropy base64, placeholders are dropped. "
    "kingfisher (`--no-validate`; Vectorscan-compiled rules) reads dotfiles, reports the AWS key id with its "
    "secret as one finding, scans each unique git blob once rather than each commit's diff, and on a checkout "
    "also scans the working tree. detect-secrets is pure Python: line-by-line regexes plus entropy plugins, so "
    "besides the planted credentials it reports every high-entropy hex or base64 string (fixture checksums, "
    "`package-lock.json` integrity hashes, AWS's documented `AKIA…EXAMPLE` key), and it has no history mode. "
    "`idgate scan` also runs its other state rules, not only IDG201, and its JSON report lists every scanned file. "
    "`idgate history` reuses one blob cache per worker for its tree diffs, so a repository without an index "
    "file (bare, mirror) is about as fast per commit as a checkout: see the bare-repository probe above."
)


def table(rows: list[Row], sizes: dict[str, int]) -> str:
    out = ["| Input | Tool | Command | Runs | Median s | Min–max s | CPU s (median) | CPU/wall | MB/s | Peak RSS MiB | Planted found | Other findings |",
           "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if r.error or not r.samples:
            out.append(f"| {r.input} | {r.tool} | {r.what} | — | — | — | — | — | — | — | — | {r.error or r.note} |")
            continue
        walls = [s.wall for s in r.samples]
        med, cpu = r.med("wall"), r.med("cpu")
        rss = max((s.rss_kib or 0) for s in r.samples) / 1024
        rate = sizes[r.input] / 1e6 / med
        out.append(f"| {r.input} | {r.tool} | {r.what} | {r.warmup}+{len(r.samples)} | **{med:.2f}** | {min(walls):.2f}–{max(walls):.2f} | {cpu:.2f} | "
                   f"{cpu / med:.2f} | **{rate:.1f}** | {rss:,.0f} | {r.found}/{r.planted} ({100 * r.found / max(1, r.planted):.0f}%) | {r.other:,} |")
    return "\n".join(out)


def misses(rows: list[Row]) -> str:
    out = []
    for r in rows:
        if r.samples and r.missed:
            parts = ", ".join(f"{k} ×{v}" for k, v in sorted(r.missed.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(f"- {r.input}, {r.tool}: missed {parts}")
    return "\n".join(out) or "- every tool found every planted credential"


def write_readme(body: str) -> None:
    text = README.read_text()
    i = text.find("\n" + SECTION + "\n")
    if i >= 0:
        j = text.find("\n## ", i + 1)
        text = text[:i] + (text[j:] if j >= 0 else "")
    README.write_text(text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--idgate", help="measure this idgate binary instead of building one")
    ap.add_argument("--workdir", help="keep the inputs and reports in DIR (default: a temporary directory)")
    ap.add_argument("--scale", type=float, default=1.0, help="scale the tree (bytes, files, credentials) and the history (commits, credentials)")
    ap.add_argument("--tree-mb", type=float, help="tree size in MB (default 100 × scale)")
    ap.add_argument("--commits", type=int, help="commits in the history (default 20,000 × scale)")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--ds-warmup", type=int, default=0,
                    help="detect-secrets' warm-up runs over the tree (default 0: one run takes minutes)")
    ap.add_argument("--ds-runs", type=int, default=1, help="detect-secrets' timed runs over the tree (default 1)")
    ap.add_argument("--tools", default="idgate,kingfisher,detect-secrets", help="comma-separated tools to run")
    ap.add_argument("--bare-probe", type=int, default=500, metavar="N",
                    help="also time idgate history over the last N commits of the bare repository and of the checkout (0: skip)")
    ap.add_argument("--no-history", action="store_true")
    ap.add_argument("--history-repo", metavar="REPO",
                    help="time the history scans on this repository (a path or URL git can clone) instead of a generated one")
    ap.add_argument("--no-tree", action="store_true")
    ap.add_argument("--no-install", action="store_true", help="do not install missing peers")
    ap.add_argument("--write-readme", action="store_true", help=f'append or replace the "{SECTION}" section at the end of bench/README.md')
    args = ap.parse_args()

    started = time.perf_counter()
    tools = set(args.tools.split(","))
    ds_warmup, ds_runs = args.ds_warmup, args.ds_runs
    git = shutil.which("git") or "git"
    genv = git_env()
    exe = Path(args.idgate).resolve() if args.idgate else build_idgate()
    peers = ensure_peers(BENCH_DIR / ".venv", not args.no_install)
    work = Path(args.workdir).resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="idgate-secrets-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    scratch = work / "scratch"
    scratch.mkdir(exist_ok=True)
    # Time a private copy: a rebuild of the workspace during the run must not change the binary.
    idgate = work / "idgate"
    shutil.copy2(exe, idgate)
    env = dict(os.environ, NO_COLOR="1")
    def bare(name: str, v: str) -> str:  # "kingfisher 2.14.0" -> "2.14.0"
        return v.split(name, 1)[1].strip() if v.lower().startswith(name) else v

    versions = {"idgate": bare("idgate", version_of([str(idgate), "--version"]))
                + f" ({workspace_revision(git)}, built {dt.datetime.fromtimestamp(exe.stat().st_mtime):%Y-%m-%d %H:%M})",
                "git": bare("git version", version_of([git, "--version"]))}
    for k, v in peers.items():
        versions[k] = bare(k, version_of([v, "--version"])) if v else "not installed"
    rows: list[Row] = []
    sizes: dict[str, int] = {}
    notes: list[str] = []

    tree_bytes = int((args.tree_mb * 1e6) if args.tree_mb else TREE_BYTES * args.scale)
    tree_files = max(200, int(TREE_FILES * (tree_bytes / TREE_BYTES)))
    tree_secrets = max(10, int(TREE_SECRETS * (tree_bytes / TREE_BYTES)))
    commits = args.commits or max(200, int(HIST_COMMITS * args.scale))
    hist_secrets = max(10, int(HIST_SECRETS * commits / HIST_COMMITS))

    if not args.no_tree:
        t0 = time.perf_counter()
        root = work / "tree"
        if root.exists():
            shutil.rmtree(root)
        tree = generate_tree(root, tree_bytes, tree_files, tree_secrets, SEED)
        label = "tree"
        sizes[label] = tree.bytes
        print(f"bench: tree: {tree.files:,} files, {mb(tree.bytes)}, {len(tree.planted)} credentials "
              f"({time.perf_counter() - t0:.0f} s to generate)", file=sys.stderr)
        notes.append(f"**Tree**: {tree.files:,} files, {mb(tree.bytes)} ({tree.bytes:,} bytes; "
                     + ", ".join(f"{k} {mb(v)}" for k, v in sorted(tree.by_kind.items(), key=lambda kv: -kv[1]))
                     + f"), {len(tree.planted)} planted credentials ("
                     + ", ".join(f"{k} {sum(p.kind == k for p in tree.planted)}" for k in Creds.KINDS)
                     + f"); {tree.hidden_files} of the files ({mb(tree.hidden_bytes)}) are `.env*` dotfiles. "
                     + class_counts(tree.planted))
        # idgate
        out = scratch / "idgate-scan.json"
        row = Row(label, "idgate", "`idgate scan TREE --format json --output F --quiet`")
        if "idgate" in tools:
            measure(row, [str(idgate), "scan", "tree", "--format", "json", "--output", str(out), "--quiet"], work, env, {0, 1}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_idgate(out, "tree"), tree.planted)
            rows.append(row)
            # The same scan with only the secret scanner (what the peers do).
            out = scratch / "idgate-scan-secrets.json"
            row = Row(label, "idgate (secrets only)",
                      "`idgate scan TREE --select hardcoded-secret --format json --output F --quiet`")
            measure(row, [str(idgate), "scan", "tree", "--select", "hardcoded-secret", "--format", "json",
                          "--output", str(out), "--quiet"], work, env, {0, 1}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_idgate(out, "tree"), tree.planted)
            rows.append(row)
        # kingfisher
        if "kingfisher" not in tools:
            pass
        elif peers["kingfisher"]:
            out = scratch / "kingfisher-tree.json"
            row = Row(label, "kingfisher", "`kingfisher scan TREE --no-validate --git-history none --format json`")
            measure(row, [peers["kingfisher"], "scan", "tree", "--no-validate", "--git-history", "none", "--format", "json",
                          "--output", str(out), "--no-update-check"], work, env, {0, 200, 205}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_kingfisher(out, "tree"), tree.planted)
            rows.append(row)
        else:
            rows.append(Row(label, "kingfisher", "—", error="not installed"))
        # detect-secrets
        if "detect-secrets" not in tools:
            pass
        elif peers["detect-secrets"]:
            out = scratch / "detect-secrets-tree.json"
            row = Row(label, "detect-secrets", "`detect-secrets scan TREE --all-files > F`")
            measure(row, [peers["detect-secrets"], "scan", "tree", "--all-files"], work, env, {0}, out, scratch,
                    ds_warmup, ds_runs)
            if row.samples:
                score(row, hits_detect_secrets(out, "tree"), tree.planted)
            rows.append(row)
        else:
            rows.append(Row(label, "detect-secrets", "—", error="not installed"))

    if not args.no_history:
        t0 = time.perf_counter()
        repo = work / "history.git"
        if repo.exists():
            shutil.rmtree(repo)
        if args.history_repo:
            # A repository the user points at (a local clone, or any URL git can fetch): cloned
            # bare, then measured like the generated one. Nothing is planted, so no recall.
            subprocess.run([git, "clone", "--quiet", "--bare", args.history_repo, str(repo)], check=True, env=genv)
            hist = existing_history(repo, git, genv)
        else:
            hist = generate_history(repo, commits, hist_secrets, SEED + 100, git, genv)
        label = "history"
        sizes[label] = hist.blob_bytes
        print(f"bench: history: {hist.commits:,} commits, {hist.blobs:,} blobs written, {mb(hist.blob_bytes)}, "
              f"{len(hist.planted)} credentials ({time.perf_counter() - t0:.0f} s to generate)", file=sys.stderr)
        head = subprocess.run([git, "rev-parse", "--short=12", "HEAD"], cwd=repo, env=genv, capture_output=True, text=True).stdout.strip()
        pack = sum(f.stat().st_size for f in (repo / "objects").rglob("*") if f.is_file())
        # The tools run on an ordinary clone (a work tree and an index, as in CI); the bare
        # repository written by fast-import is kept for the bare-repository probe below.
        checkout = work / "history"
        if checkout.exists():
            shutil.rmtree(checkout)
        subprocess.run([git, "clone", "--quiet", str(repo), str(checkout)], check=True, env=genv)
        if args.history_repo:
            notes.append(f"**History**: `{args.history_repo}`, cloned into an ordinary checkout R (head `{head}`): "
                         f"{hist.commits:,} commits, {hist.blobs:,} blobs totalling {mb(hist.blob_bytes)} "
                         f"({hist.blob_bytes:,} bytes; the pack is {mb(pack)}), {hist.head_files:,} files at head. "
                         "Nothing is planted in it, so the tools' findings are counted but not scored.")
        else:
            notes.append(f"**History**: {hist.commits:,} commits written with `git fast-import` into a bare repository "
                         f"and cloned into an ordinary checkout R (head `{head}`); {hist.blobs:,} blobs written totalling "
                         f"{mb(hist.blob_bytes)} ({hist.blob_bytes:,} bytes; the pack is {mb(pack)}), {hist.head_files:,} "
                         f"files at head, {len(hist.planted)} planted credentials, {sum(p.deleted for p in hist.planted)} of "
                         "them in files deleted by a later commit (absent from head). " + class_counts(hist.planted))
        out = scratch / "idgate-history.json"
        row = Row(label, "idgate", "`idgate history --repo R --format json -o F -q`")
        if "idgate" in tools:
            measure(row, [str(idgate), "history", "--repo", "history", "--format", "json", "-o", str(out), "-q"], work, env, {0, 1}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_idgate(out, "history"), hist.planted)
            rows.append(row)
            # The same audit with only the secret scanner (what the peers do).
            out = scratch / "idgate-history-secrets.json"
            row = Row(label, "idgate (secrets only)",
                      "`idgate history --repo R --select hardcoded-secret --format json -o F -q`")
            measure(row, [str(idgate), "history", "--repo", "history", "--select", "hardcoded-secret", "--format", "json",
                          "-o", str(out), "-q"], work, env, {0, 1}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_idgate(out, "history"), hist.planted)
            rows.append(row)
        if "kingfisher" in tools and peers["kingfisher"]:
            out = scratch / "kingfisher-history.json"
            row = Row(label, "kingfisher", "`kingfisher scan R --no-validate --format json` (full git history)")
            measure(row, [peers["kingfisher"], "scan", "history", "--no-validate", "--format", "json", "--output", str(out),
                          "--no-update-check"], work, env, {0, 200, 205}, None, scratch, args.warmup, args.runs)
            if row.samples:
                score(row, hits_kingfisher(out, "history"), hist.planted)
                try:
                    s = json.loads(out.read_text())["metadata"]["summary"]
                    notes.append(f"kingfisher's own count for the history: {s.get('blobs_scanned', '?'):,} blobs, "
                                 f"{mb(int(s.get('bytes_scanned', 0)))} scanned.")
                except (KeyError, ValueError, TypeError):
                    pass
            rows.append(row)
        rows.append(Row(label, "detect-secrets", "—", note="no history mode (it scans files or a git index, not commits)"))
        if "idgate" in tools and args.bare_probe and not args.history_repo:
            # The same commits through idgate on the bare repository and on the checkout.
            n = min(args.bare_probe, hist.commits - 1)
            probe = {}
            for name, target in (("checkout", "history"), ("bare", str(repo))):
                s = run_once([str(idgate), "history", "--repo", target, "--since", f"main~{n}", "--format", "json",
                              "-o", str(scratch / f"probe-{name}.json"), "-q"], work, env, None, scratch)
                probe[name] = s
                print(f"bench: probe: idgate history --since main~{n} on the {name}: {s.wall:.2f} s", file=sys.stderr)
            c, b = probe["checkout"], probe["bare"]
            notes.append(f"**Bare repository probe**: `idgate history --since main~{n}` (the last {n} commits, one run each) took "
                         f"{c.wall:.2f} s on the checkout ({1000 * c.wall / n:.1f} ms a commit) and {b.wall:.2f} s on the bare "
                         f"repository ({1000 * b.wall / n:.1f} ms a commit, {b.wall / max(c.wall, 1e-9):.0f}× slower); "
                         f"peak RSS {(c.rss_kib or 0) / 1024:.0f} and {(b.rss_kib or 0) / 1024:.0f} MiB.")

    m = machine()
    when = dt.datetime.now().astimezone()
    tbl = table(rows, sizes)
    print()
    print(tbl)
    print()
    print(misses(rows))
    print()
    for n in notes:
        print(n)
    print(f"\ntotal bench time {time.perf_counter() - started:.0f} s; work dir {work}", file=sys.stderr)

    if args.write_readme:
        loads = "; ".join(f"{r.input}/{r.tool} {r.load}" for r in rows if r.load)
        body = "\n".join([
            SECTION, "",
            "How fast idgate's secret detection (rule IDG201) reads a large tree and a long history, next to "
            "kingfisher and detect-secrets, and how many planted synthetic credentials each reports. "
            "Run by hand (about 5 minutes on 2 idle cores, 4 of them detect-secrets' one run):", "",
            "```sh", "python3 bench/secrets_bench.py --write-readme",
            "python3 bench/secrets_bench.py --no-tree --history-repo PATH_OR_URL   # any repository's history", "```", "",
            "The *secrets only* rows run idgate with `--select hardcoded-secret`: the same work as the peers (secrets "
            "and nothing else). The plain idgate rows also run every state and weakening rule in nine languages, "
            "which is what `idgate scan` and `idgate history` do by default. With `--history-repo` nothing is "
            "planted, so findings are counted, not scored (for idgate's own repository, 196 commits and 22 MB of "
            "blobs: secrets-only idgate 0.33 s, kingfisher 1.22 s).", "",
            "The script builds idgate (`cargo build --release -p idgate`, or `--idgate PATH`) and times a copy of the "
            "binary, installs the peers into `bench/.venv` if missing (`kingfisher-bin==2.14.0`, `detect-secrets==1.5.0`; "
            "kingfisher's bundled binary is run directly, not its Python shim), and generates both inputs from a fixed "
            "seed in a temporary directory (`--workdir DIR` keeps them). The *Runs* column is warm-up + timed runs; the "
            "median is shown. detect-secrets gets a single run over the tree (`--ds-runs`, `--ds-warmup`): at well "
            "under 1 MB/s one run takes minutes, and four would take the bench past 15 minutes. Every credential is "
            "random text in a provider's public format (AWS key id + 40-character secret on the next line, GitHub "
            "`ghp_` tokens with a valid CRC32 checksum, Slack `xoxb-` bot tokens, Stripe `sk_live_` keys, PEM "
            "RSA/PKCS#8/EC private keys), never a real one. A planted credential counts as found when the tool reports "
            "anything on one of its lines; *other findings* are distinct (path, line) pairs that match no planted "
            "credential (for idgate, IDG201 findings only). MB/s is the input's bytes (10⁶; for the history, the bytes "
            "of every blob written) over the median wall time; CPU is user + system time (`wait4`), and CPU/wall above "
            "1 means more than one core was busy; peak RSS is GNU time's maximum resident set over the timed runs (for "
            "detect-secrets, which forks worker processes, that of its largest process, not their sum).", "",
            f"Measured {when:%Y-%m-%d %H:%M %Z} on {m['nproc']} CPUs ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}, "
            f"Python {m['python']}. Load average when each row started: {loads}.", "",
            *[f"{n}" + "\n" for n in notes],
            tbl, "",
            "Credentials not found:", "",
            misses(rows), "",
            WHAT_DIFFERS, "",
            "Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        ])
        write_readme(body)
        print(f"bench: wrote the \"{SECTION}\" section of {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
