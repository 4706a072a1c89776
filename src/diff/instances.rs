//! The oauth instances of two versions of a 3.x manifest, paired for
//! their grant types: by `uuid` where both versions name one; the others
//! (Procore fills `uuid` in, so a version may leave it out, or add it) by
//! grant type first, then in order: reordering instances, or adding their
//! uuids, changes nothing.

use crate::model::view;
use crate::syntax::Node;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// (grant type, pointer of `grant_type`) by instance id, old and new: an
/// instance's uuid, or its place in the new version (`#1`), or in the old
/// one when it was removed (`old #1`).
pub(super) type GrantTypes = BTreeMap<String, (String, String)>;

/// One instance: its place, uuid (when no other instance has it),
/// grant type and the pointer of its `grant_type`.
struct Instance {
    place: usize,
    uuid: Option<String>,
    grant_type: String,
    pointer: String,
}

impl Instance {
    fn id(&self, removed: bool) -> String {
        match (&self.uuid, removed) {
            (Some(u), _) => u.clone(),
            (None, false) => format!("#{}", self.place),
            (None, true) => format!("old #{}", self.place),
        }
    }

    fn entry(&self) -> (String, String) {
        (self.grant_type.clone(), self.pointer.clone())
    }
}

pub(super) fn grant_types(old: Option<&Node>, new: Option<&Node>) -> (GrantTypes, GrantTypes) {
    let (old, new) = (instances(old), instances(new));
    // Pairs (old, new) by uuid.
    let old_by_uuid: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .filter_map(|(k, i)| Some((i.uuid.as_deref()?, k)))
        .collect();
    let mut pair: Vec<Option<usize>> = new
        .iter()
        .map(|i| i.uuid.as_deref().and_then(|u| old_by_uuid.get(u).copied()))
        .collect();
    let mut taken: Vec<bool> = vec![false; old.len()];
    for k in pair.iter().flatten() {
        taken[*k] = true;
    }
    // The others by grant type, in order.
    let mut by_type: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (k, i) in old.iter().enumerate().filter(|(k, _)| !taken[*k]) {
        by_type.entry(i.grant_type.as_str()).or_default().push_back(k);
    }
    for (j, i) in new.iter().enumerate() {
        if pair[j].is_none() {
            pair[j] = by_type.get_mut(i.grant_type.as_str()).and_then(VecDeque::pop_front);
            if let Some(k) = pair[j] {
                taken[k] = true;
            }
        }
    }
    // What is left pairs in order: an instance whose grant type changed.
    let mut left = (0..old.len()).filter(|&k| !taken[k]).collect::<Vec<_>>().into_iter();
    for p in pair.iter_mut().filter(|p| p.is_none()) {
        *p = left.next();
        if let Some(k) = *p {
            taken[k] = true;
        }
    }
    let (mut o, mut n) = (GrantTypes::new(), GrantTypes::new());
    for (i, p) in new.iter().zip(&pair) {
        let id = i.id(false);
        if let Some(k) = p {
            o.insert(id.clone(), old[*k].entry());
        }
        n.insert(id, i.entry());
    }
    // A removed instance's id names no new one: a uuid both versions hold
    // once was paired by it, and an unnamed one is `old #n`.
    for (_, i) in old.iter().enumerate().filter(|(k, _)| !taken[*k]) {
        o.insert(i.id(true), i.entry());
    }
    (o, n)
}

/// A version's instances in order; a uuid written twice names neither
/// (they pair by grant type, as instances without one do).
fn instances(root: Option<&Node>) -> Vec<Instance> {
    let Some(root) = root else { return Vec::new() };
    let all = view::oauth_instances(root);
    let uuid = |inst: &Node| inst.get("uuid").and_then(Node::as_str).map(str::to_string);
    let mut count: HashMap<String, usize> = HashMap::new();
    for (_, inst, _) in &all {
        if let Some(u) = uuid(inst) {
            *count.entry(u).or_default() += 1;
        }
    }
    all.into_iter()
        .map(|(place, inst, pointer)| Instance {
            place,
            uuid: uuid(inst).filter(|u| count.get(u) == Some(&1)),
            grant_type: inst
                .get("grant_type")
                .and_then(Node::as_str)
                .unwrap_or("(none)")
                .to_string(),
            pointer: format!("{pointer}/grant_type"),
        })
        .collect()
}
