from django.urls import path

from . import views

app_name = "grids"
urlpatterns = [
    path("map/", views.grid_map, name="map"),
    path("grids/layer.geojson", views.layer, name="layer"),
    path("grids/zones.geojson", views.zones, name="zones"),
]
