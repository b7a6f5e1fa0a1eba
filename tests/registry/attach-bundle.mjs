// SPDX-License-Identifier: MIT
// Attaches a file to an image in a registry with @sigstore/oci's attachArtifactToImage (what sigstore-js does
// after signing): it uploads the file and an OCI 1.1 artifact manifest whose subject is the image and, when the
// registry has no referrers API (Debian's docker-registry), writes the referrers tag sha256-<hex>'s index.
//
//   node attach-bundle.mjs NPM_DIR HOST:PORT/REPO TAG FILE MEDIA_TYPE
//
// NPM_DIR holds the node_modules made by `npm ci` over tests/npm. Prints the image digest, then the artifact
// manifest's digest, one per line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [npmDir, imageName, tag, file, mediaType] = process.argv.slice(2);
if (!mediaType) {
    console.error('usage: attach-bundle.mjs NPM_DIR HOST:PORT/REPO TAG FILE MEDIA_TYPE');
    process.exit(2);
}
const require = createRequire(join(npmDir, 'package.json'));
const oci = require('@sigstore/oci');

// An anonymous registry: no credentials (attachArtifactToImage only signs in when it is given some).
const imageDigest = await oci.getImageDigest({ imageName, imageTag: tag, credentials: undefined });
const artifact = await oci.attachArtifactToImage({
    imageName,
    imageDigest,
    artifact: readFileSync(file),
    mediaType,
    credentials: undefined,
    annotations: { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/test' },
});
console.log(imageDigest);
console.log(artifact.digest);
