//! Downloadable products in carts and orders: the links a cart line chose, and the links an
//! order line bought with their download counts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("cart_items").add_column(string_len_null("download_links", 1024)).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("downloadable_link_purchased")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(big_integer("order_item_id"))
                    .col(big_integer_null("customer_id"))
                    .col(string_len("product_name", 255))
                    .col(string_len("name", 255))
                    .col(string_len("type", 16))
                    .col(string_len_null("url", 2048))
                    .col(string_len_null("file", 1024))
                    .col(string_len_null("file_name", 255))
                    .col(integer("download_bought"))
                    .col(integer("download_used").default(0))
                    .col(integer("download_canceled").default(0))
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_downloadable_link_purchased_order_id")
                            .from("downloadable_link_purchased", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_downloadable_link_purchased_order_item_id")
                            .from("downloadable_link_purchased", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_downloadable_link_purchased_customer_id")
                            .from("downloadable_link_purchased", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_downloadable_link_purchased_customer_id")
                    .table("downloadable_link_purchased")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_downloadable_link_purchased_customer_id_status")
                    .table("downloadable_link_purchased")
                    .col("customer_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_downloadable_link_purchased_order_id")
                    .table("downloadable_link_purchased")
                    .col("order_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_downloadable_link_purchased_order_item_id")
                    .table("downloadable_link_purchased")
                    .col("order_item_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("downloadable_link_purchased").to_owned()).await?;
        manager.alter_table(Table::alter().table("cart_items").drop_column("download_links").to_owned()).await?;
        Ok(())
    }
}
