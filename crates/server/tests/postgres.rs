//! `loanlens-server` on Postgres as an operator runs it (`LOANLENS_DB=postgres://…`): several
//! servers share one database, the key must come from the environment, the URL's password
//! never reaches the output, and a dump of the database holds no personal data in clear.

#[path = "store_contract/mod.rs"]
mod contract;
#[path = "support/stores.rs"]
mod stores;

use loanlens_server::store::postgres::PgStore;
use loanlens_server::store::ApplicationStore;
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A profile the default card passes (age 35, as the ID numbers below say).
const STRONG: &str = include_str!("../../core/tests/data/scorecard/profiles/strong.json");

const KEY: &str = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c";

/// A running server with its output (stdout and stderr) collected.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(db_url: &str, key: Option<&str>, static_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loanlens-server"));
    cmd.env("LOANLENS_ADDR", "127.0.0.1:0")
        .env("LOANLENS_DB", db_url)
        .env("LOANLENS_STATIC_DIR", static_dir)
        .env("RUST_LOG", "debug")
        .env_remove("LOANLENS_DATA_KEY")
        .env_remove("LOANLENS_SCORECARD")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(k) = key {
        cmd.env("LOANLENS_DATA_KEY", k);
    }
    cmd
}

/// Starts the server; `Err(output)` when it exits instead (within 20 s).
fn run(mut cmd: Command) -> Result<Server, String> {
    let mut child = cmd.spawn().unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let readers: Vec<_> = [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ]
    .into_iter()
    .map(|stream| {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let mut l = log.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        })
    })
    .collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = log.lock().unwrap().clone();
        if let Some(i) = text.find("http://") {
            let addr = text[i + 7..].split('/').next().unwrap().to_string();
            return Ok(Server { child, addr, log });
        }
        if let Ok(Some(_)) = child.try_wait() {
            readers.into_iter().for_each(|r| drop(r.join()));
            return Err(log.lock().unwrap().clone());
        }
        assert!(Instant::now() < deadline, "server neither started nor exited: {text}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One HTTP/1.1 request over a fresh connection (`extra`: more header lines, each ending in
/// CRLF): (status, body).
fn http(addr: &str, method: &str, path: &str, extra: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         {extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = resp.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// A full, valid application (the card version the server scores with, both consents, a
/// profile the default card passes) with these personal data.
fn apply(addr: &str, name: &str, phone: &str, id_number: &str) -> (u16, String) {
    let (_, card) = http(addr, "GET", "/api/v1/scorecard", "", "");
    let card: serde_json::Value = serde_json::from_str(&card).unwrap();
    let body = json!({
        "scorecard_version": card["version"],
        "profile": serde_json::from_str::<serde_json::Value>(STRONG).unwrap(),
        "applicant": {"name": name, "phone": phone, "id_number": id_number, "city": "乌鲁木齐"},
        "consents": {"personal_information": {"version": "pi-2026-11", "accepted": true},
                     "credit_inquiry": {"version": "ci-2026-11", "accepted": true}},
    });
    let key = format!("Idempotency-Key: pg-{}\r\n", uuid::Uuid::new_v4().simple());
    http(addr, "POST", "/api/v1/applications", &key, &body.to_string())
}

/// `url` with a password: (url, password), the one it has or an added one.
fn with_password(url: &str) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (user, host) = rest.split_once('@').expect("a user in TEST_POSTGRES_URL");
    match user.split_once(':') {
        Some((_, pw)) => (url.to_string(), pw.to_string()),
        None => (format!("{scheme}://{user}:Pw-7f3a9c@{host}"), "Pw-7f3a9c".to_string()),
    }
}

/// The URL's password never reaches the output, even when the connection fails.
#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let url = "postgres://loanlens:Pw-7f3a9c@127.0.0.1:1/loans";
    let out = run(command(url, Some(KEY), dir.path())).err().expect("no database: no server");
    assert!(out.contains("cannot open database postgres://loanlens@127.0.0.1:1/loans"), "{out}");
    assert!(!out.contains("Pw-7f3a9c"), "{out}");
}

/// Two servers share one database: each sees the other's applications; a server without the
/// key or with another key refuses to start instead of sealing with a key the others lack; no
/// output shows the URL's password; and `pg_dump` of the database has no name or phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_share_one_database_and_its_dump_holds_no_personal_data() {
    let Some(db) = stores::postgres_database().await else { return };
    // The throwaway cluster trusts local connections: a password in the URL is never asked
    // for, so one is added to check it stays out of the output. A given one is checked as is.
    let (url, password) = with_password(&db.url);
    let dir = tempfile::tempdir().unwrap();
    let a = run(command(&url, Some(KEY), dir.path())).unwrap();
    let b = run(command(&url, Some(KEY), dir.path())).unwrap();
    let (sa, ra) = apply(&a.addr, "欧阳娜娜", "13912345678", "110105199103070030");
    let (sb, rb) = apply(&b.addr, "Zhang Weiming", "13787654321", "110105199103070110");
    assert_eq!((sa, sb), (201, 201), "{ra} {rb}");
    let store = PgStore::connect(&db.url).await.unwrap();
    assert_eq!(store.count().await.unwrap(), 2);
    for r in [&ra, &rb] {
        let id: serde_json::Value = serde_json::from_str(r).unwrap();
        assert!(store.get(id["id"].as_str().unwrap()).await.unwrap().is_some());
    }

    let missing = run(command(&url, None, dir.path())).err().expect("no key: refuses");
    assert!(
        missing.contains("LOANLENS_DATA_KEY is required with a Postgres database"),
        "{missing}"
    );
    let other = run(command(&url, Some(&"4d".repeat(32)), dir.path())).err().expect("refuses");
    assert!(other.contains("is not the key this database was sealed with"), "{other}");
    let (log_a, log_b) = (a.log.lock().unwrap().clone(), b.log.lock().unwrap().clone());
    assert!(log_a.contains("store opened") && log_a.contains("postgres://"), "{log_a}");
    for out in [log_a, log_b, missing, other] {
        assert!(!out.contains(&password), "{out}");
    }

    let pg_dump = std::env::var("TEST_PG_BIN").map_or("pg_dump".into(), |b| format!("{b}/pg_dump"));
    let dump = Command::new(&pg_dump).arg("--dbname").arg(&db.url).output().unwrap();
    assert!(dump.status.success(), "{}", String::from_utf8_lossy(&dump.stderr));
    let text = String::from_utf8_lossy(&dump.stdout);
    let stored: serde_json::Value = serde_json::from_str(&ra).unwrap();
    assert!(text.contains(stored["id"].as_str().unwrap()), "the dump holds the rows");
    let plaintext = ["欧阳娜娜", "Zhang Weiming", "13912345678", "13787654321", "87654321"];
    let ids = ["110105199103070030", "110105199103070110", "1991030700", "乌鲁木齐"];
    for plain in plaintext.iter().chain(&ids) {
        assert!(!text.contains(plain), "{plain} in clear in the dump");
    }
}

/// Every store guarantee of `tests/store_contract/` holds on Postgres too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_the_store_contract() {
    let Some((store, _db)) = stores::postgres_store().await else { return };
    contract::run_all(store).await;
}

#[test]
fn test_database_urls_keep_their_server_and_options() {
    use stores::with_database;
    assert_eq!(
        with_database("postgres://u@localhost/postgres?host=/tmp/x", "t1"),
        "postgres://u@localhost/t1?host=/tmp/x"
    );
    assert_eq!(with_database("postgresql://u:p@h:5433/db", "t2"), "postgresql://u:p@h:5433/t2");
    assert_eq!(with_database("postgres://u@h", "t3"), "postgres://u@h/t3");
}

/// `loanlens-server rotate-keys` on Postgres: every row and stored answer re-sealed under the
/// new key with the ID hashes recomputed; the old key no longer starts a server; the new one
/// opens everything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotate_keys_works_on_a_shared_database() {
    let Some(db) = stores::postgres_database().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = ("a1".repeat(32), "b2".repeat(32));
    const STAFF: &str = "pg-rotation-staff-token-0123456789abcdef";
    let staffed = |key: &str| {
        let mut cmd = command(&db.url, Some(key), dir.path());
        cmd.env("LOANLENS_ADMIN_TOKENS", STAFF);
        cmd
    };
    let server = run(staffed(&old)).unwrap();
    let (status, first) = apply(&server.addr, "王小明", "13700137000", "110105199103070030");
    assert_eq!(status, 201, "{first}");
    drop(server);

    let mut rotate = command(&db.url, Some(&new), dir.path());
    let out = rotate.arg("rotate-keys").env("LOANLENS_PREVIOUS_DATA_KEYS", &old).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said} {}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("1 application(s)") && said.contains("1 stored answer(s)"), "{said}");
    let refused = run(staffed(&old)).err().expect("the old key is retired");
    assert!(refused.contains("rotate-keys"), "{refused}");

    let server = run(staffed(&new)).unwrap();
    let (status, dup) = apply(&server.addr, "王小明", "13700137000", "110105199103070030");
    let id = serde_json::from_str::<serde_json::Value>(&first).unwrap()["id"].clone();
    assert_eq!(status, 200, "the recomputed ID hash still finds the duplicate: {dup}");
    assert!(dup.contains(id.as_str().unwrap()), "{dup}");
    let auth = format!("Authorization: Bearer {STAFF}\r\n");
    let path = format!("/api/v1/admin/applications/{}", id.as_str().unwrap());
    let (status, detail) = http(&server.addr, "GET", &path, &auth, "");
    assert_eq!(status, 200, "{detail}");
    assert!(detail.contains("王小明"), "the new key opens the re-sealed row: {detail}");
}
