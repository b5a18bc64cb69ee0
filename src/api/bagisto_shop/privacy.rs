//! GDPR data requests and EU withdrawal declarations (Bagisto shop REST API), over the core's
//! `privacy` area. GraphQL (`graphql/privacy.rs`) runs these same use cases.

use polyshop_api_bagisto_shop::{eu_withdrawals::*, gdpr_requests::*, models};
use polyshop_core::{
    AppState,
    privacy::{GdprSort, Withdrawal, gdpr, withdrawals},
    settings::scope::Scope,
};
use polyshop_entities::gdpr_data_requests;
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{context::ShopRequest, customers::signed_in};

pub struct Service(pub AppState);

pub(crate) const RAISED: &str = "Your GDPR data request has been raised successfully.";
pub(crate) const REVOKED: &str = "Your GDPR data request has been revoked successfully.";
pub(crate) const DELETED: &str = "Your GDPR data request has been deleted successfully.";

pub(crate) fn request_body(r: &gdpr_data_requests::Model, scope: &Scope, said: Option<&str>) -> models::GdprRequest {
    models::GdprRequest {
        id: r.id,
        customer_id: r.customer_id,
        email: r.email.clone(),
        status: r.status.clone(),
        type_: r.type_.clone(),
        message: r.message.clone(),
        revoked_at: r.revoked_at.map(|t| scope.timestamp(t)),
        created_at: scope.timestamp(r.created_at),
        updated_at: scope.timestamp(r.updated_at),
        success_message: said.map(str::to_owned),
    }
}

fn status(s: &str) -> models::EuWithdrawalStatus {
    s.parse().unwrap_or(models::EuWithdrawalStatus::Received)
}

pub(crate) fn withdrawal_body(w: &Withdrawal, scope: &Scope) -> models::EuWithdrawal {
    let r = &w.row;
    models::EuWithdrawal {
        id: r.id,
        uuid: r.uuid.clone(),
        order_id: r.order_id,
        order_increment_id: w.order_increment_id.clone(),
        is_guest: r.is_guest,
        customer_email: r.customer_email.clone(),
        status: status(&r.status),
        reason_text: r.reason_text.clone(),
        received_at: scope.timestamp(r.received_at),
        confirmation_sent_at: r.confirmation_sent_at.map(|t| scope.timestamp(t)),
        declined_at: r.declined_at.map(|t| scope.timestamp(t)),
        declined_reason: r.declined_reason.clone(),
        refunded_at: r.refunded_at.map(|t| scope.timestamp(t)),
        refund_note: r.refund_note.clone(),
        created_at: scope.timestamp(r.created_at),
        updated_at: scope.timestamp(r.updated_at),
    }
}

pub(crate) fn guest_withdrawal_body(w: &Withdrawal, scope: &Scope) -> models::GuestEuWithdrawal {
    let r = &w.row;
    models::GuestEuWithdrawal {
        id: r.id,
        uuid: r.uuid.clone(),
        order_id: r.order_id,
        order_increment_id: w.order_increment_id.clone(),
        is_guest: r.is_guest,
        customer_email: r.customer_email.clone(),
        status: status(&r.status),
        reason_text: r.reason_text.clone(),
        received_at: scope.timestamp(r.received_at),
        confirmation_sent_at: r.confirmation_sent_at.map(|t| scope.timestamp(t)),
        created_at: scope.timestamp(r.created_at),
    }
}

/// The signed-in customer and the scope, once GDPR is known to be on for it.
async fn gdpr_caller<'a>(state: &AppState, ctx: &'a RequestContext) -> Result<(i64, &'a Scope), ServiceError> {
    let (customer_id, _) = signed_in(ctx)?;
    let scope = ctx.scope().await?;
    gdpr::ensure_enabled(&state.db, &scope.channel, &scope.locale).await?;
    Ok((customer_id, scope))
}

#[async_trait::async_trait]
impl GdprRequestsService for Service {
    async fn list_gdpr_requests(
        &self,
        ctx: &RequestContext,
        input: ListGdprRequestsInput,
    ) -> Result<Page<models::GdprRequest>, ServiceError> {
        let (customer_id, scope) = gdpr_caller(&self.0, ctx).await?;
        let sort = GdprSort::parse(input.sort.as_deref(), input.order == models::ListGdprRequestsOrder::Desc);
        let page = gdpr::requests_of(&self.0.db, customer_id, sort, input.window()).await?;
        Ok(page.map(|r| request_body(&r, scope, None)))
    }

    async fn create_gdpr_request(
        &self,
        ctx: &RequestContext,
        input: CreateGdprRequestInput,
    ) -> Result<models::GdprRequest, ServiceError> {
        let (customer_id, scope) = gdpr_caller(&self.0, ctx).await?;
        let b = input.body;
        let row = gdpr::raise(
            &self.0.db,
            customer_id,
            &scope.channel,
            b.type_.as_deref(),
            b.message.as_deref(),
            self.0.clock.now(),
        )
        .await?;
        Ok(request_body(&row, scope, Some(RAISED)))
    }

    async fn get_gdpr_request(
        &self,
        ctx: &RequestContext,
        input: GetGdprRequestInput,
    ) -> Result<models::GdprRequest, ServiceError> {
        let (customer_id, scope) = gdpr_caller(&self.0, ctx).await?;
        Ok(request_body(&gdpr::request_of(&self.0.db, customer_id, input.id).await?, scope, None))
    }

    async fn delete_gdpr_request(
        &self,
        ctx: &RequestContext,
        input: DeleteGdprRequestInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let (customer_id, _) = gdpr_caller(&self.0, ctx).await?;
        gdpr::delete(&self.0.db, customer_id, input.id).await?;
        Ok(models::CustomerActionResult { success: true, message: DELETED.into() })
    }

    async fn revoke_gdpr_request(
        &self,
        ctx: &RequestContext,
        input: RevokeGdprRequestInput,
    ) -> Result<models::GdprRequest, ServiceError> {
        let (customer_id, scope) = gdpr_caller(&self.0, ctx).await?;
        let row = gdpr::revoke(&self.0.db, customer_id, input.id, &scope.channel, self.0.clock.now()).await?;
        Ok(request_body(&row, scope, Some(REVOKED)))
    }
}

#[async_trait::async_trait]
impl EuWithdrawalsService for Service {
    async fn list_eu_withdrawals(
        &self,
        ctx: &RequestContext,
        input: ListEuWithdrawalsInput,
    ) -> Result<Page<models::EuWithdrawal>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let page = withdrawals::withdrawals_of(&self.0.db, customer_id, input.window()).await?;
        Ok(page.map(|w| withdrawal_body(&w, scope)))
    }

    async fn create_eu_withdrawal(
        &self,
        ctx: &RequestContext,
        input: CreateEuWithdrawalInput,
    ) -> Result<models::EuWithdrawal, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let order_id =
            b.order_id.or(b.order_id_snake).ok_or_else(|| ServiceError::bad_request("Order ID is required"))?;
        let reason = b.reason_text.as_deref().or(b.reason_text_snake.as_deref());
        let filed = withdrawals::file_for_customer(
            &self.0.db,
            customer_id,
            order_id,
            reason,
            &scope.locale,
            self.0.clock.now(),
        )
        .await?;
        Ok(withdrawal_body(&filed, scope))
    }

    async fn create_guest_eu_withdrawal(
        &self,
        ctx: &RequestContext,
        input: CreateGuestEuWithdrawalInput,
    ) -> Result<models::GuestEuWithdrawal, ServiceError> {
        let scope = ctx.scope().await?;
        let b = input.body;
        let number = b
            .order_increment_id
            .as_deref()
            .or(b.order_increment_id_snake.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| ServiceError::bad_request("The order increment id field is required."))?;
        let email = b
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| ServiceError::bad_request("The email field is required."))?;
        let reason = b.reason_text.as_deref().or(b.reason_text_snake.as_deref());
        let filed = withdrawals::file_for_guest(
            &self.0.db,
            scope.channel.id,
            number,
            email,
            reason,
            &scope.locale,
            self.0.clock.now(),
        )
        .await?;
        Ok(guest_withdrawal_body(&filed, scope))
    }

    async fn get_eu_withdrawal(
        &self,
        ctx: &RequestContext,
        input: GetEuWithdrawalInput,
    ) -> Result<models::EuWithdrawal, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        Ok(withdrawal_body(&withdrawals::withdrawal_of(&self.0.db, customer_id, input.id).await?, scope))
    }
}
