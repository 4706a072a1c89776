//! C013 `invalid-uuid`.

use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::secrets::quote;
use crate::syntax::{Node, Ptr};
use crate::text::is_uuid;

declare_rule! {
    /// ## What it checks
    /// A component `uuid` (fullscreen, sidepanel, 3.x oauth or iframe
    /// instance) that is not canonical 8-4-4-4-12 hexadecimal.
    ///
    /// ## Why
    /// The Portal identifies components by uuid; documentation samples like
    /// `"123"` are not accepted.
    ///
    /// ## Example
    /// ```json
    /// { "uuid": "my-component-1" }
    /// ```
    /// ## Fixed
    /// ```json
    /// { "uuid": "0f8fad5b-d9cb-469f-a165-70867728950e" }
    /// ```
    ///
    /// ## Evidence
    /// - Defining the App Manifest (4.1) (Procore developer documentation as of February 2026):
    ///   https://github.com/procore/documentation/blob/c755a366a7bf69bda46cd57ef66677275eddcc21/building_applications/building_apps_define_manifest_v41.md
    pub static C013 = ("C013", "invalid-uuid", Warning, None, "a uuid that is not canonical 8-4-4-4-12 hexadecimal");
}

pub fn check(node: &Node, s: &str, pointer: &Ptr, out: &mut Vec<Diagnostic>) {
    if !is_uuid(s) {
        out.push(
            Diagnostic::new(
                &C013,
                node.span,
                pointer.written(),
                format!("uuid {} is not canonical 8-4-4-4-12 hexadecimal", quote(s)),
            )
            .with_help("generate one (e.g. with `uuidgen`) or let the Portal assign it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        assert!(is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!is_uuid("0f8fad5bd9cb469fa16570867728950e"));
        assert!(!is_uuid("123"));
    }

    /// The test by position says what splitting at `-` said, on uuids and
    /// near misses of every kind.
    #[test]
    fn by_position_as_by_splitting() {
        let split = |s: &str| {
            let parts: Vec<&str> = s.split('-').collect();
            parts.len() == 5
                && parts
                    .iter()
                    .zip([8, 4, 4, 4, 12])
                    .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
        };
        let good = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let mut cases: Vec<String> = vec![good.into(), good.to_uppercase(), String::new(), "-".repeat(36)];
        for i in 0..good.len() {
            for c in ['-', 'g', 'A', '0', ' ', 'é', '\u{0}'] {
                let mut v = good.to_string();
                v.replace_range(i..=i, &c.to_string());
                cases.push(v);
            }
            let mut shorter = good.to_string();
            shorter.remove(i);
            cases.push(shorter.clone());
            cases.push(format!("{shorter}-"));
            cases.push(format!("-{shorter}"));
            cases.push(format!("{good}0"));
        }
        for c in &cases {
            assert_eq!(is_uuid(c), split(c), "{c:?}");
        }
    }
}
