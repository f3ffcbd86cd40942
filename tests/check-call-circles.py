#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No call circle between the files of a library (docs/design.md).

Reads the static libraries given as arguments with nm: for each object
file, the symbols it defines and the ones it uses. A file that calls a
file which (directly or through others) calls it back is a circle, and
the test fails naming the files and the calls that make it. Files of one
object split in parts (FILE.c and FILE-PART.c, sharing FILE-private.h)
count as one, as gnome-text-editor's editor-window*.c do.
"""
import glob
import os
import re
import subprocess
import sys


def unit_of(member, parts):
    """The file MEMBER (an object file in an archive) belongs to: its own
    stem, or the object it is a part of."""
    stem = re.sub(r'\.c\.o$', '', member)
    stem = stem.rsplit('_', 1)[-1]          # meson names objects FOLDER_FILE.c.o
    for owner in parts:
        if stem == owner or stem.startswith(owner + '-'):
            return owner
    return stem


def read(archives):
    """Which object file defines each symbol, and which symbols each uses."""
    defined, used = {}, {}
    for archive in archives:
        out = subprocess.run(['nm', '-A', archive], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            # ARCHIVE:MEMBER:ADDRESS TYPE SYMBOL, or ARCHIVE:MEMBER: U SYMBOL
            _, member, entry = line.split(':', 2)
            member = os.path.basename(member)
            fields = entry.split()
            if len(fields) == 3 and fields[1] in 'TDRB':
                defined[fields[2]] = member
            elif len(fields) == 2 and fields[0] == 'U':
                used.setdefault(member, set()).add(fields[1])
    return defined, used


def circles(graph):
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def main():
    parts, archives = [], []
    for arg in sys.argv[1:]:
        if arg.startswith('--parts='):
            # FOLDER: each FILE-private.h there makes FILE.c and FILE-*.c one.
            folder = arg.split('=', 1)[1]
            parts += [os.path.basename(h)[:-len('-private.h')] for h in glob.glob(folder + '/**/*-private.h', recursive=True)]
        else:
            archives.append(arg)
    parts.sort(key=len, reverse=True)
    defined, used = read(archives)
    graph, calls = {}, {}
    for member, symbols in used.items():
        a = unit_of(member, parts)
        for symbol in symbols:
            if symbol in defined:
                b = unit_of(defined[symbol], parts)
                if a != b:
                    graph.setdefault(a, set()).add(b)
                    calls.setdefault((a, b), []).append(symbol)
    found = circles(graph)
    print('1..1')
    if not found:
        print('ok 1 - no call circle between the files of %s' % ' '.join(os.path.basename(a) for a in archives))
        return 0
    print('not ok 1 - call circles between files')
    for component in found:
        print('# circle: ' + ', '.join(component))
        for a in component:
            for b in component:
                if (a, b) in calls:
                    print('#   %s -> %s: %s' % (a, b, ' '.join(sorted(calls[(a, b)])[:6])))
    return 1


if __name__ == '__main__':
    sys.exit(main())
