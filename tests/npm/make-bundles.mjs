// SPDX-License-Identifier: MIT
// Makes Sigstore bundles with the real sigstore-js signing code (@sigstore/sign) against the mock Fulcio, Rekor and
// TSA of @sigstore/mock (nock interceptors: nothing leaves the process), for tests/core/tst_bundleverify.cpp.
//
//   node make-bundles.mjs NPM_DIR OUT_DIR SIGNING_KEY.pem ARTIFACT
//
// SIGNING_KEY.pem is a P-256 private key made by openssl. Writes into OUT_DIR:
//   message-key.json   MessageSignatureBundleBuilder, the local key, a hashedrekord entry (SET + inclusion proof)
//   dsse-key.json      DSSEBundleBuilder over an in-toto statement naming ARTIFACT's sha256, a dsse entry
//   intoto-key.json    the same with an intoto entry
//   message-cert.json  keyless: a mock Fulcio certificate (v0.2 x509CertificateChain), hashedrekord entry
//   dsse-cert.json     keyless DSSE (v0.3, one certificate), a dsse entry and an RFC 3161 timestamp by the mock TSA
//   message-cert-nosct.json  keyless, by a second mock Fulcio that has no CT log: its certificate embeds no SCT
//   rekor.pub, ctlog.pub, trusted_root.json (the mock Rekor key, both Fulcio roots, the mock CT log that the first
//   Fulcio logs its precertificates to and whose SCTs it embeds, the TSA chain), identity.txt (SAN, issuer)
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [npmDir, outDir, keyFile, artifactFile] = process.argv.slice(2);
if (!artifactFile) {
    console.error('usage: make-bundles.mjs NPM_DIR OUT_DIR SIGNING_KEY.pem ARTIFACT');
    process.exit(2);
}
const require = createRequire(join(npmDir, 'package.json'));
const signLib = require('@sigstore/sign');
const mock = require('@sigstore/mock');
const nock = require('nock');

const REKOR = 'https://rekor.mock.test';
const FULCIO = 'https://fulcio.mock.test';
const FULCIO_NOSCT = 'https://fulcio-nosct.mock.test';
const CTLOG = 'https://ctfe.mock.test';
const TSA = 'https://tsa.mock.test';
const IDENTITY = 'https://github.com/strata-test/strata/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';

const ecPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rekorKeys = ecPair();
const fulcioKeys = ecPair();
const tsaKeys = ecPair();
const ctKeys = ecPair();
const fulcioNoSctKeys = ecPair();

// One nock interceptor per request, as @sigstore/mock's mock() does; persist() so every bundle can use it.
function serve(base, handler) {
    nock(base)
        .persist()
        .post(handler.path)
        .reply(async (_, body) => {
            const req = typeof body === 'string' ? body : JSON.stringify(body);
            const { statusCode, response, contentType } = await handler.fn(req);
            return [statusCode, response, { 'Content-Type': contentType || 'text/plain' }];
        });
}
const tlog = await mock.initializeTLog(REKOR, rekorKeys);
serve(REKOR, mock.rekorHandler(tlog));
const ca = await mock.initializeCA(fulcioKeys, await mock.initializeCTLog(ctKeys));
serve(FULCIO, mock.fulcioHandler(ca));
const caNoSct = await mock.initializeCA(fulcioNoSctKeys);
serve(FULCIO_NOSCT, mock.fulcioHandler(caNoSct));
const tsa = await mock.initializeTSA(tsaKeys);
serve(TSA, mock.tsaHandler(tsa));

// The local-key signer (what `cosign sign-blob --key` or npm's provenance would be with a key).
const privateKey = createPrivateKey(readFileSync(keyFile));
const publicPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
const localSigner = {
    sign: async (data) => ({
        signature: sign('sha256', data, privateKey),
        key: { $case: 'publicKey', publicKey: publicPem, hint: 'strata-test-key' },
    }),
};
// An unsigned OIDC token: the mock Fulcio decodes it without checking (strict mode reads its claims).
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64url({ alg: 'none' })}.${b64url({ iss: ISSUER, sub: IDENTITY, aud: 'sigstore' })}.`;
const fulcioSigner = new signLib.FulcioSigner({
    fulcioBaseURL: FULCIO,
    identityProvider: { getToken: async () => token },
});
const fulcioNoSctSigner = new signLib.FulcioSigner({
    fulcioBaseURL: FULCIO_NOSCT,
    identityProvider: { getToken: async () => token },
});

const artifact = readFileSync(artifactFile);
const sha256 = createHash('sha256').update(artifact).digest('hex');
const statement = Buffer.from(
    JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'artifact', digest: { sha256 } }],
        predicateType: 'https://strata.dev/test/v1',
        predicate: { made: 'make-bundles.mjs' },
    }),
);
const rekor = (entryType) => new signLib.RekorWitness({ rekorBaseURL: REKOR, entryType });
const stamp = new signLib.TSAWitness({ tsaBaseURL: TSA });
const made = {
    'message-key.json': new signLib.MessageSignatureBundleBuilder({ signer: localSigner, witnesses: [rekor()] }).create({
        data: artifact,
    }),
    'dsse-key.json': new signLib.DSSEBundleBuilder({ signer: localSigner, witnesses: [rekor('dsse')] }).create({
        data: statement,
        type: 'application/vnd.in-toto+json',
    }),
    'intoto-key.json': new signLib.DSSEBundleBuilder({ signer: localSigner, witnesses: [rekor('intoto')] }).create({
        data: statement,
        type: 'application/vnd.in-toto+json',
    }),
    'message-cert.json': new signLib.MessageSignatureBundleBuilder({ signer: fulcioSigner, witnesses: [rekor()] }).create({
        data: artifact,
    }),
    'message-cert-nosct.json': new signLib.MessageSignatureBundleBuilder({
        signer: fulcioNoSctSigner,
        witnesses: [rekor()],
    }).create({ data: artifact }),
    'dsse-cert.json': new signLib.DSSEBundleBuilder({
        signer: fulcioSigner,
        witnesses: [rekor('dsse'), stamp],
    }).create({ data: statement, type: 'application/vnd.in-toto+json' }),
};
for (const [name, promise] of Object.entries(made)) {
    const bundle = await promise;
    writeFileSync(join(outDir, name), JSON.stringify(toJSON(bundle), null, 2));
}

// Bundles from @sigstore/sign are protobuf objects: @sigstore/bundle's bundleToJSON writes their JSON form.
function toJSON(bundle) {
    return require('@sigstore/bundle').bundleToJSON(bundle);
}

const der = (pem) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
const since = new Date(Date.now() - 86400000).toISOString();
const rekorDer = rekorKeys.publicKey.export({ format: 'der', type: 'spki' });
const ctDer = ctKeys.publicKey.export({ format: 'der', type: 'spki' });
writeFileSync(join(outDir, 'ctlog.pub'), ctKeys.publicKey.export({ format: 'pem', type: 'spki' }));
writeFileSync(join(outDir, 'rekor.pub'), rekorKeys.publicKey.export({ format: 'pem', type: 'spki' }));
writeFileSync(join(outDir, 'signing.pub'), publicPem);
writeFileSync(join(outDir, 'identity.txt'), `${IDENTITY}\n${ISSUER}\n`);
writeFileSync(
    join(outDir, 'trusted_root.json'),
    JSON.stringify(
        {
            mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
            tlogs: [
                {
                    baseUrl: REKOR,
                    hashAlgorithm: 'SHA2_256',
                    publicKey: { rawBytes: rekorDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: since } },
                    logId: { keyId: createHash('sha256').update(rekorDer).digest('base64') },
                },
            ],
            certificateAuthorities: [
                {
                    subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
                    uri: FULCIO,
                    certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate).toString('base64') }] },
                    validFor: { start: since },
                },
                {
                    subject: { organization: 'sigstore.mock', commonName: 'sigstore-nosct' },
                    uri: FULCIO_NOSCT,
                    certChain: { certificates: [{ rawBytes: Buffer.from(caNoSct.rootCertificate).toString('base64') }] },
                    validFor: { start: since },
                },
            ],
            ctlogs: [
                {
                    baseUrl: CTLOG,
                    hashAlgorithm: 'SHA2_256',
                    publicKey: { rawBytes: ctDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: since } },
                    logId: { keyId: createHash('sha256').update(ctDer).digest('base64') },
                },
            ],
            timestampAuthorities: [
                {
                    subject: { organization: 'sigstore.mock', commonName: 'tsa' },
                    uri: TSA,
                    certChain: {
                        certificates: [
                            { rawBytes: Buffer.from(tsa.intCertificate).toString('base64') },
                            { rawBytes: Buffer.from(tsa.rootCertificate).toString('base64') },
                        ],
                    },
                    validFor: { start: since },
                },
            ],
        },
        null,
        2,
    ),
);
console.log(sha256);
