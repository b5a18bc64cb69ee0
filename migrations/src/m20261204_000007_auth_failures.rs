//! Failed authentications (wrong CS-Cart API keys, wrong OAuth2 client secrets), counted to
//! throttle credential guessing across every server process sharing the database.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("auth_failures")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("subject", 255))
                    .col(timestamp_with_time_zone("failed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_auth_failures_subject_failed_at")
                    .table("auth_failures")
                    .col("subject")
                    .col("failed_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("auth_failures").to_owned()).await?;
        Ok(())
    }
}
