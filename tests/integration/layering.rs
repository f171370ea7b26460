//! The modules of `src/` form no cycle: when one module names another (`crate::a::b`,
//! `super::c`, `self::d`, in code outside its unit tests), the second never names the first,
//! directly or through others. A module is one file (`foo.rs`, or `foo/mod.rs` for a folder);
//! a module naming its own children or its parent does not count. Layers without cycles are what
//! let a part be changed, tested or moved on its own (CONTRIBUTING.md).

use crate::support::run::repo;
use crate::support::tree::{files_under, relative};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`wechat::client`) → the modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module a file under `src` is: `a/b.rs` and `a/b/mod.rs` are `a::b`; the crate roots
/// are left out (they only declare modules).
fn module_of(file: &str) -> Option<String> {
    let path = file.strip_suffix(".rs")?;
    let path = path.strip_suffix("/mod").unwrap_or(path);
    if matches!(path, "lib" | "main") {
        return None;
    }
    Some(path.replace('/', "::"))
}

/// The code of a file without its unit tests and its comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let lines = text.lines().map(|line| match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// Every path of `code` that starts with `crate`, `super` or `self`, with `use` groups
/// (`a::{b, c::{d, e}}`) written out as the paths they stand for.
fn paths(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let starts_word = at == 0 || !(chars[at - 1].is_alphanumeric() || chars[at - 1] == '_');
        if starts_word
            && ["crate::", "super::", "self::"]
                .iter()
                .any(|p| matches(&chars, at, p))
        {
            at = expand(&chars, at, Vec::new(), &mut found);
        } else {
            at += 1;
        }
    }
    found
}

fn matches(chars: &[char], at: usize, text: &str) -> bool {
    text.chars()
        .enumerate()
        .all(|(i, c)| chars.get(at + i) == Some(&c))
}

/// Reads one path from `at` (after the `prefix` segments already read), pushing every path it
/// stands for; returns where it ends.
fn expand(
    chars: &[char],
    mut at: usize,
    prefix: Vec<String>,
    found: &mut Vec<Vec<String>>,
) -> usize {
    let mut segments = prefix;
    loop {
        let start = at;
        while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
            at += 1;
        }
        if at > start {
            segments.push(chars[start..at].iter().collect());
        }
        if !matches(chars, at, "::") {
            found.push(segments);
            return at;
        }
        at += 2;
        if chars.get(at) == Some(&'{') {
            at += 1;
            loop {
                while chars
                    .get(at)
                    .is_some_and(|c| c.is_whitespace() || *c == ',')
                {
                    at += 1;
                }
                match chars.get(at) {
                    None => return at,
                    Some('}') => return at + 1,
                    _ => {}
                }
                let before = at;
                at = expand(chars, at, segments.clone(), found);
                // `self` inside a group, `as` renames and `*` are not modules: skip them.
                while chars.get(at).is_some_and(|c| !matches!(c, ',' | '}')) {
                    at += 1;
                }
                if at == before {
                    at += 1;
                }
            }
        }
    }
}

/// The module `path` (named from inside `module`) refers to: its longest prefix that is a
/// module of `modules`.
fn resolve(module: &str, path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    let mut full: Vec<&str> = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") => {
            full = module.split("::").collect();
            rest = &path[1..];
        }
        Some("super") => {
            full = module.split("::").collect();
            while rest.first().is_some_and(|segment| segment == "super") {
                full.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    full.extend(rest.iter().map(String::as_str));
    (1..=full.len())
        .rev()
        .map(|len| full[..len].join("::"))
        .find(|candidate| modules.contains(candidate))
}

/// Which module names which, for every module under `src`.
fn graph(src: &Path) -> Graph {
    let files: Vec<(String, String)> = files_under(src, ".rs")
        .into_iter()
        .filter_map(|path| {
            let module = module_of(&relative(&path, src))?;
            Some((module, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(module, _)| module.clone()).collect();
    let mut graph = Graph::new();
    for (module, text) in &files {
        let named = graph.entry(module.clone()).or_default();
        for path in paths(&code(text)) {
            let Some(target) = resolve(module, &path, &modules) else {
                continue;
            };
            let related = target == *module
                || target.starts_with(&format!("{module}::"))
                || module.starts_with(&format!("{target}::"));
            if !related {
                named.insert(target);
            }
        }
    }
    graph
}

/// Every cycle of `graph`, each as the modules it runs through, starting at its smallest.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((module, path)) = stack.pop() {
            for next in graph.get(&module).into_iter().flatten() {
                if next == start {
                    found.insert(path.clone());
                } else if next > start && !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let cycles = cycles(&graph(&repo().join("src")));
    let cycles: Vec<String> = cycles.iter().map(|cycle| cycle.join(" → ")).collect();
    assert!(
        cycles.is_empty(),
        "modules that depend on each other (each names the next, the last the first):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn a_cycle_is_found_through_groups_super_and_several_modules() {
    let src = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = src.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod net;\n");
    write("a.rs", "use crate::b::{self, Thing as T};\n");
    write("b.rs", "pub fn f() { crate::net::client::go() }\n");
    write("net/mod.rs", "pub mod client;\npub mod pool;\n");
    write("net/client.rs", "use super::{pool::{Pool}, super::a};\n");
    // Only code counts: comments and unit tests name whatever they like.
    write(
        "net/pool.rs",
        "// crate::net::client\n#[cfg(test)]\nmod tests { use crate::net::client; }\n",
    );

    let graph = graph(src.path());
    assert_eq!(
        graph["net::client"],
        BTreeSet::from(["a".to_string(), "net::pool".to_string()])
    );
    assert!(graph["net::pool"].is_empty(), "{graph:?}");
    assert!(
        graph["net"].is_empty(),
        "a parent naming its children: {graph:?}"
    );
    assert_eq!(cycles(&graph), [["a", "b", "net::client"]]);
}
