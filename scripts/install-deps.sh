#!/usr/bin/env bash
# Installs what reqprobe needs from Debian 12's packages, and only what is missing (apt-get, as root or sudo).
# Usage: scripts/install-deps.sh            build, test and benchmark dependencies
set -euo pipefail

packages=(
  cmake ninja-build g++ clang libclang-rt-14-dev llvm clang-format   # toolchains, libFuzzer, coverage, format
  rapidjson-dev libcli11-dev                                           # contract loading, JSON output, CLI
  libfyaml-dev pkg-config                                              # YAML contracts (YAML 1.2)
  libidn2-dev                                                          # IDNA2008 for the hostname formats
  libre2-dev                                                           # patterns (RE2)
  libgtest-dev libgmock-dev                                            # tests
  libbenchmark-dev libsimdjson-dev libvalijson-dev                     # benchmarks and their baselines
  libcurl4-openssl-dev libcpp-httplib-dev                              # replay client and mock endpoint
  zip                                                                  # OSS-Fuzz seed corpus archives
  wrk                                                                  # replay throughput baseline (bench/replay_vs_wrk.sh)
  valgrind                                                             # exact instruction counts (bench/instructions.sh)
  yamllint                                                             # the CI recipes in ci/ (tests/packaging)
  nodejs                                                               # the independent test server (tests/servers)
  chromium                                                             # the --html report's browser test (headless)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
