#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A registry with the referrers API (distribution-spec v1.1), for the cases docker-registry 2.8 cannot serve.

Serves one real image (an OCI layout made by the fixtures, --layout DIR --ref TAG) under every repository
name, by tag and by digest, with its blobs, plus /v2/<repo>/referrers/<digest>, whose answer depends on the
repository (the case):

  paged      two artifacts on page 1 and one on page 2 (Link: <...>; rel="next", relative), an SBOM and two
             Sigstore bundles; honours ?artifactType= and says so (OCI-Filters-Applied)
  nofilter   the same pages, ignores ?artifactType= (the client must filter)
  absolute   the same pages, the next link absolute (http://127.0.0.1:PORT/...)
  many       1,500 artifacts on three pages of 500 (the client keeps 1,000)
  bad        one good artifact and entries with a bad digest (upper-case hex, a path) and no size
  loop       the image itself and two artifacts that name each other as subject
  elsewhere  page 1 links to another host
  fail       HTTP 500
  (other)    HTTP 404 (no referrers API): the referrers tag sha256-<hex> then holds an index of one bundle
             for the repository "tagged"; no such tag elsewhere

Every request line is appended to --log (method path), so the test can see what was asked.
"""
import argparse
import hashlib
import http.server
import json
import os
import sys
import threading
import urllib.parse

sys.dont_write_bytecode = True  # importing the shared handler must not write into the source tree
from quiethandler import QuietHandler  # noqa: E402

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
EMPTY = b"{}"
EMPTY_TYPE = "application/vnd.oci.empty.v1+json"
BUNDLE_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
SBOM_TYPE = "application/spdx+json"


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def compact(o):
    return json.dumps(o, separators=(",", ":"), sort_keys=True).encode()


class Store:
    def __init__(self, layout, ref, bundle):
        self.layout = layout
        self.blobs = {}       # digest -> bytes (artifacts' layers and config)
        self.manifests = {}   # digest -> (media type, bytes)
        with open(os.path.join(layout, "index.json")) as f:
            index = json.load(f)
        desc = next(d for d in index["manifests"]
                    if d.get("annotations", {}).get("org.opencontainers.image.ref.name") == ref)
        self.root_digest = desc["digest"]
        self.root = self.read_blob(self.root_digest)
        self.root_type = desc.get("mediaType", OCI_MANIFEST)
        self.manifests[self.root_digest] = (self.root_type, self.root)
        self.subject = {"mediaType": self.root_type, "digest": self.root_digest, "size": len(self.root)}
        self.blobs[sha(EMPTY)] = EMPTY
        self.bundle = bundle

    def read_blob(self, digest):
        alg, hexpart = digest.split(":", 1)
        path = os.path.join(self.layout, "blobs", alg, hexpart)
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def artifact(self, content, artifact_type, subject=None, name=""):
        """An OCI 1.1 artifact manifest over one layer; returns its descriptor (as a referrers entry)."""
        self.blobs[sha(content)] = content
        annotations = {"org.opencontainers.image.created": "2026-01-02T03:04:05Z"}
        if name:
            annotations["org.opencontainers.image.title"] = name
        m = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": artifact_type,
             "config": {"mediaType": EMPTY_TYPE, "digest": sha(EMPTY), "size": len(EMPTY)},
             "layers": [{"mediaType": artifact_type, "digest": sha(content), "size": len(content)}],
             "subject": subject or self.subject, "annotations": annotations}
        body = compact(m)
        self.manifests[sha(body)] = (OCI_MANIFEST, body)
        return {"mediaType": OCI_MANIFEST, "digest": sha(body), "size": len(body), "artifactType": artifact_type,
                "annotations": annotations}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--layout", required=True)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    with open(args.bundle, "rb") as f:
        bundle = f.read()
    store = Store(args.layout, args.ref, bundle)

    sbom = compact({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "strata-test",
                    "dataLicense": "CC0-1.0", "packages": [{"SPDXID": "SPDXRef-p", "name": "busybox",
                                                            "versionInfo": "1.36.1"}]})
    paged = [store.artifact(sbom, SBOM_TYPE, name="sbom.spdx.json"),
             store.artifact(bundle, BUNDLE_TYPE, name="bundle-1"),
             store.artifact(bundle + b"\n", BUNDLE_TYPE, name="bundle-2")]
    many = [store.artifact(compact({"n": i}), "application/vnd.strata.test+json") for i in range(1500)]
    good = store.artifact(bundle, BUNDLE_TYPE, name="good")
    bad = [good,
           {"mediaType": OCI_MANIFEST, "digest": "sha256:" + "AB" * 32, "size": 10},
           {"mediaType": OCI_MANIFEST, "digest": "sha256:../../../../etc/passwd", "size": 10},
           {"mediaType": OCI_MANIFEST, "digest": sha(b"x")}]
    # Two artifacts naming each other as subject: the first's subject is a placeholder made once, then the
    # second names the first, and the first is made again naming the second.
    first = store.artifact(b"loop-a", "application/vnd.strata.loop")
    second = store.artifact(b"loop-b", "application/vnd.strata.loop",
                            subject={"mediaType": OCI_MANIFEST, "digest": first["digest"], "size": first["size"]})
    first = store.artifact(b"loop-a", "application/vnd.strata.loop",
                           subject={"mediaType": OCI_MANIFEST, "digest": second["digest"], "size": second["size"]})
    loop = [dict(store.subject), first, second]
    tagged_index = compact({"schemaVersion": 2, "mediaType": OCI_INDEX,
                            "manifests": [store.artifact(bundle, BUNDLE_TYPE, name="by-tag")]})
    referrers_tag = "sha256-" + store.root_digest.split(":", 1)[1]
    lock = threading.Lock()

    class Handler(QuietHandler):
        def error(self, code, err):
            self.send(code, compact({"errors": [{"code": err, "message": err.lower()}]}),
                      [("Content-Type", "application/json")])

        def index(self, entries, link=None, applied=False):
            headers = [("Content-Type", OCI_INDEX)]
            if link:
                headers.append(("Link", '<%s>; rel="next"' % link))
            if applied:
                headers.append(("OCI-Filters-Applied", "artifactType"))
            self.send(200, compact({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries}), headers)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            with lock, open(args.log, "a") as f:
                f.write("%s %s\n" % (self.command, self.path))
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path == "/v2/":
                return self.send(200, b"{}", [("Content-Type", "application/json")])
            parts = url.path.split("/")
            if len(parts) < 5 or parts[1] != "v2":
                return self.error(404, "NOT_FOUND")
            repo, what, ref = parts[2], parts[3], parts[4]
            if what == "manifests":
                if ref == referrers_tag and repo == "tagged":
                    return self.send(200, tagged_index, [("Content-Type", OCI_INDEX),
                                                         ("Docker-Content-Digest", sha(tagged_index))])
                digest = store.root_digest if ref == args.ref else ref
                if digest in store.manifests:
                    mt, body = store.manifests[digest]
                    return self.send(200, body, [("Content-Type", mt), ("Docker-Content-Digest", digest)])
                return self.error(404, "MANIFEST_UNKNOWN")
            if what == "blobs":
                body = store.blobs.get(ref) or store.read_blob(ref) if ":" in ref else None
                if body is None:
                    return self.error(404, "BLOB_UNKNOWN")
                return self.send(200, body, [("Content-Type", "application/octet-stream"),
                                             ("Docker-Content-Digest", ref)])
            if what != "referrers":
                return self.error(404, "NOT_FOUND")
            page = int(query.get("page", ["1"])[0])
            wanted = query.get("artifactType", [None])[0]
            if ref != store.root_digest and repo not in ("loop",):
                return self.index([])
            base = "/v2/%s/referrers/%s" % (repo, ref)
            if repo in ("paged", "nofilter", "absolute"):
                entries = paged[:2] if page == 1 else paged[2:]
                link = None
                if page == 1:
                    link = base + "?page=2"
                    if wanted:
                        link += "&artifactType=" + urllib.parse.quote(wanted)
                    if repo == "absolute":
                        link = "http://127.0.0.1:%d%s" % (args.port, link)
                applied = repo != "nofilter" and wanted is not None
                if applied:
                    entries = [e for e in entries if e["artifactType"] == wanted]
                return self.index(entries, link, applied)
            if repo == "many":
                link = base + "?page=%d" % (page + 1) if page < 3 else None
                return self.index(many[(page - 1) * 500:page * 500], link)
            if repo == "bad":
                return self.index(bad)
            if repo == "loop":
                return self.index(loop if ref == store.root_digest else [])
            if repo == "elsewhere":
                return self.index(paged[:1], "http://localhost:%d%s?page=2" % (args.port, base))
            if repo == "fail":
                return self.error(500, "INTERNAL")
            return self.send(404, b"404 page not found\n", [("Content-Type", "text/plain")])

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a client that hung up (a canceled lookup) is not the server's error

    Server(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
