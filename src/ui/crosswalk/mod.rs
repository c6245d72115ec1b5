//! The crosswalk explorer: both directions with filters and the coverage summary with its scope
//! toggles; the matrix, the crosswalk panel of every item's detail view and the unique register
//! have rooms of their own.

mod long_texts;
mod matrix;
mod panel;
mod unique;

pub use long_texts::{use_long_texts, LongTexts, WithLongTexts};
pub use matrix::MatrixView;
pub use panel::{CrosswalkPanel, LinkCard};
pub use unique::UniqueRegister;

use leptos::prelude::*;

use crate::catalog::{catalogues, Attribute, Category};
use crate::crosswalk::coverage::{summary, Scope};
use crate::crosswalk::explore::{explore, ExploreFilter, ExploreRow, IsoGroup};
use crate::crosswalk::{crosswalk, texts, Relationship, Side, Verdict};
use crate::export::crosswalk::oscal_mapping;
use crate::ui::files::download;
use crate::ui::route::{item_hash, Route};
use crate::ui::widgets::{chip_set, markup, Chip};

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
    let long_texts = use_long_texts();
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
            {(!cfg!(feature = "embed")).then(|| view! {
                <button type="button" on:click=move |_| {
                    // The OSCAL remarks carry the rationales: in the explorer bundle, load them first.
                    long_texts.load(move || {
                        let document = scope.with_untracked(|s| oscal_mapping(crosswalk(), catalogues(), s));
                        let _ = download("crosswalk-mapping-oscal.json", "application/json", &document);
                    });
                }>"Download this mapping as OSCAL (JSON)"</button>
                {long_texts.status()}
            })}
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
            let rows = explore(crosswalk(), catalogues(), side, &scope, f);
            (rows.len(), rows_markup(&rows, side))
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
                    {move || format!("{} items shown", rows.with(|(count, _)| *count))}
                </p>
            </div>
            <ExplorerFilters filter />
            <ul class="explorer-rows" inner_html=move || rows.with(|(_, markup)| markup.clone())></ul>
        </section>
    }
}

/// The explorer's rows as markup: with every link of every item, the list is the largest part of
/// the first view (over a thousand elements), and the browser's parser builds it far faster than
/// one wasm-to-DOM call per element and attribute. It holds links and badges only, no handlers.
fn rows_markup(rows: &[ExploreRow], side: Side) -> String {
    let mut out = String::with_capacity(rows.len() * 600);
    for row in rows {
        out.push_str("<li class=\"explorer-row\"><div class=\"row-head\"><a href=\"");
        markup::push_text(&mut out, &item_hash(row.reference));
        out.push_str("\"><span class=\"ref\">");
        markup::push_text(&mut out, row.reference);
        out.push_str("</span> ");
        markup::push_text(&mut out, row.title);
        out.push_str("</a> ");
        markup::verdict_badge(&mut out, row.verdict.verdict);
        out.push_str("</div>");
        if row.links.is_empty() {
            out.push_str("<p class=\"no-links\">No counterpart in scope.</p>");
        } else {
            out.push_str("<ul class=\"link-chips\" aria-label=\"Links of ");
            markup::push_text(&mut out, row.reference);
            out.push_str("\">");
            for link in &row.links {
                let other = match side {
                    Side::Iso => link.tsc.as_ref(),
                    Side::Tsc => link.iso.as_ref(),
                };
                out.push_str("<li><a href=\"");
                markup::push_text(&mut out, &item_hash(other));
                // The rationale as a tooltip where it is at hand (the explorer bundle loads it
                // only for the views that show it in full).
                if texts::available() {
                    out.push_str("\" title=\"");
                    markup::push_text(&mut out, link.rationale());
                }
                out.push_str("\"><span class=\"ref\">");
                markup::push_text(&mut out, other);
                out.push_str("</span></a> ");
                markup::relationship_badge(&mut out, link.relationship);
                out.push_str(&format!(
                    "<span class=\"strength\"> {}/10</span></li>",
                    link.strength
                ));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out
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
    // The attribute chips (about forty) sit in a closed panel: built when it first opens, not
    // on the first render.
    let attributes_open = RwSignal::new(false);
    let attribute_chips = move || {
        attributes_open.get().then(|| {
            chip_set(
                filter,
                Attribute::all(),
                Attribute::label,
                |f| &f.attributes,
                |f| &mut f.attributes,
            )
        })
    };
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
            <details class="attribute-filters" on:toggle=move |_| attributes_open.set(true)>
                <summary>"ISO/IEC 27002 attributes"</summary>
                <fieldset class="chips">
                    <legend class="visually-hidden">"Attribute values"</legend>
                    {attribute_chips}
                </fieldset>
            </details>
        </div>
    }
}
