# SPDX-License-Identifier: MIT
# Sourced by the test scripts: the shell counterpart of tests/common/hermeticenv.cpp. A private HOME,
# XDG folders, Docker and containers configuration for this script and the tools it runs (skopeo,
# umoci, podman), so nothing of the developer's or the machine's changes what they write. The folder
# is removed when the script exits (the caller's EXIT trap, if any, must call strata_env_cleanup).
strata_isolate_env() {
    STRATA_ENV_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/strata-test-env-XXXXXX")
    local home=$STRATA_ENV_ROOT/home
    mkdir -p "$home/.config/containers" "$home/.local/share" "$home/.cache" "$home/.local/state" \
        "$STRATA_ENV_ROOT/run"
    chmod 700 "$STRATA_ENV_ROOT/run"
    export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
        XDG_CACHE_HOME=$home/.cache XDG_STATE_HOME=$home/.local/state XDG_RUNTIME_DIR=$STRATA_ENV_ROOT/run \
        DOCKER_CONFIG=$home/.docker
    echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$home/.config/containers/policy.json"
    echo 'unqualified-search-registries = []' >"$STRATA_ENV_ROOT/registries.conf"
    printf '[storage]\ndriver = "vfs"\ngraphroot = "%s/storage"\nrunroot = "%s/runroot"\n' \
        "$STRATA_ENV_ROOT" "$STRATA_ENV_ROOT" >"$STRATA_ENV_ROOT/storage.conf"
    export CONTAINERS_REGISTRIES_CONF=$STRATA_ENV_ROOT/registries.conf
    export CONTAINERS_STORAGE_CONF=$STRATA_ENV_ROOT/storage.conf
    unset REGISTRY_AUTH_FILE DOCKER_HOST CONTAINER_HOST DOCKER_CERT_PATH DOCKER_TLS_VERIFY DOCKER_CONTEXT \
        CONTAINERS_CONF CONTAINERS_AUTH_FILE
    trap strata_env_cleanup EXIT
}

strata_env_cleanup() {
    [[ -n ${STRATA_ENV_ROOT-} && -d $STRATA_ENV_ROOT ]] && chmod -R u+w "$STRATA_ENV_ROOT" 2>/dev/null
    [[ -n ${STRATA_ENV_ROOT-} ]] && rm -rf -- "$STRATA_ENV_ROOT"
    return 0
}
