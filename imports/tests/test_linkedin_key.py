from __future__ import annotations

from contacts.linkedin import linkedin_key, linkedin_url
from imports.parsers import records


def test_the_importers_compare_linkedin_urls_with_the_capture_pages_function():
    # One spelling per profile for both doors: an imported row and a captured page match the same contact.
    assert records.linkedin_key is linkedin_key and records.linkedin_url is linkedin_url
