//! The counters that tell every server process when its in-process caches (the storefront
//! scope: channels, locales, currencies, rates) are out of date.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("cache_generations")
                    .col(string_len("name", 32).primary_key())
                    .col(big_integer("generation").default(0))
                    .to_owned(),
            )
            .await?;
        let insert = Query::insert()
            .into_table("cache_generations")
            .columns(["name", "generation"])
            .values_panic(["settings".into(), 0_i64.into()])
            .to_owned();
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("cache_generations").to_owned()).await?;
        Ok(())
    }
}
