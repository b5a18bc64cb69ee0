//! Bookings held by orders (Bagisto's `bookings`): each order line of a booking product
//! records the slot, rental period or event ticket it takes, so availability counts it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("bookings")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(big_integer("order_item_id"))
                    .col(big_integer("booking_product_id"))
                    .col(big_integer_null("ticket_id"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(integer("qty"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_order_id")
                            .from("bookings", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_order_item_id")
                            .from("bookings", "order_item_id")
                            .to("order_items", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_booking_product_id")
                            .from("bookings", "booking_product_id")
                            .to("booking_products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_ticket_id")
                            .from("bookings", "ticket_id")
                            .to("booking_product_event_tickets", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_booking_product_id")
                    .table("bookings")
                    .col("booking_product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_booking_product_id_starts_at")
                    .table("bookings")
                    .col("booking_product_id")
                    .col("starts_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_bookings_order_id").table("bookings").col("order_id").to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("ix_bookings_order_item_id").table("bookings").col("order_item_id").to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_bookings_ticket_id").table("bookings").col("ticket_id").to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("bookings").to_owned()).await?;
        Ok(())
    }
}
