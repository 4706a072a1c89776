//! The packages name one version: Cargo.toml's. The pre-commit placeholder
//! pins that wheel, the npm launcher and every platform package carry it
//! (and the launcher depends on each platform package at it), and the
//! GitHub Action installs it by default.

use std::path::Path;

fn read(p: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect(p)
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn every_package_has_the_crate_version() {
    assert!(
        read("setup.py").contains(&format!("PROCORE_MANIFEST_VERSION = \"{VERSION}\"")),
        "setup.py pins another wheel"
    );
    let launcher: serde_json::Value = serde_json::from_str(&read("npm/procore-manifest/package.json")).expect("json");
    assert_eq!(launcher["version"], VERSION);
    let deps = launcher["optionalDependencies"]
        .as_object()
        .expect("optionalDependencies");
    assert!(deps.len() >= 5);
    for (name, v) in deps {
        assert_eq!(v, VERSION, "{name}");
        let dir = name
            .strip_prefix("@procore-manifest/cli-")
            .expect("scoped platform package");
        let platform: serde_json::Value =
            serde_json::from_str(&read(&format!("npm/platforms/{dir}/package.json"))).expect("json");
        assert_eq!(platform["name"], name.as_str());
        assert_eq!(platform["version"], VERSION, "{name}");
    }
    let action = read("action.yml");
    assert!(
        action.contains(&format!("    default: \"{VERSION}\"")),
        "action.yml installs another version by default"
    );
}

#[test]
fn no_pyproject_at_the_root() {
    // pre-commit would build from source (typos issue #682).
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("pyproject.toml").exists());
    assert!(read("python/pyproject.toml").contains("bindings = \"bin\""));
}
