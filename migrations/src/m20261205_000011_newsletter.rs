//! Newsletter subscriptions (emails subscribed to a channel's newsletter).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("newsletter_subscribers")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("channel_id"))
                    .col(string_len("email", 191))
                    .col(big_integer_null("customer_id"))
                    .col(boolean("is_subscribed").default(true))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_newsletter_subscribers_channel_id")
                            .from("newsletter_subscribers", "channel_id")
                            .to("channels", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_newsletter_subscribers_customer_id")
                            .from("newsletter_subscribers", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_newsletter_subscribers_channel_id")
                    .table("newsletter_subscribers")
                    .col("channel_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_newsletter_subscribers_customer_id")
                    .table("newsletter_subscribers")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_newsletter_subscribers_channel_id_email")
                    .table("newsletter_subscribers")
                    .col("channel_id")
                    .col("email")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("newsletter_subscribers").to_owned()).await?;
        Ok(())
    }
}
