//! Small shared widgets: toggle chips, badges and tag lists.

use leptos::prelude::*;

use crate::crosswalk::{Relationship, Verdict};

/// Adds a value to a selection, or removes it if present.
pub fn toggle<T: PartialEq>(values: &mut Vec<T>, value: T) {
    match values.iter().position(|v| *v == value) {
        Some(index) => {
            values.remove(index);
        }
        None => values.push(value),
    }
}

/// A toggle button; its pressed state is exposed to assistive technology and shown with a
/// tick, not by colour alone.
#[component]
pub fn Chip(
    /// The text on the chip.
    label: &'static str,
    /// Whether the chip is on.
    #[prop(into)]
    pressed: Signal<bool>,
    /// Called when the user toggles it.
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="chip"
            aria-pressed=move || pressed.get().to_string()
            on:click=move |_| on_toggle.run(())
        >
            {label}
        </button>
    }
}

/// Toggle chips for every value of a list-valued field of a filter signal: a chip is pressed
/// while its value is in the list, and pressing it adds or removes the value.
pub fn chip_set<S, T>(
    filter: RwSignal<S>,
    values: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
    field: fn(&S) -> &Vec<T>,
    field_mut: fn(&mut S) -> &mut Vec<T>,
) -> impl IntoView
where
    S: Send + Sync + 'static,
    T: Copy + PartialEq + Send + Sync + 'static,
{
    values
        .into_iter()
        .map(|value| {
            view! {
                <Chip
                    label=label(value)
                    pressed=Signal::derive(move || filter.with(|f| field(f).contains(&value)))
                    on_toggle=Callback::new(move |()| filter.update(|f| toggle(field_mut(f), value)))
                />
            }
        })
        .collect_view()
}

/// A relationship badge: a symbol and the word, so it reads without colour.
#[component]
pub fn RelationshipBadge(
    /// The relationship shown.
    relationship: Relationship,
) -> impl IntoView {
    let symbol = match relationship {
        Relationship::Equal => "=",
        Relationship::Subset => "\u{2282}",
        Relationship::Superset => "\u{2283}",
        Relationship::Intersects => "\u{2229}",
    };
    view! {
        <span class=format!("badge rel rel-{}", relationship.id()) title=relationship.describe()>
            <span aria-hidden="true">{symbol}" "</span>
            {relationship.id()}
        </span>
    }
}

/// A verdict badge: a symbol and the word, so it reads without colour.
#[component]
pub fn VerdictBadge(
    /// The verdict shown.
    verdict: Verdict,
) -> impl IntoView {
    let (symbol, label) = match verdict {
        Verdict::Full => ("\u{25CF}", "Full"),
        Verdict::Partial => ("\u{25D0}", "Partial"),
        Verdict::Unique => ("\u{25CB}", "Unique"),
    };
    view! {
        <span class=format!("badge verdict verdict-{}", verdict.id())>
            <span aria-hidden="true">{symbol}" "</span>
            {label}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Theme;

    #[test]
    fn toggling_twice_restores_the_selection() {
        let mut themes = vec![Theme::People];
        toggle(&mut themes, Theme::Physical);
        assert_eq!(themes, [Theme::People, Theme::Physical]);
        toggle(&mut themes, Theme::Physical);
        assert_eq!(themes, [Theme::People]);
    }
}
