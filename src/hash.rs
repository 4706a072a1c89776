//! A stable hash for fingerprints and baselines: FNV-1a 64, the same on
//! every platform and Rust version (unlike `DefaultHasher`).

/// FNV-1a 64 of some byte strings (each followed by a 0 byte, so that
/// `("ab", "c")` and `("a", "bc")` differ), as 16 hex digits.
pub fn fnv1a64(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in p.iter().chain(std::iter::once(&0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_and_separated() {
        assert_eq!(super::fnv1a64(&[b"abc"]), "fc17bb83ee075471");
        assert_ne!(super::fnv1a64(&[b"ab", b"c"]), super::fnv1a64(&[b"a", b"bc"]));
    }
}
