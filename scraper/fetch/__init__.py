"""The fetch layer: the only package that imports httpx.

`Fetcher` fetches (guards, redirects, caps, deadline), `RobotsCache` answers robots.txt
questions, `fetch_page` is the one-shot polite fetch behind `scraper extract URL`.
"""

from __future__ import annotations

from scraper.fetch.client import Fetched, Fetcher
from scraper.fetch.exchange import Exchange
from scraper.fetch.guard import Resolver, classify_address, parse_host_address
from scraper.fetch.oneshot import fetch_page
from scraper.fetch.robots import RobotsCache, RobotsVerdict
from scraper.fetch.settings import FetchSettings

__all__ = [
    "Exchange",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "Resolver",
    "RobotsCache",
    "RobotsVerdict",
    "classify_address",
    "fetch_page",
    "parse_host_address",
]
