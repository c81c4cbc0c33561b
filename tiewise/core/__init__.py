"""Pure-Python heart of Tiewise: vocabulary, snapshot types, analysis, layout,
importers and exporters. Nothing in this package imports Django, so it can be
tested on real networks without a database."""
