//! Currencies of the Bagisto shop REST API.

use polyshop_api_bagisto_shop::{currencies::*, models};
use polyshop_entities::currencies as currency_rows;
use polyshop_runtime::{Page, RequestContext, ServiceError};

use polyshop_core::{AppState, settings::store};

pub struct Service(pub AppState);

#[async_trait::async_trait]
impl CurrenciesService for Service {
    async fn list_currencies(
        &self,
        _ctx: &RequestContext,
        input: ListCurrenciesInput,
    ) -> Result<Page<models::Currency>, ServiceError> {
        let window = input.window();
        let Page { items: rows, total, .. } = store::currencies().page(&self.0.db, window).await?;
        Ok(Page::new(rows.into_iter().map(view).collect(), total, window))
    }

    async fn get_currency(
        &self,
        _ctx: &RequestContext,
        input: GetCurrencyInput,
    ) -> Result<models::Currency, ServiceError> {
        let currency = store::currency(&self.0.db, input.id).await?;
        currency.map(view).ok_or_else(|| ServiceError::not_found_id("Currency", input.id))
    }
}

fn view(c: currency_rows::Model) -> models::Currency {
    let position = c.currency_position.as_deref().and_then(|p| p.parse().ok());
    models::Currency {
        id: c.id,
        code: c.code,
        name: c.name,
        symbol: c.symbol,
        decimal: Some(c.decimal.to_string()),
        group_separator: Some(c.group_separator),
        decimal_separator: Some(c.decimal_separator),
        currency_position: position,
    }
}
