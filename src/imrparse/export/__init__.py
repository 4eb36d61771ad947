"""Record -> data: plain data and JSON Schema, table rows, CSV, JSON lines and Parquet."""
