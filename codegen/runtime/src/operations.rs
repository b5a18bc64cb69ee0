//! Static description of the operations a generated surface serves, and the fix-up of the
//! OpenAPI document poem-openapi derives from them.

use serde_json::{Map, Value};

use crate::error::ErrorStyle;

/// Where a generated surface lives and what it serves (`x-polyshop-surface`); the generated
/// registry (`polyshop-surfaces`) lists every surface's.
#[derive(Debug, Clone, Copy)]
pub struct SurfaceInfo {
    /// `bagisto-shop`: the spec file's stem.
    pub name: &'static str,
    /// The API's title (`info.title`).
    pub title: &'static str,
    /// `spec/openapi/bagisto-shop.yaml`.
    pub spec: &'static str,
    pub style: ErrorStyle,
    /// Unmatched paths under these prefixes answer in this surface's error style (the longest
    /// matching prefix across surfaces wins).
    pub prefixes: &'static [&'static str],
    /// Where the app publishes the OpenAPI document (`{docs}/openapi.json`) and Swagger UI
    /// (`{docs}/docs/`); `None` when the surface serves them as operations of its own.
    pub docs: Option<&'static str>,
    /// Where the surface's OpenAPI document is served.
    pub document: &'static str,
    /// Where its documentation page (Swagger UI) is served, if it has one.
    pub page: Option<&'static str>,
    pub operations: &'static [OperationInfo],
}

impl SurfaceInfo {
    /// The surface whose prefix matches `path` longest, if any.
    pub fn owning<'a>(surfaces: impl IntoIterator<Item = &'a SurfaceInfo>, path: &str) -> Option<&'a SurfaceInfo> {
        surfaces
            .into_iter()
            .filter_map(|s| s.prefixes.iter().filter(|p| path.starts_with(*p)).map(|p| p.len()).max().map(|l| (l, s)))
            .max_by_key(|(len, _)| *len)
            .map(|(_, s)| s)
    }
}

/// One alternative of an operation's security requirement: every scheme in it is needed, with
/// these OAuth2 scopes (`[("StorefrontKey", []), ("CustomerToken", [])]`).
pub type SecurityAlternative = &'static [(&'static str, &'static [&'static str])];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    pub operation_id: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub tag: &'static str,
    /// OAuth2 scopes the operation requires (any one of them suffices).
    pub scopes: &'static [&'static str],
    /// The operation's security requirement as the spec writes it: any one alternative
    /// suffices. Empty for an operation open to anyone.
    pub security: &'static [SecurityAlternative],
    /// The permission an administrator needs (`x-polyshop-permission`).
    pub permission: Option<&'static str>,
}

impl OperationInfo {
    /// A requirement poem-openapi cannot write: one alternative of several schemes (a storefront
    /// key and a customer token), or a scheme that may be left out. poem-openapi lists each
    /// scheme of a handler as an alternative of its own.
    fn has_combined_security(&self) -> bool {
        self.security.len() > 1 || self.security.iter().any(|alt| alt.len() > 1)
    }
}

/// The OpenAPI document `spec_json` (as poem-openapi derived it) with the security requirement
/// of every operation that combines schemes written as the spec writes it. Unchanged, byte for
/// byte, when no operation combines schemes.
pub fn with_spec_security(spec_json: &str, operations: &[OperationInfo]) -> String {
    if !operations.iter().any(OperationInfo::has_combined_security) {
        return spec_json.to_owned();
    }
    let Ok(mut doc) = serde_json::from_str::<Value>(spec_json) else { return spec_json.to_owned() };
    for op in operations.iter().filter(|op| op.has_combined_security()) {
        let method = op.method.to_ascii_lowercase();
        let Some(target) =
            doc.pointer_mut(&format!("/paths/{}/{method}", op.path.replace('~', "~0").replace('/', "~1")))
        else {
            // The derived document always has every operation: this is a generator bug.
            tracing::warn!(operation = op.operation_id, "operation missing from the derived OpenAPI document");
            continue;
        };
        let alternatives: Vec<Value> = op
            .security
            .iter()
            .map(|alt| {
                let schemes: Map<String, Value> = alt
                    .iter()
                    .map(|(scheme, scopes)| {
                        ((*scheme).to_owned(), Value::Array(scopes.iter().map(|s| Value::from(*s)).collect()))
                    })
                    .collect();
                Value::Object(schemes)
            })
            .collect();
        if let Some(target) = target.as_object_mut() {
            target.insert("security".to_owned(), Value::Array(alternatives));
        }
    }
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| spec_json.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: OperationInfo = OperationInfo {
        operation_id: "list_pets",
        method: "GET",
        path: "/pets",
        tag: "pets",
        scopes: &[],
        security: &[&[("StorefrontKey", &[])]],
        permission: None,
    };

    #[test]
    fn documents_without_combined_security_are_untouched() {
        let spec = "{\n  \"paths\": {\"/pets\": {\"get\": {\"security\": [{\"StorefrontKey\": []}]}}}\n}";
        assert_eq!(with_spec_security(spec, &[PLAIN]), spec);
    }

    #[test]
    fn combined_requirements_are_written_as_the_spec_writes_them() {
        let basket = OperationInfo {
            operation_id: "get_basket",
            path: "/pets/{id}/basket",
            security: &[&[("StorefrontKey", &[]), ("ShopperToken", &[])], &[("StorefrontKey", &[])]],
            ..PLAIN
        };
        let spec = r#"{"paths": {"/pets": {"get": {"operationId": "list_pets", "security": [{"StorefrontKey": []}]}},
            "/pets/{id}/basket": {"get": {"operationId": "get_basket",
                "security": [{"StorefrontKey": []}, {"ShopperToken": []}, {}]}}}}"#;
        let fixed: Value = serde_json::from_str(&with_spec_security(spec, &[PLAIN, basket])).unwrap();
        assert_eq!(
            fixed["paths"]["/pets/{id}/basket"]["get"]["security"],
            serde_json::json!([{"StorefrontKey": [], "ShopperToken": []}, {"StorefrontKey": []}])
        );
        assert_eq!(fixed["paths"]["/pets"]["get"]["security"], serde_json::json!([{"StorefrontKey": []}]));
    }
}
