"""(being written)"""

from django.http import Http404


def report(request, *args, **kwargs):
    raise Http404


def class_search(request, *args, **kwargs):
    raise Http404
