//! What a product page shows beyond its card: media, the attributes a configurable product's
//! variants differ by, option labels, channels, the attribute family, tier prices and the
//! product's attribute values. Each function loads its rows for many products at once.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use polyshop_entities::{
    attribute_families, attribute_option_translations, attribute_options, attributes, channels, currencies, locales,
    product_attribute_values, product_channels, product_customer_group_prices, product_images,
    product_super_attributes, product_translations, product_videos, products,
};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::settings::scope::Scope;

/// An image or a video of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub id: i64,
    pub product_id: i64,
    pub path: String,
    pub position: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Images,
    Videos,
}

/// The images or videos of each product, by position.
pub async fn media_of(
    db: &impl ConnectionTrait,
    kind: MediaKind,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<Media>>, ServiceError> {
    let mut out: HashMap<i64, Vec<Media>> = HashMap::new();
    for m in media_rows(db, kind, MediaFilter::Products(product_ids.to_vec())).await? {
        out.entry(m.product_id).or_default().push(m);
    }
    Ok(out)
}

/// Which media rows to read.
pub enum MediaFilter {
    Products(Vec<i64>),
    /// Rows of enabled products, a page of them: (offset, limit).
    Catalog(u64, u64),
    Id(i64),
}

/// Media rows in gallery order (product, position, id); catalog pages skip disabled products.
pub async fn media_rows(
    db: &impl ConnectionTrait,
    kind: MediaKind,
    filter: MediaFilter,
) -> Result<Vec<Media>, ServiceError> {
    use sea_orm::{QuerySelect, sea_query::Query};
    let enabled = || {
        Query::select()
            .column(products::Column::Id)
            .from(products::Entity)
            .and_where(products::Column::Status.eq(true))
            .to_owned()
    };
    macro_rules! rows {
        ($entity:ident) => {{
            let mut select = $entity::Entity::find()
                .order_by_asc($entity::Column::ProductId)
                .order_by_asc($entity::Column::Position)
                .order_by_asc($entity::Column::Id);
            select = match &filter {
                MediaFilter::Products(ids) => select.filter($entity::Column::ProductId.is_in(ids.clone())),
                MediaFilter::Catalog(..) => select.filter($entity::Column::ProductId.in_subquery(enabled())),
                MediaFilter::Id(id) => {
                    select.filter($entity::Column::Id.eq(*id)).filter($entity::Column::ProductId.in_subquery(enabled()))
                }
            };
            if let MediaFilter::Catalog(offset, limit) = filter {
                select = select.offset(offset).limit(limit);
            }
            select
                .all(db)
                .await?
                .into_iter()
                .map(|r| Media { id: r.id, product_id: r.product_id, path: r.path, position: r.position })
                .collect()
        }};
    }
    Ok(match kind {
        MediaKind::Images => rows!(product_images),
        MediaKind::Videos => rows!(product_videos),
    })
}

/// How many media rows of enabled products there are.
pub async fn count_media(db: &impl ConnectionTrait, kind: MediaKind) -> Result<u64, ServiceError> {
    use sea_orm::{PaginatorTrait, sea_query::Query};
    let enabled = Query::select()
        .column(products::Column::Id)
        .from(products::Entity)
        .and_where(products::Column::Status.eq(true))
        .to_owned();
    Ok(match kind {
        MediaKind::Images => {
            product_images::Entity::find()
                .filter(product_images::Column::ProductId.in_subquery(enabled))
                .count(db)
                .await?
        }
        MediaKind::Videos => {
            product_videos::Entity::find()
                .filter(product_videos::Column::ProductId.in_subquery(enabled))
                .count(db)
                .await?
        }
    })
}

/// An option with its admin name and label in the scope's locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionLabel {
    pub id: i64,
    pub attribute_id: i64,
    pub admin_name: String,
    pub sort_order: i32,
    /// The label in the request locale (or the default locale); none when untranslated.
    pub label: Option<String>,
}

/// Options by id, with their labels.
pub async fn option_labels(
    db: &impl ConnectionTrait,
    scope: &Scope,
    option_ids: &[i64],
) -> Result<HashMap<i64, OptionLabel>, ServiceError> {
    if option_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let options = attribute_options::Entity::find()
        .filter(attribute_options::Column::Id.is_in(option_ids.to_vec()))
        .all(db)
        .await?;
    let mut labels: HashMap<i64, Vec<attribute_option_translations::Model>> = HashMap::new();
    for t in attribute_option_translations::Entity::find()
        .filter(attribute_option_translations::Column::AttributeOptionId.is_in(option_ids.to_vec()))
        .all(db)
        .await?
    {
        labels.entry(t.attribute_option_id).or_default().push(t);
    }
    Ok(options
        .into_iter()
        .map(|o| {
            let label =
                labels.get(&o.id).and_then(|rows| scope.pick(rows, |r| r.locale.as_str())).map(|t| t.label.clone());
            (
                o.id,
                OptionLabel {
                    id: o.id,
                    attribute_id: o.attribute_id,
                    admin_name: o.admin_name,
                    sort_order: o.sort_order,
                    label,
                },
            )
        })
        .collect())
}

/// An attribute a configurable product's variants differ by, with the options they use.
#[derive(Debug, Clone)]
pub struct SuperAttribute {
    pub attribute: attributes::Model,
    pub options: Vec<OptionLabel>,
}

/// The super attributes of each configurable product, with the options of its enabled variants.
pub async fn super_attributes(
    db: &impl ConnectionTrait,
    scope: &Scope,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<SuperAttribute>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let links = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let attribute_ids: Vec<i64> = links.iter().map(|l| l.attribute_id).collect::<HashSet<_>>().into_iter().collect();
    let attrs: HashMap<i64, attributes::Model> = attributes::Entity::find()
        .filter(attributes::Column::Id.is_in(attribute_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let variants = products::Entity::find()
        .filter(products::Column::ParentId.is_in(product_ids.to_vec()))
        .filter(products::Column::Status.eq(true))
        .all(db)
        .await?;
    let parent_of: HashMap<i64, i64> = variants.iter().filter_map(|v| v.parent_id.map(|p| (v.id, p))).collect();
    // (parent, attribute) → option ids its variants use.
    let mut used: HashMap<(i64, i64), HashSet<i64>> = HashMap::new();
    for row in product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(parent_of.keys().copied()))
        .filter(product_attribute_values::Column::AttributeId.is_in(attribute_ids))
        .all(db)
        .await?
    {
        if let (Some(parent), Some(option)) = (parent_of.get(&row.product_id), row.integer_value) {
            used.entry((*parent, row.attribute_id)).or_default().insert(option);
        }
    }
    let option_ids: Vec<i64> = used.values().flatten().copied().collect::<HashSet<_>>().into_iter().collect();
    let labels = option_labels(db, scope, &option_ids).await?;
    let mut out: HashMap<i64, Vec<SuperAttribute>> = HashMap::new();
    for link in links {
        let Some(attribute) = attrs.get(&link.attribute_id) else { continue };
        let mut options: Vec<OptionLabel> = used
            .get(&(link.product_id, link.attribute_id))
            .into_iter()
            .flatten()
            .filter_map(|o| labels.get(o).cloned())
            .collect();
        options.sort_by_key(|o| (o.sort_order, o.id));
        out.entry(link.product_id).or_default().push(SuperAttribute { attribute: attribute.clone(), options });
    }
    for list in out.values_mut() {
        list.sort_by_key(|s| (s.attribute.position, s.attribute.id));
    }
    Ok(out)
}

/// A channel a product is sold in, with its default locale and base currency codes.
#[derive(Debug, Clone)]
pub struct ProductChannel {
    pub channel: channels::Model,
    pub locale_code: String,
    pub currency_code: String,
}

pub async fn channels_of(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<ProductChannel>>, ServiceError> {
    let links = product_channels::Entity::find()
        .filter(product_channels::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let channels: Vec<channels::Model> = channels::Entity::find()
        .filter(channels::Column::Id.is_in(links.iter().map(|l| l.channel_id).collect::<HashSet<_>>()))
        .all(db)
        .await?;
    let locales: HashMap<i64, String> =
        locales::Entity::find().all(db).await?.into_iter().map(|l| (l.id, l.code)).collect();
    let currencies: HashMap<i64, String> =
        currencies::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.code)).collect();
    let by_id: HashMap<i64, ProductChannel> = channels
        .into_iter()
        .map(|c| {
            let entry = ProductChannel {
                locale_code: locales.get(&c.default_locale_id).cloned().unwrap_or_default(),
                currency_code: currencies.get(&c.base_currency_id).cloned().unwrap_or_default(),
                channel: c,
            };
            (entry.channel.id, entry)
        })
        .collect();
    let mut out: HashMap<i64, Vec<ProductChannel>> = HashMap::new();
    for link in links {
        if let Some(c) = by_id.get(&link.channel_id) {
            out.entry(link.product_id).or_default().push(c.clone());
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|c| c.channel.id);
    }
    Ok(out)
}

/// Attribute families by id.
pub async fn families(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, attribute_families::Model>, ServiceError> {
    Ok(attribute_families::Entity::find()
        .filter(attribute_families::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect())
}

/// Which tier prices to read.
pub enum TierFilter {
    Product(i64),
    /// A tier of an enabled product.
    Id(i64),
    /// A tier of this product.
    ProductAndId(i64, i64),
}

/// Tier (customer-group) prices, by quantity.
pub async fn tier_prices(
    db: &impl ConnectionTrait,
    filter: TierFilter,
) -> Result<Vec<product_customer_group_prices::Model>, ServiceError> {
    use product_customer_group_prices::{Column, Entity};
    let select = Entity::find().order_by_asc(Column::Qty).order_by_asc(Column::Id);
    let select = match filter {
        TierFilter::Product(p) => select.filter(Column::ProductId.eq(p)),
        TierFilter::ProductAndId(p, id) => select.filter(Column::ProductId.eq(p)).filter(Column::Id.eq(id)),
        TierFilter::Id(id) => {
            use sea_orm::sea_query::Query;
            let enabled = Query::select()
                .column(products::Column::Id)
                .from(products::Entity)
                .and_where(products::Column::Status.eq(true))
                .to_owned();
            select.filter(Column::Id.eq(id)).filter(Column::ProductId.in_subquery(enabled))
        }
    };
    Ok(select.all(db).await?)
}

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

/// For each configurable product, the options of each enabled variant by attribute code
/// (`{variant id: {"color": 1, "size": 6}}`), over its super attributes.
pub async fn combinations(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, BTreeMap<i64, BTreeMap<String, i64>>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let supers = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .all(db)
        .await?;
    if supers.is_empty() {
        return Ok(HashMap::new());
    }
    let codes: HashMap<i64, String> = attributes::Entity::find()
        .filter(attributes::Column::Id.is_in(supers.iter().map(|s| s.attribute_id).collect::<HashSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    let variants = products::Entity::find()
        .filter(products::Column::ParentId.is_in(product_ids.to_vec()))
        .filter(products::Column::Status.eq(true))
        .all(db)
        .await?;
    let parent_of: HashMap<i64, i64> = variants.iter().filter_map(|v| v.parent_id.map(|p| (v.id, p))).collect();
    let mut out: HashMap<i64, BTreeMap<i64, BTreeMap<String, i64>>> = HashMap::new();
    for v in &variants {
        out.entry(v.parent_id.unwrap_or_default()).or_default().entry(v.id).or_default();
    }
    for row in product_attribute_values::Entity::find()
        .filter(product_attribute_values::Column::ProductId.is_in(parent_of.keys().copied()))
        .filter(product_attribute_values::Column::AttributeId.is_in(codes.keys().copied()))
        .all(db)
        .await?
    {
        let (Some(parent), Some(code), Some(option)) =
            (parent_of.get(&row.product_id), codes.get(&row.attribute_id), row.integer_value)
        else {
            continue;
        };
        let is_super = supers.iter().any(|s| s.product_id == *parent && s.attribute_id == row.attribute_id);
        if is_super {
            out.entry(*parent).or_default().entry(row.product_id).or_default().insert(code.clone(), option);
        }
    }
    Ok(out)
}

/// Ids of the attributes each configurable product's variants differ by, in attribute order.
pub async fn super_attribute_ids(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, ServiceError> {
    let links = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_super_attributes::Column::AttributeId)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in links {
        out.entry(l.product_id).or_default().push(l.attribute_id);
    }
    Ok(out)
}

/// Average rating and number of approved reviews, per product that has any.
pub async fn ratings(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, (Decimal, i64)>, ServiceError> {
    use polyshop_entities::product_reviews;
    let rows = product_reviews::Entity::find()
        .filter(product_reviews::Column::ProductId.is_in(product_ids.to_vec()))
        .filter(product_reviews::Column::Status.eq("approved"))
        .all(db)
        .await?;
    let mut sums: HashMap<i64, (i64, i64)> = HashMap::new();
    for r in rows {
        let e = sums.entry(r.product_id).or_default();
        e.0 += i64::from(r.rating);
        e.1 += 1;
    }
    Ok(sums
        .into_iter()
        .map(|(id, (sum, count))| (id, ((Decimal::from(sum) / Decimal::from(count)).round_dp(1).normalize(), count)))
        .collect())
}

/// Attribute labels in the scope's locale (admin name when untranslated), by attribute id.
pub async fn attribute_labels(
    db: &impl ConnectionTrait,
    scope: &Scope,
    ids: &[i64],
) -> Result<HashMap<i64, String>, ServiceError> {
    use polyshop_entities::attribute_translations;
    let attrs = attributes::Entity::find().filter(attributes::Column::Id.is_in(ids.to_vec())).all(db).await?;
    let mut translations: HashMap<i64, Vec<attribute_translations::Model>> = HashMap::new();
    for t in attribute_translations::Entity::find()
        .filter(attribute_translations::Column::AttributeId.is_in(ids.to_vec()))
        .all(db)
        .await?
    {
        translations.entry(t.attribute_id).or_default().push(t);
    }
    Ok(attrs
        .into_iter()
        .map(|a| {
            let label = translations
                .get(&a.id)
                .and_then(|rows| scope.pick(rows, |r| r.locale.as_str()))
                .map(|t| t.name.clone())
                .unwrap_or(a.admin_name);
            (a.id, label)
        })
        .collect())
}
