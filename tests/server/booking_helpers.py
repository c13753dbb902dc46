"""Shared set-up for the booking tests: a host and a page created through the owner API."""
import datetime
import uuid

from kairos_http import call, owner

ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def make_page(event_type=None, hosts=1, weekly=ALL_WEEK, mode="any", key=None, server=None, rooms=0, zone="Etc/UTC"):
    """Creates `hosts` hosts and a page with one event type "meet"; returns (page id, host ids, room ids)."""
    kw = {"server": server}
    if key:
        kw["key"] = key
    host_ids = []
    for i in range(hosts):
        r = owner("POST", "/v1/admin/hosts", {"name": "Host %d" % i, "email": "host%d@example.com" % i,
                                               "timezone": zone, "weekly_hours": weekly}, **kw)
        assert r.status == 201, r
        host_ids.append(r.json["id"])
    room_ids = []
    for i in range(rooms):
        r = owner("POST", "/v1/admin/rooms", {"name": "Room %d" % i}, **kw)
        assert r.status == 201, r
        room_ids.append(r.json["id"])
    # Buffers default to 15 minutes each in the core (seed 003); these tests want none.
    et = {"id": "meet", "name": "Meeting", "duration_minutes": 30, "buffer_before_minutes": 0, "buffer_after_minutes": 0}
    et.update(event_type or {})
    if room_ids:
        et["rooms"] = room_ids
    pid = "p-" + uuid.uuid4().hex[:10]
    r = owner("POST", "/v1/admin/pages", {"id": pid, "name": "Test page", "hosts": host_ids, "host_mode": mode,
                                         "event_types": [et]}, **kw)
    assert r.status == 201, r
    return pid, host_ids, room_ids


def slots(pid, day_from, day_to, tz="Etc/UTC", server=None, event_type="meet"):
    r = call("GET", "/v1/pages/%s/slots?event_type=%s&from=%s&to=%s&tz=%s" % (pid, event_type, day_from, day_to, tz),
             server=server)
    assert r.status == 200, r
    return r.json


def flat(slot_reply):
    return [s for day in sorted(slot_reply["days"]) for s in slot_reply["days"][day]]


def book(pid, start, name="Guest", email="guest@example.com", server=None, headers=None, event_type="meet", **extra):
    body = {"page": pid, "event_type": event_type, "start": start, "guest": {"name": name, "email": email}}
    body.update(extra)
    return call("POST", "/v1/bookings", body, server=server, headers=headers)
