"""Zones (网区), unit grids (网格) and where a point lies.

from gridcity.grids import locate
location = locate(118.83, 35.17)   # -> Location(grid_code=…, zone_code=…) or OutsideManagedArea
"""

from .locating import Location, OutsideManagedArea, locate, locate_many

__all__ = ["Location", "OutsideManagedArea", "locate", "locate_many"]
