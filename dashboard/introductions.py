"""Who can introduce me? Shortest paths through introductions and "knows" links.

The graph is loaded as id pairs in two queries (introductions with the people you have
not met yet, and "knows" links), whatever the size of the network: 30,000 contacts make a few
thousand edges, which fit in memory. The search itself is a breadth-first search in
Python, once from everyone you already know, so each match gets its nearest first
person to ask.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from contacts.models import Contact, ContactLink, Stage, Tag

if TYPE_CHECKING:
    from accounts.models import User

RESULT_LIMIT = 50

INTRODUCED = "introduced"
KNOWS = "knows"


class MatchOn:
    COMPANY = "company"
    TITLE = "title"
    TAG = "tag"
    CHOICES = [(COMPANY, "Company"), (TITLE, "Job title"), (TAG, "Tag")]


@dataclass
class Graph:
    """Undirected adjacency over contact ids; introductions are remembered by who made them."""

    neighbours: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    introducer_of: dict[int, int] = field(default_factory=dict)
    strangers: set[int] = field(default_factory=set)

    def add(self, a: int, b: int) -> None:
        if a != b:
            self.neighbours[a].append(b)
            self.neighbours[b].append(a)

    def edge_kind(self, a: int, b: int) -> str:
        if self.introducer_of.get(b) == a or self.introducer_of.get(a) == b:
            return INTRODUCED
        return KNOWS

    def knows_personally(self, contact_id: int) -> bool:
        return contact_id not in self.strangers


def load_graph(user: User) -> Graph:
    """Two queries of id pairs: who introduced whom (with whom you have not met), who knows whom."""
    graph = Graph()
    rows = (
        Contact.objects.for_owner(user)
        .filter(Q(introduced_by__isnull=False) | Q(stage=Stage.WANT_TO_MEET))
        .values_list("id", "introduced_by_id", "stage")
    )
    for contact_id, introducer_id, stage in rows:
        if introducer_id is not None:
            graph.introducer_of[contact_id] = introducer_id
            graph.add(introducer_id, contact_id)
        if stage == Stage.WANT_TO_MEET:
            graph.strangers.add(contact_id)
    for person_id, knows_id in ContactLink.objects.for_owner(user).values_list("person_id", "knows_id"):
        graph.add(person_id, knows_id)
    return graph


def nearest_acquaintances(graph: Graph, targets: set[int]) -> dict[int, list[int]]:
    """For each reachable target, the shortest path from someone you know to it.

    A multi-source breadth-first search from every contact you know personally (they
    are zero steps away: you can ask them yourself) outward through people you have not
    met. Each path starts with the first person to ask and ends with the target.
    """
    parent: dict[int, int | None] = {}
    queue: deque[int] = deque()
    for target in sorted(targets):
        if graph.knows_personally(target):
            parent[target] = None
    for node in sorted(graph.neighbours):
        if graph.knows_personally(node) and node not in parent:
            parent[node] = None
    queue.extend(parent)
    remaining = {t for t in targets if t not in parent}
    while queue and remaining:
        node = queue.popleft()
        for neighbour in graph.neighbours.get(node, ()):  # .get(): no empty lists added
            if neighbour in parent:
                continue
            parent[neighbour] = node
            remaining.discard(neighbour)
            # Everyone you know is already a source, so only strangers are reached here.
            queue.append(neighbour)
    paths = {}
    for target in targets:
        if target not in parent:
            continue
        path = [target]
        while (step := parent[path[-1]]) is not None:
            path.append(step)
        paths[target] = path[::-1]
    return paths


@dataclass(frozen=True)
class Step:
    contact: Contact
    how: str  # how this person is connected to the previous one: "introduced" or "knows"


@dataclass(frozen=True)
class IntroductionPath:
    target: Contact
    steps: list[Step]  # from the first person to ask to the target, inclusive

    @property
    def hops(self) -> int:
        """Introductions needed: 0 when you know the target yourself."""
        return len(self.steps) - 1

    @property
    def first_to_ask(self) -> Contact:
        return self.steps[0].contact


@dataclass
class IntroductionResults:
    match_count: int = 0
    paths: list[IntroductionPath] = field(default_factory=list)
    unreachable: list[Contact] = field(default_factory=list)
    direct_count: int = 0
    reachable_count: int = 0
    unreachable_count: int = 0

    @property
    def shown(self) -> int:
        return len(self.paths) + len(self.unreachable)


def matching_contacts(user: User, *, match_on: str, text: str) -> QuerySet[Contact]:
    contacts = Contact.objects.for_owner(user)
    text = text.strip()
    if match_on == MatchOn.TAG:
        return contacts.filter(tags__name__iexact=text).distinct()
    field = "title" if match_on == MatchOn.TITLE else "company"
    # search() narrows through the trigram index (search_text holds company and title);
    # the field test keeps the meaning exact ("Acme" in the notes is not a match).
    return contacts.search(text).filter(**{f"{field}__icontains": text})


def who_can_introduce(user: User, *, match_on: str, text: str, limit: int = RESULT_LIMIT) -> IntroductionResults:
    """The contacts matching ``text`` and the shortest way to each, shortest first.

    Four queries: the matches, two for the graph, one for the people on the shown paths.
    """
    matches = list(
        matching_contacts(user, match_on=match_on, text=text)
        .order_by("family_name", "given_name", "id")
        .values_list("id", flat=True)
    )
    results = IntroductionResults(match_count=len(matches))
    if not matches:
        return results
    graph = load_graph(user)
    paths = nearest_acquaintances(graph, set(matches))
    position = {contact_id: i for i, contact_id in enumerate(matches)}
    reachable = sorted(paths, key=lambda target: (len(paths[target]), position[target]))
    unreachable = [contact_id for contact_id in matches if contact_id not in paths]
    results.direct_count = sum(1 for target in reachable if len(paths[target]) == 1)
    results.reachable_count = len(reachable)
    results.unreachable_count = len(unreachable)

    shown = reachable[:limit]
    shown_unreachable = unreachable[: max(0, limit - len(shown))]
    needed = {contact_id for target in shown for contact_id in paths[target]} | set(shown_unreachable)
    people = Contact.objects.for_owner(user).in_bulk(needed)
    for target in shown:
        ids = paths[target]
        steps = [
            Step(contact=people[contact_id], how="" if i == 0 else graph.edge_kind(ids[i - 1], contact_id))
            for i, contact_id in enumerate(ids)
        ]
        results.paths.append(IntroductionPath(target=people[target], steps=steps))
    results.unreachable = [people[contact_id] for contact_id in shown_unreachable]
    return results


def tag_names(user: User) -> list[str]:
    return list(Tag.objects.for_owner(user).order_by("name").values_list("name", flat=True))
