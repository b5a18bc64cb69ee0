//! The rows every installation starts with, as a Bagisto install has them: locale `en`, base
//! currency `USD`, root category (id 1), the `default` inventory source, attribute family and
//! channel, the system customer groups, Community Store's six fulfilment statuses, and the
//! offline payment and shipping methods. Ids come from insertion order on the empty tables, and
//! references are looked up by code, so the same ids result on SQLite and PostgreSQL.

use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm_migration::prelude::*;

use crate::install::{id_of, insert, now};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let ts = || vec![now(), now()];
        let row = |mut v: Vec<SimpleExpr>| {
            v.extend(ts());
            v
        };
        insert(
            manager,
            "locales",
            &["code", "name", "direction", "created_at", "updated_at"],
            vec![row(vec!["en".into(), "English".into(), "ltr".into()])],
        )
        .await?;
        insert(
            manager,
            "currencies",
            &["code", "name", "symbol", "decimal", "group_separator", "decimal_separator", "created_at", "updated_at"],
            vec![row(vec!["USD".into(), "US Dollar".into(), "$".into(), 2.into(), ",".into(), ".".into()])],
        )
        .await?;
        insert(
            manager,
            "categories",
            &["position", "status", "display_mode", "lft", "rgt", "created_at", "updated_at"],
            vec![row(vec![1.into(), true.into(), "products_and_description".into(), 1.into(), 2.into()])],
        )
        .await?;
        insert(
            manager,
            "category_translations",
            &["category_id", "locale", "name", "slug", "url_path"],
            vec![vec![1.into(), "en".into(), "Root".into(), "root".into(), "".into()]],
        )
        .await?;
        insert(
            manager,
            "inventory_sources",
            &["code", "name", "priority", "status", "created_at", "updated_at"],
            vec![row(vec!["default".into(), "Default".into(), 0.into(), true.into()])],
        )
        .await?;
        insert(
            manager,
            "attribute_families",
            &["code", "name", "status", "is_user_defined"],
            vec![vec!["default".into(), "Default".into(), true.into(), false.into()]],
        )
        .await?;
        insert(
            manager,
            "channels",
            &[
                "code",
                "name",
                "timezone",
                "hostname",
                "default_locale_id",
                "base_currency_id",
                "root_category_id",
                "is_maintenance_on",
                "created_at",
                "updated_at",
            ],
            vec![row(vec![
                "default".into(),
                "Default".into(),
                "UTC".into(),
                "http://localhost:8080".into(),
                id_of("locales", "code", "en"),
                id_of("currencies", "code", "USD"),
                1.into(),
                false.into(),
            ])],
        )
        .await?;
        let channel = || id_of("channels", "code", "default");
        insert(
            manager,
            "channel_locales",
            &["channel_id", "locale_id"],
            vec![vec![channel(), id_of("locales", "code", "en")]],
        )
        .await?;
        insert(
            manager,
            "channel_currencies",
            &["channel_id", "currency_id"],
            vec![vec![channel(), id_of("currencies", "code", "USD")]],
        )
        .await?;
        insert(
            manager,
            "channel_inventory_sources",
            &["channel_id", "inventory_source_id"],
            vec![vec![channel(), id_of("inventory_sources", "code", "default")]],
        )
        .await?;
        insert(
            manager,
            "customer_groups",
            &["code", "name", "is_user_defined", "created_at", "updated_at"],
            [("guest", "Guest"), ("general", "General"), ("wholesale", "Wholesale")]
                .into_iter()
                .map(|(c, n)| row(vec![c.into(), n.into(), false.into()]))
                .collect(),
        )
        .await?;
        insert(
            manager,
            "fulfilment_statuses",
            &["handle", "name", "sort_order"],
            [
                ("incomplete", "Awaiting Processing"),
                ("processing", "Processing"),
                ("shipped", "Shipped"),
                ("delivered", "Delivered"),
                ("nodelivery", "Will not deliver"),
                ("returned", "Returned"),
            ]
            .into_iter()
            .zip(1_i32..)
            .map(|((h, n), position)| vec![h.into(), n.into(), position.into()])
            .collect(),
        )
        .await?;
        insert(
            manager,
            "payment_methods",
            &["code", "title", "description", "sort_order", "is_active", "created_at", "updated_at"],
            vec![
                row(vec![
                    "cashondelivery".into(),
                    "Cash On Delivery".into(),
                    "Pay when the order arrives.".into(),
                    1.into(),
                    true.into(),
                ]),
                row(vec![
                    "moneytransfer".into(),
                    "Money Transfer".into(),
                    "Pay by bank transfer.".into(),
                    2.into(),
                    true.into(),
                ]),
            ],
        )
        .await?;
        insert(
            manager,
            "shipping_methods",
            &[
                "code",
                "carrier_code",
                "method_code",
                "title",
                "description",
                "rate",
                "rate_type",
                "sort_order",
                "is_active",
                "created_at",
                "updated_at",
            ],
            vec![
                // Money columns hold value × 10^4: 10.00 is 100000.
                row(vec![
                    "flatrate_flatrate".into(),
                    "flatrate".into(),
                    "flatrate".into(),
                    "Flat Rate".into(),
                    "Flat rate per item.".into(),
                    100_000i64.into(),
                    "per_unit".into(),
                    1.into(),
                    true.into(),
                ]),
                row(vec![
                    "free_free".into(),
                    "free".into(),
                    "free".into(),
                    "Free Shipping".into(),
                    "Free shipping.".into(),
                    0i64.into(),
                    "per_order".into(),
                    2.into(),
                    true.into(),
                ]),
            ],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "shipping_methods",
            "payment_methods",
            "fulfilment_statuses",
            "customer_groups",
            "channel_inventory_sources",
            "channel_currencies",
            "channel_locales",
            "channels",
            "attribute_families",
            "inventory_sources",
            "category_translations",
            "categories",
            "currencies",
            "locales",
        ] {
            manager.exec_stmt(Query::delete().from_table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
