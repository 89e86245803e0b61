from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy_and_framing_rules(client):
    response = client.get(reverse("login"))

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_pages_load_no_asset_from_another_host(alice_client):
    html = alice_client.get(reverse("dashboard")).content.decode()

    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
