//! Coverage of a SOC 2 scope by ISO/IEC 27001, and the gap query: given the ISO items already
//! implemented, what remains for each in-scope criterion.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Crosswalk, ItemVerdict, Link, Relationship, Side, Verdict};
use crate::catalog::{Catalogues, Category, Criterion};

/// The Trust Services categories in a SOC 2 scope. Security is always in; the rest are elected.
///
/// In a programme file it is the list of elected categories, written in standard order (a list
/// read in another order is written back in standard order). A list that names security or
/// names a category twice is refused rather than silently tidied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    elected: BTreeSet<Category>,
}

impl Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.elected)
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Scope, D::Error> {
        let listed = Vec::<Category>::deserialize(deserializer)?;
        let mut elected = BTreeSet::new();
        for category in listed {
            if !category.is_elective() {
                return Err(serde::de::Error::custom(
                    "security is always in scope; list only elected categories",
                ));
            }
            if !elected.insert(category) {
                return Err(serde::de::Error::custom(format!(
                    "{category} is listed twice"
                )));
            }
        }
        Ok(Scope { elected })
    }
}

/// A category list that names something that is not a Trust Services category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown category {0:?}; use security, availability, confidentiality, processing-integrity or privacy")]
pub struct UnknownCategory(pub String);

impl Scope {
    /// Security plus the given categories.
    pub fn with(elected: impl IntoIterator<Item = Category>) -> Scope {
        Scope {
            elected: elected.into_iter().filter(|c| c.is_elective()).collect(),
        }
    }

    /// Every category: security and all four elective ones.
    pub fn all() -> Scope {
        Scope::with(Category::ALL.iter().copied())
    }

    /// Parses a comma-separated list such as `availability,privacy` (security may be named
    /// but is always in).
    ///
    /// # Example
    /// ```
    /// use crosswalk::{catalog::Category, crosswalk::coverage::Scope};
    /// let scope = Scope::parse_list("availability, privacy").expect("valid");
    /// assert!(scope.includes(Category::Security) && scope.includes(Category::Privacy));
    /// assert!(!scope.includes(Category::Confidentiality));
    /// assert!(Scope::parse_list("avail").is_err());
    /// ```
    pub fn parse_list(list: &str) -> Result<Scope, UnknownCategory> {
        let categories = list
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| Category::from_id(id).ok_or_else(|| UnknownCategory(id.to_owned())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Scope::with(categories))
    }

    /// Whether a category is in scope.
    pub fn includes(&self, category: Category) -> bool {
        !category.is_elective() || self.elected.contains(&category)
    }

    /// Adds or removes an elective category (security cannot be removed).
    pub fn toggle(&mut self, category: Category) {
        if category.is_elective() && !self.elected.remove(&category) {
            self.elected.insert(category);
        }
    }

    /// The categories in scope, in standard order.
    pub fn categories(&self) -> Vec<Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(|&c| self.includes(c))
            .collect()
    }

    /// Whether a ref is a criterion in scope.
    pub fn includes_criterion(&self, reference: &str, catalogues: &Catalogues) -> bool {
        catalogues
            .tsc
            .get(reference)
            .is_some_and(|c| self.includes(c.category))
    }

    /// The elected categories (security excluded), in standard order.
    pub fn elected(&self) -> impl Iterator<Item = Category> + '_ {
        self.elected.iter().copied()
    }

    /// The in-scope criteria in standard order.
    pub fn criteria<'a>(
        &self,
        catalogues: &'a Catalogues,
    ) -> impl Iterator<Item = &'a Criterion> + use<'a, '_> {
        catalogues
            .tsc
            .items()
            .iter()
            .filter(|c| self.includes(c.category))
    }
}

/// How many items got each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct VerdictCounts {
    /// Verdict `full`.
    pub full: usize,
    /// Verdict `partial`.
    pub partial: usize,
    /// Verdict `unique`.
    pub unique: usize,
}

impl VerdictCounts {
    fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Full => self.full += 1,
            Verdict::Partial => self.partial += 1,
            Verdict::Unique => self.unique += 1,
        }
    }

    /// All counted items.
    pub fn total(&self) -> usize {
        self.full + self.partial + self.unique
    }
}

/// What ISO/IEC 27001 does for a SOC 2 scope, in numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageSummary {
    /// The categories in scope.
    pub categories: Vec<Category>,
    /// Verdicts over all in-scope criteria.
    pub criteria: VerdictCounts,
    /// Verdicts per in-scope category.
    pub by_category: Vec<(Category, VerdictCounts)>,
    /// Links into in-scope criteria.
    pub links: usize,
    /// Those links by relationship, strongest first.
    pub by_relationship: Vec<(Relationship, usize)>,
    /// Distinct ISO items linked into the scope.
    pub iso_items_linked: usize,
}

impl CoverageSummary {
    /// Share of in-scope criteria that ISO covers in full, in percent (rounded down).
    pub fn full_percent(&self) -> usize {
        (self.criteria.full * 100)
            .checked_div(self.criteria.total())
            .unwrap_or(0)
    }
}

/// Counts verdicts and links for the criteria in scope.
pub fn summary(crosswalk: &Crosswalk, catalogues: &Catalogues, scope: &Scope) -> CoverageSummary {
    let mut criteria = VerdictCounts::default();
    let mut by_category: Vec<(Category, VerdictCounts)> = scope
        .categories()
        .into_iter()
        .map(|c| (c, VerdictCounts::default()))
        .collect();
    for criterion in scope.criteria(catalogues) {
        if let Some(verdict) = crosswalk.verdict(&criterion.reference) {
            criteria.add(verdict.verdict);
            if let Some((_, counts)) = by_category
                .iter_mut()
                .find(|(c, _)| *c == criterion.category)
            {
                counts.add(verdict.verdict);
            }
        }
    }
    let links = links_in_scope(crosswalk, catalogues, scope);
    let by_relationship = Relationship::ALL
        .into_iter()
        .map(|r| (r, links.iter().filter(|l| l.relationship == r).count()))
        .collect();
    let iso_items_linked = links
        .iter()
        .map(|l| l.iso.as_ref())
        .collect::<BTreeSet<_>>()
        .len();
    CoverageSummary {
        categories: scope.categories(),
        criteria,
        by_category,
        links: links.len(),
        by_relationship,
        iso_items_linked,
    }
}

/// The links whose criterion is in scope, in the crosswalk's order.
pub fn links_in_scope<'a>(
    crosswalk: &'a Crosswalk,
    catalogues: &Catalogues,
    scope: &Scope,
) -> Vec<&'a Link> {
    crosswalk
        .links()
        .iter()
        .filter(|link| scope.includes_criterion(&link.tsc, catalogues))
        .collect()
}

/// Where a requirement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageState {
    /// Nothing is left to do.
    Covered,
    /// Some of it is done; something remains.
    Partial,
    /// Nothing toward it is done yet.
    Missing,
}

impl CoverageState {
    /// The id used in exports.
    pub fn id(self) -> &'static str {
        match self {
            CoverageState::Covered => "covered",
            CoverageState::Partial => "partial",
            CoverageState::Missing => "missing",
        }
    }
}

/// What remains for one in-scope criterion once some ISO items are implemented.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionGap<'a> {
    /// The criterion.
    pub criterion: &'a Criterion,
    /// Its crosswalk verdict.
    pub verdict: &'a ItemVerdict,
    /// Where it stands.
    pub state: CoverageState,
    /// Linked ISO items that are implemented.
    pub implemented: Vec<&'a str>,
    /// Linked ISO items still to implement for the ISO side to carry what it can.
    pub missing: Vec<&'a str>,
    /// What SOC 2 asks beyond ISO: the residual of a partial verdict, the reason of a unique one.
    pub residual: Option<String>,
}

/// ISO refs passed to the gap query that are not ISO items.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not ISO/IEC 27001:2022 items: {}", .0.join(", "))]
pub struct UnknownIsoItems(pub Vec<String>);

/// For each in-scope criterion: what is done, what is missing, and what SOC 2 asks beyond ISO.
///
/// A `full` criterion is covered once one sufficient link (equal or superset) or its whole
/// covering set is implemented; a `partial` one stays partial at best, because its residual is
/// SOC 2 work; a `unique` one is missing until SOC 2-specific work is done.
pub fn gaps<'a>(
    crosswalk: &'a Crosswalk,
    catalogues: &'a Catalogues,
    scope: &Scope,
    implemented: &[String],
) -> Result<Vec<CriterionGap<'a>>, UnknownIsoItems> {
    let unknown: Vec<String> = implemented
        .iter()
        .filter(|r| Side::of(r) != Some(Side::Iso) || !catalogues.exists(r))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(UnknownIsoItems(unknown));
    }
    let is_done = |reference: &str| implemented.iter().any(|r| r == reference);
    let mut result = Vec::new();
    for criterion in scope.criteria(catalogues) {
        let Some(verdict) = crosswalk.verdict(&criterion.reference) else {
            continue;
        };
        let links = crosswalk.links_for(&criterion.reference);
        let linked: Vec<&str> = links.iter().map(|l| l.iso.as_ref()).collect();
        let implemented_links: Vec<&str> = linked.iter().copied().filter(|r| is_done(r)).collect();
        let (state, missing) = match verdict.verdict {
            Verdict::Unique => (CoverageState::Missing, Vec::new()),
            Verdict::Partial => {
                let missing: Vec<&str> = linked.iter().copied().filter(|r| !is_done(r)).collect();
                let state = if implemented_links.is_empty() {
                    CoverageState::Missing
                } else {
                    CoverageState::Partial
                };
                (state, missing)
            }
            Verdict::Full => {
                let sufficient: Vec<&str> = links
                    .iter()
                    .filter(|l| {
                        matches!(l.relationship, Relationship::Equal | Relationship::Superset)
                    })
                    .map(|l| l.iso.as_ref())
                    .collect();
                let missing: Vec<&str> = if sufficient.iter().any(|r| is_done(r)) {
                    Vec::new()
                } else if !sufficient.is_empty() {
                    sufficient
                } else {
                    verdict
                        .covering
                        .iter()
                        .map(AsRef::as_ref)
                        .filter(|r| !is_done(r))
                        .collect()
                };
                let state = if missing.is_empty() {
                    CoverageState::Covered
                } else if implemented_links.is_empty() {
                    CoverageState::Missing
                } else {
                    CoverageState::Partial
                };
                (state, missing)
            }
        };
        result.push(CriterionGap {
            criterion,
            verdict,
            state,
            implemented: implemented_links,
            missing,
            residual: Some(crosswalk.explain(verdict, catalogues)).filter(|e| !e.is_empty()),
        });
    }
    Ok(result)
}
