"""Reading facts out of prose: pure Python over plain text, no Django and no database.

The Django side (`tendik.documents.gazetteer`) hands in what the registry knows as plain data,
so every rule here is testable on a string and the same in a worker, a command and a test.
"""
