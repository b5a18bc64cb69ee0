//! Handlebars rendering (strict, no HTML escaping) and rustfmt.

use std::{
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use anyhow::{Context, Result, bail};
use handlebars::{Handlebars, Helper, HelperResult, Output, RenderContext, no_escape};
use serde::Serialize;

const TEMPLATES: &[(&str, &str)] = &[
    ("entities_cargo", include_str!("../templates/entities/Cargo.toml.hbs")),
    ("entities_lib", include_str!("../templates/entities/lib.rs.hbs")),
    ("entity", include_str!("../templates/entities/entity.rs.hbs")),
    ("api_cargo", include_str!("../templates/api/Cargo.toml.hbs")),
    ("api_lib", include_str!("../templates/api/lib.rs.hbs")),
    ("api_models", include_str!("../templates/api/models.rs.hbs")),
    ("api_errors", include_str!("../templates/api/errors.rs.hbs")),
    ("api_security", include_str!("../templates/api/security.rs.hbs")),
    ("api_tag", include_str!("../templates/api/tag.rs.hbs")),
    ("surfaces_cargo", include_str!("../templates/surfaces/Cargo.toml.hbs")),
    ("surfaces_lib", include_str!("../templates/surfaces/lib.rs.hbs")),
    ("migration", include_str!("../templates/migration.rs.hbs")),
    ("graphql_cargo", include_str!("../templates/graphql/Cargo.toml.hbs")),
    ("graphql_lib", include_str!("../templates/graphql/lib.rs.hbs")),
    ("graphql_types", include_str!("../templates/graphql/types.rs.hbs")),
    ("graphql_resolvers", include_str!("../templates/graphql/resolvers.rs.hbs")),
    ("graphql_schema", include_str!("../templates/graphql/schema.rs.hbs")),
    ("graphql_object", include_str!("../templates/graphql/object.rs.hbs")),
    ("graphql_connections", include_str!("../templates/graphql/connections.rs.hbs")),
];

pub struct Renderer {
    hb: Handlebars<'static>,
    root: std::path::PathBuf,
    /// Formatted outputs by a hash of rustfmt's version, configuration and input: most files
    /// are unchanged between runs, and one rustfmt process per generated file is most of
    /// codegen's time. `None` when there is no place to keep them.
    cache: Option<FormatCache>,
}

struct FormatCache {
    dir: std::path::PathBuf,
    /// rustfmt's version and the project's rustfmt.toml: part of every key.
    salt: String,
}

impl FormatCache {
    fn new(root: &Path) -> Option<FormatCache> {
        // Beside the builds when cargo says where they are, else in the system's temporary
        // directory (never inside the tree being generated: the fixtures' roots included).
        let base =
            std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
        let dir = base.join("polyshop-codegen-rustfmt");
        std::fs::create_dir_all(&dir).ok()?;
        let version = Command::new("rustfmt").arg("--version").output().ok()?;
        let config = std::fs::read_to_string(root.join("rustfmt.toml")).unwrap_or_default();
        Some(FormatCache { dir, salt: format!("{}\n{config}", String::from_utf8_lossy(&version.stdout)) })
    }

    fn path(&self, source: &str) -> std::path::PathBuf {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(self.salt.as_bytes());
        hasher.update([0]);
        hasher.update(source.as_bytes());
        self.dir.join(format!("{}.rs", hex::encode(hasher.finalize())))
    }
}

impl Renderer {
    pub fn new(root: &Path) -> Result<Renderer> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(no_escape);
        hb.register_helper("doc", Box::new(doc_helper));
        hb.register_helper("lit", Box::new(literal_helper));
        for (name, text) in TEMPLATES {
            hb.register_template_string(name, *text).with_context(|| format!("template {name}"))?;
        }
        Ok(Renderer { hb, root: root.to_owned(), cache: FormatCache::new(root) })
    }

    pub fn render<T: Serialize>(&self, template: &str, data: &T) -> Result<String> {
        self.hb.render(template, data).with_context(|| format!("rendering template {template}"))
    }

    /// Renders Rust source and formats it with the project's rustfmt configuration.
    pub fn render_rust<T: Serialize>(&self, template: &str, data: &T) -> Result<String> {
        let text = self.render(template, data)?;
        let cached = self.cache.as_ref().map(|c| c.path(&text));
        // rustfmt never formats Rust into nothing: an empty entry is not trusted.
        if let Some(formatted) = cached.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).filter(|f| !f.is_empty())
        {
            return Ok(formatted);
        }
        let formatted =
            rustfmt(&self.root, &text).with_context(|| format!("formatting the output of template {template}"))?;
        if let Some(path) = cached {
            // Written whole under a name no other writer uses (process, thread, counter), then
            // renamed into place: a reader sees a complete entry or none.
            static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let unique = format!("tmp-{}-{:?}-{n}", std::process::id(), std::thread::current().id());
            let tmp = path.with_extension(unique.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', ""));
            if std::fs::write(&tmp, &formatted).is_ok() && std::fs::rename(&tmp, &path).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        Ok(formatted)
    }
}

/// `{{doc lines "///"}}`: one comment line per entry, an empty entry giving a bare `///`.
fn doc_helper(
    h: &Helper,
    _: &Handlebars,
    _: &handlebars::Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let lines = h.param(0).and_then(|p| p.value().as_array().cloned()).unwrap_or_default();
    let prefix = h.param(1).and_then(|p| p.value().as_str()).unwrap_or("///");
    for line in lines {
        let line = line.as_str().unwrap_or_default();
        if line.is_empty() {
            out.write(&format!("{prefix}\n"))?;
        } else {
            out.write(&format!("{prefix} {line}\n"))?;
        }
    }
    Ok(())
}

/// `{{lit text}}`: `text` as a Rust string literal.
fn literal_helper(
    h: &Helper,
    _: &Handlebars,
    _: &handlebars::Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let text = h.param(0).and_then(|p| p.value().as_str()).unwrap_or_default();
    out.write(&format!("{text:?}"))?;
    Ok(())
}

fn rustfmt(root: &Path, source: &str) -> Result<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (install it with `rustup component add rustfmt`)")?;
    child.stdin.take().unwrap().write_all(source.as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        let numbered: String = source.lines().enumerate().map(|(i, l)| format!("{:>5} {l}\n", i + 1)).collect();
        bail!("rustfmt failed:\n{}\n--- source ---\n{numbered}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?)
}
