//! polyshop's code generator: `spec/` → `generated/`.
//!
//! Pipeline: read the spec files (`load`), lower them into an intermediate representation that
//! validates the supported subset and makes every naming and typing decision (`model` for the
//! persisted model, `api` for each OpenAPI surface; its Rust types are `rust_type::RustType`
//! values), then print that IR through handlebars templates (`templates/`) and rustfmt
//! (`render`). The output is deterministic: same spec, same bytes, so `cargo xtask codegen
//! --check` can compare it with the checked-in `generated/` tree.

pub mod api;
pub mod graphql;
pub mod load;
pub mod model;
mod names;
pub mod render;
pub mod rust_type;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

/// One file of the generated tree, with its path relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// Everything `generated/` should contain for the spec under `root`.
pub fn generate(root: &Path) -> Result<Vec<GeneratedFile>> {
    let renderer = render::Renderer::new(root)?;
    let mut files = Vec::new();

    let model_files = load::yaml_files(root, "spec/model")?
        .iter()
        .map(|f| load::read_openapi(root, f))
        .collect::<Result<Vec<_>>>()?;
    let model = model::lower(&model_files)?;
    files.extend(render_entities(&renderer, &model)?);

    let mut surfaces = Vec::new();
    for spec in load::yaml_files(root, "spec/openapi")? {
        let spec = load::read_surface(root, &spec)?;
        let ir = api::lower(&spec).map_err(|e| spec.locate(e))?;
        files.extend(render_api(&renderer, &ir)?);
        surfaces.push(ir);
    }
    files.extend(render_surfaces(&renderer, &surfaces)?);
    for sdl in load::files_with_extension(root, "spec/graphql", &["graphql"])? {
        let ir = graphql::read(root, &sdl)?;
        files.extend(render_graphql(&renderer, &ir)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn render_entities(r: &render::Renderer, model: &model::ModelIr) -> Result<Vec<GeneratedFile>> {
    let dir = PathBuf::from("generated/entities");
    let mut files = vec![
        GeneratedFile { path: dir.join("Cargo.toml"), contents: r.render("entities_cargo", model)? },
        GeneratedFile { path: dir.join("src/lib.rs"), contents: r.render_rust("entities_lib", model)? },
    ];
    for table in &model.tables {
        files.push(GeneratedFile {
            path: dir.join(format!("src/{}.rs", table.name)),
            contents: r.render_rust("entity", table)?,
        });
    }
    Ok(files)
}

fn render_api(r: &render::Renderer, ir: &api::ApiIr) -> Result<Vec<GeneratedFile>> {
    let dir = PathBuf::from("generated").join(&ir.surface);
    let mut files = vec![
        GeneratedFile { path: dir.join("Cargo.toml"), contents: r.render("api_cargo", ir)? },
        GeneratedFile { path: dir.join("src/lib.rs"), contents: r.render_rust("api_lib", ir)? },
        GeneratedFile { path: dir.join("src/models.rs"), contents: r.render_rust("api_models", ir)? },
        GeneratedFile { path: dir.join("src/errors.rs"), contents: r.render_rust("api_errors", ir)? },
        GeneratedFile { path: dir.join("src/security.rs"), contents: r.render_rust("api_security", ir)? },
    ];
    #[derive(Serialize)]
    struct TagCtx<'a> {
        api: &'a api::ApiIr,
        tag: &'a api::TagIr,
    }
    for tag in &ir.tags {
        files.push(GeneratedFile {
            path: dir.join(format!("src/{}.rs", tag.module)),
            contents: r.render_rust("api_tag", &TagCtx { api: ir, tag })?,
        });
    }
    Ok(files)
}

/// The registry of surfaces (`generated/surfaces`), after checking that no two surfaces claim
/// the same path prefix or serve the same route.
fn render_surfaces(r: &render::Renderer, surfaces: &[api::ApiIr]) -> Result<Vec<GeneratedFile>> {
    let mut prefixes = std::collections::BTreeMap::new();
    let mut routes = std::collections::BTreeMap::new();
    for ir in surfaces {
        for prefix in &ir.placement.prefixes {
            if let Some(other) = prefixes.insert(prefix.clone(), &ir.source) {
                anyhow::bail!("{}: prefix `{prefix}` is claimed by {other} too", ir.source);
            }
        }
        // The app mounts each path once per surface, whatever its methods and parameter names:
        // two surfaces may not share a path (`/a/{id}` and `/a/{pid}` are one path), nor a
        // documentation route.
        let mut paths: std::collections::BTreeSet<String> =
            ir.tags.iter().flat_map(|t| &t.operations).map(|op| erase_params(&op.path)).collect();
        if let Some(docs) = &ir.placement.docs {
            paths.insert(format!("{docs}/openapi.json"));
            paths.insert(format!("{docs}/docs"));
        }
        for path in paths {
            if let Some(other) = routes.insert(path.clone(), &ir.source) {
                anyhow::bail!("{}: the path {path} is served by {other} too", ir.source);
            }
        }
    }
    #[derive(Serialize)]
    struct Ctx<'a> {
        surfaces: &'a [api::ApiIr],
    }
    let dir = PathBuf::from("generated/surfaces");
    Ok(vec![
        GeneratedFile { path: dir.join("Cargo.toml"), contents: r.render("surfaces_cargo", &Ctx { surfaces })? },
        GeneratedFile { path: dir.join("src/lib.rs"), contents: r.render_rust("surfaces_lib", &Ctx { surfaces })? },
    ])
}

/// `/pets/{petId}/photo` → `/pets/{}/photo`: the path as the router sees it.
fn erase_params(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.starts_with('{') && seg.ends_with('}') { "{}" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

fn render_graphql(r: &render::Renderer, ir: &graphql::GraphqlIr) -> Result<Vec<GeneratedFile>> {
    let dir = PathBuf::from("generated").join(format!("graphql-{}", ir.surface));
    let mut files = vec![
        GeneratedFile { path: dir.join("Cargo.toml"), contents: r.render("graphql_cargo", ir)? },
        GeneratedFile { path: dir.join("src/lib.rs"), contents: r.render_rust("graphql_lib", ir)? },
        GeneratedFile { path: dir.join("src/types.rs"), contents: r.render_rust("graphql_types", ir)? },
        GeneratedFile { path: dir.join("src/resolvers.rs"), contents: r.render_rust("graphql_resolvers", ir)? },
        GeneratedFile { path: dir.join("src/schema/mod.rs"), contents: r.render_rust("graphql_schema", ir)? },
        GeneratedFile {
            path: dir.join("src/schema/connections.rs"),
            contents: r.render_rust("graphql_connections", ir)?,
        },
    ];
    #[derive(Serialize)]
    struct ObjectCtx<'a> {
        source: &'a str,
        object: &'a graphql::ObjectIr,
    }
    for object in &ir.objects {
        files.push(GeneratedFile {
            path: dir.join(format!("src/schema/{}.rs", object.builder_fn)),
            contents: r.render_rust("graphql_object", &ObjectCtx { source: &ir.source, object })?,
        });
    }
    Ok(files)
}

/// Files under `generated/` that differ from what the spec produces: changed, missing or stale.
pub fn drift(root: &Path) -> Result<Vec<String>> {
    let expected = generate(root)?;
    let mut problems = Vec::new();
    for f in &expected {
        match std::fs::read_to_string(root.join(&f.path)) {
            Ok(actual) if actual == f.contents => {}
            Ok(_) => problems.push(format!("{} differs from what the spec generates", f.path.display())),
            Err(_) => problems.push(format!("{} is missing", f.path.display())),
        }
    }
    for existing in list_files(&root.join("generated"))? {
        let rel = existing.strip_prefix(root).unwrap().to_path_buf();
        if !expected.iter().any(|f| f.path == rel) {
            problems.push(format!("{} is not generated by the spec any more", rel.display()));
        }
    }
    Ok(problems)
}

/// Writes the generated tree, removing files the spec no longer produces.
pub fn write(root: &Path) -> Result<usize> {
    let files = generate(root)?;
    for existing in list_files(&root.join("generated"))? {
        let rel = existing.strip_prefix(root).unwrap().to_path_buf();
        if !files.iter().any(|f| f.path == rel) {
            std::fs::remove_file(&existing)?;
        }
    }
    let mut written = 0;
    for f in &files {
        let path = root.join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(f.contents.as_str()) {
            continue;
        }
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(&path, &f.contents).with_context(|| format!("writing {}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

/// A migration creating `tables` (all tables when empty) in dependency order, for
/// `cargo xtask scaffold-migration`. The result is a starting point owned by hand afterwards.
pub fn scaffold_migration(root: &Path, tables: &[String]) -> Result<String> {
    let model_files = load::yaml_files(root, "spec/model")?
        .iter()
        .map(|f| load::read_openapi(root, f))
        .collect::<Result<Vec<_>>>()?;
    let model = model::lower(&model_files)?;
    let selected: Vec<&model::Table> =
        model.tables.iter().filter(|t| tables.is_empty() || tables.contains(&t.name)).collect();
    for name in tables {
        if !selected.iter().any(|t| &t.name == name) {
            anyhow::bail!("no table `{name}` in spec/model");
        }
    }
    // Parents before children so foreign keys can be declared inline.
    let mut ordered: Vec<&model::Table> = Vec::new();
    let mut remaining = selected;
    while !remaining.is_empty() {
        let before = remaining.len();
        remaining.retain(|t| {
            let ready = t.foreign_keys.iter().all(|fk| {
                fk.table == t.name
                    || ordered.iter().any(|o| o.name == fk.table)
                    || !tables.is_empty() && !tables.contains(&fk.table)
            });
            if ready {
                ordered.push(t);
            }
            !ready
        });
        if remaining.len() == before {
            anyhow::bail!(
                "foreign keys form a cycle among: {:?}",
                remaining.iter().map(|t| &t.name).collect::<Vec<_>>()
            );
        }
    }
    #[derive(Serialize)]
    struct Ctx<'a> {
        tables: Vec<&'a model::Table>,
        reversed: Vec<&'a str>,
    }
    let reversed = ordered.iter().rev().map(|t| t.name.as_str()).collect();
    let r = render::Renderer::new(root)?;
    r.render_rust("migration", &Ctx { tables: ordered, reversed })
}

fn list_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
    for e in entries {
        let path = e?.path();
        if path.is_dir() {
            out.extend(list_files(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
