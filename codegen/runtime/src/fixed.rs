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

    /// Rounds half away from zero to the storage scale. For values known to be in range
    /// (constants, rows read back); anything a request supplies or computes from one goes
    /// through [`Fixed::try_new`].
    pub fn new(value: Decimal) -> Self {
        Fixed(value.round_dp_with_strategy(SCALE, RoundingStrategy::MidpointAwayFromZero).normalize())
    }

    /// The largest magnitude the `BIGINT` column holds: `i64::MAX / 10^SCALE`.
    pub fn max() -> Decimal {
        Decimal::from_i128_with_scale(i128::from(i64::MAX), SCALE)
    }

    /// `value` rounded to the storage scale, or `None` when it is beyond what the column holds
    /// (for money, about 922 trillion).
    pub fn try_new(value: Decimal) -> Option<Self> {
        let fixed = Self::new(value);
        (fixed.0.abs() <= Self::max()).then_some(fixed)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    fn from_scaled(raw: i64) -> Self {
        Fixed(Decimal::new(raw, SCALE).normalize())
    }

    /// The stored integer. Values are range-checked where they enter ([`Fixed::try_new`]); one
    /// that is not saturates, and the log says so, rather than panicking in the middle of a write.
    fn to_scaled(self) -> i64 {
        let mut d = self.0;
        d.rescale(SCALE);
        <i64 as TryFrom<i128>>::try_from(d.mantissa()).unwrap_or_else(|_| {
            tracing::error!(value = %self.0, "fixed-point value beyond its column; stored saturated");
            if d.is_sign_negative() { i64::MIN } else { i64::MAX }
        })
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
    fn refuses_what_the_column_cannot_hold() {
        assert_eq!(Amount::max(), Decimal::new(i64::MAX, 4));
        assert!(Amount::try_new(Amount::max()).is_some());
        assert!(Amount::try_new(-Amount::max()).is_some());
        assert!(Amount::try_new(Amount::max() + Decimal::new(1, 4)).is_none());
        assert!(Amount::try_new("99999999999999999999".parse().unwrap()).is_none());
        assert!(Rate::try_new(Decimal::new(1, 0) * Decimal::new(10_i64.pow(12), 0)).is_none());
        // The last line of defence saturates instead of panicking.
        assert_eq!(Fixed::<4>(Decimal::MAX).to_scaled(), i64::MAX);
        assert_eq!(Fixed::<4>(Decimal::MIN).to_scaled(), i64::MIN);
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(Amount::new(Decimal::new(123455, 5)).value(), Decimal::new(12346, 4));
        assert_eq!(Amount::new(Decimal::new(-123455, 5)).value(), Decimal::new(-12346, 4));
    }
}
