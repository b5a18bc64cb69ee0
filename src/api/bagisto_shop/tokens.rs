//! The shop's bearer tokens: a customer's token (`CustomerToken`), and for cart operations
//! (`CartToken`) either a guest cart's token or a customer's token (whose cart is used).
//! Legacy clients send a guest token as `X-Cart-Token`; it is read as the bearer token when no
//! `Authorization` header is sent.

use async_trait::async_trait;
use poem::{Request, http::HeaderValue};
use polyshop_core::AppState;
use polyshop_runtime::{BearerVerifier, Principal, Secret, ServiceError};

pub struct ShopTokens(pub AppState);

/// Whether `token` has the shape of a guest cart token (a UUID: 36 characters, 4 dashes).
pub fn is_guest_token(token: &str) -> bool {
    let token = token.trim();
    token.len() == 36 && token.bytes().filter(|b| *b == b'-').count() == 4 && !token.contains('|')
}

#[async_trait]
impl BearerVerifier for ShopTokens {
    async fn verify(&self, scheme: &str, token: &str) -> Result<Principal, ServiceError> {
        if scheme == "CartToken" && is_guest_token(token) {
            return match self.0.carts().guest_cart(token).await? {
                Some(cart) => Ok(Principal::GuestCart { cart_id: cart.id, token: Secret(token.trim().to_owned()) }),
                None => Err(ServiceError::unauthorized(polyshop_core::customers::tokens::UNAUTHENTICATED)),
            };
        }
        self.0.customers().verify(scheme, token).await
    }
}

/// Reads `X-Cart-Token` as `Authorization: Bearer` when the request has no `Authorization`.
pub fn cart_token_header(req: &mut Request) {
    if req.headers().contains_key(poem::http::header::AUTHORIZATION) {
        return;
    }
    let bearer = req
        .headers()
        .get("x-cart-token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .and_then(|t| HeaderValue::from_str(&format!("Bearer {t}")).ok());
    if let Some(value) = bearer {
        req.headers_mut().insert(poem::http::header::AUTHORIZATION, value);
    }
}
