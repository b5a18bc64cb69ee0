//! The Bagisto shop GraphQL API: `POST /api/graphql` and the GraphiQL playground at
//! `GET /api/graphiql`.
//!
//! The schema is the one generated from `spec/graphql/shop.graphql`; [`ShopGraph`] implements
//! its resolver traits, area by area (`catalog`, `core`, ...). Every request but a pure
//! introspection query passes the storefront key gate. Limits: query depth 20, complexity 400,
//! at most 10 operations in a batch; collections take at most 100 items a page.
//!
//! No N+1: fields of the objects of a list (a page of products' images, variants, attribute
//! values) are loaded for the whole list at once through per-request data loaders
//! ([`Loaders`]), so a page costs a bounded number of queries whatever its size.

mod attributes;
mod categories;
mod cms;
mod core;
mod field_order;
mod loaders;
mod product_types;
mod products;
mod query;
mod reviews;

use std::sync::Arc;

use async_graphql::{Context, dynamic::Schema};
use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response, endpoint::BoxEndpoint, handler, http::StatusCode, web::Html,
};
use polyshop_graphql_shop::Resolvers;
use polyshop_runtime::{RequestContext, graphql::GqlResult};
use serde_json::{Value, json};

pub use loaders::Loaders;

use super::{context, gate};
use polyshop_core::{AppState, settings::scope::Scope};

pub const MAX_DEPTH: usize = 20;
pub const MAX_COMPLEXITY: usize = 400;
pub const MAX_BATCH: usize = 10;
/// Default and largest page of a collection.
pub const DEFAULT_PAGE: usize = 10;
pub const MAX_PAGE: usize = 100;

/// Implements every resolver trait of the shop schema.
#[derive(Clone)]
pub struct ShopGraph(pub AppState);

/// What resolvers of one request share: who asks, in which scope, and the data loaders.
pub struct RequestData {
    pub state: AppState,
    pub ctx: RequestContext,
    pub scope: Scope,
    pub loaders: Loaders,
}

/// The request data of a resolver's request.
pub fn request<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a RequestData> {
    ctx.data::<RequestData>()
}

pub fn schema(state: &AppState) -> Schema {
    let graph = Arc::new(ShopGraph(state.clone()));
    let resolvers = Resolvers {
        query: graph.clone(),
        attribute: graph.clone(),
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
        theme_customization: graph,
    };
    polyshop_graphql_shop::schema_builder(&resolvers)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
        .expect("the generated shop schema is valid")
}

pub fn routes(state: &AppState) -> Vec<(&'static str, BoxEndpoint<'static, Response>)> {
    let endpoint = GraphqlEndpoint { state: state.clone(), schema: schema(state) };
    vec![("/api/graphql", endpoint.boxed()), ("/api/graphiql", graphiql.map_to_response().boxed())]
}

#[handler]
fn graphiql() -> Html<String> {
    Html(async_graphql::http::GraphiQLSource::build().endpoint("/api/graphql").title("Bagisto Shop GraphQL").finish())
}

struct GraphqlEndpoint {
    state: AppState,
    schema: Schema,
}

impl Endpoint for GraphqlEndpoint {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        if req.method() != poem::http::Method::POST {
            return Ok(error(StatusCode::METHOD_NOT_ALLOWED, "Send GraphQL requests with POST."));
        }
        let body = req.take_body().into_bytes().await?;
        let parsed: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return Ok(error(StatusCode::BAD_REQUEST, &format!("The request body is not JSON: {e}"))),
        };
        let (operations, batch) = match parsed {
            Value::Array(items) if items.len() > MAX_BATCH => {
                return Ok(error(
                    StatusCode::BAD_REQUEST,
                    &format!("A batch holds at most {MAX_BATCH} operations, this one {}.", items.len()),
                ));
            }
            Value::Array(items) if items.is_empty() => {
                return Ok(error(StatusCode::BAD_REQUEST, "The batch is empty."));
            }
            Value::Array(items) => (items, true),
            other => (vec![other], false),
        };
        let mut requests = Vec::new();
        for op in &operations {
            match operation(op) {
                Ok(r) => requests.push(r),
                Err(message) => return Ok(error(StatusCode::BAD_REQUEST, &message)),
            }
        }

        // Introspection alone (GraphiQL, code generators) needs no key; anything else does.
        let mut quota = None;
        let mut principal = polyshop_runtime::Principal::Anonymous;
        if !requests.iter().all(|r| is_introspection(&r.query)) {
            match gate::check(&self.state.storefront_keys(), &req).await {
                gate::Verdict::Refuse(resp) => return Ok(resp),
                gate::Verdict::Admit { caller, quota: q } => {
                    principal = caller.0;
                    quota = q;
                }
            }
        }
        let ctx = RequestContext::new(&req, principal);
        let shop = context::ShopContext::new(self.state.clone(), context::scope_request(&ctx));
        let scope = match shop.scope().await {
            Ok(s) => s.clone(),
            Err(e) => return Ok(e.into_response(polyshop_runtime::ErrorStyle::Bagisto)),
        };

        let requests: Vec<(async_graphql::Request, Arc<loaders::Waves>)> = requests
            .into_iter()
            .map(|r| {
                let loaders = Loaders::new(self.state.clone(), scope.clone());
                let waves = loaders.waves();
                let data = RequestData { state: self.state.clone(), ctx: ctx.clone(), scope: scope.clone(), loaders };
                let mut request = async_graphql::Request::new(r.query).variables(r.variables).data(data);
                if let Some(name) = r.operation_name {
                    request = request.operation_name(name);
                }
                (request, waves)
            })
            .collect();
        let mut answers = match execute(self.schema.clone(), requests).await {
            Ok(answers) => answers,
            Err(e) => return Ok(e.into_response(polyshop_runtime::ErrorStyle::Bagisto)),
        };
        let body = if batch { Value::Array(answers) } else { answers.pop().unwrap_or(Value::Null) };
        let mut resp = poem::web::Json(body).into_response();
        if let Some(quota) = quota {
            gate::add_quota_headers(&mut resp, &quota);
        }
        Ok(resp)
    }
}

/// Runs `requests` on a thread of their own, in a `LocalSet`: the data loaders' batches run as
/// local tasks, one at a time, each once the execution has run on the results of the one before
/// (`loaders::Waves`, told of every poll of the execution), so a batch holds every key the
/// execution can reach by then. Batching then does not depend on timing: a page of N products
/// costs the same queries for every N.
async fn execute(
    schema: Schema,
    requests: Vec<(async_graphql::Request, Arc<loaders::Waves>)>,
) -> Result<Vec<Value>, polyshop_runtime::ServiceError> {
    let handle = tokio::runtime::Handle::current();
    let run = move || {
        // Unconstrained: tokio's cooperative budget would otherwise make the execution yield
        // mid-level after ~128 channel polls, and split that level's batches.
        handle.block_on(tokio::task::LocalSet::new().run_until(tokio::task::unconstrained(async move {
            let mut answers = Vec::new();
            for (request, waves) in requests {
                let (query, operation_name) = (request.query.clone(), request.operation_name.clone());
                let response = loaders::Polled { future: Box::pin(schema.execute(request)), waves }.await;
                let mut answer =
                    serde_json::to_value(&response).unwrap_or_else(|e| json!({"errors": [{"message": e.to_string()}]}));
                if let Some(data) = answer.get_mut("data") {
                    field_order::order_as_selected(&query, operation_name.as_deref(), data);
                }
                answers.push(answer);
            }
            answers
        })))
    };
    tokio::task::spawn_blocking(run)
        .await
        .map_err(|e| polyshop_runtime::ServiceError::internal(format!("GraphQL execution: {e}")))
}

struct Operation {
    query: String,
    variables: async_graphql::Variables,
    operation_name: Option<String>,
}

/// One `{query, variables, operationName}` object.
fn operation(v: &Value) -> Result<Operation, String> {
    let Some(query) = v.get("query").and_then(Value::as_str) else {
        return Err("Each operation needs a `query` string.".to_owned());
    };
    let variables = match v.get("variables") {
        None | Some(Value::Null) => async_graphql::Variables::default(),
        Some(vars @ Value::Object(_)) => polyshop_runtime::graphql::variables_from_json(vars),
        Some(_) => return Err("`variables` must be an object.".to_owned()),
    };
    let operation_name = v.get("operationName").and_then(Value::as_str).map(str::to_owned);
    Ok(Operation { query: query.to_owned(), variables, operation_name })
}

/// Whether every root field the query selects is `__schema`, `__type` or `__typename`.
fn is_introspection(query: &str) -> bool {
    use async_graphql::parser::types::{ExecutableDocument, Selection};
    let Ok(doc): Result<ExecutableDocument, _> = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let introspective = |set: &async_graphql::parser::types::SelectionSet| {
        set.items.iter().all(|s| match &s.node {
            Selection::Field(f) => f.node.name.node.starts_with("__"),
            _ => false,
        })
    };
    doc.operations.iter().all(|(_, op)| introspective(&op.node.selection_set.node))
}

/// A request the GraphQL layer cannot run at all, as a GraphQL error body.
fn error(status: StatusCode, message: &str) -> Response {
    poem::web::Json(json!({"errors": [{"message": message}]})).with_status(status).into_response()
}

/// A GraphQL error for an invalid argument (`extensions.code: GRAPHQL_VALIDATION_FAILED`).
pub fn validation(message: impl Into<String>) -> async_graphql::Error {
    polyshop_runtime::graphql::validation_error(message)
}

/// The numeric id an `ID` argument names: an IRI (`/api/shop/locales/3`), `"3"` or `3`.
pub fn numeric_id(id: &str) -> Option<i64> {
    id.trim().trim_end_matches('/').rsplit('/').next()?.parse().ok()
}

/// A page of `listing` for the connection arguments `page`: counts the rows, then reads the
/// window the arguments select.
pub async fn page_of<E: sea_orm::EntityTrait>(
    state: &AppState,
    listing: polyshop_core::listing::Listing<E>,
    page: &polyshop_runtime::graphql::PageArgs,
) -> GqlResult<polyshop_runtime::graphql::Connection<E::Model>>
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
    Ok(polyshop_runtime::graphql::Connection::new(rows, offset, usize::try_from(total).unwrap_or(usize::MAX)))
}
