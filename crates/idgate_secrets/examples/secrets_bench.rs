//! Throughput of `idgate_secrets::scan` on a synthetic ~100 MB source tree held in memory.
//!
//! The tree is code-like text (Python, TypeScript, Go, YAML, .env) in which identity words
//! (`token`, `key`, `password`, `secret`, `auth`) are common, as they are in real auth code, so
//! the keyword prefilter lets a realistic share of lines through to the regexes. A few synthetic
//! secrets are planted; the run checks they are all found.
//!
//! ```text
//! cargo run --release -p idgate_secrets --example secrets_bench [-- MEGABYTES]
//! ```

#![allow(clippy::print_stdout)]

use std::time::Instant;

use idgate_secrets::{LineRange, scan, synth};

const WORDS: &[&str] = &[
    "user",
    "session",
    "request",
    "response",
    "config",
    "value",
    "data",
    "result",
    "item",
    "index",
    "handler",
    "client",
    "server",
    "account",
    "profile",
    "order",
    "invoice",
    "cache",
    "state",
    "event",
    "payload",
    "claims",
    "role",
    "scope",
    "grant",
    "policy",
    "header",
    "body",
    "retry",
    "timeout",
    "limit",
    "offset",
    "page",
    "query",
    "filter",
    "record",
    "entry",
    "node",
    "token",
    "key",
    "auth",
    "secret",
    "password",
    "credential",
    "issuer",
    "audience",
    "expiry",
];

const TEMPLATES: &[&str] = &[
    "def handle_{a}(request, {b}):",
    "    return {a}.{b}({c})",
    "    if {a} is None or not {b}:",
    "        raise ValueError(\"missing {a} for {b}\")",
    "    self.{a}_{b} = {c}",
    "    logger.debug(\"{a} {b} %s\", {c})",
    "# {a} the {b} before the {c} is checked",
    "const {a}{B} = require('./{b}');",
    "export async function get{A}{B}({c}: string): Promise<{A}> {",
    "  const {a} = await this.{b}Service.find({c});",
    "  if (!{a}) throw new HttpError(401, '{b} required');",
    "  return {{ {a}, {b}: {c}.{a} }};",
    "// {A} {b} is cached for the lifetime of the {c}",
    "func (s *{A}Store) {B}(ctx context.Context, {c} string) error {",
    "\tif err := s.{a}.Validate({b}); err != nil {",
    "\t\treturn fmt.Errorf(\"{a}: %w\", err)",
    "\t}",
    "}",
    "  {a}_{b}: {c}",
    "    - name: {a}-{b}",
    "      value: \"{c}\"",
    "{A}_{B}_URL=https://{a}.internal/{b}",
    "    cache_key = f\"{a}:{{{b}_id}}\"",
    "    token = request.headers.get(\"Authorization\", \"\").removeprefix(\"Bearer \")",
    "    password_hash = hasher.hash({a}.password)",
    "    api_key = os.environ[\"{A}_API_KEY\"]",
    "    expires_at = now + timedelta(minutes={n})",
    "for (let i = 0; i < {a}.length; i += {n}) {{ total += {a}[i].{b}; }}",
    "",
];

/// Planted secrets: templates for `synth::expand`.
const PLANTED: &[&str] = &[
    "GITHUB_TOKEN = \"«ghp_[b62:30][crc]»\"",
    "aws_access_key_id = «AKIA[b32:16]»",
    "stripe.api_key = \"sk_live_«[b62:32]»\"",
    "DATABASE_URL=postgres://svc:«[b62:20]»@db.internal:5432/app",
    "SLACK_BOT_TOKEN=xoxb-«[dig:11]-[dig:13]-[b62:24]»",
    "password = \"«[b62:14]»!\"",
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn line(rng: &mut synth::Rng) -> String {
    let t = TEMPLATES[rng.below(TEMPLATES.len() as u64) as usize];
    let mut w = || WORDS[rng.below(WORDS.len() as u64) as usize];
    let (a, b, c) = (w(), w(), w());
    t.replace("{a}", a)
        .replace("{b}", b)
        .replace("{c}", c)
        .replace("{A}", &cap(a))
        .replace("{B}", &cap(b))
        .replace("{n}", "15")
        .replace("{{", "{")
        .replace("}}", "}")
}

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let target = megabytes * 1024 * 1024;
    let exts = ["py", "ts", "go", "yaml", "env"];
    let mut rng = synth::Rng::new(2025);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut total = 0usize;
    let mut planted = 0usize;
    while total < target {
        let i = files.len();
        let path = format!("src/pkg_{}/module_{}.{}", i / 50, i, exts[i % exts.len()]);
        let mut text = String::with_capacity(24 * 1024);
        let lines = 300 + rng.below(400) as usize;
        for l in 0..lines {
            if i.is_multiple_of(20) && l == lines / 2 {
                let tpl = PLANTED[(i / 20) % PLANTED.len()];
                text.push_str(&synth::expand(tpl, i as u64));
                planted += 1;
            } else {
                text.push_str(&line(&mut rng));
            }
            text.push('\n');
        }
        total += text.len();
        files.push((path, text));
    }

    // The tables are compiled once, on first use; time that separately.
    let start = Instant::now();
    let _ = scan("warmup.py", "token = 1", None);
    println!(
        "tables: {} formats compiled in {:.0} ms",
        idgate_secrets::formats().len(),
        start.elapsed().as_secs_f64() * 1000.0
    );

    let start = Instant::now();
    let mut found = 0usize;
    for (path, text) in &files {
        found += scan(path, text, None).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = total as f64 / (1024.0 * 1024.0);
    println!(
        "full scan: {mb:.1} MiB in {} files, {secs:.2} s, {:.0} MiB/s, {found} secrets ({planted} planted)",
        files.len(),
        mb / secs
    );
    assert!(found >= planted, "a planted secret was missed");

    // Diff mode: only 10 lines per file are "added".
    let ranges = [LineRange {
        start: 100,
        end: 109,
    }];
    let start = Instant::now();
    for (path, text) in &files {
        let _ = scan(path, text, Some(&ranges));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "diff mode (10 added lines per file): {secs:.2} s, {:.0} MiB/s of file text",
        mb / secs
    );

    // The prefilter's fast path: text with no keyword at all is never regex-scanned.
    let plain: String =
        "let total = items.iter().map(|x| x.price * x.count).sum::<u64>();\n".repeat(target / 70);
    let start = Instant::now();
    assert!(scan("src/plain.rs", &plain, None).is_empty());
    let secs = start.elapsed().as_secs_f64();
    println!(
        "no-keyword text: {:.1} MiB in {secs:.3} s, {:.0} MiB/s",
        plain.len() as f64 / (1024.0 * 1024.0),
        plain.len() as f64 / (1024.0 * 1024.0) / secs
    );
}
