//! GraphQL: GDPR data requests and EU withdrawal declarations. Each field runs the REST
//! operation's use case (`crate::privacy`), so both APIs answer with the same records,
//! refusals and messages.

use async_graphql::Context;
use polyshop_api_bagisto_shop::{
    eu_withdrawals::{self as rest_withdrawals, EuWithdrawalsService as _, GetEuWithdrawalInput},
    gdpr_requests::{self as rest_gdpr, GdprRequestsService as _, GetGdprRequestInput},
    models,
};
use polyshop_graphql_shop::{
    resolvers::{EuWithdrawalQueries, GdprRequestQueries, GdprRequestResolver, PrivacyMutations},
    types::*,
};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};

use super::{
    ShopGraph, credentials::customer_request, customers::customer_node, owned_id, request, validation, window_of,
};
use crate::{
    context::ShopRequest,
    customers::signed_in,
    privacy::{DELETED, Service, request_body, withdrawal_body},
};
use polyshop_core::privacy::{GdprSort, gdpr, withdrawals};

fn gdpr_node(x: models::GdprRequest) -> GdprRequest {
    GdprRequest {
        id: format!("/api/shop/gdpr-requests/{}", x.id),
        id_: x.id,
        email: Some(x.email.clone()),
        status: Some(x.status.clone()),
        type_: Some(x.type_.clone()),
        message: Some(x.message.clone()),
        revoked_at: x.revoked_at.clone(),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        success_message: x.success_message.clone(),
        ext: Extra::default(),
    }
}

fn withdrawal_node(x: models::EuWithdrawal) -> EuWithdrawal {
    EuWithdrawal {
        id: format!("/api/shop/eu-withdrawals/{}", x.id),
        id_: x.id,
        uuid: Some(x.uuid),
        order_id: Some(x.order_id),
        order_increment_id: Some(x.order_increment_id),
        is_guest: Some(x.is_guest),
        customer_email: Some(x.customer_email),
        status: Some(x.status.to_string()),
        reason_text: x.reason_text,
        received_at: Some(x.received_at),
        confirmation_sent_at: x.confirmation_sent_at,
        declined_at: x.declined_at,
        declined_reason: x.declined_reason,
        refunded_at: x.refunded_at,
        refund_note: x.refund_note,
        created_at: Some(x.created_at),
        updated_at: Some(x.updated_at),
        ext: Extra::default(),
    }
}

fn guest_withdrawal_node(x: models::GuestEuWithdrawal) -> GuestEuWithdrawal {
    GuestEuWithdrawal {
        id: format!("/api/shop/eu-withdrawals/{}", x.id),
        id_: x.id,
        uuid: Some(x.uuid),
        order_id: Some(x.order_id),
        order_increment_id: Some(x.order_increment_id),
        is_guest: Some(x.is_guest),
        customer_email: Some(x.customer_email),
        status: Some(x.status.to_string()),
        reason_text: x.reason_text,
        received_at: Some(x.received_at),
        confirmation_sent_at: x.confirmation_sent_at,
        created_at: Some(x.created_at),
        ext: Extra::default(),
    }
}

impl ShopGraph {
    fn privacy(&self) -> Service {
        Service(self.0.clone())
    }
}

#[async_trait::async_trait]
impl PrivacyMutations for ShopGraph {
    async fn create_gdpr_request(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateGdprRequestArgs,
    ) -> GqlResult<Option<CreateGdprRequestPayload>> {
        let rc = customer_request(ctx).await?;
        let input = args.input;
        let body = models::GdprRequestInput { type_: input.type_, message: input.message };
        let made = self.privacy().create_gdpr_request(&rc, rest_gdpr::CreateGdprRequestInput { body }).await?;
        Ok(Some(CreateGdprRequestPayload {
            gdpr_request: Some(gdpr_node(made)),
            client_mutation_id: input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn revoke_gdpr_request(
        &self,
        ctx: &Context<'_>,
        args: MutationRevokeGdprRequestArgs,
    ) -> GqlResult<Option<RevokeGdprRequestPayload>> {
        let rc = customer_request(ctx).await?;
        let id = owned_id(&args.input.id);
        let revoked = self.privacy().revoke_gdpr_request(&rc, rest_gdpr::RevokeGdprRequestInput { id }).await?;
        Ok(Some(RevokeGdprRequestPayload {
            gdpr_request: Some(gdpr_node(revoked)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    /// Answers the request as it was before it was deleted (upstream's snapshot).
    async fn delete_gdpr_request(
        &self,
        ctx: &Context<'_>,
        args: MutationDeleteGdprRequestArgs,
    ) -> GqlResult<Option<DeleteGdprRequestPayload>> {
        let rc = customer_request(ctx).await?;
        let id = owned_id(&args.input.id);
        let before = self.privacy().get_gdpr_request(&rc, GetGdprRequestInput { id }).await?;
        self.privacy().delete_gdpr_request(&rc, rest_gdpr::DeleteGdprRequestInput { id }).await?;
        let before = models::GdprRequest { success_message: Some(DELETED.into()), ..before };
        Ok(Some(DeleteGdprRequestPayload {
            gdpr_request: Some(gdpr_node(before)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn create_eu_withdrawal(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateEuWithdrawalArgs,
    ) -> GqlResult<Option<CreateEuWithdrawalPayload>> {
        let rc = customer_request(ctx).await?;
        let input = args.input;
        let body = models::EuWithdrawalRequest {
            order_id: input.order_id,
            order_id_snake: None,
            reason_text: input.reason_text,
            reason_text_snake: None,
        };
        let filed =
            self.privacy().create_eu_withdrawal(&rc, rest_withdrawals::CreateEuWithdrawalInput { body }).await?;
        Ok(Some(CreateEuWithdrawalPayload {
            eu_withdrawal: Some(withdrawal_node(filed)),
            client_mutation_id: input.client_mutation_id,
            ext: Extra::default(),
        }))
    }

    async fn create_guest_eu_withdrawal(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateGuestEuWithdrawalArgs,
    ) -> GqlResult<Option<CreateGuestEuWithdrawalPayload>> {
        let rc = request(ctx)?.ctx.clone();
        let input = args.input;
        // The REST schema's email pattern, which GraphQL inputs do not pass through.
        let looks_like_email =
            |e: &str| e.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if input.email.as_deref().map(str::trim).is_some_and(|e| !e.is_empty() && !looks_like_email(e)) {
            return Err(validation("The email field must be a valid email address."));
        }
        if input.order_increment_id.as_deref().is_some_and(|n| n.trim().chars().count() > 50) {
            return Err(validation("The order increment id field must not be greater than 50 characters."));
        }
        let body = models::GuestEuWithdrawalRequest {
            order_increment_id: input.order_increment_id,
            order_increment_id_snake: None,
            email: input.email,
            reason_text: input.reason_text,
            reason_text_snake: None,
        };
        let filed = self
            .privacy()
            .create_guest_eu_withdrawal(&rc, rest_withdrawals::CreateGuestEuWithdrawalInput { body })
            .await?;
        Ok(Some(CreateGuestEuWithdrawalPayload {
            guest_eu_withdrawal: Some(guest_withdrawal_node(filed)),
            client_mutation_id: input.client_mutation_id,
            ext: Extra::default(),
        }))
    }
}

#[async_trait::async_trait]
impl GdprRequestQueries for ShopGraph {
    async fn gdpr_requests(
        &self,
        ctx: &Context<'_>,
        args: QueryGdprRequestsArgs,
    ) -> GqlResult<Connection<GdprRequest>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        gdpr::ensure_enabled(&self.0.db, &scope.channel, &scope.locale).await?;
        let descending = !args.order.as_deref().is_some_and(|o| o.trim().eq_ignore_ascii_case("asc"));
        let sort = GdprSort::parse(args.sort.as_deref(), descending);
        let db = &self.0.db;
        let (rows, offset, total) = window_of(&args.page, |w| gdpr::requests_of(db, customer_id, sort, w)).await?;
        Ok(Connection::new(rows.iter().map(|r| gdpr_node(request_body(r, scope, None))).collect(), offset, total))
    }

    async fn gdpr_request(&self, ctx: &Context<'_>, args: QueryGdprRequestArgs) -> GqlResult<Option<GdprRequest>> {
        let rc = customer_request(ctx).await?;
        let found = self.privacy().get_gdpr_request(&rc, GetGdprRequestInput { id: owned_id(&args.id) }).await?;
        Ok(Some(gdpr_node(found)))
    }
}

#[async_trait::async_trait]
impl GdprRequestResolver for ShopGraph {
    /// The customer who raised it: the signed-in customer (only their own requests are read).
    async fn customer(&self, ctx: &Context<'_>, _parent: &GdprRequest) -> GqlResult<Option<Customer>> {
        let (customer, _) = super::customers::signed_in(ctx).await?;
        Ok(Some(customer_node(&customer, &request(ctx)?.scope, None, None)))
    }
}

#[async_trait::async_trait]
impl EuWithdrawalQueries for ShopGraph {
    async fn eu_withdrawals(
        &self,
        ctx: &Context<'_>,
        args: QueryEuWithdrawalsArgs,
    ) -> GqlResult<Connection<EuWithdrawal>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let db = &self.0.db;
        let (rows, offset, total) = window_of(&args.page, |w| withdrawals::withdrawals_of(db, customer_id, w)).await?;
        Ok(Connection::new(rows.iter().map(|w| withdrawal_node(withdrawal_body(w, scope))).collect(), offset, total))
    }

    async fn eu_withdrawal(&self, ctx: &Context<'_>, args: QueryEuWithdrawalArgs) -> GqlResult<Option<EuWithdrawal>> {
        let rc = customer_request(ctx).await?;
        let found = self.privacy().get_eu_withdrawal(&rc, GetEuWithdrawalInput { id: owned_id(&args.id) }).await?;
        Ok(Some(withdrawal_node(found)))
    }
}
