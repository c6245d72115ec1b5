//! The queries behind the crosswalk explorer: items of one side with their verdicts and links,
//! filtered; and the matrix of ISO themes against TSC series.

use super::coverage::Scope;
use super::{Crosswalk, ItemVerdict, Link, Relationship, Side, Verdict};
use crate::catalog::{
    matches_query, refs, AnnexAControl, Attribute, Catalogues, Category, Item, RefKind, Series,
    Theme,
};

/// A row of the matrix: the clauses 4-10, or one Annex A theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IsoGroup {
    /// Clauses 4-10.
    Clauses,
    /// One Annex A theme.
    Theme(Theme),
}

impl IsoGroup {
    /// Every group in standard order.
    pub const ALL: [IsoGroup; 5] = [
        IsoGroup::Clauses,
        IsoGroup::Theme(Theme::Organizational),
        IsoGroup::Theme(Theme::People),
        IsoGroup::Theme(Theme::Physical),
        IsoGroup::Theme(Theme::Technological),
    ];

    /// The id used in addresses.
    pub fn id(self) -> &'static str {
        match self {
            IsoGroup::Clauses => "clauses",
            IsoGroup::Theme(theme) => theme.id(),
        }
    }

    /// A display name.
    pub fn label(self) -> &'static str {
        match self {
            IsoGroup::Clauses => "Clauses 4-10",
            IsoGroup::Theme(Theme::Organizational) => "A.5 Organizational",
            IsoGroup::Theme(Theme::People) => "A.6 People",
            IsoGroup::Theme(Theme::Physical) => "A.7 Physical",
            IsoGroup::Theme(Theme::Technological) => "A.8 Technological",
        }
    }

    /// Parses an address id.
    pub fn from_id(id: &str) -> Option<IsoGroup> {
        Self::ALL.into_iter().find(|g| g.id() == id)
    }

    /// The group of an ISO item.
    pub fn of(catalogues: &Catalogues, reference: &str) -> Option<IsoGroup> {
        match refs::kind_of(reference)? {
            RefKind::Clause => Some(IsoGroup::Clauses),
            RefKind::AnnexA => catalogues
                .annex_a
                .get(reference)
                .map(|c| IsoGroup::Theme(c.theme)),
            _ => None,
        }
    }
}

/// The explorer's filters. Empty lists filter nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExploreFilter {
    /// Free text over the listed items (ref, title, summary).
    pub query: String,
    /// Keep links of these relationships (and items that have one).
    pub relationships: Vec<Relationship>,
    /// Keep items with these verdicts.
    pub verdicts: Vec<Verdict>,
    /// Keep criteria of these categories (on the ISO side: links into them).
    pub categories: Vec<Category>,
    /// Keep ISO items of these groups (on the TSC side: links from them).
    pub groups: Vec<IsoGroup>,
    /// Keep Annex A controls with these attribute values (same attribute: any; different: all).
    pub attributes: Vec<Attribute>,
}

/// One item of the explorer with its verdict and the links that pass the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct ExploreRow<'a> {
    /// The item's ref.
    pub reference: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its verdict.
    pub verdict: &'a ItemVerdict,
    /// Its links into the scope that pass the filters, strongest first.
    pub links: Vec<&'a Link>,
}

/// Attribute filters apply to Annex A controls only: a clause item meets none but the empty one.
fn has_attributes(control: Option<&AnnexAControl>, attributes: &[Attribute]) -> bool {
    attributes.is_empty() || control.is_some_and(|c| c.has_all(attributes))
}

/// The items of one side that pass the filter, in standard order.
///
/// On the TSC side only in-scope criteria are listed; on both sides only links into in-scope
/// criteria are shown. Filters that concern the other side (categories for ISO items; groups and
/// attributes for criteria) keep an item when at least one of its links passes them.
pub fn explore<'a>(
    crosswalk: &'a Crosswalk,
    catalogues: &'a Catalogues,
    side: Side,
    scope: &Scope,
    filter: &ExploreFilter,
) -> Vec<ExploreRow<'a>> {
    let items: Vec<&'a dyn Item> = match side {
        Side::Iso => catalogues
            .clauses
            .items()
            .iter()
            .map(|c| c as &dyn Item)
            .chain(catalogues.annex_a.items().iter().map(|c| c as &dyn Item))
            .collect(),
        Side::Tsc => scope.criteria(catalogues).map(|c| c as &dyn Item).collect(),
    };
    let in_scope = |link: &Link| {
        catalogues
            .tsc
            .get(&link.tsc)
            .is_some_and(|c| scope.includes(c.category))
    };
    let link_passes = |link: &Link| {
        let relationship_ok =
            filter.relationships.is_empty() || filter.relationships.contains(&link.relationship);
        let other_side_ok = match side {
            Side::Iso => {
                filter.categories.is_empty()
                    || catalogues
                        .tsc
                        .get(&link.tsc)
                        .is_some_and(|c| filter.categories.contains(&c.category))
            }
            Side::Tsc => {
                let group_ok = filter.groups.is_empty()
                    || IsoGroup::of(catalogues, &link.iso)
                        .is_some_and(|g| filter.groups.contains(&g));
                group_ok && has_attributes(catalogues.annex_a.get(&link.iso), &filter.attributes)
            }
        };
        in_scope(link) && relationship_ok && other_side_ok
    };
    let link_filters_active = !filter.relationships.is_empty()
        || match side {
            Side::Iso => !filter.categories.is_empty(),
            Side::Tsc => !filter.groups.is_empty() || !filter.attributes.is_empty(),
        };
    items
        .into_iter()
        .filter_map(|item| {
            let reference = item.reference();
            let verdict = crosswalk.verdict(reference)?;
            if !filter.verdicts.is_empty() && !filter.verdicts.contains(&verdict.verdict) {
                return None;
            }
            let own_side_ok = match side {
                Side::Iso => {
                    (filter.groups.is_empty()
                        || IsoGroup::of(catalogues, reference)
                            .is_some_and(|g| filter.groups.contains(&g)))
                        && has_attributes(catalogues.annex_a.get(reference), &filter.attributes)
                }
                Side::Tsc => {
                    filter.categories.is_empty()
                        || catalogues
                            .tsc
                            .get(reference)
                            .is_some_and(|c| filter.categories.contains(&c.category))
                }
            };
            if !own_side_ok || !matches_query(item, &filter.query) {
                return None;
            }
            let links: Vec<&Link> = crosswalk
                .links_for(reference)
                .into_iter()
                .filter(|l| link_passes(l))
                .collect();
            if link_filters_active && links.is_empty() {
                return None;
            }
            Some(ExploreRow {
                reference,
                title: item.title(),
                verdict,
                links,
            })
        })
        .collect()
}

/// Link counts of ISO groups (rows) against in-scope TSC series (columns).
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix<'a> {
    /// The rows.
    pub rows: Vec<IsoGroup>,
    /// The in-scope series.
    pub columns: Vec<&'a Series>,
    /// `counts[row][column]`: links between the row's items and the column's criteria.
    pub counts: Vec<Vec<usize>>,
}

/// Builds the matrix for a scope.
pub fn matrix<'a>(crosswalk: &Crosswalk, catalogues: &'a Catalogues, scope: &Scope) -> Matrix<'a> {
    let columns: Vec<&Series> = catalogues
        .series
        .iter()
        .filter(|s| scope.includes(s.category))
        .collect();
    let rows = IsoGroup::ALL.to_vec();
    let counts = rows
        .iter()
        .map(|&group| {
            columns
                .iter()
                .map(|series| cell_links(crosswalk, catalogues, group, &series.reference).len())
                .collect()
        })
        .collect();
    Matrix {
        rows,
        columns,
        counts,
    }
}

/// The links of one matrix cell, ordered by criterion then ISO item.
pub fn cell_links<'a>(
    crosswalk: &'a Crosswalk,
    catalogues: &Catalogues,
    group: IsoGroup,
    series: &str,
) -> Vec<&'a Link> {
    crosswalk
        .links()
        .iter()
        .filter(|link| {
            IsoGroup::of(catalogues, &link.iso) == Some(group)
                && catalogues
                    .tsc
                    .get(&link.tsc)
                    .is_some_and(|c| c.series == series)
        })
        .collect()
}
