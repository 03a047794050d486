from django.urls import path

from .views import case, case_list, case_map, notifications, queues, report

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
]
