//! Indexes for the upload quota and sweep: an owner's waiting uploads are counted on every
//! upload, and the sweeper looks for expired unused ones; neither scans the whole table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_customizable_option_uploads_owner")
                    .table("customizable_option_uploads")
                    .col("owner")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customizable_option_uploads_expires_at")
                    .table("customizable_option_uploads")
                    .col("expires_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_customizable_option_uploads_owner", "ix_customizable_option_uploads_expires_at"] {
            manager.drop_index(Index::drop().name(name).table("customizable_option_uploads").to_owned()).await?;
        }
        Ok(())
    }
}
