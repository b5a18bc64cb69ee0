//! The persisted model: `spec/model/*.yaml` schemas carrying `x-table` → tables and columns.
//!
//! The format is documented in `spec/README.md`. Every decision about Rust and SQL types is made
//! here, so the entity and migration templates only print what this module computed.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use openapiv3::{IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use serde::Serialize;
use serde_json::Value;

use crate::{load::SpecFile, names, rust_type::RustType};

#[derive(Debug, Serialize)]
pub struct ModelIr {
    pub tables: Vec<Table>,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub name: String,
    /// The schema's name in the spec (`Order`).
    pub schema_name: String,
    /// Where the table is declared: `spec/model/sales.yaml#/components/schemas/Order`.
    pub source: String,
    pub doc: Vec<String>,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub composite_pk: bool,
    pub foreign_keys: Vec<ForeignKey>,
    pub indexes: Vec<Index>,
    pub relations: Vec<Relation>,
    pub related: Vec<Related>,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub name: String,
    pub rust_name: String,
    /// Field type in the entity, `Option<...>` when nullable.
    pub rust_type: RustType,
    pub nullable: bool,
    pub doc: Vec<String>,
    /// Arguments of the field's `#[sea_orm(...)]` attribute, empty for none.
    pub sea_orm_attr: String,
    /// The sea-orm-migration column helper call for a scaffolded migration (`string_len(...)`).
    pub migration_expr: String,
    /// Type family the schema check compares against the database (`bigint`, `text`, ...).
    pub sql_family: &'static str,
}

#[derive(Debug, Serialize, Clone)]
pub struct ForeignKey {
    pub column: String,
    pub table: String,
    pub to_column: String,
    /// `Cascade`, `Restrict` or `SetNull`.
    pub on_delete: String,
}

#[derive(Debug, Serialize)]
pub struct Index {
    pub name: String,
    pub columns: Vec<String>,
    pub unique: bool,
    /// The columns as a Rust string-literal list for templates (`"a", "b"`).
    pub columns_literal: String,
}

#[derive(Debug, Serialize)]
pub struct Relation {
    pub variant: String,
    /// Contents of the variant's `#[sea_orm(...)]` attribute.
    pub attr: String,
}

#[derive(Debug, Serialize)]
pub struct Related {
    pub entity: String,
    pub variant: String,
}

pub fn lower(files: &[SpecFile]) -> Result<ModelIr> {
    let mut tables = Vec::new();
    for file in files {
        let Some(components) = &file.doc.components else { continue };
        for (schema_name, schema) in &components.schemas {
            let at = format!("{}#/components/schemas/{schema_name}", file.rel_path);
            let ReferenceOr::Item(schema) = schema else { bail!("{at}: a table must be an inline schema, not a $ref") };
            let Some(table_name) = schema.schema_data.extensions.get("x-table") else { continue };
            let Some(table_name) = table_name.as_str() else { bail!("{at}: x-table must be a string") };
            tables.push(lower_table(table_name, schema_name, schema, &at)?);
        }
    }
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let names: BTreeSet<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    if names.len() != tables.len() {
        bail!("spec/model: a table name is declared twice");
    }
    for t in &tables {
        for fk in &t.foreign_keys {
            if !names.contains(fk.table.as_str()) {
                bail!("{}: column `{}` references unknown table `{}`", t.source, fk.column, fk.table);
            }
        }
    }
    add_relations(&mut tables);
    Ok(ModelIr { tables })
}

fn lower_table(table_name: &str, schema_name: &str, schema: &Schema, at: &str) -> Result<Table> {
    let SchemaKind::Type(Type::Object(obj)) = &schema.schema_kind else {
        bail!("{at}: a table must be `type: object`")
    };
    let mut columns = Vec::new();
    let mut primary_key = Vec::new();
    let mut foreign_keys = Vec::new();
    let mut indexes = Vec::new();
    for (col_name, prop) in &obj.properties {
        let at = format!("{at}/properties/{col_name}");
        let ReferenceOr::Item(prop) = prop else { bail!("{at}: columns must be inline schemas") };
        let ext = &prop.schema_data.extensions;
        let is_pk = ext.get("x-primary-key").and_then(Value::as_bool).unwrap_or(false);
        let nullable = !obj.required.contains(col_name);
        if is_pk {
            if nullable {
                bail!("{at}: a primary-key column must be listed in `required`");
            }
            primary_key.push(col_name.clone());
        }
        if ext.get("x-unique").and_then(Value::as_bool).unwrap_or(false) {
            indexes.push(Index::new(table_name, vec![col_name.clone()], true));
        }
        if let Some(r) = ext.get("x-references") {
            foreign_keys.push(foreign_key(col_name, r, nullable, &at)?);
        }
        columns.push((col_name.clone(), prop, nullable, is_pk, at));
    }
    if primary_key.is_empty() {
        bail!("{at}: no column has `x-primary-key: true`");
    }
    let composite = primary_key.len() > 1;
    let columns = columns
        .into_iter()
        .map(|(name, prop, nullable, is_pk, at)| lower_column(&name, prop, nullable, is_pk, composite, &at))
        .collect::<Result<Vec<_>>>()?;
    // Foreign-key columns are indexed unless an index already starts with them.
    for fk in &foreign_keys {
        if primary_key.first().is_none_or(|c| c != &fk.column) {
            indexes.push(Index::new(table_name, vec![fk.column.clone()], false));
        }
    }
    if let Some(extra) = schema.schema_data.extensions.get("x-indexes") {
        let Some(list) = extra.as_array() else { bail!("{at}: x-indexes must be a list") };
        for (i, ix) in list.iter().enumerate() {
            let cols: Vec<String> = ix
                .get("columns")
                .and_then(Value::as_array)
                .map(|c| c.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            if cols.is_empty() || cols.iter().any(|c| !obj.properties.contains_key(c)) {
                bail!("{at}/x-indexes/{i}: `columns` must list columns of this table");
            }
            let unique = ix.get("unique").and_then(Value::as_bool).unwrap_or(false);
            indexes.push(Index::new(table_name, cols, unique));
        }
    }
    // An index whose columns lead another index of the same uniqueness is redundant.
    let mut seen = BTreeMap::new();
    indexes.retain(|ix| seen.insert((ix.columns.clone(), ix.unique), ()).is_none());
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Table {
        name: table_name.to_owned(),
        schema_name: schema_name.to_owned(),
        source: at.to_owned(),
        doc: names::doc_lines(schema.schema_data.description.as_deref().unwrap_or("")),
        columns,
        composite_pk: primary_key.len() > 1,
        primary_key,
        foreign_keys,
        indexes,
        relations: Vec::new(),
        related: Vec::new(),
    })
}

impl Index {
    fn new(table: &str, columns: Vec<String>, unique: bool) -> Index {
        let prefix = if unique { "uq" } else { "ix" };
        let name = format!("{prefix}_{table}_{}", columns.join("_"));
        let columns_literal = columns.iter().map(|c| names::literal(c)).collect::<Vec<_>>().join(", ");
        Index { name, columns, unique, columns_literal }
    }
}

fn foreign_key(column: &str, r: &Value, nullable: bool, at: &str) -> Result<ForeignKey> {
    let (table, to_column, on_delete) = match r {
        Value::String(t) => (t.clone(), "id".to_owned(), None),
        Value::Object(o) => (
            o.get("table").and_then(Value::as_str).unwrap_or_default().to_owned(),
            o.get("column").and_then(Value::as_str).unwrap_or("id").to_owned(),
            o.get("on-delete").and_then(Value::as_str).map(str::to_owned),
        ),
        _ => bail!("{at}: x-references must be a table name or {{table, column, on-delete}}"),
    };
    if table.is_empty() {
        bail!("{at}: x-references needs a table");
    }
    let on_delete = match on_delete.as_deref() {
        None if nullable => "SetNull",
        None | Some("restrict") => "Restrict",
        Some("cascade") => "Cascade",
        Some("set-null") if nullable => "SetNull",
        Some("set-null") => bail!("{at}: on-delete set-null needs a nullable column"),
        Some(other) => bail!("{at}: unknown on-delete `{other}` (cascade, restrict, set-null)"),
    };
    Ok(ForeignKey { column: column.to_owned(), table, to_column, on_delete: on_delete.to_owned() })
}

/// A sea-orm-migration column helper (`big_integer`, `string_len` with its length).
struct MigrationHelper {
    name: &'static str,
    len: Option<usize>,
}

impl MigrationHelper {
    fn new(name: &'static str) -> MigrationHelper {
        MigrationHelper { name, len: None }
    }

    /// The helper's call for `column`: `big_integer("id")`, `string_len_null("code", 16)`.
    fn call(&self, column: &str, nullable: bool) -> String {
        let null = if nullable { "_null" } else { "" };
        let column = names::literal(column);
        match self.len {
            Some(n) => format!("{}{null}({column}, {n})", self.name),
            None => format!("{}{null}({column})", self.name),
        }
    }
}

/// How a column's schema is stored: its Rust type, its sea-orm `column_type` (empty for the
/// type's default), its migration helper and the SQL type family the schema check expects.
struct Storage {
    rust: RustType,
    column_type: String,
    helper: MigrationHelper,
    family: &'static str,
}

impl Storage {
    fn new(rust: RustType, column_type: &str, helper: MigrationHelper, family: &'static str) -> Storage {
        Storage { rust, column_type: column_type.to_owned(), helper, family }
    }
}

/// How a column with schema `prop` is stored.
fn storage(prop: &Schema, at: &str) -> Result<Storage> {
    let helper = MigrationHelper::new;
    Ok(match &prop.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => match &i.format {
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => {
                Storage::new(RustType::I64, "", helper("big_integer"), "bigint")
            }
            VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => {
                Storage::new(RustType::I32, "", helper("integer"), "integer")
            }
            _ => bail!("{at}: integer columns need `format: int32` or `format: int64`"),
        },
        SchemaKind::Type(Type::Boolean(_)) => Storage::new(RustType::Bool, "", helper("boolean"), "boolean"),
        SchemaKind::Type(Type::String(s)) => match &s.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                Storage::new(RustType::path("DateTimeUtc"), "", helper("timestamp_with_time_zone"), "timestamp")
            }
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => {
                Storage::new(RustType::path("Date"), "", helper("date"), "date")
            }
            VariantOrUnknownOrEmpty::Empty => match s.max_length {
                Some(n) => Storage::new(
                    RustType::String,
                    &format!("String(StringLen::N({n}))"),
                    MigrationHelper { name: "string_len", len: Some(n) },
                    "varchar",
                ),
                None => Storage::new(RustType::String, "Text", helper("text"), "text"),
            },
            other => bail!("{at}: unsupported string format {other:?} (date, date-time or none)"),
        },
        SchemaKind::Type(Type::Number(n)) => {
            let fmt = match &n.format {
                VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
                _ => "",
            };
            if fmt != "decimal" {
                bail!("{at}: numbers are stored exactly: use `format: decimal` (floats are not allowed)");
            }
            let rust = match prop.schema_data.extensions.get("x-scale").and_then(Value::as_u64).unwrap_or(4) {
                4 => RustType::path("polyshop_runtime::Amount"),
                8 => RustType::path("polyshop_runtime::Rate"),
                other => bail!("{at}: x-scale {other} is not supported (4 for money, 8 for rates)"),
            };
            Storage::new(rust, "", helper("big_integer"), "bigint")
        }
        SchemaKind::Type(Type::Object(_)) | SchemaKind::Type(Type::Array(_)) => {
            Storage::new(RustType::path("Json"), "JsonBinary", helper("json_binary"), "json")
        }
        _ => bail!("{at}: unsupported column schema"),
    })
}

fn lower_column(
    name: &str,
    prop: &Schema,
    nullable: bool,
    is_pk: bool,
    composite_pk: bool,
    at: &str,
) -> Result<Column> {
    let Storage { rust, column_type, helper, family } = storage(prop, at)?;
    let rust_name = names::field(name);
    let mut attrs = Vec::new();
    if is_pk {
        attrs.push("primary_key".to_owned());
        if composite_pk || !rust.is_integer() {
            attrs.push("auto_increment = false".to_owned());
        }
    }
    if rust_name != name {
        attrs.push(format!("column_name = {}", names::literal(name)));
    }
    if !column_type.is_empty() {
        attrs.push(format!("column_type = {}", names::literal(&column_type)));
    }
    if nullable {
        attrs.push("nullable".to_owned());
    }
    // Scaffolded migrations use sea-orm-migration's schema helpers: `big_integer("id")`,
    // `string_len_null("code", 16)`, ... plus a default where the spec gives one.
    let mut expr = helper.call(name, nullable);
    if is_pk && !composite_pk && rust.is_integer() {
        expr.push_str(".auto_increment().primary_key()");
    }
    if let Some(default) = &prop.schema_data.default {
        let lit = match default {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) => names::literal(s),
            _ => bail!("{at}: defaults must be scalars"),
        };
        expr.push_str(&format!(".default({lit})"));
    }
    let rust_type = if nullable { rust.option() } else { rust };
    Ok(Column {
        name: name.to_owned(),
        rust_name,
        rust_type,
        nullable,
        doc: names::doc_lines(prop.schema_data.description.as_deref().unwrap_or("")),
        sea_orm_attr: attrs.join(", "),
        migration_expr: expr,
        sql_family: family,
    })
}

/// `belongs_to` for each foreign key; `has_many` on the parent when one child column points at
/// it; `Related` impls where exactly one relation joins two distinct tables.
fn add_relations(tables: &mut [Table]) {
    let fks: Vec<(String, ForeignKey)> =
        tables.iter().flat_map(|t| t.foreign_keys.iter().map(move |fk| (t.name.clone(), fk.clone()))).collect();
    let mut pair_count: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (child, fk) in &fks {
        *pair_count.entry((child.clone(), fk.table.clone())).or_default() += 1;
    }
    for t in tables.iter_mut() {
        let mut relations = Vec::new();
        let mut related = Vec::new();
        for fk in &t.foreign_keys {
            let variant = names::type_name(fk.column.trim_end_matches("_id"));
            let attr = format!(
                "belongs_to = \"super::{}::Entity\", from = \"Column::{}\", to = \"super::{}::Column::{}\", on_delete = \"{}\"",
                fk.table,
                names::type_name(&fk.column),
                fk.table,
                names::type_name(&fk.to_column),
                fk.on_delete
            );
            if fk.table != t.name && pair_count[&(t.name.clone(), fk.table.clone())] == 1 {
                related.push(Related { entity: format!("super::{}::Entity", fk.table), variant: variant.clone() });
            }
            relations.push(Relation { variant, attr });
        }
        for (child, fk) in &fks {
            if fk.table == t.name && child != &t.name && pair_count[&(child.clone(), t.name.clone())] == 1 {
                let variant = names::type_name(child);
                if relations.iter().any(|r| r.variant == variant) {
                    continue;
                }
                relations.push(Relation {
                    variant: variant.clone(),
                    attr: format!("has_many = \"super::{child}::Entity\""),
                });
                related.push(Related { entity: format!("super::{child}::Entity"), variant });
            }
        }
        related.sort_by(|a, b| a.entity.cmp(&b.entity));
        related.dedup_by(|a, b| a.entity == b.entity);
        t.relations = relations;
        t.related = related;
    }
}
