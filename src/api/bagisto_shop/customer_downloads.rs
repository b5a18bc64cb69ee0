//! The download links the signed-in customer bought, and downloading them (Bagisto shop REST
//! API). The same records back GraphQL's customerDownloadableProduct(s).

use poem::http::StatusCode;
use poem_openapi::payload::Binary;
use polyshop_api_bagisto_shop::{customer_downloadable_products::*, models};
use polyshop_core::{
    AppState,
    catalog::product_types::downloadable,
    sales::downloads::{self, Purchase, Refusal},
    settings::scope::Scope,
};
use polyshop_entities::downloadable_link_purchased::Model as PurchasedLink;
use polyshop_runtime::{Page, RequestContext, ServiceError};
use serde_json::json;

use super::{context::ShopRequest, customers::signed_in};

pub struct Service(pub AppState);

pub(crate) fn not_found(id: i64) -> ServiceError {
    ServiceError::not_found(format!("Customer downloadable product with ID \"{id}\" not found"))
}

/// Where the customer downloads `id` (with their token), on this storefront.
pub(crate) fn download_url(scope: &Scope, id: i64) -> String {
    format!("{}/api/shop/customer-downloadable-products/{id}/download", scope.storefront_url().trim_end_matches('/'))
}

pub(crate) fn purchase_body(p: &Purchase, scope: &Scope) -> models::CustomerDownloadableProduct {
    let l = &p.link;
    models::CustomerDownloadableProduct {
        id: l.id,
        product_name: l.product_name.clone(),
        name: l.name.clone(),
        url: l.url.clone(),
        file: l.file.clone(),
        file_name: l.file_name.clone(),
        type_: l.type_.clone(),
        download_bought: l.download_bought,
        download_used: l.download_used,
        download_canceled: l.download_canceled,
        status: l.status.clone(),
        remaining_downloads: p.remaining(),
        download_url: download_url(scope, l.id),
        customer_id: l.customer_id,
        order_id: l.order_id,
        order_item_id: l.order_item_id,
        order: models::DownloadOrder {
            id: p.order.id,
            increment_id: p.order.increment_id.clone(),
            status: p.order.status.clone(),
        },
        created_at: scope.timestamp(l.created_at),
        updated_at: scope.timestamp(l.updated_at),
    }
}

/// Upstream's coded error bodies (`{"message", "error"}`).
fn coded(status: StatusCode, message: &str, code: &str) -> ServiceError {
    ServiceError::with_body(status, json!({"message": message, "error": code}))
}

#[async_trait::async_trait]
impl CustomerDownloadableProductsService for Service {
    async fn list_customer_downloadable_products(
        &self,
        ctx: &RequestContext,
        input: ListCustomerDownloadableProductsInput,
    ) -> Result<Page<models::CustomerDownloadableProduct>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let status = input.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let page = downloads::purchases_of(&self.0.db, customer_id, status, input.window()).await?;
        Ok(page.map(|p| purchase_body(&p, scope)))
    }

    async fn get_customer_downloadable_product(
        &self,
        ctx: &RequestContext,
        input: GetCustomerDownloadableProductInput,
    ) -> Result<models::CustomerDownloadableProduct, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let purchase = downloads::purchase_of(&self.0.db, customer_id, input.id).await?;
        Ok(purchase_body(&purchase.ok_or_else(|| not_found(input.id))?, scope))
    }

    async fn download_customer_downloadable_product(
        &self,
        ctx: &RequestContext,
        input: DownloadCustomerDownloadableProductInput,
    ) -> Result<DownloadCustomerDownloadableProductResponse, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let taken = downloads::take_download(&self.0.db, customer_id, input.id, self.0.clock.now()).await?;
        let not_found = || coded(StatusCode::NOT_FOUND, "Downloadable product not found.", "not_found");
        Ok(match send(&self.0, taken, not_found).await? {
            Sent::File(bytes, disposition) => DownloadCustomerDownloadableProductResponse::Ok(bytes, disposition),
            Sent::Elsewhere(url) => DownloadCustomerDownloadableProductResponse::Found(url),
        })
    }

    async fn download_with_link_token(
        &self,
        _ctx: &RequestContext,
        input: DownloadWithLinkTokenInput,
    ) -> Result<DownloadWithLinkTokenResponse, ServiceError> {
        let taken = downloads::take_download_by_token(&self.0.db, &input.token, self.0.clock.now()).await?;
        let not_found = || coded(StatusCode::NOT_FOUND, "Download link not found.", "not_found");
        Ok(match send(&self.0, taken, not_found).await? {
            Sent::File(bytes, disposition) => DownloadWithLinkTokenResponse::Ok(bytes, disposition),
            Sent::Elsewhere(url) => DownloadWithLinkTokenResponse::Found(url),
        })
    }
}

/// What a counted download sends.
enum Sent {
    /// The stored file and its `Content-Disposition`.
    File(Binary<Vec<u8>>, Option<String>),
    /// The URL of a link hosted elsewhere.
    Elsewhere(Option<String>),
}

/// The answer to a download `taken` (or refused) by `take_download*`: the file, or where it
/// is hosted. A stored file that is gone is a 404 and gives the download back.
async fn send(
    state: &AppState,
    taken: Result<PurchasedLink, Refusal>,
    not_found: impl FnOnce() -> ServiceError,
) -> Result<Sent, ServiceError> {
    let link = match taken {
        Ok(link) => link,
        Err(Refusal::NotFound) => return Err(not_found()),
        Err(Refusal::Pending) => {
            return Err(coded(
                StatusCode::FORBIDDEN,
                "Download is pending. Please wait for the order to be invoiced.",
                "download_pending",
            ));
        }
        Err(Refusal::NoneLeft) => {
            return Err(coded(StatusCode::FORBIDDEN, "No more downloads available.", "no_downloads_remaining"));
        }
    };
    if link.type_ == downloadable::URL {
        return Ok(Sent::Elsewhere(link.url.clone()));
    }
    let bytes = match &link.file {
        Some(path) => downloadable::read_stored_file(&state.config.storage_dir, path).await?,
        None => None,
    };
    let Some(bytes) = bytes else {
        // Nothing was sent: the download is not counted.
        downloads::give_back(&state.db, &link).await?;
        return Err(coded(StatusCode::NOT_FOUND, "File not found.", "file_not_found"));
    };
    let name = link.file_name.clone().or_else(|| link.file.as_deref().map(file_name)).unwrap_or_default();
    let disposition = format!("attachment; filename=\"{}\"", downloadable::attachment_name(&name));
    Ok(Sent::File(Binary(bytes), Some(disposition)))
}

/// The last segment of a stored path.
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_owned()
}
