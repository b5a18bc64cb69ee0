//! The Bagisto shop APIs: the REST API (`spec/openapi/bagisto-shop.yaml`) and the GraphQL API
//! (`spec/graphql/shop.graphql`), both behind the storefront key gate.
//!
//! Every request is answered in the scope (channel, locale, currency) its headers ask for; see
//! [`context`].

pub mod context;
pub mod gate;
mod graphiql;
pub mod graphql;

mod attributes;
mod booking_products;
mod bundle_products;
mod cart;
mod categories;
mod channels;
mod checkout;
mod cms_pages;
mod compare_items;
mod contact;
mod countries;
mod currencies;
mod customer_addresses;
mod customer_downloads;
mod customer_invoices;
mod customer_orders;
mod customer_shipments;
mod customers;
mod customizable_options;
mod documentation;
mod downloadable_products;
mod grouped_products;
mod locales;
mod privacy;
mod product_media;
mod product_pricing;
mod products;
mod returns;
mod reviews;
mod theme;
mod tokens;
mod wishlists;

use std::sync::Arc;

use poem::{EndpointExt, Response, endpoint::BoxEndpoint};
use polyshop_api_bagisto_shop as api;

use polyshop_core::{
    AppState,
    surface::{ExtraRoute, Surface},
};
use polyshop_runtime::ErrorStyle;

/// Paths served without a storefront key: those of the operations the spec opens to anyone
/// (`security: []`: the documentation, public sample downloads, temporary download links).
fn open_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    api::OPERATIONS.iter().filter(|op| op.security.is_empty()).any(|op| path_matches(op.path, path))
}

/// Whether `path` is an instance of the path template `template` (`{name}` matches one segment).
fn path_matches(template: &str, path: &str) -> bool {
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(ts), Some(ps)) if ts == ps || (ts.starts_with('{') && !ps.is_empty()) => {}
            _ => return false,
        }
    }
}

pub fn services(state: &AppState) -> api::Services {
    api::Services {
        context: Arc::new(context::ShopContextHook(state.clone())),
        documentation: Arc::new(documentation::Service),
        products: Arc::new(products::Service(state.clone())),
        product_media: Arc::new(product_media::Service(state.clone())),
        product_pricing: Arc::new(product_pricing::Service(state.clone())),
        customizable_options: Arc::new(customizable_options::Service(state.clone())),
        bundle_products: Arc::new(bundle_products::Service(state.clone())),
        grouped_products: Arc::new(grouped_products::Service(state.clone())),
        downloadable_products: Arc::new(downloadable_products::Service(state.clone())),
        booking_products: Arc::new(booking_products::Service(state.clone())),
        reviews: Arc::new(reviews::Service(state.clone())),
        attributes: Arc::new(attributes::Service(state.clone())),
        categories: Arc::new(categories::Service(state.clone())),
        channels: Arc::new(channels::Service(state.clone())),
        locales: Arc::new(locales::Service(state.clone())),
        currencies: Arc::new(currencies::Service(state.clone())),
        countries: Arc::new(countries::Service(state.clone())),
        theme: Arc::new(theme::Service(state.clone())),
        cms_pages: Arc::new(cms_pages::Service(state.clone())),
        customers: Arc::new(customers::Service(state.clone())),
        customer_addresses: Arc::new(customer_addresses::Service(state.clone())),
        cart: Arc::new(cart::Service(state.clone())),
        contact: Arc::new(contact::Service(state.clone())),
        customer_orders: Arc::new(customer_orders::Service(state.clone())),
        customer_invoices: Arc::new(customer_invoices::Service(state.clone())),
        customer_downloadable_products: Arc::new(customer_downloads::Service(state.clone())),
        customer_shipments: Arc::new(customer_shipments::Service(state.clone())),
        checkout: Arc::new(checkout::Service(state.clone())),
        wishlists: Arc::new(wishlists::Service(state.clone())),
        compare_items: Arc::new(compare_items::Service(state.clone())),
        gdpr_requests: Arc::new(privacy::Service(state.clone())),
        eu_withdrawals: Arc::new(privacy::Service(state.clone())),
        customer_returns: Arc::new(returns::Service(state.clone())),
    }
}

pub fn surface(state: &AppState) -> Surface {
    let service = api::openapi_service(services(state));
    let docs = documentation::kept(|| {
        let spec_json = api::spec_json(&service);
        // poem-openapi lists each security scheme of a handler as an alternative of its own; the
        // document states the spec's combined requirements (storefront key and customer token),
        // and so does the page.
        let swagger_ui_html = service.swagger_ui_html().replacen(&service.spec(), spec_json, 1);
        documentation::Docs { spec_json, swagger_ui_html }
    });
    let keys = state.storefront_keys();
    Surface {
        swagger_ui: None,
        spec_json: docs.spec_json.to_owned(),
        // Customer tokens, and for cart operations guest cart tokens too.
        api: service
            .map_to_response()
            .data(Arc::new(tokens::ShopTokens(state.clone())) as Arc<dyn polyshop_runtime::BearerVerifier>)
            .boxed(),
        wrap: Some(Box::new(move |inner: BoxEndpoint<'static, Response>| {
            gate::StorefrontGate { inner, keys, open: open_path }.with(cors()).boxed()
        })),
        extra_routes: graphql_routes(state),
    }
}

/// The GraphQL endpoint (`POST /api/graphql`) and its playground (`GET /api/graphiql`).
fn graphql_routes(state: &AppState) -> Vec<ExtraRoute> {
    graphql::routes(state)
        .into_iter()
        .map(|(path, endpoint)| ExtraRoute {
            path,
            title: (path == graphql::PLAYGROUND).then_some("GraphQL playground (GraphiQL)"),
            endpoint: endpoint.with(cors()).boxed(),
            // The playground is a web page; the endpoint answers GraphQL error bodies.
            style: (path == graphql::ENDPOINT).then_some(ErrorStyle::GraphQl),
        })
        .collect()
}

/// Storefronts run in browsers on other origins: any origin may call the shop APIs (a storefront
/// key is public anyway), and scripts may read the paging, rate-limit and request-id headers.
/// Preflight requests are answered here, before the storefront key gate.
fn cors() -> poem::middleware::Cors {
    poem::middleware::Cors::new().expose_headers([
        "X-Total-Count",
        "X-Page",
        "X-Per-Page",
        "X-Total-Pages",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "Retry-After",
        "X-Request-Id",
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_paths_are_the_operations_without_security() {
        assert!(open_path("/api/shop"));
        assert!(open_path("/api/docs.json"));
        assert!(open_path("/api/shop/downloadable/download-sample/link/3"));
        assert!(open_path("/api/downloadable-product/download/abc/"));
        assert!(!open_path("/api/downloadable-product/download"));
        assert!(!open_path("/api/downloadable-product/download/abc/more"));
        assert!(!open_path("/api/shop/products"));
        assert!(!open_path("/api/shop/customer-downloadable-products/3/download"));
    }
}
