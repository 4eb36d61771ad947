"""The ``imrparse`` command line, and nothing else."""
