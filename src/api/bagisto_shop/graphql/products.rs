#![allow(unused)] // TODO(stub): remove when implemented
//! GraphQL: products.

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{AttributeValueResolver, ProductResolver},
    types::*,
};
use polyshop_runtime::graphql::{Connection, GqlResult};

use super::ShopGraph;

pub async fn product(g: &ShopGraph, ctx: &Context<'_>, args: QueryProductArgs) -> GqlResult<Option<Product>> {
    todo!("product")
}

pub async fn product_by_sk_u(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryProductBySkUArgs,
) -> GqlResult<Option<Product>> {
    todo!("product_by_sk_u")
}

pub async fn product_by_url(
    g: &ShopGraph,
    ctx: &Context<'_>,
    args: QueryProductByUrlArgs,
) -> GqlResult<Option<Product>> {
    todo!("product_by_url")
}

pub async fn products(g: &ShopGraph, ctx: &Context<'_>, args: QueryProductsArgs) -> GqlResult<Connection<Product>> {
    todo!("products")
}

#[async_trait::async_trait]
impl ProductResolver for ShopGraph {
    async fn images(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductImagesArgs,
    ) -> GqlResult<Connection<ProductImage>> {
        todo!("Product.images")
    }

    async fn videos(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductVideosArgs,
    ) -> GqlResult<Connection<ProductVideo>> {
        todo!("Product.videos")
    }

    async fn categories(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCategoriesArgs,
    ) -> GqlResult<Connection<Category>> {
        todo!("Product.categories")
    }

    async fn attribute_values(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductAttributeValuesArgs,
    ) -> GqlResult<Connection<AttributeValue>> {
        todo!("Product.attribute_values")
    }

    async fn attribute_family(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<AttributeFamily>> {
        todo!("Product.attribute_family")
    }

    async fn channels(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductChannelsArgs,
    ) -> GqlResult<Connection<Channel>> {
        todo!("Product.channels")
    }

    async fn variants(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductVariantsArgs,
    ) -> GqlResult<Connection<Product>> {
        todo!("Product.variants")
    }

    async fn super_attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductSuperAttributesArgs,
    ) -> GqlResult<Connection<Attribute>> {
        todo!("Product.super_attributes")
    }

    async fn parent(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<Product>> {
        todo!("Product.parent")
    }

    async fn grouped_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductGroupedProductsArgs,
    ) -> GqlResult<Connection<ProductGroupedProduct>> {
        todo!("Product.grouped_products")
    }

    async fn bundle_options(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductBundleOptionsArgs,
    ) -> GqlResult<Connection<ProductBundleOption>> {
        todo!("Product.bundle_options")
    }

    async fn downloadable_links(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductDownloadableLinksArgs,
    ) -> GqlResult<Connection<ProductDownloadableLink>> {
        todo!("Product.downloadable_links")
    }

    async fn downloadable_samples(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductDownloadableSamplesArgs,
    ) -> GqlResult<Connection<ProductDownloadableSample>> {
        todo!("Product.downloadable_samples")
    }

    async fn booking_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductBookingProductsArgs,
    ) -> GqlResult<Connection<BookingProduct>> {
        todo!("Product.booking_products")
    }

    async fn customizable_options(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCustomizableOptionsArgs,
    ) -> GqlResult<Connection<ProductCustomizableOption>> {
        todo!("Product.customizable_options")
    }

    async fn related_products(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductRelatedProductsArgs,
    ) -> GqlResult<Connection<Product>> {
        todo!("Product.related_products")
    }

    async fn up_sells(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductUpSellsArgs,
    ) -> GqlResult<Connection<Product>> {
        todo!("Product.up_sells")
    }

    async fn cross_sells(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductCrossSellsArgs,
    ) -> GqlResult<Connection<Product>> {
        todo!("Product.cross_sells")
    }

    async fn reviews(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        todo!("Product.reviews")
    }

    async fn approved_reviews(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductApprovedReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        todo!("Product.approved_reviews")
    }

    async fn attributes(
        &self,
        ctx: &Context<'_>,
        parent: &Product,
        args: ProductAttributesArgs,
    ) -> GqlResult<Connection<ProductAttribute>> {
        todo!("Product.attributes")
    }

    async fn prices(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductPrice>> {
        todo!("Product.prices")
    }

    async fn product_flat(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductProductFlat>> {
        todo!("Product.product_flat")
    }

    async fn rating(&self, ctx: &Context<'_>, parent: &Product) -> GqlResult<Option<ProductRating>> {
        todo!("Product.rating")
    }
}

#[async_trait::async_trait]
impl AttributeValueResolver for ShopGraph {
    async fn attribute(&self, ctx: &Context<'_>, parent: &AttributeValue) -> GqlResult<Option<Attribute>> {
        todo!("AttributeValue.attribute")
    }
}

/// One product by id (`ProductGroupedProduct.associatedProduct`, `ProductBundleOptionProduct.product`),
/// batched across the request; disabled products are included (members stay readable).
pub async fn product_by_id(ctx: &Context<'_>, id: i64) -> GqlResult<Option<Product>> {
    todo!("product by id")
}
