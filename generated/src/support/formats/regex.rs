//! `regex` (an ECMA-262 regular expression), as the oracle reads it: the syntax of ES2025
//! patterns in Unicode mode with named groups, where `\` before any character that is not
//! alphanumeric is an identity escape.

/// Whether `s` is an ECMA-262 regular expression (JSON Schema format `"regex"`), as the oracle
/// reads it: groups (capturing, `(?:`, lookaround, named `(?<name>`, modifiers `(?ims-ims:`),
/// quantifiers only after an atom (`{` always starts one), classes with ranges in order,
/// escapes as Unicode mode has them, back-references to groups that exist and `\k<name>` to
/// names that do.
#[must_use]
pub fn is_regex(s: &str) -> bool {
    let mut parser = Parser {
        chars: s.chars().collect(),
        at: 0,
        groups: 0,
        names: Vec::new(),
        references: Vec::new(),
        max_backreference: 0,
        path: Vec::new(),
        next_disjunction: 0,
    };
    if parser.disjunction().is_none() || parser.at != parser.chars.len() {
        return false;
    }
    parser.max_backreference <= parser.groups
        && parser
            .references
            .iter()
            .all(|name| parser.names.iter().any(|(n, _)| n == name))
        && parser.names.iter().enumerate().all(|(i, (name, path))| {
            parser.names[..i]
                .iter()
                .filter(|(other, _)| other == name)
                .all(|(_, other)| apart(path, other))
        })
}

/// Whether two places sit in different alternatives of some disjunction around both.
fn apart(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.iter().any(|(disjunction, alternative)| {
        b.iter().any(|(other, other_alternative)| {
            other == disjunction && other_alternative != alternative
        })
    })
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    /// Capturing groups so far.
    groups: usize,
    /// Group names, each with the alternatives it sits in (disjunction, alternative).
    names: Vec<(String, Vec<(usize, usize)>)>,
    /// Names `\k<..>` refers to.
    references: Vec<String>,
    /// The largest back-reference number.
    max_backreference: usize,
    /// The alternatives around the cursor.
    path: Vec<(usize, usize)>,
    next_disjunction: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// `Alternative ("|" Alternative)*`, up to a `)` or the end.
    fn disjunction(&mut self) -> Option<()> {
        let id = self.next_disjunction;
        self.next_disjunction += 1;
        let mut alternative = 0;
        loop {
            self.path.push((id, alternative));
            let result = self.alternative();
            self.path.pop();
            result?;
            if !self.eat('|') {
                return Some(());
            }
            alternative += 1;
        }
    }

    /// Terms up to `|`, `)` or the end.
    fn alternative(&mut self) -> Option<()> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                return Some(());
            }
            let quantifiable = self.term()?;
            if self.quantifier()? && !quantifiable {
                return None;
            }
        }
        Some(())
    }

    /// One term; whether a quantifier may follow it.
    fn term(&mut self) -> Option<bool> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            '^' | '$' => false,
            '*' | '+' | '?' | '{' | '}' | ']' => return None,
            '.' => true,
            '[' => {
                self.class()?;
                true
            }
            '(' => self.group()?,
            '\\' => self.atom_escape()?,
            _ => true,
        })
    }

    /// An optional quantifier after a term; whether there was one.
    fn quantifier(&mut self) -> Option<bool> {
        match self.peek() {
            Some('*' | '+' | '?') => self.at += 1,
            Some('{') => {
                self.at += 1;
                let low = self.digits()?;
                if self.eat(',') && self.peek() != Some('}') {
                    let high = self.digits()?;
                    if compare_decimal(&low, &high) == std::cmp::Ordering::Greater {
                        return None;
                    }
                }
                if !self.eat('}') {
                    return None;
                }
            }
            _ => return Some(false),
        }
        self.eat('?');
        Some(true)
    }

    /// One or more decimal digits.
    fn digits(&mut self) -> Option<String> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        (self.at > start).then(|| self.chars[start..self.at].iter().collect())
    }

    /// A group after its `(`; whether a quantifier may follow it.
    fn group(&mut self) -> Option<bool> {
        let quantifiable = if self.eat('?') {
            match self.peek()? {
                ':' => {
                    self.at += 1;
                    true
                }
                '=' | '!' => {
                    self.at += 1;
                    false
                }
                '<' if matches!(self.peek_at(1), Some('=' | '!')) => {
                    self.at += 2;
                    false
                }
                '<' => {
                    self.at += 1;
                    let name = self.group_name()?;
                    self.names.push((name, self.path.clone()));
                    self.groups += 1;
                    true
                }
                _ => {
                    self.modifiers()?;
                    true
                }
            }
        } else {
            self.groups += 1;
            true
        };
        self.disjunction()?;
        self.eat(')').then_some(quantifiable)
    }

    /// `ims-ims:` of a modifier group: letters of `ims`, each once, at most one `-`, at least
    /// one letter.
    fn modifiers(&mut self) -> Option<()> {
        let mut seen = Vec::new();
        let mut dash = false;
        loop {
            match self.peek()? {
                ':' => {
                    self.at += 1;
                    return (!seen.is_empty()).then_some(());
                }
                '-' if !dash => dash = true,
                c @ ('i' | 'm' | 's') if !seen.contains(&c) => seen.push(c),
                _ => return None,
            }
            self.at += 1;
        }
    }

    /// A group name up to and with its `>`.
    fn group_name(&mut self) -> Option<String> {
        let mut name = String::new();
        loop {
            let c = match self.peek()? {
                '>' => {
                    self.at += 1;
                    return (!name.is_empty()).then_some(name);
                }
                '\\' => {
                    self.at += 1;
                    if !self.eat('u') {
                        return None;
                    }
                    self.unicode_escape()?
                }
                c => {
                    self.at += 1;
                    c
                }
            };
            let valid = if name.is_empty() {
                c.is_alphabetic() || c == '$' || c == '_'
            } else {
                c.is_alphanumeric() || matches!(c, '$' | '_' | '\u{200C}' | '\u{200D}')
            };
            if !valid {
                return None;
            }
            name.push(c);
        }
    }

    /// After `\u`: `HHHH` (a lead surrogate joined with a following `\uDC00`-`\uDFFF`) or
    /// `{hex}` up to U+10FFFF.
    fn unicode_escape(&mut self) -> Option<char> {
        if self.eat('{') {
            let start = self.at;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.at += 1;
            }
            if self.at == start || !self.eat('}') {
                return None;
            }
            let digits: String = self.chars[start..self.at - 1].iter().collect();
            let trimmed = digits.trim_start_matches('0');
            if trimmed.len() > 6 {
                return None;
            }
            let value =
                u32::from_str_radix(if trimmed.is_empty() { "0" } else { trimmed }, 16).ok()?;
            return if value > 0x10FFFF {
                None
            } else {
                Some(char::from_u32(value).unwrap_or('\u{FFFD}'))
            };
        }
        let lead = self.hex(4)?;
        if (0xD800..=0xDBFF).contains(&lead)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            let save = self.at;
            self.at += 2;
            match self.hex(4) {
                Some(trail) if (0xDC00..=0xDFFF).contains(&trail) => {
                    let value = 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00);
                    return char::from_u32(value);
                }
                _ => self.at = save,
            }
        }
        // A lone surrogate reads as a code point of its own.
        Some(char::from_u32(lead).unwrap_or('\u{FFFD}'))
    }

    fn hex(&mut self, count: usize) -> Option<u32> {
        let mut value = 0;
        for _ in 0..count {
            value = value * 16 + self.peek()?.to_digit(16)?;
            self.at += 1;
        }
        Some(value)
    }

    /// An escape outside a class, after its `\`; whether a quantifier may follow it.
    fn atom_escape(&mut self) -> Option<bool> {
        match self.peek()? {
            'b' | 'B' => {
                self.at += 1;
                Some(false)
            }
            'k' => {
                self.at += 1;
                if !self.eat('<') {
                    return None;
                }
                let name = self.group_name()?;
                self.references.push(name);
                Some(true)
            }
            '1'..='9' => {
                let digits = self.digits()?;
                let number = digits.parse::<usize>().unwrap_or(usize::MAX);
                self.max_backreference = self.max_backreference.max(number);
                Some(true)
            }
            _ => {
                self.class_or_character_escape(false)?;
                Some(true)
            }
        }
    }

    /// A class escape (`\d`, `\p{..}`) or a character escape, after the `\`: the character, or
    /// `None` inside `Some` for a class escape.
    fn class_or_character_escape(&mut self, in_class: bool) -> Option<Option<char>> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            'd' | 'D' | 's' | 'S' | 'w' | 'W' => None,
            'p' | 'P' => {
                if !self.eat('{') {
                    return None;
                }
                let mut parts = 0;
                loop {
                    let start = self.at;
                    while self
                        .peek()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        self.at += 1;
                    }
                    if self.at == start {
                        return None;
                    }
                    parts += 1;
                    if self.eat('}') {
                        break;
                    }
                    if parts > 1 || !self.eat('=') {
                        return None;
                    }
                }
                None
            }
            'f' => Some('\u{C}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{B}'),
            'b' if in_class => Some('\u{8}'),
            '-' if in_class => Some('-'),
            'c' => {
                let letter = self.peek()?;
                if !letter.is_ascii_alphabetic() {
                    return None;
                }
                self.at += 1;
                Some(char::from_u32(u32::from(letter) % 32).unwrap_or('\0'))
            }
            '0' => {
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return None;
                }
                Some('\0')
            }
            'x' => Some(char::from_u32(self.hex(2)?).unwrap_or('\0')),
            'u' => Some(self.unicode_escape()?),
            c if !c.is_alphanumeric() => Some(c),
            _ => return None,
        })
    }

    /// A class after its `[`, up to and with its `]`.
    fn class(&mut self) -> Option<()> {
        self.eat('^');
        loop {
            let first = match self.peek()? {
                ']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.class_atom()?,
            };
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.at += 1;
                let last = self.class_atom()?;
                match (first, last) {
                    (Some(first), Some(last)) if first <= last => {}
                    _ => return None,
                }
            }
        }
    }

    /// One class atom: its character, or `None` inside `Some` for a class escape.
    fn class_atom(&mut self) -> Option<Option<char>> {
        let c = self.peek()?;
        self.at += 1;
        if c != '\\' {
            return Some(Some(c));
        }
        match self.peek()? {
            'B' | 'k' | '1'..='9' => None,
            _ => self.class_or_character_escape(true),
        }
    }
}

/// Two decimal digit strings compared as numbers, leading zeros aside.
fn compare_decimal(a: &str, b: &str) -> std::cmp::Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}
