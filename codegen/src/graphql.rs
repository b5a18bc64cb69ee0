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
//!   answered by `polyshop_runtime_graphql` from the `Connection` a resolver returns;
//! - mutations (the `mutation` root of the `schema` definition) are root fields grouped by their
//!   `@area(name:)` directive into one `<Area>Mutations` trait per area; each returns its
//!   *payload* type whole: every field of a payload (a type only mutations return) is stored,
//!   its object fields too;
//! - `input` types, the arguments of mutations (and of any field), become Rust structs read from
//!   the argument value.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use cynic_parser::type_system::{
    Definition, FieldDefinition, InputObjectDefinition, InputValueDefinition, ObjectDefinition, TypeDefinition,
};
use serde::Serialize;

use crate::{names, rust_type::RustType};

#[derive(Debug, Serialize)]
pub struct GraphqlIr {
    /// `shop` for `spec/graphql/shop.graphql`.
    pub surface: String,
    pub crate_name: String,
    pub source: String,
    pub query_type: String,
    /// The mutation root type, if the schema has one.
    pub mutation_type: Option<String>,
    pub scalars: Vec<ScalarIr>,
    pub inputs: Vec<InputIr>,
    pub objects: Vec<ObjectIr>,
    /// The root query fields, grouped by the type they answer with (`product`, `products`,
    /// `productBySku` → `ProductQueries`), so each area implements its own root fields.
    pub query_groups: Vec<QueryGroupIr>,
    /// The mutations, grouped by their `@area` (`customers` → `CustomersMutations`).
    pub mutation_groups: Vec<QueryGroupIr>,
    pub connections: Vec<ConnectionIr>,
    pub args_structs: Vec<ArgsIr>,
}

#[derive(Debug, Serialize)]
pub struct ScalarIr {
    pub name: String,
    pub description: Option<String>,
}

/// An `input` type: a Rust struct read from an argument's value.
#[derive(Debug, Serialize)]
pub struct InputIr {
    pub name: String,
    pub rust_name: String,
    pub doc: Vec<String>,
    pub description: Option<String>,
    pub fields: Vec<ArgIr>,
    /// `@sameFieldsAs(input:)`: the Rust struct of the input type with exactly these fields,
    /// which this one converts into (`From`), so a second name of an operation runs its code.
    pub same_fields_as: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ObjectIr {
    pub name: String,
    /// The Rust struct (`CreateCustomerPayload` for `createCustomerPayload`).
    pub rust_name: String,
    pub doc: Vec<String>,
    pub description: Option<String>,
    pub is_root: bool,
    /// The mutation root.
    pub is_mutation: bool,
    /// A payload holds values of this type whole (it implements `Embed`).
    pub embeddable: bool,
    /// `ProductResolver`, when the type has resolved fields.
    pub resolver_trait: Option<String>,
    /// The `Resolvers` field holding the trait object (`product`).
    pub resolver_field: String,
    /// The schema-building function (`object_product`).
    pub builder_fn: String,
    /// Some field calls a resolver (of the type's trait, or of a query group for the root).
    pub uses_resolvers: bool,
    /// Scalar fields held by the struct.
    pub stored: Vec<StoredIr>,
    /// Object fields held whole by the struct (a mutation payload's).
    pub embedded: Vec<StoredIr>,
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

/// The root query fields that answer with one type (its nodes, a list or a connection of them),
/// or the mutations of one area.
#[derive(Debug, Serialize)]
pub struct QueryGroupIr {
    /// The type the fields answer with (`Product`; `Scalar` for fields answering scalars), or
    /// the mutations' area (`customers`).
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

/// The directive naming a mutation's area: `@area(name: "customers")`.
const AREA_DIRECTIVE: &str = "area";

/// The directive marking an input type as another's fields under a second name:
/// `@sameFieldsAs(input: "createCheckoutAddressInput")`.
const SAME_FIELDS_DIRECTIVE: &str = "sameFieldsAs";

/// What the named types of argument positions are.
struct Kinds<'a> {
    scalars: &'a BTreeSet<&'a str>,
    inputs: &'a BTreeSet<&'a str>,
}

/// The Rust struct of SDL object or input type `name` (`crate::types::CreateCustomerPayload`).
fn object_type(name: &str) -> RustType {
    RustType::Object(names::type_name(name))
}

/// The Rust type of an object-typed payload field held whole (`Customer` → `Option<Customer>`).
fn embedded_type(ty: &str) -> RustType {
    let (inner, non_null) = match ty.strip_suffix('!') {
        Some(t) => (t, true),
        None => (ty, false),
    };
    let base = match inner.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(item) => embedded_type(item).vec(),
        None => object_type(inner),
    };
    if non_null { base } else { base.option() }
}

/// The area a mutation's `@area(name:)` names.
fn area_of(f: &FieldDefinition<'_>) -> Option<String> {
    let d = f.directives().find(|d| d.name() == AREA_DIRECTIVE)?;
    let name = d.arguments().find(|a| a.name() == "name")?.value().as_str()?.to_owned();
    (!name.is_empty()).then_some(name)
}

fn lower_input(i: &InputObjectDefinition<'_>, kinds: &Kinds<'_>, at: &str) -> Result<InputIr> {
    let loc = format!("{at}: input type `{}`", i.name());
    let mut fields = Vec::new();
    let mut rust_names = BTreeSet::new();
    for f in i.fields() {
        if f.default_value().is_some() {
            bail!("{loc}: field `{}`: input fields take no default (the resolver decides)", f.name());
        }
        let field = lower_arg(&f, false, kinds, &loc)?;
        if !rust_names.insert(field.rust_name.clone()) {
            bail!("{loc}: two fields map to the Rust field `{}`", field.rust_name);
        }
        fields.push(field);
    }
    if fields.is_empty() {
        bail!("{loc}: an input type needs fields");
    }
    let same_fields_as = match i.directives().find(|d| d.name() == SAME_FIELDS_DIRECTIVE) {
        Some(d) => Some(
            d.arguments()
                .find(|a| a.name() == "input")
                .and_then(|a| a.value().as_str().map(str::to_owned))
                .filter(|n| !n.is_empty())
                .ok_or_else(|| anyhow::anyhow!("{loc}: `@{SAME_FIELDS_DIRECTIVE}` needs `input: \"<input type>\"`"))?,
        ),
        None => None,
    };
    Ok(InputIr {
        name: i.name().to_owned(),
        rust_name: names::type_name(i.name()),
        doc: names::doc_lines(&description(i.description()).unwrap_or_default()),
        description: description(i.description()),
        fields,
        same_fields_as,
    })
}

/// Every `@sameFieldsAs(input:)` names an input type with the same fields (names, types, order);
/// the directive's SDL name becomes that type's Rust struct.
fn check_same_fields(inputs: &mut [InputIr], at: &str) -> Result<()> {
    let shapes: BTreeMap<String, (String, Vec<(String, String)>)> = inputs
        .iter()
        .map(|i| {
            let fields = i.fields.iter().map(|f| (f.name.clone(), f.type_ref.clone())).collect();
            (i.name.clone(), (i.rust_name.clone(), fields))
        })
        .collect();
    for input in inputs.iter_mut() {
        let Some(target) = input.same_fields_as.take() else { continue };
        let loc = format!("{at}: input type `{}`: `@{SAME_FIELDS_DIRECTIVE}(input: \"{target}\")`", input.name);
        let Some((rust_name, fields)) = shapes.get(&target) else { bail!("{loc}: no input type `{target}`") };
        let own: Vec<(String, String)> = input.fields.iter().map(|f| (f.name.clone(), f.type_ref.clone())).collect();
        if &own != fields {
            bail!("{loc}: the fields differ (names, types and order must be the same)");
        }
        input.same_fields_as = Some(rust_name.clone());
    }
    Ok(())
}

pub fn lower(rel_path: &str, sdl: &str) -> Result<GraphqlIr> {
    let at = rel_path;
    let doc = cynic_parser::parse_type_system_document(sdl)
        .map_err(|e| anyhow::anyhow!("{at}: not a valid GraphQL SDL document: {}", e))?;
    let surface = std::path::Path::new(at).file_stem().unwrap().to_string_lossy().into_owned();

    let mut scalars = Vec::new();
    let mut objects: BTreeMap<String, ObjectDefinition> = BTreeMap::new();
    let mut input_defs: Vec<InputObjectDefinition> = Vec::new();
    let mut order = Vec::new();
    let mut query_type = "Query".to_owned();
    let mut mutation_type = None;
    let mut rust_type_names: BTreeMap<String, String> = BTreeMap::new();
    let mut claim_rust_name = |sdl_name: &str| -> Result<()> {
        let rust = names::type_name(sdl_name);
        if let Some(other) = rust_type_names.insert(rust.clone(), sdl_name.to_owned()) {
            bail!("{at}: types `{other}` and `{sdl_name}` both map to the Rust type `{rust}`");
        }
        Ok(())
    };
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
                claim_rust_name(o.name())?;
                order.push(o.name().to_owned());
            }
            Definition::Type(TypeDefinition::InputObject(i)) => {
                if input_defs.iter().any(|d| d.name() == i.name()) {
                    bail!("{at}: input type `{}` is defined twice", i.name());
                }
                claim_rust_name(i.name())?;
                input_defs.push(i);
            }
            Definition::Schema(s) => {
                for root in s.root_operations() {
                    match root.operation_type() {
                        cynic_parser::common::OperationType::Query => query_type = root.named_type().to_owned(),
                        cynic_parser::common::OperationType::Mutation => {
                            mutation_type = Some(root.named_type().to_owned())
                        }
                        other => bail!("{at}: `{other}` root types are not supported yet"),
                    }
                }
            }
            Definition::Directive(d) if [AREA_DIRECTIVE, SAME_FIELDS_DIRECTIVE].contains(&d.name()) => {}
            Definition::Directive(d) => {
                bail!(
                    "{at}: directive `@{}`: only `@{AREA_DIRECTIVE}` and `@{SAME_FIELDS_DIRECTIVE}` may be defined",
                    d.name()
                )
            }
            Definition::Type(other) => {
                bail!("{at}: type `{}`: only object, input object and scalar types are supported", other.name())
            }
            _ => bail!("{at}: only type definitions are supported (no extensions)"),
        }
    }
    if !objects.contains_key(&query_type) {
        bail!("{at}: the query type `{query_type}` is not defined");
    }
    if let Some(m) = &mutation_type
        && !objects.contains_key(m)
    {
        bail!("{at}: the mutation type `{m}` is not defined");
    }
    let scalar_names: BTreeSet<&str> =
        BUILTIN_SCALARS.iter().copied().chain(scalars.iter().map(|s| s.name.as_str())).collect();
    let input_names: BTreeSet<&str> = input_defs.iter().map(|i| i.name()).collect();
    let kinds = Kinds { scalars: &scalar_names, inputs: &input_names };
    let mut inputs = input_defs.iter().map(|i| lower_input(i, &kinds, at)).collect::<Result<Vec<_>>>()?;
    check_same_fields(&mut inputs, at)?;

    // Payloads: the object types mutations return, held whole. Nothing else may return them.
    let mut payloads = BTreeSet::new();
    let mut embeddable = BTreeSet::new();
    if let Some(m) = &mutation_type {
        for f in objects[m].fields() {
            let named = f.ty().name();
            if !objects.contains_key(named) {
                bail!("{at}: mutation `{}` must return an object type (its payload)", f.name());
            }
            if named == m || *named == query_type {
                bail!("{at}: mutation `{}` must not return a root type", f.name());
            }
            payloads.insert(named.to_owned());
        }
        for payload in &payloads {
            for f in objects[payload].fields() {
                if objects.contains_key(f.ty().name()) {
                    embeddable.insert(f.ty().name().to_owned());
                }
            }
        }
        for (name, obj) in &objects {
            if name == m {
                continue;
            }
            for f in obj.fields() {
                if payloads.contains(f.ty().name()) {
                    bail!(
                        "{at}: field `{name}.{}` returns the mutation payload `{}`: payloads are only returned by mutations",
                        f.name(),
                        f.ty().name()
                    );
                }
            }
        }
    }

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
        let node_rust = object_type(&node_name);
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
    let mut mutation_groups: Vec<QueryGroupIr> = Vec::new();
    let mut args_structs = Vec::new();
    for name in &order {
        if connection_parts.contains(name) {
            continue;
        }
        let obj = &objects[name];
        let is_mutation = mutation_type.as_deref() == Some(name.as_str());
        let is_root = *name == query_type || is_mutation;
        let is_payload = payloads.contains(name);
        let loc = format!("{at}: type `{name}`");
        let mut stored = Vec::new();
        let mut embedded_fields = Vec::new();
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
                if input_names.contains(named) {
                    bail!("{floc}: input type `{named}` cannot be a field's type");
                }
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
            if is_payload && (has_args || connection_parts.contains(named)) {
                bail!("{floc}: fields of a mutation payload take no arguments and are no connections");
            }
            if (is_scalar && !has_args && !is_root) || is_payload {
                let rust_name = field_name(f.name());
                if rust_name == "ext" {
                    bail!("{floc}: `ext` is reserved for the data objects carry for their resolvers");
                }
                if !rust_names.insert(rust_name.clone()) {
                    bail!("{floc}: two fields map to the Rust field `{rust_name}`");
                }
                let embedded = !is_scalar;
                let held = StoredIr {
                    name: f.name().to_owned(),
                    rust_name,
                    rust_type: if embedded {
                        embedded_type(&ty.to_string())
                    } else {
                        rust_type(&ty.to_string(), &scalar_names, &RustType::String)?
                    },
                    doc: names::doc_lines(&field.description.clone().unwrap_or_default()),
                };
                if embedded {
                    embedded_fields.push(held)
                } else {
                    stored.push(held)
                }
                let object = object_type(name);
                let resolver = if embedded { "embedded" } else { "stored" };
                field.resolver_fn = Some(format!("polyshop_runtime_graphql::{resolver}::<{object}>"));
                fields.push(field);
                continue;
            }
            // A resolved field.
            let is_connection =
                connection_parts.contains(named) && connections.iter().any(|c| c.connection.name == named);
            let mut args = Vec::new();
            for a in f.arguments() {
                args.push(lower_arg(&a, is_connection, &kinds, &floc)?);
            }
            let args_struct = if args.is_empty() {
                None
            } else {
                let struct_name = format!("{}{}Args", names::type_name(name), names::type_name(f.name()));
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
                (object_type(named).vec(), "object_list")
            } else if ty.is_non_null() {
                (object_type(named), "object")
            } else {
                (object_type(named).option(), "optional_object")
            };
            // A mutation belongs to the group of its area; a root query field to the group of
            // the type it answers with.
            let resolver_field = if is_mutation {
                let Some(area) = area_of(&f) else {
                    bail!("{floc}: mutations name their area: `@{AREA_DIRECTIVE}(name: \"customers\")`")
                };
                let group_field = format!("{}_mutations", names::field(&area));
                if !mutation_groups.iter().any(|g| g.node == area) {
                    mutation_groups.push(QueryGroupIr {
                        trait_name: format!("{}Mutations", names::type_name(&area)),
                        resolver_field: group_field.clone(),
                        node: area,
                        resolved: Vec::new(),
                    });
                }
                group_field
            } else if is_root {
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
                parent: (!is_root).then(|| object_type(name)),
            };
            field.args = args;
            field.resolved = Some(resolved.clone());
            if let Some(group) = query_groups
                .iter_mut()
                .chain(mutation_groups.iter_mut())
                .find(|g| is_root && g.resolver_field == resolved.resolver_field)
            {
                group.resolved.push(resolved.clone());
            }
            resolved_all.push(resolved);
            fields.push(field);
        }
        if is_root && fields.is_empty() {
            bail!("{loc}: a root type needs fields");
        }
        let snake = names::field(name);
        out.push(ObjectIr {
            name: name.clone(),
            rust_name: names::type_name(name),
            is_mutation,
            embeddable: embeddable.contains(name),
            doc: names::doc_lines(&description(obj.description()).unwrap_or_default()),
            description: description(obj.description()),
            is_root,
            resolver_trait: (!is_root && !resolved_all.is_empty())
                .then(|| format!("{}Resolver", names::type_name(name))),
            uses_resolvers: !resolved_all.is_empty(),
            resolver_field: snake.clone(),
            builder_fn: format!("object_{snake}"),
            stored,
            embedded: embedded_fields,
            fields,
            resolved: resolved_all,
        });
    }

    Ok(GraphqlIr {
        crate_name: format!("polyshop-graphql-{surface}"),
        surface,
        source: at.to_owned(),
        query_type,
        mutation_type,
        scalars,
        inputs,
        objects: out,
        query_groups: {
            query_groups.sort_by(|a, b| a.node.cmp(&b.node));
            query_groups
        },
        mutation_groups: {
            mutation_groups.sort_by(|a, b| a.node.cmp(&b.node));
            mutation_groups
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
    arg_rust_type(ty, &Kinds { scalars, inputs: &BTreeSet::new() }, id)
}

/// [`rust_type`], where input types are allowed too.
fn arg_rust_type(ty: &str, kinds: &Kinds<'_>, id: &RustType) -> Result<RustType> {
    let (inner, non_null) = match ty.strip_suffix('!') {
        Some(t) => (t, true),
        None => (ty, false),
    };
    let base = if let Some(item) = inner.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        arg_rust_type(item, kinds, id)?.vec()
    } else {
        match inner {
            "ID" => id.clone(),
            "String" => RustType::String,
            "Int" => RustType::I64,
            "Boolean" => RustType::Bool,
            other if kinds.scalars.contains(other) => RustType::JsonValue,
            other if kinds.inputs.contains(other) => object_type(other),
            other => bail!("`{other}` is not a scalar"),
        }
    };
    Ok(if non_null { base } else { base.option() })
}

fn lower_arg(a: &InputValueDefinition<'_>, on_connection: bool, kinds: &Kinds<'_>, at: &str) -> Result<ArgIr> {
    let ty = a.ty().to_string();
    let named = a.ty().name();
    if named == "Float" {
        bail!("{at}: argument `{}`: Float is not allowed (money and decimals are exact strings)", a.name());
    }
    if !kinds.scalars.contains(named) && !kinds.inputs.contains(named) {
        bail!("{at}: argument `{}`: `{named}` is neither a scalar nor an input type", a.name());
    }
    let paging = on_connection && ["first", "last", "after", "before"].contains(&a.name());
    if paging && ty != if matches!(a.name(), "first" | "last") { "Int" } else { "String" } {
        bail!("{at}: paging argument `{}` must be `{}`", a.name(), if a.name().len() == 5 { "Int" } else { "String" });
    }
    // IDs accept strings and integers.
    let rust = arg_rust_type(&ty, kinds, &RustType::GraphqlId)?;
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
