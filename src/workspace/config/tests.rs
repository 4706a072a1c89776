//! Parsing and validating `procore-manifest.toml`.
use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("procore-manifest.toml"), text.to_string())
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
