"""Turning an uploaded file into Records: decoding, CSV tables, vCards; nothing here touches the database."""
