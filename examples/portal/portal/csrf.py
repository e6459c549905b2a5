"""CSRF protection for every POST, without server state: a signed double-submit token.

The browser gets a random nonce with its HMAC under a key derived from the server secret, in
an HttpOnly, SameSite=Lax cookie; every form carries the same token in a hidden field (the
password check sends it in a header). A POST passes only when both are present, equal and
correctly signed, and its Origin, when the browser sends one, is this site. Another site can
make the browser send the cookie but cannot read it to fill the field, and cannot mint a
token of its own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Optional

COOKIE = "csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"


class Csrf:
    def __init__(self, secret: bytes) -> None:
        self.key = hashlib.blake2b(b"portal csrf token", key=secret, digest_size=32).digest()

    def sign(self, nonce: str) -> str:
        return hmac.new(self.key, nonce.encode(), hashlib.sha256).hexdigest()

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self.sign(nonce)}"

    def valid(self, token: Optional[str]) -> bool:
        nonce, _, tag = (token or "").partition(".")
        return bool(nonce) and hmac.compare_digest(tag.encode(), self.sign(nonce).encode())

    def passes(self, cookie: Optional[str], sent: Optional[str], origin: Optional[str], site: str) -> bool:
        """Whether a POST carrying ``sent`` (field or header) is this site's own."""
        if origin is not None and origin != site:
            return False
        return cookie is not None and sent is not None and hmac.compare_digest(cookie.encode(), sent.encode()) and self.valid(cookie)
