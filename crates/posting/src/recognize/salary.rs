//! Salary strings to [`Salary`].
//!
//! One pattern finds money figures: an optional currency (ISO code and/or
//! symbol), a number, an optional multiplier (`k`, `L`/`LPA` lakh, crore), an
//! optional second number after a range separator, an optional trailing
//! currency. The figure must stand alone: `$5M`, `401k`, `100,000s` and
//! numbers glued to letters are refused by [`standalone`].
//!
//! Without a period word, the period comes from the magnitude of the larger
//! figure, in US-dollar-like units: under 500 is hourly, under 20,000 monthly,
//! otherwise yearly. For currencies with much smaller units (yen, rupees, won,
//! ...) the thresholds are scaled by [`unit_scale`], a rough order of magnitude.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Captures, Match, Regex};

use crate::{Period, Salary};

/// ISO 4217 codes recognized in text (upper case only: `try`, `cad` are words).
/// `PHP` is left out: in job ads it is the language far more often than the peso.
const CODES: &str = "USD|EUR|GBP|CHF|CAD|AUD|NZD|SGD|HKD|JPY|CNY|INR|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|UAH|RUB|TRY|ILS|AED|SAR|ZAR|NGN|KES|EGP|BRL|MXN|ARS|CLP|COP|PEN|KRW|TWD|THB|MYR|IDR|VND|PKR|BDT";
/// Symbols before a number; longer ones first so `CA$` wins over `$`.
const PREFIX_SYMBOLS: &str =
    r"US\$|CA\$|C\$|AU\$|A\$|NZ\$|SG\$|S\$|HK\$|NT\$|R\$|MX\$|\$|£|€|¥|₹|₩|₽|₪|₺|₱|₦|₴|₫|\bRs\.?";
const SUFFIX_SYMBOLS: &str = r"\$|£|€|¥|₹|₩|₽|₪|₺|₱|₦|₴|₫|zł";

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let sp = r"[\t\x20\x{a0}\x{202f}]*";
    let currency = format!(r"(?:(?:\b(?:{CODES}){sp})?(?:{PREFIX_SYMBOLS})|\b(?:{CODES}))");
    // Indian grouping (12,00,000), then thousands groups with any usual
    // separator (120,000 60.000 120'000 60 000) and cents, then plain digits.
    let number = r"(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]{1,3}(?:[,.'’\x20\x{a0}\x{202f}][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?)";
    // "30-40 kE": thousands of euros, as French ads write it.
    let multiplier = r"(?:[kK]E?|lakhs?|lacs?|LPA|L|crores?|[Cc]r)\b";
    let suffix =
        format!(r"(?:{SUFFIX_SYMBOLS}|\b(?:{CODES})\b|(?i:euros?|dollars?|pounds?|rupees?)\b)");
    // "entre 40K€ et 60K€", "36.000€ y 42.000€", "de 45 000 à 55 000 €".
    let to = r"(?:-|–|—|−|~|\bto\b|\bbis\b|\bund\b|\bet\b|\by\b|\ba\b|à)";
    // "$174,000/yr - $235,000/yr": the first figure's unit before the second.
    let unit = r"(?:/\s*(?:hour|hr|h|year|yr|y|annum|month|mo|week|wk|day|d)\b|\s+(?:per|an|a)\s+(?:hour|year|month|week|day)\b)";
    super::ascii_regex(&format!(
        r"(?P<c1>{currency})?{sp}(?P<n1>{number})(?:{sp}(?P<m1>{multiplier}))?(?:{sp}(?P<s1>{suffix}))?(?:{unit}?{sp}{to}{sp}(?P<c2>{currency})?{sp}(?P<n2>{number})(?:{sp}(?P<m2>{multiplier}))?)?(?:{sp}(?P<s2>{suffix}))?"
    ))
});

/// Period words; the group that matched names the period. ASCII-only
/// (`(?-u)`): Unicode case folding and `\s` make every search several times
/// slower, and period words are English.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    super::ascii_regex(concat!(
        r"(?i-u)(?P<hour>/\s*(?:hour|hr|h)\b|\bper\s+(?:hour|hr)\b|\ban\s+hour\b|\bhourly\b|\bpro\s+stunde\b|\bde\s+l'heure\b|\bpor\s+hora\b)",
        r"|(?P<day>/\s*(?:day|d)\b|\bper\s+day\b|\ba\s+day\b|\bdaily\b|\bday\s+rate\b|\bpar\s+jour\b|\btjm\b|\bpro\s+tag\b)",
        r"|(?P<week>/\s*(?:week|wk|w)\b|\bper\s+week\b|\ba\s+week\b|\bweekly\b)",
        r"|(?P<month>/\s*(?:month|mo|mth|m)\b|\bper\s+month\b|\ba\s+month\b|\bmonthly\b|\bpar\s+mois\b|\bmensuel(?:le)?\b|\bpro\s+monat\b|\bmonatlich\b|\bal\s+mes\b|\bmensual(?:es)?\b)",
        r"|(?P<year>/\s*(?:year|yr|y|annum)\b|\bper\s+(?:year|yr|annum)\b|\ba\s+year\b|\bp\.\s*a\b\.?|\b(?-i:pa)\b|\bannual(?:ly)?\b|\byearly\b|\bLPA\b|\bannuel(?:le)?s?\b|\bpar\s+an\b|\bpro\s+jahr\b|\bj(?:ä|ae)hrlich\b|\bal\s+a(?:ñ|n)o\b|\banual(?:es)?\b|\bbrut\s+annuel\b)",
    ))
});

/// Words near a figure that make it a salary.
const SALARY_WORDS: &str = concat!(
    "salary salaries compensation comp pay pays paying wage wages base range ote earn earning ",
    "earnings remuneration rate income salaire rémunération remuneration fourchette brut ",
    "gehalt jahresgehalt vergütung salario sueldo retribución ",
);
/// Words right next to a figure that make it something else: "$1K vacation
/// bonus", "raised $5,000,000", "$500 learning budget", "$40 per user".
const OTHER_MONEY_WORDS: &str = concat!(
    "bonus bonuses funding funded raised valuation revenue arr budget stipend allowance ",
    "credit credits reimbursement reimbursed grant grants fund investment invested investors ",
    "seed series relocation referral equipment gift prize donation donations match matching ",
    "worth cost costs price fee fees spend spent saved savings sales customers users user ",
    "people employees years yrs months seat license learning million billion cover covers ",
    "covered reimburse perk perks office desk coworking internet phone gym wellness conference ",
    "conferences books lunch meals travel commuter childcare vacation holiday laptop hardware ",
);
/// Words that make a figure without `k` a yearly salary in thousands
/// ("CAD$70-120 + equity", "Salary: $80-100"), unless a period is written.
const YEARLY_WORDS: &str =
    "salary salaries equity annual annually yearly salaire gehalt jahresgehalt salario sueldo ";

/// What may accompany a figure without a currency in a salary string.
const FILLER_WORDS: &str = concat!(
    "salary base compensation pay range gross ote up to from plus equity approx approximately ",
    "about around ca circa ",
);

static SALARY: LazyLock<HashSet<&str>> =
    LazyLock::new(|| SALARY_WORDS.split_whitespace().collect());
static OTHER_MONEY: LazyLock<HashSet<&str>> =
    LazyLock::new(|| OTHER_MONEY_WORDS.split_whitespace().collect());
static FILLER: LazyLock<HashSet<&str>> =
    LazyLock::new(|| FILLER_WORDS.split_whitespace().collect());
static YEARLY: LazyLock<HashSet<&str>> =
    LazyLock::new(|| YEARLY_WORDS.split_whitespace().collect());

fn yearly_context<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    words.any(|w| YEARLY.contains(w.to_lowercase().as_str()))
}

/// Parses a string that is meant to be a salary (a metadata value, a badge,
/// an HN field). `None` when it is not a figure ("competitive", "DOE").
pub fn parse(text: &str, default_currency: &str) -> Option<Salary> {
    let text = strip_decoration(text);
    let mut figures = MONEY.captures_iter(text).filter(|c| standalone(text, c));
    let first = figures.next()?;
    let chosen = if has_currency(&first) {
        first
    } else {
        // A bare figure must be the whole string: "120k", "50-60k", "120,000 / year".
        match figures.find(has_currency) {
            Some(c) => c,
            None if bare_salary(text, &first) => first,
            None => return None,
        }
    };
    let period = PERIOD.captures(text).map(|c| period_of(&c));
    let yearly = yearly_context(text.split(|c: char| !c.is_alphanumeric()));
    build(&chosen, default_currency, period, yearly, text.to_string())
}

/// Finds a salary in free text (a body), only where the context says it is
/// one: a figure with a currency that is a range, is followed by a period
/// ("/hour", "per year") or stands near a word such as salary, pay, base, OTE;
/// and that is not next to words of other money (bonus, funding, budget).
pub fn find(text: &str, default_currency: &str) -> Option<Salary> {
    for figure in MONEY.find_iter(text) {
        // Most numbers in a body are plain digits: skip them before the
        // costlier capture search.
        let plain = |c: char| c.is_ascii_digit() || c.is_whitespace() || ",.'’-–—~".contains(c);
        if figure.as_str().chars().all(plain) {
            continue;
        }
        let Some(caps) = MONEY.captures_at(text, figure.start()) else {
            continue;
        };
        if !has_currency(&caps) || !standalone(text, &caps) {
            continue;
        }
        let start = start_of(&caps);
        let end = caps.get(0).map_or(start, |m| m.end());
        let before = sentence_before(&text[..start], 80);
        let words_before = last_words(before, 4);
        // Bounded windows keep the scan linear however many figures a body has.
        let after = head(&text[end..], 40);
        let words_after = first_words(after, 4);
        let other = |ws: &[String]| ws.iter().any(|w| OTHER_MONEY.contains(w.as_str()));
        if other(&words_before) || other(&words_after) {
            continue;
        }
        // "€600 to €800 (monthly)".
        let adjacent_period = PERIOD.captures(after).filter(|c| {
            c.get(0)
                .is_some_and(|m| after[..m.start()].trim().trim_end_matches('(').is_empty())
        });
        let salary_word = |w: &String| SALARY.contains(w.as_str());
        let in_context = caps.name("n2").is_some()
            || adjacent_period.is_some()
            || last_words(before, 12).iter().any(salary_word)
            || words_after.iter().any(salary_word);
        if !in_context {
            continue;
        }
        let written_end = adjacent_period
            .as_ref()
            .and_then(|c| c.get(0))
            .map_or(end, |m| end + m.end());
        let period = adjacent_period
            .as_ref()
            .or(PERIOD.captures(&text[start..end]).as_ref())
            .map(period_of)
            .or_else(|| {
                PERIOD
                    .captures_iter(&words_before.join(" "))
                    .last()
                    .map(|c| period_of(&c))
            });
        let written = text[start..written_end].trim().to_string();
        let yearly = yearly_context(
            last_words(before, 12)
                .iter()
                .chain(&words_after)
                .map(String::as_str),
        );
        if let Some(mut salary) =
            build(&caps, default_currency, period, yearly, written).filter(plausible)
        {
            let opens_a_range = last_words(before, 6)
                .iter()
                .any(|w| matches!(w.as_str(), "minimum" | "min" | "from" | "starting"));
            if caps.name("n2").is_none() && opens_a_range {
                if let Some((max, upper_end)) = upper_end(text, written_end) {
                    if max > salary.min && max <= salary.min * 10.0 {
                        salary.max = max;
                        salary.text = text[start..upper_end].trim().to_string();
                    }
                }
            }
            return Some(salary);
        }
    }
    None
}

/// "Minimum hourly rate $21.91; maximum hourly rate $28.85": the upper end
/// written apart from the lower one, and where it ends.
fn upper_end(text: &str, from: usize) -> Option<(f64, usize)> {
    let window = head(&text[from..], 80);
    let caps = MONEY
        .captures_iter(window)
        .find(|c| has_currency(c) && standalone(window, c))?;
    let between = &window[..start_of(&caps)];
    if !words(between).any(|w| matches!(w.as_str(), "maximum" | "max" | "to")) {
        return None;
    }
    let figure = number(caps.name("n1")?.as_str())? * caps.name("m1").map_or(1.0, multiplier);
    Some((figure, from + caps.get(0)?.end()))
}

/// Badge decoration (emoji, backticks, bullets, brackets) off both ends.
fn strip_decoration(text: &str) -> &str {
    let keep = |c: char| c.is_alphanumeric() || is_currency_symbol(c);
    text.trim_start_matches(|c: char| !keep(c))
        .trim_end_matches(|c: char| !keep(c) && c != '+')
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '€' | '¥' | '₹' | '₩' | '₽' | '₪' | '₺' | '₱' | '₦' | '₴' | '₫'
    )
}

/// Where the figure starts: at its currency, else at its number (the pattern
/// may have matched leading spaces).
fn start_of(caps: &Captures) -> usize {
    caps.name("c1").or(caps.name("n1")).map_or(0, |m| m.start())
}

/// Whether the match is a whole figure, not part of `$5M`, `401k`, `100,000s`,
/// `v2.5` or `1.234.567` cut short.
fn standalone(text: &str, caps: &Captures) -> bool {
    let (start, end) = (start_of(caps), caps.get(0).map_or(0, |m| m.end()));
    let mut before = text[..start].chars().rev();
    let glued_before = match before.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some(c) if is_separator(c) => before.next().is_some_and(|d| d.is_ascii_digit()),
        _ => false,
    };
    let mut after = text[end..].chars();
    let glued_after = match after.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some(c) if is_separator(c) => after.next().is_some_and(|d| d.is_ascii_digit()),
        _ => false,
    };
    let retirement_plan = caps.name("n2").is_none()
        && matches!(caps.name("n1").map(|m| m.as_str()), Some("401" | "403"))
        && caps
            .name("m1")
            .is_some_and(|m| m.as_str().eq_ignore_ascii_case("k"));
    !glued_before && !glued_after && !retirement_plan
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '’')
}

fn has_currency(caps: &Captures) -> bool {
    ["c1", "s1", "c2", "s2"]
        .iter()
        .any(|n| caps.name(n).is_some())
        || euro_thousands(caps)
}

/// A figure without currency is a salary only when it looks like one (a
/// multiplier, a period, or thousands) and nothing but filler surrounds it.
fn bare_salary(text: &str, caps: &Captures) -> bool {
    let Some(whole) = caps.get(0) else {
        return false;
    };
    let rest = format!("{} {}", &text[..whole.start()], &text[whole.end()..]);
    let has_period = PERIOD.is_match(&rest);
    let rest = PERIOD.replace_all(&rest, " ");
    let only_filler = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.contains(w.to_lowercase().as_str()));
    let thousands = caps
        .name("n1")
        .and_then(|m| number(m.as_str()))
        .is_some_and(|n| n >= 10_000.0);
    let looks_like_money =
        caps.name("m1").is_some() || caps.name("m2").is_some() || has_period || thousands;
    only_filler && looks_like_money
}

fn build(
    caps: &Captures,
    default_currency: &str,
    period: Option<Period>,
    yearly: bool,
    text: String,
) -> Option<Salary> {
    let currency = currency_of(caps, default_currency);
    let m1 = caps.name("m1").map(multiplier);
    let m2 = caps.name("m2").map(multiplier);
    let n1 = number(caps.name("n1")?.as_str())?;
    let (mut min, mut max) = match caps.name("n2") {
        Some(n2) => {
            let n2 = number(n2.as_str())? * m2.unwrap_or(1.0);
            // "£50-60k": the multiplier of the second figure carries to the first.
            let m1 = m1.or(m2.filter(|m| n1 * m <= n2)).unwrap_or(1.0);
            (n1 * m1, n2)
        }
        None => {
            let n = n1 * m1.unwrap_or(1.0);
            (n, n)
        }
    };
    if min > max {
        std::mem::swap(&mut min, &mut max);
    }
    // "CAD$70-120 + equity": thousands a year, not an hourly rate.
    let in_thousands = yearly
        && period.is_none()
        && m1.is_none()
        && m2.is_none()
        && (20.0..1000.0).contains(&(max / unit_scale(&currency)));
    let period = if in_thousands {
        min *= 1000.0;
        max *= 1000.0;
        Some(Period::Year)
    } else {
        period
    };
    // Zero, a "range" such as "$120k-15" that is two unrelated numbers, or
    // more than anyone is paid.
    if min <= 0.0 || max > min * 10.0 || max > 10_000_000.0 * unit_scale(&currency) {
        return None;
    }
    let lakh = [caps.name("m1"), caps.name("m2")]
        .into_iter()
        .flatten()
        .any(|m| m.as_str() == "LPA");
    let period = period
        .or(lakh.then_some(Period::Year))
        .unwrap_or_else(|| period_from_magnitude(max, &currency));
    Some(Salary {
        min,
        max,
        currency,
        period,
        text,
    })
}

/// Digits with thousands separators and maybe decimals: `120,000`, `60.000`,
/// `120'000`, `12,00,000`, `1.5`, `65.50`, `1.234,56`.
fn number(written: &str) -> Option<f64> {
    let groups: Vec<&str> = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let (whole, cents) = match groups.split_last() {
        Some((last, rest)) if !rest.is_empty() && last.len() <= 2 => (rest.concat(), *last),
        _ => (groups.concat(), "0"),
    };
    format!("{whole}.{cents}").parse().ok()
}

fn multiplier(m: Match) -> f64 {
    match m.as_str().to_ascii_lowercase().as_str() {
        "k" | "ke" => 1e3,
        "cr" | "crore" | "crores" => 1e7,
        _ => 1e5, // lakh, lac, L, LPA
    }
}

/// The first specific currency written; a bare `$` (or "dollars") is the site's.
fn currency_of(caps: &Captures, default_currency: &str) -> String {
    let written = ["c1", "s1", "c2", "s2"]
        .iter()
        .filter_map(|n| caps.name(n))
        .find_map(|m| iso_code(m.as_str()));
    let euro_thousands = euro_thousands(caps).then_some("EUR");
    written
        .or(euro_thousands)
        .unwrap_or(default_currency)
        .to_string()
}

/// "30-40 kE": thousands of euros.
fn euro_thousands(caps: &Captures) -> bool {
    [caps.name("m1"), caps.name("m2")]
        .into_iter()
        .flatten()
        .any(|m| m.as_str().ends_with('E'))
}

/// The dollar of a country where `$` means its own currency, for postings
/// placed there ("$90k" in a Toronto posting is Canadian).
pub fn dollar_of(country: &str) -> Option<&'static str> {
    Some(match country {
        "US" => "USD",
        "CA" => "CAD",
        "AU" => "AUD",
        "NZ" => "NZD",
        "SG" => "SGD",
        "HK" => "HKD",
        _ => return None,
    })
}

/// `None` for the dollar sign alone, which is ambiguous.
pub(crate) fn iso_code(marker: &str) -> Option<&'static str> {
    // An ISO code wins over the symbol written after it ("USD $137,000").
    let code = marker
        .get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()));
    if let Some(code) = code.and_then(|c| CODES.split('|').find(|k| *k == c)) {
        return Some(code);
    }
    let symbol = marker.trim();
    Some(match symbol {
        "US$" => "USD",
        "CA$" | "C$" => "CAD",
        "AU$" | "A$" => "AUD",
        "NZ$" => "NZD",
        "SG$" | "S$" => "SGD",
        "HK$" => "HKD",
        "NT$" => "TWD",
        "R$" => "BRL",
        "MX$" => "MXN",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₪" => "ILS",
        "₺" => "TRY",
        "₱" => "PHP",
        "₦" => "NGN",
        "₴" => "UAH",
        "₫" => "VND",
        "zł" => "PLN",
        _ => match symbol.to_ascii_lowercase().as_str() {
            "rs" | "rs." | "rupee" | "rupees" => "INR",
            "euro" | "euros" => "EUR",
            "pound" | "pounds" => "GBP",
            _ => return None,
        },
    })
}

fn period_of(caps: &Captures) -> Period {
    [
        ("hour", Period::Hour),
        ("day", Period::Day),
        ("week", Period::Week),
        ("month", Period::Month),
    ]
    .into_iter()
    .find(|(name, _)| caps.name(name).is_some())
    .map_or(Period::Year, |(_, p)| p)
}

/// How many units of the currency make roughly one US dollar, to the nearest
/// order of magnitude that matters for telling an hourly rate from a salary.
fn unit_scale(currency: &str) -> f64 {
    match currency {
        "KRW" | "IDR" | "VND" | "COP" | "CLP" => 1000.0,
        "JPY" | "HUF" | "ISK" | "NGN" | "PKR" | "ARS" => 100.0,
        "INR" | "PHP" | "RUB" | "THB" | "UAH" | "TWD" | "KES" | "BDT" | "EGP" => 50.0,
        "SEK" | "NOK" | "DKK" | "CNY" | "MXN" | "ZAR" | "TRY" | "HKD" | "CZK" => 10.0,
        _ => 1.0,
    }
}

fn period_from_magnitude(max: f64, currency: &str) -> Period {
    let scale = unit_scale(currency);
    if max < 500.0 * scale {
        Period::Hour
    } else if max < 20_000.0 * scale {
        Period::Month
    } else {
        Period::Year
    }
}

/// Found in prose, a figure must also be a believable pay for its period:
/// "$10/month" is a subscription, "$3 per hour" a typo or a fee.
fn plausible(salary: &Salary) -> bool {
    let floor = match salary.period {
        Period::Hour => 5.0,
        Period::Day => 30.0,
        Period::Week => 150.0,
        Period::Month => 300.0,
        Period::Year => 3000.0,
    };
    salary.min >= floor * unit_scale(&salary.currency)
}

/// The first `max_chars` characters of `text`.
fn head(text: &str, max_chars: usize) -> &str {
    text.char_indices()
        .nth(max_chars)
        .map_or(text, |(i, _)| &text[..i])
}

/// The end of `text` back to the previous sentence end, at most `max_chars`.
fn sentence_before(text: &str, max_chars: usize) -> &str {
    let mut start = text.len();
    let mut chars = text.char_indices().rev().take(max_chars).peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = text[i + c.len_utf8()..].starts_with(char::is_whitespace);
        if matches!(c, '.' | '!' | '?') && next_is_space {
            break;
        }
        start = i;
        if chars.peek().is_none() {
            break;
        }
    }
    &text[start..]
}

fn words(text: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn last_words(text: &str, n: usize) -> Vec<String> {
    let mut last: Vec<String> = words(text).rev().take(n).collect();
    last.reverse();
    last
}

/// Up to `n` words after a figure, stopping at punctuation that ends the
/// phrase ("$120k, plus a bonus" says nothing about the $120k).
fn first_words(text: &str, n: usize) -> Vec<String> {
    let phrase = text
        .split([',', ';', '.', '!', '?', '(', ')', '+', '&', '|', '\n'])
        .next()
        .unwrap_or("");
    words(phrase).take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (f64, f64, String, Period) {
        let s = parse(text, "USD").unwrap_or_else(|| panic!("`{text}` should parse"));
        (s.min, s.max, s.currency, s.period)
    }

    fn found(text: &str) -> Option<(f64, f64, String, Period)> {
        find(text, "USD").map(|s| (s.min, s.max, s.currency, s.period))
    }

    fn t(min: f64, max: f64, currency: &str, period: Period) -> (f64, f64, String, Period) {
        (min, max, currency.to_string(), period)
    }

    #[test]
    fn ranges_with_currency_codes_and_symbols() {
        assert_eq!(
            parsed("USD $137,000~$199,000"),
            t(137000.0, 199000.0, "USD", Period::Year)
        );
        assert_eq!(
            parsed("$120k-$150k"),
            t(120000.0, 150000.0, "USD", Period::Year)
        );
        assert_eq!(
            parsed("$120K–150K"),
            t(120000.0, 150000.0, "USD", Period::Year)
        );
        assert_eq!(parsed("£50-60k"), t(50000.0, 60000.0, "GBP", Period::Year));
        assert_eq!(
            parsed("€60.000 – €75.000 / year"),
            t(60000.0, 75000.0, "EUR", Period::Year)
        );
        assert_eq!(
            parsed("100-120k EUR"),
            t(100000.0, 120000.0, "EUR", Period::Year)
        );
        assert_eq!(
            parsed("CHF 120'000"),
            t(120000.0, 120000.0, "CHF", Period::Year)
        );
        assert_eq!(
            parsed("60 000 € - 70 000 €"),
            t(60000.0, 70000.0, "EUR", Period::Year)
        );
        assert_eq!(
            parsed("SEK 45,000 per month"),
            t(45000.0, 45000.0, "SEK", Period::Month)
        );
        assert_eq!(
            parsed("$150k - $120k"),
            t(120000.0, 150000.0, "USD", Period::Year)
        );
    }

    #[test]
    fn dollar_variants() {
        assert_eq!(parsed("CA$90k").2, "CAD");
        assert_eq!(parsed("C$90,000").2, "CAD");
        assert_eq!(parsed("A$120k").2, "AUD");
        assert_eq!(parsed("US$120k").2, "USD");
        assert_eq!(
            parse("$120k", "CAD").map(|s| s.currency).as_deref(),
            Some("CAD")
        );
        assert_eq!(
            parse("USD 120k", "CAD").map(|s| s.currency).as_deref(),
            Some("USD")
        );
    }

    #[test]
    fn periods_from_words_and_magnitude() {
        assert_eq!(parsed("$65/hour"), t(65.0, 65.0, "USD", Period::Hour));
        assert_eq!(
            parsed("$8,000 per month"),
            t(8000.0, 8000.0, "USD", Period::Month)
        );
        assert_eq!(parsed("€500/day"), t(500.0, 500.0, "EUR", Period::Day));
        assert_eq!(parsed("$2,000 weekly").3, Period::Week);
        assert_eq!(parsed("£45,000 p.a.").3, Period::Year);
        assert_eq!(parsed("$80-120").3, Period::Hour);
        assert_eq!(parsed("$9,000").3, Period::Month);
        assert_eq!(parsed("$90,000").3, Period::Year);
        // Yen units are small: 300,000 yen is a monthly salary.
        assert_eq!(parsed("¥300,000").3, Period::Month);
        assert_eq!(parsed("₹80,000").3, Period::Month);
    }

    #[test]
    fn lakhs_per_annum() {
        assert_eq!(
            parsed("₹18-24 LPA"),
            t(1_800_000.0, 2_400_000.0, "INR", Period::Year)
        );
        assert_eq!(parsed("₹12,00,000").0, 1_200_000.0);
    }

    #[test]
    fn decoration_is_ignored_and_text_kept() {
        let s = parse("💰 USD $137,000~$199,000", "USD").unwrap();
        assert_eq!(
            (s.min, s.max, s.text.as_str()),
            (137000.0, 199000.0, "USD $137,000~$199,000")
        );
        assert_eq!(parse("`$120k+`", "USD").unwrap().text, "$120k+");
    }

    #[test]
    fn bare_figures_only_when_they_are_the_whole_string() {
        assert_eq!(parsed("120000"), t(120000.0, 120000.0, "USD", Period::Year));
        assert_eq!(parsed("50-60k"), t(50000.0, 60000.0, "USD", Period::Year));
        assert_eq!(parsed("45/hour").3, Period::Hour);
        for text in [
            "2025",
            "1,200",
            "2025-03-03",
            "35 people",
            "401k",
            "Series B, 50 engineers",
            "v2.5",
            "10 years",
            "YC W21",
        ] {
            assert_eq!(parse(text, "USD"), None, "{text}");
        }
    }

    #[test]
    fn not_figures() {
        for text in [
            "competitive",
            "DOE",
            "",
            "💰",
            "Remote US",
            "$0",
            "$120k-15",
            "$5M",
            "€",
            "$90,000,000,000",
        ] {
            assert_eq!(parse(text, "USD"), None, "{text}");
        }
    }

    #[test]
    fn find_takes_salaries_in_context() {
        let body = "The base salary range for this role is $137,000 - $199,000 plus equity.";
        let s = find(body, "USD").unwrap();
        assert_eq!(
            (s.min, s.max, s.text.as_str()),
            (137000.0, 199000.0, "$137,000 - $199,000")
        );
        assert_eq!(
            found("We pay $65/hour for this."),
            Some(t(65.0, 65.0, "USD", Period::Hour))
        );
        assert_eq!(
            found("Rate: €500 per day, remote."),
            Some(t(500.0, 500.0, "EUR", Period::Day))
        );
        assert_eq!(
            find("It is £50k a year.", "USD").unwrap().text,
            "£50k a year"
        );
        assert_eq!(
            found("Annual salary: $120,000"),
            Some(t(120000.0, 120000.0, "USD", Period::Year))
        );
        assert_eq!(
            found("OTE $200k"),
            Some(t(200000.0, 200000.0, "USD", Period::Year))
        );
    }

    #[test]
    fn find_ignores_other_numbers_and_money() {
        // From a real posting: none of these is the salary.
        let olark = "We are 35 people distributed around the globe. We focused on our customers and \
            now help over 10,000 of them provide amazing service. We just crossed the 30 employee mark \
            this year. You'll be helping scale Olark to help 100,000s of people. You have 2+ years of \
            experience shipping code used by 1000s of people. Great compensation and benefits: \
            competitive pay, phone/internet stipend, health benefits, $1K vacation bonus for the first \
            week you take off a year, 401k, charitable donation matching.";
        assert_eq!(found(olark), None);
        for text in [
            "We raised $5M in funding last year.",
            "We raised $5,000,000 in funding.",
            "Salary is competitive; we also give a $2,000 learning budget per year.",
            "Founded in 2015, we have 120 engineers.",
            "Our product costs $10/month.",
            "Pay attention to PHP 7-8 and CAD 2-3 years.",
            "A bonus of $10,000 per year.",
            "We serve $100,000s of transactions.",
            "Backed by $5 million from investors.",
            "Version 1.2.3 costs $5.",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "$",
            "€€€",
            "💰💰 $ 5",
            "1.2.3.4.5",
            "$99999999999999999999999999999k",
            "₹",
            "é$1é",
        ] {
            let _ = parse(text, "USD");
            let _ = find(text, "USD");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,60}", noise in "[$€£₹0-9kK.,' ~-]{0,30}") {
            let _ = parse(&text, "USD");
            let _ = find(&format!("{text}{noise}"), "USD");
            let _ = parse(&noise, "USD");
        }
    }

    #[test]
    fn both_ends_with_a_unit_stay_a_range() {
        assert_eq!(
            parsed("US$52/hour to US$75/hour"),
            t(52.0, 75.0, "USD", Period::Hour)
        );
        assert_eq!(
            parsed("$174,000/yr - $235,000/yr"),
            t(174000.0, 235000.0, "USD", Period::Year)
        );
        assert_eq!(
            parsed("$21.91 - $28.85 per hour"),
            t(21.91, 28.85, "USD", Period::Hour)
        );
    }

    #[test]
    fn thousands_without_k_beside_yearly_words() {
        assert_eq!(
            parsed("CAD$70-120 + equity"),
            t(70000.0, 120000.0, "CAD", Period::Year)
        );
        assert_eq!(
            parsed("CAD$70-120k"),
            t(70000.0, 120000.0, "CAD", Period::Year)
        );
        assert_eq!(parsed("$70-120").3, Period::Hour);
        assert_eq!(
            found("Salary: roughly €600 to €900 (monthly)."),
            Some(t(600.0, 900.0, "EUR", Period::Month))
        );
        assert_eq!(
            parsed("Salary $40-45/hour"),
            t(40.0, 45.0, "USD", Period::Hour)
        );
    }

    #[test]
    fn french_german_spanish_ranges() {
        assert_eq!(
            found("Salaire : entre 48K€ et 62K€ selon profil."),
            Some(t(48000.0, 62000.0, "EUR", Period::Year))
        );
        assert_eq!(
            found("Salario entre 31.000€ y 39.000€ anuales."),
            Some(t(31000.0, 39000.0, "EUR", Period::Year))
        );
        assert_eq!(
            found("Le salaire sera dans la fourchette 35-45 kE selon expérience."),
            Some(t(35000.0, 45000.0, "EUR", Period::Year))
        );
        assert_eq!(
            found("Rémunération de 42 000 à 51 000 € brut annuel."),
            Some(t(42000.0, 51000.0, "EUR", Period::Year))
        );
        assert_eq!(
            found("Gehalt: 55.000 - 65.000 EUR p.a."),
            Some(t(55000.0, 65000.0, "EUR", Period::Year))
        );
        assert_eq!(
            found("SALARY:$85K-105K, remote"),
            Some(t(85000.0, 105000.0, "USD", Period::Year))
        );
    }

    #[test]
    fn ends_written_apart() {
        let s = find(
            "Pay band: minimum hourly rate $24.10; maximum hourly rate $31.75.",
            "USD",
        )
        .unwrap();
        assert_eq!(
            (s.min, s.max, s.period, s.text.as_str()),
            (
                24.10,
                31.75,
                Period::Hour,
                "$24.10; maximum hourly rate $31.75"
            )
        );
        assert_eq!(
            found("Starting salary $60,000, rising with experience."),
            Some(t(60000.0, 60000.0, "USD", Period::Year))
        );
    }

    #[test]
    fn perks_are_not_salary() {
        for text in [
            "We also cover up to $300 USD per month for a coworking desk.",
            "A $400/month home office stipend.",
            "Plus a $1K bonus and a 401k.",
            "We give a $2,000 learning budget per year.",
        ] {
            assert_eq!(found(text), None, "{text}");
        }
    }

    #[test]
    fn dollars_of_a_country() {
        assert_eq!(dollar_of("CA"), Some("CAD"));
        assert_eq!(dollar_of("DE"), None);
    }
}
