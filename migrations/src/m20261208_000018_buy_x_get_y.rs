//! Cart rules that give units free: `buy_x_get_y` reads how many units to buy (X) from
//! `discount_step` and how many come free (Y) from `discount_amount`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("cart_rules").add_column(integer("discount_step").default(0)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("cart_rules").drop_column("discount_step").to_owned()).await
    }
}
