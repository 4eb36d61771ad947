"""Record -> text: the letter (:func:`imrparse.render`), extraction layouts, the report."""
