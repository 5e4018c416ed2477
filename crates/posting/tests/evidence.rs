//! Why each guess: every field in `inferred` keeps the line of the file
//! that gave it and its words, so an editor can see why.

use hireboard_posting::{Clue, Config, Evidence, Normalizer, Posting};

fn normalize(path: &str, text: &str) -> Posting {
    let now = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
    Normalizer::new(&Config::default(), now)
        .normalize(path, text.as_bytes())
        .expect("normalizes")
}

/// The evidence of `field`, which must have been guessed.
fn why<'a>(posting: &'a Posting, field: &str) -> &'a Evidence {
    posting
        .evidence
        .iter()
        .find(|e| e.field == field)
        .unwrap_or_else(|| panic!("no evidence for {field}: {:?}", posting.evidence))
}

/// (line, quote) of a guess that quotes the file.
fn quoted(posting: &Posting, field: &str) -> (Option<usize>, String) {
    let evidence = why(posting, field);
    match &evidence.clue {
        Clue::Quote(quote) => (evidence.line, quote.clone()),
        Clue::Said(how) => panic!("{field} quotes nothing: {how}"),
    }
}

fn assert_quoted(posting: &Posting, field: &str, line: usize, quote: &str) {
    assert_eq!(
        quoted(posting, field),
        (Some(line), quote.to_string()),
        "{field}"
    );
}

#[test]
fn label_lines_in_the_body_give_their_line() {
    let text = "---\ntitle: Pastry Chef\ncompany: Crumb & Co\n---\n\nWe bake at dawn.\n\n\
        **Location:** Lyon, France\n\n**Salary:** €38,000 - €44,000 per year\n\n\
        Apply: send your CV to jobs@crumb.example\n";
    let p = normalize("content/chef.md", text);
    assert_quoted(&p, "location", 8, "**Location:** Lyon, France");
    assert_quoted(&p, "salary", 10, "**Salary:** €38,000 - €44,000 per year");
    assert_quoted(&p, "apply", 12, "Apply: send your CV to jobs@crumb.example");
}

#[test]
fn an_hn_line_gives_line_one_and_the_words_around_each_field() {
    let text = "Gullwing Maps | Android Developer | Porto, Portugal | REMOTE | https://gullwing.example/jobs/android\n\n\
        We draw maps for sailors and want someone who knows Kotlin inside out, is patient with offline sync and enjoys the sea.\n";
    let p = normalize("content/hn.txt", text);
    for field in ["title", "company", "location", "remote", "apply"] {
        let (line, quote) = quoted(&p, field);
        assert_eq!(line, Some(1), "{field}");
        assert!(
            quote.contains("Gullwing") || quote.contains("…"),
            "{field}: {quote}"
        );
    }
    // A long line is cut around the clue, not from its start.
    let (_, apply) = quoted(&p, "apply");
    assert!(
        apply.contains("https://gullwing.example/jobs/android"),
        "{apply}"
    );
    assert!(apply.chars().count() <= 90, "{apply}");
}

#[test]
fn prose_guesses_name_the_sentence_and_its_line() {
    let text = "---\ntitle: Backend Engineer\ndate: 2025-11-02\n---\n\n\
        Lanternfish Analytics is hiring a backend engineer to grow our ingestion pipeline.\n\n\
        This is a full-time position.\n\n\
        This role is fully remote within Europe.\n\n\
        We pay $120k - $150k a year.\n\n\
        Send your CV to careers@lanternfish.example.\n";
    let p = normalize("content/backend.md", text);
    let (line, quote) = quoted(&p, "company");
    assert_eq!(line, Some(6));
    assert!(
        quote.starts_with("Lanternfish Analytics is hiring"),
        "{quote}"
    );
    assert_quoted(&p, "employment_type", 8, "This is a full-time position.");
    assert_quoted(&p, "remote", 10, "This role is fully remote within Europe.");
    assert_quoted(&p, "salary", 12, "We pay $120k - $150k a year.");
    assert_quoted(
        &p,
        "apply",
        14,
        "Send your CV to careers@lanternfish.example.",
    );
}

#[test]
fn a_text_post_takes_its_title_from_its_first_line() {
    let text = "\nNight Shift Baker wanted\n\nOur oven runs from 3am. Email oven@dough.example.\n";
    let p = normalize("content/baker.txt", text);
    assert_quoted(&p, "title", 2, "Night Shift Baker wanted");
}

#[test]
fn a_key_read_by_its_content_quotes_its_line() {
    let text = "---\ntitle: Support Engineer\ncompany: Pebble Desk\nsubmitterEmail: hiring@pebble.example\n---\n\nHelp our customers.\n";
    let p = normalize("content/support.md", text);
    assert_eq!(p.apply.as_deref(), Some("mailto:hiring@pebble.example"));
    assert_quoted(&p, "apply", 4, "submitterEmail: hiring@pebble.example");
}

#[test]
fn guesses_without_words_say_how_they_were_made() {
    let text = "---\ntitle: Rust Developer\ncompany: Ferrous Works\napply: https://ferrous.example/apply\n---\n\nYou will write Rust and some Python.\n";
    let path = "content/rust.md";
    let added = [(path.to_string(), "2025-06-01T12:00:00Z".parse().unwrap())];
    let p = Normalizer::new(&Config::default(), "2026-01-01T00:00:00Z".parse().unwrap())
        .with_added_dates(added.into_iter().collect())
        .normalize(path, text.as_bytes())
        .unwrap();
    assert_eq!(
        why(&p, "date").to_string(),
        "the date the file was added to version control"
    );
    assert_eq!(
        why(&p, "tags").to_string(),
        "skills named in the text: python, rust"
    );
}

#[test]
fn evidence_lists_exactly_the_inferred_fields_and_stated_ones_have_none() {
    let stated = "---\ntitle: Data Engineer\ncompany: Brook Data\ndate: 2025-01-05\nlocation: Oslo, Norway\nremote: false\n\
        employment_type: full-time\napply: https://brook.example/apply\ntags: [sql]\n---\n\nWe move data with SQL.\n";
    let p = normalize("content/data.md", stated);
    assert_eq!(p.inferred, Vec::<String>::new());
    assert!(p.evidence.is_empty(), "{:?}", p.evidence);

    let guessed = "Kestrel Ltd | Data Engineer | Oslo, Norway | ONSITE | https://kestrel.example/jobs/7\n\nSQL all day.\n";
    let p = normalize("content/hn.txt", guessed);
    let fields: Vec<&str> = p.evidence.iter().map(|e| e.field).collect();
    assert_eq!(fields, p.inferred);
}

#[test]
fn a_sentence_title_is_replaced_by_the_role_it_names_and_says_where() {
    let text = "We are a small cooperative of printers in Leeds, and our presses are getting old and tired.\n\n\
        So we need a Print Engineer to keep them running.\n\nWrite to press@inkwell.example.\n";
    let p = normalize("content/print.txt", text);
    assert_eq!(p.title, "Print Engineer");
    let (line, quote) = quoted(&p, "title");
    assert_eq!(line, Some(3));
    assert!(quote.contains("Print Engineer"), "{quote}");
}

#[test]
fn an_obfuscated_address_is_found_by_its_name() {
    let text = "Pottery Teacher\n\nTeach evening classes. Write to clay [at] kiln [dot] example.\n";
    let p = normalize("content/pottery.txt", text);
    assert_eq!(p.apply.as_deref(), Some("mailto:clay@kiln.example"));
    assert_quoted(
        &p,
        "apply",
        3,
        "Teach evening classes. Write to clay [at] kiln [dot] example.",
    );
}

#[test]
fn a_stated_summary_says_where_and_how_when_the_body_does_not() {
    let text = "---\ntitle: Pastry Chef\ncompany: Crumb & Co\nexcerpt: Join our bakery on site in Lyon or remotely.\n---\n\nWe bake at dawn.\n";
    let p = normalize("content/chef.md", text);
    assert_eq!(p.location, ["Lyon"]);
    assert_eq!(p.remote, Some(hireboard_posting::Remote::Remote));
    assert_eq!(quoted(&p, "location").0, Some(4));
}
