#!/usr/bin/python3
"""A stand-in for the desktop's screensaver on a private D-Bus session bus (org.freedesktop.ScreenSaver):
it answers Inhibit with a cookie and UnInhibit, and logs each call, with the monotonic time in seconds,
one line each: "inhibit T APP | REASON" and "uninhibit T COOKIE". Usage: fake_screensaver.py LOG_FILE.
Prints "ready" on stdout once it owns the name."""
import sys
import time

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.ScreenSaver">
    <method name="Inhibit">
      <arg type="s" name="application_name" direction="in"/>
      <arg type="s" name="reason_for_inhibit" direction="in"/>
      <arg type="u" name="cookie" direction="out"/>
    </method>
    <method name="UnInhibit"><arg type="u" name="cookie" direction="in"/></method>
    <method name="SimulateUserActivity"/>
  </interface>
</node>
"""

log = open(sys.argv[1], "a", buffering=1)
next_cookie = [41]


def on_call(connection, sender, path, interface, method, params, invocation):
    now = time.monotonic()
    if method == "Inhibit":
        app, reason = params.unpack()
        next_cookie[0] += 1
        log.write(f"inhibit {now:.3f} {app} | {reason}\n")
        invocation.return_value(GLib.Variant("(u)", (next_cookie[0],)))
    elif method == "UnInhibit":
        (cookie,) = params.unpack()
        log.write(f"uninhibit {now:.3f} {cookie}\n")
        invocation.return_value(None)
    else:
        invocation.return_value(None)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    for path in ("/org/freedesktop/ScreenSaver", "/ScreenSaver"):
        connection.register_object(path, info, on_call, None, None)


def on_name(connection, name):
    print("ready", flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.ScreenSaver", Gio.BusNameOwnerFlags.NONE, on_bus, on_name,
                 lambda *a: sys.exit("fake_screensaver: cannot own org.freedesktop.ScreenSaver"))
GLib.MainLoop().run()
