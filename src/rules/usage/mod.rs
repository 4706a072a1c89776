//! U: least privilege from real traffic (`procore-manifest usage`). The
//! group runs when the settings carry an API Call Activity Report
//! (`Settings::activity`), in place of the manifest's own checks: the calls
//! are set against the grants once ([`analysis`]) and each rule reports
//! from that.

pub mod analysis;
pub mod u001_unused_grant;
pub mod u002_over_grant;
pub mod u003_missing_grant;
pub mod u004_unmapped_route;

pub use u001_unused_grant::U001;
pub use u002_over_grant::U002;
pub use u003_missing_grant::U003;
pub use u004_unmapped_route::U004;

use super::Checker;

/// `n` and the word for it: "1 day", "2 days", "1 call".
fn count(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Every U rule, and the facts of the report for its renderers.
pub fn check(cx: &mut Checker) {
    let Some(input) = cx.settings.activity.clone() else {
        return;
    };
    let settings = cx.settings;
    let root = cx.root;
    let catalog = crate::catalog::Catalog::new(&settings.catalog);
    let a = analysis::Analysis::new(root, cx.family, &input, settings, &catalog);
    if cx.enabled(&U001) {
        u001_unused_grant::check(cx, &a);
    }
    if cx.enabled(&U002) {
        u002_over_grant::check(cx, &a);
    }
    if cx.enabled(&U003) {
        u003_missing_grant::check(cx, &a);
    }
    if cx.enabled(&U004) {
        u004_unmapped_route::check(cx, &a);
    }
    let mut facts = a.facts();
    if cx.enabled(&U003) {
        facts.asked = a.asked();
    }
    cx.usage = Some(Box::new(facts));
}
