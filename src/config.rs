//! `hireboard.yaml` -> [`Config`]. Unknown keys are errors, with their line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The file name of the site configuration, at the site root.
pub const CONFIG_FILE: &str = "hireboard.yaml";

/// How long a posting stays open when it says nothing of it.
pub const DEFAULT_EXPIRE_AFTER_DAYS: u32 = 60;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site root; may carry a path (`https://user.github.io/board/`).
    pub base_url: String,
    pub theme: String,
    pub paginate_by: usize,
    /// Postings without an explicit `expires` close this many days after
    /// `date` (60, a job board's usual span); `never` (`None`) turns it off.
    #[serde(deserialize_with = "days_or_never")]
    pub expire_after_days: Option<u32>,
    pub expired: ExpiredMode,
    /// IANA time zone name: dates written without an offset are in this zone.
    pub timezone: String,
    /// ISO 4217 code that a bare `$` means.
    pub default_currency: String,
    pub language: String,
    /// Extra skills: tag -> aliases recognized in posting text.
    pub vocabulary: BTreeMap<String, Vec<String>>,
    /// The profiles of `companies/`, read beside this file: pages show
    /// them, and an edit re-renders the site as a config edit does.
    #[serde(skip)]
    pub companies: crate::companies::Profiles,
    /// Currency -> what one unit is worth in `default_currency`
    /// (`EUR: 1.08`): lets the search's salary filter compare across
    /// currencies. A currency without a rate only matches itself.
    pub exchange_rates: BTreeMap<String, f64>,
    /// How the default theme lays out posting lists.
    pub list_style: ListStyle,
}

/// How lists show postings: dense rows (the default) or cards with summaries and tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ListStyle {
    #[default]
    Rows,
    Cards,
}

/// What happens to a posting whose `expires` has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExpiredMode {
    /// The page stays, marked closed, out of every index, feed and the API.
    #[default]
    Mark,
    /// No page at all.
    Hide,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Job board".into(),
            description: String::new(),
            base_url: "http://127.0.0.1:1111/".into(),
            theme: "default".into(),
            paginate_by: 20,
            expire_after_days: Some(DEFAULT_EXPIRE_AFTER_DAYS),
            expired: ExpiredMode::Mark,
            timezone: "UTC".into(),
            default_currency: "USD".into(),
            language: "en".into(),
            vocabulary: BTreeMap::new(),
            companies: Default::default(),
            exchange_rates: BTreeMap::new(),
            list_style: ListStyle::Rows,
        }
    }
}

/// `expire_after_days`: a number of days, or `never`.
fn days_or_never<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum DaysOrNever {
        Days(u32),
        Word(String),
    }
    match DaysOrNever::deserialize(d) {
        Ok(DaysOrNever::Days(days)) => Ok(Some(days)),
        Ok(DaysOrNever::Word(word)) if word == "never" => Ok(None),
        _ => Err(serde::de::Error::custom(
            "expire_after_days must be a number of days or `never`",
        )),
    }
}

/// Three capital letters, as ISO 4217 codes are.
fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a `hireboard.yaml`; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let at = e
                    .location()
                    .map(|l| format!(":{}:{}", l.line(), l.column()))
                    .unwrap_or_default();
                ConfigError(format!("{}{at}: {e}", path.display()))
            })?
        };
        config.validate(path)?;
        Ok(config)
    }

    /// Reads `<root>/hireboard.yaml`; a site without one gets the defaults.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError(format!("{}: cannot read: {e}", path.display()))),
        }
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let fail = |msg: String| Err(ConfigError(format!("{}: {msg}", path.display())));
        if self.paginate_by == 0 {
            return fail("paginate_by must be at least 1".into());
        }
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            return fail(format!(
                "timezone `{}` is not an IANA time zone name (e.g. `UTC`, `Europe/Paris`)",
                self.timezone
            ));
        }
        if !is_currency_code(&self.default_currency) {
            return fail(format!(
                "default_currency `{}` is not an ISO 4217 code (e.g. `USD`, `EUR`)",
                self.default_currency
            ));
        }
        for (currency, rate) in &self.exchange_rates {
            if !is_currency_code(currency) {
                return fail(format!(
                    "exchange_rates: `{currency}` is not an ISO 4217 code (e.g. `EUR`)"
                ));
            }
            if !(rate.is_finite() && *rate > 0.0) {
                return fail(format!(
                    "exchange_rates: {currency} must be a positive number: what one {currency} is worth in {}",
                    self.default_currency
                ));
            }
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return fail(format!(
                "base_url `{}` must start with http:// or https://",
                self.base_url
            ));
        }
        Ok(())
    }

    /// The configured time zone (validated when the config was parsed).
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// What the normalizer needs of this configuration.
    pub fn normalizing(&self) -> crate::posting::Config {
        crate::posting::Config {
            default_currency: self.default_currency.clone(),
            time_zone: self.time_zone(),
            expire_after_days: self.expire_after_days,
            vocabulary: self.vocabulary.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let err = Config::parse("title: Jobs\ncolour: blue\n", Path::new("hireboard.yaml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("hireboard.yaml:2"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn defaults_fill_what_is_missing() {
        let c = Config::parse("title: Jobs\npaginate_by: 5\n", Path::new("x")).unwrap();
        assert_eq!(c.title, "Jobs");
        assert_eq!(c.paginate_by, 5);
        assert_eq!(c.default_currency, "USD");
        assert_eq!(c.expired, ExpiredMode::Mark);
        assert_eq!(c.expire_after_days, Some(60));
    }

    #[test]
    fn expiry_can_be_turned_off() {
        let parse = |text| Config::parse(text, Path::new("x")).map(|c| c.expire_after_days);
        assert_eq!(parse("expire_after_days: never\n").unwrap(), None);
        assert_eq!(parse("expire_after_days: 30\n").unwrap(), Some(30));
        let err = parse("expire_after_days: soon\n").unwrap_err().to_string();
        assert!(err.contains("number of days or `never`"), "{err}");
    }

    #[test]
    fn exchange_rates_and_list_style() {
        let c = Config::parse(
            "exchange_rates:\n  EUR: 1.08\n  GBP: 1.27\nlist_style: cards\n",
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(c.exchange_rates["EUR"], 1.08);
        assert_eq!(c.exchange_rates["GBP"], 1.27);
        assert_eq!(c.list_style, ListStyle::Cards);
        let defaults = Config::parse("title: Jobs\n", Path::new("x")).unwrap();
        assert!(defaults.exchange_rates.is_empty());
        assert_eq!(defaults.list_style, ListStyle::Rows);
    }

    #[test]
    fn bad_values_are_explained() {
        for (text, needle) in [
            ("timezone: Mars/Olympus\n", "IANA"),
            ("default_currency: dollars\n", "ISO 4217"),
            ("paginate_by: 0\n", "paginate_by"),
            ("expired: delete\n", "expired"),
            ("base_url: example.com\n", "base_url"),
            ("exchange_rates: {euro: 1.08}\n", "ISO 4217"),
            ("exchange_rates: {EUR: 0}\n", "positive number"),
            ("exchange_rates: {EUR: cheap}\n", "exchange_rates"),
            ("list_style: tiles\n", "list_style"),
        ] {
            let err = Config::parse(text, Path::new("x")).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
}
