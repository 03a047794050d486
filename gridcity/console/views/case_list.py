"""(being written)"""

from django.http import Http404


def case_list(request, *args, **kwargs):
    raise Http404


def export(request, *args, **kwargs):
    raise Http404
