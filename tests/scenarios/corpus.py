"""The labelled scenario corpus: real household behaviour, and which streams should alert.

Every scenario says which alerts it must raise (`expect`: kind and the label of the
stream that is out of place, which the alert must name as `stream_id`), which it may
raise without being wrong (`allow`), and its category, which sets the targets:
takeover and sharing need every expected alert (recall 1.0); a trip may raise at most
one alert; quiet scenarios (LAN, trusted networks, same-network changes, carriers
within the floor) must raise none. Every alert must come in the poll its stream was
located in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import Any

from custom_components.plexgeo.const import CONF_LOOKBACK_DAYS, CONF_TRUSTED_NETWORKS
from simulator.places import place
from simulator.scenario import SimSession, ipv6_session, lan_session, wan_session

from .household import Household

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
POLL = timedelta(seconds=30)
# Where Home Assistant is (its configured home), unless a scenario says otherwise.
HOME = place("london")


class Category(StrEnum):
    """What a scenario stands for, and so which target it is held to."""

    TAKEOVER = "takeover"
    SHARING = "sharing"
    TRIP = "trip"
    QUIET = "quiet"
    OPT_IN = "opt_in"


@dataclass(frozen=True, slots=True)
class Label:
    """An alert the scenario expects (or tolerates): its kind and out-of-place stream."""

    kind: str
    stream: str
    other: str | None = None


type Script = Callable[[Household], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One labelled story."""

    name: str
    category: Category
    script: Script
    expect: tuple[Label, ...] = ()
    allow: tuple[Label, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    home: str = HOME.key  # the place key Home Assistant's home is set to


SCENARIOS: list[Scenario] = []


def scenario(
    category: Category,
    *,
    expect: tuple[Label, ...] = (),
    allow: tuple[Label, ...] = (),
    options: dict[str, Any] | None = None,
    home: str = HOME.key,
) -> Callable[[Script], Script]:
    """Register a scenario script under its function name."""

    def register(script: Script) -> Script:
        SCENARIOS.append(
            Scenario(script.__name__, category, script, expect, allow, options or {}, home)
        )
        return script

    return register


def user(user_id: int, name: str, **changes: Any) -> SimSession:
    """A base session for one account and device."""
    return SimSession(user_id=user_id, user_name=name, **changes)


PHONE = {"player_title": "Pixel 8", "player_machine_id": "a1f0c3d5e7b9-pixel8"}
LAPTOP = {"player_title": "Chrome", "player_machine_id": "4e6d2c0b9a87-chrome"}


async def history(
    h: Household, label: str, session: SimSession, count: int, every: timedelta = DAY
) -> None:
    """`count` whole streams of one session, `every` apart."""
    for n in range(count):
        await h.watch(f"{label}{n}", session)
        h.freezer.tick(every - HOUR)


# --- takeovers ----------------------------------------------------------------------------


@scenario(
    Category.TAKEOVER,
    expect=(Label("rare_country", "intruder"),),
    allow=(Label("impossible_travel", "intruder"), Label("new_network", "intruder")),
)
async def lan_household_takeover(h: Household) -> None:
    """A household that only watches on the LAN; then the account plays from Sydney."""
    alice = user(1, "alice")
    await history(h, "home", lan_session(alice), 8)
    await h.start("intruder", wan_session("sydney", alice, **LAPTOP))
    await h.poll()


@scenario(
    Category.TAKEOVER,
    expect=(Label("rare_country", "intruder"),),
    allow=(Label("impossible_travel", "intruder"), Label("new_network", "intruder")),
)
async def remote_user_takeover(h: Household) -> None:
    """A friend who streams from home in Manchester; the account plays from São Paulo."""
    ben = user(2, "ben")
    await history(h, "home", wan_session("manchester", ben), 10)
    await h.start("intruder", wan_session("sao_paulo", ben, **LAPTOP))
    await h.poll()


@scenario(
    Category.TAKEOVER,
    expect=(Label("impossible_travel", "far", "last_home"),),
    allow=(Label("rare_country", "far"), Label("new_network", "far")),
    options={CONF_TRUSTED_NETWORKS: "185.220.101.0/24"},
)
async def trusted_vpn_hides_travel(h: Household) -> None:
    """Home, then the phone on the trusted VPN, then 2,500 km away an hour later."""
    dan = user(4, "dan")
    await history(h, "home", wan_session("london", dan), 3)
    await h.watch("last_home", wan_session("london", dan))
    await h.watch("vpn", wan_session("frankfurt_vpn", dan, **PHONE), timedelta(minutes=10))
    h.freezer.tick(HOUR)
    await h.start("far", wan_session("istanbul", dan, **LAPTOP))
    await h.poll()


@scenario(
    Category.TAKEOVER,
    expect=(Label("rare_country", "intruder"),),
    allow=(Label("new_network", "intruder"), Label("impossible_travel", "intruder")),
)
async def first_poll_after_restart(h: Household) -> None:
    """The account plays from Tokyo while Home Assistant is down; the first poll sees it."""
    eve = user(5, "eve")
    await history(h, "home", wan_session("london", eve), 6)
    await h.unload()
    await h.start("intruder", wan_session("tokyo", eve, **LAPTOP))
    h.freezer.tick(10 * MINUTE)
    await h.load()


# --- sharing --------------------------------------------------------------------------------


@scenario(
    Category.SHARING,
    expect=(Label("concurrent_locations", "friend", "owner"),),
    allow=(Label("new_network", "friend"), Label("rare_country", "friend")),
)
async def sharing_alternating(h: Household) -> None:
    """Owner in London, a friend in New York: overlapping, then alternating 20 s apart."""
    fred = user(6, "fred")
    await history(h, "home", wan_session("london", fred), 10)
    await h.start("owner", wan_session("london", fred))
    await h.poll()
    h.freezer.tick(20 * MINUTE)
    await h.start("friend", wan_session("new_york", fred, **LAPTOP))
    await h.poll()
    h.freezer.tick(40 * MINUTE)
    await h.poll()
    # They alternate: one stops, the other starts 20 s later, again and again.
    for n in range(3):
        await h.stop("owner" if n == 0 else f"owner{n}")
        h.freezer.tick(timedelta(seconds=20))
        await h.poll()
        await h.stop("friend" if n == 0 else f"friend{n}")
        await h.start(f"owner{n + 1}", wan_session("london", fred))
        h.freezer.tick(timedelta(seconds=20))
        await h.poll()
        await h.start(f"friend{n + 1}", wan_session("new_york", fred, **LAPTOP))
        h.freezer.tick(timedelta(seconds=20))
        await h.poll()


@scenario(
    Category.SHARING,
    expect=(Label("concurrent_locations", "friend", "owner"),),
    allow=(Label("new_network", "friend"), Label("rare_country", "friend")),
)
async def sharing_same_poll(h: Household) -> None:
    """Owner in London and a friend in Berlin start between the same two polls."""
    gina = user(7, "gina")
    await history(h, "home", wan_session("london", gina), 10)
    await h.start("owner", wan_session("london", gina))
    await h.start("friend", wan_session("berlin", gina, **LAPTOP))
    await h.poll()


@scenario(
    Category.SHARING,
    expect=(Label("concurrent_locations", "friend", "owner"),),
    allow=(Label("new_network", "friend"), Label("rare_country", "friend")),
)
async def sharing_seen_late(h: Household) -> None:
    """A geolocation outage: the friend's place is known after the owner's stream ended."""
    hugo = user(8, "hugo")
    await history(h, "home", wan_session("london", hugo), 10)
    await h.geolocation(up=False)
    await h.start("owner", wan_session("london", hugo))  # cached: located at once
    await h.poll()
    h.freezer.tick(5 * MINUTE)
    await h.start("friend", wan_session("chicago", hugo, **LAPTOP))
    await h.wait(25 * MINUTE, polls=2)
    await h.stop("owner")
    await h.wait(10 * MINUTE)
    await h.geolocation(up=True)
    await h.wait(POLL)


@scenario(
    Category.SHARING,
    expect=(Label("concurrent_locations", "friend", "owner"),),
    allow=(Label("new_network", "friend"), Label("rare_country", "friend")),
)
async def sharing_across_reload(h: Household) -> None:
    """The owner watches in London, the entry reloads mid-stream, a friend joins from Madrid."""
    iris = user(9, "iris")
    await history(h, "home", wan_session("london", iris), 10)
    await h.start("owner", wan_session("london", iris))
    await h.poll()
    h.freezer.tick(10 * MINUTE)
    await h.reload()
    h.freezer.tick(10 * MINUTE)
    await h.start("friend", wan_session("madrid", iris, **LAPTOP))
    await h.poll()
    await h.wait(10 * MINUTE)


@scenario(
    Category.SHARING,
    expect=(Label("concurrent_locations", "friend", "owner"),),
    allow=(Label("new_network", "friend"), Label("rare_country", "friend")),
)
async def sharing_with_lan_owner(h: Household) -> None:
    """The owner watches at home on the LAN while the account plays in New York."""
    vera = user(22, "vera")
    await history(h, "home", lan_session(vera), 6)
    await h.start("owner", lan_session(vera))
    await h.poll()
    h.freezer.tick(15 * MINUTE)
    await h.start("friend", wan_session("new_york", vera, **LAPTOP))
    await h.poll()
    await h.wait(30 * MINUTE)


# --- trips ----------------------------------------------------------------------------------


async def _trip(
    h: Household, name: str, user_id: int, days_before: int, label: str = "london"
) -> None:
    """A New York user spends a week in London, streaming every evening, and flies back."""
    traveller = user(user_id, name)
    await history(h, "home", wan_session("new_york", traveller), days_before)
    h.freezer.tick(9 * HOUR)  # the flight
    for day in range(7):
        hotel = wan_session("london", traveller, address_index=day % 3, **PHONE)
        await h.watch(f"{label}{day}", hotel)
        h.freezer.tick(DAY - HOUR)
    h.freezer.tick(9 * HOUR)
    await h.watch(f"{label}_back", wan_session("new_york", traveller))


@scenario(
    Category.TRIP,
    expect=(Label("rare_country", "london0"),),
    allow=(Label("new_network", "london0"),),
)
async def trip_week_in_london(h: Household) -> None:
    """A New York user with three weeks of history spends a week in London."""
    await _trip(h, "jack", 10, 20)


@scenario(
    Category.TRIP,
    expect=(Label("rare_country", "london0"),),
    allow=(Label("new_network", "london0"),),
)
async def trip_long_history(h: Household) -> None:
    """The same week in London for a user with three months of history."""
    await _trip(h, "kate", 11, 80)


@scenario(
    Category.TRIP,
    expect=(Label("rare_country", "london0"), Label("rare_country", "again0")),
    allow=(Label("new_network", "london0"),),
    options={CONF_LOOKBACK_DAYS: 20},
)
async def two_trips(h: Household) -> None:
    """Two trips to London a month apart (a 20-day look-back, so London is rare again), the
    first alert acknowledged and the user home in between: one alert each."""
    await _trip(h, "walt", 23, 20)
    await h.acknowledge_all()
    h.freezer.tick(20 * DAY)
    await _trip(h, "walt", 23, 10, label="again")


# --- quiet: nothing should alert ------------------------------------------------------------


@scenario(Category.QUIET)
async def lan_only_household(h: Household) -> None:
    """Two people at home watch on the LAN, sometimes at once."""
    liam, mona = user(12, "liam"), user(13, "mona", **PHONE)
    await history(h, "liam", lan_session(liam), 5)
    await h.start("both_liam", lan_session(liam))
    await h.start("both_mona", lan_session(mona, address="192.168.1.31"))
    await h.wait(HOUR)


@scenario(Category.QUIET, options={CONF_TRUSTED_NETWORKS: "185.220.101.0/24"})
async def trusted_vpn_is_not_history(h: Household) -> None:
    """A user who always streams through the trusted VPN streams once from home."""
    nina = user(14, "nina")
    await history(h, "vpn", wan_session("frankfurt_vpn", nina), 10)
    await h.watch("home", wan_session("london", nina))


@scenario(Category.QUIET, home="strasbourg")
async def carrier_exit_across_border(h: Household) -> None:
    """A Strasbourg viewer's phone exits through Frankfurt, 183 km away in Germany."""
    omar = user(15, "omar")
    await history(h, "home", wan_session("strasbourg", omar), 10)
    await h.watch("phone", wan_session("frankfurt_mobile", omar, **PHONE))


@scenario(Category.QUIET)
async def home_ipv4_change_same_24(h: Household) -> None:
    """The ISP hands the household another address in its /24, which the database misplaces."""
    paul = user(16, "paul")
    await history(h, "home", wan_session("london", paul), 6)
    await h.watch("recent", wan_session("london", paul))
    h.relocate("81.2.69.77", "edinburgh")
    h.freezer.tick(10 * MINUTE)
    renumbered = replace(wan_session("london", paul), address="81.2.69.77")
    await h.watch("renumbered", replace(renumbered, remote_public_address="81.2.69.77"))


@scenario(Category.QUIET)
async def home_ipv6_change_same_64(h: Household) -> None:
    """A new IPv6 interface id in the same /64, misplaced by the database."""
    quin = user(17, "quin")
    await history(h, "home", ipv6_session("london", quin), 6)
    await h.watch("recent", ipv6_session("london", quin))
    h.relocate("2a00:23c4:5b1:e01::99", "edinburgh")
    h.freezer.tick(10 * MINUTE)
    address = "2a00:23c4:5b1:e01::99"
    renumbered = replace(ipv6_session("london", quin), address=address)
    await h.watch("renumbered", replace(renumbered, remote_public_address=address))


@scenario(Category.QUIET, home="new_york")
async def country_level_location(h: Household) -> None:
    """A New York user's phone on a carrier the database only knows to the country."""
    rosa = user(18, "rosa")
    await history(h, "home", wan_session("new_york", rosa), 10)
    await h.watch("recent", wan_session("new_york", rosa))
    h.freezer.tick(30 * MINUTE)
    await h.watch("phone", wan_session("us_country", rosa, **PHONE))


# --- opt-in alerts --------------------------------------------------------------------------


@scenario(
    Category.OPT_IN,
    expect=(Label("new_device", "tablet"),),
    options={"new_device_alerts": True},
)
async def new_device(h: Household) -> None:
    """A household member starts watching on a tablet never used before."""
    sam = user(19, "sam")
    await history(h, "home", lan_session(sam), 5)
    tablet = {"player_title": "iPad", "player_machine_id": "0f9e8d7c6b5a-ipad"}
    await h.watch("tablet", lan_session(sam, **tablet))


@scenario(
    Category.OPT_IN,
    expect=(Label("new_network", "office"),),
    options={"new_network_alerts": True},
)
async def new_network(h: Household) -> None:
    """A London user streams from a Manchester office network for the first time."""
    tina = user(20, "tina")
    await history(h, "home", wan_session("london", tina), 6)
    await h.watch("office", wan_session("manchester", tina, **LAPTOP))


@scenario(
    Category.OPT_IN,
    expect=(Label("concurrent_streams", "third"),),
    options={"concurrent_streams_limit": 2},
)
async def concurrent_streams_limit(h: Household) -> None:
    """Three streams at once on one account, at home, with a limit of two."""
    uma = user(21, "uma")
    await h.start("first", lan_session(uma))
    await h.poll()
    await h.start("second", lan_session(uma, **PHONE))
    await h.poll()
    await h.start("third", lan_session(uma, **LAPTOP))
    await h.poll()
    await h.wait(HOUR)
