//! Checkout: the cart's addresses, shipping and payment methods, and placing the order.

use polyshop_entities::{carts, payment_methods, shipping_methods};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::EntityTrait;

use super::{
    idempotency::{self, Idempotency},
    records::{CartAddressFields, CartView, Shopper},
    service::CartService,
    store, view,
};
use crate::{
    db::write_transaction,
    mail::{OutgoingMail, queue},
    sales::placement::{Buyer, Contact, NewOrder, place_in},
};

fn conflict(message: &str) -> ServiceError {
    ServiceError::conflict(message)
}

/// A shipping method the cart may choose and what it costs the cart.
#[derive(Debug, Clone)]
pub struct ShippingOption {
    pub method: shipping_methods::Model,
    pub cost: Decimal,
}

/// What placing a cart did: the order it became, or, with a redirect payment method, the
/// payment page the shopper pays on first (no order yet; the cart stays open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub order_id: Option<i64>,
    pub cart_id: i64,
    /// The answer was remembered from an earlier request with the same `Idempotency-Key`.
    pub replayed: bool,
    pub redirect_url: Option<String>,
}

/// A redirect method's payment page for the cart `view` (placeholders `{cart_id}`,
/// `{grand_total}`, `{currency}`); none for methods that place the order at once.
fn payment_page(method: &payment_methods::Model, view: &CartView, currency: &str) -> Option<String> {
    let page = method.redirect_url.as_deref().map(str::trim).filter(|u| !u.is_empty())?;
    Some(
        page.replace("{cart_id}", &view.cart.id.to_string())
            .replace("{grand_total}", &format!("{:.2}", view.totals.grand_total))
            .replace("{currency}", currency),
    )
}

fn contact(a: &polyshop_entities::cart_addresses::Model) -> Contact {
    Contact {
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        company: a.company_name.clone(),
        street: a.address.lines().map(str::to_owned).collect(),
        city: a.city.clone(),
        state: a.state.clone(),
        country: a.country.clone(),
        postcode: a.postcode.clone(),
        phone: Some(a.phone.clone()),
        email: Some(a.email.clone()),
    }
}

impl CartService {
    /// Sets the billing address and the shipping address (none when `shipping` is `None`: a
    /// cart that ships nothing needs none). The caller has checked the fields; countries must be
    /// known (422).
    pub async fn set_addresses(
        &self,
        cart: &carts::Model,
        billing: CartAddressFields,
        shipping: Option<CartAddressFields>,
    ) -> Result<(), ServiceError> {
        for (field, a) in
            std::iter::once(("billing.country", &billing)).chain(shipping.iter().map(|s| ("shipping.country", s)))
        {
            if !crate::customers::country_exists(&self.db, &a.country).await? {
                return Err(ServiceError::invalid_field_with(
                    poem::http::StatusCode::UNPROCESSABLE_ENTITY,
                    field,
                    format!("`{}` is not a known country code", a.country),
                ));
            }
        }
        let now = self.clock.now();
        let cart_id = cart.id;
        write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                store::put_address(txn, cart_id, "billing", &billing, now).await?;
                store::delete_address(txn, cart_id, "shipping").await?;
                if let Some(shipping) = &shipping {
                    store::put_address(txn, cart_id, "shipping", shipping, now).await?;
                }
                store::touch(txn, cart_id, now, None, None).await
            })
        })
        .await
    }

    /// The shipping methods on offer for the cart and their cost (none when nothing ships).
    pub async fn shipping_options(&self, view: &CartView) -> Result<Vec<ShippingOption>, ServiceError> {
        if !view.ships {
            return Ok(Vec::new());
        }
        Ok(view::offered_shipping(&self.db, view.totals.sub_total)
            .await?
            .into_iter()
            .map(|method| ShippingOption { cost: view::shipping_cost(view, &method), method })
            .collect())
    }

    /// A shipping estimate: the cart as if shipped to `place` with the method `code` when it is
    /// on offer (without shipping otherwise), and the methods on offer. Nothing is saved.
    pub async fn estimate(
        &self,
        view: CartView,
        place: &crate::taxes::TaxPlace,
        code: Option<&str>,
    ) -> Result<(CartView, Vec<ShippingOption>), ServiceError> {
        let options = self.shipping_options(&view).await?;
        let method = code.map(str::trim).and_then(|c| options.iter().find(|o| o.method.code == c));
        let estimated = view::estimate(&self.db, view, place, method.map(|o| o.method.clone())).await?;
        Ok((estimated, options))
    }

    /// Chooses a shipping method: 409 before the shipping address, 422 for a method not on offer.
    pub async fn set_shipping_method(&self, view: &CartView, code: &str) -> Result<(), ServiceError> {
        if view.lines.is_empty() {
            return Err(conflict("The cart is empty."));
        }
        if view.shipping.is_none() {
            return Err(conflict("Set the shipping address before the shipping method."));
        }
        let options = self.shipping_options(view).await?;
        let Some(chosen) = options.iter().find(|o| o.method.code == code.trim()) else {
            let offered: Vec<&str> = options.iter().map(|o| o.method.code.as_str()).collect();
            return Err(ServiceError::unprocessable(format!(
                "Shipping method `{}` is not available for this cart; choose one of: {}.",
                code.trim(),
                offered.join(", ")
            )));
        };
        store::touch(&self.db, view.cart.id, self.clock.now(), Some(Some(chosen.method.code.clone())), None).await
    }

    pub async fn payment_options(&self) -> Result<Vec<payment_methods::Model>, ServiceError> {
        view::offered_payment(&self.db).await
    }

    /// Chooses a payment method: 409 on an empty cart, 422 for a method not on offer. Answers a
    /// redirect method's payment page for the cart.
    pub async fn set_payment_method(&self, view: &CartView, code: &str) -> Result<Option<String>, ServiceError> {
        if view.lines.is_empty() {
            return Err(conflict("The cart is empty."));
        }
        let options = self.payment_options().await?;
        let Some(chosen) = options.iter().find(|m| m.code == code.trim()) else {
            let offered: Vec<&str> = options.iter().map(|m| m.code.as_str()).collect();
            return Err(ServiceError::unprocessable(format!(
                "Payment method `{}` is not available; choose one of: {}.",
                code.trim(),
                offered.join(", ")
            )));
        };
        store::touch(&self.db, view.cart.id, self.clock.now(), None, Some(Some(chosen.code.clone()))).await?;
        let currency = store::base_currency_code(&self.db, view.cart.channel_id).await?;
        Ok(payment_page(chosen, view, &currency))
    }

    /// Places the shopper's open cart as an order, in one transaction with closing the cart
    /// and queueing the confirmation mail: 404 without an open cart; 409 when a step is
    /// missing (lines, billing address, and when a line ships the shipping address and method;
    /// the payment method) or the cart was ordered meanwhile; 422 when the catalog refuses a
    /// line now (stock, status). On failure the cart and the stock stay as they were. With a
    /// redirect payment method nothing is placed: the answer is the payment page, and the
    /// order comes once the payment is confirmed (by the gateway's integration). With
    /// `idem`, the same key answers the first order again until the shopper opens a new cart
    /// (then it is a 422).
    pub async fn place_order(
        &self,
        shopper: Shopper,
        channel: &polyshop_entities::channels::Model,
        locale: &str,
        today: chrono::NaiveDate,
        idem: Option<Idempotency>,
        remote_ip: Option<String>,
    ) -> Result<Placed, ServiceError> {
        let now = self.clock.now();
        if let Some(idem) = &idem
            && let Some(body) = idempotency::remembered(&self.db, idem, now).await?
        {
            return self.replay(shopper, channel.id, &body).await;
        }
        let cart = self.cart_of(shopper, channel.id, false).await?;
        let view = self.view(cart, channel, locale, today).await?;
        if view.lines.is_empty() && view.unavailable.is_empty() {
            return Err(conflict("The cart is empty."));
        }
        let Some(billing) = &view.billing else {
            return Err(conflict("Set the billing and shipping addresses before placing the order."));
        };
        if view.ships && view.shipping.is_none() {
            return Err(conflict("Set the billing and shipping addresses before placing the order."));
        }
        if view.ships && view.shipping_method.is_none() {
            return Err(conflict("Choose a shipping method before placing the order."));
        }
        let Some(payment) = &view.payment_method else {
            return Err(conflict("Choose a payment method before placing the order."));
        };
        let currency = store::base_currency_code(&self.db, channel.id).await?;
        // The payment page charges the cart's total: every line must be orderable first.
        if payment.redirect_url.is_some() && !view.unavailable.is_empty() {
            return Err(ServiceError::unprocessable(
                "Some products in the cart cannot be ordered now: remove them before paying.",
            ));
        }
        if let Some(page) = payment_page(payment, &view, &currency) {
            return Ok(Placed { order_id: None, cart_id: view.cart.id, replayed: false, redirect_url: Some(page) });
        }
        let new = NewOrder {
            channel_id: view.cart.channel_id,
            buyer: match shopper {
                Shopper::Customer { customer_id } => Buyer::Customer(customer_id),
                Shopper::Guest { .. } => Buyer::Guest { email: billing.email.clone() },
            },
            billing: Some(contact(billing)),
            shipping: view.shipping.as_ref().map(contact),
            payment_method_id: payment.id,
            shipping_method_id: view.shipping_method.as_ref().map(|m| m.id),
            // Every line, those that cannot be ordered now too: placement refuses them by name
            // (a 422) rather than ordering the cart without them.
            lines: view.lines.iter().map(|l| &l.item).chain(&view.unavailable).map(super::view::request).collect(),
            customer_note: None,
            admin_notes: None,
            issuer_id: None,
            remote_ip,
            // Redeemed with the order; one that stopped applying (used up by other orders
            // meanwhile, expired) refuses the order rather than dropping the discount unseen.
            coupon_code: view.cart.coupon_code.clone(),
        };
        let cart_id = view.cart.id;
        let to = billing.email.clone();
        let remembered_as = idem.clone();
        let placed = write_transaction(&self.db, move |txn| {
            Box::pin(async move {
                // Closing the cart first serialises concurrent placements of one cart.
                if !store::deactivate(txn, cart_id, None, now).await? {
                    return Err(conflict("This cart has already been ordered."));
                }
                let order_id = place_in(txn, new, now).await.map_err(|e| {
                    if e.status() == poem::http::StatusCode::BAD_REQUEST {
                        ServiceError::unprocessable(e.messages().join(" "))
                    } else {
                        e
                    }
                })?;
                store::set_order(txn, cart_id, order_id).await?;
                let order = polyshop_entities::orders::Entity::find_by_id(order_id)
                    .one(txn)
                    .await?
                    .map(|o| o.increment_id)
                    .unwrap_or_else(|| order_id.to_string());
                let mail = OutgoingMail {
                    kind: "order_confirmation",
                    to,
                    subject: format!("Your order #{order} is placed"),
                    body: format!("Thank you for your order #{order}. We will let you know when it ships.\n"),
                };
                queue(txn, mail, now).await?;
                if let Some(idem) = &remembered_as {
                    let body = format!("{{\"orderId\":{order_id},\"cartId\":{cart_id}}}");
                    idempotency::remember(txn, idem, 201, body, now).await?;
                }
                Ok(order_id)
            })
        })
        .await;
        match placed {
            Ok(order_id) => Ok(Placed { order_id: Some(order_id), cart_id, replayed: false, redirect_url: None }),
            // A concurrent request with the same key placed it: answer that order.
            Err(e) => match &idem {
                Some(idem) => match idempotency::remembered(&self.db, idem, now).await? {
                    Some(body) => self.replay(shopper, channel.id, &body).await,
                    None => Err(e),
                },
                None => Err(e),
            },
        }
    }

    /// The remembered order, unless the shopper has opened another cart since (422).
    async fn replay(&self, shopper: Shopper, channel_id: i64, body: &str) -> Result<Placed, ServiceError> {
        let (order_id, cart_id) = remembered_order(body)?;
        match self.cart_of(shopper, channel_id, false).await {
            Ok(open) if open.id != cart_id => Err(ServiceError::unprocessable(
                "This Idempotency-Key was already used for another request; send a new key.",
            )),
            Ok(_) => Ok(Placed { order_id: Some(order_id), cart_id, replayed: true, redirect_url: None }),
            Err(e) if e.status() == poem::http::StatusCode::NOT_FOUND => {
                Ok(Placed { order_id: Some(order_id), cart_id, replayed: true, redirect_url: None })
            }
            Err(e) => Err(e),
        }
    }
}

fn remembered_order(body: &str) -> Result<(i64, i64), ServiceError> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    match (v["orderId"].as_i64(), v["cartId"].as_i64()) {
        (Some(order), Some(cart)) => Ok((order, cart)),
        _ => Err(ServiceError::internal(format!("a remembered answer is not an order: {body}"))),
    }
}
