//! The catalogue browser: each catalogue as a searchable list grouped by theme, clause or
//! series, filter chips for the ISO/IEC 27002 attributes and the Trust Services categories,
//! and a detail view per item.

use std::borrow::Cow;

use leptos::prelude::*;

use crate::catalog::{
    catalogues, refs, AnnexAFilter, Attribute, CatalogueKind, Category, Criterion, RefKind, Theme,
    TscFilter,
};
use crate::crosswalk::crosswalk;
use crate::ui::crosswalk::CrosswalkPanel;
use crate::ui::route::item_hash;
use crate::ui::shell::Workspace;
use crate::ui::widgets::{chip_set, Chip};

/// One row of a catalogue listing.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    reference: &'static str,
    title: &'static str,
    new_in_2022: bool,
}

/// The browser's filter state for one catalogue.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    query: String,
    themes: Vec<Theme>,
    attributes: Vec<Attribute>,
    new_in_2022_only: bool,
    categories: Vec<Category>,
}

/// The entries of a catalogue that pass the filters, as the engine selects them.
fn filtered_entries(kind: CatalogueKind, filters: &Filters) -> Vec<Entry> {
    let c = catalogues();
    match kind {
        CatalogueKind::AnnexA => AnnexAFilter {
            query: filters.query.clone(),
            themes: filters.themes.clone(),
            attributes: filters.attributes.clone(),
            new_in_2022_only: filters.new_in_2022_only,
        }
        .apply(&c.annex_a)
        .into_iter()
        .map(|i| Entry {
            reference: &i.reference,
            title: &i.title,
            new_in_2022: i.new_in_2022,
        })
        .collect(),
        CatalogueKind::Tsc => TscFilter {
            query: filters.query.clone(),
            categories: filters.categories.clone(),
        }
        .apply(&c.tsc)
        .into_iter()
        .map(|i| Entry {
            reference: &i.reference,
            title: &i.title,
            new_in_2022: false,
        })
        .collect(),
        CatalogueKind::Clauses => c
            .clauses
            .search(&filters.query)
            .into_iter()
            .map(|i| Entry {
                reference: &i.reference,
                title: &i.title,
                new_in_2022: false,
            })
            .collect(),
        CatalogueKind::Dc => {
            c.dc.search(&filters.query)
                .into_iter()
                .map(|i| Entry {
                    reference: &i.reference,
                    title: &i.title,
                    new_in_2022: false,
                })
                .collect()
        }
    }
}

/// Groups entries under their theme, clause or series, keeping the order groups first appear in
/// standard order.
fn grouped(mut entries: Vec<Entry>) -> Vec<(String, Vec<Entry>)> {
    entries.sort_by(|a, b| refs::compare(a.reference, b.reference));
    let mut groups: Vec<(String, Vec<Entry>)> = Vec::new();
    for entry in entries {
        let group = catalogues().group_of(entry.reference);
        match groups.last_mut() {
            Some((name, members)) if *name == group => members.push(entry),
            _ => groups.push((group, vec![entry])),
        }
    }
    groups
}

/// The list view of one catalogue.
#[component]
pub fn CatalogueBrowser(
    /// Which catalogue to list.
    kind: CatalogueKind,
) -> impl IntoView {
    let filters = RwSignal::new(Filters::default());
    let entries = Memo::new(move |_| filters.with(|f| filtered_entries(kind, f)));
    let total = kind.expected_count();
    let search_label = format!("Search {}", kind.label());
    let edition = match kind {
        CatalogueKind::AnnexA => catalogues().annex_a.edition.clone(),
        CatalogueKind::Clauses => catalogues().clauses.edition.clone(),
        CatalogueKind::Tsc => catalogues().tsc.edition.clone(),
        CatalogueKind::Dc => catalogues().dc.edition.clone(),
    };

    view! {
        <section class="catalogue" aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">{kind.label()}</h2>
            <p class="edition">"Edition: " {edition}</p>
            <div class="search-row">
                <label class="search">
                    <span>"Search"</span>
                    <input
                        type="search"
                        aria-label=search_label
                        placeholder="Ref or any word, e.g. A.5.15 or cloud"
                        prop:value=move || filters.with(|f| f.query.clone())
                        on:input=move |ev| filters.update(|f| f.query = event_target_value(&ev))
                    />
                </label>
                <p class="result-count" role="status" aria-live="polite">
                    {move || format!("{} of {total} shown", entries.with(Vec::len))}
                </p>
            </div>
            {move || filter_chips(kind, filters)}
            <div class="groups">
                {move || {
                    let groups = grouped(entries.get());
                    if groups.is_empty() {
                        return view! { <p class="empty">"Nothing matches. Clear a filter or change the search."</p> }
                            .into_any();
                    }
                    groups
                        .into_iter()
                        .map(|(group, members)| view! { <EntryGroup group members /> })
                        .collect_view()
                        .into_any()
                }}
            </div>
        </section>
    }
}

#[component]
fn EntryGroup(group: String, members: Vec<Entry>) -> impl IntoView {
    view! {
        <section class="group">
            <h3>{group} " " <span class="count">{format!("({})", members.len())}</span></h3>
            <ul class="entries">
                {members
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <a href=item_hash(entry.reference)>
                                    <span class="ref">{entry.reference}</span>
                                    " "
                                    <span class="title">{entry.title}</span>
                                </a>
                                {entry.new_in_2022.then(|| view! { <span class="badge">"New in 2022"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn filter_chips(kind: CatalogueKind, filters: RwSignal<Filters>) -> AnyView {
    match kind {
        CatalogueKind::AnnexA => {
            let theme_chips = chip_set(
                filters,
                Theme::ALL.iter().copied(),
                Theme::label,
                |f| &f.themes,
                |f| &mut f.themes,
            );
            let attribute_groups = attribute_groups()
                .into_iter()
                .map(|(label, values)| {
                    let chips = chip_set(
                        filters,
                        values,
                        Attribute::label,
                        |f| &f.attributes,
                        |f| &mut f.attributes,
                    );
                    view! {
                        <fieldset class="chips">
                            <legend>{label}</legend>
                            {chips}
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <div class="filters">
                    <fieldset class="chips">
                        <legend>"Theme"</legend>
                        {theme_chips}
                        <Chip
                            label="New in 2022"
                            pressed=Signal::derive(move || filters.with(|f| f.new_in_2022_only))
                            on_toggle=Callback::new(move |()| filters.update(|f| f.new_in_2022_only = !f.new_in_2022_only))
                        />
                    </fieldset>
                    <details class="attribute-filters">
                        <summary>"ISO/IEC 27002 attributes"</summary>
                        {attribute_groups}
                    </details>
                </div>
            }
            .into_any()
        }
        CatalogueKind::Tsc => {
            let chips = chip_set(
                filters,
                Category::ALL.iter().copied(),
                Category::label,
                |f| &f.categories,
                |f| &mut f.categories,
            );
            view! {
                <div class="filters">
                    <fieldset class="chips">
                        <legend>"Category"</legend>
                        {chips}
                    </fieldset>
                </div>
            }
            .into_any()
        }
        CatalogueKind::Clauses | CatalogueKind::Dc => ().into_any(),
    }
}

/// The attribute values grouped by attribute, in the standard's order.
fn attribute_groups() -> Vec<(&'static str, Vec<Attribute>)> {
    let mut groups: Vec<(&'static str, Vec<Attribute>)> = Vec::new();
    for attribute in Attribute::all() {
        match groups.last_mut() {
            Some((label, values)) if *label == attribute.attribute_label() => {
                values.push(attribute)
            }
            _ => groups.push((attribute.attribute_label(), vec![attribute])),
        }
    }
    groups
}

/// The detail view of one catalogue item.
#[component]
pub fn ItemDetail(
    /// The item's ref; the router only passes refs that exist.
    reference: String,
) -> impl IntoView {
    let c = catalogues();
    let kind = refs::kind_of(&reference);
    let catalogue = kind.map(crate::ui::route::catalogue_of);
    let title = c.title_of(&reference).unwrap_or_default();
    let body = match kind {
        Some(RefKind::AnnexA) => c.annex_a.get(&reference).map(|control| {
            let attributes = attribute_groups()
                .into_iter()
                .map(|(label, values)| {
                    let held: Vec<&'static str> =
                        values.into_iter().filter(|a| control.has(*a)).map(Attribute::label).collect();
                    view! { <dt>{label}</dt><dd><TagList tags=held /></dd> }
                })
                .collect_view();
            view! {
                <p class="summary">{control.summary.as_ref()}</p>
                <dl class="fields">
                    <dt>"Theme"</dt>
                    <dd>{control.theme.label()}</dd>
                    <dt>"New in the 2022 revision"</dt>
                    <dd>{if control.new_in_2022 { "Yes" } else { "No" }}</dd>
                    {attributes}
                </dl>
            }
            .into_any()
        }),
        Some(RefKind::Clause) => c.clauses.get(&reference).map(|clause| {
            view! {
                <p class="summary">{clause.summary.as_ref()}</p>
                <dl class="fields">
                    <dt>"Documented information required"</dt>
                    <dd>
                        {if clause.documented_information.is_empty() {
                            view! { <span>"None specifically required by this clause"</span> }.into_any()
                        } else {
                            view! { <TextList items=&clause.documented_information /> }.into_any()
                        }}
                    </dd>
                    {clause.amendment_2024.clone().map(|note| view! { <dt>"Amendment 1:2024"</dt><dd>{note}</dd> })}
                </dl>
            }
            .into_any()
        }),
        Some(RefKind::Tsc) => c.tsc.get(&reference).map(|criterion| {
            let series = c.series_of(criterion).map(|s| format!("{} {}", s.reference, s.name)).unwrap_or_default();
            view! {
                <p class="summary">{criterion.summary.as_ref()}</p>
                <dl class="fields">
                    <dt>"Category"</dt>
                    <dd>{criterion.category.label()}</dd>
                    <dt>"Series"</dt>
                    <dd>{series}</dd>
                    {criterion.coso_principle.map(|p| view! { <dt>"COSO 2013 principle"</dt><dd>{p}</dd> })}
                    <dt>"Points of focus"</dt>
                    <dd><PointsOfFocus criterion /></dd>
                </dl>
            }
            .into_any()
        }),
        Some(RefKind::Dc) => c.dc.get(&reference).map(|dc| {
            view! {
                <p class="summary">{dc.summary.as_ref()}</p>
                <dl class="fields">
                    <dt>"What to disclose"</dt>
                    <dd><TextList items=&dc.disclosures /></dd>
                </dl>
            }
            .into_any()
        }),
        None => None,
    };
    let new_badge = c.annex_a.get(&reference).is_some_and(|a| a.new_in_2022);
    view! {
        <article class="item-detail" aria-labelledby="item-title">
            <nav class="crumbs" aria-label="Breadcrumb">
                {catalogue.map(|k| view! { <a href=format!("#/catalog/{}", k.id())>{k.label()}</a> })}
                " / "
                {c.group_of(&reference)}
            </nav>
            <h2 id="item-title">
                <span class="ref">{reference.clone()}</span>
                " "
                {title}
            </h2>
            {new_badge.then(|| view! { <p class="badge">"New in 2022"</p> })}
            {body}
            {use_context::<Workspace>().map(|workspace| (workspace.item_status)(reference.clone()))}
            <CrosswalkPanel reference=reference.clone() />
        </article>
    }
}

#[component]
fn TagList(tags: Vec<&'static str>) -> impl IntoView {
    view! {
        <ul class="tags">
            {tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
        </ul>
    }
}

/// A criterion's points of focus, each with the ISO items whose links reach it in full or in
/// part, so a partial verdict reads point by point.
#[component]
fn PointsOfFocus(criterion: &'static Criterion) -> impl IntoView {
    let items = |label: &'static str, refs: Vec<&'static str>| {
        (!refs.is_empty()).then(|| {
            view! {
                <span class="reached-by">
                    {label}
                    {refs.into_iter().map(|r| view! { " "<a href=item_hash(r)>{r}</a> }).collect_view()}
                </span>
            }
        })
    };
    view! {
        <ol class="points-of-focus">
            {crosswalk()
                .points_reached(criterion)
                .into_iter()
                .map(|point| {
                    let status = if point.is_reached() {
                        view! { <span class="point-status reached">"Reached"</span> }
                    } else if point.in_part.is_empty() {
                        view! { <span class="point-status unreached">"Not reached by any linked ISO item"</span> }
                    } else {
                        view! { <span class="point-status unreached">"Reached only in part"</span> }
                    };
                    view! {
                        <li>
                            {point.text}" "{status}
                            {items("Reached by", point.iso)}
                            {items("In part by", point.in_part)}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn TextList(items: &'static [Cow<'static, str>]) -> impl IntoView {
    view! { <ul class="text-list">{items.iter().map(|item| view! { <li>{item.as_ref()}</li> }).collect_view()}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_standard_order_and_keep_every_entry() {
        let groups = grouped(filtered_entries(CatalogueKind::AnnexA, &Filters::default()));
        let names: Vec<&str> = groups.iter().map(|(g, _)| g.as_str()).collect();
        assert_eq!(
            names,
            [
                "Organizational controls (A.5)",
                "People controls (A.6)",
                "Physical controls (A.7)",
                "Technological controls (A.8)"
            ]
        );
        assert_eq!(groups.iter().map(|(_, m)| m.len()).sum::<usize>(), 93);
        assert_eq!(groups[0].1[1].reference, "A.5.2");
        assert_eq!(
            grouped(filtered_entries(CatalogueKind::Tsc, &Filters::default())).len(),
            20
        );
    }

    #[test]
    fn category_chips_narrow_the_criteria() {
        let filters = Filters {
            categories: vec![Category::Availability],
            ..Default::default()
        };
        let refs: Vec<&str> = filtered_entries(CatalogueKind::Tsc, &filters)
            .iter()
            .map(|e| e.reference)
            .collect();
        assert_eq!(refs, ["A1.1", "A1.2", "A1.3"]);
    }
}
