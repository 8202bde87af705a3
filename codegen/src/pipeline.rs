//! The generator's pipeline, in order: load `spec/` into the plain [`model`](crate::model)
//! ([`load_spec`]), normalize it into the one intermediate representation ([`normalize`]),
//! emit the files of the generated crate ([`emit`](crate::emit::emit)), and write them, or
//! compare them for `--check` ([`regen`]). `cargo xtask regen` is [`regen`]; the tests call the
//! stages they need.

use std::path::Path;

use crate::emit;
use crate::error::{Notice, SpecError};
use crate::normalize::api_endpoints::{endpoints, plan};
use crate::normalize::api_ir::ApiIr;
use crate::normalize::api_objects::api_objects;
use crate::normalize::build_ir::build_ir;
use crate::normalize::card_vs_reference::{Disagreement, disagreements};
use crate::normalize::ir::Ir;
use crate::normalize::merge::{MergedCard, merge_captures};
use crate::output::{Managed, OutputFile, Stale};
use crate::spec::{Spec, load_spec};

/// What the normalize stage makes of a spec: one card per connection type, where cards and
/// reference disagree, and the IR the emitter reads.
#[derive(Debug)]
pub struct Normalized {
    /// One card per connection type, its captures merged.
    pub cards: Vec<MergedCard>,
    /// Where the cards and the reference disagree (`DRIFT.md`).
    pub disagreements: Vec<Disagreement>,
    /// The intermediate representation.
    pub ir: Ir,
    /// The API's objects.
    pub api: ApiIr,
}

/// The normalize stage.
///
/// # Errors
/// Conflicting captures without a resolution, or a spec the IR cannot be built from.
pub fn normalize(spec: &Spec) -> Result<Normalized, SpecError> {
    let cards = merge_captures(spec)?;
    let disagreements = disagreements(spec, &cards);
    let ir = build_ir(spec, &cards)?;
    let api = api(spec)?;
    Ok(Normalized {
        cards,
        disagreements,
        ir,
        api,
    })
}

/// The API's objects and endpoints: the endpoints' bodies and responses planned first, typed
/// with the reference's objects, then each endpoint named.
fn api(spec: &Spec) -> Result<ApiIr, SpecError> {
    let plan = plan(&spec.api, &spec.api_types, &spec.api_types_file)?;
    let mut objects = spec.api.objects.clone();
    objects.extend(plan.objects.iter().cloned());
    let mut decisions = spec.api_types.clone();
    decisions.attributes.extend(plan.secrets.iter().cloned());
    let mut ir = api_objects(&objects, &plan.instances, &decisions, &spec.api_types_file)?;
    endpoints(
        &spec.api,
        &plan,
        &spec.api_types,
        &spec.api_types_file,
        &mut ir,
    )?;
    Ok(ir)
}

/// Every file of the generated crate, relative to `generated/`: normalize, then emit. Nothing
/// is written here.
///
/// # Errors
/// As [`normalize`], or emitted code that does not parse (a generator bug).
pub fn generate(spec: &Spec) -> Result<Vec<OutputFile>, SpecError> {
    emit::emit(spec, &normalize(spec)?)
}

/// The plain-struct baseline crate of the compile-time benchmark (`emit::baseline`).
///
/// # Errors
/// As [`normalize`].
pub fn generate_baseline(spec: &Spec) -> Result<Vec<OutputFile>, SpecError> {
    emit::baseline::baseline(&normalize(spec)?.ir)
}

/// The surface of the crate that the spec in `spec_dir` generates (`drift::surface`): load,
/// then normalize.
///
/// # Errors
/// As [`load_spec`] and [`normalize`].
pub fn surface_of(spec_dir: &Path) -> Result<crate::drift::surface::Surface, SpecError> {
    let normalized = normalize(&load_spec(spec_dir)?)?;
    Ok(crate::drift::surface::surface(
        &normalized.ir,
        &normalized.api,
    ))
}

/// What a run of [`regen`] did.
#[derive(Debug)]
pub struct Regenerated {
    /// What loading and normalizing the spec noticed (kept, not fatal).
    pub notices: Vec<Notice>,
    /// How many files the crate has.
    pub files: usize,
    /// The files written, or with `check` the stale ones.
    pub changes: Vec<Stale>,
    /// The changes since the last release, counted by class, with the version they call for
    /// (`CHANGELOG.md` lists them); `None` without a release.
    pub since_release: Option<String>,
}

/// Why [`regen`] stopped; `generated/` is then untouched.
#[derive(Debug)]
pub enum RegenError {
    /// The spec is malformed, or the generator failed on it.
    Spec(SpecError),
    /// The crate's folder could not be read or written.
    Io(std::io::Error),
}

impl std::fmt::Display for RegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegenError::Spec(e) => write!(f, "{e}"),
            RegenError::Io(e) => write!(f, "cannot write the generated crate: {e}"),
        }
    }
}

impl std::error::Error for RegenError {}

/// The whole pipeline: load `spec_dir`, normalize, emit, then write the generated files under
/// `generated_dir` (removing generated files no longer emitted), or with `check` only compare.
///
/// # Errors
/// A malformed spec, a generator failure, or an I/O error.
pub fn regen(
    spec_dir: &Path,
    generated_dir: &Path,
    check: bool,
) -> Result<Regenerated, RegenError> {
    let spec = load_spec(spec_dir).map_err(RegenError::Spec)?;
    let normalized = normalize(&spec).map_err(RegenError::Spec)?;
    let files = emit::emit(&spec, &normalized).map_err(RegenError::Spec)?;
    let since_release = spec.release.as_ref().map(|release| {
        let current = crate::drift::surface::surface(&normalized.ir, &normalized.api);
        let (changes, next) = emit::changelog::unreleased(release, &current);
        emit::changelog::summary_line(release, &changes, &next)
    });
    let owns = |_: &Path, contents: &str| emit::is_generated(contents);
    let managed = Managed {
        root: generated_dir,
        owns: &owns,
    };
    let changes = if check {
        managed.check(&files)
    } else {
        managed.write(&files)
    }
    .map_err(RegenError::Io)?;
    Ok(Regenerated {
        notices: spec
            .notices
            .into_iter()
            .chain(normalized.ir.notices)
            .collect(),
        files: files.len(),
        changes,
        since_release,
    })
}
