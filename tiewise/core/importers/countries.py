"""Countries named in affiliation strings ("Dept of Medicine, Karolinska
Institutet, Stockholm, Sweden."), as one small table: the English short name
of every country, the other names and abbreviations papers use for some,
and the US states and Canadian provinces that often stand where a country
should ("Boston, MA 02115").
"""

from __future__ import annotations

import re

from tiewise.core.importers.text import fold

COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados",
    "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina",
    "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia",
    "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China",
    "Colombia", "Comoros", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus",
    "Czech Republic", "Democratic Republic of the Congo", "Denmark", "Djibouti",
    "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Eritrea", "Estonia",
    "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia",
    "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau",
    "Guyana", "Haiti", "Honduras", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia",
    "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan",
    "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia",
    "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania",
    "Mauritius", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco",
    "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua",
    "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
    "Portugal", "Puerto Rico", "Qatar", "Romania", "Russia", "Rwanda", "Samoa",
    "San Marino", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone",
    "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea",
    "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland",
    "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Timor-Leste", "Togo",
    "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan",
    "Vanuatu", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe",
)  # fmt: skip

#: Other spellings, old names and abbreviations -> the name above.
VARIANTS: dict[str, str] = {
    "usa": "United States", "u.s.a.": "United States", "us": "United States",
    "u.s.": "United States", "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "england": "United Kingdom",
    "scotland": "United Kingdom", "wales": "United Kingdom",
    "northern ireland": "United Kingdom", "great britain": "United Kingdom",
    "deutschland": "Germany", "federal republic of germany": "Germany",
    "the netherlands": "Netherlands", "holland": "Netherlands", "czechia": "Czech Republic",
    "republic of korea": "South Korea", "korea": "South Korea", "korea, republic of": "South Korea",
    "people's republic of china": "China", "pr china": "China", "p.r. china": "China",
    "prc": "China", "russian federation": "Russia", "turkiye": "Turkey", "türkiye": "Turkey",
    "viet nam": "Vietnam", "cote d'ivoire": "Ivory Coast", "côte d'ivoire": "Ivory Coast",
    "uae": "United Arab Emirates", "iran, islamic republic of": "Iran", "brasil": "Brazil",
    "españa": "Spain", "espana": "Spain", "italia": "Italy", "schweiz": "Switzerland",
    "suisse": "Switzerland", "österreich": "Austria", "sverige": "Sweden", "norge": "Norway",
    "danmark": "Denmark", "suomi": "Finland", "polska": "Poland", "méxico": "Mexico",
    "swaziland": "Eswatini", "burma": "Myanmar", "macedonia": "North Macedonia",
    "dr congo": "Democratic Republic of the Congo", "drc": "Democratic Republic of the Congo",
    "republic of ireland": "Ireland", "éire": "Ireland",
}  # fmt: skip

US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
)  # fmt: skip
US_STATE_NAMES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip
CA_PROVINCES = ("Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
                "Nova Scotia", "Ontario", "Quebec", "Québec", "Saskatchewan")  # fmt: skip

_BY_NAME: dict[str, str] = {fold(c): c for c in COUNTRIES}
_BY_NAME.update({fold(k): v for k, v in VARIANTS.items()})
# "Georgia" and "Washington" name both a country or a city and a US state: the
# country wins unless a US postcode follows, which _US_POSTCODE catches.
_BY_NAME.update({fold(s): "United States" for s in US_STATE_NAMES if fold(s) not in _BY_NAME})
_BY_NAME.update({fold(p): "Canada" for p in CA_PROVINCES})
_US_POSTCODE = re.compile(rf"\b(?:{'|'.join(US_STATES)})\.?\s+\d{{5}}(?:-\d{{4}})?\b")
_EMAIL = re.compile(r"(?:electronic address:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_TRAILING = re.compile(r"[\s.;,]+$")


def country_of(affiliation: str) -> str:
    """The country an affiliation names, in English, or "".

    >>> country_of("Department of Medicine, Karolinska Institutet, Stockholm, Sweden.")
    'Sweden'
    >>> country_of("Division of Hospital Medicine, Boston, MA 02115, USA. jd@x.org")
    'United States'
    >>> country_of("Klinik für Kardiologie, Universität Bern, Bern, Schweiz")
    'Switzerland'
    >>> country_of("Harborview Medical Center, Seattle, WA 98104"), country_of("Somewhere")
    ('United States', '')
    """
    text = _EMAIL.sub("", affiliation)
    parts = [_TRAILING.sub("", p).strip() for p in re.split(r"[,;]", text)]
    for part in reversed([p for p in parts if p]):
        found = _BY_NAME.get(fold(part))
        if found:
            return found
        words = part.split()
        # "SE-171 77 Stockholm Sweden": a country after a postcode, in the same part
        for size in (3, 2, 1):
            if size < len(words) and any(c.isdigit() for c in words[-size - 1]):
                found = _BY_NAME.get(fold(" ".join(words[-size:])))
                if found:
                    return found
        if _US_POSTCODE.search(part):
            return "United States"
    return ""


def without_emails(affiliation: str) -> tuple[str, list[str]]:
    """The affiliation without the email addresses MEDLINE appends to it, and those addresses.

    >>> without_emails("Dept X, Uni Y, Oslo, Norway. Electronic address: a@b.no.")
    ('Dept X, Uni Y, Oslo, Norway', ['a@b.no'])
    """
    emails = [m.group().split()[-1].rstrip(".") for m in _EMAIL.finditer(affiliation)]
    rest = _TRAILING.sub("", _EMAIL.sub("", affiliation)).strip()
    return rest, emails
