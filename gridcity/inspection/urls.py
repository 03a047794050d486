from django.urls import path, register_converter

from . import views


class MonthConverter:
    """A month in an address: 2026-11."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(MonthConverter, "inspection_month")

app_name = "inspection"
urlpatterns = [
    path("", views.month_list, name="list"),
    path("open/", views.open_month, name="open"),
    path("ineligible/", views.ineligible_page, name="ineligible"),
    path("ineligible.xlsx", views.ineligible_xlsx, name="ineligible_export"),
    path("findings/<int:pk>/", views.finding_page, name="finding"),
    path("findings/<int:pk>/case/", views.make_case, name="make_case"),
    path("files/<int:pk>/", views.finding_file, name="file"),
    path("<inspection_month:month>/", views.month_page, name="month"),
    path("<inspection_month:month>/close/", views.close_month, name="close"),
    path("<inspection_month:month>/summary/", views.summary_page, name="summary"),
    path("<inspection_month:month>/summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<inspection_month:month>/summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("<inspection_month:month>/grids/<str:grid>/", views.sheet_page, name="sheet"),
    path("<inspection_month:month>/grids/<str:grid>/complete/", views.complete_sheet, name="complete_sheet"),
    path("<inspection_month:month>/grids/<str:grid>/findings/new/", views.finding_new, name="finding_new"),
    path("<inspection_month:month>/grids/<str:grid>/parties/<int:party>/", views.entry, name="entry"),
]
