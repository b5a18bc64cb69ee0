//! Turning spec names into Rust names.

use heck::{ToPascalCase, ToSnakeCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override",
    "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// A snake_case Rust identifier for `name`; keywords get a trailing underscore (`type_`).
pub fn field(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let mut snake = cleaned.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("n_{snake}");
    }
    if KEYWORDS.contains(&snake.as_str()) {
        snake.push('_');
    }
    snake
}

/// A PascalCase Rust type or variant name for `name`.
pub fn type_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let mut pascal = cleaned.to_pascal_case();
    if pascal.is_empty() || pascal.starts_with(|c: char| c.is_ascii_digit()) {
        pascal = format!("N{pascal}");
    }
    pascal
}

/// Lines of a doc comment (`/// ...`) for `text`, each trimmed; empty text gives nothing.
pub fn doc_lines(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    text.lines().map(|l| l.trim().to_owned()).collect()
}

/// A Rust string literal for `s`.
pub fn literal(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names() {
        assert_eq!(field("oID"), "o_id");
        assert_eq!(field("type"), "type_");
        assert_eq!(field("paymentStatus"), "payment_status");
        assert_eq!(field("id[]"), "id");
        assert_eq!(type_name("order_items"), "OrderItems");
        assert_eq!(type_name("cs:orders:read"), "CsOrdersRead");
    }
}
