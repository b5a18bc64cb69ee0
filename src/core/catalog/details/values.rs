//! A product's attribute values, typed: the system attributes held in product fields and
//! translations merged with the EAV rows. The largest single piece of a product page.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use polyshop_entities::{attributes, product_attribute_values, product_translations, products};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::settings::scope::Scope;

/// The typed value of an attribute on a product.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Text(String),
    Integer(i64),
    Decimal(Decimal),
    Boolean(bool),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
    Json(serde_json::Value),
}

/// One attribute value of a product: an EAV row, or a system attribute stored as a product
/// field (no row id).
#[derive(Debug, Clone)]
pub struct AttributeValue {
    pub id: Option<i64>,
    pub product_id: i64,
    pub attribute: attributes::Model,
    pub locale: Option<String>,
    pub channel: Option<String>,
    pub value: Typed,
}

impl AttributeValue {
    /// The typed column the value lives in (`text_value`, `decimal_value`, ...).
    pub fn column(&self) -> &'static str {
        match self.value {
            Typed::Text(_) => "text_value",
            Typed::Integer(_) => "integer_value",
            Typed::Decimal(_) => "decimal_value",
            Typed::Boolean(_) => "boolean_value",
            Typed::Date(_) => "date_value",
            Typed::DateTime(_) => "datetime_value",
            Typed::Json(_) => "json_value",
        }
    }

    /// `<channel>|<locale>|<product>|<attribute>`, leaving out what the value does not vary by.
    pub fn unique_id(&self) -> String {
        [
            self.channel.clone(),
            self.locale.clone(),
            Some(self.product_id.to_string()),
            Some(self.attribute.id.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("|")
    }

    /// The value as Bagisto writes it in text: decimals with four places, booleans `1`/`0`.
    pub fn text(&self) -> String {
        match &self.value {
            Typed::Text(t) => t.clone(),
            Typed::Integer(i) => i.to_string(),
            Typed::Decimal(d) => format!("{:.4}", d),
            Typed::Boolean(b) => if *b { "1" } else { "0" }.to_owned(),
            Typed::Date(d) => d.to_string(),
            Typed::DateTime(t) => t.to_rfc3339(),
            Typed::Json(v) => v.to_string(),
        }
    }
}

/// The attribute values of each product, in attribute order: the system attributes from the
/// product's fields and translations, then the EAV rows. `all_locales` lists the text values of
/// every locale (the raw view); otherwise only the scope's best locale.
pub async fn attribute_values(
    db: &impl ConnectionTrait,
    scope: &Scope,
    product_ids: &[i64],
    all_locales: bool,
) -> Result<HashMap<i64, Vec<AttributeValue>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = products::Entity::find().filter(products::Column::Id.is_in(product_ids.to_vec())).all(db).await?;
    let attributes: HashMap<String, attributes::Model> =
        attributes::Entity::find().all(db).await?.into_iter().map(|a| (a.code.clone(), a)).collect();
    let by_id: HashMap<i64, &attributes::Model> = attributes.values().map(|a| (a.id, a)).collect();
    let mut translations: HashMap<i64, Vec<product_translations::Model>> = HashMap::new();
    for t in product_translations::Entity::find()
        .filter(product_translations::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_translations::Column::Id)
        .all(db)
        .await?
    {
        translations.entry(t.product_id).or_default().push(t);
    }
    let eav = product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_attribute_values::Column::Id)
        .all(db)
        .await?;
    let channel_code = scope.channel.code.clone();

    let mut out: HashMap<i64, Vec<AttributeValue>> = HashMap::new();
    for p in rows {
        let mut values: BTreeMap<(i32, i64, String), AttributeValue> = BTreeMap::new();
        let mut put = |code: &str, locale: Option<&str>, value: Option<Typed>| {
            let (Some(attribute), Some(value)) = (attributes.get(code), value) else { return };
            let channel = attribute.value_per_channel.then(|| channel_code.clone());
            let locale = if attribute.value_per_locale { locale.map(str::to_owned) } else { None };
            let key = (attribute.position, attribute.id, locale.clone().unwrap_or_default());
            values.insert(
                key,
                AttributeValue { id: None, product_id: p.id, attribute: attribute.clone(), locale, channel, value },
            );
        };
        let decimal = |a: Option<polyshop_runtime::Amount>| a.map(|a| Typed::Decimal(a.value()));
        put("sku", None, Some(Typed::Text(p.sku.clone())));
        put("price", None, decimal(p.price));
        put("cost", None, decimal(p.cost));
        put("special_price", None, decimal(p.special_price));
        put("special_price_from", None, p.special_price_from.map(Typed::Date));
        put("special_price_to", None, p.special_price_to.map(Typed::Date));
        put("weight", None, decimal(p.weight));
        put("new", None, Some(Typed::Boolean(p.new)));
        put("featured", None, Some(Typed::Boolean(p.featured)));
        put("visible_individually", None, Some(Typed::Boolean(p.visible_individually)));
        put("status", None, Some(Typed::Boolean(p.status)));
        put("guest_checkout", None, Some(Typed::Boolean(p.guest_checkout)));
        put("manage_stock", None, Some(Typed::Boolean(p.manage_stock)));
        let texts = translations.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        let chosen: Vec<&product_translations::Model> = if all_locales {
            texts.iter().collect()
        } else {
            scope.pick(texts, |t| t.locale.as_str()).into_iter().collect()
        };
        for t in chosen {
            let locale = Some(t.locale.as_str());
            put("name", locale, Some(Typed::Text(t.name.clone())));
            put("url_key", locale, t.url_key.clone().map(Typed::Text));
            put("short_description", locale, t.short_description.clone().map(Typed::Text));
            put("description", locale, t.description.clone().map(Typed::Text));
            put("meta_title", locale, t.meta_title.clone().map(Typed::Text));
            put("meta_keywords", locale, t.meta_keywords.clone().map(Typed::Text));
            put("meta_description", locale, t.meta_description.clone().map(Typed::Text));
        }
        for row in eav.iter().filter(|r| r.product_id == p.id) {
            let Some(attribute) = by_id.get(&row.attribute_id) else { continue };
            let value = if let Some(v) = row.integer_value {
                Typed::Integer(v)
            } else if let Some(v) = &row.text_value {
                Typed::Text(v.clone())
            } else if let Some(v) = row.decimal_value {
                Typed::Decimal(v.value())
            } else if let Some(v) = row.boolean_value {
                Typed::Boolean(v)
            } else if let Some(v) = row.date_value {
                Typed::Date(v)
            } else if let Some(v) = row.datetime_value {
                Typed::DateTime(v)
            } else if let Some(v) = &row.json_value {
                Typed::Json(v.clone())
            } else {
                continue;
            };
            if !all_locales && row.locale.as_deref().is_some_and(|l| !scope.locales().contains(&l)) {
                continue;
            }
            let key = (attribute.position, attribute.id, row.locale.clone().unwrap_or_default());
            values.insert(
                key,
                AttributeValue {
                    id: Some(row.id),
                    product_id: p.id,
                    attribute: (*attribute).clone(),
                    locale: row.locale.clone(),
                    channel: row.channel.clone(),
                    value,
                },
            );
        }
        out.insert(p.id, values.into_values().collect());
    }
    Ok(out)
}
