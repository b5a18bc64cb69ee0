//! Taxes: tax categories, their rates, and the category of each product.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("tax_categories")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("code", 64))
                    .col(string_len("name", 191))
                    .col(string_len_null("description", 1000))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("uq_tax_categories_code").table("tax_categories").col("code").unique().to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("tax_rates")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(string_len("identifier", 191))
                    .col(boolean("is_zip").default(false))
                    .col(string_len_null("zip_code", 32))
                    .col(string_len_null("zip_from", 32))
                    .col(string_len_null("zip_to", 32))
                    .col(string_len_null("state", 64))
                    .col(string_len("country", 2))
                    .col(big_integer("tax_rate"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_tax_rates_identifier")
                    .table("tax_rates")
                    .col("identifier")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("tax_categories_tax_rates")
                    .col(big_integer("id").auto_increment().primary_key())
                    .col(big_integer("tax_category_id"))
                    .col(big_integer("tax_rate_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tax_categories_tax_rates_tax_category_id")
                            .from("tax_categories_tax_rates", "tax_category_id")
                            .to("tax_categories", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tax_categories_tax_rates_tax_rate_id")
                            .from("tax_categories_tax_rates", "tax_rate_id")
                            .to("tax_rates", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tax_categories_tax_rates_tax_category_id")
                    .table("tax_categories_tax_rates")
                    .col("tax_category_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tax_categories_tax_rates_tax_rate_id")
                    .table("tax_categories_tax_rates")
                    .col("tax_rate_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_tax_categories_tax_rates_tax_category_id_tax_rate_id")
                    .table("tax_categories_tax_rates")
                    .col("tax_category_id")
                    .col("tax_rate_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite adds a column with its foreign key only inline; PostgreSQL as a constraint.
        let sql = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => {
                "ALTER TABLE products ADD COLUMN tax_category_id integer NULL REFERENCES tax_categories (id) ON DELETE SET NULL"
            }
            _ => {
                "ALTER TABLE products ADD COLUMN tax_category_id bigint NULL, ADD CONSTRAINT fk_products_tax_category_id \
                 FOREIGN KEY (tax_category_id) REFERENCES tax_categories (id) ON DELETE SET NULL"
            }
        };
        manager.get_connection().execute_unprepared(sql).await?;
        manager
            .create_index(
                Index::create().name("ix_products_tax_category_id").table("products").col("tax_category_id").to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_products_tax_category_id").table("products").to_owned()).await?;
        manager.alter_table(Table::alter().table("products").drop_column("tax_category_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("tax_categories_tax_rates").to_owned()).await?;
        manager.drop_table(Table::drop().table("tax_rates").to_owned()).await?;
        manager.drop_table(Table::drop().table("tax_categories").to_owned()).await?;
        Ok(())
    }
}
