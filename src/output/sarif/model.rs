//! The parts of SARIF 2.1.0 the report writes, as typed structs (fields in
//! the order they are written). Names follow the SARIF specification's
//! property names (`camelCase` on the wire).

use serde::Serialize;

#[derive(Serialize)]
pub struct Text<'a> {
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct Help<'a> {
    pub text: &'a str,
    pub markdown: &'a str,
}

#[derive(Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

#[derive(Serialize)]
pub struct RuleProperties {
    pub tags: &'static [&'static str],
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    pub security_severity: Option<&'static str>,
}

/// `reportingDescriptor`: one rule of the driver.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor<'a> {
    pub id: &'static str,
    pub name: &'static str,
    pub short_description: Text<'static>,
    pub full_description: Text<'a>,
    pub help: Help<'a>,
    pub default_configuration: Configuration,
    pub properties: RuleProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver<'a> {
    pub name: &'static str,
    pub version: &'static str,
    pub information_uri: &'static str,
    pub rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
pub struct Tool<'a> {
    pub driver: Driver<'a>,
}

#[derive(Serialize)]
pub struct Uri<'a> {
    pub uri: &'a str,
}

/// `artifactLocation`.
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    pub region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLocation<'a> {
    pub id: usize,
    pub physical_location: PhysicalLocation,
    pub message: Text<'a>,
}

#[derive(Serialize)]
pub struct Suppression<'a> {
    pub kind: &'static str,
    pub status: &'static str,
    pub justification: &'a str,
}

/// `partialFingerprints`: our one key.
#[derive(Serialize)]
pub struct Fingerprints<'a> {
    #[serde(rename = "procoreManifest/v1")]
    pub v1: &'a str,
}

/// `result`: one finding.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult<'a> {
    pub rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    pub level: &'static str,
    pub message: Text<'a>,
    pub locations: [Location; 1],
    pub partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<RelatedLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressions: Option<[Suppression<'a>; 1]>,
}

#[derive(Serialize)]
pub struct ArtifactProperties {
    pub risk: Option<&'static str>,
}

/// `artifact`: one checked file.
#[derive(Serialize)]
pub struct Artifact {
    pub location: ArtifactLocation,
    pub roles: [&'static str; 1],
    pub properties: ArtifactProperties,
}

/// `originalUriBaseIds` with our one base.
#[derive(Serialize)]
pub struct OriginalUriBaseIds<'a> {
    #[serde(rename = "%SRCROOT%")]
    pub srcroot: Uri<'a>,
}
