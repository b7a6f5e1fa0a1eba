# SPDX-License-Identifier: MIT
"""The request handler the scripted test servers share: HTTP/1.1 keep-alive, no request log, and one send()
that always sets Content-Length (and sends no body to a HEAD request)."""
import http.server


class QuietHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
