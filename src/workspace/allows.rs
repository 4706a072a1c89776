//! Recorded risk acceptances (`[[allow]]`): findings they match stay in the
//! JSON and SARIF reports, marked, and never count toward the exit code. The
//! risk rating ignores them.

use super::config::Config;
use crate::diagnostics::{Diagnostic, Suppression};
use crate::rules::audit::x001_unused_allow;
use crate::FileReport;

/// Which allow entries of a config covered a checked file, and which matched.
#[derive(Debug, Default, Clone)]
pub struct AllowUse {
    pub covered: Vec<bool>,
    pub used: Vec<bool>,
}

impl AllowUse {
    /// Add what another file's check recorded.
    pub fn merge(&mut self, other: &AllowUse) {
        for (mine, theirs) in [(&mut self.covered, &other.covered), (&mut self.used, &other.used)] {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), false);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m |= *t;
            }
        }
    }
}

/// Does `a` cover the file at `rel` (relative to the config's directory)?
fn covers(a: &super::config::Allow, rel: Option<&str>) -> bool {
    match (&a.files, rel) {
        (None, Some(_)) => true,
        (Some(g), Some(r)) => g.is_match(r),
        (_, None) => false,
    }
}

/// Does `a` match the finding `d` (its rule, and its pointer when it names one)?
fn matches(a: &super::config::Allow, d: &Diagnostic) -> bool {
    d.rule.code == a.rule && a.pointer.as_ref().is_none_or(|p| *p == d.pointer)
}

/// Is `d` accepted by an unexpired `[[allow]]` of `config` covering the
/// file at `rel`? The fix engine leaves such findings' fixes alone (a grant
/// kept on purpose is not removed by `--fix`).
pub fn accepts(config: &Config, rel: Option<&str>, today: &str, d: &Diagnostic) -> bool {
    config
        .allows
        .iter()
        .any(|a| covers(a, rel) && matches(a, d) && a.expires.as_ref().is_none_or(|e| today <= e.as_str()))
}

/// Apply a config's `[[allow]]` entries to a report. `rel` is the file's
/// path relative to the config's directory (None: not under it).
pub fn apply_allows(report: &mut FileReport, config: &Config, rel: Option<&str>, today: &str, usage: &mut AllowUse) {
    usage.covered.resize(config.allows.len(), false);
    usage.used.resize(config.allows.len(), false);
    for a in &config.allows {
        if !covers(a, rel) {
            continue;
        }
        usage.covered[a.index] = true;
        for d in report.diagnostics.iter_mut().filter(|d| d.suppressed.is_none()) {
            if !matches(a, d) {
                continue;
            }
            usage.used[a.index] = true;
            match &a.expires {
                Some(e) if today > e.as_str() => {
                    report.expired_allows += 1;
                    let note = format!(
                        "the risk acceptance for this finding expired on {e} (reason was: {})",
                        a.reason
                    );
                    d.help = Some(match d.help.take() {
                        Some(h) => format!("{note}; {h}").into(),
                        None => note.into(),
                    });
                    d.set_expired(crate::diagnostics::Expired {
                        date: e.clone(),
                        reason: a.reason.clone(),
                    });
                }
                _ => {
                    d.suppressed = Some(Box::new(Suppression::Allow {
                        reason: a.reason.clone(),
                    }))
                }
            }
        }
    }
}

/// X001 for the entries of a config that covered a checked file and matched
/// nothing: a report on the config file itself.
pub fn unused_allows(config: &Config, usage: &AllowUse, settings: &crate::Settings) -> Option<FileReport> {
    let unmatched = config
        .allows
        .iter()
        .filter(|a| usage.covered.get(a.index) == Some(&true) && usage.used.get(a.index) != Some(&true))
        // An entry for a rule this run did not run (a U rule in `check`,
        // a rule `--ignore`d) could not match: it is not stale.
        .filter(|a| crate::rules::registry::lookup(&a.rule).is_some_and(|r| crate::rules::registry::runs(r, settings)))
        .map(|a| x001_unused_allow::Unmatched {
            span: a.span,
            index: a.index,
            rule: &a.rule,
            files: a.files_text.as_deref(),
        });
    let diagnostics = x001_unused_allow::check(unmatched, settings);
    if diagnostics.is_empty() {
        return None;
    }
    Some(FileReport::other_file(
        super::paths::display_path(&config.path),
        config.text.clone(),
        diagnostics,
    ))
}

/// Today's date (UTC) as `YYYY-MM-DD`; `PROCORE_MANIFEST_TODAY` overrides
/// it when it holds such a date (dates are compared as text, so
/// `2027-6-30` or `zzz` would put every expiry in the past or the future):
/// another value is said on stderr, once, and the clock's date used.
pub fn today() -> String {
    static WARNED: std::sync::Once = std::sync::Once::new();
    match std::env::var("PROCORE_MANIFEST_TODAY") {
        Ok(t) if super::config::is_iso_date(&t) => return t,
        Ok(t) => WARNED.call_once(|| {
            eprintln!(
                "procore-manifest: warning: PROCORE_MANIFEST_TODAY={} is not a date (YYYY-MM-DD): ignored",
                crate::text::sanitize_inline(&t)
            )
        }),
        Err(_) => {}
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    civil_from_days(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_000), "2024-10-04");
    }
}
