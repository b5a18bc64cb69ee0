//! The root query fields, each answered by its business area's module.

use async_graphql::Context;
use polyshop_graphql_shop::{resolvers::QueryResolver, types::*};
use polyshop_runtime::graphql::{Connection, GqlResult};

use super::{ShopGraph, attributes, categories, cms, core, product_types, products, reviews};

#[async_trait::async_trait]
impl QueryResolver for ShopGraph {
    async fn attribute(&self, ctx: &Context<'_>, args: QueryAttributeArgs) -> GqlResult<Option<Attribute>> {
        attributes::attribute(self, ctx, args).await
    }

    async fn attribute_option(
        &self,
        ctx: &Context<'_>,
        args: QueryAttributeOptionArgs,
    ) -> GqlResult<Option<AttributeOption>> {
        attributes::attribute_option(self, ctx, args).await
    }

    async fn attribute_options(
        &self,
        ctx: &Context<'_>,
        args: QueryAttributeOptionsArgs,
    ) -> GqlResult<Connection<AttributeOption>> {
        attributes::attribute_options(self, ctx, args).await
    }

    async fn attributes(&self, ctx: &Context<'_>, args: QueryAttributesArgs) -> GqlResult<Connection<Attribute>> {
        attributes::attributes(self, ctx, args).await
    }

    async fn booking_slots(&self, ctx: &Context<'_>, args: QueryBookingSlotsArgs) -> GqlResult<Vec<BookingSlot>> {
        product_types::booking_slots(self, ctx, args).await
    }

    async fn categories(&self, ctx: &Context<'_>, args: QueryCategoriesArgs) -> GqlResult<Connection<Category>> {
        categories::categories(self, ctx, args).await
    }

    async fn category(&self, ctx: &Context<'_>, args: QueryCategoryArgs) -> GqlResult<Option<Category>> {
        categories::category(self, ctx, args).await
    }

    async fn channel(&self, ctx: &Context<'_>, args: QueryChannelArgs) -> GqlResult<Option<Channel>> {
        core::channel(self, ctx, args).await
    }

    async fn channels(&self, ctx: &Context<'_>, args: QueryChannelsArgs) -> GqlResult<Connection<Channel>> {
        core::channels(self, ctx, args).await
    }

    async fn countries(&self, ctx: &Context<'_>, args: QueryCountriesArgs) -> GqlResult<Connection<Country>> {
        core::countries(self, ctx, args).await
    }

    async fn country(&self, ctx: &Context<'_>, args: QueryCountryArgs) -> GqlResult<Option<Country>> {
        core::country(self, ctx, args).await
    }

    async fn country_state(&self, ctx: &Context<'_>, args: QueryCountryStateArgs) -> GqlResult<Option<CountryState>> {
        core::country_state(self, ctx, args).await
    }

    async fn country_states(
        &self,
        ctx: &Context<'_>,
        args: QueryCountryStatesArgs,
    ) -> GqlResult<Connection<CountryState>> {
        core::country_states(self, ctx, args).await
    }

    async fn currencies(&self, ctx: &Context<'_>, args: QueryCurrenciesArgs) -> GqlResult<Connection<Currency>> {
        core::currencies(self, ctx, args).await
    }

    async fn currency(&self, ctx: &Context<'_>, args: QueryCurrencyArgs) -> GqlResult<Option<Currency>> {
        core::currency(self, ctx, args).await
    }

    async fn locale(&self, ctx: &Context<'_>, args: QueryLocaleArgs) -> GqlResult<Option<Locale>> {
        core::locale(self, ctx, args).await
    }

    async fn locales(&self, ctx: &Context<'_>, args: QueryLocalesArgs) -> GqlResult<Connection<Locale>> {
        core::locales(self, ctx, args).await
    }

    async fn page(&self, ctx: &Context<'_>, args: QueryPageArgs) -> GqlResult<Option<Page>> {
        cms::page(self, ctx, args).await
    }

    async fn pages(&self, ctx: &Context<'_>, args: QueryPagesArgs) -> GqlResult<Connection<Page>> {
        cms::pages(self, ctx, args).await
    }

    async fn product(&self, ctx: &Context<'_>, args: QueryProductArgs) -> GqlResult<Option<Product>> {
        products::product(self, ctx, args).await
    }

    async fn product_by_sk_u(&self, ctx: &Context<'_>, args: QueryProductBySkUArgs) -> GqlResult<Option<Product>> {
        products::product_by_sk_u(self, ctx, args).await
    }

    async fn product_by_url(&self, ctx: &Context<'_>, args: QueryProductByUrlArgs) -> GqlResult<Option<Product>> {
        products::product_by_url(self, ctx, args).await
    }

    async fn product_reviews(
        &self,
        ctx: &Context<'_>,
        args: QueryProductReviewsArgs,
    ) -> GqlResult<Connection<ProductReview>> {
        reviews::product_reviews(self, ctx, args).await
    }

    async fn products(&self, ctx: &Context<'_>, args: QueryProductsArgs) -> GqlResult<Connection<Product>> {
        products::products(self, ctx, args).await
    }

    async fn review(&self, ctx: &Context<'_>, args: QueryReviewArgs) -> GqlResult<Option<Review>> {
        reviews::review(self, ctx, args).await
    }

    async fn reviews(&self, ctx: &Context<'_>, args: QueryReviewsArgs) -> GqlResult<Connection<Review>> {
        reviews::reviews(self, ctx, args).await
    }

    async fn theme_customization(
        &self,
        ctx: &Context<'_>,
        args: QueryThemeCustomizationArgs,
    ) -> GqlResult<Option<ThemeCustomization>> {
        cms::theme_customization(self, ctx, args).await
    }

    async fn theme_customizations(
        &self,
        ctx: &Context<'_>,
        args: QueryThemeCustomizationsArgs,
    ) -> GqlResult<Connection<ThemeCustomization>> {
        cms::theme_customizations(self, ctx, args).await
    }

    async fn tree_categories(&self, ctx: &Context<'_>, args: QueryTreeCategoriesArgs) -> GqlResult<Vec<Category>> {
        categories::tree_categories(self, ctx, args).await
    }
}
