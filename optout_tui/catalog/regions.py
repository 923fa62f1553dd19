"""Region codes a catalog may use: ISO 3166-1 alpha-2, plus the EU and EEA as groups.

The country list was taken from the tz database's iso3166.tab (249 codes).
"""

from __future__ import annotations

from functools import lru_cache

GROUPS = frozenset({"EU", "EEA", "all"})
COUNTRIES = frozenset({
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
})


EU = frozenset({"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
                "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
                "SE"})
EEA = EU | {"IS", "LI", "NO"}


def _contains(code: str, country: str) -> bool:
    return (code == "all" or code == country or (code == "EU" and country in EU)
            or (code == "EEA" and country in EEA))


@lru_cache(maxsize=4096)
def applies_in(regions: tuple[str, ...], country: str) -> bool:
    """Whether an action with `regions` applies to someone in `country` (or EU/EEA)."""
    country = country.upper()
    if country in ("EU", "EEA"):  # a group asked for: any member counts
        members = EU if country == "EU" else EEA
        return any(applies_in(regions, member) for member in members)
    included = any(_contains(code, country) for code in regions if not code.startswith("-"))
    excluded = any(_contains(code[1:], country) for code in regions if code.startswith("-"))
    return included and not excluded


def is_region(code: str) -> bool:
    """True for `all`, `EU`, `EEA` or a country code, each optionally excluded with `-`."""
    return code.removeprefix("-") in GROUPS | COUNTRIES
