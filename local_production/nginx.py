"""nginx with the shipped configuration (deploy/nginx) in a temporary prefix, in front of app servers on loopback:
what `make faults` and `make bench` put in front of the site. Only the app servers' ports and the folder of the
page cache differ from production; everything else is read from the shipped files as they are."""

import getpass
import os
import re
import shutil
from pathlib import Path

from local_production.processes import ROOT, Process, answers, command, run, wait_until

NGINX_DIR = ROOT / "deploy" / "nginx"
_APP_SERVER = re.compile(r"^(?P<indent>\s*)server 127\.0\.0\.1:\d+ (?P<options>[^;]*);\n", re.MULTILINE)
_CACHE_PATH = re.compile(r"^proxy_cache_path \S+", re.MULTILINE)


def ensure_nginx() -> str:
    """Debian's nginx, installed with apt when missing (needs root)."""
    if shutil.which("nginx") is None:
        print("Installing nginx with apt-get ...", flush=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([command("apt-get"), "install", "-y", "-q", "nginx"], env=apt_env)
    return command("nginx")


def http_config(app_ports: list[int], cache_dir: Path) -> str:
    """clinic-http.conf with one line per app server on these ports, and the page cache kept in `cache_dir`."""
    shipped = (NGINX_DIR / "clinic-http.conf").read_text()
    servers = list(_APP_SERVER.finditer(shipped))
    first = servers[0]
    ours = "".join(f"{first['indent']}server 127.0.0.1:{port} {first['options']};\n" for port in app_ports)
    text = shipped[: first.start()] + ours + shipped[servers[-1].end() :]
    return _CACHE_PATH.sub(f"proxy_cache_path {cache_dir}", text, count=1)


class Nginx:
    """The site's server block on 127.0.0.1:`port`; `extra` is added inside it (a location of the caller's)."""

    def __init__(self, prefix: Path, *, port: int, app_ports: list[int], env: dict, extra: str = ""):
        self.prefix, self.port, self.app_ports, self.extra = prefix, port, app_ports, extra
        self.process = Process("nginx", [], env=env, log_dir=prefix.parent)

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    def _write_config(self) -> Path:
        prefix = self.prefix
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        (prefix / "clinic-http.conf").write_text(http_config(self.app_ports, prefix / "cache"))
        config = prefix / "nginx.conf"
        config.write_text(
            f"""
user {getpass.getuser()};
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/clinic-http.conf;
    server {{
        listen 127.0.0.1:{self.port};
        access_log {prefix}/logs/access.log clinic;
        set $clinic_error_pages {NGINX_DIR}/errors;
        {self.extra}
        include {NGINX_DIR}/clinic-proxy.conf;
    }}
}}
"""
        )
        return config

    def start(self) -> None:
        nginx, config = ensure_nginx(), self._write_config()
        args = [nginx, "-p", str(self.prefix), "-c", str(config), "-e", str(self.prefix / "logs" / "error.log")]
        run([*args, "-t", "-q"])
        self.process.args = [*args, "-g", "daemon off;"]
        self.process.start()
        wait_until(lambda: answers(self.port), seconds=20, what="nginx")

    def stop(self) -> None:
        self.process.stop()
