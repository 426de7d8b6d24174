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
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy, pgettext

# The days as the clinic details' field names use them; WEEKDAY_NAMES are the same days in the reader's language.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A call promised "today" must leave staff time to make it: with less than this before closing, the promise moves
# to the next opening. An hour covers reading the alert, opening the record and one more try if nobody answers.
CALL_MARGIN = datetime.timedelta(minutes=60)
# Further than any run of closed days the clinic can have: a weekend next to a federal holiday is 3 or 4 days, and
# extra closed dates (a training week, a summer break) can add a few weeks.
LOOK_AHEAD_DAYS = 92

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
    closed_dates: frozenset[datetime.date] = frozenset()  # the clinic's own extra closed days

    def on(self, day: datetime.date) -> Period | None:
        if day in self.closed_dates:
            return None
        if self.closed_on_federal_holidays and day in us_federal_holidays(day.year):
            return None
        return self.week[day.weekday()]


@dataclass(frozen=True)
class CallPromise:
    """A call promised by `due_by`. `opens_at` is set when the call waits for the clinic to open (the person is told
    "soon after we open at 8 am" and staff have `margin` from the opening); None when the clinic was open at the time
    ("today, before 6 pm"). Stored with the record once made, so every page, e-mail and staff view repeats it."""

    due_by: datetime.datetime
    opens_at: datetime.datetime | None = None


def next_callback(now: datetime.datetime, hours: OpeningHours, *, margin=CALL_MARGIN) -> CallPromise | None:
    """Today if the clinic is open for at least `margin` more; otherwise the next opening. None if it never opens."""
    local = now.astimezone(hours.zone)
    for offset in range(LOOK_AHEAD_DAYS):
        day = local.date() + datetime.timedelta(days=offset)
        period = hours.on(day)
        if period is None:
            continue
        opens, closes = (datetime.datetime.combine(day, moment, tzinfo=hours.zone) for moment in period)
        if local < opens:
            return CallPromise(due_by=min(opens + margin, closes), opens_at=opens)
        if local + margin <= closes:
            return CallPromise(due_by=closes)
    return None


def _is_noon_or_midnight(moment: datetime.time) -> bool:
    return moment.minute == 0 and moment.hour in (0, 12)


def _hour(moment: datetime.time) -> int:
    return moment.hour % 12 or 12


def clock(moment: datetime.time) -> str:
    """8 am, 8:30 am, noon, 1 pm: the way people say times (in Spanish 8 de la mañana, mediodía)."""
    if _is_noon_or_midnight(moment):
        return gettext("midnight") if moment.hour == 0 else gettext("noon")
    time = f"{_hour(moment)}:{moment.minute:02d}" if moment.minute else str(_hour(moment))
    return _part_of_day(moment.hour) % {"time": time}


def _part_of_day(hour: int) -> str:
    """ "%(time)s am" or "pm". Spanish names the part of the day ("6 de la tarde"): "6 p. m." would end a sentence
    with two full stops."""
    if hour < 12:
        return pgettext("before 6 am", "%(time)s am") if hour < 6 else pgettext("morning", "%(time)s am")
    return pgettext("afternoon", "%(time)s pm") if hour < 19 else pgettext("evening", "%(time)s pm")


# "before 6 pm", "by 6 pm" (for a time that has passed), "at 8 am": at midnight, at noon, at any other time. The
# hour's number picks the form: Spanish says "antes de la 1 de la tarde" but "antes de las 6 de la tarde".
_BEFORE = (
    gettext_lazy("before midnight"),
    gettext_lazy("before noon"),
    ngettext_lazy("before %(time)s", "before %(time)s", "hour"),
)
_BY = (gettext_lazy("by midnight"), gettext_lazy("by noon"), ngettext_lazy("by %(time)s", "by %(time)s", "hour"))
_AT = (gettext_lazy("at midnight"), gettext_lazy("at noon"), ngettext_lazy("at %(time)s", "at %(time)s", "hour"))


def _with_time(phrases: tuple, moment: datetime.time) -> str:
    """ "before 6 pm" (with _BEFORE), "by 6 pm" (_BY), "at 8 am" (_AT), in the active language."""
    midnight, noon, other = phrases
    if _is_noon_or_midnight(moment):
        return str(midnight if moment.hour == 0 else noon)
    return other % {"time": clock(moment), "hour": _hour(moment)}


def _date(day: datetime.date) -> str:
    """ "Monday, November 23" ("lunes 23 de noviembre")."""
    names = {"weekday": WEEKDAY_NAMES[day.weekday()], "month": MONTHS[day.month], "day": day.day}
    return gettext("%(weekday)s, %(month)s %(day)s") % names


def _day_words(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return gettext("today")
    weekday = WEEKDAY_NAMES[day.weekday()]
    if day == today + datetime.timedelta(days=1):
        return gettext("tomorrow (%(weekday)s)") % {"weekday": weekday}
    if day < today + datetime.timedelta(days=7):
        return gettext("on %(weekday)s") % {"weekday": weekday}
    return gettext("on %(date)s") % {"date": _date(day)}


def promised_time(promise: CallPromise | None, now: datetime.datetime, zone: ZoneInfo) -> str:
    """The promised time in words, as read at `now`: "today, before 6 pm", "on Monday, soon after we open at 8 am"."""
    if promise is None:
        return gettext("as soon as the clinic opens again")
    local, due = now.astimezone(zone), promise.due_by.astimezone(zone)
    if promise.opens_at is not None and local < promise.opens_at:
        opens = promise.opens_at.astimezone(zone)
        return _soon_after_we_open(_day_words(opens.date(), local.date()), opens)
    return f"{_day_words(due.date(), local.date())}, {_with_time(_BEFORE, due.time())}"


def _soon_after_we_open(day: str, opens: datetime.datetime) -> str:
    """ "Monday, soon after we open at 8 am"."""
    return gettext("%(day)s, soon after we open %(at_time)s") % {"day": day, "at_time": _with_time(_AT, opens.time())}


def promise_sentence(promise: CallPromise | None, now: datetime.datetime, zone: ZoneInfo) -> str:
    """The sentence that tells a person when a clinician will call them; said only when we have their number.

    A promise whose time has passed (a draft picked up again days later) is told as it was, never made again: a new
    time would be one that staff were never told."""
    if promise is not None and now >= promise.due_by:
        due = promise.due_by.astimezone(zone)
        return gettext(
            "A clinician was due to call you %(by_time)s on %(date)s. If we have not reached you yet, please call us."
        ) % {"date": _date(due.date()), "by_time": _with_time(_BY, due.time())}
    return gettext("A clinician will call you %(time)s.") % {"time": promised_time(promise, now, zone)}


def _dated_time(promise: CallPromise, zone: ZoneInfo) -> str:
    """ "Monday, November 23, before 6 pm": the time promised, named by its date rather than by "today"."""
    if promise.opens_at is None:
        due = promise.due_by.astimezone(zone)
        return f"{_date(due.date())}, {_with_time(_BEFORE, due.time())}"
    opens = promise.opens_at.astimezone(zone)
    return _soon_after_we_open(_date(opens.date()), opens)


def dated_promise(promise: CallPromise, zone: ZoneInfo) -> str:
    """The promise with its date rather than "today", for an e-mail that may be read another day."""
    return gettext("A clinician will call you on %(time)s.") % {"time": _dated_time(promise, zone)}


def promise_for_staff(promise: CallPromise, zone: ZoneInfo) -> str:
    """What the patient was told, with its date and the time staff must call by: in English, whatever the page."""
    with translation.override("en"):
        due = "then" if promise.opens_at is None else clock(promise.due_by.astimezone(zone).time())
        return f"{_dated_time(promise, zone)} (call by {due})"


def call_time(now: datetime.datetime, hours: OpeningHours) -> str:
    """When a clinician would call if we had a number, worked out now: "today, before 6 pm"."""
    return promised_time(next_callback(now, hours), now, hours.zone)


def call_promise(now: datetime.datetime, hours: OpeningHours) -> str:
    """The promise as it would be made now."""
    return promise_sentence(next_callback(now, hours), now, hours.zone)


def _days(names: list[str]) -> str:
    if len(names) > 2:
        return gettext("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return gettext(" and ").join(names)


def parse_dates(text: str) -> tuple[frozenset[datetime.date], list[str]]:
    """Dates written like 2026-12-24, one a line (commas and spaces also separate them): the dates and the words
    that are not dates."""
    dates, bad = set(), []
    for word in text.replace(",", " ").split():
        try:
            dates.add(datetime.date.fromisoformat(word))
        except ValueError:
            bad.append(word)
    return frozenset(dates), bad


def describe(hours: OpeningHours) -> list[str]:
    """The week in words, one line per run of days with the same hours, then the days the clinic is closed."""
    names = [str(WEEKDAY_NAMES[i]) for i in range(7)]
    lines = []
    for period, run in groupby(enumerate(hours.week), key=lambda item: item[1]):
        if period is not None:
            days = _days([names[i] for i, _period in run])
            lines.append(
                gettext("%(days)s, %(opens)s to %(closes)s")
                % {"days": days, "opens": clock(period[0]), "closes": clock(period[1])}
            )
    closed = [names[i] for i, period in enumerate(hours.week) if period is None]
    if hours.closed_on_federal_holidays:
        closed.append(gettext("US federal holidays"))
    if closed:
        listed = ", ".join(closed[:-1]) + gettext(" and ") + closed[-1] if len(closed) > 1 else closed[0]
        lines.append(gettext("Closed on %(days)s") % {"days": listed})
    return [capfirst(line) for line in lines]
