//! Reading spec files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use openapiv3::OpenAPI;

/// A parsed OpenAPI document and where it came from (for error messages and banners).
pub struct SpecFile {
    /// Path relative to the project root, with `/` separators (`spec/openapi/community-store.yaml`).
    pub rel_path: String,
    pub doc: OpenAPI,
}

pub fn read_openapi(root: &Path, rel_path: &str) -> Result<SpecFile> {
    let path = root.join(rel_path);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let doc: OpenAPI =
        serde_yaml_ng::from_str(&text).with_context(|| format!("{rel_path}: not a valid OpenAPI 3.0 document"))?;
    Ok(SpecFile { rel_path: rel_path.to_owned(), doc })
}

/// The `*.yaml` files directly under `dir` (relative to `root`), sorted by name.
pub fn yaml_files(root: &Path, dir: &str) -> Result<Vec<String>> {
    files_with_extension(root, dir, &["yaml", "yml"])
}

/// The files directly under `dir` (relative to `root`) with one of `extensions`, sorted by name.
pub fn files_with_extension(root: &Path, dir: &str, extensions: &[&str]) -> Result<Vec<String>> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("listing {dir}")),
    };
    files.sort();
    Ok(files.into_iter().map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy())).collect())
}

/// JSON-pointer escaping for error locations (`/cs/api` → `~1cs~1api`).
pub fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
