//! The GraphiQL playground at `GET /api/graphiql`, served entirely from the binary: the page and
//! its scripts and styles (GraphiQL and React, vendored in `graphiql/`, versions and licences in
//! `graphiql/LICENSES.md`) come from here, so the playground works without internet access.

use poem::{
    EndpointExt, Response,
    endpoint::{BoxEndpoint, make_sync},
    http::{StatusCode, header},
};

/// Where the playground page is served.
pub const PAGE: &str = "/api/graphiql";
/// Where its assets are served (`{ASSETS}/graphiql.min.js`).
pub const ASSETS: &str = "/api/graphiql/assets/:file";

const INDEX_HTML: &str = include_str!("graphiql/index.html");

/// (file name, content type, content) of every asset the page loads.
const FILES: &[(&str, &str, &[u8])] = &[
    ("graphiql.min.css", "text/css; charset=utf-8", include_bytes!("graphiql/graphiql.min.css")),
    ("graphiql.min.js", "text/javascript; charset=utf-8", include_bytes!("graphiql/graphiql.min.js")),
    ("react.production.min.js", "text/javascript; charset=utf-8", include_bytes!("graphiql/react.production.min.js")),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("graphiql/react-dom.production.min.js"),
    ),
];

/// The playground page, querying `endpoint`.
pub fn page(title: &'static str, endpoint: &'static str) -> BoxEndpoint<'static, Response> {
    let html = INDEX_HTML.replace("__TITLE__", title).replace("__ENDPOINT__", endpoint);
    make_sync(move |_| Response::builder().content_type("text/html; charset=utf-8").body(html.clone())).boxed()
}

/// The page's assets, cached by browsers for a day (they change only with a new release).
pub fn assets() -> BoxEndpoint<'static, Response> {
    make_sync(|req| {
        let file = req.path_params::<String>().ok();
        match FILES.iter().find(|(name, _, _)| file.as_deref() == Some(*name)) {
            Some((_, content_type, bytes)) => Response::builder()
                .content_type(*content_type)
                .header(header::CACHE_CONTROL, "public, max-age=86400")
                .body(*bytes),
            None => Response::builder().status(StatusCode::NOT_FOUND).finish(),
        }
    })
    .boxed()
}
