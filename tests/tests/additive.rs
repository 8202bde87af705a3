//! The generated items the API is expected to grow are built so that growing them is an
//! addition (issue 19): nested value types have a constructor of their required properties and
//! `with_` setters (they are `#[non_exhaustive]`, so a struct literal cannot be written and a
//! new optional property breaks no one).
#![allow(clippy::unwrap_used)]

use serde_json::json;
use stitch_connect_schema::common::{LoginCustomerIdsItem, ReportDefinitionsItem};

/// Built from its required properties, then its optional ones, it writes exactly those keys
/// and reads back equal.
#[test]
fn nested_values_are_built_with_new_and_setters() {
    let item = ReportDefinitionsItem::new("1234", "Sessions");
    let written = serde_json::to_value(&item).unwrap();
    assert_eq!(written, json!({"id": "1234", "name": "Sessions"}));
    assert_eq!(
        serde_json::from_value::<ReportDefinitionsItem>(written).unwrap(),
        item
    );

    let empty = LoginCustomerIdsItem::new();
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
    let item = empty.with_customer_id("42").with_login_customer_id("7");
    let written = serde_json::to_value(&item).unwrap();
    assert_eq!(written, json!({"customerId": "42", "loginCustomerId": "7"}));
    assert_eq!(
        serde_json::from_value::<LoginCustomerIdsItem>(written).unwrap(),
        item
    );
}
