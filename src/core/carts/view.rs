//! A cart priced now: its lines resolved against the catalog as an order would be, the shipping
//! method still on offer, and the totals.

use chrono::NaiveDate;
use polyshop_entities::{carts, channels, payment_methods, shipping_methods};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    records::{CartLine, CartView},
    store,
};
use crate::{
    promotions,
    sales::placement::{
        LineChoice, LineRequest, PricedLine, apply_taxes, price_lines, shipping_charge, totals, with_discount,
    },
};

/// The cart as it would be ordered today. A line whose product was disabled or withdrawn from
/// the channel since it was added is left out (it cannot be ordered).
pub async fn view(
    db: &impl ConnectionTrait,
    cart: carts::Model,
    channel: &channels::Model,
    locale: &str,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<CartView, ServiceError> {
    let items = store::items(db, cart.id).await?;
    let requests: Vec<LineRequest> = items.iter().map(request).collect();
    let priced = if requests.is_empty() {
        Vec::new()
    } else {
        match price_lines(db, channel, locale, &requests, now).await {
            Ok(priced) => priced.into_iter().map(Some).collect(),
            // Some line cannot be ordered: price them one by one to find which.
            Err(_) => {
                let mut each = Vec::new();
                for r in &requests {
                    each.push(
                        price_lines(db, channel, locale, std::slice::from_ref(r), now)
                            .await
                            .ok()
                            .and_then(|mut p| p.pop()),
                    );
                }
                each
            }
        }
    };
    let (mut billing, mut shipping) = (None, None);
    for a in store::addresses(db, cart.id).await? {
        match a.address_type.as_str() {
            "billing" => billing = Some(a),
            _ => shipping = Some(a),
        }
    }
    let mut unavailable = Vec::new();
    let (items, mut priced_lines): (Vec<_>, Vec<PricedLine>) = items
        .into_iter()
        .zip(priced)
        .filter_map(|(item, priced)| match priced {
            Some(priced) => Some((item, priced)),
            None => {
                unavailable.push(item);
                None
            }
        })
        .unzip();
    let ships = priced_lines.iter().any(PricedLine::ships);
    // Taxed where the goods go (the billing address until a shipping one is given), or where
    // the buyer is billed when nothing ships; untaxed until the cart has an address.
    let taxed_at = if ships { shipping.as_ref().or(billing.as_ref()) } else { billing.as_ref() };
    let place = taxed_at.map(|a| crate::taxes::TaxPlace {
        country: a.country.clone(),
        state: a.state.clone(),
        postcode: a.postcode.clone(),
    });
    apply_taxes(db, &mut priced_lines, place.as_ref()).await?;
    let lines: Vec<CartLine> =
        items.into_iter().zip(priced_lines.iter().cloned()).map(|(item, priced)| CartLine { item, priced }).collect();
    let sub_total: Decimal = lines.iter().map(CartLine::total).sum();
    let shipping_method = match (&cart.shipping_method_code, ships) {
        (Some(code), true) => offered_shipping(db, sub_total).await?.into_iter().find(|m| &m.code == code),
        _ => None,
    };
    let payment_method = match &cart.payment_method_code {
        Some(code) => offered_payment(db).await?.into_iter().find(|m| &m.code == code),
        None => None,
    };
    let mut ids: Vec<i64> = lines.iter().map(|l| l.priced.product.id).collect();
    ids.extend(lines.iter().filter_map(|l| l.priced.variant.as_ref().map(|v| v.id)));
    let faces = crate::catalog::store::url_keys_and_images(db, &ids, locale).await?;
    let mut view = CartView {
        faces,
        totals: totals(&priced_lines, shipping_method.as_ref()),
        coupon: None,
        today,
        cart,
        lines,
        unavailable,
        billing,
        shipping,
        shipping_method,
        payment_method,
        ships,
    };
    settle(db, &mut view).await?;
    Ok(view)
}

/// The totals of `view`'s lines as taxed, with its shipping method, discounted by the cart's
/// coupon while it applies.
async fn settle(db: &impl ConnectionTrait, view: &mut CartView) -> Result<(), ServiceError> {
    let priced: Vec<PricedLine> = view.lines.iter().map(|l| l.priced.clone()).collect();
    view.totals = totals(&priced, view.shipping_method.as_ref());
    view.coupon = match view.cart.coupon_code.as_deref() {
        Some(code) => discounted(db, code, view.cart.customer_id, &mut view.totals, &priced, view.today).await?,
        None => None,
    };
    Ok(())
}

/// The cart as if shipped to `place` with `method` (a shipping estimate): its lines taxed
/// there, the method's cost and the coupon in its totals. Nothing is saved.
pub async fn estimate(
    db: &impl ConnectionTrait,
    mut view: CartView,
    place: &crate::taxes::TaxPlace,
    method: Option<shipping_methods::Model>,
) -> Result<CartView, ServiceError> {
    let mut priced: Vec<PricedLine> = view.lines.iter().map(|l| l.priced.clone()).collect();
    apply_taxes(db, &mut priced, Some(place)).await?;
    for (line, taxed) in view.lines.iter_mut().zip(priced) {
        line.priced = taxed;
    }
    view.shipping_method = method;
    settle(db, &mut view).await?;
    Ok(view)
}

/// Discounts `totals` by the coupon `code` while it applies to the cart: the code, or none
/// (a coupon that stopped applying stays on the cart and discounts nothing).
async fn discounted(
    db: &impl ConnectionTrait,
    code: &str,
    customer_id: Option<i64>,
    totals: &mut crate::sales::placement::Totals,
    lines: &[PricedLine],
    today: NaiveDate,
) -> Result<Option<String>, ServiceError> {
    let Some(coupon) = promotions::find(db, code).await? else { return Ok(None) };
    if promotions::refusal(db, &coupon, customer_id, totals.sub_total, today).await?.is_some() {
        return Ok(None);
    }
    *totals = with_discount(*totals, &coupon.rule, lines);
    Ok(Some(coupon.coupon.code))
}

/// A cart line as an order line to price or place.
pub(super) fn request(item: &polyshop_entities::cart_items::Model) -> LineRequest {
    LineRequest {
        key: item.id.to_string(),
        product_id: item.variant_id.unwrap_or(item.product_id),
        qty: item.quantity,
        options: Default::default(),
        links: store::decode_links(item.download_links.as_deref()),
        choice: LineChoice::decode(item.choice.as_deref()),
    }
}

/// Active shipping methods offered for a subtotal (those with a `min_subtotal` only from it).
pub async fn offered_shipping(
    db: &impl ConnectionTrait,
    sub_total: Decimal,
) -> Result<Vec<shipping_methods::Model>, ServiceError> {
    Ok(shipping_methods::Entity::find()
        .filter(shipping_methods::Column::IsActive.eq(true))
        .order_by_asc(shipping_methods::Column::SortOrder)
        .order_by_asc(shipping_methods::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|m| m.min_subtotal.is_none_or(|min| sub_total >= min.value()))
        .collect())
}

/// What shipping the cart with `method` costs.
pub fn shipping_cost(view: &CartView, method: &shipping_methods::Model) -> Decimal {
    let lines: Vec<PricedLine> = view.lines.iter().map(|l| l.priced.clone()).collect();
    shipping_charge(&lines, Some(method))
}

pub async fn offered_payment(db: &impl ConnectionTrait) -> Result<Vec<payment_methods::Model>, ServiceError> {
    Ok(payment_methods::Entity::find()
        .filter(payment_methods::Column::IsActive.eq(true))
        .order_by_asc(payment_methods::Column::SortOrder)
        .order_by_asc(payment_methods::Column::Id)
        .all(db)
        .await?)
}
