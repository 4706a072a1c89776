//! Fixture manifests with arbitrary JSON values spliced in, through the
//! whole pipeline (see procore_manifest_fuzz::structured and ::oracle).
//! PROCORE_FUZZ_DUMP=1 prints each generated manifest to stderr.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(bytes) = procore_manifest_fuzz::structured::generate(data) {
        if std::env::var_os("PROCORE_FUZZ_DUMP").is_some() {
            eprintln!("----- generated:\n{}", String::from_utf8_lossy(&bytes));
        }
        procore_manifest_fuzz::oracle::check(&bytes);
    }
});
