//! The JSON document as a tree in document order ([`Node`]), and a serde `Deserializer` over it
//! ([`De`]) whose errors carry the JSON path of the value that failed.
//!
//! Why: tracking the path with a wrapper around serde_json's streaming deserializer (the
//! `serde_path_to_error` crate) wraps every visitor of every request type, and that glue was
//! more than half of the SDK's WebAssembly. Here the text is parsed once by one visitor
//! ([`Node`]'s), and each request type's visitors are instantiated once, against [`De`].
//!
//! Invariant: [`De`] answers exactly as serde_json's streaming deserializer does on the same
//! text: the same visitor calls in the same (document) order, the same error messages (serde_json
//! writes JSON `null` as `null`), the same few syntax errors serde_json raises only while typing
//! a value (an enum that is neither a string nor a one-key object, elements a visitor left
//! unread), and the path as `serde_path_to_error` writes it (`flows[0].date`; an unknown field
//! names itself; an enum's content names its variant) — except a missing field, which also
//! names itself (`prepayments[0].mode`, "is required") where serde_path_to_error named its
//! object.
//! `schema::json`'s tests and the server's and CLI's error tests hold it to that.

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Unexpected, Visitor};
use std::fmt;

/// A JSON value. Objects keep their entries in document order, duplicates included (so a
/// duplicate field is reported as serde_json reports it).
pub(super) enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::U64(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::I64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Arr(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Obj(entries))
    }
}

/// One step of a path: an object's key (or an enum's variant) or an array's index.
#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A typing error: serde's message, the path to the value (outermost step first once
/// complete), and whether serde_json would call it a syntax error.
#[derive(Default, Debug)]
pub(super) struct Error {
    pub message: String,
    pub syntax: bool,
    /// Innermost step first: each level adds its step while the error travels out.
    steps: Vec<Step>,
}

impl Error {
    fn syntax(message: &str) -> Self {
        Error { message: message.to_owned(), syntax: true, steps: Vec::new() }
    }

    fn at_key(mut self, key: &str) -> Self {
        self.steps.push(Step::Key(key.to_owned()));
        self
    }

    fn at_index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// The path as `serde_path_to_error` writes it: `prepayments[0].mode`, `.` for the root.
    pub fn path(&self) -> String {
        if self.steps.is_empty() {
            return ".".to_owned();
        }
        let mut out = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
            }
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { message: msg.to_string(), ..Error::default() }
    }
    /// A missing field names itself, so a client sees which (`disbursement_date: is required`,
    /// not `body: missing field …`).
    fn missing_field(field: &'static str) -> Self {
        Error { message: "is required".to_owned(), ..Error::default() }.at_key(field)
    }
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format_args!("invalid type: {}, expected {exp}", Kind(unexp)))
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format_args!("invalid value: {}, expected {exp}", Kind(unexp)))
    }
}

/// What was sent, by its kind alone as serde_json names it (`null`, not serde's `unit value`),
/// never its value: `from_json` drops every value from its messages anyway, and serde's own
/// `Unexpected` formatter (values included) pulls the `f64` formatter into the WebAssembly of
/// every module that reads JSON (~14 KB, found with twiggy on the SDK).
struct Kind<'a>(Unexpected<'a>);

impl fmt::Display for Kind<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self.0 {
            Unexpected::Unit => "null",
            Unexpected::Bool(_) => "boolean",
            Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
            Unexpected::Float(_) => "floating point",
            Unexpected::Char(_) => "character",
            Unexpected::Str(_) => "string",
            Unexpected::Bytes(_) => "byte array",
            Unexpected::Seq => "sequence",
            Unexpected::Map => "map",
            Unexpected::Option => "Option value",
            Unexpected::NewtypeStruct => "newtype struct",
            Unexpected::Enum => "enum",
            Unexpected::UnitVariant => "unit variant",
            Unexpected::NewtypeVariant => "newtype variant",
            Unexpected::TupleVariant => "tuple variant",
            Unexpected::StructVariant => "struct variant",
            Unexpected::Other(other) => other,
        })
    }
}

fn map<'de, V: Visitor<'de>>(
    entries: &'de [(String, Node)],
    visitor: V,
) -> Result<V::Value, Error> {
    let mut map = Map { entries: entries.iter(), value: None };
    let value = visitor.visit_map(&mut map)?;
    // serde_json's `end_map` meets the `,` of an entry left unread.
    match map.entries.len() {
        0 => Ok(value),
        _ => Err(Error::syntax("trailing comma")),
    }
}

/// Deserialises a value from a [`Node`].
pub(super) struct De<'a>(pub &'a Node);

impl<'de> Deserializer<'de> for De<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::U64(n) => visitor.visit_u64(*n),
            Node::I64(n) => visitor.visit_i64(*n),
            Node::F64(x) => visitor.visit_f64(*x),
            Node::Str(s) => visitor.visit_str(s),
            Node::Arr(items) => {
                let mut seq = Seq { items: items.iter(), index: 0 };
                let value = visitor.visit_seq(&mut seq)?;
                // serde_json's `end_seq` meets the `,` of an element left unread.
                match seq.items.len() {
                    0 => Ok(value),
                    _ => Err(Error::syntax("trailing characters")),
                }
            }
            Node::Obj(entries) => map(entries, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Node::Str(name) => visitor.visit_enum(Variant { name, value: None }),
            Node::Obj(entries) => match entries.as_slice() {
                [(name, value)] => visitor.visit_enum(Variant { name, value: Some(value) }),
                [(name, value), ..] => {
                    visitor.visit_enum(Variant { name, value: Some(value) })?;
                    Err(Error::syntax("expected value"))
                }
                [] => Err(Error::syntax("expected value")),
            },
            _ => Err(Error::syntax("expected value")),
        }
    }

    /// Never an array: serde's derived structs would also read an array of their fields in
    /// declaration order (`[1,"100","shorten_term"]` as a prepayment), which `from_json` refuses
    /// at every depth rather than guess (serde_json's streaming deserializer allowed it below the
    /// top level). Any other value goes to the visitor, which refuses all but an object.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Node::Arr(_) => Err(de::Error::invalid_type(Unexpected::Seq, &visitor)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // Every other form goes through `deserialize_any`: a visitor that does not take what is
    // there answers serde's `invalid type` for it, as serde_json's typed methods do.
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(De(item)).map(Some).map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    entries: std::slice::Iter<'a, (String, Node)>,
    value: Option<&'a (String, Node)>,
}

impl<'de> de::MapAccess<'de> for Map<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        self.value = Some(entry);
        let key: de::value::StrDeserializer<'_, Error> = entry.0.as_str().into_deserializer();
        seed.deserialize(key).map(Some).map_err(|e| e.at_key(&entry.0))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(Error::syntax("expected `:`"));
        };
        seed.deserialize(De(value)).map_err(|e| e.at_key(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum: a string (`"bullet"`) or an object of one entry (`{"values":["own"]}`).
struct Variant<'a> {
    name: &'a str,
    value: Option<&'a Node>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name: de::value::StrDeserializer<'_, Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None => Ok(()),
            Some(v) => de::Deserialize::deserialize(De(v)).map_err(|e: Error| e.at_key(self.name)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant")),
            Some(v) => seed.deserialize(De(v)),
        }
        .map_err(|e| e.at_key(self.name))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
            Some(v) => De(v).deserialize_seq(visitor),
        }
        .map_err(|e| e.at_key(self.name))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
            Some(v) => De(v).deserialize_struct("", fields, visitor),
        }
        .map_err(|e| e.at_key(self.name))
    }
}
