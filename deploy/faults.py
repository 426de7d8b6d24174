"""`make faults`: the site behind nginx on PostgreSQL under a steady load, through six faults, counted.

For each fault: the submissions that got the success redirect against the rows in the database (they must be
equal), the error answers by status, and how long after the fault the site answered without errors again.
Needs root on this machine (PostgreSQL is stopped and started as a service; nginx is installed with apt if
missing). FAULTS_DATABASE_URL overrides the database (it is dropped and created again).
"""

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deploy.fault_load import GAVE_UP, Load, Record
from deploy.fault_stack import Stack
from local_production.processes import answers

DATABASE_URL = os.environ.get("FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_faults")
PHASE_SECONDS = 20.0
FAULT_AT = 4.0  # seconds into each phase
RETRY_WINDOW = 10.0  # nginx's fail_timeout in deploy/nginx/clinic-http.conf
RECOVERY_LIMIT = 5.0  # after PostgreSQL is back, the app answers again within this
POSTGRESQL_DOWN_SECONDS = 3.0
OTHERS_GRACE_SECONDS = 30.0  # how long other databases' sessions get to end before PostgreSQL is stopped
REDIS_DOWN_SECONDS = 8.0
APP_SERVERS_DOWN_SECONDS = 8.0
PAGES_POSTGRESQL_DOWN_SECONDS = 8.0
MAIL_DRAIN_SECONDS = 15.0  # after the mail server is back: time for the outbox sender to finish an e-mail it holds
LOAD = {"submitters": 8, "readers": 4, "per_second": (20, 40)}


@dataclass
class Result:
    fault: str
    record: Record
    fault_at: float
    stored: int = 0
    recovery: str = ""
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for s in self.record.submissions if s.accepted_at)

    def recovered_after(self, since: float) -> float | None:
        """Seconds from `since` to the first success after the last error, among the kinds of request that failed
        (cached article pages may be served throughout while form posts fail); None when there was no error."""
        failed = [a for a in self.record.answers if not a.ok and a.status != GAVE_UP and a.at >= self.fault_at]
        if not failed:
            return None
        last_error, kinds = max(a.at for a in failed), {a.kind for a in failed}
        after = [a.at for a in self.record.answers if a.ok and a.kind in kinds and a.at > last_error]
        return min(after) - since if after else float("inf")


def public_pages(stack: Stack) -> list[str]:
    """What readers come for: every published article, every topic with one, the FAQ, the glossary, the crisis page."""
    articles = stack.postgresql.query("SELECT slug FROM education_article WHERE status = 'published'")
    topics = stack.postgresql.query(
        """SELECT DISTINCT t.slug FROM education_topic t JOIN education_article a ON a.topic_id = t.id
           WHERE a.status = 'published'"""
    )
    pages = [f"/learn/{slug}/" for (slug,) in articles] + [f"/learn/topics/{slug}/" for (slug,) in topics]
    return [*pages, "/faq/", "/glossary/", "/crisis/"]


def submission_keys(record: Record) -> list[str]:
    return [s.key for s in record.submissions]


def stored_requests(stack: Stack, keys: list[str]) -> int:
    sql = "SELECT count(*) FROM eligibility_consultationrequest WHERE submission_key = ANY(%s::uuid[])"
    return stack.postgresql.query(sql, [keys])[0][0]


def emails_for(stack: Stack, keys: list[str]) -> tuple[int, int, set[str]]:
    """E-mails queued for these requests: how many, how many unsent, and the errors staff see on the unsent ones
    (an e-mail queued just before the load stopped may be unsent and not tried yet: no error)."""
    sql = """SELECT count(*), count(*) FILTER (WHERE e.sent_at IS NULL),
                    coalesce(array_agg(DISTINCT e.last_error) FILTER (WHERE e.sent_at IS NULL AND e.last_error <> ''),
                             '{}')
             FROM eligibility_outgoingemail e JOIN eligibility_consultationrequest r ON e.request_id = r.id
             WHERE r.submission_key = ANY(%s::uuid[])"""
    total, unsent, errors = stack.postgresql.query(sql, [keys])[0]
    return total, unsent, set(errors)


def unsent_in_outbox(stack: Stack) -> int:
    return stack.postgresql.query("SELECT count(*) FROM eligibility_outgoingemail WHERE sent_at IS NULL")[0][0]


def under_load(load: Load, fault, **load_options) -> tuple[Record, float]:
    """Start the load, run the fault FAULT_AT seconds in, keep the load on for PHASE_SECONDS, then let it drain."""
    record = load.start(**load_options)
    time.sleep(FAULT_AT)
    fault_at = time.time()
    fault()
    time.sleep(max(0.0, record.started + PHASE_SECONDS - time.time()))
    return load.stop(), fault_at


def check_common(stack: Stack, result: Result) -> Result:
    record = result.record
    result.stored = stored_requests(stack, submission_keys(record))
    abandoned = len(record.submissions) - result.accepted
    if result.stored != result.accepted:
        result.problems.append(f"{result.accepted} accepted but {result.stored} stored")
    if abandoned:
        result.problems.append(f"{abandoned} submissions never accepted")
    if "500" in record.errors():
        result.problems.append("500 answers")
    if any(not a.crisis_line for a in record.answers):
        result.problems.append("an error page without the crisis line")
    if not stack.mail_sender.is_running():
        result.problems.append(f"the outbox sender stopped (log: {stack.mail_sender.log})")
        stack.start_mail_sender()
    return result


def proxy_log_since(stack: Stack, lines_before: int) -> list[str]:
    return stack.access_log()[lines_before:]


def kill_an_app_server(stack: Stack, load: Load) -> Result:
    lines_before = len(stack.access_log())
    record, fault_at = under_load(load, lambda: stack.kill_app_server(0))
    result = check_common(stack, Result("1. app server killed (SIGKILL)", record, fault_at))
    late_read_errors = [a for a in record.answers if a.kind == "read" and not a.ok and a.at > fault_at + RETRY_WINDOW]
    if late_read_errors:
        result.problems.append(f"{len(late_read_errors)} reader errors after the {RETRY_WINDOW:.0f} s retry window")
    recovered = result.recovered_after(fault_at)
    result.recovery = "no errors" if recovered is None else f"{recovered:.1f} s"
    read_errors = sum(1 for a in record.answers if a.kind == "read" and not a.ok)
    passed_on = sum(1 for line in proxy_log_since(stack, lines_before) if ", 127.0.0.1:" in line)
    cut_off = sum(1 for a in record.answers if a.kind == "post" and not a.ok)
    result.notes.append(
        f"reader errors: {read_errors}; requests nginx passed on to the other app server: {passed_on}; "
        f"form posts cut off by the kill and sent again: {cut_off}"
    )
    stack.start_app_server(0)
    return result


def restart_postgresql(stack: Stack, load: Load) -> Result:
    back = {}

    def fault():
        stack.postgresql.stop()
        time.sleep(POSTGRESQL_DOWN_SECONDS)
        back["at"] = stack.postgresql.start()

    stack.postgresql.wait_for_others_to_leave(OTHERS_GRACE_SECONDS)
    record, fault_at = under_load(load, fault)
    result = check_common(stack, Result("2. PostgreSQL stopped 3 s, started", record, fault_at))
    recovered = result.recovered_after(back["at"])
    if recovered is None:
        result.recovery = "no errors"
    else:
        from_fault = result.recovered_after(fault_at)
        result.recovery = f"{from_fault:.1f} s ({max(recovered, 0.0):.1f} s after DB up)"
        if recovered > RECOVERY_LIMIT:
            result.problems.append(f"recovered {recovered:.1f} s after PostgreSQL was back (limit {RECOVERY_LIMIT} s)")
    unexpected = set(record.errors()) - {"503"}
    if unexpected:
        result.problems.append(f"errors other than the 503 page: {sorted(unexpected)}")
    down = back["at"] - fault_at
    pages = [a for a in record.answers if isinstance(a.status, int) and a.status >= 500]
    result.notes.append(
        f"PostgreSQL refused connections for {down:.1f} s (stop, wait {POSTGRESQL_DOWN_SECONDS:.0f} s, start); "
        f"error pages showing the crisis line: {sum(a.crisis_line for a in pages)} of {len(pages)}"
    )
    return result


def stop_redis(stack: Stack, load: Load) -> Result:
    def fault():
        stack.stop_redis()
        time.sleep(REDIS_DOWN_SECONDS)
        stack.start_redis()

    logged_before = stack.app_logs().count("Redis cache unavailable")
    record, fault_at = under_load(load, fault)
    result = check_common(stack, Result(f"3. Redis stopped {REDIS_DOWN_SECONDS:.0f} s", record, fault_at))
    if record.errors():
        result.problems.append("errors while Redis was down")
    recovered = result.recovered_after(fault_at)
    result.recovery = "no errors" if recovered is None else f"{recovered:.1f} s"
    logs = stack.app_logs()
    warnings, back = logs.count("Redis cache unavailable") - logged_before, "Redis cache available again" in logs
    if not warnings or not back:
        result.problems.append("the outage and the return of Redis were not both logged")
    result.notes.append(f"Redis outage logged {warnings} times by the app servers; its return logged: {back}")
    return result


def mail_server_unreachable(stack: Stack, load: Load) -> Result:
    record, fault_at = under_load(load, stack.mail.stop)
    result = check_common(stack, Result("4. mail server unreachable", record, fault_at))
    if record.errors():
        result.problems.append("errors while the mail server was down")
    recovered = result.recovered_after(fault_at)
    result.recovery = "no errors" if recovered is None else f"{recovered:.1f} s"
    total, unsent, errors = emails_for(stack, submission_keys(record))
    result.notes.append(f"e-mails queued: {total}; unsent after the outage, shown to staff: {unsent} ({errors})")
    # The load has stopped, so nothing new is queued, and the mail server is down, so nothing arrives: every e-mail
    # unsent now must arrive once it is back, exactly once, whether the outbox sender (running all along; it sends
    # new e-mails at once and failed ones after a minute) or the command sends it.
    waiting = unsent_in_outbox(stack)
    received_before = stack.mail.received
    stack.mail.start()
    print("  " + stack.manage("send_pending_emails").strip(), flush=True)
    deadline = time.monotonic() + MAIL_DRAIN_SECONDS
    while unsent_in_outbox(stack) and time.monotonic() < deadline:  # one the sender held may still be on its way
        time.sleep(0.5)
    delivered, left = stack.mail.received - received_before, unsent_in_outbox(stack)
    result.notes.append(
        f"mail server back, the outbox sender and `manage.py send_pending_emails`: {delivered} delivered "
        f"of {waiting} waiting, {left} still unsent"
    )
    if unsent == 0:
        result.problems.append("no e-mail was kept unsent during the outage")
    if left:
        result.problems.append("unsent e-mails were not all sent once the mail server was back")
    if delivered != waiting:
        result.problems.append(f"{delivered} e-mails delivered for {waiting} waiting (each must arrive once)")
    return result


def retry_after_timeout(stack: Stack, load: Load) -> Result:
    lines_before = len(stack.access_log())
    record, fault_at = under_load(load, lambda: None, retry_after_timeout=True)
    result = check_common(stack, Result("5. client retries after a timeout", record, fault_at))
    if record.errors():
        result.problems.append("errors on resent forms")
    posts = sum(s.posts for s in record.submissions)
    result.recovery = "no errors" if not record.errors() else "-"
    closed_early = sum(1 for line in proxy_log_since(stack, lines_before) if '"POST /consultation/" 499 ' in line)
    result.notes.append(
        f"POSTs sent: {posts} for {len(record.submissions)} submissions (each: one given up on before its answer, "
        f"nginx logged {closed_early} as closed by the client, then the same form twice at once); rows: {result.stored}"
    )
    return result


def readers_through_an_outage(stack: Stack, load: Load, name: str, outage, form_page: tuple[int, bool]) -> Result:
    """Every public page read once, then the outage under load: readers must get each page, the last copy nginx
    kept (marked STALE once older than its max-age), and people sending the form `form_page`: (its status, whether
    it is nginx's own page rather than the app's), each with the crisis line (check_common).
    `outage()` breaks something, mends it and returns when it was mended."""
    for page in load.read_paths:
        if not answers(stack.nginx_port, page):
            raise RuntimeError(f"{page} did not answer 200 before the fault")
    back = {}

    def fault():
        back["at"] = outage()

    record, fault_at = under_load(load, fault)
    result = check_common(stack, Result(name, record, fault_at))
    reads = [a for a in record.answers if a.kind == "read"]
    read_errors = sum(1 for a in reads if not a.ok)
    stale = sum(1 for a in reads if a.cache == "STALE")
    forms = [a for a in record.answers if a.kind != "read" and not a.ok and a.status != GAVE_UP]
    wrong_page = [a for a in forms if (a.status, a.proxy_page) != form_page]
    if read_errors:
        result.problems.append(f"{read_errors} reader errors")
    if not stale:
        result.problems.append("no page was served stale")
    if wrong_page:
        result.problems.append(
            f"{len(wrong_page)} form answers other than {form_page}: {Counter(a.status for a in wrong_page)}"
        )
    recovered = result.recovered_after(back["at"])
    result.recovery = "no errors" if recovered is None else f"{max(recovered, 0.0):.1f} s after the fault ended"
    result.notes.append(
        f"reads: {len(reads)}, of {len(load.read_paths)} pages (articles, topics, FAQ, glossary, crisis) all read "
        f"before the fault; reader errors: {read_errors}; served stale by nginx: {stale}; form answers while down: "
        f"{len(forms)}, each {'nginx' if form_page[1] else 'the app'}'s {form_page[0]} page with the crisis line"
    )
    return result


def app_servers_stopped(stack: Stack, load: Load) -> Result:
    def outage() -> float:
        for server in stack.app_servers:
            server.stop()
        time.sleep(APP_SERVERS_DOWN_SECONDS)
        for index in range(len(stack.app_servers)):
            stack.start_app_server(index)
        return time.time()

    name = f"6a. every app server stopped {APP_SERVERS_DOWN_SECONDS:.0f} s"
    return readers_through_an_outage(stack, load, name, outage, (502, True))


def postgresql_stopped_pages(stack: Stack, load: Load) -> Result:
    def outage() -> float:
        stack.postgresql.stop()
        time.sleep(PAGES_POSTGRESQL_DOWN_SECONDS)
        return stack.postgresql.start()

    stack.postgresql.wait_for_others_to_leave(OTHERS_GRACE_SECONDS)
    name = f"6b. PostgreSQL stopped {PAGES_POSTGRESQL_DOWN_SECONDS:.0f} s"
    return readers_through_an_outage(stack, load, name, outage, (503, False))


FAULTS = [
    kill_an_app_server,
    restart_postgresql,
    stop_redis,
    mail_server_unreachable,
    retry_after_timeout,
    app_servers_stopped,
    postgresql_stopped_pages,
]


def print_table(results: list[Result]) -> None:
    rows = [["Fault", "Load (req/s)", "Duration", "Accepted", "Stored", "Errors (status: count)", "Recovery", "Result"]]
    for r in results:
        seconds = r.record.stopped - r.record.started
        submissions = len(r.record.submissions) / seconds
        reads = sum(1 for a in r.record.answers if a.kind == "read" and a.at <= r.record.stopped) / seconds
        errors = ", ".join(f"{status}: {n}" for status, n in sorted(r.record.errors().items())) or "none"
        rows.append(
            [
                r.fault,
                f"{submissions:.1f} forms + {reads:.0f} reads",
                f"{seconds:.0f} s, fault at {r.fault_at - r.record.started:.0f} s",
                str(r.accepted),
                str(r.stored),
                errors,
                r.recovery,
                "pass" if not r.problems else "FAIL: " + "; ".join(r.problems),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    print()
    for r in results:
        for note in r.notes:
            print(f"{r.fault[:2]} {note}")


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="clinic-faults-"))
    stack = Stack(workdir, DATABASE_URL, workers_per_server=2)
    results = []
    try:
        print(f"Setting up {DATABASE_URL} (migrate, articles, static files) ...", flush=True)
        stack.prepare()
        stack.start()
        print(f"nginx on 127.0.0.1:{stack.nginx_port} -> app servers on {stack.app_ports}; logs in {workdir}")
        load = Load(stack.nginx_port, public_pages(stack), **LOAD)
        for fault in FAULTS:
            print(f"Fault: {fault.__name__.replace('_', ' ')} ...", flush=True)
            results.append(fault(stack, load))
    finally:
        stack.stop()
    print()
    print_table(results)
    failed = any(r.problems for r in results)
    if failed:
        print(f"\nFAILED. Logs: {workdir}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
