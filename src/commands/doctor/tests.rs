//! doctor's pure helpers.

use super::*;

#[test]
fn durations_read_as_hours_and_minutes() {
    assert_eq!(duration(Duration::from_secs(7200)), "2h 00m");
    assert_eq!(duration(Duration::from_secs(7199)), "1h 59m");
    assert_eq!(duration(Duration::from_secs(59)), "0h 00m");
}
