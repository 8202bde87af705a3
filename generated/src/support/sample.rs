//! The check every generated sample test runs (test builds only): one function, so that each
//! connector's tests are a call with their data rather than the same body again.

/// A step's sample `text` of a `T` (a step of `api_type`), every property with a valid value:
/// - it round-trips through `T`;
/// - each credential marker in `markers` reaches the wire but never appears in `Debug`, plain
///   or pretty;
/// - less the `read_only` properties, which Stitch sets, the report card accepts it:
///   `validate_properties` reports no problem with its values, only top-level properties of
///   other steps that it lacks; the form's sample (`whole`) is a valid request outright; and
///   every sample is a valid update (`validate_update_properties`) less the properties whose
///   value cannot change once set, each of which an update refuses.
#[allow(clippy::unwrap_used, dead_code)]
#[cfg_attr(not(feature = "validation"), allow(unused_variables))]
pub(crate) fn assert_sample<T>(
    api_type: &str,
    text: &str,
    markers: &[&str],
    read_only: &[&str],
    whole: bool,
) where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let expected: serde_json::Value = serde_json::from_str(text).unwrap();
    let value: T = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_value(&value).unwrap(), expected);
    let printed = format!("{value:?} {value:#?}");
    for marker in markers {
        assert!(text.contains(marker), "{marker} is not in the sample");
        assert!(!printed.contains(marker), "{marker} printed: {printed}");
    }
    #[cfg(feature = "validation")]
    {
        let mut request = expected;
        request
            .as_object_mut()
            .unwrap()
            .retain(|key, _| !read_only.contains(&key.as_str()));
        if let Err(errors) = crate::validate_properties(api_type, &request) {
            for error in &errors {
                let missing = matches!(
                    error.kind(),
                    crate::ErrorKind::MissingRequired | crate::ErrorKind::MissingSchedule
                );
                assert!(
                    missing && error.pointer().matches('/').count() <= 1,
                    "{error}"
                );
            }
        }
        let immutable = immutable_of(api_type, &request);
        let mut update = request.clone();
        update
            .as_object_mut()
            .unwrap()
            .retain(|key, _| !immutable.contains(key));
        assert_eq!(
            crate::validate_update_properties(api_type, &update),
            Ok(()),
            "as an update"
        );
        if !immutable.is_empty() {
            let errors = crate::validate_update_properties(api_type, &request).unwrap_err();
            let refused: Vec<_> = errors
                .iter()
                .map(|e| (e.property().unwrap_or_default().to_owned(), e.kind()))
                .collect();
            let expected: Vec<_> = immutable
                .iter()
                .map(|name| (name.clone(), crate::ErrorKind::Immutable))
                .collect();
            assert_eq!(refused, expected, "{errors}");
        }
        if whole {
            let connection = crate::ConnectionType::find(api_type).unwrap();
            assert!(
                connection.is_valid(&request),
                "{:?}",
                connection.validate(&request)
            );
            assert_eq!(crate::validate_properties(api_type, &request), Ok(()));
        }
    }
}

/// The keys of `object` whose value cannot change once set, in key order.
#[cfg(feature = "validation")]
#[allow(clippy::unwrap_used)]
fn immutable_of(api_type: &str, object: &serde_json::Value) -> Vec<String> {
    let connection = crate::ConnectionType::find(api_type).unwrap();
    let mut names: Vec<String> = object
        .as_object()
        .into_iter()
        .flat_map(|map| map.keys())
        .filter(|key| connection.property(key).is_some_and(|p| p.is_immutable()))
        .cloned()
        .collect();
    names.sort();
    names
}

/// The properties `immutable` of `api_type`, whose value cannot change once set, added to the
/// valid sample `text` of an update struct `T`, make both deserializing a `T` and
/// `validate_update_properties` fail, naming each; with the validator, deserializing fails with
/// its very list.
#[allow(dead_code)]
pub(crate) fn assert_immutable_refused<T>(api_type: &str, text: &str, immutable: &[&str])
where
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    assert_each_refused::<T>(api_type, text, immutable, Refused::Immutable);
}

/// The read-only properties `refused` of `api_type`, added to the valid sample `text` of a `T`,
/// make both deserializing a `T` and `validate_update_properties` fail, naming each; with the
/// validator, deserializing fails with its very list.
#[allow(dead_code)]
pub(crate) fn assert_refused<T>(api_type: &str, text: &str, refused: &[&str])
where
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    assert_each_refused::<T>(api_type, text, refused, Refused::ReadOnly);
}

/// Why a request refuses a known property.
#[derive(Clone, Copy)]
enum Refused {
    ReadOnly,
    Immutable,
}

impl Refused {
    /// What the refusal says.
    fn words(self) -> &'static str {
        match self {
            Refused::ReadOnly => "read-only",
            Refused::Immutable => "cannot change once set",
        }
    }

    #[cfg(feature = "validation")]
    fn kind(self) -> crate::ErrorKind {
        match self {
            Refused::ReadOnly => crate::ErrorKind::ReadOnly,
            Refused::Immutable => crate::ErrorKind::Immutable,
        }
    }
}

/// Each of `names` added to the valid sample `text` of a `T`: deserializing fails saying `why`,
/// and `validate_update_properties` reports that property alone, with the very text.
#[allow(clippy::unwrap_used, dead_code)]
#[cfg_attr(not(feature = "validation"), allow(unused_variables))]
fn assert_each_refused<T>(api_type: &str, text: &str, names: &[&str], why: Refused)
where
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    for name in names {
        let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
        json[*name] = serde_json::json!("any");
        let error = serde_json::from_value::<T>(json.clone())
            .unwrap_err()
            .to_string();
        assert!(error.contains(why.words()), "{name}: {error}");
        #[cfg(feature = "validation")]
        {
            // The other properties an update may not name are another test's.
            for immutable in immutable_of(api_type, &json) {
                if immutable != *name {
                    json.as_object_mut().unwrap().remove(&immutable);
                }
            }
            let errors = crate::validate_update_properties(api_type, &json).unwrap_err();
            let kinds: Vec<_> = errors.iter().map(|e| (e.property(), e.kind())).collect();
            assert_eq!(kinds, [(Some(*name), why.kind())], "{errors}");
            assert_eq!(error, errors.to_string());
        }
    }
}
