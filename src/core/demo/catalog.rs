//! Demo store settings and catalog.
//!
//! Over 600 lines because it is data: the settings and products the snapshots are built from,
//! one insert after another.

use polyshop_entities::{
    attribute_families, attribute_option_translations, attribute_options, attribute_translations, attributes,
    categories, category_translations, channel_currencies, channel_locales, channels, currencies, exchange_rates,
    inventory_sources, locales, product_attribute_values, product_categories, product_channels, product_group_products,
    product_groups, product_images, product_inventories, product_super_attributes, product_translations, products,
};
use polyshop_runtime::{Amount, Rate};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
};

use super::fixed::at;

pub struct StoreIds {
    pub channel_id: i64,
    pub channel_name: String,
    pub source_id: i64,
    /// USD → EUR.
    pub eur_rate: Decimal,
}

pub struct DemoProduct {
    pub id: i64,
    pub sku: String,
    pub name: String,
    pub kind: &'static str,
    pub price: Decimal,
    pub variants: Vec<DemoVariant>,
}

pub struct DemoVariant {
    pub id: i64,
    pub sku: String,
    pub price: Decimal,
    /// (attribute id, attribute code, attribute name, option id, option label).
    pub options: Vec<(i64, String, String, i64, String)>,
}

pub struct DemoCatalog {
    pub products: Vec<DemoProduct>,
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("demo decimal")
}

pub(super) async fn find_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    col: impl ColumnTrait,
    value: &str,
) -> Result<E::Model, DbErr> {
    E::find()
        .filter(col.eq(value))
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("install row `{value}`")))
}

/// The install rows carry the time of installation; the demo dates them to the demo's start so
/// every response built from them is the same on every run.
async fn pin_install_times(db: &impl ConnectionTrait, t: chrono::DateTime<chrono::Utc>) -> Result<(), DbErr> {
    use polyshop_entities::{customer_groups, payment_methods, shipping_methods};
    use sea_orm::sea_query::Expr;
    macro_rules! pin {
        ($($entity:ident),*) => {$(
            $entity::Entity::update_many()
                .col_expr($entity::Column::CreatedAt, Expr::value(t))
                .col_expr($entity::Column::UpdatedAt, Expr::value(t))
                .exec(db)
                .await?;
        )*};
    }
    pin!(
        locales,
        currencies,
        categories,
        inventory_sources,
        channels,
        customer_groups,
        payment_methods,
        shipping_methods
    );
    Ok(())
}

/// The default channel becomes the demo store: French next to English, euros next to dollars.
pub async fn seed_settings(db: &impl ConnectionTrait) -> Result<StoreIds, DbErr> {
    let t = at(2026, 1, 2, 9, 0);
    pin_install_times(db, at(2026, 1, 1, 0, 0)).await?;
    let fr = locales::ActiveModel {
        code: Set("fr".into()),
        name: Set("Français".into()),
        direction: Set("ltr".into()),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let eur = currencies::ActiveModel {
        code: Set("EUR".into()),
        name: Set("Euro".into()),
        symbol: Set("€".into()),
        decimal: Set(2),
        group_separator: Set(".".into()),
        decimal_separator: Set(",".into()),
        currency_position: Set(Some("right_with_space".into())),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let eur_rate = dec("0.92");
    exchange_rates::ActiveModel {
        target_currency_id: Set(eur.id),
        rate: Set(Rate::new(eur_rate)),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let channel = find_id::<channels::Entity>(db, channels::Column::Code, "default").await?;
    let channel_id = channel.id;
    let mut c = channel.into_active_model();
    c.name = Set("Polyshop Demo Store".into());
    c.description = Set(Some("Clothing and accessories.".into()));
    c.timezone = Set("America/Phoenix".into());
    c.hostname = Set(Some("http://localhost:8080".into()));
    c.updated_at = Set(t);
    c.update(db).await?;
    channel_locales::ActiveModel { channel_id: Set(channel_id), locale_id: Set(fr.id) }.insert(db).await?;
    channel_currencies::ActiveModel { channel_id: Set(channel_id), currency_id: Set(eur.id) }.insert(db).await?;
    let source = find_id::<inventory_sources::Entity>(db, inventory_sources::Column::Code, "default").await?;
    Ok(StoreIds { channel_id, channel_name: "Polyshop Demo Store".into(), source_id: source.id, eur_rate })
}

/// A select attribute with options: (code, English name, French name, [(option, French label)]).
type AttributeSpec = (&'static str, &'static str, &'static str, &'static [(&'static str, &'static str)]);

const ATTRIBUTES: &[AttributeSpec] = &[
    (
        "color",
        "Color",
        "Couleur",
        &[("Red", "Rouge"), ("Blue", "Bleu"), ("Black", "Noir"), ("White", "Blanc"), ("Green", "Vert")],
    ),
    ("size", "Size", "Taille", &[("S", "S"), ("M", "M"), ("L", "L"), ("XL", "XL")]),
    ("brand", "Brand", "Marque", &[("Acme", "Acme"), ("Northwind", "Northwind"), ("Contoso", "Contoso")]),
];

/// Categories below the root (id 1): (slug, English name, French name, French slug, parent slug).
const CATEGORIES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    ("men", "Men", "Hommes", "hommes", None),
    ("shirts", "Shirts", "Chemises", "chemises", Some("men")),
    ("shoes", "Shoes", "Chaussures", "chaussures", Some("men")),
    ("women", "Women", "Femmes", "femmes", None),
    ("dresses", "Dresses", "Robes", "robes", Some("women")),
    ("bags", "Bags", "Sacs", "sacs", Some("women")),
    ("accessories", "Accessories", "Accessoires", "accessoires", None),
];

struct ProductSpec {
    sku: &'static str,
    name: &'static str,
    name_fr: &'static str,
    kind: &'static str,
    categories: &'static [&'static str],
    price: &'static str,
    /// (special price, from, to) as `YYYY-MM-DD`.
    special: Option<(&'static str, &'static str, &'static str)>,
    brand: Option<&'static str>,
    /// None: stock not tracked.
    stock: Option<i32>,
    groups: &'static [&'static str],
    active: bool,
    barcode: Option<&'static str>,
    /// Configurable products: (colors, sizes) of the variants.
    variants: Option<(&'static [&'static str], &'static [&'static str])>,
}

const fn simple(
    sku: &'static str,
    name: &'static str,
    name_fr: &'static str,
    categories: &'static [&'static str],
    price: &'static str,
) -> ProductSpec {
    ProductSpec {
        sku,
        name,
        name_fr,
        kind: "simple",
        categories,
        price,
        special: None,
        brand: None,
        stock: Some(20),
        groups: &[],
        active: true,
        barcode: None,
        variants: None,
    }
}

fn catalog_spec() -> Vec<ProductSpec> {
    vec![
        ProductSpec {
            brand: Some("Northwind"),
            stock: Some(40),
            groups: &["New Arrivals"],
            barcode: Some("0614141000036"),
            ..simple("OXF-SHIRT", "Oxford Cotton Shirt", "Chemise Oxford en coton", &["shirts"], "49.90")
        },
        ProductSpec {
            special: Some(("44.25", "2026-06-01", "2026-12-31")),
            brand: Some("Acme"),
            stock: Some(12),
            groups: &["Sale"],
            ..simple("LIN-SHIRT", "Linen Summer Shirt", "Chemise d'été en lin", &["shirts"], "59.00")
        },
        ProductSpec {
            brand: Some("Contoso"),
            stock: Some(8),
            ..simple("DEN-JACKET", "Denim Jacket", "Veste en jean", &["men"], "89.50")
        },
        ProductSpec {
            brand: Some("Northwind"),
            stock: Some(5),
            groups: &["Featured"],
            ..simple("DERBY-SHOES", "Leather Derby Shoes", "Derbies en cuir", &["shoes"], "120.00")
        },
        ProductSpec {
            brand: Some("Acme"),
            stock: Some(0),
            ..simple("CANVAS-SNEAK", "Canvas Sneakers", "Baskets en toile", &["shoes", "women"], "45.00")
        },
        ProductSpec {
            stock: Some(150),
            ..simple("WOOL-SOCKS", "Wool Socks (3 pack)", "Chaussettes en laine (lot de 3)", &["accessories"], "14.99")
        },
        ProductSpec {
            brand: Some("Contoso"),
            stock: Some(18),
            groups: &["Featured"],
            ..simple("FLORAL-DRESS", "Floral Midi Dress", "Robe midi fleurie", &["dresses"], "79.00")
        },
        ProductSpec {
            special: Some(("199.99", "2026-01-01", "2026-02-28")),
            stock: Some(3),
            ..simple("EVENING-GOWN", "Evening Gown", "Robe de soirée", &["dresses"], "249.99")
        },
        ProductSpec {
            stock: Some(60),
            barcode: Some("5012345678900"),
            ..simple("TOTE-BAG", "Tote Bag", "Sac cabas", &["bags", "accessories"], "29.95")
        },
        ProductSpec {
            brand: Some("Northwind"),
            stock: Some(7),
            groups: &["Featured"],
            ..simple("LEATHER-HANDBAG", "Leather Handbag", "Sac à main en cuir", &["bags"], "159.00")
        },
        ProductSpec { stock: None, ..simple("SILK-SCARF", "Silk Scarf", "Foulard en soie", &["accessories"], "35.00") },
        ProductSpec {
            brand: Some("Contoso"),
            stock: Some(22),
            ..simple("LEATHER-BELT", "Leather Belt", "Ceinture en cuir", &["accessories", "men"], "39.00")
        },
        ProductSpec {
            brand: Some("Acme"),
            stock: Some(14),
            groups: &["New Arrivals"],
            active: false,
            ..simple("SUNGLASSES", "Sunglasses", "Lunettes de soleil", &["accessories"], "89.00")
        },
        ProductSpec {
            stock: Some(33),
            ..simple("BASEBALL-CAP", "Baseball Cap", "Casquette de baseball", &["accessories"], "19.50")
        },
        ProductSpec {
            kind: "virtual",
            stock: None,
            ..simple("GIFT-WRAP", "Gift Wrapping", "Emballage cadeau", &["accessories"], "5.00")
        },
        ProductSpec {
            kind: "virtual",
            stock: Some(10),
            ..simple("STYLE-CONSULT", "Style Consultation", "Conseil en style", &[], "75.00")
        },
        ProductSpec {
            kind: "configurable",
            brand: Some("Acme"),
            groups: &["Featured"],
            variants: Some((&["Red", "Blue", "Black"], &["S", "M", "L"])),
            ..simple("CLASSIC-TEE", "Classic T-Shirt", "T-shirt classique", &["shirts", "women"], "19.99")
        },
        ProductSpec {
            kind: "configurable",
            brand: Some("Northwind"),
            groups: &["New Arrivals"],
            variants: Some((&["Black", "Green"], &["M", "L", "XL"])),
            ..simple("TRAIL-RUNNER", "Trail Running Shoe", "Chaussure de trail", &["shoes"], "110.00")
        },
        ProductSpec {
            kind: "configurable",
            brand: Some("Contoso"),
            groups: &["Sale"],
            variants: Some((&["Red", "Blue"], &["S", "M", "L", "XL"])),
            ..simple("WRAP-DRESS", "Wrap Dress", "Robe portefeuille", &["dresses"], "64.00")
        },
    ]
}

pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

pub async fn seed_catalog(db: &impl ConnectionTrait, store: &StoreIds) -> Result<DemoCatalog, DbErr> {
    let t = at(2026, 1, 3, 9, 0);
    let family = find_id::<attribute_families::Entity>(db, attribute_families::Column::Code, "default").await?;

    // The install's color, size and brand attributes (Bagisto codes): French names, and the
    // options the catalog needs beyond the install's. code → (attribute id, name, label → id).
    let mut attrs = std::collections::HashMap::new();
    for (code, name, name_fr, options) in ATTRIBUTES {
        let a = find_id::<attributes::Entity>(db, attributes::Column::Code, code).await?;
        attribute_translations::ActiveModel {
            attribute_id: Set(a.id),
            locale: Set("fr".into()),
            name: Set((*name_fr).into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let existing =
            attribute_options::Entity::find().filter(attribute_options::Column::AttributeId.eq(a.id)).all(db).await?;
        let mut option_ids = std::collections::HashMap::new();
        let mut next_sort = existing.iter().map(|o| o.sort_order).max().unwrap_or(0) + 1;
        for (label, label_fr) in options.iter() {
            let id = match existing.iter().find(|o| o.admin_name == *label) {
                Some(o) => o.id,
                None => {
                    next_sort += 1;
                    let o = attribute_options::ActiveModel {
                        attribute_id: Set(a.id),
                        admin_name: Set((*label).into()),
                        sort_order: Set(next_sort - 1),
                        swatch_value: Set(None),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                    attribute_option_translations::ActiveModel {
                        attribute_option_id: Set(o.id),
                        locale: Set("en".into()),
                        label: Set((*label).into()),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                    o.id
                }
            };
            attribute_option_translations::ActiveModel {
                attribute_option_id: Set(id),
                locale: Set("fr".into()),
                label: Set((*label_fr).into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            option_ids.insert(*label, id);
        }
        attrs.insert(*code, (a.id, *name, option_ids));
    }

    // Categories as a nested set under the root.
    let mut category_ids = std::collections::HashMap::new();
    let tops: Vec<_> = CATEGORIES.iter().filter(|c| c.4.is_none()).collect();
    let mut next = 2;
    let mut bounds = Vec::new();
    for top in &tops {
        let lft = next;
        next += 1;
        let mut kids = Vec::new();
        for child in CATEGORIES.iter().filter(|c| c.4 == Some(top.0)) {
            kids.push((child, next, next + 1));
            next += 2;
        }
        bounds.push((*top, lft, next, None));
        next += 1;
        for (child, l, r) in kids {
            bounds.push((child, l, r, Some(top.0)));
        }
    }
    let root = categories::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("root category".into()))?;
    let mut root = root.into_active_model();
    root.rgt = Set(next);
    root.update(db).await?;
    for (position, ((slug_en, name, name_fr, slug_fr, _), lft, rgt, parent)) in bounds.iter().enumerate() {
        let parent_id = match parent {
            Some(p) => category_ids[p],
            None => 1,
        };
        let c = categories::ActiveModel {
            parent_id: Set(Some(parent_id)),
            position: Set(position as i32 + 1),
            status: Set(true),
            display_mode: Set("products_and_description".into()),
            lft: Set(*lft),
            rgt: Set(*rgt),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        category_ids.insert(*slug_en, c.id);
        let parent_fr = parent.and_then(|p| CATEGORIES.iter().find(|c| c.0 == p)).map(|c| c.3);
        for (locale, text, s, path) in [
            ("en", *name, *slug_en, parent.map(|p| format!("{p}/{slug_en}")).unwrap_or_else(|| slug_en.to_string())),
            (
                "fr",
                *name_fr,
                *slug_fr,
                parent_fr.map(|p| format!("{p}/{slug_fr}")).unwrap_or_else(|| slug_fr.to_string()),
            ),
        ] {
            category_translations::ActiveModel {
                category_id: Set(c.id),
                locale: Set(locale.into()),
                name: Set(text.into()),
                slug: Set(s.into()),
                url_path: Set(Some(path)),
                description: Set(Some(format!("<p>{text}</p>"))),
                meta_title: Set(Some(text.into())),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }

    let mut group_ids = std::collections::HashMap::new();
    for name in ["Featured", "Sale", "New Arrivals"] {
        let g = product_groups::ActiveModel { name: Set(name.into()), ..Default::default() }.insert(db).await?;
        group_ids.insert(name, g.id);
    }

    let mut out = Vec::new();
    for (k, spec) in catalog_spec().into_iter().enumerate() {
        let created = at(2026, 1, 5 + k as u32, 10, 0);
        let updated = if spec.sku == "LIN-SHIRT" {
            at(2026, 6, 1, 8, 30)
        } else {
            created + chrono::Duration::days((k % 3) as i64)
        };
        let price = dec(spec.price);
        let configurable = spec.variants.is_some();
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let product = products::ActiveModel {
            sku: Set(spec.sku.into()),
            type_: Set(spec.kind.into()),
            attribute_family_id: Set(family.id),
            status: Set(spec.active),
            visible_individually: Set(true),
            new: Set(spec.groups.contains(&"New Arrivals")),
            featured: Set(spec.groups.contains(&"Featured")),
            guest_checkout: Set(true),
            manage_stock: Set(spec.stock.is_some() && !configurable),
            // Composite products have no price of their own.
            price: Set((!configurable).then(|| Amount::new(price))),
            special_price: Set(spec.special.map(|s| Amount::new(dec(s.0)))),
            special_price_from: Set(spec.special.and_then(|s| date(s.1))),
            special_price_to: Set(spec.special.and_then(|s| date(s.2))),
            cost: Set((!configurable).then(|| Amount::new(price * dec("0.45")))),
            weight: Set((spec.kind != "virtual").then(|| Amount::new(dec("0.5")))),
            barcode: Set(spec.barcode.map(str::to_owned)),
            created_at: Set(created),
            updated_at: Set(updated),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, name) in [("en", spec.name), ("fr", spec.name_fr)] {
            product_translations::ActiveModel {
                product_id: Set(product.id),
                locale: Set(locale.into()),
                name: Set(name.into()),
                url_key: Set(Some(slug(name))),
                short_description: Set(Some(format!("<p>{name}.</p>"))),
                description: Set(Some(format!("<p>{name}: made to last, easy to care for.</p>"))),
                meta_title: Set(Some(name.into())),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        product_channels::ActiveModel { product_id: Set(product.id), channel_id: Set(store.channel_id) }
            .insert(db)
            .await?;
        for c in spec.categories {
            product_categories::ActiveModel { product_id: Set(product.id), category_id: Set(category_ids[c]) }
                .insert(db)
                .await?;
        }
        for g in spec.groups {
            product_group_products::ActiveModel { product_group_id: Set(group_ids[g]), product_id: Set(product.id) }
                .insert(db)
                .await?;
        }
        let image_names: &[&str] = if k % 4 == 3 { &["front.jpg"] } else { &["front.jpg", "back.jpg"] };
        for (position, file) in image_names.iter().enumerate() {
            product_images::ActiveModel {
                product_id: Set(product.id),
                type_: Set(Some("image".into())),
                path: Set(format!("product/{}/{file}", spec.sku.to_lowercase())),
                position: Set(position as i32),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        if let Some(brand) = spec.brand {
            let (brand_attr, _, options) = &attrs["brand"];
            set_option(db, product.id, *brand_attr, options[brand]).await?;
        }
        if let Some(qty) = spec.stock.filter(|_| !configurable) {
            set_stock(db, product.id, store.source_id, qty).await?;
        }

        let mut variants = Vec::new();
        if let Some((colors, sizes)) = spec.variants {
            for code in ["color", "size"] {
                product_super_attributes::ActiveModel { product_id: Set(product.id), attribute_id: Set(attrs[code].0) }
                    .insert(db)
                    .await?;
            }
            for (ci, color) in colors.iter().enumerate() {
                for (si, size) in sizes.iter().enumerate() {
                    // Black and XL cost a little more; a few variants run out.
                    let mut vprice = price;
                    if *color == "Black" {
                        vprice += dec("2.00");
                    }
                    if *size == "XL" {
                        vprice += dec("3.00");
                    }
                    let vsku = format!("{}-{}-{}", spec.sku, color.to_uppercase(), size);
                    let special = (*color == "Green").then(|| Amount::new(vprice - dec("15.00")));
                    let v = products::ActiveModel {
                        sku: Set(vsku.clone()),
                        type_: Set("simple".into()),
                        parent_id: Set(Some(product.id)),
                        attribute_family_id: Set(family.id),
                        status: Set(true),
                        visible_individually: Set(false),
                        new: Set(false),
                        featured: Set(false),
                        guest_checkout: Set(true),
                        manage_stock: Set(true),
                        price: Set(Some(Amount::new(vprice))),
                        special_price: Set(special),
                        cost: Set(Some(Amount::new(vprice * dec("0.4")))),
                        weight: Set(Some(Amount::new(dec("0.3")))),
                        created_at: Set(created),
                        updated_at: Set(updated),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                    product_channels::ActiveModel { product_id: Set(v.id), channel_id: Set(store.channel_id) }
                        .insert(db)
                        .await?;
                    for (code, label) in [("color", *color), ("size", *size)] {
                        let (attr, _, options) = &attrs[code];
                        set_option(db, v.id, *attr, options[label]).await?;
                    }
                    let qty = ((ci * 7 + si * 5 + k) % 13) as i32 * 3;
                    set_stock(db, v.id, store.source_id, qty).await?;
                    if spec.sku == "CLASSIC-TEE" {
                        product_images::ActiveModel {
                            product_id: Set(v.id),
                            type_: Set(Some("image".into())),
                            path: Set(format!("product/{}/main.jpg", vsku.to_lowercase())),
                            position: Set(0),
                            ..Default::default()
                        }
                        .insert(db)
                        .await?;
                    }
                    variants.push(DemoVariant {
                        id: v.id,
                        sku: vsku,
                        price: special.map(|s| s.value()).unwrap_or(vprice),
                        options: [("color", *color), ("size", *size)]
                            .into_iter()
                            .map(|(code, label)| {
                                let (attr, name, options) = &attrs[code];
                                (*attr, code.to_owned(), (*name).to_owned(), options[label], label.to_owned())
                            })
                            .collect(),
                    });
                }
            }
        }
        out.push(DemoProduct {
            id: product.id,
            sku: spec.sku.into(),
            name: spec.name.into(),
            kind: spec.kind,
            price,
            variants,
        });
    }
    Ok(DemoCatalog { products: out })
}

async fn set_option(
    db: &impl ConnectionTrait,
    product_id: i64,
    attribute_id: i64,
    option_id: i64,
) -> Result<(), DbErr> {
    product_attribute_values::ActiveModel {
        product_id: Set(product_id),
        attribute_id: Set(attribute_id),
        integer_value: Set(Some(option_id)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

async fn set_stock(db: &impl ConnectionTrait, product_id: i64, source_id: i64, qty: i32) -> Result<(), DbErr> {
    product_inventories::ActiveModel {
        product_id: Set(product_id),
        inventory_source_id: Set(source_id),
        qty: Set(qty),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
