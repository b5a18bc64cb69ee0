//! Runtime configuration: where to listen, which database, how to build public URLs.

/// The SQLite file used when no database URL is given: created next to where polyshop runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://polyshop.sqlite3?mode=rwc";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    /// Base URL for media (product images); defaults to the channel's hostname.
    pub media_base_url: Option<String>,
    /// Where uploaded files live, relative paths resolved against the working directory:
    /// public media (images) under `public/`, served at `/storage/`; downloadable products'
    /// files and samples elsewhere, served only through the API.
    pub storage_dir: std::path::PathBuf,
    /// Answer missing public images with a placeholder picture (`serve --demo`: the demo
    /// dataset names images it does not ship).
    pub placeholder_images: bool,
}

/// Uploaded files live here unless `--storage-dir` / `POLYSHOP_STORAGE_DIR` says otherwise.
pub const DEFAULT_STORAGE_DIR: &str = "storage";

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: DEFAULT_BIND.to_owned(),
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            media_base_url: None,
            storage_dir: DEFAULT_STORAGE_DIR.into(),
            placeholder_images: false,
        }
    }
}
