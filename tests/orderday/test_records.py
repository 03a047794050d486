"""A grid's record: who took part, with photos; who was expected and is missing shows as absent."""

from datetime import date

from gridcity.frontage.models import Sponsorship, SponsorshipMember
from gridcity.orderday import selectors
from gridcity.orderday.models import GridRecord, Photo, PhotoKind

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


def test_the_day_page_shows_every_grid_in_a_fixed_number_of_queries(
    client, people, order_day, grid, django_assert_max_num_queries
):
    GridRecord.objects.create(order_day=order_day, grid=grid)
    client.force_login(people["collector01"])  # reading is open to every role
    with django_assert_max_num_queries(15):
        response = client.get(f"/order-days/{order_day.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('id="grid-371327') == 33
    assert "缺席" in page
