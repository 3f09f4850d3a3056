#!/usr/bin/env bash
# Installs and starts what Tugboat's build and tests need on a Debian 12 / Ubuntu machine, as root:
#
#   docker.io        Docker Engine (the kubelet's container runtime, Testcontainers)
#   etcd-server      the etcd binary that integration tests start on free ports
#   etcd-client      etcdctl, for poking at the keys by hand
#   busybox-static   one static binary that becomes the local images below
#   openjdk-17-jdk-headless, maven   only if there is no javac / mvn at all
#
# and builds the local images (no registry is reachable on development and CI machines):
#
#   tugboat/busybox:1   busybox with every applet linked in /bin, CMD sh
#   tugboat/pause:1     the same rootfs running `sleep infinity`: the pod sandbox container
#   alpine:3.17         a tag of tugboat/busybox:1 that Testcontainers' start-up checks run
#
# Idempotent: it only installs what is missing (one `apt-get update`, only if needed), starts
# dockerd only if `docker info` fails, and builds only the images that are absent. A dockerd it
# starts runs detached from the caller's terminal (setsid, all three streams redirected), so the
# caller's stdout/stderr are never held open; its PID goes to $TUGBOAT_DOCKERD_PIDFILE (default
# /run/tugboat-dockerd.pid) so that whoever asked for it (.ci/run) can stop it again.
set -euo pipefail

DOCKERD_LOG=/var/log/tugboat-dockerd.log
DOCKERD_PIDFILE=${TUGBOAT_DOCKERD_PIDFILE:-/run/tugboat-dockerd.pid}
DOCKER_WAIT_SECONDS=60

say() { echo "install-deps: $*"; }
die() { echo "install-deps: error: $*" >&2; exit 1; }

# --- packages ---------------------------------------------------------------------------------

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
# The build itself, on a bare machine (a machine that has its own JDK 17 and Maven keeps them).
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# A machine may already have a Docker Engine from elsewhere (GitHub's runners have docker-ce,
# which conflicts with docker.io): any dockerd will do.
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
# The images need the *static* busybox; the dynamically linked `busybox` package would not run
# in an empty rootfs.
package_installed busybox-static || missing+=(busybox-static)

if ((${#missing[@]} > 0)); then
    [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; run this script as root (sudo bash $0)"
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
else
    say "packages present (javac, mvn, dockerd, etcd, etcdctl, busybox-static)"
fi

BUSYBOX=/bin/busybox
[[ -x $BUSYBOX ]] || BUSYBOX=$(dpkg -L busybox-static | grep -m1 '/busybox$')

# --- docker CLI and engine --------------------------------------------------------------------

# A newer docker CLI (e.g. /usr/local/bin/docker v28) may sit in front of Debian's engine 20.10
# (API 1.41). Current clients negotiate the API version down; should one refuse, pin it.
docker_answers() { docker info >/dev/null 2>&1; }

pin_api_version_if_needed() {
    if ! docker_answers && DOCKER_API_VERSION=1.41 docker info >/dev/null 2>&1; then
        export DOCKER_API_VERSION=1.41
        say "docker CLI needs DOCKER_API_VERSION=1.41 to talk to this engine"
    fi
}

command -v docker >/dev/null 2>&1 || die "no docker CLI on PATH"
pin_api_version_if_needed
if docker_answers; then
    say "docker engine already running"
else
    [[ $(id -u) -eq 0 ]] || die "docker engine not running; run this script as root to start it"
    say "starting dockerd (log: $DOCKERD_LOG)"
    # setsid: own session, so no terminal signal reaches it; </dev/null >log 2>&1: holds none
    # of our streams. In a non-interactive shell the background child is not a process-group
    # leader, so setsid execs dockerd in place and $! is dockerd's PID.
    setsid dockerd </dev/null >"$DOCKERD_LOG" 2>&1 &
    dockerd_pid=$!
    for ((i = 0; i < DOCKER_WAIT_SECONDS; i++)); do
        pin_api_version_if_needed
        docker_answers && break
        if ! kill -0 "$dockerd_pid" 2>/dev/null; then
            # Someone else may have started an engine at the same moment; theirs counts.
            docker_answers && break
            die "dockerd exited; last lines of $DOCKERD_LOG:"$'\n'"$(tail -n 20 "$DOCKERD_LOG")"
        fi
        sleep 1
    done
    docker_answers || die "docker engine did not answer within ${DOCKER_WAIT_SECONDS}s; see $DOCKERD_LOG"
    if kill -0 "$dockerd_pid" 2>/dev/null; then
        echo "$dockerd_pid" >"$DOCKERD_PIDFILE"
        say "dockerd running (pid $dockerd_pid, recorded in $DOCKERD_PIDFILE)"
    else
        say "another dockerd answered; leaving it alone"
    fi
fi

# --- local images -----------------------------------------------------------------------------

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

import_busybox_rootfs() { # <tag> <docker import --change args...>
    local tag=$1
    shift
    local rootfs
    rootfs=$(mktemp -d)
    mkdir -p "$rootfs/bin" "$rootfs/tmp"
    chmod 1777 "$rootfs/tmp"
    cp "$BUSYBOX" "$rootfs/bin/busybox"
    local applet
    for applet in $("$rootfs/bin/busybox" --list); do
        [[ $applet == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -c . | docker import "$@" - "$tag" >/dev/null
    rm -rf "$rootfs"
    say "built $tag"
}

PATH_ENV='ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

image_present tugboat/busybox:1 ||
    import_busybox_rootfs tugboat/busybox:1 --change "$PATH_ENV" --change 'CMD ["/bin/sh"]'
# PID 1 ignores SIGTERM, so a sandbox is stopped with SIGKILL (docker stop does that after its
# grace period; the kubelet sends it directly).
image_present tugboat/pause:1 ||
    import_busybox_rootfs tugboat/pause:1 --change "$PATH_ENV" --change 'CMD ["/bin/sleep","infinity"]'
if ! image_present alpine:3.17; then
    docker tag tugboat/busybox:1 alpine:3.17
    say "tagged alpine:3.17 (for Testcontainers)"
fi
say "images present: tugboat/busybox:1 tugboat/pause:1 alpine:3.17"
