from django.urls import path

from .views import (
    case,
    case_list,
    case_map,
    frontage_coverage,
    frontage_parties,
    notifications,
    queues,
    report,
)

app_name = "console"
urlpatterns = [
    # Each role lands on its own queue.
    path("", queues.home, name="home"),
    path("queue/<slug:queue>/", queues.queue, name="queue"),
    path("notifications/", notifications.notification_list, name="notifications"),
    # The collector's report form (phone first) and the class search it uses.
    path("report/", report.report, name="report"),
    path("classes/", report.class_search, name="class_search"),
    # Every case: list with filters, Excel export, map.
    path("cases/", case_list.case_list, name="case_list"),
    path("cases/export.xlsx", case_list.export, name="case_export"),
    path("cases/map/", case_map.case_map, name="case_map"),
    path("cases/map.geojson", case_map.case_features, name="case_features"),
    # One case: the page, its print view, and the actions (POST, one URL per transition).
    path("cases/<str:number>/", case.case_page, name="case"),
    path("cases/<str:number>/print/", case.case_print, name="case_print"),
    path("cases/<str:number>/<slug:action>/", case.act, name="act"),
    # Frontage responsibility (门前三包): the register, the agreements, coverage, the import.
    path("frontage/", frontage_parties.party_list, name="party_list"),
    path("frontage/parties/<int:pk>/", frontage_parties.party_page, name="party"),
    path("frontage/parties/<int:pk>/<slug:action>/", frontage_parties.act, name="party_act"),
    path("frontage/agreements/<str:number>.pdf", frontage_parties.agreement_pdf, name="agreement_pdf"),
    path("frontage/coverage/", frontage_coverage.coverage, name="coverage"),
    path("frontage/coverage.xlsx", frontage_coverage.coverage_export, name="coverage_export"),
    path("frontage/ineligible.xlsx", frontage_coverage.ineligible_export, name="ineligible_export"),
    path("frontage/map/", frontage_coverage.frontage_map, name="frontage_map"),
    path("frontage/map.geojson", frontage_coverage.frontage_features, name="frontage_features"),
    path("frontage/unsigned/", frontage_coverage.unsigned, name="unsigned"),
    path("frontage/import/", frontage_coverage.party_import, name="party_import"),
    path("frontage/import/template.xlsx", frontage_coverage.import_template, name="import_template"),
]
