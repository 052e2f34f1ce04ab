//! `loanlens-server`: reads its configuration from the environment and serves until stopped.

use loanlens_server::{serve, Config};
use std::io::IsTerminal;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "loanlens_server=info,tower_http=warn".into()),
        )
        // Colour codes only on a terminal: a log file or pipe gets plain text.
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    let config = Config::from_env();
    if let Err(e) = serve(config).await {
        eprintln!("loanlens-server: {e}");
        std::process::exit(1);
    }
}
