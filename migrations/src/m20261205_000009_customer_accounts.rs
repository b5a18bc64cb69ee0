//! Customer accounts: sign-in tokens, password-reset links, and the mail outbox the reset
//! emails (and later order confirmations) go through.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("customer_tokens")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("customer_id"))
                    .col(string_len("token_hash", 64))
                    .col(string_len("api_token_hash", 64))
                    .col(string_len("name", 191))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_customer_tokens_customer_id")
                            .from("customer_tokens", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customer_tokens_customer_id")
                    .table("customer_tokens")
                    .col("customer_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_customer_tokens_api_token_hash")
                    .table("customer_tokens")
                    .col("api_token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("mail_outbox")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("kind", 64))
                    .col(string_len("to_address", 191))
                    .col(string_len("subject", 255))
                    .col(text("body_text"))
                    .col(integer("attempts").default(0))
                    .col(string_len_null("last_error", 1000))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_sent_at_id")
                    .table("mail_outbox")
                    .col("sent_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("password_resets")
                    .col(big_integer("customer_id").auto_increment().primary_key())
                    .col(string_len("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_resets_customer_id")
                            .from("password_resets", "customer_id")
                            .to("customers", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_password_resets_token_hash")
                    .table("password_resets")
                    .col("token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("password_resets").to_owned()).await?;
        manager.drop_table(Table::drop().table("mail_outbox").to_owned()).await?;
        manager.drop_table(Table::drop().table("customer_tokens").to_owned()).await?;
        Ok(())
    }
}
