//! Carts: carts, their lines and addresses, the answers remembered for idempotent requests,
//! and shipping methods offered only above a subtotal (free shipping over 200.00 by default,
//! as the demo orders have it).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("carts")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("channel_id"))
                    .col(big_integer_null("customer_id"))
                    .col(string_len_null("guest_token_hash", 64))
                    .col(boolean("is_active").default(true))
                    .col(string_len_null("coupon_code", 64))
                    .col(string_len_null("shipping_method_code", 64))
                    .col(string_len_null("payment_method_code", 64))
                    .col(big_integer_null("order_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_carts_channel_id")
                            .from("carts", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_carts_customer_id")
                            .from("carts", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_carts_order_id")
                            .from("carts", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_carts_channel_id").table("carts").col("channel_id").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_carts_customer_id").table("carts").col("customer_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_carts_customer_id_channel_id_is_active")
                    .table("carts")
                    .col("customer_id")
                    .col("channel_id")
                    .col("is_active")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_carts_order_id").table("carts").col("order_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_carts_guest_token_hash")
                    .table("carts")
                    .col("guest_token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("idempotent_answers")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("owner", 64))
                    .col(string_len("idempotency_key", 255))
                    .col(string_len("request_hash", 64))
                    .col(integer("status"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_idempotent_answers_created_at")
                    .table("idempotent_answers")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_idempotent_answers_owner_idempotency_key")
                    .table("idempotent_answers")
                    .col("owner")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cart_addresses")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("cart_id"))
                    .col(string_len("address_type", 16))
                    .col(string_len("first_name", 191))
                    .col(string_len("last_name", 191))
                    .col(string_len_null("company_name", 191))
                    .col(string_len("email", 191))
                    .col(text("address"))
                    .col(string_len("city", 191))
                    .col(string_len_null("state", 191))
                    .col(string_len("country", 2))
                    .col(string_len_null("postcode", 32))
                    .col(string_len("phone", 64))
                    .col(string_len_null("vat_id", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_addresses_cart_id")
                            .from("cart_addresses", "cart_id")
                            .to("carts", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_cart_addresses_cart_id").table("cart_addresses").col("cart_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_cart_addresses_cart_id_address_type")
                    .table("cart_addresses")
                    .col("cart_id")
                    .col("address_type")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cart_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("cart_id"))
                    .col(big_integer("product_id"))
                    .col(big_integer_null("variant_id"))
                    .col(integer("quantity"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_items_cart_id")
                            .from("cart_items", "cart_id")
                            .to("carts", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_items_product_id")
                            .from("cart_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_items_variant_id")
                            .from("cart_items", "variant_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_cart_items_cart_id").table("cart_items").col("cart_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("ix_cart_items_product_id").table("cart_items").col("product_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_cart_items_variant_id").table("cart_items").col("variant_id").to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("shipping_methods")
                    .add_column(ColumnDef::new("min_subtotal").big_integer().null())
                    .to_owned(),
            )
            .await?;
        // Money columns hold value × 10^4: 200.00 is 2000000.
        let free_over = Query::update()
            .table("shipping_methods")
            .value("min_subtotal", 2_000_000_i64)
            .and_where(Expr::col("code").eq("free_free"))
            .to_owned();
        manager.exec_stmt(free_over).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("shipping_methods").drop_column("min_subtotal").to_owned()).await?;
        manager.drop_table(Table::drop().table("cart_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("cart_addresses").to_owned()).await?;
        manager.drop_table(Table::drop().table("idempotent_answers").to_owned()).await?;
        manager.drop_table(Table::drop().table("carts").to_owned()).await?;
        Ok(())
    }
}
