#![allow(unused)] // TODO(stub): remove when implemented
//! `categories` of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{categories::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use crate::app::AppState;

use std::collections::HashMap;

use crate::settings::scope::Scope;

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CategoriesService for Service {
    async fn list_categories(
        &self,
        _ctx: &RequestContext,
        _input: ListCategoriesInput,
    ) -> Result<ListCategoriesResponse, ServiceError> {
        todo!("list_categories")
    }

    async fn get_category(
        &self,
        _ctx: &RequestContext,
        _input: GetCategoryInput,
    ) -> Result<models::Category, ServiceError> {
        todo!("get_category")
    }

    async fn get_category_tree(
        &self,
        _ctx: &RequestContext,
        _input: GetCategoryTreeInput,
    ) -> Result<Vec<models::CategoryTree>, ServiceError> {
        todo!("get_category_tree")
    }

    async fn get_category_translation(
        &self,
        _ctx: &RequestContext,
        _input: GetCategoryTranslationInput,
    ) -> Result<models::CategoryTranslation, ServiceError> {
        todo!("get_category_translation")
    }
}

/// The categories of each of `product_ids` (for the product detail document), in the scope's locale.
pub async fn for_products(
    state: &AppState,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<models::Category>>, ServiceError> {
    todo!("categories for products")
}
