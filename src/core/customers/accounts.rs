//! Registration, sign-in, the profile and password resets.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use polyshop_entities::{channels, customers};
use polyshop_runtime::{BearerVerifier, Principal, ServiceError};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, IntoActiveModel};

use super::{
    passwords,
    records::{NewCustomer, PasswordChange, ProfileChanges, SignIn, invalid, parse_birth_date},
    store, tokens,
};
use crate::{
    clock::Clock,
    db::write_transaction,
    integrations::throttle::{Attempt, Throttle},
    mail::{OutgoingMail, queue},
    secrets,
};

/// The group new customers join.
const DEFAULT_GROUP: &str = "general";
/// A reset link works this long, once.
const RESET_LINK_HOURS: i64 = 24;
/// One reset email per account at most this often (a form resubmitted in a loop sends one).
const RESET_MAIL_EVERY_SECONDS: i64 = 60;
/// Genders Bagisto offers.
const GENDERS: &[&str] = &["Male", "Female", "Other"];

#[derive(Clone)]
pub struct CustomerService {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
}

impl CustomerService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        CustomerService { db, clock }
    }

    fn throttle(&self) -> Throttle {
        Throttle::new(self.db.clone(), self.clock.clone())
    }

    /// Registers a customer in `channel_id` and signs them in.
    pub async fn register(&self, new: NewCustomer, channel_id: i64) -> Result<SignIn, ServiceError> {
        let now = self.clock.now();
        let first_name = required_name("first_name", &new.first_name)?;
        let last_name = required_name("last_name", &new.last_name)?;
        let email = normalise_email(&new.email)?;
        if let Some(problem) = passwords::weakness(&new.password) {
            return Err(invalid("password", problem));
        }
        if new.password_confirmation.as_deref().is_some_and(|c| c != new.password) {
            return Err(passwords_differ());
        }
        let gender = checked_gender(new.gender.as_deref())?;
        let date_of_birth = checked_birth_date(new.date_of_birth.as_deref(), now)?;
        let phone = optional_text("phone", new.phone.as_deref(), 64)?;
        let password_hash = passwords::hash(&new.password).await?;
        let device = new.device_name.clone();
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                if store::email_taken(txn, &email, None).await? {
                    return Err(email_taken());
                }
                let customer = customers::ActiveModel {
                    channel_id: Set(Some(channel_id)),
                    customer_group_id: Set(store::group_id(txn, DEFAULT_GROUP).await?),
                    first_name: Set(first_name),
                    last_name: Set(last_name),
                    gender: Set(gender),
                    date_of_birth: Set(date_of_birth),
                    email: Set(email),
                    phone: Set(phone),
                    password_hash: Set(Some(password_hash)),
                    status: Set(true),
                    is_verified: Set(false),
                    is_suspended: Set(false),
                    subscribed_to_news_letter: Set(new.subscribed_to_news_letter),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                let (token_id, token, api_token, expires_at) =
                    tokens::mint(txn, &customer, device.as_deref(), now).await?;
                Ok(SignIn { customer, token_id, token, api_token, expires_at })
            })
        })
        .await
    }

    /// Signs a customer in. A wrong email or password is the same 401 "Invalid email or
    /// password" (nothing tells which); a suspended or deactivated account with the right
    /// password is a 403 saying so. Failures count against
    /// the account and `address` (429 past the limits).
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        device: Option<&str>,
        address: Option<&str>,
    ) -> Result<SignIn, ServiceError> {
        let email = email.trim().to_lowercase();
        let attempt = Attempt::new("customer", &email, address);
        let customer = self
            .throttle()
            .guard(&attempt, async {
                let customer = store::find_by_email(&self.db, &email).await?;
                let stored = customer.as_ref().and_then(|c| c.password_hash.as_deref());
                if !passwords::verify(password, stored).await? {
                    return Err(ServiceError::unauthorized("Invalid email or password"));
                }
                customer.ok_or_else(|| ServiceError::unauthorized("Invalid email or password"))
            })
            .await?;
        if customer.is_suspended {
            return Err(ServiceError::forbidden("Your account has been suspended"));
        }
        if !customer.status {
            return Err(ServiceError::forbidden("Your account is inactive. Please contact support."));
        }
        let now = self.clock.now();
        let (token_id, token, api_token, expires_at) = tokens::mint(&self.db, &customer, device, now).await?;
        Ok(SignIn { customer, token_id, token, api_token, expires_at })
    }

    /// Issues a sign-in for `customer_id` without a password: an operator's (or an
    /// administrator's impersonation) token. 404 for an unknown customer.
    pub async fn issue_token(&self, customer_id: i64, device: &str) -> Result<SignIn, ServiceError> {
        let customer = store::find(&self.db, customer_id)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Customer", customer_id))?;
        let (token_id, token, api_token, expires_at) =
            tokens::mint(&self.db, &customer, Some(device), self.clock.now()).await?;
        Ok(SignIn { customer, token_id, token, api_token, expires_at })
    }

    /// The customer a bearer token stands for (401 for an unknown, expired or revoked token).
    pub async fn authenticate(&self, bearer: &str) -> Result<(i64, customers::Model), ServiceError> {
        let (token, customer) = tokens::resolve(&self.db, bearer, self.clock.now()).await?;
        Ok((token.id, customer))
    }

    /// Ends the sign-in `token_id`.
    pub async fn logout(&self, token_id: i64) -> Result<(), ServiceError> {
        tokens::revoke(&self.db, token_id).await
    }

    /// The signed-in customer's account (401 if it was deleted meanwhile).
    pub async fn profile(&self, customer_id: i64) -> Result<customers::Model, ServiceError> {
        store::find(&self.db, customer_id).await?.ok_or_else(|| ServiceError::unauthorized(tokens::UNAUTHENTICATED))
    }

    /// Whether `password` is `customer`'s password.
    pub async fn password_matches(&self, customer: &customers::Model, password: &str) -> Result<bool, ServiceError> {
        passwords::verify(password, customer.password_hash.as_deref()).await
    }

    /// Updates the profile; with `changes.password`, the password too (400 when the current
    /// password is wrong). Existing sign-ins stay valid.
    pub async fn update_profile(
        &self,
        customer_id: i64,
        changes: ProfileChanges,
    ) -> Result<customers::Model, ServiceError> {
        let now = self.clock.now();
        let customer = self.profile(customer_id).await?;
        let new_hash = match &changes.password {
            Some(change) => Some(self.checked_new_password(&customer, change).await?),
            None => None,
        };
        let mut row = customer.clone().into_active_model();
        if let Some(v) = &changes.first_name {
            row.first_name = Set(required_name("first_name", v)?);
        }
        if let Some(v) = &changes.last_name {
            row.last_name = Set(required_name("last_name", v)?);
        }
        let email = match &changes.email {
            Some(v) => Some(normalise_email(v)?),
            None => None,
        };
        if let Some(v) = &changes.phone {
            row.phone = Set(optional_text("phone", v.as_deref(), 64)?);
        }
        if let Some(v) = &changes.gender {
            row.gender = Set(checked_gender(v.as_deref())?);
        }
        if let Some(v) = &changes.date_of_birth {
            row.date_of_birth = Set(checked_birth_date(v.as_deref(), now)?);
        }
        if let Some(v) = changes.subscribed_to_news_letter {
            row.subscribed_to_news_letter = Set(v);
        }
        if let Some(hash) = new_hash {
            row.password_hash = Set(Some(hash));
        }
        row.updated_at = Set(now);
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                if let Some(email) = email {
                    if store::email_taken(txn, &email, Some(customer_id)).await? {
                        return Err(email_taken());
                    }
                    row.email = Set(email);
                }
                Ok(row.update(txn).await?)
            })
        })
        .await
    }

    async fn checked_new_password(
        &self,
        customer: &customers::Model,
        change: &PasswordChange,
    ) -> Result<String, ServiceError> {
        if !passwords::verify(&change.current, customer.password_hash.as_deref()).await? {
            return Err(ServiceError::bad_request("The current password you entered is incorrect"));
        }
        if let Some(problem) = passwords::weakness(&change.new) {
            return Err(invalid("password", problem));
        }
        if change.confirmation.as_deref().is_some_and(|c| c != change.new) {
            return Err(passwords_differ());
        }
        passwords::hash(&change.new).await
    }

    /// Deletes the account: a 409 while an order is pending or processing. Orders stay, as
    /// guest orders with the names and email they were placed with; reviews stay, anonymous;
    /// addresses and sign-ins go.
    pub async fn delete(&self, customer_id: i64) -> Result<(), ServiceError> {
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                if store::active_orders(txn, customer_id).await? > 0 {
                    return Err(ServiceError::conflict(
                        "The account has pending or processing orders and cannot be deleted.",
                    ));
                }
                store::detach_orders(txn, customer_id).await?;
                store::delete_customer(txn, customer_id).await
            })
        })
        .await
    }

    /// Sends a reset link to `email` if it is a customer's; the caller answers the same either
    /// way. At most one email a minute per account.
    pub async fn forgot_password(&self, email: &str, channel: &channels::Model) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let email = email.trim().to_lowercase();
        let Some(customer) = store::find_by_email(&self.db, &email).await? else {
            tracing::info!("password reset asked for an unknown email");
            return Ok(());
        };
        if let Some(previous) = store::find_reset(&self.db, customer.id).await?
            && previous.created_at > now - Duration::seconds(RESET_MAIL_EVERY_SECONDS)
        {
            return Ok(());
        }
        let token = secrets::random_token(64);
        let host = channel.hostname.as_deref().unwrap_or("http://localhost").trim_end_matches('/').to_owned();
        let link = format!("{host}/customer/reset-password/{token}?email={}", percent_encode(&customer.email));
        let mail = OutgoingMail {
            kind: "password_reset",
            to: customer.email.clone(),
            subject: "Reset your password".to_owned(),
            body: format!(
                "Hello {},\n\nWe received a request to reset the password of your account. Open this link within \
                 {RESET_LINK_HOURS} hours to choose a new one (it works once):\n\n{link}\n\nIf you did not ask for \
                 it, ignore this email: your password stays as it is.\n",
                customer.first_name
            ),
        };
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                store::replace_reset(txn, customer.id, secrets::sha256_hex(&token), now).await?;
                queue(txn, mail, now).await?;
                Ok(())
            })
        })
        .await
    }

    /// Sets a new password with the token of a reset link (24 hours, once) and ends every
    /// sign-in of the account. A wrong, used or expired token, or another email, is a 400.
    pub async fn reset_password(
        &self,
        email: &str,
        token: &str,
        password: &str,
        confirmation: Option<&str>,
    ) -> Result<(), ServiceError> {
        let now = self.clock.now();
        let invalid_link = || ServiceError::invalid_field("token", "is invalid or has expired");
        let customer = store::find_by_email(&self.db, &email.trim().to_lowercase()).await?.ok_or_else(invalid_link)?;
        let reset = store::find_reset(&self.db, customer.id).await?.ok_or_else(invalid_link)?;
        if !secrets::matches(token, &reset.token_hash) || reset.created_at <= now - Duration::hours(RESET_LINK_HOURS) {
            return Err(invalid_link());
        }
        if let Some(problem) = passwords::weakness(password) {
            return Err(invalid("password", problem));
        }
        if confirmation.is_some_and(|c| c != password) {
            return Err(passwords_differ());
        }
        let hash = passwords::hash(password).await?;
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                let mut row = customer.into_active_model();
                row.password_hash = Set(Some(hash));
                row.updated_at = Set(now);
                let customer = row.update(txn).await?;
                store::delete_reset(txn, customer.id).await?;
                tokens::revoke_all(txn, customer.id).await?;
                Ok(())
            })
        })
        .await
    }
}

#[async_trait::async_trait]
impl BearerVerifier for CustomerService {
    /// Customer tokens: the one bearer scheme of the Bagisto shop APIs.
    async fn verify(&self, _scheme: &str, token: &str) -> Result<Principal, ServiceError> {
        let (token_id, customer) = self.authenticate(token).await?;
        Ok(Principal::Customer { customer_id: customer.id, token_id })
    }
}

fn email_taken() -> ServiceError {
    ServiceError::conflict("The email has already been taken.")
}

fn passwords_differ() -> ServiceError {
    ServiceError::unprocessable("Password and confirm password do not match")
}

fn required_name(field: &'static str, value: &str) -> Result<String, ServiceError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, "is required"));
    }
    if value.chars().count() > 191 {
        return Err(invalid(field, "must be at most 191 characters"));
    }
    Ok(value.to_owned())
}

fn optional_text(field: &'static str, value: Option<&str>, max: usize) -> Result<Option<String>, ServiceError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    if value.chars().count() > max {
        return Err(invalid(field, format!("must be at most {max} characters")));
    }
    Ok(Some(value.to_owned()))
}

/// Emails are compared and stored trimmed and in lower case.
pub(crate) fn normalise_email(value: &str) -> Result<String, ServiceError> {
    let email = value.trim().to_lowercase();
    if email.is_empty() {
        return Err(invalid("email", "is required"));
    }
    if email.chars().count() > 191 {
        return Err(invalid("email", "must be at most 191 characters"));
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(invalid("email", "must be a valid email address"));
    }
    Ok(email)
}

fn checked_gender(value: Option<&str>) -> Result<Option<String>, ServiceError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    // Accepted in any case, stored as Bagisto spells it.
    match GENDERS.iter().find(|g| g.eq_ignore_ascii_case(value)) {
        Some(g) => Ok(Some((*g).to_owned())),
        None => Err(invalid("gender", "must be one of Male, Female, Other")),
    }
}

fn checked_birth_date(value: Option<&str>, now: DateTime<Utc>) -> Result<Option<NaiveDate>, ServiceError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    parse_birth_date(value, now.date_naive()).map(Some).map_err(|problem| invalid("date_of_birth", problem))
}

/// Encodes a query value (`application/x-www-form-urlencoded`, as links carry it).
fn percent_encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalise_email("  Joe@Example.COM ").unwrap(), "joe@example.com");
        for bad in ["", "joe", "joe@", "@example.com", "joe@example", "jo e@example.com", "a@b@c.com", "joe@.com"] {
            assert!(normalise_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn genders_take_bagisto_spelling() {
        assert_eq!(checked_gender(Some("female")).unwrap().as_deref(), Some("Female"));
        assert_eq!(checked_gender(Some(" ")).unwrap(), None);
        assert!(checked_gender(Some("x")).is_err());
    }

    #[test]
    fn reset_links_encode_the_email() {
        assert_eq!(percent_encode("a+b@example.com"), "a%2Bb%40example.com");
    }
}
