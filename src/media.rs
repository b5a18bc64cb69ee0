//! Public media at `GET /storage/...`: product, category, review and theme images, served from
//! `{storage_dir}/public` (as Laravel serves `storage/app/public` at `/storage`). Everything else
//! in the storage directory (downloadable products' files) stays private: it is served only
//! through the API operations that check a purchase.
//!
//! The demo dataset names images it does not ship: with `serve --demo`, a missing image answers
//! a placeholder picture, so the demo's image URLs resolve.

use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response,
    endpoint::{BoxEndpoint, StaticFilesEndpoint},
    http::{StatusCode, header},
};

/// Where public media are served.
pub const PREFIX: &str = "/storage";

const PLACEHOLDER_JPEG: &[u8] = include_bytes!("media/placeholder.jpg");
const PLACEHOLDER_WEBP: &[u8] = include_bytes!("media/placeholder.webp");

struct Media {
    files: StaticFilesEndpoint,
    placeholders: bool,
}

/// The endpoint nested at [`PREFIX`].
pub fn endpoint(storage_dir: &std::path::Path, placeholders: bool) -> BoxEndpoint<'static, Response> {
    let files = StaticFilesEndpoint::new(storage_dir.join("public"));
    Media { files, placeholders }.boxed()
}

impl Endpoint for Media {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path().to_ascii_lowercase();
        let found = self.files.call(req).await;
        match found {
            Ok(resp) => Ok(resp.into_response()),
            Err(e) if e.status() == StatusCode::NOT_FOUND && self.placeholders => match placeholder(&path) {
                Some((content_type, bytes)) => Ok(Response::builder()
                    .content_type(content_type)
                    .header(header::CACHE_CONTROL, "public, max-age=3600")
                    .body(bytes)),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }
}

/// The placeholder picture for a missing image, by the file's extension.
fn placeholder(path: &str) -> Option<(&'static str, &'static [u8])> {
    let extension = path.rsplit_once('.').map(|(_, e)| e)?;
    match extension {
        "webp" => Some(("image/webp", PLACEHOLDER_WEBP)),
        // Browsers read images by their content, whatever the name says.
        "jpg" | "jpeg" | "png" | "gif" => Some(("image/jpeg", PLACEHOLDER_JPEG)),
        _ => None,
    }
}
