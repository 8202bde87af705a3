//! The subset of Liquid (Jekyll's template language) the documentation source's connector pages
//! and shared data use, evaluated strictly: what this module cannot evaluate, or a variable the
//! context does not hold, is an error at its byte offset in the template, never an empty
//! string.
//!
//! Supported:
//! - output `{{ expression | filter: argument, … }}`; expressions are string literals (`"…"`,
//!   `'…'`), numbers, `true`, `false`, `nil`, and variable paths `a.b-c.d` (names may hold `-`)
//!   with bracketed keys `a[expression]` (`links[page.name]logminer` reads as
//!   `links[page.name].logminer`, as Liquid does); a path through a `nil` the context holds is
//!   `nil`, a key an object lacks an error ([`evaluate_or_nil`] reads it as `nil`);
//! - filters `append`, `prepend`, `upcase`, `downcase`, `remove`, `replace`, `strip_newlines`, `strip`, `lstrip`, `rstrip`, `markdownify` (kept as Markdown),
//!   `where: "key", "value"` (compared as text, as Jekyll's `where` does), `first` (of a list), `sort` (optionally by a key, nil first, as Jekyll's),
//!   `json` (as one page writes it: the value's JSON), and the site's `flatify` plugin, which
//!   renders the Liquid inside a string of the data (the shared texts hold templates);
//! - tags `if` / `elsif` / `else` / `endif` (conditions `a == b`, `a != b`, `a contains b`, a
//!   bare value, joined by `and` / `or`, which Liquid evaluates from the right without
//!   precedence), `for x in path` / `endfor`, `assign x = expression | filters`, and
//!   `capture x` / `endcapture`;
//! - whitespace control: `{%-`, `-%}`, `{{-` and `-}}` trim the whitespace beside them.
//!
//! Rendering has a budget (output and loop steps), so that a template cannot expand without end.
//!
//! [`render_in`] keeps what a page's templates assign or capture for its later ones, and lists
//! the outputs that rendered `nil` ([`PageScope`]).
//!
//! Truth is Liquid's: only `false` and `nil` are false. A rendered value is its text: a string
//! as it is, a number or boolean as JSON writes it, `nil` as nothing, a list as its items' texts
//! joined; an object cannot be rendered.

use serde_json::{Map, Value};

/// A template the subset cannot evaluate, at a byte offset of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidError {
    /// Where, in bytes from the template's start.
    pub offset: usize,
    /// What, in words.
    pub problem: String,
}

impl std::fmt::Display for LiquidError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.problem)
    }
}

/// The most nodes a render may run (a loop's body counts once per item).
const MAX_STEPS: usize = 1_000_000;

/// The longest text a render may write (or capture).
const MAX_OUTPUT: usize = 1 << 20;

/// How deep `if`, `for` and `capture` blocks may nest.
const MAX_NESTING: usize = 64;

/// How deep `flatify` may render templates inside data (a string that renders itself would
/// otherwise never end).
const MAX_DEPTH: usize = 16;

/// Renders `template` with the variables of `context` (a JSON object).
///
/// # Errors
/// Syntax the subset does not take, an unknown tag or filter, a variable `context` lacks, or a
/// value that cannot be rendered; at the offset of the construct.
pub fn render(template: &str, context: &Value) -> Result<String, LiquidError> {
    render_in(template, context, &mut PageScope::default())
}

/// What the templates of one page share as they are rendered in turn.
#[derive(Debug, Clone, Default)]
pub struct PageScope {
    /// What earlier templates assigned or captured (Liquid's variables live for the whole
    /// page).
    pub locals: Map<String, Value>,
    /// Each output (`{{ … }}`) that rendered as nothing because its value was `nil`, as
    /// written: the caller reports those no decision accounts for.
    pub nil_outputs: Vec<String>,
}

/// Renders `template` as [`render`], with `scope` holding what earlier templates of the same
/// page set, and keeping what this one sets (unless it fails: then `scope` is as it was).
///
/// # Errors
/// As [`render`].
pub fn render_in(
    template: &str,
    context: &Value,
    scope: &mut PageScope,
) -> Result<String, LiquidError> {
    let nodes = parse(template)?;
    let mut run = Scope {
        context,
        locals: scope.locals.clone(),
        depth: 0,
        steps: MAX_STEPS,
        missing_is_nil: false,
        nil_outputs: Vec::new(),
    };
    let mut out = String::new();
    run.run(&nodes, &mut out)?;
    scope.locals = run.locals;
    scope.nil_outputs.extend(run.nil_outputs);
    Ok(out)
}

/// Evaluates one expression (`value | filter: argument`, the inside of `{{ }}`) with the
/// variables of `context`, keeping its JSON type.
///
/// # Errors
/// As [`render`], at an offset within `expression`.
pub fn evaluate(expression: &str, context: &Value) -> Result<Value, LiquidError> {
    evaluate_with(expression, context, false)
}

/// As [`evaluate`], but a key an object lacks reads as `nil`, as Liquid reads it (a variable
/// the context lacks altogether is still an error): for values that some contexts hold and
/// others do not.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_or_nil(expression: &str, context: &Value) -> Result<Value, LiquidError> {
    evaluate_with(expression, context, true)
}

fn evaluate_with(
    expression: &str,
    context: &Value,
    missing_is_nil: bool,
) -> Result<Value, LiquidError> {
    // Checked as the output it is; offsets are the expression's (the wrapper is 3 bytes).
    check_nodes(&parse(&format!("{{{{ {expression} }}}}")).map_err(unwrap_offset)?)
        .map_err(unwrap_offset)?;
    let mut scope = Scope {
        context,
        locals: Map::new(),
        depth: 0,
        steps: MAX_STEPS,
        missing_is_nil,
        nil_outputs: Vec::new(),
    };
    scope.expression(expression, 0)
}

fn unwrap_offset(error: LiquidError) -> LiquidError {
    LiquidError {
        offset: error.offset.saturating_sub(3),
        ..error
    }
}

/// The filters the subset evaluates.
const FILTERS: &[&str] = &[
    "append",
    "prepend",
    "upcase",
    "downcase",
    "remove",
    "replace",
    "strip_newlines",
    "flatify",
    "where",
    "first",
    "json",
];

/// Checks that `template` is within the subset everywhere, in branches a render would not take
/// too: its tags, filters and condition operators.
///
/// # Errors
/// The first construct outside the subset, at its offset.
pub fn check(template: &str) -> Result<(), LiquidError> {
    check_nodes(&parse(template)?)
}

fn check_nodes(nodes: &[Node]) -> Result<(), LiquidError> {
    let filters = |expression: &str, offset: usize| {
        for filter in &split_outside_quotes(expression, '|')[1..] {
            let name = filter.split_once(':').map_or(*filter, |(n, _)| n).trim();
            if !FILTERS.contains(&name) {
                return Err(LiquidError {
                    offset,
                    problem: format!("the filter `{name}` is not in the supported subset"),
                });
            }
        }
        Ok(())
    };
    for node in nodes {
        match node {
            Node::Text(_) => {}
            Node::Output { offset, expression }
            | Node::Assign {
                offset, expression, ..
            } => filters(expression, *offset)?,
            Node::For { body, .. } | Node::Capture { body, .. } => check_nodes(body)?,
            Node::If {
                branches,
                otherwise,
            } => {
                for (condition, offset, body) in branches {
                    let words = split_outside_quotes(condition, ' ');
                    for pair in words.windows(3) {
                        let operator = pair[1];
                        let known = ["==", "!=", "contains", "and", "or"];
                        let looks_like_operator =
                            !operator.is_empty() && operator.chars().all(|c| "=!<>".contains(c));
                        if looks_like_operator && !known.contains(&operator) {
                            return Err(LiquidError {
                                offset: *offset,
                                problem: format!(
                                    "the operator `{operator}` is not in the supported subset"
                                ),
                            });
                        }
                    }
                    check_nodes(body)?;
                }
                check_nodes(otherwise)?;
            }
        }
    }
    Ok(())
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Output {
        offset: usize,
        expression: String,
    },
    If {
        /// (condition, offset, body) for `if` and each `elsif`.
        branches: Vec<(String, usize, Vec<Node>)>,
        otherwise: Vec<Node>,
    },
    For {
        offset: usize,
        variable: String,
        source: String,
        body: Vec<Node>,
    },
    Assign {
        offset: usize,
        variable: String,
        expression: String,
    },
    Capture {
        variable: String,
        body: Vec<Node>,
    },
}

/// A token of the template: text, an output, or a tag with its words.
#[derive(Debug)]
enum Token {
    Text(String),
    Output(usize, String),
    Tag(usize, String),
}

fn tokenize(template: &str) -> Result<Vec<Token>, LiquidError> {
    let mut tokens = Vec::new();
    let mut rest = 0;
    let mut trim_next = false;
    while rest < template.len() {
        let next = [template[rest..].find("{{"), template[rest..].find("{%")]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next.map(|n| rest + n) else {
            push_text(&mut tokens, &template[rest..], trim_next, false);
            break;
        };
        let output = template[start..].starts_with("{{");
        let close = if output { "}}" } else { "%}" };
        let Some(end) = template[start + 2..].find(close).map(|n| start + 2 + n) else {
            return Err(LiquidError {
                offset: start,
                problem: format!("`{}` without its `{close}`", &template[start..start + 2]),
            });
        };
        let inner = &template[start + 2..end];
        let trim_before = inner.starts_with('-');
        let trim_after = inner.ends_with('-');
        push_text(&mut tokens, &template[rest..start], trim_next, trim_before);
        let inner = inner
            .strip_prefix('-')
            .unwrap_or(inner)
            .strip_suffix('-')
            .unwrap_or(inner.strip_prefix('-').unwrap_or(inner))
            .trim()
            .to_owned();
        tokens.push(if output {
            Token::Output(start, inner)
        } else {
            Token::Tag(start, inner)
        });
        trim_next = trim_after;
        rest = end + 2;
    }
    Ok(tokens)
}

fn push_text(tokens: &mut Vec<Token>, text: &str, trim_start: bool, trim_end: bool) {
    let text = if trim_start { text.trim_start() } else { text };
    let text = if trim_end { text.trim_end() } else { text };
    if !text.is_empty() {
        tokens.push(Token::Text(text.to_owned()));
    }
}

fn parse(template: &str) -> Result<Vec<Node>, LiquidError> {
    let tokens = tokenize(template)?;
    // Blocks nest by recursion: bound the depth before parsing.
    let mut depth = 0usize;
    for token in &tokens {
        if let Token::Tag(offset, tag) = token {
            let name = tag.split_whitespace().next().unwrap_or_default();
            match name {
                "if" | "for" | "capture" => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Err(LiquidError {
                            offset: *offset,
                            problem: format!("blocks nested deeper than {MAX_NESTING}"),
                        });
                    }
                }
                "endif" | "endfor" | "endcapture" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    let mut at = 0;
    let (nodes, end) = block(&tokens, &mut at, &[])?;
    match end {
        None => Ok(nodes),
        Some((offset, tag)) => Err(LiquidError {
            offset,
            problem: format!("`{tag}` closes nothing"),
        }),
    }
}

/// A tag that ends a block: its offset and its text.
type EndTag = (usize, String);

/// The nodes up to one of the tags in `ends` (returned with its offset), or to the end.
fn block(
    tokens: &[Token],
    at: &mut usize,
    ends: &[&str],
) -> Result<(Vec<Node>, Option<EndTag>), LiquidError> {
    let mut nodes = Vec::new();
    while let Some(token) = tokens.get(*at) {
        *at += 1;
        match token {
            Token::Text(text) => nodes.push(Node::Text(text.clone())),
            Token::Output(offset, expression) => nodes.push(Node::Output {
                offset: *offset,
                expression: expression.clone(),
            }),
            Token::Tag(offset, tag) => {
                let (name, args) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
                let args = args.trim();
                if ends.contains(&name) {
                    return Ok((nodes, Some((*offset, tag.clone()))));
                }
                let offset = *offset;
                nodes.push(match name {
                    "if" => if_node(tokens, at, offset, args)?,
                    "for" => {
                        let (variable, source) = args
                            .split_once(" in ")
                            .map(|(v, s)| (v.trim(), s.trim()))
                            .filter(|(v, s)| is_name(v) && !s.is_empty())
                            .ok_or_else(|| LiquidError {
                                offset,
                                problem: format!("`for {args}`: expected `for name in path`"),
                            })?;
                        let body = closed(tokens, at, offset, "for", "endfor")?;
                        Node::For {
                            offset,
                            variable: variable.to_owned(),
                            source: source.to_owned(),
                            body,
                        }
                    }
                    "assign" => {
                        let (variable, expression) = args
                            .split_once('=')
                            .map(|(v, e)| (v.trim(), e.trim()))
                            .filter(|(v, e)| is_name(v) && !e.is_empty())
                            .ok_or_else(|| LiquidError {
                                offset,
                                problem: format!("`assign {args}`: expected `assign name = value`"),
                            })?;
                        Node::Assign {
                            offset,
                            variable: variable.to_owned(),
                            expression: expression.to_owned(),
                        }
                    }
                    "endif" | "endfor" | "endcapture" | "elsif" | "else" => {
                        return Err(LiquidError {
                            offset,
                            problem: format!("`{tag}` closes nothing"),
                        });
                    }
                    "capture" if is_name(args) => Node::Capture {
                        variable: args.to_owned(),
                        body: closed(tokens, at, offset, "capture", "endcapture")?,
                    },
                    _ => {
                        return Err(LiquidError {
                            offset,
                            problem: format!("the tag `{tag}` is not in the supported subset"),
                        });
                    }
                });
            }
        }
    }
    Ok((nodes, None))
}

/// The body of a block tag up to its `end` tag.
fn closed(
    tokens: &[Token],
    at: &mut usize,
    offset: usize,
    open: &str,
    end: &str,
) -> Result<Vec<Node>, LiquidError> {
    match block(tokens, at, &[end])? {
        (body, Some(_)) => Ok(body),
        (_, None) => Err(LiquidError {
            offset,
            problem: format!("`{open}` without its `{end}`"),
        }),
    }
}

fn if_node(
    tokens: &[Token],
    at: &mut usize,
    offset: usize,
    condition: &str,
) -> Result<Node, LiquidError> {
    let mut branches = Vec::new();
    let mut condition = (condition.to_owned(), offset);
    loop {
        let (body, end) = block(tokens, at, &["elsif", "else", "endif"])?;
        let Some((end_offset, tag)) = end else {
            return Err(LiquidError {
                offset,
                problem: "`if` without its `endif`".to_owned(),
            });
        };
        branches.push((condition.0.clone(), condition.1, body));
        let (name, args) = tag.split_once(char::is_whitespace).unwrap_or((&tag, ""));
        match name {
            "elsif" => condition = (args.trim().to_owned(), end_offset),
            "else" => {
                let otherwise = closed(tokens, at, offset, "if", "endif")?;
                return Ok(Node::If {
                    branches,
                    otherwise,
                });
            }
            _ => {
                return Ok(Node::If {
                    branches,
                    otherwise: Vec::new(),
                });
            }
        }
    }
}

/// One step of a variable path.
enum Segment<'t> {
    /// `name` or `.name`.
    Name(&'t str),
    /// `[expression]`: the key is the expression's value.
    Index(&'t str),
}

/// Splits `a.b[c.d]e` into its segments (Liquid reads a name right after `]` as a further
/// key); `None` for anything else.
fn path_segments(path: &str) -> Option<Vec<Segment<'_>>> {
    #[derive(PartialEq)]
    enum After {
        Start,
        Name,
        Index,
        Dot,
    }
    let mut segments = Vec::new();
    let mut rest = path;
    let mut after = After::Start;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            if !matches!(after, After::Name | After::Index) {
                return None;
            }
            segments.push(Segment::Index(&inner[..end]));
            rest = &inner[end + 1..];
            after = After::Index;
        } else if let Some(tail) = rest.strip_prefix('.') {
            if !matches!(after, After::Name | After::Index) {
                return None;
            }
            rest = tail;
            after = After::Dot;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let name = &rest[..end];
            if after == After::Name || !is_name(name) {
                return None;
            }
            segments.push(Segment::Name(name));
            rest = &rest[end..];
            after = After::Name;
        }
    }
    matches!(after, After::Name | After::Index).then_some(segments)
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The variables in force: the context, and what `assign`, `capture` and `for` set.
struct Scope<'a> {
    context: &'a Value,
    locals: Map<String, Value>,
    depth: usize,
    /// Nodes left to run.
    steps: usize,
    /// Whether a key an object lacks reads as `nil` (Liquid's own rule) instead of an error.
    missing_is_nil: bool,
    /// The outputs that rendered `nil`.
    nil_outputs: Vec<String>,
}

impl Scope<'_> {
    fn run(&mut self, nodes: &[Node], out: &mut String) -> Result<(), LiquidError> {
        for node in nodes {
            self.steps = self.steps.checked_sub(1).ok_or_else(|| LiquidError {
                offset: node_offset(node),
                problem: format!("the render ran more than {MAX_STEPS} steps"),
            })?;
            if out.len() > MAX_OUTPUT {
                return Err(LiquidError {
                    offset: node_offset(node),
                    problem: format!("the render wrote more than {MAX_OUTPUT} bytes"),
                });
            }
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Output { offset, expression } => {
                    let value = self.expression(expression, *offset)?;
                    if value.is_null() {
                        self.nil_outputs.push(expression.trim().to_owned());
                    }
                    write_value(&value, *offset, out)?;
                }
                Node::If {
                    branches,
                    otherwise,
                } => {
                    let mut taken = None;
                    for (condition, offset, body) in branches {
                        if self.condition(condition, *offset)? {
                            taken = Some(body);
                            break;
                        }
                    }
                    self.run(taken.unwrap_or(otherwise), out)?;
                }
                Node::For {
                    offset,
                    variable,
                    source,
                    body,
                } => {
                    let items = match self.expression(source, *offset)? {
                        Value::Array(items) => items,
                        Value::Null => Vec::new(),
                        other => {
                            return Err(LiquidError {
                                offset: *offset,
                                problem: format!("`{source}` is not a list: {other}"),
                            });
                        }
                    };
                    let saved = self.locals.get(variable).cloned();
                    for item in items {
                        self.locals.insert(variable.clone(), item);
                        self.run(body, out)?;
                    }
                    match saved {
                        Some(value) => self.locals.insert(variable.clone(), value),
                        None => self.locals.remove(variable),
                    };
                }
                Node::Assign {
                    offset,
                    variable,
                    expression,
                } => {
                    let value = self.expression(expression, *offset)?;
                    self.locals.insert(variable.clone(), value);
                }
                Node::Capture { variable, body } => {
                    let mut captured = String::new();
                    self.run(body, &mut captured)?;
                    self.locals
                        .insert(variable.clone(), Value::String(captured));
                }
            }
        }
        Ok(())
    }

    /// `value | filter: arg, arg | …`.
    fn expression(&mut self, text: &str, offset: usize) -> Result<Value, LiquidError> {
        let parts = split_outside_quotes(text, '|');
        let mut value = self.operand(parts[0].trim(), offset)?;
        for filter in &parts[1..] {
            let (name, args) = filter.split_once(':').unwrap_or((filter, ""));
            let args: Vec<Value> = if args.trim().is_empty() {
                Vec::new()
            } else {
                split_outside_quotes(args, ',')
                    .iter()
                    .map(|arg| self.operand(arg.trim(), offset))
                    .collect::<Result<_, _>>()?
            };
            value = self.filter(name.trim(), value, &args, offset)?;
        }
        Ok(value)
    }

    fn operand(&self, text: &str, offset: usize) -> Result<Value, LiquidError> {
        let quoted = |q: char| {
            text.strip_prefix(q)
                .and_then(|t| t.strip_suffix(q))
                .filter(|_| text.len() >= 2)
        };
        if let Some(inner) = quoted('"').or_else(|| quoted('\'')) {
            return Ok(Value::String(inner.to_owned()));
        }
        match text {
            "true" => return Ok(Value::Bool(true)),
            "false" => return Ok(Value::Bool(false)),
            "nil" | "null" => return Ok(Value::Null),
            "" => {
                return Err(LiquidError {
                    offset,
                    problem: "an empty expression".to_owned(),
                });
            }
            _ => {}
        }
        if let Ok(number) = text.parse::<i64>() {
            return Ok(Value::from(number));
        }
        if text.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            && let Some(number) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        {
            return Ok(Value::Number(number));
        }
        self.lookup(text, offset)
    }

    /// A variable path: its first name in the locals, else in the context; each further
    /// segment (`.name`, or `[expression]` whose value is the key) a key of the object before
    /// it. `nil` has every key, valued `nil`, as in Liquid: a context that sets a variable to
    /// `nil` says the variable renders as nothing, whatever is read through it. A key an object
    /// lacks is an error.
    fn lookup(&self, path: &str, offset: usize) -> Result<Value, LiquidError> {
        let not_read = || LiquidError {
            offset,
            problem: format!("`{path}` is not a value the subset reads"),
        };
        let segments = path_segments(path).ok_or_else(not_read)?;
        let Some((Segment::Name(first), rest)) = segments.split_first() else {
            return Err(not_read());
        };
        let mut value = match self.locals.get(*first).or_else(|| self.context.get(*first)) {
            Some(value) => value,
            None => {
                return Err(LiquidError {
                    offset,
                    problem: format!("the variable `{first}` is not defined"),
                });
            }
        };
        let mut walked = (*first).to_owned();
        for segment in rest {
            // An index is evaluated even through nil, so that a variable it lacks is an error
            // wherever it stands.
            let key = match segment {
                Segment::Name(name) => Value::String((*name).to_owned()),
                Segment::Index(inner) => self.operand(inner.trim(), offset)?,
            };
            if value.is_null() {
                continue;
            }
            let next = match (&key, value) {
                (Value::String(name), Value::Object(map)) => map.get(name),
                (Value::Number(n), Value::Array(items)) => n
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .and_then(|i| items.get(i)),
                _ => None,
            };
            let shown = match &key {
                Value::String(name) => name.clone(),
                other => other.to_string(),
            };
            value = match next {
                Some(next) => next,
                None if self.missing_is_nil && value.is_object() => &Value::Null,
                None => {
                    return Err(LiquidError {
                        offset,
                        problem: format!("`{walked}` has no `{shown}`"),
                    });
                }
            };
            walked.push('.');
            walked.push_str(&shown);
        }
        Ok(value.clone())
    }

    fn condition(&mut self, text: &str, offset: usize) -> Result<bool, LiquidError> {
        // Liquid reads joined conditions from the right, without precedence: `a or b and c` is
        // `a or (b and c)`. Each comparison is evaluated (no short cut), so that a variable the
        // context lacks is an error in any position.
        let words: Vec<&str> = split_outside_quotes(text, ' ')
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect();
        let mut parts: Vec<&[&str]> = Vec::new();
        let mut joiners: Vec<&str> = Vec::new();
        let mut start = 0;
        for (index, word) in words.iter().enumerate() {
            if *word == "and" || *word == "or" {
                parts.push(&words[start..index]);
                joiners.push(word);
                start = index + 1;
            }
        }
        parts.push(&words[start..]);
        let mut values = Vec::with_capacity(parts.len());
        for part in parts {
            values.push(self.comparison(part, text, offset)?);
        }
        let mut result = values.pop().unwrap_or(false);
        while let (Some(left), Some(joiner)) = (values.pop(), joiners.pop()) {
            result = if joiner == "and" {
                left && result
            } else {
                left || result
            };
        }
        Ok(result)
    }

    /// One comparison of a condition: `a`, or `a == b`, `a != b`, `a contains b`.
    fn comparison(&self, words: &[&str], text: &str, offset: usize) -> Result<bool, LiquidError> {
        match words {
            [single] => Ok(truthy(&self.operand(single, offset)?)),
            [left, operator, right] => {
                let left = self.operand(left, offset)?;
                let right = self.operand(right, offset)?;
                match *operator {
                    "==" => Ok(left == right),
                    "!=" => Ok(left != right),
                    "contains" => Ok(match (&left, &right) {
                        (Value::String(haystack), Value::String(needle)) => {
                            haystack.contains(needle.as_str())
                        }
                        (Value::Array(items), needle) => items.contains(needle),
                        _ => false,
                    }),
                    other => Err(LiquidError {
                        offset,
                        problem: format!("the operator `{other}` is not in the supported subset"),
                    }),
                }
            }
            _ => Err(LiquidError {
                offset,
                problem: format!("`{text}` is not a condition the subset reads"),
            }),
        }
    }

    fn filter(
        &mut self,
        name: &str,
        value: Value,
        args: &[Value],
        offset: usize,
    ) -> Result<Value, LiquidError> {
        let text = |value: &Value| -> Result<String, LiquidError> {
            let mut out = String::new();
            write_value(value, offset, &mut out)?;
            Ok(out)
        };
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(LiquidError {
                    offset,
                    problem: format!("`{name}` takes {n} argument(s), found {}", args.len()),
                })
            }
        };
        Ok(match name {
            "append" => {
                arity(1)?;
                Value::String(text(&value)? + &text(&args[0])?)
            }
            "prepend" => {
                arity(1)?;
                Value::String(text(&args[0])? + &text(&value)?)
            }
            "upcase" => {
                arity(0)?;
                Value::String(text(&value)?.to_uppercase())
            }
            "downcase" => {
                arity(0)?;
                Value::String(text(&value)?.to_lowercase())
            }
            "remove" => {
                arity(1)?;
                Value::String(text(&value)?.replace(&text(&args[0])?, ""))
            }
            "replace" => {
                arity(2)?;
                Value::String(text(&value)?.replace(&text(&args[0])?, &text(&args[1])?))
            }
            "strip_newlines" => {
                arity(0)?;
                Value::String(text(&value)?.replace(['\r', '\n'], ""))
            }
            "flatify" => {
                arity(0)?;
                if self.depth >= MAX_DEPTH {
                    return Err(LiquidError {
                        offset,
                        problem: format!("`flatify` nested deeper than {MAX_DEPTH}"),
                    });
                }
                let template = text(&value)?;
                let nodes = parse(&template).map_err(|inner| LiquidError {
                    offset,
                    problem: format!("in the text `flatify` renders, {inner}"),
                })?;
                let mut inner = Scope {
                    context: self.context,
                    locals: self.locals.clone(),
                    depth: self.depth + 1,
                    steps: self.steps,
                    missing_is_nil: self.missing_is_nil,
                    nil_outputs: Vec::new(),
                };
                let mut out = String::new();
                let ran = inner.run(&nodes, &mut out);
                self.steps = inner.steps;
                self.nil_outputs.append(&mut inner.nil_outputs);
                ran.map_err(|inner| LiquidError {
                    offset,
                    problem: format!("in the text `flatify` renders, {inner}"),
                })?;
                Value::String(out)
            }
            "where" => {
                arity(2)?;
                let key = text(&args[0])?;
                match value {
                    Value::Array(items) => {
                        let wanted = text(&args[1])?;
                        let mut kept = Vec::new();
                        for item in items {
                            // As Jekyll compares: the texts (`"3306"` matches 3306).
                            let matches = match item.get(&key) {
                                Some(found) => text(found)? == wanted,
                                None => false,
                            };
                            if matches {
                                kept.push(item);
                            }
                        }
                        Value::Array(kept)
                    }
                    Value::Null => Value::Array(Vec::new()),
                    other => {
                        return Err(LiquidError {
                            offset,
                            problem: format!("`where` needs a list, found {other}"),
                        });
                    }
                }
            }
            // The site turns Markdown into HTML; rendered texts stay Markdown here (rustdoc
            // renders them), so the text is kept as it is.
            "markdownify" => {
                arity(0)?;
                Value::String(text(&value)?)
            }
            "strip" | "lstrip" | "rstrip" => {
                arity(0)?;
                let whole = text(&value)?;
                Value::String(
                    match name {
                        "strip" => whole.trim(),
                        "lstrip" => whole.trim_start(),
                        _ => whole.trim_end(),
                    }
                    .to_owned(),
                )
            }
            "sort" => {
                // Jekyll's `sort` (with a key: by that key of each item); items without the
                // key, or nil, come first; numbers by value, anything else by its text.
                if args.len() > 1 {
                    arity(1)?;
                }
                let key = args.first().map(&text).transpose()?;
                let Value::Array(items) = value else {
                    return Err(LiquidError {
                        offset,
                        problem: format!("`sort` needs a list, found {value}"),
                    });
                };
                let mut keyed = Vec::with_capacity(items.len());
                for item in items {
                    let sort_key = match &key {
                        Some(key) => item.get(key).cloned().unwrap_or(Value::Null),
                        None => item.clone(),
                    };
                    let sort_key = match sort_key {
                        Value::Null => (0, 0.0, String::new()),
                        Value::Number(n) => (1, n.as_f64().unwrap_or(0.0), String::new()),
                        other => (2, 0.0, text(&other)?),
                    };
                    keyed.push((sort_key, item));
                }
                keyed.sort_by(|(a, _), (b, _)| {
                    a.0.cmp(&b.0)
                        .then(a.1.total_cmp(&b.1))
                        .then_with(|| a.2.cmp(&b.2))
                });
                Value::Array(keyed.into_iter().map(|(_, item)| item).collect())
            }
            "first" => {
                arity(0)?;
                match value {
                    Value::Array(items) => items.into_iter().next().unwrap_or(Value::Null),
                    _ => Value::Null,
                }
            }
            "json" => {
                arity(0)?;
                Value::String(value.to_string())
            }
            other => {
                return Err(LiquidError {
                    offset,
                    problem: format!("the filter `{other}` is not in the supported subset"),
                });
            }
        })
    }
}

/// Where a node starts, for errors about it (text has no tag of its own: 0).
fn node_offset(node: &Node) -> usize {
    match node {
        Node::Output { offset, .. } | Node::For { offset, .. } | Node::Assign { offset, .. } => {
            *offset
        }
        Node::If { branches, .. } => branches.first().map_or(0, |(_, offset, _)| *offset),
        Node::Text(_) | Node::Capture { .. } => 0,
    }
}

fn truthy(value: &Value) -> bool {
    !matches!(value, Value::Null | Value::Bool(false))
}

fn write_value(value: &Value, offset: usize, out: &mut String) -> Result<(), LiquidError> {
    match value {
        Value::Null => {}
        Value::String(text) => out.push_str(text),
        Value::Bool(_) | Value::Number(_) => out.push_str(&value.to_string()),
        Value::Array(items) => {
            for item in items {
                write_value(item, offset, out)?;
            }
        }
        Value::Object(_) => {
            return Err(LiquidError {
                offset,
                problem: "an object cannot be rendered as text".to_owned(),
            });
        }
    }
    Ok(())
}

/// `text` split at `separator`s that stand outside quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c == separator => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use serde_json::json;

    use super::render;

    fn context() -> serde_json::Value {
        json!({
            "form-property": {"display-name": "Big Shop", "source-type": "database",
                              "api-type": "platform.hp-mysql"},
            "doc-link": "/integrations/shop",
            "port": 3306,
            "cron-scheduling": false,
            "link": null,
            "site": {"baseurl": "/docs", "data": {"links": {"mysql": {"guide": "/g"}}, "common": {
                "callout": "See [the guide]({{ doc-link | prepend: site.baseurl }}).",
                "loop": "{{ site.data.common.loop | flatify }}",
                "regions": [{"id": "us", "name": "US"}, {"id": "eu", "name": "EU"}]
            }}}
        })
    }

    fn ok(template: &str) -> String {
        render(template, &context()).unwrap_or_else(|e| panic!("{template}: {e}"))
    }

    fn err(template: &str) -> (usize, String) {
        let e = render(template, &context()).unwrap_err();
        (e.offset, e.problem)
    }

    #[test]
    fn sort_strip_and_markdownify() {
        let context = json!({
            "pages": [{"t": "b", "n": 2}, {"t": "a"}, {"t": "c", "n": 1}],
            "text": "  *x*  "
        });
        let run = |t: &str| render(t, &context).unwrap();
        // By a key: items without it first, numbers by value.
        assert_eq!(
            run("{% assign s = pages | sort: 'n' %}{% for p in s %}{{ p.t }}{% endfor %}"),
            "acb"
        );
        assert_eq!(
            run("{% assign s = pages | sort: 't' %}{% for p in s %}{{ p.t }}{% endfor %}"),
            "abc"
        );
        assert_eq!(run("[{{ text | strip }}]"), "[*x*]");
        assert_eq!(run("[{{ text | lstrip }}]"), "[*x*  ]");
        assert_eq!(run("[{{ text | rstrip }}]"), "[  *x*]");
        assert_eq!(run("{{ text | markdownify }}"), "  *x*  ");
        assert!(render("{{ text | sort }}", &context).is_err());
    }

    #[test]
    fn outputs_and_filters() {
        assert_eq!(
            ok("From {{ form-property.display-name }}."),
            "From Big Shop."
        );
        assert_eq!(
            ok(r#"{{ form-property.display-name | upcase | replace: " ","_" }}"#),
            "BIG_SHOP"
        );
        assert_eq!(
            ok("{{ form-property.display-name | downcase }}"),
            "big shop"
        );
        assert_eq!(
            ok(r##"{{ doc-link | append: "#setup" }}"##),
            "/integrations/shop#setup"
        );
        assert_eq!(
            ok(r##"{{ doc-link | append:"#a" }}"##),
            "/integrations/shop#a"
        );
        assert_eq!(
            ok("{{ doc-link | prepend: site.baseurl }}"),
            "/docs/integrations/shop"
        );
        assert_eq!(
            ok(r#"{{ "1 hour minutes" | remove: " " | remove: "minutes" }}"#),
            "1hour"
        );
        assert_eq!(ok("`{{ port }}`"), "`3306`");
        assert_eq!(ok("{{ \"a\nb\" | strip_newlines }}"), "ab");
        assert_eq!(
            ok("{{ site.data.common.regions | first | json }}"),
            r#"{"id":"us","name":"US"}"#
        );
        assert_eq!(
            ok(r#"{{ site.data.common.regions | where: "id", "eu" | first | json }}"#),
            r#"{"id":"eu","name":"EU"}"#
        );
    }

    #[test]
    fn evaluate_keeps_the_type() {
        assert_eq!(super::evaluate("port", &context()).unwrap(), json!(3306));
        assert_eq!(
            super::evaluate("cron-scheduling", &context()).unwrap(),
            json!(false)
        );
        assert_eq!(
            super::evaluate("doc-link | append: \"#a\"", &context()).unwrap(),
            json!("/integrations/shop#a")
        );
        assert!(super::evaluate("nope", &context()).is_err());
        assert!(super::evaluate("form-property.port", &context()).is_err());
        assert_eq!(
            super::evaluate_or_nil("form-property.port", &context()).unwrap(),
            json!(null)
        );
        assert!(super::evaluate_or_nil("nope", &context()).is_err());
        // Offsets are the expression's own.
        assert_eq!(
            super::evaluate("port | shout", &context())
                .unwrap_err()
                .offset,
            0
        );
    }

    #[test]
    fn bracketed_keys_and_nil_read_through() {
        assert_eq!(ok(r#"{{ site.data.links["mysql"].guide }}"#), "/g");
        assert_eq!(ok(r#"{{ site.data.links['mysql']guide }}"#), "/g");
        assert_eq!(
            ok(r#"{% assign db = "mysql" %}{{ site.data.links[db].guide }}"#),
            "/g"
        );
        // `link` is nil: any path through it is nil, and `prepend` works on nothing.
        assert_eq!(
            ok("[x]({{ link.a.b-c | prepend: site.baseurl }})"),
            "[x](/docs)"
        );
        assert!(
            err("{{ site.data.links.oracle }}")
                .1
                .contains("has no `oracle`")
        );
        for bad in [
            "{{ a..b }}",
            "{{ .a }}",
            "{{ a. }}",
            "{{ a[b }}",
            "{{ [a] }}",
            "{{ a b }}",
        ] {
            assert!(render(bad, &context()).is_err(), "{bad}");
        }
    }

    #[test]
    fn flatify_renders_the_template_a_string_holds() {
        assert_eq!(
            ok("{{ site.data.common.callout | flatify }}"),
            "See [the guide](/docs/integrations/shop)."
        );
        let (offset, problem) = err("x {{ site.data.common.loop | flatify }}");
        assert_eq!(offset, 2);
        assert!(problem.contains("nested deeper than 16"), "{problem}");
    }

    #[test]
    fn conditions_loops_assign_and_capture() {
        let t = r#"{% if form-property.api-type == "platform.hp-mysql" %}dbname{% else %}database{% endif %}"#;
        assert_eq!(ok(t), "dbname");
        assert_eq!(
            ok(
                r#"{% if form-property.source-type == "saas" %}a{% elsif port == 3306 %}b{% endif %}"#
            ),
            "b"
        );
        assert_eq!(
            ok("{% if cron-scheduling == false %}no cron{% endif %}"),
            "no cron"
        );
        assert_eq!(ok("{% if cron-scheduling %}cron{% endif %}"), "");
        // From the right: false or (true and true).
        assert_eq!(
            ok("{% if cron-scheduling or port and doc-link %}y{% endif %}"),
            "y"
        );
        assert_eq!(ok(r#"{% if doc-link contains "shop" %}y{% endif %}"#), "y");
        assert_eq!(
            ok("{% for r in site.data.common.regions %}- {{ r.name }}\n{% endfor %}"),
            "- US\n- EU\n"
        );
        assert_eq!(
            ok(r#"{% assign x = form-property.display-name | upcase %}{{ x }}"#),
            "BIG SHOP"
        );
        assert_eq!(
            ok("{% capture c %}[{{ port }}]{% endcapture %}{{ c }}{{ c }}"),
            "[3306][3306]"
        );
        assert_eq!(ok("a  {%- if true -%}  b  {%- endif -%}  c"), "abc");
    }

    #[test]
    fn what_the_subset_cannot_evaluate_is_an_error_at_its_offset() {
        assert_eq!(
            err("ab {{ nothing }}"),
            (3, "the variable `nothing` is not defined".to_owned())
        );
        assert_eq!(
            err("{{ form-property.oauth-link }}"),
            (0, "`form-property` has no `oauth-link`".to_owned())
        );
        assert_eq!(
            err("x{{ port | slugify }}").1,
            "the filter `slugify` is not in the supported subset"
        );
        assert_eq!(
            err("{% include x.html %}").1,
            "the tag `include x.html` is not in the supported subset"
        );
        assert_eq!(err("{% if port %}x").1, "`if` without its `endif`");
        assert_eq!(
            err("x {% endif %}"),
            (2, "`endif` closes nothing".to_owned())
        );
        assert_eq!(err("x {{ port"), (2, "`{{` without its `}}`".to_owned()));
        assert_eq!(
            err("{{ site.data }}").1,
            "an object cannot be rendered as text"
        );
        assert_eq!(
            err("{% if port > 1 %}x{% endif %}").1,
            "the operator `>` is not in the supported subset"
        );
        assert_eq!(
            err("{{ doc-link | append }}").1,
            "`append` takes 1 argument(s), found 0"
        );
    }

    #[test]
    fn check_looks_into_branches_a_render_would_skip() {
        use super::check;
        check("{% if a %}{{ b | upcase }}{% else %}{% for x in y %}{{ x }}{% endfor %}{% endif %}")
            .unwrap();
        let e = check("{% if false %}{{ b | markdownify }}{% endif %}").unwrap_err();
        assert_eq!(
            e.problem,
            "the filter `markdownify` is not in the supported subset"
        );
        let e = check("x {% if a >= 1 %}y{% endif %}").unwrap_err();
        assert_eq!(
            (e.offset, e.problem.as_str()),
            (2, "the operator `>=` is not in the supported subset")
        );
        assert!(check("{% unless a %}{% endunless %}").is_err());
    }

    #[test]
    fn joined_conditions_read_from_the_right() {
        // Liquid's documented example: `true or false and false` is `true or (false and false)`.
        assert_eq!(
            ok("{% if true or false and false %}y{% else %}n{% endif %}"),
            "y"
        );
        assert_eq!(
            ok("{% if false and false or true %}y{% else %}n{% endif %}"),
            "n"
        );
        // Every comparison is evaluated: an undefined variable is an error even after `or`.
        assert!(render("{% if true or nothing %}y{% endif %}", &context()).is_err());
    }

    #[test]
    fn where_compares_texts_and_numbers_read_with_fractions() {
        let context = serde_json::json!({"list": [{"port": 3306}, {"port": "5432"}]});
        let out = render(
            r#"{{ list | where: "port", "3306" | first | json }}|{{ list | where: "port", 5432 | json }}"#,
            &context,
        )
        .unwrap();
        assert_eq!(out, r#"{"port":3306}|[{"port":"5432"}]"#);
        assert_eq!(ok("{{ 1.5 }}"), "1.5");
        assert_eq!(ok("{{ \"abc\" | first }}"), "");
    }

    #[test]
    fn a_render_that_would_not_end_stops_with_an_error() {
        let loops = format!(
            "{}x{}",
            "{% for a in site.data.common.regions %}".repeat(40),
            "{% endfor %}".repeat(40)
        );
        let e = render(&loops, &context()).unwrap_err();
        assert!(e.problem.contains("steps"), "{e}");
        let doubling = format!(
            "{{% capture c %}}x{{% endcapture %}}{}",
            "{% capture c %}{{ c }}{{ c }}{% endcapture %}".repeat(40)
        );
        let e = render(&doubling, &context()).unwrap_err();
        assert!(e.problem.contains("bytes"), "{e}");
    }

    #[test]
    fn nesting_is_bounded() {
        use super::check;
        let ok = format!("{}{}", "{% if a %}".repeat(64), "{% endif %}".repeat(64));
        check(&ok).unwrap();
        let deep = format!("{}{}", "{% if a %}".repeat(65), "{% endif %}".repeat(65));
        let e = check(&deep).unwrap_err();
        assert_eq!(
            (e.offset, e.problem.as_str()),
            (640, "blocks nested deeper than 64")
        );
    }
}
