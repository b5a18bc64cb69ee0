//! GraphQL's `Int` is 32 bits wide, but async-graphql's validation accepts any 64-bit integer
//! for it and refuses a wider one only when a resolver reads the argument: under a null parent
//! (`product(id: "missing") { images(first: 9999999999) }`) nothing reads it and the request
//! passes. This check runs before execution, over the whole query: every `Int` written in an
//! argument (also inside input objects and lists) or sent in a variable declared `Int` must fit
//! 32 bits. It learns which arguments are `Int`s from the schema's SDL, once.

use std::collections::{HashMap, HashSet};

use async_graphql::{
    Name, Positioned, Value as ConstValue, Variables,
    parser::types::{
        BaseType, ExecutableDocument, FragmentDefinition, Selection, SelectionSet, Type, TypeKind, TypeSystemDefinition,
    },
};

/// The argument and input field types of a schema, for [`Index::out_of_range`].
#[derive(Debug, Default)]
pub struct Index {
    query_type: String,
    mutation_type: String,
    /// (type, field) → (the named type it returns, its arguments' types).
    fields: HashMap<(String, String), (String, HashMap<String, Type>)>,
    /// input object → its fields' types.
    inputs: HashMap<String, HashMap<String, Type>>,
}

impl Index {
    /// The index of the schema `sdl` describes, whose root query type is `query_type`.
    pub fn from_sdl(sdl: &str, query_type: &str) -> Index {
        let mut index =
            Index { query_type: query_type.to_owned(), mutation_type: "Mutation".to_owned(), ..Index::default() };
        let Ok(doc) = async_graphql::parser::parse_schema(sdl) else { return index };
        for def in doc.definitions {
            if let TypeSystemDefinition::Schema(schema) = &def
                && let Some(mutation) = &schema.node.mutation
            {
                index.mutation_type = mutation.node.to_string();
            }
            let TypeSystemDefinition::Type(ty) = def else { continue };
            let name = ty.node.name.node.to_string();
            let fields = match ty.node.kind {
                TypeKind::Object(o) => o.fields,
                TypeKind::Interface(i) => i.fields,
                TypeKind::InputObject(input) => {
                    let fields = input.fields.into_iter().map(|f| (f.node.name.node.to_string(), f.node.ty.node));
                    index.inputs.insert(name, fields.collect());
                    continue;
                }
                _ => continue,
            };
            for field in fields {
                let args = field.node.arguments.into_iter().map(|a| (a.node.name.node.to_string(), a.node.ty.node));
                let returns = named(&field.node.ty.node).to_owned();
                index.fields.insert((name.clone(), field.node.name.node.to_string()), (returns, args.collect()));
            }
        }
        index
    }

    /// Why `query` (with `variables`) holds an `Int` beyond 32 bits, if it does. Unparsable
    /// queries pass: validation reports them.
    pub fn out_of_range(&self, query: &str, variables: &Variables) -> Option<String> {
        let doc: ExecutableDocument = async_graphql::parser::parse_query(query).ok()?;
        self.out_of_range_in(&doc, variables)
    }

    /// [`Self::out_of_range`] of a parsed document.
    pub fn out_of_range_in(&self, doc: &ExecutableDocument, variables: &Variables) -> Option<String> {
        let walk = Walk { index: self, fragments: &doc.fragments, seen: HashSet::new() };
        let mut walk = walk;
        for (_, op) in doc.operations.iter() {
            for var in &op.node.variable_definitions {
                let name = &var.node.name.node;
                if let Some(value) = variables.get(name)
                    && let Some(problem) = self.check(&var.node.var_type.node, value)
                {
                    return Some(format!("Invalid value for variable \"${name}\": {problem}"));
                }
            }
            let root = match op.node.ty {
                async_graphql::parser::types::OperationType::Mutation => &self.mutation_type,
                _ => &self.query_type,
            };
            if let Some(problem) = walk.set(root, &op.node.selection_set.node) {
                return Some(problem);
            }
        }
        None
    }

    /// Whether `value`, of type `ty`, holds an `Int` beyond 32 bits.
    fn check(&self, ty: &Type, value: &ConstValue) -> Option<String> {
        match (&ty.base, value) {
            (BaseType::List(inner), ConstValue::List(items)) => items.iter().find_map(|v| self.check(inner, v)),
            (BaseType::List(inner), single) => self.check(inner, single),
            (BaseType::Named(name), ConstValue::Number(n)) if name.as_str() == "Int" => {
                let fits = n.as_i64().is_some_and(|n| i32::try_from(n).is_ok());
                (!fits).then(|| {
                    format!("{n} is not an Int: only integers from {} to {} are accepted.", i32::MIN, i32::MAX)
                })
            }
            (BaseType::Named(name), ConstValue::Object(fields)) => {
                let declared = self.inputs.get(name.as_str())?;
                fields.iter().find_map(|(k, v)| declared.get(k.as_str()).and_then(|t| self.check(t, v)))
            }
            _ => None,
        }
    }
}

fn named(ty: &Type) -> &str {
    match &ty.base {
        BaseType::Named(name) => name.as_str(),
        BaseType::List(inner) => named(inner),
    }
}

struct Walk<'a> {
    index: &'a Index,
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    /// Fragments already walked (each is checked once; cycles end here, validation reports them).
    seen: HashSet<&'a str>,
}

impl<'a> Walk<'a> {
    fn set(&mut self, on: &str, set: &'a SelectionSet) -> Option<String> {
        for item in &set.items {
            let problem = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let Some((returns, args)) = self.index.fields.get(&(on.to_owned(), field.name.node.to_string()))
                    else {
                        continue;
                    };
                    let literal = field.arguments.iter().find_map(|(name, value)| {
                        let ty = args.get(name.node.as_str())?;
                        // Variables were checked with their values; literals here.
                        let value = value.node.clone().into_const()?;
                        let problem = self.index.check(ty, &value)?;
                        Some(format!(
                            "Invalid value for argument \"{}\" of \"{}\": {problem}",
                            name.node, field.name.node
                        ))
                    });
                    literal.or_else(|| self.set(returns, &field.selection_set.node))
                }
                Selection::InlineFragment(fragment) => {
                    let on = fragment.node.type_condition.as_ref().map_or(on, |c| c.node.on.node.as_str());
                    self.set(on, &fragment.node.selection_set.node)
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    match self.fragments.get(name) {
                        Some(def) if self.seen.insert(name) => {
                            self.set(def.node.type_condition.node.on.node.as_str(), &def.node.selection_set.node)
                        }
                        _ => None,
                    }
                }
            };
            if problem.is_some() {
                return problem;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = "schema { query: Query mutation: M }
        type Query { p(id: ID): P, ps(first: Int, f: F): [P] }
        type M { save(input: F!): P }
        type P { images(first: Int, ids: [Int!]): [String] }
        input F { n: Int, inner: F }";

    fn refused(query: &str, variables: serde_json::Value) -> bool {
        let index = Index::from_sdl(SDL, "Query");
        let variables = Variables::from_json(variables);
        index.out_of_range(query, &variables).is_some()
    }

    #[test]
    fn ints_beyond_32_bits_are_found_wherever_they_are_written() {
        let none = serde_json::json!({});
        assert!(!refused("{ p(id: 1) { images(first: 2147483647) } }", none.clone()));
        assert!(refused("{ p(id: 1) { images(first: 2147483648) } }", none.clone()));
        assert!(refused("{ p { images(ids: [1, -2147483649]) } }", none.clone()));
        assert!(refused("{ ps(f: {inner: {n: 4294967296}}) { __typename } }", none.clone()));
        assert!(refused("{ ...A } fragment A on Query { p { ... on P { images(first: 1e10) } } }", none.clone()));
        assert!(!refused("{ p(id: 99999999999) { __typename } }", none.clone()), "an ID may be any number");
        assert!(refused("query($n: Int) { ps(first: $n) { __typename } }", serde_json::json!({"n": 1_i64 << 40})));
        assert!(refused("query($f: F) { ps(f: $f) { __typename } }", serde_json::json!({"f": {"n": 1_i64 << 40}})));
        assert!(!refused("query($n: Int) { ps(first: $n) { __typename } }", serde_json::json!({"n": 5})));
        assert!(refused("mutation { save(input: {n: 4294967296}) { __typename } }", none.clone()));
        assert!(!refused("mutation { save(input: {n: 7}) { images(first: 2) } }", none.clone()));
        assert!(!refused("{ ...A } fragment A on Query { ...A }", none));
    }
}
