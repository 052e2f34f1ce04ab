//! `loanlens-server`: reads its configuration from the environment and serves until stopped.
//! `loanlens-server precompress DIR` writes the `.br`/`.gz` variants of a build (`./x build`);
//! `loanlens-server rotate-keys` re-seals personal data under a new data key (`rotate.rs`).

use loanlens_server::telemetry::{init_logs, LogFormat};
use loanlens_server::{serve, Config};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [cmd, dir] = &args[..] {
        if cmd == "precompress" {
            std::process::exit(loanlens_server::assets::precompress_command(dir.as_ref()));
        }
    }
    if let [cmd] = &args[..] {
        if cmd == "rotate-keys" {
            init_logs(LogFormat::from_env());
            std::process::exit(loanlens_server::rotate::rotate_command(&Config::from_env()).await);
        }
    }
    if !args.is_empty() {
        eprintln!("usage: loanlens-server            (configured by LOANLENS_* variables)");
        eprintln!("       loanlens-server precompress DIR");
        eprintln!("       loanlens-server rotate-keys   (LOANLENS_DATA_KEY = new key,");
        eprintln!("                                      LOANLENS_PREVIOUS_DATA_KEYS = old keys)");
        std::process::exit(64);
    }
    init_logs(LogFormat::from_env());
    loanlens_server::telemetry::install_panic_hook();
    let config = Config::from_env();
    if let Err(e) = serve(config).await {
        eprintln!("loanlens-server: {e}");
        std::process::exit(1);
    }
}
