"""The clinic's opening hours as data, and the two things read from them: the hours in words, and when a
clinician can make an urgent call.

Pure functions: the time is an argument, so every case (before opening, at closing, weekends, holidays) is tested
from a table. The hours shown in the footer and the call time promised to a patient come from the same record, so
they can never contradict each other.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from zoneinfo import ZoneInfo

import holidays

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A call promised "today" must leave staff time to make it: with less than this before closing, the promise moves
# to the next opening. An hour covers reading the alert, opening the record and one more try if nobody answers.
CALL_MARGIN = datetime.timedelta(minutes=60)
# Further than any run of closed days the clinic can have (a weekend next to a federal holiday is 3 or 4 days).
LOOK_AHEAD_DAYS = 14

Period = tuple[datetime.time, datetime.time]


@lru_cache(maxsize=8)
def us_federal_holidays(year: int) -> holidays.HolidayBase:
    """US federal holidays with their observed days (July 4 on a Saturday closes Friday July 3 too)."""
    return holidays.country_holidays("US", years=year)


@dataclass(frozen=True)
class OpeningHours:
    week: tuple[Period | None, ...]  # Monday first; None on a closed day
    zone: ZoneInfo
    closed_on_federal_holidays: bool = True

    def on(self, day: datetime.date) -> Period | None:
        if self.closed_on_federal_holidays and day in us_federal_holidays(day.year):
            return None
        return self.week[day.weekday()]


@dataclass(frozen=True)
class CallTime:
    """When a clinician will call: on `day`, from `opens` (None: the clinic is open now) until `closes`."""

    day: datetime.date
    opens: datetime.time | None
    closes: datetime.time


def next_callback(now: datetime.datetime, hours: OpeningHours, *, margin=CALL_MARGIN) -> CallTime | None:
    """Today if the clinic is open for at least `margin` more; otherwise the next opening. None if it never opens."""
    local = now.astimezone(hours.zone)
    for offset in range(LOOK_AHEAD_DAYS):
        day = local.date() + datetime.timedelta(days=offset)
        period = hours.on(day)
        if period is None:
            continue
        opens, closes = (datetime.datetime.combine(day, moment, tzinfo=hours.zone) for moment in period)
        if local < opens:
            return CallTime(day=day, opens=period[0], closes=period[1])
        if local + margin <= closes:
            return CallTime(day=day, opens=None, closes=period[1])
    return None


def clock(moment: datetime.time) -> str:
    """8 am, 8:30 am, noon, 1 pm: the way people say times."""
    if moment.minute == 0 and moment.hour in (0, 12):
        return "midnight" if moment.hour == 0 else "noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def _day_words(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return "today"
    weekday = WEEKDAYS[day.weekday()]
    if day == today + datetime.timedelta(days=1):
        return f"tomorrow ({weekday})"
    if day < today + datetime.timedelta(days=7):
        return f"on {weekday}"
    return f"on {weekday}, {day:%B} {day.day}"


def call_time(now: datetime.datetime, hours: OpeningHours) -> str:
    """When a clinician will call, in words: "today, before 6 pm", "on Monday, soon after we open at 8 am"."""
    call = next_callback(now, hours)
    if call is None:
        return "as soon as the clinic opens again"
    if call.opens is None:
        return f"today, before {clock(call.closes)}"
    today = now.astimezone(hours.zone).date()
    return f"{_day_words(call.day, today)}, soon after we open at {clock(call.opens)}"


def call_promise(now: datetime.datetime, hours: OpeningHours) -> str:
    """The sentence that tells a person when a clinician will call them; said only when we have their number."""
    return f"A clinician will call you {call_time(now, hours)}."


def _days(names: list[str]) -> str:
    if len(names) > 2:
        return f"{names[0]} to {names[-1]}"
    return " and ".join(names)


def describe(hours: OpeningHours) -> list[str]:
    """The week in words, one line per run of days with the same hours, then the days the clinic is closed."""
    lines = []
    for period, run in groupby(enumerate(hours.week), key=lambda item: item[1]):
        if period is not None:
            lines.append(f"{_days([WEEKDAYS[i] for i, _ in run])}, {clock(period[0])} to {clock(period[1])}")
    closed = [WEEKDAYS[i] for i, period in enumerate(hours.week) if period is None]
    if hours.closed_on_federal_holidays:
        closed.append("US federal holidays")
    if closed:
        lines.append("Closed on " + (", ".join(closed[:-1]) + " and " + closed[-1] if len(closed) > 1 else closed[0]))
    return lines
