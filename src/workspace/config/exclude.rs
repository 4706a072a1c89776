//! `exclude`: globs relative to the config's directory that leave a file
//! out, by its path or a folder above it; a glob with no `/` also by name,
//! at any depth (as gitignore and ruff read one).

use globset::GlobSet;
use toml::Spanned;

/// The compiled `exclude` globs.
#[derive(Debug, Clone)]
pub struct Exclude {
    /// Every glob, matched against the path and each folder above it
    /// (`fixtures` and `apps/legacy` leave out what they hold).
    paths: GlobSet,
    /// The globs without `/` (`*.bad.json`, `fixtures`), matched against
    /// the name of the file and of each folder above it.
    names: GlobSet,
}

/// The `exclude` globs as written, as gitignore reads them: `/fixtures` is
/// anchored at the config's folder (as every glob here is) and
/// `fixtures/` names a folder (what it holds goes with it), so neither
/// slash is matched; a glob with no other `/` also matches a name at any
/// depth, unless anchored. The globs for [`Exclude`]'s paths and names.
pub fn split(globs: &[Spanned<String>]) -> (Vec<Spanned<String>>, Vec<Spanned<String>>) {
    let mut paths = Vec::new();
    let mut names = Vec::new();
    for g in globs {
        let written = super::checks::relative_glob(g.get_ref());
        let bare = written.trim_matches('/');
        let glob = Spanned::new(g.span(), bare.to_string());
        if !written.starts_with('/') && !bare.contains('/') {
            names.push(glob.clone());
        }
        paths.push(glob);
    }
    (paths, names)
}

impl Exclude {
    pub fn new(paths: GlobSet, names: GlobSet) -> Exclude {
        Exclude { paths, names }
    }

    /// Is `relative` (a path under the config's directory, `/`-separated)
    /// left out?
    pub fn is_match(&self, relative: &str) -> bool {
        let mut prefix_end = 0;
        for part in relative.split('/') {
            prefix_end += part.len();
            let prefix = &relative[..prefix_end];
            if self.paths.is_match(prefix) || (!part.is_empty() && self.names.is_match(part)) {
                return true;
            }
            prefix_end += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(globs: &[&str]) -> Exclude {
        let set = |gs: &mut dyn Iterator<Item = &&str>| {
            let mut b = globset::GlobSetBuilder::new();
            for g in gs {
                b.add(
                    globset::GlobBuilder::new(g)
                        .literal_separator(true)
                        .build()
                        .expect("glob"),
                );
            }
            b.build().expect("set")
        };
        Exclude::new(
            set(&mut globs.iter()),
            set(&mut globs.iter().filter(|g| !g.contains('/'))),
        )
    }

    #[test]
    fn folders_and_names_leave_out_what_they_hold() {
        let e = exclude(&["fixtures", "*.bad.json", "apps/legacy", "apps/*.tmp.json"]);
        for out in [
            "fixtures/deep/manifest.json",
            "fixtures",
            "apps/x.bad.json",
            "x.bad.json",
            "a/fixtures/m.json",
            "apps/legacy/m.json",
            "apps/a.tmp.json",
        ] {
            assert!(e.is_match(out), "{out}");
        }
        for kept in [
            "fixtures2/m.json",
            "apps/m.json",
            "other/apps/legacy/m.json",
            "apps/sub/a.tmp.json",
            "bad.json",
        ] {
            assert!(!e.is_match(kept), "{kept}");
        }
        // As gitignore writes folders: `fixtures/` and `/fixtures` (the
        // latter anchored: not `a/fixtures`).
        let globs: Vec<Spanned<String>> = ["fixtures/", "/legacy", "/a/b/"]
            .iter()
            .map(|g| Spanned::new(0..1, g.to_string()))
            .collect();
        let (paths, names) = split(&globs);
        let texts = |v: &[Spanned<String>]| v.iter().map(|g| g.get_ref().clone()).collect::<Vec<_>>();
        assert_eq!(texts(&paths), ["fixtures", "legacy", "a/b"]);
        assert_eq!(texts(&names), ["fixtures"]);
        let all = exclude(&["fixtures/**"]);
        assert!(all.is_match("fixtures/a/b.json") && !all.is_match("a/fixtures/b.json"));
    }
}
