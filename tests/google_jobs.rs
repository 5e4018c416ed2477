//! What Google's job search reads of a board: every open posting's JSON-LD
//! checked against the properties Google's `JobPosting` documentation
//! requires and recommends, on the board fixture and the profiles fixture;
//! the remote feed; the Apply button of postings whose apply address was
//! found in their text.

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

/// Google requires these on every posting, and `jobLocation` unless the job
/// is fully remote (see [`check_required`]).
const REQUIRED: &[&str] = &["datePosted", "description", "hiringOrganization", "title"];
/// Google recommends these; a posting has each when it states the fact
/// behind it (see [`check_recommended`]).
const RECOMMENDED: &[&str] = &[
    "applicantLocationRequirements",
    "baseSalary",
    "directApply",
    "employmentType",
    "identifier",
    "jobLocationType",
    "validThrough",
];

fn built(site: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    common::build_ok(&common::site_dir(site), &out, &[]);
    let files = common::read_tree(&out);
    (dir, files)
}

fn text<'f>(files: &'f BTreeMap<String, Vec<u8>>, path: &str) -> &'f str {
    std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

/// The JSON-LD of each page that has one, by page.
fn job_postings(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, Value> {
    let open = r#"<script type="application/ld+json">"#;
    common::html_files(files)
        .into_iter()
        .filter_map(|(path, html)| {
            let start = html.find(open)? + open.len();
            let end = start + html[start..].find("</script>").unwrap();
            Some((path, serde_json::from_str(&html[start..end]).unwrap()))
        })
        .collect()
}

/// The open postings' records, by page.
fn records(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Value> {
    let api: Value = serde_json::from_slice(&files["api/postings.json"]).unwrap();
    let records = api.as_array().unwrap().iter();
    records
        .map(|r| {
            let page = format!("jobs/{}/index.html", r["slug"].as_str().unwrap());
            (page, r.clone())
        })
        .collect()
}

/// A posting that names no place at all cannot have a `jobLocation`; `check`
/// warns about it (`no-location`).
fn check_required(page: &str, ld: &Value, record: &Value) {
    for key in REQUIRED {
        assert!(ld.get(key).is_some(), "{page}: no {key}");
    }
    assert_eq!(ld["@type"], "JobPosting", "{page}");
    assert_eq!(ld["hiringOrganization"]["@type"], "Organization", "{page}");
    assert!(ld["hiringOrganization"]["name"].is_string(), "{page}");
    let remote = ld.get("jobLocationType").is_some();
    if remote {
        assert_eq!(ld["jobLocationType"], "TELECOMMUTE", "{page}");
    } else if record["location"] != serde_json::json!([]) {
        let places = ld["jobLocation"].as_array();
        let places = places.unwrap_or_else(|| panic!("{page}: not remote, no jobLocation"));
        for place in places {
            assert_eq!(place["@type"], "Place", "{page}");
            assert_eq!(place["address"]["@type"], "PostalAddress", "{page}");
            assert!(
                place["address"]["addressCountry"].is_string(),
                "{page}: {place}"
            );
        }
    }
    let date = ld["datePosted"].as_str().unwrap();
    assert!(date.parse::<jiff::Timestamp>().is_ok(), "{page}: {date}");
}

/// Each recommended property is there when the posting states what it says.
fn check_recommended(page: &str, ld: &Value, record: &Value) {
    let has = |key: &str| ld.get(key).is_some();
    assert!(has("identifier"), "{page}");
    // From `expires`, or `date` and the site's `expire_after_days`: an
    // undated posting outside git has none (and `check` says so).
    assert_eq!(
        ld.get("validThrough"),
        record.get("expires").filter(|e| !e.is_null()),
        "{page}"
    );
    assert_eq!(ld["identifier"]["@type"], "PropertyValue", "{page}");
    assert_eq!(ld["identifier"]["value"], record["slug"], "{page}");
    assert_eq!(has("baseSalary"), !record["salary"].is_null(), "{page}");
    assert_eq!(
        has("employmentType"),
        !record["employment_type"].is_null(),
        "{page}"
    );
    assert_eq!(has("directApply"), !record["apply"].is_null(), "{page}");
    assert_eq!(
        has("jobLocationType"),
        record["remote"] == "remote",
        "{page}"
    );
    if let Some(areas) = ld.get("applicantLocationRequirements") {
        assert!(has("jobLocationType"), "{page}: only remote jobs say it");
        for area in areas.as_array().unwrap() {
            let kind = area["@type"].as_str().unwrap();
            assert!(["Country", "AdministrativeArea"].contains(&kind), "{page}");
            assert!(area["name"].is_string(), "{page}");
        }
    }
}

#[test]
fn every_open_posting_has_what_google_requires_and_recommends() {
    for site in ["board", "profiles"] {
        let (_dir, files) = built(site);
        let records = records(&files);
        let lds = job_postings(&files);
        let pages: Vec<&String> = records.keys().collect();
        let with_ld: Vec<&str> = lds.keys().copied().collect();
        assert_eq!(pages, with_ld, "{site}: JSON-LD on open postings, only");
        for (page, ld) in &lds {
            check_required(page, ld, &records[*page]);
            check_recommended(page, ld, &records[*page]);
        }
        // The fixture states every fact Google asks for somewhere.
        for key in RECOMMENDED.iter().chain(REQUIRED).chain(&["jobLocation"]) {
            assert!(
                lds.values().any(|ld| ld.get(key).is_some()),
                "{site}: {key}"
            );
        }
    }
}

#[test]
fn places_are_addresses_and_remote_jobs_say_where_applicants_may_live() {
    let (_dir, files) = built("profiles");
    let lds = job_postings(&files);
    let ld = |slug: &str| &lds[format!("jobs/{slug}/index.html").as_str()];

    let address = &ld("tidewater-ferries-deckhand")["jobLocation"][0]["address"];
    assert_eq!(address["addressLocality"], "Halifax");
    assert_eq!(address["addressRegion"], "Nova Scotia");
    assert_eq!(address["addressCountry"], "CA");
    // A hybrid job is not TELECOMMUTE: it has a place of work.
    let clerk = ld("tidewater-ferries-ticket-office-clerk");
    assert!(clerk.get("jobLocationType").is_none());
    assert_eq!(clerk["jobLocation"][0]["address"]["addressCountry"], "FR");

    let us = ld("northwind-labs-data-engineer");
    assert_eq!(us["jobLocationType"], "TELECOMMUTE");
    assert!(us.get("jobLocation").is_none(), "Remote US is no address");
    assert_eq!(
        us["applicantLocationRequirements"],
        serde_json::json!([{"@type": "Country", "name": "US"}])
    );
    let eu = ld("northwind-labs-marine-forecaster")["applicantLocationRequirements"]
        .as_array()
        .unwrap();
    let countries: Vec<&str> = eu.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(countries.len(), 27, "{countries:?}");
    assert!(countries.contains(&"PL") && !countries.contains(&"CH"));

    // What the profile gives the hiring organization, as absolute URLs.
    assert_eq!(
        ld("tidewater-ferries-deckhand")["hiringOrganization"],
        serde_json::json!({
            "@type": "Organization",
            "name": "Tidewater Ferries",
            "sameAs": "https://www.tidewater-ferries.example/",
            "logo": "https://harbour.example/board/logos/tidewater.svg"
        })
    );
    // A company without a profile: its name alone.
    assert_eq!(
        ld("port-of-gdansk-authority-harbour-pilot")["hiringOrganization"],
        serde_json::json!({"@type": "Organization", "name": "Port of Gdansk Authority"})
    );
}

#[test]
fn remote_jobs_have_a_feed() {
    let (_dir, files) = built("profiles");
    let feed = text(&files, "remote/atom.xml");
    common::xml::check_xml(feed);
    assert!(feed.contains("<title>Remote jobs · Harbour Jobs</title>"));
    assert!(feed.contains(
        r#"<link rel="self" type="application/atom+xml" href="https://harbour.example/board/remote/atom.xml"/>"#
    ));
    let entries: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| &e[e.find("<title>").unwrap() + 7..e.find("</title>").unwrap()])
        .collect();
    // The fully remote postings, newest first; not the hybrid one.
    assert_eq!(entries, ["Data Engineer", "Marine Forecaster"]);

    let remote = text(&files, "remote/index.html");
    let link = r#"<link rel="alternate" type="application/atom+xml" title="Remote jobs" href="/board/remote/atom.xml">"#;
    assert!(remote.contains(link), "in the remote page's head");
    assert!(remote.contains(r#"<a href="/board/remote/atom.xml">Atom feed of remote jobs</a>"#));
    // Listed with the site's feeds on every page.
    let home = text(&files, "index.html");
    assert!(home.contains(r#"<a href="/board/remote/atom.xml">Remote jobs feed</a>"#));
    assert!(!home.contains(link), "only the remote page announces it");
}

#[test]
fn an_apply_address_found_in_the_text_makes_an_apply_button() {
    let (_dir, files) = built("profiles");
    let button = |slug: &str| {
        let page = text(&files, &format!("jobs/{slug}/index.html"));
        let at = page.find(r#"<a class="apply" href=""#)?;
        let rest = &page[at..];
        Some(rest[..rest.find("</a>").unwrap() + 4].to_string())
    };
    assert_eq!(
        button("tidewater-ferries-deckhand").as_deref(),
        Some(
            r#"<a class="apply" href="mailto:crewing@tidewater-ferries.example">Apply by email</a>"#
        )
    );
    assert_eq!(
        button("northwind-labs-data-engineer").as_deref(),
        Some(
            r#"<a class="apply" href="https://northwind.example/jobs/data-engineer">Apply for this job</a>"#
        )
    );
    assert!(button("port-of-gdansk-authority-harbour-pilot")
        .unwrap()
        .contains("mailto:pilots@port.example"));
}

#[test]
fn every_demo_posting_with_an_apply_link_has_the_button() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    common::build_demo(&out);
    let files = common::read_tree(&out);
    let records = records(&files);
    assert!(records.len() >= 5);
    for (page, record) in &records {
        let html = text(&files, page);
        match record["apply"].as_str() {
            Some(apply) => assert!(
                html.contains(&format!(
                    r#"<a class="apply" href="{}">"#,
                    apply.replace('&', "&amp;")
                )),
                "{page}: {apply}"
            ),
            None => assert!(!html.contains(r#"class="apply""#), "{page}"),
        }
    }
}
