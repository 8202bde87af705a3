//! The report cards of the documentation source: the documented response of
//! `GET /v4/source-types` (and `/v4/destination-types`), a JSON array in the `code` of the
//! page's `Response` example, read element by element with each element's text kept as written.

use std::path::Path;

use serde_json::value::RawValue;

use super::front_matter::page_front_matter;
use crate::error::{Notice, SpecError};
use crate::json::At;
use crate::model::report_card::{ReportCard, parse_report_card};

/// One card of a documented list response.
#[derive(Debug)]
pub struct DocsCard {
    /// Its position in the list.
    pub index: usize,
    /// Its JSON path in the page's front matter (the list's string, then the position).
    pub path: String,
    /// Its text, as the list writes it.
    pub raw: String,
    /// The card, read by the report-card loader.
    pub card: ReportCard,
}

/// The cards of a list page (`list-source-types.md`, `list-destination-types.md`).
///
/// # Errors
/// A page without exactly one `Response` example, a response that is not a JSON array, or a
/// card the report-card loader refuses (its JSON path starts at the element).
pub fn list_cards(
    file: &Path,
    text: &str,
    notices: &mut Vec<Notice>,
) -> Result<Vec<DocsCard>, SpecError> {
    let (front, _) = page_front_matter(file, text)?;
    let root = At::root(file, &front);
    let examples = root.object()?.required("examples")?.array()?;
    let responses: Vec<&At<'_>> = examples
        .iter()
        .filter(|example| {
            example
                .value()
                .get("type")
                .and_then(serde_json::Value::as_str)
                == Some("Response")
        })
        .collect();
    let [response] = responses.as_slice() else {
        return Err(root.error(format!(
            "expected one example of type \"Response\", found {}",
            responses.len()
        )));
    };
    let code = response.object()?.required("code")?;
    let body = code.string()?;
    let elements: Vec<&RawValue> = serde_json::from_str(body)
        .map_err(|e| code.error(format!("the response is not a JSON array of objects: {e}")))?;
    let mut cards = Vec::with_capacity(elements.len());
    for (index, element) in elements.into_iter().enumerate() {
        let raw = element.get().to_owned();
        let card = parse_report_card(file, &raw, notices).map_err(|error| {
            let path = match &error.location {
                crate::error::Location::JsonPath(path) => {
                    format!("{}[{index}]{}", code.path(), path.trim_start_matches('$'))
                }
                other => format!("{}[{index}] ({other})", code.path()),
            };
            SpecError::at(
                file,
                path,
                format!("in the card at {index}: {}", error.problem),
            )
        })?;
        cards.push(DocsCard {
            index,
            path: format!("{}[{index}]", code.path()),
            raw,
            card,
        });
    }
    Ok(cards)
}
