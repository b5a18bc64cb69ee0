use polyshop_api_community_store::{
    config::{self, GetConfigInput},
    models::{Config, ConfigResponse, CurrencyConfig, SystemConfig, VersionInfo},
};
use polyshop_runtime::{RequestContext, ServiceError};

use polyshop_core::AppState;

/// The Community Store release this API behaves as: 2.6.2 is the first that accepts `id[]`.
const COMMUNITY_STORE_VERSION: &str = "2.6.2";
const COMMUNITY_STORE_API_VERSION: &str = "1.0.5";

pub struct ConfigService(pub AppState);

#[async_trait::async_trait]
impl config::ConfigService for ConfigService {
    async fn get_config(&self, _ctx: &RequestContext, _input: GetConfigInput) -> Result<ConfigResponse, ServiceError> {
        let settings = self.0.settings().await?;
        let currency = &settings.base_currency;
        Ok(ConfigResponse {
            data: Config {
                currency: CurrencyConfig {
                    code: currency.code.clone(),
                    symbol: currency.symbol.clone(),
                    decimal_digits: currency.decimal,
                },
                community_store: VersionInfo { version: COMMUNITY_STORE_VERSION.to_owned() },
                community_store_api: VersionInfo { version: COMMUNITY_STORE_API_VERSION.to_owned() },
                system: SystemConfig { time_zone: settings.timezone.name().to_owned() },
            },
        })
    }
}
