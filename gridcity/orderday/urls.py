from django.urls import path

from . import views

app_name = "orderday"
urlpatterns = [
    # The days: the list (POST sets a month's day), one day with all its grids, its Excel export.
    path("", views.day_list, name="day_list"),
    path("<int:pk>/", views.day_page, name="day"),
    path("<int:pk>/export.xlsx", views.day_export, name="day_export"),
    # One grid of a day: its page, and the writes (POST, one URL per action).
    path("<int:pk>/grids/<str:code>/", views.grid_page, name="grid"),
    path("<int:pk>/grids/<str:code>/participation/", views.record_participation, name="participation"),
    path("<int:pk>/grids/<str:code>/check/", views.record_check, name="check"),
    path("<int:pk>/grids/<str:code>/findings/", views.add_finding, name="finding"),
    path("findings/<int:pk>/case/", views.make_case, name="make_case"),
    # Photos and videos, to the staff of the day's jurisdiction.
    path("photos/<path:name>", views.photo_file, name="photo"),
]
