import threading

from django.core.management.base import BaseCommand

from gridcity.open311.intake import file_forever, file_waiting


class Command(BaseCommand):
    help = (
        "File the Open311 requests accepted in batch mode (OPEN311_INTAKE=batch) as cases. "
        "The worker does it continuously; this is for a deployment that runs it on its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep filing until stopped.")

    def handle(self, *args, loop=False, **options):
        if loop:
            file_forever(threading.Event())
            return
        total = {"filed": 0, "refused": 0}
        while True:
            counts = file_waiting()
            if not any(counts.values()):
                break
            for name, count in counts.items():
                total[name] += count
        self.stdout.write(f"{total['filed']} filed, {total['refused']} refused")
