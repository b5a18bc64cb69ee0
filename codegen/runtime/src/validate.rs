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
leaf!(String, ScalarString, JsonDecimal, bool, i32, i64, serde_json::Value);

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
