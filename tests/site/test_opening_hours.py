"""When a clinician can call after an urgent answer, and the opening hours in words, from the same structured hours.

The clinic's default week: Monday to Friday 8 am to 6 pm, Saturday 9 am to 1 pm, closed Sunday and on US federal
holidays, in America/New_York. A call is promised "today" only with at least an hour (CALL_MARGIN) before closing.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from clinic_site.models import ClinicDetails
from clinic_site.opening_hours import WEEKDAYS, OpeningHours, call_promise, clock, describe, next_callback

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAY = (datetime.time(8), datetime.time(18))
HOURS = OpeningHours(
    week=(WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, (datetime.time(9), datetime.time(13)), None), zone=NEW_YORK
)


def at(text: str, zone=NEW_YORK) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=zone)


# (the moment, in New York, the promise made). 2026-11-23 is a Monday; 2026-11-26 is Thanksgiving.
CASES = [
    ("2026-11-23 06:30", "A clinician will call you today, soon after we open at 8 am."),
    ("2026-11-23 07:59", "A clinician will call you today, soon after we open at 8 am."),
    ("2026-11-23 08:00", "A clinician will call you today, before 6 pm."),
    ("2026-11-23 12:00", "A clinician will call you today, before 6 pm."),
    ("2026-11-23 16:59", "A clinician will call you today, before 6 pm."),
    ("2026-11-23 17:00", "A clinician will call you today, before 6 pm."),  # exactly the margin before closing
    ("2026-11-23 17:01", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),
    ("2026-11-23 17:58", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),
    ("2026-11-23 18:00", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),  # at closing
    ("2026-11-23 23:30", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),
    ("2026-11-25 19:00", "A clinician will call you on Friday, soon after we open at 8 am."),  # Thanksgiving next
    ("2026-11-26 10:00", "A clinician will call you tomorrow (Friday), soon after we open at 8 am."),  # holiday
    ("2026-11-27 17:30", "A clinician will call you tomorrow (Saturday), soon after we open at 9 am."),
    ("2026-11-28 08:00", "A clinician will call you today, soon after we open at 9 am."),  # Saturday morning
    ("2026-11-28 11:00", "A clinician will call you today, before 1 pm."),
    ("2026-11-28 12:01", "A clinician will call you on Monday, soon after we open at 8 am."),  # Saturday, too late
    ("2026-11-29 15:00", "A clinician will call you tomorrow (Monday), soon after we open at 8 am."),  # Sunday
    ("2026-07-02 18:30", "A clinician will call you on Monday, soon after we open at 8 am."),  # July 4 observed Fri
    ("2026-12-24 20:00", "A clinician will call you on Saturday, soon after we open at 9 am."),  # Christmas Friday
    (
        "2026-05-23 12:30",
        "A clinician will call you on Tuesday, soon after we open at 8 am.",
    ),  # Saturday before Memorial Day
]


@pytest.mark.parametrize(("moment", "promise"), CASES)
def test_the_call_is_promised_today_only_when_there_is_time_to_make_it(moment, promise):
    assert call_promise(at(moment), HOURS) == promise


def test_the_moment_is_read_in_the_clinics_time_zone_not_the_servers():
    utc = at("2026-11-23 22:30", ZoneInfo("UTC"))  # 5:30 pm in New York (under an hour left), 2:30 pm in LA
    assert call_promise(utc, HOURS) == "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."
    west = OpeningHours(week=HOURS.week, zone=ZoneInfo("America/Los_Angeles"))
    assert call_promise(utc, west) == "A clinician will call you today, before 6 pm."


def test_daylight_saving_time_does_not_move_the_hours():
    # 2026-03-08 is the Sunday clocks go forward; Monday 7:30 am is still before opening.
    assert call_promise(at("2026-03-09 07:30"), HOURS) == "A clinician will call you today, soon after we open at 8 am."


def test_holidays_can_be_working_days_when_the_clinic_says_so():
    open_on_holidays = OpeningHours(week=HOURS.week, zone=NEW_YORK, closed_on_federal_holidays=False)
    assert call_promise(at("2026-11-26 10:00"), open_on_holidays) == "A clinician will call you today, before 6 pm."


def test_a_closed_day_more_than_a_week_away_is_named_with_its_date():
    once_a_fortnight = OpeningHours(week=(None,) * 7, zone=NEW_YORK)
    assert next_callback(at("2026-11-23 10:00"), once_a_fortnight) is None
    assert call_promise(at("2026-11-23 10:00"), once_a_fortnight) == (
        "A clinician will call you as soon as the clinic opens again."
    )
    only_tuesday = OpeningHours(week=(None, WEEKDAY, None, None, None, None, None), zone=NEW_YORK)
    assert call_promise(at("2026-11-24 17:30"), only_tuesday) == (
        "A clinician will call you on Tuesday, December 1, soon after we open at 8 am."
    )


@pytest.mark.parametrize(
    ("moment", "words"),
    [(datetime.time(8), "8 am"), (datetime.time(8, 30), "8:30 am"), (datetime.time(12), "noon"),
     (datetime.time(13), "1 pm"), (datetime.time(0), "midnight"), (datetime.time(17, 45), "5:45 pm")],
)  # fmt: skip
def test_times_are_written_the_way_people_say_them(moment, words):
    assert clock(moment) == words


def test_the_hours_in_words_are_made_from_the_same_structure():
    assert describe(HOURS) == [
        "Monday to Friday, 8 am to 6 pm",
        "Saturday, 9 am to 1 pm",
        "Closed on Sunday and US federal holidays",
    ]
    split_week = OpeningHours(
        week=(WEEKDAY, WEEKDAY, None, WEEKDAY, WEEKDAY, None, None), zone=NEW_YORK, closed_on_federal_holidays=False
    )
    assert describe(split_week) == [
        "Monday and Tuesday, 8 am to 6 pm",
        "Thursday and Friday, 8 am to 6 pm",
        "Closed on Wednesday, Saturday and Sunday",
    ]


@pytest.mark.django_db
def test_the_footer_shows_the_hours_the_call_times_are_worked_out_from(client):
    clinic = ClinicDetails.load()
    clinic.saturday_opens = clinic.saturday_closes = None
    clinic.save()
    html = client.get("/").content.decode()
    assert "Monday to Friday, 8 am to 6 pm<br>Closed on Saturday, Sunday and US federal holidays" in html
    assert clinic.hours.on(datetime.date(2026, 11, 28)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"monday_closes": None}, "Give both times for Monday"),
        ({"monday_opens": datetime.time(19)}, "On Monday the clinic must open before it closes"),
        ({"time_zone": "Eastern"}, "is not a time zone name"),
    ],
)
def test_hours_that_cannot_be_used_are_refused_in_the_admin_with_a_clear_message(change, message):
    clinic = ClinicDetails.load()
    for name, value in change.items():
        setattr(clinic, name, value)
    with pytest.raises(ValidationError, match=message):
        clinic.full_clean()


@pytest.mark.django_db
def test_a_week_with_no_opening_hours_is_refused():
    clinic = ClinicDetails.load()
    for day in WEEKDAYS:
        setattr(clinic, f"{day.lower()}_opens", None)
        setattr(clinic, f"{day.lower()}_closes", None)
    with pytest.raises(ValidationError, match="at least one day"):
        clinic.full_clean()


# The clinic's own closed days (2026-11-23 is a Monday; 2026-12-24 a Thursday, 2026-12-25 Christmas, a Friday).
CLOSED_DATES_CASES = [
    ({"2026-11-23"}, "2026-11-23 10:00", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),
    ({"2026-11-24"}, "2026-11-23 17:30", "A clinician will call you on Wednesday, soon after we open at 8 am."),
    ({"2026-11-24"}, "2026-11-23 16:00", "A clinician will call you today, before 6 pm."),  # closed tomorrow only
    ({"2026-12-24"}, "2026-12-23 17:30", "A clinician will call you on Saturday, soon after we open at 9 am."),
    ({"2026-11-24", "2026-11-25", "2026-11-27", "2026-11-28"}, "2026-11-23 18:30",
     "A clinician will call you on Monday, November 30, soon after we open at 8 am."),  # with Thanksgiving: a week shut
    ({"2026-11-30"}, "2026-11-30 07:00", "A clinician will call you tomorrow (Tuesday), soon after we open at 8 am."),
]  # fmt: skip


@pytest.mark.parametrize(("closed", "moment", "promise"), CLOSED_DATES_CASES)
def test_no_call_is_promised_on_the_clinics_own_closed_days(closed, moment, promise):
    hours = OpeningHours(
        week=HOURS.week, zone=NEW_YORK, closed_dates=frozenset(datetime.date.fromisoformat(day) for day in closed)
    )
    assert call_promise(at(moment), hours) == promise


@pytest.mark.django_db
def test_extra_closed_dates_from_the_admin_move_the_call_time(client):
    clinic = ClinicDetails.load()
    clinic.extra_closed_dates = "2026-11-24\n2026-11-25, 2026-12-24"
    clinic.full_clean()
    clinic.save()
    assert ClinicDetails.load().hours.on(datetime.date(2026, 11, 24)) is None
    assert call_promise(at("2026-11-23 17:30"), ClinicDetails.load().hours) == (
        "A clinician will call you on Friday, soon after we open at 8 am."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["24/12/2026", "2026-13-01", "next Tuesday", "2026-12-24 2026-02-30"])
def test_a_closed_date_that_is_not_a_date_is_refused_in_the_admin_naming_it(text):
    clinic = ClinicDetails.load()
    clinic.extra_closed_dates = text
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    message = refused.value.message_dict["extra_closed_dates"][0]
    assert message.startswith("Write each date like 2026-12-24. Not a date: ")
    assert text.split()[-1] in message


@pytest.mark.django_db
def test_the_admin_form_shows_the_extra_closed_dates_field(admin_client):
    html = admin_client.get("/admin/clinic_site/clinicdetails/1/change/").content.decode()
    assert 'name="extra_closed_dates"' in html
