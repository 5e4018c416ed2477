//! The five real postings of SCHEMA.md normalize to what the contract says.

use hireboard::config::Config;
use hireboard::posting::{Format, Normalizer, Period, Posting, Remote};

fn normalize(name: &str) -> Posting {
    let path = format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let now = "2026-11-23T00:00:00Z".parse().unwrap();
    Normalizer::new(&Config::default().normalizing(), now)
        .normalize(&format!("content/{name}"), &bytes)
        .unwrap()
}

fn has_tags(p: &Posting, wanted: &[&str]) {
    for tag in wanted {
        assert!(
            p.tags.iter().any(|t| t == tag),
            "{tag} missing from {:?}",
            p.tags
        );
    }
}

#[test]
fn seed_000_pelican_blog_post() {
    let p = normalize("000_78e8db6fbf43979c.txt");
    assert_eq!(p.source.format, Format::Pelican);
    assert_eq!(p.title, "Mozilla Services is hiring");
    assert_eq!(p.company.as_deref(), Some("Mozilla"));
    assert!(
        p.date.unwrap().to_string().starts_with("2011-09-19T16:18"),
        "{:?}",
        p.date
    );
    has_tags(&p, &["mozilla", "python"]);
    assert_eq!(
        p.apply.as_deref(),
        Some("http://hire.jobvite.com/j/?cj=oWtFVfwJ&s=tarek")
    );
    assert!(p.inferred.contains(&"company".to_string()));
    assert!(p
        .slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
}

#[test]
fn seed_001_markdown_with_mojibake_badges() {
    let p = normalize("001_50f8f6ea95549d7b.txt");
    assert_eq!(p.source.format, Format::Markdown);
    assert_eq!(p.title, "Senior Software Engineer, Services");
    assert_eq!(p.company.as_deref(), Some("Mozilla"));
    assert_eq!(p.date, None);
    let salary = p.salary.as_ref().expect("salary");
    assert_eq!((salary.min, salary.max), (137_000.0, 199_000.0));
    assert_eq!(salary.currency, "USD");
    assert_eq!(salary.period, Period::Year);
    assert_eq!(p.location, ["Remote US"]);
    assert_eq!(p.remote, Some(Remote::Remote));
    assert_eq!(
        p.apply.as_deref(),
        Some("https://www.remotewlb.com/apply/senior-software-engineer-services-131081")
    );
    assert!(
        !p.body_html.contains('💰') && !p.body_html.contains("üí∞"),
        "badges stay out of the body"
    );
    assert!(p.body_html.contains("we’re shaping"), "mojibake repaired");
    assert!(!p.body_html.contains("‚Äô"));
    assert!(
        p.warnings.iter().any(|w| w.contains("mojibake")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn seed_002_rst_blog_post_is_not_a_job_ad() {
    let p = normalize("002_c10ae763269421d2.txt");
    assert_eq!(p.source.format, Format::Rst);
    assert_eq!(p.title, "French Services Hackaton #1");
    assert_eq!(p.company.as_deref(), Some("Mozilla"));
    assert!(
        p.date.unwrap().to_string().starts_with("2014-05-22T10:35"),
        "{:?}",
        p.date
    );
    has_tags(&p, &["python", "mozilla"]);
    assert_eq!(p.apply, None);
    assert!(
        p.warnings.iter().any(|w| w.contains("job ad")),
        "{:?}",
        p.warnings
    );
    assert!(
        p.body_html
            .contains("<strong>French Cloud Services</strong>"),
        "{}",
        p.body_html
    );
    assert!(
        p.body_html
            .contains("href=\"https://circus.readthedocs.org\""),
        "{}",
        p.body_html
    );
}

#[test]
fn seed_003_markdown_with_mailto() {
    let p = normalize("003_e0c8e24207796ab8.txt");
    assert_eq!(p.source.format, Format::Markdown);
    assert_eq!(p.title, "Software Developer, Autoscaling");
    assert_eq!(p.company.as_deref(), Some("Rackspace"));
    assert_eq!(p.date, None);
    assert_eq!(
        p.apply.as_deref(),
        Some("mailto:ken.wronkiewicz@rackspace.com")
    );
    has_tags(&p, &["python", "twisted"]);
}

#[test]
fn seed_004_oneline_with_literal_newlines() {
    let p = normalize("004_65ad51a07177c2e3.txt");
    assert_eq!(p.source.format, Format::Oneline);
    assert_eq!(p.title, "Backend Python Engineer");
    assert_eq!(p.company.as_deref(), Some("Olark"));
    assert_eq!(p.date, None);
    has_tags(&p, &["python", "twisted", "rabbitmq", "redis"]);
    let source = std::fs::read_to_string(format!(
        "{}/tests/fixtures/seeds/004_65ad51a07177c2e3.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let paragraphs = source.split("\\n").filter(|s| !s.trim().is_empty()).count();
    assert_eq!(
        p.body_html.matches("<p>").count(),
        paragraphs,
        "{}",
        p.body_html
    );
    assert!(!p.body_html.contains("\\n"));
    assert_eq!(p.salary, None, "\"$1K vacation bonus\" is not a salary");
}

#[test]
fn summaries_are_plain_and_short() {
    for name in [
        "000_78e8db6fbf43979c.txt",
        "001_50f8f6ea95549d7b.txt",
        "002_c10ae763269421d2.txt",
        "003_e0c8e24207796ab8.txt",
        "004_65ad51a07177c2e3.txt",
    ] {
        let p = normalize(name);
        assert!(p.summary.chars().count() <= 300, "{name}");
        assert!(!p.summary.is_empty(), "{name}");
        assert!(
            !p.summary.contains('<') && !p.summary.contains("**"),
            "{name}: {}",
            p.summary
        );
    }
}

#[test]
fn the_cached_record_follows_changes_made_to_a_clone() {
    let p = normalize("003_e0c8e24207796ab8.txt");
    assert_eq!(p.record_json(), serde_json::to_string(&p).unwrap());
    let mut renamed = p.clone();
    renamed.slug = "rackspace-otter".into();
    assert!(renamed
        .record_json()
        .contains("\"slug\":\"rackspace-otter\""));
    assert!(p
        .record_json()
        .contains("\"slug\":\"rackspace-software-developer-autoscaling\""));
}
