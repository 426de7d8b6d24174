"""The benchmark's database, seen from outside the site: re-created for each data set, counted after the load."""

import os
import sys
import time

from local_production.postgresql import PostgreSQL

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinic_bench")


def database() -> PostgreSQL:
    found = PostgreSQL(DATABASE_URL)
    if not found.database.startswith("clinic_bench"):
        sys.exit(f"BENCH_DATABASE_URL must name a database called clinic_bench…, not {found.database!r}: it is dropped")
    return found


def _count(sql: str, *params) -> int:
    return database().query(sql, params)[0][0]


def requests_saved(run_id: int) -> int:
    """Consultation requests saved by one run of consultation_post.lua: their submission keys start with its id."""
    return _count(
        "SELECT count(*) FROM eligibility_consultationrequest WHERE submission_key::text LIKE %s", f"{run_id:08x}-%"
    )


def wait_for_outbox(seconds: int = 60) -> tuple[int, int]:
    """Wait for the outbox sender to deliver what the posts queued: (e-mails sent, e-mails still unsent)."""
    unsent_sql = "SELECT count(*) FROM eligibility_outgoingemail WHERE sent_at IS NULL"
    deadline = time.monotonic() + seconds
    while _count(unsent_sql) and time.monotonic() < deadline:
        time.sleep(1)
    return _count("SELECT count(*) FROM eligibility_outgoingemail WHERE sent_at IS NOT NULL"), _count(unsent_sql)
