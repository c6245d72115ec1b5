//! Compiles the reviewable TOML files under `data/` into the engine's reference tables.
//!
//! The catalogues and the crosswalk are parsed here, into the engine's own types, and written
//! out as Rust `static` initialisers that `src/catalog` and `src/crosswalk` `include!`: the web
//! app then carries neither a parser nor the data's deserialisers, and starts without parsing.
//! A file that does not fit its types fails the build, naming the file, line and field.
//!
//! The starter library is still converted to JSON for `src/programme/library.rs` to parse.

use std::{borrow::Cow, env, fmt::Write as _, fs, path::Path};

use serde::de::DeserializeOwned;

// The engine's data types, shared so the parser and the tables cannot drift from them; the
// build script uses their shapes only, not their methods.
#[allow(dead_code)]
#[path = "src/crosswalk/entries.rs"]
mod entries;
#[allow(dead_code)]
#[path = "src/catalog/items.rs"]
mod items;
#[allow(dead_code)]
#[path = "src/catalog/vocab.rs"]
mod vocab;

use entries::{
    Framework, ItemVerdict, Link, LinksFile, Obligation, Relationship, Side, UniqueFile, Verdict,
    VerdictsFile,
};
use items::{
    AnnexAControl, AnnexAFile, ClauseItem, ClausesFile, Criterion, DcFile, DescriptionCriterion,
    Series, TscFile,
};
use vocab::{
    Category, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/catalog/items.rs");
    println!("cargo:rerun-if-changed=src/catalog/vocab.rs");
    println!("cargo:rerun-if-changed=src/crosswalk/entries.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out_dir);

    let annex_a: AnnexAFile = read("annex_a");
    let clauses: ClausesFile = read("clauses");
    let tsc: TscFile = read("tsc");
    let dc: DcFile = read("dc200");
    let catalogues = format!(
        "Catalogues {{ annex_a: {}, clauses: {}, tsc: {}, series: {}, dc: {} }}",
        catalogue(&annex_a.edition, &annex_a.control),
        catalogue(&clauses.edition, &clauses.clause),
        catalogue(&tsc.edition, &tsc.criterion),
        slice(&tsc.series),
        catalogue(&dc.edition, &dc.criterion),
    );
    write(out, "catalogues.rs", &catalogues);

    let mut links: LinksFile = read("crosswalk");
    let mut verdicts: VerdictsFile = read("verdicts");
    let mut unique: UniqueFile = read("unique");
    if env::var_os("CARGO_FEATURE_DEFERRED_TEXTS").is_some() {
        leave_out_long_texts(&mut links, &mut verdicts, &mut unique);
    }
    let crosswalk = format!(
        "Crosswalk {{ version: {}, last_modified: {}, links: {}, verdicts: {}, obligations: {} }}",
        links.version.rust(),
        links.last_modified.rust(),
        slice(&links.link),
        slice(&verdicts.verdict),
        slice(&unique.obligation),
    );
    write(out, "crosswalk.rs", &crosswalk);

    library_json(out);
}

/// A lean build's tables (feature `deferred-texts`, the explorer bundle): the long texts
/// `src/crosswalk/texts.rs` installs from a file when a view needs them are left empty, keeping
/// which of them are present.
fn leave_out_long_texts(
    links: &mut LinksFile,
    verdicts: &mut VerdictsFile,
    unique: &mut UniqueFile,
) {
    let empty = |text: &mut Cow<'static, str>| *text = Cow::Borrowed("");
    for link in &mut links.link {
        empty(&mut link.rationale);
        link.divergence.iter_mut().for_each(empty);
    }
    for verdict in &mut verdicts.verdict {
        verdict.residual.iter_mut().for_each(empty);
    }
    for obligation in &mut unique.obligation {
        empty(&mut obligation.produce);
        empty(&mut obligation.why_unique);
        obligation.partial_counterpart.iter_mut().for_each(empty);
    }
}

/// Parses `data/{stem}.toml` into its type, or fails the build saying what is wrong where.
fn read<T: DeserializeOwned>(stem: &str) -> T {
    let path = format!("data/{stem}.toml");
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    toml::from_str(&text).unwrap_or_else(|error| panic!("{path} is malformed: {error}"))
}

fn write(out: &Path, name: &str, code: &str) {
    fs::write(out.join(name), code).expect("OUT_DIR is writable");
}

/// `data/library.toml` as JSON, for `src/programme/library.rs`.
fn library_json(out: &Path) {
    let path = "data/library.toml";
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|error| panic!("{path} is not valid TOML: {error}"));
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    write(out, "library.json", &json);
}

fn catalogue<T: Rust>(edition: &str, items: &[T]) -> String {
    format!(
        "Catalogue {{ edition: {}, items: {} }}",
        Cow::Borrowed(edition).rust(),
        slice(items)
    )
}

fn slice<T: Rust>(values: &[T]) -> String {
    let mut code = String::from("Cow::Borrowed(&[");
    for value in values {
        write!(code, "{},", value.rust()).expect("writing to a String");
    }
    code.push_str("])");
    code
}

/// A value written as a Rust constant expression in terms of the engine's types.
trait Rust {
    fn rust(&self) -> String;
}

impl Rust for Cow<'_, str> {
    fn rust(&self) -> String {
        // `str`'s Debug form is a valid Rust string literal.
        format!("Cow::Borrowed({:?})", &**self)
    }
}

impl<T: Rust + Clone> Rust for Cow<'_, [T]> {
    fn rust(&self) -> String {
        slice(self)
    }
}

impl<T: Rust> Rust for Option<T> {
    fn rust(&self) -> String {
        self.as_ref().map_or_else(
            || "None".to_owned(),
            |value| format!("Some({})", value.rust()),
        )
    }
}

impl Rust for bool {
    fn rust(&self) -> String {
        self.to_string()
    }
}

impl Rust for u8 {
    fn rust(&self) -> String {
        self.to_string()
    }
}

/// Enums: a derived Debug prints the variant's name.
macro_rules! enums {
    ($($name:ident),+) => {$(
        impl Rust for $name {
            fn rust(&self) -> String {
                format!(concat!(stringify!($name), "::{:?}"), self)
            }
        }
    )+};
}
enums!(
    Theme,
    ControlType,
    SecurityProperty,
    CybersecurityConcept,
    OperationalCapability,
    SecurityDomain,
    Category,
    Relationship,
    Side,
    Verdict,
    Framework
);

/// Structs: a literal naming every field, so a field added to a type without being written
/// here fails to compile.
macro_rules! structs {
    ($($name:ident { $($field:ident),+ })+) => {$(
        impl Rust for $name {
            fn rust(&self) -> String {
                let mut code = String::from(concat!(stringify!($name), " {"));
                $(write!(code, concat!(" ", stringify!($field), ": {},"), self.$field.rust())
                    .expect("writing to a String");)+
                code.push_str(" }");
                code
            }
        }
    )+};
}
structs! {
    AnnexAControl {
        reference, title, theme, summary, new_in_2022, control_types, security_properties,
        cybersecurity_concepts, operational_capabilities, security_domains
    }
    ClauseItem { reference, title, summary, documented_information, amendment_2024 }
    Series { reference, name, category }
    Criterion { reference, title, category, series, coso_principle, summary, points_of_focus }
    DescriptionCriterion { reference, title, summary, disclosures }
    Link { iso, tsc, relationship, strength, points, partly, rationale, divergence }
    ItemVerdict { framework, reference, verdict, covering, residual, reason }
    Obligation {
        id, framework, title, refs, produce, why_unique, partial_counterpart, partial_refs
    }
}
