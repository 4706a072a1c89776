//! X: suppression audit and configuration problems.

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

declare_rule! {
    /// ## What it checks
    /// The language server's form of a bad config file (the command line
    /// exits 2 instead): shown at the top of each open manifest the config
    /// governs, naming the config file, line and problem.
    ///
    /// ## Why
    /// A config the tool cannot read would otherwise silently change which
    /// rules run.
    ///
    /// ## Example
    /// ```toml
    /// [rules]
    /// selct = ["ALL"]
    /// ```
    /// ## Fixed
    /// ```toml
    /// [rules]
    /// select = ["ALL"]
    /// ```
    pub static X002 = ("X002", "invalid-config", Error, None,
        "the language server's form of a bad config file, shown at the top of each manifest it governs");
}
