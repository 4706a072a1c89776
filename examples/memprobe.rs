fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(&path).expect("read");
    let settings = procore_manifest::Settings::default();
    let report = procore_manifest::lint::lint_bytes(&path, &bytes, &settings);
    println!("{} findings", report.diagnostics.len());
}
