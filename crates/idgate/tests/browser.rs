//! End to end in a real browser: Debian's headless Chromium, driven through chromedriver with a
//! small WebDriver client. What a person sees is checked: the HTML report of the demo change (its
//! verdict, a finding's before → after evidence, the counts in its charts), and the dashboard of
//! `idgate serve` (sign-in form, recent verdicts, chart counts, drill-down to an evaluation's
//! evidence and its full report).
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages `chromium` and
//! `chromium-driver`; other paths via `IDGATE_CHROMIUM` and `IDGATE_CHROMEDRIVER`). Without
//! them the tests fail under CI (`CI` set) and are skipped with a message elsewhere. The browser
//! runs with the flags that keep it off the network.

#![allow(clippy::print_stderr)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::idgate;
use serde_json::{Value, json};

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The browser and its driver, or `None` (after a message) when they are not installed here.
fn browser_paths(test: &str) -> Option<(PathBuf, PathBuf)> {
    let chromium = PathBuf::from(
        std::env::var("IDGATE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    let driver = PathBuf::from(
        std::env::var("IDGATE_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
    );
    if chromium.is_file() && driver.is_file() {
        return Some((chromium, driver));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must provide Chromium and chromedriver ({} and {}; see .ci/run)",
        chromium.display(),
        driver.display()
    );
    eprintln!(
        "skipping {test}: {} or {} is missing (apt-get install chromium chromium-driver)",
        chromium.display(),
        driver.display()
    );
    None
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 exchange: (status, body). Bodies are JSON or form text.
fn http(
    method: &str,
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    // Read the head, then exactly the body its length or chunking announces: a server may keep
    // the connection open whatever we asked.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let lower = head.to_ascii_lowercase();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = Vec::new();
    if lower.contains("transfer-encoding: chunked") {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        reader.read_exact(&mut body).unwrap();
    } else {
        reader.read_to_end(&mut body).unwrap();
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    (status, body)
}

/// A WebDriver session on a chromedriver of our own.
struct Browser {
    _driver: Killed,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(chromium: &Path, driver: &Path) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Killed(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--window-size=1280,900",
            format!("--user-data-dir={}", profile.path().display()),
        ]);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let (status, body) = http(
            "POST",
            port,
            "/session",
            &[("Content-Type", "application/json")],
            &caps.to_string(),
        );
        assert_eq!(status, 200, "new session: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        let session = v["value"]["sessionId"].as_str().unwrap().to_string();
        Browser {
            _driver: driver,
            port,
            session,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let (status, v, text) = self.try_call(method, path, body);
        assert_eq!(status, 200, "{method} {path}: {text}");
        v
    }

    /// A WebDriver call that may fail: (status, value, raw body).
    fn try_call(&self, method: &str, path: &str, body: Value) -> (u16, Value, String) {
        let body = if method == "GET" {
            String::new()
        } else {
            body.to_string()
        };
        let (status, text) = http(
            method,
            self.port,
            &format!("/session/{}{path}", self.session),
            &[("Content-Type", "application/json")],
            &body,
        );
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        (status, v["value"].clone(), text)
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn url(&self) -> String {
        self.call("GET", "/url", Value::Null)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.call(
            "POST",
            "/elements",
            json!({"using": "css selector", "value": css}),
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e[ELEMENT].as_str().unwrap().to_string())
            .collect()
    }

    /// The text a person sees in an element (rendered, CSS applied).
    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.call("GET", &format!("/element/{id}/text"), Value::Null)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn attribute(&self, element: &str, name: &str) -> String {
        self.call(
            "GET",
            &format!("/element/{element}/attribute/{name}"),
            Value::Null,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    fn displayed(&self, element: &str) -> bool {
        self.call("GET", &format!("/element/{element}/displayed"), Value::Null)
            .as_bool()
            .unwrap_or(false)
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    /// Click what navigates (a link, a submit button) and wait for the next page: the clicked
    /// element goes stale when the old document is replaced, then the new one finishes loading.
    fn click(&self, css: &str) {
        let id = self.find(css);
        self.call("POST", &format!("/element/{id}/click"), json!({}));
        for _ in 0..100 {
            let (status, _, _) = self.try_call("GET", &format!("/element/{id}/name"), Value::Null);
            if status != 200 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for _ in 0..100 {
            let state = self.call(
                "POST",
                "/execute/sync",
                json!({"script": "return document.readyState", "args": []}),
            );
            if state == "complete" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// `(label, count)` of the bars of an inline SVG chart, from what it draws.
    fn bars(&self, chart: &str) -> Vec<(String, u64)> {
        self.find_all(&format!("[data-chart=\"{chart}\"] g[data-count]"))
            .iter()
            .map(|g| {
                let texts = self.call(
                    "POST",
                    &format!("/element/{g}/elements"),
                    json!({"using": "css selector", "value": "text"}),
                );
                let texts: Vec<String> = texts
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| {
                        let id = t[ELEMENT].as_str().unwrap();
                        self.call("GET", &format!("/element/{id}/text"), Value::Null)
                            .as_str()
                            .unwrap()
                            .to_string()
                    })
                    .collect();
                // The label, then the count drawn at the bar's end; both must agree with the
                // bar's own data.
                assert_eq!(texts.len(), 2, "{texts:?}");
                assert_eq!(self.attribute(g, "data-count"), texts[1]);
                (texts[0].clone(), texts[1].parse().unwrap())
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            "DELETE",
            self.port,
            &format!("/session/{}", self.session),
            &[],
            "",
        );
    }
}

fn demo_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    idgate()
        .args(["demo", "--no-color", "--keep"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

#[test]
fn html_report_in_chromium() {
    let Some((chromium, driver)) = browser_paths("html_report_in_chromium") else {
        return;
    };
    let repo = demo_repo();
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    idgate()
        .args(["check", "--base", "HEAD~1", "--format", "html", "--output"])
        .arg(&report)
        .arg("--repo")
        .arg(repo.path())
        .assert()
        .code(1);
    let json_out = idgate()
        .args(["check", "--base", "HEAD~1", "--format", "json", "--repo"])
        .arg(repo.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&json_out).unwrap();

    let browser = Browser::start(&chromium, &driver);
    browser.go(&format!("file://{}", report.display()));
    assert_eq!(browser.text("#verdict .decision"), "REVIEW");
    assert!(
        browser
            .text("#verdict .obligations")
            .contains("signed approvals")
    );
    let finding = browser.text(".finding[data-rule=\"IDG101\"]");
    assert!(
        finding.contains("IDG101 pyjwt-verification-disabled"),
        "{finding}"
    );
    assert_eq!(
        browser.text(".finding[data-rule=\"IDG101\"] .before"),
        "before\nsignature verified (algorithms RS256)"
    );
    assert_eq!(
        browser.text(".finding[data-rule=\"IDG101\"] .after"),
        "after\nsignature not verified (verify_signature=False)"
    );
    let hit = browser.find(".finding .frame tr.hit");
    assert!(browser.displayed(&hit));
    // The charts draw the counts of the JSON report.
    let findings = json["findings"].as_array().unwrap();
    let mut expected: Vec<(String, u64)> = Vec::new();
    for f in findings {
        let c = f["category"].as_str().unwrap().to_string();
        match expected.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => expected.push((c, 1)),
        }
    }
    // Bars are drawn in the chart's own order; compare the counts.
    let mut drawn = browser.bars("by-category");
    drawn.sort();
    expected.sort();
    assert_eq!(drawn, expected);
    // Every finding is counted under an actor; the weakening's line is the agent's per git-ai.
    let actors = browser.bars("by-actor");
    assert_eq!(
        actors.iter().map(|(_, n)| n).sum::<u64>(),
        findings.len() as u64
    );
    assert!(
        actors.contains(&("agent (claude)".to_string(), 1)),
        "{actors:?}"
    );
    assert!(
        browser
            .text("#compliance")
            .contains("NHI4 Insecure Authentication")
    );
}

/// `idgate serve` on a free port, with its stderr read until it says where it listens.
fn serve(config: &Path, ledger: &str) -> (Killed, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_idgate"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--ledger",
            ledger,
            "--config",
        ])
        .arg(config)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let child = Killed(child);
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("idgate serve said: {line}"));
    (child, port)
}

fn sha256_hex(text: &str) -> String {
    idgate_server::auth::token_hash(text)
}

#[test]
fn dashboard_in_chromium() {
    let Some((chromium, driver)) = browser_paths("dashboard_in_chromium") else {
        return;
    };
    let repo = demo_repo();
    let dir = tempfile::tempdir().unwrap();
    let ledger = format!("sqlite://{}", dir.path().join("ledger.sqlite3").display());
    let (reader, writer) = ("dashboard-Zq8v3ZrT1pWm9XyB", "ci-Kq8v3ZrT1pWm9XyB4nLd");
    let config = dir.path().join("serve.toml");
    std::fs::write(
        &config,
        format!(
            "[[token]]\nname = \"people\"\nsha256 = \"{}\"\nscopes = [\"read\"]\n\n[[token]]\nname = \"ci\"\nsha256 = \"{}\"\nscopes = [\"read\", \"write\"]\n\n[[repository]]\nname = \"acme/demo\"\npath = \"{}\"\n",
            sha256_hex(reader),
            sha256_hex(writer),
            repo.path().display()
        ),
    )
    .unwrap();
    // One evaluation recorded by the CLI, one posted to the server. The CLI names the
    // repository after its `origin` remote, as the server's configuration does.
    let remote = std::process::Command::new("git")
        .args(["remote", "add", "origin", "git@github.com:acme/demo.git"])
        .current_dir(repo.path())
        .status()
        .unwrap();
    assert!(remote.success());
    idgate()
        .args([
            "check", "--base", "HEAD~1", "--quiet", "--record", "--ledger", &ledger, "--repo",
        ])
        .arg(repo.path())
        .assert()
        .code(1);
    let (_server, port) = serve(&config, &ledger);
    let posted = json!({"repository": "acme/demo", "base": "HEAD~1", "head": "HEAD"}).to_string();
    let auth = format!("Bearer {writer}");
    let (status, body) = http(
        "POST",
        port,
        "/api/evaluations",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        &posted,
    );
    assert_eq!(status, 201, "{body}");
    let seq = serde_json::from_str::<Value>(&body).unwrap()["seq"]
        .as_u64()
        .unwrap();
    assert_eq!(seq, 2);

    let browser = Browser::start(&chromium, &driver);
    let base = format!("http://localhost:{port}");
    browser.go(&format!("{base}/"));
    assert_eq!(
        browser.url(),
        format!("{base}/login"),
        "no token: the sign-in form"
    );
    browser.type_into("input[name=token]", "not-the-token");
    browser.click("button[type=submit]");
    assert!(browser.text("main").contains("not valid"));
    browser.type_into("input[name=token]", reader);
    browser.click("button[type=submit]");
    assert_eq!(browser.url(), format!("{base}/"), "signed in");
    assert_eq!(browser.text("#total"), "2");
    // The same change judged twice in one repository: one open review, not approved.
    assert_eq!(browser.text("#open"), "1");
    assert_eq!(
        browser.bars("verdicts"),
        [
            ("allow".to_string(), 0),
            ("review".to_string(), 2),
            ("block".to_string(), 0)
        ]
    );
    assert_eq!(
        browser.bars("categories"),
        [("token-verification".to_string(), 2)]
    );
    let legend = browser.text("[data-chart=\"actors-over-time\"] [data-legend=\"agent\"]");
    assert_eq!(legend, "agent: 2");
    let recent = browser.text("table:last-of-type tr[data-seq=\"2\"]");
    assert!(
        recent.contains("acme/demo") && recent.contains("review") && recent.contains("claude-code"),
        "{recent}"
    );

    // Drill down to the posted evaluation: its finding with the evidence.
    browser.click("table:last-of-type tr[data-seq=\"2\"] a");
    assert_eq!(browser.url(), format!("{base}/evaluations/2"));
    assert_eq!(browser.text(".decision"), "REVIEW");
    assert!(
        browser
            .text(".finding[data-rule=\"IDG101\"]")
            .contains("IDG101 pyjwt-verification-disabled")
    );
    assert_eq!(
        browser.text(".finding[data-rule=\"IDG101\"] .after"),
        "after\nsignature not verified (verify_signature=False)"
    );
    browser.click("a[href=\"/evaluations/2/report\"]");
    assert_eq!(browser.text("#verdict .decision"), "REVIEW");

    // The CLI-recorded one: the ledger has ids only, so the server judges the recorded commits
    // again in its clone and shows the same finding with its evidence.
    browser.go(&format!("{base}/evaluations/1"));
    assert!(browser.text("#rederived").contains("acme/demo"));
    assert_eq!(
        browser.text(".finding[data-rule=\"IDG101\"] .after"),
        "after\nsignature not verified (verify_signature=False)"
    );
    browser.click("a[href=\"/evaluations/1/report\"]");
    assert_eq!(browser.text("#verdict .decision"), "REVIEW");

    // Signing out drops the cookie.
    browser.go(&format!("{base}/"));
    browser.click("nav button[type=submit]");
    browser.go(&format!("{base}/"));
    assert_eq!(browser.url(), format!("{base}/login"));
}
