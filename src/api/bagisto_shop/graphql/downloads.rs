//! GraphQL: the download links the signed-in customer bought (`customerDownloadableProducts`,
//! `customerDownloadableProduct`): the REST records (`crate::customer_downloads`), reshaped. The
//! download itself is REST only (its answer is the file).

use async_graphql::Context;
use polyshop_api_bagisto_shop::models;
use polyshop_core::sales::downloads;
use polyshop_graphql_shop::{
    resolvers::{CustomerDownloadableProductQueries, CustomerDownloadableProductResolver},
    types::*,
};
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
