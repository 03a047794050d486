from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("orders", views.order_create, name="orders"),
    path("orders/<str:order_number>", views.order_detail, name="order"),
    path("orders/<str:order_number>/callback", views.order_callback, name="callback"),
    path("attachments/<str:token>", views.attachment, name="attachment"),
    path("openapi.yaml", views.openapi_yaml, name="openapi-yaml"),
    path("openapi.json", views.openapi_json, name="openapi-json"),
]
