//! The generated catalog: a category tree under the demo's top categories, products (most of
//! them configurable, with colour × size variants), their translations, channel, categories,
//! brand, images, stock in two inventory sources, and reviews.

use polyshop_entities::{
    attribute_options, attributes, categories, category_translations, channel_inventory_sources, channels,
    inventory_sources, product_attribute_values, product_categories, product_channels, product_images,
    product_inventories, product_reviews, product_super_attributes, product_translations, products,
};
use polyshop_runtime::Amount;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};

use super::{bulk::Bulk, profile::Sizes};
use crate::demo::catalog::find_id;
use crate::demo::fixed::{Dice, at};

const WORDS: &[&str] = &[
    "Classic",
    "Urban",
    "Alpine",
    "Coastal",
    "Vintage",
    "Essential",
    "Heritage",
    "Summit",
    "Harbor",
    "Meadow",
    "Canyon",
    "Nordic",
    "Everyday",
    "Studio",
    "Trail",
];
const THINGS: &[&str] = &[
    "Shirt", "Jacket", "Sneaker", "Dress", "Scarf", "Backpack", "Hoodie", "Chino", "Boot", "Cardigan", "Parka",
    "Blouse", "Skirt", "Beanie", "Wallet",
];
const REVIEW_TITLES: &[&str] = &["Great value", "Runs small", "Love it", "Not for me", "As described"];

/// What the catalog holds, for the orders that buy from it.
pub struct Catalog {
    pub products: usize,
    pub variants: usize,
    pub categories: usize,
    /// What an order line can buy: (product id, sku, name, price, type, variant (id, sku)).
    pub sellable: Vec<Sellable>,
}

pub struct Sellable {
    pub product_id: i64,
    pub sku: String,
    pub name: String,
    pub price: Decimal,
    pub variant: Option<(i64, String)>,
}

pub async fn generate<C: ConnectionTrait>(bulk: &mut Bulk<'_, C>, sizes: Sizes, seed: u64) -> Result<Catalog, DbErr> {
    let db = bulk.db;
    let mut dice = Dice(seed ^ 0xCA7A_1060);
    let t = at(2026, 2, 1, 9, 0);
    let channel = find_id::<channels::Entity>(db, channels::Column::Code, "default").await?;
    let family_id = products::Entity::find().one(db).await?.map_or(1, |p| p.attribute_family_id);

    // A second warehouse, used by the store after the default source.
    let warehouse = inventory_sources::ActiveModel {
        code: Set("warehouse-east".into()),
        name: Set("East Warehouse".into()),
        priority: Set(1),
        status: Set(true),
        country: Set(Some("US".into())),
        city: Set(Some("Newark".into())),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    channel_inventory_sources::ActiveModel { channel_id: Set(channel.id), inventory_source_id: Set(warehouse.id) }
        .insert(db)
        .await?;
    let default_source = find_id::<inventory_sources::Entity>(db, inventory_sources::Column::Code, "default").await?;

    // Attribute options of colour, size and brand (the demo created them).
    let mut options = std::collections::HashMap::new();
    for code in ["color", "size", "brand"] {
        let a = find_id::<attributes::Entity>(db, attributes::Column::Code, code).await?;
        let opts = attribute_options::Entity::find()
            .filter(attribute_options::Column::AttributeId.eq(a.id))
            .order_by_asc(attribute_options::Column::Id)
            .all(db)
            .await?;
        options.insert(code, (a.id, opts.into_iter().map(|o| o.id).collect::<Vec<_>>()));
    }

    let categories = categories_tree(bulk, sizes.categories, t).await?;

    // Products.
    let mut next_product = bulk.next_id::<products::Entity>().await?;
    let mut rows = Rows::default();
    let mut sellable = Vec::new();
    let (mut product_count, mut variant_count) = (0, 0);
    let (color, colors) = options["color"].clone();
    let (size, sizes_list) = options["size"].clone();
    let (brand, brands) = options["brand"].clone();
    for n in 0..sizes.products {
        let id = next_product;
        next_product += 1;
        let name = format!("{} {} {}", WORDS[n % WORDS.len()], THINGS[(n / WORDS.len()) % THINGS.len()], n + 1);
        let sku = format!("GEN-{:06}", n + 1);
        let price = Decimal::new(999 + (dice.below(30_000) as i64), 2);
        let configurable = n % 10 != 0;
        let created = t + chrono::Duration::minutes(n as i64);
        let kind = if configurable {
            "configurable"
        } else if n % 50 == 0 {
            "virtual"
        } else {
            "simple"
        };
        rows.products.push(product(id, &sku, kind, None, family_id, (!configurable).then_some(price), created, true));
        for (locale, title) in [("en", name.clone()), ("fr", format!("{name} (FR)"))] {
            rows.translations.push(product_translations::ActiveModel {
                product_id: Set(id),
                locale: Set(locale.into()),
                name: Set(title.clone()),
                url_key: Set(Some(format!("{}-{locale}", sku.to_lowercase()))),
                short_description: Set(Some(format!("<p>{title}.</p>"))),
                description: Set(Some(format!("<p>{title}: generated for benchmarks.</p>"))),
                meta_title: Set(Some(title)),
                ..Default::default()
            });
        }
        rows.channels.push(product_channels::ActiveModel { product_id: Set(id), channel_id: Set(channel.id) });
        let first = categories[dice.below(categories.len() as u64) as usize];
        let second = categories[dice.below(categories.len() as u64) as usize];
        for category_id in if first == second { vec![first] } else { vec![first, second] } {
            rows.categories
                .push(product_categories::ActiveModel { product_id: Set(id), category_id: Set(category_id) });
        }
        rows.values.push(option_value(id, brand, brands[n % brands.len()]));
        for position in 0..(1 + dice.below(3) as i32) {
            rows.images.push(product_images::ActiveModel {
                product_id: Set(id),
                type_: Set(Some("image".into())),
                path: Set(format!("product/{}/{position}.jpg", sku.to_lowercase())),
                position: Set(position),
                ..Default::default()
            });
        }
        for r in 0..dice.below(4) {
            rows.reviews.push(product_reviews::ActiveModel {
                product_id: Set(id),
                name: Set(format!("Reviewer {}", (n * 3 + r as usize) % 997)),
                title: Set(REVIEW_TITLES[(n + r as usize) % REVIEW_TITLES.len()].into()),
                comment: Set("Generated review text for benchmarks.".into()),
                rating: Set(1 + ((n + r as usize) % 5) as i32),
                status: Set(if r == 3 { "pending" } else { "approved" }.into()),
                helpful: Set(0),
                unhelpful: Set(0),
                created_at: Set(created),
                updated_at: Set(created),
                ..Default::default()
            });
        }
        product_count += 1;
        if !configurable {
            if kind == "simple" {
                rows.stock(id, default_source.id, warehouse.id, &mut dice);
            }
            sellable.push(Sellable { product_id: id, sku, name, price, variant: None });
        } else {
            for attribute_id in [color, size] {
                rows.supers.push(product_super_attributes::ActiveModel {
                    product_id: Set(id),
                    attribute_id: Set(attribute_id),
                });
            }
            // One to `max_colours` colours × two or three sizes.
            let (nc, ns) = (1 + dice.below(sizes.max_colours) as usize, 2 + dice.below(2) as usize);
            for (ci, color_option) in colors.iter().take(nc).enumerate() {
                for (si, size_option) in sizes_list.iter().take(ns.min(sizes_list.len())).enumerate() {
                    let vid = next_product;
                    next_product += 1;
                    let vsku = format!("{sku}-{ci}{si}");
                    let vprice = price + Decimal::from(si as i64);
                    rows.products.push(product(
                        vid,
                        &vsku,
                        "simple",
                        Some(id),
                        family_id,
                        Some(vprice),
                        created,
                        false,
                    ));
                    rows.channels
                        .push(product_channels::ActiveModel { product_id: Set(vid), channel_id: Set(channel.id) });
                    rows.values.push(option_value(vid, color, *color_option));
                    rows.values.push(option_value(vid, size, *size_option));
                    rows.stock(vid, default_source.id, warehouse.id, &mut dice);
                    sellable.push(Sellable {
                        product_id: id,
                        sku: vsku.clone(),
                        name: name.clone(),
                        price: vprice,
                        variant: Some((vid, vsku)),
                    });
                    variant_count += 1;
                }
            }
        }
        if rows.products.len() >= 5_000 {
            rows.flush(bulk).await?;
        }
    }
    rows.flush(bulk).await?;
    // The root category counts: the profile sizes are the tree's.
    Ok(Catalog { products: product_count, variants: variant_count, categories: categories.len() + 1, sellable })
}

#[allow(clippy::too_many_arguments)]
fn product(
    id: i64,
    sku: &str,
    kind: &str,
    parent: Option<i64>,
    family_id: i64,
    price: Option<Decimal>,
    created: chrono::DateTime<chrono::Utc>,
    visible: bool,
) -> products::ActiveModel {
    products::ActiveModel {
        id: Set(id),
        sku: Set(sku.to_owned()),
        type_: Set(kind.to_owned()),
        parent_id: Set(parent),
        attribute_family_id: Set(family_id),
        status: Set(true),
        visible_individually: Set(visible),
        new: Set(id % 17 == 0),
        featured: Set(id % 23 == 0),
        guest_checkout: Set(true),
        manage_stock: Set(kind == "simple"),
        price: Set(price.map(Amount::new)),
        cost: Set(price.map(|p| Amount::new((p * Decimal::new(45, 2)).round_dp(2)))),
        weight: Set((kind != "virtual").then(|| Amount::new(Decimal::new(5, 1)))),
        created_at: Set(created),
        updated_at: Set(created),
        ..Default::default()
    }
}

fn option_value(product_id: i64, attribute_id: i64, option_id: i64) -> product_attribute_values::ActiveModel {
    product_attribute_values::ActiveModel {
        product_id: Set(product_id),
        attribute_id: Set(attribute_id),
        integer_value: Set(Some(option_id)),
        ..Default::default()
    }
}

/// Rows waiting to be written, flushed a few thousand products at a time (parents first).
#[derive(Default)]
struct Rows {
    products: Vec<products::ActiveModel>,
    translations: Vec<product_translations::ActiveModel>,
    channels: Vec<product_channels::ActiveModel>,
    categories: Vec<product_categories::ActiveModel>,
    values: Vec<product_attribute_values::ActiveModel>,
    supers: Vec<product_super_attributes::ActiveModel>,
    images: Vec<product_images::ActiveModel>,
    stock: Vec<product_inventories::ActiveModel>,
    reviews: Vec<product_reviews::ActiveModel>,
}

impl Rows {
    /// Stock in the default source and, for two products in three, in the warehouse too.
    fn stock(&mut self, product_id: i64, default_source: i64, warehouse: i64, dice: &mut Dice) {
        let sources = if product_id % 3 == 0 { vec![default_source] } else { vec![default_source, warehouse] };
        for source in sources {
            self.stock.push(product_inventories::ActiveModel {
                product_id: Set(product_id),
                inventory_source_id: Set(source),
                qty: Set(dice.below(200) as i32),
                ..Default::default()
            });
        }
    }

    async fn flush<C: ConnectionTrait>(&mut self, bulk: &mut Bulk<'_, C>) -> Result<(), DbErr> {
        bulk.insert("products", std::mem::take(&mut self.products)).await?;
        bulk.insert("products", std::mem::take(&mut self.translations)).await?;
        bulk.insert("products", std::mem::take(&mut self.channels)).await?;
        bulk.insert("products", std::mem::take(&mut self.categories)).await?;
        bulk.insert("products", std::mem::take(&mut self.values)).await?;
        bulk.insert("products", std::mem::take(&mut self.supers)).await?;
        bulk.insert("products", std::mem::take(&mut self.images)).await?;
        bulk.insert("products", std::mem::take(&mut self.stock)).await?;
        bulk.insert("reviews", std::mem::take(&mut self.reviews)).await
    }
}

/// `count` categories in total: the demo's, and generated ones under its top categories (two
/// levels deep), then the nested-set bounds of the whole tree recomputed. Returns the ids of
/// the categories products may be placed in.
async fn categories_tree<C: ConnectionTrait>(
    bulk: &mut Bulk<'_, C>,
    count: usize,
    t: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<i64>, DbErr> {
    let db = bulk.db;
    let existing = categories::Entity::find().order_by_asc(categories::Column::Id).all(db).await?;
    let tops: Vec<i64> = existing.iter().filter(|c| c.parent_id == Some(1)).map(|c| c.id).collect();
    let mut next = bulk.next_id::<categories::Entity>().await?;
    let mut rows = Vec::new();
    let mut translations = Vec::new();
    let mut parents: Vec<i64> = tops.clone();
    let extra = count.saturating_sub(existing.len());
    for n in 0..extra {
        // The first generated categories go under the demo's top ones; the rest under those.
        let parent = parents[n % parents.len()];
        let id = next;
        next += 1;
        if n < tops.len() * 4 {
            parents.push(id);
        }
        rows.push(categories::ActiveModel {
            id: Set(id),
            parent_id: Set(Some(parent)),
            position: Set((n % 20) as i32 + 1),
            status: Set(true),
            display_mode: Set("products_and_description".into()),
            lft: Set(0),
            rgt: Set(0),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        });
        let name = format!("{} {}", WORDS[n % WORDS.len()], THINGS[(n / WORDS.len()) % THINGS.len()]);
        for locale in ["en", "fr"] {
            let slug = format!("gen-{}-{locale}", n + 1);
            translations.push(category_translations::ActiveModel {
                category_id: Set(id),
                locale: Set(locale.into()),
                name: Set(format!("{name} {}", n + 1)),
                slug: Set(slug.clone()),
                url_path: Set(Some(slug)),
                ..Default::default()
            });
        }
    }
    bulk.insert("categories", rows).await?;
    bulk.insert("categories", translations).await?;

    // Nested-set bounds of the whole tree, children by position then id.
    let all = categories::Entity::find()
        .order_by_asc(categories::Column::Position)
        .order_by_asc(categories::Column::Id)
        .all(db)
        .await?;
    let mut bounds = std::collections::HashMap::new();
    fn walk(all: &[categories::Model], id: i64, at: &mut i32, bounds: &mut std::collections::HashMap<i64, (i32, i32)>) {
        let lft = *at;
        *at += 1;
        for child in all.iter().filter(|c| c.parent_id == Some(id)) {
            walk(all, child.id, at, bounds);
        }
        bounds.insert(id, (lft, *at));
        *at += 1;
    }
    let mut at = 1;
    for root in all.iter().filter(|c| c.parent_id.is_none()) {
        walk(&all, root.id, &mut at, &mut bounds);
    }
    for c in &all {
        let (lft, rgt) = bounds[&c.id];
        if (c.lft, c.rgt) != (lft, rgt) {
            let mut row = c.clone().into_active_model();
            row.lft = Set(lft);
            row.rgt = Set(rgt);
            row.update(db).await?;
        }
    }
    Ok(all.iter().filter(|c| c.parent_id.is_some()).map(|c| c.id).collect())
}
