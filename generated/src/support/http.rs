//! The `http` feature: any [`Endpoint`] as an `http::Request<Vec<u8>>`, and an
//! `http::Response` read back into its type, for partners who send requests with their own
//! HTTP client. Not generated.

use crate::Secret;
use crate::support::endpoint::{ApiError, Endpoint, HttpResponse};

/// The public API's base URL.
pub const BASE_URL: &str = "https://api.stitchdata.com";

/// An [`Endpoint`] to and from the `http` crate's types; implemented for every endpoint.
pub trait HttpEndpoint: Endpoint {
    /// The request: method, `base_url` joined with the path, `Authorization: Bearer` from
    /// `token` (marked sensitive, so the `http` crate never shows it) when the endpoint sends
    /// the access token, and a JSON body with its `Content-Type`.
    ///
    /// # Errors
    /// A base URL or token that does not make a valid URI or header.
    fn to_http_request(
        &self,
        base_url: &str,
        token: Option<&Secret<String>>,
    ) -> Result<http::Request<Vec<u8>>, http::Error>;

    /// Reads a response: its status, `Location` and body.
    ///
    /// # Errors
    /// As [`Endpoint::parse_response`].
    fn from_http_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Response, ApiError>;
}

impl<E: Endpoint> HttpEndpoint for E {
    fn to_http_request(
        &self,
        base_url: &str,
        token: Option<&Secret<String>>,
    ) -> Result<http::Request<Vec<u8>>, http::Error> {
        let method = http::Method::from_bytes(E::METHOD.as_str().as_bytes())?;
        let uri = format!("{}{}", base_url.trim_end_matches('/'), self.path());
        let mut builder = http::Request::builder()
            .method(method)
            .uri(uri)
            .header(http::header::ACCEPT, "application/json");
        if E::ACCESS_TOKEN
            && let Some(token) = token
        {
            let mut value =
                http::HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))?;
            value.set_sensitive(true);
            builder = builder.header(http::header::AUTHORIZATION, value);
        }
        let body = self.body();
        if body.is_some() {
            builder = builder.header(http::header::CONTENT_TYPE, "application/json");
        }
        builder.body(body.unwrap_or_default())
    }

    fn from_http_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Response, ApiError> {
        let location = response
            .headers()
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok());
        E::parse_response(HttpResponse {
            status: response.status().as_u16(),
            location,
            body: response.body().as_ref(),
        })
    }
}
