from django.db import models


class Row(models.Model):
    """One row per request of the bare view: the least a Django view that writes can do."""

    description = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "bare"

    def __str__(self):
        return self.description
