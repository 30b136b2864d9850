"""Which addresses the fetcher may connect to: public ones, unless private ones are allowed.

`parse_host_address` reads a URL host the way the C resolver would (inet_aton: decimal
"2130706433", octal "0177.0.0.1", hex "0x7f.1", short "127.1"), so a spelled-out loopback
cannot slip past as a "hostname". `classify_address` names why an address is not public,
checking the explicit table first (in order) and Python's `is_global` last, because
`is_global` alone misses some cases (multicast counts as global; 3.11 knows nothing of some
IPv6 blocks) and says nothing about the v4 address embedded in a v6 one.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# Checked in order; the first match names the reason.
V4_BLOCKS: tuple[tuple[ipaddress.IPv4Network, str], ...] = (
    (_V4("0.0.0.0/8"), "unspecified"),  # "this network"; 0.0.0.0 reaches the local host on Linux
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("10.0.0.0/8"), "private"),
    (_V4("172.16.0.0/12"), "private"),
    (_V4("192.168.0.0/16"), "private"),
    (_V4("169.254.0.0/16"), "link-local"),  # includes the cloud metadata address 169.254.169.254
    (_V4("100.64.0.0/10"), "shared"),  # carrier-grade NAT (RFC 6598)
    (_V4("192.0.0.0/24"), "reserved"),  # IETF protocol assignments
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("192.88.99.0/24"), "reserved"),  # deprecated 6to4 relay anycast
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("255.255.255.255/32"), "broadcast"),
    (_V4("240.0.0.0/4"), "reserved"),
)

V6_BLOCKS: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "site-local"),
    (_V6("fc00::/7"), "unique-local"),
    (_V6("ff00::/8"), "multicast"),
    (_V6("64:ff9b:1::/48"), "private"),  # local-use NAT64 (RFC 8215)
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("2001:2::/48"), "benchmarking"),
    (_V6("100::/64"), "reserved"),  # discard-only
    (_V6("2001:10::/28"), "reserved"),  # ORCHID
    (_V6("2001:20::/28"), "reserved"),  # ORCHIDv2
)

# v6 blocks that carry a v4 address: (block, label, how to get the v4 address out).
V4_MAPPED = _V6("::ffff:0:0/96")
V4_TRANSLATED = _V6("::ffff:0:0:0/96")  # SIIT
V4_COMPATIBLE = _V6("::/96")  # deprecated; :: and ::1 are caught by V6_BLOCKS first
NAT64 = _V6("64:ff9b::/96")
SIX_TO_FOUR = _V6("2002::/16")
TEREDO = _V6("2001::/32")


def _low32(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def _embedded(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The v4 address an IPv6 address carries, with the mechanism's name."""
    if ip in V4_MAPPED:
        return "v4-mapped", _low32(ip)
    if ip in V4_TRANSLATED:
        return "v4-translated", _low32(ip)
    if ip in NAT64:
        return "nat64", _low32(ip)
    if ip in SIX_TO_FOUR:
        return "6to4", ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF)
    if ip in TEREDO:
        teredo = ip.teredo
        if teredo is not None:
            return "teredo", teredo[1]  # the client address (de-obfuscated by ipaddress)
    if ip in V4_COMPATIBLE:
        return "v4-compatible", _low32(ip)
    return None


def _classify_v4(ip: ipaddress.IPv4Address) -> str | None:
    for network, reason in V4_BLOCKS:
        if ip in network:
            return reason
    return None if ip.is_global else "reserved"


def _classify_v6(ip: ipaddress.IPv6Address) -> str | None:
    for network, reason in V6_BLOCKS:
        if ip in network:
            return reason
    carried = _embedded(ip)
    if carried is not None:
        label, v4 = carried
        inner = _classify_v4(v4)
        if label == "v4-compatible":
            # Deprecated and unroutable: refuse even when the carried address is public.
            return f"{label}:{inner or 'deprecated'}"
        return f"{label}:{inner}" if inner else None
    return None if ip.is_global else "reserved"


# Names that always mean this machine (RFC 6761), refused without asking the resolver.
LOOPBACK_NAMES = ("localhost", "localhost.", "localhost.localdomain")
LOOPBACK_SUFFIXES = (".localhost", ".localhost.")


def classify_name(host: str) -> str | None:
    """"loopback" for localhost names, else None (the name must be resolved to tell)."""
    name = host.strip().lower()
    return "loopback" if name in LOOPBACK_NAMES or name.endswith(LOOPBACK_SUFFIXES) else None


def as_address(ip: str | IPAddress) -> IPAddress:
    """An address object from a string; an IPv6 zone ("fe80::1%eth0") is dropped."""
    if isinstance(ip, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return ip
    text = ip.strip().strip("[]").split("%", 1)[0]
    return ipaddress.ip_address(text)


def classify_address(ip: str | IPAddress) -> str | None:
    """None when `ip` is a public address; else why not ("loopback", "v4-mapped:private"...).

    A string that is not an IP address at all is "invalid".
    """
    try:
        address = as_address(ip)
    except ValueError:
        return "invalid"
    if isinstance(address, ipaddress.IPv4Address):
        return _classify_v4(address)
    return _classify_v6(address)


def _inet_aton_part(part: str) -> int | None:
    """One dotted part as inet_aton reads it: 0x.. hex, 0.. octal, else decimal."""
    if not part:
        return None
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:], 16) if len(lowered) > 2 else 0
        if len(lowered) > 1 and lowered.startswith("0"):
            return int(lowered[1:], 8)
        return int(lowered, 10) if lowered.isdigit() else None
    except ValueError:
        return None


def _parse_inet_aton(host: str) -> ipaddress.IPv4Address | None:
    """a, a.b, a.b.c, a.b.c.d with the last part filling the remaining bytes (BSD inet_aton)."""
    parts = host.split(".")
    if len(parts) > 4:
        return None
    values = [_inet_aton_part(part) for part in parts]
    if any(value is None for value in values):
        return None
    numbers = [value for value in values if value is not None]
    *head, last = numbers
    if any(value > 0xFF for value in head):
        return None
    if last >= 1 << (8 * (4 - len(head))):
        return None
    total = 0
    for value in head:
        total = (total << 8) | value
    total = (total << (8 * (4 - len(head)))) | last
    return ipaddress.IPv4Address(total)


def parse_host_address(host: str) -> IPAddress | None:
    """The IP address a URL host spells, in any form the resolver accepts; None for a name."""
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if text.endswith(".") and text[:-1].replace(".", "").isalnum():
        text = text[:-1]  # "127.0.0.1." is still 127.0.0.1 to the resolver
    if ":" in text:
        try:
            return as_address(text)
        except ValueError:
            return None
    return _parse_inet_aton(text)


async def default_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host:port."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))
