from django.contrib import admin

from .models import ClassMapping


@admin.register(ClassMapping)
class ClassMappingAdmin(admin.ModelAdmin):
    list_display = ["hotline_code", "hotline_name", "minor_class", "client", "jurisdiction"]
    list_filter = ["jurisdiction", "client", "minor_class__major__kind"]
    search_fields = ["hotline_code", "hotline_name", "minor_class__name", "note"]
    autocomplete_fields = ["minor_class"]
    list_select_related = ["minor_class__major", "client", "jurisdiction"]
