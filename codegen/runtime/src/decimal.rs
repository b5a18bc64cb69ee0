//! `JsonDecimal`: an exact decimal that travels as a JSON *number* (`100.50`, never `100.5000001`).
//!
//! The workspace enables serde_json's `arbitrary_precision`, so a `serde_json::Number` keeps the
//! decimal's text and nothing goes through `f64`. The scale a service gives the value (for
//! instance the currency's decimal digits) is the scale written on the wire.

use std::{borrow::Cow, fmt, str::FromStr};

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseError, ParseFromJSON, ParseFromParameter, ParseResult, ToJSON, Type},
};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonDecimal(pub Decimal);

impl JsonDecimal {
    /// The value rounded (half away from zero) and padded to exactly `scale` decimal places.
    pub fn with_scale(value: Decimal, scale: u32) -> Self {
        let mut v = value.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        v.rescale(scale);
        JsonDecimal(v)
    }

    fn to_number(self) -> Number {
        // A Decimal's Display is a plain decimal literal, which is always a valid JSON number.
        Number::from_str(&self.0.to_string()).expect("a decimal is a valid JSON number")
    }
}

impl From<Decimal> for JsonDecimal {
    fn from(value: Decimal) -> Self {
        JsonDecimal(value)
    }
}

impl fmt::Display for JsonDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Parses the text of a JSON number (`12`, `12.50`, `1.2e3`) exactly.
pub fn parse_number_text(text: &str) -> Option<Decimal> {
    Decimal::from_str(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

impl Type for JsonDecimal {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "number_decimal".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("number", "decimal")))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }
}

impl ToJSON for JsonDecimal {
    fn to_json(&self) -> Option<Value> {
        Some(Value::Number(self.to_number()))
    }
}

impl ParseFromJSON for JsonDecimal {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::Number(n) => parse_number_text(&n.to_string())
                .map(JsonDecimal)
                .ok_or_else(|| ParseError::custom("number out of range")),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl ParseFromParameter for JsonDecimal {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        parse_number_text(value)
            .map(JsonDecimal)
            .ok_or_else(|| ParseError::custom(format!("`{value}` is not a number")))
    }
}

impl Serialize for JsonDecimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_number().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JsonDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = JsonDecimal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<JsonDecimal, E> {
                Ok(JsonDecimal(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<JsonDecimal, E> {
                Ok(JsonDecimal(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, _v: f64) -> Result<JsonDecimal, E> {
                // Unreachable with arbitrary_precision; refuse rather than go through a float.
                Err(E::custom("floating point input is not accepted"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<JsonDecimal, A::Error> {
                // arbitrary_precision hands numbers over as a one-entry map holding the text.
                let n = Number::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                parse_number_text(&n.to_string())
                    .map(JsonDecimal)
                    .ok_or_else(|| serde::de::Error::custom("number out of range"))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_scale_on_the_wire() {
        let v = JsonDecimal::with_scale(Decimal::new(1005, 1), 2);
        assert_eq!(serde_json::to_string(&v).unwrap(), "100.50");
        assert_eq!(serde_json::to_string(&v.to_json()).unwrap(), "100.50");
    }

    #[test]
    fn parses_exactly_without_floats() {
        let v: JsonDecimal = serde_json::from_str("0.1").unwrap();
        assert_eq!(v.0, Decimal::new(1, 1));
        let v: JsonDecimal = serde_json::from_str("12").unwrap();
        assert_eq!(v.0, Decimal::from(12));
        let err = serde_json::from_str::<JsonDecimal>("\"12\"").unwrap_err();
        assert!(err.to_string().contains("expected a number"), "{err}");
    }
}
