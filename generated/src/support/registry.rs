//! The registry of every connection type: the reference's table and the captured report cards.
//! The data is generated (`src/catalog.rs`); this module defines its types and the lookup.

use super::keywords::Keyword;
use super::unknown::UnknownConnectionType;

/// Source or destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A data source (`/v4/sources`).
    Source,
    /// A destination (`/v4/destinations`).
    Destination,
}

impl Kind {
    /// `source` or `destination`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Destination => "destination",
        }
    }
}

/// `details` of a captured report card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// `pricing_tier`, e.g. `standard`.
    pub pricing_tier: Option<&'static str>,
    /// `pipeline_state`, e.g. `released`, `beta`.
    pub pipeline_state: Option<&'static str>,
    /// `default_start_date`, e.g. `-30 days`.
    pub default_start_date: Option<&'static str>,
    /// `default_scheduling_interval`, in minutes.
    pub default_scheduling_interval: Option<u64>,
    /// `protocol`.
    pub protocol: Option<&'static str>,
    /// `access`: whether the account's plan can use the type.
    pub access: Option<bool>,
    /// `image_version`: the release line of the integration's image, e.g. `1.latest`.
    pub image_version: Option<&'static str>,
}

/// What a type's generated check (`Rules::valid`) returns for a valid object.
pub(crate) const VALID: usize = usize::MAX;

/// What a type's generated check returns when it refuses the entry of key `name`: the key's
/// address, which the error pass compares with each key's (an address is neither 0 nor
/// [`VALID`]), so that it need not check again the values before it. A pointer rather than a
/// count: the success path then keeps no counter.
#[inline(always)]
pub(crate) fn refused_at(name: &String) -> usize {
    std::ptr::from_ref(name).addr()
}

/// What a connection type's properties object must satisfy.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Every known property, sorted by name.
    pub(crate) properties: &'static [PropertyRule],
    /// The positions in `properties` of the required ones, in order: what the error path
    /// looks for, rather than asking every rule.
    pub(crate) required: &'static [u16],
    /// The positions of the properties whose value cannot change once set: an update that
    /// names one is refused.
    pub(crate) immutable: &'static [u16],
    /// For sources with schedule properties: a schedule is required.
    pub(crate) schedule: bool,
    /// Whether a properties object satisfies every rule: generated straight-line code that
    /// decides what the keyword evaluator would, without saying why: [`VALID`] when it does,
    /// else where it stopped: [`refused_at`] the first refused key, or 0 when every entry is
    /// valid but a required property or the schedule is missing.
    pub(crate) valid: fn(&serde_json::Map<String, serde_json::Value>) -> usize,
    /// The position in `properties` of a property, by name: generated `match` on strings.
    pub(crate) position: fn(&str) -> Option<usize>,
}

impl Rules {
    /// The rule of the property `name`.
    #[inline]
    pub(crate) fn rule(&self, name: &str) -> Option<&'static PropertyRule> {
        Some(&self.properties[self.position(name)?])
    }

    /// The position in `properties` of the property `name`.
    #[inline]
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        (self.position)(name)
    }
}

/// What `validate_properties` can check of a connection type's properties in this build.
#[derive(Debug)]
#[allow(
    dead_code,
    reason = "which variants a build makes depends on its catalog and its features"
)]
pub(crate) enum Checks {
    /// The documented rules, compiled with the type's connector feature.
    Rules(Rules),
    /// The type has documented rules, but the connector feature that compiles them (named
    /// here) is off: a user pays only for the connectors they enable.
    CompiledOut(&'static str),
    /// No documented properties: only being an object is checked.
    Unchecked,
}

/// One known property of a connection type, as `validate_properties` checks it.
#[derive(Debug)]
pub struct PropertyRule {
    pub(crate) name: &'static str,
    pub(crate) step: &'static str,
    pub(crate) required: bool,
    pub(crate) read_only: bool,
    pub(crate) immutable: bool,
    pub(crate) credential: bool,
    pub(crate) redact: bool,
    pub(crate) schedules: bool,
    pub(crate) schema: &'static [Keyword],
    /// Whether a value satisfies `schema`: generated straight-line code.
    pub(crate) holds: fn(&serde_json::Value) -> bool,
    /// Which keywords of `schema` a value fails, bit `k` for `schema[k]`: generated too, so
    /// that the error path explains only those.
    pub(crate) failing: fn(&serde_json::Value) -> u64,
    pub(crate) schema_text: &'static str,
}

impl PropertyRule {
    /// The wire name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The step it belongs to (`form`, `oauth`, ...).
    pub fn step(&self) -> &'static str {
        self.step
    }

    /// Whether a create request must give it (required form properties).
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// Whether Stitch sets it (requests must leave it out).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether its value cannot change once set (`user_provided_immutable`): a create gives
    /// it, an update may not.
    pub fn is_immutable(&self) -> bool {
        self.immutable
    }

    /// Whether it is a credential.
    pub fn is_credential(&self) -> bool {
        self.credential
    }

    /// Whether it gives a source's replication schedule (`frequency_in_minutes`,
    /// `cron_expression`): a source with schedule properties needs one of them.
    pub fn is_schedule(&self) -> bool {
        self.schedules
    }

    /// The JSON Schema its value must satisfy (`{}`: anything), as JSON text.
    pub fn json_schema(&self) -> &'static str {
        self.schema_text
    }
}

/// One connection type.
#[derive(Debug)]
pub struct ConnectionType {
    pub(crate) api_type: &'static str,
    pub(crate) display_name: Option<&'static str>,
    pub(crate) kind: Kind,
    pub(crate) typed_module: Option<&'static str>,
    pub(crate) steps: &'static [&'static str],
    pub(crate) details: Option<Details>,
    pub(crate) checks: Checks,
}

impl ConnectionType {
    /// Every connection type, sorted by API type.
    pub fn all() -> &'static [&'static ConnectionType] {
        crate::catalog::CONNECTION_TYPES
    }

    /// The connection type with exactly this API type (`platform.recurly`, `postgres`). An
    /// unknown one is an error that suggests the closest known types.
    ///
    /// ```
    /// use stitch_connect_schema::{ConnectionType, Kind};
    /// let recurly = ConnectionType::find("platform.recurly").unwrap();
    /// assert_eq!(recurly.kind(), Kind::Source);
    /// let error = ConnectionType::find("platform.recurl").unwrap_err();
    /// assert_eq!(error.suggestions().first(), Some(&"platform.recurly"));
    /// ```
    #[inline]
    pub fn find(api_type: &str) -> Result<&'static ConnectionType, UnknownConnectionType> {
        match crate::catalog::connection_type(api_type) {
            Some(found) => Ok(found),
            None => Err(unknown(api_type)),
        }
    }

    /// The API type, e.g. `platform.recurly`.
    pub fn api_type(&self) -> &'static str {
        self.api_type
    }

    /// The display name, when the reference lists the type.
    pub fn display_name(&self) -> Option<&'static str> {
        self.display_name
    }

    /// Source or destination.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Whether the crate has a typed module for it (`sources::platform_recurly`, ...).
    pub fn is_typed(&self) -> bool {
        self.typed_module.is_some()
    }

    /// The typed module's path within the crate, e.g. `sources::platform_recurly`.
    pub fn typed_module(&self) -> Option<&'static str> {
        self.typed_module
    }

    /// The configuration steps: the report card's when captured, else the documented ones
    /// (`form`, `oauth`); empty for types that are only listed.
    pub fn steps(&self) -> &'static [&'static str] {
        self.steps
    }

    /// `details` of the report card, when captured.
    pub fn details(&self) -> Option<&Details> {
        self.details.as_ref()
    }

    /// Whether [`validate_properties`](crate::validate_properties) checks the properties of
    /// this type; `false` for types without documented properties, whose properties are only
    /// checked to be an object, and for types whose rules this build left out
    /// ([`disabled_feature`](Self::disabled_feature)).
    pub fn is_checked(&self) -> bool {
        self.rules().is_some()
    }

    /// The connector feature this build is without, when the type has documented rules that
    /// only that feature compiles: [`validate`](Self::validate) then refuses its properties
    /// with an [`ErrorKind::FeatureDisabled`](crate::ErrorKind::FeatureDisabled) error rather
    /// than accept them unchecked. `None` when the rules are compiled in, or when the type has
    /// none.
    pub fn disabled_feature(&self) -> Option<&'static str> {
        match self.checks {
            Checks::CompiledOut(feature) => Some(feature),
            Checks::Rules(_) | Checks::Unchecked => None,
        }
    }

    /// The rules compiled in for this type.
    #[inline]
    pub(crate) fn rules(&self) -> Option<&Rules> {
        match &self.checks {
            Checks::Rules(rules) => Some(rules),
            Checks::CompiledOut(_) | Checks::Unchecked => None,
        }
    }

    /// [`validate_properties`](crate::validate_properties) for this type: every problem of a
    /// `properties` object. Finding the type once and validating many objects with it skips
    /// the lookup by name.
    ///
    /// ```
    /// use serde_json::json;
    /// use stitch_connect_schema::ConnectionType;
    ///
    /// let postgres = ConnectionType::find("postgres").unwrap();
    /// let errors = postgres.validate(&json!({"port": 5432})).unwrap_err();
    /// assert!(errors.len() > 1);
    /// ```
    ///
    /// # Errors
    /// [`ValidationErrors`](crate::ValidationErrors) listing every problem.
    #[inline]
    pub fn validate(
        &'static self,
        properties: &serde_json::Value,
    ) -> Result<(), crate::ValidationErrors> {
        super::validate::validate_connection(self, properties)
    }

    /// [`validate_update_properties`](crate::validate_update_properties) for this type: every
    /// problem of the `properties` of an update, which need not hold the required properties
    /// and may not hold those whose value cannot change once set.
    ///
    /// ```
    /// use serde_json::json;
    /// use stitch_connect_schema::ConnectionType;
    ///
    /// let postgres = ConnectionType::find("postgres").unwrap();
    /// assert_eq!(postgres.validate_update(&json!({"port": "5433"})), Ok(()));
    /// assert!(postgres.validate_update(&json!({"port": 5433})).is_err());
    /// ```
    ///
    /// # Errors
    /// [`ValidationErrors`](crate::ValidationErrors) listing every problem.
    pub fn validate_update(
        &'static self,
        properties: &serde_json::Value,
    ) -> Result<(), crate::ValidationErrors> {
        super::validate::validate_update(self, properties)
    }

    /// Whether a `properties` object is valid for this type, exactly when
    /// [`validate`](Self::validate) would return `Ok`, without building any error: the
    /// cheapest check for a request path that only needs yes or no (`false` for a type whose
    /// rules this build left out).
    ///
    /// ```
    /// use serde_json::json;
    /// use stitch_connect_schema::ConnectionType;
    ///
    /// let s3 = ConnectionType::find("s3").unwrap();
    /// assert!(!s3.is_valid(&json!({"output_file_format": "parquet"})));
    /// ```
    #[inline]
    pub fn is_valid(&self, properties: &serde_json::Value) -> bool {
        match (properties, &self.checks) {
            (serde_json::Value::Object(map), Checks::Rules(rules)) => (rules.valid)(map) == VALID,
            (serde_json::Value::Object(_), Checks::Unchecked) => true,
            _ => false,
        }
    }

    /// The known properties, sorted by name (empty for unchecked types, and for types whose
    /// rules this build left out).
    pub fn properties(&self) -> &'static [PropertyRule] {
        self.known()
    }

    /// The known property named `name`.
    pub fn property(&self, name: &str) -> Option<&'static PropertyRule> {
        self.rules()?.rule(name)
    }

    /// The names of the known properties, sorted.
    pub fn property_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.known().iter().map(|p| p.name)
    }

    /// The names of the credential properties, sorted.
    pub fn credential_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.known().iter().filter(|p| p.credential).map(|p| p.name)
    }

    fn known(&self) -> &'static [PropertyRule] {
        match self.rules() {
            Some(rules) => rules.properties,
            None => &[],
        }
    }
}

/// The error for an unknown type (out of line: the lookup itself stays small).
#[cold]
#[inline(never)]
fn unknown(api_type: &str) -> UnknownConnectionType {
    UnknownConnectionType::new(api_type, ConnectionType::all().iter().map(|t| t.api_type))
}

#[cfg(test)]
mod tests {
    use super::ConnectionType;

    /// Each type's list of required positions, which the error path walks, names exactly the
    /// rules that say they are required, in order.
    #[test]
    fn required_positions_are_the_required_rules() {
        let mut checked = 0;
        for connection in ConnectionType::all() {
            let Some(rules) = connection.rules() else {
                continue;
            };
            let listed: Vec<usize> = rules.required.iter().map(|&i| usize::from(i)).collect();
            let required: Vec<usize> = rules
                .properties
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.required)
                .map(|(index, _)| index)
                .collect();
            assert_eq!(listed, required, "{}", connection.api_type);
            checked += 1;
        }
        // Not vacuous: some type has rules (whether any property is required depends on the
        // spec the crate was generated from).
        assert!(checked > 0);
    }

    /// Every type is found by its name, and a name one byte away (changed, missing or added)
    /// is found only if it is another type's.
    #[test]
    fn every_type_is_found_by_its_name_and_only_by_it() {
        let all = ConnectionType::all();
        let known = |name: &str| all.iter().any(|t| t.api_type() == name);
        let mut tried = 0;
        for connection in all {
            let name = connection.api_type();
            let found = ConnectionType::find(name).map(ConnectionType::api_type);
            assert_eq!(found, Ok(name));
            let mut near: Vec<String> = vec![format!("{name}x"), format!("x{name}")];
            for at in 0..name.len() {
                let (head, tail) = name.split_at(at);
                near.push(format!("{head}{}", &tail[1..]));
                for byte in [b'.', b'-', b'_', b'0', b'a', b'z', b'A'] {
                    let mut bytes = name.as_bytes().to_vec();
                    bytes[at] = byte;
                    near.extend(String::from_utf8(bytes));
                }
            }
            for near in near.iter().filter(|n| n.as_str() != name) {
                // The lookup `find` makes, without its suggestions for unknown names.
                let found = crate::catalog::connection_type(near).map(|t| t.api_type());
                assert_eq!(found, known(near).then_some(near.as_str()), "{near:?}");
                tried += 1;
            }
        }
        assert!(tried > all.len());
    }
}
