//! Files uploaded for customizable `file` options, named by a one-use token a cart line takes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("customizable_option_uploads")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("token_hash", 64))
                    .col(string_len("owner", 64))
                    .col(big_integer("product_id"))
                    .col(big_integer("option_id"))
                    .col(string_len("file_name", 255))
                    .col(string_len_null("content_type", 255))
                    .col(string_len("path", 1024))
                    .col(big_integer("size"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_customizable_option_uploads_product_id")
                            .from("customizable_option_uploads", "product_id")
                            .to("products", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_customizable_option_uploads_option_id")
                            .from("customizable_option_uploads", "option_id")
                            .to("product_customizable_options", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customizable_option_uploads_option_id")
                    .table("customizable_option_uploads")
                    .col("option_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_customizable_option_uploads_product_id")
                    .table("customizable_option_uploads")
                    .col("product_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_customizable_option_uploads_token_hash")
                    .table("customizable_option_uploads")
                    .col("token_hash")
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("customizable_option_uploads").to_owned()).await?;
        Ok(())
    }
}
