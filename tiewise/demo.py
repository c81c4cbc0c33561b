"""The demo PLN: Dr. Sam Rivera, an early-career emergency physician who
also teaches. Every name is invented."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tiewise.accounts import selectors as account_selectors
from tiewise.accounts.services import user_create
from tiewise.network import selectors as network_selectors
from tiewise.network import services

DEMO_PASSWORD = "tiewise-demo"  # noqa: S105 - printed on purpose: it is the demo

P, T, B = ["personal"], ["technology"], ["personal", "technology"]

# fmt: off
# name, kind, strength, modes, areas, roles, sector, reach, organisation, title, profession
NODES: list[tuple[Any, ...]] = [
    ("Dr. Maria Chen", "person", "strong", P, ["expertise", "professional_identity"], ["mentor"], "medicine", "local", "Riverside University Hospital", "Vice chair, emergency medicine", "Physician"),
    ("Dr. David Okafor", "person", "strong", P, ["professional_identity"], ["sponsor"], "medicine", "local", "Riverside University Hospital", "Program director", "Physician"),
    ("Dr. Priya Nair", "person", "strong", B, ["academic"], ["research_advisor", "collaborator"], "medicine", "local", "Riverside University Hospital", "Associate professor", "Physician"),
    ("Dr. Tom Becker", "person", "strong", P, ["informal_community"], ["friend", "confidant", "peer"], "medicine", "local", "Riverside University Hospital", "Attending physician", "Physician"),
    ("Dr. Lena Park", "person", "strong", B, ["informal_community", "expertise"], ["peer", "friend"], "medicine", "regional", "Lakeside Medical Center", "Attending physician", "Physician"),
    ("Alex Rivera", "person", "strong", P, ["informal_community"], ["family", "confidant"], "other", "local", "", "", "Teacher"),
    ("Nurse Manager Jo Alvarez", "person", "strong", P, ["expertise"], ["peer", "subject_expert"], "health_professions", "local", "Riverside University Hospital", "ED nurse manager", "Nurse"),
    ("Dr. Hannah Schmidt", "person", "strong", B, ["academic", "expertise"], ["collaborator"], "medicine", "international", "Charité Berlin", "Consultant, emergency medicine", "Physician"),
    ("Dr. Kwame Mensah", "person", "strong", T, ["professional_identity"], ["coach"], "medicine", "national", "Academy of Medical Educators", "Faculty development coach", "Physician"),
    ("Dr. Emily Tran", "person", "strong", P, ["academic"], ["mentee"], "medicine", "local", "Riverside University Hospital", "PGY-2 resident", "Physician"),
    ("Dr. Omar Haddad", "person", "strong", P, ["expertise"], ["mentee"], "medicine", "local", "Riverside University Hospital", "PGY-3 resident", "Physician"),
    ("Sara Lindqvist, PharmD", "person", "strong", P, ["expertise"], ["subject_expert", "adviser"], "health_professions", "local", "Riverside University Hospital", "Clinical pharmacist", "Pharmacist"),
    ("Dr. Ravi Patel", "person", "weak", T, ["expertise"], ["subject_expert"], "medicine", "national", "Metro Toxicology Center", "Medical toxicologist", "Physician"),
    ("Dr. Claire Dubois", "person", "weak", T, ["academic"], ["collaborator"], "medicine", "international", "CHU de Lyon", "Emergency physician, researcher", "Physician"),
    ("Dr. Jamal Wright", "person", "weak", T, ["professional_identity"], ["peer"], "medicine", "national", "FOAMed podcast", "Host", "Physician"),
    ("Prof. Ingrid Olsen", "person", "weak", T, ["academic"], ["subject_expert"], "academia", "international", "University of Oslo", "Professor of education", "Educator"),
    ("Mark Sullivan", "person", "weak", P, ["expertise"], ["adviser"], "industry", "regional", "MedSim Labs", "Simulation engineer", "Engineer"),
    ("Dr. Aisha Bello", "person", "weak", B, ["professional_identity"], ["peer"], "medicine", "national", "Women in Emergency Medicine", "Chair, mentoring committee", "Physician"),
    ("Dr. Kenji Watanabe", "person", "weak", T, ["expertise"], ["subject_expert"], "medicine", "international", "Tokyo Medical University", "Ultrasound fellowship director", "Physician"),
    ("Rachel Green, MPH", "person", "weak", P, ["academic"], ["adviser"], "government", "regional", "State Department of Health", "Epidemiologist", "Epidemiologist"),
    ("Dr. Luis Moreno", "person", "weak", P, ["informal_community"], ["peer"], "medicine", "local", "Riverside University Hospital", "Hospitalist", "Physician"),
    ("Dr. Grace Kim", "person", "weak", T, ["expertise"], ["peer"], "medicine", "national", "Pacific Children's Hospital", "Pediatric emergency physician", "Physician"),
    ("Ben Foster", "person", "weak", P, ["informal_community"], ["friend"], "industry", "local", "Foster Design", "Designer", "Designer"),
    ("Dr. Fatima Rahman", "person", "weak", B, ["academic"], ["peer"], "medicine", "regional", "Lakeside Medical Center", "Assistant professor", "Physician"),
    ("Dr. Peter Novak", "person", "weak", P, ["professional_identity"], ["adviser"], "medicine", "local", "Riverside University Hospital", "Associate dean, GME", "Physician"),
    ("Chaplain Ruth Adeyemi", "person", "weak", P, ["informal_community"], ["confidant"], "nonprofit", "local", "Riverside University Hospital", "Chaplain", "Chaplain"),
    ("Dr. Sofia Rossi", "person", "weak", T, ["expertise"], ["subject_expert"], "medicine", "international", "Policlinico Gemelli", "Critical care physician", "Physician"),
    ("Dr. Nathan Brooks", "person", "weak", P, ["academic"], ["collaborator"], "academia", "local", "Riverside University", "Biostatistician", "Statistician"),
    ("Dr. Yuki Tanaka", "person", "weak", T, ["professional_identity"], ["peer"], "medicine", "international", "Global EM Network", "Education lead", "Physician"),
    ("Liam O'Connor", "person", "weak", P, ["expertise"], ["subject_expert"], "health_professions", "local", "City EMS", "Paramedic supervisor", "Paramedic"),
    ("Riverside EM Department", "department", "strong", P, ["expertise", "professional_identity"], [], "medicine", "local", "Riverside University Hospital", "", ""),
    ("Academy of Medical Educators", "organisation", "weak", B, ["professional_identity", "academic"], [], "academia", "national", "", "", ""),
    ("#MedEd journal club", "community", "weak", T, ["academic", "informal_community"], [], "medicine", "international", "", "", ""),
    ("EM Residents' Wellness Group", "team", "weak", P, ["informal_community"], [], "medicine", "local", "Riverside University Hospital", "", ""),
    ("Society for Academic Emergency Medicine", "organisation", "weak", T, ["academic", "professional_identity"], [], "medicine", "national", "", "", ""),
    ("MedSim Labs", "organisation", "weak", P, ["expertise"], [], "industry", "regional", "", "", ""),
    # Prospects: known of, no relationship yet.
    ("Dr. Elena Vasquez", "person", "absent", [], ["professional_identity"], ["sponsor"], "medicine", "national", "National Board of Emergency Medicine", "Board member", "Physician"),
    ("Dr. Michael Chang", "person", "absent", [], ["academic"], ["research_advisor"], "academia", "international", "University of Toronto", "Health services researcher", "Researcher"),
    ("Dr. Amara Osei", "person", "absent", [], ["expertise"], ["subject_expert"], "medicine", "international", "Korle Bu Teaching Hospital", "Global health physician", "Physician"),
    ("Jordan Lee", "person", "absent", [], ["professional_identity"], ["coach"], "industry", "regional", "Lee Leadership", "Executive coach", "Coach"),
]

# Who knows whom, by name.
ALTER_TIES: list[tuple[str, str, str]] = [
    ("Dr. Maria Chen", "Dr. David Okafor", "strong"),
    ("Dr. Maria Chen", "Dr. Priya Nair", "strong"),
    ("Dr. David Okafor", "Dr. Priya Nair", "weak"),
    ("Dr. Maria Chen", "Dr. Tom Becker", "weak"),
    ("Dr. Tom Becker", "Dr. Luis Moreno", "strong"),
    ("Dr. Tom Becker", "Dr. Lena Park", "strong"),
    ("Dr. Lena Park", "Dr. Fatima Rahman", "weak"),
    ("Dr. David Okafor", "Dr. Emily Tran", "weak"),
    ("Dr. David Okafor", "Dr. Omar Haddad", "weak"),
    ("Dr. Emily Tran", "Dr. Omar Haddad", "strong"),
    ("Nurse Manager Jo Alvarez", "Dr. Maria Chen", "strong"),
    ("Nurse Manager Jo Alvarez", "Liam O'Connor", "weak"),
    ("Sara Lindqvist, PharmD", "Nurse Manager Jo Alvarez", "weak"),
    ("Dr. Priya Nair", "Dr. Nathan Brooks", "strong"),
    ("Dr. Priya Nair", "Rachel Green, MPH", "weak"),
    ("Dr. Nathan Brooks", "Rachel Green, MPH", "weak"),
    ("Dr. Priya Nair", "Dr. Hannah Schmidt", "weak"),
    ("Dr. Hannah Schmidt", "Dr. Claire Dubois", "strong"),
    ("Dr. Claire Dubois", "Dr. Sofia Rossi", "weak"),
    ("Dr. Hannah Schmidt", "Dr. Sofia Rossi", "weak"),
    ("Dr. Kwame Mensah", "Academy of Medical Educators", "strong"),
    ("Dr. Kwame Mensah", "Prof. Ingrid Olsen", "weak"),
    ("Prof. Ingrid Olsen", "#MedEd journal club", "weak"),
    ("Dr. Jamal Wright", "Dr. Yuki Tanaka", "weak"),
    ("Dr. Jamal Wright", "Dr. Grace Kim", "weak"),
    ("Dr. Yuki Tanaka", "#MedEd journal club", "weak"),
    ("Dr. Aisha Bello", "Dr. Grace Kim", "weak"),
    ("Dr. Ravi Patel", "Dr. Kenji Watanabe", "weak"),
    ("Mark Sullivan", "MedSim Labs", "strong"),
    ("Dr. Peter Novak", "Dr. David Okafor", "strong"),
    ("Chaplain Ruth Adeyemi", "EM Residents' Wellness Group", "weak"),
    ("Dr. Emily Tran", "EM Residents' Wellness Group", "weak"),
    ("Riverside EM Department", "Dr. Maria Chen", "strong"),
    ("Riverside EM Department", "Dr. David Okafor", "strong"),
    ("Alex Rivera", "Ben Foster", "weak"),
    ("Society for Academic Emergency Medicine", "Dr. Priya Nair", "weak"),
    ("Dr. Elena Vasquez", "Dr. David Okafor", "weak"),
    ("Dr. Michael Chang", "Dr. Priya Nair", "weak"),
    ("Jordan Lee", "Mark Sullivan", "weak"),
]

# fmt: on


@transaction.atomic
def load_demo(
    *, email: str = "demo@tiewise.local", password: str | None = None, reset: bool = False
) -> tuple[bool, str]:
    """Create the demo user and PLN. Returns (created, password)."""
    password = password or DEMO_PASSWORD
    existing = account_selectors.user_with_email(email)
    if existing and not reset:
        return False, password
    if existing:
        existing.delete()
    user = user_create(
        email=email,
        password=password,
        display_name="Dr. Sam Rivera",
        profession="Physician",
        specialty="Emergency medicine",
        career_stage="early_faculty",
        institution="Riverside University Hospital",
        city="Riverside",
        country="United States",
    )
    for i, row in enumerate(NODES):
        name, kind, strength, modes, areas, roles, sector, reach, org, title, prof = row
        services.node_create(
            owner=user,
            data={
                "name": name, "kind": kind, "strength": strength, "modes": modes,
                "areas": areas, "roles": roles, "sector": sector, "reach": reach,
                "organisation": org, "title": title, "profession": prof,
                "country": "United States" if reach != "international" else "",
                "since": date(2018 + i % 7, 1 + i % 12, 1) if strength != "absent" else None,
            },
        )  # fmt: skip
    ids = {name: pk for pk, name in network_selectors.node_names(user).items()}
    services.alter_ties_bulk_create(
        owner=user, pairs=[(ids[a], ids[b], s) for a, b, s in ALTER_TIES]
    )
    from tiewise.planning.demo import demo_extend

    demo_extend(user)
    from tiewise.upkeep.demo import demo_extend as upkeep_demo_extend

    upkeep_demo_extend(user)
    from tiewise.coaching.demo import demo_extend as coaching_demo_extend

    coaching_demo_extend(user)
    return True, password
