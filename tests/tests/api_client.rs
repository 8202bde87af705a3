#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A partner's flow against a server on 127.0.0.1 that this test starts, walked twice: with
//! the blocking client (feature `blocking-client`), and with the `http` conversion through
//! another client (a plain HTTP/1.1 exchange over a `TcpStream`, written here). The server
//! answers with the documented response examples (`spec/api/endpoints`). Errors, with the
//! blocking client: 400 with `invalid_fields`, 401, 404, 429 then success, 5xx retried (not for
//! a POST), malformed JSON. No secret appears in any `Debug`, `Display` or error of the test.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};
use stitch_connect_schema::Secret;
use stitch_connect_schema::api::{DestinationProperties, SourceProperties};
use stitch_connect_schema::client::{Client, ClientError, RetryPolicy};
use stitch_connect_schema::endpoints::{
    ApiErrorKind, CreateAccount, CreateDestination, CreateSession, CreateSource, DeleteSource,
    Endpoint, HttpEndpoint, ListLastExtractions, ListLastLoadsForAccount, ListSources, ListStreams,
    Paginated, RetrieveSource, RetrieveSourcesLastConnectionCheck, StartJob, StopJob, UpdateSource,
    UpdateStreamsMetadata,
};
use stitch_connect_schema::objects::{
    ClientId, CreateDestinationBody, CreateSourceBody, NewAccount, SourceId, UpdateSourceBody,
};
use stitch_connect_schema::sources::platform_hubspot::UpdateProperties;

const ACCESS_TOKEN: &str = "at_loopback-secret-token";
const EPHEMERAL: &str = "ephemeral-loopback-secret";
const PARTNER_SECRET: &str = "partner-loopback-secret";
const PASSWORD: &str = "db-loopback-password";
const REFRESH_TOKEN: &str = "refresh-loopback-secret";
const SECRETS: [&str; 5] = [
    ACCESS_TOKEN,
    EPHEMERAL,
    PARTNER_SECRET,
    PASSWORD,
    REFRESH_TOKEN,
];

/// A request the server received.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    authorization: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// An answer: status, extra headers, body.
type Answer = (u16, Vec<(&'static str, String)>, Vec<u8>);

/// The server's script: for each method and path, the answers in turn (the last repeats).
#[derive(Default)]
struct Script {
    routes: Vec<(String, String, VecDeque<Answer>)>,
    received: Vec<Received>,
}

struct Server {
    base_url: String,
    script: Arc<Mutex<Script>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let script = Arc::new(Mutex::new(Script::default()));
        let shared = Arc::clone(&script);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&shared);
                thread::spawn(move || serve(stream, &shared));
            }
        });
        Server { base_url, script }
    }

    fn on(&self, method: &str, path: &str, answers: Vec<Answer>) {
        let mut script = self.script.lock().unwrap();
        script
            .routes
            .retain(|(m, p, _)| !(m == method && p == path));
        script
            .routes
            .push((method.to_owned(), path.to_owned(), answers.into()));
    }

    fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }

    fn received_count(&self, method: &str, path: &str) -> usize {
        self.received()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }
}

fn serve(stream: TcpStream, script: &Mutex<Script>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut length = 0;
    let mut authorization = None;
    let mut content_type = None;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').unwrap();
        let value = value.trim().to_owned();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse().unwrap(),
            "authorization" => authorization = Some(value),
            "content-type" => content_type = Some(value),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let (status, headers, answer) = {
        let mut script = script.lock().unwrap();
        script.received.push(Received {
            method: method.clone(),
            path: path.clone(),
            authorization,
            content_type,
            body,
        });
        let route = script
            .routes
            .iter_mut()
            .find(|(m, p, _)| *m == method && *p == path);
        match route {
            Some((_, _, answers)) if answers.len() > 1 => answers.pop_front().unwrap(),
            Some((_, _, answers)) => answers.front().cloned().unwrap(),
            None => (404, Vec::new(), b"Not Found".to_vec()),
        }
    };
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes()).unwrap();
    out.write_all(&answer).unwrap();
}

/// The documented response example `index` of an endpoint file.
fn documented(file: &str, index: usize) -> Vec<u8> {
    let path = stitch_tests::spec_root().join("api/endpoints").join(file);
    let endpoint: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let responses: Vec<&Value> = endpoint["examples"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "response")
        .collect();
    serde_json::to_vec(&responses[index]["json"]).unwrap()
}

fn ok(body: Vec<u8>) -> Vec<Answer> {
    vec![(200, Vec::new(), body)]
}

/// Every text the test shows of a value, checked for secrets.
fn assert_no_secret(shown: &str) {
    for secret in SECRETS {
        assert!(!shown.contains(secret), "a secret shows: {shown}");
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_wait: Duration::from_secs(5),
    }
}

fn extractions_page(page: u32, next: Option<&str>) -> Vec<u8> {
    let mut record: Value = serde_json::from_slice::<Value>(&documented(
        "v4-list-last-extractions.json",
        0,
    ))
    .unwrap()["data"][0]
        .clone();
    record["source_id"] = json!(page);
    let links = match next {
        Some(next) => json!({"next": next}),
        None => json!({}),
    };
    serde_json::to_vec(
        &json!({"data": [record.clone(), record], "page": page, "total": 4, "links": links}),
    )
    .unwrap()
}

fn loads_page(page: u32, next: Option<&str>) -> Vec<u8> {
    let record: Value =
        serde_json::from_slice::<Value>(&documented("v4-list-last-loads-for-account.json", 0))
            .unwrap()["data"][0]
            .clone();
    let links = match next {
        Some(next) => json!({"next": next}),
        None => json!({}),
    };
    serde_json::to_vec(&json!({"data": [record], "page": page, "total": 2, "links": links}))
        .unwrap()
}

/// How the flow sends a request: the blocking client, or the `http` conversion through
/// another client.
trait Sender: std::fmt::Debug {
    fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, String>;
}

impl Sender for Client {
    fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, String> {
        Client::send(self, endpoint).map_err(|e| e.to_string())
    }
}

/// The other client: `to_http_request`, a plain HTTP/1.1 exchange, `from_http_response`.
#[derive(Debug)]
struct Other {
    base_url: String,
    token: Option<Secret<String>>,
}

impl Sender for Other {
    fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, String> {
        let request = endpoint
            .to_http_request(&self.base_url, self.token.as_ref())
            .map_err(|e| e.to_string())?;
        E::from_http_response(&exchange(&request)).map_err(|e| e.to_string())
    }
}

/// A partner's flow, from creating the account to deleting the source, with the senders
/// `connect` makes (without a token, then with the account's); what it showed of every value.
fn flow<S: Sender>(server: &Server, connect: impl Fn(Option<Secret<String>>) -> S) -> String {
    let mut shown = String::new();

    // Create an account: partner credentials, no access token.
    server.on(
        "POST",
        "/v3/accounts",
        ok(
            serde_json::to_vec(&json!({"access_token": ACCESS_TOKEN, "stitch_account_id": 116078}))
                .unwrap(),
        ),
    );
    let anonymous = connect(None);
    let account: NewAccount = serde_json::from_value(json!({
        "partner_id": "partner", "partner_secret": PARTNER_SECRET, "first_name": "Ada",
        "last_name": "Lovelace", "company": "Engines", "region": "us-east-1",
        "email": "ada@example.com"
    }))
    .unwrap();
    let created = anonymous
        .send(&CreateAccount::new(account.clone()))
        .unwrap();
    shown.push_str(&format!("{account:?}{created:?}{anonymous:?}"));
    assert_eq!(created.stitch_account_id, ClientId(116078));
    let request = &server.received()[0];
    assert_eq!(request.authorization, None);
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent["partner_secret"], PARTNER_SECRET);
    let token: Secret<String> = created.access_token.clone();

    let client = connect(Some(token));
    shown.push_str(&format!("{client:?}"));

    // An ephemeral session for the JavaScript client.
    server.on(
        "POST",
        "/v3/sessions/ephemeral",
        ok(serde_json::to_vec(&json!({"ephemeral_token": EPHEMERAL})).unwrap()),
    );
    let session = client.send(&CreateSession::new()).unwrap();
    assert_eq!(session.ephemeral_token.expose_secret(), EPHEMERAL);
    shown.push_str(&format!("{session:?}"));
    let bearer = server.received().last().unwrap().authorization.clone();
    assert_eq!(
        bearer.as_deref(),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );

    // A destination, typed properties with a password.
    server.on(
        "POST",
        "/v4/destinations",
        ok(documented("v4-create-a-destination.json", 0)),
    );
    let properties = DestinationProperties::from_json(
        "postgres",
        json!({"host": "db.example.com", "port": "5432", "username": "stitch",
               "password": PASSWORD, "database": "warehouse", "ssl": "false",
               "encryption_type": "none"}),
    )
    .unwrap();
    let destination = client
        .send(&CreateDestination::new(CreateDestinationBody::new(
            properties,
        )))
        .unwrap();
    shown.push_str(&format!("{destination:?}"));
    let sent: Value = serde_json::from_slice(&server.received().last().unwrap().body).unwrap();
    assert_eq!(sent["type"], "postgres");
    assert_eq!(sent["properties"]["password"], PASSWORD);
    assert_eq!(
        server.received().last().unwrap().content_type.as_deref(),
        Some("application/json")
    );

    // A source, typed properties.
    server.on(
        "POST",
        "/v4/sources",
        ok(documented("v4-create-a-source.json", 0)),
    );
    let properties = SourceProperties::from_json(
        "platform.hubspot",
        json!({"start_date": "2020-01-01T00:00:00Z", "frequency_in_minutes": "60"}),
    )
    .unwrap();
    let source = client
        .send(&CreateSource::new(CreateSourceBody::from_properties(
            "HubSpot", properties,
        )))
        .unwrap();
    shown.push_str(&format!("{source:?}"));
    let source_id = source.id;

    // Its OAuth properties, sent after the partner's own OAuth flow.
    let path = format!("/v4/sources/{source_id}");
    server.on("PUT", &path, ok(documented("v4-update-a-source.json", 0)));
    let oauth = UpdateSourceBody::new().with_properties(
        UpdateProperties::new()
            .with_client_id("client-id".to_owned())
            .with_refresh_token(REFRESH_TOKEN.to_owned()),
    );
    let update = UpdateSource::new(source_id, oauth);
    shown.push_str(&format!("{update:?}"));
    let updated = client.send(&update).unwrap();
    shown.push_str(&format!("{updated:?}"));
    let sent: Value = serde_json::from_slice(&server.received().last().unwrap().body).unwrap();
    assert_eq!(sent["properties"]["refresh_token"], REFRESH_TOKEN);

    // The last connection check, the streams, a field selection.
    server.on(
        "GET",
        &format!("{path}/last-connection-check"),
        ok(documented(
            "v4-retrieve-sources-last-connection-check.json",
            1,
        )),
    );
    let check = client
        .send(&RetrieveSourcesLastConnectionCheck::new(source_id))
        .unwrap();
    assert!(!check.error);
    server.on(
        "GET",
        &format!("{path}/streams"),
        ok(documented("v4-list-streams.json", 0)),
    );
    let streams = client.send(&ListStreams::new(source_id)).unwrap();
    assert!(!streams.is_empty());
    server.on(
        "PUT",
        &format!("{path}/streams/metadata"),
        ok(documented("v4-update-a-streams-metadata.json", 0)),
    );
    let selection = serde_json::from_value(json!({"streams": [{
        "tap_stream_id": streams[0].tap_stream_id,
        "metadata": [{"breadcrumb": [], "metadata": {"selected": true}}]
    }]}))
    .unwrap();
    let selected = client
        .send(&UpdateStreamsMetadata::new(source_id, selection))
        .unwrap();
    assert_eq!(selected.status, 200);

    // Start and stop a job.
    server.on(
        "POST",
        &format!("{path}/sync"),
        ok(documented("v4-start-a-job.json", 0)),
    );
    let job = client.send(&StartJob::new(source_id)).unwrap();
    assert!(job.job_name.as_str().contains("sync"));
    server.on(
        "DELETE",
        &format!("{path}/sync"),
        ok(documented("v4-stop-a-job.json", 0)),
    );
    client.send(&StopJob::new(source_id)).unwrap();

    // Extractions and loads, across two pages.
    let client_id = ClientId(116078);
    let extractions = "/v4/116078/extractions";
    server.on(
        "GET",
        extractions,
        ok(extractions_page(1, Some("/v4/116078/extractions?page=2"))),
    );
    server.on(
        "GET",
        &format!("{extractions}?page=2"),
        ok(extractions_page(2, None)),
    );
    let mut all = Vec::new();
    let mut request = Some(ListLastExtractions::new(client_id));
    while let Some(current) = request {
        let page = client.send(&current).unwrap();
        request = current.next_request(&page);
        all.extend(page.data);
    }
    assert_eq!(all.len(), 4);
    assert_eq!(
        all.iter().map(|e| e.source_id).collect::<Vec<_>>(),
        [SourceId(1), SourceId(1), SourceId(2), SourceId(2)]
    );
    let loads = "/v4/116078/loads";
    server.on(
        "GET",
        loads,
        ok(loads_page(1, Some("/v4/116078/loads?page=2"))),
    );
    server.on("GET", &format!("{loads}?page=2"), ok(loads_page(2, None)));
    let first = client
        .send(&ListLastLoadsForAccount::new(client_id))
        .unwrap();
    let next = ListLastLoadsForAccount::new(client_id)
        .next_request(&first)
        .unwrap();
    assert_eq!(next.path(), "/v4/116078/loads?page=2");
    let second = client.send(&next).unwrap();
    assert_eq!(first.data.len() + second.data.len(), 2);
    assert!(second.next_page().is_none());

    // Delete.
    server.on(
        "DELETE",
        &path,
        ok(documented("v4-delete-a-source.json", 0)),
    );
    let deleted = client.send(&DeleteSource::new(source_id)).unwrap();
    assert!(deleted.deleted_at.is_some());
    shown
}

#[test]
fn a_partners_flow_with_the_blocking_client() {
    let server = Server::start();
    let base_url = server.base_url.clone();
    let connect = |token: Option<Secret<String>>| {
        let client = match token {
            Some(token) => Client::new(token),
            None => Client::without_token(),
        };
        client.with_base_url(&base_url).with_retry(fast_retries())
    };
    let mut shown = flow(&server, connect);
    let client = connect(Some(Secret::new(ACCESS_TOKEN.to_owned())));
    let source_id = SourceId(108726);
    let path = format!("/v4/sources/{source_id}");
    let client_id = ClientId(116078);

    // The client walks the pages itself.
    let all: Vec<_> = client
        .pages(ListLastExtractions::new(client_id))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(all.len(), 4);

    // Errors.
    server.on(
        "PUT",
        &format!("{path}/streams/metadata"),
        vec![(400, Vec::new(), br#"{"invalid_fields":{"selected":"Unsupported fields cannot be selected by default"}}"#.to_vec())],
    );
    let refused = client
        .send(&UpdateStreamsMetadata::new(
            source_id,
            serde_json::from_value(json!({"streams": []})).unwrap(),
        ))
        .unwrap_err();
    let ClientError::Api(error) = &refused else {
        panic!("{refused}")
    };
    assert_eq!(
        (error.status(), error.invalid_fields()),
        (400, vec!["selected"])
    );
    shown.push_str(&format!("{refused}{refused:?}"));

    server.on(
        "GET",
        "/v4/sources",
        vec![(401, Vec::new(), b"Unauthorized".to_vec())],
    );
    let unauthorized = client.send(&ListSources::new()).unwrap_err();
    let ClientError::Api(error) = &unauthorized else {
        panic!()
    };
    assert_eq!(error.status(), 401);
    assert_eq!(
        server.received_count("GET", "/v4/sources"),
        1,
        "a 401 is not retried"
    );
    shown.push_str(&format!("{unauthorized}{unauthorized:?}"));

    let missing = client
        .send(&RetrieveSource::new(SourceId(404)))
        .unwrap_err();
    let ClientError::Api(error) = &missing else {
        panic!()
    };
    assert_eq!(error.status(), 404);

    // 429, then success: the client waits (`Retry-After`) and sends again.
    let busy = "/v4/sources/429";
    server.on(
        "GET",
        busy,
        vec![
            (
                429,
                vec![("Retry-After", "0".to_owned())],
                b"Too Many Requests".to_vec(),
            ),
            (200, Vec::new(), documented("v4-retrieve-a-source.json", 0)),
        ],
    );
    client.send(&RetrieveSource::new(SourceId(429))).unwrap();
    assert_eq!(server.received_count("GET", busy), 2);

    // 5xx, retried.
    let flaky = "/v4/sources/502";
    server.on(
        "GET",
        flaky,
        vec![
            (502, Vec::new(), b"Bad Gateway".to_vec()),
            (503, Vec::new(), b"".to_vec()),
            (200, Vec::new(), documented("v4-retrieve-a-source.json", 0)),
        ],
    );
    client.send(&RetrieveSource::new(SourceId(502))).unwrap();
    assert_eq!(server.received_count("GET", flaky), 3);
    let down = "/v4/sources/500";
    server.on("GET", down, vec![(500, Vec::new(), b"down".to_vec())]);
    let failed = client
        .send(&RetrieveSource::new(SourceId(500)))
        .unwrap_err();
    let ClientError::Api(error) = &failed else {
        panic!()
    };
    assert_eq!(
        (error.status(), server.received_count("GET", down)),
        (500, 3)
    );

    // A POST that met a server error is not sent again (the job may have started).
    let start = format!("{path}/sync");
    server.on(
        "POST",
        &start,
        vec![(502, Vec::new(), b"Bad Gateway".to_vec())],
    );
    let before = server.received_count("POST", &start);
    let failed = client.send(&StartJob::new(source_id)).unwrap_err();
    let ClientError::Api(error) = &failed else {
        panic!()
    };
    assert_eq!(error.status(), 502);
    assert_eq!(server.received_count("POST", &start), before + 1);
    // A 429 is: it was not acted on.
    server.on(
        "POST",
        &start,
        vec![
            (429, vec![("Retry-After", "0".to_owned())], b"".to_vec()),
            (200, Vec::new(), documented("v4-start-a-job.json", 0)),
        ],
    );
    client.send(&StartJob::new(source_id)).unwrap();

    // Pages only go forward: a `next` back to the first page ends the walk.
    let looping = "/v4/116078/extractions";
    server.on(
        "GET",
        looping,
        ok(extractions_page(1, Some("/v4/116078/extractions?page=2"))),
    );
    server.on(
        "GET",
        &format!("{looping}?page=2"),
        ok(extractions_page(2, Some("/v4/116078/extractions?page=1"))),
    );
    let walked = client.pages(ListLastExtractions::new(client_id)).count();
    assert_eq!(walked, 4);

    // Malformed JSON under a success: an ApiError with the raw body.
    let broken = "/v4/sources/7";
    server.on(
        "GET",
        broken,
        vec![(200, Vec::new(), b"{\"id\": 7, oops".to_vec())],
    );
    let malformed = client.send(&RetrieveSource::new(SourceId(7))).unwrap_err();
    let ClientError::Api(error) = &malformed else {
        panic!()
    };
    assert!(matches!(error.kind(), ApiErrorKind::Unexpected(_)));
    assert_eq!(error.body(), b"{\"id\": 7, oops");
    shown.push_str(&format!("{malformed}{malformed:?}"));

    assert_no_secret(&shown);
}

/// Sends an `http::Request` over a plain HTTP/1.1 exchange and returns the `http::Response`:
/// the "other client".
fn exchange(request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    let uri = request.uri();
    let mut stream = TcpStream::connect(uri.authority().unwrap().as_str()).unwrap();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        request.method(),
        uri.path_and_query().unwrap(),
        uri.authority().unwrap(),
        request.body().len()
    );
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(request.body()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut builder = http::Response::builder().status(status);
    for line in head.lines().skip(1) {
        let (name, value) = line.split_once(':').unwrap();
        builder = builder.header(name.trim(), value.trim());
    }
    builder.body(raw[split + 4..].to_vec()).unwrap()
}

#[test]
fn the_same_flow_through_http_conversion_and_another_client() {
    let server = Server::start();
    let base_url = server.base_url.clone();
    let mut shown = flow(&server, |token| Other {
        base_url: base_url.clone(),
        token,
    });
    let token = Secret::new(ACCESS_TOKEN.to_owned());

    // The request as the `http` crate holds it: the token marked sensitive.
    let request = ListSources::new()
        .to_http_request(&server.base_url, Some(&token))
        .unwrap();
    shown.push_str(&format!("{request:?}"));
    assert_eq!(request.method(), http::Method::GET);
    assert!(request.headers()[http::header::AUTHORIZATION].is_sensitive());

    // The extraction logs: a redirect, read from `Location`.
    let logs = http::Response::builder()
        .status(302)
        .header("Location", "https://logs.example.com/x?token=abc")
        .body(Vec::new())
        .unwrap();
    let redirect =
        stitch_connect_schema::endpoints::GetLogsForExtractionJob::from_http_response(&logs)
            .unwrap();
    assert_eq!(redirect.location, "https://logs.example.com/x?token=abc");
    assert!(!format!("{redirect:?}").contains("abc"));

    // An error through the conversion keeps status and bytes.
    let path = "/v4/sources/404";
    server.on("DELETE", path, vec![(404, Vec::new(), b"".to_vec())]);
    let request = DeleteSource::new(SourceId(404))
        .to_http_request(&server.base_url, Some(&token))
        .unwrap();
    let error = DeleteSource::from_http_response(&exchange(&request)).unwrap_err();
    assert_eq!(error.status(), 404);
    shown.push_str(&format!("{error}{error:?}"));

    // Creating an account sends no token, even when one is given.
    let account: NewAccount = serde_json::from_value(json!({
        "partner_id": "p", "partner_secret": PARTNER_SECRET, "first_name": "A",
        "last_name": "B", "company": "C", "region": "eu-central-1", "email": "a@b.c"
    }))
    .unwrap();
    let request = CreateAccount::new(account)
        .to_http_request(&server.base_url, Some(&token))
        .unwrap();
    assert!(request.headers().get(http::header::AUTHORIZATION).is_none());
    const { assert!(!<CreateAccount as Endpoint>::ACCESS_TOKEN) };
    assert_no_secret(&shown);
}
