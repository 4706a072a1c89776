//! Per-change latency of the language server: the work of one didChange on a
//! ~5 KB manifest (parse, every rule, conversion to LSP diagnostics).
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
}
