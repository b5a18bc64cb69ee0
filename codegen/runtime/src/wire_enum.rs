//! What generated enums share: their wire names (`as_str`, `FromStr`, `Display`), so services
//! map stored strings to and from API enums without writing the names again.

/// A string that names none of an enum's variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariant {
    /// The enum's name (`CategoryDisplayMode`).
    pub enum_name: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a {}", self.value, self.enum_name)
    }
}

impl std::error::Error for UnknownVariant {}
