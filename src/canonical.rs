//! The canonical posting file that `new` writes and `fmt` rewrites postings
//! into: YAML front matter, one field a line in the order of SCHEMA.md (a
//! trailing comment marks what the editor should confirm), then the body.

use serde::Serialize;

/// Front matter built field by field.
#[derive(Default)]
pub struct FrontMatter {
    yaml: String,
}

impl FrontMatter {
    /// Adds `key: value`; a `note` ("guessed") becomes a `# note` comment on
    /// the key's line, which YAML readers ignore.
    pub fn field(
        &mut self,
        key: &str,
        value: &impl Serialize,
        note: Option<&str>,
    ) -> Result<(), String> {
        let mut entry = serde_yaml::Mapping::new();
        entry.insert(
            key.into(),
            serde_yaml::to_value(value).map_err(|e| e.to_string())?,
        );
        let yaml = serde_yaml::to_string(&entry).map_err(|e| e.to_string())?;
        let (first, rest) = yaml.split_once('\n').unwrap_or((&yaml, ""));
        self.yaml.push_str(first);
        if let Some(note) = note {
            // A comment cannot hold a line break: the note is one line.
            self.yaml.push_str("  # ");
            self.yaml.push_str(&note.replace(['\n', '\r'], " "));
        }
        self.yaml.push('\n');
        self.yaml.push_str(rest);
        Ok(())
    }

    /// The whole file: the front matter, a blank line, then `body`.
    pub fn file(&self, body: &str) -> String {
        format!("---\n{}---\n\n{body}", self.yaml)
    }
}

/// `text` with every ASCII punctuation mark backslash-escaped, which
/// Markdown reads as the mark itself: `<b>` stays text, `*` no emphasis.
pub fn markdown_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The marker of a guessed field, which `fmt` keeps until the editor removes it.
pub const GUESSED: &str = "guessed";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_go_on_the_key_line_and_read_back_as_yaml() {
        let mut front = FrontMatter::default();
        front.field("title", &"Baker: nights", None).unwrap();
        front
            .field("tags", &["bread", "ovens"], Some("guessed from the text"))
            .unwrap();
        let file = front.file("Body.\n");
        assert_eq!(
            file,
            "---\ntitle: 'Baker: nights'\ntags:  # guessed from the text\n- bread\n- ovens\n---\n\nBody.\n"
        );
        let yaml = file
            .trim_start_matches("---\n")
            .split("---\n")
            .next()
            .unwrap();
        let read: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(read["tags"][1], "ovens");
    }
}
