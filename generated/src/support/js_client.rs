//! The JavaScript client (Stitch.js) from the server side: a partner renders the options
//! object of a Stitch.js call into its page; the generated option structs make a wrong key or
//! a missing required option a compile error, and [`JsFunction`] says which function takes
//! them. Not generated.

use serde::Serialize;

/// A Stitch.js function's options: the function's name, and the JSON object it takes.
pub trait JsFunction: Serialize {
    /// The function's name on the `Stitch` object (`addSource`).
    const NAME: &'static str;

    /// The options object as JSON, for the page (`Stitch.addSource({...})`). It holds the
    /// ephemeral token in clear, as the call needs it: render it into the page, never into a
    /// log.
    fn options_json(&self) -> String {
        // Serializing the options cannot fail: their maps have string keys.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The whole call, `Stitch.addSource({...})`.
    fn call(&self) -> String {
        format!("Stitch.{}({})", Self::NAME, self.options_json())
    }
}
