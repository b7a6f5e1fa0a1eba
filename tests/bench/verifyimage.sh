# SPDX-License-Identifier: MIT
# The ~1.2 GB, 8-layer benchmark image of bench-verify.sh, shared by the scripts that measure it
# (bench-verify.sh, bench-compressions.sh). Source it after lib.sh and textlayer.sh and after
# bench_workdir has set WORKDIR; `build_once image build_verify_image` builds it, or reuses it.
TAG=bench
LAYERS=8
LAYER_BYTES=150000000
# Bump whenever the generator changes so stale images in existing WORKDIRs are rebuilt.
STAMP_CONTENT="strata-bench-image v1 layers=$LAYERS layer_bytes=$LAYER_BYTES"
# One fixed instant for every timestamp in the image, so rebuilds give the same bytes to hash.
EPOCH=1704067200
EPOCH_ISO=2024-01-01T00:00:00Z

OCI_DIR=$WORKDIR/oci-gzip
DOCKER_TAR=$WORKDIR/image.docker.tar
OCI_TAR=$WORKDIR/image.oci.tar

build_verify_image() {
  local build=$WORKDIR/.build layout bundle start
  layout=$build/layout
  bundle=$build/bundle
  start=$(date +%s.%N)
  rm -rf -- "$build" "$OCI_DIR" "$DOCKER_TAR" "$OCI_TAR" "$WORKDIR/.stamp"
  mkdir -p -- "$build"
  log "generating corpus"
  gen_corpus "$build/corpus.txt"
  text_layers_image "$layout" "$TAG" "$bundle" "$build/corpus.txt" "$LAYERS"
  umoci gc --layout "$layout"
  # The bench reads only local files, so there is no signature policy worth enforcing here.
  log "skopeo copy -> oci-gzip, docker-archive, oci-archive"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "oci:$OCI_DIR:$TAG"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "docker-archive:$DOCKER_TAR:strata-bench:$TAG"
  skopeo --insecure-policy copy -q "oci:$layout:$TAG" "oci-archive:$OCI_TAR:$TAG"
  finish_build "$start" "$build"
}
