//! Finding a shopper's cart and changing its lines.

use std::sync::Arc;

use chrono::NaiveDate;
use poem::http::StatusCode;
use polyshop_entities::{carts, channels, products};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{DatabaseConnection, EntityTrait};

use super::{
    records::{AddItem, CartView, Shopper},
    store, view,
};
use crate::{
    catalog::{kind, product_types::grouped, store::stock_of},
    clock::Clock,
    db::write_transaction,
    sales::placement::{BookingRequest, LineRequest, PricedLine, price_lines, unanswered_required},
    secrets,
    settings::scope::Scope,
};

/// Units of one line at most (a line's quantity is a 32-bit column; no shop sells more at once).
pub const MAX_LINE_QTY: i64 = 10_000;
/// A guest token is refused this many days after its cart last changed.
pub const GUEST_TOKEN_DAYS: i64 = 30;

fn unprocessable(message: impl Into<String>) -> ServiceError {
    ServiceError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

fn cart_item_not_found(id: i64) -> ServiceError {
    ServiceError::not_found_id("Cart item", id)
}

fn cart_not_found() -> ServiceError {
    ServiceError::not_found("Cart not found")
}

#[derive(Clone)]
pub struct CartService {
    pub(super) db: DatabaseConnection,
    pub(super) clock: Arc<dyn Clock>,
}

/// A new guest cart token: a random UUID, as upstream issues them.
fn new_token() -> String {
    secrets::uuid_v4()
}

/// When a quantity is refused: adding answers 400, changing a line 422 (as their pages say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    BadRequest,
    Unprocessable,
}

impl Refusal {
    fn error(self, message: String) -> ServiceError {
        match self {
            Refusal::BadRequest => ServiceError::bad_request(message),
            Refusal::Unprocessable => unprocessable(message),
        }
    }
}

impl CartService {
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        CartService { db, clock }
    }

    /// A new, empty guest cart in `channel_id` and its token (shown once; stored as a hash).
    pub async fn create_guest(&self, channel_id: i64) -> Result<(carts::Model, String), ServiceError> {
        let token = new_token();
        let cart =
            store::insert_cart(&self.db, channel_id, None, Some(secrets::sha256_hex(&token)), self.clock.now()).await?;
        Ok((cart, token))
    }

    /// The cart a guest token names, ordered or not, unless its token expired (30 days after
    /// the cart last changed) or the cart was merged into a customer's (its token is forgotten).
    pub async fn guest_cart(&self, token: &str) -> Result<Option<carts::Model>, ServiceError> {
        let cart = store::find_guest(&self.db, &secrets::sha256_hex(token.trim())).await?;
        let oldest = self.clock.now() - chrono::Duration::days(GUEST_TOKEN_DAYS);
        Ok(cart.filter(|c| c.updated_at > oldest))
    }

    /// The shopper's open cart in `channel_id`: 404 `Cart not found` when there is none (a
    /// customer before their first product, a guest whose cart was ordered), unless `open`
    /// asks for a new one then (a guest's new cart takes over the token).
    pub async fn cart_of(&self, shopper: Shopper, channel_id: i64, open: bool) -> Result<carts::Model, ServiceError> {
        let now = self.clock.now();
        match shopper {
            Shopper::Guest { cart_id } => {
                let cart = store::find_cart(&self.db, cart_id).await?.ok_or_else(cart_not_found)?;
                match (cart.is_active, open) {
                    (true, _) => Ok(cart),
                    (false, false) => Err(cart_not_found()),
                    (false, true) => {
                        write_transaction(&self.db, move |txn| {
                            Box::pin(async move {
                                store::forget_token(txn, cart.id).await?;
                                store::insert_cart(txn, cart.channel_id, None, cart.guest_token_hash, now).await
                            })
                        })
                        .await
                    }
                }
            }
            Shopper::Customer { customer_id } => {
                match store::find_customer_cart(&self.db, customer_id, channel_id).await? {
                    Some(cart) => Ok(cart),
                    None if open => store::insert_cart(&self.db, channel_id, Some(customer_id), None, now).await,
                    None => Err(cart_not_found()),
                }
            }
        }
    }

    /// A cart of the shopper by id: a guest's own cart (open or ordered), any of a customer's.
    pub async fn shoppers_cart(&self, shopper: Shopper, cart_id: i64) -> Result<Option<carts::Model>, ServiceError> {
        let cart = store::find_cart(&self.db, cart_id).await?;
        Ok(cart.filter(|c| match shopper {
            Shopper::Guest { cart_id: own } => c.id == own,
            Shopper::Customer { customer_id } => c.customer_id == Some(customer_id),
        }))
    }

    /// A page of a customer's carts, ordered or not, newest first.
    pub async fn customer_carts(
        &self,
        customer_id: i64,
        window: PageWindow,
    ) -> Result<Page<carts::Model>, ServiceError> {
        Ok(Page::of_all(store::customer_carts(&self.db, customer_id).await?, window))
    }

    /// When an open guest cart's token expires; none for customers' and closed carts.
    pub fn token_expiry(cart: &carts::Model) -> Option<chrono::DateTime<chrono::Utc>> {
        (cart.customer_id.is_none() && cart.is_active)
            .then(|| cart.updated_at + chrono::Duration::days(GUEST_TOKEN_DAYS))
    }

    /// Lines and units of a cart (for listings of carts).
    pub async fn size(&self, cart_id: i64) -> Result<(i64, i64), ServiceError> {
        let items = store::items(&self.db, cart_id).await?;
        Ok((i64::try_from(items.len()).unwrap_or(i64::MAX), items.iter().map(|i| i64::from(i.quantity)).sum()))
    }

    /// The cart priced now.
    pub async fn view(
        &self,
        cart: carts::Model,
        channel: &channels::Model,
        locale: &str,
        today: NaiveDate,
    ) -> Result<CartView, ServiceError> {
        view::view(&self.db, cart, channel, locale, today, self.clock.now()).await
    }

    /// Stages the file of a product's `file` option and answers its token (see [`super::uploads`]).
    #[allow(clippy::too_many_arguments)] // the upload and where it goes
    pub async fn stage_upload(
        &self,
        owner: &str,
        product_id: i64,
        option_id: i64,
        file_name: Option<&str>,
        content_type: Option<&str>,
        bytes: &[u8],
        storage_dir: &std::path::Path,
    ) -> Result<super::uploads::Staged, ServiceError> {
        let now = self.clock.now();
        super::uploads::stage(&self.db, now, owner, product_id, option_id, file_name, content_type, bytes, storage_dir)
            .await
    }

    /// Adds a product; the same product with the same choice adds to its line, a grouped
    /// product adds each associated product it is given a quantity for. 404 for an unknown
    /// product; 400 when it is disabled, not sold in the channel or short of stock; 422 when
    /// its choice is missing or wrong, or its type is not taken by carts yet.
    pub async fn add(
        &self,
        cart: &carts::Model,
        add: AddItem,
        channel: &channels::Model,
        locale: &str,
    ) -> Result<(), ServiceError> {
        self.add_all(cart, vec![add], channel, locale).await
    }

    /// Adds several products at once, as [`Self::add`] adds one: every one is checked first and
    /// they are added in one transaction, so a refusal of any leaves the cart as it was.
    pub async fn add_all(
        &self,
        cart: &carts::Model,
        adds: Vec<AddItem>,
        channel: &channels::Model,
        locale: &str,
    ) -> Result<(), ServiceError> {
        let mut wanted: Vec<(PricedLine, i64)> = Vec::new();
        let buy_now = adds.iter().any(|a| a.buy_now);
        let owner = super::uploads::owner_of(cart.customer_id, cart.id);
        let mut uploads = Vec::new();
        for mut add in adds {
            uploads.extend(super::uploads::resolve(&self.db, self.clock.now(), &owner, &mut add).await?);
            wanted.extend(self.wanted_lines(add, channel, locale).await?);
        }
        for (_, qty) in &wanted {
            if !(1..=MAX_LINE_QTY).contains(qty) {
                return Err(
                    Refusal::BadRequest.error(format!("The quantity must be a whole number from 1 to {MAX_LINE_QTY}."))
                );
            }
        }
        let now = self.clock.now();
        let cart_id = cart.id;
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                if buy_now {
                    store::clear(txn, cart_id).await?;
                }
                super::uploads::take(txn, &uploads, now).await?;
                let mut current = store::items(txn, cart_id).await?;
                for (line, qty) in wanted {
                    let key = store::LineKey::of(&line);
                    let had = current.iter().find(|i| key.is(i)).map_or(0, |i| i64::from(i.quantity));
                    let total = had + qty;
                    if total > MAX_LINE_QTY {
                        return Err(
                            Refusal::BadRequest.error(format!("A cart line holds at most {MAX_LINE_QTY} units."))
                        );
                    }
                    for (product, units) in line.stock_needs(total) {
                        check_quantity(txn, product, units, Refusal::BadRequest).await?;
                    }
                    let total = i32::try_from(total).unwrap_or(i32::MAX);
                    store::add_to_line(txn, cart_id, &key, total, now).await?;
                    // A later entry of the same product adds to what this one left.
                    current = store::items(txn, cart_id).await?;
                }
                store::touch(txn, cart_id, now, None, None).await
            })
        })
        .await
    }

    /// The priced lines one product to add stands for (a grouped product: one per member).
    async fn wanted_lines(
        &self,
        add: AddItem,
        channel: &channels::Model,
        locale: &str,
    ) -> Result<Vec<(PricedLine, i64)>, ServiceError> {
        let product = products::Entity::find_by_id(add.product_id)
            .one(&self.db)
            .await?
            .ok_or_else(|| ServiceError::not_found_id("Product", add.product_id))?;
        let mut wanted: Vec<(PricedLine, i64)> = Vec::new();
        if product.type_ == kind::GROUPED && product.parent_id.is_none() {
            let associated =
                grouped::of_products(&self.db, &[product.id]).await?.remove(&product.id).unwrap_or_default();
            for (member, qty) in add.grouped.iter().filter(|(_, q)| **q > 0) {
                if !associated.iter().any(|a| a.associated_product_id == *member) {
                    return Err(unprocessable(format!(
                        "Product {member} is not part of grouped product {}.",
                        product.sku
                    )));
                }
                let member = AddItem { product_id: *member, ..Default::default() };
                let line = self.resolve(channel, locale, &member).await?;
                wanted.push((line, *qty));
            }
            if wanted.is_empty() {
                return Err(unprocessable(format!(
                    "Give a quantity (`groupedQty`) for at least one product of grouped product {}.",
                    product.sku
                )));
            }
        } else if product.type_ == kind::BOOKING && add.choice.booking.as_ref().is_some_and(|b| !b.tickets.is_empty()) {
            // An event: one line per ticket, its quantity the ticket's.
            let asked = add.choice.booking.clone().unwrap_or_default();
            for (ticket, qty) in asked.tickets.iter().filter(|(_, q)| **q > 0) {
                let booking = BookingRequest { ticket_id: Some(*ticket), tickets: Default::default(), ..asked.clone() };
                let choice = crate::sales::placement::LineChoice { booking: Some(booking), ..Default::default() };
                let one = AddItem { quantity: *qty, choice, ..add.clone() };
                wanted.push((self.resolve(channel, locale, &one).await?, *qty));
            }
            if wanted.is_empty() {
                return Err(unprocessable("Select at least one ticket quantity for event booking."));
            }
        } else {
            let line = self.resolve(channel, locale, &add).await?;
            // The storefront asks for every required customizable option (an order entered
            // through another API may leave them out).
            if matches!(line.product.type_.as_str(), kind::SIMPLE | kind::VIRTUAL) && line.variant.is_none() {
                let product_id = line.product.id;
                let missing = unanswered_required(&self.db, product_id, &add.choice.customizable, locale).await?;
                if let Some(label) = missing.first() {
                    return Err(unprocessable(format!("The customizable option \"{label}\" is required.")));
                }
            }
            wanted.push((line, add.quantity));
        }
        Ok(wanted)
    }

    /// Resolves a product (and its choice: variant or options, links) as an order would: 400
    /// when it cannot be sold, 422 when the choice is missing or wrong.
    async fn resolve(
        &self,
        channel: &channels::Model,
        locale: &str,
        add: &AddItem,
    ) -> Result<PricedLine, ServiceError> {
        let AddItem { product_id, variant_id, ref options, ref links, ref choice, quantity, .. } = *add;
        let probe = LineRequest {
            key: "item".into(),
            product_id: variant_id.unwrap_or(product_id),
            // The units added (a booking's capacity is checked for them).
            qty: i32::try_from(quantity.clamp(1, MAX_LINE_QTY)).unwrap_or(1),
            options: if variant_id.is_some() { Default::default() } else { options.clone() },
            links: links.to_vec(),
            choice: choice.clone(),
        };
        let mut priced = price_lines(&self.db, channel, locale, std::slice::from_ref(&probe), self.clock.now())
            .await
            .map_err(refusal_of)?;
        let line = priced.pop().ok_or_else(|| ServiceError::internal("a priced line is missing"))?;
        // A variant named beside its configurable product must be one of its variants.
        if variant_id.is_some() && line.product.id != product_id && line.stock_product().id != product_id {
            return Err(unprocessable(format!(
                "Product {} is not a variant of product {product_id}.",
                line.stock_product().id
            )));
        }
        Ok(line)
    }

    /// Sets a line's quantity (404 for a line of another cart; 422 past the stock).
    pub async fn update_quantity(
        &self,
        cart: &carts::Model,
        item_id: i64,
        quantity: i64,
        channel: &channels::Model,
        locale: &str,
    ) -> Result<(), ServiceError> {
        self.update_quantities(cart, &[(item_id, quantity)], channel, locale).await
    }

    /// Sets the quantities of several lines (line id, quantity) in one transaction: a refusal
    /// of any (404 for a line of another cart, 422 past the stock of the line's product, or of
    /// any of a bundle's picks) changes none.
    pub async fn update_quantities(
        &self,
        cart: &carts::Model,
        changes: &[(i64, i64)],
        channel: &channels::Model,
        locale: &str,
    ) -> Result<(), ServiceError> {
        if changes.iter().any(|(_, q)| !(1..=MAX_LINE_QTY).contains(q)) {
            return Err(unprocessable(format!("The quantity must be a whole number from 1 to {MAX_LINE_QTY}.")));
        }
        let now = self.clock.now();
        let cart_id = cart.id;
        let changes = changes.to_vec();
        let (channel, locale) = (channel.clone(), locale.to_owned());
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                let items = store::items(txn, cart_id).await?;
                for (item_id, quantity) in changes {
                    let item =
                        items.iter().find(|i| i.id == item_id).cloned().ok_or_else(|| cart_item_not_found(item_id))?;
                    // A line that cannot take the quantity now is a 422, whatever the reason.
                    let price = |qty: i64| {
                        let request = LineRequest { qty: i32::try_from(qty).unwrap_or(i32::MAX), ..view::request(&item) };
                        let (channel, locale) = (&channel, &locale);
                        async move {
                            price_lines(txn, channel, locale, std::slice::from_ref(&request), now)
                                .await
                                .map_err(|e| unprocessable(refusal_of(e).messages().join(" ")))?
                                .pop()
                                .ok_or_else(|| ServiceError::internal("a priced line is missing"))
                        }
                    };
                    // Priced at the new quantity (a booking's places are checked for it); an event
                    // or appointment line refuses any change, as upstream.
                    let priced = price(quantity).await;
                    let fixed = match &priced {
                        Ok(line) => line.booking.clone(),
                        Err(_) => price(i64::from(item.quantity)).await.ok().and_then(|l| l.booking),
                    }
                    .filter(|b| b.fixed_qty && i64::from(item.quantity) != quantity);
                    if let Some(booking) = fixed {
                        return Err(ServiceError::bad_request(match booking.kind.as_str() {
                            "event" => "Event booking product quantity cannot be changed. Quantity is determined by ticket selection.",
                            _ => "Appointment booking product quantity cannot be changed.",
                        }));
                    }
                    let line = priced?;
                    for (product, units) in line.stock_needs(quantity) {
                        check_quantity(txn, product, units, Refusal::Unprocessable).await?;
                    }
                    store::set_quantity(txn, item, i32::try_from(quantity).unwrap_or(i32::MAX), now).await?;
                }
                store::touch(txn, cart_id, now, None, None).await
            })
        })
        .await
    }

    /// Removes lines of the cart (404 when none of `ids` is one of its lines).
    pub async fn remove(&self, cart: &carts::Model, ids: &[i64]) -> Result<(), ServiceError> {
        let removed = store::delete_items(&self.db, cart.id, ids).await?;
        if removed == 0 {
            return Err(cart_item_not_found(ids.first().copied().unwrap_or_default()));
        }
        store::touch(&self.db, cart.id, self.clock.now(), None, None).await
    }

    /// Moves the lines of the open guest cart `guest_token` names into the customer's cart
    /// (opened if need be) and closes the guest cart, whose token dies with it. 404 when the
    /// token names no open guest cart (or `cart_id`, when given, is not that cart).
    pub async fn merge(
        &self,
        guest_token: &str,
        cart_id: Option<i64>,
        customer_id: i64,
        channel_id: i64,
    ) -> Result<carts::Model, ServiceError> {
        let guest = self
            .guest_cart(guest_token)
            .await?
            .filter(|c| c.is_active && c.customer_id.is_none() && cart_id.is_none_or(|id| id == c.id))
            .ok_or_else(|| ServiceError::not_found("Guest cart not found"))?;
        let into = self.cart_of(Shopper::Customer { customer_id }, channel_id, true).await?;
        let now = self.clock.now();
        let into_id = into.id;
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                store::move_lines(txn, guest.id, into_id, now).await?;
                store::deactivate(txn, guest.id, None, now).await?;
                store::forget_token(txn, guest.id).await?;
                store::touch(txn, into_id, now, None, None).await
            })
        })
        .await?;
        Ok(into)
    }
}

/// A refusal of pricing a line to add or change, as the cart answers it: 400 when the product
/// cannot be sold now (or a bundle's fixed units were changed), 422 when the choice is missing
/// or wrong; the field prefixes of order placement left out.
fn refusal_of(e: ServiceError) -> ServiceError {
    let message = e.messages().join(" ");
    let message =
        ["product_options", "links", "bundle_options", "bundle_option_qty", "customizable_options", "booking"]
            .iter()
            .fold(message, |m, field| m.replace(&format!("products.item.{field}: "), ""))
            .replace("products.item: ", "");
    let now_impossible = [
        "is disabled",
        "is not sold",
        "does not exist",
        "cannot be changed",
        "not available",
        "sold out",
        "tickets are available",
        "has been expired",
    ];
    if now_impossible.iter().any(|p| message.contains(p)) {
        ServiceError::bad_request(message)
    } else {
        unprocessable(message)
    }
}

/// Refuses `wanted` units past what the product's stock holds (products whose stock is not
/// tracked take any quantity), naming the product.
async fn check_quantity(
    db: &impl sea_orm::ConnectionTrait,
    product: &products::Model,
    wanted: i64,
    refusal: Refusal,
) -> Result<(), ServiceError> {
    if !product.manage_stock || !kind::holds_stock(&product.type_) {
        return Ok(());
    }
    let available = stock_of(db, &[product.id]).await?.get(&product.id).copied().unwrap_or(0).max(0);
    if wanted > available {
        return Err(refusal.error(format!(
            "The requested quantity of {} is not available: {wanted} asked, {available} in stock.",
            product.sku
        )));
    }
    Ok(())
}

impl CartService {
    /// A configurable product's choice given by names, as legacy clients send it
    /// (`{color: "Red", size: "L"}`): each key an attribute code or id, each value an option's
    /// id, admin name or label. 422 naming what matches no super attribute or option.
    pub async fn choice_by_names(
        &self,
        scope: &Scope,
        product_id: i64,
        names: &[(String, String)],
    ) -> Result<std::collections::BTreeMap<i64, i64>, ServiceError> {
        let supers = crate::catalog::details::super_attributes(&self.db, scope, &[product_id])
            .await?
            .remove(&product_id)
            .unwrap_or_default();
        let mut choice = std::collections::BTreeMap::new();
        for (key, value) in names {
            let (key, value) = (key.trim(), value.trim());
            let attribute = supers
                .iter()
                .find(|s| s.attribute.code.eq_ignore_ascii_case(key) || s.attribute.id.to_string() == key)
                .ok_or_else(|| {
                    unprocessable(format!("`{key}` is not a configurable attribute of product {product_id}."))
                })?;
            let option = attribute
                .options
                .iter()
                .find(|o| {
                    o.id.to_string() == value
                        || o.admin_name.eq_ignore_ascii_case(value)
                        || o.label.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(value))
                })
                .ok_or_else(|| {
                    unprocessable(format!("`{value}` is not an option of `{}`.", attribute.attribute.code))
                })?;
            choice.insert(attribute.attribute.id, option.id);
        }
        Ok(choice)
    }
}

impl CartService {
    /// Puts coupon `code` on the cart when it applies to it now (the cart's discount follows),
    /// replacing the one it held: `Ok(false)`, and the cart unchanged, when it does not.
    pub async fn apply_coupon(
        &self,
        cart: &carts::Model,
        code: &str,
        channel: &channels::Model,
        locale: &str,
        today: NaiveDate,
    ) -> Result<bool, ServiceError> {
        let Some(coupon) = crate::promotions::find(&self.db, code).await? else { return Ok(false) };
        let view = self.view(cart.clone(), channel, locale, today).await?;
        if view.lines.is_empty()
            || crate::promotions::refusal(&self.db, &coupon, cart.customer_id, view.totals.sub_total, today)
                .await?
                .is_some()
        {
            return Ok(false);
        }
        store::set_coupon(&self.db, cart.id, Some(coupon.coupon.code), self.clock.now()).await?;
        Ok(true)
    }

    /// Takes the coupon off the cart (whether it held one or not).
    pub async fn remove_coupon(&self, cart: &carts::Model) -> Result<(), ServiceError> {
        store::set_coupon(&self.db, cart.id, None, self.clock.now()).await
    }
}

impl CartService {
    /// Adds the lines of one of the customer's orders (any status) to their cart in the
    /// scope's channel again, at today's prices: each top-level line with its ordered quantity
    /// (a configurable line with its variant), each on its own, so a line the catalog refuses
    /// now (gone, disabled, short of stock) is skipped. How many lines were added; 404
    /// `Order not found (ID: n)` for an unknown or another customer's order.
    pub async fn reorder(&self, customer_id: i64, order_id: i64, scope: &Scope) -> Result<i64, ServiceError> {
        let record = crate::sales::account::order_of(&self.db, customer_id, order_id)
            .await?
            .ok_or_else(|| ServiceError::not_found(format!("Order not found (ID: {order_id})")))?;
        let cart = self.cart_of(Shopper::Customer { customer_id }, scope.channel.id, true).await?;
        let mut added = 0_i64;
        for line in record.items.iter().filter(|l| l.parent_id.is_none()) {
            let Some(product_id) = line.product_id else { continue };
            // A configurable line's child line is its variant (a bundle's are its picks).
            let variant_id = (line.type_ == kind::CONFIGURABLE)
                .then(|| record.items.iter().find(|c| c.parent_id == Some(line.id)).and_then(|c| c.product_id))
                .flatten();
            // A downloadable line again with the links it bought, a bundle with its picks.
            let (links, choice) = crate::sales::placement::LineChoice::of_order_item(line.additional.as_ref());
            let add = AddItem {
                product_id,
                quantity: i64::from(line.qty_ordered),
                variant_id,
                links,
                choice,
                ..Default::default()
            };
            match self.add(&cart, add, &scope.channel, &scope.locale).await {
                Ok(()) => added += 1,
                Err(e) if e.status().is_client_error() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(added)
    }
}
