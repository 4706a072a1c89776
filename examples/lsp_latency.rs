//! Latency of the language server: the work of one didChange on a ~5 KB
//! manifest (parse, every rule, conversion to LSP diagnostics), and how long
//! a small document waits while a pathological one is linted.
//! Run: `cargo run --release --example lsp_latency`.

fn main() {
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/valid/v41-complete.manifest.json"
    ))
    .expect("fixture");
    // Grow it to about 5 KB with more views and a longer description, and a
    // few findings so conversion has work to do.
    let views: Vec<String> = (0..60).map(|i| format!("\"rfi.detail{i}\"")).collect();
    let text = base.replace(
        "\"views\": [\"rfi.detail\", \"submittal_logs.detail\", \"change_events.detail\"]",
        &format!(
            "\"views\": [{}], \"description\": \"{}\"",
            views.join(", "),
            "Panel text. ".repeat(230)
        ),
    );
    let mut times = Vec::new();
    let mut n = 0;
    for i in 0..2_000 {
        // Each "keystroke" changes the text, as typing does.
        let edited = text.replace("Acme Field Sync", &format!("Acme Field Sync {i}"));
        let start = std::time::Instant::now();
        n = procore_manifest::lsp::relint_for_bench(&edited);
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let p99 = times[times.len() * 99 / 100];
    println!(
        "lsp re-lint of a {} byte manifest ({n} diagnostics): median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        text.len(),
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
    blocking();
}

/// While a pathological document (an object of 200,000 members) is being
/// linted, how long a small document waits for its diagnostics and for a
/// hover: the server lints off its main loop.
fn blocking() {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::json;
    use std::time::{Duration, Instant};
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || procore_manifest::lsp::serve(&server));
    let send = |m: Message| client.sender.send(m).expect("send");
    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".into(),
        json!({ "capabilities": {} }),
    )));
    let _ = client.receiver.recv_timeout(Duration::from_secs(10));
    send(Message::Notification(Notification::new(
        "initialized".into(),
        json!({}),
    )));
    let members: Vec<String> = (0..200_000).map(|i| format!("\"unknown_{i}\": {i}")).collect();
    let big = format!("{{\"schema_version\": \"4.1\", {}}}", members.join(", "));
    let small = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/R001/company-directory-admin.manifest.json"
    ))
    .expect("fixture");
    let open = |uri: &str, text: &str| {
        Message::Notification(Notification::new(
            "textDocument/didOpen".into(),
            json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
        ))
    };
    send(open("file:///bench/big.manifest.json", &big));
    let start = Instant::now();
    send(open("file:///bench/small.manifest.json", &small));
    let mut small_diagnostics = None;
    let mut hover = None;
    let mut big_done = None;
    let mut hover_sent = None;
    while big_done.is_none() || hover.is_none() {
        match client
            .receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("a message")
        {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                if n.params["uri"] == "file:///bench/small.manifest.json" && small_diagnostics.is_none() {
                    small_diagnostics = Some(start.elapsed());
                    hover_sent = Some(Instant::now());
                    send(Message::Request(Request::new(
                        RequestId::from(2),
                        "textDocument/hover".into(),
                        json!({ "textDocument": { "uri": "file:///bench/small.manifest.json" }, "position": { "line": 11, "character": 20 } }),
                    )));
                } else if n.params["uri"] == "file:///bench/big.manifest.json" {
                    big_done = Some(start.elapsed());
                }
            }
            Message::Response(r) if r.id == RequestId::from(2) => {
                hover = hover_sent.map(|t| t.elapsed());
            }
            _ => {}
        }
    }
    let ms = |d: Option<Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1e3);
    println!(
        "while a {} byte document of 200,000 members is linted ({:.0} ms): a small document's diagnostics after {:.1} ms, a hover on it answered in {:.1} ms",
        big.len(),
        ms(big_done),
        ms(small_diagnostics),
        ms(hover)
    );
    send(Message::Request(Request::new(
        RequestId::from(3),
        "shutdown".into(),
        json!(null),
    )));
    send(Message::Notification(Notification::new("exit".into(), json!(null))));
    let _ = thread.join();
}
