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


def include_graph(folders):
    """Which project header each header of FOLDERS includes."""
    headers = [h for folder in folders for h in glob.glob(folder + '/**/*.h', recursive=True)]
    names = {os.path.basename(h) for h in headers}
    graph = {}
    for h in headers:
        name = os.path.basename(h)
        with open(h, encoding='utf-8') as f:
            graph[name] = {i for i in re.findall(r'#include "([^"]+)"', f.read()) if i in names and i != name}
    return graph


def report(number, what, found, calls=None):
    if not found:
        print('ok %d - no %s' % (number, what))
        return 0
    print('not ok %d - %s' % (number, what.replace('no ', '', 1)))
    for component in found:
        print('# circle: ' + ', '.join(component))
        for a in component:
            for b in component:
                if calls and (a, b) in calls:
                    print('#   %s -> %s: %s' % (a, b, ' '.join(sorted(calls[(a, b)])[:6])))
    return 1


def main():
    parts, archives, header_folders = [], [], []
    for arg in sys.argv[1:]:
        if arg.startswith('--headers='):
            # FOLDER: its headers must not include each other in a circle.
            header_folders.append(arg.split('=', 1)[1])
        elif arg.startswith('--parts='):
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
    print('1..2' if header_folders else '1..1')
    failed = report(1, 'call circle between the files of %s' % ' '.join(os.path.basename(a) for a in archives),
                    found, calls)
    if header_folders:
        failed |= report(2, 'include circle between the headers of %s' % ' '.join(header_folders),
                         circles(include_graph(header_folders)))
    return failed


if __name__ == '__main__':
    sys.exit(main())
