//! X001 `unused-allow`.

//! Declared here; reported by the workspace floor (X001, from a whole run)
//! and the front ends (X002).

use crate::declare_rule;

declare_rule! {
    /// ## What it checks
    /// An `[[allow]]` entry of `procore-manifest.toml` that matched no
    /// finding in the files it covers that were checked in this run (a
    /// pre-commit run checks a few files: entries for the others are not
    /// reported). Reported at the entry in the config file.
    ///
    /// ## Why
    /// A stale risk acceptance hides nothing today, but would silently
    /// accept the same risk if it came back; remove it once the risk is gone.
    ///
    /// ## Example
    /// ```toml
    /// [[allow]]
    /// rule = "R001"
    /// files = "apps/directory-sync/**"
    /// reason = "Directory sync provisions users (SR-142)"
    /// ```
    /// with no Admin grant on the company Directory left in those files.
    ///
    /// ## Fixed
    /// Remove the entry.
    pub static X001 = ("X001", "unused-allow", Info, None,
        "an [[allow]] entry matched no finding in the files it covers that were checked in this run");
}
