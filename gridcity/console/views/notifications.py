"""(being written)"""

from django.http import Http404


def notification_list(request, *args, **kwargs):
    raise Http404
