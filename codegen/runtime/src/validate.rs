//! Checks of the constraints a spec states on request fields (`maxLength`, `minimum`,
//! `pattern`, ...). Generated models implement [`Validate`] by calling these helpers for each
//! constrained field and recursing into nested values; [`crate::JsonBody`] runs them after
//! parsing, so every violation is reported with the path of the field.

use std::{collections::BTreeMap, sync::OnceLock};

use poem_openapi::types::MaybeUndefined;
use rust_decimal::Decimal;

use crate::{JsonDecimal, ScalarString};

pub trait Validate {
    /// Appends one message per violated constraint, naming `path` (`data.stock_level`).
    fn validate(&self, path: &str, problems: &mut Vec<String>);
}

/// The path of field `name` inside `path`.
pub fn field(path: &str, name: &str) -> String {
    if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") }
}

macro_rules! leaf {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate(&self, _: &str, _: &mut Vec<String>) {}
        }
    )*};
}
leaf!(JsonDecimal, bool, i32, i64);

/// Text never carries a NUL character: PostgreSQL refuses it in text columns (a 500) and
/// SQLite compares strings up to it (a NUL filter matched every row). Every string of every
/// request body is checked here, where it is extracted.
fn refuse_nul(text: &str, path: &str, problems: &mut Vec<String>) {
    if text.contains('\0') {
        problems.push(format!("{}: must not contain a NUL character", if path.is_empty() { "body" } else { path }));
    }
}

impl Validate for String {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        refuse_nul(self, path, problems);
    }
}

impl Validate for ScalarString {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        refuse_nul(&self.0, path, problems);
    }
}

/// Free-form JSON: every string and key inside it.
impl Validate for serde_json::Value {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        match self {
            serde_json::Value::String(s) => refuse_nul(s, path, problems),
            serde_json::Value::Array(items) => items.validate(path, problems),
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    refuse_nul(k, path, problems);
                    v.validate(&field(path, k), problems);
                }
            }
            _ => {}
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        if let Some(v) = self {
            v.validate(path, problems);
        }
    }
}

impl<T: Validate> Validate for MaybeUndefined<T> {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        if let MaybeUndefined::Value(v) = self {
            v.validate(path, problems);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        for (i, v) in self.iter().enumerate() {
            v.validate(&format!("{path}[{i}]"), problems);
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, path: &str, problems: &mut Vec<String>) {
        for (k, v) in self {
            refuse_nul(k, path, problems);
            v.validate(&field(path, k), problems);
        }
    }
}

/// Values with text: strings, and optional ones when present.
pub trait Text {
    fn text(&self) -> Option<&str>;
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for ScalarString {
    fn text(&self) -> Option<&str> {
        Some(&self.0)
    }
}

impl<T: Text> Text for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Text::text)
    }
}

impl<T: Text> Text for MaybeUndefined<T> {
    fn text(&self) -> Option<&str> {
        match self {
            MaybeUndefined::Value(v) => v.text(),
            _ => None,
        }
    }
}

/// Values with a number.
pub trait Number {
    fn number(&self) -> Option<Decimal>;
}

impl Number for i64 {
    fn number(&self) -> Option<Decimal> {
        Some(Decimal::from(*self))
    }
}

impl Number for i32 {
    fn number(&self) -> Option<Decimal> {
        Some(Decimal::from(*self))
    }
}

impl Number for JsonDecimal {
    fn number(&self) -> Option<Decimal> {
        Some(self.0)
    }
}

impl<T: Number> Number for Option<T> {
    fn number(&self) -> Option<Decimal> {
        self.as_ref().and_then(Number::number)
    }
}

/// Values with a count of items.
pub trait Items {
    fn count(&self) -> Option<usize>;
}

impl<T> Items for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Items for Option<Vec<T>> {
    fn count(&self) -> Option<usize> {
        self.as_ref().map(Vec::len)
    }
}

pub fn max_length(v: &impl Text, max: usize, path: &str, problems: &mut Vec<String>) {
    if let Some(t) = v.text()
        && t.chars().count() > max
    {
        problems.push(format!("`{path}`: at most {max} characters"));
    }
}

pub fn min_length(v: &impl Text, min: usize, path: &str, problems: &mut Vec<String>) {
    if let Some(t) = v.text()
        && t.chars().count() < min
    {
        problems.push(format!("`{path}`: at least {min} characters"));
    }
}

pub fn pattern(v: &impl Text, pattern: &'static str, path: &str, problems: &mut Vec<String>) {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<&'static str, regex::Regex>>> = OnceLock::new();
    let Some(t) = v.text() else { return };
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    let re = cache.entry(pattern).or_insert_with(|| regex::Regex::new(pattern).expect("spec patterns are valid"));
    if !re.is_match(t) {
        problems.push(format!("`{path}`: must match `{pattern}`"));
    }
}

pub fn minimum(v: &impl Number, min: &str, path: &str, problems: &mut Vec<String>) {
    if let (Some(n), Ok(min)) = (v.number(), min.parse::<Decimal>())
        && n < min
    {
        problems.push(format!("`{path}`: must be at least {min}"));
    }
}

pub fn maximum(v: &impl Number, max: &str, path: &str, problems: &mut Vec<String>) {
    if let (Some(n), Ok(max)) = (v.number(), max.parse::<Decimal>())
        && n > max
    {
        problems.push(format!("`{path}`: must be at most {max}"));
    }
}

pub fn max_items(v: &impl Items, max: usize, path: &str, problems: &mut Vec<String>) {
    if let Some(n) = v.count()
        && n > max
    {
        problems.push(format!("`{path}`: at most {max} items"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_characters_are_refused_wherever_text_is() {
        let mut problems = Vec::new();
        "ok".to_owned().validate("name", &mut problems);
        assert!(problems.is_empty());
        "a\0b".to_owned().validate("name", &mut problems);
        ScalarString("\0".into()).validate("data.sku", &mut problems);
        serde_json::json!({"list": ["x", "y\u{0}"], "k\u{0}": 1}).validate("extra", &mut problems);
        BTreeMap::from([("p\0".to_owned(), 1_i64)]).validate("products", &mut problems);
        Some("\0".to_owned()).validate("note", &mut problems);
        assert_eq!(
            problems,
            [
                "name: must not contain a NUL character",
                "data.sku: must not contain a NUL character",
                "extra.list[1]: must not contain a NUL character",
                "extra: must not contain a NUL character",
                "products: must not contain a NUL character",
                "note: must not contain a NUL character",
            ]
        );
    }
}
