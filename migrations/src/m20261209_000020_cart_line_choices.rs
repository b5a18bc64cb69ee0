//! Cart lines remember what else the shopper chose (a bundle's picked products and their
//! quantities), as canonical JSON text: equal choices are equal text, so they make one line.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("cart_items").add_column(text_null("choice")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("cart_items").drop_column("choice").to_owned()).await
    }
}
