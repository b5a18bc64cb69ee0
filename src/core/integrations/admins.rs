//! Administrators and their API keys (CS-Cart API: HTTP Basic with email and key).

use std::sync::Arc;

use polyshop_runtime::{BasicVerifier, Permissions, Principal, ServiceError};
use sea_orm::DatabaseConnection;

use super::{
    store,
    throttle::{Attempt, Throttle},
};
use crate::{clock::Clock, secrets};

/// What `polyshop admins create` prints: the only time the key is visible.
#[derive(Debug, serde::Serialize)]
pub struct CreatedAdmin {
    pub email: String,
    pub api_key: String,
    pub name: String,
}

#[derive(Clone)]
pub struct AdminService {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    throttle: Throttle,
}

/// Emails are compared without regard to case.
fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl AdminService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        AdminService { throttle: Throttle::new(db.clone(), clock.clone()), db, clock }
    }

    /// Creates an administrator allowed to use the API, with a new 32-character API key.
    pub async fn create_admin(&self, email: &str, name: &str) -> Result<CreatedAdmin, ServiceError> {
        let email = normalize_email(email);
        let valid = email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if !valid {
            return Err(ServiceError::bad_request(format!("email: `{email}` is not an email address")));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(ServiceError::bad_request("name: an administrator needs a name"));
        }
        if store::find_admin(&self.db, &email).await?.is_some() {
            return Err(ServiceError::bad_request(format!("email: an administrator with `{email}` already exists")));
        }
        let api_key = secrets::random_token(32);
        store::insert_admin(&self.db, &email, name, &secrets::sha256_hex(&api_key), self.clock.now()).await?;
        Ok(CreatedAdmin { email, api_key, name: name.to_owned() })
    }
}

#[async_trait::async_trait]
impl BasicVerifier for AdminService {
    async fn verify(&self, username: &str, password: &str, address: Option<&str>) -> Result<Principal, ServiceError> {
        let email = normalize_email(username);
        let attempt = Attempt::new("cs-cart", &email, address);
        self.throttle
            .guard(&attempt, async {
                match store::find_admin(&self.db, &email).await? {
                    Some(a) if a.status && a.api_key_hash.as_deref().is_some_and(|h| secrets::matches(password, h)) => {
                        // The CS-Cart API has no roles: an administrator with an API key may do everything.
                        Ok(Principal::Admin { admin_id: a.id, permissions: Permissions::All })
                    }
                    _ => Err(ServiceError::unauthorized("Invalid email or API key")),
                }
            })
            .await
    }
}
