//! The core schema: settings, catalog, customers, sales and integrations (spec/model at 2026-11-22).
//! Scaffolded by `cargo xtask scaffold-migration`; released migrations never change.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("attribute_families")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(boolean("status").default(true))
                    .col(boolean("is_user_defined").default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_attribute_families_code")
                    .table("attribute_families")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attribute_groups")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("attribute_family_id"))
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(integer("column").default(1))
                    .col(integer("position").default(0))
                    .col(boolean("is_user_defined").default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_groups_attribute_family_id")
                            .from("attribute_groups", "attribute_family_id")
                            .to("attribute_families", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attribute_groups_attribute_family_id")
                    .table("attribute_groups")
                    .col("attribute_family_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attributes")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 191))
                    .col(string_len("admin_name", 191))
                    .col(string_len("type", 32))
                    .col(string_len_null("swatch_type", 32))
                    .col(string_len_null("validation", 32))
                    .col(string_len_null("regex", 255))
                    .col(integer("position").default(0))
                    .col(boolean("is_required").default(false))
                    .col(boolean("is_unique").default(false))
                    .col(boolean("is_filterable").default(false))
                    .col(boolean("is_comparable").default(false))
                    .col(boolean("is_configurable").default(false))
                    .col(boolean("is_user_defined").default(true))
                    .col(boolean("is_visible_on_front").default(false))
                    .col(boolean("value_per_locale").default(false))
                    .col(boolean("value_per_channel").default(false))
                    .col(string_len_null("default_value", 255))
                    .col(boolean("enable_wysiwyg").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_attributes_code").table("attributes").col("code").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("categories")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer_null("parent_id"))
                    .col(integer("position").default(0))
                    .col(boolean("status").default(true))
                    .col(string_len("display_mode", 32).default("products_and_description"))
                    .col(string_len_null("logo_path", 255))
                    .col(string_len_null("banner_path", 255))
                    .col(integer("lft"))
                    .col(integer("rgt"))
                    .col(json_binary_null("additional"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_categories_parent_id")
                            .from("categories", "parent_id")
                            .to("categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_categories_parent_id").table("categories").col("parent_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("category_filterable_attributes")
                    .col(big_integer("category_id"))
                    .col(big_integer("attribute_id"))
                    .primary_key(Index::create().col("category_id").col("attribute_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_category_filterable_attributes_category_id")
                            .from("category_filterable_attributes", "category_id")
                            .to("categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_category_filterable_attributes_attribute_id")
                            .from("category_filterable_attributes", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_category_filterable_attributes_attribute_id")
                    .table("category_filterable_attributes")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("category_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("category_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 191))
                    .col(string_len("slug", 191))
                    .col(string_len_null("url_path", 2048))
                    .col(text_null("description"))
                    .col(text_null("meta_title"))
                    .col(text_null("meta_description"))
                    .col(text_null("meta_keywords"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_category_translations_category_id")
                            .from("category_translations", "category_id")
                            .to("categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_category_translations_category_id")
                    .table("category_translations")
                    .col("category_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_category_translations_slug")
                    .table("category_translations")
                    .col("slug")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_category_translations_category_id_locale")
                    .table("category_translations")
                    .col("category_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("core_config")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 255))
                    .col(text("value"))
                    .col(string_len_null("channel_code", 64))
                    .col(string_len_null("locale_code", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_core_config_code_channel_code_locale_code")
                    .table("core_config")
                    .col("code")
                    .col("channel_code")
                    .col("locale_code")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("countries")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 2))
                    .col(string_len("name", 191))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_countries_code").table("countries").col("code").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("country_states")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("country_id"))
                    .col(string_len("country_code", 2))
                    .col(string_len("code", 16))
                    .col(string_len("default_name", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_country_states_country_id")
                            .from("country_states", "country_id")
                            .to("countries", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_country_states_country_id")
                    .table("country_states")
                    .col("country_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_country_states_country_code_code")
                    .table("country_states")
                    .col("country_code")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("country_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("country_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_country_translations_country_id")
                            .from("country_translations", "country_id")
                            .to("countries", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_country_translations_country_id")
                    .table("country_translations")
                    .col("country_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_country_translations_country_id_locale")
                    .table("country_translations")
                    .col("country_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("currencies")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 3))
                    .col(string_len("name", 191))
                    .col(string_len("symbol", 16))
                    .col(integer("decimal").default(2))
                    .col(string_len("group_separator", 8).default(","))
                    .col(string_len("decimal_separator", 8).default("."))
                    .col(string_len_null("currency_position", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_currencies_code").table("currencies").col("code").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("customer_groups")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(boolean("is_user_defined").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_customer_groups_code")
                    .table("customer_groups")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("exchange_rates")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("target_currency_id"))
                    .col(big_integer("rate"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_exchange_rates_target_currency_id")
                            .from("exchange_rates", "target_currency_id")
                            .to("currencies", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_exchange_rates_target_currency_id")
                    .table("exchange_rates")
                    .col("target_currency_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_exchange_rates_target_currency_id")
                    .table("exchange_rates")
                    .col("target_currency_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("fulfilment_statuses")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("handle", 64))
                    .col(string_len("name", 191))
                    .col(integer("sort_order").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_fulfilment_statuses_handle")
                    .table("fulfilment_statuses")
                    .col("handle")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("inventory_sources")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(text_null("description"))
                    .col(string_len_null("contact_name", 191))
                    .col(string_len_null("contact_email", 191))
                    .col(string_len_null("contact_number", 64))
                    .col(string_len_null("contact_fax", 64))
                    .col(string_len_null("country", 2))
                    .col(string_len_null("state", 191))
                    .col(string_len_null("city", 191))
                    .col(string_len_null("street", 255))
                    .col(string_len_null("postcode", 32))
                    .col(integer("priority").default(0))
                    .col(big_integer_null("latitude"))
                    .col(big_integer_null("longitude"))
                    .col(boolean("status").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_inventory_sources_code")
                    .table("inventory_sources")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("locales")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 16))
                    .col(string_len("name", 191))
                    .col(string_len("direction", 3).default("ltr"))
                    .col(string_len_null("logo_path", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_locales_code").table("locales").col("code").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("oauth_clients")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("name", 191))
                    .col(string_len("client_id", 64))
                    .col(string_len("secret_hash", 64))
                    .col(text("scopes"))
                    .col(boolean("is_active").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_oauth_clients_client_id")
                    .table("oauth_clients")
                    .col("client_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("payment_methods")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("title", 191))
                    .col(integer("sort_order").default(0))
                    .col(boolean("is_active").default(true))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_payment_methods_code")
                    .table("payment_methods")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_groups")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("name", 191))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_product_groups_name").table("product_groups").col("name").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("products")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("sku", 191))
                    .col(string_len("type", 32))
                    .col(big_integer_null("parent_id"))
                    .col(big_integer("attribute_family_id"))
                    .col(boolean("status").default(true))
                    .col(boolean("visible_individually").default(true))
                    .col(boolean("new").default(false))
                    .col(boolean("featured").default(false))
                    .col(boolean("guest_checkout").default(true))
                    .col(boolean("manage_stock").default(true))
                    .col(big_integer_null("price"))
                    .col(big_integer_null("special_price"))
                    .col(date_null("special_price_from"))
                    .col(date_null("special_price_to"))
                    .col(big_integer_null("cost"))
                    .col(big_integer_null("weight"))
                    .col(string_len_null("barcode", 64))
                    .col(json_binary_null("additional"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_parent_id")
                            .from("products", "parent_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_attribute_family_id")
                            .from("products", "attribute_family_id")
                            .to("attribute_families", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_products_attribute_family_id")
                    .table("products")
                    .col("attribute_family_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_products_created_at").table("products").col("created_at").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_products_parent_id").table("products").col("parent_id").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_products_updated_at").table("products").col("updated_at").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("uq_products_sku").table("products").col("sku").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("shipping_methods")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("carrier_code", 64))
                    .col(string_len("method_code", 64))
                    .col(string_len("title", 191))
                    .col(big_integer("rate"))
                    .col(string_len("rate_type", 16).default("per_order"))
                    .col(integer("sort_order").default(0))
                    .col(boolean("is_active").default(true))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_shipping_methods_code")
                    .table("shipping_methods")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attribute_group_mappings")
                    .col(big_integer("attribute_id"))
                    .col(big_integer("attribute_group_id"))
                    .col(integer("position").default(0))
                    .primary_key(Index::create().col("attribute_id").col("attribute_group_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_group_mappings_attribute_id")
                            .from("attribute_group_mappings", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_group_mappings_attribute_group_id")
                            .from("attribute_group_mappings", "attribute_group_id")
                            .to("attribute_groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attribute_group_mappings_attribute_group_id")
                    .table("attribute_group_mappings")
                    .col("attribute_group_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attribute_options")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("attribute_id"))
                    .col(string_len("admin_name", 191))
                    .col(integer("sort_order").default(0))
                    .col(string_len_null("swatch_value", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_options_attribute_id")
                            .from("attribute_options", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attribute_options_attribute_id")
                    .table("attribute_options")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attribute_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("attribute_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_translations_attribute_id")
                            .from("attribute_translations", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attribute_translations_attribute_id")
                    .table("attribute_translations")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_attribute_translations_attribute_id_locale")
                    .table("attribute_translations")
                    .col("attribute_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channels")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(text_null("description"))
                    .col(string_len("timezone", 64))
                    .col(string_len_null("theme", 64))
                    .col(string_len_null("hostname", 255))
                    .col(big_integer("default_locale_id"))
                    .col(big_integer("base_currency_id"))
                    .col(big_integer_null("root_category_id"))
                    .col(boolean("is_maintenance_on").default(false))
                    .col(text_null("maintenance_mode_text"))
                    .col(text_null("allowed_ips"))
                    .col(json_binary_null("home_seo"))
                    .col(string_len_null("logo_path", 255))
                    .col(string_len_null("favicon_path", 255))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channels_default_locale_id")
                            .from("channels", "default_locale_id")
                            .to("locales", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channels_base_currency_id")
                            .from("channels", "base_currency_id")
                            .to("currencies", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channels_root_category_id")
                            .from("channels", "root_category_id")
                            .to("categories", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channels_base_currency_id")
                    .table("channels")
                    .col("base_currency_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channels_default_locale_id")
                    .table("channels")
                    .col("default_locale_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channels_root_category_id")
                    .table("channels")
                    .col("root_category_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_channels_code").table("channels").col("code").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("country_state_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("country_state_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("default_name", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_country_state_translations_country_state_id")
                            .from("country_state_translations", "country_state_id")
                            .to("country_states", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_country_state_translations_country_state_id")
                    .table("country_state_translations")
                    .col("country_state_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_country_state_translations_country_state_id_locale")
                    .table("country_state_translations")
                    .col("country_state_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("customers")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer_null("channel_id"))
                    .col(big_integer_null("customer_group_id"))
                    .col(string_len("first_name", 191))
                    .col(string_len("last_name", 191))
                    .col(string_len_null("gender", 16))
                    .col(date_null("date_of_birth"))
                    .col(string_len("email", 191))
                    .col(string_len_null("phone", 64))
                    .col(string_len_null("password_hash", 255))
                    .col(boolean("status").default(true))
                    .col(boolean("is_verified").default(false))
                    .col(boolean("is_suspended").default(false))
                    .col(boolean("subscribed_to_news_letter").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_customers_channel_id")
                            .from("customers", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_customers_customer_group_id")
                            .from("customers", "customer_group_id")
                            .to("customer_groups", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_customers_channel_id").table("customers").col("channel_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customers_customer_group_id")
                    .table("customers")
                    .col("customer_group_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_customers_email").table("customers").col("email").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("oauth_access_tokens")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("oauth_client_id"))
                    .col(string_len("token_hash", 64))
                    .col(text("scopes"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_oauth_access_tokens_oauth_client_id")
                            .from("oauth_access_tokens", "oauth_client_id")
                            .to("oauth_clients", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_oauth_access_tokens_oauth_client_id")
                    .table("oauth_access_tokens")
                    .col("oauth_client_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_oauth_access_tokens_token_hash")
                    .table("oauth_access_tokens")
                    .col("token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("orders")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("increment_id", 64))
                    .col(string_len("status", 32))
                    .col(big_integer("channel_id"))
                    .col(string_len("channel_name", 191))
                    .col(boolean("is_guest"))
                    .col(string_len("customer_email", 191))
                    .col(string_len("customer_first_name", 191))
                    .col(string_len("customer_last_name", 191))
                    .col(boolean("is_gift").default(false))
                    .col(integer("total_item_count"))
                    .col(integer("total_qty_ordered"))
                    .col(string_len("base_currency_code", 3))
                    .col(string_len("channel_currency_code", 3))
                    .col(string_len("order_currency_code", 3))
                    .col(big_integer("grand_total"))
                    .col(big_integer("base_grand_total"))
                    .col(big_integer("grand_total_invoiced"))
                    .col(big_integer("base_grand_total_invoiced"))
                    .col(big_integer("grand_total_refunded"))
                    .col(big_integer("base_grand_total_refunded"))
                    .col(big_integer("sub_total"))
                    .col(big_integer("base_sub_total"))
                    .col(big_integer("sub_total_invoiced"))
                    .col(big_integer("base_sub_total_invoiced"))
                    .col(big_integer("sub_total_refunded"))
                    .col(big_integer("base_sub_total_refunded"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("shipping_amount"))
                    .col(big_integer("base_shipping_amount"))
                    .col(string_len("locale", 16))
                    .col(string_len("fulfilment_status", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(big_integer_null("customer_id"))
                    .col(string_len_null("shipping_method", 64))
                    .col(string_len_null("shipping_title", 191))
                    .col(text_null("shipping_description"))
                    .col(string_len_null("coupon_code", 64))
                    .col(string_len_null("tracking_id", 255))
                    .col(string_len_null("tracking_code", 255))
                    .col(string_len_null("tracking_url", 2048))
                    .col(text_null("customer_note"))
                    .col(string_len_null("remote_ip", 45))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_channel_id")
                            .from("orders", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_fulfilment_status")
                            .from("orders", "fulfilment_status")
                            .to("fulfilment_statuses", "handle")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_orders_customer_id")
                            .from("orders", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_orders_channel_id").table("orders").col("channel_id").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_orders_created_at").table("orders").col("created_at").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("ix_orders_customer_email").table("orders").col("customer_email").to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_orders_customer_id").table("orders").col("customer_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("ix_orders_fulfilment_status").table("orders").col("fulfilment_status").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_orders_increment_id").table("orders").col("increment_id").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_attribute_values")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(big_integer("attribute_id"))
                    .col(string_len_null("locale", 16))
                    .col(string_len_null("channel", 64))
                    .col(text_null("text_value"))
                    .col(boolean_null("boolean_value"))
                    .col(big_integer_null("integer_value"))
                    .col(big_integer_null("decimal_value"))
                    .col(date_null("date_value"))
                    .col(timestamp_with_time_zone_null("datetime_value"))
                    .col(json_binary_null("json_value"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_attribute_values_product_id")
                            .from("product_attribute_values", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_attribute_values_attribute_id")
                            .from("product_attribute_values", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_attribute_values_attribute_id")
                    .table("product_attribute_values")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_attribute_values_attribute_id_integer_value")
                    .table("product_attribute_values")
                    .col("attribute_id")
                    .col("integer_value")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_attribute_values_product_id")
                    .table("product_attribute_values")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_attribute_values_product_id_attribute_id")
                    .table("product_attribute_values")
                    .col("product_id")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_categories")
                    .col(big_integer("product_id"))
                    .col(big_integer("category_id"))
                    .primary_key(Index::create().col("product_id").col("category_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_categories_product_id")
                            .from("product_categories", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_categories_category_id")
                            .from("product_categories", "category_id")
                            .to("categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_categories_category_id")
                    .table("product_categories")
                    .col("category_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_channels")
                    .col(big_integer("product_id"))
                    .col(big_integer("channel_id"))
                    .primary_key(Index::create().col("product_id").col("channel_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_channels_product_id")
                            .from("product_channels", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_channels_channel_id")
                            .from("product_channels", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_channels_channel_id")
                    .table("product_channels")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_group_products")
                    .col(big_integer("product_group_id"))
                    .col(big_integer("product_id"))
                    .primary_key(Index::create().col("product_group_id").col("product_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_group_products_product_group_id")
                            .from("product_group_products", "product_group_id")
                            .to("product_groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_group_products_product_id")
                            .from("product_group_products", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_group_products_product_id")
                    .table("product_group_products")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_images")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len_null("type", 32))
                    .col(string_len("path", 1024))
                    .col(integer("position").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_images_product_id")
                            .from("product_images", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_images_product_id")
                    .table("product_images")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_inventories")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(big_integer("inventory_source_id"))
                    .col(integer("qty").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_inventories_product_id")
                            .from("product_inventories", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_inventories_inventory_source_id")
                            .from("product_inventories", "inventory_source_id")
                            .to("inventory_sources", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_inventories_inventory_source_id")
                    .table("product_inventories")
                    .col("inventory_source_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_inventories_product_id")
                    .table("product_inventories")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_inventories_product_id_inventory_source_id")
                    .table("product_inventories")
                    .col("product_id")
                    .col("inventory_source_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_links")
                    .col(big_integer("product_id"))
                    .col(big_integer("linked_product_id"))
                    .col(string_len("kind", 16))
                    .col(integer("position").default(0))
                    .primary_key(Index::create().col("product_id").col("linked_product_id").col("kind"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_links_product_id")
                            .from("product_links", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_links_linked_product_id")
                            .from("product_links", "linked_product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_links_linked_product_id")
                    .table("product_links")
                    .col("linked_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_super_attributes")
                    .col(big_integer("product_id"))
                    .col(big_integer("attribute_id"))
                    .primary_key(Index::create().col("product_id").col("attribute_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_super_attributes_product_id")
                            .from("product_super_attributes", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_super_attributes_attribute_id")
                            .from("product_super_attributes", "attribute_id")
                            .to("attributes", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_super_attributes_attribute_id")
                    .table("product_super_attributes")
                    .col("attribute_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 255))
                    .col(string_len_null("url_key", 255))
                    .col(text_null("short_description"))
                    .col(text_null("description"))
                    .col(text_null("meta_title"))
                    .col(text_null("meta_keywords"))
                    .col(text_null("meta_description"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_translations_product_id")
                            .from("product_translations", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_translations_product_id")
                    .table("product_translations")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_translations_url_key")
                    .table("product_translations")
                    .col("url_key")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_translations_product_id_locale")
                    .table("product_translations")
                    .col("product_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_videos")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len_null("type", 32))
                    .col(string_len("path", 1024))
                    .col(integer("position").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_videos_product_id")
                            .from("product_videos", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_videos_product_id")
                    .table("product_videos")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("refunds")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("increment_id", 64))
                    .col(big_integer("order_id"))
                    .col(string_len("state", 32))
                    .col(boolean("email_sent").default(false))
                    .col(integer("total_qty"))
                    .col(string_len("base_currency_code", 3))
                    .col(string_len("channel_currency_code", 3))
                    .col(string_len("order_currency_code", 3))
                    .col(big_integer("sub_total"))
                    .col(big_integer("base_sub_total"))
                    .col(big_integer("grand_total"))
                    .col(big_integer("base_grand_total"))
                    .col(big_integer("shipping_amount"))
                    .col(big_integer("base_shipping_amount"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(big_integer("adjustment_refund"))
                    .col(big_integer("base_adjustment_refund"))
                    .col(big_integer("adjustment_fee"))
                    .col(big_integer("base_adjustment_fee"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refunds_order_id")
                            .from("refunds", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_refunds_order_id").table("refunds").col("order_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("shipments")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(integer("total_qty"))
                    .col(boolean("email_sent").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(string_len_null("status", 32))
                    .col(big_integer_null("total_weight"))
                    .col(string_len_null("carrier_code", 64))
                    .col(string_len_null("carrier_title", 191))
                    .col(string_len_null("track_number", 255))
                    .col(big_integer_null("inventory_source_id"))
                    .col(string_len_null("inventory_source_name", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shipments_order_id")
                            .from("shipments", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shipments_inventory_source_id")
                            .from("shipments", "inventory_source_id")
                            .to("inventory_sources", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_shipments_inventory_source_id")
                    .table("shipments")
                    .col("inventory_source_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_shipments_order_id").table("shipments").col("order_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("addresses")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("address_type", 32))
                    .col(big_integer_null("customer_id"))
                    .col(big_integer_null("order_id"))
                    .col(big_integer_null("parent_address_id"))
                    .col(string_len("first_name", 191))
                    .col(string_len("last_name", 191))
                    .col(string_len_null("gender", 16))
                    .col(string_len_null("company_name", 191))
                    .col(text("address"))
                    .col(string_len("city", 191))
                    .col(string_len_null("state", 191))
                    .col(string_len("country", 2))
                    .col(string_len_null("postcode", 32))
                    .col(string_len_null("email", 191))
                    .col(string_len_null("phone", 64))
                    .col(string_len_null("vat_id", 64))
                    .col(boolean("default_address").default(false))
                    .col(boolean("use_for_shipping").default(false))
                    .col(json_binary_null("additional"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_addresses_customer_id")
                            .from("addresses", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_addresses_order_id")
                            .from("addresses", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_addresses_parent_address_id")
                            .from("addresses", "parent_address_id")
                            .to("addresses", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_addresses_customer_id").table("addresses").col("customer_id").to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_addresses_order_id").table("addresses").col("order_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_addresses_order_id_address_type")
                    .table("addresses")
                    .col("order_id")
                    .col("address_type")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_addresses_parent_address_id")
                    .table("addresses")
                    .col("parent_address_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attribute_option_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("attribute_option_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("label", 191))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attribute_option_translations_attribute_option_id")
                            .from("attribute_option_translations", "attribute_option_id")
                            .to("attribute_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attribute_option_translations_attribute_option_id")
                    .table("attribute_option_translations")
                    .col("attribute_option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_attribute_option_translations_attribute_option_id_locale")
                    .table("attribute_option_translations")
                    .col("attribute_option_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channel_currencies")
                    .col(big_integer("channel_id"))
                    .col(big_integer("currency_id"))
                    .primary_key(Index::create().col("channel_id").col("currency_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_currencies_channel_id")
                            .from("channel_currencies", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_currencies_currency_id")
                            .from("channel_currencies", "currency_id")
                            .to("currencies", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channel_currencies_currency_id")
                    .table("channel_currencies")
                    .col("currency_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channel_inventory_sources")
                    .col(big_integer("channel_id"))
                    .col(big_integer("inventory_source_id"))
                    .primary_key(Index::create().col("channel_id").col("inventory_source_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_inventory_sources_channel_id")
                            .from("channel_inventory_sources", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_inventory_sources_inventory_source_id")
                            .from("channel_inventory_sources", "inventory_source_id")
                            .to("inventory_sources", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channel_inventory_sources_inventory_source_id")
                    .table("channel_inventory_sources")
                    .col("inventory_source_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channel_locales")
                    .col(big_integer("channel_id"))
                    .col(big_integer("locale_id"))
                    .primary_key(Index::create().col("channel_id").col("locale_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_locales_channel_id")
                            .from("channel_locales", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_locales_locale_id")
                            .from("channel_locales", "locale_id")
                            .to("locales", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channel_locales_locale_id")
                    .table("channel_locales")
                    .col("locale_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channel_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("channel_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 191))
                    .col(text_null("description"))
                    .col(text_null("maintenance_mode_text"))
                    .col(json_binary_null("home_seo"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_translations_channel_id")
                            .from("channel_translations", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_channel_translations_channel_id")
                    .table("channel_translations")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_channel_translations_channel_id_locale")
                    .table("channel_translations")
                    .col("channel_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invoices")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("increment_id", 64))
                    .col(big_integer("order_id"))
                    .col(string_len("state", 32))
                    .col(boolean("email_sent").default(false))
                    .col(integer("total_qty"))
                    .col(string_len("base_currency_code", 3))
                    .col(string_len("channel_currency_code", 3))
                    .col(string_len("order_currency_code", 3))
                    .col(big_integer("sub_total"))
                    .col(big_integer("base_sub_total"))
                    .col(big_integer("grand_total"))
                    .col(big_integer("base_grand_total"))
                    .col(big_integer("shipping_amount"))
                    .col(big_integer("base_shipping_amount"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(integer("reminders").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(string_len_null("transaction_id", 255))
                    .col(timestamp_with_time_zone_null("next_reminder_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invoices_order_id")
                            .from("invoices", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_invoices_order_id").table("invoices").col("order_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("order_comments")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(text("comment"))
                    .col(boolean("customer_notified").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_comments_order_id")
                            .from("order_comments", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_comments_order_id").table("order_comments").col("order_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("order_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(string_len("sku", 191))
                    .col(string_len("type", 32))
                    .col(string_len("name", 255))
                    .col(integer("qty_ordered"))
                    .col(integer("qty_shipped").default(0))
                    .col(integer("qty_invoiced").default(0))
                    .col(integer("qty_canceled").default(0))
                    .col(integer("qty_refunded").default(0))
                    .col(big_integer("price"))
                    .col(big_integer("base_price"))
                    .col(big_integer("total"))
                    .col(big_integer("base_total"))
                    .col(big_integer("total_invoiced"))
                    .col(big_integer("base_total_invoiced"))
                    .col(big_integer("amount_refunded"))
                    .col(big_integer("base_amount_refunded"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("tax_percent"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(big_integer_null("product_id"))
                    .col(big_integer_null("parent_id"))
                    .col(big_integer_null("weight"))
                    .col(json_binary_null("additional"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_items_order_id")
                            .from("order_items", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_items_product_id")
                            .from("order_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_items_parent_id")
                            .from("order_items", "parent_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_items_order_id").table("order_items").col("order_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_items_parent_id").table("order_items").col("parent_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_items_product_id").table("order_items").col("product_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("order_payments")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(string_len("method", 64))
                    .col(string_len("method_title", 191))
                    .col(string_len("status", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone_null("paid_at"))
                    .col(string_len_null("reference", 255))
                    .col(timestamp_with_time_zone_null("refunded_at"))
                    .col(text_null("refund_reason"))
                    .col(json_binary_null("additional"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_payments_order_id")
                            .from("order_payments", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_payments_order_id").table("order_payments").col("order_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_order_payments_order_id")
                    .table("order_payments")
                    .col("order_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("refund_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("refund_id"))
                    .col(big_integer("order_item_id"))
                    .col(string_len("sku", 191))
                    .col(string_len("name", 255))
                    .col(integer("qty"))
                    .col(big_integer("price"))
                    .col(big_integer("base_price"))
                    .col(big_integer("total"))
                    .col(big_integer("base_total"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(big_integer_null("product_id"))
                    .col(json_binary_null("additional"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refund_items_refund_id")
                            .from("refund_items", "refund_id")
                            .to("refunds", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refund_items_order_item_id")
                            .from("refund_items", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refund_items_product_id")
                            .from("refund_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_refund_items_order_item_id")
                    .table("refund_items")
                    .col("order_item_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_refund_items_product_id").table("refund_items").col("product_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_refund_items_refund_id").table("refund_items").col("refund_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("shipment_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("shipment_id"))
                    .col(big_integer("order_item_id"))
                    .col(string_len("sku", 191))
                    .col(string_len("name", 255))
                    .col(integer("qty"))
                    .col(big_integer("price"))
                    .col(big_integer("base_price"))
                    .col(big_integer("total"))
                    .col(big_integer("base_total"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(big_integer_null("product_id"))
                    .col(big_integer_null("weight"))
                    .col(json_binary_null("additional"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shipment_items_shipment_id")
                            .from("shipment_items", "shipment_id")
                            .to("shipments", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shipment_items_order_item_id")
                            .from("shipment_items", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shipment_items_product_id")
                            .from("shipment_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_shipment_items_order_item_id")
                    .table("shipment_items")
                    .col("order_item_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_shipment_items_product_id")
                    .table("shipment_items")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_shipment_items_shipment_id")
                    .table("shipment_items")
                    .col("shipment_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invoice_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("invoice_id"))
                    .col(big_integer("order_item_id"))
                    .col(string_len("sku", 191))
                    .col(string_len("name", 255))
                    .col(integer("qty"))
                    .col(big_integer("price"))
                    .col(big_integer("base_price"))
                    .col(big_integer("total"))
                    .col(big_integer("base_total"))
                    .col(big_integer("tax_amount"))
                    .col(big_integer("base_tax_amount"))
                    .col(big_integer("discount_amount"))
                    .col(big_integer("base_discount_amount"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(big_integer_null("product_id"))
                    .col(json_binary_null("additional"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invoice_items_invoice_id")
                            .from("invoice_items", "invoice_id")
                            .to("invoices", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invoice_items_order_item_id")
                            .from("invoice_items", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invoice_items_product_id")
                            .from("invoice_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_invoice_items_invoice_id").table("invoice_items").col("invoice_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_invoice_items_order_item_id")
                    .table("invoice_items")
                    .col("order_item_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_invoice_items_product_id").table("invoice_items").col("product_id").to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("invoice_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("shipment_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("refund_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("order_payments").to_owned()).await?;
        manager.drop_table(Table::drop().table("order_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("order_comments").to_owned()).await?;
        manager.drop_table(Table::drop().table("invoices").to_owned()).await?;
        manager.drop_table(Table::drop().table("channel_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("channel_locales").to_owned()).await?;
        manager.drop_table(Table::drop().table("channel_inventory_sources").to_owned()).await?;
        manager.drop_table(Table::drop().table("channel_currencies").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_option_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("addresses").to_owned()).await?;
        manager.drop_table(Table::drop().table("shipments").to_owned()).await?;
        manager.drop_table(Table::drop().table("refunds").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_videos").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_super_attributes").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_links").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_inventories").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_images").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_group_products").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_channels").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_categories").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_attribute_values").to_owned()).await?;
        manager.drop_table(Table::drop().table("orders").to_owned()).await?;
        manager.drop_table(Table::drop().table("oauth_access_tokens").to_owned()).await?;
        manager.drop_table(Table::drop().table("customers").to_owned()).await?;
        manager.drop_table(Table::drop().table("country_state_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("channels").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_options").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_group_mappings").to_owned()).await?;
        manager.drop_table(Table::drop().table("shipping_methods").to_owned()).await?;
        manager.drop_table(Table::drop().table("products").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_groups").to_owned()).await?;
        manager.drop_table(Table::drop().table("payment_methods").to_owned()).await?;
        manager.drop_table(Table::drop().table("oauth_clients").to_owned()).await?;
        manager.drop_table(Table::drop().table("locales").to_owned()).await?;
        manager.drop_table(Table::drop().table("inventory_sources").to_owned()).await?;
        manager.drop_table(Table::drop().table("fulfilment_statuses").to_owned()).await?;
        manager.drop_table(Table::drop().table("exchange_rates").to_owned()).await?;
        manager.drop_table(Table::drop().table("customer_groups").to_owned()).await?;
        manager.drop_table(Table::drop().table("currencies").to_owned()).await?;
        manager.drop_table(Table::drop().table("country_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("country_states").to_owned()).await?;
        manager.drop_table(Table::drop().table("countries").to_owned()).await?;
        manager.drop_table(Table::drop().table("core_config").to_owned()).await?;
        manager.drop_table(Table::drop().table("category_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("category_filterable_attributes").to_owned()).await?;
        manager.drop_table(Table::drop().table("categories").to_owned()).await?;
        manager.drop_table(Table::drop().table("attributes").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_groups").to_owned()).await?;
        manager.drop_table(Table::drop().table("attribute_families").to_owned()).await?;
        Ok(())
    }
}
