//! Parsing and validating `procore-manifest.toml`.
use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("procore-manifest.toml"), text.to_string())
}

/// The error a refused config gets, and the 1-based line it points at.
fn refused(text: &str) -> (String, usize) {
    let e = parse(text).expect_err(text);
    let at = e.span.expect("a place").start as usize;
    (e.message, text[..at].matches('\n').count() + 1)
}

#[test]
fn the_cli_md_example_parses() {
    let c = parse(
        r#"
include = ["apps/**/manifest.json"]
exclude = ["fixtures/**"]
fail-on = "error"

[rules]
select = ["ALL"]
ignore = ["C007"]
severity = { P002 = "error" }
max-admin-grants = 3
expected-auth = "service-account"

[catalog]
company-tools = { my_new_tool = ["none", "readonly", "standard", "admin"] }
project-tools = {}
views = ["my_tool.detail"]

[[allow]]
rule = "R001"
files = "apps/directory-sync/**"
pointer = "/permissions/company/directory"
reason = "Directory sync provisions users; approved in security review SR-142"
expires = 2027-06-30
"#,
    )
    .unwrap();
    assert_eq!(c.allows.len(), 1);
    assert_eq!(c.allows[0].expires.as_deref(), Some("2027-06-30"));
    assert!(c.settings.catalog.company_tools.contains_key("my_new_tool"));
    assert_eq!(c.settings.rules.ignore, vec!["C007"]);
}

#[test]
fn unknown_key_has_did_you_mean_and_position() {
    let e = parse("[rules]\nselct = [\"ALL\"]\n").unwrap_err();
    assert!(e.message.contains("selct"), "{}", e.message);
    assert_eq!(e.help.as_deref(), Some("did you mean `select`?"));
    assert!(e.one_line().contains(":2:"), "{}", e.one_line());
}

#[test]
fn empty_reason_is_an_error() {
    let e = parse("[[allow]]\nrule = \"R001\"\nreason = \"  \"\n").unwrap_err();
    assert!(e.message.contains("non-empty `reason`"));
}

#[test]
fn bad_values() {
    assert!(parse("fail-on = \"sometimes\"").is_err());
    assert!(parse("[rules]\nselect = [\"Z9\"]")
        .unwrap_err()
        .message
        .contains("matches no rule"));
    assert!(parse("exclude = [\"a/[\"]").unwrap_err().message.contains("bad glob"));
    assert!(parse("[rules]\nmax-admin-grants = \"three\"").is_err());
    assert!(parse("[[allow]]\nrule = \"R001\"\nreason = \"x\"\nexpires = \"soon\"").is_err());
    let quoted = parse("[[allow]]\nrule = \"R001\"\nreason = \"x\"\nexpires = \"2027-06-30\"").unwrap();
    assert_eq!(quoted.allows[0].expires.as_deref(), Some("2027-06-30"));
    for bad in ["2027-02-30", "2027-6-30", "2027-06-30T00:00:00", "27-06-30"] {
        let text = format!("[[allow]]\nrule = \"R001\"\nreason = \"x\"\nexpires = \"{bad}\"");
        assert!(parse(&text).is_err(), "{bad}");
    }
}

#[test]
fn an_empty_select_is_refused_and_names_select_rules() {
    let e = parse("[rules]\nselect = []\n").unwrap_err();
    assert!(e.message.contains("selects no rule"), "{}", e.message);
    assert!(e.one_line().contains(":2:"), "{}", e.one_line());
    let c = parse("[rules]\nselect = [\"r\", \"secret-in-manifest\"]\nignore = [\"unknown-member\"]\n[rules.severity]\nplaceholder-value = \"error\"\n").unwrap();
    assert_eq!(c.settings.rules.select, vec!["R", "R007"]);
    assert_eq!(c.settings.rules.ignore, vec!["S006"]);
    assert!(c.settings.rules.severity.contains_key("C012"));
}

#[test]
fn catalog_additions_are_checked() {
    for (bad, what) in [
        (
            "[catalog.company-tools]\n\"\" = [\"none\", \"readonly\"]",
            "not a tool key",
        ),
        (
            "[catalog.company-tools]\n\"My Tool\" = [\"readonly\"]",
            "not a tool key",
        ),
        ("[catalog.project-tools]\nmy_tool = [\"none\"]", "no level but none"),
        ("[catalog.project-tools]\nmy_tool = []", "no level but none"),
        (
            "[catalog.project-tools]\nmy_tool = [\"readonly\", \"readonly\"]",
            "twice",
        ),
        ("[catalog]\nviews = [\"rfi\"]", "not a side panel view key"),
        ("[catalog]\nviews = [\"\"]", "not a side panel view key"),
        // A built-in tool is not replaced unsaid (its levels, its name).
        (
            "[catalog]\ncompany-tools = { admin = [\"none\", \"readonly\", \"admin\"] }",
            "is a built-in company tool (Admin, levels none, admin)",
        ),
        (
            "[catalog.project-tools]\nbudgeting = [\"none\", \"readonly\"]",
            "is a built-in project tool",
        ),
        // A tool of the other scope (it would silence P003).
        (
            "[catalog.company-tools]\nrfi = [\"none\", \"readonly\"]",
            "is a built-in project tool",
        ),
    ] {
        let e = parse(bad).unwrap_err();
        assert!(e.message.contains(what), "{bad}: {}", e.message);
        assert!(e.span.is_some(), "{bad}: the error points at the value");
    }
    let c =
        parse("[catalog]\nviews = [\"my_tool.detail\"]\n[catalog.project-tools]\nmy_tool = [\"none\", \"readonly\"]")
            .unwrap();
    assert_eq!(c.settings.catalog.views, vec!["my_tool.detail"]);
}

#[test]
fn a_credential_in_a_reason_is_not_kept() {
    let c =
        parse("[[allow]]\nrule = \"R007\"\nreason = \"dummy sk_live_51HxQzTopSecretValue123 for tests\"\n").unwrap();
    assert!(!c.allows[0].reason.contains("sk_live_51HxQz"), "{}", c.allows[0].reason);
    assert!(c.allows[0].reason.starts_with("dummy "), "{}", c.allows[0].reason);
}

#[test]
fn usage_routes_are_checked() {
    let route = |r: &str| format!("[usage]\nroutes = {{ {r} }}\n");
    for (bad, what) in [
        (
            r#""GET /v1.0/projects/:project_id/rfis" = { scope = "project", tool = "rfis", level = "readonly" }"#,
            "did you mean `rfi`?",
        ),
        (
            r#""FETCH /v1.0/x" = { scope = "project", tool = "rfi", level = "readonly" }"#,
            "HTTP method",
        ),
        (
            r#""GET /v1.0/x" = { scope = "project", tool = "rfi", level = "none" }"#,
            "needs level `none`: a call needs at least readonly",
        ),
        (
            r#""GET /v1.0/x" = { scope = "company", tool = "admin", level = "readonly" }"#,
            "which `admin` does not offer",
        ),
        (
            r#""GET/v1.0/x" = { scope = "project", tool = "rfi", level = "readonly" }"#,
            "METHOD /route",
        ),
    ] {
        let e = parse(&route(bad)).unwrap_err();
        assert!(
            format!("{} {:?}", e.message, e.help).contains(what),
            "{bad}: {} {:?}",
            e.message,
            e.help
        );
    }
    let ok = parse(&format!(
        "[catalog.project-tools]\nmy_tool = [\"none\", \"readonly\"]\n{}",
        route(r#""get /v1.0/x" = { scope = "project", tool = "my_tool", level = "readonly" }"#)
    ))
    .unwrap();
    assert_eq!(ok.settings.extra_routes.len(), 1);
    // Each refusal names the line of what is wrong: the key, the tool, the level.
    let table = |key: &str, tool: &str, level: &str| {
        format!("# routes\n[usage.routes]\n\n[usage.routes.\"{key}\"]\nscope = \"project\"\ntool = \"{tool}\"\nlevel = \"{level}\"\n")
    };
    for (text, line) in [
        (table("FETCH /v1.0/x", "rfi", "readonly"), 4),
        (table("GET", "rfi", "readonly"), 4),
        (table("GET /v1.0/x", "rfis", "readonly"), 6),
        (table("GET /v1.0/x", "rfi", "none"), 7),
        (table("GET /v1.0/x", "rfi", "kinda"), 7),
    ] {
        assert_eq!(refused(&text).1, line, "{text}");
    }
}

#[test]
fn globs_written_from_the_config_folder_match() {
    let c = parse("include = [\"./apps/**/manifest.json\"]\nexclude = [\".//fixtures/**\"]\n").unwrap();
    let inc = c.include.as_ref().expect("include");
    assert!(inc.is_match("apps/a/manifest.json"));
    assert!(c.exclude.as_ref().expect("exclude").is_match("fixtures/x.json"));
}

/// serde reads a struct from an array, its fields in order: every place
/// the config wants a table refuses an array, naming the key and line.
#[test]
fn arrays_where_tables_belong_are_refused() {
    for (text, said, line) in [
        (
            "rules = [[\"I001\"]]",
            "`rules` must be a table (`[rules]`), not an array",
            1,
        ),
        ("rules = []", "`rules` must be a table", 1),
        ("catalog = []", "`catalog` must be a table", 1),
        ("usage = []", "`usage` must be a table", 1),
        ("[[rules]]\nselect = [\"R\"]", "`rules` must be a table", 1),
        (
            "[rules]\nseverity = [[\"R001\", \"info\"]]",
            "`rules.severity` must be a table",
            2,
        ),
        (
            "[catalog]\ncompany-tools = [[\"x\"]]",
            "`catalog.company-tools` must be a table",
            2,
        ),
        (
            "[usage.routes]\n\"GET /rest/v1.0/x\" = [\"company\", \"directory\", \"readonly\"]",
            "`usage.routes.\"GET /rest/v1.0/x\"` must be a table",
            2,
        ),
        (
            "allow = [[\"R001\", \"**\", \"/permissions/company/directory\", \"ok\"]]",
            "`allow` entry 1 must be a table (`[[allow]]`), not an array",
            1,
        ),
        ("allow = [[\"R001\"]]", "`allow` entry 1 must be a table", 1),
    ] {
        let (message, at_line) = refused(text);
        assert!(message.contains(said), "{text}: {message}");
        assert_eq!(at_line, line, "{text}");
    }
    // Tables written inline still are tables.
    assert!(parse("rules = { select = [\"R\"] }\ncatalog = { views = [\"rfis.detail\"] }").is_ok());
}

/// An `[[allow]]` pointer that is no JSON pointer would never match: it is
/// refused where it is written. Empty globs match nothing: refused too;
/// `include = []` gives no include glob (files picked by content).
#[test]
fn pointers_and_globs_that_match_nothing_are_refused() {
    let allow = |pointer: &str| format!("[[allow]]\nrule = \"R001\"\npointer = \"{pointer}\"\nreason = \"ok\"\n");
    for bad in ["permissions/company/directory", "/a~2b", "/a~", "x"] {
        let (message, line) = refused(&allow(bad));
        assert!(message.contains("is not a JSON pointer"), "{bad}: {message}");
        assert_eq!(line, 3, "{bad}");
    }
    for good in ["", "/permissions/company/directory", "/a~0b~1c", "/"] {
        assert!(parse(&allow(good)).is_ok(), "{good}");
    }
    for text in [
        "include = [\"./\"]",
        "include = [\"/\"]",
        "[[allow]]\nrule = \"R001\"\nfiles = \"./\"\nreason = \"ok\"",
        "include = [\"\"]",
        "exclude = [\"apps/**\", \"  \"]",
        "[[allow]]\nrule = \"R001\"\nfiles = \"\"\nreason = \"ok\"",
    ] {
        let e = parse(text).expect_err(text);
        assert_eq!(e.message, "an empty glob matches no file", "{text}");
    }
    let c = parse("include = []").expect("no include glob");
    assert!(c.include.is_none());
}

/// A value of another type than the config's schema allows is said in
/// words, naming the key and its line (serde said "expected usize").
#[test]
fn values_of_the_wrong_type_are_said_in_words() {
    for (text, said, line) in [
        (
            "[rules]\nmax-admin-grants = \"3\"",
            "`rules.max-admin-grants` must be an integer, not a string",
            2,
        ),
        (
            "[rules]\nselect = { a = 1 }",
            "`rules.select` must be an array, not a table",
            2,
        ),
        ("include = \"apps/**\"", "`include` must be an array, not a string", 1),
        ("fail-on = [\"error\"]", "`fail-on` must be a string, not an array", 1),
        (
            "[rules]\nexpected-auth = true",
            "`rules.expected-auth` must be a string, not a boolean",
            2,
        ),
        (
            "[catalog]\ncompany-tools = { x = \"admin\" }",
            "`catalog.company-tools.x` must be an array, not a string",
            2,
        ),
        (
            "[[allow]]\nrule = \"R001\"\nreason = \"x\"\npointer = 5",
            "`pointer` of `allow` entry 1 must be a string, not an integer",
            4,
        ),
        // Of the right type but not a value the key takes (serde said
        // "invalid value: integer `-1`, expected usize", "unknown variant").
        (
            "[rules]\nmax-admin-grants = -1",
            "`rules.max-admin-grants` must be a whole number of 0 or more, not -1",
            2,
        ),
        (
            "[rules]\nmax-admin-grants = 99999999999999999999999",
            "`rules.max-admin-grants` is too large: 99999999999999999999999",
            2,
        ),
        (
            "[rules]\nexpected-auth = \"Both\"",
            "`rules.expected-auth` must be one of \"service-account\", \"user\" or \"both\", not \"Both\"",
            2,
        ),
        (
            "[rules]\nseverity = { P002 = \"fatal\" }",
            "`rules.severity.P002` must be one of \"error\", \"warning\" or \"info\", not \"fatal\"",
            2,
        ),
        (
            "fail-on = \"errors\"",
            "`fail-on` must be one of \"error\", \"warning\", \"info\" or \"never\", not \"errors\"",
            1,
        ),
    ] {
        assert_eq!(refused(text), (said.to_string(), line), "{text}");
    }
    // A TOML date is the string of a date `expires` wants.
    assert!(parse("[[allow]]\nrule = \"R001\"\nreason = \"x\"\nexpires = 2027-06-30").is_ok());
}
