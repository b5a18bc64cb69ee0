//! `Fixed<SCALE>`: exact decimals stored as `BIGINT` holding `value × 10^SCALE`.
//!
//! SQLite has no decimal type and sea-orm reads SQLite decimals through `f64`, so money is kept
//! as scaled integers: sums and comparisons are exact in SQL on SQLite and PostgreSQL alike, and
//! both databases return identical results. `Amount` (4 places) is for money, `Rate` (8 places)
//! for exchange rates and percentages.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{
    ColIdx, QueryResult, TryGetError, TryGetable, Value,
    sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr},
};

#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fixed<const SCALE: u32>(Decimal);

/// Money: four decimal places, as Bagisto's `decimal(12,4)` columns.
pub type Amount = Fixed<4>;
/// Rates and percentages: eight decimal places.
pub type Rate = Fixed<8>;

impl<const SCALE: u32> Fixed<SCALE> {
    pub const ZERO: Self = Fixed(Decimal::ZERO);

    /// Rounds half away from zero to the storage scale.
    pub fn new(value: Decimal) -> Self {
        Fixed(value.round_dp_with_strategy(SCALE, RoundingStrategy::MidpointAwayFromZero).normalize())
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    fn from_scaled(raw: i64) -> Self {
        Fixed(Decimal::new(raw, SCALE).normalize())
    }

    fn to_scaled(self) -> i64 {
        let mut d = self.0;
        d.rescale(SCALE);
        <i64 as TryFrom<i128>>::try_from(d.mantissa()).expect("fixed-point value fits in i64")
    }
}

impl<const SCALE: u32> From<Decimal> for Fixed<SCALE> {
    fn from(value: Decimal) -> Self {
        Fixed::new(value)
    }
}

impl<const SCALE: u32> From<Fixed<SCALE>> for Decimal {
    fn from(value: Fixed<SCALE>) -> Self {
        value.0
    }
}

impl<const SCALE: u32> fmt::Debug for Fixed<SCALE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<const SCALE: u32> fmt::Display for Fixed<SCALE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<const SCALE: u32> From<Fixed<SCALE>> for Value {
    fn from(value: Fixed<SCALE>) -> Self {
        Value::BigInt(Some(value.to_scaled()))
    }
}

impl<const SCALE: u32> TryGetable for Fixed<SCALE> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
        i64::try_get_by(res, idx).map(Fixed::from_scaled)
    }
}

impl<const SCALE: u32> ValueType for Fixed<SCALE> {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        <i64 as ValueType>::try_from(v).map(Fixed::from_scaled)
    }

    fn type_name() -> String {
        format!("Fixed<{SCALE}>")
    }

    fn array_type() -> ArrayType {
        ArrayType::BigInt
    }

    fn column_type() -> ColumnType {
        ColumnType::BigInteger
    }
}

impl<const SCALE: u32> Nullable for Fixed<SCALE> {
    fn null() -> Value {
        Value::BigInt(None)
    }
}

impl<const SCALE: u32> sea_orm::IntoActiveValue<Fixed<SCALE>> for Fixed<SCALE> {
    fn into_active_value(self) -> sea_orm::ActiveValue<Fixed<SCALE>> {
        sea_orm::ActiveValue::Set(self)
    }
}

impl<const SCALE: u32> std::ops::Add for Fixed<SCALE> {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Fixed(self.0 + rhs.0)
    }
}

impl<const SCALE: u32> std::ops::Sub for Fixed<SCALE> {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Fixed(self.0 - rhs.0)
    }
}

impl<const SCALE: u32> std::iter::Sum for Fixed<SCALE> {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_scaled_integers() {
        let a = Amount::new(Decimal::new(10050, 2));
        assert_eq!(a.to_scaled(), 1_005_000);
        assert_eq!(Amount::from_scaled(1_005_000).value(), Decimal::new(1005, 1));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(Amount::new(Decimal::new(123455, 5)).value(), Decimal::new(12346, 4));
        assert_eq!(Amount::new(Decimal::new(-123455, 5)).value(), Decimal::new(-12346, 4));
    }
}
