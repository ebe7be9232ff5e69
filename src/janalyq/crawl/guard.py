"""SSRF guard: refuse connections to private, loopback and link-local addresses.

The check runs where the socket is opened (an httpcore network backend), on the address that
is actually dialled, so it also covers redirects and DNS answers that change between a check
and the connection.  Loopback and private ranges are allowed only by explicit settings (the
tests allow loopback to crawl their own servers on 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpcore
from httpcore._backends.auto import AutoBackend

REFUSED_PREFIX = "refused by the SSRF guard"
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")


def refusal_reason(address: str, allow_loopback: bool, allow_private: bool) -> str | None:
    """Why a connection to this IP address is refused, or None when it is allowed."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 inside IPv6: the IPv4 host it reaches decides (6to4 relays deliver to it).
        if ip.ipv4_mapped or ip.sixtofour:
            ip = ip.ipv4_mapped or ip.sixtofour
        elif ip in _SITE_LOCAL:  # deprecated, but still routed inside some networks
            return None if allow_private else f"{ip} is a site-local address"
    if ip.version == 4 and ip in _IETF_PROTOCOL:  # 192.0.0.8 (dummy), NAT64 and DS-Lite ranges
        return f"{ip} is not a unicast host address"
    if ip.is_loopback:
        return None if allow_loopback else f"{ip} is a loopback address"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return f"{ip} is not a unicast host address"
    if ip.is_link_local:
        return None if allow_private else f"{ip} is a link-local address"
    if ip.is_private or not ip.is_global:
        return None if allow_private else f"{ip} is a private address"
    return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host itself, checks every address, and dials only an allowed one."""

    def __init__(self, allow_loopback: bool, allow_private: bool) -> None:
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private
        self._inner = AutoBackend()

    async def resolve(self, host: str, port: int) -> list[str]:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
        return list(dict.fromkeys(info[4][0] for info in infos))

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = await self.resolve(host, port)
        reasons = []
        for address in addresses:
            reason = refusal_reason(address, self.allow_loopback, self.allow_private)
            if reason is None:
                return await self._inner.connect_tcp(address, port, timeout=timeout,
                                                     local_address=local_address,
                                                     socket_options=socket_options)
            reasons.append(reason)
        raise httpcore.ConnectError(f"{REFUSED_PREFIX}: {host} resolves to {'; '.join(reasons)}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.ConnectError(f"{REFUSED_PREFIX}: unix sockets are not crawled")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
