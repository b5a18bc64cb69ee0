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
    let raw: serde_json::Value = serde_yaml_ng::from_str(&text).with_context(|| format!("{rel_path}: not YAML"))?;
    check_extensions(&raw, rel_path, &mut String::new())?;
    Ok(SpecFile { rel_path: rel_path.to_owned(), doc })
}

/// Every extension the generator reads (`spec/README.md` documents each one).
pub const EXTENSIONS: &[&str] = &[
    "x-polyshop-error-style",
    "x-polyshop-header-sets",
    "x-polyshop-context",
    "x-polyshop-permission",
    "x-polyshop-surface",
    "x-polyshop-clamp",
    "x-polyshop-set-by",
    "x-polyshop-paging",
    "x-polyshop-lenient",
    "x-polyshop-patch",
    "x-rust-name",
    "x-table",
    "x-primary-key",
    "x-unique",
    "x-references",
    "x-indexes",
    "x-scale",
];

/// Refuses extensions the generator does not know, with their location: a misspelled
/// `x-polyshop-lenent` would otherwise be ignored without a word. Example values are not
/// looked into (their keys are data).
fn check_extensions(value: &serde_json::Value, rel_path: &str, at: &mut String) -> Result<()> {
    let serde_json::Value::Object(map) = value else {
        if let serde_json::Value::Array(items) = value {
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                check_extensions(item, rel_path, at)?;
                at.truncate(len);
            }
        }
        return Ok(());
    };
    for (key, child) in map {
        if key.starts_with("x-") && !EXTENSIONS.contains(&key.as_str()) {
            anyhow::bail!(
                "{rel_path}#{at}/{}: unknown extension `{key}` (known: {})",
                pointer_escape(key),
                EXTENSIONS.join(", ")
            );
        }
        // Keys of a `properties` map are field names, not keywords: a field named `default` is
        // looked into like any other.
        let in_properties = at.ends_with("/properties");
        if key.starts_with("x-")
            || (!in_properties && matches!(key.as_str(), "example" | "examples" | "default" | "enum"))
        {
            continue;
        }
        let len = at.len();
        at.push('/');
        at.push_str(&pointer_escape(key));
        check_extensions(child, rel_path, at)?;
        at.truncate(len);
    }
    Ok(())
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
