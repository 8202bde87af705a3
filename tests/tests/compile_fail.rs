//! The compile-time guarantees of the generated crate, shown with trybuild: each file under
//! `tests/ui/` must fail to compile with the checked-in message (`*.stderr`), which names what
//! is wrong. Regenerate the messages with `TRYBUILD=overwrite cargo test -p stitch-tests --test
//! compile_fail` and review the diff.

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
