//! Downloadable products: the paid links (an uploaded file or an external URL, each with an
//! optional free sample) and the free samples of the product, with their titles per locale; and
//! the public download of samples, read from the storage directory.

use std::{
    collections::HashMap,
    path::{Component, Path, PathBuf},
};

use polyshop_entities::{
    product_downloadable_link_translations as link_translations, product_downloadable_links as links,
    product_downloadable_sample_translations as sample_translations, product_downloadable_samples as samples,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, RelationDef, RelationTrait};

use super::store::{enabled_page, group_by, of_enabled, product_enabled};
use crate::listing::Listing;

/// How a file or sample is provided (`type`, `sample_type`).
pub const FILE: &str = "file";
pub const URL: &str = "url";

#[derive(Debug, Clone)]
pub struct LinkRecord {
    pub link: links::Model,
    /// Titles by id.
    pub translations: Vec<link_translations::Model>,
}

#[derive(Debug, Clone)]
pub struct SampleRecord {
    pub sample: samples::Model,
    /// Titles by id.
    pub translations: Vec<sample_translations::Model>,
}

/// Whether a link has a sample to download, and so a public sample URL.
pub fn link_has_sample(link: &links::Model) -> bool {
    match link.sample_type.as_deref() {
        Some(FILE) => link.sample_file.is_some(),
        Some(URL) => link.sample_url.is_some(),
        _ => false,
    }
}

/// A link's title in `locale`, else in English, else any; the file name or URL when it has none.
pub fn link_title(record: &LinkRecord, locale: &str) -> String {
    let pick = |l: &str| record.translations.iter().find(|t| t.locale == l).map(|t| t.title.clone());
    pick(locale)
        .or_else(|| pick("en"))
        .or_else(|| record.translations.first().map(|t| t.title.clone()))
        .or_else(|| record.link.file_name.clone())
        .or_else(|| record.link.url.clone())
        .unwrap_or_else(|| format!("Link {}", record.link.id))
}

// ---- links ----

/// The links of each of `product_ids`, by sort order (products without any are absent).
pub async fn links_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<LinkRecord>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = links::Entity::find()
        .filter(links::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(links::Column::SortOrder)
        .order_by_asc(links::Column::Id)
        .all(db)
        .await?;
    Ok(group_by(links_with_titles(db, rows).await?, |r| r.link.product_id))
}

/// The links of product `product_id`; `None` when the product is unknown or disabled.
pub async fn links_of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<LinkRecord>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(links_of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// A page of the links of every enabled product, by id.
pub async fn links_page(db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<LinkRecord>, ServiceError> {
    let select = links::Entity::find().order_by_asc(links::Column::Id);
    let page = enabled_page(db, select, [links::Relation::Product.def()], window).await?;
    Ok(Page::new(links_with_titles(db, page.items).await?, page.total, page.window))
}

/// The links of every enabled product, by id (rows: see [`link_records`]).
pub fn links_listing() -> Listing<links::Entity> {
    Listing::new(of_enabled(links::Entity::find().order_by_asc(links::Column::Id), [links::Relation::Product.def()]))
}

/// `rows` with their titles.
pub async fn link_records(db: &impl ConnectionTrait, rows: Vec<links::Model>) -> Result<Vec<LinkRecord>, ServiceError> {
    links_with_titles(db, rows).await
}

/// Link `id`, unless it is unknown or its product disabled.
pub async fn find_link(db: &impl ConnectionTrait, id: i64) -> Result<Option<LinkRecord>, ServiceError> {
    let Some(row) = of_enabled(links::Entity::find_by_id(id), [links::Relation::Product.def()]).one(db).await? else {
        return Ok(None);
    };
    Ok(links_with_titles(db, vec![row]).await?.pop())
}

/// A page of the titles of every link of an enabled product, in every locale, by id.
pub async fn link_translations_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<link_translations::Model>, ServiceError> {
    let select = link_translations::Entity::find().order_by_asc(link_translations::Column::Id);
    enabled_page(db, select, link_translation_path(), window).await
}

pub async fn find_link_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<link_translations::Model>, ServiceError> {
    Ok(of_enabled(link_translations::Entity::find_by_id(id), link_translation_path()).one(db).await?)
}

fn link_translation_path() -> [RelationDef; 2] {
    [link_translations::Relation::ProductDownloadableLink.def(), links::Relation::Product.def()]
}

async fn links_with_titles(
    db: &impl ConnectionTrait,
    rows: Vec<links::Model>,
) -> Result<Vec<LinkRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let titles = link_translations::Entity::find()
        .filter(link_translations::Column::ProductDownloadableLinkId.is_in(rows.iter().map(|l| l.id)))
        .order_by_asc(link_translations::Column::Id)
        .all(db)
        .await?;
    let mut titles = group_by(titles, |t| t.product_downloadable_link_id);
    Ok(rows
        .into_iter()
        .map(|link| LinkRecord { translations: titles.remove(&link.id).unwrap_or_default(), link })
        .collect())
}

// ---- samples ----

/// The samples of each of `product_ids`, by sort order (products without any are absent).
pub async fn samples_of_products(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<HashMap<i64, Vec<SampleRecord>>, ServiceError> {
    if product_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = samples::Entity::find()
        .filter(samples::Column::ProductId.is_in(product_ids.iter().copied()))
        .order_by_asc(samples::Column::SortOrder)
        .order_by_asc(samples::Column::Id)
        .all(db)
        .await?;
    Ok(group_by(samples_with_titles(db, rows).await?, |r| r.sample.product_id))
}

/// The samples of product `product_id`; `None` when the product is unknown or disabled.
pub async fn samples_of_enabled_product(
    db: &impl ConnectionTrait,
    product_id: i64,
) -> Result<Option<Vec<SampleRecord>>, ServiceError> {
    if !product_enabled(db, product_id).await? {
        return Ok(None);
    }
    Ok(Some(samples_of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default()))
}

/// A page of the samples of every enabled product, by id.
pub async fn samples_page(db: &impl ConnectionTrait, window: PageWindow) -> Result<Page<SampleRecord>, ServiceError> {
    let select = samples::Entity::find().order_by_asc(samples::Column::Id);
    let page = enabled_page(db, select, [samples::Relation::Product.def()], window).await?;
    Ok(Page::new(samples_with_titles(db, page.items).await?, page.total, page.window))
}

/// The samples of every enabled product, by id (rows: see [`sample_records`]).
pub fn samples_listing() -> Listing<samples::Entity> {
    Listing::new(of_enabled(
        samples::Entity::find().order_by_asc(samples::Column::Id),
        [samples::Relation::Product.def()],
    ))
}

/// `rows` with their titles.
pub async fn sample_records(
    db: &impl ConnectionTrait,
    rows: Vec<samples::Model>,
) -> Result<Vec<SampleRecord>, ServiceError> {
    samples_with_titles(db, rows).await
}

/// Sample `id`, unless it is unknown or its product disabled.
pub async fn find_sample(db: &impl ConnectionTrait, id: i64) -> Result<Option<SampleRecord>, ServiceError> {
    let Some(row) = of_enabled(samples::Entity::find_by_id(id), [samples::Relation::Product.def()]).one(db).await?
    else {
        return Ok(None);
    };
    Ok(samples_with_titles(db, vec![row]).await?.pop())
}

/// A page of the titles of every sample of an enabled product, in every locale, by id.
pub async fn sample_translations_page(
    db: &impl ConnectionTrait,
    window: PageWindow,
) -> Result<Page<sample_translations::Model>, ServiceError> {
    let select = sample_translations::Entity::find().order_by_asc(sample_translations::Column::Id);
    enabled_page(db, select, sample_translation_path(), window).await
}

pub async fn find_sample_translation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<sample_translations::Model>, ServiceError> {
    Ok(of_enabled(sample_translations::Entity::find_by_id(id), sample_translation_path()).one(db).await?)
}

fn sample_translation_path() -> [RelationDef; 2] {
    [sample_translations::Relation::ProductDownloadableSample.def(), samples::Relation::Product.def()]
}

async fn samples_with_titles(
    db: &impl ConnectionTrait,
    rows: Vec<samples::Model>,
) -> Result<Vec<SampleRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let titles = sample_translations::Entity::find()
        .filter(sample_translations::Column::ProductDownloadableSampleId.is_in(rows.iter().map(|s| s.id)))
        .order_by_asc(sample_translations::Column::Id)
        .all(db)
        .await?;
    let mut titles = group_by(titles, |t| t.product_downloadable_sample_id);
    Ok(rows
        .into_iter()
        .map(|sample| SampleRecord { translations: titles.remove(&sample.id).unwrap_or_default(), sample })
        .collect())
}

// ---- public sample downloads ----

/// Whose sample a download asks for: a link's preview or a product sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleOf {
    Link(i64),
    Sample(i64),
}

impl SampleOf {
    /// The public, keyless download URL of the sample below `storefront_url`
    /// (`.../api/shop/downloadable/download-sample/link/1`).
    pub fn public_url(self, storefront_url: &str) -> String {
        let (kind, id) = match self {
            SampleOf::Link(id) => ("link", id),
            SampleOf::Sample(id) => ("sample", id),
        };
        format!("{}/api/shop/downloadable/download-sample/{kind}/{id}", storefront_url.trim_end_matches('/'))
    }
}

/// Where a sample is: a file under the storage directory, or an external URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SampleSource {
    /// `path` is relative to the storage directory; `name` is the name to save it under.
    File {
        path: String,
        name: String,
    },
    Url(String),
}

/// The sample `of` points at; `None` when the link or sample is unknown, has no sample, or
/// belongs to a disabled product.
pub async fn sample_source(db: &impl ConnectionTrait, of: SampleOf) -> Result<Option<SampleSource>, ServiceError> {
    let source = match of {
        SampleOf::Link(id) => find_link(db, id).await?.and_then(|r| {
            let l = r.link;
            match l.sample_type.as_deref() {
                Some(FILE) => l.sample_file.map(|path| file_source(path, l.sample_file_name)),
                Some(URL) => l.sample_url.map(SampleSource::Url),
                _ => None,
            }
        }),
        SampleOf::Sample(id) => find_sample(db, id).await?.and_then(|r| {
            let s = r.sample;
            match s.type_.as_str() {
                FILE => s.file.map(|path| file_source(path, s.file_name)),
                URL => s.url.map(SampleSource::Url),
                _ => None,
            }
        }),
    };
    Ok(source)
}

fn file_source(path: String, name: Option<String>) -> SampleSource {
    let name = name
        .filter(|n| !n.trim().is_empty())
        .or_else(|| Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "sample".to_owned());
    SampleSource::File { path, name }
}

/// The bytes of stored file `relative` under `storage_dir`; `None` when the file is missing or
/// the path would leave the storage directory (absolute, `..`, drive prefixes).
pub async fn read_stored_file(storage_dir: &Path, relative: &str) -> Result<Option<Vec<u8>>, ServiceError> {
    let Some(path) = inside(storage_dir, relative) else { return Ok(None) };
    match tokio::fs::read(&path).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory) => Ok(None),
        Err(e) => Err(ServiceError::internal(format!("reading stored file {}: {e}", path.display()))),
    }
}

/// `storage_dir` joined with `relative`, when `relative` only names entries below it.
fn inside(storage_dir: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    let mut path = storage_dir.to_path_buf();
    let mut any = false;
    for component in relative.components() {
        match component {
            Component::Normal(part) => {
                path.push(part);
                any = true;
            }
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    any.then_some(path)
}

/// `name` made safe for a quoted `Content-Disposition` file name.
pub fn attachment_name(name: &str) -> String {
    name.chars().map(|c| if c == '"' || c == '\\' || c.is_control() { '_' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_paths_stay_inside_the_storage_directory() {
        let root = Path::new("/srv/storage");
        assert_eq!(inside(root, "downloadable/a.pdf"), Some(PathBuf::from("/srv/storage/downloadable/a.pdf")));
        assert_eq!(inside(root, "./downloadable/a.pdf"), Some(PathBuf::from("/srv/storage/downloadable/a.pdf")));
        assert_eq!(inside(root, "../etc/passwd"), None);
        assert_eq!(inside(root, "downloadable/../../etc/passwd"), None);
        assert_eq!(inside(root, "/etc/passwd"), None);
        assert_eq!(inside(root, ""), None);
        assert_eq!(attachment_name("a\"b\\c\n.pdf"), "a_b_c_.pdf");
    }
}
