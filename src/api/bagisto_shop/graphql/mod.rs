//! The Bagisto shop GraphQL API: `POST /api/graphql` and the GraphiQL playground at
//! `GET /api/graphiql`.
//!
//! The schema is the one generated from `spec/graphql/shop.graphql`; [`ShopGraph`] implements
//! its resolver traits, area by area: each module implements the resolved fields of its types
//! and the root query fields answering with them (`products` implements `ProductResolver` and
//! `ProductQueries`). Every request but a pure
//! introspection query passes the storefront key gate. Limits: query depth 20, complexity 400,
//! at most 10 operations in a batch; collections take at most 100 items a page.
//!
//! No N+1: fields of the objects of a list (a page of products' images, variants, attribute
//! values) are loaded for the whole list at once through per-request data loaders
//! ([`Loaders`]), so a page costs a bounded number of queries whatever its size.

mod account;
mod attributes;
mod carts;
mod categories;
mod category_filters;
mod checkout;
mod cms;
mod contact;
mod core;
mod credentials;
mod customers;
mod default_channel;
mod downloads;
mod privacy;
mod product_loaders;
mod product_media;
mod product_nodes;
mod product_types;
mod products;
mod returns;
mod reviews;
mod selection;
mod wishlists;

use std::sync::{Arc, OnceLock};

use async_graphql::{Context, dynamic::Schema, parser::types::ExecutableDocument};
use poem::{Endpoint, EndpointExt, Request, Response, endpoint::BoxEndpoint, http::StatusCode};
use polyshop_graphql_shop::Resolvers;
use polyshop_runtime::RequestContext;
use polyshop_runtime_graphql::{GqlError, GqlResult, executor, int_range, loaders::Waves};

use self::selection::NodeNeeds;
use super::{context, gate, graphiql};
use polyshop_core::{AppState, settings::scope::Scope};

pub const MAX_DEPTH: usize = 20;
pub const MAX_COMPLEXITY: usize = 400;
pub const MAX_BATCH: usize = 10;
/// Fields one operation may select with its fragments expanded, checked before validation
/// expands them (far above any real query: GraphiQL's introspection selects a few hundred).
pub const MAX_EXPANDED_FIELDS: usize = 10_000;
/// Default and largest page of a collection.
pub const DEFAULT_PAGE: usize = 10;
pub const MAX_PAGE: usize = 100;

/// Implements every resolver trait of the shop schema.
#[derive(Clone)]
pub struct ShopGraph(pub AppState);

/// What the shop's data loaders are made from: the request's state and scope.
#[derive(Clone)]
pub struct LoadContext {
    pub state: AppState,
    pub scope: Scope,
    /// What product nodes the query shows (loaders build nodes with only that).
    pub needs: NodeNeeds,
}

/// The data loaders of one request (`polyshop_runtime_graphql::loaders`).
pub type Loaders = polyshop_runtime_graphql::loaders::Loaders<LoadContext>;

/// A shop data loader: made from the request's [`LoadContext`].
pub use polyshop_runtime_graphql::loaders::RequestLoader;

/// What resolvers of one request share: who asks, in which scope, and the data loaders.
pub struct RequestData {
    pub needs: NodeNeeds,
    pub state: AppState,
    pub ctx: RequestContext,
    pub scope: Scope,
    pub loaders: Loaders,
    /// The `Authorization: Bearer` token sent, read by customer operations when they run.
    pub bearer: Option<String>,
}

/// The request data of a resolver's request.
pub fn request<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a RequestData> {
    Ok(ctx.data::<RequestData>()?)
}

pub fn schema(state: &AppState) -> Schema {
    let graph = Arc::new(ShopGraph(state.clone()));
    let resolvers = Resolvers {
        attribute_queries: graph.clone(),
        category_attribute_filter_queries: graph.clone(),
        attribute_option_queries: graph.clone(),
        booking_slot_queries: graph.clone(),
        category_queries: graph.clone(),
        channel_queries: graph.clone(),
        country_queries: graph.clone(),
        country_state_queries: graph.clone(),
        default_channel_queries: graph.clone(),
        currency_queries: graph.clone(),
        locale_queries: graph.clone(),
        page_queries: graph.clone(),
        product_queries: graph.clone(),
        product_bundle_option_queries: graph.clone(),
        product_bundle_option_product_queries: graph.clone(),
        product_downloadable_link_queries: graph.clone(),
        product_downloadable_sample_queries: graph.clone(),
        product_grouped_product_queries: graph.clone(),
        product_image_queries: graph.clone(),
        product_video_queries: graph.clone(),
        product_review_queries: graph.clone(),
        review_queries: graph.clone(),
        theme_customization_queries: graph.clone(),
        attribute: graph.clone(),
        category_attribute_filter: graph.clone(),
        attribute_option: graph.clone(),
        attribute_value: graph.clone(),
        booking_product: graph.clone(),
        booking_product_event_ticket: graph.clone(),
        category: graph.clone(),
        channel: graph.clone(),
        country: graph.clone(),
        country_state: graph.clone(),
        page: graph.clone(),
        product: graph.clone(),
        product_grouped_product: graph.clone(),
        product_bundle_option: graph.clone(),
        product_bundle_option_product: graph.clone(),
        product_downloadable_link: graph.clone(),
        product_downloadable_sample: graph.clone(),
        customer_queries: graph.clone(),
        customer_address_queries: graph.clone(),
        add_update_customer_address_queries: graph.clone(),
        customer_profile_queries: graph.clone(),
        customers_mutations: graph.clone(),
        cart_queries: graph.clone(),
        carts_mutations: graph.clone(),
        cart_token: graph.clone(),
        add_product_in_cart: graph.clone(),
        read_cart: graph.clone(),
        estimate_shipping: graph.clone(),
        update_cart_item: graph.clone(),
        remove_cart_item: graph.clone(),
        merge_cart: graph.clone(),
        cart: graph.clone(),
        cart_item: graph.clone(),
        checkout_mutations: graph.clone(),
        get_checkout_address_queries: graph.clone(),
        checkout_address_queries: graph.clone(),
        shipping_rate_queries: graph.clone(),
        payment_method_queries: graph.clone(),
        checkout_order: graph.clone(),
        order: graph.clone(),
        estimated_shipping_method_list: graph.clone(),
        estimated_shipping_method_list_entry: graph.clone(),
        contact_mutations: graph.clone(),
        reviews_mutations: graph.clone(),
        sales_mutations: graph.clone(),
        downloads_mutations: graph.clone(),
        customer_order_queries: graph.clone(),
        customer_invoice_queries: graph.clone(),
        customer_downloadable_product_queries: graph.clone(),
        customer_downloadable_product: graph.clone(),
        privacy_mutations: graph.clone(),
        gdpr_request_queries: graph.clone(),
        gdpr_request: graph.clone(),
        eu_withdrawal_queries: graph.clone(),
        returns_mutations: graph.clone(),
        customer_return_queries: graph.clone(),
        customer_return_message_queries: graph.clone(),
        return_reason_queries: graph.clone(),
        returnable_item_queries: graph.clone(),
        customer_order_shipment_queries: graph.clone(),
        customer_review_queries: graph.clone(),
        customer_order: graph.clone(),
        customer_invoice: graph.clone(),
        customer_order_shipment: graph.clone(),
        customer_review: graph.clone(),
        wishlists_mutations: graph.clone(),
        wishlist_queries: graph.clone(),
        compare_item_queries: graph.clone(),
        wishlist: graph.clone(),
        wishlist_item: graph.clone(),
        compare_item: graph.clone(),
        wishlist_to_cart: graph.clone(),
        move_to_wishlist: graph.clone(),
        apply_coupon: graph.clone(),
        remove_coupon: graph.clone(),
        customer: graph.clone(),
        theme_customization: graph,
    };
    polyshop_graphql_shop::schema_builder(&resolvers)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
        .expect("the generated shop schema is valid")
}

/// Where the GraphQL endpoint is served.
pub const ENDPOINT: &str = "/api/graphql";
/// Where its playground is served.
pub const PLAYGROUND: &str = graphiql::PAGE;

pub fn routes(state: &AppState) -> Vec<(&'static str, BoxEndpoint<'static, Response>)> {
    static INTS: OnceLock<Arc<int_range::Index>> = OnceLock::new();
    let prepared = executor::PreparedSchema::with_kept_index(schema(state), "Query", &INTS);
    let endpoint = GraphqlEndpoint { state: state.clone(), prepared };
    vec![
        (ENDPOINT, endpoint.boxed()),
        (PLAYGROUND, graphiql::page("Bagisto Shop GraphQL", ENDPOINT)),
        (graphiql::ASSETS, graphiql::assets()),
    ]
}

struct GraphqlEndpoint {
    state: AppState,
    prepared: executor::PreparedSchema,
}

impl Endpoint for GraphqlEndpoint {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        if req.method() != poem::http::Method::POST {
            return Ok(executor::error(StatusCode::METHOD_NOT_ALLOWED, "Send GraphQL requests with POST."));
        }
        let body = req.take_body().into_bytes().await?;
        let (requests, batch) = match executor::read_body(&body, MAX_BATCH, MAX_EXPANDED_FIELDS) {
            Ok(read) => read,
            Err(message) => return Ok(executor::error(StatusCode::BAD_REQUEST, &message)),
        };

        // Introspection alone (GraphiQL, code generators) needs no key; anything else does.
        let mut quota = None;
        let mut principal = polyshop_runtime::Principal::Anonymous;
        if !requests.iter().all(|r| r.document.as_deref().is_some_and(executor::is_introspection_in)) {
            match gate::check(&self.state.storefront_keys(), &req).await {
                gate::Verdict::Refuse(resp) => return Ok(resp),
                gate::Verdict::Admit { caller, quota: q } => {
                    principal = caller.0;
                    quota = q;
                }
            }
        }
        let mut ctx = RequestContext::new(&req, principal);
        let bearer = req
            .headers()
            .get(poem::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        let shop = context::ShopContext::new(self.state.clone(), context::scope_request(&ctx));
        let scope = match shop.scope().await {
            Ok(s) => s.clone(),
            Err(e) => return Ok(e.into_response(polyshop_runtime::ErrorStyle::Bagisto)),
        };
        // Cart and checkout fields run the REST operations' use cases, which read it there.
        ctx.insert(shop);

        // Products show the signed-in customer's wishlist and compare flags: the token is read
        // once, and only when a query selects them; an invalid one shows a guest's ("0").
        let mut needs: Vec<NodeNeeds> =
            requests.iter().map(|r| NodeNeeds::of_document(r.document.as_deref())).collect();
        if let Some(token) = bearer.as_deref()
            && needs.iter().any(|n| n.flags)
        {
            let shopper = self.state.customers().authenticate(token).await.ok().map(|(_, c)| c.id);
            needs.iter_mut().for_each(|n| n.shopper = shopper);
        }
        let requests: Vec<(async_graphql::Request, Option<Arc<ExecutableDocument>>, Arc<Waves>)> = requests
            .into_iter()
            .zip(needs)
            .map(|(r, needs)| {
                let loaders = Loaders::new(LoadContext { state: self.state.clone(), scope: scope.clone(), needs });
                let waves = loaders.waves();
                let data = RequestData {
                    needs,
                    state: self.state.clone(),
                    ctx: ctx.clone(),
                    scope: scope.clone(),
                    loaders,
                    bearer: bearer.clone(),
                };
                let mut request = async_graphql::Request::new(r.query).variables(r.variables).data(data);
                if let Some(name) = r.operation_name {
                    request = request.operation_name(name);
                }
                (request, r.document, waves)
            })
            .collect();
        let mut answers = executor::execute(&self.prepared, requests).await;
        let body = if batch {
            [&b"["[..], &answers.join(&b","[..]), b"]"].concat()
        } else {
            answers.pop().unwrap_or_else(|| b"null".to_vec())
        };
        let mut resp = Response::builder().content_type("application/json; charset=utf-8").body(body);
        if let Some(quota) = quota {
            gate::add_quota_headers(&mut resp, &quota);
        }
        Ok(resp)
    }
}

/// A GraphQL error for an invalid argument (`extensions.code: GRAPHQL_VALIDATION_FAILED`).
pub fn validation(message: impl Into<String>) -> GqlError {
    polyshop_runtime_graphql::validation_error(message)
}

/// The numeric id an `ID` argument names: an IRI (`/api/shop/locales/3`), `"3"` or `3`.
pub fn numeric_id(id: &str) -> Option<i64> {
    id.trim().trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

/// The id an account operation's `ID` argument names, for a lookup through the signed-in
/// customer: one that names nothing reads as 0, which is no one's, so it is answered as missing
/// like another customer's id.
pub fn owned_id(id: &str) -> i64 {
    numeric_id(id).filter(|n| *n > 0).unwrap_or_default()
}

/// A page of `listing` for the connection arguments `page`: counts the rows, then reads the
/// window the arguments select.
pub async fn page_of<E: sea_orm::EntityTrait>(
    state: &AppState,
    listing: polyshop_core::listing::Listing<E>,
    page: &polyshop_runtime_graphql::PageArgs,
) -> GqlResult<polyshop_runtime_graphql::Connection<E::Model>>
where
    E::Model: Sync,
{
    let mut offset = 0;
    let (rows, total) = listing
        .window(&state.db, |total| {
            let window = page.window(usize::try_from(total).unwrap_or(usize::MAX), DEFAULT_PAGE, MAX_PAGE)?;
            offset = window.offset;
            GqlResult::Ok((window.offset as u64, window.limit as u64))
        })
        .await?;
    Ok(polyshop_runtime_graphql::Connection::new(rows, offset, usize::try_from(total).unwrap_or(usize::MAX)))
}

/// An exact decimal of a REST answer as the GraphQL types' decimal text (`"99.8"`).
pub fn text(d: polyshop_runtime::JsonDecimal) -> Option<String> {
    Some(d.0.normalize().to_string())
}

/// The rows of a collection that `load` reads a REST page at a time (page 1 of `per_page`
/// rows) for connection arguments `page`: the total first, then the rows up to the end of the
/// window asked for. (rows, offset, total), for [`polyshop_runtime_graphql::Connection::new`].
pub async fn window_of<T, F, Fut>(
    page: &polyshop_runtime_graphql::PageArgs,
    load: F,
) -> GqlResult<(Vec<T>, usize, usize)>
where
    F: Fn(polyshop_runtime::PageWindow) -> Fut,
    Fut: std::future::Future<Output = Result<polyshop_runtime::Page<T>, polyshop_runtime::ServiceError>>,
{
    let total = usize::try_from(load(polyshop_runtime::PageWindow::new(1, 1)).await?.total).unwrap_or(usize::MAX);
    let w = page.window(total, DEFAULT_PAGE, MAX_PAGE)?;
    let end = w.offset.saturating_add(w.limit).min(total);
    if end <= w.offset {
        return Ok((Vec::new(), w.offset, total));
    }
    let rows = load(polyshop_runtime::PageWindow::new(1, i64::try_from(end).unwrap_or(i64::MAX))).await?;
    Ok((rows.items.into_iter().skip(w.offset).collect(), w.offset, total))
}
