//! Puts the fields of a GraphQL answer in the order the query selects them, and answers a
//! field whose resolver failed with `null`.
//!
//! The spec serializes objects "ordered by the order in which they appear in the query";
//! async-graphql 7 inserts an object's fields in the order they finish resolving
//! (async-graphql#612), which depends on the database's timing. Clients that compare answers,
//! and our snapshots, need the spec's order. Its dynamic schema also leaves a failed nullable
//! field out of the object instead of answering it `null` beside its error, as the spec says
//! (and clients reading `data.customer` expect); a selected field that is missing is put back
//! as `null`, unless it is conditional (`@skip`, `@include`) and may have been left out on
//! purpose.

use std::{cell::OnceCell, collections::HashMap};

use async_graphql::{
    Name, Value,
    indexmap::IndexMap,
    parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet},
};

/// Reorders `data` (the answer's `data`) as the operation `operation_name` of `query` selects
/// it. A query that does not parse, or names no operation of its document, is left alone (it
/// has no data anyway).
pub fn order_as_selected(query: &str, operation_name: Option<&str>, data: &mut Value) {
    if let Ok(doc) = async_graphql::parser::parse_query(query) {
        order_as_selected_in(&doc, operation_name, data);
    }
}

/// [`order_as_selected`] with the query's parsed document.
pub fn order_as_selected_in(doc: &ExecutableDocument, operation_name: Option<&str>, data: &mut Value) {
    let operation = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    if let Some(op) = operation {
        reorder(doc, &Plan::of(doc, vec![&op.node.selection_set.node]), data);
    }
}

/// Puts every object of `value` (an object, or a list of them, at any depth) in the order of
/// `plan`. The items of a list share their plan, and so do their sub-objects: each selection
/// is read once per answer, not once per object.
fn reorder<'a>(doc: &'a ExecutableDocument, plan: &Plan<'a>, value: &mut Value) {
    match value {
        Value::List(items) => items.iter_mut().for_each(|item| reorder(doc, plan, item)),
        Value::Object(fields) => apply(doc, plan, fields),
        _ => {}
    }
}

/// What the selection sets of one object ask for: its response keys in order, each key's
/// sub-selections (and their plan, made when an answer first holds an object there), and the
/// keys that may be left out on purpose.
struct Plan<'a> {
    order: Vec<String>,
    nested: HashMap<String, Nested<'a>>,
    conditional: Vec<String>,
}

#[derive(Default)]
struct Nested<'a> {
    sets: Vec<&'a SelectionSet>,
    plan: OnceCell<Plan<'a>>,
}

impl<'a> Plan<'a> {
    fn of(doc: &'a ExecutableDocument, sets: Vec<&'a SelectionSet>) -> Self {
        let mut plan = Plan { order: Vec::new(), nested: HashMap::new(), conditional: Vec::new() };
        for set in sets {
            collect(doc, set, &mut plan.order, &mut plan.nested, &mut plan.conditional);
        }
        plan
    }

    /// The plan of the objects under `key`.
    fn under(&self, doc: &'a ExecutableDocument, key: &str) -> Option<&Plan<'a>> {
        let nested = self.nested.get(key)?;
        Some(nested.plan.get_or_init(|| Plan::of(doc, nested.sets.clone())))
    }
}

/// Puts `fields` in the order of `plan`, recursively. Objects whose fields already came in
/// that order (most do) are only walked, not rebuilt.
fn apply<'a>(doc: &'a ExecutableDocument, plan: &Plan<'a>, fields: &mut IndexMap<Name, Value>) {
    let in_order = fields.len() == plan.order.len() && fields.keys().zip(&plan.order).all(|(k, o)| k.as_str() == o);
    if !in_order {
        let mut old = std::mem::take(fields);
        let mut ordered = IndexMap::with_capacity(old.len());
        for key in &plan.order {
            if let Some((name, v)) = old.shift_remove_entry(key.as_str()) {
                ordered.insert(name, v);
            } else if !plan.conditional.contains(key) {
                ordered.insert(Name::new(key), Value::Null);
            }
        }
        // Anything the selection does not name (none in practice) keeps its place at the end.
        ordered.extend(old);
        *fields = ordered;
    }
    for (key, v) in fields.iter_mut() {
        if matches!(v, Value::Object(_) | Value::List(_))
            && let Some(sub) = plan.under(doc, key.as_str())
        {
            reorder(doc, sub, v);
        }
    }
}

/// The response keys `set` selects, in order, through fragments, with each key's sub-selections.
fn collect<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    order: &mut Vec<String>,
    nested: &mut HashMap<String, Nested<'a>>,
    conditional: &mut Vec<String>,
) {
    let has_condition = |directives: &[async_graphql::Positioned<async_graphql::parser::types::Directive>]| {
        directives.iter().any(|d| matches!(d.node.name.node.as_str(), "skip" | "include"))
    };
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.to_string();
                if has_condition(&field.node.directives) {
                    conditional.push(key.clone());
                }
                let subs = nested.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    Nested::default()
                });
                subs.sets.push(&field.node.selection_set.node);
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    let mut inner = Vec::new();
                    collect(doc, &fragment.node.selection_set.node, order, nested, &mut inner);
                    if has_condition(&spread.node.directives) || has_condition(&fragment.node.directives) {
                        inner.extend(fragment_keys(&fragment.node.selection_set.node));
                    }
                    conditional.extend(inner);
                }
            }
            Selection::InlineFragment(inline) => {
                let mut inner = Vec::new();
                collect(doc, &inline.node.selection_set.node, order, nested, &mut inner);
                if has_condition(&inline.node.directives) {
                    inner.extend(fragment_keys(&inline.node.selection_set.node));
                }
                conditional.extend(inner);
            }
        }
    }
}

/// The response keys a fragment's own selection set selects (conditional as a whole when the
/// fragment is).
fn fragment_keys(set: &SelectionSet) -> Vec<String> {
    set.items
        .iter()
        .filter_map(|item| match &item.node {
            Selection::Field(field) => Some(field.node.response_key().node.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use async_graphql::Value;
    use serde_json::json;

    use super::order_as_selected;

    fn ordered(query: &str, operation: Option<&str>, data: serde_json::Value) -> String {
        let mut data = Value::from_json(data).unwrap();
        order_as_selected(query, operation, &mut data);
        serde_json::to_string(&data).unwrap()
    }

    #[test]
    fn orders_fields_aliases_and_fragments_as_selected() {
        let query = "query Q { b: product { sku ...F } a { x } } fragment F on Product { variants { z y } id }";
        let data = json!({
            "a": {"x": 1},
            "b": [{"id": 1, "variants": [{"y": 1, "z": 2}], "sku": "S"}, {"variants": null, "sku": "T", "id": 2}]
        });
        assert_eq!(
            ordered(query, Some("Q"), data),
            r#"{"b":[{"sku":"S","variants":[{"z":2,"y":1}],"id":1},{"sku":"T","variants":null,"id":2}],"a":{"x":1}}"#
        );
    }

    #[test]
    fn objects_in_order_are_walked_into() {
        // The outer objects are in order; only the nested ones are not.
        let query = "{ edges { node { id sku } } }";
        let data = json!({"edges": [{"node": {"id": 1, "sku": "A"}}, {"node": {"sku": "B", "id": 2}}]});
        assert_eq!(
            ordered(query, None, data),
            r#"{"edges":[{"node":{"id":1,"sku":"A"}},{"node":{"id":2,"sku":"B"}}]}"#
        );
    }

    #[test]
    fn failed_fields_answer_null_unless_conditional() {
        let query = "{ a b { c d } e @skip(if: true) ... @include(if: false) { f } }";
        let data = json!({"b": [{"c": 1}]});
        assert_eq!(ordered(query, None, data), r#"{"a":null,"b":[{"c":1,"d":null}]}"#);
    }
}
