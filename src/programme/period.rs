//! Days and spans of days: the one date parser and the one way months in a period are counted,
//! shared by the programme's checks, the reports' sample sizes and the plan.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Average days in a Gregorian month (365.2425 / 12, rounded): a period's months are its days
/// over this, so a calendar quarter counts as about three months whatever its month lengths.
const DAYS_PER_MONTH: f64 = 30.44;

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    #[serde(with = "day")]
    pub start: NaiveDate,
    /// Last day.
    #[serde(with = "day")]
    pub end: NaiveDate,
}

/// A period whose end comes before its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the period ends on {end}, before it starts on {start}")]
pub struct EndsBeforeStart {
    /// The first day asked for.
    pub start: NaiveDate,
    /// The last day asked for.
    pub end: NaiveDate,
}

impl Period {
    /// A period from `start` to `end`, refused if it ends before it starts.
    ///
    /// # Example
    /// ```
    /// use crosswalk::programme::{parse_date, Period};
    /// let day = |t| parse_date(t).expect("date");
    /// assert!(Period::new(day("2027-01-01"), day("2027-03-31")).is_ok());
    /// assert!(Period::new(day("2027-03-31"), day("2027-01-01")).is_err());
    /// ```
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Period, EndsBeforeStart> {
        if end < start {
            Err(EndsBeforeStart { start, end })
        } else {
            Ok(Period { start, end })
        }
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether a day falls inside.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The number of days, both ends counted.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The length in months: days (both ends counted) over the average month. The one count
    /// of months Crosswalk uses: the Type 2 check, the sample sizes and the plan all read it.
    ///
    /// # Example
    /// ```
    /// use crosswalk::programme::{parse_date, Period};
    /// let day = |t| parse_date(t).expect("date");
    /// let quarter = Period::new(day("2027-02-01"), day("2027-04-30")).expect("in order");
    /// assert_eq!(quarter.whole_months(), 3);
    /// assert!((quarter.months() - 2.92).abs() < 0.01);
    /// ```
    pub fn months(&self) -> f64 {
        self.days() as f64 / DAYS_PER_MONTH
    }

    /// [`Period::months`] rounded to whole months.
    pub fn whole_months(&self) -> u32 {
        self.months().round().max(0.0) as u32
    }
}

/// A day that is not written as `YYYY-MM-DD` or does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date of the form 2027-03-31")]
pub struct NotADate(pub String);

/// Parses a day written `YYYY-MM-DD` (what date inputs and exports use), and nothing else.
///
/// # Example
/// ```
/// use crosswalk::programme::parse_date;
/// assert_eq!(parse_date("2027-03-31").map(|d| d.to_string()), Ok("2027-03-31".to_owned()));
/// assert!(parse_date("2027-02-30").is_err());
/// assert!(parse_date("31/03/2027").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, NotADate> {
    let not_a_date = || NotADate(text.to_owned());
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(not_a_date());
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0u32, |n, &digit| n * 10 + u32::from(digit - b'0'))
    };
    let year = i32::try_from(number(0..4)).map_err(|_| not_a_date())?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)).ok_or_else(not_a_date)
}

/// Parses days typed by the user as `YYYY-MM-DD`, separated by commas, semicolons or spaces.
pub fn parse_dates(text: &str) -> Result<Vec<NaiveDate>, NotADate> {
    text.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(parse_date)
        .collect()
}

/// A day in a file as `YYYY-MM-DD`, read by [`parse_date`], so files and forms take the same
/// text (use with `#[serde(with = "day")]`).
pub mod day {
    use super::*;

    /// Writes the day as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(day)
    }

    /// Reads a `YYYY-MM-DD` day.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map_err(serde::de::Error::custom)
    }
}

/// A list of days in a file, each as [`day`] writes it.
pub mod days {
    use super::*;

    /// Writes each day as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(days: &[NaiveDate], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(days.iter().map(ToString::to_string))
    }

    /// One day of the list, read element by element so an error names its position.
    struct Day(NaiveDate);

    impl<'de> Deserialize<'de> for Day {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
            super::day::deserialize(deserializer).map(Day)
        }
    }

    /// Reads a list of `YYYY-MM-DD` days.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<NaiveDate>, D::Error> {
        let days = Vec::<Day>::deserialize(deserializer)?;
        Ok(days.into_iter().map(|Day(day)| day).collect())
    }
}
