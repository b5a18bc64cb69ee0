//! GraphQL: the download links the signed-in customer bought (`customerDownloadableProducts`,
//! `customerDownloadableProduct`): the REST records (`crate::customer_downloads`), reshaped; and
//! issuing a temporary download link (`createDownloadableProductDownloadLink`). The download
//! itself is REST only (its answer is the file).

use async_graphql::Context;
use polyshop_api_bagisto_shop::models;
use polyshop_core::sales::downloads;
use polyshop_graphql_shop::{
    resolvers::{CustomerDownloadableProductQueries, CustomerDownloadableProductResolver, DownloadsMutations},
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};

use super::{ShopGraph, account::customer_order_node, credentials::customer_request, owned_id, window_of};
use crate::{
    context::{ShopRequest, iri},
    customer_downloads::{not_found, purchase_body},
    customers::signed_in,
};

fn node(x: &models::CustomerDownloadableProduct) -> CustomerDownloadableProduct {
    CustomerDownloadableProduct {
        id: iri("customer-downloadable-products", x.id),
        id_: x.id,
        product_name: Some(x.product_name.clone()),
        name: Some(x.name.clone()),
        url: x.url.clone(),
        file: x.file.clone(),
        file_name: x.file_name.clone(),
        type_: Some(x.type_.clone()),
        download_bought: Some(i64::from(x.download_bought)),
        download_used: Some(i64::from(x.download_used)),
        download_canceled: Some(i64::from(x.download_canceled)),
        status: Some(x.status.clone()),
        remaining_downloads: x.remaining_downloads.map(|n| n.to_string()),
        download_url: Some(x.download_url.clone()),
        customer_id: x.customer_id,
        order_id: Some(x.order_id),
        order_item_id: Some(x.order_item_id),
        created_at: Some(x.created_at.clone()),
        updated_at: Some(x.updated_at.clone()),
        ext: Extra::new(x.order_id),
    }
}

#[async_trait::async_trait]
impl CustomerDownloadableProductQueries for ShopGraph {
    async fn customer_downloadable_products(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerDownloadableProductsArgs,
    ) -> GqlResult<Connection<CustomerDownloadableProduct>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let status = args.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let db = &self.0.db;
        let (rows, offset, total) =
            window_of(&args.page, |w| downloads::purchases_of(db, customer_id, status, w)).await?;
        Ok(Connection::new(rows.iter().map(|p| node(&purchase_body(p, scope))).collect(), offset, total))
    }

    async fn customer_downloadable_product(
        &self,
        ctx: &Context<'_>,
        args: QueryCustomerDownloadableProductArgs,
    ) -> GqlResult<Option<CustomerDownloadableProduct>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let id = owned_id(&args.id);
        let purchase = downloads::purchase_of(&self.0.db, customer_id, id).await?;
        let purchase = purchase.ok_or_else(|| not_found(id))?;
        Ok(Some(node(&purchase_body(&purchase, scope))))
    }
}

#[async_trait::async_trait]
impl CustomerDownloadableProductResolver for ShopGraph {
    /// The whole order, as customerOrder answers it, read only when asked for.
    async fn order(&self, ctx: &Context<'_>, parent: &CustomerDownloadableProduct) -> GqlResult<Option<CustomerOrder>> {
        let Some(order_id) = parent.ext.get::<i64>().copied() else { return Ok(None) };
        let rc = customer_request(ctx).await?;
        Ok(Some(customer_order_node(&self.order_of(&rc, order_id).await?)))
    }
}

#[async_trait::async_trait]
impl DownloadsMutations for ShopGraph {
    async fn create_downloadable_product_download_link(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateDownloadableProductDownloadLinkArgs,
    ) -> GqlResult<Option<CreateDownloadableProductDownloadLinkPayload>> {
        let rc = customer_request(ctx).await?;
        let (customer_id, _) = signed_in(&rc)?;
        let scope = rc.scope().await?;
        let id = args.input.downloadable_link_purchased_id;
        let issued = downloads::issue_link_token(&self.0.db, customer_id, id, self.0.clock.now()).await?;
        let link = issued.map_err(|refusal| match refusal {
            downloads::Refusal::NotFound => ServiceError::not_found("Downloadable link not found"),
            downloads::Refusal::Pending => {
                ServiceError::forbidden("Download is pending. Please wait for the order to be invoiced.")
            }
            downloads::Refusal::NoneLeft => ServiceError::forbidden("No more downloads available"),
        })?;
        let url = format!(
            "{}/api/downloadable-product/download/{}",
            scope.storefront_url().trim_end_matches('/'),
            link.token
        );
        Ok(Some(CreateDownloadableProductDownloadLinkPayload {
            downloadable_product_download_link: Some(DownloadableProductDownloadLink {
                id: link.id.to_string(),
                id_: Some(link.id),
                token: Some(link.token),
                url: Some(url),
                expires_at: Some(link.expires_at.format("%Y-%m-%d %H:%M:%S").to_string()),
                downloadable_link_purchased_id: Some(link.purchase_id),
                ext: Default::default(),
            }),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }
}
