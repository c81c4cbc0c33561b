"""The authorization matrix: every page route of the URLconf and every
operation of the live OpenAPI document has a row here saying who may do
what. A route or operation without a row fails the suite (so nobody adds a
view without deciding its access rules), and so does a row for a route that
no longer exists.

Personas (see conftest): anonymous; Ana, the owner; Ben, another user;
Cam, a coach with everything shared; Dee, a coach with a partial share (no
private nodes, no notes, no plan); Eve, a coach Ana revoked. For the API,
also Ana's read-only token ("ro").

Every request runs in a savepoint that is rolled back, and a request by
anyone but the owner must leave the owner's data exactly as it was, unless
the row says that persona may write (a coach's comments, session notes,
agenda and introductions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import ApiClient
from tiewise.coaching import services as coaching
from tiewise.upkeep import selectors as upkeep_selectors
from tiewise.upkeep import services as upkeep

from .conftest import IMPORTS, PEOPLE, World, fingerprint, isolated

LOGIN = "login"
Expect = int | str | tuple[int, ...]
Url = Callable[[World, str], str]
Body = Callable[[World], dict[str, Any]]

#: Route prefixes left to their own tests: allauth's pages, and the API,
#: which is covered operation by operation from its OpenAPI document.
SKIPPED_PREFIXES = ("accounts/", "api/v1/")


def everyone(status: int) -> dict[str, Expect]:
    return {"anon": status, **{p: status for p in PEOPLE}}


def signed_in(status: Expect = 200, **overrides: Expect) -> dict[str, Expect]:
    """Any signed-in user, each on their own data; anonymous goes to sign in."""
    return {"anon": LOGIN, **{p: status for p in PEOPLE}, **overrides}


def mine(status: Expect = 200, **overrides: Expect) -> dict[str, Expect]:
    """The URL or body carries Ana's ids: only Ana; everyone else 404."""
    return {"anon": LOGIN, "ana": status, **{p: 404 for p in PEOPLE if p != "ana"}, **overrides}


def coach(full: Expect = 200, partial: Expect = 200) -> dict[str, Expect]:
    """A coach's view of Ana: Cam sees it, Dee sees what she was shared,
    Eve (revoked), Ben (unrelated) and Ana herself get 404."""
    return {"anon": LOGIN, "cam": full, "dee": partial, "eve": 404, "ben": 404, "ana": 404}


POST_ONLY = signed_in(405)


@dataclass(frozen=True)
class Page:
    url: Url
    get: dict[str, Expect]
    post: dict[str, Expect] | None = None
    body: Body | None = None
    #: Who may change Ana's data with this POST (Ana by default).
    writes: frozenset[str] = frozenset({"ana"})
    #: Ana's POST must change her data (proves the body was valid enough).
    acts: bool = True


def at(template: str) -> Url:
    """A URL from a template with {ids} of the world and {rel}, the
    relationship the persona would use."""
    return lambda w, who: template.format(rel=w.rel_for(who), **w.ids)


def form_node(w: World) -> dict[str, Any]:
    return {"name": "Jane Q. Doe", "kind": "person", "strength": "strong", "notes": "edited"}


def form_interaction(w: World) -> dict[str, Any]:
    return {"nodes": [w.ids["node"]], "date": "2025-03-01", "channel": "email",
            "kind": "meeting", "direction": "mutual", "quality": "3", "note": "hi"}  # fmt: skip


def upload(w: World) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("contacts.vcf", (IMPORTS / "contacts_v3.vcf").read_bytes())}


PAGES: dict[str, Page] = {
    "healthz": Page(at("/healthz"), everyone(200)),
    "readyz": Page(at("/readyz"), everyone(200)),
    # Visitors see the landing page; signed-in users their dashboard.
    "": Page(at("/"), everyone(200)),
    "guide/dismiss/": Page(at("/guide/dismiss/"), POST_ONLY, signed_in(302), lambda w: {}),
    # --- network
    "nodes/": Page(at("/nodes/"), signed_in()),
    "nodes/new/": Page(
        at("/nodes/new/"),
        signed_in(),
        signed_in(302),
        lambda w: {"name": "Zed", "strength": "weak", "kind": "person"},
    ),
    "people/search/": Page(at("/people/search/?q=a"), signed_in()),
    "nodes/quick-add/": Page(
        at("/nodes/quick-add/"), POST_ONLY, signed_in(302), lambda w: {"line": "Zed Quick, weak"}
    ),
    "nodes/bulk/": Page(
        at("/nodes/bulk/"),
        POST_ONLY,
        mine(302),
        lambda w: {"ids": [w.ids["node"]], "strength": "weak"},
    ),
    "nodes/<int:node_id>/": Page(at("/nodes/{node}/"), mine()),
    "nodes/duplicates/": Page(at("/nodes/duplicates/"), signed_in()),
    # The grid's POST names Ana's people: anyone else's is a 404 and changes nothing.
    "nodes/knows/": Page(
        at("/nodes/knows/"),
        signed_in(),
        mine(302),
        lambda w: {
            "people": [w.ids["node"], w.ids["secret"]],
            "pair": f"{w.ids['node']}-{w.ids['secret']}",
        },
    ),
    "nodes/<int:node_id>/merge/": Page(
        at("/nodes/{absent}/merge/"), POST_ONLY, mine(302), lambda w: {"into": w.ids["node"]}
    ),
    "nodes/<int:node_id>/private/": Page(
        at("/nodes/{node}/private/"), POST_ONLY, mine(302), lambda w: {"private": "1"}
    ),
    "nodes/<int:node_id>/edit/": Page(at("/nodes/{node}/edit/"), mine(), mine(302), form_node),
    "nodes/<int:node_id>/delete/": Page(
        at("/nodes/{node}/delete/"), mine(), mine(302), lambda w: {}
    ),
    "nodes/<int:node_id>/knows/": Page(
        at("/nodes/{node}/knows/"), POST_ONLY, mine(302), lambda w: {"other": w.ids["absent"]}
    ),
    "nodes/<int:node_id>/knows/<int:tie_id>/remove/": Page(
        at("/nodes/{node}/knows/{alter}/remove/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "insights/": Page(at("/insights/"), signed_in()),
    "map/": Page(at("/map/"), signed_in()),
    "map/table/": Page(at("/map/table/"), signed_in()),
    "map.svg": Page(at("/map.svg"), signed_in()),
    # --- accounts
    "profile/": Page(
        at("/profile/"), signed_in(), signed_in(302), lambda w: {"display_name": "Renamed"}
    ),
    "settings/tokens/": Page(
        at("/settings/tokens/"),
        signed_in(),
        signed_in(200),
        lambda w: {"name": "n", "scope": "read"},
    ),
    "settings/tokens/<int:token_id>/revoke/": Page(
        at("/settings/tokens/{token}/revoke/"), POST_ONLY, mine(302), lambda w: {}
    ),
    # --- planning
    "plan/": Page(at("/plan/"), signed_in()),
    "plan/goals/new/": Page(
        at("/plan/goals/new/"),
        signed_in(),
        signed_in(302),
        lambda w: {"title": "New goal", "status": "active"},
    ),
    "plan/goals/<int:goal_id>/": Page(at("/plan/goals/{goal}/"), mine()),
    "plan/goals/<int:goal_id>/edit/": Page(
        at("/plan/goals/{goal}/edit/"),
        mine(),
        mine(302),
        lambda w: {"title": "Renamed", "status": "active"},
    ),
    "plan/goals/<int:goal_id>/delete/": Page(
        at("/plan/goals/{goal}/delete/"), mine(), mine(302), lambda w: {}
    ),
    "plan/prospects/": Page(at("/plan/prospects/"), signed_in()),
    "plan/prospects/new/": Page(
        at("/plan/prospects/new/"), signed_in(), signed_in(302), lambda w: {"name": "Pat New"}
    ),
    # Several at once, for one of Ana's goals: a goal not yours is a 404.
    "plan/prospects/quick/": Page(
        at("/plan/prospects/quick/"),
        POST_ONLY,
        mine(302),
        lambda w: {"lines": "Dr Lee, sponsor\nDr Kim", "goal": w.ids["goal"]},
    ),  # fmt: skip
    "plan/prospects/<int:prospect_id>/": Page(at("/plan/prospects/{prospect}/"), mine()),
    "plan/prospects/<int:prospect_id>/edit/": Page(
        at("/plan/prospects/{prospect}/edit/"), mine(), mine(302), lambda w: {"name": "Dr Renamed"}
    ),
    "plan/prospects/<int:prospect_id>/status/": Page(
        at("/plan/prospects/{prospect}/status/"),
        POST_ONLY,
        mine(302),
        lambda w: {"status": "reached_out"},
    ),
    "plan/prospects/<int:prospect_id>/delete/": Page(
        at("/plan/prospects/{prospect}/delete/"), mine(), mine(302), lambda w: {}
    ),
    "plan/actions/": Page(at("/plan/actions/"), signed_in()),
    "plan/actions/new/": Page(
        at("/plan/actions/new/"),
        signed_in(),
        signed_in(302),
        lambda w: {"title": "Call", "status": "planned"},
    ),
    "plan/actions/from-strategies/": Page(
        at("/plan/actions/from-strategies/"),
        POST_ONLY,
        mine(302),
        lambda w: {"strategies": ["set_goals"], "goal": w.ids["goal"]},
    ),  # fmt: skip
    "plan/actions/overdue/": Page(at("/plan/actions/overdue/"), signed_in()),
    "plan/actions/<int:action_id>/edit/": Page(
        at("/plan/actions/{action}/edit/"),
        mine(),
        mine(302),
        lambda w: {"title": "Renamed", "status": "doing"},
    ),
    "plan/actions/<int:action_id>/status/": Page(
        at("/plan/actions/{action}/status/"), POST_ONLY, mine(302), lambda w: {"status": "done"}
    ),
    "plan/actions/<int:action_id>/delete/": Page(
        at("/plan/actions/{action}/delete/"), mine(), mine(302), lambda w: {}
    ),
    "plan/reflection/": Page(
        at("/plan/reflection/"), signed_in(), signed_in(302), lambda w: {"notes": "x"}
    ),
    "worksheet": Page(at("/worksheet"), signed_in()),
    "worksheet.pdf": Page(at("/worksheet.pdf"), signed_in()),
    # --- upkeep
    # Others post Ana's node ids: not among their choices, so the form
    # comes back with an error (200) and nothing is stored.
    "log/": Page(at("/log/"), signed_in(), signed_in(200, ana=302), form_interaction),
    "log/line/": Page(
        at("/log/line/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"line": "coffee with Jane Doe today"},
    ),
    "nodes/<int:node_id>/log/": Page(
        at("/nodes/{node}/log/"), POST_ONLY, mine(302), form_interaction
    ),
    "nodes/<int:node_id>/quick-log/": Page(
        at("/nodes/{node}/quick-log/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "nodes/<int:node_id>/reminder/": Page(
        at("/nodes/{node}/reminder/"), POST_ONLY, mine(302), lambda w: {"action": "never"}
    ),
    "interactions/<int:interaction_id>/edit/": Page(
        at("/interactions/{interaction}/edit/"), mine(), mine(302), form_interaction
    ),
    "interactions/<int:interaction_id>/delete/": Page(
        at("/interactions/{interaction}/delete/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "due/": Page(at("/due/"), signed_in()),
    "upkeep/": Page(at("/upkeep/"), signed_in()),
    "upkeep/cadence/": Page(
        at("/upkeep/cadence/"),
        signed_in(),
        signed_in(302),
        lambda w: {"strong_key_days": "10", "strong_days": "20", "weak_days": "100"},
    ),  # fmt: skip
    "upkeep/feed/revoke/": Page(
        at("/upkeep/feed/revoke/"), POST_ONLY, signed_in(302), lambda w: {}
    ),
    # The token is the credential: anyone holding the signed link reads it.
    "calendar/<str:token>.ics": Page(lambda w, who: f"/calendar/{w.feed_token}.ics", everyone(200)),
    "snapshots/": Page(at("/snapshots/"), signed_in(), signed_in(302), lambda w: {"label": "x"}),
    "snapshots/<int:snapshot_id>/": Page(at("/snapshots/{snapshot}/"), mine()),
    "snapshots/<int:snapshot_id>/delete/": Page(
        at("/snapshots/{snapshot}/delete/"), POST_ONLY, mine(302), lambda w: {}
    ),
    # --- transfer
    "import/": Page(at("/import/"), signed_in(), signed_in(302), upload),
    "import/<int:batch_id>/": Page(at("/import/{batch}/"), mine()),
    "import/<int:batch_id>/decide/": Page(
        at("/import/{batch}/decide/"),
        POST_ONLY,
        mine(302),
        lambda w: {"ids": [w.ids["record"]], "decision": "weak"},
    ),
    "import/<int:batch_id>/commit/": Page(
        at("/import/{batch}/commit/"), POST_ONLY, mine(302), lambda w: {}
    ),
    # The world's import is not waiting for an answer: Ana's POST is refused, nobody else's found.
    "import/<int:batch_id>/owner/": Page(
        at("/import/{batch}/owner/"),
        POST_ONLY,
        mine(302),
        lambda w: {"name": "Ana Ruiz"},
        acts=False,
    ),
    "import/<int:batch_id>/discard/": Page(
        at("/import/{batch}/discard/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "export/": Page(at("/export/"), signed_in()),
    "export/<str:fmt>/": Page(at("/export/csv/"), signed_in()),
    "jobs/<str:job_id>/": Page(at("/jobs/{job}/"), mine(302)),
    "jobs/<str:job_id>/download/": Page(at("/jobs/{job}/download/"), mine()),
    # --- learning
    "learning/": Page(at("/learning/"), signed_in()),
    "learning/skills/new/": Page(
        at("/learning/skills/new/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"name": "Teaching", "kind": "strength", "level": "3", "target": "4"},
    ),
    "learning/skills/<int:skill_id>/": Page(
        at("/learning/skills/{skill}/"),
        mine(),
        mine(302),
        lambda w: {"name": "POCUS", "kind": "growth", "level": "2", "target": "4"},
    ),
    "learning/skills/<int:skill_id>/delete/": Page(
        at("/learning/skills/{skill}/delete/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "learning/who-knows/": Page(at("/learning/who-knows/?q=ultrasound"), signed_in()),
    # Others name Ana's node among the people asked: 404, nothing stored.
    "learning/questions/": Page(
        at("/learning/questions/"),
        signed_in(),
        signed_in(404, ana=302),
        lambda w: {"text": "Which probe?", "kind": "clinical", "asked": [w.ids["node"]]},
    ),
    "learning/questions/<int:question_id>/": Page(at("/learning/questions/{question}/"), mine()),
    "learning/questions/<int:question_id>/answers/": Page(
        at("/learning/questions/{question}/answers/"),
        POST_ONLY,
        mine(302),
        lambda w: {"node": w.ids["node"], "text": "Use the curvilinear probe"},
    ),
    "learning/questions/<int:question_id>/check/": Page(
        at("/learning/questions/{question}/check/"),
        POST_ONLY,
        mine(302),
        lambda w: {"answer": w.ids["answer"], "source": "ACEP 2023", "agrees": "yes"},
    ),
    # The answer is unchecked: Ana is told why and nothing changes.
    "learning/questions/<int:question_id>/status/": Page(
        at("/learning/questions/{question}/status/"),
        POST_ONLY,
        mine(302),
        lambda w: {"status": "applied"},
        acts=False,
    ),
    "learning/questions/<int:question_id>/delete/": Page(
        at("/learning/questions/{question}/delete/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "learning/resources/": Page(
        at("/learning/resources/"),
        signed_in(),
        signed_in(404, ana=302),
        lambda w: {
            "title": "A podcast",
            "kind": "podcast",
            "direction": "received",
            "people": [w.ids["node"]],
        },
    ),  # fmt: skip
    "learning/resources/<int:resource_id>/delete/": Page(
        at("/learning/resources/{resource}/delete/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "learning/clubs/": Page(
        at("/learning/clubs/"), signed_in(), signed_in(302), lambda w: {"name": "Fellows club"}
    ),
    "learning/clubs/<int:club_id>/": Page(at("/learning/clubs/{club}/"), mine()),
    "learning/clubs/<int:club_id>/members/": Page(
        at("/learning/clubs/{club}/members/"),
        POST_ONLY,
        mine(302),
        lambda w: {"email": "hal@example.org"},
    ),
    "learning/clubs/<int:club_id>/articles/": Page(
        at("/learning/clubs/{club}/articles/"), POST_ONLY, mine(302), lambda w: {"title": "RCT"}
    ),
    "learning/clubs/<int:club_id>/articles/<int:article_id>/": Page(
        at("/learning/clubs/{club}/articles/{article}/"),
        mine(),
        mine(302),
        lambda w: {"limitations": "Single centre"},
    ),
    "coaching/coachees/<int:rel_id>/learning/": Page(
        at("/coaching/coachees/{rel}/learning/"), coach(200, 404)
    ),
    "coaching/coachees/<int:rel_id>/learning/skills/<int:skill_id>/comments/": Page(
        at("/coaching/coachees/{rel}/learning/skills/{skill}/comments/"),
        POST_ONLY,
        coach(302, 404),
        lambda w: {"body": "Shadow the ED ultrasound fellow"},
        writes=frozenset({"cam"}),
    ),  # fmt: skip
    # --- coaching: consent (Ana's side)
    "coaching/": Page(at("/coaching/"), signed_in()),
    "coaching/invite/": Page(
        at("/coaching/invite/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"email": "hal@example.org", "share_plan": "on"},
    ),
    # A request to someone else never touches Ana's data.
    "coaching/request/": Page(
        at("/coaching/request/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"email": "ben@example.org"},
        acts=False,
    ),  # fmt: skip
    # The emailed link to Gil: the signed-out landing page and, signed in as
    # anyone but Gil, a page that explains; nobody else can accept it.
    "coaching/accept/<str:token>/": Page(
        lambda w, who: f"/coaching/accept/{w.invite_token}/",
        everyone(200),
        everyone(200),
        lambda w: {},
        writes=frozenset(),
        acts=False,
    ),  # fmt: skip
    # Signing up from the link: visitors see the form (an empty POST re-shows
    # it); anyone signed in is sent on to the accept page. Nobody's data changes.
    "coaching/accept/<str:token>/sign-up/": Page(
        lambda w, who: f"/coaching/accept/{w.invite_token}/sign-up/",
        {"anon": 200, **{p: 302 for p in PEOPLE}},
        {"anon": 200, **{p: 302 for p in PEOPLE}},
        lambda w: {},
        writes=frozenset(),
        acts=False,
    ),
    "coaching/relationships/<int:rel_id>/accept/": Page(
        at("/coaching/relationships/{fay_rel}/accept/"),
        POST_ONLY,
        mine(302),
        lambda w: {"share_plan": "on"},
    ),
    "coaching/relationships/<int:rel_id>/decline/": Page(
        at("/coaching/relationships/{fay_rel}/decline/"), POST_ONLY, mine(302), lambda w: {}
    ),
    # Either side may end a relationship.
    "coaching/relationships/<int:rel_id>/end/": Page(
        at("/coaching/relationships/{cam_rel}/end/"),
        POST_ONLY,
        mine(302, cam=302),
        lambda w: {},
        writes=frozenset({"ana", "cam"}),
    ),  # fmt: skip
    # Only the coachee changes what is shared; the coach gets 404.
    "coaching/relationships/<int:rel_id>/share/": Page(
        at("/coaching/relationships/{cam_rel}/share/"),
        POST_ONLY,
        mine(302),
        lambda w: {"share_plan": "on"},
    ),  # fmt: skip
    "coaching/comments/": Page(
        at("/coaching/comments/"),
        POST_ONLY,
        mine(302),
        lambda w: {
            "relationship": w.ids["cam_rel"],
            "item_kind": "goal",
            "item_id": w.ids["goal"],
            "body": "thanks",
            "next": "/coaching/",
        },
    ),  # fmt: skip
    "coaching/introductions/<int:intro_id>/<str:decision>/": Page(
        at("/coaching/introductions/{intro}/keep/"), POST_ONLY, mine(302), lambda w: {}
    ),
    # Others post Ana's node ids: not among their choices (200, nothing stored).
    "coaching/introduction-made/": Page(
        at("/coaching/introduction-made/"),
        signed_in(),
        signed_in(200, ana=302),
        lambda w: {"source": w.ids["node"], "target": w.ids["absent"], "date": "2025-03-01"},
    ),  # fmt: skip
    # --- coaching: the coach's workspace
    "coaching/caseload/": Page(at("/coaching/caseload/"), signed_in()),
    "coaching/coachees/<int:rel_id>/": Page(at("/coaching/coachees/{rel}/"), coach()),
    "coaching/coachees/<int:rel_id>/map/": Page(at("/coaching/coachees/{rel}/map/"), coach()),
    "coaching/coachees/<int:rel_id>/map.svg": Page(at("/coaching/coachees/{rel}/map.svg"), coach()),
    "coaching/coachees/<int:rel_id>/people/": Page(at("/coaching/coachees/{rel}/people/"), coach()),
    "coaching/coachees/<int:rel_id>/insights/": Page(
        at("/coaching/coachees/{rel}/insights/"), coach()
    ),
    "coaching/coachees/<int:rel_id>/plan/": Page(
        at("/coaching/coachees/{rel}/plan/"), coach(200, 404)
    ),
    "coaching/coachees/<int:rel_id>/comments/": Page(
        at("/coaching/coachees/{rel}/comments/"),
        POST_ONLY,
        coach(302, 404),
        lambda w: {"item_kind": "goal", "item_id": w.ids["goal"], "body": "nice"},
        writes=frozenset({"cam"}),
    ),  # fmt: skip
    # Session notes are the coach's own: Dee keeps them too.
    "coaching/coachees/<int:rel_id>/notes/": Page(
        at("/coaching/coachees/{rel}/notes/"),
        coach(),
        coach(302, 302),
        lambda w: {"date": "2025-03-01", "body": "session two"},
        writes=frozenset({"cam", "dee"}),
    ),  # fmt: skip
    # Cam's note through Dee's relationship is not hers to delete.
    "coaching/coachees/<int:rel_id>/notes/<int:note_id>/delete/": Page(
        at("/coaching/coachees/{rel}/notes/{note}/delete/"),
        POST_ONLY,
        coach(302, 404),
        lambda w: {},
        writes=frozenset({"cam"}),
    ),  # fmt: skip
    "coaching/coachees/<int:rel_id>/agenda/": Page(
        at("/coaching/coachees/{rel}/agenda/"),
        coach(),
        coach(302, 302),
        lambda w: {"text": "1. goals"},
        writes=frozenset({"cam", "dee"}),
    ),  # fmt: skip
    # Cam introduces one of his own nodes; Dee posts Cam's node (not hers):
    # a form error and a redirect, nothing stored.
    "coaching/coachees/<int:rel_id>/introduce/": Page(
        at("/coaching/coachees/{rel}/introduce/"),
        POST_ONLY,
        coach(302, 302),
        lambda w: {"node": w.ids["cam_node"], "why": "ask about grants"},
        writes=frozenset({"cam"}),
    ),  # fmt: skip
    # Cohorts are Cam's; with Cam's relationship id in the body, anyone else
    # gets the form back (not their coachee).
    "coaching/cohorts/": Page(
        at("/coaching/cohorts/"),
        signed_in(),
        signed_in(200, cam=302),
        lambda w: {"name": "Fellows", "members": [w.ids["cam_rel"]]},
        writes=frozenset(),
        acts=False,
    ),  # fmt: skip
    "coaching/cohorts/<int:cohort_id>/": Page(
        at("/coaching/cohorts/{cohort}/"), mine(404, cam=200)
    ),
    "coaching/cohorts/<int:cohort_id>/edit/": Page(
        at("/coaching/cohorts/{cohort}/edit/"),
        mine(404, cam=200),
        mine(404, cam=302),
        lambda w: {"name": "Renamed", "members": [w.ids["cam_rel"]]},
        writes=frozenset(),
        acts=False,
    ),  # fmt: skip
    # --- directory: anyone signed in browses listed people and writes their own data
    "directory/": Page(at("/directory/"), signed_in()),
    "directory/me/": Page(
        at("/directory/me/"), signed_in(), signed_in(302), lambda w: {"bio": "Changed bio"}
    ),
    "directory/people/<int:user_id>/": Page(at("/directory/people/{ben_user}/"), signed_in()),
    # Asking Lia (listed): each asks for themselves.
    "directory/people/<int:user_id>/connect/": Page(
        at("/directory/people/{lia}/connect/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"message": "Could we talk?"},
    ),  # fmt: skip
    "directory/suggestions/": Page(at("/directory/suggestions/"), signed_in()),
    "directory/suggestions/add/": Page(
        at("/directory/suggestions/add/"),
        POST_ONLY,
        signed_in(302),
        lambda w: {"kind": "user", "id": w.ids["lia"]},
    ),  # fmt: skip
    "directory/connections/": Page(at("/directory/connections/"), signed_in()),
    # Ben asked Ana: only Ana answers (Ben, the requester, gets 404 too).
    "directory/connections/<int:connection_id>/<str:decision>/": Page(
        at("/directory/connections/{conn}/accept/"), POST_ONLY, mine(302), lambda w: {}
    ),
    "directory/coachees/<int:rel_id>/": Page(at("/directory/coachees/{rel}/"), coach()),
    "directory/card/": Page(at("/directory/card/"), signed_in()),
    # Ana made her card public: anyone may see it; adding it writes only to
    # the visitor's own network (Ana adding herself is refused).
    "card/<str:key>/": Page(at("/card/{card_key}/"), everyone(200)),
    "card/<str:key>/add/": Page(
        at("/card/{card_key}/add/"),
        signed_in(405),
        signed_in(302),
        lambda w: {},
        writes=frozenset(),
        acts=False,
    ),  # fmt: skip
    "events/": Page(
        at("/events/"),
        signed_in(),
        signed_in(302),
        lambda w: {"name": "ACEP 2025", "starts_on": "2025-10-01"},
    ),  # fmt: skip
    "events/<int:event_id>/": Page(at("/events/{event}/"), mine()),
    "events/<int:event_id>/met/": Page(
        at("/events/{event}/met/"), POST_ONLY, mine(302), lambda w: {"line": "Jane Roe, Mayo"}
    ),
}


@dataclass(frozen=True)
class Op:
    url: Url
    expect: dict[str, Expect]  # by persona; anonymous is always 401, "ro" derived
    body: Body | None = None
    writes: frozenset[str] = frozenset({"ana"})


def api_mine(status: Expect = 200, **overrides: Expect) -> dict[str, Expect]:
    return {"ana": status, **{p: 404 for p in PEOPLE if p != "ana"}, **overrides}


def api_all(status: Expect = 200, **overrides: Expect) -> dict[str, Expect]:
    return {p: status for p in PEOPLE} | overrides


def api_coach(full: Expect = 200, partial: Expect = 200, **overrides: Expect) -> dict[str, Expect]:
    return {"cam": full, "dee": partial, "eve": 404, "ben": 404, "ana": 404, **overrides}


def api(template: str) -> Url:
    return lambda w, who: "/api/v1" + template.format(rel=w.rel_for(who), **w.ids)


def api_upload(w: World) -> dict[str, Any]:
    return {
        "__multipart__": True,
        "file": SimpleUploadedFile("contacts.vcf", (IMPORTS / "contacts_v3.vcf").read_bytes()),
    }


def b(**data: Any) -> Body:
    return lambda w: {k: (v(w) if callable(v) else v) for k, v in data.items()}


def idv(name: str) -> Callable[[World], int]:
    return lambda w: int(w.ids[name])


OPS: dict[str, Op] = {
    "GET /api/v1/me": Op(api("/me"), api_all()),
    "PATCH /api/v1/me": Op(api("/me"), api_all(), b(display_name="Renamed")),
    "GET /api/v1/tokens": Op(api("/tokens"), api_all()),
    # A token never makes a token (only a fresh browser session does).
    "POST /api/v1/tokens": Op(api("/tokens"), api_all(403), b(name="n", scope="read")),
    "DELETE /api/v1/tokens/{token_id}": Op(api("/tokens/{token}"), api_mine(204)),
    "GET /api/v1/nodes": Op(api("/nodes"), api_all()),
    "POST /api/v1/nodes": Op(api("/nodes"), api_all(201), b(name="Zed")),
    "POST /api/v1/nodes/bulk": Op(
        api("/nodes/bulk"), api_mine(), b(ids=lambda w: [w.ids["node"]], set={"strength": "weak"})
    ),
    "GET /api/v1/nodes/{node_id}": Op(api("/nodes/{node}"), api_mine()),
    "GET /api/v1/nodes/duplicates": Op(api("/nodes/duplicates"), api_all()),
    "POST /api/v1/nodes/{node_id}/merge": Op(
        api("/nodes/{absent}/merge"), api_mine(), b(into=idv("node"))
    ),
    "PATCH /api/v1/nodes/{node_id}": Op(api("/nodes/{node}"), api_mine(), b(notes="patched")),
    "DELETE /api/v1/nodes/{node_id}": Op(api("/nodes/{node}"), api_mine(204)),
    "GET /api/v1/alter-ties": Op(api("/alter-ties"), api_all()),
    "POST /api/v1/alter-ties": Op(
        api("/alter-ties"), api_mine(201), b(source=idv("node"), target=idv("absent"))
    ),
    "POST /api/v1/alter-ties/bulk": Op(
        api("/alter-ties/bulk"),
        api_mine(201),
        b(items=lambda w: [{"source": w.ids["node"], "target": w.ids["absent"]}]),
    ),
    "DELETE /api/v1/alter-ties/{tie_id}": Op(api("/alter-ties/{alter}"), api_mine(204)),
    "GET /api/v1/insights": Op(api("/insights"), api_all()),
    "GET /api/v1/map": Op(api("/map"), api_all()),
    "GET /api/v1/map/search": Op(api("/map/search?q=a"), api_all()),
    "PUT /api/v1/map/positions": Op(
        api("/map/positions"), api_mine(204), b(node_id=idv("node"), x=1.0, y=2.0)
    ),
    "DELETE /api/v1/map/positions": Op(
        api("/map/positions"), api_all(204), writes=frozenset({"ana"})
    ),
    "GET /api/v1/goals": Op(api("/goals"), api_all()),
    "POST /api/v1/goals": Op(api("/goals"), api_all(201), b(title="New goal")),
    "GET /api/v1/goals/{goal_id}": Op(api("/goals/{goal}"), api_mine()),
    "PATCH /api/v1/goals/{goal_id}": Op(api("/goals/{goal}"), api_mine(), b(title="Renamed")),
    "DELETE /api/v1/goals/{goal_id}": Op(api("/goals/{goal}"), api_mine(204)),
    "GET /api/v1/prospects": Op(api("/prospects"), api_all()),
    "POST /api/v1/prospects": Op(api("/prospects"), api_all(201), b(name="Pat New")),
    "POST /api/v1/prospects/quick": Op(
        api("/prospects/quick"), api_mine(201), b(lines="Dr Lee, sponsor\nDr Kim", goal=idv("goal"))
    ),
    "GET /api/v1/prospects/{prospect_id}": Op(api("/prospects/{prospect}"), api_mine()),
    "PATCH /api/v1/prospects/{prospect_id}": Op(
        api("/prospects/{prospect}"), api_mine(), b(why="because")
    ),
    "DELETE /api/v1/prospects/{prospect_id}": Op(api("/prospects/{prospect}"), api_mine(204)),
    "POST /api/v1/prospects/{prospect_id}/status": Op(
        api("/prospects/{prospect}/status"), api_mine(), b(status="reached_out")
    ),
    "GET /api/v1/prospects/{prospect_id}/introducers": Op(
        api("/prospects/{prospect}/introducers"), api_mine()
    ),
    "GET /api/v1/actions": Op(api("/actions"), api_all()),
    "POST /api/v1/actions": Op(api("/actions"), api_all(201), b(title="Call")),
    "POST /api/v1/actions/from-strategies": Op(
        api("/actions/from-strategies"),
        api_mine(201),
        b(strategies=["set_goals"], goal=idv("goal")),
    ),
    "GET /api/v1/actions/{action_id}": Op(api("/actions/{action}"), api_mine()),
    "PATCH /api/v1/actions/{action_id}": Op(api("/actions/{action}"), api_mine(), b(status="done")),
    "DELETE /api/v1/actions/{action_id}": Op(api("/actions/{action}"), api_mine(204)),
    "GET /api/v1/strategies": Op(api("/strategies"), api_all()),
    "GET /api/v1/reflection": Op(api("/reflection"), api_all()),
    "PUT /api/v1/reflection": Op(api("/reflection"), api_all(), b(notes="x")),
    "GET /api/v1/interactions": Op(api("/interactions"), api_all()),
    "POST /api/v1/interactions": Op(
        api("/interactions"), api_mine(201), b(nodes=lambda w: [w.ids["node"]])
    ),
    # Others name "Jane Doe", whom they do not have: a validation error.
    "POST /api/v1/interactions/line": Op(
        api("/interactions/line"), api_all(422, ana=201), b(line="coffee with Jane Doe today")
    ),
    "GET /api/v1/interactions/{interaction_id}": Op(api("/interactions/{interaction}"), api_mine()),
    "PATCH /api/v1/interactions/{interaction_id}": Op(
        api("/interactions/{interaction}"), api_mine(), b(note="x")
    ),
    "DELETE /api/v1/interactions/{interaction_id}": Op(
        api("/interactions/{interaction}"), api_mine(204)
    ),
    "POST /api/v1/nodes/{node_id}/reminder": Op(
        api("/nodes/{node}/reminder"), api_mine(), b(never=True)
    ),
    "DELETE /api/v1/nodes/{node_id}/reminder": Op(api("/nodes/{node2}/reminder"), api_mine(204)),
    "GET /api/v1/upkeep/settings": Op(api("/upkeep/settings"), api_all()),
    "PUT /api/v1/upkeep/settings": Op(
        api("/upkeep/settings"), api_all(), b(strong_key_days=10, strong_days=20, weak_days=100)
    ),
    # The feed's secret URL is never handed to a token.
    "GET /api/v1/upkeep/feed": Op(api("/upkeep/feed"), api_all(403)),
    "POST /api/v1/upkeep/feed/revoke": Op(api("/upkeep/feed/revoke"), api_all()),
    "GET /api/v1/due": Op(api("/due"), api_all()),
    "GET /api/v1/snapshots": Op(api("/snapshots"), api_all()),
    "POST /api/v1/snapshots": Op(api("/snapshots"), api_all(201), b(label="x")),
    "GET /api/v1/snapshots/{snapshot_id}/diff": Op(api("/snapshots/{snapshot}/diff"), api_mine()),
    "DELETE /api/v1/snapshots/{snapshot_id}": Op(api("/snapshots/{snapshot}"), api_mine(204)),
    "POST /api/v1/imports": Op(api("/imports"), api_all(201), api_upload),
    "GET /api/v1/imports/{batch_id}": Op(api("/imports/{batch}"), api_mine()),
    "GET /api/v1/imports/{batch_id}/records": Op(
        lambda w, who: f"/api/v1/imports/{w.ids['batch']}/records?q=a&duplicate=no", api_mine()
    ),
    "POST /api/v1/imports/{batch_id}/commit": Op(
        api("/imports/{batch}/commit"), api_mine(), b(default="weak")
    ),
    "POST /api/v1/imports/{batch_id}/decide": Op(
        api("/imports/{batch}/decide"),
        api_mine(),
        b(ids=lambda w: [w.ids["record"]], decision="weak"),
    ),
    "POST /api/v1/imports/{batch_id}/owner": Op(
        api("/imports/{batch}/owner"), api_mine(422), b(name="Ana Ruiz")
    ),
    "POST /api/v1/imports/{batch_id}/discard": Op(api("/imports/{batch}/discard"), api_mine(204)),
    "GET /api/v1/export": Op(lambda w, who: "/api/v1/export?format=csv", api_all()),
    "GET /api/v1/jobs/{job_id}": Op(api("/jobs/{job}"), api_mine()),
    "POST /api/v1/worksheet": Op(api("/worksheet"), api_all(202), b(size="a4")),
    # --- learning
    "GET /api/v1/skills": Op(api("/skills"), api_all()),
    "POST /api/v1/skills": Op(api("/skills"), api_all(201), b(name="Teaching", kind="strength")),
    "GET /api/v1/skills/{skill_id}": Op(api("/skills/{skill}"), api_mine()),
    "PATCH /api/v1/skills/{skill_id}": Op(api("/skills/{skill}"), api_mine(), b(level=3)),
    "DELETE /api/v1/skills/{skill_id}": Op(api("/skills/{skill}"), api_mine(204)),
    "GET /api/v1/who-knows": Op(api("/who-knows?q=ultrasound"), api_all()),
    "GET /api/v1/questions": Op(api("/questions"), api_all()),
    "POST /api/v1/questions": Op(
        api("/questions"), api_mine(201), b(text="Which probe?", asked=lambda w: [w.ids["node"]])
    ),
    "GET /api/v1/questions/{question_id}": Op(api("/questions/{question}"), api_mine()),
    "PATCH /api/v1/questions/{question_id}": Op(
        api("/questions/{question}"), api_mine(), b(text="FAST views, in order?")
    ),
    "DELETE /api/v1/questions/{question_id}": Op(api("/questions/{question}"), api_mine(204)),
    "POST /api/v1/questions/{question_id}/answers": Op(
        api("/questions/{question}/answers"),
        api_mine(201),
        b(node=idv("node"), text="Curvilinear probe", references=["PMID:31234567"]),
    ),
    "POST /api/v1/questions/{question_id}/check": Op(
        api("/questions/{question}/check"),
        api_mine(),
        b(answer=idv("answer"), source="ACEP 2023", agrees=True),
    ),
    "GET /api/v1/resources": Op(api("/resources"), api_all()),
    "POST /api/v1/resources": Op(
        api("/resources"),
        api_mine(201),
        b(
            title="A podcast",
            kind="podcast",
            direction="received",
            people=lambda w: [w.ids["node"]],
        ),
    ),
    "GET /api/v1/clubs": Op(api("/clubs"), api_all()),
    "POST /api/v1/clubs": Op(api("/clubs"), api_all(201), b(name="Fellows club")),
    "POST /api/v1/clubs/{club_id}/members": Op(
        api("/clubs/{club}/members"), api_mine(201), b(email="hal@example.org")
    ),
    "GET /api/v1/clubs/{club_id}/articles": Op(api("/clubs/{club}/articles"), api_mine()),
    "POST /api/v1/clubs/{club_id}/articles": Op(
        api("/clubs/{club}/articles"), api_mine(201), b(title="RCT")
    ),
    "GET /api/v1/clubs/{club_id}/articles/{article_id}/posts": Op(
        api("/clubs/{club}/articles/{article}/posts"), api_mine()
    ),
    "POST /api/v1/clubs/{club_id}/articles/{article_id}/posts": Op(
        api("/clubs/{club}/articles/{article}/posts"), api_mine(201), b(text="Well powered")
    ),
    # --- coaching: consent
    "POST /api/v1/coaching/invitations": Op(
        api("/coaching/invitations"), api_all(201), b(email="hal@example.org")
    ),
    # Gil's invitation: Ana cannot coach herself, nobody else is Gil.
    "POST /api/v1/coaching/invitations/{token}/accept": Op(
        lambda w, who: f"/api/v1/coaching/invitations/{w.invite_token}/accept",
        api_all(403, ana=422),
        b(),
        writes=frozenset(),
    ),  # fmt: skip
    "POST /api/v1/coaching/requests": Op(
        api("/coaching/requests"), api_all(202), b(email="nobody@example.org"), writes=frozenset()
    ),
    "GET /api/v1/coaching/relationships": Op(api("/coaching/relationships"), api_all()),
    "POST /api/v1/coaching/relationships/{rel_id}/accept": Op(
        api("/coaching/relationships/{fay_rel}/accept"), api_mine(), b()
    ),
    "PATCH /api/v1/coaching/relationships/{rel_id}": Op(
        api("/coaching/relationships/{cam_rel}"), api_mine(), b(notes=False)
    ),
    "DELETE /api/v1/coaching/relationships/{rel_id}": Op(
        api("/coaching/relationships/{cam_rel}"),
        api_mine(204, cam=204),
        writes=frozenset({"ana", "cam"}),
    ),
    # --- coaching: the coach's read-only views
    "GET /api/v1/coaching/coachees": Op(api("/coaching/coachees"), api_all()),
    "GET /api/v1/coaching/coachees/{rel_id}": Op(api("/coaching/coachees/{rel}"), api_coach()),
    "GET /api/v1/coaching/coachees/{rel_id}/map": Op(
        api("/coaching/coachees/{rel}/map"), api_coach()
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/people": Op(
        api("/coaching/coachees/{rel}/people"), api_coach()
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/insights": Op(
        api("/coaching/coachees/{rel}/insights"), api_coach()
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/interactions": Op(
        api("/coaching/coachees/{rel}/interactions"), api_coach()
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/goals": Op(
        api("/coaching/coachees/{rel}/goals"), api_coach(200, 404)
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/prospects": Op(
        api("/coaching/coachees/{rel}/prospects"), api_coach(200, 404)
    ),
    "GET /api/v1/coaching/coachees/{rel_id}/actions": Op(
        api("/coaching/coachees/{rel}/actions"), api_coach(200, 404)
    ),
    # Comments belong to both sides of the relationship: Ana reads and writes them too.
    "GET /api/v1/coaching/coachees/{rel_id}/comments": Op(
        api("/coaching/coachees/{rel}/comments"), api_coach(200, 404, ana=200)
    ),
    "POST /api/v1/coaching/coachees/{rel_id}/comments": Op(
        api("/coaching/coachees/{rel}/comments"),
        api_coach(201, 404, ana=201),
        b(item_kind="goal", item_id=idv("goal"), body="nice"),
        writes=frozenset({"ana", "cam"}),
    ),  # fmt: skip
    "GET /api/v1/coaching/coachees/{rel_id}/session-notes": Op(
        api("/coaching/coachees/{rel}/session-notes"), api_coach()
    ),
    "POST /api/v1/coaching/coachees/{rel_id}/session-notes": Op(
        api("/coaching/coachees/{rel}/session-notes"),
        api_coach(201, 201),
        b(body="session two"),
        writes=frozenset({"cam", "dee"}),
    ),  # fmt: skip
    "GET /api/v1/coaching/coachees/{rel_id}/agenda": Op(
        api("/coaching/coachees/{rel}/agenda"), api_coach()
    ),
    "PUT /api/v1/coaching/coachees/{rel_id}/agenda": Op(
        api("/coaching/coachees/{rel}/agenda"),
        api_coach(),
        b(text="1. goals"),
        writes=frozenset({"cam", "dee"}),
    ),
    # Dee offers Cam's node, which is not hers: 404.
    "POST /api/v1/coaching/coachees/{rel_id}/introductions": Op(
        api("/coaching/coachees/{rel}/introductions"),
        api_coach(201, 404),
        b(node_id=idv("cam_node"), why="ask"),
        writes=frozenset({"cam"}),
    ),  # fmt: skip
    "GET /api/v1/coaching/introductions": Op(api("/coaching/introductions"), api_all()),
    "POST /api/v1/coaching/introductions/{intro_id}/accept": Op(
        api("/coaching/introductions/{intro}/accept"), api_mine()
    ),
    "POST /api/v1/coaching/introductions/{intro_id}/dismiss": Op(
        api("/coaching/introductions/{intro}/dismiss"), api_mine()
    ),
    "POST /api/v1/coaching/introductions-made": Op(
        api("/coaching/introductions-made"),
        api_mine(201),
        b(source=idv("node"), target=idv("absent")),
    ),
    "GET /api/v1/coaching/cohorts": Op(api("/coaching/cohorts"), api_all()),
    "POST /api/v1/coaching/cohorts": Op(
        api("/coaching/cohorts"),
        api_mine(404, cam=201),
        b(name="Fellows", members=lambda w: [w.ids["cam_rel"]]),
        writes=frozenset(),
    ),  # fmt: skip
    "GET /api/v1/coaching/cohorts/{cohort_id}": Op(
        api("/coaching/cohorts/{cohort}"), api_mine(404, cam=200)
    ),
    # Cohorts hold no data of Ana's: only Cam, their owner, may change them.
    "PUT /api/v1/coaching/cohorts/{cohort_id}": Op(
        api("/coaching/cohorts/{cohort}"),
        api_mine(404, cam=200),
        b(name="Renamed", members=lambda w: [w.ids["cam_rel"]]),
        writes=frozenset(),
    ),  # fmt: skip
    "DELETE /api/v1/coaching/cohorts/{cohort_id}": Op(
        api("/coaching/cohorts/{cohort}"), api_mine(404, cam=204), writes=frozenset()
    ),
    # --- directory
    "GET /api/v1/directory/me": Op(api("/directory/me"), api_all()),
    "PUT /api/v1/directory/me": Op(api("/directory/me"), api_all(), b(bio="Changed bio")),
    "GET /api/v1/directory": Op(api("/directory?offer=sponsorship"), api_all()),
    "GET /api/v1/directory/{user_id}": Op(api("/directory/{lia}"), api_all()),
    "GET /api/v1/suggestions": Op(api("/suggestions"), api_all()),
    "POST /api/v1/suggestions/prospects": Op(
        api("/suggestions/prospects"), api_all(201), b(kind="user", id=idv("lia"))
    ),
    "GET /api/v1/connections": Op(api("/connections"), api_all()),
    "POST /api/v1/connections": Op(api("/connections"), api_all(201), b(to_user=idv("lia"))),
    "POST /api/v1/connections/{connection_id}/accept": Op(
        api("/connections/{conn}/accept"), api_mine()
    ),
    "POST /api/v1/connections/{connection_id}/decline": Op(
        api("/connections/{conn}/decline"), api_mine()
    ),
    "GET /api/v1/events": Op(api("/events"), api_all()),
    "POST /api/v1/events": Op(
        api("/events"), api_all(201), b(name="ACEP 2025", starts_on="2025-10-01")
    ),
    "GET /api/v1/events/{event_id}": Op(api("/events/{event}"), api_mine()),
    "POST /api/v1/events/{event_id}/met": Op(
        api("/events/{event}/met"), api_mine(201), b(line="Jane Roe, Mayo")
    ),
    "GET /api/v1/me/card.svg": Op(api("/me/card.svg"), api_all()),
    "GET /api/v1/me/card.png": Op(api("/me/card.png"), api_all()),
}


# --- enumeration --------------------------------------------------------------------


def url_patterns() -> list[str]:
    """Every page route of the URLconf, includes flattened."""

    def walk(patterns: Any, prefix: str) -> list[str]:
        found: list[str] = []
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if not route.startswith(SKIPPED_PREFIXES):
                    found += walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
                found.append(route)
        return found

    return walk(get_resolver().url_patterns, "")


def api_operations(world: World) -> list[str]:
    response = world.personas["ana"].client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return [
        f"{method.upper()} {path}"
        for path, ops in response.json()["paths"].items()
        for method in ops
        if method in ("get", "post", "put", "patch", "delete")
    ]


def test_every_page_route_has_a_row_in_the_matrix_and_every_row_a_route() -> None:
    routes = url_patterns()
    missing = sorted(set(routes) - set(PAGES))
    stale = sorted(set(PAGES) - set(routes))
    assert not missing, f"routes with no access rules in PAGES: {missing}"
    assert not stale, f"rows in PAGES for routes that no longer exist: {stale}"
    assert len(routes) == len(set(routes)), "a route is declared twice"


def test_every_api_operation_has_a_row_in_the_matrix_and_every_row_an_operation(
    world: World, db: Any
) -> None:
    ops = api_operations(world)
    missing = sorted(set(ops) - set(OPS))
    stale = sorted(set(OPS) - set(ops))
    assert not missing, f"API operations with no access rules in OPS: {missing}"
    assert not stale, f"rows in OPS for operations that no longer exist: {stale}"


# --- the matrix ------------------------------------------------------------------------


def _matches(response: Any, expected: Expect) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    if isinstance(expected, tuple):
        return response.status_code in expected
    return bool(response.status_code == expected)


def _describe(response: Any) -> str:
    where = f" → {response['Location']}" if response.status_code in (301, 302) else ""
    return f"{response.status_code}{where}"


def _checked(
    world: World, who: str, send: Callable[[], Any], expected: Expect, *, may_write: bool,
    must_act: bool, check_writes: bool = True,
) -> str | None:  # fmt: skip
    """Send one request in a savepoint; the problem with it, or None. Unless
    told otherwise (reads), it also checks who changed Ana's data."""

    def run() -> str | None:
        before = fingerprint(world.ana) if check_writes else ""
        response = send()
        if not _matches(response, expected):
            return f"got {_describe(response)}, expected {expected}"
        if not check_writes:
            return None
        changed = fingerprint(world.ana) != before
        if changed and not may_write:
            return f"{who} changed Ana's data ({_describe(response)})"
        if must_act and not changed:
            return f"Ana's request changed nothing ({_describe(response)}): is the body valid?"
        return None

    problem: str | None = isolated(run)
    return problem


def _post_data(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "__multipart__"}


@pytest.mark.parametrize("route", sorted(PAGES))
def test_every_page_answers_each_persona_as_the_matrix_says(
    world: World, db: Any, route: str
) -> None:
    page = PAGES[route]
    failures: list[str] = []
    for who, expected in page.get.items():
        client = world.personas[who].client
        url = page.url(world, who)
        problem = _checked(
            world, who, lambda c=client, u=url: c.get(u), expected,
            may_write=False, must_act=False, check_writes=False,
        )  # fmt: skip
        if problem:
            failures.append(f"GET  {url:<45} as {who}: {problem}  [{route}]")
    if page.post is not None and page.body is not None:
        for who, expected in page.post.items():
            client = world.personas[who].client
            url = page.url(world, who)
            body = page.body
            problem = _checked(
                world, who, lambda c=client, u=url, bd=body: c.post(u, bd(world)), expected,
                may_write=who in page.writes,
                must_act=who == "ana" and page.acts and "ana" in page.writes,
            )  # fmt: skip
            if problem:
                failures.append(f"POST {url:<45} as {who}: {problem}  [{route}]")
    assert not failures, "\n" + "\n".join(failures)


def _api_send(api: ApiClient, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if body is not None and body.get("__multipart__"):
        return api.client.post(url, _post_data(body), headers=api.headers)
    if method == "get":
        return api.get(url)
    if method == "delete":
        return api.delete(url)
    fn = getattr(api.client, method)
    return fn(url, data=body or {}, content_type="application/json", headers=api.headers)


@pytest.mark.parametrize("key", sorted(OPS))
def test_every_api_operation_answers_each_persona_as_the_matrix_says(
    world: World, db: Any, key: str
) -> None:
    op = OPS[key]
    failures: list[str] = []
    method = key.split()[0].lower()
    write = method != "get"
    expect: dict[str, Expect] = {"anon": 401, **op.expect}
    expect["ro"] = 403 if write else op.expect["ana"]
    for who, expected in expect.items():
        if who == "ro":
            assert world.read_only_api is not None
            client, persona_for_url = world.read_only_api, "ana"
        else:
            client, persona_for_url = world.personas[who].api, who
        url = op.url(world, persona_for_url)
        body = op.body
        problem = _checked(
            world, who,
            lambda c=client, u=url, bd=body, m=method: _api_send(c, m, u, bd(world) if bd else None),
            expected,
            may_write=write and who in op.writes, check_writes=write,
            must_act=write and who == "ana" and "ana" in op.writes and expected in (200, 201, 204)
            and key not in NO_EFFECT_FOR_ANA,
        )  # fmt: skip
        if problem:
            failures.append(f"{method.upper():<6} {url:<55} as {who}: {problem}")
    assert not failures, "\n" + "\n".join(failures)


#: Writes that leave Ana's data as it was by design (she has no positions to reset).
NO_EFFECT_FOR_ANA = {"DELETE /api/v1/map/positions"}


# --- links that leave the app are signed --------------------------------------------------


def test_the_calendar_feed_link_is_signed_and_stops_working_after_revoke(
    world: World, db: Any
) -> None:
    anon = Client()
    token = world.feed_token
    user_id, _, mac = token.partition("-")
    assert user_id == str(world.ana.pk) and len(mac) >= 32, "the feed token carries a MAC"

    def status(t: str) -> int:
        return int(anon.get(f"/calendar/{t}.ics").status_code)

    assert status(token) == 200
    tampered = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    guesses = [
        f"{user_id}-{tampered}",  # one character off
        f"{world.ben.pk}-{mac}",  # Ana's MAC on Ben's id
        f"{user_id}-",  # no MAC at all
        f"{user_id}",
        f"{user_id}-{'0' * len(mac)}",
        "x-" + mac,
        upkeep_selectors.feed_token(world.ben).split("-")[0] + "-" + mac,
    ]
    assert {t: status(t) for t in guesses} == {t: 404 for t in guesses}

    assert world.personas["ana"].api.get("/api/v1/upkeep/feed").status_code == 403, (
        "a token never learns the feed's secret link"
    )
    api_url = world.personas["ana"].client.get("/api/v1/upkeep/feed").json()["url"]
    assert api_url.endswith(f"/calendar/{token}.ics"), "the API hands out the same signed link"
    page = world.personas["ana"].client.get("/upkeep/cadence/")
    assert f"/calendar/{token}.ics" in page.content.decode(), (
        "the settings page shows the signed link"
    )

    def revoke_then_check() -> None:
        new = upkeep.feed_revoke(owner=world.ana)
        assert new != token
        assert status(token) == 404, "the old link must stop working after revoke"
        assert status(new) == 200

    isolated(revoke_then_check)


def test_coaching_invitation_links_are_signed_and_cannot_be_guessed(world: World, db: Any) -> None:
    anon = Client()
    token = world.invite_token
    assert anon.get(f"/coaching/accept/{token}/").status_code == 200
    rel_id = world.ids["invited_rel"]
    guesses = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # tampered signature
        str(rel_id),  # the bare relationship id
        signing.dumps({"r": rel_id, "e": "gil@example.org"}, salt="another.salt"),
        signing.dumps({"r": rel_id, "e": "gil@example.org"}, key="not the secret key",
                      salt=coaching.INVITE_SALT),
        signing.dumps({"r": world.ids["cam_rel"], "e": "cam@example.org"}, salt="x"),
    ]  # fmt: skip
    for guess in guesses:
        assert anon.get(f"/coaching/accept/{guess}/").status_code == 404, guess
        response = world.personas["ben"].api.post(f"/api/v1/coaching/invitations/{guess}/accept")
        assert response.status_code == 404, guess

    def withdraw_then_check() -> None:
        coaching.relationship_revoke(user=world.ana, relationship_id=rel_id)
        assert anon.get(f"/coaching/accept/{token}/").status_code == 404

    isolated(withdraw_then_check)


def test_the_invitation_email_carries_a_signed_link_not_an_id(world: World, db: Any) -> None:
    def invite() -> None:
        mail.outbox.clear()
        rel = coaching.invitation_create(coachee=world.ana, email="ivy@example.org")
        body = mail.outbox[-1].body
        link = coaching.invitation_url(rel)
        assert link in body
        token = link.rstrip("/").rsplit("/", 1)[-1]
        assert token != str(rel.pk) and ":" in token, "a signed token, not the bare id"
        assert signing.loads(token, salt=coaching.INVITE_SALT)["r"] == rel.pk

    isolated(invite)


def test_a_read_only_token_cannot_write_even_to_its_own_data(world: World, db: Any) -> None:
    assert world.read_only_api is not None
    ro = world.read_only_api

    def attempt() -> None:
        before = fingerprint(world.ana)
        assert ro.get(f"/api/v1/nodes/{world.ids['node']}").status_code == 200
        assert ro.patch(f"/api/v1/nodes/{world.ids['node']}", {"notes": "x"}).status_code == 403
        assert ro.delete(f"/api/v1/nodes/{world.ids['node']}").status_code == 403
        assert ro.post("/api/v1/nodes", {"name": "Zed"}).status_code == 403
        assert fingerprint(world.ana) == before

    isolated(attempt)
