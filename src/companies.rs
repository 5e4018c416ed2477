//! Company profiles: `companies/<company-slug>.md` at the site root, YAML
//! front matter (`name`, `website`, `logo`, `about`) and a Markdown body.
//! A company without a file has no profile; a broken file is reported and
//! left out (or only its broken field is), and the rest of the site builds.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::content::{walk_within, ReadError};
use crate::posting::markup::{self, safe_url};
use crate::posting::{Diagnostic, Markup};

/// The folder of profiles, beside `content/`.
pub const COMPANIES_DIR: &str = "companies";

/// A profile bigger than this is refused unread: it is a page of text.
const MAX_PROFILE_BYTES: u64 = 256 * 1024;

/// One company's profile, its links already checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// `companies/acme.md`
    pub path: String,
    pub name: Option<String>,
    /// An `http(s)` URL.
    pub website: Option<String>,
    /// An `http(s)` URL, or a path of the site's static files (`logos/acme.svg`).
    pub logo: Option<Logo>,
    pub about: Option<String>,
    /// The body, sanitized as posting bodies are.
    pub body_html: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Logo {
    Url(String),
    /// Relative to the site's base, without a leading `/`.
    Static(String),
}

/// Every profile by company slug, and what was wrong with the files.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profiles {
    pub by_slug: BTreeMap<String, Profile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Profiles {
    pub fn get(&self, slug: Option<&str>) -> Option<&Profile> {
        self.by_slug.get(slug?)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    name: Option<String>,
    website: Option<String>,
    logo: Option<String>,
    about: Option<String>,
}

/// The profiles in `root/companies/`; none when the folder is missing.
pub fn load(root: &Path) -> Profiles {
    let mut profiles = Profiles::default();
    let Ok(dir) = root.join(COMPANIES_DIR).canonicalize() else {
        return profiles;
    };
    // Links are followed as in content/: only while they stay in the folder.
    let top_level_md = |p: &Path| p.parent() == Some(&dir) && p.extension() == Some("md".as_ref());
    let shown = |p: &Path| {
        let name = p.strip_prefix(&dir).unwrap_or(p).to_string_lossy();
        format!("{COMPANIES_DIR}/{name}")
    };
    let (found, walk_errors) = walk_within(&dir, &dir, top_level_md, shown);
    for e in walk_errors {
        let problem = Diagnostic::error("company-profile-unreadable", e.message);
        profiles.diagnostics.push(problem.in_file(&e.path));
    }
    let files = found.into_iter().filter_map(|f| {
        let slug = f.path.file_stem()?.to_str()?.to_string();
        Some((slug, f.real))
    });
    for (slug, file) in files {
        let path = format!("{COMPANIES_DIR}/{slug}.md");
        let text = match crate::content::read_at_most(&file, MAX_PROFILE_BYTES) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                let message = match e {
                    ReadError::TooBig(size) => {
                        format!("{size} bytes: a profile may have {MAX_PROFILE_BYTES} at most")
                    }
                    ReadError::Io(e) => format!("cannot read: {e}"),
                };
                let problem = Diagnostic::error("company-profile-unreadable", message);
                profiles.diagnostics.push(problem.in_file(&path));
                continue;
            }
        };
        if let Some(profile) = parse(&path, &text, &mut profiles.diagnostics) {
            profiles.by_slug.insert(slug, profile);
        }
    }
    profiles
}

/// A profile file's text as a profile; what it had to drop (a field, or
/// the whole file) goes to `problems`.
fn parse(path: &str, text: &str, problems: &mut Vec<Diagnostic>) -> Option<Profile> {
    let Some((yaml, markdown)) = split_front_matter(text) else {
        let problem = Diagnostic::error(
            "company-profile-invalid",
            "the front matter opened by `---` on line 1 is never closed",
        )
        .with_help("end it with a line of `---`");
        problems.push(problem.in_file(path).on_line(1));
        return None;
    };
    let front: FrontMatter = if yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        match serde_yaml::from_str(yaml) {
            Ok(front) => front,
            Err(e) => {
                // Front matter starts on the file's second line.
                let line = e.location().map_or(1, |l| l.line() + 1);
                let message = without_positions(&e.to_string());
                let problem = Diagnostic::error("company-profile-invalid", message);
                problems.push(problem.in_file(path).on_line(line));
                return None;
            }
        }
    };
    let field_line = |key: &str| {
        yaml.lines()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .map_or(1, |i| i + 2)
    };
    let website = front.website.and_then(|url| match web_url(&url) {
        Some(url) => Some(url.to_string()),
        None => {
            problems.push(bad_link(path, field_line("website"), "website", &url));
            None
        }
    });
    let logo = front.logo.and_then(|logo| match logo_of(&logo) {
        Some(logo) => Some(logo),
        None => {
            problems.push(bad_link(path, field_line("logo"), "logo", &logo));
            None
        }
    });
    let rendered = markup::render(Markup::Markdown, markdown);
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Profile {
        path: path.to_string(),
        name: clean(front.name),
        website,
        logo,
        about: clean(front.about),
        body_html: rendered.html,
    })
}

/// serde_yaml's message without its ` at line N column M`: they count
/// from the front matter, and the diagnostic has the file's line.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        let after = after.strip_prefix(" column ").unwrap_or(after);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

fn bad_link(path: &str, line: usize, field: &str, value: &str) -> Diagnostic {
    let help = match field {
        "logo" => "use an https:// URL or a path of a file in static/ (`logos/acme.svg`)",
        _ => "use an https:// URL",
    };
    Diagnostic::error(
        "company-profile-bad-link",
        format!(
            "`{field}: {}` is not a link the site can show; it is left out",
            crate::terminal::escape(value)
        ),
    )
    .with_help(help)
    .in_file(path)
    .on_line(line)
}

/// An `http(s)` URL with a host, nothing else (no `javascript:`, no
/// `mailto:`), and none of the characters a URL must encode.
fn web_url(url: &str) -> Option<&str> {
    let encoded = |c: char| !(c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c));
    safe_url(url)
        .filter(|u| !u.to_ascii_lowercase().starts_with("mailto:"))
        .filter(|u| u.chars().all(encoded))
}

/// A logo: a web URL, or a path inside the site (no scheme, no `..`, no `//`).
fn logo_of(logo: &str) -> Option<Logo> {
    let logo = logo.trim();
    if logo.contains(':') {
        return web_url(logo).map(|u| Logo::Url(u.to_string()));
    }
    let relative = logo.strip_prefix('/').unwrap_or(logo);
    let plain = |part: &str| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.~".contains(c))
    };
    relative
        .split('/')
        .all(plain)
        .then(|| Logo::Static(relative.to_string()))
}

/// (front matter, body); a file without `---` is all body. `None` when
/// the front matter is never closed.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Some(("", text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}
