"""Steady load for `make faults`, through nginx: people sending the consultation form, and readers of public pages.

Each person opens the form (a CSRF cookie and token, and the form's own submission key), fills it in and sends
it. When the answer is not the redirect to /consultation/received/, they wait and send the same form again, as a
person pressing the button again would, until it is accepted. Every answer is recorded with its time.
"""

import http.client
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

FORM = "/consultation/"
RECEIVED = "/consultation/received/"
RETRY_PAUSE = 0.5
CLIENT_TIMEOUT = 15.0
DRAIN_SECONDS = 30.0  # after the load stops, how long a person keeps resending before giving up
GAVE_UP = "gave up"  # the client's own timeout, on purpose (fault 5): not an error from the site
PROXY_PAGE = "Our website is restarting."  # in nginx's own page (deploy/nginx/errors/unavailable.html), not the app's

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_KEY = re.compile(r'name="submission_key" value="([^"]+)"')


@dataclass
class Answer:
    at: float
    kind: str  # read, form or post
    status: int | str  # the HTTP status, or what went wrong on the connection
    crisis_line: bool = True  # for error pages: did it show 988
    cache: str = ""  # nginx's X-Cache-Status: HIT, STALE (kept while the app could not answer), MISS ...
    proxy_page: bool = False  # nginx's own unavailable page

    @property
    def ok(self) -> bool:
        return isinstance(self.status, int) and self.status < 400


@dataclass
class Submission:
    key: str
    posts: int = 0
    accepted_at: float | None = None


@dataclass
class Record:
    answers: list[Answer] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    started: float = 0.0
    stopped: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, answer: Answer) -> None:
        with self._lock:
            self.answers.append(answer)

    def new_submission(self, key: str) -> Submission:
        submission = Submission(key)
        with self._lock:
            self.submissions.append(submission)
        return submission

    def errors(self) -> Counter:
        return Counter(str(a.status) for a in self.answers if not a.ok and a.status != GAVE_UP)


class Browser:
    """One person's browser: its own cookies, one connection per request."""

    def __init__(self, port: int, record: Record):
        self.port, self.record, self.cookies = port, record, {}

    def request(self, kind: str, method: str, path: str, body: dict | None = None, *, give_up_after: float = 0):
        """The answer's status and body; with give_up_after, the request is sent and the connection dropped."""
        headers = {"Host": f"127.0.0.1:{self.port}", "Origin": f"http://127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        encoded = None
        if body is not None:
            encoded = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CLIENT_TIMEOUT)
        try:
            conn.request(method, path, body=encoded, headers=headers)
            if give_up_after:
                time.sleep(give_up_after)
                self.record.add(Answer(time.time(), kind, GAVE_UP))
                return GAVE_UP, "", ""
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        except TimeoutError:
            return self._failed(kind, "timeout")
        except OSError as error:
            return self._failed(kind, type(error).__name__)
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        status, cache = response.status, response.getheader("X-Cache-Status", "")
        crisis_line = status < 500 or 'href="tel:988"' in text
        self.record.add(Answer(time.time(), kind, status, crisis_line, cache, status >= 500 and PROXY_PAGE in text))
        return status, response.getheader("Location", ""), text

    def _failed(self, kind: str, what: str):
        self.record.add(Answer(time.time(), kind, what))
        return what, "", ""


def consultation(n: int, form_html: str) -> dict:
    return {
        "csrfmiddlewaretoken": _TOKEN.search(form_html).group(1),
        "submission_key": _KEY.search(form_html).group(1),
        "name": f"Faults Person {n}",
        "email": f"person{n}@example.org",
        "phone": "(207) 555-0123",
        "preferred_contact": "phone",
        "preferred_time": "any",
        "state": "Maine",
        "is_adult": "on",
        "consent_contact": "on",
        "privacy_ack": "on",
        "message": "",
    }


class Load:
    """Submitters and readers in threads, each paced to a steady rate, until stopped."""

    def __init__(self, port: int, read_paths: list[str], *, submitters: int, readers: int, per_second: tuple):
        self.port, self.read_paths = port, read_paths
        self.submitters, self.readers = submitters, readers
        self.submissions_per_second, self.reads_per_second = per_second
        self.numbers = iter(range(1, 10**9))
        self.retry_after_timeout = False
        self.record = Record()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, *, retry_after_timeout: bool = False) -> Record:
        self.record, self.retry_after_timeout = Record(started=time.time()), retry_after_timeout
        self._stop.clear()
        interval_submit = self.submitters / self.submissions_per_second
        interval_read = self.readers / self.reads_per_second
        work = [(self._submit, interval_submit)] * self.submitters + [(self._read, interval_read)] * self.readers
        self._threads = [threading.Thread(target=self._paced, args=pair) for pair in work]
        for thread in self._threads:
            thread.start()
        return self.record

    def stop(self) -> Record:
        """No new submission is started; those under way go on until accepted (their retries included)."""
        self.record.stopped = time.time()
        self._stop.set()
        for thread in self._threads:
            thread.join()
        return self.record

    def _paced(self, action, interval: float) -> None:
        browser = Browser(self.port, self.record)
        next_at = time.monotonic() + random.uniform(0, interval)
        while not self._stop.is_set():
            time.sleep(max(0.0, next_at - time.monotonic()))
            if self._stop.is_set():
                return
            action(browser)
            next_at = max(next_at + interval, time.monotonic() - interval)

    def _read(self, browser: Browser) -> None:
        browser.request("read", "GET", random.choice(self.read_paths))

    def _submit(self, browser: Browser) -> None:
        status, _, html = browser.request("form", "GET", FORM)
        if status != 200:
            return  # the person could not open the form: nothing was sent
        data = consultation(next(self.numbers), html)
        submission = self.record.new_submission(data["submission_key"])
        if self.retry_after_timeout:
            # The first send is given up on before any answer, at a random moment: sometimes before the server
            # saved it, sometimes after. Then two sends at once, as a double click on a slow connection.
            submission.posts += 1
            browser.request("post", "POST", FORM, data, give_up_after=random.uniform(0.001, 0.08))
            self._send_twice_at_once(browser, data, submission)
        while submission.accepted_at is None:
            if self._stop.is_set() and time.time() > self.record.stopped + DRAIN_SECONDS:
                return  # counted as abandoned
            submission.posts += 1
            status, location, _ = browser.request("post", "POST", FORM, data)
            if status == 302 and location == RECEIVED:
                submission.accepted_at = time.time()
            else:
                time.sleep(RETRY_PAUSE)

    def _send_twice_at_once(self, browser: Browser, data: dict, submission: Submission) -> None:
        def send():
            status, location, _ = browser.request("post", "POST", FORM, data)
            if status == 302 and location == RECEIVED:
                submission.accepted_at = submission.accepted_at or time.time()

        twins = [threading.Thread(target=send) for _ in range(2)]
        submission.posts += 2
        for thread in twins:
            thread.start()
        for thread in twins:
            thread.join()
