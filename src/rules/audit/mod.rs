//! X: the configuration itself (risk acceptances that matched nothing, a
//! config that does not load).

pub mod x001_unused_allow;
pub mod x002_invalid_config;

pub use x001_unused_allow::X001;
pub use x002_invalid_config::X002;
