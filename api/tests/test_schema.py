"""The OpenAPI schema (valid, served as JSON when asked) and the Swagger UI docs page."""

from __future__ import annotations

import re

from django.core.management import call_command

SCHEMA = "/api/v1/schema/"
DOCS = "/api/v1/docs/"


def test_the_schema_validates_without_warnings(db, tmp_path):
    # --fail-on-warn turns any warning (an unguessable field, a view without a queryset) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/meetings/{id}/hold/" in (tmp_path / "schema.yaml").read_text()


def test_the_schema_is_json_when_the_client_asks_for_json(api):
    for response in (api.get(SCHEMA, HTTP_ACCEPT="application/json"), api.get(SCHEMA + "?format=json")):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or response[
            "Content-Type"
        ].startswith("application/json")
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert schema["components"]["securitySchemes"]["bearerAuth"] == {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from Preferences → API tokens.",
        }


def test_the_schema_needs_a_token(api_anonymous):
    assert api_anonymous.get(SCHEMA + "?format=json").status_code == 401


def test_the_docs_page_serves_its_own_assets_without_inline_code(alice_client):
    response = alice_client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    # The site's Content-Security-Policy (script-src 'self', style-src 'self') forbids inline code.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "//cdn" not in html and "unpkg" not in html and "jsdelivr" not in html
    found = re.search(r'<script src="([^"]*\?[^"]*script[^"]*)"', html)
    assert found, html
    script = found.group(1).replace("&amp;", "&")
    init = alice_client.get(script)
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in init.content
    assert alice_client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200


def test_the_docs_page_needs_a_login(client, db):
    response = client.get(DOCS)
    assert response.status_code == 302 and "/login/" in response["Location"]
