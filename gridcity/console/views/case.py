"""(being written)"""

from django.http import Http404


def case_page(request, *args, **kwargs):
    raise Http404


def case_print(request, *args, **kwargs):
    raise Http404


def act(request, *args, **kwargs):
    raise Http404
