//! Static description of the operations a generated surface serves.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    pub operation_id: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub tag: &'static str,
    /// OAuth2 scopes the operation requires (any one of them suffices).
    pub scopes: &'static [&'static str],
}
