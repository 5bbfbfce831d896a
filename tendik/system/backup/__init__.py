"""`manage.py backup` and `restore`: one archive holding the database, the private files and a
manifest of checksums; restored only whole, only when every checksum agrees."""
