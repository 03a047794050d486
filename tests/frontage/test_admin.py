"""The admin: every model of the register is there, in Chinese, with contacts masked in lists."""

import pytest
from django.urls import reverse

from gridcity.frontage import agreements
from gridcity.frontage.models import EligibilityOverride
from gridcity.org.roles import Role

from ..conftest import make_person

MODELS = [
    "party",
    "signingrule",
    "checklistitem",
    "agreement",
    "agreementevent",
    "caseparty",
    "inspection",
    "ineligibility",
    "eligibilityoverride",
    "sponsorship",
    "frontagerevision",
]


@pytest.fixture
def admin_user(demo_county):
    return make_person(demo_county, "root2", Role.SYSTEM_ADMIN, is_staff=True)


@pytest.fixture
def office_user(demo_county):
    return make_person(demo_county, "office2", Role.EVALUATION_OFFICE, is_staff=True)


@pytest.mark.parametrize("model", MODELS)
def test_every_list_opens_for_the_administrator(client, admin_user, make_party, model):
    make_party("惠民超市")
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:frontage_{model}_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200


def test_the_party_list_is_in_chinese_and_masks_the_contact(client, admin_user, make_party):
    make_party("惠民超市", contact_person="王伟", contact_phone="13812345678")
    client.force_login(admin_user)
    page = client.get(reverse("admin:frontage_party_changelist")).content.decode()
    assert "责任主体" in page and "惠民超市" in page
    assert "138****5678" in page and "13812345678" not in page


def test_a_party_saved_in_the_admin_is_checked(client, admin_user, register):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:frontage_party_add"),
        {
            "jurisdiction": register.pk,
            "kind": "individual_business",
            "name": "惠民超市",
            "credit_code": "91350100M000100Y40",
            "place": "any",
            "address": "人民路1号",
            "lon": "118.7985",
            "lat": "35.171",
            "depth_m": "5",
            "is_active": "on",
            "agreements-TOTAL_FORMS": "0",
            "agreements-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "校验位错误" in response.content.decode()


def test_the_agreement_prints_from_the_admin(client, office_user, make_party, people):
    agreement = agreements.draft_agreement(make_party("惠民超市"), actor=people["evaluator"])
    client.force_login(office_user)
    response = client.get(reverse("admin:frontage_agreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_only_the_administrator_may_lift_an_ineligibility(client, admin_user, office_user):
    url = reverse("admin:frontage_eligibilityoverride_add")
    client.force_login(office_user)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    assert not EligibilityOverride.objects.exists()


def test_the_administrator_lifts_an_ineligibility_in_the_admin_with_a_reason(client, admin_user, make_party):
    from gridcity.frontage.models import Ineligibility

    ineligibility = Ineligibility.objects.create(party=make_party("惠民超市"), year=2026, since="2026-05-15")
    client.force_login(admin_user)
    url = reverse("admin:frontage_eligibilityoverride_add")
    refused = client.post(url, {"ineligibility": ineligibility.pk, "reason": ""})
    assert refused.status_code == 200 and not EligibilityOverride.objects.exists()
    client.post(url, {"ineligibility": ineligibility.pk, "reason": "经复查，检查记录有误"})
    override = EligibilityOverride.objects.get()
    assert (override.by, override.reason) == (admin_user, "经复查，检查记录有误")
