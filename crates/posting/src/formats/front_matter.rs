//! Markdown with YAML (`---`) or TOML (`+++`) front matter.

use serde_json::Value;

use crate::recognize::keys;
use crate::{Draft, Format, FormatError, Markup};

pub fn yaml(text: &str) -> Result<Draft, FormatError> {
    let block = split(text, "---", &["---", "..."])?;
    let value: Value = if block.source.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        // Straight to JSON values, which keeps the last of duplicate keys as
        // Jekyll does; only tagged values (`!ruby/object`) need the detour
        // through YAML values, which refuse duplicates.
        serde_yaml::from_str(block.source)
            .or_else(|_| {
                serde_yaml::from_str(block.source)
                    .map(|yaml| serde_json::to_value(untagged(yaml)).unwrap_or(Value::Null))
            })
            .map_err(|e: serde_yaml::Error| {
                let at = e.location();
                FormatError {
                    line: Some(block.first_line + at.as_ref().map_or(0, |l| l.line() - 1)),
                    column: at.map(|l| l.column()),
                    message: format!(
                        "the YAML front matter does not parse: {}; fix the YAML between the `---` lines",
                        strip_location(&e.to_string())
                    ),
                }
            })?
    };
    into_draft(Format::Yaml, value, &block)
}

pub fn toml(text: &str) -> Result<Draft, FormatError> {
    let block = split(text, "+++", &["+++"])?;
    let table: toml::Table = block.source.parse().map_err(|e: toml::de::Error| {
        let (line, column) = e
            .span()
            .map(|span| line_and_column(block.source, span.start))
            .unzip();
        FormatError {
            line: Some(block.first_line + line.map_or(0, |l| l - 1)),
            column,
            message: format!(
                "the TOML front matter does not parse: {}; fix the TOML between the `+++` lines",
                e.message()
            ),
        }
    })?;
    into_draft(
        Format::Toml,
        toml_to_json(toml::Value::Table(table)),
        &block,
    )
}

/// The value without its YAML tags: `!!timestamp 2012-03-09` and a Ruby
/// exporter's `!ruby/object:Job {...}` are read as what they tag.
fn untagged(value: serde_yaml::Value) -> serde_yaml::Value {
    use serde_yaml::Value as Yaml;
    match value {
        Yaml::Tagged(tagged) => untagged(tagged.value),
        Yaml::Sequence(items) => Yaml::Sequence(items.into_iter().map(untagged).collect()),
        Yaml::Mapping(map) => {
            Yaml::Mapping(map.into_iter().map(|(k, v)| (k, untagged(v))).collect())
        }
        other => other,
    }
}

struct Block<'a> {
    source: &'a str,
    /// 1-based line of the file where `source` starts.
    first_line: usize,
    body: &'a str,
    body_line: usize,
}

/// Splits `open` front matter (on the first non-blank line) from the body.
fn split<'a>(text: &'a str, open: &str, close: &[&str]) -> Result<Block<'a>, FormatError> {
    let mut offset = 0;
    let mut open_line = 0;
    let mut source_start = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let end = offset + line.len();
        let bare = line.trim_end();
        match source_start {
            None if bare.trim().is_empty() => {}
            None if bare == open => {
                open_line = i + 1;
                source_start = Some(end);
            }
            None => break,
            Some(start) if close.contains(&bare) => {
                return Ok(Block {
                    source: &text[start..offset],
                    first_line: open_line + 1,
                    body: &text[end..],
                    body_line: i + 2,
                });
            }
            Some(_) => {}
        }
        offset = end;
    }
    Err(FormatError {
        line: Some(open_line.max(1)),
        column: None,
        message: format!(
            "the front matter opened with `{open}` is never closed: add a `{}` line after it",
            close[0]
        ),
    })
}

fn into_draft(format: Format, value: Value, block: &Block) -> Result<Draft, FormatError> {
    let Value::Object(map) = value else {
        return Err(FormatError {
            line: Some(block.first_line),
            column: None,
            message: "the front matter must be a mapping of keys to values (`title: ...`)".into(),
        });
    };
    let mut draft = Draft::new(format, Markup::Markdown);
    let lines: Vec<&str> = block.source.lines().collect();
    for (key, value) in map {
        let at = key_line(&lines, &key, 0, true);
        flatten(&mut draft, &lines, block.first_line, key, value, at, 0);
    }
    draft.body = block.body.to_string();
    draft.body_line = block.body_line;
    Ok(draft)
}

/// Maps nest at most this deep; deeper ones stay one value.
const MAX_DEPTH: usize = 8;

/// Records `key: value`, a nested map as one entry per leaf (`company:
/// {name, url}` as `company.name` and `company.url`, Zola's `[extra]`, Hugo's
/// `params`), each at its own line. A salary map (`{min, max, currency}`)
/// stays whole, and so does a list of plain values.
fn flatten(
    draft: &mut Draft,
    lines: &[&str],
    first_line: usize,
    key: String,
    value: Value,
    at: Option<usize>,
    depth: usize,
) {
    let line = first_line + at.unwrap_or(0);
    let flattens = depth < MAX_DEPTH && !keys::keeps_map(&key);
    match value {
        Value::Object(map) if flattens => {
            for (child, value) in map {
                let child_at = at.and_then(|from| key_line(lines, &child, from + 1, false));
                flatten(
                    draft,
                    lines,
                    first_line,
                    format!("{key}.{child}"),
                    value,
                    child_at.or(at),
                    depth + 1,
                );
            }
        }
        Value::Array(items) if flattens && items.iter().any(Value::is_object) => {
            for item in items {
                flatten(draft, lines, first_line, key.clone(), item, at, depth + 1);
            }
        }
        value => draft.stated(&key, value, line),
    }
}

/// The index in `lines`, from `from` on, where `key` is written: `key:`,
/// `key =`, `"key":` or a TOML table `[key]`; at the left margin when `top`.
fn key_line(lines: &[&str], key: &str, from: usize, top: bool) -> Option<usize> {
    (from..lines.len()).find(|&i| {
        let line = lines[i];
        let bare = line.trim_start();
        if top && bare.len() != line.len() {
            return false;
        }
        if bare.starts_with('[') {
            let table = bare.trim_start_matches('[').split([']', '.']).next();
            return table.is_some_and(|t| t.trim().trim_matches(['"', '\'']) == key);
        }
        let bare = bare
            .trim_start_matches(['-', ' '])
            .trim_start_matches(['"', '\'']);
        bare.starts_with(key)
            && bare[key.len()..]
                .trim_start_matches(['"', '\'', ' '])
                .starts_with([':', '='])
    })
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// 1-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// serde_yaml appends " at line X column Y" to its messages; we give our own.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_becomes_stated_meta() {
        let d = yaml("---\nTitle: Engineer\ntags: [rust, go]\n---\n\nHello\n").unwrap();
        assert_eq!(d.meta[0].key, "title");
        assert_eq!(d.meta[0].line, 2);
        assert!(d.meta[0].stated);
        assert_eq!(d.meta[1].value, serde_json::json!(["rust", "go"]));
        assert_eq!(d.body, "\nHello\n");
        assert_eq!(d.body_line, 5);
    }

    #[test]
    fn broken_yaml_names_the_file_line() {
        let e = yaml("---\ntitle: ok\ntags: [a, b\n---\nbody\n").unwrap_err();
        assert!(e.line.unwrap() >= 3, "{e:?}");
        assert!(e.message.contains("YAML"), "{e:?}");
    }

    #[test]
    fn unclosed_front_matter_is_explained() {
        let e = yaml("---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("never closed"), "{e:?}");
    }

    #[test]
    fn toml_front_matter_with_dates() {
        let d = toml("+++\ntitle = \"Engineer\"\ndate = 2025-03-03\n[salary]\nmin = 1\n+++\nbody")
            .unwrap();
        assert_eq!(d.meta[1].value, "2025-03-03");
        assert_eq!(d.meta[1].line, 3);
        assert_eq!(d.meta[2].value, serde_json::json!({"min": 1}));
        assert_eq!(d.body, "body");
    }

    #[test]
    fn broken_toml_has_line_and_column() {
        let e = toml("+++\ntitle = \"ok\"\ndate = = 3\n+++\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e:?}");
        assert!(e.column.is_some());
    }

    #[test]
    fn a_duplicate_key_keeps_its_last_value() {
        let d = yaml("---\ntitle: a\ntitle: b\n---\n").unwrap();
        assert_eq!(d.meta[0].value, "b");
    }

    #[test]
    fn tags_are_read_as_what_they_tag() {
        let d = yaml("---\ndate: !!timestamp 2012-03-09\nsalary: !money '$90k'\n---\n").unwrap();
        assert_eq!(d.meta[0].value, "2012-03-09");
        assert_eq!(d.meta[1].value, "$90k");
    }

    fn keys_and_lines(d: &Draft) -> Vec<(&str, usize)> {
        d.meta
            .iter()
            .map(|m| (m.written.as_str(), m.line))
            .collect()
    }

    #[test]
    fn nested_maps_become_dotted_keys_at_their_lines() {
        let d = yaml(
            "---\ntitle: Baker\ncompany:\n  name: Crumb & Co\n  logo: /c.png\ncontact:\n  email: jobs@crumb.example\nsalary: {min: 1, max: 2}\n---\n",
        )
        .unwrap();
        assert_eq!(
            keys_and_lines(&d),
            [
                ("title", 2),
                ("company.name", 4),
                ("company.logo", 5),
                ("contact.email", 7),
                ("salary", 8)
            ]
        );
        assert_eq!(d.meta[1].value, "Crumb & Co");
        assert_eq!(d.meta[4].value, serde_json::json!({"min": 1, "max": 2}));
    }

    #[test]
    fn toml_tables_are_flattened_too() {
        let d = toml("+++\ntitle = 'Baker'\n[extra]\ncompany = 'Crumb'\n[taxonomies]\ntags = ['bread']\n+++\n").unwrap();
        assert_eq!(
            keys_and_lines(&d),
            [("title", 2), ("extra.company", 4), ("taxonomies.tags", 6)]
        );
    }

    #[test]
    fn lists_of_maps_are_flattened_item_by_item() {
        let d = yaml("---\nlocations:\n  - city: Oslo\n  - city: Bergen\n---\n").unwrap();
        let values: Vec<(&str, &Value)> = d
            .meta
            .iter()
            .map(|m| (m.written.as_str(), &m.value))
            .collect();
        assert_eq!(
            values,
            [
                ("locations.city", &Value::from("Oslo")),
                ("locations.city", &Value::from("Bergen"))
            ]
        );
    }

    #[test]
    fn a_list_is_not_front_matter() {
        let e = yaml("---\n- a\n- b\n---\n").unwrap_err();
        assert!(e.message.contains("mapping"), "{e:?}");
    }
}
