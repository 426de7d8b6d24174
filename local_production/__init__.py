"""The production configuration run on this machine, for `make bench` and `make faults`: processes, PostgreSQL,
and the site's environment, gunicorn and outbox sender. Never imported by the site itself."""
