//! Crosswalk: ISO/IEC 27001:2022 and SOC 2 run as one programme.
//!
//! The engine (every module but `ui`) is plain Rust with no web or Leptos imports, so it is
//! tested natively and shared by the web app and the `crosswalk` command-line tool.

pub mod catalog;
pub mod crosswalk;
pub mod export;
pub mod plan;
pub mod programme;
pub mod report;
pub mod sheet;
pub mod table;
pub mod ui;

/// The product name shown in the app and the CLI.
pub const PRODUCT_NAME: &str = "Crosswalk";

/// The crate version, shown in the app header and printed by `crosswalk --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
