// SPDX-License-Identifier: MIT
// The media types Strata recognises (image-spec specs-go/v1/mediatype.go, moby/docker-image-spec
// specs-go/v1/mediatype.go) and what each one means.
#pragma once

#include <QString>

namespace strata::mediatype {

inline constexpr auto OciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr auto OciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr auto OciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr auto OciLayer = "application/vnd.oci.image.layer.v1.tar";
inline constexpr auto OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr auto OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr auto OciEmpty = "application/vnd.oci.empty.v1+json";
inline constexpr auto DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr auto DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr auto DockerConfig = "application/vnd.docker.container.image.v1+json";
inline constexpr auto DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr auto DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
inline constexpr auto DockerLayerZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd";
inline constexpr auto DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
inline constexpr auto DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
inline constexpr auto DockerAttestation = "application/vnd.docker.attestation.manifest.v1+json";
inline constexpr auto InToto = "application/vnd.in-toto+json";
// Attached artifacts: cosign's simple-signing layers (specs/SIGNATURE_SPEC.md), Notation's artifact type, DSSE
// envelopes (cosign .att layers).
inline constexpr auto CosignSimpleSigning = "application/vnd.dev.cosign.simplesigning.v1+json";
inline constexpr auto NotarySignature = "application/vnd.cncf.notary.signature";
inline constexpr auto Dsse = "application/vnd.dsse.envelope.v1+json";

enum class Compression { None, Gzip, Zstd, Xz, Bzip2, Lz4, Unknown };

enum class Kind { Index, Manifest, ImageConfig, Layer, Schema1, Other };

Kind kindOf(const QString &mediaType);
bool isIndex(const QString &mediaType);
bool isManifest(const QString &mediaType);
bool isImageConfig(const QString &mediaType);
bool isLayer(const QString &mediaType);
// Foreign / non-distributable layers may legitimately be absent from a saved image.
bool isNonDistributable(const QString &mediaType);
bool isEncrypted(const QString &mediaType);
// What the media type declares. Docker's plain ".tar" type says "unknown" in practice (containerd
// DiffCompression), which is returned as Compression::None here; callers decide how strict to be.
Compression declaredCompression(const QString &mediaType);
QString compressionName(Compression c);
// RFC 6838 syntax, as in image-spec schema/defs-descriptor.json.
bool isValidMediaTypeSyntax(const QString &mediaType);

} // namespace strata::mediatype
