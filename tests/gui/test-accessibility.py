#!/usr/bin/python3
# Reads the running app as a screen reader does (AT-SPI): every control
# of every page — the segmentation wizard through to its results — has a
# name, and every chart says in words what it shows. TAP output.
#
# Debian's python3 has pyatspi (python3-pyatspi); the app runs on the X
# display and D-Bus session the GUI tests run in.
import os
import subprocess
import sys
import time

print("1..3")
# The app keeps the tests' fatal warnings; the reader's own GLib does not
# need them (pyatspi's bindings warn of things that are not ours).
app_env = dict(os.environ)
os.environ.pop("G_DEBUG", None)
if not os.environ.get("DISPLAY") or subprocess.call(["which", "xdotool"], stdout=subprocess.DEVNULL) != 0:
    for i in range(1, 4):
        print(f"ok {i} # SKIP needs xdotool and an X display")
    sys.exit(0)

# The app first: it starts this session's accessibility bus, which the
# reader then joins (a bus address left by an earlier session would not
# answer).
sample = os.path.join(os.environ["MERCATO_SOURCE_ROOT"], "app", "sample", "automotive")
app_process = subprocess.Popen([os.environ["MERCATO_APP"], sample], env=app_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
subprocess.call(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app_process.pid), "--name", "Mercato"],
                stdout=subprocess.DEVNULL, timeout=60)
try:
    import pyatspi
except ImportError:
    app_process.terminate()
    for i in range(1, 4):
        print(f"ok {i} # SKIP pyatspi (python3-pyatspi) is not installed")
    sys.exit(0)

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_PROGRESS_BAR, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TABLE,
}
CHART_KINDS = ("Line chart", "Area chart", "Bar chart", "Histogram", "Box plot", "Heat map",
               "Scatter plot", "Tree map", "Funnel", "Figure")


def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)
    time.sleep(0.5)


def find_app(name, seconds):
    end = time.time() + seconds
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def walk(node, found):
    try:
        role, name, count = node.getRole(), node.name, node.childCount
    except Exception:
        return
    found.append((role, name, node.getRoleName()))
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, found)


def has_results(found):
    return any((n or "").startswith("Scatter plot of Customer Map") for _, n, _ in found)


try:
    app = find_app("mercato", 30)
    found = []
    # The Segments page through to its results: Next, Next (k compared),
    # Segment; keys a step is not ready for are ignored, so they are
    # pressed again until the results show.
    end = time.time() + 120
    while app is not None and time.time() < end:
        key("alt+3")
        key("alt+n")
        key("alt+n")
        key("alt+s")
        time.sleep(1)
        found = []
        walk(app, found)
        if has_results(found):
            break

    if app is None or not found:
        print("not ok 1 - the app is on the accessibility bus")
    else:
        print(f"ok 1 - the app is on the accessibility bus ({len(found)} objects)")

    unnamed = [(r, n) for role, n, r in found if role in CONTROLS and not (n or "").strip()]
    controls = sum(1 for role, _, _ in found if role in CONTROLS)
    if unnamed or controls < 40:
        print(f"not ok 2 - every control has a name ({controls} controls)")
        for role_name, _ in unnamed:
            print(f"# unnamed {role_name}")
    else:
        print(f"ok 2 - every control has a name ({controls} controls)")

    charts = [n for _, n, _ in found if n and n.startswith(CHART_KINDS)]
    # The dashboard's charts, the two of k and the two of the segments.
    wanted = ("Line chart of Sales trend", "Line chart of How Far Apart Segments Stand", "Scatter plot of Customer Map",
              "Bar chart of Segments")
    missing = [w for w in wanted if not any(c.startswith(w) for c in charts)]
    if missing or any("." not in c for c in charts):
        print(f"not ok 3 - charts say what they show ({len(charts)} charts)")
        for w in missing:
            print(f"# no chart described as {w}…")
    else:
        print(f"ok 3 - charts say what they show ({len(charts)} charts, e.g. “{charts[0]}”)")
finally:
    app_process.terminate()
    app_process.wait(10)
