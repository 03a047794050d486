"""A grid's record: who took part, with photos; who was expected and is missing shows as absent."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gridcity.frontage.models import Sponsorship, SponsorshipMember
from gridcity.grids.models import Grid
from gridcity.orderday import actions, selectors
from gridcity.orderday.models import GridRecord, Photo, PhotoKind
from gridcity.org.models import Jurisdiction
from gridcity.org.roles import Role
from tests.conftest import make_person

from .conftest import grid_url, photo, post_as


def test_the_supervising_unit_records_its_grid(client, people, units, order_day, grid):
    response = post_as(
        client,
        people["handler"],
        grid_url(order_day, "participation"),
        {
            "leader_took_part": "on",
            "units": [units["urban-management"].pk],
            "head_count": "25",
            "work_done": "清理背街小巷垃圾",
            "before_photos": [photo("before.jpg")],
            "after_photos": [photo("after.jpg"), photo("after-2.jpg")],
        },
    )
    assert response.status_code == 303
    record = GridRecord.objects.get(order_day=order_day, grid=grid)
    assert record.leader == people["leader01"]
    assert list(record.units.all()) == [units["urban-management"]]
    assert (record.head_count, record.participation_recorded_by) == (25, people["handler"])
    kinds = sorted(Photo.objects.filter(record=record).values_list("kind", flat=True))
    assert kinds == [PhotoKind.AFTER, PhotoKind.AFTER, PhotoKind.BEFORE]
    page = client.get(response["Location"]).content.decode()
    assert "清理背街小巷垃圾" in page and "已参加" in page
    # The photos are served to the county's staff.
    name = Photo.objects.filter(kind=PhotoKind.BEFORE).get().file.name
    assert client.get(f"/order-days/photos/{name}").status_code == 200
    # ...and to nobody of another jurisdiction.
    district = Jurisdiction.objects.create(code="371302", name="兰山区")
    stranger = make_person(district, "lanshan-office", Role.EVALUATION_OFFICE)
    assert selectors.photo_for(people["collector01"], name).file.name == name
    assert selectors.photo_for(stranger, name) is None
    client.force_login(stranger)
    assert client.get(f"/order-days/photos/{name}").status_code == 404


def test_missing_leaders_and_units_are_absent(people, units, demo_county, order_day, grid):
    # The grid's sponsorship (in force on the day) names another leader and adds the street office.
    sponsorship = Sponsorship.objects.create(
        jurisdiction=demo_county,
        leader=people["leader02"],
        grid=grid,
        duties="包扶网格",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    SponsorshipMember.objects.create(sponsorship=sponsorship, unit=units["shizilu-street"], duties="属地管理")
    record = GridRecord.objects.create(order_day=order_day, grid=grid)
    record.units.set([units["shizilu-street"]])

    rows = {row.grid.code: row for row in selectors.day_rows(order_day)}
    assert len(rows) == 33
    row = rows[grid.code]
    assert row.absent_leader == people["leader02"]
    assert row.absent_units == [units["urban-management"]]
    # A grid nobody recorded: its zone's sponsor and supervising unit are both absent.
    other = rows["371327001002001"]
    assert other.absent_leader == people["leader02"]
    assert other.absent_units == [units["supervision"]]
    assert selectors.summary(rows.values()).absent == 2 + 32 * 2


def _fill(order_day, grid, people, units, garbage):
    """A grid's full record: a unit, a head-count, photos before and after, a finding made a case."""
    evaluator = people["evaluator"]
    actions.record_participation(
        order_day,
        grid,
        actor=evaluator,
        leader_took_part=True,
        units=[units["shizilu-street"]],
        head_count=8,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    finding = actions.add_finding(order_day, grid, actor=evaluator, description="杂物", photos=[photo()])
    actions.make_case(finding, actor=evaluator, minor_class=garbage)


def _row(page, code):
    start = page.index(f'id="grid-{code}"')
    return page[start : page.index("</tr>", start)]


def test_the_day_page_shows_every_grid_in_a_fixed_number_of_queries(
    client, people, units, order_day, garbage
):
    grids = list(Grid.objects.filter(jurisdiction=order_day.jurisdiction, is_active=True).order_by("code"))
    client.force_login(people["collector01"])  # reading is open to every role
    url = f"/order-days/{order_day.pk}/"

    def queries_of_the_page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    _fill(order_day, grids[0], people, units, garbage)
    with_one, _ = queries_of_the_page()
    for grid in grids[1:4]:
        _fill(order_day, grid, people, units, garbage)
    with_four, page = queries_of_the_page()
    assert with_four == with_one <= 15
    assert page.count('id="grid-371327') == 33
    row = _row(page, grids[3].code)
    assert "清理前 1 张，清理后 1 张" in row and "1 个（已转案件 1 个）" in row
    # The street office took part; the zone's supervising unit did not.
    absent = row.split('class="absent-list">')[1].split("</td>")[0]
    supervising = grids[3].zone.supervising_unit
    assert absent == (supervising.short_name or supervising.name)
