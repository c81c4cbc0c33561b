"""`tiewise demo --large`: the demo persona with a real clinician's network,
built through the real import path. Every name is invented, drawn with a
seed from names of many cultures, so two runs build the same PLN.

Dr. Sam Rivera gets the hand-curated core of the normal demo, then imports
(and commits with the suggested decisions, as a user accepting the
suggestions would) a LinkedIn Connections.csv of about 1,500 connections in
the 2024 layout, a PubMed MEDLINE file of 60 papers with about 400
co-authors (namesakes included: two different Wei Zhangs), and an X archive
`following.js` of 300 follows."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from tiewise.accounts import selectors as account_selectors

SEED = 20240601

_GIVEN = (
    "Wei Li Na Jing Hao Yan Min Jun Xin Mei Hiroshi Yuki Kenji Aiko Sakura Takumi Minji Jisoo "
    "Seo-yeon Hyun-woo Arjun Priya Ananya Rohan Kavya Vikram Deepa Rahul Aditi Sanjay Fatima "
    "Omar Layla Yusuf Amina Karim Noor Hassan Leila Tariq Chidi Ngozi Kwame Abena Tunde Amara "
    "Kofi Zainab Emeka Adaeze Olga Dmitri Anastasia Ivan Katarzyna Piotr Agnieszka Tomasz "
    "Ingrid Lars Astrid Sven Freya Matteo Giulia Lorenzo Chiara Francesca Sofia Lucas Camille "
    "Hugo Chloe Antoine Elodie Jakob Lena Felix Hannah Lukas Marie Carlos Lucia Javier Carmen "
    "Diego Valentina Mateo Isabella Joao Beatriz Thiago Mariana Sarah David Rachel Daniel "
    "Emily James Olivia Michael Grace Thomas Aisha Maya Noah Leah Ethan Chloe Liam Ava Aroha "
    "Tane Mele Sione Nguyen Linh Minh Thu Anh Bao Siddharth Meera Nikhil Shreya"
)
_FAMILY = (
    "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Sato Suzuki Takahashi Tanaka Watanabe Kim Lee "
    "Park Choi Jung Patel Sharma Singh Gupta Iyer Reddy Nair Menon Rao Khan Ahmed Hassan Ali "
    "Haddad Rahman Farouk Mansour Okafor Adeyemi Mensah Boateng Nwosu Okonkwo Abubakar Diallo "
    "Kowalski Nowak Wisniewski Ivanova Petrov Smirnov Olsen Hansen Lindqvist Berg Johansson "
    "Rossi Russo Ferrari Esposito Bianchi Romano Dubois Martin Bernard Lefevre Moreau Muller "
    "Schmidt Schneider Fischer Weber Becker Garcia Martinez Lopez Gonzalez Hernandez Perez "
    "Sanchez Ramirez Silva Santos Oliveira Souza Costa Smith Johnson Brown Taylor Wilson Davies "
    "Evans Thomas O'Connor Murphy Kelly Walsh Cohen Levi Friedman Tuhiwai Ngata Fifita Tran "
    "Nguyen Pham Le Vo"
)
#: Name lists read better as text.
GIVEN, FAMILY = _GIVEN.split(), _FAMILY.split()
INSTITUTIONS = (
    ("Riverside University Hospital", "Riverside", "United States"),
    ("Mayo Clinic", "Rochester", "United States"),
    ("Johns Hopkins University School of Medicine", "Baltimore", "United States"),
    ("Massachusetts General Hospital", "Boston", "United States"),
    ("University of Toronto", "Toronto", "Canada"),
    ("McGill University Health Centre", "Montreal", "Canada"),
    ("Charité – Universitätsmedizin Berlin", "Berlin", "Germany"),
    ("Karolinska Institutet", "Stockholm", "Sweden"),
    ("Hôpital Européen Georges-Pompidou", "Paris", "France"),
    ("Policlinico Gemelli", "Rome", "Italy"),
    ("Hospital Clínic de Barcelona", "Barcelona", "Spain"),
    ("University College London Hospitals", "London", "United Kingdom"),
    ("Royal College of Surgeons in Ireland", "Dublin", "Ireland"),
    ("Peking Union Medical College Hospital", "Beijing", "China"),
    ("Fudan University", "Shanghai", "China"),
    ("National University Hospital", "Singapore", "Singapore"),
    ("University of Tokyo Hospital", "Tokyo", "Japan"),
    ("Seoul National University Hospital", "Seoul", "South Korea"),
    ("All India Institute of Medical Sciences", "New Delhi", "India"),
    ("Aga Khan University Hospital", "Karachi", "Pakistan"),
    ("University of Lagos", "Lagos", "Nigeria"),
    ("Korle Bu Teaching Hospital", "Accra", "Ghana"),
    ("Groote Schuur Hospital", "Cape Town", "South Africa"),
    ("Hospital Israelita Albert Einstein", "São Paulo", "Brazil"),
    ("Universidad de Chile", "Santiago", "Chile"),
    ("University of Auckland", "Auckland", "New Zealand"),
    ("Royal Melbourne Hospital", "Melbourne", "Australia"),
    ("State Department of Health", "Riverside", "United States"),
    ("MedSim Labs", "Riverside", "United States"),
    ("Doctors Without Borders", "Geneva", "Switzerland"),
)
TITLES = (
    "Attending physician", "Emergency physician", "Associate professor of medicine",
    "Professor of emergency medicine", "PGY-2 resident", "PGY-3 resident", "Fellow, critical care",
    "Program director", "Clinical nurse specialist", "Clinical pharmacist", "Medical student",
    "Chief medical officer", "Research scientist", "Biostatistician", "Paramedic supervisor",
    "Director of simulation", "Health policy adviser", "Product manager, clinical software",
    "Consultant in acute medicine", "Nurse practitioner", "Epidemiologist", "Dean of education",
)  # fmt: skip
TOPICS = (
    "sepsis bundles", "point-of-care ultrasound", "residents' wellbeing", "simulation debriefing",
    "weak ties in clinical questions", "emergency department crowding", "peer coaching",
    "feedback in the workplace", "virtual journal clubs", "airway management", "mentoring networks",
    "diagnostic error", "teaching on night shifts", "global emergency care", "tele-triage",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Built:
    email: str
    password: str
    linkedin: int
    papers: int
    coauthors: int
    follows: int
    nodes: int
    alter_ties: int
    duplicates: int


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def connections_csv(rng: random.Random, count: int, today: date) -> bytes:
    """LinkedIn's Connections.csv in the 2024 layout: notes, then the header."""
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who have "
        "allowed their connections to see or download their email address using this setting "
        'https://www.linkedin.com/psettings/privacy/email."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    used: dict[str, int] = {}
    for i in range(count):
        given, family = _person(rng)
        org, _city, _country = rng.choice(INSTITUTIONS)
        slug = f"{given}-{family}-{i:04x}".lower().replace("'", "").replace(" ", "-")
        email = ""
        if i % 7 == 0:  # one in seven shares an address; no two people share one
            local = f"{given[0]}.{family}".lower().replace("'", "").replace(" ", "")
            used[local] = used.get(local, 0) + 1
            email = f"{local}{used[local] if used[local] > 1 else ''}@example.org"
        when = today - timedelta(days=rng.randrange(30, 365 * 12))
        org_cell = f'"{org}"' if "," in org else org
        lines.append(
            f"{given},{family},https://www.linkedin.com/in/{slug},{email},{org_cell},"
            f"{rng.choice(TITLES)},{when:%d %b %Y}"
        )
    return ("\n".join(lines) + "\n").encode()


def medline(
    rng: random.Random,
    papers: int,
    coauthors: int,
    today: date,
    *,
    owner: tuple[str, str] = ("Rivera", "Sam"),
    affiliation: str = "Department of Emergency Medicine, Riverside University Hospital, "
    "Riverside, USA.",
) -> bytes:
    """A PubMed MEDLINE file of the owner's papers (``owner`` is family and
    given name). Two different Wei Zhangs (Beijing and Toronto) write with
    the owner; so do initials-only spellings."""
    pool: list[tuple[str, str, str]] = [
        ("Zhang", "Wei", "Peking Union Medical College Hospital, Beijing, China."),
        ("Zhang", "Wei", "Department of Medicine, University of Toronto, Toronto, Canada."),
    ]
    while len(pool) < coauthors:
        given, family = _person(rng)
        org, city, country = rng.choice(INSTITUTIONS)
        pool.append((family, given, f"{org}, {city}, {country}."))
    blocks = []
    for p in range(papers):
        year = today.year - rng.randrange(0, 12)
        team = [pool[p % 2]] if p < 12 else []
        team += pool[2 + p :: papers]  # everyone writes with the owner at least once
        team += rng.sample(pool[:40], 3)  # and a circle of frequent co-authors
        lines = [
            f"PMID- {39000000 - p}",
            "OWN - NLM",
            f"DP  - {year} {rng.choice(['Jan', 'Mar', 'Jun', 'Sep', 'Nov'])}",
            f"TI  - {rng.choice(TOPICS).capitalize()}: a study of {rng.choice(TOPICS)}.",
            f"FAU - {owner[0]}, {owner[1]}",
            f"AU  - {owner[0]} {owner[1][0]}",
            f"AD  - {affiliation}",
        ]
        for family, given, affiliation in dict.fromkeys(team):
            lines += [
                f"FAU - {family}, {given}",
                f"AU  - {family} {given[0]}",
                f"AD  - {affiliation}",
            ]
        lines += ["LA  - eng", "PT  - Journal Article", ""]
        blocks.append("\n".join(lines))
    return "\n".join(blocks).encode()


def following_js(rng: random.Random, count: int) -> bytes:
    """An X archive's following.js: account ids and intent links only."""
    ids = rng.sample(range(10_000_000, 1_900_000_000), count)
    items = [
        {
            "following": {
                "accountId": str(i),
                "userLink": f"https://twitter.com/intent/user?user_id={i}",
            }
        }
        for i in ids
    ]
    return ("window.YTD.following.part0 = " + json.dumps(items, indent=2)).encode()


def load_large_demo(
    *, email: str = "demo@tiewise.local", password: str | None = None, scale: float = 1.0
) -> Built:
    """The demo user rebuilt with the large network (see the module docstring).
    `scale` shrinks every file (0.05 for a quick test)."""
    from django.utils import timezone

    from tiewise.demo import load_demo
    from tiewise.network import selectors as network_selectors
    from tiewise.transfer import services as transfer

    rng = random.Random(SEED)
    today = timezone.localdate()
    _created, password = load_demo(email=email, password=password, reset=True)
    owner = account_selectors.user_by_email(email)
    n_linkedin = max(1, round(1500 * scale))
    n_papers = max(2, round(60 * scale))
    n_coauthors = max(4, round(400 * scale))
    n_follows = max(1, round(300 * scale))
    files = (
        ("Connections.csv", connections_csv(rng, n_linkedin, today)),
        ("pubmed-rivera.txt", medline(rng, n_papers, n_coauthors, today)),
        ("following.js", following_js(rng, n_follows)),
    )
    counts = []
    for filename, data in files:
        batch = transfer.import_stage(owner=owner, data=data, filename=filename, today=today)
        counts.append(batch.records.count())
        transfer.import_commit(batch=batch, default="suggested")
    return Built(
        email=email,
        password=password,
        linkedin=counts[0],
        papers=n_papers,
        coauthors=counts[1],
        follows=counts[2],
        nodes=network_selectors.node_count(owner),
        alter_ties=network_selectors.alter_tie_count(owner),
        duplicates=len(network_selectors.duplicate_pairs(owner)),
    )
