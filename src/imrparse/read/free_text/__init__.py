"""Facts read from the free text of a letter: dates, the claimant, lists, citations."""
