//! Temporary download links of purchased downloadable links (createDownloadableProductDownloadLink).
//! Scaffolded by `cargo xtask scaffold-migration` from spec/model; owned by hand from here on.
//! Released migrations never change: alter the schema in a new migration.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("downloadable_product_download_links")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("token_hash", 64))
                    .col(big_integer("downloadable_link_purchased_id"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_downloadable_product_download_links_downloadable_link_purchased_id")
                            .from("downloadable_product_download_links", "downloadable_link_purchased_id")
                            .to("downloadable_link_purchased", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_downloadable_product_download_links_downloadable_link_purchased_id")
                    .table("downloadable_product_download_links")
                    .col("downloadable_link_purchased_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_downloadable_product_download_links_token_hash")
                    .table("downloadable_product_download_links")
                    .col("token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("downloadable_product_download_links").to_owned()).await?;
        Ok(())
    }
}
