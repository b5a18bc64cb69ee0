//! No import cycle between the files of a hand-written crate (ARCHITECTURE.md): a module that
//! uses another (`use super::records::X`, `crate::sales::status`, a call `store::find(..)`)
//! depends on its file, and the dependencies form no cycle. A parent re-exporting its child's
//! items is a dependency too, so shared types live in a file of their own (`records.rs`), not in
//! the `mod.rs` that declares the module using them.
//!
//! Paths are resolved to the longest module prefix that is a file; a path to the crate root
//! (its re-exports) is not counted. Test modules (`#[cfg(test)] mod tests { .. }`) are skipped.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

/// The crates checked: their source roots, relative to the workspace.
const CRATES: &[&str] = &["src/core", "src/api/bagisto_shop", "src/api/community_store", "src/api/cs_cart"];

type Module = Vec<String>;

#[test]
fn no_import_cycle_between_files() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for krate in CRATES {
        let files = module_files(&workspace.join(krate));
        assert!(files.len() > 3, "{krate}: no modules found");
        let graph = dependencies(&files);
        for cycle in cycles(&graph) {
            let names: Vec<String> = cycle.iter().map(|m| format!("{krate}:{}", m.join("::"))).collect();
            found.push(names.join(" <-> "));
        }
    }
    assert!(found.is_empty(), "import cycles between files:\n{}", found.join("\n"));
}

#[test]
fn a_cycle_is_detected() {
    // The checker itself: two files using each other form a cycle; a child using its sibling
    // through `super::` does not.
    let files: BTreeMap<Module, String> = [
        (vec![], "mod a; mod b;".to_string()),
        (vec!["a".to_string()], "use super::b::Thing;".to_string()),
        (vec!["b".to_string()], "pub struct Thing; fn f() { crate::a::g() }".to_string()),
        (vec!["c".to_string()], "use super::{a, b::{Thing}};".to_string()),
    ]
    .into_iter()
    .collect();
    let graph = dependencies(&files);
    assert_eq!(graph[&vec!["c".to_string()]].len(), 2);
    let found = cycles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].len(), 2);
}

/// Every `.rs` file under `root` by its module path (`lib.rs` and `mod.rs` name their directory),
/// with its source up to its test module.
fn module_files(root: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut dirs: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("readable source directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).expect("under the root").with_extension("");
                let mut module: Module = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if matches!(module.last().map(String::as_str), Some("lib" | "mod" | "main")) {
                    module.pop();
                }
                let source = fs::read_to_string(&path).expect("readable source");
                let source = match source.find("#[cfg(test)]\nmod ") {
                    Some(at) => source[..at].to_string(),
                    None => source,
                };
                out.insert(module, source);
            }
        }
    }
    out
}

/// For each file, the files whose items it names.
fn dependencies(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    files
        .iter()
        .map(|(module, source)| {
            let mut deps = BTreeSet::new();
            for path in paths(source) {
                if let Some(target) = resolve(files, module, &path)
                    && &target != module
                    && !target.is_empty()
                {
                    deps.insert(target);
                }
            }
            (module.clone(), deps)
        })
        .collect()
}

/// The module paths a source names: every `use` tree expanded, every `crate::`/`super::` path,
/// and every `child::` path (as `self::child::`).
fn paths(source: &str) -> Vec<Vec<String>> {
    let code = strip_comments(source);
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = find_word(rest, "use") {
        let tail = &rest[at + 3..];
        let end = tail.find(';').unwrap_or(tail.len());
        let tree: String = tail[..end].chars().filter(|c| !c.is_whitespace()).collect();
        expand(&tree, &mut Vec::new(), &mut out);
        rest = &tail[end..];
    }
    // Paths in expressions and types: `a::b::c` sequences.
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = bytes[i].is_alphabetic() || bytes[i] == '_';
        let after_path = i >= 2 && bytes[i - 1] == ':' && bytes[i - 2] == ':';
        let after_word = i >= 1 && (bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if starts_word && !after_path && !after_word {
            let mut segments = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < bytes.len() && (bytes[j].is_alphanumeric() || bytes[j] == '_') {
                    j += 1;
                }
                segments.push(bytes[start..j].iter().collect::<String>());
                if j + 2 < bytes.len() && bytes[j] == ':' && bytes[j + 1] == ':' && bytes[j + 2] != '{' {
                    j += 2;
                } else {
                    break;
                }
            }
            if segments.len() > 1 {
                if !matches!(segments[0].as_str(), "crate" | "super" | "self") {
                    segments.insert(0, "self".to_string());
                }
                out.push(segments);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Expands a `use` tree without whitespace (`super::{a,b::{C,D}}`) into its paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    for item in split_top_level(tree) {
        let item = item.split(" as ").next().unwrap_or(item);
        let (head, group) = match item.find('{') {
            Some(at) => (&item[..at], Some(&item[at + 1..item.len().saturating_sub(1)])),
            None => (item, None),
        };
        let depth = prefix.len();
        prefix.extend(head.split("::").filter(|s| !s.is_empty() && *s != "self").map(str::to_string));
        match group {
            Some(group) => expand(group, prefix, out),
            None => out.push(prefix.clone()),
        }
        prefix.truncate(depth);
    }
}

fn split_top_level(tree: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tree[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The file a path names from `module`: the longest prefix of its absolute module path that is
/// a file. `None` for paths outside the crate.
fn resolve(files: &BTreeMap<Module, String>, module: &Module, path: &[String]) -> Option<Module> {
    let (mut base, mut rest): (Module, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.clone(), &path[1..]),
        "super" => (module[..module.len().checked_sub(1)?].to_vec(), &path[1..]),
        _ => return None,
    };
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut best = files.contains_key(&base).then(|| base.clone());
    for segment in rest {
        base.push(segment.clone());
        if !files.contains_key(&base) {
            break;
        }
        best = Some(base.clone());
    }
    // `self::x` where `x` is not a child module is the file itself, not a dependency.
    best
}

/// The strongly connected components with more than one file (Tarjan).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Module) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn find_word(haystack: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = haystack[from..].find(word) {
        let at = from + at;
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if boundary(before) && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The source without `//` comments, string and character literals, so prose naming paths is
/// not code.
fn strip_comments(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                out.push_str("\"\"");
                i += 1;
            }
            // A character literal ('x', '\n', '"'); a lifetime ('a) has no closing quote.
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '\'' if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') => i += 4,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}
