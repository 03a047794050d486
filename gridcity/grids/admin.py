from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .forms import LayerImportForm
from .layer import LayerError, import_layer
from .models import Grid, Zone


class GridInline(admin.TabularInline):
    model = Grid
    fields = ["code", "name", "collector", "area_m2", "is_active"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "supervising_unit", "sponsor", "jurisdiction"]
    list_filter = ["jurisdiction", "supervising_unit"]
    search_fields = ["code", "name"]
    list_select_related = ["supervising_unit", "sponsor", "jurisdiction"]
    autocomplete_fields = ["supervising_unit"]
    inlines = [GridInline]


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "zone", "collector", "area_m2", "is_active"]
    list_filter = ["jurisdiction", "zone", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["zone", "collector"]
    # Boundaries change through the GeoJSON import, which checks the whole layer at once
    # (overlaps, gaps); editing one polygon by hand could not be checked that way.
    readonly_fields = ["boundary", "area_m2"]
    change_list_template = "admin/grids/grid/change_list.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="grids_grid_import"),
        ] + super().get_urls()

    def import_view(self, request):
        if not request.user.has_perm("grids.change_grid") or not request.user.has_perm("grids.add_grid"):
            messages.error(request, _("You may not change the grid layer."))
            return HttpResponseRedirect(reverse("admin:grids_grid_changelist"))
        problems = []
        form = LayerImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                summary = import_layer(form.cleaned_data["file"].read(), form.cleaned_data["jurisdiction"])
            except LayerError as error:
                problems = error.problems
            else:
                messages.success(request, _("Grid layer imported: %(summary)s") % {"summary": summary})
                return HttpResponseRedirect(reverse("admin:grids_grid_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import the grid layer (GeoJSON)"),
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/grids/grid/import.html", context)
