//! Promotions: cart rules, their coupons, and how often a customer used each coupon.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("cart_rules")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("name", 191))
                    .col(string_len_null("description", 1000))
                    .col(boolean("status").default(true))
                    .col(string_len("action_type", 32))
                    .col(big_integer("discount_amount"))
                    .col(boolean("free_shipping").default(false))
                    .col(big_integer_null("min_subtotal"))
                    .col(date_null("starts_from"))
                    .col(date_null("ends_till"))
                    .col(integer("usage_limit").default(0))
                    .col(integer("uses_per_customer").default(0))
                    .col(integer("times_used").default(0))
                    .col(integer("sort_order").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cart_rule_coupons")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("cart_rule_id"))
                    .col(string_len("code", 100))
                    .col(integer("usage_limit").default(0))
                    .col(integer("usage_per_customer").default(0))
                    .col(integer("times_used").default(0))
                    .col(date_null("expired_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_rule_coupons_cart_rule_id")
                            .from("cart_rule_coupons", "cart_rule_id")
                            .to("cart_rules", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cart_rule_coupons_cart_rule_id")
                    .table("cart_rule_coupons")
                    .col("cart_rule_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_cart_rule_coupons_code")
                    .table("cart_rule_coupons")
                    .col("code")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cart_rule_coupon_usage")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("cart_rule_coupon_id"))
                    .col(big_integer("customer_id"))
                    .col(integer("times_used").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_rule_coupon_usage_cart_rule_coupon_id")
                            .from("cart_rule_coupon_usage", "cart_rule_coupon_id")
                            .to("cart_rule_coupons", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_rule_coupon_usage_customer_id")
                            .from("cart_rule_coupon_usage", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cart_rule_coupon_usage_cart_rule_coupon_id")
                    .table("cart_rule_coupon_usage")
                    .col("cart_rule_coupon_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cart_rule_coupon_usage_customer_id")
                    .table("cart_rule_coupon_usage")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_cart_rule_coupon_usage_cart_rule_coupon_id_customer_id")
                    .table("cart_rule_coupon_usage")
                    .col("cart_rule_coupon_id")
                    .col("customer_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("cart_rule_coupon_usage").to_owned()).await?;
        manager.drop_table(Table::drop().table("cart_rule_coupons").to_owned()).await?;
        manager.drop_table(Table::drop().table("cart_rules").to_owned()).await?;
        Ok(())
    }
}
