"""The geolocation part of the forms: which provider, its files or addresses, and checks.

Shared by the first form and the options so both offer the same choices and refuse the same
mistakes: a MaxMind file that is missing or not a MaxMind DB, an address plex.tv's token
would reach in clear text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import selector

from .const import (
    CONF_DBIP_URL,
    CONF_GEO_PROVIDER,
    CONF_GEO_URL,
    CONF_MMDB_ASN_PATH,
    CONF_MMDB_CITY_PATH,
    CONF_PLEXTV_URL,
    GEO_PROVIDER_MAXMIND,
    GEO_PROVIDER_PLEXTV,
    GEO_PROVIDERS,
)
from .core.geo.mmdb import PROBLEM_MISSING, DatabaseUnavailable, open_reader
from .core.geo.plextv import InsecureTokenURL, check_url

PROVIDER_SELECTOR = selector.SelectSelector(
    selector.SelectSelectorConfig(
        options=list(GEO_PROVIDERS),
        translation_key=CONF_GEO_PROVIDER,
        mode=selector.SelectSelectorMode.LIST,
    )
)
# Every option this module owns; the flows copy exactly these into the entry's options.
GEO_OPTIONS = (
    CONF_GEO_PROVIDER,
    CONF_MMDB_CITY_PATH,
    CONF_MMDB_ASN_PATH,
    CONF_GEO_URL,
    CONF_DBIP_URL,
    CONF_PLEXTV_URL,
)


def provider_options(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """The geolocation options a form's answer sets (trimmed paths)."""
    chosen = {key: user_input[key] for key in GEO_OPTIONS if key in user_input}
    for key in (CONF_MMDB_CITY_PATH, CONF_MMDB_ASN_PATH):
        if key in chosen:
            chosen[key] = str(chosen[key]).strip()
    return chosen


def _check_file(path_text: str) -> str | None:
    """The error key for a MaxMind DB file that cannot be used, or None; blocking."""
    if not path_text:
        return "mmdb_missing"
    try:
        open_reader(Path(path_text)).close()
    except DatabaseUnavailable as err:
        return "mmdb_missing" if err.problem == PROBLEM_MISSING else "mmdb_invalid"
    return None


async def async_check_provider(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Form errors for the provider part of an answer (empty when it can be used)."""
    chosen = provider_options(user_input)
    errors: dict[str, str] = {}
    name = chosen.get(CONF_GEO_PROVIDER)
    if name == GEO_PROVIDER_MAXMIND:
        city = await hass.async_add_executor_job(_check_file, chosen.get(CONF_MMDB_CITY_PATH, ""))
        if city is not None:
            errors[CONF_MMDB_CITY_PATH] = city
        if asn_path := chosen.get(CONF_MMDB_ASN_PATH, ""):
            asn = await hass.async_add_executor_job(_check_file, asn_path)
            if asn is not None:
                errors[CONF_MMDB_ASN_PATH] = asn
    if name == GEO_PROVIDER_PLEXTV and CONF_PLEXTV_URL in chosen:
        try:
            check_url(str(chosen[CONF_PLEXTV_URL]))
        except InsecureTokenURL:
            errors[CONF_PLEXTV_URL] = "insecure_url"
    return errors
