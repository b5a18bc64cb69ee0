//! Privacy: customers' GDPR data requests and declarations of the EU right of withdrawal.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("eu_withdrawals")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("uuid", 36))
                    .col(big_integer("order_id"))
                    .col(big_integer_null("customer_id"))
                    .col(boolean("is_guest").default(false))
                    .col(string_len("customer_email", 191))
                    .col(big_integer("channel_id"))
                    .col(string_len("locale", 16))
                    .col(string_len_null("reason_text", 5000))
                    .col(timestamp_with_time_zone("received_at"))
                    .col(timestamp_with_time_zone_null("confirmation_sent_at"))
                    .col(timestamp_with_time_zone_null("final_confirmation_sent_at"))
                    .col(string_len_null("confirmation_error", 500))
                    .col(string_len("status", 30).default("received"))
                    .col(timestamp_with_time_zone_null("declined_at"))
                    .col(string_len_null("declined_reason", 500))
                    .col(big_integer_null("declined_by_user_id"))
                    .col(timestamp_with_time_zone_null("refunded_at"))
                    .col(big_integer_null("refunded_by_user_id"))
                    .col(string_len_null("refund_note", 500))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eu_withdrawals_order_id")
                            .from("eu_withdrawals", "order_id")
                            .to("orders", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eu_withdrawals_customer_id")
                            .from("eu_withdrawals", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eu_withdrawals_channel_id")
                            .from("eu_withdrawals", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eu_withdrawals_declined_by_user_id")
                            .from("eu_withdrawals", "declined_by_user_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_eu_withdrawals_refunded_by_user_id")
                            .from("eu_withdrawals", "refunded_by_user_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_channel_id")
                    .table("eu_withdrawals")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_channel_id_status")
                    .table("eu_withdrawals")
                    .col("channel_id")
                    .col("status")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_customer_id")
                    .table("eu_withdrawals")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_declined_by_user_id")
                    .table("eu_withdrawals")
                    .col("declined_by_user_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_eu_withdrawals_order_id").table("eu_withdrawals").col("order_id").to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_received_at")
                    .table("eu_withdrawals")
                    .col("received_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_eu_withdrawals_refunded_by_user_id")
                    .table("eu_withdrawals")
                    .col("refunded_by_user_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_eu_withdrawals_order_id")
                    .table("eu_withdrawals")
                    .col("order_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_eu_withdrawals_uuid").table("eu_withdrawals").col("uuid").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("gdpr_data_requests")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("customer_id"))
                    .col(string_len("email", 191))
                    .col(string_len("status", 32).default("pending"))
                    .col(string_len("type", 16))
                    .col(string_len("message", 500))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_gdpr_data_requests_customer_id")
                            .from("gdpr_data_requests", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_gdpr_data_requests_customer_id")
                    .table("gdpr_data_requests")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("gdpr_data_requests").to_owned()).await?;
        manager.drop_table(Table::drop().table("eu_withdrawals").to_owned()).await?;
        Ok(())
    }
}
