//! I: what the installing admin is told after installing.

pub mod i001_missing_post_installation_instruction;
pub mod i002_incomplete_post_installation_instruction;

pub use i001_missing_post_installation_instruction::I001;
pub use i002_incomplete_post_installation_instruction::I002;

use super::Checker;

pub fn check(cx: &mut Checker) {
    if cx.root.as_object().is_none() {
        return;
    }
    // Pushed onto the file's findings in place (no copy of millions of them).
    let mut out = std::mem::take(&mut cx.diagnostics);
    match cx.root.get("post_installation_instruction") {
        None if cx.enabled(&I001) => i001_missing_post_installation_instruction::check(cx, &mut out),
        // Not an object: S003.
        Some(pii) if pii.as_object().is_some() && cx.enabled(&I002) => {
            i002_incomplete_post_installation_instruction::check(cx, pii, &mut out)
        }
        _ => {}
    }
    cx.diagnostics = out;
}
