//! The crosswalk's long texts: link rationales and divergences, verdict residuals and the unique
//! register's explanations. No first view shows them, and they are a fifth of the explorer
//! bundle's download, so a lean build (feature `deferred-texts`, the explorer bundle) compiles
//! its tables without them and installs them from a file (`data/crosswalk-texts.txt`, written by
//! `scripts/data-files.mjs`) when a view first needs them. A full build has them in its tables
//! and never loads anything.
//!
//! The file is UTF-8 text, one record a line, fields separated by tabs, in the data files' order:
//! a header `crosswalk-texts 1`, then `link ISO TSC RATIONALE DIVERGENCE`,
//! `residual REF RESIDUAL` (every verdict with a residual) and
//! `obligation ID PRODUCE WHY_UNIQUE PARTIAL_COUNTERPART`. An absent text is an empty field (no
//! present text is empty: the data tests refuse one); `\`, tab and line feed are written `\\`,
//! `\t` and `\n`.

use std::sync::OnceLock;

use super::{crosswalk, Crosswalk, ItemVerdict, Link, Obligation};

/// Whether this build leaves the long texts out of its tables.
pub const DEFERRED: bool = cfg!(feature = "deferred-texts");

/// The first line of a texts file of the version this build reads.
pub const HEADER: &str = "crosswalk-texts 1";

/// The long texts, in the order of the crosswalk's tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LongTexts {
    links: Vec<(String, Option<String>)>,
    residuals: Vec<Option<String>>,
    obligations: Vec<(String, String, Option<String>)>,
}

/// Why a texts file cannot be used with this build's tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("crosswalk texts, line {line}: {problem}")]
pub struct TextsError {
    /// 1-based line of the file.
    pub line: usize,
    /// What is wrong, in words.
    pub problem: String,
}

static INSTALLED: OnceLock<LongTexts> = OnceLock::new();

/// Whether the long texts can be read: always in a full build, once installed in a lean one.
pub fn available() -> bool {
    !DEFERRED || INSTALLED.get().is_some()
}

/// Makes `texts` the long texts every accessor returns. The first installation stands.
pub fn install(texts: LongTexts) {
    let _ = INSTALLED.set(texts);
}

/// Reads a texts file and checks it record by record against `crosswalk`'s tables: the same
/// links, verdicts and obligations, in the same order, with text where the data has text.
///
/// # Example
/// ```
/// use crosswalk::crosswalk::{crosswalk, texts};
/// let refused = texts::parse("crosswalk-texts 1\nlink\tA.5.1\tCC9.9\twhy\t\n", crosswalk());
/// assert!(refused.is_err());
/// ```
pub fn parse(file: &str, crosswalk: &Crosswalk) -> Result<LongTexts, TextsError> {
    let mut lines = file.lines().enumerate().map(|(i, line)| (i + 1, line));
    match lines.next() {
        Some((_, HEADER)) => {}
        _ => {
            return Err(problem(
                1,
                format!("the file does not start with {HEADER:?}"),
            ))
        }
    }
    let mut lines = lines.filter(|(_, line)| !line.is_empty());
    let mut record = |kind: &str, width: usize| -> Result<(usize, Vec<String>), TextsError> {
        let (line, text) = lines
            .next()
            .ok_or_else(|| problem(0, format!("the file ends before the next {kind}")))?;
        let fields: Vec<String> = text.split('\t').map(unescape).collect();
        if fields.first().map(String::as_str) != Some(kind) || fields.len() != width + 1 {
            return Err(problem(
                line,
                format!("expected a {kind} record of {width} fields"),
            ));
        }
        Ok((line, fields.into_iter().skip(1).collect()))
    };
    let mut texts = LongTexts::default();
    for link in crosswalk.links() {
        let (line, fields) = record("link", 4)?;
        if fields[0] != *link.iso || fields[1] != *link.tsc {
            return Err(problem(
                line,
                format!("expected the link {} to {}", link.iso, link.tsc),
            ));
        }
        let divergence = present(line, &fields[3], link.divergence.is_some(), "divergence")?;
        texts.links.push((required(line, &fields[2])?, divergence));
    }
    for verdict in crosswalk.verdicts().iter().filter(|v| v.residual.is_some()) {
        let (line, fields) = record("residual", 2)?;
        if fields[0] != *verdict.reference {
            return Err(problem(
                line,
                format!("expected the residual of {}", verdict.reference),
            ));
        }
        texts.residuals.push(Some(required(line, &fields[1])?));
    }
    for obligation in crosswalk.obligations() {
        let (line, fields) = record("obligation", 4)?;
        if fields[0] != *obligation.id {
            return Err(problem(
                line,
                format!("expected the obligation {}", obligation.id),
            ));
        }
        let partial = present(
            line,
            &fields[3],
            obligation.partial_counterpart.is_some(),
            "partial counterpart",
        )?;
        texts.obligations.push((
            required(line, &fields[1])?,
            required(line, &fields[2])?,
            partial,
        ));
    }
    match lines.next() {
        Some((line, _)) => Err(problem(
            line,
            "records beyond the crosswalk's tables".to_owned(),
        )),
        None => Ok(texts),
    }
}

fn problem(line: usize, problem: String) -> TextsError {
    TextsError { line, problem }
}

fn required(line: usize, text: &str) -> Result<String, TextsError> {
    if text.trim().is_empty() {
        return Err(problem(line, "an empty text".to_owned()));
    }
    Ok(text.to_owned())
}

fn present(
    line: usize,
    text: &str,
    expected: bool,
    what: &str,
) -> Result<Option<String>, TextsError> {
    match (expected, text.is_empty()) {
        (true, false) => Ok(Some(text.to_owned())),
        (false, true) => Ok(None),
        (true, true) => Err(problem(line, format!("the {what} is missing"))),
        (false, false) => Err(problem(line, format!("a {what} the data does not have"))),
    }
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// In a lean build, the installed texts of the table entry `entry` points at, found by address
/// among `table` (a few hundred entries: no index to keep).
fn installed<T: 'static, U: 'static>(
    entry: &T,
    mut table: impl Iterator<Item = &'static T>,
    texts: impl Fn(&'static LongTexts) -> &'static [U],
) -> Option<&'static U> {
    if !DEFERRED {
        return None;
    }
    let installed = INSTALLED.get()?;
    let index = table.position(|other| std::ptr::eq(other, entry))?;
    texts(installed).get(index)
}

impl Link {
    /// Why the two items correspond. Empty in a lean build until the texts are installed.
    pub fn rationale(&self) -> &str {
        installed(self, crosswalk().links().iter(), |t| &t.links)
            .map_or(&*self.rationale, |(rationale, _)| rationale.as_str())
    }

    /// What one asks that the other does not (absent only for `equal`).
    pub fn divergence(&self) -> Option<&str> {
        installed(self, crosswalk().links().iter(), |t| &t.links)
            .map_or(self.divergence.as_deref(), |(_, divergence)| {
                divergence.as_deref()
            })
    }
}

impl ItemVerdict {
    /// For a partial verdict: what the other framework leaves to do.
    pub fn residual(&self) -> Option<&str> {
        let with_residual = crosswalk()
            .verdicts()
            .iter()
            .filter(|v| v.residual.is_some());
        installed(self, with_residual, |t| &t.residuals)
            .map_or(self.residual.as_deref(), |residual| residual.as_deref())
    }

    /// The residual of a partial verdict or the reason of a unique one; empty for full.
    pub fn explanation(&self) -> &str {
        self.residual()
            .or(self.reason.as_deref())
            .unwrap_or_default()
    }
}

impl Obligation {
    /// What the organisation must produce or do.
    pub fn produce(&self) -> &str {
        installed(self, crosswalk().obligations().iter(), |t| &t.obligations)
            .map_or(&*self.produce, |(produce, _, _)| produce.as_str())
    }

    /// Why it does not cross-map.
    pub fn why_unique(&self) -> &str {
        installed(self, crosswalk().obligations().iter(), |t| &t.obligations)
            .map_or(&*self.why_unique, |(_, why, _)| why.as_str())
    }

    /// How far a partial counterpart on the other side goes, where there is one.
    pub fn partial_counterpart(&self) -> Option<&str> {
        installed(self, crosswalk().obligations().iter(), |t| &t.obligations)
            .map_or(self.partial_counterpart.as_deref(), |(_, _, partial)| {
                partial.as_deref()
            })
    }
}

/// The long texts of `crosswalk` in the file format [`parse`] reads.
pub fn write(crosswalk: &Crosswalk) -> String {
    let mut out = format!("{HEADER}\n");
    let mut record = |fields: &[&str]| {
        let escaped: Vec<String> = fields
            .iter()
            .map(|f| {
                f.replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n")
            })
            .collect();
        out.push_str(&escaped.join("\t"));
        out.push('\n');
    };
    for link in crosswalk.links() {
        record(&[
            "link",
            &link.iso,
            &link.tsc,
            link.rationale(),
            link.divergence().unwrap_or_default(),
        ]);
    }
    for verdict in crosswalk.verdicts() {
        if let Some(residual) = verdict.residual() {
            record(&["residual", &verdict.reference, residual]);
        }
    }
    for o in crosswalk.obligations() {
        record(&[
            "obligation",
            &o.id,
            o.produce(),
            o.why_unique(),
            o.partial_counterpart().unwrap_or_default(),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> String {
        write(crosswalk())
    }

    #[test]
    fn a_written_file_reads_back_against_the_same_tables() {
        let texts = parse(&file(), crosswalk()).expect("reads");
        assert_eq!(texts.links.len(), crosswalk().links().len());
        let first = &crosswalk().links()[0];
        assert_eq!(texts.links[0].0, first.rationale());
        assert_eq!(texts.links[0].1.as_deref(), first.divergence());
        assert_eq!(texts.obligations.len(), crosswalk().obligations().len());
    }

    #[test]
    fn tabs_line_feeds_and_backslashes_survive_the_escapes() {
        assert_eq!(unescape(r"a\tb\nc\\d"), "a\tb\nc\\d");
    }

    #[test]
    fn a_file_that_does_not_match_the_tables_is_refused_with_its_line() {
        let good = file();
        let cases = [
            (
                good.replacen(HEADER, "crosswalk-texts 2", 1),
                1,
                "does not start",
            ),
            (
                good.replacen("link\t5.1\tCC1.1", "link\t5.1\tCC1.2", 1),
                2,
                "expected the link",
            ),
            (
                good.replacen("link\t5.1\tCC1.1\t", "link\t5.1\tCC1.1\t \t", 1),
                2,
                "fields",
            ),
            (
                format!("{good}obligation\tx\ty\tz\t\n"),
                good.lines().count() + 1,
                "beyond",
            ),
            (
                good.lines().take(5).collect::<Vec<_>>().join("\n"),
                0,
                "ends before",
            ),
        ];
        for (file, line, words) in cases {
            let error = parse(&file, crosswalk()).expect_err("refused");
            assert_eq!(error.line, line, "{error}");
            assert!(error.problem.contains(words), "{error}");
        }
    }

    #[test]
    fn an_empty_text_or_a_divergence_out_of_place_is_refused() {
        let good = file();
        let link = crosswalk()
            .links()
            .iter()
            .find(|l| l.divergence().is_some())
            .expect("one");
        let start = format!("link\t{}\t{}\t", link.iso, link.tsc);
        let with_record = |record: String| {
            good.lines()
                .map(|line| {
                    if line.starts_with(&start) {
                        record.clone()
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let divergence = link.divergence().unwrap_or_default();
        let emptied = with_record(format!("{start} \t{divergence}"));
        assert!(parse(&emptied, crosswalk())
            .expect_err("refused")
            .problem
            .contains("empty"));
        let without = with_record(format!("{start}{}\t", link.rationale()));
        assert!(parse(&without, crosswalk())
            .expect_err("refused")
            .problem
            .contains("missing"));
    }
}
