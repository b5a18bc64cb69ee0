//! SQL for the catalog. A page of products costs a fixed number of queries whatever its size:
//! the page, then one query per related table for all products of the page and their variants.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use polyshop_entities::{
    attribute_option_translations, attribute_options, attribute_translations, attributes, category_translations,
    product_attribute_values, product_categories, product_group_products, product_groups, product_images,
    product_inventories, product_super_attributes, product_translations, products,
};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::records::{CategoryRef, ProductRecord, SuperAttribute, VariantRecord};
use polyshop_runtime::PageWindow;

/// The user-defined attribute shown as a product's brand.
const BRAND_ATTRIBUTE: &str = "brand";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductDateField {
    Added,
    Updated,
}

/// Keeps products whose `field` is at or after `from` and strictly before `before` (either
/// bound may be open).
#[derive(Debug, Clone, Copy)]
pub struct DateRange {
    pub field: ProductDateField,
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
}

/// Which top-level products to list.
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    pub dates: Vec<DateRange>,
}

fn filtered(filter: &ProductFilter) -> Select<products::Entity> {
    let mut cond = Condition::all().add(products::Column::ParentId.is_null());
    for DateRange { field, from, before } in &filter.dates {
        let column = match field {
            ProductDateField::Added => products::Column::CreatedAt,
            ProductDateField::Updated => products::Column::UpdatedAt,
        };
        if let Some(from) = from {
            cond = cond.add(column.gte(*from));
        }
        if let Some(before) = before {
            cond = cond.add(column.lt(*before));
        }
    }
    products::Entity::find().filter(cond)
}

pub async fn count_products(db: &impl ConnectionTrait, filter: &ProductFilter) -> Result<u64, ServiceError> {
    Ok(filtered(filter).count(db).await?)
}

/// A page of top-level products (variants are inside their parent), most recently added first.
pub async fn list_products(
    db: &impl ConnectionTrait,
    filter: &ProductFilter,
    page: PageWindow,
    locale: &str,
) -> Result<Vec<ProductRecord>, ServiceError> {
    let rows = filtered(filter)
        .order_by_desc(products::Column::CreatedAt)
        .order_by_desc(products::Column::Id)
        .offset(page.offset())
        .limit(page.limit())
        .all(db)
        .await?;
    load_records(db, rows, locale).await
}

/// A top-level product by id.
pub async fn find_product(
    db: &impl ConnectionTrait,
    id: i64,
    locale: &str,
) -> Result<Option<ProductRecord>, ServiceError> {
    let row = products::Entity::find_by_id(id).filter(products::Column::ParentId.is_null()).one(db).await?;
    match row {
        Some(row) => Ok(load_records(db, vec![row], locale).await?.pop()),
        None => Ok(None),
    }
}

/// Any product (variants included) by SKU, with its units in stock.
pub async fn find_product_by_sku(
    db: &impl ConnectionTrait,
    sku: &str,
) -> Result<Option<(products::Model, i64)>, ServiceError> {
    let Some(product) = products::Entity::find().filter(products::Column::Sku.eq(sku)).one(db).await? else {
        return Ok(None);
    };
    let stock = stock_of(db, &[product.id]).await?.remove(&product.id).unwrap_or(0);
    Ok(Some((product, stock)))
}

/// Units held across inventory sources, per product (summed by the database: one row per
/// product, however many sources hold it).
pub async fn stock_of(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, i64>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64)> = product_inventories::Entity::find()
        .select_only()
        .column(product_inventories::Column::ProductId)
        // A sum of 32-bit quantities: an integer on SQLite, a bigint on PostgreSQL.
        .column_as(product_inventories::Column::Qty.sum(), "qty")
        .filter(product_inventories::Column::ProductId.is_in(ids.to_vec()))
        .group_by(product_inventories::Column::ProductId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Picks the row for `locale`, else the first one.
fn prefer_locale<'a, T>(rows: &'a [T], locale: &str, locale_of: impl Fn(&T) -> &str) -> Option<&'a T> {
    rows.iter().find(|r| locale_of(r) == locale).or_else(|| rows.first())
}

async fn load_records(
    db: &impl ConnectionTrait,
    rows: Vec<products::Model>,
    locale: &str,
) -> Result<Vec<ProductRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();

    let variants = products::Entity::find()
        .filter(products::Column::ParentId.is_in(ids.clone()))
        .order_by_asc(products::Column::Id)
        .all(db)
        .await?;
    let all_ids: Vec<i64> = ids.iter().copied().chain(variants.iter().map(|v| v.id)).collect();

    let mut translations: HashMap<i64, Vec<product_translations::Model>> = HashMap::new();
    for t in product_translations::Entity::find()
        .filter(product_translations::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_translations::Column::Id)
        .all(db)
        .await?
    {
        translations.entry(t.product_id).or_default().push(t);
    }

    let mut images: HashMap<i64, Vec<product_images::Model>> = HashMap::new();
    for i in product_images::Entity::find()
        .filter(product_images::Column::ProductId.is_in(all_ids.clone()))
        .order_by_asc(product_images::Column::Position)
        .order_by_asc(product_images::Column::Id)
        .all(db)
        .await?
    {
        images.entry(i.product_id).or_default().push(i);
    }

    let category_links = product_categories::Entity::find()
        .filter(product_categories::Column::ProductId.is_in(ids.clone()))
        .order_by_asc(product_categories::Column::CategoryId)
        .all(db)
        .await?;
    let category_ids: BTreeSet<i64> = category_links.iter().map(|l| l.category_id).collect();
    let mut category_texts: HashMap<i64, Vec<category_translations::Model>> = HashMap::new();
    if !category_ids.is_empty() {
        for t in category_translations::Entity::find()
            .filter(category_translations::Column::CategoryId.is_in(category_ids))
            .order_by_asc(category_translations::Column::Id)
            .all(db)
            .await?
        {
            category_texts.entry(t.category_id).or_default().push(t);
        }
    }

    let mut groups: HashMap<i64, Vec<String>> = HashMap::new();
    for (link, group) in product_group_products::Entity::find()
        .filter(product_group_products::Column::ProductId.is_in(ids.clone()))
        .find_also_related(product_groups::Entity)
        .order_by_asc(product_group_products::Column::ProductGroupId)
        .all(db)
        .await?
    {
        if let Some(group) = group {
            groups.entry(link.product_id).or_default().push(group.name);
        }
    }

    let stock = stock_of(db, &all_ids).await?;

    // Attributes: the super attributes of configurable products, and the brand.
    let super_links = product_super_attributes::Entity::find()
        .filter(product_super_attributes::Column::ProductId.is_in(ids.clone()))
        .all(db)
        .await?;
    let attrs = attributes::Entity::find()
        .filter(
            Condition::any()
                .add(attributes::Column::Id.is_in(super_links.iter().map(|l| l.attribute_id).collect::<BTreeSet<_>>()))
                .add(attributes::Column::Code.eq(BRAND_ATTRIBUTE)),
        )
        .order_by_asc(attributes::Column::Position)
        .order_by_asc(attributes::Column::Id)
        .all(db)
        .await?;
    let attr_ids: Vec<i64> = attrs.iter().map(|a| a.id).collect();
    let mut attr_labels: HashMap<i64, String> = attrs.iter().map(|a| (a.id, a.admin_name.clone())).collect();
    let mut values: Vec<product_attribute_values::Model> = Vec::new();
    let mut option_labels: HashMap<i64, String> = HashMap::new();
    let mut option_order: HashMap<i64, (i32, i64)> = HashMap::new();
    if !attr_ids.is_empty() {
        let texts = attribute_translations::Entity::find()
            .filter(attribute_translations::Column::AttributeId.is_in(attr_ids.clone()))
            .all(db)
            .await?;
        for a in &attrs {
            let mine: Vec<_> = texts.iter().filter(|t| t.attribute_id == a.id).cloned().collect();
            if let Some(t) = mine.iter().find(|t| t.locale == locale) {
                attr_labels.insert(a.id, t.name.clone());
            }
        }
        values = product_attribute_values::Entity::find()
            .filter(product_attribute_values::Column::ProductId.is_in(all_ids.clone()))
            .filter(product_attribute_values::Column::AttributeId.is_in(attr_ids.clone()))
            .all(db)
            .await?;
        let option_ids: BTreeSet<i64> = values.iter().filter_map(|v| v.integer_value).collect();
        if !option_ids.is_empty() {
            for o in attribute_options::Entity::find()
                .filter(attribute_options::Column::Id.is_in(option_ids.clone()))
                .all(db)
                .await?
            {
                option_order.insert(o.id, (o.sort_order, o.id));
                option_labels.insert(o.id, o.admin_name);
            }
            for t in attribute_option_translations::Entity::find()
                .filter(attribute_option_translations::Column::AttributeOptionId.is_in(option_ids))
                .filter(attribute_option_translations::Column::Locale.eq(locale))
                .all(db)
                .await?
            {
                option_labels.insert(t.attribute_option_id, t.label);
            }
        }
    }
    let value_of = |product_id: i64, attribute_id: i64| -> Option<i64> {
        values
            .iter()
            .find(|v| v.product_id == product_id && v.attribute_id == attribute_id)
            .and_then(|v| v.integer_value)
    };
    let brand_id = attrs.iter().find(|a| a.code == BRAND_ATTRIBUTE).map(|a| a.id);

    let mut variants_by_parent: HashMap<i64, Vec<products::Model>> = HashMap::new();
    for v in variants {
        variants_by_parent.entry(v.parent_id.unwrap_or_default()).or_default().push(v);
    }

    Ok(rows
        .into_iter()
        .map(|product| {
            let id = product.id;
            let supers: Vec<&attributes::Model> = attrs
                .iter()
                .filter(|a| super_links.iter().any(|l| l.product_id == id && l.attribute_id == a.id))
                .collect();
            let variants: Vec<VariantRecord> = variants_by_parent
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|v| VariantRecord {
                    images: images.get(&v.id).cloned().unwrap_or_default(),
                    stock: stock.get(&v.id).copied().unwrap_or(0),
                    options: supers
                        .iter()
                        .filter_map(|a| {
                            let option = value_of(v.id, a.id)?;
                            Some((attr_labels[&a.id].clone(), option_labels.get(&option).cloned().unwrap_or_default()))
                        })
                        .collect(),
                    product: v,
                })
                .collect();
            let super_attributes = supers
                .iter()
                .map(|a| {
                    let mut used: Vec<i64> = variants
                        .iter()
                        .filter_map(|v| value_of(v.product.id, a.id))
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    used.sort_by_key(|o| option_order.get(o).copied().unwrap_or((i32::MAX, *o)));
                    SuperAttribute {
                        id: a.id,
                        code: a.code.clone(),
                        label: attr_labels[&a.id].clone(),
                        options: used
                            .into_iter()
                            .map(|o| (o, option_labels.get(&o).cloned().unwrap_or_default()))
                            .collect(),
                    }
                })
                .collect();
            let categories = category_links
                .iter()
                .filter(|l| l.product_id == id)
                .filter_map(|l| {
                    let texts = category_texts.get(&l.category_id)?;
                    let t = prefer_locale(texts, locale, |t| &t.locale)?;
                    let url_path = t.url_path.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| t.slug.clone());
                    Some(CategoryRef { id: l.category_id, name: t.name.clone(), url_path })
                })
                .collect();
            let own_stock = stock.get(&id).copied().unwrap_or(0);
            ProductRecord {
                translation: translations.get(&id).and_then(|t| prefer_locale(t, locale, |t| &t.locale)).cloned(),
                images: images.remove(&id).unwrap_or_default(),
                categories,
                groups: groups.remove(&id).unwrap_or_default(),
                stock: if variants.is_empty() { own_stock } else { variants.iter().map(|v| v.stock).sum() },
                brand: brand_id.and_then(|b| value_of(id, b)).and_then(|o| option_labels.get(&o).cloned()),
                super_attributes,
                variants,
                product,
            }
        })
        .collect())
}

/// Product names in `locale` (or another locale when missing), by product id.
/// The URL key (in `locale`, else the first) and the first image path of each product, for
/// short listings such as a cart's lines.
pub async fn url_keys_and_images(
    db: &impl ConnectionTrait,
    ids: &[i64],
    locale: &str,
) -> Result<HashMap<i64, (Option<String>, Option<String>)>, ServiceError> {
    let mut out: HashMap<i64, (Option<String>, Option<String>)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut translations: HashMap<i64, Vec<product_translations::Model>> = HashMap::new();
    for t in product_translations::Entity::find()
        .filter(product_translations::Column::ProductId.is_in(ids.to_vec()))
        .order_by_asc(product_translations::Column::Id)
        .all(db)
        .await?
    {
        translations.entry(t.product_id).or_default().push(t);
    }
    for (id, rows) in &translations {
        let key = prefer_locale(rows, locale, |t| &t.locale).and_then(|t| t.url_key.clone());
        out.entry(*id).or_default().0 = key;
    }
    for image in product_images::Entity::find()
        .filter(product_images::Column::ProductId.is_in(ids.to_vec()))
        .order_by_asc(product_images::Column::Position)
        .order_by_asc(product_images::Column::Id)
        .all(db)
        .await?
    {
        let entry = out.entry(image.product_id).or_default();
        if entry.1.is_none() {
            entry.1 = Some(image.path);
        }
    }
    Ok(out)
}

pub async fn product_names(
    db: &impl ConnectionTrait,
    ids: &[i64],
    locale: &str,
) -> Result<HashMap<i64, String>, ServiceError> {
    let mut by_product: HashMap<i64, Vec<product_translations::Model>> = HashMap::new();
    if !ids.is_empty() {
        for t in product_translations::Entity::find()
            .filter(product_translations::Column::ProductId.is_in(ids.to_vec()))
            .order_by_asc(product_translations::Column::Id)
            .all(db)
            .await?
        {
            by_product.entry(t.product_id).or_default().push(t);
        }
    }
    Ok(by_product
        .into_iter()
        .filter_map(|(id, rows)| prefer_locale(&rows, locale, |t| &t.locale).map(|t| (id, t.name.clone())))
        .collect())
}

/// A variation (a configurable product's variant) by id, with its units in stock.
pub async fn find_variant(db: &impl ConnectionTrait, id: i64) -> Result<Option<(products::Model, i64)>, ServiceError> {
    let Some(variant) =
        products::Entity::find_by_id(id).filter(products::Column::ParentId.is_not_null()).one(db).await?
    else {
        return Ok(None);
    };
    let stock = stock_of(db, &[variant.id]).await?.remove(&variant.id).unwrap_or(0);
    Ok(Some((variant, stock)))
}
