//! GraphQL: the shopper's cart. Guest cart tokens, reading the cart, adding, changing and
//! removing lines, merging a guest cart into a customer's, in the API Platform forms
//! (`createCartToken`, `createAddProductInCart`, ...) and the overview pages' legacy forms
//! (`addProductsToCart`, `updateCart`, the `cart` query, ...).
//!
//! Every operation is the REST cart operation's use case (`crate::cart`): the same carts, the
//! same refusals, the same answer ([`crate::cart::cart_body`]) reshaped into the GraphQL cart
//! types, which differ only in name. The credential is read when the field runs: a customer
//! token or a guest cart token, as `Authorization: Bearer` or `X-Cart-Token`.

use async_graphql::Context;
use polyshop_api_bagisto_shop::{
    cart as cart_api,
    cart::{
        CartService as _, CreateCartTokenInput, GetCartInput, MergeCartInput, RemoveCartItemInput,
        RemoveCartItemsInput, UpdateCartItemInput,
    },
    models,
};
use polyshop_graphql_shop::{
    resolvers::{
        AddProductInCartResolver, ApplyCouponResolver, CartItemResolver, CartQueries, CartResolver, CartTokenResolver,
        CartsMutations, EstimateShippingResolver, MergeCartResolver, MoveToWishlistResolver, ReadCartResolver,
        RemoveCartItemResolver, RemoveCouponResolver, UpdateCartItemResolver, WishlistToCartResolver,
    },
    types::*,
};
use polyshop_runtime::{Principal, RequestContext, ServiceError};
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};
use serde_json::Value;

use super::{
    MAX_PAGE, ShopGraph,
    credentials::{cart_request, customer_request},
    product_nodes::product_by_id,
    text, validation,
};
use crate::{
    cart::{self, cart_body, current, priced, shopper},
    context::ShopRequest,
};
use polyshop_core::{carts::AddItem, sales::placement::LineChoice};

/// Lines a cart answers on one page unless asked for fewer.
const CART_PAGE: usize = 100;

fn line_node(l: &models::CartItem) -> CartItem {
    CartItem {
        id: l.id.to_string(),
        cart_id: l.cart_id,
        product_id: l.product_id,
        name: Some(l.name.clone()),
        sku: l.sku.clone(),
        type_: l.type_.to_string(),
        quantity: i64::from(l.quantity),
        price: text(l.price),
        base_price: text(l.base_price),
        total: text(l.total),
        base_total: text(l.base_total),
        discount_amount: text(l.discount_amount),
        base_discount_amount: text(l.base_discount_amount),
        tax_amount: text(l.tax_amount),
        base_tax_amount: text(l.base_tax_amount),
        formatted_price: Some(l.formatted_price.clone()),
        formatted_total: Some(l.formatted_total.clone()),
        price_incl_tax: text(l.price_incl_tax),
        base_price_incl_tax: text(l.base_price_incl_tax),
        formatted_price_incl_tax: Some(l.formatted_price_incl_tax.clone()),
        total_incl_tax: text(l.total_incl_tax),
        base_total_incl_tax: text(l.base_total_incl_tax),
        formatted_total_incl_tax: Some(l.formatted_total_incl_tax.clone()),
        options: l.options.as_ref().map(|options| {
            options
                .iter()
                .map(|o| {
                    let mut option = serde_json::json!({
                        "option_id": o.option_id, "option_label": o.option_label, "attribute_name": o.attribute_name,
                    });
                    // A bundle's picks also say whether their option is required and takes a
                    // quantity, as the add-to-cart page's bundle example shows.
                    if let (Some(required), Some(change)) = (o.is_required, o.can_change_qty) {
                        option["is_required"] = required.into();
                        option["can_change_qty"] = change.into();
                    }
                    option
                })
                .collect()
        }),
        base_image: l.base_image.clone(),
        product_url_key: Some(l.product_url_key.clone()),
        can_change_qty: Some(l.can_change_qty),
        total_price: text(l.total),
        ext: Default::default(),
    }
}

/// What a cart node keeps for its resolvers: its lines and addresses.
struct CartExt {
    lines: Vec<CartItem>,
    billing: Option<models::CartAddress>,
    shipping: Option<models::CartAddress>,
}

/// Builds one of the cart types (they share every field) from the REST cart answer.
macro_rules! cart_node {
    ($ty:ident, $c:expr $(, $field:ident: $value:expr)*) => {{
        let c: &models::Cart = $c;
        $ty {
            id: c.id.to_string(),
            id_: c.id,
            cart_token: c.cart_token.clone(),
            session_token: c.session_token.clone(),
            customer_id: c.customer_id,
            channel_id: Some(c.channel_id),
            is_guest: Some(c.is_guest),
            items_count: Some(i64::from(c.items_count)),
            items_qty: Some(i64::from(c.items_qty)),
            subtotal: text(c.subtotal),
            base_subtotal: text(c.base_subtotal),
            formatted_subtotal: Some(c.formatted_subtotal.clone()),
            discount_amount: text(c.discount_amount),
            base_discount_amount: text(c.base_discount_amount),
            formatted_discount_amount: Some(c.formatted_discount_amount.clone()),
            tax_amount: text(c.tax_amount),
            base_tax_amount: text(c.base_tax_amount),
            formatted_tax_amount: Some(c.formatted_tax_amount.clone()),
            tax_total: text(c.tax_total),
            formatted_tax_total: Some(c.formatted_tax_total.clone()),
            shipping_amount: text(c.shipping_amount),
            base_shipping_amount: text(c.base_shipping_amount),
            formatted_shipping_amount: Some(c.formatted_shipping_amount.clone()),
            grand_total: text(c.grand_total),
            base_grand_total: text(c.base_grand_total),
            formatted_grand_total: Some(c.formatted_grand_total.clone()),
            sub_total_incl_tax: text(c.sub_total_incl_tax),
            base_sub_total_incl_tax: text(c.base_sub_total_incl_tax),
            formatted_sub_total_incl_tax: Some(c.formatted_sub_total_incl_tax.clone()),
            shipping_amount_incl_tax: text(c.shipping_amount_incl_tax),
            base_shipping_amount_incl_tax: text(c.base_shipping_amount_incl_tax),
            formatted_shipping_amount_incl_tax: Some(c.formatted_shipping_amount_incl_tax.clone()),
            coupon_code: c.coupon_code.clone(),
            have_stockable_items: Some(c.have_stockable_items),
            payment_method: c.payment_method.clone(),
            payment_method_title: c.payment_method_title.clone(),
            success: c.success,
            message: c.message.clone(),
            $($field: $value,)*
            ext: Extra::new(CartExt {
                lines: c.items.iter().map(line_node).collect(),
                billing: c.billing_address.clone(),
                shipping: c.shipping_address.clone(),
            }),
        }
    }};
}

/// The legacy `Cart` (with its shipping method and the legacy names).
pub(super) fn legacy_cart(c: &models::Cart) -> Cart {
    cart_node!(Cart, c,
        shipping_method: c.shipping_method.clone(),
        shipping_method_title: c.shipping_method_title.clone(),
        shipping_total: text(c.shipping_amount),
        shipping_method_code: c.shipping_method.clone())
}

/// A shipping estimate's cart (with the method whose cost it includes).
pub(super) fn estimated_cart(c: &models::Cart) -> EstimateShipping {
    cart_node!(EstimateShipping, c, shipping_method: c.shipping_method.clone())
}

fn lines(ext: &Extra, page: &PageArgs) -> GqlResult<Connection<CartItem>> {
    let all = ext.get::<CartExt>().map(|e| e.lines.clone()).unwrap_or_default();
    Connection::slice(all, page, CART_PAGE, MAX_PAGE)
}

fn address_node(a: &models::CartAddress) -> CartAddress {
    CartAddress {
        id: Some(a.id.to_string()),
        first_name: Some(a.first_name.clone()),
        last_name: Some(a.last_name.clone()),
        email: Some(a.email.clone()),
        address: Some(a.address.clone()),
        city: Some(a.city.clone()),
        state: a.state.clone(),
        country: Some(a.country.clone()),
        postcode: a.postcode.clone(),
        phone: Some(a.phone.clone()),
        zip_code: a.postcode.clone(),
        ext: Default::default(),
    }
}

/// A whole number input that must fit a quantity (or a line id).
fn int32(value: i64, field: &str) -> GqlResult<i32> {
    i32::try_from(value).map_err(|_| validation(format!("`{field}` is out of range")))
}

/// An id sent as text (`"12"`), as the overview pages send them.
fn text_id(value: Option<&str>, field: &str) -> GqlResult<i64> {
    value
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or_else(|| validation(format!("`{field}` must be a numeric id")))
}

/// `{"23": 1}`, `[{"23": 1}, {"24": 6}]` or JSON text of either: attribute (or product) id →
/// option id (or quantity). Anything else is a validation error naming `field`.
fn id_pairs(value: &Value, field: &str) -> GqlResult<Vec<(i64, i64)>> {
    let bad = || validation(format!("`{field}` must map ids to whole numbers, as `{{\"23\": 1}}`"));
    match value {
        Value::String(s) if s.trim().is_empty() => Ok(Vec::new()),
        Value::String(s) => id_pairs(&serde_json::from_str::<Value>(s).map_err(|_| bad())?, field),
        Value::Array(items) => items.iter().try_fold(Vec::new(), |mut all, v| {
            all.extend(id_pairs(v, field)?);
            Ok(all)
        }),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let key = k.trim().parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(bad)?;
                let value = match v {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
                .ok_or_else(bad)?;
                Ok((key, value))
            })
            .collect(),
        Value::Null => Ok(Vec::new()),
        _ => Err(bad()),
    }
}

/// `[1, 2]`, `["1", "2"]`, one id, or JSON text of any: the download-link ids of `links`
/// (at most 50). Anything else is a validation error.
fn id_list(value: &Value) -> GqlResult<Vec<i64>> {
    let bad = || validation("`links` must be a list of download-link ids, as `[1, 2]`");
    let one = |v: &Value| match v {
        Value::Number(n) => n.as_i64().filter(|id| *id > 0),
        Value::String(s) => s.trim().parse().ok().filter(|id: &i64| *id > 0),
        _ => None,
    };
    let ids = match value {
        Value::Null => Vec::new(),
        Value::String(s) if s.trim().is_empty() => Vec::new(),
        Value::String(s) if s.trim_start().starts_with('[') => {
            return id_list(&serde_json::from_str::<Value>(s).map_err(|_| bad())?);
        }
        Value::Array(items) => items.iter().map(|v| one(v).ok_or_else(bad)).collect::<GqlResult<Vec<_>>>()?,
        other => vec![one(other).ok_or_else(bad)?],
    };
    if ids.len() > 50 {
        return Err(validation("`links`: at most 50 download links"));
    }
    Ok(ids)
}

/// `{3: ["Gold"], 4: "AB"}` (or JSON text of it): customizable option ids to their values, a
/// list or a single value each (at most 100 options).
fn option_values(value: &Value) -> GqlResult<std::collections::BTreeMap<i64, Vec<String>>> {
    let bad = || validation("`customizableOptions` must map option ids to values, as `{\"3\": [\"7\"]}`");
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match value {
        Value::Null => Ok(Default::default()),
        Value::String(s) if s.trim().is_empty() => Ok(Default::default()),
        Value::String(s) => option_values(&serde_json::from_str::<Value>(s).map_err(|_| bad())?),
        Value::Object(map) if map.len() <= 100 => map
            .iter()
            .map(|(k, v)| {
                let id = k.trim().parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(bad)?;
                let values = match v {
                    Value::Array(items) => items.iter().map(|i| text(i).ok_or_else(bad)).collect::<GqlResult<_>>()?,
                    one => vec![text(one).ok_or_else(bad)?],
                };
                Ok((id, values))
            })
            .collect(),
        _ => Err(bad()),
    }
}

/// `{color: "Red", size: "L"}` (or JSON text of it): attribute code → option name.
fn name_pairs(value: &Value) -> GqlResult<Vec<(String, String)>> {
    let bad = || validation("`superAttributeSelection` must map attribute codes to options, as `{color: \"Red\"}`");
    match value {
        Value::String(s) => name_pairs(&serde_json::from_str::<Value>(s).map_err(|_| bad())?),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                Value::Number(n) => Ok((k.clone(), n.to_string())),
                _ => Err(bad()),
            })
            .collect(),
        Value::Null => Ok(Vec::new()),
        _ => Err(bad()),
    }
}

/// What createAddProductInCart's input asks to add. Booking and customizable choices are not
/// taken by carts yet: the core refuses those products by type.
fn add_item(input: &CreateAddProductInCartInput) -> GqlResult<AddItem> {
    let product_id = input.product_id.filter(|id| *id > 0).ok_or_else(|| validation("`productId` is required"))?;
    let grouped = match (&input.grouped_qty, &input.qty) {
        (Some(text), _) if !text.trim().is_empty() => id_pairs(&Value::String(text.clone()), "groupedQty")?,
        (_, Some(qty)) => id_pairs(qty, "qty")?,
        _ => Vec::new(),
    };
    let options = match &input.super_attribute {
        Some(v) => id_pairs(v, "superAttribute")?,
        None => Vec::new(),
    };
    Ok(AddItem {
        product_id,
        quantity: input.quantity.unwrap_or(1),
        variant_id: input.selected_configurable_option,
        options: options.into_iter().collect(),
        grouped: grouped.into_iter().collect(),
        links: match &input.links {
            Some(v) => id_list(v)?,
            None => Vec::new(),
        },
        choice: LineChoice {
            customizable: match &input.customizable_options {
                Some(v) => option_values(v)?,
                None => Default::default(),
            },
            booking: match input.booking.as_deref().map(crate::cart::BookingFields::from_text).transpose()?.flatten() {
                Some(fields) => Some(fields.request(input.booking_note.as_deref(), input.special_note.as_deref())?),
                None => None,
            },
            ..crate::cart::bundle_choice(
                input.bundle_options.clone().map(Value::String).as_ref(),
                input.bundle_option_qty.clone().map(Value::String).as_ref(),
            )?
        },
        buy_now: input.is_buy_now == Some(1),
    })
}

impl ShopGraph {
    /// Adds `adds` to the shopper's cart (all or nothing) and answers the cart.
    async fn add_all(&self, rc: &RequestContext, adds: Vec<AddItem>) -> GqlResult<models::Cart> {
        let (who, token) = shopper(rc)?;
        let scope = rc.scope().await?;
        let carts = self.0.carts();
        let cart = carts.cart_of(who, scope.channel.id, true).await?;
        carts.add_all(&cart, adds, &scope.channel, &scope.locale).await?;
        let view = priced(&self.0, scope, carts.cart_of(who, scope.channel.id, false).await?).await?;
        Ok(cart_body(&view, scope, token, Some("Product added to cart successfully")))
    }

    /// A legacy entry (`{productId: "1", quantity, superAttributeSelection}`) as a product to add.
    async fn legacy_item(&self, rc: &RequestContext, item: &CartItemInput) -> GqlResult<AddItem> {
        let product_id = text_id(item.product_id.as_deref(), "items.productId")?;
        let names = match &item.super_attribute_selection {
            Some(v) => name_pairs(v)?,
            None => Vec::new(),
        };
        let options = if names.is_empty() {
            Default::default()
        } else {
            self.0.carts().choice_by_names(rc.scope().await?, product_id, &names).await?
        };
        Ok(AddItem { product_id, quantity: item.quantity.unwrap_or(1), options, ..Default::default() })
    }

    /// Applies coupon `code` (the REST operation's use case): the cart, `success` telling
    /// whether it applied.
    async fn coupon_applied(&self, ctx: &Context<'_>, code: Option<String>) -> GqlResult<models::Cart> {
        let code = code.filter(|c| !c.trim().is_empty()).ok_or_else(|| validation("`couponCode` is required"))?;
        let rc = cart_request(ctx).await?;
        let body = models::ApplyCouponRequest { coupon_code: code };
        Ok(self.rest_cart().apply_coupon(&rc, cart_api::ApplyCouponInput { body }).await?)
    }

    async fn coupon_removed(&self, ctx: &Context<'_>) -> GqlResult<models::Cart> {
        let rc = cart_request(ctx).await?;
        Ok(self.rest_cart().remove_coupon(&rc, cart_api::RemoveCouponInput {}).await?)
    }

    fn rest_cart(&self) -> cart::Service {
        cart::Service(self.0.clone())
    }

    /// The shopper's cart now, with `message`.
    async fn read(&self, rc: &RequestContext, message: Option<&str>) -> GqlResult<models::Cart> {
        let (view, token) = current(&self.0, rc, false).await?;
        Ok(cart_body(&view, rc.scope().await?, token, message))
    }

    async fn update_one(&self, rc: &RequestContext, item_id: i64, quantity: i64) -> GqlResult<models::Cart> {
        let body = models::UpdateCartItemRequest { cart_item_id: item_id, quantity: int32(quantity, "quantity")? };
        Ok(self.rest_cart().update_cart_item(rc, UpdateCartItemInput { body }).await?)
    }

    async fn remove_one(&self, rc: &RequestContext, item_id: i64) -> GqlResult<models::Cart> {
        let body = models::RemoveCartItemRequest { cart_item_id: item_id };
        Ok(self.rest_cart().remove_cart_item(rc, RemoveCartItemInput { body }).await?)
    }

    /// A new guest cart, whatever token the request carries (one it carries must be valid).
    async fn new_guest_cart(&self, ctx: &Context<'_>) -> GqlResult<models::Cart> {
        let mut rc = cart_request(ctx).await?;
        rc.user = None;
        Ok(self.rest_cart().create_cart_token(&rc, CreateCartTokenInput {}).await?)
    }
}

#[async_trait::async_trait]
impl CartsMutations for ShopGraph {
    async fn create_cart_token(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCartTokenArgs,
    ) -> GqlResult<Option<CreateCartTokenPayload>> {
        let mut rc = cart_request(ctx).await?;
        // A guest token gets a new guest cart; only a customer's token names their cart.
        if matches!(rc.user, Some(Principal::GuestCart { .. })) {
            rc.user = None;
        }
        let c = self.rest_cart().create_cart_token(&rc, CreateCartTokenInput {}).await?;
        Ok(Some(CreateCartTokenPayload {
            cart_token: Some(cart_node!(CartToken, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_add_product_in_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateAddProductInCartArgs,
    ) -> GqlResult<Option<CreateAddProductInCartPayload>> {
        let add = add_item(&args.input)?;
        let rc = cart_request(ctx).await?;
        let c = self.add_all(&rc, vec![add]).await?;
        Ok(Some(CreateAddProductInCartPayload {
            add_product_in_cart: Some(cart_node!(AddProductInCart, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_read_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateReadCartArgs,
    ) -> GqlResult<Option<CreateReadCartPayload>> {
        let rc = cart_request(ctx).await?;
        let c = self.rest_cart().get_cart(&rc, GetCartInput {}).await?;
        Ok(Some(CreateReadCartPayload {
            read_cart: Some(cart_node!(ReadCart, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_update_cart_item(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateUpdateCartItemArgs,
    ) -> GqlResult<Option<CreateUpdateCartItemPayload>> {
        let input = args.input;
        let item_id = input.cart_item_id.ok_or_else(|| validation("`cartItemId` is required"))?;
        let quantity = input.quantity.ok_or_else(|| validation("`quantity` is required"))?;
        let rc = cart_request(ctx).await?;
        let c = self.update_one(&rc, item_id, quantity).await?;
        Ok(Some(CreateUpdateCartItemPayload {
            update_cart_item: Some(cart_node!(UpdateCartItem, &c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_remove_cart_item(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateRemoveCartItemArgs,
    ) -> GqlResult<Option<CreateRemoveCartItemPayload>> {
        let item_id = args.input.cart_item_id.ok_or_else(|| validation("`cartItemId` is required"))?;
        let rc = cart_request(ctx).await?;
        let c = self.remove_one(&rc, item_id).await?;
        Ok(Some(CreateRemoveCartItemPayload {
            remove_cart_item: Some(cart_node!(RemoveCartItem, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_remove_cart_items(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateRemoveCartItemsArgs,
    ) -> GqlResult<Option<CreateRemoveCartItemsPayload>> {
        let input = args.input;
        let rc = cart_request(ctx).await?;
        let item_ids = input.item_ids.unwrap_or_default();
        if item_ids.len() > 100 {
            return Err(validation("`itemIds`: at most 100 line ids"));
        }
        let body = models::RemoveCartItemsRequest { item_ids };
        let c = self.rest_cart().remove_cart_items(&rc, RemoveCartItemsInput { body }).await?;
        Ok(Some(CreateRemoveCartItemsPayload {
            remove_cart_items: Some(cart_node!(RemoveCartItem, &c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn read_get_cart_token(
        &self,
        ctx: &Context<'_>,
        args: MutationReadGetCartTokenArgs,
    ) -> GqlResult<Option<ReadGetCartTokenPayload>> {
        // `id` and `cartId` are not read: the cart is the caller's, by its credential.
        let rc = cart_request(ctx).await?;
        let c = self.rest_cart().get_cart(&rc, GetCartInput {}).await?;
        Ok(Some(ReadGetCartTokenPayload {
            get_cart_token: Some(cart_node!(ReadCart, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_merge_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateMergeCartArgs,
    ) -> GqlResult<Option<CreateMergeCartPayload>> {
        let input = args.input;
        // The customer signs in with the Bearer token; the guest cart is named by its token.
        let rc = customer_request(ctx).await?;
        let x_cart_token = rc.headers.get("x-cart-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = models::MergeCartRequest {
            guest_cart_token: input.guest_cart_token,
            guest_cart_token_legacy: None,
            cart_id: input.cart_id,
            cart_id_upstream: None,
        };
        let c = self.rest_cart().merge_cart(&rc, MergeCartInput { x_cart_token, body }).await?;
        Ok(Some(CreateMergeCartPayload {
            merge_cart: Some(cart_node!(MergeCart, &c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateCartArgs,
    ) -> GqlResult<Option<CreateCartPayload>> {
        let rc = cart_request(ctx).await?;
        if !matches!(rc.user, Some(Principal::Customer { .. })) {
            return Err(ServiceError::unauthorized(UNAUTHENTICATED).into());
        }
        let c = self.rest_cart().create_cart_token(&rc, CreateCartTokenInput {}).await?;
        Ok(Some(CreateCartPayload {
            cart: Some(legacy_cart(&c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn add_products_to_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationAddProductsToCartArgs,
    ) -> GqlResult<Option<AddProductsToCartPayload>> {
        let input = args.input;
        let rc = cart_request(ctx).await?;
        let mut adds = Vec::new();
        match (&input.items, input.product_id) {
            (Some(items), _) => {
                for item in items.iter().flatten() {
                    adds.push(self.legacy_item(&rc, item).await?);
                }
            }
            (None, Some(product_id)) => {
                adds.push(AddItem { product_id, quantity: input.quantity.unwrap_or(1), ..Default::default() })
            }
            (None, None) => return Err(validation("`items` is required")),
        }
        if adds.is_empty() {
            return Err(validation("`items`: give at least one product"));
        }
        let c = self.add_all(&rc, adds).await?;
        Ok(Some(AddProductsToCartPayload {
            success: Some(true),
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            add_product_in_cart: Some(cart_node!(AddProductInCart, &c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn add_to_cart(&self, ctx: &Context<'_>, args: MutationAddToCartArgs) -> GqlResult<Option<AddToCartPayload>> {
        let input = args.input;
        let product_id = input.product_id.filter(|id| *id > 0).ok_or_else(|| validation("`productId` is required"))?;
        let rc = cart_request(ctx).await?;
        let add = AddItem { product_id, quantity: input.quantity.unwrap_or(1), ..Default::default() };
        let c = self.add_all(&rc, vec![add]).await?;
        Ok(Some(AddToCartPayload {
            success: Some(true),
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn update_cart(
        &self,
        ctx: &Context<'_>,
        args: MutationUpdateCartArgs,
    ) -> GqlResult<Option<UpdateCartPayload>> {
        let input = args.input;
        let mut changes = Vec::new();
        for item in input.items.iter().flatten().flatten() {
            let id = text_id(item.cart_item_id.as_deref(), "items.cartItemId")?;
            let quantity = item.quantity.ok_or_else(|| validation("`items.quantity` is required"))?;
            changes.push((id, quantity));
        }
        if changes.is_empty() {
            return Err(validation("`items`: give at least one line"));
        }
        let rc = cart_request(ctx).await?;
        let (who, _) = shopper(&rc)?;
        let scope = rc.scope().await?;
        let cart = self.0.carts().cart_of(who, scope.channel.id, false).await?;
        self.0.carts().update_quantities(&cart, &changes, &scope.channel, &scope.locale).await?;
        let c = self.read(&rc, Some("Cart updated successfully")).await?;
        Ok(Some(UpdateCartPayload {
            success: Some(true),
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn remove_cart_item(
        &self,
        ctx: &Context<'_>,
        args: MutationRemoveCartItemArgs,
    ) -> GqlResult<Option<RemoveCartItemPayload>> {
        let input = args.input;
        let item_id = text_id(input.cart_item_id.as_deref(), "cartItemId")?;
        let rc = cart_request(ctx).await?;
        let c = self.remove_one(&rc, item_id).await?;
        Ok(Some(RemoveCartItemPayload {
            success: Some(true),
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_apply_coupon(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateApplyCouponArgs,
    ) -> GqlResult<Option<CreateApplyCouponPayload>> {
        let c = self.coupon_applied(ctx, args.input.coupon_code).await?;
        Ok(Some(CreateApplyCouponPayload {
            apply_coupon: Some(cart_node!(ApplyCoupon, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_remove_coupon(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateRemoveCouponArgs,
    ) -> GqlResult<Option<CreateRemoveCouponPayload>> {
        let c = self.coupon_removed(ctx).await?;
        Ok(Some(CreateRemoveCouponPayload {
            remove_coupon: Some(cart_node!(RemoveCoupon, &c)),
            client_mutation_id: args.input.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn apply_coupon(
        &self,
        ctx: &Context<'_>,
        args: MutationApplyCouponArgs,
    ) -> GqlResult<Option<ApplyCouponPayload>> {
        let c = self.coupon_applied(ctx, args.input.coupon_code).await?;
        Ok(Some(ApplyCouponPayload {
            success: c.success,
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn remove_coupon(
        &self,
        ctx: &Context<'_>,
        _args: MutationRemoveCouponArgs,
    ) -> GqlResult<Option<RemoveCouponPayload>> {
        let c = self.coupon_removed(ctx).await?;
        Ok(Some(RemoveCouponPayload {
            success: Some(true),
            message: c.message.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }

    async fn generate_guest_token(&self, ctx: &Context<'_>) -> GqlResult<Option<GenerateGuestTokenPayload>> {
        let c = self.new_guest_cart(ctx).await?;
        Ok(Some(GenerateGuestTokenPayload {
            token: c.cart_token.clone(),
            cart: Some(legacy_cart(&c)),
            client_mutation_id: None,
            ext: Default::default(),
        }))
    }
}

use polyshop_core::customers::tokens::UNAUTHENTICATED;

#[async_trait::async_trait]
impl CartQueries for ShopGraph {
    async fn cart(&self, ctx: &Context<'_>, args: QueryCartArgs) -> GqlResult<Option<Cart>> {
        let rc = cart_request(ctx).await?;
        let c = match current(&self.0, &rc, false).await {
            Ok((view, token)) => cart_body(&view, rc.scope().await?, token, None),
            Err(e) if e.status() == poem::http::StatusCode::NOT_FOUND => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        // An id names the caller's cart or nothing: a cart is never reached by id alone.
        if let Some(id) = args.id.as_deref().map(str::trim).filter(|id| !id.is_empty())
            && super::numeric_id(id) != Some(c.id)
        {
            return Ok(None);
        }
        Ok(Some(legacy_cart(&c)))
    }
}

/// The `items` connection of every cart type, from the lines the node carries.
macro_rules! cart_items_resolver {
    ($resolver:ident, $ty:ident, $args:ident) => {
        #[async_trait::async_trait]
        impl $resolver for ShopGraph {
            async fn items(&self, _ctx: &Context<'_>, parent: &$ty, args: $args) -> GqlResult<Connection<CartItem>> {
                lines(&parent.ext, &args.page)
            }
        }
    };
}

cart_items_resolver!(CartTokenResolver, CartToken, CartTokenItemsArgs);
cart_items_resolver!(AddProductInCartResolver, AddProductInCart, AddProductInCartItemsArgs);
cart_items_resolver!(ReadCartResolver, ReadCart, ReadCartItemsArgs);
cart_items_resolver!(EstimateShippingResolver, EstimateShipping, EstimateShippingItemsArgs);
cart_items_resolver!(UpdateCartItemResolver, UpdateCartItem, UpdateCartItemItemsArgs);
cart_items_resolver!(RemoveCartItemResolver, RemoveCartItem, RemoveCartItemItemsArgs);
cart_items_resolver!(MergeCartResolver, MergeCart, MergeCartItemsArgs);
cart_items_resolver!(WishlistToCartResolver, WishlistToCart, WishlistToCartItemsArgs);
cart_items_resolver!(MoveToWishlistResolver, MoveToWishlist, MoveToWishlistItemsArgs);
cart_items_resolver!(ApplyCouponResolver, ApplyCoupon, ApplyCouponItemsArgs);
cart_items_resolver!(RemoveCouponResolver, RemoveCoupon, RemoveCouponItemsArgs);

#[async_trait::async_trait]
impl CartResolver for ShopGraph {
    async fn items(&self, _ctx: &Context<'_>, parent: &Cart, args: CartItemsArgs) -> GqlResult<Connection<CartItem>> {
        lines(&parent.ext, &args.page)
    }

    async fn billing_address(&self, _ctx: &Context<'_>, parent: &Cart) -> GqlResult<Option<CartAddress>> {
        Ok(parent.ext.get::<CartExt>().and_then(|e| e.billing.as_ref()).map(address_node))
    }

    async fn shipping_address(&self, _ctx: &Context<'_>, parent: &Cart) -> GqlResult<Option<CartAddress>> {
        Ok(parent.ext.get::<CartExt>().and_then(|e| e.shipping.as_ref()).map(address_node))
    }

    async fn address(&self, _ctx: &Context<'_>, parent: &Cart) -> GqlResult<Option<CartAddress>> {
        Ok(parent.ext.get::<CartExt>().and_then(|e| e.shipping.as_ref().or(e.billing.as_ref())).map(address_node))
    }
}

#[async_trait::async_trait]
impl CartItemResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &CartItem) -> GqlResult<Option<Product>> {
        product_by_id(ctx, parent.product_id).await
    }
}

/// The cart moveWishlistToCart answers.
pub(super) fn wishlist_to_cart(c: &models::Cart) -> WishlistToCart {
    cart_node!(WishlistToCart, c)
}

pub(super) fn move_to_wishlist_node(c: &models::Cart) -> MoveToWishlist {
    cart_node!(MoveToWishlist, c)
}
