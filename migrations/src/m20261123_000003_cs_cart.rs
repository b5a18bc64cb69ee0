//! CS-Cart API: administrators with API keys, the merchant order statuses (CS-Cart's eight
//! defaults, each mapped onto the core order, fulfilment and payment states), their history,
//! the store columns a CS-Cart store has (secure storefront, countries) and order columns for
//! the issuing admin and staff notes. New tables scaffolded by `cargo xtask scaffold-migration`.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, name, order status, fulfilment status, payment status, holds inventory)
type StatusRow = (&'static str, &'static str, &'static str, Option<&'static str>, Option<&'static str>, bool);

const STATUSES: &[StatusRow] = &[
    ("P", "Processed", "processing", Some("processing"), Some("paid"), true),
    ("C", "Complete", "completed", Some("delivered"), Some("paid"), true),
    ("O", "Open", "pending", Some("incomplete"), Some("pending"), true),
    ("F", "Failed", "canceled", Some("nodelivery"), Some("failed"), false),
    ("D", "Declined", "fraud", Some("nodelivery"), Some("failed"), false),
    ("B", "Backordered", "processing", Some("incomplete"), Some("paid"), true),
    ("I", "Canceled", "canceled", Some("nodelivery"), None, false),
    ("Y", "Awaiting call", "pending_payment", Some("incomplete"), Some("pending"), true),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("admins")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("name", 191))
                    .col(string_len("email", 191))
                    .col(string_len_null("api_key_hash", 64))
                    .col(string_len_null("password_hash", 255))
                    .col(boolean("status").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_admins_api_key_hash").table("admins").col("api_key_hash").unique().to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_admins_email").table("admins").col("email").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("channel_countries")
                    .col(big_integer("channel_id"))
                    .col(string_len("country_code", 2))
                    .primary_key(Index::create().col("channel_id").col("country_code"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_channel_countries_channel_id")
                            .from("channel_countries", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("order_status_history")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("order_id"))
                    .col(string_len("status_code", 8))
                    .col(string_len_null("previous_status_code", 8))
                    .col(string_len("order_status", 32))
                    .col(string_len("fulfilment_status", 64))
                    .col(string_len("payment_status", 32))
                    .col(boolean("notify_customer").default(false))
                    .col(boolean("notify_department").default(false))
                    .col(boolean("notify_vendor").default(false))
                    .col(big_integer_null("admin_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_status_history_order_id")
                            .from("order_status_history", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_status_history_admin_id")
                            .from("order_status_history", "admin_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_status_history_admin_id")
                    .table("order_status_history")
                    .col("admin_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_status_history_order_id")
                    .table("order_status_history")
                    .col("order_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("order_statuses")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 8))
                    .col(string_len("name", 191))
                    .col(string_len("order_status", 32))
                    .col(string_len_null("fulfilment_status", 64))
                    .col(string_len_null("payment_status", 32))
                    .col(boolean("holds_inventory").default(true))
                    .col(integer("position").default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_statuses_fulfilment_status")
                            .from("order_statuses", "fulfilment_status")
                            .to("fulfilment_statuses", "handle")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_statuses_fulfilment_status")
                    .table("order_statuses")
                    .col("fulfilment_status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_order_statuses_code").table("order_statuses").col("code").unique().to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table("order_statuses").columns([
            "code",
            "name",
            "order_status",
            "fulfilment_status",
            "payment_status",
            "holds_inventory",
            "position",
        ]);
        for ((code, name, order, fulfilment, payment, holds), position) in STATUSES.iter().zip(1_i32..) {
            insert.values_panic([
                (*code).into(),
                (*name).into(),
                (*order).into(),
                (*fulfilment).into(),
                (*payment).into(),
                (*holds).into(),
                position.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .alter_table(
                Table::alter().table("orders").add_column(string_len("status_code", 8).default("O")).to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table("orders").add_column(text_null("admin_notes")).to_owned()).await?;
        // SQLite cannot add a foreign key with ALTER TABLE ... ADD CONSTRAINT, but accepts one
        // inline on a new nullable column; PostgreSQL accepts the same statement.
        let bigint = if manager.get_database_backend() == DbBackend::Sqlite { "integer" } else { "bigint" };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "ALTER TABLE orders ADD COLUMN issuer_id {bigint} NULL REFERENCES admins (id) ON DELETE SET NULL"
            ))
            .await?;
        // Existing orders get the code their lifecycle status maps to.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE orders SET status_code = CASE status WHEN 'processing' THEN 'P' WHEN 'completed' THEN 'C' \
                 WHEN 'closed' THEN 'C' WHEN 'canceled' THEN 'I' WHEN 'fraud' THEN 'D' \
                 WHEN 'pending_payment' THEN 'Y' ELSE 'O' END",
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_orders_status_code").table("orders").col("status_code").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("ix_orders_issuer_id").table("orders").col("issuer_id").to_owned())
            .await?;

        manager
            .alter_table(
                Table::alter().table("channels").add_column(string_len_null("secure_hostname", 255)).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_channels_hostname").table("channels").col("hostname").unique().to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("uq_channels_hostname").table("channels").to_owned()).await?;
        manager.alter_table(Table::alter().table("channels").drop_column("secure_hostname").to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_orders_issuer_id").table("orders").to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_orders_status_code").table("orders").to_owned()).await?;
        for column in ["issuer_id", "admin_notes", "status_code"] {
            manager.alter_table(Table::alter().table("orders").drop_column(column).to_owned()).await?;
        }
        for table in ["order_status_history", "order_statuses", "channel_countries", "admins"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
