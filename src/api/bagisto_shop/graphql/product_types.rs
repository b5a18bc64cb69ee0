#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: product_types.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{
        BookingProductEventTicketResolver, BookingProductResolver, ProductBundleOptionProductResolver,
        ProductBundleOptionResolver, ProductDownloadableLinkResolver, ProductDownloadableSampleResolver,
        ProductGroupedProductResolver,
    },
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult, PageArgs};

use super::ShopGraph;

pub async fn booking_slots(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryBookingSlotsArgs,
) -> GqlResult<Vec<BookingSlot>> {
    todo!("booking_slots")
}

#[async_trait::async_trait]
impl BookingProductResolver for ShopGraph {
    async fn default_slot(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductDefaultSlot>> {
        todo!("BookingProduct.default_slot")
    }

    async fn appointment_slot(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductAppointmentSlot>> {
        todo!("BookingProduct.appointment_slot")
    }

    async fn rental_slot(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductRentalSlot>> {
        todo!("BookingProduct.rental_slot")
    }

    async fn table_slot(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductTableSlot>> {
        todo!("BookingProduct.table_slot")
    }

    async fn event_tickets(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
        args: BookingProductEventTicketsArgs,
    ) -> GqlResult<Connection<BookingProductEventTicket>> {
        todo!("BookingProduct.event_tickets")
    }
}

#[async_trait::async_trait]
impl BookingProductEventTicketResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProductEventTicket,
    ) -> GqlResult<Option<BookingProductEventTicketTranslation>> {
        todo!("BookingProductEventTicket.translation")
    }

    async fn translations(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProductEventTicket,
        args: BookingProductEventTicketTranslationsArgs,
    ) -> GqlResult<Connection<BookingProductEventTicketTranslation>> {
        todo!("BookingProductEventTicket.translations")
    }
}

#[async_trait::async_trait]
impl ProductGroupedProductResolver for ShopGraph {
    async fn associated_product(
        &self,
        ctx: &Context<'_>,
        parent: &ProductGroupedProduct,
    ) -> GqlResult<Option<Product>> {
        todo!("ProductGroupedProduct.associated_product")
    }
}

#[async_trait::async_trait]
impl ProductBundleOptionResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductBundleOption,
    ) -> GqlResult<Option<ProductBundleOptionTranslation>> {
        todo!("ProductBundleOption.translation")
    }

    async fn bundle_option_products(
        &self,
        ctx: &Context<'_>,
        parent: &ProductBundleOption,
        args: ProductBundleOptionBundleOptionProductsArgs,
    ) -> GqlResult<Connection<ProductBundleOptionProduct>> {
        todo!("ProductBundleOption.bundle_option_products")
    }
}

#[async_trait::async_trait]
impl ProductBundleOptionProductResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &ProductBundleOptionProduct) -> GqlResult<Option<Product>> {
        todo!("ProductBundleOptionProduct.product")
    }
}

#[async_trait::async_trait]
impl ProductDownloadableLinkResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductDownloadableLink,
    ) -> GqlResult<Option<ProductDownloadableLinkTranslation>> {
        todo!("ProductDownloadableLink.translation")
    }
}

#[async_trait::async_trait]
impl ProductDownloadableSampleResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductDownloadableSample,
    ) -> GqlResult<Option<ProductDownloadableSampleTranslation>> {
        todo!("ProductDownloadableSample.translation")
    }
}

/// The grouped members of product `product_id`, batched across the request.
pub async fn grouped_products_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductGroupedProduct>> {
    todo!("grouped_products_of")
}

/// The bundle options of product `product_id`, batched across the request.
pub async fn bundle_options_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductBundleOption>> {
    todo!("bundle_options_of")
}

/// The downloadable links of product `product_id`, batched across the request.
pub async fn downloadable_links_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductDownloadableLink>> {
    todo!("downloadable_links_of")
}

/// The downloadable samples of product `product_id`, batched across the request.
pub async fn downloadable_samples_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductDownloadableSample>> {
    todo!("downloadable_samples_of")
}

/// The booking configuration of product `product_id`, batched across the request.
pub async fn booking_products_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<BookingProduct>> {
    todo!("booking_products_of")
}

/// The customizable options of product `product_id`, batched across the request.
pub async fn customizable_options_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductCustomizableOption>> {
    todo!("customizable_options_of")
}
