#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A read-only registry over an OCI layout, with scripted faults (tests only).

Serves the distribution API v2 for one repository (any name) from --layout on 127.0.0.1:--port: /v2/,
manifests by the tags of index.json (org.opencontainers.image.ref.name) or by digest, and blobs. Every
request is appended to --log as "METHOD PATH" (one line, flushed), so a test can count the reads.
Faults:
  --fail DIGEST      HTTP 500 for a GET of that blob (a HEAD still answers: the blob is there, its bytes do not
                     come), while --fail-flag (a file) exists, or always without --fail-flag
  --corrupt DIGEST   that blob is served with one byte in its middle flipped (same length)
Anything else is a 404 in the registry's own error format.
"""
import argparse
import json
import os
import sys
import threading

sys.dont_write_bytecode = True  # importing the shared handler must not write into the source tree
import http.server  # noqa: E402

from quiethandler import QuietHandler  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--layout", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--fail", action="append", default=[])
    ap.add_argument("--fail-flag", default="")
    ap.add_argument("--corrupt", action="append", default=[])
    args = ap.parse_args()

    with open(os.path.join(args.layout, "index.json"), "rb") as f:
        index = json.load(f)
    tags = {}
    types = {}
    for d in index.get("manifests", []):
        name = d.get("annotations", {}).get("org.opencontainers.image.ref.name")
        if name:
            tags[name] = d["digest"]
        types[d["digest"]] = d.get("mediaType", "application/vnd.oci.image.manifest.v1+json")
    lock = threading.Lock()

    def blob_path(digest):
        alg, _, hexpart = digest.partition(":")
        if not alg.isalnum() or not hexpart.isalnum():
            return None
        p = os.path.join(args.layout, "blobs", alg, hexpart)
        return p if os.path.isfile(p) else None

    class Handler(QuietHandler):
        def log_request_line(self):
            with lock, open(args.log, "a") as log:
                log.write("%s %s\n" % (self.command, self.path))

        def not_found(self, code):
            self.send(404, json.dumps({"errors": [{"code": code, "message": "unknown"}]}).encode(),
                      [("Content-Type", "application/json")])

        def handle_any(self):
            self.log_request_line()
            if self.path == "/v2/":
                return self.send(200, b"{}", [("Content-Type", "application/json")])
            parts = self.path.split("/")
            # /v2/<name...>/manifests/<ref> or /v2/<name...>/blobs/<digest>
            if len(parts) < 5 or parts[1] != "v2":
                return self.not_found("NAME_UNKNOWN")
            kind, ref = parts[-2], parts[-1]
            if kind == "manifests":
                digest = tags.get(ref, ref)
                p = blob_path(digest)
                if not p:
                    return self.not_found("MANIFEST_UNKNOWN")
                with open(p, "rb") as f:
                    body = f.read()
                return self.send(200, body, [("Content-Type", types.get(digest, "application/vnd.oci.image.manifest.v1+json")),
                                             ("Docker-Content-Digest", digest)])
            if kind == "blobs":
                if self.command == "GET" and ref in args.fail and (not args.fail_flag or os.path.exists(args.fail_flag)):
                    return self.send(500, b'{"errors":[{"code":"UNKNOWN","message":"scripted failure"}]}',
                                     [("Content-Type", "application/json")])
                p = blob_path(ref)
                if not p:
                    return self.not_found("BLOB_UNKNOWN")
                with open(p, "rb") as f:
                    body = bytearray(f.read())
                if ref in args.corrupt and body:
                    body[len(body) // 2] ^= 1
                return self.send(200, bytes(body), [("Content-Type", "application/octet-stream"),
                                                    ("Docker-Content-Digest", ref)])
            return self.not_found("UNSUPPORTED")

        do_GET = handle_any
        do_HEAD = handle_any

    http.server.ThreadingHTTPServer.daemon_threads = True
    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
