//! Arbitrary bytes through the whole pipeline: lint, every emitter, every
//! fix (see procore_manifest_fuzz::oracle).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    procore_manifest_fuzz::oracle::check(data);
});
