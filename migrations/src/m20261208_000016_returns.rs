//! Customer returns (RMA): statuses and reasons as a fresh Bagisto installation seeds them,
//! returns, their lines and conversations; and the return window recorded on order lines.

use sea_orm::sea_query::SimpleExpr;
use sea_orm_migration::{prelude::*, schema::*};

use crate::install::{insert, now};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rma_reasons")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("title", 191))
                    .col(boolean("status").default(true))
                    .col(integer("position").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("rma_statuses")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("title", 191))
                    .col(string_len_null("color", 32))
                    .col(boolean("status").default(true))
                    .col(boolean("is_default").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("rma")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(big_integer("rma_status_id"))
                    .col(string_len_null("package_condition", 255))
                    .col(string_len_null("information", 5000))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_order_id")
                            .from("rma", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_rma_status_id")
                            .from("rma", "rma_status_id")
                            .to("rma_statuses", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("ix_rma_order_id").table("rma").col("order_id").to_owned()).await?;
        manager
            .create_index(Index::create().name("ix_rma_rma_status_id").table("rma").col("rma_status_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("rma_items")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("rma_id"))
                    .col(big_integer_null("rma_reason_id"))
                    .col(big_integer("order_item_id"))
                    .col(big_integer_null("variant_id"))
                    .col(integer("quantity"))
                    .col(string_len("resolution", 32))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_items_rma_id")
                            .from("rma_items", "rma_id")
                            .to("rma", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_items_rma_reason_id")
                            .from("rma_items", "rma_reason_id")
                            .to("rma_reasons", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_items_order_item_id")
                            .from("rma_items", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_items_variant_id")
                            .from("rma_items", "variant_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_rma_items_order_item_id").table("rma_items").col("order_item_id").to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_rma_items_rma_id").table("rma_items").col("rma_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("ix_rma_items_rma_reason_id").table("rma_items").col("rma_reason_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_rma_items_variant_id").table("rma_items").col("variant_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_rma_items_rma_id").table("rma_items").col("rma_id").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("rma_messages")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("rma_id"))
                    .col(string_len("message", 5000))
                    .col(boolean("is_admin"))
                    .col(string_len_null("attachment", 255))
                    .col(string_len_null("attachment_path", 2048))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_messages_rma_id")
                            .from("rma_messages", "rma_id")
                            .to("rma", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_rma_messages_rma_id").table("rma_messages").col("rma_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("rma_reason_resolutions")
                    .col(big_integer("rma_reason_id"))
                    .col(string_len("resolution_type", 32))
                    .primary_key(Index::create().col("rma_reason_id").col("resolution_type"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rma_reason_resolutions_rma_reason_id")
                            .from("rma_reason_resolutions", "rma_reason_id")
                            .to("rma_reasons", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(Table::alter().table("order_items").add_column(integer_null("rma_return_period")).to_owned())
            .await?;
        // Ids 1-9 are fixed: the code relies on them (5 to 9 are final).
        let statuses: [(&str, &str); 9] = [
            ("Pending Review", "#efb308"),
            ("Approved", "#12af56"),
            ("Awaiting Return", "#f59e0b"),
            ("Return In Transit", "#3b82f6"),
            ("Refunded", "#10b981"),
            ("Solved", "#47b84f"),
            ("Request Declined", "#e11d48"),
            ("Item Canceled", "#dc2626"),
            ("Request Canceled", "#991b1b"),
        ];
        let rows = statuses
            .iter()
            .map(|(title, color)| -> Vec<SimpleExpr> {
                vec![(*title).into(), (*color).into(), true.into(), true.into(), now(), now()]
            })
            .collect();
        insert(manager, "rma_statuses", &["title", "color", "status", "is_default", "created_at", "updated_at"], rows)
            .await?;
        let reasons = [
            "Manufacturer Defect",
            "Damaged During Shipping",
            "Wrong Description Online",
            "Dead On Arrival",
            "Product Not Received Yet",
        ];
        let rows = reasons
            .iter()
            .zip(1_i32..)
            .map(|(title, position)| -> Vec<SimpleExpr> {
                vec![(*title).into(), true.into(), position.into(), now(), now()]
            })
            .collect();
        insert(manager, "rma_reasons", &["title", "status", "position", "created_at", "updated_at"], rows).await?;
        let rows = (1..=5_i64)
            .flat_map(|id| ["return", "cancel_items"].map(|kind| -> Vec<SimpleExpr> { vec![id.into(), kind.into()] }))
            .collect();
        insert(manager, "rma_reason_resolutions", &["rma_reason_id", "resolution_type"], rows).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("rma_reason_resolutions").to_owned()).await?;
        manager.drop_table(Table::drop().table("rma_messages").to_owned()).await?;
        manager.drop_table(Table::drop().table("rma_items").to_owned()).await?;
        manager.drop_table(Table::drop().table("rma").to_owned()).await?;
        manager.drop_table(Table::drop().table("rma_statuses").to_owned()).await?;
        manager.drop_table(Table::drop().table("rma_reasons").to_owned()).await?;
        manager.alter_table(Table::alter().table("order_items").drop_column("rma_return_period").to_owned()).await?;
        Ok(())
    }
}
