"""Many letters: files and folders to records, in worker processes."""
