"""Which unit signs a party's agreement: the signing table (R3, R4) read for one party.

细则 §四 shares the signing out: 城管局 for the main roads and public places, 住建局 for
construction sites, 房管局 for residential compounds under property management, the
development zone and the towns/streets for the parties along the main roads and in the
villages and communities, 文明办 for the organs, associations, enterprises and institutions.
Each jurisdiction writes that as SigningRule rows (the demo county's are in
gridcity/demo/frontage.py); the suggestion is only a suggestion: the agreement names the unit.
"""

from dataclasses import dataclass

from .models import Place, SigningRule


@dataclass(frozen=True)
class SigningSuggestion:
    unit: object  # org.Unit
    reason: str
    rule: object = None


def rank(rule, party):
    """How well ``rule`` fits ``party``: None when it does not apply; higher is more specific.

    The kind of place comes first (a compound under property management is 房管局's whoever
    the party is), then the kind of party, then the zone (the development zone signs in its
    own zones what a town signs elsewhere).
    """
    if rule.party_kind and rule.party_kind != party.kind:
        return None
    if rule.place != Place.ANY and rule.place != party.place:
        return None
    if rule.zone_id and rule.zone_id != party.zone_id:
        return None
    return (rule.place != Place.ANY, bool(rule.party_kind), bool(rule.zone_id), -rule.pk)


def suggest_signing_unit(party, rules=None):
    """The unit that should sign with ``party``, and why; None when no rule applies.

    ``rules`` (the jurisdiction's SigningRule rows, with their units) may be passed in when
    suggesting for many parties at once."""
    if rules is None:
        rules = SigningRule.objects.filter(jurisdiction_id=party.jurisdiction_id).select_related("unit")
    best, best_rank = None, None
    for rule in rules:
        if rule.jurisdiction_id != party.jurisdiction_id:
            continue
        fit = rank(rule, party)
        if fit is not None and (best_rank is None or fit > best_rank):
            best, best_rank = rule, fit
    if best is None:
        return None
    return SigningSuggestion(best.unit, best.reason, best)
