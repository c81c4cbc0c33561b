"""The PLN strategies of DESIGN.md section 1, as data.

Insights point at a strategy by key; the action plan offers its
`template_action` as a first step the owner can edit before saving.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Strategy:
    """One way to grow or look after a PLN, with a ready-made first step."""

    key: str
    title: str
    description: str
    template_action: str
    default_due_days: int


STRATEGIES: tuple[Strategy, ...] = (
    Strategy(
        key="set_goals",
        title="Set specific goals",
        description=(
            "Decide what you want your network to help you achieve this year. "
            "A goal that is specific and dated tells you whom to look for."
        ),
        template_action="Write one SMART goal and name two people who could help with it",
        default_due_days=7,
    ),
    Strategy(
        key="social_media_presence",
        title="Build a professional social-media presence",
        description=(
            "A public professional profile lets peers in other places find you and lets you "
            "follow the conversations of your field between meetings."
        ),
        template_action="Update your professional profile and follow 5 people in your field",
        default_due_days=14,
    ),
    Strategy(
        key="research_collaboration",
        title="Collaborate on research and scholarship",
        description=(
            "Working on a paper, a project or a curriculum together turns acquaintances "
            "into colleagues and puts your name beside theirs."
        ),
        template_action="Invite one contact to co-write an abstract or case report",
        default_due_days=30,
    ),
    Strategy(
        key="international_ties",
        title="Foster international ties",
        description=(
            "Colleagues abroad see problems and solutions that nobody near you does. "
            "A few ties in other countries widen what your network can tell you."
        ),
        template_action="Contact one colleague abroad whose work you admire",
        default_due_days=30,
    ),
    Strategy(
        key="weak_ties",
        title="Recognise and use weak ties",
        description=(
            "Acquaintances in other fields and places bring news your close circle cannot. "
            "Keep them warm with small, regular gestures."
        ),
        template_action="Share a useful resource with 3 weak ties",
        default_due_days=14,
    ),
    Strategy(
        key="ask_experts",
        title="Ask your network's experts",
        description=(
            "Someone you know already has the answer to most clinical and non-clinical "
            "questions. Asking them is quicker than searching and strengthens the tie."
        ),
        template_action="Ask one subject expert in your network a question you are stuck on",
        default_due_days=7,
    ),
    Strategy(
        key="journal_club",
        title="Run a virtual asynchronous journal club",
        description=(
            "Discussing one article a month online, at everyone's own pace, keeps a group "
            "learning together across sites and shifts."
        ),
        template_action="Pick an article and invite 4 people to discuss it online",
        default_due_days=21,
    ),
    Strategy(
        key="conference_backchannel",
        title="Join the conference backchannel",
        description=(
            "The online discussion running alongside a meeting is an easy way to meet the "
            "people whose talks you liked, whether or not you attend in person."
        ),
        template_action="Follow the next conference hashtag and reply to 3 speakers",
        default_due_days=30,
    ),
    Strategy(
        key="share_resources",
        title="Access, contribute and share resources",
        description=(
            "Giving something useful before you need anything back keeps ties alive and "
            "makes people glad to hear from you."
        ),
        template_action="Send a helpful article or tool to 2 people you have not contacted lately",
        default_due_days=7,
    ),
    Strategy(
        key="mentors_sponsors",
        title="Find mentors, coaches and sponsors",
        description=(
            "Mentors advise, coaches help you act, sponsors put your name forward. "
            "Each is worth seeking for yourself and for your trainees."
        ),
        template_action="Ask a senior colleague to meet about your career plans",
        default_due_days=30,
    ),
    Strategy(
        key="connect_people",
        title="Connect people in your network to each other",
        description=(
            "Introducing two people who should know each other helps both of them and "
            "makes your network less dependent on you alone."
        ),
        template_action="Introduce two contacts who would benefit from knowing each other",
        default_due_days=14,
    ),
)

#: The catalogue by key, for insights and the action plan.
STRATEGIES_BY_KEY: dict[str, Strategy] = {s.key: s for s in STRATEGIES}


def strategy(key: str) -> Strategy:
    """The strategy with this key.

    >>> strategy("weak_ties").default_due_days
    14
    """
    return STRATEGIES_BY_KEY[key]


#: Strategy key → title: the vocabulary of an action's `strategy` field.
STRATEGY_TITLES: dict[str, str] = {s.key: s.title for s in STRATEGIES}
