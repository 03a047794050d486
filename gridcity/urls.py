from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gridcity.console.views import media

urlpatterns = [
    # The APIs first: other systems call them most often, and resolving walks this list in order.
    path("open311/v2/", include("gridcity.open311.urls")),
    path("hotline/v1/", include("gridcity.hotline.urls")),
    path("", include("gridcity.console.urls")),
    path("evaluation/", include("gridcity.evaluation.urls")),
    path("inspection/", include("gridcity.inspection.urls")),
    path("order-days/", include("gridcity.orderday.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("gridcity.grids.urls")),
    # Case photos and videos, after a check that this person may see the case.
    path("media/<path:name>", media.attachment_file, name="media"),
]
