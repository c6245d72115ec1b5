//! The matrix of ISO groups against TSC series, each cell drilling down to its links.

use leptos::prelude::*;

use super::{use_scope, LinkCard, ScopeToggles, WithLongTexts};

use crate::catalog::catalogues;
use crate::crosswalk::explore::{cell_links, matrix, IsoGroup};
use crate::crosswalk::{crosswalk, Side};
use crate::ui::route::Route;

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
            .map(|s| view! { <th scope="col" title=s.name.as_ref()>{s.reference.as_ref()}</th> })
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
                            let hash = Route::Matrix(Some((group, series.reference.to_string())))
                                .to_hash();
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
                <WithLongTexts>
                    <ul class="link-cards">
                        {links.iter().map(|&link| view! { <LinkCard link from=Side::Tsc /> }).collect_view()}
                    </ul>
                </WithLongTexts>
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
