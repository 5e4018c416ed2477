//! Templates and static files: the built-in default theme, overridden file
//! by file by the site's `themes/<name>/` and then by its own `templates/`
//! and `static/`. Templates are compiled once here and rendered many times.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use super::{Page, RenderError};
use crate::config::Config;

/// `themes/default/templates`, built into the binary so a site with only
/// `content/` builds. A new template in the default theme is added here.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "posting.html",
        include_str!("../../themes/default/templates/posting.html"),
    ),
    (
        "partials/facts.html",
        include_str!("../../themes/default/templates/partials/facts.html"),
    ),
    (
        "companies.html",
        include_str!("../../themes/default/templates/companies.html"),
    ),
    (
        "company.html",
        include_str!("../../themes/default/templates/company.html"),
    ),
    (
        "tags.html",
        include_str!("../../themes/default/templates/tags.html"),
    ),
    (
        "tag.html",
        include_str!("../../themes/default/templates/tag.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "partials/card.html",
        include_str!("../../themes/default/templates/partials/card.html"),
    ),
    (
        "partials/row.html",
        include_str!("../../themes/default/templates/partials/row.html"),
    ),
    (
        "partials/byline.html",
        include_str!("../../themes/default/templates/partials/byline.html"),
    ),
    (
        "partials/listing.html",
        include_str!("../../themes/default/templates/partials/listing.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "partials/postings.html",
        include_str!("../../themes/default/templates/partials/postings.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "partials/search.html",
        include_str!("../../themes/default/templates/partials/search.html"),
    ),
];

/// `themes/default/static`, built in likewise.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

/// Where the built-in theme's files say they come from in error messages.
const BUILT_IN: &str = "(built-in) themes/default";

/// A compiled template set plus the static files published with it.
pub struct Theme {
    tera: tera::Tera,
    /// Template name -> the file it was read from, for error messages.
    origins: BTreeMap<String, String>,
    statics: BTreeMap<String, Cow<'static, [u8]>>,
}

impl Theme {
    /// The built-in default theme, overridden by `<site_root>/themes/<config.theme>/`
    /// (`templates/` and `static/`), then by `<site_root>/templates/` and
    /// `<site_root>/static/`, file by file (by name relative to those folders).
    pub fn load(site_root: &Path, config: &Config) -> Result<Theme, RenderError> {
        let mut templates: BTreeMap<String, (String, Cow<'static, str>)> = DEFAULT_TEMPLATES
            .iter()
            .map(|&(name, text)| {
                let origin = format!("{BUILT_IN}/templates/{name}");
                (name.to_string(), (origin, Cow::Borrowed(text)))
            })
            .collect();
        let mut statics: BTreeMap<String, (String, Cow<'static, [u8]>)> = DEFAULT_STATIC
            .iter()
            .map(|&(name, bytes)| {
                let origin = format!("{BUILT_IN}/static/{name}");
                (name.to_string(), (origin, Cow::Borrowed(bytes)))
            })
            .collect();

        let theme_dir = format!("themes/{}", config.theme);
        if config.theme != "default" && !site_root.join(&theme_dir).is_dir() {
            return Err(RenderError::plain(format!(
                "theme `{}` is set in hireboard.yaml but there is no folder {theme_dir}/ (with templates/ and static/ in it)",
                config.theme
            )));
        }
        for layer in [theme_dir.as_str(), ""] {
            let prefix = if layer.is_empty() {
                String::new()
            } else {
                format!("{layer}/")
            };
            for (name, origin, bytes) in read_tree(site_root, &format!("{prefix}templates"))? {
                let text = String::from_utf8(bytes).map_err(|_| RenderError {
                    file: Some(origin.clone()),
                    line: None,
                    column: None,
                    message: "this template is not UTF-8 text".into(),
                })?;
                templates.insert(name, (origin, Cow::Owned(text)));
            }
            for (name, origin, bytes) in read_tree(site_root, &format!("{prefix}static"))? {
                statics.insert(name, (origin, Cow::Owned(bytes)));
            }
        }

        let mut theme = Theme {
            tera: tera::Tera::new(),
            origins: templates
                .iter()
                .map(|(name, (origin, _))| (name.clone(), origin.clone()))
                .collect(),
            statics: statics
                .into_iter()
                .map(|(name, (_, bytes))| (name, bytes))
                .collect(),
        };
        let sources = templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_ref()));
        if let Err(e) = theme.tera.add_raw_templates(sources) {
            return Err(theme.error(e, None));
        }
        Ok(theme)
    }

    /// The theme's static files, to publish at the site root (`style.css`).
    pub fn static_files(&self) -> Vec<Page> {
        self.statics
            .iter()
            .map(|(path, bytes)| Page {
                path: path.clone(),
                bytes: bytes.to_vec(),
            })
            .collect()
    }

    pub(crate) fn render(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, RenderError> {
        self.tera
            .render(template, context)
            .map_err(|e| self.error(e, Some(template)))
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// Tera's error in plain words, naming the file the template came from.
    fn error(&self, e: tera::Error, rendering: Option<&str>) -> RenderError {
        use tera::ErrorKind;
        let mut error = match e.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let name = match report.filename() {
                    "" => rendering.unwrap_or_default(),
                    name => name,
                };
                RenderError {
                    file: Some(self.origin(name)),
                    line: Some(report.span().start_line),
                    column: Some(report.span().start_col + 1),
                    message: report.message().to_string(),
                }
            }
            // Checks across templates (unknown filter, include or block)
            // come as text in Tera's report format: `error: ...` then ` --> name:line:col`.
            ErrorKind::Msg(text) => self.parse_report(text),
            ErrorKind::MissingParent { current, parent } => RenderError {
                file: Some(self.origin(current)),
                line: None,
                column: None,
                message: format!("it extends `{parent}`, which is not a template of the theme"),
            },
            ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
                RenderError {
                    file: Some(self.origin(tpl)),
                    line: None,
                    column: None,
                    message: e.kind().to_string(),
                }
            }
            _ => RenderError {
                file: rendering.map(|name| self.origin(name)),
                line: None,
                column: None,
                message: e.kind().to_string(),
            },
        };
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            error.message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        error
    }

    fn parse_report(&self, text: &str) -> RenderError {
        let message = text.lines().find_map(|l| l.strip_prefix("error: "));
        let locus = text
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|locus| {
                let mut parts = locus.rsplitn(3, ':');
                let column = parts.next()?.parse::<usize>().ok()?;
                let line = parts.next()?.parse::<usize>().ok()?;
                Some((parts.next()?, line, column))
            });
        match (message, locus) {
            (Some(message), Some((name, line, column))) => RenderError {
                file: Some(self.origin(name)),
                line: Some(line),
                column: Some(column),
                message: message.to_string(),
            },
            _ => RenderError::plain(text.to_string()),
        }
    }
}

/// Files under `<root>/<dir>`, as (name relative to `dir` with `/`, path
/// relative to `root` for messages, bytes), skipping editor leftovers.
fn read_tree(root: &Path, dir: &str) -> Result<Vec<(String, String, Vec<u8>)>, RenderError> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    // Links may not lead out of the folder (which may itself be a link to
    // a shared theme elsewhere).
    let boundary = base.canonicalize().unwrap_or_else(|_| base.clone());
    let wanted = |path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        !is_editor_temp(&name)
    };
    let (found, problems) = crate::content::walk_within(&base, &boundary, wanted, |path| {
        format!("{dir}/{}", relative_name(&base, path))
    });
    if let Some(problem) = problems.into_iter().next() {
        return Err(RenderError {
            file: Some(problem.path),
            line: None,
            column: None,
            message: problem.message,
        });
    }
    let mut files = Vec::new();
    for file in found {
        let name = relative_name(&base, &file.path);
        let origin = format!("{dir}/{name}");
        let bytes = std::fs::read(&file.path).map_err(|e| RenderError {
            file: Some(origin.clone()),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        files.push((name, origin, bytes));
    }
    Ok(files)
}

/// `path` relative to `base`, with `/`.
fn relative_name(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Hidden files, vim swap files, `file~` backups.
fn is_editor_temp(file_name: &str) -> bool {
    file_name.starts_with('.')
        || file_name.ends_with('~')
        || file_name.ends_with(".swp")
        || file_name.ends_with(".swx")
        || file_name.ends_with(".tmp")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn theme_links_stay_in_their_folder_and_are_not_walked() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("secret.txt"), "s3cret").unwrap();
        std::os::unix::fs::symlink("/", root.join("static/disk")).unwrap();
        let error = Theme::load(root, &Config::default()).err().unwrap();
        assert_eq!(
            error.to_string(),
            "static/disk: symlink pointing outside static/ (to /): not followed"
        );
        std::fs::remove_file(root.join("static/disk")).unwrap();
        // Inside the site is not enough: a theme file is in its folder.
        std::os::unix::fs::symlink("../secret.txt", root.join("static/leak.txt")).unwrap();
        let error = Theme::load(root, &Config::default()).err().unwrap();
        assert!(error
            .to_string()
            .starts_with("static/leak.txt: symlink pointing outside static/"));
    }
}
