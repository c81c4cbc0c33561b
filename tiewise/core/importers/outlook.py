"""Outlook contacts CSV (File > Open & Export > Import/Export > Comma Separated Values).

Outlook writes its header in the language of the installation, and files
from a German or French Outlook are usually Windows-1252; `ALIASES` maps
their column names onto the English ones, and `decode` reads the code page.
Careful with names: Outlook's `Title` (`Anrede`) is the honorific ("Dr."),
the job title is `Job Title` (`Position`). A file may hold only some of the
columns (people trim them in a spreadsheet); `First Name` and `Last Name`
are the ones it needs.
"""

from __future__ import annotations

from tiewise.core.importers.records import ImportFailed, ImportRecord, ImportResult, OwnerHints
from tiewise.core.importers.text import Row, csv_rows, decode, join_name

FORMAT = "outlook"
REQUIRED = ("First Name", "Last Name")
#: Columns that tell an Outlook CSV apart from other CSVs with a First Name.
MARKERS = ("E-mail Address", "Job Title", "Business Phone", "Mobile Phone", "Company",
           "Categories", "Home Phone", "Department")  # fmt: skip
_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_PHONES = ("Mobile Phone", "Business Phone", "Primary Phone", "Home Phone", "Mobile Phone 2",
           "Business Phone 2", "Home Phone 2", "Company Main Phone", "Other Phone",
           "Car Phone", "Callback", "Radio Phone", "ISDN", "TTY/TDD Phone",
           "Assistant's Phone")  # fmt: skip
_ADDRESSES = ("Business", "Home", "Other")
_ADDRESS_PARTS = ("Street", "Street 2", "Street 3", "Postal Code", "City", "State",
                  "Country/Region")  # fmt: skip
#: Forms of address, not part of a name (an academic title such as "Dr." is kept).
_SALUTATIONS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "herr", "frau", "m.", "mme",
     "mme.", "mlle", "monsieur", "madame", "sr.", "sra."}
)  # fmt: skip
#: Columns with no node field of their own, kept as labelled lines of the notes.
_NOTE_COLUMNS = ("Nickname", "Birthday", "Anniversary", "Spouse", "Children", "Manager's Name",
                 "Assistant's Name", "Office Location", "Referred By", "Hobby", "Keywords",
                 "Location", "Business Fax", "Home Fax", "Other Fax", "Pager", "IMAddress",
                 "User 1", "User 2", "User 3", "User 4")  # fmt: skip
#: What Outlook writes for "no date" in each language.
_NO_DATE = {"0/0/00", "1/0/00", "0.0.00", "00.00.00", "0.0.0000", "00/00/00", "00/00/0000"}

#: Localised column names -> the English ones (German and French Outlook).
ALIASES: dict[str, str] = {
    # German
    "Anrede": "Title", "Vorname": "First Name", "Weitere Vornamen": "Middle Name",
    "Nachname": "Last Name", "Suffix": "Suffix", "Firma": "Company", "Abteilung": "Department",
    "Position": "Job Title", "Beruf": "Profession", "E-Mail-Adresse": "E-mail Address",
    "E-Mail 2: Adresse": "E-mail 2 Address", "E-Mail 3: Adresse": "E-mail 3 Address",
    "Telefon geschäftlich": "Business Phone", "Telefon geschäftlich 2": "Business Phone 2",
    "Telefon privat": "Home Phone", "Telefon privat 2": "Home Phone 2",
    "Mobiltelefon": "Mobile Phone", "Mobiltelefon 2": "Mobile Phone 2",
    "Haupttelefon": "Primary Phone", "Telefon Firma": "Company Main Phone",
    "Weiteres Telefon": "Other Phone", "Autotelefon": "Car Phone", "Rückmeldung": "Callback",
    "Telefon Assistent": "Assistant's Phone", "Fax geschäftlich": "Business Fax",
    "Fax privat": "Home Fax", "Weiteres Fax": "Other Fax",
    "Straße geschäftlich": "Business Street", "Ort geschäftlich": "Business City",
    "Region geschäftlich": "Business State", "Postleitzahl geschäftlich": "Business Postal Code",
    "Land/Region geschäftlich": "Business Country/Region", "Straße privat": "Home Street",
    "Ort privat": "Home City", "Bundesland/Kanton privat": "Home State",
    "Postleitzahl privat": "Home Postal Code", "Land/Region privat": "Home Country/Region",
    "Weitere Straße": "Other Street", "Weiterer Ort": "Other City",
    "Weitere Postleitzahl": "Other Postal Code", "Weiteres/e Land/Region": "Other Country/Region",
    "Kategorien": "Categories", "Notizen": "Notes", "Webseite": "Web Page",
    "Geburtstag": "Birthday", "Jahrestag": "Anniversary", "Partner": "Spouse",
    "Kinder": "Children", "Name des/der Vorgesetzten": "Manager's Name",
    "Name Assistent": "Assistant's Name", "Büro": "Office Location", "Stichwörter": "Keywords",
    "Ort": "Location", "Spitzname": "Nickname", "Benutzer 1": "User 1", "Benutzer 2": "User 2",
    "Benutzer 3": "User 3", "Benutzer 4": "User 4",
    # French
    "Titre": "Title", "Prénom": "First Name", "Deuxième prénom": "Middle Name", "Nom": "Last Name",
    "Suffixe": "Suffix", "Société": "Company", "Service": "Department", "Fonction": "Job Title",
    "Adresse de messagerie": "E-mail Address", "Adresse de messagerie 2": "E-mail 2 Address",
    "Adresse de messagerie 3": "E-mail 3 Address", "Téléphone bureau": "Business Phone",
    "Téléphone bureau 2": "Business Phone 2", "Téléphone domicile": "Home Phone",
    "Tél. mobile": "Mobile Phone", "Téléphone mobile": "Mobile Phone",
    "Téléphone principal": "Primary Phone", "Rue (bureau)": "Business Street",
    "Ville (bureau)": "Business City", "Code postal (bureau)": "Business Postal Code",
    "Pays/Région (bureau)": "Business Country/Region", "Ville (domicile)": "Home City",
    "Pays/Région (domicile)": "Home Country/Region", "Catégories": "Categories",
    "Page Web": "Web Page", "Anniversaire": "Birthday", "Surnom": "Nickname",
}  # fmt: skip


def parse(
    data: bytes, *, filename: str = "contacts.csv", owner: OwnerHints | None = None
) -> ImportResult:
    """Contacts as records with no suggested strength.

    >>> head = b'"First Name","Middle Name","Last Name","Title",'
    >>> head += b'"E-mail Address","Company","Job Title"\\n'
    >>> r = parse(head + b'"Lee","","Chan","Dr.","lee@h.org","City Hospital","Dean"\\n').records[0]
    >>> r.name, r.title, r.organisation
    ('Dr. Lee Chan', 'Dean', 'City Hospital')
    >>> de = "Vorname;Nachname;Firma;Abteilung;Position\\n"
    >>> de += "Jürgen;Weiß;Klinikum Süd;Kardiologie;Oberarzt\\n"
    >>> r = parse(de.encode("cp1252")).records[0]
    >>> r.name, r.organisation, r.specialty, r.title
    ('Jürgen Weiß', 'Klinikum Süd', 'Kardiologie', 'Oberarzt')
    """
    result = ImportResult(format=FORMAT)
    text = decode(data, filename, result.warnings)
    header, rows = csv_rows(
        text,
        filename,
        required=REQUIRED,
        aliases=ALIASES,
        max_preamble=1,
        warnings=result.warnings,
        delimiter=_delimiter(text),
    )
    if not any(m in header for m in MARKERS):
        raise ImportFailed(
            filename,
            "this has First Name and Last Name but none of Outlook's other columns "
            f"({', '.join(MARKERS[:4])}, ...); is it an Outlook contacts export?",
            line=1,
            field="E-mail Address",
        )
    result.extra["language"] = _language(text)
    for row in rows:
        record = _record(row)
        if record is None:
            result.warnings.append(f"{filename}, line {row.line}: skipped a contact with no name")
        else:
            result.records.append(record)
    return result


def _delimiter(text: str) -> str:
    """German Outlook (and Excel in many locales) separates with ';' instead of ','."""
    first = text[:4000].split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _language(text: str) -> str:
    head = text[:2000]
    if "Vorname" in head:
        return "de"
    if "Prénom" in head:
        return "fr"
    return "en"


def _record(row: Row) -> ImportRecord | None:
    title = row.get("Title")
    name = join_name(
        "" if title.casefold() in _SALUTATIONS else title,
        row.get("First Name"),
        row.get("Middle Name"),
        row.get("Last Name"),
        row.get("Suffix"),
    )
    organisation = row.get("Company")
    person = bool(join_name(row.get("First Name"), row.get("Middle Name"), row.get("Last Name")))
    raw_emails = [row.get(c) for c in _EMAILS]
    emails = list(dict.fromkeys(e for e in raw_emails if "@" in e))
    odd_emails = [e for e in raw_emails if e and "@" not in e]  # Exchange X.500 addresses
    if not person:
        name = organisation or (emails[0] if emails else "")
    if not name:
        return None
    phones = list(dict.fromkeys(p for c in _PHONES if (p := row.get(c))))
    city = country = ""
    notes_lines: list[str] = []
    for place in _ADDRESSES:
        parts = {p: row.get(f"{place} {p}") for p in _ADDRESS_PARTS}
        parts["Country/Region"] = parts["Country/Region"] or row.get(f"{place} Country")
        if not city and not country and (parts["City"] or parts["Country/Region"]):
            city, country = parts["City"], parts["Country/Region"]
            if not any(parts[p] for p in _ADDRESS_PARTS[:4] + ("State",)):
                continue  # city and country have their fields; nothing more to keep
        if any(parts.values()):
            notes_lines.append(f"{place} address: " + ", ".join(v for v in parts.values() if v))
    for column in _NOTE_COLUMNS:
        value = row.get(column)
        if value and value not in _NO_DATE:
            notes_lines.append(f"{column}: {value}")
    notes_lines.extend(f"Other email address: {e}" for e in odd_emails)
    notes = row.get("Notes")
    if notes_lines:
        notes = (notes + "\n\n" if notes else "") + "\n".join(notes_lines)
    links = tuple(dict.fromkeys(u for c in ("Web Page", "Personal Web Page") if (u := row.get(c))))
    categories = row.get("Categories")
    return ImportRecord(
        name=name,
        kind="person" if person else "organisation",
        email=emails[0] if emails else "",
        other_emails=tuple(emails[1:]),
        phone=phones[0] if phones else "",
        other_phones=tuple(phones[1:]),
        organisation=organisation,
        title=row.get("Job Title"),
        profession=row.get("Profession"),
        specialty=row.get("Department"),
        city=city,
        country=country,
        links=links,
        tags=tuple(c.strip() for c in categories.replace(",", ";").split(";") if c.strip()),
        notes=notes,
        line=row.line,
    )
