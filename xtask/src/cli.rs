//! The commands of `cargo xtask` and their arguments, declared once in [`COMMANDS`]: the parser
//! ([`parse`]) and the help text ([`usage`], [`Command::help`]) both read that table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The public API, which `capture` reads by default.
const DEFAULT_BASE_URL: &str = "https://api.stitchdata.com";

/// One command.
pub struct Command {
    /// What the user types after `cargo xtask`.
    pub name: &'static str,
    /// One line on what it does.
    pub about: &'static str,
    /// More lines, shown by `cargo xtask <command> --help`.
    pub details: &'static str,
    /// Its arguments.
    pub args: &'static [Arg],
    /// Whether its positional arguments may all be left out together.
    pub positionals_optional: bool,
}

/// One argument of a command.
pub enum Arg {
    /// `--name`, present or not.
    Flag {
        name: &'static str,
        help: &'static str,
    },
    /// `--name VALUE`; `default` when absent.
    Value {
        name: &'static str,
        value: &'static str,
        default: &'static str,
        help: &'static str,
    },
    /// A positional argument, in order.
    Positional {
        name: &'static str,
        help: &'static str,
    },
}

/// The `--check` flag of the commands that write checked-in files.
const CHECK: Arg = Arg::Flag {
    name: "--check",
    help: "change nothing; fail, naming the stale files, if the output differs",
};

/// Every command.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "regen",
        about: "generate generated/ from spec/",
        details: "Loads spec/, normalizes it, emits the stitch-connect-schema crate and writes it \
                  to generated/; a spec it cannot read leaves generated/ untouched.",
        args: &[CHECK],
        positionals_optional: false,
    },
    Command {
        name: "import-reference",
        about: "structure the captured connection-property reference into spec/reference/",
        details: "Reads spec/reference/connection-property-reference.txt and writes \
                  spec/reference/connection-types.json and spec/reference/connectors/.",
        args: &[CHECK],
        positionals_optional: false,
    },
    Command {
        name: "import-docs",
        about: "write the documentation's report cards into spec/ as captures",
        details: "Reads the documented GET /v4/source-types and /v4/destination-types responses \
                  in spec/docs/ and writes each card as spec/{kind}-types/{type}/docs-list.json, \
                  its text as the page holds it, with a provenance naming the repository, \
                  commit, page and position.",
        args: &[CHECK],
        positionals_optional: false,
    },
    Command {
        name: "capture",
        about: "fetch every report card from the API into spec/",
        details: "GET /v4/source-types and /v4/destination-types, then each type's card, into \
                  spec/{kind}-types/{type}/{NAME}.json with provenance. The token comes from \
                  STITCH_API_TOKEN and is sent as a bearer token.",
        args: &[
            Arg::Value {
                name: "--base-url",
                value: "URL",
                default: DEFAULT_BASE_URL,
                help: "the API's base URL",
            },
            Arg::Value {
                name: "--name",
                value: "NAME",
                default: "live-api",
                help: "the capture's file name, without .json",
            },
            Arg::Value {
                name: "--spec-dir",
                value: "DIR",
                default: "spec",
                help: "the spec folder, read from the current directory; by default the \
                       workspace's",
            },
            Arg::Value {
                name: "--timeout",
                value: "SECONDS",
                default: "30",
                help: "the timeout of each request",
            },
            Arg::Value {
                name: "--backoff-ms",
                value: "MS",
                default: "500",
                help: "the first wait before a retry; doubled each time",
            },
        ],
        positionals_optional: false,
    },
    Command {
        name: "card-diff",
        about: "what changed between two sets of report cards",
        details: "OLD and NEW are spec folders, card files or JSON lists of cards; without them, \
                  git HEAD's spec/ against the working tree.",
        args: &[
            Arg::Positional {
                name: "OLD",
                help: "the cards before",
            },
            Arg::Positional {
                name: "NEW",
                help: "the cards after",
            },
        ],
        positionals_optional: true,
    },
    Command {
        name: "drift",
        about: "what a spec refresh does to the generated crate's users, classified",
        details: "OLD and NEW are spec folders; without them, the last release \
                  (spec/release.json) against spec/. Each change between the crates they \
                  generate is breaking, behaviour-breaking, minor or patch; prints the counts, \
                  the suggested version and a one-screen summary (--full: every change).",
        args: &[
            Arg::Flag {
                name: "--full",
                help: "list every change, not only the summary",
            },
            Arg::Positional {
                name: "OLD",
                help: "the spec before",
            },
            Arg::Positional {
                name: "NEW",
                help: "the spec after",
            },
        ],
        positionals_optional: true,
    },
    Command {
        name: "release",
        about: "record a release: spec/release.json, the workspace version, the changelog",
        details: "Records the crate that spec/ generates as released, at the version its \
                  changes since the last release call for (or --version, which may not be \
                  lower); moves the changes into the changelog's history, sets the workspace \
                  version, and regenerates. --spec-of records the crate another spec folder \
                  generates instead (to adopt a version published before).",
        args: &[
            Arg::Value {
                name: "--version",
                value: "VERSION",
                default: "",
                help: "the version to record (default: the suggested one)",
            },
            Arg::Value {
                name: "--spec-of",
                value: "DIR",
                default: "",
                help: "the spec folder whose crate is released (default: spec/)",
            },
            Arg::Value {
                name: "--about",
                value: "TEXT",
                default: "",
                help: "what the release is generated from, in words (default: spec/ of this version)",
            },
        ],
        positionals_optional: false,
    },
    Command {
        name: "baseline",
        about: "write the plain-struct baseline crate of the compile-time benchmark",
        details: "DIR should be outside the workspace.",
        args: &[Arg::Positional {
            name: "DIR",
            help: "where to write it",
        }],
        positionals_optional: false,
    },
];

/// A parsed command line.
pub struct Invocation {
    /// The command.
    pub command: &'static Command,
    flags: Vec<&'static str>,
    values: BTreeMap<&'static str, String>,
    /// The positional arguments, in order.
    pub positionals: Vec<String>,
}

impl Invocation {
    /// Whether the flag was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    /// The value of an option, if it was given.
    pub fn given(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The value of an option: as given, or its default.
    #[cfg_attr(not(feature = "capture"), allow(dead_code))]
    pub fn value(&self, name: &str) -> &str {
        debug_assert!(
            self.command.args.iter().any(|a| a.name() == name),
            "{name} is not an option of {}",
            self.command.name
        );
        if let Some(value) = self.given(name) {
            return value;
        }
        self.command
            .args
            .iter()
            .find_map(|arg| match arg {
                Arg::Value {
                    name: n, default, ..
                } if *n == name => Some(*default),
                _ => None,
            })
            .unwrap_or("")
    }
}

/// What the command line asks for.
pub enum Parsed {
    /// Run a command.
    Run(Invocation),
    /// Print this help text and succeed.
    Help(String),
}

/// Reads the arguments after `cargo xtask`; `Err` holds the message and the usage to print.
pub fn parse(args: &[String]) -> Result<Parsed, String> {
    let Some((first, rest)) = args.split_first() else {
        return Err(format!("a command is needed\n\n{}", usage()));
    };
    if matches!(first.as_str(), "help" | "--help" | "-h") {
        return Ok(Parsed::Help(usage()));
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == first) else {
        return Err(format!("unknown command {first:?}\n\n{}", usage()));
    };
    let wrong = |message: String| format!("{message}\n\n{}", command.help());
    let mut invocation = Invocation {
        command,
        flags: Vec::new(),
        values: BTreeMap::new(),
        positionals: Vec::new(),
    };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        if matches!(arg.as_str(), "--help" | "-h") {
            return Ok(Parsed::Help(command.help()));
        }
        if !arg.starts_with("--") {
            invocation.positionals.push(arg.clone());
            continue;
        }
        match command.args.iter().find(|a| a.name() == arg) {
            Some(Arg::Flag { name, .. }) => invocation.flags.push(name),
            Some(Arg::Value { name, .. }) => {
                let Some(value) = rest.next() else {
                    return Err(wrong(format!("{arg} needs a value")));
                };
                invocation.values.insert(name, value.clone());
            }
            Some(Arg::Positional { .. }) | None => {
                return Err(wrong(format!("unexpected argument {arg}")));
            }
        }
    }
    let expected = command
        .args
        .iter()
        .filter(|a| matches!(a, Arg::Positional { .. }))
        .count();
    let given = invocation.positionals.len();
    if given != expected && !(given == 0 && command.positionals_optional) {
        return Err(wrong(format!(
            "{} takes {expected} positional argument(s), not {given}",
            command.name
        )));
    }
    Ok(Parsed::Run(invocation))
}

impl Arg {
    fn name(&self) -> &'static str {
        match self {
            Arg::Flag { name, .. } | Arg::Value { name, .. } | Arg::Positional { name, .. } => name,
        }
    }

    /// How the argument is written in a synopsis.
    fn synopsis(&self) -> String {
        match self {
            Arg::Flag { name, .. } => format!("[{name}]"),
            Arg::Value { name, value, .. } => format!("[{name} {value}]"),
            Arg::Positional { name, .. } => name.to_string(),
        }
    }
}

impl Command {
    /// `name` and its arguments in one line.
    fn synopsis(&self) -> String {
        let mut words = vec![self.name.to_owned()];
        let (positionals, others): (Vec<&Arg>, Vec<&Arg>) = self
            .args
            .iter()
            .partition(|a| matches!(a, Arg::Positional { .. }));
        words.extend(others.iter().map(|a| a.synopsis()));
        let positionals: Vec<String> = positionals.iter().map(|a| a.synopsis()).collect();
        if !positionals.is_empty() {
            let joined = positionals.join(" ");
            words.push(if self.positionals_optional {
                format!("[{joined}]")
            } else {
                joined
            });
        }
        words.join(" ")
    }

    /// The help text of this command.
    pub fn help(&self) -> String {
        let mut out = format!(
            "usage: cargo xtask {}\n\n{}.\n{}\n",
            self.synopsis(),
            self.about,
            self.details
        );
        if !self.args.is_empty() {
            out.push_str("\narguments:\n");
        }
        for arg in self.args {
            let (left, help) = match arg {
                Arg::Flag { name, help } => ((*name).to_owned(), (*help).to_owned()),
                Arg::Value {
                    name,
                    value,
                    default,
                    help,
                } => (
                    format!("{name} {value}"),
                    format!("{help} (default: {default})"),
                ),
                Arg::Positional { name, help } => ((*name).to_owned(), (*help).to_owned()),
            };
            let _ = writeln!(out, "  {left:<22} {help}");
        }
        out
    }
}

/// The usage of every command.
pub fn usage() -> String {
    let mut out = String::from("usage: cargo xtask <command> [arguments]\n\ncommands:\n");
    for command in COMMANDS {
        let _ = writeln!(out, "  {}\n      {}", command.synopsis(), command.about);
    }
    out.push_str("\n`cargo xtask <command> --help` says more.");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::{COMMANDS, Parsed, parse, usage};

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    fn run(line: &str) -> super::Invocation {
        match parse(&args(line)) {
            Ok(Parsed::Run(invocation)) => invocation,
            Ok(Parsed::Help(text)) => panic!("{line}: help {text}"),
            Err(e) => panic!("{line}: {e}"),
        }
    }

    #[test]
    fn flags_values_and_positionals_are_read_from_the_table() {
        assert!(run("regen --check").flag("--check"));
        assert!(!run("regen").flag("--check"));
        let capture = run("capture --name x --timeout 5");
        assert_eq!(capture.value("--name"), "x");
        assert_eq!(capture.value("--timeout"), "5");
        assert_eq!(capture.value("--backoff-ms"), "500");
        assert_eq!(capture.given("--name"), Some("x"));
        assert_eq!(capture.given("--spec-dir"), None);
        assert_eq!(run("card-diff a b").positionals, ["a", "b"]);
        assert!(run("card-diff").positionals.is_empty());
        assert_eq!(run("baseline /tmp/x").positionals, ["/tmp/x"]);
    }

    #[test]
    fn mistakes_are_named_with_the_command_s_help() {
        for (line, message) in [
            ("", "a command is needed"),
            ("regenerate", "unknown command \"regenerate\""),
            ("regen --force", "unexpected argument --force"),
            ("capture --name", "--name needs a value"),
            (
                "card-diff a",
                "card-diff takes 2 positional argument(s), not 1",
            ),
            ("baseline", "baseline takes 1 positional argument(s), not 0"),
            ("regen extra", "regen takes 0 positional argument(s), not 1"),
        ] {
            let Err(error) = parse(&args(line)) else {
                panic!("{line:?} parsed");
            };
            assert!(error.starts_with(message), "{line:?}: {error}");
            assert!(error.contains("usage: cargo xtask"), "{line:?}: {error}");
        }
    }

    #[test]
    fn help_lists_every_command_and_argument() {
        let text = usage();
        for command in COMMANDS {
            assert!(text.contains(command.name), "{text}");
            let Ok(Parsed::Help(help)) = parse(&args(&format!("{} --help", command.name))) else {
                panic!("{} --help", command.name);
            };
            for arg in command.args {
                assert!(help.contains(arg.name()), "{help}");
            }
        }
        assert!(matches!(parse(&args("--help")), Ok(Parsed::Help(_))));
    }
}
