//! Customer accounts of the Bagisto shop REST API: registration, sign-in and sign-out, token
//! checks, password-reset mails and the signed-in customer's profile.

use polyshop_api_bagisto_shop::{customers::*, models};
use polyshop_runtime::{Principal, RequestContext, ServiceError};

use super::context::{ShopRequest, present};
use polyshop_core::{
    AppState,
    customers::{
        Customer, NewCustomer, PasswordChange, ProfileChanges, SignIn, passwords::confirmation, tokens::UNAUTHENTICATED,
    },
    settings::scope::Scope,
};

pub struct Service(pub AppState);

/// The signed-in customer of a request whose operation requires the customer token:
/// (customer id, token id).
pub fn signed_in(ctx: &RequestContext) -> Result<(i64, i64), ServiceError> {
    match &ctx.user {
        Some(Principal::Customer { customer_id, token_id }) => Ok((*customer_id, *token_id)),
        _ => Err(ServiceError::unauthorized(UNAUTHENTICATED)),
    }
}

/// The client's name for a field the core names (`first_name` → `` `firstName` ``).
pub fn wire_field(field: &str) -> Option<String> {
    let name = match field {
        "first_name" => "firstName",
        "last_name" => "lastName",
        "date_of_birth" => "dateOfBirth",
        "company_name" => "companyName",
        "vat_id" => "vatId",
        "address" => "address1",
        "password_confirmation" => "confirmPassword",
        other => other,
    };
    Some(format!("`{name}`"))
}

fn renamed(e: ServiceError) -> ServiceError {
    e.rename_field(wire_field)
}

fn gender(stored: Option<&str>) -> Option<models::CustomerGender> {
    models::CustomerGender::ALL.iter().find(|g| Some(g.as_str()) == stored).copied()
}

fn flag(value: bool) -> i32 {
    i32::from(value)
}

fn customer_body(sign_in: SignIn, device_token: Option<String>) -> models::Customer {
    let c = sign_in.customer;
    models::Customer {
        id: c.id,
        name: format!("{} {}", c.first_name, c.last_name),
        gender: gender(c.gender.as_deref()),
        date_of_birth: c.date_of_birth.map(|d| d.to_string()),
        status: flag(c.status),
        is_verified: flag(c.is_verified),
        is_suspended: flag(c.is_suspended),
        subscribed_to_news_letter: c.subscribed_to_news_letter,
        customer_group_id: c.customer_group_id,
        channel_id: c.channel_id,
        api_token: sign_in.api_token,
        token: sign_in.token,
        remember_token: None,
        device_token: present(device_token),
        first_name: c.first_name,
        last_name: c.last_name,
        email: c.email,
        phone: c.phone,
    }
}

fn profile_body(c: &Customer, scope: &Scope) -> models::CustomerProfile {
    models::CustomerProfile {
        id: c.id,
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        gender: gender(c.gender.as_deref()),
        date_of_birth: c.date_of_birth.map(|d| d.to_string()),
        status: flag(c.status),
        subscribed_to_news_letter: c.subscribed_to_news_letter,
        is_verified: flag(c.is_verified),
        is_suspended: flag(c.is_suspended),
        image: None,
        created_at: scope.timestamp(c.created_at),
        updated_at: scope.timestamp(c.updated_at),
    }
}

fn token_status(customer: Option<&Customer>) -> models::CustomerTokenStatus {
    match customer {
        Some(c) => models::CustomerTokenStatus {
            is_valid: true,
            id: c.id,
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            email: c.email.clone(),
            message: "Token is valid".to_owned(),
        },
        None => models::CustomerTokenStatus {
            is_valid: false,
            id: 0,
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            message: UNAUTHENTICATED.to_owned(),
        },
    }
}

fn done(message: &str) -> models::CustomerActionResult {
    models::CustomerActionResult { success: true, message: message.to_owned() }
}

/// `{id}` of the profile paths must be the caller's own id; any other is not found.
fn own_id(ctx: &RequestContext, id: i64) -> Result<i64, ServiceError> {
    let (customer_id, _) = signed_in(ctx)?;
    if id != customer_id {
        return Err(ServiceError::not_found_id("Customer", id));
    }
    Ok(customer_id)
}

impl Service {
    async fn verify(&self, ctx: &RequestContext) -> Result<models::CustomerTokenStatus, ServiceError> {
        if ctx.user.is_none() {
            return Ok(token_status(None));
        }
        let (customer_id, _) = signed_in(ctx)?;
        let customer = self.0.customers().profile(customer_id).await?;
        Ok(token_status(Some(&customer)))
    }

    async fn delete(&self, ctx: &RequestContext, id: i64) -> Result<models::CustomerActionResult, ServiceError> {
        let customer_id = own_id(ctx, id)?;
        self.0.customers().delete(customer_id).await?;
        Ok(done("Account deleted successfully"))
    }
}

#[async_trait::async_trait]
impl CustomersService for Service {
    async fn register_customer(
        &self,
        ctx: &RequestContext,
        input: RegisterCustomerInput,
    ) -> Result<models::Customer, ServiceError> {
        let scope = ctx.scope().await?;
        let b = input.body;
        let new = NewCustomer {
            password_confirmation: confirmation(&b.password, [b.confirm_password, b.password_confirmation]),
            first_name: b.first_name,
            last_name: b.last_name,
            email: b.email,
            password: b.password,
            phone: present(b.phone),
            gender: present(b.gender),
            date_of_birth: present(b.date_of_birth),
            subscribed_to_news_letter: b.subscribed_to_news_letter.unwrap_or(false),
            device_name: b.device_token.clone(),
        };
        let sign_in = self.0.customers().register(new, scope.channel.id).await.map_err(renamed)?;
        Ok(customer_body(sign_in, b.device_token))
    }

    async fn customer_login(
        &self,
        ctx: &RequestContext,
        input: CustomerLoginInput,
    ) -> Result<models::CustomerLoginResult, ServiceError> {
        let b = input.body;
        let attempt = self
            .0
            .customers()
            .login(&b.email, &b.password, b.device_token.as_deref(), ctx.remote_addr.as_deref())
            .await;
        // Upstream answers every well-formed attempt with 201 and tells the outcome in `success`.
        Ok(match attempt {
            Ok(sign_in) => models::CustomerLoginResult {
                id: sign_in.customer.id,
                id_alias: sign_in.customer.id,
                token: sign_in.token,
                api_token: sign_in.api_token,
                success: true,
                message: "You have logged in successfully".to_owned(),
            },
            Err(e) if [401, 403].contains(&e.status().as_u16()) => models::CustomerLoginResult {
                id: 0,
                id_alias: 0,
                token: String::new(),
                api_token: String::new(),
                success: false,
                message: e.messages().join(" "),
            },
            Err(e) => return Err(e),
        })
    }

    async fn customer_logout(
        &self,
        ctx: &RequestContext,
        _input: CustomerLogoutInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let (_, token_id) = signed_in(ctx)?;
        self.0.customers().logout(token_id).await?;
        Ok(done("Logged out successfully"))
    }

    async fn verify_customer_token(
        &self,
        ctx: &RequestContext,
        _input: VerifyCustomerTokenInput,
    ) -> Result<models::CustomerTokenStatus, ServiceError> {
        self.verify(ctx).await
    }

    async fn verify_customer_token_post(
        &self,
        ctx: &RequestContext,
        _input: VerifyCustomerTokenPostInput,
    ) -> Result<models::CustomerTokenStatus, ServiceError> {
        self.verify(ctx).await
    }

    async fn forgot_password(
        &self,
        ctx: &RequestContext,
        input: ForgotPasswordInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let scope = ctx.scope().await?;
        self.0.customers().forgot_password(&input.body.email, &scope.channel).await?;
        Ok(done("Reset password link has been sent to your email"))
    }

    async fn get_customer_profile(
        &self,
        ctx: &RequestContext,
        _input: GetCustomerProfileInput,
    ) -> Result<Vec<models::CustomerProfile>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let customer = self.0.customers().profile(customer_id).await?;
        Ok(vec![profile_body(&customer, scope)])
    }

    async fn update_customer_profile(
        &self,
        ctx: &RequestContext,
        input: UpdateCustomerProfileInput,
    ) -> Result<models::UpdatedCustomerProfile, ServiceError> {
        let customer_id = own_id(ctx, input.id)?;
        let b = input.body;
        let password = match present(b.password) {
            Some(new) => Some(PasswordChange {
                current: b.current_password.unwrap_or_default(),
                confirmation: present(b.confirm_password),
                new,
            }),
            None => None,
        };
        // Left out, null or "" keeps the stored value (upstream).
        let changes = ProfileChanges {
            first_name: present(b.first_name),
            last_name: present(b.last_name),
            email: present(b.email),
            phone: present(b.phone).map(Some),
            gender: present(b.gender).map(Some),
            date_of_birth: present(b.date_of_birth).map(Some),
            subscribed_to_news_letter: b.subscribed_to_news_letter,
            password,
        };
        let c = self.0.customers().update_profile(customer_id, changes).await.map_err(renamed)?;
        Ok(models::UpdatedCustomerProfile {
            id: c.id,
            id_alias: c.id,
            gender: gender(c.gender.as_deref()),
            date_of_birth: c.date_of_birth.map(|d| d.to_string()),
            status: flag(c.status),
            subscribed_to_news_letter: c.subscribed_to_news_letter,
            is_verified: flag(c.is_verified),
            is_suspended: flag(c.is_suspended),
            image: None,
            success: true,
            message: "Customer profile updated successfully".to_owned(),
            first_name: c.first_name,
            last_name: c.last_name,
            email: c.email,
            phone: c.phone,
        })
    }

    async fn delete_customer_profile_post(
        &self,
        ctx: &RequestContext,
        input: DeleteCustomerProfilePostInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        self.delete(ctx, input.id).await
    }

    async fn delete_customer_profile(
        &self,
        ctx: &RequestContext,
        input: DeleteCustomerProfileInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        self.delete(ctx, input.id).await
    }
}
