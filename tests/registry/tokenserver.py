#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A minimal token issuer for distribution's `auth: token` (docs/spec/auth/token.md), for tests only.

GET /token?service=S&scope=repository:NAME:ACTIONS[&scope=...] with optional Basic credentials.
Known users get every action they ask for; anonymous callers get only "pull" when --anonymous-pull is
given, otherwise 401. Tokens are RS256 JWTs signed with `openssl dgst` using a key made at test time;
the header carries the certificate (x5c), which the registry checks against its rootcertbundle.
Every issued token is appended to --log as one line "user scope" (never the token itself).
"""
import argparse
import base64
import http.server
import json
import subprocess
import threading
import time
import urllib.parse
import uuid


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--issuer", required=True)
    ap.add_argument("--service", required=True)
    ap.add_argument("--user", action="append", default=[], help="NAME:PASSWORD")
    ap.add_argument("--expires", type=int, default=300)
    ap.add_argument("--anonymous-pull", action="store_true")
    ap.add_argument("--log", required=True)
    args = ap.parse_args()

    users = dict(u.split(":", 1) for u in args.user)
    pem = open(args.cert).read()
    der_b64 = "".join(l for l in pem.splitlines() if l and not l.startswith("-----"))
    lock = threading.Lock()

    def sign(claims):
        header = {"typ": "JWT", "alg": "RS256", "x5c": [der_b64]}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", args.key], input=signing_input.encode(),
                             capture_output=True, check=True).stdout
        return signing_input + "." + b64url(sig)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def deny(self):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="strata-token-issuer"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            if url.path != "/token":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            q = urllib.parse.parse_qs(url.query)
            user = None
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                try:
                    name, pw = base64.b64decode(auth[6:]).decode().split(":", 1)
                except Exception:
                    return self.deny()
                if users.get(name) != pw:
                    return self.deny()
                user = name
            elif not args.anonymous_pull:
                return self.deny()
            access = []
            for scope in q.get("scope", []):
                parts = scope.split(":")
                if len(parts) < 3:
                    continue
                typ, name, actions = parts[0], ":".join(parts[1:-1]), parts[-1].split(",")
                if user is None:
                    actions = [a for a in actions if a == "pull"]
                access.append({"type": typ, "name": name, "actions": actions})
            now = int(time.time())
            claims = {"iss": args.issuer, "sub": user or "", "aud": args.service, "exp": now + args.expires,
                      "nbf": now - 10, "iat": now, "jti": str(uuid.uuid4()), "access": access}
            body = json.dumps({"token": sign(claims), "expires_in": args.expires,
                               "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}).encode()
            with lock, open(args.log, "a") as f:
                f.write("%s %s\n" % (user or "-", " ".join(q.get("scope", []))))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
