//! Who is hiring, for which role, and how to apply, read end to end from
//! postings written for these tests in the shapes people use.

use hireboard_posting::{Config, Normalizer, Posting};

fn normalize(path: &str, text: &str) -> Posting {
    let now = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
    Normalizer::new(&Config::default(), now)
        .normalize(path, text.as_bytes())
        .expect("normalizes")
}

/// (title, company, apply) of a posting.
fn read(path: &str, text: &str) -> (String, Option<String>, Option<String>) {
    let p = normalize(path, text);
    (p.title, p.company, p.apply)
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn an_hn_comment_applies_where_its_text_says_not_at_its_homepage() {
    let text = "Marrow Labs (YC W20) | Backend Engineer - Go, Postgres | Remote (EU) | https://marrow.example\n\n\
        We build tools for bakeries.\n\n\
        Questions? Ask at info@marrow.example.\n\n\
        Apply here: https://jobs.lever.co/marrow/1a2b3c\n";
    assert_eq!(
        read("hn.txt", text),
        (
            "Backend Engineer".into(),
            some("Marrow Labs"),
            some("https://jobs.lever.co/marrow/1a2b3c")
        )
    );
}

#[test]
fn an_hn_comment_ending_with_a_hidden_address() {
    let text = "Tallow | Firmware Developer | Leeds, UK | ONSITE | tallow.example\n\n\
        We make sensors for greenhouses.\n\n\
        Interested? No agencies please - jobs [at] tallow dotcom\n";
    let (title, company, apply) = read("hn.txt", text);
    assert_eq!(title, "Firmware Developer");
    assert_eq!(company, some("Tallow"));
    assert_eq!(apply, some("mailto:jobs@tallow.com"));
}

#[test]
fn a_front_matter_title_loses_its_organization_and_framing() {
    let text =
        "---\ntitle: \"Job Posting: Data Librarian (Remote)\"\ncompany: Ferndale College\n---\n\
        Ferndale College seeks a data librarian.\n\nSend your CV to hr@ferndale.example.\n";
    let p = normalize("a.md", text);
    assert_eq!(p.title, "Data Librarian");
    assert_eq!(p.company.as_deref(), Some("Ferndale College"));
    assert_eq!(p.apply.as_deref(), Some("mailto:hr@ferndale.example"));
    // The suffix still says the role may be remote.
    assert_eq!(p.remote, Some(hireboard_posting::Remote::Remote));
}

#[test]
fn the_institution_in_the_title_beats_a_department_in_the_metadata() {
    let text = "---\ntitle: Ridgeway University - Research Programmer\norganization: Department of Geology\n---\n\
        Apply online at https://ridgeway.example/careers/123\n";
    assert_eq!(
        read("b.md", text),
        (
            "Research Programmer".into(),
            some("Ridgeway University"),
            some("https://ridgeway.example/careers/123")
        )
    );
}

#[test]
fn of_several_stated_organizations_the_employer_not_the_sub_unit() {
    let text = "---\ntitle: Web Developer\norganization: Library\ncompany: Ridgeway University\n---\nText.\n";
    assert_eq!(
        normalize("c.md", text).company.as_deref(),
        Some("Ridgeway University")
    );
}

#[test]
fn a_french_post_names_its_employer_in_its_title() {
    let text = "---\ntitle: Brindille recrute un développeur ou une développeuse Rust\n---\n\
        Pour postuler, écrivez-nous : equipe@brindille.example\n";
    assert_eq!(
        read("d.md", text),
        (
            "Développeur ou développeuse Rust".into(),
            some("Brindille"),
            some("mailto:equipe@brindille.example")
        )
    );
}

#[test]
fn a_text_post_with_a_company_line_and_a_form() {
    let text = "Night Shift Baker\nCrumb & Co\n\nWe bake sourdough for the whole valley.\n\n\
        Please [fill out this form](https://forms.gle/abc123) to apply.\n";
    assert_eq!(
        read("e.txt", text),
        (
            "Night Shift Baker".into(),
            some("Crumb & Co"),
            some("https://forms.gle/abc123")
        )
    );
}

#[test]
fn prose_names_the_company_when_nothing_else_does() {
    let text = "# Senior Potter\n\nClaybank Studio is looking for an experienced potter.\n\n\
        See our [work on Instagram](https://instagram.com/claybank). Email studio@claybank.example to apply.\n";
    assert_eq!(
        read("f.md", text),
        (
            "Senior Potter".into(),
            some("Claybank Studio"),
            some("mailto:studio@claybank.example")
        )
    );
}

#[test]
fn a_sentence_first_line_gives_way_to_the_role_the_text_names() {
    let text = "Glimmer | Full-time | ONSITE | Oslo\n\n\
        Glimmer is building a platform for choirs that want to rehearse together from anywhere at all.\n\n\
        We need a Product Manager to shape it. Reach out: hi@glimmer.example\n";
    let (title, company, apply) = read("g.txt", text);
    assert_eq!(title, "Product Manager");
    assert_eq!(company, some("Glimmer"));
    assert_eq!(apply, some("mailto:hi@glimmer.example"));
}

#[test]
fn a_blog_post_is_not_a_job_ad_and_a_real_ad_is() {
    let picnic = normalize(
        "h.txt",
        "Our summer picnic\n\nWe ate cake by the river. Photos: https://photos.example/12\n",
    );
    assert_eq!(picnic.apply, None);
    assert!(picnic.warnings.iter().any(|w| w.contains("job ad")));
    let ad = normalize(
        "i.txt",
        "storyteller in residence\n\nWe are looking for someone to tell stories; the role is part-time.\n",
    );
    assert!(
        !ad.warnings.iter().any(|w| w.contains("job ad")),
        "{:?}",
        ad.warnings
    );
}

#[test]
fn an_apply_map_with_an_address_and_a_link_applies_at_the_link() {
    let text = "---\ntitle: Oven Engineer\ncompany: Kiln Co\napply:\n  email: jobs@kiln.example\n  url: https://kiln.example/jobs/oven\n---\nWe fire pots.\n";
    assert_eq!(
        read("oven.md", text).2,
        some("https://kiln.example/jobs/oven")
    );
    // Two keys of their own: the first stated one still wins.
    let text = "---\ntitle: Oven Engineer\napply_email: jobs@kiln.example\napply_url: https://kiln.example/jobs/oven\n---\nWe fire pots.\n";
    assert_eq!(read("oven.md", text).2, some("mailto:jobs@kiln.example"));
}

#[test]
fn a_jekyll_post_is_dated_by_its_file_name() {
    // The day as the record writes it, whatever type the model keeps it in.
    let day = |path: &str, text: &str| {
        let record: serde_json::Value =
            serde_json::from_str(normalize(path, text).record_json()).expect("JSON");
        record["date"].as_str().map(|d| d[..10].to_string())
    };
    let text = "---\ntitle: Oven Engineer\ncompany: Kiln Co\n---\nWe fire pots.\n";
    assert_eq!(
        day("_posts/2024-06-12-oven-engineer.md", text),
        some("2024-06-12")
    );
    assert!(normalize("_posts/2024-06-12-oven-engineer.md", text)
        .inferred
        .contains(&"date".to_string()));
    // A stated date wins, and a name that only starts with digits is no date.
    let stated = "---\ntitle: Oven Engineer\ndate: 2024-07-01\n---\nWe fire pots.\n";
    assert_eq!(
        day("_posts/2024-06-12-oven-engineer.md", stated),
        some("2024-07-01")
    );
    assert_eq!(day("2024-06-oven.md", text), None);
}
