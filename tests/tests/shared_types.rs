#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The shared field types of the generated crate on valid, boundary and invalid values: each
//! parses what its report-card schema means, rejects the rest with an error naming the type,
//! writes the exact wire string, and validates when deserializing.

use std::str::FromStr;

use serde_json::json;
use stitch_connect_schema::InvalidValue;
use stitch_connect_schema::common::{
    DigitString, EncryptionType, FrequencyInMinutes, Host, IntegerOrDigits, OutputFileFormat,
    Schedule, SentinelKey, StartDate, Timestamp, Uri,
};

/// A shared type's string-facing entry points.
trait Parsed:
    FromStr<Err = InvalidValue>
    + for<'a> TryFrom<&'a str, Error = InvalidValue>
    + TryFrom<String, Error = InvalidValue>
    + serde::de::DeserializeOwned
    + PartialEq
    + std::fmt::Debug
{
}

impl<T> Parsed for T where
    T: FromStr<Err = InvalidValue>
        + for<'a> TryFrom<&'a str, Error = InvalidValue>
        + TryFrom<String, Error = InvalidValue>
        + serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug
{
}

/// Parses with every entry point and checks they agree; returns the `FromStr` result.
fn parse_all<T: Parsed>(text: &str) -> Result<T, InvalidValue> {
    let from_str = text.parse::<T>();
    let try_from_str = T::try_from(text);
    let try_from_string = T::try_from(text.to_owned());
    let deserialized = serde_json::from_value::<T>(json!(text));
    assert_eq!(from_str, try_from_str, "{text}");
    assert_eq!(from_str, try_from_string, "{text}");
    assert_eq!(from_str.is_ok(), deserialized.is_ok(), "{text}");
    if let Ok(value) = &from_str {
        assert_eq!(value, &deserialized.unwrap());
    }
    from_str
}

fn round_trips<T: Parsed + serde::Serialize + std::fmt::Display>(text: &str) {
    let value = parse_all::<T>(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    assert_eq!(value.to_string(), text);
    assert_eq!(serde_json::to_value(&value).unwrap(), json!(text));
}

fn rejects<T: Parsed>(text: &str, type_name: &str) {
    let error = parse_all::<T>(text).expect_err(text);
    assert_eq!(error.type_name(), type_name);
    assert_eq!(error.value(), Some(text));
    assert!(error.to_string().contains(type_name), "{error}");
}

/// [`rejects`] for a type a credential holds (`azure_sqldw.azure_storage_sas_url` is a `Uri`,
/// `s3.sentinel_key` a `SentinelKey`): the error keeps no value, and shows none.
fn rejects_hiding<T: Parsed>(text: &str, type_name: &str) {
    let error = parse_all::<T>(text).expect_err(text);
    assert_eq!(error.type_name(), type_name);
    assert_eq!(error.value(), None);
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(shown.contains(type_name), "{shown}");
        assert!(text.is_empty() || !shown.contains(text), "{shown}");
    }
}

#[test]
fn start_date_takes_what_the_card_pattern_takes_and_literals_are_calendar_dates() {
    for valid in [
        "2024-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "2023-12-31T00:00:00Z",
        "2024-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T00:00:00Z",
        "2024-04-30T00:00:00Z",
    ] {
        round_trips::<StartDate>(valid);
        assert!(
            parse_all::<StartDate>(valid).unwrap().is_calendar_date(),
            "{valid}"
        );
    }
    // The pattern `^\d{4}-\d{2}-\d{2}T00:00:00Z$` asks for digits, not for a date that exists:
    // parsed as written, and said not to be a calendar date.
    for not_a_date in [
        "2024-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-00-10T00:00:00Z",
        "2024-13-10T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "2024-99-99T00:00:00Z",
    ] {
        round_trips::<StartDate>(not_a_date);
        assert!(
            !parse_all::<StartDate>(not_a_date)
                .unwrap()
                .is_calendar_date(),
            "{not_a_date}"
        );
    }
    for invalid in [
        "2024-01-01T00:00:01Z",
        "2024-01-01T01:00:00Z",
        "2024-01-01T00:00:00",
        "2024-01-01T00:00:00+00:00",
        "2024-01-01t00:00:00z",
        "2024-01-01",
        "24-01-01T00:00:00Z",
        "2024/01/01T00:00:00Z",
        " 2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00Z ",
        "２024-01-01T00:00:00Z",
        "",
    ] {
        rejects::<StartDate>(invalid, "StartDate");
    }
    let date = StartDate::new(2024, 2, 29).unwrap();
    assert_eq!((date.year(), date.month(), date.day()), (2024, 2, 29));
    assert_eq!(date.to_string(), "2024-02-29T00:00:00Z");
    assert!(StartDate::new(2023, 2, 29).is_none());
    assert!(StartDate::new(2024, 13, 1).is_none());
    const START: StartDate = StartDate::from_static("2024-02-29T00:00:00Z");
    assert_eq!(START, date);
}

#[test]
fn enums_write_the_exact_strings() {
    assert_eq!(
        FrequencyInMinutes::ALL.map(FrequencyInMinutes::as_str),
        ["1", "30", "60", "360", "720", "1440"]
    );
    for value in FrequencyInMinutes::ALL {
        round_trips::<FrequencyInMinutes>(value.as_str());
    }
    for invalid in ["45", "0", "01", "60 ", "3600", "", "sixty"] {
        rejects::<FrequencyInMinutes>(invalid, "FrequencyInMinutes");
    }
    round_trips::<EncryptionType>("ssh");
    round_trips::<EncryptionType>("none");
    rejects::<EncryptionType>("SSH", "EncryptionType");
    round_trips::<OutputFileFormat>("csv");
    round_trips::<OutputFileFormat>("jsonl");
    rejects::<OutputFileFormat>("json", "OutputFileFormat");
    // Not a string at all.
    assert!(serde_json::from_value::<FrequencyInMinutes>(json!(60)).is_err());
}

#[test]
fn digit_strings_are_numbers_written_as_strings() {
    round_trips::<DigitString>("5432");
    round_trips::<DigitString>("0");
    round_trips::<DigitString>(&u64::MAX.to_string());
    // Any number of digits, as `^\d+$` says; kept as written.
    round_trips::<DigitString>("007");
    round_trips::<DigitString>("18446744073709551616");
    assert_eq!(parse_all::<DigitString>("007").unwrap().as_u64(), Some(7));
    assert_eq!(
        parse_all::<DigitString>("18446744073709551616")
            .unwrap()
            .as_u64(),
        None
    );
    for invalid in ["", "-1", "+1", "1.0", "1e3", " 1", "1 ", "٣", "1\n"] {
        rejects::<DigitString>(invalid, "DigitString");
    }
    assert_eq!(
        serde_json::to_value(DigitString::from(5439_u16)).unwrap(),
        json!("5439")
    );
    assert!(serde_json::from_value::<DigitString>(json!(5432)).is_err());
    const PORT: DigitString = DigitString::from_static("5432");
    assert_eq!(PORT.as_u64(), Some(5432));
}

#[test]
fn integer_or_digits_keeps_the_form_it_came_in() {
    let integer: IntegerOrDigits = serde_json::from_value(json!(100)).unwrap();
    let string: IntegerOrDigits = serde_json::from_value(json!("100")).unwrap();
    assert_eq!((integer.as_u64(), integer.is_string()), (Some(100), false));
    assert_eq!((string.as_u64(), string.is_string()), (Some(100), true));
    assert_eq!(serde_json::to_value(&integer).unwrap(), json!(100));
    assert_eq!(serde_json::to_value(&string).unwrap(), json!("100"));
    assert_eq!(
        serde_json::to_value(IntegerOrDigits::new(5)).unwrap(),
        json!(5)
    );
    assert_eq!(
        serde_json::to_value(IntegerOrDigits::digits(5)).unwrap(),
        json!("5")
    );
    // What the card's `anyOf` takes: any integer (negative, past 64 bits, written `1.0`), and
    // a string that starts with a digit. Each is written back as it came.
    for valid in [
        json!(-1),
        json!(1.0),
        json!(1e30),
        json!("12abc"),
        json!("0"),
    ] {
        let read: IntegerOrDigits = serde_json::from_value(valid.clone()).unwrap();
        assert_eq!(serde_json::to_value(&read).unwrap(), valid);
    }
    assert_eq!(
        serde_json::from_value::<IntegerOrDigits>(json!("12abc"))
            .unwrap()
            .as_u64(),
        None
    );
    for invalid in [
        json!(1.5),
        json!("a12"),
        json!(""),
        json!(" 1"),
        json!(null),
        json!(true),
        json!([1]),
    ] {
        assert!(
            serde_json::from_value::<IntegerOrDigits>(invalid.clone()).is_err(),
            "{invalid}"
        );
    }
}

#[test]
fn hosts_are_ipv4_ipv6_or_hostnames() {
    for valid in [
        "db.example.com",
        "localhost",
        "a",
        "xn--bcher-kva.example",
        "my-db-1.us-east-1.rds.amazonaws.com",
        "10.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "2001:db8:85a3:0:0:8a2e:370:7334",
        "::ffff:192.0.2.1",
    ] {
        let host = parse_all::<Host>(valid).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(host.as_str(), valid);
        assert_eq!(serde_json::to_value(&host).unwrap(), json!(valid));
    }
    let long_label = format!("{}.com", "a".repeat(64));
    let too_long = vec!["a".repeat(63); 5].join(".");
    for invalid in [
        "",
        "-db.example.com",
        "db-.example.com",
        "db..example.com",
        "db_1.example.com",
        "db example.com",
        long_label.as_str(),
        too_long.as_str(),
        "2001:db8::1::1",
        "1:2:3:4:5:6:7:8:9",
        "<HOST_ADDRESS>",
    ] {
        rejects::<Host>(invalid, "Host");
    }
    const HOST: Host = Host::from_static("db.example.com");
    assert_eq!(HOST.as_str(), "db.example.com");
}

#[test]
fn timestamps_are_rfc3339() {
    for valid in [
        "2018-04-30T17:00:00Z",
        "2018-04-30T17:00:00.123Z",
        "2018-04-30T17:00:00+02:00",
        "2018-04-30T17:00:00-07:30",
    ] {
        round_trips::<Timestamp>(valid);
    }
    for invalid in [
        "2018-04-30",
        "2018-04-30 17:00:00Z",
        "2018-04-30T17:00:00",
        "2018-13-30T17:00:00Z",
        "2018-04-31T17:00:00Z",
        "2018-04-30T24:00:00Z",
        "2018-04-30T17:60:00Z",
        "",
    ] {
        rejects::<Timestamp>(invalid, "Timestamp");
    }
}

#[test]
fn uris_are_absolute() {
    for valid in [
        "https://secure-wms.com",
        "https://example.com/callback?x=1#frag",
        "mailto:someone@example.com",
        "urn:isbn:0451450523",
    ] {
        round_trips::<Uri>(valid);
    }
    for invalid in [
        "",
        "example.com",
        "/relative/path",
        "https://exa mple.com",
        "://missing",
    ] {
        rejects_hiding::<Uri>(invalid, "Uri");
    }
}

#[test]
fn pattern_newtypes_check_their_pattern() {
    round_trips::<SentinelKey>("stitch-challenge-file-abc123");
    round_trips::<SentinelKey>("stitch-challenge-file-");
    for invalid in [
        "",
        "challenge-file-1",
        "Stitch-challenge-file-1",
        "x stitch-challenge-file-1",
    ] {
        rejects_hiding::<SentinelKey>(invalid, "SentinelKey");
    }
    // `.` does not match a line break.
    rejects_hiding::<SentinelKey>("stitch-challenge-file-a\nb", "SentinelKey");
    const KEY: SentinelKey = SentinelKey::from_static("stitch-challenge-file-1");
    assert_eq!(KEY.as_str(), "stitch-challenge-file-1");
}

#[test]
fn schedules_need_a_frequency_or_a_cron_expression() {
    assert!(Schedule::from_parts(None, None, None).is_none());
    assert!(
        Schedule::from_parts(
            None,
            Some(Timestamp::from_static("2018-04-30T17:00:00Z")),
            None
        )
        .is_none()
    );
    let hourly = Schedule::from_parts(Some(FrequencyInMinutes::Minutes60), None, None).unwrap();
    assert_eq!(hourly, Schedule::every(FrequencyInMinutes::Minutes60));
    let cron = Schedule::from_parts(None, None, Some("0 0 12 ? * MON-FRI *".into())).unwrap();
    assert_eq!(cron.cron_expression(), Some("0 0 12 ? * MON-FRI *"));
    assert_eq!(cron.frequency_in_minutes(), None);
}

#[test]
fn json_schemas_state_the_report_card_constraints() {
    let schema = |value: schemars::Schema| serde_json::to_value(value).unwrap();
    let mut generator = schemars::SchemaGenerator::default();
    use schemars::JsonSchema;
    assert_eq!(
        schema(StartDate::json_schema(&mut generator)),
        json!({"pattern": "^\\d{4}-\\d{2}-\\d{2}T00:00:00Z$", "type": "string"})
    );
    assert_eq!(
        schema(FrequencyInMinutes::json_schema(&mut generator)),
        json!({"pattern": "^1$|^30$|^60$|^360$|^720$|^1440$", "type": "string"})
    );
    assert_eq!(
        schema(Host::json_schema(&mut generator)),
        json!({"anyOf": [
            {"format": "ipv4", "type": "string"},
            {"format": "ipv6", "type": "string"},
            {"format": "hostname", "type": "string"}
        ]})
    );
    assert_eq!(
        schema(IntegerOrDigits::json_schema(&mut generator)),
        json!({"anyOf": [{"type": "integer"}, {"pattern": "^\\d+", "type": "string"}]})
    );
}

/// Enum values print qualified: a variant named `None` does not read as `Option::None`.
#[test]
fn enum_debug_names_the_type() {
    use stitch_connect_schema::common::EncryptionType;
    assert_eq!(
        format!("{:?}", EncryptionType::None),
        "EncryptionType::None"
    );
    assert_eq!(
        format!("{:?}", Some(EncryptionType::None)),
        "Some(EncryptionType::None)"
    );
    assert_eq!(
        format!("{:?}", FrequencyInMinutes::Minutes60),
        "FrequencyInMinutes::Minutes60"
    );
}

/// A number given where a string is expected: the error quotes it, with the hint to write it
/// as a string, unless the type holds credentials (`SentinelKey`, `Uri`).
#[test]
fn a_number_for_a_string_is_quoted_only_by_types_without_credentials() {
    let shown = serde_json::from_value::<DigitString>(json!(5432))
        .unwrap_err()
        .to_string();
    assert!(shown.contains(r#"write it as "5432""#), "{shown}");
    for hidden in [
        serde_json::from_value::<SentinelKey>(json!(987_654_321)).unwrap_err(),
        serde_json::from_value::<Uri>(json!(987_654_321)).unwrap_err(),
    ] {
        let hidden = format!("{hidden} {hidden:?}");
        assert!(!hidden.contains("987654321"), "{hidden}");
        assert!(hidden.contains("not shown"), "{hidden}");
    }
}
