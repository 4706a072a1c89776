//! Latency of the language server through its real path: the built binary's
//! `procore-manifest lsp` over stdio (the session, `workspace::lint_file`,
//! the conversion and the transport), timed from the client's side.
//!
//! 1. A re-lint after a one-character edit of a typical manifest: from
//!    sending `didChange` to receiving that version's diagnostics, 300 edits
//!    (median, p99, max).
//! 2. While a document of 20,000 unknown members (a finding each) is being
//!    linted again, a small document's diagnostics after an edit, and a hover,
//!    a completion and a code action on it: the worst of 5 tries each.
//!
//! 3. The floor beside them: serde_json and a jsonschema validator compiled
//!    once from `schemas/manifest.schema.json` (what `examples/floor.rs`
//!    does per file), in this process, on the same two documents.
//!
//! Run: `cargo build --release && cargo run --release --example lsp_latency`
//! (`PROCORE_MANIFEST_BIN` names another binary). A benchmark, not a test.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Client {
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
        self.stdin.flush().expect("flush");
    }
    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }
    fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }
    /// Wait for the first message `pick` accepts.
    fn wait(&self, pick: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers");
            if pick(&m) {
                return m;
            }
        }
    }
    fn diagnostics_of(&self, uri: &str, version: i64) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
    }
    fn response(&self, id: i64) -> Value {
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }
}

fn start(bin: &str) -> (std::process::Child, Client) {
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e} (build it: cargo build --release)"));
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; len];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if let Ok(v) = serde_json::from_slice(&body) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        }
    });
    let mut c = Client { stdin, rx, next_id: 0 };
    let id = c.request("initialize", json!({ "capabilities": {} }));
    c.response(id);
    c.notify("initialized", json!({}));
    (child, c)
}

fn open(c: &mut Client, uri: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
    );
}

fn change(c: &mut Client, uri: &str, version: i64, text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The floor on `text`: parse it with serde_json and validate it against
/// the committed schema, the validator compiled once; median of `runs`.
fn floor(validator: &jsonschema::Validator, text: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let v: Value = serde_json::from_str(text).expect("the document is JSON");
            std::hint::black_box(validator.is_valid(&v));
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let bin = std::env::var("PROCORE_MANIFEST_BIN").unwrap_or_else(|_| {
        let target =
            std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").into());
        format!("{target}/release/procore-manifest")
    });
    let fixture =
        |p: &str| std::fs::read_to_string(format!("{}/fixtures/{p}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    let (mut child, mut c) = start(&bin);

    // 1. Re-lint after a one-character edit.
    let typical = fixture("valid/v41-complete.manifest.json");
    let uri = "file:///bench/typical.manifest.json";
    open(&mut c, uri, &typical);
    c.diagnostics_of(uri, 1);
    let mut times = Vec::new();
    for i in 0..300i64 {
        let version = i + 2;
        let edited = typical.replacen("Acme", if i % 2 == 0 { "Acmf" } else { "Acme" }, 1);
        let t = Instant::now();
        change(&mut c, uri, version, &edited);
        c.diagnostics_of(uri, version);
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "lsp re-lint of a {} byte manifest after a one-character edit (stdio, {} edits): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        typical.len(),
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100]),
        ms(times[times.len() - 1])
    );

    // 2. A small document while a big one is linted again.
    let members: Vec<String> = (0..20_000).map(|i| format!("\"unknown_{i}\": {i}")).collect();
    let big = format!("{{\"schema_version\": \"4.1\", {}}}", members.join(", "));
    let big_uri = "file:///bench/big.manifest.json";
    let small = fixture("R001/company-directory-admin.manifest.json");
    let small_uri = "file:///bench/small.manifest.json";
    open(&mut c, small_uri, &small);
    c.diagnostics_of(small_uri, 1);
    let t = Instant::now();
    open(&mut c, big_uri, &big);
    c.diagnostics_of(big_uri, 1);
    let big_lint = t.elapsed();
    let (mut worst_diag, mut worst_hover, mut worst_completion, mut worst_action) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let position = json!({ "line": 12, "character": 20 });
    for k in 0..5i64 {
        let big_version = k + 2;
        change(
            &mut c,
            big_uri,
            big_version,
            &big.replacen("unknown_0", &format!("unknown_x{k}"), 1),
        );
        // The big lint is under way: now the small document.
        std::thread::sleep(Duration::from_millis(20));
        let version = k + 2;
        let t = Instant::now();
        change(
            &mut c,
            small_uri,
            version,
            &small.replacen("Acme", if k % 2 == 0 { "Acmf" } else { "Acme" }, 1),
        );
        c.diagnostics_of(small_uri, version);
        worst_diag = worst_diag.max(t.elapsed());
        let doc = json!({ "uri": small_uri });
        let t = Instant::now();
        let id = c.request(
            "textDocument/hover",
            json!({ "textDocument": doc, "position": position }),
        );
        c.response(id);
        worst_hover = worst_hover.max(t.elapsed());
        let t = Instant::now();
        let id = c.request(
            "textDocument/completion",
            json!({ "textDocument": doc, "position": position }),
        );
        c.response(id);
        worst_completion = worst_completion.max(t.elapsed());
        let t = Instant::now();
        let id = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": { "start": position, "end": position }, "context": { "diagnostics": [] } }),
        );
        c.response(id);
        worst_action = worst_action.max(t.elapsed());
        c.diagnostics_of(big_uri, big_version);
    }
    println!(
        "while a {} byte document of 20,000 findings is linted ({:.0} ms), worst of 5 tries on a small document: diagnostics {:.1} ms, hover {:.1} ms, completion {:.1} ms, code action {:.1} ms",
        big.len(),
        ms(big_lint),
        ms(worst_diag),
        ms(worst_hover),
        ms(worst_completion),
        ms(worst_action)
    );
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/manifest.schema.json")).expect("schema"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::draft202012::options()
        .build(&schema)
        .expect("the schema compiles");
    println!(
        "floor (serde_json + jsonschema, compiled once, in process) on the same documents, median: the {} byte manifest {:.3} ms (of 300), the 20,000-member document {:.1} ms (of 5)",
        typical.len(),
        ms(floor(&validator, &typical, 300)),
        ms(floor(&validator, &big, 5))
    );
    let id = c.request("shutdown", Value::Null);
    c.response(id);
    c.notify("exit", Value::Null);
    let _ = child.wait();
}
