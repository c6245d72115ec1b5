//! A link as a card, and the crosswalk panel of every item's detail view.

use leptos::prelude::*;

use crate::catalog::catalogues;
use crate::crosswalk::{crosswalk, Link, Side, Verdict};
use crate::ui::crosswalk::WithLongTexts;
use crate::ui::route::{item_hash, Route};
use crate::ui::widgets::{RelationshipBadge, VerdictBadge};

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
        Side::Iso => link.tsc.as_ref(),
        Side::Tsc => link.iso.as_ref(),
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
                    <a href=item_hash(link.iso.as_ref())>{link.iso.as_ref()}</a>
                    " to "
                    <a href=item_hash(link.tsc.as_ref())>{link.tsc.as_ref()}</a>
                    {format!(", read from the ISO side: {})", link.relationship.describe())}
                </span>
            </p>
            <PointsLine link />
            <p class="rationale"><strong>"Why: "</strong>{link.rationale()}</p>
            {link
                .divergence()
                .map(|d| view! { <p class="divergence"><strong>"Diverges: "</strong>{d}</p> })}
        </li>
    }
}

/// The criterion's points of focus a link reaches, in full and in part, named in words.
#[component]
fn PointsLine(link: &'static Link) -> impl IntoView {
    let criterion = catalogues().tsc.get(&link.tsc)?;
    let (full, in_part) = link.points_named(criterion);
    let list = |label: &'static str, points: Vec<&'static str>| {
        (!points.is_empty()).then(|| view! { <strong>{label}</strong>{points.join("; ")}". " })
    };
    Some(view! {
        <p class="points">
            {list("Points of focus reached: ", full)}
            {list("In part: ", in_part)}
        </p>
    })
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
            <WithLongTexts>
            {verdict.map(|v| {
                view! {
                    <p class="verdict-line">
                        "Verdict: " <VerdictBadge verdict=v.verdict />
                        {Some(cw.explain(v, catalogues())).filter(|e| !e.is_empty()).map(|explanation| {
                            let lead = if v.verdict == Verdict::Unique { " Why: " } else { " What remains: " };
                            view! { <span class="explanation">{lead}{explanation}</span> }
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
                        {links.iter().map(|&link| view! { <LinkCard link from=side /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            </WithLongTexts>
            {(!obligations.is_empty()).then(|| {
                view! {
                    <h4>"In the unique register"</h4>
                    <ul>
                        {obligations
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        <a href=Route::Unique.to_hash()>{o.title.as_ref()}</a>
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
