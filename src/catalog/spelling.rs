//! Refs as people write them in spreadsheets (`5.15`, `A 5.15`, `ISO 27001 A.5.15.`, `cc 6.1`),
//! read into official refs. Only refs that name a catalogue item are accepted, so a loose
//! spelling never becomes a wrong ref: `5.2` is the clause because a clause has that number,
//! `5.15` the Annex A control because no clause does.

use super::refs::{kind_of, RefKind};
use super::Catalogues;

/// Framework names written around refs, dropped before reading (longest first, compared
/// without regard to case).
const FRAMEWORK_WORDS: [&str; 14] = [
    "ISO/IEC",
    "27001:2022",
    "27001:2013",
    "27002:2022",
    "27001",
    "27002",
    "ISO",
    "IEC",
    "SOC 2",
    "SOC2",
    "TSC",
    "ANNEX",
    "CLAUSE",
    "CONTROL",
];

/// What a cell of refs held: the refs read, in the order written without repeats, and every
/// part that is not a ref of either framework.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefList {
    /// Official refs (clause items, Annex A controls, criteria).
    pub refs: Vec<String>,
    /// What could not be read, as written.
    pub unknown: Vec<String>,
}

impl Catalogues {
    /// Reads one spelling of an ISO/IEC 27001 item or a criterion into its official ref.
    ///
    /// # Example
    /// ```
    /// let c = crosswalk::catalog::catalogues();
    /// for spelling in ["A.5.15", "5.15", "A 5.15", "A.5.15.", "a5.15"] {
    ///     assert_eq!(c.read_ref(spelling).as_deref(), Some("A.5.15"), "{spelling}");
    /// }
    /// assert_eq!(c.read_ref("5.2").as_deref(), Some("5.2"));
    /// assert_eq!(c.read_ref("cc 6.1").as_deref(), Some("CC6.1"));
    /// assert_eq!(c.read_ref("A1.2").as_deref(), Some("A1.2"));
    /// assert_eq!(c.read_ref("A.5.99"), None);
    /// ```
    pub fn read_ref(&self, spelling: &str) -> Option<String> {
        let compact: String = spelling
            .trim()
            .trim_end_matches(['.', ':', ')', ']'])
            .trim_start_matches(['(', '['])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let digits = compact.strip_prefix("A.").or(compact.strip_prefix('A'));
        let candidates = [
            Some(compact.clone()),
            digits.map(|rest| format!("A.{rest}")),
            compact
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| format!("A.{compact}")),
        ];
        candidates.into_iter().flatten().find(|candidate| {
            kind_of(candidate).is_some_and(|kind| kind != RefKind::Dc) && self.exists(candidate)
        })
    }

    /// Reads a cell of refs: parts separated by `;`, `,`, `/` or new lines, each a ref in any
    /// spelling [`Catalogues::read_ref`] accepts, framework names and words around it ignored
    /// (`ISO 27001 A.5.15`, `A.5.15 Access control`).
    ///
    /// # Example
    /// ```
    /// let c = crosswalk::catalog::catalogues();
    /// let list = c.read_ref_list("ISO/IEC 27001 A.5.15; 5.16\nCC 6.1 / cc6.2, A.5.99, firewall");
    /// assert_eq!(list.refs, ["A.5.15", "A.5.16", "CC6.1", "CC6.2"]);
    /// assert_eq!(list.unknown, ["A.5.99", "firewall"]);
    /// ```
    pub fn read_ref_list(&self, text: &str) -> RefList {
        let mut list = RefList::default();
        for part in without_framework_words(text).split([';', ',', '/', '\n', '\r']) {
            let words = joined_prefixes(part);
            let ref_like: Vec<&String> = words.iter().filter(|w| is_ref_like(w)).collect();
            if ref_like.is_empty() {
                if !part.trim().is_empty() {
                    list.unknown.push(part.trim().to_owned());
                }
                continue;
            }
            for word in ref_like {
                match self.read_ref(word) {
                    Some(found) if !list.refs.contains(&found) => list.refs.push(found),
                    Some(_) => {}
                    None => list.unknown.push(word.trim_end_matches('.').to_owned()),
                }
            }
        }
        list
    }
}

/// The text with every framework name blanked out where it stands as a word of its own
/// (`ISO 27001`, not the `iso` of `isolation`), compared without regard to case.
fn without_framework_words(text: &str) -> String {
    let mut text = text.to_owned();
    for word in FRAMEWORK_WORDS {
        let mut from = 0;
        while let Some(found) = text[from..].to_ascii_uppercase().find(word) {
            let (start, end) = (from + found, from + found + word.len());
            let bounded = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric());
            if bounded(text[..start].chars().next_back()) && bounded(text[end..].chars().next()) {
                text.replace_range(start..end, " ");
                from = start + 1;
            } else {
                from = end;
            }
        }
    }
    text
}

/// The words of a part, with a lone prefix joined to the number after it (`A 5.15`, `CC 6.1`).
fn joined_prefixes(part: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in part.split_whitespace() {
        let prefix = words.last().filter(|last| {
            let bare = last.trim_end_matches('.').to_ascii_uppercase();
            ["A", "CC", "C", "PI", "P"].contains(&bare.as_str())
        });
        if prefix.is_some() && word.starts_with(|c: char| c.is_ascii_digit()) {
            words.last_mut().expect("checked").push_str(word);
        } else {
            words.push(word.to_owned());
        }
    }
    words
}

/// Whether a word is shaped like a ref (letters, digits and dots, with a digit and an inner
/// dot), so that prose around refs is ignored but a mistyped ref is reported.
fn is_ref_like(word: &str) -> bool {
    let word = word
        .trim_end_matches(['.', ':', ')', ']'])
        .trim_start_matches(['(', '[']);
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && word.chars().any(|c| c.is_ascii_digit())
        && word.contains('.')
        && !word.starts_with('.')
}
