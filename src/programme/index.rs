//! Lookups over one programme that coverage and the reports share: which unified controls list
//! a ref, which evidence supports a control, and which ISO items are in the ISO scope.

use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{EvidenceItem, Programme, UnifiedControl};
use crate::catalog::{refs, Catalogues, RefKind};

/// The unified controls that list each ref, and the evidence that supports each control, so
/// every requirement is looked up in constant time. The evidence side is built on first use:
/// coverage, recomputed on every edit, never asks for it.
pub struct ProgrammeIndex<'a> {
    programme: &'a Programme,
    controls_by_ref: FxHashMap<&'a str, Vec<&'a UnifiedControl>>,
    evidence_by_control: OnceCell<FxHashMap<&'a str, Vec<&'a EvidenceItem>>>,
}

impl<'a> ProgrammeIndex<'a> {
    /// Indexes a programme.
    pub fn new(programme: &'a Programme) -> ProgrammeIndex<'a> {
        let mut controls_by_ref: FxHashMap<&str, Vec<&UnifiedControl>> = FxHashMap::default();
        for control in &programme.controls {
            for reference in control.iso.iter().chain(&control.tsc) {
                controls_by_ref.entry(reference).or_default().push(control);
            }
        }
        ProgrammeIndex {
            programme,
            controls_by_ref,
            evidence_by_control: OnceCell::new(),
        }
    }

    /// The unified controls that list a ref, in programme order.
    pub fn controls(&self, reference: &str) -> &[&'a UnifiedControl] {
        self.controls_by_ref
            .get(reference)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The evidence items that support a unified control, in programme order.
    pub fn evidence_of(&self, control: &str) -> &[&'a EvidenceItem] {
        self.evidence_by_control
            .get_or_init(|| {
                let mut by_control: FxHashMap<&str, Vec<&EvidenceItem>> = FxHashMap::default();
                for item in &self.programme.evidence {
                    for control in &item.controls {
                        by_control.entry(control).or_default().push(item);
                    }
                }
                by_control
            })
            .get(control)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The evidence of the controls that list a ref, each item once, in id order.
    pub fn evidence(&self, reference: &str) -> Vec<&'a EvidenceItem> {
        let mut seen = FxHashSet::default();
        let mut items: Vec<&EvidenceItem> = self
            .controls(reference)
            .iter()
            .flat_map(|c| self.evidence_of(&c.id).iter().copied())
            .filter(|e| seen.insert(e.id.as_str()))
            .collect();
        items.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        items
    }
}

/// The ISO items a programme answers for: every clause item, and the Annex A controls its
/// Statement of Applicability does not exclude.
pub struct IsoScope<'a> {
    excluded: FxHashSet<&'a str>,
}

impl<'a> IsoScope<'a> {
    /// The ISO scope of a programme.
    pub fn of(programme: &'a Programme) -> IsoScope<'a> {
        IsoScope {
            excluded: programme
                .applicability
                .iter()
                .filter(|a| !a.applicable)
                .map(|a| a.control.as_str())
                .collect(),
        }
    }

    /// Whether an ISO item is in scope.
    pub fn includes(&self, reference: &str) -> bool {
        refs::kind_of(reference) != Some(RefKind::AnnexA) || !self.excluded.contains(reference)
    }

    /// The in-scope ISO items in standard order: clauses 4-10, then Annex A.
    pub fn refs<'c>(
        &self,
        catalogues: &'c Catalogues,
    ) -> impl Iterator<Item = &'c str> + use<'a, 'c, '_> {
        catalogues.iso_refs().filter(|r| self.includes(r))
    }
}
