"""(being written)"""

from django.http import Http404


def case_map(request, *args, **kwargs):
    raise Http404


def case_features(request, *args, **kwargs):
    raise Http404
