"""The address guard: classification tables, host spellings, and refusal on every hop.

No packet leaves the machine: hops go to httpx.MockTransport and names to a stub resolver.
"""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from scraper.errors import ConnectError, RefusedAddress
from scraper.fetch import Fetcher, FetchSettings, classify_address, parse_host_address
from tests.fetch_server import run

CLASSIFY = [
    ("93.184.216.34", None),
    ("8.8.8.8", None),
    ("1.1.1.1", None),
    ("2606:4700::1", None),
    ("2001:4860:4860::8888", None),
    ("::ffff:93.184.216.34", None),
    ("2002:5db8:d822::1", None),  # 6to4 of a public address
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("10.0.0.5", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "shared"),
    ("100.127.255.255", "shared"),
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "unspecified"),
    ("192.0.0.8", "reserved"),
    ("192.0.2.1", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.255", "benchmarking"),
    ("224.0.0.251", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"),
    ("fc00::1", "unique-local"),
    ("fd12:3456:789a::1", "unique-local"),
    ("ff02::1", "multicast"),
    ("2001:db8::1", "documentation"),
    ("100::1", "reserved"),
    ("::ffff:127.0.0.1", "v4-mapped:loopback"),
    ("::ffff:10.1.2.3", "v4-mapped:private"),
    ("::ffff:169.254.169.254", "v4-mapped:link-local"),
    ("::127.0.0.1", "v4-compatible:loopback"),
    ("::93.184.216.34", "v4-compatible:deprecated"),
    ("64:ff9b::7f00:1", "nat64:loopback"),
    ("64:ff9b:1::1", "private"),
    ("2002:7f00:1::1", "6to4:loopback"),
    ("2002:a9fe:a9fe::", "6to4:link-local"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "teredo:loopback"),  # client 127.0.0.1, obfuscated
    ("not-an-ip", "invalid"),
]


@pytest.mark.parametrize(("address", "reason"), CLASSIFY, ids=[a for a, _ in CLASSIFY])
def test_classify_address(address: str, reason: str | None) -> None:
    """Each address gets its reason, or None when it is public."""
    assert classify_address(address) == reason


SPELLINGS = [
    ("127.0.0.1", "127.0.0.1"),
    ("2130706433", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"),
    ("127.0.1", "127.0.0.1"),
    ("0", "0.0.0.0"),
    ("0xA9.0xFE.0xA9.0xFE", "169.254.169.254"),
    ("012.0.0.5", "10.0.0.5"),
    ("127.0.0.1.", "127.0.0.1"),
    ("[::1]", "::1"),
    ("::ffff:7f00:1", "::ffff:127.0.0.1"),
    ("example.com", None),
    ("256.0.0.1", None),
    ("1.2.3.4.5", None),
    ("08.0.0.1", None),
    ("127.0.0.1x", None),
    ("1..2", None),
    ("0x", "0.0.0.0"),
]


@pytest.mark.parametrize(("host", "expected"), SPELLINGS, ids=[h for h, _ in SPELLINGS])
def test_parse_host_address(host: str, expected: str | None) -> None:
    """A host is read as an address the way inet_aton would, or is a name (None)."""
    parsed = parse_host_address(host)
    assert parsed == (ipaddress.ip_address(expected) if expected else None)


def stub_resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise OSError(f"stub: unknown host {host}")
        return table[host]

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def mock_site(routes: dict[str, httpx.Response]) -> tuple[httpx.MockTransport, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return routes.get(str(request.url), httpx.Response(404))

    return httpx.MockTransport(handler), seen


GUARDED = FetchSettings(allow_private=False, timeout=5.0, trust_env=False)

REFUSED_FIRST_HOP = [
    ("http://127.0.0.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://0x7f.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "v4-mapped:loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://internal.example/", "private"),
    ("http://mixed.example/", "private"),
    ("http://metadata.example/", "link-local"),
    ("http://localhost:8080/", "loopback"),
    ("http://app.localhost/", "loopback"),
    ("http://[fe80::1%25eth0]/", "link-local"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED_FIRST_HOP, ids=[u for u, _ in REFUSED_FIRST_HOP])
def test_refused_before_any_request(url: str, reason: str) -> None:
    """A non-public literal or resolved address is refused before the transport is called."""
    resolver = stub_resolver({
        "internal.example": ["10.0.0.5"],
        "mixed.example": ["93.184.216.34", "10.0.0.5"],
        "metadata.example": ["169.254.169.254"],
    })
    transport, seen = mock_site({})

    async def main() -> None:
        async with Fetcher(GUARDED, transport=transport, resolver=resolver) as fetcher:
            with pytest.raises(RefusedAddress, match=reason) as info:
                await fetcher.fetch(url)
        assert info.value.url == url
        assert info.value.reason == "refused-address"

    run(main())
    assert seen == []


def test_redirect_to_metadata_address_refused_on_the_hop() -> None:
    """A public host that redirects to 169.254.169.254 is refused before the second request."""
    resolver = stub_resolver({"news.example": ["93.184.216.34"]})
    transport, seen = mock_site({
        "http://news.example/story": httpx.Response(
            302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
        ),
    })

    async def main() -> None:
        async with Fetcher(GUARDED, transport=transport, resolver=resolver) as fetcher:
            with pytest.raises(RefusedAddress, match="link-local"):
                await fetcher.fetch("http://news.example/story")

    run(main())
    assert seen == ["http://news.example/story"]


def test_redirect_to_name_resolving_private_refused() -> None:
    """A redirect to a host name that resolves to a private address is refused too."""
    resolver = stub_resolver({"news.example": ["93.184.216.34"], "intranet.example": ["192.168.0.10"]})
    transport, seen = mock_site({
        "http://news.example/": httpx.Response(301, headers={"Location": "http://intranet.example/admin"}),
    })

    async def main() -> None:
        async with Fetcher(GUARDED, transport=transport, resolver=resolver) as fetcher:
            with pytest.raises(RefusedAddress, match=r"192\.168\.0\.10"):
                await fetcher.fetch("http://news.example/")

    run(main())
    assert seen == ["http://news.example/"]
    assert resolver.calls == ["news.example", "intranet.example"]  # type: ignore[attr-defined]


def test_public_host_fetched_with_resolved_address_recorded() -> None:
    """A host resolving only to public addresses is fetched; the address is recorded."""
    resolver = stub_resolver({"news.example": ["93.184.216.34", "2606:4700::1"]})
    transport, _ = mock_site({"http://news.example/": httpx.Response(200, text="<p>ok</p>")})

    async def main() -> None:
        async with Fetcher(GUARDED, transport=transport, resolver=resolver) as fetcher:
            fetched = await fetcher.fetch("http://news.example/")
        assert fetched.final.status == 200
        assert fetched.final.ip_address == "93.184.216.34"

    run(main())


def test_unresolvable_host_is_a_connect_error() -> None:
    """A name the resolver cannot resolve raises ConnectError naming the host."""
    transport, seen = mock_site({})

    async def main() -> None:
        async with Fetcher(GUARDED, transport=transport, resolver=stub_resolver({})) as fetcher:
            with pytest.raises(ConnectError, match=r"nowhere\.example"):
                await fetcher.fetch("http://nowhere.example/")

    run(main())
    assert seen == []


def test_allow_private_skips_the_guard() -> None:
    """With allow_private, a private literal address is fetched (here from the mock)."""
    transport, seen = mock_site({"http://10.0.0.5/": httpx.Response(200, text="intranet")})
    settings = FetchSettings(allow_private=True, trust_env=False)

    async def main() -> None:
        async with Fetcher(settings, transport=transport) as fetcher:
            fetched = await fetcher.fetch("http://10.0.0.5/")
        assert fetched.final.body == b"intranet"

    run(main())
    assert seen == ["http://10.0.0.5/"]
