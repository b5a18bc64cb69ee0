//! Puts the fields of a GraphQL answer in the order the query selects them.
//!
//! The spec serializes objects "ordered by the order in which they appear in the query";
//! async-graphql 7 inserts an object's fields in the order they finish resolving
//! (async-graphql#612), which depends on the database's timing. Clients that compare answers,
//! and our snapshots, need the spec's order.

use std::collections::HashMap;

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, Selection, SelectionSet};
use serde_json::{Map, Value};

/// Reorders `data` (the answer's `data`) as the operation `operation_name` of `query` selects
/// it. A query that does not parse, or names no operation of its document, is left alone (it
/// has no data anyway).
pub fn order_as_selected(query: &str, operation_name: Option<&str>, data: &mut Value) {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return;
    };
    let operation = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    if let Some(op) = operation {
        reorder(&doc, &[&op.node.selection_set.node], data);
    }
}

fn reorder(doc: &ExecutableDocument, sets: &[&SelectionSet], value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| reorder(doc, sets, item)),
        Value::Object(fields) => {
            let mut order = Vec::new();
            let mut nested: HashMap<String, Vec<&SelectionSet>> = HashMap::new();
            for set in sets {
                collect(doc, set, &mut order, &mut nested);
            }
            let mut old = std::mem::take(fields);
            let mut ordered = Map::with_capacity(old.len());
            for key in order {
                if let Some(mut v) = old.remove(&key) {
                    reorder(doc, nested.get(&key).map(Vec::as_slice).unwrap_or_default(), &mut v);
                    ordered.insert(key, v);
                }
            }
            // Anything the selection does not name (none in practice) keeps its place at the end.
            ordered.extend(old);
            *fields = ordered;
        }
        _ => {}
    }
}

/// The response keys `set` selects, in order, through fragments, with each key's sub-selections.
fn collect<'a>(
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    order: &mut Vec<String>,
    nested: &mut HashMap<String, Vec<&'a SelectionSet>>,
) {
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.to_string();
                let subs = nested.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    Vec::new()
                });
                subs.push(&field.node.selection_set.node);
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = doc.fragments.get(&spread.node.fragment_name.node) {
                    collect(doc, &fragment.node.selection_set.node, order, nested);
                }
            }
            Selection::InlineFragment(inline) => collect(doc, &inline.node.selection_set.node, order, nested),
        }
    }
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
}
