"""The random draw of the month's grids: a pure function anyone can run again from the seed.

The rule (shown on every inspection page and in docs/inspection.md):

1. Sort the grids by code.
2. ``rng = random.Random(seed)`` (Python's Mersenne Twister, seeded with the integer).
3. ``any``: the grids drawn are ``rng.sample(grids, count)``.
   ``per_zone``: sort the zone codes; ``zones = rng.sample(zone_codes, count)``; then, for each
   drawn zone in code order, ``rng.choice(that zone's grids, in code order)``.
4. The result is listed in grid-code order.

``manage.py draw_grids --jurisdiction 371327 --seed N --count 11 --strategy per_zone`` prints
the same grids.
"""

import random
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Strategy

DEFAULT_COUNT = 11
# Seeds are generated below this bound: short enough to read out and type, far too many to guess.
SEED_BOUND = 10**12
MAX_SEED = 2**63 - 1  # what the database column holds


def new_seed():
    return secrets.randbelow(SEED_BOUND)


def _zone_code(grid):
    return grid.zone.code


def check_draw(grids, seed, count, strategy):
    """Raise ValidationError naming every reason the draw cannot be made."""
    problems = []
    if strategy not in Strategy.values:
        problems.append(
            _("Unknown way of drawing “%(strategy)s”; use one of: %(known)s.")
            % {"strategy": strategy, "known": ", ".join(Strategy.values)}
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        problems.append(_("The seed must be a whole number from 0 to %(max)s.") % {"max": MAX_SEED})
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        problems.append(_("The number of grids must be a whole number of at least 1."))
    elif strategy == Strategy.PER_ZONE:
        zones = len({_zone_code(grid) for grid in grids})
        if count > zones:
            problems.append(
                _("Cannot draw %(count)s grids one per zone: there are only %(zones)s zones.")
                % {"count": count, "zones": zones}
            )
    elif strategy == Strategy.ANY and count > len(grids):
        problems.append(
            _("Cannot draw %(count)s grids: there are only %(grids)s active grids.")
            % {"count": count, "grids": len(grids)}
        )
    if problems:
        raise ValidationError(problems)


def draw_grids(grids, seed, count=DEFAULT_COUNT, strategy=Strategy.PER_ZONE):
    """The grids drawn from ``grids`` (objects with ``code`` and ``zone.code``) by the rule above,
    in code order. Raises ValidationError for a count or strategy that cannot be drawn."""
    check_draw(grids, seed, count, strategy)
    ordered = sorted(grids, key=lambda grid: grid.code)
    rng = random.Random(seed)
    if strategy == Strategy.ANY:
        drawn = rng.sample(ordered, count)
    else:
        by_zone = {}
        for grid in ordered:
            by_zone.setdefault(_zone_code(grid), []).append(grid)
        zones = rng.sample(sorted(by_zone), count)
        drawn = [rng.choice(by_zone[zone]) for zone in sorted(zones)]
    return sorted(drawn, key=lambda grid: grid.code)


def reproduce_command(jurisdiction_code, seed, count, strategy):
    """The command line that draws the same grids again."""
    return (
        f"python manage.py draw_grids --jurisdiction {jurisdiction_code} --seed {seed} "
        f"--count {count} --strategy {strategy}"
    )
