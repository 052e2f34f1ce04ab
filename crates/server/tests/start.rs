//! The `loanlens-server` binary as an operator runs it: key handling at start, file modes, and
//! what reaches the log, over a real socket.

use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running server with its log (stdout and stderr) collected.
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

impl Server {
    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

fn command(db: &Path, key: Option<&str>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loanlens-server"));
    cmd.env("LOANLENS_ADDR", "127.0.0.1:0")
        .env("LOANLENS_HEADER_TIMEOUT_SECS", "2")
        .env("LOANLENS_REQUEST_TIMEOUT_SECS", "2")
        .env("LOANLENS_DB", db)
        .env("LOANLENS_STATIC_DIR", db.parent().unwrap())
        .env_remove("LOANLENS_DATA_KEY")
        .env_remove("LOANLENS_SCORECARD")
        .env_remove("LOANLENS_ADMIN_TOKENS")
        .env_remove("LOANLENS_PREVIOUS_DATA_KEYS")
        .env("LOANLENS_APPLY_RATE_PER_MINUTE", "0")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(k) = key {
        cmd.env("LOANLENS_DATA_KEY", k);
    }
    cmd
}

/// Starts the server and waits for its address.
fn start(db: &Path, key: Option<&str>) -> Server {
    start_command(command(db, key))
}

fn start_command(mut cmd: Command) -> Server {
    let mut child = cmd.spawn().unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let mut l = log.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = log.lock().unwrap().clone();
        if let Some(i) = text.find("http://") {
            let addr = text[i + 7..].split('/').next().unwrap().to_string();
            return Server { child, addr, log };
        }
        assert!(Instant::now() < deadline, "server did not start: {text}");
        if let Ok(Some(status)) = child.try_wait() {
            panic!("server exited with {status}: {text}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the server expecting it to refuse to start: returns its stderr.
fn refuses(db: &Path, key: Option<&str>) -> String {
    refuses_command(command(db, key))
}

fn refuses_command(mut cmd: Command) -> String {
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("server started although it should have refused");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One HTTP/1.1 request over a fresh connection: (status, body).
fn http(addr: &str, method: &str, path: &str, ctype: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {ctype}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = resp.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// POSTs a valid application (a fresh ID number and idempotency key each call) with this
/// name and phone.
fn apply(addr: &str, name: &str, phone: &str) -> (u16, String) {
    static SEQ: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut body = support::application_with(seq);
    body["applicant"]["name"] = json!(name);
    body["applicant"]["phone"] = json!(phone);
    let key = format!("start-test-key-{seq}-{}", std::process::id());
    request(
        addr,
        "POST",
        "/api/v1/applications",
        &[("Content-Type", "application/json"), ("Idempotency-Key", &key)],
        &body.to_string(),
    )
}

/// One HTTP/1.1 request with these headers over a fresh connection: (status, body).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    write!(s, "{head}Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = resp.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/loanlens.db");
    (dir, db)
}

#[test]
fn a_lost_or_changed_key_refuses_to_start_and_says_why() {
    let (_dir, db) = temp_db();
    let key_file = db.with_file_name("loanlens.key");
    // First start: empty database, no key configured → a development key is generated.
    let server = start(&db, None);
    assert!(key_file.exists());
    assert_eq!(apply(&server.addr, "张三", "13800138000").0, 201);
    drop(server);
    let dev_key = std::fs::read_to_string(&key_file).unwrap();

    // The key file deleted: the stored rows could not be opened with a new key.
    std::fs::remove_file(&key_file).unwrap();
    let err = refuses(&db, None);
    assert!(err.contains("no data key is configured") && err.contains("1 sealed"), "{err}");
    assert!(!key_file.exists(), "no new key is generated for a database with data");

    // Another key in the environment.
    let err = refuses(&db, Some(&"ab".repeat(32)));
    assert!(err.contains("is not the key this database was sealed with"), "{err}");
    assert!(!err.contains(&"ab".repeat(32)), "the key itself is never printed: {err}");

    // The right key from the environment starts, and so does the restored file.
    drop(start(&db, Some(dev_key.trim())));
    std::fs::write(&key_file, &dev_key).unwrap();
    drop(start(&db, None));
}

#[test]
fn a_bad_key_file_or_key_stops_the_server_with_a_message() {
    let (_dir, db) = temp_db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let key_file = db.with_file_name("loanlens.key");
    std::fs::write(&key_file, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let err = refuses(&db, None);
    assert!(err.contains("is not UTF-8"), "{err}");
    std::fs::write(&key_file, "+0".repeat(32)).unwrap();
    let err = refuses(&db, None);
    assert!(err.contains("64 hexadecimal characters"), "{err}");
    std::fs::write(&key_file, "00".repeat(32)).unwrap();
    let err = refuses(&db, None);
    assert!(err.contains("all zeros"), "{err}");
    std::fs::remove_file(&key_file).unwrap();
    let err = refuses(&db, Some("not-a-key"));
    assert!(err.contains("LOANLENS_DATA_KEY must be 64 hexadecimal"), "{err}");
    let err = refuses(&db, Some(&"0".repeat(64)));
    assert!(err.contains("all zeros"), "{err}");
    assert!(!key_file.exists(), "a configured (bad) key never leads to a generated one");
}

#[cfg(unix)]
#[test]
fn data_directory_and_database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, db) = temp_db();
    let server = start(&db, Some(&"5a".repeat(32)));
    assert_eq!(apply(&server.addr, "张三", "13800138000").0, 201);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    let mut files = 0;
    for entry in std::fs::read_dir(db.parent().unwrap()).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        files += 1;
    }
    assert!(files >= 3, "database, WAL and SHM files checked ({files})");
}

/// Hostile names, bodies and paths: each gets its 4xx, and the log holds no raw control or
/// format character, no unmasked name or phone, and no ERROR line.
#[test]
fn hostile_requests_get_4xx_and_leave_a_clean_log() {
    let (_dir, db) = temp_db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(db.with_file_name("index.html"), "<html>SPA</html>").unwrap();
    let server = start(&db, Some(&"5a".repeat(32)));
    let a = &server.addr;
    for name in ["张\n三", "\u{202E}", "\u{202E}张三", "张\u{2028}三", "\u{200B}", "张\u{1b}[31m三"]
    {
        let (status, body) = apply(a, name, "13800138000");
        assert_eq!(status, 400, "{name:?} {body}");
        assert!(body.contains("applicant.name"), "{body}");
    }
    assert_eq!(apply(a, "  Zhangsan Li  ", "13912345678").0, 201);
    let (status, body) = apply(a, "张三", &"1".repeat(5));
    assert_eq!(status, 400, "{body}");
    let loan = r#"{"principal":"1000.00","annual_rate":"0.06","term_months":12,"method":"bullet"}"#;
    assert_eq!(http(a, "POST", "/api/v1/schedule", "application/json", loan).0, 200);
    assert_eq!(
        http(a, "POST", "/api/v1/schedule", "application/json", &format!("{loan} xyz")).0,
        400
    );
    assert_eq!(http(a, "POST", "/api/v1/schedule", "application/jsonp", loan).0, 415);
    assert_eq!(http(a, "POST", "/api/v1/schedule", "application/json-seq", loan).0, 415);
    assert_eq!(
        http(a, "POST", "/api/v1/schedule", "application/json; charset=iso-8859-1", loan).0,
        415
    );
    let (status, body) =
        http(a, "POST", "/api/v1/schedule", "application/json", r#"{"principal":13800138000}"#);
    assert_eq!(status, 400);
    assert!(!body.contains("13800138000"), "{body}");
    // Over-long paths: 414 past the limit, 404 for a segment the file system refuses.
    let (status, _) = http(a, "GET", &format!("/{}", "a".repeat(8000)), "text/plain", "");
    assert!(status == 414 || status == 404, "{status}");
    let (status, _) = http(a, "GET", &format!("/{}/x", "a".repeat(1000)), "text/plain", "");
    assert!(status == 414 || status == 404, "{status}");
    let (status, body) = http(a, "GET", "/calculator", "text/plain", "");
    assert_eq!((status, body.as_str()), (200, "<html>SPA</html>"));

    std::thread::sleep(Duration::from_millis(200));
    let log = server.log();
    assert!(log.contains("application stored"), "{log}");
    // Not even masked: the log has no personal data at all.
    for secret in ["Zhangsan", "13912345678", "13800138000", "张三", "139****5678", "Z*"] {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
    assert!(!log.contains("ERROR"), "{log}");
    let bad = log.chars().find(|&c| c != '\n' && loanlens_core::application::is_hidden_char(c));
    assert_eq!(bad, None, "raw control or format character in the log: {log:?}");
}

/// A client that stalls is cut off: one that never finishes its headers loses the connection,
/// one that never finishes its body gets 408 in the v1 error shape; others are served.
#[test]
fn slow_clients_are_cut_off_within_the_timeouts() {
    let (_dir, db) = temp_db();
    let server = start(&db, Some(&"5a".repeat(32)));
    let a = &server.addr;

    let mut s = TcpStream::connect(a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"POST /api/v1/schedule HTTP/1.1\r\nHost: x\r\n").unwrap();
    let t = Instant::now();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let waited = t.elapsed();
    assert!(waited >= Duration::from_millis(1500), "cut off too early: {waited:?}");
    assert!(waited < Duration::from_secs(6), "half a head held the connection {waited:?}");

    let mut s = TcpStream::connect(a).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(
        b"POST /api/v1/schedule HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\nConnection: close\r\n\r\n{\"principal\":",
    )
    .unwrap();
    let t = Instant::now();
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    let waited = t.elapsed();
    assert!(waited >= Duration::from_millis(1500), "cut off too early: {waited:?}");
    assert!(waited < Duration::from_secs(6), "half a body held the request {waited:?}");
    assert!(resp.starts_with("HTTP/1.1 408"), "{resp}");
    let body = resp.split_once("\r\n\r\n").unwrap().1;
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["error"]["field"], "request", "{v}");

    let (status, _) = http(a, "GET", "/api/v1/health", "text/plain", "");
    assert_eq!(status, 200);
}

/// SIGTERM (a service manager's stop) lets a request in flight finish, then exits cleanly.
#[cfg(unix)]
#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    let (_dir, db) = temp_db();
    let mut server = start(&db, Some(&"5a".repeat(32)));
    let loan = r#"{"principal":"1000.00","annual_rate":"0.06","term_months":12,"method":"bullet"}"#;
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let (head, tail) = loan.split_at(20);
    write!(
        s,
        "POST /api/v1/schedule HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{head}",
        loan.len()
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    std::thread::sleep(Duration::from_millis(200));
    s.write_all(tail.as_bytes()).unwrap();
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[path = "start/legacy.rs"]
mod legacy;
#[path = "start/rotate.rs"]
mod rotate;
#[path = "start/scorecard.rs"]
mod scorecard;
#[path = "start/shutdown.rs"]
mod shutdown;
#[path = "support/application.rs"]
mod support;
