from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.views import SpectacularSwaggerSplitView

if TYPE_CHECKING:
    from rest_framework.views import AsView, GenericView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI under the site's Content-Security-Policy.

    The split view serves its start-up code as a separate script (``?script``), so the
    page needs no inline script; our template also drops drf-spectacular's inline style.
    Every asset comes from drf-spectacular-sidecar's static files, never a CDN.
    """

    template_name = "api/swagger_ui.html"

    @classmethod
    def as_view(cls, **initkwargs: Any) -> AsView[GenericView]:
        # A page for people: without a session, the log-in page like any other page
        # (DRF marks its views login_not_required, which suits scripts, not this page).
        view = super().as_view(**initkwargs)
        # LoginRequiredMiddleware reads this flag off the view function; AsView does not declare it.
        view.login_required = True  # type: ignore[attr-defined]
        return view
