//! Files for customizable `file` options: a shopper uploads the file first
//! (`customizable-option-files`) and gets a token; the add-to-cart request sends the token as
//! the option's value. The token names the upload once, for its owner (the customer, or the
//! guest cart), product and option, for [`TOKEN_MINUTES`]; the cart line then refers to the
//! upload as `upload:<id>`, which only the cart writes (a request that sends it is refused).
//!
//! An owner may have at most [`MAX_WAITING`] uploads waiting (unused and unexpired); the
//! server's sweeper ([`spawn_sweeper`]) deletes expired uploads no cart line took, with their
//! files. Taken uploads stay: the cart line, and then the order line, refer to them.

use std::path::Path;

use poem::http::StatusCode;
use polyshop_entities::{customizable_option_uploads as uploads, product_customizable_options as options, products};
use polyshop_runtime::ServiceError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use super::records::AddItem;
use crate::{clock::Clock, sales::placement::UPLOAD_REF as REF, secrets};

/// How long an upload's token works.
pub const TOKEN_MINUTES: i64 = 120;
/// Uploads one owner may have waiting for the cart at a time.
pub const MAX_WAITING: u64 = 20;
/// Expired uploads a sweep reads at a time.
const SWEEP_BATCH: u64 = 500;
/// Where uploads live under the storage directory.
const DIR: &str = "customizable-options";

/// A staged upload, as its answer shows it.
#[derive(Debug, Clone)]
pub struct Staged {
    pub token: String,
    pub file_name: String,
    pub option_id: i64,
}

fn invalid_reference() -> ServiceError {
    ServiceError::unprocessable("The uploaded file reference is invalid or has expired. Upload the file again.")
}

fn refused_file() -> ServiceError {
    ServiceError::bad_request("The file is missing, has an unsupported extension, or is too large.")
}

/// Who an upload belongs to: a customer, or a guest's cart.
pub fn owner_of(customer_id: Option<i64>, cart_id: i64) -> String {
    match customer_id {
        Some(id) => format!("customer:{id}"),
        None => format!("cart:{cart_id}"),
    }
}

/// Stores `bytes` for the `file` option `option_id` of product `product_id` and answers its
/// token: 404 for an unknown or disabled product, 400 for an option that is not one of its
/// file options, and for an empty file or an extension the option does not take.
#[allow(clippy::too_many_arguments)] // the upload and where it goes
pub async fn stage(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    owner: &str,
    product_id: i64,
    option_id: i64,
    file_name: Option<&str>,
    content_type: Option<&str>,
    bytes: &[u8],
    storage_dir: &Path,
) -> Result<Staged, ServiceError> {
    let product = products::Entity::find_by_id(product_id).one(db).await?.filter(|p| p.status);
    product.ok_or_else(|| ServiceError::not_found("Product not found"))?;
    let option = options::Entity::find_by_id(option_id)
        .one(db)
        .await?
        .filter(|o| o.product_id == product_id && o.type_ == "file")
        .ok_or_else(|| ServiceError::bad_request("The selected option is not a file option for this product."))?;
    // The name as sent, without any directory part, at most 255 characters.
    let name: String = file_name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let allowed: Vec<String> = option
        .supported_file_extensions
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let extension_ok = extension.chars().all(|c| c.is_ascii_alphanumeric()) && extension.len() <= 10;
    if bytes.is_empty() || name.is_empty() || !extension_ok || (!allowed.is_empty() && !allowed.contains(&extension)) {
        return Err(refused_file());
    }
    // A soft cap (two uploads at the same instant may both pass): it bounds what an owner can
    // leave on disk, not an exact count.
    let waiting = uploads::Entity::find()
        .filter(uploads::Column::Owner.eq(owner))
        .filter(uploads::Column::UsedAt.is_null())
        .filter(uploads::Column::ExpiresAt.gt(now))
        .count(db)
        .await?;
    if waiting >= MAX_WAITING {
        return Err(ServiceError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "Too many uploaded files are waiting to be added to the cart (at most {MAX_WAITING}). \
                 Add them to the cart, or upload again once they expire ({TOKEN_MINUTES} minutes after upload)."
            ),
        ));
    }
    let stored = match extension.is_empty() {
        true => format!("{DIR}/{}", secrets::random_token(40)),
        false => format!("{DIR}/{}.{extension}", secrets::random_token(40)),
    };
    let path = storage_dir.join(&stored);
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(|e| ServiceError::internal(format!("storing an upload: {e}")))?;
    }
    tokio::fs::write(&path, bytes).await.map_err(|e| ServiceError::internal(format!("storing an upload: {e}")))?;
    let token = secrets::random_token(48);
    uploads::ActiveModel {
        token_hash: Set(secrets::sha256_hex(&token)),
        owner: Set(owner.to_owned()),
        product_id: Set(product_id),
        option_id: Set(option_id),
        file_name: Set(name.clone()),
        content_type: Set(content_type.map(|c| c.chars().take(255).collect())),
        path: Set(stored),
        size: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
        used_at: Set(None),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::minutes(TOKEN_MINUTES)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Staged { token, file_name: name, option_id })
}

/// Replaces the upload tokens among `add`'s option values by the uploads they name (for
/// `owner`, that product and option, unused and unexpired) and answers those uploads' ids
/// for [`take`]. A value that is already a reference is refused (only the cart writes them).
pub(super) async fn resolve(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    owner: &str,
    add: &mut AddItem,
) -> Result<Vec<i64>, ServiceError> {
    let mut taken = Vec::new();
    for (option_id, values) in add.choice.customizable.iter_mut() {
        for value in values.iter_mut() {
            let token = value.trim();
            if token.starts_with(REF) {
                return Err(invalid_reference());
            }
            if token.len() != 48 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let Some(upload) = uploads::Entity::find()
                .filter(uploads::Column::TokenHash.eq(secrets::sha256_hex(token)))
                .one(db)
                .await?
            else {
                continue;
            };
            let usable = upload.owner == owner
                && upload.product_id == add.product_id
                && upload.option_id == *option_id
                && upload.used_at.is_none()
                && upload.expires_at > now;
            if !usable {
                return Err(invalid_reference());
            }
            *value = format!("{REF}{}", upload.id);
            taken.push(upload.id);
        }
    }
    Ok(taken)
}

/// Marks `ids` used by a cart line, inside the line's transaction: a 422 when one was taken
/// meanwhile (a token works once).
pub(super) async fn take(
    db: &impl ConnectionTrait,
    ids: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    if ids.is_empty() {
        return Ok(());
    }
    let done = uploads::Entity::update_many()
        .col_expr(uploads::Column::UsedAt, Expr::value(now))
        .filter(uploads::Column::Id.is_in(ids.to_vec()))
        .filter(uploads::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected != ids.len() as u64 {
        return Err(invalid_reference());
    }
    Ok(())
}

/// Deletes uploads that expired before `now` without a cart line taking them, and their files,
/// [`SWEEP_BATCH`] at a time until none is left. Each row goes by a conditional delete, so an
/// upload a cart line takes meanwhile, or another process deletes first, keeps (or loses) its
/// file with its row. How many uploads were deleted.
pub async fn sweep(
    db: &DatabaseConnection,
    storage_dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, ServiceError> {
    let mut deleted = 0;
    let mut after = 0_i64;
    loop {
        let expired = uploads::Entity::find()
            .filter(uploads::Column::UsedAt.is_null())
            .filter(uploads::Column::ExpiresAt.lte(now))
            .filter(uploads::Column::Id.gt(after))
            .order_by_asc(uploads::Column::Id)
            .limit(SWEEP_BATCH)
            .all(db)
            .await?;
        let last_batch = (expired.len() as u64) < SWEEP_BATCH;
        for upload in expired {
            after = upload.id;
            let gone = uploads::Entity::delete_many()
                .filter(uploads::Column::Id.eq(upload.id))
                .filter(uploads::Column::UsedAt.is_null())
                .exec(db)
                .await?;
            if gone.rows_affected == 0 {
                continue;
            }
            deleted += 1;
            match tokio::fs::remove_file(storage_dir.join(&upload.path)).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(path = %upload.path, error = %e, "an expired upload's file stays on disk"),
            }
        }
        if last_batch {
            return Ok(deleted);
        }
    }
}

/// Sweeps expired uploads every `every`, for as long as the server runs.
pub fn spawn_sweeper(
    db: DatabaseConnection,
    storage_dir: std::path::PathBuf,
    clock: std::sync::Arc<dyn Clock>,
    every: std::time::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match sweep(&db, &storage_dir, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "expired customizable-option uploads deleted"),
                Err(e) => tracing::warn!(error = %e, "sweeping expired uploads failed"),
            }
        }
    })
}
