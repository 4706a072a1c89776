//! The oauth instances of two versions of a 3.x manifest, paired for
//! their grant types: by `uuid` where an instance has one; the others
//! (Procore fills `uuid` in: a manifest may leave it out) by grant type
//! first, then in order, so reordering instances changes nothing.

use crate::model::view;
use crate::syntax::Node;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// (grant type, pointer of `grant_type`) by instance id, old and new. An
/// instance without a uuid is named by its place in the new version
/// (`#1`), or in the old one when it was removed (`old #1`).
pub(super) type GrantTypes = BTreeMap<String, (String, String)>;

pub(super) fn grant_types(old: Option<&Node>, new: Option<&Node>) -> (GrantTypes, GrantTypes) {
    let (mut o, old_anon) = split(old);
    let (mut n, new_anon) = split(new);
    // The old version's unnamed instances by grant type, in order.
    let mut by_type: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (k, (_, gt, _)) in old_anon.iter().enumerate() {
        by_type.entry(gt.as_str()).or_default().push_back(k);
    }
    let mut taken = vec![false; old_anon.len()];
    let mut pair: Vec<Option<usize>> = new_anon
        .iter()
        .map(|(_, gt, _)| {
            let k = by_type.get_mut(gt.as_str()).and_then(VecDeque::pop_front)?;
            taken[k] = true;
            Some(k)
        })
        .collect();
    // What is left pairs in order: an instance whose grant type changed.
    let mut left = (0..old_anon.len())
        .filter(|&k| !taken[k])
        .collect::<Vec<_>>()
        .into_iter();
    for p in pair.iter_mut().filter(|p| p.is_none()) {
        *p = left.next();
        if let Some(k) = *p {
            taken[k] = true;
        }
    }
    for ((i, gt, pointer), p) in new_anon.into_iter().zip(pair) {
        let id = format!("#{i}");
        if let Some(k) = p {
            let (_, was, at) = &old_anon[k];
            o.insert(id.clone(), (was.clone(), at.clone()));
        }
        n.insert(id, (gt, pointer));
    }
    for (k, (i, gt, pointer)) in old_anon.into_iter().enumerate() {
        if !taken[k] {
            o.insert(format!("old #{i}"), (gt, pointer));
        }
    }
    (o, n)
}

/// The instances with a uuid by it, and the others (place, grant type,
/// pointer).
fn split(root: Option<&Node>) -> (GrantTypes, Vec<(usize, String, String)>) {
    let (mut named, mut anon) = (BTreeMap::new(), Vec::new());
    let Some(root) = root else { return (named, anon) };
    for (i, inst, pointer) in view::oauth_instances(root) {
        let gt = inst
            .get("grant_type")
            .and_then(Node::as_str)
            .unwrap_or("(none)")
            .to_string();
        let at = format!("{pointer}/grant_type");
        match inst.get("uuid").and_then(Node::as_str) {
            Some(id) => {
                named.insert(id.to_string(), (gt, at));
            }
            None => anon.push((i, gt, at)),
        }
    }
    (named, anon)
}
