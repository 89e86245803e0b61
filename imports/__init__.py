"""Bulk import of a whole network: one importer behind the Import page, the admin page and a command.

Built on top of contacts (it creates contacts and their ImportRun); contacts imports nothing from here.

parsers/          bytes -> Records, no database
  records.py      what parsers produce (Record, RowError, ImportFileError)
  decoding.py     size and binary checks, the encoding ladder
  tables.py       CSV: header and delimiter finding; LinkedIn, Google, Outlook and guessed column maps
  vcards.py       vCard 2.1/3.0/4.0 through vobject, one card at a time
  parsing.py      format detection and the parse() entry point
matching.py       the duplicate rule, in memory, against the network and within the file
saving.py         COPY of new contacts (rows built once, by the preview when its plan is kept)
pipeline.py       preview_import(), run_import() (one transaction), undo_import(), ANALYZE after big writes
stored_plan.py    the preview's plan kept with the upload, reused by confirm while the network is unchanged
models.py         ImportUpload: the file waiting between preview and confirm, and its job's state
jobs.py           inline or Celery execution of a step, with the Redis-down fallback
tasks.py          the Celery tasks (thin: they call jobs.py)
flow.py           the upload -> columns -> preview -> confirm steps shared by the app and admin views
views.py urls.py  the Import pages (/contacts/import/, namespace "imports")
admin.py          the contact admin's "Import contacts" page
"""
