"""Turning uploaded bytes into text: size and binary checks, then the encoding ladder."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from django.conf import settings

from .records import ImportFileError

DETECTION_SAMPLE = 256 * 1024

# Legacy encodings charset-normalizer may find that are not Western European, by label.
# Western files are read as Windows-1252 (then Latin-1): a statistical guess between
# cp1252, cp1250, cp775 and mac_roman on a short file is less reliable than the rule.
OTHER_SCRIPTS = {
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "mac_cyrillic": "Mac Cyrillic",
    "cp1253": "Windows-1253 (Greek)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp874": "Windows-874 (Thai)",
    "cp932": "Shift JIS (Japanese)",
    "shift_jis": "Shift JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb18030": "GB18030 (Chinese)",
    "gb2312": "GB2312 (Chinese)",
    "big5": "Big5 (Chinese)",
    "cp949": "CP949 (Korean)",
    "euc_kr": "EUC-KR (Korean)",
}


def max_bytes() -> int:
    return settings.NETWEAVE_IMPORT_MAX_BYTES


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportFileError(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:.0f} MB. "
            "Split it into smaller files and import them one after the other."
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 64 KB: a spreadsheet, image or archive."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding label)``.

    UTF-8 (with or without a byte-order mark) first; UTF-16 when it says so with a
    BOM (some Outlook versions); then Windows-1252, the usual Excel/Outlook export
    on Windows; Latin-1 decodes anything, so it is the last resort.
    """
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("The file is empty. Export your contacts again and upload the file it gives you.")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), "UTF-16"
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise ImportFileError(
            "This is not a text file (it looks like a spreadsheet, an image or an archive). "
            "Save or export it as CSV or vCard (.vcf) and upload that."
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (with BOM)"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    candidates = [match.encoding for match in from_bytes(data[:DETECTION_SAMPLE])]
    if candidates and "cp1252" not in candidates and candidates[0] in OTHER_SCRIPTS:
        return data.decode(candidates[0], errors="replace"), OTHER_SCRIPTS[candidates[0]]
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
