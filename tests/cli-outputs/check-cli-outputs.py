#!/usr/bin/python3
# check-cli-outputs.py MERCATO_CLI SOURCE_ROOT [--update]
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What mercato-cli prints and writes, to the byte: each case below runs
# one command on the sample or a fixture and compares its exit status,
# standard error, standard output and the files it wrote with
# tests/cli-outputs/NAME.txt. test-cli.c checks what the outputs mean;
# this catches any change to them at all, such as one a reorganisation
# of the commands makes by mistake. After a change meant to alter an
# output, run with --update and read the diff before committing it.
#
# Paths are written $SRC (the source tree) and $OUT (the case's folder).
# Images and PDFs depend on the fonts installed: only their presence is
# recorded. Workbooks are compared by their entries, without the dates
# of docProps/core.xml. A large output or file is recorded by its
# SHA-256, a small text file in full as well.

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

SAMPLE = '$SRC/app/sample/automotive'
SHOP = '$SRC/tests/fixtures/cli/shop'
INVOICES = '$SRC/tests/fixtures/model/invoices'

# (name, arguments, how stdout is kept: 'text' or 'sha256')
CASES = [
    ('usage', [], 'text'),
    ('help', ['--help'], 'text'),
    ('help-after-command', ['rfm', SAMPLE, '--help'], 'sha256'),
    ('unknown-command', ['frobnicate'], 'text'),
    ('no-path', ['describe'], 'text'),
    ('describe-sample', ['describe', SAMPLE], 'text'),
    ('describe-shop', ['describe', SHOP], 'text'),
    ('describe-unterminated', ['describe', '$SRC/tests/fixtures/cli/unterminated.csv'], 'text'),
    ('describe-missing', ['describe', '/nonexistent/sales.csv'], 'text'),
    ('check-sample', ['check', SAMPLE], 'text'),
    ('check-planted', ['check', '$SRC/tests/fixtures/checks/planted'], 'text'),
    ('model-sample', ['model', SAMPLE], 'text'),
    ('model-set', ['model', INVOICES, '--set', 'amount=UnitPrice'], 'text'),
    ('model-unknown-key', ['model', INVOICES, '--set', 'colour=blue'], 'text'),
    ('metrics-sample', ['metrics', SAMPLE], 'sha256'),
    ('metrics-shop', ['metrics', SHOP], 'text'),
    ('metrics-sessions-only', ['metrics', '$SRC/tests/corpus/online-shoppers/data'], 'text'),
    ('metrics-no-purchases', ['metrics', '$SRC/tests/fixtures/cleaning'], 'text'),
    ('metrics-bad-amount', ['metrics', INVOICES, '--set', 'amount=Quantity*Colour'], 'text'),
    ('clean-sample', ['clean', SAMPLE, '--out', 'cleaned'], 'text'),
    ('clean-sample-xlsx', ['clean', SAMPLE, '--out', 'cleaned', '--xlsx'], 'text'),
    ('clean-shop-recipe', ['clean', SHOP, '--out', 'deep/er/cleaned',
                           '--recipe', '$SRC/tests/cli-outputs/shop-recipe.ini'], 'text'),
    ('clean-no-recipe', ['clean', SHOP, '--out', 'cleaned', '--recipe', '/nonexistent.ini'], 'text'),
    ('clean-into-sources', ['clean', SAMPLE, '--out', SAMPLE], 'text'),
    ('clean-no-out', ['clean', SAMPLE], 'text'),
    ('clean-bad-option', ['clean', SAMPLE, '--bogus'], 'text'),
    ('rfm-sample', ['rfm', SAMPLE, '--out', 'rfm.csv'], 'text'),
    ('rfm-sample-xlsx', ['rfm', SAMPLE, '--out', 'rfm.xlsx'], 'text'),
    ('rfm-since-at', ['rfm', SAMPLE, '--out', 'rfm.csv', '--since', '2023-06-30', '--at', '2024-01-01'], 'text'),
    ('rfm-bad-date', ['rfm', SAMPLE, '--out', 'rfm.csv', '--at', '31/01/2024'], 'text'),
    ('rfm-over-source', ['rfm', SAMPLE, '--out', SAMPLE + '/sales.csv'], 'text'),
    ('segment-sample', ['segment', SAMPLE, '--out', 'segments.csv'], 'text'),
    ('segment-behaviour-xlsx', ['segment', SAMPLE, '--out', 'segments.xlsx', '--preset', 'behaviour',
                                '--k', '3'], 'text'),
    ('segment-options', ['segment', SAMPLE, '--out', 'segments.csv', '--k-range', '2-4', '--scale', 'minmax',
                         '--no-log1p', '--n-init', '3', '--seed', '7'], 'text'),
    ('segment-bad-k', ['segment', SAMPLE, '--out', 'segments.csv', '--k', '1'], 'text'),
    ('chart-list', ['chart', SAMPLE, '--chart', 'list'], 'text'),
    ('chart-csv', ['chart', SAMPLE, '--chart', 'sales-trend', '--out', 'trend.csv'], 'text'),
    ('chart-xlsx', ['chart', SAMPLE, '--chart', 'sales-trend', '--out', 'trend.xlsx'], 'text'),
    ('chart-png', ['chart', SAMPLE, '--chart', 'sales-trend', '--out', 'trend.png', '--size', '900x500',
                   '--scale', '2'], 'text'),
    ('chart-unknown', ['chart', SAMPLE, '--chart', 'pie', '--out', 'pie.png'], 'text'),
    ('chart-bad-size', ['chart', SAMPLE, '--chart', 'amounts', '--out', 'a.png', '--size', 'huge'], 'text'),
    ('report-sample', ['report', SAMPLE, '--out', 'report.pdf'], 'text'),
    ('report-not-pdf', ['report', SAMPLE, '--out', 'report.txt'], 'text'),
]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def workbook_digest(path):
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as workbook:
        for name in sorted(workbook.namelist()):
            data = workbook.read(name)
            if name == 'docProps/core.xml':
                data = re.sub(rb'<dcterms:(created|modified)[^<]*</dcterms:\w+>', b'', data)
            digest.update(name.encode() + b'\0' + data + b'\0')
    return digest.hexdigest()


def describe_file(path):
    if path.endswith(('.png', '.svg', '.pdf')):
        return 'written' if os.path.getsize(path) > 0 else 'empty'
    if path.endswith('.xlsx'):
        return 'entries ' + workbook_digest(path)
    with open(path, 'rb') as f:
        data = f.read()
    # A small text file in full, so that a difference shows in the diff.
    if len(data) <= 4096 and b'\0' not in data:
        return sha256(data) + '\n' + ''.join('  | ' + line + '\n' for line in data.decode('utf-8', 'replace').splitlines())
    return sha256(data)


def record(cli, source_root, out, name, args, keep):
    folder = os.path.join(out, name)
    os.makedirs(folder)
    real_args = [a.replace('$SRC', source_root) for a in args]
    # English messages and C-locale numbers, whatever the machine's language.
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
    run = subprocess.run([cli] + real_args, cwd=folder, capture_output=True, env=env)

    def plain(data):
        return data.decode('utf-8', 'replace').replace(folder, '$OUT').replace(source_root, '$SRC')

    stdout = plain(run.stdout)
    if keep == 'sha256':
        stdout = 'sha256 ' + sha256(stdout.encode()) + '\n'
    files = []
    for parent, _, names in os.walk(folder):
        for file_name in names:
            path = os.path.join(parent, file_name)
            files.append('%s %s\n' % (os.path.relpath(path, folder), describe_file(path).rstrip('\n')))
    return ''.join(['$ mercato-cli %s\n' % ' '.join(args), 'status %d\n' % run.returncode,
                    '--- stderr\n', plain(run.stderr), '--- stdout\n', stdout,
                    '--- files\n'] + sorted(files))


def main():
    cli, source_root = os.path.abspath(sys.argv[1]), os.path.realpath(sys.argv[2])
    update = '--update' in sys.argv[3:]
    expected_dir = os.path.join(source_root, 'tests', 'cli-outputs')
    out = tempfile.mkdtemp(prefix='mercato-cli-outputs-')
    failed = 0
    print('1..%d' % len(CASES))
    try:
        for number, (name, args, keep) in enumerate(CASES, 1):
            got = record(cli, source_root, out, name, args, keep)
            expected_path = os.path.join(expected_dir, name + '.txt')
            if update:
                with open(expected_path, 'w') as f:
                    f.write(got)
            with open(expected_path) as f:
                expected = f.read()
            if got == expected:
                print('ok %d - %s' % (number, name))
                continue
            failed += 1
            print('not ok %d - %s: the output differs from tests/cli-outputs/%s.txt' % (number, name, name))
            for line in got.splitlines()[:40]:
                print('# ' + line)
    finally:
        shutil.rmtree(out)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
