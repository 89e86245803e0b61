"""A picture of the introduction network: you at the centre, who introduced whom outward.

One query loads every (contact, introduced_by) pair; the tree and a radial layout are
computed in Python; one more query fetches the names of the people drawn. A network of
thousands is cut to the introducers who brought in the most people, a few levels deep,
and the page says what was left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from contacts.models import Contact

if TYPE_CHECKING:
    from accounts.models import User

MAX_ROOTS = 24
MAX_DEPTH = 3
MAX_NODES = 240
RADII = {1: 190, 2: 370, 3: 500}  # SVG units from the centre, per ring
LABEL_GAP = 13  # from a dot's centre to its label
LABEL_CHAR = 8.5  # SVG units per character of a 15 px label, on average
NAME_CHARS = 22  # the longest name a label shows
LABEL_ALL_BELOW = 60  # with fewer nodes than this, every node gets a text label


@dataclass
class Node:
    contact_id: int
    depth: int
    parent_id: int | None
    children: list[Node] = field(default_factory=list)
    hidden_children: int = 0  # introduced people not drawn (depth or count limit)
    subtree_size: int = 0  # everyone this person brought in, directly or not
    angle: float = 0.0
    x: float = 0.0
    y: float = 0.0
    parent_x: float = 0.0
    parent_y: float = 0.0
    contact: Contact | None = None
    url: str = ""
    label: bool = False
    label_anchor: str = "start"
    label_x: float = 0.0
    label_y: float = 0.0
    label_rotation: float = 0.0

    @property
    def name(self) -> str:
        return self.contact.full_name if self.contact else ""


@dataclass(frozen=True)
class TreeRow:
    """One person in the text version of the picture, in reading order.

    Nested lists are written from a flat loop (a recursive template include per
    person is slow with hundreds): ``opens`` starts the list of whom they introduced,
    ``closes`` is how many such lists end after this person.
    """

    node: Node
    opens: bool
    closes: range


def tree_rows(roots: list[Node]) -> list[TreeRow]:
    order: list[Node] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node.children))
    rows = []
    for i, node in enumerate(order):
        next_depth = order[i + 1].depth if i + 1 < len(order) else 1
        closes = 0 if node.children else node.depth - next_depth
        rows.append(TreeRow(node=node, opens=bool(node.children), closes=range(closes)))
    return rows


@dataclass
class NetworkPicture:
    focus: Contact | None
    roots: list[Node]
    nodes: list[Node]
    total_introduced: int
    total_introducers: int
    hidden_roots: int
    truncated: bool
    radius: float

    @property
    def view_box(self) -> str:
        # Room for the outer ring's dots, and for the labels of the outermost labelled ring:
        # in a big picture only the first ring is labelled, and the margin would be empty.
        labelled = max((RADII[node.depth] for node in self.nodes if node.label), default=0)
        size = max(self.radius + 20, labelled + 170)
        return f"{-size:.0f} {-size:.0f} {2 * size:.0f} {2 * size:.0f}"

    @property
    def rings(self) -> list[int]:
        depth = max((node.depth for node in self.nodes), default=0)
        return [RADII[i] for i in range(1, depth + 1)]

    @property
    def is_empty(self) -> bool:
        return not self.roots

    @property
    def tree_rows(self) -> list[TreeRow]:
        return tree_rows(self.roots)

    @property
    def svg_edges(self) -> SafeString:
        return format_html_join(
            "",
            '<line class="nw-edge" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
            ((node.parent_x, node.parent_y, node.x, node.y) for node in self.nodes),
        )

    @property
    def svg_nodes(self) -> SafeString:
        # Built with format_html (escaped like a template) rather than a template loop:
        # the template engine takes tens of milliseconds for a few hundred nodes.
        # Outer rings first: a label runs outward across the next ring, and SVG paints in
        # order, so an inner ring's labels must come after the outer dots they cross.
        outer_first = sorted(self.nodes, key=lambda node: -node.depth)
        return SafeString("".join(_svg_node(node) for node in outer_first))


NODE_RADIUS = {1: 11, 2: 7, 3: 5}


def _svg_node(node: Node) -> str:
    contact = node.contact
    tooltip = node.name
    if contact and contact.company:
        tooltip += f" ({contact.company})"
    if node.subtree_size:
        tooltip += f": introduced {node.subtree_size}"
    if node.hidden_children:
        tooltip += f", {node.hidden_children} not drawn"
    label = ""
    if node.label:
        count = f" ({node.subtree_size})" if node.subtree_size else ""
        text = truncatechars(node.name, _name_room(node, len(count))) + count
        label = format_html(
            '<text x="{}" y="{}" dy="0.35em" text-anchor="{}" transform="rotate({} {} {})">{}</text>',
            node.label_x,
            node.label_y,
            node.label_anchor,
            node.label_rotation,
            node.label_x,
            node.label_y,
            text,
        )
    classes = f"nw-node nw-depth-{node.depth}" + (" nw-has-hidden" if node.hidden_children else "")
    return format_html(
        '<g class="{}"><a href="{}" aria-label="{}"><title>{}</title>'
        '<circle cx="{}" cy="{}" r="{}"></circle>{}</a></g>',
        classes,
        node.url,
        node.name + (f", introduced {node.subtree_size}" if node.subtree_size else ""),
        tooltip,
        node.x,
        node.y,
        NODE_RADIUS.get(node.depth, 5),
        label,
    )


def _name_room(node: Node, suffix: int) -> int:
    """How many characters of ``node``'s name its label shows.

    A label runs outward along the radius, so above someone with people drawn on the next
    ring it stops short of that ring: it would run through their dots and labels.
    """
    if not node.children or node.depth + 1 not in RADII:
        return NAME_CHARS
    room = RADII[node.depth + 1] - RADII[node.depth] - LABEL_GAP - NODE_RADIUS[node.depth + 1] - 4
    return max(8, min(NAME_CHARS, int(room / LABEL_CHAR) - suffix))


def _children_map(pairs: list[tuple[int, int]]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for contact_id, introducer_id in pairs:
        if contact_id != introducer_id:
            children.setdefault(introducer_id, []).append(contact_id)
    return children


def _subtree_sizes(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """People each introducer brought in, directly or through others.

    Each introduced person adds one to everyone up their chain of introducers; chains
    are short, so this is close to linear. ``seen`` stops at an introduction cycle.
    """
    introducer = dict(pairs)
    sizes: dict[int, int] = {}
    for contact_id in introducer:
        seen = {contact_id}
        ancestor: int | None = introducer[contact_id]
        while ancestor is not None and ancestor not in seen:
            sizes[ancestor] = sizes.get(ancestor, 0) + 1
            seen.add(ancestor)
            ancestor = introducer.get(ancestor)
    return sizes


def _build(
    root_ids: list[int], children: dict[int, list[int]], sizes: dict[int, int]
) -> tuple[list[Node], list[Node], bool]:
    """Breadth-first, biggest introducers first, until the depth or node budget runs out."""
    truncated = len(root_ids) > MAX_NODES
    root_ids = root_ids[:MAX_NODES]
    roots = [Node(contact_id=i, depth=1, parent_id=None, subtree_size=sizes.get(i, 0)) for i in root_ids]
    nodes = list(roots)
    seen = set(root_ids)
    frontier = list(roots)
    while frontier:
        next_frontier = []
        for node in frontier:
            kids = sorted(
                (c for c in children.get(node.contact_id, ()) if c not in seen),
                key=lambda c: (-sizes.get(c, 0), c),
            )
            if node.depth >= MAX_DEPTH:
                node.hidden_children = len(kids)
                truncated = truncated or bool(kids)
                continue
            for child_id in kids:
                if len(nodes) >= MAX_NODES:
                    node.hidden_children += 1
                    truncated = True
                    continue
                seen.add(child_id)
                child = Node(
                    contact_id=child_id,
                    depth=node.depth + 1,
                    parent_id=node.contact_id,
                    subtree_size=sizes.get(child_id, 0),
                )
                node.children.append(child)
                nodes.append(child)
                next_frontier.append(child)
        frontier = next_frontier
    return roots, nodes, truncated


def _leaves(node: Node) -> int:
    return max(1, sum(_leaves(child) for child in node.children))


def _layout(roots: list[Node], nodes: list[Node]) -> None:
    """Radial tree: each subtree gets an arc of its parent's arc in proportion to its leaves.

    At the first ring, half of the circle is shared equally and half by size, so small
    introducers are not squeezed together; labels run along the radius, away from the centre.
    """
    total = sum(_leaves(root) for root in roots) or 1

    def place(node: Node, start: float, end: float) -> None:
        node.angle = (start + end) / 2
        radius = RADII[node.depth]
        node.x = round(radius * math.cos(node.angle), 1)
        node.y = round(radius * math.sin(node.angle), 1)
        cursor = start
        for child in node.children:
            share = (end - start) * _leaves(child) / _leaves(node)
            place(child, cursor, cursor + share)
            cursor += share

    # Start at the top (-90 degrees) and go clockwise.
    cursor = -math.pi / 2
    for root in roots:
        share = math.pi * (1 / len(roots) + _leaves(root) / total)
        place(root, cursor, cursor + share)
        cursor += share
    by_id = {node.contact_id: node for node in nodes}
    label_everyone = len(nodes) < LABEL_ALL_BELOW
    for node in nodes:
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        node.parent_x, node.parent_y = (parent.x, parent.y) if parent else (0.0, 0.0)
        node.label = label_everyone or node.depth == 1
        degrees = math.degrees(node.angle)
        node.label_x = round(node.x + LABEL_GAP * math.cos(node.angle), 1)
        node.label_y = round(node.y + LABEL_GAP * math.sin(node.angle), 1)
        if math.cos(node.angle) >= -1e-9:
            node.label_anchor, node.label_rotation = "start", round(degrees, 1)
        else:
            # On the left half, turn the text the right way up and run it outward.
            node.label_anchor, node.label_rotation = "end", round(degrees + 180, 1)


def introduction_picture(user: User, *, focus: Contact | None = None) -> NetworkPicture:
    """The introduction tree from you (or from ``focus``) outward, laid out in rings. Two queries."""
    pairs = list(
        Contact.objects.for_owner(user).filter(introduced_by__isnull=False).values_list("id", "introduced_by_id")
    )
    children = _children_map(pairs)
    sizes = _subtree_sizes(pairs)

    def by_size(contact_id: int) -> tuple[int, int]:
        return -sizes.get(contact_id, 0), contact_id

    if focus is not None:
        root_ids = sorted(children.get(focus.pk, []), key=by_size)
        hidden_roots = 0
    else:
        introduced = {contact_id for contact_id, _ in pairs}
        # The people you met yourself who went on to introduce others.
        candidates = sorted((i for i in children if i not in introduced), key=by_size)
        root_ids = candidates[:MAX_ROOTS]
        hidden_roots = len(candidates) - len(root_ids)
    roots, nodes, truncated = _build(root_ids, children, sizes)
    _layout(roots, nodes)
    people = Contact.objects.for_owner(user).in_bulk([node.contact_id for node in nodes])
    # One reverse() for hundreds of links: the contact URL differs only by its id.
    contact_url = reverse("contacts:detail", args=[0]).replace("/0/", "/{}/")
    for node in nodes:
        node.contact = people.get(node.contact_id)
        node.url = contact_url.format(node.contact_id)
    depth = max((node.depth for node in nodes), default=1)
    return NetworkPicture(
        focus=focus,
        roots=roots,
        nodes=nodes,
        total_introduced=len(pairs),
        total_introducers=len(children),
        hidden_roots=hidden_roots,
        truncated=truncated or hidden_roots > 0,
        radius=RADII.get(depth, RADII[1]),
    )
