//! Wishlists and compare lists: the products a signed-in customer keeps for later.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("compare_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("customer_id"))
                    .col(big_integer("product_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compare_items_customer_id")
                            .from("compare_items", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compare_items_product_id")
                            .from("compare_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_compare_items_customer_id")
                    .table("compare_items")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_compare_items_product_id").table("compare_items").col("product_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_compare_items_customer_id_product_id")
                    .table("compare_items")
                    .col("customer_id")
                    .col("product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("wishlist_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("channel_id"))
                    .col(big_integer("customer_id"))
                    .col(big_integer("product_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wishlist_items_channel_id")
                            .from("wishlist_items", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wishlist_items_customer_id")
                            .from("wishlist_items", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wishlist_items_product_id")
                            .from("wishlist_items", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wishlist_items_channel_id")
                    .table("wishlist_items")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wishlist_items_customer_id")
                    .table("wishlist_items")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wishlist_items_product_id")
                    .table("wishlist_items")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_wishlist_items_customer_id_channel_id_product_id")
                    .table("wishlist_items")
                    .col("customer_id")
                    .col("channel_id")
                    .col("product_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("wishlist_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("compare_items").to_owned()).await?;
        Ok(())
    }
}
