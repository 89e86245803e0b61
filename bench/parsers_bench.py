"""Time two hostile uploads through the Import page, as a browser would send them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nw_parsers SECRET_KEY=x \\
        .venv/bin/python bench/parsers_bench.py [--only vcard|columns]

(a) an 860 KB vCard whose NOTE is one QUOTED-PRINTABLE value made of soft line
    breaks: POST to the upload page (the preview runs in the request; the inline
    limit is raised for the bench so no worker is needed), then the preview page;
(b) a CSV whose header has 200,000 columns: POST to the upload page, then the
    column-mapping page it leads to.
Prints the wall time of each and the answer (the page or the message shown).
The bench user is removed afterwards. Run it on a migrated scratch database.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The vCard is over the inline limit; the bench times the parser, not the queue.
os.environ.setdefault("NETWEAVE_IMPORT_INLINE_KB", "4096")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402

USERNAME = "parsers-bench"


def soft_break_vcard(size: int = 860 * 1024) -> bytes:
    """One 2.1 card whose NOTE is ``ab=`` soft breaks until the file is ``size`` bytes."""
    head = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
    tail = b"ab\r\nEND:VCARD\r\n"
    breaks = (size - len(head) - len(tail)) // 5
    return head + b"ab=\r\n" * breaks + tail


def wide_csv(columns: int = 200_000) -> bytes:
    header = ",".join(["First Name", "Email", *(f"c{i}" for i in range(columns - 2))])
    return f"{header}\nAda,ada@example.com\n".encode()


def message_of(html: str) -> str:
    found = re.search(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', html, re.S) or re.search(
        r'role="alert"[^>]*>(.*?)</div>', html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())[:160] if found else ""


def upload(client: Client, name: str, data: bytes) -> tuple[float, str]:
    started = time.perf_counter()
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(name, data), "format": "auto"})
    answer = f"upload {response.status_code}"
    if response.status_code == 302:
        page = client.get(response.url)
        answer += f" -> {response.url} {page.status_code} ({len(page.content) / 1024:.0f} KB page)"
    else:
        answer += f": {message_of(response.content.decode())}"
    return time.perf_counter() - started, answer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["vcard", "columns"])
    args = parser.parse_args()
    User.objects.filter(username=USERNAME).delete()
    user = User.objects.create_user(username=USERNAME, password="x")  # noqa: S106
    client = Client()
    client.force_login(user)
    try:
        if args.only in (None, "vcard"):
            data = soft_break_vcard()
            seconds, answer = upload(client, "soft-breaks.vcf", data)
            print(f"(a) {len(data) / 1024:.0f} KB vCard of QP soft breaks: {seconds:.2f} s; {answer}")
        if args.only in (None, "columns"):
            data = wide_csv()
            seconds, answer = upload(client, "wide.csv", data)
            print(f"(b) CSV with a 200,000-column header ({len(data) / 1024:.0f} KB): {seconds:.2f} s; {answer}")
    finally:
        User.objects.filter(username=USERNAME).delete()


if __name__ == "__main__":
    main()
