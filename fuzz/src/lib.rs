//! Fuzzing support for procore-manifest: the oracle every target runs and
//! the structure-aware input builder.

pub mod oracle;
pub mod structured;
