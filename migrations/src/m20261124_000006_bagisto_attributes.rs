//! The attributes of a default Bagisto installation: the system attributes of the `default`
//! family (sku, name, url_key, price, ... with Bagisto's codes and ids 1-28), its seven attribute
//! groups, and the `color` and `size` options. Storefront and admin clients rely on these codes
//! (`?color=3` filters by the option id of attribute `color`).

use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm_migration::prelude::*;

use crate::install::{id_of, insert, now};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, name, type, validation, flags): flags are required, unique, per locale, per channel,
/// filterable, configurable, user defined, visible on front, comparable, wysiwyg.
type AttributeRow = (&'static str, &'static str, &'static str, Option<&'static str>, [bool; 10]);

const T: bool = true;
const F: bool = false;

/// In id order (1-28), as Bagisto's installer creates them.
const ATTRIBUTES: &[AttributeRow] = &[
    ("sku", "SKU", "text", None, [T, T, F, F, F, F, F, F, F, F]),
    ("name", "Name", "text", None, [T, F, T, T, F, F, F, F, T, F]),
    ("url_key", "URL Key", "text", None, [T, T, T, F, F, F, F, F, F, F]),
    ("tax_category_id", "Tax Category", "select", None, [F, F, F, T, F, F, F, F, F, F]),
    ("new", "New", "boolean", None, [F, F, F, F, F, F, F, F, F, F]),
    ("featured", "Featured", "boolean", None, [F, F, F, F, F, F, F, F, F, F]),
    ("visible_individually", "Visible Individually", "boolean", None, [T, F, F, F, F, F, F, F, F, F]),
    ("status", "Status", "boolean", None, [T, F, F, T, F, F, F, F, F, F]),
    ("short_description", "Short Description", "textarea", None, [T, F, T, T, F, F, F, F, F, T]),
    ("description", "Description", "textarea", None, [T, F, T, T, F, F, F, F, T, T]),
    ("price", "Price", "price", Some("decimal"), [T, F, F, F, T, F, F, F, T, F]),
    ("cost", "Cost", "price", Some("decimal"), [F, F, F, T, F, F, T, F, F, F]),
    ("special_price", "Special Price", "price", Some("decimal"), [F, F, F, F, F, F, F, F, F, F]),
    ("special_price_from", "Special Price From", "date", None, [F, F, F, T, F, F, F, F, F, F]),
    ("special_price_to", "Special Price To", "date", None, [F, F, F, T, F, F, F, F, F, F]),
    ("meta_title", "Meta Title", "textarea", None, [F, F, T, T, F, F, F, F, F, F]),
    ("meta_keywords", "Meta Keywords", "textarea", None, [F, F, T, T, F, F, F, F, F, F]),
    ("meta_description", "Meta Description", "textarea", None, [F, F, T, T, F, F, F, F, F, F]),
    ("length", "Length", "text", Some("decimal"), [F, F, F, F, F, F, T, F, F, F]),
    ("width", "Width", "text", Some("decimal"), [F, F, F, F, F, F, T, F, F, F]),
    ("height", "Height", "text", Some("decimal"), [F, F, F, F, F, F, T, F, F, F]),
    ("weight", "Weight", "text", Some("decimal"), [T, F, F, F, F, F, F, F, F, F]),
    ("color", "Color", "select", None, [F, F, F, F, T, T, T, F, F, F]),
    ("size", "Size", "select", None, [F, F, F, F, T, T, T, F, F, F]),
    ("brand", "Brand", "select", None, [F, F, F, F, T, F, T, T, F, F]),
    ("guest_checkout", "Guest Checkout", "boolean", None, [T, F, F, F, F, F, F, F, F, F]),
    ("product_number", "Product Number", "text", None, [F, T, F, F, F, F, T, F, F, F]),
    ("manage_stock", "Manage Stock", "boolean", None, [F, F, F, T, F, F, F, F, F, F]),
];

/// (code, name, column, position, attribute codes).
const GROUPS: &[(&str, &str, i32, i32, &[&str])] = &[
    (
        "general",
        "General",
        1,
        1,
        &["sku", "product_number", "name", "url_key", "tax_category_id", "color", "size", "brand"],
    ),
    ("description", "Description", 1, 2, &["short_description", "description"]),
    ("meta_description", "Meta Description", 1, 3, &["meta_title", "meta_keywords", "meta_description"]),
    ("price", "Price", 2, 1, &["price", "cost", "special_price", "special_price_from", "special_price_to"]),
    ("shipping", "Shipping", 2, 2, &["length", "width", "height", "weight"]),
    ("settings", "Settings", 2, 3, &["new", "featured", "visible_individually", "status", "guest_checkout"]),
    ("inventories", "Inventories", 2, 4, &["manage_stock"]),
];

/// Options in id order (1-9): (attribute code, option).
const OPTIONS: &[(&str, &str)] = &[
    ("color", "Red"),
    ("color", "Green"),
    ("color", "Yellow"),
    ("color", "Black"),
    ("color", "White"),
    ("size", "S"),
    ("size", "M"),
    ("size", "L"),
    ("size", "XL"),
];

/// `(SELECT id FROM attribute_options WHERE admin_name = option AND attribute_id = (attribute))`.
fn option_id(attribute: &str, option: &str) -> SimpleExpr {
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("attribute_options"))
        .and_where(Expr::col(Alias::new("admin_name")).eq(option))
        .and_where(Expr::col(Alias::new("attribute_id")).eq(id_of("attributes", "code", attribute)))
        .to_owned();
    SimpleExpr::SubQuery(None, Box::new(select.into_sub_query_statement()))
}

/// `(SELECT id FROM attribute_groups WHERE code = group AND family = default)`.
fn group_id(group: &str) -> SimpleExpr {
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("attribute_groups"))
        .and_where(Expr::col(Alias::new("code")).eq(group))
        .and_where(Expr::col(Alias::new("attribute_family_id")).eq(id_of("attribute_families", "code", "default")))
        .to_owned();
    SimpleExpr::SubQuery(None, Box::new(select.into_sub_query_statement()))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            "code",
            "admin_name",
            "type",
            "validation",
            "position",
            "is_required",
            "is_unique",
            "value_per_locale",
            "value_per_channel",
            "is_filterable",
            "is_configurable",
            "is_user_defined",
            "is_visible_on_front",
            "is_comparable",
            "enable_wysiwyg",
            "created_at",
            "updated_at",
        ];
        // One statement per row keeps the ids in the order above on every database.
        for ((code, name, ty, validation, flags), position) in ATTRIBUTES.iter().zip(1_i32..) {
            let mut row: Vec<SimpleExpr> = vec![
                (*code).into(),
                (*name).into(),
                (*ty).into(),
                validation.map(str::to_owned).into(),
                position.into(),
            ];
            row.extend(flags.iter().map(|f| (*f).into()));
            row.extend([now(), now()]);
            insert(manager, "attributes", &columns, vec![row]).await?;
        }
        insert(
            manager,
            "attribute_translations",
            &["attribute_id", "locale", "name"],
            ATTRIBUTES
                .iter()
                .map(|(code, name, ..)| vec![id_of("attributes", "code", code), "en".into(), (*name).into()])
                .collect(),
        )
        .await?;
        for (code, name, column, position, _) in GROUPS {
            insert(
                manager,
                "attribute_groups",
                &["attribute_family_id", "code", "name", "column", "position", "is_user_defined"],
                vec![vec![
                    id_of("attribute_families", "code", "default"),
                    (*code).into(),
                    (*name).into(),
                    (*column).into(),
                    (*position).into(),
                    false.into(),
                ]],
            )
            .await?;
        }
        insert(
            manager,
            "attribute_group_mappings",
            &["attribute_id", "attribute_group_id", "position"],
            GROUPS
                .iter()
                .flat_map(|(group, _, _, _, codes)| {
                    codes.iter().zip(1_i32..).map(move |(code, position)| {
                        vec![id_of("attributes", "code", code), group_id(group), position.into()]
                    })
                })
                .collect(),
        )
        .await?;
        for (i, (attribute, option)) in OPTIONS.iter().enumerate() {
            let sort = OPTIONS[..i].iter().filter(|(a, _)| a == attribute).fold(1_i32, |n, _| n.saturating_add(1));
            insert(
                manager,
                "attribute_options",
                &["attribute_id", "admin_name", "sort_order"],
                vec![vec![id_of("attributes", "code", attribute), (*option).into(), sort.into()]],
            )
            .await?;
        }
        insert(
            manager,
            "attribute_option_translations",
            &["attribute_option_id", "locale", "label"],
            OPTIONS.iter().map(|(a, o)| vec![option_id(a, o), "en".into(), (*o).into()]).collect(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let codes: Vec<&str> = ATTRIBUTES.iter().map(|a| a.0).collect();
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Alias::new("attributes"))
                    .and_where(Expr::col(Alias::new("code")).is_in(codes))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Alias::new("attribute_groups"))
                    .and_where(Expr::col(Alias::new("attribute_family_id")).eq(id_of(
                        "attribute_families",
                        "code",
                        "default",
                    )))
                    .to_owned(),
            )
            .await
    }
}
