"""The sections of a Tiewise JSON export beyond its nodes and alter ties,
in restore order. Each app owns its sections: `tiewise/<app>/portability.py`
writes them field by field (`export_<section>(owner) -> list[dict]`) and
restores them (`restore_<section>(owner, rows, ids) -> int`), each with its
own version. This list only says which sections there are and in what
order they come back.

`ids` maps the file's ids to new ones per kind (`ids["node"][7] == 42`); the
nodes are restored first (by the import commit), then each section in this
order, so a section may only name records of the sections before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tiewise.accounts import portability as accounts
from tiewise.coaching import portability as coaching
from tiewise.directory import portability as directory
from tiewise.learning import portability as learning
from tiewise.network import portability as network
from tiewise.planning import portability as planning
from tiewise.upkeep import portability as upkeep

from .rows import Ids

Exporter = Callable[[Any], list[dict[str, Any]]]
Restorer = Callable[[Any, list[Any], Ids], int]
#: A section's rows as lines a person reads in the import review.
Describer = Callable[[list[Any]], list[str]]


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    version: int
    export: Exporter
    #: None: in the export for the owner's information, never recreated.
    restore: Restorer | None
    #: What the import review calls it.
    label: str
    #: One row at most (a profile, a set of settings): the review shows no count.
    single: bool = False
    #: Lines for the review, for a section kept for information.
    describe: Describer | None = None


SECTIONS: tuple[Section, ...] = (
    Section("profile", accounts.PROFILE_VERSION, accounts.export_profile,
            accounts.restore_profile, "Your profile", single=True),
    Section("reflection", planning.REFLECTION_VERSION, planning.export_reflection,
            planning.restore_reflection, "Online identity reflection", single=True),
    Section("upkeep_settings", upkeep.UPKEEP_SETTINGS_VERSION, upkeep.export_upkeep_settings,
            upkeep.restore_upkeep_settings, "Cadences and weekly digest", single=True),
    Section("node_dates", network.NODE_DATES_VERSION, network.export_node_dates,
            network.restore_node_dates, "Dates people joined your network"),
    Section("map_positions", network.MAP_POSITIONS_VERSION, network.export_map_positions,
            network.restore_map_positions, "Places on the map"),
    Section("tie_reminders", upkeep.TIE_REMINDERS_VERSION, upkeep.export_tie_reminders,
            upkeep.restore_tie_reminders, "Snoozed and silenced reminders"),
    Section("goals", planning.GOALS_VERSION, planning.export_goals,
            planning.restore_goals, "Goals"),
    Section("prospects", planning.PROSPECTS_VERSION, planning.export_prospects,
            planning.restore_prospects, "Five to add"),
    Section("actions", planning.ACTIONS_VERSION, planning.export_actions,
            planning.restore_actions, "Action plan"),
    Section("interactions", upkeep.INTERACTIONS_VERSION, upkeep.export_interactions,
            upkeep.restore_interactions, "Interactions"),
    # After nodes and goals: learning names both.
    Section("skills", learning.SKILLS_VERSION, learning.export_skills,
            learning.restore_skills, "Skills and growth areas"),
    Section("questions", learning.QUESTIONS_VERSION, learning.export_questions,
            learning.restore_questions, "Questions to your network"),
    Section("resources", learning.RESOURCES_VERSION, learning.export_resources,
            learning.restore_resources, "Resources given and received"),
    Section("clubs", learning.CLUBS_VERSION, learning.export_clubs,
            learning.restore_clubs, "Journal clubs"),
    # After nodes and actions: a snapshot's data names both.
    Section("snapshots", upkeep.SNAPSHOTS_VERSION, upkeep.export_snapshots,
            upkeep.restore_snapshots, "Snapshots"),
    # After nodes, interactions and actions: a person met names all three.
    Section("directory_listing", directory.LISTING_VERSION, directory.export_listing,
            directory.restore_listing, "Directory listing (not listed again)", single=True),
    Section("events", directory.EVENTS_VERSION, directory.export_events,
            directory.restore_events, "Events and people met"),
    Section("connections", directory.CONNECTIONS_VERSION, directory.export_connections,
            None, "Requests to connect", describe=directory.describe_connections),
    # For information only: a relationship needs the other person's consent.
    Section("coaching", coaching.COACHING_VERSION, coaching.export_coaching,
            None, "Coaching", describe=coaching.describe_coaching),
)  # fmt: skip

SECTIONS_BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}
