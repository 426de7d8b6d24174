"""A mail server for `make faults` that accepts every message and counts it; stopped, its port refuses connections."""

import socketserver
import threading


class _Session(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self):
        self.wfile.write(b"220 faults mail sink\r\n")
        in_message = False
        for line in self.rfile:
            if in_message:
                if line == b".\r\n":
                    in_message = False
                    self.server.count_message()
                    self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_message = True
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port, sink):
        super().__init__(("127.0.0.1", port), _Session)
        self.sink = sink

    def count_message(self):
        self.sink.count_message()


class MailSink:
    def __init__(self, port: int):
        self.port = port
        self.received = 0
        self._lock = threading.Lock()
        self._server: _Server | None = None

    def count_message(self) -> None:
        with self._lock:
            self.received += 1

    def start(self) -> None:
        self._server = _Server(self.port, self)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
