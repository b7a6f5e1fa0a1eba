#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seed corpora for the fuzz targets, generated from the test fixtures (never committed).

make-seeds.py FIXTURES PUBLIC OUTDIR writes OUTDIR/<target>/<name> for every target in
tests/fuzz/CMakeLists.txt: JSON documents and descriptors taken from the images that
tests/fixtures/make-fixtures.sh built and from ../shared/fixtures/public, small archives
(<= 64 KiB), compressed layer blobs, and a tiny OCI archive and docker-archive built here.
"""
import base64
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

MAX = 64 * 1024
fixtures, public, out = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(out, ignore_errors=True)
counts = {}

# Same order as fuzz_detectkind's table: byte 0 picks the declared media type.
DECLARED = ["", "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
            "application/vnd.oci.image.config.v1+json", "application/vnd.example+json"]


def put(target, data, name=None):
    if not data:
        return
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = name or hashlib.sha256(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
    counts[target] = counts.get(target, 0) + 1


def descriptors(doc):
    found = []
    if isinstance(doc, dict):
        if "digest" in doc and "mediaType" in doc:
            found.append(doc)
        for v in doc.values():
            found += descriptors(v)
    elif isinstance(doc, list):
        for v in doc:
            found += descriptors(v)
    return found


def digests(doc):
    found = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k == "digest" and isinstance(v, str):
                found.append(v)
            found += digests(v)
    elif isinstance(doc, list):
        for v in doc:
            found += digests(v) if not isinstance(v, str) else ([v] if ":" in v else [])
    return found


def json_doc(raw):
    put("json", raw)
    try:
        doc = json.loads(raw)
    except ValueError:
        return
    if not isinstance(doc, dict):
        return
    kind = None
    if "manifests" in doc:
        kind = "index"
    elif "layers" in doc or "config" in doc and isinstance(doc.get("config"), dict) and "digest" in doc["config"]:
        kind = "manifest"
    elif "rootfs" in doc or "architecture" in doc:
        kind = "config"
    if kind:
        put(kind, raw)
    declared = {"index": 1, "manifest": 2, "config": 6}.get(kind, 0)
    put("detectkind", bytes([declared]) + raw)
    put("detectkind", bytes([0]) + raw)
    for d in descriptors(doc):
        put("descriptor", json.dumps(d).encode())
    for d in digests(doc):
        put("digest", d.encode())


def blob(raw):
    if raw[:1] in (b"{", b"[") and len(raw) <= MAX:
        json_doc(raw)
    elif raw[:3] == b"\x1f\x8b\x08" and len(raw) <= MAX:
        put("gzip", b"\x0c" + raw)
        put("gzip", b"\x00" + raw[:600])
        try:
            layer = gzip.decompress(raw)
        except (OSError, EOFError):
            layer = b""
        if len(layer) >= 512 and layer[257:262] == b"ustar":
            put("layertar", b"\x09" + layer[:MAX])
    elif raw[:4] == b"\x28\xb5\x2f\xfd" and len(raw) <= MAX:
        put("zstd", b"\x0c" + raw)
        put("zstd", b"\x00" + raw[:600])
    elif len(raw) >= 512 and raw[257:262] == b"ustar" and len(raw) <= MAX:
        put("tarindex", raw)
        put("layertar", b"\x09" + raw)


def walk_folder(root):
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            if os.path.islink(p) or not os.path.isfile(p) or os.path.getsize(p) > 4 * 1024 * 1024:
                continue
            with open(p, "rb") as fh:
                raw = fh.read()
            if f.endswith(".tar") or f.endswith(".tar.gz") or f.endswith(".tar.zst"):
                archive(p, raw)
            else:
                blob(raw)


def archive(path, raw):
    if len(raw) <= MAX:
        names = []
        try:
            with tarfile.open(path) as t:
                names = t.getnames()
        except (tarfile.TarError, OSError, EOFError):
            pass
        oci = "index.json" in names or "./index.json" in names
        docker = "manifest.json" in names or "./manifest.json" in names or "repositories" in names
        if oci:
            put("oci_archive", raw)
        if docker or not oci:
            put("docker_archive", raw)
        if raw[257:262] == b"ustar" or raw[:3] != b"\x1f\x8b\x08":
            put("tarindex", raw)
    try:
        with tarfile.open(path) as t:
            for m in t.getmembers():
                if m.isfile() and m.size <= 4 * 1024 * 1024:
                    blob(t.extractfile(m).read())
    except (tarfile.TarError, OSError, EOFError):
        pass


def tar_bytes(members, fmt=tarfile.PAX_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, data, kind, link in members:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            info.type = kind
            info.linkname = link
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            t.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    return buf.getvalue()


def sha(data):
    return hashlib.sha256(data).hexdigest()


def tiny_images():
    """A one-layer OCI archive and docker-archive whose digests all match."""
    layer_tar = tar_bytes([("hello", b"hi\n", tarfile.REGTYPE, ""), ("link", b"", tarfile.SYMTYPE, "hello")])
    layer_gz = gzip.compress(layer_tar, mtime=0)
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Env": ["A=1"]},
                         "rootfs": {"type": "layers", "diff_ids": ["sha256:" + sha(layer_tar)]},
                         "history": [{"created_by": "fuzz"}]}).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": "sha256:" + sha(config), "size": len(config)},
                           "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                       "digest": "sha256:" + sha(layer_gz), "size": len(layer_gz)}]}).encode()
    index = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                                       "digest": "sha256:" + sha(manifest), "size": len(manifest),
                                       "annotations": {"org.opencontainers.image.ref.name": "v1"}}]}).encode()
    oci = tar_bytes([("oci-layout", b'{"imageLayoutVersion":"1.0.0"}', tarfile.REGTYPE, ""),
                     ("index.json", index, tarfile.REGTYPE, ""),
                     ("blobs/sha256/" + sha(manifest), manifest, tarfile.REGTYPE, ""),
                     ("blobs/sha256/" + sha(config), config, tarfile.REGTYPE, ""),
                     ("blobs/sha256/" + sha(layer_gz), layer_gz, tarfile.REGTYPE, "")])
    put("oci_archive", oci, "tiny-oci-archive.tar")
    put("tarindex", oci, "tiny-oci-archive.tar")
    mj = json.dumps([{"Config": sha(config) + ".json", "RepoTags": ["fuzz/tiny:v1"],
                      "Layers": [sha(layer_tar) + ".tar", "shared/layer.tar"]}]).encode()
    docker = tar_bytes([(sha(layer_tar) + ".tar", layer_tar, tarfile.REGTYPE, ""),
                        ("shared/layer.tar", b"", tarfile.SYMTYPE, "../" + sha(layer_tar) + ".tar"),
                        (sha(config) + ".json", config, tarfile.REGTYPE, ""),
                        ("manifest.json", mj, tarfile.REGTYPE, ""),
                        ("repositories", b'{"fuzz/tiny":{"v1":"' + sha(layer_tar).encode() + b'"}}',
                         tarfile.REGTYPE, "")], fmt=tarfile.GNU_FORMAT)
    put("docker_archive", docker, "tiny-docker-archive.tar")
    put("docker_archive", gzip.compress(docker, mtime=0), "tiny-docker-archive.tar.gz")
    put("tarindex", docker, "tiny-docker-archive-gnu.tar")
    # Long names (pax and GNU), a hard link, a FIFO entry, a "../" name.
    long = "d/" + "x" * 150 + "/file"
    for fmt, tag in ((tarfile.PAX_FORMAT, "pax"), (tarfile.GNU_FORMAT, "gnu")):
        put("tarindex", tar_bytes([(long, b"data", tarfile.REGTYPE, ""), ("hard", b"", tarfile.LNKTYPE, long),
                                   ("fifo", b"", tarfile.FIFOTYPE, ""), ("../up", b"x", tarfile.REGTYPE, ""),
                                   ("abs", b"", tarfile.SYMTYPE, "/etc/passwd")], fmt), "links-" + tag + ".tar")
    for json_raw in (config, manifest, index, mj):
        json_doc(json_raw)
    put("gzip", b"\x05" + layer_gz + gzip.compress(b"second member", mtime=0), "multi-member.gz")
    try:
        z = subprocess.run(["zstd", "-q", "-c"], input=layer_tar, capture_output=True, check=True).stdout
        put("zstd", b"\x05" + z + z, "two-frames.zst")
        put("zstd", b"\x05" + b"\x50\x2a\x4d\x18\x04\x00\x00\x00abcd" + z, "skippable.zst")
    except (OSError, subprocess.CalledProcessError):
        pass
    # lz4: the frame format (content checksum on), 64 KiB linked blocks with block checksums, and
    # the legacy format of `lz4 -l`, as vendor tools write outer archives.
    for cmd, name in ((["xz", "-c"], "layer.tar.xz"), (["bzip2", "-c"], "layer.tar.bz2"),
                      (["lz4", "-q", "-c"], "layer.tar.lz4"),
                      (["lz4", "-q", "-B4", "-BD", "-BX", "-c"], "linked.tar.lz4"),
                      (["lz4", "-q", "-l", "-c"], "legacy.tar.lz4")):
        try:
            c = subprocess.run(cmd, input=layer_tar, capture_output=True, check=True).stdout
            put("filter", b"\x0c" + c, name)
            put("filter", b"\x00" + c[:600], "head-" + name)
        except (OSError, subprocess.CalledProcessError):
            pass


def vectors():
    # go-digest digest_test.go TestParseDigest and image-spec schema/descriptor_test.go shapes.
    for d in ["", "sha256:", ":", "d41d8cd98f00b204e9800998ecf8427e", "sha256:abcdef0123456789",
              "foo:" + "a" * 64, "sha384__foo+bar:" + "a" * 96, "SHA256:" + "a" * 64, "sha256:" + "A" * 64,
              "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
              "sha256:../../etc/passwd", "sha512:" + "b" * 128, "blake3:" + "c" * 64, "sha256:" + "0" * 128,
              "sha256+foo+-b:" + "a" * 64, "sha256.foo-bar:" + "a" * 64]:
        put("digest", d.encode())
    for j in [b'{"a":1,"a":2}', b"[" * 70 + b"]" * 70, b"null", b'{"size":1e400}', b'{"size":-1}',
              b'{"size":9007199254740993}', b'{"k\\u0000":1,"k\\u0000":2}', b'{"\\ud800":"x"}', b"\xff\xfe{}"]:
        put("json", j)
        put("descriptor", j)
    # WWW-Authenticate challenges as registries send them (distribution token spec, RFC 7235) and
    # docker:// references; one target parses both.
    for a in [b'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
              b'Basic realm="Registry Realm"', b'Bearer realm="http://127.0.0.1:5001/token",error="invalid_token"',
              b'Basic realm="a", Bearer realm="b",service="c"', b'Bearer realm="x\"y",scope="a b"', b'Negotiate',
              b"127.0.0.1:5000/strata/sample:v1", b"localhost/a/b@sha256:" + b"a" * 64, b"registry.example.com:443/x/y:latest"]:
        put("authchallenge", a)
    put("descriptor", json.dumps({"mediaType": "x/y", "digest": "sha256:" + "a" * 64, "size": 1,
                                  "data": "aGk=", "urls": ["http://x"], "platform": {"os": "linux"}}).encode())


def registry_storage(layout, repo, tag):
    """An OCI layout laid out as a distribution registry stores it (docker/registry/v2 below the
    fuzz target's root): blob data files, the tag and revision links, the layer links."""
    index_path = os.path.join(layout, "index.json")
    if not os.path.isfile(index_path):
        return
    with open(index_path, "rb") as f:
        index = json.load(f)
    members, manifests = [], []
    blobs = os.path.join(layout, "blobs", "sha256")
    for name in sorted(os.listdir(blobs)):
        with open(os.path.join(blobs, name), "rb") as f:
            data = f.read()
        if len(data) > 16 * 1024:
            data = data[:16 * 1024]  # the digest no longer matches: a mismatch to report, also fine
        members.append((f"blobs/sha256/{name[:2]}/{name}/data", data, tarfile.REGTYPE, ""))
        members.append((f"repositories/{repo}/_layers/sha256/{name}/link", b"sha256:" + name.encode(), tarfile.REGTYPE, ""))
    for m in index.get("manifests", []):
        d = m.get("digest", "")
        manifests.append(d)
        hexd = d.split(":", 1)[-1]
        members.append((f"repositories/{repo}/_manifests/revisions/sha256/{hexd}/link", d.encode(), tarfile.REGTYPE, ""))
    if manifests:
        members.append((f"repositories/{repo}/_manifests/tags/{tag}/current/link", manifests[0].encode(), tarfile.REGTYPE, ""))
    put("registrydir", tar_bytes(members))
    # and a hostile variant: the tag link is a symlink out of the storage
    put("registrydir", tar_bytes(members[:-1] + [(f"repositories/{repo}/_manifests/tags/{tag}/current/link", b"", tarfile.SYMTYPE, "/etc/passwd")]))


registry_storage(os.path.join(fixtures, "good", "oci-gzip"), "strata/sample", "v1")
registry_storage(os.path.join(fixtures, "good", "oci-multi"), "strata/multi", "latest")
walk_folder(os.path.join(fixtures, "good"))
walk_folder(os.path.join(fixtures, "bad"))
walk_folder(public)
def signatures():
    """Stored signatures: containers/image's own (GPG and sigstore-json), and a GPG one made here."""
    base = os.path.join(public, "signatures", "containers-image")
    if os.path.isdir(base):
        for d in sorted(os.listdir(base)):
            p = os.path.join(base, d, "signature-1")
            if os.path.isfile(p):
                with open(p, "rb") as f:
                    raw = f.read()
                put("signature", raw, d)
                put("signature", raw[:len(raw) // 2], "half-" + d)
                if d.startswith("dir-img-cosign"):
                    put("cosignverify", raw, d)
    home = os.path.join(out, "gnupg")
    os.makedirs(home, mode=0o700, exist_ok=True)
    env = dict(os.environ, GNUPGHOME=home)
    payload = json.dumps({"critical": {"type": "atomic container signature",
                                       "image": {"docker-manifest-digest": "sha256:" + "ab" * 32},
                                       "identity": {"docker-reference": "example.com/a:b"}},
                          "optional": {"creator": "make-seeds"}}).encode()
    try:
        subprocess.run(["gpg", "-q", "--batch", "--passphrase", "", "--quick-gen-key", "seed <s@e>", "ed25519",
                        "sign", "never"], env=env, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return
    for algo in ("zip", "zlib", "bzip2", "none"):
        try:
            sig = subprocess.run(["gpg", "-q", "--batch", "--compress-algo", algo, "--sign"], input=payload, env=env,
                                 check=True, capture_output=True).stdout
            put("signature", sig, "gpg-" + algo)
        except (OSError, subprocess.CalledProcessError):
            pass
    shutil.rmtree(home, ignore_errors=True)


def attestations():
    """Attached artifacts: sigstore-go's bundles, their DSSE envelopes and statements, and npm sbom's SPDX and
    CycloneDX documents for tests/npm's lock file (raw and wrapped as in-toto predicates)."""
    base = os.path.join(public, "signatures", "sigstore-go")
    for name in ("bundle-provenance.json", "bundle-publish.json"):
        p = os.path.join(base, name)
        if not os.path.isfile(p):
            continue
        with open(p, "rb") as f:
            raw = f.read()
        put("attestation", raw, name)
        put("bundleverify", raw, name)
        for media in ("application/vnd.dev.sigstore.bundle.v0.3+json", "application/json"):
            variant = json.loads(raw)
            variant["mediaType"] = media
            put("bundleverify", json.dumps(variant).encode(), media.replace("/", "_") + "-" + name)
        variant = json.loads(raw)
        variant.get("verificationMaterial", {}).pop("tlogEntries", None)
        put("bundleverify", json.dumps(variant).encode(), "no-tlog-" + name)
        bundle = json.loads(raw)
        envelope = bundle.get("dsseEnvelope", {})
        put("attestation", json.dumps(envelope).encode(), "envelope-" + name)
        try:
            statement = base64.b64decode(envelope.get("payload", ""))
        except ValueError:
            continue
        put("attestation", statement, "statement-" + name)
    npm = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "npm")
    work = os.path.join(out, "npm-sbom")
    os.makedirs(work, exist_ok=True)
    try:
        for f in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(npm, f), work)
        for fmt, predicate in (("spdx", "https://spdx.dev/Document"), ("cyclonedx", "https://cyclonedx.org/bom")):
            doc = subprocess.run(["npm", "sbom", "--package-lock-only", "--sbom-format", fmt], cwd=work, check=True,
                                 capture_output=True).stdout
            put("attestation", doc[:MAX], "npm-" + fmt)
            statement = {"_type": "https://in-toto.io/Statement/v1",
                         "subject": [{"name": "img", "digest": {"sha256": "ab" * 32}}],
                         "predicateType": predicate, "predicate": json.loads(doc)}
            put("attestation", json.dumps(statement).encode()[:MAX], "statement-npm-" + fmt)
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass
    shutil.rmtree(work, ignore_errors=True)


def attached():
    """OCI archives with artifacts attached every way a layout can say it, around a one-layer image: a subject
    artifact, a referrers-tag index, cosign .sig/.att tags, cosign save kinds, a BuildKit attestation entry, a
    dangling subject, a self-tag and two artifacts listing each other; and regctl's testrepo as one archive."""
    oci_type = "application/vnd.oci.image.manifest.v1+json"
    index_type = "application/vnd.oci.image.index.v1+json"
    empty = b"{}"
    layer = b"hi"
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode()
    image = json.dumps({"schemaVersion": 2, "mediaType": oci_type,
                        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                   "digest": "sha256:" + sha(config), "size": len(config)},
                        "layers": []}).encode()
    blobs = {sha(x): x for x in (empty, layer, config, image)}

    def desc(raw, media=oci_type, **annotations):
        d = {"mediaType": media, "digest": "sha256:" + sha(raw), "size": len(raw)}
        if annotations:
            d["annotations"] = annotations
        return d

    def artifact(kind, subject=None):
        m = {"schemaVersion": 2, "mediaType": oci_type, "artifactType": kind,
             "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": "sha256:" + sha(empty), "size": 2},
             "layers": [{"mediaType": kind, "digest": "sha256:" + sha(layer), "size": len(layer),
                         "annotations": {"dev.cosignproject.cosign/signature": "MEUCIQ=="}}]}
        if subject:
            m["subject"] = subject
        raw = json.dumps(m).encode()
        blobs[sha(raw)] = raw
        return raw

    def index(entries):
        raw = json.dumps({"schemaVersion": 2, "mediaType": index_type, "manifests": entries}).encode()
        blobs[sha(raw)] = raw
        return raw

    ref = "org.opencontainers.image.ref.name"
    hexd = sha(image)
    sbom = artifact("application/spdx+json", desc(image))
    sig = artifact("application/vnd.dev.cosign.simplesigning.v1+json")
    a = artifact("application/example.a")
    b = artifact("application/example.b")
    dangling = artifact("application/vnd.cncf.notary.signature", desc(b"absent"))
    tagged = index([desc(artifact("application/example.signature"))])
    entries = [desc(image, **{ref: "v1", "kind": "dev.cosignproject.cosign/image"}), desc(sbom),
               desc(sig, **{ref: "sha256-" + hexd + ".sig", "kind": "dev.cosignproject.cosign/sigs"}),
               desc(tagged, index_type, **{ref: "sha256-" + hexd}),
               desc(index([desc(b)]), index_type, **{ref: "sha256-" + sha(a)}),
               desc(index([desc(a)]), index_type, **{ref: "sha256-" + sha(b)}),
               desc(index([desc(image)]), index_type, **{ref: "sha256-" + hexd + ".att"}),
               desc(a), desc(b), desc(dangling)]
    attestation = artifact("application/vnd.in-toto+json")
    entries.append(desc(index([desc(image), {**desc(attestation), "platform": {"os": "unknown",
                                              "architecture": "unknown"},
                                              "annotations": {"vnd.docker.reference.type": "attestation-manifest",
                                                              "vnd.docker.reference.digest": "sha256:" + hexd}}]),
                        index_type, **{ref: "multi"}))
    top = json.dumps({"schemaVersion": 2, "mediaType": index_type, "manifests": entries}).encode()
    members = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}', tarfile.REGTYPE, ""),
               ("index.json", top, tarfile.REGTYPE, "")]
    members += [("blobs/sha256/" + h, raw, tarfile.REGTYPE, "") for h, raw in sorted(blobs.items())]
    put("attached", tar_bytes(members), "every-mechanism.tar")
    repo = os.path.join(public, "regclient", "testrepo")
    if os.path.isdir(repo):
        files = []
        for dirpath, _, names in os.walk(repo):
            for n in sorted(names):
                p = os.path.join(dirpath, n)
                with open(p, "rb") as f:
                    files.append((os.path.relpath(p, repo), f.read(), tarfile.REGTYPE, ""))
        put("attached", tar_bytes(sorted(files)), "regclient-testrepo.tar")


def policies():
    """containers-policy.json(5): containers/image's example, each requirement and identity form, invalid ones."""
    example = os.path.join(public, "signatures", "containers-image", "policy.json")
    if os.path.isfile(example):
        with open(example, "rb") as f:
            raw = f.read()
        put("policy", raw, "containers-image-example.json")
        put("policy", raw[:len(raw) // 2], "half-example.json")
        doc = json.loads(raw)
        for scope, reqs in doc["transports"]["docker"].items():
            put("policy", json.dumps({"default": reqs}).encode(), "docker-" + hashlib.sha256(scope.encode()).hexdigest()[:8])
    sb = {"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k.gpg"}
    for ident in ({"type": "matchExact"}, {"type": "matchRepoDigestOrExact"}, {"type": "matchRepository"},
                  {"type": "exactReference", "dockerReference": "busybox:1"},
                  {"type": "exactRepository", "dockerRepository": "quay.io/a/b"},
                  {"type": "remapIdentity", "prefix": "mirror:5000/x", "signedPrefix": "example.com/y"}):
        put("policy", json.dumps({"default": [dict(sb, signedIdentity=ident)]}).encode())
    for req in ({"type": "sigstoreSigned", "keyPath": "/c.pub", "rekorPublicKeyPath": "/r.pub"},
                {"type": "sigstoreSigned", "keyDatas": ["YQ=="]},
                {"type": "sigstoreSigned", "fulcio": {"caPath": "/f", "oidcIssuer": "https://i", "subjectEmail": "a@b"},
                 "rekorPublicKeyPaths": ["/r.pub"]},
                {"type": "sigstoreSigned", "pki": {"caRootsPath": "/r", "caIntermediatesData": "YQ==",
                                                   "subjectHostname": "h"}},
                {"type": "signedBy", "keyType": "GPGKeys", "keyPaths": []}, {"type": "reject", "x": 1},
                {"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchRepository"}}):
        put("policy", json.dumps({"default": [req]}).encode())
    put("policy", json.dumps({"default": [{"type": "reject"}], "transports": {
        "dir": {"/srv": [{"type": "insecureAcceptAnything"}], "": [{"type": "reject"}]},
        "oci": {"/srv/l:v1": [{"type": "reject"}]}, "docker-archive": {"": [{"type": "reject"}]},
        "docker-daemon": {"busybox": [{"type": "reject"}]},
        "containers-storage": {"[overlay@/var/lib/containers/storage]": [{"type": "reject"}]},
        "docker": {"*.example.com": [{"type": "insecureAcceptAnything"}]}}}).encode(), "transports.json")
    for ref in (b"busybox", b"docker.io/library/busybox:1", b"localhost:5000/a/b@sha256:" + b"a" * 64, b"Busybox",
                b"[::1]:5000/x:y", b"a" * 64):
        put("policy", ref)


def cose():
    """Notation COSE_Sign1 envelopes: notation-go's, cut short, and a few hostile shapes libcbor must be kept from
    (a huge declared array, deep nesting, an untagged message, trailing bytes)."""
    p = os.path.join(public, "signatures", "notation-go", "cose_signature.sig")
    if os.path.isfile(p):
        with open(p, "rb") as f:
            raw = f.read()
        put("cose", raw, "notation-go")
        put("cose", raw[:len(raw) // 2], "half-notation-go")
        put("cose", raw[1:], "untagged-notation-go")
        put("cose", raw + b"\x00", "trailing-notation-go")
    put("cose", b"\xd2\x9b\xff\xff\xff\xff\xff\xff\xff\xff", "huge-array")
    put("cose", b"\xd2" + b"\x81" * 40 + b"\x00", "deep")
    put("cose", b"\xd2\x84\x40\xa0\xf6\x40", "empty-headers")


def notation():
    """Notation envelopes for fuzz_notationverify (first byte 0: JWS, 1: COSE): notation-go's both, and JWS variants
    whose JSON still parses, so mutations start past the parser: a header without x5c, an empty signature, another
    payload (the signature no longer covers it)."""
    base = os.path.join(public, "signatures", "notation-go")
    for name, kind in (("jws_signature.sig", b"\x00"), ("cose_signature.sig", b"\x01")):
        p = os.path.join(base, name)
        if not os.path.isfile(p):
            continue
        with open(p, "rb") as f:
            raw = f.read()
        put("notationverify", kind + raw, name)
        if kind == b"\x00":
            jws = json.loads(raw)
            for label, change in (("no-x5c", lambda j: j.get("header", {}).pop("x5c", None)),
                                  ("empty-signature", lambda j: j.__setitem__("signature", "")),
                                  ("other-payload", lambda j: j.__setitem__("payload", "e30"))):
                variant = json.loads(raw)
                change(variant)
                put("notationverify", kind + json.dumps(variant).encode(), label)


tiny_images()
vectors()
signatures()
policies()
attestations()
attached()
cose()
notation()
for t in sorted(counts):
    print(f"make-seeds: {t}: {len(os.listdir(os.path.join(out, t)))} seeds")
