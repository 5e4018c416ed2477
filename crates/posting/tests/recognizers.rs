//! Place, remote, employment-type and salary recognizers seen through whole
//! postings, as an editor would check them in `hireboard inspect`.

use hireboard_posting::{Config, EmploymentType, Normalizer, Period, Posting, Remote};

fn normalize(name: &str, text: &str) -> Posting {
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    Normalizer::new(&Config::default(), now)
        .normalize(name, text.as_bytes())
        .unwrap()
}

fn salary_of(p: &Posting) -> (f64, f64, &str, Period) {
    let salary = p.salary.as_ref().expect("a salary");
    (
        salary.min,
        salary.max,
        salary.currency.as_str(),
        salary.period,
    )
}

#[test]
fn remote_values_boards_use() {
    for (value, expected) in [
        ("full", Remote::Remote),
        ("fully", Remote::Remote),
        ("partial", Remote::Hybrid),
        ("flexible", Remote::Hybrid),
        ("no", Remote::Onsite),
    ] {
        let text = format!("---\ntitle: Data Engineer\nremote: {value}\n---\nWe move data.\n");
        let p = normalize("jobs/data.md", &text);
        assert_eq!(p.remote, Some(expected), "remote: {value}");
        assert!(!p.inferred.contains(&"remote".to_string()));
    }
}

#[test]
fn a_place_in_the_body_and_its_dollar() {
    let p = normalize(
        "jobs/victoria.md",
        "# Platform Developer\n\nThe role is based in Victoria, BC. Salary: $95,000 - $110,000 per year.\n",
    );
    assert_eq!(p.location, ["Victoria, BC"]);
    assert!(p.inferred.contains(&"location".to_string()));
    assert_eq!(salary_of(&p), (95000.0, 110000.0, "CAD", Period::Year));
}

#[test]
fn an_hn_line_with_type_and_arrangement_in_the_pay_field() {
    let p = normalize(
        "hn/acme.txt",
        "Acme Maps | Backend Engineer | Berlin, Germany | €70k-€85k, Full Time, onsite\n\nWe draw maps for cyclists.\n",
    );
    assert_eq!(p.employment_type, Some(EmploymentType::FullTime));
    assert_eq!(p.remote, Some(Remote::Onsite));
    assert_eq!(p.location, ["Berlin, Germany"]);
}

#[test]
fn thousands_a_year_without_k() {
    let p = normalize(
        "hn/north.txt",
        "North Ledger | Toronto, ON | Onsite | Senior Developer | CAD$85-110 + equity\n\nBooks for small shops.\n",
    );
    assert_eq!(salary_of(&p), (85000.0, 110000.0, "CAD", Period::Year));
}

#[test]
fn a_contract_stated_for_this_role_beats_the_team_around_it() {
    let p = normalize(
        "jobs/contract.md",
        "# Frontend Developer\n\nOur full-time team of six is hiring.\n\nThis is a 6-month contract, based in Porto.\n",
    );
    assert_eq!(p.employment_type, Some(EmploymentType::Contract));
    assert_eq!(p.location, ["Porto"]);
}

#[test]
fn a_bare_figure_is_in_the_sites_currency() {
    let euro_site = Config {
        default_currency: "EUR".into(),
        ..Config::default()
    };
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let normalizer = Normalizer::new(&euro_site, now);
    let badge = "# Pastry Chef\n\n`💰 50k` `🕒 Full-time`\n\nWe bake for the whole town.\n";
    let hn = "Crumb & Co | Pastry Chef | Lyon | 50k | https://crumb.example/jobs\n\nWe bake.\n";
    for (name, text) in [("jobs/badge.md", badge), ("jobs/hn.txt", hn)] {
        let p = normalizer.normalize(name, text.as_bytes()).unwrap();
        assert_eq!(
            salary_of(&p),
            (50000.0, 50000.0, "EUR", Period::Year),
            "{name}"
        );
    }
}
