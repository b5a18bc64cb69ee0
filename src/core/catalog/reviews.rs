//! Product reviews: what the storefront shows of them.
//!
//! Reviews are moderated: the stored `status` is `pending`, `approved` or `disapproved`, which
//! the shop surfaces call `rejected`. Only approved reviews are public; lookups by id and the
//! per-product lists may ask for other states. Reviews of disabled products are never shown.
//!
//! A page of reviews costs a fixed number of queries: the page, then one query for the
//! reviewers' emails and one for the attachments of every review of the page.

use std::collections::HashMap;

use crate::listing::Listing;
use polyshop_entities::{customers, product_review_attachments, product_reviews, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, Select,
};

/// Where a review stands in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Pending,
    Approved,
    Rejected,
}

impl Moderation {
    /// The value stored in `product_reviews.status`.
    pub fn stored(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Approved => "approved",
            Moderation::Rejected => "disapproved",
        }
    }

    /// A stored status; anything unknown reads as pending, so it never becomes public.
    pub fn from_stored(status: &str) -> Moderation {
        match status {
            "approved" => Moderation::Approved,
            "disapproved" | "rejected" => Moderation::Rejected,
            _ => Moderation::Pending,
        }
    }

    /// The storefront's word for it (`rejected` for what the admin calls `disapproved`).
    pub fn shop_name(self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Approved => "approved",
            Moderation::Rejected => "rejected",
        }
    }
}

/// Orders of a review list. Ties go to the newest review (then the highest id), so every order
/// is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOrder {
    Newest,
    Oldest,
    MostHelpful,
    HighestRating,
    /// Ascending id (the GraphQL collections, as API Platform lists them).
    Id,
}

/// Which reviews to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewFilter {
    pub product_id: Option<i64>,
    /// The reviewing customer.
    pub customer_id: Option<i64>,
    pub status: Option<Moderation>,
    pub rating: Option<i32>,
}

/// A review with what the APIs show beside its row.
#[derive(Debug, Clone)]
pub struct ReviewRecord {
    pub review: product_reviews::Model,
    pub status: Moderation,
    /// The reviewing customer's email; None for guest reviews.
    pub email: Option<String>,
    /// Images and videos, in upload order.
    pub attachments: Vec<product_review_attachments::Model>,
}

/// Stars a review may give.
pub const RATINGS: std::ops::RangeInclusive<i32> = 1..=5;

/// Reviews of enabled products.
fn of_enabled_products() -> Select<product_reviews::Entity> {
    product_reviews::Entity::find()
        .join(JoinType::InnerJoin, product_reviews::Relation::Product.def())
        .filter(products::Column::Status.eq(true))
}

/// The reviews `filter` keeps, in `order`.
pub fn listed(filter: ReviewFilter, order: ReviewOrder) -> Listing<product_reviews::Entity> {
    Listing::new(listed_query(filter, order))
}

fn listed_query(filter: ReviewFilter, order: ReviewOrder) -> Select<product_reviews::Entity> {
    use product_reviews::Column;
    let mut query = of_enabled_products();
    if let Some(product_id) = filter.product_id {
        query = query.filter(Column::ProductId.eq(product_id));
    }
    if let Some(customer_id) = filter.customer_id {
        query = query.filter(Column::CustomerId.eq(customer_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(Column::Status.eq(status.stored()));
    }
    if let Some(rating) = filter.rating {
        query = query.filter(Column::Rating.eq(rating));
    }
    let newest_first =
        |q: Select<product_reviews::Entity>| q.order_by_desc(Column::CreatedAt).order_by_desc(Column::Id);
    match order {
        ReviewOrder::Newest => newest_first(query),
        ReviewOrder::Oldest => query.order_by_asc(Column::CreatedAt).order_by_asc(Column::Id),
        ReviewOrder::MostHelpful => newest_first(query.order_by_desc(Column::Helpful)),
        ReviewOrder::HighestRating => newest_first(query.order_by_desc(Column::Rating)),
        ReviewOrder::Id => query.order_by_asc(Column::Id),
    }
}

/// Whether product `product_id` exists and is enabled: only then has it a review list.
pub async fn product_is_shown(db: &impl ConnectionTrait, product_id: i64) -> Result<bool, ServiceError> {
    let found = products::Entity::find_by_id(product_id).filter(products::Column::Status.eq(true)).count(db).await?;
    Ok(found > 0)
}

/// Review `id`, whatever its moderation state, unless its product is disabled.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<ReviewRecord>, ServiceError> {
    let row = of_enabled_products().filter(product_reviews::Column::Id.eq(id)).one(db).await?;
    Ok(records(db, row.into_iter().collect()).await?.pop())
}

/// Every review of each of `product_ids` (all moderation states, ascending id): the reviews of
/// a page of products at once.
pub async fn of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<ReviewRecord>>, ServiceError> {
    let mut by_product: HashMap<i64, Vec<ReviewRecord>> = HashMap::new();
    if product_ids.is_empty() {
        return Ok(by_product);
    }
    let rows = product_reviews::Entity::find()
        .filter(product_reviews::Column::ProductId.is_in(product_ids.to_vec()))
        .order_by_asc(product_reviews::Column::Id)
        .all(db)
        .await?;
    for record in records(db, rows).await? {
        by_product.entry(record.review.product_id).or_default().push(record);
    }
    Ok(by_product)
}

/// `rows` with their reviewers' emails and attachments (two queries whatever their number).
pub async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<product_reviews::Model>,
) -> Result<Vec<ReviewRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let customer_ids: Vec<i64> = rows.iter().filter_map(|r| r.customer_id).collect();
    let emails: HashMap<i64, String> = if customer_ids.is_empty() {
        HashMap::new()
    } else {
        customers::Entity::find()
            .filter(customers::Column::Id.is_in(customer_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.email))
            .collect()
    };
    let mut attachments: HashMap<i64, Vec<product_review_attachments::Model>> = HashMap::new();
    for a in product_review_attachments::Entity::find()
        .filter(
            product_review_attachments::Column::ProductReviewId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .order_by_asc(product_review_attachments::Column::Id)
        .all(db)
        .await?
    {
        attachments.entry(a.product_review_id).or_default().push(a);
    }
    Ok(rows
        .into_iter()
        .map(|review| ReviewRecord {
            status: Moderation::from_stored(&review.status),
            email: review.customer_id.and_then(|c| emails.get(&c).cloned()),
            attachments: attachments.remove(&review.id).unwrap_or_default(),
            review,
        })
        .collect())
}

/// What a customer writes in a review.
#[derive(Debug, Clone, Default)]
pub struct ReviewText {
    pub title: Option<String>,
    pub comment: Option<String>,
    pub rating: Option<i32>,
    /// The name shown.
    pub name: Option<String>,
}

/// Shortest and longest review comment, in characters.
pub const COMMENT_LENGTH: std::ops::RangeInclusive<usize> = 10..=5000;

fn checked(
    field: &'static str,
    value: Option<&String>,
    max: usize,
    min: usize,
) -> Result<Option<String>, ServiceError> {
    let Some(value) = value.map(|v| v.trim().to_owned()) else { return Ok(None) };
    let len = value.chars().count();
    if len < min.max(1) {
        return Err(ServiceError::invalid_field(field, format!("must be at least {} characters", min.max(1))));
    }
    if len > max {
        return Err(ServiceError::invalid_field(field, format!("must be at most {max} characters")));
    }
    Ok(Some(value))
}

fn checked_text(text: &ReviewText) -> Result<ReviewText, ServiceError> {
    if let Some(rating) = text.rating
        && !RATINGS.contains(&rating)
    {
        return Err(ServiceError::invalid_field("rating", "must be from 1 to 5"));
    }
    Ok(ReviewText {
        title: checked("title", text.title.as_ref(), 255, 1)?,
        comment: checked("comment", text.comment.as_ref(), *COMMENT_LENGTH.end(), *COMMENT_LENGTH.start())?,
        rating: text.rating,
        name: checked("name", text.name.as_ref(), 191, 1)?,
    })
}

/// A customer reviews a shown product; the review waits for moderation (`pending`). 404 for a
/// product that is unknown or not shown; 400 naming a field that breaks a rule.
pub async fn write(
    db: &impl ConnectionTrait,
    product_id: i64,
    customer: &customers::Model,
    text: ReviewText,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ReviewRecord, ServiceError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    if !product_is_shown(db, product_id).await? {
        return Err(ServiceError::not_found_id("Product", product_id));
    }
    let text = checked_text(&text)?;
    let (Some(title), Some(comment), Some(rating)) = (text.title, text.comment, text.rating) else {
        return Err(ServiceError::bad_request("title, comment and rating are required"));
    };
    let row = product_reviews::ActiveModel {
        product_id: Set(product_id),
        customer_id: Set(Some(customer.id)),
        name: Set(text.name.unwrap_or_else(|| format!("{} {}", customer.first_name, customer.last_name))),
        title: Set(title),
        comment: Set(comment),
        rating: Set(rating),
        status: Set(Moderation::Pending.stored().to_owned()),
        helpful: Set(0),
        unhelpful: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(records(db, vec![row]).await?.pop().expect("the review just written"))
}

/// The review `id` if `customer_id` wrote it: 404 for an unknown review, 403 for another's.
async fn authored(
    db: &impl ConnectionTrait,
    id: i64,
    customer_id: i64,
) -> Result<product_reviews::Model, ServiceError> {
    let row = product_reviews::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found_id("Review", id))?;
    if row.customer_id != Some(customer_id) {
        return Err(ServiceError::forbidden("This action is unauthorized."));
    }
    Ok(row)
}

/// The author edits their review; it goes back to moderation (`pending`).
pub async fn edit(
    db: &impl ConnectionTrait,
    id: i64,
    customer_id: i64,
    text: ReviewText,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ReviewRecord, ServiceError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let row = authored(db, id, customer_id).await?;
    let text = checked_text(&text)?;
    let mut active = row.into_active_model();
    if let Some(v) = text.title {
        active.title = Set(v);
    }
    if let Some(v) = text.comment {
        active.comment = Set(v);
    }
    if let Some(v) = text.rating {
        active.rating = Set(v);
    }
    if let Some(v) = text.name {
        active.name = Set(v);
    }
    active.status = Set(Moderation::Pending.stored().to_owned());
    active.updated_at = Set(now);
    let row = active.update(db).await?;
    Ok(records(db, vec![row]).await?.pop().expect("the review just edited"))
}

/// The author deletes their review.
pub async fn delete(db: &impl ConnectionTrait, id: i64, customer_id: i64) -> Result<(), ServiceError> {
    let row = authored(db, id, customer_id).await?;
    product_reviews::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}
