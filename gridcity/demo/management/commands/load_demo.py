from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from gridcity.demo.county import DEMO_HOTLINE_KEY, DEMO_HOTLINE_SECRET, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Build the demo county (Junan, 371327): units, people and roles, 11 zones of 3 grids. Idempotent."

    def handle(self, *args, **options):
        translation.activate(settings.LANGUAGE_CODE)
        jurisdiction, accounts = load_demo()
        grids = jurisdiction.grids.filter(is_active=True).count()
        cases = jurisdiction.cases.count()
        zones = jurisdiction.zones.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo county ready: {jurisdiction} — {zones} zones, {grids} grids, {cases} cases."
            )
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        shown = set()
        for account in accounts:
            if account.role in shown:
                continue
            shown.add(account.role)
            more = " (… leader11)" if account.username == "leader01" else ""
            more = " (… collector11, one per zone)" if account.username == "collector01" else more
            self.stdout.write(f"  {account.username:<12} {account.role.label}{more}")
        self.stdout.write("Demo 12345 hotline (API client for Open311 and the work-order exchange):")
        self.stdout.write(f"  API key        {DEMO_HOTLINE_KEY}")
        self.stdout.write(f"  signing secret {DEMO_HOTLINE_SECRET}")
