//! The `blocking-client` feature: a small client that sends any [`Endpoint`] over HTTPS (ureq
//! with rustls), keeps to the documented rate limits, retries what a retry may mend (a server
//! error, `429`, a connection that failed), and walks lists of many pages. Not generated.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::Secret;
use crate::support::endpoint::{ApiError, Endpoint, HttpResponse, Method, Page, Paginated};
use crate::support::http::{BASE_URL, HttpEndpoint};

/// How a [`Client`] retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all (1: no retry).
    pub attempts: u32,
    /// The wait before the second attempt, doubled for each one after; a `Retry-After` the API
    /// sends is waited instead when longer.
    pub backoff: Duration,
    /// The longest wait between two attempts: a longer one (the backoff grown, or the API's
    /// `Retry-After`) ends the retries with the last answer.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(120),
        }
    }
}

/// Why a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError {
    /// The API answered with an error (after the retries, for a retryable one).
    Api(ApiError),
    /// The request could not be made or sent, or the response could not be read: the
    /// transport's message (which never holds the request's headers).
    Transport(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(error) => write!(f, "{error}"),
            ClientError::Transport(message) => write!(f, "transport: {message}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(error) => Some(error),
            ClientError::Transport(_) => None,
        }
    }
}

impl From<ApiError> for ClientError {
    fn from(error: ApiError) -> Self {
        ClientError::Api(error)
    }
}

/// A blocking client of the Connect API.
///
/// ```no_run
/// use stitch_connect_schema::Secret;
/// use stitch_connect_schema::client::Client;
/// use stitch_connect_schema::endpoints::ListSources;
///
/// let client = Client::new(Secret::new(std::env::var("STITCH_API_TOKEN").unwrap()));
/// for source in client.send(&ListSources::new()).unwrap() {
///     println!("{} ({})", source.display_name, source.connection_type);
/// }
/// ```
pub struct Client {
    agent: ureq::Agent,
    base_url: String,
    token: Option<Secret<String>>,
    retry: RetryPolicy,
    /// When each rate-limited class last sent its requests, oldest first.
    sent: Mutex<HashMap<&'static str, VecDeque<Instant>>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("token", &self.token)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client of the public API sending `token` as its access token.
    pub fn new(token: Secret<String>) -> Self {
        Client::build(Some(token))
    }

    /// A client without an access token: only creating an account needs none.
    pub fn without_token() -> Self {
        Client::build(None)
    }

    fn build(token: Option<Secret<String>>) -> Self {
        Client {
            agent: agent(Duration::from_secs(60)),
            base_url: BASE_URL.to_owned(),
            token,
            retry: RetryPolicy::default(),
            sent: Mutex::new(HashMap::new()),
        }
    }

    /// The same client sending to `base_url` (a test server, a proxy).
    #[must_use]
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The same client giving up on a request after `timeout` (60 s by default).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.agent = agent(timeout);
        self
    }

    /// The same client retrying by `retry`.
    #[must_use]
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends `endpoint` and reads its response.
    ///
    /// # Errors
    /// The API's error (after the retries), or a transport failure.
    pub fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, ClientError> {
        let (status, location, body) = self.exchange(endpoint)?;
        E::parse_response(HttpResponse {
            status,
            location: location.as_deref(),
            body: &body,
        })
        .map_err(ClientError::Api)
    }

    /// Sends `endpoint` and returns the status and the body's bytes as received (after the
    /// retries), for a caller that keeps the body verbatim.
    ///
    /// # Errors
    /// A transport failure.
    pub fn send_raw<E: Endpoint>(&self, endpoint: &E) -> Result<(u16, Vec<u8>), ClientError> {
        self.exchange(endpoint)
            .map(|(status, _, body)| (status, body))
    }

    /// Every record of a list of many pages, from `first`'s page on, each page fetched when
    /// the one before is read.
    pub fn pages<E, T>(&self, first: E) -> Pages<'_, E, T>
    where
        E: Paginated<Response = Page<T>>,
    {
        Pages {
            client: self,
            next: Some(first),
            buffer: VecDeque::new(),
        }
    }

    fn exchange<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> Result<(u16, Option<String>, Vec<u8>), ClientError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            if let Some(limit) = E::RATE_LIMIT {
                self.keep_to(limit.class, limit.requests, limit.window_seconds);
            }
            let request = endpoint
                .to_http_request(&self.base_url, self.token.as_ref())
                .map_err(|e| ClientError::Transport(format!("cannot build the request: {e}")))?;
            match self.agent.run(request) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let location = response
                        .headers()
                        .get("location")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let retry_after = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    let body = response
                        .body_mut()
                        .with_config()
                        .limit(64 * 1024 * 1024)
                        .read_to_vec()
                        .map_err(|e| {
                            ClientError::Transport(format!("cannot read the body: {e}"))
                        })?;
                    // A 429 was not acted on; a server error may have been, so only a request
                    // that may be repeated (not a POST) is sent again.
                    let retryable = status == 429
                        || ((500..600).contains(&status) && E::METHOD != Method::Post);
                    if !retryable || attempt >= self.retry.attempts {
                        return Ok((status, location, body));
                    }
                    let wait = self.wait(attempt, retry_after);
                    if wait > self.retry.max_wait {
                        // Not worth waiting for: the last answer is the result.
                        return Ok((status, location, body));
                    }
                    sleep(wait);
                }
                Err(error) => {
                    // A connection that failed sent nothing; a timeout or a broken connection
                    // may have, so only a request that may be repeated is sent again.
                    let retryable = matches!(error, ureq::Error::ConnectionFailed)
                        || (transient(&error) && E::METHOD != Method::Post);
                    if attempt >= self.retry.attempts || !retryable {
                        return Err(ClientError::Transport(match error {
                            ureq::Error::Timeout(_) => format!("timed out ({error})"),
                            other => other.to_string(),
                        }));
                    }
                    sleep(self.wait(attempt, None).min(self.retry.max_wait));
                }
            }
        }
    }

    /// The wait before attempt `attempt + 1`: the backoff, doubled after each attempt, or the
    /// API's `Retry-After` when longer.
    fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let backoff = self
            .retry
            .backoff
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        retry_after.map_or(backoff, |after| after.max(backoff))
    }

    /// Waits until one more request of `class` keeps within `requests` per `window_seconds`
    /// (a limit of no request is no limit).
    fn keep_to(&self, class: &'static str, requests: u32, window_seconds: u32) {
        if requests == 0 {
            return;
        }
        let window = Duration::from_secs(u64::from(window_seconds));
        loop {
            let wait = {
                let mut sent = self
                    .sent
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let times = sent.entry(class).or_default();
                let now = Instant::now();
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= window)
                {
                    times.pop_front();
                }
                if times.len() < requests as usize {
                    times.push_back(now);
                    return;
                }
                times.front().map_or(Duration::ZERO, |oldest| {
                    window - now.duration_since(*oldest)
                })
            };
            sleep(wait);
        }
    }
}

/// The agent: every status read as a response (errors are the endpoint's to read), redirects
/// returned (the extraction logs' `Location` is the answer), `timeout` per request.
fn agent(timeout: Duration) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build();
    ureq::Agent::new_with_config(config)
}

/// Whether a transport error may not happen again (a retry of a request that may have been
/// sent is for those that may be repeated).
fn transient(error: &ureq::Error) -> bool {
    matches!(
        error,
        ureq::Error::Io(_) | ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed
    )
}

/// The records of a list of many pages ([`Client::pages`]).
pub struct Pages<'c, E, T> {
    client: &'c Client,
    next: Option<E>,
    buffer: VecDeque<T>,
}

impl<E, T> Iterator for Pages<'_, E, T>
where
    E: Paginated<Response = Page<T>>,
{
    type Item = Result<T, ClientError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(record) = self.buffer.pop_front() {
                return Some(Ok(record));
            }
            let request = self.next.take()?;
            match self.client.send(&request) {
                Ok(page) => {
                    // Only forward: a `next` that is not a later page would never end.
                    self.next = request
                        .next_request(&page)
                        .filter(|_| page.next_page().is_some_and(|next| next > page.page));
                    self.buffer.extend(page.data);
                }
                Err(error) => return Some(Err(error)),
            }
        }
    }
}
