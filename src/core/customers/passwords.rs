//! Password hashing with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes), stored as
//! PHC strings. Hashing runs on the blocking pool: it is deliberately slow.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use polyshop_runtime::ServiceError;

/// Shortest accepted password, in characters.
pub const MIN_LENGTH: usize = 6;
/// Longest accepted password, in characters (the hash's cost does not depend on it, but the
/// request's does).
pub const MAX_LENGTH: usize = 255;

/// Why `password` is not acceptable as a new password, if it is not.
pub fn weakness(password: &str) -> Option<String> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Some(format!("must be at least {MIN_LENGTH} characters"));
    }
    if len > MAX_LENGTH {
        return Some(format!("must be at most {MAX_LENGTH} characters"));
    }
    if password.trim().is_empty() {
        return Some("must not be blank".to_owned());
    }
    None
}

/// The confirmation to check against `password` among those a client sent under its several
/// spellings: one that differs if any does, so that when several are sent all must match.
pub fn confirmation(password: &str, sent: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let sent: Vec<String> = sent.into_iter().flatten().collect();
    sent.iter().find(|c| *c != password).or(sent.first()).cloned()
}

/// The PHC string of `password` with a fresh salt.
pub async fn hash(password: &str) -> Result<String, ServiceError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::internal(format!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| ServiceError::internal(format!("hashing a password: {e}")))?
}

/// Whether `password` matches the PHC string `stored`. Without a stored hash (an unknown email,
/// an account without a password) a dummy hash is checked anyway, so the answer takes as long
/// and tells nothing.
pub async fn verify(password: &str, stored: Option<&str>) -> Result<bool, ServiceError> {
    let password = password.to_owned();
    let stored = stored.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            tracing::error!("a stored password hash does not parse");
            return false;
        };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known
    })
    .await
    .map_err(|e| ServiceError::internal(format!("verifying a password: {e}")))
}

/// The Argon2id hash (default parameters) of a random password nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$x3P2c6M0X4Jb1a1m2oBq7y0xk8w4a7xw0R9gS6l2Y3Q";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("correct horse").await.unwrap();
        let b = hash("correct horse").await.unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "salted");
        assert!(verify("correct horse", Some(&a)).await.unwrap());
        assert!(!verify("wrong horse", Some(&a)).await.unwrap());
        assert!(!verify("anything", None).await.unwrap());
    }

    #[test]
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn weak_passwords_are_named() {
        assert_eq!(weakness("short").as_deref(), Some("must be at least 6 characters"));
        assert_eq!(weakness("        ").as_deref(), Some("must not be blank"));
        assert!(weakness(&"x".repeat(256)).is_some());
        assert!(weakness("long enough").is_none());
    }
}
