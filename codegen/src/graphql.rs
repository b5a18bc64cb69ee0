//! A GraphQL SDL (`spec/graphql/<surface>.graphql`) → the IR the GraphQL templates print.
//!
//! Every SDL type is registered with async-graphql's dynamic schema, with the SDL's names,
//! types, arguments, descriptions and deprecations, so the schema the server answers
//! introspection with is the SDL. What the generated code does per field:
//! - a field without arguments whose type is a scalar (or a list of scalars) is *stored*: a
//!   field of the object's Rust struct, answered without calling the application;
//! - every other field (object-typed, or with arguments, and every root field) is *resolved*: a
//!   method of the `<Type>Resolver` trait the application implements, so a new field is a
//!   compile error until it is implemented;
//! - cursor connections (`{edges, pageInfo, totalCount}`, their edge and page-info types) are
//!   answered by `polyshop_runtime_graphql` from the `Connection` a resolver returns.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use cynic_parser::type_system::{Definition, FieldDefinition, InputValueDefinition, ObjectDefinition, TypeDefinition};
use serde::Serialize;

use crate::{names, rust_type::RustType};

#[derive(Debug, Serialize)]
pub struct GraphqlIr {
    /// `shop` for `spec/graphql/shop.graphql`.
    pub surface: String,
    pub crate_name: String,
    pub source: String,
    pub query_type: String,
    pub scalars: Vec<ScalarIr>,
    pub objects: Vec<ObjectIr>,
    /// The root query fields, grouped by the type they answer with (`product`, `products`,
    /// `productBySku` → `ProductQueries`), so each area implements its own root fields.
    pub query_groups: Vec<QueryGroupIr>,
    pub connections: Vec<ConnectionIr>,
    pub args_structs: Vec<ArgsIr>,
}

#[derive(Debug, Serialize)]
pub struct ScalarIr {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ObjectIr {
    pub name: String,
    pub doc: Vec<String>,
    pub description: Option<String>,
    pub is_root: bool,
    /// `ProductResolver`, when the type has resolved fields.
    pub resolver_trait: Option<String>,
    /// The `Resolvers` field holding the trait object (`product`).
    pub resolver_field: String,
    /// The schema-building function (`object_product`).
    pub builder_fn: String,
    /// Some field calls a resolver (of the type's trait, or of a query group for the root).
    pub uses_resolvers: bool,
    pub stored: Vec<StoredIr>,
    pub fields: Vec<FieldIr>,
    pub resolved: Vec<ResolvedIr>,
}

#[derive(Debug, Serialize)]
pub struct StoredIr {
    pub name: String,
    pub rust_name: String,
    pub rust_type: RustType,
    pub doc: Vec<String>,
}

/// A field as the schema registers it.
#[derive(Debug, Serialize)]
pub struct FieldIr {
    pub name: String,
    pub type_ref: String,
    pub description: Option<String>,
    pub deprecation: Option<String>,
    pub args: Vec<ArgIr>,
    /// For stored fields and connection parts: the resolver function path.
    pub resolver_fn: Option<String>,
    /// For resolved fields: the index into `ObjectIr::resolved`.
    pub resolved: Option<ResolvedIr>,
}

#[derive(Debug, Serialize, Clone)]
pub struct ArgIr {
    pub name: String,
    pub rust_name: String,
    pub rust_type: RustType,
    pub type_ref: String,
    pub description: Option<String>,
    pub doc: Vec<String>,
    /// Rust expression for the default value (`async_graphql::Value`).
    pub default_expr: Option<String>,
    /// One of `first/last/after/before` of a connection field: read into `PageArgs`.
    pub paging: bool,
}

/// The root query fields that answer with one type (its nodes, a list or a connection of them).
#[derive(Debug, Serialize)]
pub struct QueryGroupIr {
    /// The type the fields answer with (`Product`); `Scalar` for fields answering scalars.
    pub node: String,
    /// `ProductQueries`.
    pub trait_name: String,
    /// `product_queries`: the field of `Resolvers` holding the implementation.
    pub resolver_field: String,
    pub resolved: Vec<ResolvedIr>,
}

#[derive(Debug, Serialize, Clone)]
pub struct ResolvedIr {
    /// The field of `Resolvers` whose implementation answers it (`product`, `product_queries`).
    pub resolver_field: String,
    pub field: String,
    pub method: String,
    pub doc: Vec<String>,
    /// `ProductImagesArgs`, when the field has arguments.
    pub args_struct: Option<String>,
    pub return_type: RustType,
    /// `polyshop_runtime_graphql::connection`: turns the return value into a field value.
    pub convert_fn: String,
    /// The parent's Rust type (`crate::types::Product`), none for root fields.
    pub parent: Option<RustType>,
}

#[derive(Debug, Serialize)]
pub struct ArgsIr {
    pub name: String,
    pub doc: Vec<String>,
    pub has_paging: bool,
    pub args: Vec<ArgIr>,
}

#[derive(Debug, Serialize)]
pub struct ConnectionIr {
    pub connection: ObjectParts,
    pub edge: ObjectParts,
    pub page_info: ObjectParts,
    /// Rust type of the node (`crate::types::Product`).
    pub node_rust: RustType,
    /// The page-info type is shared with an earlier connection (register it once).
    pub page_info_registered: bool,
    pub index: usize,
}

/// A connection part's name, description and fields, with runtime resolvers.
#[derive(Debug, Serialize)]
pub struct ObjectParts {
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<FieldIr>,
}

const BUILTIN_SCALARS: &[&str] = &["ID", "String", "Int", "Boolean"];

pub fn lower(rel_path: &str, sdl: &str) -> Result<GraphqlIr> {
    let at = rel_path;
    let doc = cynic_parser::parse_type_system_document(sdl)
        .map_err(|e| anyhow::anyhow!("{at}: not a valid GraphQL SDL document: {}", e))?;
    let surface = std::path::Path::new(at).file_stem().unwrap().to_string_lossy().into_owned();

    let mut scalars = Vec::new();
    let mut objects: BTreeMap<String, ObjectDefinition> = BTreeMap::new();
    let mut order = Vec::new();
    let mut query_type = "Query".to_owned();
    for def in doc.definitions() {
        match def {
            Definition::Type(TypeDefinition::Scalar(s)) => {
                if BUILTIN_SCALARS.contains(&s.name()) || s.name() == "Float" {
                    bail!("{at}: scalar `{}` is built in", s.name());
                }
                scalars.push(ScalarIr { name: s.name().to_owned(), description: description(s.description()) });
            }
            Definition::Type(TypeDefinition::Object(o)) => {
                if objects.insert(o.name().to_owned(), o).is_some() {
                    bail!("{at}: type `{}` is defined twice", o.name());
                }
                order.push(o.name().to_owned());
            }
            Definition::Schema(s) => {
                for root in s.root_operations() {
                    match root.operation_type() {
                        cynic_parser::common::OperationType::Query => query_type = root.named_type().to_owned(),
                        other => bail!("{at}: `{other}` root types are not supported yet"),
                    }
                }
            }
            Definition::Type(other) => {
                bail!("{at}: type `{}`: only object types and scalars are supported", other.name())
            }
            _ => bail!("{at}: only type definitions are supported (no extensions or directive definitions)"),
        }
    }
    if !objects.contains_key(&query_type) {
        bail!("{at}: the query type `{query_type}` is not defined");
    }
    let scalar_names: BTreeSet<&str> =
        BUILTIN_SCALARS.iter().copied().chain(scalars.iter().map(|s| s.name.as_str())).collect();

    // Connections, recognised by shape.
    let mut connection_parts = BTreeSet::new();
    let mut connections = Vec::new();
    let mut page_infos = BTreeSet::new();
    for name in &order {
        let obj = &objects[name];
        let field_names: BTreeSet<&str> = obj.fields().map(|f| f.name()).collect();
        if field_names != BTreeSet::from(["edges", "pageInfo", "totalCount"]) {
            continue;
        }
        let loc = format!("{at}: type `{name}`");
        let field = |n: &str| obj.fields().find(|f| f.name() == n).unwrap();
        let edges = field("edges");
        if !edges.ty().is_list() {
            bail!("{loc}: `edges` must be a list of edges");
        }
        let edge_name = edges.ty().name().to_owned();
        let Some(edge) = objects.get(&edge_name) else { bail!("{loc}: edge type `{edge_name}` is not defined") };
        let Some(node_field) = edge.fields().find(|f| f.name() == "node") else {
            bail!("{at}: edge type `{edge_name}` needs a `node` field")
        };
        if edge.fields().count() != 2 || edge.fields().all(|f| f.name() != "cursor") {
            bail!("{at}: edge type `{edge_name}` must have exactly `node` and `cursor`");
        }
        let node_name = node_field.ty().name().to_owned();
        if !objects.contains_key(&node_name) {
            bail!("{at}: edge type `{edge_name}`: node type `{node_name}` must be an object type");
        }
        let page_info_name = field("pageInfo").ty().name().to_owned();
        let Some(page_info) = objects.get(&page_info_name) else {
            bail!("{loc}: page-info type `{page_info_name}` is not defined")
        };
        for f in page_info.fields() {
            if !["startCursor", "endCursor", "hasNextPage", "hasPreviousPage"].contains(&f.name()) {
                bail!("{at}: page-info type `{page_info_name}` has an unknown field `{}`", f.name());
            }
        }
        let node_rust = RustType::Object(node_name);
        let parts = |obj: &ObjectDefinition, resolver: &dyn Fn(&str) -> String| -> Result<ObjectParts> {
            Ok(ObjectParts {
                name: obj.name().to_owned(),
                description: description(obj.description()),
                fields: obj
                    .fields()
                    .map(|f| {
                        if f.arguments().count() > 0 {
                            bail!("{at}: `{}.{}`: connection parts take no arguments", obj.name(), f.name());
                        }
                        Ok(FieldIr {
                            name: f.name().to_owned(),
                            type_ref: f.ty().to_string(),
                            description: description(f.description()),
                            deprecation: deprecation(&f),
                            args: vec![],
                            resolver_fn: Some(resolver(f.name())),
                            resolved: None,
                        })
                    })
                    .collect::<Result<_>>()?,
            })
        };
        let rt = "polyshop_runtime_graphql::connections";
        let connection = parts(obj, &|f| match f {
            "edges" => format!("{rt}::edges::<{node_rust}>"),
            "pageInfo" => format!("{rt}::page_info::<{node_rust}>"),
            _ => format!("{rt}::total_count::<{node_rust}>"),
        })?;
        let edge_parts = parts(edge, &|f| match f {
            "node" => format!("{rt}::node::<{node_rust}>"),
            _ => format!("{rt}::cursor::<{node_rust}>"),
        })?;
        let page_info_parts = parts(page_info, &|_| format!("{rt}::page_info_field"))?;
        connection_parts.insert(name.clone());
        connection_parts.insert(edge_name.clone());
        connection_parts.insert(page_info_name.clone());
        connections.push(ConnectionIr {
            connection,
            edge: edge_parts,
            page_info: page_info_parts,
            node_rust,
            page_info_registered: !page_infos.insert(page_info_name),
            index: connections.len(),
        });
    }

    // Plain object types.
    let mut out = Vec::new();
    let mut query_groups: Vec<QueryGroupIr> = Vec::new();
    let mut args_structs = Vec::new();
    for name in &order {
        if connection_parts.contains(name) {
            continue;
        }
        let obj = &objects[name];
        let is_root = *name == query_type;
        let loc = format!("{at}: type `{name}`");
        let mut stored = Vec::new();
        let mut fields = Vec::new();
        let mut resolved_all = Vec::new();
        let mut rust_names = BTreeSet::new();
        for f in obj.fields() {
            let floc = format!("{at}: field `{name}.{}`", f.name());
            let ty = f.ty();
            let named = ty.name();
            let is_scalar = scalar_names.contains(named);
            if named == "Float" {
                bail!("{floc}: Float is not allowed (money and decimals are exact strings)");
            }
            if !is_scalar && !objects.contains_key(named) {
                bail!("{floc}: unknown type `{named}`");
            }
            let has_args = f.arguments().count() > 0;
            let mut field = FieldIr {
                name: f.name().to_owned(),
                type_ref: ty.to_string(),
                description: description(f.description()),
                deprecation: deprecation(&f),
                args: vec![],
                resolver_fn: None,
                resolved: None,
            };
            if is_scalar && !has_args && !is_root {
                let rust_name = field_name(f.name());
                if rust_name == "ext" {
                    bail!("{floc}: `ext` is reserved for the data objects carry for their resolvers");
                }
                if !rust_names.insert(rust_name.clone()) {
                    bail!("{floc}: two fields map to the Rust field `{rust_name}`");
                }
                stored.push(StoredIr {
                    name: f.name().to_owned(),
                    rust_name,
                    rust_type: rust_type(&ty.to_string(), &scalar_names, &RustType::String)?,
                    doc: names::doc_lines(&field.description.clone().unwrap_or_default()),
                });
                let object = RustType::Object(name.clone());
                field.resolver_fn = Some(format!("polyshop_runtime_graphql::stored::<{object}>"));
                fields.push(field);
                continue;
            }
            // A resolved field.
            let is_connection =
                connection_parts.contains(named) && connections.iter().any(|c| c.connection.name == named);
            let mut args = Vec::new();
            for a in f.arguments() {
                args.push(lower_arg(&a, is_connection, &scalar_names, &floc)?);
            }
            let args_struct = if args.is_empty() {
                None
            } else {
                let struct_name = format!(
                    "{}{}Args",
                    if is_root { "Query".to_owned() } else { name.clone() },
                    names::type_name(f.name())
                );
                let has_paging = args.iter().any(|a| a.paging);
                if has_paging && !["first", "last", "after", "before"].iter().all(|p| args.iter().any(|a| a.name == *p))
                {
                    bail!("{floc}: connection fields take all of first, last, after and before");
                }
                args_structs.push(ArgsIr {
                    name: struct_name.clone(),
                    doc: vec![format!("Arguments of `{name}.{}`.", f.name())],
                    has_paging,
                    args: args.iter().filter(|a| !a.paging).cloned().collect(),
                });
                Some(struct_name)
            };
            let (return_type, convert) = if is_connection {
                let node = connections.iter().find(|c| c.connection.name == named).unwrap().node_rust.clone();
                (RustType::Connection(Box::new(node)), "connection")
            } else if is_scalar {
                (rust_type(&ty.to_string(), &scalar_names, &RustType::String)?, "scalar")
            } else if connection_parts.contains(named) {
                bail!("{floc}: edge and page-info types are only reachable through their connection");
            } else if ty.is_list() {
                (RustType::Object(named.to_owned()).vec(), "object_list")
            } else if ty.is_non_null() {
                (RustType::Object(named.to_owned()), "object")
            } else {
                (RustType::Object(named.to_owned()).option(), "optional_object")
            };
            // A root field belongs to the query group of the type it answers with.
            let resolver_field = if is_root {
                let node = if is_connection {
                    connections
                        .iter()
                        .find(|c| c.connection.name == named)
                        .and_then(|c| c.node_rust.generated_name())
                        .unwrap_or(named)
                        .to_owned()
                } else if is_scalar {
                    "Scalar".to_owned()
                } else {
                    named.to_owned()
                };
                let group_field = format!("{}_queries", names::field(&node));
                if !query_groups.iter().any(|g| g.node == node) {
                    query_groups.push(QueryGroupIr {
                        trait_name: format!("{}Queries", names::type_name(&node)),
                        resolver_field: group_field.clone(),
                        node,
                        resolved: Vec::new(),
                    });
                }
                group_field
            } else {
                names::field(name)
            };
            let resolved = ResolvedIr {
                resolver_field,
                field: f.name().to_owned(),
                method: field_name(f.name()),
                doc: names::doc_lines(&field.description.clone().unwrap_or_default()),
                args_struct,
                return_type,
                convert_fn: format!("polyshop_runtime_graphql::{convert}"),
                parent: (!is_root).then(|| RustType::Object(name.clone())),
            };
            field.args = args;
            field.resolved = Some(resolved.clone());
            if let Some(group) =
                query_groups.iter_mut().find(|g| is_root && g.resolver_field == resolved.resolver_field)
            {
                group.resolved.push(resolved.clone());
            }
            resolved_all.push(resolved);
            fields.push(field);
        }
        if is_root && fields.is_empty() {
            bail!("{loc}: the query type needs fields");
        }
        let snake = names::field(name);
        out.push(ObjectIr {
            name: name.clone(),
            doc: names::doc_lines(&description(obj.description()).unwrap_or_default()),
            description: description(obj.description()),
            is_root,
            resolver_trait: (!is_root && !resolved_all.is_empty())
                .then(|| format!("{}Resolver", names::type_name(name))),
            uses_resolvers: !resolved_all.is_empty(),
            resolver_field: snake.clone(),
            builder_fn: format!("object_{snake}"),
            stored,
            fields,
            resolved: resolved_all,
        });
    }

    Ok(GraphqlIr {
        crate_name: format!("polyshop-graphql-{surface}"),
        surface,
        source: at.to_owned(),
        query_type,
        scalars,
        objects: out,
        query_groups: {
            query_groups.sort_by(|a, b| a.node.cmp(&b.node));
            query_groups
        },
        connections,
        args_structs,
    })
}

/// `_id` → `id_` (the leading underscore would collide with `id`), `sortKey` → `sort_key`.
fn field_name(name: &str) -> String {
    match name.strip_prefix('_') {
        Some(rest) => format!("{}_", names::field(rest)),
        None => names::field(name),
    }
}

fn description(d: Option<cynic_parser::type_system::Description<'_>>) -> Option<String> {
    d.map(|d| d.literal().to_cow().trim().to_owned()).filter(|d| !d.is_empty())
}

fn deprecation(f: &FieldDefinition<'_>) -> Option<String> {
    let d = f.directives().find(|d| d.name() == "deprecated")?;
    let reason = d
        .arguments()
        .find(|a| a.name() == "reason")
        .and_then(|a| a.value().as_str().map(str::to_owned))
        .unwrap_or_else(|| "No longer supported".to_owned());
    Some(reason)
}

/// The Rust type of a value of SDL type `ty` (`[String!]` → `Option<Vec<String>>`), with `id`
/// for `ID` (`String` in objects, `polyshop_runtime_graphql::Id` in arguments).
fn rust_type(ty: &str, scalars: &BTreeSet<&str>, id: &RustType) -> Result<RustType> {
    let (inner, non_null) = match ty.strip_suffix('!') {
        Some(t) => (t, true),
        None => (ty, false),
    };
    let base = if let Some(item) = inner.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        rust_type(item, scalars, id)?.vec()
    } else {
        match inner {
            "ID" => id.clone(),
            "String" => RustType::String,
            "Int" => RustType::I64,
            "Boolean" => RustType::Bool,
            other if scalars.contains(other) => RustType::JsonValue,
            other => bail!("`{other}` is not a scalar"),
        }
    };
    Ok(if non_null { base } else { base.option() })
}

fn lower_arg(a: &InputValueDefinition<'_>, on_connection: bool, scalars: &BTreeSet<&str>, at: &str) -> Result<ArgIr> {
    let ty = a.ty().to_string();
    let named = a.ty().name();
    if !scalars.contains(named) {
        bail!("{at}: argument `{}`: input objects are not supported yet", a.name());
    }
    let paging = on_connection && ["first", "last", "after", "before"].contains(&a.name());
    if paging && ty != if matches!(a.name(), "first" | "last") { "Int" } else { "String" } {
        bail!("{at}: paging argument `{}` must be `{}`", a.name(), if a.name().len() == 5 { "Int" } else { "String" });
    }
    // IDs accept strings and integers.
    let rust = rust_type(&ty, scalars, &RustType::GraphqlId)?;
    let default_expr = match a.default_value() {
        None => None,
        Some(v) => Some(match v {
            cynic_parser::ConstValue::Int(i) => format!("async_graphql::Value::from({}i64)", i.as_i64()),
            cynic_parser::ConstValue::Boolean(b) => format!("async_graphql::Value::from({})", b.value()),
            cynic_parser::ConstValue::String(s) => format!("async_graphql::Value::from({:?})", s.value()),
            _ => bail!("{at}: argument `{}`: only Int, Boolean and String defaults are supported", a.name()),
        }),
    };
    Ok(ArgIr {
        name: a.name().to_owned(),
        rust_name: field_name(a.name()),
        rust_type: rust,
        type_ref: ty,
        description: description(a.description()),
        doc: names::doc_lines(&description(a.description()).unwrap_or_default()),
        default_expr,
        paging,
    })
}

pub fn read(root: &std::path::Path, rel_path: &str) -> Result<GraphqlIr> {
    let text = std::fs::read_to_string(root.join(rel_path)).with_context(|| format!("reading {rel_path}"))?;
    lower(rel_path, &text)
}
