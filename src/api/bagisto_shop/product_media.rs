//! Product images and videos of the Bagisto shop REST API: per product, catalog-wide, by id.

use polyshop_api_bagisto_shop::{models, product_media::*};
use polyshop_runtime::{Page, PageWindow, RequestContext, ServiceError};

use super::context::{ShopRequest, enabled_product};
use polyshop_core::{
    AppState,
    catalog::details::{self, Media, MediaFilter, MediaKind},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

impl Service {
    async fn of_product(
        &self,
        ctx: &RequestContext,
        kind: MediaKind,
        product_id: i64,
    ) -> Result<Vec<models::ProductImage>, ServiceError> {
        let scope = ctx.scope().await?;
        let product = enabled_product(&self.0, product_id).await?;
        let rows = details::media_rows(&self.0.db, kind, MediaFilter::Products(vec![product.id])).await?;
        Ok(rows.iter().map(|m| view(scope, kind, m)).collect())
    }

    async fn page(
        &self,
        ctx: &RequestContext,
        kind: MediaKind,
        window: PageWindow,
    ) -> Result<Page<models::ProductImage>, ServiceError> {
        let scope = ctx.scope().await?;
        let total = details::count_media(&self.0.db, kind).await?;
        let filter = MediaFilter::Catalog(window.offset(), window.limit());
        let rows = details::media_rows(&self.0.db, kind, filter).await?;
        Ok(Page::new(rows.iter().map(|m| view(scope, kind, m)).collect(), total, window))
    }

    async fn one(&self, ctx: &RequestContext, kind: MediaKind, id: i64) -> Result<models::ProductImage, ServiceError> {
        let scope = ctx.scope().await?;
        let row = details::media_rows(&self.0.db, kind, MediaFilter::Id(id)).await?.pop();
        let what = if kind == MediaKind::Images { "Product image" } else { "Product video" };
        row.map(|m| view(scope, kind, &m)).ok_or_else(|| ServiceError::not_found_id(what, id))
    }
}

#[async_trait::async_trait]
impl ProductMediaService for Service {
    async fn list_product_images(
        &self,
        ctx: &RequestContext,
        input: ListProductImagesInput,
    ) -> Result<Vec<models::ProductImage>, ServiceError> {
        self.of_product(ctx, MediaKind::Images, input.product_id).await
    }

    async fn list_all_product_images(
        &self,
        ctx: &RequestContext,
        input: ListAllProductImagesInput,
    ) -> Result<Page<models::ProductImage>, ServiceError> {
        self.page(ctx, MediaKind::Images, input.window()).await
    }

    async fn get_product_image(
        &self,
        ctx: &RequestContext,
        input: GetProductImageInput,
    ) -> Result<models::ProductImage, ServiceError> {
        self.one(ctx, MediaKind::Images, input.id).await
    }

    async fn list_product_videos(
        &self,
        ctx: &RequestContext,
        input: ListProductVideosInput,
    ) -> Result<Vec<models::ProductImage>, ServiceError> {
        self.of_product(ctx, MediaKind::Videos, input.product_id).await
    }

    async fn list_all_product_videos(
        &self,
        ctx: &RequestContext,
        input: ListAllProductVideosInput,
    ) -> Result<Page<models::ProductImage>, ServiceError> {
        self.page(ctx, MediaKind::Videos, input.window()).await
    }

    async fn get_product_video(
        &self,
        ctx: &RequestContext,
        input: GetProductVideoInput,
    ) -> Result<models::ProductImage, ServiceError> {
        self.one(ctx, MediaKind::Videos, input.id).await
    }
}

pub fn view(scope: &Scope, kind: MediaKind, m: &Media) -> models::ProductImage {
    models::ProductImage {
        id: m.id,
        type_: if kind == MediaKind::Images {
            models::ProductMediaType::Images
        } else {
            models::ProductMediaType::Videos
        },
        path: m.path.clone(),
        product_id: m.product_id,
        position: m.position,
        public_path: scope.media_url(&m.path),
    }
}
