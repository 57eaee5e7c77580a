"""Public addresses and the real places a geolocation service would put them.

The Plex simulator's scenarios take viewers' addresses from here, and the fake ip-api
answers from the same table, so a demo or a test knows where each stream "is".
Addresses are ordinary public allocations (never documentation or private ranges,
which PlexGeo would refuse to look up); nothing is ever sent to them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A city as ip-api would describe it, with the addresses that map to it."""

    key: str
    country_code: str
    country: str
    region: str
    region_name: str
    city: str
    lat: float
    lon: float
    timezone: str
    isp: str
    org: str
    asn: str
    ipv4: tuple[str, ...]
    ipv6: tuple[str, ...] = ()
    mobile: bool = False
    proxy: bool = False
    hosting: bool = False


PLACES: tuple[Place, ...] = (
    Place("london", "GB", "United Kingdom", "ENG", "England", "London", 51.5072, -0.1276,
          "Europe/London", "British Telecommunications PLC", "BT Public Internet Service",
          "AS2856 British Telecommunications PLC",
          ("81.2.69.142", "81.2.69.160", "86.128.44.17"), ("2a00:23c4:5b1:e01::17",)),
    Place("manchester", "GB", "United Kingdom", "ENG", "England", "Manchester", 53.4808,
          -2.2426, "Europe/London", "Virgin Media Limited", "Virgin Media",
          "AS5089 Virgin Media Limited", ("82.14.203.9", "82.14.203.77"),
          ("2a02:c7c:9a41:4e00::2",)),
    Place("edinburgh", "GB", "United Kingdom", "SCT", "Scotland", "Edinburgh", 55.9533,
          -3.1883, "Europe/London", "Sky UK Limited", "Sky Broadband",
          "AS5607 Sky UK Limited", ("90.214.12.40",)),
    Place("paris", "FR", "France", "IDF", "Île-de-France", "Paris", 48.8566, 2.3522,
          "Europe/Paris", "Orange S.A.", "Orange", "AS3215 Orange S.A.",
          ("90.84.12.33", "2.1.33.140"), ("2a01:cb00:8a2:1c00::5",)),
    Place("berlin", "DE", "Germany", "BE", "Land Berlin", "Berlin", 52.52, 13.405,
          "Europe/Berlin", "Deutsche Telekom AG", "Deutsche Telekom AG",
          "AS3320 Deutsche Telekom AG", ("87.123.45.67",), ("2003:e5:8f1a:2300::9",)),
    Place("madrid", "ES", "Spain", "MD", "Madrid", "Madrid", 40.4168, -3.7038,
          "Europe/Madrid", "Telefonica de Espana SAU", "Movistar",
          "AS3352 TELEFONICA DE ESPANA S.A.U.", ("83.44.18.201",)),
    Place("amsterdam", "NL", "Netherlands", "NH", "North Holland", "Amsterdam", 52.3676,
          4.9041, "Europe/Amsterdam", "KPN B.V.", "KPN", "AS1136 KPN B.V.",
          ("145.53.1.20",), hosting=False),
    Place("stockholm", "SE", "Sweden", "AB", "Stockholm County", "Stockholm", 59.3293,
          18.0686, "Europe/Stockholm", "Telia Company AB", "Telia",
          "AS3301 Telia Company AB", ("78.70.4.19",)),
    Place("new_york", "US", "United States", "NY", "New York", "New York", 40.7128, -74.006,
          "America/New_York", "Verizon Business", "Verizon Fios",
          "AS701 Verizon Business", ("71.190.30.4", "108.41.12.9"),
          ("2600:4040:2d1a:c00::4",)),
    Place("chicago", "US", "United States", "IL", "Illinois", "Chicago", 41.8781, -87.6298,
          "America/Chicago", "Comcast Cable Communications", "Comcast",
          "AS7922 Comcast Cable Communications, LLC", ("73.44.120.8",)),
    Place("san_francisco", "US", "United States", "CA", "California", "San Francisco",
          37.7749, -122.4194, "America/Los_Angeles", "AT&T Services, Inc.", "AT&T",
          "AS7018 AT&T Services, Inc.", ("99.0.81.33",), ("2600:1700:3e40:5b0::21",)),
    Place("toronto", "CA", "Canada", "ON", "Ontario", "Toronto", 43.6532, -79.3832,
          "America/Toronto", "Rogers Communications Canada Inc.", "Rogers",
          "AS812 Rogers Communications Canada Inc.", ("99.229.12.5",)),
    Place("sao_paulo", "BR", "Brazil", "SP", "São Paulo", "São Paulo", -23.5505, -46.6333,
          "America/Sao_Paulo", "Claro NXT Telecomunicacoes Ltda", "Claro",
          "AS28573 Claro NXT Telecomunicacoes Ltda", ("177.34.12.90",)),
    Place("sydney", "AU", "Australia", "NSW", "New South Wales", "Sydney", -33.8688, 151.2093,
          "Australia/Sydney", "Telstra Limited", "Telstra Internet",
          "AS1221 Telstra Limited", ("1.120.14.77", "1.128.5.3"),
          ("2001:8003:a0b2:1e00::8",)),
    Place("melbourne", "AU", "Australia", "VIC", "Victoria", "Melbourne", -37.8136, 144.9631,
          "Australia/Melbourne", "TPG Telecom Limited", "TPG Internet",
          "AS7545 TPG Telecom Limited", ("110.174.3.14",)),
    Place("auckland", "NZ", "New Zealand", "AUK", "Auckland", "Auckland", -36.8485, 174.7633,
          "Pacific/Auckland", "Spark New Zealand", "Spark", "AS4771 Spark New Zealand",
          ("122.56.7.44",)),
    Place("tokyo", "JP", "Japan", "13", "Tokyo", "Tokyo", 35.6762, 139.6503, "Asia/Tokyo",
          "NTT Communications Corporation", "OCN", "AS4713 NTT Communications Corporation",
          ("153.156.20.8",), ("2400:4050:2b81:ce00::3",)),
    Place("singapore", "SG", "Singapore", "01", "Central Singapore", "Singapore", 1.3521,
          103.8198, "Asia/Singapore", "Singtel Fibre Broadband", "Singtel",
          "AS9506 Singtel Fibre Broadband", ("116.86.4.21",)),
    Place("mumbai", "IN", "India", "MH", "Maharashtra", "Mumbai", 19.076, 72.8777,
          "Asia/Kolkata", "Reliance Jio Infocomm Limited", "Jio",
          "AS55836 Reliance Jio Infocomm Limited", ("49.36.12.7",), mobile=True),
    Place("cape_town", "ZA", "South Africa", "WC", "Western Cape", "Cape Town", -33.9249,
          18.4241, "Africa/Johannesburg", "Vodacom", "Vodacom", "AS29975 Vodacom",
          ("41.13.22.60",), mobile=True),
    Place("frankfurt_vpn", "DE", "Germany", "HE", "Hesse", "Frankfurt am Main", 50.1109,
          8.6821, "Europe/Berlin", "M247 Europe SRL", "NordVPN", "AS9009 M247 Europe SRL",
          ("185.220.101.4",), proxy=True, hosting=True),
)

_BY_ADDRESS: dict[str, Place] = {
    address: place for place in PLACES for address in (*place.ipv4, *place.ipv6)
}
_BY_KEY: dict[str, Place] = {place.key: place for place in PLACES}


def place_for_address(address: str) -> Place | None:
    """The place an address is listed under, if any."""
    return _BY_ADDRESS.get(address)


def place(key: str) -> Place:
    """A place by its key, such as "london"."""
    return _BY_KEY[key]
