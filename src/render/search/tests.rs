use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use super::*;
use crate::posting::{EmploymentType, Period, Remote, Salary, Status};
use crate::testing::example;

/// A site on UTC.
const UTC: TimeZone = TimeZone::UTC;

/// A deterministic pseudo-random board, shaped like `gen_corpus.py`'s.
pub(super) fn synthetic(n: usize, seed: u64) -> Vec<Posting> {
    const LEVELS: &[&str] = &["", "Senior ", "Staff ", "Junior ", "Principal ", "Lead "];
    const ROLES: &[&str] = &[
        "Backend Engineer",
        "Frontend Engineer",
        "Full-Stack Developer",
        "Site Reliability Engineer",
        "Data Engineer",
        "Machine Learning Engineer",
        "Platform Engineer",
        "Security Engineer",
        "Mobile Developer",
        "Embedded Software Engineer",
        "Engineering Manager",
        "QA Engineer",
        "Développeur C++",
        "Ingénieur .NET / C#",
        "Node.js Developer",
        "Technical Writer",
    ];
    const ADJ: &[&str] = &[
        "Acme", "Blue", "Bright", "Copper", "Delta", "Échelle", "Frost", "Golden", "Harbor",
        "Iron", "Jade", "Lumen", "Maple", "Nimbus", "Oak", "Quartz", "Sable", "Tidal", "Zephyr",
    ];
    const NOUN: &[&str] = &[
        "Labs", "Systems", "Health", "Data", "Cloud", "Bank", "Studio", "Bio",
    ];
    const TAGS: &[&str] = &[
        "python",
        "rust",
        "go",
        "java",
        "kotlin",
        "typescript",
        "react",
        "node",
        "django",
        "cpp",
        "csharp",
        "dotnet",
        "postgres",
        "redis",
        "kafka",
        "aws",
        "gcp",
        "kubernetes",
        "docker",
        "terraform",
        "linux",
        "security",
        "ml",
        "pytorch",
        "llm",
        "embedded",
        "graphql",
        "ci-cd",
        "sre",
        "fintech",
        "climate",
        "frontend",
        "backend",
        "mobile",
        "data-engineering",
    ];
    const PLACES: &[&str] = &[
        "Remote",
        "Remote (US)",
        "Berlin, Germany",
        "Paris, France",
        "Zürich, Switzerland",
        "New York, NY",
        "London, UK",
        "Toronto, Canada",
        "Dijon, France",
        "Tokyo, Japan",
    ];
    const SENTENCES: &[&str] = &[
        "We build tools that thousands of teams rely on every day.",
        "You will design, build and operate services that handle millions of requests.",
        "We care about clean code, automated testing and continuous delivery.",
        "You will work with a small, distributed team across several timezones.",
        "We value written communication, code review and pair programming.",
        "Experience with the stack is a plus, but we are happy to help you learn.",
        "Our code is open source, so you can keep us honest.",
    ];
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = |below: usize| -> usize {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    (0..n)
        .map(|i| {
            let company = format!("{} {}", ADJ[next(ADJ.len())], NOUN[next(NOUN.len())]);
            let title = format!("{}{}", LEVELS[next(LEVELS.len())], ROLES[next(ROLES.len())]);
            let mut tags: Vec<String> = (0..3 + next(5))
                .map(|_| TAGS[next(TAGS.len())].to_string())
                .collect();
            tags.sort();
            tags.dedup();
            // Whole hours, so that many postings share a minute.
            let minute = if next(50) == 0 {
                None
            } else {
                Some(next(320 * 24) * 60)
            };
            let date = minute.map(|m| {
                jiff::Timestamp::from_second(1_767_225_600 + m as i64 * 60)
                    .unwrap()
                    .to_string()
            });
            let low = (40 + 5 * next(36)) as f64 * 1000.0;
            let summary: Vec<&str> = (0..2 + next(3))
                .map(|_| SENTENCES[next(SENTENCES.len())])
                .collect();
            let slug = format!("{}-{}-{i}", slugify(&company), slugify(&title));
            let mut p = example(&slug, &title, Some(&company), date.as_deref());
            // In the order the generator draws them.
            p.expired = next(20) == 0;
            if p.expired {
                p.status = Status::Expired;
            }
            p.location = vec![PLACES[next(PLACES.len())].to_string()];
            p.remote = [
                None,
                Some(Remote::Remote),
                Some(Remote::Hybrid),
                Some(Remote::Onsite),
            ][next(4)];
            p.employment_type = [
                Some(EmploymentType::FullTime),
                Some(EmploymentType::Contract),
                None,
            ][next(3)];
            p.salary = (next(4) != 0).then(|| Salary {
                min: low,
                max: low + 20_000.0,
                currency: ["USD", "EUR", "GBP"][next(3)].to_string(),
                period: Period::Year,
                text: String::new(),
            });
            p.tags = tags;
            p.summary = summary.join(" ");
            p.body_html = String::new();
            p
        })
        .collect()
}

/// Limits small enough that a few hundred postings have whole lists and heads.
const SMALL: Limits = Limits {
    big: 40,
    head: 10,
    page: 8,
};

fn files(index: &SearchIndex) -> BTreeMap<String, String> {
    index
        .pages()
        .into_iter()
        .map(|p| (p.path, String::from_utf8(p.bytes).unwrap()))
        .collect()
}

fn meta(index: &SearchIndex) -> serde_json::Value {
    serde_json::from_slice(&index.page("search/meta.json").unwrap().bytes).unwrap()
}

#[test]
fn same_postings_same_files_whatever_their_order() {
    let postings = synthetic(500, 1);
    let a = SearchIndex::build(&Board::new(postings.clone()), &UTC);
    let b = SearchIndex::build(&Board::new(postings.into_iter().rev()), &UTC);
    assert_eq!(files(&a), files(&b));
    // Built in parallel: one thread must give the same files.
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let c = one_thread.install(|| SearchIndex::build(&Board::new(synthetic(500, 1)), &UTC));
    assert_eq!(files(&a), files(&c));
    let paths: Vec<String> = a.pages().into_iter().map(|p| p.path).collect();
    assert!(paths.is_sorted() && paths.iter().all(|p| p.starts_with("search/")));
    // A build takes the files without copying them: the same files.
    let copied = a.pages();
    let taken = a.into_pages();
    assert!(!taken.is_empty());
    assert!(taken
        .iter()
        .zip(&copied)
        .all(|(t, c)| (&t.path, &t.bytes) == (&c.path, &c.bytes)));
    assert_eq!(taken.len(), copied.len());
}

#[test]
fn indexes_only_open_postings() {
    let board = Board::new(synthetic(300, 2));
    let index = SearchIndex::build(&board, &UTC);
    assert_eq!(meta(&index)["count"], board.open.len());
    let records: String = files(&index)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/records/"))
        .map(|(_, text)| text)
        .collect();
    for p in &board.postings {
        let url = format!("\"jobs/{}/\"", p.slug);
        assert_eq!(records.contains(&url), !p.status.is_closed(), "{}", p.slug);
    }
}

#[test]
fn a_term_is_in_the_shard_its_prefix_names() {
    let board = Board::new(synthetic(2000, 3));
    let index = SearchIndex::build(&board, &UTC);
    let posting = &board.postings[board.open[7]];
    let id = index.ids[&posting.slug];
    let shards = meta(&index)["shards"].clone();
    for term in tokenize(&posting.title) {
        let prefix = &term[..term.len().min(PREFIX)];
        assert!(shards.as_array().unwrap().contains(&prefix.into()));
        let path = format!("search/terms/{prefix}.json");
        let shard: serde_json::Value =
            serde_json::from_slice(&index.page(&path).unwrap().bytes).unwrap();
        let entry = shard[&term].as_array().unwrap();
        // Whole in the shard, or in pages named by their newest id.
        let lists: Vec<serde_json::Value> = match entry.as_slice() {
            [_, list] => vec![list.clone()],
            [n, _, pages] => {
                assert!(n.as_u64().unwrap() as usize > LIMITS.big);
                let mut first = 0;
                let starts = codec::decode(pages.as_str().unwrap());
                let starts = starts.iter().enumerate().map(|(k, &v)| {
                    first = if k == 0 { v } else { first - v };
                    first
                });
                let paths: Vec<String> = starts
                    .map(|first| format!("search/lists/{term}/{first}.json"))
                    .collect();
                paths
                    .iter()
                    .map(|path| serde_json::from_slice(&index.page(path).unwrap().bytes).unwrap())
                    .collect()
            }
            _ => panic!("{entry:?}"),
        };
        let mut ids: Vec<u64> = Vec::new();
        for list in lists {
            let mut previous = 0;
            for (k, v) in codec::decode(list.as_str().unwrap())
                .into_iter()
                .enumerate()
            {
                previous = if k == 0 { v / 32 } else { previous - v / 32 };
                ids.push(previous);
            }
        }
        assert!(
            ids.windows(2).all(|w| w[0] > w[1]),
            "{term}: pages in order"
        );
        assert!(ids.contains(&id), "{term}");
    }
}

#[test]
fn larger_ids_are_newer() {
    let board = Board::new(synthetic(1000, 4));
    let index = SearchIndex::build(&board, &UTC);
    let mut by_id: Vec<(u64, &Posting)> = board
        .open
        .iter()
        .map(|&i| (index.ids[&board.postings[i].slug], &*board.postings[i]))
        .collect();
    by_id.sort_by_key(|(id, _)| *id);
    // The posting's own date, not the index's idea of it.
    let minute = |p: &Posting| {
        let i = board.posting_index(&p.slug).unwrap();
        board.date(i).map_or(0, |t| (t.as_second() / 60) as u64)
    };
    assert!(by_id.windows(2).all(|w| minute(w[0].1) <= minute(w[1].1)));
    assert!(by_id.iter().all(|(id, p)| *id >= minute(p)));
}

#[test]
fn an_edit_search_does_not_show_changes_no_file() {
    let live = synthetic(50, 6);
    let mut index = SearchIndex::build_with(&Board::new(live.clone()), &UTC, SMALL);
    let old = live.iter().find(|p| !p.status.is_closed()).unwrap();
    let mut new = old.clone();
    new.body_html.push_str("<p>One more paragraph.</p>");
    assert!(index.replace(Some(old), Some(&new)).is_empty());
    new.summary.push_str(" Kubernetes");
    assert!(!index.replace(Some(old), Some(&new)).is_empty());
}

#[test]
fn replace_gives_what_a_fresh_build_gives() {
    let pool = synthetic(400, 5);
    let mut live: Vec<Posting> = pool[..300].to_vec();
    let mut index = SearchIndex::build_with(&Board::new(live.clone()), &UTC, SMALL);
    let mut state = 7u64;
    for step in 0..60 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let pick = (state >> 33) as usize;
        let (old, new) = match step % 4 {
            0 => (None, Some(pool[300 + step].clone())),
            1 => (Some(live[pick % live.len()].clone()), None),
            2 => {
                // Same slug, new date: the posting moves among its neighbours.
                let old = live[pick % live.len()].clone();
                let mut new = old.clone();
                new.date = live[(pick / 7) % live.len()].date;
                new.title = format!("{} Rust", old.title);
                (Some(old), Some(new))
            }
            _ => {
                let old = live[pick % live.len()].clone();
                let mut new = old.clone();
                new.status = if old.status.is_closed() {
                    Status::Published
                } else {
                    Status::Expired
                };
                new.expired = new.status.is_closed();
                (Some(old), Some(new))
            }
        };
        let before = files(&index);
        let changed = index.replace(old.as_ref(), new.as_ref());
        live.retain(|p| Some(&p.slug) != old.as_ref().map(|o| &o.slug));
        live.extend(new);
        let fresh = SearchIndex::build_with(&Board::new(live.clone()), &UTC, SMALL);
        let after = files(&index);
        assert!(after == files(&fresh), "step {step}");
        let really: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|p| before.get(*p) != after.get(*p))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(changed.iter().collect::<Vec<_>>(), really, "step {step}");
    }
}

#[test]
fn an_edit_rewrites_few_files() {
    let postings = synthetic(3000, 6);
    let board = Board::new(postings);
    let mut index = SearchIndex::build(&board, &UTC);
    let old = (*board.postings[board.open[100]]).clone();
    let mut new = old.clone();
    new.title = "Staff Rust Engineer".into();
    let changed = index.replace(Some(&old), Some(&new));
    assert!(changed.len() < 12, "{changed:?}");
    assert!(changed.iter().any(|p| p == "search/terms/ru.json"));
    assert!(changed.iter().any(|p| p.starts_with("search/records/")));
}

#[test]
fn files_stay_small() {
    let index = SearchIndex::build(&Board::new(synthetic(20_000, 8)), &UTC);
    for page in index.pages() {
        let limit = if page.path.starts_with("search/lists/") {
            128
        } else {
            24
        };
        assert!(
            page.bytes.len() < limit * 1024,
            "{} is {} bytes",
            page.path,
            page.bytes.len()
        );
    }
}

#[test]
fn salaries_are_made_yearly() {
    let salary = |max: f64, period| Salary {
        min: max / 2.0,
        max,
        currency: "EUR".into(),
        period,
        text: String::new(),
    };
    assert_eq!(yearly(&salary(50.0, Period::Hour)), 104_000.0);
    assert_eq!(yearly(&salary(400.0, Period::Day)), 104_000.0);
    assert_eq!(yearly(&salary(2000.0, Period::Week)), 104_000.0);
    assert_eq!(yearly(&salary(8000.0, Period::Month)), 96_000.0);
    assert_eq!(yearly(&salary(120_000.0, Period::Year)), 120_000.0);
    // The record carries the yearly figure beside the posting's own.
    let mut p = example("hourly", "Night Nurse", Some("Clinic"), None);
    p.salary = Some(salary(45.5, Period::Hour));
    let index = SearchIndex::build(&Board::new([p]), &UTC);
    let records = &files(&index)["search/records/0.json"];
    assert!(
        records.contains(r#"[22.75,45.5,"EUR","hour",94640]"#),
        "{records}"
    );
    // Its band, in its currency, for the salary filter.
    assert!(index.page("search/facets/salary/eur-75000.json").is_some());
    assert_eq!(meta(&index)["salary_bands"][3], 75_000);
}

#[test]
fn tail_files_name_every_term_by_its_tail() {
    let mut a = example("a", "Python Kubernetes", Some("Acme"), None);
    a.summary = "Go and Rust.".into();
    let index = SearchIndex::build(&Board::new([a.clone()]), &UTC);
    let all = files(&index);
    // `python` is `pyt` + `hon`, in the file of `ho`; `rust` is `rus` + `t`.
    assert_eq!(all["search/tails/ho.json"], r#"{"hon":"pyt"}"#);
    assert_eq!(all["search/tails/t.json"], r#"{"t":"rus"}"#);
    assert!(all["search/tails/er.json"].contains(r#""ernetes":"kub""#));
    // `go` (three letters or fewer) has no tail; `acme` has `e`.
    let tail_files: Vec<&str> = all
        .keys()
        .filter_map(|p| p.strip_prefix("search/tails/"))
        .collect();
    assert_eq!(tail_files, ["e.json", "er.json", "ho.json", "t.json"]);
    let tails = meta(&index)["tails"].clone();
    assert!(tails.as_array().unwrap().contains(&"ho".into()), "{tails}");
    // Removing the last posting with a term removes it from its tail file.
    let mut index = index;
    let mut new = a.clone();
    new.title = "Kubernetes".into();
    let changed = index.replace(Some(&a), Some(&new));
    assert!(
        changed.contains(&"search/tails/ho.json".to_string()),
        "{changed:?}"
    );
    assert!(index.page("search/tails/ho.json").is_none());
}

/// The fixture `tests/js/` runs the client against: regenerated by this
/// test when `HIREBOARD_UPDATE_FIXTURE=1`, else compared with it.
#[test]
fn js_fixture_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/fixture");
    let mut postings = synthetic(150, 9);
    postings[0].title = "Ingénieur Logiciel C++ / .NET".into();
    postings[0].summary = "Straße, ØRESUND, Zürich and 北京: Node.js, C#.".into();
    postings[0].expired = false;
    postings[0].status = Status::Published;
    // Wages by the hour, day and month, for the salary filter.
    for (p, (max, currency, period)) in postings[1..].iter_mut().zip([
        (60.0, "USD", Period::Hour),
        (7000.0, "EUR", Period::Month),
        (500.0, "GBP", Period::Day),
        (45.0, "EUR", Period::Hour),
    ]) {
        p.salary = Some(Salary {
            min: max * 0.8,
            max,
            currency: currency.into(),
            period,
            text: String::new(),
        });
    }
    let index = SearchIndex::build_with(&Board::new(postings.clone()), &UTC, SMALL);
    let samples = [
        "Développeur C++ à Zürich",
        "C#/.NET, Node.js & TypeScript",
        "Straße ØRESUND 北京 — ½ time",
        "c++11 5+ years e.g. U.S.",
        "the Senior engineer for you",
    ];
    let tokens: Vec<(&str, Vec<String>)> = samples.iter().map(|s| (*s, tokenize(s))).collect();
    let mut expected = files(&index);
    expected.insert(
        "tokens.json".into(),
        serde_json::to_string_pretty(&tokens).unwrap() + "\n",
    );
    let postings_json: Vec<_> = Board::new(postings)
        .postings
        .iter()
        .filter(|p| !p.status.is_closed())
        .map(|p| {
            serde_json::json!({"slug": p.slug, "title": p.title, "date": p.date, "company_slug": p.company_slug,
                "tags": p.tags, "remote": p.remote, "employment_type": p.employment_type,
                "salary": p.salary, "location": p.location, "summary": p.summary, "company": p.company})
        })
        .collect();
    expected.insert(
        "postings.json".into(),
        serde_json::to_string(&postings_json).unwrap() + "\n",
    );

    if std::env::var_os("HIREBOARD_UPDATE_FIXTURE").is_some() {
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in &expected {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
    }
    let actual: BTreeMap<String, String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (path, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    assert!(
        actual == expected,
        "tests/js/fixture is stale: rerun with HIREBOARD_UPDATE_FIXTURE=1"
    );
}

/// `HIREBOARD_SEARCH_BENCH=/tmp/out cargo test --release --lib search::tests::bench -- --ignored --nocapture`
#[test]
#[ignore]
fn bench() {
    let out =
        std::env::var("HIREBOARD_SEARCH_BENCH").unwrap_or_else(|_| "/tmp/search-bench".into());
    for n in [10_000, 100_000] {
        let board = Board::new(synthetic(n, 42));
        let started = Instant::now();
        let index = SearchIndex::build(&board, &UTC);
        let built = started.elapsed();
        let pages = index.pages();
        let total: usize = pages.iter().map(|p| p.bytes.len()).sum();
        let largest = pages.iter().max_by_key(|p| p.bytes.len()).unwrap();
        let largest_shard = pages
            .iter()
            .filter(|p| p.path.starts_with("search/terms/"))
            .max_by_key(|p| p.bytes.len())
            .unwrap();
        let mut edited = index.clone();
        let old = (*board.postings[board.open[n / 2]]).clone();
        let mut new = old.clone();
        new.title = "Staff Rust Engineer".into();
        let started = Instant::now();
        let changed = edited.replace(Some(&old), Some(&new));
        let replaced = started.elapsed();
        println!(
            "{n} postings ({} open): build {built:?}, {} files, {} KB total, largest {} ({} KB), largest shard {} ({} KB), meta {} KB; replace {replaced:?} rewrote {} files",
            board.open.len(),
            pages.len(),
            total / 1024,
            largest.path,
            largest.bytes.len() / 1024,
            largest_shard.path,
            largest_shard.bytes.len() / 1024,
            index.page("search/meta.json").unwrap().bytes.len() / 1024,
            changed.len(),
        );
        let dir = Path::new(&out).join(n.to_string());
        let _ = std::fs::remove_dir_all(&dir);
        for page in pages {
            let file = dir.join(&page.path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, page.bytes).unwrap();
        }
    }
}

#[test]
fn a_record_shows_the_day_the_pages_show() {
    // 23:30 on 1 March in California is already 2 March on a UTC site.
    let written = "2026-03-01T23:30:00-08:00";
    let posting = example("late", "Night Baker", Some("Moonrise"), Some(written));
    let index = SearchIndex::build(&Board::new(vec![posting]), &UTC);
    let records: String = files(&index)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/records/"))
        .map(|(_, text)| text)
        .collect();
    let page_day = DateView::of(written.parse().unwrap(), &UTC);
    assert_eq!(page_day.datetime, "2026-03-02");
    assert_eq!(page_day.text, "2 Mar 2026");
    assert!(records.contains("\"2026-03-02\""), "{records}");
    assert!(!records.contains("2026-03-01"), "{records}");
}
