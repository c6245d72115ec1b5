//! The unique register: what only one framework asks for, and how far the other goes.

use std::borrow::Cow;

use leptos::prelude::*;

use crate::crosswalk::{crosswalk, Framework};
use crate::ui::crosswalk::WithLongTexts;
use crate::ui::route::item_hash;

/// The register of obligations unique to one framework.
#[component]
pub fn UniqueRegister() -> impl IntoView {
    let section = |framework: Framework| {
        let items = crosswalk()
            .obligations()
            .iter()
            .filter(|o| o.framework == framework)
            .map(|o| {
                let refs = |list: &'static [Cow<'static, str>]| {
                    list.iter()
                        .map(|r| view! { <a href=item_hash(r)>{r.as_ref()}</a>" " })
                        .collect_view()
                };
                view! {
                    <article class="obligation" id=o.id.clone() aria-labelledby=format!("{}-title", o.id)>
                        <h4 id=format!("{}-title", o.id)>{o.title.as_ref()}</h4>
                        {(!o.refs.is_empty()).then(|| view! { <p class="refs">"Rests on: " {refs(&o.refs)}</p> })}
                        <p><strong>"Produce: "</strong>{o.produce()}</p>
                        <p><strong>"Why it does not cross-map: "</strong>{o.why_unique()}</p>
                        {o.partial_counterpart().map(|p| {
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
            <WithLongTexts>
                {section(Framework::Iso)}
                {section(Framework::Soc2)}
            </WithLongTexts>
        </section>
    }
}
