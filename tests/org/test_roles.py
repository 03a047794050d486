import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from gridcity.org.models import Jurisdiction, Unit, User
from gridcity.org.roles import Role, ensure_role_groups

from ..conftest import make_person


def test_every_role_is_a_group(db):
    ensure_role_groups()
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}


def test_creating_the_groups_twice_changes_nothing(db):
    ensure_role_groups()
    before = {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    ensure_role_groups()
    after = {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert before == after


def test_the_system_administrator_manages_the_grid_layer_and_the_evaluation_office_only_reads(county):
    admin = make_person(county, "root", Role.SYSTEM_ADMIN, is_staff=True)
    office = make_person(county, "office", Role.EVALUATION_OFFICE, is_staff=True)
    collector = make_person(county, "walker", Role.COLLECTOR)
    assert admin.has_perm("grids.change_grid") and admin.has_perm("org.add_user")
    assert office.has_perm("grids.view_grid") and not office.has_perm("grids.change_grid")
    assert not collector.has_perm("grids.view_grid")


def test_a_person_knows_their_roles(county, collector):
    assert collector.has_role(Role.COLLECTOR)
    assert not collector.has_role(Role.DISPATCHER)
    assert collector.roles == {"collector"}


def test_role_names_read_in_chinese():
    assert str(Role.COLLECTOR.label) == "信息采集员"
    assert str(Role.SHIFT_LEADER.label) == "值班长"


def test_a_person_cannot_belong_to_a_unit_of_another_county(county):
    other = Jurisdiction.objects.create(code="320508", name="姑苏区")
    foreign_unit = Unit.objects.create(
        jurisdiction=other, code="x", name="外县单位", kind=Unit.Kind.DEPARTMENT
    )
    person = User(username="p", jurisdiction=county, unit=foreign_unit)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "unit" in error.value.message_dict


def test_a_jurisdiction_needs_a_real_administrative_code(db):
    with pytest.raises(ValidationError) as error:
        Jurisdiction(code="99999", name="x").full_clean()
    assert "code" in error.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_role_groups():
    from django.core.management import call_command

    Group.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert (
        Group.objects.filter(name=Role.SYSTEM_ADMIN).get().permissions.filter(codename="change_grid").exists()
    )
