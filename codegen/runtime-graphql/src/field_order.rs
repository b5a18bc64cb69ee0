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

use std::collections::HashMap;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use serde_json::{Map, Value};

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
        reorder(doc, &[&op.node.selection_set.node], data);
    }
}

fn reorder(doc: &ExecutableDocument, sets: &[&SelectionSet], value: &mut Value) {
    match value {
        // The items of a list share their selection: it is read once for all of them.
        Value::Array(items) => {
            let mut plan = None;
            for item in items.iter_mut() {
                match item {
                    Value::Object(fields) => apply(doc, plan.get_or_insert_with(|| Plan::of(doc, sets)), fields),
                    other => reorder(doc, sets, other),
                }
            }
        }
        Value::Object(fields) => apply(doc, &Plan::of(doc, sets), fields),
        _ => {}
    }
}

/// What the selection sets of one object ask for: its response keys in order, each key's
/// sub-selections, and the keys that may be left out on purpose.
struct Plan<'a> {
    order: Vec<String>,
    nested: HashMap<String, Vec<&'a SelectionSet>>,
    conditional: Vec<String>,
}

impl<'a> Plan<'a> {
    fn of(doc: &'a ExecutableDocument, sets: &[&'a SelectionSet]) -> Self {
        let mut plan = Plan { order: Vec::new(), nested: HashMap::new(), conditional: Vec::new() };
        for set in sets {
            collect(doc, set, &mut plan.order, &mut plan.nested, &mut plan.conditional);
        }
        plan
    }
}

/// Puts `fields` in the order of `plan`, recursively.
fn apply(doc: &ExecutableDocument, plan: &Plan<'_>, fields: &mut Map<String, Value>) {
    let mut old = std::mem::take(fields);
    let mut ordered = Map::with_capacity(old.len());
    for key in &plan.order {
        if let Some(mut v) = old.remove(key) {
            reorder(doc, plan.nested.get(key).map(Vec::as_slice).unwrap_or_default(), &mut v);
            ordered.insert(key.clone(), v);
        } else if !plan.conditional.contains(key) {
            ordered.insert(key.clone(), Value::Null);
        }
    }
    // Anything the selection does not name (none in practice) keeps its place at the end.
    ordered.extend(old);
    *fields = ordered;
}

/// The response keys `set` selects, in order, through fragments, with each key's sub-selections.
fn collect<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    order: &mut Vec<String>,
    nested: &mut HashMap<String, Vec<&'a SelectionSet>>,
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
                    Vec::new()
                });
                subs.push(&field.node.selection_set.node);
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
    use serde_json::json;

    use super::order_as_selected;

    #[test]
    fn orders_fields_aliases_and_fragments_as_selected() {
        let query = "query Q { b: product { sku ...F } a { x } } fragment F on Product { variants { z y } id }";
        let mut data = json!({
            "a": {"x": 1},
            "b": [{"id": 1, "variants": [{"y": 1, "z": 2}], "sku": "S"}, {"variants": null, "sku": "T", "id": 2}]
        });
        order_as_selected(query, Some("Q"), &mut data);
        assert_eq!(
            serde_json::to_string(&data).unwrap(),
            r#"{"b":[{"sku":"S","variants":[{"z":2,"y":1}],"id":1},{"sku":"T","variants":null,"id":2}],"a":{"x":1}}"#
        );
    }

    #[test]
    fn failed_fields_answer_null_unless_conditional() {
        let query = "{ a b { c d } e @skip(if: true) ... @include(if: false) { f } }";
        let mut data = json!({"b": [{"c": 1}]});
        order_as_selected(query, None, &mut data);
        assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"a":null,"b":[{"c":1,"d":null}]}"#);
    }
}
