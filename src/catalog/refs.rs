//! Reference identifiers and their standard order.
//!
//! Every catalogue item is named by its official ref (`A.5.15`, `9.2.1`, `CC6.1`, `DC3`). Refs
//! sort numerically per segment (`A.5.2` before `A.5.10`), families in the order the
//! frameworks publish them: clauses, Annex A, then the Trust Services Criteria
//! (CC, A, C, PI, P) and the description criteria.

use std::cmp::Ordering;

/// Which catalogue a ref belongs to, told from its shape alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// An ISO/IEC 27001:2022 clause 4-10 item, e.g. `9.2.1`.
    Clause,
    /// An ISO/IEC 27001:2022 Annex A control, e.g. `A.8.5`.
    AnnexA,
    /// A Trust Services Criterion, e.g. `CC6.1` or `PI1.3`.
    Tsc,
    /// A SOC 2 description criterion, e.g. `DC7`.
    Dc,
}

/// The sort key of a ref: its family rank, then its numeric segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RefKey {
    family: u8,
    segments: [u16; 3],
}

/// Prefixes of the Trust Services Criteria in their published order.
const TSC_PREFIXES: [&str; 5] = ["CC", "A", "C", "PI", "P"];

impl RefKey {
    /// Parses a well-formed ref; `None` for anything out of format.
    ///
    /// # Example
    /// ```
    /// use crosswalk::catalog::refs::{RefKey, RefKind};
    /// assert_eq!(RefKey::parse("A.5.10").map(|k| k.kind()), Some(RefKind::AnnexA));
    /// assert!(RefKey::parse("A.5.2") < RefKey::parse("A.5.10"));
    /// assert!(RefKey::parse("A.5.") .is_none());
    /// ```
    pub fn parse(reference: &str) -> Option<Self> {
        if let Some(rest) = reference.strip_prefix("A.") {
            let [theme, number] = numbers::<2>(rest)?;
            return ((5..=8).contains(&theme) && number > 0).then_some(Self {
                family: 1,
                segments: [theme, number, 0],
            });
        }
        if let Some(rest) = reference.strip_prefix("DC") {
            let [number] = numbers::<1>(rest)?;
            return (number > 0).then_some(Self {
                family: 7,
                segments: [number, 0, 0],
            });
        }
        if reference.starts_with(|c: char| c.is_ascii_digit()) {
            return clause_key(reference);
        }
        // Longest prefix first so that `CC` is not read as `C` and `PI` not as `P`.
        let (rank, rest) = [0usize, 3, 1, 2, 4].into_iter().find_map(|rank| {
            reference
                .strip_prefix(TSC_PREFIXES[rank])
                .map(|rest| (rank, rest))
        })?;
        let [series, number] = numbers::<2>(rest)?;
        (series > 0 && number > 0).then_some(Self {
            family: 2 + rank as u8,
            segments: [series, number, 0],
        })
    }

    /// The catalogue this ref belongs to.
    pub fn kind(&self) -> RefKind {
        match self.family {
            0 => RefKind::Clause,
            1 => RefKind::AnnexA,
            7 => RefKind::Dc,
            _ => RefKind::Tsc,
        }
    }
}

fn clause_key(reference: &str) -> Option<RefKey> {
    let parts: Vec<&str> = reference.split('.').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut segments = [0u16; 3];
    for (slot, part) in segments.iter_mut().zip(&parts) {
        *slot = number(part)?;
    }
    ((4..=10).contains(&segments[0]) && segments[1] > 0).then_some(RefKey {
        family: 0,
        segments,
    })
}

/// Exactly `N` dot-separated positive decimal numbers without leading zeros.
fn numbers<const N: usize>(text: &str) -> Option<[u16; N]> {
    let mut out = [0u16; N];
    let mut parts = text.split('.');
    for slot in out.iter_mut() {
        *slot = number(parts.next()?)?;
    }
    parts.next().is_none().then_some(out)
}

fn number(text: &str) -> Option<u16> {
    let well_formed = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    well_formed.then(|| text.parse().ok()).flatten()
}

/// The kind of a ref, or `None` if it is out of format.
pub fn kind_of(reference: &str) -> Option<RefKind> {
    RefKey::parse(reference).map(|key| key.kind())
}

/// Orders refs in standard order; malformed refs sort last, by text.
///
/// # Example
/// ```
/// let mut refs = vec!["CC6.10", "A.5.10", "CC6.2", "A.5.2", "9.2.1", "P1.1", "PI1.1"];
/// refs.sort_by(|a, b| crosswalk::catalog::refs::compare(a, b));
/// assert_eq!(refs, ["9.2.1", "A.5.2", "A.5.10", "CC6.2", "CC6.10", "PI1.1", "P1.1"]);
/// ```
pub fn compare(a: &str, b: &str) -> Ordering {
    match (RefKey::parse(a), RefKey::parse(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_parses_to_its_kind() {
        for (reference, kind) in [
            ("4.1", RefKind::Clause),
            ("6.1.3", RefKind::Clause),
            ("10.2", RefKind::Clause),
            ("A.5.1", RefKind::AnnexA),
            ("A.8.34", RefKind::AnnexA),
            ("CC1.1", RefKind::Tsc),
            ("A1.2", RefKind::Tsc),
            ("C1.1", RefKind::Tsc),
            ("PI1.5", RefKind::Tsc),
            ("P6.7", RefKind::Tsc),
            ("DC9", RefKind::Dc),
        ] {
            assert_eq!(kind_of(reference), Some(kind), "{reference}");
        }
    }

    #[test]
    fn malformed_refs_are_rejected() {
        for bad in [
            "", "A.", "A.5", "A.4.1", "A.9.1", "A.5.01", "A.5.1.1", "a.5.1", "CC", "CC6", "CC6.",
            "CC6.1.1", "CC0.1", "X1.1", "3.1", "11.1", "9", "9.2.1.1", "DC", "DC0", "DC01",
            " A.5.1", "A.5.1 ",
        ] {
            assert_eq!(kind_of(bad), None, "{bad:?} must be out of format");
        }
    }

    #[test]
    fn standard_order_is_numeric_per_segment_and_by_family() {
        let mut refs = vec![
            "DC1", "P8.1", "PI1.1", "C1.1", "A1.1", "CC9.2", "CC1.1", "A.8.1", "A.5.37", "A.5.4",
            "10.2", "9.3.1", "4.1",
        ];
        refs.sort_by(|a, b| compare(a, b));
        assert_eq!(
            refs,
            [
                "4.1", "9.3.1", "10.2", "A.5.4", "A.5.37", "A.8.1", "CC1.1", "CC9.2", "A1.1",
                "C1.1", "PI1.1", "P8.1", "DC1"
            ]
        );
    }
}
