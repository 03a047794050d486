from bare.views import insert_one_row
from django.urls import path

from gridcity.urls import urlpatterns as gridcity_urlpatterns

urlpatterns = [path("bench/bare/insert", insert_one_row), *gridcity_urlpatterns]
