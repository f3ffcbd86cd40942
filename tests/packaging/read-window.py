#!/usr/bin/python3
# read-window.py SECONDS TEXT...
#
# Reads the running Mercato as a screen reader does (AT-SPI) and waits
# until some text on its window contains each TEXT: the test of the
# Debian package uses it to see that the window opened by `gio open`
# shows the file's data. Prints what it found; exits 0 when every TEXT
# was seen, 1 when not within SECONDS, 77 without pyatspi.
import re
import sys
import time

try:
    import pyatspi
except ImportError:
    print("SKIP: pyatspi (python3-pyatspi) is not installed")
    sys.exit(77)

def plain(text):
    # Numbers as the locale groups them ("1,487", "1 487") compare as digits.
    return re.sub(r"(?<=\d)[\s,.'\u00a0\u2009\u202f]+(?=\d)", "", text)


def texts(node, found, depth=0):
    if depth > 60:
        return
    try:
        name, count = node.name, node.childCount
    except Exception:
        return
    if name:
        found.add(plain(name))
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            texts(child, found, depth + 1)


seconds = float(sys.argv[1])
wanted = [plain(w) for w in sys.argv[2:]]
end = time.time() + seconds
found = set()
while time.time() < end:
    found = set()
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == "mercato":
            texts(app, found)
    missing = [w for w in wanted if not any(w in text for text in found)]
    if not missing:
        for w in wanted:
            print("seen: " + next(text for text in sorted(found) if w in text))
        sys.exit(0)
    time.sleep(0.5)
print("not seen on the Mercato window: " + ", ".join(missing))
print("texts there: " + " | ".join(sorted(found))[:2000])
sys.exit(1)
