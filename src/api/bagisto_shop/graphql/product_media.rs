//! GraphQL: product images and videos as nodes (`Product.images`, `Product.videos`) and their
//! root collections (`productImages`, `productVideos`: one product's, or every enabled
//! product's a page at a time).

use async_graphql::Context;
use polyshop_graphql_shop::{
    resolvers::{ProductImageQueries, ProductVideoQueries},
    types::*,
};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};

use super::{DEFAULT_PAGE, MAX_PAGE, ShopGraph, request};
use crate::context::iri;
use polyshop_core::{
    AppState,
    catalog::{
        details::{self, Media, MediaFilter, MediaKind},
        listing,
    },
    settings::scope::Scope,
};

/// An image as a node; `alt` is its product's name where the product is at hand.
pub fn image_node(scope: &Scope, m: Media, alt: Option<String>) -> ProductImage {
    ProductImage {
        id: iri("product-images", m.id),
        id_: m.id,
        position: Some(m.position.to_string()),
        public_path: Some(scope.media_url(&m.path)),
        url: Some(scope.media_url(&m.path)),
        type_: Some("images".into()),
        path: Some(m.path),
        alt,
        ext: Extra::default(),
    }
}

pub fn video_node(scope: &Scope, m: Media) -> ProductVideo {
    ProductVideo {
        id: iri("product-videos", m.id),
        id_: m.id,
        type_: Some("videos".into()),
        position: Some(m.position.to_string()),
        public_path: Some(scope.media_url(&m.path)),
        url: Some(scope.media_url(&m.path)),
        path: Some(m.path),
        ext: Extra::default(),
    }
}

/// The media of `kind` of product `product_id` (none for an unknown or disabled product), or
/// of every enabled product a page at a time.
async fn media_page(
    state: &AppState,
    kind: MediaKind,
    product_id: Option<i64>,
    page: &PageArgs,
) -> GqlResult<Connection<Media>> {
    let db = &state.db;
    if let Some(id) = product_id {
        let rows = match listing::enabled_product(db, id).await? {
            Some(_) => details::media_rows(db, kind, MediaFilter::Products(vec![id])).await?,
            None => Vec::new(),
        };
        return Connection::slice(rows, page, DEFAULT_PAGE, MAX_PAGE);
    }
    let total = usize::try_from(details::count_media(db, kind).await?).unwrap_or(usize::MAX);
    let w = page.window(total, DEFAULT_PAGE, MAX_PAGE)?;
    let rows = details::media_rows(db, kind, MediaFilter::Catalog(w.offset as u64, w.limit as u64)).await?;
    Ok(Connection::new(rows, w.offset, total))
}

#[async_trait::async_trait]
impl ProductImageQueries for ShopGraph {
    async fn product_images(
        &self,
        ctx: &Context<'_>,
        args: QueryProductImagesArgs,
    ) -> GqlResult<Connection<ProductImage>> {
        let scope = &request(ctx)?.scope;
        Ok(media_page(&self.0, MediaKind::Images, args.product_id, &args.page)
            .await?
            .map(|m| image_node(scope, m, None)))
    }
}

#[async_trait::async_trait]
impl ProductVideoQueries for ShopGraph {
    async fn product_videos(
        &self,
        ctx: &Context<'_>,
        args: QueryProductVideosArgs,
    ) -> GqlResult<Connection<ProductVideo>> {
        let scope = &request(ctx)?.scope;
        Ok(media_page(&self.0, MediaKind::Videos, args.product_id, &args.page).await?.map(|m| video_node(scope, m)))
    }
}
