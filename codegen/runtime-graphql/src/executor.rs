//! Running GraphQL requests over HTTP: reading a request body (one operation or a batch),
//! executing the operations so that data loaders batch deterministically, and answering in
//! GraphQL's error shape when a request cannot run at all. The surface keeps what is its own:
//! authentication, the request data its resolvers read, its loaders.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use async_graphql::{dynamic::Schema, parser::types::ExecutableDocument};
use poem::{IntoResponse, Response, http::StatusCode};
use serde_json::{Value, json};

use super::{field_order, int_range, loaders};

/// One `{query, variables, operationName}` of a request body, with its query parsed once for
/// every step that reads it (limits, introspection, the surface's look at what is selected,
/// execution, field order); `None` when it does not parse (execution then reports why).
pub struct Operation {
    pub query: String,
    pub variables: async_graphql::Variables,
    pub operation_name: Option<String>,
    pub document: Option<Arc<ExecutableDocument>>,
}

/// The operations of a request body and whether it was a batch (a JSON array of operations,
/// answered with an array), or why the body cannot run at all (answer it with a 400:
/// [`error`]). Each operation selects at most `max_fields` fields once its fragments are
/// expanded ([`expanded_fields`]).
pub fn read_body(body: &[u8], max_batch: usize, max_fields: usize) -> Result<(Vec<Operation>, bool), String> {
    let parsed: Value = serde_json::from_slice(body).map_err(|e| format!("The request body is not JSON: {e}"))?;
    if carries_nul(&parsed) {
        return Err("Text must not contain a NUL character.".to_owned());
    }
    let (items, batch) = match parsed {
        Value::Array(items) if items.len() > max_batch => {
            return Err(format!("A batch holds at most {max_batch} operations, this one {}.", items.len()));
        }
        Value::Array(items) if items.is_empty() => return Err("The batch is empty.".to_owned()),
        Value::Array(items) => (items, true),
        other => (vec![other], false),
    };
    let operations = items.iter().map(operation).collect::<Result<Vec<_>, _>>()?;
    for op in &operations {
        let fields = op.document.as_ref().map_or(0, |doc| expanded_fields_in(doc, max_fields));
        if fields > max_fields {
            return Err(format!(
                "The query selects more than {max_fields} fields once its fragments are expanded; select fewer."
            ));
        }
    }
    Ok((operations, batch))
}

/// Whether any text of the body (the query, a variable, a key) holds a NUL character, sent
/// in the JSON or as a GraphQL `\u0000` escape in the query: PostgreSQL refuses NUL in text
/// columns and SQLite compares strings up to it, so it never reaches a resolver.
fn carries_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0') || s.to_ascii_lowercase().contains("\\u0000"),
        Value::Array(items) => items.iter().any(carries_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || carries_nul(v)),
        _ => false,
    }
}

/// How many fields `query` selects with every fragment spread expanded, counted up to just past
/// `limit`. Validation (depth, complexity) walks the expanded query, so fragments that spread
/// each other twice over 22 levels cost seconds before a complexity limit refuses them; this
/// counts each fragment once (memoized) and stops at the limit. Unparsable queries and fragment
/// cycles count 0 here: validation reports them.
pub fn expanded_fields(query: &str, limit: usize) -> usize {
    async_graphql::parser::parse_query(query).map_or(0, |doc| expanded_fields_in(&doc, limit))
}

/// [`expanded_fields`] of a parsed document.
pub fn expanded_fields_in(doc: &ExecutableDocument, limit: usize) -> usize {
    use std::collections::HashMap;

    use async_graphql::parser::types::{FragmentDefinition, Selection, SelectionSet};

    struct Counter<'a> {
        fragments: &'a HashMap<async_graphql::Name, async_graphql::Positioned<FragmentDefinition>>,
        memo: HashMap<&'a str, usize>,
        visiting: Vec<&'a str>,
        limit: usize,
    }
    impl<'a> Counter<'a> {
        fn set(&mut self, set: &'a SelectionSet) -> usize {
            let mut total = 0_usize;
            for item in &set.items {
                let n = match &item.node {
                    Selection::Field(f) => 1_usize.saturating_add(self.set(&f.node.selection_set.node)),
                    Selection::InlineFragment(i) => self.set(&i.node.selection_set.node),
                    Selection::FragmentSpread(s) => self.fragment(s.node.fragment_name.node.as_str()),
                };
                total = total.saturating_add(n);
                if total > self.limit {
                    break;
                }
            }
            total
        }

        fn fragment(&mut self, name: &'a str) -> usize {
            if let Some(n) = self.memo.get(name) {
                return *n;
            }
            let Some(definition) = self.fragments.get(name) else { return 0 };
            if self.visiting.contains(&name) {
                return 0;
            }
            self.visiting.push(name);
            let n = self.set(&definition.node.selection_set.node);
            self.visiting.pop();
            self.memo.insert(name, n);
            n
        }
    }

    let mut counter = Counter { fragments: &doc.fragments, memo: HashMap::new(), visiting: Vec::new(), limit };
    let mut total = 0_usize;
    for (_, op) in doc.operations.iter() {
        total = total.saturating_add(counter.set(&op.node.selection_set.node));
    }
    total
}

/// One `{query, variables, operationName}` object.
fn operation(v: &Value) -> Result<Operation, String> {
    let Some(query) = v.get("query").and_then(Value::as_str) else {
        return Err("Each operation needs a `query` string.".to_owned());
    };
    let variables = match v.get("variables") {
        None | Some(Value::Null) => async_graphql::Variables::default(),
        Some(vars @ Value::Object(_)) => super::variables_from_json(vars),
        Some(_) => return Err("`variables` must be an object.".to_owned()),
    };
    let operation_name = v.get("operationName").and_then(Value::as_str).map(str::to_owned);
    let document = parsed(query);
    Ok(Operation { query: query.to_owned(), variables, operation_name, document })
}

/// The parsed document of `query`, kept per query text: clients send the same few queries
/// again and again, and parsing one costs more than copying its document. Documents that do
/// not parse are not kept (execution reports why), nor are long queries; when the store is
/// full it starts again empty.
fn parsed(query: &str) -> Option<Arc<ExecutableDocument>> {
    const KEPT_DOCUMENTS: usize = 256;
    const KEPT_QUERY_BYTES: usize = 8 * 1024;
    static KEPT: Mutex<Option<HashMap<String, Arc<ExecutableDocument>>>> = Mutex::new(None);
    if let Some(doc) = KEPT.lock().ok().and_then(|k| k.as_ref()?.get(query).cloned()) {
        return Some(doc);
    }
    let doc = Arc::new(async_graphql::parser::parse_query(query).ok()?);
    if query.len() <= KEPT_QUERY_BYTES
        && let Ok(mut guard) = KEPT.lock()
    {
        let store = guard.get_or_insert_with(HashMap::new);
        if store.len() >= KEPT_DOCUMENTS {
            store.clear();
        }
        store.insert(query.to_owned(), doc.clone());
    }
    Some(doc)
}

/// Whether every root field the query selects is `__schema`, `__type` or `__typename`.
pub fn is_introspection(query: &str) -> bool {
    async_graphql::parser::parse_query(query).is_ok_and(|doc| is_introspection_in(&doc))
}

/// [`is_introspection`] of a parsed document.
pub fn is_introspection_in(doc: &ExecutableDocument) -> bool {
    use async_graphql::parser::types::Selection;
    let introspective = |set: &async_graphql::parser::types::SelectionSet| {
        set.items.iter().all(|s| match &s.node {
            Selection::Field(f) => f.node.name.node.starts_with("__"),
            _ => false,
        })
    };
    doc.operations.iter().all(|(_, op)| introspective(&op.node.selection_set.node))
}

/// A request the GraphQL layer cannot run at all, as a GraphQL error body.
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = polyshop_runtime::ErrorStyle::GraphQl.body(status, &[message.to_owned()]);
    poem::web::Json(body).with_status(status).into_response()
}

/// A schema ready to serve: with the index of its `Int` arguments ([`int_range`]), built once.
#[derive(Clone)]
pub struct PreparedSchema {
    pub schema: Schema,
    ints: Arc<int_range::Index>,
}

impl PreparedSchema {
    /// `schema` with the index of its `Int` arguments (those of `query_type` and below), kept in
    /// `kept` for the process: a schema generated from one SDL has the same `Int` arguments
    /// whichever state its resolvers hold, and reading its SDL again is most of what building an
    /// app costs (every test builds one).
    pub fn with_kept_index(schema: Schema, query_type: &str, kept: &OnceLock<Arc<int_range::Index>>) -> Self {
        let ints = kept.get_or_init(|| Arc::new(int_range::Index::from_sdl(&schema.sdl(), query_type))).clone();
        PreparedSchema { schema, ints }
    }
}

/// Runs `requests`, each with the batches of its loaders (`loaders::Polled`): they run one at a
/// time, each once the execution has run on the results of the one before, so a batch holds
/// every key the execution can reach by then. Batching then does not depend on timing: a page
/// of N products costs the same queries for every N. Each answer's fields are in the order the
/// query selects them (`field_order`), and each answer comes serialized (JSON), straight from
/// the execution's values. A request's document, when given, is the parsed form of its query:
/// nothing parses it again.
pub async fn execute(
    prepared: &PreparedSchema,
    requests: Vec<(async_graphql::Request, Option<Arc<ExecutableDocument>>, Arc<loaders::Waves>)>,
) -> Vec<Vec<u8>> {
    let PreparedSchema { schema, ints } = prepared;
    let mut answers = Vec::new();
    for (mut request, document, waves) in requests {
        if let Some(doc) = &document {
            if let Some(problem) = ints.out_of_range_in(doc, &request.variables) {
                let answer =
                    json!({"errors": [{"message": problem, "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]});
                answers.push(answer.to_string().into_bytes());
                continue;
            }
            request.set_parsed_query(ExecutableDocument::clone(doc));
        }
        let operation_name = request.operation_name.clone();
        // Unconstrained: tokio's cooperative budget would otherwise make the execution yield
        // mid-level after ~128 channel polls, and split that level's batches.
        let mut response = tokio::task::unconstrained(loaders::Polled::new(schema.execute(request), waves)).await;
        if let Some(doc) = &document {
            field_order::order_as_selected_in(doc, operation_name.as_deref(), &mut response.data);
        }
        let answer = serde_json::to_vec(&response)
            .unwrap_or_else(|e| json!({"errors": [{"message": e.to_string()}]}).to_string().into_bytes());
        answers.push(answer);
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_characters_never_reach_a_resolver() {
        for bad in [
            &br#"{"query": "mutation($n: String) { a(n: $n) }", "variables": {"n": "x\u0000y"}}"#[..],
            br#"{"query": "{ a(n: \"x\\u0000\") }"}"#,
            br#"{"query": "{ a }", "variables": {"k\u0000": 1}}"#,
            br#"[{"query": "{ a }"}, {"query": "{ b(n: [\"\u0000\"]) }"}]"#,
        ] {
            assert_eq!(read_body(bad, 2, 100).err().as_deref(), Some("Text must not contain a NUL character."));
        }
        assert!(read_body(br#"{"query": "{ a(n: \"x\\u0041\") }"}"#, 2, 100).is_ok());
    }

    #[test]
    fn bodies_hold_one_operation_or_a_bounded_batch() {
        let (ops, batch) = read_body(br#"{"query": "{ a }", "operationName": "A"}"#, 2, 100).ok().unwrap();
        assert!(!batch);
        assert_eq!((ops[0].query.as_str(), ops[0].operation_name.as_deref()), ("{ a }", Some("A")));
        let (ops, batch) = read_body(br#"[{"query": "{ a }"}, {"query": "{ b }"}]"#, 2, 100).ok().unwrap();
        assert!(batch && ops.len() == 2);
        for bad in
            [&br#"[{"query": "{ a }"}, {"query": "{ b }"}, {"query": "{ c }"}]"#[..], b"[]", b"{", br#"{"q": 1}"#]
        {
            assert!(read_body(bad, 2, 100).is_err());
        }
        let vars = read_body(br#"{"query": "{ a }", "variables": 3}"#, 2, 100).err().unwrap();
        assert_eq!(vars, "`variables` must be an object.");
    }

    #[test]
    fn fragments_are_counted_expanded_without_expanding_them() {
        assert_eq!(expanded_fields("{ a b { c d } }", 100), 4);
        assert_eq!(expanded_fields("query { ...F ...F } fragment F on Q { a b }", 100), 4);
        // Each level doubles: 2^30 fields in a few hundred bytes, counted at once.
        let mut query = String::from("query { ...F0 }");
        for i in 0..30 {
            query.push_str(&format!(" fragment F{i} on Q {{ a: x {{ ...F{n} }} b: x {{ ...F{n} }} }}", n = i + 1));
        }
        query.push_str(" fragment F30 on Q { leaf }");
        assert!(expanded_fields(&query, 10_000) > 10_000);
        let err = read_body(serde_json::json!({ "query": query }).to_string().as_bytes(), 1, 10_000).err().unwrap();
        assert!(err.contains("more than 10000 fields"), "{err}");
        // Cycles and unparsable queries are validation's to report.
        assert_eq!(expanded_fields("{ ...A } fragment A on Q { ...A }", 100), 0);
        assert_eq!(expanded_fields("{ a", 100), 0);
    }

    #[test]
    fn introspection_is_only_double_underscore_fields() {
        assert!(is_introspection("{ __schema { types { name } } }"));
        assert!(!is_introspection("{ __typename products { id } }"));
        assert!(!is_introspection("not graphql"));
    }
}
