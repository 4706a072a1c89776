//! The inputs and facts of `usage` (least privilege from real traffic):
//! the API Call Activity Report ([`activity`], read from any reader) and
//! the route map ([`routes`]). Pure data: the U rules that set the calls
//! against a manifest's grants live in `rules/usage/` and run in the one
//! engine when the settings carry a report.

pub mod activity;
pub mod calls;
mod dates;
mod guard;
pub mod routes;

/// One tool of the analysis: what is granted, what the calls need.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ToolUse {
    pub scope: &'static str,
    pub key: String,
    /// The level granted (`None`: not granted).
    pub granted: Option<&'static str>,
    /// The highest level the calls need (`None`: no call mapped).
    pub needed: Option<&'static str>,
    pub calls_ok: u64,
    pub calls_403: u64,
    /// The lowest confidence of the route mappings its calls rest on.
    pub confidence: Option<&'static str>,
    /// Does the route map know any route of the tool? Without one, no call
    /// can show it used (the table says so; U001 stays silent).
    #[serde(skip)]
    pub mapped: bool,
    /// What to do with the tool, in a word, as the U rules decide it
    /// ([`crate::rules::usage::analysis`]): the table never says what the
    /// findings do not.
    #[serde(skip)]
    pub verdict: &'static str,
}

/// A route the map does not know.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unmapped {
    pub method: std::sync::Arc<str>,
    pub route: std::sync::Arc<str>,
    pub calls: u64,
    /// The route map lists the path under other methods: its (scope,
    /// tool, methods). Boxed: a report may name a million unmapped routes,
    /// nearly all of them none the map knows.
    #[serde(skip)]
    pub listed: Option<Box<(crate::catalog::Scope, String, String)>>,
}

/// What `usage` found besides its findings: the tool table and the routes
/// the map does not know, and the report's size.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub tools: Vec<ToolUse>,
    /// Shared with the run's mapped calls (a report can name a million).
    pub unmapped: std::sync::Arc<Vec<Unmapped>>,
    pub rows: u64,
    pub days: usize,
    pub calls: u64,
    /// The grants U003 asks for, (scope, tool, level) (none when it is
    /// turned off): part of the rating once every suggestion is applied.
    pub asked: Vec<(crate::catalog::Scope, String, crate::model::Level)>,
}
