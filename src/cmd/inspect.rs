//! `hireboard inspect [PATH...] [--json]`: how each posting normalizes.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

use crate::board::Board;
use crate::content;
use crate::posting::{Normalizer, Posting, Status};
use crate::site;
use crate::terminal::escape;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    selection: Selection,
    /// Print a JSON array of canonical records (SCHEMA.md; JSON Schema: schema/posting.schema.json), sorted by source path.
    #[arg(long)]
    json: bool,
}

/// Which postings `inspect` and `check` look at.
#[derive(clap::Args)]
pub struct Selection {
    /// Posting files or folders [default: content/]
    paths: Vec<PathBuf>,
    /// The time that decides `expired` (RFC 3339); default SOURCE_DATE_EPOCH or the clock.
    #[arg(long)]
    now: Option<String>,
}

impl Selection {
    /// The selected files normalized with their site's config, slugs made
    /// unique as the site would, sorted by source path.
    pub fn load(&self) -> Result<site::Loaded, String> {
        let (root, targets) = (self.root(), self.targets());
        // The walk and the normalizer (the config, the git history, the
        // skills vocabulary) are made at once: both are serial.
        let (site, found) = rayon::join(|| self.site(), || content::discover(&root, &targets));
        let mut loaded = site::load(&site?.1, found);
        loaded.postings = Board::with_unique_slugs(loaded.postings);
        Ok(loaded)
    }

    /// The root of the site the selection is in, and its normalizer.
    pub fn site(&self) -> Result<(PathBuf, Normalizer), String> {
        let root = self.root();
        let config = site::load_config(&root)?;
        let now = self.now()?;
        let normalizer = site::normalizer(&root, &config, now);
        Ok((root, normalizer))
    }

    /// The config of the site the selection is in.
    pub fn config(&self) -> Result<crate::config::Config, String> {
        site::load_config(&self.root())
    }

    /// The root of the site the selection is in.
    pub fn root(&self) -> PathBuf {
        site::find_root(&self.targets()[0])
    }

    /// The time that decides what is expired.
    pub fn now(&self) -> Result<jiff::Timestamp, String> {
        site::resolve_now(self.now.as_deref())
    }

    /// Whether the selection is all of `content/` (no paths given).
    pub fn is_whole_site(&self) -> bool {
        self.paths.is_empty()
    }

    /// The selected files and folders.
    pub fn targets(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from(crate::content::CONTENT_DIR)]
        } else {
            self.paths.clone()
        }
    }
}

pub fn run(args: &Args) -> super::Outcome {
    let loaded = args.selection.load()?;
    let postings = &loaded.postings;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        write_records(&mut out, postings)
    } else {
        postings.iter().try_for_each(|p| write_summary(&mut out, p))
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;

    for error in &loaded.errors {
        eprintln!("{}", escape(&format!("error: {error}")));
    }
    let failed = !loaded.errors.is_empty();
    // The process ends next: freeing every posting one allocation at a time,
    // on this one thread, was a tenth of the serial time at 10,000 postings.
    std::mem::forget(loaded);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The records as one pretty-printed JSON array, as `serde_json` prints a
/// `Vec`, serialized on the pool a slice at a time: serially this was the
/// longest stretch of a big site's `inspect` on one core.
fn write_records(out: &mut impl Write, postings: &[Posting]) -> std::io::Result<()> {
    if postings.is_empty() {
        return writeln!(out, "[]");
    }
    // Each slice prints as `[\n  {…},\n  {…}\n]`: its records, already
    // indented as inside the whole array, sit between `[\n` and `\n]`.
    let slices = postings
        .par_chunks(RECORDS_PER_SLICE)
        .map(serde_json::to_vec_pretty)
        .collect::<Result<Vec<_>, _>>()?;
    out.write_all(b"[\n")?;
    for (i, slice) in slices.iter().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(&slice[2..slice.len() - 2])?;
    }
    out.write_all(b"\n]\n")
}

/// Enough records to keep both threads busy without one long tail.
const RECORDS_PER_SLICE: usize = 64;

/// A summary of `p`, one escaped line per field: its values come from the
/// posting, a guessed one with why (`(guessed: line 3, "Acme is hiring")`).
fn write_summary(out: &mut impl Write, p: &Posting) -> std::io::Result<()> {
    let field = |label: &str, value: Option<&str>, name: &str| {
        let why = p
            .evidence
            .iter()
            .find(|e| e.field == name)
            .map(|e| format!(" (guessed: {e})"))
            .unwrap_or_default();
        format!("  {label:<11} {}{why}", value.unwrap_or("-"))
    };
    let status = match p.status {
        Status::Published => String::new(),
        other => format!(" ({})", record_name(other)),
    };
    let date = p.date.as_ref().map(|d| format!("{d}{status}"));
    let location = (!p.location.is_empty()).then(|| p.location.join("; "));
    let salary = p.salary.as_ref().map(|s| {
        let period = record_name(s.period);
        format!("{}–{} {} per {period}", s.min, s.max, s.currency)
    });
    let mut lines = vec![
        format!("{} [{}]", p.source.path, record_name(p.source.format)),
        field("title", Some(&p.title), "title"),
        field("company", p.company.as_deref(), "company"),
        field("date", date.as_deref(), "date"),
        field("location", location.as_deref(), "location"),
        field("remote", p.remote.map(record_name).as_deref(), "remote"),
        field(
            "type",
            p.employment_type.map(record_name).as_deref(),
            "employment_type",
        ),
    ];
    if salary.is_some() {
        lines.push(field("salary", salary.as_deref(), "salary"));
    }
    lines.push(field("tags", Some(&p.tags.join(", ")), "tags"));
    lines.push(field("apply", p.apply.as_deref(), "apply"));
    lines.push(format!("  url         /jobs/{}/", p.slug));
    lines.extend(p.warnings.iter().map(|w| format!("  warning: {w}")));
    for line in &lines {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out)
}

/// The name a value has in the record: `full-time`, `hn`.
fn record_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_print_as_serde_json_prints_the_whole_array() {
        for n in [
            0,
            1,
            RECORDS_PER_SLICE,
            RECORDS_PER_SLICE + 1,
            3 * RECORDS_PER_SLICE - 1,
        ] {
            let postings: Vec<Posting> = (0..n)
                .map(|i| {
                    let slug = format!("job-{i}");
                    crate::testing::example(&slug, "Baker \"night\"\nshift", Some("Crumb"), None)
                })
                .collect();
            let mut printed = Vec::new();
            write_records(&mut printed, &postings).unwrap();
            let mut expected = serde_json::to_vec_pretty(&postings).unwrap();
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(printed).unwrap(),
                String::from_utf8(expected).unwrap(),
                "{n} records"
            );
        }
    }
}
