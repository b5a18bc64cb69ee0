//! Bagisto storefront tables: product type data (customer-group prices, customizable options,
//! bundle, grouped, downloadable and booking configuration), reviews, CMS pages, theme
//! customizations, and storefront keys with their rate-limit windows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("booking_products")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("type", 16))
                    .col(integer("qty").default(0))
                    .col(string_len_null("location", 255))
                    .col(boolean("show_location").default(false))
                    .col(boolean("available_every_week").default(true))
                    .col(timestamp_with_time_zone_null("available_from"))
                    .col(timestamp_with_time_zone_null("available_to"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_products_product_id")
                            .from("booking_products", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_products_product_id")
                    .table("booking_products")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_products_product_id")
                    .table("booking_products")
                    .col("product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cms_pages")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len_null("layout", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_bundle_options")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("type", 32))
                    .col(boolean("is_required").default(true))
                    .col(integer("sort_order").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_bundle_options_product_id")
                            .from("product_bundle_options", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_bundle_options_product_id")
                    .table("product_bundle_options")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_customer_group_prices")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(big_integer_null("customer_group_id"))
                    .col(integer("qty").default(1))
                    .col(string_len("value_type", 16))
                    .col(big_integer("value"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_customer_group_prices_product_id")
                            .from("product_customer_group_prices", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_customer_group_prices_customer_group_id")
                            .from("product_customer_group_prices", "customer_group_id")
                            .to("customer_groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_customer_group_prices_customer_group_id")
                    .table("product_customer_group_prices")
                    .col("customer_group_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_customer_group_prices_product_id")
                    .table("product_customer_group_prices")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_customer_group_prices_product_id_customer_group_id_qty")
                    .table("product_customer_group_prices")
                    .col("product_id")
                    .col("customer_group_id")
                    .col("qty")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_customizable_options")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("type", 32))
                    .col(boolean("is_required").default(false))
                    .col(integer("sort_order").default(0))
                    .col(integer_null("max_characters"))
                    .col(string_len_null("supported_file_extensions", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_customizable_options_product_id")
                            .from("product_customizable_options", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_customizable_options_product_id")
                    .table("product_customizable_options")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_downloadable_links")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("type", 16))
                    .col(string_len_null("url", 2048))
                    .col(string_len_null("file", 1024))
                    .col(string_len_null("file_name", 255))
                    .col(big_integer("price"))
                    .col(string_len_null("sample_type", 16))
                    .col(string_len_null("sample_url", 2048))
                    .col(string_len_null("sample_file", 1024))
                    .col(string_len_null("sample_file_name", 255))
                    .col(integer("downloads").default(0))
                    .col(integer("sort_order").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_downloadable_links_product_id")
                            .from("product_downloadable_links", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_downloadable_links_product_id")
                    .table("product_downloadable_links")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_downloadable_samples")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(string_len("type", 16))
                    .col(string_len_null("url", 2048))
                    .col(string_len_null("file", 1024))
                    .col(string_len_null("file_name", 255))
                    .col(integer("sort_order").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_downloadable_samples_product_id")
                            .from("product_downloadable_samples", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_downloadable_samples_product_id")
                    .table("product_downloadable_samples")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_grouped_products")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(big_integer("associated_product_id"))
                    .col(integer("qty").default(1))
                    .col(integer("sort_order").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_grouped_products_product_id")
                            .from("product_grouped_products", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_grouped_products_associated_product_id")
                            .from("product_grouped_products", "associated_product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_grouped_products_associated_product_id")
                    .table("product_grouped_products")
                    .col("associated_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_grouped_products_product_id")
                    .table("product_grouped_products")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_grouped_products_product_id_associated_product_id")
                    .table("product_grouped_products")
                    .col("product_id")
                    .col("associated_product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_reviews")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_id"))
                    .col(big_integer_null("customer_id"))
                    .col(string_len("name", 191))
                    .col(string_len("title", 255))
                    .col(text("comment"))
                    .col(integer("rating"))
                    .col(string_len("status", 16).default("pending"))
                    .col(integer("helpful").default(0))
                    .col(integer("unhelpful").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_reviews_product_id")
                            .from("product_reviews", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_reviews_customer_id")
                            .from("product_reviews", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_reviews_customer_id")
                    .table("product_reviews")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_reviews_product_id")
                    .table("product_reviews")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_reviews_product_id_status")
                    .table("product_reviews")
                    .col("product_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("storefront_keys")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("name", 191))
                    .col(string_len("key_hash", 64))
                    .col(string_len("key_prefix", 32))
                    .col(integer_null("rate_limit"))
                    .col(boolean("is_active").default(true))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone_null("deactivated_at"))
                    .col(string_len_null("deactivation_reason", 255))
                    .col(big_integer_null("replaced_by_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_storefront_keys_replaced_by_id")
                            .from("storefront_keys", "replaced_by_id")
                            .to("storefront_keys", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_storefront_keys_replaced_by_id")
                    .table("storefront_keys")
                    .col("replaced_by_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_storefront_keys_key_hash")
                    .table("storefront_keys")
                    .col("key_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("theme_customizations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("theme_code", 64).default("default"))
                    .col(big_integer("channel_id"))
                    .col(string_len("type", 32))
                    .col(string_len("name", 191))
                    .col(integer("sort_order").default(0))
                    .col(boolean("status").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_theme_customizations_channel_id")
                            .from("theme_customizations", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_theme_customizations_channel_id")
                    .table("theme_customizations")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_theme_customizations_channel_id_theme_code_sort_order")
                    .table("theme_customizations")
                    .col("channel_id")
                    .col("theme_code")
                    .col("sort_order")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_appointment_slots")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_id"))
                    .col(integer("duration"))
                    .col(integer("break_time"))
                    .col(boolean("same_slot_all_days").default(true))
                    .col(json_binary("slots"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_appointment_slots_booking_product_id")
                            .from("booking_product_appointment_slots", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_appointment_slots_booking_product_id")
                    .table("booking_product_appointment_slots")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_product_appointment_slots_booking_product_id")
                    .table("booking_product_appointment_slots")
                    .col("booking_product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_default_slots")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_id"))
                    .col(string_len("booking_type", 8))
                    .col(integer_null("duration"))
                    .col(integer_null("break_time"))
                    .col(json_binary("slots"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_default_slots_booking_product_id")
                            .from("booking_product_default_slots", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_default_slots_booking_product_id")
                    .table("booking_product_default_slots")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_product_default_slots_booking_product_id")
                    .table("booking_product_default_slots")
                    .col("booking_product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_event_tickets")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_id"))
                    .col(big_integer("price"))
                    .col(integer("qty").default(0))
                    .col(big_integer_null("special_price"))
                    .col(timestamp_with_time_zone_null("special_price_from"))
                    .col(timestamp_with_time_zone_null("special_price_to"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_event_tickets_booking_product_id")
                            .from("booking_product_event_tickets", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_event_tickets_booking_product_id")
                    .table("booking_product_event_tickets")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_rental_slots")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_id"))
                    .col(string_len("renting_type", 16))
                    .col(big_integer_null("daily_price"))
                    .col(big_integer_null("hourly_price"))
                    .col(boolean("same_slot_all_days").default(true))
                    .col(json_binary("slots"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_rental_slots_booking_product_id")
                            .from("booking_product_rental_slots", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_rental_slots_booking_product_id")
                    .table("booking_product_rental_slots")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_product_rental_slots_booking_product_id")
                    .table("booking_product_rental_slots")
                    .col("booking_product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_table_slots")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_id"))
                    .col(string_len("price_type", 16))
                    .col(integer("guest_limit").default(2))
                    .col(integer("duration"))
                    .col(integer("break_time"))
                    .col(integer("prevent_scheduling_before").default(0))
                    .col(boolean("same_slot_all_days").default(true))
                    .col(json_binary("slots"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_table_slots_booking_product_id")
                            .from("booking_product_table_slots", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_table_slots_booking_product_id")
                    .table("booking_product_table_slots")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_product_table_slots_booking_product_id")
                    .table("booking_product_table_slots")
                    .col("booking_product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cms_page_channels")
                    .col(big_integer("cms_page_id"))
                    .col(big_integer("channel_id"))
                    .primary_key(Index::create().col("cms_page_id").col("channel_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cms_page_channels_cms_page_id")
                            .from("cms_page_channels", "cms_page_id")
                            .to("cms_pages", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cms_page_channels_channel_id")
                            .from("cms_page_channels", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cms_page_channels_channel_id")
                    .table("cms_page_channels")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cms_page_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("cms_page_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("url_key", 191))
                    .col(string_len("page_title", 255))
                    .col(text("html_content"))
                    .col(text_null("meta_title"))
                    .col(text_null("meta_keywords"))
                    .col(text_null("meta_description"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cms_page_translations_cms_page_id")
                            .from("cms_page_translations", "cms_page_id")
                            .to("cms_pages", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cms_page_translations_cms_page_id")
                    .table("cms_page_translations")
                    .col("cms_page_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cms_page_translations_url_key")
                    .table("cms_page_translations")
                    .col("url_key")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_cms_page_translations_cms_page_id_locale")
                    .table("cms_page_translations")
                    .col("cms_page_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_bundle_option_products")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_bundle_option_id"))
                    .col(big_integer("product_id"))
                    .col(integer("qty").default(1))
                    .col(boolean("is_user_defined").default(true))
                    .col(boolean("is_default").default(false))
                    .col(integer("sort_order").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_bundle_option_products_product_bundle_option_id")
                            .from("product_bundle_option_products", "product_bundle_option_id")
                            .to("product_bundle_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_bundle_option_products_product_id")
                            .from("product_bundle_option_products", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_bundle_option_products_product_bundle_option_id")
                    .table("product_bundle_option_products")
                    .col("product_bundle_option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_bundle_option_products_product_id")
                    .table("product_bundle_option_products")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_bundle_option_products_product_bundle_option_id_product_id")
                    .table("product_bundle_option_products")
                    .col("product_bundle_option_id")
                    .col("product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_bundle_option_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_bundle_option_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("label", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_bundle_option_translations_product_bundle_option_id")
                            .from("product_bundle_option_translations", "product_bundle_option_id")
                            .to("product_bundle_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_bundle_option_translations_product_bundle_option_id")
                    .table("product_bundle_option_translations")
                    .col("product_bundle_option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_bundle_option_translations_product_bundle_option_id_locale")
                    .table("product_bundle_option_translations")
                    .col("product_bundle_option_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_customizable_option_prices")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_customizable_option_id"))
                    .col(string_len_null("label", 255))
                    .col(big_integer("price"))
                    .col(string_len("price_type", 16))
                    .col(integer("sort_order").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_customizable_option_prices_product_customizable_option_id")
                            .from("product_customizable_option_prices", "product_customizable_option_id")
                            .to("product_customizable_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_customizable_option_prices_product_customizable_option_id")
                    .table("product_customizable_option_prices")
                    .col("product_customizable_option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_customizable_option_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_customizable_option_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("label", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_customizable_option_translations_product_customizable_option_id")
                            .from("product_customizable_option_translations", "product_customizable_option_id")
                            .to("product_customizable_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_customizable_option_translations_product_customizable_option_id")
                    .table("product_customizable_option_translations")
                    .col("product_customizable_option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_customizable_option_translations_product_customizable_option_id_locale")
                    .table("product_customizable_option_translations")
                    .col("product_customizable_option_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_downloadable_link_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_downloadable_link_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("title", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_downloadable_link_translations_product_downloadable_link_id")
                            .from("product_downloadable_link_translations", "product_downloadable_link_id")
                            .to("product_downloadable_links", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_downloadable_link_translations_product_downloadable_link_id")
                    .table("product_downloadable_link_translations")
                    .col("product_downloadable_link_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_downloadable_link_translations_product_downloadable_link_id_locale")
                    .table("product_downloadable_link_translations")
                    .col("product_downloadable_link_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_downloadable_sample_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_downloadable_sample_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("title", 255))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_downloadable_sample_translations_product_downloadable_sample_id")
                            .from("product_downloadable_sample_translations", "product_downloadable_sample_id")
                            .to("product_downloadable_samples", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_downloadable_sample_translations_product_downloadable_sample_id")
                    .table("product_downloadable_sample_translations")
                    .col("product_downloadable_sample_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_product_downloadable_sample_translations_product_downloadable_sample_id_locale")
                    .table("product_downloadable_sample_translations")
                    .col("product_downloadable_sample_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("product_review_attachments")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("product_review_id"))
                    .col(string_len("type", 16))
                    .col(string_len_null("mime_type", 64))
                    .col(string_len("path", 1024))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_review_attachments_product_review_id")
                            .from("product_review_attachments", "product_review_id")
                            .to("product_reviews", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_review_attachments_product_review_id")
                    .table("product_review_attachments")
                    .col("product_review_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("storefront_key_windows")
                    .col(big_integer("storefront_key_id"))
                    .col(big_integer("window_start"))
                    .col(integer("requests").default(0))
                    .primary_key(Index::create().col("storefront_key_id").col("window_start"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_storefront_key_windows_storefront_key_id")
                            .from("storefront_key_windows", "storefront_key_id")
                            .to("storefront_keys", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("theme_customization_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("theme_customization_id"))
                    .col(string_len("locale", 16))
                    .col(json_binary("options"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_theme_customization_translations_theme_customization_id")
                            .from("theme_customization_translations", "theme_customization_id")
                            .to("theme_customizations", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_theme_customization_translations_theme_customization_id")
                    .table("theme_customization_translations")
                    .col("theme_customization_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_theme_customization_translations_theme_customization_id_locale")
                    .table("theme_customization_translations")
                    .col("theme_customization_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("booking_product_event_ticket_translations")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("booking_product_event_ticket_id"))
                    .col(string_len("locale", 16))
                    .col(string_len("name", 255))
                    .col(text_null("description"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_product_event_ticket_translations_booking_product_event_ticket_id")
                            .from("booking_product_event_ticket_translations", "booking_product_event_ticket_id")
                            .to("booking_product_event_tickets", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_product_event_ticket_translations_booking_product_event_ticket_id")
                    .table("booking_product_event_ticket_translations")
                    .col("booking_product_event_ticket_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_booking_product_event_ticket_translations_booking_product_event_ticket_id_locale")
                    .table("booking_product_event_ticket_translations")
                    .col("booking_product_event_ticket_id")
                    .col("locale")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("booking_product_event_ticket_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("theme_customization_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("storefront_key_windows").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_review_attachments").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_downloadable_sample_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_downloadable_link_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_customizable_option_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_customizable_option_prices").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_bundle_option_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_bundle_option_products").to_owned()).await?;
        manager.drop_table(Table::drop().table("cms_page_translations").to_owned()).await?;
        manager.drop_table(Table::drop().table("cms_page_channels").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_product_table_slots").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_product_rental_slots").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_product_event_tickets").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_product_default_slots").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_product_appointment_slots").to_owned()).await?;
        manager.drop_table(Table::drop().table("theme_customizations").to_owned()).await?;
        manager.drop_table(Table::drop().table("storefront_keys").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_reviews").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_grouped_products").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_downloadable_samples").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_downloadable_links").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_customizable_options").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_customer_group_prices").to_owned()).await?;
        manager.drop_table(Table::drop().table("product_bundle_options").to_owned()).await?;
        manager.drop_table(Table::drop().table("cms_pages").to_owned()).await?;
        manager.drop_table(Table::drop().table("booking_products").to_owned()).await?;
        Ok(())
    }
}
