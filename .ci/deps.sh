#!/bin/sh
# deps.sh - make sure the packages xent needs are installed.
#
#   sh .ci/deps.sh build   ncursesw, readline, zlib, libfmt (headers only),
#                          pkg-config, a C and a C++ compiler (C++17, for
#                          <charconv> and fmt in src/core/numconv.cc)
#   sh .ci/deps.sh test    the above, plus Check, tmux and pgrep for `make check`,
#                          and localedef with the de_DE sources (the locale test)
#   sh .ci/deps.sh fuzz    the above, plus clang and libFuzzer for `make fuzz`
#
# Installs what is missing with apt-get (through sudo when not root).  Where
# there is no apt-get it names the packages and fails.
set -eu

want=${1:-build}
pkgs=""

have_pc() { pkg-config --exists "$1" 2>/dev/null; }

command -v pkg-config >/dev/null 2>&1 || pkgs="$pkgs pkg-config"
command -v make >/dev/null 2>&1 || pkgs="$pkgs make"
command -v cc >/dev/null 2>&1 || pkgs="$pkgs gcc"
command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 ||
	pkgs="$pkgs g++"
have_pc ncursesw || pkgs="$pkgs libncurses-dev"
have_pc readline || pkgs="$pkgs libreadline-dev"
have_pc zlib || pkgs="$pkgs zlib1g-dev"
have_pc fmt || pkgs="$pkgs libfmt-dev"
if [ "$want" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || pkgs="$pkgs clang"
	# libFuzzer's runtime ships apart from the compiler in Debian.
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
	    >/dev/null 2>&1 || pkgs="$pkgs libclang-rt-dev"
fi
if [ "$want" = test ]; then
	have_pc check || pkgs="$pkgs check"
	command -v tmux >/dev/null 2>&1 || pkgs="$pkgs tmux"
	command -v pgrep >/dev/null 2>&1 || pkgs="$pkgs procps"
	# The locale test makes de_DE.UTF-8 when it is missing, with
	# localedef (libc-bin, which locales needs), the de_DE source and the
	# UTF-8 charmap (both in locales).
	i18n=/usr/share/i18n
	{ command -v localedef >/dev/null 2>&1 && [ -f $i18n/locales/de_DE ] &&
	  { [ -f $i18n/charmaps/UTF-8.gz ] || [ -f $i18n/charmaps/UTF-8 ]; }; } ||
		pkgs="$pkgs locales"
fi
[ -z "$pkgs" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "xent needs these packages (Debian names):$pkgs" >&2
	echo "Install them with your system's package manager, then run make again." >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "xent needs:$pkgs; run as root: apt-get install$pkgs" >&2
		exit 1
	}
	sudo=sudo
fi
echo "Installing:$pkgs" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >/dev/null
