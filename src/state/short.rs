//! Short links: `/c/<code>`, a compact, versioned form of the long link's query that carries
//! only what differs from the default calculator (docs/short-links.md).
//!
//! The short form is a second spelling of the long link, not a second field list: it is built
//! from the pairs of [`to_query`] and read back through [`from_query`], so every rule of the long
//! link (field lengths, unknown values, an offer's missing term) holds for it too. What it adds
//! is one table per level, [`FIELDS`] and each group's in [`GROUPS`], giving each query key a
//! one-letter tag; a new input is shared by a short link once its key is listed there.
//!
//! Invariants:
//! - `code = version checksum item*`: the version is `1`; the checksum is one letter or digit
//!   over the items, so most typing or truncation damage is noticed rather than silently read
//!   as another loan. An item is a tag letter and its value.
//! - Every character of a code is an unreserved URL character (`A–Z a–z 0–9 - . _ ~`): a chat
//!   app's linkifier, a QR scanner and a copy-paste keep it whole.
//! - Decoding never panics and always yields inputs: what cannot be read is skipped and
//!   reported as damage; the rest is kept (like a long link with a bad value).

use super::inputs::Inputs;
use super::query::{decode_value, encode_value, from_query, to_query};

/// The path the short link lives under.
pub const PATH_PREFIX: &str = "/c/";

/// The only version written today.
const VERSION: u8 = b'1';

/// Longest code read: the server's path limit (`PATH_LIMIT`, 2048 bytes) less [`PATH_PREFIX`].
/// The server answers the page for a longer `/c/` path too; the page reads this much and flags
/// the link as damaged.
const MAX_CODE: usize = 2048 - PATH_PREFIX.len();

/// One query key's tag. A choice lists its ids: the short form writes the id's position.
struct Tag {
    tag: u8,
    key: &'static str,
    ids: &'static [&'static str],
}

const fn text(tag: u8, key: &'static str) -> Tag {
    Tag { tag, key, ids: &[] }
}

const fn choice(tag: u8, key: &'static str, ids: &'static [&'static str]) -> Tag {
    Tag { tag, key, ids }
}

/// Method ids in the order of `Method::ALL` (a test keeps them equal).
const METHODS: &[&str] =
    &["equal_installment", "equal_principal", "interest_only", "bullet", "flat_rate"];
const RATE_KINDS: &[&str] = &["annual", "monthly_flat", "daily"];

/// The calculator's own keys. Tags are letters; the group markers of [`GROUPS`] and `X`
/// (an untagged key, see [`encode`]) are not used here.
const FIELDS: &[Tag] = &[
    text(b'p', "principal"),
    text(b'r', "rate"),
    text(b't', "term"),
    choice(b'm', "method", METHODS),
    choice(b'k', "rate_kind", RATE_KINDS),
    choice(b'u', "term_unit", &["months", "years"]),
    text(b'f', "fee"),
    text(b'g', "mfee"),
    text(b'd', "start"),
    choice(b'q', "pp", &["none", "partial", "full"]),
    text(b'a', "pp_period"),
    text(b'b', "pp_amount"),
    choice(b'c', "pp_mode", &["shorten_term", "reduce_payment"]),
    text(b'e', "pp_penalty"),
    text(b'h', "rc_period"),
    text(b'i', "rc_rate"),
    choice(b's', "solve", &["max_principal", "min_term", "implied_rate"]),
    text(b'y', "pay"),
    text(b'z', "quoted"),
    text(b'j', "pay_day"),
];

/// Repeated inputs: the long link's `<prefix><n>_<key>`. In the short form each member starts
/// with the group's marker (an upper-case letter) and its items follow with the group's tags.
struct Group {
    marker: u8,
    prefix: &'static str,
    tags: &'static [Tag],
}

const GROUPS: &[Group] = &[
    Group {
        marker: b'O',
        prefix: "o",
        tags: &[
            text(b'r', "rate"),
            text(b't', "term"),
            choice(b'm', "method", METHODS),
            choice(b'k', "rk", RATE_KINDS),
            text(b'f', "fee"),
            text(b'g', "mfee"),
        ],
    },
    // The second to fifth partial prepayments (`pp1_period`…; the first is `pp_*` above).
    Group {
        marker: b'P',
        prefix: "pp",
        tags: &[
            text(b'a', "period"),
            text(b'b', "amount"),
            choice(b'c', "mode", &["shorten_term", "reduce_payment"]),
        ],
    },
];

/// The marker of a key that has no tag (written whole, so nothing is lost).
const UNTAGGED: u8 = b'X';

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The letters and digits the checksum is written with.
const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// What [`decode`] read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub inputs: Inputs,
    /// Something could not be read (bad checksum, unknown tag, bad escape...): the page says so.
    pub damaged: bool,
}

/// The short code (after [`PATH_PREFIX`]) that reproduces `i` as its long link does.
pub fn encode(i: &Inputs) -> String {
    let defaults = pairs(&to_query(&Inputs::default()));
    let mut top = String::new();
    let mut groups = String::new();
    let mut current: Option<(u8, usize)> = None;
    for (k, v) in pairs(&to_query(i)) {
        if let Some(t) = FIELDS.iter().find(|t| t.key == k) {
            if !defaults.contains(&(k.clone(), v.clone())) {
                item(&mut top, t, &v);
            }
        } else if let Some((marker, n, t)) = group_tag(&k) {
            // Members are written in order, each with its marker (an empty one too).
            let from = match current {
                Some((m, last)) if m == marker => last + 1,
                _ => 0,
            };
            for _ in from..=n {
                groups.push(marker as char);
            }
            if from <= n {
                current = Some((marker, n));
            }
            item(&mut groups, t, &v);
        } else {
            top.push(UNTAGGED as char);
            escape_into(&mut top, &k);
            top.push(UNTAGGED as char);
            escape_into(&mut top, &v);
        }
    }
    let body = top + &groups;
    let mut code = String::with_capacity(body.len() + 2);
    code.push(VERSION as char);
    code.push(checksum(&body) as char);
    code + &body
}

/// Reads a short code; never fails: unreadable parts are skipped and flagged. The code ends at
/// its first `/` (a further path segment is damage). In a damaged code an empty value is taken
/// as damage too and skipped: a cut or garbled code never blanks a field.
pub fn decode(code: &str) -> Decoded {
    let (code, rest) = code.split_once('/').unwrap_or((code, ""));
    let mut damaged = code.len() > MAX_CODE || !rest.is_empty();
    let code: String = code.chars().take(MAX_CODE).collect();
    let b = code.as_bytes();
    damaged |= b.first() != Some(&VERSION);
    let body = b.get(2..).unwrap_or_default();
    damaged |= b.get(1) != Some(&checksum_bytes(body))
        || !body.iter().all(|c| c.is_ascii_alphanumeric() || b"-._~".contains(c));
    let broken = damaged;
    // The long link's query, built pair by pair (`&key=value`).
    let mut query = String::new();
    let mut pair = |prefix: &str, n: Option<usize>, key: &str, value: &str| {
        if broken && value.is_empty() {
            return;
        }
        query.push('&');
        query.push_str(prefix);
        if let Some(n) = n {
            query.push_str(&n.to_string());
            query.push('_');
        }
        query.push_str(&encode_value(key));
        query.push('=');
        query.push_str(&encode_value(value));
    };
    let mut group: Option<(&Group, usize)> = None;
    let mut counts = [0usize; GROUPS.len()];
    let mut pos = 0;
    while pos < body.len() {
        let c = body[pos];
        pos += 1;
        if !c.is_ascii_alphabetic() {
            damaged = true;
            continue;
        }
        if let Some(gi) = GROUPS.iter().position(|g| g.marker == c) {
            let (g, n) = (&GROUPS[gi], counts[gi]);
            counts[gi] += 1;
            group = Some((g, n));
            // An empty member still exists (its first key creates it).
            pair(g.prefix, Some(n), g.tags.first().map_or("", |t| t.key), "");
            continue;
        }
        if c == UNTAGGED {
            let (key, bad) = unescape(body, &mut pos);
            damaged |= bad || body.get(pos) != Some(&UNTAGGED);
            pos += 1;
            let (value, bad) = unescape(body, &mut pos);
            damaged |= bad;
            pair("", None, &key, &value);
            continue;
        }
        let (value, bad) = unescape(body, &mut pos);
        damaged |= bad;
        let (tags, prefix, n) = match group {
            Some((g, n)) => (g.tags, g.prefix, Some(n)),
            None => (FIELDS, "", None),
        };
        let Some(t) = tags.iter().find(|t| t.tag == c) else {
            damaged = true;
            continue;
        };
        let value = match (t.ids.is_empty(), value.parse::<usize>()) {
            (true, _) => value,
            (false, Ok(n)) if value.len() == 1 && n < t.ids.len() => t.ids[n].to_string(),
            (false, _) if value.parse::<usize>().is_err() => value,
            _ => {
                damaged = true;
                continue;
            }
        };
        pair(prefix, n, t.key, &value);
    }
    let inputs = from_query(&query).unwrap_or_default();
    Decoded { inputs, damaged }
}

/// The code of a path such as `/c/1Kp500000`, if it is a short link.
pub fn code_of_path(path: &str) -> Option<&str> {
    path.strip_prefix(PATH_PREFIX).map(|c| c.trim_end_matches('/'))
}

/// The long link's decoded `(key, value)` pairs.
fn pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (decode_value(k), decode_value(v)))
        .collect()
}

/// The group marker, member number and tag of a key such as `o1_rate`.
fn group_tag(k: &str) -> Option<(u8, usize, &'static Tag)> {
    GROUPS.iter().find_map(|g| {
        let (n, key) = k.strip_prefix(g.prefix)?.split_once('_')?;
        let n = n.parse::<usize>().ok().filter(|n| *n < 100)?;
        Some((g.marker, n, g.tags.iter().find(|t| t.key == key)?))
    })
}

fn item(out: &mut String, t: &Tag, v: &str) {
    out.push(t.tag as char);
    match t.ids.iter().position(|id| *id == v) {
        Some(n) if n < 10 => out.push(char::from(b'0' + n as u8)),
        _ => escape_into(out, v),
    }
}

/// Writes a value: digits, `.` and `-` as they are, `万` as `~`, every other byte (letters
/// too: they start the next item) as `_HH`.
fn escape_into(out: &mut String, v: &str) {
    for ch in v.chars() {
        if ch.is_ascii_digit() || ch == '.' || ch == '-' {
            out.push(ch);
        } else if ch == '万' {
            out.push('~');
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push('_');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// Reads a value from `pos` up to the next letter (or the end); `(text, damaged)`.
fn unescape(body: &[u8], pos: &mut usize) -> (String, bool) {
    let mut bytes = Vec::new();
    let mut bad = false;
    while let Some(&c) = body.get(*pos) {
        match c {
            b'0'..=b'9' | b'.' | b'-' => bytes.push(c),
            b'~' => bytes.extend_from_slice("万".as_bytes()),
            b'_' => {
                let hex = body.get(*pos + 1..*pos + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) if hex.is_some_and(|h| !h.starts_with(['+', '-'])) => {
                        bytes.push(b);
                        *pos += 2;
                    }
                    _ => bad = true,
                }
            }
            c if c.is_ascii_alphabetic() => break,
            _ => bad = true,
        }
        *pos += 1;
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, bad),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

fn checksum(body: &str) -> u8 {
    checksum_bytes(body.as_bytes())
}

/// One character over the items (a polynomial hash, so swapped or changed characters count).
fn checksum_bytes(body: &[u8]) -> u8 {
    let h = body.iter().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(*b)));
    ALNUM[(h % ALNUM.len() as u32) as usize]
}

#[cfg(test)]
#[path = "short_tests.rs"]
mod tests;
