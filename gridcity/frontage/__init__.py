"""Frontage responsibility (门前三包): parties, frontages, agreements, inspections, accountability.

from gridcity.frontage import party_at
party = party_at(118.83, 35.17)   # -> PartyRef(party_id=…, name=…) or None
"""

from .lookup import PartyRef, party_at, party_near

__all__ = ["PartyRef", "party_at", "party_near"]
