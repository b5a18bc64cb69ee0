//! Checkout (Bagisto shop REST API): the cart's addresses, shipping and payment methods, and
//! placing the order.

use polyshop_api_bagisto_shop::{checkout::*, models};
use polyshop_runtime::{Principal, RequestContext, ServiceError};

use super::{
    cart::{current, shopper},
    context::{ShopRequest, price, required},
};
use polyshop_core::{
    AppState,
    carts::{CartAddressFields, Shopper, idempotency::Idempotency},
};

pub struct Service(pub AppState);

pub(crate) fn optional(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// One side of the body (`billing` or `shipping`) as an address.
struct Side<'a> {
    prefix: &'a str,
    first_name: &'a Option<String>,
    last_name: &'a Option<String>,
    email: &'a Option<String>,
    company: &'a Option<String>,
    street: &'a Option<String>,
    city: &'a Option<String>,
    state: &'a Option<String>,
    country: &'a Option<String>,
    postcode: &'a Option<String>,
    phone: &'a Option<String>,
}

impl Side<'_> {
    fn fields(&self) -> Result<CartAddressFields, ServiceError> {
        let name = |f: &str| format!("{}{f}", self.prefix);
        let lines: Vec<String> = required(self.street.as_deref(), &name("Address"))?
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let email = required(self.email.as_deref(), &name("Email"))?;
        if !email.contains('@') {
            return Err(ServiceError::bad_request(format!("`{}`: must be a valid email address", name("Email"))));
        }
        let country = required(self.country.as_deref(), &name("Country"))?.to_ascii_uppercase();
        if country.len() != 2 {
            return Err(ServiceError::bad_request(format!("`{}`: must be a two-letter country code", name("Country"))));
        }
        Ok(CartAddressFields {
            first_name: required(self.first_name.as_deref(), &name("FirstName"))?,
            last_name: required(self.last_name.as_deref(), &name("LastName"))?,
            company_name: optional(self.company),
            email: email.to_lowercase(),
            lines,
            city: required(self.city.as_deref(), &name("City"))?,
            state: optional(self.state),
            country,
            postcode: optional(self.postcode),
            phone: required(self.phone.as_deref(), &name("PhoneNumber"))?,
            vat_id: None,
        })
    }
}

impl Service {
    /// An address of the customer's address book as a cart address (404 for another's).
    async fn book_address(&self, ctx: &RequestContext, id: i64) -> Result<CartAddressFields, ServiceError> {
        let (customer_id, _) = match &ctx.user {
            Some(Principal::Customer { customer_id, token_id }) => (*customer_id, *token_id),
            _ => return Err(ServiceError::not_found_id("Customer address", id)),
        };
        let a = self.0.address_book().get(customer_id, id).await?;
        let email = match a.email.clone() {
            Some(e) => e,
            None => self.0.customers().profile(customer_id).await?.email,
        };
        Ok(CartAddressFields {
            first_name: a.first_name,
            last_name: a.last_name,
            company_name: a.company_name,
            email,
            lines: a.address.lines().map(str::to_owned).collect(),
            city: a.city,
            state: a.state,
            country: a.country,
            postcode: a.postcode,
            phone: a.phone.unwrap_or_default(),
            vat_id: a.vat_id,
        })
    }

    async fn payment_options(&self) -> Result<Vec<models::PaymentMethodOption>, ServiceError> {
        Ok(self
            .0
            .carts()
            .payment_options()
            .await?
            .into_iter()
            .map(|m| models::PaymentMethodOption {
                id: m.code.clone(),
                method: m.code,
                title: m.title,
                description: m.description,
                icon: None,
                additional_data: None,
                is_allowed: true,
            })
            .collect())
    }
}

fn checkout_address(
    a: &polyshop_entities::cart_addresses::Model,
    use_for_shipping: bool,
    scope: &polyshop_core::settings::scope::Scope,
) -> models::CheckoutAddress {
    let billing = a.address_type == "billing";
    models::CheckoutAddress {
        id: a.id,
        address_type: if billing {
            models::CheckoutAddressType::CartBilling
        } else {
            models::CheckoutAddressType::CartShipping
        },
        parent_address_id: None,
        order_id: None,
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        name: format!("{} {}", a.first_name, a.last_name),
        company_name: a.company_name.clone(),
        vat_id: a.vat_id.clone(),
        address: a.address.clone(),
        city: a.city.clone(),
        state: a.state.clone(),
        country: a.country.clone(),
        postcode: a.postcode.clone(),
        email: a.email.clone(),
        phone: a.phone.clone(),
        default_address: false,
        use_for_shipping: billing && use_for_shipping,
        created_at: scope.timestamp(a.created_at),
        updated_at: scope.timestamp(a.updated_at),
    }
}

fn shipping_rate(
    o: polyshop_core::carts::ShippingOption,
    scope: &polyshop_core::settings::scope::Scope,
) -> models::ShippingRate {
    let m = o.method;
    let description = m.description.clone().unwrap_or_default();
    models::ShippingRate {
        id: format!("{}_{}", m.code, m.method_code),
        code: m.carrier_code.clone(),
        label: m.title.clone(),
        method: m.code.clone(),
        method_title: m.title.clone(),
        method_description: description.clone(),
        description,
        price: price(o.cost),
        formatted_price: scope.format_price(o.cost),
        base_price: price(o.cost),
        base_formatted_price: scope.format_base_price(o.cost),
        carrier: m.carrier_code,
        carrier_title: m.title,
    }
}

/// Whether the cart's shipping address is a copy of its billing address.
fn same_place(a: &polyshop_entities::cart_addresses::Model, b: &polyshop_entities::cart_addresses::Model) -> bool {
    (&a.first_name, &a.last_name, &a.email, &a.address, &a.city, &a.state, &a.country, &a.postcode, &a.phone)
        == (&b.first_name, &b.last_name, &b.email, &b.address, &b.city, &b.state, &b.country, &b.postcode, &b.phone)
}

#[async_trait::async_trait]
impl CheckoutService for Service {
    async fn get_checkout_addresses(
        &self,
        ctx: &RequestContext,
        _input: GetCheckoutAddressesInput,
    ) -> Result<Vec<models::CheckoutAddress>, ServiceError> {
        let (view, _) = current(&self.0, ctx, false).await?;
        let scope = ctx.scope().await?;
        let copied = matches!((&view.billing, &view.shipping), (Some(b), Some(s)) if same_place(b, s));
        Ok(view.billing.iter().chain(view.shipping.iter()).map(|a| checkout_address(a, copied, scope)).collect())
    }

    async fn save_checkout_address(
        &self,
        ctx: &RequestContext,
        input: SaveCheckoutAddressInput,
    ) -> Result<models::SavedCheckoutAddresses, ServiceError> {
        let b = input.body;
        let (view, token) = current(&self.0, ctx, false).await?;
        let billing = match b.billing_address_id {
            Some(id) => self.book_address(ctx, id).await?,
            None => Side {
                prefix: "billing",
                first_name: &b.billing_first_name,
                last_name: &b.billing_last_name,
                email: &b.billing_email,
                company: &b.billing_company_name,
                street: &b.billing_address,
                city: &b.billing_city,
                state: &b.billing_state,
                country: &b.billing_country,
                postcode: &b.billing_postcode,
                phone: &b.billing_phone_number,
            }
            .fields()?,
        };
        let shipping_sent = b.shipping_first_name.is_some() || b.shipping_address.is_some();
        let shipping = if b.use_for_shipping == Some(true) {
            Some(billing.clone())
        } else if let Some(id) = b.shipping_address_id {
            Some(self.book_address(ctx, id).await?)
        } else if shipping_sent || view.ships {
            Some(
                Side {
                    prefix: "shipping",
                    first_name: &b.shipping_first_name,
                    last_name: &b.shipping_last_name,
                    email: &b.shipping_email,
                    company: &b.shipping_company_name,
                    street: &b.shipping_address,
                    city: &b.shipping_city,
                    state: &b.shipping_state,
                    country: &b.shipping_country,
                    postcode: &b.shipping_postcode,
                    phone: &b.shipping_phone_number,
                }
                .fields()?,
            )
        } else {
            None
        };
        self.0.carts().set_addresses(&view.cart, billing.clone(), shipping.clone()).await.map_err(|e| {
            e.rename_field(|f| {
                Some(match f {
                    "billing.country" => "`billingCountry`".to_owned(),
                    _ => "`shippingCountry`".to_owned(),
                })
            })
        })?;
        let (saved, _) = current(&self.0, ctx, false).await?;
        let street = |a: &CartAddressFields| a.lines.join("\n");
        Ok(models::SavedCheckoutAddresses {
            id: saved.billing.as_ref().map_or(0, |a| a.id),
            cart_token: token,
            customer_id: saved.cart.customer_id,
            billing_first_name: billing.first_name.clone(),
            billing_last_name: billing.last_name.clone(),
            billing_email: billing.email.clone(),
            billing_company_name: billing.company_name.clone().unwrap_or_default(),
            billing_address: street(&billing),
            billing_country: billing.country.clone(),
            billing_state: billing.state.clone().unwrap_or_default(),
            billing_city: billing.city.clone(),
            billing_postcode: billing.postcode.clone().unwrap_or_default(),
            billing_phone_number: billing.phone.clone(),
            shipping_first_name: shipping.as_ref().map(|s| s.first_name.clone()),
            shipping_last_name: shipping.as_ref().map(|s| s.last_name.clone()),
            shipping_email: shipping.as_ref().map(|s| s.email.clone()),
            shipping_company_name: shipping.as_ref().map(|s| s.company_name.clone().unwrap_or_default()),
            shipping_address: shipping.as_ref().map(street),
            shipping_country: shipping.as_ref().map(|s| s.country.clone()),
            shipping_state: shipping.as_ref().map(|s| s.state.clone().unwrap_or_default()),
            shipping_city: shipping.as_ref().map(|s| s.city.clone()),
            shipping_postcode: shipping.as_ref().map(|s| s.postcode.clone().unwrap_or_default()),
            shipping_phone_number: shipping.as_ref().map(|s| s.phone.clone()),
            success: true,
            message: "Address saved successfully".to_owned(),
        })
    }

    async fn list_shipping_methods(
        &self,
        ctx: &RequestContext,
        _input: ListShippingMethodsInput,
    ) -> Result<Vec<models::ShippingRate>, ServiceError> {
        let (view, _) = current(&self.0, ctx, false).await?;
        let scope = ctx.scope().await?;
        Ok(self.0.carts().shipping_options(&view).await?.into_iter().map(|o| shipping_rate(o, scope)).collect())
    }

    async fn set_shipping_method(
        &self,
        ctx: &RequestContext,
        input: SetShippingMethodInput,
    ) -> Result<models::SavedShippingMethod, ServiceError> {
        let b = input.body;
        let code = required(b.shipping_method_code.or(b.shipping_method).as_deref(), "shippingMethod")?;
        let (view, token) = current(&self.0, ctx, false).await?;
        self.0.carts().set_shipping_method(&view, &code).await?;
        Ok(models::SavedShippingMethod {
            id: view.cart.id.to_string(),
            success: true,
            message: "Shipping method saved successfully".to_owned(),
            cart_token: token,
            shipping_method: code,
        })
    }

    async fn list_payment_methods(
        &self,
        ctx: &RequestContext,
        _input: ListPaymentMethodsInput,
    ) -> Result<Vec<models::PaymentMethodOption>, ServiceError> {
        current(&self.0, ctx, false).await?;
        self.payment_options().await
    }

    async fn set_payment_method(
        &self,
        ctx: &RequestContext,
        input: SetPaymentMethodInput,
    ) -> Result<models::SavedPaymentMethod, ServiceError> {
        let b = input.body;
        let code = required(b.payment_method.or(b.payment.and_then(|p| p.method)).as_deref(), "paymentMethod")?;
        let (view, token) = current(&self.0, ctx, false).await?;
        let page = self.0.carts().set_payment_method(&view, &code).await?;
        Ok(models::SavedPaymentMethod {
            success: true,
            message: "Payment method saved successfully".to_owned(),
            cart_token: token,
            payment_method: code,
            payment_redirect_url: None,
            payment_gateway_url: page,
            payment_data: None,
        })
    }

    async fn list_payment_methods_upstream(
        &self,
        ctx: &RequestContext,
        _input: ListPaymentMethodsUpstreamInput,
    ) -> Result<Vec<models::PaymentMethodOption>, ServiceError> {
        current(&self.0, ctx, false).await?;
        self.payment_options().await
    }

    async fn estimate_shipping(
        &self,
        ctx: &RequestContext,
        input: EstimateShippingInput,
    ) -> Result<models::ShippingEstimate, ServiceError> {
        let b = input.body;
        let country = b.country.trim().to_ascii_uppercase();
        if !polyshop_core::customers::country_exists(&self.0.db, &country).await? {
            return Err(ServiceError::invalid_field_with(
                poem::http::StatusCode::UNPROCESSABLE_ENTITY,
                "country",
                format!("`{country}` is not a known country code"),
            ));
        }
        let (view, _) = current(&self.0, ctx, false).await?;
        let scope = ctx.scope().await?;
        let place = polyshop_core::taxes::TaxPlace {
            country,
            state: Some(b.state.trim().to_owned()),
            postcode: Some(b.postcode.trim().to_owned()),
        };
        let (view, options) = self.0.carts().estimate(view, &place, b.shipping_method.as_deref()).await?;
        let t = view.totals;
        let money = |d: rust_decimal::Decimal| (price(d), scope.format_price(d));
        let (sub, sub_text) = money(t.sub_total);
        let (discount, discount_text) = money(t.discount);
        let (tax, tax_text) = money(t.tax);
        let (ship, ship_text) = money(t.shipping);
        let (total, total_text) = money(t.grand_total);
        Ok(models::ShippingEstimate {
            shipping_methods: options.into_iter().map(|o| shipping_rate(o, scope)).collect(),
            shipping_method: view.shipping_method.map(|m| m.code),
            have_stockable_items: view.ships,
            subtotal: sub,
            base_subtotal: sub,
            formatted_subtotal: sub_text,
            discount_amount: discount,
            base_discount_amount: discount,
            formatted_discount_amount: discount_text,
            tax_amount: tax,
            base_tax_amount: tax,
            formatted_tax_amount: tax_text,
            shipping_amount: ship,
            base_shipping_amount: ship,
            formatted_shipping_amount: ship_text,
            grand_total: total,
            base_grand_total: total,
            formatted_grand_total: total_text,
        })
    }

    async fn place_order(
        &self,
        ctx: &RequestContext,
        input: PlaceOrderInput,
    ) -> Result<models::PlacedOrder, ServiceError> {
        let (who, token) = shopper(ctx)?;
        let scope = ctx.scope().await?;
        // The key is the caller's own: a guest's by their token, a customer's by their id.
        let owner = match (who, &token) {
            (Shopper::Guest { .. }, Some(t)) => format!("guest:{}", &polyshop_core::secrets::sha256_hex(t)[..32]),
            (Shopper::Customer { customer_id }, _) => format!("customer:{customer_id}"),
            (Shopper::Guest { cart_id }, None) => format!("cart:{cart_id}"),
        };
        let idem = match input.idempotency_key.as_deref() {
            Some(key) => Some(Idempotency::new(owner, key, "place_order")?),
            None => None,
        };
        let today = self.0.clock.now().with_timezone(&scope.timezone).date_naive();
        let placed = self
            .0
            .carts()
            .place_order(who, &scope.channel, &scope.locale, today, idem, ctx.remote_addr.clone())
            .await?;
        let Some(order_id) = placed.order_id else {
            // A redirect method: the shopper pays on its page first; the cart stays open.
            return Ok(models::PlacedOrder {
                id: placed.cart_id,
                cart_token: token,
                order_id: None,
                redirect: true,
                redirect_url: placed.redirect_url,
                order: None,
                message: "Complete the payment on the payment page to place the order".to_owned(),
            });
        };
        let order = polyshop_core::sales::find_order(&self.0.db, order_id)
            .await?
            .ok_or_else(|| ServiceError::internal("the order just placed is missing"))?;
        let grand = order.order.base_grand_total.value();
        Ok(models::PlacedOrder {
            id: placed.cart_id,
            cart_token: token,
            order_id: Some(order_id.to_string()),
            redirect: false,
            redirect_url: None,
            order: Some(models::PlacedOrderSummary {
                id: order_id,
                increment_id: order.order.increment_id.clone(),
                status: order.order.status.clone(),
                grand_total: price(grand),
                formatted_grand_total: scope.format_price(grand),
                items_count: order.order.total_item_count,
                created_at: scope.timestamp(order.order.created_at),
            }),
            message: "Order placed successfully".to_owned(),
        })
    }
}
