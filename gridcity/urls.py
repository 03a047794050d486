from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("gridcity.console.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("gridcity.grids.urls")),
]
# Photos and videos under runserver; in production nginx serves MEDIA_ROOT (docs/deploy.md §9).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
