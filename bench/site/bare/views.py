from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Row


@csrf_exempt
def insert_one_row(request):
    """Parse the same form body as the Open311 POST and insert one row: the yardstick."""
    row = Row.objects.create(description=request.POST.get("description", ""))
    return JsonResponse([{"id": row.pk}], safe=False)
