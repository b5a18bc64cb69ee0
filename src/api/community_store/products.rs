use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use polyshop_api_community_store::{
    models::{ProductList, ProductResponse, StockItemResponse, StockPatch},
    products::{
        self, GetProductInput, GetStockBySkuInput, GetVariationStockInput, ListProductsInput, UpdateProductStockInput,
        UpdateStockBySkuInput, UpdateVariationStockInput,
    },
};
use polyshop_runtime::{RequestContext, ServiceError};

use super::{pagination, views};
use polyshop_core::{
    AppState,
    catalog::{self, DateRange, ProductDateField, ProductFilter, stock::StockChange},
    settings::StoreSettings,
};

pub struct ProductsService(pub AppState);

const FILTER_SYNTAX: &str = "`<date_added|date_updated> <gt|lt|eq> '<YYYY-MM-DD[THH:MM[:SS]]>'`";

/// Parses `date_added gt '2021-01-01T20:00'` into a date range (store timezone).
fn parse_filter(text: &str, tz: Tz) -> Result<ProductFilter, ServiceError> {
    let bad =
        |why: &str| ServiceError::bad_request(format!("Invalid parameter `filter`: {why}; expected {FILTER_SYNTAX}"));
    let text = text.trim();
    let mut parts = text.splitn(3, char::is_whitespace);
    let (Some(field), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad(&format!("`{text}` is not a condition")));
    };
    let field = match field {
        "date_added" => ProductDateField::Added,
        "date_updated" => ProductDateField::Updated,
        other => return Err(bad(&format!("`{other}` cannot be filtered"))),
    };
    let value = value.trim();
    let value = value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .ok_or_else(|| bad(&format!("the date {value} must be in single quotes")))?;
    // The instant the value names, and how long the period it names lasts.
    let normalized = value.replacen(' ', "T", 1);
    let (day, time) = normalized.split_once('T').map_or((normalized.as_str(), None), |(d, t)| (d, Some(t)));
    let day = polyshop_core::clock::calendar_day(day).ok_or_else(|| bad(&format!("`{value}` is not a date")))?;
    let (local, span) = match time {
        None => (day.and_time(NaiveTime::MIN), Duration::days(1)),
        Some(t) => match (NaiveTime::parse_from_str(t, "%H:%M:%S"), NaiveTime::parse_from_str(t, "%H:%M")) {
            (Ok(t), _) => (day.and_time(t), Duration::seconds(1)),
            (_, Ok(t)) => (day.and_time(t), Duration::minutes(1)),
            _ => return Err(bad(&format!("`{value}` is not a date"))),
        },
    };
    let start: DateTime<Utc> = tz
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| bad(&format!("`{value}` does not exist in the store's timezone")))?
        .with_timezone(&Utc);
    let end = start + span;
    let range = match op {
        "gt" => (Some(end), None),
        "lt" => (None, Some(start)),
        "eq" => (Some(start), Some(end)),
        other => return Err(bad(&format!("unknown comparison `{other}`"))),
    };
    Ok(ProductFilter { dates: vec![DateRange { field, from: range.0, before: range.1 }] })
}

fn today(settings: &StoreSettings, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&settings.timezone).date_naive()
}

impl ProductsService {
    async fn product_response(&self, id: i64, settings: &StoreSettings) -> Result<ProductResponse, ServiceError> {
        let record = catalog::find_product(&self.0.db, id, &settings.default_locale)
            .await?
            .ok_or_else(catalog::product_not_found)?;
        Ok(ProductResponse { data: views::product(&record, settings, today(settings, self.0.clock.now())) })
    }

    /// The stock shape for a product row: a variation is named after its parent.
    async fn stock_response(
        &self,
        product: &polyshop_entities::products::Model,
        stock: i64,
    ) -> Result<StockItemResponse, ServiceError> {
        let settings = self.0.settings().await?;
        let named = product.parent_id.unwrap_or(product.id);
        let mut names = catalog::product_names(&self.0.db, &[named], &settings.default_locale).await?;
        let name = names.remove(&named).unwrap_or_else(|| product.sku.clone());
        Ok(StockItemResponse { data: views::stock_item(product, name, stock) })
    }

    async fn change_stock(&self, product_id: i64, patch: StockPatch) -> Result<(), ServiceError> {
        let change = StockChange::parse(patch.stock_level.map(|d| d.0), patch.stock_unlimited, "data.")?;
        let source = self.0.settings().await?.default_inventory_source(&self.0.db).await?;
        catalog::stock::apply(&self.0.db, product_id, change, source, self.0.clock.now()).await
    }

    async fn variation(&self, id: i64) -> Result<(polyshop_entities::products::Model, i64), ServiceError> {
        let found = catalog::find_variant(&self.0.db, id).await?;
        found.ok_or_else(|| ServiceError::not_found("Variation not found"))
    }
}

#[async_trait::async_trait]
impl products::ProductsService for ProductsService {
    async fn list_products(&self, ctx: &RequestContext, input: ListProductsInput) -> Result<ProductList, ServiceError> {
        let settings = self.0.settings().await?;
        let filter = match input.filter.as_deref().filter(|f| !f.trim().is_empty()) {
            Some(f) => parse_filter(f, settings.timezone)?,
            None => ProductFilter::default(),
        };
        let page = input.window();
        let db = &self.0.db;
        let total = catalog::count_products(db, &filter).await?;
        let records = catalog::list_products(db, &filter, page, &settings.default_locale).await?;
        let today = today(&settings, self.0.clock.now());
        Ok(ProductList {
            meta: pagination::meta(&ctx.url, page, total, records.len()),
            data: records.iter().map(|r| views::product(r, &settings, today)).collect(),
        })
    }

    async fn get_product(
        &self,
        _ctx: &RequestContext,
        input: GetProductInput,
    ) -> Result<ProductResponse, ServiceError> {
        let settings = self.0.settings().await?;
        self.product_response(input.p_id, &settings).await
    }

    async fn update_product_stock(
        &self,
        _ctx: &RequestContext,
        input: UpdateProductStockInput,
    ) -> Result<ProductResponse, ServiceError> {
        let settings = self.0.settings().await?;
        // Only top-level products are addressed here; variations have their own routes.
        catalog::find_product(&self.0.db, input.p_id, &settings.default_locale)
            .await?
            .ok_or_else(catalog::product_not_found)?;
        self.change_stock(input.p_id, input.body.data).await?;
        self.product_response(input.p_id, &settings).await
    }

    async fn get_stock_by_sku(
        &self,
        _ctx: &RequestContext,
        input: GetStockBySkuInput,
    ) -> Result<StockItemResponse, ServiceError> {
        let (product, stock) = catalog::find_product_by_sku(&self.0.db, &input.sku)
            .await?
            .ok_or_else(|| ServiceError::not_found("SKU not found"))?;
        self.stock_response(&product, stock).await
    }

    async fn update_stock_by_sku(
        &self,
        _ctx: &RequestContext,
        input: UpdateStockBySkuInput,
    ) -> Result<StockItemResponse, ServiceError> {
        let (product, _) = catalog::find_product_by_sku(&self.0.db, &input.sku)
            .await?
            .ok_or_else(|| ServiceError::not_found("SKU not found"))?;
        self.change_stock(product.id, input.body.data).await?;
        let (product, stock) = catalog::find_product_by_sku(&self.0.db, &input.sku)
            .await?
            .ok_or_else(|| ServiceError::not_found("SKU not found"))?;
        self.stock_response(&product, stock).await
    }

    async fn get_variation_stock(
        &self,
        _ctx: &RequestContext,
        input: GetVariationStockInput,
    ) -> Result<StockItemResponse, ServiceError> {
        let (variant, stock) = self.variation(input.id).await?;
        self.stock_response(&variant, stock).await
    }

    async fn update_variation_stock(
        &self,
        _ctx: &RequestContext,
        input: UpdateVariationStockInput,
    ) -> Result<StockItemResponse, ServiceError> {
        self.variation(input.id).await?;
        self.change_stock(input.id, input.body.data).await?;
        let (variant, stock) = self.variation(input.id).await?;
        self.stock_response(&variant, stock).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(f: &str) -> (Option<String>, Option<String>) {
        let f = parse_filter(f, Tz::America__Phoenix).unwrap();
        let r = f.dates[0];
        (r.from.map(|d| d.to_rfc3339()), r.before.map(|d| d.to_rfc3339()))
    }

    #[test]
    fn filters_are_read_in_the_store_timezone() {
        assert_eq!(range("date_added gt '2021-01-01T20:00'"), (Some("2021-01-02T03:01:00+00:00".into()), None));
        assert_eq!(range("date_added lt '2021-01-01'"), (None, Some("2021-01-01T07:00:00+00:00".into())));
        assert_eq!(
            range("date_updated eq '2021-01-01'"),
            (Some("2021-01-01T07:00:00+00:00".into()), Some("2021-01-02T07:00:00+00:00".into()))
        );
        assert_eq!(range("date_added gt '2021-01-01 20:00:30'").0, Some("2021-01-02T03:00:31+00:00".into()));
    }

    #[test]
    fn malformed_filters_say_what_is_expected() {
        for bad in [
            "date_added",
            "price gt '2021-01-01'",
            "date_added ge '2021-01-01'",
            "date_added gt 2021-01-01",
            "date_added gt 'soon'",
        ] {
            let err = parse_filter(bad, Tz::UTC).unwrap_err();
            assert_eq!(err.status().as_u16(), 400, "{bad}");
            assert!(err.messages()[0].contains("expected `<date_added|date_updated>"), "{bad}: {:?}", err.messages());
        }
    }
}
