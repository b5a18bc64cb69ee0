//! GraphQL: `collectionDefaultChannels`, the store's default channel as upstream's
//! DefaultChannel resource shows it (a storefront's first read): its settings, with its locales,
//! currencies, inventory sources, root category and texts as JSON objects.

use async_graphql::Context;
use polyshop_graphql_shop::{resolvers::DefaultChannelQueries, types::*};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};
use sea_orm::prelude::DateTimeUtc;
use serde_json::{Value, json};

use super::{DEFAULT_PAGE, MAX_PAGE, ShopGraph, request};
use crate::{channels::DEFAULT_THEME, context::iri};
use polyshop_core::{
    catalog::categories,
    settings::{
        scope::Scope,
        store::{self, StorefrontChannel},
    },
};

/// `YYYY-MM-DD HH:MM:SS` in UTC, as upstream writes this resource's timestamps.
fn stamp(t: DateTimeUtc) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn locale_json(l: &polyshop_entities::locales::Model) -> Value {
    json!({"id": l.id, "code": l.code, "name": l.name, "direction": l.direction,
        "createdAt": stamp(l.created_at), "updatedAt": stamp(l.updated_at)})
}

fn currency_json(c: &polyshop_entities::currencies::Model) -> Value {
    json!({"id": c.id, "code": c.code, "name": c.name, "symbol": c.symbol, "decimal": c.decimal,
        "createdAt": stamp(c.created_at), "updatedAt": stamp(c.updated_at)})
}

#[async_trait::async_trait]
impl DefaultChannelQueries for ShopGraph {
    async fn collection_default_channels(
        &self,
        ctx: &Context<'_>,
        args: QueryCollectionDefaultChannelsArgs,
    ) -> GqlResult<Connection<DefaultChannel>> {
        let db = &self.0.db;
        let scope = &request(ctx)?.scope;
        let default = store::default_channel_row(db).await?;
        let Some(channel) = store::storefront_channel(db, default.id).await? else {
            return Connection::slice(Vec::new(), &args.page, DEFAULT_PAGE, MAX_PAGE);
        };
        let rates = store::channel_currencies_with_rates(db, &channel.channel).await?;
        let sources = store::channel_inventory_sources(db, channel.channel.id).await?;
        let root = match channel.channel.root_category_id {
            Some(id) => categories::find_category(db, id).await?,
            None => None,
        };
        let currencies: Vec<Value> = rates
            .iter()
            .map(|(c, rate)| {
                let mut v = currency_json(c);
                if let Some(rate) = rate {
                    v["exchangeRate"] = json!({"targetCurrency": c.id, "rate": rate.normalize().to_string()});
                }
                v
            })
            .collect();
        let sources: Vec<Value> = sources
            .iter()
            .map(|s| {
                json!({"id": s.id, "code": s.code, "name": s.name, "description": s.description,
                    "contactName": s.contact_name, "contactEmail": s.contact_email, "contactNumber": s.contact_number,
                    "country": s.country, "state": s.state, "city": s.city, "street": s.street,
                    "postcode": s.postcode, "priority": s.priority, "status": s.status})
            })
            .collect();
        let root = root.map(|r| {
            let text = scope.pick(&r.texts, |t| t.text.locale.as_str()).map(|t| &t.text);
            let c = &r.category;
            json!({"id": c.id, "name": text.map(|t| &t.name), "slug": text.map(|t| &t.slug),
                "description": text.and_then(|t| t.description.as_ref()), "status": c.status,
                "displayMode": c.display_mode, "createdAt": stamp(c.created_at), "updatedAt": stamp(c.updated_at)})
        });
        let node = default_channel_node(scope, channel, currencies, sources, root);
        Connection::slice(vec![node], &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

fn default_channel_node(
    scope: &Scope,
    c: StorefrontChannel,
    currencies: Vec<Value>,
    sources: Vec<Value>,
    root: Option<Value>,
) -> DefaultChannel {
    let ch = &c.channel;
    let text = c.translation(scope);
    DefaultChannel {
        id: iri("channels", ch.id),
        id_: ch.id,
        code: Some(ch.code.clone()),
        name: Some(text.map_or_else(|| ch.name.clone(), |t| t.name.clone())),
        description: text.and_then(|t| t.description.clone()).or_else(|| ch.description.clone()),
        theme: Some(ch.theme.clone().unwrap_or_else(|| DEFAULT_THEME.to_owned())),
        hostname: ch.hostname.clone(),
        logo_url: ch.logo_path.as_deref().map(|p| scope.media_url(p)),
        favicon_url: ch.favicon_path.as_deref().map(|p| scope.media_url(p)),
        timezone: Some(ch.timezone.clone()),
        is_maintenance_on: Some(ch.is_maintenance_on),
        allowed_ips: ch.allowed_ips.clone(),
        root_category_id: ch.root_category_id,
        default_locale_id: Some(ch.default_locale_id),
        base_currency_id: Some(ch.base_currency_id),
        created_at: Some(stamp(ch.created_at)),
        updated_at: Some(stamp(ch.updated_at)),
        maintenance_mode_text: text
            .and_then(|t| t.maintenance_mode_text.clone())
            .or_else(|| ch.maintenance_mode_text.clone()),
        default_locale: c.default_locale().map(locale_json),
        base_currency: c.base_currency().map(currency_json),
        locales: Some(Value::Array(c.locales.iter().map(locale_json).collect())),
        currencies: Some(Value::Array(currencies)),
        inventory_sources: Some(Value::Array(sources)),
        root_category: root,
        translations: Some(Value::Array(
            c.translations
                .iter()
                .map(|t| json!({"id": t.id, "locale": t.locale, "name": t.name, "description": t.description}))
                .collect(),
        )),
        home_seo: c.home_seo(scope).map(|seo| {
            let field = |k: &str| seo.get(k).cloned().unwrap_or(Value::Null);
            json!({"metaTitle": field("meta_title"), "metaDescription": field("meta_description"),
                "metaKeywords": field("meta_keywords")})
        }),
        ext: Extra::default(),
    }
}
