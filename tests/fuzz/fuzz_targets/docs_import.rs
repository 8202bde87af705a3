//! The documentation importers never panic: any text gives a page, a list of cards, YAML, a
//! rendered template or expression, cleaned Markdown and its rustdoc form, or a located error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use stitch_codegen::emit::docs::documented;
use stitch_codegen::import::{docs_cards, docs_pages, front_matter, liquid, markdown};

fuzz_target!(|text: &str| {
    let file = Path::new("page.md");
    let _ = front_matter::page_front_matter_keeping_last(file, text);
    let _ = front_matter::data_file(Path::new("data.yml"), text);
    let _ = docs_pages::read_page(file, text, &mut Vec::new());
    let _ = docs_cards::list_cards(file, text, &mut Vec::new());
    // The text as a template, with a context that has a bit of everything the pages use.
    let context = json!({
        "form-property": {"display-name": "Shop", "api-type": "platform.shop"},
        "doc-link": "/shop",
        "port": 5432,
        "flag": false,
        "link": null,
        "site": {"baseurl": "/docs", "data": {"list": [{"id": "a"}, {"id": "b"}],
                 "text": "{{ doc-link | upcase }}"}},
    });
    let _ = liquid::check(text);
    let _ = liquid::render(text, &context);
    let mut scope = liquid::PageScope::default();
    let _ = liquid::render_in(text, &context, &mut scope);
    let _ = liquid::render_in(text, &context, &mut scope);
    let _ = liquid::evaluate(text, &context);
    let _ = liquid::evaluate_or_nil(text, &context);
    let cleaned = markdown::clean(text, "https://docs.example/docs");
    let _ = documented(&cleaned, true);
    let _ = documented(text, false);
});
