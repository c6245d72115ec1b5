//! The crosswalk explorer: both directions with filters, the coverage summary with its scope
//! toggles, the matrix of ISO groups against TSC series, the unique register, and the crosswalk
//! panel of every item's detail view.

use leptos::prelude::*;

use crate::catalog::{catalogues, Attribute, Category};
use crate::crosswalk::coverage::{summary, Scope};
use crate::crosswalk::explore::{cell_links, explore, matrix, ExploreFilter, IsoGroup};
use crate::crosswalk::{crosswalk, Framework, Link, Relationship, Side, Verdict};
use crate::ui::route::{item_hash, Route};
use crate::ui::widgets::{chip_set, Chip, RelationshipBadge, VerdictBadge};

/// The SOC 2 categories in scope, shared by every view that depends on them.
#[derive(Clone, Copy)]
pub struct ScopeState(pub RwSignal<Scope>);

/// The shared scope signal, provided by the app.
pub fn use_scope() -> RwSignal<Scope> {
    expect_context::<ScopeState>().0
}

/// The elective categories as toggles; security is always in and says so.
#[component]
pub fn ScopeToggles() -> impl IntoView {
    let scope = use_scope();
    view! {
        <fieldset class="chips scope">
            <legend>"SOC 2 scope"</legend>
            <span class="fixed-chip">"Security (always in scope)"</span>
            {Category::elective()
                .map(|category| {
                    view! {
                        <Chip
                            label=category.label()
                            pressed=Signal::derive(move || scope.with(|s| s.includes(category)))
                            on_toggle=Callback::new(move |()| scope.update(|s| s.toggle(category)))
                        />
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// How far ISO/IEC 27001 carries the SOC 2 scope, recomputed whenever the scope changes.
#[component]
pub fn CoverageSummaryView() -> impl IntoView {
    let scope = use_scope();
    let numbers = Memo::new(move |_| scope.with(|s| summary(crosswalk(), catalogues(), s)));
    view! {
        <section class="coverage-summary" aria-labelledby="coverage-title">
            <h3 id="coverage-title">"Coverage of the SOC 2 scope by ISO/IEC 27001"</h3>
            <p class="coverage-line" role="status" aria-live="polite">
                {move || {
                    let s = numbers.get();
                    format!(
                        "{} criteria in scope: {} full, {} partial, {} unique ({}% covered in full by ISO/IEC 27001). {} links from {} ISO items.",
                        s.criteria.total(),
                        s.criteria.full,
                        s.criteria.partial,
                        s.criteria.unique,
                        s.full_percent(),
                        s.links,
                        s.iso_items_linked
                    )
                }}
            </p>
            <table class="coverage-table">
                <caption>"Verdicts per category in scope"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Category"</th>
                        <th scope="col">"Full"</th>
                        <th scope="col">"Partial"</th>
                        <th scope="col">"Unique"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        numbers
                            .get()
                            .by_category
                            .into_iter()
                            .map(|(category, counts)| {
                                view! {
                                    <tr>
                                        <th scope="row">{category.label()}</th>
                                        <td>{counts.full}</td>
                                        <td>{counts.partial}</td>
                                        <td>{counts.unique}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// Tabs between the two directions of the explorer.
#[component]
fn DirectionTabs(side: Side) -> impl IntoView {
    let tab = move |target: Side, label: &'static str| {
        view! {
            <a href=Route::Explorer(target).to_hash() aria-current=(side == target).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        <nav class="tabs" aria-label="Direction">
            {tab(Side::Tsc, "From SOC 2 criteria to ISO")}
            {tab(Side::Iso, "From ISO items to SOC 2")}
        </nav>
    }
}

/// The crosswalk explorer from one side.
#[component]
pub fn Explorer(
    /// Which side's items are listed.
    side: Side,
) -> impl IntoView {
    let scope = use_scope();
    let filter = RwSignal::new(ExploreFilter::default());
    let rows = Memo::new(move |_| {
        let scope = scope.get();
        filter.with(|f| {
            explore(crosswalk(), catalogues(), side, &scope, f)
                .into_iter()
                .map(|row| {
                    let links: Vec<(&'static Link, &'static str)> = row
                        .links
                        .iter()
                        .map(|link| {
                            (
                                *link,
                                if side == Side::Iso {
                                    link.tsc.as_str()
                                } else {
                                    link.iso.as_str()
                                },
                            )
                        })
                        .collect();
                    (row.reference, row.title, row.verdict.verdict, links)
                })
                .collect::<Vec<_>>()
        })
    });
    crate::ui::perf::mark_after_render("crosswalk:explorer-rendered");
    let heading = match side {
        Side::Tsc => "Crosswalk: Trust Services Criteria to ISO/IEC 27001",
        Side::Iso => "Crosswalk: ISO/IEC 27001 to Trust Services Criteria",
    };
    view! {
        <section class="explorer" aria-labelledby="explorer-title">
            <h2 id="explorer-title">{heading}</h2>
            <DirectionTabs side />
            <ScopeToggles />
            <CoverageSummaryView />
            <div class="search-row">
                <label class="search">
                    <span>"Search"</span>
                    <input
                        type="search"
                        aria-label="Search the crosswalk"
                        placeholder="Ref or any word, e.g. CC6.1 or backup"
                        prop:value=move || filter.with(|f| f.query.clone())
                        on:input=move |ev| filter.update(|f| f.query = event_target_value(&ev))
                    />
                </label>
                <p class="result-count" role="status" aria-live="polite">
                    {move || format!("{} items shown", rows.with(Vec::len))}
                </p>
            </div>
            <ExplorerFilters filter />
            <ul class="explorer-rows">
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|(reference, title, verdict, links)| {
                            view! {
                                <li class="explorer-row">
                                    <div class="row-head">
                                        <a href=item_hash(reference)>
                                            <span class="ref">{reference}</span>
                                            " "
                                            {title}
                                        </a>
                                        " "
                                        <VerdictBadge verdict />
                                    </div>
                                    {if links.is_empty() {
                                        view! { <p class="no-links">"No counterpart in scope."</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="link-chips" aria-label=format!("Links of {reference}")>
                                                {links
                                                    .into_iter()
                                                    .map(|(link, other)| {
                                                        view! {
                                                            <li>
                                                                <a href=item_hash(other) title=link.rationale.as_str()>
                                                                    <span class="ref">{other}</span>
                                                                </a>
                                                                " "
                                                                <RelationshipBadge relationship=link.relationship />
                                                                <span class="strength">{format!(" {}/10", link.strength)}</span>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                        .into_any()
                                    }}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn ExplorerFilters(filter: RwSignal<ExploreFilter>) -> impl IntoView {
    let relationship_chips = chip_set(
        filter,
        Relationship::ALL,
        Relationship::id,
        |f| &f.relationships,
        |f| &mut f.relationships,
    );
    let verdict_chips = chip_set(
        filter,
        Verdict::ALL,
        Verdict::id,
        |f| &f.verdicts,
        |f| &mut f.verdicts,
    );
    let category_chips = chip_set(
        filter,
        Category::ALL.iter().copied(),
        Category::label,
        |f| &f.categories,
        |f| &mut f.categories,
    );
    let group_chips = chip_set(
        filter,
        IsoGroup::ALL,
        IsoGroup::label,
        |f| &f.groups,
        |f| &mut f.groups,
    );
    let attribute_chips = chip_set(
        filter,
        Attribute::all(),
        Attribute::label,
        |f| &f.attributes,
        |f| &mut f.attributes,
    );
    view! {
        <div class="filters">
            <fieldset class="chips">
                <legend>"Relationship"</legend>
                {relationship_chips}
            </fieldset>
            <fieldset class="chips">
                <legend>"Verdict"</legend>
                {verdict_chips}
            </fieldset>
            <fieldset class="chips">
                <legend>"Category"</legend>
                {category_chips}
            </fieldset>
            <fieldset class="chips">
                <legend>"ISO theme"</legend>
                {group_chips}
            </fieldset>
            <details class="attribute-filters">
                <summary>"ISO/IEC 27002 attributes"</summary>
                <fieldset class="chips">
                    <legend class="visually-hidden">"Attribute values"</legend>
                    {attribute_chips}
                </fieldset>
            </details>
        </div>
    }
}

/// The matrix of ISO groups against in-scope TSC series, with a drill-down into one cell.
#[component]
pub fn MatrixView(
    /// The drilled-into cell, if any.
    cell: Option<(IsoGroup, String)>,
) -> impl IntoView {
    let scope = use_scope();
    let table = move || {
        let m = scope.with(|s| matrix(crosswalk(), catalogues(), s));
        let header = m
            .columns
            .iter()
            .map(|s| view! { <th scope="col" title=s.name.as_str()>{s.reference.as_str()}</th> })
            .collect_view();
        let body = m
            .rows
            .iter()
            .zip(&m.counts)
            .map(|(&group, counts)| {
                let cells = m
                    .columns
                    .iter()
                    .zip(counts)
                    .map(|(series, &count)| {
                        if count == 0 {
                            view! { <td class="zero">"-"</td> }.into_any()
                        } else {
                            let label = format!(
                                "{count} links between {} and {}",
                                group.label(),
                                series.reference
                            );
                            let hash =
                                Route::Matrix(Some((group, series.reference.clone()))).to_hash();
                            view! {
                                <td>
                                    <a href=hash aria-label=label>{count}</a>
                                </td>
                            }
                            .into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{group.label()}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="matrix">
                <caption>"Links between ISO/IEC 27001 groups (rows) and Trust Services Criteria series in scope (columns)"</caption>
                <thead>
                    <tr>
                        <td></td>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    let drill = cell.map(|(group, series)| {
        let links = cell_links(crosswalk(), catalogues(), group, &series);
        let series_name = catalogues()
            .series
            .iter()
            .find(|s| s.reference == series)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        view! {
            <section class="drill-down" aria-labelledby="cell-title">
                <h3 id="cell-title">{format!("{} \u{00D7} {series} {series_name}", group.label())}</h3>
                <p>{format!("{} links", links.len())}</p>
                <ul class="link-cards">
                    {links.into_iter().map(|link| view! { <LinkCard link from=Side::Tsc /> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <section class="matrix-view" aria-labelledby="matrix-title">
            <h2 id="matrix-title">"Crosswalk matrix"</h2>
            <ScopeToggles />
            <div class="matrix-scroll">{table}</div>
            {drill}
        </section>
    }
}

/// One link as a card: both refs and titles, the relationship, strength, rationale and divergence.
#[component]
pub fn LinkCard(
    /// The link shown.
    link: &'static Link,
    /// The side the reader comes from: the other side's item is named first.
    from: Side,
) -> impl IntoView {
    let c = catalogues();
    let first = match from {
        Side::Iso => link.tsc.as_str(),
        Side::Tsc => link.iso.as_str(),
    };
    view! {
        <li class="link-card">
            <p class="link-head">
                <a href=item_hash(first)>
                    <span class="ref">{first}</span>
                    " "
                    {c.title_of(first).unwrap_or_default()}
                </a>
                " "
                <RelationshipBadge relationship=link.relationship />
                <span class="strength">{format!(" strength {}/10", link.strength)}</span>
                <span class="pair">
                    " ("
                    <a href=item_hash(link.iso.as_str())>{link.iso.as_str()}</a>
                    " to "
                    <a href=item_hash(link.tsc.as_str())>{link.tsc.as_str()}</a>
                    {format!(", read from the ISO side: {})", link.relationship.describe())}
                </span>
            </p>
            <p class="rationale"><strong>"Why: "</strong>{link.rationale.as_str()}</p>
            {link
                .divergence
                .as_deref()
                .map(|d| view! { <p class="divergence"><strong>"Diverges: "</strong>{d}</p> })}
        </li>
    }
}

/// The crosswalk section of an ISO item's or criterion's detail view.
#[component]
pub fn CrosswalkPanel(
    /// The item's ref (an ISO item or a criterion).
    reference: String,
) -> impl IntoView {
    let cw = crosswalk();
    let Some(side) = Side::of(&reference) else {
        return ().into_any();
    };
    let verdict = cw.verdict(&reference);
    let links = cw.links_for(&reference);
    let obligations = cw.obligations_touching(&reference);
    let other = match side {
        Side::Iso => "the Trust Services Criteria",
        Side::Tsc => "ISO/IEC 27001",
    };
    view! {
        <section class="crosswalk-panel" aria-labelledby="crosswalk-title">
            <h3 id="crosswalk-title">{format!("Crosswalk to {other}")}</h3>
            {verdict.map(|v| {
                view! {
                    <p class="verdict-line">
                        "Verdict: " <VerdictBadge verdict=v.verdict />
                        {(!v.explanation().is_empty()).then(|| {
                            let lead = if v.verdict == Verdict::Unique { " Why: " } else { " What remains: " };
                            view! { <span class="explanation">{lead}{v.explanation().to_owned()}</span> }
                        })}
                    </p>
                    {(!v.covering.is_empty()).then(|| {
                        view! {
                            <p class="covering">
                                "Covered in full by these together: "
                                {v.covering
                                    .iter()
                                    .map(|r| view! { <a href=item_hash(r)>{r.clone()}</a>" " })
                                    .collect_view()}
                            </p>
                        }
                    })}
                }
            })}
            {if links.is_empty() {
                view! { <p class="no-links">{format!("No link to {other}.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="link-cards">
                        {links.into_iter().map(|link| view! { <LinkCard link from=side /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!obligations.is_empty()).then(|| {
                view! {
                    <h4>"In the unique register"</h4>
                    <ul>
                        {obligations
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <a href=Route::Unique.to_hash()>{o.title.as_str()}</a>
                                        {format!(" ({})", o.framework.label())}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        </section>
    }
    .into_any()
}

/// The register of obligations unique to one framework.
#[component]
pub fn UniqueRegister() -> impl IntoView {
    let section = |framework: Framework| {
        let items = crosswalk()
            .obligations()
            .iter()
            .filter(|o| o.framework == framework)
            .map(|o| {
                let refs = |list: &[String]| {
                    list.iter()
                        .map(|r| view! { <a href=item_hash(r)>{r.clone()}</a>" " })
                        .collect_view()
                };
                view! {
                    <article class="obligation" id=o.id.clone() aria-labelledby=format!("{}-title", o.id)>
                        <h4 id=format!("{}-title", o.id)>{o.title.as_str()}</h4>
                        {(!o.refs.is_empty()).then(|| view! { <p class="refs">"Rests on: " {refs(&o.refs)}</p> })}
                        <p><strong>"Produce: "</strong>{o.produce.as_str()}</p>
                        <p><strong>"Why it does not cross-map: "</strong>{o.why_unique.as_str()}</p>
                        {o.partial_counterpart.as_deref().map(|p| {
                            view! {
                                <p>
                                    <strong>"How far the other framework goes: "</strong>
                                    {p}
                                    " "
                                    {refs(&o.partial_refs)}
                                </p>
                            }
                        })}
                    </article>
                }
            })
            .collect_view();
        view! {
            <section class="register" aria-labelledby=format!("unique-{}", framework.id())>
                <h3 id=format!("unique-{}", framework.id())>{format!("Only in {}", framework.label())}</h3>
                {items}
            </section>
        }
    };
    view! {
        <section class="unique-register" aria-labelledby="unique-title">
            <h2 id="unique-title">"Framework-unique register"</h2>
            <p>"Obligations that exist in one framework only: plan them as separate work, because no control of the other framework produces them."</p>
            {section(Framework::Iso)}
            {section(Framework::Soc2)}
        </section>
    }
}
