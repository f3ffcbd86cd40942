#!/usr/bin/env bash
# Runs a command on a virtual X display of its own (Xvfb, 1280×800×24).
#
# xvfb-run -a takes the first display number from 99 up that has no lock
# file in this machine's /tmp. Containers on one host can share the
# abstract X sockets (@/tmp/.X11-unix/XN, which clients try first) while
# each has its own /tmp, so two of them both take :99 or :100 and the
# second one's clients reach the first one's server, which turns them
# away ("cannot open display"). Starting from a random number makes
# that unlikely.
set -eu
exec xvfb-run -a -n $((200 + RANDOM % 4000)) -s "-screen 0 1280x800x24" "$@"
