//! GraphQL: checkout. The cart's addresses, the shipping and payment methods on offer and
//! chosen, and placing the order, in the API Platform forms (`createCheckoutAddress`, ...,
//! `createCheckoutOrder`) and the overview pages' legacy forms (`saveCustomerAddress`,
//! `estimateShipping`, `createOrder`, ...).
//!
//! Every step is the REST checkout operation's use case (`crate::checkout`) on the cart the
//! request's token names ([`super::carts::cart_request`]), reshaped into the GraphQL types.
//! Placing the order reads an `Idempotency-Key` header as REST does.

use async_graphql::Context;
use polyshop_api_bagisto_shop::{
    checkout::{
        CheckoutService as _, GetCheckoutAddressesInput, ListPaymentMethodsInput, ListShippingMethodsInput,
        PlaceOrderInput, SaveCheckoutAddressInput, SetPaymentMethodInput, SetShippingMethodInput,
    },
    models,
};
use polyshop_graphql_shop::{
    resolvers::{
        CheckoutAddressQueries, CheckoutMutations, CheckoutOrderResolver, EstimatedShippingMethodListEntryResolver,
        EstimatedShippingMethodListResolver, GetCheckoutAddressQueries, OrderResolver, PaymentMethodQueries,
        ShippingRateQueries,
    },
    types::*,
};
use polyshop_runtime::{RequestContext, ServiceError};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult};

use super::{
    DEFAULT_PAGE, MAX_PAGE, ShopGraph,
    carts::{estimated_cart, legacy_cart},
    credentials::cart_request,
    numeric_id,
    product_nodes::amount,
    text, validation,
};
use crate::{
    cart::{cart_body, current},
    checkout::{self, optional},
    context::ShopRequest,
};
use polyshop_core::{carts::Shopper, sales::OrderRecord, settings::scope::Scope};

/// An address-book id argument (an IRI, `"7"` or `7`).
fn book_id(id: Option<&polyshop_runtime_graphql::Id>, field: &str) -> GqlResult<Option<i64>> {
    match id {
        None => Ok(None),
        Some(id) if id.trim().is_empty() => Ok(None),
        Some(id) => numeric_id(id).map(Some).ok_or_else(|| validation(format!("`{field}` must be an address id"))),
    }
}

/// A return URL: absolute `http(s)`, or a validation error naming `field`.
fn url(value: &Option<String>, field: &str) -> GqlResult<Option<String>> {
    match optional(value) {
        Some(u) if (u.starts_with("https://") || u.starts_with("http://")) && u.len() <= 2048 => Ok(Some(u)),
        Some(_) => Err(validation(format!("`{field}` must be an absolute http(s) URL"))),
        None => Ok(None),
    }
}

fn checkout_address_node(a: &models::CheckoutAddress) -> GetCheckoutAddress {
    GetCheckoutAddress {
        id: format!("/api/shop/get_checkout_addresses/{}", a.id),
        id_: a.id,
        address_type: Some(a.address_type.to_string()),
        parent_address_id: a.parent_address_id,
        name: Some(a.name.clone()),
        first_name: Some(a.first_name.clone()),
        last_name: Some(a.last_name.clone()),
        company_name: a.company_name.clone(),
        address: Some(a.address.clone()),
        city: Some(a.city.clone()),
        state: a.state.clone(),
        country: Some(a.country.clone()),
        postcode: a.postcode.clone(),
        email: Some(a.email.clone()),
        phone: Some(a.phone.clone()),
        vat_id: a.vat_id.clone(),
        default_address: Some(a.default_address),
        use_for_shipping: Some(a.use_for_shipping),
        additional: None,
        created_at: Some(a.created_at.clone()),
        updated_at: Some(a.updated_at.clone()),
        zip_code: a.postcode.clone(),
        ext: Default::default(),
    }
}

fn rate_node(r: models::ShippingRate) -> ShippingRate {
    ShippingRate {
        id: r.id.clone(),
        id_: Some(r.id),
        code: Some(r.code),
        label: Some(r.label),
        method: Some(r.method),
        title: Some(r.method_title.clone()),
        method_title: Some(r.method_title),
        description: Some(r.description),
        method_description: Some(r.method_description),
        price: text(r.price),
        formatted_price: Some(r.formatted_price),
        base_price: text(r.base_price),
        base_formatted_price: Some(r.base_formatted_price),
        carrier: Some(r.carrier),
        carrier_title: Some(r.carrier_title),
        ext: Default::default(),
    }
}

fn payment_node((sort, m): (usize, models::PaymentMethodOption)) -> PaymentMethod {
    PaymentMethod {
        id: m.id.clone(),
        id_: Some(m.id),
        code: Some(m.method.clone()),
        method: Some(m.method),
        title: Some(m.title),
        description: m.description,
        image: m.icon.clone(),
        icon: m.icon,
        sort_order: i64::try_from(sort).ok(),
        is_allowed: Some(m.is_allowed),
        ext: Default::default(),
    }
}

/// A placed order as the checkout answers show it.
fn order_node(o: &OrderRecord, scope: &Scope) -> Order {
    let order = &o.order;
    let grand = order.base_grand_total.value();
    let items = o
        .items
        .iter()
        .filter(|i| i.parent_id.is_none())
        .map(|i| OrderItem {
            id: i.id.to_string(),
            product_id: i.product_id,
            product_name: Some(i.name.clone()),
            name: Some(i.name.clone()),
            sku: Some(i.sku.clone()),
            quantity: Some(i64::from(i.qty_ordered)),
            price: Some(amount(i.base_price.value())),
            formatted_price: Some(scope.format_price(i.base_price.value())),
            total: Some(amount(i.base_total.value())),
            formatted_total: Some(scope.format_price(i.base_total.value())),
            ext: Default::default(),
        })
        .collect::<Vec<_>>();
    Order {
        id: order.id.to_string(),
        id_: Some(order.id),
        increment_id: Some(order.increment_id.clone()),
        order_number: Some(order.increment_id.clone()),
        status: Some(order.status.clone()),
        grand_total: Some(amount(grand)),
        total: Some(amount(grand)),
        formatted_grand_total: Some(scope.format_price(grand)),
        subtotal: Some(amount(order.base_sub_total.value())),
        shipping_total: Some(amount(order.base_shipping_amount.value())),
        tax_total: Some(amount(order.base_tax_amount.value())),
        discount_amount: Some(amount(order.base_discount_amount.value())),
        items_count: Some(i64::from(order.total_item_count)),
        created_at: Some(scope.timestamp(order.created_at)),
        ext: Extra::new(items),
    }
}

/// One side of an address input (`billing`/`shipping` prefixed, or a legacy `AddressInput`).
#[derive(Default)]
struct Side {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    company: Option<String>,
    street: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    postcode: Option<String>,
    phone: Option<String>,
}

impl Side {
    /// The legacy address forms: `address1`/`address2` or `address`; the postcode under any of
    /// its three names; `phone` or `phoneNumber`.
    fn legacy(a: &AddressInput) -> Side {
        let street = match optional(&a.address1) {
            Some(first) => Some(match optional(&a.address2) {
                Some(second) => format!("{first}\n{second}"),
                None => first,
            }),
            None => optional(&a.address),
        };
        Side {
            first_name: a.first_name.clone(),
            last_name: a.last_name.clone(),
            email: a.email.clone(),
            company: a.company_name.clone(),
            street,
            city: a.city.clone(),
            state: a.state.clone(),
            country: a.country.clone(),
            postcode: optional(&a.postcode).or(optional(&a.zip_code)).or(optional(&a.postal_code)),
            phone: optional(&a.phone).or(optional(&a.phone_number)),
        }
    }

    /// A saved cart address as the checkout's address reads list it (with its company).
    fn from_saved(a: &models::CheckoutAddress) -> Side {
        Side {
            first_name: Some(a.first_name.clone()),
            last_name: Some(a.last_name.clone()),
            email: Some(a.email.clone()),
            company: a.company_name.clone(),
            street: Some(a.address.clone()),
            city: Some(a.city.clone()),
            state: a.state.clone(),
            country: Some(a.country.clone()),
            postcode: a.postcode.clone(),
            phone: Some(a.phone.clone()),
        }
    }

    fn from_cart(a: &models::CartAddress) -> Side {
        Side {
            first_name: Some(a.first_name.clone()),
            last_name: Some(a.last_name.clone()),
            email: Some(a.email.clone()),
            company: None,
            street: Some(a.address.clone()),
            city: Some(a.city.clone()),
            state: a.state.clone(),
            country: Some(a.country.clone()),
            postcode: a.postcode.clone(),
            phone: Some(a.phone.clone()),
        }
    }
}

/// The REST address step's body from a billing side and an optional shipping side.
fn address_request(
    billing: Side,
    billing_id: Option<i64>,
    shipping: Option<Side>,
    shipping_id: Option<i64>,
    use_for_shipping: bool,
) -> models::CheckoutAddressRequest {
    let s = shipping.unwrap_or_default();
    models::CheckoutAddressRequest {
        billing_address_id: billing_id,
        billing_first_name: billing.first_name,
        billing_last_name: billing.last_name,
        billing_email: billing.email,
        billing_company_name: billing.company,
        billing_address: billing.street,
        billing_city: billing.city,
        billing_state: billing.state,
        billing_country: billing.country,
        billing_postcode: billing.postcode,
        billing_phone_number: billing.phone,
        use_for_shipping: Some(use_for_shipping),
        shipping_address_id: shipping_id,
        shipping_first_name: s.first_name,
        shipping_last_name: s.last_name,
        shipping_email: s.email,
        shipping_company_name: s.company,
        shipping_address: s.street,
        shipping_city: s.city,
        shipping_state: s.state,
        shipping_country: s.country,
        shipping_postcode: s.postcode,
        shipping_phone_number: s.phone,
    }
}

/// What a one-call checkout (createOrder, createGuestOrder) carries.
struct OneCall {
    billing: Option<Side>,
    billing_id: Option<i64>,
    shipping: Option<Side>,
    shipping_id: Option<i64>,
    shipping_method: Option<String>,
    payment_method: Option<String>,
}

impl ShopGraph {
    /// The destination of a shipping estimate: `country`, `state` and the postal code (named
    /// `postcode_name` when missing) required, the country a known ISO code.
    async fn destination(
        &self,
        country: &Option<String>,
        state: &Option<String>,
        postcode: Option<String>,
        postcode_name: &str,
    ) -> GqlResult<polyshop_core::taxes::TaxPlace> {
        let country = optional(country).ok_or_else(|| validation("`country` is required"))?.to_ascii_uppercase();
        let state = optional(state).ok_or_else(|| validation("`state` is required"))?;
        let postcode = postcode.ok_or_else(|| validation(format!("`{postcode_name}` is required")))?;
        if country.len() != 2 || !polyshop_core::customers::country_exists(&self.0.db, &country).await? {
            return Err(validation(format!("`country`: `{country}` is not a known country code")));
        }
        Ok(polyshop_core::taxes::TaxPlace { country, state: Some(state), postcode: Some(postcode) })
    }

    fn rest_checkout(&self) -> checkout::Service {
        checkout::Service(self.0.clone())
    }

    async fn save_addresses(
        &self,
        rc: &RequestContext,
        body: models::CheckoutAddressRequest,
    ) -> GqlResult<models::SavedCheckoutAddresses> {
        Ok(self.rest_checkout().save_checkout_address(rc, SaveCheckoutAddressInput { body }).await?)
    }

    async fn choose_shipping(
        &self,
        rc: &RequestContext,
        code: Option<String>,
    ) -> GqlResult<models::SavedShippingMethod> {
        let body = models::ShippingMethodRequest { shipping_method: code, shipping_method_code: None };
        Ok(self.rest_checkout().set_shipping_method(rc, SetShippingMethodInput { body }).await?)
    }

    async fn choose_payment(
        &self,
        rc: &RequestContext,
        code: Option<String>,
        urls: [Option<String>; 3],
    ) -> GqlResult<models::SavedPaymentMethod> {
        let [success, failure, cancel] = urls;
        let body = models::PaymentMethodRequest {
            payment_method: code,
            payment: None,
            payment_success_url: success,
            payment_failure_url: failure,
            payment_cancel_url: cancel,
        };
        Ok(self.rest_checkout().set_payment_method(rc, SetPaymentMethodInput { body }).await?)
    }

    /// Places the cart (replaying an `Idempotency-Key` as REST does) and loads the order.
    async fn place(&self, rc: &RequestContext) -> GqlResult<(models::PlacedOrder, Option<OrderRecord>)> {
        let key = rc.headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let placed = self.rest_checkout().place_order(rc, PlaceOrderInput { idempotency_key: key }).await?;
        let order = match placed.order.as_ref() {
            Some(o) => polyshop_core::sales::find_order(&self.0.db, o.id).await?,
            None => None,
        };
        Ok((placed, order))
    }

    /// The legacy one-call checkout: the steps the input carries, in order, then the order.
    async fn one_call(&self, ctx: &Context<'_>, call: OneCall) -> GqlResult<Order> {
        let rc = cart_request(ctx).await?;
        if call.billing.is_some() || call.billing_id.is_some() {
            let use_for_shipping = call.shipping.is_none() && call.shipping_id.is_none();
            let body = address_request(
                call.billing.unwrap_or_default(),
                call.billing_id,
                call.shipping,
                call.shipping_id,
                use_for_shipping,
            );
            self.save_addresses(&rc, body).await?;
        } else if call.shipping.is_some() || call.shipping_id.is_some() {
            // A new shipping address only: the billing address stays the saved one.
            let (view, token) = current(&self.0, &rc, false).await?;
            let saved = cart_body(&view, rc.scope().await?, token, None);
            let billing = saved
                .billing_address
                .as_ref()
                .map(Side::from_cart)
                .ok_or_else(|| validation("`billingAddress` is required: the cart has no billing address yet"))?;
            let body = address_request(billing, None, call.shipping, call.shipping_id, false);
            self.save_addresses(&rc, body).await?;
        }
        if let Some(code) = call.shipping_method.filter(|c| !c.trim().is_empty()) {
            self.choose_shipping(&rc, Some(code)).await?;
        }
        if let Some(code) = call.payment_method.filter(|c| !c.trim().is_empty()) {
            self.choose_payment(&rc, Some(code), [None, None, None]).await?;
        }
        let (placed, order) = self.place(&rc).await?;
        if placed.redirect {
            return Err(validation(format!(
                "The payment method pays on a payment page first ({}): place the order with createCheckoutOrder, which answers the page.",
                placed.redirect_url.unwrap_or_default()
            )));
        }
        let order = order.ok_or_else(|| ServiceError::internal("the order just placed is missing"))?;
        Ok(order_node(&order, rc.scope().await?))
    }
}

impl ShopGraph {
    /// createCheckoutAddress and its upstream twin: the cart's addresses replaced.
    async fn save_checkout_address(
        &self,
        ctx: &Context<'_>,
        i: CreateCheckoutAddressInput,
    ) -> GqlResult<CheckoutAddress> {
        let body = models::CheckoutAddressRequest {
            billing_address_id: book_id(i.billing_address_id.as_ref(), "billingAddressId")?,
            billing_first_name: i.billing_first_name,
            billing_last_name: i.billing_last_name,
            billing_email: i.billing_email,
            billing_company_name: i.billing_company_name,
            billing_address: i.billing_address,
            billing_city: i.billing_city,
            billing_state: i.billing_state,
            billing_country: i.billing_country,
            billing_postcode: i.billing_postcode,
            billing_phone_number: i.billing_phone_number,
            use_for_shipping: i.use_for_shipping,
            shipping_address_id: book_id(i.shipping_address_id.as_ref(), "shippingAddressId")?,
            shipping_first_name: i.shipping_first_name,
            shipping_last_name: i.shipping_last_name,
            shipping_email: i.shipping_email,
            shipping_company_name: i.shipping_company_name,
            shipping_address: i.shipping_address,
            shipping_city: i.shipping_city,
            shipping_state: i.shipping_state,
            shipping_country: i.shipping_country,
            shipping_postcode: i.shipping_postcode,
            shipping_phone_number: i.shipping_phone_number,
        };
        let rc = cart_request(ctx).await?;
        let s = self.save_addresses(&rc, body).await?;
        Ok(CheckoutAddress {
            id: Some(s.id.to_string()),
            id_: Some(s.id),
            success: Some(s.success),
            message: Some(s.message),
            cart_token: s.cart_token,
            customer_id: s.customer_id,
            billing_first_name: Some(s.billing_first_name),
            billing_last_name: Some(s.billing_last_name),
            billing_email: Some(s.billing_email),
            billing_company_name: Some(s.billing_company_name),
            billing_address: Some(s.billing_address),
            billing_city: Some(s.billing_city),
            billing_state: Some(s.billing_state),
            billing_country: Some(s.billing_country),
            billing_postcode: Some(s.billing_postcode),
            billing_phone_number: Some(s.billing_phone_number),
            shipping_first_name: s.shipping_first_name,
            shipping_last_name: s.shipping_last_name,
            shipping_email: s.shipping_email,
            shipping_company_name: s.shipping_company_name,
            shipping_address: s.shipping_address,
            shipping_city: s.shipping_city,
            shipping_state: s.shipping_state,
            shipping_country: s.shipping_country,
            shipping_postcode: s.shipping_postcode,
            shipping_phone_number: s.shipping_phone_number,
            ext: Default::default(),
        })
    }
}

#[async_trait::async_trait]
impl CheckoutMutations for ShopGraph {
    async fn create_checkout_address(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCheckoutAddressArgs,
    ) -> GqlResult<Option<CreateCheckoutAddressPayload>> {
        let client_mutation_id = args.input.client_mutation_id.clone();
        let address = self.save_checkout_address(ctx, args.input).await?;
        Ok(Some(CreateCheckoutAddressPayload {
            checkout_address: Some(address),
            client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_mutation_checkout_address(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateMutationCheckoutAddressArgs,
    ) -> GqlResult<Option<CreateMutationCheckoutAddressPayload>> {
        let i = args.input;
        let client_mutation_id = i.client_mutation_id.clone();
        // The same input under upstream's other name (`@sameFieldsAs`).
        let address = self.save_checkout_address(ctx, i.into()).await?;
        Ok(Some(CreateMutationCheckoutAddressPayload {
            mutation_checkout_address: Some(address),
            client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_checkout_shipping_method(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCheckoutShippingMethodArgs,
    ) -> GqlResult<Option<CreateCheckoutShippingMethodPayload>> {
        let i = args.input;
        let rc = cart_request(ctx).await?;
        let s = self.choose_shipping(&rc, optional(&i.shipping_method).or(optional(&i.shipping_method_code))).await?;
        Ok(Some(CreateCheckoutShippingMethodPayload {
            checkout_shipping_method: Some(CheckoutShippingMethod {
                id: Some(s.id),
                success: Some(s.success),
                message: Some(s.message),
                cart_token: s.cart_token,
                shipping_method: Some(s.shipping_method),
                ext: Default::default(),
            }),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_checkout_payment_method(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCheckoutPaymentMethodArgs,
    ) -> GqlResult<Option<CreateCheckoutPaymentMethodPayload>> {
        let i = args.input;
        let urls = [
            url(&i.payment_success_url, "paymentSuccessUrl")?.or(url(&i.success_url, "successUrl")?),
            url(&i.payment_failure_url, "paymentFailureUrl")?.or(url(&i.failure_url, "failureUrl")?),
            url(&i.payment_cancel_url, "paymentCancelUrl")?.or(url(&i.cancel_url, "cancelUrl")?),
        ];
        let rc = cart_request(ctx).await?;
        let s = self.choose_payment(&rc, optional(&i.payment_method), urls).await?;
        Ok(Some(CreateCheckoutPaymentMethodPayload {
            checkout_payment_method: Some(CheckoutPaymentMethod {
                success: Some(s.success),
                message: Some(s.message),
                cart_token: s.cart_token,
                payment_method: Some(s.payment_method),
                payment_redirect_url: s.payment_redirect_url,
                payment_gateway_url: s.payment_gateway_url,
                payment_data: s.payment_data.map(|d| d.to_string()),
                ext: Default::default(),
            }),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_checkout_order(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCheckoutOrderArgs,
    ) -> GqlResult<Option<CreateCheckoutOrderPayload>> {
        let rc = cart_request(ctx).await?;
        let (placed, order) = self.place(&rc).await?;
        let scope = rc.scope().await?;
        Ok(Some(CreateCheckoutOrderPayload {
            checkout_order: Some(CheckoutOrder {
                id: Some(placed.id.to_string()),
                order_id: placed.order_id,
                cart_token: placed.cart_token,
                redirect: Some(placed.redirect),
                redirect_url: placed.redirect_url,
                message: Some(placed.message),
                ext: Extra::new(order.map(|o| order_node(&o, scope))),
            }),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn save_customer_address(
        &self,
        ctx: &Context<'_>,
        args: MutationSaveCustomerAddressArgs,
    ) -> GqlResult<Option<SaveCustomerAddressPayload>> {
        let i = args.input;
        let rc = cart_request(ctx).await?;
        // A customer's account email and phone stand in for those left out.
        let (mut email, mut phone) = (i.email, i.phone);
        if let (Shopper::Customer { customer_id }, _) = crate::cart::shopper(&rc)? {
            let account = self.0.customers().profile(customer_id).await?;
            email = optional(&email).or(Some(account.email));
            if optional(&phone).is_none() && optional(&i.phone_number).is_none() {
                phone = account.phone;
            }
        }
        let side = Side::legacy(&AddressInput {
            first_name: i.first_name,
            last_name: i.last_name,
            email,
            company_name: i.company_name,
            vat_id: i.vat_id,
            address: i.address,
            address1: i.address1,
            address2: i.address2,
            city: i.city,
            state: i.state,
            country: i.country,
            postal_code: None,
            zip_code: i.zip_code,
            postcode: i.postcode,
            phone,
            phone_number: i.phone_number,
        });
        self.save_addresses(&rc, address_request(side, None, None, None, true)).await?;
        let saved = self.rest_checkout().get_checkout_addresses(&rc, GetCheckoutAddressesInput {}).await?;
        Ok(Some(SaveCustomerAddressPayload {
            address: saved.first().map(checkout_address_node),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn estimate_shipping(
        &self,
        ctx: &Context<'_>,
        args: MutationEstimateShippingArgs,
    ) -> GqlResult<Option<EstimateShippingPayload>> {
        let i = args.input;
        let postcode = optional(&i.zip_code).or(optional(&i.postcode));
        self.destination(&i.country, &i.state, postcode, "zipCode").await?;
        let rc = cart_request(ctx).await?;
        // The methods served do not depend on the address: the estimate is what the cart is offered.
        let rates = self.rest_checkout().list_shipping_methods(&rc, ListShippingMethodsInput {}).await?;
        Ok(Some(EstimateShippingPayload {
            shipping_methods: Some(EstimatedShippingMethodList {
                ext: Extra::new(rates.into_iter().map(rate_node).collect::<Vec<_>>()),
            }),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn create_estimate_shipping(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateEstimateShippingArgs,
    ) -> GqlResult<Option<CreateEstimateShippingPayload>> {
        let i = args.input;
        let place = self.destination(&i.country, &i.state, optional(&i.postcode), "postcode").await?;
        let rc = cart_request(ctx).await?;
        let (view, token) = current(&self.0, &rc, false).await?;
        let (view, _) = self.0.carts().estimate(view, &place, i.shipping_method.as_deref()).await?;
        let cart = cart_body(&view, rc.scope().await?, token, None);
        Ok(Some(CreateEstimateShippingPayload {
            estimate_shipping: Some(estimated_cart(&cart)),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn save_shipping_method(
        &self,
        ctx: &Context<'_>,
        args: MutationSaveShippingMethodArgs,
    ) -> GqlResult<Option<SaveShippingMethodPayload>> {
        let i = args.input;
        let rc = cart_request(ctx).await?;
        self.choose_shipping(&rc, optional(&i.shipping_method_code).or(optional(&i.shipping_method))).await?;
        let (view, token) = current(&self.0, &rc, false).await?;
        let cart = cart_body(&view, rc.scope().await?, token, Some("Shipping method saved successfully"));
        Ok(Some(SaveShippingMethodPayload {
            cart: Some(legacy_cart(&cart)),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn save_payment_method(
        &self,
        ctx: &Context<'_>,
        args: MutationSavePaymentMethodArgs,
    ) -> GqlResult<Option<SavePaymentMethodPayload>> {
        let i = args.input;
        let rc = cart_request(ctx).await?;
        let s =
            self.choose_payment(&rc, optional(&i.method).or(optional(&i.payment_method)), [None, None, None]).await?;
        Ok(Some(SavePaymentMethodPayload {
            status: Some("success".to_owned()),
            success: Some(s.success),
            message: Some(s.message),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn create_order(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateOrderArgs,
    ) -> GqlResult<Option<CreateOrderPayload>> {
        let i = args.input;
        let call = OneCall {
            billing: i.billing_address.as_ref().map(Side::legacy),
            billing_id: book_id(i.billing_address_id.as_ref(), "billingAddressId")?,
            shipping: i.shipping_address.as_ref().map(Side::legacy),
            shipping_id: book_id(i.shipping_address_id.as_ref(), "shippingAddressId")?,
            shipping_method: i.shipping_method,
            payment_method: i.payment_method,
        };
        let order = self.one_call(ctx, call).await?;
        Ok(Some(CreateOrderPayload {
            order: Some(order),
            message: Some("Order created successfully".to_owned()),
            success: Some(true),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_guest_order(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateGuestOrderArgs,
    ) -> GqlResult<Option<CreateGuestOrderPayload>> {
        let i = args.input;
        let call = OneCall {
            billing: i.billing_address.as_ref().map(Side::legacy),
            billing_id: None,
            shipping: i.shipping_address.as_ref().map(Side::legacy),
            shipping_id: None,
            shipping_method: i.shipping_method,
            payment_method: i.payment_method,
        };
        let order = self.one_call(ctx, call).await?;
        Ok(Some(CreateGuestOrderPayload {
            order: Some(order),
            message: Some("Order created successfully".to_owned()),
            success: Some(true),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }
}

#[async_trait::async_trait]
impl GetCheckoutAddressQueries for ShopGraph {
    async fn collection_get_checkout_addresses(
        &self,
        ctx: &Context<'_>,
        args: QueryCollectionGetCheckoutAddressesArgs,
    ) -> GqlResult<Connection<GetCheckoutAddress>> {
        let rc = cart_request(ctx).await?;
        let all = self.rest_checkout().get_checkout_addresses(&rc, GetCheckoutAddressesInput {}).await?;
        Connection::slice(all.iter().map(checkout_address_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }

    async fn collection_get_checkout_address(
        &self,
        ctx: &Context<'_>,
        args: QueryCollectionGetCheckoutAddressArgs,
    ) -> GqlResult<Connection<GetCheckoutAddress>> {
        let args = QueryCollectionGetCheckoutAddressesArgs { page: args.page };
        self.collection_get_checkout_addresses(ctx, args).await
    }
}

#[async_trait::async_trait]
impl CheckoutAddressQueries for ShopGraph {
    async fn read_checkout_address(
        &self,
        ctx: &Context<'_>,
        _args: QueryReadCheckoutAddressArgs,
    ) -> GqlResult<Option<CheckoutAddress>> {
        // `id` is not read: the cart is the caller's, by its credential.
        let rc = cart_request(ctx).await?;
        let (view, token) = current(&self.0, &rc, false).await?;
        let cart = cart_body(&view, rc.scope().await?, token, None);
        let saved = self.rest_checkout().get_checkout_addresses(&rc, GetCheckoutAddressesInput {}).await?;
        // Each side's fields, null while that side is not saved.
        let side = |kind: models::CheckoutAddressType| {
            saved.iter().find(|a| a.address_type == kind).map(Side::from_saved).unwrap_or_default()
        };
        let (b, s) = (side(models::CheckoutAddressType::CartBilling), side(models::CheckoutAddressType::CartShipping));
        Ok(Some(CheckoutAddress {
            id: Some(cart.id.to_string()),
            id_: Some(cart.id),
            success: Some(true),
            message: Some("Addresses retrieved successfully".to_owned()),
            cart_token: cart.cart_token,
            customer_id: cart.customer_id,
            billing_first_name: b.first_name,
            billing_last_name: b.last_name,
            billing_email: b.email,
            billing_company_name: b.company,
            billing_address: b.street,
            billing_city: b.city,
            billing_state: b.state,
            billing_country: b.country,
            billing_postcode: b.postcode,
            billing_phone_number: b.phone,
            shipping_first_name: s.first_name,
            shipping_last_name: s.last_name,
            shipping_email: s.email,
            shipping_company_name: s.company,
            shipping_address: s.street,
            shipping_city: s.city,
            shipping_state: s.state,
            shipping_country: s.country,
            shipping_postcode: s.postcode,
            shipping_phone_number: s.phone,
            ext: Default::default(),
        }))
    }
}

#[async_trait::async_trait]
impl ShippingRateQueries for ShopGraph {
    async fn collection_shipping_rates(&self, ctx: &Context<'_>) -> GqlResult<Vec<ShippingRate>> {
        let rc = cart_request(ctx).await?;
        let rates = self.rest_checkout().list_shipping_methods(&rc, ListShippingMethodsInput {}).await?;
        Ok(rates.into_iter().map(rate_node).collect())
    }
}

impl ShopGraph {
    async fn payment_nodes(&self, ctx: &Context<'_>) -> GqlResult<Vec<PaymentMethod>> {
        let rc = cart_request(ctx).await?;
        let methods = self.rest_checkout().list_payment_methods(&rc, ListPaymentMethodsInput {}).await?;
        Ok(methods.into_iter().enumerate().map(|(i, m)| payment_node((i + 1, m))).collect())
    }
}

#[async_trait::async_trait]
impl PaymentMethodQueries for ShopGraph {
    async fn collection_payment_methods(&self, ctx: &Context<'_>) -> GqlResult<Vec<PaymentMethod>> {
        self.payment_nodes(ctx).await
    }

    async fn payment_methods(
        &self,
        ctx: &Context<'_>,
        args: QueryPaymentMethodsArgs,
    ) -> GqlResult<Connection<PaymentMethod>> {
        Connection::slice(self.payment_nodes(ctx).await?, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl CheckoutOrderResolver for ShopGraph {
    async fn order(&self, _ctx: &Context<'_>, parent: &CheckoutOrder) -> GqlResult<Option<Order>> {
        Ok(parent.ext.get::<Option<Order>>().cloned().flatten())
    }
}

#[async_trait::async_trait]
impl OrderResolver for ShopGraph {
    async fn items(&self, _ctx: &Context<'_>, parent: &Order) -> GqlResult<Vec<OrderItem>> {
        Ok(parent.ext.get::<Vec<OrderItem>>().cloned().unwrap_or_default())
    }
}

#[async_trait::async_trait]
impl EstimatedShippingMethodListResolver for ShopGraph {
    async fn edges(
        &self,
        _ctx: &Context<'_>,
        parent: &EstimatedShippingMethodList,
    ) -> GqlResult<Vec<EstimatedShippingMethodListEntry>> {
        let rates = parent.ext.get::<Vec<ShippingRate>>().cloned().unwrap_or_default();
        Ok(rates.into_iter().map(|r| EstimatedShippingMethodListEntry { ext: Extra::new(r) }).collect())
    }
}

#[async_trait::async_trait]
impl EstimatedShippingMethodListEntryResolver for ShopGraph {
    async fn node(
        &self,
        _ctx: &Context<'_>,
        parent: &EstimatedShippingMethodListEntry,
    ) -> GqlResult<Option<ShippingRate>> {
        Ok(parent.ext.get::<ShippingRate>().cloned())
    }
}
