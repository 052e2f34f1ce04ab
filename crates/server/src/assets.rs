//! The SPA's files: served precompressed by content negotiation and cached by name, and the
//! build step that writes the compressed variants.
//!
//! Invariants:
//! - A file whose name carries Trunk's content hash (`name-<hex>.wasm|js|css`, see
//!   [`is_hashed_name`]) never changes under that name, so it is cached for a year as
//!   `immutable`. Every HTML answer (`index.html` and each deep link that returns it) is
//!   `no-cache`, so the next visit after a deploy sees the new build. (The headers are set in
//!   `headers.rs`, from the rules here.)
//! - Nothing is compressed at request time for static files: [`precompress_dir`] writes
//!   `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) beside each compressible file
//!   at build time (`./x build`), and [`page_service`] picks the variant the client accepts.
//!   API answers are compressed on the fly above [`API_COMPRESS_MIN`] bytes ([`compress_api`]).

use axum::Router;
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// API answers smaller than this many bytes are sent uncompressed (compression would not pay
/// for its CPU or its headers).
pub const API_COMPRESS_MIN: u16 = 1024;

/// File extensions worth compressing (text and WebAssembly; images and fonts already are).
const COMPRESSIBLE: &[&str] = &["wasm", "js", "mjs", "css", "html", "svg", "json", "txt", "map"];

/// Files smaller than this are not worth a compressed variant.
const PRECOMPRESS_MIN: u64 = 256;

/// Serves the page build in `dir`: a file when one matches the path (its `.br` or `.gz`
/// variant when the client accepts it and the variant exists), else `dir/index.html` with
/// 200, so deep links such as `/calculator` load the SPA.
pub fn page_service(dir: &Path) -> ServeDir<ServeFile> {
    let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
    ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(index)
}

/// Compresses API answers of at least [`API_COMPRESS_MIN`] bytes with brotli or gzip, as the
/// client's `Accept-Encoding` allows.
pub fn compress_api<S: Clone + Send + Sync + 'static>(api: Router<S>) -> Router<S> {
    let predicate = SizeAbove::new(API_COMPRESS_MIN)
        .and(NotForContentType::new("text/event-stream"))
        .and(NotForContentType::IMAGES);
    api.layer(CompressionLayer::new().br(true).gzip(true).compress_when(predicate))
}

/// Whether `name` (a file name, without directories) carries Trunk's content hash:
/// `stem-<10 to 16 lowercase hex digits>[_bg].(wasm|js|css)`.
///
/// ```
/// use loanlens_server::assets::is_hashed_name;
/// assert!(is_hashed_name("loanlens-web-5b2c1e9f0a3d4c7e_bg.wasm"));
/// assert!(is_hashed_name("app-0f1e2d3c4b5a6978.css"));
/// assert!(!is_hashed_name("app.css"));
/// assert!(!is_hashed_name("index.html"));
/// ```
pub fn is_hashed_name(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !matches!(ext, "wasm" | "js" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    (10..=16).contains(&hash.len()) && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What [`precompress_dir`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Precompressed {
    /// (file, raw bytes, brotli bytes, gzip bytes) for each file compressed.
    pub files: Vec<(PathBuf, u64, u64, u64)>,
}

/// Writes `f.br` and `f.gz` beside every compressible file of at least 256 bytes under `dir`
/// (recursively: other pages' builds live in subfolders). A variant that would not be smaller
/// than the file is not written (and a stale one is removed), so it is never served.
pub fn precompress_dir(dir: &Path) -> std::io::Result<Precompressed> {
    let mut out = Precompressed::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            let compressible = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e));
            if !kind.is_file() || !compressible || entry.metadata()?.len() < PRECOMPRESS_MIN {
                continue;
            }
            let raw = std::fs::read(&path)?;
            let br = brotli_bytes(&raw)?;
            let gz = gzip_bytes(&raw)?;
            write_variant(&path, "br", &br, raw.len())?;
            write_variant(&path, "gz", &gz, raw.len())?;
            out.files.push((path, raw.len() as u64, br.len() as u64, gz.len() as u64));
        }
    }
    Ok(out)
}

/// `loanlens-server precompress DIR`: compresses the build and prints what it wrote; the
/// process exit code (0, or 1 when the directory cannot be read or written).
pub fn precompress_command(dir: &Path) -> i32 {
    match precompress_dir(dir) {
        Ok(done) => {
            for (path, raw, br, gz) in &done.files {
                println!("   {raw:>8} raw {br:>8} br {gz:>8} gz  {}", path.display());
            }
            0
        }
        Err(e) => {
            eprintln!("loanlens-server precompress {}: {e}", dir.display());
            1
        }
    }
}

/// `raw` compressed with brotli at quality 11 (the best; build time only).
pub fn brotli_bytes(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(raw)?;
        w.flush()?;
    }
    Ok(out)
}

/// `raw` compressed with gzip at level 9.
pub fn gzip_bytes(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(raw)?;
    w.finish()
}

fn write_variant(path: &Path, ext: &str, bytes: &[u8], raw_len: usize) -> std::io::Result<()> {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    let target = PathBuf::from(name);
    if bytes.len() >= raw_len {
        return match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    // Write then rename, so a server reading the directory never sees half a file.
    let tmp = target.with_extension(format!("{ext}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks_and_nothing_else() {
        assert!(is_hashed_name("loanlens-web-a1b2c3d4e5f60718.js"));
        assert!(is_hashed_name("precheck-a1b2c3d4e5f607_bg.wasm"));
        for name in [
            "loanlens-web.js",
            "app-A1B2C3D4E5F60718.css",
            "app-a1b2c3.css",
            "a1b2c3d4e5f60718.js",
            "logo-a1b2c3d4e5f60718.png",
            "app-a1b2c3d4e5f60718.css.br",
            "app-a1b2c3d4e5f60718a1b2.css",
        ] {
            assert!(!is_hashed_name(name), "{name}");
        }
    }

    #[test]
    fn variants_decompress_to_the_file_and_small_or_incompressible_files_get_none() {
        let dir = tempfile::tempdir().unwrap();
        let text = "let x = 1;\n".repeat(500);
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/app-0123456789abcdef.js"), &text).unwrap();
        std::fs::write(dir.path().join("tiny.css"), "a{}").unwrap();
        std::fs::write(dir.path().join("photo.png"), &text).unwrap();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        std::fs::write(dir.path().join("noise.json"), &noise).unwrap();
        let done = precompress_dir(dir.path()).unwrap();
        assert_eq!(done.files.len(), 2, "{done:?}");
        let js = dir.path().join("sub/app-0123456789abcdef.js");
        let br = std::fs::read(js.with_extension("js.br")).unwrap();
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut plain).unwrap();
        assert_eq!(plain, text.as_bytes());
        let gz = std::fs::read(js.with_extension("js.gz")).unwrap();
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, text);
        assert!(!dir.path().join("tiny.css.br").exists());
        assert!(!dir.path().join("photo.png.br").exists());
        assert!(!dir.path().join("noise.json.br").exists(), "a variant larger than the file");
    }
}
