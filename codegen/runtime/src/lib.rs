//! Hand-written support for the code that `cargo xtask codegen` emits.
//!
//! Generated crates (`generated/*`) depend on this crate and nothing else of ours (a GraphQL
//! schema also on `polyshop-runtime-graphql`, which holds the GraphQL support so that HTTP-only
//! crates do not wait for async-graphql): it holds the types a spec maps onto (exact decimals,
//! fixed-scale database money), the request context a handler passes to its service, the error
//! type services return and the wire formats those errors take on each upstream API ("error
//! styles"), and the JSON request body extractor.

pub mod auth;
pub mod body;
pub mod context;
pub mod decimal;
pub mod documents;
pub mod error;
pub mod fixed;
pub mod multipart;
pub mod operations;
pub mod paging;
pub mod payload;
pub mod scalar;
pub mod validate;
pub mod wire_enum;

pub use auth::{AdmittedCaller, BasicVerifier, BearerVerifier, Permissions, Principal, Secret};
pub use body::JsonBody;
pub use context::{RequestContext, RequestId};
pub use decimal::JsonDecimal;
pub use error::{ErrorStyle, ServiceError, ServiceResult};
pub use fixed::{Amount, Fixed, Rate};
pub use multipart::{MultipartBody, UploadedFile};
pub use operations::{OperationInfo, SurfaceInfo};
pub use paging::{Page, PageMetadata, PageWindow};
pub use scalar::ScalarString;
pub use validate::Validate;
pub use wire_enum::UnknownVariant;

/// Re-exports used by generated code so generated crates need few direct dependencies.
pub mod __private {
    pub use async_trait::async_trait;
    pub use poem;
    pub use poem_openapi;
    pub use serde;
    pub use serde_json;
}
