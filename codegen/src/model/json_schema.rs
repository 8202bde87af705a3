//! The one schema model: a report card's `json_schema`, parsed once into owned, typed data
//! with every draft-7 keyword, `$ref` resolved against `definitions`.
//!
//! [`Schema::assertions`] lists what a schema asserts, one [`Assertion`] per keyword that
//! constrains values, in one fixed order: the static keywords of the runtime evaluator
//! (`emit/keywords.rs`) and the generated checks (`emit/predicates.rs`) are both made from
//! that list, so keyword `k` of one is keyword `k` of the other.
//!
//! Rules (draft 7):
//! - A schema is an object or a boolean (`true` accepts everything, `false` nothing).
//! - Next to `$ref`, other keywords are ignored by validation: they are kept as annotations.
//! - `$ref` is local: `#` (the whole document) or a JSON pointer into it, in practice
//!   `#/definitions/name`; a remote reference cannot be resolved offline and is an error.
//! - Keywords draft 7 does not define are annotations: kept, never fatal
//!   ([`Keywords::annotations`]).

use serde_json::{Map, Number, Value};

use crate::json::type_name as kind;

/// A JSON type name of `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaType {
    /// `null`.
    Null,
    /// `boolean`.
    Boolean,
    /// `object`.
    Object,
    /// `array`.
    Array,
    /// `number`.
    Number,
    /// `integer`: a number without a fractional part.
    Integer,
    /// `string`.
    String,
}

impl SchemaType {
    /// The name as written in a schema.
    pub fn name(self) -> &'static str {
        match self {
            SchemaType::Null => "null",
            SchemaType::Boolean => "boolean",
            SchemaType::Object => "object",
            SchemaType::Array => "array",
            SchemaType::Number => "number",
            SchemaType::Integer => "integer",
            SchemaType::String => "string",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "null" => SchemaType::Null,
            "boolean" => SchemaType::Boolean,
            "object" => SchemaType::Object,
            "array" => SchemaType::Array,
            "number" => SchemaType::Number,
            "integer" => SchemaType::Integer,
            "string" => SchemaType::String,
            _ => return None,
        })
    }
}

/// A `format` draft 7 defines and the generated crate asserts (`idn-email` and `idn-hostname`
/// with its `idn` feature, whose dependencies carry the IDNA tables). Any other format name is
/// an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `date-time` (RFC 3339).
    DateTime,
    /// `date` (RFC 3339 full-date).
    Date,
    /// `time` (RFC 3339 full-time).
    Time,
    /// `email` (RFC 5321).
    Email,
    /// `idn-email` (RFC 6531).
    IdnEmail,
    /// `idn-hostname` (RFC 5890).
    IdnHostname,
    /// `hostname` (RFC 1123).
    Hostname,
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
    /// `uri` (RFC 3986).
    Uri,
    /// `uri-reference` (RFC 3986).
    UriReference,
    /// `iri` (RFC 3987).
    Iri,
    /// `iri-reference` (RFC 3987).
    IriReference,
    /// `uri-template` (RFC 6570).
    UriTemplate,
    /// `json-pointer` (RFC 6901).
    JsonPointer,
    /// `relative-json-pointer`.
    RelativeJsonPointer,
    /// `regex` (ECMA 262).
    Regex,
}

impl Format {
    /// The format of a draft-7 format name; `None` for a name draft 7 does not define.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "date-time" => Format::DateTime,
            "date" => Format::Date,
            "time" => Format::Time,
            "email" => Format::Email,
            "idn-email" => Format::IdnEmail,
            "idn-hostname" => Format::IdnHostname,
            "hostname" => Format::Hostname,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            "uri" => Format::Uri,
            "uri-reference" => Format::UriReference,
            "iri" => Format::Iri,
            "iri-reference" => Format::IriReference,
            "uri-template" => Format::UriTemplate,
            "json-pointer" => Format::JsonPointer,
            "relative-json-pointer" => Format::RelativeJsonPointer,
            "regex" => Format::Regex,
            _ => return None,
        })
    }

    /// The format's name in UpperCamelCase, as the runtime's `Format` variant has it.
    pub fn variant_name(self) -> &'static str {
        match self {
            Format::Ipv4 => "Ipv4",
            Format::Ipv6 => "Ipv6",
            Format::Hostname => "Hostname",
            Format::DateTime => "DateTime",
            Format::Date => "Date",
            Format::Time => "Time",
            Format::Email => "Email",
            Format::IdnEmail => "IdnEmail",
            Format::IdnHostname => "IdnHostname",
            Format::Uri => "Uri",
            Format::UriReference => "UriReference",
            Format::Iri => "Iri",
            Format::IriReference => "IriReference",
            Format::UriTemplate => "UriTemplate",
            Format::JsonPointer => "JsonPointer",
            Format::RelativeJsonPointer => "RelativeJsonPointer",
            Format::Regex => "Regex",
        }
    }

    /// The name as written in a schema.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Time => "time",
            Format::Email => "email",
            Format::IdnEmail => "idn-email",
            Format::IdnHostname => "idn-hostname",
            Format::Hostname => "hostname",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Uri => "uri",
            Format::UriReference => "uri-reference",
            Format::Iri => "iri",
            Format::IriReference => "iri-reference",
            Format::UriTemplate => "uri-template",
            Format::JsonPointer => "json-pointer",
            Format::RelativeJsonPointer => "relative-json-pointer",
            Format::Regex => "regex",
        }
    }
}

/// A schema: a boolean schema, or keywords.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    /// `true` accepts every value, `false` none.
    Bool(bool),
    /// An object schema.
    Keywords(Box<Keywords>),
}

/// What a `$ref` points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `#`: the whole document.
    Root,
    /// An entry of the document's [`Document::definitions`], by index.
    Definition(usize),
}

/// `items`.
#[derive(Debug, Clone, PartialEq)]
pub enum Items {
    /// One schema for every item.
    Each(Schema),
    /// One schema per position (`additionalItems` for the rest).
    Tuple(Vec<Schema>),
}

/// One entry of `dependencies`.
#[derive(Debug, Clone, PartialEq)]
pub enum Dependency {
    /// When the property is there, so must these be.
    Properties(Vec<String>),
    /// When the property is there, the object satisfies this schema.
    Schema(Schema),
}

/// The keywords of an object schema, each as data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keywords {
    /// `$ref`, resolved. When it is set, the other keywords are annotations.
    pub reference: Option<Target>,
    /// `type`.
    pub types: Option<Vec<SchemaType>>,
    /// `enum`.
    pub enumeration: Option<Vec<Value>>,
    /// `const`.
    pub constant: Option<Value>,
    /// `multipleOf` (greater than 0).
    pub multiple_of: Option<Number>,
    /// `maximum`.
    pub maximum: Option<Number>,
    /// `exclusiveMaximum` (a number in draft 7).
    pub exclusive_maximum: Option<Number>,
    /// `minimum`.
    pub minimum: Option<Number>,
    /// `exclusiveMinimum` (a number in draft 7).
    pub exclusive_minimum: Option<Number>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `pattern`, as written (ECMA 262).
    pub pattern: Option<String>,
    /// `format`, when draft 7 defines it (any other is an annotation).
    pub format: Option<Format>,
    /// `items`.
    pub items: Option<Items>,
    /// `additionalItems`.
    pub additional_items: Option<Schema>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `contains`.
    pub contains: Option<Schema>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `required`.
    pub required: Vec<String>,
    /// `properties`, in document order.
    pub properties: Vec<(String, Schema)>,
    /// `patternProperties`, in document order.
    pub pattern_properties: Vec<(String, Schema)>,
    /// `additionalProperties`.
    pub additional_properties: Option<Schema>,
    /// `dependencies`, in document order.
    pub dependencies: Vec<(String, Dependency)>,
    /// `propertyNames`.
    pub property_names: Option<Schema>,
    /// `if`.
    pub condition: Option<Schema>,
    /// `then`.
    pub then: Option<Schema>,
    /// `else`.
    pub otherwise: Option<Schema>,
    /// `allOf`.
    pub all_of: Vec<Schema>,
    /// `anyOf`.
    pub any_of: Vec<Schema>,
    /// `oneOf`.
    pub one_of: Vec<Schema>,
    /// `not`.
    pub not: Option<Schema>,
    /// Everything validation ignores: `title`, `description`, `default`, `examples`,
    /// `readOnly`, `writeOnly`, `$comment`, `$id`, `$schema`, keywords of other drafts or
    /// vendors, and the siblings of `$ref`. Kept as written, in document order.
    pub annotations: Vec<(String, Value)>,
}

/// A parsed `json_schema`: its root and the `definitions` its `$ref`s point at.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The schema.
    pub root: Schema,
    /// `definitions` of the root, by name, in document order; [`Target::Definition`] indexes
    /// here.
    pub definitions: Vec<(String, Schema)>,
    /// What validation ignores although a writer may have meant it to constrain: keywords
    /// draft 7 does not define, and formats it does not define. (JSON path, what.)
    pub ignored: Vec<(String, String)>,
}

/// The annotation keywords draft 7 defines: validation ignores them by design.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "$comment",
    "$id",
    "$schema",
    "contentMediaType",
    "contentEncoding",
];

/// One assertion of a schema: a keyword that constrains values, with what it needs of its
/// siblings (`additionalProperties` the names and patterns of `properties` and
/// `patternProperties`; `items` as a list its `additionalItems`; `if` its `then` and `else`).
/// Keywords without effect make none: an empty `required`, `properties`,
/// `patternProperties` or `dependencies`, `uniqueItems: false`, `if` without `then` and
/// `else`, `additionalItems` without a list of `items`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assertion<'a> {
    /// `$ref` (the schema's only assertion).
    Ref(&'a Target),
    /// `additionalProperties`.
    AdditionalProperties {
        /// The names of `properties`.
        named: &'a [(String, Schema)],
        /// The patterns of `patternProperties`.
        patterns: &'a [(String, Schema)],
        /// The schema of the other keys' values.
        schema: &'a Schema,
    },
    /// `allOf`.
    AllOf(&'a [Schema]),
    /// `anyOf`.
    AnyOf(&'a [Schema]),
    /// `const`.
    Const(&'a Value),
    /// `contains`.
    Contains(&'a Schema),
    /// `dependencies`.
    Dependencies(&'a [(String, Dependency)]),
    /// `enum`.
    Enum(&'a [Value]),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(&'a Number),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(&'a Number),
    /// `format`.
    Format(Format),
    /// `if`, `then`, `else`.
    If {
        /// `if`.
        condition: &'a Schema,
        /// `then`.
        then: Option<&'a Schema>,
        /// `else`.
        otherwise: Option<&'a Schema>,
    },
    /// `items` as one schema.
    Items(&'a Schema),
    /// `items` as a list, with `additionalItems`.
    Tuple {
        /// One schema per position.
        items: &'a [Schema],
        /// `additionalItems`.
        additional: Option<&'a Schema>,
    },
    /// `maxItems`.
    MaxItems(u64),
    /// `maxLength`.
    MaxLength(u64),
    /// `maxProperties`.
    MaxProperties(u64),
    /// `maximum`.
    Maximum(&'a Number),
    /// `minItems`.
    MinItems(u64),
    /// `minLength`.
    MinLength(u64),
    /// `minProperties`.
    MinProperties(u64),
    /// `minimum`.
    Minimum(&'a Number),
    /// `multipleOf`.
    MultipleOf(&'a Number),
    /// `not`.
    Not(&'a Schema),
    /// `oneOf`.
    OneOf(&'a [Schema]),
    /// `pattern`.
    Pattern(&'a str),
    /// `patternProperties`.
    PatternProperties(&'a [(String, Schema)]),
    /// `properties`.
    Properties(&'a [(String, Schema)]),
    /// `propertyNames`.
    PropertyNames(&'a Schema),
    /// `required`.
    Required(&'a [String]),
    /// `type`.
    Type(&'a [SchemaType]),
    /// `uniqueItems: true`.
    UniqueItems,
    /// The schema `false`.
    False,
}

impl<'a> Assertion<'a> {
    /// The schemas inside the assertion.
    pub fn subschemas(&self) -> Vec<&'a Schema> {
        let pairs = |entries: &'a [(String, Schema)]| entries.iter().map(|(_, schema)| schema);
        match *self {
            Assertion::AdditionalProperties { schema, .. }
            | Assertion::Contains(schema)
            | Assertion::Items(schema)
            | Assertion::Not(schema)
            | Assertion::PropertyNames(schema) => vec![schema],
            Assertion::AllOf(schemas) | Assertion::AnyOf(schemas) | Assertion::OneOf(schemas) => {
                schemas.iter().collect()
            }
            Assertion::Dependencies(entries) => entries
                .iter()
                .filter_map(|(_, dependency)| match dependency {
                    Dependency::Schema(schema) => Some(schema),
                    Dependency::Properties(_) => None,
                })
                .collect(),
            Assertion::If {
                condition,
                then,
                otherwise,
            } => [Some(condition), then, otherwise]
                .into_iter()
                .flatten()
                .collect(),
            Assertion::Tuple { items, additional } => items.iter().chain(additional).collect(),
            Assertion::PatternProperties(entries) | Assertion::Properties(entries) => {
                pairs(entries).collect()
            }
            Assertion::Ref(_)
            | Assertion::Const(_)
            | Assertion::Enum(_)
            | Assertion::ExclusiveMaximum(_)
            | Assertion::ExclusiveMinimum(_)
            | Assertion::Format(_)
            | Assertion::MaxItems(_)
            | Assertion::MaxLength(_)
            | Assertion::MaxProperties(_)
            | Assertion::Maximum(_)
            | Assertion::MinItems(_)
            | Assertion::MinLength(_)
            | Assertion::MinProperties(_)
            | Assertion::Minimum(_)
            | Assertion::MultipleOf(_)
            | Assertion::Pattern(_)
            | Assertion::Required(_)
            | Assertion::Type(_)
            | Assertion::UniqueItems
            | Assertion::False => Vec::new(),
        }
    }
}

impl Schema {
    /// What the schema asserts, in the alphabetical order of the keywords' names (`$ref`
    /// first, the schema `false` alone).
    pub fn assertions(&self) -> Vec<Assertion<'_>> {
        let k = match self {
            Schema::Bool(true) => return Vec::new(),
            Schema::Bool(false) => return vec![Assertion::False],
            Schema::Keywords(k) => k,
        };
        if let Some(target) = &k.reference {
            return vec![Assertion::Ref(target)];
        }
        let mut out: Vec<Assertion<'_>> = Vec::new();
        let mut push = |assertion| out.extend(assertion);
        fn non_empty(schemas: &[Schema]) -> Option<&[Schema]> {
            (!schemas.is_empty()).then_some(schemas)
        }
        push(
            k.additional_properties
                .as_ref()
                .map(|schema| Assertion::AdditionalProperties {
                    named: &k.properties,
                    patterns: &k.pattern_properties,
                    schema,
                }),
        );
        push(non_empty(&k.all_of).map(Assertion::AllOf));
        push(non_empty(&k.any_of).map(Assertion::AnyOf));
        push(k.constant.as_ref().map(Assertion::Const));
        push(k.contains.as_ref().map(Assertion::Contains));
        push((!k.dependencies.is_empty()).then_some(Assertion::Dependencies(&k.dependencies)));
        push(k.enumeration.as_deref().map(Assertion::Enum));
        push(
            k.exclusive_maximum
                .as_ref()
                .map(Assertion::ExclusiveMaximum),
        );
        push(
            k.exclusive_minimum
                .as_ref()
                .map(Assertion::ExclusiveMinimum),
        );
        push(k.format.map(Assertion::Format));
        if let Some(condition) = &k.condition
            && (k.then.is_some() || k.otherwise.is_some())
        {
            push(Some(Assertion::If {
                condition,
                then: k.then.as_ref(),
                otherwise: k.otherwise.as_ref(),
            }));
        }
        push(k.items.as_ref().map(|items| match items {
            Items::Each(schema) => Assertion::Items(schema),
            Items::Tuple(items) => Assertion::Tuple {
                items,
                additional: k.additional_items.as_ref(),
            },
        }));
        push(k.max_items.map(Assertion::MaxItems));
        push(k.max_length.map(Assertion::MaxLength));
        push(k.max_properties.map(Assertion::MaxProperties));
        push(k.maximum.as_ref().map(Assertion::Maximum));
        push(k.min_items.map(Assertion::MinItems));
        push(k.min_length.map(Assertion::MinLength));
        push(k.min_properties.map(Assertion::MinProperties));
        push(k.minimum.as_ref().map(Assertion::Minimum));
        push(k.multiple_of.as_ref().map(Assertion::MultipleOf));
        push(k.not.as_ref().map(Assertion::Not));
        push(non_empty(&k.one_of).map(Assertion::OneOf));
        push(k.pattern.as_deref().map(Assertion::Pattern));
        push(
            (!k.pattern_properties.is_empty())
                .then_some(Assertion::PatternProperties(&k.pattern_properties)),
        );
        push((!k.properties.is_empty()).then_some(Assertion::Properties(&k.properties)));
        push(k.property_names.as_ref().map(Assertion::PropertyNames));
        push((!k.required.is_empty()).then_some(Assertion::Required(&k.required)));
        push(k.types.as_deref().map(Assertion::Type));
        push(k.unique_items.then_some(Assertion::UniqueItems));
        out
    }

    /// Calls `each` with every assertion of this schema and of the schemas inside it.
    pub fn each_assertion<'a>(&'a self, each: &mut impl FnMut(&Assertion<'a>)) {
        for assertion in self.assertions() {
            each(&assertion);
            for schema in assertion.subschemas() {
                schema.each_assertion(each);
            }
        }
    }

    /// The schemas this one applies to the same value (not to an item or a member): where a
    /// `$ref` cycle could run without ever reaching a nested value.
    fn same_value_schemas(&self) -> Vec<&Schema> {
        self.assertions()
            .iter()
            .filter(|assertion| {
                matches!(
                    assertion,
                    Assertion::AllOf(_)
                        | Assertion::AnyOf(_)
                        | Assertion::OneOf(_)
                        | Assertion::Not(_)
                        | Assertion::If { .. }
                        | Assertion::Dependencies(_)
                )
            })
            .flat_map(Assertion::subschemas)
            .collect()
    }

    /// The `$ref` targets this schema reaches on the same value.
    fn same_value_targets<'a>(&'a self, out: &mut Vec<&'a Target>) {
        if let Schema::Keywords(k) = self
            && let Some(target) = &k.reference
        {
            out.push(target);
            return;
        }
        for schema in self.same_value_schemas() {
            schema.same_value_targets(out);
        }
    }
}

impl Document {
    /// Calls `each` with every assertion of the document: the root's, the definitions', and
    /// those of every schema inside them.
    pub fn each_assertion<'a>(&'a self, each: &mut impl FnMut(&Assertion<'a>)) {
        self.root.each_assertion(each);
        for (_, schema) in &self.definitions {
            schema.each_assertion(each);
        }
    }

    /// The schema a `$ref` points at.
    pub fn target(&self, target: &Target) -> &Schema {
        match target {
            Target::Root => &self.root,
            Target::Definition(index) => &self.definitions[*index].1,
        }
    }

    /// The name of a `$ref`'s target, for errors: `#` or the definition's name.
    pub fn target_name(&self, target: &Target) -> &str {
        match target {
            Target::Root => "#",
            Target::Definition(index) => &self.definitions[*index].0,
        }
    }

    /// A `$ref` cycle that returns to the same value without going into an item or a member
    /// (`{"$ref": "#"}`, or two definitions that refer to each other through `allOf`):
    /// validating any value against it would never end. `None` when there is none.
    fn endless_cycle(&self) -> Option<Target> {
        let targets: Vec<Target> = std::iter::once(Target::Root)
            .chain((0..self.definitions.len()).map(Target::Definition))
            .collect();
        // Depth-first from each target, over the same-value edges.
        for start in &targets {
            let mut stack: Vec<&Target> = Vec::new();
            self.target(start).same_value_targets(&mut stack);
            let mut seen: Vec<&Target> = Vec::new();
            while let Some(next) = stack.pop() {
                if next == start {
                    return Some(start.clone());
                }
                if seen.contains(&next) {
                    continue;
                }
                seen.push(next);
                self.target(next).same_value_targets(&mut stack);
            }
        }
        None
    }
}

/// A schema that is not valid draft 7: where (a JSON path below the schema's own) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// The JSON path, `$` for the schema itself, e.g. `$.properties.port.minimum`.
    pub path: String,
    /// What is wrong.
    pub problem: String,
}

/// Parses a `json_schema` into the model.
///
/// # Errors
/// [`SchemaError`] naming the path and the problem, for a schema that is not valid draft 7 or
/// a `$ref` that does not resolve within the document.
pub fn parse(value: &Value) -> Result<Document, SchemaError> {
    // The definitions first, so that a `$ref` anywhere can be resolved to an index.
    let names: Vec<String> = match value.get("definitions") {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        Some(other) => {
            return Err(error(
                "$.definitions",
                format!("must be an object, found {}", kind(other)),
            ));
        }
        None => Vec::new(),
    };
    let parser = Parser {
        names: &names,
        ignored: std::cell::RefCell::default(),
    };
    let root = parser.schema(value, "$")?;
    let mut definitions = Vec::new();
    if let Some(Value::Object(map)) = value.get("definitions") {
        for (name, schema) in map {
            let path = format!("$.definitions{}", segment(name));
            definitions.push((name.clone(), parser.schema(schema, &path)?));
        }
    }
    let document = Document {
        root,
        definitions,
        ignored: parser.ignored.into_inner(),
    };
    if let Some(target) = document.endless_cycle() {
        let at = match &target {
            Target::Root => "$".to_owned(),
            Target::Definition(index) => {
                format!("$.definitions{}", segment(&document.definitions[*index].0))
            }
        };
        return Err(error(
            &at,
            "its `$ref`s lead back to it without going into an item or a member: no value \
             could ever be validated against it",
        ));
    }
    Ok(document)
}

struct Parser<'a> {
    /// The names of the root's `definitions`.
    names: &'a [String],
    /// [`Document::ignored`], as found.
    ignored: std::cell::RefCell<Vec<(String, String)>>,
}

impl Parser<'_> {
    fn schema(&self, value: &Value, path: &str) -> Result<Schema, SchemaError> {
        match value {
            Value::Bool(accepts) => Ok(Schema::Bool(*accepts)),
            Value::Object(map) => Ok(Schema::Keywords(Box::new(self.keywords(map, path)?))),
            other => Err(error(
                path,
                format!(
                    "a schema must be an object or a boolean, found {}",
                    kind(other)
                ),
            )),
        }
    }

    fn keywords(&self, map: &Map<String, Value>, path: &str) -> Result<Keywords, SchemaError> {
        let mut out = Keywords::default();
        if let Some(reference) = map.get("$ref") {
            out.reference = Some(self.target(reference, &format!("{path}.$ref"))?);
            // Next to `$ref`, draft 7 ignores every other keyword.
            out.annotations = map
                .iter()
                .filter(|(key, _)| key.as_str() != "$ref")
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            for (key, _) in &out.annotations {
                if !ANNOTATIONS.contains(&key.as_str()) && key != "definitions" {
                    self.ignore(
                        &format!("{path}{}", segment(key)),
                        format!("\"{key}\" next to \"$ref\" is ignored by draft 7"),
                    );
                }
            }
            return Ok(out);
        }
        for (key, value) in map {
            let at = format!("{path}{}", segment(key));
            match key.as_str() {
                "type" => out.types = Some(types(value, &at)?),
                "enum" => out.enumeration = Some(array(value, &at)?.to_vec()),
                "const" => out.constant = Some(value.clone()),
                "multipleOf" => {
                    let n = number(value, &at)?;
                    if n.as_f64().is_none_or(|n| n <= 0.0) {
                        return Err(error(&at, "must be greater than 0"));
                    }
                    out.multiple_of = Some(n);
                }
                "maximum" => out.maximum = Some(number(value, &at)?),
                "exclusiveMaximum" => out.exclusive_maximum = Some(number(value, &at)?),
                "minimum" => out.minimum = Some(number(value, &at)?),
                "exclusiveMinimum" => out.exclusive_minimum = Some(number(value, &at)?),
                "maxLength" => out.max_length = Some(count(value, &at)?),
                "minLength" => out.min_length = Some(count(value, &at)?),
                "pattern" => out.pattern = Some(string(value, &at)?.to_owned()),
                "format" => match Format::parse(string(value, &at)?) {
                    Some(format) => out.format = Some(format),
                    None => {
                        self.ignore(
                            &at,
                            format!("the format {value} is not one draft 7 defines"),
                        );
                        out.annotations.push((key.clone(), value.clone()));
                    }
                },
                "items" => {
                    out.items = Some(match value {
                        Value::Array(schemas) => Items::Tuple(self.list(schemas, &at)?),
                        schema => Items::Each(self.schema(schema, &at)?),
                    });
                }
                "additionalItems" => out.additional_items = Some(self.schema(value, &at)?),
                "maxItems" => out.max_items = Some(count(value, &at)?),
                "minItems" => out.min_items = Some(count(value, &at)?),
                "uniqueItems" => out.unique_items = boolean(value, &at)?,
                "contains" => out.contains = Some(self.schema(value, &at)?),
                "maxProperties" => out.max_properties = Some(count(value, &at)?),
                "minProperties" => out.min_properties = Some(count(value, &at)?),
                "required" => out.required = strings(value, &at)?,
                "properties" => out.properties = self.map(value, &at)?,
                "patternProperties" => out.pattern_properties = self.map(value, &at)?,
                "additionalProperties" => {
                    out.additional_properties = Some(self.schema(value, &at)?);
                }
                "dependencies" => {
                    let Value::Object(entries) = value else {
                        return Err(error(
                            &at,
                            format!("must be an object, found {}", kind(value)),
                        ));
                    };
                    for (name, dependency) in entries {
                        let at = format!("{at}{}", segment(name));
                        out.dependencies.push((
                            name.clone(),
                            match dependency {
                                Value::Array(_) => {
                                    Dependency::Properties(strings(dependency, &at)?)
                                }
                                schema => Dependency::Schema(self.schema(schema, &at)?),
                            },
                        ));
                    }
                }
                "propertyNames" => out.property_names = Some(self.schema(value, &at)?),
                "if" => out.condition = Some(self.schema(value, &at)?),
                "then" => out.then = Some(self.schema(value, &at)?),
                "else" => out.otherwise = Some(self.schema(value, &at)?),
                "allOf" => out.all_of = self.non_empty_list(value, &at)?,
                "anyOf" => out.any_of = self.non_empty_list(value, &at)?,
                "oneOf" => out.one_of = self.non_empty_list(value, &at)?,
                "not" => out.not = Some(self.schema(value, &at)?),
                // Read by `parse` at the root; elsewhere a draft-7 keyword nothing here points
                // into (a `$ref` resolves against the root's only).
                "definitions" if path == "$" => {}
                "definitions" => out.annotations.push((key.clone(), value.clone())),
                _ => {
                    if !ANNOTATIONS.contains(&key.as_str()) {
                        self.ignore(&at, format!("\"{key}\" is not a draft-7 keyword"));
                    }
                    out.annotations.push((key.clone(), value.clone()));
                }
            }
        }
        Ok(out)
    }

    fn ignore(&self, path: &str, what: String) {
        self.ignored.borrow_mut().push((path.to_owned(), what));
    }

    fn list(&self, schemas: &[Value], path: &str) -> Result<Vec<Schema>, SchemaError> {
        schemas
            .iter()
            .enumerate()
            .map(|(i, schema)| self.schema(schema, &format!("{path}[{i}]")))
            .collect()
    }

    fn non_empty_list(&self, value: &Value, path: &str) -> Result<Vec<Schema>, SchemaError> {
        let schemas = array(value, path)?;
        if schemas.is_empty() {
            return Err(error(path, "must list at least one schema"));
        }
        self.list(schemas, path)
    }

    fn map(&self, value: &Value, path: &str) -> Result<Vec<(String, Schema)>, SchemaError> {
        let Value::Object(entries) = value else {
            return Err(error(
                path,
                format!("must be an object, found {}", kind(value)),
            ));
        };
        entries
            .iter()
            .map(|(name, schema)| {
                Ok((
                    name.clone(),
                    self.schema(schema, &format!("{path}{}", segment(name)))?,
                ))
            })
            .collect()
    }

    fn target(&self, reference: &Value, path: &str) -> Result<Target, SchemaError> {
        let text = string(reference, path)?;
        if text == "#" {
            return Ok(Target::Root);
        }
        let Some(pointer) = text.strip_prefix("#/definitions/") else {
            return Err(error(
                path,
                format!(
                    "cannot resolve {text:?}: only `#` and `#/definitions/<name>` are resolvable within one report card"
                ),
            ));
        };
        // A URI fragment: percent-decoded first (a valid `$ref` writes a space as `%20`), then
        // read as a JSON pointer, whose one segment unescapes `~1` to `/` and `~0` to `~`.
        let pointer = percent_decoded(pointer);
        if pointer.contains('/') {
            return Err(error(
                path,
                format!("cannot resolve {text:?}: it points inside a definition"),
            ));
        }
        let name = pointer.replace("~1", "/").replace("~0", "~");
        self.names
            .iter()
            .position(|n| *n == name)
            .map(Target::Definition)
            .ok_or_else(|| error(path, format!("{text:?} names no entry of `definitions`")))
    }
}

/// `text` with each `%XX` (two hex digits) decoded; anything else kept as written, so that a
/// name written unencoded resolves too. Bytes that do not form UTF-8 are replaced.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn error(path: &str, problem: impl Into<String>) -> SchemaError {
    SchemaError {
        path: path.to_owned(),
        problem: problem.into(),
    }
}

/// The JSON path segment of an object key: `.name`, or `["..."]` when the name needs quoting.
fn segment(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        format!(".{key}")
    } else {
        format!("[{}]", Value::String(key.to_owned()))
    }
}

fn types(value: &Value, path: &str) -> Result<Vec<SchemaType>, SchemaError> {
    let named = |name: &Value, path: &str| {
        let text = string(name, path)?;
        SchemaType::parse(text)
            .ok_or_else(|| error(path, format!("{text:?} is not a JSON Schema type")))
    };
    match value {
        Value::String(_) => Ok(vec![named(value, path)?]),
        Value::Array(names) if names.is_empty() => Err(error(
            path,
            "\"type\" is an empty array: it must list at least one type",
        )),
        Value::Array(names) => names
            .iter()
            .enumerate()
            .map(|(i, name)| named(name, &format!("{path}[{i}]")))
            .collect(),
        other => Err(error(
            path,
            format!(
                "\"type\" must be a string or an array of strings, found {}",
                kind(other)
            ),
        )),
    }
}

fn array<'v>(value: &'v Value, path: &str) -> Result<&'v [Value], SchemaError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(error(
            path,
            format!("must be an array, found {}", kind(other)),
        )),
    }
}

fn string<'v>(value: &'v Value, path: &str) -> Result<&'v str, SchemaError> {
    value
        .as_str()
        .ok_or_else(|| error(path, format!("must be a string, found {}", kind(value))))
}

fn strings(value: &Value, path: &str) -> Result<Vec<String>, SchemaError> {
    array(value, path)?
        .iter()
        .enumerate()
        .map(|(i, item)| string(item, &format!("{path}[{i}]")).map(str::to_owned))
        .collect()
}

fn number(value: &Value, path: &str) -> Result<Number, SchemaError> {
    match value {
        Value::Number(n) => Ok(n.clone()),
        other => Err(error(
            path,
            format!("must be a number, found {}", kind(other)),
        )),
    }
}

fn count(value: &Value, path: &str) -> Result<u64, SchemaError> {
    // Draft 7: a non-negative integer; `2.0` is one.
    match value.as_u64() {
        Some(n) => Ok(n),
        None => match value.as_f64() {
            Some(f) if f >= 0.0 && f.fract() == 0.0 && f < 18_446_744_073_709_551_616.0 => {
                Ok(f as u64)
            }
            _ => Err(error(
                path,
                format!("must be a non-negative integer, found {value}"),
            )),
        },
    }
}

fn boolean(value: &Value, path: &str) -> Result<bool, SchemaError> {
    value.as_bool().ok_or_else(|| {
        error(
            path,
            format!("must be true or false, found {}", kind(value)),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use serde_json::json;

    use super::*;

    fn num(f: f64) -> Number {
        Number::from_f64(f).unwrap()
    }

    fn keywords(schema: &Schema) -> &Keywords {
        match schema {
            Schema::Keywords(keywords) => keywords,
            Schema::Bool(_) => panic!("not an object schema"),
        }
    }

    /// Every draft-7 keyword lands in its field, as data.
    #[test]
    fn every_keyword_is_data() {
        let document = parse(&json!({
            "type": ["string", "null"], "enum": ["a", 1, null], "const": "a",
            "multipleOf": 0.5, "maximum": 10, "exclusiveMaximum": 11, "minimum": -1,
            "exclusiveMinimum": -2, "maxLength": 5, "minLength": 1.0, "pattern": "^a{2}$",
            "format": "email", "items": [{"type": "integer"}, true], "additionalItems": false,
            "maxItems": 3, "minItems": 1, "uniqueItems": true, "contains": {"const": 1},
            "maxProperties": 4, "minProperties": 0, "required": ["a"],
            "properties": {"a": {"type": "string"}, "b c": {}},
            "patternProperties": {"^x": {"type": "number"}}, "additionalProperties": {"type": "boolean"},
            "dependencies": {"a": ["b"], "b": {"required": ["a"]}}, "propertyNames": {"maxLength": 3},
            "if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "null"},
            "allOf": [true], "anyOf": [{"type": "string"}, {"type": "integer"}], "oneOf": [false, true],
            "not": {"const": "b"}, "title": "T", "x-vendor": 1
        }))
        .unwrap();
        let k = keywords(&document.root);
        assert_eq!(k.types, Some(vec![SchemaType::String, SchemaType::Null]));
        assert_eq!(k.enumeration, Some(vec![json!("a"), json!(1), Value::Null]));
        assert_eq!(k.constant, Some(json!("a")));
        assert_eq!(
            (
                k.multiple_of.clone(),
                k.maximum.clone(),
                k.exclusive_maximum.clone(),
                k.minimum.clone(),
                k.exclusive_minimum.clone()
            ),
            (
                Some(num(0.5)),
                Some(Number::from(10)),
                Some(Number::from(11)),
                Some(Number::from(-1)),
                Some(Number::from(-2))
            )
        );
        assert_eq!((k.max_length, k.min_length), (Some(5), Some(1)));
        assert_eq!(
            (k.pattern.as_deref(), k.format),
            (Some("^a{2}$"), Some(Format::Email))
        );
        assert!(
            matches!(&k.items, Some(Items::Tuple(items)) if items.len() == 2 && items[1] == Schema::Bool(true))
        );
        assert_eq!(k.additional_items, Some(Schema::Bool(false)));
        assert_eq!(
            (k.max_items, k.min_items, k.unique_items),
            (Some(3), Some(1), true)
        );
        assert!(k.contains.is_some());
        assert_eq!((k.max_properties, k.min_properties), (Some(4), Some(0)));
        assert_eq!(k.required, ["a"]);
        let names: Vec<&str> = k.properties.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a", "b c"]);
        assert_eq!(k.pattern_properties.len(), 1);
        assert!(k.additional_properties.is_some());
        assert!(matches!(&k.dependencies[0].1, Dependency::Properties(p) if p == &["b"]));
        assert!(matches!(&k.dependencies[1].1, Dependency::Schema(_)));
        assert!(k.property_names.is_some());
        assert!(k.condition.is_some() && k.then.is_some() && k.otherwise.is_some());
        assert_eq!((k.all_of.len(), k.any_of.len(), k.one_of.len()), (1, 2, 2));
        assert!(k.not.is_some());
        assert_eq!(
            k.annotations,
            [
                ("title".to_owned(), json!("T")),
                ("x-vendor".to_owned(), json!(1))
            ]
        );
    }

    /// `$ref` resolves to the root or a definition; its siblings are annotations.
    #[test]
    fn references_resolve_within_the_document() {
        let document = parse(&json!({
            "definitions": {"port": {"type": "integer"}, "a/b c": {"$ref": "#/definitions/port"}},
            "properties": {
                "p": {"$ref": "#/definitions/port", "description": "ignored by validation"},
                "q": {"$ref": "#/definitions/a~1b%20c"},
                "self": {"$ref": "#"}
            }
        }))
        .unwrap();
        let names: Vec<&str> = document
            .definitions
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["port", "a/b c"]);
        let k = keywords(&document.root);
        let p = keywords(&k.properties[0].1);
        assert_eq!(p.reference, Some(Target::Definition(0)));
        assert_eq!(p.annotations[0].0, "description");
        assert_eq!(
            keywords(&k.properties[1].1).reference,
            Some(Target::Definition(1))
        );
        assert_eq!(keywords(&k.properties[2].1).reference, Some(Target::Root));
        assert_eq!(
            keywords(&document.definitions[1].1).reference,
            Some(Target::Definition(0))
        );
    }

    /// What is not valid draft 7 is an error at its path.
    #[test]
    fn invalid_schemas_name_the_path() {
        for (schema, path, words) in [
            (json!("string"), "$", "object or a boolean"),
            (json!({"type": "text"}), "$.type", "not a JSON Schema type"),
            (
                json!({"minLength": -1}),
                "$.minLength",
                "non-negative integer",
            ),
            (json!({"multipleOf": 0}), "$.multipleOf", "greater than 0"),
            (json!({"anyOf": []}), "$.anyOf", "at least one"),
            (
                json!({"properties": {"a": 5}}),
                "$.properties.a",
                "object or a boolean",
            ),
            (
                json!({"properties": {"a b": {"type": 1}}}),
                "$.properties[\"a b\"].type",
                "must be a string",
            ),
            (
                json!({"items": [{"pattern": 3}]}),
                "$.items[0].pattern",
                "must be a string",
            ),
            (
                json!({"$ref": "#/definitions/nope"}),
                "$.$ref",
                "names no entry",
            ),
            (json!({"$ref": "other.json#/x"}), "$.$ref", "cannot resolve"),
            (
                json!({"required": ["a", 1]}),
                "$.required[1]",
                "must be a string",
            ),
            (
                json!({"definitions": []}),
                "$.definitions",
                "must be an object",
            ),
        ] {
            let error = parse(&schema).unwrap_err();
            assert_eq!(error.path, path, "{schema}: {error:?}");
            assert!(error.problem.contains(words), "{schema}: {error:?}");
        }
    }

    /// Boolean schemas, anywhere a schema goes.
    #[test]
    fn boolean_schemas() {
        assert_eq!(parse(&json!(true)).unwrap().root, Schema::Bool(true));
        let k = parse(&json!({"not": false})).unwrap();
        assert_eq!(keywords(&k.root).not, Some(Schema::Bool(false)));
    }
}
