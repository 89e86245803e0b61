from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI under the site's Content-Security-Policy.

    The split view serves its start-up code as a separate script (``?script``), so the
    page needs no inline script; our template also drops drf-spectacular's inline style.
    Every asset comes from drf-spectacular-sidecar's static files, never a CDN.
    """

    template_name = "api/swagger_ui.html"
