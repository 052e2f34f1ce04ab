//! QR codes of the calculator's short links, drawn as SVG in the page (no outside service).
//!
//! Built by `./x build` into `dist/qr/` as its own small WebAssembly module, which the
//! calculator loads only when a person opens its share view (`src/components/short_link.rs`):
//! the calculator's first load never carries the encoder.
//!
//! Invariants: [`svg`] never panics; text too long for a QR code gives an empty string (the
//! page then shows the link alone). The picture keeps the standard four-module quiet zone, so
//! a phone camera finds it on any background.

use qrcodegen::{QrCode, QrCodeEcc};

/// The blank border around the code, in modules (the QR standard's minimum).
pub const QUIET_ZONE: usize = 4;

/// The code's modules, row by row (`true` = dark), and its width; `None` when `text` does not
/// fit in a QR code at error-correction level M (15% of the code may be damaged and it still
/// reads).
///
/// ```
/// let (width, dark) = loanlens_qr::modules("https://example.com/c/17").unwrap();
/// assert_eq!(dark.len(), width * width);
/// ```
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let width = usize::try_from(code.size()).ok()?;
    let side = code.size();
    let dark = (0..side * side).map(|i| code.get_module(i % side, i / side)).collect();
    Some((width, dark))
}

/// An SVG of the QR code of `text`: one path of unit squares on a white square, with a
/// `viewBox` and no fixed size (the page sets it); empty when `text` does not fit.
///
/// ```
/// let svg = loanlens_qr::svg("https://example.com/c/17");
/// assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
/// assert_eq!(loanlens_qr::svg(&"x".repeat(5000)), "");
/// ```
pub fn svg(text: &str) -> String {
    let Some((width, dark)) = modules(text) else { return String::new() };
    // Written without `format!`: the formatting machinery would double the module's size.
    let size = number(width + 2 * QUIET_ZONE);
    let mut out = String::with_capacity(64 + dark.len() * 8);
    for part in [
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
        &size,
        " ",
        &size,
        "\" shape-rendering=\"crispEdges\" role=\"img\"><path fill=\"#fff\" d=\"M0 0h",
        &size,
        "v",
        &size,
        "H0z\"/><path fill=\"#000\" d=\"",
    ] {
        out.push_str(part);
    }
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        out.push('M');
        out.push_str(&number(i % width + QUIET_ZONE));
        out.push(' ');
        out.push_str(&number(i / width + QUIET_ZONE));
        out.push_str("h1v1h-1z");
    }
    out.push_str("\"/></svg>");
    out
}

/// `n` in decimal digits.
fn number(mut n: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|d| char::from(*d)).collect()
}

/// The module's one export for the page: `svg(text)`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = svg)]
pub fn svg_js(text: &str) -> String {
    svg(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the code back the way a phone does: a picture (8 px a module, quiet zone
    /// included) through an independent decoder.
    fn read_back(text: &str) -> String {
        let (width, dark) = modules(text).unwrap();
        let (scale, size) = (8, width + 2 * QUIET_ZONE);
        let px = size * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            let (mx, my) =
                ((x / scale).wrapping_sub(QUIET_ZONE), (y / scale).wrapping_sub(QUIET_ZONE));
            if mx < width && my < width && dark[my * width + mx] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_short_link_reads_back_exactly() {
        for text in [
            "http://127.0.0.1:8080/c/17",
            "https://loanlens.example.cn/c/1Kp500000r4.2t240m1f1_25d2025-01-31",
            "https://loanlens.example.cn/c/1Ap100~k1r0.5t2.5u1m1f1_25g0.1d2025-01-31q1a12b20~c1e1h13i3.5s2y8833.33z6Or4.2t360m0Or3.9t240m3k1f2000g0.05",
        ] {
            assert_eq!(read_back(text), text);
        }
    }

    #[test]
    fn the_svg_draws_every_dark_module_once() {
        let text = "https://example.com/c/1Kp500000";
        let (width, dark) = modules(text).unwrap();
        let svg = svg(text);
        assert_eq!(svg.matches("h1v1h-1z").count(), dark.iter().filter(|d| **d).count());
        let size = width + 2 * QUIET_ZONE;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")), "{svg}");
    }

    #[test]
    fn text_too_long_for_a_code_gives_nothing_and_no_panic() {
        assert_eq!(svg(&"9".repeat(8000)), "");
        assert!(!svg("").is_empty(), "an empty text is still a valid code");
    }
}
