//! Redirect payment methods: a method with a `redirect_url` sends the shopper to that payment
//! page instead of placing the order (Bagisto's PayPal Standard and the like). A fresh install
//! has PayPal Standard, inactive, as Bagisto installs it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::install::{insert, now};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// PayPal's payment page for a cart; `{cart_id}`, `{grand_total}` and `{currency}` are filled
/// in per cart.
const PAYPAL_STANDARD: &str =
    "https://www.paypal.com/cgi-bin/webscr?cmd=_xclick&invoice={cart_id}&amount={grand_total}&currency_code={currency}";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("payment_methods").add_column(string_len_null("redirect_url", 1024)).to_owned(),
            )
            .await?;
        insert(
            manager,
            "payment_methods",
            &["code", "title", "description", "sort_order", "is_active", "redirect_url", "created_at", "updated_at"],
            vec![vec![
                "paypal_standard".into(),
                "PayPal Standard".into(),
                "Pay on PayPal's page; the order is placed once PayPal confirms the payment.".into(),
                3.into(),
                false.into(),
                PAYPAL_STANDARD.into(),
                now(),
                now(),
            ]],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete =
            Query::delete().from_table("payment_methods").and_where(Expr::col("code").eq("paypal_standard")).to_owned();
        manager.exec_stmt(delete).await?;
        manager.alter_table(Table::alter().table("payment_methods").drop_column("redirect_url").to_owned()).await
    }
}
