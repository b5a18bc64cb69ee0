//! GraphQL: customer accounts. Registration and the four sign-in forms, sign-out and the token
//! check, password resets, the profile and the address book, over the same core services as
//! the REST operations. A customer operation reads the request's `Authorization: Bearer` token
//! when it runs: without a valid one the field fails with `Unauthenticated. Please login to
//! perform this action` and answers null, while the rest of the query runs on.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{
        AddUpdateCustomerAddressQueries, CustomerAddressQueries, CustomerProfileQueries, CustomerQueries,
        CustomerResolver, CustomersMutations,
    },
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, GqlResult};

use super::{DEFAULT_PAGE, MAX_PAGE, ShopGraph, numeric_id, owned_id, request, validation};
use crate::{
    context::{iri, present},
    customer_addresses::sorted_by,
    customers::wire_field,
};
use polyshop_core::{
    customers::{
        Address, AddressChanges, AddressFields, AddressOrder, Customer as CustomerRow, NewCustomer, PasswordChange,
        ProfileChanges, SignIn, passwords::confirmation, street_lines, tokens::UNAUTHENTICATED,
    },
    settings::scope::Scope,
};

/// The signed-in customer of the request and the id of the token it signed in with.
pub(super) async fn signed_in(ctx: &Context<'_>) -> GqlResult<(CustomerRow, i64)> {
    let req = request(ctx)?;
    let Some(bearer) = req.bearer.as_deref() else { return Err(ServiceError::unauthorized(UNAUTHENTICATED).into()) };
    let (token_id, customer) = req.state.customers().authenticate(bearer).await?;
    Ok((customer, token_id))
}

/// A core refusal with its field named as the client sent it (`` `firstName`: is required ``).
fn renamed(e: ServiceError) -> ServiceError {
    e.rename_field(wire_field)
}

/// A required input field: missing or blank is a validation error naming it.
fn required(value: Option<String>, name: &str) -> GqlResult<String> {
    value.filter(|v| !v.trim().is_empty()).ok_or_else(|| validation(format!("`{name}` is required")))
}

fn flag(value: bool) -> String {
    if value { "1" } else { "0" }.to_owned()
}

fn date(d: Option<impl ToString>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub(super) fn customer_node(
    c: &CustomerRow,
    scope: &Scope,
    sign_in: Option<&SignIn>,
    device: Option<String>,
) -> Customer {
    Customer {
        id: iri("customers", c.id),
        id_: c.id,
        first_name: Some(c.first_name.clone()),
        last_name: Some(c.last_name.clone()),
        name: Some(format!("{} {}", c.first_name, c.last_name)),
        email: Some(c.email.clone()),
        phone: c.phone.clone(),
        gender: c.gender.clone(),
        date_of_birth: date(c.date_of_birth),
        status: Some(flag(c.status)),
        is_verified: Some(flag(c.is_verified)),
        is_suspended: Some(flag(c.is_suspended)),
        subscribed_to_news_letter: Some(c.subscribed_to_news_letter),
        customer_group_id: c.customer_group_id,
        channel_id: c.channel_id,
        token: sign_in.map(|s| s.token.clone()),
        api_token: sign_in.map(|s| s.api_token.clone()),
        remember_token: None,
        device_token: present(device),
        created_at: Some(scope.timestamp(c.created_at)),
        updated_at: Some(scope.timestamp(c.updated_at)),
        ext: Default::default(),
    }
}

fn profile_node(c: &CustomerRow) -> CustomerProfile {
    CustomerProfile {
        id: iri("customer-profiles", c.id),
        id_: Some(c.id),
        first_name: Some(c.first_name.clone()),
        last_name: Some(c.last_name.clone()),
        email: Some(c.email.clone()),
        phone: c.phone.clone(),
        gender: c.gender.clone(),
        date_of_birth: date(c.date_of_birth),
        status: Some(flag(c.status)),
        subscribed_to_news_letter: Some(c.subscribed_to_news_letter),
        is_verified: Some(flag(c.is_verified)),
        is_suspended: Some(flag(c.is_suspended)),
        image: None,
        success: None,
        message: None,
        ext: Default::default(),
    }
}

fn address_node(a: &Address, scope: &Scope) -> CustomerAddress {
    CustomerAddress {
        id: iri("customer-addresses", a.id),
        id_: a.id,
        address_type: Some(a.address_type.clone()),
        company_name: a.company_name.clone(),
        name: Some(format!("{} {}", a.first_name, a.last_name)),
        first_name: Some(a.first_name.clone()),
        last_name: Some(a.last_name.clone()),
        email: a.email.clone(),
        address: Some(a.address.clone()),
        city: Some(a.city.clone()),
        state: a.state.clone(),
        country: Some(a.country.clone()),
        postcode: a.postcode.clone(),
        phone: a.phone.clone(),
        vat_id: a.vat_id.clone(),
        default_address: Some(a.default_address),
        use_for_shipping: Some(a.use_for_shipping),
        additional: a.additional.clone(),
        created_at: Some(scope.timestamp(a.created_at)),
        updated_at: Some(scope.timestamp(a.updated_at)),
        zip_code: a.postcode.clone(),
        default_billing: Some(a.default_address),
        default_shipping: Some(a.default_address),
        ext: Default::default(),
    }
}

fn add_update_node(a: &Address) -> AddUpdateCustomerAddress {
    let (address1, address2) = street_lines(&a.address);
    let address1 = Some(address1);
    AddUpdateCustomerAddress {
        id: a.id.to_string(),
        address_id: Some(a.id),
        first_name: Some(a.first_name.clone()),
        last_name: Some(a.last_name.clone()),
        company_name: a.company_name.clone(),
        vat_id: a.vat_id.clone(),
        email: a.email.clone(),
        phone: a.phone.clone(),
        address1,
        address2,
        city: Some(a.city.clone()),
        state: a.state.clone(),
        country: Some(a.country.clone()),
        postcode: a.postcode.clone(),
        default_address: Some(a.default_address),
        ext: Default::default(),
    }
}

fn deleted_node(a: &Address) -> DeleteCustomerAddress {
    let n = add_update_node(a);
    DeleteCustomerAddress {
        id: n.id,
        address_id: n.address_id,
        first_name: n.first_name,
        last_name: n.last_name,
        company_name: n.company_name,
        vat_id: n.vat_id,
        email: n.email,
        phone: n.phone,
        address1: n.address1,
        address2: n.address2,
        city: n.city,
        state: n.state,
        country: n.country,
        postcode: n.postcode,
        default_address: n.default_address,
        ext: Default::default(),
    }
}

/// An address id argument: an IRI, `"7"` or `7`.
fn address_id(id: Option<&str>) -> GqlResult<i64> {
    id.and_then(numeric_id).ok_or_else(|| validation("`addressId` is required"))
}

/// The street lines of an input: `address1`/`address2`, or the legacy `address` (lines).
fn input_lines(address1: Option<String>, address2: Option<String>, address: Option<String>) -> Vec<String> {
    match present(address1) {
        Some(first) => std::iter::once(first)
            .chain(
                present(address2).map(|rest| rest.lines().map(str::to_owned).collect::<Vec<_>>()).unwrap_or_default(),
            )
            .collect(),
        None => present(address).map(|a| a.lines().map(str::to_owned).collect()).unwrap_or_default(),
    }
}

/// What a sign-in attempt answers: the sign-in, or why it was refused (`success: false`).
type Attempt = Result<SignIn, String>;

impl ShopGraph {
    /// Signs in; a wrong password, an unknown email or a suspended account is a refusal with a
    /// message, other failures (throttling) are errors.
    async fn attempt(
        &self,
        ctx: &Context<'_>,
        email: Option<String>,
        password: Option<String>,
        device: Option<&str>,
    ) -> GqlResult<Attempt> {
        let email = required(email, "email")?;
        let password = required(password, "password")?;
        let address = request(ctx)?.ctx.remote_addr.clone();
        match self.0.customers().login(&email, &password, device, address.as_deref()).await {
            Ok(sign_in) => Ok(Ok(sign_in)),
            Err(e) if [401, 403].contains(&e.status().as_u16()) => Ok(Err(e.messages().join(" "))),
            Err(e) => Err(e.into()),
        }
    }

    async fn register(&self, ctx: &Context<'_>, input: CreateCustomerInput) -> GqlResult<(SignIn, Option<String>)> {
        let scope = &request(ctx)?.scope;
        let password = required(input.password, "password")?;
        let new = NewCustomer {
            first_name: required(input.first_name, "firstName")?,
            last_name: required(input.last_name, "lastName")?,
            email: required(input.email, "email")?,
            password_confirmation: confirmation(&password, [input.confirm_password, input.password_confirmation]),
            password,
            phone: present(input.phone),
            gender: present(input.gender),
            date_of_birth: present(input.date_of_birth),
            subscribed_to_news_letter: input
                .subscribed_to_news_letter
                .or(input.subscribe_to_newsletter)
                .unwrap_or(false),
            device_name: input.device_token.clone(),
        };
        let sign_in = self.0.customers().register(new, scope.channel.id).await.map_err(renamed)?;
        Ok((sign_in, input.device_token))
    }

    async fn update_profile(&self, ctx: &Context<'_>, changes: ProfileChanges) -> GqlResult<CustomerRow> {
        let (customer, _) = signed_in(ctx).await?;
        Ok(self.0.customers().update_profile(customer.id, changes).await.map_err(renamed)?)
    }

    async fn change_password(&self, ctx: &Context<'_>, change: PasswordChange) -> GqlResult<CustomerRow> {
        self.update_profile(ctx, ProfileChanges { password: Some(change), ..Default::default() }).await
    }

    /// createAddUpdateCustomerAddress and its upstream twin: a new address, or changes to the
    /// one `addressId` names.
    async fn save_address(&self, ctx: &Context<'_>, i: CreateAddUpdateCustomerAddressInput) -> GqlResult<Address> {
        let (customer, _) = signed_in(ctx).await?;
        let book = self.0.address_book();
        let address = match i.address_id.as_deref() {
            Some(id) => {
                let id = address_id(Some(id))?;
                let changes = AddressChanges {
                    first_name: present(i.first_name),
                    last_name: present(i.last_name),
                    company_name: i.company_name.map(|v| present(Some(v))),
                    first_line: present(i.address1),
                    other_lines: i.address2.map(|v| present(Some(v))),
                    city: present(i.city),
                    state: present(i.state).map(Some),
                    country: present(i.country),
                    postcode: present(i.postcode),
                    email: i.email.map(|v| present(Some(v))),
                    phone: present(i.phone),
                    vat_id: i.vat_id.map(|v| present(Some(v))),
                    default_address: i.default_address,
                };
                book.update(customer.id, id, changes).await
            }
            None => {
                let fields = AddressFields {
                    first_name: i.first_name.unwrap_or_default(),
                    last_name: i.last_name.unwrap_or_default(),
                    company_name: present(i.company_name),
                    lines: input_lines(i.address1, i.address2, None),
                    city: i.city.unwrap_or_default(),
                    state: present(i.state),
                    country: i.country.unwrap_or_default(),
                    postcode: i.postcode.unwrap_or_default(),
                    email: present(i.email),
                    phone: i.phone.unwrap_or_default(),
                    vat_id: present(i.vat_id),
                    default_address: i.default_address.unwrap_or(false),
                };
                book.create(customer.id, fields).await
            }
        }
        .map_err(renamed)?;
        Ok(address)
    }

    async fn delete_address(&self, ctx: &Context<'_>, id: i64) -> GqlResult<Address> {
        let (customer, _) = signed_in(ctx).await?;
        let book = self.0.address_book();
        let address = book.get(customer.id, id).await?;
        book.delete(customer.id, id).await?;
        Ok(address)
    }
}

#[async_trait::async_trait]
impl CustomersMutations for ShopGraph {
    async fn create_customer(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerArgs,
    ) -> GqlResult<Option<CreateCustomerPayload>> {
        let client_mutation_id = args.input.client_mutation_id.clone();
        let (sign_in, device) = self.register(ctx, args.input).await?;
        let scope = &request(ctx)?.scope;
        Ok(Some(CreateCustomerPayload {
            customer: Some(customer_node(&sign_in.customer, scope, Some(&sign_in), device)),
            message: Some("Customer registered successfully".to_owned()),
            success: Some(true),
            client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_customer_login(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerLoginArgs,
    ) -> GqlResult<Option<CreateCustomerLoginPayload>> {
        let i = args.input;
        let login = match self.attempt(ctx, i.email, i.password, i.device_token.as_deref()).await? {
            Ok(s) => CustomerLogin {
                id: Some(s.customer.id.to_string()),
                id_: Some(s.customer.id),
                token: Some(s.token),
                api_token: Some(s.api_token),
                success: Some(true),
                message: Some("You have logged in successfully".to_owned()),
                ext: Default::default(),
            },
            Err(message) => CustomerLogin { success: Some(false), message: Some(message), ..Default::default() },
        };
        Ok(Some(CreateCustomerLoginPayload {
            customer_login: Some(login),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_login(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateLoginArgs,
    ) -> GqlResult<Option<CreateLoginPayload>> {
        let i = args.input;
        let scope = &request(ctx)?.scope;
        let payload = match self.attempt(ctx, i.email, i.password, i.device_token.as_deref()).await? {
            Ok(s) => CreateLoginPayload {
                login: Some(Login {
                    id: Some(s.customer.id.to_string()),
                    email: Some(s.customer.email.clone()),
                    first_name: Some(s.customer.first_name.clone()),
                    last_name: Some(s.customer.last_name.clone()),
                    token: Some(s.token.clone()),
                    api_token: Some(s.api_token.clone()),
                    success: Some(true),
                    message: Some("You have logged in successfully".to_owned()),
                    ext: Default::default(),
                }),
                access_token: Some(s.token.clone()),
                refresh_token: None,
                customer: Some(customer_node(&s.customer, scope, None, None)),
                client_mutation_id: i.client_mutation_id,
                ext: Default::default(),
            },
            Err(message) => CreateLoginPayload {
                login: Some(Login { success: Some(false), message: Some(message), ..Default::default() }),
                client_mutation_id: i.client_mutation_id,
                ..Default::default()
            },
        };
        Ok(Some(payload))
    }

    async fn customer_login(
        &self,
        ctx: &Context<'_>,
        args: MutationCustomerLoginArgs,
    ) -> GqlResult<Option<CustomerLoginPayload>> {
        let scope = &request(ctx)?.scope;
        match self.attempt(ctx, args.email, args.password, None).await? {
            Ok(s) => Ok(Some(CustomerLoginPayload {
                access_token: Some(s.token.clone()),
                customer: Some(customer_node(&s.customer, scope, None, None)),
                ext: Default::default(),
            })),
            // This legacy form has no `success` field: a refusal is an error.
            Err(message) => Err(ServiceError::unauthorized(message).into()),
        }
    }

    async fn create_logout(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateLogoutArgs,
    ) -> GqlResult<Option<CreateLogoutPayload>> {
        let (_, token_id) = signed_in(ctx).await?;
        self.0.customers().logout(token_id).await?;
        let message = "Logged out successfully".to_owned();
        Ok(Some(CreateLogoutPayload {
            logout: Some(Logout { success: Some(true), message: Some(message.clone()), ext: Default::default() }),
            status: Some("success".to_owned()),
            message: Some(message),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_verify_token(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateVerifyTokenArgs,
    ) -> GqlResult<Option<CreateVerifyTokenPayload>> {
        let req = request(ctx)?;
        let token = present(args.input.token).or_else(|| req.bearer.clone());
        let found = match token {
            Some(t) => match self.0.customers().authenticate(&t).await {
                Ok((_, customer)) => Some(customer),
                Err(e) if e.status() == poem::http::StatusCode::UNAUTHORIZED => None,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        let verify = match found {
            Some(c) => VerifyToken {
                id: Some(c.id.to_string()),
                id_: Some(c.id),
                first_name: Some(c.first_name),
                last_name: Some(c.last_name),
                email: Some(c.email),
                is_valid: Some(true),
                message: Some("Token is valid".to_owned()),
                ext: Default::default(),
            },
            None => {
                VerifyToken { is_valid: Some(false), message: Some(UNAUTHENTICATED.to_owned()), ..Default::default() }
            }
        };
        Ok(Some(CreateVerifyTokenPayload {
            verify_token: Some(verify),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_forgot_password(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateForgotPasswordArgs,
    ) -> GqlResult<Option<CreateForgotPasswordPayload>> {
        let email = required(args.input.email, "email")?;
        self.0.customers().forgot_password(&email, &request(ctx)?.scope.channel).await?;
        Ok(Some(CreateForgotPasswordPayload {
            forgot_password: Some(ForgotPassword {
                success: Some(true),
                message: Some(RESET_SENT.to_owned()),
                ext: Default::default(),
            }),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn forgot_password(
        &self,
        ctx: &Context<'_>,
        args: MutationForgotPasswordArgs,
    ) -> GqlResult<Option<ForgotPasswordPayload>> {
        let email = required(args.input.email, "email")?;
        self.0.customers().forgot_password(&email, &request(ctx)?.scope.channel).await?;
        Ok(Some(outcome(RESET_SENT)))
    }

    async fn reset_password(
        &self,
        _ctx: &Context<'_>,
        args: MutationResetPasswordArgs,
    ) -> GqlResult<Option<ResetPasswordPayload>> {
        let i = args.input;
        let (token, email, password) =
            (required(i.token, "token")?, required(i.email, "email")?, required(i.password, "password")?);
        let confirm = confirmation(&password, [i.password_confirmation, i.confirm_password]);
        self.0.customers().reset_password(&email, &token, &password, confirm.as_deref()).await.map_err(renamed)?;
        let done = outcome("Your password has been reset");
        Ok(Some(ResetPasswordPayload {
            status: done.status,
            success: done.success,
            message: done.message,
            ext: Default::default(),
        }))
    }

    async fn create_customer_profile_update(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerProfileUpdateArgs,
    ) -> GqlResult<Option<CreateCustomerProfileUpdatePayload>> {
        let i = args.input;
        let password = match present(i.password) {
            Some(new) => Some(PasswordChange {
                current: i.current_password.unwrap_or_default(),
                confirmation: present(i.confirm_password),
                new,
            }),
            None => None,
        };
        let changes = ProfileChanges {
            first_name: present(i.first_name),
            last_name: present(i.last_name),
            email: present(i.email),
            phone: present(i.phone).map(Some),
            gender: present(i.gender).map(Some),
            date_of_birth: present(i.date_of_birth).map(Some),
            subscribed_to_news_letter: i.subscribed_to_news_letter,
            password,
        };
        let c = self.update_profile(ctx, changes).await?;
        let p = profile_node(&c);
        Ok(Some(CreateCustomerProfileUpdatePayload {
            customer_profile_update: Some(CustomerProfileUpdate {
                id: Some(c.id.to_string()),
                id_: p.id_,
                first_name: p.first_name,
                last_name: p.last_name,
                email: p.email,
                phone: p.phone,
                gender: p.gender,
                date_of_birth: p.date_of_birth,
                status: p.status,
                subscribed_to_news_letter: p.subscribed_to_news_letter,
                is_verified: p.is_verified,
                is_suspended: p.is_suspended,
                image: None,
                success: Some(true),
                message: Some("Customer profile updated successfully".to_owned()),
                ext: Default::default(),
            }),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_customer_profile_delete(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerProfileDeleteArgs,
    ) -> GqlResult<Option<CreateCustomerProfileDeletePayload>> {
        let (customer, _) = signed_in(ctx).await?;
        let customers = self.0.customers();
        // A password, when sent, must be the account's (nothing is deleted otherwise).
        if let Some(password) = args.input.password.as_deref()
            && !customers.password_matches(&customer, password).await?
        {
            return Err(ServiceError::bad_request("The password you entered is incorrect").into());
        }
        customers.delete(customer.id).await?;
        Ok(Some(CreateCustomerProfileDeletePayload {
            customer_profile_delete: None,
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn delete_customer(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteCustomerArgs,
    ) -> GqlResult<Option<DeleteCustomerPayload>> {
        let (customer, _) = signed_in(ctx).await?;
        // Upstream deletes whoever `id` names; only the signed-in customer may be deleted here,
        // named by its number or its customer IRI (not another resource's IRI ending in it).
        let id = args.input.id.0.trim();
        let names_a_customer = !id.contains('/') || id.trim_end_matches('/').rsplit('/').nth(1) == Some("customers");
        if !names_a_customer || numeric_id(id) != Some(customer.id) {
            let shown: String = id.chars().take(64).collect();
            return Err(ServiceError::not_found(format!("Customer with ID \"{shown}\" not found.")).into());
        }
        self.0.customers().delete(customer.id).await?;
        Ok(Some(DeleteCustomerPayload {
            customer: None,
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn update_customer(
        &self,
        ctx: &Context<'_>,
        args: MutationUpdateCustomerArgs,
    ) -> GqlResult<Option<UpdateCustomerPayload>> {
        let i = args.input;
        let (customer, _) = signed_in(ctx).await?;
        if let Some(id) = i.id.as_deref()
            && numeric_id(id) != Some(customer.id)
        {
            return Err(ServiceError::not_found_id("Customer", id).into());
        }
        let changes = ProfileChanges {
            first_name: present(i.first_name),
            last_name: present(i.last_name),
            email: present(i.email),
            phone: present(i.phone).map(Some),
            gender: present(i.gender).map(Some),
            date_of_birth: present(i.date_of_birth).map(Some),
            subscribed_to_news_letter: i.subscribed_to_news_letter,
            password: None,
        };
        let c = self.update_profile(ctx, changes).await?;
        let scope = &request(ctx)?.scope;
        Ok(Some(UpdateCustomerPayload {
            customer: Some(customer_node(&c, scope, None, None)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn change_customer_password(
        &self,
        ctx: &Context<'_>,
        args: MutationChangeCustomerPasswordArgs,
    ) -> GqlResult<Option<ChangeCustomerPasswordPayload>> {
        let i = args.input;
        let new = required(i.new_password.or(i.password), "newPassword")?;
        let change = PasswordChange {
            current: i.old_password.or(i.current_password).unwrap_or_default(),
            confirmation: confirmation(&new, [i.password_confirmation, i.confirm_password]),
            new,
        };
        self.change_password(ctx, change).await?;
        let done = outcome("Password changed successfully");
        Ok(Some(ChangeCustomerPasswordPayload {
            status: done.status,
            success: done.success,
            message: done.message,
            ext: Default::default(),
        }))
    }

    async fn add_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationAddCustomerAddressArgs,
    ) -> GqlResult<Option<AddCustomerAddressPayload>> {
        let i = args.input;
        let (customer, _) = signed_in(ctx).await?;
        let fields = AddressFields {
            first_name: i.first_name.unwrap_or_default(),
            last_name: i.last_name.unwrap_or_default(),
            company_name: present(i.company_name),
            lines: input_lines(i.address1, i.address2, i.address),
            city: i.city.unwrap_or_default(),
            state: present(i.state),
            country: i.country.unwrap_or_default(),
            postcode: i.postcode.or(i.zip_code).unwrap_or_default(),
            email: present(i.email),
            phone: i.phone.or(i.phone_number).unwrap_or_default(),
            vat_id: present(i.vat_id),
            default_address: [i.default_address, i.default_billing, i.default_shipping].contains(&Some(true)),
        };
        let address = self.0.address_book().create(customer.id, fields).await.map_err(renamed)?;
        Ok(Some(AddCustomerAddressPayload {
            address: Some(address_node(&address, &request(ctx)?.scope)),
            ext: Default::default(),
        }))
    }

    async fn create_add_update_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateAddUpdateCustomerAddressArgs,
    ) -> GqlResult<Option<CreateAddUpdateCustomerAddressPayload>> {
        let client_mutation_id = args.input.client_mutation_id.clone();
        let address = self.save_address(ctx, args.input).await?;
        Ok(Some(CreateAddUpdateCustomerAddressPayload {
            add_update_customer_address: Some(add_update_node(&address)),
            client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_customer_address_token(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCustomerAddressTokenArgs,
    ) -> GqlResult<Option<CreateCustomerAddressTokenPayload>> {
        let i = args.input;
        let client_mutation_id = i.client_mutation_id.clone();
        // The same input under upstream's other name (`@sameFieldsAs`).
        let address = self.save_address(ctx, i.into()).await?;
        Ok(Some(CreateCustomerAddressTokenPayload {
            customer_address_token: Some(add_update_node(&address)),
            client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_delete_customer_address_token(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateDeleteCustomerAddressTokenArgs,
    ) -> GqlResult<Option<CreateDeleteCustomerAddressTokenPayload>> {
        let id = address_id(args.input.address_id.as_deref())?;
        let address = self.delete_address(ctx, id).await?;
        Ok(Some(CreateDeleteCustomerAddressTokenPayload {
            customer_address_token: Some(deleted_node(&address)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_delete_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateDeleteCustomerAddressArgs,
    ) -> GqlResult<Option<CreateDeleteCustomerAddressPayload>> {
        let id = address_id(args.input.address_id.as_deref())?;
        let address = self.delete_address(ctx, id).await?;
        Ok(Some(CreateDeleteCustomerAddressPayload {
            delete_customer_address: Some(deleted_node(&address)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn delete_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteCustomerAddressArgs,
    ) -> GqlResult<Option<DeleteCustomerAddressPayload>> {
        let id = address_id(args.input.address_id.as_deref())?;
        self.delete_address(ctx, id).await?;
        let done = outcome("Address deleted successfully");
        Ok(Some(DeleteCustomerAddressPayload {
            status: done.status,
            success: done.success,
            message: done.message,
            ext: Default::default(),
        }))
    }

    async fn update_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationUpdateCustomerAddressArgs,
    ) -> GqlResult<Option<UpdateCustomerAddressPayload>> {
        let i = args.input;
        let (customer, _) = signed_in(ctx).await?;
        let id = address_id(i.address_id.as_deref())?;
        let legacy_lines = present(i.address).map(|a| a.lines().map(str::to_owned).collect::<Vec<_>>());
        let (first_line, other_lines) = match (present(i.address1), legacy_lines) {
            (Some(first), _) => (Some(first), i.address2.map(|v| present(Some(v)))),
            (None, Some(lines)) => {
                let rest = lines[1..].join("\n");
                (lines.first().cloned(), Some(present(Some(rest))))
            }
            (None, None) => (None, i.address2.map(|v| present(Some(v)))),
        };
        let default =
            [i.default_address, i.default_billing, i.default_shipping].into_iter().flatten().reduce(|a, b| a || b);
        let changes = AddressChanges {
            first_name: present(i.first_name),
            last_name: present(i.last_name),
            company_name: i.company_name.map(|v| present(Some(v))),
            first_line,
            other_lines,
            city: present(i.city),
            state: present(i.state).map(Some),
            country: present(i.country),
            postcode: present(i.postcode.or(i.zip_code)),
            email: i.email.map(|v| present(Some(v))),
            phone: present(i.phone.or(i.phone_number)),
            vat_id: i.vat_id.map(|v| present(Some(v))),
            default_address: default,
        };
        let address = self.0.address_book().update(customer.id, id, changes).await.map_err(renamed)?;
        Ok(Some(UpdateCustomerAddressPayload {
            address: Some(address_node(&address, &request(ctx)?.scope)),
            ext: Default::default(),
        }))
    }
}

const RESET_SENT: &str = "Reset password link has been sent to your email";

/// The `{status, success, message}` answer of the legacy mutations.
fn outcome(message: &str) -> ForgotPasswordPayload {
    ForgotPasswordPayload {
        status: Some("success".to_owned()),
        success: Some(true),
        message: Some(message.to_owned()),
        ext: Default::default(),
    }
}

#[async_trait::async_trait]
impl CustomerProfileQueries for ShopGraph {
    async fn read_customer_profile(&self, ctx: &Context<'_>) -> GqlResult<Option<CustomerProfile>> {
        let (customer, _) = signed_in(ctx).await?;
        Ok(Some(profile_node(&customer)))
    }
}

#[async_trait::async_trait]
impl CustomerQueries for ShopGraph {
    async fn customer(&self, ctx: &Context<'_>, args: QueryCustomerArgs) -> GqlResult<Option<Customer>> {
        let (customer, _) = signed_in(ctx).await?;
        if let Some(id) = args.id.as_deref()
            && numeric_id(id) != Some(customer.id)
        {
            return Ok(None);
        }
        Ok(Some(customer_node(&customer, &request(ctx)?.scope, None, None)))
    }
}

#[async_trait::async_trait]
impl CustomerResolver for ShopGraph {
    async fn addresses(
        &self,
        ctx: &Context<'_>,
        parent: &Customer,
        args: CustomerAddressesArgs,
    ) -> GqlResult<Connection<CustomerAddress>> {
        let scope = &request(ctx)?.scope;
        let all = self.0.address_book().all(parent.id_, AddressOrder::default()).await?;
        Connection::slice(all, &args.page, DEFAULT_PAGE, MAX_PAGE).map(|c| c.map(|a| address_node(&a, scope)))
    }
}

#[async_trait::async_trait]
impl CustomerAddressQueries for ShopGraph {
    async fn customer_address(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerAddressArgs,
    ) -> GqlResult<Option<CustomerAddress>> {
        let (customer, _) = signed_in(ctx).await?;
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        match self.0.address_book().get(customer.id, id).await {
            Ok(a) => Ok(Some(address_node(&a, &request(ctx)?.scope))),
            Err(e) if e.status() == poem::http::StatusCode::NOT_FOUND => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn get_customer_addresses(
        &self,
        ctx: &Context<'_>,
        args: QueryGetCustomerAddressesArgs,
    ) -> GqlResult<Connection<CustomerAddress>> {
        let (customer, _) = signed_in(ctx).await?;
        let descending = args.order.as_deref().is_some_and(|o| o.eq_ignore_ascii_case("desc"));
        let mut order = sorted_by(args.sort.as_deref(), descending);
        // `order` overrides a suffix in `sort` when sent.
        if let Some(o) = args.order.as_deref() {
            order.descending = o.eq_ignore_ascii_case("desc");
        }
        let scope = &request(ctx)?.scope;
        let all = self.0.address_book().all(customer.id, order).await?;
        Connection::slice(all, &args.page, DEFAULT_PAGE, MAX_PAGE).map(|c| c.map(|a| address_node(&a, scope)))
    }
}

/// Upstream's address reads by token (no docs page): the caller's addresses in
/// createCustomerAddressToken's shape.
#[async_trait::async_trait]
impl AddUpdateCustomerAddressQueries for ShopGraph {
    async fn read_customer_address_token(
        &self,
        ctx: &Context<'_>,
        args: QueryReadCustomerAddressTokenArgs,
    ) -> GqlResult<Option<AddUpdateCustomerAddress>> {
        let (customer, _) = signed_in(ctx).await?;
        let address = self.0.address_book().get(customer.id, owned_id(&args.id)).await?;
        Ok(Some(add_update_node(&address)))
    }

    async fn read_get_customer_address(
        &self,
        ctx: &Context<'_>,
        args: QueryReadGetCustomerAddressArgs,
    ) -> GqlResult<Option<AddUpdateCustomerAddress>> {
        AddUpdateCustomerAddressQueries::read_customer_address_token(
            self,
            ctx,
            QueryReadCustomerAddressTokenArgs { id: args.id },
        )
        .await
    }

    async fn collection_customer_address_token(
        &self,
        ctx: &Context<'_>,
        args: QueryCollectionCustomerAddressTokenArgs,
    ) -> GqlResult<Connection<AddUpdateCustomerAddress>> {
        let (customer, _) = signed_in(ctx).await?;
        let all = self.0.address_book().all(customer.id, sorted_by(None, false)).await?;
        Connection::slice(all, &args.page, DEFAULT_PAGE, MAX_PAGE).map(|c| c.map(|a| add_update_node(&a)))
    }
}
