//! SIGTERM under load (issue 11): clients keep posting applications while the server is told
//! to stop; every application it acknowledged (201) must be in the database afterwards, and the
//! server must exit 0.

use super::{start, support, temp_db};
use loanlens_server::store::sqlite::SqliteStore;
use loanlens_server::store::ApplicationStore;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One application over a fresh connection: `Some((status, body))`, or `None` once the server
/// no longer accepts or answers (it is stopping).
fn post(addr: &str, seq: u32) -> Option<(u16, String)> {
    let body = support::application_with(seq).to_string();
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(
        s,
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Idempotency-Key: sigterm-{seq}-{}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        std::process::id(),
        body.len()
    )
    .ok()?;
    let mut resp = String::new();
    s.read_to_string(&mut resp).ok()?;
    let status = resp.get(9..12)?.parse().ok()?;
    Some((status, resp.split_once("\r\n\r\n")?.1.to_string()))
}

#[cfg(unix)]
#[test]
fn sigterm_under_load_loses_no_acknowledged_application() {
    let (_dir, db) = temp_db();
    let key = "6b".repeat(32);
    let mut server = start(&db, Some(&key));
    let addr = server.addr.clone();
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let seq = Arc::new(AtomicU32::new(50_000));
    let stopping = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..12)
        .map(|_| {
            let (addr, acked, seq, stopping) =
                (addr.clone(), acked.clone(), seq.clone(), stopping.clone());
            std::thread::spawn(move || loop {
                let n = seq.fetch_add(1, Ordering::Relaxed);
                match post(&addr, n) {
                    Some((201, body)) => {
                        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                        acked.lock().unwrap().push(v["id"].as_str().unwrap().to_string());
                    }
                    // Anything else may only be the server going away.
                    Some((status, body)) => {
                        assert!(stopping.load(Ordering::SeqCst), "{status} before SIGTERM: {body}")
                    }
                    None if stopping.load(Ordering::SeqCst) => break,
                    None => panic!("connection failed before SIGTERM"),
                }
            })
        })
        .collect();
    // Let the load build up, then stop the server in the middle of it.
    let t = Instant::now();
    while acked.lock().unwrap().len() < 50 && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
    stopping.store(true, Ordering::SeqCst);
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    for c in clients {
        c.join().unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", server.log());
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 50, "load before the stop: {}", acked.len());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = SqliteStore::open(&db).await.unwrap();
        for id in &acked {
            assert!(store.get(id).await.unwrap().is_some(), "acknowledged {id} was lost");
        }
        // An application stored whose answer was lost in the stop would be fine (the client
        // retries with its Idempotency-Key); graceful shutdown answers every one it took, so
        // here the counts agree, but only "nothing acknowledged is lost" is the promise.
        assert!(store.count().await.unwrap() >= acked.len() as u64);
    });
}
