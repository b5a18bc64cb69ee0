//! Reading spec files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use openapiv3::OpenAPI;

/// A parsed OpenAPI document and where it came from (for error messages and banners).
pub struct SpecFile {
    /// Path relative to the project root, with `/` separators (`spec/openapi/community-store.yaml`).
    pub rel_path: String,
    pub doc: OpenAPI,
    /// Where the entries merged from part files came from: (JSON pointer of the entry, part
    /// file), so errors name the file that holds it.
    pub parts: Vec<(String, String)>,
}

impl SpecFile {
    /// `err` with locations inside merged entries pointing at the part file that holds them.
    pub fn locate(&self, err: anyhow::Error) -> anyhow::Error {
        let message = format!("{err:#}");
        // The location the message names first, and the part that holds it.
        let first = self
            .parts
            .iter()
            .filter_map(|(pointer, file)| {
                let merged = format!("{}#{pointer}", self.rel_path);
                message.match_indices(&merged).find_map(|(i, _)| {
                    let rest = &message[i + merged.len()..];
                    (rest.is_empty() || rest.starts_with(['/', ':', ' '])).then_some((i, merged.clone(), pointer, file))
                })
            })
            .min_by_key(|(i, ..)| *i);
        match first {
            Some((i, merged, pointer, file)) => {
                let rest = &message[i + merged.len()..];
                anyhow::anyhow!("{}{file}#{pointer}{rest}", &message[..i])
            }
            None => err,
        }
    }
}

/// A surface's document: `spec/openapi/<surface>.yaml` with the part files of
/// `spec/openapi/<surface>/` merged in (sorted by name). A part holds `paths`, `tags` and
/// `components` (and `x-polyshop-header-sets` for its own YAML anchors); no entry may be defined
/// twice.
pub fn read_surface(root: &Path, rel_path: &str) -> Result<SpecFile> {
    let (mut merged, parts) = merged_surface(root, rel_path)?;
    if let Some(map) = merged.as_object_mut() {
        map.remove("x-polyshop-header-sets");
    }
    let doc: OpenAPI = serde_json::from_value(merged)
        .with_context(|| format!("{rel_path} (with its parts): not a valid OpenAPI 3.0 document"))?;
    Ok(SpecFile { rel_path: rel_path.to_owned(), doc, parts })
}

/// The merged document of a surface as JSON, as the drift test compares it with what is served.
pub fn read_surface_json(root: &Path, rel_path: &str) -> Result<serde_json::Value> {
    Ok(merged_surface(root, rel_path)?.0)
}

fn read_yaml(root: &Path, rel_path: &str) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(root.join(rel_path)).with_context(|| format!("reading {rel_path}"))?;
    let raw: serde_json::Value = serde_yaml_ng::from_str(&text).with_context(|| format!("{rel_path}: not YAML"))?;
    check_extensions(&raw, rel_path, &mut String::new())?;
    Ok(raw)
}

fn merged_surface(root: &Path, rel_path: &str) -> Result<(serde_json::Value, Vec<(String, String)>)> {
    use serde_json::Value;
    let mut doc = read_yaml(root, rel_path)?;
    let parts_dir = rel_path.strip_suffix(".yaml").unwrap_or(rel_path);
    let mut origins = Vec::new();
    for part in yaml_files(root, parts_dir)? {
        let Value::Object(part_map) = read_yaml(root, &part)? else { anyhow::bail!("{part}: not a mapping") };
        let Some(doc_map) = doc.as_object_mut() else { anyhow::bail!("{rel_path}: not a mapping") };
        for (key, value) in part_map {
            match (key.as_str(), value) {
                ("x-polyshop-header-sets", _) => {}
                ("tags", Value::Array(tags)) => {
                    let list = doc_map.entry("tags").or_insert_with(|| Value::Array(Vec::new()));
                    let Some(list) = list.as_array_mut() else { anyhow::bail!("{rel_path}#/tags: not a list") };
                    for tag in tags {
                        if list.iter().any(|t| t.get("name") == tag.get("name")) {
                            anyhow::bail!("{part}#/tags: tag {} is declared twice", tag["name"]);
                        }
                        list.push(tag);
                    }
                }
                ("paths", Value::Object(paths)) => {
                    let target = entry_map(doc_map, "paths", rel_path)?;
                    for (path, item) in paths {
                        let pointer = format!("/paths/{}", pointer_escape(&path));
                        if target.insert(path, item).is_some() {
                            anyhow::bail!("{part}#{pointer}: already defined by {rel_path} or another part");
                        }
                        origins.push((pointer, part.clone()));
                    }
                }
                ("components", Value::Object(sections)) => {
                    let components = entry_map(doc_map, "components", rel_path)?;
                    for (section, entries) in sections {
                        let Value::Object(entries) = entries else {
                            anyhow::bail!("{part}#/components/{section}: not a mapping")
                        };
                        let target = match components
                            .entry(section.clone())
                            .or_insert_with(|| Value::Object(Default::default()))
                        {
                            Value::Object(m) => m,
                            _ => anyhow::bail!("{rel_path}#/components/{section}: not a mapping"),
                        };
                        for (name, entry) in entries {
                            let pointer = format!("/components/{section}/{}", pointer_escape(&name));
                            if target.insert(name, entry).is_some() {
                                anyhow::bail!("{part}#{pointer}: already defined by {rel_path} or another part");
                            }
                            origins.push((pointer, part.clone()));
                        }
                    }
                }
                (other, _) => anyhow::bail!(
                    "{part}#/{other}: a part holds `paths`, `tags`, `components` and `x-polyshop-header-sets` only"
                ),
            }
        }
    }
    Ok((doc, origins))
}

fn entry_map<'a>(
    map: &'a mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    rel_path: &str,
) -> Result<&'a mut serde_json::Map<String, serde_json::Value>> {
    match map.entry(key).or_insert_with(|| serde_json::Value::Object(Default::default())) {
        serde_json::Value::Object(m) => Ok(m),
        _ => anyhow::bail!("{rel_path}#/{key}: not a mapping"),
    }
}

pub fn read_openapi(root: &Path, rel_path: &str) -> Result<SpecFile> {
    let path = root.join(rel_path);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let doc: OpenAPI =
        serde_yaml_ng::from_str(&text).with_context(|| format!("{rel_path}: not a valid OpenAPI 3.0 document"))?;
    let raw: serde_json::Value = serde_yaml_ng::from_str(&text).with_context(|| format!("{rel_path}: not YAML"))?;
    check_extensions(&raw, rel_path, &mut String::new())?;
    Ok(SpecFile { rel_path: rel_path.to_owned(), doc, parts: Vec::new() })
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
