//! Intake throughput: N keep-alive clients posting valid applications to a release server on a
//! temporary database, and, in the same run, the ceiling of the same inserts through the same
//! store without HTTP. A command (`./x bench`), not a test: figures depend on the machine.
//!
//! ```sh
//! cargo build --profile server -p loanlens-server --example intake_bench
//! target/server/examples/intake_bench [--clients 32] [--seconds 10] [--server PATH] [--db DB]
//! ```
//!
//! `--db sqlite` (the default): temporary SQLite files. `--db postgres://…`: a Postgres server
//! whose user may create databases; the run creates two fresh databases there (one for the
//! server, one for the ceiling) and drops them afterwards (`./x bench` uses a throwaway
//! cluster, `tools/pg-throwaway.sh`).

use loanlens_server::crypto::{DataKey, Sealer};
use loanlens_server::store::postgres::PgStore;
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::store::{
    ApplicationStore, IdempotentResponse, NewApplication, Submission, SubmitOutcome,
};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Args {
    clients: usize,
    seconds: u64,
    server: PathBuf,
    /// `None`: SQLite; else a Postgres server URL.
    postgres: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        clients: 32,
        seconds: 10,
        server: std::env::current_exe()
            .ok()
            .and_then(|p| Some(p.parent()?.parent()?.join("loanlens-server")))
            .unwrap_or_else(|| "target/server/loanlens-server".into()),
        postgres: None,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--clients", Some(v)) => a.clients = v.parse().expect("--clients N"),
            ("--seconds", Some(v)) => a.seconds = v.parse().expect("--seconds N"),
            ("--server", Some(v)) => a.server = v.into(),
            ("--db", Some(v)) if v == "sqlite" => a.postgres = None,
            ("--db", Some(v)) if v.starts_with("postgres") => a.postgres = Some(v.clone()),
            _ => panic!(
                "usage: intake_bench [--clients N] [--seconds S] [--server PATH] \
                 [--db sqlite|postgres://…]"
            ),
        }
    }
    a
}

/// A valid application (the default card passes it) whose ID number is distinct for each `n`
/// below 900,000,000, so no two are duplicates.
fn body(n: usize) -> String {
    let year = loanlens_server::today_in_china(loanlens_server::now()).year() - 35;
    let first17 = format!("{}{year:04}0101{:03}", 100_000 + (n / 1000) % 900_000, n % 1000);
    let id = format!("{first17}{}", loanlens_core::application::id_check_char(&first17).unwrap());
    format!(
        r#"{{"scorecard_version":"2026.11","profile":{{"age":35,"monthly_income":"15000.00","employment":"salaried","months_in_job":48,"housing":"mortgage","monthly_debt_payments":"1500.00","overdue_count_24m":0,"currently_overdue":false,"credit_inquiries_6m":1,"social_insurance_months":60,"purpose":"consumption","segment":"consumer","loan":{{"principal":"50000.00","term_months":24}}}},"applicant":{{"name":"张三","phone":"138{:08}","id_number":"{id}","city":"上海"}},"consents":{{"personal_information":{{"version":"pi-2026-11","accepted":true}},"credit_inquiry":{{"version":"ci-2026-11","accepted":true}}}}}}"#,
        n % 100_000_000
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// One keep-alive client: posts until `deadline`, returns the latency of each 201.
async fn client(addr: String, deadline: Instant, id: usize) -> (Vec<Duration>, usize) {
    let mut s = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    s.set_nodelay(true).ok();
    let mut lat = Vec::new();
    let mut other = 0;
    let mut buf = vec![0u8; 16 * 1024];
    let mut n = id * 1_000_000;
    while Instant::now() < deadline {
        let b = body(n);
        n += 1;
        let req = format!(
            "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Idempotency-Key: bench-{n:08}\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        );
        let t = Instant::now();
        s.write_all(req.as_bytes()).await.expect("write");
        // Read one response: head, then Content-Length bytes of body.
        let mut have = 0;
        let (head_end, len) = loop {
            let r = s.read(&mut buf[have..]).await.expect("read");
            assert!(r > 0, "server closed the connection");
            have += r;
            if let Some(i) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
                let len = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                break (i + 4, len);
            }
        };
        while have < head_end + len {
            let r = s.read(&mut buf[have..]).await.expect("read");
            assert!(r > 0, "server closed the connection");
            have += r;
        }
        if buf.starts_with(b"HTTP/1.1 201") {
            lat.push(t.elapsed());
        } else {
            other += 1;
        }
    }
    (lat, other)
}

/// The submissions the server would make for `n` applications (sealed, scored once: the
/// store is what is timed), with distinct ids, keys and ID hashes from `offset`.
fn rows(n: usize, offset: usize, sealer: &Sealer) -> Vec<Submission> {
    let evaluation = r#"{"schema_version":1}"#;
    (0..n)
        .map(|i| {
            let id = loanlens_server::crypto::random_token();
            let applicant =
                format!(r#"{{"name":"张三","phone":"138{i:08}","id_number":"x","city":"上海"}}"#);
            let at = loanlens_server::timestamp(loanlens_server::now());
            Submission {
                application: NewApplication {
                    id: id.clone(),
                    reference: format!(
                        "LL-{:04}-{:04}",
                        (offset + i) / 10_000,
                        (offset + i) % 10_000
                    ),
                    created_at: at.clone(),
                    decision: "pass".into(),
                    score: "612".into(),
                    scorecard_id: "loanlens-illustrative".into(),
                    scorecard_version: "2026.11".into(),
                    partner: None,
                    principal: "50000.00".into(),
                    term_months: 24,
                    profile_json: "{}".into(),
                    evaluation_json: evaluation.into(),
                    client_result_json: None,
                    consents_json: "[]".into(),
                    status_token_hash: format!("{:064}", offset + i),
                    id_hash: format!("{:064}", offset + i),
                    key_id: sealer.key_id().to_string(),
                    applicant_sealed: sealer.seal(&id, applicant.as_bytes()).unwrap(),
                },
                response: IdempotentResponse {
                    key: format!("raw-{}", offset + i),
                    request_hash: "h".into(),
                    status: 201,
                    body: sealer.seal("answer", b"{}").unwrap(),
                    key_id: Some(sealer.key_id().to_string()),
                    created_at: at,
                },
                duplicate_since: "2026-01-01".into(),
            }
        })
        .collect()
}

/// `url` with its database name replaced by `db` (query parameters such as `host=` kept).
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let server = rest.split_once('/').map_or(rest, |(s, _)| s);
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("{scheme}://{server}/{db}{query}")
}

/// A fresh database on the Postgres server `url`, dropped by [`drop_database`]: its URL.
async fn create_database(url: &str, name: &str) -> String {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(url).await.expect("connect to --db");
    sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut c).await.unwrap();
    with_database(url, name)
}

async fn drop_database(url: &str, name: &str) {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(url).await.expect("connect to --db");
    let drop = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    sqlx::query(&drop).execute(&mut c).await.unwrap();
}

/// Inserts `total` rows (prepared before the clock starts) through the store with `clients`
/// concurrent tasks: rows/s.
async fn raw_ceiling(clients: usize, total: usize, postgres: Option<&str>) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn ApplicationStore> = match postgres {
        Some(url) => Arc::new(PgStore::connect(url).await.unwrap()),
        None => Arc::new(SqliteStore::open(&dir.path().join("raw.db")).await.unwrap()),
    };
    let sealer = Sealer::new(&DataKey::generate());
    let per_task = total.div_ceil(clients).max(1);
    let batches: Vec<_> = (0..clients).map(|c| rows(per_task, c * per_task, &sealer)).collect();
    let start = Instant::now();
    let tasks: Vec<_> = batches
        .into_iter()
        .map(|batch| {
            let store = store.clone();
            tokio::spawn(async move {
                for row in &batch {
                    assert_eq!(store.submit(row).await.unwrap(), SubmitOutcome::Created);
                }
                batch.len()
            })
        })
        .collect();
    let mut done = 0;
    for t in tasks {
        done += t.await.unwrap();
    }
    let rate = done as f64 / start.elapsed().as_secs_f64().max(1e-9);
    assert_eq!(store.count().await.unwrap() as usize, done, "every acknowledged insert is stored");
    rate
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().unwrap();
    let run = uuid::Uuid::new_v4().simple().to_string();
    let (http_db, raw_db) =
        (format!("loanlens_bench_{run}_http"), format!("loanlens_bench_{run}_raw"));
    let (db, raw_url, store_name) = match &a.postgres {
        Some(url) => (
            create_database(url, &http_db).await,
            Some(create_database(url, &raw_db).await),
            "PostgreSQL database",
        ),
        None => (dir.path().join("db/bench.db").display().to_string(), None, "SQLite database"),
    };
    let mut child = Command::new(&a.server)
        .env("LOANLENS_ADDR", "127.0.0.1:0")
        .env("LOANLENS_DB", &db)
        .env("LOANLENS_DATA_KEY", "5a".repeat(32))
        .env("LOANLENS_STATIC_DIR", dir.path())
        .env("RUST_LOG", "warn")
        .env("LOANLENS_APPLY_RATE_PER_MINUTE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", a.server.display()));
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("server exited").unwrap();
        if let Some(i) = line.find("http://") {
            break line[i + 7..].split('/').next().unwrap().to_string();
        }
    };
    println!(
        "intake: {} keep-alive clients for {} s against {} (release, temporary {store_name})",
        a.clients,
        a.seconds,
        a.server.display()
    );
    let start = Instant::now();
    let deadline = start + Duration::from_secs(a.seconds);
    let tasks: Vec<_> =
        (0..a.clients).map(|i| tokio::spawn(client(addr.clone(), deadline, i))).collect();
    let mut lat = Vec::new();
    let mut other = 0;
    for t in tasks {
        let (l, o) = t.await.unwrap();
        lat.extend(l);
        other += o;
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    lat.sort();
    let http_rate = lat.len() as f64 / secs;
    println!(
        "  HTTP: {} applications stored (201) in {secs:.1} s = {http_rate:.0} applications/s; \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; other answers: {other}",
        lat.len(),
        percentile(&lat, 0.50).as_secs_f64() * 1e3,
        percentile(&lat, 0.99).as_secs_f64() * 1e3,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    let raw = raw_ceiling(a.clients, lat.len(), raw_url.as_deref()).await;
    if let Some(url) = &a.postgres {
        drop_database(url, &http_db).await;
        drop_database(url, &raw_db).await;
    }
    println!(
        "  raw store ceiling ({} rows like those, same store, {} tasks, no HTTP): {raw:.0} \
         inserts/s; HTTP / raw = {:.2}",
        lat.len(),
        a.clients,
        http_rate / raw
    );
}
