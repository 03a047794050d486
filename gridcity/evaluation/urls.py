from django.urls import path, register_converter

from .views import appeals, bulletins, evaluations, figures, trend


class PeriodConverter:
    """A period in an address: 2026, 2026-Q3, 2026-07 or 2026-07-15 (periods.Period.slug)."""

    regex = r"\d{4}(?:-Q[1-4]|-\d{2}(?:-\d{2})?)?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PeriodConverter, "evaluation_period")

app_name = "evaluation"
urlpatterns = [
    # Figures of any period, and the cases behind each figure.
    path("", figures.figures_page, name="figures"),
    path(
        "<evaluation_period:period>/<slug:kind>/<int:object_id>/<slug:code>/",
        figures.figure_page,
        name="figure",
    ),
    path("units/<int:unit_id>/daily/", trend.unit_daily, name="unit_daily"),
    # Overtime appeals (超期申诉).
    path("appeals/", appeals.appeal_list, name="appeals"),
    path("appeals/new/", appeals.appeal_new, name="appeal_new"),
    path("appeals/<int:pk>/decide/", appeals.appeal_decide, name="appeal_decide"),
    # Periodic evaluations and their bulletins (通报).
    path("evaluations/", evaluations.evaluation_list, name="evaluations"),
    path("evaluations/<evaluation_period:period>/", evaluations.evaluation_page, name="evaluation"),
    path(
        "evaluations/<evaluation_period:period>/bulletin.pdf", evaluations.bulletin_pdf, name="bulletin_pdf"
    ),
    path(
        "evaluations/<evaluation_period:period>/bulletin.xlsx",
        evaluations.bulletin_xlsx,
        name="bulletin_xlsx",
    ),
    path(
        "evaluations/<evaluation_period:period>/<slug:action>/",
        evaluations.evaluation_act,
        name="evaluation_act",
    ),
    # Published bulletins, for everyone without logging in.
    path("bulletins/", bulletins.bulletin_list, name="bulletins"),
    path(
        "bulletins/<slug:jurisdiction>/<evaluation_period:period>.pdf",
        bulletins.public_pdf,
        name="public_pdf",
    ),
    path(
        "bulletins/<slug:jurisdiction>/<evaluation_period:period>.xlsx",
        bulletins.public_xlsx,
        name="public_xlsx",
    ),
]
