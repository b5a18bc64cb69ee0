//! The shopper's cart (Bagisto shop REST API): guest cart tokens, reading the cart, adding,
//! changing and removing lines, merging a guest cart into a customer's. Every answer is the
//! cart priced now ([`cart_body`]).

use std::collections::BTreeMap;

use serde_json::Value;

use polyshop_api_bagisto_shop::{cart::*, models};
use polyshop_runtime::{Page, Principal, RequestContext, ServiceError};

use super::{
    context::{ShopRequest, price},
    customers::signed_in,
};
use polyshop_core::{
    AppState,
    carts::{AddItem, Cart, CartView, Shopper, uploads},
    sales::placement::{BookingRequest, LineChoice},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

/// Whose cart the request works on, and the guest token it sent (to echo it).
pub fn shopper(ctx: &RequestContext) -> Result<(Shopper, Option<String>), ServiceError> {
    match &ctx.user {
        Some(Principal::GuestCart { cart_id, token }) => {
            Ok((Shopper::Guest { cart_id: *cart_id }, Some(token.0.clone())))
        }
        Some(Principal::Customer { customer_id, .. }) => Ok((Shopper::Customer { customer_id: *customer_id }, None)),
        _ => Err(ServiceError::unauthorized(polyshop_core::customers::tokens::UNAUTHENTICATED)),
    }
}

/// The shopper's open cart priced now (404 `Cart not found` without one, unless `open`).
pub async fn current(
    state: &AppState,
    ctx: &RequestContext,
    open: bool,
) -> Result<(CartView, Option<String>), ServiceError> {
    let (who, token) = shopper(ctx)?;
    let scope = ctx.scope().await?;
    let carts = state.carts();
    let cart = carts.cart_of(who, scope.channel.id, open).await?;
    Ok((priced(state, scope, cart).await?, token))
}

pub async fn priced(state: &AppState, scope: &Scope, cart: Cart) -> Result<CartView, ServiceError> {
    let today = state.clock.now().with_timezone(&scope.timezone).date_naive();
    state.carts().view(cart, &scope.channel, &scope.locale, today).await
}

fn address_body(a: &polyshop_entities::cart_addresses::Model) -> models::CartAddress {
    models::CartAddress {
        id: a.id,
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        email: a.email.clone(),
        address: a.address.clone(),
        city: a.city.clone(),
        state: a.state.clone(),
        country: a.country.clone(),
        postcode: a.postcode.clone(),
        phone: a.phone.clone(),
    }
}

fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The cart as every cart operation answers it; `message` for the answers of changes.
pub fn cart_body(view: &CartView, scope: &Scope, token: Option<String>, message: Option<&str>) -> models::Cart {
    let money = |d: rust_decimal::Decimal| (price(d), scope.format_price(d));
    let items = view
        .lines
        .iter()
        .map(|l| {
            let p = &l.priced;
            let shown = p.stock_product();
            let (unit, unit_text) = money(p.unit_price);
            let (total, total_text) = money(l.total());
            let zero = price(rust_decimal::Decimal::ZERO);
            let line_tax = price(p.tax());
            // A unit's price with tax: its share of the line's (rounded) tax.
            let (unit_incl, unit_incl_text) =
                money(p.unit_price + polyshop_core::taxes::tax_on(p.unit_price, p.tax_percent));
            let (total_incl, total_incl_text) = money(l.total() + p.tax());
            let face = view.faces.get(&shown.id).or_else(|| view.faces.get(&p.product.id));
            let image = face
                .and_then(|f| f.1.clone())
                .or_else(|| view.faces.get(&p.product.id).and_then(|f| f.1.clone()))
                .map(|path| {
                    let url = scope.media_url(&path);
                    serde_json::json!({"small_image_url": url, "original_image_url": url}).to_string()
                });
            models::CartItem {
                id: l.item.id,
                cart_id: l.item.cart_id,
                product_id: p.product.id,
                name: p.name.clone(),
                sku: shown.sku.clone(),
                type_: p.product.type_.parse().unwrap_or(models::ProductType::Simple),
                quantity: l.item.quantity,
                price: unit,
                base_price: unit,
                total,
                base_total: total,
                discount_amount: zero,
                base_discount_amount: zero,
                tax_amount: line_tax,
                base_tax_amount: line_tax,
                formatted_price: unit_text,
                formatted_total: total_text,
                price_incl_tax: unit_incl,
                base_price_incl_tax: unit_incl,
                formatted_price_incl_tax: unit_incl_text,
                total_incl_tax: total_incl,
                base_total_incl_tax: total_incl,
                formatted_total_incl_tax: total_incl_text,
                options: (!p.options.is_empty()
                    || !p.links.is_empty()
                    || !p.bundle.is_empty()
                    || !p.customizable.is_empty()
                    || p.booking.is_some())
                .then(|| {
                    let attributes = p.options.iter().map(|(_, _, name, option_id, label)| models::CartItemOption {
                        option_id: *option_id,
                        option_label: label.clone(),
                        attribute_name: name.clone(),
                        is_required: None,
                        can_change_qty: None,
                    });
                    // Each chosen download link, as upstream lists them (`Downloads: PDF edition`).
                    let links = p.links.iter().map(|l| models::CartItemOption {
                        option_id: 0,
                        option_label: l.title.clone(),
                        attribute_name: "Downloads".into(),
                        is_required: None,
                        can_change_qty: None,
                    });
                    // Each pick of a bundle under its option's title (`1 x Silk Scarf $35.00`).
                    let picks = p.bundle.iter().map(|m| models::CartItemOption {
                        option_id: m.option_id,
                        option_label: match m.unit_price.is_zero() {
                            true => format!("{} x {}", m.qty, m.name),
                            false => format!("{} x {} {}", m.qty, m.name, scope.format_price(m.unit_price)),
                        },
                        attribute_name: m.option_label.clone(),
                        is_required: Some(m.option_required),
                        can_change_qty: Some(m.can_change_qty),
                    });
                    // Each customizable option answered, with what it adds (`Engraving: AB (+$5.00)`).
                    let answered = p.customizable.iter().map(|o| models::CartItemOption {
                        option_id: o.option_id,
                        option_label: match o.price.is_zero() {
                            true => o.shown.clone(),
                            false => format!("{} (+{})", o.shown, scope.format_price(o.price)),
                        },
                        attribute_name: o.label.clone(),
                        is_required: None,
                        can_change_qty: None,
                    });
                    // A booking's labels (`Booking From`, `Event Ticket`, ...), as upstream lists them.
                    let booked = p.booking.iter().flat_map(|b| &b.labels).map(|(name, label)| models::CartItemOption {
                        option_id: 0,
                        option_label: label.clone(),
                        attribute_name: name.clone(),
                        is_required: None,
                        can_change_qty: None,
                    });
                    attributes.chain(links).chain(picks).chain(answered).chain(booked).collect()
                }),
                base_image: image,
                product_url_key: view.faces.get(&p.product.id).and_then(|f| f.0.clone()).unwrap_or_default(),
                // Event and appointment bookings keep their quantity.
                can_change_qty: !p.booking.as_ref().is_some_and(|b| b.fixed_qty),
            }
        })
        .collect::<Vec<_>>();
    let t = view.totals;
    let (sub, sub_text) = money(t.sub_total);
    let (discount, discount_text) = money(t.discount);
    let (tax, tax_text) = money(t.tax);
    let (shipping, shipping_text) = money(t.shipping);
    let (grand, grand_text) = money(t.grand_total);
    let is_guest = view.cart.customer_id.is_none();
    // Shipping is not taxed: only the lines carry tax.
    let (sub_incl, sub_incl_text) = money(t.sub_total + t.tax);
    models::Cart {
        id: view.cart.id,
        cart_token: if is_guest { token } else { None },
        session_token: None,
        customer_id: view.cart.customer_id,
        channel_id: view.cart.channel_id,
        is_guest,
        items_count: count(i64::try_from(items.len()).unwrap_or(i64::MAX)),
        items_qty: count(view.items_qty()),
        items,
        subtotal: sub,
        base_subtotal: sub,
        formatted_subtotal: sub_text.clone(),
        discount_amount: discount,
        base_discount_amount: discount,
        formatted_discount_amount: discount_text,
        tax_amount: tax,
        base_tax_amount: tax,
        formatted_tax_amount: tax_text.clone(),
        tax_total: tax,
        formatted_tax_total: tax_text,
        shipping_amount: shipping,
        base_shipping_amount: shipping,
        formatted_shipping_amount: shipping_text.clone(),
        grand_total: grand,
        base_grand_total: grand,
        formatted_grand_total: grand_text,
        sub_total_incl_tax: sub_incl,
        base_sub_total_incl_tax: sub_incl,
        formatted_sub_total_incl_tax: sub_incl_text,
        shipping_amount_incl_tax: shipping,
        base_shipping_amount_incl_tax: shipping,
        formatted_shipping_amount_incl_tax: shipping_text,
        coupon_code: view.cart.coupon_code.clone(),
        have_stockable_items: view.ships,
        shipping_method: view.shipping_method.as_ref().map(|m| m.code.clone()),
        shipping_method_title: view.shipping_method.as_ref().map(|m| m.title.clone()),
        payment_method: view.payment_method.as_ref().map(|m| m.code.clone()),
        payment_method_title: view.payment_method.as_ref().map(|m| m.title.clone()),
        billing_address: view.billing.as_ref().map(address_body),
        shipping_address: view.shipping.as_ref().map(address_body),
        success: message.map(|_| true),
        message: message.map(str::to_owned),
    }
}

/// `{"12": 3}` → `{12: 3}`; keys that are not ids are a 400 naming `field`.
fn id_map<V: Copy + Into<i64>>(map: &BTreeMap<String, V>, field: &str) -> Result<BTreeMap<i64, i64>, ServiceError> {
    map.iter()
        .map(|(k, v)| match k.trim().parse::<i64>() {
            Ok(id) if id > 0 => Ok((id, (*v).into())),
            _ => Err(ServiceError::bad_request(format!("`{field}`: `{k}` is not an id"))),
        })
        .collect()
}

/// Bundle picks as `bundleOptions` and `bundleOptionQty` send them: objects or their JSON text
/// (upstream's clients send text), a pick list or a single id per option. Upstream's messages
/// for what is not JSON or not a map; at most 100 options of 100 picks.
pub(crate) fn bundle_choice(options: Option<&Value>, qty: Option<&Value>) -> Result<LineChoice, ServiceError> {
    fn map_of<'a>(
        value: &'a Value,
        field: &str,
        parsed: &'a mut Value,
    ) -> Result<Option<&'a serde_json::Map<String, Value>>, ServiceError> {
        let value = match value {
            Value::String(text) if text.trim().is_empty() => return Ok(None),
            Value::String(text) => {
                *parsed = serde_json::from_str(text)
                    .map_err(|_| ServiceError::bad_request(format!("Invalid \"{field}\" JSON string.")))?;
                if !parsed.is_object() && !parsed.as_array().is_some_and(Vec::is_empty) {
                    return Err(ServiceError::bad_request(format!(
                        "Invalid \"{field}\" JSON string. Expected an object/array."
                    )));
                }
                &*parsed
            }
            other => other,
        };
        match value {
            Value::Null => Ok(None),
            Value::Array(items) if items.is_empty() => Ok(None),
            Value::Object(map) if map.len() <= 100 => Ok(Some(map)),
            _ => Err(ServiceError::bad_request(format!("Invalid \"{field}\" value. Expected JSON string or array."))),
        }
    }
    let id = |v: &Value| match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let key = |k: &str, field: &str| {
        k.trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| ServiceError::bad_request(format!("`{field}`: `{k}` is not a bundle option id")))
    };
    let mut choice = LineChoice::default();
    let mut parsed = Value::Null;
    if let Some(map) = options.map(|v| map_of(v, "bundleOptions", &mut parsed)).transpose()?.flatten() {
        for (k, v) in map {
            let picks: Option<Vec<i64>> = match v {
                Value::Array(items) if items.len() <= 100 => items.iter().map(id).collect(),
                Value::Array(_) => None,
                one => id(one).map(|p| vec![p]),
            };
            let picks = picks.ok_or_else(|| {
                ServiceError::bad_request(format!(
                    "`bundleOptions`: option `{k}` must list option-product ids, as `[1]`"
                ))
            })?;
            choice.bundle.insert(key(k, "bundleOptions")?, picks.into_iter().filter(|p| *p > 0).collect());
        }
    }
    let mut parsed = Value::Null;
    if let Some(map) = qty.map(|v| map_of(v, "bundleOptionQty", &mut parsed)).transpose()?.flatten() {
        for (k, v) in map {
            let units = id(v).ok_or_else(|| {
                ServiceError::bad_request(format!(
                    "`bundleOptionQty`: the quantity of option `{k}` must be a whole number"
                ))
            })?;
            choice.bundle_qty.insert(key(k, "bundleOptionQty")?, units);
        }
    }
    Ok(choice)
}

/// A booking as the add-to-cart forms send it, read into the core's request: the event's
/// `qty` map checked (ticket ids to non-negative units); the note from `specialNote`, else
/// `bookingNote`, else `booking.note`.
pub(crate) struct BookingFields {
    pub date: Option<String>,
    pub slot: Option<String>,
    pub renting_type: Option<String>,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub qty: BTreeMap<String, i64>,
    pub note: Option<String>,
}

impl BookingFields {
    pub(crate) fn request(
        self,
        booking_note: Option<&str>,
        special_note: Option<&str>,
    ) -> Result<BookingRequest, ServiceError> {
        // GraphQL's JSON text has no schema limits: the REST ones, checked here.
        let fields = [&self.date, &self.slot, &self.renting_type, &self.date_from, &self.date_to];
        if fields.iter().filter_map(|f| f.as_deref()).any(|v| v.chars().count() > 64 || v.contains('\0')) {
            return Err(ServiceError::bad_request("`booking`: dates, slots and types take at most 64 characters"));
        }
        let notes = [self.note.as_deref(), booking_note, special_note];
        if notes.into_iter().flatten().any(|n| n.chars().count() > 1000 || n.contains('\0')) {
            return Err(ServiceError::bad_request("`booking.note`: at most 1000 characters"));
        }
        let mut tickets = BTreeMap::new();
        for (k, v) in self.qty {
            let id = k.trim().parse::<i64>().ok().filter(|id| *id > 0);
            let id = id.ok_or_else(|| ServiceError::bad_request(format!("`booking.qty`: `{k}` is not a ticket id")))?;
            if v < 0 {
                return Err(ServiceError::bad_request("Event ticket quantity must be a non-negative number."));
            }
            tickets.insert(id, v);
        }
        let note = [special_note, booking_note, self.note.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|n| !n.is_empty())
            .map(str::to_owned);
        Ok(BookingRequest {
            date: self.date,
            slot: self.slot,
            renting_type: self.renting_type,
            date_from: self.date_from,
            date_to: self.date_to,
            ticket_id: None,
            tickets,
            note,
        })
    }

    /// The booking's JSON text (GraphQL's `booking`): a 400 for what is not a JSON object.
    pub(crate) fn from_text(text: &str) -> Result<Option<BookingFields>, ServiceError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let bad = || ServiceError::bad_request("Invalid \"booking\" JSON string. Expected an object.");
        let value: Value = serde_json::from_str(text).map_err(|_| bad())?;
        let object = value.as_object().ok_or_else(bad)?;
        let text_of = |key: &str| match object.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let mut qty = BTreeMap::new();
        if let Some(Value::Object(map)) = object.get("qty") {
            for (k, v) in map.iter().take(100) {
                let units = match v {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                };
                let units = units
                    .ok_or_else(|| ServiceError::bad_request("Event ticket quantity must be a non-negative number."))?;
                qty.insert(k.clone(), units);
            }
        }
        Ok(Some(BookingFields {
            date: text_of("date"),
            slot: text_of("slot"),
            renting_type: text_of("renting_type"),
            date_from: text_of("date_from"),
            date_to: text_of("date_to"),
            qty,
            note: text_of("note"),
        }))
    }
}

/// `customizableOptions` as REST sends it (`{"3": ["Gold"]}`): option ids to values.
fn option_values(map: Option<&BTreeMap<String, Vec<String>>>) -> Result<BTreeMap<i64, Vec<String>>, ServiceError> {
    map.into_iter()
        .flatten()
        .map(|(k, v)| match k.trim().parse::<i64>() {
            Ok(id) if id > 0 => Ok((id, v.clone())),
            _ => Err(ServiceError::bad_request(format!("`customizableOptions`: `{k}` is not an option id"))),
        })
        .collect()
}

impl Service {
    async fn answer(&self, ctx: &RequestContext, message: Option<&str>) -> Result<models::Cart, ServiceError> {
        let (view, token) = current(&self.0, ctx, false).await?;
        Ok(cart_body(&view, ctx.scope().await?, token, message))
    }

    async fn update(
        &self,
        ctx: &RequestContext,
        body: models::UpdateCartItemRequest,
    ) -> Result<models::Cart, ServiceError> {
        let (who, _) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let cart = self.0.carts().cart_of(who, scope.channel.id, false).await?;
        let quantity = i64::from(body.quantity);
        self.0.carts().update_quantity(&cart, body.cart_item_id, quantity, &scope.channel, &scope.locale).await?;
        self.answer(ctx, Some("Cart updated successfully")).await
    }

    async fn remove(&self, ctx: &RequestContext, ids: &[i64]) -> Result<models::Cart, ServiceError> {
        let (who, _) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let cart = self.0.carts().cart_of(who, scope.channel.id, false).await?;
        self.0.carts().remove(&cart, ids).await?;
        self.answer(ctx, Some("Item removed from cart successfully")).await
    }

    async fn apply(&self, ctx: &RequestContext, code: &str) -> Result<models::Cart, ServiceError> {
        let (who, _) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let cart = self.0.carts().cart_of(who, scope.channel.id, false).await?;
        let today = self.0.clock.now().with_timezone(&scope.timezone).date_naive();
        let applied = self.0.carts().apply_coupon(&cart, code, &scope.channel, &scope.locale, today).await?;
        // Upstream answers a coupon that does not apply with the cart unchanged, not an error.
        let message = if applied { "Coupon applied successfully" } else { "Failed to apply coupon" };
        let mut body = self.answer(ctx, Some(message)).await?;
        body.success = Some(applied);
        Ok(body)
    }

    async fn remove_coupon_of(&self, ctx: &RequestContext) -> Result<models::Cart, ServiceError> {
        let (who, _) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let cart = self.0.carts().cart_of(who, scope.channel.id, false).await?;
        self.0.carts().remove_coupon(&cart).await?;
        self.answer(ctx, Some("Coupon removed successfully")).await
    }

    async fn token_info(
        &self,
        cart: &Cart,
        scope: &Scope,
        token: Option<String>,
    ) -> Result<models::CartTokenInfo, ServiceError> {
        let (lines, units) = self.0.carts().size(cart.id).await?;
        let is_guest = cart.customer_id.is_none();
        let expires = polyshop_core::carts::CartService::token_expiry(cart).map(|at| scope.timestamp(at));
        Ok(models::CartTokenInfo {
            id: cart.id,
            cart_token: if is_guest { token } else { None },
            customer_id: cart.customer_id,
            channel_id: cart.channel_id,
            is_guest,
            is_active: cart.is_active,
            items_count: count(lines),
            items_qty: count(units),
            order_id: cart.order_id,
            expires_at: expires,
            created_at: scope.timestamp(cart.created_at),
            updated_at: scope.timestamp(cart.updated_at),
        })
    }
}

#[async_trait::async_trait]
impl CartService for Service {
    async fn upload_customizable_option_file(
        &self,
        ctx: &RequestContext,
        input: UploadCustomizableOptionFileInput,
    ) -> Result<models::CustomizableOptionFile, ServiceError> {
        let b = input.body;
        let owner = match shopper(ctx)?.0 {
            Shopper::Guest { cart_id } => uploads::owner_of(None, cart_id),
            Shopper::Customer { customer_id } => uploads::owner_of(Some(customer_id), 0),
        };
        let staged = self
            .0
            .carts()
            .stage_upload(
                &owner,
                b.product_id,
                b.option_id,
                b.file.file_name.as_deref(),
                b.file.content_type.as_deref(),
                &b.file.bytes,
                &self.0.config.storage_dir,
            )
            .await?;
        Ok(models::CustomizableOptionFile {
            token: staged.token,
            file_name: staged.file_name,
            option_id: staged.option_id,
        })
    }

    async fn list_cart_tokens(
        &self,
        ctx: &RequestContext,
        input: ListCartTokensInput,
    ) -> Result<Page<models::CartTokenInfo>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let page = self.0.carts().customer_carts(customer_id, input.window()).await?;
        let mut out = Vec::with_capacity(page.items.len());
        for cart in &page.items {
            out.push(self.token_info(cart, scope, None).await?);
        }
        Ok(Page::new(out, page.total, page.window))
    }

    async fn create_cart_token(
        &self,
        ctx: &RequestContext,
        _input: CreateCartTokenInput,
    ) -> Result<models::Cart, ServiceError> {
        let scope = ctx.scope().await?;
        // A customer's token gets their own cart; anyone else a new guest cart.
        if let Some(Principal::Customer { customer_id, .. }) = &ctx.user {
            let cart =
                self.0.carts().cart_of(Shopper::Customer { customer_id: *customer_id }, scope.channel.id, true).await?;
            let view = priced(&self.0, scope, cart).await?;
            return Ok(cart_body(&view, scope, None, Some("Using authenticated customer cart")));
        }
        let (cart, token) = self.0.carts().create_guest(scope.channel.id).await?;
        let view = priced(&self.0, scope, cart).await?;
        let mut body = cart_body(&view, scope, Some(token.clone()), Some("Cart created successfully"));
        body.session_token = Some(token);
        Ok(body)
    }

    async fn get_cart_token(
        &self,
        ctx: &RequestContext,
        input: GetCartTokenInput,
    ) -> Result<models::CartTokenInfo, ServiceError> {
        let (who, token) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let not_found = || ServiceError::not_found("Cart not found");
        let id = input.id.trim();
        let cart_id = match (&who, &token) {
            (Shopper::Guest { cart_id }, Some(t)) if id == t => Some(*cart_id),
            _ => id.parse::<i64>().ok(),
        };
        let cart = match cart_id {
            Some(cart_id) => self.0.carts().shoppers_cart(who, cart_id).await?.ok_or_else(not_found)?,
            None => return Err(not_found()),
        };
        self.token_info(&cart, scope, token).await
    }

    async fn get_cart(&self, ctx: &RequestContext, _input: GetCartInput) -> Result<models::Cart, ServiceError> {
        self.answer(ctx, None).await
    }

    async fn get_cart_post(
        &self,
        ctx: &RequestContext,
        _input: GetCartPostInput,
    ) -> Result<models::Cart, ServiceError> {
        self.answer(ctx, None).await
    }

    async fn add_to_cart(&self, ctx: &RequestContext, input: AddToCartInput) -> Result<models::Cart, ServiceError> {
        let b = input.body;
        let (who, token) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        let grouped = match b.grouped_qty.as_ref().or(b.qty.as_ref()) {
            Some(map) => id_map(map, "groupedQty")?,
            None => BTreeMap::new(),
        };
        let options = match &b.super_attribute {
            Some(map) => id_map(map, "superAttribute")?,
            None => BTreeMap::new(),
        };
        let add = AddItem {
            product_id: b.product_id,
            quantity: b.quantity.map_or(1, i64::from),
            variant_id: b.selected_configurable_option,
            options,
            grouped,
            links: b.links.clone().unwrap_or_default(),
            choice: LineChoice {
                customizable: option_values(b.customizable_options.as_ref())?,
                booking: match b.booking {
                    Some(booking) => Some(
                        BookingFields {
                            date: booking.date,
                            slot: booking.slot,
                            renting_type: booking.renting_type.map(|t| t.to_string()),
                            date_from: booking.date_from,
                            date_to: booking.date_to,
                            qty: booking.qty.unwrap_or_default().into_iter().map(|(k, v)| (k, i64::from(v))).collect(),
                            note: booking.note,
                        }
                        .request(b.booking_note.as_deref(), b.special_note.as_deref())?,
                    ),
                    None => None,
                },
                ..bundle_choice(b.bundle_options.as_ref(), b.bundle_option_qty.as_ref())?
            },
            buy_now: b.is_buy_now == Some(1),
        };
        let carts = self.0.carts();
        let cart = carts.cart_of(who, scope.channel.id, true).await?;
        carts.add(&cart, add, &scope.channel, &scope.locale).await?;
        let view = priced(&self.0, scope, carts.cart_of(who, scope.channel.id, false).await?).await?;
        Ok(cart_body(&view, scope, token, Some("Product added to cart successfully")))
    }

    async fn update_cart_item(
        &self,
        ctx: &RequestContext,
        input: UpdateCartItemInput,
    ) -> Result<models::Cart, ServiceError> {
        self.update(ctx, input.body).await
    }

    async fn update_cart_item_post(
        &self,
        ctx: &RequestContext,
        input: UpdateCartItemPostInput,
    ) -> Result<models::Cart, ServiceError> {
        self.update(ctx, input.body).await
    }

    async fn remove_cart_item_post(
        &self,
        ctx: &RequestContext,
        input: RemoveCartItemPostInput,
    ) -> Result<models::Cart, ServiceError> {
        self.remove(ctx, &[input.body.cart_item_id]).await
    }

    async fn remove_cart_item(
        &self,
        ctx: &RequestContext,
        input: RemoveCartItemInput,
    ) -> Result<models::Cart, ServiceError> {
        self.remove(ctx, &[input.body.cart_item_id]).await
    }

    async fn remove_cart_items(
        &self,
        ctx: &RequestContext,
        input: RemoveCartItemsInput,
    ) -> Result<models::Cart, ServiceError> {
        if input.body.item_ids.is_empty() {
            return Err(ServiceError::bad_request("`itemIds`: give at least one line id"));
        }
        self.remove(ctx, &input.body.item_ids).await
    }

    async fn apply_coupon(&self, ctx: &RequestContext, input: ApplyCouponInput) -> Result<models::Cart, ServiceError> {
        self.apply(ctx, &input.body.coupon_code).await
    }

    async fn apply_coupon_patch(
        &self,
        ctx: &RequestContext,
        input: ApplyCouponPatchInput,
    ) -> Result<models::Cart, ServiceError> {
        self.apply(ctx, &input.body.coupon_code).await
    }

    async fn remove_coupon_post(
        &self,
        ctx: &RequestContext,
        _input: RemoveCouponPostInput,
    ) -> Result<models::Cart, ServiceError> {
        self.remove_coupon_of(ctx).await
    }

    async fn remove_coupon(
        &self,
        ctx: &RequestContext,
        _input: RemoveCouponInput,
    ) -> Result<models::Cart, ServiceError> {
        self.remove_coupon_of(ctx).await
    }

    async fn merge_cart(&self, ctx: &RequestContext, input: MergeCartInput) -> Result<models::Cart, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let token = b
            .guest_cart_token
            .or(b.guest_cart_token_legacy)
            .or(input.x_cart_token)
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| ServiceError::bad_request("`guestCartToken`: the guest cart's token is required"))?;
        let cart =
            self.0.carts().merge(&token, b.cart_id.or(b.cart_id_upstream), customer_id, scope.channel.id).await?;
        let cart = self.0.carts().cart_of(Shopper::Customer { customer_id }, cart.channel_id, false).await?;
        let view = priced(&self.0, scope, cart).await?;
        Ok(cart_body(&view, scope, None, Some("Cart merged successfully")))
    }
}
