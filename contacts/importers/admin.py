"""The "Import contacts" page of the contact admin (staff import for a chosen owner)."""

from __future__ import annotations


class ImportAdminMixin:
    """Mixed into ContactAdmin; adds the import page to the admin."""
