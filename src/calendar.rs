//! The Gregorian calendar, as far as the dates we read need it: a config's
//! `expires` (`YYYY-MM-DD`) and an activity report's `Date` column.

/// The days of month `m` (1-12) of year `y`; `None` for a month that is
/// none.
pub fn days_in_month(y: u32, m: u32) -> Option<u32> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Is `y-m-d` a real day?
pub fn is_day(y: u32, m: u32, d: u32) -> bool {
    days_in_month(y, m).is_some_and(|days| (1..=days).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_leap_years() {
        assert!(is_day(2024, 2, 29) && is_day(2000, 2, 29));
        assert!(!is_day(2026, 2, 29) && !is_day(1900, 2, 29));
        assert!(is_day(2026, 12, 31) && !is_day(2026, 4, 31));
        assert!(!is_day(2026, 13, 1) && !is_day(2026, 0, 1) && !is_day(2026, 1, 0));
    }
}
