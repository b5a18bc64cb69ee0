//! SMTP delivery of the outbox: `next_attempt_at` is when a mail may be tried (again). A
//! sender claims a mail by moving it forward, so two server processes never send the same
//! mail at once, and a failed mail waits longer after each attempt.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("mail_outbox")
                    .add_column(timestamp_with_time_zone_null("next_attempt_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("mail_outbox").drop_column("next_attempt_at").to_owned()).await
    }
}
