#!/usr/bin/env bash
# What the tests need besides npm packages: protoc (the .proto compiles with stock protoc), openssl
# (a certificate for the TLS tests), python3 (the independent vector checker), chromium (the
# browser tests) and socat (pseudo-terminal pairs for the serial tests). `npm test` runs this first, and so does CI. Missing tools are installed with
# apt-get when this user can (root, or sudo without a password); otherwise it says what to install.
set -uo pipefail
declare -A package=([protoc]=protobuf-compiler [openssl]=openssl [python3]=python3 [chromium]=chromium [socat]=socat)
missing=()
for tool in protoc openssl python3 chromium socat; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${package[$tool]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "hwbind tests need: ${missing[*]} (Debian package names). Install them with your package manager, then run npm test again." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "hwbind tests need: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing what the tests need: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null || {
  echo "apt-get could not install ${missing[*]}: install them, then run npm test again" >&2
  exit 1
}
