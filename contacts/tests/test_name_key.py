"""The likely-duplicate name key: lower-case, accent-free, single-spaced, whatever the spelling."""

from __future__ import annotations

import pytest

from contacts.models import normalise_name


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("Ada", "Lovelace"), "ada lovelace"),
        (("  O'Brien-Smith ", "Jr."), "o brien smith jr"),
        (("Mary\tAnn", "", "VAN  der\nBERG"), "mary ann van der berg"),
        (("", ""), ""),
        (("!!!", "..."), ""),
        (("R2-D2", "#42"), "r2 d2 42"),
        (("Zoë", "Ångström"), "zoe angstrom"),  # accents dropped, not the letters
        (("José", "O'Neil"), "jose o neil"),
        (("Straße", "Łukasz"), "stra e ukasz"),  # letters with no ASCII form become separators
    ],
)
def test_the_name_key_reads_every_spelling_of_a_name_alike(parts, key):
    assert normalise_name(*parts) == key
