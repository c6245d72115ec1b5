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
    let symbol = relationship_symbol(relationship);
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
    let (symbol, label) = verdict_symbol_and_label(verdict);
    view! {
        <span class=format!("badge verdict verdict-{}", verdict.id())>
            <span aria-hidden="true">{symbol}" "</span>
            {label}
        </span>
    }
}

fn relationship_symbol(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::Equal => "=",
        Relationship::Subset => "\u{2282}",
        Relationship::Superset => "\u{2283}",
        Relationship::Intersects => "\u{2229}",
    }
}

fn verdict_symbol_and_label(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Full => ("\u{25CF}", "Full"),
        Verdict::Partial => ("\u{25D0}", "Partial"),
        Verdict::Unique => ("\u{25CB}", "Unique"),
    }
}

/// Markup for large lists of static content (links and badges, no handlers), which the browser's
/// parser builds in one step instead of one wasm-to-DOM call per element and attribute.
pub mod markup {
    use std::fmt::Write;

    use super::{relationship_symbol, verdict_symbol_and_label};
    use crate::crosswalk::{Relationship, Verdict};

    /// Appends `text` with the characters that mean something in HTML escaped.
    pub fn push_text(out: &mut String, text: &str) {
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
    }

    /// The markup of [`super::RelationshipBadge`].
    pub fn relationship_badge(out: &mut String, relationship: Relationship) {
        let _ = write!(
            out,
            "<span class=\"badge rel rel-{}\" title=\"",
            relationship.id()
        );
        push_text(out, relationship.describe());
        let _ = write!(
            out,
            "\"><span aria-hidden=\"true\">{} </span>{}</span>",
            relationship_symbol(relationship),
            relationship.id()
        );
    }

    /// The markup of [`super::VerdictBadge`].
    pub fn verdict_badge(out: &mut String, verdict: Verdict) {
        let (symbol, label) = verdict_symbol_and_label(verdict);
        let _ = write!(
            out,
            "<span class=\"badge verdict verdict-{}\"><span aria-hidden=\"true\">{symbol} </span>{label}</span>",
            verdict.id()
        );
    }
}

/// Today in this browser's clock.
pub fn today() -> Option<chrono::NaiveDate> {
    let now = js_sys::Date::new_0();
    let text = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    crate::programme::parse_date(&text).ok()
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

    #[test]
    fn markup_escapes_text_that_would_become_markup() {
        let mut out = String::new();
        markup::push_text(&mut out, r#"<img src=x onerror="a('b')"> & co"#);
        assert_eq!(
            out,
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
    }
}
