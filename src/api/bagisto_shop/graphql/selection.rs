//! What a query selects, read once per request, so resolvers load only what will be shown: a
//! page of products asking for `id sku name price` reads no attribute values.

use std::collections::HashSet;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// The costly parts of a product node, and whether the query selects them anywhere (a product
/// anywhere in the query: the answer is per request, not per field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeNeeds {
    /// `color`, `size`, `brand`: the option values of those attributes.
    pub options: bool,
    /// `superAttributeOptions`: a configurable product's attributes and their options.
    pub super_attributes: bool,
    /// `combinations`: the variant of each combination of options.
    pub combinations: bool,
    /// `isInWishlist`, `isInCompare`: the signed-in customer's lists.
    pub flags: bool,
    /// `description`, `descriptionHtml`, `shortDescription` and the `meta*` texts: copied (and
    /// stripped of markup) per node.
    pub texts: bool,
    /// `formatted*Price`: amounts formatted in the request's currency, six per node.
    pub formatted_prices: bool,
    /// `createdAt`, `updatedAt`: timestamps written in the channel's time zone.
    pub timestamps: bool,
    /// Whose lists the flags read: the customer the request's Bearer token names, set by the
    /// endpoint when the query selects the flags (none for guests: the flags are `"0"`).
    pub shopper: Option<i64>,
}

impl NodeNeeds {
    /// Everything (where the query is not at hand).
    pub const ALL: NodeNeeds = NodeNeeds {
        options: true,
        super_attributes: true,
        combinations: true,
        flags: true,
        texts: true,
        formatted_prices: true,
        timestamps: true,
        shopper: None,
    };

    /// What `query` selects; everything if it does not parse (validation will refuse it).
    pub fn of_query(query: &str) -> NodeNeeds {
        NodeNeeds::of_document(async_graphql::parser::parse_query(query).ok().as_ref())
    }

    /// [`Self::of_query`] of a parsed query (`None`: it did not parse, so everything).
    pub fn of_document(doc: Option<&ExecutableDocument>) -> NodeNeeds {
        let Some(doc) = doc else { return NodeNeeds::ALL };
        let names = selected_names(doc);
        NodeNeeds {
            options: ["color", "size", "brand"].iter().any(|n| names.contains(*n)),
            super_attributes: names.contains("superAttributeOptions"),
            combinations: names.contains("combinations"),
            flags: names.contains("isInWishlist") || names.contains("isInCompare"),
            texts: TEXTS.iter().any(|n| names.contains(*n)),
            formatted_prices: names.iter().any(|n| n.starts_with("formatted")),
            timestamps: names.contains("createdAt") || names.contains("updatedAt"),
            shopper: None,
        }
    }
}

/// The text fields of a product node ([`NodeNeeds::texts`]).
const TEXTS: [&str; 6] =
    ["description", "descriptionHtml", "shortDescription", "metaTitle", "metaKeywords", "metaDescription"];

/// The name of every field selected anywhere in `doc` (operations and fragments).
fn selected_names(doc: &ExecutableDocument) -> HashSet<String> {
    fn walk(set: &SelectionSet, out: &mut HashSet<String>) {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    out.insert(f.node.name.node.to_string());
                    walk(&f.node.selection_set.node, out);
                }
                Selection::InlineFragment(f) => walk(&f.node.selection_set.node, out),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
    let mut out = HashSet::new();
    for (_, op) in doc.operations.iter() {
        walk(&op.node.selection_set.node, &mut out);
    }
    for fragment in doc.fragments.values() {
        walk(&fragment.node.selection_set.node, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_query_selects() {
        let none = NodeNeeds {
            options: false,
            super_attributes: false,
            combinations: false,
            flags: false,
            texts: false,
            formatted_prices: false,
            timestamps: false,
            shopper: None,
        };
        assert_eq!(NodeNeeds::of_query("{ products(first: 2) { edges { node { id sku price } } } }"), none);
        let q =
            "{ product(id: 1) { ...P } } fragment P on Product { color variants { edges { node { combinations } } } }";
        assert_eq!(NodeNeeds::of_query(q), NodeNeeds { options: true, combinations: true, ..none });
        assert_eq!(
            NodeNeeds::of_query("{ products { edges { node { isInCompare } } } }"),
            NodeNeeds { flags: true, ..none }
        );
        assert_eq!(
            NodeNeeds::of_query("{ products { edges { node { metaTitle formattedPrice updatedAt } } } }"),
            NodeNeeds { texts: true, formatted_prices: true, timestamps: true, ..none }
        );
        assert_eq!(NodeNeeds::of_query("{ product("), NodeNeeds::ALL);
    }
}
