"""Source-tree generator for bench/scan_bench.py: ordinary application code in nine languages
(Python, JavaScript, TypeScript/TSX, Go, Java, Rust, C#, Ruby, PHP) with identity code sprinkled
in, deterministic from a seed. Every line is written here from templates; nothing is copied from
third-party code.

The tree is a sequence of projects (one language each, about 60 files: models, utilities,
handlers, tests and, in some, identity code). File i depends only on the seed and i, so the
first k files of a 200 MB tree are exactly a 50 MB tree: smaller trees are prefixes of larger
ones.

Identity snippets are labelled: each records its lines, what it is (`kind`), whether it is
weak (verification or TLS checking off, a hard-coded credential) and which idgate rule should
report it as an error (IDG101, IDG102, IDG201) or `None` when idgate has no error rule for it
(then only an IDG001 note on the file is expected).
"""

from __future__ import annotations

import dataclasses
import random

import secrets_bench as sb
from secrets_bench import ADJ, NOUNS, SERVICES, VERBS, camel, pascal, snake

# Share of the bytes per language (TypeScript includes TSX).
LANG_WEIGHTS = {"py": 20, "js": 10, "ts": 13, "go": 14, "java": 13, "rs": 8, "cs": 8, "rb": 7, "php": 7}
FILES_PER_PROJECT = 60
IDENTITY_SHARE = 0.04  # of a project's files, in the projects that have identity code
IDENTITY_PROJECTS = 0.6
SECRET_SHARE = 0.15  # of identity files also carry one hard-coded synthetic credential
MEAN_FILE_BYTES = 8000


@dataclasses.dataclass
class Snippet:
    path: str
    first: int  # 1-based, inclusive
    last: int
    lang: str
    kind: str  # e.g. "jwt-off", "tls-off", "jwt-ok", "cookie", "secret"
    weak: bool  # a real weakness (verification off, hard-coded credential)
    idgate: str | None  # the idgate rule that should report it as an error, if any


@dataclasses.dataclass
class GenFile:
    index: int
    path: str
    lang: str
    role: str  # model, util, handler, test, identity
    data: bytes
    snippets: list[Snippet]


# --------------------------------------------------------------------------------------------
# Ordinary code
# --------------------------------------------------------------------------------------------

TYPES = {
    "java": ["String", "long", "int", "boolean", "BigDecimal", "Instant", "List<String>"],
    "cs": ["string", "long", "int", "bool", "decimal", "DateTime", "List<string>"],
    "rs": ["String", "u64", "i32", "bool", "f64", "Vec<String>", "Option<String>"],
}


class Code:
    """Ordinary code per language. Java, Rust, C#, Ruby and PHP are written here; Python, JS/TS
    and Go reuse the statement generators of secrets_bench.Gen and add handlers and tests."""

    def __init__(self, rng: random.Random):
        self.r = rng
        self.g = sb.Gen(rng)

    def p(self, seq):
        return self.r.choice(seq)

    def words(self, n: int) -> str:
        return self.g.words(n)

    def field(self) -> str:
        return f"{self.p(NOUNS)}_{self.p(['id', 'name', 'count', 'total', 'status', 'at'])}"

    # --- Python ------------------------------------------------------------------------------
    def py(self, role: str, noun: str) -> tuple[list[str], callable]:
        g = self.g
        if role == "model":
            head = [f'"""{noun.capitalize()} model: {self.words(6)}."""', "", "from __future__ import annotations", "",
                    "import dataclasses", "import datetime", "import logging", "from decimal import Decimal", "",
                    "logger = logging.getLogger(__name__)", "", ""]
            return head, lambda: self.py_model(noun)
        if role == "handler":
            head = [f'"""HTTP views for {noun}s."""', "", "import logging", "",
                    "from flask import Blueprint, abort, jsonify, request", "",
                    f"from ..models.{noun} import {pascal(noun)}", f"from ..services import {noun}_service", "",
                    f'bp = Blueprint("{noun}s", __name__, url_prefix="/{noun}s")',
                    "logger = logging.getLogger(__name__)", "", ""]
            return head, lambda: self.py_view(noun)
        if role == "test":
            head = [f'"""Tests for {noun}s."""', "", "import pytest", "", f"from app.models.{noun} import {pascal(noun)}",
                    f"from app.services import {noun}_service", "", ""]
            return head, lambda: self.py_test(noun)
        return g.py_head(""), g.py_block

    def py_model(self, noun: str) -> list[str]:
        cls = pascal(self.p(ADJ), noun) if self.r.random() < 0.6 else pascal(noun, self.p(NOUNS))
        fields = list(dict.fromkeys(self.field() for _ in range(self.r.randrange(3, 9))))
        lines = ["@dataclasses.dataclass", f"class {cls}:", f'    """{self.words(9).capitalize()}."""', "", "    id: int"]
        lines += [f"    {f}: {self.p(['str', 'int', 'Decimal', 'bool', 'datetime.datetime | None'])} = {self.p(['None', '0', 'False', repr('')])}"
                  for f in fields]
        for _ in range(self.r.randrange(1, 4)):
            verb = self.p(VERBS)
            lines += ["", f"    def {verb}_{self.p(NOUNS)}(self, {noun}, limit=100):"]
            lines += self.g.py_stmts([noun, "limit", "self.id"], "        ", self.r.randrange(2, 8))
            lines.append(f"        return self.{self.p(fields)}")
        return lines + ["", ""]

    def py_view(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        method = self.p(["GET", "GET", "POST", "PUT", "DELETE"])
        lines = [f'@bp.route("/<int:{noun}_id>/{verb}", methods=["{method}"])',
                 f"def {verb}_{noun}_{self.p(NOUNS)}({noun}_id):",
                 f'    """{self.words(7).capitalize()}."""',
                 "    payload = request.get_json(silent=True) or {}",
                 f"    {noun} = {noun}_service.get({noun}_id)",
                 f"    if {noun} is None:", "        abort(404)"]
        lines += self.g.py_stmts([noun, "payload"], "    ", self.r.randrange(2, 8))
        lines += [f'    logger.info("{verb} %s", {noun}_id)', f'    return jsonify({{"id": {noun}_id, "{self.p(NOUNS)}": {noun}.{self.field()}}})', "", ""]
        return lines

    def py_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        n = self.r.randrange(1, 500)
        return [f"def test_{verb}_{noun}_{self.p(ADJ)}():",
                f"    {noun} = {pascal(noun)}(id={n}, {self.field()}={self.r.randrange(100)})",
                f"    result = {noun}_service.{verb}({noun})",
                "    assert result is not None",
                f"    assert result.id == {n}",
                "", "",
                f'@pytest.mark.parametrize("value", [{self.r.randrange(9)}, {self.r.randrange(9, 99)}, {self.r.randrange(99, 999)}])',
                f"def test_{verb}_{noun}_limits(value):",
                f"    with pytest.raises(ValueError):",
                f"        {noun}_service.{self.p(VERBS)}(None, limit=-value)", "", ""]

    # --- JavaScript / TypeScript -------------------------------------------------------------
    def js(self, role: str, noun: str, ts: bool, tsx: bool = False) -> tuple[list[str], callable]:
        g = self.g
        if tsx:
            head = ["import React, { useEffect, useState } from 'react';", f"import {{ fetch{pascal(noun)}s }} from '../api/{noun}s';",
                    f"import type {{ {pascal(noun)} }} from '../models/{noun}';", ""]
            return head, lambda: self.tsx_component(noun)
        if role == "handler":
            if ts:
                head = ["import { Router, Request, Response } from 'express';", f"import {{ {noun}Service }} from '../services/{noun}Service';",
                        "import logger from '../lib/logger';", "", "export const router = Router();", ""]
            else:
                head = ["'use strict';", "", "const express = require('express');", f"const {noun}s = require('../models/{noun}');",
                        "const logger = require('../lib/logger');", "", "const router = express.Router();", ""]
            return head, lambda: self.js_route(noun, ts)
        if role == "test":
            head = ([f"import {{ {noun}Service }} from '../services/{noun}Service';", ""] if ts else
                    [f"const {noun}s = require('../src/models/{noun}');", ""])
            return head, lambda: self.js_test(noun)
        return g.js_head(ts), lambda: g.js_block(ts)

    def js_route(self, noun: str, ts: bool) -> list[str]:
        verb = self.p(VERBS)
        m = self.p(["get", "get", "post", "put", "delete"])
        sig = "async (req: Request, res: Response)" if ts else "async (req, res)"
        svc = f"{noun}Service" if ts else f"{noun}s"
        lines = [f"router.{m}('/{noun}s/:id/{verb}', {sig} => {{", f"  const {noun} = await {svc}.findById(req.params.id);",
                 f"  if (!{noun}) {{", "    return res.status(404).json({ error: 'not found' });", "  }"]
        lines += self.g.js_stmts([noun, "req.body"], "  ", self.r.randrange(2, 7), ts)
        lines += [f"  logger.info('{verb} {noun}', {{ id: req.params.id }});", f"  return res.json({{ id: {noun}.id, {self.p(NOUNS)}: {noun}.{camel(self.p(NOUNS), 'id')} }});", "});", ""]
        return lines

    def js_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        n = self.r.randrange(1, 900)
        return [f"describe('{verb} {noun}', () => {{", f"  it('{self.words(5)}', async () => {{",
                f"    const result = await {noun}Service.{verb}({{ id: {n}, {self.p(NOUNS)}: '{self.p(ADJ)}' }});",
                f"    expect(result.id).toBe({n});", f"    expect(result.{self.p(NOUNS)}).toBeDefined();", "  });", "});", ""]

    def tsx_component(self, noun: str) -> list[str]:
        name = pascal(self.p(ADJ), noun, self.p(["list", "panel", "card", "table", "summary"]))
        f1, f2 = camel(self.p(NOUNS), "name"), camel(self.p(NOUNS), "count")
        return [f"export function {name}({{ {noun}Id }}: {{ {noun}Id: string }}) {{",
                f"  const [items, setItems] = useState<{pascal(noun)}[]>([]);",
                "  const [loading, setLoading] = useState(true);", "",
                "  useEffect(() => {",
                f"    fetch{pascal(noun)}s({noun}Id).then((rows) => {{", "      setItems(rows);", "      setLoading(false);", "    });",
                f"  }}, [{noun}Id]);", "",
                "  if (loading) {", f"    return <p className=\"muted\">{self.words(3)}</p>;", "  }",
                "  return (", f"    <ul className=\"{noun}-list\">",
                "      {items.map((item) => (",
                f"        <li key={{item.id}}>", f"          <strong>{{item.{f1}}}</strong> {{item.{f2}}}", "        </li>",
                "      ))}", "    </ul>", "  );", "}", ""]

    # --- Go ----------------------------------------------------------------------------------
    def go(self, role: str, noun: str, pkg: str) -> tuple[list[str], callable]:
        g = self.g
        if role == "handler":
            head = [f"package {pkg}", "", "import (", '\t"encoding/json"', '\t"log"', '\t"net/http"', ")", ""]
            return head, lambda: self.go_handler(noun)
        if role == "test":
            head = [f"package {pkg}", "", "import (", '\t"context"', '\t"testing"', ")", ""]
            return head, lambda: self.go_test(noun)
        return g.go_head(pkg), g.go_block

    def go_handler(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        name = pascal(verb, noun, "handler")
        return [f"// {name} serves {self.words(5)}.", f"func {name}(store {pascal(noun)}Store) http.HandlerFunc {{",
                "\treturn func(w http.ResponseWriter, r *http.Request) {", '\t\tid := r.URL.Query().Get("id")',
                f"\t\t{noun}, err := store.Get(r.Context(), id)", "\t\tif err != nil {",
                f'\t\t\tlog.Printf("{verb} {noun} %s: %v", id, err)', "\t\t\thttp.Error(w, \"not found\", http.StatusNotFound)",
                "\t\t\treturn", "\t\t}", '\t\tw.Header().Set("Content-Type", "application/json")',
                f"\t\t_ = json.NewEncoder(w).Encode({noun})", "\t}", "}", ""]

    def go_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return [f"func Test{pascal(verb, noun, self.p(ADJ))}(t *testing.T) {{", "\tctx := context.Background()",
                f"\tgot, err := {pascal(verb, noun)}(ctx, &{pascal(noun)}{{}})", "\tif err != nil {",
                f'\t\tt.Fatalf("{verb}: %v", err)', "\t}", "\tif got == nil {", f'\t\tt.Errorf("{self.words(4)}")', "\t}", "}", ""]

    # --- Java --------------------------------------------------------------------------------
    def java(self, role: str, noun: str, pkg: str) -> tuple[list[str], callable, list[str]]:
        cls = pascal(noun) + {"model": "", "util": "Service", "handler": "Controller", "test": "ServiceTest"}[role]
        imports = ["java.math.BigDecimal", "java.time.Instant", "java.util.ArrayList", "java.util.List",
                   "java.util.Optional", "org.slf4j.Logger", "org.slf4j.LoggerFactory"]
        ann = []
        if role == "handler":
            imports += ["org.springframework.http.ResponseEntity", "org.springframework.web.bind.annotation.*"]
            ann = ["@RestController", f'@RequestMapping("/api/{noun}s")']
        elif role == "test":
            imports += ["org.junit.jupiter.api.Test", "static org.junit.jupiter.api.Assertions.*"]
        elif role == "util":
            imports += ["org.springframework.stereotype.Service"]
            ann = ["@Service"]
        head = [f"package {pkg};", ""] + [f"import {i};" for i in imports] + ["", f"/** {self.words(8).capitalize()}. */", *ann,
                                                                             f"public class {cls} {{",
                                                                             f"    private static final Logger log = LoggerFactory.getLogger({cls}.class);", ""]
        if role == "model":
            fields = list(dict.fromkeys(camel(*self.field().split("_")) for _ in range(self.r.randrange(3, 8))))
            for f in fields:
                head.append(f"    private {self.p(TYPES['java'])} {f};")
            head.append("")
        block = {"model": lambda: self.java_method(noun), "util": lambda: self.java_method(noun),
                 "handler": lambda: self.java_endpoint(noun), "test": lambda: self.java_test(noun)}[role]
        return head, block, ["}"]

    def java_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), camel(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(7)
            if k == 0:
                out.append(f"{ind}var {w} = {camel(self.p(VERBS), self.p(NOUNS))}({v});")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if ({v} == null) {{", f"{ind}    return {self.p(['null', 'List.of()', 'Optional.empty()'])};", f"{ind}}}"]
            elif k == 2:
                out += [f"{ind}for (var item : {v}.get{pascal(self.p(NOUNS))}s()) {{", f"{ind}    log.debug(\"{self.words(3)} {{}}\", item);", f"{ind}}}"]
            elif k == 3:
                out.append(f"{ind}// {self.words(self.r.randrange(5, 12))}")
            elif k == 4:
                out.append(f"{ind}var {w} = new ArrayList<{pascal(self.p(NOUNS))}>({self.r.randrange(4, 64)});")
                vs.append(w)
            elif k == 5:
                out += [f"{ind}if ({v}.is{pascal(self.p(ADJ))}()) {{", f"{ind}    throw new IllegalStateException(\"{self.words(4)}\");", f"{ind}}}"]
            else:
                out.append(f"{ind}log.info(\"{self.words(4)}: {{}}\", {v});")
        return out

    def java_method(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        ret = self.p(["Object", "List<Object>", "Optional<Object>"])
        lines = [f"    /** {verb.capitalize()} the {noun} {self.words(4)}. */",
                 f"    public {ret} {camel(verb, noun)}({pascal(noun)} {noun}, int limit) {{"]
        lines += self.java_stmts([noun], "        ", self.r.randrange(2, 9))
        lines += [f"        return {self.p(['null', 'List.of()', 'Optional.empty()']) if ret != 'Object' else noun};", "    }", ""]
        return lines

    def java_endpoint(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        m = self.p(["GetMapping", "GetMapping", "PostMapping", "PutMapping"])
        lines = [f'    @{m}("/{{id}}/{verb}")', f"    public ResponseEntity<Object> {camel(verb, noun)}(@PathVariable long id) {{",
                 f"        var {noun} = service.find(id);", f"        if ({noun} == null) {{", "            return ResponseEntity.notFound().build();", "        }"]
        lines += self.java_stmts([noun], "        ", self.r.randrange(1, 6))
        lines += [f"        return ResponseEntity.ok({noun});", "    }", ""]
        return lines

    def java_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return ["    @Test", f"    void {camel(verb, noun, self.p(ADJ))}() {{", f"        var service = new {pascal(noun)}Service();",
                f"        var result = service.{camel(verb, noun)}(new {pascal(noun)}(), {self.r.randrange(1, 100)});",
                "        assertNotNull(result);", "    }", ""]

    # --- C# ----------------------------------------------------------------------------------
    def cs(self, role: str, noun: str, ns: str) -> tuple[list[str], callable, list[str]]:
        cls = pascal(noun) + {"model": "", "util": "Service", "handler": "Controller", "test": "Tests"}[role]
        usings = ["System", "System.Collections.Generic", "System.Linq", "System.Threading.Tasks", "Microsoft.Extensions.Logging"]
        ann = []
        base = ""
        if role == "handler":
            usings.append("Microsoft.AspNetCore.Mvc")
            ann = ["[ApiController]", f'[Route("api/{noun}s")]']
            base = " : ControllerBase"
        elif role == "test":
            usings.append("Xunit")
        head = [f"using {u};" for u in usings] + ["", f"namespace {ns};", "", f"/// <summary>{self.words(8).capitalize()}.</summary>",
                                                  *ann, f"public class {cls}{base}", "{"]
        if role == "model":
            head += [f"    public {self.p(TYPES['cs'])} {pascal(*self.field().split('_'))} {{ get; set; }}" for _ in range(self.r.randrange(3, 9))]
            head.append("")
        if role == "handler":
            head += [f"    private readonly {pascal(noun)}Service _service;", "",
                     f"    public {cls}({pascal(noun)}Service service) => _service = service;", ""]
        block = {"model": lambda: self.cs_method(noun), "util": lambda: self.cs_method(noun),
                 "handler": lambda: self.cs_endpoint(noun), "test": lambda: self.cs_test(noun)}[role]
        return head, block, ["}"]

    def cs_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), camel(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(6)
            if k == 0:
                out.append(f"{ind}var {w} = await {pascal(self.p(VERBS), self.p(NOUNS))}Async({v});")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if ({v} is null)", f"{ind}{{", f"{ind}    return null;", f"{ind}}}"]
            elif k == 2:
                out += [f"{ind}foreach (var item in {v}.{pascal(self.p(NOUNS))}s)", f"{ind}{{",
                        f"{ind}    _logger.LogDebug(\"{self.words(3)} {{Item}}\", item);", f"{ind}}}"]
            elif k == 3:
                out.append(f"{ind}// {self.words(self.r.randrange(5, 12))}")
            elif k == 4:
                out.append(f"{ind}var {w} = {v}.{pascal(self.p(NOUNS))}s.Where(x => x.{pascal(self.p(ADJ))}).ToList();")
                vs.append(w)
            else:
                out.append(f"{ind}_logger.LogInformation(\"{self.words(4)}: {{Value}}\", {v});")
        return out

    def cs_method(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        lines = [f"    /// <summary>{verb.capitalize()} the {noun} {self.words(4)}.</summary>",
                 f"    public async Task<object?> {pascal(verb, noun)}Async({pascal(noun)} {noun}, int limit = {self.r.randrange(10, 500)})", "    {"]
        lines += self.cs_stmts([noun], "        ", self.r.randrange(2, 9))
        lines += [f"        return {noun};", "    }", ""]
        return lines

    def cs_endpoint(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        m = self.p(["HttpGet", "HttpGet", "HttpPost", "HttpPut"])
        lines = [f'    [{m}("{{id}}/{verb}")]', f"    public async Task<IActionResult> {pascal(verb, noun)}(long id)", "    {",
                 f"        var {noun} = await _service.FindAsync(id);", f"        if ({noun} is null)", "        {", "            return NotFound();", "        }"]
        lines += [f"        return Ok({noun});", "    }", ""]
        return lines

    def cs_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return ["    [Fact]", f"    public async Task {pascal(verb, noun, self.p(ADJ))}()", "    {",
                f"        var service = new {pascal(noun)}Service();",
                f"        var result = await service.{pascal(verb, noun)}Async(new {pascal(noun)}());", "        Assert.NotNull(result);", "    }", ""]

    # --- Rust --------------------------------------------------------------------------------
    def rs(self, role: str, noun: str) -> tuple[list[str], callable, list[str]]:
        head = [f"//! {self.words(8).capitalize()}.", "", "use std::collections::HashMap;", "",
                "use serde::{Deserialize, Serialize};", "use tracing::{debug, info};", ""]
        if role == "handler":
            head += ["use axum::{extract::Path, http::StatusCode, Json};", ""]
            return head, lambda: self.rs_handler(noun), []
        if role == "test":
            head = [f"use app::{noun}::*;", ""]
            return head, lambda: self.rs_test(noun), []
        return head, lambda: self.rs_item(noun), []

    def rs_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), snake(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(6)
            if k == 0:
                out.append(f"{ind}let {w} = {snake(self.p(VERBS), self.p(NOUNS))}(&{v})?;")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if {v}.is_empty() {{", f"{ind}    return Ok(Default::default());", f"{ind}}}"]
            elif k == 2:
                out += [f"{ind}for item in {v}.iter() {{", f"{ind}    debug!(?item, \"{self.words(3)}\");", f"{ind}}}"]
            elif k == 3:
                out.append(f"{ind}// {self.words(self.r.randrange(5, 12))}")
            elif k == 4:
                out.append(f"{ind}let {w}: Vec<_> = {v}.iter().filter(|x| x.{self.p(ADJ)}).cloned().collect();")
                vs.append(w)
            else:
                out.append(f"{ind}info!(\"{self.words(4)}: {{:?}}\", {v});")
        return out

    def rs_item(self, noun: str) -> list[str]:
        k = self.r.randrange(3)
        if k == 0:
            name = pascal(self.p(ADJ), noun)
            lines = ["#[derive(Debug, Clone, Serialize, Deserialize)]", f"pub struct {name} {{", "    pub id: u64,"]
            lines += [f"    pub {self.field()}: {self.p(TYPES['rs'])}," for _ in range(self.r.randrange(2, 8))]
            return lines + ["}", ""]
        verb = self.p(VERBS)
        lines = [f"/// {verb.capitalize()} the {noun} {self.words(4)}.",
                 f"pub fn {snake(verb, noun)}({noun}: &[{pascal(noun)}], limit: usize) -> anyhow::Result<HashMap<u64, String>> {{"]
        lines += self.rs_stmts([noun], "    ", self.r.randrange(2, 9))
        lines += ["    Ok(HashMap::new())", "}", ""]
        return lines

    def rs_handler(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return [f"pub async fn {snake(verb, noun)}(Path(id): Path<u64>) -> Result<Json<{pascal(noun)}>, StatusCode> {{",
                f"    let {noun} = {noun}_store().get(id).await.map_err(|_| StatusCode::NOT_FOUND)?;",
                f"    info!(id, \"{verb} {noun}\");", f"    Ok(Json({noun}))", "}", ""]

    def rs_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return ["#[test]", f"fn {snake(verb, noun, self.p(ADJ))}() {{", f"    let out = {snake(verb, noun)}(&[], {self.r.randrange(1, 50)}).unwrap();",
                "    assert!(out.is_empty());", "}", ""]

    # --- Ruby --------------------------------------------------------------------------------
    def rb(self, role: str, noun: str) -> tuple[list[str], callable, list[str]]:
        if role == "handler":
            head = ["# frozen_string_literal: true", "", f"class {pascal(noun)}sController < ApplicationController",
                    f"  before_action :set_{noun}, only: %i[show update destroy]", "",
                    "  def index", f"    @{noun}s = {pascal(noun)}.order(created_at: :desc).limit(50)", f"    render json: @{noun}s", "  end", ""]
            return head, lambda: self.rb_action(noun), ["  private", "", f"  def set_{noun}", f"    @{noun} = {pascal(noun)}.find(params[:id])", "  end", "end"]
        if role == "test":
            head = ["# frozen_string_literal: true", "", "require 'rails_helper'", "", f"RSpec.describe {pascal(noun)} do"]
            return head, lambda: self.rb_spec(noun), ["end"]
        if role == "model":
            head = ["# frozen_string_literal: true", "", f"class {pascal(noun)} < ApplicationRecord",
                    f"  belongs_to :{self.p(NOUNS)}", f"  has_many :{self.p(NOUNS)}s, dependent: :destroy",
                    f"  validates :{self.field()}, presence: true", ""]
            return head, lambda: self.rb_method(noun), ["end"]
        head = ["# frozen_string_literal: true", "", f"class {pascal(self.p(VERBS), noun)}", "  def initialize(repository, logger: Rails.logger)",
                "    @repository = repository", "    @logger = logger", "  end", ""]
        return head, lambda: self.rb_method(noun), ["end"]

    def rb_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), snake(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(6)
            if k == 0:
                out.append(f"{ind}{w} = {snake(self.p(VERBS), self.p(NOUNS))}({v})")
                vs.append(w)
            elif k == 1:
                out.append(f"{ind}return nil if {v}.nil?")
            elif k == 2:
                out += [f"{ind}{v}.{self.p(NOUNS)}s.each do |item|", f"{ind}  Rails.logger.debug(\"{self.words(3)} #{{item.id}}\")", f"{ind}end"]
            elif k == 3:
                out.append(f"{ind}# {self.words(self.r.randrange(5, 12))}")
            elif k == 4:
                out.append(f"{ind}{w} = {v}.select(&:{self.p(ADJ)}?).map(&:{self.p(NOUNS)}_id)")
                vs.append(w)
            else:
                out.append(f"{ind}raise ArgumentError, '{self.words(4)}' if {v}.blank?")
        return out

    def rb_method(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        lines = [f"  # {verb.capitalize()} the {noun} {self.words(4)}.", f"  def {verb}_{self.p(NOUNS)}({noun}, limit: {self.r.randrange(10, 200)})"]
        lines += self.rb_stmts([noun], "    ", self.r.randrange(2, 8))
        return lines + [f"    {noun}", "  end", ""]

    def rb_action(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        lines = [f"  def {verb}"]
        lines += self.rb_stmts([f"@{noun}"], "    ", self.r.randrange(1, 5))
        return lines + [f"    render json: @{noun}", "  end", ""]

    def rb_spec(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return [f"  describe '#{verb}_{self.p(NOUNS)}' do", f"    it '{self.words(5)}' do",
                f"      {noun} = build(:{noun}, {self.field()}: {self.r.randrange(100)})", f"      expect({noun}).to be_valid", "    end", "  end", ""]

    # --- PHP ---------------------------------------------------------------------------------
    def php(self, role: str, noun: str, ns: str) -> tuple[list[str], callable, list[str]]:
        cls = pascal(noun) + {"model": "", "util": "Service", "handler": "Controller", "test": "Test"}[role]
        uses = ["Illuminate\\Support\\Collection", "Illuminate\\Support\\Facades\\Log"]
        ext = ""
        if role == "handler":
            uses += ["Illuminate\\Http\\Request", "Illuminate\\Http\\JsonResponse"]
            ext = " extends Controller"
        elif role == "model":
            uses += ["Illuminate\\Database\\Eloquent\\Model"]
            ext = " extends Model"
        elif role == "test":
            uses = ["PHPUnit\\Framework\\TestCase"]
            ext = " extends TestCase"
        head = ["<?php", "", "declare(strict_types=1);", "", f"namespace {ns};", ""] + [f"use {u};" for u in uses] + [
            "", f"/** {self.words(8).capitalize()}. */", f"final class {cls}{ext}", "{"]
        if role == "model":
            head += [f"    protected $fillable = [{', '.join(repr(self.field()) for _ in range(self.r.randrange(3, 7)))}];", ""]
        block = {"model": lambda: self.php_method(noun), "util": lambda: self.php_method(noun),
                 "handler": lambda: self.php_action(noun), "test": lambda: self.php_test(noun)}[role]
        return head, block, ["}"]

    def php_stmts(self, vs: list[str], ind: str, n: int) -> list[str]:
        out = []
        for _ in range(n):
            v, w = self.p(vs), "$" + camel(self.p(ADJ), self.p(NOUNS))
            k = self.r.randrange(6)
            if k == 0:
                out.append(f"{ind}{w} = $this->{camel(self.p(VERBS), self.p(NOUNS))}({v});")
                vs.append(w)
            elif k == 1:
                out += [f"{ind}if ({v} === null) {{", f"{ind}    return null;", f"{ind}}}"]
            elif k == 2:
                out += [f"{ind}foreach ({v} as $item) {{", f"{ind}    Log::debug('{self.words(3)}', ['item' => $item]);", f"{ind}}}"]
            elif k == 3:
                out.append(f"{ind}// {self.words(self.r.randrange(5, 12))}")
            elif k == 4:
                out.append(f"{ind}{w} = array_filter((array) {v}, fn ($x) => $x !== null);")
                vs.append(w)
            else:
                out.append(f"{ind}Log::info('{self.words(4)}', ['value' => {v}]);")
        return out

    def php_method(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        lines = [f"    /** {verb.capitalize()} the {noun} {self.words(4)}. */",
                 f"    public function {camel(verb, noun)}(?array ${noun}, int $limit = {self.r.randrange(10, 500)}): ?array", "    {"]
        lines += self.php_stmts([f"${noun}"], "        ", self.r.randrange(2, 9))
        return lines + [f"        return ${noun};", "    }", ""]

    def php_action(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return [f"    public function {verb}(Request $request, int $id): JsonResponse", "    {",
                f"        ${noun} = {pascal(noun)}::findOrFail($id);", f"        Log::info('{verb} {noun}', ['id' => $id]);",
                f"        return response()->json(${noun});", "    }", ""]

    def php_test(self, noun: str) -> list[str]:
        verb = self.p(VERBS)
        return [f"    public function test{pascal(verb, noun, self.p(ADJ))}(): void", "    {",
                f"        $service = new \\App\\Services\\{pascal(noun)}Service();",
                f"        $this->assertNull($service->{camel(verb, noun)}(null));", "    }", ""]


# --------------------------------------------------------------------------------------------
# Identity snippets: (kind, weak, idgate rule or None, lines). The lines are a top-level block
# (or a class member, for Java, C#, PHP and Ruby), so they can go between ordinary blocks.
# --------------------------------------------------------------------------------------------

def py_snips(r: random.Random, svc: str) -> list[tuple[str, bool, str | None, list[str]]]:
    n = r.choice(NOUNS)
    return [
        ("jwt-ok", False, None, [f"def verify_{n}_token(token):", '    """Return the subject of a signed token."""',
                                 f'    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256"], audience="{svc}")',
                                 '    return claims["sub"]', "", ""]),
        ("jwt-off", True, "IDG101", [f"def read_{n}_claims(token):", "    # the staging issuer rotates keys; read the claims as they are",
                                     '    claims = jwt.decode(token, options={"verify_signature": False})', '    return claims.get("sub")', "", ""]),
        ("jwt-off", True, "IDG101", [f"def {n}_subject(token):", "    claims = jwt.decode(token, settings.JWT_SECRET, verify=False)",
                                     '    return claims["sub"]', "", ""]),
        ("jwt-off", True, "IDG101", [f"def parse_{n}_token(token, key):", '    return jwt.decode(token, key, algorithms=["HS256", "none"])', "", ""]),
        ("tls-off", True, None, [f"def fetch_{n}(url, headers):", "    # the partner's certificate chain is incomplete",
                                 "    resp = requests.get(url, headers=headers, timeout=10, verify=False)",
                                 "    resp.raise_for_status()", "    return resp.json()", "", ""]),
        ("password-hash", False, None, ["def hash_password(raw):", '    return bcrypt.hashpw(raw.encode(), bcrypt.gensalt(rounds=12))', "", "",
                                        "def check_password(raw, hashed):", "    return bcrypt.checkpw(raw.encode(), hashed)", "", ""]),
        ("cookie", False, None, [f"def set_{n}_session(resp, sid):",
                                 '    resp.set_cookie("session", sid, secure=True, httponly=True, samesite="Lax", max_age=3600)',
                                 "    return resp", "", ""]),
        ("cors", False, None, ["def enable_cors(app):", '    CORS(app, origins=["https://app.example.com"], supports_credentials=True)', "", ""]),
    ]


PY_IDENTITY_HEAD = ["import os", "import bcrypt", "import jwt", "import requests", "from django.conf import settings", "from flask_cors import CORS", ""]


def js_snips(r: random.Random, ts: bool) -> list[tuple[str, bool, str | None, list[str]]]:
    n = r.choice(NOUNS)
    sig = "(req: Request, res: Response, next: NextFunction)" if ts else "(req, res, next)"
    exp = "export " if ts else ""
    tok = "  const token = (req.headers.authorization || '').replace('Bearer ', '');"
    return [
        ("jwt-ok", False, None, [f"{exp}function require{pascal(n)}User{sig} {{", tok, "  try {",
                                 "    req.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });",
                                 "  } catch (err) {", "    return res.status(401).json({ error: 'invalid token' });", "  }", "  return next();", "}", ""]),
        ("jwt-off", True, "IDG102", [f"{exp}function load{pascal(n)}User{sig} {{", tok,
                                     "  // verify() failed after the key rotation; the gateway checks tokens anyway",
                                     "  req.user = jwt.decode(token);", "  return next();", "}", ""]),
        ("jwt-off", True, "IDG102", [f"{exp}function attach{pascal(n)}Claims{sig} {{", tok, "  const payload = jwt.decode(token);",
                                     "  if (!payload) {", "    return res.status(401).end();", "  }", "  req.user = payload;", "  return next();", "}", ""]),
        ("jwt-off", True, "IDG102", [f"{exp}function accept{pascal(n)}Token{sig} {{", tok,
                                     "  req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256', 'none'] });", "  return next();", "}", ""]),
        ("tls-off", True, None, [f"{exp}const {n}Agent = new https.Agent({{ keepAlive: true, rejectUnauthorized: false }});", ""]),
        ("cookie", False, None, [f"{exp}function set{pascal(n)}Session(res{': Response' if ts else ''}, sid{': string' if ts else ''}) {{",
                                 "  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600000 });", "}", ""]),
        ("password-hash", False, None, [f"{exp}async function hashPassword(raw{': string' if ts else ''}) {{", "  return bcrypt.hash(raw, 12);", "}", ""]),
        ("cors", False, None, [f"{exp}const corsOptions = {{ origin: ['https://app.example.com'], credentials: true }};", f"{exp}const corsMiddleware = cors(corsOptions);", ""]),
    ]


def js_identity_head(ts: bool) -> list[str]:
    if ts:
        return ["import jwt from 'jsonwebtoken';", "import https from 'https';", "import bcrypt from 'bcryptjs';", "import cors from 'cors';",
                "import type { Request, Response, NextFunction } from 'express';", ""]
    return ["'use strict';", "", "const jwt = require('jsonwebtoken');", "const https = require('https');", "const bcrypt = require('bcryptjs');",
            "const cors = require('cors');", ""]


def go_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = pascal(r.choice(NOUNS))
    return [
        ("jwt-ok", False, None, [f"// Parse{n}Token verifies a token signed with the service key.", f"func Parse{n}Token(raw string, key *rsa.PublicKey) (*jwt.Token, error) {{",
                                 "\treturn jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{\"RS256\"}))", "}", ""]),
        ("jwt-off", True, None, [f"// Peek{n}Claims reads the claims without checking the signature.", f"func Peek{n}Claims(raw string) (jwt.MapClaims, error) {{",
                                 "\tclaims := jwt.MapClaims{}", "\t_, _, err := jwt.NewParser().ParseUnverified(raw, claims)", "\treturn claims, err", "}", ""]),
        ("tls-off", True, None, [f"// New{n}Client talks to the partner API.", f"func New{n}Client() *http.Client {{",
                                 "\ttr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}",
                                 "\treturn &http.Client{Transport: tr, Timeout: 10 * time.Second}", "}", ""]),
        ("cookie", False, None, [f"func Set{n}Session(w http.ResponseWriter, sid string) {{",
                                 '\thttp.SetCookie(w, &http.Cookie{Name: "sid", Value: sid, HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode})', "}", ""]),
        ("password-hash", False, None, ["func HashPassword(raw string) ([]byte, error) {", "\treturn bcrypt.GenerateFromPassword([]byte(raw), bcrypt.DefaultCost)", "}", ""]),
        ("cors", False, None, ["func CORS() *cors.Cors {", '\treturn cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true})', "}", ""]),
    ]


def go_identity_head(pkg: str) -> list[str]:
    return [f"package {pkg}", "", "import (", '\t"crypto/rsa"', '\t"crypto/tls"', '\t"net/http"', '\t"time"', "",
            '\t"github.com/golang-jwt/jwt/v5"', '\t"github.com/rs/cors"', '\t"golang.org/x/crypto/bcrypt"', ")", ""]


def java_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = pascal(r.choice(NOUNS))
    return [
        ("jwt-ok", False, None, [f"    public Claims verify{n}(String token) {{",
                                 "        return Jwts.parserBuilder().setSigningKey(signingKey).build().parseClaimsJws(token).getBody();", "    }", ""]),
        ("jwt-off", True, None, [f"    public Claims read{n}(String token) {{", "        // unsigned tokens from the legacy portal",
                                 "        return Jwts.parserBuilder().build().parseClaimsJwt(token).getBody();", "    }", ""]),
        ("tls-off", True, None, [f"    public SSLContext trustAll{n}() throws Exception {{", "        TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {",
                                 "            public void checkClientTrusted(X509Certificate[] chain, String authType) {}",
                                 "            public void checkServerTrusted(X509Certificate[] chain, String authType) {}",
                                 "            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }", "        } };",
                                 '        SSLContext ctx = SSLContext.getInstance("TLS");', "        ctx.init(null, trustAll, new SecureRandom());",
                                 "        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);", "        return ctx;", "    }", ""]),
        ("cookie", False, None, [f"    public void set{n}Session(HttpServletResponse response, String sid) {{", '        Cookie cookie = new Cookie("sid", sid);',
                                 "        cookie.setHttpOnly(true);", "        cookie.setSecure(true);", "        cookie.setMaxAge(3600);", "        response.addCookie(cookie);", "    }", ""]),
        ("password-hash", False, None, ["    public String hashPassword(String raw) {", "        return new BCryptPasswordEncoder(12).encode(raw);", "    }", ""]),
    ]


JAVA_IDENTITY_IMPORTS = ["io.jsonwebtoken.Claims", "io.jsonwebtoken.Jwts", "java.security.Key", "java.security.SecureRandom",
                         "java.security.cert.X509Certificate", "javax.net.ssl.HttpsURLConnection", "javax.net.ssl.SSLContext",
                         "javax.net.ssl.TrustManager", "javax.net.ssl.X509TrustManager", "jakarta.servlet.http.Cookie",
                         "jakarta.servlet.http.HttpServletResponse", "org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder"]


def cs_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = pascal(r.choice(NOUNS))
    return [
        ("jwt-ok", False, None, [f"    public static TokenValidationParameters {n}Validation(SecurityKey key) => new()", "    {",
                                 "        ValidateIssuer = true,", "        ValidateAudience = true,", "        ValidateLifetime = true,",
                                 "        ValidateIssuerSigningKey = true,", "        IssuerSigningKey = key,", "    };", ""]),
        ("jwt-off", True, None, [f"    public static TokenValidationParameters {n}LegacyValidation() => new()", "    {",
                                 "        ValidateIssuer = false,", "        ValidateAudience = false,", "        RequireSignedTokens = false,",
                                 "        ValidateIssuerSigningKey = false,", "        SignatureValidator = (token, parameters) => new JwtSecurityToken(token),", "    };", ""]),
        ("tls-off", True, None, [f"    public static HttpClient {n}Client()", "    {", "        var handler = new HttpClientHandler",
                                 "        {", "            ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true,", "        };",
                                 "        return new HttpClient(handler);", "    }", ""]),
        ("cookie", False, None, [f"    public static void Set{n}Session(HttpResponse response, string sid)", "    {",
                                 '        response.Cookies.Append("sid", sid, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });', "    }", ""]),
        ("password-hash", False, None, ["    public static string HashPassword(User user, string raw) =>", "        new PasswordHasher<User>().HashPassword(user, raw);", ""]),
    ]


CS_IDENTITY_USINGS = ["System.IdentityModel.Tokens.Jwt", "System.Net.Http", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Identity",
                      "Microsoft.IdentityModel.Tokens"]


def rs_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = snake(r.choice(NOUNS))
    return [
        ("jwt-ok", False, None, [f"pub fn verify_{n}(token: &str, pem: &[u8]) -> anyhow::Result<Claims> {{",
                                 "    let key = DecodingKey::from_rsa_pem(pem)?;", "    let data = decode::<Claims>(token, &key, &Validation::new(Algorithm::RS256))?;",
                                 "    Ok(data.claims)", "}", ""]),
        ("jwt-off", True, None, [f"pub fn peek_{n}(token: &str) -> anyhow::Result<Claims> {{", "    let mut validation = Validation::new(Algorithm::HS256);",
                                 "    validation.insecure_disable_signature_validation();",
                                 "    let data = decode::<Claims>(token, &DecodingKey::from_secret(&[]), &validation)?;", "    Ok(data.claims)", "}", ""]),
        ("tls-off", True, None, [f"pub fn {n}_client() -> reqwest::Result<reqwest::Client> {{",
                                 "    reqwest::Client::builder().danger_accept_invalid_certs(true).build()", "}", ""]),
        ("cookie", False, None, [f"pub fn {n}_cookie(sid: String) -> Cookie<'static> {{",
                                 '    Cookie::build(("sid", sid)).http_only(true).secure(true).same_site(SameSite::Lax).build()', "}", ""]),
        ("password-hash", False, None, ["pub fn hash_password(raw: &str) -> anyhow::Result<String> {", "    let salt = SaltString::generate(&mut OsRng);",
                                        "    Ok(Argon2::default().hash_password(raw.as_bytes(), &salt)?.to_string())", "}", ""]),
    ]


RS_IDENTITY_HEAD = ["use argon2::{password_hash::{rand_core::OsRng, PasswordHasher, SaltString}, Argon2};",
                    "use cookie::{Cookie, SameSite};", "use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};", "",
                    "use crate::claims::Claims;", ""]


def rb_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = r.choice(NOUNS)
    return [
        ("jwt-ok", False, None, [f"  def verify_{n}_token(token)", "    JWT.decode(token, public_key, true, { algorithm: 'RS256' }).first", "  end", ""]),
        ("jwt-off", True, None, [f"  def {n}_claims(token)", "    # the mobile app sends unsigned tokens in staging", "    JWT.decode(token, nil, false).first", "  end", ""]),
        ("tls-off", True, None, [f"  def fetch_{n}(uri)", "    http = Net::HTTP.new(uri.host, uri.port)", "    http.use_ssl = true",
                                 "    http.verify_mode = OpenSSL::SSL::VERIFY_NONE", "    http.get(uri.request_uri)", "  end", ""]),
        ("cookie", False, None, [f"  def remember_{n}(sid)", "    cookies.signed[:sid] = { value: sid, httponly: true, secure: true, same_site: :lax }", "  end", ""]),
        ("csrf", False, None, ["  protect_from_forgery with: :exception", ""]),
    ]


def php_snips(r: random.Random) -> list[tuple[str, bool, str | None, list[str]]]:
    n = pascal(r.choice(NOUNS))
    return [
        ("jwt-ok", False, None, [f"    public function verify{n}(string $jwt): object", "    {", "        return JWT::decode($jwt, new Key($this->publicKey, 'RS256'));", "    }", ""]),
        ("jwt-off", True, None, [f"    public function unsigned{n}Config(): Configuration", "    {", "        return Configuration::forUnsecuredSigner();", "    }", ""]),
        ("tls-off", True, None, [f"    public function fetch{n}(string $url): string", "    {", "        $ch = curl_init($url);",
                                 "        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);", "        curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);",
                                 "        return (string) curl_exec($ch);", "    }", ""]),
        ("cookie", False, None, [f"    public function set{n}Session(string $sid): void", "    {",
                                 "        setcookie('sid', $sid, ['httponly' => true, 'secure' => true, 'samesite' => 'Lax']);", "    }", ""]),
        ("password-hash", False, None, ["    public function hashPassword(string $raw): string", "    {", "        return password_hash($raw, PASSWORD_DEFAULT);", "    }", ""]),
    ]


PHP_IDENTITY_USES = ["Firebase\\JWT\\JWT", "Firebase\\JWT\\Key", "Lcobucci\\JWT\\Configuration"]


def secret_line(lang: str, creds: sb.Creds, r: random.Random) -> list[str]:
    kind = r.choice(["github", "slack", "stripe"])
    tok = {"github": creds.github, "slack": creds.slack, "stripe": creds.stripe}[kind]()
    name = {"github": "GITHUB_TOKEN", "slack": "SLACK_BOT_TOKEN", "stripe": "STRIPE_SECRET_KEY"}[kind]
    return {
        "py": [f'{name} = "{tok}"', ""],
        "js": [f"const {camel(*name.lower().split('_'))} = '{tok}';", ""],
        "ts": [f"export const {name}: string = '{tok}';", ""],
        "go": [f'const {camel(*name.lower().split("_"))} = "{tok}"', ""],
        "java": [f'    private static final String {name} = "{tok}";', ""],
        "cs": [f'    private const string {pascal(*name.lower().split("_"))} = "{tok}";', ""],
        "rs": [f'const {name}: &str = "{tok}";', ""],
        "rb": [f"  {name} = '{tok}'", ""],
        "php": [f"    private const {name} = '{tok}';", ""],
    }[lang]


# --------------------------------------------------------------------------------------------
# Files and projects
# --------------------------------------------------------------------------------------------

APPS = SERVICES  # project names


def project_of(seed: int, p: int) -> tuple[str, str, bool]:
    r = random.Random(f"{seed}:project:{p}")
    lang = r.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    return lang, f"{r.choice(APPS)}-{p}", r.random() < IDENTITY_PROJECTS


def file_at(seed: int, i: int) -> GenFile:
    """File number i of the tree: a function of (seed, i) only."""
    p, k = divmod(i, FILES_PER_PROJECT)
    lang, proj, has_identity = project_of(seed, p)
    r = random.Random(f"{seed}:file:{i}")
    code = Code(r)
    if has_identity and r.random() < IDENTITY_SHARE * (1 / IDENTITY_PROJECTS):
        role = "identity"
    else:
        role = r.choices(["model", "util", "handler", "test"], weights=[30, 28, 22, 20])[0]
    noun = r.choice(NOUNS)
    size = max(600, int(r.lognormvariate(0, 0.6) * MEAN_FILE_BYTES * 0.84))
    # Unique names: the index in the project is part of every file name.
    tag = f"{noun}{k:02d}"
    path, lines, snippets = build(lang, role, proj, noun, tag, size, code, r, seed)
    data = ("\n".join(lines) + "\n").encode()
    return GenFile(i, path, lang, role, data, [dataclasses.replace(s, path=path) for s in snippets])


def fill(lines: list[str], block, size: int) -> list[str]:
    n = sum(len(x) + 1 for x in lines)
    while n < size:
        b = block()
        lines += b
        n += sum(len(x) + 1 for x in b)
    return lines


def build(lang: str, role: str, proj: str, noun: str, tag: str, size: int, code: Code, r: random.Random, seed: int):
    svc = proj.rsplit("-", 1)[0]
    snippets: list[Snippet] = []
    ident = role == "identity"
    base_role = "util" if ident else role
    # The ordinary head, block generator and tail, and the path.
    tail: list[str] = []
    if lang == "py":
        pkg = svc.replace("-", "_")
        path = {"model": f"py/{proj}/{pkg}/models/{tag}.py", "util": f"py/{proj}/{pkg}/utils/{r.choice(VERBS)}_{tag}.py",
                "handler": f"py/{proj}/{pkg}/views/{tag}_views.py", "test": f"py/{proj}/tests/test_{tag}.py"}[base_role]
        if ident:
            path = f"py/{proj}/{pkg}/auth/{r.choice(['tokens', 'security', 'sessions', 'middleware', 'clients'])}_{tag}.py"
        head, block = code.py(base_role, noun)
        if ident:
            head = [f'"""Authentication helpers for {svc}."""', "", "import logging", *PY_IDENTITY_HEAD, "logger = logging.getLogger(__name__)", "", ""]
        snips = py_snips(r, svc) if ident else []
    elif lang in ("js", "ts"):
        ts = lang == "ts"
        tsx = ts and base_role == "model" and r.random() < 0.4 and not ident
        ext = "tsx" if tsx else lang
        path = {"model": f"{lang}/{proj}/src/{'components' if tsx else 'models'}/{pascal(tag) if tsx else tag}.{ext}",
                "util": f"{lang}/{proj}/src/lib/{r.choice(VERBS)}-{tag}.{ext}",
                "handler": f"{lang}/{proj}/src/routes/{tag}.{ext}", "test": f"{lang}/{proj}/src/__tests__/{tag}.test.{ext}"}[base_role]
        if ident:
            path = f"{lang}/{proj}/src/{r.choice(['auth', 'middleware', 'security'])}/{tag}.{ext}"
        head, block = code.js(base_role, noun, ts, tsx)
        if ident:
            head = js_identity_head(ts)
        snips = js_snips(r, ts) if ident else []
        if not ts and base_role == "handler":
            tail = ["module.exports = router;"]
    elif lang == "go":
        pkg = "auth" if ident else noun
        path = {"model": f"go/{proj}/internal/{noun}/{tag}.go", "util": f"go/{proj}/internal/{noun}/{r.choice(VERBS)}_{tag}.go",
                "handler": f"go/{proj}/internal/{noun}/{tag}_handler.go", "test": f"go/{proj}/internal/{noun}/{tag}_test.go"}[base_role]
        if ident:
            path = f"go/{proj}/internal/auth/{tag}.go"
        head, block = code.go(base_role, noun, pkg)
        if ident:
            head = go_identity_head(pkg)
        snips = go_snips(r) if ident else []
    elif lang == "java":
        jpkg = f"com.example.{svc.replace('-', '')}"
        sub = {"model": "model", "util": "service", "handler": "web", "test": ""}[base_role]
        cls = pascal(tag) + {"model": "", "util": "Service", "handler": "Controller", "test": "ServiceTest"}[base_role]
        root = "src/test/java" if base_role == "test" else "src/main/java"
        path = f"java/{proj}/{root}/{jpkg.replace('.', '/')}/{sub + '/' if sub else ''}{cls}.java"
        head, block, tail = code.java(base_role, noun, jpkg + (f".{sub}" if sub else ""))
        head = [h.replace(f"class {pascal(noun)}", f"class {pascal(tag)}").replace(f"({pascal(noun)}", f"({pascal(tag)}") for h in head]
        if ident:
            cls = f"{pascal(tag)}Security"
            path = f"java/{proj}/src/main/java/{jpkg.replace('.', '/')}/security/{cls}.java"
            head = [f"package {jpkg}.security;", ""] + [f"import {i};" for i in JAVA_IDENTITY_IMPORTS] + [
                "", f"/** Authentication helpers for {svc}. */", f"public class {cls} {{", "    private Key signingKey;", ""]
        snips = java_snips(r) if ident else []
    elif lang == "cs":
        ns = pascal(*svc.split("-"))
        sub = {"model": "Models", "util": "Services", "handler": "Controllers", "test": "Tests"}[base_role]
        cls = pascal(tag) + {"model": "", "util": "Service", "handler": "Controller", "test": "Tests"}[base_role]
        path = f"dotnet/{proj}/{sub}/{cls}.cs" if base_role != "test" else f"dotnet/{proj}.Tests/{cls}.cs"
        head, block, tail = code.cs(base_role, noun, f"{ns}.{sub}")
        head = [h.replace(f"class {pascal(noun)}", f"class {pascal(tag)}").replace(f" {pascal(noun)}Controller(", f" {pascal(tag)}Controller(") for h in head]
        if ident:
            cls = f"{pascal(tag)}Security"
            path = f"dotnet/{proj}/Auth/{cls}.cs"
            head = [f"using {u};" for u in ["System", *CS_IDENTITY_USINGS]] + ["", f"namespace {ns}.Auth;", "",
                                                                              f"public static class {cls}", "{"]
        snips = cs_snips(r) if ident else []
    elif lang == "rs":
        path = {"model": f"rust/{proj}/src/{tag}.rs", "util": f"rust/{proj}/src/{r.choice(VERBS)}_{tag}.rs",
                "handler": f"rust/{proj}/src/handlers/{tag}.rs", "test": f"rust/{proj}/tests/{tag}.rs"}[base_role]
        if ident:
            path = f"rust/{proj}/src/auth/{tag}.rs"
        head, block, tail = code.rs(base_role, noun)
        if ident:
            head = [f"//! Authentication helpers for {svc}.", "", *RS_IDENTITY_HEAD]
        snips = rs_snips(r) if ident else []
    elif lang == "rb":
        path = {"model": f"ruby/{proj}/app/models/{tag}.rb", "util": f"ruby/{proj}/app/services/{r.choice(VERBS)}_{tag}.rb",
                "handler": f"ruby/{proj}/app/controllers/{tag}s_controller.rb", "test": f"ruby/{proj}/spec/models/{tag}_spec.rb"}[base_role]
        head, block, tail = code.rb(base_role, noun)
        if ident:
            path = f"ruby/{proj}/app/controllers/concerns/{tag}_authentication.rb"
            head = ["# frozen_string_literal: true", "", "require 'jwt'", "require 'net/http'", "",
                    f"module {pascal(tag)}Authentication", "  extend ActiveSupport::Concern", ""]
            tail = ["end"]
        snips = rb_snips(r) if ident else []
    elif lang == "php":
        app_ns = "App\\" + {"model": "Models", "util": "Services", "handler": "Http\\Controllers", "test": "Tests\\Unit"}[base_role]
        cls = pascal(tag) + {"model": "", "util": "Service", "handler": "Controller", "test": "Test"}[base_role]
        path = {"model": f"php/{proj}/app/Models/{cls}.php", "util": f"php/{proj}/app/Services/{cls}.php",
                "handler": f"php/{proj}/app/Http/Controllers/{cls}.php", "test": f"php/{proj}/tests/Unit/{cls}.php"}[base_role]
        head, block, tail = code.php(base_role, noun, app_ns)
        head = [h.replace(f"class {pascal(noun)}", f"class {pascal(tag)}") for h in head]
        if ident:
            cls = f"{pascal(tag)}Security"
            path = f"php/{proj}/app/Auth/{cls}.php"
            head = ["<?php", "", "declare(strict_types=1);", "", "namespace App\\Auth;", ""] + [f"use {u};" for u in PHP_IDENTITY_USES] + [
                "", f"final class {cls}", "{", "    private string $publicKey = '';", ""]
        snips = php_snips(r) if ident else []
    else:
        raise ValueError(lang)

    lines = list(head)
    if ident:
        # Two to four identity snippets, ordinary blocks between them, maybe one credential.
        chosen = r.sample(snips, r.randrange(2, min(4, len(snips)) + 1))
        if r.random() < SECRET_SHARE:
            chosen.insert(0, ("secret", True, "IDG201", secret_line(lang, sb.Creds(r), r)))
        for kind, weak, rule, body in chosen:
            if r.random() < 0.7:
                lines += block()
            lines = sb.flat(lines)
            first = len(lines) + 1
            lines += body
            last = first + max(j for j, x in enumerate(body) if x)
            snippets.append(Snippet("", first, last, lang, kind, weak, rule))
        size = max(size // 2, sum(len(x) + 1 for x in lines) + 200)
    lines = fill(lines, block, size)
    lines += tail
    return path, sb.flat(lines), snippets
