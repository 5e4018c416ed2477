//! Tags: explicit ones canonicalized, plus skills recognized in the text.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::{Match, Regex};

use crate::slugify;

/// Built-in skills: canonical tag, then the names it is written as, `|`
/// separated. A name's prefix says how much evidence it needs in free text,
/// because many skills are also English words (see [`Rule`]): none = any
/// case, `^` = capitalized, `~` = capitalized and mid-sentence or in a skill
/// context, `!` = exactly as written here and in a skill context.
const BUILT_IN: &[(&str, &str)] = &[
    ("python", "python|python3|python 3|cpython"),
    ("rust", "^rust|rustlang"),
    ("go", "!Go|golang"),
    ("java", "^java"),
    ("kotlin", "kotlin"),
    ("swift", "~swift|swiftui"),
    ("objective-c", "objective-c|objective c|objc"),
    ("javascript", "javascript|js|ecmascript|es6"),
    ("typescript", "typescript"),
    ("react", "~react|react.js|reactjs"),
    ("react-native", "react native|react-native"),
    ("vue", "^vue|vue.js|vuejs"),
    ("angular", "^angular|angularjs|angular.js"),
    ("svelte", "svelte|sveltekit"),
    ("nodejs", "node.js|nodejs|node js|~node"),
    ("express", "!Express|express.js|expressjs"),
    ("django", "django"),
    ("flask", "^flask"),
    ("fastapi", "fastapi"),
    ("rails", "^rails|ruby on rails"),
    ("ruby", "^ruby"),
    ("php", "php"),
    ("laravel", "laravel"),
    ("elixir", "^elixir"),
    ("erlang", "erlang|erlang/otp"),
    ("scala", "^scala"),
    ("clojure", "clojure|clojurescript"),
    ("haskell", "haskell"),
    ("ocaml", "ocaml"),
    ("c", "!C"),
    ("cpp", "c++|cpp|cplusplus"),
    ("csharp", "c#|csharp"),
    ("fsharp", "f#|fsharp"),
    ("dotnet", ".net|dotnet|asp.net|.net core"),
    ("r", "!R"),
    ("perl", "perl"),
    ("lua", "^lua"),
    ("dart", "~dart"),
    ("sql", "sql"),
    ("html", "html|html5"),
    ("css", "css|css3"),
    ("postgres", "postgres|postgresql"),
    ("mysql", "mysql"),
    ("sqlite", "sqlite|sqlite3"),
    ("redis", "redis"),
    ("memcached", "memcached|memcache"),
    ("kafka", "kafka|apache kafka"),
    ("rabbitmq", "rabbitmq|rabbit mq"),
    ("zeromq", "zeromq|zmq"),
    ("elasticsearch", "elasticsearch|elastic search"),
    ("cassandra", "^cassandra|apache cassandra"),
    ("mongodb", "mongodb|^mongo"),
    ("dynamodb", "dynamodb|dynamo db"),
    ("spark", "~spark|apache spark|pyspark"),
    ("hadoop", "hadoop|hdfs"),
    ("airflow", "^airflow|apache airflow"),
    ("dbt", "dbt"),
    ("snowflake", "^snowflake"),
    ("bigquery", "bigquery|big query"),
    ("redshift", "^redshift"),
    ("aws", "aws|amazon web services|ec2"),
    ("gcp", "gcp|google cloud|google cloud platform"),
    ("azure", "^azure|microsoft azure"),
    ("kubernetes", "kubernetes|k8s"),
    ("docker", "docker"),
    ("terraform", "terraform"),
    ("ansible", "ansible"),
    ("linux", "linux"),
    ("yocto", "yocto|yocto project"),
    ("buildroot", "buildroot"),
    ("freertos", "freertos"),
    ("graphql", "graphql"),
    ("grpc", "grpc"),
    ("protobuf", "protobuf|protocol buffers"),
    ("twisted", "~twisted"),
    ("asyncio", "asyncio"),
    ("tokio", "tokio"),
    ("wasm", "wasm|webassembly"),
    ("ios", "ios"),
    ("android", "android"),
    ("flutter", "^flutter"),
    ("pytorch", "pytorch"),
    ("tensorflow", "tensorflow"),
    ("numpy", "numpy"),
    ("pandas", "^pandas|!pandas"),
    ("scikit-learn", "scikit-learn|scikit learn|sklearn"),
    ("thrift", "~thrift|apache thrift"),
    ("nginx", "nginx"),
    ("gunicorn", "gunicorn"),
    ("storm", "~storm|apache storm"),
    ("ejabberd", "ejabberd"),
    ("openstack", "openstack"),
    ("prometheus", "^prometheus"),
    ("grafana", "grafana"),
    ("jquery", "jquery"),
    ("sqlalchemy", "sqlalchemy"),
    ("phoenix", "!Phoenix|phoenix framework|phoenix liveview"),
    ("redux", "redux"),
    ("symfony", "symfony"),
    ("celery", "^celery"),
    (
        "spring",
        "!Spring|spring boot|spring framework|spring mvc|springboot",
    ),
    ("webpack", "webpack"),
    ("sphinx", "~sphinx"),
    ("tdd", "tdd|test-driven development|test driven development"),
    ("cuda", "cuda"),
    ("machine-learning", "machine learning|machine-learning|!ML"),
    ("i18n", "i18n|internationalization|internationalisation"),
    ("git", "git"),
    ("scrum", "scrum"),
    ("tornado", "~tornado"),
    ("sales", "^sales"),
    ("marketing", "^marketing"),
    ("restructuredtext", "restructuredtext|!RST"),
    ("nextjs", "next.js|nextjs"),
    ("tailwind", "tailwind|tailwindcss"),
    ("sass", "sass|scss"),
    ("jest", "~jest"),
    ("cypress", "~cypress"),
    ("selenium", "~selenium"),
    ("playwright", "~playwright"),
    ("jenkins", "^jenkins"),
    ("github-actions", "github actions"),
    ("gitlab", "gitlab"),
    ("circleci", "circleci"),
    ("helm", "!Helm"),
    ("datadog", "datadog"),
    ("heroku", "heroku"),
    ("cloudflare", "cloudflare"),
    ("keras", "keras"),
    ("nlp", "nlp|natural language processing"),
    ("llm", "llm|llms|large language models"),
    ("computer-vision", "computer vision|opencv"),
    ("data-science", "data science|data scientist"),
    ("devops", "devops"),
    ("sre", "!SRE|site reliability"),
    ("jupyter", "jupyter"),
    ("scipy", "scipy"),
    ("solidity", "solidity"),
    ("blockchain", "blockchain"),
    ("figma", "figma"),
    ("wordpress", "wordpress"),
    ("drupal", "drupal"),
    ("shopify", "shopify"),
    ("salesforce", "salesforce"),
    ("mariadb", "mariadb"),
    ("neo4j", "neo4j"),
    ("clickhouse", "clickhouse"),
    ("firebase", "firebase"),
    ("puppet", "!Puppet"),
    ("openshift", "openshift"),
    ("gradle", "gradle"),
    ("maven", "!Maven"),
    ("bash", "~bash"),
    ("powershell", "powershell"),
    ("matlab", "matlab"),
    ("fortran", "fortran"),
    ("verilog", "verilog"),
    ("fpga", "fpga"),
    ("opengl", "opengl"),
    ("webgl", "webgl"),
    ("threejs", "three.js|threejs"),
    ("d3", "d3.js|d3js|!D3"),
    ("unity", "!Unity|unity3d"),
    ("llvm", "llvm"),
    ("postgis", "postgis"),
    ("ember", "ember.js|emberjs"),
    ("electron", "!Electron"),
    ("unix", "unix"),
    ("freebsd", "freebsd"),
    ("agile", "^agile"),
    ("kanban", "kanban"),
];

/// How much evidence a name needs before free text counts as the skill.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Any case: "python", "Kubernetes".
    Any,
    /// Capitalized: "Rust", not "rust".
    Cased,
    /// Capitalized, and not opening a sentence unless in a skill context:
    /// "built with React", not "React quickly to incidents".
    Proper,
    /// Exactly as written, and in a skill context: "in Go", "Python, Go",
    /// "C/C++"; not "Go ahead", "Series C", "R&D".
    Listed,
}

/// One way a skill is written.
#[derive(Clone)]
struct Name {
    tag: String,
    rule: Rule,
    written: String,
}

/// Skills and their aliases: the built-in list plus the site's additions.
#[derive(Clone)]
pub struct Vocabulary {
    /// Lowercase name, spaces folded -> how it is recognized.
    names: HashMap<String, Name>,
    /// Slug of a plain name ("node-js") -> tag, for explicit tags.
    by_slug: HashMap<String, String>,
    skills: HashSet<String>,
    /// All names, longest first so "C++" wins over "C"; `None` only if the
    /// site's additions made it too large to compile.
    pattern: Option<Regex>,
}

static BUILT_IN_VOCABULARY: LazyLock<Vocabulary> =
    LazyLock::new(|| Vocabulary::build(&BTreeMap::new()));

impl Vocabulary {
    /// `additions`: tag -> aliases, from the site config (`vocabulary:` in
    /// hireboard.yaml). The tag and its aliases are recognized in any case.
    pub fn new(additions: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        if additions.is_empty() {
            BUILT_IN_VOCABULARY.clone()
        } else {
            Vocabulary::build(additions)
        }
    }

    fn build(additions: &BTreeMap<String, Vec<String>>) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            names: HashMap::new(),
            by_slug: HashMap::new(),
            skills: HashSet::new(),
            pattern: None,
        };
        for (tag, names) in BUILT_IN {
            for name in names.split('|') {
                let (rule, written) = match name.as_bytes().first() {
                    Some(b'^') => (Rule::Cased, &name[1..]),
                    Some(b'~') => (Rule::Proper, &name[1..]),
                    Some(b'!') => (Rule::Listed, &name[1..]),
                    _ => (Rule::Any, name),
                };
                vocabulary.add(tag, written, rule);
            }
        }
        // The site's words come last so they override built-in aliases.
        for (tag, aliases) in additions {
            let tag = slugify(tag);
            if tag.is_empty() {
                continue;
            }
            // A built-in name keeps its rule: adding aliases to `go` must
            // not make the verb "go" a skill.
            if !vocabulary.names.contains_key(&tag) {
                vocabulary.add(&tag, &tag, Rule::Any);
            }
            vocabulary.skills.insert(tag.clone());
            for alias in aliases {
                vocabulary.add(&tag, alias, Rule::Any);
            }
        }
        let mut keys: Vec<&String> = vocabulary.names.keys().collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = keys.iter().map(|k| name_pattern(k)).collect();
        vocabulary.pattern =
            regex::RegexBuilder::new(&format!("(?i)(?:{})", alternatives.join("|")))
                .size_limit(64 << 20)
                .build()
                .ok();
        vocabulary
    }

    fn add(&mut self, tag: &str, written: &str, rule: Rule) {
        let key = fold(written);
        if key.is_empty() {
            return;
        }
        // "node.js" -> "node-js", but not "c++" -> "c" nor ".net" -> "net".
        let plain = key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -_.".contains(c))
            && !key.starts_with('.')
            && !key.ends_with('.');
        if plain {
            self.by_slug.insert(slugify(&key), tag.to_string());
        }
        self.skills.insert(tag.to_string());
        let name = Name {
            tag: tag.to_string(),
            rule,
            written: written.trim().to_string(),
        };
        self.names.insert(key, name);
    }

    /// An explicit tag as a lowercase slug, mapped through aliases
    /// (`Node.js` -> `nodejs`, `golang` -> `go`, `C++` -> `cpp`); `None` when
    /// nothing is left. Unknown tags are kept, slugified.
    pub fn canonical(&self, tag: &str) -> Option<String> {
        if let Some(name) = self.names.get(&fold(tag)) {
            return Some(name.tag.clone());
        }
        let slug = slugify(tag);
        if slug.is_empty() {
            return None;
        }
        Some(self.by_slug.get(&slug).cloned().unwrap_or(slug))
    }

    /// Whether a canonical tag names a skill of the vocabulary.
    pub fn is_skill(&self, tag: &str) -> bool {
        self.skills.contains(tag)
    }

    /// Skills mentioned in free text, as canonical tags.
    ///
    /// Names are matched word-bounded and case-insensitively, then held to
    /// their [`Rule`]. A name needing context has it when a cue word comes
    /// right before ("in Go", "experience with React", "Languages: R") or
    /// when it sits in a list next to a skill that counts ("Python, Go",
    /// "C/C++", "Go and Rust").
    pub fn find_in(&self, text: &str) -> BTreeSet<String> {
        let Some(pattern) = &self.pattern else {
            return BTreeSet::new();
        };
        let mut hits: Vec<Hit> = Vec::new();
        for m in pattern.find_iter(text) {
            let Some(name) = self.names.get(&fold(m.as_str())) else {
                continue;
            };
            if !edges_ok(text, &m, name.rule) {
                continue;
            }
            let confirmed = match name.rule {
                Rule::Cased | Rule::Proper if !capitalized(m.as_str()) => continue,
                Rule::Listed if m.as_str() != name.written => continue,
                Rule::Any | Rule::Cased => true,
                Rule::Proper => {
                    !opens_sentence(text, m.start())
                        || cue_before(text, m.start())
                        || ends_list_item_word(text, m.end())
                        || role_after(text, m.end())
                }
                Rule::Listed => cue_before(text, m.start()) || role_after(text, m.end()),
            };
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                tag: &name.tag,
                confirmed,
            });
        }
        // A list spreads confirmation both ways: "Go, C and Python".
        for i in 1..hits.len() {
            if !hits[i].confirmed && hits[i - 1].confirmed && in_list(text, &hits[i - 1], &hits[i])
            {
                hits[i].confirmed = true;
            }
        }
        for i in (0..hits.len().saturating_sub(1)).rev() {
            if !hits[i].confirmed && hits[i + 1].confirmed && in_list(text, &hits[i], &hits[i + 1])
            {
                hits[i].confirmed = true;
            }
        }
        hits.into_iter()
            .filter(|h| h.confirmed)
            .map(|h| h.tag.to_string())
            .collect()
    }
}

struct Hit<'a> {
    start: usize,
    end: usize,
    tag: &'a str,
    confirmed: bool,
}

/// Lowercase with whitespace folded: the key of a name.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A name as a regex: word-bounded where it starts or ends with a word
/// character (ASCII boundaries keep the lazy DFA usable), spaces as any run
/// of whitespace. Punctuated edges (".NET", "C++") are checked in [`edges_ok`].
fn name_pattern(key: &str) -> String {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let body = key
        .split(' ')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let start = if is_word(key.chars().next()) {
        r"(?-u:\b)"
    } else {
        ""
    };
    let end = if is_word(key.chars().next_back()) {
        r"(?-u:\b)"
    } else {
        ""
    };
    format!("{start}{body}{end}")
}

/// Whether the characters around a match leave it a word of its own: not
/// "example.net" or "C++11x"; for single-word ambiguous names also not
/// "C-level", "R&D", "Intel(R)", "Go's".
fn edges_ok(text: &str, m: &Match, rule: Rule) -> bool {
    let before = text[..m.start()].chars().next_back();
    let after = text[m.end()..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let matched = m.as_str();
    if !matched.starts_with(|c: char| c.is_alphanumeric()) && (word(before) || before == Some('.'))
    {
        return false;
    }
    if !matched.ends_with(|c: char| c.is_alphanumeric())
        && (word(after) || matches!(after, Some('+' | '#')))
    {
        return false;
    }
    // The regex's boundaries are ASCII: "R" must not match in "Rémy". Scripts
    // written without spaces (CJK, from U+2E80) put a name beside their words.
    let spaced_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && c < '\u{2e80}');
    if spaced_letter(before) && matched.starts_with(char::is_alphanumeric)
        || spaced_letter(after) && matched.ends_with(char::is_alphanumeric)
    {
        return false;
    }
    if rule == Rule::Listed {
        let joined = |c: Option<char>| matches!(c, Some('-' | '\'' | '’' | '&'));
        let abbreviation = after == Some('.') && word(text[m.end() + 1..].chars().next());
        let enclosed = before == Some('(') && after == Some(')');
        return !joined(before) && !joined(after) && !abbreviation && !enclosed;
    }
    true
}

fn capitalized(matched: &str) -> bool {
    matched
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// Whether a match begins a sentence, a line or a list item.
fn opens_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' => return true,
            ' ' | '\t' | '\r' | '*' | '_' | '#' | '>' | '(' | '[' | '"' | '\'' | '“' | '‘'
            | '-' | '•' | '`' => {}
            _ => return false,
        }
    }
    true
}

/// Whether a name opening a line or sentence is followed the way list items
/// are ("React/Relay UIs", "Spark (batch jobs)", "Swift, Kotlin", a name
/// alone on its line), not by a sentence's next word ("React quickly").
fn ends_list_item_word(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with(['/', ',', '(', '\n', '\r'])
}

/// A role or skill word right after: "Unity developer", "Go engineers",
/// "Spring experience".
static ROLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]{0,3}(?:developers?|engineers?|programmers?|devs?|experience|expertise|skills)(?-u:\b)")
        .expect("valid regex")
});

fn role_after(text: &str, end: usize) -> bool {
    ROLE_AFTER.is_match(&text[end..])
}

/// "in", "with", "using", "like", "such as", "e.g.", "of" or a colon just
/// before, maybe with an adverb between ("using mainly Go").
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:in|with|using|use|uses|like|including|especially|such\s+as|of|e\.g\.?|i\.e\.?|eg)(?:\s+(?:mainly|mostly|primarily|largely|chiefly|heavily|modern|some))?|:)[\s`*_\[]*$")
        .expect("valid regex")
});

fn cue_before(text: &str, start: usize) -> bool {
    // Only the last few words matter; a char boundary at most 3 bytes back.
    let from = start.saturating_sub(24);
    let from = (from..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    CUE.is_match(&text[from..start])
}

/// Nothing but separators and "and"/"or" between two hits.
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)^(?:[\s,/&|;+*•·()\[\]"'`-]|(?-u:\b)(?:and|or|as\s+well\s+as|plus)(?-u:\b))*$"#,
    )
    .expect("valid regex")
});

fn in_list(text: &str, first: &Hit, second: &Hit) -> bool {
    second.start.saturating_sub(first.end) <= 40
        && LIST_GAP.is_match(&text[first.end..second.start])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(&BTreeMap::new())
    }

    fn found(text: &str) -> Vec<String> {
        vocab().find_in(text).into_iter().collect()
    }

    #[test]
    fn canonical_maps_aliases() {
        let v = vocab();
        for (tag, expected) in [
            ("Node.js", "nodejs"),
            ("golang", "go"),
            ("Go", "go"),
            ("K8s", "kubernetes"),
            ("PostgreSQL", "postgres"),
            ("C++", "cpp"),
            ("C#", "csharp"),
            (".NET", "dotnet"),
            ("C", "c"),
            (" Python ", "python"),
            ("#python", "python"),
            ("Ruby on Rails", "rails"),
            ("ruby-on-rails", "rails"),
            ("Google Cloud", "gcp"),
            ("node", "nodejs"),
            ("Mozilla", "mozilla"),
            ("Machine Learning", "machine-learning"),
        ] {
            assert_eq!(v.canonical(tag).as_deref(), Some(expected), "{tag}");
        }
        assert_eq!(v.canonical(""), None);
        assert_eq!(v.canonical("  💰 "), None);
    }

    #[test]
    fn skills_are_known() {
        let v = vocab();
        assert!(v.is_skill("python") && v.is_skill("go") && v.is_skill("cpp"));
        assert!(!v.is_skill("mozilla"));
        let required = "python rust go java kotlin swift javascript typescript react vue angular svelte nodejs \
            django flask fastapi rails ruby php laravel elixir erlang scala clojure haskell ocaml c cpp csharp \
            dotnet postgres mysql sqlite redis kafka rabbitmq elasticsearch cassandra mongodb dynamodb spark \
            hadoop airflow dbt snowflake bigquery aws gcp azure kubernetes docker terraform ansible linux \
            graphql grpc twisted asyncio tokio wasm ios android flutter pytorch tensorflow numpy pandas thrift \
            nginx gunicorn storm ejabberd openstack";
        for tag in required.split_whitespace() {
            assert!(v.is_skill(tag), "{tag}");
            assert_eq!(v.canonical(tag).as_deref(), Some(tag));
        }
    }

    #[test]
    fn a_service_oriented_architecture() {
        let text = "Work within a large Service Oriented Architecture built on Python, Twisted, Thrift, and \
            RabbitMQ. There's MySQL, Redis, Elasticsearch, NodeJS, Rails and Ejabberd as well";
        assert_eq!(
            found(text),
            [
                "ejabberd",
                "elasticsearch",
                "mysql",
                "nodejs",
                "python",
                "rabbitmq",
                "rails",
                "redis",
                "thrift",
                "twisted"
            ]
        );
    }

    #[test]
    fn languages_in_sentences() {
        assert_eq!(
            found("You are comfortable moving between languages such as Python, JavaScript, Rust"),
            ["javascript", "python", "rust"]
        );
        assert_eq!(
            found(
                "Working knowledge of event-driven/asynchronous programming, especially [Twisted]"
            ),
            ["twisted"]
        );
        assert_eq!(
            found("based on WebOb and Routes, GUnicorn and NGinx"),
            ["gunicorn", "nginx"]
        );
        assert_eq!(
            found("Python-based server apps, a big MySQL cluster"),
            ["mysql", "python"]
        );
        assert_eq!(
            found("Maps in D3 and PostGIS, analysis with Python, pandas and LLVM-built tools"),
            ["d3", "llvm", "pandas", "postgis", "python"]
        );
        assert_eq!(
            found("A Unity developer for games in Unity and C#"),
            ["csharp", "unity"]
        );
        assert!(found("There is unity in the team. Pandas sleep a lot.").is_empty());
    }

    #[test]
    fn go_as_a_language() {
        for text in [
            "Our services are written in Go.",
            "We use Python, Go, and Rust.",
            "Go and Rust are our languages.",
            "Experience with Golang",
            "Languages: Go",
            "We're using mainly Go with some Python.",
            "- Python\n- Go\n",
            "We need two Go engineers.",
        ] {
            assert!(found(text).contains(&"go".to_string()), "{text}");
        }
        // A skill named just before a role: "a Unity developer".
        assert_eq!(
            found("We want a Unity\ndeveloper for our games."),
            ["unity"]
        );
        assert!(found("Go developers' meetup tonight? Go ahead.").contains(&"go".to_string()));
        assert!(found("Go ahead and apply.").is_empty());
    }

    #[test]
    fn go_as_a_verb() {
        for text in [
            "We go to great lengths",
            "Let's go!",
            "Let's Go!",
            "Are you ready to go?",
            "Go ahead and apply.",
            "Skills on the go",
            "We use Python. Go ahead and apply.",
            "Our Go-to-market team",
        ] {
            assert!(!found(text).contains(&"go".to_string()), "{text}");
        }
    }

    #[test]
    fn single_letters() {
        assert_eq!(found("Experience in C/C++"), ["c", "cpp"]);
        assert_eq!(found("Python, R and SQL"), ["python", "r", "sql"]);
        assert_eq!(found("Python, Rémy and myself"), ["python"]);
        assert_eq!(found("使用Python开发"), ["python"]);
        assert_eq!(found("written in C."), ["c"]);
        for text in [
            "Series C funding",
            "C-level executives",
            "Vitamin C",
            "our R&D team",
            "Intel(R) Xeon",
            "Plan C",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
        assert_eq!(found("Objective-C and C#"), ["csharp", "objective-c"]);
        assert_eq!(found(".NET and ASP.NET, see example.net"), ["dotnet"]);
    }

    #[test]
    fn english_words_are_not_skills() {
        for text in [
            "how we react to incidents",
            "React quickly to customer needs.",
            "a spark of creativity",
            "the storm is coming",
            "Storm clouds gather.",
            "the rust on the old rails",
            "a swift response",
            "we go express",
            "American Express",
            "a twisted plot",
            "each node in the graph",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn names_opening_list_items() {
        assert_eq!(
            found("- React/Relay UIs\n- Swift, Kotlin\n"),
            ["kotlin", "react", "swift"]
        );
        assert_eq!(found("Spark (batch jobs)"), ["spark"]);
        assert!(found("React quickly to customer needs.").is_empty());
    }

    #[test]
    fn capitalized_names_mid_sentence() {
        assert_eq!(found("We build with React and Spark"), ["react", "spark"]);
        assert_eq!(found("Apache Storm, Kafka"), ["kafka", "storm"]);
        assert_eq!(found("Storm, Kafka"), ["kafka", "storm"]);
        assert_eq!(found("Node.js with Express"), ["express", "nodejs"]);
        assert_eq!(found("Ruby on Rails"), ["rails"]);
        assert_eq!(found("Google Cloud or AWS"), ["aws", "gcp"]);
    }

    #[test]
    fn site_additions() {
        let additions = BTreeMap::from([
            ("fastapi".to_string(), vec!["fast api".to_string()]),
            ("otter".to_string(), vec![]),
            ("Go".to_string(), vec!["gopher lang".to_string()]),
        ]);
        let v = Vocabulary::new(&additions);
        assert_eq!(v.canonical("Fast API").as_deref(), Some("fastapi"));
        assert_eq!(v.canonical("gopher lang").as_deref(), Some("go"));
        assert!(v.is_skill("otter"));
        let found: Vec<String> = v
            .find_in("Check it out at https://github.com/rackerlabs/otter. We use FAST API.")
            .into_iter()
            .collect();
        assert_eq!(found, ["fastapi", "otter"]);
        assert!(!vocab().is_skill("otter"));
        assert!(v.find_in("Let's go! Go ahead.").is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let v = vocab();
        for text in [
            "",
            "C",
            "(",
            "é.net",
            "C++",
            "ñGo",
            "Go",
            "日本語 Go, C",
            "\u{0}C#\u{0}",
            "𝔊o",
            "Kubernetes",
        ] {
            let _ = v.find_in(text);
            let _ = v.canonical(text);
        }
        let additions = BTreeMap::from([
            (" ".to_string(), vec!["".to_string()]),
            ("a(b".to_string(), vec!["[".to_string()]),
        ]);
        let v = Vocabulary::new(&additions);
        assert!(v.find_in("a(b [").contains("a-b"));
    }

    #[test]
    fn fast_on_many_bodies() {
        let v = vocab();
        let body = "We build tools that thousands of teams rely on every day. Our stack is mostly Python and \
            Go, deployed on Kubernetes. You will go to conferences and react to incidents with care. "
            .repeat(12);
        let start = std::time::Instant::now();
        for _ in 0..1000 {
            assert!(v.find_in(&body).contains("go"));
        }
        // 2.4 MB; generous for debug builds.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn frameworks_and_practices() {
        assert_eq!(
            found("We build on Elixir and Phoenix, with Redux and Webpack on the front."),
            ["elixir", "phoenix", "redux", "webpack"]
        );
        assert_eq!(
            found("Java 17, Spring Boot and Symfony"),
            ["java", "spring", "symfony"]
        );
        assert_eq!(
            found("Background jobs in Celery; docs in Sphinx and reStructuredText."),
            ["celery", "restructuredtext", "sphinx"]
        );
        assert_eq!(
            found("We practice TDD and Scrum, and use Git."),
            ["git", "scrum", "tdd"]
        );
        assert_eq!(
            found("GPU kernels in CUDA for machine learning"),
            ["cuda", "machine-learning"]
        );
        assert_eq!(
            found("i18n of a web app written with Tornado"),
            ["i18n", "tornado"]
        );
        assert_eq!(found("Skills: Python, ML"), ["machine-learning", "python"]);
    }

    #[test]
    fn prose_words_are_not_frameworks() {
        for text in [
            "We moved to Phoenix last spring.",
            "In spring we hike; a celery stick at lunch.",
            "The Spring meetup was fun.",
            "Our office is a former tornado shelter.",
            "She will help our electron microscopy lab.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
