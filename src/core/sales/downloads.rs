//! The download links bought with downloadable products: how their status follows the order
//! (pending until it is paid, available then, expired when it is cancelled or refunded), what
//! a customer sees of their own, counting a download, and the temporary download links a
//! customer issues (opened by their token alone, counted like any download).
//!
//! The rows are written with the order's lines (`placement::rows::save_links`).

use chrono::{DateTime, Utc};
use polyshop_entities::{
    downloadable_link_purchased as purchased, downloadable_product_download_links as links, orders,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use super::{payment, status};
use crate::db::write_transaction;

/// A purchased link's statuses.
pub const PENDING: &str = "pending";
pub const AVAILABLE: &str = "available";
pub const EXPIRED: &str = "expired";

/// A purchased link with the order it came with.
#[derive(Debug, Clone)]
pub struct Purchase {
    pub link: purchased::Model,
    pub order: orders::Model,
}

impl Purchase {
    /// Downloads left: `None` when unlimited.
    pub fn remaining(&self) -> Option<i32> {
        remaining(&self.link)
    }
}

fn remaining(link: &purchased::Model) -> Option<i32> {
    (link.download_bought > 0).then(|| {
        Ord::max(link.download_bought.saturating_sub(link.download_used).saturating_sub(link.download_canceled), 0)
    })
}

/// Moves the order's purchased links along with the order: a cancelled, closed or fraud order,
/// or a refunded payment, expires them (the downloads not used are cancelled); a paid order
/// makes its pending links available.
pub async fn follow_order(
    txn: &impl ConnectionTrait,
    order_id: i64,
    order_status: &str,
    payment_status: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let ends = matches!(order_status, status::CANCELED | status::CLOSED | status::FRAUD)
        || payment_status == payment::REFUNDED;
    if ends {
        purchased::Entity::update_many()
            .col_expr(purchased::Column::Status, Expr::value(EXPIRED))
            .col_expr(
                purchased::Column::DownloadCanceled,
                Expr::cust("CASE WHEN download_bought > download_used THEN download_bought - download_used ELSE 0 END"),
            )
            .col_expr(purchased::Column::UpdatedAt, Expr::value(now))
            .filter(purchased::Column::OrderId.eq(order_id))
            .filter(purchased::Column::Status.ne(EXPIRED))
            .exec(txn)
            .await?;
    } else if payment_status == payment::PAID {
        purchased::Entity::update_many()
            .col_expr(purchased::Column::Status, Expr::value(AVAILABLE))
            .col_expr(purchased::Column::UpdatedAt, Expr::value(now))
            .filter(purchased::Column::OrderId.eq(order_id))
            .filter(purchased::Column::Status.eq(PENDING))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// A page of the customer's purchased links, newest first, optionally in one status.
pub async fn purchases_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    status: Option<&str>,
    window: PageWindow,
) -> Result<Page<Purchase>, ServiceError> {
    let mut query = purchased::Entity::find().filter(purchased::Column::CustomerId.eq(customer_id));
    if let Some(status) = status {
        query = query.filter(purchased::Column::Status.eq(status));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(purchased::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    Ok(Page::new(with_orders(db, rows).await?, total, window))
}

/// One of the customer's purchased links.
pub async fn purchase_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<Purchase>, ServiceError> {
    let row = purchased::Entity::find_by_id(id).filter(purchased::Column::CustomerId.eq(customer_id)).one(db).await?;
    Ok(with_orders(db, row.into_iter().collect()).await?.pop())
}

async fn with_orders(db: &impl ConnectionTrait, rows: Vec<purchased::Model>) -> Result<Vec<Purchase>, ServiceError> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.order_id).collect();
    ids.dedup();
    let found = orders::Entity::find().filter(orders::Column::Id.is_in(ids)).all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|link| {
            let order = found.iter().find(|o| o.id == link.order_id)?.clone();
            Some(Purchase { link, order })
        })
        .collect())
}

/// Why a download is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// None of the customer's purchased links.
    NotFound,
    /// The order is not paid yet.
    Pending,
    /// Every download is used (or cancelled with the order).
    NoneLeft,
}

/// Counts one download of the customer's purchased link `id` and returns the link as it was:
/// refused while pending, after the last download and once expired. The count is one
/// conditional update, so concurrent downloads never take more than were bought; the last one
/// expires the link.
pub async fn take_download(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Result<purchased::Model, Refusal>, ServiceError> {
    let Some(link) =
        purchased::Entity::find_by_id(id).filter(purchased::Column::CustomerId.eq(customer_id)).one(db).await?
    else {
        return Ok(Err(Refusal::NotFound));
    };
    take(db, link, now).await
}

/// Why `link` cannot be downloaded now, if it cannot.
fn refusal(link: &purchased::Model) -> Option<Refusal> {
    match link.status.as_str() {
        PENDING => Some(Refusal::Pending),
        AVAILABLE if remaining(link).is_none_or(|left| left > 0) => None,
        _ => Some(Refusal::NoneLeft),
    }
}

/// Counts one download of `link` (see [`take_download`]).
async fn take(
    db: &impl ConnectionTrait,
    link: purchased::Model,
    now: DateTime<Utc>,
) -> Result<Result<purchased::Model, Refusal>, ServiceError> {
    let id = link.id;
    if let Some(refusal) = refusal(&link) {
        return Ok(Err(refusal));
    }
    if link.download_bought == 0 {
        // Unlimited: nothing to count against.
        return Ok(Ok(link));
    }
    let left = Expr::col(purchased::Column::DownloadBought)
        .sub(Expr::col(purchased::Column::DownloadUsed))
        .sub(Expr::col(purchased::Column::DownloadCanceled));
    let taken = purchased::Entity::update_many()
        .col_expr(purchased::Column::DownloadUsed, Expr::col(purchased::Column::DownloadUsed).add(1))
        .col_expr(
            purchased::Column::Status,
            Expr::case(left.clone().lte(1), Expr::value(EXPIRED)).finally(Expr::col(purchased::Column::Status)).into(),
        )
        .col_expr(purchased::Column::UpdatedAt, Expr::value(now))
        .filter(purchased::Column::Id.eq(id))
        .filter(Condition::all().add(purchased::Column::Status.eq(AVAILABLE)).add(left.gt(0)))
        .exec(db)
        .await?;
    if taken.rows_affected == 0 {
        return Ok(Err(Refusal::NoneLeft));
    }
    Ok(Ok(link))
}

/// How long a download link's token opens the download.
pub const LINK_TOKEN_HOURS: i64 = 24;
/// Unexpired download links one purchase keeps: issuing another drops the oldest.
const LIVE_LINK_TOKENS: usize = 10;

/// A temporary download link: its token (shown once, only its hash is kept) and expiry.
#[derive(Debug, Clone)]
pub struct LinkToken {
    pub id: i64,
    pub token: String,
    pub purchase_id: i64,
    pub expires_at: DateTime<Utc>,
}

/// Issues a download link for the customer's purchased link `id`, opened by its token alone
/// for [`LINK_TOKEN_HOURS`]: refused as a download would be now (none of the customer's,
/// pending, no download left). Issuing counts nothing: each download through it does.
pub async fn issue_link_token(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Result<LinkToken, Refusal>, ServiceError> {
    let Some(link) =
        purchased::Entity::find_by_id(id).filter(purchased::Column::CustomerId.eq(customer_id)).one(db).await?
    else {
        return Ok(Err(Refusal::NotFound));
    };
    if let Some(refusal) = refusal(&link) {
        return Ok(Err(refusal));
    }
    let token = crate::secrets::random_token(64);
    let token_hash = crate::secrets::sha256_hex(&token);
    let expires_at = now + chrono::Duration::hours(LINK_TOKEN_HOURS);
    let row = write_transaction(db, move |txn| {
        Box::pin(async move {
            let of_purchase = links::Column::DownloadableLinkPurchasedId.eq(id);
            links::Entity::delete_many()
                .filter(of_purchase.clone())
                .filter(links::Column::ExpiresAt.lte(now))
                .exec(txn)
                .await?;
            // At most LIVE_LINK_TOKENS rows are left: the newest stay, room is made for one.
            let live: Vec<i64> = links::Entity::find()
                .select_only()
                .column(links::Column::Id)
                .filter(of_purchase)
                .order_by_desc(links::Column::Id)
                .into_tuple()
                .all(txn)
                .await?;
            let older: Vec<i64> = live.into_iter().skip(LIVE_LINK_TOKENS - 1).collect();
            if !older.is_empty() {
                links::Entity::delete_many().filter(links::Column::Id.is_in(older)).exec(txn).await?;
            }
            Ok(links::ActiveModel {
                token_hash: Set(token_hash),
                downloadable_link_purchased_id: Set(id),
                expires_at: Set(expires_at),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?)
        })
    })
    .await?;
    Ok(Ok(LinkToken { id: row.id, token, purchase_id: id, expires_at }))
}

/// Counts one download of the purchase an unexpired download link's `token` opens (as
/// [`take_download`]); an unknown or expired token is `NotFound`.
pub async fn take_download_by_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<purchased::Model, Refusal>, ServiceError> {
    let hash = crate::secrets::sha256_hex(token.trim());
    let opened = links::Entity::find()
        .filter(links::Column::TokenHash.eq(hash))
        .filter(links::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    let link = match opened {
        Some(t) => purchased::Entity::find_by_id(t.downloadable_link_purchased_id).one(db).await?,
        None => None,
    };
    match link {
        Some(link) => take(db, link, now).await,
        None => Ok(Err(Refusal::NotFound)),
    }
}

/// Gives back a download counted for a file that could not be sent (its file is missing).
pub async fn give_back(db: &impl ConnectionTrait, link: &purchased::Model) -> Result<(), ServiceError> {
    if link.download_bought == 0 {
        return Ok(());
    }
    purchased::Entity::update_many()
        .col_expr(purchased::Column::DownloadUsed, Expr::col(purchased::Column::DownloadUsed).sub(1))
        .col_expr(purchased::Column::Status, Expr::value(link.status.clone()))
        .filter(purchased::Column::Id.eq(link.id))
        .filter(purchased::Column::DownloadUsed.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(bought: i32, used: i32, canceled: i32) -> purchased::Model {
        purchased::Model {
            id: 1,
            order_id: 1,
            order_item_id: 1,
            customer_id: Some(1),
            product_name: "Guide".into(),
            name: "PDF".into(),
            type_: "file".into(),
            url: None,
            file: None,
            file_name: None,
            download_bought: bought,
            download_used: used,
            download_canceled: canceled,
            status: AVAILABLE.into(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn remaining_downloads_are_never_negative_and_none_when_unlimited() {
        assert_eq!(remaining(&link(5, 1, 0)), Some(4));
        assert_eq!(remaining(&link(5, 3, 2)), Some(0));
        assert_eq!(remaining(&link(5, 4, 5)), Some(0));
        assert_eq!(remaining(&link(0, 7, 0)), None);
    }
}
