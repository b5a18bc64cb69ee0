//! SQL of the carts area.

use chrono::{DateTime, Utc};
use polyshop_entities::{cart_addresses, cart_items, carts};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::records::CartAddressFields;
use crate::sales::placement::PricedLine;

pub async fn insert_cart(
    db: &impl ConnectionTrait,
    channel_id: i64,
    customer_id: Option<i64>,
    guest_token_hash: Option<String>,
    now: DateTime<Utc>,
) -> Result<carts::Model, ServiceError> {
    let row = carts::ActiveModel {
        id: NotSet,
        channel_id: Set(channel_id),
        customer_id: Set(customer_id),
        guest_token_hash: Set(guest_token_hash),
        is_active: Set(true),
        coupon_code: Set(None),
        shipping_method_code: Set(None),
        payment_method_code: Set(None),
        order_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(row.insert(db).await?)
}

pub async fn find_cart(db: &impl ConnectionTrait, id: i64) -> Result<Option<carts::Model>, ServiceError> {
    Ok(carts::Entity::find_by_id(id).one(db).await?)
}

/// The guest cart whose token hashes to `hash`, open or ordered.
pub async fn find_guest(db: &impl ConnectionTrait, hash: &str) -> Result<Option<carts::Model>, ServiceError> {
    Ok(carts::Entity::find().filter(carts::Column::GuestTokenHash.eq(hash)).one(db).await?)
}

/// Forgets a cart's guest token (its token moves to a new cart, or dies with a merge).
pub async fn forget_token(db: &impl ConnectionTrait, cart_id: i64) -> Result<(), ServiceError> {
    carts::Entity::update_many()
        .col_expr(carts::Column::GuestTokenHash, Expr::value(Option::<String>::None))
        .filter(carts::Column::Id.eq(cart_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A customer's active cart in a channel (the newest, should there be several).
pub async fn find_customer_cart(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
) -> Result<Option<carts::Model>, ServiceError> {
    Ok(carts::Entity::find()
        .filter(carts::Column::CustomerId.eq(customer_id))
        .filter(carts::Column::ChannelId.eq(channel_id))
        .filter(carts::Column::IsActive.eq(true))
        .order_by_desc(carts::Column::Id)
        .one(db)
        .await?)
}

/// A customer's carts in every state (the `cart-tokens` listing).
pub async fn customer_carts(db: &impl ConnectionTrait, customer_id: i64) -> Result<Vec<carts::Model>, ServiceError> {
    Ok(carts::Entity::find()
        .filter(carts::Column::CustomerId.eq(customer_id))
        .order_by_desc(carts::Column::Id)
        .all(db)
        .await?)
}

pub async fn items(db: &impl ConnectionTrait, cart_id: i64) -> Result<Vec<cart_items::Model>, ServiceError> {
    Ok(cart_items::Entity::find()
        .filter(cart_items::Column::CartId.eq(cart_id))
        .order_by_asc(cart_items::Column::Id)
        .all(db)
        .await?)
}

/// What makes cart lines one: the product, the variant of a configurable product, the links
/// of a downloadable one (ascending, comma-separated, as stored), a bundle's picks (the
/// resolved choice's canonical JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineKey {
    pub product_id: i64,
    pub variant_id: Option<i64>,
    pub download_links: Option<String>,
    pub choice: Option<String>,
}

impl LineKey {
    pub fn of(line: &PricedLine) -> LineKey {
        LineKey {
            product_id: line.product.id,
            variant_id: line.variant.as_ref().map(|v| v.id),
            download_links: encode_links(&line.links.iter().map(|l| l.link.id).collect::<Vec<_>>()),
            choice: line.choice.encode(),
        }
    }

    fn of_item(item: &cart_items::Model) -> LineKey {
        LineKey {
            product_id: item.product_id,
            variant_id: item.variant_id,
            download_links: item.download_links.clone(),
            choice: item.choice.clone(),
        }
    }

    /// Whether `item` is this line.
    pub fn is(&self, item: &cart_items::Model) -> bool {
        *self == LineKey::of_item(item)
    }
}

/// Link ids as `download_links` stores them; `None` for none.
fn encode_links(ids: &[i64]) -> Option<String> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    (!ids.is_empty()).then(|| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}

/// The link ids a line's `download_links` holds.
pub fn decode_links(stored: Option<&str>) -> Vec<i64> {
    stored.map(|s| s.split(',').filter_map(|id| id.trim().parse().ok()).collect()).unwrap_or_default()
}

/// Sets the quantity of the cart's line `key`, or starts one; returns the line.
pub async fn add_to_line(
    db: &impl ConnectionTrait,
    cart_id: i64,
    key: &LineKey,
    quantity: i32,
    now: DateTime<Utc>,
) -> Result<cart_items::Model, ServiceError> {
    let existing = items(db, cart_id).await?.into_iter().find(|i| key.is(i));
    Ok(match existing {
        Some(line) => {
            let mut row = line.into_active_model();
            row.quantity = Set(quantity);
            row.updated_at = Set(now);
            row.update(db).await?
        }
        None => {
            cart_items::ActiveModel {
                id: NotSet,
                cart_id: Set(cart_id),
                product_id: Set(key.product_id),
                variant_id: Set(key.variant_id),
                quantity: Set(quantity),
                download_links: Set(key.download_links.clone()),
                choice: Set(key.choice.clone()),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?
        }
    })
}

pub async fn set_quantity(
    db: &impl ConnectionTrait,
    item: cart_items::Model,
    quantity: i32,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let mut row = item.into_active_model();
    row.quantity = Set(quantity);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

pub async fn delete_items(db: &impl ConnectionTrait, cart_id: i64, ids: &[i64]) -> Result<u64, ServiceError> {
    Ok(cart_items::Entity::delete_many()
        .filter(cart_items::Column::CartId.eq(cart_id))
        .filter(cart_items::Column::Id.is_in(ids.to_vec()))
        .exec(db)
        .await?
        .rows_affected)
}

/// Marks the cart changed; `methods` sets its shipping and payment method codes.
pub async fn touch(
    db: &impl ConnectionTrait,
    cart_id: i64,
    now: DateTime<Utc>,
    shipping: Option<Option<String>>,
    payment: Option<Option<String>>,
) -> Result<(), ServiceError> {
    let mut update = carts::Entity::update_many().col_expr(carts::Column::UpdatedAt, Expr::value(now));
    if let Some(code) = shipping {
        update = update.col_expr(carts::Column::ShippingMethodCode, Expr::value(code));
    }
    if let Some(code) = payment {
        update = update.col_expr(carts::Column::PaymentMethodCode, Expr::value(code));
    }
    update.filter(carts::Column::Id.eq(cart_id)).exec(db).await?;
    Ok(())
}

/// Deactivates an active cart; false when it was not active any more (ordered meanwhile).
pub async fn deactivate(
    db: &impl ConnectionTrait,
    cart_id: i64,
    order_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let done = carts::Entity::update_many()
        .col_expr(carts::Column::IsActive, Expr::value(false))
        .col_expr(carts::Column::OrderId, Expr::value(order_id))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now))
        .filter(carts::Column::Id.eq(cart_id))
        .filter(carts::Column::IsActive.eq(true))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn set_order(db: &impl ConnectionTrait, cart_id: i64, order_id: i64) -> Result<(), ServiceError> {
    carts::Entity::update_many()
        .col_expr(carts::Column::OrderId, Expr::value(order_id))
        .filter(carts::Column::Id.eq(cart_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn addresses(db: &impl ConnectionTrait, cart_id: i64) -> Result<Vec<cart_addresses::Model>, ServiceError> {
    Ok(cart_addresses::Entity::find().filter(cart_addresses::Column::CartId.eq(cart_id)).all(db).await?)
}

pub async fn delete_address(db: &impl ConnectionTrait, cart_id: i64, kind: &str) -> Result<(), ServiceError> {
    cart_addresses::Entity::delete_many()
        .filter(cart_addresses::Column::CartId.eq(cart_id))
        .filter(cart_addresses::Column::AddressType.eq(kind))
        .exec(db)
        .await?;
    Ok(())
}

/// Writes the cart's `kind` (`billing` or `shipping`) address, replacing the previous one.
pub async fn put_address(
    db: &impl ConnectionTrait,
    cart_id: i64,
    kind: &str,
    a: &CartAddressFields,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    cart_addresses::Entity::delete_many()
        .filter(cart_addresses::Column::CartId.eq(cart_id))
        .filter(cart_addresses::Column::AddressType.eq(kind))
        .exec(db)
        .await?;
    cart_addresses::ActiveModel {
        id: NotSet,
        cart_id: Set(cart_id),
        address_type: Set(kind.to_owned()),
        first_name: Set(a.first_name.clone()),
        last_name: Set(a.last_name.clone()),
        company_name: Set(a.company_name.clone()),
        email: Set(a.email.clone()),
        address: Set(a.lines.join("\n")),
        city: Set(a.city.clone()),
        state: Set(a.state.clone()),
        country: Set(a.country.clone()),
        postcode: Set(a.postcode.clone()),
        phone: Set(a.phone.clone()),
        vat_id: Set(a.vat_id.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Deletes every line of a cart.
pub async fn clear(db: &impl ConnectionTrait, cart_id: i64) -> Result<(), ServiceError> {
    cart_items::Entity::delete_many().filter(cart_items::Column::CartId.eq(cart_id)).exec(db).await?;
    Ok(())
}

/// Moves the lines of cart `from` into cart `into` (adding up quantities of the same product and
/// variant) and deletes `from`'s lines.
pub async fn move_lines(
    db: &impl ConnectionTrait,
    from: i64,
    into: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let target = items(db, into).await?;
    for line in items(db, from).await? {
        let key = LineKey::of_item(&line);
        let same = target.iter().find(|t| key.is(t));
        let quantity = same.map_or(line.quantity, |t| t.quantity.saturating_add(line.quantity));
        add_to_line(db, into, &key, quantity, now).await?;
    }
    cart_items::Entity::delete_many().filter(cart_items::Column::CartId.eq(from)).exec(db).await?;
    Ok(())
}

/// Sets (or clears) the cart's coupon code.
pub async fn set_coupon(
    db: &impl ConnectionTrait,
    cart_id: i64,
    code: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    carts::Entity::update_many()
        .col_expr(carts::Column::CouponCode, Expr::value(code))
        .col_expr(carts::Column::UpdatedAt, Expr::value(now))
        .filter(carts::Column::Id.eq(cart_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The code of channel `channel_id`'s base currency (`USD` when it has none).
pub async fn base_currency_code(db: &impl ConnectionTrait, channel_id: i64) -> Result<String, ServiceError> {
    use polyshop_entities::{channels, currencies};
    let Some(channel) = channels::Entity::find_by_id(channel_id).one(db).await? else { return Ok("USD".into()) };
    let currency = currencies::Entity::find_by_id(channel.base_currency_id).one(db).await?;
    Ok(currency.map_or_else(|| "USD".into(), |c| c.code))
}
