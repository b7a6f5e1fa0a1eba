#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A misbehaving registry for the cases docker-registry never produces (tests only).

Serves /v2/r/manifests/<case> on --port, behind Basic auth (any credentials), and a second server on
--other-port that a redirect points to under another host name (localhost vs 127.0.0.1). The second
server appends "auth" or "no-auth" to --log for every request, so the test can see whether credentials
followed the redirect to another host.
"""
import argparse
import hashlib
import http.server
import sys
import threading
import time

sys.dont_write_bytecode = True  # importing the shared handler must not write into the source tree
from quiethandler import QuietHandler  # noqa: E402

MANIFEST = (b'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
            b'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'
            + b"0" * 64 + b'","size":2},"layers":[]}')
DIGEST = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--other-port", type=int, required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()

    class Base(QuietHandler):
        def manifest(self, digest=DIGEST):
            self.send(200, MANIFEST, [("Content-Type", "application/vnd.oci.image.manifest.v1+json"),
                                      ("Docker-Content-Digest", digest)])

    class Main(Base):
        def do_GET(self):
            if "Authorization" not in self.headers:
                return self.send(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
                                 [("WWW-Authenticate", 'Basic realm="fake-realm"')])
            if self.path == "/v2/":
                return self.send(200, b"{}")
            case = self.path.rsplit("/", 1)[-1]
            if case == "good":
                return self.manifest()
            if case == "redirect-same":
                return self.send(307, headers=[("Location", "/v2/r/manifests/good")])
            if case == "redirect-other":
                return self.send(307, headers=[("Location", "http://localhost:%d/v2/r/manifests/good" % args.other_port)])
            if case == "redirect-loop":
                return self.send(302, headers=[("Location", "/v2/r/manifests/redirect-loop")])
            if case == "lying":
                return self.manifest("sha256:" + "1" * 64)
            if case == "limited":
                return self.send(429, b'{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
                                 [("Retry-After", "7")])
            if case == "big":
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                self.send_header("Content-Length", str(5 * 1024 * 1024))
                self.end_headers()
                return
            if case == "stall":
                self.send_response(200)
                self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b"{")
                self.wfile.flush()
                time.sleep(6)
                return
            return self.send(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}')

    class Other(Base):
        def do_GET(self):
            with open(args.log, "a") as f:
                f.write("auth\n" if "Authorization" in self.headers else "no-auth\n")
            self.manifest()

    other = http.server.ThreadingHTTPServer(("127.0.0.1", args.other_port), Other)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Main).serve_forever()


if __name__ == "__main__":
    main()
