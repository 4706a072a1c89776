//! The report formats of `check`, in one table: a format is its file in
//! this folder and one line here. `--format`'s names, its error message and
//! the emitter each run writes with come from [`FORMATS`].

use super::Emitter;

/// What a run asks of every emitter.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmitOptions {
    /// `--quiet`: the human report leaves out the summary of a clean run.
    pub quiet: bool,
    /// `--show-suppressed`: the human report lists suppressed findings.
    pub show_suppressed: bool,
    /// `--statistics`: one line per rule instead of the findings.
    pub statistics: bool,
    /// The run also writes GitHub's job summary (`GITHUB_STEP_SUMMARY`):
    /// the github report's notice of hidden annotations points there.
    pub job_summary: bool,
}

/// One report format.
#[derive(Debug)]
pub struct Format {
    /// Its name on the command line (`--format NAME`).
    pub name: &'static str,
    make: fn(&EmitOptions) -> Box<dyn Emitter>,
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Format {
    /// The emitter of a run of this format. `--statistics` replaces the
    /// findings of the formats a person reads (human, concise) and of JSON
    /// (its own shape); the formats other tools read (SARIF, JUnit, GitLab,
    /// GitHub commands, rdjson, markdown for a comment) have no statistics
    /// shape and keep their report: text in them would break their reader.
    pub fn emitter(&'static self, options: &EmitOptions) -> Box<dyn Emitter> {
        if options.statistics && matches!(self.name, "human" | "concise" | "json") {
            return Box::new(super::statistics::Statistics::new(self == &JSON));
        }
        (self.make)(options)
    }
}

pub static HUMAN: Format = Format {
    name: "human",
    make: |o| Box::new(super::human::Human::new(o.quiet).show_suppressed(o.show_suppressed)),
};
pub static JSON: Format = Format {
    name: "json",
    make: |_| Box::new(super::json::Json::default()),
};
pub static GITHUB: Format = Format {
    name: "github",
    make: |o| Box::new(super::github::Github::new(o.job_summary)),
};
pub static MARKDOWN: Format = Format {
    name: "markdown",
    make: |_| Box::new(super::markdown::Markdown::default()),
};

/// Every format, in the order `--help` and errors list them.
pub static FORMATS: &[&Format] = &[
    &HUMAN,
    &Format {
        name: "concise",
        make: |_| Box::new(super::concise::Concise),
    },
    &JSON,
    &Format {
        name: "sarif",
        make: |_| Box::new(super::sarif::Sarif::new()),
    },
    &GITHUB,
    &Format {
        name: "junit",
        make: |_| Box::new(super::junit::Junit::new()),
    },
    &Format {
        name: "gitlab",
        make: |_| Box::new(super::gitlab::Gitlab::new()),
    },
    &MARKDOWN,
    &Format {
        name: "rdjson",
        make: |_| Box::new(super::rdjson::Rdjson::default()),
    },
];

/// The format called `name`.
pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().copied().find(|f| f.name == name)
}

/// Every format's name, for messages: `human, concise, json, …`.
pub fn names() -> String {
    FORMATS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

/// A format of another command's report: its name on the command line and
/// its renderer. The first of each list is the default.
pub struct Rendered<F> {
    pub name: &'static str,
    pub render: F,
}

/// A `permissions` matrix renderer.
pub type MatrixFn = fn(&super::permissions::Matrix) -> String;
/// A `diff` report renderer (`bool`: colour).
pub type DiffFn = fn(&crate::diff::DiffReport, bool) -> String;
/// A `usage` report renderer, writing as it goes (a report can list a
/// million unmapped routes).
pub type UsageFn =
    for<'r, 'a, 'w> fn(&'r super::usage::UsageReport<'a>, &'w mut dyn std::io::Write) -> std::io::Result<()>;

/// `permissions --format`.
pub static MATRIX: &[Rendered<MatrixFn>] = &[
    Rendered {
        name: "table",
        render: super::permissions::table,
    },
    Rendered {
        name: "markdown",
        render: super::permissions::markdown,
    },
    Rendered {
        name: "json",
        render: super::permissions::json,
    },
    Rendered {
        name: "csv",
        render: super::permissions::csv,
    },
];

/// `diff --format`.
pub static DIFF: &[Rendered<DiffFn>] = &[
    Rendered {
        name: "human",
        render: super::diff::human,
    },
    Rendered {
        name: "markdown",
        render: |r, _| super::diff::markdown(r),
    },
    Rendered {
        name: "json",
        render: |r, _| super::diff::json(r),
    },
];

/// `usage --format`.
pub static USAGE: &[Rendered<UsageFn>] = &[
    Rendered {
        name: "human",
        render: |r, w| w.write_all(super::usage::human(r).as_bytes()),
    },
    Rendered {
        name: "json",
        render: super::usage::write_json,
    },
    Rendered {
        name: "markdown",
        render: |r, w| w.write_all(super::usage::markdown(r).as_bytes()),
    },
];

/// `rules --format`.
pub static RULE_LISTS: &[Rendered<fn() -> String>] = &[
    Rendered {
        name: "text",
        render: super::rules::text,
    },
    Rendered {
        name: "json",
        render: super::rules::json,
    },
    Rendered {
        name: "markdown",
        render: super::rules::markdown,
    },
];

/// The renderer called `name` in `list` (the command line checked the
/// name against the same list: the default otherwise).
pub fn pick<F: Copy>(list: &[Rendered<F>], name: &str) -> F {
    list.iter().find(|r| r.name == name).unwrap_or(&list[0]).render
}

/// The names of `list`, for the command line's parser.
pub fn names_of<F>(list: &'static [Rendered<F>]) -> impl Iterator<Item = &'static str> {
    list.iter().map(|r| r.name)
}
