"""Uploads are bounded before they are kept: a file over NETWEAVE_IMPORT_MAX_BYTES is never stored.

Django's own handlers would first write the whole body to memory or a temporary
file, and only then would the form see its size. This handler, first in
FILE_UPLOAD_HANDLERS, reads the request's Content-Length before any byte of the
file, and once the file is over the limit (by that header or by counting) it
swallows the remaining bytes instead of storing them. The form then receives an
empty stand-in that carries the real size, so it answers with its usual page
naming the limit, never a 400, 413 or 500.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class RefusedUpload(SimpleUploadedFile):
    """Stands in for a file that was too large to keep: no bytes, the size it had."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(name, b"")
        self.size = size


class UploadSizeLimit(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        self.request_length = content_length or 0  # None: parse as usual, with the limit below

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.refused = self.request_length > settings.NETWEAVE_IMPORT_MAX_BYTES + 64 * 1024  # form fields
        if self.refused:
            raise StopFutureHandlers  # no memory buffer or temporary file is even opened

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received = start + len(raw_data)
        if self.received > settings.NETWEAVE_IMPORT_MAX_BYTES:
            self.refused = True
        return None if self.refused else raw_data

    def file_complete(self, file_size: int) -> RefusedUpload | None:
        if not self.refused:
            return None  # the next handler keeps the file as usual
        return RefusedUpload(self.file_name or "upload", max(self.received, self.request_length))
