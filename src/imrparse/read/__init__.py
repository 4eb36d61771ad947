"""Text -> record: normalisation, the grammar, the transformer, recovery, free-text readers.

Everything here is private; :func:`imrparse.parse` is the way in.
"""
