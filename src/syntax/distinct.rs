//! An object's members with each key once: its last member (serde_json's
//! and JavaScript's meaning of a repeated key), in source order.

use super::Member;

/// Objects past this many members find their repeated keys with a hash map
/// of each key's last index; smaller ones by a scan of the rest (the scan
/// was quadratic in the members of one big object).
const SCAN: usize = 16;

/// How [`Distinct`] tells a shadowed member.
enum Shadow<'a> {
    /// Scan the members after it.
    Scan,
    /// A big object without a repeated key: nothing is shadowed.
    None,
    /// A big object with a repeated key: each key's last index.
    Last(rustc_hash::FxHashMap<&'a str, usize>),
}

/// See the module; built by [`distinct`].
pub struct Distinct<'a, 't> {
    members: &'a [Member<'t>],
    index: usize,
    shadow: Shadow<'a>,
}

/// The members of `members` that no later member shadows, in order.
pub fn distinct<'a, 't>(members: &'a [Member<'t>]) -> Distinct<'a, 't> {
    let shadow = if members.len() <= SCAN {
        Shadow::Scan
    } else {
        let mut last = rustc_hash::FxHashMap::default();
        last.reserve(members.len());
        for (i, m) in members.iter().enumerate() {
            last.insert(m.key, i);
        }
        if last.len() == members.len() {
            Shadow::None
        } else {
            Shadow::Last(last)
        }
    };
    Distinct {
        members,
        index: 0,
        shadow,
    }
}

/// `a == b`, the last bytes compared before the rest: keys of one length
/// (`company`, `project`) mostly end differently, and a byte comparison
/// is cheaper than a call to compare them whole.
fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

impl<'a, 't> Iterator for Distinct<'a, 't> {
    type Item = &'a Member<'t>;

    fn next(&mut self) -> Option<&'a Member<'t>> {
        loop {
            let i = self.index;
            let m = self.members.get(i)?;
            self.index += 1;
            let shadowed = match &self.shadow {
                Shadow::Scan => self.members[i + 1..].iter().any(|n| same_key(n.key, m.key)),
                Shadow::None => false,
                Shadow::Last(last) => last.get(m.key) != Some(&i),
            };
            if !shadowed {
                return Some(m);
            }
        }
    }
}
