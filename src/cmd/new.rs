//! `hireboard new "Title" --company X`: a posting file in the canonical form
//! (YAML front matter, then a Markdown body to fill in), dated today, at
//! `content/<company>-<title>.md`; prints its path.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::canonical::{markdown_escaped, FrontMatter};
use crate::posting::{recognize::apply, slugify, Normalizer, Remote};
use crate::site;

#[derive(clap::Args)]
pub struct Args {
    /// The job title.
    title: String,
    /// The hiring company.
    #[arg(long)]
    company: String,
    /// Where the job is; repeat for several places.
    #[arg(long)]
    location: Vec<String>,
    #[arg(long, value_enum)]
    remote: Option<RemoteArg>,
    /// The apply link: https://…, mailto:… or an e-mail address.
    #[arg(long)]
    apply: Option<String>,
    /// Write it as a draft: not published until you remove `draft: true`.
    #[arg(long)]
    draft: bool,
    /// The site folder (holding hireboard.yaml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The posting's date (RFC 3339); default SOURCE_DATE_EPOCH or today.
    #[arg(long)]
    now: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RemoteArg {
    Remote,
    Hybrid,
    Onsite,
}

impl From<RemoteArg> for Remote {
    fn from(r: RemoteArg) -> Remote {
        match r {
            RemoteArg::Remote => Remote::Remote,
            RemoteArg::Hybrid => Remote::Hybrid,
            RemoteArg::Onsite => Remote::Onsite,
        }
    }
}

const BODY: &str = "\
What the team does, in a sentence or two.

## What you will do

* The work, in a few concrete points.

## What you bring

* The skills that matter; say which are optional.

## How to apply

What to send, and what happens next.
";

pub fn run(args: &Args) -> super::Outcome {
    let (title, company) = (args.title.trim(), args.company.trim());
    if title.is_empty() || company.is_empty() {
        return Err("the title and --company must not be empty".into());
    }
    let apply = match args.apply.as_deref().map(str::trim) {
        None => None,
        Some(link) => Some(apply::from_metadata(link).ok_or_else(|| {
            format!("--apply `{link}` refused: use an https:, http: or mailto: link, or an e-mail address")
        })?),
    };
    let config = site::load_config(&args.root)?;
    let now = site::resolve_now(args.now.as_deref())?;
    let date = now.to_zoned_datetime(config.time_zone()).date().to_string();
    let compose = |escaped: bool| -> Result<String, String> {
        let name = |text: &str| {
            if escaped {
                markdown_escaped(text)
            } else {
                text.to_string()
            }
        };
        let mut front = FrontMatter::default();
        front.field("title", &name(title), None)?;
        front.field("company", &name(company), None)?;
        front.field("date", &date, None)?;
        if !args.location.is_empty() {
            front.field("location", &args.location, None)?;
        }
        if let Some(remote) = args.remote.map(Remote::from) {
            front.field("remote", &remote, None)?;
        }
        if let Some(apply) = &apply {
            front.field("apply", apply, None)?;
        }
        if args.draft {
            front.field("draft", &true, None)?;
        }
        Ok(front.file(BODY))
    };
    let slug = slugify(&format!("{company} {title}"));
    if slug.is_empty() {
        return Err("the title and company give no file name: use some letters or digits".into());
    }
    let relative = format!("{}/{slug}.md", crate::content::CONTENT_DIR);
    // A name that Markdown would read otherwise (`<Embedded>`, `*senior*`)
    // is written escaped, when that reads back as given.
    let normalizer = Normalizer::new(&config.normalizing(), now);
    let reads_as_given = |text: &str| {
        normalizer
            .normalize(&relative, text.as_bytes())
            .is_ok_and(|p| p.title == title && p.company.as_deref() == Some(company))
    };
    let plain = compose(false)?;
    let text = if reads_as_given(&plain) {
        plain
    } else {
        Some(compose(true)?)
            .filter(|escaped| reads_as_given(escaped))
            .unwrap_or(plain)
    };
    let path = args.root.join(&relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // `create_new`: never over an existing posting.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{relative} exists already: edit it, or give the new posting another title")
            }
            _ => format!("cannot write {}: {e}", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}
