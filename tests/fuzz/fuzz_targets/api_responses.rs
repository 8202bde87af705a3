//! Reading a response never panics: any status, any `Location`, any bytes, for every
//! endpoint, gives the endpoint's type or an `ApiError` that keeps the bytes and displays on
//! one line; `ApiErrorKind::read` alone too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stitch_connect_schema::endpoints::*;

/// Reads `body` as a response of `E` and checks the error's invariants.
fn read<E: Endpoint>(status: u16, location: Option<&str>, body: &[u8]) {
    match E::parse_response(HttpResponse { status, location, body }) {
        Ok(_) => {}
        Err(error) => {
            assert_eq!(error.body(), body);
            assert_eq!(error.status(), status);
            let shown = error.to_string();
            assert!(!shown.contains('\n'), "{shown}");
            let _ = format!("{error:?}");
            let _ = (error.message(), error.invalid_fields(), error.is_retryable());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let Some((status_bytes, body)) = rest.split_first_chunk::<2>() else { return };
    let status = u16::from_le_bytes(*status_bytes) % 600;
    let location = (choice & 0x80 != 0).then_some("https://example.com/x");
    match choice % 16 {
        0 => read::<ListSources>(status, location, body),
        1 => read::<RetrieveSource>(status, location, body),
        2 => read::<CreateSource>(status, location, body),
        3 => read::<ListDestinations>(status, location, body),
        4 => read::<ListDestinationsV3>(status, location, body),
        5 => read::<ListLastExtractions>(status, location, body),
        6 => read::<ListLastLoadsForAccount>(status, location, body),
        7 => read::<ListStreams>(status, location, body),
        8 => read::<RetrieveStreamsSchema>(status, location, body),
        9 => read::<StartJob>(status, location, body),
        10 => read::<GetLogsForExtractionJob>(status, location, body),
        11 => read::<ListSourceTypes>(status, location, body),
        12 => read::<CreateAccount>(status, location, body),
        13 => read::<ListHookNotifications>(status, location, body),
        14 => read::<DeleteHookNotification>(status, location, body),
        _ => {
            let _ = ApiErrorKind::read(body);
        }
    }
});
